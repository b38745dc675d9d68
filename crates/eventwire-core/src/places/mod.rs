//! Places: toponym recognition and offline geolocation against the embedded
//! gazetteer (GeoNames data, CC BY 4.0).
//!
//! Recognition takes the recogniser's GPE, LOC and FAC mentions and adds the
//! capitalised word sequences that name a gazetteer place, with context rules
//! that keep common words ("a Nice day", "Reading the report"), person names
//! ("Chad Johnson") and parts of longer names out. Each mention is then
//! resolved to one place: a prior from population and kind of place, plus the
//! article's dateline place, the countries and regions it names, and
//! "City, Country" pairs. See `docs/places.md`.

pub mod gazetteer;
mod locality;
pub mod names;
mod resolve;

pub use gazetteer::{Feature, Gazetteer, GazetteerSource, Record, SourcePlace};
pub use resolve::distance_km;

use crate::document::{Dateline, Entity, Place, Span, Token};
use gazetteer::flag;
use names::{extend_key, scan_words, Word, EMPTY_KEY, MAX_NAME_WORDS};
use resolve::Mention;

/// What the stage reads of the analysed article.
#[derive(Debug, Clone, Copy)]
pub struct PlaceContext<'a> {
    pub text: &'a str,
    pub sentences: &'a [Span],
    /// May be empty or untagged when the models are not loaded.
    pub tokens: &'a [Token],
    pub entities: &'a [Entity],
    pub dateline: Option<&'a Dateline>,
}

