//! Claims from different reports that say the same thing, lined up into rows
//! with at most one cell per report, and each row judged: corroborated,
//! single-source, in conflict (different values for the same measure, or
//! opposite actions), or updated (a toll that grows from report to report),
//! with the number of independent origins behind it.
//!
//! Two claims are alike when the cosine of their TF-IDF weighted features
//! (stemmed content words with synonyms folded, entities, values and their
//! units) clears a bar, or when a pair model fit on MSRP (words, meaning
//! vectors, names, values) says so. Candidate pairs come from an inverted
//! index over the rarer features within a story, never from all pairs, so
//! the cost grows about linearly with the corpus.

use crate::nlp::claims::{Claim, Value};
use crate::nlp::embed::Meaning;
use crate::nlp::logistic::Logistic;
use crate::nlp::mentions::Kind;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub use crate::nlp::stories::Stories;

/// How alike two claims' words must be to share a row when the pair model
/// is missing (it is built in; the tests guard it).
pub const THRESHOLD: f32 = 0.28;
/// How far above the bar (see [`pairs`]) a pair must be to join two rows
/// that share a report through a sentence in one and its clause in the
/// other: the same claim split by wording, when the pair leaves no doubt.
const CLAUSE_JOIN: f32 = 0.6;
/// How far above the bar (see [`pairs`]) a second claim of a report must be
/// to stand beside the row's cell as an alternate.
const ALTERNATE: f32 = 0.2;
/// Features in more claims than this are too common to propose pairs.
const MAX_POSTINGS: usize = 150;
/// How many of a claim's features, the rarest, propose partners; features
/// held by `FEW` claims or fewer propose them too, as they cost little.
const PROPOSERS: usize = 6;
const FEW: usize = 24;
/// How many partners each claim proposes, best first.
const PARTNERS: usize = 10;
/// Stories of more claims than this are weighed and paired on all cores;
/// smaller ones on one (many stories are lined up side by side already).
const ON_ALL_CORES: usize = 1024;

/// A claim with what alignment needs to know about where it comes from.
pub struct Item<'a> {
    pub report: usize,
    pub claim: &'a Claim,
    /// What the sentence means, as a vector ([`Meaning::none`] when unknown).
    pub meaning: &'a Meaning,
    /// The outlet's own act (its request for comment): said by no one else.
    pub own: bool,
}

/// A row: one claim per report (`cells`, by item index), and the other
/// claims of those reports that matched too (`alternates`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<usize>,
    pub alternates: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Corroborated,
    SingleSource,
    Conflict,
    /// A figure that changes from earlier to later reports (a rising
    /// toll): news moving on, not a contradiction.
    Updated,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Corroborated => "corroborated",
            Status::SingleSource => "single-source",
            Status::Conflict => "conflict",
            Status::Updated => "updated",
        }
    }
}

/// What a cell brings to the judgement of its row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub report: usize,
    /// Who the cell's words come from: its credit, or its own outlet.
    pub origin: String,
    pub values: Vec<Value>,
    /// (action group, direction, the word as written)
    pub actions: Vec<(&'static str, bool, String)>,
    /// When its report was published (ISO date), if known.
    pub published: Option<String>,
}

/// A row's verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    pub status: Status,
    /// What disagrees, for a conflict: "1,200 tonnes (Coast Herald, s2) vs 2,100 tonnes (s3)".
    pub conflict: Option<String>,
    /// The cells (by position in the row) that disagree with the first value.
    pub disagreeing: Vec<usize>,
    pub origins: usize,
    /// What changed, for an update: "12 dead (A, 2025-03-01), then 15 dead (B, 2025-03-02)".
    pub update: Option<String>,
}

pub(crate) type Vector = Vec<(u32, f32)>;

/// A feature: its kind (`w`ord, `e`ntity, `v`alue, `m`easure, `a`ction)
/// and a hash of what it is. Hashes, not strings: there are millions.
type Feature = (u8, u64);

fn feature(kind: u8, what: &str) -> Feature {
    // FNV-1a, as claims keep their words: stable and fast; a collision
    // merely adds a little similarity.
    (kind, crate::nlp::claims::word_id(what))
}

fn features(claim: &Claim) -> Vec<Feature> {
    let mut f: Vec<Feature> = claim.words.iter().map(|&w| (b'w', w)).collect();
    f.extend(claim.entities.iter().map(|&e| (b'e', u64::from(e))));
    for v in &claim.values {
        f.push(feature(b'v', &v.value));
        f.push(feature(b'm', v.measure()));
    }
    for (group, _, _) in &claim.actions {
        f.push(feature(b'a', group));
    }
    f
}

/// Weight of a feature kind: entities and values say more than a word.
fn boost(kind: u8) -> f32 {
    match kind {
        b'e' => 1.5,
        b'v' => 1.5,
        b'm' => 1.2,
        b'a' => 1.2,
        _ => 1.0,
    }
}

/// What weighs a claim's features across the whole archive: an id for
/// each feature, in the order claims first hold them, and how many claims
/// hold it. Vectors are made from it story by story, when needed, rather
/// than all kept: at 100,000 reports they took 0.8 GB.
#[derive(Default, Clone)]
pub struct Weights {
    ids: rustc_hash::FxHashMap<Feature, u32>,
    df: Vec<u32>,
    n: f32,
}

impl std::fmt::Debug for Weights {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Weights({} features of {} claims)",
            self.df.len(),
            self.n
        )
    }
}

