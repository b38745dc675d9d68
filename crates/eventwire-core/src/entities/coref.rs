//! Coreference of named entities within one article, and their roles.
//!
//! [`resolve`] takes the mentions found by recognition (text, type, span) and
//! fills `canonical`, `cluster` and `role`:
//!
//! - **Clusters.** Mentions are read in order; each joins the earlier entity
//!   it names, or starts a new one. A mention joins an entity of a compatible
//!   class (PERSON only with PERSON; GPE, LOC and FAC count as one class;
//!   MISC may join ORG or places) when
//!   - its name is the same, after dropping periods, a leading "the",
//!     titles ("Mr", "Senator"), possessive endings and company suffixes;
//!   - both names are in one line of the alias table `aliases.tsv`
//!     ("Daesh", "ISIS", "Islamic State"; "UK", "Britain"), never for a PERSON;
//!   - one is the acronym of the other ("UN" and "United Nations", "SNC" and
//!     "Syrian National Coalition"), or stands in parentheses right after it;
//!   - for people, its words are part of the other's name, in order and with
//!     the same last word ("Kirby" and "John Kirby", "de Mistura" and
//!     "Staffan de Mistura"), in either order of appearance, and genders agree;
//!   - for organisations and other names, one name begins the other
//!     ("Lockheed" and "Lockheed Martin"; a single common word such as
//!     "National" is not enough) or ends it with two words or more ("Air
//!     Force"); for MISC (products, indexes) one word is enough at the end
//!     too ("A380" and "Airbus A380").
//!
//!   When several entities fit, the most recent wins: in "George Bush ...
//!   Jeb Bush ... Bush" the last "Bush" joins Jeb Bush, and two people
//!   with the same surname and different first names never merge.
//!   "Washington" (a place) never joins "Denzel Washington" (a person).
//!   The capital "Washington" is not an alias of the United States, because
//!   the resolver cannot tell the city from its government.
//! - **Canonical** is the fullest name of the entity in this article: the
//!   name with the most words, then the longest, then the first.
//! - **Clusters** are numbered from 0 in the order of their first mention.
//! - **Roles** are titles and descriptions written with a mention: before it
//!   ("State Department spokesman John Kirby" -> "State Department
//!   spokesman", "his Russian counterpart Sergey Lavrov" -> "Russian
//!   counterpart"), inside it when recognition included it ("Senator John
//!   McCain"), or in an apposition after it ("Lavrov, the Russian foreign
//!   minister," -> "Russian foreign minister": articles and possessive
//!   determiners are left out). A mention with no role of its own gets the
//!   first role of its entity, so a later "Kirby" still carries "State
//!   Department spokesman".
//! - **Pronouns.** "he" or "she" as the subject of a speech verb ("he said",
//!   "she told reporters", "said he"; or `nsubj` of a speech verb when the
//!   parser ran) is linked to the latest person whose gender fits, preferring
//!   the latest one quoted as speaker, within the current and the three
//!   previous sentences. Gender comes from honorifics (Mr, Mrs, Ms), gendered
//!   titles (spokeswoman, King) and the first-name list
//!   `coref_first_names.tsv`; unknown fits both. Each linked pronoun is added
//!   to the entities as a PERSON mention with its own span and the person's
//!   canonical name, cluster and role.
//!
//! Surface patterns work without a tagger; part-of-speech tags and
//! dependencies are used when present. Entities leave sorted by start.
//! Work is linear in the number of tokens and mentions (every look-back is
//! bounded).

use std::collections::HashMap;

use super::coref_names::{analyse, honorific_gender, Gender, Group, Lexicon, Name, Piece};
use super::coref_roles::{role_after, role_before};
use crate::document::{Entity, Span, Token};
use crate::segment::tokenize;

/// Sentences a pronoun may look back over, besides its own.
const PRONOUN_WINDOW: u32 = 3;
/// Candidate entities examined per look-up, newest first.
const MAX_CANDIDATES: usize = 32;

