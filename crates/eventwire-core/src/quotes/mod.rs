//! Quotes: who said what, with which cue verb.
//!
//! [`find_quotes`] reads the text, its sentences, its tokens (with tags and
//! the dependency parse when the models ran) and its entities (with
//! coreference) and gives three kinds of quote:
//!
//! - **direct**: words between quotation marks that make up the reported
//!   utterance (`“We agree,” Kirby said.`, `He said: “We agree.”`), also over
//!   several sentences or paragraphs;
//! - **partial**: a quoted fragment inside a reported clause (`Lavrov
//!   “reaffirmed the importance …”`, `saying “more work” was needed`); the
//!   content is the reported clause with its quoted words;
//! - **indirect**: a clause reported by a cue verb without quotation marks
//!   (`Kirby said Russian military activities … continue`, the clause
//!   complement of the verb), and `…, according to X`.
//!
//! Content spans never include the quotation marks. The speaker is the
//! subject of the cue verb (from the parse, else the noun phrase next to
//! the cue), resolved through the entities: a named entity gives its
//! canonical name and cluster; a pronoun takes the entity coreference linked
//! to it, else the latest compatible speaker or person; a title ("a
//! spokesman") takes the person whose role ends in that title nearby, and
//! stays the title phrase when none does. A quote with no cue of its own
//! that follows an attributed direct quote (the next sentences of the same
//! speech) keeps that speaker. Quotation marks with no cue near them and not
//! a full utterance (scare quotes) are not quotes.
//!
//! Work is linear in the text: one pass over the quotation marks, one over
//! the tokens, and every look-around is bounded.

mod cues;
mod marks;
mod view;

use crate::document::{Entity, Quote, Span, Token};
use marks::{quoted_spans, Quoted};
use view::View;

/// A quote with the spans of its speaker and cue, for evaluation and for
/// callers that want to highlight them.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    pub quote: Quote,
    /// Where the speaker is written (the pronoun or title when it was resolved).
    pub speaker_span: Option<Span>,
    pub cue_span: Option<Span>,
}

/// The quotes of an article, ordered by start.
pub fn find_quotes(
    text: &str,
    sentences: &[Span],
    tokens: &[Token],
    entities: &[Entity],
) -> Vec<Quote> {
    find_attributions(text, sentences, tokens, entities)
        .into_iter()
        .map(|a| a.quote)
        .collect()
}

/// Tokens a cue may stand before the quotation mark it introduces.
const CUE_REACH: usize = 8;
/// Tokens looked at before an opening mark.
const BEFORE_REACH: usize = 14;
/// Tokens looked at after a closing mark: room for "Scott Pruitt, the
/// Republican attorney general of Oklahoma, said".
const AFTER_REACH: usize = 25;
/// Longest speaker phrase taken from the surface, in tokens.
const MAX_SPEAKER_TOKENS: usize = 7;
/// Longest indirect content, in tokens.
const MAX_CONTENT_TOKENS: usize = 250;
/// Sentences a quote without a cue may be away from its speaker's last quote.
const CONTINUATION_SENTENCES: usize = 2;

/// What was found for one cue: its token(s), the speaker tokens.
#[derive(Debug, Clone, Copy)]
struct Cue {
    first: usize,
    last: usize,
    speaker: Option<(usize, usize)>,
}

