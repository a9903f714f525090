//! How close an analysis comes to a generated corpus's answer key: claim
//! alignment, conflicts found and entity merges, each as precision and recall
//! over pairs, so that one large wrong row or entity costs what it should.

use crate::analysis::Analysis;
use crate::corpus::{SourceId, Span};
use crate::generate::Key;
use crate::nlp::align::Status;
use crate::project::Project;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Scores {
    /// Claim sentences the key has, and how many of them are in some row.
    pub claim_sentences: usize,
    pub claim_sentences_found: usize,
    /// Pairs of sentences put in one row that the key says state one claim.
    pub claim_precision: f64,
    /// Pairs the key says state one claim that share a row.
    pub claim_recall: f64,
    /// Claims that some report contradicts, and rows that show it as a conflict.
    pub conflicts: usize,
    pub conflicts_found: usize,
    /// Rows marked as conflicts that hold a real contradiction.
    pub conflict_precision: f64,
    pub entity_mentions: usize,
    pub entity_mentions_found: usize,
    pub merge_precision: f64,
    pub merge_recall: f64,
    /// Story grouping: B-cubed precision and recall over the key's reports
    /// (a report found in no story is a story of its own), and the counts.
    pub story_precision: f64,
    pub story_recall: f64,
    pub stories: usize,
    pub events: usize,
}

/// B-cubed precision and recall of a grouping (`found[i]`) against the
/// truth (`truth[i]`), item by item.
fn b_cubed(found: &[usize], truth: &[usize]) -> (f64, f64) {
    if found.is_empty() {
        return (1.0, 1.0);
    }
    let mut by_found: HashMap<usize, usize> = HashMap::new();
    let mut by_truth: HashMap<usize, usize> = HashMap::new();
    let mut by_both: HashMap<(usize, usize), usize> = HashMap::new();
    for (&f, &t) in found.iter().zip(truth) {
        *by_found.entry(f).or_default() += 1;
        *by_truth.entry(t).or_default() += 1;
        *by_both.entry((f, t)).or_default() += 1;
    }
    let (mut p, mut r) = (0.0, 0.0);
    for (&f, &t) in found.iter().zip(truth) {
        let both = by_both[&(f, t)] as f64;
        p += both / by_found[&f] as f64;
        r += both / by_truth[&t] as f64;
    }
    let n = found.len() as f64;
    (p / n, r / n)
}

/// Pair precision and recall from the sizes of the found groups, the key's
/// groups, and their intersections.
fn pairs(
    found: &HashMap<usize, usize>,
    key: &HashMap<String, usize>,
    both: &HashMap<(usize, String), usize>,
) -> (f64, f64) {
    let c2 = |n: usize| (n * n.saturating_sub(1) / 2) as f64;
    let found: f64 = found.values().map(|&n| c2(n)).sum();
    let key: f64 = key.values().map(|&n| c2(n)).sum();
    let hit: f64 = both.values().map(|&n| c2(n)).sum();
    let ratio = |a: f64, b: f64| if b == 0.0 { 1.0 } else { a / b };
    (ratio(hit, found), ratio(hit, key))
}

