//! Named-entity recognition: a greedy left-to-right tagger over BILOU tags
//! (an averaged perceptron over hashed word features) that reads a whole
//! document at once, so that what it decided for a word earlier in the
//! article is a feature later on ("extended prediction history", Ratinov and
//! Roth 2009), and so that headline words in capitals can look up how the
//! article's body spells them. A second model of the same form reads the
//! first one's tags for the whole document (the two-stage approach of
//! Krishnan and Manning 2006; built in, off in the shipped model). Word
//! clusters ([`crate::clusters`]), name dictionaries and word casing in
//! unlabelled news are features too.
//!
//! The model predicts the four CoNLL-2003 types (PER, ORG, LOC, MISC);
//! [`Recognizer::recognize`] then refines them with dictionaries (see
//! [`super::refine`]): a LOC that names a country, US state or city becomes
//! GPE, a MISC that names a nationality, religious or political group becomes
//! NORP. [`Recognizer::recognize_coarse`] gives the unrefined types.

use super::refine::{class as dict, word_key, Gazetteer, NameLists};
use crate::clusters::Clusters;
use crate::model::container::{ByteReader, ByteWriter, Container, ContainerBuilder, ModelError};
use crate::model::hash::{feature, hash_str, Feature};
use crate::model::linear::LinearModel;
use crate::model::perceptron::AveragedPerceptron;
use crate::model::perceptron::KeyMap;
use crate::model::rng::SplitMix64;

/// Kinds of named entity (OntoNotes-style names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Person,
    Org,
    Gpe,
    Loc,
    Norp,
    Fac,
    Event,
    Misc,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "PERSON",
            EntityKind::Org => "ORG",
            EntityKind::Gpe => "GPE",
            EntityKind::Loc => "LOC",
            EntityKind::Norp => "NORP",
            EntityKind::Fac => "FAC",
            EntityKind::Event => "EVENT",
            EntityKind::Misc => "MISC",
        }
    }
}

/// A recognised name: words `start..end` of one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Mention {
    pub start: usize,
    /// Exclusive.
    pub end: usize,
    pub kind: EntityKind,
}

/// The model's four types, in class order.
pub const COARSE_KINDS: [EntityKind; 4] = [
    EntityKind::Person,
    EntityKind::Org,
    EntityKind::Loc,
    EntityKind::Misc,
];

/// Number of tags: O, then B, I, L, U for each coarse type.
pub const N_TAGS: usize = 1 + 4 * COARSE_KINDS.len();
const OUTSIDE: u8 = 0;
const BEGIN: u8 = 0;
const INSIDE: u8 = 1;
const LAST: u8 = 2;
const UNIT: u8 = 3;

#[inline]
fn tag(kind: usize, part: u8) -> u8 {
    1 + 4 * kind as u8 + part
}

/// (kind, part) of a non-O tag.
#[inline]
fn split_tag(t: u8) -> Option<(usize, u8)> {
    (t != OUTSIDE && (t as usize) < N_TAGS).then(|| (((t - 1) / 4) as usize, (t - 1) % 4))
}

/// Tags that may follow `prev`; at the last word of a sentence no entity may
/// stay open.
#[inline]
fn allowed_after(prev: u8, last: bool) -> u32 {
    match split_tag(prev) {
        Some((k, BEGIN | INSIDE)) => {
            let close = 1 << tag(k, LAST);
            if last {
                close
            } else {
                close | 1 << tag(k, INSIDE)
            }
        }
        _ => {
            let mut mask = 1 << OUTSIDE;
            for k in 0..COARSE_KINDS.len() {
                mask |= 1 << tag(k, UNIT);
                if !last {
                    mask |= 1 << tag(k, BEGIN);
                }
            }
            mask
        }
    }
}

/// BILOU tags of a sentence of `len` words from its spans (start, end, kind
/// index into [`COARSE_KINDS`]). Spans must not overlap.
pub fn tags_from_spans(len: usize, spans: &[(usize, usize, usize)]) -> Vec<u8> {
    let mut tags = vec![OUTSIDE; len];
    for &(start, end, kind) in spans {
        if start >= end || end > len || kind >= COARSE_KINDS.len() {
            continue;
        }
        if end - start == 1 {
            tags[start] = tag(kind, UNIT);
        } else {
            tags[start] = tag(kind, BEGIN);
            for t in &mut tags[start + 1..end - 1] {
                *t = tag(kind, INSIDE);
            }
            tags[end - 1] = tag(kind, LAST);
        }
    }
    tags
}

/// Spans (start, end, kind index) of a BILOU tag sequence; ill-formed runs
/// are closed where they break, so any sequence gives valid spans.
pub fn spans_from_tags(tags: &[u8]) -> Vec<(usize, usize, usize)> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        match split_tag(t) {
            None => {
                if let Some((s, k)) = open.take() {
                    spans.push((s, i, k));
                }
            }
            Some((k, part)) => {
                let continues =
                    matches!(part, INSIDE | LAST) && open.is_some_and(|(_, ok)| ok == k);
                if !continues {
                    if let Some((s, ok)) = open.take() {
                        spans.push((s, i, ok));
                    }
                    open = Some((i, k));
                }
                if matches!(part, LAST | UNIT) {
                    if let Some((s, k)) = open.take() {
                        spans.push((s, i + 1, k));
                    }
                }
            }
        }
    }
    if let Some((s, k)) = open {
        spans.push((s, tags.len(), k));
    }
    spans
}

