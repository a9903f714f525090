//! Sentence vectors, for lining up claims that say one thing in other words:
//! potion-base-8M (Minish Lab, MIT), a static model. Each WordPiece token of
//! its 29,528 has a 256-number vector; a sentence's vector is the mean of its
//! tokens' vectors, made unit length, so that the cosine of two sentences is
//! their dot product. Built in from `assets/embed/` (written by
//! `scripts/potion-model.py`, sources and hashes in its README); the
//! tokenizer is this module's own code, following the model's BERT settings.
//!
//! A bag of tokens ignores word order: "the FBI fired Strzok" and "Strzok
//! fired the FBI" have one vector. Alignment keeps other evidence for roles.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

/// Numbers in a sentence vector.
pub const DIM: usize = 256;

/// At most this many tokens of a sentence count, as in the model's own
/// library.
const MAX_TOKENS: usize = 512;

/// A word longer than this many characters is unknown, as in BERT.
const MAX_WORD_CHARS: usize = 100;

const VECTORS: &[u8] = include_bytes!("../../../../assets/embed/potion-base-8M.f16");
const VOCAB: &str = include_str!("../../../../assets/embed/vocab.txt");

/// The model: its vocabulary, and its vectors as half floats.
pub struct Embedder {
    ids: FxHashMap<&'static str, u32>,
    unknown: Option<u32>,
    vectors: &'static [u8],
}

impl Embedder {
    /// The model built into the program; None only if its files are damaged
    /// (the tests guard against that).
    pub fn get() -> Option<&'static Embedder> {
        static E: OnceLock<Option<Embedder>> = OnceLock::new();
        E.get_or_init(|| Embedder::new(VOCAB, VECTORS)).as_ref()
    }

    fn new(vocab: &'static str, vectors: &'static [u8]) -> Option<Embedder> {
        let ids: FxHashMap<&'static str, u32> = vocab
            .lines()
            .enumerate()
            .map(|(i, w)| (w, i as u32))
            .collect();
        (vectors.len() == ids.len() * DIM * 2).then(|| Embedder {
            unknown: ids.get("[UNK]").copied(),
            ids,
            vectors,
        })
    }

    /// The token ids of `text`, unknown words left out.
    pub fn tokens(&self, text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        let mut piece = String::new();
        for word in pre_tokenize(&normalize(text)) {
            self.word_pieces(word, &mut piece, &mut out);
            if out.len() >= MAX_TOKENS {
                out.truncate(MAX_TOKENS);
                break;
            }
        }
        out
    }

    /// WordPiece: the longest known piece from the start, then the longest
    /// "##" piece after it, and so on; a word with an unknown part is
    /// unknown as a whole. `piece` is room to spell a "##" piece in.
    fn word_pieces(&self, word: &str, piece: &mut String, out: &mut Vec<u32>) {
        let keep = |id: u32, out: &mut Vec<u32>| {
            if Some(id) != self.unknown {
                out.push(id);
            }
        };
        // Most words are a piece whole.
        if let Some(&id) = self.ids.get(word) {
            keep(id, out);
            return;
        }
        if word.chars().count() > MAX_WORD_CHARS {
            return;
        }
        let before = out.len();
        let mut start = 0;
        while start < word.len() {
            let mut end = word.len();
            let found = loop {
                if start == end {
                    break None;
                }
                piece.clear();
                if start > 0 {
                    piece.push_str("##");
                }
                piece.push_str(&word[start..end]);
                if let Some(&id) = self.ids.get(piece.as_str()) {
                    break Some(id);
                }
                // One character shorter.
                end = word[..end]
                    .char_indices()
                    .next_back()
                    .map_or(start, |(at, _)| at);
            };
            match found {
                Some(id) => keep(id, out),
                None => {
                    out.truncate(before);
                    return;
                }
            }
            start = end;
        }
    }

    /// Adds token `id`'s vector to `sum`. The half floats are widened a row
    /// at a time, by the processor's own instruction where it has one.
    fn add_row(&self, id: u32, sum: &mut [f32; DIM]) {
        use half::slice::HalfFloatSliceExt;
        let at = id as usize * DIM * 2;
        let Some(row) = self.vectors.get(at..at + DIM * 2) else {
            return;
        };
        let mut halves = [half::f16::ZERO; DIM];
        for (h, b) in halves.iter_mut().zip(row.chunks_exact(2)) {
            *h = half::f16::from_le_bytes([b[0], b[1]]);
        }
        let mut wide = [0f32; DIM];
        halves.convert_to_f32_slice(&mut wide);
        for (s, w) in sum.iter_mut().zip(wide) {
            *s += w;
        }
    }

    /// The unit vector of a sentence; zeros when no word of it is known.
    pub fn embed(&self, text: &str) -> [f32; DIM] {
        let mut sum = [0f32; DIM];
        let ids = self.tokens(text);
        for &id in &ids {
            self.add_row(id, &mut sum);
        }
        let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            for x in &mut sum {
                *x /= norm;
            }
        }
        sum
    }
}

/// A sentence vector kept small: each number of the unit vector as a byte
/// (a 256-byte value instead of 1 KB), for the hundreds of thousands of
/// claims of an archive. The cosine it gives is within about 0.01 of the
/// full one, far below what tells a paraphrase from other news.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meaning([i8; DIM]);

