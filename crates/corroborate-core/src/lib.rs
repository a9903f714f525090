//! Corroborate's engine: import and clean reports, segment them, index them
//! for search, keep them in a project file, and analyse what they say.
//!
//! This crate never touches a window: its dependencies hold no GUI toolkit,
//! so a script, a server or a batch worker can use it alone. The window and
//! the command line (the `corroborate` crate) sit on top of it.
//!
//! ```
//! use corroborate_core::corpus::{import_texts, ImportOptions};
//! let report = import_texts(
//!     &[("a.txt", "Harbor fire – Coast Herald\n\nThe fire began at 9 p.m. on Friday.")],
//!     &ImportOptions::default(),
//! );
//! assert_eq!(report.sources[0].meta().outlet.as_deref(), Some("Coast Herald"));
//! ```

// Nothing a file or a person supplies may panic the engine.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod allocator;
pub mod analysis;
pub mod analysis_cache;
pub mod corpus;
pub mod corrections;
pub mod ecb_gold;
pub mod error;
pub mod export;
pub mod generate;
pub mod index;
pub mod kept_index;
pub mod nlp;
pub mod progress;
pub mod project;
pub mod provenance;
pub mod score;
pub mod stories;
pub mod timeline;
pub mod train_align;
pub mod train_ner;
pub mod train_pairs;

pub use error::{Error, Result};
