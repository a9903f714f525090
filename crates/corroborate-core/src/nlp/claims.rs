//! What each sentence of a report asserts: its content words (stemmed, with
//! synonyms folded together), the entities and values it names, whether it is
//! negated, which actions it reports, whether it quotes someone, and whom it
//! credits ("according to Bloomberg", "a spokeswoman said"). The credit carries
//! over to a following sentence that goes on with "She", "He" or "They".

use crate::corpus::Span;
use crate::nlp::mentions::Kind;
use crate::nlp::near::Near;
use crate::nlp::segment::{self, Paragraph};
use std::sync::OnceLock;

/// An entity mention as claims see it.
#[derive(Debug, Clone)]
pub struct Named<'a> {
    pub span: Span,
    pub entity: usize,
    pub kind: Kind,
    pub name: &'a str,
    /// Normalized value of a date or number.
    pub value: Option<&'a str>,
}

/// A stated value: a number with its unit, or a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    pub span: Span,
    pub kind: Kind,
    /// `1200 tonne`, `2025-03-12`.
    pub value: String,
    /// As written: "1,200 tonnes".
    pub text: String,
}

impl Value {
    /// What the value measures: its unit, or "date". Two values of one
    /// measure that differ are a conflict.
    pub fn measure(&self) -> &str {
        match self.kind {
            Kind::Date => "date",
            _ => self.value.split_once(' ').map_or("", |(_, unit)| unit),
        }
    }
}

/// One claim: a sentence (or a headline, or a bullet) that asserts something.
#[derive(Debug, Clone)]
pub struct Claim {
    pub span: Span,
    /// Stemmed content words, synonyms folded ("declined" and "refused" are
    /// one), each as its hash (`word_id`): an archive holds millions of
    /// claims, and their words as strings took gigabytes at 100,000 reports.
    pub words: Vec<u64>,
    /// The entities it names (indices into the analysis's), sorted, each once.
    pub entities: Vec<u32>,
    pub values: Vec<Value>,
    pub negated: bool,
    /// Actions with their direction and the word as written: ("approve",
    /// true, "approved"); "postponed" and "did not approve" go the other way.
    pub actions: Vec<(&'static str, bool, String)>,
    pub quote: bool,
    /// Whom the sentence credits: an organization or person named in it.
    pub attribution: Option<String>,
    pub headline: bool,
    /// Said in the passive ("was fired by"): its doer comes last.
    pub passive: bool,
}

/// A stemmed word as claims keep it: FNV-1a of its bytes, stable across
/// runs; two words that collide merely look a little alike.
pub fn word_id(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in word.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Words that carry no claim.
const STOP: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "said",
    "says",
    "say",
    "told",
    "according",
    "reported",
    "report",
    "also",
    "s",
    "t",
    "would",
    "may",
    "might",
    "must",
    "mr",
    "mrs",
    "ms",
    "dr",
    "one",
    "two",
    "three",
    "per",
    "cent",
    "percent",
    "us",
];

/// Groups of words that say the same thing in news copy; the first is the
/// group's name.
const SYNONYMS: &[&[&str]] = &[
    &[
        "reject",
        "decline",
        "refuse",
        "rebuff",
        "spurn",
        "pushback",
        "resist",
        "resistance",
    ],
    &[
        "hidden",
        "stealth",
        "disguise",
        "invisible",
        "undisclosed",
        "covert",
        "secret",
        "secretly",
        "private",
        "closed",
    ],
    &[
        "approve",
        "grant",
        "authorize",
        "authorise",
        "permit",
        "allow",
        "sign",
        "clear",
        "pass",
    ],
    &[
        "expand", "enlarge", "increase", "raise", "extend", "grow", "boost",
    ],
    &["request", "ask", "demand", "seek", "call", "urge"],
    &["suspend", "pause", "halt", "freeze", "stop"],
    &["consult", "inform", "tell", "notify", "input", "knowledge"],
    &["lose", "lost", "loss"],
    &["client", "customer", "business", "income", "revenue"],
    &[
        "inspection",
        "review",
        "assessment",
        "inspect",
        "examination",
    ],
    &["company", "firm", "enterprise"],
    &["minutes", "records", "document", "documents"],
    &[
        "storage",
        "store",
        "stockpile",
        "depot",
        "warehouse",
        "stock",
        "stocking",
    ],
    &["meeting", "session", "vote"],
    &["message", "messages", "note", "email"],
    &["account", "accounts", "profile", "page"],
    &["standard", "norm", "rule", "guideline"],
    &["say", "state", "declare"],
    &["spokeswoman", "spokesman", "spokesperson", "representative"],
    &["government", "state", "official", "authority"],
    &["employee", "staff", "worker"],
    &["propaganda", "messaging"],
];

/// Pairs of actions that contradict each other: (group, words that go one
/// way, words that go the other).
const ACTIONS: &[(&str, &[&str], &[&str])] = &[
    (
        "approve",
        &["approv", "grant", "accept", "pass", "adopt"],
        &[
            "postpon", "reject", "delay", "defer", "refus", "declin", "block", "veto", "deni",
            "den",
        ],
    ),
    (
        "confirm",
        &["confirm", "acknowledg", "admit"],
        &["deni", "den", "disput", "dismiss"],
    ),
    (
        "expand",
        &[
            "expand",
            "extend",
            "widen",
            "strengthen",
            "tighten",
            "increas",
            "rais",
        ],
        &["relax", "loosen", "eas", "narrow", "reduc", "lower", "scal"],
    ),
    (
        "rise",
        &["rise", "rose", "climb", "jump", "soar"],
        &["fall", "fell", "drop", "slump", "plung"],
    ),
];

/// The English stemmer, built once: claims and the name finder's headline
/// check share it.
pub(crate) fn stemmer() -> &'static frostem::Stemmer {
    static S: OnceLock<frostem::Stemmer> = OnceLock::new();
    S.get_or_init(|| frostem::Stemmer::new(frostem::Algorithm::English))
}

