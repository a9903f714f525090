//! Maps byte offsets in a cleaned text back to the original it came from.
//!
//! Cleaning only deletes and inserts; every character it keeps is one copied
//! run of the original. Storing those runs is enough to map any cleaned
//! offset back, and the gaps between runs are exactly what cleaning removed.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// Copied runs as `[cleaned_start, original_start, len]`, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct OffsetMap {
    runs: Vec<[u32; 3]>,
}

impl OffsetMap {
    /// The identity map for a text that cleaning left as it was.
    pub fn identity(len: usize) -> Self {
        let mut map = Self::default();
        map.copy(0, 0, len);
        map
    }

    /// Records that `len` bytes at `original` were copied to `cleaned`.
    pub(crate) fn copy(&mut self, cleaned: usize, original: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.runs.last_mut() {
            let [c, o, l] = *last;
            if (c + l) as usize == cleaned && (o + l) as usize == original {
                last[2] += len as u32;
                return;
            }
        }
        self.runs
            .push([cleaned as u32, original as u32, len as u32]);
    }

    /// The original offset of a cleaned offset. An offset inside inserted text
    /// (a repaired space, a paragraph break) maps to the end of the run before it.
    pub fn to_original(&self, cleaned: usize) -> usize {
        match self.run_at(cleaned) {
            Some((c, o, l)) if cleaned < c + l => o + (cleaned - c),
            Some((_, o, l)) => o + l,
            None => self.runs.first().map_or(0, |r| r[1] as usize),
        }
    }

    /// The last run starting at or before `cleaned`, as (cleaned, original, len).
    fn run_at(&self, cleaned: usize) -> Option<(usize, usize, usize)> {
        let idx = self.runs.partition_point(|r| r[0] as usize <= cleaned);
        let [c, o, l] = *self.runs.get(idx.checked_sub(1)?)?;
        Some((c as usize, o as usize, l as usize))
    }

    /// A cleaned span as the original span that holds the same words.
    pub fn span_to_original(&self, span: Range<usize>) -> Range<usize> {
        let start = self.to_original(span.start);
        if span.end <= span.start {
            return start..start;
        }
        // The end of the last copied byte inside the span; inserted text adds nothing.
        let last = span.end - 1;
        let end = match self.run_at(last) {
            Some((c, o, l)) if last < c + l => o + (last - c) + 1,
            Some((_, o, l)) => o + l,
            None => start,
        };
        start..end.max(start)
    }

    /// Ranges of the original that did not reach the cleaned text.
    pub fn dropped(&self, original_len: usize) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut at = 0usize;
        for &[_, o, l] in &self.runs {
            let o = o as usize;
            if o > at {
                out.push(at..o);
            }
            at = at.max(o + l as usize);
        }
        if at < original_len {
            out.push(at..original_len);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_copied_and_inserted_offsets() {
        // original "ab  cd", cleaned "ab cd" with the run of spaces collapsed
        let mut map = OffsetMap::default();
        map.copy(0, 0, 3);
        map.copy(3, 4, 2);
        assert_eq!(map.to_original(0), 0);
        assert_eq!(map.to_original(3), 4);
        assert_eq!(map.to_original(4), 5);
        assert_eq!(map.span_to_original(3..5), 4..6);
        assert_eq!(map.dropped(6), vec![3..4]);
    }

    #[test]
    fn spans_ending_in_inserted_text_end_at_the_last_copied_byte() {
        // original "Two\u{a0}spaces", cleaned "Two spaces": the space is inserted
        let mut map = OffsetMap::default();
        map.copy(0, 0, 3);
        map.copy(4, 5, 6);
        assert_eq!(map.span_to_original(0..4), 0..3);
        assert_eq!(map.span_to_original(4..10), 5..11);
    }

    #[test]
    fn adjacent_copies_merge_into_one_run() {
        let mut map = OffsetMap::default();
        map.copy(0, 0, 2);
        map.copy(2, 2, 2);
        assert_eq!(map, OffsetMap::identity(4));
    }
}
