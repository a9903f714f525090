//! Every change to the project is an [`Edit`]: applied in one place, undone
//! by applying the edit it returns. UI code never changes the project itself.

use crate::corpus::{Source, SourceId};
use crate::corrections::{ClaimFix, EntityFix};
use crate::project::Project;

/// Which piece of metadata a person corrected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetaField {
    Title,
    Outlet,
    Published,
}

impl MetaField {
    pub fn label(self) -> &'static str {
        match self {
            MetaField::Title => "Title",
            MetaField::Outlet => "Outlet",
            MetaField::Published => "Date",
        }
    }
}

/// The edit that makes `field` of `source` read `value`, if anything changes:
/// the detected value clears the override, anything else sets it.
pub fn meta_edit(source: &Source, field: MetaField, value: &str) -> Option<Edit> {
    let value = value.trim().to_string();
    let (detected, current) = match field {
        MetaField::Title => (Some(source.detected.title.clone()), &source.overrides.title),
        MetaField::Outlet => (source.detected.outlet.clone(), &source.overrides.outlet),
        MetaField::Published => (
            source.detected.published.clone(),
            &source.overrides.published,
        ),
    };
    let wanted = if Some(&value) == detected.as_ref() {
        None
    } else {
        Some(value)
    };
    (wanted != *current).then_some(Edit::Meta {
        id: source.id,
        field,
        value: wanted,
    })
}

/// An undoable change to the project.
#[derive(Debug, Clone)]
pub enum Edit {
    /// Put sources back at these positions (ascending).
    Insert(Vec<(usize, Source)>),
    Remove(Vec<SourceId>),
    /// Set (`Some`) or clear (`None`) a metadata override.
    Meta {
        id: SourceId,
        field: MetaField,
        value: Option<String>,
    },
    /// Adds a correction to the entities; undone by `Unfix`.
    Fix(EntityFix),
    /// Takes back the latest correction; undone by adding it again.
    Unfix,
    /// Adds a correction to the claim table; undone by `UnfixClaim`.
    FixClaim(ClaimFix),
    UnfixClaim,
}

impl Edit {
    /// Applies the edit; returns the edit that undoes it, and the sources
    /// whose text or metadata the index must drop and (re)add.
    pub fn apply(self, project: &mut Project) -> Applied {
        match self {
            Edit::Insert(mut items) => {
                items.sort_by_key(|(at, _)| *at);
                let ids: Vec<SourceId> = items.iter().map(|(_, s)| s.id).collect();
                for (at, source) in items {
                    let at = at.min(project.sources.len());
                    project.sources.insert(at, source);
                }
                Applied {
                    undo: Edit::Remove(ids.clone()),
                    added: ids,
                    ..Applied::nothing()
                }
            }
            Edit::Remove(ids) => {
                let mut taken = Vec::new();
                let mut i = 0;
                while i < project.sources.len() {
                    if ids.contains(&project.sources[i].id) {
                        taken.push((i + taken.len(), project.sources.remove(i)));
                    } else {
                        i += 1;
                    }
                }
                let removed = taken.iter().map(|(_, s)| s.id).collect();
                Applied {
                    undo: Edit::Insert(taken),
                    removed,
                    ..Applied::nothing()
                }
            }
            Edit::Meta { id, field, value } => {
                let Some(source) = project.sources.iter_mut().find(|s| s.id == id) else {
                    return Applied::nothing();
                };
                let slot = match field {
                    MetaField::Title => &mut source.overrides.title,
                    MetaField::Outlet => &mut source.overrides.outlet,
                    MetaField::Published => &mut source.overrides.published,
                };
                let old = std::mem::replace(slot, value);
                Applied {
                    undo: Edit::Meta {
                        id,
                        field,
                        value: old,
                    },
                    removed: vec![id],
                    added: vec![id],
                    ..Applied::nothing()
                }
            }
            Edit::Fix(fix) => {
                project.entity_fixes.push(fix.clone());
                Applied {
                    undo: Edit::Unfix,
                    fixes: true,
                    fix: Some(fix),
                    ..Applied::nothing()
                }
            }
            Edit::Unfix => match project.entity_fixes.pop() {
                Some(fix) => Applied {
                    undo: Edit::Fix(fix),
                    fixes: true,
                    ..Applied::nothing()
                },
                None => Applied::nothing(),
            },
            Edit::FixClaim(fix) => {
                project.claim_fixes.push(fix);
                Applied {
                    undo: Edit::UnfixClaim,
                    fixes: true,
                    ..Applied::nothing()
                }
            }
            Edit::UnfixClaim => match project.claim_fixes.pop() {
                Some(fix) => Applied {
                    undo: Edit::FixClaim(fix),
                    fixes: true,
                    ..Applied::nothing()
                },
                None => Applied::nothing(),
            },
        }
    }
}

