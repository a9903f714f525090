//! Choosing files and folders: the system's own dialog (rfd) where the
//! system has one, and otherwise a chooser drawn in the window, with a line
//! that says why, so that File → Open, Import and Save As never do nothing.
//!
//! On Linux rfd asks the XDG desktop portal over D-Bus and falls back to
//! zenity; a plain X server has neither, and rfd then answers "no file" at
//! once, exactly as a cancel does. A dialog that answers faster than a
//! person can cancel, where zenity is missing, is taken as no dialog at all.

use super::commands::Command;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What a dialog is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    ImportFiles,
    ImportFolder,
    Open,
    SaveAs,
    ExportJson,
    ExportCsv,
    ExportHtml,
    ExportStory,
    ExportReviews,
}

impl Purpose {
    pub fn title(self) -> &'static str {
        match self {
            Purpose::ImportFiles => "Import reports",
            Purpose::ImportFolder => "Import a folder of reports",
            Purpose::Open => "Open a project",
            Purpose::SaveAs => "Save the project as",
            Purpose::ExportJson => "Export the analysis as JSON",
            Purpose::ExportCsv => "Export the claim table as CSV",
            Purpose::ExportHtml => "Export the claims report as HTML",
            Purpose::ExportStory => "Export the story as HTML",
            Purpose::ExportReviews => "Export claim reviews (JSON-LD)",
        }
    }

    /// The name of the files it shows, and their extensions.
    fn filter(self) -> Option<(&'static str, &'static [&'static str])> {
        match self {
            Purpose::ImportFiles => {
                Some(("Reports", &["txt", "md", "markdown", "html", "htm", "pdf"]))
            }
            Purpose::ImportFolder => None,
            Purpose::Open | Purpose::SaveAs => {
                Some(("Corroborate project", &[crate::project::EXTENSION]))
            }
            Purpose::ExportJson => Some(("JSON", &["json"])),
            Purpose::ExportCsv => Some(("CSV", &["csv"])),
            Purpose::ExportHtml | Purpose::ExportStory => Some(("HTML", &["html"])),
            Purpose::ExportReviews => Some(("JSON-LD", &["jsonld", "json"])),
        }
    }

    fn saves(self) -> bool {
        !matches!(
            self,
            Purpose::ImportFiles | Purpose::ImportFolder | Purpose::Open
        )
    }

    /// The command to run with what was chosen.
    fn then(self, mut paths: Vec<PathBuf>) -> Option<Command> {
        if self == Purpose::ImportFiles || self == Purpose::ImportFolder {
            return (!paths.is_empty()).then_some(Command::Import(paths));
        }
        let path = paths.pop()?;
        Some(match self {
            Purpose::Open => Command::Open(path),
            Purpose::SaveAs => Command::SaveAs(path),
            Purpose::ExportJson => Command::ExportJson(path),
            Purpose::ExportCsv => Command::ExportCsv(path),
            Purpose::ExportHtml => Command::ExportHtml(path),
            Purpose::ExportStory => Command::ExportStory(path),
            Purpose::ExportReviews => Command::ExportReviews(path),
            Purpose::ImportFiles | Purpose::ImportFolder => return None,
        })
    }
}

/// Which dialogs the window uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The system's, until it shows that it has none.
    System,
    /// The window's own (`CORROBORATE_FILE_DIALOG=builtin`, or after the
    /// system's failed to open).
    InWindow,
}

/// The dialogs of one window.
pub struct Dialogs {
    pub mode: Mode,
    /// Why the window's own chooser is in use, shown above it.
    pub why: Option<String>,
    open: Option<Chooser>,
}

/// An answer quicker than this, with no zenity to fall back on, is the
/// portal failing rather than a person cancelling.
const TOO_QUICK: Duration = Duration::from_millis(250);

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

