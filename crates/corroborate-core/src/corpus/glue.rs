//! Repair of words glued together by careless copy-paste or translation.
//!
//! "ByteDancebased", "Trusspromised", "guidelinessaid": a space was lost.
//! A token is split only when it is not a word itself (not in the English
//! word list, not seen elsewhere in the corpus) and both halves are: a name
//! seen elsewhere in the corpus, or a known word.
//!
//! Names and compounds look glued too ("Westwood", "Bloomberg", "Raptors",
//! "mothership", "rollercoaster"), and splitting them breaks the very names a
//! reader looks for. So a name is split off only where the corpus shows it
//! ending a name and the rest is a word the corpus writes on its own, never a
//! given name or a syllable that ends place and family names; and two common
//! words only where the first is inflected ("executiveshighlights") or the
//! second is a word that follows a lost space ("approvalsaid"), which
//! compounds (an uninflected modifier and its head) are not.

use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const WORDS: &str = include_str!("../../../../assets/lexicon/english-words.txt");
const NEWS_WORDS: &str = include_str!("../../../../assets/lexicon/news-words.txt");

/// Left halves that form real compounds ("counterattack", "outsource",
/// "cyberspace") far more often than they end a glued word.
const COMPOUND_HEADS: &[&str] = &[
    "counter", "under", "over", "out", "down", "cyber", "anti", "super", "inter", "multi", "non",
    "post", "semi", "mega", "micro", "macro", "ultra", "hyper", "tele", "photo", "head", "hand",
    "back", "fire", "water", "land", "life", "home", "work", "cross", "break", "with", "where",
    "there", "here", "every", "some", "any", "what", "when", "how", "after", "fore",
];

const MAX_GLUED_CHARS: usize = 40;

/// Endings of family and place names: "Westwood", "Newfield", "Gilford",
/// "Bloomberg", "Soundview" are names, not a name and a word.
const NAME_ENDINGS: &[&str] = &[
    "wood", "woods", "field", "fields", "ford", "berg", "burg", "burgh", "bourg", "stein", "man",
    "mann", "men", "son", "sen", "ton", "ville", "ley", "land", "well", "worth", "more", "ham",
    "mark", "ston", "house", "bridge", "brook", "water", "waters", "stone", "hill", "hills",
    "dale", "ridge", "haven", "view", "port", "mouth", "wick", "shire", "castle", "gate", "way",
    "side", "hall", "smith", "ward", "wright", "kirk", "stead", "bury", "borough", "mont",
];

/// Words that follow a name or a noun across a lost space, beside the short
/// ones: the verbs of reporting.
const FOLLOWERS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "reported",
    "reports",
    "stated",
    "wrote",
    "announced",
];

/// Short words that often follow a lost space.
const SHORT_WORDS: &[&str] = &[
    "the", "and", "but", "for", "was", "has", "had", "are", "who", "not", "its", "his", "her",
    "she", "him", "all", "may", "can", "got", "did", "now", "new", "two", "one", "say", "saw",
];

/// The English word list (SCOWL via Debian's wamerican) and news compounds, lowercase.
pub fn lexicon() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        WORDS
            .lines()
            .chain(NEWS_WORDS.lines())
            .map(str::trim)
            .filter(|w| !w.is_empty() && !w.starts_with('#'))
            .collect()
    })
}

/// True for a lowercase word the list knows, directly or as a regular inflection.
pub fn is_known_word(lower: &str) -> bool {
    let lex = lexicon();
    if lex.contains(lower) {
        return true;
    }
    const SUFFIXES: [&str; 8] = ["s", "es", "ed", "d", "ing", "er", "ers", "ly"];
    SUFFIXES.iter().any(|suffix| {
        lower
            .strip_suffix(suffix)
            .is_some_and(|stem| stem.len() >= 3 && lex.contains(stem))
    })
}

/// How often each word form occurs in the corpus, case kept, and how often
/// a capitalized one ends a name.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    counts: HashMap<String, u32>,
    name_ends: HashMap<String, u32>,
}

impl Vocabulary {
    pub fn add_text(&mut self, text: &str) {
        for (at, word) in words(text) {
            count(&mut self.counts, word);
            if ends_a_name(text, at, word) {
                count(&mut self.name_ends, word);
            }
        }
    }

