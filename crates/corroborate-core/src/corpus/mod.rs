//! Reports as Corroborate holds them: import from files, cleaning, metadata.
//!
//! A [`Source`] keeps the text as the file gave it (`original`), the text
//! everything else reads (`cleaned`), and the map between the two.

mod clean;
mod decode;
pub mod glue;
mod html;
mod markdown;
pub mod metadata;
mod offsets;
mod pdf;
mod pool;
mod reading;
mod rules;
mod walk;

pub use clean::{Cleaned, Removal, clean, line_ranges};
pub use decode::{Decoded, NotText, decode};
pub use glue::{Vocabulary, lexicon, split_word};
pub use html::{HtmlDoc, extract as extract_html};
pub use metadata::{MetaOverrides, Metadata};
pub use offsets::OffsetMap;
pub use pdf::extract as extract_pdf;
pub use reading::Stop;
pub use rules::{Rule, Rules};
pub use walk::{Found, Skipped, discover};

use crate::progress::Progress;
use crate::{Error, Result};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A byte range in a source's cleaned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// Whether the two spans share a byte.
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A source's identity within a project; shown as `s1`, `s2`, …
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SourceId(pub u32);

impl std::fmt::Display for SourceId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "s{}", self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
    Pdf,
}

impl Format {
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }
}

/// One imported report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub id: SourceId,
    /// Where it came from, as the person named it.
    pub path: String,
    pub format: Format,
    /// The text as read from the file (for HTML and PDF: the extracted text).
    pub original: String,
    /// The text after cleaning; every span in Corroborate points into this.
    /// Shared: the analysis takes a copy of the project at every change, in
    /// the window's frame.
    pub cleaned: std::sync::Arc<str>,
    pub map: OffsetMap,
    /// What cleaning dropped from `original`, and why.
    pub removed: Vec<Removal>,
    pub detected: Metadata,
    #[serde(default)]
    pub overrides: MetaOverrides,
    #[serde(default)]
    pub warnings: Vec<String>,
    /// The source whose cleaned text this one repeats word for word (wire
    /// copy run by two outlets): a source of its own, one origin with it.
    #[serde(default)]
    pub copy_of: Option<SourceId>,
    /// How many words `cleaned` holds, once counted.
    #[serde(skip)]
    pub(crate) word_count: WordCount,
}

/// A source's word count, kept once counted: the window lists 100,000
/// reports, and counting all their words again took seconds of its frame.
/// It keeps the length of the text it counted, so a text changed since is
/// counted again. Two sources are equal whatever their counts hold.
#[derive(Debug, Default)]
pub struct WordCount {
    /// The counted text's length plus one (0: not counted yet).
    len: std::sync::atomic::AtomicUsize,
    words: std::sync::atomic::AtomicUsize,
}

impl Clone for WordCount {
    fn clone(&self) -> Self {
        use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
        WordCount {
            len: AtomicUsize::new(self.len.load(Relaxed)),
            words: AtomicUsize::new(self.words.load(Relaxed)),
        }
    }
}

impl PartialEq for WordCount {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Source {
    /// Metadata with the person's corrections applied.
    pub fn meta(&self) -> Metadata {
        self.detected.with_overrides(&self.overrides)
    }

    pub fn words(&self) -> usize {
        use std::sync::atomic::Ordering::{Acquire, Release};
        let len = self.cleaned.len() + 1;
        if self.word_count.len.load(Acquire) == len {
            return self.word_count.words.load(Acquire);
        }
        let words = metadata::word_count(&self.cleaned);
        // Two threads counting at once store the same number.
        self.word_count.words.store(words, Release);
        self.word_count.len.store(len, Release);
        words
    }
}

/// What to do while importing.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub rules: Rules,
    /// No more than this is read from any file.
    pub max_bytes: u64,
    /// How long reading and parsing one file may take before it is given
    /// up on and listed with the reason.
    pub file_budget: Duration,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            rules: Rules::default(),
            max_bytes: 64 * 1024 * 1024,
            file_budget: Duration::from_secs(20),
        }
    }
}

