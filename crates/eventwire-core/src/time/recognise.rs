//! Recognition: a hand-written matcher over the token stream. At each token
//! it tries the expression families (absolute dates, relative days and
//! units, durations, clock times, sets, Hijri dates) and keeps the longest
//! it finds, then jumps past it, so the scan is one pass with bounded look-ahead.

use super::hijri;
use super::lex::{
    is_full_month_name, is_vague_amount, month_number, number_word, ordinal, part_of_day, season,
    unit_word, weekday_number, Shape, Tok, Unit,
};

/// TIMEX3 type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Date,
    Time,
    Duration,
    Set,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Date => "DATE",
            Kind::Time => "TIME",
            Kind::Duration => "DURATION",
            Kind::Set => "SET",
        }
    }
}

/// "last", "this", "next" or none before a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rel {
    Bare,
    Last,
    This,
    Next,
}

/// What an expression means, before it meets a clock.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Sem {
    /// A calendar date; `year: None` takes the year from the anchor.
    Date {
        year: Option<i32>,
        month: u32,
        day: Option<u32>,
    },
    Year(i32),
    /// First three digits of a decade's years ("199" for the 1990s).
    Decade(i32),
    /// First two digits ("19" for the 20th century).
    Century(i32),
    Quarter {
        year: Option<i32>,
        quarter: u32,
    },
    Half {
        year: Option<i32>,
        half: u32,
    },
    /// The quarter last talked about ("the quarter", "the latest quarter").
    ThatQuarter,
    Season {
        code: &'static str,
        rel: Rel,
        year: Option<i32>,
    },
    /// A month in the year `offset` years from the anchor's ("June last year").
    MonthOfYear {
        month: u32,
        offset: i32,
    },
    /// A month name with "last"/"this"/"next".
    MonthRel {
        month: u32,
        rel: Rel,
    },
    Weekday {
        weekday: u32,
        rel: Rel,
        part: Option<&'static str>,
    },
    /// Days from the anchor: today 0, yesterday -1, tomorrow 1.
    DayOffset {
        days: i32,
        part: Option<&'static str>,
    },
    /// Units from the anchor: "last week" (-1), "this month" (0), "two days ago" (-2).
    UnitOffset {
        unit: Unit,
        amount: i32,
    },
    /// "two days ago": units back from the anchor, at the grain of the
    /// period last talked about when that is a quarter of the anchor's year.
    Ago {
        unit: Unit,
        amount: i32,
    },
    /// Units from the time last talked about: "the previous day", "a year earlier".
    TextOffset {
        unit: Unit,
        amount: i32,
    },
    /// The same period a year before the one last talked about ("year-earlier");
    /// `period` when a noun follows ("the year-ago quarter"): then a quarter.
    YearEarlier {
        period: bool,
    },
    Reference(&'static str),
    /// `amount: None` is a vague amount ("several years").
    Duration {
        amount: Option<u32>,
        unit: Unit,
    },
    Set(SetValue),
    Clock {
        hour: u32,
        minute: u32,
        day: ClockDay,
    },
    /// The fourth Thursday of November.
    Thanksgiving,
    /// A named part of the anchor day with no day word ("this morning" gives DayOffset).
    Hijri {
        year: Option<i32>,
        month: u32,
        day: Option<u32>,
    },
}

/// The day a clock time is on, when the expression names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ClockDay {
    Unsaid,
    Weekday(u32),
    Offset(i32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SetValue {
    Every(Unit, u32),
    EveryWeekday(u32),
}

/// One recognised expression: tokens `first..end`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Hit {
    pub first: usize,
    pub end: usize,
    pub kind: Kind,
    pub sem: Sem,
}

/// Find every expression in the token stream, left to right.
pub(super) fn scan(toks: &[Tok]) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !may_start(&toks[i]) {
            i += 1;
            continue;
        }
        match match_at(toks, i) {
            Some(hit) if hit.end > i => {
                i = hit.end;
                let previous = hit;
                hits.push(hit);
                // "Feb. 3-25": the bare day after a dash is a date too.
                if let Some(second) = range_day_after(toks, &previous) {
                    i = second.end;
                    hits.push(second);
                }
            }
            _ => i += 1,
        }
    }
    hits
}

/// Whether any pattern can begin at this token: most words cannot, and
/// skipping them keeps the scan fast.
fn may_start(t: &Tok) -> bool {
    match t.shape {
        Shape::Digits => true,
        Shape::Punct => t.key() == "'",
        Shape::Word => {
            let k = t.key();
            if k.is_empty() {
                return false;
            }
            if k.as_bytes()[0].is_ascii_digit() {
                return true;
            }
            month_number(k).is_some()
                || weekday_number(k).is_some()
                || number_word(k).is_some()
                || ordinal(k).is_some()
                || unit_word(k).is_some()
                || season(k).is_some()
                || is_vague_amount(k)
                || matches!(
                    k,
                    "the"
                        | "about"
                        | "around"
                        | "nearly"
                        | "almost"
                        | "roughly"
                        | "approximately"
                        | "just"
                        | "more"
                        | "less"
                        | "fewer"
                        | "at"
                        | "up"
                        | "no"
                        | "early"
                        | "late"
                        | "mid"
                        | "earlier"
                        | "later"
                        | "today"
                        | "yesterday"
                        | "tomorrow"
                        | "tonight"
                        | "now"
                        | "currently"
                        | "nowadays"
                        | "recently"
                        | "lately"
                        | "these"
                        | "last"
                        | "this"
                        | "next"
                        | "past"
                        | "previous"
                        | "coming"
                        | "following"
                        | "latest"
                        | "recent"
                        | "current"
                        | "same"
                        | "that"
                        | "final"
                        | "prior"
                        | "fiscal"
                        | "q1"
                        | "q2"
                        | "q3"
                        | "q4"
                        | "noon"
                        | "midday"
                        | "midnight"
                        | "nineteen"
                        | "eighteen"
                        | "christmas"
                        | "new"
                        | "thanksgiving"
                        | "daily"
                        | "nightly"
                        | "weekly"
                        | "monthly"
                        | "annually"
                        | "yearly"
                        | "hourly"
                        | "every"
                        | "each"
                        | "per"
                )
                || (t.capital && hijri::may_start(k))
        }
    }
}

