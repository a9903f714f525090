//! The cleaner on any text: every kept byte maps back into the original.
#![no_main]
use corroborate::corpus::{Rules, Vocabulary, clean};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut vocab = Vocabulary::default();
    vocab.add_text(text);
    let cleaned = clean(text, &Rules::default(), &vocab, &[]);
    for at in 0..=cleaned.text.len() {
        if cleaned.text.is_char_boundary(at) {
            assert!(cleaned.map.to_original(at) <= text.len());
        }
    }
});
