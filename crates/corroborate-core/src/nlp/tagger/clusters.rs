//! Word clusters: GloVe 6B 50d vectors (PDDL 1.0) of the 120,000 most
//! frequent words, grouped by k-means at 64, 256 and 1,024 clusters
//! (`scripts/word-clusters.py`). Words that occur in similar contexts share
//! a cluster, so the tagger generalizes from "Paris" to a city it never saw.

use super::model::WordMap;
use std::sync::OnceLock;

const CLUSTERS: &str = include_str!("../../../../../assets/ner/clusters.tsv");

pub struct Clusters {
    by_word: WordMap<&'static str, [u16; 3]>,
}

impl Clusters {
    pub fn get() -> &'static Clusters {
        static C: OnceLock<Clusters> = OnceLock::new();
        C.get_or_init(|| {
            let mut by_word = WordMap::default();
            by_word.reserve(120_000);
            for line in CLUSTERS.lines().filter(|l| !l.starts_with('#')) {
                let mut parts = line.split('\t');
                let Some(word) = parts.next() else { continue };
                let mut ids = [0u16; 3];
                let mut ok = true;
                for id in &mut ids {
                    match parts.next().and_then(|p| p.parse::<u16>().ok()) {
                        Some(n) => *id = n,
                        None => ok = false,
                    }
                }
                if ok {
                    by_word.insert(word, ids);
                }
            }
            Clusters { by_word }
        })
    }

    /// The clusters of a lowercase word, coarse to fine.
    pub fn of(&self, lower: &str) -> Option<[u16; 3]> {
        self.by_word.get(lower).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequent_words_have_clusters() {
        let c = Clusters::get();
        assert!(c.by_word.len() > 100_000);
        let (Some(a), Some(b)) = (c.of("tuesday"), c.of("wednesday")) else {
            panic!("weekdays missing");
        };
        assert_eq!(a[1], b[1], "weekdays share a cluster");
        assert!(c.of("zzqxq").is_none());
    }
}
