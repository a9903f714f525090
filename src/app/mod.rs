//! The workbench window (egui/eframe): source list, reading pane, entity
//! sidebar, claim table, search, status bar.
//!
//! The window reads the project and the analysis and turns clicks into
//! [`Command`]s; [`Workbench::run_commands`] carries them out once per frame,
//! the only place the project changes. Long work runs as a [`jobs::Job`].

mod claim_table;
mod commands;
mod compare;
pub mod dialogs;
mod entity_sidebar;
mod fonts;
mod jobs;
pub mod keys;
mod menu;
mod reading_pane;
mod recovery;
mod search;
mod source_list;
mod status_bar;
mod story_list;
mod timeline;

pub use commands::{Command, Edit, MetaField};

use crate::analysis::Analysis;
use crate::corpus::{Skipped, SourceId};
use crate::index::{Hit, SearchIndex, TantivyIndex};
use crate::project::{self, Project};
use dialogs::Purpose;
use jobs::{Job, Output, Poll};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What the window opens with.
#[derive(Debug, Clone)]
pub enum Startup {
    /// The last project, or the bundled sample on the very first start.
    Restore,
    Sample,
    Open(PathBuf),
    Import(Vec<PathBuf>),
    Empty,
}

/// Settings kept between runs (eframe persistence).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub recent: Vec<PathBuf>,
    pub theme: Theme,
    pub show_sources: bool,
    pub show_entities: bool,
    pub show_claims: bool,
    pub show_search: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            theme: Theme::System,
            show_sources: true,
            show_entities: true,
            show_claims: true,
            show_search: true,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    System,
    Light,
    Dark,
}

/// A project on screen, with what is derived from it.
pub struct Document {
    /// Bumped on every change, so views can cache what they derive.
    pub revision: u64,
    pub project: Project,
    pub path: Option<PathBuf>,
    pub name: String,
    pub dirty: bool,
    pub analysis: Analysis,
    pub index: Option<TantivyIndex>,
}

impl Document {
    fn empty() -> Self {
        Document {
            revision: 0,
            project: Project::default(),
            path: None,
            name: "Untitled".into(),
            dirty: false,
            analysis: Analysis::default(),
            index: TantivyIndex::in_ram().ok(),
        }
    }
}

/// The search box's state and its last results.
#[derive(Default)]
pub struct SearchState {
    pub query: String,
    pub hits: Vec<Hit>,
    pub error: Option<String>,
    pub only_hit_sources: bool,
    /// The query that `hits` answer.
    pub ran: String,
    /// Bumped whenever `hits` change.
    pub revision: u64,
    pub focus: bool,
    /// The hit last opened.
    pub at: Option<usize>,
}

/// What is selected and shown.
#[derive(Default)]
pub struct Selection {
    pub sources: Vec<SourceId>,
    /// The source in the reading pane.
    pub current: Option<SourceId>,
    /// A span of the current source to scroll to and mark.
    pub focus: Option<crate::corpus::Span>,
    /// The entity chosen in the sidebar, by name.
    pub entity: Option<String>,
    /// The story every view is narrowed to, by its earliest report.
    pub story: Option<SourceId>,
}

/// Something to do once the person has answered "save changes?".
#[derive(Debug, Clone)]
enum Pending {
    Run(Command),
    Close,
}

pub struct Workbench {
    pub doc: Document,
    pub settings: Settings,
    pub search: SearchState,
    pub selection: Selection,
    pub show_original: bool,
    pub error: Option<String>,
    pub notice: Option<String>,
    job: Option<Job>,
    /// Re-analysis after the sources changed, beside any other job.
    analysis_job: Option<(u64, Job)>,
    /// The corrections the running analysis replays: when they are still
    /// the project's as it lands, it is shown as it is (replaying them
    /// again took 1.4 s of a frame at 100,000 reports).
    analysed_fixes: Fixes,
    /// The person asked for the whole analysis (View → Re-analyse): not
    /// the kept one, not one grown from the last.
    whole_analysis: bool,
    /// Bumped whenever the set of sources or their metadata changes.
    sources_revision: u64,
    /// The `sources_revision` the current analysis was made from.
    analysed_revision: u64,
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    commands: Vec<Command>,
    pending: Option<Pending>,
    allow_close: bool,
    show_shortcuts: bool,
    show_about: bool,
    reading: reading_pane::ReadingPane,
    list: source_list::SourceList,
    stories: story_list::StoryList,
    timeline: timeline::TimelineView,
    /// Which region has the arrows and Enter.
    keys: keys::Keys,
    entities: entity_sidebar::EntityPanel,
    claims_view: claim_table::ClaimTable,
    title: String,
    recovery: recovery::Recovery,
    /// File dialogs: the system's, or the window's own where it has none.
    pub dialogs: dialogs::Dialogs,
    /// The system's fonts for scripts the bundled ones lack, while they load.
    fonts: Option<std::sync::mpsc::Receiver<fonts::Found>>,
    /// The system fonts added, by file name.
    fonts_added: Vec<String>,
    /// Unsaved work from an earlier run, offered back.
    offer: Option<recovery::Found>,
}

