//! Datelines, Hijri calendar conversion and provenance.

use eventwire_core::calendar::{
    civil_from_days, days_from_civil, gregorian_to_hijri, hijri_month_length, hijri_to_gregorian,
};
use eventwire_core::dateline::find_dateline;
use eventwire_core::document::{Dateline, Source, SourceRelation};
use eventwire_core::provenance::find_sources;

fn dateline(text: &str, year_hint: Option<i32>) -> Dateline {
    match find_dateline(text, year_hint) {
        Some((dateline, _)) => dateline,
        None => panic!("no dateline found in {text:?}"),
    }
}

/// Check text, offsets, place, date and agency of the dateline of `body`.
fn check(
    body: &str,
    year_hint: Option<i32>,
    text: &str,
    place: Option<&str>,
    date: Option<&str>,
    agency: Option<&str>,
) {
    let found = dateline(body, year_hint);
    assert_eq!(found.text, text, "text of {body:?}");
    assert_eq!(
        &body[found.start as usize..found.end as usize],
        text,
        "offsets of {body:?}"
    );
    assert_eq!(found.place.as_deref(), place, "place of {body:?}");
    assert_eq!(found.date.as_deref(), date, "date of {body:?}");
    assert_eq!(found.agency.as_deref(), agency, "agency of {body:?}");
}

#[test]
fn reuters_place_and_agency() {
    check(
        "WASHINGTON (Reuters) - The U.S. Senate on Tuesday passed the bill.",
        Some(2019),
        "WASHINGTON (Reuters) -",
        Some("WASHINGTON"),
        None,
        Some("Reuters"),
    );
}

#[test]
fn reuters_place_date_and_agency() {
    check(
        "LONDON, Feb 7 (Reuters) - British house prices rose in January.",
        Some(2019),
        "LONDON, Feb 7 (Reuters) -",
        Some("LONDON"),
        Some("2019-02-07"),
        Some("Reuters"),
    );
}

#[test]
fn reuters_21578_without_agency() {
    check(
        "SALVADOR, Feb 26 - Showers continued throughout the week in\nthe Bahia cocoa zone.",
        Some(1987),
        "SALVADOR, Feb 26 -",
        Some("SALVADOR"),
        Some("1987-02-26"),
        None,
    );
    check(
        "PORTLAND, Ore., Feb 26 - Red Lion Inns Limited Partnership\nsaid it filed a registration.",
        Some(1987),
        "PORTLAND, Ore., Feb 26 -",
        Some("PORTLAND, Ore."),
        Some("1987-02-26"),
        None,
    );
}

#[test]
fn missing_year_without_hint_is_partial() {
    check(
        "NEW YORK, March 3 (AP) — Stocks fell on Tuesday.",
        None,
        "NEW YORK, March 3 (AP) —",
        Some("NEW YORK"),
        Some("--03-03"),
        Some("AP"),
    );
}

#[test]
fn bare_place_with_long_dash() {
    check(
        "CAIRO — Egypt's president said on Sunday.",
        None,
        "CAIRO —",
        Some("CAIRO"),
        None,
        None,
    );
    // The long dash may touch the first word.
    check(
        "CAIRO—Egypt's president said.",
        None,
        "CAIRO—",
        Some("CAIRO"),
        None,
        None,
    );
}

#[test]
fn capital_town_with_its_state_in_its_own_case() {
    check(
        "CHARLESTON, W.Va. -- All lanes of Interstate 64 were closed.",
        None,
        "CHARLESTON, W.Va. --",
        Some("CHARLESTON, W.Va."),
        None,
        None,
    );
    // A mixed-case first part with no date or credit is a sentence.
    assert!(find_dateline("Charleston, W.Va. -- all lanes were closed.", None).is_none());
}

#[test]
fn agency_only() {
    check(
        "(AP) — A gunman opened fire on Sunday.",
        None,
        "(AP) —",
        None,
        None,
        Some("AP"),
    );
}

#[test]
fn place_with_country_and_abbreviated_month() {
    check(
        "Kabul, Afghanistan, Jan. 5 (AFP) - Taliban fighters attacked a checkpoint.",
        Some(2020),
        "Kabul, Afghanistan, Jan. 5 (AFP) -",
        Some("Kabul, Afghanistan"),
        Some("2020-01-05"),
        Some("AFP"),
    );
}

