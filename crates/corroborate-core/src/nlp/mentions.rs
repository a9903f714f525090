//! Candidate entity mentions in one report, each with the evidence for its
//! kind. Capitalization only nominates a name; what decides is context:
//! titles and roles, organization and place words, the gazetteers, "X said",
//! "X-based", "the company X". Sentence-initial words, headline-case lines,
//! calendar words, nationalities and quoted slogans are not names by
//! themselves. Linking mentions across reports is `nlp::entities`' job.

use crate::corpus::Span;
use crate::nlp::gazetteer::{Gazetteer, Known};
use crate::nlp::quantities::{self, QuantityKind, Ymd};
use crate::nlp::segment::{self, Paragraph, Token};
use std::collections::HashSet;

/// The kinds of entity the JSON contract names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Person,
    Organization,
    Place,
    Date,
    Number,
    Other,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Person,
        Kind::Organization,
        Kind::Place,
        Kind::Date,
        Kind::Number,
        Kind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Place => "place",
            Kind::Date => "date",
            Kind::Number => "number",
            Kind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Weighted evidence for person / organization / place.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Votes {
    pub person: u32,
    pub organization: u32,
    pub place: u32,
}

impl Votes {
    pub fn add(&mut self, o: Votes) {
        self.person += o.person;
        self.organization += o.organization;
        self.place += o.place;
    }

    /// The kind with the most evidence, `Other` without any. Where the
    /// evidence is even, a person before a body and a body before a place:
    /// a name the tagger reads half as a person and half as a body is most
    /// often a person's name in words its training text never met ("Suu
    /// Kyi", "Wang Donghai"), and a place half read as a body is most often
    /// the club or the council named for it.
    pub fn winner(&self) -> Kind {
        let best = self.person.max(self.organization).max(self.place);
        if best == 0 {
            Kind::Other
        } else if self.person == best {
            Kind::Person
        } else if self.organization == best {
            Kind::Organization
        } else {
            Kind::Place
        }
    }

    fn vote(&mut self, kind: Kind, weight: u32) {
        match kind {
            Kind::Person => self.person += weight,
            Kind::Organization => self.organization += weight,
            Kind::Place => self.place += weight,
            _ => {}
        }
    }
}

/// How a mention was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A capitalized name.
    Name,
    /// "the port authority", "the commission": a lowercase phrase that may
    /// stand for a named body.
    Generic,
    /// A date or a number (its kind) with its normalized value.
    Quantity(Kind, String),
    /// A name of another kind ("U.S. Open", "Labour Day", "UEFA Cup": an
    /// event, a holiday, a work): no entity of its own, but the words in it
    /// are no mention of the names they contain.
    Other,
}

/// A candidate mention in one report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub span: Span,
    /// The name as written, whitespace normalized, without title or "the".
    pub text: String,
    pub found: Found,
    pub votes: Votes,
    /// The gazetteer's spelling of this name, when it lists it.
    pub canonical: Option<&'static str>,
    /// Short reasons, for the person: "title Dr.", "organization word Commission".
    pub evidence: Vec<String>,
    /// "Harbor Safety Commission (HSC)": the acronym this name defines.
    pub defines: Option<String>,
    /// Came from a sentence start or a headline: found, but weak evidence that
    /// this is a name at all.
    pub weak: bool,
}

/// Lowercase nouns that, right before a name, say it is an organization.
const ORG_NOUNS: &[&str] = &[
    "company",
    "firm",
    "maker",
    "group",
    "enterprise",
    "outlet",
    "newspaper",
    "broadcaster",
    "network",
    "agency",
    "platform",
    "app",
    "giant",
    "startup",
    "website",
    "site",
    "regulator",
    "carrier",
    "bank",
    "insurer",
    "supplier",
    "retailer",
    "publisher",
    "manufacturer",
    "conglomerate",
    "subsidiary",
    "parent",
    "operator",
    "organization",
    "organisation",
    "charity",
    "nonprofit",
    "non-profit",
    "coalition",
    "union",
    "association",
    "tank",
    "studio",
    "label",
    "band",
    "team",
    "club",
    "university",
    "school",
];

