//! The keyboard: the shortcut of every menu action, which region of the
//! window has the keys (F6 moves between them, a click sets it), and what
//! the arrows, Page Up/Down, Enter, Esc and Delete do in each region.
//!
//! Keys go to a text field first: none of this acts while one has the
//! keyboard, except the shortcuts with Ctrl/Cmd or a function key.

use super::{Command, Edit, Theme, Workbench};
use crate::corrections::Verdict;
use egui::{Key, KeyboardShortcut, Modifiers};

/// A part of the window that takes the arrows and Enter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Region {
    Stories,
    #[default]
    Sources,
    Reading,
    Search,
    Entities,
    Claims,
}

impl Region {
    /// F6's order: left to right, then the table below.
    const ORDER: [Region; 6] = [
        Region::Stories,
        Region::Sources,
        Region::Reading,
        Region::Search,
        Region::Entities,
        Region::Claims,
    ];

    /// The region's name, for screen readers and the help window.
    pub fn name(self) -> &'static str {
        match self {
            Region::Stories => "Stories pane",
            Region::Sources => "Sources pane",
            Region::Reading => "Reading pane",
            Region::Search => "Search pane",
            Region::Entities => "Entities pane",
            Region::Claims => "Claims pane",
        }
    }
}

/// What a shortcut does.
#[derive(Debug, Clone)]
pub enum Action {
    Send(Command),
    Find,
    Timeline,
    Original,
    Toggle(Panel),
    Theme,
    Help,
    NextRegion,
    PreviousRegion,
}

/// A panel the View menu shows or hides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    Sources,
    Search,
    Entities,
    Claims,
}

/// One shortcut: its keys, what the help window calls it, what it does.
pub struct Shortcut {
    pub keys: KeyboardShortcut,
    pub what: &'static str,
    pub action: Action,
}

/// Every shortcut, in the order the help window lists them: made once, as
/// every frame looks at them.
pub fn shortcuts() -> &'static [Shortcut] {
    static ALL: std::sync::LazyLock<Vec<Shortcut>> = std::sync::LazyLock::new(table);
    &ALL
}

fn table() -> Vec<Shortcut> {
    let cmd = Modifiers::COMMAND;
    let shift = Modifiers::COMMAND | Modifiers::SHIFT;
    let alt = Modifiers::COMMAND | Modifiers::ALT;
    let none = Modifiers::NONE;
    let s = |m, k, what, action| Shortcut {
        keys: KeyboardShortcut::new(m, k),
        what,
        action,
    };
    vec![
        s(cmd, Key::N, "New project", Action::Send(Command::New)),
        s(
            cmd,
            Key::O,
            "Open project…",
            Action::Send(Command::OpenDialog),
        ),
        s(cmd, Key::S, "Save", Action::Send(Command::Save)),
        s(
            shift,
            Key::S,
            "Save as…",
            Action::Send(Command::SaveAsDialog),
        ),
        s(
            cmd,
            Key::I,
            "Import files…",
            Action::Send(Command::ImportFilesDialog),
        ),
        s(
            shift,
            Key::I,
            "Import a folder…",
            Action::Send(Command::ImportFolderDialog),
        ),
        s(
            cmd,
            Key::E,
            "Export the claims report as HTML…",
            Action::Send(Command::ExportHtmlDialog),
        ),
        s(
            shift,
            Key::E,
            "Export the analysis as JSON…",
            Action::Send(Command::ExportJsonDialog),
        ),
        s(
            alt,
            Key::E,
            "Export the claim table as CSV…",
            Action::Send(Command::ExportCsvDialog),
        ),
        s(
            shift,
            Key::H,
            "Export the chosen story as HTML…",
            Action::Send(Command::ExportStoryDialog),
        ),
        s(
            shift,
            Key::R,
            "Export verdicts as ClaimReview…",
            Action::Send(Command::ExportReviewsDialog),
        ),
        s(cmd, Key::Q, "Quit", Action::Send(Command::Quit)),
        s(cmd, Key::Z, "Undo", Action::Send(Command::Undo)),
        s(shift, Key::Z, "Redo", Action::Send(Command::Redo)),
        s(
            cmd,
            Key::Y,
            "Redo (as on Windows)",
            Action::Send(Command::Redo),
        ),
        s(cmd, Key::F, "Search", Action::Find),
        s(
            cmd,
            Key::T,
            "Timeline of the chosen story",
            Action::Timeline,
        ),
        s(cmd, Key::U, "Original text on / off", Action::Original),
        s(
            cmd,
            Key::Num1,
            "Source list on / off",
            Action::Toggle(Panel::Sources),
        ),
        s(
            cmd,
            Key::Num2,
            "Search on / off",
            Action::Toggle(Panel::Search),
        ),
        s(
            cmd,
            Key::Num3,
            "Entities on / off",
            Action::Toggle(Panel::Entities),
        ),
        s(
            cmd,
            Key::Num4,
            "Claim table on / off",
            Action::Toggle(Panel::Claims),
        ),
        s(
            shift,
            Key::T,
            "Next theme (system, light, dark)",
            Action::Theme,
        ),
        s(
            none,
            Key::F5,
            "Re-analyse",
            Action::Send(Command::Reanalyse),
        ),
        s(none, Key::F1, "Keyboard shortcuts", Action::Help),
        s(none, Key::F6, "Next region", Action::NextRegion),
        s(
            Modifiers::SHIFT,
            Key::F6,
            "Previous region",
            Action::PreviousRegion,
        ),
    ]
}

