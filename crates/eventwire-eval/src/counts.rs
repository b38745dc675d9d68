//! Gold-data scoring for the counts stage.
//!
//! The gold (`gold/counts.jsonl`, described in docs/counts-gold.md) names
//! sentences of the Wikinews and BBC sets by article id and byte range and
//! gives their counts; the article texts are re-read from the data folder.
//! Each article runs through `annotate` (sentences, tokens and, with the
//! models, tags and entities) and `find_counts`; the counts inside a gold
//! sentence are matched against its gold counts.

use crate::metrics::Prf;
use anyhow::{bail, Context};
use eventwire_core::counts::find_counts;
use eventwire_core::document::{Count, Format, Input};
use eventwire_core::pipeline::{annotate, Options};
use eventwire_core::{Document, Models};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::time::Instant;

/// The gold annotation, kept in the repository (references, not texts).
const GOLD: &str = include_str!("../gold/counts.jsonl");

/// The data sets the gold refers to, by the name used in the gold file.
const SETS: &[(&str, &str)] = &[
    ("wikinews", "wikinews-sample/wikinews-2019-2020.jsonl"),
    ("bbc", "bbc-news/bbc-news-2225.jsonl"),
];

#[derive(Debug, Deserialize)]
pub struct GoldSentence {
    pub split: String,
    pub set: String,
    pub id: String,
    pub start: usize,
    pub end: usize,
    pub counts: Vec<GoldCount>,
}

#[derive(Debug, Deserialize)]
pub struct GoldCount {
    pub kind: String,
    pub number: u64,
    pub qualifier: Option<String>,
    pub object: Option<String>,
    pub source: Option<String>,
    pub since: Option<String>,
    pub phrase: String,
}

/// One line of a JSON Lines news set (Wikinews, BBC).
#[derive(Debug, Deserialize)]
pub(crate) struct Article {
    pub id: String,
    #[serde(default)]
    pub date: Option<String>,
    pub text: String,
}

/// The gold sentences, in file order.
pub fn gold() -> anyhow::Result<Vec<GoldSentence>> {
    GOLD.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| {
            serde_json::from_str(line).with_context(|| format!("gold/counts.jsonl line {}", n + 1))
        })
        .collect()
}

/// The articles of one data set, by id.
fn load_set(path: &Path) -> anyhow::Result<HashMap<String, Article>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut articles = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let article: Article = serde_json::from_str(line)
            .with_context(|| format!("{} line {}", path.display(), n + 1))?;
        articles.insert(article.id.clone(), article);
    }
    Ok(articles)
}

/// An article analysed as the pipeline would, on its text as given.
fn analysed(article: &Article, models: &Models) -> Document {
    analyse_jsonl_article(&article.id, article.date.as_deref(), &article.text, models)
}

/// A JSON Lines article (`id`, `date`, `text`) run through the pipeline on
/// its text as given, so that gold byte offsets into `text` hold.
pub(crate) fn analyse_jsonl_article(
    id: &str,
    date: Option<&str>,
    text: &str,
    models: &Models,
) -> Document {
    let input = Input {
        path: String::new(),
        format: Format::Jsonl,
        url: None,
        record: None,
        source_id: Some(id.to_string()),
        fetched: None,
    };
    let mut doc = Document::new(input, text.to_string());
    doc.published = date.map(str::to_string);
    annotate(&mut doc, Options { tokens: true }, models);
    doc
}

fn counts_of(doc: &Document) -> Vec<Count> {
    find_counts(
        &doc.text,
        &doc.sentences,
        doc.tokens.as_deref().unwrap_or(&[]),
        &doc.entities,
        &doc.times,
    )
}

/// The head of an object phrase, for matching: its last word, lower case.
fn object_head(object: Option<&str>) -> Option<String> {
    object
        .and_then(|o| o.split_whitespace().last())
        .map(str::to_lowercase)
}

type Key = (String, u64, Option<String>, Option<String>);

