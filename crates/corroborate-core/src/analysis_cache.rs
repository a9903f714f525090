//! The analysis of a saved project, kept in the cache folder so that opening
//! or analysing an unchanged project does not analyse it again.
//!
//! What is kept is what the analysis found before the person's corrections
//! (entities, suggested merges, claim rows, copied passages, each report's
//! story and sentences) and what lining up a report added later needs,
//! keyed by a digest of the engine's build and of everything the analysis
//! reads in each report. Corrections are replayed on it as on a fresh
//! analysis. A project that is a kept one with a few reports added grows
//! from it (`analysis::grow`).
//! Like the kept index it is never the source of truth: a missing,
//! damaged or stale file means the analysis runs again.

mod kept;

use crate::analysis::Analysis;
use crate::corpus::SourceId;
use crate::progress::Progress;
use crate::project::Project;
use crate::{Error, Result};
use kept::Header;
use rayon::prelude::*;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// How many analyses the cache folder keeps, newest first.
const KEEP: usize = 3;

/// The digest an analysis of `project` by this build is kept under.
pub fn key(project: &Project) -> String {
    keyed(project).0
}

/// The key of `project` by this build, and the digests it is made of.
fn keyed(project: &Project) -> (String, Vec<(SourceId, u64)>) {
    let digests = digests(project);
    (key_of(env!("CORROBORATE_ENGINE"), &digests), digests)
}

/// What the analysis reads in each source, in order: see [`digest`].
fn digests(project: &Project) -> Vec<(SourceId, u64)> {
    project
        .sources
        .par_iter()
        .map(|s| (s.id, crate::analysis::digest(s)))
        .collect()
}

/// The key of an analysis by the build named `engine` (the digest
/// `build.rs` makes of the engine's source and built-in models) of sources
/// with these digests.
fn key_of(engine: &str, digests: &[(SourceId, u64)]) -> String {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    engine.hash(&mut h);
    digests.len().hash(&mut h);
    for (_, d) in digests {
        d.hash(&mut h);
    }
    format!("{:016x}", h.finish())
}

#[cfg(test)]
fn key_for(engine: &str, project: &Project) -> String {
    key_of(engine, &digests(project))
}

/// The folder of kept analyses: `analyses` beside the kept indexes.
pub fn folder() -> Option<PathBuf> {
    crate::kept_index::cache_home().map(|d| d.join("analyses"))
}

/// Kept analyses end so (postcard); those of earlier builds ended
/// `.json`, and are removed when a new one is kept.
const EXTENSION: &str = "kept";

fn file_of(folder: &Path, key: &str) -> PathBuf {
    folder.join(format!("{key}.{EXTENSION}"))
}

/// The kept analysis of `project` in `folder`, with the person's
/// corrections applied, if there is one for exactly this project and build.
pub fn load(folder: &Path, project: &Project) -> Option<Analysis> {
    let (key, digests) = keyed(project);
    load_keyed(folder, project, &key, &digests)
}

fn load_keyed(
    folder: &Path,
    project: &Project,
    key: &str,
    digests: &[(SourceId, u64)],
) -> Option<Analysis> {
    let mut analysis = read_kept(&file_of(folder, key), key, digests)?;
    analysis.correct(project);
    Some(analysis)
}

/// The analysis as found in `file`, if it is the one of `key` and of
/// sources with exactly these digests.
fn read_kept(file: &Path, key: &str, digests: &[(SourceId, u64)]) -> Option<Analysis> {
    let (header, sections) = head_of(file)?;
    if header.key != key || !same_sources(&header, digests) {
        return None;
    }
    decode_from(file, header, &sections)
}

/// What is read of a kept file to find its header and table of sections:
/// a header is 12 bytes or so a report.
const HEADER: u64 = 64 << 20;

/// The header of a kept file and where its sections lie, read without the
/// sections: a megabyte is enough up to about 70,000 reports, each doubling
/// as much again.
fn head_of(file: &Path) -> Option<(Header, Vec<(u64, usize)>)> {
    use std::io::Read;
    let f = std::fs::File::open(file).ok()?;
    let len = f.metadata().ok()?.len();
    let mut head = Vec::new();
    let mut want = 1 << 20;
    loop {
        let have = head.len() as u64;
        (&f).take(want - have).read_to_end(&mut head).ok()?;
        if let Some((header, after)) = kept::header(&head)
            && let Some(sections) = kept::sections(after, (head.len() - after.len()) as u64, len)
        {
            return Some((header, sections));
        }
        if head.len() as u64 == len || want >= HEADER {
            return None;
        }
        want *= 2;
    }
}

/// Whether `header` is of sources with exactly these ids and digests.
fn same_sources(header: &Header, digests: &[(SourceId, u64)]) -> bool {
    header.digests.len() == digests.len()
        && header
            .digests
            .iter()
            .zip(digests)
            .all(|(&(id, d), &(sid, sd))| id == sid.0 && d == sd)
}

