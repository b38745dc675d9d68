//! Clause reading on real sentences through the whole pipeline (tagger,
//! parser, entities, times, places, quotes); the verb patterns are not
//! needed here.

use super::actor::ActorCoder;
use super::clause::{frame, members, noun_phrase};
use super::link::Links;
use super::nominal::{noun_code, noun_frame};
use super::status::{status_of, Status};
use super::tree::Tree;
use super::*;
use crate::document::{Document, Input};
use crate::pipeline::{annotate, Options};
use crate::Models;

fn analyse(models: &Models, text: &str) -> Document {
    let input = Input::text("test.txt");
    let mut doc = Document::new(input, text.to_string());
    doc.published = Some("2016-02-07".into());
    annotate(&mut doc, Options { tokens: true }, models);
    doc
}

fn token_named(tree: &Tree<'_>, word: &str) -> usize {
    (0..tree.len())
        .find(|&i| tree.word(i) == word)
        .unwrap_or_else(|| panic!("no token {word}"))
}

fn words(tree: &Tree<'_>, tokens: &[usize]) -> String {
    tokens
        .iter()
        .map(|&t| tree.word(t))
        .collect::<Vec<_>>()
        .join(" ")
}

struct Parsed {
    doc: Document,
}

impl Parsed {
    fn new(models: &Models, text: &str) -> Parsed {
        Parsed {
            doc: analyse(models, text),
        }
    }

    fn tree(&self) -> Tree<'_> {
        Tree::new(
            &self.doc.text,
            &self.doc.sentences,
            self.doc.tokens.as_deref().unwrap_or(&[]),
        )
    }
}

/// Codes of the members of the phrases headed by `heads`.
fn codes(models: &Models, parsed: &Parsed, tree: &Tree<'_>, heads: &[usize]) -> Vec<String> {
    let actors = models.actors.as_ref().unwrap();
    let coder = ActorCoder::new(tree, actors, &parsed.doc.entities, Some("2016-02-07"));
    let mut out = Vec::new();
    for &h in heads {
        for m in members(tree, h) {
            let np = noun_phrase(tree, m, true);
            out.extend(coder.code(&np, Some(m), None).into_iter().map(|m| m.code));
        }
    }
    out
}

#[test]
fn clauses_read_from_real_sentences() {
    let models = Models::embedded().unwrap();

    // Compound subject, object and a prepositional target.
    let p = Parsed::new(
        &models,
        "Kerry and Lavrov discussed the crisis with Wang Yi on Wednesday.",
    );
    let tree = p.tree();
    let f = frame(&tree, token_named(&tree, "discussed"));
    assert_eq!(members(&tree, f.subjects[0]).len(), 2);
    assert!(!f.passive);
    assert_eq!(words(&tree, &[f.objects[0]]), "crisis");
    assert!(f.preps.iter().any(|&(case, _)| tree.word(case) == "with"));
    assert!(codes(&models, &p, &tree, &f.subjects).contains(&"RUSGOV".to_string()));

    // Passive: the by-phrase is the agent, the subject the target.
    let p = Parsed::new(&models, "Aleppo was bombed by Russian jets in September.");
    let tree = p.tree();
    let f = frame(&tree, token_named(&tree, "bombed"));
    assert!(f.passive);
    let agent = f.agent.expect("by-phrase");
    assert_eq!(codes(&models, &p, &tree, &[agent]), ["RUS"]);
    assert_eq!(codes(&models, &p, &tree, &f.subjects), ["SYR"]);

    // A complement verb takes the subject of the verb it depends on.
    let p = Parsed::new(&models, "Russia agreed to hold talks with Turkey.");
    let tree = p.tree();
    let agreed = frame(&tree, token_named(&tree, "agreed"));
    let hold = token_named(&tree, "hold");
    assert_eq!(agreed.xcomps, [hold]);
    let f = frame(&tree, hold);
    assert_eq!(codes(&models, &p, &tree, &f.subjects), ["RUS"]);
    assert_eq!(status_of(&tree, hold), Status::Future);

    // A prepositional modifier is not part of the actor.
    let p = Parsed::new(
        &models,
        "Russian airstrikes against opposition forces killed 20 people.",
    );
    let tree = p.tree();
    let f = frame(&tree, token_named(&tree, "killed"));
    assert_eq!(codes(&models, &p, &tree, &f.subjects), ["RUS"]);
    let strikes = token_named(&tree, "airstrikes");
    assert_eq!(noun_code(&tree, strikes), Some("195"));
    let nf = noun_frame(&tree, strikes);
    assert_eq!(words(&tree, &nf.sources), "Russian");
    assert_eq!(words(&tree, &nf.targets), "forces");
}

