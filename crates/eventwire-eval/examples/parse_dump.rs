//! Tag and parse a CoNLL-U file's gold words with the shipped tagger and
//! parser (or the parser model in `EVENTWIRE_PARSER_MODEL`; `--gold-tags`
//! gives the parser the gold UPOS|XPOS instead) and print one line per word:
//! `id<TAB>head<TAB>label`, a blank line after each sentence. Speed (one
//! thread; tagging and parsing timed apart) goes to stderr.
//!
//! Usage: cargo run --release -p eventwire-eval --example parse_dump -- FILE.conllu [--gold-tags]

use std::io::Write;
use std::time::Instant;

use eventwire_eval::parser::{load, parser_tag, GoldSentence};

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: parse_dump FILE.conllu"))?;
    let sentences = load(std::path::Path::new(&path))?;
    let gold_tags = std::env::args().any(|a| a == "--gold-tags");
    let parser = eventwire_eval::parser::load_parser()?.0;
    let tagger = eventwire_core::tag::Tagger::embedded()?;
    let mut tag_secs = 0.0;
    let tags: Vec<Vec<String>> = if gold_tags {
        sentences.iter().map(GoldSentence::tags).collect()
    } else {
        let mut tagged = Vec::new();
        sentences
            .iter()
            .map(|s| {
                let words: Vec<&str> = s.forms.iter().map(String::as_str).collect();
                let started = Instant::now();
                tagger.tag(&words, &mut tagged);
                tag_secs += started.elapsed().as_secs_f64();
                tagged
                    .iter()
                    .map(|t| parser_tag(tagger.upos_name(t.upos), tagger.xpos_name(t.xpos)))
                    .collect()
            })
            .collect()
    };
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
        "parse_dump: {} sentences, {words} words; {} tags; parse {:.0} words/s; tag+parse {:.0} words/s",
        inputs.len(),
        if gold_tags { "gold" } else { "predicted" },
        words as f64 / secs.max(1e-9),
        if gold_tags { 0.0 } else { words as f64 / (secs + tag_secs).max(1e-9) }
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
