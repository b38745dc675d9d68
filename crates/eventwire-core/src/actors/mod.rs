//! Actor dictionaries: who a phrase stands for, as a CAMEO actor code.
//!
//! Built from the PETRARCH2 Phoenix dictionaries (countries and office
//! holders with their dates in office, IGOs, non-state armed groups, agents)
//! plus capitals (from GeoNames) standing for governments and a short list
//! of our own additions (`supplement.*.txt`); see `docs/actors.md`.
//!
//! * [`ActorDictionary::match_at`]: the longest dictionary phrase starting at
//!   a word, with its code on a date (`John Kerry` is `USAGOVLEG` in 2010 and
//!   `USAGOV` in 2016).
//! * [`ActorDictionary::code_phrase`]: the code of a whole phrase (a noun
//!   phrase or entity span chosen by the caller), combining an actor or
//!   country with role words the PETRARCH way: `Russian military` = `RUS` +
//!   `~MIL` = `RUSMIL`; `the Syrian opposition` = `SYROPP`.
//! * [`ActorDictionary::with_user_entries`]: a user's file adds or overrides
//!   phrases and date ranges.
//!
//! Text and dictionary words are compared after the same normalisation
//! (case, accents, punctuation, hyphens, possessive `'s`: see
//! [`normalize`]); phrases are stored as sorted 64-bit hashes of their word
//! sequences, so a lookup is a few binary searches and no strings are kept.

mod build;
mod dates;
pub mod normalize;
mod parse;

pub use build::{current_code, kind_of_codes, AddReport, DictionaryBuilder};
pub use dates::{parse_compact_date, parse_iso_date, DateRange};
pub use parse::{
    parse_actor_dictionary, parse_agent_dictionary, parse_discard_list, parse_user_file,
    ActorRecord, AgentRecord, CodeRule, DictIssue, DiscardRecord, Parsed,
};

use crate::model::container::{decode_strings, ByteReader, Container};
use crate::model::ModelError;
use normalize::{
    for_each_key, hash_keys, is_all_caps, is_common_word, is_possessive_clitic, PhraseHasher,
};
use std::collections::HashMap;

/// Version of the compiled file; bump when the layout changes.
pub const FORMAT_VERSION: u32 = 1;
/// Longest phrase (in normalised words) the dictionaries may hold.
pub const MAX_PHRASE_KEYS: usize = 32;

static EMBEDDED: &[u8] = include_bytes!("../../models/actors.ewm");

/// Our own additions in PETRARCH actor format (see `docs/actors.md`).
pub const SUPPLEMENT_ACTORS: &str = include_str!("supplement.actors.txt");
/// Our own additions in PETRARCH agent format.
pub const SUPPLEMENT_AGENTS: &str = include_str!("supplement.agents.txt");

/// What kind of thing a dictionary phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum ActorKind {
    /// A country, its demonym or a place standing for it: `Russia`, `Russian`.
    Country = 0,
    /// A capital standing for the government: `Moscow` → `RUSGOV`.
    Capital = 1,
    /// A named actor: person (with dates in office), institution, IGO, group.
    Actor = 2,
    /// A role word that qualifies an actor: `military` → `~MIL`.
    Agent = 3,
}

impl ActorKind {
    pub const ALL: [ActorKind; 4] = [
        ActorKind::Country,
        ActorKind::Capital,
        ActorKind::Actor,
        ActorKind::Agent,
    ];

    fn from_u8(v: u8) -> Option<ActorKind> {
        Self::ALL.get(usize::from(v)).copied()
    }

    pub fn name(self) -> &'static str {
        match self {
            ActorKind::Country => "country",
            ActorKind::Capital => "capital",
            ActorKind::Actor => "actor",
            ActorKind::Agent => "agent",
        }
    }
}

/// Which source a phrase came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Origin {
    /// Phoenix.Countries.actors.txt (countries, office holders, institutions).
    Countries = 0,
    /// Phoenix.International.actors.txt (IGOs, NGOs, companies).
    International = 1,
    /// Phoenix.MilNonState.actors.txt (armed and non-state groups).
    NonState = 2,
    /// Phoenix.agents.txt.
    Agents = 3,
    /// Capitals from GeoNames.
    Capitals = 4,
    /// eventwire's own additions (`supplement.txt`).
    Supplement = 5,
    /// A user's file ([`ActorDictionary::with_user_entries`]).
    User = 6,
    /// Any other dictionary (e.g. PETRARCH's unit-test dictionaries).
    Dictionary = 7,
}