impl Meaning {
    pub fn new(unit: &[f32; DIM]) -> Meaning {
        let mut q = [0i8; DIM];
        for (b, x) in q.iter_mut().zip(unit) {
            *b = (x * 127.0).round().clamp(-127.0, 127.0) as i8;
        }
        Meaning(q)
    }

    /// No known word: alike nothing.
    pub fn none() -> Meaning {
        Meaning([0; DIM])
    }

    pub fn is_none(&self) -> bool {
        self.0.iter().all(|b| *b == 0)
    }

    /// The cosine of the two sentences.
    pub fn cosine(&self, other: &Meaning) -> f32 {
        let dot: i32 = self
            .0
            .iter()
            .zip(&other.0)
            .map(|(a, b)| i32::from(*a) * i32::from(*b))
            .sum();
        dot as f32 / (127.0 * 127.0)
    }
}

/// The cosine of two unit vectors.
pub fn cosine(a: &[f32; DIM], b: &[f32; DIM]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// BERT's normalisation: control characters dropped, every space a plain
/// space, Chinese characters set apart, accents stripped, lowercase.
fn normalize(text: &str) -> String {
    // Plain ASCII has no accents to strip and nothing to decompose.
    if text.is_ascii() {
        return text
            .chars()
            .filter(|c| !c.is_ascii_control() || matches!(c, '\t' | '\n' | '\r'))
            .map(|c| {
                if c.is_ascii_whitespace() {
                    ' '
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect();
    }
    let mut clean = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\0' || c == '\u{fffd}' || is_control(c) {
            continue;
        }
        if is_space(c) {
            clean.push(' ');
        } else if is_chinese(c) {
            clean.push(' ');
            clean.push(c);
            clean.push(' ');
        } else {
            clean.push(c);
        }
    }
    clean
        .nfd()
        .filter(|c| c.general_category() != GeneralCategory::NonspacingMark)
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r') || c.general_category() == GeneralCategory::SpaceSeparator
}

fn is_control(c: char) -> bool {
    !matches!(c, '\t' | '\n' | '\r') && c.general_category_group() == GeneralCategoryGroup::Other
}

fn is_chinese(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF
        | 0x3400..=0x4DBF
        | 0x20000..=0x2A6DF
        | 0x2A700..=0x2B73F
        | 0x2B740..=0x2B81F
        | 0x2B820..=0x2CEAF
        | 0xF900..=0xFAFF
        | 0x2F800..=0x2FA1F)
}

fn is_punctuation(c: char) -> bool {
    // Every ASCII mark BERT counts is ASCII punctuation; most letters are ASCII.
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    c.general_category_group() == GeneralCategoryGroup::Punctuation
}

/// Words split at spaces, each punctuation mark a word of its own.
fn pre_tokenize(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut word_from = None;
    for (at, c) in text.char_indices() {
        let space = c.is_whitespace();
        if space || is_punctuation(c) {
            if let Some(from) = word_from.take() {
                out.push(&text[from..at]);
            }
            if !space {
                out.push(&text[at..at + c.len_utf8()]);
            }
        } else if word_from.is_none() {
            word_from = Some(at);
        }
    }
    if let Some(from) = word_from {
        out.push(&text[from..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> &'static Embedder {
        Embedder::get().unwrap_or_else(|| panic!("the built-in model does not load"))
    }

    fn pieces(text: &str) -> Vec<&'static str> {
        let words: Vec<&'static str> = VOCAB.lines().collect();
        model()
            .tokens(text)
            .into_iter()
            .map(|id| words[id as usize])
            .collect()
    }

    #[test]
    fn words_split_into_known_pieces_as_bert_does() {
        assert_eq!(
            pieces("The Harbor's café, closed."),
            ["the", "harbor", "'", "s", "cafe", ",", "closed", "."]
        );
        // An unknown long word falls into "##" pieces; nothing is lost.
        let long = pieces("Grigoropoulos");
        assert!(
            long.len() > 1 && long[1..].iter().all(|p| p.starts_with("##")),
            "{long:?}"
        );
        assert!(pieces("").is_empty());
        assert!(pieces("\u{0}\u{7}").is_empty());
        // Pieces end on letters, not bytes: joined again they spell the word.
        for word in ["grigoropoulos", "москвичка", "θεσσαλονικη"] {
            let joined: String = pieces(word)
                .iter()
                .map(|p| p.trim_start_matches("##"))
                .collect();
            assert_eq!(joined, word);
        }
    }

    #[test]
    fn sentences_that_say_one_thing_are_closer_than_sentences_that_do_not() {
        let m = model();
        let a = m.embed("The mayor resigned on Tuesday after the budget vote.");
        let b = m.embed("On Tuesday the mayor quit, following the vote on the budget.");
        let c = m.embed("Heavy rain flooded the valley and closed two schools.");
        assert!((cosine(&a, &a) - 1.0).abs() < 1e-4);
        assert!(
            cosine(&a, &b) > cosine(&a, &c) + 0.2,
            "{} {}",
            cosine(&a, &b),
            cosine(&a, &c)
        );
        // A bag of tokens: the order of the words is not seen.
        let x = m.embed("the council fined the port");
        let y = m.embed("the port fined the council");
        assert!((cosine(&x, &y) - 1.0).abs() < 1e-4);
        assert_eq!(m.embed("\u{7}"), [0f32; DIM]);
    }
}
