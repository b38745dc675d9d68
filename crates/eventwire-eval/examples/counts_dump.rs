//! Prints every count `find_counts` finds in a JSON Lines file of articles
//! (`{id, text}` per line), one tab-separated line per count, so the output
//! can be read through or compared with another tool.
//!
//! Usage: cargo run --release -p eventwire-eval --example counts_dump -- FILE.jsonl

use anyhow::Context;
use eventwire_core::counts::find_counts;
use eventwire_core::document::{Format, Input};
use eventwire_core::pipeline::{annotate, Options};
use eventwire_core::{Document, Models};

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .context("usage: counts_dump FILE.jsonl")?;
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {path}"))?;
    let models = Models::none();
    for (n, line) in text.lines().enumerate() {
        let article: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("{path} line {}", n + 1))?;
        let id = article["id"].as_str().unwrap_or("").to_string();
        let body = article["text"].as_str().unwrap_or("").to_string();
        let input = Input {
            path: path.clone(),
            format: Format::Jsonl,
            url: None,
            record: Some(n as u64 + 1),
            source_id: Some(id.clone()),
            fetched: None,
        };
        let mut doc = Document::new(input, body);
        annotate(&mut doc, Options::default(), &models);
        for count in find_counts(&doc.text, &doc.sentences, &[], &[], &[]) {
            println!(
                "{id}\t{}\t{}\t{}\t{}\t{}\t{}",
                count.kind,
                count.number,
                count.qualifier.as_deref().unwrap_or("-"),
                count.object.as_deref().unwrap_or("-"),
                count.source.as_deref().unwrap_or("-"),
                count.text
            );
        }
    }
    Ok(())
}
