//! The pipeline: one raw article in, one analysed [`Document`] out.
//!
//! Stages run in order, each a plain function that reads what the earlier
//! ones wrote: extraction (HTML only), cleaning, dateline, provenance,
//! segmentation, then, with the models given, part of speech, dependency
//! syntax, named entities and their coreference. Stages that do not exist
//! yet leave their layers empty.

use crate::calendar::{days_from_civil, is_valid_gregorian};
use crate::clean::clean;
use crate::counts::find_counts;
use crate::dateline::find_dateline;
use crate::document::{Document, Entity, Quote, Span, Token};
use crate::entities::coref::resolve;
use crate::entities::ner::Recognizer;
use crate::events::{find_events, EventContext};
use crate::extract::extract;
use crate::models::Models;
use crate::places::{find_places, PlaceContext};
use crate::provenance::find_sources;
use crate::quotes::find_quotes;
use crate::read::{Body, RawArticle};
use crate::segment::{split_sentences, tokenize};
use crate::tag::Scratch as TagScratch;
use crate::time::{find_times, Anchor};
use std::fmt;
use std::ops::Range;

/// Text beyond this many bytes of one article gets no part of speech, syntax
/// or entities (real articles are far shorter; see `analyze`).
pub const LINGUISTIC_LIMIT: usize = 4 << 20;

/// What the caller wants in the output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Fill the `tokens` layer (it is large, so it is off by default).
    pub tokens: bool,
}

/// Why an article could not be analysed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnalyzeError {
    /// Nothing was left to analyse (an HTML page with no article, an empty body).
    NoText(&'static str),
}

impl fmt::Display for AnalyzeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnalyzeError::NoText(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for AnalyzeError {}

/// Analyse one article.
pub fn analyze(
    raw: RawArticle,
    options: Options,
    models: &Models,
) -> Result<Document, AnalyzeError> {
    let RawArticle {
        input,
        body,
        title,
        date,
        warnings,
    } = raw;
    let mut removed = Vec::new();
    let mut site_name = None;
    let mut metadata_date = date;
    let (title, body_text) = match body {
        Body::Html(html) => {
            let article = extract(&html);
            if article.text.trim().is_empty() {
                return Err(AnalyzeError::NoText("no article text found in the HTML"));
            }
            removed.extend(article.removed);
            site_name = article.site_name;
            metadata_date = metadata_date.or(article.published);
            (title.or(article.title), article.text)
        }
        Body::Text(text) if title.is_none() => {
            let (headline, rest) = split_headline(&text);
            (headline.map(str::to_string), rest.to_string())
        }
        Body::Text(text) => (title, text),
    };
    let cleaned = clean(&body_text);
    if cleaned.text.trim().is_empty() {
        return Err(AnalyzeError::NoText("no text left after cleaning"));
    }
    removed.extend(cleaned.removed);

    let mut doc = Document::new(input, cleaned.text);
    doc.title = title.map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
    doc.removed = removed;
    doc.warnings = warnings;

    let metadata_date = metadata_date.as_deref().and_then(iso_date_prefix);
    let year_hint = metadata_date
        .as_deref()
        .or(doc.input.fetched.as_deref().and_then(|d| d.get(..4)))
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse().ok());
    if let Some((mut dateline, notes)) = find_dateline(&doc.text, year_hint) {
        doc.warnings.extend(notes);
        if let (Some(date), Some(anchor)) = (dateline.date.as_deref(), metadata_date.as_deref()) {
            if !dateline.text.contains(date.get(..4).unwrap_or("-")) {
                dateline.date = nearest_year(date, anchor).or(dateline.date);
            }
        }
        doc.dateline = Some(dateline);
    }
    doc.published = metadata_date.or_else(|| {
        doc.dateline
            .as_ref()
            .and_then(|d| d.date.clone())
            .filter(|d| !d.starts_with('-'))
    });
    doc.sources = find_sources(&doc.text, doc.dateline.as_ref(), site_name.as_deref());

    annotate(&mut doc, options, models);
    Ok(doc)
}