/// The outcome of an import: new sources, and every path that was not imported with the reason.
#[derive(Debug, Default)]
pub struct ImportReport {
    pub sources: Vec<Source>,
    pub skipped: Vec<Skipped>,
}

/// A file read and decoded, not yet cleaned.
struct Raw {
    path: String,
    format: Format,
    text: String,
    html: Option<HtmlDoc>,
    folder: Option<String>,
    warnings: Vec<String>,
}

/// Imports files and folders. `existing` are the project's sources: they
/// lend their words to glue repair, and a file with the same cleaned text as
/// the same file (the same path with the same text) as one of them is
/// reported as a duplicate; the same text in another file is a source of its
/// own, marked as a copy. New ids start after theirs.
pub fn import_paths(
    paths: &[PathBuf],
    existing: &[Source],
    options: &ImportOptions,
    progress: &dyn Progress,
) -> Result<ImportReport> {
    let (found, mut skipped) = discover(paths);
    progress.stage("Reading files", found.len());
    let found = Arc::new(found);
    let shared = Arc::clone(&found);
    let max_bytes = options.max_bytes;
    let work: pool::Work<Result<Raw, Skipped>> =
        Arc::new(move |i, stop| read_file(&shared[i], max_bytes, stop));
    let outcomes = pool::run(
        found.len(),
        pool::threads(),
        options.file_budget,
        work,
        progress,
    )
    .map_err(|pool::Cancelled| Error::Cancelled)?;
    let mut raws = Vec::new();
    for (f, outcome) in found.iter().zip(outcomes) {
        let skip = |reason: String| Skipped {
            path: f.path.display().to_string(),
            reason,
        };
        match outcome {
            pool::Outcome::Done(Ok(raw)) => raws.push(raw),
            pool::Outcome::Done(Err(s)) => skipped.push(s),
            pool::Outcome::TimedOut => skipped.push(skip(reading::timed_out(options.file_budget))),
            pool::Outcome::Failed => skipped.push(skip(
                "an internal error stopped reading it; the rest was imported".into(),
            )),
        }
    }
    let mut report = build_sources(raws, existing, options, progress)?;
    skipped.append(&mut report.skipped);
    report.skipped = skipped;
    Ok(report)
}

/// Imports texts already in memory, named like files (`"a.html"` is read as HTML).
pub fn import_texts(named: &[(&str, &str)], options: &ImportOptions) -> ImportReport {
    let mut raws = Vec::new();
    let mut refused = Vec::new();
    for (name, text) in named {
        let format = Format::from_path(Path::new(name)).unwrap_or(Format::Text);
        let raw = raw_from_text(
            name.to_string(),
            format,
            text.to_string(),
            None,
            Vec::new(),
            &Stop::never(),
        );
        match raw {
            Ok(raw) => raws.push(raw),
            Err(reason) => refused.push(Skipped {
                path: name.to_string(),
                reason,
            }),
        }
    }
    let mut report =
        build_sources(raws, &[], options, &crate::progress::Silent).unwrap_or_default();
    refused.append(&mut report.skipped);
    report.skipped = refused;
    report
}

fn read_file(found: &Found, max_bytes: u64, stop: &Stop) -> Result<Raw, Skipped> {
    let path = found.path.display().to_string();
    let skip = |reason: String| Skipped {
        path: path.clone(),
        reason,
    };
    let Some(format) = Format::from_path(&found.path) else {
        return Err(skip(unsupported(&found.path)));
    };
    let bytes = reading::read_bounded(&found.path, max_bytes, stop).map_err(skip)?;
    let mut warnings = Vec::new();
    let text = match format {
        Format::Pdf => {
            if !bytes.starts_with(b"%PDF") && decode(&bytes).is_ok() {
                return Err(skip("the file is named .pdf but is not a PDF".into()));
            }
            let pages = extract_pdf(&bytes, stop).map_err(skip)?;
            pages.join("\n\n")
        }
        _ => {
            let decoded = decode(&bytes).map_err(|e| skip(e.to_string()))?;
            warnings.extend(decoded.note);
            decoded.text
        }
    };
    raw_from_text(
        path.clone(),
        format,
        text,
        found.folder.clone(),
        warnings,
        stop,
    )
    .map_err(skip)
}

