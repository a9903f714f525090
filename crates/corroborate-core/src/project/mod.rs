//! The project file: a person's sources, their corrections, and the cleaning
//! rules they added — everything needed to rebuild the analysis.
//!
//! The file is a SQLite database ([`store`]): every save is one transaction
//! that writes only what changed. Projects of format 1 (one JSON document)
//! still open, and become databases when saved, the JSON kept beside them
//! as `NAME.v1`. Loading never changes a file, and says plainly when it is
//! damaged, newer than this program, or not a project.

pub mod store;

pub use store::Stamp;

use crate::corpus::{ImportOptions, ImportReport, Rules, Skipped, Source, SourceId};
use crate::progress::Progress;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The `format` field every project file carries.
pub const FORMAT: &str = "corroborate.project";
/// The version of the JSON project files this program still reads (format 1;
/// format 2 is the SQLite database, [`store::SCHEMA`]).
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

/// A JSON project as format 1 wrote it (tests write one to open).
#[derive(Serialize)]
#[doc(hidden)]
pub struct FileOut<'a> {
    pub format: &'static str,
    pub version: u32,
    #[serde(flatten)]
    pub project: &'a Project,
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

    /// A copy with what the analysis reads of each source (its cleaned
    /// text, metadata and corrections) and without its original text,
    /// offset map and removals: half the bytes to copy, and the window
    /// copies its project on its own thread before each analysis.
    pub fn for_analysis(&self) -> Project {
        Project {
            sources: self
                .sources
                .iter()
                .map(|s| Source {
                    id: s.id,
                    path: s.path.clone(),
                    format: s.format,
                    original: String::new(),
                    cleaned: s.cleaned.clone(),
                    map: Default::default(),
                    removed: Vec::new(),
                    detected: s.detected.clone(),
                    overrides: s.overrides.clone(),
                    warnings: s.warnings.clone(),
                    copy_of: s.copy_of,
                    word_count: s.word_count.clone(),
                })
                .collect(),
            skipped: Vec::new(),
            extra_rules: self.extra_rules.clone(),
            entity_fixes: self.entity_fixes.clone(),
            claim_fixes: self.claim_fixes.clone(),
        }
    }

    /// Each source's place in the list, by id: for the many lookups of a
    /// large archive (a quick hash; ids are the program's own).
    pub fn positions(&self) -> rustc_hash::FxHashMap<SourceId, usize> {
        self.sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, i))
            .collect()
    }

    /// Sources are kept in id order (imports append higher ids), so this is a
    /// binary search; a list put out of order by hand still finds its source.
    pub fn source(&self, id: SourceId) -> Option<&Source> {
        match self.sources.binary_search_by_key(&id, |s| s.id) {
            Ok(at) => self.sources.get(at),
            Err(_) => self.sources.iter().find(|s| s.id == id),
        }
    }

    /// Saves in one transaction, writing only what changed since the file
    /// was last saved; returns the file's id and generation.
    pub fn save(&self, path: &Path) -> Result<Stamp> {
        sweep_interrupted_saves(path);
        store::save(self, path, None)
    }

    /// As [`Project::save`], with the database held to `max_pages` pages:
    /// tests stand in for a disk that fills up part-way with it.
    #[doc(hidden)]
    pub fn save_within(&self, path: &Path, max_pages: u32) -> Result<Stamp> {
        store::save(self, path, Some(max_pages))
    }

    /// Loads a project file, leaving it untouched whatever is wrong with it.
    pub fn load(path: &Path) -> Result<Project> {
        Self::load_stamped(path).map(|(project, _)| project)
    }

    /// As [`Project::load`], with the file's id and generation (None for a
    /// JSON file of format 1, which has neither until it is saved).
    pub fn load_stamped(path: &Path) -> Result<(Project, Option<Stamp>)> {
        use std::io::Read;
        sweep_interrupted_saves(path);
        let read_err = |source| Error::Read {
            path: path.to_path_buf(),
            source,
        };
        let mut head = Vec::with_capacity(16);
        std::fs::File::open(path)
            .and_then(|f| f.take(16).read_to_end(&mut head))
            .map_err(read_err)?;
        if head.is_empty() || store::is_sqlite(&head) {
            let (project, stamp) = store::load(path)?;
            return Ok((project, Some(stamp)));
        }
        let bytes = std::fs::read(path).map_err(read_err)?;
        Ok((Self::from_bytes(&bytes, path)?, None))
    }

    /// Parses the bytes of a JSON project file (format 1); `path` only names
    /// it in errors.
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

