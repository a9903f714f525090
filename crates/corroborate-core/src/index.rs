//! Full-text search over every paragraph of every source, with tantivy.
//!
//! One document per paragraph: its source, span, title, outlet and date, and
//! its text under an English stemming analyzer. Queries take words,
//! "phrases", AND/OR/NOT, `word~1` fuzzy terms, `outlet:` and `date:`
//! filters. Hits carry byte offsets into the source's cleaned text, so the
//! reading pane can highlight them without searching again.
//!
//! The [`SearchIndex`] trait is the seam where a shared newsroom index could
//! later stand in for the embedded one.

use crate::corpus::{Source, SourceId, Span};
use crate::nlp::segment;
use crate::progress::Progress;
use crate::{Error, Result};
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Bound;
use std::path::{Path, PathBuf};
use tantivy::collector::TopDocs;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, QueryParser, RangeQuery,
};
use tantivy::query_grammar::{self, Delimiter, UserInputAst, UserInputBound, UserInputLeaf};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, TextAnalyzer};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// One search result: a paragraph of a source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub source: SourceId,
    pub score: f32,
    pub paragraph: Span,
    pub snippet: Span,
    /// The matched words, as spans of the cleaned text.
    pub highlights: Vec<Span>,
}

/// What the rest of the program needs from a search index.
pub trait SearchIndex {
    /// Adds (or replaces) these sources' paragraphs.
    fn add_sources(&mut self, sources: &[&Source]) -> Result<()>;
    fn remove_sources(&mut self, ids: &[SourceId]) -> Result<()>;
    /// The best `limit` paragraphs for `query`; `source_of` gives a hit's text for its snippet.
    fn search<'s>(
        &self,
        query: &str,
        limit: usize,
        source_of: &dyn Fn(SourceId) -> Option<&'s Source>,
    ) -> Result<Vec<Hit>>;
}

/// Corpora with more cleaned text than this keep their index on disk.
pub const RAM_LIMIT_BYTES: usize = 64 * 1024 * 1024;

#[derive(Clone, Copy)]
struct Fields {
    source: Field,
    para_start: Field,
    para_end: Field,
    title: Field,
    outlet: Field,
    day: Field,
    text: Field,
}

/// The embedded tantivy index.
pub struct TantivyIndex {
    index: Index,
    /// Made on the first change: an index opened only to search takes no
    /// writer's lock, so two searches of one kept index can run at once.
    writer: Option<IndexWriter>,
    reader: IndexReader,
    fields: Fields,
    parser: QueryParser,
    analyzer: TextAnalyzer,
    dir: Option<PathBuf>,
    /// Whether the folder outlives this value (a kept index) or is this
    /// run's own and removed with it.
    kept: bool,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let stemmed = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("en_stem")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let names = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("name")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        source: b.add_u64_field("source", INDEXED | STORED | FAST),
        para_start: b.add_u64_field("start", STORED),
        para_end: b.add_u64_field("end", STORED),
        title: b.add_text_field("title", stemmed.clone()),
        outlet: b.add_text_field("outlet", names),
        day: b.add_u64_field("date", INDEXED | FAST),
        text: b.add_text_field("text", stemmed),
    };
    (b.build(), fields)
}

impl TantivyIndex {
    /// An index that lives in memory only.
    pub fn in_ram() -> Result<Self> {
        let (schema, fields) = schema();
        Self::with_index(Index::create_in_ram(schema), fields, None)
    }

