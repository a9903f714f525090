//! A few reports more: the analysis of a project that is an analysed one
//! with reports added at its end, made from that analysis rather than from
//! scratch. Only the new reports are read; their names join the entities
//! the archive already has; each joins the story of the reports it names
//! the same people and places as; copied passages are looked for among
//! that story's reports; and only that story's claims are lined up again,
//! weighed by the archive's counts with the new claims added. Every other
//! story keeps its rows.
//!
//! What this leaves as it was, where a whole analysis might differ: names
//! of other stories that the new report would tie together, reports of
//! other stories whose weights shift by one report, and wording the new
//! report shares with stories it is not part of. The person's Re-analyse
//! (F5) runs the whole analysis.

use super::{
    Analysis, Basis, ClaimReader, Earlier, Entity, Lining, Reading, Reuse, copied_passages_among,
    digest, docs, within_stories,
};
use crate::corpus::SourceId;
use crate::nlp::align;
use crate::nlp::claims as claim_words;
use crate::nlp::entities::{self, Resolved};
use crate::nlp::mentions::Kind;
use crate::progress::Progress;
use crate::project::Project;
use crate::{Error, Result};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

/// Past this many new reports the whole analysis runs: an import of a
/// folder is a new archive more than one report more.
const AT_MOST: usize = 64;

