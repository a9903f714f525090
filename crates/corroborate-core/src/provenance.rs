//! Where a claim comes from: each origin (a source the reports credit, or
//! an outlet's own reporting) and the reports that repeat it, earliest
//! first, with the passages a report copies from another of the row's
//! reports; who reported it first; and the count of independent origins
//! said in a sentence. The comparison panel draws it as a chain; the story
//! report prints it.

use crate::analysis::{Claim, Credit, Reuse};
use crate::corpus::{SourceId, Span};
use crate::project::Project;
use std::collections::HashMap;

/// One report in a claim's chain.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub source: SourceId,
    /// Where its report states the claim.
    pub span: Span,
    pub outlet: String,
    pub date: Option<String>,
    /// Passages this report shares with another report of the row.
    pub copied: Option<Copied>,
}

/// Words a report shares with another report of the same row.
#[derive(Debug, Clone, PartialEq)]
pub struct Copied {
    /// The other report's outlet.
    pub with: String,
    pub words: usize,
    /// Whether the other report is the earlier one by date, so the words
    /// were copied from it; undated or same-day pairs only share them.
    pub from_earlier: bool,
}

impl Link {
    /// "Insider (2022-07-29, 61 words copied from DailyMail.com)".
    pub fn describe(&self) -> String {
        let mut notes: Vec<String> = Vec::new();
        if let Some(d) = &self.date {
            notes.push(d.clone());
        }
        if let Some(c) = &self.copied {
            notes.push(c.describe(&self.outlet));
        }
        if notes.is_empty() {
            self.outlet.clone()
        } else {
            format!("{} ({})", self.outlet, notes.join(", "))
        }
    }
}

impl Copied {
    /// "61 words copied from DailyMail.com", "12 words shared with ICT Tac".
    pub fn describe(&self, own_outlet: &str) -> String {
        let (words, with) = (self.words, &self.with);
        match (self.from_earlier, with == own_outlet) {
            (true, true) => format!("{words} words from its own earlier report"),
            (true, false) => format!("{words} words copied from {with}"),
            (false, true) => format!("{words} words shared with another of its reports"),
            (false, false) => format!("{words} words shared with {with}"),
        }
    }
}

/// An origin and the reports that take the claim from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    pub name: String,
    /// Earliest first, undated last.
    pub repeats: Vec<Link>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Provenance {
    /// Credited origins, the one with most reports first.
    pub origins: Vec<Origin>,
    /// Reports that credit no one: the outlets' own reporting.
    pub own: Vec<Link>,
    /// The earliest dated report of the row.
    pub first: Option<Link>,
    pub independent: usize,
}

impl Provenance {
    /// The chain in words: "Origins: Bloomberg, repeated by …; own
    /// reporting: …. First dated: … . N independent origin(s): …".
    pub fn sentence(&self) -> String {
        let list = |links: &[Link]| {
            links
                .iter()
                .map(Link::describe)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut parts: Vec<String> = self
            .origins
            .iter()
            .map(|o| format!("{}, repeated by {}", o.name, list(&o.repeats)))
            .collect();
        if !self.own.is_empty() {
            parts.push(format!("own reporting: {}", list(&self.own)));
        }
        let mut text = format!("Origins: {}.", parts.join("; "));
        if let Some(first) = &self.first {
            text.push_str(&format!(
                " First dated: {} ({}).",
                first.outlet,
                first.date.as_deref().unwrap_or("")
            ));
        }
        text.push_str(&format!(
            " {} independent origin(s): wordings that credit one source, or copy one another, count once.",
            self.independent
        ));
        text
    }
}

/// Words of copied passages between two reports, over all their passages:
/// summed once per analysis, read for every row.
pub struct Copies(HashMap<(SourceId, SourceId), usize>);

impl Copies {
    pub fn new(reuse: &[Reuse]) -> Copies {
        let mut shared: HashMap<(SourceId, SourceId), usize> = HashMap::new();
        for r in reuse {
            let (a, b) = (r.a.source, r.b.source);
            if a != b {
                *shared.entry((a.min(b), a.max(b))).or_default() += r.words;
            }
        }
        Copies(shared)
    }

    fn between(&self, a: SourceId, b: SourceId) -> Option<usize> {
        self.0.get(&(a.min(b), a.max(b))).copied()
    }
}

/// Where `claim` comes from, read from its cells, the project's metadata
/// and the copied passages found between reports.
pub fn provenance(project: &Project, copies: &Copies, claim: &Claim) -> Provenance {
    let meta = |id: SourceId| {
        let m = project.source(id).map(|s| s.meta());
        let outlet = m
            .as_ref()
            .and_then(|m| m.outlet.clone())
            .unwrap_or_else(|| id.to_string());
        (outlet, m.and_then(|m| m.published))
    };
    let sources: Vec<SourceId> = claim.cells.iter().map(|c| c.source).collect();
    let dates: HashMap<SourceId, Option<String>> =
        sources.iter().map(|&s| (s, meta(s).1)).collect();
    // The report it shares most words with among those not later than it:
    // an earlier one (copied from), or one whose order is unknown.
    let copied_by = |id: SourceId| -> Option<Copied> {
        let mine = dates.get(&id).cloned().flatten();
        sources
            .iter()
            .filter(|&&other| other != id)
            .filter_map(|&other| {
                let words = copies.between(id, other)?;
                let theirs = dates.get(&other).cloned().flatten();
                let earlier = match (&mine, &theirs) {
                    (Some(m), Some(t)) if m > t => Some(true),
                    (Some(m), Some(t)) if m < t => None,
                    _ => Some(false),
                }?;
                Some((earlier, words, other))
            })
            .max_by_key(|&(earlier, words, other)| (earlier, words, std::cmp::Reverse(other)))
            .map(|(from_earlier, words, other)| Copied {
                with: meta(other).0,
                words,
                from_earlier,
            })
    };
    let link = |id: SourceId, span: Span| {
        let (outlet, date) = meta(id);
        Link {
            source: id,
            span,
            outlet,
            date,
            copied: copied_by(id),
        }
    };
    let order = |links: &mut Vec<Link>| {
        links.sort_by(|a, b| {
            (a.date.is_none(), &a.date, a.source).cmp(&(b.date.is_none(), &b.date, b.source))
        });
    };
    let mut origins: Vec<Origin> = Vec::new();
    let mut own: Vec<Link> = Vec::new();
    for c in &claim.cells {
        if c.credit == Credit::Outlet {
            own.push(link(c.source, c.span));
            continue;
        }
        match origins.iter_mut().find(|o| o.name == c.origin) {
            Some(o) => o.repeats.push(link(c.source, c.span)),
            None => origins.push(Origin {
                name: c.origin.clone(),
                repeats: vec![link(c.source, c.span)],
            }),
        }
    }
    for o in &mut origins {
        order(&mut o.repeats);
    }
    order(&mut own);
    origins.sort_by_key(|o| std::cmp::Reverse(o.repeats.len()));
    let first = claim
        .cells
        .iter()
        .filter(|c| dates.get(&c.source).is_some_and(Option::is_some))
        .min_by_key(|c| (dates.get(&c.source).cloned().flatten(), c.source))
        .map(|c| link(c.source, c.span));
    Provenance {
        origins,
        own,
        first,
        independent: claim.origins,
    }
}