impl Weights {
    /// The weights of `items`' claims.
    pub fn new(items: &[Item]) -> Weights {
        let mut w = Weights::default();
        // A chunk at a time: every claim's features at once took 1.4 GB.
        for chunk in items.chunks(4096) {
            let claims: Vec<&Claim> = chunk.iter().map(|i| i.claim).collect();
            w.count(&claims);
        }
        w
    }

    /// The counts, to be kept: each feature in the order of its id, how
    /// many claims have it, and how many claims were counted.
    pub fn parts(&self) -> (Vec<(u8, u64)>, Vec<u32>, f32) {
        let mut features = vec![(0u8, 0u64); self.df.len()];
        for (f, &id) in &self.ids {
            if let Some(slot) = features.get_mut(id as usize) {
                *slot = *f;
            }
        }
        (features, self.df.clone(), self.n)
    }

    /// Weights from their [`Weights::parts`]; None when they do not fit.
    pub fn from_parts(features: Vec<(u8, u64)>, df: Vec<u32>, n: f32) -> Option<Weights> {
        if features.len() != df.len() {
            return None;
        }
        let ids: rustc_hash::FxHashMap<Feature, u32> = features
            .into_iter()
            .enumerate()
            .map(|(i, f)| (f, i as u32))
            .collect();
        (ids.len() == df.len()).then_some(Weights { ids, df, n })
    }

    /// Counts more claims, in the order of the archive (ids follow it).
    pub fn count(&mut self, claims: &[&Claim]) {
        let listed: Vec<Vec<Feature>> = claims.par_iter().map(|c| features(c)).collect();
        let mut held: Vec<u32> = Vec::new();
        for list in listed {
            held.clear();
            for f in list {
                let next = self.ids.len() as u32;
                let id = *self.ids.entry(f).or_insert(next);
                if id as usize == self.df.len() {
                    self.df.push(0);
                }
                held.push(id);
            }
            held.sort_unstable();
            held.dedup();
            for &id in &held {
                self.df[id as usize] += 1;
            }
        }
        self.n += claims.len() as f32;
    }

    /// A claim's unit-length TF-IDF vector, over feature ids.
    fn vector(&self, claim: &Claim) -> Vector {
        let mut counts: BTreeMap<u32, f32> = BTreeMap::new();
        for f in features(claim) {
            if let Some(&id) = self.ids.get(&f) {
                *counts.entry(id).or_insert(0.0) += boost(f.0);
            }
        }
        let mut v: Vector = counts
            .into_iter()
            .map(|(id, tf)| {
                (
                    id,
                    tf * (1.0 + self.n.max(1.0) / self.df[id as usize] as f32).ln(),
                )
            })
            .collect();
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|(_, w)| *w /= norm);
        }
        v
    }
}

/// Each story's claims, by item index in order. Claims of different
/// stories are never compared, so each story is lined up on its own.
fn by_story(items: &[Item], stories: &Stories) -> Vec<Vec<u32>> {
    let story = stories.groups();
    let mut order: Vec<(u32, u32)> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let s = story.get(item.report).copied().unwrap_or(u32::MAX);
            (s, i as u32)
        })
        .collect();
    order.par_sort_unstable();
    order
        .chunk_by(|a, b| a.0 == b.0)
        .map(|c| c.iter().map(|&(_, i)| i).collect())
        .collect()
}

pub(crate) fn dot(a: &Vector, b: &Vector) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

struct Clusters {
    parent: Vec<usize>,
    reports: Vec<BTreeSet<usize>>,
}

impl Clusters {
    fn find(&mut self, mut a: usize) -> usize {
        while self.parent[a] != a {
            self.parent[a] = self.parent[self.parent[a]];
            a = self.parent[a];
        }
        a
    }
}

/// What the pair model weighs about two claims.
pub const PAIR_FEATURES: usize = 6;

/// The pair features' names, in order.
pub const PAIR_NAMES: [&str; PAIR_FEATURES] = [
    "word cosine (TF-IDF over words, names, values, actions)",
    "meaning cosine (sentence vectors)",
    "word cosine times meaning cosine",
    "names shared, of the fewer",
    "names on one side only, of all",
    "a value shared",
];

const ALIGN_MODEL: &str = include_str!("../../../../assets/claims/align.json");

/// The pair model built into the program (`corroborate train-align`).
pub fn model() -> Option<&'static Logistic> {
    static M: std::sync::OnceLock<Option<Logistic>> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        serde_json::from_str::<Logistic>(ALIGN_MODEL)
            .ok()
            .filter(|m| m.weights.len() == PAIR_FEATURES)
    })
    .as_ref()
}

