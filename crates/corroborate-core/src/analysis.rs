//! Project → Analysis: everything derived from the sources, rebuilt on demand
//! and never saved as the source of truth.
//!
//! It segments every source and finds its entities; claims and text reuse
//! fill in as their parts of the engine land, in the shapes the JSON contract
//! fixes. The person's corrections are replayed on top of what is found.

use crate::corpus::{SourceId, Span};
use crate::corrections::{self, Verdict};
use crate::nlp::align::{self, Facts, Item, Status};
use crate::nlp::claims::{self as claim_words, Named, Value};
use crate::nlp::embed::{Embedder, Meaning};
use crate::nlp::entities::{self, Doc, Suggestion};
use crate::nlp::mentions::{self, Kind};
use crate::nlp::reuse;
use crate::nlp::segment::{self, Paragraph};
use crate::progress::Progress;
use crate::project::Project;
use crate::{Error, Result};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

mod grow;

#[derive(Debug, Default)]
pub struct Analysis {
    /// Shared: the next analysis starts from them.
    pub segments: Arc<HashMap<SourceId, Vec<Paragraph>>>,
    /// Entities after the person's corrections: the entities as found,
    /// shared, when there are none.
    pub entities: Arc<Vec<Entity>>,
    /// Entities as found, before corrections: corrections replay from here.
    /// Shared: the next analysis starts from them.
    pub found: Arc<Vec<Entity>>,
    /// Likely merges the evidence was too weak to make.
    pub suggestions: Vec<Suggestion>,
    /// Corrections that no longer apply, as sentences.
    pub stale: Vec<String>,
    /// Claim rows as lined up, before corrections.
    pub claims_found: Arc<Vec<Claim>>,
    /// The rows after the person's corrections: the rows as found, shared,
    /// when there are none (at 100,000 reports a copy took 1.3 GB).
    pub claims: Arc<Vec<Claim>>,
    /// Copied passages; shared, as `found`.
    pub reuse: Arc<Vec<Reuse>>,
    /// Each source's reading, for the next analysis to reuse.
    pub readings: HashMap<SourceId, Arc<Reading>>,
    /// The events the reports tell, after the person's corrections.
    pub stories: Vec<crate::stories::Story>,
    /// Each source's story by position in the project (from the entities as
    /// found, which corrections leave alone).
    pub story_of: Vec<usize>,
    /// What lining up claims found about the archive as a whole, so that a
    /// report added later is lined up within its story alone.
    pub(crate) basis: Option<Arc<Basis>>,
    /// The stories of the analysis as found, when a kept analysis held
    /// them: taken as they are by [`Analysis::correct`] when there is
    /// nothing to correct.
    pub(crate) found_stories: Option<Vec<crate::stories::Story>>,
}

/// What an analysis knows of the whole archive beyond its results.
#[derive(Debug)]
pub(crate) struct Basis {
    /// Each source analysed, in order, with the digest of what was read.
    pub(crate) digests: Vec<(SourceId, u64)>,
    /// Each source's story as the claim table knows it, by position.
    pub(crate) groups: Vec<u32>,
    pub(crate) weights: align::Weights,
}

/// What the next analysis may start from: the readings of sources read
/// before, and the results of the analysis they made.
#[derive(Default)]
pub struct Earlier {
    readings: HashMap<SourceId, Arc<Reading>>,
    before: Option<Before>,
}

/// An earlier analysis's results, as found (before corrections).
struct Before {
    basis: Arc<Basis>,
    found: Arc<Vec<Entity>>,
    suggestions: Vec<Suggestion>,
    claims: Arc<Vec<Claim>>,
    reuse: Arc<Vec<Reuse>>,
    story_of: Vec<usize>,
    segments: Arc<HashMap<SourceId, Vec<Paragraph>>>,
}

/// What the analysis reads of a source: its text and copy, and the title,
/// outlet, date and language it is read with.
pub(crate) fn digest(source: &crate::corpus::Source) -> u64 {
    use std::hash::{Hash, Hasher};
    let meta = source.meta();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (source.id.0, &source.cleaned, source.copy_of.map(|c| c.0)).hash(&mut h);
    (meta.title, meta.outlet, meta.published, meta.language).hash(&mut h);
    h.finish()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub source: SourceId,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub name: String,
    pub kind: Kind,
    pub aliases: Vec<String>,
    pub mentions: Vec<Mention>,
    /// Why it is this kind and why its spellings were merged.
    pub evidence: Vec<String>,
    /// The normalized value of a date (ISO) or number (`1200 tonne`).
    pub value: Option<String>,
    /// Hidden by the person: kept, but out of the way.
    pub hidden: bool,
}

