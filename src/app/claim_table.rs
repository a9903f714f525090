//! The claim-comparison table (bottom): one row per claim, one column per
//! source with that source's wording; status, sources and origins; filters by
//! status, text, the chosen entity and the source being read; sorting by
//! column; conflicts tinted with the disagreeing words marked. Rows are
//! virtualized and the visible list is cached, so 100,000 rows cost what the
//! visible ones cost.

use super::compare::{self, Comparison};
use super::{Command, Edit, Workbench};
use crate::analysis::{Cell, Claim};
use crate::corpus::SourceId;
use crate::corrections::{CellKey, ClaimFix, Verdict};
use crate::nlp::align::Status;
use egui::Color32;
use egui_extras::{Column, TableBuilder};

/// Columns beyond this many sources are left out; selecting sources in the
/// list chooses which are shown.
const MAX_SOURCE_COLUMNS: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Sources,
    Summary,
    Status,
    Origins,
}

/// The table's own state: filters, sort, picks and the cached rows.
#[derive(Default)]
pub struct ClaimTable {
    pub status: Option<Status>,
    pub text: String,
    pub only_current: bool,
    pub sort: Sort,
    pub descending: bool,
    /// Rows picked for "Merge", by one of their cells.
    picked: Vec<CellKey>,
    /// A verdict note being written: (row, verdict, note).
    note: Option<(CellKey, Verdict, String)>,
    cache: Option<(ViewKey, Vec<usize>)>,
    /// Rows per status, counted once per revision and story.
    counts: Option<(CountsKey, [usize; 4])>,
    columns: Option<(ColumnsKey, Vec<(SourceId, String)>)>,
    /// The row being compared, by its first cell.
    focused: Option<CellKey>,
    compare: Option<Comparison>,
    /// A row to bring into view (after Up or Down).
    scroll_to: Option<usize>,
    /// Rows to move the comparison by this frame (Up: -1, Down: 1), from
    /// the keyboard.
    pub(super) step: isize,
    /// Enter: open the compared row's central wording.
    pub(super) open_central: bool,
}

/// The revision and the story the status counts were made for.
type CountsKey = (u64, Option<SourceId>);

/// The revision and the sources the column headers were made for.
type ColumnsKey = (u64, Vec<SourceId>);

#[derive(Clone, PartialEq)]
struct ViewKey {
    revision: u64,
    entity: Option<String>,
    status: Option<Status>,
    text: String,
    only: Option<SourceId>,
    story: Option<SourceId>,
    sort: Sort,
    descending: bool,
}

fn key_of(cell: &Cell) -> CellKey {
    CellKey {
        source: cell.source,
        start: cell.span.start,
    }
}

fn index(s: Status) -> usize {
    match s {
        Status::Conflict => 0,
        Status::Updated => 1,
        Status::Corroborated => 2,
        Status::SingleSource => 3,
    }
}

fn status_color(status: Status, dark: bool) -> Color32 {
    let c = match status {
        Status::Conflict => Color32::from_rgb(200, 60, 50),
        Status::Updated => Color32::from_rgb(200, 140, 30),
        Status::Corroborated => Color32::from_rgb(40, 150, 80),
        Status::SingleSource => Color32::from_rgb(130, 130, 130),
    };
    if dark { c.linear_multiply(1.4) } else { c }
}

/// The label a row's status shows: the person's verdict wins.
fn status_text(claim: &Claim) -> String {
    match &claim.verdict {
        Some((v, _)) => format!("{} (you)", v.as_str()),
        None => claim.status.as_str().to_string(),
    }
}

pub(super) fn text_of<'a>(app: &'a Workbench, cell: &Cell) -> &'a str {
    app.doc
        .project
        .source(cell.source)
        .and_then(|s| s.cleaned.get(cell.span.range()))
        .unwrap_or_default()
}