impl Default for Dialogs {
    fn default() -> Self {
        let builtin = std::env::var("CORROBORATE_FILE_DIALOG").is_ok_and(|v| v == "builtin");
        Dialogs {
            mode: if builtin {
                Mode::InWindow
            } else {
                Mode::System
            },
            why: builtin.then(|| {
                "CORROBORATE_FILE_DIALOG=builtin asks for the window's own file chooser.".into()
            }),
            open: None,
        }
    }
}

impl Dialogs {
    /// Asks for files or a folder for `purpose`. With the system's dialog
    /// the answer comes back at once; with the window's own it comes from
    /// [`Dialogs::show`] in a later frame.
    pub fn ask(&mut self, purpose: Purpose, name: Option<String>) -> Option<Command> {
        if self.mode == Mode::System {
            let started = Instant::now();
            let picked = system(purpose, name.clone());
            if picked.is_some() {
                return picked.and_then(|p| purpose.then(p));
            }
            let fell_through = cfg!(all(unix, not(target_os = "macos")))
                && started.elapsed() < TOO_QUICK
                && !on_path("zenity");
            if !fell_through {
                return None; // the person cancelled
            }
            self.mode = Mode::InWindow;
            self.why = Some(
                "This system has no file dialog for Corroborate to use (no XDG desktop portal answered and zenity is not installed), so the window shows its own."
                    .into(),
            );
        }
        self.open_in_window(purpose, name);
        None
    }

    fn open_in_window(&mut self, purpose: Purpose, name: Option<String>) {
        let start = std::env::current_dir()
            .ok()
            .or_else(|| directories::UserDirs::new().map(|d| d.home_dir().to_path_buf()))
            .unwrap_or_else(|| PathBuf::from("."));
        let mut chooser = Chooser {
            purpose,
            dir: PathBuf::new(),
            typed_dir: String::new(),
            entries: Vec::new(),
            chosen: Vec::new(),
            name: name.unwrap_or_default(),
            problem: None,
            cursor: None,
            focus_field: true,
        };
        chooser.go(start);
        self.open = Some(chooser);
    }

    /// Where the window's own chooser looks (tests point it at a folder).
    pub fn start_in(&mut self, dir: PathBuf) {
        if let Some(chooser) = &mut self.open {
            chooser.go(dir);
        }
    }

    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// Draws the window's own chooser, if one is open; the command to run
    /// once something is chosen.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<Command> {
        let chooser = self.open.as_mut()?;
        let mut answer = Answer::Waiting;
        egui::Modal::new(egui::Id::unique("corroborate-file-chooser")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading(chooser.purpose.title());
            if let Some(why) = &self.why {
                ui.label(egui::RichText::new(why.as_str()).weak());
            }
            ui.separator();
            answer = chooser.ui(ui);
        });
        match answer {
            Answer::Waiting => None,
            Answer::Cancel => {
                self.open = None;
                None
            }
            Answer::Chosen(paths) => {
                let purpose = chooser.purpose;
                self.open = None;
                purpose.then(paths)
            }
        }
    }
}

/// The window's own file chooser: one folder's entries, folders first.
struct Chooser {
    purpose: Purpose,
    dir: PathBuf,
    /// The folder as the person types it.
    typed_dir: String,
    /// Names in `dir`, folders marked, hidden ones and files of other kinds left out.
    entries: Vec<(String, bool)>,
    chosen: Vec<String>,
    /// The file name to save under.
    name: String,
    problem: Option<String>,
    /// The entry Up and Down are on.
    cursor: Option<usize>,
    /// The first frame: the folder field (or, to save, the name field)
    /// takes the keyboard, so a path can be typed at once.
    focus_field: bool,
}

enum Answer {
    Waiting,
    Cancel,
    Chosen(Vec<PathBuf>),
}

