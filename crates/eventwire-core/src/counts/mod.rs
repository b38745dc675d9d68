//! Counts: how many were killed, wounded, missing, arrested, kidnapped,
//! displaced or protesting, with the number normalised ("more than 1,730",
//! "dozens", "1.2 million"), its qualifier, who was counted ("civilians"),
//! who gives the figure ("according to the Syrian National Coalition") and
//! since when ("since September").
//!
//! Surface patterns over the words of each sentence, no model needed:
//! a number followed by its verb ("12 people were killed"), a verb followed
//! by its number ("killing 12"), a number before a count noun ("12 deaths",
//! "thousands of protesters"), a toll ("the death toll rose to 30") and
//! coordination ("killing five children and two drivers"). Numbers that are
//! years, ages, times, dates, money, percentages or measures are skipped.
//! Every figure is kept, so conflicting figures from different sources all
//! appear, each with its own source. See docs/counts.md.

mod attribution;
mod number;
mod words;

use crate::document::{Count, Entity, Span, TimeExpression, Token};
use attribution::{nearest_source, period_start, source_cues};
use number::{number_at, NumberMention};
use words::{scan, Word};

/// Every count stated in `text`, in text order.
///
/// `sentences` bound the patterns (none given: the whole text is one
/// sentence). `tokens` may be empty or untagged; their part of speech, when
/// present, only checks the counted object. `entities` name sources (by
/// canonical name); `times` are the article's resolved time expressions, the
/// source of `since`.
pub fn find_counts(
    text: &str,
    sentences: &[Span],
    tokens: &[Token],
    entities: &[Entity],
    times: &[TimeExpression],
) -> Vec<Count> {
    let whole = [Span::new(0, text.len())];
    let sentences = if sentences.is_empty() {
        &whole[..]
    } else {
        sentences
    };
    let mut entities: Vec<&Entity> = entities.iter().collect();
    entities.sort_by_key(|e| (e.start, e.end));
    let mut times: Vec<&TimeExpression> = times.iter().collect();
    times.sort_by_key(|t| (t.start, t.end));
    let pos_at = |offset: usize| -> Option<String> {
        let k = tokens.partition_point(|t| (t.start as usize) < offset);
        tokens
            .get(k)
            .filter(|t| t.start as usize == offset)
            .and_then(|t| t.pos.clone())
    };
    let mut counts = Vec::new();
    for piece in sentences.iter().flat_map(|s| pieces(text, *s)) {
        let words = scan(text, piece.start as usize, piece.end as usize, &pos_at);
        let found = sentence_counts(&words);
        if found.is_empty() {
            continue;
        }
        let cues = source_cues(text, &words, &entities);
        let since = period_start(&words, &times);
        for found in found {
            let (start, end) = (words[found.first].start, words[found.last].end);
            let Some(phrase) = text.get(start..end) else {
                continue;
            };
            counts.push(Count {
                kind: found.kind.to_string(),
                number: found.number.value,
                qualifier: found.qualifier.map(str::to_string),
                object: found
                    .object
                    .and_then(|(a, b)| text.get(words[a].start..words[b].end))
                    .map(str::to_string),
                source: nearest_source(&cues, start, end),
                since: since.clone(),
                text: phrase.to_string(),
                start: start as u32,
                end: end as u32,
            });
        }
    }
    counts
}

/// Longest stretch of text scanned at once. Counts are local, so a freak
/// "sentence" of megabytes is cut at spaces to keep memory bounded.
const PIECE_BYTES: usize = 1 << 16;

/// A sentence, or a huge one in pieces of at most about `PIECE_BYTES`.
fn pieces(text: &str, sentence: Span) -> Vec<Span> {
    let end = (sentence.end as usize).min(text.len());
    let mut start = (sentence.start as usize).min(end);
    let mut pieces = Vec::new();
    while end - start > PIECE_BYTES {
        let mut cut = start + PIECE_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        // Cut at the last space of the window, if there is one.
        if let Some(space) = text
            .get(start..cut)
            .and_then(|w| w.rfind(char::is_whitespace))
        {
            if space > 0 {
                cut = start + space;
            }
        }
        pieces.push(Span::new(start, cut));
        start = cut;
    }
    if start < end {
        pieces.push(Span::new(start, end));
    }
    pieces
}

