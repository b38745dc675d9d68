use super::read::regular_forms;
use super::*;
use std::path::PathBuf;

/// Words of a test clause: `text` or `text=lemma`; in `after`, a word
/// starting with `(` is a preposition and the words after it its object;
/// `~word` (anywhere after the verb) is the particle.
struct Spec {
    before: Vec<(String, String, Role)>,
    verb: (String, String),
    particle: Option<(String, String)>,
    after: Vec<(String, String, Role)>,
}

fn split(word: &str) -> (String, String) {
    match word.split_once('=') {
        Some((t, l)) => (t.to_string(), l.to_string()),
        None => (word.to_string(), word.to_lowercase()),
    }
}

fn spec(before: &str, verb: &str, after: &str) -> Spec {
    let mut in_pp = false;
    let mut particle = None;
    let mut after_words = Vec::new();
    for w in after.split_whitespace() {
        if let Some(p) = w.strip_prefix('~') {
            particle = Some(split(p));
        } else if let Some(p) = w.strip_prefix('(') {
            in_pp = true;
            let (t, l) = split(p);
            after_words.push((t, l, Role::Preposition));
        } else {
            let (t, l) = split(w);
            let role = if in_pp {
                Role::PrepObject
            } else {
                Role::Object
            };
            after_words.push((t, l, role));
        }
    }
    Spec {
        before: before
            .split_whitespace()
            .map(|w| {
                let (t, l) = split(w);
                (t, l, Role::Subject)
            })
            .collect(),
        verb: split(verb),
        particle,
        after: after_words,
    }
}

fn tag_of(role: Role, text: &str) -> &'static str {
    match role {
        Role::Preposition => "IN",
        _ if text.chars().next().is_some_and(char::is_uppercase) => "NNP",
        _ => "NN",
    }
}

impl Spec {
    fn clause(&self) -> Clause<'_> {
        let mut token = 0;
        let mut next = || {
            token += 1;
            token - 1
        };
        let before = self
            .before
            .iter()
            .map(|(t, l, r)| ClauseWord {
                token: next(),
                text: t,
                lemma: l,
                tag: tag_of(*r, t),
                role: *r,
            })
            .collect();
        let verb = ClauseWord {
            token: next(),
            text: &self.verb.0,
            lemma: &self.verb.1,
            tag: "VBD",
            role: Role::Other,
        };
        let particle = self.particle.as_ref().map(|(t, l)| ClauseWord {
            token: next(),
            text: t,
            lemma: l,
            tag: "RP",
            role: Role::Other,
        });
        let after = self
            .after
            .iter()
            .map(|(t, l, r)| ClauseWord {
                token: next(),
                text: t,
                lemma: l,
                tag: tag_of(*r, t),
                role: *r,
            })
            .collect();
        Clause {
            verb,
            particle,
            before,
            after,
        }
    }
}

fn cameo() -> VerbDictionary {
    VerbDictionary::embedded().expect("embedded verb dictionary loads")
}

fn code(dict: &VerbDictionary, before: &str, verb: &str, after: &str) -> Option<String> {
    let s = spec(before, verb, after);
    dict.match_clause(&s.clause()).map(|m| match m.paired {
        Some(p) => format!("{}:{p}", m.code.unwrap_or_default()),
        None => m.code.unwrap_or_default(),
    })
}

fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("EVENTWIRE_DATA") {
        return Some(PathBuf::from(dir));
    }
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors()
        .map(|dir| dir.join("../shared/data"))
        .find(|candidate| candidate.is_dir())
}

fn read_data(relative: &str) -> Option<String> {
    let Some(dir) = data_dir() else {
        eprintln!("skipping: no shared data folder (set EVENTWIRE_DATA)");
        return None;
    };
    match std::fs::read(dir.join(relative)) {
        Ok(bytes) => Some(bytes.iter().map(|&b| char::from(b)).collect()),
        Err(_) => {
            eprintln!("skipping: {relative} is not in the data folder");
            None
        }
    }
}

#[test]
fn word_keys_ignore_case_and_typographic_apostrophes() {
    assert_eq!(word_key("Talks"), word_key("talks"));
    assert_eq!(word_key("N\u{2019}T"), word_key("n't"));
    assert_eq!(word_key("ÉTAT"), word_key("état"));
    assert_ne!(word_key("talk"), word_key("talks"));
}

#[test]
fn regular_forms_follow_english_spelling() {
    assert_eq!(regular_forms("ARRIVE"), ["arrives", "arrived", "arriving"]);
    assert_eq!(regular_forms("CARRY"), ["carries", "carried", "carrying"]);
    assert_eq!(regular_forms("PLAY"), ["plays", "played", "playing"]);
    assert_eq!(regular_forms("PRESS"), ["presses", "pressed", "pressing"]);
    assert_eq!(regular_forms("AGREE"), ["agrees", "agreed", "agreeing"]);
}

