//! Project → Analysis: everything derived from the sources, rebuilt on demand
//! and never saved as the source of truth.
//!
//! It segments every source and finds its entities; claims and text reuse
//! fill in as their parts of the engine land, in the shapes the JSON contract
//! fixes. The person's corrections are replayed on top of what is found.

use crate::corpus::{SourceId, Span};
use crate::corrections;
use crate::nlp::entities::{self, Doc, Suggestion};
use crate::nlp::mentions::{self, Kind};
use crate::nlp::segment::{self, Paragraph};
use crate::progress::Progress;
use crate::project::Project;
use crate::{Error, Result};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Default)]
pub struct Analysis {
    pub segments: HashMap<SourceId, Vec<Paragraph>>,
    /// Entities after the person's corrections.
    pub entities: Vec<Entity>,
    /// Entities as found, before corrections: corrections replay from here.
    pub found: Vec<Entity>,
    /// Likely merges the evidence was too weak to make.
    pub suggestions: Vec<Suggestion>,
    /// Corrections that no longer apply, as sentences.
    pub stale: Vec<String>,
    pub claims: Vec<Claim>,
    pub reuse: Vec<Reuse>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub source: SourceId,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub name: String,
    pub kind: Kind,
    pub aliases: Vec<String>,
    pub mentions: Vec<Mention>,
    /// Why it is this kind and why its spellings were merged.
    pub evidence: Vec<String>,
    /// The normalized value of a date (ISO) or number (`1200 tonne`).
    pub value: Option<String>,
    /// Hidden by the person: kept, but out of the way.
    pub hidden: bool,
}

impl Entity {
    /// An entity the person made by splitting another.
    pub fn by_hand(name: String, kind: Kind, mentions: Vec<Mention>, why: &str) -> Entity {
        Entity {
            aliases: vec![name.clone()],
            name,
            kind,
            mentions,
            evidence: vec![why.to_string()],
            value: None,
            hidden: false,
        }
    }

    /// The sources it is mentioned in, in id order, once each.
    pub fn sources(&self) -> Vec<SourceId> {
        let mut s: Vec<SourceId> = self.mentions.iter().map(|m| m.source).collect();
        s.sort();
        s.dedup();
        s
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub source: SourceId,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct Claim {
    pub status: String,
    pub summary: String,
    pub attributed_to: Vec<String>,
    pub origins: usize,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Reuse {
    pub a: Mention,
    pub b: Mention,
    pub words: usize,
}

impl Analysis {
    pub fn sentence_count(&self, id: SourceId) -> usize {
        self.segments
            .get(&id)
            .map_or(0, |ps| ps.iter().map(|p| p.sentences.len()).sum())
    }
}

/// Analyses every source of `project`, in parallel; stops early when cancelled.
pub fn analyze(project: &Project, progress: &dyn Progress) -> Result<Analysis> {
    progress.stage("Reading sentences and names", project.sources.len());
    let read: Vec<(SourceId, Vec<Paragraph>, Doc)> = project
        .sources
        .par_iter()
        .filter_map(|s| {
            if progress.cancelled() {
                return None;
            }
            let paragraphs = segment::segment(&s.cleaned);
            let meta = s.meta();
            let candidates = mentions::find(&s.cleaned, &paragraphs, meta.published.as_deref());
            progress.advance(1);
            let doc = Doc {
                id: s.id,
                text: &s.cleaned,
                candidates,
                outlet: meta.outlet,
            };
            Some((s.id, paragraphs, doc))
        })
        .collect();
    if progress.cancelled() {
        return Err(Error::Cancelled);
    }
    progress.stage("Linking entities across sources", 1);
    let mut segments = HashMap::with_capacity(read.len());
    let mut docs = Vec::with_capacity(read.len());
    for (id, paragraphs, doc) in read {
        segments.insert(id, paragraphs);
        docs.push(doc);
    }
    let (resolved, suggestions) = entities::resolve(&docs);
    drop(docs);
    progress.advance(1);
    let found: Vec<Entity> = resolved
        .into_iter()
        .map(|r| Entity {
            name: r.name,
            kind: r.kind,
            aliases: r.aliases,
            mentions: r
                .mentions
                .into_iter()
                .map(|(source, span)| Mention { source, span })
                .collect(),
            evidence: r.evidence,
            value: r.value,
            hidden: false,
        })
        .collect();
    let mut analysis = Analysis {
        segments,
        found,
        suggestions,
        ..Analysis::default()
    };
    analysis.correct(project);
    Ok(analysis)
}

impl Analysis {
    /// Replays the project's corrections over the entities as found.
    pub fn correct(&mut self, project: &Project) {
        let mut entities = self.found.clone();
        let text = |m: &Mention| {
            project
                .source(m.source)
                .and_then(|s| s.cleaned.get(m.span.range()))
                .unwrap_or_default()
                .to_string()
        };
        self.stale = corrections::apply(&mut entities, &project.entity_fixes, &text);
        self.entities = entities;
    }

    /// Suggested merges whose two entities both still stand.
    pub fn open_suggestions(&self) -> impl Iterator<Item = &Suggestion> {
        let has = |n: &str| self.entities.iter().any(|e| e.name == n);
        self.suggestions
            .iter()
            .filter(move |s| has(&s.keep) && has(&s.merge))
    }
}