impl Origin {
    pub const ALL: [Origin; 8] = [
        Origin::Countries,
        Origin::International,
        Origin::NonState,
        Origin::Agents,
        Origin::Capitals,
        Origin::Supplement,
        Origin::User,
        Origin::Dictionary,
    ];

    fn from_u8(v: u8) -> Option<Origin> {
        Self::ALL.get(usize::from(v)).copied()
    }

    pub fn name(self) -> &'static str {
        match self {
            Origin::Countries => "Phoenix countries",
            Origin::International => "Phoenix international",
            Origin::NonState => "Phoenix non-state",
            Origin::Agents => "Phoenix agents",
            Origin::Capitals => "capitals (GeoNames)",
            Origin::Supplement => "eventwire supplement",
            Origin::User => "user file",
            Origin::Dictionary => "other dictionary",
        }
    }
}

/// A dictionary phrase found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActorMatch<'a> {
    /// First word of the match (index into the caller's words).
    pub start: usize,
    /// Number of the caller's words it covers (at least 1).
    pub len: usize,
    /// The code on the given date: `RUSGOV`, `IGOUNO`, or for agents `~MIL`
    /// (role after the actor) / `IGO~` (before). `None` when the phrase is
    /// known but has no code then (null code `---`, or outside every date
    /// range without a default).
    pub code: Option<&'a str>,
    pub kind: ActorKind,
    pub origin: Origin,
}

/// The code of a whole phrase and the dictionary matches it was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseCode<'a> {
    /// `RUSMIL`; `---CVL` when only a role was found and no country was
    /// given as context.
    pub code: String,
    /// Every match in the phrase, left to right (words between are ignored).
    pub parts: Vec<ActorMatch<'a>>,
}

/// A discard phrase in a sentence (sports, history): not to be coded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiscardMatch {
    /// Word where the discard phrase starts.
    pub start: usize,
    /// Whether the whole story, not just the sentence, should be skipped.
    pub story: bool,
}

/// Counts of what a dictionary holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DictionaryStats {
    /// Distinct phrases, by kind (indexed like [`ActorKind::ALL`]).
    pub phrases_by_kind: [usize; 4],
    /// Entries (a head phrase with its synonyms), by kind.
    pub entries_by_kind: [usize; 4],
    /// Distinct phrases by source (indexed like [`Origin::ALL`]).
    pub phrases_by_origin: [usize; 8],
    /// Entries with at least one dated code.
    pub dated_entries: usize,
    pub codes: usize,
    pub discards: usize,
}

#[derive(Debug, Clone)]
struct Entry {
    kind: ActorKind,
    origin: Origin,
    phrases: u32,
    rules_start: u32,
    rules_len: u16,
}

#[derive(Debug, Clone, Copy)]
struct Rule {
    code: u32,
    first: i32,
    last: i32,
}

impl Rule {
    fn is_default(self) -> bool {
        self.first == i32::MIN && self.last == i32::MAX
    }
}

#[derive(Debug, Clone)]
struct Discard {
    keys: Vec<String>,
    story: bool,
    whole_word: bool,
}

/// The compiled actor dictionaries. Read-only after loading; share by `&`.
#[derive(Debug, Clone)]
pub struct ActorDictionary {
    /// (phrase hash, entry), sorted by hash, one per phrase.
    index: Vec<(u64, u32)>,
    entries: Vec<Entry>,
    rules: Vec<Rule>,
    codes: Vec<String>,
    max_keys: usize,
    discards: Vec<Discard>,
    /// (hash of the first key, discard) for exact-first-word discards.
    discard_heads: Vec<(u64, u32)>,
    /// (hash of the stem, discard) for one-word stem discards.
    discard_stems: Vec<(u64, u32)>,
    /// Longest one-word stem, in chars: longer prefixes need no lookup.
    max_stem_chars: usize,
}

fn invalid(why: impl Into<String>) -> ModelError {
    ModelError::Invalid(why.into())
}

impl ActorDictionary {
    /// The dictionary built into the binary (`eventwire train actors`).
    pub fn embedded() -> Result<ActorDictionary, ModelError> {
        Self::from_bytes(EMBEDDED)
    }

