//! MEANTIME texts out, predicted mentions in: lets a script run another
//! recogniser on the same texts and score our coreference on its mentions.
//!
//! `coref_dump texts` prints one JSON line per document: name, topic, text.
//! `coref_dump score FILE` reads JSON lines `{"name", "entities": [{"start",
//! "end", "type"}]}` (byte offsets into that text), resolves coreference on
//! them and prints mention and coreference scores per split.
//! `coref_dump explain FILE NAME` prints each resolved mention of document
//! NAME (a dev document, to keep test unseen) with cluster, canonical and role.

use std::collections::{BTreeMap, HashMap};

use anyhow::Context as _;
use eventwire_core::document::Entity;
use eventwire_core::entities::coref::resolve;
use eventwire_eval::coref::{load, score_predicted, CorefScores};
use eventwire_eval::metrics::Prf;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let data = eventwire_eval::require_data_dir(None)?;
    let docs = load(&data)?;
    match args.first().map(String::as_str) {
        Some("texts") => {
            for doc in &docs {
                let line =
                    serde_json::json!({"name": doc.name, "topic": doc.topic, "text": doc.text});
                println!("{line}");
            }
        }
        Some(command @ ("score" | "explain")) => {
            let path = args
                .get(1)
                .context("usage: coref_dump score|explain FILE [NAME]")?;
            let lines = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
            let mut predicted: HashMap<String, Vec<Entity>> = HashMap::new();
            for line in lines.lines().filter(|l| !l.trim().is_empty()) {
                let value: serde_json::Value = serde_json::from_str(line).context("a JSON line")?;
                let name = value["name"].as_str().unwrap_or_default().to_string();
                let entities = value["entities"].as_array().cloned().unwrap_or_default();
                let entities = entities
                    .iter()
                    .filter_map(|e| {
                        Some(Entity {
                            text: e["text"].as_str().unwrap_or_default().to_string(),
                            kind: e["type"].as_str()?.to_string(),
                            start: u32::try_from(e["start"].as_u64()?).ok()?,
                            end: u32::try_from(e["end"].as_u64()?).ok()?,
                            canonical: None,
                            cluster: None,
                            role: None,
                        })
                    })
                    .collect();
                predicted.insert(name, entities);
            }
            if command == "explain" {
                let name = args.get(2).context("usage: coref_dump explain FILE NAME")?;
                let doc = docs
                    .iter()
                    .find(|d| {
                        &d.name == name
                            && matches!(d.topic.as_str(), "corpus_airbus" | "corpus_apple")
                    })
                    .context("no dev document of that name")?;
                let mut entities = predicted.remove(&doc.name).unwrap_or_default();
                resolve(&doc.text, &doc.tokens, &doc.sentences, &mut entities);
                for e in &entities {
                    println!(
                        "{:<40} {:<7} c{:<3} {:<35} {}",
                        e.text,
                        e.kind,
                        e.cluster.unwrap_or(0),
                        e.canonical.as_deref().unwrap_or(""),
                        e.role.as_deref().unwrap_or("")
                    );
                }
                return Ok(());
            }
            let mut mentions: BTreeMap<&str, Prf> = BTreeMap::new();
            let mut scores: BTreeMap<&str, CorefScores> = BTreeMap::new();
            let mut on_gold: BTreeMap<&str, CorefScores> = BTreeMap::new();
            for doc in &docs {
                let mut entities = predicted.remove(&doc.name).unwrap_or_default();
                resolve(&doc.text, &doc.tokens, &doc.sentences, &mut entities);
                let split = if matches!(doc.topic.as_str(), "corpus_gm" | "corpus_stock") {
                    "test"
                } else {
                    "dev"
                };
                let (counts, doc_scores, gold_only) = score_predicted(doc, &entities);
                for group in [split, "all"] {
                    mentions.entry(group).or_default().add(counts);
                    scores.entry(group).or_default().add(&doc_scores);
                    on_gold.entry(group).or_default().add(&gold_only);
                }
            }
            println!("mentions: a prediction matches a gold named mention it lies in and whose last token it covers");
            println!("coref all: over gold and predicted mentions; on gold: predictions outside gold mentions dropped");
            for (group, counts) in &mentions {
                let s = &scores[group];
                let g = &on_gold[group];
                println!(
                    "{group:<4} mentions P {:5.1} R {:5.1} F1 {:5.1} | coref all: CoNLL {:5.1} (MUC {:5.1} B3 {:5.1} CEAF-e {:5.1}) | on gold: CoNLL {:5.1} (MUC {:5.1} B3 {:5.1} CEAF-e {:5.1})",
                    100.0 * counts.precision(),
                    100.0 * counts.recall(),
                    100.0 * counts.f1(),
                    100.0 * s.conll(),
                    100.0 * s.muc(),
                    100.0 * s.b3(),
                    100.0 * s.ceafe(),
                    100.0 * g.conll(),
                    100.0 * g.muc(),
                    100.0 * g.b3(),
                    100.0 * g.ceafe()
                );
            }
        }
        _ => anyhow::bail!("usage: coref_dump texts | coref_dump score FILE"),
    }
    Ok(())
}
