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

fn dateline_at(place: &str) -> Dateline {
    Dateline {
        text: place.into(),
        start: 0,
        end: 0,
        place: Some(place.into()),
        date: None,
        calendars: vec![],
        agency: None,
    }
}

/// (surface text, country) of each place found, with a dateline.
fn countries_with_dateline(
    text: &str,
    entities: &[Entity],
    dateline: &str,
) -> Vec<(String, String)> {
    let dateline = dateline_at(dateline);
    let mut ctx = context(text, entities);
    ctx.dateline = Some(&dateline);
    find_places(&ctx, gazetteer())
        .into_iter()
        .map(|p| (p.text, p.country.unwrap_or_default()))
        .collect()
}

fn country_of(found: &[(String, String)], name: &str) -> Option<String> {
    found.iter().find(|p| p.0 == name).map(|p| p.1.clone())
}

#[test]
fn a_washington_dateline_does_not_move_vienna_and_geneva_to_america() {
    let text = "Russian support of the Syrian government indicates Moscow wants a \
                military solution to the crisis in Syria. On the one hand, Russia has \
                been saying it wants a cease-fire with the support of the Vienna \
                process. Bombings by Russia continue, recently in Aleppo. Geneva talks \
                were suspended in February, the US said.";
    let found = countries_with_dateline(text, &[], "WASHINGTON");
    assert_eq!(
        country_of(&found, "Vienna").as_deref(),
        Some("AT"),
        "{found:?}"
    );
    assert_eq!(
        country_of(&found, "Geneva").as_deref(),
        Some("CH"),
        "{found:?}"
    );
    assert_eq!(
        country_of(&found, "Aleppo").as_deref(),
        Some("SY"),
        "{found:?}"
    );
}

#[test]
fn a_small_town_named_with_its_state_still_wins() {
    let text = "The company moved its offices to Vienna, Virginia, last year.";
    let found = countries_with_dateline(text, &[], "WASHINGTON");
    assert_eq!(
        country_of(&found, "Vienna").as_deref(),
        Some("US"),
        "{found:?}"
    );
    let text = "The lake town of Geneva, Illinois, opened a new library.";
    let found = countries_with_dateline(text, &[], "CHICAGO");
    assert_eq!(
        country_of(&found, "Geneva").as_deref(),
        Some("US"),
        "{found:?}"
    );
}

#[test]
fn mobile_the_city_and_mobile_the_phone() {
    assert!(places_in("Mobile phones are banned in class.", &[]).is_empty());
    let found = find_places(
        &context(
            "The storm made landfall near Mobile, Alabama, on Sunday.",
            &[],
        ),
        gazetteer(),
    );
    assert_eq!(found.first().map(|p| p.text.as_str()), Some("Mobile"));
    assert_eq!(found[0].admin1.as_deref(), Some("Alabama"));
}

#[test]
fn new_york_alone_is_the_city() {
    let found = places_in("She moved to New York after college.", &[]);
    assert_eq!(found, vec![triple("New York", "US", "city")]);
    let found = places_in("He grew up in upstate New York, in Albany, New York.", &[]);
    assert!(found.iter().any(|p| p.0 == "Albany"), "{found:?}");
}

#[test]
fn a_demonym_mention_names_its_country() {
    let text = "Syrian troops shelled the town on Monday.";
    let entities = [entity(text, "Syrian", "NORP")];
    assert_eq!(
        places_in(text, &entities),
        vec![triple("Syrian", "SY", "country")]
    );
    // Only the recogniser's demonym mentions: "Chinese" in running text is
    // no place by itself.
    assert!(places_in("The Chinese delegation arrived.", &[]).is_empty());
}

#[test]
fn the_place_an_organisation_is_named_after() {
    let text = "A spokesman for the Shreveport Police Department said the road was closed.";
    let entities = [entity(text, "Shreveport Police Department", "ORG")];
    assert_eq!(
        places_in(text, &entities),
        vec![triple("Shreveport", "US", "city")]
    );
    let text = "The Bank of Japan kept its rate unchanged.";
    let entities = [entity(text, "Bank of Japan", "ORG")];
    assert_eq!(
        places_in(text, &entities),
        vec![triple("Japan", "JP", "country")]
    );
    // An acronym is a place only as a known short form.
    let text = "The UN Special Envoy met the US Federal Reserve chairman.";
    let entities = [
        entity(text, "UN Special Envoy", "ORG"),
        entity(text, "US Federal Reserve", "ORG"),
    ];
    assert_eq!(
        places_in(text, &entities),
        vec![triple("US", "US", "country")]
    );
    // A person's name is not searched for places.
    let text = "Paris Hilton arrived late.";
    let entities = [entity(text, "Paris Hilton", "PERSON")];
    assert!(places_in(text, &entities).is_empty());
}

