//! Cleaning: each rule family on realistic lines (removed, and look-alike
//! body sentences kept), normalisation, wire re-flow, idempotence on real
//! corpora (skipped when the data folder is absent) and a bounded property
//! test.

use std::path::PathBuf;

use eventwire_core::clean::{clean, Cleaned};
use eventwire_core::document::RemovalKind;
use proptest::prelude::*;

/// A body paragraph long enough to stand for real text around the lines tested.
const BODY: &str = "State Department spokesman John Kirby said Russian military activities in \
                    Syria continue to bolster the regime and not the peace process.";
const BODY2: &str = "The Geneva talks were suspended Feb. 3 until Feb. 25, with the UN envoy \
                     saying more work was needed.";

/// Cleans `BODY`, `line`, `BODY2` as three paragraphs.
fn clean_between(line: &str) -> Cleaned {
    clean(&format!("{BODY}\n\n{line}\n\n{BODY2}"))
}

/// Asserts that `line`, standing between two body paragraphs, is removed with
/// `kind`, and that the body paragraphs stay.
fn assert_removed(line: &str, kind: RemovalKind) {
    let cleaned = clean_between(line);
    assert_eq!(
        cleaned.text,
        format!("{BODY}\n\n{BODY2}"),
        "line {line:?} was not removed"
    );
    assert_eq!(cleaned.removed.len(), 1, "{line:?}: {:?}", cleaned.removed);
    assert_eq!(cleaned.removed[0].kind, kind, "{line:?}");
    assert_eq!(cleaned.removed[0].text, line.trim());
}

/// Asserts that `line`, standing between two body paragraphs, is kept.
fn assert_kept(line: &str) {
    let cleaned = clean_between(line);
    assert!(
        cleaned.removed.is_empty(),
        "{line:?} removed: {:?}",
        cleaned.removed
    );
    assert_eq!(cleaned.text, format!("{BODY}\n\n{line}\n\n{BODY2}"));
}

/// Asserts that `line` as the last paragraph is removed as `kind`.
fn assert_last_removed(line: &str, kind: RemovalKind) {
    let cleaned = clean(&format!("{BODY}\n\n{line}\n"));
    assert_eq!(cleaned.text, BODY, "last line {line:?} was not removed");
    assert_eq!(cleaned.removed.len(), 1, "{line:?}: {:?}", cleaned.removed);
    assert_eq!(cleaned.removed[0].kind, kind, "{line:?}");
}

#[test]
fn related_article_inserts_are_removed() {
    for line in [
        "Also Read:\u{a0} Who is the Terorist Behind The Muslim Centre of Quebec Shooting Attack?",
        "Also Read:  US Withdraws from TPP Deal",
        "READ ALSO: Turkey detains 50 suspects after Ankara blast",
        "Read more: Alibaba poised to launch record-breaking $13.4bn Hong Kong listing",
        "READ MORE: China plague outbreak confirmed: Two diagnosed with disease in Beijing",
        "Related: The 15 Weirdest Galaxies in Our Universe",
        "RELATED: Floods displace thousands in eastern Afghanistan",
        "See also: Timeline of the Syrian civil war",
        "[Related: Salesforce Dreamforce Keynote: AI, Integration, Alicia Keys And Protestors]",
        "Recommended: How the Gulf crisis reshaped Qatar",
        "More: Five things to know about the budget",
        "WATCH: Protesters clash with police outside parliament",
        "Click here to subscribe to The Paradigm Newsletter",
        "You may also like:",
        "Related post: Pickled Brussels Sprouts Recipe",
        "Also: See Black Friday coverage at CNET",
        "More:",
    ] {
        assert_removed(line, RemovalKind::RelatedLink);
    }
}

#[test]
fn sentences_that_start_like_related_labels_are_kept() {
    for line in [
        "More than 1,730 civilians have been killed since Russia began airstrikes in September.",
        "Read more about the plan in the report the ministry published on Monday.",
        "Related to that, the minister said the border would stay closed.",
        "Watchdog groups said the vote had been free but not fair.",
        "See also the list of casualties compiled by the ministry.",
        "More: the ministry said 40 people died, and a second statement. Then it retracted.",
    ] {
        assert_kept(line);
    }
}