/// Tokens of the article with their sentences and the entity class covering each.
pub(super) struct Context<'a> {
    text: &'a str,
    spans: Vec<(u32, u32)>,
    /// The caller's tokens, for tags and dependencies; empty when we tokenised.
    tokens: &'a [Token],
    sentence_of: Vec<u32>,
    /// Token range of each sentence id.
    sentence_range: Vec<(usize, usize)>,
    covering: Vec<Option<Group>>,
}

impl<'a> Context<'a> {
    fn new(text: &'a str, tokens: &'a [Token], sentences: &[Span]) -> Context<'a> {
        let (spans, tokens): (Vec<(u32, u32)>, &[Token]) = if tokens.is_empty() {
            let own = tokenize(text).iter().map(|s| (s.start, s.end)).collect();
            (own, &[])
        } else {
            (tokens.iter().map(|t| (t.start, t.end)).collect(), tokens)
        };
        let mut starts: Vec<u32> = sentences.iter().map(|s| s.start).collect();
        starts.sort_unstable();
        let sentence_of: Vec<u32> = spans
            .iter()
            .map(|&(start, _)| starts.partition_point(|&s| s <= start).saturating_sub(1) as u32)
            .collect();
        let count = sentence_of.last().map_or(0, |&s| s as usize + 1);
        let mut sentence_range = vec![(0usize, 0usize); count];
        for (i, &s) in sentence_of.iter().enumerate() {
            let range = &mut sentence_range[s as usize];
            if range.1 == 0 {
                range.0 = i;
            }
            range.1 = i + 1;
        }
        let covering = vec![None; spans.len()];
        Context {
            text,
            spans,
            tokens,
            sentence_of,
            sentence_range,
            covering,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.spans.len()
    }

    pub(super) fn word(&self, i: usize) -> &'a str {
        self.spans
            .get(i)
            .and_then(|&(s, e)| self.text.get(s as usize..e as usize))
            .unwrap_or("")
    }

    pub(super) fn start(&self, i: usize) -> u32 {
        self.spans.get(i).map_or(0, |s| s.0)
    }

    pub(super) fn end(&self, i: usize) -> u32 {
        self.spans.get(i).map_or(0, |s| s.1)
    }

    pub(super) fn pos(&self, i: usize) -> Option<&'a str> {
        self.tokens.get(i).and_then(|t| t.pos.as_deref())
    }

    pub(super) fn covering_group(&self, i: usize) -> Option<Group> {
        self.covering.get(i).copied().flatten()
    }

    fn sentence(&self, i: usize) -> u32 {
        self.sentence_of.get(i).copied().unwrap_or(0)
    }

    pub(super) fn sentence_start(&self, i: usize) -> usize {
        self.sentence_range
            .get(self.sentence(i) as usize)
            .map_or(0, |r| r.0)
    }

    pub(super) fn sentence_end(&self, i: usize) -> usize {
        self.sentence_range
            .get(self.sentence(i) as usize)
            .map_or(self.len(), |r| r.1)
    }

    pub(super) fn starts_sentence(&self, i: usize) -> bool {
        let start = self.sentence_start(i);
        // An opening quote or bracket before the first word does not count
        // (a few tokens at most, so the check stays constant-time).
        i == start
            || (i > start
                && i - start <= 3
                && (start..i).all(|k| !self.word(k).chars().any(char::is_alphanumeric)))
    }

    /// Tokens overlapping the byte range `[start, end)`.
    fn token_range(&self, start: u32, end: u32) -> (usize, usize) {
        let a = self.spans.partition_point(|&(_, e)| e <= start);
        let b = self.spans.partition_point(|&(s, _)| s < end);
        (a, b.max(a))
    }

    fn lower(&self, i: usize) -> String {
        self.word(i).to_lowercase()
    }
}

/// A named mention under analysis.
struct Mention {
    name: Name,
    group: Group,
    first: usize,
    after: usize,
    cluster: usize,
    role: Option<(u32, u32)>,
}