#[test]
fn towns_near_each_other_support_each_other() {
    // Gainesville, Texas (near Sherman and Denton), not Gainesville, Florida.
    let text = "He stopped for a while in Gainesville before heading on to Sherman \
                and then to Denton.";
    let found = find_places(&context(text, &[]), gazetteer());
    let gainesville = found
        .iter()
        .find(|p| p.text == "Gainesville")
        .expect("found");
    assert_eq!(gainesville.admin1.as_deref(), Some("Texas"), "{found:?}");
}

#[test]
fn streets_and_rivers_are_placed_in_the_article_town() {
    let text = "Police closed Royal Street in New Orleans on Tuesday, and barges \
                on the Mississippi River waited near the city for the fog to lift.";
    let entities = [
        entity(text, "Royal Street", "FAC"),
        entity(text, "New Orleans", "GPE"),
        entity(text, "Mississippi River", "LOC"),
    ];
    let found = find_places(&context(text, &entities), gazetteer());
    let by_text = |t: &str| {
        found
            .iter()
            .find(|p| p.text == t)
            .unwrap_or_else(|| panic!("{t} found in {found:?}"))
    };
    let town = by_text("New Orleans");
    assert_eq!(town.feature, "city");
    for feature in ["Royal Street", "Mississippi River"] {
        let place = by_text(feature);
        assert_eq!(place.feature, "other");
        assert_eq!(place.within.as_deref(), Some("New Orleans"));
        assert_eq!(place.geonames_id, None, "no gazetteer entry is the feature");
        assert_eq!((place.lat, place.lon), (town.lat, town.lon));
        assert!(place.precision_km > town.precision_km);
    }
    // The river is not the state it is named after.
    assert!(!found.iter().any(|p| p.text == "Mississippi"), "{found:?}");
}

#[test]
fn a_building_named_after_a_town_stays_with_that_town() {
    let text = "Flights resumed at Shreveport Regional Airport on Monday, the mayor \
                of Mansfield, Louisiana, said.";
    let entities = [entity(text, "Shreveport Regional Airport", "FAC")];
    let found = find_places(&context(text, &entities), gazetteer());
    let shreveport = found
        .iter()
        .find(|p| p.text == "Shreveport")
        .expect("the town inside the airport's name");
    assert_eq!(shreveport.admin1.as_deref(), Some("Louisiana"));
    assert!(
        !found.iter().any(|p| p.text.contains("Airport")),
        "no second place for the airport: {found:?}"
    );
}

#[test]
fn given_names_the_gazetteer_lacks_fall_back_to_the_article_town() {
    let text = "The Faubourg Marigny, downriver from New Orleans, was \
                subdivided in 1805; watching it grow, Marigny sold lots.";
    let span = |s: &str| {
        let start = text.find(s).expect("in text");
        Span::new(start, start + s.len())
    };
    let out = resolve_spans(
        &context(text, &[]),
        &[
            span("Faubourg Marigny"),
            span("New Orleans"),
            span("watching"),
        ],
        gazetteer(),
    );
    let local = out[0].as_ref().expect("placed in the town");
    assert_eq!(local.name, "Faubourg Marigny");
    assert_eq!(local.within.as_deref(), Some("New Orleans"));
    assert_eq!(local.country.as_deref(), Some("US"));
    assert!(out[2].is_none(), "a lower-case word is no name");
    // Without a town in the article there is nothing to fall back to.
    let alone = "The Faubourg Marigny was subdivided in 1805.";
    let out = resolve_spans(&context(alone, &[]), &[Span::new(4, 20)], gazetteer());
    assert!(out[0].is_none());
}

