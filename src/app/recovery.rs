//! Unsaved work kept in a recovery file, so that a crash or a power cut loses
//! at most a minute of it: written every minute while there are unsaved
//! changes and whenever a job finishes, removed once the work is saved or
//! deliberately discarded, and offered back at the next start.

use crate::project::Project;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How often unsaved changes are written.
pub const EVERY: Duration = Duration::from_secs(60);

const FILE: &str = "unsaved.corroborate";
const ABOUT: &str = "unsaved.json";

/// What the recovery file is the unsaved state of.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct About {
    /// The project file it belongs to, if it had been saved before.
    pub path: Option<PathBuf>,
    pub name: String,
    /// Seconds since the Unix epoch.
    pub written: u64,
}

/// Unsaved work found at start.
pub struct Found {
    pub project: Project,
    pub about: About,
}

pub struct Recovery {
    dir: Option<PathBuf>,
    last: Option<Instant>,
    writing: Option<std::thread::JoinHandle<Result<(), String>>>,
    /// The last write's failure, to say once.
    pub failed: Option<String>,
}

impl Recovery {
    /// Recovery files in `dir`; `None` keeps none (no place to keep them).
    pub fn new(dir: Option<PathBuf>) -> Self {
        Recovery {
            dir,
            last: None,
            writing: None,
            failed: None,
        }
    }

    /// The per-user folder for recovery files.
    pub fn default_dir() -> Option<PathBuf> {
        directories::ProjectDirs::from("org", "Corroborate", "Corroborate")
            .map(|d| d.data_local_dir().join("recovery"))
    }

    /// Whether a minute has passed since the last write.
    pub fn due(&self) -> bool {
        self.last.is_none_or(|t| t.elapsed() >= EVERY)
    }

    /// Writes `project` as the unsaved state of `path`/`name`, on a thread of
    /// its own: a large project takes a moment, and the window must not wait.
    pub fn write(&mut self, project: &Project, path: Option<&Path>, name: &str) {
        let Some(dir) = self.dir.clone() else { return };
        self.collect();
        if self.writing.is_some() {
            return;
        }
        self.last = Some(Instant::now());
        let project = project.clone();
        let about = About {
            path: path.map(Path::to_path_buf),
            name: name.to_string(),
            written: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        };
        self.writing = Some(std::thread::spawn(move || write_to(&dir, &project, &about)));
    }

    /// Waits for a write under way (for tests, and before quitting).
    pub fn flush(&mut self) {
        if let Some(handle) = self.writing.take() {
            match handle.join() {
                Ok(Err(e)) => self.failed = Some(e),
                Err(_) => self.failed = Some("the recovery file could not be written".into()),
                Ok(Ok(())) => {}
            }
        }
    }

    /// Notes how a finished write went, without waiting for one under way.
    pub fn collect(&mut self) {
        if self.writing.as_ref().is_some_and(|h| h.is_finished()) {
            self.flush();
        }
    }

    /// Removes the recovery file: the work is saved, or was discarded.
    pub fn clear(&mut self) {
        self.flush();
        self.last = None;
        if let Some(dir) = &self.dir {
            let _ = std::fs::remove_file(dir.join(FILE));
            let _ = std::fs::remove_file(crate::project::backup_path(&dir.join(FILE)));
            let _ = std::fs::remove_file(dir.join(ABOUT));
        }
    }

    /// Unsaved work left by an earlier run, if any; a recovery file that
    /// cannot be read is reported, and left where it is.
    pub fn find(&self) -> Option<Result<Found, String>> {
        let dir = self.dir.as_ref()?;
        let file = dir.join(FILE);
        if !file.exists() {
            return None;
        }
        let about = std::fs::read(dir.join(ABOUT))
            .ok()
            .and_then(|b| serde_json::from_slice::<About>(&b).ok())
            .unwrap_or(About {
                path: None,
                name: "Recovered project".into(),
                written: 0,
            });
        Some(
            Project::load(&file)
                .map(|project| Found { project, about })
                .map_err(|e| e.to_string()),
        )
    }
}

fn write_to(dir: &Path, project: &Project, about: &About) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    // The project file is written atomically, and its description after it:
    // a crash between the two leaves a recovery file described by the last one.
    project.save(&dir.join(FILE)).map_err(|e| e.to_string())?;
    let json = serde_json::to_vec(about).map_err(|e| e.to_string())?;
    std::fs::write(dir.join(ABOUT), json).map_err(|e| e.to_string())
}
