//! A trained tagger of names (people, organizations, places, other names) in
//! a report's sentences: a greedy averaged perceptron over BILOU labels,
//! trained on CoNLL-2003 by `corroborate train-ner`, with the rule-based
//! finder's reading of each word among its features. The weights are built
//! into the program from `assets/ner/tagger.bin`.
//!
//! Headlines are read after the body, so that a name the body settled
//! ("Japan" a place) keeps its label in the capitals of the title.

mod clusters;
mod features;
mod labels;
mod lexicon;
mod model;

pub use labels::{Label, NameKind, Position, encode, spans};
pub use lexicon::Lexicon;
pub(crate) use model::WordHasher;
use model::WordMap;
pub use model::{Model, ModelError};

pub use features::is_headline;
use features::{History, Prepared};
use labels::LABELS;
use model::Trainer;
use std::sync::OnceLock;

const WEIGHTS: &[u8] = include_bytes!("../../../../../assets/ner/tagger.bin");

/// What the rule-based finder made of a word: the kind its candidate
/// leans to (0 none, 1 person, 2 organization, 3 place, 4 other), whether the
/// word opens the candidate, and whether the candidate is weak (a sentence
/// start or a headline).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hint {
    pub kind: u8,
    pub begin: bool,
    pub weak: bool,
}

/// One word as the tagger sees it.
#[derive(Debug, Clone)]
pub struct Word<'a> {
    pub text: &'a str,
    pub hint: Hint,
    /// What separates the word from the one before (its first character
    /// that is not a space), as a byte class: b' ' for only space or the
    /// sentence start, the character itself when it is ASCII punctuation,
    /// b'?' otherwise. Names end at commas, so this matters.
    pub before: u8,
}

#[derive(Debug, Clone, Default)]
pub struct Sentence<'a> {
    pub words: Vec<Word<'a>>,
    /// Ends with a full stop, question or exclamation mark.
    pub closed: bool,
}

/// A report: its sentences in order.
#[derive(Debug, Clone, Default)]
pub struct Document<'a> {
    pub sentences: Vec<Sentence<'a>>,
}

/// The class of the character before a word, for [`Word::before`].
pub fn before_class(c: Option<char>) -> u8 {
    match c {
        None => b' ',
        Some(c) if c.is_whitespace() => b' ',
        Some('’' | '‘') => b'\'',
        Some('“' | '”' | '„') => b'"',
        Some('–' | '—') => b'-',
        Some(c) if c.is_ascii_punctuation() => c as u8,
        Some(_) => b'?',
    }
}

/// What decoding calls at each word in its last reading: the sentence, the
/// word, its features and the best label; it returns the label to go on with.
type Step<'a> = dyn FnMut(usize, usize, &[u64], Label) -> Label + 'a;

/// What decoding calls for a word's label-free part: it either pushes the
/// features (to be scored with the rest) or adds their scores, worked out
/// once for both readings.
type Fixed<'a> = dyn FnMut(usize, usize, &mut Vec<u64>, &mut [f32; LABELS]) + 'a;

trait Scorer {
    fn add_scores(&self, features: &[u64], scores: &mut [f32; LABELS]);
}

impl Scorer for Model {
    fn add_scores(&self, f: &[u64], s: &mut [f32; LABELS]) {
        self.score(f, s);
    }
}

impl Scorer for Trainer {
    fn add_scores(&self, f: &[u64], s: &mut [f32; LABELS]) {
        self.score(f, s);
    }
}

/// Body first, headlines last, each in reading order.
fn reading_order(p: &Prepared) -> Vec<usize> {
    let mut order: Vec<usize> = (0..p.shouting.len()).filter(|&s| !p.shouting[s]).collect();
    order.extend((0..p.shouting.len()).filter(|&s| p.shouting[s]));
    order
}

