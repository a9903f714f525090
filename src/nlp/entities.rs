//! Entities across reports: candidate mentions (`nlp::mentions`) grouped into
//! one entity per person, organization, place, date or number, with every
//! spelling it goes by. Links are made on evidence a reader would accept: an
//! acronym defined or spelled by its initials, a surname whose full name is
//! known, a list's canonical spelling ("US" is the United States), a
//! translated word order ("Commission of Safety of the Harbor"), a near
//! spelling backed by the same report, and "the port authority" for the only
//! port authority named. Weaker likenesses are offered as suggestions.

use crate::corpus::{SourceId, Span};
use crate::nlp::gazetteer::{Gazetteer, Known};
use crate::nlp::mentions::{Candidate, Found, Kind, Votes};
use crate::nlp::segment::fold;
use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// One report as the resolver sees it.
pub struct Doc<'a> {
    pub id: SourceId,
    pub text: &'a str,
    pub candidates: &'a [Candidate],
    /// The outlet that published it: a name that is surely an organization.
    pub outlet: Option<String>,
}

/// An entity found in the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub name: String,
    pub kind: Kind,
    /// Every spelling, most frequent first.
    pub aliases: Vec<String>,
    pub mentions: Vec<(SourceId, Span)>,
    /// Why it is this kind and why its spellings were merged.
    pub evidence: Vec<String>,
    /// The normalized value of a date or number.
    pub value: Option<String>,
}

/// Two entities that may be one, left for the person to accept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub keep: String,
    pub merge: String,
    pub reason: String,
}

/// Mentions taken for one entity: first those of one spelling, then, merged,
/// those of every spelling linked to it.
#[derive(Default)]
struct Group {
    surfaces: BTreeMap<String, usize>,
    /// Spellings found as names in their own right, which may name the entity.
    named: BTreeSet<String>,
    mentions: Vec<(usize, Span)>,
    /// The reports it is mentioned in.
    docs: HashSet<usize>,
    votes: Votes,
    evidence: BTreeSet<String>,
    canonical: Option<&'static str>,
    quantity: Option<(Kind, String)>,
    strong: usize,
    /// The full name of the outlet this short form stands for.
    outlet: Option<String>,
}

impl Group {
    fn words(&self) -> usize {
        self.best_surface().split_whitespace().count()
    }
    fn best_surface(&self) -> &str {
        self.surfaces
            .iter()
            .max_by_key(|(s, n)| (**n, s.len()))
            .map_or("", |(s, _)| s.as_str())
    }
    fn in_doc(&self, doc: usize) -> bool {
        self.docs.contains(&doc)
    }
}

struct Sets {
    parent: Vec<usize>,
}

impl Sets {
    fn new(n: usize) -> Sets {
        Sets {
            parent: (0..n).collect(),
        }
    }
    fn find(&mut self, mut a: usize) -> usize {
        while self.parent[a] != a {
            self.parent[a] = self.parent[self.parent[a]];
            a = self.parent[a];
        }
        a
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.parent[b] = a;
        }
    }
}

/// The key that makes two spellings one group before any linking.
fn name_key(text: &str, canonical: Option<&str>) -> String {
    let base = canonical.unwrap_or(text);
    let mut k = fold(base);
    // A nickname in quotes or brackets inside a name: "Kimani 'Kiki' Gray"
    // is Kimani Gray.
    if k.contains(' ') {
        let words: Vec<&str> = k
            .split(' ')
            .filter(|w| {
                !(w.len() > 2 && (w.starts_with(['\'', '"', '(']) && w.ends_with(['\'', '"', ')'])))
            })
            .collect();
        if words.len() >= 2 {
            k = words.join(" ");
        }
    }
    for p in ["'s", "'"] {
        if let Some(s) = k.strip_suffix(p) {
            k = s.to_string();
        }
    }
    // "Anthony LaCalamita III" is Anthony LaCalamita.
    if let Some((name, suffix)) = k.rsplit_once(' ')
        && name.contains(' ')
        && matches!(
            suffix.trim_end_matches('.'),
            "jr" | "sr" | "ii" | "iii" | "iv"
        )
    {
        k = name.trim_end_matches(',').to_string();
    }
    k.strip_prefix("the ").map_or(k.clone(), str::to_string)
}

fn strip_the(s: &str) -> &str {
    s.strip_prefix("The ").unwrap_or(s)
}

fn last_word(s: &str) -> &str {
    s.rsplit(' ').next().unwrap_or(s)
}

fn first_word(s: &str) -> &str {
    s.split(' ').next().unwrap_or(s)
}

fn is_acronym(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && s.chars().all(|c| c.is_uppercase() || c == '.' || c == '&')
}

/// "Federal Communications Commission" → "FCC".
fn initials(name: &str) -> String {
    name.split([' ', '-'])
        .filter(|w| !matches!(*w, "of" | "and" | "the" | "for" | "&" | "de"))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// Levenshtein distance, stopping early past `max`.
/// Whether two words are exactly one letter apart: one changed, added or
/// dropped. (Cheaper than a general edit distance: it runs for every pair of
/// similar surnames in the corpus.)
fn one_letter_apart(a: &str, b: &str) -> bool {
    if a == b || a.chars().count().abs_diff(b.chars().count()) > 1 {
        return false;
    }
    let common = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i);
    let (x, y) = (&a[common..], &b[common..]);
    fn skip(s: &str) -> &str {
        let mut c = s.chars();
        c.next();
        c.as_str()
    }
    skip(x) == skip(y) || x == skip(y) || skip(x) == y
}

/// Words that do not count when comparing the words of two names.
const FILLER: &[&str] = &["of", "the", "de", "la", "del", "du", "des", "and", "for"];

fn content_words(s: &str) -> Vec<String> {
    let mut w: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold)
        .filter(|w| !FILLER.contains(&w.as_str()))
        .collect();
    w.sort();
    w
}

/// Every report's candidates grouped by spelling, with the generic
/// references and defined acronyms met on the way.
struct Spellings {
    groups: Vec<Group>,
    by_key: HashMap<String, usize>,
    generics: Vec<(usize, Span, String)>,
    /// (group, acronym, report): "Harbor Safety Commission (HSC)".
    defined: Vec<(usize, String, usize)>,
    /// The report-bound parts of each spelling that was split by report.
    parts: HashMap<String, Vec<usize>>,
}

/// How a spelling is keyed: by report when it is a one-word name to be
/// linked report by report, and by kind when the tagger read it as two
/// kinds often enough ("Washington" the tennis player and the city).
struct Keys<'a> {
    by_report: &'a HashSet<String>,
    kinds: &'a HashMap<String, Vec<Kind>>,
}

impl Keys<'_> {
    /// The key of a name in report `d` read as `kind`, and the spelling it
    /// was split from, if it was.
    fn key(&self, base: String, d: usize, kind: Kind) -> (String, Option<String>) {
        let mut key = base.clone();
        let mut split = false;
        if let Some(kinds) = self.kinds.get(&base) {
            let k = if kinds.contains(&kind) {
                kind
            } else {
                kinds[0]
            };
            key = format!("{key}#{}", k.as_str());
        }
        if self.by_report.contains(&base) {
            key = format!("{key}@{d}");
            split = true;
        }
        (key, split.then_some(base))
    }
}

