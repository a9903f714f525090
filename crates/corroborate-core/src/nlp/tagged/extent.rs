//! Where a name ends: on across lowercase particles ("Ursula von der
//! Leyen") and a generation ("Jr."), with the full stop of "Jr." or "Corp.",
//! and on into the place or body named for a person ("John F. Kennedy
//! International Airport").

use crate::corpus::Span;
use crate::nlp::gazetteer::Gazetteer;
use crate::nlp::mentions::{self, Kind};

use super::people::word_bounds;

/// Whether a name of two words or more ends in "Jr." or "Sr." (not "II":
/// "World War II", "Grade II").
pub(super) fn ends_in_generation(name: &str) -> bool {
    let mut words = name.split_whitespace().rev();
    let last = words.next().unwrap_or("");
    words.next().is_some() && mentions::is_generation(last, false)
}

/// Whether a name of two words or more ends in a firm's short legal form
/// ("Corp", "Inc.", "Bros").
pub(super) fn ends_in_legal_form(name: &str) -> bool {
    let mut words = name.split_whitespace().rev();
    let last = words.next().unwrap_or("").trim_end_matches('.');
    words.next().is_some() && mentions::is_abbreviated_form(last)
}

/// "Arcade Joseph Comeaux Jr. escaped": where the tagger starts a name at
/// "Jr.", the generation ends the person's name before it; alone it is no
/// one's name.
pub(super) fn join_generations(text: &str, pieces: &mut Vec<(Span, Kind, bool)>) {
    let mut drop = Vec::new();
    for i in 0..pieces.len() {
        let span = pieces[i].0;
        let name = &text[span.range()];
        let Some(&(a, b)) = word_bounds(name).first() else {
            continue;
        };
        let word = name[a..b].trim_end_matches(',');
        if !mentions::is_generation(word, false) {
            continue;
        }
        let end = span.start + a + word.len();
        let before = pieces.iter().position(|q| {
            q.1 == Kind::Person
                && q.0.end < span.start
                && text[q.0.end..span.start].chars().all(|c| c == ' ')
        });
        if let Some(q) = before {
            pieces[q].0.end = end;
        }
        if before.is_some() || end == span.end {
            drop.push(i);
        }
    }
    for i in drop.into_iter().rev() {
        pieces.remove(i);
    }
    // "Jr" is short for junior and "Corp" for corporation: the full stop
    // belongs to the name ("Norwest Corp." as written).
    for p in pieces.iter_mut() {
        let name = &text[p.0.range()];
        let last = name.rsplit(' ').next().unwrap_or(name);
        // A firm's full stop that also ends the sentence ("bought Lear
        // Corp. The deal") is the sentence's, as "Jr." keeps its own.
        let ends_sentence = || {
            text.get(p.0.end + 1..)
                .unwrap_or("")
                .trim_start_matches(' ')
                .chars()
                .next()
                .is_none_or(|c| c.is_uppercase() || c == '\n' || c == '\r')
        };
        let short = match p.1 {
            Kind::Person => mentions::is_generation(last, false),
            Kind::Organization => mentions::is_abbreviated_form(last) && !ends_sentence(),
            _ => false,
        };
        if short && name.contains(' ') && !last.ends_with('.') && text[p.0.end..].starts_with('.') {
            p.0.end += 1;
        }
    }
}

/// Lowercase words inside a person's name, between the given name and the
/// rest of the surname ("Ursula von der Leyen", "Lula da Silva").
const PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "de", "del", "della", "di", "da", "das", "do", "dos", "du", "la",
    "le", "bin", "ibn",
];

/// Whether a word is one of those particles, in either case ("Von" opening
/// a sentence).
pub(crate) fn is_particle(word: &str) -> bool {
    PARTICLES.contains(&word.to_lowercase().as_str())
}

/// The particles right after `at` (" von der "), and where the word after
/// them starts; None without particles or with more than two.
fn particles_after(text: &str, at: usize) -> Option<usize> {
    let mut pos = at;
    let mut count = 0;
    while let Some(rest) = text.get(pos..).and_then(|r| r.strip_prefix(' ')) {
        let word = rest
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        if !PARTICLES.contains(&word) || !rest[word.len()..].starts_with(' ') {
            break;
        }
        pos += 1 + word.len();
        count += 1;
    }
    (1..=2).contains(&count).then_some(pos + 1)
}

