//! Which reports tell the same story: what each report is about, as the
//! names it shares with other reports. Claims of unrelated stories never
//! share a claim row, and the story list gathers the reports of one event.

use crate::nlp::align::{Vector, dot};
use rayon::prelude::*;
use std::collections::HashMap;

/// How alike two reports' named entities must be for them to be about the
/// same story; claims of unrelated stories never share a row.
pub const STORY: f32 = 0.3;
/// How alike, on average, the reports of one event are (names and words).
pub const EVENT: f32 = 0.26;
/// How alike, on average, a report left alone must be to the reports of an
/// event to join it.
pub const ATTACH: f32 = 0.1;
/// The fewest reports names and words are weighed against (see
/// `Stories::damped`).
const ARCHIVE: usize = 500;
/// Two groups of at least `SMALL` + 1 reports join only if they are alike
/// to each other at least this share of how alike the looser of them is
/// within: two tight groups, each told around its own ship and captain,
/// that share only their gulf and navy are two events.
const TIGHT: f32 = 0.5;
/// A name in more reports than this (a wire service, "two people") joins
/// no stories: comparing every report that gives it with every other is
/// quadratic, 12 million comparisons for a name in 5,000 reports.
const COMMON: usize = 1000;
/// Groups this small are reports left alone, to be placed by `ATTACH`.
const SMALL: usize = 2;

/// The dot product of two sums of vectors.
/// The dot product of a vector laid out by id with a sparse one, over the
/// sparse one's ids in order.
fn spread_dot(spread: &[f32], b: &Vector) -> f32 {
    let mut s = 0.0;
    for &(id, w) in b {
        s += spread[id as usize] * w;
    }
    s
}

fn sum_dot(a: &HashMap<u32, f32>, b: &HashMap<u32, f32>) -> f32 {
    let (small, big) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    small
        .iter()
        .filter_map(|(id, w)| Some(w * big.get(id)?))
        .sum()
}

