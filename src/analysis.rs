//! Project → Analysis: everything derived from the sources, rebuilt on demand
//! and never saved as the source of truth.
//!
//! Today it segments every source; entities, claims and text reuse fill in
//! as their parts of the engine land, in the shapes the JSON contract fixes.

use crate::corpus::{SourceId, Span};
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
    pub entities: Vec<Entity>,
    pub claims: Vec<Claim>,
    pub reuse: Vec<Reuse>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Mention {
    pub source: SourceId,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct Entity {
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
    pub mentions: Vec<Mention>,
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
    progress.stage("Segmenting", project.sources.len());
    let segments: Vec<(SourceId, Vec<Paragraph>)> = project
        .sources
        .par_iter()
        .filter_map(|s| {
            if progress.cancelled() {
                return None;
            }
            let paragraphs = segment::segment(&s.cleaned);
            progress.advance(1);
            Some((s.id, paragraphs))
        })
        .collect();
    if progress.cancelled() {
        return Err(Error::Cancelled);
    }
    Ok(Analysis {
        segments: segments.into_iter().collect(),
        ..Analysis::default()
    })
}
