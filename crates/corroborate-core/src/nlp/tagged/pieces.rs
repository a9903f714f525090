//! Where a tagged name starts and ends: lowercase words, titles and
//! ranks cut off or splitting a run of capitals ("Alaska Gov. Sarah Palin"),
//! a person "of" a place, two listed names side by side.

use super::HEADLINE_PREPOSITIONS;
use crate::corpus::Span;
use crate::nlp::gazetteer::Gazetteer;
use crate::nlp::mentions::{self, Kind};

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
pub(super) fn pieces(
    text: &str,
    span: Span,
    g: &Gazetteer,
    kind: Kind,
) -> Vec<(Span, Option<Kind>)> {
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
    let title = |w: &Span| is_title(&text[w.range()], g);
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
            let rest = pieces(text, Span::new(next.start, span.end), g, kind);
            // "Wasilla Bible Church in Wasilla, Alaska": what a body is
            // "in" or "at" is where it is, a place unless listed otherwise.
            let at = matches!(&text[words[cut].range()], "in" | "at" | "near");
            if at && kind != Kind::Person {
                out.extend(rest.into_iter().map(|(s, k)| (s, k.or(Some(Kind::Place)))));
            } else {
                out.extend(rest);
            }
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
    // Titles alone are no one's name ("Senior Trooper", "Inspector
    // General"); a lone role word may be a surname ("King").
    let title_word = |w: &Span| {
        let t = &text[w.range()];
        title(w) || TITLE_WORDS.contains(&t.to_lowercase().as_str())
    };
    if words.len() > 1 && words.iter().all(title_word) {
        return Vec::new();
    }
    let given = |w: &Span| g.is_given_name(&text[w.range()]);
    let mut ranked = false;
    let mut titled = false;
    // "Coach Heidar Vossberg": a role before a word that can only open a
    // person's name makes the rest a person too.
    while words.len() > 1 && words.first().is_some_and(title) {
        let first = &text[words[0].range()];
        let person =
            person_rank(first, g) || g.is_honorific(first) || opens_person(text, words[1], g);
        if !(person || kind == Kind::Person || given(&words[1])) {
            break;
        }
        ranked |= person;
        titled = true;
        words.remove(0);
    }
    // "American Tyson", "Briton Frank Bruno": a people before a person's
    // name is no part of it ("German" may be a given name).
    if kind == Kind::Person && words.len() > 1 {
        let first = &text[words[0].range()];
        if g.is_nationality(first) && !g.is_given_name(first) {
            words.remove(0);
        }
    }
    while words.first().is_some_and(lower)
        || (words.len() > 1
            && words.first().is_some_and(|w| {
                HEADLINE_PREPOSITIONS.contains(&text[w.range()].to_lowercase().as_str())
            }))
    {
        words.remove(0);
    }
    if let Some(split) = person_after_title(text, &words, g, kind, titled) {
        return split;
    }
    if let Some(split) = person_of_place(text, &words, g, kind) {
        return split;
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
    // An abbreviated title ends a name only with its full stop: "Sen." is
    // a senator, "Hun Sen" and "Amartya Sen" are people.
    let honorific_end = |w: &str| g.is_honorific(w) && (w.ends_with('.') || w.chars().count() > 4);
    let title_end = |ws: &[Span]| {
        ws.last()
            .is_some_and(|w| honorific_end(&text[w.range()]) || (kind == Kind::Place && title(w)))
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
            // "U.S. Treasury Department", "Kurdistan Democratic Party": a
            // body of a place that the tagger read whole, named by a word
            // for a body, is one ("U.S. TikTok" is two, and "Chinese
            // Foreign Ministry" stays the Foreign Ministry).
            let of_a_place = kind == Kind::Organization
                && listed(right) == Some(Kind::Organization)
                && listed(left) == Some(Kind::Place)
                && g.is_org_head(&text[last.range()]);
            if (listed(left).is_some() || nationality) && listed(right).is_some() && !of_a_place {
                let mut out = Vec::new();
                if !nationality {
                    out.push((left, listed(left)));
                }
                out.push((right, listed(right)));
                return out;
            }
        }
    }
    // But not "Captain America", "Dr Pepper" or "Lieutenant Governor": what
    // is left after the rank must read as a surname.
    let surname_like = |w: &Span| {
        let t = &text[w.range()];
        !title_word(w)
            && g.lookup(t).is_none()
            && (g.is_given_name(t) || !mentions::is_dictionary_word(t) || words.len() > 1)
    };
    let person = ranked
        && words.len() <= 3
        && words.iter().all(surname_like)
        && !words.iter().any(|w| {
            let t = &text[w.range()];
            g.is_org_head(t) || g.is_place_head(t)
        });
    vec![(whole, person.then_some(Kind::Person))]
}

