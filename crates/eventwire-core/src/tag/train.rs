//! Training the tagger: a greedy averaged perceptron over the sentences in a
//! seeded shuffle each epoch, the previous tags being the model's own
//! predictions (so training sees the errors it will make at run time).

use std::collections::HashMap;

use super::features::{
    cluster_views, extract, word_info, InfoScratch, WordInfo, NO_CLASS, START_CLASS,
};
use super::lemma::Lemmatizer;
use super::packed::PackedModel;
use super::{decode, Buffers, DictEntry, Tagger};
use crate::clusters::Clusters;
use crate::model::hash::hash_str;
use crate::model::perceptron::KeyMap;
use crate::model::LinearModel;
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
    /// Train a second pass that also sees the first pass's tags of the
    /// words to the right; its training input comes from first-pass models
    /// trained on the other `folds - 1` parts of the data (jackknifing), so
    /// it learns from realistic first-pass errors.
    pub second_pass: bool,
    pub folds: usize,
    /// Called after each epoch with (epoch, share of training words right).
    pub progress: Option<fn(usize, f64)>,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 12,
            seed: 1,
            min_weight: 0.2,
            dict_min_count: 2,
            fixed_min_count: 10,
            fixed_min_share: 0.99,
            second_pass: false,
            folds: 4,
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
    let dict_by_hash: KeyMap<DictEntry> = dict_entries
        .iter()
        .map(|(f, e)| (hash_str(f), *e))
        .collect();

    let class_of_hash = |key: u64| dict_by_hash.get(&key).map_or(NO_CLASS, |e| e.class);
    // Hash every training word once.
    let clusters = Clusters::embedded().expect("the committed clusters model is well formed");
    let mut scratch = InfoScratch::default();
    let infos: Vec<Vec<_>> = sentences
        .iter()
        .map(|s| {
            s.words
                .iter()
                .map(|w| {
                    let mut info = word_info(&w.form, &mut scratch);
                    info.dict_class = class_of_hash(info.form);
                    info.lower_class = class_of_hash(info.norm);
                    info.cluster = cluster_views(&clusters, &w.form);
                    info
                })
                .collect()
        })
        .collect();
    let fixed: Vec<Vec<u16>> = sentences
        .iter()
        .map(|s| {
            s.words
                .iter()
                .map(|w| {
                    dict.get(w.form.as_str())
                        .filter(|e| e.fixed)
                        .map_or(NO_CLASS, |e| e.class)
                })
                .collect()
        })
        .collect();

    let corpus = Corpus {
        infos: &infos,
        gold: &gold,
        fixed: &fixed,
        n_classes: classes.len(),
    };
    let all: Vec<usize> = (0..sentences.len()).collect();
    let first = corpus.train_pass(&all, None, options, options.seed);
    let second = if options.second_pass {
        // First-pass tags of every sentence from a model that did not see it.
        let folds = options.folds.max(2);
        let mut first_tags: Vec<Vec<u16>> = vec![Vec::new(); sentences.len()];
        let mut buffers = Buffers::default();
        for fold in 0..folds {
            let train_part: Vec<usize> =
                all.iter().copied().filter(|s| s % folds != fold).collect();
            let model =
                corpus.train_pass(&train_part, None, options, options.seed + 1 + fold as u64);
            let packed =
                PackedModel::from_linear(&model).expect("a freshly trained model is well formed");
            for s in all.iter().copied().filter(|s| s % folds == fold) {
                let mut tags = Vec::new();
                decode(&packed, &infos[s], &fixed[s], None, &mut buffers, &mut tags);
                first_tags[s] = tags;
            }
        }
        Some(corpus.train_pass(&all, Some(&first_tags), options, options.seed + 100))
    } else {
        None
    };

    let lemmatizer = Lemmatizer::train(sentences.iter().flat_map(|s| &s.words).map(|w| {
        let xpos = xpos_names.iter().position(|n| *n == w.xpos).unwrap_or(0) as u16;
        (w.form.as_str(), xpos, w.lemma.as_str())
    }));
    Tagger::new(
        upos_names,
        xpos_names,
        classes,
        first.to_bytes(),
        second.map(|m| m.to_bytes()),
        dict_entries,
        lemmatizer,
    )
    // The model was just built by the shared code; re-reading its layout cannot fail.
    .expect("a freshly trained model is well formed")
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

/// The hashed training data one pass is trained on.
struct Corpus<'a> {
    infos: &'a [Vec<WordInfo>],
    gold: &'a [Vec<u16>],
    fixed: &'a [Vec<u16>],
    n_classes: usize,
}

impl Corpus<'_> {
    /// Train one pass on the sentences in `subset`; `right` gives the
    /// first-pass tags for a second pass.
    fn train_pass(
        &self,
        subset: &[usize],
        right: Option<&[Vec<u16>]>,
        options: &TrainOptions,
        seed: u64,
    ) -> LinearModel {
        let mut perceptron = AveragedPerceptron::new(self.n_classes);
        let mut order = subset.to_vec();
        let mut rng = SplitMix64::new(seed);
        let mut features = Vec::new();
        let mut scores = Vec::new();
        for epoch in 0..options.epochs {
            rng.shuffle(&mut order);
            let (mut right_count, mut total) = (0usize, 0usize);
            for &s in &order {
                let (mut p1, mut p2) = (START_CLASS, START_CLASS);
                for i in 0..self.infos[s].len() {
                    let truth = self.gold[s][i];
                    let guess = match self.fixed[s][i] {
                        NO_CLASS => {
                            let context = right.map(|r| r[s].as_slice());
                            extract(&self.infos[s], i, p1, p2, context, &mut features);
                            let guess = perceptron.predict(&features, &mut scores, |_| true) as u16;
                            perceptron.learn(usize::from(truth), usize::from(guess), &features);
                            guess
                        }
                        class => class,
                    };
                    right_count += usize::from(guess == truth);
                    total += 1;
                    (p2, p1) = (p1, guess);
                }
            }
            if let Some(progress) = options.progress {
                progress(epoch + 1, right_count as f64 / total.max(1) as f64);
            }
        }
        perceptron.finish(options.min_weight)
    }
}
