//! The quotes stage on real sentence patterns, with the embedded models
//! (tags, parse, entities, coreference) and without them (surface patterns).

use std::sync::OnceLock;

use eventwire_core::document::{Document, Input, Quote};
use eventwire_core::pipeline::{annotate, Options};
use eventwire_core::quotes::{find_attributions, find_quotes};
use eventwire_core::segment::{split_sentences, tokenize};
use eventwire_core::Models;
use proptest::prelude::*;

fn models() -> &'static Models {
    static MODELS: OnceLock<Models> = OnceLock::new();
    MODELS.get_or_init(|| Models::embedded().expect("the embedded models load"))
}

fn quotes_with_models(text: &str) -> Vec<Quote> {
    let input = Input::text("test.txt");
    let mut doc = Document::new(input, text.to_string());
    annotate(&mut doc, Options { tokens: true }, models());
    let tokens = doc.tokens.as_deref().unwrap_or_default();
    find_quotes(&doc.text, &doc.sentences, tokens, &doc.entities)
}

fn quotes_without_models(text: &str) -> Vec<Quote> {
    let tokens = tokenize(text);
    let sentences = split_sentences(text, &tokens);
    find_quotes(text, &sentences, &[], &[])
}

/// The quote whose content contains `words`.
fn quote_with<'q>(quotes: &'q [Quote], words: &str) -> &'q Quote {
    quotes
        .iter()
        .find(|q| q.text.contains(words))
        .unwrap_or_else(|| panic!("no quote with {words:?} in {quotes:#?}"))
}

#[test]
fn direct_quote_after_its_speaker_and_cue() {
    let text = "Kirby told reporters: \"We would like to see Russian military activity in Syria focused on Daesh.\"";
    for quotes in [quotes_with_models(text), quotes_without_models(text)] {
        let q = quote_with(&quotes, "We would like");
        assert_eq!(q.kind, "direct");
        assert_eq!(q.speaker.as_deref(), Some("Kirby"));
        assert_eq!(q.cue.as_deref(), Some("told"));
        assert!(
            !q.text.contains('"'),
            "content excludes the marks: {:?}",
            q.text
        );
    }
}

#[test]
fn direct_quote_before_its_cue_and_speaker() {
    let text = "“The actions to date have certainly not matched the words to date,” Kirby said.";
    for quotes in [quotes_with_models(text), quotes_without_models(text)] {
        let q = quote_with(&quotes, "The actions to date");
        assert_eq!(q.kind, "direct");
        assert_eq!(q.speaker.as_deref(), Some("Kirby"));
        assert_eq!(q.cue.as_deref(), Some("said"));
    }
    let inverted = "“We will not negotiate,” said Ned Price, a State Department spokesman.";
    let quotes = quotes_with_models(inverted);
    let q = quote_with(&quotes, "We will not negotiate");
    assert_eq!(q.speaker.as_deref(), Some("Ned Price"));
}

#[test]
fn speaker_named_with_an_apposition_after_the_quote() {
    let text = "“It’s an invasion of the state regulatory domain,” Scott Pruitt, the Republican attorney general of Oklahoma, said at an event.";
    let quotes = quotes_with_models(text);
    let q = quote_with(&quotes, "It’s an invasion");
    assert_eq!(q.kind, "direct");
    assert_eq!(q.speaker.as_deref(), Some("Scott Pruitt"));
}

#[test]
fn partial_quote_inside_a_reported_clause() {
    let text = "Clinton, the Democratic presidential nominee “is dogged, resilient, purposeful and smart,” the newspaper wrote.";
    let quotes = quotes_with_models(text);
    let q = quote_with(&quotes, "dogged");
    assert_eq!(q.kind, "partial");
    assert_eq!(q.cue.as_deref(), Some("wrote"));
    assert_eq!(q.speaker.as_deref(), Some("the newspaper"));
}

#[test]
fn indirect_speech_is_the_clause_of_the_cue_verb() {
    let text = "State Department spokesman John Kirby said Russian military activities in Syria continue to bolster the Assad government.";
    let quotes = quotes_with_models(text);
    let q = quote_with(&quotes, "Russian military activities");
    assert_eq!(q.kind, "indirect");
    assert_eq!(q.speaker.as_deref(), Some("John Kirby"));
    assert_eq!(q.cue.as_deref(), Some("said"));
    assert!(
        !q.text.contains("Kirby"),
        "content is the clause only: {:?}",
        q.text
    );
}

#[test]
fn quotation_over_several_sentences_and_paragraphs_keeps_its_speaker() {
    let text = "“We would like to see the talks resume,” Kirby said. “We are certainly seeing discordant messages.”\n\nOther news followed here.";
    let quotes = quotes_with_models(text);
    let second = quote_with(&quotes, "discordant messages");
    assert_eq!(second.kind, "direct");
    assert_eq!(second.speaker.as_deref(), Some("Kirby"));
    let paragraphs = "The minister said:\n\n“The first paragraph of the statement is here.\n\n“The second paragraph ends it.”";
    let quotes = quotes_without_models(paragraphs);
    let q = quote_with(&quotes, "first paragraph");
    assert!(q.text.contains("second paragraph ends it"), "{q:?}");
    assert_eq!(q.cue.as_deref(), Some("said"));
}

#[test]
fn pronoun_speaker_resolves_to_the_person() {
    let text = "Senator John McCain spoke to reporters on Monday in Washington.\n\n“They will try to agree on a cease-fire,” he said.";
    let quotes = quotes_with_models(text);
    let q = quote_with(&quotes, "cease-fire");
    assert_eq!(q.speaker.as_deref(), Some("John McCain"));
    assert!(q.speaker_cluster.is_some());
}

