//! Compiling dictionaries into the container format that
//! [`ActorDictionary::from_bytes`] loads. The first source to define a
//! phrase keeps it, so the caller adds sources in priority order (own
//! additions, capitals, country actors, international, non-state, agents).

use super::dates::DateRange;
use super::normalize::phrase_keys;
use super::parse::{ActorRecord, AgentRecord, CodeRule, DiscardRecord};
use super::{ActorDictionary, ActorKind, Origin, FORMAT_VERSION, MAX_PHRASE_KEYS};
use crate::model::container::{ByteWriter, ContainerBuilder};
use crate::model::ModelError;
use std::collections::HashMap;

#[derive(Debug, Clone)]
struct BuildEntry {
    kind: ActorKind,
    origin: Origin,
    /// Normalised phrases (keys joined by one space).
    phrases: Vec<String>,
    rules: Vec<CodeRule>,
}

/// What an `add_*` call did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AddReport {
    /// Phrases stored.
    pub added: usize,
    /// Phrases already defined by an earlier source (the earlier one is kept).
    pub shadowed: usize,
    /// Phrases with no word, or longer than the matcher looks.
    pub unusable: usize,
}

/// Collects dictionary sources and writes the compiled dictionary.
#[derive(Debug, Default)]
pub struct DictionaryBuilder {
    entries: Vec<BuildEntry>,
    by_phrase: HashMap<String, usize>,
    discards: Vec<DiscardRecord>,
}

/// Three-letter CAMEO codes that are roles or actor types, not countries.
const NON_COUNTRY_CODES: &[&str] = &[
    "AGR", "BUS", "COP", "CRM", "CVL", "EDU", "ELI", "GOV", "HLH", "HRI", "IGO", "IMG", "JUD",
    "LAB", "LEG", "MED", "MIL", "MNC", "MOD", "NGM", "NGO", "OPP", "PTY", "RAD", "REB", "REF",
    "REL", "SPY", "UAF",
];

/// The code an entry has "now": its default (last undated rule), else the
/// rule that runs latest.
pub fn current_code(rules: &[CodeRule]) -> Option<&str> {
    rules
        .iter()
        .rev()
        .find(|r| r.range == DateRange::Always)
        .or_else(|| rules.iter().max_by_key(|r| r.range.bounds().1))
        .map(|r| r.code.as_str())
}

/// The kind an actor record's codes imply: agents carry `~`; a country's
/// current code is a bare three-letter country code (earlier dated codes
/// may differ: `IRQOCC` during the occupation); everything else is a named
/// actor.
pub fn kind_of_codes(rules: &[CodeRule]) -> ActorKind {
    if rules.iter().any(|r| r.code.contains('~')) {
        return ActorKind::Agent;
    }
    match current_code(rules) {
        Some(code)
            if code.len() == 3
                && code.bytes().all(|b| b.is_ascii_uppercase())
                && !NON_COUNTRY_CODES.contains(&code) =>
        {
            ActorKind::Country
        }
        _ => ActorKind::Actor,
    }
}

