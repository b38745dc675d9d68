//! Training the tagger: a greedy averaged perceptron over the sentences in a
//! seeded shuffle each epoch, the previous tags being the model's own
//! predictions (so training sees the errors it will make at run time).

use std::collections::HashMap;

use super::features::{extract, word_info, InfoScratch, NO_CLASS, START_CLASS};
use super::lemma::Lemmatizer;
use super::{DictEntry, Tagger};
use crate::model::{AveragedPerceptron, SplitMix64};

/// One training word: form, tags and lemma as in CoNLL-U.
#[derive(Debug, Clone, Default)]
pub struct TrainWord {
    pub form: String,
    pub upos: String,
    pub xpos: String,
    pub lemma: String,
}

/// One training sentence (syntactic words, multiword tokens expanded).
#[derive(Debug, Clone, Default)]
pub struct TrainSentence {
    pub words: Vec<TrainWord>,
}

/// Knobs of [`train()`]; the defaults are the ones tuned on EWT dev.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Averaged weights smaller than this are dropped.
    pub min_weight: f32,
    /// A word must be seen this often to enter the dictionary at all.
    pub dict_min_count: u32,
    /// ... this often, and with one class at least `fixed_min_share` of the
    /// time, to have its class fixed without scoring.
    pub fixed_min_count: u32,
    pub fixed_min_share: f64,
    /// Called after each epoch with (epoch, share of training words right).
    pub progress: Option<fn(usize, f64)>,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 12,
            seed: 1,
            min_weight: 0.01,
            dict_min_count: 1,
            fixed_min_count: 20,
            fixed_min_share: 0.995,
            progress: None,
        }
    }
}

/// Index of `name` in `names`, adding it if new.
fn intern(names: &mut Vec<String>, name: &str) -> u16 {
    match names.iter().position(|n| n == name) {
        Some(i) => i as u16,
        None => {
            names.push(name.to_string());
            (names.len() - 1) as u16
        }
    }
}

/// Train a tagger and lemmatizer on `sentences`.
pub fn train(sentences: &[TrainSentence], options: &TrainOptions) -> Tagger {
    // Classes are (UPOS, XPOS) pairs, numbered in order of first appearance.
    let mut upos_names = Vec::new();
    let mut xpos_names = Vec::new();
    let mut classes: Vec<(u16, u16)> = Vec::new();
    let mut gold: Vec<Vec<u16>> = Vec::with_capacity(sentences.len());
    let mut class_of: HashMap<(u16, u16), u16> = HashMap::new();
    for sentence in sentences {
        let mut row = Vec::with_capacity(sentence.words.len());
        for word in &sentence.words {
            let pair = (
                intern(&mut upos_names, &word.upos),
                intern(&mut xpos_names, &word.xpos),
            );
            let class = *class_of.entry(pair).or_insert_with(|| {
                classes.push(pair);
                (classes.len() - 1) as u16
            });
            row.push(class);
        }
        gold.push(row);
    }

    let dict_entries = build_dictionary(sentences, &gold, options);
    let dict: HashMap<&str, DictEntry> =
        dict_entries.iter().map(|(f, e)| (f.as_str(), *e)).collect();

    // Hash every training word once.
    let mut scratch = InfoScratch::default();
    let infos: Vec<Vec<_>> = sentences
        .iter()
        .map(|s| {
            s.words
                .iter()
                .map(|w| {
                    let mut info = word_info(&w.form, &mut scratch);
                    info.dict_class = dict.get(w.form.as_str()).map_or(NO_CLASS, |e| e.class);
                    info
                })
                .collect()
        })
        .collect();
    let fixed: Vec<Vec<bool>> = sentences
        .iter()
        .map(|s| {
            s.words
                .iter()
                .map(|w| dict.get(w.form.as_str()).is_some_and(|e| e.fixed))
                .collect()
        })
        .collect();

    let mut perceptron = AveragedPerceptron::new(classes.len());
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = SplitMix64::new(options.seed);
    let mut features = Vec::new();
    let mut scores = Vec::new();
    for epoch in 0..options.epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &s in &order {
            let (mut p1, mut p2) = (START_CLASS, START_CLASS);
            for i in 0..infos[s].len() {
                let truth = gold[s][i];
                let guess = if fixed[s][i] {
                    dict.get(sentences[s].words[i].form.as_str())
                        .map_or(truth, |e| e.class)
                } else {
                    extract(&infos[s], i, p1, p2, &mut features);
                    let guess = perceptron.predict(&features, &mut scores, |_| true) as u16;
                    perceptron.learn(usize::from(truth), usize::from(guess), &features);
                    guess
                };
                right += usize::from(guess == truth);
                total += 1;
                (p2, p1) = (p1, guess);
            }
        }
        if let Some(progress) = options.progress {
            progress(epoch + 1, right as f64 / total.max(1) as f64);
        }
    }
    let model = perceptron.finish(options.min_weight);

    let lemmatizer = Lemmatizer::train(sentences.iter().flat_map(|s| &s.words).map(|w| {
        let xpos = xpos_names.iter().position(|n| *n == w.xpos).unwrap_or(0) as u16;
        (w.form.as_str(), xpos, w.lemma.as_str())
    }));
    Tagger::new(
        upos_names,
        xpos_names,
        classes,
        model,
        dict_entries,
        lemmatizer,
    )
}

/// Word forms with their most frequent class, and whether it is safe to fix.
fn build_dictionary(
    sentences: &[TrainSentence],
    gold: &[Vec<u16>],
    options: &TrainOptions,
) -> Vec<(String, DictEntry)> {
    let mut counts: HashMap<&str, HashMap<u16, u32>> = HashMap::new();
    for (sentence, classes) in sentences.iter().zip(gold) {
        for (word, &class) in sentence.words.iter().zip(classes) {
            *counts
                .entry(word.form.as_str())
                .or_default()
                .entry(class)
                .or_default() += 1;
        }
    }
    let mut entries: Vec<(String, DictEntry)> = counts
        .into_iter()
        .filter_map(|(form, by_class)| {
            let total: u32 = by_class.values().sum();
            let (class, top) = by_class
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
            if total < options.dict_min_count {
                return None;
            }
            let fixed = total >= options.fixed_min_count
                && f64::from(top) >= options.fixed_min_share * f64::from(total);
            Some((form.to_string(), DictEntry { class, fixed }))
        })
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries
}
