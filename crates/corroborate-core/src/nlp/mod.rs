//! Language processing: pure functions from text to structure, no I/O.

pub mod align;
pub mod claims;
pub mod embed;
pub mod entities;
pub mod gazetteer;
pub mod logistic;
pub mod mentions;
pub(crate) mod near;
pub mod pairs;
pub mod quantities;
pub mod reuse;
pub mod segment;
pub mod stories;
pub mod tagged;
pub mod tagger;
pub mod wording;
