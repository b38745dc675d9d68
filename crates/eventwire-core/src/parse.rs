//! Labelled dependency parsing (Universal Dependencies relations).
//!
//! A greedy arc-hybrid transition parser (Kuhlmann, Gómez-Rodríguez and
//! Satta 2011) with a root token at the end of the buffer (Ballesteros and
//! Nivre 2013), trained with a dynamic oracle and exploration (Goldberg and
//! Nivre 2013) as an averaged perceptron over the rich feature set of Zhang
//! and Nivre (2011). The parser chooses unlabelled transitions; each arc gets
//! its relation from a second linear model at the moment it is made, when the
//! dependent's subtree is already complete (in arc-hybrid a word leaves the
//! stack only after all its dependents are attached).
//!
//! Input: words and one tag per word. The tag is whatever string the model
//! was trained with; the shipped model takes UPOS and Penn tag joined by `|`
//! (`AUX|VBZ`, `PROPN|NNP`), as the tagger gives them — see
//! `docs/models/parser.md`.
//!
//! Output is always a tree: every word gets a head, and exactly one word (for
//! a non-empty sentence) hangs from the root, with the relation `root`.

use crate::model::hash::{hash_str, mix};
use crate::model::{
    AveragedPerceptron, Container, ContainerBuilder, Feature, LinearModel, ModelError, SplitMix64,
    StoredRows,
};

/// One word's attachment: `head` is 0 for the root, else the 1-based index of
/// the head word (as in CoNLL-U); `label` indexes [`Parser::label_name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Arc {
    pub head: u32,
    pub label: u16,
}

/// A trained parser: the transition model, the relation model and the names
/// of the relations.
#[derive(Debug, Clone)]
pub struct Parser {
    /// The transition model in [`LinearModel`] byte form, as stored.
    transitions: Vec<u8>,
    /// The same weights in a cache-friendly form for parsing.
    table: TransitionTable,
    /// The relation model in [`LinearModel`] byte form, as stored.
    relations: Vec<u8>,
    relation_table: RelationTable,
    labels: Vec<String>,
    root_label: u16,
}

const FORMAT_VERSION: u32 = 1;
/// The bytes of the shipped model.
pub const EMBEDDED_MODEL: &[u8] = include_bytes!("../models/parser.ewm");

/// Transition classes.
const SHIFT: usize = 0;
const LEFT: usize = 1;
const RIGHT: usize = 2;
const N_MOVES: usize = 3;