#[test]
fn status_of_real_clauses() {
    let models = Models::embedded().unwrap();
    for (text, verb, want) in [
        ("Russia did not attack Turkey.", "attack", Status::Negated),
        ("Kerry will meet Lavrov in Geneva.", "meet", Status::Future),
        (
            "Kerry and Lavrov are expected to meet next week.",
            "meet",
            Status::Future,
        ),
        (
            "Russia could attack Turkey.",
            "attack",
            Status::Hypothetical,
        ),
        (
            "Turkey claimed that Russia attacked its jets.",
            "attacked",
            Status::Claimed,
        ),
        (
            "Russia attacked Turkish jets.",
            "attacked",
            Status::Asserted,
        ),
        (
            "He said Kerry would discuss the crisis with Lavrov.",
            "discuss",
            Status::Future,
        ),
        ("Syria refused to meet the envoy.", "meet", Status::Negated),
    ] {
        let p = Parsed::new(&models, text);
        let tree = p.tree();
        assert_eq!(status_of(&tree, token_named(&tree, verb)), want, "{text}");
    }
}

#[test]
fn times_and_places_link_to_their_clause() {
    let models = Models::embedded().unwrap();
    let p = Parsed::new(
        &models,
        "Kerry and Lavrov met in Munich on Wednesday. Russia said it wants peace.",
    );
    let tree = p.tree();
    let links = Links::new(&tree, &p.doc.times, &p.doc.places, 0, |i| {
        tree.pos(i) == "VERB"
    });
    let met = token_named(&tree, "met");
    let time = links.time(met).expect("a time on 'met'");
    assert_eq!(p.doc.times[time].text, "Wednesday");
    let place = links.place(met).expect("a place on 'met'");
    assert_eq!(p.doc.places[place].text, "Munich");
    // Russia is an actor, not where `said` happened.
    assert!(links.place(token_named(&tree, "said")).is_none());
}

#[test]
fn no_parse_no_events() {
    let models = Models::none();
    let doc = analyse(&models, "Russia attacked Turkey.");
    let actors = crate::actors::ActorDictionary::embedded().unwrap();
    let context = EventContext::of(&doc, &[], Some("2016-02-07"));
    assert!(find_events(&context, &actors, &VerbDictionary::default()).is_empty());
}

/// The events of `text` with the embedded actors and the verb patterns `verbs`
/// (PETRARCH format).
fn events_with(models: &Models, text: &str, verbs: &str) -> Vec<Event> {
    let doc = analyse(models, text);
    let actors = models.actors.as_ref().unwrap();
    let (verbs, issues) = VerbDictionary::from_petrarch(verbs, "test");
    assert!(issues.is_empty(), "{issues:?}");
    let context = EventContext::of(
        &doc,
        doc.tokens.as_deref().unwrap_or(&[]),
        Some("2016-02-07"),
    );
    find_events(&context, actors, &verbs)
}

fn coded(events: &[Event]) -> Vec<String> {
    // A one-sided event's missing target shows as `-`.
    let code = |a: &Option<EventActor>| match a {
        Some(a) => a.code.clone().unwrap_or_default(),
        None => "-".to_string(),
    };
    events
        .iter()
        .map(|e| format!("{} {} {}", code(&e.source), code(&e.target), e.cameo))
        .collect()
}

