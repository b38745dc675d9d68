//! Evaluation of the dateline stage.
//!
//! Reuters-21578 keeps each story's dateline in its own field (`dateline`,
//! e.g. "SALVADOR, Feb 26") and the body without it; the original wire text
//! was "SALVADOR, Feb 26 - Showers continued ...". So the evaluation
//! rebuilds that wire form, `"{dateline} - {body}"`, and checks that the
//! finder recovers place and month-day; the bare bodies, which never start
//! with a dateline, measure false alarms. Wikinews articles open with a date
//! line ("Friday, January 4, 2019"); the gold is the article's `date`.
//! BBC News bodies, which have no datelines, measure false alarms too.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context;
use eventwire_core::dateline::{find_dateline, is_weekday};

const REUTERS: &str = "reuters-21578/reuters21578.jsonl";
const WIKINEWS: &str = "wikinews-sample/wikinews-2019-2020.jsonl";
/// BBC News bodies (2004–2005) carry no datelines: a false-alarm set.
const BBC: &str = "bbc-news/bbc-news-2225.jsonl";
/// Reuters-21578 stories are from 1987; their datelines give no year.
const REUTERS_YEAR: i32 = 1987;
/// Examples of each kind of error printed.
const SHOWN_ERRORS: usize = 5;

/// Run the dateline evaluation over the gold data in `data` and print the report.
pub fn run(data: &Path) -> anyhow::Result<()> {
    let reuters = data.join(REUTERS);
    println!("dateline: Reuters-21578 ({})", REUTERS);
    println!("  the bodies do not contain the dateline: it is rebuilt as the wire form \"DATELINE - body\";");
    println!("  false alarms are counted on the bare bodies (none starts with a dateline).");
    let mut splits = std::collections::BTreeMap::<String, ReutersScore>::new();
    for record in read_jsonl(&reuters)? {
        let record = record?;
        let split = record["lewissplit"]
            .as_str()
            .unwrap_or("unknown")
            .to_string();
        splits.entry(split).or_default().add(&record);
    }
    let mut total = ReutersScore::default();
    for (split, score) in &splits {
        score.print(&format!("split {split}"));
        total.merge(score);
    }
    total.print("all splits");
    total.print_errors();

    let wikinews = data.join(WIKINEWS);
    let mut wiki = WikinewsScore::default();
    for record in read_jsonl(&wikinews)? {
        wiki.add(&record?);
    }
    println!("dateline: Wikinews 2019-2020 sample ({})", WIKINEWS);
    wiki.print();

    let bbc = data.join(BBC);
    let mut articles = 0u64;
    let mut alarms = Vec::new();
    let started = Instant::now();
    for record in read_jsonl(&bbc)? {
        let record = record?;
        articles += 1;
        if let Some((found, _)) = find_dateline(record["text"].as_str().unwrap_or(""), None) {
            alarms.push(found.text);
        }
    }
    println!(
        "dateline: BBC News bodies, which have no datelines ({})",
        BBC
    );
    println!(
        "  false alarms {}  time {:.3} ms in all",
        percent(alarms.len() as u64, articles),
        started.elapsed().as_secs_f64() * 1e3
    );
    for alarm in alarms.iter().take(SHOWN_ERRORS) {
        println!("    false alarm: {alarm}");
    }
    Ok(())
}

fn read_jsonl(
    path: &Path,
) -> anyhow::Result<impl Iterator<Item = anyhow::Result<serde_json::Value>>> {
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let shown = path.display().to_string();
    Ok(BufReader::new(file)
        .lines()
        .enumerate()
        .map(move |(index, line)| {
            let line = line.with_context(|| format!("reading {shown} line {}", index + 1))?;
            serde_json::from_str(&line)
                .with_context(|| format!("parsing {shown} line {}", index + 1))
        }))
}

/// Lowercase with single spaces, for comparing places.
fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Month number of an English month name or abbreviation in gold data.
fn gold_month(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    if word.len() < 3 {
        return None;
    }
    months
        .iter()
        .zip(1u32..)
        .find(|(prefix, _)| word.starts_with(*prefix))
        .map(|(_, month)| month)
}

