//! The part-of-speech tagger and lemmatizer: the committed model loads, saves
//! and reloads to the same tags, and tags real sentences the EWT way.

use eventwire_core::tag::{train, Tagged, Tagger, TrainOptions, TrainSentence, TrainWord};

fn tagger() -> Tagger {
    Tagger::embedded().expect("the committed pos model loads")
}

fn tag(tagger: &Tagger, sentence: &str) -> Vec<(String, String, String)> {
    let words: Vec<&str> = sentence.split(' ').collect();
    let mut out = Vec::new();
    tagger.tag(&words, &mut out);
    assert_eq!(out.len(), words.len());
    out.iter()
        .map(|t| {
            (
                tagger.upos_name(t.upos).to_string(),
                tagger.xpos_name(t.xpos).to_string(),
                t.lemma.clone(),
            )
        })
        .collect()
}

fn upos(tagged: &[(String, String, String)]) -> Vec<&str> {
    tagged.iter().map(|t| t.0.as_str()).collect()
}

#[test]
fn tags_and_lemmas_a_news_sentence() {
    let t = tagger();
    let got = tag(&t, "Russia is bombing civilians in Aleppo .");
    assert_eq!(
        upos(&got),
        ["PROPN", "AUX", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"]
    );
    assert_eq!(got[2].1, "VBG");
    assert_eq!(got[2].2, "bomb");
    assert_eq!(got[3].2, "civilian");
    assert_eq!(got[1].2, "be");
    // Proper nouns keep their case; other words are lowercased.
    assert_eq!(got[0].2, "Russia");
}

#[test]
fn lemmas_of_irregular_and_capitalised_forms() {
    let t = tagger();
    let got = tag(&t, "The children were taken to the hospital .");
    assert_eq!(got[0].2, "the");
    assert_eq!(got[1].2, "child");
    assert_eq!(got[2].2, "be");
    assert_eq!(got[3].2, "take");
    let got = tag(&t, "He was killed by two bombs .");
    assert_eq!(upos(&got)[..3], ["PRON", "AUX", "VERB"]);
    assert_eq!(got[1].2, "be");
    assert_eq!(got[2].2, "kill");
    assert_eq!(got[5].2, "bomb");
}

#[test]
fn unseen_words_get_plausible_tags_and_lemmas() {
    let t = tagger();
    // Invented words: the suffixes must carry the decision.
    let got = tag(&t, "The zorbifications were quickly frobnicated .");
    assert_eq!(got[1].1, "NNS");
    assert_eq!(got[1].2, "zorbification");
    assert_eq!(got[4].1, "VBN");
    assert_eq!(got[4].2, "frobnicate");
    let got = tag(&t, "She blorked the wugs .");
    assert_eq!(got[1].1, "VBD");
    assert_eq!(got[1].2, "blork");
    assert_eq!(got[3].2, "wug");
}

#[test]
fn round_trip_gives_identical_tags() {
    let t = tagger();
    let copy = Tagger::from_bytes(&t.to_bytes()).expect("reload");
    let sentences = [
        "Russia is bombing civilians in Aleppo .",
        "On Sunday , North Korea launched a long-range rocket .",
        "I 'd like 3.5 kg of apples , please !",
    ];
    let mut a: Vec<Tagged> = Vec::new();
    let mut b: Vec<Tagged> = Vec::new();
    for s in sentences {
        let words: Vec<&str> = s.split(' ').collect();
        t.tag(&words, &mut a);
        copy.tag(&words, &mut b);
        assert_eq!(a, b, "{s}");
    }
}

#[test]
fn odd_input_is_handled() {
    let t = tagger();
    let mut out = vec![Tagged::default(); 3];
    t.tag(&[], &mut out);
    assert!(out.is_empty());
    let words = [
        "",
        " ",
        "İstanbul",
        "ﬁnancial",
        "😀",
        "a\u{301}",
        "12,000.5",
        "-",
    ];
    t.tag(&words, &mut out);
    assert_eq!(out.len(), words.len());
    let long = "x".repeat(10_000);
    t.tag(&[long.as_str()], &mut out);
    assert_eq!(out.len(), 1);
}

#[test]
fn damaged_models_are_errors() {
    let bytes = tagger().to_bytes();
    assert!(Tagger::from_bytes(b"").is_err());
    assert!(Tagger::from_bytes(&bytes[..bytes.len() / 2]).is_err());
}

/// A tiny corpus trains, deterministically, into a tagger that reproduces it.
#[test]
fn training_is_deterministic_and_learns() {
    let sentence = |words: &[(&str, &str, &str, &str)]| TrainSentence {
        words: words
            .iter()
            .map(|&(form, upos, xpos, lemma)| TrainWord {
                form: form.into(),
                upos: upos.into(),
                xpos: xpos.into(),
                lemma: lemma.into(),
            })
            .collect(),
    };
    let data = vec![
        sentence(&[
            ("Dogs", "NOUN", "NNS", "dog"),
            ("bark", "VERB", "VBP", "bark"),
            (".", "PUNCT", ".", "."),
        ]),
        sentence(&[
            ("The", "DET", "DT", "the"),
            ("dog", "NOUN", "NN", "dog"),
            ("barked", "VERB", "VBD", "bark"),
            (".", "PUNCT", ".", "."),
        ]),
        sentence(&[
            ("Cats", "NOUN", "NNS", "cat"),
            ("walked", "VERB", "VBD", "walk"),
            ("home", "ADV", "RB", "home"),
            (".", "PUNCT", ".", "."),
        ]),
    ];
    let options = TrainOptions {
        epochs: 5,
        dict_min_count: 1,
        min_weight: 0.0,
        ..TrainOptions::default()
    };
    let a = train(&data, &options);
    let b = train(&data, &options);
    assert_eq!(a.to_bytes(), b.to_bytes(), "same data and seed, same model");
    let mut out = Vec::new();
    a.tag(&["The", "dog", "barked", "."], &mut out);
    let xpos: Vec<&str> = out.iter().map(|t| a.xpos_name(t.xpos)).collect();
    assert_eq!(xpos, ["DT", "NN", "VBD", "."]);
    assert_eq!(out[2].lemma, "bark");
}

/// The shared data folder: `$EVENTWIRE_DATA`, else `../shared/data` seen
/// from the current directory or any of its parents.
fn data_dir() -> Option<std::path::PathBuf> {
    if let Some(dir) = std::env::var_os("EVENTWIRE_DATA") {
        return Some(dir.into());
    }
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors()
        .map(|dir| dir.join("../shared/data"))
        .find(|candidate| candidate.is_dir())
}

/// The committed model keeps its accuracy on EWT dev (gold tokens).
#[test]
fn dev_accuracy_holds() {
    let Some(path) = data_dir().map(|d| d.join("ud-english-ewt/en_ewt-ud-dev.conllu")) else {
        eprintln!("skipping: no shared data folder (set EVENTWIRE_DATA)");
        return;
    };
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: {} is absent", path.display());
        return;
    };
    let t = tagger();
    let (mut right, mut lemmas, mut total) = (0usize, 0usize, 0usize);
    let mut out = Vec::new();
    for block in text.split("\n\n") {
        // (form, lemma, upos) of each syntactic word; multiword ranges and empty nodes skipped.
        let gold: Vec<Vec<&str>> = block
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.split('\t').collect::<Vec<_>>())
            .filter(|f| f.len() > 4 && f[0].parse::<usize>().is_ok())
            .collect();
        let words: Vec<&str> = gold.iter().map(|f| f[1]).collect();
        t.tag(&words, &mut out);
        for (g, p) in gold.iter().zip(&out) {
            total += 1;
            right += usize::from(t.upos_name(p.upos) == g[3]);
            lemmas += usize::from(p.lemma == g[2]);
        }
    }
    assert!(total > 20_000, "read {total} words from {}", path.display());
    let upos = right as f64 / total as f64;
    let lemma = lemmas as f64 / total as f64;
    assert!(upos > 0.945, "UPOS accuracy {upos:.4}");
    assert!(lemma > 0.96, "lemma accuracy {lemma:.4}");
}

