//! The places stage on real sentences with the embedded gazetteer.

use eventwire_core::document::{Dateline, Entity, Span};
use eventwire_core::places::{find_places, resolve_spans, Gazetteer, PlaceContext};
use std::sync::OnceLock;

fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(|| Gazetteer::embedded().expect("embedded gazetteer loads"))
}

fn context<'a>(text: &'a str, entities: &'a [Entity]) -> PlaceContext<'a> {
    PlaceContext {
        text,
        sentences: &[],
        tokens: &[],
        entities,
        dateline: None,
    }
}

/// (surface text, country, feature) of each place found.
fn places_in(text: &str, entities: &[Entity]) -> Vec<(String, String, String)> {
    find_places(&context(text, entities), gazetteer())
        .into_iter()
        .map(|p| (p.text, p.country.unwrap_or_default(), p.feature))
        .collect()
}

fn entity(text: &str, whole: &str, kind: &str) -> Entity {
    let start = text.find(whole).expect("entity text in sentence");
    Entity {
        text: whole.to_string(),
        kind: kind.to_string(),
        start: start as u32,
        end: (start + whole.len()) as u32,
        canonical: None,
        cluster: None,
        role: None,
    }
}

fn triple(text: &str, country: &str, feature: &str) -> (String, String, String) {
    (text.to_string(), country.to_string(), feature.to_string())
}

#[test]
fn city_with_its_country() {
    let found = places_in(
        "He spoke at a security conference in Munich, Germany, on Saturday.",
        &[],
    );
    assert_eq!(
        found,
        vec![
            triple("Munich", "DE", "city"),
            triple("Germany", "DE", "country")
        ]
    );
}

#[test]
fn country_and_city_without_a_recogniser() {
    let found = places_in(
        "Russia is bombing civilians in Aleppo, the opposition says.",
        &[],
    );
    assert_eq!(
        found,
        vec![
            triple("Russia", "RU", "country"),
            triple("Aleppo", "SY", "city")
        ]
    );
}

#[test]
fn the_bird_is_no_country() {
    assert!(places_in("We had roast turkey with cranberry sauce.", &[]).is_empty());
    assert_eq!(
        places_in("The talks in Turkey ended on Monday.", &[]),
        vec![triple("Turkey", "TR", "country")]
    );
}

#[test]
fn common_words_are_places_only_in_place_context() {
    assert!(places_in("It was a nice day.", &[]).is_empty());
    assert!(places_in("Nice work, he said.", &[]).is_empty());
    assert!(places_in("Reading the report, she frowned.", &[]).is_empty());
    assert_eq!(
        places_in("The truck drove into a crowd in Nice, France.", &[]),
        vec![
            triple("Nice", "FR", "city"),
            triple("France", "FR", "country")
        ]
    );
    let reading = places_in("The family moved to Reading, Berkshire, last year.", &[]);
    assert_eq!(reading.first(), Some(&triple("Reading", "GB", "city")));
}

#[test]
fn person_named_chad_is_no_country() {
    let text = "Chad Johnson caught the ball.";
    assert!(places_in(text, &[]).is_empty());
    let entities = [entity(text, "Chad Johnson", "PERSON")];
    assert!(places_in(text, &entities).is_empty());
    assert_eq!(
        places_in("Boko Haram attacked a village in Chad.", &[]),
        vec![triple("Chad", "TD", "country")]
    );
}

#[test]
fn a_state_after_the_town_picks_the_town() {
    let text = "The film is set in Paris, Texas.";
    let found = find_places(&context(text, &[]), gazetteer());
    assert_eq!(found[0].country.as_deref(), Some("US"));
    assert_eq!(found[0].admin1.as_deref(), Some("Texas"));
    let found = find_places(
        &context("She flew to Paris for the summit.", &[]),
        gazetteer(),
    );
    assert_eq!(found[0].country.as_deref(), Some("FR"));
}

#[test]
fn recogniser_mentions_are_resolved() {
    let text = "Protesters gathered in Tahrir Square and across Cairo.";
    let entities = [entity(text, "Cairo", "GPE")];
    let found = places_in(text, &entities);
    assert!(found.contains(&triple("Cairo", "EG", "city")), "{found:?}");
}

#[test]
fn dateline_country_breaks_ties() {
    let text = "Officials in Hyderabad said the flood had receded.";
    let dateline = Dateline {
        text: "ISLAMABAD".into(),
        start: 0,
        end: 0,
        place: Some("ISLAMABAD".into()),
        date: None,
        calendars: vec![],
        agency: None,
    };
    let mut ctx = context(text, &[]);
    let found = find_places(&ctx, gazetteer());
    assert_eq!(found[0].country.as_deref(), Some("IN"));
    ctx.dateline = Some(&dateline);
    let found = find_places(&ctx, gazetteer());
    assert_eq!(found[0].country.as_deref(), Some("PK"));
}

#[test]
fn given_spans_resolve_with_precision() {
    let text = "Syrian forces retook Palmyra; Syria said the Middle East was watching.";
    let span = |s: &str| {
        let start = text.find(s).expect("in text");
        Span::new(start, start + s.len())
    };
    let out = resolve_spans(
        &context(text, &[]),
        &[
            span("Syrian"),
            span("Palmyra"),
            span("Syria"),
            span("Middle East"),
            span("watching"),
        ],
        gazetteer(),
    );
    let country = out[0].as_ref().expect("demonym resolves");
    assert_eq!(country.country.as_deref(), Some("SY"));
    assert_eq!(country.feature, "country");
    assert!(country.precision_km > 100.0, "a country is not a point");
    assert_eq!(
        out[1].as_ref().and_then(|p| p.country.as_deref()),
        Some("SY")
    );
    assert_eq!(out[3].as_ref().map(|p| p.feature.as_str()), Some("region"));
    assert!(out[4].is_none());
}

#[test]
fn demonyms_name_countries() {
    let g = gazetteer();
    assert_eq!(g.demonym_country("Russian"), Some("RU"));
    assert_eq!(g.demonym_country("Syrians"), Some("SY"));
    assert_eq!(g.demonym_country("Afghan"), Some("AF"));
    assert_eq!(g.demonym_country("table"), None);
}

#[test]
fn no_panic_on_odd_input() {
    let g = gazetteer();
    for text in [
        "",
        "  ",
        "É",
        "in ,,, Paris’",
        "U.S.",
        "\u{feff}LONDON —",
        "A-B-C-D-E-F-G-H",
    ] {
        let _ = find_places(&context(text, &[]), g);
    }
    let text = "Paris";
    let bad = [Span::new(3, 99), Span::new(5, 5)];
    let out = resolve_spans(&context(text, &[]), &bad, g);
    assert_eq!(out.len(), 2);
}
