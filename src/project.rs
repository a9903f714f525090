//! The project file: a person's sources, their corrections, and the cleaning
//! rules they added — everything needed to rebuild the analysis.
//!
//! The file is versioned JSON. Saving is atomic (a temporary file in the same
//! folder, flushed and synced, then renamed over the old one) and keeps the
//! previous version as `NAME.bak`. Loading never changes the file, and says
//! plainly when it is damaged, newer than this program, or not a project.

use crate::corpus::{ImportOptions, ImportReport, Rules, Skipped, Source, SourceId};
use crate::progress::Progress;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The `format` field every project file carries.
pub const FORMAT: &str = "corroborate.project";
/// The newest format version this program writes and reads.
pub const VERSION: u32 = 1;
/// Source ids beyond this are a sign of a hand-edited or damaged file.
const MAX_SOURCE_ID: u32 = 1 << 30;
/// The file extension of project files.
pub const EXTENSION: &str = "corroborate";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Project {
    pub sources: Vec<Source>,
    /// Files that could not be imported, kept so the person sees them again.
    pub skipped: Vec<Skipped>,
    /// The person's own cleaning rules, in the syntax of `assets/cleaning-rules.txt`.
    pub extra_rules: String,
    /// The person's corrections to the entities found, in the order made.
    pub entity_fixes: Vec<crate::corrections::EntityFix>,
    /// The person's corrections to the claim table, in the order made.
    pub claim_fixes: Vec<crate::corrections::ClaimFix>,
}

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u32,
    #[serde(flatten)]
    project: &'a Project,
}

#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
}

impl Project {
    /// Import options with the built-in rules and this project's own.
    pub fn import_options(&self) -> Result<ImportOptions> {
        Ok(ImportOptions {
            rules: Rules::with_extra(&self.extra_rules)?,
            ..ImportOptions::default()
        })
    }

    /// Imports files and folders into the project.
    pub fn import(&mut self, paths: &[PathBuf], progress: &dyn Progress) -> Result<ImportReport> {
        let options = self.import_options()?;
        let report = crate::corpus::import_paths(paths, &self.sources, &options, progress)?;
        self.sources.extend(report.sources.iter().cloned());
        self.add_skipped(&report.skipped);
        Ok(report)
    }

    /// Remembers files that could not be imported, each once.
    pub fn add_skipped(&mut self, skipped: &[Skipped]) {
        for s in skipped {
            if !self.skipped.contains(s) {
                self.skipped.push(s.clone());
            }
        }
    }

    /// Rewrites source paths relative to `dir` (the project file's folder)
    /// where both are on the same volume, so a project moved together with
    /// its reports still names them correctly.
    pub fn relativize_paths(&mut self, dir: &Path) {
        let Ok(base) = std::fs::canonicalize(dir) else {
            return;
        };
        for source in &mut self.sources {
            let path = Path::new(&source.path);
            if path.is_relative() && base.join(path).exists() {
                continue; // already relative to the project
            }
            let Ok(full) = std::fs::canonicalize(path) else {
                continue; // gone: keep the name it had
            };
            if let Some(relative) = relative_path(&full, &base) {
                source.path = relative.to_string_lossy().replace('\\', "/");
            }
        }
    }

    /// Sources are kept in id order (imports append higher ids), so this is a
    /// binary search; a list put out of order by hand still finds its source.
    pub fn source(&self, id: SourceId) -> Option<&Source> {
        match self.sources.binary_search_by_key(&id, |s| s.id) {
            Ok(at) => self.sources.get(at),
            Err(_) => self.sources.iter().find(|s| s.id == id),
        }
    }

    /// Saves atomically; the file that was there becomes `PATH.bak`.
    pub fn save(&self, path: &Path) -> Result<()> {
        self.save_through(path, |file| Box::new(file))
    }

