//! A story's timeline: its reports by publication date, and each claim row
//! at its first appearance, conflicts and updates marked, an update with the
//! dates its figure changed on. What the window draws and the story report
//! lists; the drawing is the window's business, the order and the dates are
//! worked out here once per story.

use crate::analysis::Analysis;
use crate::corpus::{SourceId, Span};
use crate::nlp::align::Status;
use crate::project::Project;
use crate::stories::Story;
use std::collections::HashMap;

/// One report on the time axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub source: SourceId,
    /// Days since 1970-01-01, for placing; `None` for an undated report.
    pub day: Option<i64>,
    pub date: Option<String>,
    pub outlet: String,
    pub title: String,
}

/// A claim row where it first appears.
#[derive(Debug, Clone, PartialEq)]
pub struct Appearance {
    /// Index into `Analysis::claims`.
    pub claim: usize,
    pub day: Option<i64>,
    pub date: Option<String>,
    /// The report that states it first, and where.
    pub source: SourceId,
    pub span: Span,
    pub outlet: String,
    pub summary: String,
    pub status: Status,
    /// What changed, for an update.
    pub update: Option<String>,
    /// Each later day a report states it on, for an update: the figure's
    /// steps, joined on the axis.
    pub steps: Vec<i64>,
    pub reports: usize,
}

/// A story laid out in time.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Timeline {
    /// Dated reports earliest first, then the undated.
    pub reports: Vec<Report>,
    /// Claim rows stated by at least two reports, or in conflict or
    /// updated, by first appearance (undated last).
    pub claims: Vec<Appearance>,
    /// The first and last day of the dated reports.
    pub span: Option<(i64, i64)>,
}

/// Days since 1970-01-01 of an ISO date ("2022-07-29", a time after it is
/// ignored), or `None` if it is not one.
pub fn day_of(iso: &str) -> Option<i64> {
    let date = iso.get(..10)?;
    let mut parts = date.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // The proleptic Gregorian count (Hinnant's days-from-civil).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The timeline of `story`, from the analysis it was found in.
pub fn timeline(project: &Project, analysis: &Analysis, story: &Story) -> Timeline {
    let mut known: HashMap<SourceId, (Option<i64>, Option<String>, String)> = HashMap::new();
    let mut reports: Vec<Report> = Vec::new();
    for &id in &story.sources {
        let Some(source) = project.source(id) else {
            continue;
        };
        let meta = source.meta();
        let day = meta.published.as_deref().and_then(day_of);
        let date = day.and(meta.published.clone());
        let outlet = meta.outlet.clone().unwrap_or_else(|| id.to_string());
        known.insert(id, (day, date.clone(), outlet.clone()));
        reports.push(Report {
            source: id,
            day,
            date,
            outlet,
            title: meta.title,
        });
    }
    reports.sort_by_key(|r| (r.day.is_none(), r.day));
    let days: Vec<i64> = reports.iter().filter_map(|r| r.day).collect();
    let span = days.first().copied().zip(days.last().copied());
    let mut claims: Vec<Appearance> = story
        .claims
        .iter()
        .filter_map(|&i| {
            let claim = analysis.claims.get(i)?;
            let telling = claim.cells.len() >= 2
                || matches!(claim.status, Status::Conflict | Status::Updated);
            if !telling {
                return None;
            }
            // The first dated cell; with none dated, the row's first.
            let first = claim
                .cells
                .iter()
                .filter_map(|c| Some((known.get(&c.source)?.0?, c)))
                .min_by_key(|(day, c)| (*day, c.source))
                .map(|(_, c)| c)
                .or(claim.cells.first())?;
            let (day, date, outlet) = known.get(&first.source).cloned()?;
            let mut steps: Vec<i64> = Vec::new();
            if claim.status == Status::Updated {
                steps = claim
                    .cells
                    .iter()
                    .filter_map(|c| known.get(&c.source)?.0)
                    .filter(|d| Some(*d) != day)
                    .collect();
                steps.sort_unstable();
                steps.dedup();
            }
            Some(Appearance {
                claim: i,
                day,
                date,
                source: first.source,
                span: first.span,
                outlet,
                summary: claim.summary.clone(),
                status: claim.status,
                update: claim.update.clone(),
                steps,
                reports: claim.cells.len(),
            })
        })
        .collect();
    claims.sort_by_key(|a| {
        (
            a.day.is_none(),
            a.day,
            std::cmp::Reverse(a.reports),
            a.claim,
        )
    });
    Timeline {
        reports,
        claims,
        span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_count_from_1970_across_leap_years() {
        assert_eq!(day_of("1970-01-01"), Some(0));
        assert_eq!(day_of("1970-01-02"), Some(1));
        assert_eq!(day_of("2000-03-01"), Some(11_017));
        assert_eq!(
            day_of("2024-02-29")
                .zip(day_of("2024-03-01"))
                .map(|(a, b)| b - a),
            Some(1)
        );
        assert_eq!(day_of("2022-07-29T10:15:00Z"), day_of("2022-07-29"));
        assert_eq!(day_of("2022-13-01"), None);
        assert_eq!(day_of("July 2022"), None);
        assert_eq!(day_of("2022"), None);
    }
}
