//! The workbench window driven as a person would, through egui_kittest.

use corroborate::app::{Command, Startup, Workbench};
use corroborate::corpus::SourceId;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

fn open(startup: Startup) -> Harness<'static, Workbench> {
    // Frames 50 ms apart, so two clicks on consecutive frames make a double-click.
    // No recovery folder: tests never touch the person's own.
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_step_dt(0.05)
        .build_eframe(move |cc| Workbench::with_recovery(cc, startup, None));
    settle(&mut harness);
    harness
}

/// Steps the window until its background job is done, as a person waits for the progress bar.
fn settle(harness: &mut Harness<'static, Workbench>) {
    harness.step();
    for _ in 0..4000 {
        if !harness.state().is_busy() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
        harness.step();
    }
    assert!(!harness.state().is_busy(), "the job finished");
    harness.run_steps(3);
}

fn title_of(harness: &Harness<'static, Workbench>, i: usize) -> (SourceId, String) {
    let source = &harness.state().doc.project.sources[i];
    (source.id, source.meta().title)
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn the_sample_opens_and_a_selected_source_is_read() {
    let mut harness = open(Startup::Sample);
    assert_eq!(harness.state().doc.project.sources.len(), 7);
    let (id, title) = title_of(&harness, 2);
    assert_eq!(
        harness.query_all_by_label(&title).count(),
        1,
        "only in the list"
    );
    harness.get_by_label(&title).click();
    harness.run_steps(3);
    assert_eq!(harness.state().selection.current, Some(id));
    // The list row and the reading pane's heading.
    assert_eq!(harness.query_all_by_label(&title).count(), 2);
    assert!(harness.query_by_label("Cleaned text").is_some());

    // The arrow keys move through the list.
    let (next, _) = title_of(&harness, 3);
    harness.key_press(egui::Key::ArrowDown);
    harness.run_steps(2);
    assert_eq!(harness.state().selection.current, Some(next));
    harness.key_press(egui::Key::ArrowUp);
    harness.run_steps(2);
    assert_eq!(harness.state().selection.current, Some(id));
}

#[test]
fn a_query_lists_hits_and_a_hit_opens_its_source() {
    let mut harness = open(Startup::Sample);
    let query = harness.get_by_label("Query:");
    query.click();
    query.type_text("\"storage permit\"");
    harness.run_steps(2);
    harness.get_by_label("Find").click();
    harness.run_steps(3);
    let hits = harness.state().search.hits.clone();
    assert!(!hits.is_empty());
    let sources: std::collections::HashSet<_> = hits.iter().map(|h| h.source).collect();
    assert_eq!(sources.len(), 4);
    assert!(
        harness
            .query_by_label(&format!("{} hits in 4 sources", hits.len()))
            .is_some()
    );

    // A hit in another source than the one being read: click its snippet.
    let current = harness.state().selection.current;
    let (i, hit) = hits
        .iter()
        .enumerate()
        .find(|(_, h)| Some(h.source) != current)
        .expect("a hit elsewhere");
    let text = harness
        .state()
        .doc
        .project
        .source(hit.source)
        .expect("source")
        .cleaned[hit.snippet.range()]
    .replace('\n', " ");
    // The same sentence may also be a cell of the claim table; the hit list is wanted.
    harness.state_mut().settings.show_claims = false;
    harness.run_steps(2);
    harness.get_by_label(&text).click();
    harness.run_steps(3);
    assert_eq!(harness.state().selection.current, Some(hit.source));
    assert_eq!(
        harness.state().selection.focus,
        hit.highlights.first().copied()
    );
    let _ = i;

    // Esc clears the search.
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    assert!(harness.state().search.hits.is_empty());
}

#[test]
fn dropped_files_are_imported_and_bad_ones_reported() {
    let mut harness = open(Startup::Sample);
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("river.txt");
    let b = dir.path().join("bridge.html");
    let bad = dir.path().join("photo.png");
    std::fs::write(
        &a,
        "River floods the lower town – Valley Times\n\nThe river rose two metres overnight.",
    )
    .expect("write");
    std::fs::write(
        &b,
        "<title>Bridge closed | Metro Daily</title><p>The old bridge was closed on Monday.</p>",
    )
    .expect("write");
    std::fs::write(&bad, b"\x89PNG\r\n").expect("write");
    for path in [&a, &b, &bad] {
        harness
            .input_mut()
            .dropped_files
            .push(Arc::new(Dropped(path.clone())));
    }
    settle(&mut harness);
    assert_eq!(harness.state().doc.project.sources.len(), 9);
    assert!(
        harness
            .query_by_label("River floods the lower town")
            .is_some()
    );
    assert!(harness.query_by_label("Bridge closed").is_some());
    assert!(harness.state().doc.dirty);
    assert!(
        harness
            .query_by_label_contains("photo.png: .png files are not supported")
            .is_some()
    );
}

#[test]
fn removing_a_source_can_be_undone() {
    let mut harness = open(Startup::Sample);
    let (id, title) = title_of(&harness, 4);
    harness.get_by_label(&title).click();
    harness.run_steps(2);
    harness.get_by_label("Remove").click();
    harness.run_steps(3);
    assert_eq!(harness.state().doc.project.sources.len(), 6);
    assert!(harness.query_by_label(&title).is_none());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(3);
    assert_eq!(harness.state().doc.project.sources.len(), 7);
    assert_eq!(harness.state().doc.project.sources[4].id, id);
    assert!(harness.query_by_label(&title).is_some());
    // Redo removes it again, and the index follows.
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    harness.run_steps(3);
    assert_eq!(harness.state().doc.project.sources.len(), 6);
}

#[test]
fn a_saved_project_reopens_with_the_same_sources() {
    let mut harness = open(Startup::Sample);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("saved.corroborate");
    harness.state_mut().send(Command::SaveAs(path.clone()));
    harness.run_steps(2);
    assert!(path.exists());
    assert!(!harness.state().doc.dirty);
    assert!(harness.query_by_label_contains("saved").is_some());
    let before = harness.state().doc.project.clone();

    let mut reopened = open(Startup::Open(path.clone()));
    assert_eq!(reopened.state().doc.project, before);
    assert_eq!(reopened.state().doc.path.as_deref(), Some(path.as_path()));
    reopened.run_steps(1);
}

#[test]
fn a_damaged_project_is_reported_in_the_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bad.corroborate");
    std::fs::write(
        &path,
        b"{\"format\":\"corroborate.project\",\"version\":1,\"sources\":[",
    )
    .expect("write");
    let harness = open(Startup::Open(path.clone()));
    assert!(harness.query_by_label_contains("is damaged").is_some());
    assert_eq!(std::fs::read(&path).expect("read").len(), 55);
}