    /// An index in `dir`, which is emptied first: the index is a cache, rebuilt from the project.
    pub fn on_disk(dir: &Path) -> Result<Self> {
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|source| Error::Write {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        std::fs::create_dir_all(dir).map_err(|source| Error::Write {
            path: dir.to_path_buf(),
            source,
        })?;
        let (schema, fields) = schema();
        let index = Index::create_in_dir(dir, schema)?;
        Self::with_index(index, fields, Some(dir.to_path_buf()))
    }

    /// Builds an index of `sources`: in memory for a small corpus, in the
    /// cache folder `cache_dir` for a large one.
    pub fn build(
        sources: &[Source],
        cache_dir: Option<&Path>,
        progress: &dyn Progress,
    ) -> Result<Self> {
        let bytes: usize = sources.iter().map(|s| s.cleaned.len()).sum();
        let mut index = match cache_dir {
            Some(dir) if bytes > RAM_LIMIT_BYTES => Self::on_disk(dir)?,
            _ => Self::in_ram()?,
        };
        index.fill(sources, progress)?;
        Ok(index)
    }

    /// Adds every paragraph of `sources` to an empty index, committed once.
    pub fn fill(&mut self, sources: &[Source], progress: &dyn Progress) -> Result<()> {
        progress.stage("Indexing", sources.len());
        for chunk in sources.chunks(256) {
            if progress.cancelled() {
                return Err(Error::Cancelled);
            }
            self.add_documents(&chunk.iter().collect::<Vec<_>>())?;
            progress.advance(chunk.len());
        }
        self.commit()
    }

    /// Where the index lives on disk, if it does.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    fn with_index(index: Index, fields: Fields, dir: Option<PathBuf>) -> Result<Self> {
        let names = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .build();
        index.tokenizers().register("name", names);
        let analyzer = index.tokenizer_for_field(fields.text)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let mut parser = QueryParser::for_index(&index, vec![fields.text]);
        parser.set_conjunction_by_default();
        Ok(Self {
            index,
            writer: None,
            reader,
            fields,
            parser,
            analyzer,
            dir,
            kept: false,
        })
    }

    /// Opens the index already in `dir` (made by [`TantivyIndex::on_disk`]
    /// and kept); an index of another schema is an error.
    pub fn open_kept(dir: &Path) -> Result<Self> {
        let (schema, fields) = schema();
        let index = Index::open_in_dir(dir)?;
        if index.schema() != schema {
            return Err(Error::Index(tantivy::TantivyError::SchemaError(
                "the kept index has another schema".into(),
            )));
        }
        let mut index = Self::with_index(index, fields, Some(dir.to_path_buf()))?;
        index.kept = true;
        Ok(index)
    }

    /// Leaves the folder in place when this value is dropped.
    pub fn keep(&mut self) {
        self.kept = true;
    }

    /// Whether the folder outlives this value.
    pub fn is_kept(&self) -> bool {
        self.kept
    }

    /// A kept index about to change no longer holds the state its stamp
    /// names: unstamped, it is built again unless stamped anew.
    fn unstamp_kept(&self) -> Result<()> {
        match self.dir.as_deref() {
            Some(dir) if self.kept => crate::kept_index::unstamp(dir),
            _ => Ok(()),
        }
    }

    fn writer(&mut self) -> Result<&mut IndexWriter> {
        if self.writer.is_none() {
            let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
            self.writer = Some(
                self.index
                    .writer_with_num_threads(threads, threads * 40_000_000)?,
            );
        }
        self.writer.as_mut().ok_or_else(|| {
            Error::Index(tantivy::TantivyError::InternalError(
                "no index writer".into(),
            ))
        })
    }

    fn add_documents(&mut self, sources: &[&Source]) -> Result<()> {
        let f = self.fields;
        for source in sources {
            let meta = source.meta();
            let day = meta.published.as_deref().and_then(day_number);
            for para in segment::paragraphs(&source.cleaned) {
                let mut doc = TantivyDocument::default();
                doc.add_u64(f.source, u64::from(source.id.0));
                doc.add_u64(f.para_start, para.start as u64);
                doc.add_u64(f.para_end, para.end as u64);
                doc.add_text(f.title, &meta.title);
                if let Some(outlet) = &meta.outlet {
                    doc.add_text(f.outlet, outlet);
                }
                if let Some(day) = day {
                    doc.add_u64(f.day, day);
                }
                doc.add_text(f.text, &source.cleaned[para.range()]);
                self.writer()?.add_document(doc)?;
            }
        }
        Ok(())
    }

