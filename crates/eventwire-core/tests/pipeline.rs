//! The whole pipeline with the built-in models on a real article: every layer
//! the linguistic stages fill is consistent with the text and with itself.

use eventwire_core::document::Input;
use eventwire_core::pipeline::{analyze, Options};
use eventwire_core::read::read_document;
use eventwire_core::{Document, Models};

const ARTICLE: &str =
    include_str!("../../../examples/wikinews-2019-10-08-trump-syria-withdrawal.txt");

fn analyzed(models: &Models) -> Document {
    let input = Input::text("trump-syria.txt");
    let raw = read_document(ARTICLE.as_bytes(), input).expect("the example reads");
    analyze(raw, Options { tokens: true }, models).expect("the example analyses")
}

#[test]
fn every_token_is_tagged_and_every_sentence_is_one_tree() {
    let models = Models::embedded().expect("the built-in models load");
    let doc = analyzed(&models);
    let tokens = doc.tokens.as_ref().expect("tokens were asked for");
    assert!(tokens.len() > 500);
    for sentence in &doc.sentences {
        let inside: Vec<usize> = (0..tokens.len())
            .filter(|&i| tokens[i].start >= sentence.start && tokens[i].end <= sentence.end)
            .collect();
        let roots = inside
            .iter()
            .filter(|&&i| tokens[i].head == Some(i as u32))
            .count();
        assert_eq!(
            roots,
            1,
            "one root in {:?}",
            &doc.text[sentence.start as usize..sentence.end as usize]
        );
        for &i in &inside {
            let t = &tokens[i];
            assert!(t.pos.is_some() && t.tag.is_some() && t.lemma.is_some() && t.dep.is_some());
            let head = t.head.expect("every token has a head") as usize;
            assert!(inside.contains(&head), "head stays inside its sentence");
        }
    }
}

#[test]
fn entities_have_spans_canonical_names_and_roles() {
    let models = Models::embedded().expect("the built-in models load");
    let doc = analyzed(&models);
    for e in &doc.entities {
        assert_eq!(&doc.text[e.start as usize..e.end as usize], e.text);
        assert!(e.canonical.is_some() && e.cluster.is_some());
        assert_ne!(e.text, "I", "a lone pronoun is not a name");
    }
    let trump: Vec<_> = doc
        .entities
        .iter()
        .filter(|e| e.canonical.as_deref() == Some("Donald Trump"))
        .collect();
    assert!(
        trump.len() >= 3,
        "Trump is mentioned several times: {trump:?}"
    );
    assert!(trump.iter().all(|e| e.kind == "PERSON"));
    assert!(trump
        .iter()
        .any(|e| e.role.as_deref().is_some_and(|r| r.contains("President"))));
    let kinds = |name: &str| -> Vec<&str> {
        doc.entities
            .iter()
            .filter(|e| e.text == name)
            .map(|e| e.kind.as_str())
            .collect()
    };
    assert!(kinds("Syria").iter().all(|&k| k == "GPE") && !kinds("Syria").is_empty());
    assert!(kinds("Kurds").iter().all(|&k| k == "NORP") && !kinds("Kurds").is_empty());
}

#[test]
fn without_models_the_linguistic_layers_stay_empty() {
    let doc = analyzed(&Models::none());
    assert!(doc.entities.is_empty());
    let tokens = doc.tokens.expect("tokens were asked for");
    assert!(!tokens.is_empty());
    assert!(tokens.iter().all(|t| t.pos.is_none() && t.head.is_none()));
}

/// A Washington story about diplomacy abroad: the small American namesakes of
/// Geneva and Vienna near the dateline must not outweigh the world cities
/// that the other places in the story (Moscow, Munich, Aleppo) point to.
#[test]
fn world_cities_in_a_washington_story_stay_abroad() {
    let story = "WASHINGTON, Feb. 7 (MINA) - US Secretary of State John Kerry spoke by \
                 phone with Russian Foreign Minister Sergey Lavrov on Wednesday about the \
                 suspended talks in Geneva, a State Department spokesman said.\n\n\
                 The two ministers discussed the meeting of the Syria support group due in \
                 Munich, Germany, next week and the agreements reached in Vienna last year. \
                 Moscow denies that its aircraft have bombed civilians in Aleppo.\n";
    let models = Models::embedded().expect("the built-in models load");
    let raw = read_document(story.as_bytes(), Input::text("washington.txt")).expect("reads");
    let doc = analyze(raw, Options { tokens: false }, &models).expect("analyses");
    let country_of = |name: &str| {
        doc.places
            .iter()
            .find(|p| p.text == name)
            .map(|p| p.country.clone().unwrap_or_default())
            .unwrap_or_else(|| panic!("{name} is placed: {:?}", doc.places))
    };
    assert_eq!(country_of("Geneva"), "CH");
    assert_eq!(country_of("Vienna"), "AT");
    assert_eq!(country_of("Moscow"), "RU");
    assert_eq!(country_of("Munich"), "DE");
    assert_eq!(country_of("Aleppo"), "SY");
}
