//! The project file as a SQLite database: one portable file that any SQLite
//! tool can open, with a table per kind of thing a person keeps (sources
//! with their originals, cleaned text, offset maps and metadata fixes;
//! files that could not be imported; entity and claim corrections, verdicts
//! and notes among them) and a `meta` table for the format, the project's
//! id, its generation and its cleaning rules.
//!
//! A save is one transaction that writes only the rows that changed, so a
//! crash or a kill leaves the state before or the state after (SQLite's
//! journal rolls a cut-short save back the next time the file is opened),
//! and a large project is not rewritten whole. The generation changes with
//! every save that changes what is searched (sources, cleaning rules), so
//! that an index kept elsewhere knows whether it still holds.

use super::Project;
use crate::corpus::{Source, SourceId};
use crate::{Error, Result};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// Marks a SQLite file as a Corroborate project ("CRBP").
const APPLICATION_ID: i64 = 0x4352_4250;
/// The project format this program writes (1 was the JSON file).
pub const SCHEMA: u32 = 2;
/// The first bytes of every SQLite database.
pub const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Which saved state of which project a file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// Made once when the file is created; a copy under another name made
    /// by Save As gets its own.
    pub id: String,
    /// Changes with every save that changes the sources or cleaning rules.
    pub generation: u64,
}

const TABLES: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    format TEXT NOT NULL,
    title TEXT NOT NULL,
    outlet TEXT,
    published TEXT,
    language TEXT,
    title_fix TEXT,
    outlet_fix TEXT,
    published_fix TEXT,
    language_fix TEXT,
    copy_of INTEGER,
    original TEXT NOT NULL,
    cleaned TEXT NOT NULL,
    offset_map TEXT NOT NULL,
    removed TEXT NOT NULL,
    warnings TEXT NOT NULL,
    digest INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS skipped (seq INTEGER PRIMARY KEY, path TEXT NOT NULL, reason TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entity_fixes (seq INTEGER PRIMARY KEY, what TEXT NOT NULL, fix TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS claim_fixes (seq INTEGER PRIMARY KEY, what TEXT NOT NULL, fix TEXT NOT NULL);
";

fn damaged(path: &Path, detail: impl std::fmt::Display) -> Error {
    Error::DamagedProject {
        path: path.to_path_buf(),
        detail: detail.to_string(),
    }
}

/// A file SQLite could not read, in the words of its own check where it
/// has some.
fn damaged_checked(conn: &Connection, path: &Path, e: rusqlite::Error) -> Error {
    let check: Option<String> = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .ok()
        .filter(|s: &String| s != "ok");
    damaged(path, check.unwrap_or_else(|| e.to_string()))
}

fn write_error(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Write {
        path: path.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    }
}

/// Whether these first bytes are a SQLite database's.
pub fn is_sqlite(head: &[u8]) -> bool {
    head.starts_with(MAGIC)
}

/// Whether `path` is a SQLite database (a project of format 2, or
/// something else SQLite wrote) rather than a JSON project of format 1.
pub fn holds_database(path: &Path) -> bool {
    read_head(path).is_some_and(|h| is_sqlite(&h))
}

/// The file a save to `path` is built in when it cannot be saved in place;
/// one left by a killed save is removed by the next load or save.
pub fn scratch_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".saving");
    PathBuf::from(name)
}

fn remove_scratch(path: &Path) {
    let scratch = scratch_path(path);
    for leftover in [scratch.clone(), journal_of(&scratch)] {
        let _ = std::fs::remove_file(leftover);
    }
}

fn journal_of(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-journal");
    PathBuf::from(name)
}

/// What an opened file turned out to be.
enum Opened {
    Project(Connection),
    /// A database with nothing in it: a new file whose first save was cut short.
    Empty(Connection),
}

/// Opens an existing file for reading and writing (a journal left by a
/// killed save is rolled back on the first read) and checks that it is a
/// project this program can read. Reading never changes a sound file.
fn open(path: &Path) -> Result<Opened> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| damaged(path, e))?;
    let suspicious = |e: rusqlite::Error| damaged_checked(&conn, path, e);
    let application: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(&suspicious)?;
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(&suspicious)?;
    if application != APPLICATION_ID {
        if tables == 0 && application == 0 {
            drop_stale_journal(&conn, path);
            return Ok(Opened::Empty(conn));
        }
        return Err(Error::NotAProject {
            path: path.to_path_buf(),
        });
    }
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(&suspicious)?;
    if version > SCHEMA {
        return Err(Error::NewerProject {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA,
        });
    }
    if version < SCHEMA {
        // No older SQLite schema exists yet; a migration would go here.
        return Err(damaged(path, format!("unknown schema version {version}")));
    }
    drop_stale_journal(&conn, path);
    Ok(Opened::Project(conn))
}