#[test]
fn an_outlet_is_corrected_in_place_and_the_correction_undone() {
    let mut harness = open(Startup::Sample);
    let id = harness
        .state()
        .doc
        .project
        .sources
        .iter()
        .find(|s| s.meta().outlet.as_deref() == Some("Northreach Times"))
        .map(|s| s.id)
        .expect("the Northreach Times report");
    // The outlet is also an entity and a claim column; only the source list's cell is wanted here.
    harness.state_mut().settings.show_entities = false;
    harness.state_mut().settings.show_claims = false;
    harness.run_steps(2);
    let cell = harness.get_by_label("Northreach Times");
    cell.click();
    cell.click();
    harness.run_steps(2);
    let editor = harness.get_by_label("Correct the outlet");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    editor.type_text("Northreach Daily");
    harness.run_steps(1);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(3);
    let outlet = |h: &Harness<'static, Workbench>| {
        h.state()
            .doc
            .project
            .source(id)
            .and_then(|s| s.meta().outlet)
    };
    assert_eq!(outlet(&harness).as_deref(), Some("Northreach Daily"));
    assert!(harness.query_by_label("Northreach Daily").is_some());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(3);
    assert_eq!(outlet(&harness).as_deref(), Some("Northreach Times"));
}

#[test]
fn files_that_fail_are_listed_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("a.txt"),
        "The ferry sank near the pier, officials said.",
    )
    .expect("write");
    std::fs::write(dir.path().join("b.png"), b"\x89PNG\r\n").expect("write");
    let harness = open(Startup::Import(vec![dir.path().to_path_buf()]));
    assert_eq!(harness.state().doc.project.sources.len(), 1);
    assert_eq!(harness.state().doc.project.skipped.len(), 1);
    assert!(
        harness
            .query_by_label_contains("b.png: .png files are not supported")
            .is_some()
    );
}

fn entities<'a>(harness: &'a Harness<'static, Workbench>) -> &'a [corroborate::analysis::Entity] {
    &harness.state().doc.analysis.entities
}

fn entity_names(harness: &Harness<'static, Workbench>) -> Vec<String> {
    entities(harness).iter().map(|e| e.name.clone()).collect()
}

fn aliases_of(harness: &Harness<'static, Workbench>, name: &str) -> Vec<String> {
    let found = entities(harness).iter().find(|e| e.name == name);
    found.map(|e| e.aliases.clone()).unwrap_or_default()
}

#[test]
fn an_entity_dragged_onto_another_merges_and_undo_splits_them_again() {
    let mut harness = open(Startup::Sample);
    let names = entity_names(&harness);
    assert!(names.contains(&"Miriam Okafor".to_string()), "{names:?}");
    assert!(names.contains(&"Teodor Brandvold".to_string()), "{names:?}");
    let from = harness.get_by_label("Teodor Brandvold").rect().center();
    let to = harness.get_by_label("Miriam Okafor").rect().center();
    harness.drag_at(from);
    harness.run_steps(2);
    harness.hover_at(egui::pos2(from.x, from.y - 4.0));
    harness.run_steps(2);
    harness.hover_at(to);
    harness.run_steps(2);
    harness.drop_at(to);
    harness.run_steps(4);
    let names = entity_names(&harness);
    assert!(
        !names.contains(&"Teodor Brandvold".to_string()),
        "merged away"
    );
    assert!(aliases_of(&harness, "Miriam Okafor").contains(&"Brandvold".to_string()));
    assert!(harness.state().doc.dirty);

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(3);
    let names = entity_names(&harness);
    assert!(
        names.contains(&"Teodor Brandvold".to_string()),
        "the merge is undone"
    );
    assert!(!aliases_of(&harness, "Miriam Okafor").contains(&"Brandvold".to_string()));
    assert!(harness.state().doc.project.entity_fixes.is_empty());
}

#[test]
fn picked_entities_merge_with_the_merge_button() {
    let mut harness = open(Startup::Sample);
    harness.get_by_label("Find entity:").type_text("a");
    harness.run_steps(2);
    harness
        .get_by_label("Lena Marsh")
        .click_modifiers(egui::Modifiers::COMMAND);
    harness.run_steps(1);
    harness
        .get_by_label("Ruth Anselm")
        .click_modifiers(egui::Modifiers::COMMAND);
    harness.run_steps(2);
    assert!(harness.query_by_label("2 picked").is_some());
    harness.get_by_label("Merge").click();
    harness.run_steps(4);
    let names = entity_names(&harness);
    assert_eq!(
        names.contains(&"Lena Marsh".to_string()) as u8
            + names.contains(&"Ruth Anselm".to_string()) as u8,
        1,
        "one of the two is left"
    );
    // Undo from the Edit menu.
    harness.get_by_label("Edit").click();
    harness.run_steps(3);
    harness.get_by_label_contains("Undo").click();
    harness.run_steps(3);
    let names = entity_names(&harness);
    assert!(
        names.contains(&"Lena Marsh".to_string()) && names.contains(&"Ruth Anselm".to_string())
    );
}

#[test]
fn an_entity_lists_its_mentions_and_one_opens_in_the_reading_pane() {
    let mut harness = open(Startup::Sample);
    harness.state_mut().settings.show_claims = false;
    // As a person would in a long list: find it by name first.
    harness.get_by_label("Find entity:").type_text("Westbrook");
    harness.run_steps(2);
    harness.get_by_label("Westbrook Primary School").click();
    harness.run_steps(3);
    assert_eq!(
        harness.state().selection.entity.as_deref(),
        Some("Westbrook Primary School")
    );
    // Mentions in context, grouped by source, every spelling among them.
    let entity = harness
        .state()
        .doc
        .analysis
        .entities
        .iter()
        .find(|e| e.name == "Westbrook Primary School")
        .cloned()
        .unwrap();
    assert!(harness.query_by_label_contains("Also written:").is_some());
    let translated = harness
        .state()
        .doc
        .project
        .sources
        .iter()
        .find(|s| s.path.ends_with("03_translated.txt"))
        .map(|s| s.id)
        .unwrap();
    let mention = entity
        .mentions
        .iter()
        .find(|m| m.source == translated)
        .copied()
        .unwrap();
    // The line in context, not the "Also written" list above it.
    harness
        .query_all_by_label_contains("school of Westbrook")
        .last()
        .unwrap()
        .click();
    harness.run_steps(3);
    assert_eq!(harness.state().selection.current, Some(translated));
    assert_eq!(harness.state().selection.focus, Some(mention.span));
}

