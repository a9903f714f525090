//! The links between spellings of one person, within a report or a story:
//! surnames and given names alone, middle names left out, forms of one
//! given name, generations, near spellings; and dates.

use super::*;

/// Each group's stories, worked out once for every linker: linking asks for
/// them pair by pair. Empty for all when the reports form no stories.
pub(super) fn stories_of_groups(groups: &[Group], story: &[u32]) -> Vec<HashSet<u32>> {
    groups
        .iter()
        .map(|grp| {
            grp.docs
                .iter()
                .filter_map(|d| story.get(*d).copied())
                .collect()
        })
        .collect()
}

/// "Kanter" for Elizabeth Kanter, "Courier" for The Calder Courier.
pub(super) fn link_short_forms(
    groups: &[Group],
    g: &Gazetteer,
    story: &[u32],
    in_stories: &[HashSet<u32>],
    sets: &mut Sets,
) {
    let mut by_last: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
    for (gi, grp) in groups.iter().enumerate() {
        if grp.quantity.is_some() || grp.words() < 2 {
            continue;
        }
        let kind = grp.votes.winner();
        let surface = grp.best_surface();
        let last = if kind == Kind::Person {
            surname(surface)
        } else {
            last_word(surface)
        };
        if kind == Kind::Person && g.is_given_name(first_word(surface)) {
            by_first
                .entry(fold(first_word(surface)))
                .or_default()
                .push(gi);
        }
        // "Nationals" for the Washington Nationals.
        if kind == Kind::Person
            || (kind == Kind::Organization
                && (g.is_org_head(last) || crate::nlp::tagged::team_word(surface, g).is_some()))
        {
            by_last.entry(fold(last)).or_default().push(gi);
        }
        let first = first_word(surface);
        // "Tarnwell" for Tarnwell Aviation Services: a firm by its own name.
        if kind == Kind::Organization
            && !crate::corpus::glue::is_known_word(&first.to_lowercase())
            && !g.is_org_head(first)
            && g.lookup(first).is_none()
        {
            by_last.entry(fold(first)).or_default().push(gi);
        }
        // Family name first ("Zhao Lijian"): "Zhao" is short for it too.
        if kind == Kind::Person
            && surface.split(' ').count() == 2
            && !g.is_given_name(first)
            && g.is_given_name(last)
        {
            by_last.entry(fold(first)).or_default().push(gi);
        }
    }
    for (gi, grp) in groups.iter().enumerate() {
        // A place named inside an organization's name is the place, not the
        // organization ("Ormeport" in Ormeport Maritime Safety Board).
        // But an unlisted word read as a place in a report that names a
        // person with that surname is the person ("said Zadan and Meron").
        let place = grp.votes.winner() == Kind::Place;
        // A spelling its report or story settled on as a place or a body
        // (the datelines' "LINCOLN") is no one's surname there.
        let settled_apart = grp.settled.is_some_and(|k| k != Kind::Person);
        // "Von der Leyen" is a surname alone, as "Kanter" is.
        let particled = grp.words() > 1 && {
            let surface = grp.best_surface();
            let mut words: Vec<&str> = surface.split(' ').collect();
            words.pop();
            words.len() <= 2 && words.iter().all(|w| crate::nlp::tagged::is_particle(w))
        };
        if grp.quantity.is_some()
            || (grp.words() != 1 && !particled)
            || grp.canonical.is_some()
            || settled_apart
            || (place && g.lookup(grp.best_surface()).is_some())
        {
            continue;
        }
        // A given name that is no one's surname still looks for its full
        // name below.
        let full: &[usize] = by_last
            .get(&fold(grp.best_surface()))
            .map_or(&[], Vec::as_slice);
        // The one full name of the same report, or else of the same story:
        // "Bush" in a football report is not the president of another story.
        let in_report: Vec<usize> = full
            .iter()
            .copied()
            .filter(|&f| grp.docs.iter().any(|d| groups[f].docs.contains(d)))
            .filter(|&f| !place || groups[f].votes.winner() == Kind::Person)
            .collect();
        let here = &in_stories[gi];
        if place {
            // A report that names no one of that surname in full leans on
            // its story: "said Zadan and Meron" where the others name Neil
            // Meron.
            let people = if in_report.is_empty() {
                full.iter()
                    .copied()
                    .filter(|&f| {
                        groups[f].votes.winner() == Kind::Person && !in_stories[f].is_disjoint(here)
                    })
                    .collect()
            } else {
                in_report
            };
            sets.join_the_one(&people, gi);
            continue;
        }
        // A given name alone ("Lindsay") only for the one full name of the
        // same report that starts with it.
        if in_report.is_empty()
            && let Some(firsts) = by_first.get(&fold(grp.best_surface()))
        {
            let mine: Vec<usize> = firsts
                .iter()
                .copied()
                .filter(|&f| grp.docs.iter().any(|d| groups[f].docs.contains(d)))
                .collect();
            let roots: HashSet<usize> = mine.iter().map(|&f| sets.find(f)).collect();
            if roots.len() == 1 && grp.votes.winner() == Kind::Person {
                sets.union(mine[0], gi);
                continue;
            }
            // None in its report: the story's subject of that given name
            // ("Craig" for Craig Zadan, named in full across the story).
            if mine.is_empty() && grp.votes.winner() == Kind::Person {
                let theirs: Vec<usize> = firsts
                    .iter()
                    .copied()
                    .filter(|&f| !in_stories[f].is_disjoint(here))
                    .collect();
                if let Some(f) = subject_of_story(groups, &theirs, here, story, sets) {
                    sets.union(f, gi);
                    continue;
                }
            }
        }
        let in_story: Vec<usize> = full
            .iter()
            .copied()
            .filter(|&f| here.is_empty() || !in_stories[f].is_disjoint(here))
            .collect();
        if let Some(f) = subject_of_reports(groups, grp, &in_report, sets) {
            sets.union(f, gi);
            continue;
        }
        // The report names no one of that surname in full, or two as often
        // as each other ("Chris Weitz" and his brother "Paul Weitz" once
        // each): its story's subject, if the story has one.
        let settled_by_report = {
            let mut roots = in_report.iter().map(|&r| sets.find(r));
            roots.next().is_some_and(|first| roots.all(|r| r == first))
        };
        if !settled_by_report
            && let Some(f) = subject_of_story(groups, &in_story, here, story, sets)
            && (in_report.is_empty() || in_report.iter().any(|&r| sets.find(r) == sets.find(f)))
        {
            sets.union(f, gi);
            continue;
        }
        // The report's own full names first; two of them settle nothing.
        for candidates in [in_report, in_story] {
            if sets.join_the_one(&candidates, gi) > 0 {
                break;
            }
        }
    }
}

