//! Bytes from any file to text, or a reason it is not text: never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = corroborate::corpus::decode(bytes);
});
