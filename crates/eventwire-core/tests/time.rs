//! Time expressions: each expression family, each anchoring rule and the
//! calendar edges (leap years, ISO weeks across year ends, Hijri months).

use eventwire_core::calendar;
use eventwire_core::document::{Span, TimeExpression, Token};
use eventwire_core::time::{find_times, Anchor};
use proptest::prelude::*;

const FEB_7_2016: Anchor = Anchor {
    date: Some("2016-02-07"),
    source: "dateline",
};

const NO_ANCHOR: Anchor = Anchor {
    date: None,
    source: "none",
};

fn times(text: &str, anchor: &Anchor) -> Vec<TimeExpression> {
    find_times(text, &[], &[], anchor)
}

/// (text, type, value) of every expression.
fn found(text: &str, anchor: &Anchor) -> Vec<(String, String, Option<String>)> {
    times(text, anchor)
        .into_iter()
        .map(|t| (t.text, t.kind, t.value))
        .collect()
}

/// The one expression with exactly this text; fails when it is missing.
fn the(text: &str, anchor: &Anchor, expression: &str) -> TimeExpression {
    let all = times(text, anchor);
    all.iter()
        .find(|t| t.text == expression)
        .cloned()
        .unwrap_or_else(|| panic!("no {expression:?} in {text:?}: {all:?}"))
}

fn value(text: &str, anchor: &Anchor, expression: &str) -> Option<String> {
    the(text, anchor, expression).value
}

