//! Print the rebuilt text of a UD English EWT split, its gold spans and our
//! predicted spans as one JSON object (byte offsets), for
//! `scripts/compare_segment.py`.
//!
//! Usage: `segment_dump <dev|test|train>` (data folder found as for `eventwire eval`);
//! `segment_dump report` prints the `eventwire eval segment` report instead;
//! `segment_dump speed FILE [COPIES]` measures throughput on a text file (repeated COPIES times);
//! `segment_dump show FILE` prints each sentence of a text file on one line, tokens joined by " | ".

use anyhow::Context;
use eventwire_core::Span;
use eventwire_eval::segment::{load_conllu, throughput};

fn pairs(spans: &[Span]) -> Vec<[u32; 2]> {
    spans.iter().map(|s| [s.start, s.end]).collect()
}

fn main() -> anyhow::Result<()> {
    let split = std::env::args().nth(1).unwrap_or_else(|| "dev".to_string());
    if split == "show" {
        let file = std::env::args()
            .nth(2)
            .context("usage: segment_dump show FILE")?;
        let text = std::fs::read_to_string(&file).with_context(|| format!("reading {file}"))?;
        let (sentences, tokens) = eventwire_core::segment::segment(&text);
        for sentence in sentences {
            let inside = tokens
                .iter()
                .filter(|t| t.start >= sentence.start && t.end <= sentence.end);
            println!(
                "{}",
                inside
                    .map(|t| t.text(&text))
                    .collect::<Vec<_>>()
                    .join(" | ")
            );
        }
        return Ok(());
    }
    if split == "speed" {
        let file = std::env::args()
            .nth(2)
            .context("usage: segment_dump speed FILE [COPIES]")?;
        let copies: usize = std::env::args()
            .nth(3)
            .map_or(Ok(1), |n| n.parse())
            .context("COPIES must be a number")?;
        let text = std::fs::read_to_string(&file).with_context(|| format!("reading {file}"))?;
        let text = vec![text; copies].join("\n\n");
        let (tokenize_mb_s, segment_mb_s) = throughput(&text);
        println!("{file} x {copies} ({:.1} MB): tokenize {tokenize_mb_s:.0} MB/s, tokenize+sentences {segment_mb_s:.0} MB/s", text.len() as f64 / 1e6);
        return Ok(());
    }
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
