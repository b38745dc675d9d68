//! Name normalisation shared by the gazetteer builder and the matcher: a
//! name is a sequence of words, each lower-cased with diacritics folded and
//! dots and apostrophes dropped ("São Paulo" = "Sao Paulo", "U.S." = "US",
//! "Côte d'Ivoire" = "Cote dIvoire"); "St", "Ft" and "Mt" stand for "Saint",
//! "Fort" and "Mount". A name's key combines its word hashes in order, so the
//! matcher can extend a key one word at a time.

use crate::model::hash::{hash_str, mix};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Key of the empty word sequence.
pub const EMPTY_KEY: u64 = 0x706c_6163_655f_6b65;

/// Longest name, in words, that the matcher tries.
pub const MAX_NAME_WORDS: usize = 6;

/// The normalised form of one word (empty when nothing is left).
pub fn normalise_word(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        push_folded(c, out);
    }
    let expanded = match out.as_str() {
        "st" | "ste" => "saint",
        "ft" => "fort",
        "mt" => "mount",
        _ => return,
    };
    out.clear();
    out.push_str(expanded);
}

/// Push `c` lower-cased without diacritics; dots and apostrophes vanish.
fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        }
        return;
    }
    match c {
        '’' | '‘' | 'ʻ' | 'ʼ' | '`' | '´' => {}
        'ß' => out.push_str("ss"),
        'ø' | 'Ø' => out.push('o'),
        'ł' | 'Ł' => out.push('l'),
        'đ' | 'Đ' => out.push('d'),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'ı' => out.push('i'),
        _ => {
            for d in c.nfd().filter(|&d| !is_combining_mark(d)) {
                out.extend(d.to_lowercase());
            }
        }
    }
}

/// Hash of one normalised word.
#[inline]
pub fn word_hash(normalised: &str) -> u64 {
    hash_str(normalised)
}

/// Key of a word sequence extended by one more word.
#[inline]
pub fn extend_key(key: u64, word: u64) -> u64 {
    mix(key, word)
}

/// Whether `c` separates words inside a name ("Stratford-upon-Avon",
/// "Washington, D.C.").
fn separates(c: char) -> bool {
    !(c.is_alphanumeric() || matches!(c, '.' | '\'' | '’' | 'ʻ' | 'ʼ' | '`' | '´'))
}

/// The key of a whole name and its number of words; `None` for a name with
/// no words.
pub fn name_key(name: &str) -> Option<(u64, usize)> {
    let mut key = EMPTY_KEY;
    let mut words = 0;
    let mut scratch = String::new();
    for word in name.split(separates) {
        normalise_word(word, &mut scratch);
        if scratch.is_empty() {
            continue;
        }
        key = extend_key(key, word_hash(&scratch));
        words += 1;
    }
    (words > 0).then_some((key, words))
}

/// Keys of every proper prefix of a name (one word, two words, ...).
pub fn prefix_keys(name: &str) -> Vec<u64> {
    let mut keys = Vec::new();
    let mut key = EMPTY_KEY;
    let mut scratch = String::new();
    for word in name.split(separates) {
        normalise_word(word, &mut scratch);
        if scratch.is_empty() {
            continue;
        }
        if key != EMPTY_KEY {
            keys.push(key);
        }
        key = extend_key(key, word_hash(&scratch));
    }
    keys
}

/// A word of the article as the matcher sees it.
#[derive(Debug, Clone, Copy)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub hash: u64,
    /// Starts with an upper-case letter.
    pub capital: bool,
    /// Has two or more letters and no lower-case one ("UK", "LONDON").
    pub all_caps: bool,
    /// Only spaces or one hyphen stand between the previous word and this one,
    /// so a name may run across the gap.
    pub joined: bool,
    /// First word of a sentence (or after an opening quote or a colon).
    pub sentence_start: bool,
}

/// Split `text` into words in one pass. Dots and apostrophes inside a word
/// stay in it ("U.S.", "Côte d'Ivoire"); a final possessive "'s" does not.
pub fn scan_words(text: &str, out: &mut Vec<Word>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut scratch = String::new();
    let mut iter = text.char_indices().peekable();
    let mut previous_end = 0usize;
    while let Some((start, c)) = iter.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut has_dot = false;
        while let Some(&(i, d)) = iter.peek() {
            if d.is_alphanumeric() {
                end = i + d.len_utf8();
                iter.next();
            } else if matches!(d, '.' | '\'' | '’') {
                // Keep the mark only when a letter follows it.
                let after = i + d.len_utf8();
                match text[after..].chars().next() {
                    Some(n) if n.is_alphanumeric() => {
                        has_dot |= d == '.';
                        iter.next();
                        end = after;
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        // "U.S." keeps its final dot; "Russia's" loses its "'s".
        if has_dot && bytes.get(end) == Some(&b'.') {
            end += 1;
            iter.next();
        }
        let word_text = &text[start..end];
        let word_text = strip_possessive(word_text);
        let end = start + word_text.len();
        if word_text.is_empty() {
            continue;
        }
        normalise_word(word_text, &mut scratch);
        if scratch.is_empty() {
            previous_end = end;
            continue;
        }
        let gap = &text[previous_end..start];
        let joined =
            !out.is_empty() && (gap.bytes().all(|b| b == b' ') && gap.len() <= 2 || gap == "-");
        let before = text[..start].trim_end_matches([' ', '\t']);
        let sentence_start = out.is_empty()
            || before.ends_with(['.', '!', '?', ':', '\n', '"', '“', '(', '\''])
            || before.ends_with("—");
        let mut letters = 0;
        let mut lower = false;
        for ch in word_text.chars() {
            if ch.is_alphabetic() {
                letters += 1;
                lower |= ch.is_lowercase();
            }
        }
        out.push(Word {
            start,
            end,
            hash: word_hash(&scratch),
            capital: c.is_uppercase(),
            all_caps: letters >= 2 && !lower,
            joined,
            sentence_start,
        });
        previous_end = end;
    }
}

fn strip_possessive(word: &str) -> &str {
    for suffix in ["'s", "’s", "'S", "’S"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return stem;
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_name_share_a_key() {
        let key = |s: &str| name_key(s).map(|(k, _)| k);
        assert_eq!(key("São Paulo"), key("Sao Paulo"));
        assert_eq!(key("U.S."), key("US"));
        assert_eq!(key("St. Petersburg"), key("Saint Petersburg"));
        assert_eq!(key("Côte d'Ivoire"), key("Cote d’Ivoire"));
        assert_eq!(key("Stratford-upon-Avon"), key("Stratford upon Avon"));
        assert_ne!(key("Paris"), key("Texas"));
        assert_eq!(key(" - "), None);
    }

    #[test]
    fn words_keep_abbreviations_and_drop_possessives() {
        let mut words = Vec::new();
        let text = "Russia's U.S. envoy. In São Paulo-Santos";
        scan_words(text, &mut words);
        let spans: Vec<&str> = words.iter().map(|w| &text[w.start..w.end]).collect();
        assert_eq!(
            spans,
            vec!["Russia", "U.S.", "envoy", "In", "São", "Paulo", "Santos"]
        );
        assert!(words[0].sentence_start && words[0].capital);
        assert!(!words[1].joined, "a possessive breaks a name");
        assert!(words[1].all_caps);
        assert!(words[3].sentence_start);
        assert!(words[5].joined && words[6].joined);
        let key = name_key("Sao Paulo").map(|(k, _)| k);
        assert_eq!(
            Some(extend_key(
                extend_key(EMPTY_KEY, words[4].hash),
                words[5].hash
            )),
            key
        );
    }
}