impl Parser {
    /// The model shipped with eventwire (trained on UD English EWT).
    pub fn embedded() -> Result<Parser, ModelError> {
        Parser::from_bytes(EMBEDDED_MODEL)
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Parser, ModelError> {
        let container = Container::from_bytes(bytes)?;
        let meta = container.section("parser.meta")?;
        let mut reader = crate::model::container::ByteReader::new(meta);
        let version = reader.u32("parser version")?;
        if version != FORMAT_VERSION {
            return Err(ModelError::Invalid(format!(
                "parser model version {version}, expected {FORMAT_VERSION}"
            )));
        }
        let labels = container.strings("parser.labels")?;
        let root_label = labels
            .iter()
            .position(|l| l == "root")
            .ok_or_else(|| ModelError::Invalid("parser labels lack 'root'".into()))?
            as u16;
        let transitions = container.section("parser.transitions")?.to_vec();
        let relations = container.section("parser.relations")?.to_vec();
        if labels.len() > 255 {
            return Err(ModelError::Invalid("too many relation labels".into()));
        }
        Ok(Parser {
            table: TransitionTable::new(&transitions)?,
            relation_table: RelationTable::new(&relations, labels.len())?,
            transitions,
            relations,
            labels,
            root_label,
        })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut meta = crate::model::container::ByteWriter::default();
        meta.u32(FORMAT_VERSION);
        let mut builder = ContainerBuilder::new();
        builder
            .add("parser.meta", meta.0)
            .add_strings("parser.labels", &self.labels)
            .add("parser.transitions", self.transitions.clone())
            .add("parser.relations", self.relations.clone());
        builder.to_bytes()
    }

    /// A copy without the features whose weights are all below `min_weight`
    /// (in the perceptron's units): a smaller model that parses faster.
    pub fn pruned(&self, min_weight: f32) -> Result<Parser, ModelError> {
        let prune = |bytes: &[u8], n_classes: usize| -> Result<Vec<u8>, ModelError> {
            let rows = sparse_rows(bytes, n_classes)?;
            let kept = (0..rows.keys.len())
                .filter_map(|r| {
                    let row: Vec<(u16, f32)> = rows
                        .row(r)
                        .map(|(c, w)| (c, f32::from(w) * rows.scale))
                        .collect();
                    let strongest = row.iter().map(|&(_, w)| w.abs()).fold(0.0, f32::max);
                    (strongest >= min_weight).then_some((rows.keys[r], row))
                })
                .collect();
            Ok(LinearModel::from_rows(n_classes, kept).to_bytes())
        };
        let transitions = prune(&self.transitions, N_MOVES)?;
        let relations = prune(&self.relations, self.labels.len())?;
        Ok(Parser {
            table: TransitionTable::new(&transitions)?,
            relation_table: RelationTable::new(&relations, self.labels.len())?,
            transitions,
            relations,
            labels: self.labels.clone(),
            root_label: self.root_label,
        })
    }

    /// Name of a relation (`nsubj`, `obl:tmod`, `root`); `"dep"` for an unknown id.
    pub fn label_name(&self, id: u16) -> &str {
        self.labels
            .get(usize::from(id))
            .map_or("dep", String::as_str)
    }

    /// All relation names, indexed by label id.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Numbers of stored features (transition model, relation model).
    pub fn n_features(&self) -> (usize, usize) {
        let used = self
            .table
            .groups
            .iter()
            .flat_map(|g| g.0)
            .filter(|&s| slot_fingerprint(s) != 0)
            .count();
        let relations = self
            .relation_table
            .groups
            .iter()
            .flat_map(|g| g.0)
            .filter(|&s| s != 0)
            .count();
        (used, relations)
    }

    /// Parse one sentence. `tags` gives one tag per word (missing ones count
    /// as empty). `out` is cleared and gets one [`Arc`] per word.
    pub fn parse(&self, words: &[&str], tags: &[&str], out: &mut Vec<Arc>) {
        out.clear();
        let mut sentence = Sentence::new(words, |i| tags.get(i).copied().unwrap_or(""));
        let mut state = State::new(sentence.n);
        let mut feats = Vec::with_capacity(96);
        let mut scores = Vec::with_capacity(self.labels.len().max(N_MOVES));
        let mut found = Vec::with_capacity(64);
        while !state.is_terminal() {
            let valid = state.valid();
            feats.clear();
            transition_features(&sentence, &state, &mut feats);
            let move_scores = self.table.scores(&feats);
            let mut best = None;
            for (m, &ok) in valid.iter().enumerate() {
                if ok && best.is_none_or(|(_, s)| move_scores[m] > s) {
                    best = Some((m, move_scores[m]));
                }
            }
            let Some((mv, _)) = best else { break };
            if let Some((head, dep)) = state.arc_of(mv) {
                let label = if head == sentence.n {
                    self.root_label
                } else {
                    feats.clear();
                    relation_features(&sentence, &state, head, dep, &mut feats);
                    scores.clear();
                    scores.resize(self.labels.len(), 0);
                    self.relation_table
                        .add_scores(&feats, &mut found, &mut scores);
                    let root = usize::from(self.root_label);
                    crate::model::linear::argmax(&scores, |c| c != root).unwrap_or(0) as u16
                };
                state.apply(mv, label, &mut sentence);
            } else {
                state.apply(mv, 0, &mut sentence);
            }
        }
        let n = sentence.n;
        out.extend((0..n).map(|i| {
            let head = sentence.head[i];
            Arc {
                head: if head as usize >= n { 0 } else { head + 1 },
                label: sentence.label[i],
            }
        }));
        // A state machine bug must never give a forest: hang any headless word
        // (there should be none) from the root word.
        repair_tree(out, self.root_label);
    }
}

/// One slot of [`TransitionTable`] packed in a `u64`: bits 0–15 hold a
/// 15-bit fingerprint of the feature key (0 = empty, the low bit always set),
/// bits 16–63 its three move weights as `i16`. One integer per slot lets the
/// lookup run without branches on the loaded data (see `scores`).
fn pack_slot(fingerprint: u16, weights: [i16; N_MOVES]) -> u64 {
    weights
        .iter()
        .enumerate()
        .fold(u64::from(fingerprint), |slot, (m, &w)| {
            slot | u64::from(w as u16) << (16 * (m + 1))
        })
}

fn slot_fingerprint(slot: u64) -> u16 {
    slot as u16
}

#[inline]
fn slot_weights(slot: u64) -> [i16; N_MOVES] {
    std::array::from_fn(|m| (slot >> (16 * (m + 1))) as u16 as i16)
}

const GROUP: usize = 4;

/// Four slots, aligned so that a group never straddles two cache lines.
#[derive(Debug, Clone, Copy, Default)]
#[repr(align(32))]
struct SlotGroup([u64; GROUP]);

/// The transition weights laid out for speed: a feature's key picks a group
/// of four slots (32 bytes) and a fingerprint picks the slot, so a lookup is
/// one memory access with no probing chain, and lookups of different features
/// do not wait on each other. Where a group overflows, the feature with the
/// smallest weights is dropped (rare at the load factor used).
#[derive(Debug, Clone)]
struct TransitionTable {
    groups: Vec<SlotGroup>,
    mask: usize,
}

#[inline]
fn fingerprint(key: Feature) -> u16 {
    ((key >> 48) as u16) | 1
}

impl TransitionTable {
    fn new(model_bytes: &[u8]) -> Result<Self, ModelError> {
        let rows = sparse_rows(model_bytes, N_MOVES)?;
        let n_groups = (rows.keys.len() * 2 / GROUP).next_power_of_two().max(16);
        let mask = n_groups - 1;
        let mut groups = vec![SlotGroup::default(); n_groups];
        for (r, &key) in rows.keys.iter().enumerate() {
            let mut weights = [0i16; N_MOVES];
            for (class, w) in rows.row(r) {
                if let Some(x) = weights.get_mut(usize::from(class)) {
                    *x = w;
                }
            }
            let strength = |w: &[i16; N_MOVES]| w.iter().map(|x| i32::from(*x).abs()).max();
            let group = &mut groups[key as usize & mask].0;
            let target = group.iter().position(|&s| s == 0).or_else(|| {
                let weakest = (0..GROUP).min_by_key(|&i| strength(&slot_weights(group[i])))?;
                (strength(&slot_weights(group[weakest])) < strength(&weights)).then_some(weakest)
            });
            if let Some(i) = target {
                group[i] = pack_slot(fingerprint(key), weights);
            }
        }
        Ok(TransitionTable { groups, mask })
    }