#[test]
fn discussing_by_telephone_is_041() {
    let d = cameo();
    assert_eq!(
        code(
            &d,
            "Kerry and Lavrov",
            "discussed=discuss",
            "the crisis (by telephone"
        )
        .as_deref(),
        Some("041:041")
    );
    // Without the telephone the verb's own code: discuss [040:040].
    assert_eq!(
        code(&d, "Kerry and Lavrov", "discussed=discuss", "the crisis").as_deref(),
        Some("040:040")
    );
}

#[test]
fn arriving_for_talks_is_046_and_bare_arrival_040() {
    let d = cameo();
    assert_eq!(
        code(
            &d,
            "The minister",
            "arrived=arrive",
            "(in Moscow (for talks"
        )
        .as_deref(),
        Some("046:046")
    );
    assert_eq!(
        code(&d, "The minister", "arrived=arrive", "(in Moscow").as_deref(),
        Some("040")
    );
    // The surface form finds the verb when the lemma is unknown or wrong.
    assert_eq!(
        code(&d, "The minister", "arrived=arrived", "(in Moscow").as_deref(),
        Some("040")
    );
}

#[test]
fn null_codes_give_nothing() {
    let d = cameo();
    // COME has its own null code in the ARRIVE block …
    assert_eq!(code(&d, "He", "came=come", "home"), None);
    // … but the block's patterns still apply to it.
    assert_eq!(
        code(&d, "He", "came=come", "(for talks").as_deref(),
        Some("046:046")
    );
    // Verbs the dictionary does not know give nothing either.
    assert_eq!(code(&d, "He", "frobnicated=frobnicate", "it"), None);
    assert!(d.knows("arrive"));
    assert!(!d.knows("frobnicate"));
}

#[test]
fn paired_and_reverse_only_codes() {
    let d = cameo();
    let s = spec("Relief supplies", "arrived=arrive", "(in Gaza");
    let m = d.match_clause(&s.clause()).expect("a match");
    assert_eq!(m.code.as_deref(), Some("073"));
    assert_eq!(m.paired.as_deref(), Some("0863"));
    // `- &REFUGEE * [:073]`: only the reverse event.
    let s = spec("Thousands of refugees", "arrived=arrive", "(in Jordan");
    let m = d.match_clause(&s.clause()).expect("a match");
    assert_eq!(m.code, None);
    assert_eq!(m.paired.as_deref(), Some("073"));
}

#[test]
fn synsets_match_any_member_and_plural() {
    let d = cameo();
    // - &MILITARY * [072] in the ARRIVE block: any word of &MILITARY.
    let soldiers = code(&d, "Russian soldiers", "arrived=arrive", "(in Syria");
    let troops = code(&d, "Russian troops", "arrived=arrive", "(in Syria");
    assert_eq!(soldiers.as_deref(), Some("072"));
    assert_eq!(troops.as_deref(), Some("072"));
}

#[test]
fn multi_word_verbs_use_the_particle_or_next_word() {
    let d = cameo();
    let with_particle = code(&d, "Leaders", "got=get", "~together (in Vienna");
    let with_next_word = code(&d, "Leaders", "got=get", "together (in Vienna");
    assert_eq!(with_particle.as_deref(), Some("040"));
    assert_eq!(with_next_word.as_deref(), Some("040"));
    let s = spec("Leaders", "got=get", "~together (in Vienna");
    let m = d.match_clause(&s.clause()).expect("a match");
    assert_eq!(m.matched, vec![2], "the particle is part of the verb");
}

#[test]
fn source_and_target_markers_report_tokens() {
    let text =
        "&REFUGEE\n+REFUGEE\n\n--- ARRIVE [040] ---\nARRIVE\n- &REFUGEE FROM + * IN $ [073]\n";
    let (d, issues) = VerbDictionary::from_petrarch(text, "test");
    assert!(issues.is_empty(), "{issues:?}");
    let s = spec("refugees from Syria", "arrived=arrive", "in Jordan");
    let m = d.match_clause(&s.clause()).expect("a match");
    assert_eq!(m.code.as_deref(), Some("073"));
    assert_eq!(m.target, Some(2), "Syria");
    assert_eq!(m.source, Some(5), "Jordan");
    assert_eq!(m.matched, vec![0, 1, 4]);
}

