//! Mentions found again after linking: "the commission" for the one body so
//! named in its story, every further spelling of a known name, and names
//! written in another word order.

use super::*;
use crate::nlp::near::Near;

/// Places that qualify a lowercase body into a name of its own: "the city council".
pub(super) const LOCAL: &[&str] = &[
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
pub(super) fn attach_generics(
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
    // Built only when a bare head has no body in its own report.
    let mut shared: Option<SharedNames> = None;
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
        // A bare head ("the league", "police") is too common a word to
        // stand for a body named in another report unless the two reports
        // share other names: each town has its own police. A qualified one
        // ("the foreign ministry") goes by the story.
        let bare = !used.contains(' ');
        let pick = match (in_doc.as_slice(), found.as_slice()) {
            ([one], _) => Some(*one),
            ([], [one])
                if !bare
                    || shared
                        .get_or_insert_with(|| SharedNames::new(entities, docs.len()))
                        .alike(entities, *one, *d) =>
            {
                Some(*one)
            }
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

/// The names each report mentions, to tell whether two reports speak of
/// the same things.
struct SharedNames {
    of_doc: Vec<Vec<u32>>,
}

impl SharedNames {
    /// Reports a bare "the league" may reach across: those naming the body
    /// are checked up to this many.
    const LOOK_AT: usize = 64;

    fn new(entities: &[Group], reports: usize) -> SharedNames {
        let mut of_doc: Vec<Vec<u32>> = vec![Vec::new(); reports];
        for (ei, e) in entities.iter().enumerate() {
            if e.quantity.is_some() {
                continue;
            }
            for &d in &e.docs {
                if let Some(list) = of_doc.get_mut(d) {
                    list.push(ei as u32);
                }
            }
        }
        for list in &mut of_doc {
            list.sort_unstable();
        }
        SharedNames { of_doc }
    }

    /// Whether report `d`, which does not name `body`, shares two names
    /// with a report that does.
    fn alike(&self, entities: &[Group], body: usize, d: usize) -> bool {
        let Some(mine) = self.of_doc.get(d) else {
            return false;
        };
        // The first reports by their order, whatever order the set keeps.
        let mut naming: Vec<usize> = entities[body].docs.iter().copied().collect();
        naming.sort_unstable();
        naming
            .into_iter()
            .take(Self::LOOK_AT)
            .filter_map(|o| self.of_doc.get(o))
            // `d` does not name the body (else it would be in the report).
            .any(|theirs| crate::nlp::align::shared_count(mine, theirs) >= 2)
    }
}

/// Finds every further occurrence of a known name: at sentence starts, in
/// headlines, and in reports that never gave the evidence themselves.
pub(super) fn scan_known_names(entities: &mut [Group], docs: &[Doc]) {
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
    // Names of other kinds hold the names inside them: "U.S." in "U.S.
    // Open" is no mention of the United States. (A name read as another
    // kind as a whole, "IBF" for the title, is still the name.)
    let mut others: HashMap<usize, Vec<Span>> = HashMap::new();
    for (d, doc) in docs.iter().enumerate() {
        for c in doc.candidates.iter().filter(|c| c.found == Found::Other) {
            others.entry(d).or_default().push(c.span);
        }
    }
    let mut by_doc: HashMap<usize, Vec<Span>> = HashMap::new();
    for (d, s) in all {
        by_doc.entry(d).or_default().push(s);
    }
    for (d, doc) in docs.iter().enumerate() {
        let existing = by_doc.remove(&d).unwrap_or_default();
        let near = Near::new(existing.iter().copied());
        let holders = others.remove(&d).unwrap_or_default();
        let near_holders = Near::new(holders.iter().copied());
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
            if near.around(span).any(|i| existing[i].overlaps(span))
                || near_holders
                    .around(span)
                    .any(|i| holders[i].overlaps(span) && holders[i] != span)
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
pub(super) fn scan_translations(entities: &mut [Group], docs: &[Doc]) {
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
    // Mentions already made, so a name is not matched twice, nor found
    // again inside a longer one ("Bank of Romania" inside "National Bank of
    // Romania").
    let mut owned: HashSet<(usize, usize, usize)> = HashSet::new();
    let mut held: HashMap<usize, Vec<Span>> = HashMap::new();
    for (ei, e) in entities.iter().enumerate() {
        for (d, s) in &e.mentions {
            owned.insert((*d, s.start, ei));
            held.entry(*d).or_default().push(*s);
        }
    }
    let within = |d: usize, span: Span| {
        held.get(&d)
            .is_some_and(|v| v.iter().any(|m| m.start <= span.start && span.end <= m.end))
    };
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
                    Some((ei, span, len))
                        if !owned.contains(&(d, span.start, ei)) && !within(d, span) =>
                    {
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
    let inside: HashMap<usize, (Near, Vec<Span>)> = inside
        .into_iter()
        .map(|(d, spans)| (d, (Near::new(spans.iter().copied()), spans)))
        .collect();
    for e in entities.iter_mut() {
        e.mentions.retain(|(d, s)| {
            !inside.get(d).is_some_and(|(near, spans)| {
                near.around(*s)
                    .any(|i| spans[i].start <= s.start && s.end <= spans[i].end)
            })
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
