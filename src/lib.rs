//! Corroborate: the window (`app`) and the command line on top of the engine
//! (`corroborate-core`), whose modules are re-exported here under the names
//! they have always had.
//!
//! ```
//! use corroborate::corpus::{import_texts, ImportOptions};
//! let report = import_texts(
//!     &[("a.txt", "Harbor fire – Coast Herald\n\nThe fire began at 9 p.m. on Friday.")],
//!     &ImportOptions::default(),
//! );
//! assert_eq!(report.sources[0].meta().outlet.as_deref(), Some("Coast Herald"));
//! ```

// Nothing a file or a person supplies may panic the window.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod app;

pub use corroborate_core::{
    Error, Result, allocator, analysis, analysis_cache, corpus, corrections, ecb_gold, error,
    export, generate, index, kept_index, nlp, progress, project, provenance, score, stories,
    timeline, train_align, train_ner, train_pairs,
};