impl From<entities::Resolved> for Entity {
    fn from(r: entities::Resolved) -> Entity {
        Entity {
            name: r.name,
            kind: r.kind,
            aliases: r.aliases,
            mentions: r
                .mentions
                .into_iter()
                .map(|(source, span)| Mention { source, span })
                .collect(),
            evidence: r.evidence,
            value: r.value,
            hidden: false,
        }
    }
}

impl Entity {
    /// An entity the person made by splitting another.
    pub fn by_hand(name: String, kind: Kind, mentions: Vec<Mention>, why: &str) -> Entity {
        Entity {
            aliases: vec![name.clone()],
            name,
            kind,
            mentions,
            evidence: vec![why.to_string()],
            value: None,
            hidden: false,
        }
    }

    /// The sources it is mentioned in, in id order, once each.
    pub fn sources(&self) -> Vec<SourceId> {
        let mut s: Vec<SourceId> = self.mentions.iter().map(|m| m.source).collect();
        s.sort();
        s.dedup();
        s
    }
}

/// How a cell's origin was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credit {
    /// Its own sentence credits someone ("…, Reuters reported").
    Sentence,
    /// Its report says where its story comes from ("according to a
    /// Bloomberg report"), and the sentence is not the outlet's own work.
    Report,
    /// Nothing credits anyone else: the outlet's own.
    Outlet,
}

impl Credit {
    pub fn as_str(self) -> &'static str {
        match self {
            Credit::Sentence => "sentence",
            Credit::Report => "report",
            Credit::Outlet => "outlet",
        }
    }
}

/// One source's wording of a claim, with what judging its row needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub source: SourceId,
    pub span: Span,
    /// Whom the sentence credits, if it names someone.
    pub attribution: Option<String>,
    /// Where its words come from: the credit, or the source's own outlet.
    pub origin: String,
    /// How the origin was found.
    pub credit: Credit,
    pub values: Vec<Value>,
    pub actions: Vec<(&'static str, bool, String)>,
}

impl Cell {
    fn facts(&self, report: usize, published: Option<String>) -> Facts {
        Facts {
            report,
            origin: self.origin.clone(),
            values: self.values.clone(),
            actions: self.actions.clone(),
            published,
        }
    }
}

/// A row of the claim table: one claim, one cell per source that makes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub status: Status,
    pub summary: String,
    pub attributed_to: Vec<String>,
    pub origins: usize,
    pub cells: Vec<Cell>,
    /// What disagrees, for a conflict.
    pub conflict: Option<String>,
    /// What changed, for an update (a toll rising from report to report).
    pub update: Option<String>,
    /// Positions in `cells` of the cells that disagree.
    pub disagreeing: Vec<usize>,
    /// Further sentences of the same sources that say the same.
    pub alternates: Vec<Cell>,
    /// The person's verdict and note.
    pub verdict: Option<(Verdict, String)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Reuse {
    pub a: Mention,
    pub b: Mention,
    pub words: usize,
}

impl Analysis {
    /// What the next analysis of this project, once changed, starts from.
    pub fn earlier(&self) -> Earlier {
        Earlier {
            readings: self.readings.clone(),
            before: self.basis.as_ref().map(|basis| Before {
                basis: Arc::clone(basis),
                found: Arc::clone(&self.found),
                suggestions: self.suggestions.clone(),
                claims: Arc::clone(&self.claims_found),
                reuse: Arc::clone(&self.reuse),
                story_of: self.story_of.clone(),
                segments: Arc::clone(&self.segments),
            }),
        }
    }

    /// As [`Analysis::earlier`], taking its parts rather than copying them.
    pub fn into_earlier(self) -> Earlier {
        Earlier {
            before: self.basis.map(|basis| Before {
                basis,
                found: self.found,
                suggestions: self.suggestions,
                claims: self.claims_found,
                reuse: self.reuse,
                story_of: self.story_of,
                segments: self.segments,
            }),
            readings: self.readings,
        }
    }

    /// What a whole analysis of this project, once changed, starts from:
    /// only the readings of sources read before (linking and lining up
    /// look at every source again).
    pub fn readings_only(&self) -> Earlier {
        Earlier {
            readings: self.readings.clone(),
            before: None,
        }
    }

    pub fn sentence_count(&self, id: SourceId) -> usize {
        self.segments
            .get(&id)
            .map_or(0, |ps| ps.iter().map(|p| p.sentences.len()).sum())
    }
}

/// Analyses every source of `project`, in parallel; stops early when cancelled.
pub fn analyze(project: &Project, progress: &dyn Progress) -> Result<Analysis> {
    analyze_from(project, Earlier::default(), progress)
}

