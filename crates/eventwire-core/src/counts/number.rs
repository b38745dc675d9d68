//! Number normalisation: digits ("1,730", "1.2 million"), number words
//! ("twelve", "twenty-five", "three-and-a-half million", "a dozen") and vague
//! quantifiers ("dozens", "hundreds of thousands", "several thousand").
//!
//! Vague quantifiers read as their smallest plausible value with the
//! qualifier "at least" (see docs/counts.md): dozens 24, scores 40, hundreds
//! 200, thousands 2,000, tens of thousands 20,000, hundreds of thousands
//! 200,000, millions 2,000,000, several/a few N 3×N.

use super::words::Word;

/// A number found at some word position.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct NumberMention {
    pub value: u64,
    /// First and last word (inclusive) of the number itself.
    pub first: usize,
    pub last: usize,
    /// A vague quantifier: the value is a lower bound.
    pub vague: bool,
}

fn small_number(word: &str) -> Option<f64> {
    crate::numbers::cardinal_word(word).map(f64::from)
}

/// A numeral written in words, possibly hyphenated: "twenty-five",
/// "three-and-a-half".
fn word_numeral(word: &str) -> Option<f64> {
    if let Some(value) = small_number(word) {
        return Some(value);
    }
    if let Some(whole) = word.strip_suffix("-and-a-half") {
        return small_number(whole).map(|v| v + 0.5);
    }
    let (tens, ones) = word.split_once('-')?;
    let tens = small_number(tens)?;
    let ones = small_number(ones)?;
    (tens >= 20.0 && tens % 10.0 == 0.0 && ones < 10.0).then_some(tens + ones)
}

/// Digits with optional thousands separators or a decimal part.
/// Returns the value and whether it had a decimal part.
fn digit_numeral(word: &str) -> Option<(f64, bool)> {
    let bytes = word.as_bytes();
    if bytes.is_empty() || !bytes[0].is_ascii_digit() {
        return None;
    }
    if !bytes
        .iter()
        .all(|b| b.is_ascii_digit() || *b == b',' || *b == b'.')
    {
        return None;
    }
    if word.contains(',') {
        // Thousands groups: 1,730 or 12,000,000 (not 200,0000).
        let mut groups = word.split(',');
        let head = groups.next()?;
        if head.is_empty() || head.len() > 3 || head.contains('.') {
            return None;
        }
        let mut digits = head.to_string();
        for group in groups {
            if group.len() != 3 || !group.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            digits.push_str(group);
        }
        return digits.parse().ok().map(|v| (v, false));
    }
    if word.matches('.').count() > 1 {
        return None;
    }
    let value: f64 = word.parse().ok()?;
    Some((value, word.contains('.')))
}

fn scale(word: &str) -> Option<f64> {
    match word {
        "hundred" => Some(100.0),
        "thousand" => Some(1e3),
        "million" => Some(1e6),
        "billion" => Some(1e9),
        "dozen" => Some(12.0),
        _ => None,
    }
}

fn vague_plural(word: &str) -> Option<f64> {
    match word {
        "dozens" => Some(24.0),
        "scores" => Some(40.0),
        "hundreds" => Some(200.0),
        "thousands" => Some(2e3),
        "millions" => Some(2e6),
        _ => None,
    }
}

fn word_at(words: &[Word], i: usize) -> Option<&str> {
    words.get(i).filter(|w| !w.punct).map(|w| w.lower.as_str())
}

/// The number starting at word `i`, if one does.
pub(crate) fn number_at(words: &[Word], i: usize) -> Option<NumberMention> {
    // "all but one of the sixteen": the complement.
    if word_at(words, i) == Some("all") && word_at(words, i + 1) == Some("but") {
        let excluded = plain_number_at(words, i + 2)?;
        let mut k = excluded.last + 1;
        if word_at(words, k) != Some("of") {
            return None;
        }
        k += 1;
        if word_at(words, k) == Some("the") {
            k += 1;
        }
        let total = plain_number_at(words, k)?;
        let value = total.value.checked_sub(excluded.value)?;
        return Some(NumberMention {
            value,
            first: i,
            last: total.last,
            vague: total.vague,
        });
    }
    plain_number_at(words, i)
}

fn plain_number_at(words: &[Word], i: usize) -> Option<NumberMention> {
    let first_word = word_at(words, i)?;
    // "tens/hundreds of thousands", "dozens", "several thousand".
    if first_word == "tens" || vague_plural(first_word).is_some() {
        let base = vague_plural(first_word).unwrap_or(20.0);
        if word_at(words, i + 1) == Some("of") {
            let multiplier = match word_at(words, i + 2) {
                Some("thousands") => Some(1e3),
                Some("millions") => Some(1e6),
                _ => None,
            };
            if let Some(multiplier) = multiplier {
                return finish(base * multiplier, i, i + 2, true);
            }
        }
        if first_word == "tens" || first_word == "scores" && !scores_is_quantity(words, i) {
            return None;
        }
        return finish(base, i, i, true);
    }
    if first_word == "several" || (first_word == "a" && word_at(words, i + 1) == Some("few")) {
        let k = if first_word == "a" { i + 2 } else { i + 1 };
        let unit = word_at(words, k).and_then(scale)?;
        return finish(3.0 * unit, i, k, true);
    }
    let (mut value, decimal, mut last) = if first_word == "a" || first_word == "an" {
        // "a dozen", "a hundred", "a thousand" (not "a million" money is filtered later).
        word_at(words, i + 1).and_then(scale)?;
        (1.0, false, i)
    } else if let Some((value, decimal)) = digit_numeral(first_word) {
        (value, decimal, i)
    } else if let Some(value) = word_numeral(first_word) {
        (value, value.fract() != 0.0, i)
    } else {
        return None;
    };
    let mut scaled = false;
    // At most a few scale words ("two hundred thousand"); a long run is noise.
    while let Some(factor) = word_at(words, last + 1)
        .and_then(scale)
        .filter(|_| last < i + 6)
    {
        value *= factor;
        last += 1;
        scaled = true;
        // "two hundred and fifty", "a hundred and twenty-five".
        if factor == 100.0 && word_at(words, last + 1) == Some("and") {
            if let Some(rest) = word_at(words, last + 2).and_then(word_numeral) {
                if rest < 100.0 {
                    value += rest;
                    last += 2;
                }
            }
        }
    }
    // A decimal needs a scale word ("1.2 million"); alone it is a measure.
    if decimal && !scaled {
        return None;
    }
    finish(value, i, last, false)
}

/// "scores" is a quantity in "scores of people", "scores more", "scores were".
fn scores_is_quantity(words: &[Word], i: usize) -> bool {
    matches!(
        word_at(words, i + 1),
        Some("of" | "more" | "were" | "have" | "had" | "are" | "died" | "killed")
    )
}

fn finish(value: f64, first: usize, last: usize, vague: bool) -> Option<NumberMention> {
    if !value.is_finite() || !(1.0..=1e12).contains(&value) {
        return None;
    }
    Some(NumberMention {
        value: value.round() as u64,
        first,
        last,
        vague,
    })
}
