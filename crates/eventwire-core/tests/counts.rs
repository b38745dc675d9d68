//! Counts on real sentences: each number form, each kind, sources, periods,
//! conflicting figures and numbers that are not counts. Sentences marked
//! "Wikinews" are quoted from English Wikinews (CC BY 2.5,
//! https://en.wikinews.org); none of them is in the counts gold set.

use eventwire_core::counts::find_counts;
use eventwire_core::document::{Count, Entity, Span, TimeExpression};
use proptest::prelude::*;

fn counts(text: &str) -> Vec<Count> {
    find_counts(text, &[], &[], &[], &[])
}

/// (kind, number, qualifier, object) of every count, in order.
fn tuples(text: &str) -> Vec<(String, u64, Option<String>, Option<String>)> {
    counts(text)
        .into_iter()
        .map(|c| (c.kind, c.number, c.qualifier, c.object))
        .collect()
}

fn t(
    kind: &str,
    number: u64,
    qualifier: Option<&str>,
    object: Option<&str>,
) -> (String, u64, Option<String>, Option<String>) {
    (
        kind.to_string(),
        number,
        qualifier.map(str::to_string),
        object.map(str::to_string),
    )
}

#[test]
fn digits_with_commas_qualifier_object_and_source() {
    // The example wire story (MINA, 7 February 2016).
    let text = "More than 1,730 civilians have been killed since Russia began airstrikes \
                against opposition forces in Syria in September, according to the Syrian \
                National Coalition.";
    let found = counts(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].kind.as_str(), found[0].number), ("killed", 1730));
    assert_eq!(found[0].qualifier.as_deref(), Some("more than"));
    assert_eq!(found[0].object.as_deref(), Some("civilians"));
    assert_eq!(
        found[0].source.as_deref(),
        Some("Syrian National Coalition")
    );
    assert_eq!(found[0].text, "More than 1,730 civilians have been killed");
    assert_eq!(
        &text[found[0].start as usize..found[0].end as usize],
        found[0].text
    );
}

#[test]
fn period_comes_from_the_time_expression_after_since() {
    let text = "More than 1,730 civilians have been killed since Russia began airstrikes \
                against opposition forces in Syria in September, according to the Syrian \
                National Coalition.";
    let september = text.find("September").unwrap();
    let times = vec![TimeExpression {
        text: "September".into(),
        start: september as u32,
        end: (september + "September".len()) as u32,
        kind: "DATE".into(),
        value: Some("2015-09".into()),
        anchor: "dateline".into(),
    }];
    let found = find_counts(text, &[Span::new(0, text.len())], &[], &[], &times);
    assert_eq!(found[0].since.as_deref(), Some("2015-09"));
    // Without a resolved time expression the raw phrase is not used.
    assert_eq!(counts(text)[0].since, None);
}

#[test]
fn a_date_not_after_since_is_no_period() {
    let text = "Police arrested 15 people in Minsk in September.";
    let september = text.find("September").unwrap();
    let times = vec![TimeExpression {
        text: "September".into(),
        start: september as u32,
        end: (september + 9) as u32,
        kind: "DATE".into(),
        value: Some("2020-09".into()),
        anchor: "published".into(),
    }];
    let found = find_counts(text, &[], &[], &[], &times);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].since, None);
}

#[test]
fn number_words_and_hyphenated_numbers() {
    // Wikinews, 2019.
    assert_eq!(
        tuples("Sixty-six people or more were injured yesterday according to health officials, ranging in age from eleven to 75."),
        vec![t("wounded", 66, Some("at least"), Some("people"))]
    );
    assert_eq!(
        tuples("The fire service indicated on Twitter the baby girl was critically ill, while two adults were seriously injured."),
        vec![t("wounded", 2, None, Some("adults"))]
    );
}

#[test]
fn decimals_with_million_and_thousand_multipliers() {
    // Wikinews, 2019.
    assert_eq!(
        tuples("This included marches of 250 thousand protesters in New York City, 100 thousand in London, and 1.4 million in cities throughout Germany."),
        vec![
            t("protesters", 250_000, None, Some("protesters")),
            t("protesters", 100_000, None, None),
            t("protesters", 1_400_000, None, None),
        ]
    );
    assert_eq!(
        tuples("The floods displaced 1.2 million people in the delta."),
        vec![t("displaced", 1_200_000, None, Some("people"))]
    );
}

