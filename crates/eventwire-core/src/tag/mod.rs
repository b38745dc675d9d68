//! Part of speech (Universal POS and Penn Treebank tags) and lemmas.
//!
//! The tagger is a greedy left-to-right averaged perceptron over hashed
//! features (word, affixes, shape, the two previous predicted tags, words ±2
//! and the dictionary tags of the next two words). Its classes are the
//! (UPOS, XPOS) pairs seen in training (about a hundred), so one decision
//! gives both tags and they always agree. Frequent words that were
//! (nearly) always one class in training get that class from a dictionary
//! without scoring. Lemmas come from the form and the predicted Penn tag
//! ([`lemma`]).
//!
//! Use: load once with [`Tagger::embedded`] (or [`Tagger::from_bytes`]), then
//! call [`Tagger::tag`] per sentence; [`Tagger::tag_with`] reuses a
//! [`Scratch`] across calls so that tagging allocates nothing in the steady
//! state. Training ([`train()`]) is a pure function of the sentences and
//! options, seeded and deterministic.

mod features;
pub mod lemma;
mod packed;
mod train;

pub use train::{train, TrainOptions, TrainSentence, TrainWord};

use crate::clusters::Clusters;
use crate::model::container::{ByteReader, ByteWriter, Container, ContainerBuilder, ModelError};
use crate::model::hash::{hash_str, Feature};
use crate::model::linear::argmax;
use crate::model::perceptron::KeyMap;
use features::{cluster_views, extract, word_info, InfoScratch, WordInfo, NO_CLASS, START_CLASS};
use lemma::Lemmatizer;
use packed::PackedModel;

/// The model shipped with eventwire (trained on UD English EWT).
static EMBEDDED: &[u8] = include_bytes!("../../models/pos.ewm");

/// The bytes of the committed model (for size reports).
pub fn embedded_bytes() -> &'static [u8] {
    EMBEDDED
}

/// Format version written into the model's metadata section.
const FORMAT: u32 = 1;

/// The tags and lemma of one word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tagged {
    /// Universal POS tag id; name via [`Tagger::upos_name`].
    pub upos: u16,
    /// Penn Treebank tag id; name via [`Tagger::xpos_name`].
    pub xpos: u16,
    pub lemma: String,
}

/// Buffers reused from one sentence to the next.
#[derive(Debug, Default)]
pub struct Scratch {
    info: InfoScratch,
    words: Vec<WordInfo>,
    /// Class fixed by the dictionary, per word, or [`NO_CLASS`].
    fixed: Vec<u16>,
    first: Vec<u16>,
    second: Vec<u16>,
    /// Per word of the first pass, its closest finite-verb reading.
    candidates: Vec<Option<FiniteCandidate>>,
    buffers: Buffers,
    lower: String,
}

/// Buffers of one decoding pass.
#[derive(Debug, Default)]
pub(crate) struct Buffers {
    features: Vec<Feature>,
    scores: Vec<i32>,
    rows: Vec<(u32, u32)>,
}

/// Greedy left-to-right decoding of one sentence into `out` (one class per
/// word); `right` is the first pass's output when this is the second pass.
pub(crate) fn decode(
    model: &PackedModel,
    words: &[WordInfo],
    fixed: &[u16],
    right: Option<&[u16]>,
    buffers: &mut Buffers,
    out: &mut Vec<u16>,
) {
    out.clear();
    decode_from(model, words, fixed, right, buffers, out, None);
}

/// The closest a word came to a finite verb: the best finite-verb class and
/// how far its score fell below the chosen class's.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FiniteCandidate {
    class: u16,
    margin: i32,
}