    /// The vocabulary of many texts, counted on all cores.
    pub fn of<'a>(texts: impl ParallelIterator<Item = &'a str>) -> Vocabulary {
        texts
            .fold(Vocabulary::default, |mut v, text| {
                v.add_text(text);
                v
            })
            .reduce(Vocabulary::default, |mut a, b| {
                a.merge(b);
                a
            })
    }

    pub fn merge(&mut self, other: Vocabulary) {
        for (word, n) in other.counts {
            *self.counts.entry(word).or_default() += n;
        }
        for (word, n) in other.name_ends {
            *self.name_ends.entry(word).or_default() += n;
        }
    }

    pub fn count(&self, word: &str) -> u32 {
        self.counts.get(word).copied().unwrap_or(0)
    }

    /// How often `word` ends a name in the corpus: capitalized, followed by
    /// no other capitalized word, and not a common word opening a sentence
    /// ("Her", "New", "West" there are not names).
    pub fn ends_name(&self, word: &str) -> u32 {
        self.name_ends.get(word).copied().unwrap_or(0)
    }
}

/// One more of `word`: a word seen before is not copied again (an archive
/// of 100,000 reports has 63 million words and a few hundred thousand forms).
fn count(counts: &mut HashMap<String, u32>, word: &str) {
    match counts.get_mut(word) {
        Some(n) => *n += 1,
        None => {
            counts.insert(word.to_string(), 1);
        }
    }
}

/// Whether the word at `at` ends a name (see [`Vocabulary::ends_name`]).
fn ends_a_name(text: &str, at: usize, word: &str) -> bool {
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let next = text[at + word.len()..]
        .trim_start_matches([' ', '\t'])
        .chars()
        .next();
    if next.is_some_and(char::is_uppercase) {
        return false;
    }
    let before = text[..at].trim_end_matches([' ', '\t']).chars().next_back();
    let opens = before.is_none_or(|c| !(c.is_alphanumeric() || c == ','));
    !(opens && is_known_word(&word.to_lowercase()))
}

/// Runs of letters with their byte offsets; digits, hyphens and apostrophes separate.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = None;
    let mut out = Vec::new();
    for (i, c) in text.char_indices() {
        if c.is_alphabetic() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s, &text[s..i]));
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out.into_iter()
}

/// Byte offsets in `text` where a lost space belongs.
pub fn split_points(text: &str, vocab: &Vocabulary) -> Vec<usize> {
    let mut points = Vec::new();
    for (at, word) in words(text) {
        if let Some(split) = split_word(word, vocab) {
            points.push(at + split);
        }
    }
    points.extend(sentence_glue(text));
    points.sort_unstable();
    points.dedup();
    points
}

/// Where to split one glued token, if it is one.
pub fn split_word(word: &str, vocab: &Vocabulary) -> Option<usize> {
    let chars = word.chars().count();
    // Two glued words are seldom longer than 40 letters; a longer run is
    // not worth the quadratic search (and may be hostile input).
    if !(6..=MAX_GLUED_CHARS).contains(&chars) {
        return None;
    }
    let lower = word.to_lowercase();
    // The corpus vocabulary holds this very occurrence once.
    let seen_elsewhere = vocab.count(word) >= 2 || (lower != word && vocab.count(&lower) >= 1);
    if seen_elsewhere || is_known_word(&lower) {
        return None;
    }
    let capitalized = word.chars().next().is_some_and(char::is_uppercase);
    let mut best: Option<(usize, usize)> = None;
    for (i, _) in word.char_indices().skip(3) {
        let (left, right) = word.split_at(i);
        // Three-letter tails are mostly suffixes ("Trump|ism", "Trump|ian"),
        // except for the few short words that follow a lost space.
        let right_len = right.chars().count();
        if right_len < 3
            || (right_len == 3 && !SHORT_WORDS.contains(&right))
            || !right.chars().all(char::is_lowercase)
        {
            continue;
        }
        let follower = SHORT_WORDS.contains(&right) || FOLLOWERS.contains(&right);
        let ok = if capitalized {
            // A name glued to a word: the corpus ends a name with it, and
            // writes the rest as a word of its own that ends no name.
            let given = |w: &str| crate::nlp::gazetteer::Gazetteer::get().is_given_name(w);
            vocab.ends_name(left) >= 1
                && (vocab.count(right) >= 1 || follower)
                && !NAME_ENDINGS.contains(&right)
                && !given(right)
                && (follower || !given(left))
        } else {
            // Two common words glued: both must be whole words of some length,
            // since short heads ("push|back", "live|stream") make real
            // compounds, and a compound's first word is not inflected.
            let inflected = ["s", "ed", "ing"].iter().any(|e| left.ends_with(e));
            vocab.count(left) >= 1
                && is_known_word(left)
                && left.chars().count() >= 5
                && chars >= 10
                && !COMPOUND_HEADS.contains(&left)
                && (follower || (inflected && (vocab.count(right) >= 1 || is_known_word(right))))
        };
        if ok {
            // Prefer the split whose shorter half is longest: "guidelines|said"
            // over "guideline|ssaid" (which fails anyway) or shorter stubs.
            let score = left.len().min(right.len());
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((i, score));
            }
        }
    }
    best.map(|(i, _)| i)
}

