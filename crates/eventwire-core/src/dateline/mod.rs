//! Datelines of wire stories: place, date (Gregorian and Hijri) and agency.
//!
//! A dateline opens the first paragraph: "LONDON, Feb 7 (Reuters) -",
//! "CAIRO —", "(AP) —", "Washington, 28 Rabiul Akhir 1437/7 February 2016
//! (MINA) –", or a line holding only a date ("Thursday, January 24, 2019").
//! Only the start of the text is read, so the cost does not grow with the
//! article.

mod hijri_months;
mod scan;

use crate::calendar;
use crate::document::{CalendarDate, Dateline};
use crate::provenance::is_known_agency;
use scan::{Cursor, Separator};

/// Bytes of the article start that are searched.
const SCAN_BYTES: usize = 2000;
/// Paragraphs (blocks between blank lines) tried before giving up.
const MAX_BLOCKS: usize = 6;
/// A block longer than this is body text: no dateline follows it.
const MAX_LEAD_BLOCK_BYTES: usize = 200;
/// Lines inside the first block that may stand before a strong dateline.
const MAX_LEAD_LINES_IN_BLOCK: usize = 3;
/// A lead line inside a block (title, photo credit) is at most this long.
const MAX_LEAD_LINE_BYTES: usize = 100;

/// Find the dateline at the start of an article body. `year_hint` supplies
/// the year for datelines that give only month and day. Returns the
/// dateline and warnings about it (dates that disagree or do not exist).
pub fn find_dateline(text: &str, year_hint: Option<i32>) -> Option<(Dateline, Vec<String>)> {
    let head_end = scan::floor_char_boundary(text, SCAN_BYTES);
    let head = &text[..head_end];
    let mut blocks_seen = 0;
    let mut block_bytes = 0;
    let mut lines_in_block = 0;
    let mut previous_line_short = true;
    let mut line_start = 0;
    while line_start < head.len() && blocks_seen <= MAX_BLOCKS {
        let line_end = head[line_start..]
            .find('\n')
            .map_or(head.len(), |i| line_start + i);
        let line = &head[line_start..line_end];
        let content = line.trim();
        if content.is_empty() {
            if block_bytes > 0 {
                blocks_seen += 1;
                if block_bytes > MAX_LEAD_BLOCK_BYTES {
                    return None;
                }
            }
            block_bytes = 0;
            lines_in_block = 0;
        } else {
            let mut content_start = line_start + (line.len() - line.trim_start().len());
            // A byte-order mark left at the start of a file is no text.
            if head[content_start..].starts_with('\u{feff}') {
                content_start += '\u{feff}'.len_utf8();
            }
            if lines_in_block == 0
                || (lines_in_block <= MAX_LEAD_LINES_IN_BLOCK && previous_line_short)
            {
                if let Some(parsed) = parse_dateline(text, content_start) {
                    if lines_in_block == 0 || parsed.is_strong() {
                        return Some(build(text, &parsed, year_hint));
                    }
                }
            }
            previous_line_short = content.len() <= MAX_LEAD_LINE_BYTES;
            lines_in_block += 1;
            block_bytes += content.len();
        }
        line_start = line_end + 1;
    }
    None
}

/// A date as written in the dateline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WrittenDate {
    Gregorian {
        year: Option<i32>,
        month: u32,
        day: u32,
    },
    Hijri {
        year: i32,
        month: u32,
        day: u32,
    },
}

#[derive(Debug, Clone, Copy)]
struct DateSpan {
    start: usize,
    end: usize,
    date: WrittenDate,
}

/// The parts of a dateline found at one position.
#[derive(Debug, Default)]
struct Parsed {
    start: usize,
    end: usize,
    place: Option<(usize, usize)>,
    dates: Vec<DateSpan>,
    agency: Option<(usize, usize)>,
    agency_kind: Option<AgencyKind>,
    separator: bool,
}

impl Parsed {
    /// Forms that never open an ordinary sentence, so they may follow a
    /// short lead line in the same block.
    fn is_strong(&self) -> bool {
        self.place.is_some() && self.separator && (!self.dates.is_empty() || self.agency.is_some())
    }
}

/// Most words in one part of a place written in mixed case with no date or
/// agency ("Dekalb, Ill. —"); longer runs are headlines or sentences.
const MAX_MIXED_CASE_PLACE_WORDS: usize = 3;

