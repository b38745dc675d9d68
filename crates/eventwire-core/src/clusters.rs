//! Word clusters learned from unlabelled news text, used as features by the
//! tagger, parser and entity recogniser.
//!
//! The clusters are Brown clusters (Brown et al. 1992) trained with Liang's
//! (2005) windowed algorithm: words enter in frequency order, at most `C + 1`
//! clusters are active, and each new word is followed by the merge that loses
//! the least average mutual information between adjacent clusters. The `C`
//! clusters left at the end are merged down to one, which gives a binary tree
//! over them; a word's features are prefixes of its cluster's bit-string path
//! (lengths [`PREFIX_LENGTHS`]), so short prefixes act as coarse classes and
//! long ones as fine classes.
//!
//! Lookup is by the exact word and, when that misses, by its lowercased form
//! (the model also answers lowercased forms of its cased words, taking the
//! cluster of the most frequent casing), so "MONDAY" finds "Monday". Keys are
//! [`hash_str`] values in one open-addressed table: a hit costs one hash and,
//! at the table's load of at most one half, about one or two slot reads.

use crate::model::container::{ByteReader, ByteWriter};
use crate::model::hash::hash_bytes;
use crate::model::{hash_str, Container, ContainerBuilder, ModelError};

/// Lengths of the path prefixes in [`ClusterIds::prefixes`] (as in Koo et al.
/// 2008 and Turian et al. 2010).
pub const PREFIX_LENGTHS: [usize; 4] = [4, 6, 10, 20];

/// Marks a sentence or paragraph boundary in the token stream given to [`train`].
pub const BOUNDARY: u32 = u32::MAX;

const FORMAT_VERSION: u32 = 1;

static EMBEDDED: &[u8] = include_bytes!("../models/clusters.ewm");

/// The cluster features of one word, ready to be hashed into feature keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClusterIds {
    /// The word's cluster (a leaf of the tree), `0..Clusters::cluster_count()`.
    /// Clusters are numbered in the order of their paths, so nearby numbers
    /// are nearby in the tree.
    pub cluster: u16,
    /// Prefixes of the path of lengths [`PREFIX_LENGTHS`], each written as
    /// `1 << len | bits` so prefixes of different lengths never collide; a path
    /// shorter than a prefix length gives the whole path.
    pub prefixes: [u32; 4],
}

/// Brown word clusters: a vocabulary, each word's cluster, and each
/// cluster's path in the merge tree.
#[derive(Debug, Clone)]
pub struct Clusters {
    /// Words in order of falling corpus frequency.
    words: Vec<String>,
    counts: Vec<u32>,
    word_cluster: Vec<u16>,
    /// Bit-string path of each cluster ("0" = first child), in cluster order.
    paths: Vec<String>,
    ids: Vec<ClusterIds>,
    table: Table,
}

impl Clusters {
    /// The clusters shipped with eventwire.
    pub fn embedded() -> Result<Clusters, ModelError> {
        Clusters::from_bytes(EMBEDDED)
    }