/// A save killed before its journal said anything leaves a journal that
/// SQLite does not count as hot (the file was not yet touched) and leaves
/// in place. Under the write lock, so that no live save's journal is
/// taken, it is removed: the reads above already rolled back a hot one.
fn drop_stale_journal(conn: &Connection, path: &Path) {
    let journal = journal_of(path);
    if journal.exists() && conn.execute_batch("BEGIN IMMEDIATE").is_ok() {
        let _ = std::fs::remove_file(&journal);
        let _ = conn.execute_batch("ROLLBACK");
    }
}

fn meta(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()
}

fn set_meta(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )
    .map(|_| ())
}

fn read_stamp(conn: &Connection) -> rusqlite::Result<Stamp> {
    Ok(Stamp {
        id: meta(conn, "id")?.unwrap_or_default(),
        generation: meta(conn, "generation")?
            .and_then(|g| g.parse().ok())
            .unwrap_or(0),
    })
}

/// The id and generation of the project in `path`, reading nothing else.
pub fn stamp(path: &Path) -> Result<Stamp> {
    remove_scratch(path);
    match open(path)? {
        Opened::Project(conn) => read_stamp(&conn).map_err(|e| damaged(path, e)),
        Opened::Empty(_) => Ok(Stamp {
            id: String::new(),
            generation: 0,
        }),
    }
}

fn json<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("{what}: {e}").into(),
        )
    })
}

const SOURCE_COLUMNS: &str = "id, path, format, title, outlet, published, language, title_fix, \
    outlet_fix, published_fix, language_fix, copy_of, original, cleaned, offset_map, removed, warnings";

fn source_of_row(r: &rusqlite::Row) -> rusqlite::Result<Source> {
    use crate::corpus::{MetaOverrides, Metadata};
    let format: String = r.get(2)?;
    Ok(Source {
        id: SourceId(r.get(0)?),
        path: r.get(1)?,
        format: json(&format!("\"{format}\""), "format")?,
        detected: Metadata {
            title: r.get(3)?,
            outlet: r.get(4)?,
            published: r.get(5)?,
            language: r.get(6)?,
        },
        overrides: MetaOverrides {
            title: r.get(7)?,
            outlet: r.get(8)?,
            published: r.get(9)?,
            language: r.get(10)?,
        },
        copy_of: r.get::<_, Option<u32>>(11)?.map(SourceId),
        original: r.get(12)?,
        cleaned: r.get(13)?,
        map: json(&r.get::<_, String>(14)?, "offset map")?,
        removed: json(&r.get::<_, String>(15)?, "removed")?,
        warnings: json(&r.get::<_, String>(16)?, "warnings")?,
        word_count: Default::default(),
    })
}