#[test]
fn longest_pattern_wins_and_tight_words_must_touch() {
    let text = "--- GIVE [070] ---\nGIVE {GAVE GIVEN GIVING}\n- * AID [073]\n- * MILITARY AID [074]\n- * DEBT_RELIEF [0331]\n- NOT_* [---]\n";
    let (d, issues) = VerbDictionary::from_petrarch(text, "test");
    assert!(issues.is_empty(), "{issues:?}");
    assert_eq!(
        code(&d, "They", "gave=give", "military aid").as_deref(),
        Some("074")
    );
    assert_eq!(
        code(&d, "They", "gave=give", "military and other aid").as_deref(),
        Some("074")
    );
    assert_eq!(code(&d, "They", "gave=give", "aid").as_deref(), Some("073"));
    assert_eq!(
        code(&d, "They", "gave=give", "debt relief").as_deref(),
        Some("0331")
    );
    assert_eq!(
        code(&d, "They", "gave=give", "debt and relief").as_deref(),
        Some("070")
    );
    assert_eq!(code(&d, "They not", "gave=give", "money"), None);
    assert_eq!(
        code(&d, "They not really", "gave=give", "money").as_deref(),
        Some("070")
    );
}

#[test]
fn cameo_dictionary_loads_with_few_issues() {
    let Some(text) = read_data("petrarch2/dictionaries/CAMEO.2.0.txt") else {
        return;
    };
    let (d, issues) = VerbDictionary::from_petrarch(&text, "CAMEO.2.0.txt");
    let s = d.stats();
    assert!(
        s.blocks > 350 && s.patterns > 4000 && s.synsets > 30,
        "{s:?}"
    );
    assert!(
        issues.len() < 40,
        "{} issues: {:?}",
        issues.len(),
        &issues[..5]
    );
    // The embedded model is this file compiled.
    assert_eq!(cameo().stats(), s);
}

#[test]
fn unit_test_dictionaries_load() {
    for file in [
        "petrarch2/validation/PETR.Validate.verbs.txt",
        "ud-petrarch-validation/PETR_Validate_verbs_2_02.txt",
    ] {
        let Some(text) = read_data(file) else {
            continue;
        };
        let (d, issues) = VerbDictionary::from_petrarch(&text, file);
        let s = d.stats();
        assert!(s.blocks > 50 && s.patterns > 100, "{file}: {s:?}");
        assert!(issues.len() < 20, "{file}: {issues:?}");
    }
}

#[test]
fn old_format_tight_joins_and_weird_codes() {
    let Some(text) = read_data("petrarch2/validation/PETR.Validate.verbs.txt") else {
        return;
    };
    let (d, _) = VerbDictionary::from_petrarch(&text, "validate");
    // --- ACCORD [---] --- : - IN_* [075]
    assert_eq!(
        code(&d, "they in", "accorded=accord", "").as_deref(),
        Some("075")
    );
    // --- BARGAIN [031] --- : - * ASYLUM [174L]
    assert_eq!(
        code(&d, "he", "bargained=bargain", "asylum").as_deref(),
        Some("174L")
    );
    // --- ADMIT [013:012] ---
    assert_eq!(
        code(&d, "he", "admitted=admit", "x").as_deref(),
        Some("013:012")
    );
}

#[test]
fn model_bytes_round_trip_and_damage_is_an_error() {
    let d = cameo();
    let bytes = d.to_bytes();
    let again = VerbDictionary::from_bytes(&bytes).expect("reload");
    assert_eq!(again.stats(), d.stats());
    assert!(VerbDictionary::from_bytes(b"nonsense").is_err());
    for cut in [10, bytes.len() / 3, bytes.len() - 1] {
        assert!(VerbDictionary::from_bytes(&bytes[..cut]).is_err());
    }
}

#[test]
fn arbitrary_dictionary_text_never_panics() {
    let pieces = [
        "---", "-", "*", "+", "$", "^", "%", "&", "&X", "&X_", "(", ")", "{", "}", "[", "]",
        "[---]", "[01:02]", "[:", ":]", "_", "__", "*_", "_*", "#", ";", "<!--", "-->", "~",
        "WORD", "GO", "+GO_ON", "{WENT}", "(FOR", "TALKS)", "é", "N'T", " ", "\t", "ü_+",
    ];
    let mut rng = crate::model::SplitMix64::new(7);
    let mut text = String::new();
    for _ in 0..4000 {
        let n = (rng.next_u64() % 8) as usize;
        for _ in 0..n {
            let i = (rng.next_u64() % pieces.len() as u64) as usize;
            text.push_str(pieces[i]);
            if rng.next_u64().is_multiple_of(2) {
                text.push(' ');
            }
        }
        text.push('\n');
    }
    let (d, _) = VerbDictionary::from_petrarch(&text, "fuzz");
    let s = spec("a b", "go", "(for talks ~on x");
    let _ = d.match_clause(&s.clause());
    let again = VerbDictionary::from_bytes(&d.to_bytes()).expect("round trip");
    assert_eq!(again.stats(), d.stats());
}