    /// Build from parts: words by falling frequency, their counts, each word's
    /// cluster index, and each cluster's bit-string path.
    fn from_parts(
        words: Vec<String>,
        counts: Vec<u32>,
        word_cluster: Vec<u16>,
        paths: Vec<String>,
    ) -> Result<Clusters, ModelError> {
        if counts.len() != words.len() || word_cluster.len() != words.len() {
            return Err(ModelError::Invalid(format!(
                "{} words but {} counts and {} cluster indices",
                words.len(),
                counts.len(),
                word_cluster.len()
            )));
        }
        if paths.len() > usize::from(u16::MAX) {
            return Err(ModelError::Invalid(format!("{} clusters", paths.len())));
        }
        if let Some(&c) = word_cluster
            .iter()
            .find(|&&c| usize::from(c) >= paths.len())
        {
            return Err(ModelError::Invalid(format!(
                "cluster index {c} out of {} clusters",
                paths.len()
            )));
        }
        if paths
            .iter()
            .any(|p| p.bytes().any(|b| b != b'0' && b != b'1'))
        {
            return Err(ModelError::Invalid(
                "a cluster path is not a bit string".into(),
            ));
        }
        let ids = paths
            .iter()
            .enumerate()
            .map(|(i, path)| cluster_ids(i as u16, path))
            .collect();
        let mut table = Table::with_capacity(words.len() * 2);
        for (word, &cluster) in words.iter().zip(&word_cluster) {
            table.insert(hash_str(word), cluster);
        }
        // Lowercased aliases, after all real words so they never shadow one;
        // words come by falling frequency, so the commonest casing wins.
        for (word, &cluster) in words.iter().zip(&word_cluster) {
            let lower = word.to_lowercase();
            if lower != *word {
                let key = hash_str(&lower);
                if table.get(key).is_none() {
                    table.insert(key, cluster);
                }
            }
        }
        Ok(Clusters {
            words,
            counts,
            word_cluster,
            paths,
            ids,
            table,
        })
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Clusters, ModelError> {
        let container = Container::from_bytes(bytes)?;
        let mut meta = ByteReader::new(container.section("meta")?);
        let version = meta.u32("format version")?;
        if version != FORMAT_VERSION {
            return Err(ModelError::Invalid(format!(
                "cluster model format {version}, this build reads {FORMAT_VERSION}; retrain with `eventwire train clusters`"
            )));
        }
        let words = container.strings("words")?;
        let paths = container.strings("paths")?;
        let mut counts = Vec::with_capacity(words.len());
        let mut reader = ByteReader::new(container.section("counts")?);
        while !reader.is_empty() {
            counts.push(reader.u32("counts")?);
        }
        let mut word_cluster = Vec::with_capacity(words.len());
        let mut reader = ByteReader::new(container.section("word_clusters")?);
        while !reader.is_empty() {
            word_cluster.push(reader.u16("word clusters")?);
        }
        Clusters::from_parts(words, counts, word_cluster, paths)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut meta = ByteWriter::default();
        meta.u32(FORMAT_VERSION);
        let mut counts = ByteWriter::default();
        self.counts.iter().for_each(|&c| counts.u32(c));
        let mut word_cluster = ByteWriter::default();
        self.word_cluster.iter().for_each(|&c| word_cluster.u16(c));
        let mut builder = ContainerBuilder::new();
        builder
            .add("meta", meta.0)
            .add_strings("words", &self.words)
            .add("counts", counts.0)
            .add("word_clusters", word_cluster.0)
            .add_strings("paths", &self.paths);
        builder.to_bytes()
    }

    /// The clusters of `word`: by the exact form, else by its lowercased form.
    #[inline]
    pub fn get(&self, word: &str) -> Option<ClusterIds> {
        self.get_by_hash(hash_str(word))
            .or_else(|| self.get_lowercased(word))
    }

    /// The clusters of the word whose [`hash_str`] is `key`, for callers that
    /// already hashed the word (no lowercase fallback).
    #[inline]
    pub fn get_by_hash(&self, key: u64) -> Option<ClusterIds> {
        self.table
            .get(key)
            .map(|cluster| self.ids[usize::from(cluster)])
    }

    fn get_lowercased(&self, word: &str) -> Option<ClusterIds> {
        if word.is_ascii() {
            if !word.bytes().any(|b| b.is_ascii_uppercase()) {
                return None;
            }
            // Short words are lowercased on the stack: no allocation on this path.
            let mut buffer = [0u8; 48];
            if let Some(slot) = buffer.get_mut(..word.len()) {
                slot.copy_from_slice(word.as_bytes());
                slot.make_ascii_lowercase();
                return self.get_by_hash(hash_bytes(slot));
            }
            return self.get_by_hash(hash_str(&word.to_ascii_lowercase()));
        }
        if !word.chars().any(char::is_uppercase) {
            return None;
        }
        self.get_by_hash(hash_str(&word.to_lowercase()))
    }

    /// Number of clusters (leaves of the tree).
    pub fn cluster_count(&self) -> usize {
        self.paths.len()
    }

    /// Number of words in the vocabulary (aliases not counted).
    pub fn word_count(&self) -> usize {
        self.words.len()
    }

    /// The bit-string path of a cluster.
    pub fn path(&self, cluster: u16) -> Option<&str> {
        self.paths.get(usize::from(cluster)).map(String::as_str)
    }

    /// Words of a cluster with their corpus counts, most frequent first.
    pub fn words_in_cluster(&self, cluster: u16) -> impl Iterator<Item = (&str, u32)> + '_ {
        self.words
            .iter()
            .zip(&self.counts)
            .zip(&self.word_cluster)
            .filter(move |item| *item.1 == cluster)
            .map(|((w, &n), _)| (w.as_str(), n))
    }
}

