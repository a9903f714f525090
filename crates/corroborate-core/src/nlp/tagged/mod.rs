//! Names decided by the trained tagger (`nlp::tagger`), with the rules'
//! candidates as its evidence: the rules nominate and explain, the tagger
//! decides where a name starts and ends and what kind it is. A rule
//! candidate the tagger reads as no name, or as another kind of name (a
//! film, a holiday, a nationality), is dropped.

use crate::corpus::Span;
use crate::nlp::gazetteer::Gazetteer;
use crate::nlp::mentions::{self, Candidate, Found, Kind, Tok, Votes};
use crate::nlp::segment::{self, Paragraph};
use crate::nlp::tagger::{self, Document, Hint, NameKind, Sentence, Tagger, Word};
use cues::{after_age, after_place_noun, listed_run_on, lowercase_stems, stem};
use std::collections::{HashMap, HashSet};

mod cues;
mod extent;
mod joins;
pub(crate) use joins::team_word;
pub(crate) use pieces::WEB_ENDINGS;
mod people;
mod pieces;
#[cfg(test)]
mod tests;

pub(crate) use extent::is_particle;
use extent::{
    ends_in_generation, ends_in_legal_form, join_generations, join_particles, named_for_people,
};
use people::{nicknamed, person_by_rules, person_rest, word_bounds};

use crate::nlp::near::Near;
use pieces::pieces;

/// The tagger's words of each sentence, with their spans.
pub struct Input<'a> {
    pub doc: Document<'a>,
    pub spans: Vec<Vec<Span>>,
    /// Each sentence's span in the text.
    pub sentences: Vec<Span>,
    /// Whether each sentence is a headline (see [`is_headline`]), decided
    /// once for both the tagger's names and the body's names found again.
    pub headlines: Vec<bool>,
}

fn hint_kind(k: Kind) -> u8 {
    match k {
        Kind::Person => 1,
        Kind::Organization => 2,
        Kind::Place => 3,
        _ => 4,
    }
}

/// The report's sentences as tagger words, each marked with the rule
/// candidate covering it.
pub fn input<'a>(text: &'a str, paragraphs: &[Paragraph], rules: &[Candidate]) -> Input<'a> {
    input_with(
        text,
        paragraphs,
        &mentions::sentence_tokens(text, paragraphs),
        rules,
    )
}

/// [`input`] with the sentences' tokens already made.
fn input_with<'a>(
    text: &'a str,
    paragraphs: &[Paragraph],
    tokens: &[Vec<Tok<'a>>],
    rules: &[Candidate],
) -> Input<'a> {
    let mut names: Vec<&Candidate> = rules.iter().filter(|c| c.found == Found::Name).collect();
    names.sort_by_key(|c| c.span.start);
    let mut doc = Document::default();
    let mut spans = Vec::new();
    let mut sentences = Vec::new();
    let mut next = 0;
    let all = paragraphs.iter().flat_map(|p| p.sentences.iter().copied());
    for (sentence, toks) in all.zip(tokens) {
        let mut words = Vec::with_capacity(toks.len());
        let mut prev_end = sentence.start;
        for t in toks {
            let gap = text.get(prev_end..t.span.start).unwrap_or("");
            prev_end = t.span.end;
            while next < names.len() && names[next].span.end <= t.span.start {
                next += 1;
            }
            let hint = names
                .get(next)
                .filter(|c| c.span.start <= t.span.start)
                .map_or(Hint::default(), |c| Hint {
                    kind: hint_kind(c.votes.winner()),
                    begin: c.span.start == t.span.start,
                    weak: c.weak,
                });
            words.push(Word {
                text: t.text,
                hint,
                before: before(gap),
            });
        }
        let closed = mentions::is_closed(text, sentence);
        spans.push(toks.iter().map(|t| t.span).collect());
        sentences.push(sentence);
        doc.sentences.push(Sentence { words, closed });
    }
    let headlines = (0..doc.sentences.len())
        .map(|s| is_headline(text, &doc.sentences[s], sentences[s]))
        .collect();
    Input {
        doc,
        spans,
        sentences,
        headlines,
    }
}

fn kind_of(k: NameKind) -> Option<Kind> {
    match k {
        NameKind::Person => Some(Kind::Person),
        NameKind::Organization => Some(Kind::Organization),
        NameKind::Place => Some(Kind::Place),
        NameKind::Misc => None,
    }
}

/// A name the tagger found.
pub struct Tagged {
    pub span: Span,
    /// None for other names (works, events, nationalities…).
    pub kind: Option<Kind>,
    /// Found in a headline (capitals or title case), where capitals say
    /// little.
    pub headline: bool,
    /// Found in a link to another story ("Read more: …").
    pub elsewhere: bool,
}

