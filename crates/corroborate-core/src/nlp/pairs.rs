//! How alike two sentences are in meaning, as evidence for lining up claims:
//! the features of a pair (the cosine of their sentence vectors, how well
//! each word finds a partner of like meaning in the other sentence, the
//! words, numbers and names they share or not, a negation on one side only)
//! and a logistic model over them whose weights are fit on labelled news
//! sentence pairs (`corroborate train-pairs`, on MSRP), not set by hand.

use crate::nlp::embed::{DIM, Embedder, cosine};
use crate::nlp::segment::fold;
use std::collections::HashSet;

/// Numbers in a pair's feature vector.
pub const FEATURES: usize = 18;

/// The features' names, in order (for the model file and the README).
pub const NAMES: [&str; FEATURES] = [
    "sentence cosine",
    "words of the first matched in the second",
    "words of the second matched in the first",
    "worst word match",
    "share of words without a partner",
    "shared words (Jaccard)",
    "length ratio",
    "same numbers",
    "different numbers",
    "names on one side only",
    "negation on one side only",
    "shared word pairs (bigram Jaccard)",
    "shared words in the same order",
    "words with a close partner (0.8)",
    "shared words weighted by rarity",
    "rare words without a partner",
    "the weaker direction of word matching",
    "the sentence cosine squared",
];

const NEGATIONS: &[&str] = &["not", "no", "never", "n't", "nor", "without", "neither"];

/// One word of a sentence, with the vector of its meaning.
struct Word {
    folded: String,
    vector: [f32; DIM],
    number: bool,
    /// Capitalized inside the sentence: a name.
    name: bool,
}

/// A sentence read for comparison.
pub struct Sentence {
    vector: [f32; DIM],
    words: Vec<Word>,
    negated: bool,
    /// Every two words side by side, stop words included: word order.
    bigrams: HashSet<(String, String)>,
}

impl Sentence {
    /// The folded spellings of its words that `keep` accepts.
    fn folded(&self, keep: impl Fn(&Word) -> bool) -> HashSet<String> {
        self.words
            .iter()
            .filter(|w| keep(w))
            .map(|w| w.folded.clone())
            .collect()
    }
}

/// Reads a sentence: its vector, and its words with theirs. Small words
/// stay: "said by" and "said of" differ, and on MSRP leaving them out costs
/// nearly two points of accuracy.
pub fn read(model: &Embedder, text: &str) -> Sentence {
    let mut words = Vec::new();
    let mut negated = false;
    let raw: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .collect();
    let all: Vec<String> = raw.iter().map(|w| fold(w)).collect();
    let bigrams = all
        .windows(2)
        .map(|p| (p[0].clone(), p[1].clone()))
        .collect();
    for (i, w) in raw.iter().enumerate() {
        let folded = fold(w);
        if NEGATIONS.contains(&folded.as_str()) || folded.ends_with("n't") {
            negated = true;
        }
        let vector = model.embed(w);
        if vector.iter().all(|x| *x == 0.0) {
            continue;
        }
        words.push(Word {
            number: w.chars().any(|c| c.is_ascii_digit()),
            name: i > 0 && w.starts_with(char::is_uppercase),
            folded,
            vector,
        });
    }
    Sentence {
        vector: model.embed(text),
        words,
        negated,
        bigrams,
    }
}

/// For each word of `a`, its best cosine with a word of `b`.
fn best_matches(a: &Sentence, b: &Sentence) -> Vec<f32> {
    a.words
        .iter()
        .map(|w| {
            b.words
                .iter()
                .map(|o| {
                    if w.folded == o.folded {
                        1.0
                    } else {
                        cosine(&w.vector, &o.vector)
                    }
                })
                .fold(0f32, f32::max)
        })
        .collect()
}

fn mean(v: &[f32]) -> f32 {
    if v.is_empty() {
        0.0
    } else {
        v.iter().sum::<f32>() / v.len() as f32
    }
}

/// How rare each word is among the sentences compared (inverse document
/// frequency): a shared rare word says more than a shared common one.
#[derive(Default)]
pub struct Rarity {
    df: std::collections::HashMap<String, u32>,
    n: u32,
}

impl Rarity {
    pub fn add(&mut self, s: &Sentence) {
        self.n += 1;
        let words: HashSet<&String> = s.words.iter().map(|w| &w.folded).collect();
        for w in words {
            *self.df.entry(w.clone()).or_default() += 1;
        }
    }

    fn idf(&self, word: &str) -> f32 {
        let df = self.df.get(word).copied().unwrap_or(0) as f32;
        (1.0 + self.n as f32 / (1.0 + df)).ln()
    }
}

