//! The source list (left): every report with its title, outlet, date, words
//! and import warnings; filter, sort, select, remove.

use super::{Command, Edit, MetaField, Workbench};
use crate::corpus::SourceId;
use egui_extras::{Column, TableBuilder};
use rayon::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Imported,
    Title,
    Outlet,
    Date,
    Words,
}

/// What the rows were made for: (document revision, search revision,
/// filter, sort, descending, only hits, story).
type ListKey = (u64, u64, String, SortKey, bool, bool, Option<SourceId>);

/// One row as shown: computed once per change, not every frame.
struct Row {
    id: SourceId,
    title: String,
    outlet: String,
    date: String,
    warnings: String,
}

#[derive(Default)]
pub struct SourceList {
    pub filter: String,
    pub sort: SortKey,
    pub descending: bool,
    pub scroll_to: Option<usize>,
    /// A cell being edited in place: (source, field, text so far).
    editing: Option<(SourceId, MetaField, String)>,
    rows: Vec<Row>,
    key: Option<ListKey>,
}

impl SourceList {
    fn refresh(&mut self, app: &Workbench) {
        let key = (
            app.doc.revision,
            app.search.revision,
            self.filter.clone(),
            self.sort,
            self.descending,
            app.search.only_hit_sources,
            app.selection.story,
        );
        if self.key.as_ref() == Some(&key) {
            return;
        }
        let needle = self.filter.to_lowercase();
        let hit_sources: std::collections::HashSet<SourceId> =
            app.search.hits.iter().map(|h| h.source).collect();
        let narrow = app.search.only_hit_sources && !app.search.ran.is_empty();
        // A chosen story's reports, in publication order.
        let story: Option<Vec<&crate::corpus::Source>> = app.chosen_story().map(|st| {
            st.sources
                .iter()
                .filter_map(|id| app.doc.project.source(*id))
                .collect()
        });
        let all: Vec<&crate::corpus::Source> = match story {
            Some(list) => list,
            None => app.doc.project.sources.iter().collect(),
        };
        // A row for each of up to 100,000 reports: made on both cores.
        let mut rows: Vec<Row> = super::on_window_pool(|| {
            all.into_par_iter()
                .filter(|s| !narrow || hit_sources.contains(&s.id))
                .map(|s| {
                    let meta = s.meta();
                    Row {
                        id: s.id,
                        title: meta.title,
                        outlet: meta.outlet.unwrap_or_default(),
                        date: meta.published.unwrap_or_default(),
                        warnings: s.warnings.join("\n"),
                    }
                })
                .filter(|r| {
                    needle.is_empty()
                        || r.title.to_lowercase().contains(&needle)
                        || r.outlet.to_lowercase().contains(&needle)
                })
                .collect()
        });
        match self.sort {
            SortKey::Imported => {}
            SortKey::Title => rows.sort_by_key(|r| r.title.to_lowercase()),
            SortKey::Outlet => rows.sort_by_key(|r| r.outlet.to_lowercase()),
            SortKey::Date => rows.sort_by(|a, b| a.date.cmp(&b.date)),
            // Words are counted only for rows shown, or for this sort:
            // counting 100,000 reports takes seconds.
            SortKey::Words => {
                let project = &app.doc.project;
                rows.sort_by_cached_key(|r| project.source(r.id).map_or(0, |s| s.words()));
            }
        }
        if self.descending {
            rows.reverse();
        }
        self.rows = rows;
        self.key = Some(key);
    }

    /// The ids in the order shown.
    pub fn visible_ids(&self) -> Vec<SourceId> {
        self.rows.iter().map(|r| r.id).collect()
    }
}

