//! Writing what Corroborate knows for other programs and people: the JSON
//! contract of `corroborate analyze` (`corroborate.analysis/1`, see
//! DESIGN.md), the claim table as CSV, and a self-contained HTML report.
//!
//! The contract only grows by new fields; existing fields keep their names,
//! types and meaning.

use crate::analysis::{Analysis, Cell, Claim};
use crate::corpus::{Skipped, Source, SourceId, Span};
use crate::project::Project;
use crate::stories::Story;
use crate::{Error, Result};
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
    /// Added: the events the reports tell, the one with most reports first.
    pub stories: Vec<StoryOut<'a>>,
}

#[derive(Serialize)]
pub struct StoryOut<'a> {
    pub id: String,
    /// The claim most of its reports state, or its first report's headline.
    pub title: &'a str,
    /// Source ids in publication order (undated last).
    pub sources: Vec<String>,
    /// First and last publication dates (ISO), or null.
    pub first: Option<&'a str>,
    pub last: Option<&'a str>,
    /// Entity ids of the names most of its reports mention.
    pub entities: Vec<String>,
    /// Claim ids of the rows its reports state.
    pub claims: Vec<String>,
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
    /// Added: the source whose text this one repeats word for word, if any.
    pub copy_of: Option<String>,
}

#[derive(Serialize)]
pub struct MentionOut<'a> {
    #[serde(serialize_with = "as_text")]
    pub source: SourceId,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

/// A source's id as the contract writes it ("s12"), written straight into
/// the output: an archive's analysis names sources millions of times.
fn as_text<S: serde::Serializer>(id: &SourceId, out: S) -> std::result::Result<S::Ok, S::Error> {
    out.collect_str(id)
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
    /// Added: what changed, for an update ("12 dead (A, 2025-03-01), then 15 dead (B, 2025-03-02)").
    pub update: Option<&'a str>,
    /// Added: each cell's origin (its credit, or its own outlet), in cell order.
    pub cell_origins: Vec<&'a str>,
    /// Added: how each cell's origin was found, in cell order: "sentence"
    /// (its sentence credits it), "report" (its report says where its story
    /// comes from), "outlet" (its outlet's own).
    pub cell_credits: Vec<&'static str>,
    /// Added: further sentences of the same sources that say the same.
    pub alternates: Vec<MentionOut<'a>>,
    /// Added: the person's verdict (agrees, conflicts, unclear) and note.
    pub verdict: Option<&'static str>,
    pub note: Option<&'a str>,
}

#[derive(Serialize)]
pub struct SpanOut {
    #[serde(serialize_with = "as_text")]
    pub source: SourceId,
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
        source,
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
                    copy_of: s.copy_of.map(|id| id.to_string()),
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
                // The contract's three statuses: an update is sources
                // agreeing on a claim whose figure moved on (`update` says how).
                status: match c.status {
                    crate::nlp::align::Status::Updated => "corroborated",
                    s => s.as_str(),
                },
                summary: &c.summary,
                attributed_to: &c.attributed_to,
                origins: c.origins,
                cells: c.cells.iter().map(|m| mention(m.source, m.span)).collect(),
                conflict: c.conflict.as_deref(),
                update: c.update.as_deref(),
                cell_origins: c.cells.iter().map(|m| m.origin.as_str()).collect(),
                cell_credits: c.cells.iter().map(|m| m.credit.as_str()).collect(),
                alternates: c
                    .alternates
                    .iter()
                    .map(|m| mention(m.source, m.span))
                    .collect(),
                verdict: c.verdict.as_ref().map(|(v, _)| v.as_str()),
                note: c
                    .verdict
                    .as_ref()
                    .map(|(_, n)| n.as_str())
                    .filter(|n| !n.is_empty()),
            })
            .collect(),
        reuse: analysis
            .reuse
            .iter()
            .map(|r| ReuseOut {
                a: SpanOut {
                    source: r.a.source,
                    start: r.a.span.start,
                    end: r.a.span.end,
                },
                b: SpanOut {
                    source: r.b.source,
                    start: r.b.span.start,
                    end: r.b.span.end,
                },
                words: r.words,
            })
            .collect(),
        skipped: &project.skipped,
        stories: analysis
            .stories
            .iter()
            .enumerate()
            .map(|(i, st)| StoryOut {
                id: format!("st{}", i + 1),
                title: &st.title,
                sources: st.sources.iter().map(|s| s.to_string()).collect(),
                first: st.first.as_deref(),
                last: st.last.as_deref(),
                entities: st.entities.iter().map(|e| format!("e{}", e + 1)).collect(),
                claims: st.claims.iter().map(|c| format!("c{}", c + 1)).collect(),
            })
            .collect(),
    }
}