/// As [`analyze`], from what the analysis that made `earlier` found. When
/// the project is that one with a few reports added at its end, only they
/// are read, and only the story they join is lined up again (see
/// [`grow`]). Otherwise the sources that are new or changed are read again,
/// and linking entities and lining up claims look at every source.
pub fn analyze_from(
    project: &Project,
    mut earlier: Earlier,
    progress: &dyn Progress,
) -> Result<Analysis> {
    if let Some(grown) = grow::grow(project, &mut earlier, progress)? {
        return Ok(grown);
    }
    let earlier = &earlier.readings;
    // Copied passages need no entities: they are found on the other cores
    // while entities are linked, which is mostly one core's work.
    let (analysis, reuse) = rayon::join(
        || read_and_link(project, earlier, progress),
        || copied_passages(project),
    );
    let mut analysis = analysis?;
    analysis.story_of = crate::stories::groups(project, &analysis);
    let reuse = within_stories(project, reuse, &analysis.story_of);
    progress.stage("Lining up claims", 1);
    let lined = lined_up(
        project,
        &analysis.segments,
        &analysis.found,
        &reuse,
        KEPT_CLAIMS,
    );
    progress.advance(1);
    progress.stage("Applying corrections", 1);
    analysis.claims_found = Arc::new(lined.rows);
    // Each reading holds its source's digest, made as it was read.
    let digest_of = |s: &crate::corpus::Source| match analysis.readings.get(&s.id) {
        Some(r) => r.fingerprint,
        None => digest(s),
    };
    analysis.basis = Some(Arc::new(Basis {
        digests: project
            .sources
            .iter()
            .map(|s| (s.id, digest_of(s)))
            .collect(),
        groups: lined.groups,
        weights: lined.weights,
    }));
    analysis.reuse = Arc::new(reuse);
    analysis.correct(project);
    Ok(analysis)
}

/// A run this long shared by reports of two stories is copying all the
/// same (a story grouping missed, a wire story reused); shorter ones are
/// the stock phrases of news ("did not immediately respond to a request for
/// comment"), which say nothing of who copied whom.
const COPIED_ACROSS_STORIES: usize = 2 * crate::nlp::reuse::MIN_WORDS;

/// The copied passages worth showing: those of two reports of one story,
/// and long ones. At 10,000 generated reports this keeps 0.5 million of 3.4
/// million, most of the rest template phrases of unrelated events.
fn within_stories(project: &Project, reuse: Vec<Reuse>, story_of: &[usize]) -> Vec<Reuse> {
    let at = project.positions();
    let story = |id: SourceId| at.get(&id).and_then(|&i| story_of.get(i));
    let mut reuse = reuse;
    reuse.retain(|r| r.words >= COPIED_ACROSS_STORIES || story(r.a.source) == story(r.b.source));
    reuse.shrink_to_fit();
    reuse
}

/// What reading one source found: its sentences and candidate mentions.
/// Kept between analyses, so that a change to a few sources re-reads only them.
#[derive(Debug)]
pub struct Reading {
    /// The source's [`digest`] when it was read.
    fingerprint: u64,
    pub paragraphs: Vec<Paragraph>,
    candidates: Vec<mentions::Candidate>,
}

impl Reading {
    /// Reads one source: splits its sentences and finds candidate names.
    fn of(s: &crate::corpus::Source) -> Reading {
        let paragraphs = segment::segment(&s.cleaned);
        let published = s.meta().published;
        let candidates = mentions::find(&s.cleaned, &paragraphs, published.as_deref());
        Reading {
            fingerprint: digest(s),
            paragraphs,
            candidates,
        }
    }
}

/// What linking reads of each source: its text, outlet and candidates.
fn docs<'a>(
    sources: &'a [crate::corpus::Source],
    readings: &'a [(SourceId, Arc<Reading>)],
) -> Vec<Doc<'a>> {
    sources
        .iter()
        .zip(readings)
        .map(|(s, (_, r))| Doc {
            id: s.id,
            text: &s.cleaned,
            candidates: &r.candidates,
            outlet: s.meta().outlet,
        })
        .collect()
}

/// Sentences and entities only, with the person's entity corrections.
pub fn analyze_entities(project: &Project, progress: &dyn Progress) -> Result<Analysis> {
    let mut analysis = read_and_link(project, &HashMap::new(), progress)?;
    analysis.correct(project);
    Ok(analysis)
}