/// Like [`find_quotes`], with the speaker and cue spans.
pub fn find_attributions(
    text: &str,
    sentences: &[Span],
    tokens: &[Token],
    entities: &[Entity],
) -> Vec<Attribution> {
    let view = View::new(text, sentences, tokens);
    if view.len() == 0 {
        return Vec::new();
    }
    let mut entities: Vec<&Entity> = entities
        .iter()
        .filter(|e| e.start < e.end && (e.end as usize) <= text.len())
        .collect();
    entities.sort_by_key(|e| (e.start, e.end));
    let resolver = Resolver {
        view: &view,
        entities: &entities,
    };
    let quoted = quoted_spans(text);
    // Token ranges inside quotation marks (marks included), for the indirect pass.
    let mut inside = vec![false; view.len()];
    let mut used_cue = vec![false; view.len()];
    let mut found = Vec::new();
    for (index, q) in quoted.iter().enumerate() {
        let open_token = view.token_at(q.open);
        let close_token = view.token_from(q.close);
        for slot in inside.iter_mut().take(close_token).skip(open_token) {
            *slot = true;
        }
        let previous_close = index
            .checked_sub(1)
            .map_or(0, |p| view.token_from(quoted[p].close));
        let next_open = quoted
            .get(index + 1)
            .map_or(view.len(), |n| view.token_at(n.open));
        let Some(attribution) = attribute_quote(
            &view,
            &resolver,
            q,
            (open_token, close_token),
            (previous_close, next_open),
            &mut used_cue,
        ) else {
            continue;
        };
        found.push(attribution);
    }
    for i in 0..view.len() {
        if inside[i] || used_cue[i] {
            continue;
        }
        if let Some(attribution) = indirect(&view, &resolver, i, &inside) {
            found.push(attribution);
        }
    }
    found.sort_by_key(|a| (a.quote.start, a.quote.end));
    continue_speeches(&resolver, &mut found);
    found
}

/// A direct quote with no cue of its own goes on the speech of the latest
/// attribution before it (`“…,” Kirby said. “…”`, `Schiff said. “…”`), if
/// that is near enough: two sentences after a direct quote, one otherwise.
fn continue_speeches(resolver: &Resolver, found: &mut [Attribution]) {
    let mut latest: Option<usize> = None;
    for i in 0..found.len() {
        if found[i].quote.kind == "direct" && found[i].cue_span.is_none() {
            if let Some(p) = latest.filter(|&p| found[p].quote.end <= found[i].quote.start) {
                let gap = resolver
                    .sentence_of_offset(found[i].quote.start)
                    .saturating_sub(resolver.sentence_of_offset(found[p].quote.end));
                let reach = if found[p].quote.kind == "direct" {
                    CONTINUATION_SENTENCES
                } else {
                    1
                };
                if gap <= reach {
                    let previous = found[p].clone();
                    let current = &mut found[i];
                    current.quote.speaker = previous.quote.speaker;
                    current.quote.speaker_cluster = previous.quote.speaker_cluster;
                    current.quote.cue = previous.quote.cue;
                    current.speaker_span = previous.speaker_span;
                    current.cue_span = previous.cue_span;
                }
            }
        }
        if found[i].speaker_span.is_some()
            && latest.is_none_or(|p| found[p].quote.end <= found[i].quote.end)
        {
            latest = Some(i);
        }
    }
}