/// "Bettie Page" named in full four times and her brother Jack Page once:
/// news style names the subject by surname alone and a relative in full, so
/// the surname alone is the one its reports name first and at least twice
/// as often as anyone else of that surname, where every report of the
/// surname agrees. "John Carr met Brendan Carr. Carr said nothing." joins
/// neither.
fn subject_of_reports(
    groups: &[Group],
    surname: &Group,
    full: &[usize],
    sets: &mut Sets,
) -> Option<usize> {
    let roots: HashSet<usize> = full.iter().map(|&f| sets.find(f)).collect();
    if roots.len() < 2 {
        return None;
    }
    let mut chosen: Option<usize> = None;
    for &d in &surname.docs {
        // Each name's mentions in this report, and where it is first named.
        let mut seen: HashMap<usize, (usize, usize)> = HashMap::new();
        for &f in full {
            for &(doc, span) in &groups[f].mentions {
                if doc == d {
                    let e = seen.entry(sets.find(f)).or_insert((0, usize::MAX));
                    e.0 += 1;
                    e.1 = e.1.min(span.start);
                }
            }
        }
        if seen.is_empty() {
            continue;
        }
        let first = seen
            .iter()
            .min_by_key(|(_, (_, at))| *at)
            .map(|(r, _)| *r)?;
        let most = seen.get(&first)?.0;
        if seen.iter().any(|(r, (n, _))| *r != first && n * 2 > most) {
            return None;
        }
        if chosen.is_some_and(|c| c != first) {
            return None;
        }
        chosen = Some(first);
    }
    let root = chosen?;
    full.iter().copied().find(|&f| sets.find(f) == root)
}