    /// A dictionary from the bytes [`DictionaryBuilder::to_bytes`] wrote.
    pub fn from_bytes(bytes: &[u8]) -> Result<ActorDictionary, ModelError> {
        let container = Container::from_bytes(bytes)?;
        let mut meta = ByteReader::new(container.section("actors.meta")?);
        let version = meta.u32("actors format version")?;
        if version != FORMAT_VERSION {
            return Err(invalid(format!(
                "actor dictionary format {version}, this eventwire reads {FORMAT_VERSION}: rebuild it with `eventwire train actors`"
            )));
        }
        let codes = container.strings("actors.codes")?;
        let mut reader = ByteReader::new(container.section("actors.entries")?);
        let n_entries = reader.u32("entry count")? as usize;
        let mut entries = Vec::with_capacity(n_entries.min(1 << 20));
        let mut rules = Vec::new();
        for _ in 0..n_entries {
            let kind = ActorKind::from_u8(reader.u8("entry kind")?)
                .ok_or_else(|| invalid("unknown actor kind"))?;
            let origin = Origin::from_u8(reader.u8("entry origin")?)
                .ok_or_else(|| invalid("unknown entry origin"))?;
            let phrases = reader.u32("entry phrase count")?;
            let rules_len = reader.u16("entry rule count")?;
            let rules_start = u32::try_from(rules.len()).map_err(|_| invalid("too many rules"))?;
            for _ in 0..rules_len {
                let code = reader.u32("rule code")?;
                if code as usize >= codes.len() {
                    return Err(invalid("rule code out of range"));
                }
                let first = i32::from_le_bytes(
                    reader
                        .take(4, "rule start")?
                        .try_into()
                        .map_err(|_| invalid("rule start"))?,
                );
                let last = i32::from_le_bytes(
                    reader
                        .take(4, "rule end")?
                        .try_into()
                        .map_err(|_| invalid("rule end"))?,
                );
                rules.push(Rule { code, first, last });
            }
            entries.push(Entry {
                kind,
                origin,
                phrases,
                rules_start,
                rules_len,
            });
        }
        // Phrases are stored as text (it compresses far better than hashes)
        // and hashed here; only the hashes are kept.
        let phrase_data = container.section("actors.phrases")?;
        let mut phrase_reader = ByteReader::new(phrase_data);
        let n_phrases = phrase_reader.u32("phrase count")? as usize;
        let declared: u64 = entries.iter().map(|e| u64::from(e.phrases)).sum();
        if declared != n_phrases as u64 {
            return Err(invalid("phrase count does not match the entries"));
        }
        let mut index = Vec::with_capacity(n_phrases);
        let mut max_keys = 1;
        for (entry_id, entry) in entries.iter().enumerate() {
            for _ in 0..entry.phrases {
                let phrase = std::str::from_utf8(phrase_reader.bytes("phrase")?)
                    .map_err(|_| invalid("phrase is not UTF-8"))?;
                let mut hasher = PhraseHasher::new();
                let mut keys = 0;
                for key in phrase.split(' ') {
                    hasher.push(key);
                    keys += 1;
                }
                max_keys = max_keys.max(keys);
                index.push((hasher.finish(), entry_id as u32));
            }
        }
        index.sort_unstable();
        // Distinct phrases never share a hash in practice (64 bits); if two
        // did, the earlier entry keeps it.
        index.dedup_by_key(|(hash, _)| *hash);
        let discard_phrases = decode_strings(container.section("actors.discards")?)?;
        let flags = container.section("actors.discard_flags")?;
        if flags.len() != discard_phrases.len() {
            return Err(invalid("discard flags do not match the discards"));
        }
        let discards = discard_phrases
            .iter()
            .zip(flags)
            .filter(|(p, _)| !p.is_empty())
            .map(|(p, &f)| Discard {
                keys: p.split(' ').map(str::to_string).collect(),
                story: f & 1 != 0,
                whole_word: f & 2 != 0,
            })
            .collect();
        let mut dictionary = ActorDictionary {
            index,
            entries,
            rules,
            codes,
            max_keys: max_keys.min(MAX_PHRASE_KEYS),
            discards,
            discard_heads: Vec::new(),
            discard_stems: Vec::new(),
            max_stem_chars: 0,
        };
        dictionary.index_discards();
        Ok(dictionary)
    }