#[test]
fn plural_demonyms_of_states_name_the_state() {
    let text = "Minnesotans and Iowans drove south for the game.";
    let out = resolve_spans(
        &context(text, &[]),
        &[Span::new(0, 11), Span::new(16, 22)],
        gazetteer(),
    );
    let admin1 = |i: usize| out[i].as_ref().and_then(|p| p.admin1.clone());
    assert_eq!(admin1(0).as_deref(), Some("Minnesota"));
    assert_eq!(admin1(1).as_deref(), Some("Iowa"));
    assert_eq!(out[0].as_ref().map(|p| p.feature.as_str()), Some("admin1"));
}

#[test]
fn a_country_name_is_the_country_not_its_capital() {
    let text = "Health officials in Mexico City said Mexico had confirmed 26 cases, \
                and Mexico closed its schools.";
    let found = places_in(text, &[]);
    let mexico: Vec<&(String, String, String)> = found.iter().filter(|p| p.0 == "Mexico").collect();
    assert_eq!(mexico.len(), 2, "{found:?}");
    assert!(mexico.iter().all(|p| p.2 == "country"), "{found:?}");
    assert!(
        found.contains(&triple("Mexico City", "MX", "city")),
        "{found:?}"
    );
}

#[test]
fn streets_read_as_people_or_organisations_are_still_streets() {
    let text = "In Athens, Georgia, Berry Lane and Acadia Drive will close through \
                March 27 while crews repair a sewer main near the Oconee River.";
    let entities = [
        entity(text, "Berry Lane", "PERSON"),
        entity(text, "Acadia Drive", "ORG"),
        entity(text, "Oconee River", "MISC"),
    ];
    let found = find_places(&context(text, &entities), gazetteer());
    for street in ["Berry Lane", "Acadia Drive", "Oconee River"] {
        let place = found
            .iter()
            .find(|p| p.text == street)
            .unwrap_or_else(|| panic!("{street} in {found:?}"));
        assert_eq!(place.within.as_deref(), Some("Athens"), "{place:?}");
        assert_eq!(place.admin1.as_deref(), Some("Georgia"), "{place:?}");
    }
}

/// Given spans of `names` (first occurrence of each) in `text`.
fn spans_of(text: &str, names: &[&str]) -> Vec<Span> {
    names.iter().map(|name| nth_span(text, name, 0)).collect()
}

/// The span of the `nth` (from 0) occurrence of `name` in `text`.
fn nth_span(text: &str, name: &str, nth: usize) -> Span {
    let (start, _) = text
        .match_indices(name)
        .nth(nth)
        .expect("name occurs in text");
    Span::new(start, start + name.len())
}

#[test]
fn a_dateline_with_its_state_names_the_town_in_that_state() {
    let text = "LONDON, Ky. (WKYT) - London Police have arrested two people on \
                drug and theft charges.";
    let mention = [nth_span(text, "London", 0)];
    let dateline = dateline_at("LONDON, Ky.");
    let mut ctx = context(text, &[]);
    ctx.dateline = Some(&dateline);
    let out = resolve_spans(&ctx, &mention, gazetteer());
    let town = out[0].as_ref().expect("London resolves");
    assert_eq!(town.country.as_deref(), Some("US"));
    assert_eq!(town.admin1.as_deref(), Some("Kentucky"));
    // Without the state the dateline is the bigger London.
    let bare = dateline_at("LONDON");
    ctx.dateline = Some(&bare);
    let out = resolve_spans(&ctx, &mention, gazetteer());
    assert_eq!(
        out[0].as_ref().and_then(|p| p.country.as_deref()),
        Some("GB")
    );
}

#[test]
fn a_town_missing_from_its_stated_state_is_placed_in_that_state() {
    let text = "HOLLIDAY, Mo. - The car ran off Route C two miles south of \
                Holliday, Missouri, and skidded; Holliday firefighters came.";
    let dateline = dateline_at("HOLLIDAY, Mo.");
    let mut ctx = context(text, &[]);
    ctx.dateline = Some(&dateline);
    let spans = [
        nth_span(text, "HOLLIDAY", 0),
        nth_span(text, "Holliday", 0),
        nth_span(text, "Missouri", 0),
        nth_span(text, "Holliday", 1),
    ];
    let out = resolve_spans(&ctx, &spans, gazetteer());
    for index in [0, 1, 3] {
        let place = out[index].as_ref().expect("Holliday is placed");
        assert_eq!(place.admin1.as_deref(), Some("Missouri"), "mention {index}");
        assert_eq!(place.name, &text[spans[index].range()]);
    }
    // Without the state named, the listed Holliday (in Texas) stands.
    let plain = "The car ran off the road south of Holliday and skidded.";
    let out = resolve_spans(
        &context(plain, &[]),
        &[nth_span(plain, "Holliday", 0)],
        gazetteer(),
    );
    assert_eq!(
        out[0].as_ref().and_then(|p| p.admin1.as_deref()),
        Some("Texas")
    );
}

