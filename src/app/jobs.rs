//! Background work: opening, importing, analysing and indexing run on their
//! own thread; the window polls the result and draws progress meanwhile.

use crate::analysis::Analysis;
use crate::corpus::{Skipped, Source, SourceId};
use crate::index::{SearchIndex, TantivyIndex};
use crate::nlp::segment::{self, Paragraph};
use crate::progress::{Progress, Tracker};
use crate::project::Project;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// What a finished job hands back to the window.
pub enum Output {
    /// A whole project, ready to show.
    Opened {
        project: Project,
        path: Option<PathBuf>,
        name: String,
        /// None when the analysis is left to run in the background.
        analysis: Option<Box<Analysis>>,
        /// The project holds work that is not saved (restored after a crash).
        unsaved: bool,
        index: TantivyIndex,
        /// Files this job could not import (already in `project`), to tell the person.
        skipped: Vec<Skipped>,
    },
    /// A fresh analysis of the open project's sources.
    Analysed(Box<Analysis>),
    /// New sources for the open project, already in the index that comes
    /// back with them (the index comes back even when the import failed).
    Imported {
        sources: Vec<Source>,
        skipped: Vec<Skipped>,
        segments: Vec<(SourceId, Vec<Paragraph>)>,
        index: TantivyIndex,
        error: Option<String>,
    },
}

pub struct Job {
    pub name: String,
    pub tracker: Arc<Tracker>,
    rx: Receiver<Result<Output, String>>,
}

pub enum Poll {
    Running,
    Done(Box<Result<Output, String>>),
}

impl Job {
    /// Runs `work` on a new thread; a panic in it becomes an error message.
    pub fn spawn(
        name: &str,
        ctx: &egui::Context,
        work: impl FnOnce(&Tracker) -> Result<Output, String> + Send + 'static,
    ) -> Job {
        let tracker = Arc::new(Tracker::default());
        let (tx, rx) = channel();
        let thread_tracker = Arc::clone(&tracker);
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("corroborate: {name}"))
            .spawn(move || {
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    work(&thread_tracker)
                }))
                .unwrap_or_else(|_| {
                    Err("an internal error stopped this job; nothing was changed".into())
                });
                let _ = tx.send(result);
                ctx.request_repaint();
            });
        if let Err(e) = spawned {
            let (tx, rx2) = channel();
            let _ = tx.send(Err(format!("could not start a background job ({e})")));
            return Job {
                name: name.to_string(),
                tracker,
                rx: rx2,
            };
        }
        Job {
            name: name.to_string(),
            tracker,
            rx,
        }
    }

    pub fn poll(&self) -> Poll {
        match self.rx.try_recv() {
            Ok(result) => Poll::Done(Box::new(result)),
            Err(TryRecvError::Empty) => Poll::Running,
            Err(TryRecvError::Disconnected) => {
                Poll::Done(Box::new(Err("the job ended without a result".into())))
            }
        }
    }
}

/// Segments and indexes a whole project.
pub fn prepare(
    project: Project,
    path: Option<PathBuf>,
    name: String,
    skipped: Vec<Skipped>,
    progress: &dyn Progress,
) -> Result<Output, String> {
    let analysis = crate::analysis::analyze(&project, progress).map_err(|e| e.to_string())?;
    let mut shown = show(project, path, name, false, progress)?;
    if let Output::Opened {
        analysis: analysed,
        skipped: not_imported,
        ..
    } = &mut shown
    {
        *analysed = Some(Box::new(analysis));
        *not_imported = skipped;
    }
    Ok(shown)
}

