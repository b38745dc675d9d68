//! Normalisation: the meaning of a recognised expression plus a clock gives a
//! TIMEX3 value ("2016-02-04", "2016-W06", "2015-Q3", "P5Y", "PAST_REF").

use std::fmt::Write;

use super::lex::Unit;
use super::recognise::{ClockDay, Rel, Sem, SetValue};
use crate::calendar::{
    civil_from_days, days_from_civil, gregorian_month_length, gregorian_to_hijri,
    hijri_to_gregorian, is_valid_gregorian,
};

/// Which way the sentence around an expression looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tense {
    Past,
    Future,
    /// No cue: dates go to the nearest year, weekdays back.
    Unknown,
}

/// Where a value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Source {
    /// The clock passed in (dateline or published date) or the reporting day.
    Clock,
    /// The text itself: an explicit date, or a time mentioned before.
    Text,
    /// Nothing: no clock was needed or none was there.
    Nothing,
}

/// A day as a day number (days since 1970-01-01).
pub(super) type Day = i64;

/// What the text has talked about so far.
#[derive(Debug, Default)]
pub(super) struct Context {
    pub last_day: Option<Day>,
    pub last_quarter: Option<(i32, u32)>,
    /// The last DATE value with a year ("1989-Q3", "1988-10-27").
    pub last_value: Option<String>,
    /// The sentence being resolved, and the one `last_day` came from: a
    /// clock time takes its day only from its own sentence.
    pub sentence: u32,
    pub last_day_sentence: u32,
}

impl Context {
    /// Remember a resolved DATE value for later text-anchored expressions.
    pub fn note(&mut self, value: &str) {
        let Some(year) = year_of(value) else {
            return;
        };
        if let Some(day) = parse_day(value) {
            self.last_day = Some(day);
            self.last_day_sentence = self.sentence;
        }
        if let Some(q) = value.get(5..7).filter(|q| q.starts_with('Q')) {
            if let Some(q) = q[1..].parse().ok().filter(|q| (1..=4).contains(q)) {
                self.last_quarter = Some((year, q));
            }
        }
        self.last_value = Some(value.to_owned());
    }
}

/// The four-digit year a value starts with.
fn year_of(value: &str) -> Option<i32> {
    let digits = value.get(..4)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if value.len() > 4 && value.as_bytes()[4] != b'-' {
        return None;
    }
    digits.parse().ok()
}

/// Parse "YYYY-MM-DD" (longer is fine) or "YYYYMMDD" into a day number.
pub(super) fn parse_day(value: &str) -> Option<Day> {
    let b = value.as_bytes();
    let (y, m, d) = if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
        (value.get(..4)?, value.get(5..7)?, value.get(8..10)?)
    } else if b.len() >= 8 && b[..8].iter().all(u8::is_ascii_digit) {
        (value.get(..4)?, value.get(4..6)?, value.get(6..8)?)
    } else {
        return None;
    };
    let all_digits = |s: &str| s.bytes().all(|c| c.is_ascii_digit());
    if !(all_digits(y) && all_digits(m) && all_digits(d)) {
        return None;
    }
    let (y, m, d) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    is_valid_gregorian(y, m, d).then(|| days_from_civil(y, m, d))
}

/// ISO weekday, Monday 1 .. Sunday 7.
pub(super) fn weekday_of(day: Day) -> u32 {
    // 1970-01-01 was a Thursday.
    ((day + 3).rem_euclid(7) + 1) as u32
}

/// ISO week-numbering year and week of a day.
pub(super) fn iso_week(day: Day) -> (i32, u32) {
    // The Thursday of the same ISO week decides the year.
    let thursday = day - i64::from(weekday_of(day)) + 4;
    let (year, _, _) = civil_from_days(thursday);
    let week = (thursday - days_from_civil(year, 1, 1)) / 7 + 1;
    (year, week as u32)
}

pub(super) fn format_day(day: Day) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

fn format_week(day: Day) -> String {
    let (y, w) = iso_week(day);
    format!("{y:04}-W{w:02}")
}

