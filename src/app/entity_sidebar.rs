//! The entity sidebar (right): people, organizations, places, dates and
//! numbers, grouped by kind and sorted by how many sources name them, each
//! with a presence strip; below, the chosen entity's mentions in context.
//! Corrections (merge by drag or multi-select, split, rename, kind, hide,
//! "not an entity") go out as undoable edits.

use super::{Command, Edit, Workbench};
use crate::analysis::{Entity, Mention};
use crate::corpus::SourceId;
use crate::corrections::EntityFix;
use crate::nlp::mentions::Kind;
use egui::Color32;
use rayon::prelude::*;
use std::collections::HashSet;

/// The sidebar's own state: filter, folds, picks and caches.
#[derive(Default)]
pub struct EntityPanel {
    pub filter: String,
    pub only_current: bool,
    pub show_hidden: bool,
    folded: HashSet<Kind>,
    /// Entities picked with Ctrl+click, for "Merge".
    picked: Vec<String>,
    /// (entity, new name) while renaming.
    renaming: Option<(String, String)>,
    dismissed: HashSet<(String, String)>,
    rows: Option<(RowsKey, Vec<Row>)>,
    /// Suggested merges still open, per revision.
    suggestions: Option<(u64, Vec<crate::nlp::entities::Suggestion>)>,
    kwic: Option<((u64, String), Vec<Kwic>)>,
    /// A row to bring into view (after Up or Down).
    scroll_to: Option<usize>,
}

impl EntityPanel {
    /// The entity `step` rows from the chosen one in the list as shown
    /// (kind headings skipped), or the first when none is chosen; the row
    /// is brought into view.
    pub fn step(&mut self, app: &Workbench, step: isize) -> Option<String> {
        let (_, rows) = self.rows.as_ref()?;
        let entities = &app.doc.analysis.entities;
        let listed: Vec<(usize, usize)> = rows
            .iter()
            .enumerate()
            .filter_map(|(at, r)| match r {
                Row::Entity(e) => Some((at, e.index)),
                Row::Kind(..) => None,
            })
            .collect();
        let chosen = app.selection.entity.as_deref();
        let here = listed
            .iter()
            .position(|&(_, i)| entities.get(i).map(|e| e.name.as_str()) == chosen);
        let next = super::keys::step_in(here, step, listed.len());
        let &(row, index) = listed.get(next)?;
        self.scroll_to = Some(row);
        entities.get(index).map(|e| e.name.clone())
    }
}

#[derive(Clone, PartialEq)]
struct RowsKey {
    revision: u64,
    filter: String,
    only: Option<SourceId>,
    hidden: bool,
    folded: Vec<Kind>,
    story: Option<SourceId>,
}

#[derive(Clone, Copy)]
enum Row {
    Kind(Kind, usize),
    Entity(EntityRow),
}

/// What an entity's row shows beside its name, worked out once per change.
#[derive(Clone, Copy)]
struct EntityRow {
    index: usize,
    sources: usize,
    /// Presence strip: bit i set when a source of cell i mentions it.
    cells: u32,
}

/// Cells in a presence strip; with more sources, a cell stands for a run of them.
const CELLS: usize = 24;

/// A line of the mention list: a source's heading, or one mention in
/// keyword-in-context form.
enum Kwic {
    Source(String),
    Line {
        source: SourceId,
        mention: Mention,
        left: String,
        word: String,
        right: String,
    },
}

/// The colour a kind is drawn in, here and in the reading pane.
pub fn kind_color(kind: Kind, dark: bool) -> Color32 {
    let c = match kind {
        Kind::Person => Color32::from_rgb(40, 110, 200),
        Kind::Organization => Color32::from_rgb(150, 70, 190),
        Kind::Place => Color32::from_rgb(30, 140, 90),
        Kind::Date => Color32::from_rgb(190, 110, 20),
        Kind::Number => Color32::from_rgb(180, 60, 60),
        Kind::Other => Color32::from_rgb(110, 110, 110),
    };
    if dark { c.linear_multiply(1.6) } else { c }
}

fn plural(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "People",
        Kind::Organization => "Organizations",
        Kind::Place => "Places",
        Kind::Date => "Dates",
        Kind::Number => "Numbers",
        Kind::Other => "Other",
    }
}