/// A count found in one sentence, by word positions.
#[derive(Debug, Clone)]
struct Found {
    kind: &'static str,
    number: NumberMention,
    qualifier: Option<&'static str>,
    /// First and last word of the counted object.
    object: Option<(usize, usize)>,
    /// First and last word of the whole count phrase.
    first: usize,
    last: usize,
}

fn sentence_counts(words: &[Word]) -> Vec<Found> {
    let protest_context = words.iter().any(|w| {
        let lower = w.lower.as_str();
        lower.starts_with("protest")
            || lower.starts_with("demonstrat")
            || lower.starts_with("rall")
            || (!w.capitalized && lower.starts_with("march"))
            || lower == "streets"
    });
    let mut found: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let Some(number) = number_at(words, i) else {
            i += 1;
            continue;
        };
        i = number.last + 1;
        if not_a_count(words, &number) || is_previous_figure(words, &number) {
            continue;
        }
        let (qualifier, qualifier_first) = qualifier_before(words, number.first);
        let start = qualifier_first.unwrap_or(number.first);
        let qualifier = qualifier.or(number.vague.then_some("at least"));
        // "arrested 15 protesters": a verb before outranks a noun that only
        // names the people counted.
        let by_noun = match noun_after(words, &number, protest_context) {
            Some(p)
                if p.object
                    .is_some_and(|(_, b)| noun_is_object(word(words, b))) =>
            {
                verb_before(words, start, &number, protest_context).or(Some(p))
            }
            other => other,
        };
        let attempt = by_noun
            .or_else(|| verb_after(words, &number, protest_context))
            .or_else(|| verb_before(words, start, &number, protest_context))
            .or_else(|| toll_before(words, start, &number))
            .or_else(|| coordinated(words, start, &number, &found));
        if let Some(pattern) = attempt {
            found.push(Found {
                kind: pattern.kind,
                number,
                qualifier: qualifier.or(pattern.implied_qualifier),
                object: pattern.object,
                first: pattern.first.min(start),
                last: pattern.last.max(number.last),
            });
            if let Some((_, object_last)) = pattern.object {
                i = i.max(object_last + 1);
            }
        }
    }
    found
}

/// What a pattern says about a number.
struct Pattern {
    kind: &'static str,
    object: Option<(usize, usize)>,
    implied_qualifier: Option<&'static str>,
    first: usize,
    last: usize,
}