// ---------------------------------------------------------------------------
// Word casing in unlabelled news

/// How news text capitalises words away from sentence starts, learned from
/// unlabelled articles: for each lower-cased word seen often enough, one of
/// [`CASING_BANDS`] bands of the share of its mid-sentence occurrences that
/// are capitalised (almost never, sometimes, mostly, almost always). It tells
/// a headline's or a sentence start's "Japan" from its "Rain".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordCasing {
    /// Lower-cased words of each band.
    pub bands: [Vec<String>; CASING_BANDS],
}

pub const CASING_BANDS: usize = 4;

impl WordCasing {
    /// Bands from counts (lower-cased word, capitalised mid-sentence,
    /// lower case mid-sentence); words seen fewer than `min_count` times are
    /// left out.
    pub fn from_counts<'a>(
        counts: impl IntoIterator<Item = (&'a str, u32, u32)>,
        min_count: u32,
    ) -> Self {
        let mut casing = WordCasing::default();
        for (word, title, lower) in counts {
            let total = title + lower;
            if total < min_count {
                continue;
            }
            let share = f64::from(title) / f64::from(total);
            let band = if share < 0.05 {
                0
            } else if share < 0.5 {
                1
            } else if share < 0.95 {
                2
            } else {
                3
            };
            casing.bands[band].push(word.to_string());
        }
        for band in &mut casing.bands {
            band.sort_unstable();
        }
        casing
    }

    fn to_bytes(&self) -> Vec<u8> {
        let mut w = ByteWriter::default();
        for band in &self.bands {
            w.bytes(&crate::model::container::encode_strings(band));
        }
        w.0
    }

    fn from_bytes(data: &[u8]) -> Result<Self, ModelError> {
        let mut r = ByteReader::new(data);
        let mut casing = WordCasing::default();
        for band in &mut casing.bands {
            *band = crate::model::container::decode_strings(r.bytes("casing band")?)?;
        }
        Ok(casing)
    }

    /// Word key → band + 1.
    fn table(&self) -> KeyMap<u8> {
        let mut map = KeyMap::default();
        for (b, band) in self.bands.iter().enumerate() {
            for word in band {
                map.insert(word_key(word), b as u8 + 1);
            }
        }
        map
    }
}

// ---------------------------------------------------------------------------
// Features

/// Capitalisation of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Caps {
    Lower = 0,
    Title = 1,
    Upper = 2,
    Mixed = 3,
    NoLetters = 4,
}

/// What is known of one word before any tag is chosen.
#[derive(Debug, Clone, Copy, Default)]
struct WordInfo {
    word: u64,
    lower: u64,
    shape: u64,
    short: u64,
    prefix: [u64; 4],
    suffix: [u64; 4],
    caps: u8,
    /// Dictionary lists and position of the name covering the word.
    gaz_bits: u16,
    gaz_pos: u8,
    /// Dictionary lists of single name parts the word is on.
    part_bits: u16,
    /// Casing band + 1 in unlabelled news (0: unseen).
    casing: u8,
    /// Brown-cluster path prefixes (see [`crate::clusters`]); 0 when unknown.
    cluster: [u32; 4],
}

const PAD_BEFORE: u64 = 0x5f42_4f53_5f5f_5f01;
const PAD_AFTER: u64 = 0x5f45_4f53_5f5f_5f02;

fn word_info(word: &str, lower_buf: &mut String, shape_buf: &mut Vec<u8>) -> WordInfo {
    lower_buf.clear();
    if word.is_ascii() {
        lower_buf.push_str(word);
        lower_buf.make_ascii_lowercase();
    } else {
        lower_buf.extend(word.chars().flat_map(char::to_lowercase));
    }
    let (mut upper, mut lowers, mut letters) = (0usize, 0usize, 0usize);
    shape_buf.clear();
    let mut short = 0u64;
    let mut short_last = 0u8;
    for ch in word.chars() {
        let c = if ch.is_uppercase() {
            upper += 1;
            letters += 1;
            b'X'
        } else if ch.is_lowercase() {
            lowers += 1;
            letters += 1;
            b'x'
        } else if ch.is_alphabetic() {
            letters += 1;
            b'a'
        } else if ch.is_numeric() {
            b'd'
        } else if ch.is_ascii() {
            ch as u8
        } else {
            b'o'
        };
        if shape_buf.len() < 12 {
            shape_buf.push(c);
        }
        if c != short_last {
            short = short.wrapping_mul(131).wrapping_add(u64::from(c));
            short_last = c;
        }
    }
    let first_upper = word.chars().next().is_some_and(char::is_uppercase);
    let caps = if letters == 0 {
        Caps::NoLetters
    } else if upper == 0 {
        Caps::Lower
    } else if lowers == 0 {
        Caps::Upper
    } else if first_upper && upper == 1 {
        Caps::Title
    } else {
        Caps::Mixed
    };
    let lower = lower_buf.as_str();
    let mut prefix = [0u64; 4];
    let mut suffix = [0u64; 4];
    let ends = lower
        .char_indices()
        .skip(1)
        .map(|(i, _)| i)
        .chain(std::iter::once(lower.len()));
    for (k, end) in ends.take(4).enumerate() {
        prefix[k] = hash_str(&lower[..end]);
    }
    for (k, (start, _)) in lower.char_indices().rev().take(4).enumerate() {
        suffix[k] = hash_str(&lower[start..]);
    }
    WordInfo {
        word: hash_str(word),
        lower: word_key(lower),
        shape: crate::model::hash::hash_bytes(shape_buf),
        short: short.wrapping_add(0x9e37),
        prefix,
        suffix,
        caps: caps as u8,
        gaz_bits: 0,
        gaz_pos: 0,
        part_bits: 0,
        casing: 0,
        cluster: [0; 4],
    }
}

