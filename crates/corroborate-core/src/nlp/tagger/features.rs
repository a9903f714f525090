//! What the tagger looks at for one word, as hashed feature keys: the word,
//! its shape, prefixes and suffixes, its neighbours, its word clusters, the
//! lists (given names, titles, places, organization words), what the rules
//! made of it, and what the same report said about the same word elsewhere.

use super::clusters::Clusters;
use super::labels::{Label, NameKind};
use super::lexicon::Lexicon;
use super::model::{WordHasher, WordMap};
use super::{Document, Hint};
use crate::nlp::gazetteer::{Gazetteer, Known};
use crate::nlp::quantities;
type WordSet =
    std::collections::HashSet<String, std::hash::BuildHasherDefault<super::model::WordHasher>>;

/// The key of a feature: its template number and its parts, hashed with
/// the tagger's quick word hash (about ninety features a word).
fn key(template: u8, parts: &[&[u8]]) -> u64 {
    use std::hash::Hasher;
    let mut h = WordHasher::default();
    h.write(&[template]);
    for p in parts {
        h.write(p);
    }
    h.finish()
}

/// "Kanter" → "Xxxxx"; "1996-08-22" → "dddd-dd-dd" (at most 12 marks).
fn shape(word: &str) -> String {
    word.chars()
        .take(12)
        .map(|c| {
            if c.is_uppercase() {
                'X'
            } else if c.is_lowercase() {
                'x'
            } else if c.is_numeric() {
                'd'
            } else {
                c
            }
        })
        .collect()
}

/// The shape with runs collapsed: "Xx", "X.X.", "d-d-d".
fn short_shape(long: &str) -> String {
    let mut out = String::new();
    for c in long.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn all_caps(w: &str) -> bool {
    w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
}

const GEONAMES: &str = include_str!("../../../../../assets/ner/places.txt");

/// Countries, states and cities of 15,000 people or more, with their
/// alternate names (GeoNames, CC BY 4.0; `scripts/geonames-places.py`).
fn geonames() -> &'static Lexicon {
    static L: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    L.get_or_init(|| {
        let mut l = Lexicon::default();
        for line in GEONAMES.lines().filter(|l| !l.starts_with('#')) {
            let words: Vec<&str> = line.split(' ').collect();
            l.add(&words, NameKind::Place);
        }
        l
    })
}

/// Per-word facts worked out once per document.
pub struct Prepared {
    pub lower: Vec<Vec<String>>,
    shapes: Vec<Vec<(String, String)>>,
    listed: Vec<Vec<u8>>,
    /// Names of the training text covering each word ([`Lexicon::marks`]).
    learned: Vec<Vec<u8>>,
    places: Vec<Vec<u8>>,
    /// Each word's list memberships ([`Gazetteer::flags_of_lowercase`]), a
    /// calendar word as bit 7.
    flags: Vec<Vec<u8>>,
    /// Whether the two words before each word are a role ("prime minister").
    role_before: Vec<Vec<bool>>,
    /// Sentences written in capitals or title case (headlines), read last.
    pub shouting: Vec<bool>,
    /// Each word's clusters, looked up once: features of the word and of
    /// its neighbours, in both readings, ask for them.
    clusters: Vec<Vec<Option<[u16; 3]>>>,
    lower_seen: WordSet,
    cap_inside: WordSet,
    /// For each capitalized word, the words next to it wherever it occurs
    /// in the report (before and after), so that every occurrence sees the
    /// contexts of the others ("said Washington", "Washington's serve").
    around: WordMap<String, Vec<(u32, u32)>>,
}

/// What a listed name starting or continuing at a word is.
fn listed_code(known: Known, begin: bool) -> u8 {
    match (known, begin) {
        (Known::Place, true) => 1,
        (Known::Place, false) => 2,
        (Known::Organization, true) => 3,
        (Known::Organization, false) => 4,
    }
}