/// Every place named in the article, recognised and geolocated.
pub fn find_places(context: &PlaceContext, gazetteer: &Gazetteer) -> Vec<Place> {
    let text = context.text;
    let mut words = Vec::new();
    scan_words(text, &mut words);
    let mut mentions: Vec<Mention> = Vec::new();
    // Byte ranges the recogniser gave to a name that is not a place, and
    // location mentions that no gazetteer name covers whole.
    let mut blocked: Vec<(usize, usize)> = Vec::new();
    let mut located: Vec<(usize, usize)> = Vec::new();
    // Streets, rivers and buildings the recogniser found ("Royal Street").
    let mut local: Vec<(usize, usize)> = Vec::new();
    // Organisation or person mentions that are a town's own name
    // ("Winchester ousted", "Lovejoy senior"), kept for a later look.
    let mut town_like: Vec<TownLike> = Vec::new();
    for entity in context.entities {
        let (start, end) = (entity.start as usize, entity.end as usize);
        if start >= end || end > text.len() || !text.is_char_boundary(start) {
            continue;
        }
        let Some(span_text) = text.get(start..end) else {
            continue;
        };
        let is_location = matches!(entity.kind.as_str(), "GPE" | "LOC" | "FAC");
        let rows = if is_calendar_or_compass(span_text.trim()) {
            &[]
        } else {
            resolve::rows_for_span(gazetteer, span_text)
        };
        let whole_name = !rows.is_empty()
            && (is_location
                // "Russia said", "Inner Mongolia", "Dallas County": an
                // organisation or other-name mention that is wholly the own
                // name of a country, division, county or big city.
                || matches!(entity.kind.as_str(), "ORG" | "MISC")
                    && rows.iter().any(|&(p, f)| {
                        f & flag::PRIMARY != 0
                            && f & flag::COMMON_WORD == 0
                            && gazetteer.record(p).is_some_and(is_well_known)
                    }));
        if whole_name {
            let (start, end) = trim_span(text, start, end);
            mentions.push(Mention {
                span: Span::new(start, end),
                rows: rows.to_vec(),
            });
            blocked.push((start, end));
        } else if let Some(rows) = is_location
            .then(|| resolve::compass_rows(gazetteer, span_text))
            .filter(|rows| !rows.is_empty())
        {
            // "South Florida", "East Texas": the place after the direction.
            let (start, end) = trim_span(text, start, end);
            mentions.push(Mention {
                span: Span::new(start, end),
                rows,
            });
            blocked.push((start, end));
        } else if is_location {
            located.push((start, end));
            if let Some(kind) = locality::local_kind(span_text) {
                // A building named after its town is placed there
                // ("Shreveport Regional Airport"), as an organisation is.
                let town = (kind == locality::LocalKind::Facility)
                    .then(|| embedded_place(gazetteer, text, start, end))
                    .flatten();
                if let Some((from, to, rows)) = town {
                    mentions.push(Mention {
                        span: Span::new(from, to),
                        rows,
                    });
                } else {
                    let (start, end) = trim_span(text, start, end);
                    local.push((start, end));
                }
                // No other mention inside: "Mississippi River" is not the
                // state, "Washington Street" not the city.
                blocked.push((start, end));
            }
        } else if is_way_or_water_name(span_text) {
            // "Acadia Drive", "Kanawha River" read as an organisation or a
            // person: the name's last word says what it is.
            let (start, end) = trim_span(text, start, end);
            local.push((start, end));
            blocked.push((start, end));
        } else {
            // "Syrians", "Israeli": a demonym names its country (the
            // geoparsing corpora count it as a toponym of that country).
            let demonym = entity.kind == "NORP" && !span_text.contains(char::is_whitespace);
            let rows = if demonym {
                resolve::demonym_rows(gazetteer, span_text)
            } else {
                // "Mansfield Police Department", "Bank of Japan": the place
                // an organisation is named after.
                let named_after = matches!(entity.kind.as_str(), "ORG" | "MISC")
                    .then(|| embedded_place(gazetteer, text, start, end))
                    .flatten();
                if let Some((from, to, rows)) = named_after {
                    mentions.push(Mention {
                        span: Span::new(from, to),
                        rows,
                    });
                } else if let Some(rows) = town_rows(gazetteer, &entity.kind, span_text) {
                    let (start, end) = trim_span(text, start, end);
                    town_like.push((start, end, rows));
                }
                Vec::new()
            };
            if !rows.is_empty() {
                let (start, end) = trim_span(text, start, end);
                mentions.push(Mention {
                    span: Span::new(start, end),
                    rows,
                });
            }
            blocked.push((start, blocked_end(span_text, start, end)));
        }
    }
    blocked.sort_unstable();
    located.sort_unstable();
    scan_names(gazetteer, text, &words, &blocked, &located, &mut mentions);
    mentions.sort_by_key(|m| m.span);
    let dateline = resolve::read_dateline(gazetteer, context.dateline);
    let chosen = resolve::resolve(gazetteer, text, &mentions, dateline.as_ref());
    let stated = resolve::stated_containers(gazetteer, text, &mentions, &chosen, dateline.as_ref());
    let focus = locality::focus_town(gazetteer, &mentions, &chosen, dateline.map(|d| d.place));
    let mut places: Vec<Place> = mentions
        .iter()
        .zip(chosen.iter().copied())
        .zip(stated)
        .filter_map(|((mention, place), stated)| match stated {
            Some(container) => Some(locality::unlisted_town(
                gazetteer,
                text,
                mention.span,
                container,
            )),
            // "Bourbon and Dauphine streets": streets of the article's town.
            None if locality::in_street_pair(
                text,
                mention.span.start as usize,
                mention.span.end as usize,
            ) =>
            {
                focus.map(|town| locality::local_place(gazetteer, text, mention.span, town))
            }
            None => place.map(|p| resolve::to_place(gazetteer, text, mention.span, p)),
        })
        .collect();
    places.extend(towns_named_as_others(
        gazetteer, context, &town_like, &mentions, &chosen, focus,
    ));
    if let Some(town) = focus {
        for &(start, end) in &local {
            places.push(locality::local_place(
                gazetteer,
                text,
                Span::new(start, end),
                town,
            ));
        }
    }
    places.sort_by_key(|p| (p.start, p.end));
    places
}

/// Byte start, byte end and town rows of a mention the recogniser gave
/// another type ([`town_rows`]).
type TownLike = (usize, usize, Vec<(u32, u8)>);