pub fn entity_sidebar_ui(app: &mut Workbench, ui: &mut egui::Ui) {
    let mut panel = std::mem::take(&mut app.entities);
    let mut commands = Vec::new();
    ui.heading("Entities");
    if app.doc.analysis.entities.is_empty() {
        ui.weak(if app.is_busy() {
            "Finding people, organizations, places, dates and numbers…"
        } else {
            "No entities yet: import reports and they appear here, grouped by kind."
        });
        app.entities = panel;
        return;
    }
    ui.horizontal(|ui| {
        let label = ui.label("Find entity:");
        ui.add(
            egui::TextEdit::singleline(&mut panel.filter)
                .hint_text("name or spelling")
                .desired_width(ui.available_width()),
        )
        .labelled_by(label.id);
    });
    ui.horizontal(|ui| {
        ui.checkbox(&mut panel.only_current, "Only in selected source");
        ui.checkbox(&mut panel.show_hidden, "Show hidden");
    });
    suggestions_ui(app, &mut panel, ui, &mut commands);
    picked_ui(app, &mut panel, ui, &mut commands);
    let chosen = app.selection.entity.clone();
    let list_height = if chosen.is_some() {
        ui.available_height() * 0.5
    } else {
        ui.available_height()
    };
    list_ui(app, &mut panel, ui, list_height, &mut commands);
    if let Some(name) = chosen
        && let Some(entity) = app.doc.analysis.entities.iter().find(|e| e.name == name)
    {
        ui.separator();
        details_ui(app, &mut panel, ui, entity, &mut commands);
    }
    app.entities = panel;
    for c in commands {
        app.send(c);
    }
}

fn fix(f: EntityFix) -> Command {
    Command::Edit(Edit::Fix(f))
}

fn suggestions_ui(
    app: &Workbench,
    panel: &mut EntityPanel,
    ui: &mut egui::Ui,
    commands: &mut Vec<Command>,
) {
    let revision = app.doc.revision;
    if panel
        .suggestions
        .as_ref()
        .is_none_or(|(r, _)| *r != revision)
    {
        let open = app.doc.analysis.open_suggestions().cloned().collect();
        panel.suggestions = Some((revision, open));
    }
    let open: Vec<_> = panel
        .suggestions
        .as_ref()
        .map(|(_, all)| {
            all.iter()
                .filter(|s| !panel.dismissed.contains(&(s.keep.clone(), s.merge.clone())))
                .take(5)
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    if open.is_empty() {
        return;
    }
    ui.label(egui::RichText::new("Possibly the same").strong());
    for s in open {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{} and {}", s.merge, s.keep))
                .on_hover_text(&s.reason);
            if ui.small_button("Merge").on_hover_text(&s.reason).clicked() {
                commands.push(fix(EntityFix::Merge {
                    keep: s.keep.clone(),
                    merge: s.merge.clone(),
                }));
            }
            if ui.small_button("Not the same").clicked() {
                panel.dismissed.insert((s.keep.clone(), s.merge.clone()));
            }
        });
    }
    ui.separator();
}

fn picked_ui(
    app: &Workbench,
    panel: &mut EntityPanel,
    ui: &mut egui::Ui,
    commands: &mut Vec<Command>,
) {
    let entities = &app.doc.analysis.entities;
    panel
        .picked
        .retain(|n| entities.iter().any(|e| &e.name == n));
    if panel.picked.len() < 2 {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{} picked", panel.picked.len()));
        if ui.button("Merge").clicked() {
            // The most mentioned one keeps its name.
            let mentions = |n: &String| {
                entities
                    .iter()
                    .find(|e| &e.name == n)
                    .map_or(0, |e| e.mentions.len())
            };
            let mut names = panel.picked.clone();
            names.sort_by_key(|n| std::cmp::Reverse(mentions(n)));
            for other in &names[1..] {
                commands.push(fix(EntityFix::Merge {
                    keep: names[0].clone(),
                    merge: other.clone(),
                }));
            }
            commands.push(Command::SelectEntity(Some(names[0].clone())));
            panel.picked.clear();
        }
        if ui.button("Clear").clicked() {
            panel.picked.clear();
        }
    });
}

fn matches(entity: &Entity, filter: &str) -> bool {
    filter.is_empty()
        || entity.name.to_lowercase().contains(filter)
        || entity
            .aliases
            .iter()
            .any(|a| a.to_lowercase().contains(filter))
}

