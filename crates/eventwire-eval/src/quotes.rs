//! Gold-data scoring for the quotes stage on PolNeAR (political news
//! attribution relations, brat standoff: source, cue and content spans).
//!
//! Each article text is annotated as given (`pipeline::annotate` with the
//! embedded models), then `quotes::find_attributions` runs on it. Articles
//! annotated by several annotators are scored against the first annotator's
//! file (by name order), so no article counts twice.
//!
//! Content spans are compared three ways:
//! - **exact**: the same extent once white space, punctuation and quotation
//!   marks are trimmed from both edges (gold contents include the marks,
//!   ours do not);
//! - **overlap**: one-to-one matching of predicted to gold contents sharing at
//!   least one word token (greedy, largest overlap first);
//! - **token**: soft precision and recall over matched pairs, the share of
//!   each span's word tokens the other covers (the "partial" match used for
//!   attribution corpora: a half-found content counts half).
//!
//! Speaker accuracy: over overlap-matched pairs whose gold attribution has a
//! source, the predicted speaker span overlaps the gold source span. Cue
//! accuracy likewise with the cue span. Both also for direct quotations:
//! gold contents that open and close with a quotation mark.
//! `EVENTWIRE_QUOTES_ERRORS=dev` prints the dev errors (test stays unseen);
//! `EVENTWIRE_QUOTES_SPLITS=train,dev,test` picks the splits (default dev,test).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context as _;
use eventwire_core::document::{Document, Input, Span};
use eventwire_core::pipeline::{annotate, Options};
use eventwire_core::quotes::{find_attributions, Attribution};
use eventwire_core::Models;

use crate::metrics::{match_best_first, Prf};

/// One gold attribution, byte spans (discontinuous spans have several).
#[derive(Debug, Clone, Default)]
pub struct GoldAttribution {
    pub content: Vec<(usize, usize)>,
    pub source: Vec<(usize, usize)>,
    pub cue: Vec<(usize, usize)>,
}

#[derive(Debug, Clone)]
pub struct GoldArticle {
    pub split: String,
    pub name: String,
    pub text: String,
    pub attributions: Vec<GoldAttribution>,
}