/// Attribute one quoted stretch, or drop it (scare quotes).
fn attribute_quote(
    view: &View,
    resolver: &Resolver,
    q: &Quoted,
    (open_token, close_token): (usize, usize),
    (previous_close, next_open): (usize, usize),
    used_cue: &mut [bool],
) -> Option<Attribution> {
    let text = view.text;
    let inner_first = view.token_from(q.start);
    let inner_end = view.token_from(q.end).max(inner_first);
    if inner_first >= view.len() {
        return None;
    }
    // Before the opening mark, back to the previous quote, a sentence end or
    // a paragraph break (unless that paragraph ends "He said:").
    let mut before_start = open_token.min(view.len());
    while before_start > previous_close
        && open_token - before_start < BEFORE_REACH
        && !is_stop(view, before_start - 1)
        && !view.is_quote_mark(before_start - 1)
        && (!paragraph_between(view, before_start - 1)
            || matches!(view.word(before_start - 1), ":" | ","))
    {
        before_start -= 1;
    }
    // After the closing mark, to a sentence end, a paragraph break or the next
    // quote. After a quote ending in a full stop only a short "he said" may follow.
    let inner_words = text[q.start..q.end].trim_end();
    let reach = if inner_words.ends_with('.') {
        5
    } else {
        AFTER_REACH
    };
    let mut after_end = close_token.min(view.len());
    while after_end < next_open.min(view.len())
        && after_end - close_token < reach
        && !is_stop(view, after_end)
        && !(after_end > 0 && paragraph_between(view, after_end - 1))
    {
        after_end += 1;
    }
    let quote_tokens = (open_token, close_token);
    let after_cue = cue_after(view, close_token, after_end, quote_tokens);
    let before_cue = cue_before(view, before_start, open_token, quote_tokens);
    let ends_utterance = inner_words.ends_with(['.', ',', '?', '!', ':', ';', '…', '-', '—']);
    let before_clean = before_cue.is_some_and(|(_, clean)| clean)
        || (before_start..open_token).all(|k| view.is_punct(k));
    let after_clean = after_cue.is_some()
        || (close_token..after_end).all(|k| view.is_punct(k))
        || view.is(close_token, ",");
    let direct = before_clean && (after_clean || ends_utterance) && q.closed
        || (before_start..open_token).all(|k| view.is_punct(k)) && ends_utterance;

    let make = |kind: &str, content: Span, cue: Option<Cue>| -> Attribution {
        let (speaker, speaker_cluster, speaker_span) = match cue.and_then(|c| c.speaker) {
            Some(range) => {
                let range = subject_like(view, range);
                let (name, cluster) = resolver.resolve(range);
                (Some(name), cluster, Some(view.span(range.0, range.1)))
            }
            None => (None, None, None),
        };
        Attribution {
            quote: Quote {
                text: content.text(text).to_string(),
                start: content.start,
                end: content.end,
                kind: kind.to_string(),
                speaker,
                speaker_cluster,
                cue: cue.map(|c| view.text[view.start(c.first)..view.end(c.last)].to_string()),
            },
            speaker_span,
            cue_span: cue.map(|c| view.span(c.first, c.last)),
        }
    };
    let mark_used = |used: &mut [bool], cue: &Option<Cue>| {
        if let Some(c) = cue {
            for slot in used.iter_mut().take(c.last + 1).skip(c.first) {
                *slot = true;
            }
        }
    };
    let inner = Span::new(q.start, q.end);
    if direct {
        let cue = after_cue
            .filter(|_| after_clean)
            .or(before_cue.map(|(c, _)| c));
        mark_used(used_cue, &cue);
        return Some(make("direct", inner, cue));
    }
    // A partial quote: the parse knows which verb reports it; else the nearest cue.
    let parsed = if view.parsed() {
        reporting_verb(view, inner_first, inner_end)
    } else {
        None
    };
    let (cue, content) = match parsed {
        // The surface speaker of "…,” the newspaper wrote" beats a parse that
        // took a noun inside the clause for the subject.
        Some((cue, content)) => match after_cue {
            Some(after) if after.first == cue.first && after.speaker.is_some() => (after, content),
            _ => (cue, content),
        },
        None => {
            if let Some((cue, _)) = before_cue.filter(|(c, _)| c.last + 3 >= open_token) {
                let mut from = cue.last + 1;
                while from < open_token && (view.is(from, "that") || view.is_punct(from)) {
                    from += 1;
                }
                (cue, view.span(from, inner_end.saturating_sub(1).max(from)))
            } else if let Some(cue) = after_cue {
                let mut from = before_start;
                while from < open_token && view.is_punct(from) {
                    from += 1;
                }
                (cue, view.span(from, inner_end.saturating_sub(1).max(from)))
            } else {
                return None;
            }
        }
    };
    let content = Span::new(
        content.start.min(inner.start) as usize,
        content.end.max(inner.end) as usize,
    );
    let content = trim_span(text, content);
    let cue = Some(cue);
    mark_used(used_cue, &cue);
    Some(make("partial", content, cue))
}

