//! Evaluation of the time-expression stage (TIMEX3 recognition and
//! normalisation) on TempEval-3 and MEANTIME.
//!
//! Data: TempEval-3 task A (UzZaman et al. 2013): TimeBank + AQUAINT
//! ("TBAQ-cleaned", the training set, used for development) and the
//! TE3-platinum test set, as TimeML files; MEANTIME English (NewsReader,
//! CC BY 4.0), four topics of Wikinews articles, never used for development.
//!
//! Setting: the text inside `<TEXT>` with every tag removed and XML entities
//! decoded goes to our segmenter and tagger, then to `find_times` with the
//! document creation time (DCT) as the anchor. The DCT itself is not scored:
//! in TimeML it sits outside `<TEXT>` (the official scorer skips `t0`); in
//! MEANTIME it is a markable in the text (the date line), and both that
//! markable and any of our expressions overlapping it are left out.
//! MEANTIME annotates time expressions in the first six sentences only
//! (title, date line, four more): our expressions after them are not scored.
//!
//! Scores (TE3 task A): strict match = same extent, relaxed match = any
//! overlap, both one-to-one (exact pairs first, then the largest overlap).
//! Type and value accuracy are over relaxed matches; "value F1" is TE3's
//! attribute F1, relaxed F1 × value accuracy, i.e. precision and recall
//! counting only relaxed matches whose value is right. Values are compared
//! as strings, exactly, as the official scorer does.
//!
//! `EVENTWIRE_TIME_ERRORS=train` prints the errors on the training split
//! (never on a test split: rules are not tuned on test data).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::xml::decode_entities;
use anyhow::Context as _;
use eventwire_core::document::{Document, Input, Span, TimeExpression, Token};
use eventwire_core::models::Models;
use eventwire_core::pipeline::{annotate, Options};
use eventwire_core::time::{find_times, Anchor};

use crate::coref;

/// The TempEval-3 folders of each split, under `tempeval3/`.
pub const TRAIN: [&str; 2] = ["train/TimeBank", "train/AQUAINT"];
pub const TEST: [&str; 1] = ["test/te3-platinum"];

/// The MEANTIME topics, under `meantime-en/intra_cross-doc_annotation/`.
pub const MEANTIME_CORPORA: [&str; 4] =
    ["corpus_airbus", "corpus_apple", "corpus_gm", "corpus_stock"];

/// MEANTIME annotates time expressions in the first six sentences of each
/// article only (title, date line and four more; its other layers are also
/// complete only there), so the rest of the text is not scored.
pub const MEANTIME_ANNOTATED_SENTENCES: usize = 6;

/// One gold time expression, as a byte span of the document's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldTimex {
    pub tid: String,
    pub start: u32,
    pub end: u32,
    /// TIMEX3 `type`: DATE, TIME, DURATION or SET.
    pub kind: String,
    /// TIMEX3 `value` ("" when the annotation has none).
    pub value: String,
}

/// One gold document: the text our stage sees, its clock and its TIMEX3s.
#[derive(Debug, Clone, Default)]
pub struct TimeDoc {
    pub name: String,
    /// The folder or topic the document comes from.
    pub corpus: String,
    pub text: String,
    /// The document creation time's value (`YYYY-MM-DD...`), if any.
    pub dct: Option<String>,
    /// Scored gold expressions, sorted by start.
    pub timexes: Vec<GoldTimex>,
    /// Spans left out of the scoring (a DCT written in the text): gold and
    /// predicted expressions overlapping them do not count.
    pub ignored: Vec<Span>,
}

// ---------------------------------------------------------------- TimeML

/// Read one TimeML document: the `<TEXT>` content with its tags stripped
/// and entities decoded, the byte spans of its TIMEX3s, and the DCT.
pub fn read_timeml(xml: &str, name: &str, corpus: &str) -> anyhow::Result<TimeDoc> {
    let (body_start, body_end) = text_element(xml).context("no <TEXT> element")?;
    let mut dct = None;
    // The DCT usually sits in <DCT>, before <TEXT>; any TIMEX3 outside the
    // text marked as the creation time counts.
    for region in [&xml[..body_start], &xml[body_end..]] {
        for tag in markup(region) {
            if let Markup::Open { name, attrs, .. } = tag {
                if name == "TIMEX3"
                    && attribute(attrs, "functionInDocument").as_deref() == Some("CREATION_TIME")
                {
                    dct = dct.or_else(|| attribute(attrs, "value"));
                }
            }
        }
    }
    let mut text = String::with_capacity(body_end - body_start);
    let mut timexes = Vec::new();
    let mut ignored = Vec::new();
    // Open TIMEX3s: (start in the stripped text, attributes).
    let mut open: Vec<(usize, Option<String>, String, String, bool)> = Vec::new();
    for piece in markup(&xml[body_start..body_end]) {
        match piece {
            Markup::Text(raw) => decode_entities(raw, &mut text),
            Markup::Literal(raw) => text.push_str(raw),
            Markup::Open {
                name: "TIMEX3",
                attrs,
                empty,
            } => {
                // An empty TIMEX3 is a non-consuming one: it has no extent to find.
                if empty {
                    continue;
                }
                let is_dct =
                    attribute(attrs, "functionInDocument").as_deref() == Some("CREATION_TIME");
                if is_dct {
                    dct = dct.or_else(|| attribute(attrs, "value"));
                }
                open.push((
                    text.len(),
                    attribute(attrs, "tid"),
                    attribute(attrs, "type").unwrap_or_default(),
                    attribute(attrs, "value").unwrap_or_default(),
                    is_dct,
                ));
            }
            Markup::Close { name: "TIMEX3" } => {
                let (start, tid, kind, value, is_dct) = open.pop().with_context(|| {
                    format!("</TIMEX3> without <TIMEX3> at byte {}", text.len())
                })?;
                if is_dct {
                    ignored.push(Span::new(start, text.len()));
                } else if text.len() > start {
                    timexes.push(GoldTimex {
                        tid: tid.unwrap_or_else(|| format!("t@{start}")),
                        start: start as u32,
                        end: text.len() as u32,
                        kind,
                        value,
                    });
                }
            }
            _ => {}
        }
    }
    anyhow::ensure!(open.is_empty(), "unclosed <TIMEX3> in <TEXT>");
    timexes.sort_by_key(|t| (t.start, t.end));
    Ok(TimeDoc {
        name: name.to_string(),
        corpus: corpus.to_string(),
        text,
        dct,
        timexes,
        ignored,
    })
}