/// A word as claims compare it: folded, stemmed, its synonym group's name.
pub fn normal(word: &str) -> Option<String> {
    let w = segment::fold(word);
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    if w.len() < 2 || STOP.contains(&w) || w.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let stem = stemmer().stem(w).into_owned();
    let groups = synonym_groups();
    Some(
        groups
            .get(w)
            .or_else(|| groups.get(stem.as_str()))
            .map_or(stem, |g| (*g).to_string()),
    )
}

/// Every synonym, as written and stemmed, to its group's name; built once.
fn synonym_groups() -> &'static std::collections::HashMap<String, &'static str> {
    static MAP: OnceLock<std::collections::HashMap<String, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = std::collections::HashMap::new();
        for group in SYNONYMS {
            for word in *group {
                map.entry(word.to_string()).or_insert(group[0]);
                map.entry(stemmer().stem(word).into_owned())
                    .or_insert(group[0]);
            }
        }
        map
    })
}

/// Phrases that credit someone; the name follows ("according to X") or
/// precedes ("X reported").
const CREDIT_BEFORE: &[&str] = &[
    "according to",
    "seen by",
    "reviewed by",
    "obtained by",
    "told",
    "reported by",
    "cited by",
    "first reported by",
    "confirmed to",
    "said to",
];
const CREDIT_AFTER: &[&str] = &[
    "reported",
    "said",
    "says",
    "writes",
    "wrote",
    "has seen",
    "reports",
    "told",
    "added",
    "confirmed",
    "stated",
    "announced",
    "warned",
    "claimed",
    "has reported",
    "has declared",
    "has demanded",
    "has said",
];