    /// As [`Project::save`], writing through `wrap`: tests pass a writer
    /// that fails part-way, as a full disk does.
    #[doc(hidden)]
    pub fn save_through(
        &self,
        path: &Path,
        wrap: impl for<'f> FnOnce(&'f mut std::fs::File) -> Box<dyn Write + 'f>,
    ) -> Result<()> {
        let write_err = |source: std::io::Error| Error::Write {
            path: path.to_path_buf(),
            source,
        };
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut tmp = tempfile::Builder::new()
            .prefix(".corroborate-save-")
            .tempfile_in(&dir)
            .map_err(write_err)?;
        {
            let mut out = std::io::BufWriter::new(wrap(tmp.as_file_mut()));
            serde_json::to_writer(
                &mut out,
                &FileOut {
                    format: FORMAT,
                    version: VERSION,
                    project: self,
                },
            )
            .map_err(|e| write_err(std::io::Error::other(e)))?;
            out.flush().map_err(write_err)?;
        }
        // A temporary file is private (0600); the project keeps the old file's
        // permissions, or ordinary ones for a new file.
        let permissions = match std::fs::metadata(path) {
            Ok(meta) => meta.permissions(),
            Err(_) => default_permissions(tmp.as_file()).map_err(write_err)?,
        };
        tmp.as_file()
            .set_permissions(permissions)
            .map_err(write_err)?;
        tmp.as_file().sync_all().map_err(write_err)?;
        if path.exists() {
            std::fs::copy(path, backup_path(path)).map_err(write_err)?;
        }
        tmp.persist(path).map_err(|e| write_err(e.error))?;
        Ok(())
    }

    /// Loads a project file, leaving it untouched whatever is wrong with it.
    pub fn load(path: &Path) -> Result<Project> {
        let bytes = std::fs::read(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_bytes(&bytes, path)
    }

    /// Parses the bytes of a project file; `path` only names it in errors.
    pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<Project> {
        let damaged = |detail: String| Error::DamagedProject {
            path: path.to_path_buf(),
            detail,
        };
        let not_project = || Error::NotAProject {
            path: path.to_path_buf(),
        };
        let trimmed = bytes.trim_ascii_start();
        if !trimmed.starts_with(b"{") {
            return Err(not_project());
        }
        let header: Header = match serde_json::from_slice(bytes) {
            Ok(h) => h,
            Err(e) if e.is_eof() => {
                return Err(damaged(
                    "the file ends too early, as if a save was cut short".into(),
                ));
            }
            Err(e) => return Err(damaged(format!("it is not valid JSON: {e}"))),
        };
        if header.format.as_deref() != Some(FORMAT) {
            return Err(not_project());
        }
        let Some(version) = header.version else {
            return Err(damaged("it has no format version".into()));
        };
        if version > VERSION {
            return Err(Error::NewerProject {
                path: path.to_path_buf(),
                found: version,
                supported: VERSION,
            });
        }
        // `format` and `version` were read above; the project ignores them.
        let project: Project =
            serde_json::from_slice(bytes).map_err(|e| damaged(format!("{e}")))?;
        project.check().map_err(damaged)?;
        Ok(project)
    }

    /// Consistency a damaged or hand-edited file might break.
    fn check(&self) -> std::result::Result<(), String> {
        let mut ids = std::collections::HashSet::new();
        for s in &self.sources {
            if !ids.insert(s.id) {
                return Err(format!("source id {} appears twice", s.id));
            }
            if s.id.0 == 0 || s.id.0 > MAX_SOURCE_ID {
                return Err(format!("source id {} is out of range", s.id));
            }
            if s.cleaned.len() > u32::MAX as usize || s.original.len() > u32::MAX as usize {
                return Err(format!("source {} is larger than a project can hold", s.id));
            }
        }
        Ok(())
    }
}

#[cfg(unix)]
fn default_permissions(file: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    let mut permissions = file.metadata()?.permissions();
    permissions.set_mode(0o644);
    Ok(permissions)
}

#[cfg(not(unix))]
fn default_permissions(file: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    Ok(file.metadata()?.permissions())
}

/// `path` as seen from `base` (both absolute): `/a/b/c.txt` from `/a/d` is `../b/c.txt`.
pub fn relative_path(path: &Path, base: &Path) -> Option<PathBuf> {
    use std::path::Component;
    let path: Vec<Component> = path.components().collect();
    let base: Vec<Component> = base.components().collect();
    // Different roots (another drive on Windows) have no relative path.
    if path.first() != base.first() {
        return None;
    }
    let common = path.iter().zip(&base).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..base.len() {
        out.push("..");
    }
    for part in &path[common..] {
        out.push(part.as_os_str());
    }
    Some(out)
}

