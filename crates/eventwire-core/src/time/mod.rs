//! Time expressions: recognition (TIMEX3 types DATE, TIME, DURATION, SET)
//! and normalisation to TIMEX3 values against the article's own clock.
//!
//! A hand-written scanner reads the text once ([`lex`] splits words,
//! [`recognise`] matches the expression families with bounded look-ahead),
//! then [`normalise`] turns each meaning into a value against the anchor
//! date, the reporting day of a quote, or a time the text mentioned before.
//! Tense (from Penn tags when the tokens carry them, else from cue words)
//! decides whether a bare "Thursday" or "September" lies before or after
//! the anchor.

mod hijri;
mod lex;
mod normalise;
mod recognise;

use crate::document::{Span, TimeExpression, Token};
use lex::Tok;
use normalise::{Context, Source, Tense};
use recognise::{Hit, Rel, Sem};

/// The clock relative expressions are resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor<'a> {
    /// `YYYY-MM-DD` (a longer ISO date-time is fine); `None` leaves relative values null.
    pub date: Option<&'a str>,
    /// Where the date came from: `"dateline"`, `"published"` or `"none"`.
    pub source: &'static str,
}

/// Every time expression in `text`, in order, with its TIMEX3 value.
/// `tokens` may be empty or carry no tags (then tense comes from the words alone).
///
/// `anchor` of each result: the anchor's `source` when its date was used,
/// `"reported-speech"` when a quote's reporting day was, `"text"` when the
/// text gave the value (an explicit date, or "the next day" after one) and
/// `"none"` when no clock was needed (durations, sets) or none was there.
pub fn find_times(
    text: &str,
    sentences: &[Span],
    tokens: &[Token],
    anchor: &Anchor,
) -> Vec<TimeExpression> {
    let toks = lex::tokenize(text);
    let hits = recognise::scan(&toks);
    if hits.is_empty() {
        return Vec::new();
    }
    let sentence_of = sentence_ids(text, &toks, sentences);
    let quoted = quoted_tokens(text, &toks);
    let cues = tense_cues(&toks, tokens);
    let anchor_day = anchor.date.and_then(normalise::parse_day);
    let reporting = reporting_days(&toks, &hits, &sentence_of, &quoted);

    let mut context = Context::default();
    let mut out = Vec::with_capacity(hits.len());
    let mut cue_at = 0;
    for (index, found) in hits.iter().enumerate() {
        let (start, end) = (toks[found.first].start, toks[found.end - 1].end);
        let sentence = sentence_of[found.first];
        context.sentence = sentence;
        let from_words = tense_at(
            &cues,
            &mut cue_at,
            start,
            end,
            &sentence_of,
            &toks,
            found.first,
        );
        let tense = preposition_tense(&toks, found.first).unwrap_or(from_words);
        // A deictic word inside a quote counts from the day the quote was given.
        let reported = (quoted[found.first] && is_deictic(&found.sem))
            .then(|| {
                reporting
                    .iter()
                    .find(|r| r.sentence == sentence && r.hit != index)
            })
            .flatten()
            .and_then(|r| {
                let report = &hits[r.hit];
                let report_tense = Tense::Past;
                let (value, _) =
                    normalise::resolve(&report.sem, anchor_day, report_tense, &Context::default());
                value.as_deref().and_then(normalise::parse_day)
            });
        let (value, source) = match reported {
            Some(day) => {
                let (value, _) = normalise::resolve(&found.sem, Some(day), tense, &context);
                (value, Some("reported-speech"))
            }
            None => {
                let (value, source) = normalise::resolve(&found.sem, anchor_day, tense, &context);
                let label = match source {
                    Source::Clock => Some(anchor.source),
                    Source::Text => Some("text"),
                    Source::Nothing => None,
                };
                (value, label)
            }
        };
        // Values derived from earlier ones ("a year earlier") are not new topics.
        let derived = matches!(
            found.sem,
            Sem::YearEarlier { .. } | Sem::TextOffset { .. } | Sem::Ago { .. }
        );
        if !derived && matches!(found.kind, recognise::Kind::Date | recognise::Kind::Time) {
            if let Some(value) = value.as_deref() {
                context.note(value);
            }
        }
        out.push(TimeExpression {
            text: text
                .get(start as usize..end as usize)
                .unwrap_or("")
                .to_owned(),
            start,
            end,
            kind: found.kind.as_str().to_owned(),
            value,
            anchor: source.unwrap_or("none").to_owned(),
        });
    }
    out
}

