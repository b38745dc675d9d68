//! Tokens and sentences.

use crate::document::Span;

/// Token spans of `text`.
pub fn tokenize(text: &str) -> Vec<Span> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                tokens.push(Span::new(s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        tokens.push(Span::new(s, text.len()));
    }
    tokens
}

/// Sentence spans of `text`, given its tokens.
pub fn split_sentences(text: &str, tokens: &[Span]) -> Vec<Span> {
    match (tokens.first(), tokens.last()) {
        (Some(first), Some(last)) if !text.is_empty() => {
            vec![Span::new(first.start as usize, last.end as usize)]
        }
        _ => Vec::new(),
    }
}