#[test]
fn a_code_the_codebook_lacks_keeps_its_digits() {
    let models = Models::embedded().unwrap();
    let found = events_with(
        &models,
        "Russia broke relations with Ukraine on Monday.",
        "--- BREAK [1717] ---\nBREAK\n",
    );
    assert_eq!(coded(&found), ["RUS UKR 1717"]);
    // It takes its parent's (171) type.
    assert_eq!(
        found[0].plover.as_deref(),
        cameo::describe("171").unwrap().plover
    );
}

#[test]
fn a_code_of_the_dictionary_s_own_is_kept() {
    let models = Models::embedded().unwrap();
    let found = events_with(
        &models,
        "Russia expelled Ukrainian diplomats on Monday.",
        "--- EXPEL [174K] ---\nEXPEL\n",
    );
    assert_eq!(coded(&found), ["RUS UKRGOV 174K"]);
    assert_eq!(found[0].plover, None);
    assert_eq!(found[0].quad_class, 4);
}

#[test]
fn auxiliaries_count_as_words_before_the_verb() {
    let models = Models::embedded().unwrap();
    let verbs = "--- DELAY [120] ---\nDELAY\n- HAVE * [121]\n- WILL NOT * [122]\n";
    let found = events_with(&models, "Russia has delayed its talks with Ukraine.", verbs);
    assert_eq!(coded(&found), ["RUS UKR 121"]);
    let found = events_with(
        &models,
        "Russia will not delay its talks with Ukraine.",
        verbs,
    );
    assert_eq!(coded(&found), ["RUS UKR 122"]);
    let found = events_with(&models, "Russia delayed its talks with Ukraine.", verbs);
    assert_eq!(coded(&found), ["RUS UKR 120"]);
}

#[test]
fn a_compound_mark_pairs_the_members_or_marks_the_target() {
    let models = Models::embedded().unwrap();
    let verbs =
        "--- DELAY [120] ---\nDELAY\n- % * [121]\n\n--- AGREE [030] ---\nAGREE\n- * WITH % [031]\n";
    let mut found = coded(&events_with(
        &models,
        "Russia and Ukraine delayed their talks on Monday.",
        verbs,
    ));
    found.sort();
    assert_eq!(found, ["RUS UKR 121", "UKR RUS 121"]);
    let mut found = coded(&events_with(
        &models,
        "Egypt agreed with Israel and Jordan on Monday.",
        verbs,
    ));
    found.sort();
    assert_eq!(found, ["EGY ISR 031", "EGY JOR 031"]);
}

#[test]
fn a_phrase_inside_a_prepositional_phrase_keeps_its_preposition() {
    let models = Models::embedded().unwrap();
    let verbs =
        "--- PROTEST [140] ---\nPROTEST\n- * (AGAINST ATTACK) (BY +) [112]\n- * (AGAINST ATTACK) [113]\n";
    let found = events_with(
        &models,
        "Egypt protested against an attack by Israel on Monday.",
        verbs,
    );
    assert_eq!(coded(&found), ["EGY ISR 112"]);
}

/// A tree over `text` split at spaces, from (pos, tag, lemma, head, dep)
/// per word; heads are indices into the sentence, the root its own.
fn hand_parsed(text: &str, words: &[(&str, &str, &str, u32, &str)]) -> (Vec<Span>, Vec<Token>) {
    let mut tokens = Vec::new();
    let mut at = 0u32;
    for (word, &(pos, tag, lemma, head, dep)) in text.split(' ').zip(words) {
        let end = at + word.len() as u32;
        tokens.push(Token {
            start: at,
            end,
            pos: Some(pos.into()),
            tag: Some(tag.into()),
            lemma: Some(lemma.into()),
            head: Some(head),
            dep: Some(dep.into()),
        });
        at = end + 1;
    }
    let sentences = vec![Span {
        start: 0,
        end: text.len() as u32,
    }];
    (sentences, tokens)
}

