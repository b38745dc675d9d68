//! In-article coreference and roles on real news sentences.

use std::time::Instant;

use eventwire_core::document::{Entity, Token};
use eventwire_core::entities::coref::resolve;
use eventwire_core::segment::segment;

/// Run the resolver on `text` with the named mentions `names` (name, type):
/// every whole-word occurrence of each name becomes an entity, longer names
/// first so "John Kirby" is not also found as "Kirby".
fn run(text: &str, names: &[(&str, &str)]) -> Vec<Entity> {
    let (sentences, spans) = segment(text);
    let tokens: Vec<Token> = spans.iter().map(|s| Token::bare(*s)).collect();
    let mut names: Vec<(&str, &str)> = names.to_vec();
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    let mut taken = vec![false; text.len()];
    let mut entities = Vec::new();
    for (name, kind) in names {
        for (at, _) in text.match_indices(name) {
            let end = at + name.len();
            let before_ok = text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = text[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if before_ok && after_ok && !taken[at..end].iter().any(|&t| t) {
                taken[at..end].iter_mut().for_each(|t| *t = true);
                entities.push(Entity {
                    text: name.to_string(),
                    kind: kind.to_string(),
                    start: at as u32,
                    end: end as u32,
                    canonical: None,
                    cluster: None,
                    role: None,
                });
            }
        }
    }
    resolve(text, &tokens, &sentences, &mut entities);
    entities
}

fn find<'e>(entities: &'e [Entity], text: &str, nth: usize) -> &'e Entity {
    entities
        .iter()
        .filter(|e| e.text == text)
        .nth(nth)
        .unwrap_or_else(|| panic!("no mention #{nth} of {text:?} in {entities:#?}"))
}

const MINA: &str = "State Department spokesman John Kirby said Russian military activities in Syria \
continue to bolster the Bashar al-Assad regime. \u{201C}We would like to see Russian military activity in \
Syria be dedicated and focused exclusively on Daesh,\u{201D} Kirby said. Kirby said Secretary of State John \
Kerry and his Russian counterpart Sergey Lavrov discussed the issue during a phone call Wednesday night, in \
which Lavrov \u{201C}reaffirmed the importance of finding a political solution\u{201D}. He also said Kerry \
would discuss with the International Syria Support Group (ISSG) the challenges. The Geneva talks were \
suspended Feb. 3 until Feb. 25, with UN Special Envoy for Syria Staffan de Mistura saying \u{201C}more \
work\u{201D} was needed. Kerry and Lavrov are expected to meet next week with the ISSG during a security \
conference in Munich, Germany, according to Kirby. \u{201C}They will try to agree on a cease-fire\u{201D} he said.";

const MINA_NAMES: &[(&str, &str)] = &[
    ("State Department", "ORG"),
    ("John Kirby", "PERSON"),
    ("Kirby", "PERSON"),
    ("Russian", "NORP"),
    ("Syria", "GPE"),
    ("Bashar al-Assad", "PERSON"),
    ("Daesh", "ORG"),
    ("John Kerry", "PERSON"),
    ("Kerry", "PERSON"),
    ("Sergey Lavrov", "PERSON"),
    ("Lavrov", "PERSON"),
    ("International Syria Support Group", "ORG"),
    ("ISSG", "ORG"),
    ("Geneva", "GPE"),
    ("UN", "ORG"),
    ("Staffan de Mistura", "PERSON"),
    ("Munich", "GPE"),
    ("Germany", "GPE"),
];