/// A cue right after a closing quotation mark: `”, Kirby said`, `” said the
/// spokesman`, `”, according to Kirby`, `”, Scott Pruitt, the attorney
/// general, said`; or a dash and a name (`” ― Krystal Correa`).
fn cue_after(view: &View, from: usize, end: usize, quote: (usize, usize)) -> Option<Cue> {
    let mut k = from;
    while k < end && view.is_punct(k) && !view.is_quote_mark(k) {
        k += 1;
    }
    let speaker_start = k;
    if k > from && k < end && matches!(view.word(k - 1), "―" | "—" | "–" | "-") {
        if let Some(speaker) = phrase_after(view, k, end) {
            if speaker.1 + 1 >= end {
                return Some(Cue {
                    first: k - 1,
                    last: k - 1,
                    speaker: Some(speaker),
                })
                .filter(|_| view.word(k).starts_with(char::is_uppercase));
            }
        }
    }
    while k < end {
        if view.is_quote_mark(k) {
            return None;
        }
        if view.according_to(k) {
            let speaker = phrase_after(view, k + 2, end);
            return Some(Cue {
                first: k,
                last: k + 1,
                speaker,
            });
        }
        if view.cue(k).is_some() {
            // "…,” NAME said": the words between the mark and the cue name the
            // speaker (the parse is used only if its subject lies there);
            // "…,” said NAME": the words after the cue.
            let speaker = if k > speaker_start {
                subject(view, k)
                    .filter(|&(a, b)| a >= speaker_start && b < k && outside((a, b), quote))
                    .or_else(|| {
                        // The name before its apposition: "Scott Pruitt, the ... general, said".
                        let name_end = (speaker_start..k)
                            .find(|&j| matches!(view.word(j), "," | "(" | "—" | "–"))
                            .unwrap_or(k);
                        phrase_before(view, speaker_start, name_end)
                    })
            } else {
                subject(view, k)
                    .filter(|&(a, _)| a > k)
                    .or_else(|| phrase_after(view, k + 1, end))
            };
            return Some(Cue {
                first: k,
                last: k,
                speaker,
            });
        }
        // Another clause begins: its verb is not a cue.
        if view
            .tag(k)
            .is_some_and(|t| matches!(t, "VBD" | "VBZ" | "VBP"))
            && !matches!(
                view.lower(k).as_str(),
                "is" | "was" | "has" | "had" | "have" | "are" | "were" | "does" | "did"
            )
        {
            return None;
        }
        k += 1;
    }
    None
}

fn outside((first, last): (usize, usize), (open, close): (usize, usize)) -> bool {
    last < open || first >= close
}

/// A sentence-final token outside quotation marks.
fn is_stop(view: &View, k: usize) -> bool {
    matches!(view.word(k), "." | "?" | "!" | ";")
}

/// Is there a line break between token `k` and the next one?
fn paragraph_between(view: &View, k: usize) -> bool {
    let next = if k + 1 < view.len() {
        view.start(k + 1)
    } else {
        view.text.len()
    };
    view.text
        .get(view.end(k)..next)
        .is_some_and(|gap| gap.contains('\n'))
}

/// A cue before an opening quotation mark: `Kirby said: “`, `he told
/// reporters, “`. Also says whether only the attribution stands between the
/// cue and the mark (so the quote is the whole utterance).
fn cue_before(
    view: &View,
    start: usize,
    open: usize,
    quote: (usize, usize),
) -> Option<(Cue, bool)> {
    let reach = open.saturating_sub(CUE_REACH).max(start);
    for k in (reach..open).rev() {
        if view.is_quote_mark(k) {
            return None;
        }
        let according = k + 1 < open && view.according_to(k);
        if view.cue(k).is_none() && !according {
            continue;
        }
        let last = if according { k + 1 } else { k };
        let between = last + 1..open;
        let words_between = between.clone().filter(|&j| !view.is_punct(j)).count();
        let ends_with_mark = open > 0 && matches!(view.word(open - 1), ":" | "," | "—" | "-");
        let clean = words_between == 0 || (words_between <= 3 && ends_with_mark);
        let speaker = if according {
            phrase_after(view, k + 2, open)
        } else {
            subject(view, k)
                .filter(|s| outside(*s, quote))
                .or_else(|| phrase_before(view, start, k))
                .or_else(|| inherited_subject(view, k))
        };
        return Some((
            Cue {
                first: k,
                last,
                speaker,
            },
            clean,
        ));
    }
    None
}