/// "Deputy Ortiz" in a report that names no Ortiz in full, where its story
/// names the deputy Jerry Ortiz in ten reports and his mother and sisters
/// in two: the surname alone is the story's subject, named in full in at
/// least three of its reports and three times as many as anyone else of
/// that surname (or given name).
fn subject_of_story(
    groups: &[Group],
    full: &[usize],
    here: &HashSet<u32>,
    story: &[u32],
    sets: &mut Sets,
) -> Option<usize> {
    if here.is_empty() || full.is_empty() {
        return None;
    }
    let mut reports: HashMap<usize, HashSet<usize>> = HashMap::new();
    for &f in full {
        let docs = groups[f]
            .docs
            .iter()
            .copied()
            .filter(|d| story.get(*d).is_some_and(|s| here.contains(s)));
        reports.entry(sets.find(f)).or_default().extend(docs);
    }
    let mut counts: Vec<(usize, usize)> = reports.iter().map(|(r, d)| (d.len(), *r)).collect();
    counts.sort_unstable_by(|a, b| b.cmp(a));
    let (top, root) = *counts.first()?;
    let next = counts.get(1).map_or(0, |c| c.0);
    if top < 3 || top < 3 * next {
        return None;
    }
    full.iter().copied().find(|&f| sets.find(f) == root)
}

/// "John Henry" for John W. Henry, "Luann Johnson" for LuAnn Marie Johnson:
/// a first and last name with the middle left out, when one such full name
/// is in the same story.
pub(super) fn link_middle_names(groups: &[Group], in_stories: &[HashSet<u32>], sets: &mut Sets) {
    let ends = |grp: &Group| -> Option<(String, String, usize)> {
        let words: Vec<&str> = grp.best_surface().split(' ').collect();
        (words.len() >= 2).then(|| {
            (
                fold(words[0].trim_end_matches('.')),
                fold(words[words.len() - 1]),
                words.len(),
            )
        })
    };
    // "Robert J Pickell" and "Robert J. Pickell" first: one name.
    let mut dotless: HashMap<String, Vec<usize>> = HashMap::new();
    for (gi, grp) in groups.iter().enumerate() {
        let surface = grp.best_surface();
        if grp.quantity.is_none() && grp.votes.winner() == Kind::Person && surface.contains(". ") {
            dotless
                .entry(fold(&surface.replace('.', "")))
                .or_default()
                .push(gi);
        }
    }
    for (gi, grp) in groups.iter().enumerate() {
        let surface = grp.best_surface();
        if grp.quantity.is_some() || grp.votes.winner() != Kind::Person || surface.contains('.') {
            continue;
        }
        for &d in dotless.get(&fold(surface)).map_or(&[][..], Vec::as_slice) {
            if !in_stories[d].is_disjoint(&in_stories[gi]) {
                sets.union(d, gi);
            }
        }
    }
    let mut longer: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (gi, grp) in groups.iter().enumerate() {
        if grp.quantity.is_some() || grp.votes.winner() != Kind::Person {
            continue;
        }
        if let Some((first, last, n)) = ends(grp)
            && n >= 3
        {
            longer.entry((first, last)).or_default().push(gi);
        }
    }
    for (gi, grp) in groups.iter().enumerate() {
        if grp.quantity.is_some() || grp.votes.winner() != Kind::Person {
            continue;
        }
        let Some((first, last, 2)) = ends(grp) else {
            continue;
        };
        let Some(full) = longer.get(&(first, last)) else {
            continue;
        };
        let here = &in_stories[gi];
        let near: Vec<usize> = full
            .iter()
            .copied()
            .filter(|&f| !in_stories[f].is_disjoint(here))
            .collect();
        sets.join_the_one(&near, gi);
    }
}

