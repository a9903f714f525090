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
use std::collections::{HashMap, HashSet};

/// The tagger's words of each sentence, with their spans.
pub struct Input<'a> {
    pub doc: Document<'a>,
    pub spans: Vec<Vec<Span>>,
    /// Each sentence's span in the text.
    pub sentences: Vec<Span>,
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
    let mut names: Vec<&Candidate> = rules.iter().filter(|c| c.found == Found::Name).collect();
    names.sort_by_key(|c| c.span.start);
    let mut doc = Document::default();
    let mut spans = Vec::new();
    let mut sentences = Vec::new();
    let mut next = 0;
    for p in paragraphs {
        for &sentence in &p.sentences {
            let toks: Vec<Tok> = mentions::toks(text, sentence);
            let mut words = Vec::with_capacity(toks.len());
            let mut prev_end = sentence.start;
            for t in &toks {
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
                    before: tagger::before_class(gap.chars().find(|c| !c.is_whitespace())),
                });
            }
            let closed = mentions::is_closed(text, sentence);
            spans.push(toks.iter().map(|t| t.span).collect());
            sentences.push(sentence);
            doc.sentences.push(Sentence { words, closed });
        }
    }
    Input {
        doc,
        spans,
        sentences,
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
/// look like title case too; a headline has no figures.
fn is_headline(sentence: &Sentence) -> bool {
    let words: Vec<&str> = sentence.words.iter().map(|w| w.text).collect();
    tagger::is_headline(&words, sentence.closed)
        && !words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()))
}

