//! Training and evaluation of the part-of-speech tagger and lemmatizer on
//! UD English EWT (train to learn, dev to tune, test to report).
//!
//! Scores on gold tokens (EWT's syntactic words): UPOS, XPOS and lemma
//! accuracy, and UPOS on words not seen in training. Scores with our own
//! tokenizer: each sentence's `# text` is tokenized and tagged, and a gold
//! word counts as right only if one of our tokens has exactly its character
//! span and its UPOS.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use eventwire_core::segment::tokenize;
use eventwire_core::tag::{self, Scratch, Tagged, Tagger, TrainOptions, TrainSentence, TrainWord};

/// One gold word of a sentence.
#[derive(Debug, Clone, Default)]
pub struct GoldWord {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    /// Byte range in the sentence text, when the form could be found there.
    pub span: Option<(usize, usize)>,
}

/// One gold sentence: its text and syntactic words.
#[derive(Debug, Clone, Default)]
pub struct GoldSentence {
    pub text: String,
    pub words: Vec<GoldWord>,
}

/// The EWT file of a split ("train", "dev", "test").
pub fn ewt_file(data: &Path, split: &str) -> PathBuf {
    data.join("ud-english-ewt")
        .join(format!("en_ewt-ud-{split}.conllu"))
}

/// Read a CoNLL-U file into sentences of syntactic words (multiword token
/// lines are skipped; their parts are the words).
pub fn load_sentences(path: &Path) -> anyhow::Result<Vec<GoldSentence>> {
    let data =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(parse_sentences(&data))
}