struct Cluster {
    /// Mention holding the fullest name.
    best: usize,
    words: Vec<String>,
    gender: Gender,
    /// Newest mention, for recency.
    last: usize,
}

/// Index keys for finding earlier entities.
#[derive(Hash, PartialEq, Eq)]
enum Key {
    Exact(Group, String),
    Alias(u32),
    /// Initials of an entity's multi-word name.
    Initials(String),
    /// An acronym written in the text for an entity.
    Acronym(String),
    LastWord(Group, String),
    FirstWord(Group, String),
}

/// Link mentions of one entity, fill canonical names, clusters and roles,
/// and add pronouns that refer to people. See the module documentation.
pub fn resolve(text: &str, tokens: &[Token], sentences: &[Span], entities: &mut Vec<Entity>) {
    entities.sort_by_key(|e| (e.start, e.end));
    let lexicon = Lexicon::get();
    let mut ctx = Context::new(text, tokens, sentences);
    let ranges: Vec<(usize, usize)> = entities
        .iter()
        .map(|e| ctx.token_range(e.start, e.end))
        .collect();
    for (entity, &(a, b)) in entities.iter().zip(&ranges) {
        let group = Group::of(&entity.kind);
        for slot in &mut ctx.covering[a..b] {
            slot.get_or_insert(group);
        }
    }

    let mut mentions: Vec<Mention> = Vec::with_capacity(entities.len());
    for (entity, &(a, b)) in entities.iter().zip(&ranges) {
        let group = Group::of(&entity.kind);
        let pieces = mention_pieces(&ctx, entity, a, b);
        let mut name = analyse(&pieces, group, lexicon);
        if group == Group::Person && a > 0 {
            // "Ms Jones" where recognition left the honorific out.
            if let Some(gender) = honorific_gender(ctx.word(a - 1)) {
                name.gender = name.gender.merge(gender);
            }
        }
        mentions.push(Mention {
            name,
            group,
            first: a,
            after: b,
            cluster: 0,
            role: None,
        });
    }

    let clusters = cluster_mentions(&ctx, &mut mentions, lexicon);
    for mention in &mut mentions {
        mention.role = mention
            .name
            .inner_role
            .or_else(|| role_before(&ctx, mention.first, mention.group))
            .or_else(|| role_after(&ctx, mention.after, mention.group));
    }
    let mut cluster_role: Vec<Option<(u32, u32)>> = vec![None; clusters.len()];
    for mention in &mentions {
        let slot = &mut cluster_role[mention.cluster];
        if slot.is_none() {
            *slot = mention.role;
        }
    }
    let genders = cluster_genders(text, &mentions, &clusters, &cluster_role, lexicon);
    let canonical: Vec<String> = clusters
        .iter()
        .map(|c| {
            let name = &mentions[c.best].name;
            let written = text.get(name.start as usize..name.end as usize);
            let written = written.filter(|w| !w.trim().is_empty());
            match written {
                Some(w) => w.split_whitespace().collect::<Vec<_>>().join(" "),
                None => entities[c.best].text.clone(),
            }
        })
        .collect();
    let role_text = |span: Option<(u32, u32)>| {
        span.and_then(|(s, e)| text.get(s as usize..e as usize))
            .map(|r| r.trim_end_matches([',', ';', ':']))
            .map(|r| r.split_whitespace().collect::<Vec<_>>().join(" "))
    };

    let pronouns = link_pronouns(&ctx, &mentions, &genders, lexicon);
    for (entity, mention) in entities.iter_mut().zip(&mentions) {
        let c = mention.cluster;
        entity.canonical = Some(canonical[c].clone());
        entity.cluster = Some(c as u32);
        entity.role = role_text(mention.role.or(cluster_role[c]));
    }
    for (token, c) in pronouns {
        entities.push(Entity {
            text: ctx.word(token).to_string(),
            kind: "PERSON".to_string(),
            start: ctx.start(token),
            end: ctx.end(token),
            canonical: Some(canonical[c].clone()),
            cluster: Some(c as u32),
            role: role_text(cluster_role[c]),
        });
    }
    entities.sort_by_key(|e| (e.start, e.end));
    // Number clusters in order of first mention.
    let mut number: Vec<Option<u32>> = vec![None; clusters.len()];
    let mut next = 0;
    for entity in entities.iter_mut() {
        if let Some(c) = entity.cluster {
            let slot = &mut number[c as usize];
            let n = *slot.get_or_insert_with(|| {
                next += 1;
                next - 1
            });
            entity.cluster = Some(n);
        }
    }
}