#[test]
fn photo_credits_and_captions_are_removed() {
    for line in [
        "Photo: Anadolu Agency",
        "Photo: Hau Dinh, AP",
        "Image: Nicholas Moreau.",
        "Photo by John Smith/Getty Images",
        "(Photo: Reuters)",
        "Image copyright Getty Images",
        "Image caption Protesters gathered outside the embassy on Friday",
        "REUTERS/Kevin Lamarque",
        "AFP PHOTO / JOHN MACDOUGALL",
        "Jane Doe/Getty Images",
        "Credit: Nicholas Moreau",
        "Image 1 of 8",
        "Photos",
    ] {
        assert_removed(line, RemovalKind::PhotoCredit);
    }
}

#[test]
fn a_caption_keeps_its_text_but_loses_its_credit() {
    let cleaned =
        clean_between("People walk past a market in Kabul, Afghanistan. REUTERS/Omar Sobhani");
    assert_eq!(
        cleaned.text,
        format!("{BODY}\n\nPeople walk past a market in Kabul, Afghanistan.\n\n{BODY2}")
    );
    assert_eq!(cleaned.removed[0].kind, RemovalKind::PhotoCredit);
    assert_eq!(cleaned.removed[0].text, "REUTERS/Omar Sobhani");
}

#[test]
fn a_labelled_credit_ending_a_caption_is_cut() {
    for (caption, kept) in [
        (
            "Protesters at the march. Image: Andrew Gray.",
            "Protesters at the march.",
        ),
        (
            "Feline fursuiters Image: Nicholas Moreau.",
            "Feline fursuiters",
        ),
    ] {
        let cleaned = clean_between(caption);
        assert_eq!(cleaned.text, format!("{BODY}\n\n{kept}\n\n{BODY2}"));
        assert_eq!(cleaned.removed[0].rule, "caption-credit");
    }
    // Running text that mentions a photo keeps its words.
    assert_kept("The ministry released a statement. Photo: the agency did not say who took it.");
}

#[test]
fn sentences_about_photos_are_kept() {
    for line in [
        "Photos of the scene showed collapsed buildings and burnt-out cars.",
        "Photographers were barred from the courtroom, the agency said.",
        "Image rights lawyers said the case could go to the Supreme Court.",
        "The AP/NORC poll found 60 percent disapproved of the decision.",
        "Credit: the bank's loan book grew 5 percent in the quarter.",
    ] {
        assert_kept(line);
    }
}

#[test]
fn editor_and_reporter_codes_are_removed() {
    // Whole paragraphs.
    for line in [
        "(Reporting by Will Dunham; Editing by Tom Brown)",
        "Reporting by Rodrigo Campos; additional reporting by Stephanie Kelly; Editing by Nick Zieminski",
        "(Writing by Michael Georgy; Editing by Alison Williams)",
        "-- Reporting by Jane Doe in Kabul",
        "(Reporting by Greg Roumeliotis, Joshua Franklin, with reporting by Herb Lash and Megan \
         Davies, editing by Martin Howell.)",
        "ls/sms (AP, dpa, Reuters)",
        "jh/rc",
    ] {
        assert_removed(line, RemovalKind::EditorCode);
    }
    // Tails of a paragraph.
    for (paragraph, code) in [
        (
            "and why peace talks had to be paused.\u{a0}(T/P010/R03)",
            "(T/P010/R03)",
        ),
        (
            "the opposition said on Sunday. (Editing by Jane Doe)",
            "(Editing by Jane Doe)",
        ),
        ("prices rose 2 percent in March. (ab/cd)", "(ab/cd)"),
        ("the minister told reporters. /ab", "/ab"),
        (
            "the minister told reporters. -- Reporting by Jane Doe",
            "-- Reporting by Jane Doe",
        ),
    ] {
        let cleaned = clean(&format!("{BODY}\n\nIt said {paragraph}"));
        let kept = paragraph[..paragraph.len() - code.len()].trim_end_matches([' ', '\u{a0}']);
        assert_eq!(
            cleaned.text,
            format!("{BODY}\n\nIt said {kept}"),
            "{paragraph:?}"
        );
        assert_eq!(cleaned.removed.len(), 1, "{paragraph:?}");
        assert_eq!(cleaned.removed[0].kind, RemovalKind::EditorCode);
        assert_eq!(cleaned.removed[0].text, code);
    }
}

