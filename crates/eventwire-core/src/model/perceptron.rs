//! Averaged perceptron training (Collins 2002; the lazy averaging of
//! Daumé III). Rows are sparse: a feature keeps weights only for the classes
//! it was ever updated for, which keeps memory small for models with many
//! classes (the labelled parser).

use super::hash::Feature;
use super::linear::{argmax, LinearModel};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Feature keys are already well-mixed hashes; hashing them again is waste.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type KeyMap<V> = HashMap<Feature, V, BuildHasherDefault<KeyHasher>>;

#[derive(Debug, Clone, Copy)]
struct Param {
    class: u16,
    weight: f32,
    /// Sum of the weight over all steps up to `stamp`.
    total: f64,
    stamp: u64,
}

/// A trainable multi-class linear model.
#[derive(Default)]
pub struct AveragedPerceptron {
    n_classes: usize,
    rows: KeyMap<Vec<Param>>,
    step: u64,
}

impl AveragedPerceptron {
    pub fn new(n_classes: usize) -> Self {
        AveragedPerceptron {
            n_classes,
            rows: KeyMap::default(),
            step: 0,
        }
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Current (not averaged) scores of every class.
    pub fn scores(&self, features: &[Feature], scores: &mut Vec<f32>) {
        scores.clear();
        scores.resize(self.n_classes, 0.0);
        for f in features {
            if let Some(row) = self.rows.get(f) {
                for p in row {
                    scores[p.class as usize] += p.weight;
                }
            }
        }
    }

    /// Best class under the current weights among those `allowed` accepts.
    pub fn predict(
        &self,
        features: &[Feature],
        scores: &mut Vec<f32>,
        allowed: impl Fn(usize) -> bool,
    ) -> usize {
        self.scores(features, scores);
        let mut best: Option<(usize, f32)> = None;
        for (i, &s) in scores.iter().enumerate() {
            if allowed(i) && best.is_none_or(|(_, b)| s > b) {
                best = Some((i, s));
            }
        }
        best.map_or(0, |(i, _)| i)
    }

    /// Count one training instance; call once per decision, right or wrong.
    pub fn tick(&mut self) {
        self.step += 1;
    }

    /// Add `delta` to the weights of `class` for every feature.
    pub fn update(&mut self, class: usize, features: &[Feature], delta: f32) {
        let step = self.step;
        for &f in features {
            let row = self.rows.entry(f).or_default();
            let p = match row.iter_mut().position(|p| p.class as usize == class) {
                Some(i) => &mut row[i],
                None => {
                    row.push(Param {
                        class: class as u16,
                        weight: 0.0,
                        total: 0.0,
                        stamp: step,
                    });
                    row.last_mut().expect("just pushed")
                }
            };
            p.total += (step - p.stamp) as f64 * f64::from(p.weight);
            p.stamp = step;
            p.weight += delta;
        }
    }

    /// The usual perceptron step: reward the truth, punish the guess.
    pub fn learn(&mut self, truth: usize, guess: usize, features: &[Feature]) {
        self.tick();
        if truth != guess {
            self.update(truth, features, 1.0);
            self.update(guess, features, -1.0);
        }
    }

    /// Averaged weights as a frozen model. Features whose averaged weights are
    /// all below `min_abs` in magnitude are dropped (it shrinks the model with
    /// no measurable loss at small thresholds).
    pub fn finish(&self, min_abs: f32) -> LinearModel {
        let step = self.step.max(1);
        let mut rows: Vec<(Feature, Vec<(u16, f32)>)> = self
            .rows
            .iter()
            .map(|(&key, row)| {
                let averaged = row
                    .iter()
                    .map(|p| {
                        let total = p.total + (step - p.stamp) as f64 * f64::from(p.weight);
                        (p.class, (total / step as f64) as f32)
                    })
                    .filter(|&(_, w)| w.abs() >= min_abs && w != 0.0)
                    .collect::<Vec<_>>();
                (key, averaged)
            })
            .filter(|(_, r)| !r.is_empty())
            .collect();
        // HashMap order is not stable across runs; sort so model files are identical.
        rows.sort_unstable_by_key(|(k, _)| *k);
        for (_, r) in &mut rows {
            r.sort_unstable_by_key(|&(c, _)| c);
        }
        LinearModel::from_rows(self.n_classes, rows)
    }
}

/// Convenience for greedy decoders: best allowed class from integer scores.
pub fn best_allowed(scores: &[i32], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    argmax(scores, allowed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::hash::{feature, hash_str};
    use crate::model::rng::SplitMix64;

    /// Learn "word ends in -ly → class 1, -ed → class 2, else 0" from examples.
    #[test]
    fn learns_a_separable_rule_and_survives_freezing() {
        let words = [
            "quickly", "slowly", "walked", "jumped", "table", "house", "badly", "opened", "chair",
            "nearly", "played", "stone",
        ];
        let label = |w: &str| {
            if w.ends_with("ly") {
                1
            } else if w.ends_with("ed") {
                2
            } else {
                0
            }
        };
        let feats = |w: &str| {
            vec![
                feature(1, &[hash_str(&w[w.len() - 2..])]),
                feature(2, &[hash_str(w)]),
                feature(0, &[]),
            ]
        };
        let mut model = AveragedPerceptron::new(3);
        let mut order: Vec<usize> = (0..words.len()).collect();
        let mut rng = SplitMix64::new(7);
        let mut scores = Vec::new();
        for _ in 0..10 {
            rng.shuffle(&mut order);
            for &i in &order {
                let f = feats(words[i]);
                let guess = model.predict(&f, &mut scores, |_| true);
                model.learn(label(words[i]), guess, &f);
            }
        }
        let frozen = model.finish(0.0);
        let mut int_scores = Vec::new();
        for unseen in ["happily", "wanted", "stable"] {
            assert_eq!(
                frozen.predict(&feats(unseen), &mut int_scores),
                label(unseen),
                "{unseen}"
            );
        }
    }
}
