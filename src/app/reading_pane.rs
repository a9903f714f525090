//! The reading pane (centre): the selected report, with search hits and the
//! chosen passage highlighted, or the original text with what cleaning
//! removed struck through. The laid-out text is cached, not rebuilt per frame.

use super::entity_sidebar::kind_color;
use super::{Command, MetaField, Workbench};
use crate::corpus::{Source, SourceId, Span};
use crate::nlp::mentions::Kind;
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, Galley};
use rayon::prelude::*;
use std::sync::Arc;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// A passage another source shares word for word.
    Copied,
    Entity(Kind),
    /// A mention of the entity chosen in the sidebar.
    Chosen(Kind),
    Hit,
    Focus,
    Removed,
}

/// What a laid-out text depends on.
#[derive(Clone, PartialEq)]
struct Key {
    source: SourceId,
    revision: u64,
    search: u64,
    original: bool,
    dark: bool,
    focus: Option<Span>,
    entity: Option<String>,
    width: u32,
}

#[derive(Default)]
pub struct ReadingPane {
    cache: Option<(Key, Arc<Galley>)>,
    /// Metadata being edited: (source, title, outlet, date).
    edit: Option<(SourceId, String, String, String)>,
    /// The focus span last scrolled to.
    scrolled: Option<(SourceId, Span)>,
    /// Passages the shown source shares, per (revision, source).
    copies: Option<CopiesCache>,
    /// Points to scroll the text by (the keyboard's Up, Down, Page Up and
    /// Page Down; positive scrolls toward the end).
    pub(super) scroll_by: f32,
}

type CopiesCache = ((u64, SourceId), Vec<(SourceId, Span, usize)>);

/// What the pane hands back to the app: its commands and the original-text toggle.
/// The pane itself only reads the project, so it never copies a source.
struct Out {
    commands: Vec<Command>,
    show_original: bool,
}

pub fn reading_pane_ui(app: &mut Workbench, ui: &mut egui::Ui) {
    let mut pane = std::mem::take(&mut app.reading);
    let mut out = Out {
        commands: Vec::new(),
        show_original: app.show_original,
    };
    match app
        .selection
        .current
        .and_then(|id| app.doc.project.source(id))
    {
        Some(source) => {
            header_ui(&mut pane, &mut out, ui, source);
            copies_ui(app, &mut pane, &mut out, ui, source.id);
            ui.separator();
            text_ui(app, &mut pane, &mut out, ui, source);
        }
        None => {
            ui.centered_and_justified(|ui| {
                if app.is_busy() {
                    ui.spinner();
                } else {
                    ui.label("Select a source to read it.");
                }
            });
        }
    }
    app.reading = pane;
    app.show_original = out.show_original;
    for command in out.commands {
        app.send(command);
    }
}

/// The passages this source shares word for word with others, each naming
/// the other source and opening it there.
fn copies_ui(
    app: &Workbench,
    pane: &mut ReadingPane,
    out: &mut Out,
    ui: &mut egui::Ui,
    id: SourceId,
) {
    let key = (app.doc.revision, id);
    if pane.copies.as_ref().is_none_or(|(k, _)| *k != key) {
        let reuse = &app.doc.analysis.reuse;
        let shared: Vec<(SourceId, Span, usize)> = super::on_window_pool(|| {
            reuse
                .par_iter()
                .filter_map(|r| {
                    if r.a.source == id {
                        Some((r.b.source, r.b.span, r.words))
                    } else if r.b.source == id {
                        Some((r.a.source, r.a.span, r.words))
                    } else {
                        None
                    }
                })
                .collect()
        });
        pane.copies = Some((key, shared));
    }
    let shared = pane
        .copies
        .as_ref()
        .map(|(_, s)| s.clone())
        .unwrap_or_default();
    if shared.is_empty() {
        return;
    }
    // One button per other source: its passages and words, opening the first.
    let mut by_source: Vec<(SourceId, Span, usize, usize)> = Vec::new();
    for (other, span, words) in shared {
        match by_source.iter_mut().find(|e| e.0 == other) {
            Some(e) => {
                e.2 += 1;
                e.3 += words;
            }
            None => by_source.push((other, span, 1, words)),
        }
    }
    ui.horizontal_wrapped(|ui| {
        ui.weak("Copied passages (shaded) also in:");
        for (other, span, passages, words) in by_source.iter().take(12) {
            let name = app
                .doc
                .project
                .source(*other)
                .map(|s| s.meta().outlet.unwrap_or_else(|| s.id.to_string()))
                .unwrap_or_default();
            let what = if *passages == 1 {
                format!("{name} ({words} words)")
            } else {
                format!("{name} ({passages} passages, {words} words)")
            };
            if ui
                .small_button(what)
                .on_hover_text("Open the other source at the first shared passage")
                .clicked()
            {
                out.commands.push(Command::Show(*other, Some(*span)));
            }
        }
        if by_source.len() > 12 {
            ui.weak(format!("and {} more", by_source.len() - 12));
        }
    });
}

