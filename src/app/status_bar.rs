//! The status bar: project name, unsaved marker, counts, and the running job.

use super::{Command, Workbench};

pub fn status_bar_ui(app: &mut Workbench, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        let dirty = if app.doc.dirty { " • unsaved" } else { "" };
        ui.strong(format!("{}{dirty}", app.doc.name));
        ui.separator();
        let sources = app.doc.project.sources.len();
        ui.label(format!(
            "{sources} source{}",
            if sources == 1 { "" } else { "s" }
        ));
        if !app.doc.project.skipped.is_empty() {
            ui.separator();
            ui.label(format!("{} not imported", app.doc.project.skipped.len()))
                .on_hover_ui(|ui| {
                    for s in app.doc.project.skipped.iter().take(30) {
                        ui.label(format!("{}: {}", s.path, s.reason));
                    }
                });
        }
        let entities = app.doc.analysis.entities.len();
        if entities > 0 {
            ui.separator();
            ui.label(format!("{entities} entities"));
        }
        if !app.doc.analysis.stale.is_empty() {
            ui.separator();
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "{} correction(s) no longer apply",
                    app.doc.analysis.stale.len()
                ),
            )
            .on_hover_ui(|ui| {
                for s in app.doc.analysis.stale.iter().take(30) {
                    ui.label(s);
                }
            });
        }
        if !app.search.ran.is_empty() {
            ui.separator();
            ui.label(format!("{} hits", app.search.hits.len()));
        }
        ui.separator();
        ui.weak(format!(
            "Keys: {} (F6 moves, F1 lists keys)",
            app.region().name()
        ));
        let running = app
            .job
            .as_ref()
            .or(app.analysis_job.as_ref().map(|(_, j)| j));
        if let Some(job) = running {
            ui.separator();
            let (stage, done, total) = job.tracker.snapshot();
            let fraction = if total == 0 {
                0.0
            } else {
                done as f32 / total as f32
            };
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(220.0)
                    .text(format!("{}: {stage} {done}/{total}", job.name)),
            );
            if ui.button("Cancel").clicked() {
                app.send(Command::CancelJob);
            }
        }
    });
}
