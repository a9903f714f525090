//! The links between spellings of one organization or place: an acronym
//! and its name, a short name and its fuller one, British and American
//! spellings, a web address and its body.

use super::*;

pub(super) fn link_acronyms(
    groups: &[Group],
    by_key: &HashMap<String, usize>,
    defined: &[(usize, String, usize)],
    sets: &mut Sets,
) {
    for (gi, acr, d) in defined {
        // "Europe (OSCE)": the acronym belongs to a longer name before it,
        // not to the place it follows. A body's acronym may come from its
        // name in another language ("Doctors Without Borders (MSF)").
        let first = |s: &str| {
            s.chars()
                .find(|c| c.is_alphabetic())
                .map(|c| c.to_lowercase().to_string())
        };
        if first(groups[*gi].best_surface()) != first(acr)
            && groups[*gi].votes.winner() != Kind::Organization
        {
            continue;
        }
        let key = format!("n:{}", name_key(acr, None));
        let here = format!("{key}@{d}");
        if let Some(&ai) = by_key.get(&here).or_else(|| by_key.get(&key)) {
            sets.union(*gi, ai);
        }
    }
    let mut by_initials: HashMap<String, Vec<usize>> = HashMap::new();
    for (gi, grp) in groups.iter().enumerate() {
        if grp.quantity.is_none() && grp.words() >= 2 && grp.votes.winner() == Kind::Organization {
            // Every spelling's initials, and its listed name's: "The
            // Hollywood Reporter", mostly written without its "The", goes
            // by "THR".
            let mut keys: Vec<String> = grp
                .surfaces
                .keys()
                .map(String::as_str)
                .chain(grp.canonical)
                .map(initials)
                .collect();
            keys.sort_unstable();
            keys.dedup();
            for key in keys {
                by_initials.entry(key).or_default().push(gi);
            }
        }
    }
    for (gi, grp) in groups.iter().enumerate() {
        let s = grp.best_surface();
        if grp.canonical.is_some() || !is_acronym(s) {
            continue;
        }
        // "The Hollywood Reporter" and "Hollywood Reporter" may still be
        // two spellings here: one body all the same.
        if let Some(bodies) = by_initials.get(&s.replace('.', "")) {
            sets.join_the_one(bodies, gi);
        }
    }
}

/// "Promises Treatment Centre" for Promises Treatment Center, "Motion
/// Pictures" for Motion Picture, "SAP-Arena" for SAP Arena: a body spelled
/// the British or the American way, with one word in the plural, or with a
/// hyphen for a space, in the same story.
pub(super) fn link_regional_spellings(
    groups: &[Group],
    in_stories: &[HashSet<u32>],
    sets: &mut Sets,
) {
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for (gi, grp) in groups.iter().enumerate() {
        if grp.quantity.is_some()
            || grp.canonical.is_some()
            || !matches!(grp.votes.winner(), Kind::Organization | Kind::Place)
        {
            continue;
        }
        // "SAP-Arena" is SAP Arena.
        let words: Vec<&str> = strip_the(grp.best_surface()).split([' ', '-']).collect();
        if words.len() < 2 {
            continue;
        }
        let key: Vec<String> = words
            .iter()
            .map(|w| spelling_variant(&fold(w), words.len() >= 3))
            .collect();
        by_key.entry(key.join(" ")).or_default().push(gi);
    }
    // Each spelling joins the first of its kind in each of its stories: a
    // name split by report in a large archive has thousands of groups, and
    // comparing them pair by pair would cost their square.
    for list in by_key.values() {
        let mut first: HashMap<(u32, Kind), usize> = HashMap::new();
        for &gi in list {
            let kind = groups[gi].votes.winner();
            let mut stories: Vec<u32> = in_stories[gi].iter().copied().collect();
            stories.sort_unstable();
            for st in stories {
                let at = *first.entry((st, kind)).or_insert(gi);
                sets.union(at, gi);
            }
        }
    }
}

/// Word endings spelled two ways, British first, in families tried in this
/// order; within a family the first that fits applies, on words of at
/// least the given length.
const SPELLINGS: &[&[(&str, &str, usize)]] = &[
    &[("tre", "ter", 5)],
    &[("isers", "isors", 7), ("iser", "isor", 6)],
    &[("our", "or", 6)],
    &[
        ("isation", "ization", 10),
        ("ised", "ized", 7),
        ("ise", "ize", 6),
    ],
];