fn claim_count(harness: &Harness<'static, Workbench>) -> usize {
    harness.state().doc.analysis.claims.len()
}

#[test]
fn a_claim_cell_opens_its_sentence_in_the_reading_pane() {
    let mut harness = open(Startup::Sample);
    // Room for every source's column.
    harness.state_mut().settings.show_entities = false;
    harness.state_mut().settings.show_search = false;
    harness.get_by_label("Find claim:").type_text("2,100");
    harness.run_steps(3);
    let state = harness.state();
    let row = state
        .doc
        .analysis
        .claims
        .iter()
        .find(|c| c.conflict.as_deref().is_some_and(|t| t.contains("2,100")))
        .expect("the tonnage conflict");
    let cell = row
        .cells
        .iter()
        .find(|c| {
            let text = &state.doc.project.source(c.source).unwrap().cleaned[c.span.range()];
            text != row.summary && text.contains("1,200 tonnes")
        })
        .cloned()
        .expect("a cell that is not the summary");
    let text =
        state.doc.project.source(cell.source).unwrap().cleaned[cell.span.range()].to_string();
    harness.get_by_label(&text).click();
    harness.run_steps(3);
    assert_eq!(harness.state().selection.current, Some(cell.source));
    assert_eq!(harness.state().selection.focus, Some(cell.span));
}

#[test]
fn two_claim_rows_merge_and_the_merge_undoes() {
    let mut harness = open(Startup::Sample);
    let before = claim_count(&harness);
    let (a, b) = {
        let claims = &harness.state().doc.analysis.claims;
        let singles: Vec<String> = claims
            .iter()
            .filter(|c| c.cells.len() == 1)
            .map(|c| c.summary.clone())
            .collect();
        (singles[0].clone(), singles[1].clone())
    };
    for summary in [&a, &b] {
        harness.get_by_label("Find claim:").focus();
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        harness
            .get_by_label("Find claim:")
            .type_text(&summary[..summary.len().min(30)]);
        harness.run_steps(3);
        harness
            .query_all_by_label(summary)
            .next()
            .expect("the row")
            .click();
        harness.run_steps(2);
    }
    harness.get_by_label("Merge 2 rows").click();
    harness.run_steps(3);
    assert_eq!(claim_count(&harness), before - 1);
    let merged = harness
        .state()
        .doc
        .analysis
        .claims
        .iter()
        .any(|c| c.cells.len() + c.alternates.len() == 2 && (c.summary == a || c.summary == b));
    assert!(merged, "one row holds both");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(3);
    assert_eq!(claim_count(&harness), before);
}

#[test]
fn the_table_filters_to_conflicts() {
    let mut harness = open(Startup::Sample);
    assert!(harness.query_all_by_label("corroborated").count() > 0);
    harness.get_by_label_contains("Conflicts (").click();
    harness.run_steps(3);
    assert_eq!(harness.query_all_by_label("corroborated").count(), 0);
    let conflicts = harness
        .state()
        .doc
        .analysis
        .claims
        .iter()
        .filter(|c| c.status == corroborate::nlp::align::Status::Conflict)
        .count();
    assert!(conflicts >= 2);
    assert_eq!(harness.query_all_by_label("conflict").count(), conflicts);
}

