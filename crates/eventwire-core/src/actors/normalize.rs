//! How phrases and text words are compared: each word becomes zero or more
//! keys (lower case, accents and punctuation dropped, split at hyphens and
//! slashes, possessive `'s` removed) and a phrase is the hash of its key
//! sequence. The dictionary and the text go through the same function, so
//! `U.N.` = `UN`, `Ki-moon` = `Ki moon`, `Russia's` = `Russia`.

use crate::model::hash::{hash_str, mix};
use unicode_normalization::char::decompose_canonical;

/// Start value of a phrase hash (any fixed odd number).
const PHRASE_SEED: u64 = 0x6a09_e667_f3bc_c909;

/// Call `each` with every key of `word`, reusing `buf`.
pub fn for_each_key(word: &str, buf: &mut String, mut each: impl FnMut(&str)) {
    buf.clear();
    if is_possessive_clitic(word) {
        return;
    }
    let word = strip_possessive(word);
    for c in word.chars() {
        if c == '-' || c == '/' || c == '_' || c.is_whitespace() || c == '–' {
            if !buf.is_empty() {
                each(buf);
                buf.clear();
            }
        } else if c.is_ascii_alphanumeric() {
            buf.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            // Keep the base letters of accented characters (é → e).
            decompose_canonical(c, |part| {
                if part.is_alphanumeric() {
                    buf.extend(part.to_lowercase());
                }
            });
        }
    }
    if !buf.is_empty() {
        each(buf);
        buf.clear();
    }
}

/// `Russia's` → `Russia`, `rebels'` → `rebels`.
fn strip_possessive(word: &str) -> &str {
    for suffix in ["'s", "’s", "'S", "’S"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if !stem.is_empty() {
                return stem;
            }
        }
    }
    word.trim_end_matches(['\'', '’'])
}

/// Whether the word is the possessive clitic a tokenizer splits off
/// (`Russia` `'s`); it may sit inside a phrase without breaking it.
pub fn is_possessive_clitic(word: &str) -> bool {
    matches!(word, "'s" | "’s" | "'S" | "’S" | "'" | "’")
}

/// The keys of a dictionary phrase (words separated by `_` or spaces).
pub fn phrase_keys(phrase: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut buf = String::new();
    for word in phrase.split(['_', ' ', '\t']) {
        for_each_key(word, &mut buf, |k| keys.push(k.to_string()));
    }
    keys
}

/// Hash of a key sequence, built one key at a time.
#[derive(Debug, Clone, Copy)]
pub struct PhraseHasher(u64);

impl PhraseHasher {
    pub fn new() -> Self {
        PhraseHasher(PHRASE_SEED)
    }
    pub fn push(&mut self, key: &str) {
        self.0 = mix(self.0, hash_str(key));
    }
    pub fn finish(self) -> u64 {
        self.0
    }
}

impl Default for PhraseHasher {
    fn default() -> Self {
        Self::new()
    }
}

pub fn hash_keys<S: AsRef<str>>(keys: &[S]) -> u64 {
    let mut h = PhraseHasher::new();
    for k in keys {
        h.push(k.as_ref());
    }
    h.finish()
}

/// Common English words that are also one-word names in the dictionaries
/// (US, WHO, IT, …). As one-word names they match only when written in
/// capitals, so "told us" is not the United States.
const COMMON_WORDS: &[&str] = &[
    "a", "all", "am", "an", "and", "any", "are", "as", "at", "be", "but", "by", "can", "did", "do",
    "for", "go", "had", "has", "he", "her", "him", "his", "if", "in", "is", "it", "its", "may",
    "me", "my", "new", "no", "not", "now", "of", "on", "one", "or", "our", "out", "see", "she",
    "so", "the", "to", "un", "up", "us", "was", "we", "who", "why", "will", "you",
];

pub fn is_common_word(key: &str) -> bool {
    COMMON_WORDS.binary_search(&key).is_ok()
}

/// Whether the word is written in capitals (at least one letter, none lower case).
pub fn is_all_caps(word: &str) -> bool {
    word.chars().any(char::is_alphabetic) && !word.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(word: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut buf = String::new();
        for_each_key(word, &mut buf, |k| out.push(k.to_string()));
        out
    }

    #[test]
    fn words_normalise_alike() {
        assert_eq!(keys("U.N."), keys("UN"));
        assert_eq!(keys("Russia's"), vec!["russia"]);
        assert_eq!(keys("rebels’"), vec!["rebels"]);
        assert_eq!(keys("Ki-moon"), vec!["ki", "moon"]);
        assert_eq!(keys("Côte"), vec!["cote"]);
        assert!(keys("'s").is_empty() && keys(",").is_empty());
        assert_eq!(phrase_keys("SECRETARY-GENERAL_BAN_KI-MOON").len(), 5);
        assert_eq!(
            hash_keys(&phrase_keys("UNITED_NATIONS_")),
            hash_keys(&phrase_keys("united nations"))
        );
    }

    #[test]
    fn common_word_list_is_sorted() {
        assert!(COMMON_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_common_word("us") && !is_common_word("usa"));
        assert!(is_all_caps("U.S.") && !is_all_caps("Us") && !is_all_caps("..."));
    }
}