#[test]
fn a_town_in_a_list_of_countries_is_not_moved_into_the_next_one() {
    let text = "Unlike the Zaire, Bundibugyo, Ivory Coast and Sudan strains, it is mild.";
    let spans = spans_of(text, &["Zaire", "Bundibugyo", "Ivory Coast", "Sudan"]);
    let out = resolve_spans(&context(text, &[]), &spans, gazetteer());
    let town = out[1].as_ref().expect("Bundibugyo resolves");
    assert_ne!(town.country.as_deref(), Some("CI"));
}

#[test]
fn a_demonym_that_is_also_a_town_name_is_the_country() {
    let text = "They were found on a bench in the southern English city of Salisbury; \
                The Canadian Press reported it.";
    let spans = spans_of(text, &["English", "Canadian"]);
    let out = resolve_spans(&context(text, &[]), &spans, gazetteer());
    let country = |i: usize| out[i].as_ref().and_then(|p| p.country.clone());
    assert_eq!(country(0).as_deref(), Some("GB"));
    assert_eq!(country(1).as_deref(), Some("CA"));
    assert_eq!(out[1].as_ref().map(|p| p.feature.as_str()), Some("country"));
}

#[test]
fn the_european_union_is_an_area() {
    let text = "Malta lost an ally when the UK left the European Union; EU workers stayed.";
    let spans = spans_of(text, &["European Union", "EU"]);
    let out = resolve_spans(&context(text, &[]), &spans, gazetteer());
    for place in &out {
        let place = place.as_ref().expect("the EU resolves");
        assert_eq!(place.name, "European Union");
        assert_eq!(place.feature, "region");
        assert!(place.precision_km >= 1000.0, "an area, not a point");
    }
}

#[test]
fn two_streets_named_together_are_streets_of_the_town() {
    let text = "In New Orleans the streetcar rolled down Bourbon and Dauphine streets; \
                later it ran between Lafayette and Chartres avenues. New Orleans grew.";
    let spans = spans_of(text, &["Bourbon", "Dauphine", "Lafayette", "Chartres"]);
    let mut all = vec![nth_span(text, "New Orleans", 0)];
    all.extend(spans);
    all.push(nth_span(text, "New Orleans", 1));
    let out = resolve_spans(&context(text, &[]), &all, gazetteer());
    for place in &out[1..5] {
        let place = place.as_ref().expect("a street is placed");
        assert_eq!(
            place.within.as_deref(),
            Some("New Orleans"),
            "{}",
            place.text
        );
        assert_eq!(place.feature, "other");
    }
    // Alone, "Lafayette" is the town.
    let alone = "He moved to Lafayette last year.";
    let out = resolve_spans(
        &context(alone, &[]),
        &[nth_span(alone, "Lafayette", 0)],
        gazetteer(),
    );
    assert_eq!(out[0].as_ref().map(|p| p.feature.as_str()), Some("city"));
}