/// Opens a project file: its sources and search index. The analysis follows
/// in the background, so a large project is readable and searchable at once.
pub fn open(path: PathBuf, progress: &dyn Progress) -> Result<Output, String> {
    let (project, stamp) = Project::load_stamped(&path).map_err(|e| e.to_string())?;
    let name = display_name(&path);
    // A large saved project searches through the index kept for it, built
    // once and opened in an instant afterwards.
    let bytes: usize = project.sources.iter().map(|s| s.cleaned.len()).sum();
    if let (Some(stamp), Some(root)) = (stamp, crate::kept_index::root())
        && bytes > crate::index::RAM_LIMIT_BYTES
    {
        let (index, _) = crate::kept_index::open_or_rebuild(
            &root,
            &stamp,
            || Ok(project.sources.as_slice()),
            progress,
        )
        .map_err(|e| e.to_string())?;
        return Ok(opened(project, Some(path), name, false, index));
    }
    show(project, Some(path), name, false, progress)
}

/// A project in memory, indexed and ready to show, its analysis to follow.
pub fn show(
    project: Project,
    path: Option<PathBuf>,
    name: String,
    unsaved: bool,
    progress: &dyn Progress,
) -> Result<Output, String> {
    let cache = crate::index::cache_dir();
    let index = TantivyIndex::build(&project.sources, cache.as_deref(), progress)
        .map_err(|e| e.to_string())?;
    Ok(opened(project, path, name, unsaved, index))
}

/// A project and its index, ready to show; the analysis follows.
fn opened(
    project: Project,
    path: Option<PathBuf>,
    name: String,
    unsaved: bool,
    index: TantivyIndex,
) -> Output {
    Output::Opened {
        project,
        path,
        name,
        analysis: None,
        unsaved,
        index,
        skipped: Vec::new(),
    }
}

/// A new project from files and folders.
pub fn new_from(
    paths: Vec<PathBuf>,
    name: String,
    progress: &dyn Progress,
) -> Result<Output, String> {
    let mut project = Project::default();
    let report = project
        .import(&paths, progress)
        .map_err(|e| e.to_string())?;
    prepare(project, None, name, report.skipped, progress)
}

/// Imports into an open project: `existing` lends its words and catches duplicates.
pub fn import(
    paths: Vec<PathBuf>,
    existing: Vec<Source>,
    extra_rules: String,
    mut index: TantivyIndex,
    progress: &dyn Progress,
) -> Result<Output, String> {
    let failed = |index, error: String| {
        Ok(Output::Imported {
            sources: Vec::new(),
            skipped: Vec::new(),
            segments: Vec::new(),
            index,
            error: Some(error),
        })
    };
    let options = match (Project {
        extra_rules,
        ..Project::default()
    })
    .import_options()
    {
        Ok(options) => options,
        Err(e) => return failed(index, e.to_string()),
    };
    let report = match crate::corpus::import_paths(&paths, &existing, &options, progress) {
        Ok(report) => report,
        Err(crate::Error::Cancelled) => {
            return failed(index, "Import cancelled; nothing was added.".into());
        }
        Err(e) => return failed(index, e.to_string()),
    };
    progress.stage("Indexing", report.sources.len());
    if let Err(e) = index.add_sources(&report.sources.iter().collect::<Vec<_>>()) {
        return failed(index, e.to_string());
    }
    let segments = report
        .sources
        .iter()
        .map(|s| (s.id, segment::segment(&s.cleaned)))
        .collect();
    Ok(Output::Imported {
        sources: report.sources,
        skipped: report.skipped,
        segments,
        index,
        error: None,
    })
}

pub fn display_name(path: &std::path::Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Untitled".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_job_becomes_an_error_message() {
        let ctx = egui::Context::default();
        let job = Job::spawn("Failing", &ctx, |_| -> Result<Output, String> {
            panic!("a bug deep in the engine")
        });
        let mut result = None;
        for _ in 0..500 {
            if let Poll::Done(r) = job.poll() {
                result = Some(*r);
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        match result {
            Some(Err(message)) => assert!(message.contains("internal error"), "{message}"),
            Some(Ok(_)) => panic!("a panicking job succeeded"),
            None => panic!("the job never finished"),
        }
    }
}
