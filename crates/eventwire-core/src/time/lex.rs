//! The word stream the time scanner reads: runs of letters and digits and
//! single punctuation characters, each with a lower-cased ASCII key so the
//! patterns compare words without allocating.

/// Bytes of a word kept in its key; longer words never name a time.
const KEY_BYTES: usize = 15;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// Letters (maybe with digits), e.g. "Feb", "1990s".
    Word,
    /// Only ASCII digits.
    Digits,
    /// One punctuation or symbol character.
    Punct,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    pub start: u32,
    pub end: u32,
    pub shape: Shape,
    /// Whether whitespace (or the text start) stands before the token.
    pub space_before: bool,
    /// Whether the first character is an upper-case letter.
    pub capital: bool,
    /// Whether a blank line (two line breaks) stands before the token.
    pub blank_line_before: bool,
    key: [u8; KEY_BYTES],
    key_len: u8,
}

impl Tok {
    /// The lower-cased ASCII form ("" for a long or non-ASCII word).
    pub fn key(&self) -> &str {
        // The key holds only ASCII bytes, so this never fails.
        std::str::from_utf8(&self.key[..usize::from(self.key_len)]).unwrap_or("")
    }

    pub fn is(&self, word: &str) -> bool {
        self.key() == word
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.shape == Shape::Punct && self.key().len() == 1 && self.key().starts_with(c)
    }

    /// The value of an all-digit token (at most 9 digits).
    pub fn number(&self) -> Option<u32> {
        if self.shape != Shape::Digits || self.key_len > 9 {
            return None;
        }
        self.key().parse().ok()
    }