/// Groups candidates by spelling (see [`Keys`]).
fn spellings(docs: &[Doc], base_keys: &[Vec<String>], keys: &Keys) -> Spellings {
    let mut out = Spellings {
        groups: Vec::new(),
        by_key: HashMap::new(),
        generics: Vec::new(),
        defined: Vec::new(),
        parts: HashMap::new(),
    };
    for (d, doc) in docs.iter().enumerate() {
        for (c, base_key) in doc.candidates.iter().zip(&base_keys[d]) {
            let (key, base) = match &c.found {
                Found::Generic => {
                    out.generics.push((d, c.span, fold(&c.text)));
                    continue;
                }
                Found::Quantity(..) => (base_key.clone(), None),
                Found::Name => keys.key(base_key.clone(), d, c.votes.winner()),
            };
            let groups = &mut out.groups;
            let gi = *out.by_key.entry(key).or_insert_with(|| {
                groups.push(Group::default());
                if let Some(b) = base {
                    out.parts.entry(b).or_default().push(groups.len() - 1);
                }
                groups.len() - 1
            });
            let grp = &mut out.groups[gi];
            *grp.surfaces.entry(c.text.clone()).or_default() += 1;
            grp.named.insert(c.text.clone());
            grp.mentions.push((d, c.span));
            grp.docs.insert(d);
            grp.votes.add(c.votes);
            grp.evidence.extend(c.evidence.iter().cloned());
            grp.canonical = grp.canonical.or(c.canonical);
            if !c.weak {
                grp.strong += 1;
            }
            if let Found::Quantity(kind, v) = &c.found {
                grp.quantity = Some((*kind, v.clone()));
            }
            if let Some(acr) = &c.defines {
                out.defined.push((gi, acr.clone(), d));
            }
        }
    }
    out
}

/// Each candidate's spelling key, worked out once: "n:…" for a name, the
/// kind and value for a date or number, nothing for a generic reference.
fn spelling_keys(docs: &[Doc]) -> Vec<Vec<String>> {
    docs.iter()
        .map(|doc| {
            doc.candidates
                .iter()
                .map(|c| match &c.found {
                    Found::Generic => String::new(),
                    Found::Quantity(kind, v) => format!("{}:{v}", kind.as_str()),
                    Found::Name => format!("n:{}", name_key(&c.text, c.canonical)),
                })
                .collect()
        })
        .collect()
}

