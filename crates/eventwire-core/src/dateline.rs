//! Datelines of wire stories: place, date (Gregorian and Hijri) and agency.

use crate::document::Dateline;

/// Find the dateline at the start of an article body. `year_hint` supplies
/// the year for datelines that give only month and day.
pub fn find_dateline(text: &str, year_hint: Option<i32>) -> Option<(Dateline, Vec<String>)> {
    let _ = (text, year_hint);
    None
}
