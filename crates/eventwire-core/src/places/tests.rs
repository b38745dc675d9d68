//! Unit tests on a small hand-made gazetteer (the embedded one is tested in
//! `tests/places.rs`).

use super::*;

fn place(
    name: &str,
    country: &[u8; 2],
    feature: Feature,
    population: u32,
    at: (f32, f32),
) -> SourcePlace {
    SourcePlace {
        name: name.to_string(),
        geonames_id: Some(population + 1),
        country: Some(*country),
        admin1: None,
        lat: at.0,
        lon: at.1,
        population,
        feature,
        capital: false,
        precision_km: 10.0,
        names: vec![(name.to_string(), gazetteer::flag::PRIMARY)],
    }
}

fn small() -> Gazetteer {
    let mut places = vec![
        place("France", b"FR", Feature::Country, 60_000_000, (46.0, 2.0)),
        place(
            "United States",
            b"US",
            Feature::Country,
            300_000_000,
            (39.8, -98.6),
        ),
        place("Texas", b"US", Feature::Admin1, 20_000_000, (31.0, -99.0)),
        place("Paris", b"FR", Feature::City, 2_100_000, (48.85, 2.35)),
        place("Paris", b"US", Feature::City, 25_000, (33.66, -95.55)),
        place("Nice", b"FR", Feature::City, 340_000, (43.7, 7.27)),
    ];
    places[4].admin1 = Some(2);
    places[1].names.push((
        "US".into(),
        gazetteer::flag::PRIMARY | gazetteer::flag::ABBREVIATION,
    ));
    places[5].names[0].1 |= gazetteer::flag::COMMON_WORD;
    let source = GazetteerSource {
        places,
        demonyms: vec![("French".into(), *b"FR")],
        notes: vec![],
    };
    Gazetteer::from_bytes(&source.to_bytes()).expect("round trip")
}

fn context(text: &str) -> PlaceContext<'_> {
    PlaceContext {
        text,
        sentences: &[],
        tokens: &[],
        entities: &[],
        dateline: None,
    }
}

fn found(text: &str, g: &Gazetteer) -> Vec<(String, Option<String>)> {
    find_places(&context(text), g)
        .into_iter()
        .map(|p| (p.text, p.country))
        .collect()
}

#[test]
fn file_round_trips_and_rejects_garbage() {
    let g = small();
    assert_eq!(g.len(), 6);
    assert_eq!(g.lookup("PARIS").len(), 2);
    assert_eq!(g.demonym_country("French"), Some("FR"));
    assert_eq!(g.demonym_country("France"), None);
    assert!(Gazetteer::from_bytes(b"not a gazetteer").is_err());
}

#[test]
fn container_in_the_next_words_picks_the_town() {
    let g = small();
    let places = find_places(&context("He was born in Paris, Texas, in 1950."), &g);
    assert_eq!(places[0].country.as_deref(), Some("US"));
    assert_eq!(places[0].admin1.as_deref(), Some("Texas"));
    let places = find_places(&context("He lives in Paris with his wife."), &g);
    assert_eq!(places[0].country.as_deref(), Some("FR"));
    assert_eq!(places[0].feature, "city");
}

#[test]
fn common_words_need_place_context() {
    let g = small();
    assert_eq!(
        found("Nice to meet you, said the US envoy.", &g),
        vec![("US".into(), Some("US".into()))]
    );
    assert_eq!(
        found("They met in Nice on Monday.", &g),
        vec![("Nice".into(), Some("FR".into()))]
    );
    assert!(
        found("the us and them", &g).is_empty(),
        "a lower-case word is no place"
    );
}

#[test]
fn resolve_spans_maps_demonyms_to_countries() {
    let g = small();
    let text = "French troops left.";
    let out = resolve_spans(&context(text), &[Span::new(0, 6), Span::new(7, 13)], &g);
    assert_eq!(out[0].as_ref().map(|p| p.name.as_str()), Some("France"));
    assert!(out[1].is_none());
}

/// The small gazetteer and a town of under 15,000 people (population not
/// stored) named "Ames", and a small "Paris" in France next to the big one.
fn with_small_towns() -> Gazetteer {
    let mut places = small_places();
    let mut ames = place("Ames", b"US", Feature::City, 0, (30.05, -94.74));
    ames.admin1 = Some(2);
    ames.names[0].1 = gazetteer::flag::MINOR;
    let mut paris = place("Paris", b"FR", Feature::City, 0, (45.0, 0.0));
    paris.names[0].1 = gazetteer::flag::MINOR;
    places.push(ames);
    places.push(paris);
    let source = GazetteerSource {
        places,
        demonyms: vec![],
        notes: vec![],
    };
    Gazetteer::from_bytes(&source.to_bytes()).expect("round trip")
}

fn small_places() -> Vec<SourcePlace> {
    vec![
        place("France", b"FR", Feature::Country, 60_000_000, (46.0, 2.0)),
        place(
            "United States",
            b"US",
            Feature::Country,
            300_000_000,
            (39.8, -98.6),
        ),
        place("Texas", b"US", Feature::Admin1, 20_000_000, (31.0, -99.0)),
        place("Paris", b"FR", Feature::City, 2_100_000, (48.85, 2.35)),
    ]
}

#[test]
fn small_towns_need_their_state_after_them() {
    let g = with_small_towns();
    assert!(
        found("Ames said the plan would work.", &g).is_empty(),
        "a small town's name alone in running text is no place"
    );
    let places = find_places(&context("Tests were run in Ames, Texas, last week."), &g);
    assert_eq!(places[0].text, "Ames");
    assert_eq!(places[0].admin1.as_deref(), Some("Texas"));
    // A given span resolves to the small town when it is the only one.
    let text = "Ames";
    let out = resolve_spans(&context(text), &[Span::new(0, 4)], &g);
    assert_eq!(out[0].as_ref().map(|p| p.name.as_str()), Some("Ames"));
}

#[test]
fn small_town_never_beats_a_big_one_without_context() {
    let g = with_small_towns();
    let places = find_places(&context("He lives in Paris with his wife."), &g);
    assert_eq!(places.len(), 1);
    assert!((places[0].lat - 48.85).abs() < 0.01, "{places:?}");
}

#[test]
fn overshooting_mentions_block_only_their_name() {
    let text = "Queen Elizabeth Hospital in Glasgow";
    assert_eq!(blocked_end(text, 10, 10 + text.len()), 10 + 25);
    let text = "Bank of America";
    assert_eq!(blocked_end(text, 0, text.len()), text.len());
    let text = "WHO and US";
    assert_eq!(blocked_end(text, 0, text.len()), 4);
}
