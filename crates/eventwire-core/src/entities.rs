//! Named entities: recognition, type refinement and in-article coreference.
//! (Being built; see the linguistic core issue.)
