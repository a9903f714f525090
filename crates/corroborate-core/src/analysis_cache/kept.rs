//! The layout of a kept analysis on disk (postcard): a header that says
//! which project and build it is of, then sections that read back on every
//! core at once.

use crate::analysis::{Analysis, Cell, Claim, Credit, Entity, Mention, Reuse};
use crate::corpus::{SourceId, Span};
use crate::corrections::Verdict;
use crate::nlp::align::Status;
use crate::nlp::claims::Value;
use crate::nlp::mentions::Kind;
use crate::nlp::segment;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::Write;

/// What a kept analysis is of: read first, without the rest, to find one
/// that a project grew from.
#[derive(Serialize, Deserialize)]
pub(super) struct Header {
    pub(super) key: String,
    /// Each source's id and digest, in order.
    pub(super) digests: Vec<(u32, u64)>,
}

/// Everything kept but the claim rows, which are kept in chunks of their
/// own (see [`encode`]).
#[derive(Serialize, Deserialize)]
struct Rest {
    entities: Vec<EntityRow>,
    suggestions: Vec<(String, String, String)>,
    reuse: Vec<([u32; 3], [u32; 3], usize)>,
    story_of: Vec<usize>,
    /// Each source's paragraphs and their sentences, in order: reading
    /// them back is a tenth of splitting the text again.
    segments: Vec<Vec<KeptParagraph>>,
    lining: Option<KeptLining>,
    /// The stories of the analysis as found, when it was kept without
    /// corrections: summing 10,000 stories up again took 0.6 s of opening a
    /// 100,000-report project.
    stories: Option<Vec<KeptStory>>,
}

#[derive(Serialize, Deserialize)]
struct KeptStory {
    title: String,
    sources: Vec<u32>,
    first: Option<String>,
    last: Option<String>,
    entities: Vec<usize>,
    claims: Vec<usize>,
}

/// A paragraph's span and its sentences' spans.
type KeptParagraph = ([u32; 2], Vec<[u32; 2]>);

fn span_of(s: Span) -> [u32; 2] {
    [s.start as u32, s.end as u32]
}

fn span(a: [u32; 2]) -> Span {
    Span::new(a[0] as usize, a[1] as usize)
}

/// What lining up a report added later needs: each source's story as the
/// claim table knows it, and how common each feature of a claim is.
#[derive(Serialize, Deserialize)]
struct KeptLining {
    groups: Vec<u32>,
    features: Vec<(u8, u64)>,
    df: Vec<u32>,
    claims: f32,
}