/// Byte range of the content of the (first) `<TEXT>` element.
fn text_element(xml: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(found) = xml[from..].find("<TEXT") {
        let at = from + found;
        let after = &xml[at + 5..];
        match after.chars().next() {
            Some('>') => {
                let start = at + 6;
                let end = start + xml[start..].find("</TEXT>")?;
                return Some((start, end));
            }
            Some(c) if c.is_whitespace() => {
                let start = at + 5 + after.find('>')? + 1;
                let end = start + xml[start..].find("</TEXT>")?;
                return Some((start, end));
            }
            _ => from = at + 5,
        }
    }
    None
}

/// A piece of XML content.
#[derive(Debug, PartialEq, Eq)]
enum Markup<'a> {
    /// Character data, entities not yet decoded.
    Text(&'a str),
    /// CDATA content, taken as it is.
    Literal(&'a str),
    Open {
        name: &'a str,
        attrs: &'a str,
        empty: bool,
    },
    Close {
        name: &'a str,
    },
}

/// The tags and text runs of an XML fragment, in order. Comments,
/// processing instructions and declarations are skipped; a `<` that opens
/// no tag (no closing `>`) is taken as text.
fn markup(xml: &str) -> impl Iterator<Item = Markup<'_>> {
    let mut rest = xml;
    std::iter::from_fn(move || loop {
        if rest.is_empty() {
            return None;
        }
        let Some(lt) = rest.find('<') else {
            let text = rest;
            rest = "";
            return Some(Markup::Text(text));
        };
        if lt > 0 {
            let text = &rest[..lt];
            rest = &rest[lt..];
            return Some(Markup::Text(text));
        }
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        if let Some(after) = rest.strip_prefix("<![CDATA[") {
            let end = after.find("]]>").unwrap_or(after.len());
            let literal = &after[..end];
            rest = after.get(end + 3..).unwrap_or("");
            return Some(Markup::Literal(literal));
        }
        let Some(gt) = tag_end(rest) else {
            let text = rest;
            rest = "";
            return Some(Markup::Text(text));
        };
        let inner = &rest[1..gt];
        rest = &rest[gt + 1..];
        if inner.starts_with('?') || inner.starts_with('!') {
            continue;
        }
        if let Some(name) = inner.strip_prefix('/') {
            return Some(Markup::Close { name: name.trim() });
        }
        let (body, empty) = match inner.strip_suffix('/') {
            Some(body) => (body, true),
            None => (inner, false),
        };
        let name_end = body.find(char::is_whitespace).unwrap_or(body.len());
        return Some(Markup::Open {
            name: &body[..name_end],
            attrs: &body[name_end..],
            empty,
        });
    })
}

/// Index of the `>` closing the tag that starts `tag`, skipping quoted
/// attribute values (which may hold a `>`).
fn tag_end(tag: &str) -> Option<usize> {
    let mut quote = None;
    for (i, b) in tag.bytes().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// The decoded value of attribute `wanted` (single or double quotes).
fn attribute(attrs: &str, wanted: &str) -> Option<String> {
    let mut rest = attrs;
    loop {
        let eq = rest.find('=')?;
        let name = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let quote = after.chars().next()?;
        if quote != '"' && quote != '\'' {
            return None;
        }
        let value_len = after[1..].find(quote)?;
        if name == wanted {
            let mut value = String::new();
            decode_entities(&after[1..1 + value_len], &mut value);
            return Some(value);
        }
        rest = &after[1 + value_len + 1..];
    }
}

/// The TimeML documents of the given folders under `tempeval3/`, by name.
pub fn load_tempeval(data: &Path, folders: &[&str]) -> anyhow::Result<Vec<TimeDoc>> {
    let mut docs = Vec::new();
    for folder in folders {
        let dir = data.join("tempeval3").join(folder);
        for file in files_with_extension(&dir, "tml")? {
            let xml = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let name = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            docs.push(
                read_timeml(&xml, &name, folder)
                    .with_context(|| format!("parsing {}", file.display()))?,
            );
        }
    }
    anyhow::ensure!(!docs.is_empty(), "no TimeML documents in {folders:?}");
    Ok(docs)
}

fn files_with_extension(dir: &Path, extension: &str) -> anyhow::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == extension))
        .collect();
    files.sort();
    Ok(files)
}

