//! The claim-comparison table (bottom): one row per claim, one column per
//! source; virtualized, so 100,000 rows cost what the visible ones cost.

use super::{Command, Workbench};
use egui_extras::{Column, TableBuilder};

/// Which claims are shown, cached until the analysis or the chosen entity changes.
#[derive(Default)]
pub struct ClaimRows {
    key: Option<(u64, Option<String>)>,
    rows: Vec<usize>,
}

/// Claims that mention the chosen entity (all claims without one).
fn visible(app: &Workbench) -> Vec<usize> {
    let claims = &app.doc.analysis.claims;
    let Some(entity) = app
        .selection
        .entity
        .as_ref()
        .and_then(|n| app.doc.analysis.entities.iter().find(|e| e.name == *n))
    else {
        return (0..claims.len()).collect();
    };
    (0..claims.len())
        .filter(|&i| {
            claims[i].cells.iter().any(|c| {
                entity.mentions.iter().any(|m| {
                    m.source == c.source && m.span.start < c.span.end && c.span.start < m.span.end
                })
            })
        })
        .collect()
}

pub fn claim_table_ui(app: &mut Workbench, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        ui.heading("Claims");
        if let Some(name) = app.selection.entity.clone() {
            ui.label(format!("mentioning {name}"));
            if ui.small_button("Show all").clicked() {
                app.send(Command::SelectEntity(None));
            }
        }
    });
    let key = (app.doc.revision, app.selection.entity.clone());
    if app.claim_rows.key.as_ref() != Some(&key) {
        app.claim_rows.rows = visible(app);
        app.claim_rows.key = Some(key);
    }
    let claims = &app.doc.analysis.claims;
    if claims.is_empty() {
        ui.weak("The engine does not line up claims yet; each claim will be a row here, with one column per source.");
        return;
    }
    if app.claim_rows.rows.is_empty() {
        ui.weak("No claim mentions the chosen entity.");
        return;
    }
    let shown = &app.claim_rows.rows;
    let sources: Vec<_> = app
        .doc
        .project
        .sources
        .iter()
        .map(|s| (s.id, s.meta().outlet.unwrap_or_else(|| s.id.to_string())))
        .collect();
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let mut open = None;
    TableBuilder::new(ui)
        .id_salt("claim table")
        .striped(true)
        .column(Column::initial(260.0).clip(true))
        .column(Column::initial(100.0))
        .column(Column::initial(60.0))
        .columns(Column::initial(160.0).clip(true), sources.len())
        .header(row_height, |mut h| {
            h.col(|ui| {
                ui.strong("Claim");
            });
            h.col(|ui| {
                ui.strong("Status");
            });
            h.col(|ui| {
                ui.strong("Origins");
            });
            for (_, name) in &sources {
                h.col(|ui| {
                    ui.strong(name);
                });
            }
        })
        .body(|body| {
            body.rows(row_height, shown.len(), |mut row| {
                let Some(claim) = shown.get(row.index()).and_then(|&i| claims.get(i)) else {
                    return;
                };
                row.col(|ui| {
                    ui.label(&claim.summary);
                });
                row.col(|ui| {
                    ui.label(claim.status.as_str());
                });
                row.col(|ui| {
                    ui.label(claim.origins.to_string());
                });
                for (id, _) in &sources {
                    row.col(|ui| {
                        if let Some(cell) = claim.cells.iter().find(|c| c.source == *id)
                            && let Some(text) = app
                                .doc
                                .project
                                .source(*id)
                                .and_then(|s| s.cleaned.get(cell.span.range()))
                            && ui
                                .selectable_label(false, text)
                                .on_hover_text(text)
                                .clicked()
                        {
                            open = Some((*id, cell.span));
                        }
                    });
                }
            });
        });
    if let Some((id, span)) = open {
        app.send(Command::Show(id, Some(span)));
    }
}