    fn commit(&mut self) -> Result<()> {
        self.writer()?.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Number of indexed paragraphs.
    pub fn paragraphs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    fn to_query(
        &self,
        ast: UserInputAst,
        marks: &mut Marks,
        negated: bool,
    ) -> Result<Box<dyn Query>> {
        Ok(match ast {
            UserInputAst::Clause(clauses) => {
                let mut subs = Vec::new();
                for (occur, sub) in clauses {
                    let occur = match occur {
                        Some(query_grammar::Occur::Should) => Occur::Should,
                        Some(query_grammar::Occur::MustNot) => Occur::MustNot,
                        Some(query_grammar::Occur::Must) | None => Occur::Must,
                    };
                    let q = self.to_query(sub, marks, negated ^ (occur == Occur::MustNot))?;
                    subs.push((occur, q));
                }
                if subs.iter().all(|(o, _)| *o == Occur::MustNot) {
                    subs.push((Occur::Must, Box::new(AllQuery)));
                }
                Box::new(BooleanQuery::new(subs))
            }
            UserInputAst::Boost(inner, boost) => {
                let q = self.to_query(*inner, marks, negated)?;
                Box::new(BoostQuery::new(q, boost.into_inner() as f32))
            }
            UserInputAst::Leaf(leaf) => self.leaf_query(*leaf, marks, negated)?,
        })
    }

    fn leaf_query(
        &self,
        leaf: UserInputLeaf,
        marks: &mut Marks,
        negated: bool,
    ) -> Result<Box<dyn Query>> {
        if let UserInputLeaf::Literal(lit) = &leaf
            && let Some((word, distance)) = fuzzy_term(lit)
        {
            return self.fuzzy_query(lit, word, distance, marks, negated);
        }
        match &leaf {
            UserInputLeaf::Literal(lit) if is_date_field(lit.field_name.as_deref()) => {
                let (lo, hi) = date_bounds(&lit.phrase).ok_or_else(|| date_error(&lit.phrase))?;
                return Ok(self.day_range(Bound::Included(lo), Bound::Included(hi)));
            }
            UserInputLeaf::Range {
                field,
                lower,
                upper,
            } if is_date_field(field.as_deref()) => {
                let bound = |b: &UserInputBound, low: bool| -> Result<Bound<u64>> {
                    let pick = |s: &str| {
                        date_bounds(s)
                            .map(|(lo, hi)| if low { lo } else { hi })
                            .ok_or_else(|| date_error(s))
                    };
                    Ok(match b {
                        UserInputBound::Inclusive(s) => Bound::Included(pick(s)?),
                        // Exclusive of a whole month means after (or before) all of it.
                        UserInputBound::Exclusive(s) => Bound::Excluded(
                            date_bounds(s)
                                .map(|(lo, hi)| if low { hi } else { lo })
                                .ok_or_else(|| date_error(s))?,
                        ),
                        UserInputBound::Unbounded => Bound::Unbounded,
                    })
                };
                return Ok(self.day_range(bound(lower, true)?, bound(upper, false)?));
            }
            UserInputLeaf::Literal(lit)
                if !negated && matches!(lit.field_name.as_deref(), None | Some("text")) =>
            {
                let words = self.analyze(&lit.phrase);
                if lit.delimiter == Delimiter::None && words.len() == 1 {
                    marks.words.extend(words);
                } else if !words.is_empty() {
                    marks.phrases.push(words);
                }
            }
            _ => {}
        }
        self.parser
            .build_query_from_user_input_ast(UserInputAst::Leaf(Box::new(leaf)))
            .map_err(|e| Error::Query {
                query: String::new(),
                detail: e.to_string(),
            })
    }

    /// `word~N`: a fuzzy term on the text (or title) field.
    fn fuzzy_query(
        &self,
        lit: &query_grammar::UserInputLiteral,
        word: &str,
        distance: u8,
        marks: &mut Marks,
        negated: bool,
    ) -> Result<Box<dyn Query>> {
        let field = match lit.field_name.as_deref() {
            None | Some("text") => self.fields.text,
            Some("title") => self.fields.title,
            Some(other) => {
                return Err(Error::Query {
                    query: lit.phrase.clone(),
                    detail: format!("fuzzy search works on text and title, not {other}:"),
                });
            }
        };
        let words = self.analyze(word);
        let Some(word) = words.first() else {
            return Ok(Box::new(BooleanQuery::new(Vec::new())));
        };
        if !negated && field == self.fields.text {
            marks.fuzzy.push((word.clone(), distance));
        }
        Ok(Box::new(FuzzyTermQuery::new(
            Term::from_field_text(field, word),
            distance,
            true,
        )))
    }

    fn day_range(&self, lo: Bound<u64>, hi: Bound<u64>) -> Box<dyn Query> {
        let term = |b: Bound<u64>| match b {
            Bound::Included(v) => Bound::Included(Term::from_field_u64(self.fields.day, v)),
            Bound::Excluded(v) => Bound::Excluded(Term::from_field_u64(self.fields.day, v)),
            Bound::Unbounded => Bound::Unbounded,
        };
        Box::new(RangeQuery::new(term(lo), term(hi)))
    }

    /// The terms the index would store for `text`, with their byte ranges.
    fn terms(&self, text: &str) -> Vec<(String, usize, usize)> {
        let mut analyzer = self.analyzer.clone();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.offset_from, t.offset_to));
        }
        out
    }

    fn analyze(&self, text: &str) -> Vec<String> {
        self.terms(text).into_iter().map(|t| t.0).collect()
    }

    /// Spans of `text` (a paragraph starting at `base`) that match what the query asked for.
    fn highlight(&self, text: &str, base: usize, marks: &Marks) -> Vec<Span> {
        let tokens = self.terms(text);
        let mut spans = Vec::new();
        for (word, from, to) in &tokens {
            let hit = marks.words.iter().any(|w| w == word)
                || marks
                    .fuzzy
                    .iter()
                    .any(|(w, d)| levenshtein_within(w, word, *d as usize));
            if hit {
                spans.push(Span::new(base + from, base + to));
            }
        }
        for phrase in &marks.phrases {
            if phrase.len() > tokens.len() {
                continue;
            }
            for window in tokens.windows(phrase.len()) {
                if window.iter().zip(phrase).all(|(t, p)| &t.0 == p) {
                    let (first, last) = (&window[0], &window[window.len() - 1]);
                    spans.push(Span::new(base + first.1, base + last.2));
                }
            }
        }
        spans.sort();
        // "government" inside a hit of "government relations" is one highlight, not two.
        let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
        for span in spans {
            match merged.last_mut() {
                Some(last) if span.start < last.end => last.end = last.end.max(span.end),
                _ => merged.push(span),
            }
        }
        merged
    }
}