/// Every claim in one report. `named` are the report's entity mentions in
/// text order; `title` is the report's title, whose line is a headline.
///
/// Each sentence is a claim. A clause of a longer sentence that states a value
/// of its own ("…, about 800 metres from the school") or credits a source
/// ("…, according to minutes seen by Coastline Wire") is a claim too, so that
/// one sentence can stand in several rows. A sentence opening with "But" or
/// "However" lends its actions to the one before, where the contrast lies.
pub fn claims(text: &str, paragraphs: &[Paragraph], named: &[Named], title: &str) -> Vec<Claim> {
    let mut out: Vec<Claim> = Vec::new();
    let mut memo = Words::default();
    let title = title.trim();
    let named = &ByStart::new(named);
    for p in paragraphs {
        let mut previous: Option<String> = None;
        let mut last_in_paragraph: Option<usize> = None;
        for &s in &p.sentences {
            let Some(span) = body(text, s) else { continue };
            let sentence = &text[span.range()];
            let tokens = segment::tokens(text, span);
            let length = tokens.len();
            if length < 4 || is_timestamp(text, &tokens) {
                continue;
            }
            let lower = segment::fold(sentence);
            let inside = named.within(span);
            let mut attribution = credit(&lower, span, &inside);
            let starts_with_pronoun = lower
                .split_whitespace()
                .next()
                .is_some_and(|w| matches!(w, "she" | "he" | "they" | "it" | "its" | "her" | "his"));
            if attribution.is_none() && starts_with_pronoun {
                attribution = previous.clone();
            }
            previous = attribution.clone().or_else(|| {
                // A sentence about a person lets "She" in the next one point back.
                inside
                    .iter()
                    .find(|n| n.kind == Kind::Person)
                    .map(|n| n.name.to_string())
            });
            let mut claim = build(text, span, named, attribution.clone(), &mut memo);
            claim.headline = !title.is_empty() && sentence.trim() == title;
            let contrast = ["but ", "however", "yet "]
                .iter()
                .any(|w| lower.starts_with(w));
            if contrast && let Some(prev) = last_in_paragraph.and_then(|k| out.get_mut(k)) {
                for a in &claim.actions {
                    if !prev.actions.contains(a) {
                        prev.actions.push(a.clone());
                    }
                }
            }
            let mut facets: Vec<Claim> = Vec::new();
            // A long sentence, or one stating several values, makes one more
            // claim per value.
            let long = length >= 15;
            if claim.values.len() >= 2 || (long && !claim.values.is_empty()) {
                for v in &claim.values {
                    let around = around(text, span, v.span, named.named);
                    let mut facet = build(text, around, named, attribution.clone(), &mut memo);
                    facet.values.retain(|x| x.span == v.span);
                    facets.push(facet);
                }
            }
            // "…, according to minutes seen by Coastline Wire" says that Coastline Wire saw them.
            for c in clauses(text, span).into_iter().filter(|c| *c != span) {
                let clause = segment::fold(&text[c.range()]);
                let credits = CREDIT_BEFORE.iter().any(|w| clause.starts_with(w))
                    || clause.starts_with("which has seen")
                    || clause.starts_with("which obtained");
                if !credits {
                    continue;
                }
                let facet = build(text, c, named, attribution.clone(), &mut memo);
                if facet.words.len() >= 2 {
                    facets.push(facet);
                }
            }
            last_in_paragraph = Some(out.len());
            out.push(claim);
            out.extend(facets);
        }
    }
    out
}

/// Words of a page's timestamp line besides dates and times.
const STAMP_WORDS: &[&str] = &[
    "originally",
    "first",
    "created",
    "edited",
    "last",
    "updated",
    "update",
    "posted",
    "published",
    "modified",
    "at",
    "on",
    "am",
    "pm",
    "gmt",
    "bst",
    "utc",
    "est",
    "edt",
    "cst",
    "cdt",
    "pst",
    "pdt",
    "cet",
    "cest",
    "et",
    "pt",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// "21 July 2013 Last updated at 11:11 GMT", "9:53 AM, MON 22 JUL 2013":
/// a page's timestamp says when the page changed, not what happened, and
/// two pages updated at different times are no conflict.
fn is_timestamp(text: &str, tokens: &[segment::Token]) -> bool {
    tokens.iter().all(|t| {
        let word = &text[t.span.range()];
        t.kind == segment::TokenKind::Number
            || crate::nlp::quantities::is_calendar_word(word)
            || STAMP_WORDS.contains(&word.to_lowercase().as_str())
    })
}

/// The words around a value, within its clause: up to six before it and,
/// after it, up to three or through the name that follows.
fn around(text: &str, sentence: Span, value: Span, named: &[Named]) -> Span {
    let clause = clauses(text, sentence)
        .into_iter()
        .find(|c| c.start <= value.start && value.end <= c.end)
        .unwrap_or(sentence);
    let tokens = segment::tokens(text, clause);
    let first = tokens
        .iter()
        .position(|t| t.span.end > value.start)
        .unwrap_or(0);
    let last = tokens
        .iter()
        .rposition(|t| t.span.start < value.end)
        .unwrap_or(first);
    let start = tokens[first.saturating_sub(6)].span.start.min(value.start);
    let mut end = tokens[(last + 3).min(tokens.len().saturating_sub(1))]
        .span
        .end
        .max(value.end);
    if let Some(n) = named
        .iter()
        .find(|n| n.span.start >= value.end && n.span.start <= end && n.span.end <= clause.end)
    {
        end = end.max(n.span.end);
    }
    Span::new(start, end.min(clause.end).max(value.end))
}

/// A report's named things, so that a sentence finds its own without
/// reading them all (a report of 100,000 names would take minutes).
struct ByStart<'n, 'a> {
    named: &'n [Named<'a>],
    near: Near,
}