fn word(words: &[Word], i: usize) -> &str {
    words.get(i).map_or("", |w| w.lower.as_str())
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Words after a number that make it a measure, a time or money.
const UNITS: &[&str] = &[
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "second",
    "seconds",
    "km",
    "kilometres",
    "kilometers",
    "mile",
    "miles",
    "metres",
    "meters",
    "metre",
    "meter",
    "feet",
    "foot",
    "ft",
    "kg",
    "tonnes",
    "tons",
    "degrees",
    "points",
    "votes",
    "seats",
    "goals",
    "runs",
    "times",
    "per",
    "percent",
    "am",
    "pm",
    "a.m",
    "p.m",
    "gmt",
    "utc",
    "bst",
    "edt",
    "est",
    "o'clock",
    "storey",
    "storeys",
    "mph",
    "acres",
    "hectares",
    "games",
    "matches",
    "wickets",
    "sets",
    "laps",
    "yards",
    "inches",
    "dollars",
    "pounds",
    "euros",
    "yen",
    "yuan",
    "rupees",
    "bn",
    "m",
    "pence",
    "cents",
    "-",
    "%",
    "th",
    "st",
    "nd",
    "rd",
    "centuries",
    "decades",
    "billion",
    "trillion",
    "rubles",
    "roubles",
    "francs",
    "pesos",
    "dinars",
    "lira",
    "riyals",
    "shekels",
    "won",
    "rand",
    "naira",
    "złotys",
    "zlotys",
    "usd",
    "eur",
    "gbp",
    "views",
    "copies",
    "barrels",
    "doses",
    "strong",
];

/// Words before a number that make it an identifier, an age or a measure.
const LABELS: &[&str] = &[
    "no",
    "number",
    "article",
    "route",
    "page",
    "chapter",
    "section",
    "flight",
    "room",
    "act",
    "bwv",
    "magnitude",
    "aged",
    "age",
    "version",
    "model",
    "grade",
    "level",
    "class",
    "$",
    "£",
    "€",
    "¥",
    "us$",
    "rs",
    "usd",
    "gbp",
    "eur",
    "top",
    "under",
    "channel",
    "highway",
    "interstate",
    "platform",
    "gate",
    "row",
    "line",
];

/// A number that is not a count of people: a year, a date, an age, a time,
/// money, a percentage, a measure or an identifier.
fn not_a_count(words: &[Word], number: &NumberMention) -> bool {
    let next = word(words, number.last + 1);
    let previous = number.first.checked_sub(1).map_or("", |k| word(words, k));
    let surface = word(words, number.first);
    if UNITS.contains(&next) || MONTHS.contains(&next) || MONTHS.contains(&previous) {
        return true;
    }
    // "the 176 people", "the nine French soldiers" are counts; other labels are not.
    if LABELS.contains(&previous)
        && !(previous == "the" && (person_noun(next) || next_is_count_word(next)))
    {
        return true;
    }
    if previous == "of" && number.first >= 2 && word(words, number.first - 2) == "age" {
        return true;
    }
    // "No. 3846": a full stop after "no".
    if previous == "." && number.first >= 2 && word(words, number.first - 2) == "no" {
        return true;
    }
    // A year: four plain digits that no person noun follows.
    let is_year_shape = surface.len() == 4
        && surface.bytes().all(|b| b.is_ascii_digit())
        && (1000..=2100).contains(&number.value);
    if is_year_shape && !person_noun(next) && !next_is_count_word(next) {
        return true;
    }
    // "Thanou, 30, and": an age in commas after a name.
    if previous == ","
        && next == ","
        && number.first >= 2
        && (words[number.first - 2].capitalized || surface.bytes().all(|b| b.is_ascii_digit()))
        && number.value < 120
        && !number.vague
    {
        return true;
    }
    // "no one", "one another", "one day".
    if surface == "one" && (previous == "no" || next == "another") {
        return true;
    }
    false
}

/// "from five people to six": the earlier figure of a change.
fn is_previous_figure(words: &[Word], number: &NumberMention) -> bool {
    let previous = number.first.checked_sub(1).map_or("", |k| word(words, k));
    previous == "from"
        && (number.last + 1..number.last + 4)
            .any(|k| word(words, k) == "to" && number_at(words, k + 1).is_some())
}

/// The qualifier right before a number and where its words start.
fn qualifier_before(words: &[Word], first: usize) -> (Option<&'static str>, Option<usize>) {
    const PHRASES: &[(&[&str], &str)] = &[
        (&["more", "than"], "more than"),
        (&["greater", "than"], "more than"),
        (&["in", "excess", "of"], "more than"),
        (&["upwards", "of"], "more than"),
        (&["over"], "more than"),
        (&["above"], "more than"),
        (&["at", "least"], "at least"),
        (&["no", "fewer", "than"], "at least"),
        (&["no", "less", "than"], "at least"),
        (&["not", "less", "than"], "at least"),
        (&["a", "minimum", "of"], "at least"),
        (&["about"], "about"),
        (&["around"], "about"),
        (&["approximately"], "about"),
        (&["roughly"], "about"),
        (&["some"], "about"),
        (&["an", "estimated"], "about"),
        (&["estimated"], "about"),
        (&["an", "approximate"], "about"),
        (&["up", "to"], "up to"),
        (&["as", "many", "as"], "up to"),
        (&["nearly"], "up to"),
        (&["almost"], "up to"),
        (&["close", "to"], "up to"),
        (&["fewer", "than"], "up to"),
        (&["less", "than"], "up to"),
        (&["just", "under"], "up to"),
        (&["exactly"], "exactly"),
        (&["precisely"], "exactly"),
    ];
    for (phrase, qualifier) in PHRASES {
        let Some(start) = first.checked_sub(phrase.len()) else {
            continue;
        };
        if phrase
            .iter()
            .enumerate()
            .all(|(k, w)| word(words, start + k) == *w)
        {
            // "a total of" before the qualifier belongs to the phrase too.
            return (Some(qualifier), Some(start));
        }
    }
    if first >= 3
        && word(words, first - 3) == "a"
        && word(words, first - 2) == "total"
        && word(words, first - 1) == "of"
    {
        return (None, Some(first - 3));
    }
    (None, None)
}

/// People a count may count (used when no tagger ran).
fn person_noun(word: &str) -> bool {
    const NOUNS: &[&str] = &[
        "people",
        "persons",
        "person",
        "civilians",
        "children",
        "soldiers",
        "troops",
        "police",
        "policemen",
        "officers",
        "protesters",
        "protestors",
        "demonstrators",
        "students",
        "workers",
        "women",
        "men",
        "migrants",
        "refugees",
        "riders",
        "passengers",
        "crew",
        "suspects",
        "militants",
        "fighters",
        "rebels",
        "terrorists",
        "victims",
        "nationals",
        "supporters",
        "residents",
        "villagers",
        "pilgrims",
        "worshippers",
        "journalists",
        "miners",
        "inmates",
        "prisoners",
        "members",
        "others",
        "individuals",
        "adults",
        "infants",
        "babies",
        "girls",
        "boys",
        "teenagers",
        "insurgents",
        "guards",
        "staff",
        "employees",
        "tourists",
        "farmers",
        "activists",
        "detainees",
        "hostages",
        "marchers",
        "rioters",
        "personnel",
        "citizens",
    ];
    NOUNS.contains(&word)
}

fn next_is_count_word(word: &str) -> bool {
    noun_kind(word).is_some() || after_kind(word).is_some()
}

/// Count nouns and adjectives standing after the number: "12 deaths",
/// "thousands of protesters", "25 wounded people".
fn noun_kind(word: &str) -> Option<&'static str> {
    Some(match word {
        "deaths" | "dead" | "fatalities" | "bodies" | "killed" => "killed",
        "injuries" | "injured" | "wounded" => "wounded",
        "missing" => "missing",
        "arrests" | "detainees" | "arrested" | "detained" | "detentions" => "arrested",
        "hostages" | "abductees" | "kidnapped" | "abducted" => "kidnapped",
        "refugees" | "evacuees" | "displaced" => "displaced",
        "protesters" | "protestors" | "demonstrators" | "marchers" | "rioters" => "protesters",
        "casualties" => "other",
        _ => return None,
    })
}

