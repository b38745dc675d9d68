//! Lemmas from the form and its Penn tag: an exception table for forms the
//! rules get wrong ("was"/VBD → "be", "children"/NNS → "child"), then a
//! suffix rule learned per tag ("-ies"/NNS → "-y", "-ning"/VBG → "-n").
//!
//! A rule says how to case the form first (EWT lowercases most words, keeps
//! proper nouns as written, and capitalises lowercase proper nouns: "taco"
//! → "Taco"), how many chars to cut from the end
//! and what to append. Rules are indexed by the tag and the form's last
//! 0–5 lowercase chars; the longest suffix seen in training wins, and its
//! most frequent rule (counted over distinct words, so that frequent
//! irregular words do not drown the regular pattern) applies. A suffix needs
//! two distinct words behind its rule to count, so that one odd word
//! ("Sept." → "September") does not make a rule ("Capt." → "Captember").

use std::collections::HashMap;

use super::features::lowercase_into;
use crate::model::container::{ByteReader, ByteWriter, ModelError};
use crate::model::hash::{hash_str, mix};
use crate::model::perceptron::KeyMap;

/// Longest suffix (in chars) rules are indexed by.
const MAX_SUFFIX: usize = 5;

/// How a rule cases the form before editing it.
const KEEP: u8 = 0;
const LOWER: u8 = 1;
/// Lowercase, then capitalise the first char.
const TITLE: u8 = 2;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Rule {
    case: u8,
    strip: u8,
    append: String,
}

/// The lemma half of the tagger model.
#[derive(Debug, Clone, Default)]
pub struct Lemmatizer {
    rules: Vec<Rule>,
    /// (tag, lowercase suffix) → rule.
    suffix_rules: KeyMap<u32>,
    /// Kept for saving: (tag, suffix, rule).
    suffix_entries: Vec<(u16, String, u32)>,
    /// (tag, form) → lemma.
    exceptions: KeyMap<u32>,
    exception_entries: Vec<(u16, String, String)>,
}

fn key(tag: u16, text: &str) -> u64 {
    mix(hash_str(text), u64::from(tag) + 1)
}

/// The cased base of `form` for `case`, written into `out`.
fn cased(form: &str, lower: &str, case: u8, out: &mut String) {
    out.clear();
    match case {
        KEEP => out.push_str(form),
        TITLE => {
            let mut chars = lower.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        }
        _ => out.push_str(lower),
    }
}