/// Sentences and entities as found, reusing `earlier` readings of unchanged
/// sources; corrections are left to the caller.
fn read_and_link(
    project: &Project,
    earlier: &HashMap<SourceId, Arc<Reading>>,
    progress: &dyn Progress,
) -> Result<Analysis> {
    progress.stage("Reading sentences and names", project.sources.len());
    let readings: Vec<(SourceId, Arc<Reading>)> = project
        .sources
        .par_iter()
        .filter_map(|s| {
            if progress.cancelled() {
                return None;
            }
            let print = digest(s);
            let reading = match earlier.get(&s.id) {
                Some(r) if r.fingerprint == print => Arc::clone(r),
                _ => Arc::new(Reading::of(s)),
            };
            progress.advance(1);
            Some((s.id, reading))
        })
        .collect();
    if progress.cancelled() {
        return Err(Error::Cancelled);
    }
    progress.stage("Linking entities across sources", 1);
    let mut segments = HashMap::with_capacity(readings.len());
    let docs = docs(&project.sources, &readings);
    let (resolved, suggestions) = entities::resolve(&docs);
    drop(docs);
    for (id, r) in &readings {
        segments.insert(*id, r.paragraphs.clone());
    }
    let readings: HashMap<SourceId, Arc<Reading>> = readings.into_iter().collect();
    progress.advance(1);
    let found: Vec<Entity> = resolved.into_iter().map(Entity::from).collect();
    if progress.cancelled() {
        return Err(Error::Cancelled);
    }
    let analysis = Analysis {
        segments: Arc::new(segments),
        readings,
        found: Arc::new(found),
        suggestions,
        ..Analysis::default()
    };
    Ok(analysis)
}

/// Claims lined up and copied passages found from an analysis's sentences
/// and entities.
pub fn line_up(project: &Project, analysis: &Analysis) -> (Vec<Claim>, Vec<Reuse>) {
    let reuse = copied_passages(project);
    let claims = claim_rows(project, &analysis.segments, &analysis.found, &reuse);
    (claims, reuse)
}

/// Passages two sources share word for word.
pub fn copied_passages(project: &Project) -> Vec<Reuse> {
    let all: Vec<usize> = (0..project.sources.len()).collect();
    copied_passages_among(project, &all)
}

/// Passages that two of the sources at `among` (positions) share.
fn copied_passages_among(project: &Project, among: &[usize]) -> Vec<Reuse> {
    let texts: Vec<&str> = among
        .iter()
        .map(|&r| project.sources[r].cleaned.as_ref())
        .collect();
    let id = |k: usize| project.sources[among[k]].id;
    reuse::find(&texts)
        .into_iter()
        .map(|p| Reuse {
            a: Mention {
                source: id(p.a.0),
                span: p.a.1,
            },
            b: Mention {
                source: id(p.b.0),
                span: p.b.1,
            },
            words: p.words,
        })
        .collect()
}

/// What lining up claims starts from: each source's claims, what each
/// means, and the story each source belongs to.
pub struct ClaimInputs {
    pub claims: Vec<Vec<claim_words::Claim>>,
    pub meanings: Vec<Vec<Meaning>>,
    /// Which claims are their outlet's own act (a request for comment).
    pub own: Vec<Vec<bool>>,
    /// The organization each source takes its story from, if it says so.
    pub credits: Vec<Option<String>>,
    pub stories: align::Stories,
}

impl ClaimInputs {
    /// Every claim, with its source's place in the project.
    pub fn items(&self) -> Vec<Item<'_>> {
        self.claims
            .iter()
            .zip(&self.meanings)
            .zip(&self.own)
            .enumerate()
            .flat_map(|(report, ((cs, ms), own))| {
                cs.iter()
                    .zip(ms)
                    .zip(own)
                    .map(move |((claim, meaning), &own)| Item {
                        report,
                        claim,
                        meaning,
                        own,
                    })
            })
            .collect()
    }
}

/// Each source's named entities, by start: what its claims are read with.
fn named_by_source(found: &[Entity]) -> HashMap<SourceId, Vec<Named<'_>>> {
    let mut named: HashMap<SourceId, Vec<Named>> = HashMap::new();
    for (i, e) in found.iter().enumerate() {
        for m in &e.mentions {
            named.entry(m.source).or_default().push(Named {
                span: m.span,
                entity: i,
                kind: e.kind,
                name: &e.name,
                value: e.value.as_deref(),
            });
        }
    }
    for list in named.values_mut() {
        list.sort_by_key(|n| n.span.start);
    }
    named
}

/// One source's claims, as [`ClaimInputs`] holds them.
struct SourceClaims {
    claims: Vec<claim_words::Claim>,
    meanings: Vec<Meaning>,
    own: Vec<bool>,
    credit: Option<String>,
}

