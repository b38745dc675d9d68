//! Coding the phrases of a clause as actors: the words of a noun phrase,
//! with each named entity replaced by its canonical name (so `Kerry` and
//! `he` are coded as `John Kerry`), cut at `and`/`or` into members.

use super::tree::Tree;
use crate::actors::{ActorDictionary, ActorKind};
use crate::document::Entity;

/// Longest phrase (in tokens) coded as one actor: longer subtrees are cut
/// to their nearest tokens.
pub(crate) const MAX_PHRASE_TOKENS: usize = 16;

/// One coded member of a phrase.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Member {
    pub code: String,
    /// First and last token (inclusive) of the words that gave the code.
    pub first: usize,
    pub last: usize,
    pub cluster: Option<u32>,
}

impl Member {
    /// The country (or IGO/group) part of the code: its first three letters.
    pub(crate) fn country(&self) -> &str {
        self.code.get(..3).unwrap_or(&self.code)
    }
}

pub(crate) struct ActorCoder<'a> {
    tree: &'a Tree<'a>,
    dict: &'a ActorDictionary,
    entities: &'a [Entity],
    /// Index into `entities` of the mention covering each token.
    entity_of: Vec<u32>,
    date: Option<&'a str>,
}

const NO_ENTITY: u32 = u32::MAX;