/// Count words that also name the people counted ("refugees").
fn noun_is_object(word: &str) -> bool {
    matches!(
        word,
        "detainees"
            | "hostages"
            | "abductees"
            | "refugees"
            | "evacuees"
            | "protesters"
            | "protestors"
            | "demonstrators"
            | "marchers"
            | "rioters"
    )
}

/// Verbs and adjectives after the counted people: "12 people were killed".
fn after_kind(word: &str) -> Option<&'static str> {
    Some(match word {
        "killed" | "dead" | "died" | "die" | "slain" | "perished" | "murdered" | "executed"
        | "drowned" | "lost" => "killed",
        "injured" | "wounded" | "hurt" => "wounded",
        "missing" | "unaccounted" => "missing",
        "arrested" | "detained" | "apprehended" | "jailed" => "arrested",
        "kidnapped" | "abducted" => "kidnapped",
        "displaced" | "fled" | "evacuated" | "uprooted" | "homeless" => "displaced",
        "rallied" | "marched" | "protested" | "demonstrated" => "protesters",
        _ => return None,
    })
}

/// Verbs before the number: "killing 12", "arrested 15", "the lives of 30".
fn before_kind(word: &str) -> Option<&'static str> {
    Some(match word {
        "killing" | "killed" | "kill" | "kills" | "lives" => "killed",
        "injuring" | "injured" | "injure" | "injures" | "wounding" | "wounded" | "wound"
        | "wounds" | "hurting" => "wounded",
        "arrested" | "arresting" | "arrest" | "arrests" | "detained" | "detaining" | "detain"
        | "detains" | "apprehended" | "jailed" => "arrested",
        "kidnapped" | "kidnapping" | "kidnap" | "abducted" | "abducting" | "abduct" => "kidnapped",
        "displaced" | "displacing" | "displace" | "displaces" | "evacuated" | "evacuating"
        | "uprooted" | "uprooting" => "displaced",
        _ => return None,
    })
}

/// Words that may stand between the counted people and their verb.
const LINKS: &[&str] = &[
    "were",
    "was",
    "are",
    "is",
    "have",
    "has",
    "had",
    "been",
    "being",
    "be",
    "will",
    "would",
    "may",
    "might",
    "could",
    "reportedly",
    "also",
    "all",
    "later",
    "since",
    "now",
    "already",
    "confirmed",
    "reported",
    "believed",
    "feared",
    "presumed",
    "thought",
    "known",
    "said",
    "to",
    "pronounced",
    "found",
    "seriously",
    "critically",
    "badly",
    "slightly",
    "severely",
    "fatally",
    "mortally",
    "gravely",
    "lightly",
    "allegedly",
    "apparently",
    "initially",
    "eventually",
    "subsequently",
    "then",
    "who",
    "on",
    "board",
    "aboard",
    "more",
    "others",
    "other",
    "each",
    "left",
    "officially",
    "taken",
    "overall",
    "there",
    "yesterday",
    "today",
    "still",
    "remain",
    "remained",
    "remains",
];