#[test]
fn a_generated_archive_is_readable_before_it_is_analysed_and_stays_responsive() {
    use corroborate::generate::{Spec, write};
    let dir = tempfile::tempdir().unwrap();
    let spec = Spec {
        sources: 400,
        events: 40,
        seed: 3,
    };
    write(spec, dir.path()).unwrap();
    let mut project = corroborate::project::Project::default();
    project
        .import(
            &[dir.path().join("reports")],
            &corroborate::progress::Silent,
        )
        .unwrap();
    let path = dir.path().join("archive.corroborate");
    project.save(&path).unwrap();

    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_step_dt(0.05)
        .build_eframe(move |cc| Workbench::with_recovery(cc, Startup::Open(path), None));
    // The sources are listed once the file is read and indexed; the analysis follows.
    for _ in 0..4000 {
        harness.step();
        if harness.state().doc.project.sources.len() == spec.sources {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(harness.state().doc.project.sources.len(), spec.sources);
    assert!(
        harness.state().doc.analysis.claims.is_empty(),
        "not analysed yet"
    );
    assert!(
        harness.state().is_busy(),
        "the analysis runs in the background"
    );
    // Searching answers while the analysis runs.
    harness
        .state_mut()
        .send(Command::Search("\"safety inspection\"".into()));
    harness.run_steps(3);
    assert!(!harness.state().search.hits.is_empty());

    settle(&mut harness);
    let claims = harness.state().doc.analysis.claims.len();
    assert!(claims > 1000, "{claims} claim rows");
    // One frame with the archive loaded: measured and reported, not asserted
    // on (the scale benchmark measures it at 10,000 sources).
    let started = std::time::Instant::now();
    for _ in 0..20 {
        harness.step();
    }
    eprintln!(
        "one frame with {} sources and {claims} claim rows: {:.1} ms (debug build)",
        spec.sources,
        started.elapsed().as_secs_f64() * 1000.0 / 20.0
    );
    harness.get_by_label_contains("Conflicts (").click();
    harness.run_steps(3);
    assert_eq!(harness.query_all_by_label("corroborated").count(), 0);
    assert!(harness.query_all_by_label("conflict").count() > 0);
}

fn open_keeping(startup: Startup, recovery: &Path) -> Harness<'static, Workbench> {
    let dir = recovery.to_path_buf();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_step_dt(0.05)
        .build_eframe(move |cc| Workbench::with_recovery(cc, startup, Some(dir)));
    settle(&mut harness);
    harness
}

#[test]
fn unsaved_work_survives_a_crash_and_is_offered_back() {
    let recovery = tempfile::tempdir().unwrap();
    // A session removes a source and never saves.
    let mut harness = open_keeping(Startup::Sample, recovery.path());
    assert!(
        harness.query_by_label("Restore unsaved work").is_none(),
        "nothing to offer on a first start"
    );
    let (removed, _) = title_of(&harness, 0);
    harness
        .state_mut()
        .send(Command::Edit(corroborate::app::Edit::Remove(vec![removed])));
    harness.run_steps(3);
    assert!(harness.state().doc.dirty);
    harness.state_mut().keep_unsaved_work_now();
    // The crash: the window is gone, nothing was saved.
    drop(harness);

    let mut harness = open_keeping(Startup::Empty, recovery.path());
    assert!(harness.state().doc.project.sources.is_empty());
    harness.get_by_label("Restore unsaved work").click();
    harness.run_steps(2);
    settle(&mut harness);
    let sources = &harness.state().doc.project.sources;
    assert_eq!(sources.len(), 6);
    assert!(sources.iter().all(|s| s.id != removed));
    assert!(harness.state().doc.dirty, "restored work is still unsaved");
    assert!(harness.query_by_label("Restore unsaved work").is_none());
    assert!(
        !harness.state().doc.analysis.claims.is_empty(),
        "analysed again"
    );

    // Saving it for real removes the recovery file; the next start offers nothing.
    let saved = recovery.path().join("kept.corroborate");
    harness.state_mut().save_to(&saved);
    assert!(!harness.state().doc.dirty);
    drop(harness);
    let harness = open_keeping(Startup::Empty, recovery.path());
    assert!(harness.query_by_label("Restore unsaved work").is_none());
    assert_eq!(
        corroborate::project::Project::load(&saved)
            .unwrap()
            .sources
            .len(),
        6
    );
}

#[test]
fn a_damaged_recovery_file_is_reported_and_left_alone() {
    let recovery = tempfile::tempdir().unwrap();
    let file = recovery.path().join("unsaved.corroborate");
    std::fs::write(
        &file,
        b"{\"format\":\"corroborate.project\",\"version\":1,\"sour",
    )
    .unwrap();
    let harness = open_keeping(Startup::Empty, recovery.path());
    let error = harness.state().error.clone().unwrap_or_default();
    assert!(error.contains("could not be read"), "{error}");
    assert!(harness.query_by_label("Restore unsaved work").is_none());
    assert_eq!(
        std::fs::read(&file).unwrap(),
        b"{\"format\":\"corroborate.project\",\"version\":1,\"sour"
    );
}

#[test]
fn a_long_import_cancelled_halfway_leaves_the_project_as_it_was() {
    use corroborate::generate::{Spec, write};
    let dir = tempfile::tempdir().unwrap();
    let spec = Spec {
        sources: 1500,
        events: 150,
        seed: 11,
    };
    write(spec, dir.path()).unwrap();
    let mut harness = open(Startup::Sample);
    let ids = |h: &Harness<'static, Workbench>| -> Vec<SourceId> {
        h.state().doc.project.sources.iter().map(|s| s.id).collect()
    };
    let before = ids(&harness);
    harness
        .state_mut()
        .send(Command::Import(vec![dir.path().join("reports")]));
    harness.run_steps(2);
    assert!(harness.state().is_busy(), "importing");
    // The window answers while it imports, and the status bar's Cancel stops it.
    harness.get_by_label("Cancel").click();
    settle(&mut harness);
    assert_eq!(ids(&harness), before, "nothing half-imported");
    assert!(!harness.state().doc.dirty);
    // The window still works: a search answers from the intact index.
    harness
        .state_mut()
        .send(Command::Search("\"storage permit\"".into()));
    harness.run_steps(3);
    assert!(!harness.state().search.hits.is_empty());
    // And a second import of the same folder, left to finish, brings it all in.
    harness
        .state_mut()
        .send(Command::Import(vec![dir.path().join("reports")]));
    settle(&mut harness);
    assert_eq!(
        harness.state().doc.project.sources.len(),
        before.len() + spec.sources
    );
}

#[test]
fn an_empty_project_and_one_whose_every_file_failed_keep_working() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.png"), b"\x89PNG\r\n").unwrap();
    std::fs::write(dir.path().join("b.txt"), b"").unwrap();
    std::fs::write(dir.path().join("c.pdf"), b"not a pdf at all").unwrap();
    for startup in [
        Startup::Empty,
        Startup::Import(vec![dir.path().to_path_buf()]),
    ] {
        let failed = matches!(startup, Startup::Import(_));
        let mut harness = open(startup);
        assert!(harness.state().doc.project.sources.is_empty());
        if failed {
            assert_eq!(harness.state().doc.project.skipped.len(), 3);
        }
        // Everything a person might try on nothing: search, undo, redo,
        // re-analyse, the claim filters.
        harness
            .state_mut()
            .send(Command::Search("\"storage permit\"".into()));
        harness.state_mut().send(Command::Undo);
        harness.state_mut().send(Command::Redo);
        harness.state_mut().send(Command::Reanalyse);
        harness.run_steps(3);
        settle(&mut harness);
        assert!(harness.state().search.hits.is_empty());
        harness.get_by_label_contains("Conflicts (").click();
        harness.run_steps(2);
        assert!(harness.state().doc.analysis.claims.is_empty());
        assert!(harness.state().doc.project.sources.is_empty());
    }
}

#[cfg(unix)]
#[test]
fn an_import_with_a_named_pipe_in_it_is_cancelled_and_the_pipe_listed_when_left_to_finish() {
    use corroborate::generate::{Spec, write};
    let dir = tempfile::tempdir().unwrap();
    let spec = Spec {
        sources: 1200,
        events: 120,
        seed: 5,
    };
    write(spec, dir.path()).unwrap();
    let reports = dir.path().join("reports");
    let made = std::process::Command::new("mkfifo")
        .arg(reports.join("a-pipe.txt"))
        .status();
    assert!(made.is_ok_and(|s| s.success()));
    let mut harness = open(Startup::Sample);
    let before = harness.state().doc.project.sources.len();
    harness
        .state_mut()
        .send(Command::Import(vec![reports.clone()]));
    harness.run_steps(2);
    assert!(harness.state().is_busy(), "importing");
    harness.get_by_label("Cancel").click();
    settle(&mut harness);
    assert_eq!(harness.state().doc.project.sources.len(), before);
    // Left to finish, the same import brings every report in and lists the
    // pipe with its reason.
    harness.state_mut().send(Command::Import(vec![reports]));
    settle(&mut harness);
    assert_eq!(
        harness.state().doc.project.sources.len(),
        before + spec.sources
    );
    let skipped = &harness.state().doc.project.skipped;
    assert!(
        skipped
            .iter()
            .any(|s| s.path.ends_with("a-pipe.txt") && s.reason.contains("named pipe")),
        "{skipped:?}"
    );
    assert!(harness.query_by_label_contains("a named pipe").is_some());
}