/// Names the body gives (folded, with their kind) found again in the
/// headlines, whatever their case: "PELLINGHAM" in the title is the
/// Pellingham of the report.
fn in_headlines(
    text: &str,
    input: &Input,
    body: &HashMap<String, Kind>,
    taken: &[Span],
) -> Vec<(Span, Kind)> {
    let mut out = Vec::new();
    for (s, sentence) in input.doc.sentences.iter().enumerate() {
        if !is_headline(sentence) {
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
                Some((j, span, kind)) if !taken.iter().any(|t| t.overlaps(span)) => {
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
        let headline = is_headline(&input.doc.sentences[s]);
        let elsewhere = links_elsewhere(text, input.sentences[s]);
        for (a, b, k) in tagger::spans(labels) {
            let mut end = spans[b - 1].end;
            // "U.S." keeps its final dot.
            if text[spans[b - 1].range()].contains('.') && text[end..].starts_with('.') {
                end += 1;
            }
            out.push(Tagged {
                span: Span::new(spans[a].start, end),
                kind: kind_of(k),
                headline,
                elsewhere,
            });
        }
    }
    out
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

/// The rules' candidates, with their names replaced by the tagger's.
pub fn refine(
    text: &str,
    paragraphs: &[Paragraph],
    rules: Vec<Candidate>,
    lowercase: &HashSet<&str>,
) -> Vec<Candidate> {
    let Some(tagger) = Tagger::get() else {
        return rules;
    };
    let input = input(text, paragraphs, &rules);
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
                    && names.iter().any(|s| s.overlaps(c.span)) =>
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
                && let Some(r) = rules.iter().find(|r| {
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
                && let Some(r) = rules.iter().find(|r| {
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
    let tagged_spans: Vec<(Span, Option<Kind>)> = tagged.iter().map(|t| (t.span, t.kind)).collect();
    for t in &mut tagged {
        if t.kind == Some(Kind::Person) {
            t.span = person_rest(text, t.span, &rules, &tagged_spans, lowercase);
        }
        if t.kind.is_some_and(|k| k != Kind::Person)
            && person_by_rules(text, t.span, &rules, lowercase)
        {
            t.kind = Some(Kind::Person);
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
    }
    tagged.extend(nicknamed(text, lowercase));
    let pieces: Vec<(Span, Kind, bool)> = tagged
        .iter()
        .chain(&based)
        .filter(|t| !t.elsewhere || in_body.contains(&segment::fold(&name_text(t.span))))
        .filter_map(|t| Some((t, t.kind?)))
        .flat_map(|(t, kind)| {
            pieces(text, t.span, g, kind)
                .into_iter()
                .map(move |(span, listed)| (span, listed.unwrap_or(kind), t.headline))
        })
        .collect();
    let body: HashMap<String, Kind> = pieces
        .iter()
        .filter(|p| !p.2)
        .map(|p| (segment::fold(&name_text(p.0)), p.1))
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
                    || mentions::is_not_name(&name)
                    || crate::nlp::quantities::is_calendar_word(&name)
                    || g.is_nationality(&name)
                    || g.is_honorific(&name)
                    // A role word read as a person may be a surname ("King").
                    || ((g.is_role(bare) || g.is_rank(bare) || g.is_role(bare.trim_end_matches('s')))
                        && kind != Kind::Person)))
        {
            return None;
        }
        let rule = rules
            .iter()
            .find(|c| c.found == Found::Name && c.span == *span)
            .or_else(|| {
                rules
                    .iter()
                    .find(|c| c.found == Found::Name && c.span.overlaps(*span))
            });
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
        evidence.push(format!(
            "read as a {} by the trained tagger",
            kind_word(kind)
        ));
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
    for c in &rules {
        if c.found != Found::Name
            || tagged.iter().any(|t| t.span.overlaps(c.span))
            || !unlike_words(&c.text)
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
    out
}

/// Lowercase words that may sit inside a name: "Bank of England",
/// "Chester-le-Street". "In" and "at" join two names ("Wasilla Bible Church
/// in Wasilla"), not one.
const CONNECTORS: &[&str] = &[
    "of", "and", "&", "the", "for", "upon", "de", "del", "della", "der", "den", "van", "von", "du",
    "da", "di", "la", "le", "al", "bin", "y",
];

/// A tagged name's span cut to what a name can be: without lowercase words
/// at its ends ("Google to"), and split where it is two listed names side by
/// side ("U.S. TikTok", "Chinese Douyin"); with the list's kind for the
/// parts of a split.
fn pieces(text: &str, span: Span, g: &Gazetteer, kind: Kind) -> Vec<(Span, Option<Kind>)> {
    let mut words: Vec<Span> = Vec::new();
    let mut start = None;
    for (i, c) in text[span.range()].char_indices() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                words.push(Span::new(span.start + s, span.start + i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push(Span::new(span.start + s, span.end));
    }
    // Trailing hyphens and commas are not part of a name ("ByteDance-"),
    // nor the full stop after a web address ("TMZ.com.").
    for w in &mut words {
        let t = &text[w.range()];
        let mut kept = t.trim_end_matches(['-', '–', ',', ';', ':']);
        if let Some(address) = kept.strip_suffix('.')
            && WEB_ENDINGS.iter().any(|e| address.ends_with(e))
        {
            kept = address;
        }
        w.end = w.start + kept.len();
    }
    words.retain(|w| w.end > w.start);
    let lower = |w: &Span| text[w.range()].chars().all(char::is_lowercase);
    let listed = |s: Span| g.lookup(&text[s.range()]).map(|e| e.known.kind());
    // A title or a role ("Mr.", "President", "Gov.") is not part of a name.
    let title = |w: &Span| {
        let t = &text[w.range()];
        g.is_honorific(t) || g.is_role(&t.to_lowercase()) || g.is_rank(t)
    };
    // A lowercase word that is no connector ends one name and may start
    // another: "ByteDance- staff in Beijing"; a part the lists know takes
    // their kind.
    if let Some(cut) = words
        .iter()
        .position(|w| lower(w) && !CONNECTORS.contains(&&text[w.range()]))
    {
        let mut out = Vec::new();
        if let (Some(a), Some(b)) = (words.first(), words[..cut].last()) {
            out.extend(pieces(text, Span::new(a.start, b.end), g, kind));
        }
        if let Some(next) = words.get(cut + 1) {
            out.extend(pieces(text, Span::new(next.start, span.end), g, kind));
        }
        return out
            .into_iter()
            .map(|(s, k)| (s, k.or_else(|| listed(s))))
            .collect();
    }
    // A person's name starts after their title or role ("Mr. Bush",
    // "President George Bush"); a body's name may start with a role word
    // ("General Motors", "Major League Baseball").
    // A rank that only people hold ("Lieutenant Hastings") makes the rest a
    // person, whatever the tagger read.
    let given = |w: &Span| g.is_given_name(&text[w.range()]);
    let mut ranked = false;
    while words.len() > 1
        && words.first().is_some_and(title)
        && (kind == Kind::Person
            || g.is_honorific(&text[words[0].range()])
            || given(&words[1])
            || person_rank(&text[words[0].range()], g))
    {
        ranked |=
            person_rank(&text[words[0].range()], g) || g.is_honorific(&text[words[0].range()]);
        words.remove(0);
    }
    if let Some(split) = person_after_title(text, &words, g, kind) {
        return split;
    }
    if let Some(split) = person_of_place(text, &words, g, kind) {
        return split;
    }
    while words.first().is_some_and(lower)
        || (words.len() > 1
            && words.first().is_some_and(|w| {
                HEADLINE_PREPOSITIONS.contains(&text[w.range()].to_lowercase().as_str())
            }))
    {
        words.remove(0);
    }
    // Titles alone are no one's name ("Senior Trooper", "Deputy Chief"); a
    // lone role word may be a surname ("King").
    if words.len() > 1
        && words.iter().all(|w| {
            let t = &text[w.range()];
            title(w) || TITLE_WORDS.contains(&t.to_lowercase().as_str())
        })
    {
        return Vec::new();
    }
    // Nor do figures or weekdays end one: "Wasilla Bible Church at $1",
    // "Wasilla Bible Church Friday"; but "Berth 14" and "Gate 3" are names.
    let no_end = |ws: &[Span]| {
        let Some((last, rest)) = ws.split_last() else {
            return false;
        };
        let t = &text[last.range()];
        let head = rest.last().is_some_and(|p| {
            let p = &text[p.range()];
            g.is_place_head(p) || g.is_org_head(p)
        });
        lower(last)
            || (!t.chars().any(char::is_alphabetic) && !head)
            || t.starts_with(|c: char| !c.is_alphanumeric())
            || crate::nlp::quantities::is_calendar_word(t)
    };
    // "Alaska Gov." ends before its title; "The Hollywood Reporter" is a
    // body's whole name, "Billy King" a person's.
    let title_end = |ws: &[Span]| {
        ws.last()
            .is_some_and(|w| g.is_honorific(&text[w.range()]) || (kind == Kind::Place && title(w)))
    };
    while words.len() > 1 && (no_end(&words) || title_end(&words)) {
        words.pop();
    }
    while words.last().is_some_and(lower) {
        words.pop();
    }
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return Vec::new();
    };
    let whole = Span::new(first.start, last.end);
    if words.len() > 1 && listed(whole).is_none() {
        for k in 1..words.len() {
            let left = Span::new(whole.start, words[k - 1].end);
            let right = Span::new(words[k].start, whole.end);
            let nationality = k == 1 && g.is_nationality(&text[left.range()]);
            if (listed(left).is_some() || nationality) && listed(right).is_some() {
                let mut out = Vec::new();
                if !nationality {
                    out.push((left, listed(left)));
                }
                out.push((right, listed(right)));
                return out;
            }
        }
    }
    let person = ranked
        && words.len() <= 3
        && !words.iter().any(|w| {
            let t = &text[w.range()];
            g.is_org_head(t) || g.is_place_head(t)
        });
    vec![(whole, person.then_some(Kind::Person))]
}

/// Each word's start and end in `s`, split at whitespace.
fn word_bounds(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(a)) => {
                out.push((a, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(a) = start {
        out.push((a, s.len()));
    }
    out
}

/// A capitalized word that may be part of a person's name: no title, no
/// page furniture, no calendar word, and no word the report also writes in
/// lowercase ("Kirkpatrick", "King", but not "Checks" beside "checks").
fn name_word(w: &str, g: &Gazetteer, lowercase: &HashSet<&str>) -> bool {
    let lower = w.to_lowercase();
    w.starts_with(char::is_uppercase)
        && w.chars().skip(1).any(char::is_lowercase)
        && !g.is_honorific(w)
        && !mentions::is_not_name(w)
        && !FURNITURE.contains(&lower.as_str())
        && !crate::nlp::quantities::is_calendar_word(w)
        && !lowercase.contains(lower.as_str())
}

/// A person's name the tagger cut short where the rules read it whole:
/// "Eric Allen Kirkpatrick" opening a sentence, "Billy King" after
/// "General Manager". Only words that read as names and that the tagger
/// gave to no other name are added.
fn person_rest(
    text: &str,
    span: Span,
    rules: &[Candidate],
    tagged: &[(Span, Option<Kind>)],
    lowercase: &HashSet<&str>,
) -> Span {
    let g = Gazetteer::get();
    let Some(r) = rules.iter().find(|r| {
        r.found == Found::Name
            && r.votes.winner() == Kind::Person
            && r.span.overlaps(span)
            && r.span.end > span.end
    }) else {
        return span;
    };
    let extra = Span::new(span.end, r.span.end);
    let added = &text[extra.range()];
    let fits = !added.is_empty()
        && added.starts_with(' ')
        && added.split_whitespace().enumerate().all(|(i, w)| {
            // A role word may be a surname ("Billy King") where the rules
            // read it as one.
            let last = i + 1 == added.split_whitespace().count();
            name_word(w, g, lowercase) && (!g.is_role(&w.to_lowercase()) || (last && !r.weak))
        })
        // "Eric Allen" and "Kirkpatrick" read as two people side by side.
        && !tagged
            .iter()
            .any(|(o, k)| *o != span && o.overlaps(extra) && *k != Some(Kind::Person));
    if fits {
        Span::new(span.start, r.span.end)
    } else {
        span
    }
}

/// A name the tagger read as a body or a place that the rules read as a
/// person, whose first word is a given name and none of whose words is a
/// listed name or a body's or a place's word ("LuAnn Marie Johnson").
fn person_by_rules(text: &str, span: Span, rules: &[Candidate], lowercase: &HashSet<&str>) -> bool {
    let g = Gazetteer::get();
    let name = &text[span.range()];
    let words: Vec<&str> = name.split_whitespace().collect();
    words.len() >= 2
        && g.is_given_name(words[0])
        && words.iter().all(|w| {
            name_word(w, g, lowercase)
                && !g.is_role(&w.to_lowercase())
                && g.lookup(w).is_none()
                && !g.is_org_head(w)
                && !g.is_place_head(w)
        })
        && g.lookup(name).is_none()
        && rules.iter().any(|r| {
            r.found == Found::Name && !r.weak && r.span == span && r.votes.winner() == Kind::Person
        })
}

/// "Kimani (Kiki) Gray", "Luis Gerardo 'Jerry' Ortiz": a nickname in
/// brackets or quotes between a given name and a surname makes one person,
/// where the tagger stops at the brackets.
fn nicknamed(text: &str, lowercase: &HashSet<&str>) -> Vec<Tagged> {
    let g = Gazetteer::get();
    const PAIRS: &[(char, char)] = &[('(', ')'), ('\'', '\''), ('"', '"'), ('‘', '’'), ('“', '”')];
    let mut out = Vec::new();
    for (open, close) in PAIRS {
        for (at, _) in text.match_indices(*open) {
            // One capitalized word inside, a space on each side.
            let Some(inner_end) = text[at + open.len_utf8()..].find(*close) else {
                continue;
            };
            let inner = &text[at + open.len_utf8()..at + open.len_utf8() + inner_end];
            // A nickname: a given name or a short word, never a listed
            // place or body ("Olaf Ludwig (Germany) Telekom" in a results
            // table).
            let nickname = inner.starts_with(char::is_uppercase)
                && inner.chars().skip(1).all(char::is_lowercase)
                && (g.is_given_name(inner) || inner.chars().count() <= 6)
                && g.lookup(inner).is_none()
                && !g.is_nationality(inner);
            if !nickname {
                continue;
            }
            let after = at + open.len_utf8() + inner_end + close.len_utf8();
            let before = &text[..at];
            let Some(before) = before.strip_suffix(' ') else {
                continue;
            };
            let Some(rest) = text[after..].strip_prefix(' ') else {
                continue;
            };
            // Given names before: one or two name words, the first a given name.
            let words: Vec<&str> = before.rsplit(' ').take(2).collect();
            let mut first = None;
            for (n, w) in words.iter().enumerate() {
                if !name_word(w, g, lowercase) || g.is_role(&w.to_lowercase()) {
                    break;
                }
                first = Some(n);
                if g.is_given_name(w) {
                    break;
                }
            }
            let Some(n) = first else { continue };
            let start = before.len() - words[..=n].iter().map(|w| w.len() + 1).sum::<usize>() + 1;
            let surname = rest
                .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
                .next()
                .unwrap_or("");
            if surname.is_empty() || !name_word(surname, g, lowercase) {
                continue;
            }
            let span = Span::new(start, after + 1 + surname.len());
            out.push(Tagged {
                span,
                kind: Some(Kind::Person),
                headline: false,
                elsewhere: false,
            });
        }
    }
    out
}

/// Ranks and offices only people hold, whatever follows them: unlike
/// "General" or "Major", none of these starts the name of a body.
fn person_rank(word: &str, g: &Gazetteer) -> bool {
    const RANKS: &[&str] = &[
        "lieutenant",
        "sergeant",
        "captain",
        "detective",
        "constable",
        "corporal",
        "inspector",
        "sheriff",
        "senator",
        "governor",
        "mayor",
        "judge",
        "councillor",
        "councilman",
        "councilwoman",
        "congressman",
        "congresswoman",
        "spokesman",
        "spokeswoman",
    ];
    g.is_rank(word) || RANKS.contains(&word.to_lowercase().trim_end_matches('.'))
}

/// Words that go with a title ("Senior Trooper", "Acting Chief").
const TITLE_WORDS: &[&str] = &[
    "senior",
    "junior",
    "acting",
    "former",
    "deputy",
    "chief",
    "assistant",
    "vice",
];

/// Endings of web addresses: a full stop after one ends the sentence.
const WEB_ENDINGS: &[&str] = &[".com", ".org", ".net", ".gov", ".edu", ".uk", ".io", ".co"];

/// A word that may open a person's name after a title: a given name, or a
/// capitalized word that is no English word ("Heidar").
fn opens_person(text: &str, w: Span, g: &Gazetteer) -> bool {
    let t = &text[w.range()];
    t.starts_with(char::is_uppercase)
        && (g.is_given_name(t) || !mentions::is_dictionary_word(t))
        && !g.is_role(&t.to_lowercase())
        && !g.is_honorific(t)
        && g.lookup(t).is_none()
}

/// The kind of a name cut off in front of a person's title: what the lists
/// say, or what its last word says ("LA Superior Court"), or else what the
/// tagger read, but never a person.
fn body_kind(text: &str, span: Span, g: &Gazetteer, kind: Kind) -> Kind {
    let name = &text[span.range()];
    if let Some(e) = g.lookup(name) {
        return e.known.kind();
    }
    let last = name.rsplit(' ').next().unwrap_or(name);
    if g.is_org_head(last) {
        Kind::Organization
    } else if g.is_place_head(last) || kind == Kind::Person {
        Kind::Place
    } else {
        kind
    }
}

/// "Alaska Gov. Sarah Palin", "Interior Secretary Ken Salazar", "Los
/// Angeles Angels GM Tony Reagins": a title inside a run of capitals ends
/// the name of a body or a place (if one is left once the title's own
/// words are gone) and opens a person's.
fn person_after_title(
    text: &str,
    words: &[Span],
    g: &Gazetteer,
    kind: Kind,
) -> Option<Vec<(Span, Option<Kind>)>> {
    let is_title = |w: &Span| {
        let t = &text[w.range()];
        g.is_honorific(t) || g.is_role(&t.to_lowercase()) || g.is_rank(t)
    };
    let at = (1..words.len().saturating_sub(1))
        .rev()
        .find(|&i| is_title(&words[i]))?;
    // The person's name ends at a connector: "Capt. Tom Tennant and Oregon
    // State Police".
    let after = &words[at + 1..];
    let joint = after
        .iter()
        .position(|w| CONNECTORS.contains(&&text[w.range()]))
        .unwrap_or(after.len());
    let (person, rest) = after.split_at(joint);
    if person.is_empty() {
        return None;
    }
    let honorific = g.is_honorific(&text[words[at].range()]);
    let looks_like_person = person.iter().all(|w| {
        let t = &text[w.range()];
        !g.is_org_head(t) && !g.is_place_head(t)
    }) && if honorific || person_rank(&text[words[at].range()], g) {
        // After "Lt." or "Sheriff" even a town's name is a surname
        // ("Oregon State Police Lt. Hastings").
        let first = &text[person[0].range()];
        first.starts_with(char::is_uppercase)
            && !g.is_honorific(first)
            && !g.is_role(&first.to_lowercase())
    } else {
        opens_person(text, person[0], g)
            && (g.is_given_name(&text[person[0].range()]) || kind == Kind::Person)
    };
    if !looks_like_person {
        return None;
    }
    let mut out = Vec::new();
    // The title's own words go: "Senior Trooper", "President and General
    // Manager", "Interior Secretary".
    let mut body = &words[..at];
    while let Some((last, rest)) = body.split_last() {
        let t = &text[last.range()];
        let plain = mentions::is_dictionary_word(t) && g.lookup(t).is_none() && !g.is_org_head(t);
        // A plain word goes with the title before it ("General Manager")
        // or when nothing else is left ("Interior Secretary").
        let with_title = plain && rest.last().is_none_or(is_title);
        if !(is_title(last) || CONNECTORS.contains(&t) || with_title) {
            break;
        }
        body = rest;
    }
    if let (Some(a), Some(b)) = (body.first(), body.last()) {
        let span = Span::new(a.start, b.end);
        out.push((span, Some(body_kind(text, span, g, kind))));
    }
    let (Some(a), Some(b)) = (person.first(), person.last()) else {
        return None;
    };
    out.push((Span::new(a.start, b.end), Some(Kind::Person)));
    if let (Some(a), Some(b)) = (rest.get(1), rest.last()) {
        out.extend(pieces(text, Span::new(a.start, b.end), g, kind));
    }
    Some(out)
}

/// "LuAnn Marie Johnson of Burnsville", "Tom Tennant of the Woodburn Police
/// Department": a person's name, then where they are from. Bodies named
/// "X of Y" ("Bank of England", "Friends of the Earth") have a head word or
/// plain English words before the "of".
fn person_of_place(
    text: &str,
    words: &[Span],
    g: &Gazetteer,
    kind: Kind,
) -> Option<Vec<(Span, Option<Kind>)>> {
    let of = words.iter().position(|w| &text[w.range()] == "of")?;
    let person = &words[..of];
    let mut place = &words[of + 1..];
    if place.first().is_some_and(|w| &text[w.range()] == "the") {
        place = &place[1..];
    }
    if !(2..=4).contains(&person.len()) || place.is_empty() {
        return None;
    }
    let first = &text[person[0].range()];
    let opens = g.is_given_name(first) || !mentions::is_dictionary_word(first);
    let named = opens
        && person.iter().all(|w| {
            let t = &text[w.range()];
            t.chars().skip(1).any(char::is_lowercase)
                && !g.is_org_head(t)
                && !g.is_place_head(t)
                && !g.is_role(&t.to_lowercase())
                && g.lookup(t).is_none()
                && t.starts_with(char::is_uppercase)
        });
    let whole_place = Span::new(place[0].start, place[place.len() - 1].end);
    let place_text = &text[whole_place.range()];
    let last = place_text.rsplit(' ').next().unwrap_or(place_text);
    // A listed name, a body's or a place's word, or one or two words that
    // are no English words ("of Schenectady").
    let unlisted_place = place.len() <= 2
        && place.iter().all(|w| {
            let t = &text[w.range()];
            t.starts_with(char::is_uppercase) && !mentions::is_dictionary_word(t)
        });
    let somewhere = g.lookup(place_text).is_some()
        || g.is_org_head(last)
        || g.is_place_head(last)
        || unlisted_place;
    if !named || !somewhere {
        return None;
    }
    let who = Span::new(person[0].start, person[person.len() - 1].end);
    let mut out = vec![(who, Some(Kind::Person))];
    out.extend(pieces(
        text,
        whole_place,
        g,
        body_kind(text, whole_place, g, kind),
    ));
    Some(out)
}

fn kind_word(k: Kind) -> &'static str {
    match k {
        Kind::Person => "person",
        Kind::Organization => "organization",
        _ => "place",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::segment;

    /// Names and kinds the whole finder reports (no dates or numbers).
    fn names(text: &str) -> Vec<(String, Kind)> {
        let paragraphs = segment::segment(text);
        mentions::find(text, &paragraphs, Some("2024-05-02"))
            .into_iter()
            .filter(|c| c.found == Found::Name && !c.weak)
            .map(|c| (c.text, c.votes.winner()))
            .collect()
    }

    fn has(found: &[(String, Kind)], name: &str, kind: Kind) -> bool {
        found.iter().any(|(n, k)| n == name && *k == kind)
    }

    fn named(found: &[(String, Kind)], name: &str) -> bool {
        found.iter().any(|(n, _)| n == name)
    }

    #[test]
    fn a_title_inside_a_run_of_capitals_opens_a_persons_name() {
        let found = names(
            "The dam was opened by Nevada Gov. Ruth Calloway on Friday. Commerce Secretary Daniel Okafor said the rule would change. Senior Trooper Martin Szabo, a dog handler, was hurt. Carverton Comets GM Paul Whitfield said the team made an offer.",
        );
        for (person, not) in [
            ("Ruth Calloway", "Nevada Gov. Ruth Calloway"),
            ("Daniel Okafor", "Commerce Secretary Daniel Okafor"),
            ("Martin Szabo", "Senior Trooper Martin Szabo"),
            ("Paul Whitfield", "Carverton Comets GM Paul Whitfield"),
        ] {
            assert!(has(&found, person, Kind::Person), "{person} in {found:?}");
            assert!(!named(&found, not), "{not} in {found:?}");
        }
        assert!(has(&found, "Nevada", Kind::Place), "{found:?}");
        assert!(!named(&found, "Commerce"), "{found:?}");
        // After a rank only people hold, even a town's name is a surname.
        let ranked = names(
            "Dunmore State Police Lt. Hastings said the road was shut. Lieutenant Hastings gave no names.",
        );
        assert!(has(&ranked, "Hastings", Kind::Person), "{ranked:?}");
        assert!(!ranked.iter().any(|(n, k)| n.contains("Hastings") && *k != Kind::Person), "{ranked:?}");
    }

    #[test]
    fn titles_alone_abbreviations_and_headline_prepositions_are_no_names() {
        let found = names(
            "Boxer Dario Kovac, 31-2, 22 KOs, retired on Friday.\nThe driver was charged with DWI in Carverton.\nSenior Trooper, a post held by Ruth Calloway, was cut.",
        );
        for bad in ["KOs", "DWI", "Senior Trooper"] {
            assert!(!named(&found, bad), "{bad} in {found:?}");
        }
        assert!(has(&found, "Dario Kovac", Kind::Person), "{found:?}");
        let headline = names(
            "Vigil Held For Victims Of Dunmore Shooting\n\nHundreds met in Dunmore on Sunday to remember the victims.",
        );
        assert!(!named(&headline, "Of Dunmore Shooting"), "{headline:?}");
        assert!(!named(&headline, "Of Dunmore"), "{headline:?}");
    }

    #[test]
    fn a_person_of_a_place_is_two_names() {
        let found = names(
            "Officers named the driver as Irene Rosa Delgado of Carverton. Capt. Owen Marsh of the Dunmore Police Department spoke first.",
        );
        assert!(has(&found, "Irene Rosa Delgado", Kind::Person), "{found:?}");
        assert!(has(&found, "Owen Marsh", Kind::Person), "{found:?}");
        assert!(named(&found, "Carverton"), "{found:?}");
        assert!(
            has(&found, "Dunmore Police Department", Kind::Organization),
            "{found:?}"
        );
        // A body named "X of Y" stays whole.
        let bodies = names(
            "The Bank of England raised rates. The Ministry of Defence said nothing. The University of Carverton hired Irene Rosa Delgado.",
        );
        for body in [
            "The Bank of England",
            "The Ministry of Defence",
            "The University of Carverton",
        ] {
            assert!(
                has(&bodies, body, Kind::Organization),
                "{body} in {bodies:?}"
            );
        }
    }

    #[test]
    fn a_nickname_in_brackets_stays_inside_the_name() {
        let found = names("Hundreds gathered for a vigil for Darnell (Dee) Whitaker on Sunday.");
        assert!(
            has(&found, "Darnell (Dee) Whitaker", Kind::Person),
            "{found:?}"
        );
        assert!(!named(&found, "Dee"), "{found:?}");
        // A results table's country in brackets is no nickname.
        let table = names(
            "1. Pieter Vosman (Netherlands) Rabobank 4 hours 2 mins\n2. Aldo Ferri (Italy) Polti 5 seconds behind",
        );
        assert!(has(&table, "Pieter Vosman", Kind::Person), "{table:?}");
        assert!(
            !named(&table, "Pieter Vosman (Netherlands) Rabobank"),
            "{table:?}"
        );
    }

    #[test]
    fn people_organizations_and_places_in_plain_sentences() {
        let found = names(
            "Marta Oyelaran, a spokeswoman for the Tillbury Water Company, said the pipe burst near Harwick on Tuesday.\nThe mayor of Harwick, Dennis Crale, met engineers from Severn Trent.",
        );
        assert!(has(&found, "Marta Oyelaran", Kind::Person), "{found:?}");
        assert!(
            has(&found, "Tillbury Water Company", Kind::Organization),
            "{found:?}"
        );
        assert!(has(&found, "Harwick", Kind::Place), "{found:?}");
        assert!(has(&found, "Dennis Crale", Kind::Person), "{found:?}");
        assert!(!named(&found, "Tuesday"), "{found:?}");
    }

    #[test]
    fn page_furniture_is_no_name() {
        let found = names(
            "Posted 10:42 GMT, Updated 11:15 EST\nBy Laura Pinkney, Staff Reporter\nWith Steven Alcott at the helm, the club won again.\nWho is Dana Whitcombe? Internet users asked on Monday.\nShare this article\nAdvertisement",
        );
        for junk in [
            "Posted",
            "Updated",
            "GMT",
            "EST",
            "With Steven",
            "With",
            "Who",
            "Internet",
            "Share",
            "Advertisement",
            "Monday",
            "Staff Reporter",
        ] {
            assert!(!named(&found, junk), "{junk} in {found:?}");
        }
        assert!(has(&found, "Steven Alcott", Kind::Person), "{found:?}");
        assert!(has(&found, "Dana Whitcombe", Kind::Person), "{found:?}");
        assert!(has(&found, "Laura Pinkney", Kind::Person), "{found:?}");
    }

    #[test]
    fn holidays_works_and_nationalities_are_not_people_organizations_or_places() {
        let found = names(
            "Christmas shoppers filled the stores, and many Germans stayed home to watch the World Cup final on television.\nShe starred in American Pie before joining the cast of a French drama.",
        );
        for other in [
            "Christmas",
            "Germans",
            "World Cup",
            "American Pie",
            "French",
        ] {
            assert!(!named(&found, other), "{other} in {found:?}");
        }
    }

    #[test]
    fn sports_teams_are_organizations_never_people_or_places() {
        let found = names(
            "The Colts beat the Ravens 24-10 in Baltimore on Sunday, and Manchester United drew with Arsenal.",
        );
        assert!(has(&found, "Baltimore", Kind::Place), "{found:?}");
        for team in ["Ravens", "Manchester United", "Arsenal"] {
            assert!(has(&found, team, Kind::Organization), "{team} in {found:?}");
        }
        assert!(
            !has(&found, "Colts", Kind::Person) && !has(&found, "Colts", Kind::Place),
            "{found:?}"
        );
    }

    #[test]
    fn quoted_slogans_are_not_names() {
        let found = names("They chanted “Stop The Port” outside the Harwick council offices.");
        assert!(
            !named(&found, "Port") && !named(&found, "Stop The Port"),
            "{found:?}"
        );
    }

    #[test]
    fn names_end_at_quotes_possessives_and_lowercase_words() {
        let found = names(
            "Officials said Google to “remove TikTok” was unlikely. Trump’s order lingered for months at ByteDance- staff in Beijing.",
        );
        for bad in [
            "Google to",
            "Trump’s order lingered",
            "ByteDance- staff in Beijing",
        ] {
            assert!(!named(&found, bad), "{bad} in {found:?}");
        }
        assert!(has(&found, "Beijing", Kind::Place), "{found:?}");
    }

    #[test]
    fn a_name_keeps_its_label_in_the_capitals_of_the_headline() {
        let text = "FLOODS CUT OFF PELLINGHAM AS RIVER ORRIN RISES\n\nFloods cut off the town of Pellingham on Friday, after the River Orrin burst its banks.\nResidents of Pellingham were moved to a school.";
        let found = names(text);
        let pelling: Vec<&(String, Kind)> = found
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case("Pellingham"))
            .collect();
        assert!(pelling.len() >= 3, "{found:?}");
        assert!(pelling.iter().all(|(_, k)| *k == Kind::Place), "{found:?}");
    }
}