/// What a query asks to highlight: plain words, phrases and fuzzy words, all as index terms.
#[derive(Default)]
struct Marks {
    words: Vec<String>,
    phrases: Vec<Vec<String>>,
    fuzzy: Vec<(String, u8)>,
}

/// The grammar reads `'` as a quote, so "TikTok's" becomes the phrase `"TikTok's"`.
fn quote_apostrophe_words(query: &str) -> String {
    let mut out = String::with_capacity(query.len() + 8);
    let mut in_quotes = false;
    for (i, part) in query.split('"').enumerate() {
        if i > 0 {
            out.push('"');
            in_quotes = !in_quotes;
        }
        if in_quotes {
            out.push_str(part);
            continue;
        }
        let words: Vec<String> = part
            .split(' ')
            .map(|w| {
                let inner = w.trim_matches(|c: char| !c.is_alphanumeric());
                let is_word_apostrophe = inner.contains(['\'', '’'])
                    && !w.contains(':')
                    && inner.chars().next().is_some_and(char::is_alphanumeric);
                if is_word_apostrophe {
                    w.replacen(inner, &format!("\"{inner}\""), 1)
                } else {
                    w.to_string()
                }
            })
            .collect();
        out.push_str(&words.join(" "));
    }
    out
}

/// `Kantor~1` (or `Kantor~`, distance 1): the grammar keeps the `~N` in the
/// word; a fuzzy word is one word, distance 1 or 2.
fn fuzzy_term(lit: &query_grammar::UserInputLiteral) -> Option<(&str, u8)> {
    if lit.delimiter != Delimiter::None || lit.phrase.contains(char::is_whitespace) {
        return None;
    }
    let (word, distance) = lit.phrase.rsplit_once('~')?;
    let distance = match distance {
        "" | "1" => 1,
        "2" => 2,
        _ => return None,
    };
    (!word.is_empty()).then_some((word, distance))
}

