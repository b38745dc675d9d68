//! The frozen linear model used at run time: for each feature key a short
//! sparse row of (class, weight) pairs, weights quantised to `i16`, found
//! through an open-addressed table. Scoring a token is a handful of probes and
//! integer additions.

use super::container::{ByteReader, ByteWriter, ModelError};
use super::hash::Feature;

/// A trained linear classifier over hashed features.
#[derive(Debug, Clone)]
pub struct LinearModel {
    n_classes: usize,
    /// Multiply an integer score by this to get the perceptron's scale back.
    scale: f32,
    /// Open-addressed table: (key, row index); key 0 marks an empty slot.
    slots: Vec<(Feature, u32)>,
    mask: usize,
    /// Rows in order of insertion; row `r` is `entries[row_start[r]..row_start[r + 1]]`.
    keys: Vec<Feature>,
    row_start: Vec<u32>,
    classes: Vec<u16>,
    weights: Vec<i16>,
}

impl LinearModel {
    /// Build from averaged float rows: (key, [(class, weight)]). Weights whose
    /// quantised value is zero are dropped, and so are rows left empty.
    pub fn from_rows(n_classes: usize, rows: Vec<(Feature, Vec<(u16, f32)>)>) -> Self {
        let max_abs = rows
            .iter()
            .flat_map(|(_, r)| r.iter().map(|&(_, w)| w.abs()))
            .fold(0.0f32, f32::max);
        let scale = if max_abs > 0.0 {
            max_abs / 32767.0
        } else {
            1.0
        };
        let mut keys = Vec::with_capacity(rows.len());
        let mut row_start = vec![0u32];
        let mut classes = Vec::new();
        let mut weights = Vec::new();
        for (key, row) in rows {
            let before = classes.len();
            for (class, w) in row {
                let q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
                if q != 0 {
                    classes.push(class);
                    weights.push(q);
                }
            }
            if classes.len() > before {
                keys.push(key.max(1));
                row_start.push(classes.len() as u32);
            }
        }
        Self::assemble(n_classes, scale, keys, row_start, classes, weights)
    }