/// The stages that work on the cleaned text: sentences and tokens, then, with
/// the models given, part of speech, syntax, entities and coreference. The
/// evaluations call this on gold texts, which must keep their offsets (no
/// cleaning); `analyze` calls it after cleaning, dateline and sources.
pub fn annotate(doc: &mut Document, options: Options, models: &Models) {
    let token_spans = tokenize(&doc.text);
    doc.sentences = split_sentences(&doc.text, &token_spans);
    // The statistical stages keep per-token strings; on a freak input (hundreds of
    // megabytes in one article) that would cost gigabytes, so they cover the
    // sentences in the first LINGUISTIC_LIMIT bytes and say so in a warning.
    let covered = if models.is_empty() {
        0
    } else {
        let limit = doc
            .sentences
            .iter()
            .take_while(|s| s.end as usize <= LINGUISTIC_LIMIT)
            .last()
            .map_or(0, |s| s.end);
        token_spans.partition_point(|t| t.end <= limit)
    };
    let kept = if options.tokens {
        token_spans.len()
    } else {
        covered
    };
    let mut tokens: Vec<Token> = token_spans[..kept]
        .iter()
        .map(|span| Token::bare(*span))
        .collect();
    if !models.is_empty() && covered < token_spans.len() {
        doc.warnings.push(format!(
            "text is longer than {} MB: part of speech, syntax and entities cover its first {} of {} tokens",
            LINGUISTIC_LIMIT >> 20,
            covered,
            token_spans.len()
        ));
    }
    if covered > 0 {
        let ranges = sentence_token_ranges(&doc.sentences, &tokens[..covered]);
        tag_and_parse(&doc.text, &ranges, &mut tokens, models);
        if let Some(recognizer) = &models.recognizer {
            doc.entities = recognize_entities(&doc.text, &ranges, &tokens, recognizer);
            resolve(
                &doc.text,
                &tokens[..covered],
                &doc.sentences,
                &mut doc.entities,
            );
        }
    }
    // Later stages read tags and trees only when they cover the whole text.
    let tagged: &[Token] = if covered == token_spans.len() {
        &tokens[..covered]
    } else {
        &[]
    };
    let (anchor_date, anchor_source) = article_clock(doc);
    let anchor = Anchor {
        date: anchor_date.as_deref(),
        source: anchor_source,
    };
    doc.times = find_times(&doc.text, &doc.sentences, tagged, &anchor);
    if let Some(gazetteer) = &models.gazetteer {
        let context = PlaceContext {
            text: &doc.text,
            sentences: &doc.sentences,
            tokens: tagged,
            entities: &doc.entities,
            dateline: doc.dateline.as_ref(),
        };
        doc.places = find_places(&context, gazetteer);
    }
    doc.quotes = find_quotes(&doc.text, &doc.sentences, tagged, &doc.entities);
    if let Some(dateline) = &doc.dateline {
        for quote in &mut doc.quotes {
            trim_dateline(&doc.text, dateline.end, quote);
        }
    }
    doc.counts = find_counts(&doc.text, &doc.sentences, tagged, &doc.entities, &doc.times);
    if let (Some(actors), Some(verbs)) = (&models.actors, &models.verbs) {
        let context = EventContext::of(doc, tagged, anchor_date.as_deref());
        doc.events = find_events(&context, actors, verbs);
    }
    if options.tokens {
        doc.tokens = Some(tokens);
    }
}

/// The first sentence carries the dateline ("Washington, 7 February 2016 (MINA) –"):
/// reported content that begins before it ends starts after it instead.
fn trim_dateline(text: &str, dateline_end: u32, quote: &mut Quote) {
    if quote.start >= dateline_end || quote.end <= dateline_end {
        return;
    }
    let Some(rest) = text.get(dateline_end as usize..quote.end as usize) else {
        return;
    };
    let skipped = rest.len()
        - rest
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':'))
            .len();
    let start = dateline_end as usize + skipped;
    if let Some(content) = text
        .get(start..quote.end as usize)
        .filter(|c| !c.is_empty())
    {
        quote.text = content.to_string();
        quote.start = start as u32;
    }
}

/// The date relative time expressions are resolved against: the dateline's
/// full date, else the publication date, else none.
fn article_clock(doc: &Document) -> (Option<String>, &'static str) {
    let full_date = |d: &&String| d.len() >= 10 && !d.starts_with('-');
    if let Some(date) = doc
        .dateline
        .as_ref()
        .and_then(|d| d.date.as_ref())
        .filter(full_date)
    {
        return (Some(date.clone()), "dateline");
    }
    match doc.published.as_ref().filter(full_date) {
        Some(date) => (Some(date.clone()), "published"),
        None => (None, "none"),
    }
}