/// A sentence is a headline when no word in it has a lower-case letter.
fn is_headline(infos: &[WordInfo]) -> bool {
    let mut lettered = 0;
    for w in infos {
        match w.caps {
            c if c == Caps::Lower as u8 || c == Caps::Title as u8 || c == Caps::Mixed as u8 => {
                return false
            }
            c if c == Caps::Upper as u8 => lettered += 1,
            _ => {}
        }
    }
    lettered > 0
}

/// Per-document facts shared by every sentence.
#[derive(Default)]
struct DocContext {
    infos: Vec<Vec<WordInfo>>,
    headline: Vec<bool>,
    /// For each lower-cased word: bit 1 if the body has it in lower case,
    /// bit 2 if the body has it capitalised away from a sentence start.
    body_form: KeyMap<u8>,
    /// Types given so far in this document to each lower-cased word.
    history: KeyMap<[u16; 4]>,
    /// Second stage: types the first stage gave each lower-cased word
    /// anywhere in the document, and its tags.
    first_stage_votes: KeyMap<[u16; 4]>,
    first_stage_tags: Vec<Vec<u8>>,
    /// For each capitalised word: the words just before (direction 0) and
    /// after (1) its occurrences in the document, at most
    /// [`MAX_CONTEXTS`] ("context aggregation", Ratinov and Roth 2009).
    contexts: KeyMap<Vec<(u64, u64)>>,
}

const MAX_CONTEXTS: usize = 8;

fn is_capitalised(caps: u8) -> bool {
    caps == Caps::Title as u8 || caps == Caps::Upper as u8 || caps == Caps::Mixed as u8
}

impl DocContext {
    fn new(
        gazetteer: &Gazetteer,
        casing: &KeyMap<u8>,
        clusters: &Clusters,
        sentences: &[Vec<&str>],
    ) -> Self {
        let mut lower_buf = String::new();
        let mut shape_buf = Vec::new();
        let mut keys = Vec::new();
        let mut gaz = Vec::new();
        let mut ctx = DocContext::default();
        for sentence in sentences {
            let mut infos: Vec<WordInfo> = sentence
                .iter()
                .map(|w| word_info(w, &mut lower_buf, &mut shape_buf))
                .collect();
            keys.clear();
            keys.extend(infos.iter().map(|w| w.lower));
            gazetteer.annotate(&keys, &mut gaz);
            for (info, &(bits, pos)) in infos.iter_mut().zip(&gaz) {
                info.gaz_bits = bits;
                info.gaz_pos = pos;
                info.part_bits = gazetteer.word_bits(info.lower);
                info.casing = casing.get(&info.lower).copied().unwrap_or(0);
                if let Some(ids) = clusters
                    .get_by_hash(info.word)
                    .or_else(|| clusters.get_by_hash(info.lower))
                {
                    info.cluster = ids.prefixes;
                }
            }
            let headline = is_headline(&infos);
            if !headline {
                for w in infos.iter().skip(1) {
                    let bit = if w.caps == Caps::Lower as u8 {
                        1
                    } else if w.caps == Caps::Title as u8 {
                        2
                    } else {
                        0
                    };
                    if bit != 0 {
                        *ctx.body_form.entry(w.lower).or_insert(0) |= bit;
                    }
                }
            }
            ctx.infos.push(infos);
            ctx.headline.push(headline);
        }
        for infos in &ctx.infos {
            for (i, w) in infos.iter().enumerate() {
                if !is_capitalised(w.caps) {
                    continue;
                }
                let list = ctx.contexts.entry(w.lower).or_default();
                let before = i.checked_sub(1).and_then(|j| infos.get(j));
                for (dir, other) in [(0u64, before), (1, infos.get(i + 1))] {
                    if let Some(o) = other {
                        let item = (dir, o.lower);
                        if list.len() < MAX_CONTEXTS && !list.contains(&item) {
                            list.push(item);
                        }
                    }
                }
            }
        }
        ctx
    }

    fn set_first_stage(&mut self, tags: Vec<Vec<u8>>) {
        self.first_stage_votes.clear();
        for (infos, tags) in self.infos.iter().zip(&tags) {
            for (w, &t) in infos.iter().zip(tags) {
                if let Some((k, _)) = split_tag(t) {
                    self.first_stage_votes.entry(w.lower).or_insert([0; 4])[k] += 1;
                }
            }
        }
        self.first_stage_tags = tags;
    }
}

/// The most frequent type among `votes` and whether it is the only one.
fn majority(votes: &[u16; 4]) -> Option<(u64, u64)> {
    let total: u16 = votes.iter().sum();
    if total == 0 {
        return None;
    }
    let (best, &n) = votes
        .iter()
        .enumerate()
        .max_by_key(|&(i, &n)| (n, std::cmp::Reverse(i)))?;
    Some((best as u64, u64::from(n == total)))
}