/// Spellings read as a place often enough and as an organization often
/// enough (at least three times and a quarter of their mentions each): a
/// city and its team, a country and its government. A person's name read
/// now and then as something else is one name misread, decided by its
/// majority.
fn kinds_by_spelling(docs: &[Doc], base_keys: &[Vec<String>]) -> HashMap<String, Vec<Kind>> {
    let mut counts: HashMap<&str, BTreeMap<Kind, usize>> = HashMap::new();
    for (doc, keys) in docs.iter().zip(base_keys) {
        for (c, key) in doc.candidates.iter().zip(keys) {
            if c.found == Found::Name {
                *counts
                    .entry(key.as_str())
                    .or_default()
                    .entry(c.votes.winner())
                    .or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter_map(|(key, by_kind)| {
            let total: usize = by_kind.values().sum();
            if by_kind.contains_key(&Kind::Person) {
                return None;
            }
            let mut real: Vec<(Kind, usize)> = by_kind
                .into_iter()
                .filter(|(_, n)| *n >= 3 && n * 4 >= total)
                .collect();
            real.sort_by_key(|(k, n)| (std::cmp::Reverse(*n), *k));
            (real.len() > 1).then(|| (key.to_string(), real.into_iter().map(|(k, _)| k).collect()))
        })
        .collect()
}

/// Each report's story, from the spellings of the names they share (the
/// grouping `nlp::align` lines claims up in). A surname alone ("Bush") says
/// nothing of the story: it may be a different person in each.
fn stories(groups: &[Group], reports: usize) -> Vec<u32> {
    let surnames: HashSet<String> = groups
        .iter()
        .filter(|g| g.words() >= 2 && g.quantity.is_none() && g.votes.winner() == Kind::Person)
        .map(|g| fold(last_word(g.best_surface())))
        .collect();
    let mut names: Vec<Vec<u32>> = vec![Vec::new(); reports];
    for (gi, grp) in groups.iter().enumerate() {
        if grp.quantity.is_some()
            || (grp.words() == 1 && surnames.contains(&fold(grp.best_surface())))
        {
            continue;
        }
        for (d, _) in &grp.mentions {
            names[*d].push(gi as u32);
        }
    }
    crate::nlp::align::Stories::new(&names).groups()
}

/// Groups every report's candidates into entities.
pub fn resolve(docs: &[Doc]) -> (Vec<Resolved>, Vec<Suggestion>) {
    let g = Gazetteer::get();
    let base_keys = spelling_keys(docs);
    let kinds = kinds_by_spelling(docs, &base_keys);
    let no_split = HashSet::new();
    let first = spellings(
        docs,
        &base_keys,
        &Keys {
            by_report: &no_split,
            kinds: &kinds,
        },
    );
    let story = stories(&first.groups, docs.len());
    // A one-word name ("Bush") may stand for different full names in
    // different reports: it is linked to a full name report by report.
    let outlets: HashSet<String> = docs
        .iter()
        .filter_map(|d| d.outlet.as_deref())
        .flat_map(|o| {
            let o = strip_the(o);
            [
                format!("n:{}", name_key(o, None)),
                format!("n:{}", name_key(last_word(o), None)),
            ]
        })
        .collect();
    let split: HashSet<String> = first
        .by_key
        .iter()
        .filter(|(key, gi)| {
            let grp = &first.groups[**gi];
            key.starts_with("n:")
                && grp.words() == 1
                && grp.canonical.is_none()
                && !outlets.contains(*key)
                && grp.docs.len() > 1
        })
        .map(|(key, _)| key.clone())
        .collect();
    let Spellings {
        mut groups,
        by_key,
        generics,
        defined,
        parts,
    } = if split.is_empty() {
        first
    } else {
        spellings(
            docs,
            &base_keys,
            &Keys {
                by_report: &split,
                kinds: &kinds,
            },
        )
    };

    // The outlets themselves are organizations, and "the Sentinel" in The
    // Bay Sentinel's own report is The Bay Sentinel.
    for (d, doc) in docs.iter().enumerate() {
        let Some(outlet) = &doc.outlet else { continue };
        let outlet = strip_the(outlet);
        if let Some(&gi) = by_key.get(&format!("n:{}", name_key(outlet, None))) {
            groups[gi].votes.organization += 4;
            groups[gi].evidence.insert("a report's outlet".into());
        }
        let last = last_word(outlet);
        if last != outlet
            && let Some(&gi) = by_key.get(&format!("n:{}", name_key(last, None)))
            && groups[gi].in_doc(d)
            && groups[gi].canonical.is_none()
        {
            groups[gi].votes.organization += 4;
            groups[gi]
                .evidence
                .insert(format!("short for {outlet}, the report's outlet"));
            groups[gi].outlet = Some(outlet.to_string());
        }
    }

    let mut sets = Sets::new(groups.len());
    let mut suggestions = Vec::new();
    link_acronyms(&groups, &by_key, &defined, &mut sets);
    link_short_forms(&groups, g, &story, &mut sets);
    link_middle_names(&groups, &story, &mut sets);
    link_given_name_forms(&groups, &story, &mut sets);
    link_fuller_names(&groups, g, &story, &mut sets);
    link_near_spellings(&mut groups, &mut sets, &mut suggestions);
    link_dates(&groups, &mut sets);
    // The parts of a split spelling that joined no full name are one entity
    // again: nothing tells them apart.
    let mut size: HashMap<usize, usize> = HashMap::new();
    for gi in 0..groups.len() {
        *size.entry(sets.find(gi)).or_default() += 1;
    }
    for list in parts.values() {
        let alone: Vec<usize> = list
            .iter()
            .copied()
            .filter(|&gi| size.get(&sets.find(gi)) == Some(&1))
            .collect();
        for w in alone.windows(2) {
            sets.union(w[0], w[1]);
        }
    }

    // Components of groups.
    let mut components: HashMap<usize, Vec<usize>> = HashMap::new();
    for gi in 0..groups.len() {
        components.entry(sets.find(gi)).or_default().push(gi);
    }
    let mut entities: Vec<Group> = components
        .into_values()
        .map(|members| Group::from_groups(&groups, members))
        .collect();

    attach_generics(&mut entities, docs, &generics, &story);
    scan_known_names(&mut entities, docs);
    scan_translations(&mut entities, docs);

    let mut out: Vec<Resolved> = entities
        .into_iter()
        .filter(|e| e.keep())
        .map(|e| e.finish(docs))
        .collect();
    out.sort_by(|a, b| {
        let sources = |r: &Resolved| r.mentions.iter().map(|m| m.0).collect::<HashSet<_>>().len();
        sources(b)
            .cmp(&sources(a))
            .then(b.mentions.len().cmp(&a.mentions.len()))
            .then(a.name.cmp(&b.name))
    });
    let names: HashSet<&str> = out.iter().map(|e| e.name.as_str()).collect();
    suggestions.retain(|s: &Suggestion| {
        names.contains(s.keep.as_str()) && names.contains(s.merge.as_str())
    });
    (out, suggestions)
}

fn link_acronyms(
    groups: &[Group],
    by_key: &HashMap<String, usize>,
    defined: &[(usize, String, usize)],
    sets: &mut Sets,
) {
    for (gi, acr, d) in defined {
        let key = format!("n:{}", name_key(acr, None));
        let here = format!("{key}@{d}");
        if let Some(&ai) = by_key.get(&here).or_else(|| by_key.get(&key)) {
            sets.union(*gi, ai);
        }
    }
    let mut by_initials: HashMap<String, Vec<usize>> = HashMap::new();
    for (gi, grp) in groups.iter().enumerate() {
        if grp.quantity.is_none() && grp.words() >= 2 && grp.votes.winner() == Kind::Organization {
            by_initials
                .entry(initials(grp.best_surface()))
                .or_default()
                .push(gi);
        }
    }
    for (gi, grp) in groups.iter().enumerate() {
        let s = grp.best_surface();
        if grp.canonical.is_some() || !is_acronym(s) {
            continue;
        }
        if let Some([one]) = by_initials.get(&s.replace('.', "")).map(Vec::as_slice) {
            sets.union(*one, gi);
        }
    }
}

/// "Kanter" for Elizabeth Kanter, "Courier" for The Calder Courier.
/// Each group's stories, worked out once: linking asks for them pair by pair.
fn stories_of_groups(groups: &[Group], story: &[u32]) -> Vec<HashSet<u32>> {
    groups
        .iter()
        .map(|grp| {
            grp.docs
                .iter()
                .filter_map(|d| story.get(*d).copied())
                .collect()
        })
        .collect()
}

fn link_short_forms(groups: &[Group], g: &Gazetteer, story: &[u32], sets: &mut Sets) {
    let in_stories = stories_of_groups(groups, story);
    let mut by_last: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
    for (gi, grp) in groups.iter().enumerate() {
        if grp.quantity.is_some() || grp.words() < 2 {
            continue;
        }
        let kind = grp.votes.winner();
        let surface = grp.best_surface();
        let last = last_word(surface);
        if kind == Kind::Person && g.is_given_name(first_word(surface)) {
            by_first
                .entry(fold(first_word(surface)))
                .or_default()
                .push(gi);
        }
        if kind == Kind::Person || (kind == Kind::Organization && g.is_org_head(last)) {
            by_last.entry(fold(last)).or_default().push(gi);
        }
        let first = first_word(surface);
        // "Tarnwell" for Tarnwell Aviation Services: a firm by its own name.
        if kind == Kind::Organization
            && !crate::corpus::glue::is_known_word(&first.to_lowercase())
            && !g.is_org_head(first)
            && g.lookup(first).is_none()
        {
            by_last.entry(fold(first)).or_default().push(gi);
        }
        // Family name first ("Zhao Lijian"): "Zhao" is short for it too.
        if kind == Kind::Person
            && surface.split(' ').count() == 2
            && !g.is_given_name(first)
            && g.is_given_name(last)
        {
            by_last.entry(fold(first)).or_default().push(gi);
        }
    }
    for (gi, grp) in groups.iter().enumerate() {
        // A place named inside an organization's name is the place, not the
        // organization ("Ormeport" in Ormeport Maritime Safety Board).
        // But an unlisted word read as a place in a report that names a
        // person with that surname is the person ("said Zadan and Meron").
        let place = grp.votes.winner() == Kind::Place;
        if grp.quantity.is_some()
            || grp.words() != 1
            || grp.canonical.is_some()
            || (place && g.lookup(grp.best_surface()).is_some())
        {
            continue;
        }
        let Some(full) = by_last.get(&fold(grp.best_surface())) else {
            continue;
        };
        // The one full name of the same report, or else of the same story:
        // "Bush" in a football report is not the president of another story.
        let in_report: Vec<usize> = full
            .iter()
            .copied()
            .filter(|&f| grp.docs.iter().any(|d| groups[f].docs.contains(d)))
            .filter(|&f| !place || groups[f].votes.winner() == Kind::Person)
            .collect();
        if place {
            let roots: HashSet<usize> = in_report.iter().map(|&f| sets.find(f)).collect();
            if roots.len() == 1 {
                sets.union(in_report[0], gi);
            }
            continue;
        }
        let here = &in_stories[gi];
        // A given name alone ("Lindsay") only for the one full name of the
        // same report that starts with it.
        if in_report.is_empty()
            && let Some(firsts) = by_first.get(&fold(grp.best_surface()))
        {
            let mine: Vec<usize> = firsts
                .iter()
                .copied()
                .filter(|&f| grp.docs.iter().any(|d| groups[f].docs.contains(d)))
                .collect();
            let roots: HashSet<usize> = mine.iter().map(|&f| sets.find(f)).collect();
            if roots.len() == 1 && grp.votes.winner() == Kind::Person {
                sets.union(mine[0], gi);
                continue;
            }
        }
        let in_story: Vec<usize> = full
            .iter()
            .copied()
            .filter(|&f| story.is_empty() || !in_stories[f].is_disjoint(here))
            .collect();
        for candidates in [in_report, in_story] {
            let roots: HashSet<usize> = candidates.iter().map(|&f| sets.find(f)).collect();
            if roots.len() == 1 {
                sets.union(candidates[0], gi);
                break;
            }
            if roots.len() > 1 {
                break;
            }
        }
    }
}

/// "John Henry" for John W. Henry, "Luann Johnson" for LuAnn Marie Johnson:
/// a first and last name with the middle left out, when one such full name
/// is in the same story.
fn link_middle_names(groups: &[Group], story: &[u32], sets: &mut Sets) {
    let ends = |grp: &Group| -> Option<(String, String, usize)> {
        let words: Vec<&str> = grp.best_surface().split(' ').collect();
        (words.len() >= 2).then(|| {
            (
                fold(words[0].trim_end_matches('.')),
                fold(words[words.len() - 1]),
                words.len(),
            )
        })
    };
    let mut longer: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (gi, grp) in groups.iter().enumerate() {
        if grp.quantity.is_some() || grp.votes.winner() != Kind::Person {
            continue;
        }
        if let Some((first, last, n)) = ends(grp)
            && n >= 3
        {
            longer.entry((first, last)).or_default().push(gi);
        }
    }
    let in_stories = stories_of_groups(groups, story);
    for (gi, grp) in groups.iter().enumerate() {
        if grp.quantity.is_some() || grp.votes.winner() != Kind::Person {
            continue;
        }
        let Some((first, last, 2)) = ends(grp) else {
            continue;
        };
        let Some(full) = longer.get(&(first, last)) else {
            continue;
        };
        let here = &in_stories[gi];
        let near: Vec<usize> = full
            .iter()
            .copied()
            .filter(|&f| !in_stories[f].is_disjoint(here))
            .collect();
        let roots: HashSet<usize> = near.iter().map(|&f| sets.find(f)).collect();
        if roots.len() == 1 {
            sets.union(near[0], gi);
        }
    }
}

/// "Staunton Police" for the Staunton Police Department, "Qeshm" for Qeshm
/// Island, "Promises Treatment Center" for Malibu Promises Treatment Center:
/// a body or a place named without its last head word or without the place
/// in front, in the same story, and of the same kind (the town of Staunton
/// is not its police).
fn link_fuller_names(groups: &[Group], g: &Gazetteer, story: &[u32], sets: &mut Sets) {
    let in_stories = stories_of_groups(groups, story);
    let body = |grp: &Group| {
        grp.quantity.is_none()
            && grp.canonical.is_none()
            && matches!(grp.votes.winner(), Kind::Organization | Kind::Place)
    };
    let key = |words: &[&str]| words.iter().map(|w| fold(w)).collect::<Vec<_>>().join(" ");
    // Each longer name under the shorter names it may go by.
    let mut longer: HashMap<String, Vec<usize>> = HashMap::new();
    for (gi, grp) in groups.iter().enumerate() {
        if !body(grp) || grp.words() < 2 {
            continue;
        }
        let words: Vec<&str> = strip_the(grp.best_surface()).split(' ').collect();
        let head = |w: &str| g.is_org_head(w) || g.is_place_head(w);
        if words.last().is_some_and(|w| head(w)) {
            longer
                .entry(key(&words[..words.len() - 1]))
                .or_default()
                .push(gi);
        }
        if words.len() >= 3 && g.lookup(words[0]).is_some_and(|e| e.known == Known::Place) {
            longer.entry(key(&words[1..])).or_default().push(gi);
        }
    }
    // A shorter name joins the one longer name of its kind in its story.
    for (o, grp) in groups.iter().enumerate() {
        if !body(grp) {
            continue;
        }
        let words: Vec<&str> = strip_the(grp.best_surface()).split(' ').collect();
        let Some(found) = longer.get(&key(&words)) else {
            continue;
        };
        let near: Vec<usize> = found
            .iter()
            .copied()
            .filter(|&gi| {
                gi != o
                    && groups[gi].votes.winner() == grp.votes.winner()
                    && (story.is_empty() || !in_stories[o].is_disjoint(&in_stories[gi]))
            })
            .collect();
        let roots: HashSet<usize> = near.iter().map(|&gi| sets.find(gi)).collect();
        if roots.len() == 1 {
            sets.union(near[0], o);
        }
    }
}

/// Whether two given names may be forms of one: "Jon" and "John" (a letter
/// apart), "Chris" and "Christopher" (one starts the other), "Mo" and
/// "Maurice" (a two-letter short form with the same first letter). "Alexis"
/// and "Alexandros", or "Alexander" and "Alexandra", stay apart: without a
/// list of nicknames they may be two people.
fn given_name_forms(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim_end_matches('.'), b.trim_end_matches('.'));
    if a == b || a.chars().next() != b.chars().next() {
        return false;
    }
    let (short, long) = if a.chars().count() <= b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    let (n, m) = (short.chars().count(), long.chars().count());
    // A letter added or dropped ("Jon", "John"); a letter changed only in
    // long names ("Heidar", "Heydar"): "Dan" and "Don", "Maria" and
    // "Marie" are other people.
    (n >= 3 && one_letter_apart(a, b) && (n != m || n >= 6))
        || (n >= 3 && long.starts_with(short))
        || n == 2
}

/// "Chris Hale" and "Christopher Hale", "Mo Cheeks" and "Maurice Cheeks":
/// two forms of one given name with one surname, in one
/// story, even side by side in one report ("Maurice Cheeks ... Mo Cheeks").
/// People of one family in one story have different given names ("Serena"
/// and "Venus Williams"), which stay apart.
fn link_given_name_forms(groups: &[Group], story: &[u32], sets: &mut Sets) {
    let in_stories = stories_of_groups(groups, story);
    let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
    for (gi, grp) in groups.iter().enumerate() {
        let surface = grp.best_surface();
        if grp.quantity.is_some()
            || grp.votes.winner() != Kind::Person
            || surface.split(' ').count() != 2
        {
            continue;
        }
        let surname = fold(last_word(surface));
        if surname.chars().count() >= 4 {
            by_surname.entry(surname).or_default().push(gi);
        }
    }
    for list in by_surname.values() {
        for (i, &a) in list.iter().enumerate() {
            for &b in &list[i + 1..] {
                let (x, y) = (groups[a].best_surface(), groups[b].best_surface());
                if !in_stories[a].is_disjoint(&in_stories[b])
                    && given_name_forms(&fold(first_word(x)), &fold(first_word(y)))
                {
                    sets.union(a, b);
                }
            }
        }
    }
}

/// A lone word one letter from the surnames of more people than this is
/// neither merged nor offered.
const MAX_NEAR_PEOPLE: usize = 3;

/// "Kantor" beside "Elizabeth Kanter"; "Teodor Brandvolt" beside "Teodor Brandvold".
fn link_near_spellings(groups: &mut [Group], sets: &mut Sets, suggestions: &mut Vec<Suggestion>) {
    // Full names by surname, and surnames by every spelling of them with one
    // letter dropped: two words one edit apart share such a key, so only
    // those are compared, surname by surname (many people share one).
    let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
    for (gi, grp) in groups.iter().enumerate() {
        let full = grp.best_surface();
        if grp.quantity.is_some() || grp.votes.winner() != Kind::Person || !full.contains(' ') {
            continue;
        }
        let surname = fold(last_word(full));
        if surname.chars().count() >= 5 {
            by_surname.entry(surname).or_default().push(gi);
        }
    }
    let mut by_key: HashMap<String, Vec<&str>> = HashMap::new();
    for surname in by_surname.keys() {
        for k in deletions(surname) {
            by_key.entry(k).or_default().push(surname);
        }
    }
    // Full names whose surname is one letter from `word`, in group order,
    // worked out once per word.
    let mut memo: HashMap<String, Vec<usize>> = HashMap::new();
    let mut near = |word: &str| -> Vec<usize> {
        if let Some(found) = memo.get(word) {
            return found.clone();
        }
        let surnames: BTreeSet<&str> = deletions(word)
            .iter()
            .filter_map(|k| by_key.get(k))
            .flatten()
            .copied()
            .filter(|s| one_letter_apart(word, s))
            .collect();
        let mut found: Vec<usize> = surnames
            .iter()
            .filter_map(|s| by_surname.get(*s))
            .flatten()
            .copied()
            .collect();
        found.sort_unstable();
        found.dedup();
        memo.insert(word.to_string(), found.clone());
        found
    };
    // Each group's name and its number of words, worked out once: a common
    // surname is compared with many groups.
    let surface: Vec<(&str, usize)> = groups
        .iter()
        .map(|g| {
            let s = g.best_surface();
            (s, s.split(' ').count())
        })
        .collect();
    let mut merges = Vec::new();
    for (gi, grp) in groups.iter().enumerate() {
        if grp.quantity.is_some() || grp.canonical.is_some() {
            continue;
        }
        let kind = grp.votes.winner();
        let this = grp.best_surface();
        let words = this.split(' ').count();
        let single = words == 1 && matches!(kind, Kind::Person | Kind::Other);
        let full = words >= 2 && matches!(kind, Kind::Person | Kind::Other);
        if !single && !full {
            continue;
        }
        let word = fold(last_word(this));
        // A lone word one letter from the surnames of two different people
        // could be either of them: it is only offered, never merged.
        // One near many people is no suggestion worth a reader's time.
        let mut targets: Vec<usize> = Vec::new();
        if single {
            let me = sets.find(gi);
            let mut roots = HashSet::new();
            for p in near(&word) {
                let root = sets.find(p);
                if p != gi && root != me && roots.insert(root) {
                    targets.push(p);
                }
                if targets.len() > MAX_NEAR_PEOPLE {
                    break;
                }
            }
            if targets.len() > MAX_NEAR_PEOPLE {
                continue;
            }
        }
        let ambiguous = targets.len() > 1;
        let candidates = if single { targets.clone() } else { near(&word) };
        for p in candidates {
            if full && (p >= gi || surface[p].1 != words) {
                continue;
            }
            if p == gi || sets.find(p) == sets.find(gi) {
                continue;
            }
            let other = surface[p].0;
            let surname = last_word(other);
            if full {
                // "Teodor Brandvolt" and "Teodor Brandvold": same given
                // name, or one a letter apart ("Heidar Alishvandi", "Heydar
                // Alishbandi").
                let (f, o) = (first_word(this), first_word(other));
                if f == o || (f.chars().count() >= 4 && one_letter_apart(&fold(f), &fold(o))) {
                    merges.push((p, gi, format!("{this} is {other} with one letter changed")));
                }
                continue;
            }
            let together = grp.mentions.iter().any(|(d, _)| groups[p].in_doc(*d));
            if together && !ambiguous {
                merges.push((
                    p,
                    gi,
                    format!("{this} is {surname} with one letter changed, in a report that names {other}"),
                ));
            } else {
                suggestions.push(Suggestion {
                    keep: other.to_string(),
                    merge: this.to_string(),
                    reason: format!("{this} is {surname} with one letter changed"),
                });
            }
        }
    }
    for (keep, other, why) in merges {
        sets.union(keep, other);
        groups[keep].evidence.insert(why);
        // A misspelled surname is a person, whatever its lone context said.
        let v = groups[other].votes;
        groups[keep].votes.person += v.organization + v.place;
    }
}

/// The word and every form of it with one letter dropped.
fn deletions(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut out = vec![word.to_string()];
    for i in 0..chars.len() {
        out.push(
            chars
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, c)| c)
                .collect(),
        );
    }
    out
}

