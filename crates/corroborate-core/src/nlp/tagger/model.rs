//! The tagger's weights: one row of label scores per hashed feature, learned
//! by an averaged perceptron and stored as 16-bit integers with one scale.

use super::labels::{LABELS, Label};
use super::lexicon::Lexicon;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Feature keys are already hashes: a map that does not hash them again.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// A quick hash for the tagger's word tables, which it looks up for every
/// word: eight bytes a step, not DoS-resistant (the keys are its own lists).
#[derive(Default)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^ (h >> 33)
    }
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(last) ^ (rest.len() as u64) << 56)
            .wrapping_mul(K);
    }
}

pub type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

const MAGIC: &[u8; 8] = b"CRBNER01";

/// Weights for inference.
pub struct Model {
    rows: KeyMap<[f32; LABELS]>,
    /// The names met in the training text.
    pub lexicon: Lexicon,
}

/// Why a model file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a tagger model (bad header)")]
    Header,
    #[error("the tagger model is cut short")]
    Truncated,
}

impl Model {
    /// Adds the weights of `features` to `scores`.
    pub fn score(&self, features: &[u64], scores: &mut [f32; LABELS]) {
        for f in features {
            if let Some(row) = self.rows.get(f) {
                for (s, w) in scores.iter_mut().zip(row) {
                    *s += w;
                }
            }
        }
    }

    pub fn features(&self) -> usize {
        self.rows.len()
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let rest = bytes.strip_prefix(MAGIC).ok_or(ModelError::Header)?;
        let take = |r: &[u8], n: usize| -> Result<usize, ModelError> {
            (r.len() >= n).then_some(n).ok_or(ModelError::Truncated)
        };
        let n = take(rest, 12)?;
        let (head, mut rest) = rest.split_at(n);
        let labels = u32::from_le_bytes([head[0], head[1], head[2], head[3]]) as usize;
        if labels != LABELS {
            return Err(ModelError::Header);
        }
        let scale = f32::from_le_bytes([head[4], head[5], head[6], head[7]]);
        let count = u32::from_le_bytes([head[8], head[9], head[10], head[11]]) as usize;
        let mut rows = KeyMap::default();
        rows.reserve(count);
        for _ in 0..count {
            let n = take(rest, 9)?;
            let (h, r) = rest.split_at(n);
            let mut key = [0u8; 8];
            key.copy_from_slice(&h[..8]);
            let nonzero = usize::from(h[8]);
            let n = take(r, nonzero * 3)?;
            let (cells, r) = r.split_at(n);
            let mut row = [0f32; LABELS];
            for c in cells.chunks_exact(3) {
                let label = usize::from(c[0]);
                if label >= LABELS {
                    return Err(ModelError::Header);
                }
                row[label] = f32::from(i16::from_le_bytes([c[1], c[2]])) * scale;
            }
            rows.insert(u64::from_le_bytes(key), row);
            rest = r;
        }
        let (lexicon, rest) = Lexicon::read(rest).ok_or(ModelError::Truncated)?;
        if !rest.is_empty() {
            return Err(ModelError::Header);
        }
        Ok(Model { rows, lexicon })
    }
}

/// An averaged perceptron being trained.
pub struct Trainer {
    weights: KeyMap<Row>,
    /// Updates made so far: the clock of the lazy averaging.
    clock: u64,
}

#[derive(Clone, Default)]
struct Row {
    w: [f32; LABELS],
    total: [f32; LABELS],
    stamp: [u64; LABELS],
}

impl Row {
    fn bump(&mut self, label: usize, delta: f32, clock: u64) {
        self.total[label] += (clock - self.stamp[label]) as f32 * self.w[label];
        self.stamp[label] = clock;
        self.w[label] += delta;
    }
}

impl Default for Trainer {
    fn default() -> Self {
        Self::new()
    }
}

impl Trainer {
    pub fn new() -> Trainer {
        Trainer {
            weights: KeyMap::default(),
            clock: 1,
        }
    }

    /// Current (not averaged) scores, for decoding while training.
    pub fn score(&self, features: &[u64], scores: &mut [f32; LABELS]) {
        for f in features {
            if let Some(row) = self.weights.get(f) {
                for (s, w) in scores.iter_mut().zip(&row.w) {
                    *s += w;
                }
            }
        }
    }

    /// One perceptron step: toward `gold`, away from `guess`.
    pub fn update(&mut self, features: &[u64], gold: Label, guess: Label) {
        self.clock += 1;
        if gold == guess {
            return;
        }
        for f in features {
            let row = self.weights.entry(*f).or_default();
            row.bump(gold.index(), 1.0, self.clock);
            row.bump(guess.index(), -1.0, self.clock);
        }
    }

    /// Counts a step without a mistake (the averaging needs the clock).
    pub fn tick(&mut self) {
        self.clock += 1;
    }

    /// The averaged weights as a model, and as the bytes of a model file.
    /// Weights smaller than `prune` (in averaged units) are dropped.
    pub fn finish(&self, prune: f32, lexicon: &Lexicon) -> (Model, Vec<u8>) {
        let clock = self.clock;
        let mut averaged: Vec<(u64, [f32; LABELS])> = self
            .weights
            .iter()
            .map(|(k, r)| {
                let a: [f32; LABELS] = std::array::from_fn(|l| {
                    let total = r.total[l] + (clock - r.stamp[l]) as f32 * r.w[l];
                    total / clock as f32
                });
                (*k, a)
            })
            .collect();
        averaged.sort_by_key(|(k, _)| *k);
        let max = averaged
            .iter()
            .flat_map(|(_, a)| a.iter())
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32000.0 } else { 1.0 };
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(LABELS as u32).to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        let count_at = out.len();
        out.extend_from_slice(&0u32.to_le_bytes());
        let mut count = 0u32;
        for (k, a) in &averaged {
            let cells: Vec<(u8, i16)> = a
                .iter()
                .enumerate()
                .filter(|(_, w)| w.abs() >= prune)
                .map(|(l, w)| (l as u8, (w / scale).round() as i16))
                .filter(|(_, q)| *q != 0)
                .collect();
            if cells.is_empty() {
                continue;
            }
            count += 1;
            out.extend_from_slice(&k.to_le_bytes());
            out.push(cells.len() as u8);
            for (l, q) in cells {
                out.push(l);
                out.extend_from_slice(&q.to_le_bytes());
            }
        }
        out[count_at..count_at + 4].copy_from_slice(&count.to_le_bytes());
        lexicon.write(&mut out);
        let model = match Model::from_bytes(&out) {
            Ok(m) => m,
            Err(_) => Model {
                rows: KeyMap::default(),
                lexicon: Lexicon::default(),
            },
        };
        (model, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_model_reads_back_with_its_weights() {
        let mut t = Trainer::new();
        for _ in 0..10 {
            t.update(&[7, 9], Label::from_index(3), Label::from_index(0));
        }
        let (m, bytes) = t.finish(0.0, &Lexicon::default());
        let again = Model::from_bytes(&bytes).unwrap();
        let mut a = [0f32; LABELS];
        let mut b = [0f32; LABELS];
        m.score(&[7], &mut a);
        again.score(&[7], &mut b);
        assert_eq!(a, b);
        assert!(a[3] > 0.0 && a[0] < 0.0);
        assert!(Model::from_bytes(&bytes[..bytes.len() - 2]).is_err());
        assert!(Model::from_bytes(b"nonsense").is_err());
    }
}