/// Decode words `out.len()..` after the classes already in `out`; with
/// `finite`, also record each scored word's [`FiniteCandidate`] (indexed
/// by word, `None` for words the dictionary fixed).
fn decode_from(
    model: &PackedModel,
    words: &[WordInfo],
    fixed: &[u16],
    right: Option<&[u16]>,
    buffers: &mut Buffers,
    out: &mut Vec<u16>,
    mut finite: Option<(&[u16], &mut Vec<Option<FiniteCandidate>>)>,
) {
    let start = out.len();
    let before = |back: usize| start.checked_sub(back).map_or(START_CLASS, |i| out[i]);
    let (mut p1, mut p2) = (before(1), before(2));
    if let Some((_, candidates)) = finite.as_mut() {
        candidates.truncate(start);
    }
    for (i, &fixed_class) in fixed.iter().enumerate().take(words.len()).skip(start) {
        let mut candidate = None;
        let class = match fixed_class {
            NO_CLASS => {
                extract(words, i, p1, p2, right, &mut buffers.features);
                model.scores(&buffers.features, &mut buffers.rows, &mut buffers.scores);
                let best = argmax(&buffers.scores, |_| true).unwrap_or(0);
                if let Some((finite_classes, _)) = finite.as_ref() {
                    let score = |c: u16| buffers.scores.get(usize::from(c)).copied();
                    candidate = finite_classes
                        .iter()
                        .filter_map(|&c| Some((c, score(c)?)))
                        .max_by_key(|&(_, s)| s)
                        .map(|(class, s)| FiniteCandidate {
                            class,
                            margin: buffers.scores[best] - s,
                        });
                }
                best as u16
            }
            class => class,
        };
        if let Some((_, candidates)) = finite.as_mut() {
            candidates.push(candidate);
        }
        out.push(class);
        (p2, p1) = (p1, class);
    }
}

/// What the tagger knows of one training word form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DictEntry {
    /// Its most frequent class.
    class: u16,
    /// Whether that class is safe to assign without scoring.
    fixed: bool,
}

/// A trained tagger and lemmatizer.
#[derive(Debug, Clone)]
pub struct Tagger {
    upos_names: Vec<String>,
    xpos_names: Vec<String>,
    /// Per class: (upos id, xpos id).
    classes: Vec<(u16, u16)>,
    /// The weights of the first pass and (optionally) of the second pass
    /// that also sees first-pass tags to the right: as saved, and laid out
    /// for fast scoring.
    first: Vec<u8>,
    second: Option<Vec<u8>>,
    first_packed: PackedModel,
    second_packed: Option<PackedModel>,
    /// Word form hash → dictionary entry; saved in `dict_entries` order.
    dict: KeyMap<DictEntry>,
    dict_entries: Vec<(String, DictEntry)>,
    lemmatizer: Lemmatizer,
    /// Word clusters for features (the committed clusters model, not saved in pos.ewm).
    clusters: Clusters,
    /// The finite-verb classes (VBD, VBZ, VBP), the readings the repair of
    /// [`Tagger::finite_verb_repair`] may choose.
    finite: Vec<u16>,
    /// Per class: a verb that makes a sentence a clause (finite, modal or base form).
    verbal: Vec<bool>,
    /// Per class: a past participle (VBN), a noun, and a word that starts a
    /// noun phrase (determiner, number, possessive, name), for
    /// [`Tagger::participle_repair`].
    participle: Vec<bool>,
    noun: Vec<bool>,
    object_start: Vec<bool>,
}

/// Whether a sentence ends as prose does (`.`, `!`, `?`, before closing
/// quotes and brackets), not as a heading or caption.
fn ends_as_prose(words: &[&str]) -> bool {
    words
        .iter()
        .rev()
        .find(|w| !matches!(**w, "\"" | "'" | "”" | "’" | ")"))
        .is_some_and(|w| matches!(*w, "." | "!" | "?"))
}

/// Fewest words of a sentence the finite-verb repair looks at.
const FINITE_MIN_WORDS: usize = 4;
/// How far below its chosen class a word's finite-verb score may be for
/// [`Tagger::finite_verb_repair`] to retag it: the largest margin that left
/// EWT dev unchanged (16,000 cost 0.01 UPOS; most sentences it touches are
/// web fragments, not news).
const FINITE_MARGIN: i32 = 8_000;
/// The same for [`Tagger::participle_repair`], whose context is narrower:
/// EWT dev is unchanged at any margin for participles (+0.01 UPOS from the
/// past forms read as no verb, from 64,000 on); a bound still lets a
/// confident reading stand.
const PARTICIPLE_MARGIN: i32 = 64_000;

impl Tagger {
    /// The model committed with eventwire.
    pub fn embedded() -> Result<Tagger, ModelError> {
        Tagger::from_bytes(EMBEDDED)
    }