/// "12 March" with no year joins the one dated 12 March in the corpus.
fn link_dates(groups: &[Group], sets: &mut Sets) {
    let mut by_day: HashMap<&str, Vec<usize>> = HashMap::new();
    for (gi, grp) in groups.iter().enumerate() {
        if let Some((Kind::Date, v)) = &grp.quantity
            && v.len() == 10
            && !v.starts_with("--")
        {
            by_day.entry(&v[5..]).or_default().push(gi);
        }
    }
    for (gi, grp) in groups.iter().enumerate() {
        if let Some((Kind::Date, v)) = &grp.quantity
            && let Some(day) = v.strip_prefix("--")
            && let Some([one]) = by_day.get(day).map(Vec::as_slice)
        {
            sets.union(*one, gi);
        }
    }
}

impl Group {
    fn from_groups(groups: &[Group], members: Vec<usize>) -> Group {
        let mut e = Group::default();
        for gi in members {
            let grp = &groups[gi];
            for (s, n) in &grp.surfaces {
                *e.surfaces.entry(s.clone()).or_default() += n;
            }
            e.named.extend(grp.named.iter().cloned());
            e.mentions.extend(grp.mentions.iter().copied());
            e.docs.extend(grp.docs.iter().copied());
            e.votes.add(grp.votes);
            e.evidence.extend(grp.evidence.iter().cloned());
            e.canonical = e.canonical.or(grp.canonical);
            e.strong += grp.strong;
            e.outlet = e.outlet.take().or(grp.outlet.clone());
            if e.quantity.is_none() {
                e.quantity = grp.quantity.clone();
            }
        }
        e
    }