/// A project's corrections, entities' and claims'.
type Fixes = (
    Vec<crate::corrections::EntityFix>,
    Vec<crate::corrections::ClaimFix>,
);

fn fixes_of(project: &Project) -> Fixes {
    (project.entity_fixes.clone(), project.claim_fixes.clone())
}

impl Workbench {
    pub fn new(cc: &eframe::CreationContext<'_>, startup: Startup) -> Self {
        Self::with_recovery(cc, startup, recovery::Recovery::default_dir())
    }

    /// As [`Workbench::new`], keeping unsaved work in `recovery_dir` (None:
    /// nowhere) and offering back what an earlier run left there.
    pub fn with_recovery(
        cc: &eframe::CreationContext<'_>,
        startup: Startup,
        recovery_dir: Option<PathBuf>,
    ) -> Self {
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        let mut app = Workbench {
            doc: Document::empty(),
            settings,
            search: SearchState::default(),
            selection: Selection::default(),
            show_original: false,
            error: None,
            notice: None,
            job: None,
            analysis_job: None,
            analysed_fixes: Fixes::default(),
            whole_analysis: false,
            sources_revision: 0,
            analysed_revision: 0,
            undo: Vec::new(),
            redo: Vec::new(),
            commands: Vec::new(),
            pending: None,
            allow_close: false,
            show_shortcuts: false,
            show_about: false,
            reading: reading_pane::ReadingPane::default(),
            list: source_list::SourceList::default(),
            stories: story_list::StoryList::default(),
            timeline: timeline::TimelineView::default(),
            keys: keys::Keys::default(),
            entities: entity_sidebar::EntityPanel::default(),
            claims_view: claim_table::ClaimTable::default(),
            title: String::new(),
            recovery: recovery::Recovery::new(recovery_dir),
            dialogs: dialogs::Dialogs::default(),
            fonts: Some(fonts::look_for_fonts(&cc.egui_ctx)),
            fonts_added: Vec::new(),
            offer: None,
        };
        match app.recovery.find() {
            Some(Ok(found)) => app.offer = Some(found),
            Some(Err(e)) => {
                app.error = Some(format!(
                    "Unsaved work from an earlier session could not be read ({e}); the recovery file was left as it is."
                ))
            }
            None => {}
        }
        app.apply_theme(&cc.egui_ctx);
        let startup = match startup {
            Startup::Restore => match app.settings.recent.first() {
                Some(p) if p.exists() => Startup::Open(p.clone()),
                _ => Startup::Sample,
            },
            other => other,
        };
        match startup {
            Startup::Sample => match sample_reports() {
                Some(dir) => app.start_new_from(&cc.egui_ctx, vec![dir], "Sample project".into()),
                None => {
                    app.error =
                        Some("The bundled sample corpus was not found next to the program.".into())
                }
            },
            Startup::Open(path) => app.start_open(&cc.egui_ctx, path),
            Startup::Import(paths) => {
                // Named after what was opened: a folder's name, or the first file's.
                let name = paths
                    .first()
                    .map(|p| jobs::display_name(p))
                    .unwrap_or_else(|| "Untitled".into());
                app.start_new_from(&cc.egui_ctx, paths, name)
            }
            Startup::Empty | Startup::Restore => {}
        }
        app
    }

    /// A window on a project already in memory, prepared on this thread
    /// (for benchmarks and tests that bring their own corpus).
    pub fn with_project(cc: &eframe::CreationContext<'_>, project: Project, name: &str) -> Self {
        let mut app = Workbench::with_recovery(cc, Startup::Empty, None);
        match jobs::prepare(
            project,
            None,
            name.to_string(),
            Vec::new(),
            &crate::progress::Silent,
        ) {
            Ok(output) => app.finish(output),
            Err(e) => app.error = Some(e),
        }
        app
    }

    /// A window on a project already analysed and indexed (for benchmarks
    /// that measure those stages themselves).
    pub fn with_analysis(
        cc: &eframe::CreationContext<'_>,
        project: Project,
        analysis: crate::analysis::Analysis,
        index: TantivyIndex,
        name: &str,
    ) -> Self {
        let mut app = Workbench::with_recovery(cc, Startup::Empty, None);
        app.finish(Output::Opened {
            project,
            path: None,
            name: name.to_string(),
            analysis: Some(Box::new(analysis)),
            unsaved: false,
            index,
            skipped: Vec::new(),
        });
        app
    }

    /// The system's fallback fonts added so far (file names), and whether
    /// they are still being looked for.
    pub fn fallback_fonts(&self) -> (&[String], bool) {
        (&self.fonts_added, self.fonts.is_some())
    }

    /// True while a background job runs.
    pub fn is_busy(&self) -> bool {
        self.job.is_some() || self.analysis_job.is_some() || self.needs_analysis()
    }

    fn needs_analysis(&self) -> bool {
        self.sources_revision != self.analysed_revision
    }