fn is_date_field(field: Option<&str>) -> bool {
    matches!(field, Some("date" | "published"))
}

fn date_error(value: &str) -> Error {
    Error::Query {
        query: value.to_string(),
        detail: format!("\"{value}\" is not a date; write 2022, 2022-07 or 2022-07-29"),
    }
}

/// `2022-07-29` as 20220729, the form the index stores dates in.
fn day_number(iso: &str) -> Option<u64> {
    date_bounds(iso)
        .filter(|(lo, hi)| lo == hi)
        .map(|(lo, _)| lo)
}

/// The first and last day a partial date stands for: `2022-07` is 20220700..=20220799.
fn date_bounds(value: &str) -> Option<(u64, u64)> {
    let parts: Vec<&str> = value.trim().split('-').collect();
    let num = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u64>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y] => {
            let y = num(y, 4)?;
            Some((y * 10_000, y * 10_000 + 9_999))
        }
        [y, m] => {
            let (y, m) = (num(y, 4)?, num(m, 2)?);
            (1..=12)
                .contains(&m)
                .then_some((y * 10_000 + m * 100, y * 10_000 + m * 100 + 99))
        }
        [y, m, d] => {
            let (y, m, d) = (num(y, 4)?, num(m, 2)?, num(d, 2)?);
            let day = y * 10_000 + m * 100 + d;
            crate::corpus::metadata::valid_date(y as u32, m as u32, d as u32).then_some((day, day))
        }
        _ => None,
    }
}

/// Edit distance of at most `max` (insertions, deletions, substitutions, transpositions).
fn levenshtein_within(a: &str, b: &str, max: usize) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    let mut prev2: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        prev2 = std::mem::replace(&mut prev, cur);
    }
    prev[b.len()] <= max
}

/// A window of about this many bytes around the first highlight.
const SNIPPET_BYTES: usize = 240;

fn snippet_window(text: &str, para: Span, highlights: &[Span]) -> Span {
    if para.len() <= SNIPPET_BYTES + 60 {
        return para;
    }
    let focus = highlights.first().map_or(para.start, |h| h.start);
    let mut start = focus.saturating_sub(SNIPPET_BYTES / 3).max(para.start);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    if start > para.start {
        // Begin at a word.
        if let Some(space) = text[start..focus].find(' ') {
            start += space + 1;
        }
    }
    let first_end = highlights.first().map_or(start, |h| h.end);
    let mut end = (start + SNIPPET_BYTES).max(first_end).min(para.end);
    while !text.is_char_boundary(end) {
        end += 1;
    }
    if end < para.end
        && let Some(space) = text[focus.min(end)..end].rfind(' ')
    {
        end = focus.min(end) + space;
    }
    Span::new(start, end.max(start))
}

impl SearchIndex for TantivyIndex {
    fn add_sources(&mut self, sources: &[&Source]) -> Result<()> {
        self.unstamp_kept()?;
        let field = self.fields.source;
        for s in sources {
            self.writer()?
                .delete_term(Term::from_field_u64(field, u64::from(s.id.0)));
        }
        self.add_documents(sources)?;
        self.commit()
    }

    fn remove_sources(&mut self, ids: &[SourceId]) -> Result<()> {
        self.unstamp_kept()?;
        let field = self.fields.source;
        for id in ids {
            self.writer()?
                .delete_term(Term::from_field_u64(field, u64::from(id.0)));
        }
        self.commit()
    }

