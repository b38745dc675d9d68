//! The shipped dependency parser: loading, byte round trip, parses of real
//! sentences, and robustness on odd input.

use eventwire_core::parse::{Arc, Parser};

/// Tags as the parser takes them: UPOS and Penn tag joined by `|`.
fn parse(parser: &Parser, sentence: &[(&str, &str)]) -> Vec<Arc> {
    let words: Vec<&str> = sentence.iter().map(|(w, _)| *w).collect();
    let tags: Vec<&str> = sentence.iter().map(|(_, t)| *t).collect();
    let mut arcs = Vec::new();
    parser.parse(&words, &tags, &mut arcs);
    arcs
}

fn assert_tree(arcs: &[Arc], n: usize) {
    assert_eq!(arcs.len(), n);
    assert_eq!(
        arcs.iter().filter(|a| a.head == 0).count(),
        usize::from(n > 0),
        "exactly one root: {arcs:?}"
    );
    for (i, a) in arcs.iter().enumerate() {
        assert!(a.head as usize <= n, "head in range");
        assert_ne!(a.head as usize, i + 1, "no self loop");
    }
    // Every word reaches the root (no cycles).
    for start in 0..n {
        let mut at = start + 1;
        let mut steps = 0;
        while at != 0 {
            at = arcs[at - 1].head as usize;
            steps += 1;
            assert!(steps <= n, "cycle through word {start}");
        }
    }
}

const KERRY: [(&str, &str); 7] = [
    ("Kerry", "PROPN|NNP"),
    ("and", "CCONJ|CC"),
    ("Lavrov", "PROPN|NNP"),
    ("discussed", "VERB|VBD"),
    ("the", "DET|DT"),
    ("issue", "NOUN|NN"),
    (".", "PUNCT|."),
];

#[test]
fn embedded_model_parses_a_simple_sentence() {
    let parser = Parser::embedded().expect("the shipped parser model loads");
    let arcs = parse(&parser, &KERRY);
    assert_tree(&arcs, KERRY.len());
    let label = |i: usize| parser.label_name(arcs[i].label);
    assert_eq!(arcs[3].head, 0, "discussed is the root");
    assert_eq!(label(3), "root");
    assert_eq!(
        (arcs[0].head, label(0)),
        (4, "nsubj"),
        "Kerry nsubj of discussed"
    );
    assert_eq!(
        (arcs[2].head, label(2)),
        (1, "conj"),
        "Lavrov conj of Kerry"
    );
    assert_eq!(
        (arcs[5].head, label(5)),
        (4, "obj"),
        "issue obj of discussed"
    );
    assert_eq!((arcs[4].head, label(4)), (6, "det"));
    assert_eq!((arcs[6].head, label(6)), (4, "punct"));
}

#[test]
fn relative_clause_and_passive() {
    let parser = Parser::embedded().expect("model loads");
    let sentence = [
        ("The", "DET|DT"),
        ("report", "NOUN|NN"),
        ("that", "PRON|WDT"),
        ("was", "AUX|VBD"),
        ("released", "VERB|VBN"),
        ("yesterday", "NOUN|NN"),
        ("criticised", "VERB|VBD"),
        ("the", "DET|DT"),
        ("police", "NOUN|NN"),
        (".", "PUNCT|."),
    ];
    let arcs = parse(&parser, &sentence);
    assert_tree(&arcs, sentence.len());
    let label = |i: usize| parser.label_name(arcs[i].label);
    assert_eq!(arcs[6].head, 0, "criticised is the root: {arcs:?}");
    assert_eq!((arcs[1].head, label(1)), (7, "nsubj"));
    assert_eq!((arcs[4].head, label(4)), (2, "acl:relcl"));
    assert_eq!((arcs[3].head, label(3)), (5, "aux:pass"));
    assert_eq!((arcs[8].head, label(8)), (7, "obj"));
}

#[test]
fn model_bytes_round_trip_to_identical_parses() {
    let parser = Parser::embedded().expect("model loads");
    let copy = Parser::from_bytes(&parser.to_bytes()).expect("own bytes load");
    assert_eq!(parser.labels(), copy.labels());
    let sentences: [&[(&str, &str)]; 2] = [
        &KERRY,
        &[
            ("Protesters", "NOUN|NNS"),
            ("gathered", "VERB|VBD"),
            ("in", "ADP|IN"),
            ("Cairo", "PROPN|NNP"),
            ("on", "ADP|IN"),
            ("Sunday", "PROPN|NNP"),
            (",", "PUNCT|,"),
            ("police", "NOUN|NNS"),
            ("said", "VERB|VBD"),
            (".", "PUNCT|."),
        ],
    ];
    for s in sentences {
        assert_eq!(parse(&parser, s), parse(&copy, s));
    }
}