    /// Re-analyses in the background once the sources have changed; a result
    /// for sources that changed again meanwhile is dropped and redone.
    fn poll_analysis(&mut self, ctx: &egui::Context) {
        if let Some((revision, job)) = &self.analysis_job {
            match job.poll() {
                Poll::Running => {
                    ctx.request_repaint_after(std::time::Duration::from_millis(100));
                    return;
                }
                Poll::Done(result) => {
                    let revision = *revision;
                    self.analysis_job = None;
                    match *result {
                        Ok(Output::Analysed(analysis)) if revision == self.sources_revision => {
                            let before = std::mem::replace(&mut self.doc.analysis, *analysis);
                            drop_elsewhere(before);
                            if self.analysed_fixes != fixes_of(&self.doc.project) {
                                self.doc.analysis.correct(&self.doc.project);
                            }
                            self.analysed_revision = revision;
                            self.doc.revision += 1;
                            self.keep_entity_choice(None);
                        }
                        Ok(_) => {}
                        Err(e) => {
                            // Cancelled or failed: keep what was shown, and say so.
                            self.notice = Some(format!(
                                "The analysis stopped ({e}); entities may be out of date. View → Re-analyse runs it again."
                            ));
                            self.analysed_revision = revision;
                        }
                    }
                }
            }
        }
        if self.needs_analysis() && self.analysis_job.is_none() && self.job.is_none() {
            let project = self.doc.project.for_analysis();
            self.analysed_fixes = fixes_of(&project);
            let revision = self.sources_revision;
            let whole = std::mem::take(&mut self.whole_analysis);
            // Sources read before are not read again, and reports added
            // are lined up within their stories, unless the person asked
            // for the whole analysis.
            let earlier = if whole {
                self.doc.analysis.readings_only()
            } else {
                self.doc.analysis.earlier()
            };
            let saved = self.doc.path.is_some() && !self.doc.dirty;
            // A project just opened from its file, unchanged: its analysis
            // may be kept from an earlier run.
            let as_saved = saved && self.doc.analysis.readings.is_empty();
            let job = Job::spawn("Analysing", ctx, move |t| {
                let analysis = if whole && saved {
                    crate::analysis_cache::analyze_whole(&project, earlier, t)
                } else if as_saved {
                    crate::analysis_cache::analyze(&project, t).map(|(a, _)| a)
                } else {
                    crate::analysis::analyze_from(&project, earlier, t)
                };
                analysis
                    .map(|a| Output::Analysed(Box::new(a)))
                    .map_err(|e| e.to_string())
            });
            self.analysis_job = Some((revision, job));
        }
    }

    /// After a correction, keeps the sidebar's choice on the same entity:
    /// `renamed_from` → its new name, a merged one → the entity it joined.
    fn keep_entity_choice(&mut self, fix: Option<&crate::corrections::EntityFix>) {
        use crate::corrections::EntityFix;
        let Some(current) = self.selection.entity.clone() else {
            return;
        };
        if self.doc.analysis.entities.iter().any(|e| e.name == current) {
            return;
        }
        self.selection.entity = match fix {
            Some(EntityFix::Merge { keep, merge }) if *merge == current => Some(keep.clone()),
            Some(EntityFix::Rename { entity, name }) if *entity == current => Some(name.clone()),
            _ => None,
        };
    }

