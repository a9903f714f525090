//! Names the tagger cuts in two, put back together: a person's name read as
//! two people or stopped before its surname, a foreign name across its
//! particle ("Stade de Suisse"), a body's name across "and" ("Academy of
//! Motion Picture Arts and Sciences"), and a team named for its city
//! ("Washington Nationals", "Philadelphia 76ers").

use super::HOLIDAYS;
use super::people::name_word;
use crate::corpus::Span;
use crate::nlp::gazetteer::Gazetteer;
use crate::nlp::mentions::{self, Kind};
use std::collections::HashSet;

type Piece = (Span, Kind, bool);

/// The word that starts right after `at` past one space, up to the next
/// character that cannot be inside a name's word.
fn next_word(text: &str, at: usize) -> Option<(usize, &str)> {
    let rest = text.get(at..)?.strip_prefix(' ')?;
    let len = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .unwrap_or(rest.len());
    (len > 0).then(|| (at + 1, &rest[..len]))
}

/// A capitalized word that can end a person's name: a name's word (see
/// [`name_word`]) of letters in one case after the first, in no list, and
/// no word of a body, a place, a people, a rank or a holiday.
fn surname_like(w: &str, g: &Gazetteer, lowercase: &HashSet<&str>) -> bool {
    let lower = w.to_lowercase();
    name_word(w, g, lowercase)
        && w.chars().count() >= 2
        && w.chars()
            .skip(1)
            .all(|c| c.is_lowercase() || c == '-' || c == '\'')
        && g.lookup(w).is_none()
        && !g.is_nationality(w)
        && !g.is_role(&lower)
        && !g.is_rank(&lower)
        && !g.is_org_head(w)
        && !g.is_place_head(w)
        && !HOLIDAYS.contains(&lower.as_str())
}

/// "Sharron Diane Crawford" then "Smith", "Juan Abel" then "Escalante which": a
/// person's name of two words or more (or a given name alone) that the
/// tagger stops one word short,
/// or follows at once with another person, is one name with that word.
/// Only in running text (a headline or a results line runs names
/// together) and only where nothing but a space stands between them.
pub(super) fn join_people(
    text: &str,
    g: &Gazetteer,
    lowercase: &HashSet<&str>,
    pieces: &mut Vec<Piece>,
) {
    pieces.sort_by_key(|p| p.0.start);
    let mut i = 0;
    while i < pieces.len() {
        let (span, kind, headline) = pieces[i];
        let name = &text[span.range()];
        let words = name.split_whitespace().count();
        // A given name alone may go on too ("Sen. Lisa" + "Murkowski").
        let opens = words >= 2 || g.is_given_name(name);
        if kind != Kind::Person || headline || !opens {
            i += 1;
            continue;
        }
        let Some((start, word)) = next_word(text, span.end) else {
            i += 1;
            continue;
        };
        let next = pieces
            .get(i + 1)
            .filter(|q| q.0.start == start && !q.2)
            .copied();
        match next {
            // Two people side by side, the second a single word: one name
            // ("Crawford Smith"), at most five words in all.
            Some((q, Kind::Person, _))
                if !text[q.range()].contains(' ')
                    && words < 5
                    && surname_like(&text[q.range()], g, lowercase) =>
            {
                pieces[i].0.end = q.end;
                pieces.remove(i + 1);
            }
            // A word the tagger left out, that no other name takes and after
            // which no capitalized word goes on.
            None if surname_like(word, g, lowercase)
                && words < 4
                && pieces.get(i + 1).is_none_or(|q| q.0.start > start)
                && next_word(text, start + word.len())
                    .is_none_or(|(_, w)| !w.starts_with(char::is_uppercase)) =>
            {
                pieces[i].0.end = start + word.len();
            }
            _ => {}
        }
        i += 1;
    }
}

/// Particles that join two parts of a foreign name of a place or a body
/// ("Stade de Suisse", "Banco do Brasil", "Museo del Prado").
const JOINING: &[&str] = &[
    "de", "del", "des", "du", "da", "do", "dos", "das", "di", "della", "la", "le",
];

