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

/// A word of up to 16 ASCII bytes, lowercased and packed into one integer, so
/// that a lookup compares integers instead of strings.
const fn pack(word: &[u8]) -> u128 {
    let mut key = 0u128;
    let mut i = 0;
    while i < word.len() && i < 16 {
        key |= (word[i].to_ascii_lowercase() as u128) << (8 * i);
        i += 1;
    }
    key
}

const fn pack_all<const N: usize>(list: &[&str]) -> [u128; N] {
    let mut keys = [0u128; N];
    let mut i = 0;
    while i < N {
        keys[i] = pack(list[i].as_bytes());
        i += 1;
    }
    keys
}

/// All abbreviations with their kind, sorted by key for binary search.
const ABBREVIATIONS: [(u128, AbbrevKind); TITLES.len() + BEFORE_NUMBER.len() + ORDINARY.len()] = {
    let mut table =
        [(0u128, AbbrevKind::Ordinary); TITLES.len() + BEFORE_NUMBER.len() + ORDINARY.len()];
    let mut n = 0;
    let lists: [(&[&str], AbbrevKind); 3] = [
        (TITLES, AbbrevKind::Title),
        (BEFORE_NUMBER, AbbrevKind::BeforeNumber),
        (ORDINARY, AbbrevKind::Ordinary),
    ];
    let mut l = 0;
    while l < lists.len() {
        let mut i = 0;
        while i < lists[l].0.len() {
            table[n] = (pack(lists[l].0[i].as_bytes()), lists[l].1);
            n += 1;
            i += 1;
        }
        l += 1;
    }
    // Insertion sort (const context); a key listed twice keeps its first kind's position.
    let mut i = 1;
    while i < table.len() {
        let mut j = i;
        while j > 0 && table[j - 1].0 > table[j].0 {
            let tmp = table[j - 1];
            table[j - 1] = table[j];
            table[j] = tmp;
            j -= 1;
        }
        i += 1;
    }
    table
};
const HYPHEN_PREFIX_KEYS: [u128; HYPHEN_PREFIXES.len()] = pack_all(HYPHEN_PREFIXES);
const SENTENCE_STARTER_KEYS: [u128; SENTENCE_STARTERS.len()] = pack_all(SENTENCE_STARTERS);

/// The packed key of `word`, when it is a non-empty ASCII word short enough to be one.
pub(crate) fn key(word: &[u8]) -> Option<u128> {
    (!word.is_empty() && word.len() <= 16 && word.is_ascii()).then(|| pack(word))
}

/// Kind of the abbreviation `word` (without its final period), if it is one.
pub(crate) fn abbreviation_kind(word: &[u8]) -> Option<AbbrevKind> {
    // Abbreviations are short words of letters; most words fail here at once.
    if word.len() > 6 || !word.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let key = key(word)?;
    let found = ABBREVIATIONS
        .binary_search_by(|(entry, _)| entry.cmp(&key))
        .ok()?;
    Some(ABBREVIATIONS[found].1)
}

pub(crate) fn is_hyphen_prefix(word: &[u8]) -> bool {
    word.len() <= 7 && key(word).is_some_and(|key| HYPHEN_PREFIX_KEYS.contains(&key))
}

pub(crate) fn is_sentence_starter(word: &[u8]) -> bool {
    word.len() <= 9 && key(word).is_some_and(|key| SENTENCE_STARTER_KEYS.contains(&key))
}

/// Words EWT splits into two ("cannot" -> "can" "not", "gonna" -> "gon" "na").
const FUSED: &[&str] = &["cannot", "gonna", "wanna", "gotta"];
const FUSED_KEYS: [u128; FUSED.len()] = pack_all(FUSED);

/// Contractions EWT writes without an apostrophe and splits before "nt".
const BARE_NT: &[&str] = &[
    "dont", "didnt", "doesnt", "isnt", "wasnt", "arent", "werent", "havent", "hasnt", "hadnt",
    "couldnt", "wouldnt", "shouldnt",
];
const BARE_NT_KEYS: [u128; BARE_NT.len()] = pack_all(BARE_NT);

/// Split point of a fused word ("can" "not", "gon" "na", "do" "nt").
pub(crate) fn fused_split(word: &[u8]) -> Option<usize> {
    let key = key(word)?;
    if FUSED_KEYS.contains(&key) {
        Some(3)
    } else if BARE_NT_KEYS.contains(&key) {
        Some(word.len() - 2)
    } else {
        None
    }
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
        assert_eq!(fused_split(b"Cannot"), Some(3));
        assert_eq!(fused_split(b"dont"), Some(2));
        assert_eq!(fused_split(b"font"), None);
        assert_eq!(key(b""), None);
        assert!(
            ABBREVIATIONS.windows(2).all(|pair| pair[0].0 < pair[1].0),
            "abbreviations listed twice"
        );
        for word in TITLES.iter().chain(BEFORE_NUMBER).chain(ORDINARY) {
            assert!(abbreviation_kind(word.as_bytes()).is_some(), "{word}");
        }
    }
}
