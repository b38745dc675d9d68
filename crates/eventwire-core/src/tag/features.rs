//! Features of the tagger. Every string a feature looks at is hashed once per
//! word ([`WordInfo`]); a feature is then a template number mixed with a few
//! of those hashes, so extracting ~30 features costs a few dozen
//! multiplications and no allocation.

use crate::clusters::Clusters;
use crate::model::hash::{feature, hash_bytes, hash_str, Feature};

/// Hash of "no word here" (before the start or past the end of a sentence).
const PAD: u64 = 0x5ad0_7e11_0000_0001;
/// Dictionary class of a word not in the dictionary.
pub const NO_CLASS: u16 = u16::MAX;
/// "Class" of a position before the sentence start.
pub const START_CLASS: u16 = u16::MAX - 1;

/// The hashed views of one word that features use.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordInfo {
    /// The form as written.
    pub form: u64,
    /// Lowercased, with numbers collapsed to their shape.
    pub norm: u64,
    pub prefix: [u64; 3],
    pub suffix: [u64; 4],
    pub shape: u64,
    /// Capitalisation, digit and hyphen flags (small integer).
    pub flags: u64,
    /// Most frequent class of the word in the training data, or [`NO_CLASS`].
    pub dict_class: u16,
    /// The same for the lowercased form (tells "Apple" from "apple" at a sentence start).
    pub lower_class: u16,
    /// Brown-cluster path prefixes of lengths 4, 6, 10 and 20, or [`PAD`]
    /// for a word outside the cluster vocabulary.
    pub cluster: [u64; 4],
}

/// The cluster prefixes of `word` for [`WordInfo::cluster`].
pub fn cluster_views(clusters: &Clusters, word: &str) -> [u64; 4] {
    clusters
        .get(word)
        .map_or([PAD; 4], |ids| ids.prefixes.map(u64::from))
}

/// Reusable buffers for [`word_info`].
#[derive(Debug, Default)]
pub struct InfoScratch {
    lower: String,
    shape: String,
}

const FLAG_UPPER_INITIAL: u64 = 1;
const FLAG_ALL_UPPER: u64 = 2;
const FLAG_DIGIT: u64 = 4;
const FLAG_HYPHEN: u64 = 8;
const FLAG_LOWER: u64 = 16;
const FLAG_PUNCT_ONLY: u64 = 32;

/// Lowercase `word` into `out` (ASCII fast path).
pub fn lowercase_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
    } else {
        for c in word.chars() {
            out.extend(c.to_lowercase());
        }
    }
}

/// Compute the hashed views of `word`; the dictionary classes are filled by the caller.
pub fn word_info(word: &str, scratch: &mut InfoScratch) -> WordInfo {
    let InfoScratch { lower, shape } = scratch;
    lowercase_into(word, lower);
    shape.clear();
    let mut flags = 0;
    let mut last = '\0';
    let mut run = 0;
    let mut n_upper = 0;
    let mut n_lower = 0;
    let mut n_alnum = 0;
    let mut n_chars = 0;
    for (i, c) in word.chars().enumerate() {
        n_chars += 1;
        let class = if c.is_uppercase() {
            n_upper += 1;
            if i == 0 {
                flags |= FLAG_UPPER_INITIAL;
            }
            'X'
        } else if c.is_lowercase() {
            n_lower += 1;
            'x'
        } else if c.is_ascii_digit() {
            flags |= FLAG_DIGIT;
            'd'
        } else if c.is_alphanumeric() {
            'x'
        } else {
            if c == '-' {
                flags |= FLAG_HYPHEN;
            }
            c
        };
        if c.is_alphanumeric() {
            n_alnum += 1;
        }
        // Runs of one class longer than four read the same ("Xxxxx" for every long capitalised word).
        if class == last {
            run += 1;
        } else {
            run = 1;
            last = class;
        }
        if run <= 4 {
            shape.push(class);
        }
    }
    if n_upper > 0 && n_lower == 0 {
        flags |= FLAG_ALL_UPPER;
    }
    if n_upper == 0 && n_lower > 0 {
        flags |= FLAG_LOWER;
    }
    if n_alnum == 0 && n_chars > 0 {
        flags |= FLAG_PUNCT_ONLY;
    }
    let norm = if flags & FLAG_DIGIT != 0 {
        let digits_only = word.bytes().all(|b| b.is_ascii_digit());
        if digits_only && word.len() == 4 {
            hash_str("!YEAR")
        } else {
            // Numbers look alike by shape: "12.5", "3:30", "1990s".
            hash_str(shape).rotate_left(7)
        }
    } else {
        hash_str(lower)
    };
    let lower_bytes = lower.as_bytes();
    let mut prefix = [PAD; 3];
    for (k, (end, c)) in lower.char_indices().take(3).enumerate() {
        prefix[k] = hash_bytes(&lower_bytes[..end + c.len_utf8()]);
    }
    let mut suffix = [PAD; 4];
    for (k, (start, _)) in lower.char_indices().rev().take(4).enumerate() {
        suffix[k] = hash_bytes(&lower_bytes[start..]);
    }
    WordInfo {
        form: hash_str(word),
        norm,
        prefix,
        suffix,
        shape: hash_str(shape),
        flags,
        dict_class: NO_CLASS,
        lower_class: NO_CLASS,
        cluster: [PAD; 4],
    }
}