/// "propaganda.TikTok", "innovation.Discover": a sentence that lost the space after its period.
fn sentence_glue(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for i in 2..bytes.len().saturating_sub(2) {
        if bytes[i] == b'.'
            && bytes[i - 1].is_ascii_lowercase()
            && bytes[i - 2].is_ascii_lowercase()
            && bytes[i + 1].is_ascii_uppercase()
            && bytes[i + 2].is_ascii_lowercase()
        {
            out.push(i + 1);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(text: &str) -> Vocabulary {
        let mut v = Vocabulary::default();
        v.add_text(text);
        v
    }

    #[test]
    fn splits_glued_names_and_words() {
        let v = vocab(
            "ByteDance is based in Beijing. Liz Truss promised a review. \
             The guidelines said so. Douyin is the Chinese app.",
        );
        assert_eq!(split_word("ByteDancebased", &v), Some(9));
        assert_eq!(split_word("Trusspromised", &v), Some(5));
        assert_eq!(split_word("guidelinessaid", &v), Some(10));
        assert_eq!(split_word("Douyinthe", &v), Some(6));
        // "highlights" is not in the corpus, but the word list knows it.
        let v = vocab("TikTok executives said");
        assert_eq!(split_word("executiveshighlights", &v), Some(10));
    }

    #[test]
    fn leaves_real_words_whole() {
        let v = vocab(
            "face book through out now here every one some where Blue sky any how \
             cyber security with out Tik Tok Byte Dance Face Book push back live \
             streaming counter terrorism whistle blower stake holders Trump ism ian",
        );
        for word in [
            "Facebook",
            "throughout",
            "nowhere",
            "everyone",
            "somewhere",
            "anyhow",
            "without",
            "TikTok",
            "ByteDance",
            "cybersecurity",
            "smartphones",
            "pushback",
            "livestreaming",
            "counterterrorism",
            "whistleblower",
            "stakeholders",
            "Trumpism",
            "Trumpian",
        ] {
            assert_eq!(split_word(word, &v), None, "{word}");
        }
    }

    #[test]
    fn names_and_compounds_that_look_glued_stay_whole() {
        // Every half is in the corpus, some as names, some as words.
        let v = vocab(
            "Anne said so. New rules came. West of here. Her car. Bloom went home. \
             The wood and the field. A view, a lie, a ship, a coaster and a finder. \
             Marie Curie met Phil. Sarah Bloom spoke for the Raptors; tors.",
        );
        for word in [
            "Westwood",
            "Newfield",
            "Annemarie",
            "Bloomberg",
            "Herfried",
            "Soundview",
            "Phillies",
            "mothership",
            "rollercoaster",
            "rangefinder",
        ] {
            assert_eq!(split_word(word, &v), None, "{word}");
        }
        // The same corpus still splits a name ending a name and a word.
        assert_eq!(split_word("Bloomwent", &v), Some(5));
        assert_eq!(
            split_word("Phillies", &vocab("Phil lies. Phil said.")),
            None
        );
    }

    #[test]
    fn very_long_runs_of_letters_are_left_alone() {
        let v = vocab("x");
        assert_eq!(split_word(&"x".repeat(200_000), &v), None);
    }

    #[test]
    fn a_word_seen_twice_is_a_word() {
        let v = vocab("Bluesky Bluesky Blue sky");
        assert_eq!(split_word("Bluesky", &v), None);
    }

    #[test]
    fn finds_sentences_missing_their_space() {
        let v = Vocabulary::default();
        let text = "pro-China propaganda.TikTok. Visit DailyMail.com or U.S. News";
        assert_eq!(split_points(text, &v), vec![21]);
    }
}