#[test]
fn choosing_a_story_narrows_sources_entities_and_claims_and_all_stories_brings_them_back() {
    use corroborate::generate::{Spec, write};
    let dir = tempfile::tempdir().unwrap();
    let spec = Spec {
        sources: 60,
        events: 3,
        seed: 11,
    };
    write(spec, dir.path()).unwrap();
    let mut harness = open(Startup::Import(vec![dir.path().join("reports")]));
    settle(&mut harness);
    let stories = harness.state().doc.analysis.stories.clone();
    assert_eq!(
        stories.len(),
        3,
        "{:?}",
        stories.iter().map(|s| &s.title).collect::<Vec<_>>()
    );
    assert!(harness.query_by_label("Stories").is_some());
    let all_entities = harness.state().doc.analysis.entities.len();
    let story = &stories[1];
    // The row reads "title (N reports)", the title cut at 90 characters.
    let mut shown: String = story.title.chars().take(90).collect();
    if shown.len() < story.title.len() {
        shown.push('…');
    }
    let row = format!("{shown} ({} reports)", story.sources.len());
    harness.get_by_label(&row).click();
    harness.run_steps(3);
    let state = harness.state();
    assert_eq!(
        state.chosen_story().map(|s| s.sources.clone()),
        Some(story.sources.clone())
    );
    // The source list shows the story's reports only.
    assert!(
        harness
            .query_by_label(&format!("{}/{}", story.sources.len(), spec.sources))
            .is_some(),
        "the source count says the list is narrowed"
    );
    // The claim table counts and shows the story's rows only.
    assert!(
        harness
            .query_by_label(&format!("All ({})", story.claims.len()))
            .is_some(),
        "the table counts the story's {} rows",
        story.claims.len()
    );
    // Columns of the claim table are the story's sources, headed by outlet
    // and date, in publication order.
    let first = harness
        .state()
        .doc
        .project
        .source(story.sources[0])
        .unwrap()
        .meta();
    let header = format!(
        "{} · {}",
        first.outlet.clone().unwrap_or_default(),
        first.published.clone().unwrap_or_default()
    );
    assert!(
        harness.query_all_by_label_contains(&header).count() >= 1,
        "no column headed {header}"
    );
    // A story's own names only: another story's lead name is gone.
    let other = &stories[0];
    let other_name = other
        .entities
        .iter()
        .map(|&e| harness.state().doc.analysis.entities[e].name.clone())
        .find(|n| {
            let e = harness
                .state()
                .doc
                .analysis
                .entities
                .iter()
                .find(|x| &x.name == n)
                .unwrap();
            !e.mentions.iter().any(|m| story.sources.contains(&m.source))
        })
        .expect("a name only the other story has");
    assert_eq!(
        harness.query_all_by_label(&other_name).count(),
        0,
        "{other_name}"
    );

    harness.get_by_label("All stories").click();
    harness.run_steps(3);
    assert!(harness.state().chosen_story().is_none());
    assert!(
        harness
            .query_by_label(&format!("{}/{}", spec.sources, spec.sources))
            .is_some()
    );
    assert_eq!(harness.state().doc.analysis.entities.len(), all_entities);
}

#[test]
fn the_timeline_shows_a_story_in_time_and_a_click_on_a_claim_opens_it() {
    use corroborate::generate::{Spec, write};
    let dir = tempfile::tempdir().unwrap();
    let spec = Spec {
        sources: 60,
        events: 3,
        seed: 11,
    };
    write(spec, dir.path()).unwrap();
    let mut harness = open(Startup::Import(vec![dir.path().join("reports")]));
    settle(&mut harness);
    // Without a chosen story among several there is no timeline to show.
    assert!(harness.state().timeline_story().is_none());
    harness.state_mut().choose_story(Some(0));
    // Only the timeline lists claims by their wording.
    harness.state_mut().settings.show_claims = false;
    harness.run_steps(3);
    harness.get_by_label("Timeline").click();
    harness.run_steps(3);
    assert!(
        harness
            .query_by_label("Claims by first appearance")
            .is_some()
    );
    let state = harness.state();
    let story = state.chosen_story().unwrap().clone();
    let made = corroborate::timeline::timeline(&state.doc.project, &state.doc.analysis, &story);
    // Reports in date order, every one of the story's.
    assert_eq!(made.reports.len(), story.sources.len());
    let days: Vec<i64> = made.reports.iter().filter_map(|r| r.day).collect();
    assert!(days.windows(2).all(|w| w[0] <= w[1]));
    assert!(!made.claims.is_empty());
    // The summary line counts what the axis shows.
    assert!(
        harness
            .query_by_label_contains(&format!("{} reports (", story.sources.len()))
            .is_some()
    );
    // A claim stated by many reports appears first in its earliest report
    // (one shown only in the timeline: a headline is in the reading pane too).
    let widest = made
        .claims
        .iter()
        .filter(|a| harness.query_all_by_label(&a.summary).count() == 1)
        .max_by_key(|a| a.reports)
        .unwrap()
        .clone();
    assert!(widest.reports >= 2);
    let row = &state.doc.analysis.claims[widest.claim];
    let earliest = row
        .cells
        .iter()
        .filter_map(|c| {
            let date = state.doc.project.source(c.source)?.meta().published?;
            corroborate::timeline::day_of(&date)
        })
        .min();
    assert_eq!(widest.day, earliest);
    harness.get_by_label(&widest.summary).click();
    harness.run_steps(3);
    let selection = &harness.state().selection;
    assert_eq!(selection.current, Some(widest.source));
    assert_eq!(selection.focus, Some(widest.span));
    // The claim table, shown again, compares the row that was clicked.
    harness.state_mut().settings.show_claims = true;
    harness.run_steps(3);
    assert!(harness.query_by_label_contains("Origins:").is_some());
}