// -------------------------------------------------------------- MEANTIME

/// Read one MEANTIME (CAT XML) document: the text rebuilt from its tokens as
/// the coreference evaluation does, and its TIMEX3 markables over tokens.
pub fn read_meantime(xml: &str, name: &str, corpus: &str) -> anyhow::Result<TimeDoc> {
    let gold = coref::parse_document(xml, name, corpus)?;
    // parse_document numbers tokens in document order; so does this walk.
    let mut token_index: HashMap<String, usize> = HashMap::new();
    let mut timexes = Vec::new();
    let mut ignored = Vec::new();
    let mut dct = None;
    // (m_id, type, value, creation time, token indexes) of the open TIMEX3.
    let mut open: Option<(String, String, String, bool, Vec<usize>)> = None;
    for piece in markup(xml) {
        match piece {
            Markup::Open {
                name: "token",
                attrs,
                ..
            } => {
                let id = attribute(attrs, "t_id").context("token without t_id")?;
                let next = token_index.len();
                token_index.entry(id).or_insert(next);
            }
            Markup::Open {
                name: "TIMEX3",
                attrs,
                empty,
            } => {
                let is_dct =
                    attribute(attrs, "functionInDocument").as_deref() == Some("CREATION_TIME");
                let value = attribute(attrs, "value").unwrap_or_default();
                if is_dct {
                    dct = dct.or_else(|| Some(value.clone()));
                }
                // An empty TIMEX3 anchors no tokens: nothing to find in the text.
                open = (!empty).then(|| {
                    (
                        attribute(attrs, "m_id").unwrap_or_default(),
                        attribute(attrs, "type").unwrap_or_default(),
                        value,
                        is_dct,
                        Vec::new(),
                    )
                });
            }
            Markup::Open {
                name: "token_anchor",
                attrs,
                ..
            } => {
                if let Some((_, _, _, _, tokens)) = open.as_mut() {
                    let id = attribute(attrs, "t_id").unwrap_or_default();
                    tokens.extend(token_index.get(&id).copied());
                }
            }
            Markup::Close { name: "TIMEX3" } => {
                let Some((id, kind, value, is_dct, tokens)) = open.take() else {
                    continue;
                };
                let first = tokens.iter().min().and_then(|&i| gold.tokens.get(i));
                let last = tokens.iter().max().and_then(|&i| gold.tokens.get(i));
                let (Some(first), Some(last)) = (first, last) else {
                    continue;
                };
                if is_dct {
                    ignored.push(Span::new(first.start as usize, last.end as usize));
                } else {
                    timexes.push(GoldTimex {
                        tid: format!("m{id}"),
                        start: first.start,
                        end: last.end,
                        kind,
                        value,
                    });
                }
            }
            _ => {}
        }
    }
    if let Some(last) = gold.sentences.get(MEANTIME_ANNOTATED_SENTENCES - 1) {
        if (last.end as usize) < gold.text.len() {
            ignored.push(Span::new(last.end as usize, gold.text.len()));
        }
    }
    timexes.sort_by_key(|t| (t.start, t.end));
    Ok(TimeDoc {
        name: name.to_string(),
        corpus: corpus.to_string(),
        text: gold.text,
        dct,
        timexes,
        ignored,
    })
}

/// All MEANTIME English documents, by topic and name.
pub fn load_meantime(data: &Path) -> anyhow::Result<Vec<TimeDoc>> {
    let root = data.join("meantime-en/intra_cross-doc_annotation");
    let mut docs = Vec::new();
    for corpus in MEANTIME_CORPORA {
        for file in files_with_extension(&root.join(corpus), "xml")? {
            let xml = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let name = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            docs.push(
                read_meantime(&xml, &name, corpus)
                    .with_context(|| format!("parsing {}", file.display()))?,
            );
        }
    }
    anyhow::ensure!(!docs.is_empty(), "no MEANTIME documents");
    Ok(docs)
}

// ---------------------------------------------------------------- scorer

/// Counts behind the TE3 task A timex scores.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TimexCounts {
    pub gold: u64,
    pub predicted: u64,
    /// One-to-one pairs with the same extent.
    pub strict: u64,
    /// One-to-one pairs that overlap (strict ones included).
    pub relaxed: u64,
    /// Relaxed pairs with the same type / the same value.
    pub type_match: u64,
    pub value_match: u64,
}

/// Precision, recall and F1 of `hits` out of `predicted` and `gold`.
pub fn prf(hits: u64, predicted: u64, gold: u64) -> (f64, f64, f64) {
    let p = ratio(hits, predicted);
    let r = ratio(hits, gold);
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl TimexCounts {
    pub fn add(&mut self, other: TimexCounts) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.strict += other.strict;
        self.relaxed += other.relaxed;
        self.type_match += other.type_match;
        self.value_match += other.value_match;
    }
    pub fn strict_prf(&self) -> (f64, f64, f64) {
        prf(self.strict, self.predicted, self.gold)
    }
    pub fn relaxed_prf(&self) -> (f64, f64, f64) {
        prf(self.relaxed, self.predicted, self.gold)
    }
    pub fn type_accuracy(&self) -> f64 {
        ratio(self.type_match, self.relaxed)
    }
    pub fn value_accuracy(&self) -> f64 {
        ratio(self.value_match, self.relaxed)
    }
    /// TE3 attribute F1 for the value: relaxed F1 × value accuracy.
    pub fn value_prf(&self) -> (f64, f64, f64) {
        prf(self.value_match, self.predicted, self.gold)
    }
    pub fn type_prf(&self) -> (f64, f64, f64) {
        prf(self.type_match, self.predicted, self.gold)
    }
}