/// Row indices after filters and sort.
fn visible(app: &Workbench, t: &ClaimTable, key: &ViewKey) -> Vec<usize> {
    let claims = &app.doc.analysis.claims;
    let entity = key
        .entity
        .as_ref()
        .and_then(|n| app.doc.analysis.entities.iter().find(|e| e.name == *n));
    let needle = key.text.to_lowercase();
    let story = app.chosen_story().map(|st| st.claims.as_slice());
    let all: Vec<usize> = match story {
        Some(ids) => ids.to_vec(),
        None => (0..claims.len()).collect(),
    };
    let mut rows: Vec<usize> = all
        .into_iter()
        .filter(|&i| {
            let c = &claims[i];
            key.status.is_none_or(|s| c.status == s)
                && key
                    .only
                    .is_none_or(|id| c.cells.iter().any(|x| x.source == id))
                && entity.is_none_or(|e| {
                    c.cells.iter().any(|x| {
                        e.mentions.iter().any(|m| {
                            m.source == x.source
                                && m.span.start < x.span.end
                                && x.span.start < m.span.end
                        })
                    })
                })
                && (needle.is_empty()
                    || c.summary.to_lowercase().contains(&needle)
                    || c.cells
                        .iter()
                        .any(|x| text_of(app, x).to_lowercase().contains(&needle)))
        })
        .collect();
    let rank = index;
    match t.sort {
        Sort::Sources => rows.sort_by_key(|&i| std::cmp::Reverse(claims[i].cells.len())),
        Sort::Summary => rows.sort_by(|&a, &b| claims[a].summary.cmp(&claims[b].summary)),
        Sort::Status => rows.sort_by_key(|&i| {
            (
                rank(claims[i].status),
                std::cmp::Reverse(claims[i].cells.len()),
            )
        }),
        Sort::Origins => rows.sort_by_key(|&i| std::cmp::Reverse(claims[i].origins)),
    }
    if t.descending {
        rows.reverse();
    }
    rows
}

/// The source columns (the selected sources, or the first ones), rebuilt
/// when the project or the selection changes.
fn refresh_columns(app: &Workbench, t: &mut ClaimTable) {
    let story = app.chosen_story();
    let chosen: Vec<SourceId> = if app.selection.sources.len() > 1 {
        app.selection.sources.clone()
    } else if let Some(st) = story {
        st.sources
            .iter()
            .copied()
            .take(MAX_SOURCE_COLUMNS)
            .collect()
    } else {
        app.doc
            .project
            .sources
            .iter()
            .take(MAX_SOURCE_COLUMNS)
            .map(|s| s.id)
            .collect()
    };
    let key = (app.doc.revision, chosen);
    if t.columns.as_ref().is_none_or(|(k, _)| *k != key) {
        let cols = key
            .1
            .iter()
            .filter_map(|id| app.doc.project.source(*id))
            .map(|s| {
                let meta = s.meta();
                let outlet = meta.outlet.unwrap_or_else(|| s.id.to_string());
                // Within a story the columns run in publication order: the
                // date says so.
                let name = match (story, meta.published) {
                    (Some(_), Some(date)) => format!("{outlet} · {date}"),
                    _ => outlet,
                };
                (s.id, name)
            })
            .collect();
        t.columns = Some((key, cols));
    }
}

pub fn claim_table_ui(app: &mut Workbench, ui: &mut egui::Ui) {
    let mut t = std::mem::take(&mut app.claims_view);
    let focused_before = t.focused;
    let mut commands = Vec::new();
    toolbar(app, &mut t, ui, &mut commands);
    if app.doc.analysis.claims.is_empty() {
        ui.weak(if app.is_busy() {
            "Lining up claims…"
        } else {
            "No claims yet: import reports and each claim becomes a row here, with one column per source."
        });
        app.claims_view = t;
        for c in commands {
            app.send(c);
        }
        return;
    }
    let key = ViewKey {
        revision: app.doc.revision,
        entity: app.selection.entity.clone(),
        status: t.status,
        text: t.text.trim().to_string(),
        only: if t.only_current {
            app.selection.current
        } else {
            None
        },
        story: app.selection.story,
        sort: t.sort,
        descending: t.descending,
    };
    // Borrowed out of the cache for the frame, and put back after.
    let (key, rows) = match t.cache.take() {
        Some((k, rows)) if k == key => (k, rows),
        _ => {
            let rows = visible(app, &t, &key);
            (key, rows)
        }
    };
    if rows.is_empty() {
        ui.weak("No claim matches these filters.");
    } else {
        refresh_columns(app, &mut t);
        let columns = t.columns.take();
        let cols = columns.as_ref().map_or(&[][..], |(_, c)| c.as_slice());
        note_ui(&mut t, ui, &mut commands);
        move_focus(app, &mut t, &rows);
        egui::Panel::right("compare")
            .resizable(true)
            .default_size(420.0)
            .show(ui, |ui| {
                let focused = t.focused;
                let open = t.open_central;
                compare::compare_ui(
                    app,
                    &mut t.compare,
                    &mut t.note,
                    focused,
                    open,
                    ui,
                    &mut commands,
                );
            });
        // The table scrolls sideways in what the comparison leaves.
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| table(app, &mut t, ui, &rows, cols, &mut commands));
        t.columns = columns;
    }
    t.cache = Some((key, rows));
    if t.focused != focused_before {
        app.focus_region(super::keys::Region::Claims);
    }
    t.step = 0;
    t.open_central = false;
    app.claims_view = t;
    for c in commands {
        app.send(c);
    }
}