/// Reads the whole project in `path`.
pub fn load(path: &Path) -> Result<(Project, Stamp)> {
    remove_scratch(path);
    let conn = match open(path)? {
        Opened::Project(conn) => conn,
        Opened::Empty(_) => {
            let empty = Stamp {
                id: String::new(),
                generation: 0,
            };
            return Ok((Project::default(), empty));
        }
    };
    let read = || -> rusqlite::Result<(Project, Stamp)> {
        let mut project = Project {
            extra_rules: meta(&conn, "extra_rules")?.unwrap_or_default(),
            ..Project::default()
        };
        let mut q = conn.prepare(&format!("SELECT {SOURCE_COLUMNS} FROM sources ORDER BY id"))?;
        project.sources = q
            .query_map([], source_of_row)?
            .collect::<rusqlite::Result<_>>()?;
        let mut q = conn.prepare("SELECT path, reason FROM skipped ORDER BY seq")?;
        project.skipped = q
            .query_map([], |r| {
                Ok(crate::corpus::Skipped {
                    path: r.get(0)?,
                    reason: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut q = conn.prepare("SELECT fix FROM entity_fixes ORDER BY seq")?;
        project.entity_fixes = q
            .query_map([], |r| json(&r.get::<_, String>(0)?, "entity correction"))?
            .collect::<rusqlite::Result<_>>()?;
        let mut q = conn.prepare("SELECT fix FROM claim_fixes ORDER BY seq")?;
        project.claim_fixes = q
            .query_map([], |r| json(&r.get::<_, String>(0)?, "claim correction"))?
            .collect::<rusqlite::Result<_>>()?;
        Ok((project, read_stamp(&conn)?))
    };
    let (project, stamp) = read().map_err(|e| damaged_checked(&conn, path, e))?;
    project.check().map_err(|d| damaged(path, d))?;
    Ok((project, stamp))
}

/// Some sources of the project in `path`, by id, without reading the rest
/// (a search prints a few hits of a large archive).
pub fn sources(path: &Path, ids: &[SourceId]) -> Result<Vec<Source>> {
    let Opened::Project(conn) = open(path)? else {
        return Ok(Vec::new());
    };
    let mut q = conn
        .prepare(&format!(
            "SELECT {SOURCE_COLUMNS} FROM sources WHERE id = ?1"
        ))
        .map_err(|e| damaged(path, e))?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(s) = q
            .query_row([id.0], source_of_row)
            .optional()
            .map_err(|e| damaged(path, e))?
        {
            out.push(s);
        }
    }
    Ok(out)
}

/// A source's columns as written, and the digest that tells whether the
/// stored row is already this.
struct Row {
    format: String,
    map: String,
    removed: String,
    warnings: String,
    digest: i64,
}

fn row_of(s: &Source) -> Result<Row> {
    let format = serde_json::to_string(&s.format)?
        .trim_matches('"')
        .to_string();
    let map = serde_json::to_string(&s.map)?;
    let removed = serde_json::to_string(&s.removed)?;
    let warnings = serde_json::to_string(&s.warnings)?;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (
        s.id.0,
        &s.path,
        &format,
        &s.detected.title,
        &s.detected.outlet,
        &s.detected.published,
        &s.detected.language,
    )
        .hash(&mut h);
    (
        &s.overrides.title,
        &s.overrides.outlet,
        &s.overrides.published,
        &s.overrides.language,
        s.copy_of.map(|c| c.0),
        &s.original,
        &s.cleaned,
        &map,
        &removed,
        &warnings,
    )
        .hash(&mut h);
    Ok(Row {
        format,
        map,
        removed,
        warnings,
        digest: h.finish() as i64,
    })
}

fn new_generation() -> u64 {
    // Random rather than counted: two copies of one file that go their own
    // ways never reach the same generation.
    fastrand::u64(1..)
}

/// Writes `project` into `path` in one transaction: only what changed, when
/// `path` is already a project; the whole project into a new database
/// otherwise. A JSON project of format 1 at `path` is kept beside it as
/// `NAME.v1` before the database takes its place. `max_pages` bounds the
/// database's size (tests stand in for a full disk with it).
pub fn save(project: &Project, path: &Path, max_pages: Option<u32>) -> Result<Stamp> {
    remove_scratch(path);
    match read_head(path) {
        Some(head) if is_sqlite(&head) => {
            let conn = match open(path)? {
                Opened::Project(conn) | Opened::Empty(conn) => conn,
            };
            write(project, &conn, path, max_pages)
        }
        // No file, or an empty one (a new file whose first save was cut short).
        None => write_new(project, path, max_pages),
        Some(head) if head.is_empty() => write_new(project, path, max_pages),
        // Something else: built beside it and renamed over it, so that the
        // file is never half one thing and half the other.
        Some(head) => {
            if head.trim_ascii_start().starts_with(b"{") {
                let kept = super::v1_path(path);
                std::fs::copy(path, &kept).map_err(|source| Error::Write { path: kept, source })?;
            }
            let scratch = scratch_path(path);
            let stamp = {
                let conn = Connection::open(&scratch).map_err(|e| write_error(path, e))?;
                write(project, &conn, path, max_pages)
            };
            let stamp = match stamp {
                Ok(stamp) => stamp,
                Err(e) => {
                    remove_scratch(path);
                    return Err(e);
                }
            };
            keep_permissions(path, &scratch);
            std::fs::rename(&scratch, path).map_err(|source| Error::Write {
                path: path.to_path_buf(),
                source,
            })?;
            Ok(stamp)
        }
    }
}

/// A new database at `path`, written in place: a first save cut short
/// leaves an empty database, which reads as an empty project.
fn write_new(project: &Project, path: &Path, max_pages: Option<u32>) -> Result<Stamp> {
    let conn = Connection::open(path).map_err(|e| write_error(path, e))?;
    write(project, &conn, path, max_pages)
}

/// The first bytes of `path`, or None when there is no file.
fn read_head(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).ok()?;
    let mut head = Vec::with_capacity(16);
    let _ = (&mut file).take(16).read_to_end(&mut head);
    Some(head)
}

fn keep_permissions(from: &Path, to: &Path) {
    if let Ok(meta) = std::fs::metadata(from) {
        let _ = std::fs::set_permissions(to, meta.permissions());
    }
}

fn write(
    project: &Project,
    conn: &Connection,
    path: &Path,
    max_pages: Option<u32>,
) -> Result<Stamp> {
    let fail = |e: rusqlite::Error| write_error(path, e);
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .map_err(fail)?;
    if let Some(pages) = max_pages {
        conn.pragma_update(None, "max_page_count", pages)
            .map_err(fail)?;
    }
    // Rollback journal, synced: the journal goes when the save is done.
    conn.pragma_update(None, "journal_mode", "DELETE")
        .map_err(fail)?;
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(fail)?;
    conn.execute_batch("BEGIN IMMEDIATE").map_err(fail)?;
    let result = write_rows(project, conn).and_then(|stamp| {
        conn.execute_batch("COMMIT")?;
        Ok(stamp)
    });
    if result.is_err() {
        let _ = conn.execute_batch("ROLLBACK");
    }
    result.map_err(|e| match e {
        Error::Sqlite(e) => write_error(path, sqlite_said(e)),
        Error::Json(e) => write_error(path, e),
        other => other,
    })
}

/// SQLite's "database or disk is full" is, for a person, a full disk.
fn sqlite_said(e: rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DiskFull) => "no space left on the disk".into(),
        _ => e.to_string(),
    }
}

