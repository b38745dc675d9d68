//! Time expressions: recognition (TIMEX3 types DATE, TIME, DURATION, SET)
//! and normalisation to TIMEX3 values against the article's own clock.
//! (Being built: the signature is fixed, the body is not.)

use crate::document::{Span, TimeExpression, Token};

/// The clock relative expressions are resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor<'a> {
    /// `YYYY-MM-DD` (a longer ISO date-time is fine); `None` leaves relative values null.
    pub date: Option<&'a str>,
    /// Where the date came from: `"dateline"`, `"published"` or `"none"`.
    pub source: &'static str,
}

/// Every time expression in `text`, in order, with its TIMEX3 value.
/// `tokens` may be empty or carry no tags (then tense comes from the words alone).
pub fn find_times(
    text: &str,
    sentences: &[Span],
    tokens: &[Token],
    anchor: &Anchor,
) -> Vec<TimeExpression> {
    let _ = (text, sentences, tokens, anchor);
    Vec::new()
}