/// Feature template numbers.
mod t {
    pub const BIAS: u32 = 1;
    pub const WORD: u32 = 2;
    pub const LOWER: u32 = 3;
    pub const SHAPE: u32 = 4;
    pub const SHORT: u32 = 5;
    pub const PREFIX: u32 = 6;
    pub const SUFFIX: u32 = 10;
    pub const PREV1: u32 = 14;
    pub const PREV2: u32 = 15;
    pub const NEXT1: u32 = 16;
    pub const NEXT2: u32 = 17;
    pub const BI_PREV: u32 = 18;
    pub const BI_NEXT: u32 = 19;
    pub const SHORT3: u32 = 20;
    pub const PREV_SHORT_WORD: u32 = 21;
    pub const WORD_NEXT_SHORT: u32 = 22;
    pub const TAG1: u32 = 23;
    pub const TAG12: u32 = 24;
    pub const TAG1_WORD: u32 = 25;
    pub const TAG1_SHORT: u32 = 26;
    pub const INITIAL: u32 = 27;
    pub const HEADLINE_WORD: u32 = 28;
    pub const HEADLINE_SHORT: u32 = 29;
    pub const BODY_FORM: u32 = 30;
    pub const BODY_FORM_INITIAL: u32 = 31;
    pub const HISTORY: u32 = 32;
    pub const HISTORY_CAPS: u32 = 33;
    pub const GAZ: u32 = 34;
    pub const GAZ_PREV: u32 = 35;
    pub const GAZ_NEXT: u32 = 36;
    pub const CAPS3: u32 = 37;
    pub const TAG1_PREV_WORD: u32 = 38;
    pub const PREV_SUFFIX3: u32 = 39;
    pub const NEXT_SUFFIX3: u32 = 40;
    pub const GAZ_SHORT: u32 = 41;
    pub const GAZ_PART: u32 = 42;
    pub const CONTEXT: u32 = 43;
    pub const CASING: u32 = 44;
    pub const CASING_SHORT: u32 = 45;
    pub const CLUSTER: u32 = 46;
    pub const CLUSTER_PREV: u32 = 47;
    pub const CLUSTER_NEXT: u32 = 48;
    pub const S1_TAG: u32 = 50;
    pub const S1_TAGS3: u32 = 51;
    pub const S1_VOTES: u32 = 52;
    pub const S1_VOTES_CAPS: u32 = 53;
    pub const S1_VOTES_TAG: u32 = 54;
}