fn key(toks: &[Tok], i: usize) -> &str {
    toks.get(i).map_or("", Tok::key)
}

fn is(toks: &[Tok], i: usize, word: &str) -> bool {
    toks.get(i).is_some_and(|t| t.is(word))
}

/// Whether token `i` is glued to the one before it (no space between).
fn glued(toks: &[Tok], i: usize) -> bool {
    toks.get(i).is_some_and(|t| !t.space_before)
}

fn hit(first: usize, end: usize, kind: Kind, sem: Sem) -> Option<Hit> {
    Some(Hit {
        first,
        end,
        kind,
        sem,
    })
}

/// Words before a duration or "ago" phrase that the gold extents include.
fn approximator(toks: &[Tok], i: usize) -> usize {
    match key(toks, i) {
        "about" | "around" | "nearly" | "almost" | "roughly" | "approximately" | "just" => 1,
        "more" | "less" | "fewer" if is(toks, i + 1, "than") => 2,
        "at" if matches!(key(toks, i + 1), "least" | "most") => 2,
        "up" if is(toks, i + 1, "to") => 2,
        "no" if is(toks, i + 1, "more") && is(toks, i + 2, "than") => 3,
        _ => 0,
    }
}

fn match_at(toks: &[Tok], i: usize) -> Option<Hit> {
    let skip = approximator(toks, i);
    if skip > 0 {
        let inner = with_article(toks, i + skip)?;
        let measured = matches!(
            inner.sem,
            Sem::Duration { .. } | Sem::Ago { .. } | Sem::TextOffset { .. }
        );
        return measured.then_some(Hit { first: i, ..inner });
    }
    with_article(toks, i)
}

/// An expression, with a leading "the" when one stands before it.
fn with_article(toks: &[Tok], i: usize) -> Option<Hit> {
    if is(toks, i, "the") {
        // "the end of 1990", "the beginning of the year": the value is the inner one.
        if matches!(key(toks, i + 1), "end" | "beginning" | "start" | "middle")
            && is(toks, i + 2, "of")
        {
            let inner = with_article(toks, i + 3)?;
            return matches!(inner.kind, Kind::Date).then_some(Hit { first: i, ..inner });
        }
        let inner = core(toks, i + 1, true)?;
        // An explicit date or year used as a modifier ("the Oct. 23 slaying",
        // "the 1987 results", "the third-quarter loss") leaves "the" out, as
        // TimeML does.
        let modifier = match inner.sem {
            Sem::Date { .. } | Sem::Year(_) => true,
            Sem::Quarter { .. } => is(toks, i + 2, "-"),
            _ => false,
        };
        let first = if modifier { i + 1 } else { i };
        return Some(Hit { first, ..inner });
    }
    core(toks, i, false)
}

/// The expression families, tried in turn at token `i`.
fn core(toks: &[Tok], i: usize, the: bool) -> Option<Hit> {
    let t = toks.get(i)?;
    let k = t.key();
    if let Some(found) = modified_date(toks, i) {
        return Some(found);
    }
    if let Some(found) = relative_word(toks, i, the) {
        return Some(found);
    }
    if let Some(found) = quarter(toks, i) {
        return Some(found);
    }
    if let Some(found) = amount_unit(toks, i, the) {
        return Some(found);
    }
    if let Some(found) = clock(toks, i) {
        return Some(found);
    }
    if let Some(found) = calendar_date(toks, i) {
        return Some(found);
    }
    if let Some(found) = hijri::match_at(toks, i) {
        return Some(found);
    }
    if let Some(found) = set(toks, i) {
        return Some(found);
    }
    if the {
        return match k {
            "past" => hit(i, i + 1, Kind::Date, Sem::Reference("PAST_REF")),
            "future" => hit(i, i + 1, Kind::Date, Sem::Reference("FUTURE_REF")),
            "weekend" => hit(
                i,
                i + 1,
                Kind::Date,
                Sem::UnitOffset {
                    unit: Unit::Weekend,
                    amount: 0,
                },
            ),
            "quarter" => hit(i, i + 1, Kind::Date, Sem::ThatQuarter),
            "full" if is(toks, i + 1, "year") => hit(
                i,
                i + 2,
                Kind::Date,
                Sem::UnitOffset {
                    unit: Unit::Year,
                    amount: 0,
                },
            ),
            "fiscal" if is(toks, i + 1, "year") => hit(
                i,
                i + 2,
                Kind::Duration,
                Sem::Duration {
                    amount: Some(1),
                    unit: Unit::Year,
                },
            ),
            "year" if !is(toks, i + 1, "'") => hit(
                i,
                i + 1,
                Kind::Duration,
                Sem::Duration {
                    amount: Some(1),
                    unit: Unit::Year,
                },
            ),
            _ => None,
        };
    }
    None
}