/// Lowercase nouns that, right after a name, say it is a place.
const PLACE_NOUNS: &[&str] = &[
    "ward",
    "neighbourhood",
    "neighborhood",
    "district",
    "area",
    "region",
    "province",
    "county",
    "village",
    "town",
    "suburb",
    "quarter",
    "borough",
];

/// Words that join capitalized words inside one name.
const CONNECTORS: &[&str] = &[
    "of", "for", "and", "&", "de", "del", "da", "du", "von", "van", "der", "al",
];

/// Capitalized words that are page furniture or sentence glue, never names.
const NOT_NAMES: &[&str] = &[
    "advertisement",
    "advertising",
    "sponsored",
    "subscribe",
    "comment",
    "comments",
    "share",
    "related",
    "read",
    "more",
    "click",
    "sign",
    "newsletter",
    "update",
    "updated",
    "photo",
    "video",
    "image",
    "getty",
    "images",
    "file",
    "copyright",
    "i",
    "we",
    "you",
    "he",
    "she",
    "it",
    "they",
    "mr",
    "mrs",
    "ms",
    "dr",
    "western",
    "eastern",
    "northern",
    "southern",
];

/// Capital-letter abbreviations that name no one.
const NOT_ACRONYMS: &[&str] = &[
    "PR", "CEO", "CFO", "COO", "CTO", "VP", "TV", "PDF", "GDP", "AI", "IT", "HR", "VPN", "URL",
    "FAQ", "OK", "AM", "PM", "ID", "DNA", "USB", "GPS", "LOL", "RIP", "PS", "NB", "FYI", "Q&A",
];

pub(crate) struct Tok<'a> {
    pub span: Span,
    pub text: &'a str,
    cap: bool,
    number: bool,
    /// Ends in "'s" or "’s"; `span` and `text` exclude it.
    possessive: bool,
}

fn is_cap(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// "Jr.", "Sr." and, with `numerals`, "II", "III", "IV": the generation a
/// person's name may end in. Numerals end other names too ("World War II").
pub(crate) fn is_generation(word: &str, numerals: bool) -> bool {
    let w = word.trim_end_matches(['.', ',']).to_ascii_lowercase();
    matches!(w.as_str(), "jr" | "sr") || (numerals && matches!(w.as_str(), "ii" | "iii" | "iv"))
}

pub(crate) fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && word
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '&' || c.is_ascii_digit())
}

/// A lowercase word the English word list knows.
pub(crate) fn is_dictionary_word(word: &str) -> bool {
    crate::corpus::glue::is_known_word(&word.to_lowercase())
}

pub(crate) fn toks<'a>(text: &'a str, span: Span) -> Vec<Tok<'a>> {
    segment::tokens(text, span)
        .into_iter()
        .map(|Token { span, kind }| {
            let raw = &text[span.range()];
            let contraction = [
                "'m", "’m", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d",
            ]
            .iter()
            .any(|c| raw.ends_with(c));
            let (cut, possessive) = ["'s", "’s", "'S"]
                .iter()
                .find_map(|p| raw.strip_suffix(p).map(|s| (s.len(), true)))
                .unwrap_or((raw.len(), false));
            let span = Span::new(span.start, span.start + cut);
            let text = &text[span.range()];
            Tok {
                span,
                text,
                cap: is_cap(text) && !contraction,
                number: kind == segment::TokenKind::Number,
                possessive,
            }
        })
        .filter(|t| !t.text.is_empty())
        .collect()
}

/// Every candidate mention in one report's cleaned `text`: dates, numbers
/// and generic references by rule, names as the trained tagger reads them
/// with the rules' candidates as its evidence (`nlp::tagged`).
pub fn find(text: &str, paragraphs: &[Paragraph], published: Option<&str>) -> Vec<Candidate> {
    let lowercase = lowercase_words(text);
    // Tokenized once: the rules and the tagger read the same words.
    let tokens = sentence_tokens(text, paragraphs);
    let rules = rules_with(text, paragraphs, &tokens, published, &lowercase);
    crate::nlp::tagged::refine(text, paragraphs, &tokens, rules, &lowercase)
}

/// Every sentence's tokens, in the order of `paragraphs`.
pub(crate) fn sentence_tokens<'a>(text: &'a str, paragraphs: &[Paragraph]) -> Vec<Vec<Tok<'a>>> {
    paragraphs
        .iter()
        .flat_map(|p| p.sentences.iter().map(|&s| toks(text, s)))
        .collect()
}

