//! The story list (left, above the sources): the events the reports tell,
//! searchable, each with its report count, outlets and dates. Choosing one
//! narrows the sources, the entities and the claim table to it; "All
//! stories" brings the archive back.

use super::Workbench;
use crate::corpus::SourceId;
use crate::stories::Story;
use rayon::prelude::*;

/// Rows shown at once before the list scrolls.
const VISIBLE_ROWS: f32 = 6.0;
/// Outlets named in a row before "and N more".
const OUTLETS_SHOWN: usize = 3;
/// Characters of a title shown in a row (the whole title on hover).
const TITLE_CHARS: usize = 90;

/// One story as listed: worked out once per change, not every frame.
struct Row {
    index: usize,
    label: String,
    detail: String,
    title: String,
}

#[derive(Default)]
pub struct StoryList {
    pub filter: String,
    rows: Vec<Row>,
    /// (document revision, filter)
    key: Option<(u64, String)>,
}

impl Workbench {
    /// The story the person chose, found by the report that stands for it,
    /// so the choice survives a re-analysis.
    pub fn chosen_story(&self) -> Option<&Story> {
        self.doc.analysis.stories.get(self.chosen_story_index()?)
    }

    /// Where the chosen story is in the analysis's list.
    pub fn chosen_story_index(&self) -> Option<usize> {
        let by = self.selection.story?;
        self.doc
            .analysis
            .stories
            .iter()
            .position(|st| st.sources.contains(&by))
    }

    /// Narrows every view to a story (`None`: the whole archive).
    pub fn choose_story(&mut self, story: Option<usize>) {
        let first = story
            .and_then(|i| self.doc.analysis.stories.get(i))
            .and_then(|st| st.sources.first().copied());
        self.selection.story = first;
        self.selection.sources.clear();
        if first.is_some() {
            self.selection.current = first;
            self.selection.focus = None;
        }
    }
}

/// "Reuters, AP, BBC and 4 more".
fn outlets(project: &crate::project::Project, st: &Story) -> (Vec<String>, String) {
    let mut names: Vec<String> = Vec::new();
    for id in &st.sources {
        let name = project
            .source(*id)
            .and_then(|s| s.meta().outlet)
            .unwrap_or_default();
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    let shown = names
        .iter()
        .take(OUTLETS_SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    let text = match names.len() {
        0 => "no outlet named".to_string(),
        n if n > OUTLETS_SHOWN => format!("{shown} and {} more", n - OUTLETS_SHOWN),
        _ => shown,
    };
    (names, text)
}

fn dates(st: &Story) -> String {
    match (&st.first, &st.last) {
        (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
        (Some(a), _) => a.clone(),
        _ => "undated".to_string(),
    }
}

impl StoryList {
    /// The story `step` rows from story `at` in the list as shown (the
    /// first one when none is chosen or it is filtered out).
    pub fn step(&self, at: Option<usize>, step: isize) -> Option<usize> {
        let row = at.and_then(|a| self.rows.iter().position(|r| r.index == a));
        let next = super::keys::step_in(row, step, self.rows.len());
        self.rows.get(next).map(|r| r.index)
    }

    fn refresh(&mut self, app: &Workbench) {
        let key = (app.doc.revision, self.filter.trim().to_lowercase());
        if self.key.as_ref() == Some(&key) {
            return;
        }
        let needle = key.1.as_str();
        let analysis = &app.doc.analysis;
        let project = &app.doc.project;
        // Ten thousand stories at 100,000 reports: on both cores.
        self.rows = super::on_window_pool(|| {
            analysis
                .stories
                .par_iter()
                .enumerate()
                .filter_map(|(index, st)| {
                    let (names, outlet_text) = outlets(project, st);
                    let found = needle.is_empty()
                        || st.title.to_lowercase().contains(needle)
                        || names.iter().any(|o| o.to_lowercase().contains(needle))
                        || st
                            .entities
                            .iter()
                            .filter_map(|&e| analysis.entities.get(e))
                            .any(|e| e.name.to_lowercase().contains(needle));
                    if !found {
                        return None;
                    }
                    let n = st.sources.len();
                    let mut title: String = st.title.chars().take(TITLE_CHARS).collect();
                    if title.len() < st.title.len() {
                        title.push('…');
                    }
                    Some(Row {
                        index,
                        label: format!("{title} ({n} report{})", if n == 1 { "" } else { "s" }),
                        detail: format!("{} · {outlet_text}", dates(st)),
                        title: st.title.clone(),
                    })
                })
                .collect()
        });
        self.key = Some(key);
    }
}

pub fn story_list_ui(app: &mut Workbench, ui: &mut egui::Ui) {
    let mut list = std::mem::take(&mut app.stories);
    list.refresh(app);
    let chosen: Option<SourceId> = app
        .chosen_story()
        .and_then(|st| st.sources.first().copied());
    let mut choose: Option<Option<usize>> = None;
    ui.horizontal(|ui| {
        ui.heading("Stories");
        ui.label(format!(
            "{}/{}",
            list.rows.len(),
            app.doc.analysis.stories.len()
        ));
        if ui
            .add_enabled(chosen.is_some(), egui::Button::new("All stories"))
            .on_hover_text("Show every report of the archive again")
            .clicked()
        {
            choose = Some(None);
        }
        if ui
            .add_enabled(
                app.timeline_story().is_some(),
                egui::Button::new("Timeline"),
            )
            .on_hover_text("The story's reports and claims in time")
            .on_disabled_hover_text("Choose a story first")
            .clicked()
        {
            app.show_timeline(true);
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label("Find story:");
        ui.add(
            egui::TextEdit::singleline(&mut list.filter)
                .hint_text("title, outlet or name")
                .desired_width(200.0),
        )
        .labelled_by(label.id);
    });
    let row_height = ui.text_style_height(&egui::TextStyle::Body) * 2.0 + 6.0;
    egui::ScrollArea::vertical()
        .id_salt("stories")
        .max_height(row_height * VISIBLE_ROWS)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, list.rows.len(), |ui, range| {
            for row in &list.rows[range] {
                let st = &app.doc.analysis.stories[row.index];
                let selected = chosen.is_some() && st.sources.first().copied() == chosen;
                let response = ui
                    .selectable_label(selected, &row.label)
                    .on_hover_text(&row.title);
                ui.weak(&row.detail);
                if response.clicked() {
                    choose = Some(if selected { None } else { Some(row.index) });
                }
            }
        });
    app.stories = list;
    if let Some(story) = choose {
        app.choose_story(story);
    }
}
