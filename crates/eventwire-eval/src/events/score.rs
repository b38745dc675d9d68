//! Matching produced events to gold codings, per sentence.

use super::records::NO_ACTOR;
use crate::metrics::{match_best_first, Prf};

/// Organisation prefixes whose code says no country: for these the key keeps
/// the organisation too (`IGOUNO`, `IGOEUREEC` → `IGOEUR`).
const ORGANISATION_PREFIXES: [&str; 3] = ["IGO", "NGO", "IMG"];

/// Length of the key of an organisation code: the prefix plus the
/// organisation (`IGO` + `UNO`).
const ORGANISATION_KEY_LEN: usize = 6;

/// The "country" of an actor code for the real-news scores: its first three
/// letters (`USAGOV` → `USA`); for IGO/NGO/IMG codes the first six
/// (`IGOUNOMIL` → `IGOUNO`), or fewer when the code is shorter; `---` for no
/// actor, an uncoded actor or an unknown country (`---GOV`).
pub fn country_key(code: Option<&str>) -> String {
    let Some(code) = code.map(str::trim).filter(|c| !c.is_empty()) else {
        return NO_ACTOR.to_string();
    };
    if code.starts_with(NO_ACTOR) || !code.is_ascii() {
        return NO_ACTOR.to_string();
    }
    let code = code.to_ascii_uppercase();
    let len = if ORGANISATION_PREFIXES.iter().any(|p| code.starts_with(p)) {
        ORGANISATION_KEY_LEN
    } else {
        3
    };
    code.get(..len.min(code.len())).unwrap_or(&code).to_string()
}

/// A country key cut to its first three letters: the PLOVER records give
/// IGO/NGO/IMG actors without the organisation, so ours are compared at that
/// depth too.
pub fn country3(key: &str) -> &str {
    key.get(..3).unwrap_or(key)
}

/// The CAMEO root: the first two digits (`0431` → `04`).
pub fn cameo_root(code: &str) -> &str {
    code.get(..2).unwrap_or(code)
}

/// The PLOVER gold file (version 0.5b1, 2016) uses PLOVER's older type names;
/// the engine's CAMEO→PLOVER table is the 2021 draft 0.8. This maps an old
/// name to its 2021 type: DEMAND became REQUEST, DISAPPROVE and INVESTIGATE
/// became modes of ACCUSE, FIGHT (conventional military force) merged into
/// ASSAULT. Other names are unchanged.
pub fn plover_2021(name: &str) -> &str {
    match name {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        other => other,
    }
}

/// One item of a scored sentence: a matching key and a finer value that is
/// compared only among matched items (e.g. the full CAMEO code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyed {
    pub key: String,
    pub fine: String,
}

/// The outcome of matching one sentence's produced items to its gold items.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SentenceScore {
    pub prf: Prf,
    /// Matched pairs whose fine values are equal too.
    pub fine_equal: u64,
    /// For each gold item, whether it was matched.
    pub gold_matched: Vec<bool>,
    /// For each produced item, whether it was matched.
    pub produced_matched: Vec<bool>,
}

/// One-to-one matching on equal keys; among equal keys, pairs whose fine
/// values agree are preferred.
pub fn score_sentence(gold: &[Keyed], produced: &[Keyed]) -> SentenceScore {
    let mut pairs = Vec::new();
    for (g, gold_item) in gold.iter().enumerate() {
        for (p, produced_item) in produced.iter().enumerate() {
            if gold_item.key == produced_item.key {
                pairs.push((1 + usize::from(gold_item.fine == produced_item.fine), g, p));
            }
        }
    }
    let matching = match_best_first(pairs, gold.len(), produced.len());
    let tp = matching.kept.len() as u64;
    SentenceScore {
        prf: Prf {
            tp,
            fp: produced.len() as u64 - tp,
            fn_: gold.len() as u64 - tp,
        },
        fine_equal: matching.kept.iter().filter(|(s, _, _)| *s == 2).count() as u64,
        gold_matched: matching.gold.iter().map(Option::is_some).collect(),
        produced_matched: matching.predicted.iter().map(Option::is_some).collect(),
    }
}