fn write_rows(project: &Project, conn: &Connection) -> Result<Stamp> {
    conn.execute_batch(TABLES)?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    conn.pragma_update(None, "user_version", SCHEMA)?;
    set_meta(conn, "format", super::FORMAT)?;
    let mut stamp = read_stamp(conn)?;
    if stamp.id.is_empty() {
        stamp.id = format!("{:016x}", fastrand::u64(..));
        set_meta(conn, "id", &stamp.id)?;
    }
    let mut changed = meta(conn, "extra_rules")?.as_deref() != Some(project.extra_rules.as_str());
    set_meta(conn, "extra_rules", &project.extra_rules)?;

    let stored: HashMap<u32, i64> = {
        let mut q = conn.prepare("SELECT id, digest FROM sources")?;
        q.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    let mut put = conn.prepare(&format!(
        "INSERT OR REPLACE INTO sources ({SOURCE_COLUMNS}, digest)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"
    ))?;
    for s in &project.sources {
        let row = row_of(s)?;
        if stored.get(&s.id.0) == Some(&row.digest) {
            continue;
        }
        changed = true;
        put.execute(params![
            s.id.0,
            s.path,
            row.format,
            s.detected.title,
            s.detected.outlet,
            s.detected.published,
            s.detected.language,
            s.overrides.title,
            s.overrides.outlet,
            s.overrides.published,
            s.overrides.language,
            s.copy_of.map(|c| c.0),
            s.original,
            s.cleaned,
            row.map,
            row.removed,
            row.warnings,
            row.digest,
        ])?;
    }
    let kept: std::collections::HashSet<u32> = project.sources.iter().map(|s| s.id.0).collect();
    let mut drop = conn.prepare("DELETE FROM sources WHERE id = ?1")?;
    for id in stored.keys().filter(|id| !kept.contains(id)) {
        changed = true;
        drop.execute([id])?;
    }

    // The lists below are short and read in order: written whole.
    conn.execute("DELETE FROM skipped", [])?;
    let mut put = conn.prepare("INSERT INTO skipped (seq, path, reason) VALUES (?1, ?2, ?3)")?;
    for (i, s) in project.skipped.iter().enumerate() {
        put.execute(params![i as i64, s.path, s.reason])?;
    }
    conn.execute("DELETE FROM entity_fixes", [])?;
    let mut put = conn.prepare("INSERT INTO entity_fixes (seq, what, fix) VALUES (?1, ?2, ?3)")?;
    for (i, f) in project.entity_fixes.iter().enumerate() {
        put.execute(params![i as i64, f.describe(), serde_json::to_string(f)?])?;
    }
    conn.execute("DELETE FROM claim_fixes", [])?;
    let mut put = conn.prepare("INSERT INTO claim_fixes (seq, what, fix) VALUES (?1, ?2, ?3)")?;
    for (i, f) in project.claim_fixes.iter().enumerate() {
        put.execute(params![i as i64, f.describe(), serde_json::to_string(f)?])?;
    }

    if changed || stamp.generation == 0 {
        stamp.generation = new_generation();
        set_meta(conn, "generation", &stamp.generation.to_string())?;
    }
    Ok(stamp)
}