/// "early", "late", "mid" or "mid-" before a date: the value is the inner one.
fn modified_date(toks: &[Tok], i: usize) -> Option<Hit> {
    let k = key(toks, i);
    let skip = match k {
        "early" | "late" | "mid" if glued(toks, i + 1) && is(toks, i + 1, "-") => 2,
        "early" | "late" | "mid" | "earlier" | "later" => 1,
        _ => return None,
    };
    let inner = core(toks, i + skip, false)?;
    let fits = match inner.sem {
        Sem::Date { day: None, .. }
        | Sem::Year(_)
        | Sem::Decade(_)
        | Sem::Century(_)
        | Sem::Season { .. }
        | Sem::MonthRel { .. }
        | Sem::Quarter { .. } => matches!(k, "early" | "late" | "mid"),
        Sem::UnitOffset { amount: 0..=1, .. } | Sem::UnitOffset { amount: -1, .. } => true,
        Sem::DayOffset { .. } | Sem::Weekday { .. } => true,
        _ => false,
    };
    fits.then_some(Hit { first: i, ..inner })
}

/// Words that name a day, a reference or a unit relative to the anchor.
fn relative_word(toks: &[Tok], i: usize, the: bool) -> Option<Hit> {
    let k = key(toks, i);
    let part_after = |j: usize| part_of_day(key(toks, j));
    match k {
        "today" | "yesterday" | "tomorrow" => {
            let days = match k {
                "today" => 0,
                "yesterday" => -1,
                _ => 1,
            };
            if let Some(part) = part_after(i + 1) {
                return hit(
                    i,
                    i + 2,
                    Kind::Time,
                    Sem::DayOffset {
                        days,
                        part: Some(part),
                    },
                );
            }
            hit(i, i + 1, Kind::Date, Sem::DayOffset { days, part: None })
        }
        "tonight" => hit(
            i,
            i + 1,
            Kind::Time,
            Sem::DayOffset {
                days: 0,
                part: Some("NI"),
            },
        ),
        "now" | "currently" | "nowadays" if !the => {
            hit(i, i + 1, Kind::Date, Sem::Reference("PRESENT_REF"))
        }
        "recently" | "lately" if !the => hit(i, i + 1, Kind::Date, Sem::Reference("PAST_REF")),
        "these" if is(toks, i + 1, "days") => {
            hit(i, i + 2, Kind::Date, Sem::Reference("PRESENT_REF"))
        }
        "year"
            if glued(toks, i + 1)
                && is(toks, i + 1, "-")
                && matches!(key(toks, i + 2), "earlier" | "ago") =>
        {
            let end = if matches!(key(toks, i + 3), "quarter" | "period") {
                i + 4
            } else {
                i + 3
            };
            let period = end > i + 3;
            hit(i, end, Kind::Date, Sem::YearEarlier { period })
        }
        "last" | "this" | "next" | "past" | "previous" | "coming" | "following" | "latest"
        | "recent" | "current" | "same" | "that" | "first" | "final" | "prior" => {
            relative_phrase(toks, i, k, the)
        }
        _ => weekday_phrase(toks, i, Rel::Bare),
    }
}

/// "last week", "the past two months", "next Friday", "this morning"...
fn relative_phrase(toks: &[Tok], i: usize, word: &str, the: bool) -> Option<Hit> {
    let rel = match word {
        "last" | "past" | "previous" | "prior" => Rel::Last,
        "this" | "current" | "same" | "that" => Rel::This,
        _ => Rel::Next,
    };
    let next = key(toks, i + 1);
    if word == "latest" && next == "period" {
        return hit(i, i + 2, Kind::Date, Sem::ThatQuarter);
    }
    // "the current fiscal year", "the full year"
    if matches!(word, "current" | "this" | "latest") && next == "fiscal" && is(toks, i + 2, "year")
    {
        return hit(
            i,
            i + 3,
            Kind::Date,
            Sem::UnitOffset {
                unit: Unit::Year,
                amount: 0,
            },
        );
    }
    // "this year's third quarter"
    if word == "this" && next == "year" && is(toks, i + 2, "'") && is(toks, i + 3, "s") {
        if let Some(q) = quarter(toks, i + 4) {
            return Some(Hit { first: i, ..q });
        }
    }
    // A counted or vague amount: a duration ("the last five years").
    if let Some((end, amount, unit, _)) = amount_and_unit(toks, i + 1) {
        // "the past several quarters", "the last few months": a vague past.
        if amount.is_none() && matches!(word, "past" | "last" | "recent") {
            return hit(i, end, Kind::Date, Sem::Reference("PAST_REF"));
        }
        if !matches!(word, "this" | "that" | "same" | "current") {
            return hit(i, end, Kind::Duration, Sem::Duration { amount, unit });
        }
    }
    if let Some((unit, plural)) = unit_word(next) {
        if plural {
            // "recent years", "past years" and "coming months" point at a
            // vague past or future, as TimeBank marks them.
            match word {
                "recent" | "past" => return hit(i, i + 2, Kind::Date, Sem::Reference("PAST_REF")),
                "coming" => return hit(i, i + 2, Kind::Date, Sem::Reference("FUTURE_REF")),
                _ => {}
            }
            if matches!(word, "last" | "next" | "previous") {
                return hit(
                    i,
                    i + 2,
                    Kind::Duration,
                    Sem::Duration { amount: None, unit },
                );
            }
            return None;
        }
        let duration = Sem::Duration {
            amount: Some(1),
            unit,
        };
        let (kind, sem) = match word {
            "this" | "current" => (Kind::Date, Sem::UnitOffset { unit, amount: 0 }),
            "same" | "that" => (Kind::Date, Sem::TextOffset { unit, amount: 0 }),
            "previous" | "prior" => (Kind::Date, Sem::TextOffset { unit, amount: -1 }),
            "following" => (Kind::Date, Sem::TextOffset { unit, amount: 1 }),
            "next" if the && unit == Unit::Day => (Kind::Date, Sem::TextOffset { unit, amount: 1 }),
            "latest" if unit == Unit::Quarter => (Kind::Date, Sem::ThatQuarter),
            "latest" if unit == Unit::Year => (Kind::Date, Sem::UnitOffset { unit, amount: 0 }),
            "past" | "coming" => (Kind::Duration, duration),
            "last" | "next" if the => (Kind::Duration, duration),
            "last" => (Kind::Date, Sem::UnitOffset { unit, amount: -1 }),
            "next" => (Kind::Date, Sem::UnitOffset { unit, amount: 1 }),
            _ => return None,
        };
        return hit(i, i + 2, kind, sem);
    }
    if matches!(word, "last" | "this" | "next") {
        if let Some(part) = part_of_day(next) {
            let days = match (word, part) {
                ("last", _) => -1,
                ("next", _) => 1,
                _ => 0,
            };
            return hit(
                i,
                i + 2,
                Kind::Time,
                Sem::DayOffset {
                    days,
                    part: Some(part),
                },
            );
        }
        if let Some(code) = season(next) {
            return hit(
                i,
                i + 2,
                Kind::Date,
                Sem::Season {
                    code,
                    rel,
                    year: None,
                },
            );
        }
        if let Some(month) = month_number(next).filter(|_| is_full_month_name(next)) {
            return hit(i, i + 2, Kind::Date, Sem::MonthRel { month, rel });
        }
        return weekday_phrase(toks, i + 1, rel).map(|h| Hit { first: i, ..h });
    }
    None
}