/// Items without repeats (for per-sentence type sets).
pub fn distinct(items: Vec<Keyed>) -> Vec<Keyed> {
    let mut out: Vec<Keyed> = Vec::with_capacity(items.len());
    for item in items {
        if !out.iter().any(|o| o.key == item.key) {
            out.push(item);
        }
    }
    out
}

/// Gold pairs of a PLOVER record: one per (source, target); with no target
/// and two or more sources, the file marks the sources `SRC/TAR` (each acts
/// on the other: "Jordan and Britain agreed"), so every ordered pair of
/// distinct sources; with no source, `---`.
pub fn plover_pairs(sources: &[String], targets: &[String]) -> Vec<(String, String)> {
    let none = || vec![NO_ACTOR.to_string()];
    let sources = if sources.is_empty() {
        none()
    } else {
        sources.to_vec()
    };
    if targets.is_empty() && sources.len() >= 2 {
        let mut pairs = Vec::new();
        for (i, a) in sources.iter().enumerate() {
            for (j, b) in sources.iter().enumerate() {
                if i != j {
                    pairs.push((a.clone(), b.clone()));
                }
            }
        }
        return pairs;
    }
    let targets = if targets.is_empty() {
        none()
    } else {
        targets.to_vec()
    };
    let mut pairs = Vec::new();
    for s in &sources {
        for t in &targets {
            pairs.push((s.clone(), t.clone()));
        }
    }
    pairs
}

/// A test on the (source, target, type) parts of a produced key.
type KeyTest<'a> = dyn Fn(&[String; 3]) -> bool + 'a;

/// Why gold items were missed and produced items were wrong, for keys of the
/// form `source|target|type`: each unmatched produced item explains at most
/// one missed gold item (the first class that fits, in this order).
pub fn classify_failures(
    gold: &[Keyed],
    produced: &[Keyed],
    score: &SentenceScore,
    counts: &mut std::collections::BTreeMap<&'static str, u64>,
) {
    let parts = |k: &Keyed| -> [String; 3] {
        let mut it = k.key.splitn(3, '|').map(str::to_string);
        [
            it.next().unwrap_or_default(),
            it.next().unwrap_or_default(),
            it.next().unwrap_or_default(),
        ]
    };
    let mut spare: Vec<usize> = (0..produced.len())
        .filter(|&p| !score.produced_matched.get(p).copied().unwrap_or(false))
        .collect();
    for (g, gold_item) in gold.iter().enumerate() {
        if score.gold_matched.get(g).copied().unwrap_or(false) {
            continue;
        }
        let [gs, gt, gk] = parts(gold_item);
        if produced.is_empty() {
            *counts
                .entry("missed: no event at all in the record")
                .or_default() += 1;
            continue;
        }
        let tests: [(&'static str, &KeyTest<'_>); 5] = [
            ("missed: right actors, other event type", &|[s, t, _]| {
                *s == gs && *t == gt
            }),
            ("missed: source and target swapped", &|[s, t, k]| {
                *s == gt && *t == gs && *k == gk
            }),
            (
                "missed: right source and type, target not coded",
                &|[s, t, k]| *s == gs && t == NO_ACTOR && *k == gk,
            ),
            (
                "missed: right source and type, other target",
                &|[s, _, k]| *s == gs && *k == gk,
            ),
            (
                "missed: right target and type, other or no source",
                &|[_, t, k]| *t == gt && *k == gk,
            ),
        ];
        let explained = tests.iter().find_map(|(class, fits)| {
            let at = spare.iter().position(|&p| fits(&parts(&produced[p])))?;
            spare.remove(at);
            Some(*class)
        });
        *counts
            .entry(explained.unwrap_or("missed: only unrelated events in the record"))
            .or_default() += 1;
    }
    for _ in spare {
        let class = if gold.is_empty() {
            "wrong: event in a record that has none"
        } else {
            "wrong: unrelated extra event"
        };
        *counts.entry(class).or_default() += 1;
    }
}