/// How many ids two sorted lists share.
pub(crate) fn shared_count(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

fn pair_features(a: &Item, b: &Item, va: &Vector, vb: &Vector) -> [f32; PAIR_FEATURES] {
    pair_features_with(a, b, dot(va, vb))
}

/// [`pair_features`], given the cosine of the two claims' word vectors.
fn pair_features_with(a: &Item, b: &Item, words: f32) -> [f32; PAIR_FEATURES] {
    let meaning = a.meaning.cosine(b.meaning);
    let (ea, eb) = (&a.claim.entities, &b.claim.entities);
    let shared = shared_count(ea, eb) as f32;
    let fewer = ea.len().min(eb.len()) as f32;
    let all = (ea.len() + eb.len()) as f32 - shared;
    let value = a
        .claim
        .values
        .iter()
        .any(|v| b.claim.values.iter().any(|w| w.value == v.value));
    [
        words,
        meaning,
        words * meaning.max(0.0),
        if fewer > 0.0 { shared / fewer } else { 0.0 },
        if all > 0.0 { (all - shared) / all } else { 0.0 },
        f32::from(value),
    ]
}

/// A pair of claims from different reports of one story, proposed as
/// partners, with what the pair model weighs.
pub struct Candidate {
    pub a: usize,
    pub b: usize,
    pub features: [f32; PAIR_FEATURES],
}

/// Every pair proposed as partners, unscored: what `train-align` fits on.
pub fn candidates(items: &[Item], stories: &Stories) -> Vec<Candidate> {
    let weights = Weights::new(items);
    let mut out: Vec<Candidate> = by_story(items, stories)
        .par_iter()
        .flat_map_iter(|members| {
            let vecs = story_vectors(items, members, &weights);
            let found = proposals(
                items,
                members,
                &vecs,
                stories,
                usize::MAX,
                &|_| Some(0.0),
                &|f| f,
            );
            found.into_iter().map(|(_, a, b, features)| Candidate {
                a: members[a as usize] as usize,
                b: members[b as usize] as usize,
                features,
            })
        })
        .collect();
    out.sort_by_key(|c| (c.a, c.b));
    out
}

/// The features of given pairs of claims, their words weighed by how rare
/// they are among all of `items`: labelled pairs for `train-align`.
pub fn features_of(items: &[Item], pairs: &[(usize, usize)]) -> Vec<[f32; PAIR_FEATURES]> {
    let weights = Weights::new(items);
    pairs
        .iter()
        .map(|&(a, b)| {
            let (va, vb) = (
                weights.vector(items[a].claim),
                weights.vector(items[b].claim),
            );
            pair_features(&items[a], &items[b], &va, &vb)
        })
        .collect()
}

/// The vectors of one story's claims (`members`, item indices), in order,
/// over the story's own feature ids (0, 1, … in the order of the archive's),
/// so that one claim's vector can be laid out flat at the story's width.
fn story_vectors(items: &[Item], members: &[u32], weights: &Weights) -> Vec<Vector> {
    let vector = |&i: &u32| weights.vector(items[i as usize].claim);
    let mut vecs: Vec<Vector> = if members.len() > ON_ALL_CORES {
        members.par_iter().map(vector).collect()
    } else {
        members.iter().map(vector).collect()
    };
    let mut ids: Vec<u32> = vecs.iter().flatten().map(|&(id, _)| id).collect();
    ids.sort_unstable();
    ids.dedup();
    for v in &mut vecs {
        for (id, _) in v.iter_mut() {
            *id = ids.partition_point(|&x| x < *id) as u32;
        }
    }
    vecs
}

/// The width of a story's vectors: one more than their highest id.
fn width(vecs: &[Vector]) -> usize {
    vecs.iter()
        .filter_map(|v| v.last())
        .map(|&(id, _)| id as usize + 1)
        .max()
        .unwrap_or(0)
}

/// Whether two active sentences name the same words with the doer and the
/// done-to swapped ("the board sued the mayor" / "the mayor sued the
/// board"): their words and meanings are alike, their claims opposite. A
/// paraphrase may move a clause ("…, the council said"), which takes no
/// word from between two others.
fn roles_swapped(a: &Claim, b: &Claim) -> bool {
    /// How many content words apart a doer and a done-to stand at most.
    const ROLE_SPAN: usize = 3;
    if a.passive || b.passive {
        return false;
    }
    let first = |words: &[u64], w: u64| words.iter().position(|&x| x == w);
    // Shared words: (place in a, place in b).
    let mut shared: Vec<(usize, usize)> = Vec::new();
    for (i, &w) in a.words.iter().enumerate() {
        if first(&a.words, w) == Some(i)
            && let Some(j) = first(&b.words, w)
        {
            shared.push((i, j));
        }
    }
    // The acts a sentence states ("sued"), as its words are written.
    let acts: Vec<u64> = a
        .actions
        .iter()
        .filter_map(|(_, _, w)| crate::nlp::claims::normal(w))
        .map(|w| crate::nlp::claims::word_id(&w))
        .collect();
    let act = |z: &(usize, usize)| acts.contains(&a.words[z.0]);
    // Two words close together in the opposite order with an act between
    // them in both: a doer, the act, a done-to. ("The Commission of Safety
    // of the Harbor", a name in another order, has no act inside.)
    shared.iter().any(|x| {
        shared.iter().any(|y| {
            x.0 < y.0
                && y.1 < x.1
                && y.0 - x.0 <= ROLE_SPAN
                && x.1 - y.1 <= ROLE_SPAN
                && shared
                    .iter()
                    .any(|z| act(z) && x.0 < z.0 && z.0 < y.0 && y.1 < z.1 && z.1 < x.1)
        })
    })
}

/// A proposed pair: its score, its two claims, and what the caller keeps
/// of its features (nothing, when lining up: millions of pairs at 10,000
/// reports, where keeping the features cost 150 MB at the peak).
type Proposal<T> = (f32, u32, u32, T);

/// Pairs of one story's claims from different reports that `score` accepts
/// (it gives their score, best highest), each claim's `partners` best, best
/// first. `members` are the story's item indices in order; the pairs name
/// claims by their place in it, and `vecs` are the members' vectors.
/// Partners are proposed by a rare feature they share within the story.
/// (Proposing by a close meaning alone, every two claims of a story
/// compared, cost 0.6 s at 1,000 sources and lined up nothing more: the
/// pair model never takes a pair that shares no rare word.)
fn proposals<T: Send>(
    items: &[Item],
    members: &[u32],
    vecs: &[Vector],
    stories: &Stories,
    partners: usize,
    score: &(dyn Fn(&[f32; PAIR_FEATURES]) -> Option<f32> + Sync),
    keep: &(dyn Fn([f32; PAIR_FEATURES]) -> T + Sync),
) -> Vec<Proposal<T>> {
    // Postings (feature, claim), sorted, so that the claims holding one
    // feature are one slice. A word common across the archive ("inquiry")
    // is rare within a story and still finds partners.
    let mut postings: Vec<(u32, u32)> = vecs
        .iter()
        .enumerate()
        .flat_map(|(k, v)| v.iter().map(move |(id, _)| (*id, k as u32)))
        .collect();
    postings.sort_unstable();
    let holding = |id: u32| -> &[(u32, u32)] {
        let from = postings.partition_point(|p| p.0 < id);
        let to = from + postings[from..].partition_point(|p| p.0 <= id);
        &postings[from..to]
    };
    let item = |k: usize| &items[members[k] as usize];
    // Each claim's partners; `seen` marks partners already scored for the
    // current claim, and `flat` holds its vector laid out by id, so that a
    // partner's cosine is a sum over the partner's features alone (one of
    // each per thread).
    let partners_of = |(seen, flat): &mut (Vec<u32>, Vec<f32>), i: usize| {
        let mut found = Vec::new();
        let (a, va) = (item(i), &vecs[i]);
        if a.own {
            return found;
        }
        for &(id, w) in va {
            flat[id as usize] = w;
        }
        // Partners are proposed by the claim's rarest features: two claims
        // alike enough to share a row share one of those.
        let mut lists: Vec<&[(u32, u32)]> = va
            .iter()
            .map(|(id, _)| holding(*id))
            // Held by this claim alone, a feature proposes nobody.
            .filter(|l| l.len() > 1 && l.len() <= MAX_POSTINGS)
            .collect();
        lists.sort_by_key(|l| l.len());
        let keep_lists = lists
            .iter()
            .enumerate()
            .take_while(|(k, l)| *k < PROPOSERS || l.len() <= FEW)
            .count();
        lists.truncate(keep_lists);
        for list in lists {
            for &(_, j) in list {
                let j = j as usize;
                let b = item(j);
                if j <= i || seen[j] == i as u32 || b.report == a.report || b.own {
                    continue;
                }
                seen[j] = i as u32;
                if !stories.related(a.report, b.report) {
                    continue;
                }
                let words = vecs[j].iter().map(|&(id, w)| flat[id as usize] * w).sum();
                let f = pair_features_with(a, b, words);
                // Roles are read only for the few pairs that pass.
                if let Some(p) = score(&f)
                    && !roles_swapped(a.claim, b.claim)
                {
                    found.push((p, i as u32, j as u32, keep(f)));
                }
            }
        }
        for &(id, _) in va {
            flat[id as usize] = 0.0;
        }
        // Its best partners among the later claims are enough to join it
        // to its row: the row is held together by everyone's best.
        if found.len() > partners {
            found.select_nth_unstable_by(partners, |x, y| y.0.total_cmp(&x.0));
            found.truncate(partners);
        }
        found
    };
    let n = members.len();
    let scratch = || (vec![u32::MAX; n], vec![0f32; width(vecs)]);
    let mut out: Vec<Proposal<T>> = if n > ON_ALL_CORES {
        (0..n)
            .into_par_iter()
            .map_init(scratch, partners_of)
            .flatten()
            .collect()
    } else {
        let mut scratch = scratch();
        (0..n).flat_map(|i| partners_of(&mut scratch, i)).collect()
    };
    out.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    out
}

/// Pairs of one story's claims from different reports alike enough to
/// share a row, best first, with how far above the bar they are (0 at the
/// bar, 1 at certainty).
fn pairs(items: &[Item], members: &[u32], vecs: &[Vector], stories: &Stories) -> Vec<Proposal<()>> {
    // Words alike, or meanings: either is enough, each above its own bar.
    let words = |f: &[f32; PAIR_FEATURES]| {
        (f[0] >= THRESHOLD).then(|| (f[0] - THRESHOLD) / (1.0 - THRESHOLD))
    };
    let nothing = |_| ();
    match model() {
        Some(m) => proposals(
            items,
            members,
            vecs,
            stories,
            PARTNERS,
            &|f| {
                let p = m.probability(f);
                let meaning = (p >= m.cut).then(|| (p - m.cut) / (1.0 - m.cut).max(1e-6));
                match (words(f), meaning) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                }
            },
            &nothing,
        ),
        None => proposals(items, members, vecs, stories, PARTNERS, &words, &nothing),
    }
}