/// One-to-one pairing of gold and predicted spans that overlap: pairs with
/// the same extent first, then by largest overlap, then leftmost. Returns
/// `(gold index, predicted index)` pairs sorted by gold index.
pub fn match_spans(gold: &[(u32, u32)], predicted: &[(u32, u32)]) -> Vec<(usize, usize)> {
    // Per document both lists are short (tens of spans), so every gold span
    // looks at the predicted ones that start before it ends.
    let mut by_start: Vec<usize> = (0..predicted.len()).collect();
    by_start.sort_by_key(|&i| predicted[i]);
    let mut candidates = Vec::new();
    for (g, &(gs, ge)) in gold.iter().enumerate() {
        for &p in &by_start {
            let (ps, pe) = predicted[p];
            if ps >= ge {
                break;
            }
            let overlap = ge.min(pe).saturating_sub(gs.max(ps));
            if overlap > 0 {
                // Sort key: exact extent first, then larger overlap, then order.
                candidates.push((!(gs == ps && ge == pe), u32::MAX - overlap, g, p));
            }
        }
    }
    candidates.sort_unstable();
    let mut gold_used = vec![false; gold.len()];
    let mut predicted_used = vec![false; predicted.len()];
    let mut pairs = Vec::new();
    for (_, _, g, p) in candidates {
        if !gold_used[g] && !predicted_used[p] {
            gold_used[g] = true;
            predicted_used[p] = true;
            pairs.push((g, p));
        }
    }
    pairs.sort_unstable();
    pairs
}

/// The scoring of one document.
#[derive(Debug, Clone, Default)]
pub struct DocScore {
    pub counts: TimexCounts,
    /// Scored gold expressions (indexes into `TimeDoc::timexes`).
    pub gold: Vec<usize>,
    /// Scored predicted expressions (indexes into the predictions): those
    /// not overlapping an ignored span.
    pub predicted: Vec<usize>,
    /// Matched pairs, as indexes into `TimeDoc::timexes` and the predictions.
    pub pairs: Vec<(usize, usize)>,
}

fn overlaps(span: &Span, start: u32, end: u32) -> bool {
    span.start.max(start) < span.end.min(end)
}

/// Score the predictions for one document (TE3 task A, see the module docs).
pub fn score_doc(doc: &TimeDoc, predicted: &[TimeExpression]) -> DocScore {
    let outside = |start: u32, end: u32| !doc.ignored.iter().any(|s| overlaps(s, start, end));
    let gold: Vec<usize> = (0..doc.timexes.len())
        .filter(|&i| outside(doc.timexes[i].start, doc.timexes[i].end))
        .collect();
    let kept: Vec<usize> = (0..predicted.len())
        .filter(|&i| predicted[i].end > predicted[i].start)
        .filter(|&i| outside(predicted[i].start, predicted[i].end))
        .collect();
    let gold_spans: Vec<(u32, u32)> = gold
        .iter()
        .map(|&i| (doc.timexes[i].start, doc.timexes[i].end))
        .collect();
    let predicted_spans: Vec<(u32, u32)> = kept
        .iter()
        .map(|&i| (predicted[i].start, predicted[i].end))
        .collect();
    let mut counts = TimexCounts {
        gold: gold.len() as u64,
        predicted: kept.len() as u64,
        ..TimexCounts::default()
    };
    let mut pairs = Vec::new();
    for (g, p) in match_spans(&gold_spans, &predicted_spans) {
        let (gold_timex, ours) = (&doc.timexes[gold[g]], &predicted[kept[p]]);
        counts.relaxed += 1;
        if gold_spans[g] == predicted_spans[p] {
            counts.strict += 1;
        }
        if gold_timex.kind == ours.kind {
            counts.type_match += 1;
        }
        if gold_timex.value == ours.value.as_deref().unwrap_or("") {
            counts.value_match += 1;
        }
        pairs.push((gold[g], kept[p]));
    }
    DocScore {
        counts,
        gold,
        predicted: kept,
        pairs,
    }
}

// ------------------------------------------------------------ prediction

/// Our output for a set of documents, and the time `find_times` took.
pub struct Predictions {
    pub times: Vec<Vec<TimeExpression>>,
    /// Best of three passes of `find_times` alone over all documents.
    pub find_times: Duration,
    pub bytes: usize,
}

/// The `YYYY-MM-DD` prefix of a TIMEX3 date value, if it has one.
pub fn day_of(value: &str) -> Option<&str> {
    let day = value.get(..10)?;
    let b = day.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    (digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)).then_some(day)
}