fn xpos_of(tagged: &[(String, String, String)], sentence: &str, word: &str) -> String {
    let at = sentence.split(' ').position(|w| w == word).unwrap();
    tagged[at].1.clone()
}

#[test]
fn a_news_sentence_gets_its_finite_verb() {
    let t = tagger();
    // The greedy pass reads these main verbs as participles (a reduced
    // relative) and leaves the sentence without a finite verb.
    for (sentence, verb) in [
        ("Troops arrested 20 protesters .", "arrested"),
        ("Police arrested 20 protesters in Cairo .", "arrested"),
        (
            "Russian planes attacked Aleppo on Tuesday , activists said .",
            "attacked",
        ),
        ("Russian planes struck Aleppo .", "struck"),
        (
            "Japanese troops attacked Canadian soldiers on Monday .",
            "attacked",
        ),
        // An unknown past form the pass reads as a preposition.
        ("Russian planes bombed Aleppo .", "bombed"),
        // A bare plural object, in a sentence with no other verb.
        (
            "Turkish warplanes bombed targets of the Kurdistan Workers ' Party in northern Iraq on Saturday .",
            "bombed",
        ),
    ] {
        let got = tag(&t, sentence);
        assert_eq!(xpos_of(&got, sentence, verb), "VBD", "{sentence}");
    }
}

#[test]
fn passive_headlines_and_fragments_keep_their_participle() {
    let t = tagger();
    // A participle before a preposition is a passive, and a line that does
    // not end as prose (a caption, a heading) is not repaired.
    for (sentence, verb) in [
        ("Five people killed in Kabul blast .", "killed"),
        ("Five people killed in Kabul blast", "killed"),
    ] {
        let got = tag(&t, sentence);
        assert_eq!(xpos_of(&got, sentence, verb), "VBN", "{sentence}");
    }
    // A bare noun after a participle starts an object only in prose.
    let heading = "Turkish warplanes bombed targets in northern Iraq";
    assert_ne!(xpos_of(&tag(&t, heading), heading, "bombed"), "VBD");
}