/// Scores `analysis` of `project` against `key`. Reports are matched by file name.
pub fn score(project: &Project, analysis: &Analysis, key: &Key) -> Scores {
    let by_file: HashMap<&str, &crate::corpus::Source> = project
        .sources
        .iter()
        .map(|s| {
            let name = s.path.rsplit(['/', '\\']).next().unwrap_or(&s.path);
            (name, s)
        })
        .collect();

    // Every cell and alternate, by source, with its row.
    let mut cells: HashMap<SourceId, Vec<(Span, usize)>> = HashMap::new();
    for (row, claim) in analysis.claims.iter().enumerate() {
        for c in claim.cells.iter().chain(&claim.alternates) {
            cells.entry(c.source).or_default().push((c.span, row));
        }
    }
    let overlap = |s: Span, sentence: Span| {
        s.end
            .min(sentence.end)
            .saturating_sub(s.start.max(sentence.start))
    };
    // The row of the cell that covers most of a sentence.
    let row_of = |source: SourceId, sentence: Span| {
        cells
            .get(&source)?
            .iter()
            .filter(|(s, _)| overlap(*s, sentence) > 0)
            .max_by_key(|(s, _)| (overlap(*s, sentence), std::cmp::Reverse(s.start)))
            .map(|&(_, row)| row)
    };
    // Every row holding part of a sentence: a clause stating a value has a
    // row of its own, and a contradiction shows there.
    let rows_of = |source: SourceId, sentence: Span| -> Vec<usize> {
        cells.get(&source).map_or_else(Vec::new, |list| {
            list.iter()
                .filter(|(s, _)| overlap(*s, sentence) > 0)
                .map(|&(_, row)| row)
                .collect()
        })
    };

    let mut s = Scores::default();
    let mut rows: HashMap<usize, usize> = HashMap::new();
    let mut claims: HashMap<String, usize> = HashMap::new();
    let mut both: HashMap<(usize, String), usize> = HashMap::new();
    // Per row: claims stated rightly and wrongly in it.
    let mut stances: HashMap<usize, Vec<(String, bool)>> = HashMap::new();
    let mut contradicted: HashMap<String, bool> = HashMap::new();
    let mut next_alone = usize::MAX;
    for report in &key.reports {
        let source = by_file.get(report.file.as_str());
        for stated in &report.claims {
            s.claim_sentences += 1;
            *claims.entry(stated.claim.clone()).or_default() += 1;
            if stated.contradicts {
                contradicted.insert(stated.claim.clone(), true);
            }
            let at = source.and_then(|src| Some((src.id, locate(&src.cleaned, &stated.text)?)));
            let row = at.and_then(|(id, span)| row_of(id, span));
            if let Some((id, span)) = at {
                for r in rows_of(id, span) {
                    stances
                        .entry(r)
                        .or_default()
                        .push((stated.claim.clone(), stated.contradicts));
                }
            }
            // A sentence in no row is a group of its own.
            let row = row.unwrap_or_else(|| {
                next_alone -= 1;
                next_alone
            });
            if row < next_alone {
                s.claim_sentences_found += 1;
            }
            *rows.entry(row).or_default() += 1;
            *both.entry((row, stated.claim.clone())).or_default() += 1;
        }
    }
    (s.claim_precision, s.claim_recall) = pairs(&rows, &claims, &both);

    // A contradiction is found when its row, holding the right and the wrong
    // statement of the claim, is marked as a conflict.
    let real_conflict = |row: usize| {
        stances.get(&row).is_some_and(|list| {
            list.iter()
                .any(|(c, wrong)| *wrong && list.iter().any(|(d, w2)| d == c && !*w2))
        })
    };
    s.conflicts = contradicted.len();
    let mut found_claims = std::collections::HashSet::new();
    let mut marked = 0;
    let mut marked_real = 0;
    for (&row, list) in &stances {
        let is_conflict = analysis
            .claims
            .get(row)
            .is_some_and(|c| c.status == Status::Conflict);
        if !is_conflict {
            continue;
        }
        marked += 1;
        if real_conflict(row) {
            marked_real += 1;
            for (c, wrong) in list {
                if *wrong {
                    found_claims.insert(c.clone());
                }
            }
        }
    }
    s.conflicts_found = found_claims.len();
    s.conflict_precision = if marked == 0 {
        1.0
    } else {
        marked_real as f64 / marked as f64
    };

    // Entities: each key mention goes to the entity that has that spelling in that source.
    let mut spelled: HashMap<(SourceId, &str), usize> = HashMap::new();
    for (i, e) in analysis.entities.iter().enumerate() {
        for m in &e.mentions {
            if let Some(src) = project.source(m.source)
                && let Some(text) = src.cleaned.get(m.span.range())
            {
                spelled.entry((m.source, text)).or_insert(i);
            }
        }
    }
    let mut found: HashMap<usize, usize> = HashMap::new();
    let mut keyed: HashMap<String, usize> = HashMap::new();
    let mut both: HashMap<(usize, String), usize> = HashMap::new();
    let mut alone = usize::MAX;
    for report in &key.reports {
        let source = by_file.get(report.file.as_str());
        for m in &report.mentions {
            s.entity_mentions += 1;
            let entity =
                source.and_then(|src| spelled.get(&(src.id, m.spelling.as_str())).copied());
            let entity = match entity {
                Some(e) => {
                    s.entity_mentions_found += 1;
                    e
                }
                None => {
                    alone -= 1;
                    alone
                }
            };
            *found.entry(entity).or_default() += 1;
            *keyed.entry(m.entity.clone()).or_default() += 1;
            *both.entry((entity, m.entity.clone())).or_default() += 1;
        }
    }
    (s.merge_precision, s.merge_recall) = pairs(&found, &keyed, &both);

    let mut story_of: HashMap<SourceId, usize> = HashMap::new();
    for (i, st) in analysis.stories.iter().enumerate() {
        for &id in &st.sources {
            story_of.insert(id, i);
        }
    }
    let (mut found, mut truth) = (Vec::new(), Vec::new());
    for (i, report) in key.reports.iter().enumerate() {
        let story = by_file
            .get(report.file.as_str())
            .and_then(|src| story_of.get(&src.id).copied());
        found.push(story.unwrap_or(usize::MAX - i));
        truth.push(report.event);
    }
    (s.story_precision, s.story_recall) = b_cubed(&found, &truth);
    s.stories = analysis.stories.len();
    s.events = key.events.len();
    s
}

/// Where a sentence of the key is in a cleaned text: word for word, or by its
/// opening words where cleaning changed the rest.
fn locate(cleaned: &str, sentence: &str) -> Option<Span> {
    if let Some(at) = cleaned.find(sentence) {
        return Some(Span::new(at, at + sentence.len()));
    }
    let opening: String = sentence
        .split_whitespace()
        .take(5)
        .collect::<Vec<_>>()
        .join(" ");
    let at = cleaned.find(&opening)?;
    Some(Span::new(at, (at + sentence.len()).min(cleaned.len())))
}

impl Scores {
    /// The scores as lines for a terminal or a README.
    pub fn table(&self) -> String {
        let pct = |x: f64| format!("{:.1}%", x * 100.0);
        format!(
            "claim sentences in a row  {} of {}\n\
             claim alignment           precision {}  recall {}\n\
             contradictions shown      {} of {} claims  (conflict rows that are real: {})\n\
             entity mentions found     {} of {}\n\
             entity merges             precision {}  recall {}\n\
             story grouping (B-cubed)  precision {}  recall {}  ({} stories, {} events)\n",
            self.claim_sentences_found,
            self.claim_sentences,
            pct(self.claim_precision),
            pct(self.claim_recall),
            self.conflicts_found,
            self.conflicts,
            pct(self.conflict_precision),
            self.entity_mentions_found,
            self.entity_mentions,
            pct(self.merge_precision),
            pct(self.merge_recall),
            pct(self.story_precision),
            pct(self.story_recall),
            self.stories,
            self.events,
        )
    }
}