/// What a whole reading of a document labelled each word as.
fn whole_history(doc: &Document, p: &Prepared, labels: &[Vec<Label>]) -> History {
    let mut h = History::default();
    for (s, l) in labels.iter().enumerate() {
        let words: Vec<&str> = doc.sentences[s].words.iter().map(|w| w.text).collect();
        h.record(&p.lower[s], &words, l);
    }
    h
}

/// Two greedy readings of a document: the first without, the second with
/// what the first made of every word in the whole report. `fixed` gives a
/// word's label-free features; `step` sees each word's features and best
/// label in the second reading and returns the label to go on with
/// (training corrects the weights there).
fn decode(
    scorer: &dyn Scorer,
    doc: &Document,
    p: &Prepared,
    fixed: &mut Fixed,
    step: &mut Step,
) -> Vec<Vec<Label>> {
    let empty = History::default();
    let first = read(scorer, doc, p, fixed, &empty, &mut |_, _, _, best| best);
    let first = whole_history(doc, p, &first);
    read(scorer, doc, p, fixed, &first, step)
}

/// One greedy reading of a document.
fn read(
    scorer: &dyn Scorer,
    doc: &Document,
    p: &Prepared,
    fixed: &mut Fixed,
    first: &History,
    step: &mut Step,
) -> Vec<Vec<Label>> {
    let mut out: Vec<Vec<Label>> = doc
        .sentences
        .iter()
        .map(|s| vec![Label::Outside; s.words.len()])
        .collect();
    let mut history = History::default();
    let mut f = Vec::with_capacity(96);
    for s in reading_order(p) {
        let n = doc.sentences[s].words.len();
        let mut prev = None;
        let mut prev2 = None;
        #[allow(clippy::needless_range_loop)] // `i` indexes words, features and labels alike
        for i in 0..n {
            f.clear();
            let mut scores = [0f32; LABELS];
            fixed(s, i, &mut f, &mut scores);
            features::dynamic(p, s, i, prev, prev2, &history, first, &mut f);
            scorer.add_scores(&f, &mut scores);
            let words = &doc.sentences[s].words;
            let ends = !continues_into(words, i + 1);
            let best = (0..LABELS)
                .map(Label::from_index)
                .filter(|l| l.may_follow(prev, ends))
                .max_by(|a, b| scores[a.index()].total_cmp(&scores[b.index()]))
                .unwrap_or(Label::Outside);
            let chosen = step(s, i, &f, best);
            out[s][i] = chosen;
            prev2 = prev;
            prev = Some(chosen);
        }
        let words: Vec<&str> = doc.sentences[s].words.iter().map(|w| w.text).collect();
        history.record(&p.lower[s], &words, &out[s]);
    }
    out
}

/// Whether a name can go on into word `j`: not across a comma, a bracket, a
/// colon, a quote or a possessive ("Trump's order", "TikTok “poses").
fn continues_into(words: &[Word], j: usize) -> bool {
    let open_gap = |w: &Word| {
        !matches!(
            w.before,
            b',' | b';' | b':' | b'(' | b')' | b'[' | b']' | b'/' | b'"' | b'\'' | b'!' | b'?'
        )
    };
    words.get(j).is_some_and(open_gap)
}

/// Summed scores of a word's own features by spelling, in a sentence in
/// mixed case and in one in capitals.
type OwnScores = WordMap<String, [Option<[f32; LABELS]>; 2]>;

/// The tagger with its built-in weights.
pub struct Tagger {
    model: Model,
    /// Tells this tagger's remembered scores from another's (training
    /// measures a new model after each pass).
    id: u64,
}

