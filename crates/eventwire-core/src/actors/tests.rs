use super::*;

const ACTORS: &str = "\
RUSSIAN_FEDERATION_  [RUS]
+RUSSIAN
+RUSSIA_
+MOSCOW_
UNITED_STATES_ [USA]
+US_
+AMERICAN_
DEPARTMENT_OF_STATE
+US_STATE_DEPARTMENT
\t[USAGOV]
JOHN_KERRY_
+SECRETARY_KERRY_
\t[USAGOVLEG 850103-130201]
\t[USAGOV >130201]
SYRIA_ [SYR]
+SYRIAN_
AHMAD_JARBA [SYROPP]
UN_ [IGOUNO]
+UNITED_NATIONS
BOROMIR  [---]
";

const AGENTS: &str = "\
!PERSON! = MAN, MEN
MILITARY [~MIL]
TROOP {} [~MIL]
TROOPS {} [~MIL]
OPPOSITION {} [~OPP]
CIVILIAN [~CVL]
GOVERNMENT [~GOV]
SPOKES!PERSON! [~]
PEACEKEEPING_TROOPS {} [IGO~]
";

fn dictionary() -> ActorDictionary {
    let (d, issues) =
        ActorDictionary::from_petrarch(ACTORS, AGENTS, "+SOCCER\nWORLD_CUP_\n", "test")
            .expect("test dictionary builds");
    assert!(issues.is_empty(), "{issues:?}");
    d
}

fn words(s: &str) -> Vec<&str> {
    s.split(' ').collect()
}

fn code(d: &ActorDictionary, phrase: &str, date: Option<&str>) -> Option<String> {
    d.code_phrase(&words(phrase), date).map(|c| c.code)
}

#[test]
fn longest_match_with_dates() {
    let d = dictionary();
    let w = words("Secretary Kerry said");
    let m = d.match_at(&w, 0, Some("2016-05-01")).unwrap();
    assert_eq!(
        (m.len, m.code, m.kind),
        (2, Some("USAGOV"), ActorKind::Actor)
    );
    assert_eq!(
        d.match_at(&w, 0, Some("2010-05-01")).unwrap().code,
        Some("USAGOVLEG")
    );
    // Before any range and no default: known phrase, no code.
    assert_eq!(d.match_at(&w, 0, Some("1980-01-01")).unwrap().code, None);
    // No date: the latest office.
    assert_eq!(d.match_at(&w, 0, None).unwrap().code, Some("USAGOV"));
    assert!(d.match_at(&w, 2, None).is_none());
    assert!(d.match_at(&w, 9, None).is_none());
}

#[test]
fn normalisation_case_punctuation_possessive() {
    let d = dictionary();
    assert_eq!(code(&d, "U.N.", None).as_deref(), Some("IGOUNO"));
    assert_eq!(
        code(&d, "the united nations", None).as_deref(),
        Some("IGOUNO")
    );
    assert_eq!(
        code(&d, "Russia's military", None).as_deref(),
        Some("RUSMIL")
    );
    assert_eq!(
        code(&d, "Russia 's military", None).as_deref(),
        Some("RUSMIL")
    );
    // A one-word name that is a common word must be in capitals.
    assert_eq!(code(&d, "told us", None), None);
    assert_eq!(code(&d, "told US troops", None).as_deref(), Some("USAMIL"));
    assert_eq!(code(&d, "Boromir", None), None);
}

#[test]
fn combining_actors_and_agents() {
    let d = dictionary();
    assert_eq!(
        code(&d, "Russian military", None).as_deref(),
        Some("RUSMIL")
    );
    assert_eq!(
        code(&d, "the Syrian opposition", None).as_deref(),
        Some("SYROPP")
    );
    assert_eq!(
        code(&d, "US State Department spokesman", None).as_deref(),
        Some("USAGOV")
    );
    assert_eq!(
        code(&d, "American government troops", None).as_deref(),
        Some("USAGOVMIL")
    );
    assert_eq!(
        code(&d, "Syrian opposition leader Ahmad Jarba", None).as_deref(),
        Some("SYROPP")
    );
    assert_eq!(
        code(&d, "UN peacekeeping troops", None).as_deref(),
        Some("IGOUNO")
    );
    assert_eq!(code(&d, "civilians", None).as_deref(), Some("---CVL"));
    let syr = d
        .code_phrase_in(&words("civilians"), None, Some("SYR"))
        .unwrap();
    assert_eq!(syr.code, "SYRCVL");
    assert_eq!(syr.parts.len(), 1);
    assert_eq!(code(&d, "spokesman", None), None);
    assert_eq!(code(&d, "", None), None);
}