/// How the words of a place are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PlaceCase {
    /// Most words in one comma-separated part.
    max_words: usize,
    /// Every word capitalised, or a lowercase connector ("de", "of").
    capitalised: bool,
    /// No lowercase letter at all ("CAIRO", "ST. LOUIS").
    all_caps: bool,
}

/// A dateline made of a date or credit alone must end in a separator
/// ("(AP) —"); it ends after that separator.
fn ended_by_separator(mut parsed: Parsed, mut after: Cursor) -> Option<Parsed> {
    after.skip_spaces();
    after.eat_separator()?;
    parsed.separator = true;
    parsed.end = after.pos;
    Some(parsed)
}

/// Parse a dateline that starts exactly at `start`.
fn parse_dateline(text: &str, start: usize) -> Option<Parsed> {
    let mut parsed = Parsed {
        start,
        ..Parsed::default()
    };
    let mut cur = Cursor::new(text, start);

    // A line holding only a date (Wikinews), or a date with an agency.
    let mut after = cur.clone();
    if let Some(dates) = parse_dates(&mut after) {
        parsed.dates = dates;
        // "Friday, January 4, 2019" alone on its line; a bare "May 31" line
        // is more often a table heading than a date line.
        if after.line_rest_is_blank() && (has_weekday(text, start) || has_year(&parsed.dates)) {
            parsed.end = after.pos;
            return Some(parsed);
        }
        after.skip_spaces();
        if let Some((start, end, kind)) = parse_agency(&mut after) {
            if kind == AgencyKind::Name {
                return None;
            }
            parsed.agency = Some((start, end));
            parsed.agency_kind = Some(kind);
        }
        return ended_by_separator(parsed, after);
    }

    if let Some((agency_start, agency_end, kind)) = parse_agency(&mut cur) {
        // "(Updates)" is an editor's note; a bare credit must be an agency.
        if kind == AgencyKind::Name {
            return None;
        }
        parsed.agency = Some((agency_start, agency_end));
        parsed.agency_kind = Some(kind);
        return ended_by_separator(parsed, cur.clone());
    }

    let (place, case) = parse_place(&mut cur)?;
    parsed.place = Some(place);
    // ", DATE" after the place.
    let mut probe = cur.clone();
    probe.skip_spaces();
    if probe.eat_char(',') {
        probe.skip_spaces();
        if let Some(dates) = parse_dates(&mut probe) {
            parsed.dates = dates;
            cur = probe;
        }
    }
    // "MOSCOW, March 3. /TASS/. Russia ...": the credit and its dots stand
    // for the separator.
    let mut tass = cur.clone();
    if !parsed.dates.is_empty() && tass.eat_char('.') {
        tass.skip_spaces();
        if tass.rest().starts_with('/') {
            if let Some((agency_start, agency_end, AgencyKind::Known)) = parse_agency(&mut tass) {
                tass.eat_char('.');
                parsed.agency = Some((agency_start, agency_end));
                parsed.agency_kind = Some(AgencyKind::Known);
                parsed.separator = true;
                parsed.end = tass.pos;
                return case.capitalised.then_some(parsed);
            }
        }
    }
    let mut probe = cur.clone();
    probe.skip_spaces();
    if let Some((agency_start, agency_end, kind)) = parse_agency(&mut probe) {
        parsed.agency = Some((agency_start, agency_end));
        parsed.agency_kind = Some(kind);
        cur = probe;
    } else if !parsed.dates.is_empty() {
        // "WASHINGTON, April 8, Reuter -": an agency after a comma.
        let mut probe = cur.clone();
        probe.skip_spaces();
        if probe.eat_char(',') {
            probe.skip_spaces();
            if let Some((ws, we)) = probe.word() {
                let word = &text[ws..we];
                if is_known_agency(word) {
                    parsed.agency = Some((ws, we));
                    parsed.agency_kind = Some(AgencyKind::Known);
                    cur = probe;
                }
            }
        }
    }
    let mut probe = cur.clone();
    probe.skip_spaces();
    let separator = probe.eat_separator();
    if separator.is_some() {
        parsed.separator = true;
        cur = probe;
    }
    // "Officials: ..." is a sentence; a colon needs a capitalised place.
    if separator == Some(Separator::Colon) && !case.capitalised {
        return None;
    }
    parsed.end = cur.pos;
    let has_date = !parsed.dates.is_empty();
    let accepted = match (has_date, parsed.agency.is_some(), parsed.separator) {
        // "LONDON, Feb 7 (Reuters) -", "BEIJING (Xinhua) --". An unknown
        // credit after a mixed-case place without a date needs a short
        // place ("Evans and Sutherland Computer Corp (ESCC) -" is a company),
        // and a credit of several unknown words an all-capitals place.
        (_, true, true) => {
            let known = parsed.agency_kind == Some(AgencyKind::Known);
            let one_word = parsed
                .agency
                .is_some_and(|(s, e)| !text[s..e].contains(' '));
            case.capitalised
                && (known
                    || case.all_caps
                    || has_date
                    || case.max_words <= MAX_MIXED_CASE_PLACE_WORDS)
                && (parsed.agency_kind != Some(AgencyKind::Name) || case.all_caps || one_word)
        }
        // "BEIJING, Jan. 6 (Xinhua) The ..."; other credits need the
        // separator ("United Arab Emirates (UAE) Central Bank ...").
        (_, true, false) => {
            case.capitalised
                && cur.next_is_uppercase_after_spaces()
                && parsed.agency_kind == Some(AgencyKind::Known)
        }
        // "SALVADOR, Feb 26 -"; lowercase places ("peoria, april 7 -") are
        // accepted only in this complete form.
        (true, false, true) => true,
        // "LONDON, Feb 7" alone on its line.
        (true, false, false) => case.capitalised && cur.line_rest_is_blank(),
        // "CAIRO —", and "Indianapolis – Several thousand ..." with a long
        // dash and a capital after it ("Vera Drake - Imelda Staunton" is a
        // list); never an editor's label ("NOTE:").
        (false, false, true) => {
            !is_editor_label(&text[place.0..place.1])
                && (case.all_caps
                    || (case.capitalised
                        && case.max_words <= MAX_MIXED_CASE_PLACE_WORDS
                        && separator == Some(Separator::LongDash)
                        && cur.next_is_uppercase_after_spaces()))
        }
        (false, false, false) => false,
    };
    accepted.then_some(parsed)
}