#[test]
fn a_chosen_row_is_compared_wording_by_wording_and_up_down_move_through_rows() {
    use corroborate::nlp::align::Status;
    let mut harness = open(Startup::Sample);
    harness.get_by_label_contains("Conflicts (").click();
    harness.run_steps(3);
    // In the table's order: most sources first.
    let mut conflicts: Vec<corroborate::analysis::Claim> = harness
        .state()
        .doc
        .analysis
        .claims
        .iter()
        .filter(|c| c.status == Status::Conflict)
        .cloned()
        .collect();
    conflicts.sort_by_key(|c| std::cmp::Reverse(c.cells.len()));
    assert!(conflicts.len() >= 2);
    assert!(
        harness
            .query_by_label_contains("Click a row's claim")
            .is_some()
    );
    let first = &conflicts[0];
    harness
        .query_all_by_label(&first.summary)
        .next()
        .expect("the row")
        .click();
    harness.run_steps(3);
    // Every wording, each under its outlet and date, and what disagrees.
    assert!(
        harness
            .query_by_label_contains(&format!("{} wordings,", first.cells.len()))
            .is_some()
    );
    let disagree = format!("Disagree: {}", first.conflict.clone().unwrap_or_default());
    assert!(harness.query_by_label(&disagree).is_some(), "{disagree}");
    let origins = format!("{} independent origin(s): ", first.origins);
    assert!(
        harness.query_by_label_contains("Origins: ").is_some()
            && harness.query_by_label_contains(&origins).is_some(),
        "where the claim comes from"
    );
    // The chain: each origin, an arrow, its repeats; a repeat opens its wording.
    assert!(harness.query_by_label("Where it comes from").is_some());
    let chain = corroborate::provenance::provenance(
        &harness.state().doc.project,
        &corroborate::provenance::Copies::new(&harness.state().doc.analysis.reuse),
        first,
    );
    // A link whose words are nowhere else in the window (an outlet's
    // name alone is also in the source list).
    let last = chain
        .origins
        .iter()
        .flat_map(|o| &o.repeats)
        .chain(&chain.own)
        .find(|l| harness.query_all_by_label(&l.describe()).count() == 1)
        .expect("a link in the chain")
        .clone();
    // Below the wordings: scrolled to, as a person scrolls the panel.
    harness.get_by_label(&last.describe()).scroll_to_me();
    harness.run_steps(3);
    harness.get_by_label(&last.describe()).click();
    harness.run_steps(3);
    assert_eq!(harness.state().selection.current, Some(last.source));
    assert_eq!(harness.state().selection.focus, Some(last.span));
    let second = &first.cells[1];
    let meta = harness
        .state()
        .doc
        .project
        .source(second.source)
        .unwrap()
        .meta();
    let header = format!(
        "{} · {} · ",
        meta.outlet
            .clone()
            .unwrap_or_else(|| second.source.to_string()),
        meta.published.clone().unwrap_or_else(|| "undated".into())
    );
    // Its header opens the wording in the reading pane.
    harness
        .query_all_by_label_contains(&header)
        .next()
        .expect("a wording's header")
        .scroll_to_me();
    harness.run_steps(3);
    harness
        .query_all_by_label_contains(&header)
        .next()
        .expect("a wording's header")
        .click();
    harness.run_steps(3);
    assert_eq!(harness.state().selection.current, Some(second.source));
    // Down moves to the next row shown.
    harness.key_press(egui::Key::ArrowDown);
    harness.run_steps(3);
    let next = format!(
        "Disagree: {}",
        conflicts[1].conflict.clone().unwrap_or_default()
    );
    assert!(harness.query_by_label(&next).is_some(), "{next}");
    harness.key_press(egui::Key::ArrowUp);
    harness.run_steps(3);
    assert!(harness.query_by_label(&disagree).is_some());
    // A verdict set in the panel, with a note, and undone.
    let verdict_of = |h: &Harness<'static, Workbench>| {
        h.state()
            .doc
            .analysis
            .claims
            .iter()
            .find(|c| c.summary == first.summary)
            .and_then(|c| c.verdict.clone())
            .map(|(v, note)| (v.as_str(), note))
    };
    harness.get_by_label("conflicts").click();
    harness.run_steps(2);
    harness
        .get_by_label("Note for \"conflicts\":")
        .type_text("council minutes say postponed");
    harness.run_steps(1);
    harness.get_by_label("Keep").click();
    harness.run_steps(3);
    assert_eq!(
        verdict_of(&harness),
        Some(("conflicts", "council minutes say postponed".to_string()))
    );
    assert!(
        harness
            .query_by_label("Your note: council minutes say postponed")
            .is_some()
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(3);
    assert_eq!(verdict_of(&harness), None);
}

#[test]
fn a_story_exports_as_one_html_report_and_verdicts_as_claim_review() {
    use corroborate::generate::{Spec, write};
    let dir = tempfile::tempdir().unwrap();
    write(
        Spec {
            sources: 40,
            events: 2,
            seed: 5,
        },
        dir.path(),
    )
    .unwrap();
    let mut harness = open(Startup::Import(vec![dir.path().join("reports")]));
    settle(&mut harness);
    let story = harness.state().doc.analysis.stories[0].clone();
    harness.state_mut().choose_story(Some(0));
    harness.run_steps(3);
    // A verdict on the story's widest row, set in the comparison panel.
    let row = harness.state().doc.analysis.claims[story.claims[0]].clone();
    harness
        .query_all_by_label(&row.summary)
        .next()
        .expect("the row")
        .click();
    harness.run_steps(3);
    harness.get_by_label("agrees").click();
    harness.run_steps(2);
    harness
        .get_by_label("Note for \"agrees\":")
        .type_text("checked against the minutes");
    harness.run_steps(1);
    harness.get_by_label("Keep").click();
    harness.run_steps(3);

    let html = dir.path().join("story.html");
    let reviews = dir.path().join("reviews.jsonld");
    harness.state_mut().send(Command::ExportStory(html.clone()));
    harness
        .state_mut()
        .send(Command::ExportReviews(reviews.clone()));
    harness.run_steps(3);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("<h2>Timeline</h2>"));
    assert!(page.contains(&format!("{} reports", story.sources.len())));
    for id in &story.sources {
        assert!(page.contains(&format!("id=\"{id}\"")), "{id} in the report");
    }
    let other = &harness.state().doc.analysis.stories[1];
    assert!(
        !page.contains(&format!("id=\"{}\"", other.sources[0])),
        "the other story's reports stay out"
    );
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&reviews).unwrap()).unwrap();
    let list = doc.as_array().expect("a list");
    assert_eq!(list.len(), 1);
    let review = &list[0];
    assert_eq!(review["@type"], "ClaimReview");
    assert_eq!(review["claimReviewed"], row.summary.as_str());
    assert_eq!(review["reviewRating"]["alternateName"], "agrees");
    assert_eq!(
        review["reviewRating"]["ratingExplanation"],
        "checked against the minutes"
    );
    let urls: Vec<&str> = review["itemReviewed"]["appearance"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["url"].as_str())
        .collect();
    assert_eq!(urls.len(), row.cells.len());
    for cell in &row.cells {
        let path = &harness
            .state()
            .doc
            .project
            .source(cell.source)
            .unwrap()
            .path;
        assert!(urls.contains(&path.as_str()), "{path}");
    }
}