fn toolbar(app: &Workbench, t: &mut ClaimTable, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.heading("Claims");
        let all = &app.doc.analysis.claims;
        // Counted over the chosen story's rows, or the archive's.
        let key = (app.doc.revision, app.selection.story);
        if t.counts.is_none_or(|(k, _)| k != key) {
            let mut n = [0; 4];
            match app.chosen_story() {
                Some(st) => st
                    .claims
                    .iter()
                    .filter_map(|&i| all.get(i))
                    .for_each(|c| n[index(c.status)] += 1),
                None => all.iter().for_each(|c| n[index(c.status)] += 1),
            }
            t.counts = Some((key, n));
        }
        let counts = t.counts.map_or([0; 4], |(_, n)| n);
        let count = |s: Status| counts[index(s)];
        let total: usize = counts.iter().sum();
        if ui
            .selectable_label(t.status.is_none(), format!("All ({total})"))
            .clicked()
        {
            t.status = None;
        }
        for (s, name) in [
            (Status::Conflict, "Conflicts"),
            (Status::Updated, "Updates"),
            (Status::Corroborated, "Corroborated"),
            (Status::SingleSource, "Single-source"),
        ] {
            if ui
                .selectable_label(t.status == Some(s), format!("{name} ({})", count(s)))
                .clicked()
            {
                t.status = if t.status == Some(s) { None } else { Some(s) };
            }
        }
        ui.separator();
        let label = ui.label("Find claim:");
        ui.add(
            egui::TextEdit::singleline(&mut t.text)
                .hint_text("words")
                .desired_width(160.0),
        )
        .labelled_by(label.id);
        ui.checkbox(&mut t.only_current, "Only the source being read");
        if let Some(name) = app.selection.entity.clone() {
            ui.label(format!("mentioning {name}"));
            if ui.small_button("Show all").clicked() {
                commands.push(Command::SelectEntity(None));
            }
        }
        if t.picked.len() >= 2
            && ui
                .button(format!("Merge {} rows", t.picked.len()))
                .clicked()
        {
            for other in &t.picked[1..] {
                commands.push(Command::Edit(Edit::FixClaim(ClaimFix::MergeRows {
                    keep: t.picked[0],
                    merge: *other,
                })));
            }
            t.picked.clear();
        }
        if !t.picked.is_empty() && ui.small_button("Clear picks").clicked() {
            t.picked.clear();
        }
    });
}

/// The note box of a verdict being written.
fn note_ui(t: &mut ClaimTable, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    let mut done = false;
    if let Some((row, verdict, note)) = t.note.as_mut() {
        ui.horizontal(|ui| {
            let label = ui.label(format!("Note for \"{}\":", verdict.as_str()));
            let edit = ui
                .add(egui::TextEdit::singleline(note).desired_width(360.0))
                .labelled_by(label.id);
            edit.request_focus();
            if ui.button("Keep").clicked() || ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                commands.push(Command::Edit(Edit::FixClaim(ClaimFix::Verdict {
                    row: *row,
                    verdict: *verdict,
                    note: note.trim().to_string(),
                })));
                done = true;
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                done = true;
            }
        });
    }
    if done {
        t.note = None;
    }
}

/// Up and Down (given as `t.step` by the keyboard) move the compared row
/// through the rows shown.
fn move_focus(app: &Workbench, t: &mut ClaimTable, rows: &[usize]) {
    if t.step == 0 {
        return;
    }
    let down = t.step > 0;
    let claims = &app.doc.analysis.claims;
    let anchor_of = |r: usize| {
        claims
            .get(rows[r])
            .and_then(|c| c.cells.first())
            .map(key_of)
    };
    let at = t
        .focused
        .and_then(|f| (0..rows.len()).find(|&r| anchor_of(r) == Some(f)));
    let next = match (at, down) {
        (Some(r), true) => (r + 1).min(rows.len() - 1),
        (Some(r), false) => r.saturating_sub(1),
        (None, _) => 0,
    };
    t.focused = anchor_of(next);
    t.scroll_to = Some(next);
}