#[test]
fn look_alikes_of_editor_codes_are_kept() {
    for line in [
        "Reporting by the BBC has shown that the funds were never spent.",
        "Editing by hand took the team three weeks, she said.",
        "The train reached speeds of 300 (km/h)",
        "Police said the suspect used an and/or clause in the contract to delay.",
    ] {
        assert_kept(line);
    }
}

#[test]
fn agency_footers_are_removed_only_at_the_end() {
    for line in [
        "Mi’raj Islamic News Agency (MINA)",
        "Reuters",
        "REUTER",
        "REUTER...",
        "(AP)",
        "-- AFP",
        "Saudi Press Agency",
        "More",
    ] {
        let kind = if line == "More" {
            RemovalKind::Other
        } else {
            RemovalKind::Footer
        };
        assert_last_removed(line, kind);
        // The same line between body paragraphs is not a footer.
        assert_kept(line);
    }
    for line in [
        "© 2016 Reuters",
        "Copyright 2019 Hawaii News Now. All rights reserved.",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "© 2019 Associated Press. All Rights Reserved. This material may not be published, \
         broadcast, rewritten, or redistributed.",
        "copyright Inexhibit 2019 - ISSN: 2283-5474",
        "Copyright ⓒ Entermedia.co.kr.",
    ] {
        assert_last_removed(line, RemovalKind::Footer);
    }
}

#[test]
fn a_sign_off_on_the_last_line_of_wire_copy_is_removed() {
    let wire = "Soybean oil prev 3.7, Feb 21.1, Mar nil, Apr 2.0, May 9.0,\n\
                Jun 13.0, Jul 7.0, total 55.8 (33.7).        REUTER\n";
    let cleaned = clean(wire);
    assert_eq!(
        cleaned.text,
        "Soybean oil prev 3.7, Feb 21.1, Mar nil, Apr 2.0, May 9.0, Jun 13.0, Jul 7.0, total 55.8 (33.7)."
    );
    assert_eq!(cleaned.removed[0].text, "REUTER");
}

#[test]
fn a_wrapped_line_naming_the_agency_is_not_a_sign_off() {
    let wire = "\"This is the perfect opportunity for us to finally tap the\n\
                market,\" Lance Moir, corporate treasurer at Storehouse Plc told\n\
                Reuters.\n";
    let cleaned = clean(wire);
    assert!(cleaned.removed.is_empty(), "{:?}", cleaned.removed);
    assert!(
        cleaned.text.ends_with("Storehouse Plc told Reuters."),
        "{}",
        cleaned.text
    );
}

#[test]
fn last_paragraphs_that_only_look_like_sign_offs_are_kept() {
    for line in [
        "The case was referred to the Food Safety and Inspection Service.",
        "He told Reuters.",
        "The company is an Italian SpA.",
    ] {
        let cleaned = clean(&format!("{BODY}\n\n{line}"));
        assert!(
            cleaned.removed.is_empty(),
            "{line:?}: {:?}",
            cleaned.removed
        );
    }
}

#[test]
fn share_and_subscribe_prompts_are_removed() {
    for line in [
        "Share this article",
        "Follow us on Twitter",
        "Follow NBC Latino on Facebook, Twitter and Instagram.",
        "Follow The New York Times Opinion section on Facebook, Twitter (@NYTopinion) and Instagram.",
        "Follow AP's full coverage of Brexit and British politics at https://www.apnews.com/Brexit",
        "Sign up for our newsletter",
        "Subscribe to the Morning Review newsletter",
        "Click to share on Facebook (Opens in new window)",
        "Like us on Facebook",
        "Advertisement",
    ] {
        assert_removed(line, RemovalKind::Navigation);
    }
}