    pub fn digit_count(&self) -> usize {
        if self.shape == Shape::Digits {
            usize::from(self.key_len)
        } else {
            0
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The character at byte `i` (a char boundary) and its length.
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let c = text.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// Split `text` into tokens. Linear in the text, with an ASCII fast path;
/// one allocation for the list.
pub(super) fn tokenize(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut toks = Vec::with_capacity(text.len() / 6 + 1);
    let mut space_before = true;
    let mut line_breaks = 0u32;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (c, width) = if b < 0x80 {
            (char::from(b), 1)
        } else {
            match char_at(text, i) {
                Some(found) => found,
                None => break,
            }
        };
        if c.is_whitespace() {
            space_before = true;
            line_breaks += u32::from(c == '\n');
            i += width;
            continue;
        }
        let start = i;
        let mut end = i + width;
        let shape = if is_word_char(c) {
            let mut all_digits = c.is_ascii_digit();
            while end < bytes.len() {
                let next = bytes[end];
                if next < 0x80 {
                    if !next.is_ascii_alphanumeric() {
                        break;
                    }
                    all_digits &= next.is_ascii_digit();
                    end += 1;
                } else {
                    match char_at(text, end) {
                        Some((n, w)) if is_word_char(n) => {
                            all_digits = false;
                            end += w;
                        }
                        _ => break,
                    }
                }
            }
            if all_digits {
                Shape::Digits
            } else {
                Shape::Word
            }
        } else {
            Shape::Punct
        };
        let word = text.get(start..end).unwrap_or("");
        let mut key = [0u8; KEY_BYTES];
        let mut key_len = 0u8;
        if word.len() <= KEY_BYTES && word.is_ascii() {
            for (slot, byte) in key.iter_mut().zip(word.bytes()) {
                *slot = byte.to_ascii_lowercase();
            }
            key_len = word.len() as u8;
        } else if shape == Shape::Punct {
            // Typographic quotes and dashes fold to their ASCII forms.
            let folded = match c {
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => b'"',
                '\u{2018}' | '\u{2019}' => b'\'',
                '\u{2013}' | '\u{2014}' => b'-',
                _ => 0,
            };
            if folded != 0 {
                key[0] = folded;
                key_len = 1;
            }
        }
        toks.push(Tok {
            start: start as u32,
            end: end as u32,
            shape,
            space_before,
            capital: c.is_uppercase(),
            blank_line_before: line_breaks >= 2,
            key,
            key_len,
        });
        space_before = false;
        line_breaks = 0;
        i = end;
    }
    toks
}

/// Month number of a month name or its abbreviation ("feb", "sept").
pub(super) fn month_number(key: &str) -> Option<u32> {
    Some(match key {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// Whether the month word is a full name (abbreviations need a period or a day).
pub(super) fn is_full_month_name(key: &str) -> bool {
    key.len() > 4 || matches!(key, "may" | "june" | "july")
}

/// ISO weekday (Monday 1 .. Sunday 7) of a weekday name.
pub(super) fn weekday_number(key: &str) -> Option<u32> {
    Some(match key {
        "monday" | "mon" => 1,
        "tuesday" | "tue" | "tues" => 2,
        "wednesday" | "wed" => 3,
        "thursday" | "thu" | "thur" | "thurs" => 4,
        "friday" | "fri" => 5,
        "saturday" | "sat" => 6,
        "sunday" | "sun" => 7,
        _ => return None,
    })
}

/// A counted number word ("seventeen", "twenty").
pub(super) fn number_word(key: &str) -> Option<u32> {
    match key {
        "a" | "an" | "single" => Some(1),
        "couple" => Some(2),
        "dozen" => Some(12),
        "hundred" => Some(100),
        _ => crate::numbers::cardinal_word(key),
    }
}

/// Vague amounts that give an `X` in a duration ("several years" = PXY).
pub(super) fn is_vague_amount(key: &str) -> bool {
    matches!(
        key,
        "several" | "few" | "many" | "some" | "numerous" | "multiple"
    )
}

/// An ordinal word or numeral suffix form ("third", "3rd").
pub(super) fn ordinal(key: &str) -> Option<u32> {
    if key.len() < 3 {
        return None;
    }
    Some(match key {
        "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" => 3,
        "fourth" | "4th" => 4,
        "fifth" | "5th" => 5,
        "sixth" | "6th" => 6,
        "seventh" | "7th" => 7,
        "eighth" | "8th" => 8,
        "ninth" | "9th" => 9,
        "tenth" | "10th" => 10,
        "eleventh" | "11th" => 11,
        "twelfth" | "12th" => 12,
        _ => {
            // Day numerals "13th" .. "31st".
            if !key.as_bytes()[0].is_ascii_digit() {
                return None;
            }
            let digits = key.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &key[digits.len()..];
            if matches!(suffix, "st" | "nd" | "rd" | "th") && (1..=2).contains(&digits.len()) {
                return digits.parse().ok().filter(|d| (1..=31).contains(d));
            }
            return None;
        }
    })
}

/// Calendar units in TIMEX3 order of size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Weekend,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The TIMEX3 duration letter (time units go after a "T").
    pub fn letter(self) -> &'static str {
        match self {
            Unit::Second => "S",
            Unit::Minute => "M",
            Unit::Hour => "H",
            Unit::Day => "D",
            Unit::Weekend => "WE",
            Unit::Week => "W",
            Unit::Month => "M",
            Unit::Quarter => "Q",
            Unit::Year => "Y",
            Unit::Decade => "DE",
            Unit::Century => "CE",
        }
    }

    pub fn is_clock(self) -> bool {
        matches!(self, Unit::Second | Unit::Minute | Unit::Hour)
    }
}

/// A unit word, singular or plural: (unit, plural).
pub(super) fn unit_word(key: &str) -> Option<(Unit, bool)> {
    Some(match key {
        "second" => (Unit::Second, false),
        "seconds" => (Unit::Second, true),
        "minute" => (Unit::Minute, false),
        "minutes" => (Unit::Minute, true),
        "hour" => (Unit::Hour, false),
        "hours" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "weekend" => (Unit::Weekend, false),
        "weekends" => (Unit::Weekend, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" => (Unit::Year, false),
        "years" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        _ => return None,
    })
}

/// Season codes of TIMEX3.
pub(super) fn season(key: &str) -> Option<&'static str> {
    Some(match key {
        "spring" => "SP",
        "summer" => "SU",
        "fall" | "autumn" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

/// Part-of-day codes of TIMEX3.
pub(super) fn part_of_day(key: &str) -> Option<&'static str> {
    Some(match key {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        "night" | "overnight" => "NI",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_split_punctuation_and_keep_offsets() {
        let toks = tokenize("Feb. 3, 2016-02-07 “now”");
        let keys: Vec<&str> = toks.iter().map(Tok::key).collect();
        assert_eq!(
            keys,
            ["feb", ".", "3", ",", "2016", "-", "02", "-", "07", "\"", "now", "\""]
        );
        assert!(toks[0].capital);
        assert!(!toks[1].space_before);
        assert_eq!(toks[4].number(), Some(2016));
    }

    #[test]
    fn ordinals_and_units() {
        assert_eq!(ordinal("23rd"), Some(23));
        assert_eq!(ordinal("third"), Some(3));
        assert_eq!(ordinal("40th"), None);
        assert_eq!(unit_word("years"), Some((Unit::Year, true)));
    }
}