/// The analysis in `file`, each section read from it by the core that
/// decodes it.
fn decode_from(file: &Path, header: Header, sections: &[(u64, usize)]) -> Option<Analysis> {
    use std::io::{Read, Seek};
    let read = |at: u64, len: usize| {
        let mut f = std::fs::File::open(file).ok()?;
        f.seek(std::io::SeekFrom::Start(at)).ok()?;
        let mut bytes = vec![0; len];
        f.read_exact(&mut bytes).ok()?;
        Some(bytes)
    };
    kept::decode(header, sections, &read)
}

/// The newest kept analysis, by this build, of the project's first
/// reports, the rest being a few added since (as found, without
/// corrections: what the analysis of the whole grows from).
fn load_grown_from(folder: &Path, digests: &[(SourceId, u64)]) -> Option<Analysis> {
    for (_, file) in kept_files(folder) {
        let Some((header, sections)) = head_of(&file) else {
            continue;
        };
        let old = header.digests.len();
        if old == 0 || old >= digests.len() {
            continue;
        }
        let prefix = &digests[..old];
        if header.key != key_of(env!("CORROBORATE_ENGINE"), prefix)
            || !same_sources(&header, prefix)
        {
            continue;
        }
        if let Some(analysis) = decode_from(&file, header, &sections) {
            return Some(analysis);
        }
    }
    None
}

/// The kept analyses in `folder`, newest first.
fn kept_files(folder: &Path) -> Vec<(std::time::SystemTime, PathBuf)> {
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == EXTENSION))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    files.sort_by_key(|f| std::cmp::Reverse(f.0));
    files
}

/// Keeps `analysis` of `project` in `folder` (written whole, then renamed,
/// so a reader never meets half a file), and drops all but the newest few.
pub fn store(folder: &Path, project: &Project, analysis: &Analysis) -> Result<()> {
    let (key, digests) = keyed(project);
    store_keyed(folder, key, &digests, analysis)
}