#[test]
fn mina_spokesman_is_one_entity_with_role_and_pronouns() {
    let entities = run(MINA, MINA_NAMES);
    let kirby = find(&entities, "John Kirby", 0);
    assert_eq!(kirby.canonical.as_deref(), Some("John Kirby"));
    assert_eq!(kirby.role.as_deref(), Some("State Department spokesman"));
    for nth in 0..3 {
        let later = find(&entities, "Kirby", nth);
        assert_eq!(later.cluster, kirby.cluster, "Kirby #{nth}");
        assert_eq!(later.canonical.as_deref(), Some("John Kirby"));
        assert_eq!(later.role.as_deref(), Some("State Department spokesman"));
    }
    // "He also said" follows "Kirby said ..."; "he said" follows "according to Kirby".
    for pronoun in ["He", "he"] {
        let linked = find(&entities, pronoun, 0);
        assert_eq!(linked.kind, "PERSON");
        assert_eq!(linked.cluster, kirby.cluster, "{pronoun}");
        assert_eq!(linked.canonical.as_deref(), Some("John Kirby"));
        assert_eq!(&MINA[linked.start as usize..linked.end as usize], pronoun);
    }
    // A hyphenated particle stays in the name.
    assert_eq!(
        find(&entities, "Bashar al-Assad", 0).canonical.as_deref(),
        Some("Bashar al-Assad")
    );
    // Other people stay apart and get their own roles.
    let kerry = find(&entities, "John Kerry", 0);
    let lavrov = find(&entities, "Sergey Lavrov", 0);
    assert_ne!(kerry.cluster, kirby.cluster);
    assert_ne!(kerry.cluster, lavrov.cluster);
    assert_eq!(kerry.role.as_deref(), Some("Secretary of State"));
    assert_eq!(lavrov.role.as_deref(), Some("Russian counterpart"));
    assert_eq!(find(&entities, "Kerry", 1).cluster, kerry.cluster);
    assert_eq!(find(&entities, "Lavrov", 1).cluster, lavrov.cluster);
    assert_eq!(
        find(&entities, "Lavrov", 1).canonical.as_deref(),
        Some("Sergey Lavrov")
    );
    let envoy = find(&entities, "Staffan de Mistura", 0);
    assert_eq!(envoy.role.as_deref(), Some("UN Special Envoy for Syria"));
    // An acronym in parentheses and later alone joins the full name.
    let issg = find(&entities, "International Syria Support Group", 0);
    assert_eq!(find(&entities, "ISSG", 0).cluster, issg.cluster);
    assert_eq!(find(&entities, "ISSG", 1).cluster, issg.cluster);
    assert_eq!(
        find(&entities, "ISSG", 1).canonical.as_deref(),
        Some("International Syria Support Group")
    );
    // Places have no roles; "Syria" is one entity.
    assert_eq!(
        find(&entities, "Syria", 0).cluster,
        find(&entities, "Syria", 2).cluster
    );
    assert!(find(&entities, "Munich", 0).role.is_none());
    // Sorted by start, clusters numbered by first mention.
    assert!(entities.windows(2).all(|w| w[0].start <= w[1].start));
    let mut next = 0;
    for entity in &entities {
        let c = entity.cluster.expect("every mention gets a cluster");
        assert!(c <= next, "cluster {c} before {next}");
        if c == next {
            next += 1;
        }
    }
}

#[test]
fn united_nations_and_un_are_one_entity() {
    let text =
        "The United Nations called for a ceasefire on Monday. A spokesman for the UN said aid \
convoys were ready, and U.N. officials in Geneva agreed.";
    let entities = run(
        text,
        &[
            ("United Nations", "ORG"),
            ("UN", "ORG"),
            ("U.N.", "ORG"),
            ("Geneva", "GPE"),
        ],
    );
    let un = find(&entities, "United Nations", 0);
    assert_eq!(find(&entities, "UN", 0).cluster, un.cluster);
    assert_eq!(find(&entities, "U.N.", 0).cluster, un.cluster);
    assert_eq!(
        find(&entities, "UN", 0).canonical.as_deref(),
        Some("United Nations")
    );
    assert_ne!(find(&entities, "Geneva", 0).cluster, un.cluster);
}

#[test]
fn acronym_comes_first_then_full_name() {
    let text =
        "The SNC said 1,730 civilians had been killed. The Syrian National Coalition is the \
main opposition body.";
    let entities = run(
        text,
        &[("SNC", "ORG"), ("Syrian National Coalition", "ORG")],
    );
    let snc = find(&entities, "SNC", 0);
    assert_eq!(
        find(&entities, "Syrian National Coalition", 0).cluster,
        snc.cluster
    );
    assert_eq!(snc.canonical.as_deref(), Some("Syrian National Coalition"));
}

#[test]
fn daesh_isis_and_islamic_state_are_one_entity() {
    let text =
        "Russian jets should target Daesh, officials said. Islamic State fighters hold Raqqa, \
where ISIS declared its caliphate. The UK and Britain's allies agree.";
    let entities = run(
        text,
        &[
            ("Daesh", "ORG"),
            ("Islamic State", "ORG"),
            ("ISIS", "ORG"),
            ("Raqqa", "GPE"),
            ("UK", "GPE"),
            ("Britain", "GPE"),
            ("Russian", "NORP"),
        ],
    );
    let daesh = find(&entities, "Daesh", 0);
    assert_eq!(find(&entities, "Islamic State", 0).cluster, daesh.cluster);
    assert_eq!(find(&entities, "ISIS", 0).cluster, daesh.cluster);
    assert_eq!(daesh.canonical.as_deref(), Some("Islamic State"));
    assert_ne!(find(&entities, "Raqqa", 0).cluster, daesh.cluster);
    assert_eq!(
        find(&entities, "UK", 0).cluster,
        find(&entities, "Britain", 0).cluster
    );
    assert_ne!(find(&entities, "UK", 0).cluster, daesh.cluster);
}