    /// The summed weights of every slot whose fingerprint matches (two
    /// features may share a group and a fingerprint; both then count). The
    /// match is a select, not a branch: the group reads miss the cache, and a
    /// branch on each would stall the next reads behind a misprediction.
    #[inline]
    fn scores(&self, features: &[Feature]) -> [i32; N_MOVES] {
        let mut scores = [0i32; N_MOVES];
        for &f in features {
            let fp = u64::from(fingerprint(f));
            for &slot in &self.groups[f as usize & self.mask].0 {
                let hit = std::hint::select_unpredictable(slot & 0xffff == fp, slot, 0);
                for (s, w) in scores.iter_mut().zip(slot_weights(hit)) {
                    *s += i32::from(w);
                }
            }
        }
        scores
    }
}

/// The relation weights laid out for speed: a feature's key picks a group of
/// four 8-byte slots, each holding a 32-bit fingerprint and the start and
/// length of the feature's sparse row in `entries`; two memory accesses per
/// feature instead of four.
#[derive(Debug, Clone)]
struct RelationTable {
    groups: Vec<SlotGroup>,
    mask: usize,
    entries: Vec<(u16, i16)>,
}

const MAX_ENTRIES: usize = 1 << 24;

impl RelationTable {
    fn new(model_bytes: &[u8], n_classes: usize) -> Result<Self, ModelError> {
        let rows = sparse_rows(model_bytes, n_classes)?;
        let n_groups = (rows.keys.len() * 2 / GROUP).next_power_of_two().max(16);
        let mask = n_groups - 1;
        let mut groups = vec![SlotGroup::default(); n_groups];
        let mut entries = Vec::with_capacity(rows.weights.len());
        for (r, &key) in rows.keys.iter().enumerate() {
            let len = (rows.row_start[r + 1] - rows.row_start[r]).min(255) as usize;
            if entries.len() + len >= MAX_ENTRIES {
                break;
            }
            let group = &mut groups[key as usize & mask].0;
            // A full group drops the feature: rare at half load.
            if let Some(slot) = group.iter_mut().find(|s| **s == 0) {
                let fp = u64::from((key >> 32) as u32 | 1);
                *slot = fp << 32 | (entries.len() as u64) << 8 | len as u64;
                entries.extend(rows.row(r).take(len));
            }
        }
        Ok(RelationTable {
            groups,
            mask,
            entries,
        })
    }