#[test]
fn a_participle_read_for_the_finite_verb_takes_the_root_noun_as_subject() {
    // The parser's misreading this rule repairs (the tagger's own repair
    // now prevents most of them): "arrested" as a participle modifying the
    // root noun "police".
    let text = "Russian police arrested students today";
    let (sentences, tokens) = hand_parsed(
        text,
        &[
            ("ADJ", "JJ", "Russian", 1, "amod"),
            ("NOUN", "NNS", "police", 1, "root"),
            ("VERB", "VBN", "arrest", 1, "acl"),
            ("NOUN", "NNS", "student", 2, "obj"),
            ("NOUN", "NN", "today", 2, "obl:unmarked"),
        ],
    );
    let tree = Tree::new(text, &sentences, &tokens);
    let f = frame(&tree, 2);
    assert_eq!(words(&tree, &f.subjects), "police");
    assert!(!f.passive);
    // Without an object the participle stays a modifier.
    let text = "Russian police arrested today";
    let (sentences, tokens) = hand_parsed(
        text,
        &[
            ("ADJ", "JJ", "Russian", 1, "amod"),
            ("NOUN", "NNS", "police", 1, "root"),
            ("VERB", "VBN", "arrest", 1, "acl"),
            ("NOUN", "NN", "today", 2, "obl:unmarked"),
        ],
    );
    let tree = Tree::new(text, &sentences, &tokens);
    assert!(frame(&tree, 2).subjects.is_empty());
}

#[test]
fn a_bare_speech_verb_is_no_event_but_its_patterns_are() {
    let models = Models::embedded().unwrap();
    let verbs = "--- EXPLAIN_VERBAL [010] ---\nTELL\nEXPRESS\n- * CONCERN [012]\n";
    // "Make statement" from the verb alone is filler: the quote layer has it.
    assert!(coded(&events_with(
        &models,
        "China told Japan the plan was wrong.",
        verbs
    ))
    .is_empty());
    assert_eq!(
        coded(&events_with(
            &models,
            "China expressed concern to Japan on Monday.",
            verbs
        )),
        ["CHN JPN 012"]
    );
}

#[test]
fn a_subject_only_pattern_applies_to_the_verb_its_comment_names() {
    let models = Models::embedded().unwrap();
    let verbs = "&MILITARY\n+TROOPS\n\n--- APPREHEND [171] ---\nARREST [173]\nTAKE {TAKES TAKING TOOK TAKEN}\n- &MILITARY * [192] # TAKE\n- * &MILITARY [1711] # tb 02 May 2007\n";
    // Written for TAKE: "troops arrested" keeps ARREST's own code.
    let found = events_with(
        &models,
        "Israeli troops arrested five Palestinians in Hebron on Tuesday.",
        verbs,
    );
    assert_eq!(coded(&found), ["ISRMIL PSE 173"]);
    let found = events_with(
        &models,
        "Israeli troops took the Palestinian town of Hebron on Tuesday.",
        verbs,
    );
    assert_eq!(coded(&found), ["ISRMIL PSE 192"]);
    // A comment that names no verb of the block leaves the pattern to all.
    let found = events_with(
        &models,
        "Egyptian police arrested Israeli troops in Sinai on Tuesday.",
        verbs,
    );
    assert_eq!(coded(&found), ["EGYCOP ISRMIL 1711"]);
}