#[test]
fn towns_read_as_organisations_or_people_are_placed_near_the_article_town() {
    let text = "In Jonesboro, Georgia, six students were honored on Sunday. \
                Kayla Swain, a Lovejoy senior, spoke for them.";
    let entities = [
        entity(text, "Jonesboro", "GPE"),
        entity(text, "Georgia", "GPE"),
        entity(text, "Kayla Swain", "PERSON"),
        entity(text, "Lovejoy", "ORG"),
    ];
    let found = find_places(&context(text, &entities), gazetteer());
    let lovejoy = found
        .iter()
        .find(|p| p.text == "Lovejoy")
        .expect("Lovejoy, Georgia is placed");
    assert_eq!(lovejoy.admin1.as_deref(), Some("Georgia"));
    // A surname of a person named in full stays a person.
    let story = "In Henderson, Nevada, Mayor Bob Lovejoy spoke. Lovejoy said the \
                 budget was tight.";
    let entities = [
        entity(story, "Henderson", "GPE"),
        entity(story, "Nevada", "GPE"),
        entity(story, "Bob Lovejoy", "PERSON"),
        Entity {
            start: story.rfind("Lovejoy").unwrap() as u32,
            end: (story.rfind("Lovejoy").unwrap() + 7) as u32,
            ..entity(story, "Lovejoy", "PERSON")
        },
    ];
    let found = find_places(&context(story, &entities), gazetteer());
    assert!(found.iter().all(|p| p.text != "Lovejoy"), "{found:?}");
}

#[test]
fn a_direction_before_a_place_names_that_place() {
    let text = "Storms hit South Florida and East Texas overnight.";
    let entities = [
        entity(text, "South Florida", "LOC"),
        entity(text, "East Texas", "LOC"),
    ];
    let found = find_places(&context(text, &entities), gazetteer());
    let admin1_of = |name: &str| {
        found
            .iter()
            .find(|p| p.text == name)
            .and_then(|p| p.admin1.clone())
    };
    assert_eq!(admin1_of("South Florida").as_deref(), Some("Florida"));
    assert_eq!(admin1_of("East Texas").as_deref(), Some("Texas"));
    // A direction alone is no place.
    let found = find_places(
        &context(
            "They went South.",
            &[entity("They went South.", "South", "LOC")],
        ),
        gazetteer(),
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn schools_and_courts_named_after_a_town_are_in_that_town() {
    let text = "A junior at Norfolk High School in Nebraska and a clerk of the \
                Clarke County Superior Court spoke.";
    let entities = [
        entity(text, "Norfolk High School", "LOC"),
        entity(text, "Nebraska", "GPE"),
        entity(text, "Clarke County Superior Court", "LOC"),
    ];
    let found = find_places(&context(text, &entities), gazetteer());
    let texts: Vec<&str> = found.iter().map(|p| p.text.as_str()).collect();
    assert!(texts.contains(&"Norfolk"), "{texts:?}");
    assert!(texts.contains(&"Clarke County"), "{texts:?}");
}

#[test]
fn a_state_abbreviation_after_a_town_places_the_town() {
    let text = "The driver was taken to a hospital in Charleston, W.Va., police said.";
    let found = places_in(text, &[]);
    assert_eq!(
        found,
        vec![
            triple("Charleston", "US", "city"),
            triple("W.Va.", "US", "admin1")
        ]
    );
    let admin1 = find_places(&context(text, &[]), gazetteer())[0]
        .admin1
        .clone();
    assert_eq!(admin1.as_deref(), Some("West Virginia"));
    // Alone, the short form is no name in running text.
    assert!(places_in("He wrote W.Va. on the form.", &[]).is_empty());
}

#[test]
fn a_name_followed_by_its_police_or_mayor_is_a_town() {
    let text = "He was taken into custody by Lebanon Police after a traffic stop.";
    let out = resolve_spans(
        &context(text, &[]),
        &[nth_span(text, "Lebanon", 0)],
        gazetteer(),
    );
    let town = out[0].as_ref().expect("Lebanon resolves");
    assert_eq!(town.feature, "city");
    assert_eq!(town.country.as_deref(), Some("US"));
    // Without the town's body it is the country.
    let text = "He flew to Lebanon after a traffic stop.";
    let out = resolve_spans(
        &context(text, &[]),
        &[nth_span(text, "Lebanon", 0)],
        gazetteer(),
    );
    assert_eq!(out[0].as_ref().map(|p| p.feature.as_str()), Some("country"));
}

#[test]
fn months_and_directions_are_no_towns_in_running_text() {
    assert!(places_in("The jet disappeared in March 2014 over the sea.", &[]).is_empty());
    assert!(places_in("There were more murders in March than in May.", &[]).is_empty());
    let found = places_in("The fair is held in March, England, each year.", &[]);
    assert_eq!(found.first().map(|p| p.1.as_str()), Some("GB"), "{found:?}");
}
