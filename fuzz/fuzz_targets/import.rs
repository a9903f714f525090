//! One report through import and the whole analysis: entities, claims, reuse.
#![no_main]
use corroborate::corpus::{ImportOptions, import_texts};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let report = import_texts(
        &[("a.txt", text), ("b.html", text)],
        &ImportOptions::default(),
    );
    let project = corroborate::project::Project {
        sources: report.sources,
        ..Default::default()
    };
    let _ = corroborate::analysis::analyze(&project, &corroborate::progress::Silent);
});
