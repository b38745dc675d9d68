//! Prints the gold time expressions and ours for TempEval-3 platinum and
//! MEANTIME as JSON lines, so a script can score us and a peer the same way:
//! `cargo run --release -p eventwire-eval --example time_dump [SET...] > dump.jsonl`
//! where SET is `test` (TempEval-3 platinum, the default with `meantime`),
//! `meantime` or `train`. One line per document
//! (`{"set", "corpus", "name", "dct", "text", "gold", "ignored", "ours"}`, byte
//! offsets), then one `{"speed": {...}}` line with the time of `find_times` alone.

use eventwire_core::models::Models;
use eventwire_eval::time::{load_meantime, load_tempeval, predict, TimeDoc, TEST, TRAIN};
use serde_json::json;
use std::io::Write as _;

fn main() -> anyhow::Result<()> {
    let data = eventwire_eval::require_data_dir(None)?;
    let mut sets: Vec<String> = std::env::args().skip(1).collect();
    if sets.is_empty() {
        sets = vec!["test".to_string(), "meantime".to_string()];
    }
    let models = Models::embedded()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut speed = serde_json::Map::new();
    for set in &sets {
        let docs: Vec<TimeDoc> = match set.as_str() {
            "test" => load_tempeval(&data, &TEST)?,
            "train" => load_tempeval(&data, &TRAIN)?,
            "meantime" => load_meantime(&data)?,
            other => anyhow::bail!("unknown set {other:?}: use test, meantime or train"),
        };
        let predictions = predict(&docs, &models);
        for (doc, ours) in docs.iter().zip(&predictions.times) {
            let gold: Vec<_> = doc
                .timexes
                .iter()
                .map(|t| json!({"tid": t.tid, "start": t.start, "end": t.end, "type": t.kind, "value": t.value}))
                .collect();
            let ignored: Vec<_> = doc.ignored.iter().map(|s| [s.start, s.end]).collect();
            let ours: Vec<_> = ours
                .iter()
                .map(|t| json!({"start": t.start, "end": t.end, "type": t.kind, "value": t.value}))
                .collect();
            let line = json!({
                "set": set, "corpus": doc.corpus, "name": doc.name, "dct": doc.dct,
                "text": doc.text, "gold": gold, "ignored": ignored, "ours": ours,
            });
            writeln!(out, "{line}")?;
        }
        speed.insert(
            set.clone(),
            json!({"seconds": predictions.find_times.as_secs_f64(), "bytes": predictions.bytes}),
        );
    }
    writeln!(out, "{}", json!({ "speed": speed }))?;
    out.flush()?;
    Ok(())
}