#[test]
fn damaged_model_bytes_are_errors() {
    let bytes = Parser::embedded().expect("model loads").to_bytes();
    assert!(Parser::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    assert!(Parser::from_bytes(b"not a model").is_err());
    assert!(Parser::from_bytes(&[]).is_err());
}

#[test]
fn odd_inputs_always_give_one_tree() {
    let parser = Parser::embedded().expect("model loads");
    let mut arcs = Vec::new();
    parser.parse(&[], &[], &mut arcs);
    assert!(arcs.is_empty());
    parser.parse(&["Hello"], &["INTJ|UH"], &mut arcs);
    assert_eq!(arcs[0].head, 0);
    assert_eq!(parser.label_name(arcs[0].label), "root");
    // Missing, extra and unknown tags; odd words.
    let words = ["", "???", "\u{1F600}", "ÉTÉ", "12,5", "--", "a"];
    parser.parse(&words, &["NOUN|NN"], &mut arcs);
    assert_tree(&arcs, words.len());
    parser.parse(&words, &["x"; 20], &mut arcs);
    assert_tree(&arcs, words.len());
    // A long run-on "sentence".
    let long: Vec<&str> = (0..500)
        .map(|i| ["the", "man", "saw", "a", "dog", ",", "and"][i % 7])
        .collect();
    let tags: Vec<&str> = (0..500)
        .map(|i| {
            [
                "DET|DT", "NOUN|NN", "VERB|VBD", "DET|DT", "NOUN|NN", "PUNCT|,", "CCONJ|CC",
            ][i % 7]
        })
        .collect();
    parser.parse(&long, &tags, &mut arcs);
    assert_tree(&arcs, 500);
    assert_eq!(parser.label_name(u16::MAX), "dep");
}

/// Attachment on EWT dev with gold tags (needs the gold data; skipped without it).
#[test]
fn attachment_on_ewt_dev() {
    let dir = std::env::var_os("EVENTWIRE_DATA")
        .map(std::path::PathBuf::from)
        .or_else(|| {
            let cwd = std::env::current_dir().ok()?;
            cwd.ancestors()
                .map(|d| d.join("../shared/data"))
                .find(|d| d.is_dir())
        });
    let Some(path) = dir.map(|d| d.join("ud-english-ewt/en_ewt-ud-dev.conllu")) else {
        eprintln!("skipping: no gold data folder (set EVENTWIRE_DATA)");
        return;
    };
    let Ok(data) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: {} not found", path.display());
        return;
    };
    let parser = Parser::embedded().expect("model loads");
    let (mut total, mut heads, mut both) = (0usize, 0usize, 0usize);
    let mut arcs = Vec::new();
    for block in data.split("\n\n") {
        let rows: Vec<Vec<&str>> = block
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.split('\t').collect::<Vec<_>>())
            .filter(|f| f.len() >= 8 && f[0].bytes().all(|b| b.is_ascii_digit()))
            .collect();
        if rows.is_empty() {
            continue;
        }
        let words: Vec<&str> = rows.iter().map(|f| f[1]).collect();
        let tags: Vec<String> = rows.iter().map(|f| format!("{}|{}", f[3], f[4])).collect();
        let tags: Vec<&str> = tags.iter().map(String::as_str).collect();
        parser.parse(&words, &tags, &mut arcs);
        assert_tree(&arcs, words.len());
        for (arc, f) in arcs.iter().zip(&rows) {
            total += 1;
            if arc.head.to_string() == f[6] {
                heads += 1;
                if parser.label_name(arc.label) == f[7] {
                    both += 1;
                }
            }
        }
    }
    let uas = heads as f64 / total as f64;
    let las = both as f64 / total as f64;
    assert!(total > 20_000, "read the dev set ({total} words)");
    assert!(uas > 0.86 && las > 0.84, "UAS {uas:.4} LAS {las:.4}");
}
