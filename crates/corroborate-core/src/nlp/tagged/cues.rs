//! What the words around a name say of it: an age before it, a place noun
//! with "of", the body's lowercase words for a title-case headline.
use crate::corpus::Span;
use std::collections::HashSet;

/// "The port city of Bandar Abbas", "the village of Tsakona": a name right
/// after a lowercase word for a settlement or an area and "of" is that
/// place, whatever a given name inside it suggests.
pub(super) fn after_place_noun(text: &str, span: Span) -> Option<&'static str> {
    const SETTLEMENTS: &[&str] = &[
        "city", "town", "village", "port", "province", "island", "county", "district", "capital",
        "suburb", "region",
    ];
    let before = text[..span.start].trim_end().strip_suffix("of")?;
    if before.ends_with(char::is_alphabetic) {
        return None;
    }
    let word = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphabetic())
        .next()?;
    SETTLEMENTS.iter().copied().find(|&s| s == word)
}

/// "23-year-old", "a 59-year old": a name right after an age is a person's.
pub(super) fn after_age(text: &str, span: Span) -> bool {
    let before = text[..span.start].trim_end();
    let Some(rest) = before
        .strip_suffix("old")
        .and_then(|r| r.strip_suffix(['-', ' ']))
        .and_then(|r| r.strip_suffix("year"))
        .and_then(|r| r.strip_suffix(['-', ' ']))
    else {
        return false;
    };
    rest.ends_with(|c: char| c.is_ascii_digit())
}

/// A lowercase word's English stem ("checked", "checks": "check").
pub(super) fn stem(word: &str) -> String {
    crate::nlp::claims::stemmer().stem(word).into_owned()
}

/// The stems of the words a report writes in lowercase.
pub(super) fn lowercase_stems(lowercase: &HashSet<&str>) -> HashSet<String> {
    lowercase.iter().map(|w| stem(&w.to_lowercase())).collect()
}

/// "The Hollywood" read where the text goes on "The Hollywood Reporter": the
/// end of the longest listed name that starts where `span` does and runs on
/// over at most four more capitalized words, with its kind.
pub(super) fn listed_run_on(
    text: &str,
    span: Span,
    g: &crate::nlp::gazetteer::Gazetteer,
) -> Option<(usize, crate::nlp::mentions::Kind)> {
    const MORE: usize = 4;
    let mut end = span.end;
    let mut best = None;
    for _ in 0..MORE {
        let rest = &text[end..];
        let gap = rest.len() - rest.trim_start_matches(' ').len();
        if gap != 1 {
            break;
        }
        let word = rest[1..]
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | ')' | '"'))
            .next()
            .unwrap_or_default()
            .trim_end_matches(['.', '\'', '’']);
        if !word.starts_with(char::is_uppercase) {
            break;
        }
        end += 1 + word.len();
        if let Some(e) = g.lookup(&text[span.start..end]) {
            best = Some((end, e.known.kind()));
        }
    }
    best
}