    fn search<'s>(
        &self,
        query: &str,
        limit: usize,
        source_of: &dyn Fn(SourceId) -> Option<&'s Source>,
    ) -> Result<Vec<Hit>> {
        let query_error = |detail: String| Error::Query {
            query: query.to_string(),
            detail,
        };
        if query.trim().is_empty() {
            return Ok(Vec::new());
        }
        let ast = query_grammar::parse_query(&quote_apostrophe_words(query))
            .map_err(|_| query_error("check quotes, brackets and operators".into()))?;
        let mut marks = Marks::default();
        let parsed = self.to_query(ast, &mut marks, false).map_err(|e| match e {
            Error::Query { detail, .. } => query_error(detail),
            other => other,
        })?;
        let searcher = self.reader.searcher();
        let limit = limit.clamp(1, (searcher.num_docs() as usize).max(1));
        let top = searcher.search(&parsed, &TopDocs::with_limit(limit).order_by_score())?;
        let mut hits = Vec::with_capacity(top.len());
        let mut cache: HashMap<u64, Option<&'s Source>> = HashMap::new();
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let get = |f: Field| doc.get_first(f).and_then(|v| v.as_u64());
            let (Some(id), Some(start), Some(end)) = (
                get(self.fields.source),
                get(self.fields.para_start),
                get(self.fields.para_end),
            ) else {
                continue;
            };
            let Some(source) = *cache
                .entry(id)
                .or_insert_with(|| source_of(SourceId(id as u32)))
            else {
                continue; // a source removed since indexing
            };
            let paragraph = Span::new(start as usize, end as usize);
            let Some(text) = source.cleaned.get(paragraph.range()) else {
                continue;
            };
            let highlights = self.highlight(text, paragraph.start, &marks);
            let snippet = snippet_window(&source.cleaned, paragraph, &highlights);
            hits.push(Hit {
                source: source.id,
                score,
                paragraph,
                snippet,
                highlights: highlights
                    .into_iter()
                    .filter(|h| h.start >= snippet.start && h.end <= snippet.end)
                    .collect(),
            });
        }
        Ok(hits)
    }
}

impl Drop for TantivyIndex {
    fn drop(&mut self) {
        if let Some(dir) = self.dir.as_ref().filter(|_| !self.kept) {
            // The on-disk index is a cache of this run; leave no stale copy behind.
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// A cache folder of its own for one large index: an index removes its
/// folder when dropped, so no two indexes may share one.
pub fn cache_dir() -> Option<PathBuf> {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dirs = directories::ProjectDirs::from("org", "Corroborate", "Corroborate")?;
    Some(
        dirs.cache_dir()
            .join("index")
            .join(format!("{}-{n}", std::process::id())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_bounds_cover_partial_dates() {
        assert_eq!(date_bounds("2022"), Some((20220000, 20229999)));
        assert_eq!(date_bounds("2022-07"), Some((20220700, 20220799)));
        assert_eq!(date_bounds("2022-07-29"), Some((20220729, 20220729)));
        assert_eq!(date_bounds("2022-13"), None);
        assert_eq!(date_bounds("2022-02-31"), None);
        assert_eq!(date_bounds("July"), None);
    }

    #[test]
    fn apostrophes_in_words_become_phrases() {
        assert_eq!(quote_apostrophe_words("TikTok's data"), "\"TikTok's\" data");
        assert_eq!(
            quote_apostrophe_words("(Truss’ comments)"),
            "(Truss’ comments)"
        );
        assert_eq!(quote_apostrophe_words("TikTok’s"), "\"TikTok’s\"");
        assert_eq!(
            quote_apostrophe_words("\"don't stop\" now"),
            "\"don't stop\" now"
        );
        assert_eq!(quote_apostrophe_words("'quoted phrase'"), "'quoted phrase'");
    }

    #[test]
    fn edit_distance_with_transpositions() {
        assert!(levenshtein_within("kantor", "kanter", 1));
        assert!(levenshtein_within("kanter", "kantre", 1));
        assert!(!levenshtein_within("kantor", "cantre", 1));
    }
}