impl<'a> ActorCoder<'a> {
    pub(crate) fn new(
        tree: &'a Tree<'a>,
        dict: &'a ActorDictionary,
        entities: &'a [Entity],
        date: Option<&'a str>,
    ) -> ActorCoder<'a> {
        let mut entity_of = vec![NO_ENTITY; tree.len()];
        for (e, entity) in entities.iter().enumerate() {
            let (from, to) = tree.tokens_in(entity.start, entity.end);
            for slot in entity_of.iter_mut().take(to).skip(from) {
                *slot = e as u32;
            }
        }
        ActorCoder {
            tree,
            dict,
            entities,
            entity_of,
            date,
        }
    }

    pub(crate) fn entity_at(&self, token: usize) -> Option<&'a Entity> {
        let e = *self.entity_of.get(token)?;
        self.entities.get(e as usize)
    }

    /// The coded members of a phrase given as sorted token indices.
    /// `context_country` stands in for a phrase that names only a role
    /// (`civilians` in a story about Syria).
    ///
    /// A phrase that names only a role counts only when the role word is its
    /// `head` (`civilians`, not `a military solution`).
    pub(crate) fn code(
        &self,
        tokens: &[usize],
        head: Option<usize>,
        context_country: Option<&str>,
    ) -> Vec<Member> {
        let mut words: Vec<&'a str> = Vec::with_capacity(tokens.len() + 4);
        let mut origin: Vec<usize> = Vec::with_capacity(tokens.len() + 4);
        let mut roles: Vec<(&'a str, usize)> = Vec::new();
        // The entity whose tokens are replaced (by its canonical name) or dropped.
        let mut replaced = NO_ENTITY;
        let mut seen = NO_ENTITY;
        for &t in tokens {
            let e = self.entity_of[t];
            if e != NO_ENTITY && e == replaced {
                continue;
            }
            if e != NO_ENTITY && e != seen {
                seen = e;
                let entity = &self.entities[e as usize];
                if let Some(role) = entity.role.as_deref() {
                    roles.push((role, t));
                }
                if !self.names_actor_first(entity) {
                    // `International Syria Support Group` is not Syria.
                    replaced = e;
                    continue;
                }
                // A longer canonical name (`Kerry`, `he` → `John Kerry`) replaces
                // the mention; a shorter one would drop its title words.
                if let Some(canonical) = entity.canonical.as_deref() {
                    let pronoun = self.tree.pos(t) == "PRON";
                    if canonical != entity.text && (pronoun || canonical.len() > entity.text.len())
                    {
                        for word in canonical.split_whitespace() {
                            words.push(word);
                            origin.push(t);
                        }
                        replaced = e;
                        continue;
                    }
                }
            }
            if e == NO_ENTITY && self.tree.pos(t) == "PRON" {
                // An unresolved pronoun names nobody.
                continue;
            }
            words.push(self.tree.word(t));
            origin.push(t);
        }
        let mut coded = self.dict.code_conjuncts(&words, self.date, context_country);
        if coded.is_empty() {
            // `Sergey Lavrov` may be listed under the surname only.
            if let Some(&t) = tokens.iter().rev().find(|&&t| {
                self.entity_at(t)
                    .is_some_and(|e| matches!(e.kind.as_str(), "PERSON" | "PER"))
            }) {
                let surname = self
                    .entity_at(t)
                    .and_then(|e| e.canonical.as_deref().or(Some(e.text.as_str())))
                    .and_then(|name| name.split_whitespace().last());
                if let Some(surname) = surname {
                    if let Some(code) = self.dict.code_phrase(&[surname], self.date) {
                        if !code.code.starts_with("---") {
                            return self.finish(vec![Member {
                                code: code.code,
                                first: t,
                                last: t,
                                cluster: None,
                            }]);
                        }
                    }
                }
            }
        }
        if coded.is_empty() && !roles.is_empty() {
            // `Kirby` (role `State Department spokesman`): code the role.
            let (role, t) = roles[0];
            let role_words: Vec<&str> = role.split_whitespace().collect();
            if let Some(code) = self.dict.code_phrase_in(&role_words, self.date, None) {
                return self.finish(vec![Member {
                    code: code.code,
                    first: t,
                    last: t,
                    cluster: None,
                }]);
            }
        }
        coded.retain(|c| !c.code.starts_with("---"));
        if let Some(head) = head {
            coded.retain(|c| {
                let role_only = c.parts.iter().all(|p| p.kind == ActorKind::Agent);
                !role_only
                    || c.parts
                        .iter()
                        .any(|p| (p.start..p.start + p.len).any(|w| origin.get(w) == Some(&head)))
            });
        }
        let members = coded
            .into_iter()
            .filter_map(|c| {
                let first = c.parts.first()?;
                let last = c.parts.last()?;
                let first = *origin.get(first.start)?;
                let last = *origin.get(last.start + last.len.saturating_sub(1))?;
                Some(Member {
                    code: c.code,
                    first,
                    last: last.max(first),
                    cluster: None,
                })
            })
            .collect();
        self.finish(members)
    }

    /// Whether an organisation's name may be coded from its words: a name of
    /// several words must start with a dictionary phrase (`Syrian National
    /// Coalition`, `UN Security Council`); a country further in names
    /// something else (`International Syria Support Group`).
    fn names_actor_first(&self, entity: &Entity) -> bool {
        if !matches!(entity.kind.as_str(), "ORG" | "FAC" | "MISC") {
            return true;
        }
        let name = entity.canonical.as_deref().unwrap_or(&entity.text);
        let words: Vec<&str> = name
            .split_whitespace()
            .skip_while(|w| w.eq_ignore_ascii_case("the"))
            .collect();
        words.len() < 2 || self.dict.match_at(&words, 0, self.date).is_some()
    }

    /// Clusters from the entities, members extended to whole entity
    /// mentions, and members whose code another member refines dropped
    /// (`his Russian counterpart Sergey Lavrov`: `RUS` and `RUSGOV` → `RUSGOV`).
    fn finish(&self, mut members: Vec<Member>) -> Vec<Member> {
        for m in &mut members {
            for t in [m.first, m.last] {
                if let Some(e) = self.entity_at(t) {
                    m.cluster = m.cluster.or(e.cluster);
                    let (from, to) = self.tree.tokens_in(e.start, e.end);
                    if to > from {
                        m.first = m.first.min(from);
                        m.last = m.last.max(to - 1);
                    }
                }
            }
        }
        most_specific(members)
    }
}

/// Members without repeats and without those whose code another member
/// refines (`RUS` beside `RUSGOV`).
pub(crate) fn most_specific(members: Vec<Member>) -> Vec<Member> {
    let codes: Vec<String> = members.iter().map(|m| m.code.clone()).collect();
    let mut kept: Vec<Member> = Vec::with_capacity(members.len());
    for (i, m) in members.into_iter().enumerate() {
        let refined = codes
            .iter()
            .enumerate()
            .any(|(j, c)| j != i && c.len() > m.code.len() && c.starts_with(&m.code));
        let repeated = kept.iter().any(|k| k.code == m.code);
        if !refined && !repeated {
            kept.push(m);
        }
    }
    kept
}