/// The features of a pair, in the order of [`NAMES`]; symmetric in `a`
/// and `b` except for the two directions of word matching.
pub fn features(a: &Sentence, b: &Sentence, rarity: &Rarity) -> [f32; FEATURES] {
    let ab = best_matches(a, b);
    let ba = best_matches(b, a);
    let all: Vec<f32> = ab.iter().chain(&ba).copied().collect();
    let worst = all.iter().copied().fold(1f32, f32::min);
    let alone = all.iter().filter(|m| **m < 0.5).count() as f32 / all.len().max(1) as f32;
    let (sa, sb) = (a.folded(|_| true), b.folded(|_| true));
    let jaccard = sa.intersection(&sb).count() as f32 / sa.union(&sb).count().max(1) as f32;
    let (na, nb) = (a.words.len() as f32, b.words.len() as f32);
    let ratio = if na.max(nb) > 0.0 {
        na.min(nb) / na.max(nb)
    } else {
        0.0
    };
    let (xa, xb) = (a.folded(|w| w.number), b.folded(|w| w.number));
    let both = !xa.is_empty() && !xb.is_empty();
    let (ma, mb) = (a.folded(|w| w.name), b.folded(|w| w.name));
    let lone_names =
        ma.symmetric_difference(&mb).count() as f32 / (ma.len() + mb.len()).max(1) as f32;
    let bigrams = a.bigrams.intersection(&b.bigrams).count() as f32
        / a.bigrams.union(&b.bigrams).count().max(1) as f32;
    // The words both share, in the order of each: "the FBI fired Strzok"
    // and "Strzok fired the FBI" share all their words, in another order.
    let shared_order = |s: &Sentence, other: &HashSet<String>| -> Vec<String> {
        let mut seen = HashSet::new();
        s.words
            .iter()
            .filter(|w| other.contains(&w.folded) && seen.insert(w.folded.clone()))
            .map(|w| w.folded.clone())
            .collect()
    };
    let (oa, ob) = (shared_order(a, &sb), shared_order(b, &sa));
    let in_order = if oa.len() >= 2 {
        let pos: Vec<usize> = oa
            .iter()
            .filter_map(|w| ob.iter().position(|x| x == w))
            .collect();
        let agree = pos.windows(2).filter(|p| p[0] < p[1]).count();
        agree as f32 / (pos.len().max(2) - 1) as f32
    } else {
        1.0
    };
    let close = all.iter().filter(|m| **m >= 0.8).count() as f32 / all.len().max(1) as f32;
    // Summed in a fixed order: the same pair always gives the same number.
    let weight = |ws: &HashSet<String>| {
        let mut idf: Vec<f32> = ws.iter().map(|w| rarity.idf(w)).collect();
        idf.sort_by(f32::total_cmp);
        idf.iter().sum::<f32>()
    };
    let shared: HashSet<String> = sa.intersection(&sb).cloned().collect();
    let rare_shared = 2.0 * weight(&shared) / (weight(&sa) + weight(&sb)).max(1e-6);
    // A rare word the other sentence has nothing like is news of its own.
    let lone_weight = |s: &Sentence, matches: &[f32]| -> (f32, f32) {
        s.words
            .iter()
            .zip(matches)
            .fold((0.0, 0.0), |(lone, total), (w, m)| {
                let idf = rarity.idf(&w.folded);
                (lone + if *m < 0.5 { idf } else { 0.0 }, total + idf)
            })
    };
    let (la, ta) = lone_weight(a, &ab);
    let (lb, tb) = lone_weight(b, &ba);
    let rare_alone = (la + lb) / (ta + tb).max(1e-6);
    let sentence_cosine = cosine(&a.vector, &b.vector);
    [
        sentence_cosine,
        mean(&ab),
        mean(&ba),
        worst,
        alone,
        jaccard,
        ratio,
        f32::from(both && xa == xb),
        f32::from(both && xa != xb),
        lone_names,
        f32::from(a.negated != b.negated),
        bigrams,
        in_order,
        close,
        rare_shared,
        rare_alone,
        mean(&ab).min(mean(&ba)),
        sentence_cosine * sentence_cosine,
    ]
}

/// The pair model: a logistic model over [`NAMES`].
pub type PairModel = crate::nlp::logistic::Logistic;

/// Fits the pair model on labelled pairs (see [`Logistic::fit`](crate::nlp::logistic::Logistic::fit)).
pub fn fit(examples: &[([f32; FEATURES], bool)]) -> PairModel {
    PairModel::fit(examples, &NAMES)
}

pub use crate::nlp::logistic::measure;

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> &'static Embedder {
        Embedder::get().unwrap_or_else(|| panic!("the built-in model does not load"))
    }

    #[test]
    fn a_paraphrase_looks_alike_and_other_news_does_not() {
        let m = model();
        let a = read(
            m,
            "The council approved the new harbor budget of $4 million on Tuesday.",
        );
        let b = read(
            m,
            "On Tuesday councillors passed a $4 million budget for the harbor.",
        );
        let c = read(
            m,
            "Heavy rain flooded two villages in the valley overnight.",
        );
        let d = read(
            m,
            "The council did not approve the new harbor budget of $5 million on Tuesday.",
        );
        let mut rarity = Rarity::default();
        for x in [&a, &b, &c, &d] {
            rarity.add(x);
        }
        let same = features(&a, &b, &rarity);
        let other = features(&a, &c, &rarity);
        assert!(
            same[0] > other[0] && same[1] > other[1] && same[4] < other[4],
            "{same:?} {other:?}"
        );
        assert_eq!(same[7], 1.0, "both say $4 million");
        let changed = features(&a, &d, &rarity);
        assert_eq!(changed[8], 1.0, "4 against 5");
        assert_eq!(changed[10], 1.0, "a negation on one side");
    }
}