/// Place: up to three comma-separated components of up to five words
/// ("PORTLAND, Ore.", "Kabul, Afghanistan", "SAN JUAN CAPISTRANO").
fn parse_place(cur: &mut Cursor) -> Option<((usize, usize), PlaceCase)> {
    const MAX_COMPONENTS: usize = 3;
    const MAX_WORDS: usize = 5;
    const MAX_PLACE_BYTES: usize = 60;
    let start = cur.pos;
    let mut end = start;
    let mut case = PlaceCase {
        max_words: 0,
        capitalised: true,
        all_caps: true,
    };
    for component in 0..MAX_COMPONENTS {
        let mut probe = cur.clone();
        if component > 0 {
            probe.skip_spaces();
            if !probe.eat_char(',') {
                break;
            }
            probe.skip_spaces();
            // A date after the comma ends the place.
            if parse_dates(&mut probe.clone()).is_some() {
                break;
            }
        }
        let mut words = 0;
        let mut component_end = None;
        while words < MAX_WORDS {
            let mut word_probe = probe.clone();
            if words > 0 && !word_probe.eat_single_space() {
                break;
            }
            let Some((ws, we)) = word_probe.word() else {
                break;
            };
            let word = &cur.text[ws..we];
            if words == 0 && (is_weekday(word) || scan::month_number(word).is_some()) {
                break;
            }
            let is_connector = words > 0 && is_place_connector(word);
            let first = word.chars().next().unwrap_or(' ');
            if !first.is_uppercase() && !is_connector && !is_prefixed_name(word) {
                case.capitalised = false;
            }
            // "PORTLAND, Ore." is written in the all-capitals style: the
            // state or country after the town keeps its own case.
            if component == 0 && word.chars().any(char::is_lowercase) {
                case.all_caps = false;
            }
            words += 1;
            probe = word_probe;
            component_end = Some(probe.pos);
        }
        // "New Delhi [India]": the country in brackets, as ANI writes it.
        if words > 0 {
            let mut bracket = probe.clone();
            if bracket.eat_single_space() && bracket.eat_char('[') {
                let rest = bracket.rest();
                let limit = scan::floor_char_boundary(rest, 40);
                if let Some(close) = rest[..limit].find(']') {
                    let inner = &rest[..close];
                    if !inner.is_empty()
                        && inner.split(' ').all(|w| w.starts_with(char::is_uppercase))
                    {
                        bracket.pos += close + 1;
                        probe = bracket;
                        component_end = Some(probe.pos);
                    }
                }
            }
        }
        case.max_words = case.max_words.max(words);
        let Some(component_end) = component_end else {
            break;
        };
        cur.pos = component_end;
        end = component_end;
    }
    if end == start || end - start > MAX_PLACE_BYTES {
        return None;
    }
    let place = &cur.text[start..end];
    if !place.chars().any(char::is_alphabetic) {
        return None;
    }
    // "U" or "A" alone is no place.
    if place.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return None;
    }
    Some(((start, end), case))
}