/// The words a report writes in lowercase: a capitalized one of them that
/// opens a sentence is a word, not a name.
pub(crate) fn lowercase_words(text: &str) -> HashSet<&str> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .collect()
}

/// Whether a sentence ends with a full stop, a question or an exclamation
/// mark (a headline does not).
pub(crate) fn is_closed(text: &str, sentence: Span) -> bool {
    text[sentence.range()]
        .trim_end_matches(['"', '”', '’', '\'', ')'])
        .ends_with(['.', '!', '?'])
}

/// "Federal Communications Commission" → "FCC": the capitals that open
/// its words.
pub(crate) fn initials(name: &str) -> String {
    name.split([' ', '-'])
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// "Harbor Safety Commission (HSC)": the acronym in brackets right after a
/// name ending at `end`.
pub(crate) fn defined_acronym(text: &str, end: usize) -> Option<String> {
    text[end..].strip_prefix(" (").and_then(|r| {
        let inner = &r[..r.find(')')?];
        (is_acronym(inner) && inner.len() <= 8).then(|| inner.to_string())
    })
}

/// A single word that is page furniture, a pronoun or a title, never a name.
pub(crate) fn is_not_name(word: &str) -> bool {
    NOT_NAMES.contains(&word.to_lowercase().as_str()) || NOT_ACRONYMS.contains(&word)
}

/// The candidates the rules alone find.
pub fn find_by_rules(
    text: &str,
    paragraphs: &[Paragraph],
    published: Option<&str>,
) -> Vec<Candidate> {
    let tokens = sentence_tokens(text, paragraphs);
    rules_with(text, paragraphs, &tokens, published, &lowercase_words(text))
}

/// [`find_by_rules`] with the report's tokens (by [`sentence_tokens`]) and
/// lowercase words already known.
fn rules_with<'a>(
    text: &'a str,
    paragraphs: &[Paragraph],
    tokens: &[Vec<Tok<'a>>],
    published: Option<&str>,
    lowercase: &HashSet<&'a str>,
) -> Vec<Candidate> {
    let g = Gazetteer::get();
    let published = published.and_then(Ymd::parse);
    let mut out: Vec<Candidate> = quantities::find(text, published)
        .into_iter()
        .map(|q| Candidate {
            span: q.span,
            text: text[q.span.range()].to_string(),
            found: Found::Quantity(
                match q.kind {
                    QuantityKind::Date => Kind::Date,
                    QuantityKind::Number => Kind::Number,
                },
                q.value,
            ),
            votes: Votes::default(),
            canonical: None,
            evidence: match (q.kind, q.note) {
                (QuantityKind::Date, Some(note)) => vec![format!("date: {note}")],
                (QuantityKind::Date, None) => vec!["date".into()],
                (QuantityKind::Number, _) => vec!["number with its unit".into()],
            },
            defines: None,
            weak: false,
        })
        .collect();
    let taken: Vec<Span> = out.iter().map(|c| c.span).collect();
    let ctx = Ctx { text, g, lowercase };
    let sentences = paragraphs.iter().flat_map(|p| p.sentences.iter().copied());
    for (sentence, tokens) in sentences.zip(tokens) {
        names_in_sentence(&ctx, sentence, tokens, &taken, &mut out);
        generics_in_sentence(text, tokens, g, &mut out);
    }
    out.sort_by_key(|c| (c.span.start, std::cmp::Reverse(c.span.end)));
    out.dedup_by(|b, a| b.span.start < a.span.end);
    out
}

/// The text between two tokens.
fn gap<'a>(text: &'a str, a: &Tok, b: &Tok) -> &'a str {
    text.get(a.span.end..b.span.start).unwrap_or("")
}

/// True for a headline or title line in title case: no closing full stop,
/// and most longer words capitalized.
fn headline_case(text: &str, sentence: Span, tokens: &[Tok]) -> bool {
    let closed = is_closed(text, sentence);
    let long: Vec<&Tok> = tokens
        .iter()
        .filter(|t| t.text.len() >= 4 && !t.number)
        .collect();
    let caps = long.iter().filter(|t| t.cap).count();
    !closed && long.len() >= 3 && caps * 10 >= long.len() * 7
}