/// A source's name in a table: its outlet, or its id.
fn source_name(s: &Source) -> String {
    s.meta().outlet.unwrap_or_else(|| s.id.to_string())
}

fn cell_text<'a>(project: &'a Project, c: &Cell) -> &'a str {
    project
        .source(c.source)
        .and_then(|s| s.cleaned.get(c.span.range()))
        .unwrap_or_default()
}

/// The claim table as CSV: one row per claim, one column per source.
pub fn claims_csv(project: &Project, analysis: &Analysis) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec![
        "claim".to_string(),
        "status".into(),
        "conflict".into(),
        "credited to".into(),
        "sources".into(),
        "origins".into(),
        "verdict".into(),
        "note".into(),
    ];
    header.extend(
        project
            .sources
            .iter()
            .map(|s| format!("{} ({})", source_name(s), s.id)),
    );
    let fail = |e: csv::Error| Error::Write {
        path: "claims.csv".into(),
        source: std::io::Error::other(e.to_string()),
    };
    w.write_record(&header).map_err(fail)?;
    for c in analysis.claims.iter() {
        let mut record = vec![
            c.summary.clone(),
            c.status.as_str().to_string(),
            c.conflict.clone().unwrap_or_default(),
            c.attributed_to.join("; "),
            c.cells.len().to_string(),
            c.origins.to_string(),
            c.verdict
                .as_ref()
                .map(|(v, _)| v.as_str().to_string())
                .unwrap_or_default(),
            c.verdict
                .as_ref()
                .map(|(_, n)| n.clone())
                .unwrap_or_default(),
        ];
        record.extend(project.sources.iter().map(|s| {
            c.cells
                .iter()
                .find(|x| x.source == s.id)
                .map(|x| cell_text(project, x).to_string())
                .unwrap_or_default()
        }));
        w.write_record(&record).map_err(fail)?;
    }
    let bytes = w.into_inner().map_err(|e| fail(e.into_error().into()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn anchor(c: &Cell) -> String {
    format!("{}-{}", c.source, c.span.start)
}

/// A self-contained HTML report: counts, conflicts first, every claim with
/// each source's wording linked to the sentence in that source's text.
pub fn claims_html(project: &Project, analysis: &Analysis, title: &str) -> String {
    let claims: Vec<&Claim> = analysis.claims.iter().collect();
    let sources: Vec<&Source> = project.sources.iter().collect();
    report_html(project, &analysis.reuse, &claims, &sources, title, "")
}

/// One story as a self-contained HTML report: its reports on a timeline
/// (publication order, with outlet and headline), then its claims,
/// conflicts first, each with where it comes from, every wording linked to
/// its place in its report.
pub fn story_html(project: &Project, analysis: &Analysis, story: &Story) -> String {
    let claims: Vec<&Claim> = story
        .claims
        .iter()
        .filter_map(|&i| analysis.claims.get(i))
        .collect();
    let sources: Vec<&Source> = story
        .sources
        .iter()
        .filter_map(|id| project.source(*id))
        .collect();
    let mut intro = String::new();
    let dates = match (&story.first, &story.last) {
        (Some(a), Some(b)) if a != b => format!("{a} to {b}"),
        (Some(a), _) => a.clone(),
        _ => "undated".to_string(),
    };
    intro.push_str(&format!(
        "<p class=\"meta\">{} reports, {}.</p>\n<h2>Timeline</h2>\n<ol>\n",
        sources.len(),
        esc(&dates)
    ));
    for s in &sources {
        let meta = s.meta();
        intro.push_str(&format!(
            "<li>{} · {} · <a href=\"#{}\">{}</a></li>\n",
            esc(meta.published.as_deref().unwrap_or("undated")),
            esc(&source_name(s)),
            s.id,
            esc(&meta.title)
        ));
    }
    intro.push_str("</ol>\n<h2>Claims</h2>\n");
    report_html(
        project,
        &analysis.reuse,
        &claims,
        &sources,
        &story.title,
        &intro,
    )
}

/// The report's body: `intro`, the claims (conflicts first) and the
/// sources' texts with every wording marked where it stands.
fn report_html(
    project: &Project,
    reuse: &[crate::analysis::Reuse],
    claims: &[&Claim],
    sources: &[&Source],
    title: &str,
    intro: &str,
) -> String {
    use crate::nlp::align::Status;
    let copies = crate::provenance::Copies::new(reuse);
    let count = |s: Status| claims.iter().filter(|c| c.status == s).count();
    let mut order: Vec<&Claim> = claims.to_vec();
    order.sort_by_key(|c| {
        let rank = match c.status {
            Status::Conflict => 0,
            Status::Updated => 1,
            Status::Corroborated => 2,
            Status::SingleSource => 3,
        };
        (rank, std::cmp::Reverse(c.cells.len()))
    });
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
    h.push_str(&format!("<title>{} - claims</title>\n", esc(title)));
    h.push_str("<style>body{font:15px/1.45 system-ui,sans-serif;max-width:70em;margin:2em auto;padding:0 1em}\
        .claim{border-left:4px solid #999;padding:.3em .8em;margin:1em 0}\
        .conflict{border-color:#c83c32}.updated{border-color:#c88c1e}.corroborated{border-color:#28964f}\
        .meta{color:#555;font-size:90%}td{vertical-align:top;padding:.2em .6em}\
        mark{background:#fff3b0}pre{white-space:pre-wrap;font:inherit}</style>\n</head><body>\n");
    h.push_str(&format!("<h1>{}</h1>\n", esc(title)));
    h.push_str(intro);
    h.push_str(&format!(
        "<p>{} sources, {} claims: <b>{} in conflict</b>, {} updated over time, {} corroborated, {} single-source.</p>\n",
        sources.len(),
        claims.len(),
        count(Status::Conflict),
        count(Status::Updated),
        count(Status::Corroborated),
        count(Status::SingleSource)
    ));
    for (i, c) in order.iter().enumerate() {
        h.push_str(&format!(
            "<div class=\"claim {}\" id=\"c{}\"><p><b>{}</b></p>\n<p class=\"meta\">{}; {} source(s), {} origin(s)",
            c.status.as_str(),
            i + 1,
            esc(&c.summary),
            c.status.as_str(),
            c.cells.len(),
            c.origins
        ));
        if !c.attributed_to.is_empty() {
            h.push_str(&format!(
                "; credited to {}",
                esc(&c.attributed_to.join(", "))
            ));
        }
        if let Some(conflict) = &c.conflict {
            h.push_str(&format!("<br>Disagree: {}", esc(conflict)));
        }
        if let Some(update) = &c.update {
            h.push_str(&format!("<br>Updated over time: {}", esc(update)));
        }
        // Each origin and the reports that repeat it, as a chain.
        let p = crate::provenance::provenance(project, &copies, c);
        let chain = |name: &str, links: &[crate::provenance::Link]| {
            let repeats: Vec<String> = links.iter().map(|l| l.describe()).collect();
            format!("{} &rarr; {}", esc(name), esc(&repeats.join(", ")))
        };
        let mut chains: Vec<String> = p
            .origins
            .iter()
            .map(|o| chain(&o.name, &o.repeats))
            .collect();
        if !p.own.is_empty() {
            chains.push(chain("own reporting", &p.own));
        }
        h.push_str(&format!("<br>Where it comes from: {}", chains.join("; ")));
        if let Some(first) = &p.first {
            h.push_str(&format!(
                "<br>First dated: {} ({})",
                esc(&first.outlet),
                esc(first.date.as_deref().unwrap_or(""))
            ));
        }
        if let Some((v, note)) = &c.verdict {
            h.push_str(&format!("<br>Verdict: {} {}", v.as_str(), esc(note)));
        }
        h.push_str("</p>\n<table>\n");
        for cell in &c.cells {
            let name = project
                .source(cell.source)
                .map(source_name)
                .unwrap_or_default();
            h.push_str(&format!(
                "<tr><td>{}</td><td><a href=\"#{}\">{}</a></td></tr>\n",
                esc(&name),
                anchor(cell),
                esc(cell_text(project, cell))
            ));
        }
        h.push_str("</table></div>\n");
    }
    h.push_str("<h2>Sources</h2>\n");
    for s in sources {
        let meta = s.meta();
        h.push_str(&format!(
            "<h3 id=\"{}\">{} · {}</h3>\n<p class=\"meta\">{} · {}</p>\n<pre>",
            s.id,
            esc(&source_name(s)),
            esc(&meta.title),
            esc(&s.path),
            esc(meta.published.as_deref().unwrap_or("no date"))
        ));
        // Every cell of this source gets an anchor where its words start.
        let mut starts: Vec<&Cell> = claims
            .iter()
            .flat_map(|c| c.cells.iter())
            .filter(|c| c.source == s.id)
            .collect();
        starts.sort_by_key(|c| c.span.start);
        starts.dedup_by_key(|c| c.span.start);
        let mut at = 0;
        for c in starts {
            if c.span.start < at || c.span.end > s.cleaned.len() {
                continue;
            }
            h.push_str(&esc(s.cleaned.get(at..c.span.start).unwrap_or("")));
            h.push_str(&format!("<mark id=\"{}\">", anchor(c)));
            h.push_str(&esc(s.cleaned.get(c.span.range()).unwrap_or("")));
            h.push_str("</mark>");
            at = c.span.end;
        }
        h.push_str(&esc(s.cleaned.get(at..).unwrap_or("")));
        h.push_str("</pre>\n");
    }
    h.push_str("</body></html>\n");
    h
}

/// The claims the person gave a verdict, as schema.org ClaimReview
/// (JSON-LD, the form fact-checkers publish in): the claim, the verdict and
/// note as its rating, and every report that makes it, with its outlet,
/// date and where it is (its file, or its address).
pub fn claim_reviews(project: &Project, analysis: &Analysis) -> serde_json::Value {
    let reviews: Vec<serde_json::Value> = analysis
        .claims
        .iter()
        .filter_map(|c| {
            let (verdict, note) = c.verdict.as_ref()?;
            let appearances: Vec<serde_json::Value> = c
                .cells
                .iter()
                .filter_map(|cell| {
                    let s = project.source(cell.source)?;
                    let meta = s.meta();
                    Some(serde_json::json!({
                        "@type": "CreativeWork",
                        "url": s.path,
                        "headline": meta.title,
                        "author": {"@type": "Organization", "name": source_name(s)},
                        "datePublished": meta.published,
                        "text": cell_text(project, cell),
                    }))
                })
                .collect();
            Some(serde_json::json!({
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "claimReviewed": c.summary,
                "reviewRating": {
                    "@type": "Rating",
                    "alternateName": verdict.as_str(),
                    "ratingExplanation": note,
                },
                "itemReviewed": {
                    "@type": "Claim",
                    "appearance": appearances,
                },
            }))
        })
        .collect();
    serde_json::Value::Array(reviews)
}
