//! Copied passages: runs of 8 or more words (compared folded, punctuation
//! ignored) that two reports share, merged into maximal spans. Shingles of 8
//! words are hashed into one map, so the cost grows with the corpus, not with
//! its pairs; a shingle found in very many reports is boilerplate and skipped.

use crate::corpus::Span;
use crate::nlp::segment;
use std::collections::HashMap;

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

fn hash(words: &[String]) -> u64 {
    // FNV-1a: fast, stable across runs, good enough for 8-word keys.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for w in words {
        for b in w.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// Passages of `MIN_WORDS` or more words shared by two of `texts`.
pub fn find(texts: &[&str]) -> Vec<Passage> {
    let tokens: Vec<Vec<(Span, String)>> = texts
        .iter()
        .map(|t| {
            segment::tokens(t, Span::new(0, t.len()))
                .into_iter()
                .map(|tok| (tok.span, segment::fold(&t[tok.span.range()])))
                .collect()
        })
        .collect();
    let mut shingles: HashMap<u64, Vec<(usize, usize)>> = HashMap::new();
    for (d, toks) in tokens.iter().enumerate() {
        if toks.len() < MIN_WORDS {
            continue;
        }
        let words: Vec<String> = toks.iter().map(|(_, w)| w.clone()).collect();
        for i in 0..=words.len() - MIN_WORDS {
            shingles
                .entry(hash(&words[i..i + MIN_WORDS]))
                .or_default()
                .push((d, i));
        }
    }
    // Matching shingle starts, per pair of reports and diagonal.
    let mut hits: HashMap<(usize, usize, isize), Vec<(usize, usize)>> = HashMap::new();
    for places in shingles.values() {
        let mut reports: Vec<usize> = places.iter().map(|p| p.0).collect();
        reports.dedup();
        if reports.len() < 2 || reports.len() > MAX_REPORTS {
            continue;
        }
        for (x, &(da, ia)) in places.iter().enumerate() {
            for &(db, ib) in &places[x + 1..] {
                if da != db {
                    let diagonal = ia as isize - ib as isize;
                    hits.entry((da, db, diagonal)).or_default().push((ia, ib));
                }
            }
        }
    }
    let mut out = Vec::new();
    for ((da, db, _), mut starts) in hits {
        starts.sort_unstable();
        let mut run_start = starts[0];
        let mut last = starts[0];
        let mut close = |from: (usize, usize), to: (usize, usize)| {
            let (ta, tb) = (&tokens[da], &tokens[db]);
            let end = to.0 + MIN_WORDS - 1;
            let end_b = to.1 + MIN_WORDS - 1;
            out.push(Passage {
                a: (da, Span::new(ta[from.0].0.start, ta[end].0.end)),
                b: (db, Span::new(tb[from.1].0.start, tb[end_b].0.end)),
                words: end - from.0 + 1,
            });
        };
        for &s in &starts[1..] {
            if s.0 == last.0 + 1 {
                last = s;
            } else {
                close(run_start, last);
                run_start = s;
                last = s;
            }
        }
        close(run_start, last);
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