    /// Queues a command, as a click would.
    pub fn send(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Asks for a file or folder; the command it leads to runs when one is chosen.
    fn ask(&mut self, purpose: Purpose, name: Option<String>) {
        if let Some(command) = self.dialogs.ask(purpose, name) {
            self.send(command);
        }
    }

    fn start_open(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.job = Some(Job::spawn("Opening", ctx, move |t| jobs::open(path, t)));
    }

    fn start_new_from(&mut self, ctx: &egui::Context, paths: Vec<PathBuf>, name: String) {
        self.job = Some(Job::spawn("Importing", ctx, move |t| {
            jobs::new_from(paths, name, t)
        }));
    }

    fn start_import(&mut self, ctx: &egui::Context, paths: Vec<PathBuf>) {
        if self.job.is_some() {
            self.error = Some(
                "Wait for the running job to finish (or cancel it) before importing more.".into(),
            );
            return;
        }
        let Some(index) = self.doc.index.take() else {
            self.error = Some("The search index is not ready; try again in a moment.".into());
            return;
        };
        let existing = self.doc.project.sources.clone();
        let rules = self.doc.project.extra_rules.clone();
        self.job = Some(Job::spawn("Importing", ctx, move |t| {
            jobs::import(paths, existing, rules, index, t)
        }));
    }

    fn poll_job(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.job else { return };
        match job.poll() {
            Poll::Running => ctx.request_repaint_after(std::time::Duration::from_millis(100)),
            Poll::Done(result) => {
                self.job = None;
                match *result {
                    Ok(output) => self.finish(output),
                    Err(e) => self.error = Some(e),
                }
                // A finished job is a moment worth keeping.
                self.keep_unsaved_work(true);
                if self.doc.index.is_none() {
                    // A job that failed took the index with it; rebuild it from the project.
                    let project = self.doc.project.clone();
                    let (path, name) = (self.doc.path.clone(), self.doc.name.clone());
                    self.job = Some(Job::spawn("Indexing", ctx, move |t| {
                        jobs::prepare(project, path, name, Vec::new(), t)
                    }));
                }
            }
        }
    }

    fn finish(&mut self, output: Output) {
        match output {
            Output::Opened {
                project,
                path,
                name,
                analysis,
                unsaved,
                index,
                skipped,
            } => {
                let deferred = analysis.is_none();
                self.doc = Document {
                    revision: self.doc.revision + 1,
                    project,
                    path: path.clone(),
                    name,
                    dirty: unsaved,
                    analysis: analysis.map(|a| *a).unwrap_or_default(),
                    index: Some(index),
                };
                self.undo.clear();
                self.redo.clear();
                self.search = SearchState::default();
                self.selection = Selection {
                    current: self.doc.project.sources.first().map(|s| s.id),
                    ..Selection::default()
                };
                if let Some(path) = path {
                    self.remember(&path);
                }
                self.report_skipped(&skipped);
                self.analysed_revision = self.sources_revision;
                if deferred {
                    // Shown now; analysed in the background.
                    self.sources_revision += 1;
                }
            }
            Output::Analysed(_) => {}
            Output::Imported {
                sources,
                skipped,
                segments,
                index,
                error,
            } => {
                self.doc.index = Some(index);
                if let Some(error) = error {
                    self.error = Some(error);
                    return;
                }
                self.report_skipped(&skipped);
                self.doc.project.add_skipped(&skipped);
                if sources.is_empty() {
                    return;
                }
                let first = sources.first().map(|s| s.id);
                let ids: Vec<SourceId> = sources.iter().map(|s| s.id).collect();
                self.doc.project.sources.extend(sources);
                std::sync::Arc::make_mut(&mut self.doc.analysis.segments).extend(segments);
                self.sources_revision += 1;
                self.doc.dirty = true;
                self.doc.revision += 1;
                self.undo.push(Edit::Remove(ids));
                self.redo.clear();
                if self.selection.current.is_none() {
                    self.selection.current = first;
                }
                self.rerun_search();
            }
        }
    }

    fn report_skipped(&mut self, skipped: &[Skipped]) {
        if skipped.is_empty() {
            return;
        }
        let lines: Vec<String> = skipped
            .iter()
            .take(8)
            .map(|s| format!("{}: {}", file_name(&s.path), s.reason))
            .collect();
        let more = skipped.len().saturating_sub(8);
        self.notice = Some(format!(
            "{} file(s) not imported:\n{}{}",
            skipped.len(),
            lines.join("\n"),
            if more > 0 {
                format!("\n… and {more} more")
            } else {
                String::new()
            }
        ));
    }

    fn remember(&mut self, path: &Path) {
        self.settings.recent.retain(|p| p != path);
        self.settings.recent.insert(0, path.to_path_buf());
        self.settings.recent.truncate(10);
    }

    /// Applies an edit, keeps the index in step, and records the undo.
    fn apply_edit(&mut self, edit: Edit) -> Edit {
        let applied = edit.apply(&mut self.doc.project);
        if let Some(index) = self.doc.index.as_mut() {
            let result = index.remove_sources(&applied.removed).and_then(|()| {
                let added: Vec<&crate::corpus::Source> = applied
                    .added
                    .iter()
                    .filter_map(|id| self.doc.project.source(*id))
                    .collect();
                index.add_sources(&added)
            });
            if let Err(e) = result {
                self.error = Some(format!("The search index could not follow the change: {e}"));
            }
        }
        for id in &applied.added {
            if !self.doc.analysis.segments.contains_key(id)
                && let Some(source) = self.doc.project.source(*id)
            {
                let paragraphs = crate::nlp::segment::segment(&source.cleaned);
                std::sync::Arc::make_mut(&mut self.doc.analysis.segments).insert(*id, paragraphs);
            }
        }
        if !applied.added.is_empty() || !applied.removed.is_empty() {
            self.sources_revision += 1;
        }
        if applied.fixes {
            self.doc.analysis.correct(&self.doc.project);
            self.keep_entity_choice(applied.fix.as_ref());
        }
        let exists = |id: &SourceId| self.doc.project.source(*id).is_some();
        self.selection.sources.retain(exists);
        if self.selection.current.is_some_and(|id| !exists(&id)) {
            self.selection.current = self.doc.project.sources.first().map(|s| s.id);
            self.selection.focus = None;
        }
        self.doc.dirty = true;
        self.doc.revision += 1;
        self.rerun_search();
        applied.undo
    }

    fn rerun_search(&mut self) {
        let query = self.search.ran.clone();
        if !query.is_empty() {
            self.run_search(query);
        }
    }

    fn run_search(&mut self, query: String) {
        self.search.error = None;
        self.search.at = None;
        self.search.ran = query.clone();
        if query.trim().is_empty() {
            self.search.hits.clear();
            self.search.revision += 1;
            return;
        }
        let Some(index) = &self.doc.index else {
            self.search.error = Some("The index is still being built.".into());
            return;
        };
        let project = &self.doc.project;
        match index.search(&query, 500, &|id| project.source(id)) {
            Ok(hits) => {
                self.search.hits = hits;
                self.search.revision += 1;
            }
            Err(e) => {
                self.search.hits.clear();
                self.search.revision += 1;
                self.search.error = Some(e.to_string());
            }
        }
    }

    /// Commands that would lose unsaved work wait for an answer first.
    fn guard(&mut self, command: Command) -> bool {
        if self.doc.dirty && !self.doc.project.sources.is_empty() {
            self.pending = Some(Pending::Run(command));
            true
        } else {
            false
        }
    }

    pub fn run_commands(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.commands);
        for command in commands {
            self.run_command(ctx, command);
        }
    }

    fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Edit(edit) => {
                let undo = self.apply_edit(edit);
                self.undo.push(undo);
                self.redo.clear();
            }
            Command::Undo => {
                if let Some(edit) = self.undo.pop() {
                    let redo = self.apply_edit(edit);
                    self.redo.push(redo);
                }
            }
            Command::Redo => {
                if let Some(edit) = self.redo.pop() {
                    let undo = self.apply_edit(edit);
                    self.undo.push(undo);
                }
            }
            Command::SelectEntity(name) => {
                self.selection.entity = name;
            }
            Command::Select(id) => {
                self.keys.region = keys::Region::Sources;
                self.selection.sources = vec![id];
                self.selection.current = Some(id);
                self.selection.focus = None;
            }
            Command::Show(id, focus) => {
                self.selection.sources = vec![id];
                self.selection.current = Some(id);
                self.selection.focus = focus;
            }
            Command::ToggleSelect(id) => {
                if let Some(at) = self.selection.sources.iter().position(|s| *s == id) {
                    self.selection.sources.remove(at);
                } else {
                    self.selection.sources.push(id);
                }
                self.selection.current = Some(id);
            }
            Command::OpenHit(i) => {
                if let Some(hit) = self.search.hits.get(i) {
                    self.search.at = Some(i);
                    self.selection.current = Some(hit.source);
                    self.selection.sources = vec![hit.source];
                    self.selection.focus =
                        Some(hit.highlights.first().copied().unwrap_or(hit.paragraph));
                }
            }
            Command::Search(query) => {
                self.search.query = query.clone();
                self.run_search(query);
            }
            Command::ClearSearch => {
                self.search.query.clear();
                self.run_search(String::new());
            }
            Command::Import(paths) => {
                if self.doc.project.sources.is_empty()
                    && self.doc.path.is_none()
                    && self.job.is_none()
                {
                    let name = self.doc.name.clone();
                    self.start_new_from(ctx, paths, name);
                } else {
                    self.start_import(ctx, paths);
                }
            }
            Command::ImportFilesDialog => self.ask(Purpose::ImportFiles, None),
            Command::ImportFolderDialog => self.ask(Purpose::ImportFolder, None),
            Command::New => {
                if !self.guard(Command::New) {
                    let revision = self.doc.revision + 1;
                    self.doc = Document::empty();
                    self.doc.revision = revision;
                    self.undo.clear();
                    self.redo.clear();
                    self.search = SearchState::default();
                    self.selection = Selection::default();
                }
            }
            Command::OpenDialog => self.ask(Purpose::Open, None),
            Command::Open(path) => {
                if !self.guard(Command::Open(path.clone())) {
                    self.start_open(ctx, path);
                }
            }
            Command::Save => match self.doc.path.clone() {
                Some(path) => self.save_to(&path),
                None => self.send(Command::SaveAsDialog),
            },
            Command::SaveAsDialog => {
                let name = format!("{}.{}", self.doc.name, project::EXTENSION);
                self.ask(Purpose::SaveAs, Some(name));
            }
            Command::SaveAs(path) => self.save_to(&path),
            Command::ExportJsonDialog => {
                let name = format!("{}.json", self.doc.name);
                self.ask(Purpose::ExportJson, Some(name));
            }
            Command::ExportJson(path) => self.export_json(&path),
            Command::ExportCsvDialog => {
                let name = format!("{} claims.csv", self.doc.name);
                self.ask(Purpose::ExportCsv, Some(name));
            }
            Command::ExportHtmlDialog => {
                let name = format!("{} claims.html", self.doc.name);
                self.ask(Purpose::ExportHtml, Some(name));
            }
            Command::ExportStoryDialog => {
                let name = format!("{} story.html", self.doc.name);
                self.ask(Purpose::ExportStory, Some(name));
            }
            Command::ExportReviewsDialog => {
                let name = format!("{} claim reviews.jsonld", self.doc.name);
                self.ask(Purpose::ExportReviews, Some(name));
            }
            Command::ExportStory(path) => {
                let Some(story) = self.chosen_story() else {
                    self.error = Some("Choose a story in the story list first.".into());
                    return;
                };
                let report =
                    crate::export::story_html(&self.doc.project, &self.doc.analysis, story);
                if let Err(e) = std::fs::write(&path, report) {
                    self.error = Some(format!("Could not export to {}: {e}", path.display()));
                }
            }
            Command::ExportReviews(path) => {
                let reviews = crate::export::claim_reviews(&self.doc.project, &self.doc.analysis);
                let written = serde_json::to_string_pretty(&reviews)
                    .map_err(|e| e.to_string())
                    .and_then(|t| std::fs::write(&path, t).map_err(|e| e.to_string()));
                if let Err(e) = written {
                    self.error = Some(format!("Could not export to {}: {e}", path.display()));
                } else if reviews.as_array().is_some_and(Vec::is_empty) {
                    self.notice = Some(
                        "No row has a verdict yet: the ClaimReview file is an empty list.".into(),
                    );
                }
            }
            Command::ExportCsv(path) => {
                let written = crate::export::claims_csv(&self.doc.project, &self.doc.analysis)
                    .map_err(|e| e.to_string())
                    .and_then(|t| std::fs::write(&path, t).map_err(|e| e.to_string()));
                if let Err(e) = written {
                    self.error = Some(format!("Could not export to {}: {e}", path.display()));
                }
            }
            Command::ExportHtml(path) => {
                let report = crate::export::claims_html(
                    &self.doc.project,
                    &self.doc.analysis,
                    &self.doc.name,
                );
                if let Err(e) = std::fs::write(&path, report) {
                    self.error = Some(format!("Could not export to {}: {e}", path.display()));
                }
            }
            Command::CancelJob => {
                if let Some(job) = &self.job {
                    job.tracker.cancel();
                }
                if let Some((_, job)) = &self.analysis_job {
                    job.tracker.cancel();
                }
            }
            Command::Reanalyse => {
                self.whole_analysis = true;
                self.sources_revision += 1;
            }
            Command::DismissError => {
                self.error = None;
                self.notice = None;
            }
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    /// Saves the project (atomically) to `path`.
    pub fn save_to(&mut self, path: &Path) {
        let path = with_extension(path);
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            self.doc.project.relativize_paths(dir);
        }
        match self.doc.project.save(&path) {
            Ok(stamp) => {
                // The index kept for this file now holds what was saved.
                if let (Some(index), Some(root)) = (&self.doc.index, crate::kept_index::root())
                    && index.dir() == Some(crate::kept_index::dir_of(&root, &stamp).as_path())
                {
                    let _ = crate::kept_index::restamp(index, &stamp);
                }
                self.doc.path = Some(path.clone());
                self.doc.name = jobs::display_name(&path);
                self.doc.dirty = false;
                self.recovery.clear();
                self.remember(&path);
                match self.pending.take() {
                    Some(Pending::Run(command)) => self.send(command),
                    Some(Pending::Close) => {
                        self.allow_close = true;
                        self.send(Command::Quit);
                    }
                    None => {}
                }
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    fn export_json(&mut self, path: &Path) {
        let doc = crate::export::analysis_doc(&self.doc.project, &self.doc.analysis);
        let written = std::fs::File::create(path)
            .map_err(|e| e.to_string())
            .and_then(|f| {
                serde_json::to_writer_pretty(std::io::BufWriter::new(f), &doc)
                    .map_err(|e| e.to_string())
            });
        if let Err(e) = written {
            self.error = Some(format!("Could not export to {}: {e}", path.display()));
        }
    }

    fn apply_theme(&self, ctx: &egui::Context) {
        ctx.set_theme(match self.settings.theme {
            Theme::System => egui::ThemePreference::System,
            Theme::Light => egui::ThemePreference::Light,
            Theme::Dark => egui::ThemePreference::Dark,
        });
    }

    fn window_title(&self) -> String {
        format!(
            "{}{} — Corroborate",
            self.doc.name,
            if self.doc.dirty { " •" } else { "" }
        )
    }

    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.send(Command::Import(dropped));
        }
    }