impl ClaimTable {
    /// Starts a verdict on the compared row (keys 1, 2, 3): the note box
    /// opens with the row's current note.
    pub(super) fn ask_verdict(&mut self, claims: &[Claim], verdict: Verdict) {
        let Some(anchor) = self.focused else { return };
        let row = claims
            .iter()
            .find(|c| c.cells.first().is_some_and(|x| key_of(x) == anchor));
        let Some(row) = row else { return };
        let text = row
            .verdict
            .as_ref()
            .map(|(_, n)| n.clone())
            .unwrap_or_default();
        self.note = Some((anchor, verdict, text));
    }

    /// Compares the row whose first cell is `cell` (chosen elsewhere: the
    /// timeline).
    pub(super) fn focus(&mut self, cell: &Cell) {
        self.focused = Some(key_of(cell));
    }
}

fn header(ui: &mut egui::Ui, t: &mut ClaimTable, name: &str, sort: Sort) {
    // "v": most first (or A to Z), "^": the other way round.
    let marker = if t.sort == sort {
        if t.descending { " ^" } else { " v" }
    } else {
        ""
    };
    if ui
        .add(
            egui::Button::new(egui::RichText::new(format!("{name}{marker}")).strong()).frame(false),
        )
        .clicked()
    {
        if t.sort == sort {
            t.descending = !t.descending;
        } else {
            t.sort = sort;
            t.descending = false;
        }
    }
}

fn table(
    app: &Workbench,
    t: &mut ClaimTable,
    ui: &mut egui::Ui,
    rows: &[usize],
    columns: &[(SourceId, String)],
    commands: &mut Vec<Command>,
) {
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let dark = ui.visuals().dark_mode;
    let claims = &app.doc.analysis.claims;
    let mut builder = TableBuilder::new(ui);
    if let Some(r) = t.scroll_to.take() {
        builder = builder.scroll_to_row(r, Some(egui::Align::Center));
    }
    builder
        .id_salt("claim table")
        .auto_shrink([false, false])
        .striped(true)
        .column(Column::initial(280.0).clip(true).resizable(true))
        .column(Column::initial(120.0))
        .column(Column::initial(60.0))
        .column(Column::initial(60.0))
        .columns(
            Column::initial(170.0).clip(true).resizable(true),
            columns.len(),
        )
        .header(row_height, |mut h| {
            h.col(|ui| header(ui, t, "Claim", Sort::Summary));
            h.col(|ui| header(ui, t, "Status", Sort::Status));
            h.col(|ui| header(ui, t, "Sources", Sort::Sources));
            h.col(|ui| header(ui, t, "Origins", Sort::Origins));
            for (_, name) in columns {
                h.col(|ui| {
                    ui.strong(name);
                });
            }
        })
        .body(|body| {
            body.rows(row_height, rows.len(), |mut row| {
                let Some(claim) = rows.get(row.index()).and_then(|&i| claims.get(i)) else {
                    return;
                };
                let Some(anchor) = claim.cells.first().map(key_of) else {
                    return;
                };
                let picked = t.picked.contains(&anchor) || t.focused == Some(anchor);
                row.col(|ui| {
                    let mut text = egui::RichText::new(&claim.summary);
                    if claim.status == Status::Conflict {
                        text = text.color(status_color(Status::Conflict, dark));
                    }
                    let response = ui.add(egui::Button::selectable(picked, text).truncate());
                    let response = response.on_hover_ui(|ui| {
                        ui.label(&claim.summary);
                        if let Some(c) = &claim.conflict {
                            ui.colored_label(
                                status_color(Status::Conflict, dark),
                                format!("Disagree: {c}"),
                            );
                        }
                        if let Some(u) = &claim.update {
                            ui.colored_label(
                                status_color(Status::Updated, dark),
                                format!("Updated over time: {u}"),
                            );
                        }
                        if !claim.attributed_to.is_empty() {
                            ui.label(format!("Credited to {}", claim.attributed_to.join(", ")));
                        }
                        ui.label(format!(
                            "{} source(s), {} independent origin(s)",
                            claim.cells.len(),
                            claim.origins
                        ));
                        if let Some((v, note)) = &claim.verdict {
                            ui.label(format!("Your verdict: {} {note}", v.as_str()));
                        }
                        ui.weak("Click to compare its wordings and pick it for merging; right-click for more.");
                    });
                    if response.clicked() {
                        t.focused = Some(anchor);
                        if picked {
                            t.picked.retain(|k| *k != anchor);
                        } else {
                            t.picked.push(anchor);
                        }
                    }
                    response.context_menu(|ui| row_menu(t, ui, claim, anchor, app, commands));
                });
                row.col(|ui| {
                    let color = status_color(claim.status, dark);
                    ui.colored_label(color, status_text(claim));
                });
                row.col(|ui| {
                    ui.label(claim.cells.len().to_string());
                });
                row.col(|ui| {
                    ui.label(claim.origins.to_string());
                });
                for (id, _) in columns {
                    row.col(|ui| {
                        let Some(at) = claim.cells.iter().position(|c| c.source == *id) else {
                            return;
                        };
                        let cell = &claim.cells[at];
                        let disagrees = claim.disagreeing.contains(&at);
                        let job = cell_job(ui, app, cell, disagrees);
                        let response = ui
                            .add(egui::Label::new(job).sense(egui::Sense::click()).truncate())
                            .on_hover_text(text_of(app, cell));
                        if response.clicked() {
                            commands.push(Command::Show(cell.source, Some(cell.span)));
                        }
                        response.context_menu(|ui| {
                            if ui.button("Split this cell off").clicked() {
                                commands.push(Command::Edit(Edit::FixClaim(ClaimFix::SplitCell {
                                    cell: key_of(cell),
                                })));
                                ui.close();
                            }
                            if let Some(to) = t.picked.first().copied().filter(|k| *k != anchor)
                                && ui.button("Move to the picked row").clicked()
                            {
                                commands.push(Command::Edit(Edit::FixClaim(ClaimFix::MoveCell {
                                    cell: key_of(cell),
                                    to,
                                })));
                                ui.close();
                            }
                        });
                    });
                }
            });
        });
}

