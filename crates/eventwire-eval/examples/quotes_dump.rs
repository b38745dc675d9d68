//! Quotes of one plain-text article, or of the PolNeAR dev articles.
//!
//! `quotes_dump FILE` prints each quote found in FILE (annotated as given)
//! with its kind, speaker and cue. `quotes_dump polnear SPLIT` prints one JSON
//! line per article of that split: name and the quotes with speaker and cue
//! spans, so a script can score another system the same way.

use anyhow::Context as _;
use eventwire_core::document::{Document, Input};
use eventwire_core::pipeline::{annotate, Options};
use eventwire_core::quotes::find_attributions;
use eventwire_core::Models;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let models = Models::embedded().context("loading the embedded models")?;
    match args.first().map(String::as_str) {
        Some("eval") => {
            let data = eventwire_eval::require_data_dir(None)?;
            eventwire_eval::quotes::run(&data)?;
        }
        Some("polnear") => {
            let split = args.get(1).map_or("dev", String::as_str);
            let data = eventwire_eval::require_data_dir(None)?;
            for article in eventwire_eval::quotes::load(&data, split)? {
                let doc = eventwire_eval::quotes::annotated(&article, &models);
                let tokens = doc.tokens.as_deref().unwrap_or_default();
                let found = find_attributions(&doc.text, &doc.sentences, tokens, &doc.entities);
                let quotes: Vec<serde_json::Value> = found
                    .iter()
                    .map(|a| {
                        serde_json::json!({
                            "quote": a.quote,
                            "speaker_span": a.speaker_span,
                            "cue_span": a.cue_span,
                        })
                    })
                    .collect();
                println!(
                    "{}",
                    serde_json::json!({"name": article.name, "quotes": quotes})
                );
            }
        }
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
            let input = Input::text(path.to_string());
            let mut doc = Document::new(input, text);
            annotate(&mut doc, Options { tokens: true }, &models);
            let tokens = doc.tokens.as_deref().unwrap_or_default();
            if std::env::var_os("QUOTES_DUMP_TOKENS").is_some() {
                for (i, t) in tokens.iter().enumerate() {
                    println!(
                        "{i:>4} {:<14} {:<5} {:>4} {}",
                        &doc.text[t.start as usize..t.end as usize],
                        t.tag.as_deref().unwrap_or("-"),
                        t.head.map_or(-1, i64::from),
                        t.dep.as_deref().unwrap_or("-")
                    );
                }
                for e in &doc.entities {
                    println!(
                        "entity {} {} {:?} {:?}",
                        e.text, e.kind, e.canonical, e.role
                    );
                }
            }
            for a in find_attributions(&doc.text, &doc.sentences, tokens, &doc.entities) {
                println!(
                    "{:<8} speaker {:?} (cluster {:?}, written {:?}) cue {:?}\n         {}",
                    a.quote.kind,
                    a.quote.speaker,
                    a.quote.speaker_cluster,
                    a.speaker_span.map(|s| s.text(&doc.text)),
                    a.quote.cue,
                    a.quote.text.replace('\n', " ")
                );
            }
        }
        None => anyhow::bail!("usage: quotes_dump FILE | quotes_dump polnear SPLIT"),
    }
    Ok(())
}