/// `report.corroborate` → `report.corroborate.bak`: where the window's
/// recovery file kept its previous version (removed with it).
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    PathBuf::from(name)
}

/// `report.corroborate` → `report.corroborate.v1`: where a JSON project
/// (format 1) is kept when saving turns it into a database.
pub fn v1_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".v1");
    PathBuf::from(name)
}

/// The prefix of the temporary files that versions before the SQLite
/// project file wrote beside a project while saving it.
const OLD_SAVE_PREFIX: &str = ".corroborate-save-";

/// How old such a file must be to be taken for the leftover of a save that
/// was killed: no save of the old format took anywhere near this long.
const OLD_SAVE_AGE: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Removes, beside the project at `path`, the temporary files an older
/// version left when a save was killed (only files named as that version
/// named them, and only once they are old enough that no save can still be
/// writing them). SQLite's own journal is dealt with by the store.
fn sweep_interrupted_saves(path: &Path) {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        // Only the old version's names are looked at further: a folder of
        // many files costs one listing, not a metadata read per file.
        let named = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with(OLD_SAVE_PREFIX));
        if !named {
            continue;
        }
        let old = entry
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= OLD_SAVE_AGE);
        if old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
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

    fn read(path: impl AsRef<Path>) -> Result<Vec<u8>> {
        std::fs::read(path.as_ref()).map_err(|source| Error::Read {
            path: path.as_ref().to_path_buf(),
            source,
        })
    }

    fn files_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    #[test]
    fn an_older_versions_interrupted_save_is_swept_on_open_and_save() -> Result<()> {
        let dir = temp_dir()?;
        let path = dir.path().join("p.corroborate");
        sample().save(&path)?;
        let io = |source| Error::Write {
            path: dir.path().to_path_buf(),
            source,
        };
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        let make = |name: &str, old: bool| -> Result<()> {
            let file = std::fs::File::create(dir.path().join(name)).map_err(io)?;
            if old {
                file.set_modified(hour_ago).map_err(io)?;
            }
            Ok(())
        };
        make(".corroborate-save-Ab12Cd", true)?; // a killed save, long ago
        make(".corroborate-save-Ef34Gh", false)?; // perhaps still being written
        make("notes.txt", true)?; // the person's own
        Project::load(&path)?;
        assert_eq!(
            files_in(dir.path()),
            [".corroborate-save-Ef34Gh", "notes.txt", "p.corroborate"]
        );
        make(".corroborate-save-Ij56Kl", true)?;
        sample().save(&path)?;
        assert!(!files_in(dir.path()).contains(&".corroborate-save-Ij56Kl".to_string()));
        Ok(())
    }

    #[test]
    fn save_then_load_round_trips_in_a_database() -> Result<()> {
        let dir = temp_dir()?;
        let path = dir.path().join("p.corroborate");
        let mut project = sample();
        let first = project.save(&path)?;
        let head = read(&path)?;
        assert!(store::is_sqlite(&head));
        assert_eq!(Project::load(&path)?, project);
        project.sources[0].overrides.outlet = Some("Corrected".into());
        let second = project.save(&path)?;
        assert_eq!(Project::load(&path)?, project);
        assert_eq!(second.id, first.id);
        assert_ne!(second.generation, first.generation, "a source changed");
        // A verdict changes nothing that is searched: the generation stays.
        project.extra_rules.clear();
        project
            .claim_fixes
            .push(crate::corrections::ClaimFix::SplitCell {
                cell: crate::corrections::CellKey {
                    source: project.sources[0].id,
                    start: 0,
                },
            });
        let third = project.save(&path)?;
        assert_eq!(third, second);
        assert_eq!(
            Project::load_stamped(&path)?,
            (project.clone(), Some(third))
        );
        // No journal, backup or scratch file is left beside it.
        assert_eq!(files_in(dir.path()), ["p.corroborate"]);
        Ok(())
    }

    #[test]
    fn a_json_project_opens_and_becomes_a_database_when_saved() -> Result<()> {
        let dir = temp_dir()?;
        let path = dir.path().join("old.corroborate");
        let project = sample();
        let json = serde_json::to_vec(&FileOut {
            format: FORMAT,
            version: VERSION,
            project: &project,
        })?;
        std::fs::write(&path, &json).map_err(|source| Error::Write {
            path: path.clone(),
            source,
        })?;
        let (loaded, stamp) = Project::load_stamped(&path)?;
        assert_eq!(loaded, project);
        assert_eq!(stamp, None);
        loaded.save(&path)?;
        let (again, stamp) = Project::load_stamped(&path)?;
        assert_eq!(again, project);
        assert!(stamp.is_some());
        // The JSON file is kept, byte for byte, beside the database.
        let kept = read(v1_path(&path))?;
        assert_eq!(kept, json);
        assert_eq!(
            files_in(dir.path()),
            ["old.corroborate", "old.corroborate.v1"]
        );
        Ok(())
    }

    #[test]
    fn damaged_and_foreign_databases_are_refused_and_left_as_they_are() -> Result<()> {
        let dir = temp_dir()?;
        let path = dir.path().join("p.corroborate");
        let mut project = sample();
        for i in 0..40 {
            let mut s = project.sources[0].clone();
            s.id = SourceId(10 + i);
            s.cleaned = format!("{} {}", s.cleaned, "more words ".repeat(200)).into();
            project.sources.push(s);
        }
        project.save(&path)?;
        let bytes = read(&path)?;
        let cut = dir.path().join("cut.corroborate");
        let mut scrambled = bytes.clone();
        for b in scrambled.iter_mut().skip(4096).step_by(7) {
            *b ^= 0x5a;
        }
        let write = |p: &Path, b: &[u8]| {
            std::fs::write(p, b).map_err(|source| Error::Write {
                path: p.to_path_buf(),
                source,
            })
        };
        for damaged in [&bytes[..bytes.len() / 3], &scrambled[..]] {
            write(&cut, damaged)?;
            let err = Project::load(&cut);
            assert!(matches!(err, Err(Error::DamagedProject { .. })), "{err:?}");
            let after = read(&cut)?;
            assert_eq!(after, damaged, "left byte for byte");
        }
        // Another program's database is not a project, and is not written to.
        let foreign = dir.path().join("other.corroborate");
        {
            let conn = rusqlite::Connection::open(&foreign)?;
            conn.execute_batch("CREATE TABLE photos (id INTEGER); INSERT INTO photos VALUES (1);")?;
        }
        let before = read(&foreign)?;
        assert!(matches!(
            Project::load(&foreign),
            Err(Error::NotAProject { .. })
        ));
        assert_eq!(std::fs::read(&foreign).ok(), Some(before));
        Ok(())
    }

    #[test]
    fn a_journal_left_by_a_save_killed_at_its_start_is_cleared_on_open() -> Result<()> {
        let dir = temp_dir()?;
        let path = dir.path().join("p.corroborate");
        let project = sample();
        project.save(&path)?;
        // Killed right after creating its journal: nothing in it yet.
        let journal = dir.path().join("p.corroborate-journal");
        std::fs::write(&journal, b"").map_err(|source| Error::Write {
            path: journal.clone(),
            source,
        })?;
        assert_eq!(Project::load(&path)?, project);
        assert_eq!(files_in(dir.path()), ["p.corroborate"]);
        Ok(())
    }

    #[test]
    fn a_save_cut_short_by_a_full_disk_leaves_the_file_as_it_was() -> Result<()> {
        let dir = temp_dir()?;
        let path = dir.path().join("work.corroborate");
        let mut project = sample();
        project.save(&path)?;
        let before = read(&path)?;
        let pages = (before.len() / 4096) as u32;
        let saved = project.clone();
        let mut big = project.sources[0].clone();
        big.id = SourceId(99);
        big.original = "a long report ".repeat(20_000);
        project.sources.push(big);
        let err = project.save_within(&path, pages + 2);
        let said = err
            .as_ref()
            .map(|_| String::new())
            .unwrap_or_else(|e| e.to_string());
        assert!(said.contains("work.corroborate"), "{said}");
        assert!(said.contains("no space left"), "{said}");
        assert_eq!(std::fs::read(&path).ok(), Some(before));
        assert_eq!(Project::load(&path)?, saved);
        assert_eq!(files_in(dir.path()), ["work.corroborate"]);
        // With room again the save goes through.
        project.save(&path)?;
        assert_eq!(Project::load(&path)?, project);
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
    fn refuses_damaged_newer_and_foreign_json_files() {
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