/// Lines up claims into rows; every item is in exactly one row, as a cell or
/// as an alternate. Story by story, on all cores: rows never span stories,
/// and one story's vectors and pairs are all that is held at a time.
pub fn align(items: &[Item], stories: &Stories) -> Vec<Row> {
    let weights = Weights::new(items);
    let mut rows: Vec<(u32, Row)> = by_story(items, stories)
        .par_iter()
        .flat_map_iter(|members| story_rows(items, members, &weights, stories))
        .collect();
    // In the order of each row's first claim to start it, as one pass over
    // the whole archive would give.
    rows.par_sort_unstable_by_key(|(root, _)| *root);
    rows.into_iter().map(|(_, row)| row).collect()
}

/// The rows of one story's claims (all of `items`), each with the item
/// that started it, weighed by the archive's `weights`: what [`align`]
/// gives for that story.
pub fn align_story(items: &[Item], weights: &Weights, stories: &Stories) -> Vec<(u32, Row)> {
    let members: Vec<u32> = (0..items.len() as u32).collect();
    story_rows(items, &members, weights, stories)
}

/// The rows of one story's claims (`members`, item indices in order), each
/// with the item that started it.
fn story_rows(
    items: &[Item],
    members: &[u32],
    weights: &Weights,
    stories: &Stories,
) -> Vec<(u32, Row)> {
    let vecs = story_vectors(items, members, weights);
    let item = |k: usize| &items[members[k] as usize];
    let n = members.len();
    let mut c = Clusters {
        parent: (0..n).collect(),
        reports: (0..n).map(|k| BTreeSet::from([item(k).report])).collect(),
    };
    let mut alternate_of: HashMap<usize, usize> = HashMap::new();
    let mut joined: Vec<Vec<usize>> = (0..n).map(|k| vec![k]).collect();
    // Whether two claims say one thing, by the same bars as `pairs`.
    let alike = |x: usize, y: usize| {
        let f = pair_features(item(x), item(y), &vecs[x], &vecs[y]);
        f[0] >= THRESHOLD || model().is_some_and(|m| m.probability(&f) >= m.cut)
    };
    let overlap = |x: usize, y: usize| {
        let (s, t) = (item(x).claim.span, item(y).claim.span);
        item(x).report == item(y).report && s.start < t.end && t.start < s.end
    };
    for (sim, i, j, ()) in pairs(items, members, &vecs, stories) {
        let (i, j) = (i as usize, j as usize);
        if alternate_of.contains_key(&i) || alternate_of.contains_key(&j) {
            continue;
        }
        let (a, b) = (c.find(i), c.find(j));
        if a == b {
            continue;
        }
        // Rows join when they share no report, or, for a pair well above
        // the bar, when what a shared report has in each is one sentence and
        // a clause of it.
        let joins = c.reports[a].is_disjoint(&c.reports[b])
            || (sim >= CLAUSE_JOIN
                && joined[a].iter().all(|&x| {
                    joined[b]
                        .iter()
                        .all(|&y| item(x).report != item(y).report || overlap(x, y))
                }));
        if joins {
            let moved = std::mem::take(&mut c.reports[b]);
            c.reports[a].extend(moved);
            let moved = std::mem::take(&mut joined[b]);
            joined[a].extend(moved);
            c.parent[b] = a;
        } else if sim >= ALTERNATE {
            // A second claim of a report already in the row, saying what
            // that report's claim there says: kept beside it.
            let says_the_same = |lone: usize, row: usize| {
                joined[row]
                    .iter()
                    .any(|&x| item(x).report == item(lone).report && alike(x, lone))
            };
            if c.reports[b].len() == 1 && c.reports[a].len() > 1 && says_the_same(j, a) {
                alternate_of.insert(j, a);
            } else if c.reports[a].len() == 1 && c.reports[b].len() > 1 && says_the_same(i, b) {
                alternate_of.insert(i, b);
            }
        }
    }
    // Rows by their root; cells and alternates by item index.
    let mut rows: BTreeMap<usize, Row> = BTreeMap::new();
    for (k, &at) in members.iter().enumerate() {
        if alternate_of.contains_key(&k) {
            continue;
        }
        let root = c.find(k);
        rows.entry(root)
            .or_insert_with(|| Row {
                cells: Vec::new(),
                alternates: Vec::new(),
            })
            .cells
            .push(at as usize);
    }
    for (k, root) in alternate_of {
        let root = c.find(root);
        if let Some(row) = rows.get_mut(&root) {
            row.alternates.push(members[k] as usize);
        }
    }
    rows.into_iter()
        .map(|(root, mut row)| {
            one_cell_per_report(items, &mut row);
            (members[root], row)
        })
        .collect()
}

