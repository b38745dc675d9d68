//! Who gives a figure ("according to the Syrian National Coalition",
//! "officials said") and since when it runs ("since September").

use super::words::Word;
use crate::document::{Entity, TimeExpression};

/// A source named somewhere in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SourceCue {
    /// Byte offset of the cue ("according", "said"), to pick the nearest one.
    pub at: usize,
    pub name: String,
}

const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "reported",
    "reports",
    "claimed",
    "claims",
    "confirmed",
    "confirms",
    "announced",
    "announces",
    "estimated",
    "estimates",
    "indicated",
    "stated",
    "added",
    "tweeted",
    "wrote",
    "counted",
];

/// Words that may stand between a source and its verb ("Mijares further claimed").
const SPEECH_ADVERBS: &[&str] = &[
    "further",
    "also",
    "later",
    "earlier",
    "previously",
    "reportedly",
    "separately",
    "have",
    "has",
    "had",
    "initially",
];

const PRONOUNS: &[&str] = &[
    "he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "this", "one",
];

/// Common nouns that name a source when no entity does.
const SOURCE_NOUNS: &[&str] = &[
    "officials",
    "official",
    "authorities",
    "police",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ministry",
    "government",
    "army",
    "military",
    "witnesses",
    "sources",
    "reports",
    "report",
    "media",
    "residents",
    "doctors",
    "medics",
    "rescuers",
    "hospital",
    "organisers",
    "organizers",
    "activists",
    "monitors",
    "observers",
    "investigators",
    "governor",
    "mayor",
    "data",
    "group",
    "agency",
    "coalition",
    "officers",
    "statement",
    "figures",
    "opposition",
    "rebels",
    "militants",
    "insurgents",
    "observatory",
    "council",
    "committee",
    "commission",
    "office",
    "department",
    "service",
    "services",
    "spokesmen",
    "ministries",
    "groups",
    "unions",
    "press",
];

/// Words that end the noun phrase after "according to".
const PHRASE_STOPS: &[&str] = &[
    "on", "in", "at", "during", "since", "after", "before", "when", "while", "that", "who",
    "which", "and", "but", "as", "by", "with", "from", "for", "to",
];

/// Entity type preference for a source: a person, then an organisation.
fn type_rank(kind: &str) -> u8 {
    match kind {
        "PER" | "PERSON" => 0,
        "ORG" => 1,
        "NORP" | "GPE" => 2,
        _ => 3,
    }
}

/// The preferred entity that starts inside `[start, end)` and reaches its end: an
/// entity ending earlier only modifies the phrase ("the Syrian National
/// Coalition", where only "Syrian" was recognised), so the phrase names the source.
fn entity_in(entities: &[&Entity], start: usize, end: usize) -> Option<String> {
    let first = entities.partition_point(|e| (e.start as usize) < start);
    entities[first..]
        .iter()
        .take_while(|e| (e.start as usize) < end)
        .filter(|e| e.end as usize >= end)
        .min_by_key(|e| type_rank(&e.kind))
        .map(|e| e.canonical.clone().unwrap_or_else(|| e.text.clone()))
}

/// The text of words `first..=last`, without a leading article.
fn phrase_text(text: &str, words: &[Word], first: usize, last: usize) -> Option<String> {
    let mut first = first;
    while first <= last && words[first].is_any(&["the", "a", "an"]) {
        first += 1;
    }
    if first > last {
        return None;
    }
    let phrase = text.get(words[first].start..words[last].end)?;
    // A generic noun opening the sentence ("Officials said") is not a name.
    let mut name = phrase.to_string();
    if first == 0
        && words[first].capitalized
        && words[first..=last].iter().skip(1).all(|w| !w.capitalized)
        && words[last].is_any(SOURCE_NOUNS)
    {
        name = name.to_lowercase();
    }
    Some(name)
}

/// The source named by a noun phrase starting at word `first`.
fn phrase_after(text: &str, words: &[Word], entities: &[&Entity], first: usize) -> Option<String> {
    let mut last = first;
    while last < words.len()
        && last < first + 8
        && !words[last].punct
        && !(last > first && words[last].is_any(PHRASE_STOPS))
    {
        last += 1;
    }
    if last == first {
        return None;
    }
    let (start, end) = (words[first].start, words[last - 1].end);
    entity_in(entities, start, end).or_else(|| phrase_text(text, words, first, last - 1))
}