/// The shortcuts in the order they are tried: egui lets Ctrl+S match
/// Ctrl+Shift+S, so those with more modifiers come first.
fn by_modifiers() -> &'static [&'static Shortcut] {
    static ORDER: std::sync::LazyLock<Vec<&'static Shortcut>> = std::sync::LazyLock::new(|| {
        let weight = |m: Modifiers| u8::from(m.shift) + u8::from(m.alt) + u8::from(m.command);
        let mut all: Vec<&'static Shortcut> = shortcuts().iter().collect();
        all.sort_by_key(|s| std::cmp::Reverse(weight(s.keys.modifiers)));
        all
    });
    &ORDER
}

/// The keys of the first shortcut that does `what`, as the system writes
/// them ("Ctrl+S", "⌘S"), for the menus.
pub fn keys_of(ctx: &egui::Context, what: &str) -> String {
    shortcuts()
        .iter()
        .find(|s| s.what == what)
        .map(|s| ctx.format_shortcut(&s.keys))
        .unwrap_or_default()
}

/// The keys in each region, for the help window.
pub const REGION_KEYS: &[(&str, &str)] = &[
    ("Up / Down", "Previous / next item of the region"),
    ("Page Up / Page Down", "Scroll the reading pane"),
    ("Enter", "Open the item in the reading pane"),
    ("Esc", "Clear the search, or go back to the sources"),
    ("Delete", "Remove the selected sources"),
    ("1 / 2 / 3", "Claim table: agrees / conflicts / unclear"),
    ("Tab", "Next control inside a region"),
];

/// The item `step` places from `at` in a list of `len` (held at its ends),
/// or the first when none is current.
pub fn step_in(at: Option<usize>, step: isize, len: usize) -> usize {
    match at {
        Some(i) => i.saturating_add_signed(step).min(len.saturating_sub(1)),
        None => 0,
    }
}

/// Where the keys are, and where each region was drawn this frame.
#[derive(Default)]
pub struct Keys {
    pub region: Region,
    rects: Vec<(Region, egui::Rect)>,
}

impl Keys {
    /// Starts a frame: regions are drawn again.
    fn begin(&mut self) {
        self.rects.clear();
    }

    fn shown(&self, region: Region) -> bool {
        self.rects.iter().any(|(r, _)| *r == region)
    }

    /// The next region drawn, after (or before) the current one.
    fn step(&mut self, forward: bool) {
        let order = Region::ORDER;
        let at = order.iter().position(|r| *r == self.region).unwrap_or(0);
        for k in 1..=order.len() {
            let i = if forward {
                (at + k) % order.len()
            } else {
                (at + order.len() * 2 - k) % order.len()
            };
            if self.shown(order[i]) {
                self.region = order[i];
                return;
            }
        }
    }
}

/// Draws a region with `add`, names it for screen readers, remembers where
/// it is for clicks and F6, and frames it when it has the keys.
pub fn region(
    app: &mut Workbench,
    ui: &mut egui::Ui,
    region: Region,
    add: impl FnOnce(&mut Workbench, &mut egui::Ui),
) {
    let inner = ui.scope(|ui| {
        ui.ctx().accesskit_node_builder(ui.unique_id(), |node| {
            node.set_role(egui::Role::Region);
            node.set_label(region.name());
        });
        add(app, ui);
    });
    let rect = inner.response.rect;
    app.keys.rects.push((region, rect));
    if app.keys.region == region {
        let stroke = egui::Stroke::new(2.0, ui.visuals().selection.stroke.color);
        ui.painter()
            .rect_stroke(rect, 3.0, stroke, egui::StrokeKind::Outside);
    }
}

impl Workbench {
    /// The region that has the keys.
    pub fn region(&self) -> Region {
        self.keys.region
    }

    /// Gives the keys to a region (as F6 or a click would).
    pub fn focus_region(&mut self, region: Region) {
        self.keys.region = region;
    }

