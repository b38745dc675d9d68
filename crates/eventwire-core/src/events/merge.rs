//! Repeated mentions of one event in an article become one event.

use crate::document::Event;
use std::collections::HashMap;

/// Source code, target code, CAMEO code, date.
type MergeKey = (Option<String>, Option<String>, String, Option<String>);

/// Events with the same source code, target code, CAMEO code and date are
/// one event: the first mention is kept (its evidence, sentence, status),
/// `mentions` counts them all. Order: first mention in the text.
pub(crate) fn merge_mentions(mut events: Vec<Event>) -> Vec<Event> {
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