/// A weekday name, maybe with a part of day or a date after it.
fn weekday_phrase(toks: &[Tok], i: usize, rel: Rel) -> Option<Hit> {
    let t = toks.get(i)?;
    let weekday = weekday_number(t.key())?;
    // Abbreviations ("Sun", "Wed") are too often other words.
    if t.key().len() < 6 {
        return None;
    }
    // "Thursday, Feb. 4" and "Thursday, 4 February 2016": the date decides.
    let after_comma = if is(toks, i + 1, ",") { i + 2 } else { i + 1 };
    if let Some(date) = calendar_date(toks, after_comma) {
        if matches!(date.sem, Sem::Date { day: Some(_), .. }) {
            return Some(Hit { first: i, ..date });
        }
    }
    if is(toks, i + 1, "at") {
        if let Some(Hit {
            end,
            sem: Sem::Clock { hour, minute, .. },
            ..
        }) = bare_clock(toks, i + 2)
        {
            let day = ClockDay::Weekday(weekday);
            return hit(i, end, Kind::Time, Sem::Clock { hour, minute, day });
        }
    }
    if let Some(part) = part_of_day(key(toks, i + 1)) {
        return hit(
            i,
            i + 2,
            Kind::Time,
            Sem::Weekday {
                weekday,
                rel,
                part: Some(part),
            },
        );
    }
    hit(
        i,
        i + 1,
        Kind::Date,
        Sem::Weekday {
            weekday,
            rel,
            part: None,
        },
    )
}

/// An amount then a unit: "two days", "40 years", "twenty-four hours",
/// "a few weeks", "several months". Returns (end, amount, unit, plural).
fn amount_and_unit(toks: &[Tok], i: usize) -> Option<(usize, Option<u32>, Unit, bool)> {
    let t = toks.get(i)?;
    let k = t.key();
    let (mut j, amount) = if let Some(n) = t.number() {
        if t.digit_count() > 4 {
            return None;
        }
        (i + 1, Some(n))
    } else if (k == "a" || k == "an") && matches!(key(toks, i + 1), "few" | "couple") {
        let j = if is(toks, i + 2, "of") { i + 3 } else { i + 2 };
        let amount = (key(toks, i + 1) == "couple").then_some(2);
        (j, amount)
    } else if is_vague_amount(k) {
        (i + 1, None)
    } else if let Some(n) = number_word(k) {
        let mut j = i + 1;
        let mut n = n;
        // "twenty-four", "twenty four"
        if n >= 20 && n % 10 == 0 {
            let ones_at = if is(toks, j, "-") && glued(toks, j) {
                j + 1
            } else {
                j
            };
            if let Some(ones) = number_word(key(toks, ones_at)).filter(|&d| d < 10 && d > 0) {
                if key(toks, ones_at).len() > 2 {
                    n += ones;
                    j = ones_at + 1;
                }
            }
        }
        if k == "hundred" || k == "dozen" || k == "couple" {
            return None;
        }
        if is(toks, j, "hundred") {
            n *= 100;
            j += 1;
        }
        (j, Some(n))
    } else {
        return None;
    };
    // "two more weeks", "18 additional months"; "two-year" (glued hyphen).
    if matches!(
        key(toks, j),
        "more" | "additional" | "straight" | "consecutive" | "trading"
    ) {
        j += 1;
    }
    let hyphen = is(toks, j, "-") && glued(toks, j) && glued(toks, j + 1);
    if hyphen {
        j += 1;
    }
    let (unit, plural) = unit_word(key(toks, j))?;
    // "the 1988 second quarter": a year, not 1988 seconds.
    if t.digit_count() == 4 && !plural {
        return None;
    }
    // "three-quarters" is a fraction.
    if unit == Unit::Quarter && hyphen {
        return None;
    }
    // "a second" is an ordinal, "a quarter" a fraction.
    if matches!(k, "a" | "an") && matches!(unit, Unit::Second | Unit::Quarter) {
        return None;
    }
    let mut end = j + 1;
    // Ages ("a 6-year-old", "52 years old") are not times; in "a
    // year-earlier quarter" the time is "year-earlier".
    let after_dash = if is(toks, end, "-") { end + 1 } else { end };
    if matches!(key(toks, after_dash), "old" | "earlier" | "ago") && after_dash > end
        || is(toks, end, "old")
    {
        return None;
    }
    if hyphen && is(toks, end, "-") && glued(toks, end) && is(toks, end + 1, "long") {
        end += 2;
    }
    Some((end, amount, unit, plural))
}

