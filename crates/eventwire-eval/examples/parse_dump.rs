//! Parse a CoNLL-U file's gold words with the shipped parser (or the model in
//! `EVENTWIRE_PARSER_MODEL`) and print one line per word: `id<TAB>head<TAB>label`,
//! a blank line after each sentence. Speed (parse only, one thread) goes to stderr.
//!
//! Usage: cargo run --release -p eventwire-eval --example parse_dump -- FILE.conllu

use std::io::Write;
use std::time::Instant;

use eventwire_eval::parser::{load, GoldSentence};

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: parse_dump FILE.conllu"))?;
    let sentences = load(std::path::Path::new(&path))?;
    let parser = eventwire_eval::parser::load_parser()?.0;
    let tags: Vec<Vec<String>> = sentences.iter().map(GoldSentence::tags).collect();
    let inputs: Vec<(Vec<&str>, Vec<&str>)> = sentences
        .iter()
        .zip(&tags)
        .map(|(s, t)| {
            (
                s.forms.iter().map(String::as_str).collect(),
                t.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    let mut arcs = Vec::new();
    let mut all = Vec::with_capacity(inputs.len());
    let started = Instant::now();
    for (words, tags) in &inputs {
        parser.parse(words, tags, &mut arcs);
        all.push(arcs.clone());
    }
    let secs = started.elapsed().as_secs_f64();
    let words: usize = inputs.iter().map(|(w, _)| w.len()).sum();
    eprintln!(
        "parse_dump: {} sentences, {words} words in {secs:.3}s: {:.0} words/s",
        inputs.len(),
        words as f64 / secs.max(1e-9)
    );
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for sentence in &all {
        for (i, arc) in sentence.iter().enumerate() {
            writeln!(
                out,
                "{}\t{}\t{}",
                i + 1,
                arc.head,
                parser.label_name(arc.label)
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}