/// A gold "Month Day" or "Day Month" ("Feb 26", "MARCH 1", "2 March").
fn gold_month_day(text: &str) -> Option<(u32, u32)> {
    let mut parts = text.split_whitespace();
    let (first, second) = (parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let (month, day) = match gold_month(first) {
        Some(month) => (month, second.parse::<u32>().ok()?),
        None => (gold_month(second)?, first.parse::<u32>().ok()?),
    };
    (1..=31).contains(&day).then_some((month, day))
}

/// Gold place and month-day of a Reuters dateline: "PORTLAND, Ore., Feb 26"
/// -> ("PORTLAND, Ore.", (2, 26)); "TOKYO" -> ("TOKYO", none).
fn gold_parts(dateline: &str) -> (Option<String>, Option<(u32, u32)>) {
    // A few gold fields run on into the headline ("LONDON, April 9 -
    // FIXTURES") or keep the old agency credit ("..., April 8, Reuter").
    let dateline = dateline.split(" - ").next().unwrap_or(dateline).trim();
    let dateline = dateline.strip_suffix(", Reuter").unwrap_or(dateline).trim();
    match dateline.rsplit_once(',') {
        Some((place, date)) => match gold_month_day(date) {
            // "TUE, APR 07": a weekday, no place.
            Some(month_day) if is_weekday(place.trim()) => (None, Some(month_day)),
            Some(month_day) => (Some(place.trim().to_string()), Some(month_day)),
            None => (Some(dateline.to_string()), None),
        },
        None => match gold_month_day(dateline) {
            Some(month_day) => (None, Some(month_day)),
            None => (Some(dateline.to_string()), None),
        },
    }
}

/// Whether a gold dateline has the usual shape: a place of letters and,
/// after a comma, a month and day ("MAR8  --" and "7" are table debris,
/// "****MOSCOW" and "c    LONDON" keep wire control codes).
fn is_well_formed(place: Option<&str>, month_day: Option<(u32, u32)>) -> bool {
    let place_ok = place.is_some_and(|p| {
        p.starts_with(char::is_alphabetic)
            && p.chars().any(char::is_alphabetic)
            && !p.chars().any(|c| c.is_ascii_digit())
            && !p.contains("--")
    });
    place_ok && month_day.is_some()
}

/// Month and day of a found ISO date ("1987-02-26" or "--02-26").
fn found_month_day(date: &str) -> Option<(u32, u32)> {
    let tail = date.get(date.len().checked_sub(5)?..)?;
    let (month, day) = tail.split_once('-')?;
    Some((month.parse().ok()?, day.parse().ok()?))
}

#[derive(Default)]
struct ReutersScore {
    articles: u64,
    with_gold: u64,
    detected: u64,
    with_place: u64,
    place_right: u64,
    with_date: u64,
    date_right: u64,
    well_formed: u64,
    well_formed_detected: u64,
    well_formed_place_right: u64,
    well_formed_date_right: u64,
    bare_bodies: u64,
    false_alarms: u64,
    bytes: u64,
    time: Duration,
    calls: u64,
    misses: Vec<String>,
    wrong_places: Vec<String>,
    false_alarm_examples: Vec<String>,
}

impl ReutersScore {
    fn add(&mut self, record: &serde_json::Value) {
        self.articles += 1;
        let gold = record["dateline"].as_str().unwrap_or("").trim();
        let body = record["body"].as_str().unwrap_or("");

        let started = Instant::now();
        let on_bare = find_dateline(body, Some(REUTERS_YEAR));
        self.time += started.elapsed();
        self.calls += 1;
        self.bytes += body.len() as u64;
        self.bare_bodies += 1;
        if let Some((found, _)) = on_bare {
            self.false_alarms += 1;
            if self.false_alarm_examples.len() < SHOWN_ERRORS {
                self.false_alarm_examples.push(found.text);
            }
        }

        if gold.is_empty() {
            return;
        }
        self.with_gold += 1;
        let (place, month_day) = gold_parts(gold);
        let well_formed = is_well_formed(place.as_deref(), month_day);
        self.well_formed += u64::from(well_formed);
        let wire = format!("{gold} - {body}");
        let started = Instant::now();
        let found = find_dateline(&wire, Some(REUTERS_YEAR));
        self.time += started.elapsed();
        self.calls += 1;
        self.bytes += wire.len() as u64;
        // The dateline must be the one at the start of the wire text.
        let found = found.map(|(d, _)| d).filter(|d| d.start == 0);
        let Some(found) = found else {
            // Malformed gold ("****MOSCOW, April 29") says little; show the rest.
            if well_formed && self.misses.len() < SHOWN_ERRORS {
                self.misses.push(
                    wire.chars()
                        .take(70)
                        .map(|c| if c == '\n' { ' ' } else { c })
                        .collect(),
                );
            }
            if place.is_some() {
                self.with_place += 1;
            }
            if month_day.is_some() {
                self.with_date += 1;
            }
            return;
        };
        self.detected += 1;
        self.well_formed_detected += u64::from(well_formed);
        if let Some(place) = &place {
            self.with_place += 1;
            let right = found
                .place
                .as_deref()
                .is_some_and(|p| normalise(p) == normalise(place));
            self.place_right += u64::from(right);
            self.well_formed_place_right += u64::from(right && well_formed);
            if !right && self.wrong_places.len() < SHOWN_ERRORS {
                self.wrong_places
                    .push(format!("{gold:?} -> {:?}", found.place));
            }
        }
        if let Some(month_day) = month_day {
            self.with_date += 1;
            let right = found.date.as_deref().and_then(found_month_day) == Some(month_day);
            self.date_right += u64::from(right);
            self.well_formed_date_right += u64::from(right && well_formed);
        }
    }

    fn merge(&mut self, other: &ReutersScore) {
        self.articles += other.articles;
        self.with_gold += other.with_gold;
        self.detected += other.detected;
        self.with_place += other.with_place;
        self.place_right += other.place_right;
        self.with_date += other.with_date;
        self.date_right += other.date_right;
        self.well_formed += other.well_formed;
        self.well_formed_detected += other.well_formed_detected;
        self.well_formed_place_right += other.well_formed_place_right;
        self.well_formed_date_right += other.well_formed_date_right;
        self.bare_bodies += other.bare_bodies;
        self.false_alarms += other.false_alarms;
        self.bytes += other.bytes;
        self.time += other.time;
        self.calls += other.calls;
        for (mine, theirs) in [
            (&mut self.misses, &other.misses),
            (&mut self.wrong_places, &other.wrong_places),
            (&mut self.false_alarm_examples, &other.false_alarm_examples),
        ] {
            let room = SHOWN_ERRORS.saturating_sub(mine.len());
            mine.extend(theirs.iter().take(room).cloned());
        }
    }

    fn print(&self, label: &str) {
        println!(
            "  {label}: {} articles, {} with a gold dateline ({} well-formed)",
            self.articles, self.with_gold, self.well_formed
        );
        println!(
            "    detection {}  place accuracy {}  date (month-day) accuracy {}",
            percent(self.detected, self.with_gold),
            percent(self.place_right, self.with_place),
            percent(self.date_right, self.with_date),
        );
        println!(
            "    well-formed gold: detection {}  place {}  date {}",
            percent(self.well_formed_detected, self.well_formed),
            percent(self.well_formed_place_right, self.well_formed),
            percent(self.well_formed_date_right, self.well_formed),
        );
        println!(
            "    false alarms on bare bodies {}",
            percent(self.false_alarms, self.bare_bodies)
        );
        let seconds = self.time.as_secs_f64().max(1e-9);
        println!(
            "    speed {:.0} texts/s, {:.1} MB/s ({} calls in {:.3} s)",
            self.calls as f64 / seconds,
            self.bytes as f64 / 1e6 / seconds,
            self.calls,
            seconds
        );
    }

    fn print_errors(&self) {
        for (title, examples) in [
            ("missed", &self.misses),
            ("wrong place", &self.wrong_places),
            ("false alarm", &self.false_alarm_examples),
        ] {
            for example in examples {
                println!("    {title}: {example}");
            }
        }
    }
}

/// Whether one of the first lines of a Wikinews text is a date line: short
/// and ending in the article's year ("Friday, January 4, 2019"). Pages
/// awaiting review put two notices before it.
fn opens_with_date_line(text: &str, gold_date: &str) -> bool {
    const FIRST_LINES: usize = 4;
    let year = gold_date.get(..4).unwrap_or("????");
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(FIRST_LINES)
        .any(|line| line.len() <= 40 && line.ends_with(year))
}

#[derive(Default)]
struct WikinewsScore {
    articles: u64,
    date_lines: u64,
    detected: u64,
    date_right: u64,
    no_date_line: u64,
    false_alarms: u64,
    time: Duration,
    examples: Vec<String>,
}

impl WikinewsScore {
    fn add(&mut self, record: &serde_json::Value) {
        self.articles += 1;
        let text = record["text"].as_str().unwrap_or("");
        let gold = record["date"].as_str().unwrap_or("");
        let started = Instant::now();
        let found = find_dateline(text, None);
        self.time += started.elapsed();
        if opens_with_date_line(text, gold) {
            self.date_lines += 1;
            if let Some((found, _)) = found {
                self.detected += 1;
                let right = found.date.as_deref() == Some(gold);
                self.date_right += u64::from(right);
                if !right && self.examples.len() < SHOWN_ERRORS {
                    self.examples.push(format!(
                        "{:?} gold {gold} found {:?}",
                        found.text, found.date
                    ));
                }
            } else if self.examples.len() < SHOWN_ERRORS {
                self.examples
                    .push(format!("missed {:?}", text.lines().next().unwrap_or("")));
            }
        } else {
            self.no_date_line += 1;
            if let Some((found, _)) = found {
                self.false_alarms += 1;
                if self.examples.len() < SHOWN_ERRORS {
                    self.examples.push(format!("false alarm {:?}", found.text));
                }
            }
        }
    }

    fn print(&self) {
        println!(
            "  {} articles, {} open with a date line: detection {}  date = gold date {}",
            self.articles,
            self.date_lines,
            percent(self.detected, self.date_lines),
            percent(self.date_right, self.date_lines)
        );
        println!(
            "  {} without a date line: false alarms {}",
            self.no_date_line,
            percent(self.false_alarms, self.no_date_line)
        );
        println!("  time {:.3} ms in all", self.time.as_secs_f64() * 1e3);
        for example in &self.examples {
            println!("    {example}");
        }
    }
}

fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        "n/a".to_string()
    } else {
        format!(
            "{:.2}% ({part}/{whole})",
            100.0 * part as f64 / whole as f64
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_dateline_parts() {
        assert_eq!(
            gold_parts("PORTLAND, Ore., Feb 26"),
            (Some("PORTLAND, Ore.".to_string()), Some((2, 26)))
        );
        assert_eq!(gold_parts("TOKYO"), (Some("TOKYO".to_string()), None));
        assert_eq!(gold_parts("APRIL 7"), (None, Some((4, 7))));
        assert_eq!(
            gold_parts("AMSTERDAM, 2 March"),
            (Some("AMSTERDAM".to_string()), Some((3, 2)))
        );
        assert_eq!(gold_parts("TUE, APR 07"), (None, Some((4, 7))));
        assert_eq!(
            gold_parts("MONTREAL, Feb 26"),
            (Some("MONTREAL".to_string()), Some((2, 26)))
        );
        assert_eq!(found_month_day("1987-02-26"), Some((2, 26)));
        assert_eq!(found_month_day("--03-01"), Some((3, 1)));
        assert!(!is_well_formed(Some("MAR8  --"), None));
        assert!(!is_well_formed(Some("****MOSCOW"), Some((4, 29))));
        assert_eq!(
            gold_parts("WASHINGTON, April 8, Reuter"),
            (Some("WASHINGTON".to_string()), Some((4, 8)))
        );
        assert_eq!(
            gold_parts("LONDON, April 9 - FIXTURES"),
            (Some("LONDON".to_string()), Some((4, 9)))
        );
    }
}