/// Fill `out` with the features of word `i`, given the classes predicted for
/// the two words before it (`START_CLASS` before the sentence start).
/// In the second pass, `right` holds the first pass's classes of the whole
/// sentence, which gives the model the tags of the words to the right.
pub fn extract(
    words: &[WordInfo],
    i: usize,
    p1: u16,
    p2: u16,
    right: Option<&[u16]>,
    out: &mut Vec<Feature>,
) {
    out.clear();
    let w = &words[i];
    let at = |offset: isize| -> Option<&WordInfo> {
        i.checked_add_signed(offset).and_then(|j| words.get(j))
    };
    let norm_at = |offset| at(offset).map_or(PAD, |x| x.norm);
    let class_at = |offset| at(offset).map_or(START_CLASS, |x| x.dict_class);
    let cluster_at = |offset, k: usize| at(offset).map_or(PAD, |x| x.cluster[k]);
    let (p1, p2) = (u64::from(p1), u64::from(p2));
    let first = u64::from(i == 0);
    let (n1, n2) = (norm_at(1), norm_at(2));
    let (m1, m2) = (norm_at(-1), norm_at(-2));
    let (c1, c2) = (u64::from(class_at(1)), u64::from(class_at(2)));
    out.extend_from_slice(&[
        feature(0, &[]),
        feature(3, &[w.suffix[0]]),
        feature(4, &[w.suffix[1]]),
        feature(5, &[w.suffix[2]]),
        feature(6, &[w.suffix[3]]),
        feature(7, &[w.prefix[0]]),
        feature(8, &[w.prefix[1]]),
        feature(9, &[w.prefix[2]]),
        feature(10, &[w.shape]),
        feature(11, &[w.flags, first]),
        feature(12, &[p1]),
        feature(13, &[p2]),
        feature(14, &[p1, p2]),
        feature(16, &[m1]),
        feature(17, &[at(-1).map_or(PAD, |x| x.suffix[2])]),
        feature(18, &[m2]),
        feature(19, &[n1]),
        feature(20, &[at(1).map_or(PAD, |x| x.suffix[2])]),
        feature(21, &[n2]),
        feature(22, &[c1]),
        feature(23, &[c1, c2]),
        feature(24, &[p1, c1]),
        feature(27, &[c1, w.suffix[2]]),
        feature(28, &[at(1).map_or(PAD, |x| x.shape)]),
        feature(29, &[p1, w.suffix[2]]),
        feature(30, &[u64::from(w.lower_class), w.flags, first]),
        feature(31, &[w.shape, p1]),
        feature(1, &[w.norm]),
        feature(2, &[w.form]),
        feature(15, &[p1, w.norm]),
        feature(25, &[m1, w.norm]),
        feature(26, &[w.norm, n1]),
        // Word clusters generalise over words seen rarely or never in
        // training (lowercase names, unseen common nouns).
        feature(50, &[w.cluster[0]]),
        feature(51, &[w.cluster[1]]),
        feature(52, &[w.cluster[2]]),
        feature(53, &[w.cluster[3]]),
        feature(54, &[cluster_at(-1, 1)]),
        feature(55, &[cluster_at(1, 1)]),
        feature(56, &[cluster_at(-1, 2)]),
        feature(57, &[cluster_at(1, 2)]),
    ]);
    if let Some(right) = right {
        let tag_at = |j: usize| u64::from(right.get(j).copied().unwrap_or(START_CLASS));
        let (r1, r2) = (tag_at(i + 1), tag_at(i + 2));
        out.extend_from_slice(&[
            feature(40, &[r1]),
            feature(41, &[r1, r2]),
            feature(42, &[p1, r1]),
            feature(43, &[r1, w.norm]),
            feature(44, &[r1, w.suffix[2]]),
        ]);
    }
}