/// "Boone Isaacs" for Cheryl Boone Isaacs: the last two words of the one
/// three-word name of a person in the same story whose first word is a
/// given name, where the two do not start with one.
pub(super) fn link_double_surnames(
    groups: &[Group],
    g: &Gazetteer,
    in_stories: &[HashSet<u32>],
    sets: &mut Sets,
) {
    let person = |grp: &Group| grp.quantity.is_none() && grp.votes.winner() == Kind::Person;
    let mut by_tail: HashMap<String, Vec<usize>> = HashMap::new();
    for (gi, grp) in groups.iter().enumerate() {
        let words: Vec<&str> = grp.best_surface().split(' ').collect();
        if person(grp) && words.len() == 3 && g.is_given_name(words[0]) {
            by_tail
                .entry(fold(&words[1..].join(" ")))
                .or_default()
                .push(gi);
        }
    }
    for (gi, grp) in groups.iter().enumerate() {
        let words: Vec<&str> = grp.best_surface().split(' ').collect();
        if !person(grp) || words.len() != 2 || g.is_given_name(words[0]) {
            continue;
        }
        let Some(full) = by_tail.get(&fold(grp.best_surface())) else {
            continue;
        };
        let near: Vec<usize> = full
            .iter()
            .copied()
            .filter(|&f| !in_stories[f].is_disjoint(&in_stories[gi]))
            .collect();
        sets.join_the_one(&near, gi);
    }
}

/// Whether two given names may be forms of one: "Jon" and "John" (a letter
/// apart), "Chris" and "Christopher" (one starts the other), "Mo" and
/// "Maurice" (a two-letter short form with the same first letter), "Bill"
/// and "William" (a listed short form). "Alexander" and "Alexandra" stay
/// apart: they may be two people.
pub(super) fn given_name_forms(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim_end_matches('.'), b.trim_end_matches('.'));
    if a != b && Gazetteer::get().is_short_form(a, b) {
        return true;
    }
    if a == b || a.chars().next() != b.chars().next() {
        return false;
    }
    let (short, long) = if a.chars().count() <= b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    let (n, m) = (short.chars().count(), long.chars().count());
    // A letter added or dropped ("Jon", "John"); a letter changed only in
    // long names ("Heidar", "Heydar"): "Dan" and "Don", "Maria" and
    // "Marie" are other people.
    (n >= 3 && one_letter_apart(a, b) && (n != m || n >= 6))
        || (n >= 3 && long.starts_with(short))
        || n == 2
}

/// "Chris Hale" and "Christopher Hale", "Mo Cheeks" and "Maurice Cheeks":
/// two forms of one given name with one surname, in one
/// story, even side by side in one report ("Maurice Cheeks ... Mo Cheeks").
/// People of one family in one story have different given names ("Serena"
/// and "Venus Williams"), which stay apart.
pub(super) fn link_given_name_forms(
    groups: &[Group],
    in_stories: &[HashSet<u32>],
    sets: &mut Sets,
) {
    let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
    for (gi, grp) in groups.iter().enumerate() {
        let surface = grp.best_surface();
        if grp.quantity.is_some()
            || grp.votes.winner() != Kind::Person
            || surface.split(' ').count() != 2
        {
            continue;
        }
        let surname = fold(last_word(surface));
        if surname.chars().count() >= 4 {
            by_surname.entry(surname).or_default().push(gi);
        }
    }
    // Two names join only when each is the other's one such partner: "Chris
    // Hale" beside both "Christopher" and "Christina Hale" joins neither, and
    // neither joins it. Decided first, then joined, so order does not matter.
    let mut joins = Vec::new();
    for list in by_surname.values() {
        let partners: Vec<Vec<usize>> = list
            .iter()
            .map(|&a| {
                let x = fold(first_word(groups[a].best_surface()));
                list.iter()
                    .copied()
                    .filter(|&b| {
                        b != a
                            && !in_stories[a].is_disjoint(&in_stories[b])
                            && given_name_forms(&x, &fold(first_word(groups[b].best_surface())))
                    })
                    .collect()
            })
            .collect();
        for (i, &a) in list.iter().enumerate() {
            if let [b] = partners[i][..]
                && let Some(j) = list.iter().position(|&x| x == b)
                && partners[j][..] == [a]
                && a < b
            {
                joins.push((a, b));
            }
        }
    }
    for (a, b) in joins {
        sets.union(a, b);
    }
}

