//! Evaluation of the clean stage. There is no gold data for boilerplate, so
//! the report counts what each rule removed on each corpus (to be checked by
//! eye: `EVENTWIRE_CLEAN_SAMPLE=N` prints up to N seeded random removals per
//! rule and corpus) and measures throughput. `EVENTWIRE_CLEAN_EXTRA=FILE`
//! adds a JSON Lines file with a `text` field as one more corpus.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use eventwire_core::clean::clean;

/// A corpus: name, file under the data folder, JSON field with the body.
/// A `None` field means the file is one plain-text article.
const CORPORA: &[(&str, &str, Option<&str>)] = &[
    ("reuters", "reuters-21578/reuters21578.jsonl", Some("body")),
    ("bbc", "bbc-news/bbc-news-2225.jsonl", Some("text")),
    (
        "wikinews",
        "wikinews-sample/wikinews-2019-2020.jsonl",
        Some("text"),
    ),
    ("mina", "../examples/mina-2016-02-07.txt", None),
];

/// Timing passes per corpus; the fastest is reported (the machine is shared).
const PASSES: usize = 5;

/// Seed of the removal sample, fixed so reports can be compared.
const SAMPLE_SEED: u64 = 0x5eed_c1ea;

/// Run the clean evaluation over the corpora in `data` and print the report.
pub fn run(data: &Path) -> anyhow::Result<()> {
    let sample_size: usize = match std::env::var("EVENTWIRE_CLEAN_SAMPLE") {
        Ok(value) => value
            .parse()
            .with_context(|| format!("EVENTWIRE_CLEAN_SAMPLE must be a number, not {value:?}"))?,
        Err(_) => 0,
    };

    let mut reports = Vec::new();
    for &(name, file, field) in CORPORA {
        let path = data.join(file);
        if !path.exists() {
            println!("{name}: skipped, {} not found", path.display());
            continue;
        }
        let texts = load(&path, field)?;
        reports.push(measure(name, &texts, sample_size));
    }
    // Any JSON Lines file with a "text" field, e.g. the extract stage's output.
    if let Some(extra) = std::env::var_os("EVENTWIRE_CLEAN_EXTRA") {
        let texts = load(Path::new(&extra), Some("text"))?;
        reports.push(measure("extra", &texts, sample_size));
    }
    print_table(&reports);
    if sample_size > 0 {
        print_samples(&reports);
    }
    Ok(())
}

fn load(path: &Path, field: Option<&str>) -> anyhow::Result<Vec<String>> {
    let Some(field) = field else {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        return Ok(vec![text]);
    };
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut texts = Vec::new();
    for (number, line) in BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("reading {}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let record: serde_json::Value = serde_json::from_str(&line)
            .with_context(|| format!("{}: record {}: bad JSON", path.display(), number + 1))?;
        if let Some(text) = record.get(field).and_then(|value| value.as_str()) {
            texts.push(text.to_string());
        }
    }
    Ok(texts)
}

/// What cleaning did to one corpus.
struct Report {
    corpus: &'static str,
    articles: usize,
    bytes: usize,
    seconds: f64,
    /// Removals per rule id, with the kind's name.
    counts: BTreeMap<String, (&'static str, usize)>,
    /// Up to the sample size of removed texts per rule.
    samples: BTreeMap<String, Vec<String>>,
}

fn measure(corpus: &'static str, texts: &[String], sample_size: usize) -> Report {
    let bytes = texts.iter().map(String::len).sum();
    let mut seconds = f64::INFINITY;
    let mut output_bytes = 0usize;
    for _ in 0..PASSES {
        let started = Instant::now();
        output_bytes = 0;
        for text in texts {
            output_bytes += std::hint::black_box(clean(text)).text.len();
        }
        seconds = seconds.min(started.elapsed().as_secs_f64());
    }
    let _ = output_bytes;

    let mut counts: BTreeMap<String, (&'static str, usize)> = BTreeMap::new();
    let mut samples: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut rng = SplitMix(SAMPLE_SEED);
    for text in texts {
        for removal in clean(text).removed {
            let entry = counts
                .entry(removal.rule.clone())
                .or_insert((removal.kind.as_str(), 0));
            entry.1 += 1;
            let seen = entry.1;
            // Reservoir sampling keeps a uniform sample in one pass.
            let sample = samples.entry(removal.rule).or_default();
            if sample.len() < sample_size {
                sample.push(removal.text);
            } else if sample_size > 0 {
                let slot = (rng.next() % seen as u64) as usize;
                if slot < sample_size {
                    sample[slot] = removal.text;
                }
            }
        }
    }
    Report {
        corpus,
        articles: texts.len(),
        bytes,
        seconds,
        counts,
        samples,
    }
}

fn print_table(reports: &[Report]) {
    let mut rules: BTreeMap<&str, &str> = BTreeMap::new();
    for report in reports {
        for (rule, (kind, _)) in &report.counts {
            rules.insert(rule, kind);
        }
    }
    println!("clean: removals per rule (count of removed pieces)");
    print!("{:<22} {:<15}", "rule", "kind");
    for report in reports {
        print!(" {:>10}", report.corpus);
    }
    println!();
    for (rule, kind) in &rules {
        print!("{rule:<22} {kind:<15}");
        for report in reports {
            let count = report.counts.get(*rule).map_or(0, |(_, count)| *count);
            print!(" {count:>10}");
        }
        println!();
    }
    print!("{:<38}", "articles");
    for report in reports {
        print!(" {:>10}", report.articles);
    }
    println!();
    print!("{:<38}", "input MB");
    for report in reports {
        print!(" {:>10.2}", report.bytes as f64 / 1e6);
    }
    println!();
    print!("{:<38}", "throughput MB/s (best of 5)");
    for report in reports {
        print!(
            " {:>10.1}",
            report.bytes as f64 / 1e6 / report.seconds.max(1e-9)
        );
    }
    println!();
}

fn print_samples(reports: &[Report]) {
    for report in reports {
        for (rule, sample) in &report.samples {
            println!(
                "\n== {} / {rule}: {} of {}",
                report.corpus,
                sample.len(),
                report.counts[rule].1
            );
            for text in sample {
                println!("  | {}", text.replace('\n', "⏎"));
            }
        }
    }
}

/// A small seeded generator (SplitMix64), enough for sampling.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}