/// One cell per report: a sentence and its clause both in the row leave
/// the clause beside the sentence.
fn one_cell_per_report(items: &[Item], row: &mut Row) {
    row.cells.sort_by_key(|&i| {
        let span = items[i].claim.span;
        (items[i].report, std::cmp::Reverse(span.end - span.start), i)
    });
    let mut kept: Vec<usize> = Vec::with_capacity(row.cells.len());
    for &i in &row.cells {
        if kept
            .last()
            .is_some_and(|&k| items[k].report == items[i].report)
        {
            row.alternates.push(i);
        } else {
            kept.push(i);
        }
    }
    row.cells = kept;
    // A clause of a sentence already in the row adds nothing beside it.
    let cells = row.cells.clone();
    row.alternates.retain(|&a| {
        let s = items[a].claim.span;
        !cells.iter().any(|&c| {
            let t = items[c].claim.span;
            items[c].report == items[a].report && s.start < t.end && t.start < s.end
        })
    });
    row.alternates.sort();
}

/// Judges a row from its cells' facts. `copied` lists the pairs of cell
/// positions whose sentences share a copied passage (one origin, then).
pub fn judge(
    cells: &[Facts],
    copied: &[(usize, usize)],
    label: &dyn Fn(usize) -> String,
) -> Judgement {
    let reports: BTreeSet<usize> = cells.iter().map(|c| c.report).collect();
    // Origins: cells crediting the same origin, or copying each other, are one.
    let mut group: Vec<usize> = (0..cells.len()).collect();
    let find = |g: &mut Vec<usize>, mut x: usize| {
        while g[x] != x {
            x = g[x];
        }
        x
    };
    let mut first_of: HashMap<&str, usize> = HashMap::new();
    let mut links: Vec<(usize, usize)> = copied.to_vec();
    for (at, c) in cells.iter().enumerate() {
        let first = *first_of.entry(c.origin.as_str()).or_insert(at);
        if first != at {
            links.push((first, at));
        }
    }
    for (a, b) in links {
        if a < cells.len() && b < cells.len() {
            let (ra, rb) = (find(&mut group, a), find(&mut group, b));
            if ra != rb {
                group[rb] = ra;
            }
        }
    }
    let origins = (0..cells.len())
        .map(|x| find(&mut group, x))
        .collect::<BTreeSet<_>>()
        .len();
    let mut judged = Judgement {
        status: Status::Corroborated,
        conflict: None,
        disagreeing: Vec::new(),
        origins,
        update: None,
    };
    if reports.len() < 2 {
        judged.status = Status::SingleSource;
        return judged;
    }
    match value_conflict(cells, label) {
        Some(Finding::Conflict(conflict, disagreeing)) => {
            judged.status = Status::Conflict;
            judged.conflict = Some(conflict);
            judged.disagreeing = disagreeing;
        }
        found => {
            if let Some((conflict, disagreeing)) = action_conflict(cells, label) {
                judged.status = Status::Conflict;
                judged.conflict = Some(conflict);
                judged.disagreeing = disagreeing;
            } else if let Some(Finding::Update(update)) = found {
                judged.status = Status::Updated;
                judged.update = Some(update);
            }
        }
    }
    judged
}