/// What reads a source's claims: its sentences and the names found in it.
struct ClaimReader<'a> {
    segments: &'a HashMap<SourceId, Vec<Paragraph>>,
    named: HashMap<SourceId, Vec<Named<'a>>>,
}

impl<'a> ClaimReader<'a> {
    fn new(segments: &'a HashMap<SourceId, Vec<Paragraph>>, found: &'a [Entity]) -> Self {
        ClaimReader {
            segments,
            named: named_by_source(found),
        }
    }

    fn names(&self, s: &crate::corpus::Source) -> &[Named<'a>] {
        self.named.get(&s.id).map_or(&[][..], Vec::as_slice)
    }

    /// The source's claims alone.
    fn claims(&self, s: &crate::corpus::Source) -> Vec<claim_words::Claim> {
        let paragraphs = self.segments.get(&s.id).map_or(&[][..], Vec::as_slice);
        claim_words::claims(&s.cleaned, paragraphs, self.names(s), &s.meta().title)
    }

    /// The source's claims, what each means, which are the outlet's own
    /// act, and where the report says its story comes from.
    fn read(&self, s: &crate::corpus::Source) -> SourceClaims {
        self.read_from(s, self.claims(s))
    }

    /// [`Self::read`], given the source's claims read before.
    fn read_from(
        &self,
        s: &crate::corpus::Source,
        claims: Vec<claim_words::Claim>,
    ) -> SourceClaims {
        let embedder = Embedder::get();
        let meta = s.meta();
        let credit =
            claim_words::story_credit(&s.cleaned, &claims, self.names(s), meta.outlet.as_deref());
        let meanings = claims
            .iter()
            .map(|c| match (embedder, s.cleaned.get(c.span.range())) {
                (Some(e), Some(text)) => Meaning::new(&e.embed(text)),
                _ => Meaning::none(),
            })
            .collect();
        let own = claims
            .iter()
            .map(|c| {
                let sentence = s.cleaned.get(c.span.range()).unwrap_or("");
                c.attribution.is_none() && claim_words::own_work(sentence, meta.outlet.as_deref())
            })
            .collect();
        SourceClaims {
            claims,
            meanings,
            own,
            credit,
        }
    }
}

/// Each source's claims and their meanings, and the stories, from the
/// sentences and entities of an analysis.
pub fn claim_inputs(
    project: &Project,
    segments: &HashMap<SourceId, Vec<Paragraph>>,
    found: &[Entity],
) -> ClaimInputs {
    let reader = ClaimReader::new(segments, found);
    let read: Vec<SourceClaims> = project.sources.par_iter().map(|s| reader.read(s)).collect();
    let (mut claims, mut meanings, mut own, mut credits) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for r in read {
        claims.push(r.claims);
        meanings.push(r.meanings);
        own.push(r.own);
        credits.push(r.credit);
    }
    let names = crate::stories::names(project, found);
    ClaimInputs {
        claims,
        meanings,
        own,
        credits,
        stories: align::Stories::new(&names),
    }
}

/// Every source's claims, lined up into rows and judged.
///
/// Story by story: claims of different stories never share a row, so each
/// story's claims are read, lined up and let go before the next's, and an
/// archive's claims are never all held at once (at 100,000 reports they
/// took 3.9 GB). A first pass counts how common each of their words is
/// across the archive, which weighs them.
pub fn claim_rows(
    project: &Project,
    segments: &HashMap<SourceId, Vec<Paragraph>>,
    found: &[Entity],
    reuse: &[Reuse],
) -> Vec<Claim> {
    lined_up(project, segments, found, reuse, KEPT_CLAIMS).rows
}

/// How many claims the first pass over an archive keeps for lining up
/// (about 300 MB): a 10,000-report archive's are read once; a larger
/// archive's later reports are read again rather than all held.
const KEPT_CLAIMS: usize = 1_000_000;

/// Claim rows, with what lining up more reports later starts from.
struct LinedUp {
    rows: Vec<Claim>,
    /// How common each feature of a claim is across the archive.
    weights: align::Weights,
    /// Each source's story as the claim table knows it (`align::Stories`'
    /// groups), by position in the project.
    groups: Vec<u32>,
}

