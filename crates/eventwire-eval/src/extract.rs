//! Evaluation of the extract stage on the article-extraction benchmark
//! (`article-extraction-benchmark/`: `ground-truth.json` with
//! `{id: {url, articleBody}}` and `html/<id>.html.gz`).
//!
//! Two scores, both per page and then averaged over pages:
//! - words: bags of lowercased whitespace-split words, precision and recall
//!   over the multiset intersection; also micro totals over all pages;
//! - shingles: the benchmark's own convention (`\w+` tokens with case kept,
//!   4-gram shingles, per-page counts normalised, mean precision and mean
//!   recall, F1 of the two means).
//!
//! Speed is HTML bytes over extraction time, one thread, reading excluded.

use crate::metrics::Prf;
use anyhow::Context;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::time::Instant;

/// One benchmark page: its id, HTML and ground-truth body.
#[derive(Debug, Clone)]
pub struct BenchmarkPage {
    pub id: String,
    pub url: String,
    pub html: String,
    pub article_body: String,
}

#[derive(serde::Deserialize)]
struct Truth {
    #[serde(default)]
    url: String,
    #[serde(rename = "articleBody", default)]
    article_body: String,
}

/// Load all benchmark pages, sorted by id.
pub fn load_benchmark(data: &Path) -> anyhow::Result<Vec<BenchmarkPage>> {
    let dir = data.join("article-extraction-benchmark");
    let truth_path = dir.join("ground-truth.json");
    let truth_text = std::fs::read_to_string(&truth_path)
        .with_context(|| format!("reading {}", truth_path.display()))?;
    let truth: HashMap<String, Truth> = serde_json::from_str(&truth_text)
        .with_context(|| format!("parsing {}", truth_path.display()))?;
    let mut ids: Vec<&String> = truth.keys().collect();
    ids.sort();
    let mut pages = Vec::with_capacity(ids.len());
    for id in ids {
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let file =
            std::fs::File::open(&path).with_context(|| format!("opening {}", path.display()))?;
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(file)
            .read_to_end(&mut bytes)
            .with_context(|| format!("gunzipping {}", path.display()))?;
        let entry = &truth[id];
        pages.push(BenchmarkPage {
            id: id.clone(),
            url: entry.url.clone(),
            html: String::from_utf8_lossy(&bytes).into_owned(),
            article_body: entry.article_body.clone(),
        });
    }
    Ok(pages)
}

/// Word-bag counts of `predicted` against `truth` (lowercased, whitespace split).
pub fn word_counts(truth: &str, predicted: &str) -> Prf {
    let bag = |text: &str| {
        let mut counts: HashMap<String, u64> = HashMap::new();
        for word in text.split_whitespace() {
            *counts.entry(word.to_lowercase()).or_default() += 1;
        }
        counts
    };
    let (truth_bag, predicted_bag) = (bag(truth), bag(predicted));
    let tp: u64 = predicted_bag
        .iter()
        .map(|(word, n)| (*n).min(truth_bag.get(word).copied().unwrap_or(0)))
        .sum();
    let predicted_total: u64 = predicted_bag.values().sum();
    let truth_total: u64 = truth_bag.values().sum();
    Prf {
        tp,
        fp: predicted_total - tp,
        fn_: truth_total - tp,
    }
}

/// Normalised `(tp, fp, fn)` over 4-gram shingles of `\w+` tokens, as the
/// benchmark's `evaluate.py` computes them.
pub fn shingle_counts(truth: &str, predicted: &str) -> (f64, f64, f64) {
    fn shingles(text: &str) -> HashMap<Vec<&str>, u64> {
        let tokens: Vec<&str> = text
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|t| !t.is_empty())
            .collect();
        let mut counts = HashMap::new();
        if tokens.is_empty() {
            return counts;
        }
        let windows = tokens.len().saturating_sub(4) + 1;
        for start in 0..windows {
            let end = (start + 4).min(tokens.len());
            *counts.entry(tokens[start..end].to_vec()).or_default() += 1;
        }
        counts
    }
    let (truth_shingles, predicted_shingles) = (shingles(truth), shingles(predicted));
    let tp: u64 = predicted_shingles
        .iter()
        .map(|(s, n)| (*n).min(truth_shingles.get(s).copied().unwrap_or(0)))
        .sum();
    let fp = predicted_shingles.values().sum::<u64>() - tp;
    let fn_ = truth_shingles.values().sum::<u64>() - tp;
    let total = (tp + fp + fn_) as f64;
    if total == 0.0 {
        return (0.0, 0.0, 0.0);
    }
    (tp as f64 / total, fp as f64 / total, fn_ as f64 / total)
}

/// Precision with the benchmark's conventions for empty texts.
fn precision(tp: f64, fp: f64, fn_: f64) -> f64 {
    if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else if tp == 0.0 && fp == 0.0 {
        0.0
    } else {
        tp / (tp + fp)
    }
}