#[test]
fn sentences_that_start_like_prompts_are_kept() {
    for line in [
        "Follow the money, the prosecutor told the jury on Tuesday.",
        "Sign up periods for the health program open in May, officials said.",
        "Share prices fell 3 percent in early trading in Tokyo.",
        "Copyright law changed in 2019, the court noted.",
        "Also, the ministry said the border would stay closed.",
    ] {
        assert_kept(line);
    }
}

#[test]
fn repeated_paragraphs_from_copy_errors_are_removed() {
    let repeated =
        "Kerry and Lavrov are expected to meet next week with the ISSG during a security \
                    conference in Munich.";
    // Repeated right after itself.
    let cleaned = clean(&format!("{BODY}\n\n{repeated}\n\n{repeated}\n\n{BODY2}"));
    assert_eq!(cleaned.text, format!("{BODY}\n\n{repeated}\n\n{BODY2}"));
    assert_eq!(cleaned.removed[0].kind, RemovalKind::DuplicateLine);
    // Three times.
    let cleaned = clean(&format!("{repeated}\n\n{repeated}\n\n{repeated}"));
    assert_eq!(cleaned.text, repeated);
    // A doubled run of paragraphs.
    let cleaned = clean(&format!(
        "{BODY}\n\n{repeated}\n\n{BODY}\n\n{repeated}\n\n{BODY2}"
    ));
    assert_eq!(cleaned.text, format!("{BODY}\n\n{repeated}\n\n{BODY2}"));
    assert_eq!(cleaned.removed.len(), 2);
}

#[test]
fn legitimate_repeats_are_kept() {
    // An interview asks every candidate the same question.
    let question =
        "((WN)) What is the most important issue facing voters in your district this year?";
    let text = format!(
        "{question}\n\nJane Doe: Jobs, because the plant closed last spring.\n\n{question}\n\n\
         John Roe: Schools, since two of them closed."
    );
    assert!(clean(&text).removed.is_empty());
    // Short repeats are labels or table rows.
    let table = "Shr 12 cts vs 10 cts\n\nNine mths\n\nShr 12 cts vs 10 cts\n\nNine mths";
    assert!(clean(table).removed.is_empty());
}

#[test]
fn normalisation_keeps_typography_and_fixes_spaces() {
    let text = "“We’re certainly seeing it,” Kirby said – twice — in Aleppo\u{a0}\u{a0}today.\r\n\
                \r\n\
                Caf\u{65}\u{301} owners\u{2009}said\tso.\u{200b}\u{7}  \r\n\r\n\r\n\r\nEnd.";
    let cleaned = clean(text);
    assert_eq!(
        cleaned.text,
        "“We’re certainly seeing it,” Kirby said – twice — in Aleppo today.\n\nCaf\u{e9} owners said so.\n\nEnd."
    );
    assert!(cleaned.removed.is_empty());
}

#[test]
fn hard_wrapped_wire_copy_is_reflowed() {
    let wire = "Showers continued throughout the week in\n\
                the Bahia cocoa zone, alleviating the drought since early\n\
                January and improving prospects for the coming temporao,\n\
                although normal humidity levels have not been restored,\n\
                Comissaria Smith said in its weekly review.\n    \
                The dry period means the temporao will be late this year.\n    \
                Arrivals for the week ended February 22 were 155,221 bags\n\
                of 60 kilos making a cumulative total for the season of 5.93\n\
                mln against 5.81 at the same stage last year.\n \
                REUTER\n";
    let cleaned = clean(wire);
    assert_eq!(
        cleaned.text,
        "Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought \
         since early January and improving prospects for the coming temporao, although normal \
         humidity levels have not been restored, Comissaria Smith said in its weekly review.\n\n\
         The dry period means the temporao will be late this year.\n\n\
         Arrivals for the week ended February 22 were 155,221 bags of 60 kilos making a cumulative \
         total for the season of 5.93 mln against 5.81 at the same stage last year."
    );
    assert_eq!(cleaned.removed.len(), 1);
    assert_eq!(cleaned.removed[0].text, "REUTER");
}

