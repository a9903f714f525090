//! Stories: the reports of one event, gathered from an analysis. An archive
//! holds many events; a reporter reads one at a time. A story has its
//! reports in publication order, its date range, the names that lead it and
//! the claim rows its reports state, with a title a reader recognises (the
//! claim most of its reports state, or its first report's headline).
//!
//! Which reports belong together is `nlp::align::Stories`' grouping, the one
//! the claim table lines claims up within, so a story and its rows agree.

use crate::analysis::{Analysis, Claim, Entity};
use crate::corpus::SourceId;
use crate::nlp::mentions::Kind;
use crate::nlp::{align, claims};
use crate::project::Project;
use rayon::prelude::*;
use std::collections::HashMap;

/// How many names lead a story.
const LEADING: usize = 8;

/// One event's reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    pub title: String,
    /// Its reports, earliest first (undated ones last, in project order).
    pub sources: Vec<SourceId>,
    /// The first and last publication dates (ISO), where reports carry them.
    pub first: Option<String>,
    pub last: Option<String>,
    /// Indices into `Analysis::entities` of the names most of its reports
    /// mention, most reports first.
    pub entities: Vec<usize>,
    /// Indices into `Analysis::claims` of the rows its reports state.
    pub claims: Vec<usize>,
}

/// The named entities (no dates or numbers) each source mentions, once per
/// mention, by position in the project: what the claim table's story check
/// reads reports by.
pub fn names(project: &Project, found: &[Entity]) -> Vec<Vec<u32>> {
    mentioned(project, found, |kind| {
        !matches!(kind, Kind::Date | Kind::Number)
    })
}

/// The entities of the kinds `keep` admits that each source mentions, once
/// per mention, by position in the project.
fn mentioned(project: &Project, found: &[Entity], keep: impl Fn(Kind) -> bool) -> Vec<Vec<u32>> {
    let index = project.positions();
    let mut names: Vec<Vec<u32>> = vec![Vec::new(); project.sources.len()];
    for (e, entity) in found.iter().enumerate() {
        if !keep(entity.kind) {
            continue;
        }
        for m in &entity.mentions {
            if let Some(&r) = index.get(&m.source) {
                names[r].push(e as u32);
            }
        }
    }
    names
}

/// Each source's story, by position in the project: reports grouped by the
/// names they share, judged by their names and their words together. A report
/// like no other is a story of its own.
///
/// The dates and figures a report gives count with its names here: two
/// earthquakes in one province, two sieges by one navy, share their places
/// and agencies but not the day, the toll or the number of pirates. They are
/// left out of the claim table's check, where a figure that differs between
/// two reports of one event is the conflict a reader looks for.
pub fn groups(project: &Project, analysis: &Analysis) -> Vec<usize> {
    let names = mentioned(project, &analysis.found, |_| true);
    let words = words(project);
    let group = align::Stories::damped(&names).events(&align::Stories::damped(&words));
    // Renumbered in order of first report.
    let mut ids: HashMap<u32, usize> = HashMap::new();
    group
        .iter()
        .map(|g| {
            let next = ids.len();
            *ids.entry(*g).or_insert(next)
        })
        .collect()
}

/// The words each source is written in, as claims compare them (folded,
/// stemmed, no function words), each an id shared across sources.
fn words(project: &Project) -> Vec<Vec<u32>> {
    // A chunk at a time: the words of 100,000 reports at once would hold
    // gigabytes; their ids, a tenth of that.
    const CHUNK: usize = 2048;
    let mut ids: rustc_hash::FxHashMap<u64, u32> = rustc_hash::FxHashMap::default();
    let mut out = Vec::with_capacity(project.sources.len());
    for chunk in project.sources.chunks(CHUNK) {
        let stems: Vec<Vec<u64>> = chunk
            .par_iter()
            .map(|s| {
                s.cleaned
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.chars().count() > 2)
                    .filter_map(claims::normal_id)
                    .collect()
            })
            .collect();
        out.extend(stems.into_iter().map(|list| {
            list.into_iter()
                .map(|w| {
                    let next = ids.len() as u32;
                    *ids.entry(w).or_insert(next)
                })
                .collect::<Vec<u32>>()
        }));
    }
    out
}

/// The stories of an analysed project, the one with most reports first.
pub fn stories(project: &Project, analysis: &Analysis) -> Vec<Story> {
    let group = &analysis.story_of;
    if group.len() != project.sources.len() {
        return Vec::new();
    }
    let count = group.iter().max().map_or(0, |m| m + 1);
    // Looked up for every mention of every entity: millions at 100,000 reports.
    let position = project.positions();
    let published: Vec<Option<String>> = project
        .sources
        .par_iter()
        .map(|s| s.meta().published)
        .collect();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (r, &g) in group.iter().enumerate() {
        members[g].push(r);
    }
    let mut claims: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (i, c) in analysis.claims.iter().enumerate() {
        if let Some(&r) = c.cells.first().and_then(|cell| position.get(&cell.source)) {
            claims[group[r]].push(i);
        }
    }
    // Each story's names by how many of its reports mention them.
    let mut reach: Vec<rustc_hash::FxHashMap<usize, usize>> =
        vec![rustc_hash::FxHashMap::default(); count];
    for (e, entity) in analysis.entities.iter().enumerate() {
        if entity.hidden || matches!(entity.kind, Kind::Date | Kind::Number) {
            continue;
        }
        let mut seen: Vec<usize> = entity
            .mentions
            .iter()
            .filter_map(|m| position.get(&m.source).copied())
            .collect();
        seen.sort_unstable();
        seen.dedup();
        for r in seen {
            *reach[group[r]].entry(e).or_default() += 1;
        }
    }
    let mut out: Vec<Story> = members
        .into_par_iter()
        .zip(claims)
        .zip(reach)
        .filter(|((m, _), _)| !m.is_empty())
        .map(|((mut reports, claim_ids), reach)| {
            reports.sort_by(|&a, &b| {
                let key = |r: usize| (published[r].is_none(), published[r].clone(), r);
                key(a).cmp(&key(b))
            });
            let dates: Vec<&String> = reports
                .iter()
                .filter_map(|&r| published[r].as_ref())
                .collect();
            let mut leading: Vec<(usize, usize)> = reach.into_iter().collect();
            leading.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            leading.truncate(LEADING);
            let title = title(project, &analysis.claims, &claim_ids, reports[0]);
            Story {
                title,
                first: dates.iter().min().map(|d| d.to_string()),
                last: dates.iter().max().map(|d| d.to_string()),
                sources: reports.iter().map(|&r| project.sources[r].id).collect(),
                entities: leading.into_iter().map(|(e, _)| e).collect(),
                claims: claim_ids,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.sources
            .len()
            .cmp(&a.sources.len())
            .then(a.first.cmp(&b.first))
            .then(a.sources.first().cmp(&b.sources.first()))
    });
    out
}

/// The claim most of the story's reports state (two at least, eight words
/// at least), or the headline of its first report.
fn title(project: &Project, claims: &[Claim], ids: &[usize], first: usize) -> String {
    let best = ids
        .iter()
        .map(|&i| &claims[i])
        // A sentence, not a clause cut from one ("of Qeshm off Iran's
        // coast", "Bloomberg reported that in April 2020").
        .filter(|c| c.cells.len() >= 2 && c.summary.split_whitespace().count() >= 8)
        .filter(|c| c.summary.chars().next().is_some_and(char::is_uppercase))
        .max_by_key(|c| (c.cells.len(), std::cmp::Reverse(c.summary.len())));
    match best {
        Some(c) => c.summary.clone(),
        None => project.sources[first].meta().title,
    }
}