fn root(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// What each report is about, as the names it shares with other reports:
/// an archive holds many stories, and "damage was estimated at 14 million
/// dollars" about one fire is not a claim about another.
pub struct Stories {
    vecs: Vec<Vector>,
}

impl Stories {
    /// `names[report]`: the ids of the named entities (no dates or numbers)
    /// each report mentions, once per mention. A report's own story is what
    /// it names again and again; names found in one report only say nothing
    /// about overlap, and names in many reports (wire services) weigh little.
    pub fn new(names: &[Vec<u32>]) -> Stories {
        Stories::weighed(names, |count| count, 0)
    }

    /// As `new`, for telling events apart (names, or the words reports are
    /// written in): a name said ten times is not ten times the evidence, so
    /// counts grow by their logarithm and the rarer names that tell one
    /// event from another of its kind (the victim, the ship) weigh beside
    /// the agency or country a report repeats. The claim table's check
    /// keeps the counts whole: there a name repeated across many stories
    /// would link claims of different events.
    ///
    /// Weighed as if the archive held at least `ARCHIVE` reports: a small
    /// archive says little about how common a name or a word is in the
    /// news, and weighed by its own counts what every report of a one-event
    /// archive shares ("Tara Reid", "rehab") counts for almost nothing, so
    /// that reports on her career and on her stay read as two stories (15 of
    /// the 40 ECB+ dev folders, each one event, split in two or three; 10
    /// with the floor on words, 2 with it on names too).
    pub fn damped(names: &[Vec<u32>]) -> Stories {
        Stories::weighed(names, |count| 1.0 + count.ln(), ARCHIVE)
    }

    fn weighed(names: &[Vec<u32>], count: impl Fn(f32) -> f32, at_least: usize) -> Stories {
        // Each report's (id, count), sorted: compact beside a map per report.
        let counts: Vec<Vec<(u32, f32)>> = names
            .par_iter()
            .map(|list| {
                let mut ids = list.clone();
                ids.sort_unstable();
                let mut c: Vec<(u32, f32)> = Vec::new();
                for id in ids {
                    match c.last_mut() {
                        Some((last, n)) if *last == id => *n += 1.0,
                        _ => c.push((id, 1.0)),
                    }
                }
                c
            })
            .collect();
        let mut df: HashMap<u32, u32> = HashMap::new();
        for c in &counts {
            for &(id, _) in c {
                *df.entry(id).or_default() += 1;
            }
        }
        let n = names.len().max(at_least).max(1) as f32;
        let vecs = counts
            .into_iter()
            .map(|c| {
                let mut v: Vector = c
                    .into_iter()
                    .filter_map(|(id, tf)| {
                        let d = *df.get(&id)?;
                        (d > 1).then(|| (id, count(tf) * (1.0 + n / d as f32).ln()))
                    })
                    .collect();
                let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
                if norm > 0.0 {
                    v.iter_mut().for_each(|(_, w)| *w /= norm);
                }
                v
            })
            .collect();
        Stories { vecs }
    }

    /// Pairs of reports whose names are alike at least `bar`, with how alike
    /// `keep` finds them, where it keeps them at all: pairs are judged as
    /// they are found, for at 100,000 reports those that share some name
    /// number in the hundreds of millions.
    fn edges(
        &self,
        bar: f32,
        keep: impl Fn(usize, usize, f32) -> Option<f32> + Sync,
    ) -> Vec<(usize, usize, f32)> {
        let n = self.vecs.len();
        let mut postings: HashMap<u32, Vec<u32>> = HashMap::new();
        for (r, v) in self.vecs.iter().enumerate() {
            for (id, _) in v {
                postings.entry(*id).or_default().push(r as u32);
            }
        }
        let dims = self
            .vecs
            .iter()
            .flat_map(|v| v.iter().map(|&(id, _)| id as usize + 1))
            .max()
            .unwrap_or(0);
        (0..n)
            .into_par_iter()
            .map_init(
                || (vec![u32::MAX; n], vec![0f32; dims]),
                |(seen, spread), a| {
                    // Report `a`'s weights laid out by id: each partner's
                    // dot product is then a pass over the partner alone
                    // (a merge of the two lists was a tenth of analysing
                    // 10,000 reports). Summed in the same order of ids, and
                    // the ids `a` lacks add nothing, so the same to the bit.
                    for &(id, w) in &self.vecs[a] {
                        spread[id as usize] = w;
                    }
                    let mut out = Vec::new();
                    for (id, _) in &self.vecs[a] {
                        let Some(list) = postings.get(id).filter(|l| l.len() <= COMMON) else {
                            continue;
                        };
                        for &b in list {
                            let b = b as usize;
                            if b > a && seen[b] != a as u32 {
                                seen[b] = a as u32;
                                let sim = spread_dot(spread, &self.vecs[b]);
                                if sim >= bar
                                    && let Some(sim) = keep(a, b, sim)
                                {
                                    out.push((a, b, sim));
                                }
                            }
                        }
                    }
                    for &(id, _) in &self.vecs[a] {
                        spread[id as usize] = 0.0;
                    }
                    out
                },
            )
            .flatten()
            .collect()
    }

    /// Each report's story: reports that are related, and the reports related
    /// to those. Reports that share no names with any other are one story
    /// together, as nothing tells them apart.
    pub fn groups(&self) -> Vec<u32> {
        let n = self.vecs.len();
        let mut parent: Vec<usize> = (0..n).collect();
        for (a, b, _) in self.edges(STORY, |_, _, sim| Some(sim)) {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            if ra != rb {
                parent[rb.max(ra)] = ra.min(rb);
            }
        }
        let unplaced = self.vecs.iter().position(Vec::is_empty);
        (0..n)
            .map(|r| match unplaced {
                Some(u) if self.vecs[r].is_empty() => u as u32,
                _ => root(&mut parent, r) as u32,
            })
            .collect()
    }

    /// Each report's event: reports joined, most alike first, only while
    /// the two groups are alike on average (every report of one with every
    /// report of the other), so that a chain of reports that each share a
    /// name or two with the next does not make one story of many events.
    /// Alike is the geometric mean of how alike the names are (`self`) and
    /// how alike the words are (`words`): two earthquakes or two fires that
    /// share a country and an agency are told apart by their words, and two
    /// events told in the same stock phrases by their names.
    /// A report left alone or a pair joins the event it is most like on
    /// average, if it is at least `ATTACH` alike: a short report names too
    /// little to be paired, but what it names and says shows where it belongs.
    pub fn events(&self, words: &Stories) -> Vec<u32> {
        let n = self.vecs.len().min(words.vecs.len());
        let alike = |names: f32, said: f32| (names.max(0.0) * said.max(0.0)).sqrt();
        // Words are alike at most 1, so names alike less than EVENT² cannot
        // make a pair alike EVENT.
        // Reports past `n` have no words: `get` leaves them out.
        let mut edges = self.edges(EVENT * EVENT * 0.99, |a, b, sim| {
            let both = alike(sim, dot(words.vecs.get(a)?, words.vecs.get(b)?));
            (both >= EVENT).then_some(both)
        });
        edges.sort_by(|x, y| y.2.total_cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
        let mut parent: Vec<usize> = (0..n).collect();
        // Each group's sums of report vectors: the dot product of two sums
        // over the product of their sizes is their average likeness.
        let sums_of = |s: &Stories| -> Vec<HashMap<u32, f32>> {
            s.vecs[..n]
                .iter()
                .map(|v| v.iter().copied().collect())
                .collect()
        };
        let (mut names, mut said) = (sums_of(self), sums_of(words));
        let mut sizes = vec![1usize; n];
        for (a, b, _) in edges {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            if ra == rb {
                continue;
            }
            // How alike a group's reports are on average, each with each
            // other (a sum's square holds each report once with itself).
            let cohesion = |g: usize| {
                let k = sizes[g] as f32;
                let pairs = k * (k - 1.0);
                alike(
                    (sum_dot(&names[g], &names[g]) - k) / pairs,
                    (sum_dot(&said[g], &said[g]) - k) / pairs,
                )
            };
            let pairs = (sizes[ra] * sizes[rb]) as f32;
            let together = alike(
                sum_dot(&names[ra], &names[rb]) / pairs,
                sum_dot(&said[ra], &said[rb]) / pairs,
            );
            if together < EVENT
                || (sizes[ra].min(sizes[rb]) > SMALL
                    && together < TIGHT * cohesion(ra).min(cohesion(rb)))
            {
                continue;
            }
            let (small, big) = if sizes[ra] <= sizes[rb] {
                (ra, rb)
            } else {
                (rb, ra)
            };
            for sums in [&mut names, &mut said] {
                let moved = std::mem::take(&mut sums[small]);
                for (id, w) in moved {
                    *sums[big].entry(id).or_default() += w;
                }
            }
            sizes[big] += sizes[small];
            parent[small] = big;
        }
        let mut event: Vec<u32> = (0..n).map(|r| root(&mut parent, r) as u32).collect();
        // Reports left alone or in pairs join the event they are most like.
        let mut postings: HashMap<u32, Vec<u32>> = HashMap::new();
        for (r, v) in self.vecs.iter().enumerate().take(n) {
            for (id, _) in v {
                postings.entry(*id).or_default().push(r as u32);
            }
        }
        let mut members: HashMap<u32, Vec<usize>> = HashMap::new();
        for r in 0..n {
            if sizes[event[r] as usize] <= SMALL {
                members.entry(event[r]).or_default().push(r);
            }
        }
        let mut small: Vec<(u32, Vec<usize>)> = members.into_iter().collect();
        small.sort_unstable();
        // A pair moves as one: a pair that is an event of its own (a
        // takeover told twice) is not split by what one of them shares
        // with a bigger event.
        let moves: Vec<(u32, u32)> = small
            .par_iter()
            .filter_map(|(mine, reports)| {
                let mine = *mine as usize;
                let mut tried: Vec<u32> = Vec::new();
                let mut best: Option<(f32, u32)> = None;
                for r in reports {
                    for (id, _) in &self.vecs[*r] {
                        let Some(list) = postings.get(id).filter(|l| l.len() <= COMMON) else {
                            continue;
                        };
                        for &other in list {
                            let g = event[other as usize];
                            let size = sizes[g as usize];
                            if size <= SMALL || tried.contains(&g) {
                                continue;
                            }
                            tried.push(g);
                            let pairs = (size * sizes[mine]) as f32;
                            let like = alike(
                                sum_dot(&names[mine], &names[g as usize]) / pairs,
                                sum_dot(&said[mine], &said[g as usize]) / pairs,
                            );
                            if like >= ATTACH && best.is_none_or(|(b, _)| like > b) {
                                best = Some((like, g));
                            }
                        }
                    }
                }
                best.map(|(_, g)| (mine as u32, g))
            })
            .collect();
        let moved: HashMap<u32, u32> = moves.into_iter().collect();
        for g in &mut event {
            if let Some(&to) = moved.get(g) {
                *g = to;
            }
        }
        event
    }

    /// The reports other than `r` that may be about its story, as
    /// [`Stories::groups`] joins them.
    pub fn related_to(&self, r: usize) -> Vec<usize> {
        let Some(mine) = self.vecs.get(r).filter(|v| !v.is_empty()) else {
            return Vec::new();
        };
        (0..self.vecs.len())
            .filter(|&b| b != r && dot(mine, &self.vecs[b]) >= STORY)
            .collect()
    }

    /// Whether report `r` shares names with some other report, so that it
    /// can be placed in a story at all.
    pub fn placed(&self, r: usize) -> bool {
        self.vecs.get(r).is_some_and(|v| !v.is_empty())
    }

    /// Every report counts as one story: for callers without names.
    pub fn one(reports: usize) -> Stories {
        Stories {
            vecs: vec![Vec::new(); reports],
        }
    }

    /// Whether two reports may be about the same story. A report that
    /// shares no names with any other cannot be placed, so it is not kept apart.
    pub(crate) fn related(&self, a: usize, b: usize) -> bool {
        match (self.vecs.get(a), self.vecs.get(b)) {
            (Some(x), Some(y)) if !x.is_empty() && !y.is_empty() => dot(x, y) >= STORY,
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dot_product_over_one_side_laid_out_is_the_merge_s_to_the_bit() {
        let a: Vector = vec![(1, 0.31), (4, -0.2), (7, 0.77), (9, 1e-7), (12, 0.5)];
        let others: [Vector; 4] = [
            vec![(0, 0.9), (4, 0.3), (9, 0.123), (12, -0.4), (15, 0.2)],
            vec![(2, 0.5), (3, 0.5)],
            vec![(1, 0.1), (7, 0.3), (12, 0.6)],
            Vec::new(),
        ];
        let mut spread = vec![0f32; 16];
        for &(id, w) in &a {
            spread[id as usize] = w;
        }
        for b in &others {
            assert_eq!(
                spread_dot(&spread, b).to_bits(),
                dot(&a, b).to_bits(),
                "{b:?}"
            );
        }
    }

    #[test]
    fn a_report_naming_two_events_does_not_make_them_one() {
        // Three reports of a fire (names 1-3), three of a flood (4-6), and a
        // round-up that names the fire's town and the flood's river.
        let names: Vec<Vec<u32>> = vec![
            vec![1, 1, 2, 3],
            vec![1, 2, 3, 3],
            vec![1, 2, 2, 3],
            vec![4, 4, 5, 6],
            vec![4, 5, 6, 6],
            vec![4, 5, 5, 6],
            vec![1, 4],
            vec![9],
        ];
        let stories = Stories::new(&names);
        let linked = stories.groups();
        assert_eq!(
            linked[0], linked[3],
            "the chain joins them when linked one by one"
        );
        let events = stories.events(&stories);
        assert_eq!(events[0], events[1]);
        assert_eq!(events[0], events[2]);
        assert_eq!(events[3], events[4]);
        assert_eq!(events[3], events[5]);
        assert_ne!(events[0], events[3]);
        assert!(!stories.placed(7));
    }
}