/// The visible rows, rebuilt only when what they depend on changes.
fn refresh_rows(app: &Workbench, panel: &mut EntityPanel) {
    let mut folded: Vec<Kind> = panel.folded.iter().copied().collect();
    folded.sort();
    let key = RowsKey {
        revision: app.doc.revision,
        filter: panel.filter.trim().to_lowercase(),
        only: if panel.only_current {
            app.selection.current
        } else {
            None
        },
        hidden: panel.show_hidden,
        folded,
        story: app.selection.story,
    };
    if panel.rows.as_ref().is_none_or(|(k, _)| *k != key) {
        let entities = &app.doc.analysis.entities;
        let position = app.doc.project.positions();
        let per = app.doc.project.sources.len().div_ceil(CELLS).max(1);
        let row_of = |index: usize| {
            let e = &entities[index];
            let mut cells = 0u32;
            let mut sources = 0;
            let mut last = None;
            for m in &e.mentions {
                if last != Some(m.source) {
                    sources += 1;
                    last = Some(m.source);
                    if let Some(p) = position.get(&m.source) {
                        cells |= 1 << (p / per).min(CELLS - 1);
                    }
                }
            }
            Row::Entity(EntityRow {
                index,
                sources,
                cells,
            })
        };
        // The entities a chosen story mentions, found in one pass over the
        // mentions rather than once per kind.
        let in_story: Option<HashSet<usize>> = app.chosen_story().map(|st| {
            let sources: HashSet<SourceId> = st.sources.iter().copied().collect();
            (0..entities.len())
                .filter(|&i| {
                    entities[i]
                        .mentions
                        .iter()
                        .any(|m| sources.contains(&m.source))
                })
                .collect()
        });
        let mut rows = Vec::new();
        super::on_window_pool(|| {
            for kind in Kind::ALL {
                let of_kind: Vec<usize> = (0..entities.len())
                    .into_par_iter()
                    .filter(|&i| {
                        let e = &entities[i];
                        e.kind == kind
                            && (key.hidden || !e.hidden)
                            && matches(e, &key.filter)
                            && key
                                .only
                                .is_none_or(|id| e.mentions.iter().any(|m| m.source == id))
                            && in_story.as_ref().is_none_or(|set| set.contains(&i))
                    })
                    .collect();
                if of_kind.is_empty() {
                    continue;
                }
                rows.push(Row::Kind(kind, of_kind.len()));
                if !key.folded.contains(&kind) {
                    // Entities arrive sorted by sources, then mentions.
                    rows.par_extend(of_kind.into_par_iter().map(row_of));
                }
            }
        });
        panel.rows = Some((key, rows));
    }
}

fn list_ui(
    app: &Workbench,
    panel: &mut EntityPanel,
    ui: &mut egui::Ui,
    height: f32,
    commands: &mut Vec<Command>,
) {
    refresh_rows(app, panel);
    // Taken out of the cache for the frame (not copied) and put back after.
    let Some((key, rows)) = panel.rows.take() else {
        return;
    };
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    let cells = app.doc.project.sources.len().min(CELLS);
    let mut area = egui::ScrollArea::vertical();
    if let Some(row) = panel.scroll_to.take() {
        area = area.vertical_scroll_offset((row as f32 * row_height - height / 2.0).max(0.0));
    }
    area.id_salt("entities")
        .max_height(height)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            for row in &rows[range] {
                match *row {
                    Row::Kind(kind, n) => {
                        let folded = panel.folded.contains(&kind);
                        let arrow = if folded { "+" } else { "-" };
                        let text = egui::RichText::new(format!("{arrow} {} ({n})", plural(kind)))
                            .strong()
                            .color(kind_color(kind, ui.visuals().dark_mode));
                        if ui.add(egui::Button::new(text).frame(false)).clicked() {
                            if folded {
                                panel.folded.remove(&kind);
                            } else {
                                panel.folded.insert(kind);
                            }
                        }
                    }
                    Row::Entity(row) => {
                        if let Some(entity) = app.doc.analysis.entities.get(row.index) {
                            entity_row(app, panel, ui, entity, row, cells, commands);
                        }
                    }
                }
            }
        });
    panel.rows = Some((key, rows));
}

