//! The search index kept in the cache folder between runs, one per project
//! file, so that a search of a saved archive opens an index instead of
//! reading every report and indexing it again.
//!
//! The index is never the source of truth: it carries a stamp (the format
//! of this program's indexes and the project's generation) and holds only
//! while the stamp matches the project file. A missing, stale, damaged or
//! foreign index is built again from the project.

use crate::corpus::{Source, SourceId};
use crate::index::{SearchIndex, TantivyIndex};
use crate::progress::Progress;
use crate::project::Stamp;
use crate::{Error, Result};
use std::path::{Path, PathBuf};

/// What the kept indexes of this program look like: a new version of the
/// program may index differently, so its indexes are its own.
const FORMAT: &str = concat!("corroborate-index 1 ", env!("CARGO_PKG_VERSION"));
/// The file in an index's folder that says which state of which project it
/// holds; removed before the index changes.
pub const STAMP_FILE: &str = "corroborate-stamp";

/// The folder of what is kept between runs: `CORROBORATE_CACHE` if set,
/// else the per-user cache folder.
pub fn cache_home() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("CORROBORATE_CACHE").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let dirs = directories::ProjectDirs::from("org", "Corroborate", "Corroborate")?;
    Some(dirs.cache_dir().to_path_buf())
}

/// The folder of kept indexes.
pub fn root() -> Option<PathBuf> {
    cache_home().map(|d| d.join("projects"))
}

/// The folder of one project's index: its id, in the characters a file
/// name may hold on every system.
pub fn dir_of(root: &Path, stamp: &Stamp) -> PathBuf {
    let id: String = stamp
        .id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(32)
        .collect();
    root.join(if id.is_empty() { "unnamed".into() } else { id })
}

fn stamp_text(stamp: &Stamp) -> String {
    format!("{FORMAT}\n{}\n", stamp.generation)
}

/// The kept index of the project stamped `stamp`, if it holds what the
/// project holds; None when it is missing, stale or not this program's.
pub fn open(root: &Path, stamp: &Stamp) -> Option<TantivyIndex> {
    let dir = dir_of(root, stamp);
    let written = std::fs::read_to_string(dir.join(STAMP_FILE)).ok()?;
    if written != stamp_text(stamp) {
        return None;
    }
    TantivyIndex::open_kept(&dir).ok()
}

/// Writes the stamp last, through a renamed temporary file, so a build cut
/// short leaves an index without a stamp: one that is built again.
fn write_stamp(dir: &Path, stamp: &Stamp) -> Result<()> {
    let tmp = dir.join(format!("{STAMP_FILE}.new"));
    let write_err = |source| Error::Write {
        path: dir.join(STAMP_FILE),
        source,
    };
    std::fs::write(&tmp, stamp_text(stamp)).map_err(write_err)?;
    std::fs::rename(&tmp, dir.join(STAMP_FILE)).map_err(write_err)
}

/// Marks a kept index that holds the project as saved under `stamp` (the
/// window's index follows every change, so after a save it holds it).
pub fn restamp(index: &TantivyIndex, stamp: &Stamp) -> Result<()> {
    match index.dir() {
        Some(dir) if index.is_kept() => write_stamp(dir, stamp),
        _ => Ok(()),
    }
}

/// Removes the stamp of the index in `dir`: it is about to change.
pub fn unstamp(dir: &Path) -> Result<()> {
    match std::fs::remove_file(dir.join(STAMP_FILE)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::Write {
            path: dir.join(STAMP_FILE),
            source: e,
        }),
        _ => Ok(()),
    }
}

/// Builds the index of `sources` in the kept place of `stamp`, replacing
/// whatever was there.
pub fn rebuild(
    root: &Path,
    stamp: &Stamp,
    sources: &[Source],
    progress: &dyn Progress,
) -> Result<TantivyIndex> {
    let dir = dir_of(root, stamp);
    let mut index = TantivyIndex::on_disk(&dir)?;
    index.fill(sources, progress)?;
    write_stamp(&dir, stamp)?;
    index.keep();
    Ok(index)
}

/// The kept index of `stamp`, or a new one built from `sources()` (read
/// only when needed) when there is none that holds. Also says whether it
/// was built.
pub fn open_or_rebuild<S: AsRef<[Source]>>(
    root: &Path,
    stamp: &Stamp,
    sources: impl FnOnce() -> Result<S>,
    progress: &dyn Progress,
) -> Result<(TantivyIndex, bool)> {
    if let Some(index) = open(root, stamp) {
        return Ok((index, false));
    }
    let sources = sources()?;
    Ok((rebuild(root, stamp, sources.as_ref(), progress)?, true))
}