/// The analysis of `project` grown from `earlier`'s, or `None` when the
/// project is not the earlier one with a few reports added at its end
/// (a report changed, removed or moved; too many added; nothing to grow).
/// What it grows from is taken out of `earlier` only once it grows.
pub(super) fn grow(
    project: &Project,
    earlier: &mut Earlier,
    progress: &dyn Progress,
) -> Result<Option<Analysis>> {
    let Some(before) = &earlier.before else {
        return Ok(None);
    };
    let sources = &project.sources;
    let old = before.basis.digests.len();
    if sources.len() <= old || sources.len() - old > AT_MOST || before.story_of.len() != old {
        return Ok(None);
    }
    let unchanged = sources[..old]
        .par_iter()
        .zip(&before.basis.digests)
        .all(|(s, &(id, d))| s.id == id && before.segments.contains_key(&id) && digest(s) == d);
    if !unchanged {
        return Ok(None);
    }
    let Some(before) = earlier.before.take() else {
        return Ok(None);
    };
    let added = &sources[old..];
    progress.stage("Reading the new reports", added.len());
    let read: Vec<(SourceId, Arc<Reading>)> = added
        .par_iter()
        .map(|s| {
            let r = Arc::new(Reading::of(s));
            progress.advance(1);
            (s.id, r)
        })
        .collect();
    if progress.cancelled() {
        return Err(Error::Cancelled);
    }

    progress.stage("Lining up the new reports' story", 1);
    let docs = docs(added, &read);
    let (resolved, _) = entities::resolve(&docs);
    drop(docs);
    // Shared with the analysis the window shows: copied here, off its thread.
    let mut found = Arc::try_unwrap(before.found).unwrap_or_else(|f| Vec::clone(&f));
    join(&mut found, resolved);

    // Shared with the analysis the window shows; the only holder otherwise.
    let mut segments = Arc::try_unwrap(before.segments).unwrap_or_else(|s| HashMap::clone(&s));
    segments.extend(read.iter().map(|(id, r)| (*id, r.paragraphs.clone())));
    // Readings kept for a whole analysis later (a kept analysis has none).
    let mut readings = std::mem::take(&mut earlier.readings);
    readings.extend(read);

    let stories = align::Stories::new(&crate::stories::names(project, &found));
    let (groups, changed, related) = regroup(&before.basis.groups, &stories, old, sources.len());
    let members: Vec<usize> = (0..sources.len())
        .filter(|&r| changed.contains(&groups[r]))
        .collect();
    let story_of = place(&before.story_of, &groups, &related, old);

    // Copied passages of the new reports, among the reports of their
    // stories; the rest are as they were.
    let mut neighbours: BTreeSet<usize> = members.iter().copied().collect();
    let events: BTreeSet<usize> = story_of[old..].iter().copied().collect();
    neighbours.extend((0..old).filter(|&r| events.contains(&story_of[r])));
    let neighbours: Vec<usize> = neighbours.into_iter().collect();
    let new_ids: BTreeSet<SourceId> = added.iter().map(|s| s.id).collect();
    let fresh: Vec<Reuse> = copied_passages_among(project, &neighbours)
        .into_iter()
        .filter(|p| new_ids.contains(&p.a.source) || new_ids.contains(&p.b.source))
        .collect();
    let mut reuse = Arc::try_unwrap(before.reuse).unwrap_or_else(|r| Vec::clone(&r));
    reuse.extend(within_stories(project, fresh, &story_of));

    let reader = ClaimReader::new(&segments, &found);
    let basis = Arc::try_unwrap(before.basis).unwrap_or_else(|b| Basis {
        digests: b.digests.clone(),
        groups: b.groups.clone(),
        weights: b.weights.clone(),
    });
    let mut weights = basis.weights;
    let new_claims: Vec<Vec<claim_words::Claim>> =
        added.par_iter().map(|s| reader.claims(s)).collect();
    weights.count(&new_claims.iter().flatten().collect::<Vec<_>>());
    drop(new_claims);
    if progress.cancelled() {
        return Err(Error::Cancelled);
    }

    // Only the changed stories' rows are judged: only their passages matter.
    let member_ids: BTreeSet<SourceId> = members.iter().map(|&r| sources[r].id).collect();
    let near: Vec<Reuse> = reuse
        .iter()
        .filter(|p| member_ids.contains(&p.a.source) || member_ids.contains(&p.b.source))
        .cloned()
        .collect();
    let lining = Lining::new(project, reader, &weights, &stories, &near);
    // Each changed story's reports, lined up on their own.
    let mut by_group: HashMap<u32, Vec<usize>> = HashMap::new();
    for &r in &members {
        by_group.entry(groups[r]).or_default().push(r);
    }
    let by_group: Vec<Vec<usize>> = by_group.into_values().collect();
    let relined: Vec<super::Claim> = by_group
        .par_iter()
        .flat_map_iter(|reports| lining.rows(reports).into_iter().map(|(_, _, c)| c))
        .collect();
    let position = project.positions();
    let kept = |c: &super::Claim| {
        c.cells
            .first()
            .and_then(|x| position.get(&x.source))
            .and_then(|&r| basis.groups.get(r))
            .is_none_or(|g| !changed.contains(g))
    };
    let mut rows: Vec<super::Claim> = match Arc::try_unwrap(before.claims) {
        Ok(all) => all.into_iter().filter(|c| kept(c)).collect(),
        Err(shared) => shared.iter().filter(|c| kept(c)).cloned().collect(),
    };
    rows.extend(relined);
    lining.order(&mut rows);
    drop(lining);

    progress.stage("Applying corrections", 1);
    let mut analysis = Analysis {
        segments: Arc::new(segments),
        found: Arc::new(found),
        suggestions: before.suggestions,
        claims_found: Arc::new(rows),
        reuse: Arc::new(reuse),
        readings,
        story_of,
        basis: Some(Arc::new(Basis {
            digests: basis
                .digests
                .into_iter()
                .chain(added.iter().map(|s| (s.id, digest(s))))
                .collect(),
            groups,
            weights,
        })),
        ..Analysis::default()
    };
    analysis.correct(project);
    Ok(Some(analysis))
}

/// Dates and numbers are one entity by their value, names by their spelling.
fn is_quantity(kind: Kind) -> bool {
    matches!(kind, Kind::Date | Kind::Number)
}

/// What an entity is known by: its value for a quantity, its spellings
/// (folded) for a name.
fn keys(kind: Kind, name: &str, value: Option<&str>, aliases: &[String]) -> Vec<(bool, String)> {
    let q = is_quantity(kind);
    match value {
        Some(v) if q => vec![(true, v.to_string())],
        _ => std::iter::once(name)
            .chain(aliases.iter().map(String::as_str))
            .map(|a| (q, a.to_lowercase()))
            .collect(),
    }
}