/// What every sentence of one report is read with.
struct Ctx<'a, 'b> {
    text: &'a str,
    g: &'a Gazetteer,
    lowercase: &'b HashSet<&'a str>,
}

impl Ctx<'_, '_> {
    /// A capitalized word that opens a sentence only because it opens it.
    fn is_plain_word(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        OPENERS.contains(&lower.as_str())
            || (is_dictionary_word(word) && self.lowercase.contains(lower.as_str()))
    }
}

/// Words that open sentences and are never the first word of a name.
const OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "under",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "after",
    "before",
    "but",
    "and",
    "or",
    "if",
    "when",
    "while",
    "as",
    "since",
    "although",
    "though",
    "despite",
    "according",
    "speaking",
    "asked",
    "several",
    "many",
    "some",
    "most",
    "critics",
    "officials",
    "residents",
    "parents",
    "experts",
    "its",
    "his",
    "her",
    "their",
    "our",
    "my",
    "we",
    "they",
    "it",
    "he",
    "she",
    "there",
    "here",
    "what",
    "who",
    "why",
    "how",
    "where",
    "nobody",
    "everyone",
    "both",
    "each",
    "every",
    "no",
    "not",
    "yet",
    "so",
    "then",
    "also",
    "still",
    "now",
    "meanwhile",
    "however",
    "instead",
    "other",
    "another",
    "more",
    "one",
];

fn names_in_sentence(
    ctx: &Ctx,
    sentence: Span,
    t: &[Tok],
    taken: &[Span],
    out: &mut Vec<Candidate>,
) {
    let (text, g) = (ctx.text, ctx.g);
    let headline = headline_case(text, sentence, t);
    let overlaps_taken = |s: Span| taken.iter().any(|q| q.start < s.end && s.start < q.end);
    let mut i = 0;
    while i < t.len() {
        if !t[i].cap || overlaps_taken(t[i].span) {
            i += 1;
            continue;
        }
        // Grow the run of capitalized words.
        let mut j = i;
        while j + 1 < t.len() && !t[j].possessive {
            let gp = gap(text, &t[j], &t[j + 1]);
            let joinable_gap = gp == " "
                || gp == "-"
                || (gp == ". " && (g.is_honorific(t[j].text) || t[j].text.chars().count() == 1));
            if joinable_gap && t[j + 1].cap && !overlaps_taken(t[j + 1].span) {
                j += 1;
                continue;
            }
            // "Berth 14", "Gate 3"
            if gp == " "
                && t[j + 1].number
                && g.is_place_head(t[j].text)
                && !overlaps_taken(t[j + 1].span)
            {
                j += 1;
                break;
            }
            // "Ministry of Foreign Affairs", "Securities and Exchange Commission"
            let conn = t[j + 1].text;
            if gp == " " && CONNECTORS.contains(&conn) && j + 2 < t.len() {
                let mut k = j + 2;
                // "Bank of the West", but "Israel and the Palestine
                // Liberation Organization" is two names.
                if t[k].text == "the" && k + 1 < t.len() && conn != "and" && conn != "&" {
                    k += 1;
                }
                let head_before = g.is_org_head(t[j].text) || g.is_place_head(t[j].text);
                let joins =
                    t[k].cap && gap(text, &t[j + 1], &t[k - usize::from(k > j + 2)]).len() <= 1;
                let ok = joins
                    && match conn {
                        // A firm's name ends at its legal form: "Johnson
                        // Controls Inc and Lear Corp" are two firms.
                        "and" | "&" if is_legal_form(t[j].text) => false,
                        "and" | "&" => {
                            // only when the name goes on to an organization word
                            let mut e = k;
                            while e + 1 < t.len()
                                && t[e + 1].cap
                                && gap(text, &t[e], &t[e + 1]) == " "
                            {
                                e += 1;
                            }
                            g.is_org_head(t[e].text)
                        }
                        _ => head_before,
                    };
                if ok {
                    j = k;
                    continue;
                }
            }
            break;
        }
        // "Apple CEO Tim Cook": an organization, a role, a person.
        let is_role_at = |r: usize| {
            (r < j && g.is_role(&format!("{} {}", t[r].text, t[r + 1].text)))
                || (g.is_role(t[r].text)
                    && !g.is_given_name(t[r].text)
                    && !g.is_org_head(t[r].text))
        };
        let split = (i + 1..=j).find(|&r| is_role_at(r)).map(|mut r| {
            // "British Foreign Secretary Liz Truss": the nationality goes with the role.
            while r > i && g.is_nationality(t[r - 1].text) {
                r -= 1;
            }
            r
        });
        let mut parts = match split {
            // "Transport Minister Idris Mabena": plain words before a role
            // qualify the role; "Apple CEO Tim Cook": a name before it is kept.
            Some(r) if r > i => {
                let left = &text[t[i].span.start..t[r - 1].span.end];
                let plain = t[i..r].iter().all(|x| is_dictionary_word(x.text));
                if plain && g.lookup(left).is_none() {
                    vec![(r, j)]
                } else {
                    vec![(i, r - 1), (r, j)]
                }
            }
            _ => vec![(i, j)],
        };
        // "US TikTok", "Chinese Douyin": two listed names side by side.
        parts = parts
            .into_iter()
            .flat_map(|(a, b)| match listed_split(text, t, a, b, g) {
                Some(k) => vec![(a, k), (k + 1, b)],
                None => vec![(a, b)],
            })
            .collect();
        for (a, b) in parts {
            if let Some(mut c) = candidate(ctx, sentence, t, a, b) {
                // Title case says nothing about names; keep only what other
                // evidence supports.
                c.weak |= headline;
                out.push(c);
            }
        }
        i = j + 1;
    }
}