#[test]
fn without_a_system_file_dialog_the_window_shows_its_own_and_says_why() {
    use corroborate::app::dialogs::Mode;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("saved.corroborate");
    let mut first = open(Startup::Sample);
    first.state_mut().send(Command::SaveAs(path.clone()));
    first.run_steps(2);
    assert!(path.exists());
    drop(first);

    // A desktop with no portal and no zenity: the system's dialog said
    // nothing, so the window's own chooser answers, with a line saying why.
    let mut harness = open(Startup::Empty);
    {
        let app = harness.state_mut();
        app.dialogs.mode = Mode::InWindow;
        app.dialogs.why = Some("This system has no file dialog for Corroborate to use.".into());
        app.send(Command::OpenDialog);
    }
    harness.run_steps(4);
    assert!(harness.state().dialogs.is_open());
    assert!(harness.query_by_label_contains("Open a project").is_some());
    assert!(
        harness
            .query_by_label_contains("no file dialog for Corroborate")
            .is_some()
    );
    harness
        .state_mut()
        .dialogs
        .start_in(dir.path().to_path_buf());
    harness.run_steps(2);
    harness.get_by_label_contains("saved.corroborate").click();
    harness.run_steps(2);
    harness.get_by_label("Open").click();
    harness.run_steps(2);
    settle(&mut harness);
    assert!(!harness.state().dialogs.is_open());
    assert_eq!(harness.state().doc.path.as_deref(), Some(path.as_path()));
    assert_eq!(harness.state().doc.project.sources.len(), 7);
}

/// What a person types, as the keyboard sends it.
fn type_keys(harness: &Harness<'static, Workbench>, text: &str) {
    harness.event(egui::Event::Text(text.to_string()));
}