/// The own-name town readings of an organisation, person or other-name
/// mention of one to three capitalised words ("Winchester", "Lovejoy"), for
/// [`towns_named_as_others`]; None for any other mention.
fn town_rows(gazetteer: &Gazetteer, kind: &str, span_text: &str) -> Option<Vec<(u32, u8)>> {
    if !matches!(kind, "ORG" | "PERSON" | "MISC") {
        return None;
    }
    let words: Vec<&str> = span_text.split_whitespace().collect();
    if words.is_empty()
        || words.len() > 3
        || !words.iter().all(|w| w.starts_with(char::is_uppercase))
    {
        return None;
    }
    let rows: Vec<(u32, u8)> = resolve::rows_for_span(gazetteer, span_text)
        .iter()
        .copied()
        .filter(|&(p, f)| {
            f & (flag::PRIMARY | flag::MINOR) != 0
                && f & flag::COMMON_WORD == 0
                && gazetteer
                    .record(p)
                    .is_some_and(|r| r.feature == Feature::City)
        })
        .collect();
    (!rows.is_empty()).then_some(rows)
}

/// Towns the recogniser took for an organisation or a person ("Lovejoy,
/// Jonesboro … high schools", "Norman, Okla."): placed when one of their
/// readings lies near the article's focus town, or in the division or
/// country named right after them. Not when the word is the surname of a
/// person the article names in full ("Henderson" after "Bob Henderson") or
/// follows a title ("Mr. Henderson").
fn towns_named_as_others(
    gazetteer: &Gazetteer,
    context: &PlaceContext,
    town_like: &[TownLike],
    mentions: &[Mention],
    chosen: &[Option<u32>],
    focus: Option<u32>,
) -> Vec<Place> {
    let text = context.text;
    let surname_of_person = |name: &str| {
        context.entities.iter().any(|e| {
            e.kind == "PERSON"
                && e.text.split_whitespace().count() >= 2
                && e.text.split_whitespace().last() == Some(name)
        })
    };
    let mut places = Vec::new();
    for (start, end, rows) in town_like {
        let (start, end) = (*start, *end);
        let name = &text[start..end];
        let after_title = text[..start]
            .split_whitespace()
            .next_back()
            .is_some_and(is_title);
        if surname_of_person(name) || after_title {
            continue;
        }
        let near_focus: Vec<(u32, u8)> = focus
            .map(|town| {
                rows.iter()
                    .copied()
                    .filter(|&(p, _)| p == town || locality::is_town_near(gazetteer, p, town))
                    .collect()
            })
            .unwrap_or_default();
        // "Norman, Okla.": the mention right after the comma.
        let container = mentions
            .iter()
            .position(|m| m.span.start as usize >= end)
            .filter(|&i| resolve::comma_between(text, end, mentions[i].span.start as usize))
            .and_then(|i| chosen[i]);
        let held: Vec<(u32, u8)> = container
            .map(|c| {
                rows.iter()
                    .copied()
                    .filter(|&(p, _)| resolve::contains(gazetteer, c, p))
                    .collect()
            })
            .unwrap_or_default();
        let pick = resolve::best_by_prior(gazetteer, &held)
            .or_else(|| resolve::best_by_prior(gazetteer, &near_focus));
        if let Some(place) = pick {
            places.push(resolve::to_place(
                gazetteer,
                text,
                Span::new(start, end),
                place,
            ));
        }
    }
    places
}

/// Byte start, byte end and name rows of a place named inside a longer name.
type EmbeddedPlace = (usize, usize, Vec<(u32, u8)>);