fn add_months(year: i32, month: u32, amount: i32) -> (i32, u32) {
    let index = i64::from(year) * 12 + i64::from(month) - 1 + i64::from(amount);
    let year = i32::try_from(index.div_euclid(12)).unwrap_or(year);
    (year, (index.rem_euclid(12) + 1) as u32)
}

fn quarter_of(month: u32) -> u32 {
    month.div_ceil(3)
}

fn add_quarters(year: i32, quarter: u32, amount: i32) -> (i32, u32) {
    let index = i64::from(year) * 4 + i64::from(quarter) - 1 + i64::from(amount);
    let year = i32::try_from(index.div_euclid(4)).unwrap_or(year);
    (year, (index.rem_euclid(4) + 1) as u32)
}

/// The year of a month (and day) named without one: the anchor's year,
/// unless that puts a past event well after the anchor (a year earlier)
/// or a future one well before it (a year later).
fn year_for(anchor: Day, month: u32, day: Option<u32>, tense: Tense) -> i32 {
    let (year, _, _) = civil_from_days(anchor);
    let day_in_month = day
        .unwrap_or(1)
        .min(gregorian_month_length(year, month).unwrap_or(28));
    let candidate = days_from_civil(year, month, day_in_month);
    // News mostly reports the past: a date a quarter ahead is last year's,
    // one is next year's only when this year's is most of a year gone.
    const SLACK_DAYS: i64 = 92;
    const MOST_OF_A_YEAR: i64 = 270;
    match tense {
        Tense::Unknown if candidate > anchor + SLACK_DAYS => year - 1,
        Tense::Unknown if candidate + MOST_OF_A_YEAR < anchor => year + 1,
        Tense::Past if candidate > anchor + SLACK_DAYS => year - 1,
        Tense::Future if candidate + SLACK_DAYS < anchor && day.is_some() => year + 1,
        Tense::Future if day.is_none() && candidate + 62 < anchor => year + 1,
        _ => year,
    }
}

/// The day of the named weekday nearest the anchor in the sentence's direction.
fn weekday_day(anchor: Day, weekday: u32, rel: Rel, tense: Tense) -> Day {
    let today = i64::from(weekday_of(anchor));
    let target = i64::from(weekday);
    let back = (today - target).rem_euclid(7);
    let ahead = (target - today).rem_euclid(7);
    match rel {
        Rel::Last => anchor - if back == 0 { 7 } else { back },
        Rel::Next => anchor + if ahead == 0 { 7 } else { ahead },
        Rel::This => anchor + target - today,
        Rel::Bare => match tense {
            Tense::Past | Tense::Unknown => anchor - back,
            Tense::Future => anchor + ahead,
        },
    }
}

/// Season of a month: winter (Dec–Feb) counts towards the year it starts in.
fn season_index(code: &str) -> i32 {
    match code {
        "SP" => 0,
        "SU" => 1,
        "FA" => 2,
        _ => 3,
    }
}

fn current_season(year: i32, month: u32) -> (i32, i32) {
    match month {
        3..=5 => (year, 0),
        6..=8 => (year, 1),
        9..=11 => (year, 2),
        12 => (year, 3),
        _ => (year - 1, 3),
    }
}

fn duration(amount: Option<u32>, unit: Unit) -> String {
    let mut out = String::from("P");
    let (amount, letter) = match unit {
        Unit::Decade => (amount.map(|n| n.saturating_mul(10)), "Y"),
        Unit::Century => (amount.map(|n| n.saturating_mul(100)), "Y"),
        Unit::Weekend => (amount.map(|n| n.saturating_mul(2)), "D"),
        _ => (amount, unit.letter()),
    };
    if unit.is_clock() {
        out.push('T');
    }
    match amount {
        Some(n) => {
            let _ = write!(out, "{n}");
        }
        None => out.push('X'),
    }
    out.push_str(letter);
    out
}

