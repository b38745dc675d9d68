#![no_main]
//! WARC records from arbitrary bytes: errors are fine, panics are not.

use eventwire_core::read::WarcArticles;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for item in WarcArticles::new(data, "fuzz.warc").take(1000) {
        let _ = item;
    }
});