#[test]
fn vague_quantifiers_are_lower_bounds() {
    // Wikinews, 2019.
    assert_eq!(
        tuples("On Friday, thousands of Hong Kong protesters wearing black clothes, face masks, and helmets gathered around Hong Kong's principal police complex."),
        vec![t("protesters", 2000, Some("at least"), Some("Hong Kong protesters"))]
    );
    // Wikinews, 2019.
    assert_eq!(
        tuples("In 1979, revolutionaries took control of Iran and captured the U.S. embassy, taking dozens of people there hostage."),
        vec![t("kidnapped", 24, Some("at least"), Some("people"))]
    );
    assert_eq!(
        tuples("Hundreds of thousands have fled the fighting since the spring."),
        vec![t("displaced", 200_000, Some("at least"), None)]
    );
    assert_eq!(
        tuples("At least a dozen were wounded and scores more are missing."),
        vec![
            t("wounded", 12, Some("at least"), None),
            t("missing", 40, Some("at least"), None),
        ]
    );
}

#[test]
fn kinds_by_verb_before_and_after() {
    // Wikinews, 2020.
    assert_eq!(
        tuples("Within roughly a day before the event, Belarusian KGB arrested 33 Russian individuals, claiming them to be mercenaries."),
        vec![t("arrested", 33, None, Some("Russian individuals"))]
    );
    // Wikinews, 2020.
    assert_eq!(
        tuples("That event destroyed at least 300 homes, ripped up roads, killed one and injured eight people, and cracked the island's biggest power plant."),
        vec![t("killed", 1, None, None), t("wounded", 8, None, Some("people"))]
    );
    // Wikinews, 2020.
    assert_eq!(
        tuples("Three occupants of the helicopter died and three firefighters were injured when their appliance rolled."),
        vec![
            t("killed", 3, None, Some("occupants")),
            t("wounded", 3, None, Some("firefighters")),
        ]
    );
    assert_eq!(
        tuples(
            "Gunmen kidnapped 42 students from a boarding school, and 12 people are still missing."
        ),
        vec![
            t("kidnapped", 42, None, Some("students")),
            t("missing", 12, None, Some("people")),
        ]
    );
}

#[test]
fn death_tolls_and_count_nouns() {
    // Wikinews, 2019.
    assert_eq!(
        tuples("Some estimated death tolls, provided anonymously by officials to journalists, exceeded 100."),
        vec![t("killed", 100, Some("more than"), None)]
    );
    assert_eq!(
        tuples("The death toll rose to 30 on Sunday, leaving 12 dead in the capital alone."),
        vec![t("killed", 30, None, None), t("killed", 12, None, None)]
    );
    // Wikinews, 2019 (quoted figure of the WHO).
    assert_eq!(
        tuples("According to data from the World Health Organisation, in 2018 there were approximately 10 million cases of measles and 140 thousand related deaths worldwide."),
        vec![t("killed", 140_000, None, None)]
    );
}

#[test]
fn sources_from_verbs_and_according_to() {
    let found = counts("Officials said the blast killed nine people.");
    assert_eq!(found[0].source.as_deref(), Some("officials"));
    let found = counts("Taliban spokesperson Zabiullah Mujahid claimed 190 were dead.");
    assert_eq!(found[0].source.as_deref(), Some("Zabiullah Mujahid"));
    let found = counts("At least 20 were killed, the health ministry said.");
    assert_eq!(found[0].source.as_deref(), Some("health ministry"));
}

#[test]
fn entity_canonical_name_is_the_source() {
    let text = "The SNC said 1,730 civilians have been killed.";
    let entity = Entity {
        text: "SNC".into(),
        kind: "ORG".into(),
        start: 4,
        end: 7,
        canonical: Some("Syrian National Coalition".into()),
        cluster: Some(1),
        role: None,
    };
    let found = find_counts(text, &[], &[], &[entity], &[]);
    assert_eq!(
        found[0].source.as_deref(),
        Some("Syrian National Coalition")
    );
}