    fn kind(&self) -> Kind {
        match &self.quantity {
            Some((k, _)) => *k,
            None => self.votes.winner(),
        }
    }

    fn add(&mut self, doc: usize, span: Span, surface: &str, why: Option<String>) {
        self.mentions.push((doc, span));
        self.docs.insert(doc);
        *self.surfaces.entry(surface.to_string()).or_default() += 1;
        if let Some(w) = why {
            self.evidence.insert(w);
        }
    }

    /// Junk is a lone capitalized word with nothing to say it is a name.
    fn keep(&self) -> bool {
        if self.mentions.is_empty() {
            return false;
        }
        if self.quantity.is_some() {
            return true;
        }
        if self.strong == 0 && self.kind() == Kind::Other {
            return false;
        }
        let all_words = self
            .surfaces
            .keys()
            .all(|s| !s.contains(' ') && crate::corpus::glue::is_known_word(&s.to_lowercase()));
        // "Analysts said": a word that only ever opens sentences is no name.
        let only_opening = self.strong == 0 && self.canonical.is_none();
        !(all_words && (self.kind() == Kind::Other || only_opening))
    }

    fn name(&self) -> String {
        if let Some(c) = self.canonical {
            return c.to_string();
        }
        if let Some(o) = &self.outlet
            && !self.named.iter().any(|n| n.contains(' '))
        {
            return o.clone();
        }
        let kind = self.kind();
        if let Some((Kind::Date, value)) = &self.quantity
            && self.named.iter().all(|s| is_relative_date(s))
        {
            return value.clone();
        }
        self.surfaces
            .iter()
            .filter(|(s, _)| self.named.contains(*s) || self.named.is_empty())
            .filter(|(s, _)| kind != Kind::Date || !is_relative_date(s))
            .filter(|(s, _)| {
                s.chars().next().is_some_and(char::is_uppercase)
                    || self.quantity.is_some()
                    || !self
                        .named
                        .iter()
                        .any(|n| n.chars().next().is_some_and(char::is_uppercase))
            })
            .max_by_key(|(s, n)| {
                // "The Harbor Safety Commission" is no longer a name than
                // "Harbor Safety Commission".
                let words = strip_the(s).split(' ').count();
                let acronym = is_acronym(s);
                match kind {
                    Kind::Date | Kind::Number => (1, **n, 0),
                    Kind::Person => (usize::from(words >= 2), **n, words),
                    _ => (usize::from(!acronym), words.min(6), **n),
                }
            })
            .or_else(|| self.surfaces.iter().max_by_key(|(_, n)| **n))
            .map_or_else(String::new, |(s, _)| s.clone())
    }

