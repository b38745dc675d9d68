//! Named entities: recognition (a statistical model), type refinement
//! (dictionaries: GPE, NORP) and in-article coreference with roles.
//! (Being built; see the linguistic core issue.)

pub mod coref;
mod coref_names;
mod coref_roles;
pub mod ner;
pub mod refine;