    /// Shortcuts and region keys, before the panels are drawn.
    pub(super) fn keyboard(&mut self, ctx: &egui::Context) {
        // A dialog in front (file chooser, "save changes?", recovery) has
        // the keys to itself.
        if self.dialogs.is_open() || self.pending.is_some() || self.offer.is_some() {
            self.keys.begin();
            return;
        }
        for s in by_modifiers() {
            if ctx.input_mut(|i| i.consume_shortcut(&s.keys)) {
                self.act(ctx, s.action.clone());
            }
        }
        // A press inside a region gives it the keys.
        let pressed = ctx.input(|i| {
            i.pointer
                .any_pressed()
                .then(|| i.pointer.interact_pos())
                .flatten()
        });
        if let Some(at) = pressed
            && let Some((r, _)) = self.keys.rects.iter().find(|(_, rect)| rect.contains(at))
        {
            self.keys.region = *r;
        }
        self.keys.begin();
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        let key = |k: Key| ctx.input_mut(|i| i.consume_key(Modifiers::NONE, k));
        let step = if key(Key::ArrowDown) {
            1
        } else if key(Key::ArrowUp) {
            -1
        } else {
            0
        };
        let page = if key(Key::PageDown) {
            1.0
        } else if key(Key::PageUp) {
            -1.0
        } else {
            0.0
        };
        let enter = key(Key::Enter);
        let escape = key(Key::Escape);
        match self.keys.region {
            Region::Sources => {
                self.step_source(step);
                if key(Key::Delete) && !self.selection.sources.is_empty() {
                    self.send(Command::Edit(Edit::Remove(self.selection.sources.clone())));
                }
                if enter && self.selection.current.is_some() {
                    self.keys.region = Region::Reading;
                }
            }
            Region::Stories => {
                if step != 0 {
                    let at = self.chosen_story_index();
                    if let Some(next) = self.stories.step(at, step) {
                        self.choose_story(Some(next));
                    }
                }
                if enter {
                    self.keys.region = Region::Sources;
                }
            }
            Region::Reading => {
                let line = 24.0;
                let screen = ctx.content_rect().height() * 0.6;
                self.reading.scroll_by += step as f32 * line + page * screen;
            }
            Region::Search => {
                if step != 0 && !self.search.hits.is_empty() {
                    let next = step_in(self.search.at, step, self.search.hits.len());
                    self.send(Command::OpenHit(next));
                }
                if enter && self.search.at.is_some() {
                    self.keys.region = Region::Reading;
                }
            }
            Region::Entities => {
                if step != 0 {
                    let mut panel = std::mem::take(&mut self.entities);
                    let name = panel.step(self, step);
                    self.entities = panel;
                    if let Some(name) = name {
                        self.send(Command::SelectEntity(Some(name)));
                    }
                }
                if enter && let Some(command) = self.first_mention() {
                    self.send(command);
                    self.keys.region = Region::Reading;
                }
            }
            Region::Claims => {
                // The table moves its own rows (it knows which are shown).
                self.claims_view.step = step;
                if enter {
                    self.claims_view.open_central = true;
                }
                for (k, v) in [
                    (Key::Num1, Verdict::Agrees),
                    (Key::Num2, Verdict::Conflicts),
                    (Key::Num3, Verdict::Unclear),
                ] {
                    if key(k) {
                        self.claims_view.ask_verdict(&self.doc.analysis.claims, v);
                    }
                }
            }
        }
        if escape {
            if matches!(self.keys.region, Region::Search | Region::Sources)
                && !self.search.ran.is_empty()
            {
                self.send(Command::ClearSearch);
            }
            self.keys.region = Region::Sources;
        }
    }

    fn act(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Send(command) => self.send(command),
            Action::Find => {
                self.settings.show_search = true;
                self.search.focus = true;
                self.keys.region = Region::Search;
            }
            Action::Timeline => {
                if self.timeline_story().is_some() {
                    self.show_timeline(true);
                }
            }
            Action::Original => self.show_original = !self.show_original,
            Action::Toggle(panel) => {
                let shown = match panel {
                    Panel::Sources => &mut self.settings.show_sources,
                    Panel::Search => &mut self.settings.show_search,
                    Panel::Entities => &mut self.settings.show_entities,
                    Panel::Claims => &mut self.settings.show_claims,
                };
                *shown = !*shown;
            }
            Action::Theme => {
                self.settings.theme = match self.settings.theme {
                    Theme::System => Theme::Light,
                    Theme::Light => Theme::Dark,
                    Theme::Dark => Theme::System,
                };
                self.apply_theme(ctx);
            }
            Action::Help => self.show_shortcuts = !self.show_shortcuts,
            // A text field being typed in lets go, so that the arrows
            // reach the region F6 moved to.
            Action::NextRegion => {
                ctx.memory_mut(|m| m.stop_text_input());
                self.keys.step(true);
            }
            Action::PreviousRegion => {
                ctx.memory_mut(|m| m.stop_text_input());
                self.keys.step(false);
            }
        }
    }

    /// Up or Down in the source list.
    fn step_source(&mut self, step: isize) {
        if step == 0 {
            return;
        }
        let visible = self.list.visible_ids();
        if visible.is_empty() {
            return;
        }
        let at = self
            .selection
            .current
            .and_then(|c| visible.iter().position(|id| *id == c));
        let next = step_in(at, step, visible.len());
        if let Some(id) = visible.get(next) {
            self.send(Command::Select(*id));
            self.list.scroll_to = Some(next);
        }
    }

    /// The chosen entity's first mention, to open in the reading pane.
    fn first_mention(&self) -> Option<Command> {
        let name = self.selection.entity.as_ref()?;
        let entity = self
            .doc
            .analysis
            .entities
            .iter()
            .find(|e| &e.name == name)?;
        let m = entity.mentions.first()?;
        Some(Command::Show(m.source, Some(m.span)))
    }
}