impl<'n, 'a> ByStart<'n, 'a> {
    fn new(named: &'n [Named<'a>]) -> Self {
        ByStart {
            named,
            near: Near::new(named.iter().map(|n| n.span)),
        }
    }

    /// The named things inside `span`, in their given order.
    fn within(&self, span: Span) -> Vec<&'n Named<'a>> {
        let mut found: Vec<usize> = self
            .near
            .around(span)
            .filter(|&i| {
                span.start <= self.named[i].span.start && self.named[i].span.end <= span.end
            })
            .collect();
        found.sort_unstable();
        found.into_iter().map(|i| &self.named[i]).collect()
    }
}

/// `normal` of each word, remembered per report: its words repeat. The
/// thread's words from earlier reports are kept too (a corpus shares most of
/// its vocabulary), up to a bound, so stemming runs once per word and thread.
#[derive(Default)]
struct Words<'t> {
    seen: rustc_hash::FxHashMap<&'t str, Option<u64>>,
}

/// How many words a thread remembers across reports before starting afresh.
const REMEMBERED: usize = 200_000;

thread_local! {
    static STEMS: std::cell::RefCell<rustc_hash::FxHashMap<String, Option<u64>>> =
        std::cell::RefCell::new(rustc_hash::FxHashMap::default());
}

impl<'t> Words<'t> {
    /// The word's id as claims keep it ([`word_id`] of its normal form),
    /// None for a word claims leave out.
    fn normal(&mut self, word: &'t str) -> Option<u64> {
        *self.seen.entry(word).or_insert_with(|| normal_id(word))
    }
}

/// [`word_id`] of the word's [`normal`] form, remembered per thread: a
/// word of an archive is mostly one met before.
pub fn normal_id(word: &str) -> Option<u64> {
    STEMS.with(|stems| {
        let mut stems = stems.borrow_mut();
        if let Some(known) = stems.get(word) {
            return *known;
        }
        if stems.len() >= REMEMBERED {
            stems.clear();
        }
        let found = normal(word).map(|w| word_id(&w));
        stems.insert(word.to_string(), found);
        found
    })
}

/// A claim over `span`: its words, entities, values, negation, actions.
fn build<'t>(
    text: &'t str,
    span: Span,
    named: &ByStart,
    attribution: Option<String>,
    memo: &mut Words<'t>,
) -> Claim {
    let piece = &text[span.range()];
    let lower = segment::fold(piece);
    let inside = named.within(span);
    let words: Vec<u64> = segment::tokens(text, span)
        .iter()
        .filter_map(|t| memo.normal(&text[t.span.range()]))
        .collect();
    let negated = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .any(|w| {
            matches!(
                w,
                "not" | "no" | "never" | "without" | "nobody" | "neither" | "nor"
            ) || w.ends_with("n't")
        });
    let passive = lower.split_whitespace().any(|w| w == "by");
    Claim {
        span,
        words,
        passive,
        entities: {
            let mut ids: Vec<u32> = inside.iter().map(|n| n.entity as u32).collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        },
        // Relative dates ("on Thursday") say when something was said, not
        // what: they are named by their ISO value, absolute ones are not.
        values: inside
            .iter()
            .filter(|n| matches!(n.kind, Kind::Date | Kind::Number))
            .filter_map(|n| {
                let v = n.value?;
                // A year ("in 2015") is named by its value too, and is absolute.
                let relative = n.kind == Kind::Date && n.name == v && v.contains('-');
                (!relative).then(|| Value {
                    span: n.span,
                    kind: n.kind,
                    value: v.to_string(),
                    text: text[n.span.range()].to_string(),
                })
            })
            .collect(),
        negated,
        actions: actions(&lower),
        quote: piece.contains(['"', '“', '”']),
        attribution,
        headline: false,
    }
}

/// Words that open a clause after a comma.
const CLAUSE_OPENERS: &[&str] = &[
    "according",
    "which",
    "who",
    "where",
    "about",
    "after",
    "before",
    "but",
    "and",
    "while",
    "although",
    "as",
    "first",
    "the",
    "a",
    "in",
    "on",
    "at",
    "by",
    "with",
    "when",
];