/// For each sentence, the range of token indices inside it.
fn sentence_token_ranges(sentences: &[Span], tokens: &[Token]) -> Vec<Range<usize>> {
    let mut ranges = Vec::with_capacity(sentences.len());
    let mut next = 0;
    for sentence in sentences {
        while next < tokens.len() && tokens[next].start < sentence.start {
            next += 1;
        }
        let first = next;
        while next < tokens.len() && tokens[next].end <= sentence.end {
            next += 1;
        }
        if next > first {
            ranges.push(first..next);
        }
    }
    ranges
}

fn token_text<'t>(text: &'t str, token: &Token) -> &'t str {
    text.get(token.start as usize..token.end as usize)
        .unwrap_or("")
}

/// Part of speech and lemma for every token, then the dependency tree of
/// each sentence (heads become document-wide token indices; a root points at
/// itself).
fn tag_and_parse(text: &str, ranges: &[Range<usize>], tokens: &mut [Token], models: &Models) {
    let Some(tagger) = &models.tagger else {
        return;
    };
    let mut scratch = TagScratch::default();
    let mut tagged = Vec::new();
    let mut arcs = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    // The parser was trained on "UPOS|XPOS" pairs (see docs/models/parser.md).
    let mut tags: Vec<String> = Vec::new();
    for range in ranges {
        words.clear();
        words.extend(tokens[range.clone()].iter().map(|t| token_text(text, t)));
        tagger.tag_with(&words, &mut scratch, &mut tagged);
        for (token, word) in tokens[range.clone()].iter_mut().zip(&tagged) {
            token.pos = Some(tagger.upos_name(word.upos).to_string());
            token.tag = Some(tagger.xpos_name(word.xpos).to_string());
            token.lemma = Some(word.lemma.clone());
        }
        let Some(parser) = &models.parser else {
            continue;
        };
        tags.resize(tagged.len(), String::new());
        for (pair, word) in tags.iter_mut().zip(&tagged) {
            pair.clear();
            pair.push_str(tagger.upos_name(word.upos));
            pair.push('|');
            pair.push_str(tagger.xpos_name(word.xpos));
        }
        let tag_refs: Vec<&str> = tags.iter().map(String::as_str).collect();
        parser.parse(&words, &tag_refs, &mut arcs);
        for (i, (token, arc)) in tokens[range.clone()].iter_mut().zip(&arcs).enumerate() {
            let head = if arc.head == 0 {
                range.start + i
            } else {
                range.start + arc.head as usize - 1
            };
            token.head = Some(head as u32);
            token.dep = Some(parser.label_name(arc.label).to_string());
        }
    }
}

/// Named-entity mentions of the whole article, as byte spans.
fn recognize_entities(
    text: &str,
    ranges: &[Range<usize>],
    tokens: &[Token],
    recognizer: &Recognizer,
) -> Vec<Entity> {
    let sentences: Vec<Vec<&str>> = ranges
        .iter()
        .map(|r| {
            tokens[r.clone()]
                .iter()
                .map(|t| token_text(text, t))
                .collect()
        })
        .collect();
    let mentions = recognizer.recognize(&sentences);
    let mut entities = Vec::new();
    for (range, sentence_mentions) in ranges.iter().zip(mentions) {
        for mention in sentence_mentions {
            let (Some(first), Some(last)) = (
                tokens.get(range.start + mention.start),
                tokens.get(range.start + mention.end.saturating_sub(1)),
            ) else {
                continue;
            };
            // A lone personal pronoun ("I" opening a quote) is never a name, whatever the
            // recogniser's capitalisation features say.
            if mention.end == mention.start + 1 && first.tag.as_deref() == Some("PRP") {
                continue;
            }
            let (start, end) = (first.start, last.end);
            entities.push(Entity {
                text: text
                    .get(start as usize..end as usize)
                    .unwrap_or("")
                    .to_string(),
                kind: mention.kind.as_str().to_string(),
                start,
                end,
                canonical: None,
                cluster: None,
                role: None,
            });
        }
    }
    entities
}