/// A place named at the start of an organisation's or other name
/// ("Mansfield Police Department", "Russian Foreign Ministry") or after its
/// last "of" ("Bank of Japan", "City of Athens"): the longest leading words
/// that are the own name of a country, division, county, region or town of
/// 15,000 or more (not a common word), or a demonym. Byte span and rows.
fn embedded_place(
    gazetteer: &Gazetteer,
    text: &str,
    start: usize,
    end: usize,
) -> Option<EmbeddedPlace> {
    let (start, end) = trim_span(text, start, end);
    let span_text = text.get(start..end)?;
    let words: Vec<(usize, usize)> = span_words(span_text).take(MAX_NAME_WORDS + 8).collect();
    if words.len() < 2 {
        return None;
    }
    // A street is named after a person or a place, but it is not there
    // ("Frenchmen Street", "Hampton Avenue").
    let last = words.last().and_then(|w| span_text.get(w.0..w.1))?;
    if locality::is_way_word(last) {
        return None;
    }
    let usable = |rows: &[(u32, u8)]| {
        rows.iter().any(|&(p, f)| {
            f & flag::PRIMARY != 0
                && f & (flag::COMMON_WORD | flag::MINOR) == 0
                && gazetteer
                    .record(p)
                    .is_some_and(|r| r.feature != Feature::City || r.population >= 15_000)
        })
    };
    let capitalised = |w: &(usize, usize)| {
        span_text
            .get(w.0..w.1)
            .and_then(|t| t.chars().next())
            .is_some_and(char::is_uppercase)
    };
    // After the last "of", to the end of the mention: "Bank of Japan" is
    // named after Japan, whatever "Bank" may also name.
    let of = words
        .iter()
        .rposition(|w| span_text.get(w.0..w.1) == Some("of"));
    if let Some(rest) = of.and_then(|of| words.get(of + 1..)) {
        if let (Some(first), Some(last)) = (rest.first(), rest.last()) {
            if rest.len() <= MAX_NAME_WORDS && rest.iter().all(capitalised) {
                let name = span_text.get(first.0..last.1)?;
                let rows = gazetteer.lookup(name);
                if usable(rows) {
                    return Some((start + first.0, start + last.1, rows.to_vec()));
                }
            }
        }
    }
    // Leading words, longest first, leaving at least one word after.
    let mut best: Option<EmbeddedPlace> = None;
    for len in (1..words.len().min(MAX_NAME_WORDS + 1)).rev() {
        if !words[..len].iter().all(capitalised) {
            continue;
        }
        let (from, to) = (words[0].0, words[len - 1].1);
        let name = span_text.get(from..to)?;
        if len == 1 && (is_calendar_or_compass(name) || is_compass_adjective(name)) {
            continue;
        }
        // An all-capitals word is an acronym ("UN Special Envoy"), a place
        // only as a known short form ("US Federal Reserve").
        let acronym = !name.chars().any(char::is_lowercase);
        let rows = gazetteer.lookup(name);
        let rows_usable = if acronym {
            rows.iter().any(|&(_, f)| f & flag::ABBREVIATION != 0)
        } else {
            usable(rows)
        };
        if rows_usable {
            best = Some((start + from, start + to, rows.to_vec()));
            break;
        }
        if len == 1 {
            let rows = resolve::demonym_rows(gazetteer, name);
            if !rows.is_empty() {
                best = Some((start + from, start + to, rows));
            }
        }
    }
    best
}

/// "Eastern Europe", "Southern District": a direction, no place by itself.
/// A direction that may open a place's name ("South Florida", "Northern
/// Syria", "Upper Egypt").
fn is_direction_word(word: &str) -> bool {
    matches!(
        word,
        "North" | "South" | "East" | "West" | "Northeast" | "Northwest" | "Southeast" | "Southwest"
    ) || is_compass_adjective(word)
}

fn is_compass_adjective(word: &str) -> bool {
    matches!(
        word,
        "Northern" | "Southern" | "Eastern" | "Western" | "Central" | "Upper" | "Lower"
    )
}

/// Byte ranges of the words of a mention, without surrounding punctuation
/// other than a name's own dots ("St.", "U.S.") and without a possessive.
fn span_words(span_text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut offset = 0;
    span_text.split(' ').filter_map(move |word| {
        let from = offset;
        offset += word.len() + 1;
        let mut bare = word.trim_start_matches(|c: char| !c.is_alphanumeric());
        let lead = word.len() - bare.len();
        for possessive in ["'s", "’s"] {
            bare = bare.strip_suffix(possessive).unwrap_or(bare);
        }
        bare = bare.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.');
        (!bare.is_empty()).then(|| (from + lead, from + lead + bare.len()))
    })
}