/// Features of word `i` of sentence `s` given the two previous tags.
fn features(
    ctx: &DocContext,
    s: usize,
    i: usize,
    prev_tags: (u8, u8),
    second_stage: bool,
    out: &mut Vec<Feature>,
) {
    out.clear();
    let ws = &ctx.infos[s];
    let w = &ws[i];
    let lower_at = |j: isize| -> u64 {
        if j < 0 {
            PAD_BEFORE
        } else {
            ws.get(j as usize).map_or(PAD_AFTER, |x| x.lower)
        }
    };
    let short_at = |j: isize| -> u64 {
        if j < 0 {
            PAD_BEFORE
        } else {
            ws.get(j as usize).map_or(PAD_AFTER, |x| x.short)
        }
    };
    let info_at = |j: isize| -> Option<&WordInfo> {
        if j < 0 {
            None
        } else {
            ws.get(j as usize)
        }
    };
    let ii = i as isize;
    let (t1, t2) = (u64::from(prev_tags.0), u64::from(prev_tags.1));
    let caps = u64::from(w.caps);
    let headline = u64::from(ctx.headline[s]);
    let initial = u64::from(i == 0);

    out.push(feature(t::BIAS, &[]));
    out.push(feature(t::WORD, &[w.word]));
    out.push(feature(t::LOWER, &[w.lower]));
    out.push(feature(t::SHAPE, &[w.shape]));
    out.push(feature(t::SHORT, &[w.short]));
    for k in 0..4 {
        if w.prefix[k] != 0 {
            out.push(feature(t::PREFIX + k as u32, &[w.prefix[k]]));
        }
        if w.suffix[k] != 0 {
            out.push(feature(t::SUFFIX + k as u32, &[w.suffix[k]]));
        }
    }
    out.push(feature(t::PREV1, &[lower_at(ii - 1)]));
    out.push(feature(t::PREV2, &[lower_at(ii - 2)]));
    out.push(feature(t::NEXT1, &[lower_at(ii + 1)]));
    out.push(feature(t::NEXT2, &[lower_at(ii + 2)]));
    out.push(feature(t::BI_PREV, &[lower_at(ii - 1), w.lower]));
    out.push(feature(t::BI_NEXT, &[w.lower, lower_at(ii + 1)]));
    out.push(feature(
        t::SHORT3,
        &[short_at(ii - 1), w.short, short_at(ii + 1)],
    ));
    out.push(feature(t::PREV_SHORT_WORD, &[short_at(ii - 1), w.lower]));
    out.push(feature(t::WORD_NEXT_SHORT, &[w.lower, short_at(ii + 1)]));
    out.push(feature(t::TAG1, &[t1]));
    out.push(feature(t::TAG12, &[t1, t2]));
    out.push(feature(t::TAG1_WORD, &[t1, w.lower]));
    out.push(feature(t::TAG1_SHORT, &[t1, w.short]));
    out.push(feature(t::TAG1_PREV_WORD, &[t1, lower_at(ii - 1)]));
    out.push(feature(t::INITIAL, &[initial, headline, w.short]));
    if headline == 1 {
        out.push(feature(t::HEADLINE_WORD, &[w.lower]));
        out.push(feature(t::HEADLINE_SHORT, &[w.short, short_at(ii + 1)]));
    }
    let caps3 = |j: isize| info_at(j).map_or(9, |x| u64::from(x.caps));
    out.push(feature(t::CAPS3, &[caps3(ii - 1), caps, caps3(ii + 1)]));
    if let Some(p) = info_at(ii - 1) {
        out.push(feature(t::PREV_SUFFIX3, &[p.suffix[2]]));
    }
    if let Some(n) = info_at(ii + 1) {
        out.push(feature(t::NEXT_SUFFIX3, &[n.suffix[2]]));
    }

    for (k, &prefix) in w.cluster.iter().enumerate() {
        out.push(feature(t::CLUSTER, &[k as u64, u64::from(prefix)]));
    }
    if let Some(p) = info_at(ii - 1) {
        out.push(feature(t::CLUSTER_PREV, &[u64::from(p.cluster[1])]));
        out.push(feature(t::CLUSTER_PREV, &[u64::from(p.cluster[2])]));
    }
    if let Some(n) = info_at(ii + 1) {
        out.push(feature(t::CLUSTER_NEXT, &[u64::from(n.cluster[1])]));
        out.push(feature(t::CLUSTER_NEXT, &[u64::from(n.cluster[2])]));
    }
    if w.caps != Caps::NoLetters as u8 {
        let band = u64::from(w.casing);
        out.push(feature(t::CASING, &[band, caps, initial, headline]));
        out.push(feature(t::CASING_SHORT, &[band, w.short]));
    }

    // Document: how the body spells this word, and what it was called before.
    if w.caps != Caps::Lower as u8 && w.caps != Caps::NoLetters as u8 {
        let form = u64::from(ctx.body_form.get(&w.lower).copied().unwrap_or(0));
        out.push(feature(t::BODY_FORM, &[form, caps, headline]));
        out.push(feature(t::BODY_FORM_INITIAL, &[form, initial, w.short]));
        if let Some(list) = ctx.contexts.get(&w.lower) {
            for &(dir, word) in list {
                out.push(feature(t::CONTEXT, &[dir, word]));
            }
        }
        if let Some((kind, only)) = ctx.history.get(&w.lower).and_then(majority) {
            out.push(feature(t::HISTORY, &[kind, only]));
            out.push(feature(t::HISTORY_CAPS, &[kind, caps, initial]));
        }
    }

    // Dictionaries.
    for bit in 0..dict::COUNT {
        if w.part_bits & (1 << bit) != 0 {
            out.push(feature(t::GAZ_PART, &[u64::from(bit), caps]));
        }
        if w.gaz_bits & (1 << bit) != 0 {
            out.push(feature(t::GAZ, &[u64::from(bit), u64::from(w.gaz_pos)]));
            out.push(feature(t::GAZ_SHORT, &[u64::from(bit), w.short]));
        }
    }
    if let Some(p) = info_at(ii - 1).filter(|p| p.gaz_bits != 0) {
        out.push(feature(
            t::GAZ_PREV,
            &[u64::from(p.gaz_bits), u64::from(p.gaz_pos)],
        ));
    }
    if let Some(n) = info_at(ii + 1).filter(|n| n.gaz_bits != 0) {
        out.push(feature(
            t::GAZ_NEXT,
            &[u64::from(n.gaz_bits), u64::from(n.gaz_pos)],
        ));
    }

    if second_stage {
        let tags = &ctx.first_stage_tags[s];
        let tag_at = |j: isize| -> u64 {
            if j < 0 {
                99
            } else {
                tags.get(j as usize).map_or(98, |&t| u64::from(t))
            }
        };
        out.push(feature(t::S1_TAG, &[tag_at(ii)]));
        out.push(feature(
            t::S1_TAGS3,
            &[tag_at(ii - 1), tag_at(ii), tag_at(ii + 1)],
        ));
        if w.caps != Caps::Lower as u8 && w.caps != Caps::NoLetters as u8 {
            if let Some((kind, only)) = ctx.first_stage_votes.get(&w.lower).and_then(majority) {
                out.push(feature(t::S1_VOTES, &[kind, only]));
                out.push(feature(t::S1_VOTES_CAPS, &[kind, caps, headline]));
                out.push(feature(t::S1_VOTES_TAG, &[kind, tag_at(ii)]));
            }
        }
    }
}

/// Tag a whole document greedily; `decide(features, allowed, s, i)` picks a
/// tag among the `allowed` bit mask.
fn decode_document(
    ctx: &mut DocContext,
    second_stage: bool,
    mut decide: impl FnMut(&[Feature], u32, usize, usize) -> u8,
) -> Vec<Vec<u8>> {
    let mut feats = Vec::with_capacity(96);
    let mut all = Vec::with_capacity(ctx.infos.len());
    ctx.history.clear();
    for s in 0..ctx.infos.len() {
        let n = ctx.infos[s].len();
        let mut tags: Vec<u8> = Vec::with_capacity(n);
        let (mut p1, mut p2) = (OUTSIDE, OUTSIDE);
        for i in 0..n {
            features(ctx, s, i, (p1, p2), second_stage, &mut feats);
            let allowed = allowed_after(p1, i + 1 == n);
            let mut chosen = decide(&feats, allowed, s, i);
            if allowed & (1 << chosen) == 0 {
                chosen = OUTSIDE;
            }
            tags.push(chosen);
            p2 = p1;
            p1 = chosen;
        }
        // The history learns from whole spans, once the sentence is done.
        for (start, end, kind) in spans_from_tags(&tags) {
            for w in &ctx.infos[s][start..end] {
                ctx.history.entry(w.lower).or_insert([0; 4])[kind] += 1;
            }
        }
        all.push(tags);
    }
    all
}

