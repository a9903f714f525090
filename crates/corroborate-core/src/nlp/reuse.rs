//! Copied passages: runs of 8 or more words (compared folded, punctuation
//! ignored) that two reports share, merged into maximal spans. Shingles of 8
//! words are hashed and sorted together, so the cost grows with the corpus,
//! not with its pairs; a shingle found in very many reports is boilerplate and skipped.

use crate::corpus::Span;
use crate::nlp::segment;
use rayon::prelude::*;

/// Words a passage must share to count as copied.
pub const MIN_WORDS: usize = 8;
/// A shingle in more reports than this is page furniture, not copying.
const MAX_REPORTS: usize = 24;

/// A passage shared by two reports (by index into the input).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub a: (usize, Span),
    pub b: (usize, Span),
    pub words: usize,
}

/// A folded word's hash (FNV-1a, as claims keep theirs): fast, stable
/// across runs.
fn word_hash(word: &str) -> u64 {
    crate::nlp::claims::word_id(&segment::fold(word))
}

/// One text's words, as (start, end) byte offsets: half the memory of
/// spans, which at 10,000 reports is tens of megabytes.
type Words = Vec<(u32, u32)>;

/// A text's words and the hash of every run of `MIN_WORDS` words, by the
/// run's first word. A text past 4 GB (never imported: the limit is 64 MB)
/// has none.
fn shingle(text: &str) -> (Words, Vec<u64>) {
    if u32::try_from(text.len()).is_err() {
        return (Vec::new(), Vec::new());
    }
    let tokens = segment::tokens(text, Span::new(0, text.len()));
    let words: Vec<u64> = tokens
        .iter()
        .map(|t| word_hash(&text[t.span.range()]))
        .collect();
    let spans = tokens
        .iter()
        .map(|t| (t.span.start as u32, t.span.end as u32))
        .collect();
    let shingles = words
        .windows(MIN_WORDS)
        .map(|w| {
            w.iter().fold(0u64, |h, &x| {
                (h.rotate_left(7) ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            })
        })
        .collect();
    (spans, shingles)
}

/// Passages of `MIN_WORDS` or more words shared by two of `texts`.
///
/// Every shingle becomes a (hash, text, position) triple; sorting the
/// triples brings equal shingles together, and sorting the matches by pair
/// of texts and diagonal brings each copied run together. Sorts run on all
/// cores, and nothing is kept per word but its span.
pub fn find(texts: &[&str]) -> Vec<Passage> {
    let (docs, shingles): (Vec<Words>, Vec<Vec<u64>>) =
        texts.par_iter().map(|t| shingle(t)).unzip();
    let mut all: Vec<(u64, u32, u32)> = shingles
        .iter()
        .enumerate()
        .flat_map(|(d, doc)| {
            doc.iter()
                .enumerate()
                .map(move |(i, &h)| (h, d as u32, i as u32))
        })
        .collect();
    drop(shingles);
    all.par_sort_unstable();
    // Matching shingle starts: (text a, text b, diagonal, start in a, start in
    // b); the diagonal fits 32 bits, as positions do.
    let mut hits: Vec<(u32, u32, i32, u32, u32)> = Vec::new();
    for places in all.chunk_by(|x, y| x.0 == y.0) {
        if places.len() < 2 {
            continue;
        }
        let mut reports: Vec<u32> = places.iter().map(|p| p.1).collect();
        reports.dedup();
        if reports.len() < 2 || reports.len() > MAX_REPORTS {
            continue;
        }
        for (x, &(_, da, ia)) in places.iter().enumerate() {
            for &(_, db, ib) in &places[x + 1..] {
                if da != db {
                    hits.push((da, db, ia.wrapping_sub(ib) as i32, ia, ib));
                }
            }
        }
    }
    drop(all);
    hits.par_sort_unstable();
    let mut out = Vec::new();
    for run in hits.chunk_by(|x, y| (x.0, x.1, x.2) == (y.0, y.1, y.2)) {
        let (da, db) = (run[0].0 as usize, run[0].1 as usize);
        let (ta, tb) = (&docs[da], &docs[db]);
        let mut close = |from: (u32, u32), to: (u32, u32)| {
            let (fa, fb) = (from.0 as usize, from.1 as usize);
            let end = to.0 as usize + MIN_WORDS - 1;
            let end_b = to.1 as usize + MIN_WORDS - 1;
            if let (Some(a0), Some(a1), Some(b0), Some(b1)) =
                (ta.get(fa), ta.get(end), tb.get(fb), tb.get(end_b))
            {
                out.push(Passage {
                    a: (da, Span::new(a0.0 as usize, a1.1 as usize)),
                    b: (db, Span::new(b0.0 as usize, b1.1 as usize)),
                    words: end - fa + 1,
                });
            }
        };
        let mut start = (run[0].3, run[0].4);
        let mut last = start;
        for h in &run[1..] {
            if h.3 != last.0 + 1 {
                close(start, last);
                start = (h.3, h.4);
            }
            last = (h.3, h.4);
        }
        close(start, last);
    }
    out.sort_by_key(|p| (p.a.0, p.a.1.start, p.b.0, p.b.1.start));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copied_sentence_is_found_once_as_a_whole() {
        let a = "Intro words here. The board acted within its powers and the decision needed no further public approval, officials said.";
        let b = "Other text. “The board acted within its powers and the decision needed no further public approval,” a spokeswoman said.";
        let c = "Nothing in common with the others at all, not even one phrase.";
        let found = find(&[a, b, c]);
        assert_eq!(found.len(), 1);
        let p = &found[0];
        assert_eq!((p.a.0, p.b.0), (0, 1));
        assert_eq!(
            &a[p.a.1.range()],
            "The board acted within its powers and the decision needed no further public approval"
        );
        assert_eq!(
            &b[p.b.1.range()],
            "The board acted within its powers and the decision needed no further public approval"
        );
        assert_eq!(p.words, 14);
    }

    #[test]
    fn seven_shared_words_are_not_copying() {
        assert!(
            find(&[
                "one two three four five six seven x",
                "y one two three four five six seven"
            ])
            .is_empty()
        );
    }
}