/// The words of a mention: its tokens clipped to its span, or its own text
/// split at spaces when the span does not match the tokens.
fn mention_pieces<'a>(ctx: &Context<'a>, entity: &'a Entity, a: usize, b: usize) -> Vec<Piece<'a>> {
    let mut pieces = Vec::with_capacity(b - a);
    for i in a..b {
        let start = ctx.start(i).max(entity.start);
        let end = ctx.end(i).min(entity.end);
        if let Some(text) = ctx.text.get(start as usize..end as usize) {
            if !text.is_empty() {
                pieces.push(Piece { start, end, text });
            }
        }
    }
    if pieces.is_empty() {
        let base = entity.text.as_ptr() as usize;
        for word in entity.text.split_whitespace() {
            let offset = (word.as_ptr() as usize - base) as u32;
            pieces.push(Piece {
                start: entity.start.saturating_add(offset),
                end: entity.start.saturating_add(offset + word.len() as u32),
                text: word,
            });
        }
    }
    pieces
}

/// Words that are too common to identify an organisation on their own.
fn is_generic_org_word(word: &str) -> bool {
    matches!(
        word,
        "united"
            | "national"
            | "international"
            | "american"
            | "european"
            | "new"
            | "general"
            | "first"
            | "royal"
            | "world"
            | "global"
            | "central"
            | "federal"
            | "democratic"
            | "islamic"
            | "arab"
            | "african"
            | "asian"
            | "british"
            | "chinese"
            | "russian"
            | "syrian"
            | "us"
            | "air"
            | "state"
            | "north"
            | "south"
            | "east"
            | "west"
            | "great"
            | "free"
            | "popular"
            | "people's"
            | "union"
            | "bank"
            | "ministry"
            | "department"
    )
}

/// Are the words of `short` found in `long` in order, ending with the same word?
fn person_name_within(short: &[String], long: &[String]) -> bool {
    if short.is_empty() || short.len() > long.len() || short.last() != long.last() {
        return false;
    }
    let mut rest = long.iter();
    short.iter().all(|w| rest.any(|l| l == w))
}

/// Is `short` the start of `long`, or its end (two words or more; for
/// other named things, like products, one distinctive word is enough:
/// "A380" and "Airbus A380", "Lion" and "Mac OS X Lion")?
fn org_name_within(short: &[String], long: &[String], group: Group) -> bool {
    if short.is_empty() || short.len() >= long.len() {
        return false;
    }
    let distinctive = short.len() > 1 || !is_generic_org_word(&short[0]);
    let prefix = long.starts_with(short) && distinctive;
    let suffix_words = if group == Group::Misc { 1 } else { 2 };
    let suffix = short.len() >= suffix_words && long.ends_with(short) && distinctive;
    prefix || suffix
}

/// Lookup order of classes for same-name and alias matches.
fn compatible_groups(group: Group) -> &'static [Group] {
    match group {
        Group::Person => &[Group::Person],
        Group::Org => &[Group::Org, Group::Misc],
        Group::Place => &[Group::Place, Group::Misc],
        Group::Norp => &[Group::Norp],
        Group::Misc => &[Group::Misc, Group::Org, Group::Place],
    }
}