impl Tagger {
    /// The built-in tagger; None only if the weights built into the program
    /// are damaged (the tests guard against that).
    pub fn get() -> Option<&'static Tagger> {
        static T: OnceLock<Option<Tagger>> = OnceLock::new();
        T.get_or_init(|| Model::from_bytes(WEIGHTS).ok().map(Tagger::new))
            .as_ref()
    }

    pub fn new(model: Model) -> Tagger {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let id = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Tagger { model, id }
    }

    pub fn features(&self) -> usize {
        self.model.features()
    }

    /// The summed scores of the features of word `i` alone
    /// ([`features::own`]), remembered per spelling on each thread: most
    /// words of an archive are words met before, and summed from nothing in
    /// the same order they are the same to the bit.
    fn own_scores(
        &self,
        doc: &Document,
        p: &Prepared,
        s: usize,
        i: usize,
        buf: &mut Vec<u64>,
    ) -> [f32; LABELS] {
        /// Spellings remembered per thread before starting afresh (about
        /// 20 MB).
        const REMEMBERED: usize = 1 << 18;
        thread_local! {
            static OWN: std::cell::RefCell<(u64, OwnScores)> = std::cell::RefCell::default();
        }
        let word = doc.sentences[s].words[i].text;
        let shout = usize::from(p.shouting[s]);
        OWN.with(|own| {
            let mut own = own.borrow_mut();
            let (tagger, own) = &mut *own;
            if *tagger != self.id {
                *tagger = self.id;
                own.clear();
            }
            if let Some(scores) = own.get(word).and_then(|e| e[shout]) {
                return scores;
            }
            buf.clear();
            features::own(doc, p, s, i, buf);
            let mut scores = [0f32; LABELS];
            self.model.score(buf, &mut scores);
            if own.len() >= REMEMBERED {
                own.clear();
            }
            own.entry(word.to_string()).or_default()[shout] = Some(scores);
            scores
        })
    }

    /// A label for every word of every sentence.
    pub fn tag(&self, doc: &Document) -> Vec<Vec<Label>> {
        let p = features::prepare(doc, &self.model.lexicon);
        // Both readings share the scores of the label-free features: worked
        // out once.
        let mut buf: Vec<u64> = Vec::with_capacity(128);
        let base: Vec<Vec<[f32; LABELS]>> = doc
            .sentences
            .iter()
            .enumerate()
            .map(|(s, sentence)| {
                (0..sentence.words.len())
                    .map(|i| {
                        let mut scores = self.own_scores(doc, &p, s, i, &mut buf);
                        buf.clear();
                        features::around(doc, &p, s, i, &mut buf);
                        self.model.score(&buf, &mut scores);
                        scores
                    })
                    .collect()
            })
            .collect();
        decode(
            &self.model,
            doc,
            &p,
            &mut |s, i, _, scores| {
                for (t, b) in scores.iter_mut().zip(&base[s][i]) {
                    *t += b;
                }
            },
            &mut |_, _, _, best| best,
        )
    }
}

/// A document with its true labels, to learn from or to measure on.
pub struct Example<'a> {
    pub doc: Document<'a>,
    pub gold: Vec<Vec<Label>>,
}

/// Names found, names true and names both, per kind (person, organization,
/// place, other).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub found: [usize; 4],
    pub truth: [usize; 4],
    pub both: [usize; 4],
}

impl Counts {
    pub fn add(&mut self, guess: &[Label], gold: &[Label]) {
        let g = spans(guess);
        let t = spans(gold);
        for (_, _, k) in &g {
            self.found[*k as usize] += 1;
        }
        for (_, _, k) in &t {
            self.truth[*k as usize] += 1;
        }
        for x in &g {
            if t.contains(x) {
                self.both[x.2 as usize] += 1;
            }
        }
    }

    /// F1 (0-100) over the kinds given.
    pub fn f1(&self, kinds: &[NameKind]) -> f64 {
        let sum = |v: &[usize; 4]| kinds.iter().map(|k| v[*k as usize]).sum::<usize>() as f64;
        let (f, t, b) = (sum(&self.found), sum(&self.truth), sum(&self.both));
        if f == 0.0 || t == 0.0 || b == 0.0 {
            return 0.0;
        }
        let (p, r) = (b / f, b / t);
        200.0 * p * r / (p + r)
    }
}