/// Meanings that count from "now", so a quote's "now" is its reporting day.
fn is_deictic(sem: &Sem) -> bool {
    matches!(
        sem,
        Sem::DayOffset { .. } | Sem::UnitOffset { .. } | Sem::Ago { .. } | Sem::Weekday { .. }
    )
}

/// A day-level expression outside quotes next to a reporting verb ("said Thursday").
struct Reporting {
    sentence: u32,
    hit: usize,
}

fn is_reporting_verb(key: &str) -> bool {
    matches!(
        key,
        "said" | "says" | "told" | "added" | "announced" | "stated" | "declared" | "warned"
    )
}

fn reporting_days(
    toks: &[Tok],
    hits: &[Hit],
    sentence_of: &[u32],
    quoted: &[bool],
) -> Vec<Reporting> {
    let mut out = Vec::new();
    for (index, found) in hits.iter().enumerate() {
        let day_level = matches!(
            found.sem,
            Sem::Weekday {
                rel: Rel::Bare,
                part: None,
                ..
            } | Sem::DayOffset { part: None, .. }
                | Sem::Date { day: Some(_), .. }
        );
        if !day_level || quoted[found.first] {
            continue;
        }
        let before = found
            .first
            .checked_sub(1)
            .map(|i| toks[i].key())
            .unwrap_or("");
        let before2 = found
            .first
            .checked_sub(2)
            .map(|i| toks[i].key())
            .unwrap_or("");
        let after = toks.get(found.end).map_or("", Tok::key);
        if is_reporting_verb(before) || is_reporting_verb(before2) || is_reporting_verb(after) {
            out.push(Reporting {
                sentence: sentence_of[found.first],
                hit: index,
            });
        }
    }
    out
}

/// The sentence number of each token: from `sentences` when given, else from
/// end punctuation before a capital and from blank lines.
fn sentence_ids(text: &str, toks: &[Tok], sentences: &[Span]) -> Vec<u32> {
    let mut ids = Vec::with_capacity(toks.len());
    if !sentences.is_empty() {
        let mut current = 0usize;
        for t in toks {
            while current + 1 < sentences.len() && sentences[current].end <= t.start {
                current += 1;
            }
            ids.push(current as u32);
        }
        return ids;
    }
    let mut id = 0u32;
    for (i, t) in toks.iter().enumerate() {
        if i > 0 {
            let previous = &toks[i - 1];
            let gap = text
                .get(previous.end as usize..t.start as usize)
                .unwrap_or("");
            let blank_line = gap.matches('\n').nth(1).is_some();
            let ends = matches!(previous.key(), "." | "!" | "?") && t.space_before && t.capital;
            if blank_line || ends {
                id += 1;
            }
        }
        ids.push(id);
    }
    ids
}

/// Whether each token stands inside quotation marks. Straight quotes toggle;
/// a blank line closes any open quote.
fn quoted_tokens(text: &str, toks: &[Tok]) -> Vec<bool> {
    let mut out = Vec::with_capacity(toks.len());
    let mut inside = false;
    for (i, t) in toks.iter().enumerate() {
        if i > 0 {
            let gap = text
                .get(toks[i - 1].end as usize..t.start as usize)
                .unwrap_or("");
            if gap.matches('\n').nth(1).is_some() {
                inside = false;
            }
        }
        let raw = text.get(t.start as usize..t.end as usize).unwrap_or("");
        match raw {
            "\u{201C}" | "\u{00AB}" => inside = true,
            "\u{201D}" | "\u{00BB}" => inside = false,
            "\"" => inside = !inside,
            _ => {}
        }
        out.push(inside);
    }
    out
}

/// "until Tuesday", "by Dec. 15" look forward; "since September" back.
fn preposition_tense(toks: &[Tok], first: usize) -> Option<Tense> {
    let before = first.checked_sub(1).map_or("", |i| toks[i].key());
    match before {
        "until" | "till" | "by" | "as" => Some(Tense::Future),
        "since" => Some(Tense::Past),
        _ => None,
    }
}

/// A word that sets the tense, at a byte position.
struct Cue {
    at: u32,
    tense: Tense,
}

fn word_tense(toks: &[Tok], i: usize) -> Option<Tense> {
    let tense = past_or_future_word(toks, i)?;
    // A participle after "be" or "have" ("will be held") sets no tense itself.
    let after_auxiliary = i > 0
        && matches!(
            toks[i - 1].key(),
            "be" | "been" | "being" | "is" | "are" | "has" | "have"
        );
    if tense == Tense::Past && after_auxiliary {
        return None;
    }
    Some(tense)
}

