//! The entity sidebar (right): people, organizations, places, dates and
//! numbers the engine found, with a presence strip per source.

use super::Workbench;

pub fn entity_sidebar_ui(app: &mut Workbench, ui: &mut egui::Ui) {
    ui.heading("Entities");
    let entities = &app.doc.analysis.entities;
    if entities.is_empty() {
        ui.weak(
            "The engine does not extract entities yet; they will appear here, grouped by kind.",
        );
        return;
    }
    let sources: Vec<_> = app.doc.project.sources.iter().map(|s| s.id).collect();
    egui::ScrollArea::vertical()
        .id_salt("entities")
        .show(ui, |ui| {
            for kind in ["person", "organization", "place", "date", "number", "other"] {
                let of_kind: Vec<_> = entities.iter().filter(|e| e.kind == kind).collect();
                if of_kind.is_empty() {
                    continue;
                }
                egui::CollapsingHeader::new(format!("{kind} ({})", of_kind.len()))
                    .default_open(true)
                    .show(ui, |ui| {
                        for entity in of_kind {
                            ui.horizontal(|ui| {
                                ui.label(&entity.name)
                                    .on_hover_text(entity.aliases.join(", "));
                                presence_strip(ui, &sources, entity);
                            });
                        }
                    });
            }
        });
}

/// One small cell per source, filled where the entity is mentioned.
fn presence_strip(
    ui: &mut egui::Ui,
    sources: &[crate::corpus::SourceId],
    entity: &crate::analysis::Entity,
) {
    let cell = 6.0;
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(cell * sources.len().min(40) as f32, cell),
        egui::Sense::hover(),
    );
    for (i, id) in sources.iter().take(40).enumerate() {
        let on = entity.mentions.iter().any(|m| m.source == *id);
        let x = rect.left() + i as f32 * cell;
        let r = egui::Rect::from_min_size(egui::pos2(x, rect.top()), egui::vec2(cell - 1.0, cell));
        let color = if on {
            ui.visuals().selection.bg_fill
        } else {
            ui.visuals().faint_bg_color
        };
        ui.painter().rect_filled(r, 1.0, color);
    }
}