impl DictionaryBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    fn add_entry(
        &mut self,
        kind: ActorKind,
        origin: Origin,
        phrases: &[String],
        rules: Vec<CodeRule>,
    ) -> AddReport {
        let mut report = AddReport::default();
        let index = self.entries.len();
        let mut kept = Vec::new();
        for phrase in phrases {
            let keys = phrase_keys(phrase);
            if keys.is_empty() || keys.len() > MAX_PHRASE_KEYS {
                report.unusable += 1;
                continue;
            }
            let normalised = keys.join(" ");
            if self.by_phrase.contains_key(&normalised) {
                report.shadowed += usize::from(!kept.contains(&normalised));
                continue;
            }
            self.by_phrase.insert(normalised.clone(), index);
            kept.push(normalised);
            report.added += 1;
        }
        if !kept.is_empty() {
            self.entries.push(BuildEntry {
                kind,
                origin,
                phrases: kept,
                rules,
            });
        }
        report
    }

    /// Add actor records (countries, named actors, IGOs, groups).
    pub fn add_actors(&mut self, records: &[ActorRecord], origin: Origin) -> AddReport {
        let mut total = AddReport::default();
        for record in records {
            let kind = kind_of_codes(&record.rules);
            let r = self.add_entry(kind, origin, &record.phrases, record.rules.clone());
            total.added += r.added;
            total.shadowed += r.shadowed;
            total.unusable += r.unusable;
        }
        total
    }

    /// Add agent records (role words).
    pub fn add_agents(&mut self, records: &[AgentRecord], origin: Origin) -> AddReport {
        let mut total = AddReport::default();
        for record in records {
            let rules = vec![CodeRule {
                code: record.code.clone(),
                range: DateRange::Always,
            }];
            let r = self.add_entry(ActorKind::Agent, origin, &record.phrases, rules);
            total.added += r.added;
            total.shadowed += r.shadowed;
            total.unusable += r.unusable;
        }
        total
    }

    /// Add a capital standing for its government (`Moscow` → `RUSGOV`).
    pub fn add_capital(&mut self, name: &str, country: &str) -> AddReport {
        let rules = vec![CodeRule {
            code: format!("{country}GOV"),
            range: DateRange::Always,
        }];
        self.add_entry(
            ActorKind::Capital,
            Origin::Capitals,
            &[name.to_string()],
            rules,
        )
    }

    pub fn add_discards(&mut self, records: &[DiscardRecord]) {
        self.discards.extend_from_slice(records);
    }

    /// The country code a phrase stands for now, if it is a country entry
    /// (used to attach capitals to countries).
    pub fn country_code_of(&self, phrase: &str) -> Option<&str> {
        let entry = &self.entries[*self.by_phrase.get(&phrase_keys(phrase).join(" "))?];
        if entry.kind != ActorKind::Country {
            return None;
        }
        current_code(&entry.rules)
    }

    /// Whether some source already defines the phrase.
    pub fn defines(&self, phrase: &str) -> bool {
        self.by_phrase.contains_key(&phrase_keys(phrase).join(" "))
    }

    /// The compiled dictionary file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut codes: Vec<String> = Vec::new();
        let mut code_ids: HashMap<String, u32> = HashMap::new();
        let mut code_id = |code: &str| -> u32 {
            if let Some(&id) = code_ids.get(code) {
                return id;
            }
            let id = codes.len() as u32;
            codes.push(code.to_string());
            code_ids.insert(code.to_string(), id);
            id
        };
        let mut phrases: Vec<&str> = Vec::new();
        let mut entries = ByteWriter::default();
        entries.u32(self.entries.len() as u32);
        for entry in &self.entries {
            entries.u8(entry.kind as u8);
            entries.u8(entry.origin as u8);
            entries.u32(entry.phrases.len() as u32);
            entries.u16(entry.rules.len().min(usize::from(u16::MAX)) as u16);
            for rule in entry.rules.iter().take(usize::from(u16::MAX)) {
                entries.u32(code_id(&rule.code));
                let (first, last) = rule.range.bounds();
                entries.0.extend_from_slice(&first.to_le_bytes());
                entries.0.extend_from_slice(&last.to_le_bytes());
            }
            phrases.extend(entry.phrases.iter().map(String::as_str));
        }
        let discard_phrases: Vec<String> = self
            .discards
            .iter()
            .map(|d| phrase_keys(&d.phrase).join(" "))
            .collect();
        let discard_flags: Vec<u8> = self
            .discards
            .iter()
            .map(|d| u8::from(d.story) | (u8::from(d.whole_word) << 1))
            .collect();
        let mut meta = ByteWriter::default();
        meta.u32(FORMAT_VERSION);
        let mut container = ContainerBuilder::new();
        container
            .add("actors.meta", meta.0)
            .add_strings("actors.codes", &codes)
            .add("actors.entries", entries.0)
            .add_strings("actors.phrases", &phrases)
            .add_strings("actors.discards", &discard_phrases)
            .add("actors.discard_flags", discard_flags);
        container.to_bytes()
    }

    /// The dictionary itself (through the file format, so both share one path).
    pub fn build(&self) -> Result<ActorDictionary, ModelError> {
        ActorDictionary::from_bytes(&self.to_bytes())
    }
}