/// Decision: a bare surname joins the most recently mentioned person who
/// has it; full names with different first names never merge.
#[test]
fn same_surname_different_people_stay_apart() {
    let text = "George Bush met his brother Jeb Bush in Texas on Friday. Bush said the campaign \
would go on. George Bush left later.";
    let entities = run(
        text,
        &[
            ("George Bush", "PERSON"),
            ("Jeb Bush", "PERSON"),
            ("Bush", "PERSON"),
            ("Texas", "GPE"),
        ],
    );
    let george = find(&entities, "George Bush", 0);
    let jeb = find(&entities, "Jeb Bush", 0);
    assert_ne!(george.cluster, jeb.cluster);
    assert_eq!(find(&entities, "Bush", 0).cluster, jeb.cluster);
    assert_eq!(
        find(&entities, "Bush", 0).canonical.as_deref(),
        Some("Jeb Bush")
    );
    assert_eq!(find(&entities, "George Bush", 1).cluster, george.cluster);
    assert_eq!(jeb.role.as_deref(), Some("brother"));
}

#[test]
fn washington_the_place_never_joins_denzel_washington() {
    let text =
        "Denzel Washington arrived in Washington on Friday. Washington said he was happy to \
be back in Washington.";
    let entities = run(
        text,
        &[("Denzel Washington", "PERSON"), ("Washington", "GPE")],
    );
    let actor = find(&entities, "Denzel Washington", 0);
    let places: Vec<&Entity> = entities.iter().filter(|e| e.kind == "GPE").collect();
    assert_eq!(places.len(), 3);
    for place in &places {
        assert_ne!(place.cluster, actor.cluster);
        assert_eq!(place.cluster, places[0].cluster);
        assert_eq!(place.canonical.as_deref(), Some("Washington"));
    }
    // Recognition marked the second "Washington" a place; the pronoun still finds the actor.
    assert_eq!(find(&entities, "he", 0).cluster, actor.cluster);
}

#[test]
fn apposition_gives_the_role_without_article() {
    let text = "Sergey Lavrov, the Russian foreign minister, told reporters in Moscow that talks \
would resume. Joe Leonard, Chairman and Chief Operating Officer of AirTran Airways, said the deal \
was done. Airbus, the European planemaker, declined to comment.";
    let entities = run(
        text,
        &[
            ("Sergey Lavrov", "PERSON"),
            ("Moscow", "GPE"),
            ("Joe Leonard", "PERSON"),
            ("AirTran Airways", "ORG"),
            ("Airbus", "ORG"),
        ],
    );
    assert_eq!(
        find(&entities, "Sergey Lavrov", 0).role.as_deref(),
        Some("Russian foreign minister")
    );
    assert_eq!(
        find(&entities, "Joe Leonard", 0).role.as_deref(),
        Some("Chairman and Chief Operating Officer of AirTran Airways")
    );
    assert_eq!(
        find(&entities, "Airbus", 0).role.as_deref(),
        Some("European planemaker")
    );
    assert!(find(&entities, "Moscow", 0).role.is_none());
}

#[test]
fn title_before_the_name_is_the_role() {
    let text =
        "Talks resumed in Geneva, where U.N. envoy Staffan de Mistura met opposition leader \
Riad Hijab and Syrian President Bashar al-Assad's envoy Bashar Jaafari on Monday.";
    let entities = run(
        text,
        &[
            ("Geneva", "GPE"),
            ("U.N.", "ORG"),
            ("Staffan de Mistura", "PERSON"),
            ("Riad Hijab", "PERSON"),
            ("Syrian", "NORP"),
            ("Bashar al-Assad", "PERSON"),
            ("Bashar Jaafari", "PERSON"),
        ],
    );
    assert_eq!(
        find(&entities, "Staffan de Mistura", 0).role.as_deref(),
        Some("U.N. envoy")
    );
    assert_eq!(
        find(&entities, "Riad Hijab", 0).role.as_deref(),
        Some("opposition leader")
    );
    assert_eq!(
        find(&entities, "Bashar al-Assad", 0).role.as_deref(),
        Some("Syrian President")
    );
    // The possessive ends the role scan: Jaafari's role is "envoy", not Assad's title.
    assert_eq!(
        find(&entities, "Bashar Jaafari", 0).role.as_deref(),
        Some("envoy")
    );
    assert_ne!(
        find(&entities, "Bashar Jaafari", 0).cluster,
        find(&entities, "Bashar al-Assad", 0).cluster
    );
}