fn past_or_future_word(toks: &[Tok], i: usize) -> Option<Tense> {
    let k = toks[i].key();
    let next = toks.get(i + 1).map_or("", Tok::key);
    match k {
        "will" | "shall" | "would" | "might" => Some(Tense::Future),
        "ll" if i > 0 && toks[i - 1].is_punct('\'') => Some(Tense::Future),
        "won" if next == "'" => Some(Tense::Future),
        "going" if next == "to" => Some(Tense::Future),
        "expected" | "scheduled" | "plans" | "planned" | "expects" | "due" | "intends"
            if next == "to" || k == "due" || k == "scheduled" =>
        {
            Some(Tense::Future)
        }
        // Present tense: the nearest year, not the past one.
        "is" | "are" | "says" | "say" => Some(Tense::Unknown),
        "was" | "were" | "had" | "did" | "said" | "told" | "made" | "took" | "came" | "went"
        | "met" | "held" | "began" | "fell" | "rose" | "saw" | "gave" | "left" | "sold"
        | "bought" | "paid" | "ago" | "struck" | "fought" | "spoke" | "wrote" | "became"
        | "got" | "knew" | "thought" | "won" | "lost" | "led" | "ran" | "sent" | "brought" => {
            Some(Tense::Past)
        }
        _ if k.len() >= 5 && k.ends_with("ed") => Some(Tense::Past),
        _ => None,
    }
}

fn tag_tense(token: &Token, word: &str) -> Option<Tense> {
    let tag = token.tag.as_deref()?;
    match tag {
        "VBD" => Some(Tense::Past),
        "VBZ" | "VBP" => Some(Tense::Unknown),
        "MD" if matches!(word, "will" | "shall" | "ll" | "wo" | "would" | "might") => {
            Some(Tense::Future)
        }
        _ => None,
    }
}

/// Tense cues in text order: from Penn tags when the tokens carry any, else words.
fn tense_cues(toks: &[Tok], tokens: &[Token]) -> Vec<Cue> {
    let mut cues = Vec::new();
    if tokens.iter().any(|t| t.tag.is_some()) {
        // Word forms for the tags come from our own tokens at the same offset.
        let mut j = 0;
        for token in tokens {
            while j < toks.len() && toks[j].start < token.start {
                j += 1;
            }
            let word = toks
                .get(j)
                .filter(|t| t.start == token.start)
                .map_or("", Tok::key);
            let tense = tag_tense(token, word).or_else(|| {
                // Future words the tagger marks as plain verbs ("going to", "expected to").
                toks.get(j)
                    .filter(|t| t.start == token.start)
                    .and_then(|_| word_tense(toks, j))
                    .filter(|t| *t == Tense::Future)
            });
            if let Some(tense) = tense {
                cues.push(Cue {
                    at: token.start,
                    tense,
                });
            }
        }
        return cues;
    }
    for i in 0..toks.len() {
        if let Some(tense) = word_tense(toks, i) {
            cues.push(Cue {
                at: toks[i].start,
                tense,
            });
        }
    }
    cues
}

/// The tense of the cue nearest the expression in its sentence; past when none.
/// `cursor` walks forward with the expressions, so the search is linear.
fn tense_at(
    cues: &[Cue],
    cursor: &mut usize,
    start: u32,
    end: u32,
    sentence_of: &[u32],
    toks: &[Tok],
    first: usize,
) -> Tense {
    while *cursor < cues.len() && cues[*cursor].at < start {
        *cursor += 1;
    }
    let sentence = sentence_of[first];
    let same_sentence = |at: u32| {
        let i = toks.partition_point(|t| t.start < at);
        sentence_of.get(i).is_some_and(|&s| s == sentence)
    };
    let before = cursor.checked_sub(1).and_then(|i| cues.get(i));
    let mut after_index = *cursor;
    while after_index < cues.len() && cues[after_index].at < end {
        after_index += 1;
    }
    let after = cues.get(after_index);
    // A cue further than this many bytes belongs to another clause.
    const REACH: u32 = 80;
    let before = before.filter(|c| same_sentence(c.at) && start - c.at <= REACH);
    let after = after.filter(|c| same_sentence(c.at) && c.at - end <= REACH);
    match (before, after) {
        (Some(b), Some(a)) => {
            if start - b.at <= a.at - end {
                b.tense
            } else {
                a.tense
            }
        }
        (Some(c), None) | (None, Some(c)) => c.tense,
        (None, None) => Tense::Unknown,
    }
}