#[test]
fn an_object_the_pattern_names_takes_its_for_phrase_as_target() {
    let models = Models::embedded().unwrap();
    let verbs = "--- ISSUE [100] ---\nISSUE\n- * {ARREST WARRANTS} [173]\n\n--- EXPRESS [010] ---\nEXPRESS\n- * APPRECIATION [013]\n";
    let found = events_with(
        &models,
        "Egypt issued arrest warrants for Israeli soldiers on Monday.",
        verbs,
    );
    assert_eq!(coded(&found), ["EGY ISRMIL 173"]);
    // The verb's own `for` phrase, when the parser attaches it there.
    let found = events_with(
        &models,
        "The Iraqi prime minister expressed appreciation for Iranian support on Monday.",
        verbs,
    );
    assert_eq!(coded(&found), ["IRQGOV IRN 013"]);
    // An object the pattern does not name leaves `for` to its usual reading.
    let found = events_with(
        &models,
        "Egypt issued visas for Israeli tourists on Monday.",
        verbs,
    );
    assert!(found.is_empty(), "{:?}", coded(&found));
}

#[test]
fn harm_to_an_industry_is_no_assault() {
    let models = Models::embedded().unwrap();
    let verbs = "--- HURT [182] ---\nHURT {HURTS HURTING}\nINJURE\n";
    // Trade news: economic harm, which CAMEO's verb code reads as assault.
    for text in [
        "Japanese imports injured Canadian producers last year.",
        "Japan hurt the Canadian car industry on Monday.",
    ] {
        let found = events_with(&models, text, verbs);
        assert!(coded(&found).is_empty(), "{text}: {:?}", coded(&found));
    }
    // The same verbs against people are an assault.
    let found = events_with(&models, "Japan injured Canadian soldiers on Monday.", verbs);
    assert_eq!(coded(&found), ["JPN CANMIL 182"]);
}

#[test]
fn a_clause_after_since_read_as_a_preposition_keeps_its_subject() {
    let models = Models::embedded().unwrap();
    // The parser reads "since Russia" as a phrase of "killed" and leaves
    // "began" without a subject.
    let text = "More than 1,730 civilians have been killed since Russia began airstrikes against Syrian rebels in September.";
    let p = Parsed::new(&models, text);
    let tree = p.tree();
    let began = token_named(&tree, "began");
    assert_eq!(words(&tree, &frame(&tree, began).subjects), "Russia");
    // The event noun carried out by the light verb takes its subject.
    let verbs = "--- BEGIN [---] ---\nBEGIN\n";
    assert_eq!(
        coded(&events_with(&models, text, verbs)),
        ["RUS SYRREB 195"]
    );
}

#[test]
fn an_attack_on_a_decision_is_criticism_of_its_author() {
    let models = Models::embedded().unwrap();
    let verbs = "--- ATTACK [190] ---\nATTACK\n";
    let found = events_with(
        &models,
        "China attacked Japan's decision to expand its navy on Monday.",
        verbs,
    );
    assert_eq!(coded(&found), ["CHN JPN 111"]);
    let found = events_with(
        &models,
        "Iran attacked the recognition of Jerusalem as Israel's capital by the United States.",
        verbs,
    );
    assert_eq!(coded(&found), ["IRN USA 111"]);
    // An attack on people or places stays an attack.
    let found = events_with(&models, "China attacked Japanese ships on Monday.", verbs);
    assert_eq!(coded(&found), ["CHN JPN 190"]);
}

#[test]
fn a_by_phrase_misattached_under_a_noun_of_the_object_is_the_objects_phrase() {
    let models = Models::embedded().unwrap();
    // PETRARCH's DEMO-06 sentence: the parser hangs `by Osgiliath soldiers`
    // under `Ithilen` as `obl`, inside the object `an attack ...`.
    let text = "The Calenardhon government condemned an attack by Osgiliath soldiers in south Ithilen on Thursday";
    let p = Parsed::new(&models, text);
    let tree = p.tree();
    let soldiers = token_named(&tree, "soldiers");
    assert_eq!(tree.dep(soldiers), "obl", "the misparse this rule repairs");
    let f = frame(&tree, token_named(&tree, "condemned"));
    let by = token_named(&tree, "by");
    assert!(f.preps.contains(&(by, soldiers)));
    // The pattern sees `attack (BY …)`: the phrase is no longer object words.
    let c = super::clause::clause(&tree, &f);
    let by_word = c.after.iter().find(|w| w.token == by).unwrap();
    assert_eq!(by_word.role, verbs::Role::Preposition);
}

