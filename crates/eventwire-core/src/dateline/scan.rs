//! A small cursor over the start of an article: words, numbers, dashes.
//! Every step moves by whole characters, so slicing never splits one.

/// The largest char boundary of `text` at or below `max`.
pub(super) fn floor_char_boundary(text: &str, max: usize) -> usize {
    if max >= text.len() {
        return text.len();
    }
    let mut end = max;
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// Number of a Gregorian month name or abbreviation ("Feb", "Feb.",
/// "SEPT", "march"); `None` for any other word.
pub(super) fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [(&str, u32); 23] = [
        ("january", 1),
        ("jan", 1),
        ("february", 2),
        ("feb", 2),
        ("march", 3),
        ("mar", 3),
        ("april", 4),
        ("apr", 4),
        ("may", 5),
        ("june", 6),
        ("jun", 6),
        ("july", 7),
        ("jul", 7),
        ("august", 8),
        ("aug", 8),
        ("september", 9),
        ("sep", 9),
        ("sept", 9),
        ("october", 10),
        ("oct", 10),
        ("november", 11),
        ("nov", 11),
        ("december", 12),
    ];
    let word = word.strip_suffix('.').unwrap_or(word);
    if word.eq_ignore_ascii_case("dec") {
        return Some(12);
    }
    let number = MONTHS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(word))
        .map(|&(_, number)| number)?;
    Some(number)
}

/// Longest word considered ("Cemaziyelevvel", "Ukrinform", "SALVADOR").
const MAX_WORD_CHARS: usize = 30;