pub struct Applied {
    pub undo: Edit,
    pub removed: Vec<SourceId>,
    pub added: Vec<SourceId>,
    /// The entity corrections changed.
    pub fixes: bool,
    /// The correction just made, if any.
    pub fix: Option<EntityFix>,
}

impl Applied {
    fn nothing() -> Self {
        Applied {
            undo: Edit::Remove(Vec::new()),
            removed: Vec::new(),
            added: Vec::new(),
            fixes: false,
            fix: None,
        }
    }
}

/// What the UI asks for; the app carries it out once per frame.
#[derive(Debug, Clone)]
pub enum Command {
    Edit(Edit),
    Undo,
    Redo,
    Select(SourceId),
    /// Choose an entity in the sidebar (or none).
    SelectEntity(Option<String>),
    /// Open a source in the reading pane, at a span if given.
    Show(SourceId, Option<crate::corpus::Span>),
    ToggleSelect(SourceId),
    /// Open a search hit (its index in the hit list).
    OpenHit(usize),
    Search(String),
    ClearSearch,
    Import(Vec<std::path::PathBuf>),
    ImportFilesDialog,
    ImportFolderDialog,
    New,
    OpenDialog,
    Open(std::path::PathBuf),
    Save,
    SaveAsDialog,
    SaveAs(std::path::PathBuf),
    ExportJsonDialog,
    /// Writes the analysis (the JSON contract) to a file.
    ExportJson(std::path::PathBuf),
    ExportCsvDialog,
    ExportHtmlDialog,
    /// Writes the claim table (CSV) or the claims report (HTML) to a file.
    ExportCsv(std::path::PathBuf),
    ExportHtml(std::path::PathBuf),
    ExportStoryDialog,
    /// Writes the chosen story as one HTML report.
    ExportStory(std::path::PathBuf),
    ExportReviewsDialog,
    /// Writes the rows with a verdict as ClaimReview (JSON-LD).
    ExportReviews(std::path::PathBuf),
    CancelJob,
    /// Analyse the sources again (after a cancelled analysis).
    Reanalyse,
    DismissError,
    Quit,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{ImportOptions, import_texts};

    fn project() -> Project {
        let report = import_texts(
            &[
                ("a.txt", "First report text."),
                ("b.txt", "Second report text."),
                ("c.txt", "Third one here."),
            ],
            &ImportOptions::default(),
        );
        Project {
            sources: report.sources,
            ..Project::default()
        }
    }

    #[test]
    fn remove_then_undo_restores_order() {
        let mut p = project();
        let before = p.clone();
        let ids = vec![p.sources[0].id, p.sources[2].id];
        let applied = Edit::Remove(ids).apply(&mut p);
        assert_eq!(p.sources.len(), 1);
        applied.undo.apply(&mut p);
        assert_eq!(p, before);
    }

    #[test]
    fn metadata_edits_undo_to_the_old_value() {
        let mut p = project();
        let id = p.sources[1].id;
        let applied = Edit::Meta {
            id,
            field: MetaField::Outlet,
            value: Some("Valley Times".into()),
        }
        .apply(&mut p);
        assert_eq!(p.sources[1].meta().outlet.as_deref(), Some("Valley Times"));
        applied.undo.apply(&mut p);
        assert_eq!(p.sources[1].overrides.outlet, None);
    }
}