/// "Stade de Suisse", "Banco de Mexico": two names of places or bodies
/// with one or two particles between them are one name, of the first one's
/// kind, unless both are names of their own in the lists ("Spain" and
/// "France").
pub(super) fn join_foreign(text: &str, g: &Gazetteer, pieces: &mut Vec<Piece>) {
    pieces.sort_by_key(|p| p.0.start);
    let mut i = 0;
    while i + 1 < pieces.len() {
        let (span, kind, _) = pieces[i];
        let (next, next_kind, _) = pieces[i + 1];
        // Pieces may overlap: only two apart can join.
        let Some(between) = text.get(span.end..next.start) else {
            i += 1;
            continue;
        };
        let particles: Vec<&str> = between.split_whitespace().collect();
        let joins = kind != Kind::Person
            && next_kind != Kind::Person
            && between.starts_with(' ')
            && between.ends_with(' ')
            && (1..=2).contains(&particles.len())
            && particles.iter().all(|w| JOINING.contains(w))
            && !(g.lookup(&text[span.range()]).is_some()
                && g.lookup(&text[next.range()]).is_some());
        if joins {
            pieces[i].0.end = next.end;
            pieces.remove(i + 1);
        } else {
            i += 1;
        }
    }
}

/// "Academy of Motion Picture Arts" and then "and Sciences", "Ministry of
/// Trade" and then "and Industry": a body's or a place's name with "of" or "for" in it
/// goes on across "and" into capitalized English words that are no name of
/// their own ("Sciences", "Human Services"), but not into another name
/// ("Council of Europe and NATO", "Bank of England and Barclays"). What
/// "Arts and Sciences" ends in makes it a body.
pub(super) fn join_and(text: &str, g: &Gazetteer, pieces: &mut Vec<Piece>) {
    pieces.sort_by_key(|p| p.0.start);
    let mut i = 0;
    while i < pieces.len() {
        let (span, kind, _) = pieces[i];
        i += 1;
        let name = &text[span.range()];
        // "Arts and", not "California and": the word before "and" is an
        // English word too, and no name of its own.
        let before = name.rsplit(' ').next().unwrap_or("");
        if kind == Kind::Person
            || !(name.contains(" of ") || name.contains(" for "))
            || !text[span.end..].starts_with(" and ")
            || !mentions::is_dictionary_word(before)
            || g.lookup(before).is_some()
            || g.is_given_name(before)
        {
            continue;
        }
        // `end` stands before the space ahead of each word.
        let mut end = span.end + " and".len();
        let mut added = 0;
        while let Some((start, word)) = next_word(text, end).filter(|_| added < 3) {
            // The tagger may have read the word as a name of its own
            // ("Sciences"), but not as part of a longer one.
            let other = pieces.iter().find(|q| q.0.start == start);
            let plain = word.starts_with(char::is_uppercase)
                && word.chars().skip(1).all(char::is_lowercase)
                && mentions::is_dictionary_word(word)
                && g.lookup(word).is_none()
                && !g.is_given_name(word)
                && !g.is_nationality(word)
                && !g.is_org_head(word)
                && !g.is_place_head(word)
                && other.is_none_or(|q| q.0.end == start + word.len());
            if !plain {
                break;
            }
            end = start + word.len();
            added += 1;
        }
        // The words must end the name: no capitalized word right after,
        // and no second body's "of" ("House of Commons and House of
        // Lords").
        if added == 0
            || next_word(text, end).is_some_and(|(_, w)| {
                w.starts_with(char::is_uppercase) || matches!(w, "of" | "for" | "in" | "on")
            })
        {
            continue;
        }
        let joined = Span::new(span.start, end);
        let last = text[joined.range()].rsplit(' ').next().unwrap_or("");
        let p = &mut pieces[i - 1];
        p.0 = joined;
        if p.1 == Kind::Place && !g.is_place_head(last) {
            p.1 = Kind::Organization;
        }
        pieces.retain(|q| q.0 == joined || !(q.0.start > joined.start && q.0.end <= joined.end));
    }
}

/// Last words that are places though plural ("Cayman Islands", "Hawaiian
/// Gardens"), beside the lists' words for places.
const PLURAL_PLACES: &[&str] = &[
    "States",
    "Emirates",
    "Isles",
    "Springs",
    "Rapids",
    "Keys",
    "Woods",
    "Plains",
    "Lakes",
    "Highlands",
    "Lowlands",
    "Territories",
    "Provinces",
    "Shoals",
    "Flats",
    "Sands",
    "Downs",
    "Narrows",
    "Glades",
    "Meadows",
    "Pines",
    "Oaks",
    "Palms",
    "Dunes",
    "Fields",
    "Antilles",
    "Philippines",
    "Netherlands",
    "Bahamas",
    "Comoros",
    "Maldives",
    "Seychelles",
    "Wales",
    "Indies",
    "Alps",
    "Andes",
    "Pyrenees",
    "Rockies",
    "Appalachians",
    "Ozarks",
    "Everglades",
];