/// A duration, or with "ago", "earlier", "later" a date.
fn amount_unit(toks: &[Tok], i: usize, the: bool) -> Option<Hit> {
    let (end, amount, unit, plural) = match amount_and_unit(toks, i) {
        Some(found) => found,
        None => {
            // Bare plurals: "for years", "weeks".
            let (unit, plural) = unit_word(key(toks, i))?;
            if !plural || the || unit == Unit::Second || unit == Unit::Quarter {
                return None;
            }
            if is(toks, i + 1, "ago") {
                return hit(i, i + 2, Kind::Date, Sem::Reference("PAST_REF"));
            }
            return hit(
                i,
                i + 1,
                Kind::Duration,
                Sem::Duration { amount: None, unit },
            );
        }
    };
    let _ = plural;
    let signed = |sign: i32| amount.map(|n| sign * n.min(100_000) as i32);
    match key(toks, end) {
        // "a year earlier" is a date; "three days later" (or after, before)
        // is the duration "three days", as TimeML marks it.
        "ago" | "earlier" => {
            let ago = is(toks, end, "ago");
            let sem = match signed(-1) {
                Some(n) if ago => Sem::Ago { unit, amount: n },
                Some(n) => Sem::TextOffset { unit, amount: n },
                None => Sem::Reference("PAST_REF"),
            };
            hit(i, end + 1, Kind::Date, sem)
        }
        "from" if is(toks, end + 1, "now") => {
            let sem = match signed(1) {
                Some(n) => Sem::UnitOffset { unit, amount: n },
                None => Sem::Reference("FUTURE_REF"),
            };
            hit(i, end + 2, Kind::Date, sem)
        }
        _ => hit(i, end, Kind::Duration, Sem::Duration { amount, unit }),
    }
}

/// A four-digit year in the range news writes about.
fn year_at(toks: &[Tok], i: usize) -> Option<i32> {
    let t = toks.get(i)?;
    if t.digit_count() != 4 {
        return None;
    }
    let year = i32::try_from(t.number()?).ok()?;
    if (1900..=2099).contains(&year) {
        return Some(year);
    }
    // Older years only after a word that introduces a date ("in 1848").
    let before = i.checked_sub(1).map_or("", |b| toks[b].key());
    let introduced = matches!(
        before,
        "in" | "since"
            | "of"
            | "by"
            | "from"
            | "until"
            | "to"
            | "before"
            | "after"
            | "during"
            | "between"
            | "and"
    );
    ((1000..1900).contains(&year) && introduced).then_some(year)
}

/// A day of the month, digits or an ordinal.
fn day_at(toks: &[Tok], i: usize) -> Option<u32> {
    let t = toks.get(i)?;
    if t.shape == Shape::Digits {
        return t
            .number()
            .filter(|d| (1..=31).contains(d) && t.digit_count() <= 2);
    }
    ordinal(t.key()).filter(|d| t.key().starts_with(|c: char| c.is_ascii_digit()) && *d <= 31)
}

/// A month name (with its abbreviation period): (month, end).
fn month_at(toks: &[Tok], i: usize) -> Option<(u32, usize)> {
    let t = toks.get(i)?;
    let month = month_number(t.key())?;
    if !t.capital {
        return None;
    }
    if is(toks, i + 1, ".") && glued(toks, i + 1) && !is_full_month_name(t.key()) {
        return Some((month, i + 2));
    }
    Some((month, i + 1))
}

/// A year after a date: ", 2016" or " 2016".
fn year_after(toks: &[Tok], j: usize) -> Option<(i32, usize)> {
    if let Some(Hit {
        end,
        sem: Sem::Year(year),
        ..
    }) = spoken_year(toks, j)
    {
        return Some((year, end));
    }
    if is(toks, j, ",") {
        year_at(toks, j + 1).map(|y| (y, j + 2))
    } else {
        year_at(toks, j).map(|y| (y, j + 1))
    }
}