/// Words that never belong to the counted object.
const FUNCTION_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "to",
    "and",
    "or",
    "but",
    "as",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "this",
    "these",
    "those",
    "their",
    "his",
    "her",
    "its",
    "our",
    "my",
    "your",
    "they",
    "them",
    "he",
    "she",
    "it",
    "we",
    "i",
    "you",
    "were",
    "was",
    "are",
    "is",
    "be",
    "been",
    "being",
    "have",
    "has",
    "had",
    "will",
    "would",
    "may",
    "might",
    "could",
    "should",
    "can",
    "not",
    "no",
    "more",
    "others",
    "other",
    "each",
    "all",
    "both",
    "some",
    "many",
    "several",
    "including",
    "according",
    "during",
    "after",
    "before",
    "since",
    "while",
    "when",
    "where",
    "there",
    "here",
    "than",
    "about",
    "around",
    "over",
    "under",
    "up",
    "into",
    "across",
    "near",
    "among",
    "between",
    "also",
    "only",
    "just",
    "reportedly",
    "said",
    "most",
    "another",
    "such",
    "so",
    "very",
    "then",
    "now",
    "yesterday",
    "today",
    "tonight",
    "last",
    "this",
    "next",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "people's",
];

/// The counted object: a run of content words starting at `k`
/// ("six Mexican nationals", "thousands of protesters", "two of Khan's victims").
fn object_at(words: &[Word], k: usize) -> Option<(usize, usize)> {
    let mut k = k;
    if word(words, k) == "of" {
        k += 1;
        while let Some(w) = words.get(k) {
            if w.is_any(&["the", "whom", "them", "those", "these", "their"])
                || w.lower.ends_with("'s")
                || w.lower.ends_with("’s")
            {
                k += 1;
            } else {
                break;
            }
        }
    }
    let is_content = |w: &Word| {
        !w.punct
            && !w.is_any(FUNCTION_WORDS)
            && !w.lower.bytes().any(|b| b.is_ascii_digit())
            && after_kind(&w.lower).is_none()
            && before_kind(&w.lower).is_none()
            && (noun_kind(&w.lower).is_none() || noun_is_object(&w.lower))
            && !(w.pos.is_none() && w.lower.ends_with("ly") && !person_noun(&w.lower))
            && match w.pos.as_deref() {
                Some(pos) => matches!(pos, "NOUN" | "PROPN" | "ADJ"),
                None => !w.lower.ends_with("ing") || person_noun(&w.lower),
            }
    };
    let first = k;
    let mut last = k;
    while last < words.len() && last < first + 4 && is_content(&words[last]) {
        last += 1;
    }
    if last == first {
        return None;
    }
    let mut last = last - 1;
    // The object ends in a noun: the tagger's NOUN, else a lowercase word.
    loop {
        let w = &words[last];
        let ends_in_noun = match w.pos.as_deref() {
            Some(pos) => matches!(pos, "NOUN" | "PROPN"),
            None => !w.capitalized || person_noun(&w.lower),
        };
        if ends_in_noun {
            return Some((first, last));
        }
        if last == first {
            return None;
        }
        last -= 1;
    }
}

