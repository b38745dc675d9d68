//! CAMEO verb patterns (the PETRARCH verb dictionary format): which CAMEO code
//! a verb with its subject, objects and prepositional phrases stands for.
//!
//! The dictionary is a list of verb blocks. Each block names its verbs (with
//! their forms and, optionally, a code of their own) and a set of patterns
//! shared by every verb of the block:
//!
//! ```text
//! ---  ARRIVE   [040]  ---
//! ARRIVE
//! COME {COMING COMES CAME } [---]
//! - * (FOR TALKS)          [046:046]
//! - MEDIATORS *            [045]
//! ```
//!
//! A clause is looked up by its verb's lemma (or surface form), then the
//! block's patterns are tried: words before `*` must occur, in order, among
//! the words before the verb; words after `*` among the words after it;
//! `(FOR TALKS)` needs the preposition followed, within its phrase, by the
//! words. The pattern with the most words wins; without one the verb's own
//! code applies. See `docs/verbs.md` for the format and the matching rules.
//!
//! Words are interned: the matcher hashes each clause word once and compares
//! integer ids, and patterns are indexed per block by one word they need, so
//! only patterns that can match are tried.

mod format;
mod read;
#[cfg(test)]
mod tests;

use crate::actors::DictIssue;
use crate::model::perceptron::KeyMap;
use crate::model::ModelError;

/// Version of the compiled file; bump when the layout changes.
pub const FORMAT_VERSION: u32 = 2;

static EMBEDDED: &[u8] = include_bytes!("../../../models/verbs.ewm");

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
    /// `None` only when the pattern gives just a paired code (`[:073]`).
    pub code: Option<String>,
    /// Code of the paired event target → source, for `[X:Y]` patterns.
    pub paired: Option<String>,
    /// Token the pattern marks as source (`$`) or target (`+`), when it does.
    pub source: Option<usize>,
    pub target: Option<usize>,
    /// Token the pattern marks as a compound actor (`%`): the members of its
    /// phrase are source and target of each other.
    pub compound: Option<usize>,
    /// Tokens the pattern matched (besides the verb), and the other words of a
    /// multi-word verb ("out" of "carry out"); empty for a one-word verb's
    /// default code.
    pub matched: Vec<usize>,
}

/// Why a clause got its code: which verb entry and which pattern (for
/// debugging dictionaries and explaining events).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchExplanation {
    /// The verb block (`ARRIVE`).
    pub block: String,
    /// Line of the verb's entry in the source dictionary (1-based).
    pub verb_line: usize,
    /// Line of the pattern that matched, `None` for the verb's default code.
    pub pattern_line: Option<usize>,
    /// The code as written (`046:046`, `---`).
    pub code: String,
}

/// Counts of what a dictionary holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VerbStats {
    /// Verb blocks (`--- NAME [code] ---`).
    pub blocks: usize,
    /// Verb entries as written (one per verb line, multi-word verbs included).
    pub verbs: usize,
    /// Distinct verb forms the matcher looks up (written and generated).
    pub forms: usize,
    pub multi_word: usize,
    pub patterns: usize,
    pub synsets: usize,
    /// Distinct words the patterns and synsets use.
    pub words: usize,
    pub codes: usize,
    /// Nested-event transformations (`~ a (a b ATTACK) SAY = a b 015`).
    pub transformations: usize,
}

/// A code pair as ids into [`VerbDictionary::codes`]; `None` is the null code.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct CodePair {
    active: Option<u32>,
    paired: Option<u32>,
}

impl CodePair {
    fn is_null(self) -> bool {
        self.active.is_none() && self.paired.is_none()
    }
}

/// What a pattern element stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    /// A dictionary word (id into `words`).
    Word(u32),
    /// Any member of a synset (id into `synsets`).
    Synset(u32),
    /// `$`: the source actor's phrase.
    Source,
    /// `+`: the target actor's phrase.
    Target,
    /// `^`: any word (a skipped phrase).
    Skip,
    /// `%`: a compound actor (source and target in one phrase).
    Compound,
}

