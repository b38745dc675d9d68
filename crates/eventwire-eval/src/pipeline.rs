//! Speed of the whole `analyze` pipeline, stage by stage, on Reuters-21578:
//! one thread, the file already in memory, so the figures are CPU cost per
//! core. The command-level figure (with reading threads and output) comes
//! from `scripts/bench_pipeline.py`.

use anyhow::Context;
use eventwire_core::clean::clean;
use eventwire_core::dateline::find_dateline;
use eventwire_core::pipeline::{analyze, Options};
use eventwire_core::provenance::find_sources;
use eventwire_core::read::{Body, JsonlArticles, RawArticle};
use eventwire_core::segment::{split_sentences, tokenize};
use eventwire_core::Models;
use std::path::Path;
use std::time::{Duration, Instant};

/// Timing passes; the fastest is reported, since the machine may be shared.
const PASSES: usize = 3;

/// Run the benchmark over the Reuters set in `data` and print the report.
pub fn run(data: &Path) -> anyhow::Result<()> {
    let path = data.join("reuters-21578/reuters21578.jsonl");
    let bytes = std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let articles = read_all(&bytes)?;
    let bodies: Vec<&str> = articles
        .iter()
        .map(|a| match &a.body {
            Body::Text(text) | Body::Html(text) => text.as_str(),
        })
        .collect();
    let text_bytes: usize = bodies.iter().map(|b| b.len()).sum();
    let cleaned: Vec<String> = bodies.iter().map(|b| clean(b).text).collect();
    let mb = text_bytes as f64 / 1e6;
    println!(
        "pipeline: Reuters-21578, {} articles, {:.1} MB of body text ({:.1} MB of JSON Lines); one thread, best of {PASSES}",
        articles.len(),
        mb,
        bytes.len() as f64 / 1e6
    );

    let read = best_of(|| {
        let _ = read_all(&bytes);
    });
    let cleaning = best_of(|| {
        for body in &bodies {
            std::hint::black_box(clean(body));
        }
    });
    let segmenting = best_of(|| {
        for text in &cleaned {
            let tokens = tokenize(text);
            std::hint::black_box(split_sentences(text, &tokens));
        }
    });
    let provenance = best_of(|| {
        for text in &cleaned {
            let dateline = find_dateline(text, Some(1987)).map(|(d, _)| d);
            std::hint::black_box(find_sources(text, dateline.as_ref(), None));
        }
    });
    let words: usize = cleaned.iter().map(|t| tokenize(t).len()).sum();
    let load_start = Instant::now();
    let all = Models::embedded()?;
    let load = load_start.elapsed();
    let tagger_only = Models {
        tagger: all.tagger.clone(),
        ..Models::none()
    };
    let tagger_parser = Models {
        tagger: all.tagger.clone(),
        parser: all.parser.clone(),
        ..Models::none()
    };
    let mut json = Vec::new();
    let mut whole_with = |models: &Models| {
        best_of(|| {
            json.clear();
            for article in read_all(&bytes).unwrap_or_default() {
                if let Ok(doc) = analyze(article, Options::default(), models) {
                    serde_json::to_writer(&mut json, &doc).expect("writing to memory");
                    json.push(b'\n');
                }
            }
        })
    };
    let whole = whole_with(&Models::none());
    let with_tagger = whole_with(&tagger_only);
    let with_parser = whole_with(&tagger_parser);
    let with_all = whole_with(&all);

    let row = |name: &str, time: Duration| {
        println!(
            "  {name:<44} {:>8.3} s {:>9.1} MB/s",
            time.as_secs_f64(),
            mb / time.as_secs_f64()
        );
    };
    row("read (JSON Lines parse)", read);
    row("clean", cleaning);
    row("segment (tokens + sentences)", segmenting);
    row("read + clean + segment", read + cleaning + segmenting);
    row("dateline + provenance", provenance);
    row("whole analyze without models, JSON included", whole);
    println!(
        "  models loaded in {:.0} ms (three threads)",
        load.as_secs_f64() * 1e3
    );
    let stage = |name: &str, time: Duration| {
        println!(
            "  {name:<44} {:>8.3} s {:>9.0} tokens/s",
            time.as_secs_f64(),
            words as f64 / time.as_secs_f64()
        );
    };
    println!("  ({words} tokens)");
    stage("part of speech + lemmas", with_tagger.saturating_sub(whole));
    stage("dependency parse", with_parser.saturating_sub(with_tagger));
    stage(
        "entities + coreference",
        with_all.saturating_sub(with_parser),
    );
    stage("tagger + parser + entities", with_all.saturating_sub(whole));
    println!(
        "  {:<44} {:>8.3} s {:>9.1} MB/s {:>7.0} articles/s",
        "whole analyze with all models",
        with_all.as_secs_f64(),
        mb / with_all.as_secs_f64(),
        articles.len() as f64 / with_all.as_secs_f64()
    );
    Ok(())
}

fn read_all(bytes: &[u8]) -> anyhow::Result<Vec<RawArticle>> {
    JsonlArticles::new(bytes, "reuters21578.jsonl")
        .map(|item| item.map_err(|e| anyhow::anyhow!("{e}")))
        .collect()
}

fn best_of(mut work: impl FnMut()) -> Duration {
    (0..PASSES)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}