#[test]
fn xinhua_double_hyphen() {
    check(
        "BEIJING, Jan. 6 (Xinhua) -- China's foreign trade grew in 2019.",
        Some(2020),
        "BEIJING, Jan. 6 (Xinhua) --",
        Some("BEIJING"),
        Some("2020-01-06"),
        Some("Xinhua"),
    );
}

#[test]
fn mina_hijri_and_gregorian_after_lead_lines() {
    let body = "Russia Wants Military Solution To Syrian Crisis: US\n\nPhoto: Anadolu Agency\nPhoto: Anadolu Agency\n\n\
                Washington, 28 Rabiul Akhir 1437/7 February 2016 (MINA) –  Russian support of the Syrian government \
                indicates Moscow wants a military solution.";
    let (found, warnings) = find_dateline(body, None).expect("dateline");
    assert_eq!(
        found.text,
        "Washington, 28 Rabiul Akhir 1437/7 February 2016 (MINA) –"
    );
    assert_eq!(&body[found.start as usize..found.end as usize], found.text);
    assert_eq!(found.place.as_deref(), Some("Washington"));
    assert_eq!(found.date.as_deref(), Some("2016-02-07"));
    assert_eq!(found.agency.as_deref(), Some("MINA"));
    assert_eq!(found.calendars.len(), 1);
    assert_eq!(found.calendars[0].calendar, "hijri");
    assert_eq!(found.calendars[0].text, "28 Rabiul Akhir 1437");
    assert_eq!(found.calendars[0].date.as_deref(), Some("2016-02-07"));
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn hijri_gregorian_disagreement_is_warned() {
    let (found, warnings) = find_dateline(
        "Jakarta, 28 Rabiul Akhir 1437/9 February 2016 (MINA) - The minister said.",
        None,
    )
    .expect("dateline");
    assert_eq!(found.date.as_deref(), Some("2016-02-09"));
    assert_eq!(
        warnings,
        vec!["dateline Hijri and Gregorian dates disagree by 2 days".to_string()]
    );
    // One day apart is normal (local sighting, time zones): no warning.
    let (_, warnings) = find_dateline(
        "Jakarta, 28 Rabiul Akhir 1437/8 February 2016 (MINA) - The minister said.",
        None,
    )
    .expect("dateline");
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn hijri_only_dateline_is_converted() {
    let found = dateline(
        "Riyadh, 1 Ramadan 1445 H (SPA) - The Kingdom announced.",
        None,
    );
    assert_eq!(found.date.as_deref(), Some("2024-03-11"));
    assert_eq!(found.calendars[0].text, "1 Ramadan 1445 H");
}

#[test]
fn hijri_out_of_range_is_warned_not_converted() {
    let (found, warnings) =
        find_dateline("Mecca, 1 Ramadan 1600 AH (SPA) - Pilgrims arrived.", None)
            .expect("dateline");
    assert_eq!(found.date, None);
    assert_eq!(found.calendars[0].date, None);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
}

#[test]
fn wikinews_date_line() {
    let body = "Thursday, January 24, 2019 \n\n\nAn apartment building collapsed on Monday.";
    let found = dateline(body, None);
    assert_eq!(found.text, "Thursday, January 24, 2019");
    assert_eq!(found.date.as_deref(), Some("2019-01-24"));
    assert_eq!(found.place, None);
}

#[test]
fn ordinary_first_sentences_are_not_datelines() {
    for body in [
        "The U.S. said on Tuesday it would impose new sanctions.",
        "On Saturday morning, representatives from Iran acknowledged their government had shot it down.",
        "Officials: the death toll has risen to 12.",
        "March 3 marks the anniversary of the uprising.",
        "May Day rallies drew thousands in Paris, Berlin and Madrid.",
        "Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought since early\nJanuary.",
        "THE FOLLOWING RAINFALL WAS RECORDED IN\nTHE AREAS OVER PAST 72 HOURS",
        "MINNEAPOLIS WHEAT\n MAY7 284 1/2            UP      1\n JUL7 280 1/4            OFF   1/2",
        "Kirby (left) - who spoke on Thursday - said talks would resume.",
        "",
        "(",
        "—",
    ] {
        assert!(find_dateline(body, Some(2019)).is_none(), "fired on {body:?}");
    }
}

#[test]
fn dateline_after_a_long_paragraph_is_ignored() {
    let body = format!(
        "{}\n\nLONDON, Feb 7 (Reuters) - Late line.",
        "word ".repeat(60)
    );
    assert!(find_dateline(&body, None).is_none());
}

#[test]
fn odd_inputs_do_not_panic() {
    for body in [
        "É, Feb 7 (",
        "ŞANLIURFA, 7 Şubat (AA) -",
        "BOGOTÁ, March 4 - Colombia's",
        "(\u{a0}AP\u{a0}) —",
        "X, 99 Rabi II 99999 (AA) -",
        "Mecca, 30 Muharram 1445 -",
        "ST. LOUIS, Feb 29 - ",
        "日本, 2月7日 —",
    ] {
        let _ = find_dateline(body, Some(1987));
    }
    let found = dateline("BOGOTÁ, March 4 - Colombia's", Some(1987));
    assert_eq!(found.place.as_deref(), Some("BOGOTÁ"));
    // Feb 29 of a non-leap hint year does not exist: no date, a warning.
    let (found, warnings) =
        find_dateline("ST. LOUIS, Feb 29 - Prices", Some(1987)).expect("dateline");
    assert_eq!(found.date, None);
    assert_eq!(warnings.len(), 1);
}

#[test]
fn big_single_line_input_is_fast() {
    let body = "a".repeat(50_000_000);
    let started = std::time::Instant::now();
    assert!(find_dateline(&body, None).is_none());
    assert!(
        started.elapsed().as_secs_f64() < 1.0,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn hijri_month_spellings() {
    // (spelling, month) — each converts 1 <month> 1440 to the same date as the canonical one.
    let spellings: &[(&str, u32)] = &[
        ("Muharram", 1),
        ("Safar", 2),
        ("Rabi' al-Awwal", 3),
        ("Rabiul Awal", 3),
        ("Rabi I", 3),
        ("Rabi’ al-Awwal", 3),
        ("Rabi' al-Thani", 4),
        ("Rabiul Akhir", 4),
        ("Rabi' al-Akhir", 4),
        ("Rabi II", 4),
        ("Rabi‘ al Thani", 4),
        ("Jumada al-Ula", 5),
        ("Jumadil Awal", 5),
        ("Jumada I", 5),
        ("Jumada al-Akhirah", 6),
        ("Jumada al-Thani", 6),
        ("Jumadil Akhir", 6),
        ("Jumada II", 6),
        ("Rajab", 7),
        ("Sha'ban", 8),
        ("Sha’ban", 8),
        ("Syaban", 8),
        ("Ramadan", 9),
        ("Ramadhan", 9),
        ("Shawwal", 10),
        ("Syawal", 10),
        ("Dhu al-Qi'dah", 11),
        ("Dzulqaidah", 11),
        ("Zulkaedah", 11),
        ("Dhu al-Hijjah", 12),
        ("Dzulhijjah", 12),
        ("Zulhijjah", 12),
        ("DHU AL-HIJJAH", 12),
    ];
    for &(spelling, month) in spellings {
        for suffix in ["", " AH", " H", " A.H."] {
            let body = format!("Mecca, 1 {spelling} 1440{suffix} (SPA) - Pilgrims arrived.");
            let found = dateline(&body, None);
            let expected =
                hijri_to_gregorian(1440, month, 1).map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"));
            assert_eq!(found.date, expected, "{body}");
            assert_eq!(
                found.calendars[0].text,
                format!("1 {spelling} 1440{suffix}"),
                "{body}"
            );
        }
    }
}

#[test]
fn hijri_conversion_known_dates() {
    assert_eq!(hijri_to_gregorian(1437, 4, 28), Some((2016, 2, 7)));
    assert_eq!(hijri_to_gregorian(1445, 9, 1), Some((2024, 3, 11)));
    assert_eq!(hijri_to_gregorian(1445, 1, 1), Some((2023, 7, 19)));
    assert_eq!(hijri_to_gregorian(1356, 1, 1), Some((1937, 3, 14)));
    // The table's first and last days.
    assert_eq!(hijri_to_gregorian(1343, 1, 1), Some((1924, 8, 1)));
    assert_eq!(hijri_to_gregorian(1500, 12, 30), Some((2077, 11, 16)));
    assert_eq!(gregorian_to_hijri(2016, 2, 7), Some((1437, 4, 28)));
    assert_eq!(gregorian_to_hijri(2077, 11, 16), Some((1500, 12, 30)));
}

#[test]
fn hijri_conversion_edges() {
    // Month lengths follow the table: 29 or 30 days.
    assert_eq!(hijri_month_length(1445, 9), Some(30));
    assert_eq!(hijri_month_length(1445, 8), Some(29));
    assert_eq!(hijri_to_gregorian(1445, 8, 30), None);
    assert_eq!(hijri_to_gregorian(1445, 8, 29), Some((2024, 3, 10)));
    assert_eq!(hijri_to_gregorian(1445, 9, 30), Some((2024, 4, 9)));
    assert_eq!(hijri_to_gregorian(1445, 10, 1), Some((2024, 4, 10)));
    // Year boundary: the last day of 1444 is the eve of 1 Muharram 1445.
    let last_1444 = hijri_month_length(1444, 12).expect("in table");
    let (y, m, d) = hijri_to_gregorian(1444, 12, last_1444).expect("in table");
    assert_eq!(days_from_civil(y, m, d) + 1, days_from_civil(2023, 7, 19));
    // Out of range and invalid input.
    assert_eq!(hijri_to_gregorian(1342, 12, 29), None);
    assert_eq!(hijri_to_gregorian(1501, 1, 1), None);
    assert_eq!(hijri_to_gregorian(1445, 13, 1), None);
    assert_eq!(hijri_to_gregorian(1445, 0, 1), None);
    assert_eq!(hijri_to_gregorian(1445, 1, 0), None);
    assert_eq!(gregorian_to_hijri(1924, 7, 31), None);
    assert_eq!(gregorian_to_hijri(2077, 11, 17), None);
    assert_eq!(gregorian_to_hijri(2023, 2, 29), None);
    // Every month of the modern table has 29 or 30 days.
    for year in 1365..=1500 {
        for month in 1..=12 {
            let length = hijri_month_length(year, month).expect("in table");
            assert!(length == 29 || length == 30, "{year}-{month}: {length}");
        }
    }
}

#[test]
fn civil_days_inverse() {
    for (y, m, d) in [
        (1970, 1, 1),
        (2000, 2, 29),
        (1600, 3, 1),
        (-1, 12, 31),
        (2077, 11, 16),
    ] {
        assert_eq!(civil_from_days(days_from_civil(y, m, d)), (y, m, d));
    }
    assert_eq!(days_from_civil(1970, 1, 1), 0);
}

fn names(sources: &[Source], relation: SourceRelation) -> Vec<&str> {
    sources
        .iter()
        .filter(|s| s.relation == relation)
        .map(|s| s.name.as_str())
        .collect()
}

#[test]
fn provenance_of_the_mina_story() {
    let body = "Washington, 28 Rabiul Akhir 1437/7 February 2016 (MINA) –  Russian support of the Syrian \
                government indicates Moscow wants a military solution.\n\nState Department spokesman John Kirby \
                said Russian military activities continue,  Mi’raj Islamic News Agency (MINA) reported, quoting \
                Anadolu Agency.\n\nMore than 1,730 civilians have been killed, according to the Syrian National \
                Coalition.";
    let found = dateline(body, None);
    let sources = find_sources(body, Some(&found), Some("MINA News"));
    assert_eq!(names(&sources, SourceRelation::Publisher), vec!["MINA"]);
    assert_eq!(
        names(&sources, SourceRelation::Quoted),
        vec!["Anadolu Agency"]
    );
}

#[test]
fn provenance_relay_phrases() {
    let body = "Iran said on Monday it had seized a tanker, according to the IRNA news agency.\n\
                The semi-official Tasnim news agency reported that the crew were safe.\n\
                Xinhua reported the ship was sailing to Singapore.\n\
                The Pentagon said it was monitoring the situation. (AA)\n\
                An official told Reuters the tanker was British.\n\
                The figures were reported by Turkey's Anadolu Agency.";
    let sources = find_sources(body, None, Some("Example Daily"));
    assert_eq!(
        names(&sources, SourceRelation::Publisher),
        vec!["Example Daily"]
    );
    // "(AA)" and "Anadolu Agency" are one source; "told Reuters" is no relay.
    assert_eq!(
        names(&sources, SourceRelation::Quoted),
        vec!["IRNA", "Tasnim", "Xinhua", "AA"]
    );
}

#[test]
fn provenance_closing_credits_only_end_lines() {
    // Credits close a line after any dots and spaces, "\r\n" included and
    // on a last line without a newline; a bracket inside a line is none.
    let body = "Prices (in dollars) rose. (AFP/Reuters)\r\n\
                The talks (held in Cairo) ended (Xinhua). \n\
                He said (WAM) the deal was done.\n\
                Markets closed. (KUNA).";
    let sources = find_sources(body, None, None);
    assert_eq!(
        names(&sources, SourceRelation::Quoted),
        vec!["AFP", "Reuters", "Xinhua", "KUNA"]
    );
}

#[test]
fn provenance_ignores_people_and_offices() {
    let body =
        "Kirby said the talks stalled, according to State Department spokesman John Kirby.\n\
                John Kirby reported no progress, quoting officials.\n\
                He spoke to the Syrian National Coalition (SNC)";
    let sources = find_sources(body, None, None);
    assert!(sources.is_empty(), "{sources:?}");
}

/// A file below the shared data folder, or `None` with a skip message.
fn read_shared(relative: &str) -> Option<String> {
    let Some(dir) = data_dir() else {
        eprintln!("skipping: no shared data folder (set EVENTWIRE_DATA)");
        return None;
    };
    let path = dir.join(relative);
    let text = std::fs::read_to_string(&path).ok();
    if text.is_none() {
        eprintln!("skipping: {} is absent", path.display());
    }
    text
}

/// Reuters-21578 bodies never start with a dateline; rebuilt as the wire
/// form "DATELINE - body", the place must be found.
#[test]
fn reuters_21578_real_lines() {
    let Some(file) = read_shared("reuters-21578/reuters21578.jsonl") else {
        return;
    };
    let mut tried = 0;
    let mut places_right = 0;
    let mut false_alarms = 0;
    for line in file.lines().take(500) {
        let Ok(record) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let gold = record["dateline"].as_str().unwrap_or("").trim();
        let body = record["body"].as_str().unwrap_or("");
        let Some((gold_place, _)) = gold.rsplit_once(',') else {
            continue;
        };
        if find_dateline(body, Some(1987)).is_some() {
            false_alarms += 1;
        }
        let wire = format!("{gold} - {body}");
        tried += 1;
        if let Some((found, _)) = find_dateline(&wire, Some(1987)) {
            if found.place.as_deref() == Some(gold_place.trim()) {
                places_right += 1;
            }
        }
    }
    assert!(tried > 400, "only {tried} datelines read");
    assert!(
        places_right * 100 >= tried * 95,
        "{places_right}/{tried} places right"
    );
    assert!(
        false_alarms * 100 <= tried,
        "fired on {false_alarms}/{tried} bodies without a dateline"
    );
}

fn data_dir() -> Option<std::path::PathBuf> {
    if let Some(dir) = std::env::var_os("EVENTWIRE_DATA") {
        return Some(dir.into());
    }
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors()
        .map(|dir| dir.join("../shared/data"))
        .find(|candidate| candidate.is_dir())
}

#[test]
fn early_umm_al_qura_months_follow_the_table() {
    // The official calendar of the 1340s AH had a few 28- and 31-day months.
    assert_eq!(hijri_month_length(1345, 5), Some(31));
    assert_eq!(hijri_month_length(1343, 9), Some(28));
    assert_eq!(hijri_to_gregorian(1343, 9, 29), None);
    let (y, m, d) = hijri_to_gregorian(1343, 9, 28).expect("in table");
    let (ny, nm, nd) = hijri_to_gregorian(1343, 10, 1).expect("in table");
    assert_eq!(days_from_civil(y, m, d) + 1, days_from_civil(ny, nm, nd));
}

#[test]
fn colon_separator_and_lowercase_places() {
    check(
        "NEW DELHI: The government on Monday announced new rules.",
        None,
        "NEW DELHI:",
        Some("NEW DELHI"),
        None,
        None,
    );
    check(
        "des moines, april 7 - Farmers planted early.",
        Some(1987),
        "des moines, april 7 -",
        Some("des moines"),
        Some("1987-04-07"),
        None,
    );
    // Labels are no places.
    for body in ["NOTE: Figures are unaudited.", "UPDATE - Police said."] {
        assert!(find_dateline(body, None).is_none(), "fired on {body:?}");
    }
}

#[test]
fn month_first_hijri_and_old_reuter_credit() {
    let found = dateline(
        "Jakarta, Rabiul Akhir 28, 1437 H (MINA) - The minister said.",
        None,
    );
    assert_eq!(found.date.as_deref(), Some("2016-02-07"));
    assert_eq!(found.calendars[0].text, "Rabiul Akhir 28, 1437 H");
    check(
        "WASHINGTON, April 8, Reuter - Angered by late flights, travellers complained.",
        Some(1987),
        "WASHINGTON, April 8, Reuter -",
        Some("WASHINGTON"),
        Some("1987-04-08"),
        Some("Reuter"),
    );
}

#[test]
fn byline_before_dateline_in_one_block() {
    check(
        "By Jane Smith\nLONDON, Feb 7 (Reuters) - Prices rose.",
        Some(2019),
        "LONDON, Feb 7 (Reuters) -",
        Some("LONDON"),
        Some("2019-02-07"),
        Some("Reuters"),
    );
}

/// The project's example wire story (skipped when the shared folder is absent).
#[test]
fn mina_example_story() {
    let Some(story) = read_shared("../examples/mina-2016-02-07.txt") else {
        return;
    };
    let (found, warnings) = find_dateline(&story, None).expect("dateline");
    assert_eq!(found.place.as_deref(), Some("Washington"));
    assert_eq!(found.date.as_deref(), Some("2016-02-07"));
    assert_eq!(found.calendars[0].date.as_deref(), Some("2016-02-07"));
    assert!(warnings.is_empty(), "{warnings:?}");
    let sources = find_sources(&story, Some(&found), None);
    assert_eq!(names(&sources, SourceRelation::Publisher), vec!["MINA"]);
    assert_eq!(
        names(&sources, SourceRelation::Quoted),
        vec!["Anadolu Agency"]
    );
}

mod no_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_text(text in "[A-Za-z0-9 ,.:()\\-—–'’/\n\u{a0}éŞ日]{0,120}", hint in proptest::option::of(1900i32..2100)) {
            if let Some((found, _)) = find_dateline(&text, hint) {
                prop_assert!(text.get(found.start as usize..found.end as usize) == Some(found.text.as_str()));
            }
            let _ = find_sources(&text, None, Some("Site"));
        }

        #[test]
        fn wire_like_text(place in "[A-Z][A-Za-z]{1,8}", month in 1u32..=12, day in 1u32..=31, rest in "[a-z ]{0,20}") {
            let names = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"];
            let text = format!("{place}, {} {day} (AP) - {rest}", names[month as usize - 1]);
            let _ = find_dateline(&text, Some(2001));
        }
    }
}

#[test]
fn provenance_agency_named_after_its_description() {
    let body = "The deal is off, according to the French news agency AFP.\n\
                Italian news agency Apcom quoted lawmakers as saying so.\n\
                According to reports from Russian News Agency Interfax, it will go through.";
    let sources = find_sources(body, None, None);
    assert_eq!(
        names(&sources, SourceRelation::Quoted),
        vec!["AFP", "Apcom", "Interfax"]
    );
}

#[test]
fn provenance_interviews_are_not_relays() {
    let body = "\"We will appeal,\" Eduardo Contreras told Reuters news agency.\n\
                Deutsche Boerse told news agency Reuters such a move would wait.\n\
                He told the French news agency AFP the plan was dead.\n\
                In an interview with the Tasnim news agency, he said so.\n\
                The equity was oversubscribed, news agency Reuters reported.";
    let sources = find_sources(body, None, None);
    assert_eq!(names(&sources, SourceRelation::Quoted), vec!["Reuters"]);
}

/// First lines of web articles (article-extraction benchmark), cut after the dateline.
#[test]
fn web_article_datelines() {
    let cases: &[(&str, &str, Option<&str>, Option<&str>)] = &[
        (
            "MADRID — Rafael Nadal kept Spain’s hopes alive",
            "MADRID —",
            Some("MADRID"),
            None,
        ),
        (
            "BUFFALO, N.Y. — Hours before the game",
            "BUFFALO, N.Y. —",
            Some("BUFFALO, N.Y."),
            None,
        ),
        (
            "CLEVELAND, Ohio – The Doobie Brothers will",
            "CLEVELAND, Ohio –",
            Some("CLEVELAND, Ohio"),
            None,
        ),
        (
            "HAYWARD, Calif. (AP) — The Latest on",
            "HAYWARD, Calif. (AP) —",
            Some("HAYWARD, Calif."),
            Some("AP"),
        ),
        (
            "Dekalb, Ill. — Mike Glass threw for",
            "Dekalb, Ill. —",
            Some("Dekalb, Ill."),
            None,
        ),
        (
            "Indianapolis – Several thousand teachers",
            "Indianapolis –",
            Some("Indianapolis"),
            None,
        ),
        (
            "BERLIN -- The European Space Agency says",
            "BERLIN --",
            Some("BERLIN"),
            None,
        ),
        (
            "Hong Kong (CNN Business) A muddled view",
            "Hong Kong (CNN Business)",
            Some("Hong Kong"),
            Some("CNN Business"),
        ),
        (
            "HONOLULU, Hawaii (HawaiiNewsNow) - NASA scientists",
            "HONOLULU, Hawaii (HawaiiNewsNow) -",
            Some("HONOLULU, Hawaii"),
            Some("HawaiiNewsNow"),
        ),
        (
            "NEW YORK, Nov. 20, 2019 /PRNewswire/ -- Acme Corp today announced",
            "NEW YORK, Nov. 20, 2019 /PRNewswire/ --",
            Some("NEW YORK"),
            Some("PRNewswire"),
        ),
    ];
    for &(body, text, place, agency) in cases {
        let found = dateline(body, None);
        assert_eq!(found.text, text, "{body}");
        assert_eq!(found.place.as_deref(), place, "{body}");
        assert_eq!(found.agency.as_deref(), agency, "{body}");
    }
    for body in [
        "DEAR ABBY: My husband of more than 20 years",
        "South Dakota Gov. Kristi Noem (R) is defending the state’s campaign",
        "Two hostages — an American and an Australian — were freed.",
        "Beauty company Coty is breaking out — in a good way.",
        "By Jane Smith — The council voted.",
        "(Updates) - Prices rose.",
    ] {
        assert!(find_dateline(body, None).is_none(), "fired on {body:?}");
    }
}

#[test]
fn provenance_is_linear_on_big_inputs() {
    let mut body = String::new();
    for _ in 0..20_000 {
        body.push_str("according to the Tasnim news agency, Xinhua reported, quoting ");
    }
    body.push_str(&"x".repeat(5_000_000));
    let started = std::time::Instant::now();
    let sources = find_sources(&body, None, None);
    assert_eq!(
        names(&sources, SourceRelation::Quoted),
        vec!["Tasnim", "Xinhua"]
    );
    assert!(
        started.elapsed().as_secs_f64() < 10.0,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn tass_ani_and_byte_order_mark_forms() {
    check(
        "MOSCOW, March 3. /TASS/. Russia's foreign minister said.",
        Some(2020),
        "MOSCOW, March 3. /TASS/.",
        Some("MOSCOW"),
        Some("2020-03-03"),
        Some("TASS"),
    );
    check(
        "New Delhi [India], Feb 7 (ANI): The Union Cabinet approved.",
        Some(2020),
        "New Delhi [India], Feb 7 (ANI):",
        Some("New Delhi [India]"),
        Some("2020-02-07"),
        Some("ANI"),
    );
    check(
        "\u{feff}BEIJING, Jan. 6 (Xinhua) -- Trade grew.",
        Some(2020),
        "BEIJING, Jan. 6 (Xinhua) --",
        Some("BEIJING"),
        Some("2020-01-06"),
        Some("Xinhua"),
    );
    check(
        "New Delhi, Feb 7 (PTI) The Supreme Court on Friday said.",
        Some(2020),
        "New Delhi, Feb 7 (PTI)",
        Some("New Delhi"),
        Some("2020-02-07"),
        Some("PTI"),
    );
}