#[test]
fn pronoun_gender_follows_first_names_and_honorifics() {
    let text = "Hillary Clinton met John Kerry in Paris. She said the talks went well. Mr Smith, \
a local farmer, met Ms Jones. He told reporters nothing had changed.";
    let entities = run(
        text,
        &[
            ("Hillary Clinton", "PERSON"),
            ("John Kerry", "PERSON"),
            ("Paris", "GPE"),
            ("Smith", "PERSON"),
            ("Jones", "PERSON"),
        ],
    );
    assert_eq!(
        find(&entities, "She", 0).cluster,
        find(&entities, "Hillary Clinton", 0).cluster
    );
    assert_eq!(
        find(&entities, "He", 0).cluster,
        find(&entities, "Smith", 0).cluster
    );
}

#[test]
fn pronouns_outside_speech_are_left_alone() {
    let text = "John Kerry arrived in Paris. He met officials and she was there too.";
    let entities = run(text, &[("John Kerry", "PERSON"), ("Paris", "GPE")]);
    assert_eq!(entities.len(), 2, "{entities:#?}");
}

#[test]
fn running_twice_adds_nothing() {
    let mut once = run(MINA, MINA_NAMES);
    let (sentences, spans) = segment(MINA);
    let tokens: Vec<Token> = spans.iter().map(|s| Token::bare(*s)).collect();
    let count = once.len();
    resolve(MINA, &tokens, &sentences, &mut once);
    assert_eq!(once.len(), count);
}

#[test]
fn odd_spans_and_no_tokens_do_not_panic() {
    let text = "Zoë Ärger met Zoë in Köln. Sie sagte nichts.";
    let mut entities = vec![
        Entity {
            text: "Zoë Ärger".into(),
            kind: "PERSON".into(),
            start: 0,
            end: 11,
            canonical: None,
            cluster: None,
            role: None,
        },
        // Ends inside the two-byte "ë".
        Entity {
            text: "Zo".into(),
            kind: "PERSON".into(),
            start: 16,
            end: 19,
            canonical: None,
            cluster: None,
            role: None,
        },
        // Past the end of the text.
        Entity {
            text: "Nowhere".into(),
            kind: "GPE".into(),
            start: 900,
            end: 990,
            canonical: None,
            cluster: None,
            role: None,
        },
        Entity {
            text: String::new(),
            kind: "ORG".into(),
            start: 5,
            end: 5,
            canonical: None,
            cluster: None,
            role: None,
        },
    ];
    resolve(text, &[], &[], &mut entities);
    assert_eq!(entities.len(), 4);
    assert!(entities
        .iter()
        .all(|e| e.cluster.is_some() && e.canonical.is_some()));
}

fn entity(text: &str, start: usize, name: &str, kind: &str) -> Entity {
    assert_eq!(&text[start..start + name.len()], name);
    Entity {
        text: name.to_string(),
        kind: kind.to_string(),
        start: start as u32,
        end: (start + name.len()) as u32,
        canonical: None,
        cluster: None,
        role: None,
    }
}

#[test]
fn five_thousand_mentions_resolve_quickly() {
    let mut text = String::new();
    let mut entities = Vec::new();
    for i in 0..1250 {
        let person = format!("Person{} Surname{}", i % 300, i % 97);
        let org = format!("Org{i} Group");
        let surname = format!("Surname{}", i % 97);
        let city = format!("City{}", i % 50);
        let parts = [
            ("Foreign minister ", None),
            (person.as_str(), Some("PERSON")),
            (" said the ", None),
            (org.as_str(), Some("ORG")),
            (" met ", None),
            (surname.as_str(), Some("PERSON")),
            (" in ", None),
            (city.as_str(), Some("GPE")),
            (". He said so. ", None),
        ];
        for (part, kind) in parts {
            let start = text.len();
            text.push_str(part);
            if let Some(kind) = kind {
                entities.push(entity(&text, start, part, kind));
            }
        }
    }
    let (sentences, spans) = segment(&text);
    let tokens: Vec<Token> = spans.iter().map(|s| Token::bare(*s)).collect();
    let started = Instant::now();
    resolve(&text, &tokens, &sentences, &mut entities);
    let elapsed = started.elapsed();
    assert!(entities.len() >= 6000, "{}", entities.len());
    // Generous for unoptimised test builds on a loaded machine; a quadratic
    // resolver takes far longer on this input.
    assert!(elapsed.as_secs_f64() < 10.0, "took {elapsed:?}");
    assert_eq!(entities[0].role.as_deref(), Some("Foreign minister"));
    assert_eq!(entities[0].canonical.as_deref(), Some("Person0 Surname0"));
}