/// The feature ids of the cluster numbered `cluster` with bit-string `path`.
fn cluster_ids(cluster: u16, path: &str) -> ClusterIds {
    let bits = path.as_bytes();
    let mut prefixes = [0u32; 4];
    for (prefix, &len) in prefixes.iter_mut().zip(&PREFIX_LENGTHS) {
        let len = len.min(bits.len());
        let value = bits[..len]
            .iter()
            .fold(0u32, |acc, &b| (acc << 1) | u32::from(b == b'1'));
        *prefix = (1u32 << len) | value;
    }
    ClusterIds { cluster, prefixes }
}

/// Open-addressed hash table from 64-bit word keys to cluster indices, with
/// linear probing. Key 0 marks an empty slot, so a zero hash is stored as 1.
#[derive(Debug, Clone)]
struct Table {
    keys: Vec<u64>,
    values: Vec<u16>,
    mask: usize,
    len: usize,
}

impl Table {
    fn with_capacity(entries: usize) -> Table {
        // At most half full, so misses end quickly.
        let size = (entries * 2).next_power_of_two().max(16);
        Table {
            keys: vec![0; size],
            values: vec![0; size],
            mask: size - 1,
            len: 0,
        }
    }

    #[inline]
    fn slot_key(key: u64) -> u64 {
        key.max(1)
    }

    fn insert(&mut self, key: u64, value: u16) {
        if (self.len + 1) * 2 > self.keys.len() {
            self.grow();
        }
        let key = Table::slot_key(key);
        let mut i = key as usize & self.mask;
        while self.keys[i] != 0 && self.keys[i] != key {
            i = (i + 1) & self.mask;
        }
        if self.keys[i] == 0 {
            self.len += 1;
        }
        self.keys[i] = key;
        self.values[i] = value;
    }

    fn grow(&mut self) {
        let old = std::mem::replace(self, Table::with_capacity(self.keys.len()));
        for (&k, &v) in old.keys.iter().zip(&old.values) {
            if k != 0 {
                self.insert(k, v);
            }
        }
    }