    /// Add the weights of `features` to `scores`. The slots of all features
    /// are read first (no branch on their contents), then the first entry of
    /// each row is touched, then the rows are added: each phase's reads are
    /// independent, so their cache misses overlap instead of queueing.
    /// `found` is scratch.
    #[inline]
    fn add_scores(&self, features: &[Feature], found: &mut Vec<u64>, scores: &mut [i32]) {
        found.clear();
        found.extend(features.iter().map(|&f| {
            let fp = u64::from((f >> 32) as u32 | 1);
            let mut found = 0u64;
            for &slot in &self.groups[f as usize & self.mask].0 {
                found = std::hint::select_unpredictable(slot >> 32 == fp, slot, found);
            }
            found
        }));
        let row = |slot: u64| {
            let start = ((slot >> 8) & 0xff_ffff) as usize;
            let len = (slot & 0xff) as usize;
            self.entries.get(start..start + len).unwrap_or(&[])
        };
        let touched = found
            .iter()
            .filter_map(|&slot| row(slot).first())
            .fold(0u16, |acc, &(c, _)| acc ^ c);
        std::hint::black_box(touched);
        for &slot in found.iter() {
            for &(c, w) in row(slot) {
                if let Some(x) = scores.get_mut(usize::from(c)) {
                    *x += i32::from(w);
                }
            }
        }
    }
}

fn sparse_rows(bytes: &[u8], n_classes: usize) -> Result<StoredRows, ModelError> {
    let rows = StoredRows::decode(bytes)?;
    if rows.n_classes != n_classes {
        return Err(ModelError::Invalid("parser model class count".into()));
    }
    Ok(rows)
}

/// Make `arcs` a tree with one root whatever it held: used only as a guard.
fn repair_tree(arcs: &mut [Arc], root_label: u16) {
    let n = arcs.len();
    let Some(root) = arcs.iter().position(|a| a.head == 0) else {
        if let Some(first) = arcs.first_mut() {
            *first = Arc {
                head: 0,
                label: root_label,
            };
            return repair_tree(arcs, root_label);
        }
        return;
    };
    for (i, arc) in arcs.iter_mut().enumerate() {
        if i != root && (arc.head == 0 || arc.head as usize > n) {
            arc.head = root as u32 + 1;
        }
    }
}

/// Label-id hash value for features; NONE_LABEL marks "no such child".
const NONE_LABEL: u16 = u16::MAX;

/// Per-sentence arrays: word hashes and the partial tree. Positions `0..n`
/// are words, `n` is the root token, `n + 1` is the "nothing there" sentinel.
struct Sentence {
    n: usize,
    word: Vec<u64>,
    tag: Vec<u64>,
    word_tag: Vec<u64>,
    head: Vec<u32>,
    label: Vec<u16>,
    /// The outermost two children on each side (leftmost, second leftmost,
    /// rightmost, second rightmost).
    lc1: Vec<u32>,
    lc2: Vec<u32>,
    rc1: Vec<u32>,
    rc2: Vec<u32>,
    n_left: Vec<u8>,
    n_right: Vec<u8>,
    left_labels: Vec<u64>,
    right_labels: Vec<u64>,
}

impl Sentence {
    fn new<'a>(words: &[&str], tag_of: impl Fn(usize) -> &'a str) -> Self {
        let n = words.len();
        let none = (n + 1) as u32;
        let mut word = Vec::with_capacity(n + 2);
        let mut tag = Vec::with_capacity(n + 2);
        let mut lowered = String::new();
        for (i, w) in words.iter().enumerate() {
            word.push(word_key(w, &mut lowered));
            tag.push(hash_str(tag_of(i)));
        }
        word.push(hash_str("<root>"));
        tag.push(hash_str("<ROOT>"));
        word.push(hash_str("<none>"));
        tag.push(hash_str("<NONE>"));
        let word_tag = word.iter().zip(&tag).map(|(&w, &t)| mix(w, t)).collect();
        Sentence {
            n,
            word,
            tag,
            word_tag,
            head: vec![none; n + 2],
            label: vec![NONE_LABEL; n + 2],
            lc1: vec![none; n + 2],
            lc2: vec![none; n + 2],
            rc1: vec![none; n + 2],
            rc2: vec![none; n + 2],
            n_left: vec![0; n + 2],
            n_right: vec![0; n + 2],
            left_labels: vec![0; n + 2],
            right_labels: vec![0; n + 2],
        }
    }

    fn attach(&mut self, head: usize, dep: usize, label: u16) {
        self.head[dep] = head as u32;
        self.label[dep] = label;
        let bit = 1u64 << (label % 64);
        if dep < head {
            // Arc-hybrid attaches left dependents nearest first.
            self.lc2[head] = self.lc1[head];
            self.lc1[head] = dep as u32;
            self.n_left[head] = self.n_left[head].saturating_add(1);
            self.left_labels[head] |= bit;
        } else {
            self.rc2[head] = self.rc1[head];
            self.rc1[head] = dep as u32;
            self.n_right[head] = self.n_right[head].saturating_add(1);
            self.right_labels[head] |= bit;
        }
    }
}

/// Lowercased form with digits folded to `0`, hashed.
fn word_key(word: &str, buffer: &mut String) -> u64 {
    if word
        .bytes()
        .all(|b| b.is_ascii_lowercase() || !b.is_ascii_alphanumeric() && b < 0x80)
    {
        return hash_str(word);
    }
    buffer.clear();
    for c in word.chars() {
        if c.is_ascii_digit() {
            buffer.push('0');
        } else {
            buffer.extend(c.to_lowercase());
        }
    }
    hash_str(buffer)
}

/// Stack and buffer of the arc-hybrid system. The buffer is `b..=n` (`n` is root).
struct State {
    n: usize,
    stack: Vec<u32>,
    b: usize,
}

impl State {
    fn new(n: usize) -> Self {
        State {
            n,
            stack: Vec::with_capacity(n.min(1024)),
            b: 0,
        }
    }

    fn is_terminal(&self) -> bool {
        self.b >= self.n && self.stack.is_empty()
    }

    fn s(&self, i: usize) -> usize {
        let len = self.stack.len();
        if i < len {
            self.stack[len - 1 - i] as usize
        } else {
            self.n + 1
        }
    }

