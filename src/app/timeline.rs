//! The timeline window: the chosen story's reports on a time axis by
//! publication date, labelled by outlet; under the axis each claim row where
//! it first appears (conflicts red, updates amber and joined to the days
//! their figure changed). Hover for the wording, click to open it in the
//! reading pane and compare it in the claim table. The claims are listed by
//! first appearance too, a row each, for reading and for screen readers.

use super::{Command, Workbench};
use crate::corpus::SourceId;
use crate::nlp::align::Status;
use crate::stories::Story;
use crate::timeline::{Appearance, Timeline, timeline};
use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Stroke, Vec2};

/// Height of one lane of report labels above the axis.
const LANE: f32 = 18.0;
/// Lanes of report labels before they overlap.
const MAX_LANES: usize = 8;
/// Characters of an outlet's name on the axis (the whole on hover).
const LABEL_CHARS: usize = 22;
/// Claims stacked on one day before "+N".
const MAX_STACK: usize = 12;
/// Side of a claim's square, and the step between two.
const SQUARE: f32 = 8.0;
const STEP: f32 = 10.0;
/// Space left and right of the axis, for the first and last labels.
const MARGIN: f32 = 48.0;

#[derive(Default)]
pub struct TimelineView {
    pub open: bool,
    /// (document revision, the story's first report) it was made for.
    key: Option<(u64, SourceId)>,
    made: Timeline,
    title: String,
}

impl Workbench {
    /// The story the timeline shows: the chosen one, or the only one.
    pub fn timeline_story(&self) -> Option<&Story> {
        self.chosen_story()
            .or(match self.doc.analysis.stories.as_slice() {
                [one] => Some(one),
                _ => None,
            })
    }

    /// Opens (or closes) the timeline window.
    pub fn show_timeline(&mut self, open: bool) {
        self.timeline.open = open;
    }
}

/// What a click in the timeline asks for: open a report, or a claim's first
/// wording (and compare its row).
enum Clicked {
    Report(SourceId),
    Claim(usize),
}

fn status_color(status: Status, dark: bool) -> Color32 {
    match (status, dark) {
        (Status::Conflict, false) => Color32::from_rgb(190, 30, 30),
        (Status::Conflict, true) => Color32::from_rgb(240, 100, 100),
        (Status::Updated, false) => Color32::from_rgb(170, 110, 0),
        (Status::Updated, true) => Color32::from_rgb(240, 180, 60),
        (_, false) => Color32::from_rgb(40, 90, 160),
        (_, true) => Color32::from_rgb(120, 170, 240),
    }
}

fn status_word(a: &Appearance) -> &'static str {
    match a.status {
        Status::Conflict => "conflict",
        Status::Updated => "update",
        _ => "",
    }
}

pub fn timeline_window(app: &mut Workbench, ctx: &egui::Context) {
    if !app.timeline.open {
        return;
    }
    let mut view = std::mem::take(&mut app.timeline);
    let mut open = true;
    let mut clicked: Option<Clicked> = None;
    egui::Window::new("Timeline")
        .open(&mut open)
        .default_size([1000.0, 600.0])
        .resizable(true)
        .show(ctx, |ui| match app.timeline_story() {
            None => {
                ui.label("Choose a story in the story list to see its timeline.");
            }
            Some(story) => {
                let Some(&first) = story.sources.first() else {
                    return;
                };
                let key = (app.doc.revision, first);
                if view.key != Some(key) {
                    view.made = timeline(&app.doc.project, &app.doc.analysis, story);
                    view.title = story.title.clone();
                    view.key = Some(key);
                }
                clicked = body(ui, &view);
            }
        });
    view.open = open;
    app.timeline = view;
    match clicked {
        Some(Clicked::Report(id)) => app.send(Command::Show(id, None)),
        Some(Clicked::Claim(i)) => {
            let Some(a) = app.timeline.made.claims.iter().find(|a| a.claim == i) else {
                return;
            };
            let (source, span) = (a.source, a.span);
            if let Some(cell) = app.doc.analysis.claims.get(i).and_then(|c| c.cells.first()) {
                app.claims_view.focus(cell);
            }
            app.send(Command::Show(source, Some(span)));
        }
        None => {}
    }
}