/// Places whose own name, as a whole mention, is a place even when the
/// recogniser called it an organisation.
fn is_well_known(record: &Record) -> bool {
    match record.feature {
        Feature::Country | Feature::Admin1 => true,
        Feature::City => record.population >= 100_000,
        Feature::Region => true,
        Feature::Other => false,
    }
}

/// Where a non-place mention stops blocking the matcher: at its first
/// lower-case word that cannot stand inside a name ("Queen Elizabeth
/// Hospital in Glasgow", "WHO and US", "D.C. after showing"), since a
/// recogniser's span that runs on over such words has overshot.
fn blocked_end(span_text: &str, start: usize, end: usize) -> usize {
    let mut offset = 0;
    for word in span_text.split(' ') {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        let lower = bare.chars().next().is_some_and(char::is_lowercase);
        if offset > 0 && lower && (!is_connector(bare) || bare == "and") {
            return start + offset;
        }
        offset += word.len() + 1;
    }
    end
}

/// Geolocate given toponym spans (gold spans in the evaluation) in the
/// article's context; `None` where no gazetteer entry fits.
pub fn resolve_spans(
    context: &PlaceContext,
    spans: &[Span],
    gazetteer: &Gazetteer,
) -> Vec<Option<Place>> {
    let text = context.text;
    // Whether a span's rows are those of a place it is named after.
    let mut named_after = vec![false; spans.len()];
    let mentions: Vec<Mention> = spans
        .iter()
        .zip(named_after.iter_mut())
        .map(|(&span, named_after)| {
            let (rows, after) = candidate_rows(gazetteer, text, span);
            *named_after = after;
            Mention { span, rows }
        })
        .collect();
    let dateline = resolve::read_dateline(gazetteer, context.dateline);
    let chosen = resolve::resolve(gazetteer, text, &mentions, dateline.as_ref());
    let stated = resolve::stated_containers(gazetteer, text, &mentions, &chosen, dateline.as_ref());
    let focus = locality::focus_town(gazetteer, &mentions, &chosen, dateline.map(|d| d.place));
    mentions
        .iter()
        .zip(chosen)
        .zip(named_after)
        .zip(stated)
        .map(|(((mention, place), named_after), stated)| {
            let span_text = text.get(mention.span.range()).unwrap_or("");
            let kind = locality::local_kind(span_text);
            if let Some(container) = stated.filter(|_| kind.is_none()) {
                return Some(locality::unlisted_town(
                    gazetteer,
                    text,
                    mention.span,
                    container,
                ));
            }
            // "Bourbon and Dauphine streets": streets of the article's town.
            let (start, end) = (mention.span.start as usize, mention.span.end as usize);
            if locality::in_street_pair(text, start, end) {
                return focus
                    .map(|town| locality::local_place(gazetteer, text, mention.span, town));
            }
            match (place, focus) {
                // A street, river or building is not the place it is named
                // after ("Mississippi River", "Carnegie Library"): a local
                // feature of the article's town, unless a building is named
                // after a town near it ("Shreveport Regional Airport").
                (Some(p), Some(town)) if named_after && kind.is_some() => {
                    let in_named_town = kind == Some(locality::LocalKind::Facility)
                        && locality::is_town_near(gazetteer, p, town);
                    Some(locality::local_place(
                        gazetteer,
                        text,
                        mention.span,
                        if in_named_town { p } else { town },
                    ))
                }
                (Some(p), _) => Some(resolve::to_place(gazetteer, text, mention.span, p)),
                // A given toponym the gazetteer lacks ("Faubourg Marigny",
                // "Royal Street"): a local place of the article's town. A
                // word without a capital is no name ("watching").
                (None, Some(town)) if looks_like_name(span_text) => {
                    Some(locality::local_place(gazetteer, text, mention.span, town))
                }
                (None, _) => None,
            }
        })
        .collect()
}