/// Absolute dates: "Feb. 3", "7 February 2016", "February 2016", "2016-02-07",
/// "2/7/2016", "1990", "fiscal 1989", "the 1990s", "'90s", and month names.
fn calendar_date(toks: &[Tok], i: usize) -> Option<Hit> {
    let t = toks.get(i)?;
    let k = t.key();
    if let Some((month, j)) = month_at(toks, i) {
        if let Some(day) = day_at(toks, j) {
            // "Feb. 3" but not "May 15 percent".
            if let Some((year, end)) = year_after(toks, j + 1) {
                return hit(
                    i,
                    end,
                    Kind::Date,
                    Sem::Date {
                        year: Some(year),
                        month,
                        day: Some(day),
                    },
                );
            }
            if matches!(key(toks, j + 1), "%" | "percent" | "per") {
                return None;
            }
            return hit(
                i,
                j + 1,
                Kind::Date,
                Sem::Date {
                    year: None,
                    month,
                    day: Some(day),
                },
            );
        }
        if let Some((year, end)) = year_after(toks, j) {
            return hit(
                i,
                end,
                Kind::Date,
                Sem::Date {
                    year: Some(year),
                    month,
                    day: None,
                },
            );
        }
        // "June last year", "March this year"
        let offset = match key(toks, j) {
            "last" => Some(-1),
            "this" => Some(0),
            "next" => Some(1),
            _ => None,
        };
        if let Some(offset) = offset.filter(|_| is(toks, j + 1, "year")) {
            return hit(i, j + 2, Kind::Date, Sem::MonthOfYear { month, offset });
        }
        // A month alone must be a full name; "May" and "March" also need a
        // preposition before them to not be a verb.
        if !is_full_month_name(k) || j != i + 1 {
            return None;
        }
        if matches!(k, "may" | "march") {
            let before = if i > 0 { toks[i - 1].key() } else { "" };
            if !matches!(
                before,
                "in" | "since"
                    | "until"
                    | "by"
                    | "during"
                    | "of"
                    | "from"
                    | "through"
                    | "to"
                    | "early"
                    | "late"
                    | "mid"
                    | "-"
            ) {
                return None;
            }
        }
        return hit(
            i,
            j,
            Kind::Date,
            Sem::Date {
                year: None,
                month,
                day: None,
            },
        );
    }
    // "7 February 2016", "3rd of February"
    if let Some(day) = day_at(toks, i) {
        let j = if is(toks, i + 1, "of") { i + 2 } else { i + 1 };
        if let Some((month, after_month)) = month_at(toks, j) {
            let (year, end) = match year_after(toks, after_month) {
                Some((y, end)) if !is(toks, after_month, ",") => (Some(y), end),
                _ => (None, after_month),
            };
            return hit(
                i,
                end,
                Kind::Date,
                Sem::Date {
                    year,
                    month,
                    day: Some(day),
                },
            );
        }
    }
    // ISO 2016-02-07, 2016-02; US 2/7/2016.
    if let Some(year) = year_at(toks, i) {
        if glued(toks, i + 1)
            && is(toks, i + 1, "-")
            && toks
                .get(i + 2)
                .is_some_and(|t| t.digit_count() == 2 && !t.space_before)
        {
            let month = toks[i + 2].number().filter(|m| (1..=12).contains(m));
            if let Some(month) = month {
                let day = (is(toks, i + 3, "-") && glued(toks, i + 3) && glued(toks, i + 4))
                    .then(|| toks.get(i + 4))
                    .flatten()
                    .filter(|t| t.digit_count() == 2)
                    .and_then(Tok::number)
                    .filter(|d| (1..=31).contains(d));
                let end = if day.is_some() { i + 5 } else { i + 3 };
                return hit(
                    i,
                    end,
                    Kind::Date,
                    Sem::Date {
                        year: Some(year),
                        month,
                        day,
                    },
                );
            }
        }
        // Not a year: "$1990", "1990 people" is left to chance, "1990%" is not.
        let before = if i > 0 { toks[i - 1].key() } else { "" };
        if matches!(before, "$" | "#" | "." | ",")
            || matches!(key(toks, i + 1), "%" | "percent" | ",")
                && toks.get(i + 2).is_some_and(|t| t.digit_count() == 3)
        {
            return None;
        }
        if matches!(key(toks, i + 1), "%" | "percent") {
            return None;
        }
        if let Some(Hit {
            end,
            sem: Sem::Quarter {
                year: None,
                quarter,
            },
            ..
        }) = quarter(toks, i + 1)
        {
            let year = Some(year);
            return hit(i, end, Kind::Date, Sem::Quarter { year, quarter });
        }
        return hit(i, i + 1, Kind::Date, Sem::Year(year));
    }
    if let Some(found) = spoken_year(toks, i).or_else(|| holiday(toks, i)) {
        return Some(found);
    }
    if k == "fiscal" {
        if let Some(year) = year_at(toks, i + 1) {
            return hit(i, i + 2, Kind::Date, Sem::Year(year));
        }
    }
    if t.shape == Shape::Digits && (1..=2).contains(&t.digit_count()) {
        // 2/7/2016
        if is(toks, i + 1, "/") && is(toks, i + 3, "/") {
            let month = t.number().filter(|m| (1..=12).contains(m));
            let day = toks
                .get(i + 2)
                .and_then(Tok::number)
                .filter(|d| (1..=31).contains(d));
            if let (Some(month), Some(day), Some(year)) = (month, day, year_at(toks, i + 4)) {
                return hit(
                    i,
                    i + 5,
                    Kind::Date,
                    Sem::Date {
                        year: Some(year),
                        month,
                        day: Some(day),
                    },
                );
            }
        }
    }
    // Decades: "1990s", "'90s", "the 90s".
    if t.shape == Shape::Word && k.len() == 5 && k.ends_with('s') {
        if let Ok(year) = k[..4].parse::<i32>() {
            if (1000..=2190).contains(&year) && year % 10 == 0 {
                return hit(i, i + 1, Kind::Date, Sem::Decade(year / 10));
            }
        }
    }
    if k == "'"
        && toks
            .get(i + 1)
            .is_some_and(|t| t.key().len() == 3 && t.key().ends_with('s'))
    {
        if let Ok(short) = key(toks, i + 1)[..2].parse::<i32>() {
            if short % 10 == 0 && glued(toks, i + 1) {
                return hit(i, i + 2, Kind::Date, Sem::Decade(190 + short / 10));
            }
        }
    }
    // "the 20th century"
    if let Some(n) = ordinal(k) {
        if is(toks, i + 1, "century") && (1..=30).contains(&n) {
            return hit(i, i + 2, Kind::Date, Sem::Century(n as i32 - 1));
        }
    }
    // Seasons with a year: "summer 2015".
    if let Some(code) = season(k) {
        if let Some(year) = year_at(toks, i + 1) {
            return hit(
                i,
                i + 2,
                Kind::Date,
                Sem::Season {
                    code,
                    rel: Rel::Bare,
                    year: Some(year),
                },
            );
        }
    }
    None
}