/// Where tokens `a..=b` are two names the lists know (or a nationality and a
/// known name), and are not one listed name as a whole.
fn listed_split(text: &str, t: &[Tok], a: usize, b: usize, g: &Gazetteer) -> Option<usize> {
    let words = |x: usize, y: usize| &text[t[x].span.start..t[y].span.end];
    if b == a || g.lookup(words(a, b)).is_some() {
        return None;
    }
    (a..b).find(|&k| {
        let left = words(a, k);
        let right = words(k + 1, b);
        (g.lookup(left).is_some() || (k == a && g.is_nationality(left)))
            && g.lookup(right).is_some()
    })
}

/// Builds a candidate from tokens `i..=j` of a sentence, or None when it is
/// not a name.
fn candidate(ctx: &Ctx, sentence: Span, t: &[Tok], i: usize, j: usize) -> Option<Candidate> {
    let (text, g) = (ctx.text, ctx.g);
    let mut votes = Votes::default();
    let mut evidence = Vec::new();
    let mut a = i;
    let at_start = |k: usize| {
        k == 0
            || text[sentence.start..t[k].span.start]
                .chars()
                .all(|c| !c.is_alphanumeric())
    };
    let initial = at_start(i);
    // Titles and roles before the name.
    while a <= j {
        let w = t[a].text;
        if g.is_honorific(w) {
            votes.vote(Kind::Person, 4);
            evidence.push(format!("title {w}"));
            a += 1;
        } else if a < j && g.is_role(w) && !g.is_given_name(w) {
            votes.vote(Kind::Person, 3);
            evidence.push(format!("after the title {w}"));
            a += 1;
        } else if a < j && g.is_role(&format!("{} {}", w, t[a + 1].text)) {
            votes.vote(Kind::Person, 3);
            evidence.push(format!("after the title {} {}", w, t[a + 1].text));
            a += 2;
        } else if matches!(w, "The" | "A" | "An" | "This" | "That" | "These" | "Those") {
            a += 1;
        } else if a < j
            && g.is_nationality(w)
            && (g.is_role(t[a + 1].text)
                || (a + 1 < j && g.is_role(&format!("{} {}", t[a + 1].text, t[a + 2].text))))
        {
            // "British Foreign Secretary Truss"
            a += 1;
        } else if initial
            && a == i
            && j > a
            && ctx.is_plain_word(w)
            && !g.is_given_name(w)
            && g.lookup(w).is_none()
        {
            // "Critics of Norvex", "Under Norvex's deal": the first word is
            // capitalized because it opens the sentence.
            a += 1;
        } else {
            break;
        }
    }
    if a > j {
        return None;
    }
    let b = j;
    let first = &t[a];
    let last = &t[b];
    let single = a == b;
    let span = Span::new(first.span.start, last.span.end);
    let mut span_end = span.end;
    // "U.S." keeps its final dot.
    if last.text.contains('.') && text[span.end..].starts_with('.') {
        span_end += 1;
    }
    let span = Span::new(span.start, span_end);
    let name: String = text[span.range()]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let lower = name.to_lowercase();
    if NOT_NAMES.contains(&lower.as_str()) || name.chars().count() < 2 {
        return None;
    }
    if single && (quantities::is_calendar_word(first.text) || g.is_nationality(first.text)) {
        return None;
    }
    if single
        && ((g.is_role(first.text) && !g.is_given_name(first.text))
            || (g.is_rank(first.text) && !is_acronym(first.text)))
    {
        return None;
    }
    let weak_start = initial && a == i && single;
    if weak_start
        && ctx.is_plain_word(first.text)
        && g.lookup(&name).is_none()
        && !g.is_given_name(first.text)
    {
        return None;
    }
    // A quoted slogan: the whole quotation is the "name".
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    if !single && matches!(before, Some('"' | '“' | '‘')) && matches!(after, Some('"' | '”' | '’'))
    {
        return None;
    }
    let mut canonical = None;
    if let Some(entry) = g.lookup(&name) {
        votes.vote(entry.known.kind(), 6);
        evidence.push(match entry.known {
            Known::Place => "in the list of places".to_string(),
            Known::Organization => "in the list of organizations".to_string(),
        });
        canonical = Some(entry.canonical);
    }
    // "Ministry of Transport", "Union of Regional Aircrew": the word before "of" heads the name.
    let head = if let Some(of) = (a + 1..b).find(|&k| t[k].text == "of") {
        t[of - 1].text
    } else if last.number && b > a {
        t[b - 1].text
    } else {
        last.text
    };
    if !single || last.number {
        if g.is_org_head(head) {
            votes.vote(Kind::Organization, 3);
            evidence.push(format!("organization word {head}"));
        } else if g.is_place_head(head) {
            votes.vote(Kind::Place, 3);
            evidence.push(format!("place word {head}"));
        }
    }
    if [".com", ".org", ".net", ".co.uk", ".io"]
        .iter()
        .any(|d| lower.ends_with(d))
    {
        votes.vote(Kind::Organization, 3);
        evidence.push("web address".into());
    }
    if single && NOT_ACRONYMS.contains(&first.text) {
        return None;
    }
    let code = text[span.end..].starts_with('-')
        && text[span.end + 1..].starts_with(|c: char| c.is_ascii_digit());
    if single && is_acronym(first.text) && canonical.is_none() && !code {
        votes.vote(Kind::Organization, 2);
        evidence.push("acronym".into());
    }
    let words = b - a + 1;
    if (2..=4).contains(&words)
        && g.is_given_name(first.text)
        && !g.is_org_head(head)
        && !g.is_place_head(head)
        && canonical.is_none()
    {
        votes.vote(Kind::Person, 3);
        evidence.push(format!("given name {}", first.text));
    } else if words == 2
        && g.is_given_name(last.text)
        && !g.is_org_head(head)
        && canonical.is_none()
    {
        // family name first: "Zhao Lijian"
        votes.vote(Kind::Person, 2);
        evidence.push(format!("given name {}", last.text));
    }
    // Context before the name.
    if a > 0 {
        let prev = t[a - 1].text;
        let prev_lower = prev.to_lowercase();
        let adjacent = gap(text, &t[a - 1], first) == " ";
        if adjacent && a == i && g.is_role(&prev_lower) {
            votes.vote(Kind::Person, 3);
            evidence.push(format!("after the role {prev_lower}"));
        }
        if adjacent
            && a == i
            && a >= 2
            && g.is_role(&format!("{} {}", t[a - 2].text, prev).to_lowercase())
        {
            votes.vote(Kind::Person, 3);
        }
        if adjacent && ORG_NOUNS.contains(&prev) {
            votes.vote(Kind::Organization, 3);
            evidence.push(format!("after \"{prev}\""));
        }
        if adjacent
            && matches!(prev, "in" | "at" | "from" | "near" | "across" | "outside")
            && !t[a..=b]
                .iter()
                .any(|x| ctx.lowercase.contains(x.text.to_lowercase().as_str()))
        {
            votes.vote(Kind::Place, 1);
        }
        if adjacent && prev == "for" && a >= 2 && g.is_role(&t[a - 2].text.to_lowercase()) {
            // "a spokesperson for Norvex"
            votes.vote(Kind::Organization, 2);
            evidence.push(format!("a {} for it", t[a - 2].text));
        }
        if adjacent && prev == "to" && a >= 2 && t[a - 2].text == "according" && single {
            votes.vote(Kind::Organization, 1);
        }
    }
    // Context after the name.
    let rest = &text[span.end..sentence.end.max(span.end)];
    if rest.starts_with("-based") {
        votes.vote(Kind::Place, 3);
        evidence.push("\"-based\"".into());
    }
    if b + 1 < t.len() {
        let next = &t[b + 1];
        let gp = gap(text, last, next);
        // "Kelmsford said" may be a town's council or a firm: only a full
        // name saying something is a person.
        if (gp == " " || gp == ", ")
            && g.is_speech_verb(next.text)
            && next.text != "according"
            && !g.is_org_head(head)
            && words >= 2
        {
            votes.vote(Kind::Person, 1);
            evidence.push(format!("\"{} {}\"", name, next.text));
        }
        if gp == " " && PLACE_NOUNS.contains(&next.text) {
            votes.vote(Kind::Place, 2);
            evidence.push(format!("the {} {}", name, next.text));
        }
        if last.possessive
            && (g.is_role(next.text)
                || g.is_role(&format!(
                    "{} {}",
                    next.text,
                    t.get(b + 2).map_or("", |x| x.text)
                )))
        {
            votes.vote(Kind::Organization, 2);
            evidence.push(format!("{name}'s {}", next.text));
        }
        // "Lena Marsh, a spokeswoman for", "Teodor Brandvold, the executive director"
        if gp == ", " && (2..=4).contains(&words) {
            // "Bandar Abbas, a major port": ranks that are adjectives in
            // lowercase describe no person.
            let role = t[b + 1..t.len().min(b + 6)]
                .iter()
                .any(|x| g.is_role(x.text) && !matches!(x.text, "major" | "general" | "private"));
            let det = matches!(next.text, "a" | "an" | "the" | "who" | "its");
            if role && det {
                votes.vote(Kind::Person, 2);
                evidence.push("described by a role".into());
            }
        }
    }
    // "Harbor Safety Commission (HSC)"
    let defines = defined_acronym(text, span.end);
    Some(Candidate {
        span,
        text: name,
        found: Found::Name,
        votes,
        canonical,
        evidence,
        defines,
        weak: initial && a == i,
    })
}

