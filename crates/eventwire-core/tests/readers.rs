//! Readers and the pipeline on arbitrary bytes: they may refuse input, but
//! never panic, and what they accept is well-formed.

use eventwire_core::document::{Format, Input};
use eventwire_core::pipeline::{analyze, Options};
use eventwire_core::Models;
use std::sync::LazyLock;

/// Loaded once: the models are read-only and shared by every case.
static MODELS: LazyLock<Models> =
    LazyLock::new(|| Models::embedded().expect("the embedded models load"));
use eventwire_core::read::{decode_text, read_document, sniff_format, JsonlArticles, WarcArticles};
use proptest::prelude::*;

fn input(format: Format) -> Input {
    Input {
        path: "prop".into(),
        format,
        url: None,
        record: None,
        source_id: None,
        fetched: None,
    }
}

/// Bytes that look a little like each format, so the fuzzing reaches past the first check.
fn seeded_bytes() -> impl Strategy<Value = Vec<u8>> {
    let prefixes = prop_oneof![
        Just(Vec::new()),
        Just(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\n\r\n".to_vec()),
        Just(b"{\"text\": \"".to_vec()),
        Just(b"<html><body><p>".to_vec()),
        Just("Washington, 28 Rabiul Akhir 1437/7 February 2016 (MINA) \u{2013} ".as_bytes().to_vec()),
    ];
    (prefixes, proptest::collection::vec(any::<u8>(), 0..600)).prop_map(|(mut prefix, tail)| {
        prefix.extend(tail);
        prefix
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn warc_reader_never_panics(bytes in seeded_bytes()) {
        for article in WarcArticles::new(&bytes[..], "prop.warc").take(100).flatten() {
            prop_assert_eq!(article.input.format, Format::Warc);
        }
    }

    #[test]
    fn jsonl_reader_never_panics(bytes in seeded_bytes()) {
        for (index, item) in JsonlArticles::new(&bytes[..], "prop.jsonl").enumerate() {
            let record = match item {
                Ok(article) => article.input.record,
                Err(error) => error.record,
            };
            prop_assert!(record.is_some_and(|r| r as usize > index));
        }
    }

    #[test]
    fn decoding_and_sniffing_never_panic(bytes in seeded_bytes(), is_html: bool) {
        let _ = sniff_format(&bytes);
        if let Ok(decoded) = decode_text(&bytes, is_html) {
            // Decoding never loses a whole non-empty input.
            prop_assert!(!decoded.text.is_empty() || bytes.len() <= 4);
        }
    }

    #[test]
    fn pipeline_gives_spans_inside_the_text(bytes in seeded_bytes(), html: bool) {
        let format = if html { Format::Html } else { Format::Txt };
        if let Ok(raw) = read_document(&bytes, input(format)) {
            if let Ok(doc) = analyze(raw, Options { tokens: true }, &MODELS) {
                for span in doc.sentences.iter() {
                    prop_assert!(span.start < span.end && span.end as usize <= doc.text.len());
                    prop_assert!(doc.text.is_char_boundary(span.start as usize));
                    prop_assert!(doc.text.is_char_boundary(span.end as usize));
                }
                if let Some(dateline) = &doc.dateline {
                    prop_assert!(doc.text.get(dateline.start as usize..dateline.end as usize).is_some());
                }
            }
        }
    }
}