/// "12 deaths", "two million Syrian refugees", "thousands of protesters", "25 wounded people".
fn noun_after(words: &[Word], number: &NumberMention, protest: bool) -> Option<Pattern> {
    let mut k = number.last + 1;
    // "thousands of protesters"; "seven of the detainees" picks from a group
    // already counted, so it is no count by itself.
    if word(words, k) == "of" {
        k += 1;
    }
    // Up to two modifiers: "US deaths", "Syrian refugees".
    for modifiers in 0..=2 {
        let w = words.get(k + modifiers)?;
        if w.punct {
            return None;
        }
        // "30 bodies" are dead; "111 appointed bodies" are not.
        if w.is("bodies") && modifiers > 0 {
            return None;
        }
        if let Some(kind) = noun_kind(&w.lower) {
            let noun = k + modifiers;
            // "20 protesters were detained": the verb tells what happened to them.
            if noun_is_object(&w.lower) {
                if let Some(pattern) = verb_after(words, number, protest) {
                    return Some(pattern);
                }
            }
            let object = if noun_is_object(&w.lower) {
                Some((k, noun))
            } else if modifiers == 0 && after_kind(&w.lower).is_some() {
                // "25 wounded people": the adjective, then the people.
                object_at(words, noun + 1).filter(|(a, _)| *a == noun + 1)
            } else {
                None
            };
            let last = object.map_or(noun, |(_, b)| b.max(noun));
            return Some(Pattern {
                kind,
                object,
                implied_qualifier: None,
                first: number.first,
                last,
            });
        }
        // A modifier is no function word, number or person ("eight players plus injuries").
        if w.is_any(FUNCTION_WORDS)
            || w.is_any(&["plus", "minus", "fewer", "less", "versus"])
            || person_noun(&w.lower)
            || number_at(words, k + modifiers).is_some()
        {
            return None;
        }
    }
    None
}

/// "12 people were killed", "at least 20 were killed", "dozens died",
/// "several thousand people rallied", "At least seven, including four children, died".
fn verb_after(words: &[Word], number: &NumberMention, protest: bool) -> Option<Pattern> {
    let mut k = number.last + 1;
    let mut object = object_at(words, k);
    if let Some((_, b)) = object {
        k = b + 1;
    } else if word(words, k) == "of" && word(words, k + 1) == "whom" {
        // "rural farm workers, thousands of whom took to the streets".
        k += 2;
        object = object_before_comma(words, number.first);
    } else if word(words, k) == "of" {
        return None;
    }
    let limit = k + 8;
    let mut implied = None;
    while k < words.len() && k < limit {
        let w = &words[k];
        // "Sixty-six people or more were injured".
        if w.is("or") && word(words, k + 1) == "more" {
            implied = Some("at least");
            k += 2;
            continue;
        }
        // "Three occupants of the helicopter died": a short phrase on the object.
        if w.is("of") && object.is_some() {
            if let Some((_, b)) = object_at(words, k) {
                k = b + 1;
                continue;
            }
        }
        if w.is("hostage") && k > 0 && word(words, k - 1) == "taken" {
            return Some(Pattern {
                kind: "kidnapped",
                object,
                implied_qualifier: implied,
                first: number.first,
                last: k,
            });
        }
        if let Some(kind) = after_kind(&w.lower) {
            // "lost their lives"; other uses of "lost" are not deaths.
            if w.is("lost") && word(words, k + 2) != "lives" {
                return None;
            }
            // "warrants were executed", "companies demonstrated": these verbs
            // count people only when people are named.
            let ambiguous = w.is_any(&["executed", "demonstrated"]);
            if ambiguous && object.is_some_and(|(_, b)| !person_noun(word(words, b))) {
                return None;
            }
            return Some(Pattern {
                kind,
                object,
                implied_qualifier: implied,
                first: number.first,
                last: if w.is("lost") { k + 2 } else { k },
            });
        }
        if protest && protest_turnout(words, k) {
            return Some(Pattern {
                kind: "protesters",
                object,
                implied_qualifier: implied,
                first: number.first,
                last: k,
            });
        }
        if w.is(",") {
            // ", including four children," is skipped; an apposition may end
            // before its verb ("over 1800 people, have died").
            if word(words, k + 1) == "including" {
                let close = (k + 1..words.len().min(k + 10)).find(|&j| word(words, j) == ",")?;
                k = close + 1;
                continue;
            }
            let next = word(words, k + 1);
            if LINKS.contains(&next) && next != "who" || after_kind(next).is_some() {
                k += 1;
                continue;
            }
            return None;
        }
        if !w.is_any(LINKS) {
            return None;
        }
        k += 1;
    }
    None
}

/// Turnout verbs that count protesters when the sentence is about a protest.
fn protest_turnout(words: &[Word], k: usize) -> bool {
    match word(words, k) {
        "gathered" | "joined" | "attended" | "assembled" => true,
        "turned" => word(words, k + 1) == "out",
        "took" | "take" | "taking" => {
            word(words, k + 1) == "part"
                || word(words, k + 1) == "to" && word(words, k + 3) == "streets"
        }
        _ => false,
    }
}

/// Words that may stand between a verb and its number ("killing the nine").
const VERB_GAP: &[&str] = &["the", "another", "reportedly", "of", "an", "some", "all"];