    /// A dictionary from PETRARCH-format texts (e.g. the PETRARCH unit-test
    /// dictionaries), read leniently: skipped lines come back as issues.
    pub fn from_petrarch(
        actors: &str,
        agents: &str,
        discards: &str,
        name: &str,
    ) -> Result<(ActorDictionary, Vec<DictIssue>), ModelError> {
        let actors = parse_actor_dictionary(actors, &format!("{name} actors"));
        let agents = parse_agent_dictionary(agents, &format!("{name} agents"));
        let discards = parse_discard_list(discards, &format!("{name} discards"));
        let mut builder = DictionaryBuilder::new();
        builder.add_actors(&actors.records, Origin::Dictionary);
        builder.add_agents(&agents.records, Origin::Dictionary);
        builder.add_discards(&discards.records);
        let mut issues = actors.issues;
        issues.extend(agents.issues);
        issues.extend(discards.issues);
        Ok((builder.build()?, issues))
    }

    fn index_discards(&mut self) {
        self.discard_heads.clear();
        self.discard_stems.clear();
        for (i, d) in self.discards.iter().enumerate() {
            let Some(first) = d.keys.first() else {
                continue;
            };
            let hash = hash_keys(&[first]);
            if d.keys.len() == 1 && !d.whole_word {
                self.discard_stems.push((hash, i as u32));
                self.max_stem_chars = self.max_stem_chars.max(first.chars().count());
            } else {
                self.discard_heads.push((hash, i as u32));
            }
        }
        self.discard_heads.sort_unstable();
        self.discard_stems.sort_unstable();
    }

    /// Add or override entries from a user file (format: see
    /// [`parse_user_file`] and `docs/actors.md`). A phrase the file defines
    /// replaces the dictionary's entry for that exact phrase (its synonyms
    /// keep theirs). Any bad line is an error naming its line.
    pub fn with_user_entries(self, text: &str) -> Result<ActorDictionary, DictIssue> {
        self.with_user_file(text, "")
    }

    /// [`with_user_entries`](Self::with_user_entries) with a file name for
    /// the error messages.
    pub fn with_user_file(mut self, text: &str, file: &str) -> Result<ActorDictionary, DictIssue> {
        let records = parse_user_file(text, file).strict()?;
        let mut user_phrases: HashMap<u64, (u32, usize)> = HashMap::new();
        for record in records {
            let entry_id = u32::try_from(self.entries.len()).map_err(|_| DictIssue {
                file: file.to_string(),
                line: record.line,
                message: "too many entries".into(),
            })?;
            let mut phrases = 0;
            for phrase in &record.phrases {
                let keys = normalize::phrase_keys(phrase);
                if keys.is_empty() || keys.len() > MAX_PHRASE_KEYS {
                    return Err(DictIssue {
                        file: file.to_string(),
                        line: record.line,
                        message: format!(
                            "phrase '{phrase}' must have 1 to {MAX_PHRASE_KEYS} words"
                        ),
                    });
                }
                let hash = hash_keys(&keys);
                if let Some(&(_, first_line)) = user_phrases.get(&hash) {
                    return Err(DictIssue {
                        file: file.to_string(),
                        line: record.line,
                        message: format!(
                            "phrase '{phrase}' is already defined at line {first_line}"
                        ),
                    });
                }
                user_phrases.insert(hash, (entry_id, record.line));
                self.max_keys = self.max_keys.max(keys.len());
                phrases += 1;
            }
            let rules_start = u32::try_from(self.rules.len()).unwrap_or(u32::MAX);
            for rule in record.rules.iter().take(usize::from(u16::MAX)) {
                let code = match self.codes.iter().position(|c| *c == rule.code) {
                    Some(i) => i,
                    None => {
                        self.codes.push(rule.code.clone());
                        self.codes.len() - 1
                    }
                };
                let (first, last) = rule.range.bounds();
                self.rules.push(Rule {
                    code: code as u32,
                    first,
                    last,
                });
            }
            self.entries.push(Entry {
                kind: kind_of_codes(&record.rules),
                origin: Origin::User,
                phrases,
                rules_start,
                rules_len: record.rules.len().min(usize::from(u16::MAX)) as u16,
            });
        }
        for (hash, entry) in &mut self.index {
            if let Some((user_entry, _)) = user_phrases.remove(hash) {
                *entry = user_entry;
            }
        }
        self.index.extend(
            user_phrases
                .into_iter()
                .map(|(hash, (entry, _))| (hash, entry)),
        );
        self.index.sort_unstable();
        Ok(self)
    }