#[test]
fn single_line_paragraphs_are_not_joined() {
    // Extraction output with one paragraph per line and no blank lines.
    let text = format!("Russia Wants Military Solution To Syrian Crisis: US\nPhoto: Anadolu Agency\n{BODY}\n{BODY2}");
    let cleaned = clean(&text);
    assert_eq!(
        cleaned.text,
        format!("Russia Wants Military Solution To Syrian Crisis: US\n\n{BODY}\n\n{BODY2}")
    );
}

#[test]
fn huge_single_lines_are_cleaned_in_linear_time() {
    // Quadratic work on these (a few MB) would not finish in the test's time.
    let sentence = "Kerry and Lavrov are expected to meet next week (ab/cd) in Munich. ";
    let spaced = sentence.repeat(40_000);
    let cleaned = clean(&spaced);
    assert_eq!(cleaned.text, spaced.trim_end());
    let unspaced = "x".repeat(3_000_000) + ".\u{a0}/ab";
    assert_eq!(clean(&unspaced).text.len(), 3_000_001);
    let codes = format!("{BODY}{}", " (ab/cd)".repeat(100_000));
    let cleaned = clean(&codes);
    assert_eq!(cleaned.text, BODY);
    assert_eq!(cleaned.removed.len(), 100_000);
}

// ---------------------------------------------------------------- real data

/// The shared data folder: `$EVENTWIRE_DATA`, else `../shared/data` seen
/// from the crate folder or its parents.
fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("EVENTWIRE_DATA") {
        return Some(PathBuf::from(dir));
    }
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.ancestors()
        .map(|dir| dir.join("../shared/data"))
        .find(|candidate| candidate.is_dir())
}

/// Bodies from a JSON Lines corpus, or `None` (with a message) when absent.
fn corpus(file: &str, field: &str) -> Option<Vec<String>> {
    let Some(path) = data_dir()
        .map(|dir| dir.join(file))
        .filter(|path| path.exists())
    else {
        eprintln!("skipping: corpus {file} not found (set EVENTWIRE_DATA)");
        return None;
    };
    let text = std::fs::read_to_string(&path).expect("corpus is readable");
    let bodies = text
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|record| record.get(field)?.as_str().map(str::to_string))
        .collect();
    Some(bodies)
}

fn assert_idempotent(name: &str, bodies: &[String]) {
    assert!(!bodies.is_empty(), "{name}: no bodies read");
    for (number, body) in bodies.iter().enumerate() {
        let once = clean(body);
        let twice = clean(&once.text);
        assert_eq!(
            twice.text,
            once.text,
            "{name} record {}: cleaning twice changed the text",
            number + 1
        );
        assert!(
            twice.removed.is_empty(),
            "{name} record {}: {:?}",
            number + 1,
            twice.removed
        );
    }
}

#[test]
fn cleaning_is_idempotent_on_real_corpora() {
    for (file, field) in [
        ("reuters-21578/reuters21578.jsonl", "body"),
        ("bbc-news/bbc-news-2225.jsonl", "text"),
        ("wikinews-sample/wikinews-2019-2020.jsonl", "text"),
    ] {
        if let Some(bodies) = corpus(file, field) {
            assert_idempotent(file, &bodies);
        }
    }
}

#[test]
fn reuters_bodies_lose_their_sign_off_and_keep_their_words() {
    let Some(bodies) = corpus("reuters-21578/reuters21578.jsonl", "body") else {
        return;
    };
    let mut signed = 0;
    for body in &bodies {
        let cleaned = clean(body);
        let last_line = body.trim_end().lines().last().unwrap_or_default().trim();
        if last_line == "REUTER" {
            signed += 1;
            assert!(!cleaned.text.ends_with("REUTER"), "{body}");
        }
        // Re-flow and normalisation only change white space: the words stay
        // in order, minus those removed.
        let removed_words: usize = cleaned
            .removed
            .iter()
            .map(|r| r.text.split_whitespace().count())
            .sum();
        assert_eq!(
            cleaned.text.split_whitespace().count() + removed_words,
            body.split_whitespace().count(),
            "{body}"
        );
    }
    assert!(signed > 1000, "only {signed} bodies end in REUTER");
}

