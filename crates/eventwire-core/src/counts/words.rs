//! A small word scanner for the count patterns: words keep their internal
//! digit separators ("1,730", "1.2") and hyphens ("twenty-five",
//! "12-year-old"), punctuation is one item per character, and quotation
//! marks are dropped so "three terrorists" reads like three terrorists.

/// One word or punctuation mark of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    /// Byte offsets into the article text.
    pub start: usize,
    pub end: usize,
    /// Lowercased text (a single character for punctuation).
    pub lower: String,
    pub punct: bool,
    /// The first letter is upper case.
    pub capitalized: bool,
    /// Universal POS of the token starting here, when the tagger ran.
    pub pos: Option<String>,
}

impl Word {
    pub fn is(&self, word: &str) -> bool {
        self.lower == word
    }

    pub fn is_any(&self, words: &[&str]) -> bool {
        words.contains(&self.lower.as_str())
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '‘' | '’' | '\'' | '«' | '»' | '`')
}

/// Characters that join two word characters into one word.
fn is_joiner(c: char, before: char, after: char) -> bool {
    match c {
        ',' => before.is_ascii_digit() && after.is_ascii_digit(),
        // "1.2", "U.S", "Znak.com" (a full stop before a space ends the word).
        '.' => before.is_alphanumeric() && after.is_alphanumeric(),
        '-' | '‐' | '‑' => before.is_alphanumeric() && after.is_alphanumeric(),
        '\'' | '’' => before.is_alphabetic() && after.is_alphabetic(),
        _ => false,
    }
}

/// The words of `text[start..end]`, with offsets into `text`.
/// `pos_at` gives the tagger's POS for a word starting at a byte offset.
pub(crate) fn scan(
    text: &str,
    start: usize,
    end: usize,
    pos_at: &dyn Fn(usize) -> Option<String>,
) -> Vec<Word> {
    let Some(slice) = text.get(start..end) else {
        return Vec::new();
    };
    let mut words = Vec::new();
    let mut offset = 0;
    while let Some(c) = slice[offset..].chars().next() {
        if c.is_whitespace() || is_quote(c) {
            offset += c.len_utf8();
            continue;
        }
        if !c.is_alphanumeric() {
            words.push(Word {
                start: start + offset,
                end: start + offset + c.len_utf8(),
                lower: c.to_string(),
                punct: true,
                capitalized: false,
                pos: None,
            });
            offset += c.len_utf8();
            continue;
        }
        let mut word_end = offset + c.len_utf8();
        let mut previous = c;
        loop {
            let mut rest = slice[word_end..].chars();
            match (rest.next(), rest.next()) {
                (Some(d), _) if d.is_alphanumeric() => {
                    word_end += d.len_utf8();
                    previous = d;
                }
                (Some(d), Some(after)) if is_joiner(d, previous, after) => {
                    word_end += d.len_utf8() + after.len_utf8();
                    previous = after;
                }
                _ => break,
            }
        }
        let surface = &slice[offset..word_end];
        words.push(Word {
            start: start + offset,
            end: start + word_end,
            lower: surface.to_lowercase(),
            punct: false,
            capitalized: c.is_uppercase(),
            pos: pos_at(start + offset),
        });
        offset = word_end;
    }
    words
}