fn header_ui(pane: &mut ReadingPane, out: &mut Out, ui: &mut egui::Ui, source: &Source) {
    let meta = source.meta();
    ui.heading(&meta.title);
    ui.horizontal_wrapped(|ui| {
        ui.label(meta.outlet.as_deref().unwrap_or("no outlet"));
        ui.label("·");
        ui.label(meta.published.as_deref().unwrap_or("no date"));
        ui.label("·");
        ui.label(format!("{} words", source.words()));
        ui.label("·");
        ui.weak(&source.path);
        for w in &source.warnings {
            ui.colored_label(ui.visuals().warn_fg_color, format!("Warning: {w}"));
        }
    });
    ui.horizontal(|ui| {
        ui.checkbox(&mut out.show_original, "Show original text");
        let editing = pane.edit.as_ref().is_some_and(|e| e.0 == source.id);
        if !editing && ui.button("Edit details…").clicked() {
            pane.edit = Some((
                source.id,
                meta.title.clone(),
                meta.outlet.clone().unwrap_or_default(),
                meta.published.clone().unwrap_or_default(),
            ));
        }
    });
    let Some((_, title, outlet, date)) = pane.edit.as_mut().filter(|e| e.0 == source.id) else {
        return;
    };
    let mut apply = false;
    egui::Grid::new("meta edit").num_columns(2).show(ui, |ui| {
        for (field, value) in [
            (MetaField::Title, &mut *title),
            (MetaField::Outlet, &mut *outlet),
            (MetaField::Published, &mut *date),
        ] {
            let label = ui.label(field.label());
            let response = ui
                .add(egui::TextEdit::singleline(value).desired_width(320.0))
                .labelled_by(label.id);
            apply |= response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.end_row();
        }
    });
    let mut close = false;
    ui.horizontal(|ui| {
        apply |= ui.button("Apply").clicked();
        close = ui.button("Close").clicked();
    });
    if apply {
        for (field, value) in [
            (MetaField::Title, &*title),
            (MetaField::Outlet, &*outlet),
            (MetaField::Published, &*date),
        ] {
            if let Some(edit) = super::commands::meta_edit(source, field, value) {
                out.commands.push(Command::Edit(edit));
            }
        }
        close = true;
    }
    if close {
        pane.edit = None;
    }
}

fn text_ui(
    app: &Workbench,
    pane: &mut ReadingPane,
    out: &mut Out,
    ui: &mut egui::Ui,
    source: &Source,
) {
    let original = out.show_original;
    let mode = ui.weak(if original {
        "Original text"
    } else {
        "Cleaned text"
    });
    let focus = app.selection.focus;
    let text: &str = if original {
        &source.original
    } else {
        &source.cleaned
    };
    let key = Key {
        source: source.id,
        revision: app.doc.revision,
        search: app.search.revision,
        original,
        dark: ui.visuals().dark_mode,
        focus,
        entity: app.selection.entity.clone(),
        width: 0,
    };
    let mut selected: Option<(String, Span)> = None;
    let scroll = egui::ScrollArea::vertical()
        .id_salt(("reading", source.id))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let by = std::mem::take(&mut pane.scroll_by);
            if by != 0.0 {
                ui.scroll_with_delta(egui::vec2(0.0, -by));
            }
            let mut layouter = |ui: &egui::Ui, buffer: &dyn egui::TextBuffer, wrap: f32| {
                let key = Key {
                    width: wrap.to_bits(),
                    ..key.clone()
                };
                if let Some((k, galley)) = &pane.cache
                    && *k == key
                {
                    return Arc::clone(galley);
                }
                let job = layout(
                    ui,
                    buffer.as_str(),
                    &marks(app, source, original, focus),
                    wrap,
                );
                let galley = ui.ctx().fonts_mut(|f| f.layout_job(job));
                pane.cache = Some((key, Arc::clone(&galley)));
                galley
            };
            let mut shown = text;
            let output = egui::TextEdit::multiline(&mut shown)
                .id_salt("report text")
                .desired_width(f32::INFINITY)
                .frame(egui::Frame::NONE)
                .layouter(&mut layouter)
                .show(ui);
            let response = output.response.response.labelled_by(mode.id);
            let _ = response;
            if let Some(range) = output.cursor_range
                && !range.is_empty()
            {
                let (a, b) = (
                    usize::from(range.primary.index),
                    usize::from(range.secondary.index),
                );
                let (a, b) = (a.min(b), a.max(b));
                let picked: String = text.chars().skip(a).take(b - a).collect();
                let byte = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(i, _)| i);
                if !picked.trim().is_empty() {
                    selected = Some((picked, Span::new(byte(a), byte(b))));
                }
            }
            // Scroll to a newly chosen hit once, not on every frame.
            if let Some(f) = focus
                && !original
                && pane.scrolled != Some((source.id, f))
            {
                let chars = text.get(..f.start).map_or(0, |t| t.chars().count());
                let rect = output
                    .galley
                    .pos_from_cursor(egui::text::CCursor::new(chars));
                ui.scroll_to_rect(
                    rect.translate(output.galley_pos.to_vec2()),
                    Some(egui::Align::Center),
                );
                pane.scrolled = Some((source.id, f));
            }
        });
    let _ = scroll;
    if let Some((picked, span)) = selected {
        let short: String = picked.split_whitespace().collect::<Vec<_>>().join(" ");
        egui::Panel::bottom("selection actions").show(ui, |ui| {
            ui.horizontal(|ui| {
                if ui
                    .button(format!("Search for \"{}\"", clip(&short, 40)))
                    .clicked()
                {
                    let query = format!("\"{}\"", short.replace('"', ""));
                    out.commands.push(Command::Search(query));
                }
                if !original && ui.button("Add as a claim").clicked() {
                    out.commands.push(Command::Edit(super::Edit::FixClaim(
                        crate::corrections::ClaimFix::Manual {
                            source: source.id,
                            start: span.start,
                            end: span.end,
                            row: None,
                        },
                    )));
                }
            });
        });
    }
}