/// A cell's wording, its stated values marked when the row disagrees on them.
fn cell_job(ui: &egui::Ui, app: &Workbench, cell: &Cell, disagrees: bool) -> egui::text::LayoutJob {
    let text = text_of(app, cell);
    let font = egui::TextStyle::Body.resolve(ui.style());
    let plain = egui::TextFormat::simple(font.clone(), ui.visuals().text_color());
    let mut job = egui::text::LayoutJob::default();
    let mut at = cell.span.start;
    if disagrees {
        for v in &cell.values {
            if v.span.start < at || v.span.end > cell.span.end {
                continue;
            }
            let before = text
                .get(at - cell.span.start..v.span.start - cell.span.start)
                .unwrap_or("");
            job.append(before, 0.0, plain.clone());
            let mut marked = egui::TextFormat::simple(font.clone(), Color32::WHITE);
            marked.background = status_color(Status::Conflict, ui.visuals().dark_mode);
            job.append(
                text.get(v.span.start - cell.span.start..v.span.end - cell.span.start)
                    .unwrap_or(""),
                0.0,
                marked,
            );
            at = v.span.end;
        }
    }
    job.append(text.get(at - cell.span.start..).unwrap_or(""), 0.0, plain);
    job
}

fn row_menu(
    t: &mut ClaimTable,
    ui: &mut egui::Ui,
    claim: &Claim,
    anchor: CellKey,
    app: &Workbench,
    commands: &mut Vec<Command>,
) {
    let others: Vec<CellKey> = t.picked.iter().copied().filter(|k| *k != anchor).collect();
    if !others.is_empty()
        && ui
            .button(format!("Merge {} picked row(s) into this", others.len()))
            .clicked()
    {
        for merge in others {
            commands.push(Command::Edit(Edit::FixClaim(ClaimFix::MergeRows {
                keep: anchor,
                merge,
            })));
        }
        t.picked.clear();
        ui.close();
    }
    ui.menu_button("Verdict", |ui| {
        for v in Verdict::ALL {
            if ui.button(v.as_str()).clicked() {
                t.note = Some((anchor, v, String::new()));
                ui.close();
            }
        }
    });
    if claim.cells.len() > 1 {
        ui.menu_button("Split a cell off", |ui| {
            for cell in &claim.cells {
                let name = app
                    .doc
                    .project
                    .source(cell.source)
                    .and_then(|s| s.meta().outlet)
                    .unwrap_or_else(|| cell.source.to_string());
                if ui.button(name).clicked() {
                    commands.push(Command::Edit(Edit::FixClaim(ClaimFix::SplitCell {
                        cell: key_of(cell),
                    })));
                    ui.close();
                }
            }
        });
    }
}