/// Lines that point to other stories: their names are not this report's.
const LINK_LINES: &[&str] = &[
    "read more",
    "related:",
    "related stories",
    "see also",
    "also read",
    "more:",
    "watch:",
    "read next",
    "recommended",
];

fn links_elsewhere(text: &str, sentence: Span) -> bool {
    let start = text[sentence.range()].trim_start().to_lowercase();
    LINK_LINES.iter().any(|p| start.starts_with(p))
}

/// A headline in capitals or title case. Results tables and lists of names
/// look like title case too; a headline has no figures. One cut short with
/// an ellipsis ("Lindsay Lohan Checks Out Of Rehab...") is still one.
fn is_headline(text: &str, sentence: &Sentence, span: Span) -> bool {
    let words: Vec<&str> = sentence.words.iter().map(|w| w.text).collect();
    let cut = text
        .get(span.range())
        .is_some_and(|t| t.trim_end().ends_with("...") || t.trim_end().ends_with('…'));
    tagger::is_headline(&words, sentence.closed && !cut)
        && !words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()))
}

/// Names the body gives (folded, with their kind) found again in the
/// headlines, whatever their case: "PELLINGHAM" in the title is the
/// Pellingham of the report.
fn in_headlines(
    text: &str,
    input: &Input,
    body: &HashMap<String, Kind>,
    taken_spans: &[Span],
) -> Vec<(Span, Kind)> {
    let taken = Near::new(taken_spans.iter().copied());
    let mut out = Vec::new();
    for s in 0..input.doc.sentences.len() {
        if !input.headlines[s] {
            continue;
        }
        let spans = &input.spans[s];
        let mut i = 0;
        while i < spans.len() {
            let mut hit = None;
            for j in i..spans.len().min(i + 6) {
                let span = Span::new(spans[i].start, spans[j].end);
                let name: Vec<&str> = text[span.range()].split_whitespace().collect();
                if let Some(kind) = body.get(&segment::fold(&name.join(" "))) {
                    hit = Some((j, span, *kind));
                }
            }
            match hit {
                Some((j, span, kind))
                    if !taken.around(span).any(|t| taken_spans[t].overlaps(span)) =>
                {
                    out.push((span, kind));
                    i = j + 1;
                }
                _ => i += 1,
            }
        }
    }
    out
}

/// Whether `span` lies inside a quotation of two or more capitalized words:
/// a slogan or a title ("Stop The Port"), not a name.
fn quoted_title(text: &str, span: Span) -> bool {
    tightly_quoted(text, span) || loosely_quoted(text, span)
}

/// Two or more capitalized words with a quotation mark right before them
/// and right after (a comma or full stop may come first): the title of a
/// film or a show in a list of them ("\"American Pie\", \"Van Wilder\" and…",
/// "the \"Mean Girls\" star"), where straight quotes leave no telling
/// which mark opens and which closes.
fn tightly_quoted(text: &str, span: Span) -> bool {
    let opens = text[..span.start]
        .chars()
        .next_back()
        .is_some_and(|c| matches!(c, '"' | '“' | '‘'));
    let closes = text[span.end..]
        .trim_start_matches([',', '.', '!', '?'])
        .starts_with(['"', '”', '’', '\'']);
    let words: Vec<&str> = text[span.range()].split_whitespace().collect();
    opens
        && closes
        && words.len() >= 2
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()))
}

fn loosely_quoted(text: &str, span: Span) -> bool {
    let open = text[..span.start]
        .char_indices()
        .rev()
        .take(60)
        .take_while(|(_, c)| !matches!(c, '”' | '\n'))
        .find(|(_, c)| matches!(c, '"' | '“'));
    let close = text[span.end..]
        .char_indices()
        .take(60)
        .take_while(|(_, c)| !matches!(c, '“' | '\n'))
        .find(|(_, c)| matches!(c, '"' | '”'));
    let (Some((a, q)), Some((b, _))) = (open, close) else {
        return false;
    };
    let inner = &text[a + q.len_utf8()..span.end + b];
    let words: Vec<&str> = inner.split_whitespace().collect();
    words.len() >= 2
        && words.len() <= 8
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()))
}