/// A dateline without a year took the year of the publication date; across
/// New Year ("Dec 31" filed on 2 January) the nearest year is the right one.
fn nearest_year(date: &str, anchor: &str) -> Option<String> {
    let parse = |d: &str| -> Option<(i32, u32, u32)> {
        let mut parts = d.splitn(3, '-');
        Some((
            parts.next()?.parse().ok()?,
            parts.next()?.parse().ok()?,
            parts.next()?.get(..2)?.parse().ok()?,
        ))
    };
    let (year, month, day) = parse(date)?;
    let (anchor_year, anchor_month, anchor_day) = parse(anchor)?;
    let anchor_days = days_from_civil(anchor_year, anchor_month, anchor_day);
    let best = [year - 1, year, year + 1]
        .into_iter()
        .filter(|&y| is_valid_gregorian(y, month, day))
        .min_by_key(|&y| (days_from_civil(y, month, day) - anchor_days).abs())
        // A wire dateline is never half a year away from its filing date.
        .filter(|&y| (days_from_civil(y, month, day) - anchor_days).abs() <= 200)?;
    Some(format!("{best:04}-{month:02}-{day:02}"))
}

/// A plain-text file often opens with its headline on a line of its own:
/// short, without final punctuation, followed by a blank line and more text.
fn split_headline(text: &str) -> (Option<&str>, &str) {
    let trimmed = text.trim_start();
    let Some(break_at) = trimmed.find("\n\n").or_else(|| trimmed.find("\r\n\r\n")) else {
        return (None, text);
    };
    let first = trimmed[..break_at].trim();
    let rest = &trimmed[break_at..];
    let words = first.split_whitespace().count();
    let ends_like_prose = first.ends_with(['.', ',', ';', ':', '-', '–', '—']);
    let is_headline = !first.contains('\n')
        && (2..=25).contains(&words)
        && first.len() <= 200
        && !ends_like_prose
        && !looks_like_date_line(first)
        && !rest.trim().is_empty();
    if is_headline {
        (Some(first), rest)
    } else {
        (None, text)
    }
}

/// Wikinews and others open with a line that is only a date
/// ("Friday, January 4, 2019"): that is a dateline, not a headline.
fn looks_like_date_line(line: &str) -> bool {
    let digits = line.chars().filter(char::is_ascii_digit).count();
    let words = line.split_whitespace().count();
    words <= 5 && digits >= 4 && line.chars().filter(|c| c.is_alphabetic()).count() <= 25
}

/// `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`) from the start of an ISO-ish date or
/// date-time; other date forms are left to the dateline.
fn iso_date_prefix(date: &str) -> Option<String> {
    let date = date.trim();
    let bytes = date.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes
            .get(range)
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    if !digits(0..4) {
        return None;
    }
    if bytes.get(4) == Some(&b'-') && digits(5..7) {
        if bytes.get(7) == Some(&b'-') && digits(8..10) {
            return Some(date[..10].to_string());
        }
        return Some(date[..7].to_string());
    }
    (bytes.len() == 4).then(|| date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_is_split_from_a_plain_text_body() {
        let text =
            "Russia Wants Military Solution To Syrian Crisis: US\n\nPhoto: X\n\nBody text here.";
        let (title, rest) = split_headline(text);
        assert_eq!(
            title,
            Some("Russia Wants Military Solution To Syrian Crisis: US")
        );
        assert!(rest.contains("Body text here."));
    }

    #[test]
    fn prose_first_paragraph_is_not_a_headline() {
        let text = "Shares fell sharply on Monday in Tokyo.\n\nMore text.";
        assert_eq!(split_headline(text).0, None);
        let text = "Friday, January 4, 2019\n\nMore text.";
        assert_eq!(split_headline(text).0, None);
        assert_eq!(split_headline("One paragraph only").0, None);
    }

    #[test]
    fn yearless_datelines_take_the_year_nearest_the_publication_date() {
        assert_eq!(
            nearest_year("2017-12-31", "2017-01-02").as_deref(),
            Some("2016-12-31")
        );
        assert_eq!(
            nearest_year("2016-02-07", "2016-02-08").as_deref(),
            Some("2016-02-07")
        );
        assert_eq!(
            nearest_year("2016-01-01", "2016-12-30").as_deref(),
            Some("2017-01-01")
        );
        // 29 February exists only in leap years, and 2016's is too far away.
        assert_eq!(nearest_year("2017-02-29", "2017-03-01"), None);
    }

    #[test]
    fn iso_dates_from_metadata() {
        assert_eq!(
            iso_date_prefix("2016-02-07T10:00:00Z").as_deref(),
            Some("2016-02-07")
        );
        assert_eq!(iso_date_prefix("2016-02").as_deref(), Some("2016-02"));
        assert_eq!(iso_date_prefix("Feb 7, 2016"), None);
    }
}