/// Run our segmenter and tagger (with `models`), then the time stage, on
/// every document, anchored on its DCT.
pub fn predict(docs: &[TimeDoc], models: &Models) -> Predictions {
    let mut inputs: Vec<(Vec<Span>, Vec<Token>)> = Vec::with_capacity(docs.len());
    for gold in docs {
        let input = Input::text(gold.name.clone());
        let mut doc = Document::new(input, gold.text.clone());
        doc.published = gold.dct.as_deref().and_then(day_of).map(str::to_string);
        annotate(&mut doc, Options { tokens: true }, models);
        inputs.push((doc.sentences, doc.tokens.unwrap_or_default()));
    }
    let anchors: Vec<Anchor> = docs
        .iter()
        .map(|d| Anchor {
            date: d.dct.as_deref().and_then(day_of),
            source: "published",
        })
        .collect();
    let mut best = Duration::MAX;
    let mut times = Vec::new();
    for _ in 0..3 {
        let started = Instant::now();
        let pass: Vec<Vec<TimeExpression>> = docs
            .iter()
            .zip(&inputs)
            .zip(&anchors)
            .map(|((doc, (sentences, tokens)), anchor)| {
                find_times(&doc.text, sentences, tokens, anchor)
            })
            .collect();
        best = best.min(started.elapsed());
        times = pass;
    }
    Predictions {
        times,
        find_times: best,
        bytes: docs.iter().map(|d| d.text.len()).sum(),
    }
}

// ---------------------------------------------------------------- report

/// Scores of a set of documents: totals and, per gold type, (gold, relaxed
/// matches, value matches).
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub counts: TimexCounts,
    pub by_type: BTreeMap<String, (u64, u64, u64)>,
    pub documents: usize,
}

impl Report {
    pub fn add(&mut self, doc: &TimeDoc, predicted: &[TimeExpression], score: &DocScore) {
        self.counts.add(score.counts);
        self.documents += 1;
        for &g in &score.gold {
            let kind = doc.timexes[g].kind.clone();
            self.by_type.entry(kind).or_default().0 += 1;
        }
        for &(g, p) in &score.pairs {
            let entry = self.by_type.entry(doc.timexes[g].kind.clone()).or_default();
            entry.1 += 1;
            if predicted[p].value.as_deref().unwrap_or("") == doc.timexes[g].value {
                entry.2 += 1;
            }
        }
    }
}

/// Score `predictions` of `docs` into one report.
pub fn score_all(docs: &[TimeDoc], predictions: &[Vec<TimeExpression>]) -> Report {
    let mut report = Report::default();
    for (doc, predicted) in docs.iter().zip(predictions) {
        let score = score_doc(doc, predicted);
        report.add(doc, predicted, &score);
    }
    report
}

fn print_report(title: &str, report: &Report, speed: Option<(Duration, usize)>) {
    let c = &report.counts;
    let (sp, sr, sf) = c.strict_prf();
    let (rp, rr, rf) = c.relaxed_prf();
    let (_, _, vf) = c.value_prf();
    let (_, _, tf) = c.type_prf();
    println!(
        "{title}: {} documents, {} gold, {} predicted",
        report.documents, c.gold, c.predicted
    );
    println!(
        "  strict   P {:5.1}  R {:5.1}  F1 {:5.1}",
        sp * 100.0,
        sr * 100.0,
        sf * 100.0
    );
    println!(
        "  relaxed  P {:5.1}  R {:5.1}  F1 {:5.1}",
        rp * 100.0,
        rr * 100.0,
        rf * 100.0
    );
    println!(
        "  type accuracy {:5.1}  (type F1 {:5.1})   value accuracy {:5.1}  value F1 {:5.1}",
        c.type_accuracy() * 100.0,
        tf * 100.0,
        c.value_accuracy() * 100.0,
        vf * 100.0
    );
    let mut line = String::from("  per gold type (gold / found / right value):");
    for (kind, (gold, found, right)) in &report.by_type {
        let _ = write!(line, "  {kind} {gold}/{found}/{right}");
    }
    println!("{line}");
    if let Some((time, bytes)) = speed {
        let seconds = time.as_secs_f64().max(1e-9);
        println!(
            "  find_times alone: {:.1} ms for {:.2} MB = {:.1} MB/s (one thread)",
            seconds * 1e3,
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / seconds
        );
    }
}

/// `text[start..end]` widened by `wide` bytes each side (on char
/// boundaries), with newlines flattened and the expression in brackets.
fn in_context(text: &str, start: u32, end: u32, wide: usize) -> String {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (start, end) = (
        floor(start as usize),
        floor(end as usize).max(floor(start as usize)),
    );
    let before = floor(start.saturating_sub(wide));
    let after = floor(end + wide);
    let flat = |s: &str| s.replace(['\n', '\r', '\t'], " ");
    format!(
        "{}[{}]{}",
        flat(&text[before..start]),
        flat(&text[start..end]),
        flat(&text[end..after])
    )
}

fn span_text(text: &str, start: u32, end: u32) -> &str {
    text.get(start as usize..end as usize).unwrap_or("")
}

