//! Sentence splitter over tokens.
//!
//! A boundary falls after a token when the gap to the next token holds a
//! blank line, when a line ends that looks like a headline or a list item,
//! or after sentence-final punctuation (with any closing quotes and brackets
//! glued to it) followed by something that can start a sentence. Periods of
//! abbreviations end a sentence only before a clear sentence starter.

use super::lexicon::{abbreviation_kind, is_sentence_starter, AbbrevKind};
use super::tokens::is_terminal;
use crate::document::Span;

/// Lines longer than this (in bytes) are taken for wrapped prose, not headlines.
const HEADLINE_MAX_BYTES: usize = 100;

/// Sentence spans of `text`, given its tokens (in order, as [`super::tokenize`] makes them).
pub fn split_sentences(text: &str, tokens: &[Span]) -> Vec<Span> {
    let mut sentences = Vec::with_capacity(tokens.len() / 16 + 1);
    let mut first = 0;
    for k in 0..tokens.len() {
        let last = k + 1 == tokens.len();
        if last || ends_sentence(text, tokens, k) {
            let (start, end) = (tokens[first].start as usize, tokens[k].end as usize);
            if start < end && end <= text.len() {
                sentences.push(Span::new(start, end));
            }
            first = k + 1;
        }
    }
    sentences
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// Tokens touch.
    None,
    /// Spaces only.
    Space,
    /// One line break.
    Newline,
    /// A blank line: always a boundary.
    Paragraph,
}

fn gap_kind(text: &str, from: usize, to: usize) -> Gap {
    let Some(gap) = text.as_bytes().get(from..to) else {
        return Gap::None;
    };
    match gap {
        [] => return Gap::None,
        [b' '] => return Gap::Space,
        _ => {}
    }
    let newlines = gap.iter().filter(|&&b| b == b'\n').count();
    match newlines {
        0 if gap.contains(&b'\r') => Gap::Newline,
        0 => Gap::Space,
        1 => Gap::Newline,
        _ => Gap::Paragraph,
    }
}

fn token_text<'t>(text: &'t str, tokens: &[Span], k: usize) -> &'t str {
    tokens
        .get(k)
        .and_then(|t| text.get(t.range()))
        .unwrap_or("")
}

fn first_char(s: &str) -> char {
    s.chars().next().unwrap_or('\0')
}

fn is_closing(token: &str) -> bool {
    matches!(
        token,
        "\"" | "'" | "''" | "\u{201D}" | "\u{2019}" | ")" | "]" | "}" | "\u{BB}" | "\u{203A}"
    )
}

fn is_opening(token: &str) -> bool {
    matches!(
        token,
        "\"" | "'" | "``" | "\u{201C}" | "\u{2018}" | "(" | "[" | "{" | "\u{AB}" | "\u{2039}"
    )
}

fn is_terminal_token(token: &str) -> bool {
    !token.is_empty() && token.chars().all(is_terminal)
}

/// Whether a sentence ends after token `k` (which has a successor).
fn ends_sentence(text: &str, tokens: &[Span], k: usize) -> bool {
    let gap = gap_kind(text, tokens[k].end as usize, tokens[k + 1].start as usize);
    match gap {
        Gap::Paragraph => return true,
        // "end.)" and "said.”" keep their closing marks; glued tokens never split.
        Gap::None => return false,
        Gap::Space => {
            // Fast path: most tokens are words, which end a sentence only at a line end.
            let last_byte = text
                .as_bytes()
                .get((tokens[k].end as usize).wrapping_sub(1))
                .copied()
                .unwrap_or(0);
            if last_byte.is_ascii_alphanumeric() {
                return false;
            }
        }
        Gap::Newline => {}
    }
    // The token carrying the sentence-final mark, looking back over closing quotes and brackets.
    let mut mark = k;
    while mark > 0
        && k - mark < 3
        && is_closing(token_text(text, tokens, mark))
        && tokens[mark].start == tokens[mark - 1].end
    {
        mark -= 1;
    }
    let mark_text = token_text(text, tokens, mark);
    let next_index = next_content_token(text, tokens, k + 1);
    let next = token_text(text, tokens, next_index);
    if is_terminal_token(mark_text) {
        if gap == Gap::Newline {
            return true;
        }
        let c = first_char(next);
        if is_terminal_token(next) || matches!(c, ',' | ';' | ':' | ')' | ']') {
            return false;
        }
        // After a closing quote a lowercase word continues the sentence ("Why?” he asked);
        // after bare final punctuation it starts a new one, as informal text often does.
        let ellipsis = mark_text.starts_with('\u{2026}') || mark_text.starts_with("..");
        return !(c.is_lowercase() && (mark != k || ellipsis));
    }
    if mark_text.len() > 1 && mark_text.ends_with('.') {
        if let Some(ends) = abbreviation_ends_sentence(mark_text, next, gap) {
            return ends;
        }
    }
    gap == Gap::Newline && line_ends_sentence(text, tokens, k)
}