    fn buf(&self, i: usize) -> usize {
        let at = self.b + i;
        if at <= self.n {
            at
        } else {
            self.n + 1
        }
    }

    /// Which moves are allowed. The root token may only take the last stack
    /// word, so every parse has exactly one root.
    fn valid(&self) -> [bool; N_MOVES] {
        let depth = self.stack.len();
        [
            self.b < self.n,
            depth >= 1 && (self.b < self.n || depth == 1),
            depth >= 2,
        ]
    }

    /// The (head, dependent) a move would add.
    fn arc_of(&self, mv: usize) -> Option<(usize, usize)> {
        match mv {
            LEFT => Some((self.b, self.s(0))),
            RIGHT => Some((self.s(1), self.s(0))),
            _ => None,
        }
    }

    fn apply(&mut self, mv: usize, label: u16, sentence: &mut Sentence) {
        match mv {
            SHIFT => {
                self.stack.push(self.b as u32);
                self.b += 1;
            }
            _ => {
                if let Some((head, dep)) = self.arc_of(mv) {
                    sentence.attach(head, dep, label);
                    self.stack.pop();
                }
            }
        }
    }

    /// Gold arcs each move makes unreachable (Goldberg and Nivre 2013);
    /// `gold[i]` is the gold head position (`n` for the root).
    fn costs(&self, gold: &[u32]) -> [u32; N_MOVES] {
        let n = self.n;
        let valid = self.valid();
        let mut costs = [u32::MAX; N_MOVES];
        let in_buffer = |k: usize| k >= self.b && k <= n;
        let s0 = self.s(0);
        let s1 = self.s(1);
        let b0 = self.b;
        if valid[SHIFT] {
            // b0 can no longer take a head from the stack below s0, nor any
            // stack word as dependent.
            let mut c = 0;
            let h = gold[b0] as usize;
            let depth = self.stack.len();
            for (j, &k) in self.stack.iter().enumerate() {
                let k = k as usize;
                if h == k && j + 1 != depth {
                    c += 1;
                }
                if gold[k] as usize == b0 {
                    c += 1;
                }
            }
            costs[SHIFT] = c;
        }
        if valid[LEFT] || valid[RIGHT] {
            let dependents_in_buffer =
                (self.b..n).filter(|&k| gold[k] as usize == s0).count() as u32;
            let h = gold[s0] as usize;
            if valid[LEFT] {
                let lost_head = h != b0 && (in_buffer(h) || (self.stack.len() >= 2 && h == s1));
                costs[LEFT] = dependents_in_buffer + u32::from(lost_head);
            }
            if valid[RIGHT] {
                costs[RIGHT] = dependents_in_buffer + u32::from(in_buffer(h));
            }
        }
        costs
    }
}