/// The claim rows, the first pass keeping up to `kept_claims` claims.
fn lined_up(
    project: &Project,
    segments: &HashMap<SourceId, Vec<Paragraph>>,
    found: &[Entity],
    reuse: &[Reuse],
    kept_claims: usize,
) -> LinedUp {
    let reader = ClaimReader::new(segments, found);
    let sources = &project.sources;
    // Where each source's claims start among the archive's, in order.
    let mut first: Vec<usize> = Vec::with_capacity(sources.len());
    let mut weights = align::Weights::default();
    let mut total = 0;
    // The first pass's claims, while they fit the budget: read once, not twice.
    let mut kept: Vec<std::sync::Mutex<Vec<claim_words::Claim>>> = Vec::new();
    for chunk in sources.chunks(512) {
        let read: Vec<Vec<claim_words::Claim>> =
            chunk.par_iter().map(|s| reader.claims(s)).collect();
        for list in &read {
            first.push(total);
            total += list.len();
        }
        let claims: Vec<&claim_words::Claim> = read.iter().flatten().collect();
        weights.count(&claims);
        if total <= kept_claims {
            kept.extend(read.into_iter().map(std::sync::Mutex::new));
        }
    }
    let stories = align::Stories::new(&crate::stories::names(project, found));
    let groups = stories.groups();
    let mut lining = Lining::new(project, reader, &weights, &stories, reuse);
    lining.kept = kept;
    let mut by_story: Vec<(u32, usize)> = (0..sources.len())
        .map(|r| (groups.get(r).copied().unwrap_or(u32::MAX), r))
        .collect();
    by_story.sort_unstable();
    let chunks: Vec<&[(u32, usize)]> = by_story.chunk_by(|a, b| a.0 == b.0).collect();
    let mut rows: Vec<(usize, Claim)> = chunks
        .par_iter()
        .flat_map_iter(|group| {
            let reports: Vec<usize> = group.iter().map(|&(_, r)| r).collect();
            lining
                .rows(&reports)
                .into_iter()
                .map(|(report, k, claim)| (first[report] + k, claim))
                .collect::<Vec<_>>()
        })
        .collect();
    // In the order of each row's first claim in the archive, then largest first.
    rows.par_sort_unstable_by_key(|(root, _)| *root);
    let mut rows: Vec<Claim> = rows.into_iter().map(|(_, c)| c).collect();
    lining.order(&mut rows);
    drop(lining);
    LinedUp {
        rows,
        weights,
        groups,
    }
}

/// What lining up the claims of one story needs from the archive.
struct Lining<'a> {
    project: &'a Project,
    reader: ClaimReader<'a>,
    weights: &'a align::Weights,
    stories: &'a align::Stories,
    outlets: Vec<String>,
    copies: CopyIndex<'a>,
    position: Positions,
    /// The claims of the first sources, by position, read before: taken
    /// when their story is lined up.
    kept: Vec<std::sync::Mutex<Vec<claim_words::Claim>>>,
}

impl<'a> Lining<'a> {
    fn new(
        project: &'a Project,
        reader: ClaimReader<'a>,
        weights: &'a align::Weights,
        stories: &'a align::Stories,
        reuse: &'a [Reuse],
    ) -> Self {
        let outlets = project
            .sources
            .iter()
            .map(|s| s.meta().outlet.unwrap_or_else(|| s.id.to_string()))
            .collect();
        Lining {
            project,
            reader,
            weights,
            stories,
            outlets,
            copies: CopyIndex::new(reuse),
            position: project.positions(),
            kept: Vec::new(),
        }
    }

    /// The judged rows of the claims of `reports` (positions in the
    /// project, one story's), each with the report and the number within
    /// it of the claim that started it.
    fn rows(&self, reports: &[usize]) -> Vec<(usize, usize, Claim)> {
        let sources = &self.project.sources;
        let read: Vec<SourceClaims> = reports
            .par_iter()
            .map(|&r| match self.kept.get(r).map(|k| k.lock()) {
                Some(Ok(mut kept)) => self
                    .reader
                    .read_from(&sources[r], std::mem::take(&mut *kept)),
                _ => self.reader.read(&sources[r]),
            })
            .collect();
        let mut items: Vec<Item> = Vec::new();
        let mut at: Vec<(usize, usize)> = Vec::new();
        for (&report, r) in reports.iter().zip(&read) {
            for (k, ((claim, meaning), &own)) in
                r.claims.iter().zip(&r.meanings).zip(&r.own).enumerate()
            {
                items.push(Item {
                    report,
                    claim,
                    meaning,
                    own,
                });
                at.push((report, k));
            }
        }
        let credits: HashMap<usize, &Option<String>> = reports
            .iter()
            .zip(&read)
            .map(|(&r, c)| (r, &c.credit))
            .collect();
        let cell = |i: usize| {
            let item = &items[i];
            let credit = credits.get(&item.report).copied().unwrap_or(&None);
            row_cell(self.project, item, credit, &self.outlets)
        };
        align::align_story(&items, self.weights, self.stories)
            .into_iter()
            .map(|(root, row)| {
                let claim = judged_row(
                    &row,
                    &cell,
                    &items,
                    &self.outlets,
                    self.project,
                    &self.position,
                    &self.copies,
                );
                let (report, k) = at[root as usize];
                (report, k, claim)
            })
            .collect()
    }