fn entity_row(
    app: &Workbench,
    panel: &mut EntityPanel,
    ui: &mut egui::Ui,
    entity: &Entity,
    row: EntityRow,
    cells: usize,
    commands: &mut Vec<Command>,
) {
    let name = &entity.name;
    if let Some((who, buffer)) = panel.renaming.as_mut()
        && who == name
    {
        let response =
            ui.add(egui::TextEdit::singleline(buffer).desired_width(ui.available_width()));
        response.request_focus();
        if ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            let new = buffer.trim().to_string();
            if !new.is_empty() && new != *name {
                commands.push(fix(EntityFix::Rename {
                    entity: name.clone(),
                    name: new.clone(),
                }));
                commands.push(Command::SelectEntity(Some(new)));
            }
            panel.renaming = None;
        } else if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            panel.renaming = None;
        }
        return;
    }
    ui.horizontal(|ui| {
        presence_strip(ui, cells, row.cells, entity.kind);
        let chosen = app.selection.entity.as_deref() == Some(name.as_str());
        let picked = panel.picked.contains(name);
        let n_sources = row.sources;
        let mut text = egui::RichText::new(name);
        if entity.hidden {
            text = text.weak().italics();
        }
        // One widget senses both: clicks choose, drags carry the entity.
        let response = ui.add(
            egui::Button::selectable(chosen || picked, text).sense(egui::Sense::click_and_drag()),
        );
        response.dnd_set_drag_payload(name.clone());
        if response.dragged()
            && let Some(pos) = ui.ctx().pointer_interact_pos()
        {
            let layer = egui::LayerId::new(egui::Order::Tooltip, response.id);
            ui.ctx().layer_painter(layer).text(
                pos + egui::vec2(12.0, 0.0),
                egui::Align2::LEFT_CENTER,
                format!("Merge {name} into…"),
                egui::TextStyle::Body.resolve(ui.style()),
                ui.visuals().strong_text_color(),
            );
        }
        let response = response.on_hover_text(format!(
            "{} · {} source(s), {} mention(s)\nAlso written: {}\nWhy: {}\nDrag onto another entity to merge; right-click for more.",
            entity.kind.as_str(),
            n_sources,
            entity.mentions.len(),
            entity.aliases.join(", "),
            entity.evidence.join("; ")
        ));
        ui.weak(format!("{n_sources}·{}", entity.mentions.len()));
        if response.clicked() {
            if ui.input(|i| i.modifiers.command || i.modifiers.shift) {
                if picked {
                    panel.picked.retain(|p| p != name);
                } else {
                    if panel.picked.is_empty()
                        && let Some(current) = &app.selection.entity
                        && current != name
                    {
                        panel.picked.push(current.clone());
                    }
                    panel.picked.push(name.clone());
                }
            } else {
                panel.picked.clear();
                commands.push(Command::SelectEntity((!chosen).then(|| name.clone())));
            }
        }
        let row = response;
        if let Some(dropped) = row.dnd_release_payload::<String>()
            && *dropped != *name
        {
            commands.push(fix(EntityFix::Merge {
                keep: name.clone(),
                merge: (*dropped).clone(),
            }));
        }
        if row.dnd_hover_payload::<String>().is_some() {
            ui.painter().rect_stroke(
                row.rect,
                2.0,
                egui::Stroke::new(1.5, ui.visuals().selection.stroke.color),
                egui::StrokeKind::Outside,
            );
        }
        row.context_menu(|ui| context_menu(panel, ui, entity, commands));
    });
}

fn context_menu(
    panel: &mut EntityPanel,
    ui: &mut egui::Ui,
    entity: &Entity,
    commands: &mut Vec<Command>,
) {
    let name = entity.name.clone();
    if ui.button("Rename…").clicked() {
        panel.renaming = Some((name.clone(), name.clone()));
        ui.close();
    }
    ui.menu_button("Kind", |ui| {
        for kind in Kind::ALL {
            if ui.radio(entity.kind == kind, kind.as_str()).clicked() && kind != entity.kind {
                commands.push(fix(EntityFix::SetKind {
                    entity: name.clone(),
                    kind: kind.as_str().into(),
                }));
                ui.close();
            }
        }
    });
    if entity.aliases.len() > 1 {
        ui.menu_button("Split off", |ui| {
            for alias in &entity.aliases {
                if ui.button(alias).clicked() {
                    commands.push(fix(EntityFix::SplitAlias {
                        entity: name.clone(),
                        alias: alias.clone(),
                    }));
                    ui.close();
                }
            }
        });
    }
    let others: Vec<String> = panel
        .picked
        .iter()
        .filter(|p| **p != name)
        .cloned()
        .collect();
    if !others.is_empty()
        && ui
            .button(format!("Merge {} picked into this", others.len()))
            .clicked()
    {
        for other in others {
            commands.push(fix(EntityFix::Merge {
                keep: name.clone(),
                merge: other,
            }));
        }
        panel.picked.clear();
        ui.close();
    }
    let hide = if entity.hidden { "Show" } else { "Hide" };
    if ui.button(hide).clicked() {
        commands.push(fix(EntityFix::Hide {
            entity: name.clone(),
            hidden: !entity.hidden,
        }));
        ui.close();
    }
    if ui.button("Not an entity").clicked() {
        commands.push(fix(EntityFix::NotEntity { entity: name }));
        commands.push(Command::SelectEntity(None));
        ui.close();
    }
}