/// "killing 12", "arrested 15 people", "the lives of 30", "drew two million people".
fn verb_before(
    words: &[Word],
    start: usize,
    number: &NumberMention,
    protest: bool,
) -> Option<Pattern> {
    let mut k = start.checked_sub(1)?;
    let mut gap = 0;
    while words[k].is_any(VERB_GAP) && gap < 3 {
        k = k.checked_sub(1)?;
        gap += 1;
    }
    let verb = &words[k];
    // "taking dozens of people hostage".
    if verb.is_any(&["taking", "took", "take", "takes", "held", "holding", "hold"]) {
        let object = object_at(words, number.last + 1);
        let mut end = object.map_or(number.last, |(_, b)| b) + 1;
        if word(words, end) == "there" {
            end += 1;
        }
        return (word(words, end) == "hostage").then_some(Pattern {
            kind: "kidnapped",
            object,
            implied_qualifier: None,
            first: k,
            last: end,
        });
    }
    let kind = before_kind(&verb.lower).or_else(|| {
        let draws = verb.is_any(&["drew", "drawing", "draws", "attracted", "attracting"]);
        (protest && draws).then_some("protesters")
    })?;
    // "the lives of 30" needs its "of"; "killed of" is no pattern.
    if verb.is("lives") != (word(words, k + 1) == "of") {
        return None;
    }
    let object = object_at(words, number.last + 1);
    let mut last = object.map_or(number.last, |(_, b)| b);
    // "left 5 dead", "leaving 20 injured".
    let mut kind = kind;
    if let Some(state) = noun_kind(word(words, last + 1)).filter(|_| object.is_some()) {
        kind = state;
        last += 1;
    }
    Some(Pattern {
        kind,
        object,
        implied_qualifier: None,
        first: k,
        last,
    })
}

/// Verbs after a toll noun: "the number of dead rose to 30".
const TOLL_VERBS: &[&str] = &[
    "rose",
    "risen",
    "rises",
    "increased",
    "climbed",
    "reached",
    "stood",
    "stands",
    "is",
    "was",
    "has",
    "had",
    "now",
    "hit",
    "surpassed",
    "exceeded",
    "topped",
    "passed",
    "to",
    "at",
];

/// "the death toll rose to 30", "confirmed deaths ... surpassed 100,000".
fn toll_before(words: &[Word], start: usize, number: &NumberMention) -> Option<Pattern> {
    let link = start.checked_sub(1)?;
    let implied = match word(words, link) {
        "surpassed" | "exceeded" | "topped" | "passed" => Some("more than"),
        "to" | "at" | "of" | "reached" | "hit" | "is" | "was" | "now" | "stood" | "stands" => None,
        _ => return None,
    };
    let floor = link.saturating_sub(12);
    let mut k = link;
    while k > floor {
        k -= 1;
        let w = &words[k];
        if w.punct && !w.is(",") {
            return None;
        }
        let kind = match w.lower.as_str() {
            "toll" | "tolls" => Some(if word(words, k.wrapping_sub(1)) == "injury" {
                "wounded"
            } else {
                "killed"
            }),
            "deaths" | "fatalities" => Some("killed"),
            "casualties" => Some("other"),
            "injuries" => Some("wounded"),
            "arrests" => Some("arrested"),
            "refugees" => Some("displaced"),
            "turnout" | "protesters" | "demonstrators" => Some("protesters"),
            // Adjectives name a toll only as nouns: "the number of dead".
            "dead" | "injured" | "missing" | "displaced"
                if k > 0
                    && matches!(word(words, k - 1), "the" | "of")
                    && TOLL_VERBS.contains(&word(words, k + 1)) =>
            {
                after_kind(&w.lower)
            }
            _ => None,
        };
        if let Some(kind) = kind {
            return Some(Pattern {
                kind,
                object: None,
                implied_qualifier: implied,
                first: k,
                last: number.last,
            });
        }
        // A number in between owns the noun ("5 deaths, up from 3"), unless
        // it is the earlier figure of the change ("from five people to six").
        if let Some(between) = number_at(words, k) {
            if !is_previous_figure(words, &between) {
                return None;
            }
        }
    }
    None
}

