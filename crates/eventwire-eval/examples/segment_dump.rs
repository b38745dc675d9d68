//! Print the rebuilt text of a UD English EWT split, its gold spans and our
//! predicted spans as one JSON object (byte offsets), for
//! `scripts/compare_segment.py`.
//!
//! Usage: `segment_dump <dev|test|train>` (data folder found as for `eventwire eval`);
//! `segment_dump report` prints the `eventwire eval segment` report instead.

use anyhow::Context;
use eventwire_core::Span;
use eventwire_eval::segment::{load_conllu, throughput};

fn pairs(spans: &[Span]) -> Vec<[u32; 2]> {
    spans.iter().map(|s| [s.start, s.end]).collect()
}

fn main() -> anyhow::Result<()> {
    let split = std::env::args().nth(1).unwrap_or_else(|| "dev".to_string());
    let data = eventwire_eval::require_data_dir(None)?;
    if split == "report" {
        return eventwire_eval::segment::run(&data);
    }
    let path = data
        .join("ud-english-ewt")
        .join(format!("en_ewt-ud-{split}.conllu"));
    let gold = load_conllu(&path).with_context(|| format!("loading split {split}"))?;
    let (sentences, tokens) = eventwire_core::segment::segment(&gold.text);
    let (tokenize_mb_s, segment_mb_s) = throughput(&gold.text);
    let json = serde_json::json!({
        "split": split,
        "text": gold.text,
        "gold": {
            "sentences": pairs(&gold.sentences),
            "words": pairs(&gold.words),
            "surface": pairs(&gold.surface),
            "multiword": pairs(&gold.multiword),
        },
        "ours": {
            "sentences": pairs(&sentences),
            "tokens": pairs(&tokens),
            "tokenize_mb_s": tokenize_mb_s,
            "segment_mb_s": segment_mb_s,
        },
    });
    println!("{json}");
    Ok(())
}