/// The new reports' entities joined to the archive's: one the archive
/// knows by the same spelling (by its own name first, then by any of its
/// spellings; the most mentioned where several share it) takes their
/// mentions; the rest are new entities, after the archive's, so that the
/// archive's keep their places.
fn join(found: &mut Vec<Entity>, resolved: Vec<Resolved>) {
    let mut by_name: HashMap<(bool, String), usize> = HashMap::new();
    let mut by_alias: HashMap<(bool, String), usize> = HashMap::new();
    for (i, e) in found.iter().enumerate() {
        let known = keys(e.kind, &e.name, e.value.as_deref(), &e.aliases);
        if let Some(k) = known.first() {
            by_name.entry(k.clone()).or_insert(i);
        }
        for k in known {
            let at = by_alias.entry(k).or_insert(i);
            if found[*at].mentions.len() < e.mentions.len() {
                *at = i;
            }
        }
    }
    for r in resolved.into_iter().map(Entity::from) {
        let known = keys(r.kind, &r.name, r.value.as_deref(), &r.aliases);
        let same = known
            .first()
            .and_then(|k| by_name.get(k))
            .or_else(|| known.iter().find_map(|k| by_alias.get(k)))
            .copied();
        match same {
            Some(i) => {
                let e = &mut found[i];
                e.mentions.extend(r.mentions);
                for a in r.aliases {
                    if !e.aliases.iter().any(|x| x.eq_ignore_ascii_case(&a)) {
                        e.aliases.push(a);
                    }
                }
            }
            None => found.push(r),
        }
    }
}

/// Each report's claim story with the reports from `old` on placed: a new
/// report joins the stories of the reports it is related to (joining
/// them, as [`align::Stories::groups`] would), or the reports that share
/// no names when it names none, or is a story of its own. Also the
/// stories whose reports changed, by their earlier ids and the new ones,
/// and each new report's related reports before it.
fn regroup(
    earlier: &[u32],
    stories: &align::Stories,
    old: usize,
    all: usize,
) -> (Vec<u32>, BTreeSet<u32>, Vec<Vec<usize>>) {
    let mut groups: Vec<u32> = earlier.to_vec();
    let mut changed: BTreeSet<u32> = BTreeSet::new();
    let mut neighbours = Vec::with_capacity(all - old);
    for r in old..all {
        let related: Vec<usize> = stories
            .related_to(r)
            .into_iter()
            .filter(|&b| b < r)
            .collect();
        let mut joined: BTreeSet<u32> = related.iter().map(|&b| groups[b]).collect();
        neighbours.push(related);
        if joined.is_empty() && !stories.placed(r) {
            // As `groups` gives them: those that share no names, together.
            joined.extend((0..r).find(|&b| !stories.placed(b)).map(|b| groups[b]));
        }
        let id = joined.first().copied().unwrap_or(r as u32);
        for g in groups.iter_mut() {
            if joined.contains(g) {
                *g = id;
            }
        }
        groups.push(id);
        changed.extend(joined);
        changed.insert(id);
    }
    (groups, changed, neighbours)
}

/// Each report's event, with the reports from `old` on placed: the event
/// most of the reports it is related to are in (a claim story can chain
/// several events together: its reports at large vote only when none is
/// related), or one of its own.
fn place(earlier: &[usize], groups: &[u32], related: &[Vec<usize>], old: usize) -> Vec<usize> {
    let mut story_of = earlier.to_vec();
    let mut next = earlier.iter().max().map_or(0, |m| m + 1);
    for r in old..groups.len() {
        let mut voters: Vec<usize> = related.get(r - old).cloned().unwrap_or_default();
        if voters.is_empty() {
            voters = (0..r).filter(|&b| groups[b] == groups[r]).collect();
        }
        let mut votes: HashMap<usize, usize> = HashMap::new();
        for b in voters {
            *votes.entry(story_of[b]).or_default() += 1;
        }
        // The most reports; the earliest event among equals.
        let event = votes
            .into_iter()
            .max_by_key(|&(e, n)| (n, std::cmp::Reverse(e)))
            .map(|(e, _)| e);
        story_of.push(event.unwrap_or_else(|| {
            next += 1;
            next - 1
        }));
    }
    story_of
}