    fn finish(mut self, docs: &[Doc]) -> Resolved {
        let name = self.name();
        let kind = self.kind();
        self.mentions.sort_by_key(|(d, s)| (*d, s.start));
        self.mentions.dedup();
        let mut aliases: Vec<(String, usize)> = self.surfaces.into_iter().collect();
        aliases.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut evidence: Vec<String> = self.evidence.into_iter().collect();
        evidence.sort_by_key(|e| {
            std::cmp::Reverse(e.contains("one letter") || e.contains("stands for"))
        });
        evidence.truncate(8);
        Resolved {
            name,
            kind,
            aliases: aliases.into_iter().map(|(s, _)| s).collect(),
            mentions: self
                .mentions
                .into_iter()
                .map(|(d, s)| (docs[d].id, s))
                .collect(),
            evidence,
            value: self.quantity.map(|(_, v)| v),
        }
    }
}

/// "Thursday", "last month": a date named relative to the report.
fn is_relative_date(s: &str) -> bool {
    let first = first_word(s);
    crate::nlp::quantities::is_calendar_word(first) && !s.chars().any(|c| c.is_ascii_digit())
        || matches!(first, "last" | "next" | "this" | "yesterday" | "today")
}

/// Places that qualify a lowercase body into a name of its own: "the city council".
const LOCAL: &[&str] = &[
    "city",
    "town",
    "county",
    "state",
    "district",
    "regional",
    "municipal",
    "parish",
    "village",
];

/// "the port authority" joins the only named port authority; "the city
/// council" stands for itself when none is named.
fn attach_generics(
    entities: &mut Vec<Group>,
    docs: &[Doc],
    generics: &[(usize, Span, String)],
    story: &[u32],
) {
    let mut own: HashMap<String, usize> = HashMap::new();
    for (d, span, phrase) in generics {
        if phrase.split(' ').count() == 2 && LOCAL.contains(&first_word(phrase)) {
            let at = *own.entry(phrase.clone()).or_insert_with(|| {
                entities.push(Group {
                    named: BTreeSet::from([phrase.clone()]),
                    votes: Votes {
                        organization: 2,
                        ..Votes::default()
                    },
                    evidence: BTreeSet::from(["a local body named by what it is".to_string()]),
                    strong: 1,
                    ..Group::default()
                });
                entities.len() - 1
            });
            entities[at].add(*d, *span, &docs[*d].text[span.range()], None);
        }
    }
    let mut tails: HashMap<String, Vec<usize>> = HashMap::new();
    for (ei, e) in entities.iter().enumerate() {
        if e.kind() != Kind::Organization {
            continue;
        }
        let mut seen = HashSet::new();
        for s in e.surfaces.keys() {
            let words: Vec<String> = s.split(' ').map(fold).collect();
            if words.len() < 2 && !own.values().any(|&o| o == ei) {
                continue;
            }
            for n in 1..=2.min(words.len()) {
                let tail = words[words.len() - n..].join(" ");
                if seen.insert(tail.clone()) {
                    tails.entry(tail).or_default().push(ei);
                }
            }
            // "the ministry" for the Ministry of Transport.
            if let Some(of) = words.iter().position(|w| w == "of")
                && of > 0
                && seen.insert(words[of - 1].clone())
            {
                tails.entry(words[of - 1].clone()).or_default().push(ei);
            }
        }
    }
    for (d, span, phrase) in generics {
        if own.contains_key(phrase) {
            continue;
        }
        let text = &docs[*d].text[span.range()];
        // Try the two-word phrase, then its head alone.
        let head = last_word(phrase).to_string();
        let (found, used) = match tails.get(phrase.as_str()) {
            Some(c) => (c.clone(), phrase.clone()),
            None => (tails.get(&head).cloned().unwrap_or_default(), head.clone()),
        };
        let in_doc: Vec<usize> = found
            .iter()
            .copied()
            .filter(|&ei| entities[ei].in_doc(*d))
            .collect();
        // Else the one such body of the same story, never of another event.
        let found: Vec<usize> = found
            .into_iter()
            .filter(|&ei| {
                story.is_empty()
                    || entities[ei]
                        .docs
                        .iter()
                        .any(|&o| story.get(o) == story.get(*d))
            })
            .collect();
        let pick = match (in_doc.as_slice(), found.as_slice()) {
            ([one], _) | ([], [one]) => Some(*one),
            _ => None,
        };
        if let Some(ei) = pick {
            // Only the words that name the body become the mention.
            let start = span.end - used.len().min(span.len());
            let span = if text.len() > used.len() && fold(&docs[*d].text[start..span.end]) == used {
                Span::new(start, span.end)
            } else {
                *span
            };
            let name = entities[ei].name();
            entities[ei].add(
                *d,
                span,
                &docs[*d].text[span.range()],
                Some(format!(
                    "\"the {used}\" refers to {name}, the only one named"
                )),
            );
        }
    }
}