    fn new(
        upos_names: Vec<String>,
        xpos_names: Vec<String>,
        classes: Vec<(u16, u16)>,
        first: Vec<u8>,
        second: Option<Vec<u8>>,
        dict_entries: Vec<(String, DictEntry)>,
        lemmatizer: Lemmatizer,
    ) -> Result<Tagger, ModelError> {
        let first_packed = PackedModel::from_bytes(&first)?;
        let second_packed = second.as_deref().map(PackedModel::from_bytes).transpose()?;
        if std::iter::once(&first_packed)
            .chain(&second_packed)
            .any(|m| m.n_classes() != classes.len())
        {
            return Err(ModelError::Invalid(
                "weights and class list disagree".into(),
            ));
        }
        let dict = dict_entries
            .iter()
            .map(|(form, entry)| (hash_str(form), *entry))
            .collect();
        let clusters = Clusters::embedded()?;
        let has_xpos = |names: &[&str]| -> Vec<bool> {
            classes
                .iter()
                .map(|&(_, x)| {
                    xpos_names
                        .get(usize::from(x))
                        .is_some_and(|n| names.contains(&n.as_str()))
                })
                .collect()
        };
        let finite = (0..)
            .zip(has_xpos(&["VBD", "VBZ", "VBP"]))
            .filter_map(|(class, is_finite)| is_finite.then_some(class))
            .collect();
        let participle = has_xpos(&["VBN"]);
        let noun = has_xpos(&["NN", "NNS", "NNP", "NNPS"]);
        let object_start = has_xpos(&["DT", "CD", "PRP$", "NNP", "NNPS", "JJ"]);
        let verbal = has_xpos(&["VBD", "VBZ", "VBP", "MD", "VB"]);
        Ok(Tagger {
            clusters,
            finite,
            verbal,
            participle,
            noun,
            object_start,
            upos_names,
            xpos_names,
            classes,
            first,
            second,
            first_packed,
            second_packed,
            dict,
            dict_entries,
            lemmatizer,
        })
    }

    pub fn upos_name(&self, id: u16) -> &str {
        self.upos_names.get(usize::from(id)).map_or("X", |s| s)
    }

    pub fn xpos_name(&self, id: u16) -> &str {
        self.xpos_names.get(usize::from(id)).map_or("XX", |s| s)
    }

    /// All Universal POS tag names, indexed by id.
    pub fn upos_names(&self) -> &[String] {
        &self.upos_names
    }

    /// All Penn tag names, indexed by id.
    pub fn xpos_names(&self) -> &[String] {
        &self.xpos_names
    }

    /// Tag one sentence: `out` is cleared and gets one entry per word.
    pub fn tag(&self, words: &[&str], out: &mut Vec<Tagged>) {
        self.tag_with(words, &mut Scratch::default(), out);
    }

    /// [`Tagger::tag`] reusing `scratch` (and the lemma strings already in `out`).
    pub fn tag_with(&self, words: &[&str], scratch: &mut Scratch, out: &mut Vec<Tagged>) {
        self.prepare(words, scratch);
        let Scratch {
            words: infos,
            fixed,
            first,
            second,
            candidates,
            buffers,
            lower,
            ..
        } = scratch;
        first.clear();
        let finite = Some((self.finite.as_slice(), &mut *candidates));
        decode_from(
            &self.first_packed,
            infos,
            fixed,
            None,
            buffers,
            first,
            finite,
        );
        let repair = self
            .finite_verb_repair(words, first, candidates)
            .or_else(|| self.participle_repair(words, first, candidates));
        if let Some(at) = repair {
            first.truncate(at);
            first.push(candidates[at].map_or(0, |c| c.class));
            decode_from(&self.first_packed, infos, fixed, None, buffers, first, None);
        }
        let classes = match &self.second_packed {
            Some(model) => {
                decode(model, infos, fixed, Some(first), buffers, second);
                second
            }
            None => first,
        };
        out.truncate(words.len());
        out.resize_with(words.len(), Tagged::default);
        for ((tagged, word), &class) in out.iter_mut().zip(words).zip(classes.iter()) {
            let (upos, xpos) = self
                .classes
                .get(usize::from(class))
                .copied()
                .unwrap_or_default();
            tagged.upos = upos;
            tagged.xpos = xpos;
            self.lemmatizer.lemma(word, xpos, lower, &mut tagged.lemma);
        }
    }