/// The chosen entity: kind, spellings, evidence and every mention in context.
fn details_ui(
    app: &Workbench,
    panel: &mut EntityPanel,
    ui: &mut egui::Ui,
    entity: &Entity,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.strong(&entity.name);
        ui.colored_label(
            kind_color(entity.kind, ui.visuals().dark_mode),
            entity.kind.as_str(),
        );
        if let Some(v) = &entity.value {
            ui.weak(v);
        }
        if ui.small_button("Close").clicked() {
            commands.push(Command::SelectEntity(None));
        }
    });
    if entity.aliases.len() > 1 {
        ui.label(format!("Also written: {}", entity.aliases.join(", ")));
    }
    if !entity.evidence.is_empty() {
        ui.weak(format!("Why: {}", entity.evidence.join("; ")));
    }
    let key = (app.doc.revision, entity.name.clone());
    if panel.kwic.as_ref().is_none_or(|(k, _)| *k != key) {
        panel.kwic = Some((key, kwic(app, entity)));
    }
    let Some((_, lines)) = &panel.kwic else {
        return;
    };
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    egui::ScrollArea::vertical()
        .id_salt("mentions")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, lines.len(), |ui, range| {
            for line in &lines[range] {
                let Kwic::Line {
                    source,
                    mention,
                    left,
                    word,
                    right,
                } = line
                else {
                    if let Kwic::Source(title) = line {
                        ui.add(egui::Label::new(egui::RichText::new(title).strong()).truncate());
                    }
                    continue;
                };
                let mut job = egui::text::LayoutJob::default();
                let body = egui::TextStyle::Body.resolve(ui.style());
                let weak = ui.visuals().weak_text_color();
                let strong = kind_color(entity.kind, ui.visuals().dark_mode);
                job.append(left, 0.0, egui::TextFormat::simple(body.clone(), weak));
                job.append(word, 0.0, egui::TextFormat::simple(body.clone(), strong));
                job.append(right, 0.0, egui::TextFormat::simple(body, weak));
                let response = ui
                    .add(egui::Label::new(job).sense(egui::Sense::click()).truncate())
                    .on_hover_text("Open in the reading pane");
                if response.clicked() {
                    commands.push(Command::Show(*source, Some(mention.span)));
                }
                response.context_menu(|ui| {
                    if ui.button("Split this mention off").clicked() {
                        commands.push(fix(EntityFix::SplitMention {
                            entity: entity.name.clone(),
                            source: *source,
                            start: mention.span.start,
                            end: mention.span.end,
                        }));
                        ui.close();
                    }
                });
            }
        });
}

/// Every mention with some words either side, under its source.
fn kwic(app: &Workbench, entity: &Entity) -> Vec<Kwic> {
    let mut out = Vec::new();
    let mut last = None;
    for m in &entity.mentions {
        if last != Some(m.source)
            && let Some(s) = app.doc.project.source(m.source)
        {
            let meta = s.meta();
            let name = meta.outlet.unwrap_or(meta.title);
            out.push(Kwic::Source(format!("{} · {name}", m.source)));
            last = Some(m.source);
        }
        out.extend(kwic_line(app, m));
    }
    out
}

fn kwic_line(app: &Workbench, m: &Mention) -> Option<Kwic> {
    let text = &app.doc.project.source(m.source)?.cleaned;
    let word = text.get(m.span.range())?;
    let left: String = {
        let before = text.get(..m.span.start)?;
        // Short on the left, so the name itself stays in view.
        let tail: Vec<char> = before.chars().rev().take(22).collect();
        tail.into_iter().rev().collect()
    };
    let right: String = text.get(m.span.end..)?.chars().take(40).collect();
    let flat = |s: String| s.replace(['\n', '\r', '\t'], " ");
    Some(Kwic::Line {
        source: m.source,
        mention: *m,
        left: format!("…{}", flat(left)),
        word: word.replace('\n', " "),
        right: format!("{}…", flat(right)),
    })
}

/// One small cell per source (or run of sources), filled where the entity is mentioned.
fn presence_strip(ui: &mut egui::Ui, shown: usize, on: u32, kind: Kind) {
    let cell = 5.0;
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(cell * shown as f32, cell * 2.0),
        egui::Sense::hover(),
    );
    let color = kind_color(kind, ui.visuals().dark_mode);
    let faint = ui.visuals().faint_bg_color;
    for i in 0..shown {
        let x = rect.left() + i as f32 * cell;
        let r = egui::Rect::from_min_size(
            egui::pos2(x, rect.top() + 2.0),
            egui::vec2(cell - 1.0, cell * 2.0 - 4.0),
        );
        let filled = on & (1 << i) != 0;
        ui.painter()
            .rect_filled(r, 1.0, if filled { color } else { faint });
    }
}
