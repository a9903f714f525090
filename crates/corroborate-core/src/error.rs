//! One error type for the engine, so callers handle each failure once.

use std::path::PathBuf;

/// Everything the engine can fail at, each with a sentence a person can act on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("could not read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("could not write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a Corroborate project file")]
    NotAProject { path: PathBuf },
    #[error(
        "{path} was saved by a newer Corroborate (project format {found}, this version reads up to {supported}); it was left untouched"
    )]
    NewerProject {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{path} is damaged ({detail}); it was left untouched")]
    DamagedProject { path: PathBuf, detail: String },
    #[error("the search index failed: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("could not understand the search \"{query}\": {detail}")]
    Query { query: String, detail: String },
    #[error("a cleaning rule is invalid (line {line}: {detail})")]
    Rule { line: usize, detail: String },
    #[error("the JSON output could not be written: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the project database failed: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cancelled")]
    Cancelled,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A whole text file, or the error that names it (for the training
/// commands, which read their data whole).
pub fn read_text(path: &std::path::Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })
}