/// The gazetteer readings [`resolve_spans`] chooses among for a span, and
/// whether they are of a place the span is only named after ("Bank of
/// Japan"): its name or demonym, else an adjective, else an embedded name.
/// Empty when the span is not in `text`.
pub fn candidate_rows(gazetteer: &Gazetteer, text: &str, span: Span) -> (Vec<(u32, u8)>, bool) {
    let Some(span_text) = text.get(span.range()) else {
        return (Vec::new(), false);
    };
    let mut rows = resolve::rows_for_span_or_demonym(gazetteer, span_text);
    if rows.is_empty() {
        rows = resolve::adjective_rows(gazetteer, span_text);
    }
    if rows.is_empty() {
        rows = resolve::compass_rows(gazetteer, span_text);
    }
    if rows.is_empty() {
        // "Bank of Japan", "Walker County Sheriff's Office".
        if let Some((_, _, embedded)) =
            embedded_place(gazetteer, text, span.start as usize, span.end as usize)
        {
            return (embedded, true);
        }
    }
    (rows, false)
}

/// Whether a mention is the proper name of a street or a body of water or
/// mountain: capitalised words ending in "Drive", "River"…, or "Lake"/"Mount"
/// before them.
fn is_way_or_water_name(span_text: &str) -> bool {
    let words: Vec<&str> = span_text.split_whitespace().collect();
    words.len() >= 2
        && words.len() <= 5
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
        && matches!(
            locality::local_kind(span_text),
            Some(locality::LocalKind::Way | locality::LocalKind::Natural)
        )
}

/// Whether a span reads as a name: a word of it starts with a capital or a
/// digit ("Royal Street", "2231 Royal", "the Bywater").
fn looks_like_name(span_text: &str) -> bool {
    span_text.split_whitespace().any(|word| {
        word.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    })
}

/// The span without a leading "the " and surrounding spaces.
fn trim_span(text: &str, mut start: usize, end: usize) -> (usize, usize) {
    let inner = &text[start..end];
    for article in ["the ", "The ", "THE "] {
        if inner.starts_with(article) && inner.len() > article.len() {
            start += article.len();
            break;
        }
    }
    (start, end)
}

fn overlaps(ranges: &[(usize, usize)], start: usize, end: usize) -> bool {
    // Ranges are sorted by start; any that starts before `end` may overlap.
    let upto = ranges.partition_point(|r| r.0 < end);
    ranges[..upto].iter().rev().take(8).any(|r| r.1 > start)
}

/// Lower-case words that may stand inside a place name.
fn is_connector(text: &str) -> bool {
    matches!(
        text,
        "of" | "de"
            | "del"
            | "la"
            | "le"
            | "el"
            | "al"
            | "upon"
            | "on"
            | "the"
            | "da"
            | "do"
            | "di"
            | "du"
            | "des"
            | "sur"
            | "am"
            | "an"
            | "im"
            | "y"
            | "en"
            | "and"
            | "les"
            | "los"
            | "las"
    )
}

/// Words before a place that make a mention a place ("in Nice", "to Reading").
fn is_locative(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "in" | "at"
            | "from"
            | "near"
            | "outside"
            | "across"
            | "into"
            | "to"
            | "toward"
            | "towards"
            | "throughout"
            | "within"
            | "via"
            | "around"
            | "through"
            | "inside"
            | "between"
            | "visit"
            | "visited"
            | "visiting"
    )
}

/// Words before a name that make it a person's ("Mr Chad").
fn is_title(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.'),
        "Mr" | "Mrs"
            | "Ms"
            | "Miss"
            | "Dr"
            | "Sir"
            | "Lady"
            | "Lord"
            | "President"
            | "Gen"
            | "General"
            | "Prof"
            | "Professor"
            | "Rev"
            | "Father"
            | "Saint"
            | "St"
            | "Coach"
            | "Judge"
            | "Senator"
            | "Sen"
            | "Rep"
            | "Governor"
            | "Gov"
            | "Minister"
            | "Prince"
            | "Princess"
            | "King"
            | "Queen"
    )
}