impl Chooser {
    fn go(&mut self, dir: PathBuf) {
        match std::fs::read_dir(&dir) {
            Ok(read) => {
                let filter = self.purpose.filter();
                let mut entries: Vec<(String, bool)> = read
                    .flatten()
                    .filter_map(|e| {
                        let name = e.file_name().to_string_lossy().into_owned();
                        let is_dir = e.path().is_dir();
                        let shown = !name.starts_with('.')
                            && (is_dir
                                || self.purpose != Purpose::ImportFolder
                                    && filter.is_none_or(|(_, exts)| {
                                        e.path().extension().and_then(|x| x.to_str()).is_some_and(
                                            |x| exts.iter().any(|y| y.eq_ignore_ascii_case(x)),
                                        )
                                    }));
                        shown.then_some((name, is_dir))
                    })
                    .collect();
                entries.sort_by(|a, b| {
                    b.1.cmp(&a.1)
                        .then_with(|| a.0.to_lowercase().cmp(&b.0.to_lowercase()))
                });
                self.entries = entries;
                self.typed_dir = dir.display().to_string();
                self.dir = dir;
                self.chosen.clear();
                self.cursor = None;
                self.problem = None;
            }
            Err(e) => self.problem = Some(format!("{} cannot be opened: {e}", dir.display())),
        }
    }

