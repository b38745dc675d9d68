//! Training the word clusters from the unlabelled news text in the data
//! folder: Reuters-21578 bodies, BBC News, the Wikinews sample, PolNeAR train
//! articles, the words of CoNLL-2003 `eng.train` and the `# text` lines of UD
//! EWT train. Dev and test splits of the gold sets are never read.

use anyhow::Context;
use eventwire_core::clusters::{self, Clusters, TrainConfig, BOUNDARY};
use eventwire_core::segment::{split_sentences, tokenize};
use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

/// Words whose clusters are printed after training, as a quality check.
const PROBES: [&str; 12] = [
    "Monday",
    "said",
    "Russia",
    "government",
    "percent",
    "shares",
    "president",
    "January",
    "police",
    "three",
    "company",
    "London",
];

/// Token ids of a corpus, built up one text at a time.
#[derive(Default)]
struct Corpus {
    ids: HashMap<String, u32>,
    vocab: Vec<String>,
    tokens: Vec<u32>,
}

impl Corpus {
    /// Tokenize `text` and append its words, with a boundary after each sentence.
    fn add_text(&mut self, text: &str) {
        let spans = tokenize(text);
        let sentences = split_sentences(text, &spans);
        let mut next_sentence = sentences.iter().peekable();
        for span in &spans {
            while next_sentence.peek().is_some_and(|s| s.end <= span.start) {
                next_sentence.next();
                self.tokens.push(BOUNDARY);
            }
            let Some(word) = text.get(span.range()) else {
                continue;
            };
            let id = match self.ids.get(word) {
                Some(&id) => id,
                None => {
                    let id = self.vocab.len() as u32;
                    self.ids.insert(word.to_string(), id);
                    self.vocab.push(word.to_string());
                    id
                }
            };
            self.tokens.push(id);
        }
        self.tokens.push(BOUNDARY);
    }

    fn token_count(&self) -> usize {
        self.tokens.iter().filter(|&&t| t != BOUNDARY).count()
    }
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

/// Add the `field` of every line of a JSONL file.
fn add_jsonl(corpus: &mut Corpus, path: &Path, field: &str) -> anyhow::Result<()> {
    for (n, line) in read(path)?.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{}: line {}", path.display(), n + 1))?;
        if let Some(text) = record.get(field).and_then(|v| v.as_str()) {
            corpus.add_text(text);
        }
    }
    Ok(())
}

/// Read every source into one corpus, printing the size of each.
fn load_corpus(data: &Path) -> anyhow::Result<Corpus> {
    let mut corpus = Corpus::default();
    let report = |corpus: &Corpus, name: &str, before: usize| {
        let now = corpus.token_count();
        eprintln!("  {name}: {} tokens", now - before);
        now
    };
    let mut before = 0;
    add_jsonl(
        &mut corpus,
        &data.join("reuters-21578/reuters21578.jsonl"),
        "body",
    )?;
    before = report(&corpus, "Reuters-21578", before);
    add_jsonl(
        &mut corpus,
        &data.join("bbc-news/bbc-news-2225.jsonl"),
        "text",
    )?;
    before = report(&corpus, "BBC News", before);
    add_jsonl(
        &mut corpus,
        &data.join("wikinews-sample/wikinews-2019-2020.jsonl"),
        "text",
    )?;
    before = report(&corpus, "Wikinews", before);

    // PolNeAR: train articles only (dev and test are kept for quote attribution).
    let polnear = data.join("polnear/train/text");
    let mut files: Vec<_> = std::fs::read_dir(&polnear)
        .with_context(|| format!("listing {}", polnear.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    for file in &files {
        corpus.add_text(&read(file)?);
    }
    before = report(&corpus, "PolNeAR train", before);

    // CoNLL-2003 train: one word per line, sentences separated by blank lines.
    let mut sentence = String::new();
    for line in read(&data.join("conll2003-en/eng.train"))?.lines() {
        let word = line.split(' ').next().unwrap_or("");
        if word.is_empty() || word == "-DOCSTART-" {
            if !sentence.is_empty() {
                corpus.add_text(&sentence);
                sentence.clear();
            }
        } else {
            if !sentence.is_empty() {
                sentence.push(' ');
            }
            sentence.push_str(word);
        }
    }
    corpus.add_text(&sentence);
    before = report(&corpus, "CoNLL-2003 eng.train", before);

    for line in read(&data.join("ud-english-ewt/en_ewt-ud-train.conllu"))?.lines() {
        if let Some(text) = line.strip_prefix("# text = ") {
            corpus.add_text(text);
        }
    }
    report(&corpus, "UD EWT train", before);
    Ok(corpus)
}

/// Learn the clusters and write them to `out`.
pub fn train(data: &Path, out: &Path) -> anyhow::Result<()> {
    let start = Instant::now();
    eprintln!("reading and tokenizing the corpus");
    let corpus = load_corpus(data)?;
    eprintln!(
        "corpus: {} tokens, {} distinct words ({:.1}s)",
        corpus.token_count(),
        corpus.vocab.len(),
        start.elapsed().as_secs_f64()
    );
    let config = TrainConfig::default();
    eprintln!(
        "Brown clustering: {} clusters, words seen at least {} times (at most {})",
        config.clusters, config.min_count, config.max_words
    );
    let train_start = Instant::now();
    let model = clusters::train(
        &corpus.vocab,
        &corpus.tokens,
        &config,
        &mut |done, total| {
            if done % 5000 == 0 || done == total {
                eprintln!(
                    "  {done}/{total} words ({:.0}s)",
                    train_start.elapsed().as_secs_f64()
                );
            }
        },
    )
    .context("training the clusters")?;
    eprintln!(
        "trained {} clusters over {} words in {:.1}s",
        model.cluster_count(),
        model.word_count(),
        train_start.elapsed().as_secs_f64()
    );
    print_probes(&model);
    let bytes = model.to_bytes();
    // Check the written form loads back to the same answers before replacing the file.
    let reloaded = Clusters::from_bytes(&bytes).context("reloading the trained clusters")?;
    anyhow::ensure!(
        PROBES.iter().all(|w| reloaded.get(w) == model.get(w)),
        "the reloaded clusters differ from the trained ones"
    );
    std::fs::write(out, &bytes).with_context(|| format!("writing {}", out.display()))?;
    eprintln!(
        "wrote {} ({} bytes) in {:.1}s in all",
        out.display(),
        bytes.len(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

/// For each probe word, the most frequent words of its cluster.
fn print_probes(model: &Clusters) {
    eprintln!("probe words and the 8 most frequent words of their cluster:");
    for word in PROBES {
        match model.get(word) {
            Some(ids) => {
                let path = model.path(ids.cluster).unwrap_or("");
                let neighbours: Vec<&str> = model
                    .words_in_cluster(ids.cluster)
                    .take(8)
                    .map(|(w, _)| w)
                    .collect();
                eprintln!("  {word:<12} {path:<20} {}", neighbours.join(" "));
            }
            None => eprintln!("  {word:<12} (not in the vocabulary)"),
        }
    }
}