/// The token at `k`, or the one after it when `k` is an opening quote or bracket.
fn next_content_token(text: &str, tokens: &[Span], k: usize) -> usize {
    if is_opening(token_text(text, tokens, k)) && k + 1 < tokens.len() {
        k + 1
    } else {
        k
    }
}

/// Whether an abbreviation token ("U.S.", "Feb.", "Mr.") ends its sentence
/// before `next`; `None` when the token is not an abbreviation.
fn abbreviation_ends_sentence(abbrev: &str, next: &str, gap: Gap) -> Option<bool> {
    let word = &abbrev.as_bytes()[..abbrev.len() - 1];
    let is_dotted = word.contains(&b'.');
    let is_initial = abbrev.chars().count() == 2 && first_char(abbrev).is_uppercase();
    let kind = abbreviation_kind(word);
    if !(is_dotted || is_initial || kind.is_some()) {
        return None;
    }
    let starter = first_char(next).is_uppercase() && is_sentence_starter(next.as_bytes());
    if kind == Some(AbbrevKind::Title) {
        return Some(false);
    }
    if is_initial {
        // "George W. Bush", but "because of X. So ..."; "I" is too often a middle initial's neighbour.
        return Some(starter && next != "I");
    }
    Some(starter || (gap == Gap::Newline && first_char(next).is_uppercase()))
}

/// Whether the line ending after token `k` is a headline or list item (it has
/// no final punctuation, yet the next line starts a new unit).
fn line_ends_sentence(text: &str, tokens: &[Span], k: usize) -> bool {
    let last = token_text(text, tokens, k);
    let next = token_text(text, tokens, k + 1);
    let next_first = first_char(next);
    if is_list_marker(next)
        || matches!(
            next_first,
            '\u{2022}' | '\u{25CF}' | '\u{25AA}' | '\u{2023}'
        )
    {
        return true;
    }
    if matches!(last, "," | ";" | "-" | "(" | "&" | "/")
        || first_char(last).is_lowercase() && is_function_word(last)
    {
        return false;
    }
    // Bounded look back to the start of the line: short lines are headlines.
    let end = tokens[k].end as usize;
    let line_start = text
        .as_bytes()
        .get(..end)
        .unwrap_or_default()
        .iter()
        .rev()
        .take(HEADLINE_MAX_BYTES + 1)
        .position(|&b| b == b'\n')
        .map(|back| end - back);
    let short_line = line_start.is_some() || end <= HEADLINE_MAX_BYTES;
    short_line && (next_first.is_uppercase() || next_first.is_ascii_digit() || is_opening(next))
}

fn is_list_marker(token: &str) -> bool {
    matches!(token, "-" | "*" | "\u{2022}" | "\u{2013}" | "\u{2014}")
}

/// Words a wrapped line often ends with but a headline does not.
fn is_function_word(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "of"
            | "and"
            | "or"
            | "to"
            | "in"
            | "on"
            | "for"
            | "with"
            | "by"
            | "at"
            | "from"
            | "that"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "as"
            | "but"
    )
}
