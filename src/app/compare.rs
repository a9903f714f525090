//! The comparison panel (beside the claim table): the chosen row's every
//! wording in full, one under another and wrapped, with the words it shares
//! with the row's central wording dimmed and the words that differ
//! highlighted, each under its outlet, date, credit and origin, copied
//! passages marked, and where the claim comes from (origins and who repeats
//! them, the first dated report); the verdict is set right there. Up and Down move through
//! the rows, Enter opens the central wording in the reading pane.

use super::Command;
use super::Workbench;
use crate::analysis::{Cell, Claim, Credit};
use crate::corpus::{SourceId, Span};
use crate::corrections::{CellKey, Verdict};
use crate::nlp::wording;
use crate::provenance::{self, Link, Provenance};
use egui::Color32;
use egui::text::{LayoutJob, TextFormat};

/// One wording as shown: laid out once per row, not every frame.
struct Line {
    source: SourceId,
    span: Span,
    header: String,
    text: String,
    words: Vec<wording::Word>,
    copied: bool,
    central: bool,
}

/// The lines of the row being compared, for the document revision and row
/// they were made for.
pub(super) struct Comparison {
    key: (u64, CellKey),
    /// The row's place in the claim list.
    row: usize,
    lines: Vec<Line>,
    /// Where the claim comes from, as a chain and in a sentence or two.
    provenance: Provenance,
    sentence: String,
}

fn credit_text(cell: &Cell) -> String {
    match cell.credit {
        Credit::Sentence => format!("credits {}", cell.origin),
        Credit::Report => format!("its report credits {}", cell.origin),
        Credit::Outlet => "its own reporting".to_string(),
    }
}

fn build(app: &Workbench, claim: &Claim, row: usize, key: (u64, CellKey)) -> Comparison {
    let text_of = |c: &Cell| super::claim_table::text_of(app, c).to_string();
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    // The central wording is the one the row's summary quotes.
    let central = claim
        .cells
        .iter()
        .position(|c| squeeze(&text_of(c)) == claim.summary)
        .unwrap_or(0);
    let central_text = claim.cells.get(central).map(text_of).unwrap_or_default();
    let reuse = &app.doc.analysis.reuse;
    let lines = claim
        .cells
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let meta = app.doc.project.source(c.source).map(|s| s.meta());
            let outlet = meta
                .as_ref()
                .and_then(|m| m.outlet.clone())
                .unwrap_or_else(|| c.source.to_string());
            let date = meta
                .as_ref()
                .and_then(|m| m.published.clone())
                .unwrap_or_else(|| "undated".into());
            let text = text_of(c);
            let copied = reuse.iter().any(|r| {
                [r.a, r.b]
                    .iter()
                    .any(|m| m.source == c.source && m.span.overlaps(c.span))
            });
            Line {
                source: c.source,
                span: c.span,
                header: format!("{outlet} · {date} · {}", credit_text(c)),
                words: wording::compare(&text, &central_text),
                text,
                copied,
                central: i == central,
            }
        })
        .collect();
    let provenance =
        provenance::provenance(&app.doc.project, &provenance::Copies::new(reuse), claim);
    Comparison {
        key,
        row,
        lines,
        sentence: provenance.sentence(),
        provenance,
    }
}

/// The wording with shared words dimmed and differing ones highlighted.
fn job(ui: &egui::Ui, line: &Line) -> LayoutJob {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let visuals = ui.visuals();
    let dim = TextFormat::simple(font.clone(), visuals.weak_text_color());
    let mut differ = TextFormat::simple(font.clone(), visuals.strong_text_color());
    differ.background = if visuals.dark_mode {
        Color32::from_rgb(90, 70, 20)
    } else {
        Color32::from_rgb(255, 236, 170)
    };
    let plain = TextFormat::simple(font, visuals.text_color());
    let mut job = LayoutJob::default();
    job.wrap.max_width = ui.available_width();
    if line.central {
        job.append(&line.text, 0.0, plain);
        return job;
    }
    let mut at = 0;
    for w in &line.words {
        let (a, b) = (w.span.start, w.span.end);
        job.append(line.text.get(at..a).unwrap_or(""), 0.0, dim.clone());
        let format = if w.shared {
            dim.clone()
        } else {
            differ.clone()
        };
        job.append(line.text.get(a..b).unwrap_or(""), 0.0, format);
        at = b;
    }
    job.append(line.text.get(at..).unwrap_or(""), 0.0, dim);
    job
}