/// Why a file of this name is not read.
fn unsupported(path: &Path) -> String {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("gz" | "zip" | "bz2" | "xz" | "7z" | "tgz" | "zst" | "rar") => format!(
            ".{} files are compressed archives, which are not opened (a crafted one can inflate without end); unpack it and import the files inside",
            ext.unwrap_or_default()
        ),
        Some("docx" | "doc" | "odt" | "rtf" | "pages") => format!(
            ".{} documents are not read (and never unpacked); save it as PDF, HTML or text and import that",
            ext.unwrap_or_default()
        ),
        Some(e) => format!(".{e} files are not supported (use .txt, .md, .html or .pdf)"),
        None => "files without an extension are not supported (use .txt, .md, .html or .pdf)"
            .to_string(),
    }
}

fn raw_from_text(
    path: String,
    format: Format,
    text: String,
    folder: Option<String>,
    mut warnings: Vec<String>,
    stop: &Stop,
) -> Result<Raw, String> {
    let (text, html) = if format == Format::Html {
        let mut doc = html::extract_within(&text, stop)?;
        let body = std::mem::take(&mut doc.text);
        warnings.extend(doc.warning.take());
        (body, Some(doc))
    } else {
        (text, None)
    };
    Ok(Raw {
        path,
        format,
        text,
        html,
        folder,
        warnings,
    })
}

/// Cleans read files against the whole corpus's vocabulary, drops files
/// imported twice, marks word-for-word copies, assigns ids.
fn build_sources(
    raws: Vec<Raw>,
    existing: &[Source],
    options: &ImportOptions,
    progress: &dyn Progress,
) -> Result<ImportReport> {
    // Each distinct text counts once, so a duplicate file cannot make its own
    // glued word look like a word seen elsewhere.
    let mut seen_texts = std::collections::HashSet::new();
    let distinct: Vec<&Raw> = raws
        .iter()
        .filter(|r| seen_texts.insert(r.text.as_str()))
        .collect();
    let mut vocab = Vocabulary::of(distinct.par_iter().map(|r| r.text.as_str()));
    vocab.merge(Vocabulary::of(
        existing.par_iter().map(|s| s.cleaned.as_ref()),
    ));
    progress.stage("Cleaning", raws.len());
    let paths: Vec<String> = raws.iter().map(|r| r.path.clone()).collect();
    let slots: Arc<Vec<Mutex<Option<Raw>>>> =
        Arc::new(raws.into_iter().map(|r| Mutex::new(Some(r))).collect());
    let work: pool::Work<Option<Source>> = {
        let (slots, vocab, rules) = (
            Arc::clone(&slots),
            Arc::new(vocab),
            Arc::new(options.rules.clone()),
        );
        Arc::new(move |i, _| {
            let raw = slots[i].lock().ok()?.take()?;
            Some(clean_raw(raw, &vocab, &rules))
        })
    };
    let outcomes = pool::run(
        paths.len(),
        pool::threads(),
        options.file_budget,
        work,
        progress,
    )
    .map_err(|pool::Cancelled| Error::Cancelled)?;
    let mut report = ImportReport::default();
    let mut built = Vec::with_capacity(paths.len());
    for (path, outcome) in paths.into_iter().zip(outcomes) {
        let reason = match outcome {
            pool::Outcome::Done(Some(source)) => {
                built.push(source);
                continue;
            }
            pool::Outcome::TimedOut => format!(
                "cleaning it stopped after {} s, the limit for one file; the rest was imported",
                options.file_budget.as_secs()
            ),
            _ => "an internal error stopped cleaning it; the rest was imported".to_string(),
        };
        report.skipped.push(Skipped { path, reason });
    }
    // The sources of each text: (its path, its id or its place in `built`).
    type Holder<'a> = (&'a str, Result<SourceId, usize>);
    let mut by_text: HashMap<&str, Vec<Holder>> = HashMap::new();
    for s in existing {
        by_text
            .entry(s.cleaned.as_ref())
            .or_default()
            .push((s.path.as_str(), Ok(s.id)));
    }
    let mut next_id = existing
        .iter()
        .map(|s| s.id.0)
        .max()
        .map_or(Some(1), |m| m.checked_add(1))
        .ok_or_else(|| Error::DamagedProject {
            path: "project".into(),
            detail: "its source ids are exhausted".into(),
        })?;
    let mut keep: Vec<(usize, Option<Result<SourceId, usize>>)> = Vec::with_capacity(built.len());
    for (i, source) in built.iter().enumerate() {
        if !source.cleaned.chars().any(char::is_alphanumeric) {
            report.skipped.push(Skipped {
                path: source.path.clone(),
                reason: "no words are left after cleaning (the file holds only boilerplate, markup or punctuation)".into(),
            });
            continue;
        }
        let same = by_text.entry(source.cleaned.as_ref()).or_default();
        if same.iter().any(|(path, _)| *path == source.path) {
            report.skipped.push(Skipped {
                path: source.path.clone(),
                reason: "this file is in the project already; imported once".into(),
            });
            continue;
        }
        keep.push((i, same.first().map(|(_, at)| *at)));
        same.push((source.path.as_str(), Err(i)));
    }
    let paths: Vec<String> = built.iter().map(|s| s.path.clone()).collect();
    let mut built: Vec<Option<Source>> = built.into_iter().map(Some).collect();
    let mut ids: HashMap<usize, SourceId> = HashMap::new();
    let existing_paths: HashMap<SourceId, &str> =
        existing.iter().map(|s| (s.id, s.path.as_str())).collect();
    for (i, first) in keep {
        if let Some(mut source) = built[i].take() {
            source.id = SourceId(next_id);
            next_id = next_id.saturating_add(1);
            ids.insert(i, source.id);
            let first = match first {
                Some(Ok(id)) => existing_paths.get(&id).map(|p| (id, p.to_string())),
                Some(Err(at)) => ids.get(&at).map(|id| (*id, paths[at].clone())),
                None => None,
            };
            if let Some((id, path)) = first {
                source.copy_of = Some(id);
                source.warnings.push(format!(
                    "the same text as {path}, word for word: a copy of one report (counted as one origin with it)"
                ));
            }
            report.sources.push(source);
        }
    }
    Ok(report)
}

