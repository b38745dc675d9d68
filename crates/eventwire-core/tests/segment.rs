//! Tokenizer and sentence splitter on real text, on the UD English EWT dev
//! set when the shared data folder is present, and on arbitrary input.

use std::path::PathBuf;

use eventwire_core::segment::{segment, split_sentences, tokenize};
use eventwire_core::Span;
use proptest::prelude::*;

fn texts<'t>(text: &'t str, spans: &[Span]) -> Vec<&'t str> {
    spans.iter().map(|s| s.text(text)).collect()
}

/// A wire-story paragraph in the style the pipeline sees after cleaning.
const WIRE: &str = "Russia Wants Military Solution To Syrian Crisis: US\n\n\
Washington, 28 Rabiul Akhir 1437/7 February 2016 (MINA) \u{2013}  Russian support of the Syrian government \
indicates Moscow wants a military solution, a spokesman said Thursday.\n\n\
\u{201C}We would like to see Russian military activity in Syria be dedicated and focused exclusively on Daesh,\u{201D} \
Kirby said. \u{201C}We\u{2019}re certainly seeing at least in the very recent past, you know, discordant messages.\u{201D}\n\n\
More than 1,730 civilians have been killed since Russia began airstrikes, according to the Syrian National Coalition. \
Kirby said the U.S. wanted the Russian military to support their political commitments.\n\n\
The Geneva talks were suspended Feb. 3 until Feb. 25, with UN Special Envoy Staffan de Mistura saying \
\u{201C}more work\u{201D} was needed. The talks were stopped due to intensified fighting.";

#[test]
fn wire_story_sentences() {
    let (sentences, _) = segment(WIRE);
    let got = texts(WIRE, &sentences);
    assert_eq!(got.len(), 8, "{got:#?}");
    assert_eq!(
        got[0],
        "Russia Wants Military Solution To Syrian Crisis: US"
    );
    assert!(got[2].ends_with("Kirby said."), "{}", got[2]);
    assert!(
        got[3].starts_with('\u{201C}') && got[3].ends_with("messages.\u{201D}"),
        "{}",
        got[3]
    );
    assert!(got[5].contains("the U.S. wanted"), "{}", got[5]);
    assert!(got[6].contains("Feb. 3 until Feb. 25,"), "{}", got[6]);
}

#[test]
fn wire_story_tokens() {
    let tokens = tokenize(WIRE);
    let got = texts(WIRE, &tokens);
    for expected in [
        "1,730", "U.S.", "Feb.", "1437/7", "\u{2013}", "\u{201C}", "\u{201D}", "(", "MINA", ")",
    ] {
        assert!(got.contains(&expected), "missing {expected:?}");
    }
    let clitic = got
        .iter()
        .position(|t| *t == "\u{2019}re")
        .expect("clitic \u{2019}re split off");
    assert_eq!(got[clitic - 1], "We");
}

/// The shared data folder: `$EVENTWIRE_DATA`, else `../shared/data` from an ancestor of the cwd.
fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("EVENTWIRE_DATA") {
        return Some(PathBuf::from(dir));
    }
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors()
        .map(|dir| dir.join("../shared/data"))
        .find(|dir| dir.is_dir())
}

/// `# text` lines and surface token forms of each sentence of a CoNLL-U file.
fn ewt_sentences(name: &str) -> Option<Vec<(String, Vec<String>)>> {
    let path = data_dir()?.join("ud-english-ewt").join(name);
    let data = std::fs::read_to_string(&path).ok()?;
    let mut sentences = Vec::new();
    let mut covered_until = 0usize;
    for line in data.lines() {
        if let Some(text) = line.strip_prefix("# text = ") {
            sentences.push((text.to_string(), Vec::new()));
            covered_until = 0;
        } else if !line.starts_with('#') && !line.is_empty() {
            let mut fields = line.split('\t');
            let (Some(id), Some(form), Some((_, forms))) =
                (fields.next(), fields.next(), sentences.last_mut())
            else {
                continue;
            };
            if let Some((_, to)) = id.split_once('-') {
                covered_until = to.parse().unwrap_or(0);
                forms.push(form.to_string());
            } else if id.parse::<usize>().is_ok_and(|n| n > covered_until) {
                forms.push(form.to_string());
            }
        }
    }
    Some(sentences)
}

