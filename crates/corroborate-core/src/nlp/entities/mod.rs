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
use crate::nlp::mentions::{Candidate, Found, Kind, Votes, initials};
use crate::nlp::segment::fold;
use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

mod bodies;
mod linking;
mod scans;
#[cfg(test)]
mod tests;

use bodies::{
    link_acronyms, link_fuller_names, link_named_for_people, link_regional_spellings,
    link_web_addresses,
};
use linking::{
    link_dates, link_double_surnames, link_generations, link_given_name_forms, link_middle_names,
    link_near_spellings, link_short_forms, stories_of_groups,
};
use scans::{attach_generics, scan_known_names, scan_translations};

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
    /// The kind its report or story settled on for a spelling read as two
    /// kinds ("Lincoln" the city in the datelines, the player in her report).
    settled: Option<Kind>,
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
    /// Joins `gi` to the one entity `candidates` make, if they make one;
    /// returns how many they make.
    fn join_the_one(&mut self, candidates: &[usize], gi: usize) -> usize {
        let roots: HashSet<usize> = candidates.iter().map(|&c| self.find(c)).collect();
        if let (Some(&first), 1) = (candidates.first(), roots.len()) {
            self.union(first, gi);
        }
        roots.len()
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
    // "Norwest Corp." and "Norwest Corp", "Jr." and "Jr": one spelling.
    if let Some(s) = k.strip_suffix('.') {
        let last = last_word(s);
        if s.contains(' ')
            && (crate::nlp::mentions::is_abbreviated_form(last)
                || crate::nlp::mentions::is_generation(last, false))
        {
            k = s.to_string();
        }
    }
    k.strip_prefix("the ").map_or(k.clone(), str::to_string)
}

fn strip_the(s: &str) -> &str {
    s.strip_prefix("The ").unwrap_or(s)
}

fn last_word(s: &str) -> &str {
    s.rsplit(' ').next().unwrap_or(s)
}

/// The family name of a person named in full: the last word, or the one
/// before a generation ("Marchetti" in "Lucien Marchetti Jr.").
fn surname(s: &str) -> &str {
    let mut words = s.rsplit(' ');
    let last = words.next().unwrap_or(s);
    let last = match (words.next(), words.next()) {
        (Some(before), Some(_)) if crate::nlp::mentions::is_generation(last, true) => {
            before.trim_end_matches(',')
        }
        _ => last,
    };
    // "Ursula von der Leyen" is Von der Leyen for short, never Leyen.
    let Some(at) = s.rfind(last) else {
        return last;
    };
    let mut start = at;
    for w in s[..at].split_whitespace().rev() {
        if !crate::nlp::tagged::is_particle(w) {
            break;
        }
        start = s[..start].trim_end().len() - w.len();
    }
    if start > 0 {
        &s[start..at + last.len()]
    } else {
        last
    }
}

fn first_word(s: &str) -> &str {
    s.split(' ').next().unwrap_or(s)
}

fn is_acronym(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && s.chars().all(|c| c.is_uppercase() || c == '.' || c == '&')
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
    /// Spellings that reports settle on different kinds ("Washington" the
    /// tennis player in one, the city in another): each report's kind.
    report_kinds: &'a HashMap<String, ReportKinds>,
}

/// How the reports that settle on a kind for one spelling read it.
struct ReportKinds {
    by_report: HashMap<usize, Kind>,
    /// The kind of most mentions in the reports that settled one.
    dominant: Kind,
}