/// The panel for the row whose first cell is `anchor`, or a hint.
pub(super) fn compare_ui(
    app: &Workbench,
    cache: &mut Option<Comparison>,
    note: &mut Option<(CellKey, Verdict, String)>,
    anchor: Option<CellKey>,
    open_central: bool,
    ui: &mut egui::Ui,
    commands: &mut Vec<Command>,
) {
    let claims = &app.doc.analysis.claims;
    let Some(anchor) = anchor else {
        ui.weak("Click a row's claim to compare its wordings.");
        return;
    };
    let key = (app.doc.revision, anchor);
    if cache.as_ref().is_none_or(|c| c.key != key) {
        let is_anchor = |c: &Claim| {
            c.cells
                .first()
                .is_some_and(|x| x.source == anchor.source && x.span.start == anchor.start)
        };
        *cache = claims
            .iter()
            .position(is_anchor)
            .map(|row| build(app, &claims[row], row, key));
    }
    let Some((comparison, claim)) = cache.as_ref().and_then(|c| Some((c, claims.get(c.row)?)))
    else {
        ui.weak("The row is gone; click another.");
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.strong(format!(
            "{} wordings, {} independent origin(s)",
            claim.cells.len(),
            claim.origins
        ));
        for (key, v) in Verdict::ALL.into_iter().enumerate() {
            let on = claim.verdict.as_ref().is_some_and(|(x, _)| *x == v);
            if ui
                .selectable_label(on, v.as_str())
                .on_hover_text(format!("Key {} in the claim table", key + 1))
                .clicked()
            {
                let text = claim
                    .verdict
                    .as_ref()
                    .map(|(_, n)| n.clone())
                    .unwrap_or_default();
                *note = Some((anchor, v, text));
            }
        }
    });
    if let Some(c) = &claim.conflict {
        ui.colored_label(Color32::from_rgb(220, 80, 60), format!("Disagree: {c}"));
    }
    if let Some(u) = &claim.update {
        ui.label(format!("Updated over time: {u}"));
    }
    if let Some((_, n)) = &claim.verdict
        && !n.is_empty()
    {
        ui.label(format!("Your note: {n}"));
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("compare")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for line in &comparison.lines {
                ui.horizontal_wrapped(|ui| {
                    if ui
                        .link(&line.header)
                        .on_hover_text("Open this wording in the reading pane")
                        .clicked()
                    {
                        commands.push(Command::Show(line.source, Some(line.span)));
                    }
                    if line.central {
                        ui.weak("(central wording)");
                    }
                    if line.copied {
                        ui.weak("copied passage");
                    }
                });
                ui.label(job(ui, line));
                ui.add_space(4.0);
            }
            ui.separator();
            chain_ui(ui, &comparison.provenance, commands);
            ui.label(&comparison.sentence);
        });
    if open_central {
        let central = comparison.lines.iter().find(|l| l.central);
        if let Some(l) = central {
            commands.push(Command::Show(l.source, Some(l.span)));
        }
    }
}

/// Each origin, an arrow, and the reports that repeat it (each opens its
/// wording); then the outlets' own reporting.
fn chain_ui(ui: &mut egui::Ui, p: &Provenance, commands: &mut Vec<Command>) {
    ui.strong("Where it comes from");
    let links = |ui: &mut egui::Ui, links: &[Link], commands: &mut Vec<Command>| {
        for l in links {
            if ui
                .link(l.describe())
                .on_hover_text("Open this report's wording")
                .clicked()
            {
                commands.push(Command::Show(l.source, Some(l.span)));
            }
        }
    };
    for o in &p.origins {
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(&o.name).strong());
            arrow(ui);
            links(ui, &o.repeats, commands);
        });
    }
    if !p.own.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new("Own reporting").strong());
            arrow(ui);
            links(ui, &p.own, commands);
        });
    }
}

/// An arrow drawn, not typed: the bundled fonts have no arrow glyph.
fn arrow(ui: &mut egui::Ui) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(22.0, 12.0), egui::Sense::hover());
    let stroke = egui::Stroke::new(1.5, ui.visuals().text_color());
    let painter = ui.painter();
    let (y, left, right) = (rect.center().y, rect.left() + 2.0, rect.right() - 2.0);
    painter.line_segment([egui::pos2(left, y), egui::pos2(right, y)], stroke);
    painter.line_segment(
        [egui::pos2(right - 5.0, y - 4.0), egui::pos2(right, y)],
        stroke,
    );
    painter.line_segment(
        [egui::pos2(right - 5.0, y + 4.0), egui::pos2(right, y)],
        stroke,
    );
}
