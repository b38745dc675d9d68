//! Type refinement with dictionaries: LOC to GPE, MISC to NORP (being built).
