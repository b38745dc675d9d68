//! Shared machinery of the statistical stages (tagging, parsing, entities):
//! hashed sparse features, an averaged-perceptron trainer, the frozen linear
//! model used at run time, and the compressed container the models ship in.
//!
//! Every statistical model in eventwire is a linear model over hashed
//! features: cheap to score (a few table lookups per feature), small once
//! quantised, and trainable in seconds to minutes on one core.

pub mod container;
pub mod hash;
pub mod linear;
pub mod perceptron;
pub mod rng;

pub use container::{Container, ContainerBuilder, ModelError};
pub use hash::{hash_str, mix, Feature};
pub use linear::{LinearModel, StoredRows};
pub use perceptron::AveragedPerceptron;
pub use rng::SplitMix64;
