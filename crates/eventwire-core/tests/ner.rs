//! The shipped named-entity model: loading, byte round trip, and names in
//! real news sentences.

use eventwire_core::entities::ner::{EntityKind, Mention, Recognizer};

fn recognizer() -> Recognizer {
    Recognizer::embedded().expect("the embedded ner model loads")
}

fn words(sentence: &str) -> Vec<&str> {
    sentence.split_whitespace().collect()
}

/// (text of the name, kind) for every mention of a one-sentence document.
fn names(r: &Recognizer, sentence: &str) -> Vec<(String, EntityKind)> {
    let w = words(sentence);
    let found = r.recognize(std::slice::from_ref(&w));
    found[0]
        .iter()
        .map(|m: &Mention| (w[m.start..m.end].join(" "), m.kind))
        .collect()
}

#[test]
fn embedded_model_loads_and_round_trips() {
    let r = recognizer();
    let copy = Recognizer::from_bytes(&r.to_bytes()).expect("round-tripped bytes load");
    let doc: Vec<Vec<&str>> = [
        "SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .",
        "Nadim Ladki",
        "AL-AIN , United Arab Emirates 1996-12-06",
        "Japan began the defence of their Asian Cup title with a lucky 2-1 win against Syria .",
    ]
    .iter()
    .map(|s| words(s))
    .collect();
    assert_eq!(r.recognize(&doc), copy.recognize(&doc));
    assert!(!r.recognize(&doc).iter().all(Vec::is_empty));
}

#[test]
fn damaged_model_bytes_are_an_error() {
    let bytes = recognizer().to_bytes();
    assert!(Recognizer::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    assert!(Recognizer::from_bytes(b"not a model").is_err());
}

#[test]
fn people_organisations_and_places_in_a_news_sentence() {
    let r = recognizer();
    let found = names(
        &r,
        "State Department spokesman John Kirby said Russia is bombing civilians in Aleppo .",
    );
    for expected in [
        ("John Kirby", EntityKind::Person),
        ("State Department", EntityKind::Org),
        ("Russia", EntityKind::Gpe),
        ("Aleppo", EntityKind::Gpe),
    ] {
        assert!(
            found
                .iter()
                .any(|(t, k)| t == expected.0 && *k == expected.1),
            "missing {expected:?} in {found:?}"
        );
    }
}

#[test]
fn nationalities_are_norp() {
    let r = recognizer();
    let found = names(&r, "Russian and Syrian forces attacked the town .");
    assert_eq!(
        found,
        vec![
            ("Russian".to_string(), EntityKind::Norp),
            ("Syrian".to_string(), EntityKind::Norp)
        ]
    );
    assert_eq!(EntityKind::Norp.as_str(), "NORP");
    assert_eq!(EntityKind::Gpe.as_str(), "GPE");
}

#[test]
fn a_lowercase_common_word_is_not_a_place() {
    let r = recognizer();
    let found = names(&r, "They had roast turkey and potatoes for dinner .");
    assert!(found.is_empty(), "{found:?}");
    // The same word capitalised in context is the country.
    let found = names(&r, "The talks were held in Turkey on Monday .");
    assert_eq!(found, vec![("Turkey".to_string(), EntityKind::Gpe)]);
}

#[test]
fn empty_and_odd_input_gives_no_panic() {
    let r = recognizer();
    let doc: Vec<Vec<&str>> = vec![
        vec![],
        vec![""],
        vec!["é", "\u{200b}", "ÆØÅ"],
        vec!["a"; 500],
    ];
    let out = r.recognize(&doc);
    assert_eq!(out.len(), doc.len());
    for (mentions, words) in out.iter().zip(&doc) {
        for m in mentions {
            assert!(m.start < m.end && m.end <= words.len());
        }
    }
}