/// Lowercase references to a body: "the port authority", "the commission",
/// "the city council", "council members".
fn generics_in_sentence(text: &str, t: &[Tok], g: &Gazetteer, out: &mut Vec<Candidate>) {
    for (k, tok) in t.iter().enumerate() {
        if tok.cap || !g.is_generic(tok.text) {
            continue;
        }
        // "the authority of the port" is left to the translation matcher.
        if t.get(k + 1).is_some_and(|n| n.text == "of") {
            continue;
        }
        let mut start = k;
        if k > 0 {
            let prev = &t[k - 1];
            let adjacent = gap(text, prev, tok) == " ";
            if adjacent
                && !prev.cap
                && !prev.possessive
                && !prev.number
                && prev.text.chars().all(char::is_lowercase)
                && !STOP.contains(&prev.text)
            {
                start = k - 1;
            }
        }
        let before = if start > 0 { Some(&t[start - 1]) } else { None };
        let determined = before
            .is_some_and(|p| matches!(p.text, "the" | "The" | "its" | "Its") || p.possessive)
            || t.get(k + 1).is_some_and(|n| {
                matches!(
                    n.text,
                    "members"
                        | "meeting"
                        | "meetings"
                        | "chair"
                        | "spokeswoman"
                        | "spokesman"
                        | "spokesperson"
                        | "officials"
                )
            });
        if !determined {
            continue;
        }
        let span = Span::new(t[start].span.start, tok.span.end);
        out.push(Candidate {
            span,
            text: text[span.range()].to_string(),
            found: Found::Generic,
            votes: Votes {
                organization: 1,
                ..Votes::default()
            },
            canonical: None,
            evidence: vec![format!(
                "\"the {}\" refers back to a named body",
                &text[span.range()]
            )],
            defines: None,
            weak: false,
        });
    }
}