/// The PolNeAR articles of `split` ("train", "dev", "test") with their first
/// annotator's attributions.
pub fn load(data: &Path, split: &str) -> anyhow::Result<Vec<GoldArticle>> {
    let dir = data.join("polnear").join(split);
    let mut texts: Vec<PathBuf> = std::fs::read_dir(dir.join("text"))
        .with_context(|| format!("reading {}", dir.join("text").display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    texts.sort();
    let mut annotations: Vec<PathBuf> = std::fs::read_dir(dir.join("attributions"))
        .with_context(|| format!("reading {}", dir.join("attributions").display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    annotations.sort();
    let mut articles = Vec::new();
    for path in texts {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let prefix = format!("{name}_");
        let Some(ann) = annotations.iter().find(|p| {
            p.file_name()
                .and_then(|f| f.to_str())
                .is_some_and(|f| f.starts_with(&prefix))
        }) else {
            continue;
        };
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let standoff =
            std::fs::read_to_string(ann).with_context(|| format!("reading {}", ann.display()))?;
        let attributions = parse_standoff(&text, &standoff)
            .with_context(|| format!("parsing {}", ann.display()))?;
        articles.push(GoldArticle {
            split: split.to_string(),
            name,
            text,
            attributions,
        });
    }
    Ok(articles)
}

/// brat `T` and `E` lines into attributions; character offsets become bytes.
fn parse_standoff(text: &str, standoff: &str) -> anyhow::Result<Vec<GoldAttribution>> {
    let mut byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_of.push(text.len());
    let mut spans: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    let mut attributions = Vec::new();
    for line in standoff.lines() {
        let mut fields = line.split('\t');
        let (Some(id), Some(body)) = (fields.next(), fields.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let Some((_, ranges)) = body.split_once(' ') else {
                continue;
            };
            let mut parts = Vec::new();
            for range in ranges.split(';') {
                let (a, b) = range
                    .trim()
                    .split_once(' ')
                    .with_context(|| format!("span {range:?} in {line:?}"))?;
                let (a, b): (usize, usize) = (a.parse()?, b.parse()?);
                let (Some(&a), Some(&b)) = (byte_of.get(a), byte_of.get(b)) else {
                    anyhow::bail!("span {range:?} beyond the text in {line:?}");
                };
                parts.push((a, b));
            }
            spans.insert(id, parts);
        } else if id.starts_with('E') {
            let mut attribution = GoldAttribution::default();
            for role in body.split_whitespace() {
                let Some((label, target)) = role.split_once(':') else {
                    continue;
                };
                let parts = spans.get(target).cloned().unwrap_or_default();
                match label {
                    "Content" => attribution.content = parts,
                    "Source" => attribution.source = parts,
                    "Cue" => attribution.cue = parts,
                    _ => {}
                }
            }
            if !attribution.content.is_empty() {
                attributions.push(attribution);
            }
        }
    }
    Ok(attributions)
}

/// Counts for one group of articles.
#[derive(Debug, Default, Clone)]
struct Scores {
    articles: usize,
    exact: Prf,
    overlap: Prf,
    /// Sums of per-pair covered shares, for soft precision and recall.
    token_precision: f64,
    token_recall: f64,
    speaker: (u64, u64),
    /// Speaker right by span overlap alone (no entity or name match).
    speaker_by_span: u64,
    direct_speaker_by_span: u64,
    cue: (u64, u64),
    direct_gold: u64,
    direct_found: u64,
    direct_speaker: (u64, u64),
    direct_cue: (u64, u64),
    /// Per predicted kind: (matched, predicted).
    kinds: BTreeMap<String, (u64, u64)>,
    seconds: f64,
    bytes: usize,
}

fn is_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '‟')
}

/// Extent of a span list, trimmed of white space, punctuation and marks.
fn normalized(text: &str, parts: &[(usize, usize)]) -> Option<(usize, usize)> {
    let start = parts.iter().map(|p| p.0).min()?;
    let end = parts.iter().map(|p| p.1).max()?;
    let slice = text.get(start..end)?;
    let edge = |c: char| c.is_whitespace() || c.is_ascii_punctuation() || is_mark(c);
    let head = slice.trim_start_matches(edge);
    let from = start + slice.len() - head.len();
    Some((from, from + head.trim_end_matches(edge).len()))
}

fn is_direct(text: &str, parts: &[(usize, usize)]) -> bool {
    let Some(start) = parts.iter().map(|p| p.0).min() else {
        return false;
    };
    let end = parts.iter().map(|p| p.1).max().unwrap_or(start);
    let slice = text.get(start..end).unwrap_or("").trim();
    let inner = slice.trim_end_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace());
    slice.starts_with(is_mark) && (slice.ends_with(is_mark) || inner.ends_with(is_mark))
}

fn overlaps(a: (usize, usize), parts: &[(usize, usize)]) -> bool {
    parts.iter().any(|&(s, e)| a.0 < e && s < a.1)
}

fn span_pair(span: Span) -> (usize, usize) {
    (span.start as usize, span.end as usize)
}

/// Word tokens (no punctuation) covered by the span list.
fn word_tokens(text: &str, words: &[(usize, usize)], parts: &[(usize, usize)]) -> Vec<usize> {
    let _ = text;
    words
        .iter()
        .enumerate()
        .filter(|(_, &(s, e))| parts.iter().any(|&(ps, pe)| s >= ps && e <= pe))
        .map(|(i, _)| i)
        .collect()
}

fn intersection(a: &[usize], b: &[usize]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

fn score_article(
    scores: &mut Scores,
    article: &GoldArticle,
    doc: &Document,
    found: &[Attribution],
    show_errors: bool,
) {
    let text = &article.text;
    let words: Vec<(usize, usize)> = doc
        .tokens
        .as_deref()
        .unwrap_or_default()
        .iter()
        .map(|t| (t.start as usize, t.end as usize))
        .filter(|&(s, e)| {
            text.get(s..e)
                .is_some_and(|w| w.chars().any(char::is_alphanumeric))
        })
        .collect();
    let gold = &article.attributions;
    let gold_words: Vec<Vec<usize>> = gold
        .iter()
        .map(|g| word_tokens(text, &words, &g.content))
        .collect();
    let found_words: Vec<Vec<usize>> = found
        .iter()
        .map(|f| {
            let span = [(f.quote.start as usize, f.quote.end as usize)];
            word_tokens(text, &words, &span)
        })
        .collect();
    // Exact matches, one to one.
    let gold_norm: Vec<Option<(usize, usize)>> =
        gold.iter().map(|g| normalized(text, &g.content)).collect();
    let mut gold_taken = vec![false; gold.len()];
    for f in found {
        let norm = normalized(text, &[(f.quote.start as usize, f.quote.end as usize)]);
        let hit =
            (0..gold.len()).find(|&g| !gold_taken[g] && norm.is_some() && gold_norm[g] == norm);
        if let Some(g) = hit {
            gold_taken[g] = true;
            scores.exact.tp += 1;
        } else {
            scores.exact.fp += 1;
        }
    }
    scores.exact.fn_ += gold_taken.iter().filter(|t| !**t).count() as u64;
    // Overlap matches, largest first.
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (g, gw) in gold_words.iter().enumerate() {
        for (p, pw) in found_words.iter().enumerate() {
            let shared = intersection(gw, pw);
            if shared > 0 {
                pairs.push((shared, g, p));
            }
        }
    }
    let matching = match_best_first(pairs, gold.len(), found.len());
    for &(shared, g, p) in &matching.kept {
        scores.token_recall += shared as f64 / gold_words[g].len().max(1) as f64;
        scores.token_precision += shared as f64 / found_words[p].len().max(1) as f64;
    }
    let (gold_match, found_match) = (matching.gold, matching.predicted);
    let matched = found_match.iter().filter(|m| m.is_some()).count() as u64;
    scores.overlap.tp += matched;
    scores.overlap.fp += found.len() as u64 - matched;
    scores.overlap.fn_ += gold.len() as u64 - matched;
    for (p, f) in found.iter().enumerate() {
        let slot = scores.kinds.entry(f.quote.kind.clone()).or_default();
        slot.1 += 1;
        if found_match[p].is_some() {
            slot.0 += 1;
        }
    }
    for (g, attribution) in gold.iter().enumerate() {
        let direct = is_direct(text, &attribution.content);
        if direct {
            scores.direct_gold += 1;
        }
        let Some(p) = gold_match[g] else {
            if show_errors {
                let (s, e) = gold_norm[g].unwrap_or((0, 0));
                println!(
                    "  MISSED {}: {}",
                    if direct { "direct" } else { "other" },
                    clip(text.get(s..e).unwrap_or(""))
                );
            }
            continue;
        };
        if direct {
            scores.direct_found += 1;
        }
        let prediction = &found[p];
        if !attribution.source.is_empty() {
            let right = same_speaker(text, doc, prediction, &attribution.source);
            let by_span = prediction
                .speaker_span
                .is_some_and(|s| overlaps(span_pair(s), &attribution.source));
            scores.speaker_by_span += by_span as u64;
            if direct {
                scores.direct_speaker_by_span += by_span as u64;
            }
            scores.speaker.1 += 1;
            scores.speaker.0 += right as u64;
            if direct {
                scores.direct_speaker.1 += 1;
                scores.direct_speaker.0 += right as u64;
            }
            if show_errors && !right {
                let gold_source: Vec<&str> = attribution
                    .source
                    .iter()
                    .map(|&(s, e)| text.get(s..e).unwrap_or(""))
                    .collect();
                println!(
                    "  SPEAKER gold {:?} ours {:?} ({:?}) cue {:?} {}: {}",
                    gold_source.join(" "),
                    prediction.speaker_span.map(|s| s.text(text)),
                    prediction.quote.speaker,
                    prediction.quote.cue,
                    prediction.quote.kind,
                    clip(&prediction.quote.text)
                );
            }
        }
        if !attribution.cue.is_empty() {
            let right = prediction
                .cue_span
                .is_some_and(|s| overlaps(span_pair(s), &attribution.cue));
            scores.cue.1 += 1;
            scores.cue.0 += right as u64;
            if direct {
                scores.direct_cue.1 += 1;
                scores.direct_cue.0 += right as u64;
            }
        }
    }
    if show_errors {
        for (p, f) in found.iter().enumerate() {
            if found_match[p].is_none() {
                println!(
                    "  EXTRA {} {:?} {:?}: {}",
                    f.quote.kind,
                    f.quote.speaker,
                    f.quote.cue,
                    clip(&f.quote.text)
                );
            }
        }
    }
}

/// The predicted speaker is the gold source when its span overlaps the
/// source span, or names the same entity: an entity in the source span has
/// the predicted cluster, or the source text holds the last word of the
/// predicted name ("Limbaugh" written earlier for "Rush Limbaugh").
fn same_speaker(
    text: &str,
    doc: &Document,
    prediction: &Attribution,
    source: &[(usize, usize)],
) -> bool {
    if prediction
        .speaker_span
        .is_some_and(|s| overlaps(span_pair(s), source))
    {
        return true;
    }
    if let Some(cluster) = prediction.quote.speaker_cluster {
        let same_entity = doc.entities.iter().any(|e| {
            e.cluster == Some(cluster) && overlaps((e.start as usize, e.end as usize), source)
        });
        if same_entity {
            return true;
        }
    }
    let Some(last) = prediction
        .quote
        .speaker
        .as_deref()
        .and_then(|s| s.split_whitespace().last())
        .filter(|w| w.len() >= 3 && w.starts_with(char::is_uppercase))
    else {
        return false;
    };
    source.iter().any(|&(s, e)| {
        text.get(s..e)
            .is_some_and(|t| t.split(|c: char| !c.is_alphanumeric()).any(|w| w == last))
    })
}

fn clip(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(140) {
        Some((at, _)) => format!("{}…", &flat[..at]),
        None => flat,
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn print_scores(split: &str, s: &Scores) {
    let pct = |x: f64| 100.0 * x;
    let soft_p = s.token_precision / (s.overlap.tp + s.overlap.fp).max(1) as f64;
    let soft_r = s.token_recall / (s.overlap.tp + s.overlap.fn_).max(1) as f64;
    let soft_f = if soft_p + soft_r > 0.0 {
        2.0 * soft_p * soft_r / (soft_p + soft_r)
    } else {
        0.0
    };
    println!(
        "{split}: {} articles, {} gold attributions, {} predicted",
        s.articles,
        s.overlap.tp + s.overlap.fn_,
        s.overlap.tp + s.overlap.fp
    );
    for (name, prf) in [("exact", s.exact), ("overlap", s.overlap)] {
        println!(
            "  content {name:<8} P {:5.1}  R {:5.1}  F1 {:5.1}",
            pct(prf.precision()),
            pct(prf.recall()),
            pct(prf.f1())
        );
    }
    println!(
        "  content token    P {:5.1}  R {:5.1}  F1 {:5.1}",
        pct(soft_p),
        pct(soft_r),
        pct(soft_f)
    );
    println!(
        "  speaker accuracy (matched contents) {:5.1}% of {}   cue accuracy {:5.1}% of {}",
        pct(ratio(s.speaker.0, s.speaker.1)),
        s.speaker.1,
        pct(ratio(s.cue.0, s.cue.1)),
        s.cue.1
    );
    println!(
        "  direct quotations: {} gold, found {:5.1}%, speaker accuracy {:5.1}% of {}, cue accuracy {:5.1}%",
        s.direct_gold,
        pct(ratio(s.direct_found, s.direct_gold)),
        pct(ratio(s.direct_speaker.0, s.direct_speaker.1)),
        s.direct_speaker.1,
        pct(ratio(s.direct_cue.0, s.direct_cue.1)),
    );
    println!(
        "  speaker by span overlap alone: all {:5.1}%, direct {:5.1}%",
        pct(ratio(s.speaker_by_span, s.speaker.1)),
        pct(ratio(s.direct_speaker_by_span, s.direct_speaker.1)),
    );
    let kinds: Vec<String> = s
        .kinds
        .iter()
        .map(|(kind, (m, n))| format!("{kind} {n} ({:.1}% match gold)", pct(ratio(*m, *n))))
        .collect();
    println!("  predicted by kind: {}", kinds.join(", "));
    println!(
        "  speed (quotes stage alone, one thread): {:.0} articles/s, {:.1} MB/s",
        s.articles as f64 / s.seconds.max(1e-9),
        s.bytes as f64 / 1e6 / s.seconds.max(1e-9)
    );
}

/// Score the stage on PolNeAR and print the report.
pub fn run(data: &Path) -> anyhow::Result<()> {
    let splits = std::env::var("EVENTWIRE_QUOTES_SPLITS").unwrap_or_else(|_| "dev,test".into());
    let errors_for = std::env::var("EVENTWIRE_QUOTES_ERRORS").unwrap_or_default();
    if !data.join("polnear").is_dir() {
        anyhow::bail!("no polnear folder in {}", data.display());
    }
    let models = Models::embedded().context("loading the embedded models")?;
    println!(
        "quotes on PolNeAR (first annotator per article; content exact / overlap / token-level)"
    );
    for split in splits.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let articles = load(data, split)?;
        let mut scores = Scores::default();
        // Errors are for rule writing: never on test.
        let show = errors_for == split && split != "test";
        for article in &articles {
            let doc = annotated(article, &models);
            let tokens = doc.tokens.as_deref().unwrap_or_default();
            let started = Instant::now();
            let found = find_attributions(&doc.text, &doc.sentences, tokens, &doc.entities);
            scores.seconds += started.elapsed().as_secs_f64();
            scores.articles += 1;
            scores.bytes += doc.text.len();
            if show {
                println!("== {}", article.name);
            }
            score_article(&mut scores, article, &doc, &found, show);
        }
        print_scores(split, &scores);
    }
    Ok(())
}

/// The article text run through the pipeline as given, with tokens kept.
pub fn annotated(article: &GoldArticle, models: &Models) -> Document {
    let input = Input::text(format!("polnear/{}/{}.txt", article.split, article.name));
    let mut doc = Document::new(input, article.text.clone());
    annotate(&mut doc, Options { tokens: true }, models);
    doc
}
