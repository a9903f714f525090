//! Search (Ctrl+F): a query over the tantivy index, hits with highlighted
//! snippets; choosing a hit opens its source at the hit.

use super::{Command, Workbench};
use egui::text::{LayoutJob, TextFormat};

pub fn search_ui(app: &mut Workbench, ui: &mut egui::Ui) {
    ui.heading("Search");
    let response = ui.horizontal(|ui| {
        let label = ui.label("Query:");
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut app.search.query)
                    .hint_text("words, \"phrase\", a OR b, Kantor~1, outlet:x")
                    .desired_width(ui.available_width() - 60.0),
            )
            .labelled_by(label.id);
        let go = ui.button("Find").clicked();
        (response, go)
    });
    let (edit, go) = response.inner;
    if std::mem::take(&mut app.search.focus) {
        edit.request_focus();
    }
    if go || (edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))) {
        app.send(Command::Search(app.search.query.clone()));
    }
    if edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        app.send(Command::ClearSearch);
    }
    ui.horizontal(|ui| {
        ui.checkbox(&mut app.search.only_hit_sources, "Only sources with hits");
        if !app.search.ran.is_empty() && ui.small_button("Clear").clicked() {
            app.send(Command::ClearSearch);
        }
    });
    if let Some(error) = &app.search.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
    if app.search.ran.is_empty() {
        return;
    }
    let hits = app.search.hits.len();
    let sources: std::collections::HashSet<_> = app.search.hits.iter().map(|h| h.source).collect();
    ui.label(format!("{hits} hits in {} sources", sources.len()));
    // Fixed-height rows (a title line and three snippet lines) let only the visible hits be laid out.
    let row_height = ui.text_style_height(&egui::TextStyle::Body)
        + 3.0 * ui.text_style_height(&egui::TextStyle::Small)
        + 14.0;
    egui::ScrollArea::vertical()
        .id_salt("hits")
        .max_height(ui.available_height() * 0.55)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, hits, |ui, range| {
            for i in range {
                let Some(hit) = app.search.hits.get(i) else {
                    continue;
                };
                let Some(source) = app.doc.project.source(hit.source) else {
                    continue;
                };
                let title = source.meta().title;
                let selected = app.selection.focus.is_some_and(|f| {
                    app.selection.current == Some(hit.source)
                        && hit.paragraph.start <= f.start
                        && f.end <= hit.paragraph.end
                });
                let job = snippet_job(ui, &source.cleaned, hit);
                ui.vertical(|ui| {
                    ui.set_height(row_height - 8.0);
                    let title =
                        egui::Button::selectable(selected, egui::RichText::new(&title).strong())
                            .truncate();
                    if ui.add(title).clicked() {
                        app.send(Command::OpenHit(i));
                    }
                    if ui
                        .add(egui::Label::new(job).sense(egui::Sense::click()).wrap())
                        .clicked()
                    {
                        app.send(Command::OpenHit(i));
                    }
                });
                ui.separator();
            }
        });
}

/// The hit's snippet with its matched words in bold on a highlight.
fn snippet_job(ui: &egui::Ui, text: &str, hit: &crate::index::Hit) -> LayoutJob {
    let font = egui::TextStyle::Small.resolve(ui.style());
    let plain = TextFormat::simple(font.clone(), ui.visuals().text_color());
    let mut marked = plain.clone();
    marked.background = egui::Color32::from_rgb(250, 220, 90)
        .gamma_multiply(if ui.visuals().dark_mode { 0.45 } else { 1.0 });
    let mut job = LayoutJob::default();
    job.wrap.max_rows = 3;
    job.wrap.max_width = ui.available_width();
    let mut at = hit.snippet.start;
    let flat = |s: &str| s.replace('\n', " ");
    for h in &hit.highlights {
        if let Some(before) = text.get(at..h.start) {
            job.append(&flat(before), 0.0, plain.clone());
        }
        if let Some(word) = text.get(h.range()) {
            job.append(&flat(word), 0.0, marked.clone());
        }
        at = h.end;
    }
    if let Some(rest) = text.get(at..hit.snippet.end) {
        job.append(&flat(rest), 0.0, plain);
    }
    job
}