fn body(ui: &mut egui::Ui, view: &TimelineView) -> Option<Clicked> {
    let t = &view.made;
    let mut clicked = None;
    ui.label(egui::RichText::new(&view.title).strong());
    let dated = t.reports.iter().filter(|r| r.day.is_some()).count();
    let range = match (
        t.reports.first(),
        t.reports.iter().rfind(|r| r.day.is_some()),
    ) {
        (Some(a), Some(b)) if a.date != b.date => format!(
            "{} to {}",
            a.date.as_deref().unwrap_or(""),
            b.date.as_deref().unwrap_or("")
        ),
        (Some(a), Some(_)) => a.date.clone().unwrap_or_default(),
        _ => "no report is dated".to_string(),
    };
    ui.label(format!(
        "{} reports ({dated} dated), {range}; {} claims stated by two reports or more, in conflict or updated",
        t.reports.len(),
        t.claims.len()
    ));
    let dark = ui.visuals().dark_mode;
    ui.horizontal(|ui| {
        ui.weak("Above the axis: each report by date. Below: each claim where it first appears,");
        ui.colored_label(status_color(Status::Conflict, dark), "conflicts");
        ui.colored_label(status_color(Status::Updated, dark), "updates");
        ui.colored_label(status_color(Status::Corroborated, dark), "others");
    });
    if let Some(c) = axis(ui, t, dark) {
        clicked = Some(c);
    }
    let undated: Vec<&str> = t
        .reports
        .iter()
        .filter(|r| r.day.is_none())
        .map(|r| r.outlet.as_str())
        .collect();
    if !undated.is_empty() {
        ui.weak(format!("Undated: {}", undated.join(", ")));
    }
    ui.separator();
    ui.label("Claims by first appearance");
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    egui::ScrollArea::vertical()
        .id_salt("timeline claims")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, t.claims.len(), |ui, rows| {
            for a in &t.claims[rows] {
                ui.horizontal(|ui| {
                    ui.monospace(a.date.as_deref().unwrap_or("undated  "));
                    let word = status_word(a);
                    if !word.is_empty() {
                        ui.colored_label(status_color(a.status, dark), word);
                    }
                    let response = ui
                        .add(
                            egui::Label::new(&a.summary)
                                .sense(Sense::click())
                                .truncate(),
                        )
                        .on_hover_text(hover(a));
                    if response.clicked() {
                        clicked = Some(Clicked::Claim(a.claim));
                    }
                });
            }
        });
    clicked
}

fn hover(a: &Appearance) -> String {
    let mut text = format!(
        "{}\nFirst: {}{}; stated by {} report(s)",
        a.summary,
        a.outlet,
        a.date
            .as_deref()
            .map(|d| format!(" ({d})"))
            .unwrap_or_default(),
        a.reports
    );
    if let Some(u) = &a.update {
        text.push_str(&format!("\nUpdate: {u}"));
    }
    if a.status == Status::Conflict {
        text.push_str("\nIn conflict: the reports disagree on it");
    }
    text
}