#[test]
fn protest_and_violence_stand_with_one_side_when_no_target_is_named() {
    let models = Models::embedded().unwrap();
    let verbs = "--- ATTACK [190] ---\nATTACK\n--- RALLY [141] ---\nRALLY {RALLIES RALLIED RALLYING}\n--- DIE [190] ---\nDIE\n";
    let one_sided = |text: &str| -> Vec<String> { coded(&events_with(&models, text, verbs)) };
    // The object names no actor, or there is none: the source alone is the news.
    let found = one_sided("Taliban fighters attacked a checkpoint on Monday.");
    assert!(
        found.len() == 1 && found[0].starts_with("AFG") && found[0].ends_with(" - 190"),
        "{found:?}"
    );
    let found = one_sided("Thousands of Sudanese protesters rallied in Khartoum on Monday.");
    assert!(
        found.len() == 1 && found[0].starts_with("SDN") && found[0].ends_with(" - 141"),
        "{found:?}"
    );
    // An event noun carried out by a light verb, by its kind.
    let found = one_sided("Taliban fighters carried out a suicide attack in Kabul on Monday.");
    assert!(
        found.len() == 1 && found[0].ends_with(" - 1831"),
        "{found:?}"
    );
    // Not one-sided news: a politician's attack is words, a death is no
    // attack, a government does not protest, a city before an event noun
    // is a place.
    for text in [
        "Trump attacked on Monday.",
        "The president of Sudan died on Monday.",
        "The Sudanese government rallied on Monday.",
        "A Kabul car bombing killed 20 people on Monday.",
    ] {
        assert!(one_sided(text).is_empty(), "{text}: {:?}", one_sided(text));
    }
}

#[test]
fn taking_a_place_occupies_it_and_armed_withdrawal_is_retreat() {
    let models = Models::embedded().unwrap();
    // As CAMEO.2.0 files these verbs: capture under arrest, withdraw under yield.
    let verbs = "--- ARREST [173] ---\nARREST\nCAPTURE\n--- RETREAT [080] ---\nWITHDRAW {WITHDRAWS WITHDRAWING WITHDREW}\n";
    let coded_in = |text: &str| coded(&events_with(&models, text, verbs));
    assert_eq!(
        coded_in("Yemeni government forces captured the port of Mokha on Monday."),
        ["YEMMIL - 192"]
    );
    assert_eq!(
        coded_in("Iraqi security forces withdrew from the Walid crossing on Sunday."),
        ["IRQCOP - 0874"]
    );
    // A state leaving a treaty is no retreat; capturing people is an arrest.
    assert!(coded_in("Russia withdrew from the treaty on Monday.").is_empty());
    assert_eq!(
        coded_in("Yemeni government forces captured Iraqi soldiers on Monday."),
        ["YEMMIL IRQMIL 173"]
    );
}

#[test]
fn an_agentless_arrest_or_violent_death_is_news_by_its_target() {
    let models = Models::embedded().unwrap();
    let verbs = "--- ARREST [173] ---\nARREST\n--- KILL [190] ---\nKILL\n";
    let coded_in = |text: &str| coded(&events_with(&models, text, verbs));
    let found = coded_in("Over 110 Bangladeshi opposition activists were arrested on Thursday.");
    assert!(
        found.len() == 1 && found[0].starts_with("- BGD") && found[0].ends_with(" 173"),
        "{found:?}"
    );
    let found = coded_in("Six Malian soldiers were killed in an ambush on Sunday.");
    assert_eq!(found, ["- MLIMIL 190"]);
    // A death the sentence does not tie to violence is no event.
    assert!(coded_in("Six Malian soldiers were killed in a crash on Sunday.").is_empty());
}