/// The short legal forms written with a full stop ("Corp.", "Inc.",
/// "Bros.").
pub(crate) fn is_abbreviated_form(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "inc" | "corp" | "co" | "cos" | "ltd" | "bros"
    )
}

/// The legal form that ends a firm's name.
fn is_legal_form(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    is_abbreviated_form(word)
        || matches!(
            word.to_ascii_lowercase().as_str(),
            "plc" | "llc" | "ag" | "sa" | "nv" | "gmbh" | "bhd"
        )
}

/// Lowercase words that cannot be part of a body's name.
const STOP: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "said", "and", "or",
    "of", "to", "by", "for", "with", "new", "whole", "entire", "same", "local", "own",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// What the rules alone find (the tagger's tests are in `nlp::tagged`).
    fn names(text: &str) -> Vec<(String, Kind)> {
        let paragraphs = segment::segment(text);
        find_by_rules(text, &paragraphs, Some("2025-03-14"))
            .into_iter()
            .filter(|c| c.found == Found::Name && !c.weak)
            .map(|c| (c.text, c.votes.winner()))
            .collect()
    }

    #[test]
    fn names_need_more_than_a_capital() {
        let found = names(
            "Critics say the plan is risky. Parents at Westbrook Primary School said on Thursday that Dr. Miriam Okafor, who chairs the Harbor Safety Commission (HSC), was right.",
        );
        assert_eq!(
            found,
            [
                ("Westbrook Primary School".to_string(), Kind::Place),
                ("Miriam Okafor".to_string(), Kind::Person),
                ("Harbor Safety Commission".to_string(), Kind::Organization),
                ("HSC".to_string(), Kind::Organization),
            ]
        );
    }

    #[test]
    fn context_decides_the_kind() {
        let found = names(
            "The fertiliser company Norvex expanded. Executives included Elizabeth Kanter, TikTok’s head of government relations, and US-based Erich Andersen.",
        );
        assert!(
            found.contains(&("Norvex".to_string(), Kind::Organization)),
            "{found:?}"
        );
        assert!(
            found.contains(&("Elizabeth Kanter".to_string(), Kind::Person)),
            "{found:?}"
        );
        assert!(
            found.contains(&("TikTok".to_string(), Kind::Organization)),
            "{found:?}"
        );
        assert!(
            found.contains(&("Erich Andersen".to_string(), Kind::Person)),
            "{found:?}"
        );
        assert!(
            found.iter().any(|(n, k)| n == "US" && *k == Kind::Place),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|(n, _)| n == "Executives" || n == "The"),
            "{found:?}"
        );
    }

    #[test]
    fn roles_inside_names_are_cut_out() {
        let found = names(
            "Officials met Transport Minister Idris Mabena and Apple CEO Tim Cook at the Ministry of Transport.",
        );
        assert_eq!(
            found,
            [
                ("Idris Mabena".to_string(), Kind::Person),
                ("Apple".to_string(), Kind::Organization),
                ("Tim Cook".to_string(), Kind::Person),
                ("Ministry of Transport".to_string(), Kind::Organization),
            ]
        );
    }

    #[test]
    fn headlines_and_slogans_are_not_names() {
        assert!(names("Port Authority Defends Chemical Storage Expansion").is_empty());
        assert!(names("They chanted “Stop The Port” outside.").is_empty());
    }

    #[test]
    fn even_evidence_goes_to_a_person_before_a_body_before_a_place() {
        let v = |person, organization, place| Votes {
            person,
            organization,
            place,
        };
        assert_eq!(v(12, 12, 0).winner(), Kind::Person);
        assert_eq!(v(6, 6, 6).winner(), Kind::Person);
        assert_eq!(v(0, 6, 6).winner(), Kind::Organization);
        assert_eq!(v(6, 7, 0).winner(), Kind::Organization);
        assert_eq!(v(0, 0, 1).winner(), Kind::Place);
        assert_eq!(v(0, 0, 0).winner(), Kind::Other);
    }
}