#[test]
fn coordinated_phrases_give_one_code_each() {
    let d = dictionary();
    let codes = |s| -> Vec<String> {
        d.code_conjuncts(&words(s), None, None)
            .into_iter()
            .map(|c| c.code)
            .collect()
    };
    assert_eq!(codes("Russia and Syria"), vec!["RUS", "SYR"]);
    assert_eq!(codes("Russian and Syrian troops"), vec!["RUSMIL", "SYRMIL"]);
    assert_eq!(
        codes("Russian civilians and Syrian troops"),
        vec!["RUSCVL", "SYRMIL"]
    );
    assert_eq!(
        codes("Russia , Syria and the UN"),
        vec!["RUS", "SYR", "IGOUNO"]
    );
    let parts = d.code_conjuncts(&words("cats and Syria"), None, None);
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].parts[0].start, 2);
    assert!(d.code_conjuncts(&words("and"), None, None).is_empty());
}

#[test]
fn user_entries_add_and_override() {
    let d = dictionary()
        .with_user_entries("John Kerry\tUSAGOV\t2013-02-01\t2017-01-20\nJohn Kerry\tUSAELI\nMoscow\tRUSGOV\nboffins\t~EDU\n")
        .unwrap();
    let kerry = words("John Kerry");
    assert_eq!(
        d.match_at(&kerry, 0, Some("2016-01-01")).unwrap().code,
        Some("USAGOV")
    );
    assert_eq!(
        d.match_at(&kerry, 0, Some("2018-01-01")).unwrap().code,
        Some("USAELI")
    );
    assert_eq!(
        d.match_at(&kerry, 0, Some("2016-01-01")).unwrap().origin,
        Origin::User
    );
    // The synonym keeps the dictionary's entry.
    assert_eq!(
        code(&d, "Secretary Kerry", Some("2018-01-01")).as_deref(),
        Some("USAGOV")
    );
    assert_eq!(code(&d, "Moscow", None).as_deref(), Some("RUSGOV"));
    assert_eq!(code(&d, "Russian boffins", None).as_deref(), Some("RUSEDU"));
    let err = dictionary()
        .with_user_entries("ok\tUSA\nbad line\tUSA\t2019-02-30\n")
        .unwrap_err();
    assert_eq!(err.line, 2);
    let err = dictionary()
        .with_user_entries("Foo\tUSA\nFOO [RUS]\n")
        .unwrap_err();
    assert!(err.message.contains("already defined at line 1"), "{err}");
}

#[test]
fn discards_find_stems_and_phrases() {
    let d = dictionary();
    let hit = d.discard_in(&words("the soccerball match")).unwrap();
    assert_eq!((hit.start, hit.story), (1, true));
    let cup = d.discard_in(&words("at the World Cup final")).unwrap();
    assert_eq!((cup.start, cup.story), (2, false));
    assert!(d.discard_in(&words("at the World Cups")).is_none());
    assert!(d.discard_in(&words("talks in Moscow")).is_none());
    // A huge word is looked at only as far as the longest stem.
    let long = "x".repeat(200_000);
    assert!(d.discard_in(&[long.as_str()]).is_none());
}

#[test]
fn stats_count_kinds() {
    let s = dictionary().stats();
    assert_eq!(s.phrases_by_kind[ActorKind::Country as usize], 9);
    assert_eq!(s.entries_by_kind[ActorKind::Agent as usize], 8);
    assert_eq!(s.dated_entries, 1);
    assert_eq!(s.discards, 2);
}

#[test]
fn damaged_bytes_are_errors() {
    let mut builder = DictionaryBuilder::new();
    builder.add_actors(
        &parse_actor_dictionary(ACTORS, "t").records,
        Origin::Dictionary,
    );
    let bytes = builder.to_bytes();
    assert!(ActorDictionary::from_bytes(&bytes).is_ok());
    for cut in [0, 8, bytes.len() / 2, bytes.len() - 1] {
        assert!(ActorDictionary::from_bytes(&bytes[..cut]).is_err());
    }
}

#[test]
fn arbitrary_words_do_not_panic() {
    let d = dictionary();
    let junk = [
        "", "'s", "’", "é", "U.S.", "-", "🙂", "Ü-Ö", "'", "us", "US",
    ];
    for a in junk {
        for b in junk {
            let w = [a, b, a];
            for i in 0..4 {
                let _ = d.match_at(&w, i, Some("bad date"));
            }
            let _ = d.code_phrase(&w, Some("2016-01-01"));
            let _ = d.discard_in(&w);
        }
    }
}