fn clean_raw(raw: Raw, vocab: &Vocabulary, rules: &Rules) -> Source {
    let mut cut = Vec::new();
    let mut published = raw.html.as_ref().and_then(|h| h.published.clone());
    if let Some((range, date)) = metadata::date_line(&raw.text) {
        cut.push(Removal {
            start: range.start,
            end: range.end,
            reason: format!("date line ({date})"),
        });
        published.get_or_insert(date);
    }
    if raw.format == Format::Markdown {
        cut.extend(markdown::markup_cuts(&raw.text));
    }
    let cleaned = clean(&raw.text, rules, vocab, &cut);
    let head_title = match &raw.html {
        Some(HtmlDoc {
            title: Some(title), ..
        }) => title.clone(),
        _ => metadata::title_line(&cleaned.text),
    };
    let (title, suffix_outlet) = metadata::split_title_suffix(&head_title);
    let outlet = raw
        .html
        .as_ref()
        .and_then(|h| h.outlet.clone())
        .or(suffix_outlet)
        .or_else(|| metadata::byline_outlet(&cleaned.text))
        .or_else(|| metadata::outlet_in_text(&cleaned.text))
        .or(raw.folder);
    let published = published.or_else(|| metadata::dateline(&cleaned.text));
    let language = metadata::language(&cleaned.text);
    let mut warnings = raw.warnings;
    if language.as_deref().is_some_and(|l| l != "en") {
        warnings.push(format!(
            "the text looks like {} rather than English; analysis is tuned for English",
            language.as_deref().unwrap_or("another language")
        ));
    }
    Source {
        id: SourceId(0),
        path: raw.path,
        format: raw.format,
        original: raw.text,
        cleaned: cleaned.text.into(),
        map: cleaned.map,
        removed: cleaned.removed,
        detected: Metadata {
            title,
            outlet,
            published,
            language,
        },
        overrides: MetaOverrides::default(),
        warnings,
        copy_of: None,
        word_count: WordCount::default(),
    }
}