    /// Rows as the table lists them: most sources first, then by where
    /// their first cell is (a stable sort: ties keep their order).
    fn order(&self, rows: &mut [Claim]) {
        rows.sort_by_key(|c| {
            (
                std::cmp::Reverse(c.cells.len()),
                c.cells
                    .first()
                    .map(|x| (self.position.get(&x.source).copied(), x.span.start)),
            )
        });
    }
}

/// A claim's cell: its words, and where they come from.
fn row_cell(project: &Project, item: &Item, credit: &Option<String>, outlets: &[String]) -> Cell {
    let source = &project.sources[item.report];
    let (origin, credit) = match (&item.claim.attribution, credit) {
        (Some(a), _) => (a.clone(), Credit::Sentence),
        (None, Some(story)) if !item.own => (story.clone(), Credit::Report),
        _ => (outlets[item.report].clone(), Credit::Outlet),
    };
    Cell {
        source: source.id,
        span: item.claim.span,
        attribution: item.claim.attribution.clone(),
        origin,
        credit,
        values: item.claim.values.clone(),
        actions: item.claim.actions.clone(),
    }
}

/// A lined-up row as the table shows it: its cells and alternates, judged.
fn judged_row(
    row: &align::Row,
    cell: &dyn Fn(usize) -> Cell,
    items: &[Item],
    outlets: &[String],
    project: &Project,
    position: &Positions,
    copies: &CopyIndex,
) -> Claim {
    let mut cells: Vec<Cell> = row.cells.iter().map(|&i| cell(i)).collect();
    // A report's source passes to its claim only when another cell
    // of the row credits that source in its own words: the claim
    // is of that story, not background the outlet added.
    let named: Vec<String> = cells
        .iter()
        .filter(|c| c.credit == Credit::Sentence)
        .map(|c| c.origin.clone())
        .collect();
    for (c, &i) in cells.iter_mut().zip(&row.cells) {
        if c.credit == Credit::Report && !named.contains(&c.origin) {
            c.origin = outlets[items[i].report].clone();
            c.credit = Credit::Outlet;
        }
    }
    let alternates = row.alternates.iter().map(|&i| cell(i)).collect();
    let mut claim = Claim {
        status: Status::SingleSource,
        summary: String::new(),
        attributed_to: Vec::new(),
        origins: 0,
        cells,
        conflict: None,
        update: None,
        disagreeing: Vec::new(),
        alternates,
        verdict: None,
    };
    rejudge(&mut claim, project, position, copies);
    claim
}

/// Each source's place in the project, by id ([`Project::positions`]).
type Positions = rustc_hash::FxHashMap<SourceId, usize>;

/// Which sentence pairs share a copied passage.
struct CopyIndex<'a> {
    by_source: HashMap<SourceId, Vec<&'a Reuse>>,
}

impl<'a> CopyIndex<'a> {
    fn new(reuse: &'a [Reuse]) -> Self {
        let mut by_source: HashMap<SourceId, Vec<&Reuse>> = HashMap::new();
        for r in reuse {
            by_source.entry(r.a.source).or_default().push(r);
            by_source.entry(r.b.source).or_default().push(r);
        }
        CopyIndex { by_source }
    }

    /// Pairs of cell positions whose sentences share a copied passage.
    fn copied(&self, cells: &[Cell]) -> Vec<(usize, usize)> {
        let overlaps = |x: Span, y: Span| x.start < y.end && y.start < x.end;
        let at: HashMap<SourceId, usize> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| (c.source, i))
            .collect();
        let mut pairs = Vec::new();
        for (i, cell) in cells.iter().enumerate() {
            for r in self.by_source.get(&cell.source).into_iter().flatten() {
                if r.a.source != cell.source || !overlaps(r.a.span, cell.span) {
                    continue;
                }
                if let Some(&j) = at.get(&r.b.source)
                    && overlaps(r.b.span, cells[j].span)
                {
                    pairs.push((i, j));
                }
            }
        }
        pairs
    }
}