/// Every name the tagger finds in a report.
pub fn tagged_names(text: &str, input: &Input, tagger: &Tagger) -> Vec<Tagged> {
    let labels = tagger.tag(&input.doc);
    let mut out = Vec::new();
    for (s, labels) in labels.iter().enumerate() {
        let spans = &input.spans[s];
        let headline = input.headlines[s];
        let elsewhere = links_elsewhere(text, input.sentences[s]);
        for (a, b, k) in tagger::spans(labels) {
            let mut end = spans[b - 1].end;
            // "U.S." keeps its final dot.
            if text[spans[b - 1].range()].contains('.') && text[end..].starts_with('.') {
                end += 1;
            }
            let kind = kind_of(k);
            let last = text[spans[a].start..end]
                .rsplit([' ', '-'])
                .next()
                .unwrap_or("");
            let end = end + hyphen_tail(&text[end..], last, kind == Some(Kind::Person));
            let start = spans[a].start - arabic_article(&text[..spans[a].start]);
            out.push(Tagged {
                span: Span::new(start, end),
                kind,
                headline,
                elsewhere,
            });
        }
    }
    out
}

/// Lowercase ends of hyphenated words that make an adjective of a name
/// ("Putin-backed", "Obama-era", "Beijing-based"): never part of it.
const HYPHEN_ADJECTIVES: &[&str] = &[
    "era", "style", "like", "born", "type", "wide", "free", "only", "made", "area", "run", "old",
    "year", "class", "level", "size", "bound", "war",
];

/// Two-letter English words that a dash written as a hyphen runs into.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "as", "at", "be", "by", "do", "he", "if", "is", "it", "no", "of", "on", "or", "so",
    "to", "up", "we",
];

/// How far a name runs on past its `last` word inside one hyphenated word:
/// a name never ends inside a word ("Tyler-Sharman", "Coca-Cola"), and a
/// person's name, or one whose last word is no English word, may end in a
/// short lowercase syllable ("Kim Jong-un", "Moon Jae-in"); but two names
/// joined by a hyphen stay two ("Russia-Ukraine", "US-China") and the end
/// of an adjective is no part of a name ("Putin-backed", "Beijing-based").
fn hyphen_tail(after: &str, last: &str, person: bool) -> usize {
    let g = Gazetteer::get();
    let mut len = 0;
    let mut rest = after;
    let mut before = last;
    while let Some(tail) = rest.strip_prefix('-') {
        let word: &str = tail
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        let Some(first) = word.chars().next() else {
            break;
        };
        let joins = if first.is_uppercase() {
            g.lookup(word).is_none() && !mentions::is_acronym(word)
        } else {
            // A hyphen written for a dash ("man-Eric Allen Kirkpatrick-was
            // charged") runs into an English word; "Jae-in" into a syllable.
            let letters = word.chars().count();
            let syllable =
                letters <= 2 && !SMALL_WORDS.contains(&word) || !mentions::is_dictionary_word(word);
            (person || !mentions::is_dictionary_word(before))
                && syllable
                && letters <= 4
                && !word.ends_with("ed")
                && !HYPHEN_ADJECTIVES.contains(&word)
        };
        if !joins {
            break;
        }
        len += 1 + word.len();
        rest = &tail[word.len()..];
        before = word;
    }
    len
}