/// The verb reporting a quoted fragment, by the parse: climbing from the
/// fragment's top token to the first reporting verb. A cue inside the quote
/// counts only when it is the fragment's own head with a subject outside
/// (`Lavrov “reaffirmed …”`): the nearest reporter wins, so a quote nested in
/// someone else's report keeps its own speaker. Gives the cue and the
/// reported clause.
fn reporting_verb(view: &View, first: usize, end: usize) -> Option<(Cue, Span)> {
    let top = (first..end).find(|&k| view.head(k).is_none_or(|h| h < first || h >= end))?;
    let mut below = top;
    let mut at = top;
    for _ in 0..6 {
        let inside = at >= first && at < end;
        if view.cue(at).is_some() {
            let speaker = subject(view, at);
            if !inside || speaker.is_some_and(|(a, b)| b < first || a >= end) {
                let content = if inside {
                    view.span(first, end - 1)
                } else {
                    let (low, high) = view.extent(below);
                    let mut low = low;
                    while low < high && (view.dep(low) == Some("mark") || view.is_punct(low)) {
                        low += 1;
                    }
                    view.span(low, high)
                };
                let cue = Cue {
                    first: at,
                    last: at,
                    speaker: speaker
                        .or_else(|| inherited_subject(view, at))
                        .or_else(|| phrase_before(view, view.sentence_tokens(at).0, at)),
                };
                return Some((cue, content));
            }
        }
        below = at;
        at = view.head(at)?;
    }
    None
}

/// Indirect speech around cue token `i`: its clause complement, or the clause
/// it is a parenthetical of (`…, he said.`), or `according to X`.
fn indirect(view: &View, resolver: &Resolver, i: usize, inside: &[bool]) -> Option<Attribution> {
    let (sentence_start, sentence_end) = view.sentence_tokens(i);
    let (first_cue, last_cue, content, speaker) = if view.according_to(i) {
        let speaker = phrase_after(view, i + 2, sentence_end)?;
        // "According to X, CLAUSE." or "CLAUSE, according to X."
        let content = if (sentence_start..i).all(|k| view.is_punct(k)) {
            let mut from = speaker.1 + 1;
            while from < sentence_end && view.is_punct(from) {
                from += 1;
            }
            (from, sentence_end.checked_sub(1)?)
        } else {
            (sentence_start, i.checked_sub(1)?)
        };
        (i, i + 1, content, speaker)
    } else {
        view.cue(i)?;
        if view.parsed() {
            let speaker = subject(view, i).or_else(|| inherited_subject(view, i))?;
            if let Some(clause) = view.child(i, "ccomp") {
                let (mut low, high) = view.extent(clause);
                while low < high && (view.dep(low) == Some("mark") || view.is_punct(low)) {
                    low += 1;
                }
                (i, i, (low, high), speaker)
            } else {
                // "CLAUSE, X said": the cue and its subject follow a comma and
                // hang on the clause's verb (as parataxis, or as the parser likes).
                let head = view.head(i)?;
                let (low, _) = view.extent(head);
                let (cue_low, _) = view.extent(i);
                if head < i && cue_low > low && view.is(cue_low - 1, ",") {
                    (i, i, (low, cue_low - 1), speaker)
                } else {
                    // A parse gone wrong; the surface still shows ", X said." at
                    // the end of the sentence.
                    let near_end = (i + 1..sentence_end)
                        .filter(|&k| !view.is_punct(k))
                        .take(3)
                        .count()
                        <= 2;
                    let surface = phrase_before(view, sentence_start, i).filter(|p| {
                        near_end && p.0 >= sentence_start + 4 && view.is(p.0 - 1, ",")
                    })?;
                    (i, i, (sentence_start, surface.0 - 2), surface)
                }
            }
        } else {
            // Surface: "X said (that) CLAUSE." or "CLAUSE, X said."
            let speaker = phrase_before(view, sentence_start, i);
            match speaker {
                Some(speaker) if speaker.0 > sentence_start => {
                    // "CLAUSE, X said": the comma before the speaker ends the clause.
                    if !view.is(speaker.0 - 1, ",") || speaker.0 < sentence_start + 4 {
                        return None;
                    }
                    (i, i, (sentence_start, speaker.0 - 2), speaker)
                }
                Some(speaker) => {
                    let mut from = i + 1;
                    if view.is(from, "that") {
                        from += 1;
                    }
                    if from + 3 > sentence_end {
                        return None;
                    }
                    (i, i, (from, sentence_end - 1), speaker)
                }
                None => return None,
            }
        }
    };
    let (mut low, mut high) = content;
    while low < high && view.is_punct(low) {
        low += 1;
    }
    while high > low && view.is_punct(high) {
        high -= 1;
    }
    // Too short to be a report ("he said so"), too long to be one clause (a
    // run-on text without sentence ends: the bound keeps the work linear), or
    // a quotation handled already.
    if high < low + 2
        || high > low + MAX_CONTENT_TOKENS
        || (low..=high).filter(|&k| inside[k]).count() * 2 > high - low + 1
    {
        return None;
    }
    let content = view.span(low, high);
    let speaker = subject_like(view, speaker);
    let (name, cluster) = resolver.resolve(speaker);
    let cue_span = view.span(first_cue, last_cue);
    Some(Attribution {
        quote: Quote {
            text: content.text(view.text).to_string(),
            start: content.start,
            end: content.end,
            kind: "indirect".to_string(),
            speaker: Some(name),
            speaker_cluster: cluster,
            cue: Some(cue_span.text(view.text).to_string()),
        },
        speaker_span: Some(view.span(speaker.0, speaker.1)),
        cue_span: Some(cue_span),
    })
}