/// One spelling for a word's British and American forms ("centre",
/// "center"; "recognised", "recognized"; "harbour", "harbor"; "advisers",
/// "advisors"), and for its singular and plural where `plural` allows.
fn spelling_variant(word: &str, plural: bool) -> String {
    let mut w = word.to_string();
    if plural
        && w.chars().count() >= 5
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
    {
        w.pop();
    }
    for family in SPELLINGS {
        if let Some((british, american, _)) = family
            .iter()
            .find(|(british, _, shortest)| w.len() >= *shortest && w.ends_with(british))
        {
            w.truncate(w.len() - british.len());
            w.push_str(american);
        }
    }
    w
}

/// "TMZ.com" for TMZ: a body named by its web address is the body of that
/// name in the same story.
pub(super) fn link_web_addresses(groups: &[Group], in_stories: &[HashSet<u32>], sets: &mut Sets) {
    let org = |grp: &Group| grp.quantity.is_none() && grp.votes.winner() == Kind::Organization;
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (gi, grp) in groups.iter().enumerate() {
        if org(grp) {
            by_name
                .entry(fold(grp.best_surface()))
                .or_default()
                .push(gi);
        }
    }
    for (gi, grp) in groups.iter().enumerate() {
        let surface = grp.best_surface();
        let Some(stem) = crate::nlp::tagged::WEB_ENDINGS
            .iter()
            .find_map(|e| surface.strip_suffix(e))
        else {
            continue;
        };
        if !org(grp) || stem.is_empty() {
            continue;
        }
        let Some(named) = by_name.get(&fold(stem)) else {
            continue;
        };
        let near: Vec<usize> = named
            .iter()
            .copied()
            .filter(|&o| in_stories[gi].is_empty() || !in_stories[o].is_disjoint(&in_stories[gi]))
            .collect();
        sets.join_the_one(&near, gi);
    }
}

/// "Staunton Police" for the Staunton Police Department, "Qeshm" for Qeshm
/// Island, "Promises Treatment Center" for Malibu Promises Treatment Center:
/// a body or a place named without its last head word or without the place
/// in front, in the same story, and of the same kind (the town of Staunton
/// is not its police).
pub(super) fn link_fuller_names(
    groups: &[Group],
    g: &Gazetteer,
    in_stories: &[HashSet<u32>],
    sets: &mut Sets,
) {
    let body = |grp: &Group| {
        grp.quantity.is_none()
            && grp.canonical.is_none()
            && matches!(grp.votes.winner(), Kind::Organization | Kind::Place)
    };
    let key = |words: &[&str]| words.iter().map(|w| fold(w)).collect::<Vec<_>>().join(" ");
    // Each longer name under the shorter names it may go by.
    let mut longer: HashMap<String, Vec<usize>> = HashMap::new();
    // The place a longer name opens with, as listed.
    let mut opened_by: HashMap<usize, &'static str> = HashMap::new();
    for (gi, grp) in groups.iter().enumerate() {
        let words: Vec<&str> = strip_the(grp.best_surface()).split(' ').collect();
        // "The Police" is no longer name of "Police".
        if !body(grp) || words.len() < 2 {
            continue;
        }
        let head = |w: &str| g.is_org_head(w) || g.is_place_head(w);
        if words.last().is_some_and(|w| head(w)) {
            longer
                .entry(key(&words[..words.len() - 1]))
                .or_default()
                .push(gi);
        }
        // "U. S. Fish and Wildlife Service" for the Fish and Wildlife
        // Service: a place of one or two words before a body's name.
        let place = |s: &str| {
            g.lookup(s)
                .filter(|e| e.known == Known::Place)
                .map(|e| e.canonical)
        };
        for k in 1..=2 {
            if words.len() < k + 2 {
                break;
            }
            if let Some(p) = place(&words[..k].join(" ")).or_else(|| place(&words[..k].concat())) {
                longer.entry(key(&words[k..])).or_default().push(gi);
                opened_by.insert(gi, p);
            }
        }
    }
    // A shorter name joins the one longer name of its kind in its story.
    for (o, grp) in groups.iter().enumerate() {
        if !body(grp) {
            continue;
        }
        let words: Vec<&str> = strip_the(grp.best_surface()).split(' ').collect();
        let Some(found) = longer.get(&key(&words)) else {
            continue;
        };
        let near: Vec<usize> = found
            .iter()
            .copied()
            .filter(|&gi| {
                gi != o
                    && groups[gi].votes.winner() == grp.votes.winner()
                    && (in_stories[o].is_empty() || !in_stories[o].is_disjoint(&in_stories[gi]))
            })
            .collect();
        // "LA Superior Court" and "The Los Angeles Superior Court" are one
        // court, and "Superior Court" is it.
        let places: HashSet<Option<&str>> =
            near.iter().map(|gi| opened_by.get(gi).copied()).collect();
        if near.len() > 1 && places.len() == 1 && !places.contains(&None) {
            for &gi in &near {
                sets.union(gi, o);
            }
            continue;
        }
        sets.join_the_one(&near, o);
    }
}