/// A title, a role or a rank written before a name ("Mr.", "President",
/// "Gov.", "Trooper"): no part of the name itself.
pub(super) fn is_title(word: &str, g: &Gazetteer) -> bool {
    g.is_honorific(word) || g.is_role(&word.to_lowercase()) || g.is_rank(word)
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
pub(crate) const WEB_ENDINGS: &[&str] =
    &[".com", ".org", ".net", ".gov", ".edu", ".uk", ".io", ".co"];

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
/// `titled`: the run began with a title already cut off, so the name in
/// front of the inner title may be a person's too ("Sheriff Bob Lane and
/// Deputy Jim Cole").
fn person_after_title(
    text: &str,
    words: &[Span],
    g: &Gazetteer,
    kind: Kind,
    titled: bool,
) -> Option<Vec<(Span, Option<Kind>)>> {
    let title_at = |w: &Span| is_title(&text[w.range()], g);
    let at = (1..words.len().saturating_sub(1))
        .rev()
        .find(|&i| title_at(&words[i]))?;
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
        let with_title = plain && rest.last().is_none_or(title_at);
        if !(title_at(last) || CONNECTORS.contains(&t) || with_title) {
            break;
        }
        body = rest;
    }
    if let (Some(a), Some(b)) = (body.first(), body.last()) {
        let span = Span::new(a.start, b.end);
        let someone = titled
            && (2..=3).contains(&body.len())
            && g.is_given_name(&text[a.range()])
            && !body.iter().any(|w| g.is_org_head(&text[w.range()]));
        let k = if someone {
            Kind::Person
        } else {
            body_kind(text, span, g, kind)
        };
        out.push((span, Some(k)));
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
    // are no English words ("of Schenectady"); any one or two capitalized
    // words when the whole is read as a person ("23-year-old … of
    // Utica"): no one's own name goes on with "of".
    let unlisted_place = place.len() <= 2
        && place.iter().all(|w| {
            let t = &text[w.range()];
            t.starts_with(char::is_uppercase)
                && (kind == Kind::Person || !mentions::is_dictionary_word(t))
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
    // The place keeps its own kind, not the person's the caller read.
    let place_kind = body_kind(text, whole_place, g, kind);
    out.extend(
        pieces(text, whole_place, g, place_kind)
            .into_iter()
            .map(|(s, k)| (s, k.or(Some(place_kind)))),
    );
    Some(out)
}

/// The longest run of words before a defined acronym whose initials it
/// spells: "Organisation for Security and Cooperation in Europe (OSCE)",
/// "Kurdistan Democratic Party (KDP)", where the tagger read a place and a
/// body side by side. Each name followed by "(ACRONYM)" that does not
/// spell it is stretched back over the words before it (capitalized words
/// and the small words between them, at most twelve) until it does; the
/// names inside the stretched one are dropped. Returns whether anything
/// changed.
pub(super) fn spelled_by_acronyms(text: &str, names: &mut Vec<(Span, Kind, bool)>) -> bool {
    const SMALL: &[&str] = &["of", "and", "the", "for", "&", "de", "in", "on", "at", "to"];
    // Its capitals, or the first letter of every word ("Human Rights in
    // China (HRIC)").
    let spells = |span: Span, acronym: &str| {
        let name = &text[span.range()];
        let every: String = name
            .split([' ', '-'])
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect();
        mentions::initials(name) == acronym || every == acronym
    };
    let mut stretched: Vec<(usize, Span)> = Vec::new();
    for (i, (span, _, _)) in names.iter().enumerate() {
        let Some(acronym) = mentions::defined_acronym(text, span.end) else {
            continue;
        };
        let acronym = acronym.replace(['.', '&'], "");
        if spells(*span, &acronym) {
            continue;
        }
        // Back a word at a time, within the line.
        let line_start = text[..span.start].rfind('\n').map_or(0, |p| p + 1);
        let mut start = span.start;
        for _ in 0..12 {
            let before = text[line_start..start].trim_end();
            if before.len() == text[line_start..start].len() && start > line_start {
                break; // not a space before: punctuation or a word joined on
            }
            let word_start = before
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_whitespace())
                .map_or(line_start, |(p, c)| line_start + p + c.len_utf8());
            let word = &text[word_start..line_start + before.len()];
            let capital = word.starts_with(char::is_uppercase)
                && word
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '\'');
            if word.is_empty() || !(capital || SMALL.contains(&word)) {
                break;
            }
            start = word_start;
            let whole = Span::new(start, span.end);
            if capital && spells(whole, &acronym) {
                stretched.push((i, whole));
                break;
            }
        }
    }
    if stretched.is_empty() {
        return false;
    }
    for &(i, whole) in &stretched {
        names[i].0 = whole;
        names[i].1 = Kind::Organization;
    }
    let kept: Vec<Span> = stretched.iter().map(|(_, s)| *s).collect();
    names.retain(|(s, _, _)| {
        kept.contains(s) || !kept.iter().any(|k| k.start <= s.start && s.end <= k.end)
    });
    true
}