/// What to mark in the shown text: removed parts of the original, or the
/// search hits and the chosen passage in the cleaned text.
fn marks(
    app: &Workbench,
    source: &Source,
    original: bool,
    focus: Option<Span>,
) -> Vec<(Span, Mark)> {
    if original {
        return source
            .map
            .dropped(source.original.len())
            .into_iter()
            .map(|r| (Span::new(r.start, r.end), Mark::Removed))
            .collect();
    }
    let mut marks: Vec<(Span, Mark)> = app
        .search
        .hits
        .iter()
        .filter(|h| h.source == source.id)
        .flat_map(|h| h.highlights.iter().map(|s| (*s, Mark::Hit)))
        .collect();
    // Copied passages and entity mentions go first so that hits and the
    // focus paint over them. They are looked for through the archive's
    // (millions at 100,000 reports) on the window's pool.
    let chosen = app.selection.entity.as_deref();
    let analysis = &app.doc.analysis;
    let (copied, entity_marks) = super::on_window_pool(|| {
        let copied: Vec<(Span, Mark)> = analysis
            .reuse
            .par_iter()
            .flat_map_iter(|r| {
                [r.a, r.b]
                    .into_iter()
                    .filter(|m| m.source == source.id)
                    .map(|m| (m.span, Mark::Copied))
            })
            .collect();
        let entity_marks: Vec<(Span, Mark)> = analysis
            .entities
            .par_iter()
            .filter(|e| !e.hidden)
            .flat_map_iter(|e| {
                let mark = if chosen == Some(e.name.as_str()) {
                    Mark::Chosen(e.kind)
                } else {
                    Mark::Entity(e.kind)
                };
                e.mentions
                    .iter()
                    .filter(|m| m.source == source.id)
                    .map(move |m| (m.span, mark))
            })
            .collect();
        (copied, entity_marks)
    });
    let mut entity_marks: Vec<(Span, Mark)> = copied.into_iter().chain(entity_marks).collect();
    entity_marks.append(&mut marks);
    entity_marks.extend(focus.map(|f| (f, Mark::Focus)));
    entity_marks
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

/// The text as sections, each formatted by the marks that cover it.
fn layout(ui: &egui::Ui, text: &str, marks: &[(Span, Mark)], wrap: f32) -> LayoutJob {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let visuals = ui.visuals();
    let base = TextFormat::simple(font, visuals.text_color());
    let mut cuts = vec![0, text.len()];
    for (span, _) in marks {
        cuts.push(span.start.min(text.len()));
        cuts.push(span.end.min(text.len()));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut job = LayoutJob::default();
    job.wrap.max_width = wrap;
    for w in cuts.windows(2) {
        let (start, end) = (w[0], w[1]);
        let Some(piece) = text.get(start..end) else {
            continue;
        };
        let mut format = base.clone();
        for (span, mark) in marks {
            if span.start <= start && end <= span.end {
                match mark {
                    Mark::Copied => {
                        format.background = Color32::from_rgb(170, 140, 230)
                            .gamma_multiply(if visuals.dark_mode { 0.35 } else { 0.3 });
                    }
                    Mark::Entity(kind) => {
                        format.color = kind_color(*kind, visuals.dark_mode);
                        format.underline = egui::Stroke::new(1.0, format.color.gamma_multiply(0.5));
                    }
                    Mark::Chosen(kind) => {
                        format.color = kind_color(*kind, visuals.dark_mode);
                        format.background = format.color.gamma_multiply(0.18);
                        format.underline = egui::Stroke::new(2.0, format.color);
                    }
                    Mark::Hit => {
                        format.background = Color32::from_rgb(250, 220, 90)
                            .gamma_multiply(if visuals.dark_mode { 0.45 } else { 1.0 })
                    }
                    Mark::Focus => {
                        format.background = Color32::from_rgb(255, 150, 60)
                            .gamma_multiply(if visuals.dark_mode { 0.6 } else { 1.0 });
                    }
                    Mark::Removed => {
                        format.strikethrough = egui::Stroke::new(1.0, visuals.error_fg_color);
                        format.color = visuals.weak_text_color();
                    }
                }
            }
        }
        job.append(piece, 0.0, format);
    }
    job
}