#[test]
fn product_names_join_their_short_forms() {
    let text = "A380 makes maiden flight. The Airbus A380 landed in Sydney, and Airbus said the \
iTunes Music Store and iTunes were unaffected.";
    let entities = run(
        text,
        &[
            ("A380", "MISC"),
            ("The Airbus A380", "MISC"),
            ("Airbus", "ORG"),
            ("iTunes Music Store", "MISC"),
            ("iTunes", "MISC"),
            ("Sydney", "GPE"),
        ],
    );
    let a380 = find(&entities, "A380", 0);
    assert_eq!(find(&entities, "The Airbus A380", 0).cluster, a380.cluster);
    assert_eq!(a380.canonical.as_deref(), Some("Airbus A380"));
    assert_ne!(find(&entities, "Airbus", 0).cluster, a380.cluster);
    assert_eq!(
        find(&entities, "iTunes", 0).cluster,
        find(&entities, "iTunes Music Store", 0).cluster
    );
}

mod arbitrary_input {
    use super::*;
    use proptest::prelude::*;

    const KINDS: [&str; 7] = ["PERSON", "ORG", "GPE", "LOC", "NORP", "MISC", "EVENT"];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Any text and any spans (out of range, inside characters,
        /// overlapping): no panic, every input mention keeps a cluster and a
        /// canonical name, output sorted, clusters numbered by first mention.
        #[test]
        fn never_panics(
            text in "([A-Z][a-zé]{0,6}|he|she|said|,|\\.|\\(|\\)|-|’s|\u{201C}| |\n){0,60}",
            spans in proptest::collection::vec((0u32..400, 0u32..12, 0usize..7), 0..20),
            with_tokens in any::<bool>(),
        ) {
            let (sentences, token_spans) = segment(&text);
            let tokens: Vec<Token> = if with_tokens {
                token_spans
                    .iter()
                    .map(|s| Token::bare(*s))
                    .collect()
            } else {
                Vec::new()
            };
            let mut entities: Vec<Entity> = spans
                .iter()
                .map(|&(start, len, kind)| Entity {
                    text: text.get(start as usize..(start + len) as usize).unwrap_or("x y").to_string(),
                    kind: KINDS[kind].to_string(),
                    start,
                    end: start + len,
                    canonical: None,
                    cluster: None,
                    role: None,
                })
                .collect();
            let count = entities.len();
            resolve(&text, &tokens, &sentences, &mut entities);
            prop_assert!(entities.len() >= count);
            prop_assert!(entities.windows(2).all(|w| (w[0].start, w[0].end) <= (w[1].start, w[1].end)));
            let mut next = 0;
            for entity in &entities {
                prop_assert!(entity.canonical.is_some());
                let c = entity.cluster.unwrap_or(u32::MAX);
                prop_assert!(c <= next);
                if c == next {
                    next += 1;
                }
            }
        }
    }
}

#[test]
fn company_suffix_is_kept_in_the_canonical_name_only() {
    let text =
        "Apple said on Monday that Steve Jobs, chief executive officer of Apple Inc., would \
take leave. Apple shares fell.";
    let entities = run(
        text,
        &[
            ("Apple", "ORG"),
            ("Apple Inc.", "ORG"),
            ("Steve Jobs", "PERSON"),
        ],
    );
    let apple = find(&entities, "Apple", 0);
    assert_eq!(find(&entities, "Apple Inc.", 0).cluster, apple.cluster);
    assert_eq!(find(&entities, "Apple", 1).cluster, apple.cluster);
    assert_eq!(apple.canonical.as_deref(), Some("Apple Inc."));
    assert_eq!(
        find(&entities, "Steve Jobs", 0).role.as_deref(),
        Some("chief executive officer of Apple Inc.")
    );
}

#[test]
fn entities_joined_by_and_are_not_a_role() {
    let text =
        "Northrop Grumman and Airbus parent EADS defeat Boeing. The Maintenance, Repair and \
Overhaul unit of Airbus grew.";
    let entities = run(
        text,
        &[
            ("Northrop Grumman", "ORG"),
            ("Airbus", "ORG"),
            ("EADS", "ORG"),
            ("Boeing", "ORG"),
            ("Maintenance, Repair and Overhaul", "ORG"),
        ],
    );
    assert_eq!(
        find(&entities, "EADS", 0).role.as_deref(),
        Some("Airbus parent")
    );
    let list = find(&entities, "Maintenance, Repair and Overhaul", 0);
    assert_eq!(
        list.canonical.as_deref(),
        Some("Maintenance, Repair and Overhaul")
    );
    assert!(list.role.is_none());
}