    fn drop_overlay(&self, ui: &mut egui::Ui) {
        let hovering = ui.ctx().input(|i| !i.raw.hovered_files.is_empty());
        if !hovering {
            return;
        }
        let painter = ui.ctx().layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("drop overlay"),
        ));
        let rect = ui.ctx().content_rect();
        painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(160));
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            "Drop files or folders to import them",
            egui::TextStyle::Heading.resolve(ui.style()),
            egui::Color32::WHITE,
        );
    }

    fn messages_ui(&mut self, ui: &mut egui::Ui) {
        let mut dismiss = false;
        if let Some(error) = &self.error {
            ui.horizontal(|ui| {
                ui.colored_label(ui.visuals().error_fg_color, format!("Error: {error}"));
                dismiss |= ui.button("Dismiss").clicked();
            });
        }
        if let Some(notice) = &self.notice {
            ui.horizontal(|ui| {
                ui.colored_label(ui.visuals().warn_fg_color, notice);
                dismiss |= ui.button("Dismiss").clicked();
            });
        }
        if dismiss {
            self.send(Command::DismissError);
        }
    }

    /// Writes unsaved changes to the recovery file once a minute, or now
    /// with `now` (while no job holds the project half-changed).
    fn keep_unsaved_work(&mut self, now: bool) {
        if self.doc.dirty && self.job.is_none() && (now || self.recovery.due()) {
            self.recovery
                .write(&self.doc.project, self.doc.path.as_deref(), &self.doc.name);
        }
        // A failed write is said as soon as it ends, not at the next write.
        self.recovery.collect();
        if let Some(e) = self.recovery.failed.take() {
            self.notice = Some(format!(
                "Unsaved changes could not be kept for recovery ({e}); save the project to be safe."
            ));
        }
    }

    /// Writes the recovery file at once and waits for it (for tests).
    pub fn keep_unsaved_work_now(&mut self) {
        self.keep_unsaved_work(true);
        self.recovery.flush();
    }

    /// Offers back the unsaved work an earlier run left.
    fn recovery_ui(&mut self, ctx: &egui::Context) {
        let Some(found) = &self.offer else { return };
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
            ui.heading("Unsaved work");
            let when = found.about.written;
            let age = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
                .saturating_sub(when);
            ui.label(format!(
                "Corroborate stopped before the changes to “{}” were saved ({} source(s), kept {} ago).",
                found.about.name,
                found.project.sources.len(),
                human_age(age)
            ));
            ui.horizontal(|ui| {
                if ui.button("Restore unsaved work").clicked() {
                    answer = Some(true);
                }
                if ui.button("Discard it").clicked() {
                    answer = Some(false);
                }
            });
        });
        match answer {
            Some(true) => {
                if let Some(found) = self.offer.take() {
                    if let Some(job) = self.job.take() {
                        job.tracker.cancel();
                    }
                    let about = found.about;
                    self.job = Some(Job::spawn("Restoring", ctx, move |t| {
                        jobs::show(found.project, about.path, about.name, true, t)
                    }));
                }
            }
            Some(false) => {
                self.offer = None;
                self.recovery.clear();
            }
            None => {}
        }
    }

    fn save_prompt_ui(&mut self, ctx: &egui::Context) {
        if self.pending.is_none() {
            return;
        }
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("save changes")).show(ctx, |ui| {
            ui.heading("Save changes?");
            ui.label(format!(
                "“{}” has changes that are not saved.",
                self.doc.name
            ));
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    answer = Some(0);
                }
                if ui.button("Don't save").clicked() {
                    answer = Some(1);
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(2);
                }
            });
        });
        match answer {
            Some(0) => match self.doc.path.clone() {
                Some(path) => self.save_to(&path),
                None => {
                    self.send(Command::SaveAsDialog);
                }
            },
            Some(1) => {
                self.doc.dirty = false;
                self.recovery.clear();
                match self.pending.take() {
                    Some(Pending::Run(command)) => self.send(command),
                    Some(Pending::Close) => {
                        self.allow_close = true;
                        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                    None => {}
                }
            }
            Some(_) => self.pending = None,
            None => {}
        }
    }

    fn help_windows(&mut self, ctx: &egui::Context) {
        egui::Window::new("Keyboard shortcuts")
            .open(&mut self.show_shortcuts)
            .show(ctx, |ui| {
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for s in keys::shortcuts() {
                        ui.monospace(ui.ctx().format_shortcut(&s.keys));
                        ui.label(s.what);
                        ui.end_row();
                    }
                    for (k, what) in keys::REGION_KEYS {
                        ui.monospace(*k);
                        ui.label(*what);
                        ui.end_row();
                    }
                });
            });
        egui::Window::new("About Corroborate")
            .open(&mut self.show_about)
            .show(ctx, |ui| {
                ui.label(format!("Corroborate {}", env!("CARGO_PKG_VERSION")));
                ui.label("Compare many reports of one event: who says what, where they agree, where they conflict.");
            });
    }
}