#[inline]
fn best_in(scores: &[i32; N_TAGS], allowed: u32) -> u8 {
    let mut best = (OUTSIDE, i32::MIN);
    for (c, &s) in scores.iter().enumerate().take(N_TAGS) {
        if allowed & (1 << c) != 0 && s > best.1 {
            best = (c as u8, s);
        }
    }
    best.0
}

// ---------------------------------------------------------------------------
// Scoring

/// The run-time form of a trained [`LinearModel`] for this tagger: a table
/// of 8-byte slots (upper half of the feature key, row number) and one dense
/// row of [`N_TAGS`] weights per feature, so that a feature costs about two
/// memory reads instead of four. Built from the model's own bytes, whose
/// layout `LinearModel::to_bytes` defines.
#[derive(Debug, Clone)]
struct TagScorer {
    slots: Vec<u64>,
    mask: usize,
    rows: Vec<[i16; N_TAGS]>,
}

impl TagScorer {
    fn new(model: &LinearModel) -> Result<Self, ModelError> {
        let bytes = model.to_bytes();
        let mut r = ByteReader::new(&bytes);
        let n_classes = r.u32("class count")? as usize;
        if n_classes != N_TAGS {
            return Err(ModelError::Invalid(format!(
                "ner model has {n_classes} classes, expected {N_TAGS}"
            )));
        }
        let _scale = r.f32("scale")?;
        let n_rows = r.u32("row count")? as usize;
        let _n_weights = r.u32("weight count")?;
        let mut keys = Vec::with_capacity(n_rows);
        for _ in 0..n_rows {
            keys.push(r.u64("feature keys")?);
        }
        let mut lens = Vec::with_capacity(n_rows);
        for _ in 0..n_rows {
            lens.push(r.u16("row lengths")? as usize);
        }
        let narrow = r.u8("class width")? == 1;
        let total: usize = lens.iter().sum();
        let mut classes = Vec::with_capacity(total);
        for _ in 0..total {
            classes.push(if narrow {
                usize::from(r.u8("classes")?)
            } else {
                usize::from(r.u16("classes")?)
            });
        }
        let mut rows = vec![[0i16; N_TAGS]; n_rows];
        let mut at = 0;
        for (row, &len) in rows.iter_mut().zip(&lens) {
            for &c in &classes[at..at + len] {
                let w = r.i16("weights")?;
                if let Some(slot) = row.get_mut(c) {
                    *slot = w;
                }
            }
            at += len;
        }
        let capacity = (n_rows * 2).next_power_of_two().max(16);
        let mask = capacity - 1;
        let mut slots = vec![0u64; capacity];
        for (row, &key) in keys.iter().enumerate() {
            let mut i = (key as usize) & mask;
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = (key & 0xffff_ffff_0000_0000) | (row as u64 + 1);
        }
        Ok(TagScorer { slots, mask, rows })
    }

