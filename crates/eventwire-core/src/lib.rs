//! eventwire's core: turns a news article into an analysed [`Document`].
//!
//! One module per pipeline stage. The core does no I/O of its own: readers
//! take bytes or a reader they are handed, stages are plain functions of a
//! document (and, later, loaded models).

pub mod actors;
pub mod calendar;
pub mod clean;
pub mod clusters;
pub mod counts;
pub mod dateline;
pub mod document;
pub mod entities;
pub mod events;
pub mod extract;
pub mod model;
pub mod models;
pub mod numbers;
pub mod parse;
pub mod pipeline;
pub mod places;
pub mod provenance;
pub mod quotes;
pub mod read;
pub mod segment;
pub mod tag;
pub mod time;

pub use document::{Document, Span};
pub use models::Models;
