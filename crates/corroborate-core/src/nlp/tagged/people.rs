//! Repairs to people's names the tagger reads short or as something else:
//! the rest of a name the rules read whole, a given name's person read as a
//! body, a nickname in brackets.

use super::{FURNITURE, Tagged};
use crate::corpus::Span;
use crate::nlp::gazetteer::Gazetteer;
use crate::nlp::mentions::{self, Candidate, Kind};
use std::collections::HashSet;

/// Each word's start and end in `s`, split at whitespace.
pub(super) fn word_bounds(s: &str) -> Vec<(usize, usize)> {
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
pub(super) fn name_word(w: &str, g: &Gazetteer, lowercase: &HashSet<&str>) -> bool {
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
/// `rule` is the rules' person that overlaps the name and runs past its
/// end, if there is one; `others` the tagger's names around it.
pub(super) fn person_rest(
    text: &str,
    span: Span,
    rule: Option<&Candidate>,
    mut others: impl Iterator<Item = (Span, Option<Kind>)>,
    lowercase: &HashSet<&str>,
) -> Span {
    let g = Gazetteer::get();
    let Some(r) = rule else {
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
        && !others.any(|(o, k)| o != span && o.overlaps(extra) && k != Some(Kind::Person));
    if fits {
        Span::new(span.start, r.span.end)
    } else {
        span
    }
}

/// A name the tagger read as a body or a place that the rules read as a
/// person, whose first word is a given name and none of whose words is a
/// listed name or a body's or a place's word ("LuAnn Marie Johnson").
/// `same` is the rules' strong person of exactly this span, if there is one.
pub(super) fn person_by_rules(
    text: &str,
    span: Span,
    same: Option<&Candidate>,
    lowercase: &HashSet<&str>,
) -> bool {
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
        && same.is_some()
}

/// The longest nickname looked for between brackets or quotes, in letters.
const MAX_NICKNAME: usize = 16;

/// "Kimani (Kiki) Gray", "Luis Gerardo 'Jerry' Ortiz": a nickname in
/// brackets or quotes between a given name and a surname makes one person,
/// where the tagger stops at the brackets.
pub(super) fn nicknamed(text: &str, lowercase: &HashSet<&str>) -> Vec<Tagged> {
    let g = Gazetteer::get();
    const PAIRS: &[(char, char)] = &[('(', ')'), ('\'', '\''), ('"', '"'), ('‘', '’'), ('“', '”')];
    let mut out = Vec::new();
    for (open, close) in PAIRS {
        for (at, _) in text.match_indices(*open) {
            // One capitalized word inside, a space on each side; the close
            // is looked for a few letters on only.
            let Some(inner_end) = text[at + open.len_utf8()..]
                .char_indices()
                .take(MAX_NICKNAME + 1)
                .find(|(_, c)| c == close)
                .map(|(i, _)| i)
            else {
                continue;
            };
            let inner = &text[at + open.len_utf8()..at + open.len_utf8() + inner_end];
            // A nickname: a given name or a short word, never a listed
            // place or body ("Olaf Ludwig (Germany) Telekom" in a results
            // table).
            let nickname = inner.starts_with(char::is_uppercase)
                && inner.chars().count() >= 2
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
            // One or two name words before, of letters only (no line break,
            // no comma), the first a given name if there are two.
            let words: Vec<&str> = before.rsplit(' ').take(2).collect();
            let letters = |w: &str| {
                w.chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
            };
            let mut first = None;
            for (n, w) in words.iter().enumerate() {
                if !letters(w) || !name_word(w, g, lowercase) || g.is_role(&w.to_lowercase()) {
                    break;
                }
                first = Some(n);
                if g.is_given_name(w) {
                    break;
                }
            }
            let Some(n) = first else { continue };
            // The words and the spaces between them end `before`.
            let taken = words[..=n].iter().map(|w| w.len() + 1).sum::<usize>() - 1;
            let Some(start) = before.len().checked_sub(taken) else {
                continue;
            };
            let surname = rest
                .split(|c: char| !(c.is_alphabetic() || c == '-' || c == '\''))
                .next()
                .unwrap_or("");
            // "Gray's" is Gray.
            let surname = surname
                .strip_suffix("'s")
                .unwrap_or(surname)
                .trim_end_matches('\'');
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