/// A sentence's clauses: split at semicolons, dashes and colons, and at
/// commas before a word that opens a clause.
fn clauses(text: &str, span: Span) -> Vec<Span> {
    let s = &text[span.range()];
    let mut cuts = vec![0];
    for (i, c) in s.char_indices() {
        let after = &s[i + c.len_utf8()..];
        let cut = match c {
            ';' | ':' | '–' | '—' => true,
            ',' => {
                let next = after
                    .trim_start()
                    .split(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or("");
                CLAUSE_OPENERS.contains(&next.to_lowercase().as_str())
            }
            _ => false,
        };
        if cut {
            cuts.push(i);
            cuts.push(i + c.len_utf8());
        }
    }
    cuts.push(s.len());
    cuts.chunks(2)
        .filter_map(|w| {
            let (a, b) = (w[0], *w.get(1)?);
            let piece = &s[a..b];
            let lead = piece.len()
                - piece
                    .trim_start_matches(|c: char| !c.is_alphanumeric())
                    .len();
            let body = piece.trim_start_matches(|c: char| !c.is_alphanumeric());
            let body = body.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '%');
            (body.split_whitespace().count() >= 3)
                .then(|| Span::new(span.start + a + lead, span.start + a + lead + body.len()))
        })
        .collect()
}

/// The sentence without a leading bullet or list marker.
fn body(text: &str, s: Span) -> Option<Span> {
    let t = &text[s.range()];
    let trimmed = t.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '•' | '-' | '*' | '–' | '—' | '·')
    });
    let start = s.start + (t.len() - trimmed.len());
    let end = start + trimmed.trim_end().len();
    (end > start).then_some(Span::new(start, end))
}

/// The name of an action group as this program spells it ("approve"), for
/// reading back an analysis written out by the analysis cache.
pub fn action_named(name: &str) -> Option<&'static str> {
    ACTIONS
        .iter()
        .map(|(group, _, _)| *group)
        .find(|g| *g == name)
}

/// The actions a sentence reports, with their direction.
/// The first three letters of every action word, for a quick first test.
fn action_heads() -> &'static std::collections::HashSet<&'static str> {
    static HEADS: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    HEADS.get_or_init(|| {
        ACTIONS
            .iter()
            .flat_map(|(_, yes, no)| yes.iter().chain(no.iter()))
            .filter_map(|w| w.get(..3))
            .collect()
    })
}

fn actions(lower: &str) -> Vec<(&'static str, bool, String)> {
    let mut out: Vec<(&'static str, bool, String)> = Vec::new();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    for (k, word) in words.iter().enumerate() {
        // Most words open with letters no action word opens with.
        if !word
            .get(..3)
            .is_some_and(|head| action_heads().contains(head))
        {
            continue;
        }
        let negated = words[k.saturating_sub(3)..k]
            .iter()
            .any(|w| matches!(*w, "not" | "never" | "no") || w.ends_with("n't"));
        // After an article or a possessive the bare form is an adjective or
        // a noun: "the narrow canal", "a lower estimate".
        let modifies = k > 0
            && matches!(
                words[k - 1],
                "the" | "a" | "an" | "its" | "their" | "his" | "her" | "this" | "that" | "very"
            );
        // Verb forms only: "approved" is an action, "approval" is not.
        let verb = |p: &&str| {
            word.strip_prefix(*p).is_some_and(|rest| {
                if modifies && (rest.is_empty() || rest == "e") {
                    return false;
                }
                matches!(
                    rest,
                    "" | "e"
                        | "ed"
                        | "es"
                        | "s"
                        | "ing"
                        | "d"
                        | "ied"
                        | "ies"
                        | "y"
                        | "ned"
                        | "ning"
                        | "red"
                        | "ted"
                        | "ped"
                )
            })
        };
        for (group, yes, no) in ACTIONS {
            let dir = if yes.iter().any(verb) {
                true
            } else if no.iter().any(verb) {
                false
            } else {
                continue;
            };
            let dir = dir != negated;
            if !out.iter().any(|(g, d, _)| g == group && *d == dir) {
                out.push((group, dir, (*word).to_string()));
            }
        }
    }
    out.sort();
    out
}