/// "Anthony LaCalamita III" and "Anthony LaCalamita": a name with a
/// generational suffix and the same name without it, in one story, when only
/// one suffix goes with that name there ("Ken Griffey Jr." and "Ken Griffey
/// Sr." are father and son, and a bare "Ken Griffey" joins neither).
pub(super) fn link_generations(groups: &[Group], in_stories: &[HashSet<u32>], sets: &mut Sets) {
    let person = |g: &Group| g.quantity.is_none() && g.votes.winner() == Kind::Person;
    let mut suffixed: HashMap<String, Vec<(usize, String)>> = HashMap::new();
    for (gi, grp) in groups.iter().enumerate() {
        let k = fold(grp.best_surface());
        if let Some((name, suffix)) = k.rsplit_once(' ')
            && person(grp)
            && name.contains(' ')
            && crate::nlp::mentions::is_generation(suffix, true)
        {
            let name = name.trim_end_matches(',').to_string();
            suffixed
                .entry(name)
                .or_default()
                .push((gi, suffix.trim_end_matches('.').to_string()));
        }
    }
    for (gi, grp) in groups.iter().enumerate() {
        if !person(grp) {
            continue;
        }
        let Some(list) = suffixed.get(&fold(grp.best_surface())) else {
            continue;
        };
        let near: Vec<&(usize, String)> = list
            .iter()
            .filter(|(o, _)| !in_stories[*o].is_disjoint(&in_stories[gi]))
            .collect();
        let suffixes: HashSet<&str> = near.iter().map(|(_, s)| s.as_str()).collect();
        if suffixes.len() == 1
            && let Some((o, _)) = near.first()
        {
            sets.union(*o, gi);
        }
    }
}

/// A lone word one letter from the surnames of more people than this is
/// neither merged nor offered.
pub(super) const MAX_NEAR_PEOPLE: usize = 3;