    fn lookup(&self, hash: u64) -> Option<&Entry> {
        let at = self.index.binary_search_by_key(&hash, |&(h, _)| h).ok()?;
        self.entries.get(self.index[at].1 as usize)
    }

    /// The entry's code on `day`: the first dated rule that holds, else the
    /// last undated (default) rule. Without a day: the default, else the
    /// rule that runs latest (the most recent office).
    fn code_of(&self, entry: &Entry, day: Option<i32>) -> Option<&str> {
        let start = entry.rules_start as usize;
        let rules = self
            .rules
            .get(start..start + usize::from(entry.rules_len))
            .unwrap_or(&[]);
        let default = || rules.iter().rev().find(|r| r.is_default());
        let rule = match day {
            Some(d) => rules
                .iter()
                .find(|r| !r.is_default() && r.first <= d && d <= r.last)
                .or_else(default),
            None => default().or_else(|| rules.iter().max_by_key(|r| r.last)),
        }?;
        let code = self.codes.get(rule.code as usize)?;
        (code != "---").then_some(code.as_str())
    }

    /// Whether a one-word name should not match this word: a common English
    /// word (us, who, it) written in lower or title case.
    fn is_guarded_word(word: &str, buf: &mut String) -> bool {
        if is_all_caps(word) {
            return false;
        }
        let mut joined = String::new();
        for_each_key(word, buf, |k| joined.push_str(k));
        is_common_word(&joined)
    }

