//! Named-entity recognition model (being built).