    #[inline]
    fn get(&self, key: u64) -> Option<u16> {
        let key = Table::slot_key(key);
        let mut i = key as usize & self.mask;
        loop {
            let k = self.keys[i];
            if k == key {
                return Some(self.values[i]);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// Settings of [`train`].
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Number of clusters `C` (the window of active clusters).
    pub clusters: usize,
    /// Words rarer than this are left out.
    pub min_count: u32,
    /// At most this many words (the most frequent) are clustered.
    pub max_words: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            clusters: 256,
            min_count: 3,
            max_words: 60_000,
        }
    }
}

/// Learn Brown clusters from `tokens`: ids into `vocab`, with [`BOUNDARY`]
/// between sentences (no bigram spans a boundary). Deterministic: the word
/// order is by falling count then by the word, and ties between equally good
/// merges go to the lowest slots. `progress(done, total)` is called now and
/// then while words are added.
pub fn train(
    vocab: &[String],
    tokens: &[u32],
    config: &TrainConfig,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Clusters, ModelError> {
    // Count and rank the words.
    let mut counts = vec![0u32; vocab.len()];
    for &t in tokens {
        if let Some(c) = counts.get_mut(t as usize) {
            *c = c.saturating_add(1);
        }
    }
    let mut order: Vec<u32> = (0..vocab.len() as u32)
        .filter(|&w| counts[w as usize] >= config.min_count.max(1))
        .collect();
    order.sort_by(|&a, &b| {
        counts[b as usize]
            .cmp(&counts[a as usize])
            .then_with(|| vocab[a as usize].cmp(&vocab[b as usize]))
    });
    order.truncate(config.max_words);
    const UNRANKED: u32 = u32::MAX;
    let mut rank = vec![UNRANKED; vocab.len()];
    for (r, &w) in order.iter().enumerate() {
        rank[w as usize] = r as u32;
    }
    let word_count = order.len();

    // Bigram counts between ranked words, as sorted (left, right) pairs.
    let mut pairs: Vec<u64> = Vec::with_capacity(tokens.len());
    for window in tokens.windows(2) {
        let (a, b) = (window[0], window[1]);
        let ra = rank.get(a as usize).copied().unwrap_or(UNRANKED);
        let rb = rank.get(b as usize).copied().unwrap_or(UNRANKED);
        if ra != UNRANKED && rb != UNRANKED {
            pairs.push((u64::from(ra) << 32) | u64::from(rb));
        }
    }
    pairs.sort_unstable();
    let mut bigrams: Vec<(u32, u32, u32)> = Vec::new();
    for &p in &pairs {
        let (a, b) = ((p >> 32) as u32, p as u32);
        match bigrams.last_mut() {
            Some(last) if last.0 == a && last.1 == b => last.2 += 1,
            _ => bigrams.push((a, b, 1)),
        }
    }
    drop(pairs);
    // Each word's neighbours among the words ranked at or above it, which are
    // the ones already clustered when it enters.
    let mut right = vec![Vec::new(); word_count];
    let mut left = vec![Vec::new(); word_count];
    for &(a, b, n) in &bigrams {
        if b <= a {
            right[a as usize].push((b, n));
        } else {
            left[b as usize].push((a, n));
        }
    }
    drop(bigrams);

    let total: f64 = order.iter().map(|&w| f64::from(counts[w as usize])).sum();
    let window = config.clusters.max(1);
    let mut brown = Brown::new(window + 1, total.max(1.0));
    let mut slot_of = vec![0u32; word_count];
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); window + 1];
    let mut free: Vec<usize> = (0..=window).rev().collect();
    let mut row: Vec<f64> = vec![0.0; window + 1];
    let mut col: Vec<f64> = vec![0.0; window + 1];
    for w in 0..word_count {
        let slot = free.pop().unwrap_or(0);
        row.iter_mut().for_each(|x| *x = 0.0);
        col.iter_mut().for_each(|x| *x = 0.0);
        for &(v, n) in &right[w] {
            let s = if v as usize == w {
                slot
            } else {
                slot_of[v as usize] as usize
            };
            row[s] += f64::from(n);
        }
        for &(u, n) in &left[w] {
            col[slot_of[u as usize] as usize] += f64::from(n);
        }
        slot_of[w] = slot as u32;
        members[slot].push(w as u32);
        let probability = f64::from(counts[order[w] as usize]) / brown.total;
        brown.add(slot, probability, &row, &col);
        if brown.active.len() > window {
            let (a, b) = brown.best_pair();
            // The bigger cluster keeps its slot, so relabelling stays cheap.
            let (keep, gone) = if members[a].len() >= members[b].len() {
                (a, b)
            } else {
                (b, a)
            };
            brown.merge(keep, gone);
            let moved = std::mem::take(&mut members[gone]);
            for &m in &moved {
                slot_of[m as usize] = keep as u32;
            }
            members[keep].extend(moved);
            free.push(gone);
        }
        if (w + 1) % 1000 == 0 || w + 1 == word_count {
            progress(w + 1, word_count);
        }
    }

    // Merge the final clusters into one tree. Leaves are numbered by slot.
    let mut leaves: Vec<usize> = brown.active.clone();
    leaves.sort_unstable();
    let mut node_of_slot = vec![usize::MAX; window + 1];
    for (leaf, &slot) in leaves.iter().enumerate() {
        node_of_slot[slot] = leaf;
    }
    let mut children: Vec<(usize, usize)> = Vec::new();
    let leaf_count = leaves.len();
    while brown.active.len() > 1 {
        let (a, b) = brown.best_pair();
        brown.merge(a, b);
        children.push((node_of_slot[a], node_of_slot[b]));
        node_of_slot[a] = leaf_count + children.len() - 1;
    }
    // Paths from the root: "0" to the first child, "1" to the second.
    let mut leaf_paths = vec![String::new(); leaf_count];
    let mut stack: Vec<(usize, String)> = Vec::new();
    if leaf_count > 0 {
        stack.push((leaf_count + children.len() - 1, String::new()));
    }
    while let Some((node, path)) = stack.pop() {
        if node < leaf_count {
            leaf_paths[node] = path;
        } else {
            let (first, second) = children[node - leaf_count];
            stack.push((second, format!("{path}1")));
            stack.push((first, format!("{path}0")));
        }
    }
    // Number clusters in path order.
    let mut by_path: Vec<usize> = (0..leaf_count).collect();
    by_path.sort_by(|&a, &b| leaf_paths[a].cmp(&leaf_paths[b]));
    let mut cluster_of_leaf = vec![0u16; leaf_count];
    for (cluster, &leaf) in by_path.iter().enumerate() {
        cluster_of_leaf[leaf] = cluster as u16;
    }
    let paths: Vec<String> = by_path.iter().map(|&l| leaf_paths[l].clone()).collect();
    let word_cluster = slot_of
        .iter()
        .map(|&slot| {
            let leaf = leaves.binary_search(&(slot as usize)).unwrap_or(0);
            cluster_of_leaf.get(leaf).copied().unwrap_or(0)
        })
        .collect();
    let words = order.iter().map(|&w| vocab[w as usize].clone()).collect();
    let word_counts = order.iter().map(|&w| counts[w as usize]).collect();
    Clusters::from_parts(words, word_counts, word_cluster, paths)
}