/// A value at the grain of `unit` for the day `day` moved by `amount` units.
fn offset_value(day: Day, unit: Unit, amount: i32, tense: Tense) -> String {
    let (y, m, _) = civil_from_days(day);
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => {
            let days = if unit == Unit::Day {
                i64::from(amount)
            } else {
                0
            };
            format_day(day + days)
        }
        Unit::Week => format_week(day + 7 * i64::from(amount)),
        Unit::Weekend => {
            let saturday = if amount == 0 {
                let today = i64::from(weekday_of(day));
                match tense {
                    Tense::Past if today < 6 => day - today - 1,
                    _ => day + 6 - today,
                }
            } else {
                day + 7 * i64::from(amount)
            };
            format!("{}-WE", format_week(saturday))
        }
        Unit::Month => {
            let (y, m) = add_months(y, m, amount);
            format!("{y:04}-{m:02}")
        }
        Unit::Quarter => {
            let (y, q) = add_quarters(y, quarter_of(m), amount);
            format!("{y:04}-Q{q}")
        }
        Unit::Year => format!("{:04}", y + amount),
        Unit::Decade => format!("{:03}", (y + amount * 10).div_euclid(10)),
        Unit::Century => format!("{:02}", (y + amount * 100).div_euclid(100)),
    }
}

/// Units from the time the text last talked about: a year from a quarter is
/// the same quarter a year away (earnings reports compare quarters); a year
/// from anything else a year; a month a month; days and weeks from the last day.
fn text_offset(context: &Context, unit: Unit, amount: i32, tense: Tense) -> Option<String> {
    let last = context.last_value.as_deref();
    match unit {
        Unit::Year => {
            if let Some((y, q)) = context.last_quarter {
                return Some(format!("{:04}-Q{q}", y + amount));
            }
            last.and_then(year_of).map(|y| format!("{:04}", y + amount))
        }
        Unit::Quarter => context.last_quarter.map(|(y, q)| {
            let (y, q) = add_quarters(y, q, amount);
            format!("{y:04}-Q{q}")
        }),
        Unit::Month => {
            let v = last?;
            let year = year_of(v)?;
            let month: u32 = v.get(5..7)?.parse().ok().filter(|m| (1..=12).contains(m))?;
            let (y, m) = add_months(year, month, amount);
            Some(format!("{y:04}-{m:02}"))
        }
        _ => context
            .last_day
            .map(|day| offset_value(day, unit, amount, tense)),
    }
}