/// Print the errors of a development split: counts of the most frequent
/// missed, spurious and wrongly valued expressions, then each error in context.
fn print_errors(docs: &[TimeDoc], predictions: &[Vec<TimeExpression>]) {
    let mut missed: BTreeMap<String, u64> = BTreeMap::new();
    let mut spurious: BTreeMap<String, u64> = BTreeMap::new();
    let mut wrong_value: BTreeMap<String, u64> = BTreeMap::new();
    let mut extent: BTreeMap<String, u64> = BTreeMap::new();
    let mut lines = Vec::new();
    for (doc, predicted) in docs.iter().zip(predictions) {
        let score = score_doc(doc, predicted);
        let matched_gold: Vec<usize> = score.pairs.iter().map(|p| p.0).collect();
        let matched_ours: Vec<usize> = score.pairs.iter().map(|p| p.1).collect();
        for &g in &score.gold {
            if matched_gold.contains(&g) {
                continue;
            }
            let t = &doc.timexes[g];
            *missed
                .entry(span_text(&doc.text, t.start, t.end).to_lowercase())
                .or_default() += 1;
            lines.push(format!(
                "MISSED    {}: {} {} {}  | {}",
                doc.name,
                t.kind,
                t.value,
                span_text(&doc.text, t.start, t.end),
                in_context(&doc.text, t.start, t.end, 50)
            ));
        }
        for &p in &score.predicted {
            if matched_ours.contains(&p) {
                continue;
            }
            let ours = &predicted[p];
            *spurious.entry(ours.text.to_lowercase()).or_default() += 1;
            lines.push(format!(
                "SPURIOUS  {}: {} {} {}  | {}",
                doc.name,
                ours.kind,
                ours.value.as_deref().unwrap_or("-"),
                ours.text,
                in_context(&doc.text, ours.start, ours.end, 50)
            ));
        }
        for &(g, p) in &score.pairs {
            let (t, ours) = (&doc.timexes[g], &predicted[p]);
            let gold_text = span_text(&doc.text, t.start, t.end);
            let value_ok = ours.value.as_deref().unwrap_or("") == t.value;
            let extent_ok = (t.start, t.end) == (ours.start, ours.end);
            if !extent_ok {
                *extent
                    .entry(format!(
                        "{} -> {}",
                        gold_text.to_lowercase(),
                        ours.text.to_lowercase()
                    ))
                    .or_default() += 1;
            }
            if !value_ok {
                *wrong_value
                    .entry(format!("{}: {}", t.kind, gold_text.to_lowercase()))
                    .or_default() += 1;
            }
            if !value_ok || !extent_ok || t.kind != ours.kind {
                lines.push(format!(
                    "{}  {}: gold {} {} [{}] ours {} {} [{}] (DCT {})  | {}",
                    if value_ok { "EXTENT/TYPE" } else { "VALUE    " },
                    doc.name,
                    t.kind,
                    t.value,
                    gold_text,
                    ours.kind,
                    ours.value.as_deref().unwrap_or("-"),
                    ours.text,
                    doc.dct.as_deref().unwrap_or("-"),
                    in_context(&doc.text, t.start.min(ours.start), t.end.max(ours.end), 40)
                ));
            }
        }
    }
    let top = |title: &str, counts: &BTreeMap<String, u64>| {
        let mut sorted: Vec<(&String, &u64)> = counts.iter().collect();
        sorted.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        println!("  most frequent {title} ({} distinct):", sorted.len());
        for (text, n) in sorted.iter().take(25) {
            println!("    {n:4}  {text}");
        }
    };
    println!("\nErrors on the training split (development only):");
    top("missed", &missed);
    top("spurious", &spurious);
    top("wrong values", &wrong_value);
    top("extent differences (gold -> ours)", &extent);
    println!("  every error:");
    for line in lines {
        println!("    {line}");
    }
}

/// Say how many documents had no `YYYY-MM-DD` DCT to anchor on.
fn report_unanchored(docs: &[TimeDoc]) {
    let missing = docs
        .iter()
        .filter(|d| d.dct.as_deref().and_then(day_of).is_none())
        .count();
    if missing > 0 {
        println!(
            "  ({missing} of {} documents have no YYYY-MM-DD creation time: anchor none)",
            docs.len()
        );
    }
}