/// Years read out in broadcast transcripts: "nineteen ninety-six".
fn spoken_year(toks: &[Tok], i: usize) -> Option<Hit> {
    let century = match key(toks, i) {
        "nineteen" => 1900,
        "eighteen" => 1800,
        _ => return None,
    };
    let tens = number_word(key(toks, i + 1)).filter(|n| (20..=90).contains(n) && n % 10 == 0)?;
    let mut end = i + 2;
    let mut ones = 0;
    let ones_at = if is(toks, end, "-") { end + 1 } else { end };
    if let Some(n) = number_word(key(toks, ones_at)).filter(|n| (1..=9).contains(n)) {
        if key(toks, ones_at).len() > 2 {
            ones = n;
            end = ones_at + 1;
        }
    }
    let year = century + tens as i32 + ones as i32;
    hit(i, end, Kind::Date, Sem::Year(year))
}

/// Fixed-date and computed holidays: "Christmas", "New Year's Day", "Thanksgiving".
fn holiday(toks: &[Tok], i: usize) -> Option<Hit> {
    let t = toks.get(i)?;
    if !t.capital {
        return None;
    }
    let with_day = |end: usize| if is(toks, end, "day") { end + 1 } else { end };
    let date = |month, day, end| {
        hit(
            i,
            end,
            Kind::Date,
            Sem::Date {
                year: None,
                month,
                day: Some(day),
            },
        )
    };
    match t.key() {
        "christmas" if is(toks, i + 1, "eve") => date(12, 24, i + 2),
        "christmas" => date(12, 25, with_day(i + 1)),
        "new" if is(toks, i + 1, "year") && is(toks, i + 2, "'") && is(toks, i + 3, "s") => {
            match key(toks, i + 4) {
                "day" => date(1, 1, i + 5),
                "eve" => date(12, 31, i + 5),
                _ => None,
            }
        }
        "thanksgiving" => hit(i, with_day(i + 1), Kind::Date, Sem::Thanksgiving),
        _ => None,
    }
}

/// Quarters and halves: "third quarter", "third-quarter", "Q3 2015",
/// "the fiscal first quarter", "first half of 1990", "the quarter".
fn quarter(toks: &[Tok], i: usize) -> Option<Hit> {
    let mut j = i;
    if is(toks, j, "fiscal") {
        j += 1;
    }
    let k = key(toks, j);
    let (quarter, half, after) = if let Some(n) = ordinal(k).filter(|n| (1..=4).contains(n)) {
        let u = if is(toks, j + 1, "-") && glued(toks, j + 1) {
            j + 2
        } else {
            j + 1
        };
        match key(toks, u) {
            "quarter" => (n, false, u + 1),
            "half" if n <= 2 => (n, true, u + 1),
            _ => return None,
        }
    } else if k.len() == 2 && k.starts_with('q') {
        match k.as_bytes()[1] {
            q @ b'1'..=b'4' => (u32::from(q - b'0'), false, j + 1),
            _ => return None,
        }
    } else {
        return None;
    };
    let (year, end) = if is(toks, after, "of") {
        match year_at(toks, after + 1) {
            Some(y) => (Some(y), after + 2),
            None => (None, after),
        }
    } else {
        match year_at(toks, after) {
            Some(y) => (Some(y), after + 1),
            None => (None, after),
        }
    };
    let sem = if half {
        Sem::Half {
            year,
            half: quarter,
        }
    } else {
        Sem::Quarter { year, quarter }
    };
    hit(i, end, Kind::Date, sem)
}

/// Clock times: "4:00 A.M. local time", "4 p.m.", "noon", "midnight".
fn clock(toks: &[Tok], i: usize) -> Option<Hit> {
    let found = bare_clock(toks, i)?;
    let Sem::Clock { hour, minute, .. } = found.sem else {
        return Some(found);
    };
    // "9 a.m. EST Tuesday", "4 p.m. today"
    let j = if is(toks, found.end, "on") {
        found.end + 1
    } else {
        found.end
    };
    let (day, end) = match day_word(toks, j) {
        Some(day) => (day, j + 1),
        None => (ClockDay::Unsaid, found.end),
    };
    hit(i, end, Kind::Time, Sem::Clock { hour, minute, day })
}

/// A day named by one word: a weekday, today, tomorrow, yesterday.
fn day_word(toks: &[Tok], j: usize) -> Option<ClockDay> {
    let t = toks.get(j)?;
    match t.key() {
        "today" => Some(ClockDay::Offset(0)),
        "tomorrow" => Some(ClockDay::Offset(1)),
        "yesterday" => Some(ClockDay::Offset(-1)),
        k if t.capital && k.len() > 5 => weekday_number(k).map(ClockDay::Weekday),
        _ => None,
    }
}