fn cluster_mentions(ctx: &Context, mentions: &mut [Mention], lexicon: &Lexicon) -> Vec<Cluster> {
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut index: HashMap<Key, usize> = HashMap::new();
    // Newest-last lists of clusters by a word of their names (partial names).
    let mut by_word: HashMap<Key, Vec<usize>> = HashMap::new();
    let mut group_of: Vec<Group> = Vec::new();

    for m in 0..mentions.len() {
        let mention = &mentions[m];
        let name = &mention.name;
        let group = mention.group;
        let fits = |c: usize| -> bool {
            let other = group_of[c];
            if group == Group::Person || other == Group::Person {
                group == other
            } else {
                group != Group::Norp && other != Group::Norp || group == other
            }
        };
        let mut found: Option<usize> = None;

        if group != Group::Person && !name.key.is_empty() {
            found = compatible_groups(group)
                .iter()
                .find_map(|&g| index.get(&Key::Exact(g, name.key.clone())).copied());
            if found.is_none() {
                if let Some(entry) = lexicon.alias_entry(name) {
                    found = index.get(&Key::Alias(entry)).copied().filter(|&c| fits(c));
                }
            }
            if found.is_none() {
                if let Some(form) = &name.acronym_form {
                    found = index
                        .get(&Key::Initials(form.clone()))
                        .or_else(|| index.get(&Key::Acronym(form.clone())))
                        .copied()
                        .filter(|&c| fits(c));
                }
            }
            if found.is_none() {
                if let Some(initials) = &name.derived_acronym {
                    found = index
                        .get(&Key::Acronym(initials.clone()))
                        .copied()
                        .filter(|&c| fits(c));
                }
            }
            if found.is_none() && name.acronym_form.is_some() && m > 0 {
                found = parenthesised_after(ctx, mentions, m).filter(|&c| fits(c));
            }
        }
        if found.is_none()
            && matches!(group, Group::Person | Group::Org | Group::Misc)
            && !name.words.is_empty()
        {
            let keys = match group {
                Group::Person => vec![Key::LastWord(
                    group,
                    name.words[name.words.len() - 1].clone(),
                )],
                _ => vec![
                    Key::FirstWord(group, name.words[0].clone()),
                    Key::LastWord(group, name.words[name.words.len() - 1].clone()),
                ],
            };
            let mut best: Option<usize> = None;
            for key in &keys {
                let Some(list) = by_word.get(key) else {
                    continue;
                };
                for &c in list.iter().rev().take(MAX_CANDIDATES) {
                    let cluster: &Cluster = &clusters[c];
                    let ok = match group {
                        Group::Person => {
                            cluster.gender.compatible(name.gender)
                                && (person_name_within(&name.words, &cluster.words)
                                    || person_name_within(&cluster.words, &name.words))
                        }
                        _ => {
                            name.words == cluster.words
                                || org_name_within(&name.words, &cluster.words, group)
                                || org_name_within(&cluster.words, &name.words, group)
                        }
                    };
                    if ok {
                        // The most recently mentioned wins.
                        if best.is_none_or(|b| last_seen(&clusters, b) < last_seen(&clusters, c)) {
                            best = Some(c);
                        }
                        break;
                    }
                }
            }
            found = best;
        }

        let c = match found {
            Some(c) => {
                let cluster = &mut clusters[c];
                let held = &mentions[cluster.best].name;
                let fuller = (name.written_words, name.end - name.start)
                    > (held.written_words, held.end - held.start);
                if fuller {
                    cluster.best = m;
                    cluster.words = name.words.clone();
                }
                cluster.gender = cluster.gender.merge(name.gender);
                c
            }
            None => {
                clusters.push(Cluster {
                    best: m,
                    words: name.words.clone(),
                    gender: name.gender,
                    last: m,
                });
                group_of.push(group);
                clusters.len() - 1
            }
        };
        // Remember the newest mention of the cluster for recency.
        clusters[c].last = m;
        let name = &mentions[m].name;
        if !name.key.is_empty() {
            index.insert(Key::Exact(group, name.key.clone()), c);
        }
        if group != Group::Person {
            if let Some(entry) = lexicon.alias_entry(name) {
                index.insert(Key::Alias(entry), c);
            }
            if let Some(initials) = &name.derived_acronym {
                index.insert(Key::Initials(initials.clone()), c);
            }
            for form in name.acronym_form.iter().chain(&name.paren_alias) {
                index.insert(Key::Acronym(form.clone()), c);
            }
        }
        if let (Some(first), Some(last)) = (name.words.first(), name.words.last()) {
            let mut keys = vec![Key::LastWord(group, last.clone())];
            if group != Group::Person {
                keys.push(Key::FirstWord(group, first.clone()));
            }
            for key in keys {
                let list = by_word.entry(key).or_default();
                if list.last() != Some(&c) {
                    // Short lists are kept free of repeats so recency order is
                    // exact; long ones only grow (look-ups read their newest end).
                    if list.len() <= MAX_CANDIDATES {
                        list.retain(|&x| x != c);
                    }
                    list.push(c);
                }
            }
        }
        mentions[m].cluster = c;
    }
    clusters
}