    fn verb(&self) -> &'static str {
        match self.purpose {
            Purpose::ImportFiles => "Import",
            Purpose::ImportFolder => "Import this folder",
            Purpose::Open => "Open",
            Purpose::SaveAs => "Save",
            _ => "Export",
        }
    }

    /// What the main button would choose now.
    fn choice(&self) -> Option<Vec<PathBuf>> {
        match self.purpose {
            Purpose::ImportFolder => Some(vec![self.dir.clone()]),
            p if p.saves() => {
                let name = self.name.trim();
                if name.is_empty() {
                    return None;
                }
                let mut path = self.dir.join(name);
                if path.extension().is_none()
                    && let Some((_, exts)) = p.filter()
                {
                    path.set_extension(exts[0]);
                }
                Some(vec![path])
            }
            _ => {
                let files: Vec<PathBuf> = self
                    .chosen
                    .iter()
                    .filter(|c| self.entries.iter().any(|(n, d)| n == *c && !d))
                    .map(|c| self.dir.join(c))
                    .collect();
                (!files.is_empty()).then_some(files)
            }
        }
    }

    /// Up and Down through the entries and Enter into a folder, while no
    /// text field has the keyboard.
    fn keys(&mut self, ui: &mut egui::Ui, go: &mut Option<PathBuf>) {
        if ui.ctx().egui_wants_keyboard_input() || self.entries.is_empty() {
            return;
        }
        let (down, up) = ui.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
            )
        });
        if down || up {
            let last = self.entries.len() - 1;
            let at = match (self.cursor, down) {
                (Some(c), true) => (c + 1).min(last),
                (Some(c), false) => c.saturating_sub(1),
                (None, _) => 0,
            };
            self.cursor = Some(at);
            let (name, is_dir) = self.entries[at].clone();
            self.chosen = vec![name.clone()];
            if self.purpose.saves() && !is_dir {
                self.name = name;
            }
        }
        // Enter on a file is the main button's (see `ui`).
        if let Some((name, true)) = self.cursor.and_then(|c| self.entries.get(c)).cloned()
            && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter))
        {
            *go = Some(self.dir.join(name));
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui) -> Answer {
        let mut go = None;
        let mut typed_file = None;
        ui.horizontal(|ui| {
            if ui.button("Up").on_hover_text("The folder above").clicked()
                && let Some(parent) = self.dir.parent()
            {
                go = Some(parent.to_path_buf());
            }
            let label = ui.label("Folder:");
            let typed = ui
                .add(
                    egui::TextEdit::singleline(&mut self.typed_dir)
                        .desired_width(f32::INFINITY)
                        .hint_text("a folder, or a file's whole path"),
                )
                .labelled_by(label.id);
            if self.focus_field && !self.purpose.saves() {
                typed.request_focus();
            }
            if typed.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                // A file typed in full is chosen, as in the system's dialogs.
                let path = PathBuf::from(self.typed_dir.trim());
                if path.is_file() && !self.purpose.saves() && self.purpose != Purpose::ImportFolder
                {
                    typed_file = Some(path);
                } else {
                    go = Some(path);
                }
            }
        });
        self.keys(ui, &mut go);
        if let Some(problem) = &self.problem {
            ui.colored_label(ui.visuals().error_fg_color, problem.as_str());
        }
        let mut answer = Answer::Waiting;
        let row = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
        egui::ScrollArea::vertical()
            .max_height(320.0)
            .auto_shrink([false, false])
            .show_rows(ui, row, self.entries.len(), |ui, rows| {
                for i in rows {
                    let Some((name, is_dir)) = self.entries.get(i).cloned() else {
                        continue;
                    };
                    let shown = if is_dir {
                        format!("{name}/")
                    } else {
                        name.clone()
                    };
                    let picked = self.chosen.contains(&name);
                    let r = ui.selectable_label(picked, shown);
                    if r.double_clicked() {
                        if is_dir {
                            go = Some(self.dir.join(&name));
                        } else if !self.purpose.saves() {
                            answer = Answer::Chosen(vec![self.dir.join(&name)]);
                        }
                    } else if r.clicked() {
                        let many = self.purpose == Purpose::ImportFiles
                            && ui.input(|i| i.modifiers.command || i.modifiers.shift);
                        if !many {
                            self.chosen.clear();
                        }
                        if picked && many {
                            self.chosen.retain(|c| c != &name);
                        } else {
                            self.chosen.push(name.clone());
                        }
                        if self.purpose.saves() && !is_dir {
                            self.name = name;
                        }
                    }
                }
            });
        if self.entries.is_empty() {
            ui.label(egui::RichText::new("Nothing here of the kind asked for.").weak());
        }
        let mut named = false;
        if self.purpose.saves() {
            ui.horizontal(|ui| {
                let label = ui.label("File name:");
                let field = ui
                    .add(egui::TextEdit::singleline(&mut self.name).desired_width(f32::INFINITY))
                    .labelled_by(label.id);
                if self.focus_field {
                    field.request_focus();
                }
                named = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            });
        }
        self.focus_field = false;
        ui.separator();
        ui.horizontal(|ui| {
            let choice = self.choice();
            // Ctrl+Enter (or Enter in the name field, or a file typed in
            // full, or Enter on a chosen file) is the main button.
            let enter_file = self
                .cursor
                .and_then(|c| self.entries.get(c))
                .is_some_and(|(_, is_dir)| !is_dir)
                && !ui.ctx().egui_wants_keyboard_input()
                && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter));
            let keyed = named
                || enter_file
                || ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Enter));
            let button = ui
                .add_enabled(choice.is_some(), egui::Button::new(self.verb()))
                .on_hover_text("Ctrl+Enter");
            if (button.clicked() || keyed)
                && let Some(paths) = choice
            {
                answer = Answer::Chosen(paths);
            }
            if let Some(file) = typed_file.take() {
                answer = Answer::Chosen(vec![file]);
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                answer = Answer::Cancel;
            }
        });
        if let Some(dir) = go {
            self.go(dir);
        }
        answer
    }
}

/// The system's dialog; None when the person cancelled or there is none.
fn system(purpose: Purpose, name: Option<String>) -> Option<Vec<PathBuf>> {
    let mut dialog = rfd::FileDialog::new().set_title(purpose.title());
    if let Some((label, extensions)) = purpose.filter() {
        dialog = dialog.add_filter(label, extensions);
    }
    if let Some(name) = name {
        dialog = dialog.set_file_name(name);
    }
    match purpose {
        Purpose::ImportFiles => dialog.pick_files(),
        Purpose::ImportFolder => dialog.pick_folder().map(|d| vec![d]),
        Purpose::Open => dialog.pick_file().map(|f| vec![f]),
        _ => dialog.save_file().map(|f| vec![f]),
    }
}
