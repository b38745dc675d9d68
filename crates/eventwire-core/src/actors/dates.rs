//! Dates of the dictionaries: day numbers (days since 1970-01-01, from
//! [`crate::calendar`]) and the date ranges that restrict an actor's code.

use crate::calendar::{days_from_civil, is_valid_gregorian};

/// When a code applies; bounds are inclusive (PETRARCH's "or equal to").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRange {
    /// The default code: used when no dated rule applies.
    Always,
    /// On or before the day.
    Before(i32),
    /// On or after the day.
    After(i32),
    /// From the first day to the second, both included.
    Between(i32, i32),
}

impl DateRange {
    pub fn contains(self, day: i32) -> bool {
        match self {
            DateRange::Always => true,
            DateRange::Before(end) => day <= end,
            DateRange::After(start) => day >= start,
            DateRange::Between(start, end) => start <= day && day <= end,
        }
    }

    /// The (first, last) day as stored, with open ends at the `i32` limits.
    pub fn bounds(self) -> (i32, i32) {
        match self {
            DateRange::Always => (i32::MIN, i32::MAX),
            DateRange::Before(end) => (i32::MIN, end),
            DateRange::After(start) => (start, i32::MAX),
            DateRange::Between(start, end) => (start, end),
        }
    }

    pub fn from_bounds(first: i32, last: i32) -> DateRange {
        match (first == i32::MIN, last == i32::MAX) {
            (true, true) => DateRange::Always,
            (true, false) => DateRange::Before(last),
            (false, true) => DateRange::After(first),
            (false, false) => DateRange::Between(first, last),
        }
    }
}

fn day_number(year: i32, month: u32, day: u32) -> Option<i32> {
    if !is_valid_gregorian(year, month, day) {
        return None;
    }
    i32::try_from(days_from_civil(year, month, day)).ok()
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A PETRARCH dictionary date: `YYYYMMDD`, or `YYMMDD` where 00–30 means
/// 20YY and 31–99 means 19YY (the KEDS/TABARI convention).
pub fn parse_compact_date(s: &str) -> Option<i32> {
    if !s.is_ascii() {
        return None;
    }
    let (year, rest) = match s.len() {
        8 => (digits(&s[..4])? as i32, &s[4..]),
        6 => {
            let yy = digits(&s[..2])? as i32;
            (if yy <= 30 { 2000 + yy } else { 1900 + yy }, &s[2..])
        }
        _ => return None,
    };
    day_number(year, digits(&rest[..2])?, digits(&rest[2..])?)
}

/// An ISO date `YYYY-MM-DD`; anything after the tenth character (a time)
/// is ignored, so `2016-02-07T10:00Z` works too.
pub fn parse_iso_date(s: &str) -> Option<i32> {
    let head = s.get(..10)?;
    let rest = &s[10..];
    if !(rest.is_empty() || rest.starts_with(['T', ' ', 't'])) {
        return None;
    }
    let bytes = head.as_bytes();
    if bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    day_number(
        digits(&head[..4])? as i32,
        digits(&head[5..7])?,
        digits(&head[8..10])?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_and_iso_dates_agree() {
        assert_eq!(parse_compact_date("130201"), parse_iso_date("2013-02-01"));
        assert_eq!(parse_compact_date("850103"), parse_iso_date("1985-01-03"));
        assert_eq!(parse_compact_date("20130201"), parse_iso_date("2013-02-01"));
        assert_eq!(parse_compact_date("2004017"), None);
        assert_eq!(parse_compact_date("20100931"), None);
        assert_eq!(
            parse_iso_date("2016-02-07T10:00Z"),
            parse_iso_date("2016-02-07")
        );
        assert_eq!(parse_iso_date("2016/02/07"), None);
        assert_eq!(parse_iso_date("2016-02-3é"), None);
        assert_eq!(parse_iso_date("é"), None);
    }

    #[test]
    fn ranges_are_inclusive() {
        let d = |s| parse_iso_date(s).unwrap();
        let r = DateRange::Between(d("2013-02-01"), d("2017-01-20"));
        assert!(r.contains(d("2013-02-01")) && r.contains(d("2017-01-20")));
        assert!(!r.contains(d("2017-01-21")));
        assert_eq!(DateRange::from_bounds(r.bounds().0, r.bounds().1), r);
    }
}
