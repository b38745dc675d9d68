#![no_main]
//! JSON Lines articles from arbitrary bytes: errors are fine, panics are not.

use eventwire_core::read::JsonlArticles;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for item in JsonlArticles::new(data, "fuzz.jsonl") {
        let _ = item;
    }
});