/// The subject of verb `i` from the parse: its `nsubj` child, as the tokens
/// from the start of the subject's phrase to its head word (dropping
/// relative clauses and long post-modifiers).
fn subject(view: &View, i: usize) -> Option<(usize, usize)> {
    let s = view.child(i, "nsubj")?;
    if view.dep(s) == Some("nsubj:pass") || view.is(s, "it") && view.child(i, "ccomp").is_none() {
        // "It was said" reports nobody.
        if view.dep(s) == Some("nsubj:pass") {
            return None;
        }
    }
    let (low, high) = view.extent(s);
    let mut first = if s - low > MAX_SPEAKER_TOKENS {
        s.saturating_sub(3)
    } else {
        low
    };
    while first < s && (view.is_punct(first) || view.is_quote_mark(first)) {
        first += 1;
    }
    // Keep flat names and "of"/"for" phrases after the head ("a spokesman for
    // the ministry"), but not a relative clause.
    let mut last = s;
    for k in s + 1..=high.min(s + 4) {
        if view.is_punct(k) || view.is(k, "who") || view.is(k, "which") || view.is(k, "that") {
            break;
        }
        last = k;
    }
    Some((first, last))
}

/// Relative words are not speakers: a lone "who"/"which"/"that" subject of
/// a relative clause stands for the noun the clause modifies ("the agency,
/// which said …"), and a leading one is dropped ("which state media").
fn subject_like(view: &View, (first, last): (usize, usize)) -> (usize, usize) {
    let relative = |k: usize| matches!(view.lower(k).as_str(), "who" | "which" | "that" | "whom");
    if first == last && relative(first) {
        let antecedent = view
            .head(first)
            .filter(|&verb| view.dep(verb) == Some("acl:relcl"))
            .and_then(|verb| view.head(verb))
            .filter(|&noun| noun < first);
        if let Some(noun) = antecedent {
            return phrase_ending_at(view, noun);
        }
        return (first, last);
    }
    let mut from = first;
    while from < last && (relative(from) || view.is_punct(from)) {
        from += 1;
    }
    (from, last)
}

/// A participle or infinitive reporting verb has no subject of its own
/// ("…, adding that", "writing:"): it takes the subject of the verb it
/// hangs on, or the noun it modifies ("de Mistura saying …").
fn inherited_subject(view: &View, i: usize) -> Option<(usize, usize)> {
    let mut at = i;
    for _ in 0..3 {
        let dep = view.dep(at)?;
        let head = view.head(at)?;
        if dep == "acl" {
            return Some(phrase_ending_at(view, head));
        }
        if !matches!(dep, "advcl" | "xcomp" | "conj" | "ccomp" | "parataxis") {
            return None;
        }
        if let Some(s) = subject(view, head) {
            return Some(s);
        }
        at = head;
    }
    None
}

/// A noun phrase ending at token `last` (its head), from the parse extent.
fn phrase_ending_at(view: &View, last: usize) -> (usize, usize) {
    let (low, _) = view.extent(last);
    (low.max(last.saturating_sub(MAX_SPEAKER_TOKENS)), last)
}