fn last_seen(clusters: &[Cluster], c: usize) -> usize {
    clusters[c].last
}

/// An acronym in parentheses right after another mention: "Syrian
/// National Coalition (SNC)". Returns the earlier mention's cluster.
fn parenthesised_after(ctx: &Context, mentions: &[Mention], m: usize) -> Option<usize> {
    let mention = &mentions[m];
    let previous = &mentions[m - 1];
    let open = mention.first.checked_sub(1)?;
    let closes = ctx.word(mention.after) == ")";
    (ctx.word(open) == "(" && previous.after == open && closes).then_some(previous.cluster)
}

/// Gender of each cluster from its names, roles and first names.
fn cluster_genders(
    text: &str,
    mentions: &[Mention],
    clusters: &[Cluster],
    cluster_role: &[Option<(u32, u32)>],
    lexicon: &Lexicon,
) -> Vec<Gender> {
    let mut genders: Vec<Gender> = clusters.iter().map(|c| c.gender).collect();
    for (c, cluster) in clusters.iter().enumerate() {
        let best = &mentions[cluster.best];
        if best.group != Group::Person {
            genders[c] = Gender::Unknown;
            continue;
        }
        if let Some((s, e)) = cluster_role[c] {
            if let Some(role) = text.get(s as usize..e as usize) {
                for word in role.split_whitespace() {
                    genders[c] = genders[c]
                        .merge(super::coref_names::role_word_gender(&word.to_lowercase()));
                }
            }
        }
        let first_word = text
            .get(best.name.start as usize..best.name.end as usize)
            .and_then(|n| n.split_whitespace().next());
        if let Some(first) = first_word {
            if best.name.words.len() > 1 {
                if let Some(&g) = lexicon.first_names.get(first) {
                    genders[c] = genders[c].merge(g);
                }
            }
        }
    }
    genders
}

/// Adverbs and auxiliaries allowed between a pronoun and its speech verb.
fn is_speech_filler(lower: &str) -> bool {
    matches!(
        lower,
        "also"
            | "later"
            | "then"
            | "further"
            | "previously"
            | "has"
            | "had"
            | "have"
            | "once"
            | "earlier"
            | "again"
            | "reportedly"
            | "repeatedly"
            | "would"
            | "will"
            | "did"
            | "does"
            | "recently"
            | "subsequently"
            | "additionally"
            | "simply"
            | "flatly"
            | "clearly"
            | "publicly"
            | "privately"
            | "separately"
            | "quickly"
            | "just"
            | "already"
            | "has also"
    )
}

/// Is token `i` followed by a speech verb, with at most two fillers between?
fn speech_verb_follows(ctx: &Context, i: usize, lexicon: &Lexicon) -> bool {
    let end = ctx.sentence_end(i).min(i + 4);
    for k in i..end {
        let lower = ctx.lower(k);
        if lexicon.speech_verbs.contains(lower.as_str()) {
            return true;
        }
        if !is_speech_filler(&lower) {
            return false;
        }
    }
    false
}