    /// The word to read as a finite verb, if the first pass found none.
    ///
    /// Nearly every sentence of news prose has a finite verb, and a greedy
    /// tagger that gives it none has usually misread one: a past tense read
    /// as a participle ("Troops arrested/VBN 20 protesters") or an unknown
    /// verb as a preposition ("Russian planes bombed/IN Aleppo"). The word
    /// whose finite-verb score came closest to its chosen class is retagged,
    /// if it came within [`FINITE_MARGIN`]. Only sentences that end
    /// as prose does (`.`, `!`, `?`) are looked at, so headings and captions
    /// keep their verbless reading, and only lowercase words may become the
    /// verb, so names stay names.
    fn finite_verb_repair(
        &self,
        words: &[&str],
        classes: &[u16],
        candidates: &[Option<FiniteCandidate>],
    ) -> Option<usize> {
        if words.len() < FINITE_MIN_WORDS || !ends_as_prose(words) || self.has_verbal(classes) {
            return None;
        }
        let lowercase_word = |w: &str| w.chars().all(|c| c.is_lowercase() || c == '-');
        candidates
            .iter()
            .enumerate()
            .filter(|&(i, _)| words.get(i).is_some_and(|w| lowercase_word(w)))
            .filter_map(|(i, c)| c.map(|c| (i, c.margin)))
            .filter(|&(_, margin)| margin <= FINITE_MARGIN)
            .min_by_key(|&(i, margin)| (margin, i))
            .map(|(i, _)| i)
    }

    /// A participle read where the main clause's verb should be: the first
    /// verb of the sentence, tagged VBN with no auxiliary before it (or a
    /// past form in `-ed` tagged as no verb at all), right after a noun and
    /// right before the start of an object ("Russian planes attacked/VBN
    /// Aleppo on Tuesday, activists said"; "Russian planes bombed/IN
    /// Aleppo"). A passive reduced relative is followed by a preposition or
    /// an adverb, rarely by a determiner, number or name, so that reading is
    /// retagged as a past tense when its score came within
    /// [`PARTICIPLE_MARGIN`].
    fn participle_repair(
        &self,
        words: &[&str],
        classes: &[u16],
        candidates: &[Option<FiniteCandidate>],
    ) -> Option<usize> {
        let is = |set: &[bool], i: usize| {
            classes
                .get(i)
                .is_some_and(|&c| set.get(usize::from(c)) == Some(&true))
        };
        // A lowercase past form the pass read as no verb at all
        // ("planes bombed/IN Aleppo") counts as a participle here.
        let past_form = |i: usize| {
            let w = words[i];
            w.len() > 4 && w.ends_with("ed") && w.chars().all(|c| c.is_lowercase())
        };
        let first_verb = (0..classes.len()).find(|&i| {
            is(&self.verbal, i)
                || is(&self.participle, i)
                || (i > 0 && is(&self.noun, i - 1) && past_form(i) && is(&self.object_start, i + 1))
        })?;
        let lowercase = words[first_verb].chars().all(|c| c.is_lowercase());
        let margin = candidates.get(first_verb).copied().flatten()?.margin;
        // In a prose sentence with no verb at all, a bare noun may start the
        // object too ("Turkish warplanes bombed/VBN targets of the PKK.").
        let verbless_prose = ends_as_prose(words) && !self.has_verbal(classes);
        let object_follows = is(&self.object_start, first_verb + 1)
            || (verbless_prose && is(&self.noun, first_verb + 1));
        (first_verb > 0
            && lowercase
            && margin <= PARTICIPLE_MARGIN
            && !is(&self.verbal, first_verb)
            && is(&self.noun, first_verb - 1)
            && object_follows)
            .then_some(first_verb)
    }

    fn has_verbal(&self, classes: &[u16]) -> bool {
        classes
            .iter()
            .any(|&c| self.verbal.get(usize::from(c)) == Some(&true))
    }