/// Words that end a speaker phrase read outward from a cue.
fn is_phrase_stop(view: &View, k: usize) -> bool {
    let lower = view.lower(k);
    view.is_punct(k)
        || matches!(
            lower.as_str(),
            "that" | "which" | "who" | "and" | "but" | "or" | "as" | "while" | "when" | "because"
        )
        || view.tag(k).is_some_and(|t| {
            // Capitalised words belong to names whatever the tagger says ("Ned/VBN Price").
            !view.word(k).starts_with(char::is_uppercase)
                && !matches!(
                    t,
                    "NNP"
                        | "NNPS"
                        | "NN"
                        | "NNS"
                        | "DT"
                        | "JJ"
                        | "PRP"
                        | "POS"
                        | "CD"
                        | "PRP$"
                        | "HYPH"
                )
        })
}

/// Adverbs and auxiliaries between a subject and its cue ("he also said").
fn is_filler(view: &View, k: usize) -> bool {
    match view.tag(k) {
        Some(tag) => matches!(tag, "RB" | "MD" | "VBZ" | "VBD" | "VBP") && view.cue(k).is_none(),
        None => matches!(
            view.lower(k).as_str(),
            "also" | "later" | "then" | "has" | "had" | "have" | "would" | "will" | "again"
        ),
    }
}

/// The noun phrase right before token `end` (exclusive), not before `start`.
fn phrase_before(view: &View, start: usize, end: usize) -> Option<(usize, usize)> {
    let mut last = end;
    while last > start && is_filler(view, last - 1) {
        last -= 1;
    }
    let mut first = last;
    while first > start && last - first < MAX_SPEAKER_TOKENS && !is_phrase_stop(view, first - 1) {
        first -= 1;
    }
    (first < last).then(|| (first, last - 1))
}

/// The noun phrase starting at token `start`, before `end`.
fn phrase_after(view: &View, start: usize, end: usize) -> Option<(usize, usize)> {
    let mut last = start;
    while last < end && last - start < MAX_SPEAKER_TOKENS && !is_phrase_stop(view, last) {
        last += 1;
    }
    (last > start).then(|| (start, last - 1))
}

/// A span without white space or punctuation at its edges (quotation marks
/// included), so content spans of different kinds compare alike.
fn trim_span(text: &str, span: Span) -> Span {
    let Some(slice) = text.get(span.range()) else {
        return span;
    };
    let edge = |c: char| c.is_whitespace() || c == ',' || is_mark(c);
    let trimmed_start = slice.trim_start_matches(edge);
    let start = span.start as usize + (slice.len() - trimmed_start.len());
    let trimmed = trimmed_start.trim_end_matches(edge);
    Span::new(start, start + trimmed.len())
}

fn is_mark(c: char) -> bool {
    marks::is_quote_mark(c)
}

/// Names speakers: entities, pronouns and titles.
struct Resolver<'a> {
    view: &'a View<'a>,
    /// Sorted by start.
    entities: &'a [&'a Entity],
}

/// Sentences before a pronoun or title where its person may be named.
const LOOK_BACK_SENTENCES: usize = 3;
/// Sentences after a title ("a spokesman said … State Department spokesman
/// John Kirby said") where its person may be named.
const LOOK_AHEAD_SENTENCES: usize = 2;
/// Entities examined per look-up.
const MAX_ENTITY_CANDIDATES: usize = 64;