/// Place names the recogniser did not give: the longest capitalised word
/// sequence at each position that is a gazetteer name and passes the
/// context rules.
fn scan_names(
    gazetteer: &Gazetteer,
    text: &str,
    words: &[Word],
    blocked: &[(usize, usize)],
    located: &[(usize, usize)],
    mentions: &mut Vec<Mention>,
) {
    let mut i = 0;
    while i < words.len() {
        let first = words[i];
        if !first.capital || overlaps(blocked, first.start, first.end) {
            i += 1;
            continue;
        }
        let mut key = EMPTY_KEY;
        let mut best: Option<(usize, Vec<(u32, u8)>)> = None;
        for len in 1..=MAX_NAME_WORDS.min(words.len() - i) {
            let word = words[i + len - 1];
            if len > 1 && !word.joined {
                break;
            }
            key = extend_key(key, word.hash);
            let word_text = &text[word.start..word.end];
            let ends_well = word.capital;
            if len > 1 && !word.capital && !is_connector(word_text) {
                break;
            }
            if ends_well && !overlaps(blocked, word.start, word.end) {
                // Small towns only before ", Country/State" ("Ames, Iowa").
                let mut minor_ok: Option<bool> = None;
                let rows: Vec<(u32, u8)> = gazetteer
                    .candidates(key)
                    .iter()
                    .copied()
                    .filter(|&(p, f)| {
                        if f & flag::MINOR != 0 {
                            return *minor_ok.get_or_insert_with(|| {
                                followed_by_container(gazetteer, text, words, i + len)
                            });
                        }
                        usable_in_text(gazetteer, p, f, &words[i..i + len])
                            || state_after_town(gazetteer, text, words, i, p, f)
                    })
                    .collect();
                if !rows.is_empty() {
                    best = Some((len, rows));
                }
            }
            if !gazetteer.is_prefix(key) {
                break;
            }
        }
        let Some((len, rows)) = best else {
            i += 1;
            continue;
        };
        let last = words[i + len - 1];
        let in_location = overlaps(located, first.start, last.end);
        if accept_in_context(gazetteer, text, words, (i, len), &rows, in_location) {
            mentions.push(Mention {
                span: Span::new(first.start, last.end),
                rows,
            });
        }
        i += len;
    }
}

/// Whether a division's short form ("W.Va.", "Ala.", "Okla."), which is no
/// name in running text by itself, follows "Town," ("Charleston, W.Va.").
fn state_after_town(
    gazetteer: &Gazetteer,
    text: &str,
    words: &[Word],
    i: usize,
    place: u32,
    flags: u8,
) -> bool {
    let is_short_form = flags & flag::PRIMARY == 0
        && gazetteer
            .record(place)
            .is_some_and(|r| r.feature == Feature::Admin1);
    is_short_form
        && i.checked_sub(1).is_some_and(|p| {
            words[p].capital && resolve::comma_between(text, words[p].end, words[i].start)
        })
}

/// Whether a name row may be matched in running text.
fn usable_in_text(gazetteer: &Gazetteer, place: u32, flags: u8, words: &[Word]) -> bool {
    if flags & flag::ABBREVIATION != 0 && !words.iter().all(|w| w.all_caps) {
        return false;
    }
    if flags & flag::PRIMARY != 0 {
        return true;
    }
    // Other spellings of big cities ("Bombay", "Kiev") are safe enough.
    gazetteer
        .record(place)
        .is_some_and(|r| r.feature == Feature::City && r.population >= 1_000_000)
}