/// The state of Liang's algorithm over `size` cluster slots: bigram counts
/// between clusters, their mutual-information terms, and the loss of
/// mutual information for merging each pair of active clusters.
struct Brown {
    size: usize,
    total: f64,
    /// Bigram counts, `counts[left * size + right]`.
    counts: Vec<f64>,
    /// `q(l, r) = p(l, r) * ln(p(l, r) / (p(l) p(r)))`, same layout.
    q: Vec<f64>,
    /// Loss of merging slots `i < j`, at `loss[i * size + j]`.
    loss: Vec<f64>,
    /// Unigram probability of each slot's cluster.
    p: Vec<f64>,
    /// Active slots, ascending.
    active: Vec<usize>,
}

impl Brown {
    fn new(size: usize, total: f64) -> Brown {
        Brown {
            size,
            total,
            counts: vec![0.0; size * size],
            q: vec![0.0; size * size],
            loss: vec![0.0; size * size],
            p: vec![0.0; size],
            active: Vec::with_capacity(size),
        }
    }

    /// One mutual-information term from a bigram count and two marginals.
    #[inline]
    fn term(&self, count: f64, pl: f64, pr: f64) -> f64 {
        if count <= 0.0 {
            return 0.0;
        }
        let pb = count / self.total;
        pb * (pb / (pl * pr)).ln()
    }

    /// The part of the loss of merging `i` and `j` that comes from a third cluster `d`.
    #[inline]
    fn via(&self, i: usize, j: usize, d: usize) -> f64 {
        let s = self.size;
        let (c, q) = (&self.counts, &self.q);
        let pij = self.p[i] + self.p[j];
        let pd = self.p[d];
        q[i * s + d] + q[d * s + i] + q[j * s + d] + q[d * s + j]
            - self.term(c[i * s + d] + c[j * s + d], pij, pd)
            - self.term(c[d * s + i] + c[d * s + j], pd, pij)
    }

    /// The loss of mutual information if `i` and `j` were merged, from scratch.
    fn pair_loss(&self, i: usize, j: usize) -> f64 {
        let s = self.size;
        let (c, q) = (&self.counts, &self.q);
        let pij = self.p[i] + self.p[j];
        let merged = c[i * s + i] + c[i * s + j] + c[j * s + i] + c[j * s + j];
        let mut loss =
            q[i * s + i] + q[j * s + j] + q[i * s + j] + q[j * s + i] - self.term(merged, pij, pij);
        for &d in &self.active {
            if d != i && d != j {
                loss += self.via(i, j, d);
            }
        }
        loss
    }

    fn refresh_q(&mut self, a: usize) {
        let s = self.size;
        for k in 0..self.active.len() {
            let d = self.active[k];
            self.q[a * s + d] = self.term(self.counts[a * s + d], self.p[a], self.p[d]);
            self.q[d * s + a] = self.term(self.counts[d * s + a], self.p[d], self.p[a]);
        }
    }

    /// Add `sign * via(i, j, d)` to the loss of every active pair not touching `skip`.
    fn shift_losses(&mut self, d: usize, skip: [usize; 2], sign: f64) {
        let s = self.size;
        let n = self.active.len();
        for x in 0..n {
            let i = self.active[x];
            if skip.contains(&i) {
                continue;
            }
            for y in x + 1..n {
                let j = self.active[y];
                if skip.contains(&j) {
                    continue;
                }
                let delta = sign * self.via(i, j, d);
                self.loss[i * s + j] += delta;
            }
        }
    }

    fn set_pair_losses(&mut self, a: usize) {
        let s = self.size;
        for k in 0..self.active.len() {
            let j = self.active[k];
            if j != a {
                let loss = self.pair_loss(a, j);
                self.loss[a.min(j) * s + a.max(j)] = loss;
            }
        }
    }