/// How an element joins the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    /// Other words may come between.
    Loose,
    /// Other words may come between, but no preposition: same phrase.
    Near,
    /// Consecutive (`_` in the dictionary).
    Tight,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Token {
    item: Item,
    join: Join,
    /// Heads a `(PREP …)` group: the word must be a preposition.
    prep: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Pattern {
    before: Vec<Token>,
    after: Vec<Token>,
    /// `WORD_*`: the last word before the verb is next to it.
    before_tight: bool,
    /// `*_WORD`: the first word after the verb is next to it.
    after_tight: bool,
    code: CodePair,
    line: u32,
    /// Specificity: literal words count 2, actor markers 1.
    weight: u16,
    /// A subject-only pattern (`- &MILITARY * [192] # TAKE`) whose comment
    /// names a verb of its block applies to that verb only (word id of its
    /// stem): CAMEO 2.0 notes which verb each pattern was written for.
    only_verb: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Synset {
    name: String,
    /// Members as word sequences (consecutive words), plurals included.
    members: Vec<Vec<u32>>,
    /// (first word, member index), sorted: the members a word can start.
    by_first: Vec<(u32, u32)>,
}

impl Synset {
    fn new(name: String, mut members: Vec<Vec<u32>>) -> Synset {
        members.retain(|m| !m.is_empty());
        members.sort();
        members.dedup();
        let mut by_first: Vec<(u32, u32)> = members
            .iter()
            .enumerate()
            .map(|(i, m)| (m[0], i as u32))
            .collect();
        by_first.sort_unstable();
        Synset {
            name,
            members,
            by_first,
        }
    }

    fn starting_with(&self, word: u32) -> impl Iterator<Item = &[u32]> + '_ {
        let start = self.by_first.partition_point(|&(w, _)| w < word);
        self.by_first[start..]
            .iter()
            .take_while(move |&&(w, _)| w == word)
            .filter_map(|&(_, i)| self.members.get(i as usize).map(Vec::as_slice))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Block {
    name: String,
    code: CodePair,
    /// Patterns `first..first + count` in `patterns`.
    first: u32,
    count: u32,
    /// Word → patterns (indices into `patterns`) that need that word.
    triggers: KeyMap<Vec<u32>>,
    /// Patterns with no literal word (only markers): always tried.
    untriggered: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct VerbEntry {
    block: u32,
    code: CodePair,
    /// The form this entry is looked up by.
    form: u32,
    /// Words right before the verb (`RE_+ARREST`).
    front: Vec<u32>,
    /// Words right after it (`+CARRY_OUT`).
    back: Vec<u32>,
    line: u32,
    /// Made by the regular-form rules rather than written in the file.
    generated: bool,
    /// The verb of the line (word id), the same for all its forms.
    stem: u32,
}

/// CAMEO verb patterns, loaded once and shared read-only.
#[derive(Debug, Clone, Default)]
pub struct VerbDictionary {
    /// Interned vocabulary, lower case.
    words: Vec<String>,
    /// `word_key(word)` → id.
    word_ids: KeyMap<u32>,
    codes: Vec<String>,
    synsets: Vec<Synset>,
    blocks: Vec<Block>,
    patterns: Vec<Pattern>,
    entries: Vec<VerbEntry>,
    /// Verb form id → entries, best first (more words, written before generated, file order).
    forms: KeyMap<Vec<u32>>,
    transformations: Vec<String>,
}

/// The hash a word is interned under: FNV-1a over the lower-cased text, so
/// a clause word is looked up without allocating. Typographic apostrophes
/// count as `'`.
pub(crate) fn word_key(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    if word.is_ascii() {
        // The common case, byte by byte (the same bytes as the general path).
        for b in word.bytes() {
            h ^= u64::from(b.to_ascii_lowercase());
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        return crate::model::hash::mix(h, 0x7665_7262);
    }
    let mut buf = [0u8; 4];
    for c in word.chars() {
        let c = if c == '\u{2019}' { '\'' } else { c };
        for lc in c.to_lowercase() {
            for &b in lc.encode_utf8(&mut buf).as_bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
    }
    crate::model::hash::mix(h, 0x7665_7262)
}

/// The map key of an interned id (spread so the table's control bits differ).
fn id_key(id: u32) -> u64 {
    u64::from(id).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1
}

/// A clause word reduced to what the matcher compares.
#[derive(Debug, Clone, Copy)]
struct Word {
    lemma: Option<u32>,
    text: Option<u32>,
    token: usize,
    /// A preposition (by role, or by tag when the coder gave no role).
    prep: bool,
    /// Can stand for an actor (nouns, pronouns, numbers; or untagged).
    nominal: bool,
}

impl Word {
    fn is(&self, id: u32) -> bool {
        self.lemma == Some(id) || self.text == Some(id)
    }
}

/// Budget of matcher steps per pattern: bounds backtracking on long clauses.
const STEP_BUDGET: u32 = 4000;

struct Matcher<'d> {
    dict: &'d VerbDictionary,
    steps: u32,
    source: Option<usize>,
    target: Option<usize>,
    compound: Option<usize>,
    matched: Vec<usize>,
}

impl Matcher<'_> {
    /// Length of the match of `token` at `words[p]`, if it matches there.
    fn item_at(&self, token: Token, words: &[Word], p: usize) -> Option<usize> {
        let w = words.get(p)?;
        if token.prep && !w.prep {
            return None;
        }
        match token.item {
            Item::Word(id) => w.is(id).then_some(1),
            Item::Synset(id) => {
                let synset = self.dict.synsets.get(id as usize)?;
                let mut best = 0;
                for first in [w.lemma, w.text].into_iter().flatten() {
                    for member in synset.starting_with(first) {
                        let fits = member.len() > best
                            && member
                                .iter()
                                .enumerate()
                                .skip(1)
                                .all(|(k, &m)| words.get(p + k).is_some_and(|x| x.is(m)));
                        if fits {
                            best = member.len();
                        }
                    }
                    if w.lemma == w.text {
                        break;
                    }
                }
                (best > 0).then_some(best)
            }
            Item::Source | Item::Target | Item::Compound => (w.nominal && !w.prep).then_some(1),
            Item::Skip => (!w.prep).then_some(1),
        }
    }

    /// Match `tokens` in order against `words[pos..]`. `tight`: the first
    /// token must start at `pos`; `to_end`: the last must end the list.
    fn seq(
        &mut self,
        tokens: &[Token],
        words: &[Word],
        pos: usize,
        tight: bool,
        to_end: bool,
    ) -> bool {
        let Some((&token, rest)) = tokens.split_first() else {
            return !to_end || pos == words.len();
        };
        if self.steps == 0 {
            return false;
        }
        self.steps -= 1;
        let tight = tight || token.join == Join::Tight;
        for p in pos..words.len() {
            if p > pos && (tight || (token.join == Join::Near && words[p - 1].prep)) {
                break;
            }
            let Some(len) = self.item_at(token, words, p) else {
                continue;
            };
            let saved = (self.source, self.target, self.matched.len(), self.compound);
            match token.item {
                Item::Source => self.source = Some(words[p].token),
                Item::Target => self.target = Some(words[p].token),
                Item::Compound => self.compound = Some(words[p].token),
                Item::Word(_) | Item::Synset(_) => self
                    .matched
                    .extend(words[p..p + len].iter().map(|w| w.token)),
                Item::Skip => {}
            }
            if self.seq(rest, words, p + len, false, to_end) {
                return true;
            }
            (self.source, self.target, self.compound) = (saved.0, saved.1, saved.3);
            self.matched.truncate(saved.2);
            if self.steps == 0 {
                return false;
            }
        }
        false
    }
}

impl VerbDictionary {
    /// The dictionary built into the binary (`eventwire train verbs`).
    pub fn embedded() -> Result<VerbDictionary, ModelError> {
        VerbDictionary::from_bytes(EMBEDDED)
    }

    /// A dictionary from the bytes [`VerbDictionary::to_bytes`] wrote.
    pub fn from_bytes(bytes: &[u8]) -> Result<VerbDictionary, ModelError> {
        format::from_bytes(bytes)
    }

    /// A dictionary from a PETRARCH-format verb file (CAMEO.2.0.txt, the unit-test
    /// verbs), read leniently: skipped lines come back as issues.
    pub fn from_petrarch(text: &str, name: &str) -> (VerbDictionary, Vec<DictIssue>) {
        read::read_petrarch(text, name)
    }

    /// The compact form committed under `models/`.
    pub fn to_bytes(&self) -> Vec<u8> {
        format::to_bytes(self)
    }

    /// Whether `lemma` (lower case) is a verb the dictionary knows.
    pub fn knows(&self, lemma: &str) -> bool {
        self.id_of(lemma)
            .is_some_and(|id| self.forms.contains_key(&id_key(id)))
    }

    /// What the dictionary holds.
    pub fn stats(&self) -> VerbStats {
        let mut forms: Vec<u32> = self.entries.iter().map(|e| e.form).collect();
        forms.sort_unstable();
        forms.dedup();
        VerbStats {
            blocks: self.blocks.len(),
            verbs: self
                .entries
                .iter()
                .filter(|e| !e.generated)
                .map(|e| e.line)
                .collect::<std::collections::BTreeSet<_>>()
                .len(),
            forms: forms.len(),
            multi_word: self
                .entries
                .iter()
                .filter(|e| !e.generated && (!e.front.is_empty() || !e.back.is_empty()))
                .map(|e| e.line)
                .collect::<std::collections::BTreeSet<_>>()
                .len(),
            patterns: self.patterns.len(),
            synsets: self.synsets.len(),
            words: self.words.len(),
            codes: self.codes.len(),
            transformations: self.transformations.len(),
        }
    }

    /// The nested-event transformations at the end of the dictionary, as
    /// written (`~ a (a b ATTACK) SAY = a b 015`).
    pub fn transformations(&self) -> &[String] {
        &self.transformations
    }

    /// Every event code the dictionary uses (`046`, `0874`; unit-test
    /// dictionaries also have non-CAMEO codes such as `174L`).
    pub fn codes(&self) -> &[String] {
        &self.codes
    }

    fn id_of(&self, word: &str) -> Option<u32> {
        self.word_ids.get(&word_key(word)).copied()
    }

    fn code_str(&self, id: Option<u32>) -> Option<String> {
        id.and_then(|i| self.codes.get(i as usize)).cloned()
    }

    fn word(&self, w: &ClauseWord<'_>) -> Word {
        let lemma = self.id_of(w.lemma);
        let text = if w.text.eq_ignore_ascii_case(w.lemma) {
            lemma
        } else {
            self.id_of(w.text)
        };
        let prep = match w.role {
            Role::Preposition => true,
            Role::Other => matches!(w.tag, "IN" | "TO"),
            _ => false,
        };
        let nominal = w.tag.is_empty()
            || w.tag.starts_with("NN")
            || w.tag == "PRP"
            || w.tag == "CD"
            || w.tag.starts_with("JJ");
        Word {
            lemma,
            text,
            token: w.token,
            prep,
            nominal,
        }
    }

    /// The best pattern for this clause: longest match, then the verb's default
    /// code. `None` when the verb is unknown or its code is null (`---`).
    pub fn match_clause(&self, clause: &Clause<'_>) -> Option<VerbMatch> {
        self.match_explained(clause).map(|(m, _)| m)
    }

    /// [`VerbDictionary::match_clause`] with the entry and pattern that gave
    /// the code. Also gives null-code matches (with a `None` code and
    /// paired code), so a caller can tell "known verb, no event" apart.
    pub fn explain(&self, clause: &Clause<'_>) -> Option<(VerbMatch, MatchExplanation)> {
        let (found, how) = self.find(clause)?;
        Some((found, how))
    }

    fn match_explained(&self, clause: &Clause<'_>) -> Option<(VerbMatch, MatchExplanation)> {
        let (found, how) = self.find(clause)?;
        if found.code.is_none() && found.paired.is_none() {
            return None;
        }
        Some((found, how))
    }

    fn find(&self, clause: &Clause<'_>) -> Option<(VerbMatch, MatchExplanation)> {
        let verb = self.word(&clause.verb);
        // A particle may stand for a preposition of the patterns ("called
        // for" parsed as a phrasal verb still matches `(FOR &CEASEFIRE)`).
        let particle = clause.particle.as_ref().map(|p| Word {
            prep: true,
            ..self.word(p)
        });
        let before: Vec<Word> = clause.before.iter().map(|w| self.word(w)).collect();
        let mut after: Vec<Word> = Vec::with_capacity(clause.after.len() + 1);
        after.extend(particle);
        after.extend(clause.after.iter().map(|w| self.word(w)));

        // The verb entry: the one using most of the neighbouring words.
        let mut best: Option<(&VerbEntry, usize)> = None;
        let lists = [verb.lemma, verb.text.filter(|&t| Some(t) != verb.lemma)];
        for form in lists.into_iter().flatten() {
            for &e in self.forms.get(&id_key(form)).into_iter().flatten() {
                let Some(entry) = self.entries.get(e as usize) else {
                    continue;
                };
                let extra = entry.front.len() + entry.back.len();
                if best.is_some_and(|(_, n)| n >= extra) {
                    continue;
                }
                let back_ok = entry.back.len() <= after.len()
                    && entry.back.iter().zip(&after).all(|(&b, w)| w.is(b));
                let front_ok = entry.front.len() <= before.len()
                    && entry
                        .front
                        .iter()
                        .zip(&before[before.len() - entry.front.len()..])
                        .all(|(&f, w)| w.is(f));
                if back_ok && front_ok {
                    best = Some((entry, extra));
                }
            }
        }
        let (entry, _) = best?;
        let block = self.blocks.get(entry.block as usize)?;
        let mut consumed: Vec<usize> = Vec::new();
        consumed.extend(after[..entry.back.len()].iter().map(|w| w.token));
        consumed.extend(
            before[before.len() - entry.front.len()..]
                .iter()
                .map(|w| w.token),
        );
        let before = &before[..before.len() - entry.front.len()];
        let after = &after[entry.back.len()..];

        // Candidate patterns: those whose trigger word occurs in the clause.
        let mut candidates: Vec<u32> = block.untriggered.clone();
        for w in before.iter().chain(after) {
            for id in [w.lemma, w.text.filter(|&t| Some(t) != w.lemma)]
                .into_iter()
                .flatten()
            {
                if let Some(list) = block.triggers.get(&id_key(id)) {
                    candidates.extend_from_slice(list);
                }
            }
        }
        candidates.sort_unstable_by_key(|&p| {
            let weight = self.patterns.get(p as usize).map_or(0, |x| x.weight);
            (std::cmp::Reverse(weight), p)
        });
        candidates.dedup();

        let mut matcher = Matcher {
            dict: self,
            steps: 0,
            source: None,
            target: None,
            compound: None,
            matched: Vec::new(),
        };
        for p in candidates {
            let Some(pattern) = self.patterns.get(p as usize) else {
                continue;
            };
            if pattern.only_verb.is_some_and(|v| v != entry.stem) {
                continue;
            }
            matcher.steps = STEP_BUDGET;
            matcher.source = None;
            matcher.target = None;
            matcher.compound = None;
            matcher.matched.clear();
            let ok = matcher.seq(&pattern.before, before, 0, false, pattern.before_tight)
                && matcher.seq(&pattern.after, after, 0, pattern.after_tight, false);
            if ok {
                let mut matched = std::mem::take(&mut matcher.matched);
                matched.extend_from_slice(&consumed);
                matched.sort_unstable();
                matched.dedup();
                let found = VerbMatch {
                    code: self.code_str(pattern.code.active),
                    paired: self.code_str(pattern.code.paired),
                    source: matcher.source,
                    target: matcher.target,
                    compound: matcher.compound,
                    matched,
                };
                let how = MatchExplanation {
                    block: block.name.clone(),
                    verb_line: entry.line as usize,
                    pattern_line: Some(pattern.line as usize),
                    code: self.code_text(pattern.code),
                };
                return Some((found, how));
            }
        }
        consumed.sort_unstable();
        let found = VerbMatch {
            code: self.code_str(entry.code.active),
            paired: self.code_str(entry.code.paired),
            source: None,
            target: None,
            compound: None,
            matched: consumed,
        };
        let how = MatchExplanation {
            block: block.name.clone(),
            verb_line: entry.line as usize,
            pattern_line: None,
            code: self.code_text(entry.code),
        };
        Some((found, how))
    }

    fn code_text(&self, code: CodePair) -> String {
        if code.is_null() {
            return "---".to_string();
        }
        let active = self.code_str(code.active).unwrap_or_default();
        match self.code_str(code.paired) {
            Some(paired) => format!("{active}:{paired}"),
            None => active,
        }
    }
}