/// The subject before a speech verb at `verb`, if it names a source.
fn subject_before(text: &str, words: &[Word], entities: &[&Entity], verb: usize) -> Option<String> {
    let mut last = verb.checked_sub(1)?;
    while words[last].is_any(SPEECH_ADVERBS) {
        last = last.checked_sub(1)?;
    }
    if words[last].is(",") {
        // "Dedi Prasetyo, a spokesperson for the police, confirmed": skip the apposition.
        let mut k = last.checked_sub(1)?;
        let floor = last.saturating_sub(15);
        while k > floor && !words[k].punct {
            k -= 1;
        }
        if !words[k].is(",") {
            return None;
        }
        last = k.checked_sub(1)?;
    }
    if words[last].punct || words[last].is_any(PRONOUNS) {
        return None;
    }
    let mut first = last;
    while first > 0
        && last - first < 6
        && !words[first - 1].punct
        && !words[first - 1].is_any(PHRASE_STOPS)
    {
        first -= 1;
    }
    if let Some(name) = entity_in(entities, words[first].start, words[last].end) {
        return Some(name);
    }
    // A run of capitalised words ending the subject: "Taliban spokesperson Zabiullah Mujahid".
    let mut cap = last + 1;
    while cap > first && words[cap - 1].capitalized {
        cap -= 1;
    }
    if cap <= last && !(cap == 0 && cap == last && words[last].is_any(SOURCE_NOUNS)) {
        return phrase_text(text, words, cap, last);
    }
    words[last]
        .is_any(SOURCE_NOUNS)
        .then(|| phrase_text(text, words, first, last))
        .flatten()
}

/// Every source cue of one sentence, in order.
pub(crate) fn source_cues(text: &str, words: &[Word], entities: &[&Entity]) -> Vec<SourceCue> {
    let mut cues = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let name = if word.is("according") && words.get(i + 1).is_some_and(|w| w.is("to")) {
            phrase_after(text, words, entities, i + 2)
        } else if word.is("citing") {
            phrase_after(text, words, entities, i + 1)
        } else if word.is_any(SPEECH_VERBS) {
            let inverted = i > 0 && words[i - 1].is(",") && {
                // "..., said the ministry": a short phrase then the end of the sentence.
                let rest = &words[i + 1..];
                let run = rest.iter().take_while(|w| !w.punct).count();
                run > 0 && run <= 5 && !rest.iter().take(run).any(|w| w.is("that"))
            };
            if inverted {
                phrase_after(text, words, entities, i + 1)
            } else {
                subject_before(text, words, entities, i)
            }
        } else {
            None
        };
        if let Some(name) = name {
            cues.push(SourceCue {
                at: word.start,
                name,
            });
        }
    }
    cues
}

/// The nearest source cue to a count at `[start, end)`.
pub(crate) fn nearest_source(cues: &[SourceCue], start: usize, end: usize) -> Option<String> {
    let after = cues.partition_point(|c| c.at < start);
    let before = after.checked_sub(1).map(|k| &cues[k]);
    let next = cues.get(after);
    match (before, next) {
        (Some(b), Some(n)) => {
            let distance_before = start - b.at;
            let distance_after = n.at.saturating_sub(end);
            Some(if distance_after <= distance_before {
                n
            } else {
                b
            })
        }
        (Some(b), None) => Some(b),
        (None, Some(n)) => Some(n),
        (None, None) => None,
    }
    .map(|c| c.name.clone())
}

fn is_date(time: &TimeExpression) -> bool {
    time.kind.eq_ignore_ascii_case("date") && time.value.is_some()
}

/// The start of a period in a sentence: the value of a date right after
/// "since" (within the clause) or "from". `times` is sorted by start.
pub(crate) fn period_start(words: &[Word], times: &[&TimeExpression]) -> Option<String> {
    for (i, word) in words.iter().enumerate() {
        let window_end = if word.is("since") {
            // "since Russia began airstrikes ... in September": the clause after "since".
            let clause = words[i + 1..]
                .iter()
                .take(15)
                .take_while(|w| !w.punct || w.is("-"))
                .last();
            clause.map_or(word.end, |w| w.end)
        } else if word.is("from") {
            words.get(i + 1).map_or(word.end, |w| w.end)
        } else {
            continue;
        };
        // A time expression overlapping the cue word or starting in its window.
        let first = times.partition_point(|t| (t.end as usize) <= word.start);
        let found = times[first..]
            .iter()
            .take_while(|t| (t.start as usize) < window_end)
            .find(|t| {
                is_date(t)
                    && (word.is("since")
                        || words
                            .get(i + 1)
                            .is_some_and(|w| t.start as usize <= w.start))
            });
        if let Some(time) = found {
            return time.value.clone();
        }
    }
    None
}
