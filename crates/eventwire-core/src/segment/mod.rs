//! Tokens and sentences of English news text.
//!
//! Tokens follow UD English EWT conventions: punctuation is split off,
//! clitics are separate tokens ("do" "n't", "Russia" "'s"), numbers, URLs,
//! e-mail addresses, handles and hashtags stay whole, abbreviations keep
//! their period. Spans are byte offsets on char boundaries and never cover
//! whitespace. Both passes are linear in the length of the text.

mod lexicon;
mod sentences;
mod tokens;

pub use sentences::split_sentences;
pub use tokens::tokenize;

use crate::document::Span;

/// Sentences and tokens of `text`: `(sentences, tokens)`.
pub fn segment(text: &str) -> (Vec<Span>, Vec<Span>) {
    let tokens = tokenize(text);
    let sentences = split_sentences(text, &tokens);
    (sentences, tokens)
}

#[cfg(test)]
mod tests;