/// What the values of a row show.
enum Finding {
    /// Different values for one measure: what disagrees, and the cells
    /// (by position) that disagree with the first value.
    Conflict(String, Vec<usize>),
    /// A count that only grows from earlier reports to later ones.
    Update(String),
}

/// The number a count states ("15 dead" is 15).
fn amount(v: &Value) -> Option<f64> {
    v.value.split_whitespace().next()?.parse().ok()
}

/// Counts that grow as news comes in: a toll, not a distance or an age.
const TOLLS: &[&str] = &[
    "dead",
    "death",
    "deaths",
    "killed",
    "injured",
    "wounded",
    "hurt",
    "missing",
    "victim",
    "victims",
    "casualties",
    "fatalities",
    "case",
    "cases",
    "infections",
    "arrests",
    "arrested",
    "hospitalized",
    "hospitalised",
];

/// Whether the values of one toll (by cell position) grow with their
/// reports' publication dates: every cell dated, two dates at least, and
/// never a larger value published before a smaller one or on its day.
fn grows(cells: &[Facts], stated: &[(usize, &Value)]) -> bool {
    let toll = |v: &Value| {
        v.value
            .split_whitespace()
            .nth(1)
            .is_some_and(|unit| TOLLS.contains(&unit))
    };
    if !stated.iter().all(|(_, v)| toll(v)) {
        return false;
    }
    let mut dated: Vec<(&str, f64)> = Vec::new();
    for (at, v) in stated {
        match (cells[*at].published.as_deref(), amount(v)) {
            (Some(day), Some(n)) if v.kind == Kind::Number => dated.push((day, n)),
            _ => return false,
        }
    }
    dated.iter().all(|(d1, n1)| {
        dated
            .iter()
            .all(|(d2, n2)| n1 == n2 || (n1 < n2) == (d1 < d2) && d1 != d2)
    })
}

/// Two cells stating one measure (tonnes, a date) with different values;
/// only cells that state that measure once are compared.
fn value_conflict(cells: &[Facts], label: &dyn Fn(usize) -> String) -> Option<Finding> {
    let mut measures: BTreeMap<&str, Vec<(usize, &Value)>> = BTreeMap::new();
    let mut update = None;
    for (at, c) in cells.iter().enumerate() {
        let mut here: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
        for v in &c.values {
            here.entry(v.measure()).or_default().push(v);
        }
        for (m, vs) in here {
            if let [one] = vs[..]
                && !m.is_empty()
            {
                measures.entry(m).or_default().push((at, one));
            }
        }
    }
    for (measure, stated) in measures {
        // Dates disagree only at one precision: "2015" against "2019", or
        // 12 March against 14 March, never "2015" against 12 March 2015.
        if measure == "date"
            && stated
                .iter()
                .any(|(_, v)| v.kind != Kind::Date || v.value.len() != stated[0].1.value.len())
        {
            continue;
        }
        let mut by_value: BTreeMap<&str, (Vec<usize>, &str)> = BTreeMap::new();
        for (at, v) in &stated {
            by_value
                .entry(v.value.as_str())
                .or_insert((Vec::new(), v.text.as_str()))
                .0
                .push(*at);
        }
        if by_value.len() < 2 {
            continue;
        }
        if grows(cells, &stated) {
            let mut steps: Vec<(&str, f64, &str, usize)> = stated
                .iter()
                .filter_map(|(at, v)| {
                    Some((
                        cells[*at].published.as_deref()?,
                        amount(v)?,
                        v.text.as_str(),
                        *at,
                    ))
                })
                .collect();
            steps.sort_by(|a, b| a.0.cmp(b.0).then(a.1.total_cmp(&b.1)));
            steps.dedup_by(|b, a| a.1 == b.1);
            let text = steps
                .iter()
                .map(|(day, _, written, at)| format!("{written} ({}, {day})", label(*at)))
                .collect::<Vec<_>>()
                .join(", then ");
            update = update.or(Some(text));
            continue;
        }
        let mut sides: Vec<(Vec<usize>, &str)> = by_value.into_values().collect();
        sides.sort_by_key(|(at, _)| std::cmp::Reverse(at.len()));
        let text = sides
            .iter()
            .map(|(at, written)| {
                let who: Vec<String> = at.iter().map(|&a| label(a)).collect();
                format!("{written} ({})", who.join(", "))
            })
            .collect::<Vec<_>>()
            .join(" vs ");
        let disagreeing = sides[1..]
            .iter()
            .flat_map(|(at, _)| at.iter().copied())
            .collect();
        return Some(Finding::Conflict(text, disagreeing));
    }
    update.map(Finding::Update)
}

