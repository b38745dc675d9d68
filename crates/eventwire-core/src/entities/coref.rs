//! Coreference of named entities within one article (being built).