/// The particles right before `at` ("Von der " opening "Von der Leyen
/// said", "said von der "), where they start.
fn particles_before(text: &str, at: usize) -> Option<usize> {
    let mut pos = at;
    let mut count = 0;
    while let Some(before) = text[..pos].strip_suffix(' ') {
        let start = before
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_alphabetic())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &before[start..];
        if !is_particle(word) {
            break;
        }
        pos = start;
        count += 1;
    }
    // Only a particle that opens the name: after the start of a line or a
    // sentence, punctuation, or a lowercase word ("said von der Leyen").
    let opens = text[..pos]
        .trim_end_matches(' ')
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphabetic() || c.is_lowercase());
    ((1..=2).contains(&count) && opens).then_some(pos)
}

/// "Ursula von der Leyen", "Gil de Ferran", "Von der Leyen said": a
/// person's name runs on across lowercase particles, whatever the tagger
/// made of the words on either side.
pub(super) fn join_particles(text: &str, g: &Gazetteer, pieces: &mut Vec<(Span, Kind, bool)>) {
    pieces.sort_by_key(|p| p.0.start);
    let mut i = 0;
    while i < pieces.len() {
        let (span, kind, _) = pieces[i];
        let name = &text[span.range()];
        let last = name.rsplit(' ').next().unwrap_or(name);
        if kind != Kind::Person && !g.is_given_name(last) {
            i += 1;
            continue;
        }
        if let Some(word_start) = particles_after(text, span.end) {
            let rest = &text[word_start..];
            let len = rest
                .find(|c: char| !(c.is_alphabetic() || c == '-' || c == '\''))
                .unwrap_or(rest.len());
            let word = &rest[..len];
            let next = pieces.iter().position(|q| q.0.start == word_start);
            // "Charles de Gaulle Airport": a longer name of another kind
            // after the particle is left as it is.
            let end = match next {
                Some(n)
                    if pieces[n].1 == Kind::Person || !text[pieces[n].0.range()].contains(' ') =>
                {
                    Some(pieces[n].0.end)
                }
                Some(_) => None,
                None if word.chars().count() >= 2 && word.starts_with(char::is_uppercase) => {
                    Some(word_start + len)
                }
                None => None,
            };
            if let Some(end) = end {
                pieces[i].0.end = end;
                pieces[i].1 = Kind::Person;
                if let Some(n) = next {
                    pieces.remove(n);
                }
                continue;
            }
        }
        // Particles go before a surname ("said von der Leyen"), never
        // before a given name: "a la Jon Stewart" is French for "like".
        let first = name.split(' ').next().unwrap_or(name);
        if kind == Kind::Person
            && !(name.contains(' ') && g.is_given_name(first))
            && let Some(start) = particles_before(text, span.start)
            && !pieces[..i].iter().any(|q| q.0.end > start)
        {
            pieces[i].0.start = start;
        }
        i += 1;
    }
}

/// "Abraham Lincoln High School", "John F. Kennedy International Airport",
/// "Martin Luther King Jr. Boulevard": a person's name that goes on, in
/// capitalized words, to a word for a place or a body names that place or
/// body, not the person.
pub(super) fn named_for_people(text: &str, g: &Gazetteer, pieces: &mut Vec<(Span, Kind, bool)>) {
    pieces.sort_by_key(|p| p.0.start);
    let mut i = 0;
    while i < pieces.len() {
        let (span, kind, headline) = pieces[i];
        if kind != Kind::Person || headline {
            i += 1;
            continue;
        }
        // Up to four capitalized words or initials after the name.
        let mut end = span.end;
        let mut head = None;
        for _ in 0..4 {
            let Some(rest) = text.get(end..).and_then(|r| r.strip_prefix(' ')) else {
                break;
            };
            let len = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-' || c == '\''))
                .unwrap_or(rest.len());
            let word = &rest[..len];
            if !word.starts_with(char::is_uppercase) {
                break;
            }
            end += 1 + len;
            let bare = word.trim_end_matches('.');
            if g.is_place_head(bare) {
                head = Some((end, Kind::Place, word));
            } else if g.is_org_head(bare) && !mentions::is_abbreviated_form(bare) {
                head = Some((end, Kind::Organization, word));
            }
        }
        if let Some((end, kind, word)) = head {
            // "Boulevard." ending the sentence: the full stop is the
            // sentence's ("Ave." keeps its own).
            let stem = word.trim_end_matches('.');
            let end = if word.ends_with('.') && stem.chars().count() > 3 {
                end - (word.len() - stem.len())
            } else {
                end
            };
            pieces[i].0.end = end;
            pieces[i].1 = kind;
            let start = span.start;
            let mut k = 0;
            pieces.retain(|q| {
                let at = k;
                k += 1;
                at == i || !(q.0.start >= start && q.0.end <= end)
            });
        }
        i += 1;
    }
}
