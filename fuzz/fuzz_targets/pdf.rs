//! Any bytes as a PDF: its text, or a reason.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = corroborate::corpus::extract_pdf(bytes);
});