    /// Put a new one-word cluster in free slot `a`, with its bigram counts to
    /// the active clusters (`row`: a then d, `col`: d then a; `row[a]` is the
    /// word followed by itself).
    fn add(&mut self, a: usize, probability: f64, row: &[f64], col: &[f64]) {
        let s = self.size;
        for d in 0..s {
            self.counts[a * s + d] = 0.0;
            self.counts[d * s + a] = 0.0;
        }
        for &d in &self.active {
            self.counts[a * s + d] = row[d];
            self.counts[d * s + a] = col[d];
        }
        self.counts[a * s + a] = row[a];
        self.p[a] = probability;
        let at = self.active.partition_point(|&d| d < a);
        self.active.insert(at, a);
        self.refresh_q(a);
        self.shift_losses(a, [a, a], 1.0);
        self.set_pair_losses(a);
    }

    /// The active pair whose merge loses least (first in slot order on ties).
    fn best_pair(&self) -> (usize, usize) {
        let s = self.size;
        let mut best = (f64::INFINITY, 0, 0);
        for (x, &i) in self.active.iter().enumerate() {
            for &j in &self.active[x + 1..] {
                let loss = self.loss[i * s + j];
                if loss < best.0 {
                    best = (loss, i, j);
                }
            }
        }
        (best.1, best.2)
    }

    /// Merge slot `b` into slot `a`.
    fn merge(&mut self, a: usize, b: usize) {
        let s = self.size;
        self.shift_losses(a, [a, b], -1.0);
        self.shift_losses(b, [a, b], -1.0);
        for d in 0..s {
            self.counts[a * s + d] += self.counts[b * s + d];
        }
        for d in 0..s {
            self.counts[d * s + a] += self.counts[d * s + b];
        }
        for d in 0..s {
            self.counts[b * s + d] = 0.0;
            self.counts[d * s + b] = 0.0;
            self.q[b * s + d] = 0.0;
            self.q[d * s + b] = 0.0;
        }
        self.p[a] += self.p[b];
        self.p[b] = 0.0;
        self.active.retain(|&d| d != b);
        self.refresh_q(a);
        self.shift_losses(a, [a, a], 1.0);
        self.set_pair_losses(a);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(text: &str) -> (Vec<String>, Vec<u32>) {
        let mut vocab: Vec<String> = Vec::new();
        let mut tokens = Vec::new();
        for sentence in text.split('.') {
            for word in sentence.split_whitespace() {
                let id = vocab.iter().position(|v| v == word).unwrap_or_else(|| {
                    vocab.push(word.to_string());
                    vocab.len() - 1
                });
                tokens.push(id as u32);
            }
            tokens.push(BOUNDARY);
        }
        (vocab, tokens)
    }

    #[test]
    fn words_in_the_same_contexts_share_clusters() {
        let mut text = String::new();
        for day in ["Monday", "Tuesday", "Friday"] {
            for verb in ["said", "added", "stated"] {
                for who in ["he", "she", "officials"] {
                    text.push_str(&format!("on {day} {who} {verb} that . "));
                }
            }
        }
        let (vocab, tokens) = corpus(&text);
        let config = TrainConfig {
            clusters: 4,
            min_count: 1,
            max_words: 100,
        };
        let clusters = train(&vocab, &tokens, &config, &mut |_, _| {}).unwrap();
        let c = |w: &str| clusters.get(w).unwrap().cluster;
        assert_eq!(c("Monday"), c("Friday"));
        assert_eq!(c("said"), c("stated"));
        assert_eq!(c("he"), c("officials"));
        assert_ne!(c("Monday"), c("said"));
        assert_eq!(clusters.get("MONDAY"), clusters.get("Monday"));
        assert_eq!(clusters.get("Sunday"), None);
        let back = Clusters::from_bytes(&clusters.to_bytes()).unwrap();
        assert_eq!(back.get("stated"), clusters.get("stated"));
    }

    #[test]
    fn prefixes_keep_lengths_apart() {
        let ids = cluster_ids(3, "0110");
        assert_eq!(ids.prefixes[0], 0b1_0110);
        assert_eq!(ids.prefixes[3], 0b1_0110);
        let short = cluster_ids(0, "0");
        assert_eq!(short.prefixes[0], 0b10);
        assert_ne!(cluster_ids(0, "").prefixes[0], short.prefixes[0]);
    }
}
