//! Evaluation of in-article coreference on MEANTIME (English section,
//! NewsReader, CC BY 4.0): 120 Wikinews articles in four topics with
//! entity mentions and their within-document coreference (`REFERS_TO`).
//!
//! Setting: gold mention spans and types in, clusters out. Scored mentions
//! are the named ones (`syntactic_type="NAM"`); a named mention that
//! contains another named mention (an apposition shell such as "European
//! aircraft manufacturer, Airbus" around "Airbus") is left out, the inner
//! name stays. The document text is rebuilt by joining MEANTIME's tokens
//! with spaces (sentences with newlines) and their tokens are used as ours.
//! Scores: MUC, B³ and CEAF-e, micro-averaged over documents, and their mean
//! (CoNLL F1); beside ours, a baseline that links identical strings only.
//! Pronouns: the resolver adds "he"/"she" subjects of speech verbs; they are
//! scored apart as links (a link is right when the pronoun's cluster holds a
//! named mention of its gold entity). Rules were written looking at the
//! airbus and apple topics (dev); gm and stock are the test topics.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context as _;
use eventwire_core::document::{Entity, Span, Token};
use eventwire_core::entities::coref::resolve;

use crate::metrics::Prf;

const TOPICS: [(&str, &str); 4] = [
    ("corpus_airbus", "dev"),
    ("corpus_apple", "dev"),
    ("corpus_gm", "test"),
    ("corpus_stock", "test"),
];

/// One MEANTIME entity mention.
#[derive(Debug, Clone)]
pub struct GoldMention {
    pub syntactic_type: String,
    /// Token indexes (0-based, into the document's tokens), sorted.
    pub tokens: Vec<usize>,
    /// Gold entity (the `REFERS_TO` target), or a unique id for a singleton.
    pub entity: String,
    /// MEANTIME entity type: PER, ORG, LOC, PRO, FIN, MIX, or "" if unknown.
    pub ent_type: String,
}

/// One MEANTIME document, with its text rebuilt from the tokens.
#[derive(Debug, Clone)]
pub struct GoldDoc {
    pub name: String,
    pub topic: String,
    pub text: String,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Span>,
    pub mentions: Vec<GoldMention>,
}

impl GoldDoc {
    fn span(&self, mention: &GoldMention) -> Option<(u32, u32)> {
        let first = self.tokens.get(*mention.tokens.first()?)?;
        let last = self.tokens.get(*mention.tokens.last()?)?;
        Some((first.start, last.end))
    }
}

/// A start or end tag: name, attribute text, closing, self-closing, and the
/// text up to the next tag.
struct Tag<'a> {
    name: &'a str,
    attrs: &'a str,
    closing: bool,
    empty: bool,
    text_after: &'a str,
}

fn tags(xml: &str) -> impl Iterator<Item = Tag<'_>> {
    let mut rest = xml;
    std::iter::from_fn(move || loop {
        let open = rest.find('<')?;
        let after_open = &rest[open + 1..];
        let close = after_open.find('>')?;
        let inner = &after_open[..close];
        rest = &after_open[close + 1..];
        if inner.starts_with('?') || inner.starts_with('!') {
            continue;
        }
        let text_after = &rest[..rest.find('<').unwrap_or(rest.len())];
        let closing = inner.starts_with('/');
        let empty = inner.ends_with('/');
        let body = inner.trim_start_matches('/').trim_end_matches('/');
        let name_end = body.find(char::is_whitespace).unwrap_or(body.len());
        return Some(Tag {
            name: &body[..name_end],
            attrs: &body[name_end..],
            closing,
            empty,
            text_after,
        });
    })
}

fn attr(attrs: &str, wanted: &str) -> Option<String> {
    let mut rest = attrs;
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].trim();
        let value_start = eq + 2;
        let value_len = rest[value_start..].find('"')?;
        let value = &rest[value_start..value_start + value_len];
        if name == wanted {
            return Some(unescape(value));
        }
        rest = &rest[value_start + value_len + 1..];
    }
    None
}

fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Read one CAT XML document.
pub fn parse_document(xml: &str, name: &str, topic: &str) -> anyhow::Result<GoldDoc> {
    let mut text = String::new();
    let mut tokens: Vec<Token> = Vec::new();
    let mut sentences: Vec<Span> = Vec::new();
    let mut token_index: HashMap<String, usize> = HashMap::new();
    let mut current_sentence: Option<String> = None;
    let mut sentence_start = 0usize;
    // m_id -> (syntactic type, token indexes) of entity mentions.
    let mut mentions: BTreeMap<u64, (String, Vec<usize>)> = BTreeMap::new();
    let mut entity_types: HashMap<String, String> = HashMap::new();
    let mut refers: HashMap<String, String> = HashMap::new();
    let mut open_mention: Option<u64> = None;
    let mut relation_sources: Vec<String> = Vec::new();
    let mut in_refers = false;

    for tag in tags(xml) {
        match (tag.name, tag.closing) {
            ("token", false) => {
                let id = attr(tag.attrs, "t_id").context("token without t_id")?;
                let sentence = attr(tag.attrs, "sentence").unwrap_or_default();
                let word = unescape(tag.text_after.trim());
                if current_sentence.as_deref() != Some(sentence.as_str()) {
                    if current_sentence.is_some() {
                        sentences.push(Span::new(sentence_start, text.len()));
                        text.push('\n');
                    }
                    sentence_start = text.len();
                    current_sentence = Some(sentence);
                } else {
                    text.push(' ');
                }
                let start = text.len();
                text.push_str(if word.is_empty() { "_" } else { &word });
                token_index.insert(id, tokens.len());
                tokens.push(Token::bare(Span::new(start, text.len())));
            }
            ("ENTITY_MENTION", false) => {
                let id: u64 = attr(tag.attrs, "m_id")
                    .and_then(|v| v.parse().ok())
                    .context("entity mention without numeric m_id")?;
                let kind = attr(tag.attrs, "syntactic_type").unwrap_or_default();
                mentions.insert(id, (kind, Vec::new()));
                open_mention = (!tag.empty).then_some(id);
            }
            ("ENTITY_MENTION", true) => open_mention = None,
            ("token_anchor", false) => {
                if let Some(id) = open_mention {
                    let t = attr(tag.attrs, "t_id").unwrap_or_default();
                    if let (Some(&index), Some(mention)) =
                        (token_index.get(&t), mentions.get_mut(&id))
                    {
                        mention.1.push(index);
                    }
                }
            }
            ("ENTITY", false) => {
                if let Some(id) = attr(tag.attrs, "m_id") {
                    entity_types.insert(id, attr(tag.attrs, "ent_type").unwrap_or_default());
                }
            }
            ("REFERS_TO", false) => {
                in_refers = true;
                relation_sources.clear();
            }
            ("REFERS_TO", true) => in_refers = false,
            ("source", false) if in_refers => {
                if let Some(id) = attr(tag.attrs, "m_id") {
                    relation_sources.push(id);
                }
            }
            ("target", false) if in_refers => {
                if let Some(target) = attr(tag.attrs, "m_id") {
                    for source in relation_sources.drain(..) {
                        refers.insert(source, target.clone());
                    }
                }
            }
            _ => {}
        }
    }
    if current_sentence.is_some() {
        sentences.push(Span::new(sentence_start, text.len()));
    }
    let mentions = mentions
        .into_iter()
        .filter(|(_, (_, toks))| !toks.is_empty())
        .map(|(id, (syntactic_type, mut toks))| {
            toks.sort_unstable();
            toks.dedup();
            let key = id.to_string();
            let (entity, ent_type) = match refers.get(&key) {
                Some(target) => (
                    format!("e{target}"),
                    entity_types.get(target).cloned().unwrap_or_default(),
                ),
                None => (format!("m{id}"), String::new()),
            };
            GoldMention {
                syntactic_type,
                tokens: toks,
                entity,
                ent_type,
            }
        })
        .collect();
    Ok(GoldDoc {
        name: name.to_string(),
        topic: topic.to_string(),
        text,
        tokens,
        sentences,
        mentions,
    })
}