#[derive(Serialize, Deserialize)]
struct EntityRow {
    name: String,
    kind: String,
    aliases: Vec<String>,
    mentions: Vec<[u32; 3]>,
    evidence: Vec<String>,
    value: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct ClaimRow {
    status: String,
    summary: String,
    attributed_to: Vec<String>,
    origins: usize,
    cells: Vec<CellRow>,
    conflict: Option<String>,
    update: Option<String>,
    disagreeing: Vec<usize>,
    alternates: Vec<CellRow>,
    verdict: Option<(String, String)>,
}

#[derive(Serialize, Deserialize)]
struct CellRow {
    at: [u32; 3],
    attribution: Option<String>,
    origin: String,
    credit: String,
    values: Vec<([u32; 2], String, String, String)>,
    actions: Vec<(String, bool, String)>,
}

fn at(source: SourceId, span: Span) -> [u32; 3] {
    [source.0, span.start as u32, span.end as u32]
}

fn mention(a: [u32; 3]) -> Mention {
    Mention {
        source: SourceId(a[0]),
        span: Span::new(a[1] as usize, a[2] as usize),
    }
}

const STATUSES: [Status; 4] = [
    Status::Corroborated,
    Status::SingleSource,
    Status::Conflict,
    Status::Updated,
];
const CREDITS: [Credit; 3] = [Credit::Sentence, Credit::Report, Credit::Outlet];

fn cell_row(c: &Cell) -> CellRow {
    CellRow {
        at: at(c.source, c.span),
        attribution: c.attribution.clone(),
        origin: c.origin.clone(),
        credit: c.credit.as_str().into(),
        values: c
            .values
            .iter()
            .map(|v| {
                (
                    [v.span.start as u32, v.span.end as u32],
                    v.kind.as_str().into(),
                    v.value.clone(),
                    v.text.clone(),
                )
            })
            .collect(),
        actions: c
            .actions
            .iter()
            .map(|(a, yes, w)| ((*a).to_string(), *yes, w.clone()))
            .collect(),
    }
}

fn cell(r: CellRow) -> Option<Cell> {
    let m = mention(r.at);
    Some(Cell {
        source: m.source,
        span: m.span,
        attribution: r.attribution,
        origin: r.origin,
        credit: CREDITS.into_iter().find(|c| c.as_str() == r.credit)?,
        values: r
            .values
            .into_iter()
            .map(|(span, kind, value, text)| {
                Some(Value {
                    span: Span::new(span[0] as usize, span[1] as usize),
                    kind: Kind::parse(&kind)?,
                    value,
                    text,
                })
            })
            .collect::<Option<_>>()?,
        actions: r
            .actions
            .into_iter()
            .map(|(a, yes, w)| Some((crate::nlp::claims::action_named(&a)?, yes, w)))
            .collect::<Option<_>>()?,
    })
}

/// Claim rows to a chunk: reading a kept analysis back decodes the chunks
/// on every core (at 100,000 reports, 1.2 million rows took 3.5-4.7 s on
/// one).
const CLAIM_CHUNK: usize = 8192;

/// Writes `a` as kept: the header (alone first, so that it reads without
/// the rest), the length of each section, then the sections: the rest of
/// the analysis, and its claim rows in chunks.
pub(super) fn encode(header: &Header, a: &Analysis, out: &mut impl Write) -> std::io::Result<()> {
    let claims: Vec<Vec<u8>> = a
        .claims_found
        .par_chunks(CLAIM_CHUNK)
        .map(|chunk| {
            let rows: Vec<ClaimRow> = chunk.iter().map(claim_row).collect();
            postcard::to_allocvec(&rows)
        })
        .collect::<Result<_, _>>()
        .map_err(std::io::Error::other)?;
    let rest = postcard::to_allocvec(&rest_of(header, a)).map_err(std::io::Error::other)?;
    let sections: Vec<u64> = std::iter::once(&rest)
        .chain(&claims)
        .map(|s| s.len() as u64)
        .collect();
    postcard::to_io(header, &mut *out).map_err(std::io::Error::other)?;
    postcard::to_io(&sections, &mut *out).map_err(std::io::Error::other)?;
    out.write_all(&rest)?;
    for chunk in &claims {
        out.write_all(chunk)?;
    }
    Ok(())
}

/// The header of a kept analysis, and what follows it.
pub(super) fn header(bytes: &[u8]) -> Option<(Header, &[u8])> {
    postcard::take_from_bytes::<Header>(bytes).ok()
}

/// Where the sections of a kept analysis lie, from what follows its header
/// (`after`, which starts at byte `at` of a file of `len` bytes): each
/// section's start and length, checked to lie within the file.
pub(super) fn sections(after: &[u8], at: u64, len: u64) -> Option<Vec<(u64, usize)>> {
    let (lengths, body) = postcard::take_from_bytes::<Vec<u64>>(after).ok()?;
    let mut start = at + (after.len() - body.len()) as u64;
    let mut out = Vec::with_capacity(lengths.len());
    for l in lengths {
        let end = start.checked_add(l).filter(|&e| e <= len)?;
        out.push((start, usize::try_from(l).ok()?));
        start = end;
    }
    Some(out)
}

/// The analysis as found, its sections given by `read` (the bytes at a
/// start and length); None when any part does not read back (a file from a
/// build that spelled something differently, or a damaged one). Each
/// section is read by the core that decodes it, so the file is never held
/// whole.
pub(super) fn decode(
    header: Header,
    sections: &[(u64, usize)],
    read: &(dyn Fn(u64, usize) -> Option<Vec<u8>> + Sync),
) -> Option<Analysis> {
    let (&(at, len), claims) = sections.split_first()?;
    let (rest, claims) = rayon::join(
        || analysis_of(header, postcard::from_bytes::<Rest>(&read(at, len)?).ok()?),
        || {
            claims
                .par_iter()
                .map(|&(at, len)| {
                    let rows = postcard::from_bytes::<Vec<ClaimRow>>(&read(at, len)?).ok()?;
                    claims_of(rows)
                })
                .collect::<Option<Vec<Vec<Claim>>>>()
        },
    );
    let mut analysis = rest?;
    let chunks = claims?;
    // Each chunk is let go as soon as it is moved: never two copies whole.
    let mut claims = Vec::with_capacity(chunks.iter().map(Vec::len).sum());
    for chunk in chunks {
        claims.extend(chunk);
    }
    analysis.claims_found = std::sync::Arc::new(claims);
    Some(analysis)
}

fn rest_of(header: &Header, a: &Analysis) -> Rest {
    let lining = a.basis.as_ref().map(|b| {
        let (features, df, claims) = b.weights.parts();
        KeptLining {
            groups: b.groups.clone(),
            features,
            df,
            claims,
        }
    });
    let segments = header
        .digests
        .iter()
        .map(|&(id, _)| {
            a.segments
                .get(&SourceId(id))
                .map(|ps| {
                    ps.iter()
                        .map(|p| {
                            (
                                span_of(p.span),
                                p.sentences.iter().copied().map(span_of).collect(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect();
    let as_found = std::sync::Arc::ptr_eq(&a.entities, &a.found)
        && std::sync::Arc::ptr_eq(&a.claims, &a.claims_found);
    let stories = as_found.then(|| {
        a.stories
            .iter()
            .map(|s| KeptStory {
                title: s.title.clone(),
                sources: s.sources.iter().map(|id| id.0).collect(),
                first: s.first.clone(),
                last: s.last.clone(),
                entities: s.entities.clone(),
                claims: s.claims.clone(),
            })
            .collect()
    });
    Rest {
        segments,
        lining,
        stories,
        entities: a
            .found
            .iter()
            .map(|e| EntityRow {
                name: e.name.clone(),
                kind: e.kind.as_str().into(),
                aliases: e.aliases.clone(),
                mentions: e.mentions.iter().map(|m| at(m.source, m.span)).collect(),
                evidence: e.evidence.clone(),
                value: e.value.clone(),
            })
            .collect(),
        suggestions: a
            .suggestions
            .iter()
            .map(|s| (s.keep.clone(), s.merge.clone(), s.reason.clone()))
            .collect(),
        reuse: a
            .reuse
            .iter()
            .map(|r| (at(r.a.source, r.a.span), at(r.b.source, r.b.span), r.words))
            .collect(),
        story_of: a.story_of.clone(),
    }
}

fn claim_row(c: &Claim) -> ClaimRow {
    ClaimRow {
        status: c.status.as_str().into(),
        summary: c.summary.clone(),
        attributed_to: c.attributed_to.clone(),
        origins: c.origins,
        cells: c.cells.iter().map(cell_row).collect(),
        conflict: c.conflict.clone(),
        update: c.update.clone(),
        disagreeing: c.disagreeing.clone(),
        alternates: c.alternates.iter().map(cell_row).collect(),
        verdict: c
            .verdict
            .as_ref()
            .map(|(v, note)| (v.as_str().into(), note.clone())),
    }
}

/// The analysis as found but its claim rows.
fn analysis_of(header: Header, rest: Rest) -> Option<Analysis> {
    let Rest {
        entities,
        suggestions,
        reuse,
        story_of,
        segments,
        lining,
        stories,
    } = rest;
    if story_of.len() != header.digests.len() {
        return None;
    }
    let found = entities_of(entities)?;
    let basis = match lining {
        Some(l) => Some(std::sync::Arc::new(crate::analysis::Basis {
            groups: l.groups,
            weights: crate::nlp::align::Weights::from_parts(l.features, l.df, l.claims)?,
            digests: header
                .digests
                .iter()
                .map(|&(id, d)| (SourceId(id), d))
                .collect(),
        })),
        None => None,
    };
    Some(Analysis {
        segments: std::sync::Arc::new(segments_of(&header.digests, segments)),
        found: std::sync::Arc::new(found),
        suggestions: suggestions
            .into_iter()
            .map(|(keep, merge, reason)| crate::nlp::entities::Suggestion {
                keep,
                merge,
                reason,
            })
            .collect(),
        reuse: std::sync::Arc::new(
            reuse
                .into_iter()
                .map(|(a, b, words)| Reuse {
                    a: mention(a),
                    b: mention(b),
                    words,
                })
                .collect(),
        ),
        story_of,
        basis,
        found_stories: stories.map(|stories| {
            stories
                .into_iter()
                .map(|s| crate::stories::Story {
                    title: s.title,
                    sources: s.sources.into_iter().map(SourceId).collect(),
                    first: s.first,
                    last: s.last,
                    entities: s.entities,
                    claims: s.claims,
                })
                .collect()
        }),
        ..Analysis::default()
    })
}

fn segments_of(
    digests: &[(u32, u64)],
    segments: Vec<Vec<KeptParagraph>>,
) -> HashMap<SourceId, Vec<segment::Paragraph>> {
    digests
        .iter()
        .zip(segments)
        .map(|(&(id, _), ps)| {
            let ps = ps
                .into_iter()
                .map(|(p, sentences)| segment::Paragraph {
                    span: span(p),
                    sentences: sentences.into_iter().map(span).collect(),
                })
                .collect();
            (SourceId(id), ps)
        })
        .collect()
}

fn entities_of(entities: Vec<EntityRow>) -> Option<Vec<Entity>> {
    entities
        .into_par_iter()
        .map(|e| {
            Some(Entity {
                name: e.name,
                kind: Kind::parse(&e.kind)?,
                aliases: e.aliases,
                mentions: e.mentions.into_iter().map(mention).collect(),
                evidence: e.evidence,
                value: e.value,
                hidden: false,
            })
        })
        .collect()
}

fn claims_of(claims: Vec<ClaimRow>) -> Option<Vec<Claim>> {
    claims
        .into_iter()
        .map(|c| {
            Some(Claim {
                status: STATUSES.into_iter().find(|s| s.as_str() == c.status)?,
                summary: c.summary,
                attributed_to: c.attributed_to,
                origins: c.origins,
                cells: c.cells.into_iter().map(cell).collect::<Option<_>>()?,
                conflict: c.conflict,
                update: c.update,
                disagreeing: c.disagreeing,
                alternates: c.alternates.into_iter().map(cell).collect::<Option<_>>()?,
                verdict: match c.verdict {
                    Some((v, note)) => {
                        Some((Verdict::ALL.into_iter().find(|x| x.as_str() == v)?, note))
                    }
                    None => None,
                },
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Silent;
    use crate::project::Project;

    /// The sample's analysis with its claim rows repeated past two chunks.
    fn analysis_of_many_rows() -> crate::Result<(Header, Analysis)> {
        let mut project = Project::default();
        let reports = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join("assets/sample/reports");
        project.import(&[reports], &Silent)?;
        let mut analysis = crate::analysis::analyze(&project, &Silent)?;
        let rows = analysis.claims_found.len().max(1);
        analysis.claims_found = std::sync::Arc::new(
            analysis
                .claims_found
                .iter()
                .cycle()
                .take(2 * CLAIM_CHUNK + rows)
                .cloned()
                .collect(),
        );
        // As found: the rows after corrections are the rows found.
        analysis.claims = std::sync::Arc::clone(&analysis.claims_found);
        let header = Header {
            key: "a build".into(),
            digests: project.sources.iter().map(|s| (s.id.0, 7)).collect(),
        };
        Ok((header, analysis))
    }

    fn decode_all(bytes: &[u8]) -> Option<Analysis> {
        let (header, after) = super::header(bytes)?;
        let at = (bytes.len() - after.len()) as u64;
        let sections = sections(after, at, bytes.len() as u64)?;
        let read = |at: u64, len: usize| {
            bytes
                .get(at as usize..at as usize + len)
                .map(<[u8]>::to_vec)
        };
        decode(header, &sections, &read)
    }

    #[test]
    fn rows_in_several_chunks_read_back_in_order() -> crate::Result<()> {
        let (header, analysis) = analysis_of_many_rows()?;
        assert!(
            !analysis.claims_found.is_empty(),
            "the sample has claim rows"
        );
        let mut bytes = Vec::new();
        encode(&header, &analysis, &mut bytes).map_err(|source| crate::Error::Write {
            path: "memory".into(),
            source,
        })?;
        let back = decode_all(&bytes).ok_or(crate::Error::Cancelled)?;
        assert_eq!(back.claims_found, analysis.claims_found);
        assert_eq!(back.found, analysis.found);
        assert_eq!(back.segments, analysis.segments);
        assert_eq!(back.story_of, analysis.story_of);
        assert_eq!(back.found_stories.as_ref(), Some(&analysis.stories));

        // A file cut short is not read, nor a damaged chunk as its rows.
        assert!(decode_all(&bytes[..bytes.len() - 1]).is_none());
        let mut damaged = bytes.clone();
        let middle = damaged.len() / 2;
        damaged[middle] ^= 0xff;
        assert!(
            decode_all(&damaged).is_none_or(|a| a.claims_found != analysis.claims_found),
            "a damaged chunk never reads back as the rows it held"
        );
        Ok(())
    }
}