/// Lowercase words inside place names ("DAR es Salaam", "King of Prussia").
fn is_place_connector(word: &str) -> bool {
    matches!(
        word,
        "de" | "del"
            | "da"
            | "do"
            | "dos"
            | "das"
            | "di"
            | "la"
            | "le"
            | "les"
            | "el"
            | "al"
            | "of"
            | "on"
            | "upon"
            | "sur"
            | "am"
            | "an"
            | "der"
            | "den"
            | "en"
            | "y"
            | "es"
            | "au"
            | "aux"
            | "im"
            | "bei"
            | "the"
            | "and"
    )
}

/// "al-Arish", "el-Fasher": a lowercase article joined to a capitalised name.
fn is_prefixed_name(word: &str) -> bool {
    word.split_once('-').is_some_and(|(prefix, rest)| {
        prefix.len() <= 3 && rest.chars().next().is_some_and(char::is_uppercase)
    })
}

/// Labels that open wire items but are no place.
fn is_editor_label(place: &str) -> bool {
    let label = place.trim_end_matches('.').to_ascii_uppercase();
    // Bylines and letters to columnists: "By Jane Smith —", "DEAR ABBY:".
    if label.starts_with("BY ") || label.starts_with("DEAR ") {
        return true;
    }
    matches!(
        label.as_str(),
        "NOTE"
            | "EDITORS"
            | "EDITOR'S NOTE"
            | "UPDATE"
            | "UPDATED"
            | "CORRECTION"
            | "CORRECTED"
            | "CORRECTS"
            | "ADVISORY"
            | "BREAKING"
            | "BREAKING NEWS"
            | "URGENT"
            | "FLASH"
            | "BULLETIN"
            | "EXCLUSIVE"
            | "ANALYSIS"
            | "OPINION"
            | "COMMENTARY"
            | "REPEAT"
            | "REPEATING"
            | "WARNING"
            | "ATTENTION"
            | "PHOTO"
            | "PHOTOS"
            | "VIDEO"
            | "WATCH"
            | "LIVE"
            | "SOURCE"
            | "SOURCES"
            | "TEXT"
            | "REF"
            | "RE"
            | "FYI"
            | "PRESS RELEASE"
            | "NEWS"
            | "FACTBOX"
            | "TIMELINE"
            | "INSIGHT"
            | "SPECIAL REPORT"
            | "FEATURE"
    )
}

/// Whether the text at `start` opens with a weekday name.
fn has_weekday(text: &str, start: usize) -> bool {
    Cursor::new(text, start)
        .word()
        .is_some_and(|(s, e)| is_weekday(&text[s..e]))
}

/// Whether one of the dates gives its year.
fn has_year(dates: &[DateSpan]) -> bool {
    dates.iter().any(|d| match d.date {
        WrittenDate::Gregorian { year, .. } => year.is_some(),
        WrittenDate::Hijri { .. } => true,
    })
}

/// A weekday name or its abbreviation ("Tue", "THURS."), any case.
pub fn is_weekday(word: &str) -> bool {
    const WEEKDAYS: [&str; 17] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
    ];
    let word = word.strip_suffix('.').unwrap_or(word);
    WEEKDAYS.iter().any(|day| day.eq_ignore_ascii_case(word))
}

/// How sure an agency credit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum AgencyKind {
    /// Capitalised words ("HawaiiNewsNow"): an agency only before a separator.
    Name,
    /// All-capitals acronym ("MINA", "IANS").
    Acronym,
    /// A known agency or one containing it ("Reuters", "CNN Business").
    Known,
}