/// "at Betty Ford" for the Betty Ford Center, "into Walter Reed" for the
/// hospital: a person's full name that opens the name of the one body of
/// its story named for that person, and that its reports put after "at",
/// "into" or "in" at least half the time, is that body. Its mentions then
/// count for the body's kind, not a person's.
pub(super) fn link_named_for_people(
    groups: &mut [Group],
    docs: &[Doc],
    in_stories: &[HashSet<u32>],
    sets: &mut Sets,
) {
    let body = |grp: &Group| {
        grp.quantity.is_none() && matches!(grp.votes.winner(), Kind::Organization | Kind::Place)
    };
    let mut by_opening: HashMap<String, Vec<usize>> = HashMap::new();
    for (gi, grp) in groups.iter().enumerate() {
        let words: Vec<&str> = strip_the(grp.best_surface()).split(' ').collect();
        if body(grp) && words.len() >= 3 {
            for k in 2..words.len() {
                by_opening
                    .entry(fold(&words[..k].join(" ")))
                    .or_default()
                    .push(gi);
            }
        }
    }
    let mut joined = Vec::new();
    for (gi, grp) in groups.iter().enumerate() {
        if grp.quantity.is_some() || grp.votes.winner() != Kind::Person || grp.words() < 2 {
            continue;
        }
        let Some(found) = by_opening.get(&fold(grp.best_surface())) else {
            continue;
        };
        let here = &in_stories[gi];
        let near: Vec<usize> = found
            .iter()
            .copied()
            .filter(|&b| !in_stories[b].is_disjoint(here))
            .collect();
        let placed = grp
            .mentions
            .iter()
            .filter(|(d, span)| {
                docs.get(*d)
                    .is_some_and(|doc| after_place_word(doc.text, span.start))
            })
            .count();
        if near.is_empty() || placed * 2 < grp.mentions.len() {
            continue;
        }
        // Several such bodies ("Betty Ford Center", "Betty Ford Clinic"):
        // the one named most, at least twice as often as any other.
        let mut named: HashMap<usize, usize> = HashMap::new();
        for &b in &near {
            *named.entry(sets.find(b)).or_default() += groups[b].mentions.len();
        }
        let mut ranked: Vec<(usize, usize)> = named.into_iter().map(|(r, n)| (n, r)).collect();
        ranked.sort_unstable_by(|a, b| b.cmp(a));
        let next = ranked.get(1).map_or(0, |r| r.0);
        if let Some(&(most, root)) = ranked.first()
            && most >= 2 * next
            && let Some(&b) = near.iter().find(|&&b| sets.find(b) == root)
        {
            sets.union(b, gi);
            joined.push((gi, groups[b].votes.winner()));
        }
    }
    for (gi, kind) in joined {
        let v = &mut groups[gi].votes;
        let all = v.person + v.organization + v.place;
        *v = Votes::default();
        if kind == Kind::Place {
            v.place = all;
        } else {
            v.organization = all;
        }
    }
}

/// Whether the word before `at` puts a name where something is: "at",
/// "into", "in" ("checked into Betty Ford"), not "to" or "from", which a
/// person follows as often ("according to", "a letter from").
fn after_place_word(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or("").trim_end();
    let word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    matches!(word, "at" | "into" | "in" | "inside" | "outside")
}