/// The TIMEX3 value of `sem` against `anchor`, and where it came from.
pub(super) fn resolve(
    sem: &Sem,
    anchor: Option<Day>,
    tense: Tense,
    context: &Context,
) -> (Option<String>, Source) {
    let clock = |f: &dyn Fn(Day) -> Option<String>| match anchor {
        Some(day) => (f(day), Source::Clock),
        None => (None, Source::Nothing),
    };
    match *sem {
        Sem::Date {
            year: Some(year),
            month,
            day,
        } => {
            let value = match day {
                Some(d) => format!("{year:04}-{month:02}-{d:02}"),
                None => format!("{year:04}-{month:02}"),
            };
            (Some(value), Source::Text)
        }
        Sem::Date {
            year: None,
            month,
            day,
        } => match anchor {
            Some(a) => {
                let year = year_for(a, month, day, tense);
                let value = match day {
                    Some(d) => format!("{year:04}-{month:02}-{d:02}"),
                    None => format!("{year:04}-{month:02}"),
                };
                (Some(value), Source::Clock)
            }
            None => {
                let value = match day {
                    Some(d) => format!("XXXX-{month:02}-{d:02}"),
                    None => format!("XXXX-{month:02}"),
                };
                (Some(value), Source::Nothing)
            }
        },
        Sem::Year(y) => (Some(format!("{y:04}")), Source::Text),
        Sem::Decade(d) => (Some(format!("{d:03}")), Source::Text),
        Sem::Century(c) => (Some(format!("{c:02}")), Source::Text),
        Sem::Quarter {
            year: Some(y),
            quarter,
        } => (Some(format!("{y:04}-Q{quarter}")), Source::Text),
        Sem::Half {
            year: Some(y),
            half,
        } => (Some(format!("{y:04}-H{half}")), Source::Text),
        Sem::Quarter {
            year: None,
            quarter,
        } => clock(&|a| {
            let (y, m, _) = civil_from_days(a);
            let now = quarter_of(m);
            let year = match tense {
                Tense::Past if quarter > now => y - 1,
                _ => y,
            };
            Some(format!("{year:04}-Q{quarter}"))
        }),
        Sem::Half { year: None, half } => clock(&|a| {
            let (y, m, _) = civil_from_days(a);
            let now = if m <= 6 { 1 } else { 2 };
            let year = match tense {
                Tense::Past if half > now => y - 1,
                _ => y,
            };
            Some(format!("{year:04}-H{half}"))
        }),
        Sem::ThatQuarter => match context.last_quarter {
            Some((y, q)) => (Some(format!("{y:04}-Q{q}")), Source::Text),
            None => clock(&|a| Some(offset_value(a, Unit::Quarter, -1, tense))),
        },
        Sem::Season {
            code,
            year: Some(y),
            ..
        } => (Some(format!("{y:04}-{code}")), Source::Text),
        Sem::Season {
            code,
            rel,
            year: None,
        } => clock(&|a| {
            let (y, m, _) = civil_from_days(a);
            let (season_year, now) = current_season(y, m);
            let target = season_index(code);
            let year = match rel {
                Rel::Last if target >= now => season_year - 1,
                Rel::Next if target <= now => season_year + 1,
                Rel::Bare if tense == Tense::Past && target > now => season_year - 1,
                _ => season_year,
            };
            Some(format!("{year:04}-{code}"))
        }),
        Sem::MonthOfYear { month, offset } => clock(&|a| {
            let year = civil_from_days(a).0 + offset;
            Some(format!("{year:04}-{month:02}"))
        }),
        Sem::MonthRel { month, rel } => clock(&|a| {
            let (y, m, _) = civil_from_days(a);
            let year = match rel {
                // "last February" said in March is a year back: this one
                // would be "last month".
                Rel::Last if month + 1 >= m => y - 1,
                Rel::Next if month <= m => y + 1,
                Rel::Bare => year_for(a, month, None, tense),
                _ => y,
            };
            Some(format!("{year:04}-{month:02}"))
        }),
        Sem::Weekday { weekday, rel, part } => clock(&|a| {
            let mut value = format_day(weekday_day(a, weekday, rel, tense));
            if let Some(part) = part {
                value.push('T');
                value.push_str(part);
            }
            Some(value)
        }),
        Sem::DayOffset { days, part } => clock(&|a| {
            let mut value = format_day(a + i64::from(days));
            if let Some(part) = part {
                value.push('T');
                value.push_str(part);
            }
            Some(value)
        }),
        Sem::UnitOffset { unit, amount } => clock(&|a| Some(offset_value(a, unit, amount, tense))),
        Sem::Ago { unit, amount } => {
            // "a year ago" in a report on the third quarter is that quarter a year before.
            if unit == Unit::Year {
                if let (Some((y, q)), Some(a)) = (context.last_quarter, anchor) {
                    if civil_from_days(a).0 == y {
                        return (Some(format!("{:04}-Q{q}", y + amount)), Source::Text);
                    }
                }
            }
            clock(&|a| Some(offset_value(a, unit, amount, Tense::Past)))
        }
        Sem::TextOffset { unit, amount } => match text_offset(context, unit, amount, tense) {
            Some(value) => (Some(value), Source::Text),
            None => clock(&|a| Some(offset_value(a, unit, amount, tense))),
        },
        Sem::YearEarlier { .. } => match text_offset(context, Unit::Year, -1, tense) {
            Some(value) => (Some(value), Source::Text),
            None => clock(&|a| Some(offset_value(a, Unit::Year, -1, tense))),
        },
        Sem::Reference(value) => (
            Some(value.to_owned()),
            if anchor.is_some() {
                Source::Clock
            } else {
                Source::Nothing
            },
        ),
        Sem::Duration { amount, unit } => (Some(duration(amount, unit)), Source::Nothing),
        Sem::Set(SetValue::Every(unit, n)) => (Some(duration(Some(n), unit)), Source::Nothing),
        Sem::Set(SetValue::EveryWeekday(d)) => (Some(format!("XXXX-WXX-{d}")), Source::Nothing),
        Sem::Clock { hour, minute, day } => {
            let time = format!("T{hour:02}:{minute:02}");
            let named = match (day, anchor) {
                (ClockDay::Weekday(w), Some(a)) => Some(weekday_day(a, w, Rel::Bare, tense)),
                (ClockDay::Offset(n), Some(a)) => Some(a + i64::from(n)),
                _ => None,
            };
            if let Some(day) = named {
                return (Some(format!("{}{time}", format_day(day))), Source::Clock);
            }
            let same_sentence = context
                .last_day
                .filter(|_| context.last_day_sentence == context.sentence);
            match same_sentence.or(anchor) {
                Some(day) => {
                    let source = if same_sentence.is_some() {
                        Source::Text
                    } else {
                        Source::Clock
                    };
                    (Some(format!("{}{time}", format_day(day))), source)
                }
                None => (Some(format!("XXXX-XX-XX{time}")), Source::Nothing),
            }
        }
        Sem::Thanksgiving => clock(&|a| {
            let year = year_for(a, 11, Some(25), tense);
            let first = days_from_civil(year, 11, 1);
            // Days from November 1 to the first Thursday, then three weeks on.
            let to_thursday = (4 - i64::from(weekday_of(first))).rem_euclid(7);
            Some(format_day(first + to_thursday + 21))
        }),
        Sem::Hijri { year, month, day } => {
            let (year, source) = match (year, anchor) {
                (Some(y), _) => (y, Source::Text),
                (None, Some(a)) => {
                    let (gy, gm, gd) = civil_from_days(a);
                    let Some((hy, hm, _)) = gregorian_to_hijri(gy, gm, gd) else {
                        return (None, Source::Nothing);
                    };
                    let year = match tense {
                        Tense::Past if month > hm => hy - 1,
                        Tense::Future if month < hm => hy + 1,
                        _ => hy,
                    };
                    (year, Source::Clock)
                }
                (None, None) => return (None, Source::Nothing),
            };
            let value = match day {
                Some(d) => hijri_to_gregorian(year, month, d)
                    .map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
                // A Hijri month straddles two Gregorian ones: the one holding its middle.
                None => {
                    hijri_to_gregorian(year, month, 15).map(|(y, m, _)| format!("{y:04}-{m:02}"))
                }
            };
            let source = if value.is_some() {
                source
            } else {
                Source::Nothing
            };
            (value, source)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_weeks_cross_year_ends() {
        // 2016-01-01 is a Friday in week 53 of 2015.
        assert_eq!(iso_week(days_from_civil(2016, 1, 1)), (2015, 53));
        assert_eq!(iso_week(days_from_civil(2016, 1, 4)), (2016, 1));
        // 2018-12-31 is a Monday in week 1 of 2019.
        assert_eq!(iso_week(days_from_civil(2018, 12, 31)), (2019, 1));
        assert_eq!(iso_week(days_from_civil(2016, 2, 7)), (2016, 5));
        assert_eq!(iso_week(days_from_civil(2016, 2, 8)), (2016, 6));
    }

    #[test]
    fn weekdays_and_days() {
        assert_eq!(weekday_of(days_from_civil(2016, 2, 7)), 7);
        assert_eq!(parse_day("2016-02-29"), Some(days_from_civil(2016, 2, 29)));
        assert_eq!(parse_day("2015-02-29"), None);
        assert_eq!(parse_day("19980108"), Some(days_from_civil(1998, 1, 8)));
    }

    #[test]
    fn month_and_quarter_arithmetic() {
        assert_eq!(add_months(2016, 1, -1), (2015, 12));
        assert_eq!(add_months(2016, 12, 1), (2017, 1));
        assert_eq!(add_quarters(2016, 1, -1), (2015, 4));
    }
}