#[test]
fn a_whole_task_is_done_with_the_keyboard_alone() {
    use corroborate::app::dialogs::Mode;
    use corroborate::app::keys::Region;
    use egui::{Key, Modifiers};
    let dir = tempfile::tempdir().expect("tempdir");
    let saved = dir.path().join("by keys.corroborate");
    let reports = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample/reports");
    let mut harness = open(Startup::Empty);
    // A test has no system dialog to drive; the window's own chooser is
    // the one a keyboard user meets without a portal.
    harness.state_mut().dialogs.mode = Mode::InWindow;

    // Import a folder: Ctrl+Shift+I, its path typed, Enter to go there,
    // Ctrl+Enter to import it.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::I);
    harness.run_steps(2);
    assert!(harness.state().dialogs.is_open());
    assert!(
        harness
            .query_by_label("Import a folder of reports")
            .is_some()
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    type_keys(&harness, &reports.display().to_string());
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    assert_eq!(
        harness.get_by_label("Folder:").value(),
        Some(reports.display().to_string())
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    harness.run_steps(2);
    settle(&mut harness);
    assert!(!harness.state().dialogs.is_open());
    assert_eq!(harness.state().doc.project.sources.len(), 7);

    // Search: Ctrl+F, the query, Enter; Down opens the first hit, Down
    // again the next, Enter gives the reading pane the keys.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run_steps(2);
    type_keys(&harness, "council");
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    assert_eq!(harness.state().region(), Region::Search);
    let hits = harness.state().search.hits.clone();
    assert!(hits.len() >= 2, "{} hits", hits.len());
    harness.key_press(Key::ArrowDown);
    harness.run_steps(2);
    assert_eq!(harness.state().selection.current, Some(hits[0].source));
    harness.key_press(Key::ArrowDown);
    harness.run_steps(2);
    assert_eq!(harness.state().selection.current, Some(hits[1].source));
    assert_eq!(
        harness.state().selection.focus,
        hits[1].highlights.first().copied()
    );
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    assert_eq!(harness.state().region(), Region::Reading);

    // F6 takes the keys from a text field being typed in.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run_steps(2);
    assert!(harness.get_by_label("Query:").is_focused());
    harness.key_press(Key::F6);
    harness.run_steps(2);
    assert!(!harness.get_by_label("Query:").is_focused());
    assert_eq!(harness.state().region(), Region::Entities);
    harness.key_press_modifiers(Modifiers::SHIFT, Key::F6);
    harness.run_steps(2);
    assert_eq!(harness.state().region(), Region::Search);
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    assert_eq!(harness.state().region(), Region::Reading);

    // F6 moves from region to region, and comes round to the claim table.
    let mut seen = vec![harness.state().region()];
    while harness.state().region() != Region::Claims {
        harness.key_press(Key::F6);
        harness.run_steps(2);
        let now = harness.state().region();
        assert!(
            !seen.contains(&now),
            "F6 came back to {now:?} before the claims"
        );
        seen.push(now);
    }
    assert!(seen.contains(&Region::Entities), "{seen:?}");

    // Pick a claim: Down compares the first row shown.
    harness.key_press(Key::ArrowDown);
    harness.run_steps(3);
    assert!(harness.query_by_label_contains(" wordings, ").is_some());
    // Set a verdict: 2 ("conflicts"), a note typed, Enter.
    harness.key_press(Key::Num2);
    harness.run_steps(2);
    // The note box has the keyboard at once (and is named for screen readers).
    assert!(harness.get_by_label("Note for \"conflicts\":").is_focused());
    type_keys(&harness, "checked by keys");
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    let verdicts: Vec<(String, String)> = harness
        .state()
        .doc
        .analysis
        .claims
        .iter()
        .filter_map(|c| c.verdict.clone())
        .map(|(v, note)| (v.as_str().to_string(), note))
        .collect();
    assert_eq!(
        verdicts,
        vec![("conflicts".to_string(), "checked by keys".to_string())]
    );

    // Save: Ctrl+S asks where (a new project), the path typed, Enter.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(2);
    assert!(harness.state().dialogs.is_open());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    type_keys(&harness, &saved.display().to_string());
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    settle(&mut harness);
    assert!(!harness.state().doc.dirty);
    let reopened = corroborate::project::Project::load(&saved).expect("the saved project");
    assert_eq!(reopened.sources.len(), 7);
    assert!(
        reopened.claim_fixes.iter().any(|f| matches!(
            f,
            corroborate::corrections::ClaimFix::Verdict { note, .. } if note == "checked by keys"
        )),
        "{:?}",
        reopened.claim_fixes
    );
}

#[test]
fn every_control_has_a_name_for_screen_readers() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::NodeT;
    let mut harness = open(Startup::Sample);
    // The comparison panel and the note box shown as well.
    harness.key_press(egui::Key::F6);
    harness.run_steps(1);
    while harness.state().region() != corroborate::app::keys::Region::Claims {
        harness.key_press(egui::Key::F6);
        harness.run_steps(1);
    }
    harness.key_press(egui::Key::ArrowDown);
    harness.run_steps(2);
    harness.key_press(egui::Key::Num1);
    harness.run_steps(2);
    let controls = [
        Role::Button,
        Role::CheckBox,
        Role::RadioButton,
        Role::TextInput,
        Role::MultilineTextInput,
        Role::ComboBox,
        Role::Link,
        Role::Slider,
    ];
    let nameless: Vec<String> = harness
        .query_all_by(|n| {
            controls.contains(&n.role())
                && !n.is_hidden()
                && n.label().is_none_or(|l| l.trim().is_empty())
        })
        .map(|n| {
            let node = n.accesskit_node();
            format!("{:?} {:?} at {:?}", node.role(), n.value(), n.rect())
        })
        .collect();
    let named = harness
        .query_all_by(|n| controls.contains(&n.role()))
        .count();
    assert!(named > 40, "{named} controls found");
    assert!(
        nameless.is_empty(),
        "controls without a name: {nameless:#?}"
    );
}

/// A short report in Chinese, written for this test.
const CHINESE_REPORT: &str = "河口港区议会推迟新码头表决\n\n河口港区议会星期二宣布，原定本周举行的新码头表决将推迟到下个月。议会发言人说，环境评估报告尚未完成。当地渔民协会对此表示欢迎。\n";

#[test]
fn a_chinese_report_shows_its_letters_with_the_systems_cjk_font() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("harbour.txt");
    std::fs::write(&file, CHINESE_REPORT).expect("write");
    let words = "河口港区议会推迟新码头表决";
    let body = egui::FontId::proportional(14.0);
    // The bundled fonts alone have no Chinese letters: without the
    // system's, this report would show boxes.
    let bare = egui::Context::default();
    let mut output = bare.run_ui(egui::RawInput::default(), |_| {});
    output.textures_delta.clear();
    assert!(!bare.fonts_mut(|f| f.has_glyphs(&body, words)));

    // The fonts are read on a thread of their own; the window goes on meanwhile.
    let mut harness = open(Startup::Empty);
    for _ in 0..2000 {
        if !harness.state().fallback_fonts().1 {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
        harness.step();
    }
    harness.run_steps(2);
    let (added, loading) = harness.state().fallback_fonts();
    let added = added.to_vec();
    assert!(!loading, "the font search ended");
    if !harness.ctx.fonts_mut(|f| f.has_glyphs(&body, words)) {
        assert!(
            std::env::var_os("CORROBORATE_REQUIRE_FONTS").is_none(),
            "CORROBORATE_REQUIRE_FONTS is set but no Chinese font was found (added: {added:?})"
        );
        // Straight to the terminal: a passing test's eprintln! is hidden.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "skipped: this system has no Chinese font (fonts-wqy-microhei or Noto CJK) to fall back on; added: {added:?}"
        );
        return;
    }
    // From here a letter drawn as a box fails the test (egui_kittest
    // panics on a missing glyph), so what follows shows real glyphs.
    harness
        .state_mut()
        .send(Command::Import(vec![file.clone()]));
    harness.run_steps(1);
    settle(&mut harness);
    // The report is read, titled by its Chinese headline, and shown in the reading pane.
    let source = harness.state().doc.project.sources[0].clone();
    assert_eq!(source.meta().title, words);
    harness.state_mut().send(Command::Select(source.id));
    harness.run_steps(3);
    assert_eq!(harness.state().selection.current, Some(source.id));
    assert!(
        harness
            .query_all_by(|n| n
                .value()
                .is_some_and(|v| v.contains("环境评估报告尚未完成")))
            .next()
            .is_some(),
        "the reading pane shows the Chinese text"
    );
}

/// The rows a source has a cell in, as the cells they join.
fn rows_with(app: &Workbench, id: SourceId) -> Vec<Vec<(SourceId, usize)>> {
    let mut rows: Vec<Vec<(SourceId, usize)>> = app
        .doc
        .analysis
        .claims
        .iter()
        .filter(|c| c.cells.iter().any(|x| x.source == id))
        .map(|c| {
            let mut cells: Vec<(SourceId, usize)> =
                c.cells.iter().map(|x| (x.source, x.span.start)).collect();
            cells.sort();
            cells
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn a_report_dropped_into_an_analysed_project_joins_its_story_and_reanalysing_agrees() {
    let mut harness = open(Startup::Sample);
    let rows_before = harness.state().doc.analysis.claims.len();
    assert!(rows_before > 0);
    // Another outlet's take on the sample's first report.
    let first = harness.state().doc.project.sources[0].cleaned.clone();
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("another-outlet.txt");
    std::fs::write(&file, first.replacen("said", "told reporters", 3)).expect("write");
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(file)));
    settle(&mut harness);
    let app = harness.state();
    let added = app.doc.project.sources.last().expect("a source").id;
    assert_eq!(
        app.doc.analysis.story_of.len(),
        app.doc.project.sources.len()
    );
    let grown = rows_with(app, added);
    assert!(
        grown.iter().any(|r| r.len() > 1),
        "its claims share rows with other reports: {grown:?}"
    );
    assert_eq!(
        app.doc.analysis.story_of.last(),
        app.doc.analysis.story_of.first(),
        "it joins the story of the report it retells"
    );
    assert!(
        app.doc
            .analysis
            .entities
            .iter()
            .any(|e| e.mentions.iter().any(|m| m.source == added)),
        "its names are in the sidebar's entities"
    );

    // The whole analysis, asked for, lines it up the same way.
    harness.state_mut().send(Command::Reanalyse);
    settle(&mut harness);
    assert_eq!(rows_with(harness.state(), added), grown);
}
