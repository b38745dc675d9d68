//! Repeated mentions of one event in an article become one event.

use crate::document::Event;
use std::collections::HashMap;

/// Source code, target code, CAMEO code, date.
type MergeKey = (Option<String>, Option<String>, String, Option<String>);

/// Events with the same source code, target code, CAMEO code and date are
/// one event: the first mention is kept (its evidence, sentence, status),
/// `mentions` counts them all. Order: first mention in the text.
pub(crate) fn merge_mentions(events: Vec<Event>) -> Vec<Event> {
    merge_same_code(drop_unspecified(events))
}

/// Whether a CAMEO code is its root's "not specified" code ("04", "040").
fn is_unspecified(code: &str) -> bool {
    code.len() == 2 || (code.len() == 3 && code.ends_with('0'))
}

/// One sentence often says an event twice ("spoke by phone and discussed"):
/// a root's unspecified code (040 Consult) adds nothing next to a specific
/// code of the same root (041 Discuss by telephone) for the same actors and
/// date in the same sentence, so it is dropped and its mention counted there.
fn drop_unspecified(events: Vec<Event>) -> Vec<Event> {
    let key = |e: &Event| {
        (
            e.sentence,
            e.source.as_ref().and_then(|a| a.code.clone()),
            e.target.as_ref().and_then(|a| a.code.clone()),
            e.date.clone(),
            e.cameo.get(..2).map(str::to_string),
        )
    };
    let mut specific: HashMap<_, usize> = HashMap::new();
    for (i, event) in events.iter().enumerate() {
        if !is_unspecified(&event.cameo) {
            specific.entry(key(event)).or_insert(i);
        }
    }
    let mut extra = vec![0; events.len()];
    let mut keep = vec![true; events.len()];
    for (i, event) in events.iter().enumerate() {
        if is_unspecified(&event.cameo) {
            if let Some(&at) = specific.get(&key(event)) {
                keep[i] = false;
                extra[at] += event.mentions;
            }
        }
    }
    events
        .into_iter()
        .enumerate()
        .filter(|(i, _)| keep[*i])
        .map(|(i, mut event)| {
            event.mentions += extra[i];
            event
        })
        .collect()
}

fn merge_same_code(mut events: Vec<Event>) -> Vec<Event> {
    events.sort_by_key(|e| (e.start, e.end));
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut seen: HashMap<MergeKey, usize> = HashMap::new();
    for event in events {
        let key = (
            event.source.as_ref().and_then(|a| a.code.clone()),
            event.target.as_ref().and_then(|a| a.code.clone()),
            event.cameo.clone(),
            event.date.clone(),
        );
        match seen.get(&key) {
            Some(&at) => out[at].mentions += event.mentions,
            None => {
                seen.insert(key, out.len());
                out.push(event);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::EventActor;

    fn event(cameo: &str, sentence: u32, start: u32) -> Event {
        let actor = |code: &str| {
            Some(EventActor {
                text: code.to_string(),
                code: Some(code.to_string()),
                cluster: None,
                start: 0,
                end: 0,
            })
        };
        Event {
            source: actor("USAGOV"),
            target: actor("RUSGOV"),
            cameo: cameo.to_string(),
            plover: None,
            mode: None,
            quad_class: 1,
            goldstein: 1.0,
            status: "asserted".to_string(),
            date: Some("2016-02-03".to_string()),
            date_source: Some("text".to_string()),
            place: None,
            reported_by: None,
            sentence,
            evidence: String::new(),
            start,
            end: start + 5,
            mentions: 1,
        }
    }

    #[test]
    fn unspecified_code_yields_to_a_specific_one_in_the_same_sentence_only() {
        let events = vec![
            event("040", 2, 10),
            event("041", 2, 20),
            event("040", 5, 90),
            event("041", 6, 120),
        ];
        let merged = merge_mentions(events);
        let codes: Vec<(&str, u32, u32)> = merged
            .iter()
            .map(|e| (e.cameo.as_str(), e.sentence, e.mentions))
            .collect();
        // Sentence 2: 040 folds into 041. Sentences 5 and 6: no shared sentence,
        // so 040 stays, and the two 041 mentions merge into the first.
        assert_eq!(codes, vec![("041", 2, 3), ("040", 5, 1)]);
    }
}