    /// The longest dictionary phrase starting at `words[start]`, with its
    /// code on `date` (`YYYY-MM-DD`; `None` or an unreadable date uses the
    /// undated code, else the most recent one). Words are compared after
    /// normalisation; a possessive `'s` token inside a phrase is skipped;
    /// a one-word country or actor name that is also a common English word
    /// (`us`, `who`) must be written in capitals.
    pub fn match_at(
        &self,
        words: &[&str],
        start: usize,
        date: Option<&str>,
    ) -> Option<ActorMatch<'_>> {
        self.match_at_day(words, start, date.and_then(parse_iso_date))
    }

    fn match_at_day(
        &self,
        words: &[&str],
        start: usize,
        day: Option<i32>,
    ) -> Option<ActorMatch<'_>> {
        let first = *words.get(start)?;
        if is_possessive_clitic(first) {
            return None;
        }
        let mut buf = String::new();
        let mut hasher = PhraseHasher::new();
        let mut n_keys = 0;
        let mut candidates: Vec<(usize, u64)> = Vec::with_capacity(8);
        let mut w = start;
        while w < words.len() && n_keys < self.max_keys {
            let word = words[w];
            if is_possessive_clitic(word) {
                w += 1;
                continue;
            }
            let mut n = 0;
            for_each_key(word, &mut buf, |k| {
                hasher.push(k);
                n += 1;
            });
            if n == 0 {
                break;
            }
            n_keys += n;
            w += 1;
            if n_keys <= self.max_keys {
                candidates.push((w - start, hasher.finish()));
            }
        }
        for &(len, hash) in candidates.iter().rev() {
            let Some(entry) = self.lookup(hash) else {
                continue;
            };
            if len == 1 && entry.kind != ActorKind::Agent && Self::is_guarded_word(first, &mut buf)
            {
                continue;
            }
            if entry.kind == ActorKind::Capital
                && words
                    .get(start + len)
                    .is_some_and(|w| names_after_a_place(w))
            {
                // `the Paris Agreement`, `the Geneva talks`, `the Vienna
                // process`: a treaty or a meeting named after the city,
                // not its government.
                return None;
            }
            return Some(ActorMatch {
                start,
                len,
                code: self.code_of(entry, day),
                kind: entry.kind,
                origin: entry.origin,
            });
        }
        None
    }

    /// All dictionary matches in `words`, left to right, longest first at
    /// each position, not overlapping.
    pub fn matches(&self, words: &[&str], date: Option<&str>) -> Vec<ActorMatch<'_>> {
        let day = date.and_then(parse_iso_date);
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            match self.match_at_day(words, i, day) {
                Some(m) => {
                    i += m.len;
                    out.push(m);
                }
                None => i += 1,
            }
        }
        out
    }

    /// The code of a whole phrase (`Russian military` → `RUSMIL`). See
    /// [`code_phrase_in`](Self::code_phrase_in).
    pub fn code_phrase(&self, words: &[&str], date: Option<&str>) -> Option<PhraseCode<'_>> {
        self.code_phrase_in(words, date, None)
    }

    /// The code of a whole phrase, PETRARCH style:
    ///
    /// 1. find the dictionary matches left to right (other words are ignored);
    /// 2. the actor is the first country, capital or named actor with a code,
    ///    replaced by a later one whose code extends it (`Syrian` `SYR` then
    ///    a person coded `SYROPP` gives `SYROPP`);
    /// 3. with no actor, `context_country` (e.g. the story's country) or
    ///    `---` stands in;
    /// 4. each agent adds its role: `~MIL` after the code, `IGO~` before it,
    ///    skipping roles the code already has (`USAGOV` + `~GOV` = `USAGOV`).
    ///
    /// `None` when nothing in the phrase has a code.
    pub fn code_phrase_in(
        &self,
        words: &[&str],
        date: Option<&str>,
        context_country: Option<&str>,
    ) -> Option<PhraseCode<'_>> {
        let parts = self.matches(words, date);
        let mut actor: Option<&str> = None;
        for m in &parts {
            let (Some(code), false) = (m.code, m.kind == ActorKind::Agent) else {
                continue;
            };
            match actor {
                None => actor = Some(code),
                Some(a) if code.len() > a.len() && code.starts_with(a) => actor = Some(code),
                Some(_) => {}
            }
        }
        let agents: Vec<&str> = parts
            .iter()
            .filter(|m| m.kind == ActorKind::Agent)
            .filter_map(|m| m.code)
            .filter(|c| !c.trim_matches('~').is_empty())
            .collect();
        if actor.is_none() && agents.is_empty() {
            return None;
        }
        let code = apply_roles(
            actor.or(context_country).unwrap_or("---").to_string(),
            &agents,
        );
        Some(PhraseCode { code, parts })
    }

    /// The codes of a coordinated phrase: `Gondor and Osgiliath` gives two
    /// codes, `Russian and Syrian troops` gives `RUSMIL` and `SYRMIL`.
    ///
    /// The phrase is cut at `and`, `or`, `&`, `,` and `;` outside dictionary
    /// phrases (so `Trinidad and Tobago` stays whole), each part is coded
    /// with [`code_phrase_in`](Self::code_phrase_in), and parts that name an
    /// actor but no role take the roles of the last part (`Russian and
    /// Syrian troops`). Parts with no code are left out.
    pub fn code_conjuncts(
        &self,
        words: &[&str],
        date: Option<&str>,
        context_country: Option<&str>,
    ) -> Vec<PhraseCode<'_>> {
        let matches = self.matches(words, date);
        let mut inside = vec![false; words.len()];
        for m in &matches {
            for flag in inside.iter_mut().skip(m.start).take(m.len) {
                *flag = true;
            }
        }
        let is_cut = |i: usize, w: &str| {
            !inside[i]
                && matches!(
                    w.to_ascii_lowercase().as_str(),
                    "and" | "or" | "&" | "," | ";"
                )
        };
        let mut parts: Vec<PhraseCode<'_>> = Vec::new();
        let mut start = 0;
        for end in 0..=words.len() {
            if end < words.len() && !is_cut(end, words[end]) {
                continue;
            }
            if end > start {
                if let Some(mut code) =
                    self.code_phrase_in(&words[start..end], date, context_country)
                {
                    for part in &mut code.parts {
                        part.start += start;
                    }
                    parts.push(code);
                }
            }
            start = end + 1;
        }
        let Some(last) = parts.last() else {
            return parts;
        };
        let shared_roles: Vec<&str> = last
            .parts
            .iter()
            .filter(|m| m.kind == ActorKind::Agent)
            .filter_map(|m| m.code)
            .collect();
        let last_index = parts.len() - 1;
        if !shared_roles.is_empty() {
            for part in &mut parts[..last_index] {
                if part.parts.iter().any(|m| m.kind == ActorKind::Agent) {
                    continue;
                }
                part.code = apply_roles(part.code.clone(), &shared_roles);
            }
        }
        parts
    }

    /// The first discard phrase in a sentence's words, if any (PETRARCH
    /// skips such sentences: sports results, historical chronologies).
    pub fn discard_in(&self, words: &[&str]) -> Option<DiscardMatch> {
        let mut keys: Vec<(String, usize)> = Vec::new();
        let mut buf = String::new();
        for (w, word) in words.iter().enumerate() {
            for_each_key(word, &mut buf, |k| keys.push((k.to_string(), w)));
        }
        for p in 0..keys.len() {
            let key = keys[p].0.as_str();
            let head = hash_keys(&[key]);
            let from = self.discard_heads.partition_point(|&(h, _)| h < head);
            for &(h, d) in &self.discard_heads[from..] {
                if h != head {
                    break;
                }
                let discard = &self.discards[d as usize];
                if discard_matches(discard, &keys[p..]) {
                    return Some(DiscardMatch {
                        start: keys[p].1,
                        story: discard.story,
                    });
                }
            }
            let prefix_ends = key
                .char_indices()
                .skip(1)
                .map(|(at, _)| at)
                .chain([key.len()])
                .take(self.max_stem_chars);
            for end in prefix_ends {
                let stem = hash_keys(&[&key[..end]]);
                if let Ok(at) = self.discard_stems.binary_search_by_key(&stem, |&(h, _)| h) {
                    let discard = &self.discards[self.discard_stems[at].1 as usize];
                    return Some(DiscardMatch {
                        start: keys[p].1,
                        story: discard.story,
                    });
                }
            }
        }
        None
    }

    /// What the dictionary holds.
    pub fn stats(&self) -> DictionaryStats {
        let mut stats = DictionaryStats {
            codes: self.codes.len(),
            discards: self.discards.len(),
            ..DictionaryStats::default()
        };
        let mut live = vec![0usize; self.entries.len()];
        for &(_, entry) in &self.index {
            if let Some(n) = live.get_mut(entry as usize) {
                *n += 1;
            }
        }
        for (entry, &n) in self.entries.iter().zip(&live) {
            if n == 0 {
                continue;
            }
            stats.phrases_by_kind[entry.kind as usize] += n;
            stats.entries_by_kind[entry.kind as usize] += 1;
            stats.phrases_by_origin[entry.origin as usize] += n;
            let start = entry.rules_start as usize;
            let rules = self
                .rules
                .get(start..start + usize::from(entry.rules_len))
                .unwrap_or(&[]);
            stats.dated_entries += usize::from(rules.iter().any(|r| !r.is_default()));
        }
        stats
    }

    /// Number of distinct phrases.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
}