fn full_key(kind: &str, number: u64, qualifier: Option<&str>, object: Option<&str>) -> Key {
    (
        kind.to_string(),
        number,
        qualifier.map(str::to_string),
        object_head(object),
    )
}

/// Matches two multisets of keys; returns the scores and the unmatched of each side.
fn score<K: PartialEq + Clone>(gold: &[K], predicted: &[K]) -> (Prf, Vec<K>, Vec<K>) {
    let mut unused: Vec<Option<&K>> = predicted.iter().map(Some).collect();
    let mut missed = Vec::new();
    let mut tp = 0;
    for key in gold {
        match unused.iter_mut().find(|p| p.is_some_and(|p| p == key)) {
            Some(slot) => {
                *slot = None;
                tp += 1;
            }
            None => missed.push(key.clone()),
        }
    }
    let spurious: Vec<K> = unused.into_iter().flatten().cloned().collect();
    let prf = Prf {
        tp,
        fp: spurious.len() as u64,
        fn_: missed.len() as u64,
    };
    (prf, missed, spurious)
}

/// Scores of one split.
#[derive(Debug, Default)]
struct SplitScore {
    sentences: usize,
    with_counts: usize,
    kind_number: Prf,
    full: Prf,
    /// Matched (kind, number) pairs whose gold names a source, and how many agree.
    source_gold: u64,
    source_agree: u64,
}

fn sources_agree(gold: &str, predicted: &str) -> bool {
    let (g, p) = (gold.to_lowercase(), predicted.to_lowercase());
    g.contains(&p) || p.contains(&g)
}