/// Status, conflict, origins, credit and summary of a row from its cells.
fn rejudge(claim: &mut Claim, project: &Project, position: &Positions, copies: &CopyIndex) {
    let facts: Vec<Facts> = claim
        .cells
        .iter()
        .map(|c| {
            c.facts(
                position.get(&c.source).copied().unwrap_or(usize::MAX),
                project.source(c.source).and_then(|s| s.meta().published),
            )
        })
        .collect();
    let cells = &claim.cells;
    // Cells are named by their outlet, as the person knows them.
    let label = |at: usize| {
        cells.get(at).map_or_else(String::new, |c| {
            project
                .source(c.source)
                .and_then(|s| s.meta().outlet)
                .unwrap_or_else(|| c.source.to_string())
        })
    };
    let judged = align::judge(&facts, &copies.copied(cells), &label);
    let mut credits: Vec<String> = Vec::new();
    for c in cells {
        if let Some(a) = &c.attribution
            && !credits.contains(a)
        {
            credits.push(a.clone());
        }
    }
    let text = |c: &Cell| {
        project
            .source(c.source)
            .and_then(|s| s.cleaned.get(c.span.range()))
            .unwrap_or_default()
    };
    // The middle-length wording stands for the row: the shortest are often
    // fragments, the longest say several things.
    let mut wordings: Vec<&str> = cells.iter().map(text).collect();
    wordings.sort_by_key(|t| t.len());
    let summary = wordings
        .get(wordings.len() / 2)
        .copied()
        .unwrap_or_default();
    claim.summary = summary.split_whitespace().collect::<Vec<_>>().join(" ");
    claim.status = judged.status;
    claim.conflict = judged.conflict;
    claim.update = judged.update;
    claim.disagreeing = judged.disagreeing;
    claim.origins = judged.origins;
    claim.attributed_to = credits;
}

impl Analysis {
    /// Replays the project's corrections over the entities as found.
    pub fn correct(&mut self, project: &Project) {
        if project.entity_fixes.is_empty() {
            self.stale = Vec::new();
            self.entities = Arc::clone(&self.found);
        } else {
            let mut entities = Vec::clone(&self.found);
            let text = |m: &Mention| {
                project
                    .source(m.source)
                    .and_then(|s| s.cleaned.get(m.span.range()))
                    .unwrap_or_default()
                    .to_string()
            };
            self.stale = corrections::apply(&mut entities, &project.entity_fixes, &text);
            self.entities = Arc::new(entities);
        }
        if project.claim_fixes.is_empty() {
            self.claims = Arc::clone(&self.claims_found);
        } else {
            self.claims = Arc::new(self.corrected_claims(project));
        }
        if self.story_of.len() != project.sources.len() {
            self.story_of = crate::stories::groups(project, self);
        }
        let as_found = project.entity_fixes.is_empty() && project.claim_fixes.is_empty();
        self.stories = match self.found_stories.take() {
            Some(stories) if as_found => stories,
            _ => crate::stories::stories(project, self),
        };
    }

    /// The rows as found with the person's claim corrections replayed.
    fn corrected_claims(&mut self, project: &Project) -> Vec<Claim> {
        let mut claims = Vec::clone(&self.claims_found);
        let position = project.positions();
        let copies = CopyIndex::new(&self.reuse);
        let manual = |source: SourceId, span: Span| {
            let s = project.source(source)?;
            s.cleaned.get(span.range())?;
            Some(Cell {
                source,
                span,
                attribution: None,
                origin: s.meta().outlet.unwrap_or_else(|| source.to_string()),
                credit: Credit::Outlet,
                values: Vec::new(),
                actions: Vec::new(),
            })
        };
        let rejudge_row = |c: &mut Claim| rejudge(c, project, &position, &copies);
        let stale =
            corrections::apply_claims(&mut claims, &project.claim_fixes, &manual, &rejudge_row);
        self.stale.extend(stale);
        claims
    }

    /// Suggested merges whose two entities both still stand.
    pub fn open_suggestions(&self) -> impl Iterator<Item = &Suggestion> {
        let names: std::collections::HashSet<&str> =
            self.entities.iter().map(|e| e.name.as_str()).collect();
        self.suggestions
            .iter()
            .filter(move |s| names.contains(s.keep.as_str()) && names.contains(s.merge.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Silent;

    /// Claims kept from the first pass or read again, the rows are the same.
    #[test]
    fn claims_kept_or_read_again_line_up_alike() -> Result<()> {
        let mut project = Project::default();
        let reports = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join("assets/sample/reports");
        project.import(&[reports], &Silent)?;
        let a = analyze_entities(&project, &Silent)?;
        let reuse = copied_passages(&project);
        let rows = |kept: usize| lined_up(&project, &a.segments, &a.found, &reuse, kept).rows;
        let all = rows(usize::MAX);
        assert!(all.iter().any(|c| c.cells.len() > 1), "{all:?}");
        // None kept, and the first chunk's only (the sample is one chunk:
        // a budget below its claims keeps none).
        assert_eq!(rows(0), all);
        assert_eq!(rows(1), all);
        Ok(())
    }
}