/// Score the stage on TempEval-3 (train and platinum test) and MEANTIME and
/// print the report.
pub fn run(data: &Path) -> anyhow::Result<()> {
    let errors_on = std::env::var("EVENTWIRE_TIME_ERRORS").unwrap_or_default();
    let models = Models::embedded().context("loading the embedded models")?;
    println!("Time expressions, TempEval-3 task A scoring (the DCT is not scored; values compared exactly)");
    let splits: [(&str, &[&str], bool); 2] = [
        (
            "TempEval-3 train: TimeBank + AQUAINT (development)",
            &TRAIN,
            true,
        ),
        ("TempEval-3 test: platinum", &TEST, false),
    ];
    for (title, folders, is_train) in splits {
        let docs = load_tempeval(data, folders)?;
        let predictions = predict(&docs, &models);
        let report = score_all(&docs, &predictions.times);
        print_report(
            title,
            &report,
            Some((predictions.find_times, predictions.bytes)),
        );
        report_unanchored(&docs);
        if is_train && errors_on == "train" {
            print_errors(&docs, &predictions.times);
        }
    }
    if !errors_on.is_empty() && errors_on != "train" {
        println!("(EVENTWIRE_TIME_ERRORS={errors_on:?}: errors are printed for \"train\" only)");
    }

    let docs = load_meantime(data)?;
    let predictions = predict(&docs, &models);
    println!(
        "MEANTIME English (not used for development; the DCT line and the text after the first {MEANTIME_ANNOTATED_SENTENCES} sentences are not scored)"
    );
    report_unanchored(&docs);
    let mut overall = Report::default();
    for corpus in MEANTIME_CORPORA {
        let mut report = Report::default();
        for (doc, predicted) in docs.iter().zip(&predictions.times) {
            if doc.corpus == corpus {
                let score = score_doc(doc, predicted);
                report.add(doc, predicted, &score);
                overall.add(doc, predicted, &score);
            }
        }
        print_report(&format!("  {corpus}"), &report, None);
    }
    print_report(
        "  all MEANTIME",
        &overall,
        Some((predictions.find_times, predictions.bytes)),
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<?xml version="1.0" ?>
<TimeML>
<DOCID>X</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>
<TEXT>
AT&amp;T <EVENT eid="e1" class="OCCURRENCE">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="2013-03-22">Friday</TIMEX3> that «prices» &lt;rose&gt; <TIMEX3 tid="t2" type="DURATION" value="P3Y"><SIGNAL sid="s1">for</SIGNAL> three years</TIMEX3>&#x2014;&#233;t&#233;<TIMEX3 tid="t3" type="DATE" value="PRESENT_REF" anchorTimeID="t0"/>.
<!-- a comment <TIMEX3 tid="t9">not this</TIMEX3> --></TEXT>
<TLINK lid="l1" timeID="t1" relatedToTime="t0" relType="BEFORE"/>
</TimeML>"#;

    fn at<'a>(doc: &'a TimeDoc, t: &GoldTimex) -> &'a str {
        &doc.text[t.start as usize..t.end as usize]
    }

    #[test]
    fn timeml_text_is_stripped_and_offsets_are_bytes() {
        let doc = read_timeml(SAMPLE, "X", "test").expect("parses");
        assert_eq!(doc.dct.as_deref(), Some("2013-03-22"));
        assert_eq!(
            doc.text,
            "\nAT&T said Friday that «prices» <rose> for three years—été.\n"
        );
        assert_eq!(doc.timexes.len(), 2, "{:?}", doc.timexes);
        let (friday, years) = (&doc.timexes[0], &doc.timexes[1]);
        assert_eq!((friday.tid.as_str(), at(&doc, friday)), ("t1", "Friday"));
        assert_eq!(
            (friday.kind.as_str(), friday.value.as_str()),
            ("DATE", "2013-03-22")
        );
        // «» are two bytes each, so char and byte offsets differ here.
        assert_eq!(at(&doc, years), "for three years");
        assert_eq!(years.start as usize, doc.text.find("for three").unwrap());
        assert_eq!(
            (years.kind.as_str(), years.value.as_str()),
            ("DURATION", "P3Y")
        );
        assert!(doc.ignored.is_empty());
    }

    #[test]
    fn attributes_take_either_quote_and_entities() {
        let attrs = r#" a='x"y' b="1 &amp; 2" c = "3""#;
        assert_eq!(attribute(attrs, "a").as_deref(), Some("x\"y"));
        assert_eq!(attribute(attrs, "b").as_deref(), Some("1 & 2"));
        assert_eq!(attribute(attrs, "c").as_deref(), Some("3"));
        assert_eq!(attribute(attrs, "d"), None);
        let mut out = String::new();
        decode_entities("a & b &bogus; &#65;&#x42;", &mut out);
        assert_eq!(out, "a & b &bogus; AB");
    }

    #[test]
    fn broken_markup_is_an_error_or_text_never_a_panic() {
        assert!(read_timeml("<TimeML>no text</TimeML>", "x", "x").is_err());
        assert!(read_timeml("<TEXT>a</TIMEX3>b</TEXT>", "x", "x").is_err());
        assert!(read_timeml("<TEXT><TIMEX3 tid='t1'>a</TEXT>", "x", "x").is_err());
        let doc = read_timeml("<TEXT>a < b &amp</TEXT>", "x", "x").expect("parses");
        assert_eq!(doc.text, "a < b &amp");
    }

    #[test]
    fn dct_inside_text_is_ignored_not_scored() {
        let xml = r#"<TEXT><TIMEX3 tid="t0" type="DATE" value="2001-02-03" functionInDocument="CREATION_TIME">Feb. 3, 2001</TIMEX3> Today</TEXT>"#;
        let doc = read_timeml(xml, "x", "x").expect("parses");
        assert_eq!(doc.dct.as_deref(), Some("2001-02-03"));
        assert!(doc.timexes.is_empty());
        assert_eq!(doc.ignored, vec![Span::new(0, 12)]);
        let ours = vec![expression(&doc.text, 0, 12, "DATE", "2001-02-03")];
        let score = score_doc(&doc, &ours);
        assert_eq!(score.counts, TimexCounts::default());
    }

    fn expression(text: &str, start: u32, end: u32, kind: &str, value: &str) -> TimeExpression {
        TimeExpression {
            text: text[start as usize..end as usize].to_string(),
            start,
            end,
            kind: kind.to_string(),
            value: Some(value.to_string()),
            anchor: "published".to_string(),
        }
    }

    fn gold(start: u32, end: u32, kind: &str, value: &str) -> GoldTimex {
        GoldTimex {
            tid: format!("t{start}"),
            start,
            end,
            kind: kind.to_string(),
            value: value.to_string(),
        }
    }

    #[test]
    fn strict_relaxed_and_value_counts() {
        // "last Friday morning and two weeks and March"
        let text = "last Friday morning and two weeks and March";
        let doc = TimeDoc {
            text: text.to_string(),
            timexes: vec![
                gold(0, 19, "TIME", "2013-03-15TMO"),
                gold(24, 33, "DURATION", "P2W"),
                gold(38, 43, "DATE", "2013-03"),
            ],
            ..TimeDoc::default()
        };
        let ours = vec![
            expression(text, 0, 11, "DATE", "2013-03-15"), // relaxed only, wrong type/value
            expression(text, 24, 33, "DURATION", "P2W"),   // strict, right value
            expression(text, 20, 23, "DATE", "X"),         // spurious
        ];
        let c = score_doc(&doc, &ours).counts;
        assert_eq!(
            c,
            TimexCounts {
                gold: 3,
                predicted: 3,
                strict: 1,
                relaxed: 2,
                type_match: 1,
                value_match: 1,
            }
        );
        let (p, r, f) = c.relaxed_prf();
        assert!((p - 2.0 / 3.0).abs() < 1e-12 && (r - 2.0 / 3.0).abs() < 1e-12);
        // TE3 attribute F1 = relaxed F1 × accuracy.
        let (_, _, vf) = c.value_prf();
        assert!((vf - f * c.value_accuracy()).abs() < 1e-12);
    }

    #[test]
    fn matching_is_one_to_one_and_prefers_exact_extents() {
        // One long prediction over two gold expressions counts once.
        let pairs = match_spans(&[(0, 5), (6, 10)], &[(0, 10)]);
        assert_eq!(pairs.len(), 1);
        // Two predictions inside one gold expression: one match, one spurious.
        assert_eq!(match_spans(&[(0, 10)], &[(0, 4), (5, 10)]).len(), 1);
        // The exact pair wins over a larger overlap elsewhere.
        let pairs = match_spans(&[(0, 10), (10, 20)], &[(5, 20), (10, 20)]);
        assert_eq!(pairs, vec![(0, 0), (1, 1)]);
        // Touching spans do not overlap; empty lists give nothing.
        assert!(match_spans(&[(0, 5)], &[(5, 9)]).is_empty());
        assert!(match_spans(&[], &[(0, 1)]).is_empty());
    }

    #[test]
    fn context_never_splits_a_character() {
        let text = "«é» x";
        for start in 0..text.len() as u32 {
            for end in start..=text.len() as u32 {
                let shown = in_context(text, start, end, 1);
                assert!(shown.contains('['), "{shown}");
            }
        }
    }

    #[test]
    fn day_prefix_of_values() {
        assert_eq!(day_of("2013-03-22T10:00"), Some("2013-03-22"));
        assert_eq!(day_of("2013-03"), None);
        assert_eq!(day_of("XXXX-03-22"), None);
        assert_eq!(day_of("2013-03-2é"), None);
    }

    #[test]
    fn real_tempeval_and_meantime_files_read_with_known_counts() {
        let Some(data) = crate::data_dir().filter(|d| d.join("tempeval3").is_dir()) else {
            eprintln!("skipping: no TempEval-3 data (set EVENTWIRE_DATA)");
            return;
        };
        let test = load_tempeval(&data, &TEST).expect("platinum reads");
        assert_eq!(test.len(), 20);
        let timexes: usize = test.iter().map(|d| d.timexes.len()).sum();
        assert_eq!(
            timexes, 138,
            "the official platinum count of TIMEX3s in the text"
        );
        let train = load_tempeval(&data, &TRAIN).expect("train reads");
        assert_eq!(train.len(), 256);
        assert!(train
            .iter()
            .all(|d| d.dct.as_deref().and_then(day_of).is_some()));
        for doc in test.iter().chain(&train) {
            for t in &doc.timexes {
                let text = doc.text.get(t.start as usize..t.end as usize);
                assert!(
                    text.is_some_and(|s| !s.trim().is_empty() && !s.contains('<')),
                    "{}: {t:?}",
                    doc.name
                );
            }
        }
        if !data.join("meantime-en").is_dir() {
            eprintln!("skipping the MEANTIME part: no meantime-en data");
            return;
        }
        let meantime = load_meantime(&data).expect("MEANTIME reads");
        assert_eq!(meantime.len(), 120);
        // Two documents mark their date line as an ordinary TIMEX3 and one
        // writes its DCT value as DD-MM-YYYY; all others have a usable DCT.
        let anchored = meantime
            .iter()
            .filter(|d| d.dct.as_deref().and_then(day_of).is_some())
            .count();
        assert!(anchored >= 115, "{anchored} documents with a DCT");
        let scored: usize = meantime
            .iter()
            .map(|d| {
                let fresh = TimeDoc {
                    ignored: Vec::new(),
                    ..d.clone()
                };
                let before = score_doc(&fresh, &[]).counts.gold as usize;
                assert_eq!(score_doc(d, &[]).counts.gold as usize, before, "{}", d.name);
                before
            })
            .sum();
        assert_eq!(scored, 370, "MEANTIME's TIMEX3s with tokens, less the DCTs");
        let first = meantime
            .iter()
            .flat_map(|d| d.timexes.iter().map(move |t| (d, t)))
            .next()
            .expect("MEANTIME has time expressions");
        assert!(!at(first.0, first.1).trim().is_empty());
    }
}