/// Parse CoNLL-U source into sentences.
pub fn parse_sentences(data: &str) -> Vec<GoldSentence> {
    let mut sentences = Vec::new();
    let mut current = GoldSentence::default();
    let mut cursor = 0;
    // A multiword token being expanded: its last word id and the text left to cover.
    let mut multiword: Option<(usize, usize, usize)> = None;
    for line in data.lines() {
        if line.trim().is_empty() {
            if !current.words.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
            current = GoldSentence::default();
            cursor = 0;
            multiword = None;
            continue;
        }
        if let Some(text) = line.strip_prefix("# text = ") {
            current.text = text.to_string();
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() < 5 {
            continue;
        }
        let id = fields[0];
        if id.contains('.') {
            continue; // empty node
        }
        if let Some((_, to)) = id.split_once('-') {
            // Find the whole token in the text; its parts are placed inside it.
            let span = find_from(&current.text, fields[1], cursor);
            if let (Ok(to), Some((start, end))) = (to.parse::<usize>(), span) {
                multiword = Some((to, start, end));
                cursor = end;
            }
            continue;
        }
        let word_id = id.parse::<usize>().unwrap_or(0);
        let form = fields[1];
        let span = match multiword {
            Some((to, start, end)) if word_id <= to => {
                // Parts that spell the token take consecutive pieces of it.
                let piece = current.text.get(start..end).unwrap_or("");
                let span = piece
                    .starts_with(form)
                    .then_some((start, start + form.len()));
                multiword = if word_id == to {
                    None
                } else {
                    Some((to, span.map_or(end, |s| s.1), end))
                };
                span
            }
            _ => {
                let span = find_from(&current.text, form, cursor);
                if let Some((_, end)) = span {
                    cursor = end;
                }
                span
            }
        };
        current.words.push(GoldWord {
            form: form.to_string(),
            lemma: fields[2].to_string(),
            upos: fields[3].to_string(),
            xpos: fields[4].to_string(),
            span,
        });
    }
    if !current.words.is_empty() {
        sentences.push(current);
    }
    sentences
}

fn find_from(text: &str, form: &str, cursor: usize) -> Option<(usize, usize)> {
    let rest = text.get(cursor..)?;
    rest.find(form)
        .map(|at| (cursor + at, cursor + at + form.len()))
}

/// The training view of gold sentences.
pub fn to_train(sentences: &[GoldSentence]) -> Vec<TrainSentence> {
    sentences
        .iter()
        .map(|s| TrainSentence {
            words: s
                .words
                .iter()
                .map(|w| TrainWord {
                    form: w.form.clone(),
                    upos: w.upos.clone(),
                    xpos: w.xpos.clone(),
                    lemma: w.lemma.clone(),
                })
                .collect(),
        })
        .collect()
}

/// Accuracy counts on gold tokens.
#[derive(Debug, Clone, Copy, Default)]
pub struct GoldScores {
    pub words: usize,
    pub upos: usize,
    pub xpos: usize,
    pub lemma: usize,
    pub unknown: usize,
    pub unknown_upos: usize,
}

fn pct(right: usize, total: usize) -> f64 {
    100.0 * right as f64 / total.max(1) as f64
}

/// Tag gold tokens and count what is right; `known` holds the training forms.
pub fn score_gold_tokens(
    tagger: &Tagger,
    sentences: &[GoldSentence],
    known: &HashSet<String>,
) -> GoldScores {
    let mut scores = GoldScores::default();
    let mut scratch = Scratch::default();
    let mut out = Vec::new();
    for sentence in sentences {
        let words: Vec<&str> = sentence.words.iter().map(|w| w.form.as_str()).collect();
        tagger.tag_with(&words, &mut scratch, &mut out);
        for (gold, got) in sentence.words.iter().zip(&out) {
            let upos_right = tagger.upos_name(got.upos) == gold.upos;
            scores.words += 1;
            scores.upos += usize::from(upos_right);
            scores.xpos += usize::from(tagger.xpos_name(got.xpos) == gold.xpos);
            scores.lemma += usize::from(got.lemma == gold.lemma);
            if !known.contains(&gold.form) {
                scores.unknown += 1;
                scores.unknown_upos += usize::from(upos_right);
            }
        }
    }
    scores
}

/// UPOS with our tokenizer: (gold words with the same span and UPOS, gold words).
pub fn score_own_tokens(tagger: &Tagger, sentences: &[GoldSentence]) -> (usize, usize) {
    let mut scratch = Scratch::default();
    let mut out = Vec::new();
    let (mut right, mut total) = (0, 0);
    for sentence in sentences {
        let spans = tokenize(&sentence.text);
        let words: Vec<&str> = spans
            .iter()
            .map(|s| {
                sentence
                    .text
                    .get(s.start as usize..s.end as usize)
                    .unwrap_or("")
            })
            .collect();
        tagger.tag_with(&words, &mut scratch, &mut out);
        let ours: HashMap<(usize, usize), u16> = spans
            .iter()
            .zip(&out)
            .map(|(s, t)| ((s.start as usize, s.end as usize), t.upos))
            .collect();
        for gold in &sentence.words {
            total += 1;
            let hit = gold
                .span
                .and_then(|span| ours.get(&span))
                .is_some_and(|&upos| tagger.upos_name(upos) == gold.upos);
            right += usize::from(hit);
        }
    }
    (right, total)
}

/// Tokens per second of tagging `sentences` (gold tokens) on this thread.
pub fn measure_speed(tagger: &Tagger, sentences: &[GoldSentence]) -> f64 {
    let words: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let mut scratch = Scratch::default();
    let mut out: Vec<Tagged> = Vec::new();
    let mut tokens = 0usize;
    let start = Instant::now();
    // Repeat until the measurement lasts long enough to be stable.
    while start.elapsed().as_secs_f64() < 1.0 {
        for sentence in &words {
            tagger.tag_with(sentence, &mut scratch, &mut out);
            tokens += out.len();
        }
    }
    tokens as f64 / start.elapsed().as_secs_f64()
}

fn known_forms(train: &[GoldSentence]) -> HashSet<String> {
    train
        .iter()
        .flat_map(|s| &s.words)
        .map(|w| w.form.clone())
        .collect()
}

fn print_gold(name: &str, s: &GoldScores) {
    println!(
        "{name}: {} words  UPOS {:.2}%  XPOS {:.2}%  lemma {:.2}%  unknown-word UPOS {:.2}% ({} words)",
        s.words,
        pct(s.upos, s.words),
        pct(s.xpos, s.words),
        pct(s.lemma, s.words),
        pct(s.unknown_upos, s.unknown),
        s.unknown
    );
}

/// Print the tagger's metrics on EWT dev and test, and its speed.
pub fn run(data: &Path) -> anyhow::Result<()> {
    let start = Instant::now();
    let tagger = Tagger::embedded().context("loading the embedded pos model")?;
    let load = start.elapsed();
    let train = load_sentences(&ewt_file(data, "train"))?;
    let dev = load_sentences(&ewt_file(data, "dev"))?;
    let test = load_sentences(&ewt_file(data, "test"))?;
    let known = known_forms(&train);
    println!("POS tagger and lemmatizer on UD English EWT (gold tokens unless said)");
    print_gold("dev ", &score_gold_tokens(&tagger, &dev, &known));
    print_gold("test", &score_gold_tokens(&tagger, &test, &known));
    let (right, total) = score_own_tokens(&tagger, &test);
    println!(
        "test, our tokenizer: UPOS {:.2}% ({right} of {total} gold words with the same span and tag)",
        pct(right, total)
    );
    let (features, weights, dict, exceptions) = tagger.stats();
    println!(
        "model: {:.2} MB, loaded in {:.1} ms; {features} features, {weights} weights, {dict} dictionary words, {exceptions} lemma exceptions",
        tag::embedded_bytes().len() as f64 / 1e6,
        load.as_secs_f64() * 1e3,
    );
    println!(
        "speed: {:.0} tokens/s (one thread, tagging and lemmas)",
        measure_speed(&tagger, &test)
    );
    Ok(())
}

/// Train on EWT train with the default options, write the model to `out`,
/// and print the dev scores of the new model.
pub fn train(data: &Path, out: &Path) -> anyhow::Result<()> {
    train_with(data, out, &TrainOptions::default())
}

/// [`train`] with explicit options.
pub fn train_with(data: &Path, out: &Path, options: &TrainOptions) -> anyhow::Result<()> {
    let train = load_sentences(&ewt_file(data, "train"))?;
    let n_words: usize = train.iter().map(|s| s.words.len()).sum();
    eprintln!(
        "training the tagger on {} sentences, {n_words} words, {} epochs",
        train.len(),
        options.epochs
    );
    let start = Instant::now();
    let mut options = options.clone();
    options.progress = Some(|epoch, accuracy| {
        eprintln!(
            "  epoch {epoch}: {:.2}% of training words right",
            100.0 * accuracy
        )
    });
    let tagger = tag::train(&to_train(&train), &options);
    let bytes = tagger.to_bytes();
    eprintln!(
        "trained in {:.1} s; model {:.2} MB",
        start.elapsed().as_secs_f64(),
        bytes.len() as f64 / 1e6
    );
    std::fs::write(out, &bytes).with_context(|| format!("writing {}", out.display()))?;
    let dev = load_sentences(&ewt_file(data, "dev"))?;
    let reloaded = Tagger::from_bytes(&bytes).context("reloading the trained model")?;
    print_gold(
        "dev",
        &score_gold_tokens(&reloaded, &dev, &known_forms(&train)),
    );
    Ok(())
}
