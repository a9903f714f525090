//! The menu bar: File, Edit, View, Help.

use super::{Command, Theme, Workbench, keys};

/// A menu button showing the keys of the shortcut that does `what`.
fn keyed<'a>(ui: &egui::Ui, label: &'a str, what: &str) -> egui::Button<'a> {
    egui::Button::new(label).shortcut_text(keys::keys_of(ui.ctx(), what))
}

fn item(ui: &mut egui::Ui, label: &str, what: &str) -> egui::Response {
    let button = keyed(ui, label, what);
    ui.add(button)
}

pub fn menu_bar_ui(app: &mut Workbench, ui: &mut egui::Ui) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if item(ui, "New", "New project").clicked() {
                app.send(Command::New);
            }
            if item(ui, "Open…", "Open project…").clicked() {
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
            if item(ui, "Save", "Save").clicked() {
                app.send(Command::Save);
            }
            if item(ui, "Save As…", "Save as…").clicked() {
                app.send(Command::SaveAsDialog);
            }
            ui.separator();
            if item(ui, "Import Files…", "Import files…").clicked() {
                app.send(Command::ImportFilesDialog);
            }
            if item(ui, "Import Folder…", "Import a folder…").clicked() {
                app.send(Command::ImportFolderDialog);
            }
            ui.menu_button("Export", |ui| {
                if item(ui, "Analysis as JSON…", "Export the analysis as JSON…").clicked() {
                    app.send(Command::ExportJsonDialog);
                }
                if item(ui, "Claim table as CSV…", "Export the claim table as CSV…").clicked() {
                    app.send(Command::ExportCsvDialog);
                }
                if item(
                    ui,
                    "Claims report as HTML…",
                    "Export the claims report as HTML…",
                )
                .clicked()
                {
                    app.send(Command::ExportHtmlDialog);
                }
                if ui
                    .add_enabled(
                        app.chosen_story().is_some(),
                        keyed(
                            ui,
                            "Chosen story as HTML…",
                            "Export the chosen story as HTML…",
                        ),
                    )
                    .on_disabled_hover_text("Choose a story in the story list first")
                    .clicked()
                {
                    app.send(Command::ExportStoryDialog);
                }
                if item(
                    ui,
                    "Verdicts as ClaimReview (JSON-LD)…",
                    "Export verdicts as ClaimReview…",
                )
                .clicked()
                {
                    app.send(Command::ExportReviewsDialog);
                }
            });
            ui.separator();
            if item(ui, "Quit", "Quit").clicked() {
                app.send(Command::Quit);
            }
        });
        ui.menu_button("Edit", |ui| {
            if ui
                .add_enabled(!app.undo.is_empty(), keyed(ui, "Undo", "Undo"))
                .clicked()
            {
                app.send(Command::Undo);
            }
            if ui
                .add_enabled(!app.redo.is_empty(), keyed(ui, "Redo", "Redo"))
                .clicked()
            {
                app.send(Command::Redo);
            }
        });
        ui.menu_button("View", |ui| {
            ui.checkbox(&mut app.settings.show_sources, "Source list")
                .on_hover_text(keys::keys_of(ui.ctx(), "Source list on / off"));
            ui.checkbox(&mut app.settings.show_search, "Search")
                .on_hover_text(keys::keys_of(ui.ctx(), "Search on / off"));
            ui.checkbox(&mut app.settings.show_entities, "Entities")
                .on_hover_text(keys::keys_of(ui.ctx(), "Entities on / off"));
            ui.checkbox(&mut app.settings.show_claims, "Claim table")
                .on_hover_text(keys::keys_of(ui.ctx(), "Claim table on / off"));
            if ui
                .add_enabled(
                    app.timeline_story().is_some(),
                    keyed(ui, "Timeline", "Timeline of the chosen story"),
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
                .add_enabled(!app.is_busy(), keyed(ui, "Re-analyse", "Re-analyse"))
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
            if item(ui, "Keyboard shortcuts", "Keyboard shortcuts").clicked() {
                app.show_shortcuts = true;
            }
            if ui.button("About").clicked() {
                app.show_about = true;
            }
        });
    });
}
