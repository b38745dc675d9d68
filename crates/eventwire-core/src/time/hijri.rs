//! Hijri dates written in the text: "28 Rabiul Akhir 1437", "Ramadan 1436 AH",
//! "during Ramadan". Month names are the common English transliterations;
//! the day arithmetic is the crate's Umm al-Qura calendar.

use super::lex::Tok;
use super::recognise::{Hit, Kind, Sem};

fn key(toks: &[Tok], i: usize) -> &str {
    toks.get(i).map_or("", Tok::key)
}

/// Skip "al", "ul", "el" and hyphens or apostrophes between the parts of a name.
fn skip_joiners(toks: &[Tok], mut j: usize) -> usize {
    while matches!(
        key(toks, j),
        "al" | "ul" | "el" | "-" | "'" | "ath" | "as" | "us"
    ) {
        j += 1;
    }
    j
}

/// Which of the two months of a pair the second word names: 1 first, 2 second.
fn pair_part(word: &str) -> Option<u32> {
    match word {
        "awwal" | "awal" | "ula" | "aula" | "oula" | "uula" | "i" | "ulaa" => Some(1),
        "thani" | "tsani" | "sani" | "akhir" | "akhar" | "akhirah" | "akhira" | "thaniya"
        | "thaniyah" | "ii" | "tsaniyah" | "sani'" => Some(2),
        _ => None,
    }
}

/// Whether a word can begin a Hijri month name.
pub(super) fn may_start(key: &str) -> bool {
    matches!(
        key,
        "muharram"
            | "moharram"
            | "muharrem"
            | "safar"
            | "rajab"
            | "recep"
            | "shaban"
            | "syaban"
            | "shaaban"
            | "ramadan"
            | "ramadhan"
            | "ramazan"
            | "ramzan"
            | "shawwal"
            | "syawal"
            | "shawal"
            | "sha"
            | "rabi"
            | "rabiul"
            | "rabius"
            | "rabiu"
            | "robiul"
            | "jumada"
            | "jumadil"
            | "jumadal"
            | "jumadi"
            | "jumadas"
            | "dhul"
            | "dhu"
            | "zul"
            | "dzul"
            | "zulk"
    )
}

/// A Hijri month name at `i`: (month, end).
pub(super) fn month_at(toks: &[Tok], i: usize) -> Option<(u32, usize)> {
    let t = toks.get(i)?;
    if !t.capital {
        return None;
    }
    let single = match t.key() {
        "muharram" | "moharram" | "muharrem" => Some(1),
        "safar" => Some(2),
        "rajab" | "recep" => Some(7),
        "shaban" | "syaban" | "shaaban" => Some(8),
        "ramadan" | "ramadhan" | "ramazan" | "ramzan" => Some(9),
        "shawwal" | "syawal" | "shawal" => Some(10),
        _ => None,
    };
    if let Some(month) = single {
        return Some((month, i + 1));
    }
    match t.key() {
        // "Sha'ban"
        "sha" if key(toks, i + 1) == "'" && key(toks, i + 2) == "ban" => Some((8, i + 3)),
        "rabi" | "rabiul" | "rabius" | "rabiu" | "robiul" => {
            let j = skip_joiners(toks, i + 1);
            pair_part(key(toks, j)).map(|p| (2 + p, j + 1))
        }
        "jumada" | "jumadil" | "jumadal" | "jumadi" | "jumadas" => {
            let j = skip_joiners(toks, i + 1);
            pair_part(key(toks, j)).map(|p| (4 + p, j + 1))
        }
        "dhul" | "dhu" | "zul" | "dzul" | "zulk" => {
            let j = skip_joiners(toks, i + 1);
            match key(toks, j) {
                "qadah" | "qidah" | "qaadah" | "qada" | "qa" | "qi" | "kaedah" | "qaidah" => {
                    // "Qa'dah" splits at the apostrophe.
                    let end = if key(toks, j + 1) == "'" {
                        j + 3
                    } else {
                        j + 1
                    };
                    Some((11, end))
                }
                "hijjah" | "hijja" | "hijah" | "hajj" => Some((12, j + 1)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// A Hijri year: four digits 1300..=1500, maybe followed by "AH" or "H".
fn year_at(toks: &[Tok], i: usize) -> Option<(i32, usize)> {
    let t = toks.get(i)?;
    if t.digit_count() != 4 {
        return None;
    }
    let year = i32::try_from(t.number()?).ok()?;
    if !(1300..=1500).contains(&year) {
        return None;
    }
    let end = match key(toks, i + 1) {
        "ah" | "h" => i + 2,
        "a" if key(toks, i + 2) == "." && key(toks, i + 3) == "h" => {
            if key(toks, i + 4) == "." {
                i + 5
            } else {
                i + 4
            }
        }
        _ => i + 1,
    };
    Some((year, end))
}

/// "28 Rabiul Akhir 1437", "Ramadan 1436", "Ramadan".
/// Whether a month name with neither day nor year, at `i`, is a time: it
/// must follow a word that introduces one ("during Ramadan", "the holy month
/// of Ramadan", "since Muharram"). Alone, the names are also personal names
/// ("Recep Tayyip Erdoğan", "Tariq Ramadan", "Safar" as a surname).
fn bare_month_is_time(toks: &[Tok], i: usize) -> bool {
    i > 0
        && matches!(
            key(toks, i - 1),
            "during"
                | "in"
                | "of"
                | "for"
                | "since"
                | "until"
                | "till"
                | "before"
                | "after"
                | "through"
                | "throughout"
                | "this"
                | "last"
                | "next"
                | "holy"
                | "early"
                | "late"
                | "mid"
                | "the"
        )
}

pub(super) fn match_at(toks: &[Tok], i: usize) -> Option<Hit> {
    let day = toks
        .get(i)
        .filter(|t| (1..=2).contains(&t.digit_count()))
        .and_then(Tok::number)
        .filter(|d| (1..=30).contains(d));
    let (first, month_start) = match day {
        Some(_) => (i, i + 1),
        None => (i, i),
    };
    let (month, after) = month_at(toks, month_start)?;
    let (year, end) = match year_at(toks, after) {
        Some((y, end)) => (Some(y), end),
        None => (None, after),
    };
    if day.is_none() && year.is_none() && !bare_month_is_time(toks, i) {
        return None;
    }
    Some(Hit {
        first,
        end,
        kind: Kind::Date,
        sem: Sem::Hijri { year, month, day },
    })
}