fn recall(tp: f64, fp: f64, fn_: f64) -> f64 {
    if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else if tp == 0.0 && fn_ == 0.0 {
        0.0
    } else {
        tp / (tp + fn_)
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Page-averaged scores over a set of `(tp, fp, fn)` triples.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct MeanScores {
    pub precision: f64,
    pub recall: f64,
    /// Harmonic mean of the two means (the benchmark's F1).
    pub f1_of_means: f64,
    /// Mean of per-page F1.
    pub mean_f1: f64,
}

pub fn mean_scores(counts: &[(f64, f64, f64)]) -> MeanScores {
    let mean = |values: Vec<f64>| {
        if values.is_empty() {
            0.0
        } else {
            values.iter().sum::<f64>() / values.len() as f64
        }
    };
    let p = mean(
        counts
            .iter()
            .filter(|c| c.0 + c.1 > 0.0)
            .map(|&(tp, fp, fn_)| precision(tp, fp, fn_))
            .collect(),
    );
    let r = mean(
        counts
            .iter()
            .filter(|c| c.0 + c.2 > 0.0)
            .map(|&(tp, fp, fn_)| recall(tp, fp, fn_))
            .collect(),
    );
    let mean_f1 = mean(
        counts
            .iter()
            .map(|&(tp, fp, fn_)| f1(precision(tp, fp, fn_), recall(tp, fp, fn_)))
            .collect(),
    );
    MeanScores {
        precision: p,
        recall: r,
        f1_of_means: f1(p, r),
        mean_f1,
    }
}

/// Everything one evaluation run measured.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub pages: usize,
    pub html_bytes: usize,
    pub seconds: f64,
    pub words: MeanScores,
    pub words_micro: Prf,
    pub shingles: MeanScores,
    pub empty_pages: usize,
    pub with_title: usize,
    pub with_date: usize,
    pub with_site_name: usize,
}

/// Extract every page and score it.
pub fn evaluate(pages: &[BenchmarkPage]) -> Report {
    let mut report = Report {
        pages: pages.len(),
        ..Report::default()
    };
    let mut word_triples = Vec::with_capacity(pages.len());
    let mut shingle_triples = Vec::with_capacity(pages.len());
    for page in pages {
        let start = Instant::now();
        let article = eventwire_core::extract::extract(&page.html);
        report.seconds += start.elapsed().as_secs_f64();
        report.html_bytes += page.html.len();
        let words = word_counts(&page.article_body, &article.text);
        report.words_micro.add(words);
        word_triples.push((words.tp as f64, words.fp as f64, words.fn_ as f64));
        shingle_triples.push(shingle_counts(&page.article_body, &article.text));
        report.empty_pages += usize::from(article.text.trim().is_empty());
        report.with_title += usize::from(article.title.is_some());
        report.with_date += usize::from(article.published.is_some());
        report.with_site_name += usize::from(article.site_name.is_some());
    }
    report.words = mean_scores(&word_triples);
    report.shingles = mean_scores(&shingle_triples);
    report
}

/// Run the extract evaluation over the gold data in `data` and print the report.
pub fn run(data: &Path) -> anyhow::Result<()> {
    let pages = load_benchmark(data)?;
    anyhow::ensure!(
        !pages.is_empty(),
        "no pages in the article-extraction benchmark"
    );
    let report = evaluate(&pages);
    let micro = report.words_micro;
    println!(
        "extract: article-extraction-benchmark, {} pages, {:.1} MB of HTML",
        report.pages,
        report.html_bytes as f64 / 1e6
    );
    println!(
        "  words (lowercased, whitespace split), mean over pages: P {:.3}  R {:.3}  F1 {:.3} (F1 of means)  mean per-page F1 {:.3}",
        report.words.precision, report.words.recall, report.words.f1_of_means, report.words.mean_f1
    );
    println!(
        "  words, micro over all pages:                       P {:.3}  R {:.3}  F1 {:.3}",
        micro.precision(),
        micro.recall(),
        micro.f1()
    );
    println!(
        "  benchmark shingles (\\w+ 4-grams), mean over pages:  P {:.3}  R {:.3}  F1 {:.3}",
        report.shingles.precision, report.shingles.recall, report.shingles.f1_of_means
    );
    println!(
        "  empty texts {}; metadata found: title {}, date {}, site name {}",
        report.empty_pages, report.with_title, report.with_date, report.with_site_name
    );
    println!(
        "  speed: {:.1} MB/s ({:.3} s, one thread, reading excluded)",
        report.html_bytes as f64 / 1e6 / report.seconds.max(1e-9),
        report.seconds
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_counts_use_multiset_intersection() {
        let counts = word_counts("The cat saw the dog", "the the the cat");
        assert_eq!(
            counts,
            Prf {
                tp: 3,
                fp: 1,
                fn_: 2
            }
        );
    }

    #[test]
    fn shingles_match_benchmark_convention() {
        let (tp, fp, fn_) = shingle_counts("a b c d e", "a b c d");
        // truth shingles: abcd, bcde; predicted: abcd.
        assert!((tp - 0.5).abs() < 1e-12 && fp == 0.0 && (fn_ - 0.5).abs() < 1e-12);
        let scores = mean_scores(&[(tp, fp, fn_), (0.0, 0.0, 1.0)]);
        assert!((scores.precision - 1.0).abs() < 1e-12);
        assert!((scores.recall - 0.25).abs() < 1e-12);
    }
}
