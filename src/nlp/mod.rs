//! Language processing: pure functions from text to structure, no I/O.

pub mod segment;
