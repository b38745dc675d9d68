//! Small word lists the tokenizer and the sentence splitter consult.
//!
//! All lookups are ASCII case-insensitive over short keys, so they compare
//! without allocating.

/// How an abbreviation behaves before the next word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbrevKind {
    /// A title or an initial: always followed by a name, never ends a sentence ("Mr.", "Gen.", "J.").
    Title,
    /// Keeps its period only before a number ("No. 5", "Sun. 7"); elsewhere the period is a full stop.
    BeforeNumber,
    /// Can end a sentence when a clear sentence starter follows ("U.S.", "Inc.", "Feb.", "etc.").
    Ordinary,
}

/// Abbreviations written with a final period, without it, lowercase.
const TITLES: &[&str] = &[
    "adm", "atty", "drs", "brig", "capt", "cmdr", "col", "cpl", "dr", "fr", "gen", "gov", "hon",
    "lt", "maj", "messrs", "mme", "mlle", "mr", "mrs", "ms", "mssrs", "pres", "prof", "rep",
    "reps", "rev", "sen", "sens", "sgt", "st", "supt", "ft", "mt", "treas", "gens", "pvt", "insp",
    "det", "amb", "cdr", "sra", "sta", "dra",
];

const BEFORE_NUMBER: &[&str] = &[
    "no", "nos", "art", "p", "pp", "fig", "figs", "vol", "vols", "sun", "sat", "mon", "wed", "ch",
    "sec", "para", "tel", "ext", "op", "nr",
];

const ORDINARY: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "tue",
    "tues", "thu", "thur", "thurs", "fri", "sr", "inc", "corp", "co", "ltd", "llc", "plc", "bros",
    "jr", "esq", "vs", "etc", "approx", "ca", "cf", "al", "dept", "univ", "assn", "est", "ave",
    "blvd", "rd", "hwy", "mins", "hrs", "yrs", "min", "max", "govt", "intl", "natl", "misc",
    "dist", "div", "eds", "mfg", "cie", "pty", "gmbh", "calif", "conn", "fla", "tenn", "ariz",
    "colo", "mich", "minn", "okla", "wis", "ala", "ark", "kan", "neb", "nev",
];

/// Lowercase word starts that keep a following hyphen inside the token, as
/// UD English EWT does ("e-mail", "non-stop", "pre-war", "mid-July").
const HYPHEN_PREFIXES: &[&str] = &[
    "e", "non", "pre", "anti", "mid", "re", "post", "co", "pro", "multi", "ex", "sub", "semi",
    "cross", "neo", "psycho", "socio", "counter", "intra", "micro", "un", "inter", "over", "vice",
    "bi", "tri", "quasi", "pseudo", "ultra", "mega", "macro", "trans", "infra", "extra", "meta",
];

/// Capitalised words that typically open a sentence; after an abbreviation
/// that could also end a sentence ("U.S.", "Inc.") one of these decides it.
const SENTENCE_STARTERS: &[&str] = &[
    "a",
    "after",
    "all",
    "also",
    "although",
    "an",
    "and",
    "another",
    "any",
    "as",
    "at",
    "because",
    "before",
    "both",
    "but",
    "by",
    "despite",
    "during",
    "each",
    "even",
    "for",
    "from",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "instead",
    "it",
    "its",
    "last",
    "many",
    "meanwhile",
    "more",
    "most",
    "my",
    "neither",
    "no",
    "nor",
    "not",
    "now",
    "officials",
    "on",
    "one",
    "only",
    "or",
    "other",
    "our",
    "she",
    "since",
    "so",
    "some",
    "still",
    "such",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "thus",
    "to",
    "under",
    "until",
    "we",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "why",
    "with",
    "yet",
    "you",
    "your",
    "please",
    "thanks",
    "thank",
    "yes",
    "let",
    "do",
    "does",
    "did",
    "is",
    "are",
    "was",
    "were",
    "can",
    "will",
    "would",
    "should",
    "could",
    "have",
    "has",
    "had",
    "my",
    "me",
    "us",
    "our",
    "hi",
    "hello",
    "ok",
    "okay",
    "well",
    "oh",
];

/// `word` lowercased into a stack buffer, when it is short enough to be a key.
fn lowercase_key(word: &[u8], buf: &mut [u8; 12]) -> Option<usize> {
    if word.is_empty() || word.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    for (slot, b) in buf.iter_mut().zip(word) {
        *slot = b.to_ascii_lowercase();
    }
    Some(word.len())
}

fn contains_ci(list: &[&str], word: &[u8]) -> bool {
    let mut buf = [0u8; 12];
    let Some(len) = lowercase_key(word, &mut buf) else {
        return false;
    };
    let key = &buf[..len];
    list.iter().any(|entry| entry.as_bytes() == key)
}

/// Kind of the abbreviation `word` (without its final period), if it is one.
pub(crate) fn abbreviation_kind(word: &[u8]) -> Option<AbbrevKind> {
    // Abbreviations are short words of letters; most words fail here at once.
    if word.len() > 6 || !word.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    if contains_ci(TITLES, word) {
        Some(AbbrevKind::Title)
    } else if contains_ci(BEFORE_NUMBER, word) {
        Some(AbbrevKind::BeforeNumber)
    } else if contains_ci(ORDINARY, word) {
        Some(AbbrevKind::Ordinary)
    } else {
        None
    }
}

pub(crate) fn is_hyphen_prefix(word: &[u8]) -> bool {
    word.len() <= 7 && contains_ci(HYPHEN_PREFIXES, word)
}

pub(crate) fn is_sentence_starter(word: &[u8]) -> bool {
    word.len() <= 9 && contains_ci(SENTENCE_STARTERS, word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_ignore_case() {
        assert_eq!(abbreviation_kind(b"MR"), Some(AbbrevKind::Title));
        assert_eq!(abbreviation_kind(b"Feb"), Some(AbbrevKind::Ordinary));
        assert_eq!(abbreviation_kind(b"No"), Some(AbbrevKind::BeforeNumber));
        assert_eq!(abbreviation_kind(b"house"), None);
        assert!(is_hyphen_prefix(b"Non"));
        assert!(!is_hyphen_prefix(b"year"));
        assert!(is_sentence_starter(b"The"));
        assert!(!is_sentence_starter(b"Army"));
    }
}
