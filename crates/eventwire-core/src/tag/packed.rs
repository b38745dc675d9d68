//! The tagger's run-time copy of its weights, laid out for cache misses
//! rather than for storage: each table slot holds the feature key with the
//! place and length of its row, and a row's (class, weight) pairs sit side
//! by side, so a feature costs two memory reads (slot, row) instead of four.
//!
//! It is read straight from the bytes of the shared [`LinearModel`] format
//! (the file format stays the shared one; loading skips building the shared
//! model's own table, which halves the load time).

use crate::model::container::ModelError;
use crate::model::hash::Feature;
use crate::model::linear::StoredRows;
use crate::model::LinearModel;

#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: Feature,
    start: u32,
    len: u32,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    class: u16,
    weight: i16,
}

/// Sparse integer weights with a two-read lookup.
#[derive(Debug, Clone)]
pub struct PackedModel {
    n_classes: usize,
    slots: Vec<Slot>,
    mask: usize,
    entries: Vec<Entry>,
}

impl PackedModel {
    /// Re-layout a linear model.
    pub fn from_linear(model: &LinearModel) -> Result<PackedModel, ModelError> {
        Self::from_bytes(&model.to_bytes())
    }

    /// Read the bytes of [`LinearModel::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<PackedModel, ModelError> {
        let rows = StoredRows::decode(bytes)?;
        let (n_classes, n_rows) = (rows.n_classes, rows.keys.len());
        let entries: Vec<Entry> = rows
            .classes
            .iter()
            .zip(&rows.weights)
            .map(|(&class, &weight)| Entry { class, weight })
            .collect();
        let keys = &rows.keys;
        let lens: Vec<u32> = rows.row_start.windows(2).map(|w| w[1] - w[0]).collect();
        let capacity = (n_rows * 2).next_power_of_two().max(16);
        let mask = capacity - 1;
        let mut slots = vec![Slot::default(); capacity];
        let mut start = 0u32;
        for (&key, &len) in keys.iter().zip(&lens) {
            let mut i = (key as usize) & mask;
            while slots[i].key != 0 && slots[i].key != key {
                i = (i + 1) & mask;
            }
            slots[i] = Slot { key, start, len };
            start += len;
        }
        Ok(PackedModel {
            n_classes,
            slots,
            mask,
            entries,
        })
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of features with weights.
    pub fn n_features(&self) -> usize {
        self.slots.iter().filter(|s| s.key != 0).count()
    }

    /// Number of stored weights.
    pub fn n_weights(&self) -> usize {
        self.entries.len()
    }

    /// Scores of every class for `features` (cleared first). `rows` is scratch.
    ///
    /// The lookups, not the additions, are the cost of tagging: the slots and
    /// rows sit in tables far larger than the caches. So each phase first
    /// reads what the next needs with reads that do not depend on each other
    /// (the first slot of every feature, then both ends of every row),
    /// letting the processor keep many cache misses in flight at once; the
    /// probing and adding that follow, with their branches, find the data in
    /// the cache.
    #[inline]
    pub fn scores(&self, features: &[Feature], rows: &mut Vec<(u32, u32)>, scores: &mut Vec<i32>) {
        let touched = features.iter().fold(0u64, |acc, &key| {
            acc ^ self.slots[(key as usize) & self.mask].key
        });
        std::hint::black_box(touched);
        rows.clear();
        for &key in features {
            let mut i = (key as usize) & self.mask;
            loop {
                let slot = self.slots[i];
                if slot.key == key {
                    rows.push((slot.start, slot.len));
                    break;
                }
                if slot.key == 0 {
                    break;
                }
                i = (i + 1) & self.mask;
            }
        }
        // A row spans up to a few cache lines: touch both ends.
        let touched = rows.iter().fold(0u16, |acc, &(start, len)| {
            let class = |at: u32| self.entries.get(at as usize).map_or(0, |e| e.class);
            acc ^ class(start) ^ class((start + len).saturating_sub(1))
        });
        std::hint::black_box(touched);
        scores.clear();
        scores.resize(self.n_classes, 0);
        let scores = scores.as_mut_slice();
        for &(start, len) in rows.iter() {
            let (a, b) = (start as usize, start as usize + len as usize);
            for e in self.entries.get(a..b).unwrap_or(&[]) {
                if let Some(s) = scores.get_mut(usize::from(e.class)) {
                    *s += i32::from(e.weight);
                }
            }
        }
    }
}
