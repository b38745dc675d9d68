//! CAMEO verb patterns (the PETRARCH verb dictionary format): which CAMEO code
//! a verb with its subject, objects and prepositional phrases stands for.

use crate::actors::DictIssue;
use crate::model::ModelError;

/// One word of a clause, as the coder hands it to the pattern matcher.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClauseWord<'a> {
    /// Index of the token in the article's token list.
    pub token: usize,
    pub text: &'a str,
    pub lemma: &'a str,
    /// Penn Treebank tag.
    pub tag: &'a str,
    pub role: Role,
}

/// Which part of the clause a word belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// In the subject phrase (before the verb in PETRARCH's patterns).
    Subject,
    /// In a direct or indirect object phrase.
    Object,
    /// A preposition heading a prepositional phrase (`(FOR TALKS)`).
    Preposition,
    /// In the noun phrase of a prepositional phrase.
    PrepObject,
    /// Anything else the coder passes (complements, particles).
    Other,
}

/// A verb with its phrases in text order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause<'a> {
    /// The main verb (or the event noun, for nominal events).
    pub verb: ClauseWord<'a>,
    /// Phrasal-verb particle ("back", "off", "up"), if any.
    pub particle: Option<ClauseWord<'a>>,
    /// Words before the verb (the subject phrase), in text order.
    pub before: Vec<ClauseWord<'a>>,
    /// Words after the verb (objects, prepositional phrases), in text order.
    pub after: Vec<ClauseWord<'a>>,
}

/// What a pattern (or the verb's default code) gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbMatch {
    /// CAMEO code of the event source → target ("042"); never a null code.
    pub code: Option<String>,
    /// Code of the paired event target → source, for `[X:Y]` patterns.
    pub paired: Option<String>,
    /// Token the pattern marks as source (`$`) or target (`+`), when it does.
    pub source: Option<usize>,
    pub target: Option<usize>,
    /// Tokens the pattern matched (besides the verb); empty for the default code.
    pub matched: Vec<usize>,
}

/// CAMEO verb patterns, loaded once and shared read-only.
#[derive(Debug, Clone, Default)]
pub struct VerbDictionary {}

impl VerbDictionary {
    /// The dictionary built into the binary (`eventwire train verbs`).
    pub fn embedded() -> Result<VerbDictionary, ModelError> {
        Ok(VerbDictionary::default())
    }

    /// A dictionary from the bytes [`VerbDictionary::to_bytes`] wrote.
    pub fn from_bytes(bytes: &[u8]) -> Result<VerbDictionary, ModelError> {
        let _ = bytes;
        Ok(VerbDictionary::default())
    }

    /// A dictionary from a PETRARCH-format verb file (CAMEO.2.0.txt, the unit-test
    /// verbs), read leniently: skipped lines come back as issues.
    pub fn from_petrarch(text: &str, name: &str) -> (VerbDictionary, Vec<DictIssue>) {
        let _ = (text, name);
        (VerbDictionary::default(), Vec::new())
    }

    /// The compact form committed under `models/`.
    pub fn to_bytes(&self) -> Vec<u8> {
        Vec::new()
    }

    /// Whether `lemma` (lower case) is a verb the dictionary knows.
    pub fn knows(&self, lemma: &str) -> bool {
        let _ = lemma;
        false
    }

    /// The best pattern for this clause: longest match, then the verb's default
    /// code. `None` when the verb is unknown or its code is null (`---`).
    pub fn match_clause(&self, clause: &Clause<'_>) -> Option<VerbMatch> {
        let _ = clause;
        None
    }
}
