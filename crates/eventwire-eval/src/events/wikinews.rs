//! The real-news check of the event coder: our own hand coding of Wikinews
//! sentences (`gold/events-wikinews.jsonl`, described in
//! `docs/events-gold.md`). The gold names sentences by article id and byte
//! range and gives their (source country, target country, CAMEO root)
//! codings; the articles are re-read from the data folder and run whole
//! through the pipeline, so dates, coreference and places are the article's
//! own. Events count in the sentence that holds their evidence; negated,
//! future and hypothetical events are left out on both sides (the gold codes
//! what the sentence reports as done or claimed).

use super::score::{cameo_root, country3, country_key, score_sentence, Keyed};
use super::Dump;
use crate::counts::{analyse_jsonl_article, Article};
use crate::metrics::Prf;
use anyhow::Context;
use eventwire_core::document::Event;
use eventwire_core::{Document, Models};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

const GOLD: &str = include_str!("../../gold/events-wikinews.jsonl");
const SET: &str = "wikinews-sample/wikinews-2019-2020.jsonl";

#[derive(Debug, Deserialize)]
struct GoldSentence {
    split: String,
    id: String,
    start: usize,
    end: usize,
    phrase: String,
    codings: Vec<GoldCoding>,
}

#[derive(Debug, Deserialize)]
struct GoldCoding {
    source: String,
    target: String,
    root: String,
}

/// The comparison key: both countries at three letters (IGOs as `IGO`) and
/// the CAMEO root.
fn key(source: &str, target: &str, root: &str) -> Keyed {
    Keyed {
        key: format!("{} {} {}", country3(source), country3(target), root),
        fine: String::new(),
    }
}

fn event_key(event: &Event) -> Keyed {
    let code = |actor: &Option<eventwire_core::document::EventActor>| {
        country_key(actor.as_ref().and_then(|a| a.code.as_deref()))
    };
    key(
        &code(&event.source),
        &code(&event.target),
        cameo_root(&event.cameo),
    )
}

/// Whether the sentence reports the event as done or claimed.
pub(super) fn reported_as_done(event: &Event) -> bool {
    matches!(event.status.as_str(), "asserted" | "claimed")
}

#[derive(Debug, Default)]
struct SplitScore {
    sentences: usize,
    with_events: usize,
    prf: Prf,
    produced_in_negatives: u64,
}

/// Score and print; returns without error when the data is absent.
pub fn report(data: &Path, models: &Models, dump: Dump) -> anyhow::Result<()> {
    let path = data.join(SET);
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("  skipping the Wikinews gold: {SET} not found");
        return Ok(());
    };
    let mut articles = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let article: Article = serde_json::from_str(line)
            .with_context(|| format!("{} line {}", path.display(), n + 1))?;
        articles.insert(article.id.clone(), article);
    }
    let mut docs: HashMap<String, Document> = HashMap::new();
    let mut scores: BTreeMap<String, SplitScore> = BTreeMap::new();
    let mut skipped = 0;
    for (n, line) in GOLD
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let gold: GoldSentence = serde_json::from_str(line)
            .with_context(|| format!("gold/events-wikinews.jsonl line {}", n + 1))?;
        let Some(article) = articles.get(&gold.id) else {
            skipped += 1;
            continue;
        };
        let sentence = article.text.get(gold.start..gold.end).unwrap_or("");
        if !sentence.starts_with(&gold.phrase) {
            skipped += 1;
            continue;
        }
        let doc = docs.entry(gold.id.clone()).or_insert_with(|| {
            analyse_jsonl_article(&article.id, article.date.as_deref(), &article.text, models)
        });
        let produced: Vec<&Event> = doc
            .events
            .iter()
            .filter(|e| {
                gold.start <= e.start as usize && e.end as usize <= gold.end && reported_as_done(e)
            })
            .collect();
        let produced_keys: Vec<Keyed> = produced.iter().map(|e| event_key(e)).collect();
        let gold_keys: Vec<Keyed> = gold
            .codings
            .iter()
            .map(|c| key(&c.source, &c.target, &c.root))
            .collect();
        let score = score_sentence(&gold_keys, &produced_keys);
        let split = scores.entry(gold.split.clone()).or_default();
        split.sentences += 1;
        split.with_events += usize::from(!gold.codings.is_empty());
        split.prf.add(score.prf);
        if gold.codings.is_empty() {
            split.produced_in_negatives += produced.len() as u64;
        }
        let show = dump == Dump::Dev && gold.split == "dev" || dump == Dump::Test;
        if show && (score.prf.fp > 0 || score.prf.fn_ > 0) {
            println!(
                "--- {} {}..{} \"{sentence}\"",
                gold.id, gold.start, gold.end
            );
            for (g, matched) in gold_keys.iter().zip(&score.gold_matched) {
                let mark = if *matched { "" } else { "   MISSED" };
                println!("    expected {}{mark}", g.key);
            }
            for ((e, k), matched) in produced
                .iter()
                .zip(&produced_keys)
                .zip(&score.produced_matched)
            {
                let mark = if *matched { "" } else { "   WRONG" };
                println!(
                    "    produced {} {} \"{}\"{mark}",
                    k.key, e.cameo, e.evidence
                );
            }
        }
    }
    println!("\nWikinews real-news gold (our own coding; source country, target country, CAMEO root; events reported as done or claimed)");
    for (split, s) in &scores {
        println!(
            "  {split:<5} {:>3} sentences, {:>2} with events: P {:5.1}  R {:5.1}  F1 {:5.1}   (tp {}, fp {}, fn {}; {} events in sentences with none)",
            s.sentences,
            s.with_events,
            100.0 * s.prf.precision(),
            100.0 * s.prf.recall(),
            100.0 * s.prf.f1(),
            s.prf.tp,
            s.prf.fp,
            s.prf.fn_,
            s.produced_in_negatives
        );
    }
    if skipped > 0 {
        println!("  {skipped} gold sentences skipped (article absent or text changed)");
    }
    Ok(())
}
