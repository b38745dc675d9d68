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
    let bounds = SentenceStarts::new(&toks, sentences);
    let hit_sentence: Vec<usize> = hits
        .iter()
        .map(|h| bounds.index_of(toks[h.first].start))
        .collect();
    let quoted = quoted_hits(&toks, &hits);
    let tagged = tokens.iter().any(|t| t.tag.is_some());
    let anchor_day = anchor.date.and_then(normalise::parse_day);
    let reporting = reporting_days(&toks, &hits, &hit_sentence, &quoted);

    let mut context = Context::default();
    let mut out = Vec::with_capacity(hits.len());
    for (index, found) in hits.iter().enumerate() {
        let (start, end) = (toks[found.first].start, toks[found.end - 1].end);
        let sentence = hit_sentence[index];
        context.sentence = sentence as u32;
        let tense = preposition_tense(&toks, found.first).unwrap_or_else(|| {
            let (from, to) = bounds.range(sentence);
            let window = Window {
                start,
                end,
                from: from.max(start.saturating_sub(REACH)),
                to: to.min(end.saturating_add(REACH)),
            };
            if tagged {
                tense_from_tags(text, &toks, tokens, &window)
            } else {
                tense_from_words(&toks, found.first, found.end, &window)
            }
        });
        // A deictic word inside a quote counts from the day the quote was given.
        let reported = (quoted[index] && is_deictic(&found.sem))
            .then(|| {
                let first = reporting.partition_point(|r| r.sentence < sentence);
                reporting[first..]
                    .iter()
                    .take_while(|r| r.sentence == sentence)
                    .find(|r| r.hit != index)
            })
            .flatten()
            .and_then(|r| {
                let report = &hits[r.hit];
                let (value, _) =
                    normalise::resolve(&report.sem, anchor_day, Tense::Past, &Context::default());
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

/// A tense cue further than this many bytes from the expression belongs to
/// another clause.
const REACH: u32 = 80;

/// Byte offsets where sentences start: the given sentences, else breaks at
/// end punctuation before a capital and at blank lines.
struct SentenceStarts {
    starts: Vec<u32>,
}

impl SentenceStarts {
    fn new(toks: &[Tok], sentences: &[Span]) -> SentenceStarts {
        if !sentences.is_empty() {
            return SentenceStarts {
                starts: sentences.iter().map(|s| s.start).collect(),
            };
        }
        let mut starts = vec![0];
        for pair in toks.windows(2) {
            let (previous, t) = (&pair[0], &pair[1]);
            let ends = matches!(previous.key(), "." | "!" | "?") && t.space_before && t.capital;
            if t.blank_line_before || ends {
                starts.push(t.start);
            }
        }
        SentenceStarts { starts }
    }

    fn index_of(&self, at: u32) -> usize {
        self.starts.partition_point(|&s| s <= at).saturating_sub(1)
    }

    /// The byte range of sentence `index`.
    fn range(&self, index: usize) -> (u32, u32) {
        let from = self.starts.get(index).copied().unwrap_or(0);
        let to = self.starts.get(index + 1).copied().unwrap_or(u32::MAX);
        (from, to)
    }
}

/// Whether each expression stands inside quotation marks. Straight quotes
/// toggle; a blank line closes any open quote. One walk over the tokens.
fn quoted_hits(toks: &[Tok], hits: &[Hit]) -> Vec<bool> {
    let mut out = Vec::with_capacity(hits.len());
    let mut inside = false;
    let mut next = 0;
    for found in hits {
        while next <= found.first && next < toks.len() {
            let t = &toks[next];
            if t.blank_line_before {
                inside = false;
            }
            if t.shape == lex::Shape::Punct && t.key() == "\"" {
                inside = !inside;
            }
            next += 1;
        }
        out.push(inside);
    }
    out
}

/// The part of a sentence searched for tense cues around an expression.
struct Window {
    start: u32,
    end: u32,
    from: u32,
    to: u32,
}

/// The nearer of two cues, by bytes from the expression; the one before wins ties.
fn nearer(window: &Window, before: Option<(u32, Tense)>, after: Option<(u32, Tense)>) -> Tense {
    match (before, after) {
        (Some((b_end, b)), Some((a_start, a))) => {
            if window.start.saturating_sub(b_end) <= a_start.saturating_sub(window.end) {
                b
            } else {
                a
            }
        }
        (Some((_, t)), None) | (None, Some((_, t))) => t,
        (None, None) => Tense::Unknown,
    }
}

/// Tense from cue words near the expression (tokens `first..end`).
fn tense_from_words(toks: &[Tok], first: usize, end: usize, window: &Window) -> Tense {
    let before = toks[..first]
        .iter()
        .enumerate()
        .rev()
        .take_while(|(_, t)| t.start >= window.from)
        .find_map(|(i, t)| word_tense(toks, i).map(|tense| (t.end, tense)));
    let after = toks[end..]
        .iter()
        .enumerate()
        .take_while(|(_, t)| t.end <= window.to)
        .find_map(|(k, t)| word_tense(toks, end + k).map(|tense| (t.start, tense)));
    nearer(window, before, after)
}

/// Tense from the tagger's Penn tags near the expression, plus future phrases
/// the tags do not show ("going to", "expected to").
fn tense_from_tags(text: &str, toks: &[Tok], tokens: &[Token], window: &Window) -> Tense {
    let cue = |token: &Token| -> Option<Tense> {
        let word = text
            .get(token.start as usize..token.end as usize)
            .unwrap_or("");
        tag_tense(token, word).or_else(|| {
            // Only words that can start a future phrase need the word rules.
            let future_word = [
                "going",
                "expected",
                "scheduled",
                "plans",
                "planned",
                "expects",
                "due",
                "intends",
            ]
            .iter()
            .any(|w| word.eq_ignore_ascii_case(w));
            if !future_word {
                return None;
            }
            let i = toks.partition_point(|t| t.start < token.start);
            toks.get(i)
                .filter(|t| t.start == token.start)
                .and_then(|_| word_tense(toks, i))
                .filter(|t| *t == Tense::Future)
        })
    };
    let split = tokens.partition_point(|t| t.start < window.start);
    let before = tokens[..split]
        .iter()
        .rev()
        .take_while(|t| t.start >= window.from)
        .filter(|t| t.end <= window.start)
        .find_map(|t| cue(t).map(|tense| (t.end, tense)));
    let after = tokens[split..]
        .iter()
        .skip_while(|t| t.start < window.end)
        .take_while(|t| t.end <= window.to)
        .find_map(|t| cue(t).map(|tense| (t.start, tense)));
    nearer(window, before, after)
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
    sentence: usize,
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
    hit_sentence: &[usize],
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
        if !day_level || quoted[index] {
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
                sentence: hit_sentence[index],
                hit: index,
            });
        }
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
        "MD" if ["will", "shall", "'ll", "ll", "wo", "would", "might"]
            .iter()
            .any(|m| word.eq_ignore_ascii_case(m)) =>
        {
            Some(Tense::Future)
        }
        _ => None,
    }
}