/// Finds every further occurrence of a known name: at sentence starts, in
/// headlines, and in reports that never gave the evidence themselves.
fn scan_known_names(entities: &mut [Group], docs: &[Doc]) {
    let g = Gazetteer::get();
    let mut patterns: Vec<String> = Vec::new();
    let mut owner: Vec<usize> = Vec::new();
    let mut seen: HashMap<String, Option<usize>> = HashMap::new();
    for (ei, e) in entities.iter().enumerate() {
        if e.quantity.is_some() || !e.keep() {
            continue;
        }
        for s in e.surfaces.keys() {
            // A lone dictionary word ("Lord", "Green") is a name only where
            // the tagger read it as one.
            if s.chars().count() < 3
                || !s.chars().next().is_some_and(char::is_uppercase)
                || crate::nlp::quantities::is_calendar_word(s)
                || g.is_role(s)
                || (!s.contains(' ') && crate::corpus::glue::is_known_word(&s.to_lowercase()))
            {
                continue;
            }
            // A spelling shared by two entities belongs to neither here.
            match seen.get(s) {
                Some(Some(o)) if *o != ei => {
                    seen.insert(s.clone(), None);
                }
                None => {
                    seen.insert(s.clone(), Some(ei));
                }
                _ => {}
            }
        }
    }
    for (s, o) in seen {
        if let Some(o) = o {
            patterns.push(s);
            owner.push(o);
        }
    }
    if patterns.is_empty() {
        return;
    }
    let Ok(ac) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
    else {
        return;
    };
    let all: Vec<(usize, Span)> = entities
        .iter()
        .flat_map(|e| e.mentions.iter().copied())
        .collect();
    let mut by_doc: HashMap<usize, Vec<Span>> = HashMap::new();
    for (d, s) in all {
        by_doc.entry(d).or_default().push(s);
    }
    for (d, doc) in docs.iter().enumerate() {
        let existing = by_doc.remove(&d).unwrap_or_default();
        let text = doc.text;
        for m in ac.find_iter(text) {
            let span = Span::new(m.start(), m.end());
            let before = text[..span.start].chars().next_back();
            let after = text[span.end..].chars().next();
            if before.is_some_and(|c| c.is_alphanumeric())
                || after.is_some_and(|c| c.is_alphanumeric() && !text[span.end..].starts_with("s'"))
            {
                continue;
            }
            if existing
                .iter()
                .any(|t| t.start < span.end && span.start < t.end)
            {
                continue;
            }
            let ei = owner[m.pattern().as_usize()];
            entities[ei].add(d, span, &text[span.range()], None);
        }
    }
}