fn on(date: &'static str) -> Anchor<'static> {
    Anchor {
        date: Some(date),
        source: "published",
    }
}

// --- The issue's examples -------------------------------------------------

#[test]
fn issue_examples_resolve_against_the_dateline() {
    let text = "A spokesman said Thursday that a phone call Wednesday night had taken place \
                since Russia began airstrikes in September. Talks were suspended Feb. 3 until \
                Feb. 25. The sides will meet next week.";
    assert_eq!(
        value(text, &FEB_7_2016, "Thursday").as_deref(),
        Some("2016-02-04")
    );
    let night = the(text, &FEB_7_2016, "Wednesday night");
    assert_eq!(night.value.as_deref(), Some("2016-02-03TNI"));
    assert_eq!(night.kind, "TIME");
    assert_eq!(night.anchor, "dateline");
    assert_eq!(
        value(text, &FEB_7_2016, "September").as_deref(),
        Some("2015-09")
    );
    assert_eq!(
        value(text, &FEB_7_2016, "Feb. 3").as_deref(),
        Some("2016-02-03")
    );
    assert_eq!(
        value(text, &FEB_7_2016, "Feb. 25").as_deref(),
        Some("2016-02-25")
    );
    assert_eq!(
        value(text, &FEB_7_2016, "next week").as_deref(),
        Some("2016-W06")
    );
}

// --- Absolute dates ------------------------------------------------------

#[test]
fn absolute_dates() {
    let a = &FEB_7_2016;
    assert_eq!(
        value("on 7 February 2016 it", a, "7 February 2016").as_deref(),
        Some("2016-02-07")
    );
    assert_eq!(
        value("on February 7, 2016 it", a, "February 7, 2016").as_deref(),
        Some("2016-02-07")
    );
    assert_eq!(
        value("filed 2016-02-07 at", a, "2016-02-07").as_deref(),
        Some("2016-02-07")
    );
    assert_eq!(
        value("filed 2/7/2016 at", a, "2/7/2016").as_deref(),
        Some("2016-02-07")
    );
    assert_eq!(
        value("in the 1990s and", a, "the 1990s").as_deref(),
        Some("199")
    );
    assert_eq!(
        value("back in the '80s it", a, "the '80s").as_deref(),
        Some("198")
    );
    assert_eq!(
        value("results for Q3 2015 were", a, "Q3 2015").as_deref(),
        Some("2015-Q3")
    );
    assert_eq!(
        value(
            "in the third quarter of 2014",
            a,
            "the third quarter of 2014"
        )
        .as_deref(),
        Some("2014-Q3")
    );
    assert_eq!(
        value("in fiscal 1989 sales", a, "fiscal 1989").as_deref(),
        Some("1989")
    );
    assert_eq!(value("since 1990 the", a, "1990").as_deref(), Some("1990"));
    assert_eq!(
        value("in the 20th century", a, "the 20th century").as_deref(),
        Some("19")
    );
    assert_eq!(
        value("in summer 2015 the", a, "summer 2015").as_deref(),
        Some("2015-SU")
    );
    let explicit = the("on 7 February 2016 it", a, "7 February 2016");
    assert_eq!(explicit.anchor, "text");
}

#[test]
fn year_less_dates_take_the_anchor_year_or_stay_unknown() {
    assert_eq!(
        value("It happened on Feb. 3.", &FEB_7_2016, "Feb. 3").as_deref(),
        Some("2016-02-03")
    );
    let unknown = the("It happened on Feb. 3.", &NO_ANCHOR, "Feb. 3");
    assert_eq!(unknown.value.as_deref(), Some("XXXX-02-03"));
    assert_eq!(unknown.anchor, "none");
}

#[test]
fn not_dates() {
    assert!(found(
        "You may go. He will march on. It cost 1,990 dollars.",
        &FEB_7_2016
    )
    .is_empty());
    assert!(found("the 6-year-old boy and a 52-year-old man", &FEB_7_2016).is_empty());
    assert!(found("rose 2015 percent", &FEB_7_2016).is_empty());
}

// --- Times ------------------------------------------------------------------

#[test]
fn clock_times() {
    let a = &FEB_7_2016;
    let t = the("at 4:00 A.M. local time the", a, "4:00 A.M. local time");
    assert_eq!(t.kind, "TIME");
    assert_eq!(t.value.as_deref(), Some("2016-02-07T04:00"));
    assert_eq!(
        value("at 4 p.m. the", a, "4 p.m.").as_deref(),
        Some("2016-02-07T16:00")
    );
    assert_eq!(
        value("until 9 a.m. EST Tuesday the", a, "9 a.m. EST Tuesday").as_deref(),
        Some("2016-02-09T09:00")
    );
    assert_eq!(
        value("He left this morning.", a, "this morning").as_deref(),
        Some("2016-02-07TMO")
    );
    assert_eq!(
        value("He left last night.", a, "last night").as_deref(),
        Some("2016-02-06TNI")
    );
    assert_eq!(
        value("He leaves tonight.", a, "tonight").as_deref(),
        Some("2016-02-07TNI")
    );
}

// --- Relative dates ---------------------------------------------------------

#[test]
fn relative_days_and_units() {
    let a = &FEB_7_2016;
    assert_eq!(
        value("He said yesterday.", a, "yesterday").as_deref(),
        Some("2016-02-06")
    );
    assert_eq!(
        value("It rained today.", a, "today").as_deref(),
        Some("2016-02-07")
    );
    assert_eq!(
        value("It opens tomorrow.", a, "tomorrow").as_deref(),
        Some("2016-02-08")
    );
    assert_eq!(
        value("Sales fell last year.", a, "last year").as_deref(),
        Some("2015")
    );
    assert_eq!(
        value("Sales fell last month.", a, "last month").as_deref(),
        Some("2016-01")
    );
    assert_eq!(
        value("Sales fell last week.", a, "last week").as_deref(),
        Some("2016-W04")
    );
    assert_eq!(
        value("Sales fell this year.", a, "this year").as_deref(),
        Some("2016")
    );
    assert_eq!(
        value("Sales fell last quarter.", a, "last quarter").as_deref(),
        Some("2015-Q4")
    );
    assert_eq!(
        value("It ended two days ago.", a, "two days ago").as_deref(),
        Some("2016-02-05")
    );
    assert_eq!(
        value("It ended a year ago.", a, "a year ago").as_deref(),
        Some("2015")
    );
    assert_eq!(
        value("Earlier this month it fell.", a, "Earlier this month").as_deref(),
        Some("2016-02")
    );
    assert_eq!(
        value("He left last fall.", a, "last fall").as_deref(),
        Some("2015-FA")
    );
    assert_eq!(
        value("He left last June.", a, "last June").as_deref(),
        Some("2015-06")
    );
    assert_eq!(
        value("It rose early next year.", a, "early next year").as_deref(),
        Some("2017")
    );
    let now = the("Prices are now higher.", a, "now");
    assert_eq!(now.value.as_deref(), Some("PRESENT_REF"));
    assert_eq!(
        value("Prices fell recently.", a, "recently").as_deref(),
        Some("PAST_REF")
    );
    assert_eq!(
        value("in the future it", a, "the future").as_deref(),
        Some("FUTURE_REF")
    );
}

#[test]
fn months_of_a_named_year() {
    let a = &FEB_7_2016;
    let t = the("It began in June last year.", a, "June last year");
    assert_eq!(t.value.as_deref(), Some("2015-06"));
    assert_eq!(t.anchor, "dateline");
}

#[test]
fn weekdays_follow_the_tense() {
    let a = &FEB_7_2016; // a Sunday
    assert_eq!(
        value("He arrived Friday.", a, "Friday").as_deref(),
        Some("2016-02-05")
    );
    assert_eq!(
        value("He will arrive Friday.", a, "Friday").as_deref(),
        Some("2016-02-12")
    );
    assert_eq!(
        value("He arrives next Friday.", a, "next Friday").as_deref(),
        Some("2016-02-12")
    );
    assert_eq!(
        value("He left last Sunday.", a, "last Sunday").as_deref(),
        Some("2016-01-31")
    );
    // The anchor's own weekday is the anchor day in past reporting.
    assert_eq!(
        value("He said Sunday.", a, "Sunday").as_deref(),
        Some("2016-02-07")
    );
    // No tense cue: back, as news reports mostly do.
    assert_eq!(
        value("Talks on Tuesday.", a, "Tuesday").as_deref(),
        Some("2016-02-02")
    );
    // "until" looks forward.
    assert_eq!(
        value("Talks are off until Tuesday.", a, "Tuesday").as_deref(),
        Some("2016-02-09")
    );
}

#[test]
fn tense_from_penn_tags_when_tokens_carry_them() {
    let text = "Talks resume Tuesday.";
    let a = &FEB_7_2016;
    // No cue word: back by default.
    assert_eq!(value(text, a, "Tuesday").as_deref(), Some("2016-02-02"));
    let mut resume = Token::bare(Span::new(6, 12));
    resume.tag = Some("MD".into());
    // A tagger that marks a future modal at "resume" (a made-up tag to test the path).
    let tagged = find_times(text, &[], &[resume.clone()], a);
    assert_eq!(
        tagged[0].value.as_deref(),
        Some("2016-02-02"),
        "MD on a non-modal word is no cue"
    );
    let text = "Talks will resume Tuesday.";
    let mut will = Token::bare(Span::new(6, 10));
    will.tag = Some("MD".into());
    let tagged = find_times(text, &[], &[will], a);
    assert_eq!(tagged[0].value.as_deref(), Some("2016-02-09"));
    let text = "Talks resumed Tuesday.";
    let mut past = Token::bare(Span::new(6, 13));
    past.tag = Some("VBD".into());
    let tagged = find_times(text, &[], &[past], a);
    assert_eq!(tagged[0].value.as_deref(), Some("2016-02-02"));
}

#[test]
fn month_names_go_back_in_past_reporting_and_forward_in_future() {
    let a = &FEB_7_2016;
    assert_eq!(
        value("Strikes began in September.", a, "September").as_deref(),
        Some("2015-09")
    );
    assert_eq!(
        value("Elections will be held in September.", a, "September").as_deref(),
        Some("2016-09")
    );
    assert_eq!(
        value("It was signed in January.", a, "January").as_deref(),
        Some("2016-01")
    );
}

#[test]
fn text_anchored_expressions_follow_the_last_date() {
    let text = "The vote was on March 3, 2014. The next day the results came. \
                The previous day had been calm.";
    let next = the(text, &FEB_7_2016, "The next day");
    assert_eq!(next.value.as_deref(), Some("2014-03-04"));
    assert_eq!(next.anchor, "text");
    assert_eq!(
        // From the last date the text gave (March 3), not from "the next day".
        value(text, &FEB_7_2016, "The previous day").as_deref(),
        Some("2014-03-02")
    );
    let earnings = "Net income rose in the third quarter from a year earlier.";
    let on_nov = on("1989-11-02");
    assert_eq!(
        value(earnings, &on_nov, "the third quarter").as_deref(),
        Some("1989-Q3")
    );
    assert_eq!(
        value(earnings, &on_nov, "a year earlier").as_deref(),
        Some("1988-Q3")
    );
}

#[test]
fn reported_speech_counts_from_the_reporting_day() {
    let text = "He said Thursday: \"We will meet tomorrow.\"";
    let tomorrow = the(text, &FEB_7_2016, "tomorrow");
    assert_eq!(tomorrow.value.as_deref(), Some("2016-02-05"));
    assert_eq!(tomorrow.anchor, "reported-speech");
    // Outside the quote, the dateline.
    assert_eq!(the(text, &FEB_7_2016, "Thursday").anchor, "dateline");
}

#[test]
fn no_anchor_leaves_relative_values_null() {
    for (text, expression) in [
        ("He arrived Thursday.", "Thursday"),
        ("Sales fell last year.", "last year"),
        ("It ended two days ago.", "two days ago"),
    ] {
        let t = the(text, &NO_ANCHOR, expression);
        assert_eq!(t.value, None, "{expression}");
        assert_eq!(t.anchor, "none");
    }
}

// --- Ranges ------------------------------------------------------------------

#[test]
fn ranges_give_both_ends() {
    let a = &FEB_7_2016;
    let all = found("from 2015 to 2017", a);
    let values: Vec<_> = all.iter().map(|t| t.2.as_deref()).collect();
    assert_eq!(values, [Some("2015"), Some("2017")]);
    let all = found("It ran Feb. 3-25, 2016.", a);
    let values: Vec<_> = all.iter().map(|t| t.2.as_deref()).collect();
    assert_eq!(values, [Some("2016-02-03"), Some("2016-02-25")]);
}

// --- Durations and sets ------------------------------------------------------

#[test]
fn durations() {
    let a = &FEB_7_2016;
    let cases = [
        ("for seventeen years", "seventeen years", "P17Y"),
        ("over the last five years", "the last five years", "P5Y"),
        ("in the past two months", "the past two months", "P2M"),
        ("for 24 hours", "24 hours", "PT24H"),
        ("for twenty-four hours", "twenty-four hours", "PT24H"),
        ("a two-year deal", "two-year", "P2Y"),
        ("for several years", "several years", "PXY"),
        ("for a few days", "a few days", "PXD"),
        ("the first nine months", "the first nine months", "P9M"),
        ("for nearly two decades", "nearly two decades", "P20Y"),
        ("at least 30 days", "at least 30 days", "P30D"),
    ];
    for (text, expression, expected) in cases {
        let t = the(text, a, expression);
        assert_eq!(t.kind, "DURATION", "{text}");
        assert_eq!(t.value.as_deref(), Some(expected), "{text}");
        assert_eq!(t.anchor, "none", "{text}");
    }
}

#[test]
fn sets() {
    let a = &FEB_7_2016;
    for (text, expression, expected) in [
        ("published daily", "daily", "P1D"),
        ("meets every week", "every week", "P1W"),
        ("paid annually", "annually", "P1Y"),
        ("every Monday", "every Monday", "XXXX-WXX-1"),
    ] {
        let t = the(text, a, expression);
        assert_eq!(t.kind, "SET", "{text}");
        assert_eq!(t.value.as_deref(), Some(expected), "{text}");
    }
}

// --- Hijri dates ------------------------------------------------------------

#[test]
fn hijri_dates_in_the_text() {
    let a = &FEB_7_2016;
    assert_eq!(
        value("on 28 Rabiul Akhir 1437 the", a, "28 Rabiul Akhir 1437").as_deref(),
        Some("2016-02-07")
    );
    assert_eq!(
        value("on 1 Ramadan 1437 AH the", a, "1 Ramadan 1437 AH").as_deref(),
        Some("2016-06-06")
    );
    // Ramadan 1437 ran 6 June to 5 July 2016: its middle is in June.
    assert_eq!(
        value("during Ramadan 1437 the", a, "Ramadan 1437").as_deref(),
        Some("2016-06")
    );
    // A day the month does not have gives no value rather than a guess
    // (Umm al-Qura Jumada al-Ula 1437 has 29 days).
    assert_eq!(calendar::hijri_month_length(1437, 5), Some(29));
    let bad = the("on 30 Jumada al-Ula 1437 the", a, "30 Jumada al-Ula 1437");
    assert_eq!(bad.value, None);
    // A month name alone is a time only after a word that introduces one;
    // otherwise it is a name (Recep is Turkish for Rajab).
    assert!(found("Turkish President Recep Tayyip Erdogan spoke.", a).is_empty());
    assert!(found("The scholar Tariq Ramadan spoke.", a).is_empty());
    assert_eq!(
        found("Muslims fast during Ramadan.", a)
            .iter()
            .map(|f| f.0.as_str())
            .collect::<Vec<_>>(),
        ["Ramadan"]
    );
}

// --- Calendar edges -----------------------------------------------------------

#[test]
fn leap_years() {
    let text = "It happened yesterday.";
    assert_eq!(
        value(text, &on("2016-03-01"), "yesterday").as_deref(),
        Some("2016-02-29")
    );
    assert_eq!(
        value(text, &on("2015-03-01"), "yesterday").as_deref(),
        Some("2015-02-28")
    );
    assert_eq!(
        value(text, &on("2000-03-01"), "yesterday").as_deref(),
        Some("2000-02-29")
    );
    assert_eq!(
        value(text, &on("1900-03-01"), "yesterday").as_deref(),
        Some("1900-02-28")
    );
    assert_eq!(
        value("It opens tomorrow.", &on("2016-02-28"), "tomorrow").as_deref(),
        Some("2016-02-29")
    );
}

#[test]
fn iso_weeks_across_year_ends() {
    // 2016-01-03 is a Sunday in week 53 of 2015; next week is 2016-W01.
    assert_eq!(
        value("Talks end this week.", &on("2016-01-03"), "this week").as_deref(),
        Some("2015-W53")
    );
    assert_eq!(
        value("Talks resume next week.", &on("2016-01-03"), "next week").as_deref(),
        Some("2016-W01")
    );
    // 2018-12-31 is a Monday in week 1 of 2019.
    assert_eq!(
        value("Talks end this week.", &on("2018-12-31"), "this week").as_deref(),
        Some("2019-W01")
    );
    assert_eq!(
        value("Sales fell last week.", &on("2019-01-02"), "last week").as_deref(),
        Some("2018-W52")
    );
    // Years without a week 53: 2021-01-04 is the Monday of 2021-W01.
    assert_eq!(
        value("Sales fell last week.", &on("2021-01-04"), "last week").as_deref(),
        Some("2020-W53")
    );
}

#[test]
fn months_and_quarters_across_year_ends() {
    let a = on("2016-01-15");
    assert_eq!(
        value("Sales fell last month.", &a, "last month").as_deref(),
        Some("2015-12")
    );
    assert_eq!(
        value("Sales fell last quarter.", &a, "last quarter").as_deref(),
        Some("2015-Q4")
    );
    assert_eq!(
        value("It was signed in December.", &a, "December").as_deref(),
        Some("2015-12")
    );
    assert_eq!(
        // 2015-12-25, a Friday of week 52.
        value("It ended three weeks ago.", &a, "three weeks ago").as_deref(),
        Some("2015-W52")
    );
}

#[test]
fn hijri_month_lengths() {
    // Umm al-Qura 1437: Rabi al-Thani has 30 days, Jumada al-Ula 29.
    assert_eq!(calendar::hijri_month_length(1437, 4), Some(30));
    assert_eq!(calendar::hijri_month_length(1437, 5), Some(29));
    let a = &FEB_7_2016;
    let cases = [
        (
            "on 30 Rabi al-Thani 1437 the",
            "30 Rabi al-Thani 1437",
            "2016-02-09",
        ),
        (
            "on 1 Jumada al-Ula 1437 the",
            "1 Jumada al-Ula 1437",
            "2016-02-10",
        ),
        (
            "on 29 Jumada al-Ula 1437 the",
            "29 Jumada al-Ula 1437",
            "2016-03-09",
        ),
        (
            "on 1 Jumada al-Thani 1437 the",
            "1 Jumada al-Thani 1437",
            "2016-03-10",
        ),
    ];
    for (text, expression, expected) in cases {
        assert_eq!(
            value(text, a, expression).as_deref(),
            Some(expected),
            "{text}"
        );
    }
    // A day the month does not have gives no value rather than a guess.
    let bad = the("on 30 Jumada al-Ula 1437 the", a, "30 Jumada al-Ula 1437");
    assert_eq!(bad.value, None);
}

#[test]
fn offsets_and_text_match() {
    let text = "Über alles: am Montag — on Thursday, Feb. 4, the talks…";
    for t in times(text, &FEB_7_2016) {
        assert_eq!(&text[t.start as usize..t.end as usize], t.text);
    }
    assert_eq!(
        value(text, &FEB_7_2016, "Thursday, Feb. 4").as_deref(),
        Some("2016-02-04")
    );
}

#[test]
fn given_sentences_bound_the_tense_cues() {
    // The future cue is in another sentence, so Friday goes back.
    let text = "He arrived Friday. They will talk.";
    let sentences = [Span::new(0, 18), Span::new(19, text.len())];
    let all = find_times(text, &sentences, &[], &FEB_7_2016);
    assert_eq!(all[0].value.as_deref(), Some("2016-02-05"));
}

proptest! {
    #[test]
    fn never_panics_and_spans_are_in_order(text in "\\PC{0,200}") {
        let all = find_times(&text, &[], &[], &FEB_7_2016);
        let mut last_end = 0;
        for t in &all {
            prop_assert!(t.start >= last_end && t.start < t.end);
            prop_assert!(text.get(t.start as usize..t.end as usize) == Some(t.text.as_str()));
            last_end = t.end;
        }
    }

    #[test]
    fn never_panics_on_time_like_words(words in proptest::collection::vec(
        prop_oneof![
            Just("Feb."), Just("3"), Just("-"), Just("25"), Just("2016"), Just("the"),
            Just("last"), Just("next"), Just("two"), Just("days"), Just("ago"), Just("Friday"),
            Just("night"), Just(":"), Just("00"), Just("a.m."), Just("Ramadan"), Just("1437"),
            Just("Rabi"), Just("al-"), Just("quarter"), Just("third"), Just("'"), Just("90s"),
            Just("year"), Just("earlier"), Just("\""), Just("said"), Just("will"), Just("1/2"),
            Just("9999"), Just("0"), Just("99"), Just("31st"), Just("every"), Just("\n\n"),
        ],
        0..40,
    ), anchor in prop_oneof![Just(None), Just(Some("2016-02-07")), Just(Some("9999-12-31")),
        Just(Some("0000-01-01")), Just(Some("garbage"))]) {
        let text = words.join(" ");
        let anchor = Anchor { date: anchor, source: "published" };
        let _ = find_times(&text, &[], &[], &anchor);
    }
}

#[test]
fn long_single_line_input_is_linear() {
    let unit = "On Feb. 3 the 6-year-old said two days ago, \"tomorrow\" and 4:00 p.m. ";
    let text = unit.repeat(20_000);
    let started = std::time::Instant::now();
    let all = find_times(&text, &[], &[], &FEB_7_2016);
    // "Feb. 3", "two days ago", "tomorrow", "4:00 p.m."; the age is no time.
    assert_eq!(all.len(), 4 * 20_000);
    // Generous even for a debug build; quadratic behaviour would take minutes.
    assert!(started.elapsed().as_secs() < 20);
}