/// The organization or person a sentence credits, when it names one.
fn credit(lower: &str, span: Span, inside: &[&Named]) -> Option<String> {
    let credited = |n: &&&Named| matches!(n.kind, Kind::Organization | Kind::Person);
    for n in inside.iter().filter(credited) {
        let at = n.span.start - span.start;
        let end = n.span.end - span.start;
        let before = lower.get(..at).unwrap_or("").trim_end();
        let before = before.trim_end_matches(['"', '“', ',']).trim_end();
        let before = before.strip_suffix(" the").unwrap_or(before).trim_end();
        if CREDIT_BEFORE.iter().any(|c| before.ends_with(c)) {
            return Some(n.name.to_string());
        }
        let after = lower.get(end..).unwrap_or("");
        let after = after.trim_start_matches(['\'', '’', 's', ',']).trim_start();
        if CREDIT_AFTER.iter().any(|c| after.starts_with(c)) {
            return Some(n.name.to_string());
        }
        // "…, Lena Marsh said" and "said Lena Marsh"
        if before.ends_with("said") || before.ends_with("says") {
            return Some(n.name.to_string());
        }
    }
    None
}

/// Words before a name that make it the source of a story: "according to
/// a Bloomberg report", "posts seen by Bloomberg", "a report released by".
const STORY_BEFORE: &[&str] = &[
    "according to",
    "seen by",
    "reported by",
    "report by",
    "published by",
    "released by",
    "obtained by",
    "reviewed by",
    "citing",
    "comes from",
];
/// Words after a name that make it the source of a story: "Bloomberg reported".
const STORY_AFTER: &[&str] = &[
    "reported",
    "reports",
    "report",
    "revealed",
    "first reported",
];

/// The organization a report takes its story from ("according to a
/// Bloomberg report", "first reported by", "Bloomberg reported"): the one
/// credited so most often, at least twice or once in its first three
/// sentences, and never the report's own outlet.
pub fn story_credit(
    text: &str,
    claims: &[Claim],
    named: &[Named],
    outlet: Option<&str>,
) -> Option<String> {
    let mut counts: Vec<(String, usize, bool)> = Vec::new();
    let named = ByStart::new(named);
    for (at, c) in claims.iter().enumerate() {
        let Some(sentence) = text.get(c.span.range()) else {
            continue;
        };
        let inside = named
            .within(c.span)
            .into_iter()
            .filter(|n| n.kind == Kind::Organization);
        for n in inside {
            if outlet.is_some_and(|o| segment::fold(o) == segment::fold(n.name)) {
                continue;
            }
            let (from, to) = (n.span.start - c.span.start, n.span.end - c.span.start);
            // The few words before the name: a cue further back is another clause's.
            let before = sentence.get(..from).unwrap_or("");
            let near = before.char_indices().rev().nth(47).map_or(0, |(at, _)| at);
            let before = before[near..].to_lowercase();
            let after = sentence.get(to..).unwrap_or("").to_lowercase();
            let after = after.trim_start_matches(['\'', '’', 's']).trim_start();
            let headline = from == 0 && after.starts_with(':');
            let cued = headline
                || STORY_BEFORE.iter().any(|w| before.contains(w))
                || STORY_AFTER.iter().any(|w| after.starts_with(w));
            if !cued {
                continue;
            }
            match counts.iter_mut().find(|(name, _, _)| name == n.name) {
                Some(entry) => {
                    entry.1 += 1;
                    entry.2 |= at < 3;
                }
                None => counts.push((n.name.to_string(), 1, at < 3)),
            }
        }
    }
    counts
        .into_iter()
        .filter(|(_, n, early)| *n >= 2 || *early)
        .max_by_key(|(_, n, _)| *n)
        .map(|(name, _, _)| name)
}