/// A feature key from a template number and the values it looks at. The
/// values are already well-mixed hashes (or small numbers), so one multiply
/// per value and a final fold suffice; this runs ~250 times per word, where
/// the fuller mixing of `model::hash::feature` cost a third of parse time.
#[inline(always)]
fn feature(template: u32, values: &[u64]) -> Feature {
    let mut k = u64::from(template + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for &v in values {
        k = (k ^ v).wrapping_mul(0xff51_afd7_ed55_8ccd);
    }
    (k ^ (k >> 29)).max(1)
}

/// Distance buckets (1, 2, 3, 4, 5–6, 7–9, 10+); 0 when either side is absent.
fn distance(a: usize, b: usize, n: usize) -> u64 {
    if a >= n || b >= n {
        return 0;
    }
    match a.abs_diff(b) {
        d @ 0..=4 => d as u64,
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

/// Features of a parser state (Zhang and Nivre 2011, adapted to arc-hybrid:
/// the second stack word matters as the head of a right arc).
fn transition_features(x: &Sentence, st: &State, out: &mut Vec<Feature>) {
    let n = x.n;
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let (b0, b1, b2) = (st.buf(0), st.buf(1), st.buf(2));
    let w = &x.word;
    let p = &x.tag;
    let wp = &x.word_tag;
    let lab = |i: u32| u64::from(x.label[i as usize]);
    let at = |v: &Vec<u32>, i: usize| v[i] as usize;
    let mut t = 0u32;
    let mut f = |values: &[u64]| {
        t += 1;
        out.push(feature(t, values));
    };
    f(&[]);
    // Single words.
    f(&[w[s0]]);
    f(&[p[s0]]);
    f(&[wp[s0]]);
    f(&[w[s1]]);
    f(&[p[s1]]);
    f(&[wp[s1]]);
    f(&[w[b0]]);
    f(&[p[b0]]);
    f(&[wp[b0]]);
    f(&[w[b1]]);
    f(&[p[b1]]);
    f(&[wp[b1]]);
    f(&[w[b2]]);
    f(&[p[b2]]);
    f(&[p[s2]]);
    // Pairs: s0 with b0, s1 with s0.
    f(&[wp[s0], wp[b0]]);
    f(&[wp[s0], w[b0]]);
    f(&[w[s0], wp[b0]]);
    f(&[wp[s0], p[b0]]);
    f(&[p[s0], wp[b0]]);
    f(&[w[s0], w[b0]]);
    f(&[p[s0], p[b0]]);
    f(&[p[b0], p[b1]]);
    f(&[wp[s1], wp[s0]]);
    f(&[w[s1], w[s0]]);
    f(&[p[s1], p[s0]]);
    f(&[wp[s1], p[s0]]);
    f(&[p[s1], wp[s0]]);
    // Tag trigrams.
    f(&[p[b0], p[b1], p[b2]]);
    f(&[p[s0], p[b0], p[b1]]);
    f(&[p[s1], p[s0], p[b0]]);
    f(&[p[s2], p[s1], p[s0]]);
    f(&[p[s1], p[s0], p[b0], p[b1]]);
    // Children of s0, s1, b0.
    let s0l1 = at(&x.lc1, s0);
    let s0r1 = at(&x.rc1, s0);
    let s0l2 = at(&x.lc2, s0);
    let s0r2 = at(&x.rc2, s0);
    let s1l1 = at(&x.lc1, s1);
    let s1r1 = at(&x.rc1, s1);
    let s1r2 = at(&x.rc2, s1);
    let b0l1 = at(&x.lc1, b0);
    let b0l2 = at(&x.lc2, b0);
    f(&[p[s0], p[s0l1], p[b0]]);
    f(&[p[s0], p[s0r1], p[b0]]);
    f(&[p[s0], p[b0], p[b0l1]]);
    f(&[p[s1], p[s0], p[s0l1]]);
    f(&[p[s1], p[s0], p[s0r1]]);
    f(&[p[s1], p[s1r1], p[s0]]);
    f(&[p[s1], p[s1l1], p[s0]]);
    f(&[p[s0], p[s0l1], p[s0l2]]);
    f(&[p[s0], p[s0r1], p[s0r2]]);
    f(&[p[b0], p[b0l1], p[b0l2]]);
    f(&[p[s1], p[s1r1], p[s1r2]]);
    for &c in &[s0l1, s0r1, b0l1, s1r1, s1l1] {
        f(&[w[c]]);
        f(&[p[c]]);
        f(&[lab(c as u32)]);
    }
    f(&[lab(s0l2 as u32)]);
    f(&[lab(s0r2 as u32)]);
    f(&[lab(b0l2 as u32)]);
    f(&[p[s0], lab(s0l1 as u32), lab(s0l2 as u32)]);
    f(&[p[s0], lab(s0r1 as u32), lab(s0r2 as u32)]);
    f(&[p[b0], lab(b0l1 as u32), lab(b0l2 as u32)]);
    // Distance.
    let d = distance(s0, b0, n);
    let d1 = distance(s1, s0, n);
    f(&[w[s0], d]);
    f(&[p[s0], d]);
    f(&[w[b0], d]);
    f(&[p[b0], d]);
    f(&[w[s0], w[b0], d]);
    f(&[p[s0], p[b0], d]);
    f(&[p[s1], p[s0], d1]);
    f(&[w[s1], w[s0], d1]);
    // Valency.
    let vl = |i: usize| u64::from(x.n_left[i]);
    let vr = |i: usize| u64::from(x.n_right[i]);
    f(&[w[s0], vr(s0)]);
    f(&[p[s0], vr(s0)]);
    f(&[w[s0], vl(s0)]);
    f(&[p[s0], vl(s0)]);
    f(&[w[b0], vl(b0)]);
    f(&[p[b0], vl(b0)]);
    f(&[p[s1], vr(s1)]);
    f(&[p[s1], vl(s1)]);
    // Label sets.
    f(&[w[s0], x.right_labels[s0]]);
    f(&[p[s0], x.right_labels[s0]]);
    f(&[w[s0], x.left_labels[s0]]);
    f(&[p[s0], x.left_labels[s0]]);
    f(&[w[b0], x.left_labels[b0]]);
    f(&[p[b0], x.left_labels[b0]]);
    f(&[p[s1], x.right_labels[s1]]);
    f(&[p[s1], x.left_labels[s1]]);
    // Is the buffer down to the root token / the stack to one word?
    f(&[u64::from(b0 == n), st.stack.len().min(3) as u64, p[s0]]);
}

/// Features for the relation of the arc `head → dep`, made when `dep`'s
/// subtree is complete.
fn relation_features(x: &Sentence, _st: &State, head: usize, dep: usize, out: &mut Vec<Feature>) {
    let n = x.n;
    let w = &x.word;
    let p = &x.tag;
    let wp = &x.word_tag;
    let none = n + 1;
    let dir = u64::from(dep < head);
    let d = distance(head, dep, n);
    let prev = |i: usize| if i > 0 && i < n { i - 1 } else { none };
    let next = |i: usize| if i + 1 < n { i + 1 } else { none };
    let lab = |i: u32| u64::from(x.label[i as usize]);
    // The head's child nearest to `dep` on the same side, attached before it.
    let sibling = if dep < head { x.lc1[head] } else { x.rc1[head] };
    let siblings = if dep < head {
        x.left_labels[head]
    } else {
        x.right_labels[head]
    };
    let mut t = 500u32;
    let mut f = |values: &[u64]| {
        t += 1;
        out.push(feature(t, values));
    };
    f(&[dir]);
    f(&[w[dep], dir]);
    f(&[p[dep], dir]);
    f(&[wp[dep], dir]);
    f(&[w[head], dir]);
    f(&[p[head], dir]);
    f(&[wp[head], dir]);
    f(&[p[dep], p[head], dir]);
    f(&[w[dep], p[head], dir]);
    f(&[p[dep], w[head], dir]);
    f(&[w[dep], w[head], dir]);
    f(&[p[dep], p[head], dir, d]);
    f(&[p[dep], dir, d]);
    f(&[p[dep], p[prev(dep)], p[head]]);
    f(&[p[dep], p[next(dep)], p[head]]);
    f(&[p[head], p[prev(head)], p[dep]]);
    f(&[p[head], p[next(head)], p[dep]]);
    f(&[p[dep], x.left_labels[dep], dir]);
    f(&[p[dep], x.right_labels[dep], dir]);
    f(&[p[dep], lab(x.lc1[dep]), lab(x.rc1[dep])]);
    f(&[w[dep], lab(x.lc1[dep])]);
    f(&[p[dep], p[x.lc1[dep] as usize], lab(x.lc1[dep])]);
    f(&[p[dep], p[x.rc1[dep] as usize], lab(x.rc1[dep])]);
    f(&[w[x.lc1[dep] as usize], p[dep], p[head]]);
    f(&[p[head], p[dep], siblings, dir]);
    f(&[p[head], p[dep], lab(sibling), dir]);
    f(&[w[head], p[dep], lab(sibling)]);
    f(&[p[head], x.left_labels[head], x.right_labels[head], p[dep]]);
    f(&[u64::from(head >= n), p[dep]]);
}

/// One training sentence: words, one tag each, gold heads (0 = root, else
/// 1-based) and relation names.
#[derive(Debug, Clone, Default)]
pub struct TrainSentence {
    pub words: Vec<String>,
    pub tags: Vec<String>,
    pub heads: Vec<u32>,
    pub labels: Vec<String>,
}

/// Knobs of [`train`].
#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub epochs: usize,
    pub seed: u64,
    /// From this epoch on (0-based) the trainer follows the model's own
    /// choices with probability `explore`, learning to recover from errors.
    pub explore_from: usize,
    pub explore: f64,
    /// Averaged weights below this are dropped from the frozen model.
    pub min_weight: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 12,
            seed: 0x5eed_0000_7a55,
            explore_from: 1,
            explore: 0.9,
            min_weight: 0.0,
        }
    }
}

