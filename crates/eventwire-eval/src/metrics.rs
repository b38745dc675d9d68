//! Precision, recall and F1.

/// Counts of true positives, false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Prf {
    pub tp: u64,
    pub fp: u64,
    pub fn_: u64,
}

impl Prf {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn add(&mut self, other: Prf) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f1_of_known_counts() {
        let prf = Prf {
            tp: 8,
            fp: 2,
            fn_: 8,
        };
        assert!((prf.precision() - 0.8).abs() < 1e-12);
        assert!((prf.recall() - 0.5).abs() < 1e-12);
        assert!((prf.f1() - 0.8 * 0.5 * 2.0 / 1.3).abs() < 1e-12);
    }
}

/// A one-to-one matching between gold and predicted items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matching {
    /// For each gold item, the predicted item matched to it.
    pub gold: Vec<Option<usize>>,
    /// For each predicted item, the gold item matched to it.
    pub predicted: Vec<Option<usize>>,
    /// The `(score, gold, predicted)` pairs kept, best first.
    pub kept: Vec<(usize, usize, usize)>,
}

/// Greedy one-to-one matching of scored `(score, gold, predicted)` pairs (an
/// overlap in bytes or words): the highest score first, ties by gold then
/// predicted index, each item used once.
pub fn match_best_first(
    mut pairs: Vec<(usize, usize, usize)>,
    gold_len: usize,
    predicted_len: usize,
) -> Matching {
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut matching = Matching {
        gold: vec![None; gold_len],
        predicted: vec![None; predicted_len],
        kept: Vec::new(),
    };
    for (score, g, p) in pairs {
        if matching.gold[g].is_none() && matching.predicted[p].is_none() {
            matching.gold[g] = Some(p);
            matching.predicted[p] = Some(g);
            matching.kept.push((score, g, p));
        }
    }
    matching
}

#[cfg(test)]
mod matching_tests {
    use super::match_best_first;

    #[test]
    fn larger_overlaps_win_and_items_are_used_once() {
        // Gold 0 overlaps predicted 0 by 3 and predicted 1 by 5; gold 1 overlaps predicted 1 by 2.
        let m = match_best_first(vec![(3, 0, 0), (5, 0, 1), (2, 1, 1)], 2, 2);
        assert_eq!(m.gold, vec![Some(1), None]);
        assert_eq!(m.predicted, vec![None, Some(0)]);
        assert_eq!(m.kept, vec![(5, 0, 1)]);
    }
}