fn speech_verb_precedes(ctx: &Context, first: usize, lexicon: &Lexicon) -> bool {
    first > ctx.sentence_start(first) && {
        let previous = ctx.lower(first - 1);
        lexicon.speech_verbs.contains(previous.as_str())
            || (previous == "to" && first >= 2 && ctx.lower(first - 2) == "according")
    }
}

/// Is the pronoun at token `i` the subject of a speech verb?
fn pronoun_speaks(ctx: &Context, i: usize, lexicon: &Lexicon) -> bool {
    if speech_verb_follows(ctx, i + 1, lexicon) || speech_verb_precedes(ctx, i, lexicon) {
        return true;
    }
    let Some(token) = ctx.tokens.get(i) else {
        return false;
    };
    let (Some(head), Some(dep)) = (token.head, token.dep.as_deref()) else {
        return false;
    };
    if !dep.starts_with("nsubj") {
        return false;
    }
    let head = head as usize;
    let lemma = ctx
        .tokens
        .get(head)
        .and_then(|t| t.lemma.as_deref())
        .map(str::to_lowercase);
    let word = ctx.lower(head);
    lexicon.speech_verbs.contains(word.as_str())
        || lemma.is_some_and(|l| {
            matches!(
                l.as_str(),
                "say"
                    | "tell"
                    | "add"
                    | "state"
                    | "note"
                    | "explain"
                    | "insist"
                    | "stress"
                    | "warn"
                    | "argue"
                    | "claim"
                    | "announce"
                    | "write"
                    | "tweet"
                    | "declare"
            )
        })
}

/// Pronouns ("he"/"she" speaking) linked to people: (token, cluster).
fn link_pronouns(
    ctx: &Context,
    mentions: &[Mention],
    genders: &[Gender],
    lexicon: &Lexicon,
) -> Vec<(usize, usize)> {
    // People in text order, with whether they are quoted as speakers.
    let people: Vec<(usize, usize, bool)> = mentions
        .iter()
        .filter(|m| m.group == Group::Person && m.after > m.first)
        .map(|m| {
            let speaks = speech_verb_follows(ctx, m.after, lexicon)
                || speech_verb_precedes(ctx, m.first, lexicon);
            (m.after, m.cluster, speaks)
        })
        .collect();
    let mut linked: Vec<(usize, usize)> = Vec::new();
    if people.is_empty() {
        return linked;
    }
    for i in 0..ctx.len() {
        let gender = match ctx.word(i) {
            "he" | "He" | "HE" => Gender::Male,
            "she" | "She" | "SHE" => Gender::Female,
            _ => continue,
        };
        if ctx.covering_group(i).is_some() || !pronoun_speaks(ctx, i, lexicon) {
            continue;
        }
        let sentence = ctx.sentence(i);
        let oldest = sentence.saturating_sub(PRONOUN_WINDOW);
        // People ending at or before the pronoun, newest first.
        let upto = people.partition_point(|&(after, _, _)| after <= i);
        let mut latest: Option<(usize, usize)> = None;
        let mut speaker: Option<(usize, usize)> = None;
        for &(after, c, speaks) in people[..upto].iter().rev().take(4 * MAX_CANDIDATES) {
            if ctx.sentence(after.saturating_sub(1)) < oldest {
                break;
            }
            if !genders[c].compatible(gender) {
                continue;
            }
            latest.get_or_insert((after, c));
            if speaks {
                speaker = Some((after, c));
                break;
            }
        }
        // A pronoun linked earlier is itself a speaker ("he said ... he added").
        if let Some(&(token, c)) = linked.last() {
            if ctx.sentence(token) >= oldest
                && genders[c].compatible(gender)
                && speaker.is_none_or(|(after, _)| token >= after)
            {
                speaker = Some((token + 1, c));
            }
        }
        if let Some((_, c)) = speaker.or(latest) {
            linked.push((i, c));
        }
    }
    linked
}