/// "killed five children and two truck drivers", "killed at least 62,
/// including 54 small children": a further number joined to the last count.
fn coordinated(
    words: &[Word],
    start: usize,
    number: &NumberMention,
    found: &[Found],
) -> Option<Pattern> {
    let previous = found.last()?;
    if previous.last >= start || start - previous.last > 10 {
        return None;
    }
    let between = &words[previous.last + 1..start];
    // "250 thousand protesters in New York City, 100 thousand in London":
    // a short list joined by commas counts too.
    let joined = between
        .iter()
        .any(|w| w.is_any(&["and", "including", "among"]))
        || between.len() <= 6 && between.last().is_some_and(|w| w.is(","));
    // "as were seventeen": the verb of the last count, left out.
    let elliptic = between.len() >= 2
        && between[between.len() - 2].is("as")
        && between[between.len() - 1].is_any(&["were", "was", "did"]);
    // An attribution aside (", according to government reports,") is no verb.
    let mut aside = false;
    let clean = between.iter().all(|w| {
        if w.is("according") {
            aside = true;
        } else if w.is(",") {
            aside = false;
        }
        !w.is_any(&[";", ":", "(", ")", "while", "but", "whereas"])
            && after_kind(&w.lower).is_none()
            && before_kind(&w.lower).is_none()
            && (aside || !is_verb(w))
    });
    if !(joined && clean || elliptic) {
        return None;
    }
    // "seventeen from the Armed Forces": the group named after "from".
    let object = object_at(words, number.last + 1).or_else(|| {
        (word(words, number.last + 1) == "from")
            .then(|| named_group(words, number.last + 2))
            .flatten()
    });
    let after = object.map_or(number.last + 1, |(_, b)| b + 1);
    // "and 35 were rescued": a number with its own verb is not joined.
    if words
        .get(after)
        .is_some_and(|w| w.is_any(LINKS) && !w.is_any(&["more", "others", "other", "each"]))
    {
        return None;
    }
    Some(Pattern {
        kind: previous.kind,
        object,
        implied_qualifier: None,
        first: number.first,
        last: object.map_or(number.last, |(_, b)| b),
    })
}

/// A verb by its tag, or without tags by its shape ("infected", "were").
/// A participle tagged as an adjective ("infected") still counts as a verb.
fn is_verb(w: &Word) -> bool {
    w.pos
        .as_deref()
        .is_some_and(|pos| matches!(pos, "VERB" | "AUX"))
        || w.is_any(&["were", "was", "are", "is", "have", "has", "had"])
        || (w.lower.len() > 4 && w.lower.ends_with("ed") && !w.capitalized)
}

/// The object ending right before the comma at `comma + 1` ("farm workers, thousands of whom").
fn object_before_comma(words: &[Word], number_first: usize) -> Option<(usize, usize)> {
    let comma = number_first.checked_sub(1)?;
    if !words[comma].is(",") {
        return None;
    }
    let last = comma.checked_sub(1)?;
    let mut first = last;
    while first > 0 && last - first < 3 && is_plain_word(&words[first - 1]) {
        first -= 1;
    }
    if !is_plain_word(&words[last]) {
        return None;
    }
    object_at(words, first).filter(|&(_, b)| b == last)
}

fn is_plain_word(w: &Word) -> bool {
    !w.punct && !w.is_any(FUNCTION_WORDS)
}

/// "the Armed Forces": a capitalised name after an optional "the".
fn named_group(words: &[Word], k: usize) -> Option<(usize, usize)> {
    let first = if word(words, k) == "the" { k + 1 } else { k };
    let mut last = first;
    while words.get(last).is_some_and(|w| w.capitalized && !w.punct) && last < first + 4 {
        last += 1;
    }
    (last > first).then(|| (first, last - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(text: &str) -> Vec<Count> {
        find_counts(text, &[], &[], &[], &[])
    }

    #[test]
    fn the_example_sentence() {
        let text = "More than 1,730 civilians have been killed since Russia began airstrikes \
                    against opposition forces in Syria in September, according to the Syrian \
                    National Coalition.";
        let found = counts(text);
        assert_eq!(found.len(), 1, "{found:?}");
        let count = &found[0];
        assert_eq!(count.kind, "killed");
        assert_eq!(count.number, 1730);
        assert_eq!(count.qualifier.as_deref(), Some("more than"));
        assert_eq!(count.object.as_deref(), Some("civilians"));
        assert_eq!(count.source.as_deref(), Some("Syrian National Coalition"));
        assert_eq!(count.text, "More than 1,730 civilians have been killed");
    }
}