    fn assemble(
        n_classes: usize,
        scale: f32,
        keys: Vec<Feature>,
        row_start: Vec<u32>,
        classes: Vec<u16>,
        weights: Vec<i16>,
    ) -> Self {
        let capacity = (keys.len() * 2).next_power_of_two().max(16);
        let mask = capacity - 1;
        let mut slots = vec![(0u64, 0u32); capacity];
        for (row, &key) in keys.iter().enumerate() {
            let mut i = (key as usize) & mask;
            while slots[i].0 != 0 && slots[i].0 != key {
                i = (i + 1) & mask;
            }
            slots[i] = (key, row as u32);
        }
        LinearModel {
            n_classes,
            scale,
            slots,
            mask,
            keys,
            row_start,
            classes,
            weights,
        }
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of features with at least one weight.
    pub fn n_features(&self) -> usize {
        self.keys.len()
    }

    /// Number of stored weights.
    pub fn n_weights(&self) -> usize {
        self.weights.len()
    }

    /// Float value of one integer score unit.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    #[inline]
    fn row(&self, key: Feature) -> Option<usize> {
        let mut i = (key as usize) & self.mask;
        loop {
            let (k, row) = self.slots[i];
            if k == key {
                return Some(row as usize);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Add the weights of `features` to `scores` (one integer per class).
    #[inline]
    pub fn add_scores(&self, features: &[Feature], scores: &mut [i32]) {
        for &f in features {
            if let Some(r) = self.row(f) {
                let (a, b) = (self.row_start[r] as usize, self.row_start[r + 1] as usize);
                for (&c, &w) in self.classes[a..b].iter().zip(&self.weights[a..b]) {
                    if let Some(s) = scores.get_mut(c as usize) {
                        *s += i32::from(w);
                    }
                }
            }
        }
    }

    /// Scores of every class for `features` (cleared first).
    pub fn scores(&self, features: &[Feature], scores: &mut Vec<i32>) {
        scores.clear();
        scores.resize(self.n_classes, 0);
        self.add_scores(features, scores);
    }

    /// The best class among all, ties to the lowest index.
    pub fn predict(&self, features: &[Feature], scores: &mut Vec<i32>) -> usize {
        self.scores(features, scores);
        argmax(scores, |_| true).unwrap_or(0)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = ByteWriter::default();
        w.u32(self.n_classes as u32);
        w.f32(self.scale);
        w.u32(self.keys.len() as u32);
        w.u32(self.weights.len() as u32);
        for &k in &self.keys {
            w.u64(k);
        }
        for r in 0..self.keys.len() {
            w.u16((self.row_start[r + 1] - self.row_start[r]) as u16);
        }
        // Classes fit a byte in every model we train; keep a wide form for the rest.
        let narrow = self.n_classes <= 256;
        w.u8(u8::from(narrow));
        for &c in &self.classes {
            if narrow {
                w.u8(c as u8);
            } else {
                w.u16(c);
            }
        }
        for &x in &self.weights {
            w.i16(x);
        }
        w.0
    }

    pub fn from_bytes(data: &[u8]) -> Result<Self, ModelError> {
        let rows = StoredRows::decode(data)?;
        Ok(Self::assemble(
            rows.n_classes,
            rows.scale,
            rows.keys,
            rows.row_start,
            rows.classes,
            rows.weights,
        ))
    }
}

/// The rows of a stored [`LinearModel`], decoded and checked, in file order.
/// Stages that lay weights out their own way for speed (tagger, parser)
/// start from this instead of reading the bytes again.
#[derive(Debug, Clone)]
pub struct StoredRows {
    pub n_classes: usize,
    /// Float value of one integer weight unit.
    pub scale: f32,
    pub keys: Vec<Feature>,
    /// Row `r` is `classes[row_start[r]..row_start[r + 1]]`, and the same for `weights`.
    pub row_start: Vec<u32>,
    pub classes: Vec<u16>,
    pub weights: Vec<i16>,
}

impl StoredRows {
    /// Read the bytes of [`LinearModel::to_bytes`].
    pub fn decode(data: &[u8]) -> Result<Self, ModelError> {
        let mut r = ByteReader::new(data);
        let n_classes = r.u32("class count")? as usize;
        let scale = r.f32("scale")?;
        let n_rows = r.u32("row count")? as usize;
        let n_weights = r.u32("weight count")? as usize;
        if n_rows.saturating_mul(8) > data.len() || n_weights.saturating_mul(2) > data.len() {
            return Err(ModelError::Truncated("linear model"));
        }
        let mut keys = Vec::with_capacity(n_rows);
        for _ in 0..n_rows {
            let k = r.u64("feature keys")?;
            if k == 0 {
                return Err(ModelError::Invalid("feature key 0".into()));
            }
            keys.push(k);
        }
        let mut row_start = Vec::with_capacity(n_rows + 1);
        row_start.push(0u32);
        let mut total = 0u32;
        for _ in 0..n_rows {
            total = total.saturating_add(u32::from(r.u16("row lengths")?));
            row_start.push(total);
        }
        if total as usize != n_weights {
            return Err(ModelError::Invalid("row lengths do not add up".into()));
        }
        let narrow = r.u8("class width")? == 1;
        let mut classes = Vec::with_capacity(n_weights);
        for _ in 0..n_weights {
            let c = if narrow {
                u16::from(r.u8("classes")?)
            } else {
                r.u16("classes")?
            };
            if c as usize >= n_classes {
                return Err(ModelError::Invalid(format!("class {c} out of range")));
            }
            classes.push(c);
        }
        let mut weights = Vec::with_capacity(n_weights);
        for _ in 0..n_weights {
            weights.push(r.i16("weights")?);
        }
        if !scale.is_finite() {
            return Err(ModelError::Invalid("scale is not finite".into()));
        }
        Ok(StoredRows {
            n_classes,
            scale,
            keys,
            row_start,
            classes,
            weights,
        })
    }

    /// (class, weight) pairs of row `r`.
    pub fn row(&self, r: usize) -> impl Iterator<Item = (u16, i16)> + '_ {
        let range = self.row_start[r] as usize..self.row_start[r + 1] as usize;
        self.classes[range.clone()]
            .iter()
            .copied()
            .zip(self.weights[range].iter().copied())
    }
}

/// Index of the highest score among classes `allowed` accepts.
#[inline]
pub fn argmax(scores: &[i32], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<(usize, i32)> = None;
    for (i, &s) in scores.iter().enumerate() {
        if allowed(i) && best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::hash::{feature, hash_str};

    #[test]
    fn round_trip_keeps_scores() {
        let f1 = feature(1, &[hash_str("the")]);
        let f2 = feature(2, &[hash_str("-ing")]);
        let model = LinearModel::from_rows(
            3,
            vec![
                (f1, vec![(0, 2.5), (2, -1.0)]),
                (f2, vec![(1, 4.0)]),
                (feature(3, &[]), vec![(1, 0.0)]),
            ],
        );
        assert_eq!(model.n_features(), 2, "an all-zero row is dropped");
        let copy = LinearModel::from_bytes(&model.to_bytes()).unwrap();
        let mut a = Vec::new();
        let mut b = Vec::new();
        for feats in [&[f1][..], &[f2], &[f1, f2], &[feature(9, &[])]] {
            model.scores(feats, &mut a);
            copy.scores(feats, &mut b);
            assert_eq!(a, b);
        }
        assert_eq!(model.predict(&[f1], &mut a), 0);
        assert_eq!(model.predict(&[f1, f2], &mut a), 1);
        let bytes = model.to_bytes();
        for cut in 0..bytes.len() {
            assert!(LinearModel::from_bytes(&bytes[..cut]).is_err());
        }
    }
}
