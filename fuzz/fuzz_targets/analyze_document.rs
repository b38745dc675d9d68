#![no_main]
//! A text or HTML file of arbitrary bytes through the whole pipeline.

use eventwire_core::document::{Format, Input};
use eventwire_core::pipeline::{analyze, Options};
use eventwire_core::Models;
use std::sync::LazyLock;

/// Loaded once: the models are read-only and shared by every case.
static MODELS: LazyLock<Models> =
    LazyLock::new(|| Models::embedded().expect("the embedded models load"));
use eventwire_core::read::read_document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else { return };
    let format = if selector & 1 == 0 { Format::Txt } else { Format::Html };
    let input = Input {
        path: "fuzz".into(),
        format,
        url: None,
        record: None,
        source_id: None,
        fetched: None,
    };
    if let Ok(raw) = read_document(bytes, input) {
        let _ = analyze(raw, Options { tokens: true }, &MODELS);
    }
});