#[test]
fn the_mina_example_is_cleaned() {
    let Some(path) = data_dir()
        .map(|dir| dir.join("../examples/mina-2016-02-07.txt"))
        .filter(|path| path.exists())
    else {
        eprintln!("skipping: the MINA example is not found (set EVENTWIRE_DATA)");
        return;
    };
    let text = std::fs::read_to_string(path).expect("example is readable");
    let cleaned = clean(&text);
    let rules: Vec<&str> = cleaned.removed.iter().map(|r| r.rule.as_str()).collect();
    assert_eq!(
        rules,
        [
            "photo-label",
            "photo-label",
            "related-label",
            "related-label",
            "related-label",
            "desk-code",
            "agency-signoff"
        ]
    );
    assert!(cleaned.text.starts_with(
        "Russia Wants Military Solution To Syrian Crisis: US\n\nWashington, 28 Rabiul"
    ));
    assert!(cleaned.text.ends_with("political transition in Syria."));
    assert!(cleaned
        .text
        .contains("“The actions to date have certainly not matched the words to date,” Kirby"));
    assert_idempotent("mina", &[text]);
}

// ---------------------------------------------------------------- properties

const NBSP: char = '\u{a0}';

/// Pieces that exercise the rules and the normalisation.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z .,]{0,12}",
        any::<char>().prop_map(String::from),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("    ".to_string()),
        Just("\u{a0}".to_string()),
        Just("e\u{301}".to_string()),
        Just("“quoted” — ".to_string()),
        Just("Also Read: A Title".to_string()),
        Just("Photo: Anadolu Agency".to_string()),
        Just("(T/P010/R03)".to_string()),
        Just("(Reporting by Jane Doe)".to_string()),
        Just("REUTER^M".to_string()),
        Just(" /ab".to_string()),
        Just("said. ".to_string()),
        Just("Kerry and Lavrov are expected to meet next week with the ISSG.".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn cleaning_is_total_and_keeps_its_promises(pieces in prop::collection::vec(piece(), 0..60)) {
        let input: String = pieces.concat();
        let cleaned = clean(&input);
        prop_assert!(!cleaned.text.contains('\r'));
        prop_assert!(!cleaned.text.contains(NBSP));
        prop_assert!(!cleaned.text.contains("\n\n\n"));
        prop_assert!(!cleaned.text.starts_with(char::is_whitespace));
        prop_assert!(!cleaned.text.ends_with(char::is_whitespace));
        for removal in &cleaned.removed {
            prop_assert!(input.contains(&removal.text), "{:?} not in input", removal.text);
        }
        let again = clean(&cleaned.text);
        prop_assert_eq!(again.text, cleaned.text);
    }
}

/// Wikinews pastes the key of a conflict map as lines of colour swatches.
#[test]
fn map_legend_lines_are_removed_and_prose_with_a_bullet_stays() {
    let text = "Tuesday, October 8, 2019\n\n██ Syrian Arab Republic\n\n██ Syrian opposition & Turkish occupation\n\nLate on Sunday, the United States President announced US troops would be leaving Syria.\n\n● Officials said the convoy reached the border town after a long delay on Monday.";
    let cleaned = clean(text);
    let legends: Vec<&str> = cleaned
        .removed
        .iter()
        .filter(|r| r.rule == "map-legend")
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(
        legends,
        vec![
            "██ Syrian Arab Republic",
            "██ Syrian opposition & Turkish occupation"
        ]
    );
    assert!(cleaned.text.contains("Late on Sunday"));
    assert!(cleaned
        .text
        .contains("● Officials said the convoy reached the border town"));
}
