//! Names the tagger met in its training text, with the kinds they were
//! (Reuters' clubs, ministries, towns…): a list learned from the data, kept
//! inside the model file. While training, each article is read with the
//! list made from the other articles only, so that the tagger learns how
//! far to trust a name it has seen, not to copy the answer.

use super::labels::NameKind;
use super::model::WordMap;

/// Lowercase names of up to `MAX_WORDS` words, each with a mask of the kinds
/// it was found as (bit per [`NameKind`]).
#[derive(Debug, Default, Clone)]
pub struct Lexicon {
    names: WordMap<String, u8>,
    /// The first word of every name: most words start none, and are passed
    /// over without building longer phrases.
    firsts: WordMap<String, ()>,
}

pub const MAX_WORDS: usize = 6;

impl Lexicon {
    pub fn add(&mut self, words: &[&str], kind: NameKind) {
        if words.is_empty() || words.len() > MAX_WORDS {
            return;
        }
        let key = words.join(" ").to_lowercase();
        self.insert(key, 1 << (kind as u8));
    }

    fn insert(&mut self, key: String, mask: u8) {
        let first = key.split(' ').next().unwrap_or(&key).to_string();
        self.firsts.insert(first, ());
        *self.names.entry(key).or_default() |= mask;
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// For each word, the kinds of the longest listed name covering it,
    /// shifted left once, with the low bit set where that name begins.
    /// Names are looked for only where `starts` says one may begin.
    pub fn marks(&self, lower: &[String], starts: &[bool]) -> Vec<u8> {
        let mut out = vec![0u8; lower.len()];
        if self.names.is_empty() {
            return out;
        }
        let mut i = 0;
        while i < lower.len() {
            if !starts.get(i).copied().unwrap_or(true) || !self.firsts.contains_key(&lower[i]) {
                i += 1;
                continue;
            }
            let mut hit = None;
            let mut phrase = String::new();
            for (len, w) in lower[i..].iter().take(MAX_WORDS).enumerate() {
                if len > 0 {
                    phrase.push(' ');
                }
                phrase.push_str(w);
                if let Some(mask) = self.names.get(&phrase) {
                    hit = Some((len + 1, *mask));
                }
            }
            match hit {
                Some((len, mask)) => {
                    out[i] = (mask << 1) | 1;
                    for o in &mut out[i + 1..i + len] {
                        *o = mask << 1;
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        let mut names: Vec<(&String, &u8)> = self.names.iter().collect();
        names.sort();
        out.extend_from_slice(&(names.len() as u32).to_le_bytes());
        for (name, mask) in names {
            out.push(*mask);
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(name.as_bytes());
        }
    }

    /// Reads what [`Lexicon::write`] wrote; the rest of the bytes after it,
    /// or None when they are cut short.
    pub fn read(bytes: &[u8]) -> Option<(Lexicon, &[u8])> {
        let (count, mut rest) = bytes.split_first_chunk::<4>()?;
        let mut lexicon = Lexicon::default();
        for _ in 0..u32::from_le_bytes(*count) {
            let (&mask, r) = rest.split_first()?;
            let (len, r) = r.split_first_chunk::<2>()?;
            let len = usize::from(u16::from_le_bytes(*len));
            if r.len() < len {
                return None;
            }
            let (name, r) = r.split_at(len);
            lexicon.insert(String::from_utf8(name.to_vec()).ok()?, mask);
            rest = r;
        }
        Some((lexicon, rest))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_listed_name_marks_its_words_and_survives_a_round_trip() {
        let mut l = Lexicon::default();
        l.add(&["Harbor", "Trust"], NameKind::Organization);
        l.add(&["Harbor"], NameKind::Place);
        let words: Vec<String> = ["the", "harbor", "trust", "harbor"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let org = 1 << (NameKind::Organization as u8);
        let place = 1 << (NameKind::Place as u8);
        let all = [true; 4];
        assert_eq!(
            l.marks(&words, &all),
            [0, (org << 1) | 1, org << 1, (place << 1) | 1]
        );
        assert_eq!(l.marks(&words, &[true, false, true, true])[1], 0);
        let mut bytes = Vec::new();
        l.write(&mut bytes);
        let (again, rest) = Lexicon::read(&bytes).unwrap();
        assert!(rest.is_empty());
        assert_eq!(again.marks(&words, &all), l.marks(&words, &all));
        assert!(Lexicon::read(&bytes[..bytes.len() - 1]).is_none());
    }
}