/// "40 seconds", "3 minutes", "2 hours", "5 days".
fn human_age(seconds: u64) -> String {
    match seconds {
        0..=119 => format!("{seconds} seconds"),
        120..=7199 => format!("{} minutes", seconds / 60),
        7200..=172_799 => format!("{} hours", seconds / 3600),
        _ => format!("{} days", seconds / 86_400),
    }
}

impl eframe::App for Workbench {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if let Some(found) = self.fonts.as_ref().map(|r| r.try_recv()) {
            match found {
                Ok(more) => {
                    self.fonts_added = more.iter().map(|(name, _)| name.clone()).collect();
                    fonts::add(&ctx, more);
                    self.fonts = None;
                }
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.fonts = None,
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
            }
        }
        self.poll_job(&ctx);
        self.poll_analysis(&ctx);
        self.dropped_files(&ctx);
        self.keyboard(&ctx);

        self.keep_unsaved_work(false);
        if ctx.input(|i| i.viewport().close_requested()) && self.doc.dirty && !self.allow_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.pending = Some(Pending::Close);
        }

        egui::Panel::top("menu").show(ui, |ui| {
            menu::menu_bar_ui(self, ui);
            self.messages_ui(ui);
        });
        egui::Panel::bottom("status").show(ui, |ui| status_bar::status_bar_ui(self, ui));
        // The claim table spans the window's width: it has a column per source.
        if self.settings.show_claims {
            egui::Panel::bottom("claims")
                .resizable(true)
                .default_size(240.0)
                .show(ui, |ui| {
                    keys::region(self, ui, keys::Region::Claims, claim_table::claim_table_ui)
                });
        }
        if self.settings.show_sources {
            egui::Panel::left("sources")
                .resizable(true)
                .default_size(470.0)
                .show(ui, |ui| {
                    if !self.doc.analysis.stories.is_empty() {
                        keys::region(self, ui, keys::Region::Stories, story_list::story_list_ui);
                        ui.separator();
                    }
                    keys::region(self, ui, keys::Region::Sources, source_list::source_list_ui);
                });
        }
        if self.settings.show_entities || self.settings.show_search {
            egui::Panel::right("entities")
                .resizable(true)
                .default_size(300.0)
                .show(ui, |ui| {
                    if self.settings.show_search {
                        keys::region(self, ui, keys::Region::Search, search::search_ui);
                        ui.separator();
                    }
                    if self.settings.show_entities {
                        keys::region(
                            self,
                            ui,
                            keys::Region::Entities,
                            entity_sidebar::entity_sidebar_ui,
                        );
                    }
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            keys::region(
                self,
                ui,
                keys::Region::Reading,
                reading_pane::reading_pane_ui,
            )
        });

        self.save_prompt_ui(&ctx);
        self.recovery_ui(&ctx);
        if let Some(command) = self.dialogs.show(&ctx) {
            self.send(command);
        }
        self.help_windows(&ctx);
        timeline::timeline_window(self, &ctx);
        self.drop_overlay(ui);
        self.run_commands(&ctx);

        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}