/// Nouns that make a capital's name the name of a treaty, a series of talks
/// or a meeting held there (`the Paris Agreement`, `the Geneva talks`).
fn names_after_a_place(word: &str) -> bool {
    const NOUNS: [&str; 16] = [
        "agreement",
        "agreements",
        "accord",
        "accords",
        "treaty",
        "protocol",
        "convention",
        "conventions",
        "declaration",
        "charter",
        "club",
        "consensus",
        "process",
        "talks",
        "conference",
        "summit",
    ];
    NOUNS.iter().any(|n| word.eq_ignore_ascii_case(n))
}

/// Add agent roles to an actor code: `~MIL` after it, `IGO~` before it,
/// each three-letter role only once.
fn apply_roles(mut code: String, agents: &[&str]) -> String {
    for agent in agents {
        if let Some(role) = agent.strip_prefix('~') {
            for chunk in role.as_bytes().chunks(3) {
                if !has_role(&code, chunk) {
                    code.push_str(&String::from_utf8_lossy(chunk));
                }
            }
        } else if let Some(role) = agent.strip_suffix('~') {
            if code == "---" {
                code = role.to_string();
            } else if !code.starts_with(role) {
                code.insert_str(0, role);
            }
        }
    }
    code
}

/// Whether `code` already has the three-letter `role` after its country part.
fn has_role(code: &str, role: &[u8]) -> bool {
    let bytes = code.as_bytes();
    (3..bytes.len())
        .step_by(3)
        .any(|p| bytes[p..].starts_with(role))
}

fn discard_matches(discard: &Discard, keys: &[(String, usize)]) -> bool {
    if keys.len() < discard.keys.len() {
        return false;
    }
    let last = discard.keys.len() - 1;
    discard
        .keys
        .iter()
        .zip(keys)
        .enumerate()
        .all(|(i, (want, (got, _)))| {
            if i == last && !discard.whole_word {
                got.starts_with(want.as_str())
            } else {
                got == want
            }
        })
}

#[cfg(test)]
mod tests;