impl Keys<'_> {
    /// The key of a name in report `d` read as `kind`, and the spelling it
    /// was split from, if it was.
    fn key(&self, base: String, d: usize, kind: Kind) -> (String, Option<String>, Option<Kind>) {
        let mut key = base.clone();
        let mut split = false;
        let mut settled = None;
        if let Some(kinds) = self.kinds.get(&base) {
            let k = if kinds.contains(&kind) {
                kind
            } else {
                kinds[0]
            };
            settled = Some(k);
            key = format!("{key}#{}", k.as_str());
        } else if let Some(r) = self.report_kinds.get(&base) {
            // A report that settled nothing goes with its own reading where
            // some report settled on it, else with the most read kind.
            let k = match r.by_report.get(&d) {
                Some(k) => *k,
                None if r.by_report.values().any(|k| *k == kind) => kind,
                None => r.dominant,
            };
            settled = Some(k);
            key = format!("{key}#{}", k.as_str());
        }
        if self.by_report.contains(&base) {
            key = format!("{key}@{d}");
            split = true;
        }
        (key, split.then_some(base), settled)
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
            let (key, base, settled) = match &c.found {
                Found::Generic => {
                    out.generics.push((d, c.span, fold(&c.text)));
                    continue;
                }
                Found::Other => continue,
                Found::Quantity(..) => (base_key.clone(), None, None),
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
            grp.settled = grp.settled.or(settled);
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
                    Found::Generic | Found::Other => String::new(),
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

/// Spellings that two or more stories each read, at least twice and more
/// often than anything else, as different kinds: a name that is a person in
/// one story and a place in another is two entities. Within a story the
/// same name is one thing, and one odd reading settles nothing: it is a
/// misreading, outvoted by the rest.
fn kinds_by_story(
    docs: &[Doc],
    base_keys: &[Vec<String>],
    story: &[u32],
) -> HashMap<String, ReportKinds> {
    let mut counts: HashMap<&str, BTreeMap<u32, BTreeMap<Kind, usize>>> = HashMap::new();
    // Reports that give a person's full name and then read its surname
    // alone as that person ("MaliVai Washington", then "Washington" seven
    // times): there the word is the person, whatever the rest of the story
    // makes of it (a "WASHINGTON" dateline in the next report).
    let mut surname_reports: HashMap<&str, Vec<usize>> = HashMap::new();
    // Readings of a word as a place in reports where it ends no full name
    // (a dateline, a city). A surname read as a body elsewhere is more
    // often misread ("called Truss' comments") and settles nothing.
    let mut loose: HashMap<&str, usize> = HashMap::new();
    for (d, (doc, keys)) in docs.iter().zip(base_keys).enumerate() {
        let st = story.get(d).copied().unwrap_or(d as u32);
        // A single word is a person of the report only as the surname of a
        // person it names in full ("MaliVai Washington", then "Washington");
        // `lasts` holds the last words of its full names of every kind.
        let mut surnames: HashSet<String> = HashSet::new();
        let mut lasts: HashSet<String> = HashSet::new();
        for c in doc.candidates {
            if c.found == Found::Name && c.text.contains(' ') {
                let last = fold(last_word(&c.text));
                if c.votes.winner() == Kind::Person {
                    surnames.insert(fold(surname(&c.text)));
                }
                lasts.insert(last);
            }
        }
        let mut here: HashMap<&str, (usize, usize)> = HashMap::new();
        for (c, key) in doc.candidates.iter().zip(keys) {
            if c.found != Found::Name {
                continue;
            }
            if !c.text.contains(' ')
                && c.votes.winner() == Kind::Place
                && !lasts.contains(&fold(&c.text))
            {
                *loose.entry(key.as_str()).or_default() += 1;
            }
            let surname = !c.text.contains(' ') && surnames.contains(&fold(&c.text));
            if surname {
                let n = here.entry(key.as_str()).or_default();
                if c.votes.winner() == Kind::Person {
                    n.0 += 1;
                } else {
                    n.1 += 1;
                }
            }
            if c.votes.winner() != Kind::Person || c.text.contains(' ') || surname {
                *counts
                    .entry(key.as_str())
                    .or_default()
                    .entry(st)
                    .or_default()
                    .entry(c.votes.winner())
                    .or_default() += 1;
            }
        }
        for (key, (person, other)) in here {
            if person >= 2 && person > other {
                surname_reports.entry(key).or_default().push(d);
            }
        }
    }
    let mut out = HashMap::new();
    for (key, reports) in counts {
        let sure = surname_reports.get(key).map_or(&[][..], Vec::as_slice);
        if reports.len() < 2 && sure.is_empty() {
            continue;
        }
        let mut by_story = HashMap::new();
        let mut mentions: BTreeMap<Kind, usize> = BTreeMap::new();
        for (st, kinds) in reports {
            let mut ranked: Vec<(Kind, usize)> = kinds.into_iter().collect();
            ranked.sort_by_key(|(k, n)| (std::cmp::Reverse(*n), *k));
            let (top, n) = ranked[0];
            let runner_up = ranked.get(1).map_or(0, |r| r.1);
            if n >= 2 && n >= 2 * runner_up {
                by_story.insert(st, top);
                *mentions.entry(top).or_default() += n;
            }
        }
        if !sure.is_empty()
            && let Some(places) = loose.get(key)
        {
            *mentions.entry(Kind::Person).or_default() += sure.len();
            *mentions.entry(Kind::Place).or_default() += places;
        }
        if mentions.len() < 2 {
            continue;
        }
        let dominant = mentions
            .iter()
            .max_by_key(|(k, n)| (**n, std::cmp::Reverse(**k)))
            .map_or(Kind::Other, |(k, _)| *k);
        let mut by_report: HashMap<usize, Kind> = (0..docs.len())
            .filter_map(|d| {
                let st = story.get(d).copied().unwrap_or(d as u32);
                Some((d, *by_story.get(&st)?))
            })
            .collect();
        for &d in sure {
            by_report.insert(d, Kind::Person);
        }
        out.insert(
            key.to_string(),
            ReportKinds {
                by_report,
                dominant,
            },
        );
    }
    out
}

/// Each report's story, from the spellings of the names they share (the
/// grouping `nlp::align` lines claims up in). A surname alone ("Bush") says
/// nothing of the story: it may be a different person in each.
fn stories(groups: &[Group], reports: usize) -> Vec<u32> {
    let surnames: HashSet<String> = groups
        .iter()
        .filter(|g| g.words() >= 2 && g.quantity.is_none() && g.votes.winner() == Kind::Person)
        .map(|g| fold(surname(g.best_surface())))
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
    let none = HashMap::new();
    let no_split = HashSet::new();
    let first = spellings(
        docs,
        &base_keys,
        &Keys {
            by_report: &no_split,
            kinds: &kinds,
            report_kinds: &none,
        },
    );
    let story = stories(&first.groups, docs.len());
    let report_kinds = kinds_by_story(docs, &base_keys, &story);
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
    } = if split.is_empty() && report_kinds.is_empty() {
        first
    } else {
        spellings(
            docs,
            &base_keys,
            &Keys {
                by_report: &split,
                kinds: &kinds,
                report_kinds: &report_kinds,
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
    let in_stories = stories_of_groups(&groups, &story);
    // A name with its generation and without it are one person before
    // their surname is looked up ("Comeaux" for both).
    link_generations(&groups, &in_stories, &mut sets);
    // Full names that are one person ("Mark Heller", "Mark Jay Heller";
    // "Mo Cheeks", "Maurice Cheeks") are joined before a surname alone
    // looks for its one full name, or it would find two.
    link_middle_names(&groups, &in_stories, &mut sets);
    link_given_name_forms(&groups, &in_stories, &mut sets);
    link_short_forms(&groups, g, &story, &in_stories, &mut sets);
    link_double_surnames(&groups, g, &in_stories, &mut sets);
    link_fuller_names(&groups, g, &in_stories, &mut sets);
    link_regional_spellings(&groups, &in_stories, &mut sets);
    link_web_addresses(&groups, &in_stories, &mut sets);
    link_named_for_people(&mut groups, docs, &in_stories, &mut sets);
    link_near_spellings(&mut groups, &mut sets, &mut suggestions);
    link_dates(&groups, &mut sets);
    // The parts of a spelling split by kind that end up one kind after all
    // ("Kimani Gray" read as a body in two reports, a person once linked to
    // "Kimani" there) are one entity again.
    let mut votes: HashMap<usize, Votes> = HashMap::new();
    for (gi, grp) in groups.iter().enumerate() {
        votes.entry(sets.find(gi)).or_default().add(grp.votes);
    }
    let mut same_kind: HashMap<(&str, Kind), usize> = HashMap::new();
    for (key, &gi) in &by_key {
        let Some((base, _)) = key.split_once('#') else {
            continue;
        };
        if !report_kinds.contains_key(base) {
            continue;
        }
        let kind = votes
            .get(&sets.find(gi))
            .copied()
            .unwrap_or_default()
            .winner();
        match same_kind.entry((base, kind)) {
            std::collections::hash_map::Entry::Occupied(o) => sets.union(*o.get(), gi),
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(gi);
            }
        }
    }
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
    // Most sources first, then most mentions; the name, the value and the
    // first mention settle ties, so that two runs list entities alike ("August
    // 7" of 2024 and of 2025 named equally often).
    out.sort_by_cached_key(|r| {
        let sources = r.mentions.iter().map(|m| m.0).collect::<HashSet<_>>().len();
        let first = r.mentions.first().map(|(d, s)| (*d, s.start));
        (
            std::cmp::Reverse(sources),
            std::cmp::Reverse(r.mentions.len()),
            r.name.clone(),
            r.value.clone(),
            first,
        )
    });
    let names: HashSet<&str> = out.iter().map(|e| e.name.as_str()).collect();
    suggestions.retain(|s: &Suggestion| {
        names.contains(s.keep.as_str()) && names.contains(s.merge.as_str())
    });
    (out, suggestions)
}

impl Group {
    fn from_groups(groups: &[Group], members: Vec<usize>) -> Group {
        let mut e = Group::default();
        // The names in full say what an entity is: its surname or acronym
        // joined it because of them, and is often read otherwise where it
        // stands alone ("the Bush rule" read as a body, for George W. Bush).
        let mut in_full = Votes::default();
        for gi in members {
            let grp = &groups[gi];
            if grp.words() >= 2 {
                in_full.add(grp.votes);
            }
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
        if in_full.person + in_full.organization + in_full.place > 0 {
            e.votes = in_full;
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