fn store_keyed(
    folder: &Path,
    key: String,
    digests: &[(SourceId, u64)],
    analysis: &Analysis,
) -> Result<()> {
    use std::io::Write;
    let write_err = |source| Error::Write {
        path: folder.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(folder).map_err(write_err)?;
    let file = file_of(folder, &key);
    let header = Header {
        key,
        digests: digests.iter().map(|&(id, d)| (id.0, d)).collect(),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(folder).map_err(write_err)?;
    {
        let mut out = std::io::BufWriter::new(tmp.as_file_mut());
        kept::encode(&header, analysis, &mut out).map_err(write_err)?;
        out.flush().map_err(write_err)?;
    }
    tmp.persist(file).map_err(|e| write_err(e.error))?;
    for (_, old) in kept_files(folder).into_iter().skip(KEEP) {
        let _ = std::fs::remove_file(old);
    }
    // Kept by builds before this format: no build reads them now.
    for old in std::fs::read_dir(folder).into_iter().flatten().flatten() {
        if old.path().extension().is_some_and(|x| x == "json") {
            let _ = std::fs::remove_file(old.path());
        }
    }
    Ok(())
}

/// Where an analysis came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Made {
    /// Kept from an earlier run, for exactly this project.
    Kept,
    /// Grown from the kept analysis of the project before a few reports
    /// were added: only they were read, and only their story lined up.
    Grown,
    /// Analysed from scratch.
    Analysed,
}

/// The analysis of a saved project: the kept one when it holds, one grown
/// from the kept analysis of its first reports when it is that project
/// with a few reports added, else a new one; kept for next time.
pub fn analyze(project: &Project, progress: &dyn Progress) -> Result<(Analysis, Made)> {
    match folder() {
        Some(folder) => analyze_in(&folder, project, progress),
        None => Ok((crate::analysis::analyze(project, progress)?, Made::Analysed)),
    }
}

/// As [`analyze`], with the kept analyses in `folder`.
fn analyze_in(
    folder: &Path,
    project: &Project,
    progress: &dyn Progress,
) -> Result<(Analysis, Made)> {
    let (key, digests) = keyed(project);
    if let Some(analysis) = load_keyed(folder, project, &key, &digests) {
        return Ok((analysis, Made::Kept));
    }
    let (analysis, made) = match load_grown_from(folder, &digests) {
        Some(earlier) => {
            let grown = crate::analysis::analyze_from(project, earlier.into_earlier(), progress)?;
            (grown, Made::Grown)
        }
        None => (crate::analysis::analyze(project, progress)?, Made::Analysed),
    };
    // A cache that cannot be written costs the next run time, nothing else.
    let _ = store_keyed(folder, key, &digests, &analysis);
    Ok((analysis, made))
}

/// The whole analysis of a saved project, whatever is kept (the person
/// asked for it: a kept analysis may have been grown from an earlier
/// one), kept in place of the one before. `earlier` gives only what was
/// read before (see [`Analysis::readings_only`]).
pub fn analyze_whole(
    project: &Project,
    earlier: crate::analysis::Earlier,
    progress: &dyn Progress,
) -> Result<Analysis> {
    let analysis = crate::analysis::analyze_from(project, earlier, progress)?;
    if let Some(folder) = folder() {
        // A cache that cannot be written costs the next run time, nothing else.
        let _ = store(&folder, project, &analysis);
    }
    Ok(analysis)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Silent;

    fn sample() -> Result<Project> {
        let mut project = Project::default();
        let reports = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join("assets/sample/reports");
        project.import(&[reports], &Silent)?;
        Ok(project)
    }

    fn doc(project: &Project, analysis: &Analysis) -> Result<serde_json::Value> {
        Ok(serde_json::to_value(crate::export::analysis_doc(
            project, analysis,
        ))?)
    }

    fn temp_folder() -> Result<tempfile::TempDir> {
        tempfile::tempdir().map_err(|source| Error::Write {
            path: std::env::temp_dir(),
            source,
        })
    }

    #[test]
    fn a_kept_analysis_reads_back_as_the_analysis_it_was() -> Result<()> {
        let folder = temp_folder()?;
        let folder = folder.path();
        let mut project = sample()?;
        let fresh = crate::analysis::analyze(&project, &Silent)?;
        assert!(load(folder, &project).is_none(), "nothing kept yet");
        store(folder, &project, &fresh)?;
        let kept = load(folder, &project).ok_or(Error::Cancelled)?;
        assert_eq!(doc(&project, &kept)?, doc(&project, &fresh)?);
        assert_eq!(kept.segments, fresh.segments);
        assert!(!fresh.stories.is_empty());
        assert_eq!(kept.stories, fresh.stories, "the stories kept with it");

        // The person's corrections are replayed on the kept analysis.
        let entity = fresh.entities[0].name.clone();
        project
            .entity_fixes
            .push(crate::corrections::EntityFix::Rename {
                entity,
                name: "Renamed By Hand".into(),
            });
        let kept = load(folder, &project).ok_or(Error::Cancelled)?;
        assert!(kept.entities.iter().any(|e| e.name == "Renamed By Hand"));
        assert_eq!(
            kept.stories,
            crate::stories::stories(&project, &kept),
            "stories summed up again after a correction"
        );

        // A report that changes is a project the kept analysis is not of.
        project.sources[0].cleaned =
            format!("{} One more sentence.", project.sources[0].cleaned).into();
        assert!(load(folder, &project).is_none());
        project.sources[0].cleaned = sample()?.sources[0].cleaned.clone();
        project.sources[1].overrides.published = Some("2001-01-01".into());
        assert!(
            load(folder, &project).is_none(),
            "a date changes the analysis"
        );
        project.sources[1].overrides.published = None;
        assert!(load(folder, &project).is_some());

        // Another build of the engine keeps its analyses under other keys.
        assert_ne!(key_for("one build", &project), key_for("another", &project));
        assert_eq!(key_for(env!("CORROBORATE_ENGINE"), &project), key(&project));

        // A damaged or foreign file is not trusted.
        let file = file_of(folder, &key(&project));
        std::fs::write(&file, b"{\"key\":").map_err(|source| Error::Write {
            path: file.clone(),
            source,
        })?;
        assert!(load(folder, &project).is_none());
        Ok(())
    }

    #[test]
    fn a_project_with_a_report_more_grows_from_the_kept_analysis_of_the_rest() -> Result<()> {
        let folder = temp_folder()?;
        let folder = folder.path();
        let whole = sample()?;
        let mut first = whole.clone();
        let added = first.sources.pop().ok_or(Error::Cancelled)?;
        let (_, made) = analyze_in(folder, &first, &Silent)?;
        assert_eq!(made, Made::Analysed);
        assert_eq!(analyze_in(folder, &first, &Silent)?.1, Made::Kept);

        let (grown, made) = analyze_in(folder, &whole, &Silent)?;
        assert_eq!(made, Made::Grown);
        assert_eq!(grown.story_of.len(), whole.sources.len());
        assert!(
            grown
                .claims
                .iter()
                .any(|c| c.cells.iter().any(|x| x.source == added.id)),
            "the added report's claims are lined up"
        );
        assert!(
            grown
                .entities
                .iter()
                .any(|e| e.mentions.iter().any(|m| m.source == added.id)),
            "its names are found"
        );
        // The grown analysis is kept in its turn, and reads back as it was.
        let (again, made) = analyze_in(folder, &whole, &Silent)?;
        assert_eq!(made, Made::Kept);
        assert_eq!(doc(&whole, &again)?, doc(&whole, &grown)?);

        // A changed report among the first is not grown from.
        let mut changed = whole.clone();
        changed.sources[0].cleaned =
            format!("{} One more sentence.", changed.sources[0].cleaned).into();
        assert_eq!(analyze_in(folder, &changed, &Silent)?.1, Made::Analysed);
        Ok(())
    }
}