/// "76ers", "49ers": a team's number-name.
fn numbered_team(word: &str) -> bool {
    word.len() > 3
        && word
            .strip_suffix("ers")
            .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
}

/// The team word of a team named for its city ("Nationals" of "Washington
/// Nationals", "76ers" of "Philadelphia 76ers"): the city a listed place,
/// then a plural that is no word for a place.
pub(crate) fn team_word<'a>(name: &'a str, g: &Gazetteer) -> Option<&'a str> {
    let (city, last) = name.rsplit_once(' ')?;
    let plural = last.len() > 3
        && last.starts_with(char::is_uppercase)
        && last.ends_with('s')
        && !last.ends_with("ss")
        && !last.ends_with("us")
        && !last.ends_with("is")
        && last.chars().skip(1).all(char::is_lowercase)
        && !g.is_place_head(last)
        && !PLURAL_PLACES.contains(&last)
        && !g.is_nationality(last);
    let city_listed = g
        .lookup(city)
        .is_some_and(|e| e.known.kind() == Kind::Place);
    ((plural || numbered_team(last)) && city_listed && g.lookup(name).is_none()).then_some(last)
}

/// "Washington Nationals", "Philadelphia 76ers", "Boston Celtics": a place
/// followed by a plural that is no place word names a team, a body; so
/// does "the 76ers" alone.
pub(super) fn teams(text: &str, g: &Gazetteer, pieces: &mut Vec<Piece>) {
    for p in pieces.iter_mut() {
        // "Philadelphia 76ers": the tagger stops before the figures.
        // A city the tagger took for a person ("Denver" before "76ers")
        // too.
        let city = g
            .lookup(&text[p.0.range()])
            .is_some_and(|e| e.known.kind() == Kind::Place);
        if (p.1 != Kind::Person || city)
            && let Some((start, word)) = next_word(text, p.0.end)
            && numbered_team(word)
        {
            p.0.end = start + word.len();
            p.1 = Kind::Organization;
            continue;
        }
        if p.1 == Kind::Place && team_word(&text[p.0.range()], g).is_some() {
            p.1 = Kind::Organization;
        }
    }
    // "the 76ers" alone: found from its "ers", which few words end in
    // after figures.
    for (at, _) in text.match_indices("ers") {
        let digits = text[..at]
            .bytes()
            .rev()
            .take_while(u8::is_ascii_digit)
            .count();
        let (start, end) = (at - digits, at + "ers".len());
        let article = text[..start].ends_with("the ") || text[..start].ends_with("The ");
        let alone = !text[end..].starts_with(char::is_alphanumeric);
        if digits > 0
            && article
            && alone
            && !pieces.iter().any(|p| p.0.start < end && start < p.0.end)
        {
            pieces.push((Span::new(start, end), Kind::Organization, false));
        }
    }
}

/// "Daniels Pharmaceuticals Inc of": whatever joined or extended a name,
/// it does not end in a lowercase word, nor go on past a firm's legal form
/// into "of". (It may start with one: "von der Leyen", "al-Qaeda".)
pub(super) fn trim_lowercase_ends(text: &str, pieces: &mut Vec<Piece>) {
    for p in pieces.iter_mut() {
        let name = &text[p.0.range()];
        let words: Vec<(usize, &str)> = name
            .split(' ')
            .scan(0, |at, w| {
                let start = *at;
                *at += w.len() + 1;
                Some((start, w))
            })
            .collect();
        // "Dow Chemical Co of the United States": a firm's legal form
        // ends its name.
        let words = match words.windows(2).position(|w| {
            mentions::is_abbreviated_form(w[0].1.trim_end_matches('.')) && w[1].1 == "of"
        }) {
            Some(i) if i > 0 => words[..=i].to_vec(),
            _ => words,
        };
        // A word with a capital or a figure anywhere ("al-Qaeda", "76ers")
        // is a name's word.
        let capital =
            |w: &&(usize, &str)| w.1.chars().any(|c| c.is_uppercase() || c.is_ascii_digit());
        let Some(last) = words.iter().rev().find(capital) else {
            continue;
        };
        p.0.end = p.0.start + last.0 + last.1.len();
    }
    pieces.retain(|p| p.0.end > p.0.start);
}
