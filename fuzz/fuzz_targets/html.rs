//! Any page: article text and metadata out, nothing else.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|page: &str| {
    let _ = corroborate::corpus::extract_html(page);
});