/// All MEANTIME English documents under `data`, in topic and name order.
pub fn load(data: &Path) -> anyhow::Result<Vec<GoldDoc>> {
    let root = data.join("meantime-en/intra_cross-doc_annotation");
    let mut docs = Vec::new();
    for (topic, _) in TOPICS {
        let dir = root.join(topic);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .with_context(|| format!("reading {}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "xml"))
            .collect();
        files.sort();
        for file in files {
            let xml = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let name = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            docs.push(
                parse_document(&xml, &name, topic)
                    .with_context(|| format!("parsing {}", file.display()))?,
            );
        }
    }
    anyhow::ensure!(
        !docs.is_empty(),
        "no MEANTIME documents under {}",
        root.display()
    );
    Ok(docs)
}

/// Our entity type for a MEANTIME one.
fn kind_of(ent_type: &str) -> &'static str {
    match ent_type {
        "PER" => "PERSON",
        "ORG" => "ORG",
        "LOC" => "LOC",
        _ => "MISC",
    }
}

/// The named mentions to score: NAM, without shells that contain another
/// named mention, one per span.
pub fn named_mentions(doc: &GoldDoc) -> Vec<&GoldMention> {
    let named: Vec<&GoldMention> = doc
        .mentions
        .iter()
        .filter(|m| m.syntactic_type == "NAM")
        .collect();
    let contains = |outer: &GoldMention, inner: &GoldMention| {
        inner.tokens.len() < outer.tokens.len()
            && inner.tokens.first() >= outer.tokens.first()
            && inner.tokens.last() <= outer.tokens.last()
    };
    let mut kept: Vec<&GoldMention> = named
        .iter()
        .filter(|outer| !named.iter().any(|inner| contains(outer, inner)))
        .copied()
        .collect();
    kept.sort_by_key(|m| (m.tokens.first().copied(), m.tokens.last().copied()));
    kept.dedup_by_key(|m| (m.tokens.first().copied(), m.tokens.last().copied()));
    kept
}

/// Sums behind MUC, B³ and CEAF-e, added over documents (micro average).
#[derive(Debug, Clone, Copy, Default)]
pub struct CorefScores {
    pub muc_recall: (f64, f64),
    pub muc_precision: (f64, f64),
    pub b3_recall: (f64, f64),
    pub b3_precision: (f64, f64),
    pub ceafe_recall: (f64, f64),
    pub ceafe_precision: (f64, f64),
}

fn ratio((num, den): (f64, f64)) -> f64 {
    if den == 0.0 {
        0.0
    } else {
        num / den
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn add(a: &mut (f64, f64), b: (f64, f64)) {
    a.0 += b.0;
    a.1 += b.1;
}

impl CorefScores {
    pub fn add(&mut self, other: &CorefScores) {
        add(&mut self.muc_recall, other.muc_recall);
        add(&mut self.muc_precision, other.muc_precision);
        add(&mut self.b3_recall, other.b3_recall);
        add(&mut self.b3_precision, other.b3_precision);
        add(&mut self.ceafe_recall, other.ceafe_recall);
        add(&mut self.ceafe_precision, other.ceafe_precision);
    }
    pub fn muc(&self) -> f64 {
        f1(ratio(self.muc_precision), ratio(self.muc_recall))
    }
    pub fn b3(&self) -> f64 {
        f1(ratio(self.b3_precision), ratio(self.b3_recall))
    }
    pub fn ceafe(&self) -> f64 {
        f1(ratio(self.ceafe_precision), ratio(self.ceafe_recall))
    }
    pub fn conll(&self) -> f64 {
        (self.muc() + self.b3() + self.ceafe()) / 3.0
    }
}

/// Group mention indexes by cluster label, in order of first mention;
/// mentions without a label (absent on that side) are left out.
fn partition(labels: &[Option<usize>]) -> Vec<Vec<usize>> {
    let mut slot: HashMap<usize, usize> = HashMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (m, label) in labels.iter().enumerate() {
        let Some(label) = *label else { continue };
        let g = *slot.entry(label).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(m);
    }
    groups
}

/// MUC sums of `key` against the other side: (Σ |k| - |p(k)|, Σ |k| - 1),
/// where a mention missing on the other side is a partition of its own.
fn muc(key: &[Vec<usize>], other_labels: &[Option<usize>]) -> (f64, f64) {
    let mut num = 0.0;
    let mut den = 0.0;
    for cluster in key {
        let mut parts: Vec<usize> = cluster.iter().filter_map(|&m| other_labels[m]).collect();
        let missing = cluster.len() - parts.len();
        parts.sort_unstable();
        parts.dedup();
        num += (cluster.len() - parts.len() - missing) as f64;
        den += (cluster.len() - 1) as f64;
    }
    (num, den)
}

/// B³ sums: Σ over mentions of `key` of |K(m) ∩ O(m)| / |K(m)|, and their count.
fn b_cubed(key: &[Vec<usize>], other_labels: &[Option<usize>]) -> (f64, f64) {
    let mut num = 0.0;
    let mut count = 0.0;
    for cluster in key {
        for &m in cluster {
            count += 1.0;
            let Some(label) = other_labels[m] else {
                continue;
            };
            let overlap = cluster
                .iter()
                .filter(|&&o| other_labels[o] == Some(label))
                .count();
            num += overlap as f64 / cluster.len() as f64;
        }
    }
    (num, count)
}

/// Best one-to-one alignment total of a similarity matrix (rows <= cols
/// not required): Hungarian method on costs `max - sim`.
fn best_alignment(sim: &[Vec<f64>]) -> f64 {
    let rows = sim.len();
    let cols = sim.first().map_or(0, Vec::len);
    if rows == 0 || cols == 0 {
        return 0.0;
    }
    let n = rows.max(cols);
    // Square cost matrix, 1-based for the classic potentials algorithm.
    let cost = |i: usize, j: usize| -> f64 {
        if i <= rows && j <= cols {
            -sim[i - 1][j - 1]
        } else {
            0.0
        }
    };
    let inf = f64::INFINITY;
    let mut u = vec![0.0; n + 1];
    let mut v = vec![0.0; n + 1];
    let mut p = vec![0usize; n + 1];
    let mut way = vec![0usize; n + 1];
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![inf; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = inf;
            let mut j1 = 0;
            for j in 1..=n {
                if !used[j] {
                    let cur = cost(i0, j) - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    (1..=n)
        .filter(|&j| p[j] >= 1 && p[j] <= rows && j <= cols)
        .map(|j| sim[p[j] - 1][j - 1])
        .sum()
}

/// Scores of one document: `key` and `response` give a cluster label per mention.
pub fn score(key_labels: &[usize], response_labels: &[usize]) -> CorefScores {
    let key: Vec<Option<usize>> = key_labels.iter().copied().map(Some).collect();
    let response: Vec<Option<usize>> = response_labels.iter().copied().map(Some).collect();
    score_mentions(&key, &response)
}

/// Scores when the two sides may hold different mentions: index `m` is one
/// mention of the union, `None` where a side lacks it (predicted mentions).
pub fn score_mentions(
    key_labels: &[Option<usize>],
    response_labels: &[Option<usize>],
) -> CorefScores {
    let key = partition(key_labels);
    let response = partition(response_labels);
    let sim: Vec<Vec<f64>> = key
        .iter()
        .map(|k| {
            response
                .iter()
                .map(|r| {
                    let common = k.iter().filter(|m| r.contains(m)).count();
                    2.0 * common as f64 / (k.len() + r.len()) as f64
                })
                .collect()
        })
        .collect();
    let aligned = best_alignment(&sim);
    CorefScores {
        muc_recall: muc(&key, response_labels),
        muc_precision: muc(&response, key_labels),
        b3_recall: b_cubed(&key, response_labels),
        b3_precision: b_cubed(&response, key_labels),
        ceafe_recall: (aligned, key.len() as f64),
        ceafe_precision: (aligned, response.len() as f64),
    }
}

/// Score predicted mentions and clusters against a document's named
/// mentions. A prediction matches a gold named mention when its span lies
/// inside the gold span and covers the gold span's last token (the name's
/// head: gold spans may include titles and articles that recognisers leave
/// out); each gold mention matches at most once. Returns the mention counts,
/// the coreference scores over the union of mentions, and the scores over
/// the gold mentions only (predictions outside them dropped: MEANTIME marks
/// only the entities of its topics, so most other names are unmarked, not wrong).
pub fn score_predicted(doc: &GoldDoc, predicted: &[Entity]) -> (Prf, CorefScores, CorefScores) {
    let named = named_mentions(doc);
    let gold_ids: HashMap<&str, usize> = named
        .iter()
        .enumerate()
        .map(|(i, m)| (m.entity.as_str(), i))
        .collect();
    let gold_spans: Vec<Option<(u32, u32, u32)>> = named
        .iter()
        .map(|m| {
            let (start, end) = doc.span(m)?;
            let last = doc.tokens.get(*m.tokens.last()?)?;
            Some((start, end, last.start))
        })
        .collect();
    let mut key: Vec<Option<usize>> = named
        .iter()
        .map(|m| Some(gold_ids[m.entity.as_str()]))
        .collect();
    let mut response: Vec<Option<usize>> = vec![None; named.len()];
    let mut taken = vec![false; named.len()];
    let mut counts = Prf::default();
    for entity in predicted {
        let Some(cluster) = entity.cluster else {
            continue;
        };
        let matched = gold_spans.iter().enumerate().position(|(g, span)| {
            !taken[g]
                && span.is_some_and(|(start, end, last)| {
                    entity.start >= start
                        && entity.end <= end
                        && entity.start <= last
                        && entity.end > last
                })
        });
        match matched {
            Some(g) => {
                taken[g] = true;
                response[g] = Some(cluster as usize);
                counts.tp += 1;
            }
            None => {
                key.push(None);
                response.push(Some(cluster as usize));
                counts.fp += 1;
            }
        }
    }
    counts.fn_ = taken.iter().filter(|&&t| !t).count() as u64;
    let on_gold = score_mentions(&key[..named.len()], &response[..named.len()]);
    (counts, score_mentions(&key, &response), on_gold)
}

/// Labels from exact string match: same text (ignoring case) and type.
fn baseline_labels(doc: &GoldDoc, mentions: &[&GoldMention]) -> Vec<usize> {
    let mut ids: HashMap<(String, &str), usize> = HashMap::new();
    mentions
        .iter()
        .map(|m| {
            let text = doc
                .span(m)
                .and_then(|(s, e)| doc.text.get(s as usize..e as usize))
                .unwrap_or("")
                .to_lowercase();
            let next = ids.len();
            *ids.entry((text, kind_of(&m.ent_type))).or_insert(next)
        })
        .collect()
}

/// What the resolver made of one document.
pub struct Resolved {
    /// Cluster of each scored named mention (same order as `named_mentions`).
    pub labels: Vec<usize>,
    pub entities: Vec<Entity>,
}

/// Run the resolver on a document's gold named mentions.
pub fn resolve_gold(doc: &GoldDoc, mentions: &[&GoldMention]) -> Resolved {
    let mut entities: Vec<Entity> = mentions
        .iter()
        .filter_map(|m| {
            let (start, end) = doc.span(m)?;
            Some(Entity {
                text: doc.text.get(start as usize..end as usize)?.to_string(),
                kind: kind_of(&m.ent_type).to_string(),
                start,
                end,
                canonical: None,
                cluster: None,
                role: None,
            })
        })
        .collect();
    resolve(&doc.text, &doc.tokens, &doc.sentences, &mut entities);
    let by_span: HashMap<(u32, u32), usize> = entities
        .iter()
        .filter_map(|e| Some(((e.start, e.end), e.cluster? as usize)))
        .collect();
    let mut fresh = by_span.len() + 1_000_000;
    let labels = mentions
        .iter()
        .map(|m| {
            doc.span(m)
                .and_then(|span| by_span.get(&span).copied())
                .unwrap_or_else(|| {
                    fresh += 1;
                    fresh
                })
        })
        .collect();
    Resolved { labels, entities }
}

/// Pronoun link counts: (right links, links made on gold he/she mentions,
/// gold he/she with a named entity).
fn pronoun_links(doc: &GoldDoc, named: &[&GoldMention], resolved: &Resolved) -> (u64, u64, u64) {
    let mut entity_clusters: HashMap<&str, Vec<usize>> = HashMap::new();
    for (m, label) in named.iter().zip(&resolved.labels) {
        entity_clusters
            .entry(m.entity.as_str())
            .or_default()
            .push(*label);
    }
    let gold_pronouns: HashMap<(u32, u32), &str> = doc
        .mentions
        .iter()
        .filter(|m| m.syntactic_type == "PRO" && m.tokens.len() == 1)
        .filter_map(|m| {
            let span = doc.span(m)?;
            let word = doc
                .text
                .get(span.0 as usize..span.1 as usize)?
                .to_lowercase();
            (word == "he" || word == "she").then_some((span, m.entity.as_str()))
        })
        .collect();
    let named_spans: std::collections::HashSet<(u32, u32)> =
        named.iter().filter_map(|m| doc.span(m)).collect();
    let mut right = 0;
    let mut made = 0;
    for entity in &resolved.entities {
        let span = (entity.start, entity.end);
        if named_spans.contains(&span) {
            continue;
        }
        let Some(gold) = gold_pronouns.get(&span) else {
            // MEANTIME marks few pronouns; links to unmarked ones are not scored.
            continue;
        };
        made += 1;
        let right_cluster = entity.cluster.is_some_and(|cluster| {
            entity_clusters
                .get(gold)
                .is_some_and(|clusters| clusters.contains(&(cluster as usize)))
        });
        right += u64::from(right_cluster);
    }
    let reachable = gold_pronouns
        .values()
        .filter(|gold| entity_clusters.contains_key(*gold))
        .count() as u64;
    (right, made, reachable)
}

/// Print gold entities split by the resolver and clusters that join entities.
fn print_errors(doc: &GoldDoc, named: &[&GoldMention], key: &[usize], resolved: &Resolved) {
    let text_of = |m: &GoldMention| {
        doc.span(m)
            .and_then(|(s, e)| doc.text.get(s as usize..e as usize))
            .unwrap_or("")
            .to_string()
    };
    let mut lines = Vec::new();
    for (label_of, other_of, what) in [
        (key, resolved.labels.as_slice(), "split"),
        (resolved.labels.as_slice(), key, "merged"),
    ] {
        let labels: Vec<Option<usize>> = label_of.iter().copied().map(Some).collect();
        for group in partition(&labels) {
            let mut parts: Vec<usize> = group.iter().map(|&m| other_of[m]).collect();
            parts.sort_unstable();
            parts.dedup();
            if parts.len() > 1 {
                let shown: Vec<String> = group
                    .iter()
                    .map(|&m| format!("{}#{}", text_of(named[m]), other_of[m] % 1000))
                    .collect();
                lines.push(format!("  {what}: {}", shown.join(" | ")));
            }
        }
    }
    if !lines.is_empty() {
        println!("{}", doc.name);
        for line in lines {
            println!("{line}");
        }
    }
}

/// Print each pronoun the resolver linked, with its context and antecedent.
fn print_pronouns(doc: &GoldDoc, named: &[&GoldMention], resolved: &Resolved) {
    let named_spans: std::collections::HashSet<(u32, u32)> =
        named.iter().filter_map(|m| doc.span(m)).collect();
    for entity in &resolved.entities {
        if named_spans.contains(&(entity.start, entity.end)) {
            continue;
        }
        let mut from = (entity.start as usize).saturating_sub(150);
        while !doc.text.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = (entity.end as usize + 40).min(doc.text.len());
        while !doc.text.is_char_boundary(to) {
            to += 1;
        }
        let context = doc.text.get(from..to).unwrap_or("").replace('\n', " / ");
        println!(
            "pronoun -> {:<25} | {}",
            entity.canonical.as_deref().unwrap_or("?"),
            context
        );
    }
}

fn print_row(label: &str, scores: &CorefScores) {
    println!(
        "  {label:<28} MUC {:5.1}  B3 {:5.1}  CEAF-e {:5.1}  CoNLL {:5.1}",
        100.0 * scores.muc(),
        100.0 * scores.b3(),
        100.0 * scores.ceafe(),
        100.0 * scores.conll()
    );
}

/// Print the stage's standard metrics on its gold data.
pub fn run(data: &Path) -> anyhow::Result<()> {
    let docs = load(data)?;
    let split_of: HashMap<&str, &str> = TOPICS.iter().copied().collect();
    let mut ours: BTreeMap<&str, CorefScores> = BTreeMap::new();
    let mut base: BTreeMap<&str, CorefScores> = BTreeMap::new();
    let mut pronouns: BTreeMap<&str, (u64, u64, u64)> = BTreeMap::new();
    let mut mention_count: BTreeMap<&str, usize> = BTreeMap::new();
    let mut dropped_shells = 0;
    let mut role_examples: Vec<(String, String, String)> = Vec::new();
    let mut roles_by_kind: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut elapsed = 0.0;
    let mut token_total = 0usize;
    // Diagnostics for rule writing: EVENTWIRE_COREF_SHOW=errors,pronouns.
    let show = std::env::var("EVENTWIRE_COREF_SHOW").unwrap_or_default();
    let show_errors = show.contains("errors");
    let show_pronouns = show.contains("pronouns");
    for doc in &docs {
        let split = split_of.get(doc.topic.as_str()).copied().unwrap_or("dev");
        let named = named_mentions(doc);
        dropped_shells += doc
            .mentions
            .iter()
            .filter(|m| m.syntactic_type == "NAM")
            .count()
            - named.len();
        let key_ids: HashMap<&str, usize> = named
            .iter()
            .enumerate()
            .map(|(i, m)| (m.entity.as_str(), i))
            .collect();
        let key: Vec<usize> = named.iter().map(|m| key_ids[m.entity.as_str()]).collect();
        let started = Instant::now();
        let resolved = resolve_gold(doc, &named);
        elapsed += started.elapsed().as_secs_f64();
        token_total += doc.tokens.len();
        let baseline = baseline_labels(doc, &named);
        // Diagnostics only on the dev topics, so test stays unseen.
        if show_errors && split == "dev" {
            print_errors(doc, &named, &key, &resolved);
        }
        if show_pronouns && split == "dev" {
            print_pronouns(doc, &named, &resolved);
        }
        for group in [split, "all"] {
            ours.entry(group)
                .or_default()
                .add(&score(&key, &resolved.labels));
            base.entry(group).or_default().add(&score(&key, &baseline));
            *mention_count.entry(group).or_default() += named.len();
            let (r, m, g) = pronoun_links(doc, &named, &resolved);
            let slot = pronouns.entry(group).or_default();
            slot.0 += r;
            slot.1 += m;
            slot.2 += g;
        }
        for entity in &resolved.entities {
            let slot = roles_by_kind.entry(entity.kind.clone()).or_default();
            slot.1 += 1;
            if let Some(role) = &entity.role {
                slot.0 += 1;
                if split == "test"
                    && role_examples.len() < 25
                    && entity.text.contains(' ')
                    && role_examples.iter().all(|(_, t, _)| t != &entity.text)
                {
                    role_examples.push((doc.name.clone(), entity.text.clone(), role.clone()));
                }
            }
        }
    }
    println!(
        "coref (MEANTIME English, {} documents, gold named mentions and types)",
        docs.len()
    );
    println!("  scored: NAM mentions; {dropped_shells} NAM apposition shells around another NAM left out");
    for group in ["dev", "test", "all"] {
        let Some(scores) = ours.get(group) else {
            continue;
        };
        println!(
            "{group} ({} named mentions):",
            mention_count.get(group).copied().unwrap_or(0)
        );
        print_row("exact-string baseline", &base[group]);
        print_row("eventwire coref", scores);
        let (right, made, reachable) = pronouns[group];
        println!(
            "  pronouns he/she: {made} linked, {right} right: precision {:.1}, recall {:.1} of {reachable} gold he/she with a named entity",
            100.0 * ratio((right as f64, made as f64)),
            100.0 * ratio((right as f64, reachable as f64))
        );
    }
    println!("roles (no gold; share of mentions with a role, by type):");
    for (kind, (with, total)) in &roles_by_kind {
        println!("  {kind:<7} {with}/{total}");
    }
    println!("role examples (test topics, gold mention -> role):");
    for (doc, text, role) in &role_examples {
        println!(
            "  {text:<40} -> {role:<45} [{}]",
            doc.chars().take(40).collect::<String>()
        );
    }
    println!(
        "speed: {:.0} tokens/s ({} tokens, {:.1} ms in resolve, one thread)",
        token_total as f64 / elapsed.max(1e-9),
        token_total,
        1000.0 * elapsed
    );
    Ok(())
}

/// Scores of the resolver and of the exact-string baseline over `docs`.
pub fn totals(docs: &[GoldDoc]) -> (CorefScores, CorefScores) {
    let mut ours = CorefScores::default();
    let mut base = CorefScores::default();
    for doc in docs {
        let named = named_mentions(doc);
        let ids: HashMap<&str, usize> = named
            .iter()
            .enumerate()
            .map(|(i, m)| (m.entity.as_str(), i))
            .collect();
        let key: Vec<usize> = named.iter().map(|m| ids[m.entity.as_str()]).collect();
        ours.add(&score(&key, &resolve_gold(doc, &named).labels));
        base.add(&score(&key, &baseline_labels(doc, &named)));
    }
    (ours, base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meantime_beats_the_baseline() {
        let Some(data) = crate::data_dir().filter(|d| d.join("meantime-en").is_dir()) else {
            eprintln!("skipping: no meantime-en in the shared data folder");
            return;
        };
        let docs = load(&data).expect("MEANTIME loads");
        assert_eq!(docs.len(), 120);
        let (ours, base) = totals(&docs);
        assert!(ours.conll() > 0.90, "CoNLL F1 {:.3}", ours.conll());
        assert!(
            ours.conll() > base.conll() + 0.10,
            "{:.3} vs {:.3}",
            ours.conll(),
            base.conll()
        );
    }

    #[test]
    fn scores_of_a_known_example() {
        // key {0,1,2} {3,4}; response {0,1} {2,3,4}
        let s = score(&[0, 0, 0, 1, 1], &[0, 0, 1, 1, 1]);
        assert!((ratio(s.muc_recall) - 2.0 / 3.0).abs() < 1e-9);
        assert!((ratio(s.muc_precision) - 2.0 / 3.0).abs() < 1e-9);
        assert!((ratio(s.b3_recall) - 11.0 / 15.0).abs() < 1e-9);
        assert!((ratio(s.b3_precision) - 11.0 / 15.0).abs() < 1e-9);
        assert!((ratio(s.ceafe_recall) - 0.8).abs() < 1e-9);
        assert!((ratio(s.ceafe_precision) - 0.8).abs() < 1e-9);
        let perfect = score(&[0, 0, 1], &[5, 5, 7]);
        assert!((perfect.conll() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn mentions_missing_on_one_side_count_against() {
        // key {0,1,2}; the response misses mention 2 and adds mention 3 alone.
        let s = score_mentions(
            &[Some(0), Some(0), Some(0), None],
            &[Some(0), Some(0), None, Some(1)],
        );
        assert!((ratio(s.muc_recall) - 0.5).abs() < 1e-9);
        assert!((ratio(s.muc_precision) - 1.0).abs() < 1e-9);
        assert!((ratio(s.b3_recall) - 4.0 / 9.0).abs() < 1e-9);
        assert!((ratio(s.b3_precision) - 2.0 / 3.0).abs() < 1e-9);
        assert!((ratio(s.ceafe_recall) - 0.8).abs() < 1e-9);
        assert!((ratio(s.ceafe_precision) - 0.4).abs() < 1e-9);
    }

    #[test]
    fn alignment_prefers_the_best_pairing() {
        let sim = vec![vec![0.9, 0.8], vec![0.85, 0.1], vec![0.0, 0.0]];
        assert!((best_alignment(&sim) - 1.65).abs() < 1e-9);
    }

    #[test]
    fn parses_cat_xml() {
        let xml = r#"<?xml version="1.0" ?><Document doc_id="1">
<token number="0" sentence="0" t_id="1">John</token>
<token number="1" sentence="0" t_id="2">Kirby</token>
<token number="2" sentence="0" t_id="3">spoke</token>
<token number="3" sentence="1" t_id="4">Kirby</token>
<token number="4" sentence="1" t_id="5">&quot;left&quot;</token>
<Markables>
<ENTITY_MENTION m_id="10" syntactic_type="NAM"><token_anchor t_id="1"/><token_anchor t_id="2"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="11" syntactic_type="NAM"><token_anchor t_id="4"/></ENTITY_MENTION>
<ENTITY ent_type="PER" m_id="20"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="10"/><source m_id="11"/><target m_id="20"/></REFERS_TO>
</Relations></Document>"#;
        let doc = parse_document(xml, "x", "corpus_test").unwrap();
        assert_eq!(doc.text, "John Kirby spoke\nKirby \"left\"");
        assert_eq!(doc.sentences.len(), 2);
        assert_eq!(doc.mentions.len(), 2);
        assert_eq!(doc.mentions[0].entity, doc.mentions[1].entity);
        assert_eq!(doc.mentions[0].ent_type, "PER");
        let named = named_mentions(&doc);
        let resolved = resolve_gold(&doc, &named);
        assert_eq!(resolved.labels[0], resolved.labels[1]);
    }
}