/// The rule turning `form` into `lemma` under each casing, with its cost
/// (chars cut plus chars appended).
fn rules_for(form: &str, lower: &str, lemma: &str) -> [(Rule, usize); 3] {
    let mut base = String::new();
    [KEEP, LOWER, TITLE].map(|case| {
        cased(form, lower, case, &mut base);
        let common = base
            .chars()
            .zip(lemma.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let strip = base.chars().count() - common;
        let append: String = lemma.chars().skip(common).collect();
        let cost = strip + append.chars().count();
        let rule = Rule {
            case,
            strip: strip.min(usize::from(u8::MAX)) as u8,
            append,
        };
        (rule, cost)
    })
}

/// Apply `rule` to `form` (whose lowercase is `lower`), writing into `out`;
/// false if the form is too short for it.
fn apply(rule: &Rule, form: &str, lower: &str, out: &mut String) -> bool {
    cased(form, lower, rule.case, out);
    let n = out.chars().count();
    let strip = usize::from(rule.strip);
    if strip > n || (strip == n && rule.append.is_empty()) {
        return false;
    }
    let cut = out
        .char_indices()
        .nth(n - strip)
        .map_or(out.len(), |(i, _)| i);
    out.truncate(cut);
    out.push_str(&rule.append);
    true
}

/// Suffixes of `lower` of 0..=MAX_SUFFIX chars, longest first.
fn suffixes(lower: &str) -> impl Iterator<Item = &str> {
    let starts: Vec<usize> = lower
        .char_indices()
        .rev()
        .take(MAX_SUFFIX)
        .map(|(i, _)| i)
        .collect();
    starts
        .into_iter()
        .rev()
        .chain(std::iter::once(lower.len()))
        .filter_map(move |s| lower.get(s..))
}

impl Lemmatizer {
    /// Learn from (form, tag, lemma) triples, one per training word.
    pub fn train<'a>(words: impl Iterator<Item = (&'a str, u16, &'a str)>) -> Lemmatizer {
        // Distinct (form, tag) → lemma counts.
        let mut seen: HashMap<(String, u16), HashMap<String, u32>> = HashMap::new();
        for (form, tag, lemma) in words {
            *seen
                .entry((form.to_string(), tag))
                .or_default()
                .entry(lemma.to_string())
                .or_default() += 1;
        }
        let mut types: Vec<(String, u16, String)> = seen
            .into_iter()
            .map(|((form, tag), lemmas)| {
                let best = lemmas
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                    .map(|(l, _)| l)
                    .unwrap_or_default();
                (form, tag, best)
            })
            .collect();
        types.sort();
        let mut rule_ids: HashMap<Rule, u32> = HashMap::new();
        let mut rules = Vec::new();
        let mut counts: HashMap<(u16, String), HashMap<u32, u32>> = HashMap::new();
        let mut lower = String::new();
        // Per tag, how often each casing is the only cheapest one; it breaks
        // ties for words whose casing does not matter ("dogs" under KEEP or LOWER).
        let mut case_wins: HashMap<u16, [u32; 3]> = HashMap::new();
        let mut candidates = Vec::with_capacity(types.len());
        for (form, tag, lemma) in &types {
            lowercase_into(form, &mut lower);
            let options = rules_for(form, &lower, lemma);
            let min = options.iter().map(|o| o.1).min().unwrap_or(0);
            let mut cheapest = options.iter().filter(|o| o.1 == min);
            if let (Some(only), None) = (cheapest.next(), cheapest.next()) {
                case_wins.entry(*tag).or_default()[usize::from(only.0.case)] += 1;
            }
            candidates.push((min, options));
        }
        for ((form, tag, _), (min, options)) in types.iter().zip(candidates) {
            lowercase_into(form, &mut lower);
            let wins = case_wins.get(tag).copied().unwrap_or_default();
            let Some((rule, _)) = options.into_iter().filter(|o| o.1 == min).max_by_key(|o| {
                (
                    wins[usize::from(o.0.case)],
                    o.0.case == LOWER,
                    o.0.case == KEEP,
                )
            }) else {
                continue;
            };
            let next = rules.len() as u32;
            let id = *rule_ids.entry(rule.clone()).or_insert_with(|| {
                rules.push(rule);
                next
            });
            for suffix in suffixes(&lower) {
                *counts
                    .entry((*tag, suffix.to_string()))
                    .or_default()
                    .entry(id)
                    .or_default() += 1;
            }
        }
        // Best rule of each suffix backed by two words (any rule for the empty suffix).
        let best: HashMap<(u16, String), u32> = counts
            .into_iter()
            .filter_map(|(k, c)| {
                let (id, n) = c
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
                (n >= 2 || k.1.is_empty()).then_some((k, id))
            })
            .collect();
        // Keep a suffix only where it changes the answer of the next shorter kept suffix.
        let mut suffix_entries: Vec<(u16, String, u32)> = best
            .iter()
            .filter(|((tag, suffix), id)| {
                let mut shorter = suffix.as_str();
                while let Some((i, _)) = shorter.char_indices().nth(1) {
                    shorter = &shorter[i..];
                    if let Some(other) = best.get(&(*tag, shorter.to_string())) {
                        return other != *id;
                    }
                }
                suffix.is_empty() || best.get(&(*tag, String::new())) != Some(id)
            })
            .map(|((tag, suffix), id)| (*tag, suffix.clone(), *id))
            .collect();
        suffix_entries.sort();
        let mut lemmatizer = Lemmatizer {
            rules,
            suffix_entries,
            ..Default::default()
        };
        lemmatizer.index_rules();
        // Exceptions: every training word the rules get wrong.
        let mut out = String::new();
        let mut exception_entries = Vec::new();
        for (form, tag, lemma) in types {
            lowercase_into(&form, &mut lower);
            if !lemmatizer.by_rule(&form, &lower, tag, &mut out) || out != lemma {
                exception_entries.push((tag, form, lemma));
            }
        }
        lemmatizer.exception_entries = exception_entries;
        lemmatizer.index_exceptions();
        lemmatizer
    }

    fn index_rules(&mut self) {
        self.suffix_rules = self
            .suffix_entries
            .iter()
            .map(|(tag, suffix, id)| (key(*tag, suffix), *id))
            .collect();
    }

    fn index_exceptions(&mut self) {
        self.exceptions = self
            .exception_entries
            .iter()
            .enumerate()
            .map(|(i, (tag, form, _))| (key(*tag, form), i as u32))
            .collect();
    }

    fn by_rule(&self, form: &str, lower: &str, tag: u16, out: &mut String) -> bool {
        suffixes(lower).any(|suffix| {
            self.suffix_rules
                .get(&key(tag, suffix))
                .and_then(|&id| self.rules.get(id as usize))
                .is_some_and(|rule| apply(rule, form, lower, out))
        })
    }

    /// Write the lemma of `form` tagged `tag` into `out`; `lower` is a scratch buffer.
    pub fn lemma(&self, form: &str, tag: u16, lower: &mut String, out: &mut String) {
        lowercase_into(form, lower);
        let exception = self
            .exceptions
            .get(&key(tag, form))
            .or_else(|| self.exceptions.get(&key(tag, lower)))
            .and_then(|&i| self.exception_entries.get(i as usize));
        if let Some((_, _, lemma)) = exception {
            out.clear();
            out.push_str(lemma);
        } else if !self.by_rule(form, lower, tag, out) {
            out.clear();
            out.push_str(form);
        }
    }

    pub fn n_exceptions(&self) -> usize {
        self.exception_entries.len()
    }

    pub fn n_rules(&self) -> usize {
        self.suffix_entries.len()
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = ByteWriter::default();
        w.u32(self.rules.len() as u32);
        for rule in &self.rules {
            w.u8(rule.case);
            w.u8(rule.strip);
            w.bytes(rule.append.as_bytes());
        }
        w.u32(self.suffix_entries.len() as u32);
        for (tag, suffix, id) in &self.suffix_entries {
            w.u16(*tag);
            w.bytes(suffix.as_bytes());
            w.u32(*id);
        }
        w.u32(self.exception_entries.len() as u32);
        for (tag, form, lemma) in &self.exception_entries {
            w.u16(*tag);
            w.bytes(form.as_bytes());
            w.bytes(lemma.as_bytes());
        }
        w.0
    }

    pub fn from_bytes(data: &[u8]) -> Result<Lemmatizer, ModelError> {
        let mut r = ByteReader::new(data);
        let text = |r: &mut ByteReader, what: &'static str| -> Result<String, ModelError> {
            std::str::from_utf8(r.bytes(what)?)
                .map(str::to_string)
                .map_err(|_| ModelError::Invalid(format!("{what} is not UTF-8")))
        };
        let n = r.u32("lemma rule count")? as usize;
        let mut rules = Vec::with_capacity(n.min(data.len()));
        for _ in 0..n {
            let case = r.u8("lemma rule")?;
            if case > TITLE {
                return Err(ModelError::Invalid(format!("lemma casing {case}")));
            }
            let strip = r.u8("lemma rule")?;
            let append = text(&mut r, "lemma rule")?;
            rules.push(Rule {
                case,
                strip,
                append,
            });
        }
        let n = r.u32("lemma suffix count")? as usize;
        let mut suffix_entries = Vec::with_capacity(n.min(data.len()));
        for _ in 0..n {
            let tag = r.u16("lemma suffix")?;
            let suffix = text(&mut r, "lemma suffix")?;
            let id = r.u32("lemma suffix")?;
            if id as usize >= rules.len() {
                return Err(ModelError::Invalid(format!("lemma rule {id} out of range")));
            }
            suffix_entries.push((tag, suffix, id));
        }
        let n = r.u32("lemma exception count")? as usize;
        let mut exception_entries = Vec::with_capacity(n.min(data.len()));
        for _ in 0..n {
            let tag = r.u16("lemma exception")?;
            let form = text(&mut r, "lemma exception")?;
            let lemma = text(&mut r, "lemma exception")?;
            exception_entries.push((tag, form, lemma));
        }
        let mut lemmatizer = Lemmatizer {
            rules,
            suffix_entries,
            exception_entries,
            ..Default::default()
        };
        lemmatizer.index_rules();
        lemmatizer.index_exceptions();
        Ok(lemmatizer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_rules_and_exceptions() {
        const NNS: u16 = 1;
        const VBD: u16 = 2;
        const NNP: u16 = 3;
        let words = [
            ("cities", NNS, "city"),
            ("parties", NNS, "party"),
            ("dogs", NNS, "dog"),
            ("cats", NNS, "cat"),
            ("houses", NNS, "house"),
            ("places", NNS, "place"),
            ("cases", NNS, "case"),
            ("children", NNS, "child"),
            ("walked", VBD, "walk"),
            ("jumped", VBD, "jump"),
            ("was", VBD, "be"),
            ("Aleppo", NNP, "Aleppo"),
            ("Russia", NNP, "Russia"),
            ("Sept.", NNP, "September"),
            ("kerala", NNP, "Kerala"),
            ("asia", NNP, "Asia"),
        ];
        let lem = Lemmatizer::train(words.iter().copied());
        let lem = Lemmatizer::from_bytes(&lem.to_bytes()).unwrap();
        let mut lower = String::new();
        let mut out = String::new();
        let mut check = |form: &str, tag: u16, want: &str| {
            lem.lemma(form, tag, &mut lower, &mut out);
            assert_eq!(out, want, "{form}");
        };
        check("Was", VBD, "be");
        check("children", NNS, "child");
        check("armies", NNS, "army");
        check("Tables", NNS, "table");
        check("talked", VBD, "talk");
        check("Idlib", NNP, "Idlib");
        check("Capt.", NNP, "Capt.");
        check("punjab", NNP, "Punjab");
        check("", NNS, "");
        check("é", NNS, "é");
    }
}
