//! Writing what Corroborate knows for other programs: the JSON contract of
//! `corroborate analyze` (`corroborate.analysis/1`, see DESIGN.md).
//!
//! The contract only grows by new fields; existing fields keep their names,
//! types and meaning.

use crate::analysis::Analysis;
use crate::corpus::{Skipped, Source, Span};
use crate::project::Project;
use serde::Serialize;

pub const ANALYSIS_FORMAT: &str = "corroborate.analysis/1";

#[derive(Serialize)]
pub struct AnalysisDoc<'a> {
    pub format: &'static str,
    pub sources: Vec<SourceOut<'a>>,
    pub entities: Vec<EntityOut<'a>>,
    pub claims: Vec<ClaimOut<'a>>,
    pub reuse: Vec<ReuseOut>,
    /// Files that could not be imported, with the reason (added to the contract).
    pub skipped: &'a [Skipped],
}

#[derive(Serialize)]
pub struct SourceOut<'a> {
    pub id: String,
    pub path: &'a str,
    pub title: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    pub words: usize,
    pub warnings: &'a [String],
    /// Added: sentences found by segmentation.
    pub sentences: usize,
    /// Added: the cleaned text that every offset in this document points into.
    pub text: &'a str,
}

#[derive(Serialize)]
pub struct MentionOut<'a> {
    pub source: String,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

#[derive(Serialize)]
pub struct EntityOut<'a> {
    pub id: String,
    pub name: &'a str,
    pub kind: &'a str,
    pub aliases: &'a [String],
    pub mentions: Vec<MentionOut<'a>>,
    /// Added: why it is this kind and why its spellings were merged.
    pub evidence: &'a [String],
    /// Added: the ISO date or `NUMBER UNIT` of a date or number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<&'a str>,
    /// Added: hidden by the person.
    pub hidden: bool,
}

#[derive(Serialize)]
pub struct ClaimOut<'a> {
    pub id: String,
    pub status: &'a str,
    pub summary: &'a str,
    pub attributed_to: &'a [String],
    pub origins: usize,
    pub cells: Vec<MentionOut<'a>>,
    /// Added: what disagrees, for a conflict ("tonne: 1200 tonne (s1) vs 2100 tonne (s3)").
    pub conflict: Option<&'a str>,
    /// Added: each cell's origin (its credit, or its own outlet), in cell order.
    pub cell_origins: Vec<&'a str>,
    /// Added: further sentences of the same sources that say the same.
    pub alternates: Vec<MentionOut<'a>>,
}

#[derive(Serialize)]
pub struct SpanOut {
    pub source: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Serialize)]
pub struct ReuseOut {
    pub a: SpanOut,
    pub b: SpanOut,
    pub words: usize,
}

/// The analysis of `project` in the shape of the JSON contract.
pub fn analysis_doc<'a>(project: &'a Project, analysis: &'a Analysis) -> AnalysisDoc<'a> {
    let text_of = |id, span: Span| -> &'a str {
        project
            .source(id)
            .and_then(|s: &'a Source| s.cleaned.get(span.range()))
            .unwrap_or_default()
    };
    let mention = |source: crate::corpus::SourceId, span: Span| MentionOut {
        source: source.to_string(),
        start: span.start,
        end: span.end,
        text: text_of(source, span),
    };
    AnalysisDoc {
        format: ANALYSIS_FORMAT,
        sources: project
            .sources
            .iter()
            .map(|s| {
                let meta = s.meta();
                SourceOut {
                    id: s.id.to_string(),
                    path: &s.path,
                    title: meta.title,
                    outlet: meta.outlet,
                    published: meta.published,
                    language: meta.language,
                    words: s.words(),
                    warnings: &s.warnings,
                    sentences: analysis.sentence_count(s.id),
                    text: &s.cleaned,
                }
            })
            .collect(),
        entities: analysis
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| EntityOut {
                id: format!("e{}", i + 1),
                name: &e.name,
                kind: e.kind.as_str(),
                aliases: &e.aliases,
                evidence: &e.evidence,
                value: e.value.as_deref(),
                hidden: e.hidden,
                mentions: e
                    .mentions
                    .iter()
                    .map(|m| mention(m.source, m.span))
                    .collect(),
            })
            .collect(),
        claims: analysis
            .claims
            .iter()
            .enumerate()
            .map(|(i, c)| ClaimOut {
                id: format!("c{}", i + 1),
                status: c.status.as_str(),
                summary: &c.summary,
                attributed_to: &c.attributed_to,
                origins: c.origins,
                cells: c.cells.iter().map(|m| mention(m.source, m.span)).collect(),
                conflict: c.conflict.as_deref(),
                cell_origins: c.cells.iter().map(|m| m.origin.as_str()).collect(),
                alternates: c
                    .alternates
                    .iter()
                    .map(|m| mention(m.source, m.span))
                    .collect(),
            })
            .collect(),
        reuse: analysis
            .reuse
            .iter()
            .map(|r| ReuseOut {
                a: SpanOut {
                    source: r.a.source.to_string(),
                    start: r.a.span.start,
                    end: r.a.span.end,
                },
                b: SpanOut {
                    source: r.b.source.to_string(),
                    start: r.b.span.start,
                    end: r.b.span.end,
                },
                words: r.words,
            })
            .collect(),
        skipped: &project.skipped,
    }
}
