//! Calendar arithmetic: proleptic Gregorian day numbers and the Umm al-Qura
//! Hijri calendar.
//!
//! Day numbers count days since 1970-01-01. The Umm al-Qura table covers
//! 1343–1500 AH (1924-08-01 to 2077-11-16); conversions outside it give
//! `None` rather than a guessed arithmetic date.

#[rustfmt::skip]
mod ummalqura_table;

use ummalqura_table::{FIRST_YEAR, LAST_YEAR, MONTH_LENGTHS, YEAR_STARTS};

/// Days since 1970-01-01 of a Gregorian date.
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The Gregorian date (year, month, day) of a day number; the inverse of
/// [`days_from_civil`]. Years beyond `i32` saturate.
pub fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days.saturating_add(719_468);
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let year = i32::try_from(year).unwrap_or(if year < 0 { i32::MIN } else { i32::MAX });
    // month is 1..=12 and day 1..=31 by construction.
    (year, month as u32, day as u32)
}

/// Whether `year` is a Gregorian leap year.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in a Gregorian month, or `None` for a month outside 1..=12.
pub fn gregorian_month_length(year: i32, month: u32) -> Option<u32> {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 => Some(if is_leap_year(year) { 29 } else { 28 }),
        _ => None,
    }
}

/// Whether (year, month, day) is a real Gregorian date.
pub fn is_valid_gregorian(year: i32, month: u32, day: u32) -> bool {
    gregorian_month_length(year, month).is_some_and(|len| (1..=len).contains(&day))
}

/// Index of a Hijri year in the table.
fn year_index(year: i32) -> Option<usize> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&year) {
        usize::try_from(year - FIRST_YEAR).ok()
    } else {
        None
    }
}

/// Days in a Umm al-Qura month (29 or 30; a few early months of the
/// official calendar had 28 or 31), or `None` outside the table.
pub fn hijri_month_length(year: i32, month: u32) -> Option<u32> {
    let index = year_index(year)?;
    if !(1..=12).contains(&month) {
        return None;
    }
    Some(28 + ((MONTH_LENGTHS[index] >> (2 * (month - 1))) & 3))
}

/// Day number of a Hijri date, or `None` when it is outside the table or
/// not a real day of that month.
pub fn hijri_to_days(year: i32, month: u32, day: u32) -> Option<i64> {
    let index = year_index(year)?;
    let length = hijri_month_length(year, month)?;
    if !(1..=length).contains(&day) {
        return None;
    }
    let before: u32 = (1..month)
        .map(|m| 28 + ((MONTH_LENGTHS[index] >> (2 * (m - 1))) & 3))
        .sum();
    Some(i64::from(YEAR_STARTS[index]) + i64::from(before) + i64::from(day) - 1)
}

/// The Hijri date (year, month, day) of a day number, or `None` outside
/// the table.
pub fn hijri_from_days(days: i64) -> Option<(i32, u32, u32)> {
    let first = i64::from(*YEAR_STARTS.first()?);
    let end = i64::from(*YEAR_STARTS.last()?);
    if days < first || days >= end {
        return None;
    }
    // The last year starting on or before `days`.
    let index = YEAR_STARTS.partition_point(|&start| i64::from(start) <= days) - 1;
    let year = FIRST_YEAR + i32::try_from(index).ok()?;
    let mut offset = days - i64::from(YEAR_STARTS[index]);
    for month in 1..=12u32 {
        let length = i64::from(28 + ((MONTH_LENGTHS[index] >> (2 * (month - 1))) & 3));
        if offset < length {
            return Some((year, month, u32::try_from(offset).ok()? + 1));
        }
        offset -= length;
    }
    None
}

/// The Gregorian date of an Umm al-Qura Hijri date, or `None` outside
/// the table or for a day the month does not have.
pub fn hijri_to_gregorian(year: i32, month: u32, day: u32) -> Option<(i32, u32, u32)> {
    hijri_to_days(year, month, day).map(civil_from_days)
}

/// The Umm al-Qura Hijri date of a Gregorian date, or `None` for an
/// invalid date or one outside the table.
pub fn gregorian_to_hijri(year: i32, month: u32, day: u32) -> Option<(i32, u32, u32)> {
    if !is_valid_gregorian(year, month, day) {
        return None;
    }
    hijri_from_days(days_from_civil(year, month, day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_over_four_centuries() {
        for days in -200_000..200_000i64 {
            let (y, m, d) = civil_from_days(days);
            assert!(is_valid_gregorian(y, m, d));
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn table_is_consistent() {
        for (index, pair) in YEAR_STARTS.windows(2).enumerate() {
            let year = FIRST_YEAR + index as i32;
            let total: u32 = (1..=12).filter_map(|m| hijri_month_length(year, m)).sum();
            assert_eq!(
                i64::from(pair[1] - pair[0]),
                i64::from(total),
                "year {year}"
            );
        }
    }

    #[test]
    fn hijri_round_trip_over_the_table() {
        let first = i64::from(YEAR_STARTS[0]);
        let end = i64::from(YEAR_STARTS[YEAR_STARTS.len() - 1]);
        for days in first..end {
            let (y, m, d) = hijri_from_days(days).expect("inside the table");
            assert_eq!(hijri_to_days(y, m, d), Some(days));
        }
        assert_eq!(hijri_from_days(first - 1), None);
        assert_eq!(hijri_from_days(end), None);
    }
}