/// One cell reports an action done, another its opposite ("approved" vs "postponed").
fn action_conflict(
    cells: &[Facts],
    label: &dyn Fn(usize) -> String,
) -> Option<(String, Vec<usize>)> {
    // Per action group: the cells (position, word) that go one way, and the other.
    type Sides<'w> = (Vec<(usize, &'w str)>, Vec<(usize, &'w str)>);
    let mut by_group: BTreeMap<&str, Sides> = BTreeMap::new();
    for (at, c) in cells.iter().enumerate() {
        let groups: BTreeSet<&str> = c.actions.iter().map(|a| a.0).collect();
        for g in groups {
            let dirs: BTreeSet<bool> = c.actions.iter().filter(|a| a.0 == g).map(|a| a.1).collect();
            if dirs.len() != 1 {
                continue;
            }
            let Some(first) = c.actions.iter().find(|a| a.0 == g) else {
                continue;
            };
            let side = by_group.entry(g).or_default();
            if first.1 {
                side.0.push((at, first.2.as_str()));
            } else {
                side.1.push((at, first.2.as_str()));
            }
        }
    }
    for (_, (yes, no)) in by_group {
        if yes.is_empty() || no.is_empty() {
            continue;
        }
        let describe = |side: &[(usize, &str)]| {
            let word = side[0].1;
            let who: Vec<String> = side.iter().map(|(a, _)| label(*a)).collect();
            format!("{word} ({})", who.join(", "))
        };
        let (major, minor) = if yes.len() >= no.len() {
            (&yes, &no)
        } else {
            (&no, &yes)
        };
        return Some((
            format!("{} vs {}", describe(major), describe(minor)),
            minor.iter().map(|(a, _)| *a).collect(),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Span;

    fn claim(words: &[&str], entities: &[usize], values: &[(&str, Kind)]) -> Claim {
        Claim {
            span: Span::new(0, 1),
            words: words
                .iter()
                .map(|w| crate::nlp::claims::word_id(w))
                .collect(),
            entities: {
                let mut ids: Vec<u32> = entities.iter().map(|&e| e as u32).collect();
                ids.sort_unstable();
                ids.dedup();
                ids
            },
            values: values
                .iter()
                .map(|(v, k)| Value {
                    span: Span::new(0, 1),
                    kind: *k,
                    value: v.to_string(),
                    text: v.to_string(),
                })
                .collect(),
            negated: false,
            actions: Vec::new(),
            quote: false,
            attribution: None,
            headline: false,
            passive: false,
        }
    }

    /// Claims as items of the given reports, with no meaning.
    fn items_of<'a>(reports: &[usize], claims: &'a [Claim], none: &'a Meaning) -> Vec<Item<'a>> {
        reports
            .iter()
            .zip(claims)
            .map(|(&report, claim)| Item {
                report,
                claim,
                meaning: none,
                own: false,
            })
            .collect()
    }

    #[test]
    fn same_claims_align_one_cell_per_report() {
        let claims = [
            claim(
                &["permit", "store", "ammonium", "nitrate"],
                &[1],
                &[("1200 tonne", Kind::Number)],
            ),
            claim(
                &["permit", "store", "ammonium", "nitrate"],
                &[1],
                &[("2100 tonne", Kind::Number)],
            ),
            claim(&["council", "motion", "review"], &[2], &[]),
            claim(
                &["permit", "store", "ammonium", "nitrate", "berth"],
                &[1],
                &[("1200 tonne", Kind::Number)],
            ),
        ];
        let none = Meaning::none();
        let items = items_of(&[0, 1, 1, 2], &claims, &none);
        let rows = align(&items, &Stories::one(3));
        assert_eq!(rows.len(), 2);
        let big = rows.iter().find(|r| r.cells.len() == 3).unwrap();
        assert_eq!(big.cells, [0, 1, 3]);
    }

    #[test]
    fn weights_counted_in_pieces_are_the_weights_of_the_whole() {
        let claims = [
            claim(
                &["permit", "store", "nitrate"],
                &[1],
                &[("1200 tonne", Kind::Number)],
            ),
            claim(&["council", "motion", "review"], &[2], &[]),
            claim(&["permit", "nitrate", "berth"], &[1, 3], &[]),
            claim(
                &["motion", "berth", "harbor"],
                &[3],
                &[("5 ship", Kind::Number)],
            ),
        ];
        let whole: Vec<&Claim> = claims.iter().collect();
        let mut at_once = Weights::default();
        at_once.count(&whole);
        let mut in_pieces = Weights::default();
        in_pieces.count(&whole[..1]);
        in_pieces.count(&whole[1..3]);
        in_pieces.count(&whole[3..]);
        for c in &claims {
            assert_eq!(at_once.vector(c), in_pieces.vector(c));
        }
        // A word in two claims of four weighs less than one in a single claim.
        let permit = at_once.vector(&claims[0]);
        let store = at_once.ids[&(b'w', crate::nlp::claims::word_id("store"))];
        let shared = at_once.ids[&(b'w', crate::nlp::claims::word_id("permit"))];
        let weight = |id: u32| permit.iter().find(|(i, _)| *i == id).map(|(_, w)| *w);
        assert!(weight(shared) < weight(store));
    }

    #[test]
    fn each_story_lined_up_alone_gives_the_rows_of_the_whole_archive() {
        // Two stories: reports 0 and 1 name one port, 2 and 3 another; the
        // same words about a permit are said in both.
        let stories = Stories::new(&[
            vec![10, 10, 11],
            vec![10, 11, 11],
            vec![20, 20, 21],
            vec![20, 21],
        ]);
        let said = |e: usize| claim(&["permit", "store", "nitrate", "berth"], &[e], &[]);
        let claims = [
            said(10),
            claim(&["council", "motion"], &[10], &[]),
            said(10),
            said(20),
            said(20),
        ];
        let none = Meaning::none();
        let items = items_of(&[0, 0, 1, 2, 3], &claims, &none);
        let rows = align(&items, &stories);
        let cells: Vec<&[usize]> = rows.iter().map(|r| r.cells.as_slice()).collect();
        assert_eq!(cells, [&[0, 2][..], &[1], &[3, 4]]);
        let mut weights = Weights::default();
        weights.count(&claims.iter().collect::<Vec<_>>());
        let first = align_story(&items[..3], &weights, &stories);
        let second = align_story(&items[3..], &weights, &stories);
        let alone: Vec<Vec<usize>> = first
            .iter()
            .map(|(_, r)| r.cells.clone())
            .chain(
                second
                    .iter()
                    .map(|(_, r)| r.cells.iter().map(|c| c + 3).collect()),
            )
            .collect();
        assert_eq!(alone, [vec![0, 2], vec![1], vec![3, 4]]);
        assert_eq!(
            first.iter().map(|(root, _)| *root).collect::<Vec<_>>(),
            [0, 1]
        );
    }

    #[test]
    fn swapped_roles_are_told_apart_from_a_moved_clause() {
        let sued = crate::nlp::claims::normal("sued").unwrap_or_default();
        let c = |words: &[&str], passive: bool| {
            let words: Vec<&str> = words
                .iter()
                .map(|w| if *w == "sue" { sued.as_str() } else { *w })
                .collect();
            Claim {
                passive,
                actions: vec![("sue", true, "sued".to_string())],
                ..claim(&words, &[], &[])
            }
        };
        let a = c(&["board", "sue", "mayor", "harbor"], false);
        assert!(roles_swapped(
            &a,
            &c(&["mayor", "sue", "board", "harbor"], false)
        ));
        // "The mayor was sued by the board over the harbor": the same claim.
        assert!(!roles_swapped(
            &a,
            &c(&["mayor", "sue", "board", "harbor"], true)
        ));
        // "Over the harbor, the board sued the mayor": a clause moved.
        assert!(!roles_swapped(
            &a,
            &c(&["harbor", "board", "sue", "mayor"], false)
        ));
        // A name in another word order, with no act inside it.
        let named = c(&["commission", "safety", "harbor", "consult"], false);
        assert!(!roles_swapped(
            &named,
            &c(&["harbor", "safety", "commission", "consult"], false)
        ));
    }

    #[test]
    fn different_values_for_one_measure_conflict() {
        let facts = |report, v: &str| Facts {
            report,
            origin: format!("o{report}"),
            values: vec![Value {
                span: Span::new(0, 1),
                kind: Kind::Number,
                value: v.into(),
                text: v.into(),
            }],
            actions: Vec::new(),
            published: None,
        };
        let cells = [
            facts(0, "1200 tonne"),
            facts(1, "1200 tonne"),
            facts(2, "2100 tonne"),
        ];
        let j = judge(&cells, &[], &|a| format!("s{}", a + 1));
        assert_eq!(j.status, Status::Conflict);
        assert_eq!(
            j.conflict.as_deref(),
            Some("1200 tonne (s1, s2) vs 2100 tonne (s3)")
        );
        assert_eq!(j.disagreeing, [2]);
        assert_eq!(j.origins, 3);
    }

    #[test]
    fn repeating_one_origin_is_one_origin() {
        let facts = |report| Facts {
            report,
            origin: "Bloomberg".into(),
            values: Vec::new(),
            actions: vec![("approve", true, "approved".into())],
            published: None,
        };
        let j = judge(&[facts(0), facts(1), facts(2)], &[], &|a| a.to_string());
        assert_eq!(j.status, Status::Corroborated);
        assert_eq!(j.origins, 1);
    }

    #[test]
    fn a_toll_that_rises_with_later_reports_is_an_update_not_a_conflict() {
        let facts = |report, v: &str, day: &str| Facts {
            report,
            origin: format!("o{report}"),
            values: vec![Value {
                span: Span::new(0, 1),
                kind: Kind::Number,
                value: format!("{v} dead"),
                text: format!("{v} dead"),
            }],
            actions: Vec::new(),
            published: Some(day.into()),
        };
        let label = |a: usize| format!("s{}", a + 1);
        let rising = [
            facts(0, "12", "2025-03-01"),
            facts(1, "12", "2025-03-01"),
            facts(2, "15", "2025-03-02"),
            facts(3, "19", "2025-03-04"),
        ];
        let j = judge(&rising, &[], &label);
        assert_eq!(j.status, Status::Updated);
        assert_eq!(j.conflict, None);
        assert_eq!(
            j.update.as_deref(),
            Some(
                "12 dead (s1, 2025-03-01), then 15 dead (s3, 2025-03-02), then 19 dead (s4, 2025-03-04)"
            )
        );
        // A smaller toll published later, or two tolls on one day, disagree.
        let falling = [facts(0, "15", "2025-03-01"), facts(1, "12", "2025-03-02")];
        assert_eq!(judge(&falling, &[], &label).status, Status::Conflict);
        let same_day = [facts(0, "12", "2025-03-01"), facts(1, "15", "2025-03-01")];
        assert_eq!(judge(&same_day, &[], &label).status, Status::Conflict);
        // Undated reports cannot show growth.
        let mut undated = rising.clone();
        undated[3].published = None;
        assert_eq!(judge(&undated, &[], &label).status, Status::Conflict);
    }
}