#[test]
fn nested_synsets_cannot_blow_up() {
    // Self-reference, a cycle, and ten levels of 20-fold nesting.
    let mut text = String::from("&SELF\n+&SELF\n+WORD\n\n&A\n+&B\n&B\n+&A\n+BEE\n\n");
    for level in 0..10 {
        text.push_str(&format!("&L{level}\n"));
        for _ in 0..20 {
            text.push_str(&format!("+&L{}\n", level + 1));
        }
        text.push_str(&format!("+W{level}\n\n"));
    }
    text.push_str("&L10\n+LEAF\n\n--- X [010] ---\nGO\n- * &L0 [011]\n- * &SELF [012]\n");
    let started = std::time::Instant::now();
    let (d, issues) = VerbDictionary::from_petrarch(&text, "nest");
    assert!(started.elapsed().as_secs() < 5);
    assert!(
        issues.iter().any(|i| i.message.contains("cycle")),
        "{issues:?}"
    );
    // Members down to the depth limit are in; deeper ones are cut.
    assert_eq!(code(&d, "they", "go", "w5").as_deref(), Some("011"));
    assert_eq!(code(&d, "they", "go", "leaf").as_deref(), Some("010"));
    assert_eq!(code(&d, "they", "go", "word").as_deref(), Some("012"));
}

#[test]
fn matching_is_fast() {
    let d = cameo();
    let s = spec(
        "The Russian foreign minister Sergei Lavrov",
        "discussed=discuss",
        "the crisis in Syria (with his American counterpart (by telephone (on Sunday",
    );
    let clause = s.clause();
    let started = std::time::Instant::now();
    let rounds = 2000;
    for _ in 0..rounds {
        assert!(d.match_clause(&clause).is_some());
    }
    let per = started.elapsed().as_secs_f64() * 1e6 / f64::from(rounds);
    // Generous: debug builds are ~20x slower than release.
    assert!(per < 500.0, "{per:.1} µs per clause");
}

#[test]
fn common_news_clauses_get_their_dictionary_codes() {
    let d = cameo();
    let cases = [
        // (subject, verb, after, code): each from a CAMEO.2.0 line named in the comment.
        (
            "The UN",
            "called=call",
            "(for an immediate ceasefire (in Syria",
            Some("0256"),
        ), // CALL - * (FOR &CEASEFIRE)
        (
            "The UN",
            "called=call",
            "~for an immediate ceasefire",
            Some("0256"),
        ), // the same with "for" as particle
        ("The UN", "called=call", "the minister", Some("041:041")), // --- CALL [041:041] ---
        (
            "Police",
            "arrested=arrest",
            "dozens (of supporters",
            Some("173"),
        ), // - POLICE * [173]
        (
            "The two sides",
            "signed=sign",
            "a peace agreement (in Geneva",
            Some("057:057"),
        ), // {PEACE &TREATY}
        ("Russia", "rejected=reject", "the proposal", Some("120")), // - * &PROPOSAL [120]
        ("Obama", "visited=visit", "Paris", Some("042:043")),       // --- VISIT [042:043] ---
        ("They", "held=hold", "talks (in Vienna", Some("046:046")), // HOLD [---] but - * TALKS
        ("They", "held=hold", "him", None),                         // HOLD {…} [---]
        ("Kerry", "urged=urge", "Russia (to stop", None),           // URGE is not in CAMEO.2.0
    ];
    for (before, verb, after, want) in cases {
        assert_eq!(
            code(&d, before, verb, after).as_deref(),
            want,
            "{before} {verb} {after}"
        );
    }
}

#[test]
fn subject_only_patterns_keep_to_the_verb_their_comment_names() {
    let dict = cameo();
    // `- &MILITARY * [192] # TAKE` in the APPREHEND block.
    assert_eq!(
        code(&dict, "troops=troop", "took=take", "Palestinians").as_deref(),
        Some("192")
    );
    assert_eq!(
        code(&dict, "troops=troop", "arrested=arrest", "Palestinians").as_deref(),
        Some("173")
    );
    // `- MILITANTS * [181] # CAPTURE`.
    assert_eq!(
        code(&dict, "militants=militant", "captured=capture", "soldiers").as_deref(),
        Some("181")
    );
    let restricted = dict
        .patterns
        .iter()
        .filter(|p| p.only_verb.is_some())
        .count();
    let subject_only = dict
        .patterns
        .iter()
        .filter(|p| p.after.is_empty() && !p.before.is_empty())
        .count();
    assert_eq!((restricted, subject_only), (203, 218));
}