/// Opens the window.
pub fn run(startup: Startup) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Corroborate")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([700.0, 450.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Corroborate",
        options,
        Box::new(move |cc| Ok(Box::new(Workbench::new(cc, startup)))),
    )
    .map_err(|e| anyhow::anyhow!("the window could not be opened: {e}"))
}

/// The bundled sample reports: where an installer put them, or in the
/// source tree the program was built from.
pub fn sample_reports() -> Option<PathBuf> {
    let installed = std::env::current_exe()
        .ok()
        .map(|exe| sample_places(&exe))
        .unwrap_or_default();
    let source_tree = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample/reports");
    installed
        .into_iter()
        .chain([source_tree])
        .find(|p| p.is_dir())
}

/// Where the installers put the sample reports, for the program at `exe`:
/// beside it (Windows, a build folder), in the bundle's Resources (macOS),
/// or in share/corroborate (cargo-deb) or lib/corroborate (cargo-packager's
/// .deb) beside its bin folder.
fn sample_places(exe: &Path) -> Vec<PathBuf> {
    let sample = Path::new("assets").join("sample").join("reports");
    let Some(dir) = exe.parent() else {
        return Vec::new();
    };
    let mut places = vec![dir.join(&sample)];
    if let Some(up) = dir.parent() {
        places.push(up.join("Resources").join(&sample));
        places.push(up.join("share").join("corroborate").join(&sample));
        places.push(up.join("lib").join("corroborate").join(&sample));
    }
    places
}

fn with_extension(path: &Path) -> PathBuf {
    if path.extension().is_some_and(|e| e == project::EXTENSION) {
        path.to_path_buf()
    } else {
        let mut p = path.as_os_str().to_owned();
        p.push(".");
        p.push(project::EXTENSION);
        PathBuf::from(p)
    }
}

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}

/// Runs `work`, whose parallel parts rebuild the window's lists of a large
/// archive, on a pool of the window's own: on rayon's global pool they
/// would wait behind an analysis running there.
pub(crate) fn on_window_pool<R: Send>(work: impl FnOnce() -> R + Send) -> R {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    let pool = POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("corroborate-window-{i}"))
            .build()
            .ok()
    });
    match pool {
        Some(pool) => pool.install(work),
        // Should no pool start, the global one does the work.
        None => work(),
    }
}

/// Lets a large value go on a thread of its own: freeing an archive's
/// analysis took tens of milliseconds, a frame's worth, at 10,000 reports.
fn drop_elsewhere<T: Send + 'static>(value: T) {
    // Should no thread start, the value is freed here, as before.
    let _ = std::thread::Builder::new()
        .name("corroborate-free".into())
        .spawn(move || drop(value));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_is_looked_for_where_each_installer_puts_it() {
        let places = sample_places(Path::new("/usr/bin/corroborate"));
        assert!(places.contains(&PathBuf::from(
            "/usr/share/corroborate/assets/sample/reports"
        )));
        let app = Path::new("/Applications/Corroborate.app/Contents/MacOS/corroborate");
        assert!(sample_places(app).contains(&PathBuf::from(
            "/Applications/Corroborate.app/Contents/Resources/assets/sample/reports"
        )));
        let windows = Path::new("/Program Files/Corroborate/corroborate.exe");
        assert!(sample_places(windows).contains(&PathBuf::from(
            "/Program Files/Corroborate/assets/sample/reports"
        )));
    }
}