/// The length of an Arabic article written onto the name that follows it
/// ("al-Qaeda", "el-Sisi"), found at the end of `before`.
fn arabic_article(before: &str) -> usize {
    ["al-", "Al-", "el-", "El-", "AL-"]
        .iter()
        .find(|a| {
            before.ends_with(*a)
                && before[..before.len() - a.len()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
        .map_or(0, |a| a.len())
}

/// Words on pages that are never names by themselves, whatever their case,
/// beside the rules' own list (`mentions::is_not_name`): timestamps and
/// the words a capital letter turns into false names.
const FURNITURE: &[&str] = &[
    "posted",
    "published",
    "gmt",
    "utc",
    "est",
    "edt",
    "pst",
    "pdt",
    "bst",
    "cet",
    "who",
    "with",
    "internet",
    "web",
    // Abbreviations that are no one: "36 KOs", "charged with DWI", "is MIA".
    "ko",
    "kos",
    "tko",
    "dwi",
    "dui",
    "mia",
];

/// Whether a name of two words or more ends in a word only roads end in
/// ("Road", "Avenue"; not "Lane" or "Hill", which are surnames too).
fn ends_in_road(name: &str) -> bool {
    let mut words = name.split_whitespace().rev();
    let last = words.next().unwrap_or("").trim_end_matches('.');
    words.next().is_some()
        && matches!(
            last,
            "Road" | "Rd" | "Avenue" | "Ave" | "Boulevard" | "Blvd" | "Highway" | "Street" | "St"
        )
}

/// Prepositions a title-case headline capitalizes: never a name's first
/// word ("Convicted Of Murdering", "Shooting Of Brooklyn Teen").
const HEADLINE_PREPOSITIONS: &[&str] = &[
    "of", "in", "at", "to", "for", "from", "on", "by", "into", "over", "after", "with",
];

/// Holidays and feasts: CoNLL's other names, never a person, body or place.
const HOLIDAYS: &[&str] = &[
    "christmas",
    "easter",
    "thanksgiving",
    "halloween",
    "ramadan",
    "hanukkah",
    "diwali",
    "eid",
    "passover",
    "lent",
    "advent",
];

/// Faiths and their followers: CoNLL's other names, as nationalities are
/// ("Moslems", "a Muslim"). "Christian" alone may be a given name.
const FAITHS: &[&str] = &[
    "muslim",
    "muslims",
    "moslem",
    "moslems",
    "christians",
    "jew",
    "jews",
    "jewish",
    "hindu",
    "hindus",
    "sikh",
    "sikhs",
    "buddhist",
    "buddhists",
    "catholic",
    "catholics",
    "protestant",
    "protestants",
    "sunni",
    "sunnis",
    "shiite",
    "shiites",
];

/// Last words that make a name an event, a law or a prize.
const EVENT_HEADS: &[&str] = &[
    "open",
    "classic",
    "championship",
    "championships",
    "cup",
    "trophy",
    "tournament",
    "invitational",
    "marathon",
    "olympics",
    "war",
    "act",
    "treaty",
    "protocol",
    "accord",
    "accords",
    "prize",
    "awards",
    "festival",
    "rising",
    "uprising",
];

/// "Greater Milwaukee Open", "Korean War", "Peking Protocol": the last word
/// says what the name is. Written in capitals ("HONG KONG OPEN") too.
fn is_event_or_law(name: &str) -> bool {
    let last = name.rsplit([' ', '-']).next().unwrap_or("");
    let lower = last.to_lowercase();
    // "ACT" in capitals inside a sentence is New Zealand's party.
    let shouted_act = lower == "act" && last == "ACT" && name.chars().any(char::is_lowercase);
    EVENT_HEADS.contains(&lower.as_str()) && !shouted_act
}

/// The rules' candidates, with their names replaced by the tagger's.
pub(crate) fn refine<'a>(
    text: &'a str,
    paragraphs: &[Paragraph],
    tokens: &[Vec<Tok<'a>>],
    rules: Vec<Candidate>,
    lowercase: &HashSet<&str>,
) -> Vec<Candidate> {
    let Some(tagger) = Tagger::get() else {
        return rules;
    };
    let input = input_with(text, paragraphs, tokens, &rules);
    let tagged = tagged_names(text, &input, tagger);
    let g = Gazetteer::get();
    let sentence_starts: HashSet<usize> = paragraphs
        .iter()
        .flat_map(|p| p.sentences.iter().map(|s| s.start))
        .collect();
    let mut out: Vec<Candidate> = Vec::with_capacity(rules.len());
    let names: Vec<Span> = tagged
        .iter()
        .filter(|t| t.kind.is_some())
        .map(|t| t.span)
        .collect();
    let near_names = Near::new(names.iter().copied());
    let near_rules = Near::new(rules.iter().map(|r| r.span));
    // The first rule candidate (in the rules' order) around `span` that `pick` accepts.
    let rule_around = |span: Span, pick: &dyn Fn(&Candidate) -> bool| {
        near_rules
            .around(span)
            .filter(|&i| pick(&rules[i]))
            .min()
            .map(|i| &rules[i])
    };
    let name_text = |span: Span| {
        text[span.range()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Names the body of the report gives: a headline's capitals confirm
    // them, but do not make names by themselves.
    let in_body: HashSet<String> = tagged
        .iter()
        .filter(|t| !t.headline && !t.elsewhere && t.kind.is_some())
        .map(|t| segment::fold(&name_text(t.span)))
        .collect();
    for c in &rules {
        match &c.found {
            Found::Name => {}
            Found::Quantity(Kind::Date, _)
                if !c.text.chars().any(|ch| ch.is_ascii_digit())
                    && near_names.around(c.span).any(|i| names[i].overlaps(c.span)) =>
            {
                // "Theresa May": a name, not a month.
            }
            _ => out.push(c.clone()),
        }
    }
    // "Beijing-based" is another name as a whole (CoNLL's MISC), and a
    // place before its "-based".
    let based: Vec<Tagged> = tagged
        .iter()
        .filter(|t| t.kind.is_none())
        .filter_map(|t| {
            let name = &text[t.span.range()];
            let cut = ["-based", "-born", " based"]
                .iter()
                .find_map(|suffix| name.strip_suffix(suffix))?;
            (!cut.is_empty()).then(|| Tagged {
                span: Span::new(t.span.start, t.span.start + cut.len()),
                kind: Some(Kind::Place),
                headline: t.headline,
                elsewhere: t.elsewhere,
            })
        })
        .collect();
    // Where the rules read a longer name of the same kind around the
    // tagger's ("Harbor Safety Commission" for "Safety Commission",
    // "Commission of Safety of the Harbor"), the longer name stands.
    let mut tagged: Vec<Tagged> = tagged
        .into_iter()
        .map(|mut t| {
            if let Some(kind) = t.kind
                && let Some(r) = rule_around(t.span, &|r| {
                    r.found == Found::Name
                        && !r.weak
                        && r.votes.winner() == kind
                        && r.span.start <= t.span.start
                        && r.span.end >= t.span.end
                        && r.span != t.span
                })
            {
                t.span = r.span;
            }
            // "The Ministry" + "Defence" where the rules read "Ministry of
            // Defence": the body's name runs on to the rules' end.
            if let Some(kind) = t.kind
                && kind != Kind::Person
                && let Some(r) = rule_around(t.span, &|r| {
                    r.found == Found::Name
                        && !r.weak
                        && r.votes.winner() == kind
                        && r.span.start > t.span.start
                        && r.span.start < t.span.end
                        && r.span.end > t.span.end
                })
            {
                t.span.end = r.span.end;
            }
            t
        })
        .collect();
    let body_stems: std::cell::OnceCell<HashSet<String>> = std::cell::OnceCell::new();
    let tagged_spans: Vec<(Span, Option<Kind>)> = tagged.iter().map(|t| (t.span, t.kind)).collect();
    let near_tagged = Near::new(tagged_spans.iter().map(|t| t.0));
    for t in &mut tagged {
        if t.kind == Some(Kind::Person) {
            let rule = rule_around(t.span, &|r| {
                r.found == Found::Name
                    && r.votes.winner() == Kind::Person
                    && r.span.overlaps(t.span)
                    && r.span.end > t.span.end
            });
            // The tagger's names in the words the rules' name would add.
            let reach = rule.map_or(t.span, |r| Span::new(t.span.start, r.span.end));
            let others = near_tagged.around(reach).map(|i| tagged_spans[i]);
            t.span = person_rest(text, t.span, rule, others, lowercase);
        }
        let span = t.span;
        let same = rule_around(span, &|r| {
            r.found == Found::Name && !r.weak && r.span == span && r.votes.winner() == Kind::Person
        });
        if t.kind.is_some_and(|k| k != Kind::Person) && person_by_rules(text, span, same, lowercase)
        {
            t.kind = Some(Kind::Person);
        }
        // The lists know where a body's name ends better than the tagger
        // ("The Hollywood" of "The Hollywood Reporter").
        if t.kind.is_some_and(|k| k != Kind::Person)
            && let Some((end, kind)) = listed_run_on(text, t.span, g)
        {
            t.span.end = end;
            t.kind = Some(kind);
        }
        // "23-year-old Vishwanand Subryan of Schenectady": only a person
        // has an age.
        if t.kind.is_some_and(|k| k != Kind::Person) && after_age(text, span) {
            t.kind = Some(Kind::Person);
        }
        if t.kind.is_some_and(|k| k != Kind::Place) && after_place_noun(text, span).is_some() {
            t.kind = Some(Kind::Place);
        }
        // "Lindsay Lohan Checks Into Rehab": a headline's name is the
        // longest part of it the body names.
        // Or the longest part that ends with a surname the body uses alone
        // ("Lohan").
        if t.headline && !in_body.contains(&segment::fold(&name_text(t.span))) {
            let words: Vec<(usize, usize)> = word_bounds(&text[t.span.range()]);
            let known = |&&(a, end): &&(usize, usize)| {
                let part = Span::new(t.span.start, t.span.start + end);
                let word = Span::new(t.span.start + a, t.span.start + end);
                in_body.contains(&segment::fold(&name_text(part)))
                    || (t.kind == Some(Kind::Person)
                        && a > 0
                        && in_body.contains(&segment::fold(&text[word.range()])))
            };
            if let Some(&(_, end)) = words[..words.len().saturating_sub(1)]
                .iter()
                .rev()
                .find(known)
            {
                t.span.end = t.span.start + end;
            }
        }
        // "Lindsay Lohan Checks Into Rehab", "Checks Out Two Minutes
        // Later": a title-case headline capitalizes its verbs. A word the
        // body writes in lowercase in some form ("checked") is not part of
        // a person's name there; a name made only of such words is none.
        if t.headline
            && t.kind == Some(Kind::Person)
            && !in_body.contains(&segment::fold(&name_text(t.span)))
        {
            let stems = body_stems.get_or_init(|| lowercase_stems(lowercase));
            // A given name stays ("Will Smith Wins").
            let plain = |w: &str| {
                let w = w.to_lowercase();
                !g.is_given_name(&w)
                    && (lowercase.contains(w.as_str()) || stems.contains(stem(&w).as_str()))
            };
            let words: Vec<(usize, usize)> = word_bounds(&text[t.span.range()]);
            let word = |&(a, b): &(usize, usize)| &text[t.span.start + a..t.span.start + b];
            // The first run of words that are not plain words
            // ("NASEEM RETAINS WBO TITLE": "NASEEM").
            let first = words.iter().position(|w| !plain(word(w)));
            match first {
                Some(f) => {
                    let l = words[f..]
                        .iter()
                        .position(|w| plain(word(w)))
                        .map_or(words.len() - 1, |n| f + n - 1);
                    let start = t.span.start + words[f].0;
                    t.span = Span::new(start, t.span.start + words[l].1);
                    // What is left may be a listed body ("Request
                    // Invisible TikTok"): its kind is the list's.
                    if let Some(e) = g.lookup(&name_text(t.span)) {
                        t.kind = Some(e.known.kind());
                    }
                }
                None => t.kind = None,
            }
        }
    }
    tagged.extend(nicknamed(text, lowercase));
    let mut pieces: Vec<(Span, Kind, bool)> = tagged
        .iter()
        .chain(&based)
        .filter(|t| !t.elsewhere || in_body.contains(&segment::fold(&name_text(t.span))))
        .filter_map(|t| Some((t, t.kind?)))
        .flat_map(|(t, kind)| {
            pieces(text, t.span, g, kind)
                .into_iter()
                .map(move |(span, listed)| {
                    let mut kind = listed.unwrap_or(kind);
                    // "Arcade Joseph Comeaux Jr.": only a person's name
                    // ends in a generation.
                    if kind != Kind::Person && ends_in_generation(&text[span.range()]) {
                        kind = Kind::Person;
                    }
                    // "Marrow Bros", "Halvorsen Inc": only a firm's name
                    // ends in its legal form.
                    if kind != Kind::Organization && ends_in_legal_form(&text[span.range()]) {
                        kind = Kind::Organization;
                    }
                    // "Sheikh Zayed Road": a name that ends in a road's word
                    // is the road, whoever it is named for.
                    if kind == Kind::Person && ends_in_road(&text[span.range()]) {
                        kind = Kind::Place;
                    }
                    (span, kind, t.headline)
                })
        })
        .collect();
    pieces::spelled_by_acronyms(text, &mut pieces);
    titled_surnames(text, g, &mut pieces);
    join_generations(text, &mut pieces);
    join_particles(text, g, &mut pieces);
    joins::join_people(text, g, lowercase, &mut pieces);
    joins::join_foreign(text, g, &mut pieces);
    joins::join_and(text, g, &mut pieces);
    joins::teams(text, g, &mut pieces);
    joins::trim_lowercase_ends(text, &mut pieces);
    named_for_people(text, g, &mut pieces);
    let body: HashMap<String, Kind> = pieces
        .iter()
        .filter(|p| !p.2)
        .map(|p| (segment::fold(&name_text(p.0)), p.1))
        .collect();

    let body_words: HashSet<String> = in_body
        .iter()
        .flat_map(|n| n.split(' ').map(str::to_string))
        .collect();
    let build = |span: &Span, kind: Kind, headline: bool| -> Option<Candidate> {
        let name = name_text(*span);
        let lower = name.to_lowercase();
        let single = !name.contains(' ');
        // "An Account On TikTok": in a title-case headline, words capitalized
        // as words are no name unless the body names it too.
        let plain_words = name
            .split(' ')
            .filter(|w| {
                mentions::is_dictionary_word(w) && !g.is_given_name(w) && g.lookup(w).is_none()
            })
            .count();
        if headline && plain_words >= 2 && !in_body.contains(&segment::fold(&name)) {
            return None;
        }
        // Nor is one such word ("Two Counts Of Murder", "Inmate On The
        // Loose") unless it is a word of a name the body gives ("Bush" of
        // George W. Bush).
        if headline && single && plain_words == 1 && !body_words.contains(&segment::fold(&name)) {
            return None;
        }
        // A quoted slogan or title ("Stop The Port") is not a name.
        if quoted_title(text, *span) {
            return None;
        }
        // A holiday, a nationality, a title, or a role alone read as a body
        // or a place, is none of them ("Christmas", "VP", "MPs").
        let bare = lower.trim_end_matches('.');
        if name.chars().count() < 2
            || (single
                && (FURNITURE.contains(&bare)
                    || HOLIDAYS.contains(&bare)
                    || FAITHS.contains(&bare)
                    || mentions::is_not_name(&name)
                    || crate::nlp::quantities::is_calendar_word(&name)
                    || g.is_nationality(&name)
                    || g.is_honorific(&name)
                    // A rank alone is no one ("Const." at the end of a
                    // line); a role word read as a person may be a surname
                    // ("King").
                    || (g.is_rank(bare) && !mentions::is_acronym(&name))
                    || ((g.is_role(bare) || g.is_role(bare.trim_end_matches('s')))
                        && kind != Kind::Person)))
        {
            return None;
        }
        // A tournament, a war, a law, a treaty or a prize is a name of
        // another kind, whatever the tagger read ("Greater Milwaukee Open",
        // "Korean War", "Trades Disputes Act"), and the place inside it is
        // no mention of the place.
        if !single && g.lookup(&name).is_none() && is_event_or_law(&name) {
            return Some(Candidate {
                span: *span,
                text: name,
                found: Found::Other,
                votes: Votes::default(),
                canonical: None,
                evidence: Vec::new(),
                defines: None,
                weak: headline,
            });
        }
        // A listed body named in more than one word ("al-Qaeda", "Islamic
        // State") is no one's name, whatever the tagger read; a listed single
        // word may be a surname ("Ford") and stays with the tagger.
        let kind = match g.lookup(&name).map(|e| e.known.kind()) {
            Some(Kind::Organization)
                if kind == Kind::Person
                    && name.contains([' ', '-'])
                    && !name.split([' ', '-']).any(|w| g.is_given_name(w)) =>
            {
                Kind::Organization
            }
            _ => kind,
        };
        let rule = rule_around(*span, &|c| c.found == Found::Name && c.span == *span)
            .or_else(|| rule_around(*span, &|c| c.found == Found::Name && c.span.overlaps(*span)));
        // The tagger decides the kind; the rules' evidence for the same
        // kind adds weight and stays as the explanation.
        let mut votes = Votes::default();
        let mut evidence = Vec::new();
        if let Some(r) = rule.filter(|r| r.votes.winner() == kind) {
            votes.add(r.votes);
            evidence.extend(r.evidence.iter().cloned());
        }
        match kind {
            Kind::Person => votes.person += 6,
            Kind::Organization => votes.organization += 6,
            _ => votes.place += 6,
        }
        evidence.push(match after_place_noun(text, *span) {
            Some(noun) if kind == Kind::Place => format!("after \"{noun} of\""),
            _ => format!("read as {} by the trained tagger", kind_word(kind)),
        });
        let canonical = g
            .lookup(&name)
            .filter(|e| e.known.kind() == kind)
            .map(|e| e.canonical);
        let defines = mentions::defined_acronym(text, span.end);
        let opens = sentence_starts.contains(&span.start)
            || text[..span.start]
                .trim_end_matches(['"', '“', '‘', '\'', '(', '-', '–', '—', ' ', '*', '•'])
                .ends_with(['\n', '.', '!', '?', ':'])
            || span.start == 0;
        // A word that opens a sentence and that the report also writes in
        // lowercase may be a word, unless more than its capital says
        // otherwise.
        // A lone word read as a person only where it opens a sentence
        // ("Safety has to come first") is weak too, unless it is a given name.
        let lone_person = kind == Kind::Person && !g.is_given_name(&name);
        let weak = opens
            && (lowercase.contains(lower.as_str()) || lone_person)
            && single
            && canonical.is_none()
            && mentions::is_dictionary_word(&name);
        Some(Candidate {
            span: *span,
            text: name,
            found: Found::Name,
            votes,
            canonical,
            evidence,
            defines,
            weak,
        })
    };
    out.extend(
        pieces
            .iter()
            .filter_map(|(span, kind, headline)| build(span, *kind, *headline)),
    );
    let taken: Vec<Span> = out
        .iter()
        .filter(|c| c.found == Found::Name)
        .map(|c| c.span)
        .collect();
    let again = in_headlines(text, &input, &body, &taken);
    out.extend(
        again
            .iter()
            .filter_map(|(span, kind)| build(span, *kind, false)),
    );
    // A name of words that are no English words, that the report never
    // writes in lowercase and that the rules took for a name ("Kantor and
    // Erich Andersen" opening a sentence, "ICT Tac") is kept, as weak
    // evidence, where the tagger read nothing at all: linking may still tie
    // it to a name.
    let unlike_words = |name: &str| {
        let words: Vec<&str> = name.split(' ').collect();
        words.iter().all(|w| {
            !mentions::is_dictionary_word(w)
                && !lowercase.contains(w.to_lowercase().as_str())
                && !FURNITURE.contains(&w.to_lowercase().as_str())
                && !mentions::is_not_name(w)
                && !crate::nlp::quantities::is_calendar_word(w)
        }) && !(words.len() == 1 && mentions::is_acronym(name))
    };
    // So is a word that opens a sentence before a speech verb ("White
    // said", in a report that names Terry White elsewhere in its story):
    // alone it is no name, but it may be the short form of one.
    let before_speech = |c: &Candidate| {
        !c.text.contains(' ')
            && sentence_starts.contains(&c.span.start)
            && text[c.span.end..]
                .split_whitespace()
                .next()
                .is_some_and(|w| g.is_speech_verb(w.trim_end_matches([',', '.'])))
            && !FURNITURE.contains(&c.text.to_lowercase().as_str())
            && !mentions::is_not_name(&c.text)
    };
    let near_tagged = Near::new(tagged.iter().map(|t| t.span));
    for c in &rules {
        if c.found != Found::Name
            || near_tagged
                .around(c.span)
                .any(|i| tagged[i].span.overlaps(c.span))
            || !(unlike_words(&c.text) || before_speech(c))
        {
            continue;
        }
        let mut kept = c.clone();
        kept.weak = true;
        if let Some(address) = kept.text.strip_suffix('.')
            && WEB_ENDINGS.iter().any(|e| address.ends_with(e))
        {
            kept.text = address.to_string();
            kept.span.end -= 1;
        }
        kept.evidence
            .push("a name by the rules only; the trained tagger read no name here".into());
        out.push(kept);
    }
    out.sort_by_key(|c| (c.span.start, std::cmp::Reverse(c.span.end)));
    out.dedup_by(|b, a| b.span.start < a.span.end);
    // The tagger's other names, where nothing else was taken.
    let taken = Near::new(out.iter().map(|c| c.span));
    let others: Vec<Candidate> = tagged
        .iter()
        .filter(|t| t.kind.is_none())
        .filter(|t| !taken.around(t.span).any(|i| out[i].span.overlaps(t.span)))
        .map(|t| Candidate {
            span: t.span,
            text: name_text(t.span),
            found: Found::Other,
            votes: Votes::default(),
            canonical: None,
            evidence: Vec::new(),
            defines: None,
            weak: t.headline,
        })
        .collect();
    out.extend(others);
    out.sort_by_key(|c| (c.span.start, std::cmp::Reverse(c.span.end)));
    out
}

/// "Admiral Haldane Criticises Cuts" read as a body where the report names
/// Piet Haldane: a title or role before the surname of a person the report
/// names in full is that person ("Haldane"), as a title before a surname is
/// anywhere else.
fn titled_surnames(text: &str, g: &Gazetteer, pieces: &mut [(Span, Kind, bool)]) {
    let surnames: HashSet<String> = pieces
        .iter()
        .filter(|p| p.1 == Kind::Person)
        .filter_map(|p| {
            let name = &text[p.0.range()];
            let words = word_bounds(name);
            let &(a, b) = words.last().filter(|_| words.len() >= 2)?;
            Some(segment::fold(&name[a..b]))
        })
        .collect();
    if surnames.is_empty() {
        return;
    }
    for p in pieces.iter_mut().filter(|p| p.1 != Kind::Person) {
        let name = &text[p.0.range()];
        let [(a, b), (c, d)] = word_bounds(name)[..] else {
            continue;
        };
        let title = &name[a..b];
        if pieces::is_title(title, g) && surnames.contains(&segment::fold(&name[c..d])) {
            p.0 = Span::new(p.0.start + c, p.0.start + d);
            p.1 = Kind::Person;
        }
    }
}

/// The class of what stands between two words. A dash with a space before
/// it, or any en or em dash, separates as a colon does ("LONDON — Britain's
/// minister", "Panama - Jorge Luis Dely Valdes"); a hyphen joins
/// ("Jong-un").
fn before(gap: &str) -> u8 {
    let first = gap.chars().find(|c| !c.is_whitespace());
    let separates = match first {
        Some('–' | '—') => true,
        Some('-') => gap.starts_with(char::is_whitespace),
        _ => false,
    };
    if separates {
        b':'
    } else {
        tagger::before_class(first)
    }
}

fn kind_word(k: Kind) -> &'static str {
    match k {
        Kind::Person => "a person",
        Kind::Organization => "an organization",
        _ => "a place",
    }
}