/// "Kantor" beside "Elizabeth Kanter"; "Teodor Brandvolt" beside "Teodor Brandvold".
pub(super) fn link_near_spellings(
    groups: &mut [Group],
    sets: &mut Sets,
    suggestions: &mut Vec<Suggestion>,
) {
    // Full names by surname, and surnames by every spelling of them with one
    // letter dropped: two words one edit apart share such a key, so only
    // those are compared, surname by surname (many people share one).
    let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
    for (gi, grp) in groups.iter().enumerate() {
        let full = grp.best_surface();
        if grp.quantity.is_some() || grp.votes.winner() != Kind::Person || !full.contains(' ') {
            continue;
        }
        let surname = fold(last_word(full));
        if surname.chars().count() >= 5 {
            by_surname.entry(surname).or_default().push(gi);
        }
    }
    let mut by_key: HashMap<String, Vec<&str>> = HashMap::new();
    for surname in by_surname.keys() {
        for k in deletions(surname) {
            by_key.entry(k).or_default().push(surname);
        }
    }
    // Full names whose surname is one letter from `word`, in group order,
    // worked out once per word.
    let mut memo: HashMap<String, Vec<usize>> = HashMap::new();
    let mut near = |word: &str| -> Vec<usize> {
        if let Some(found) = memo.get(word) {
            return found.clone();
        }
        let surnames: BTreeSet<&str> = deletions(word)
            .iter()
            .filter_map(|k| by_key.get(k))
            .flatten()
            .copied()
            .filter(|s| one_letter_apart(word, s))
            .collect();
        let mut found: Vec<usize> = surnames
            .iter()
            .filter_map(|s| by_surname.get(*s))
            .flatten()
            .copied()
            .collect();
        found.sort_unstable();
        found.dedup();
        memo.insert(word.to_string(), found.clone());
        found
    };
    // Each group's name and its number of words, worked out once: a common
    // surname is compared with many groups.
    let surface: Vec<(&str, usize)> = groups
        .iter()
        .map(|g| {
            let s = g.best_surface();
            (s, s.split(' ').count())
        })
        .collect();
    let mut merges = Vec::new();
    for (gi, grp) in groups.iter().enumerate() {
        if grp.quantity.is_some() || grp.canonical.is_some() {
            continue;
        }
        let kind = grp.votes.winner();
        let this = grp.best_surface();
        let words = this.split(' ').count();
        let single = words == 1 && matches!(kind, Kind::Person | Kind::Other);
        let full = words >= 2 && matches!(kind, Kind::Person | Kind::Other);
        if !single && !full {
            continue;
        }
        let word = fold(last_word(this));
        // A lone word one letter from the surnames of two different people
        // could be either of them: it is only offered, never merged.
        // One near many people is no suggestion worth a reader's time.
        let mut targets: Vec<usize> = Vec::new();
        if single {
            let me = sets.find(gi);
            let mut roots = HashSet::new();
            for p in near(&word) {
                let root = sets.find(p);
                if p != gi && root != me && roots.insert(root) {
                    targets.push(p);
                }
                if targets.len() > MAX_NEAR_PEOPLE {
                    break;
                }
            }
            if targets.len() > MAX_NEAR_PEOPLE {
                continue;
            }
        }
        let ambiguous = targets.len() > 1;
        let candidates = if single { targets.clone() } else { near(&word) };
        for p in candidates {
            if full && (p >= gi || surface[p].1 != words) {
                continue;
            }
            if p == gi || sets.find(p) == sets.find(gi) {
                continue;
            }
            let other = surface[p].0;
            let surname = last_word(other);
            if full {
                // "Teodor Brandvolt" and "Teodor Brandvold": same given
                // name, or one a letter apart ("Heidar Alishvandi", "Heydar
                // Alishbandi").
                let (f, o) = (first_word(this), first_word(other));
                // A letter added or dropped from four letters, changed only
                // from six ("Joan" is not "John").
                let (fl, ol) = (fold(f), fold(o));
                let (n, m) = (fl.chars().count(), ol.chars().count());
                if f == o || (n.min(m) >= 4 && (n != m || n >= 6) && one_letter_apart(&fl, &ol)) {
                    merges.push((p, gi, format!("{this} is {other} with one letter changed")));
                }
                continue;
            }
            let together = grp.mentions.iter().any(|(d, _)| groups[p].in_doc(*d));
            if together && !ambiguous {
                merges.push((
                    p,
                    gi,
                    format!("{this} is {surname} with one letter changed, in a report that names {other}"),
                ));
            } else {
                suggestions.push(Suggestion {
                    keep: other.to_string(),
                    merge: this.to_string(),
                    reason: format!("{this} is {surname} with one letter changed"),
                });
            }
        }
    }
    for (keep, other, why) in merges {
        sets.union(keep, other);
        groups[keep].evidence.insert(why);
        // A misspelled surname is a person, whatever its lone context said.
        let v = groups[other].votes;
        groups[keep].votes.person += v.organization + v.place;
    }
}

/// The word and every form of it with one letter dropped.
pub(super) fn deletions(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut out = vec![word.to_string()];
    for i in 0..chars.len() {
        out.push(
            chars
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, c)| c)
                .collect(),
        );
    }
    out
}

/// "12 March" with no year joins the one dated 12 March in the corpus.
pub(super) fn link_dates(groups: &[Group], sets: &mut Sets) {
    let mut by_day: HashMap<&str, Vec<usize>> = HashMap::new();
    for (gi, grp) in groups.iter().enumerate() {
        if let Some((Kind::Date, v)) = &grp.quantity
            && v.len() == 10
            && !v.starts_with("--")
        {
            by_day.entry(&v[5..]).or_default().push(gi);
        }
    }
    for (gi, grp) in groups.iter().enumerate() {
        if let Some((Kind::Date, v)) = &grp.quantity
            && let Some(day) = v.strip_prefix("--")
            && let Some([one]) = by_day.get(day).map(Vec::as_slice)
        {
            sets.union(*one, gi);
        }
    }
}