    /// Scores of every tag for `features`.
    #[inline]
    ///
    /// The tables are far larger than the caches, so each batch of features
    /// first reads every feature's first slot, then every found row, with
    /// reads that do not depend on each other: their cache misses overlap,
    /// and the probing and adding after them (with branches) hit the cache.
    fn scores(&self, features: &[Feature], scores: &mut [i32; N_TAGS]) {
        const BATCH: usize = 64;
        *scores = [0; N_TAGS];
        let mut found = [0u32; BATCH];
        for batch in features.chunks(BATCH) {
            let touched = batch
                .iter()
                .fold(0u64, |acc, &f| acc ^ self.slots[(f as usize) & self.mask]);
            std::hint::black_box(touched);
            let mut n_found = 0;
            for &f in batch {
                let high = f & 0xffff_ffff_0000_0000;
                let mut i = (f as usize) & self.mask;
                loop {
                    let slot = self.slots[i];
                    if slot == 0 {
                        break;
                    }
                    if slot & 0xffff_ffff_0000_0000 == high {
                        found[n_found] = (slot & 0xffff_ffff) as u32 - 1;
                        n_found += 1;
                        break;
                    }
                    i = (i + 1) & self.mask;
                }
            }
            let found = &found[..n_found];
            let touched = found.iter().fold(0i16, |acc, &r| {
                let row = &self.rows[r as usize];
                acc ^ row[0] ^ row[N_TAGS - 1]
            });
            std::hint::black_box(touched);
            for &r in found {
                for (s, &w) in scores.iter_mut().zip(&self.rows[r as usize]) {
                    *s += i32::from(w);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// The recogniser

const FORMAT: u32 = 1;

/// A trained named-entity recogniser with its dictionaries.
#[derive(Debug, Clone)]
pub struct Recognizer {
    first: LinearModel,
    second: Option<LinearModel>,
    first_scorer: TagScorer,
    second_scorer: Option<TagScorer>,
    names: NameLists,
    gazetteer: Gazetteer,
    casing: WordCasing,
    casing_table: KeyMap<u8>,
    /// The shipped word clusters (not stored in the ner file).
    clusters: Clusters,
}

static EMBEDDED: &[u8] = include_bytes!("../../models/ner.ewm");

impl Recognizer {
    /// The model shipped with eventwire.
    pub fn embedded() -> Result<Self, ModelError> {
        Self::from_bytes(EMBEDDED)
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        let container = Container::from_bytes(bytes)?;
        let mut meta = ByteReader::new(container.section("ner.meta")?);
        let format = meta.u32("format")?;
        if format != FORMAT {
            return Err(ModelError::Invalid(format!(
                "ner model format {format}, expected {FORMAT}"
            )));
        }
        let first = LinearModel::from_bytes(container.section("ner.first")?)?;
        let second = if container.has("ner.second") {
            Some(LinearModel::from_bytes(container.section("ner.second")?)?)
        } else {
            None
        };
        let names = NameLists::from_bytes(container.section("ner.names")?)?;
        let casing = if container.has("ner.casing") {
            WordCasing::from_bytes(container.section("ner.casing")?)?
        } else {
            WordCasing::default()
        };
        Self::assemble(first, second, names, casing)
    }

    fn assemble(
        first: LinearModel,
        second: Option<LinearModel>,
        names: NameLists,
        casing: WordCasing,
    ) -> Result<Self, ModelError> {
        let first_scorer = TagScorer::new(&first)?;
        let second_scorer = second.as_ref().map(TagScorer::new).transpose()?;
        let gazetteer = Gazetteer::new(&names);
        Ok(Recognizer {
            first,
            second,
            first_scorer,
            second_scorer,
            names,
            gazetteer,
            casing_table: casing.table(),
            casing,
            clusters: Clusters::embedded()?,
        })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut meta = ByteWriter::default();
        meta.u32(FORMAT);
        let mut b = ContainerBuilder::new();
        b.add("ner.meta", meta.0);
        b.add("ner.first", self.first.to_bytes());
        if let Some(second) = &self.second {
            b.add("ner.second", second.to_bytes());
        }
        b.add("ner.names", self.names.to_bytes());
        b.add("ner.casing", self.casing.to_bytes());
        b.to_bytes()
    }

    /// Whether the model has a second stage.
    pub fn is_two_stage(&self) -> bool {
        self.second.is_some()
    }

    /// Number of stored weights over both stages.
    pub fn n_weights(&self) -> usize {
        self.first.n_weights() + self.second.as_ref().map_or(0, LinearModel::n_weights)
    }

    /// The dictionaries used for features and refinement.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Names in a whole document (one entry per sentence, words as given),
    /// with refined kinds: PERSON, ORG, GPE, LOC, NORP, MISC.
    pub fn recognize(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Mention>> {
        let mut out = self.recognize_coarse(sentences);
        for (mentions, words) in out.iter_mut().zip(sentences) {
            for m in mentions.iter_mut() {
                if let Some(span) = words.get(m.start..m.end) {
                    m.kind = self.refine(span, m.kind);
                }
            }
        }
        out
    }

    /// Names with the model's own four kinds: Person, Org, Loc, Misc.
    pub fn recognize_coarse(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Mention>> {
        let tags = self.tag_document(sentences);
        tags.iter()
            .map(|t| {
                spans_from_tags(t)
                    .into_iter()
                    .map(|(start, end, k)| Mention {
                        start,
                        end,
                        kind: COARSE_KINDS[k],
                    })
                    .collect()
            })
            .collect()
    }

    /// The refined kind of a mention of `kind` with these words: a LOC that
    /// the dictionary knows as a country, US state or city is a GPE; a MISC
    /// known as a nationality, religious or political group is a NORP.
    pub fn refine(&self, words: &[&str], kind: EntityKind) -> EntityKind {
        match kind {
            EntityKind::Loc if self.gazetteer.lookup(words) & dict::GPE != 0 => EntityKind::Gpe,
            EntityKind::Misc if self.gazetteer.lookup(words) & dict::NORP != 0 => EntityKind::Norp,
            other => other,
        }
    }

    fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<u8>> {
        let mut ctx = DocContext::new(
            &self.gazetteer,
            &self.casing_table,
            &self.clusters,
            sentences,
        );
        let mut scores = [0i32; N_TAGS];
        let first = decode_document(&mut ctx, false, |f, allowed, _, _| {
            self.first_scorer.scores(f, &mut scores);
            best_in(&scores, allowed)
        });
        match &self.second_scorer {
            None => first,
            Some(second) => {
                ctx.set_first_stage(first);
                decode_document(&mut ctx, true, |f, allowed, _, _| {
                    second.scores(f, &mut scores);
                    best_in(&scores, allowed)
                })
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Training

/// A training document: sentences of words with their BILOU tags (see
/// [`tags_from_spans`]).
#[derive(Debug, Clone, Default)]
pub struct TrainDocument {
    pub sentences: Vec<(Vec<String>, Vec<u8>)>,
}

/// Settings of [`train`].
#[derive(Debug, Clone)]
pub struct TrainConfig {
    pub epochs: usize,
    pub seed: u64,
    /// Averaged weights smaller than this are dropped.
    pub min_weight: f32,
    /// Train a second stage on first-stage tags from `folds`-fold jackknifing.
    pub two_stage: bool,
    pub folds: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 16,
            seed: 2003,
            min_weight: 0.01,
            two_stage: false,
            folds: 4,
        }
    }
}

fn words_of(doc: &TrainDocument) -> Vec<Vec<&str>> {
    doc.sentences
        .iter()
        .map(|(w, _)| w.iter().map(String::as_str).collect())
        .collect()
}

/// Train one stage. `first_stage` gives, per document, the first stage's
/// tags (second stage only). `progress` hears each epoch.
fn train_stage(
    docs: &[&TrainDocument],
    gazetteer: &Gazetteer,
    casing: &KeyMap<u8>,
    clusters: &Clusters,
    first_stage: Option<&[Vec<Vec<u8>>]>,
    cfg: &TrainConfig,
    progress: &mut dyn FnMut(&str),
) -> LinearModel {
    let mut model = AveragedPerceptron::new(N_TAGS);
    let mut contexts: Vec<DocContext> = docs
        .iter()
        .map(|d| DocContext::new(gazetteer, casing, clusters, &words_of(d)))
        .collect();
    if let Some(tags) = first_stage {
        for (ctx, t) in contexts.iter_mut().zip(tags) {
            ctx.set_first_stage(t.clone());
        }
    }
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut rng = SplitMix64::new(cfg.seed);
    let mut scores = Vec::with_capacity(N_TAGS);
    for epoch in 0..cfg.epochs {
        rng.shuffle(&mut order);
        let (mut correct, mut total) = (0usize, 0usize);
        for &d in &order {
            let doc = docs[d];
            decode_document(
                &mut contexts[d],
                first_stage.is_some(),
                |f, allowed, s, i| {
                    let gold = doc.sentences[s].1.get(i).copied().unwrap_or(OUTSIDE);
                    model.scores(f, &mut scores);
                    let mut guess = OUTSIDE;
                    let mut best = f32::NEG_INFINITY;
                    for (c, &sc) in scores.iter().enumerate() {
                        if allowed & (1 << c) != 0 && sc > best {
                            best = sc;
                            guess = c as u8;
                        }
                    }
                    model.learn(gold as usize, guess as usize, f);
                    total += 1;
                    correct += usize::from(gold == guess);
                    guess
                },
            );
        }
        progress(&format!(
            "epoch {}/{}: {:.2}% of training tags right",
            epoch + 1,
            cfg.epochs,
            100.0 * correct as f64 / total.max(1) as f64
        ));
    }
    model.finish(cfg.min_weight)
}

/// Train a recogniser on `docs` with the place names in `names`.
pub fn train(
    docs: &[TrainDocument],
    names: NameLists,
    casing: WordCasing,
    cfg: &TrainConfig,
    progress: &mut dyn FnMut(&str),
) -> Result<Recognizer, ModelError> {
    let gazetteer = Gazetteer::new(&names);
    let casing_table = casing.table();
    let clusters = Clusters::embedded()?;
    let all: Vec<&TrainDocument> = docs.iter().collect();
    progress("first stage");
    let first = train_stage(
        &all,
        &gazetteer,
        &casing_table,
        &clusters,
        None,
        cfg,
        progress,
    );
    if !cfg.two_stage {
        return Recognizer::assemble(first, None, names, casing);
    }
    // First-stage tags for the training documents from models that did not
    // see them, so the second stage learns how far to trust them.
    let folds = cfg.folds.max(2);
    let mut jackknifed: Vec<Vec<Vec<u8>>> = vec![Vec::new(); docs.len()];
    for fold in 0..folds {
        progress(&format!("jackknife fold {}/{folds}", fold + 1));
        let train_part: Vec<&TrainDocument> = docs
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != fold)
            .map(|(_, d)| d)
            .collect();
        let model = train_stage(
            &train_part,
            &gazetteer,
            &casing_table,
            &clusters,
            None,
            cfg,
            &mut |_| {},
        );
        let held_out = Recognizer::assemble(model, None, names.clone(), casing.clone())?;
        for (i, doc) in docs.iter().enumerate().filter(|(i, _)| i % folds == fold) {
            jackknifed[i] = held_out.tag_document(&words_of(doc));
        }
    }
    progress("second stage");
    let second = train_stage(
        &all,
        &gazetteer,
        &casing_table,
        &clusters,
        Some(&jackknifed),
        cfg,
        progress,
    );
    Recognizer::assemble(first, Some(second), names, casing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilou_round_trip_and_repair() {
        let spans = vec![(0, 2, 0), (2, 3, 2), (4, 7, 1)];
        let tags = tags_from_spans(8, &spans);
        assert_eq!(spans_from_tags(&tags), spans);
        // I without B, B without L: still spans, never a panic.
        let broken = [
            tag(1, INSIDE),
            tag(1, LAST),
            tag(0, BEGIN),
            OUTSIDE,
            tag(3, BEGIN),
        ];
        assert_eq!(
            spans_from_tags(&broken),
            vec![(0, 2, 1), (2, 3, 0), (4, 5, 3)]
        );
    }

    #[test]
    fn transitions_keep_spans_well_formed() {
        let b = tag(0, BEGIN);
        assert_eq!(
            allowed_after(b, false),
            1 << tag(0, INSIDE) | 1 << tag(0, LAST)
        );
        assert_eq!(allowed_after(b, true), 1 << tag(0, LAST));
        assert_eq!(allowed_after(OUTSIDE, true) & (1 << tag(2, BEGIN)), 0);
    }
}