    /// Hash every word once and look it up in the dictionary.
    fn prepare(&self, words: &[&str], scratch: &mut Scratch) {
        scratch.words.clear();
        scratch.fixed.clear();
        for word in words {
            let mut info = word_info(word, &mut scratch.info);
            let entry = self.dict.get(&info.form);
            info.dict_class = entry.map_or(NO_CLASS, |e| e.class);
            info.lower_class = self.dict.get(&info.norm).map_or(NO_CLASS, |e| e.class);
            info.cluster = cluster_views(&self.clusters, word);
            scratch.words.push(info);
            scratch
                .fixed
                .push(entry.filter(|e| e.fixed).map_or(NO_CLASS, |e| e.class));
        }
    }

    /// Serialise the model (the format [`Tagger::from_bytes`] reads).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut builder = ContainerBuilder::new();
        let mut meta = ByteWriter::default();
        meta.u32(FORMAT);
        builder.add("meta", meta.0);
        builder.add_strings("upos", &self.upos_names);
        builder.add_strings("xpos", &self.xpos_names);
        let mut classes = ByteWriter::default();
        classes.u32(self.classes.len() as u32);
        for &(u, x) in &self.classes {
            classes.u16(u);
            classes.u16(x);
        }
        builder.add("classes", classes.0);
        builder.add("weights", self.first.clone());
        if let Some(second) = &self.second {
            builder.add("weights_second", second.clone());
        }
        let forms: Vec<&str> = self.dict_entries.iter().map(|(f, _)| f.as_str()).collect();
        builder.add_strings("dict_forms", &forms);
        let mut entries = ByteWriter::default();
        for (_, e) in &self.dict_entries {
            entries.u16(e.class);
            entries.u8(u8::from(e.fixed));
        }
        builder.add("dict_classes", entries.0);
        builder.add("lemmas", self.lemmatizer.to_bytes());
        builder.to_bytes()
    }

    /// Load a model written by [`Tagger::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        let container = Container::from_bytes(bytes)?;
        let format = ByteReader::new(container.section("meta")?).u32("format version")?;
        if format != FORMAT {
            return Err(ModelError::Invalid(format!(
                "tagger format {format}, expected {FORMAT}"
            )));
        }
        let upos_names = container.strings("upos")?;
        let xpos_names = container.strings("xpos")?;
        let mut r = ByteReader::new(container.section("classes")?);
        let n = r.u32("class count")? as usize;
        let mut classes = Vec::with_capacity(n.min(1 << 16));
        for _ in 0..n {
            let (u, x) = (r.u16("classes")?, r.u16("classes")?);
            if usize::from(u) >= upos_names.len() || usize::from(x) >= xpos_names.len() {
                return Err(ModelError::Invalid("class names out of range".into()));
            }
            classes.push((u, x));
        }
        let first = container.section("weights")?.to_vec();
        let second = if container.has("weights_second") {
            Some(container.section("weights_second")?.to_vec())
        } else {
            None
        };
        let forms = container.strings("dict_forms")?;
        let mut r = ByteReader::new(container.section("dict_classes")?);
        let mut dict_entries = Vec::with_capacity(forms.len());
        for form in forms {
            let class = r.u16("dictionary classes")?;
            let fixed = r.u8("dictionary classes")? == 1;
            if usize::from(class) >= classes.len() {
                return Err(ModelError::Invalid("dictionary class out of range".into()));
            }
            dict_entries.push((form, DictEntry { class, fixed }));
        }
        let lemmatizer = Lemmatizer::from_bytes(container.section("lemmas")?)?;
        Tagger::new(
            upos_names,
            xpos_names,
            classes,
            first,
            second,
            dict_entries,
            lemmatizer,
        )
    }

    /// Sizes, for reports: (features, weights, dictionary words, lemma exceptions).
    pub fn stats(&self) -> (usize, usize, usize, usize) {
        (
            self.first_packed.n_features()
                + self.second_packed.as_ref().map_or(0, |m| m.n_features()),
            self.first_packed.n_weights()
                + self.second_packed.as_ref().map_or(0, |m| m.n_weights()),
            self.dict_entries.len(),
            self.lemmatizer.n_exceptions(),
        )
    }
}
