//! Word clusters learned from unlabelled news text (being built).
