//! Linking time expressions, places and quotes to the clause an event was
//! read from. A time or place belongs to the nearest verb or event noun
//! above it in the tree (`discussed … Wednesday night`, `airstrikes … in
//! Aleppo`); a quote's speaker reports the events inside it.

use super::tree::Tree;
use crate::document::{Place, Quote, TimeExpression};

/// Steps up the tree a time or place may climb to its event.
const MAX_CLIMB: usize = 6;

/// Prepositions that put a place under an event (`in Aleppo`).
fn is_locative(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "in" | "at" | "near" | "outside" | "inside" | "across" | "throughout" | "around" | "within"
    )
}

/// Per token: the time expression and the place linked to it, if any.
pub(crate) struct Links {
    time_at: Vec<u32>,
    place_at: Vec<u32>,
}

const NONE: u32 = u32::MAX;

/// The date part of a TIMEX3 value an event can carry (`2016-02-03TNI` →
/// `2016-02-03`); `None` for values that are not calendar dates
/// (`PAST_REF`, `P3D`, `XXXX-02-03`).
pub(crate) fn event_date(value: &str) -> Option<&str> {
    let date = value.split('T').next().unwrap_or(value);
    let year_ok = date.len() >= 4 && date.as_bytes()[..4].iter().all(u8::is_ascii_digit);
    (year_ok && !date.contains('X')).then_some(date)
}

impl Links {
    pub(crate) fn new(
        tree: &Tree<'_>,
        times: &[TimeExpression],
        places: &[Place],
        skip_before: u32,
        is_anchor: impl Fn(usize) -> bool,
    ) -> Links {
        let mut time_at = vec![NONE; tree.len()];
        let mut place_at = vec![NONE; tree.len()];
        for (i, time) in times.iter().enumerate() {
            if time.start < skip_before || !matches!(time.kind.as_str(), "DATE" | "TIME") {
                continue;
            }
            if time.value.as_deref().and_then(event_date).is_none() {
                continue;
            }
            let (from, to) = tree.tokens_in(time.start, time.end);
            let Some(head) = tree.head_of_range(from, to) else {
                continue;
            };
            if let Some(anchor) = climb(tree, head, &is_anchor) {
                if time_at[anchor] == NONE {
                    time_at[anchor] = i as u32;
                }
            }
        }
        for (i, place) in places.iter().enumerate() {
            if place.start < skip_before {
                continue;
            }
            let (from, to) = tree.tokens_in(place.start, place.end);
            let Some(head) = tree.head_of_range(from, to) else {
                continue;
            };
            if !is_located(tree, head) {
                continue;
            }
            if let Some(anchor) = climb(tree, head, &is_anchor) {
                if place_at[anchor] == NONE {
                    place_at[anchor] = i as u32;
                }
            }
        }
        Links { time_at, place_at }
    }

    pub(crate) fn time(&self, token: usize) -> Option<usize> {
        let t = *self.time_at.get(token)?;
        (t != NONE).then_some(t as usize)
    }

    pub(crate) fn place(&self, token: usize) -> Option<usize> {
        let p = *self.place_at.get(token)?;
        (p != NONE).then_some(p as usize)
    }
}

/// Whether a place mention stands as a location (`in Aleppo`, `in Munich,
/// Germany`), not as an actor or modifier (`Russia`, `Syrian`).
fn is_located(tree: &Tree<'_>, head: usize) -> bool {
    let has_locative = |t: usize| {
        tree.case_of(t)
            .is_some_and(|case| is_locative(tree.word(case)))
    };
    if has_locative(head) {
        return true;
    }
    matches!(tree.dep(head), "appos" | "conj" | "list" | "nmod:unmarked")
        && tree.head(head).is_some_and(has_locative)
}

fn climb(tree: &Tree<'_>, from: usize, is_anchor: &impl Fn(usize) -> bool) -> Option<usize> {
    let mut node = from;
    for _ in 0..MAX_CLIMB {
        node = tree.head(node)?;
        if is_anchor(node) {
            return Some(node);
        }
    }
    None
}

/// The innermost quote whose content holds byte `at`, with a speaker.
pub(crate) fn quote_at(quotes: &[Quote], at: u32) -> Option<&Quote> {
    quotes
        .iter()
        .filter(|q| q.start <= at && at < q.end && q.speaker.is_some())
        .min_by_key(|q| q.end - q.start)
}