fn bare_clock(toks: &[Tok], i: usize) -> Option<Hit> {
    let t = toks.get(i)?;
    match t.key() {
        "noon" | "midday" => {
            return hit(
                i,
                i + 1,
                Kind::Time,
                Sem::Clock {
                    hour: 12,
                    minute: 0,
                    day: ClockDay::Unsaid,
                },
            )
        }
        "midnight" => {
            return hit(
                i,
                i + 1,
                Kind::Time,
                Sem::Clock {
                    hour: 24,
                    minute: 0,
                    day: ClockDay::Unsaid,
                },
            )
        }
        _ => {}
    }
    // "4pm" is one word.
    if t.shape == Shape::Word {
        let k = t.key();
        let digits = k.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &k[digits.len()..];
        if matches!(suffix, "am" | "pm") && (1..=2).contains(&digits.len()) {
            let hour: u32 = digits.parse().ok()?;
            let hour = meridiem_hour(hour, suffix == "pm")?;
            let end = time_zone(toks, i + 1);
            return hit(
                i,
                end,
                Kind::Time,
                Sem::Clock {
                    hour,
                    minute: 0,
                    day: ClockDay::Unsaid,
                },
            );
        }
        return None;
    }
    if t.shape != Shape::Digits || t.digit_count() > 2 {
        return None;
    }
    let hour = t.number()?;
    let (minute, j) = if is(toks, i + 1, ":")
        && glued(toks, i + 1)
        && toks
            .get(i + 2)
            .is_some_and(|m| m.digit_count() == 2 && !m.space_before)
    {
        (toks[i + 2].number()?, i + 3)
    } else {
        (0, i + 1)
    };
    let (pm, end) = match meridiem(toks, j) {
        Some(found) => found,
        None if j > i + 1 && hour <= 24 && minute < 60 => {
            // "14:30" with no a.m./p.m.; "4:00 local time".
            let end = time_zone(toks, j);
            if end == j && !is(toks, j, "gmt") {
                // A bare "3:2" in a score is not a time; require two digits
                // of minutes (checked above) and an hour.
            }
            return hit(
                i,
                end,
                Kind::Time,
                Sem::Clock {
                    hour,
                    minute,
                    day: ClockDay::Unsaid,
                },
            );
        }
        None => return None,
    };
    if minute >= 60 {
        return None;
    }
    let hour = meridiem_hour(hour, pm)?;
    let end = time_zone(toks, end);
    hit(
        i,
        end,
        Kind::Time,
        Sem::Clock {
            hour,
            minute,
            day: ClockDay::Unsaid,
        },
    )
}

fn meridiem_hour(hour: u32, pm: bool) -> Option<u32> {
    match (hour, pm) {
        (1..=11, false) => Some(hour),
        (12, false) => Some(0),
        (1..=11, true) => Some(hour + 12),
        (12, true) => Some(12),
        _ => None,
    }
}

/// "a.m.", "am", "p.m.", "pm": (is pm, end).
fn meridiem(toks: &[Tok], j: usize) -> Option<(bool, usize)> {
    match key(toks, j) {
        "am" => Some((false, j + 1)),
        "pm" => Some((true, j + 1)),
        "a" | "p" if is(toks, j + 1, ".") && is(toks, j + 2, "m") && glued(toks, j + 1) => {
            let pm = is(toks, j, "p");
            let end = if is(toks, j + 3, ".") && glued(toks, j + 3) {
                j + 4
            } else {
                j + 3
            };
            Some((pm, end))
        }
        _ => None,
    }
}

/// Skip a time zone after a clock time: "local time", "GMT", "EST".
fn time_zone(toks: &[Tok], j: usize) -> usize {
    match key(toks, j) {
        "local" if is(toks, j + 1, "time") => j + 2,
        "gmt" | "utc" | "est" | "edt" | "pst" | "pdt" | "cst" | "cdt" | "bst" | "cet" | "et" => {
            j + 1
        }
        _ => j,
    }
}

/// Sets: "daily", "every week", "each Monday", "annually".
fn set(toks: &[Tok], i: usize) -> Option<Hit> {
    let k = key(toks, i);
    let every = |unit| hit(i, i + 1, Kind::Set, Sem::Set(SetValue::Every(unit, 1)));
    match k {
        "daily" | "nightly" => every(Unit::Day),
        "weekly" => every(Unit::Week),
        "monthly" => every(Unit::Month),
        "annually" | "yearly" => every(Unit::Year),
        "hourly" => every(Unit::Hour),
        "every" | "each" | "per" => {
            if let Some((end, Some(n), unit, _)) = amount_and_unit(toks, i + 1) {
                return hit(i, end, Kind::Set, Sem::Set(SetValue::Every(unit, n)));
            }
            if let Some((unit, false)) = unit_word(key(toks, i + 1)) {
                return hit(i, i + 2, Kind::Set, Sem::Set(SetValue::Every(unit, 1)));
            }
            let weekday =
                weekday_number(key(toks, i + 1)).filter(|_| key(toks, i + 1).len() > 5)?;
            hit(
                i,
                i + 2,
                Kind::Set,
                Sem::Set(SetValue::EveryWeekday(weekday)),
            )
        }
        _ => None,
    }
}

/// The second day of "Feb. 3-25" or "Feb. 3 to 25" (same month).
fn range_day_after(toks: &[Tok], previous: &Hit) -> Option<Hit> {
    let Sem::Date {
        year,
        month,
        day: Some(_),
    } = previous.sem
    else {
        return None;
    };
    let j = previous.end;
    let k = key(toks, j);
    if !(k == "-" || k == "to" || k == "until" || k == "through") {
        return None;
    }
    let day = day_at(toks, j + 1)?;
    if month_at(toks, j + 2).is_some() || matches!(key(toks, j + 2), "%" | "percent" | ":") {
        return None;
    }
    let (year, end) = match year_after(toks, j + 2) {
        Some((y, end)) => (Some(y), end),
        None => (year, j + 2),
    };
    hit(
        j + 1,
        end,
        Kind::Date,
        Sem::Date {
            year,
            month,
            day: Some(day),
        },
    )
}