impl Resolver<'_> {
    /// The speaker's name and cluster for the tokens `first..=last`.
    fn resolve(&self, range: (usize, usize)) -> (String, Option<u32>) {
        let view = self.view;
        let (first, last) = subject_like(view, range);
        let (start, end) = (view.start(first) as u32, view.end(last) as u32);
        let phrase = view.text[view.start(first)..view.end(last)].to_string();
        // An entity names the speaker when it ends the phrase (its head):
        // "the Syrian National Coalition" is not "Syrian".
        let head_start = view.start(
            (first..=last)
                .rev()
                .find(|&k| !view.is_punct(k))
                .unwrap_or(last),
        ) as u32;
        if let Some(entity) = self.best_overlapping(start, end, head_start) {
            return (named(entity), entity.cluster);
        }
        let sentence = view.sentence(first);
        if first == last {
            let lower = view.lower(first);
            // Object and possessive forms come from a surface phrase ("according
            // to him"); they name the same person a subject pronoun would.
            let kinds: &[&str] = match lower.as_str() {
                "he" | "she" | "him" | "her" | "his" | "himself" | "herself" => &["PERSON"],
                "it" | "its" | "itself" => &["ORG", "GPE", "NORP"],
                _ => &[],
            };
            if !kinds.is_empty() {
                if let Some(entity) = self.latest_before(start, sentence, kinds) {
                    return (named(entity), entity.cluster);
                }
                // A name from further back beats a bare pronoun: one person
                // is often the topic of a whole passage (sentence 0: no distance bound
                // beyond the bounded candidate count).
                if let Some(entity) = self.latest_before(start, 0, kinds) {
                    return (named(entity), entity.cluster);
                }
                return (phrase, None);
            }
        }
        // A title: the person nearby whose role ends with the same word.
        let head = view.lower(last);
        if let Some(entity) = self.titled(&head, start, sentence) {
            return (named(entity), entity.cluster);
        }
        // "the agency", "the ministry": the organisation named just before
        // with that word in its name ("Saudi Press Agency").
        if view.is(first, "the") && view.word(last).starts_with(char::is_lowercase) {
            if let Some(entity) = self.organisation_named(&head, start, sentence) {
                return (named(entity), entity.cluster);
            }
        }
        (phrase, None)
    }

    fn organisation_named(&self, head: &str, start: u32, sentence: usize) -> Option<&Entity> {
        if head.len() < 4 || !head.chars().all(char::is_alphabetic) {
            return None;
        }
        let at = self.entities.partition_point(|e| e.end <= start);
        self.entities[..at]
            .iter()
            .rev()
            .take(MAX_ENTITY_CANDIDATES)
            .take_while(|e| self.sentence_of_offset(e.start) + LOOK_BACK_SENTENCES >= sentence)
            .find(|e| {
                e.kind == "ORG"
                    && named(e)
                        .split_whitespace()
                        .any(|w| w.eq_ignore_ascii_case(head))
            })
            .copied()
    }

    fn window(&self, start: u32) -> &[&Entity] {
        let at = self.entities.partition_point(|e| e.start < start);
        let from = at.saturating_sub(MAX_ENTITY_CANDIDATES);
        let to = (at + MAX_ENTITY_CANDIDATES).min(self.entities.len());
        &self.entities[from..to]
    }

    fn best_overlapping(&self, start: u32, end: u32, head_start: u32) -> Option<&Entity> {
        let overlapping = || {
            self.window(start)
                .iter()
                .copied()
                .filter(move |e| e.start < end && e.end > start.max(head_start))
        };
        overlapping().rfind(|e| e.kind == "PERSON").or_else(|| {
            overlapping()
                .filter(|e| matches!(e.kind.as_str(), "ORG" | "GPE" | "NORP"))
                .max_by_key(|e| e.end - e.start)
        })
    }

    fn sentence_of_offset(&self, offset: u32) -> usize {
        let k = self.view.token_at(offset as usize);
        self.view.sentence(k.min(self.view.len() - 1))
    }

    fn latest_before(&self, start: u32, sentence: usize, kinds: &[&str]) -> Option<&Entity> {
        let at = self.entities.partition_point(|e| e.end <= start);
        self.entities[..at]
            .iter()
            .rev()
            .take(MAX_ENTITY_CANDIDATES)
            .take_while(|e| self.sentence_of_offset(e.start) + LOOK_BACK_SENTENCES >= sentence)
            .find(|e| kinds.contains(&e.kind.as_str()))
            .copied()
    }

    fn titled(&self, head: &str, start: u32, sentence: usize) -> Option<&Entity> {
        if head.len() < 3 || !head.chars().all(char::is_alphabetic) {
            return None;
        }
        self.window(start)
            .iter()
            .copied()
            .filter(|e| {
                e.kind == "PERSON"
                    && e.role.as_deref().is_some_and(|role| {
                        role.split_whitespace()
                            .last()
                            .is_some_and(|w| w.eq_ignore_ascii_case(head))
                    })
            })
            .filter(|e| {
                let s = self.sentence_of_offset(e.start);
                s + LOOK_BACK_SENTENCES >= sentence && s <= sentence + LOOK_AHEAD_SENTENCES
            })
            .min_by_key(|e| e.start.abs_diff(start))
    }
}

fn named(entity: &Entity) -> String {
    entity
        .canonical
        .clone()
        .unwrap_or_else(|| entity.text.clone())
}