/// Whether a sentence is the outlet's own work, not taken from the story's
/// source: its own request for comment, its own interview.
pub fn own_work(sentence: &str, outlet: Option<&str>) -> bool {
    let lower = sentence.to_lowercase();
    const OWN: &[&str] = &[
        "request for comment",
        "requests for comment",
        "did not respond",
        "didn't respond",
        "did not immediately respond",
        "did not return",
        "didn't return",
        "has contacted",
        "have contacted",
        "reached out to",
        "could not be reached",
        "when contacted",
        "when reached",
    ];
    OWN.iter().any(|w| lower.contains(w))
        || outlet.is_some_and(|o| {
            let o = o.to_lowercase();
            ["told ", "interview with ", "speaking to ", "said to "]
                .iter()
                .any(|w| {
                    lower.contains(&format!("{w}{o}")) || lower.contains(&format!("{w}the {o}"))
                })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_and_stems_meet() {
        assert_eq!(normal("declined"), normal("rejected"));
        assert_eq!(normal("stealth"), normal("undisclosed"));
        assert_eq!(normal("approved"), normal("granted"));
        assert_eq!(normal("the"), None);
    }

    #[test]
    fn a_pages_timestamp_is_no_claim() {
        let text = "Ferry strike ends\n21 July 2013 Last updated at 11:11 GMT\n9:53 AM, MON 22 JUL 2013\nPosted on Tuesday at 4:10 pm EDT\nThe strike ended at 11:11 on Monday, the union said.";
        let found: Vec<&str> = claims(text, &segment::segment(text), &[], "Ferry strike ends")
            .iter()
            .map(|c| &text[c.span.range()])
            .collect();
        assert_eq!(
            found,
            ["The strike ended at 11:11 on Monday, the union said."]
        );
    }

    #[test]
    fn actions_have_directions() {
        let dirs = |s: &str| -> Vec<(&str, bool)> {
            actions(s).into_iter().map(|(g, d, _)| (g, d)).collect()
        };
        assert_eq!(dirs("the council approved a motion"), [("approve", true)]);
        assert_eq!(dirs("the council postponed a vote"), [("approve", false)]);
        assert_eq!(dirs("the board did not approve it"), [("approve", false)]);
        assert!(dirs("pupils walked along the narrow canal").is_empty());
        assert_eq!(dirs("they will narrow the rules"), [("expand", false)]);
        assert_eq!(dirs("it will relax its policy"), [("expand", false)]);
    }

    #[test]
    fn a_report_names_where_its_story_comes_from() {
        let text = "Harbor Wire: Pier closed\nThe pier was closed on Friday, according to a Harbor Wire report. Engineers found rust. The Gazette asked the city for comment.";
        let paragraphs = segment::segment(text);
        let named: Vec<Named> = ["Harbor Wire", "Gazette"]
            .iter()
            .enumerate()
            .flat_map(|(e, name)| {
                text.match_indices(name).map(move |(i, _)| Named {
                    span: Span::new(i, i + name.len()),
                    entity: e,
                    kind: Kind::Organization,
                    name,
                    value: None,
                })
            })
            .collect();
        let cs = claims(text, &paragraphs, &named, "");
        assert_eq!(
            story_credit(text, &cs, &named, Some("Coast Gazette")).as_deref(),
            Some("Harbor Wire")
        );
        // A report does not take its story from its own outlet.
        assert_eq!(story_credit(text, &cs, &named, Some("Harbor Wire")), None);
    }

    #[test]
    fn an_outlets_own_request_for_comment_is_its_own_work() {
        assert!(own_work(
            "The council did not respond to a request for comment.",
            None
        ));
        assert!(own_work(
            "The mayor told the Gazette he would resign.",
            Some("Gazette")
        ));
        assert!(!own_work(
            "The mayor told reporters he would resign.",
            Some("Gazette")
        ));
        assert!(!own_work("The pier was closed on Friday.", None));
    }

    #[test]
    fn credit_is_found_on_either_side_and_carried_to_she() {
        let text = "The board met on March 12, according to minutes seen by Coastline Wire. Dr. Okafor spoke first. She urged a pause.";
        let paragraphs = segment::segment(text);
        let at = |s: &str| {
            let i = text.find(s).unwrap();
            Span::new(i, i + s.len())
        };
        let named = [
            Named {
                span: at("Coastline Wire"),
                entity: 0,
                kind: Kind::Organization,
                name: "Coastline Wire",
                value: None,
            },
            Named {
                span: at("Okafor"),
                entity: 1,
                kind: Kind::Person,
                name: "Miriam Okafor",
                value: None,
            },
        ];
        let cs = claims(text, &paragraphs, &named, "");
        let of = |start: &str| {
            cs.iter()
                .find(|c| text[c.span.range()].starts_with(start))
                .and_then(|c| c.attribution.as_deref())
        };
        assert_eq!(of("The board met"), Some("Coastline Wire"));
        assert_eq!(of("according to minutes"), Some("Coastline Wire"));
        assert_eq!(of("She urged"), Some("Miriam Okafor"));
    }
}