/// Score the stage on its gold data and print the report.
pub fn run(data: &Path) -> anyhow::Result<()> {
    let gold = gold()?;
    let mut sets = BTreeMap::new();
    for (name, relative) in SETS {
        let path = data.join(relative);
        if path.is_file() {
            sets.insert(*name, load_set(&path)?);
        } else {
            eprintln!(
                "skipping the {name} sentences: {} is not in the data folder",
                relative
            );
        }
    }
    if sets.is_empty() {
        bail!("none of the data sets the counts gold refers to is present");
    }
    let show_errors = std::env::var_os("EVENTWIRE_COUNTS_ERRORS").is_some();
    let started = Instant::now();
    let models = match Models::embedded() {
        Ok(models) => models,
        Err(error) => {
            eprintln!("warning: {error}; scoring with surface patterns only");
            Models::none()
        }
    };
    println!(
        "counts: models loaded in {:.2}s",
        started.elapsed().as_secs_f64()
    );
    for (label, models) in [("with models", &models), ("surface only", &Models::none())] {
        let mut cache: HashMap<(String, String), Vec<Count>> = HashMap::new();
        let mut scores: BTreeMap<&str, SplitScore> = BTreeMap::new();
        let mut skipped = 0;
        for sentence in &gold {
            let Some(article) = sets
                .get(sentence.set.as_str())
                .and_then(|set| set.get(&sentence.id))
            else {
                skipped += 1;
                continue;
            };
            let Some(sentence_text) = article.text.get(sentence.start..sentence.end) else {
                eprintln!(
                    "skipping {} {} {}..{}: not a sentence of this copy of the data",
                    sentence.set, sentence.id, sentence.start, sentence.end
                );
                skipped += 1;
                continue;
            };
            if let Some(bad) = sentence
                .counts
                .iter()
                .find(|c| !sentence_text.contains(c.phrase.as_str()))
            {
                eprintln!(
                    "skipping {} {}: the gold phrase {:?} is not in the sentence (changed data?)",
                    sentence.set, sentence.id, bad.phrase
                );
                skipped += 1;
                continue;
            }
            let predicted = cache
                .entry((sentence.set.clone(), sentence.id.clone()))
                .or_insert_with(|| counts_of(&analysed(article, models)));
            let inside: Vec<&Count> = predicted
                .iter()
                .filter(|c| c.start as usize >= sentence.start && c.end as usize <= sentence.end)
                .collect();
            let split = scores.entry(sentence.split.as_str()).or_default();
            split.sentences += 1;
            split.with_counts += usize::from(!sentence.counts.is_empty());
            let gold_pairs: Vec<(String, u64)> = sentence
                .counts
                .iter()
                .map(|c| (c.kind.clone(), c.number))
                .collect();
            let predicted_pairs: Vec<(String, u64)> =
                inside.iter().map(|c| (c.kind.clone(), c.number)).collect();
            let (prf, missed, spurious) = score(&gold_pairs, &predicted_pairs);
            split.kind_number.add(prf);
            let gold_full: Vec<Key> = sentence
                .counts
                .iter()
                .map(|c| {
                    full_key(
                        &c.kind,
                        c.number,
                        c.qualifier.as_deref(),
                        c.object.as_deref(),
                    )
                })
                .collect();
            let predicted_full: Vec<Key> = inside
                .iter()
                .map(|c| {
                    full_key(
                        &c.kind,
                        c.number,
                        c.qualifier.as_deref(),
                        c.object.as_deref(),
                    )
                })
                .collect();
            let (prf_full, missed_full, spurious_full) = score(&gold_full, &predicted_full);
            split.full.add(prf_full);
            for g in &sentence.counts {
                let Some(gold_source) = g.source.as_deref() else {
                    continue;
                };
                let Some(p) = inside
                    .iter()
                    .find(|p| p.kind == g.kind && p.number == g.number)
                else {
                    continue;
                };
                split.source_gold += 1;
                if p.source
                    .as_deref()
                    .is_some_and(|s| sources_agree(gold_source, s))
                {
                    split.source_agree += 1;
                }
            }
            let wrong = !missed.is_empty()
                || !spurious.is_empty()
                || !missed_full.is_empty()
                || !spurious_full.is_empty();
            if show_errors && sentence.split == "dev" && wrong {
                println!("  dev {} {}: {}", sentence.set, sentence.id, sentence_text);
                println!("    missed {missed_full:?}\n    spurious {spurious_full:?}");
            }
        }
        println!("counts ({label}):");
        if skipped > 0 {
            println!("  skipped {skipped} gold sentences (reasons above)");
        }
        for (split, s) in &scores {
            println!(
                "  {split}: {} sentences ({} with counts), {} gold counts",
                s.sentences,
                s.with_counts,
                s.kind_number.tp + s.kind_number.fn_
            );
            for (name, prf) in [("(kind, number)", s.kind_number), ("full tuple", s.full)] {
                println!(
                    "    {name:<16} P {:.3}  R {:.3}  F1 {:.3}  (tp {} fp {} fn {})",
                    prf.precision(),
                    prf.recall(),
                    prf.f1(),
                    prf.tp,
                    prf.fp,
                    prf.fn_
                );
            }
            println!(
                "    source agrees on {}/{} found counts whose gold names one",
                s.source_agree, s.source_gold
            );
        }
    }
    speed(&sets)?;
    Ok(())
}

/// Throughput of `find_counts` alone (one thread) on every article of the
/// data sets, sentences given, no models (as after the segmenter).
fn speed(sets: &BTreeMap<&str, HashMap<String, Article>>) -> anyhow::Result<()> {
    let none = Models::none();
    let docs: Vec<Document> = sets
        .values()
        .flat_map(|set| set.values())
        .map(|article| analysed(article, &none))
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    let started = Instant::now();
    let mut found = 0;
    for doc in &docs {
        found += find_counts(&doc.text, &doc.sentences, &[], &[], &[]).len();
    }
    let seconds = started.elapsed().as_secs_f64().max(1e-9);
    println!(
        "counts speed: {} articles, {:.1} MB, {} sentences in {:.3}s: {:.1} MB/s, {:.0} sentences/s ({} counts found)",
        docs.len(),
        bytes as f64 / 1e6,
        sentences,
        seconds,
        bytes as f64 / 1e6 / seconds,
        sentences as f64 / seconds,
        found
    );
    Ok(())
}