/// The axis with the reports above and the claims below; what was clicked.
fn axis(ui: &mut egui::Ui, t: &Timeline, dark: bool) -> Option<Clicked> {
    let (first, last) = t.span?;
    let width = ui.available_width().max(2.0 * MARGIN + 100.0);
    let stack = t
        .claims
        .iter()
        .fold(std::collections::HashMap::new(), |mut m, a| {
            if let Some(d) = a.day {
                *m.entry(d).or_insert(0usize) += 1;
            }
            m
        })
        .values()
        .copied()
        .max()
        .unwrap_or(0)
        .min(MAX_STACK);
    let above = LANE * (MAX_LANES as f32 + 1.0);
    let height = above + 24.0 + STEP * stack as f32 + 20.0;
    let (rect, _) = ui.allocate_exact_size(Vec2::new(width, height), Sense::hover());
    let painter = ui.painter_at(rect);
    let text_color = ui.visuals().text_color();
    let weak = ui.visuals().weak_text_color();
    let font = FontId::proportional(12.0);
    let left = rect.left() + MARGIN;
    let span = (last - first).max(1) as f32;
    let inner = width - 2.0 * MARGIN;
    let x_of = |day: i64| {
        if first == last {
            left + inner / 2.0
        } else {
            left + (day - first) as f32 / span * inner
        }
    };
    let y_axis = rect.top() + above + 4.0;
    painter.line_segment(
        [Pos2::new(left, y_axis), Pos2::new(left + inner, y_axis)],
        Stroke::new(1.0, weak),
    );
    let mut clicked = None;
    // Date labels under the axis where there is room.
    let mut last_label = f32::MIN;
    for r in &t.reports {
        let (Some(day), Some(date)) = (r.day, &r.date) else {
            continue;
        };
        let x = x_of(day);
        painter.line_segment(
            [Pos2::new(x, y_axis - 3.0), Pos2::new(x, y_axis + 3.0)],
            Stroke::new(1.0, weak),
        );
        if x - last_label > 90.0 {
            painter.text(
                Pos2::new(x, y_axis + 4.0),
                Align2::CENTER_TOP,
                date.get(..10).unwrap_or(date),
                FontId::proportional(10.0),
                weak,
            );
            last_label = x;
        }
    }
    // Reports in lanes above the axis: a dot and the outlet's name, to the
    // right of the dot (to its left near the axis' end). A report with no
    // free lane is counted in a "+N" over its day rather than drawn over
    // another's name.
    let mut lane_end = [f32::MIN; MAX_LANES];
    let mut hidden: std::collections::BTreeMap<i64, usize> = std::collections::BTreeMap::new();
    for (i, r) in t.reports.iter().enumerate() {
        let Some(day) = r.day else { continue };
        let x = x_of(day);
        let name: String = r.outlet.chars().take(LABEL_CHARS).collect();
        let galley = painter.layout_no_wrap(name, font.clone(), text_color);
        let label_width = galley.size().x;
        let leftwards = x + 8.0 + label_width > rect.right();
        let (from, to) = if leftwards {
            (x - 8.0 - label_width, x + 5.0)
        } else {
            (x - 5.0, x + 8.0 + label_width)
        };
        let Some(lane) = (0..MAX_LANES).find(|&l| lane_end[l] < from) else {
            *hidden.entry(day).or_default() += 1;
            continue;
        };
        lane_end[lane] = to;
        let y = y_axis - 8.0 - LANE * (lane as f32 + 0.5);
        painter.line_segment(
            [Pos2::new(x, y), Pos2::new(x, y_axis)],
            Stroke::new(0.5, weak),
        );
        painter.circle_filled(Pos2::new(x, y), 4.0, text_color);
        let label_x = if leftwards {
            x - 7.0 - label_width
        } else {
            x + 7.0
        };
        painter.galley(
            Pos2::new(label_x, y - galley.size().y / 2.0),
            galley,
            text_color,
        );
        let hit = Rect::from_min_max(
            Pos2::new(from, y - LANE / 2.0),
            Pos2::new(to, y + LANE / 2.0),
        );
        let response = ui
            .interact(
                hit,
                ui.scope_id().with(("timeline report", i)),
                Sense::click(),
            )
            .on_hover_text(format!(
                "{} · {}\n{}",
                r.outlet,
                r.date.as_deref().unwrap_or(""),
                r.title
            ));
        if response.clicked() {
            clicked = Some(Clicked::Report(r.source));
        }
    }
    for (day, count) in hidden {
        let x = x_of(day);
        let anchor = if x + 60.0 > rect.right() {
            Align2::RIGHT_BOTTOM
        } else {
            Align2::LEFT_BOTTOM
        };
        painter.text(
            Pos2::new(x, y_axis - 8.0 - LANE * MAX_LANES as f32 + 2.0),
            anchor,
            format!("+{count} more"),
            FontId::proportional(11.0),
            weak,
        );
    }
    // Claims below the axis where they first appear, stacked per day.
    let mut on_day: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    let top = y_axis + 20.0;
    for a in &t.claims {
        let Some(day) = a.day else { continue };
        let k = on_day.entry(day).or_insert(0);
        let x = x_of(day);
        if *k >= MAX_STACK {
            *k += 1;
            continue;
        }
        let y = top + STEP * *k as f32;
        *k += 1;
        let color = status_color(a.status, dark);
        for &step in &a.steps {
            let to = x_of(step);
            painter.line_segment(
                [
                    Pos2::new(x, y + SQUARE / 2.0),
                    Pos2::new(to, y + SQUARE / 2.0),
                ],
                Stroke::new(1.5, color),
            );
            painter.circle_filled(Pos2::new(to, y + SQUARE / 2.0), 3.0, color);
        }
        let square = Rect::from_min_size(Pos2::new(x - SQUARE / 2.0, y), Vec2::splat(SQUARE));
        painter.rect_filled(square, 1.0, color);
        let response = ui
            .interact(
                square.expand(1.0),
                ui.scope_id().with(("timeline claim", a.claim)),
                Sense::click(),
            )
            .on_hover_text(hover(a));
        if response.clicked() {
            clicked = Some(Clicked::Claim(a.claim));
        }
    }
    for (day, count) in on_day {
        if count > MAX_STACK {
            painter.text(
                Pos2::new(x_of(day), top + STEP * MAX_STACK as f32),
                Align2::CENTER_TOP,
                format!("+{}", count - MAX_STACK),
                FontId::proportional(10.0),
                weak,
            );
        }
    }
    clicked
}