/// How well `tagger` labels `examples`.
pub fn measure(tagger: &Tagger, examples: &[Example]) -> Counts {
    let mut c = Counts::default();
    for e in examples {
        for (guess, gold) in tagger.tag(&e.doc).iter().zip(&e.gold) {
            c.add(guess, gold);
        }
    }
    c
}

/// The kinds the scorer counts: people, organizations, places.
pub const SCORED: [NameKind; 3] = [NameKind::Person, NameKind::Organization, NameKind::Place];

/// Trains for `epochs` passes over `train` (in a fixed shuffled order) and
/// returns the model of the pass that did best on `dev`, with its bytes;
/// `log` hears each pass's dev counts.
pub fn train(
    train: &[Example],
    dev: &[Example],
    epochs: usize,
    log: &mut dyn FnMut(usize, &Counts, usize),
) -> (Model, Vec<u8>) {
    // Each article is read with the names of the other folds only.
    const FOLDS: usize = 5;
    let lexicon_without = |fold: Option<usize>| {
        let mut l = Lexicon::default();
        for (d, e) in train.iter().enumerate() {
            if Some(d % FOLDS) == fold {
                continue;
            }
            for (s, gold) in e.gold.iter().enumerate() {
                let words: Vec<&str> = e.doc.sentences[s].words.iter().map(|w| w.text).collect();
                for (a, b, k) in spans(gold) {
                    l.add(&words[a..b], k);
                }
            }
        }
        l
    };
    let folds: Vec<Lexicon> = (0..FOLDS).map(|f| lexicon_without(Some(f))).collect();
    let lexicon = lexicon_without(None);
    // Label-free features do not change between passes: worked out once.
    let prepared: Vec<Prepared> = train
        .iter()
        .enumerate()
        .map(|(d, e)| features::prepare(&e.doc, &folds[d % FOLDS]))
        .collect();
    let fixed: Vec<Vec<Vec<Vec<u64>>>> = train
        .iter()
        .zip(&prepared)
        .map(|(e, p)| {
            (0..e.doc.sentences.len())
                .map(|s| {
                    (0..e.doc.sentences[s].words.len())
                        .map(|i| {
                            let mut f = Vec::new();
                            features::fixed(&e.doc, p, s, i, &mut f);
                            f
                        })
                        .collect()
                })
                .collect()
        })
        .collect();
    let mut trainer = Trainer::new();
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = fastrand::Rng::with_seed(2003);
    let mut best: Option<(f64, Vec<u8>)> = None;
    for epoch in 1..=epochs {
        rng.shuffle(&mut order);
        for &d in &order {
            let e = &train[d];
            let mut updates: Vec<(Vec<u64>, Label, Label)> = Vec::new();
            // The weights change after each document, not inside it.
            decode(
                &trainer,
                &e.doc,
                &prepared[d],
                &mut |s, i, f, _| f.extend_from_slice(&fixed[d][s][i]),
                &mut |s, i, f, guess| {
                    let gold = e.gold[s][i];
                    updates.push((f.to_vec(), gold, guess));
                    guess
                },
            );
            for (f, gold, guess) in updates {
                if gold == guess {
                    trainer.tick();
                } else {
                    trainer.update(&f, gold, guess);
                }
            }
        }
        let (model, bytes) = trainer.finish(0.0, &lexicon);
        let tagger = Tagger::new(model);
        let counts = measure(&tagger, dev);
        let f1 = counts.f1(&SCORED);
        log(epoch, &counts, tagger.features());
        if best.as_ref().is_none_or(|(b, _)| f1 > *b) {
            best = Some((f1, bytes));
        }
    }
    let bytes = best.map(|(_, b)| b).unwrap_or_default();
    match Model::from_bytes(&bytes) {
        Ok(m) => (m, bytes),
        Err(_) => trainer.finish(0.0, &lexicon),
    }
}

#[cfg(test)]
mod tests;