#[test]
fn title_speaker_resolves_to_the_titled_person_or_stays_a_title() {
    let text = "Moscow wants a military solution to the crisis in Syria, a spokesman said Thursday. State Department spokesman John Kirby said Russia was bombing civilians.";
    let quotes = quotes_with_models(text);
    let q = quote_with(&quotes, "military solution");
    assert_eq!(q.kind, "indirect");
    assert_eq!(q.speaker.as_deref(), Some("John Kirby"));
    let alone = "Prices will rise again next year, a spokesman said on Friday.";
    let quotes = quotes_with_models(alone);
    let q = quote_with(&quotes, "Prices will rise");
    assert_eq!(q.speaker.as_deref(), Some("a spokesman"));
}

#[test]
fn organisation_speaker() {
    let text = "The Foreign Ministry said the ambassador had been summoned over the incident.";
    let quotes = quotes_with_models(text);
    let q = quote_with(&quotes, "ambassador had been summoned");
    assert_eq!(q.kind, "indirect");
    let speaker = q.speaker.as_deref().unwrap_or_default();
    assert!(speaker.contains("Ministry"), "{speaker:?}");
}

#[test]
fn nested_quote_takes_the_inner_speaker() {
    let text = "Kirby said Secretary of State John Kerry and his Russian counterpart Sergey Lavrov discussed the issue during a phone call, in which Lavrov “reaffirmed the importance of finding a political solution to this conflict”.";
    let quotes = quotes_with_models(text);
    let inner = quote_with(&quotes, "importance of finding");
    let inner = quotes
        .iter()
        .filter(|q| q.text.contains("importance of finding"))
        .min_by_key(|q| q.text.len())
        .unwrap_or(inner);
    assert_eq!(inner.speaker.as_deref(), Some("Sergey Lavrov"));
    let outer = quote_with(&quotes, "discussed the issue");
    assert_eq!(outer.speaker.as_deref(), Some("Kirby"));
}

#[test]
fn according_to_names_the_source() {
    let text = "More than 1,730 civilians have been killed since Russia began airstrikes in September, according to the Syrian National Coalition.";
    for quotes in [quotes_with_models(text), quotes_without_models(text)] {
        let q = quote_with(&quotes, "civilians have been killed");
        assert_eq!(q.kind, "indirect");
        assert_eq!(q.cue.as_deref(), Some("according to"));
        assert!(q
            .speaker
            .as_deref()
            .unwrap_or_default()
            .contains("Coalition"));
    }
}

#[test]
fn scare_quotes_are_not_quotes() {
    let text = "The so-called “peace dividend” never arrived in the region.";
    assert!(quotes_with_models(text).is_empty());
    assert!(quotes_without_models(text).is_empty());
}

#[test]
fn spans_point_at_their_text() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/quotes.rs"))
        .unwrap_or_default();
    let sample = "“We agree,” he said. She told them “no” twice. \"Open quote only.\n\nNext.";
    for body in [sample, text.as_str()] {
        let tokens = tokenize(body);
        let sentences = split_sentences(body, &tokens);
        for a in find_attributions(body, &sentences, &[], &[]) {
            assert_eq!(
                body.get(a.quote.start as usize..a.quote.end as usize),
                Some(a.quote.text.as_str())
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn no_panic_on_unbalanced_quotes_and_random_text(
        text in "[a-zA-Z ,.:\n\"“”«»'’é—]{0,300}"
    ) {
        let tokens = tokenize(&text);
        let sentences = split_sentences(&text, &tokens);
        for q in find_quotes(&text, &sentences, &[], &[]) {
            prop_assert!(q.start <= q.end);
            prop_assert!(text.get(q.start as usize..q.end as usize).is_some());
        }
    }
}

#[test]
fn object_pronoun_speaker_takes_the_person_named_before() {
    let text = "Houthi military spokesperson Yahya Sarea said it had carried out the attack using ten drones. According to him, it was among the largest Houthi operations inside of Saudi Arabia.";
    let quotes = quotes_with_models(text);
    let q = quote_with(&quotes, "largest Houthi operations");
    let speaker = q.speaker.as_deref().unwrap_or_default();
    assert_ne!(speaker, "him", "{q:?}");
    assert!(speaker.contains("Sarea"), "{q:?}");
}

#[test]
fn relative_word_is_not_part_of_the_speaker() {
    let text = "The attacks triggered major fires at a processing plant and an oil field, which state media said were under control.";
    let quotes = quotes_with_models(text);
    for q in &quotes {
        let speaker = q.speaker.as_deref().unwrap_or_default().to_lowercase();
        assert!(
            !speaker.starts_with("which ") && speaker != "which",
            "{q:?}"
        );
    }
}

#[test]
fn organisation_mentioned_again_keeps_its_name() {
    let text = "According to the Saudi Press Agency, the attacks occurred at 4:00 A.M. local time and struck the largest processing plant at Abqaiq. The agency did not mention if there were casualties, but said exports were continuing.";
    let quotes = quotes_with_models(text);
    let q = quote_with(&quotes, "exports were continuing");
    assert_eq!(q.speaker.as_deref(), Some("Saudi Press Agency"), "{q:?}");
}

#[test]
fn pronoun_far_from_the_name_still_takes_the_name() {
    let text = "Hillary Clinton spoke in Ohio on Monday. The crowd was large. Supporters waited for hours. Many carried signs. Tickets sold out. She said the election would be close.";
    let quotes = quotes_with_models(text);
    let q = quote_with(&quotes, "the election would be close");
    assert_eq!(q.speaker.as_deref(), Some("Hillary Clinton"), "{q:?}");
}
