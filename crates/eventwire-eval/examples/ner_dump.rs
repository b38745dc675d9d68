//! Print the shipped recogniser's names for a CoNLL-2003 file, one JSON line
//! per sentence (`[[start, end, "PER"], ...]`, coarse CoNLL types), and its
//! speed on stderr; `scripts/compare_ner.py` scores this beside a peer.
//!
//! Usage: `cargo run --release -p eventwire-eval --example ner_dump -- FILE`

use eventwire_core::entities::ner::{EntityKind, Recognizer};
use std::io::Write;

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: ner_dump CONLL_FILE"))?;
    let recognizer = Recognizer::embedded()?;
    let docs = eventwire_eval::ner::read_conll2003(std::path::Path::new(&path))?;
    let words = eventwire_eval::ner::word_views(&docs);
    let tokens: usize = words.iter().flatten().map(Vec::len).sum();
    let start = std::time::Instant::now();
    let found: Vec<_> = words
        .iter()
        .map(|d| recognizer.recognize_coarse(d))
        .collect();
    let secs = start.elapsed().as_secs_f64();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for mentions in found.iter().flatten() {
        let items: Vec<String> = mentions
            .iter()
            .map(|m| {
                let label = match m.kind {
                    EntityKind::Person => "PER",
                    EntityKind::Org => "ORG",
                    EntityKind::Loc | EntityKind::Gpe | EntityKind::Fac => "LOC",
                    _ => "MISC",
                };
                format!("[{}, {}, \"{label}\"]", m.start, m.end)
            })
            .collect();
        writeln!(out, "[{}]", items.join(", "))?;
    }
    eprintln!(
        "{tokens} tokens in {secs:.3}s: {:.0} tokens/s",
        tokens as f64 / secs
    );
    Ok(())
}