/// Agency credit in parentheses, "(Reuters)", "(AP)", "(MINA)", or between
/// slashes as press releases write it, "/PRNewswire/".
fn parse_agency(cur: &mut Cursor) -> Option<(usize, usize, AgencyKind)> {
    const MAX_AGENCY_BYTES: usize = 50;
    let mut probe = cur.clone();
    let close_char = if probe.eat_char('(') {
        ')'
    } else if probe.eat_char('/') {
        '/'
    } else {
        return None;
    };
    let inner_start = probe.pos;
    let rest = probe.rest();
    let limit = scan::floor_char_boundary(rest, MAX_AGENCY_BYTES + 1);
    let close = rest[..limit].find(close_char)?;
    let inner = rest[..close].trim();
    if inner.is_empty() || inner.contains('\n') {
        return None;
    }
    let kind = agency_kind(inner)?;
    let lead = rest[..close].len() - rest[..close].trim_start().len();
    let start = inner_start + lead;
    cur.pos = inner_start + close + 1;
    Some((start, start + inner.len(), kind))
}

/// Whether the text in parentheses names a news agency, and how surely: a
/// known one ("Reuters", "dpa"), one containing a known one ("Thomson
/// Reuters Foundation"), an all-capitals acronym ("MINA", "IANS"), or a
/// short capitalised name ("HawaiiNewsNow").
fn agency_kind(inner: &str) -> Option<AgencyKind> {
    const MAX_NAME_WORDS: usize = 4;
    if inner.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    inner
        .split(['/', ','])
        .map(str::trim)
        .map(|part| {
            if part.is_empty() {
                None
            } else if is_known_agency(part) || part.split_whitespace().any(is_known_agency) {
                Some(AgencyKind::Known)
            } else if is_acronym(part) {
                Some(AgencyKind::Acronym)
            } else if part.split_whitespace().count() <= MAX_NAME_WORDS
                && part.split_whitespace().all(|w| {
                    w.starts_with(char::is_uppercase)
                        && w.chars()
                            .all(|c| c.is_alphabetic() || matches!(c, '.' | '&' | '-' | '\''))
                })
            {
                Some(AgencyKind::Name)
            } else {
                None
            }
        })
        .try_fold(AgencyKind::Known, |weakest, kind| {
            kind.map(|k| weakest.min(k))
        })
}

fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (2..=8).contains(&letters)
        && word
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '-' || c == '&')
}

/// One date, or two joined by "/" or "," ("28 Rabiul Akhir 1437/7 February
/// 2016"), optionally after a weekday ("Thursday, January 24, 2019").
fn parse_dates(cur: &mut Cursor) -> Option<Vec<DateSpan>> {
    let mut probe = cur.clone();
    let mut weekday_probe = probe.clone();
    if let Some((ws, we)) = weekday_probe.word() {
        if is_weekday(&cur.text[ws..we]) {
            weekday_probe.eat_char(',');
            weekday_probe.skip_spaces();
            probe = weekday_probe;
        }
    }
    let first = parse_one_date(&mut probe)?;
    let mut dates = vec![first];
    let mut joined = probe.clone();
    joined.skip_spaces();
    if joined.eat_char('/') || joined.eat_char(',') || joined.eat_char('|') {
        joined.skip_spaces();
        if let Some(second) = parse_one_date(&mut joined) {
            dates.push(second);
            probe = joined;
        }
    }
    cur.pos = probe.pos;
    Some(dates)
}

/// A Gregorian year after the month and day (", 2016" or " 2016"), if one
/// follows; the cursor moves past it only then.
fn optional_year(cur: &mut Cursor) -> Option<i32> {
    let mut probe = cur.clone();
    probe.eat_char(',');
    probe.skip_spaces();
    let year = probe.year()?;
    *cur = probe;
    Some(year)
}