pub fn source_list_ui(app: &mut Workbench, ui: &mut egui::Ui) {
    let mut list = std::mem::take(&mut app.list);
    list.refresh(app);
    ui.horizontal(|ui| {
        ui.heading("Sources");
        ui.label(format!(
            "{}/{}",
            list.rows.len(),
            app.doc.project.sources.len()
        ));
    });
    ui.horizontal(|ui| {
        let label = ui.label("Filter:");
        ui.add(
            egui::TextEdit::singleline(&mut list.filter)
                .hint_text("title or outlet")
                .desired_width(160.0),
        )
        .labelled_by(label.id);
        let can_remove = !app.selection.sources.is_empty();
        if ui
            .add_enabled(can_remove, egui::Button::new("Remove"))
            .on_hover_text("Remove the selected sources (Delete); Undo brings them back")
            .clicked()
        {
            app.send(Command::Edit(Edit::Remove(app.selection.sources.clone())));
        }
    });
    if app.doc.project.sources.is_empty() {
        ui.add_space(20.0);
        ui.label("No reports yet. Drop files or folders here, or use File > Import.");
    }

    let header = |ui: &mut egui::Ui, list: &mut SourceList, key: SortKey, name: &str| {
        let arrow = match (list.sort == key, list.descending) {
            (true, false) => " ^",
            (true, true) => " v",
            _ => "",
        };
        if ui.button(format!("{name}{arrow}")).clicked() {
            if list.sort == key {
                list.descending = !list.descending;
            } else {
                list.sort = key;
                list.descending = false;
            }
        }
    };
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let mut table = TableBuilder::new(ui)
        .id_salt("source table")
        .striped(true)
        .column(Column::exact(18.0))
        .column(Column::remainder().at_least(120.0).clip(true))
        .column(Column::initial(90.0).at_least(40.0).clip(true))
        .column(Column::initial(78.0).at_least(40.0))
        .column(Column::initial(56.0).at_least(40.0));
    if let Some(row) = list.scroll_to.take() {
        table = table.scroll_to_row(row, None);
    }
    let mut clicked: Option<(SourceId, bool)> = None;
    let mut start_edit: Option<(SourceId, MetaField, String)> = None;
    let mut commit: Option<(SourceId, MetaField, String)> = None;
    let mut cancel = false;
    table
        .header(row_height, |mut h| {
            h.col(|_| {});
            h.col(|ui| header(ui, &mut list, SortKey::Title, "Title"));
            h.col(|ui| header(ui, &mut list, SortKey::Outlet, "Outlet"));
            h.col(|ui| header(ui, &mut list, SortKey::Date, "Date"));
            h.col(|ui| header(ui, &mut list, SortKey::Words, "Words"));
        })
        .body(|body| {
            body.rows(row_height, list.rows.len(), |mut row| {
                let Some(r) = list.rows.get(row.index()) else {
                    return;
                };
                let selected =
                    app.selection.sources.contains(&r.id) || app.selection.current == Some(r.id);
                row.set_selected(selected);
                row.col(|ui| {
                    if !r.warnings.is_empty() {
                        ui.colored_label(ui.visuals().warn_fg_color, "!")
                            .on_hover_text(&r.warnings);
                    }
                });
                let mut cell = |ui: &mut egui::Ui, field: MetaField, text: &str| {
                    match list.editing.as_mut() {
                        Some((id, f, value)) if *id == r.id && *f == field => {
                            let edit = ui.add(
                                egui::TextEdit::singleline(value).id_salt(("cell", field.label())),
                            );
                            let name = format!("Correct the {}", field.label().to_lowercase());
                            let current = value.clone();
                            edit.widget_info(|| {
                                let mut info =
                                    egui::WidgetInfo::text_edit(true, &current, &current, "");
                                info.label = Some(name.clone());
                                info
                            });
                            // Enter or a click elsewhere commits, Esc cancels.
                            if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                                cancel = true;
                            } else if edit.lost_focus() {
                                commit = Some((r.id, field, value.clone()));
                            } else if !edit.has_focus() {
                                edit.request_focus();
                            }
                            None
                        }
                        _ => Some(if field == MetaField::Title {
                            ui.selectable_label(selected, text).on_hover_text(text)
                        } else {
                            ui.add(
                                egui::Label::new(text)
                                    .sense(egui::Sense::click())
                                    .truncate(),
                            )
                        }),
                    }
                };
                row.col(|ui| {
                    if let Some(response) = cell(ui, MetaField::Title, &r.title) {
                        if response.double_clicked() {
                            start_edit = Some((r.id, MetaField::Title, r.title.clone()));
                        } else if response.clicked() {
                            let multi = ui.input(|i| i.modifiers.command || i.modifiers.shift);
                            clicked = Some((r.id, multi));
                        }
                    }
                });
                row.col(|ui| {
                    if let Some(response) = cell(ui, MetaField::Outlet, &r.outlet)
                        .map(|r| r.on_hover_text("Double-click to correct the outlet"))
                        && response.double_clicked()
                    {
                        start_edit = Some((r.id, MetaField::Outlet, r.outlet.clone()));
                    }
                });
                row.col(|ui| {
                    if let Some(response) = cell(ui, MetaField::Published, &r.date)
                        .map(|r| r.on_hover_text("Double-click to correct the date"))
                        && response.double_clicked()
                    {
                        start_edit = Some((r.id, MetaField::Published, r.date.clone()));
                    }
                });
                row.col(|ui| {
                    let words = app.doc.project.source(r.id).map_or(0, |s| s.words());
                    ui.label(words.to_string());
                });
            });
        });
    if cancel {
        list.editing = None;
    } else if let Some((id, field, value)) = commit {
        list.editing = None;
        if let Some(edit) = app
            .doc
            .project
            .source(id)
            .and_then(|s| super::commands::meta_edit(s, field, &value))
        {
            app.send(Command::Edit(edit));
        }
    } else if start_edit.is_some() {
        list.editing = start_edit;
    }
    if let Some((id, multi)) = clicked {
        app.send(if multi {
            Command::ToggleSelect(id)
        } else {
            Command::Select(id)
        });
    }
    app.list = list;
}