/// Brings the kept index from the project's state `old` to `new` by adding
/// (or replacing) `changed` sources and dropping `removed` ones, when it held
/// `old`; otherwise leaves it to be built at its next use. Returns whether
/// the index now holds `new`.
pub fn advance(
    root: &Path,
    old: &Stamp,
    new: &Stamp,
    changed: &[&Source],
    removed: &[SourceId],
) -> Result<bool> {
    if old.id != new.id {
        return Ok(false);
    }
    let Some(mut index) = open(root, old) else {
        return Ok(false);
    };
    // Changing the index takes its stamp away; the new one goes on last.
    index.add_sources(changed)?;
    if !removed.is_empty() {
        index.remove_sources(removed)?;
    }
    write_stamp(&dir_of(root, new), new)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{ImportOptions, import_texts};

    fn sources() -> Vec<Source> {
        import_texts(
            &[
                (
                    "a.txt",
                    "Dam breach\n\nThe dam at Calder Haven broke at dawn.",
                ),
                ("b.txt", "Flood\n\nWater rose in the valley by noon."),
            ],
            &ImportOptions::default(),
        )
        .sources
    }

    fn hits(index: &TantivyIndex, query: &str, sources: &[Source]) -> Vec<SourceId> {
        index
            .search(query, 10, &|id| sources.iter().find(|s| s.id == id))
            .map(|h| {
                let mut ids: Vec<SourceId> = h.iter().map(|h| h.source).collect();
                ids.sort();
                ids.dedup();
                ids
            })
            .unwrap_or_default()
    }

    #[test]
    fn a_kept_index_holds_until_its_project_changes() -> Result<()> {
        let root = tempfile::tempdir().map_err(|source| Error::Write {
            path: std::env::temp_dir(),
            source,
        })?;
        let root = root.path();
        let sources = sources();
        let stamp = Stamp {
            id: "00ab".into(),
            generation: 7,
        };
        assert!(open(root, &stamp).is_none(), "nothing kept yet");
        let built = rebuild(root, &stamp, &sources, &crate::progress::Silent)?;
        drop(built);
        let index = open(root, &stamp).ok_or(Error::Cancelled)?;
        assert_eq!(hits(&index, "dam", &sources), [sources[0].id]);
        drop(index);

        // Another generation of the project: stale, built again.
        let later = Stamp {
            generation: 8,
            ..stamp.clone()
        };
        assert!(open(root, &later).is_none());
        let (_, built) = open_or_rebuild(
            root,
            &later,
            || Ok(sources.clone()),
            &crate::progress::Silent,
        )?;
        assert!(built);
        let (index, built) = open_or_rebuild::<Vec<Source>>(
            root,
            &later,
            || Err(Error::Cancelled),
            &crate::progress::Silent,
        )?;
        assert!(!built, "the kept index is used, the project not read");
        drop(index);

        // A source added by a save: the index follows without a rebuild.
        let mut more = sources.clone();
        let mut extra = more[1].clone();
        extra.id = SourceId(3);
        extra.cleaned = "A levee held at Marsh Cross.".into();
        more.push(extra);
        let next = Stamp {
            generation: 9,
            ..stamp.clone()
        };
        assert!(advance(root, &later, &next, &[&more[2]], &[sources[0].id])?);
        let index = open(root, &next).ok_or(Error::Cancelled)?;
        assert_eq!(hits(&index, "levee", &more), [SourceId(3)]);
        assert!(hits(&index, "dam", &more).is_empty(), "removed source gone");
        drop(index);

        // The window changes a kept index as the person works: changed, it
        // holds no saved state until the save stamps it again.
        let mut index = open(root, &next).ok_or(Error::Cancelled)?;
        index.remove_sources(&[SourceId(3)])?;
        assert!(open(root, &next).is_none(), "unstamped by the change");
        let saved = Stamp {
            generation: 10,
            ..stamp.clone()
        };
        restamp(&index, &saved)?;
        drop(index);
        let index = open(root, &saved).ok_or(Error::Cancelled)?;
        assert!(hits(&index, "levee", &more).is_empty());
        drop(index);

        // A damaged stamp or index is not trusted.
        std::fs::write(dir_of(root, &saved).join(STAMP_FILE), "something else").map_err(
            |source| Error::Write {
                path: root.to_path_buf(),
                source,
            },
        )?;
        assert!(open(root, &saved).is_none());
        Ok(())
    }
}
