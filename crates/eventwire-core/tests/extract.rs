//! Extraction on the real pages of the article-extraction benchmark
//! (`article-extraction-benchmark/` in the shared data folder). Skips with a
//! message when the data folder is absent.
//!
//! The floors sit a margin below what was measured when they were set
//! (word F1 of means 0.978, mean per-page F1 0.975, at most 0 empty
//! texts); the benchmark is also where the heuristics were developed, so
//! these guard against regressions, not estimate accuracy on new sites.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use eventwire_core::extract::extract;

fn benchmark_dir() -> Option<PathBuf> {
    let data = match std::env::var_os("EVENTWIRE_DATA") {
        Some(dir) => PathBuf::from(dir),
        None => std::env::current_dir()
            .ok()?
            .ancestors()
            .map(|dir| dir.join("../shared/data"))
            .find(|candidate| candidate.is_dir())?,
    };
    let dir = data.join("article-extraction-benchmark");
    dir.is_dir().then_some(dir)
}

struct Page {
    id: String,
    html: String,
    body: String,
}

fn load(dir: &Path) -> Vec<Page> {
    let truth_text = std::fs::read_to_string(dir.join("ground-truth.json")).expect("ground truth");
    let truth: HashMap<String, serde_json::Value> =
        serde_json::from_str(&truth_text).expect("ground truth is JSON");
    let mut ids: Vec<&String> = truth.keys().collect();
    ids.sort();
    ids.into_iter()
        .map(|id| {
            let file = std::fs::File::open(dir.join("html").join(format!("{id}.html.gz")))
                .expect("page file");
            let mut bytes = Vec::new();
            flate2::read::GzDecoder::new(file)
                .read_to_end(&mut bytes)
                .expect("gzip page");
            Page {
                id: id.clone(),
                html: String::from_utf8_lossy(&bytes).into_owned(),
                body: truth[id]["articleBody"].as_str().unwrap_or("").to_string(),
            }
        })
        .collect()
}

/// Precision and recall over bags of lowercased whitespace-split words.
fn word_precision_recall(truth: &str, predicted: &str) -> (f64, f64) {
    let bag = |text: &str| {
        let mut counts: HashMap<String, i64> = HashMap::new();
        for word in text.split_whitespace() {
            *counts.entry(word.to_lowercase()).or_default() += 1;
        }
        counts
    };
    let (truth_bag, predicted_bag) = (bag(truth), bag(predicted));
    let tp: i64 = predicted_bag
        .iter()
        .map(|(w, n)| (*n).min(truth_bag.get(w).copied().unwrap_or(0)))
        .sum();
    let predicted_total: i64 = predicted_bag.values().sum();
    let truth_total: i64 = truth_bag.values().sum();
    let ratio = |a: i64, b: i64| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    (ratio(tp, predicted_total), ratio(tp, truth_total))
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

#[test]
fn word_f1_over_all_benchmark_pages_stays_above_floor() {
    let Some(dir) = benchmark_dir() else {
        eprintln!("skipping: no article-extraction-benchmark in the shared data folder (set EVENTWIRE_DATA)");
        return;
    };
    let pages = load(&dir);
    assert_eq!(pages.len(), 181, "the benchmark has 181 pages");
    let mut precisions = Vec::new();
    let mut recalls = Vec::new();
    let mut empty = Vec::new();
    for page in &pages {
        let article = extract(&page.html);
        if article.text.trim().is_empty() {
            empty.push(page.id.clone());
        }
        let (p, r) = word_precision_recall(&page.body, &article.text);
        precisions.push(p);
        recalls.push(r);
    }
    let n = pages.len() as f64;
    let mean_p = precisions.iter().sum::<f64>() / n;
    let mean_r = recalls.iter().sum::<f64>() / n;
    let mean_f1 = precisions
        .iter()
        .zip(&recalls)
        .map(|(&p, &r)| f1(p, r))
        .sum::<f64>()
        / n;
    eprintln!(
        "word P {mean_p:.3} R {mean_r:.3} F1 {:.3} mean F1 {mean_f1:.3}",
        f1(mean_p, mean_r)
    );
    assert!(empty.len() <= 2, "empty texts for {empty:?}");
    assert!(
        f1(mean_p, mean_r) >= 0.955,
        "word F1 of means {:.3}",
        f1(mean_p, mean_r)
    );
    assert!(mean_f1 >= 0.95, "mean per-page word F1 {mean_f1:.3}");
}

#[test]
fn metadata_of_a_benchmark_page() {
    let Some(dir) = benchmark_dir() else {
        eprintln!("skipping: no article-extraction-benchmark in the shared data folder (set EVENTWIRE_DATA)");
        return;
    };
    // A news page whose <meta> tags give title, site name and time.
    let id = "06e5123e4ef7cfb4533250dc45d1e03d0838fc66223f45c583c4d12f48b4da85";
    let path = dir.join("html").join(format!("{id}.html.gz"));
    let mut html = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&path).expect("page file"))
        .read_to_string(&mut html)
        .expect("gzip page");
    let article = extract(&html);
    assert_eq!(
        article.title.as_deref(),
        Some("New York State Attorney General investigating WeWork and former CEO")
    );
    assert_eq!(article.site_name.as_deref(), Some("VentureBeat"));
    assert!(
        article
            .published
            .as_deref()
            .is_some_and(|d| d.starts_with("2019-11-")),
        "{:?}",
        article.published
    );
    assert!(
        article
            .text
            .starts_with("(Reuters) — The New York State Attorney General"),
        "{}",
        article.text.chars().take(80).collect::<String>()
    );
    assert!(article
        .url
        .as_deref()
        .is_some_and(|u| u.contains("venturebeat.com/2019/11/18/")));
}