fn parse_one_date(cur: &mut Cursor) -> Option<DateSpan> {
    let start = cur.pos;
    let mut probe = cur.clone();
    let date = if let Some(day) = probe.day() {
        // "7 February 2016", "28 Rabiul Akhir 1437"
        probe.skip_spaces();
        if let Some(month) = probe.gregorian_month() {
            let year = optional_year(&mut probe);
            WrittenDate::Gregorian { year, month, day }
        } else {
            let month = hijri_months::parse_month(&mut probe)?;
            probe.skip_spaces();
            let year = probe.hijri_year()?;
            WrittenDate::Hijri { year, month, day }
        }
    } else if let Some(month) = probe.gregorian_month() {
        // "Feb 26", "January 24, 2019"
        probe.skip_spaces();
        let day = probe.day()?;
        let year = optional_year(&mut probe);
        WrittenDate::Gregorian { year, month, day }
    } else {
        // "Rabiul Akhir 28, 1437 H"
        let month = hijri_months::parse_month(&mut probe)?;
        probe.skip_spaces();
        let day = probe.day()?;
        probe.eat_char(',');
        probe.skip_spaces();
        let year = probe.hijri_year()?;
        WrittenDate::Hijri { year, month, day }
    };
    let plausible = match date {
        // Feb 29 is a real day in some year; the year check comes later.
        WrittenDate::Gregorian { month, day, .. } => calendar::gregorian_month_length(2000, month)
            .is_some_and(|len| (1..=len).contains(&day)),
        WrittenDate::Hijri { day, .. } => (1..=30).contains(&day),
    };
    if !plausible {
        return None;
    }
    cur.pos = probe.pos;
    Some(DateSpan {
        start,
        end: probe.pos,
        date,
    })
}

fn iso(year: i32, month: u32, day: u32) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

/// Turn the parsed parts into a [`Dateline`] with dates resolved and checked.
fn build(text: &str, parsed: &Parsed, year_hint: Option<i32>) -> (Dateline, Vec<String>) {
    let mut warnings = Vec::new();
    let mut calendars = Vec::new();
    let mut hijri_days = None;
    let mut gregorian = None;
    for span in &parsed.dates {
        match span.date {
            WrittenDate::Hijri { year, month, day } => {
                let converted = calendar::hijri_to_gregorian(year, month, day);
                let written = text[span.start..span.end].trim().to_string();
                if converted.is_none() {
                    warnings.push(format!(
                        "dateline Hijri date '{written}' is outside the Umm al-Qura table or not a real day"
                    ));
                }
                if hijri_days.is_none() {
                    hijri_days = converted.map(|(y, m, d)| calendar::days_from_civil(y, m, d));
                }
                calendars.push(CalendarDate {
                    calendar: "hijri".to_string(),
                    text: written,
                    date: converted.map(|(y, m, d)| iso(y, m, d)),
                });
            }
            WrittenDate::Gregorian { year, month, day } => {
                if gregorian.is_none() {
                    gregorian = Some((year, month, day));
                }
            }
        }
    }
    let date = match gregorian {
        Some((year, month, day)) => {
            // Without a written year, the Hijri date (if any) tells it best.
            let year = year
                .or_else(|| hijri_days.map(|days| nearest_year(days, month, day)))
                .or(year_hint);
            match year {
                Some(year) if calendar::is_valid_gregorian(year, month, day) => {
                    if let Some(hijri) = hijri_days {
                        let gap = (calendar::days_from_civil(year, month, day) - hijri).abs();
                        if gap > 1 {
                            warnings.push(format!(
                                "dateline Hijri and Gregorian dates disagree by {gap} days"
                            ));
                        }
                    }
                    Some(iso(year, month, day))
                }
                Some(year) => {
                    warnings.push(format!(
                        "dateline date {year:04}-{month:02}-{day:02} does not exist"
                    ));
                    None
                }
                None => Some(format!("--{month:02}-{day:02}")),
            }
        }
        None => hijri_days.map(|days| {
            let (y, m, d) = calendar::civil_from_days(days);
            iso(y, m, d)
        }),
    };
    let slice = |range: Option<(usize, usize)>| range.map(|(s, e)| text[s..e].to_string());
    let dateline = Dateline {
        text: text[parsed.start..parsed.end].trim_end().to_string(),
        start: u32::try_from(parsed.start).unwrap_or(u32::MAX),
        end: u32::try_from(parsed.start + text[parsed.start..parsed.end].trim_end().len())
            .unwrap_or(u32::MAX),
        place: slice(parsed.place),
        date,
        calendars,
        agency: slice(parsed.agency),
    };
    (dateline, warnings)
}

/// The year that puts month/day closest to the day number `days`.
fn nearest_year(days: i64, month: u32, day: u32) -> i32 {
    let (year, _, _) = calendar::civil_from_days(days);
    [year - 1, year, year + 1]
        .into_iter()
        .filter(|&y| calendar::is_valid_gregorian(y, month, day))
        .min_by_key(|&y| (calendar::days_from_civil(y, month, day) - days).abs())
        .unwrap_or(year)
}
