//! Paragraphs, sentences and tokens of any text slice it at character boundaries.
#![no_main]
use corroborate::nlp::segment::{segment, tokens};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for p in segment(text) {
        assert!(text.get(p.span.range()).is_some());
        for s in &p.sentences {
            assert!(text.get(s.range()).is_some());
            for t in tokens(text, *s) {
                assert!(text.get(t.span.range()).is_some());
            }
        }
    }
});