#[test]
fn ewt_dev_single_sentences_and_tokens() {
    let Some(sentences) = ewt_sentences("en_ewt-ud-dev.conllu") else {
        eprintln!("skipping: UD English EWT not found in the shared data folder");
        return;
    };
    let (mut whole, mut ends_ok) = (0usize, 0usize);
    let (mut tokens_matched, mut tokens_total) = (0usize, 0usize);
    for (text, gold_forms) in &sentences {
        let (found, tokens) = segment(text);
        whole += usize::from(found.len() == 1);
        ends_ok += usize::from(
            found
                .last()
                .is_some_and(|s| s.end as usize == text.trim_end().len()),
        );
        // Surface tokens: merge our clitic splits back ("do" + "n't") when the gold form spans them.
        let ours: Vec<&str> = texts(text, &tokens);
        let mut i = 0;
        for form in gold_forms {
            tokens_total += 1;
            let mut joined = String::new();
            let mut j = i;
            while j < ours.len()
                && joined.len() < form.len()
                && (j == i || tokens[j].start == tokens[j - 1].end)
            {
                joined.push_str(ours[j]);
                j += 1;
            }
            if joined == *form {
                tokens_matched += 1;
                i = j;
            } else if let Some(skip) = ours[i.min(ours.len())..]
                .iter()
                .position(|t| form.starts_with(t) || t.starts_with(form.as_str()))
            {
                i += skip + 1;
            }
        }
    }
    let n = sentences.len();
    assert!(n > 1500, "expected the whole dev set, got {n} sentences");
    let whole_rate = whole as f64 / n as f64;
    let end_rate = ends_ok as f64 / n as f64;
    let token_rate = tokens_matched as f64 / tokens_total as f64;
    eprintln!("EWT dev: {whole_rate:.3} whole sentences, {end_rate:.3} final ends, {token_rate:.4} surface tokens");
    assert!(
        whole_rate > 0.98,
        "only {whole_rate:.3} of gold sentences kept whole"
    );
    assert!(
        end_rate > 0.99,
        "only {end_rate:.3} of gold sentence ends found"
    );
    assert!(
        token_rate > 0.99,
        "only {token_rate:.4} of surface tokens matched"
    );
}

#[test]
fn adversarial_long_lines_stay_linear() {
    // Each would take hours if any look-ahead were repeated per position.
    let n = 200_000;
    let cases = [
        ("a-".repeat(n), 2 * n),
        ("1-".repeat(n), 2),
        ("a.".repeat(n), 1),
        ("x".repeat(n) + "@", 2),
        ("ab.cd-".repeat(n / 2), n),
        ("'".repeat(n), 1),
        ("http://".to_string() + &".".repeat(n), 2),
    ];
    for (text, expected_tokens) in &cases {
        let (sentences, tokens) = segment(text);
        assert_eq!(
            tokens.len(),
            *expected_tokens,
            "tokens of {:?}...",
            &text[..12]
        );
        assert!(!sentences.is_empty());
    }
    let many_sentences = "He left. ".repeat(n);
    assert_eq!(segment(&many_sentences).0.len(), n);
}

fn check_spans(text: &str, spans: &[Span], what: &str) -> Result<(), TestCaseError> {
    let mut previous_end = 0usize;
    for span in spans {
        let (start, end) = (span.start as usize, span.end as usize);
        prop_assert!(start < end, "{what} empty: {span:?}");
        prop_assert!(
            start >= previous_end,
            "{what} out of order or overlapping: {span:?}"
        );
        prop_assert!(
            end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end),
            "{what} off boundary: {span:?}"
        );
        let covered = &text[start..end];
        prop_assert!(
            !covered.trim().is_empty(),
            "{what} only whitespace: {covered:?}"
        );
        prop_assert!(
            covered.trim() == covered,
            "{what} has outer whitespace: {covered:?}"
        );
        previous_end = end;
    }
    Ok(())
}

fn news_like() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("U.S.".to_string()),
            Just("Feb.".to_string()),
            Just("don't".to_string()),
            Just("Russia’s".to_string()),
            Just("1,730".to_string()),
            Just("e-mail".to_string()),
            Just("http://a.b/c.".to_string()),
            Just("x@y.org".to_string()),
            "[a-zA-Z0-9 .,;:'’\"“”!?()\\-—…@#/\n]{1,12}",
            any::<String>(),
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn spans_are_well_formed(text in news_like()) {
        let tokens = tokenize(&text);
        check_spans(&text, &tokens, "token")?;
        for token in &tokens {
            prop_assert!(!token.text(&text).contains(char::is_whitespace), "token with whitespace: {token:?}");
        }
        let sentences = split_sentences(&text, &tokens);
        check_spans(&text, &sentences, "sentence")?;
        prop_assert_eq!(sentences.is_empty(), tokens.is_empty());
        // Sentences tile the tokens: each starts at a token start and ends at a token end.
        for sentence in &sentences {
            prop_assert!(tokens.iter().any(|t| t.start == sentence.start));
            prop_assert!(tokens.iter().any(|t| t.end == sentence.end));
        }
        prop_assert_eq!(segment(&text), (sentences, tokens));
    }
}
