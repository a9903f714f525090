//! The claim-comparison table (bottom): one row per claim, one column per
//! source; virtualized, so 100,000 rows cost what the visible ones cost.

use super::{Command, Workbench};
use egui_extras::{Column, TableBuilder};

pub fn claim_table_ui(app: &mut Workbench, ui: &mut egui::Ui) {
    ui.heading("Claims");
    let claims = &app.doc.analysis.claims;
    if claims.is_empty() {
        ui.weak("The engine does not line up claims yet; each claim will be a row here, with one column per source.");
        return;
    }
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
            body.rows(row_height, claims.len(), |mut row| {
                let Some(claim) = claims.get(row.index()) else {
                    return;
                };
                row.col(|ui| {
                    ui.label(&claim.summary);
                });
                row.col(|ui| {
                    ui.label(&claim.status);
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