/// `report.corroborate` → `report.corroborate.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{ImportOptions, import_texts};

    fn temp_dir() -> Result<tempfile::TempDir> {
        tempfile::tempdir().map_err(|source| Error::Write {
            path: std::env::temp_dir(),
            source,
        })
    }

    fn sample() -> Project {
        let report = import_texts(
            &[
                ("a.txt", "Dam breach – River Post\n\nThe dam broke at dawn."),
                (
                    "b.html",
                    "<title>Dam | Valley Times</title><p>Water rose.</p>",
                ),
            ],
            &ImportOptions::default(),
        );
        Project {
            sources: report.sources,
            ..Project::default()
        }
    }

    #[test]
    fn save_then_load_round_trips_and_keeps_a_backup() -> Result<()> {
        let dir = temp_dir()?;
        let path = dir.path().join("p.corroborate");
        let mut project = sample();
        project.save(&path)?;
        assert_eq!(Project::load(&path)?, project);
        project.sources[0].overrides.outlet = Some("Corrected".into());
        project.save(&path)?;
        assert_eq!(Project::load(&path)?, project);
        let backup = Project::load(&backup_path(&path))?;
        assert_eq!(backup.sources[0].overrides.outlet, None);
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn saving_keeps_the_files_permissions() -> Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let dir = temp_dir()?;
        let path = dir.path().join("p.corroborate");
        let mode = |p: &Path| {
            std::fs::metadata(p)
                .map(|m| m.permissions().mode() & 0o777)
                .ok()
        };
        sample().save(&path)?;
        assert_eq!(mode(&path), Some(0o644));
        let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640));
        sample().save(&path)?;
        assert_eq!(mode(&path), Some(0o640));
        Ok(())
    }

    #[test]
    fn relative_paths() {
        let rel = |p: &str, b: &str| relative_path(Path::new(p), Path::new(b));
        assert_eq!(rel("/a/b/c.txt", "/a/d"), Some(PathBuf::from("../b/c.txt")));
        assert_eq!(rel("/a/b/c.txt", "/a/b"), Some(PathBuf::from("c.txt")));
        assert_eq!(
            rel("/a/b/c.txt", "/a/b/x/y"),
            Some(PathBuf::from("../../c.txt"))
        );
    }

    #[test]
    fn saved_projects_name_their_reports_relative_to_themselves() -> Result<()> {
        let dir = temp_dir()?;
        let reports = dir.path().join("reports");
        std::fs::create_dir_all(&reports).map_err(|source| Error::Write {
            path: reports.clone(),
            source,
        })?;
        std::fs::write(
            reports.join("a.txt"),
            "The dam broke at dawn, officials said.",
        )
        .map_err(|source| Error::Write {
            path: reports.clone(),
            source,
        })?;
        let mut project = Project::default();
        project.import(&[reports.join("a.txt")], &crate::progress::Silent)?;
        let folder = dir.path().join("projects");
        std::fs::create_dir_all(&folder).map_err(|source| Error::Write {
            path: folder.clone(),
            source,
        })?;
        project.relativize_paths(&folder);
        assert_eq!(project.sources[0].path, "../reports/a.txt");
        Ok(())
    }

    #[test]
    fn refuses_damaged_newer_and_foreign_files() {
        let p = Path::new("x.corroborate");
        let newer = format!("{{\"format\":\"{FORMAT}\",\"version\":{}}}", VERSION + 1);
        assert!(matches!(
            Project::from_bytes(newer.as_bytes(), p),
            Err(Error::NewerProject { .. })
        ));
        let mut full = Vec::new();
        let out = FileOut {
            format: FORMAT,
            version: VERSION,
            project: &sample(),
        };
        assert!(serde_json::to_writer(&mut full, &out).is_ok());
        let cut = &full[..full.len() / 2];
        let err = Project::from_bytes(cut, p);
        assert!(matches!(err, Err(Error::DamagedProject { .. })), "{err:?}");
        assert!(matches!(
            Project::from_bytes(b"%PDF-1.4", p),
            Err(Error::NotAProject { .. })
        ));
        assert!(matches!(
            Project::from_bytes(b"{\"a\":1}", p),
            Err(Error::NotAProject { .. })
        ));
    }
}
