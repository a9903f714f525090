//! The menu bar: File, Edit, View, Help.

use super::{Command, Theme, Workbench};

pub fn menu_bar_ui(app: &mut Workbench, ui: &mut egui::Ui) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if ui.button("New").clicked() {
                app.send(Command::New);
            }
            if ui.button("Open…").clicked() {
                app.send(Command::OpenDialog);
            }
            ui.menu_button("Open Recent", |ui| {
                if app.settings.recent.is_empty() {
                    ui.label("No recent projects");
                }
                for path in app.settings.recent.clone() {
                    if ui.button(path.display().to_string()).clicked() {
                        app.send(Command::Open(path));
                    }
                }
            });
            ui.separator();
            if ui.button("Save").clicked() {
                app.send(Command::Save);
            }
            if ui.button("Save As…").clicked() {
                app.send(Command::SaveAsDialog);
            }
            ui.separator();
            if ui.button("Import Files…").clicked() {
                app.send(Command::ImportFilesDialog);
            }
            if ui.button("Import Folder…").clicked() {
                app.send(Command::ImportFolderDialog);
            }
            ui.menu_button("Export", |ui| {
                if ui.button("Analysis as JSON…").clicked() {
                    app.send(Command::ExportJsonDialog);
                }
                if ui.button("Claim table as CSV…").clicked() {
                    app.send(Command::ExportCsvDialog);
                }
                if ui.button("Claims report as HTML…").clicked() {
                    app.send(Command::ExportHtmlDialog);
                }
                if ui
                    .add_enabled(
                        app.chosen_story().is_some(),
                        egui::Button::new("Chosen story as HTML…"),
                    )
                    .on_disabled_hover_text("Choose a story in the story list first")
                    .clicked()
                {
                    app.send(Command::ExportStoryDialog);
                }
                if ui.button("Verdicts as ClaimReview (JSON-LD)…").clicked() {
                    app.send(Command::ExportReviewsDialog);
                }
            });
            ui.separator();
            if ui.button("Quit").clicked() {
                app.send(Command::Quit);
            }
        });
        ui.menu_button("Edit", |ui| {
            if ui
                .add_enabled(!app.undo.is_empty(), egui::Button::new("Undo"))
                .clicked()
            {
                app.send(Command::Undo);
            }
            if ui
                .add_enabled(!app.redo.is_empty(), egui::Button::new("Redo"))
                .clicked()
            {
                app.send(Command::Redo);
            }
        });
        ui.menu_button("View", |ui| {
            ui.checkbox(&mut app.settings.show_sources, "Source list");
            ui.checkbox(&mut app.settings.show_search, "Search");
            ui.checkbox(&mut app.settings.show_entities, "Entities");
            ui.checkbox(&mut app.settings.show_claims, "Claim table");
            if ui
                .add_enabled(
                    app.timeline_story().is_some(),
                    egui::Button::new("Timeline"),
                )
                .on_disabled_hover_text("Choose a story in the story list first")
                .clicked()
            {
                app.show_timeline(true);
                ui.close();
            }
            ui.separator();
            ui.checkbox(
                &mut app.show_original,
                "Original text (removed parts struck through)",
            );
            if ui
                .add_enabled(!app.is_busy(), egui::Button::new("Re-analyse"))
                .clicked()
            {
                app.send(Command::Reanalyse);
                ui.close();
            }
            ui.separator();
            let before = app.settings.theme;
            ui.radio_value(&mut app.settings.theme, Theme::System, "System theme");
            ui.radio_value(&mut app.settings.theme, Theme::Light, "Light");
            ui.radio_value(&mut app.settings.theme, Theme::Dark, "Dark");
            if app.settings.theme != before {
                app.apply_theme(ui.ctx());
            }
        });
        ui.menu_button("Help", |ui| {
            if ui.button("Keyboard shortcuts").clicked() {
                app.show_shortcuts = true;
            }
            if ui.button("About").clicked() {
                app.show_about = true;
            }
        });
    });
}
