//! Print the committed tagger's output on an EWT split with gold tokens, one
//! line per word (`form TAB upos TAB xpos TAB lemma`, a blank line between
//! sentences), for `scripts/compare_pos.py`. The tagging speed (one thread,
//! output formatting excluded) goes to stderr as `tokens_per_second N`.
//!
//! Usage: pos_dump [SPLIT]   (SPLIT: train, dev or test; default test)

use std::io::Write;
use std::time::Instant;

use anyhow::Context;
use eventwire_core::tag::{Scratch, Tagged, Tagger};
use eventwire_eval::pos::{ewt_file, load_sentences};

fn main() -> anyhow::Result<()> {
    let split = std::env::args().nth(1).unwrap_or_else(|| "test".into());
    let data = eventwire_eval::require_data_dir(None)?;
    let sentences = load_sentences(&ewt_file(&data, &split))?;
    let tagger = Tagger::embedded().context("loading the embedded pos model")?;
    let words: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let mut scratch = Scratch::default();
    let mut tagged: Vec<Vec<Tagged>> = vec![Vec::new(); words.len()];
    let start = Instant::now();
    for (sentence, out) in words.iter().zip(&mut tagged) {
        tagger.tag_with(sentence, &mut scratch, out);
    }
    let seconds = start.elapsed().as_secs_f64();
    let n: usize = words.iter().map(Vec::len).sum();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (sentence, tags) in words.iter().zip(&tagged) {
        for (word, t) in sentence.iter().zip(tags) {
            writeln!(
                out,
                "{word}\t{}\t{}\t{}",
                tagger.upos_name(t.upos),
                tagger.xpos_name(t.xpos),
                t.lemma
            )?;
        }
        writeln!(out)?;
    }
    out.flush()?;
    eprintln!("tokens_per_second {:.0}", n as f64 / seconds.max(1e-9));
    Ok(())
}