/// What the trainer reports after each epoch.
pub struct EpochReport<'a> {
    pub epoch: usize,
    pub transitions: usize,
    pub transition_errors: usize,
    pub relation_errors: usize,
    pub relations: usize,
    /// Freezes the model as it stands (costs a second or so).
    pub snapshot: &'a dyn Fn() -> Parser,
}

/// Train a parser (seeded, deterministic). `report` is called after each epoch.
pub fn train(
    sentences: &[TrainSentence],
    options: &TrainOptions,
    report: &mut dyn FnMut(&EpochReport<'_>),
) -> Parser {
    let mut labels: Vec<String> = sentences
        .iter()
        .flat_map(|s| s.labels.iter().cloned())
        .collect();
    labels.push("root".to_string());
    labels.sort();
    labels.dedup();
    let label_id = |name: &str| {
        labels
            .binary_search_by(|l| l.as_str().cmp(name))
            .unwrap_or(0) as u16
    };
    let root_label = label_id("root");
    let gold: Vec<(Vec<u32>, Vec<u16>)> = sentences
        .iter()
        .map(|s| {
            let n = s.words.len();
            let heads = (0..n)
                .map(|i| match s.heads.get(i) {
                    Some(&h) if h >= 1 && (h as usize) <= n => h - 1,
                    _ => n as u32,
                })
                .chain([n as u32, n as u32])
                .collect();
            let labs = (0..n)
                .map(|i| s.labels.get(i).map_or(0, |l| label_id(l)))
                .collect();
            (heads, labs)
        })
        .collect();
    let mut moves = AveragedPerceptron::new(N_MOVES);
    let mut relations = AveragedPerceptron::new(labels.len());
    let mut rng = SplitMix64::new(options.seed);
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut feats = Vec::with_capacity(128);
    let mut scores = Vec::new();
    for epoch in 0..options.epochs {
        rng.shuffle(&mut order);
        let (mut steps, mut errors, mut rel_steps, mut rel_errors) = (0, 0, 0, 0);
        let explore = epoch >= options.explore_from;
        for &si in &order {
            let s = &sentences[si];
            let (gold_heads, gold_labels) = &gold[si];
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let mut x = Sentence::new(&words, |i| s.tags.get(i).map_or("", String::as_str));
            let mut st = State::new(x.n);
            while !st.is_terminal() {
                let valid = st.valid();
                let costs = st.costs(gold_heads);
                feats.clear();
                transition_features(&x, &st, &mut feats);
                moves.scores(&feats, &mut scores);
                let best_of = |ok: &dyn Fn(usize) -> bool| {
                    let mut best: Option<(usize, f32)> = None;
                    for (m, &score) in scores.iter().enumerate() {
                        if ok(m) && best.is_none_or(|(_, b)| score > b) {
                            best = Some((m, score));
                        }
                    }
                    best.map_or(SHIFT, |(m, _)| m)
                };
                let guess = best_of(&|m| valid[m]);
                let min_cost = costs.iter().copied().min().unwrap_or(0);
                let truth = best_of(&|m| valid[m] && costs[m] == min_cost);
                moves.tick();
                steps += 1;
                if costs[guess] != min_cost {
                    errors += 1;
                    moves.update(truth, &feats, 1.0);
                    moves.update(guess, &feats, -1.0);
                }
                let mv = if explore && costs[guess] != min_cost && rng.unit() < options.explore {
                    guess
                } else {
                    truth
                };
                let mut label = 0;
                if let Some((head, dep)) = st.arc_of(mv) {
                    if head == x.n {
                        label = root_label;
                    } else {
                        feats.clear();
                        relation_features(&x, &st, head, dep, &mut feats);
                        let root = usize::from(root_label);
                        let guess = relations.predict(&feats, &mut scores, |c| c != root);
                        label = guess as u16;
                        if gold_heads[dep] as usize == head {
                            let truth = usize::from(gold_labels[dep]);
                            rel_steps += 1;
                            relations.learn(truth, guess, &feats);
                            if truth != guess {
                                rel_errors += 1;
                            }
                            if !explore {
                                label = truth as u16;
                            }
                        }
                    }
                }
                st.apply(mv, label, &mut x);
            }
        }
        let snapshot = || {
            freeze(
                moves.finish(options.min_weight),
                relations.finish(options.min_weight),
                labels.clone(),
                root_label,
            )
        };
        report(&EpochReport {
            epoch,
            transitions: steps,
            transition_errors: errors,
            relations: rel_steps,
            relation_errors: rel_errors,
            snapshot: &snapshot,
        });
    }
    freeze(
        moves.finish(options.min_weight),
        relations.finish(options.min_weight),
        labels,
        root_label,
    )
}

fn freeze(
    transitions: LinearModel,
    relations: LinearModel,
    labels: Vec<String>,
    root_label: u16,
) -> Parser {
    let transitions = transitions.to_bytes();
    let relations = relations.to_bytes();
    Parser {
        relation_table: RelationTable::new(&relations, labels.len()).unwrap_or(RelationTable {
            groups: vec![SlotGroup::default(); 16],
            mask: 15,
            entries: Vec::new(),
        }),
        // The bytes come straight from the model, so they always read back.
        table: TransitionTable::new(&transitions).unwrap_or(TransitionTable {
            groups: vec![SlotGroup::default(); 16],
            mask: 15,
        }),
        transitions,
        relations,
        labels,
        root_label,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The oracle's zero-cost path rebuilds every projective gold tree.
    #[test]
    fn static_path_of_the_oracle_rebuilds_gold_trees() {
        // "Kerry and Lavrov discussed the issue ." heads (1-based, 0 = root).
        let heads_1 = [4u32, 3, 1, 0, 6, 4, 4];
        let n = heads_1.len();
        let gold: Vec<u32> = heads_1
            .iter()
            .map(|&h| if h == 0 { n as u32 } else { h - 1 })
            .chain([n as u32, n as u32])
            .collect();
        let words = ["Kerry", "and", "Lavrov", "discussed", "the", "issue", "."];
        let mut x = Sentence::new(&words, |_| "X");
        let mut st = State::new(n);
        while !st.is_terminal() {
            let costs = st.costs(&gold);
            let valid = st.valid();
            let mv = (0..N_MOVES).find(|&m| valid[m] && costs[m] == 0).unwrap();
            st.apply(mv, 1, &mut x);
        }
        assert_eq!(&x.head[..n], &gold[..n]);
    }

    #[test]
    fn repair_gives_one_root() {
        let mut arcs = vec![
            Arc { head: 0, label: 3 },
            Arc { head: 0, label: 3 },
            Arc { head: 9, label: 1 },
        ];
        repair_tree(&mut arcs, 3);
        assert_eq!(arcs.iter().filter(|a| a.head == 0).count(), 1);
        assert!(arcs.iter().all(|a| a.head as usize <= 3));
    }
}