/// Characters that may continue a word after its first letter: letters,
/// abbreviation dots, hyphens and the apostrophes of transliterations.
fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’' | '‘' | 'ʼ' | 'ʿ' | 'ʾ' | '`')
}

/// Horizontal space, including the no-break and thin spaces of web pages.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{2009}' | '\u{202f}')
}

/// How a dateline's separator is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Separator {
    /// "-" or "--".
    Hyphen,
    /// "—", "–" (perhaps with hyphens).
    LongDash,
    Colon,
}

#[derive(Debug, Clone)]
pub(super) struct Cursor<'a> {
    pub(super) text: &'a str,
    pub(super) pos: usize,
}

impl<'a> Cursor<'a> {
    pub(super) fn new(text: &'a str, pos: usize) -> Self {
        Cursor { text, pos }
    }

    pub(super) fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    pub(super) fn eat_char(&mut self, expected: char) -> bool {
        if self.peek() == Some(expected) {
            self.pos += expected.len_utf8();
            true
        } else {
            false
        }
    }

    pub(super) fn skip_spaces(&mut self) {
        while let Some(c) = self.peek().filter(|&c| is_space(c)) {
            self.pos += c.len_utf8();
        }
    }

    /// One or two spaces between the words of a name.
    pub(super) fn eat_single_space(&mut self) -> bool {
        let start = self.pos;
        self.skip_spaces();
        let gap = self.pos - start;
        if (1..=2).contains(&gap) {
            true
        } else {
            self.pos = start;
            false
        }
    }

    /// A word starting with a letter; trailing hyphens are left out (they
    /// may be the separator), dots and apostrophes kept ("Ore.", "Rabi'").
    pub(super) fn word(&mut self) -> Option<(usize, usize)> {
        let rest = self.rest();
        if !rest.chars().next()?.is_alphabetic() {
            return None;
        }
        // Words of datelines are short; a longer run is no word of ours and
        // stopping early keeps huge single-token inputs cheap.
        let mut end = rest
            .char_indices()
            .take(MAX_WORD_CHARS + 1)
            .find(|&(_, c)| !is_word_char(c))
            .map_or(rest.len(), |(i, _)| i);
        if rest[..end].chars().count() > MAX_WORD_CHARS {
            return None;
        }
        // Trim dangling joiners but keep the abbreviation dot.
        while let Some(last) = rest[..end].chars().last() {
            if last != '-' {
                break;
            }
            end -= last.len_utf8();
        }
        let start = self.pos;
        self.pos += end;
        Some((start, self.pos))
    }

    /// A run of ASCII digits of at most `max` digits not followed by another
    /// digit; returns its value and length.
    fn digits(&self, max: usize) -> Option<(u32, usize)> {
        let rest = self.rest().as_bytes();
        let len = rest
            .iter()
            .take(max + 1)
            .take_while(|b| b.is_ascii_digit())
            .count();
        if len == 0 || len > max {
            return None;
        }
        let value = rest[..len]
            .iter()
            .fold(0u32, |acc, &b| acc * 10 + u32::from(b - b'0'));
        Some((value, len))
    }

    /// Whether the cursor is at whitespace or the end of the text.
    fn at_space_or_end(&self) -> bool {
        match self.peek() {
            Some(c) => c.is_whitespace(),
            None => true,
        }
    }

    /// Whether the character at the cursor is a letter or digit.
    fn at_alphanumeric(&self) -> bool {
        self.peek().is_some_and(char::is_alphanumeric)
    }

    /// Day of month: "7", "26", "7th".
    pub(super) fn day(&mut self) -> Option<u32> {
        let (value, len) = self.digits(2)?;
        if !(1..=31).contains(&value) {
            return None;
        }
        let mut probe = self.clone();
        probe.pos += len;
        let suffix = probe.rest().get(..2).map(str::to_ascii_lowercase);
        if let Some(suffix) = suffix.filter(|s| matches!(s.as_str(), "st" | "nd" | "rd" | "th")) {
            let mut after = probe.clone();
            after.pos += suffix.len();
            if !after.at_alphanumeric() {
                probe = after;
            }
        }
        if probe.at_alphanumeric() {
            return None;
        }
        self.pos = probe.pos;
        Some(value)
    }

    /// A four-digit Gregorian year (1700–2199).
    pub(super) fn year(&mut self) -> Option<i32> {
        let (value, len) = self.digits(4)?;
        if len != 4 || !(1700..=2199).contains(&value) {
            return None;
        }
        let mut probe = self.clone();
        probe.pos += len;
        if probe.at_alphanumeric() {
            return None;
        }
        self.pos = probe.pos;
        i32::try_from(value).ok()
    }

    /// A Hijri year of three or four digits, with an optional era mark
    /// ("AH", "A.H.", "H", "Hijri", "Hijriah").
    pub(super) fn hijri_year(&mut self) -> Option<i32> {
        let (value, len) = self.digits(4)?;
        if len < 3 {
            return None;
        }
        let mut probe = self.clone();
        probe.pos += len;
        let mut era = probe.clone();
        era.skip_spaces();
        if let Some((ws, we)) = era.word() {
            let mark = self.text[ws..we].to_ascii_lowercase();
            if matches!(
                mark.as_str(),
                "ah" | "a.h." | "a.h" | "h" | "h." | "hijri" | "hijriah" | "hijriyah" | "hijriya"
            ) && !era.at_alphanumeric()
            {
                probe = era;
            }
        }
        if probe.at_alphanumeric() {
            return None;
        }
        self.pos = probe.pos;
        i32::try_from(value).ok()
    }

    /// A Gregorian month name followed by a space or its abbreviation dot.
    pub(super) fn gregorian_month(&mut self) -> Option<u32> {
        let mut probe = self.clone();
        let (ws, we) = probe.word()?;
        let month = month_number(&self.text[ws..we])?;
        let ends_with_dot = self.text[ws..we].ends_with('.');
        if !ends_with_dot && !probe.peek().is_some_and(is_space) {
            return None;
        }
        self.pos = probe.pos;
        Some(month)
    }

    /// A dateline separator: a dash ("-", "--", "—", "–") followed by space
    /// (long dashes may touch the next word), or a colon followed by space.
    pub(super) fn eat_separator(&mut self) -> Option<Separator> {
        let mut probe = self.clone();
        let mut ascii_only = true;
        let mut dashes = 0;
        while let Some(c) = probe.peek() {
            match c {
                '-' => {}
                '—' | '–' | '―' | '−' => ascii_only = false,
                _ => break,
            }
            dashes += 1;
            probe.pos += c.len_utf8();
            if dashes > 3 {
                return None;
            }
        }
        let next_is_space = probe.at_space_or_end();
        if dashes > 0 {
            if ascii_only && !next_is_space {
                return None;
            }
            self.pos = probe.pos;
            return Some(if ascii_only {
                Separator::Hyphen
            } else {
                Separator::LongDash
            });
        }
        if probe.eat_char(':') && probe.at_space_or_end() {
            self.pos = probe.pos;
            return Some(Separator::Colon);
        }
        None
    }

    /// Whether only whitespace remains before the end of the line.
    pub(super) fn line_rest_is_blank(&self) -> bool {
        for c in self.rest().chars() {
            if c == '\n' {
                return true;
            }
            if !c.is_whitespace() {
                return false;
            }
        }
        true
    }

    /// Whether the next non-space character starts a sentence.
    pub(super) fn next_is_uppercase_after_spaces(&self) -> bool {
        let mut probe = self.clone();
        probe.skip_spaces();
        probe
            .peek()
            .is_some_and(|c| c.is_uppercase() || matches!(c, '"' | '“' | '\''))
    }
}