/// The context rules for a gazetteer match the recogniser did not give.
fn accept_in_context(
    gazetteer: &Gazetteer,
    text: &str,
    words: &[Word],
    (i, len): (usize, usize),
    rows: &[(u32, u8)],
    in_location: bool,
) -> bool {
    let first = words[i];
    let last = words[i + len - 1];
    let previous = i.checked_sub(1).map(|p| words[p]);
    let next = words.get(i + len).copied();
    let previous_text = previous.map(|w| &text[w.start..w.end]);
    if previous_text.is_some_and(is_title) && first.joined {
        return false;
    }
    // "in March 2014", "March 29", "more murders in March": a month or a
    // direction, not March in Cambridgeshire; unless the recogniser calls it
    // a location or its division or country follows ("March, England").
    if len == 1
        && is_calendar_or_compass(&text[first.start..first.end])
        && !in_location
        && !followed_by_container(gazetteer, text, words, i + len)
    {
        return false;
    }
    // A demonym is not a place ("Chinese", "Swiss").
    if len == 1
        && gazetteer
            .demonym_country_by_key(extend_key(EMPTY_KEY, first.hash))
            .is_some()
    {
        return false;
    }
    let strongest = rows
        .iter()
        .filter_map(|&(p, _)| gazetteer.record(p))
        .map(|r| r.feature)
        .min()
        .unwrap_or(Feature::Other);
    let common = len == 1 && rows.iter().all(|&(_, f)| f & flag::COMMON_WORD != 0);
    let locative = previous_text.is_some_and(is_locative) && !first.sentence_start;
    let followed_by_place = followed_by_container(gazetteer, text, words, i + len);
    let after_place_comma = previous.is_some_and(|p| {
        text.get(p.end..first.start)
            .is_some_and(|g| g.trim() == ",")
            && p.capital
    });
    let supported = locative || followed_by_place || after_place_comma;
    // Part of a longer capitalised name: "Chad Johnson", "Paris Hilton",
    // "Washington Post", "Bank Mobile".
    let next_capital = next.is_some_and(|n| n.joined && n.capital && !n.all_caps);
    let previous_capital =
        previous.is_some_and(|p| first.joined && p.capital && !first.sentence_start && !p.all_caps);
    if (next_capital || previous_capital) && !followed_by_place {
        let title_case_line = title_case_run(words, i);
        if !title_case_line || strongest > Feature::Admin1 {
            return false;
        }
    }
    // "US$460 million".
    if text[last.end..].starts_with('$') {
        return false;
    }
    // Months, days and compass words name places only in their own
    // context ("March", the English town; "West", a Cameroonian region).
    if len == 1 && !supported && is_calendar_or_compass(&text[first.start..first.end]) {
        return false;
    }
    if common && !supported && !in_location {
        return false;
    }
    // A lone word opening a sentence is a place only if it is a country or
    // a big enough city, or the context says so.
    if len == 1 && first.sentence_start && !supported && !in_location {
        return strongest <= Feature::Admin1
            || rows.iter().any(|&(p, f)| {
                f & flag::PRIMARY != 0
                    && gazetteer.record(p).is_some_and(|r| r.population >= 100_000)
            });
    }
    true
}

fn is_calendar_or_compass(word: &str) -> bool {
    matches!(
        word,
        "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
            | "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
            | "North"
            | "South"
            | "East"
            | "West"
            | "Central"
            | "Northern"
            | "Southern"
            | "Eastern"
            | "Western"
    )
}

/// Whether ", Country" or ", State" follows word `at`.
fn followed_by_container(gazetteer: &Gazetteer, text: &str, words: &[Word], at: usize) -> bool {
    let Some(&next) = words.get(at) else {
        return false;
    };
    let previous_end = words[at - 1].end;
    if text.get(previous_end..next.start).map(str::trim) != Some(",") || !next.capital {
        return false;
    }
    let mut key = EMPTY_KEY;
    for (k, word) in words[at..].iter().take(3).enumerate() {
        if k > 0 && !word.joined {
            break;
        }
        key = extend_key(key, word.hash);
        let contains = gazetteer.candidates(key).iter().any(|&(p, f)| {
            (f & flag::ABBREVIATION == 0 || word.all_caps)
                && gazetteer
                    .record(p)
                    .is_some_and(|r| matches!(r.feature, Feature::Country | Feature::Admin1))
        });
        if contains {
            return true;
        }
    }
    false
}

/// Whether the words around `i` are mostly capitalised (a headline in title
/// case), where capitals say nothing about names.
fn title_case_run(words: &[Word], i: usize) -> bool {
    let from = i.saturating_sub(3);
    let to = (i + 4).min(words.len());
    let window = &words[from..to];
    window.len() >= 4 && window.iter().filter(|w| w.capital).count() * 5 >= window.len() * 4
}

#[cfg(test)]
mod tests;