#[test]
fn conflicting_figures_are_all_kept_each_with_its_source() {
    let text = "The ministry said 12 people were killed, while the opposition said 30 civilians were killed.";
    let found = counts(text);
    let summary: Vec<(u64, Option<&str>)> = found
        .iter()
        .map(|c| (c.number, c.source.as_deref()))
        .collect();
    assert_eq!(
        summary,
        vec![(12, Some("ministry")), (30, Some("opposition"))]
    );
}

#[test]
fn years_ages_times_money_and_scores_are_not_counts() {
    for text in [
        // Years and dates.
        "He was arrested in 1963 and was imprisoned until 1974.",
        "Chen was arrested by Singapore police on 8 December.",
        // Ages.
        "A 19-year-old man from Camberley was arrested by the police.",
        "Pierre Nkurunziza died at the age of 55 on Monday.",
        "Ms Bakley, 44, was found dead in a car.",
        "The conductor has died in Germany aged 50.",
        // Times.
        "The suspect was arrested at 2am local time (0100 UTC) on Sunday.",
        // Money, percentages, votes and scores.
        "Chelyabinsk's governor has promised each victim a payout of one million rubles.",
        "Shares fell 15% after the killing of the former prime minister.",
        "Joe Biden won the popular vote, winning by over six million votes.",
        "At 2-0 they were dead and buried.",
        "Two good serves put Roddick 30-0 up.",
        // Measures.
        "A magnitude 6.3 earthquake killed livestock.",
        // Partitives of a group already counted.
        "Ben Emmerson QC, representing seven of the detainees, said the men had been in custody for nearly three years.",
    ] {
        assert_eq!(counts(text), Vec::new(), "{text}");
    }
}

#[test]
fn offsets_point_into_the_text_with_multibyte_characters() {
    let text = "Près de Paris — “At least 20 protesters were detained,” police said.";
    let found = counts(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].kind, "arrested");
    assert_eq!(found[0].number, 20);
    assert_eq!(
        &text[found[0].start as usize..found[0].end as usize],
        found[0].text
    );
}

#[test]
fn sentences_bound_the_patterns() {
    let text = "Twelve people. Were killed in the blast.";
    let sentences = [Span::new(0, 14), Span::new(15, text.len())];
    assert_eq!(find_counts(text, &sentences, &[], &[], &[]), Vec::new());
}

proptest! {
    #[test]
    fn no_panic_on_arbitrary_text(text in "\\PC{0,300}") {
        let found = find_counts(&text, &[], &[], &[], &[]);
        for count in found {
            prop_assert!(text.get(count.start as usize..count.end as usize).is_some());
        }
    }

    #[test]
    fn no_panic_on_count_like_word_salad(
        words in proptest::collection::vec(
            prop::sample::select(vec![
                "killed", "at", "least", "1,730", "dozens", "of", "all", "but", "one", "the",
                "death", "toll", "rose", "to", "from", "said", ",", "according", "since",
                "hundreds", "thousands", "twenty-five", "a", "dozen", "were", "people", "and",
                "including", "1.2", "million", "hostage", "taking", "“", "—", "é", "whom",
            ]),
            0..60,
        ),
        cut in 0usize..400,
    ) {
        let text = words.join(" ");
        // Sentences and entities with odd bounds must not panic either.
        let end = cut.min(text.len());
        let end = (0..=end).rev().find(|&e| text.is_char_boundary(e)).unwrap_or(0);
        let sentences = [Span::new(0, end), Span::new(end, text.len())];
        let entity = Entity {
            text: String::new(), kind: "PER".into(), start: end as u32, end: text.len() as u32,
            canonical: None, cluster: None, role: None,
        };
        let found = find_counts(&text, &sentences, &[], &[entity], &[]);
        for count in found {
            prop_assert!(text.get(count.start as usize..count.end as usize).is_some());
        }
    }
}

#[test]
fn a_huge_single_sentence_is_scanned_in_pieces_and_every_count_is_found() {
    let unit = "Police arrested 15 protesters and ";
    let text = unit.repeat(40_000);
    let found = find_counts(&text, &[], &[], &[], &[]);
    assert_eq!(found.len(), 40_000);
    // A pattern cut by a piece boundary (one per 64 KiB) may lose its verb.
    let arrests = found
        .iter()
        .filter(|c| c.kind == "arrested" && c.number == 15)
        .count();
    assert!(arrests >= found.len() - found.len() / 1000, "{arrests}");
}