/// "the authority of the port of Calder Haven", "the terminal of Eastmoor":
/// a translation that names a known body or place in another word order.
fn scan_translations(entities: &mut [Group], docs: &[Doc]) {
    let mut by_words: HashMap<Vec<String>, Vec<usize>> = HashMap::new();
    let mut heads: HashMap<String, Vec<(usize, Vec<String>)>> = HashMap::new();
    for (ei, e) in entities.iter().enumerate() {
        if e.quantity.is_some() || !matches!(e.kind(), Kind::Organization | Kind::Place) {
            continue;
        }
        for s in e.surfaces.keys() {
            let words = content_words(s);
            if words.len() >= 2 {
                heads
                    .entry(fold(last_word(s)))
                    .or_default()
                    .push((ei, words.clone()));
                by_words.entry(words).or_default().push(ei);
            }
        }
    }
    if heads.is_empty() {
        return;
    }
    // Mentions already made, so a name is not matched twice.
    let owned: HashSet<(usize, usize, usize)> = entities
        .iter()
        .enumerate()
        .flat_map(|(ei, e)| e.mentions.iter().map(move |(d, s)| (*d, s.start, ei)))
        .collect();
    // Report by report, on every core: this reads every word of the corpus.
    let found: Vec<(usize, Span, usize)> = docs
        .par_iter()
        .enumerate()
        .flat_map_iter(|(d, doc)| {
            let mut found = Vec::new();
            let text = doc.text;
            let words: Vec<(usize, usize)> = text
                .char_indices()
                .filter(|(i, c)| {
                    c.is_alphanumeric()
                        && !text[..*i]
                            .chars()
                            .next_back()
                            .is_some_and(char::is_alphanumeric)
                })
                .map(|(i, _)| {
                    let end = text[i..]
                        .find(|c: char| !c.is_alphanumeric())
                        .map_or(text.len(), |e| i + e);
                    (i, end)
                })
                .collect();
            let mut k = 0;
            while k < words.len() {
                let mut matched = None;
                for len in (3..=7).rev() {
                    if k + len > words.len() {
                        continue;
                    }
                    let window = &words[k..k + len];
                    let first = &text[window[0].0..window[0].1];
                    let last = &text[window[len - 1].0..window[len - 1].1];
                    // Cheap tests first: this runs for every word of the corpus.
                    if !last.chars().next().is_some_and(char::is_uppercase) {
                        continue;
                    }
                    let phrase = &text[window[0].0..window[len - 1].1];
                    let filler = |w: &str| FILLER.iter().any(|f| f.eq_ignore_ascii_case(w));
                    if !phrase.contains(" of ")
                        || filler(first)
                        || filler(last)
                        || !window.windows(2).all(|p| text[p[0].1..p[1].0] == *" ")
                    {
                        continue;
                    }
                    let cw = content_words(phrase);
                    let exact = by_words
                        .get(&cw)
                        .filter(|v| v.iter().all(|e| *e == v[0]))
                        .map(|v| v[0]);
                    let subset = || {
                        let fits: HashSet<usize> = cw
                            .iter()
                            .filter_map(|w| heads.get(w))
                            .flatten()
                            .filter(|(_, ws)| {
                                cw.len() >= 2
                                    && cw.len() < ws.len()
                                    && cw.iter().all(|w| ws.contains(w))
                            })
                            .map(|(ei, _)| *ei)
                            .collect();
                        (fits.len() == 1).then(|| fits.into_iter().next()).flatten()
                    };
                    if let Some(ei) = exact.or_else(subset) {
                        matched = Some((ei, Span::new(window[0].0, window[len - 1].1), len));
                        break;
                    }
                }
                match matched {
                    Some((ei, span, len)) if !owned.contains(&(d, span.start, ei)) => {
                        found.push((d, span, ei));
                        k += len;
                    }
                    _ => k += 1,
                }
            }
            found
        })
        .collect();
    // "Westbrook" inside "the school of Westbrook" was part of that name.
    let mut inside: HashMap<usize, Vec<Span>> = HashMap::new();
    for (d, span, _) in &found {
        inside.entry(*d).or_default().push(*span);
    }
    for e in entities.iter_mut() {
        e.mentions.retain(|(d, s)| {
            !inside
                .get(d)
                .is_some_and(|spans| spans.iter().any(|t| t.start <= s.start && s.end <= t.end))
        });
    }
    for (d, span, ei) in found {
        let text = &docs[d].text[span.range()];
        let name = entities[ei].name();
        entities[ei].add(
            d,
            span,
            text,
            Some(format!("\"{text}\" names {name} in another word order")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::{mentions, segment};

    fn run(texts: &[&str]) -> Vec<Resolved> {
        resolved(texts, Some("2022-07-29")).0
    }

    /// Entities and suggestions of reports published on `published`.
    fn resolved(texts: &[&str], published: Option<&str>) -> (Vec<Resolved>, Vec<Suggestion>) {
        let found: Vec<_> = texts
            .iter()
            .map(|t| mentions::find(t, &segment::segment(t), published))
            .collect();
        let docs: Vec<Doc> = texts
            .iter()
            .zip(&found)
            .enumerate()
            .map(|(i, (t, candidates))| Doc {
                id: SourceId(i as u32 + 1),
                text: t,
                candidates,
                outlet: None,
            })
            .collect();
        resolve(&docs)
    }

    fn find<'a>(es: &'a [Resolved], alias: &str) -> &'a Resolved {
        es.iter()
            .find(|e| e.aliases.iter().any(|a| a == alias))
            .unwrap_or_else(|| panic!("no entity for {alias}: {es:#?}"))
    }

    #[test]
    fn surnames_acronyms_and_near_spellings_merge() {
        let es = run(&[
            "Executives included Elizabeth Kanter, TikTok's head of government relations. The Federal Communications Commission (FCC) wrote to it.",
            "The company said Kanter declined. FCC commissioner Brendan Carr said so.",
            "Elizabeth Kanter was there. Kantor and Erich Andersen discussed the request.",
        ]);
        let kanter = find(&es, "Kantor");
        assert_eq!(kanter.name, "Elizabeth Kanter");
        assert_eq!(kanter.kind, Kind::Person);
        assert!(kanter.aliases.contains(&"Kanter".to_string()));
        let fcc = find(&es, "FCC");
        assert_eq!(fcc.name, "Federal Communications Commission");
        assert_eq!(fcc.kind, Kind::Organization);
        assert_eq!(fcc.mentions.len(), 3);
    }

    #[test]
    fn a_surname_joins_the_full_name_of_its_own_story_only() {
        // Two unrelated stories of one archive: a president's visit to a
        // shipyard, and a football match. "Bush" is a different man in each.
        let es = run(&[
            "President George Bush visited the Calloway shipyard in Norfolk on Monday. Bush praised the workers of the Calloway shipyard.",
            "At the Calloway shipyard in Norfolk, Mr. Bush said the contracts would stay.",
            "Reggie Bush scored twice as the Harlan Hawks beat the Dunmore Otters 31-10. Coach Dale Fenwick said the Hawks were tired.",
            "Fans of the Harlan Hawks cheered Mr. Bush after the win over the Dunmore Otters, coach Dale Fenwick said.",
        ]);
        let president = find(&es, "George Bush");
        let player = find(&es, "Reggie Bush");
        assert_ne!(president.name, player.name);
        let docs = |e: &Resolved| e.mentions.iter().map(|m| m.0.0).collect::<BTreeSet<u32>>();
        assert_eq!(docs(president), BTreeSet::from([1, 2]), "{es:#?}");
        assert_eq!(docs(player), BTreeSet::from([3, 4]), "{player:?}");
    }

    #[test]
    fn people_sharing_a_surname_stay_apart() {
        let es = run(&["John Carr met Brendan Carr. Carr said nothing."]);
        assert_ne!(find(&es, "John Carr").name, find(&es, "Brendan Carr").name);
        let es = run(&["Alexander Petrov and Alexandra Petrov ran the Petrov bakery in Dunmore."]);
        assert_ne!(
            find(&es, "Alexander Petrov").name,
            find(&es, "Alexandra Petrov").name
        );
    }

    #[test]
    fn a_body_named_without_its_head_word_is_the_same_body_but_not_its_town() {
        let es = run(&[
            "The Dunmore Police Department arrested a man on Friday after a fire at the Dunmore library.",
            "A spokesman for the Dunmore Police said the man was charged with arson. The library in Dunmore will stay shut.",
            "Crews fought the fire on Vessa Island for hours, and the ferry to Vessa stopped running.",
            "The blaze on Vessa Island was put out, officials said.",
        ]);
        let police = find(&es, "Dunmore Police Department");
        assert!(
            police.aliases.iter().any(|a| a == "Dunmore Police"),
            "{es:#?}"
        );
        assert!(!police.aliases.iter().any(|a| a == "Dunmore"), "{police:?}");
        let island = find(&es, "Vessa Island");
        assert!(island.aliases.iter().any(|a| a == "Vessa"), "{es:#?}");
    }

    #[test]
    fn forms_of_one_given_name_and_a_generational_suffix_are_one_person() {
        let es = run(&[
            "Christopher Hale, the Dunmore Otters coach, was fired on Monday after a losing season.",
            "The Dunmore Otters fired coach Chris Hale on Monday after a losing season.",
            "Jon Ferrel III, the Otters' owner, said the search for a coach would start at once.",
            "Otters owner Jon Ferrel said the search for a new coach began after Hale was fired.",
        ]);
        assert_eq!(
            find(&es, "Christopher Hale").name,
            find(&es, "Chris Hale").name,
            "{es:#?}"
        );
        let owner = find(&es, "Jon Ferrel");
        let docs: BTreeSet<u32> = owner.mentions.iter().map(|m| m.0.0).collect();
        assert_eq!(docs, BTreeSet::from([3, 4]), "{es:#?}");
        assert_eq!(
            name_key("Anthony Lacey III", None),
            name_key("Anthony Lacey", None)
        );
        assert_eq!(name_key("Martin Lacey Jr.", None), "martin lacey");
    }

    #[test]
    fn near_spelling_in_another_report_is_only_suggested() {
        let (es, suggestions) = resolved(
            &[
                "Dr. Miriam Okafor spoke.",
                "On Friday, Okafar declined to comment.",
            ],
            None,
        );
        assert_ne!(find(&es, "Okafar").name, "Miriam Okafor");
        assert_eq!(suggestions[0].keep, "Miriam Okafor");
        assert_eq!(suggestions[0].merge, "Okafar");
    }

    #[test]
    fn translated_word_order_and_generic_references() {
        let es = run(&[
            "The Harbor Safety Commission met. The Calder Haven Port Authority said the commission was wrong.",
            "The Commission of Safety of the Harbor was not told, and the port authority did not answer.",
        ]);
        let hsc = find(&es, "Commission of Safety of the Harbor");
        assert_eq!(hsc.name, "Harbor Safety Commission");
        let port = find(&es, "port authority");
        assert_eq!(port.name, "Calder Haven Port Authority");
    }
}