fn title_case(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f
            .to_uppercase()
            .chain(c.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// A headline: in capitals, or in title case without a closing stop.
pub fn is_headline(words: &[&str], closed: bool) -> bool {
    let letters: Vec<&&str> = words
        .iter()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .collect();
    let caps = letters.iter().filter(|w| all_caps(w)).count();
    let long: Vec<&&str> = words.iter().filter(|w| w.len() >= 4).collect();
    let titled = long.iter().filter(|w| is_cap(w)).count();
    (letters.len() >= 2 && caps * 10 >= letters.len() * 8)
        || (!closed && long.len() >= 3 && titled * 10 >= long.len() * 7)
}

/// Marks each word by the longest listed place or organization (of up to
/// four words) that covers it.
fn listed(g: &Gazetteer, words: &[&str], lower: &[String]) -> Vec<u8> {
    let mut out = vec![0u8; words.len()];
    let mut i = 0;
    while i < words.len() {
        if !is_cap(words[i]) || !g.starts_a_name(&lower[i]) {
            i += 1;
            continue;
        }
        let mut hit = None;
        for len in (1..=4.min(words.len() - i)).rev() {
            let phrase = words[i..i + len].join(" ");
            let entry = g.lookup(&phrase).or_else(|| {
                all_caps(&phrase)
                    .then(|| {
                        let t: Vec<String> =
                            words[i..i + len].iter().map(|w| title_case(w)).collect();
                        g.lookup(&t.join(" "))
                    })
                    .flatten()
            });
            if let Some(e) = entry {
                hit = Some((len, e.known));
                break;
            }
        }
        match hit {
            Some((len, known)) => {
                out[i] = listed_code(known, true);
                for o in &mut out[i + 1..i + len] {
                    *o = listed_code(known, false);
                }
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

pub fn prepare(doc: &Document, lexicon: &Lexicon) -> Prepared {
    let g = Gazetteer::get();
    let mut lower_seen = WordSet::default();
    let mut cap_inside = WordSet::default();
    let mut lower = Vec::with_capacity(doc.sentences.len());
    let mut shapes = Vec::with_capacity(doc.sentences.len());
    let mut lists = Vec::with_capacity(doc.sentences.len());
    let mut shouting = Vec::with_capacity(doc.sentences.len());
    let mut learned = Vec::with_capacity(doc.sentences.len());
    let mut places = Vec::with_capacity(doc.sentences.len());
    let mut flags = Vec::with_capacity(doc.sentences.len());
    let mut role_before = Vec::with_capacity(doc.sentences.len());
    let mut clusters = Vec::with_capacity(doc.sentences.len());
    let c = Clusters::get();
    let mut pair = String::new();
    let mut around: WordMap<String, Vec<(u32, u32)>> = WordMap::default();
    for s in &doc.sentences {
        let words: Vec<&str> = s.words.iter().map(|w| w.text).collect();
        let shout = is_headline(&words, s.closed);
        let lw: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        for (k, (w, l)) in words.iter().zip(&lw).enumerate() {
            if w.chars().next().is_some_and(char::is_lowercase) {
                if !lower_seen.contains(l.as_str()) {
                    lower_seen.insert(l.clone());
                }
            } else if k > 0 && !shout && is_cap(w) && !cap_inside.contains(l.as_str()) {
                cap_inside.insert(l.clone());
            }
        }
        shapes.push(
            words
                .iter()
                .map(|w| {
                    let long = shape(w);
                    let short = short_shape(&long);
                    (long, short)
                })
                .collect(),
        );
        let sentence = lower.len() as u32;
        for (k, w) in words.iter().enumerate() {
            if is_cap(w) {
                let list = match around.get_mut(lw[k].as_str()) {
                    Some(l) => l,
                    None => around.entry(lw[k].clone()).or_default(),
                };
                if list.len() < 12 {
                    list.push((sentence, k as u32));
                }
            }
        }
        lists.push(listed(g, &words, &lw));
        let starts: Vec<bool> = words
            .iter()
            .map(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_numeric())
            })
            .collect();
        learned.push(lexicon.marks(&lw, &starts));
        places.push(geonames().marks(&lw, &starts));
        flags.push(
            words
                .iter()
                .zip(&lw)
                .map(|(w, l)| {
                    g.flags_of_lowercase(l) | (u8::from(quantities::is_calendar_word(w)) << 7)
                })
                .collect(),
        );
        role_before.push(
            (0..lw.len())
                .map(|k| {
                    k >= 2 && {
                        pair.clear();
                        pair.push_str(&lw[k - 2]);
                        pair.push(' ');
                        pair.push_str(&lw[k - 1]);
                        g.is_role(&pair)
                    }
                })
                .collect(),
        );
        clusters.push(lw.iter().map(|w| c.of(w)).collect());
        lower.push(lw);
        shouting.push(shout);
    }
    Prepared {
        clusters,
        lower,
        shapes,
        listed: lists,
        learned,
        places,
        flags,
        role_before,
        shouting,
        lower_seen,
        cap_inside,
        around,
    }
}

fn hint_code(h: Hint) -> [u8; 3] {
    [h.kind, u8::from(h.begin), u8::from(h.weak)]
}

/// Features of word `i` of sentence `s` that do not depend on earlier labels.
pub fn fixed(doc: &Document, p: &Prepared, s: usize, i: usize, out: &mut Vec<u64>) {
    own(doc, p, s, i, out);
    around(doc, p, s, i, out);
}

/// The first of [`fixed`]'s features: those of the word alone (its
/// spelling, affixes and shape) and of whether its line is in capitals.
/// They come first so that their scores, summed in the same order, can be
/// remembered per word (see `Tagger::tag`).
pub fn own(doc: &Document, p: &Prepared, s: usize, i: usize, out: &mut Vec<u64>) {
    let lw = &p.lower[s];
    let sh = &p.shapes[s];
    let w = doc.sentences[s].words[i].text;
    let l = lw[i].as_bytes();
    let shout = [u8::from(p.shouting[s])];
    out.push(key(0, &[]));
    out.push(key(1, &[l]));
    out.push(key(2, &[w.as_bytes()]));
    // Prefixes and suffixes of one to four letters, by char boundaries.
    let mut ends = lw[i].char_indices().map(|x| x.0).skip(1).chain([l.len()]);
    let mut starts = lw[i].char_indices().rev().map(|x| x.0);
    for k in 1..=4u8 {
        let (Some(end), Some(start)) = (ends.next(), starts.next()) else {
            break;
        };
        out.push(key(3, &[&[k], &l[..end]]));
        out.push(key(4, &[&[k], &l[start..]]));
    }
    out.push(key(5, &[sh[i].0.as_bytes()]));
    out.push(key(6, &[sh[i].1.as_bytes(), &shout]));
}

/// The rest of [`fixed`]'s features: the word among its neighbours, in its
/// sentence and in its report.
pub fn around(doc: &Document, p: &Prepared, s: usize, i: usize, out: &mut Vec<u64>) {
    let cl = &p.clusters[s];
    let words = &doc.sentences[s].words;
    let lw = &p.lower[s];
    let sh = &p.shapes[s];
    let n = words.len();
    let w = words[i].text;
    let l = lw[i].as_bytes();
    let word_at = |k: isize| -> &[u8] {
        if k < 0 {
            b"<s>"
        } else if k as usize >= n {
            b"</s>"
        } else {
            lw[k as usize].as_bytes()
        }
    };
    let shape_at = |k: isize| -> &[u8] {
        if k < 0 || k as usize >= n {
            b"|"
        } else {
            sh[k as usize].1.as_bytes()
        }
    };
    let i_ = i as isize;
    let shout = [u8::from(p.shouting[s])];
    out.push(key(7, &[word_at(i_ - 1)]));
    out.push(key(8, &[word_at(i_ + 1)]));
    out.push(key(9, &[word_at(i_ - 2)]));
    out.push(key(10, &[word_at(i_ + 2)]));
    out.push(key(11, &[word_at(i_ - 1), l]));
    out.push(key(12, &[l, word_at(i_ + 1)]));
    out.push(key(13, &[shape_at(i_ - 1), shape_at(i_)]));
    out.push(key(14, &[shape_at(i_), shape_at(i_ + 1)]));
    out.push(key(15, &[shape_at(i_ - 1), shape_at(i_), shape_at(i_ + 1)]));
    out.push(key(16, &[&[u8::from(i == 0)], shape_at(i_), &shout]));
    if i == 0 {
        out.push(key(17, &[l]));
    }
    if let Some(ids) = cl[i] {
        for (level, id) in ids.iter().enumerate() {
            out.push(key(18, &[&[level as u8], &id.to_le_bytes()]));
            out.push(key(19, &[&[level as u8], &id.to_le_bytes(), shape_at(i_)]));
        }
    } else {
        out.push(key(18, &[b"none", shape_at(i_)]));
    }
    for (t, k) in [(20u8, i_ - 1), (21, i_ + 1)] {
        if k >= 0
            && let Some(ids) = cl.get(k as usize).copied().flatten()
        {
            out.push(key(t, &[&ids[1].to_le_bytes()]));
        }
    }
    // The lists, for the word and its neighbours.
    for (t, k) in [(22u8, i_), (23, i_ - 1), (24, i_ + 1)] {
        if k < 0 || k as usize >= n {
            continue;
        }
        let bits = p.flags[s][k as usize];
        for f in 0..8u8 {
            if bits & (1 << f) != 0 {
                out.push(key(t, &[&[f]]));
            }
        }
    }
    if p.role_before[s][i] {
        out.push(key(25, &[]));
    }
    let listed = &p.listed[s];
    out.push(key(26, &[&[listed[i]]]));
    if i + 1 < n {
        out.push(key(27, &[&[listed[i + 1]]]));
    }
    let learned = &p.learned[s];
    out.push(key(35, &[&[learned[i]]]));
    out.push(key(36, &[&[learned[i]], shape_at(i_)]));
    if i + 1 < n {
        out.push(key(37, &[&[learned[i + 1]]]));
    }
    if i > 0 {
        out.push(key(38, &[&[learned[i - 1]]]));
    }
    let places = &p.places[s];
    out.push(key(39, &[&[places[i]], &[u8::from(is_cap(w))]]));
    if i + 1 < n {
        out.push(key(57, &[&[places[i + 1]]]));
    }
    // What the rules made of it.
    out.push(key(28, &[&hint_code(words[i].hint)]));
    out.push(key(29, &[&hint_code(words[i].hint), shape_at(i_)]));
    if i > 0 {
        out.push(key(30, &[&[words[i - 1].hint.kind]]));
    }
    if i + 1 < n {
        out.push(key(31, &[&[words[i + 1].hint.kind]]));
    }
    // The same word elsewhere in the report.
    if is_cap(w) {
        out.push(key(
            32,
            &[&[
                u8::from(p.lower_seen.contains(&lw[i])),
                u8::from(p.cap_inside.contains(&lw[i])),
                u8::from(i == 0 || p.shouting[s]),
            ]],
        ));
    }
    if let Some(list) = p.around.get(&lw[i]).filter(|l| l.len() > 1) {
        for &(os, ok) in list {
            let other = &p.lower[os as usize];
            let ok = ok as usize;
            let before: &[u8] = if ok > 0 {
                other[ok - 1].as_bytes()
            } else {
                b"<s>"
            };
            let after: &[u8] = other.get(ok + 1).map_or(b"</s>", |x| x.as_bytes());
            out.push(key(50, &[before]));
            out.push(key(51, &[after]));
        }
    }
    // A word in capitals read as it would be written in a sentence.
    if all_caps(w) && w.chars().count() > 1 {
        out.push(key(52, &[title_case(w).as_bytes()]));
    }
    out.push(key(53, &[word_at(i_ - 3)]));
    out.push(key(54, &[word_at(i_ + 3)]));
    out.push(key(55, &[word_at(i_ + 1), word_at(i_ + 2)]));
    out.push(key(56, &[word_at(i_ - 2), word_at(i_ - 1)]));
    // "Vishwanand Subryan, 23, of Schenectady": an age after a comma.
    if i + 2 < n {
        out.push(key(
            58,
            &[
                &[words[i + 1].before],
                shape_at(i_ + 1),
                &[words[i + 2].before],
            ],
        ));
    }
    out.push(key(33, &[&[words[i].before]]));
    if i + 1 < n {
        out.push(key(34, &[&[words[i + 1].before]]));
    }
}

/// What earlier sentences of the report labelled each word as.
#[derive(Default)]
pub struct History {
    counts: WordMap<String, [u16; 5]>,
}

impl History {
    pub fn record(&mut self, lower: &[String], words: &[&str], labels: &[Label]) {
        for ((l, w), label) in lower.iter().zip(words).zip(labels) {
            if !is_cap(w) {
                continue;
            }
            let slot = match label.kind() {
                None => 0,
                Some(NameKind::Person) => 1,
                Some(NameKind::Organization) => 2,
                Some(NameKind::Place) => 3,
                Some(NameKind::Misc) => 4,
            };
            let c = match self.counts.get_mut(l.as_str()) {
                Some(c) => c,
                None => self.counts.entry(l.clone()).or_default(),
            };
            c[slot] = c[slot].saturating_add(1);
        }
    }

    fn majority(&self, lower: &str) -> Option<(u8, bool)> {
        let c = self.counts.get(lower)?;
        let (best, n) = c.iter().enumerate().max_by_key(|(_, n)| **n)?;
        let total: u16 = c.iter().sum();
        Some((best as u8, *n == total))
    }
}

/// Features that depend on the labels already chosen: the previous two in
/// the sentence, what earlier sentences made of the word (`history`), and
/// what a first reading of the whole report made of it (`first`).
#[allow(clippy::too_many_arguments)]
pub fn dynamic(
    p: &Prepared,
    s: usize,
    i: usize,
    prev: Option<Label>,
    prev2: Option<Label>,
    history: &History,
    first: &History,
    out: &mut Vec<u64>,
) {
    let code = |l: Option<Label>| l.map_or(255u8, Label::code);
    let l = p.lower[s][i].as_bytes();
    out.push(key(40, &[&[code(prev)]]));
    out.push(key(41, &[&[code(prev2), code(prev)]]));
    out.push(key(42, &[&[code(prev)], l]));
    out.push(key(43, &[&[code(prev)], p.shapes[s][i].1.as_bytes()]));
    if let Some(ids) = p.clusters[s][i] {
        out.push(key(49, &[&[code(prev)], &ids[1].to_le_bytes()]));
    }
    if let Some((best, all)) = history.majority(&p.lower[s][i]) {
        out.push(key(44, &[&[best, u8::from(all)]]));
        out.push(key(45, &[&[best], p.shapes[s][i].1.as_bytes()]));
    }
    if let Some((best, all)) = first.majority(&p.lower[s][i]) {
        out.push(key(46, &[&[best, u8::from(all)]]));
        out.push(key(47, &[&[best], p.shapes[s][i].1.as_bytes()]));
        out.push(key(48, &[&[best, code(prev)]]));
    }
}
