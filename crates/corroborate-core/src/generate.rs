//! Generated coverage: reports of many fictional events by many fictional
//! outlets, with the answer key, for benchmarks and for measuring quality at
//! a scale no hand-made corpus reaches.
//!
//! Every event has a set of claims. Each report of it states some of them in
//! one of several wordings, leaves others out, credits some to a wire
//! service, sometimes contradicts one (another number, another date, the
//! opposite action), and sometimes runs the wire's copy word for word. Around
//! the claims are sentences that belong to no claim, page furniture, glued
//! words, misspelt names and outlets that translate names word by word.
//! The same seed always gives the same corpus.

use crate::nlp::quantities::MONTHS;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::path::Path;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub sources: usize,
    pub events: usize,
    pub seed: u64,
}

/// The most events one archive may hold: each needs a place, a family and a
/// company no other event has, and the wide name spaces hold far more.
pub const MAX_EVENTS: usize = 100_000;

/// The answer key: what every report was made to say.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Key {
    pub seed: u64,
    pub events: Vec<EventKey>,
    pub reports: Vec<ReportKey>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EventKey {
    pub id: usize,
    pub kind: String,
    pub place: String,
    /// The claims as the event's facts state them.
    pub claims: Vec<ClaimKey>,
    pub entities: Vec<EntityKey>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClaimKey {
    /// `e12.c3`: event 12, claim 3.
    pub id: String,
    pub statement: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EntityKey {
    /// `e12.official`, or `wire.0` for a wire service shared by all events.
    pub id: String,
    pub name: String,
    pub kind: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportKey {
    pub file: String,
    pub event: usize,
    pub outlet: String,
    pub published: String,
    /// The report reproduces the wire's wording.
    pub wire_copy: bool,
    pub claims: Vec<Stated>,
    pub mentions: Vec<Spelled>,
}

/// One claim as one report states it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Stated {
    pub claim: String,
    /// The sentence exactly as written.
    pub text: String,
    /// It disagrees with the event's facts.
    pub contradicts: bool,
    pub credit: Option<String>,
}

/// How one report spells one entity.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Spelled {
    pub entity: String,
    pub spelling: String,
}

/// One generated file.
#[derive(Debug, Clone)]
pub struct Report {
    pub file: String,
    pub text: String,
}

/// The corpus and its key.
pub fn generate(spec: Spec) -> (Vec<Report>, Key) {
    let mut rng = fastrand::Rng::with_seed(spec.seed);
    let events = spec.events.clamp(1, MAX_EVENTS);
    let outlets = make_outlets(&mut rng, (spec.sources / 8).clamp(12, 400));
    // Names are unique across events: the key counts two events' entities as two.
    let mut taken = std::collections::HashSet::new();
    let mut facts: Vec<Event> = Vec::with_capacity(events);
    // The short names run out near 2,000 events; after a run of clashes an
    // event takes a name from a space thousands of times larger, so that
    // each event costs a bounded number of draws and small archives keep
    // the names (and bytes) they always had.
    let mut clashes = 0;
    while facts.len() < events {
        let mut e = Event::new(facts.len(), &mut rng);
        if clashes >= WIDEN_AFTER {
            e.widen(&mut rng);
        }
        let names = [e.place.clone(), e.company.clone(), e.family.clone()];
        if names.iter().all(|n| !taken.contains(n)) {
            taken.extend(names);
            facts.push(e);
            clashes = 0;
        } else {
            clashes += 1;
        }
    }
    let mut key = Key {
        seed: spec.seed,
        events: facts.iter().map(Event::key).collect(),
        reports: Vec::with_capacity(spec.sources),
    };
    let mut reports = Vec::with_capacity(spec.sources);
    for i in 0..spec.sources {
        // Events get different amounts of coverage, as in any archive.
        let event = if rng.f32() < 0.3 {
            rng.usize(..events.div_ceil(10))
        } else {
            rng.usize(..events)
        };
        let outlet = &outlets[rng.usize(..outlets.len())];
        let (report, report_key) = write_report(i, &facts[event], outlet, &mut rng);
        reports.push(report);
        key.reports.push(report_key);
    }
    (reports, key)
}

/// Writes the corpus into `dir` and the key beside it as `key.json` (outside
/// the reports, so that importing `dir/reports` does not read it). Returns the
/// reports' total size in bytes.
pub fn write(spec: Spec, dir: &Path) -> std::io::Result<u64> {
    let (reports, key) = generate(spec);
    let folder = dir.join("reports");
    std::fs::create_dir_all(&folder)?;
    let mut bytes = 0;
    for r in &reports {
        bytes += r.text.len() as u64;
        std::fs::write(folder.join(&r.file), &r.text)?;
    }
    let json = serde_json::to_vec_pretty(&key).map_err(std::io::Error::other)?;
    std::fs::write(dir.join("key.json"), json)?;
    Ok(bytes)
}

const GIVEN: &[&str] = &[
    "Amara", "Bastian", "Carmen", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ingrid", "Jonas",
    "Keiko", "Lars", "Maren", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Samir", "Tessa",
    "Ulrich", "Vera", "Wendell", "Ximena", "Yusuf", "Zofia", "Adrian", "Beatrix", "Cyrus",
    "Delphine", "Emil", "Fiona", "Gideon", "Helena", "Isak", "Juno", "Kasper", "Leonie", "Matteo",
    "Noor", "Otto", "Paloma", "Rafael", "Sienna", "Tobias", "Ursula", "Viktor", "Wilma",
];
const FAMILY_A: &[&str] = &[
    "Hal", "Brand", "Kes", "Mor", "Thal", "Ven", "Ash", "Cor", "Dun", "Fen", "Gar", "Hollin",
    "Lind", "Marl", "Nor", "Ost", "Pell", "Quar", "Rad", "Sel", "Tor", "Wick", "Yar", "Zell",
];
const FAMILY_B: &[&str] = &[
    "strom", "wick", "ley", "ford", "mann", "berg", "holt", "ridge", "sen", "ton", "court", "ard",
    "vik", "ow", "well", "mere",
];
const PLACE_A: &[&str] = &[
    "Brack", "East", "Ferr", "Glen", "Harl", "Ivy", "Kings", "Low", "Mill", "North", "Oak", "Pen",
    "Red", "Salt", "Thorn", "Upper", "Wester", "Ash", "Brom", "Cald", "Drey", "Elm", "Fox", "Gull",
    "Hather", "Kel", "Lark", "Marsh", "Nettle", "Orme",
];
const PLACE_B: &[&str] = &[
    "water", "moor", "haven", "field", "bridge", "ford", "holm", "wick", "stead", "mouth", "gate",
    "by", "dale", "port", "crest", "hollow",
];
const PAPER: &[&str] = &[
    "Courier",
    "Herald",
    "Gazette",
    "Ledger",
    "Post",
    "Chronicle",
    "Observer",
    "Tribune",
    "Sentinel",
    "Times",
    "Journal",
    "Dispatch",
    "Record",
    "Examiner",
    "Mercury",
    "Echo",
];
const WIRES: &[&str] = &[
    "Meridian Press Agency",
    "Continental Wire",
    "Northlight News Service",
];
const ROLES: &[&str] = &[
    "Mayor",
    "Fire Chief",
    "Police Commissioner",
    "Council Leader",
];

/// What kind of incident an event is, in the words reports use for it.
struct Incident {
    kind: &'static str,
    incident: &'static str,
    facility: &'static str,
    agency: &'static str,
    company: &'static str,
}

const INCIDENTS: &[Incident] = &[
    Incident {
        kind: "warehouse fire",
        incident: "fire",
        facility: "chemical warehouse",
        agency: "Fire Safety Board",
        company: "Chemicals",
    },
    Incident {
        kind: "bridge collapse",
        incident: "collapse",
        facility: "rail bridge",
        agency: "Transport Safety Board",
        company: "Engineering",
    },
    Incident {
        kind: "gas leak",
        incident: "gas leak",
        facility: "processing plant",
        agency: "Environmental Protection Office",
        company: "Energy",
    },
    Incident {
        kind: "ferry grounding",
        incident: "grounding",
        facility: "passenger ferry",
        agency: "Maritime Safety Board",
        company: "Shipping",
    },
    Incident {
        kind: "factory explosion",
        incident: "explosion",
        facility: "fertiliser factory",
        agency: "Industrial Safety Board",
        company: "Fertilisers",
    },
    Incident {
        kind: "dam failure",
        incident: "flood",
        facility: "reservoir dam",
        agency: "Water Safety Board",
        company: "Utilities",
    },
];

/// One event's facts.
struct Event {
    id: usize,
    incident: &'static Incident,
    place: String,
    company: String,
    agency: String,
    /// The agency's name as a word-for-word translation gives it.
    agency_translated: String,
    role: &'static str,
    given: String,
    family: String,
    date: (u32, u32, u32),
    residents: u32,
    injured: u32,
    cost: u32,
    inspected: u32,
    months: u32,
    /// The wire's wording of each claim.
    wire_wording: Vec<usize>,
    wire: usize,
}

fn pick<'a>(rng: &mut fastrand::Rng, list: &[&'a str]) -> &'a str {
    list[rng.usize(..list.len())]
}

const MIDDLE: &[&str] = &["", "", "er", "an", "in", "o"];

fn family(rng: &mut fastrand::Rng) -> String {
    format!(
        "{}{}{}",
        pick(rng, FAMILY_A),
        pick(rng, MIDDLE),
        pick(rng, FAMILY_B)
    )
}

/// Draws in a row that meet taken names before an event's names are drawn
/// from the wide space.
const WIDEN_AFTER: usize = 64;

/// A double-barrelled family name: about 3.7 million of them.
fn wide_family(rng: &mut fastrand::Rng) -> String {
    format!("{}-{}", family(rng), family(rng))
}

/// A place with a qualifier before or after it: about 290,000 of them.
fn wide_place(rng: &mut fastrand::Rng) -> String {
    const BEFORE: &[&str] = &[
        "Upper", "Lower", "Little", "Great", "Old", "New", "South", "West",
    ];
    const AFTER: &[&str] = &[
        "Cross", "Green", "Bay", "Heath", "Falls", "Springs", "Junction", "Hills", "Valley",
        "Point", "Ridge", "Park",
    ];
    let base = format!(
        "{}{}{}",
        pick(rng, PLACE_A),
        pick(rng, MIDDLE),
        pick(rng, PLACE_B)
    );
    let before = pick(rng, BEFORE);
    match rng.usize(..3) {
        0 => format!("{before} {base}"),
        1 => format!("{base} {}", pick(rng, AFTER)),
        _ => format!("{before} {base} {}", pick(rng, AFTER)),
    }
}

fn place(rng: &mut fastrand::Rng) -> String {
    let name = format!(
        "{}{}{}",
        pick(rng, PLACE_A),
        pick(rng, MIDDLE),
        pick(rng, PLACE_B)
    );
    if rng.f32() < 0.2 {
        format!("{name} {}", pick(rng, &["Cross", "Green", "Bay", "Heath"]))
    } else {
        name
    }
}

/// The agency of a place, and its name translated word by word:
/// "Fire Safety Board" becomes "Board of Fire Safety of X".
fn agency_names(place: &str, agency_word: &str) -> (String, String) {
    let (head, rest) = agency_word
        .rsplit_once(' ')
        .map_or((agency_word, ""), |(rest, head)| (head, rest));
    (
        format!("{place} {agency_word}"),
        format!("{head} of {rest} of {place}"),
    )
}

impl Event {
    fn new(id: usize, rng: &mut fastrand::Rng) -> Event {
        let incident = &INCIDENTS[rng.usize(..INCIDENTS.len())];
        let place = place(rng);
        let (agency, agency_translated) = agency_names(&place, incident.agency);
        Event {
            id,
            incident,
            company: format!("{} {}", family(rng), incident.company),
            agency,
            agency_translated,
            role: pick(rng, ROLES),
            given: pick(rng, GIVEN).to_string(),
            family: family(rng),
            date: (2024 + rng.u32(0..2), rng.u32(1..13), rng.u32(1..28)),
            residents: 20 * rng.u32(3..150),
            injured: rng.u32(3..40),
            cost: rng.u32(2..90),
            inspected: 2015 + rng.u32(0..9),
            months: rng.u32(2..18),
            wire_wording: (0..CLAIMS).map(|_| rng.usize(..3)).collect(),
            wire: rng.usize(..WIRES.len()),
            place,
        }
    }

    /// New names from the wide space, for an archive of thousands of events.
    fn widen(&mut self, rng: &mut fastrand::Rng) {
        self.place = wide_place(rng);
        (self.agency, self.agency_translated) = agency_names(&self.place, self.incident.agency);
        self.company = format!("{} {}", wide_family(rng), self.incident.company);
        self.family = wide_family(rng);
    }

    fn official(&self) -> String {
        format!("{} {}", self.given, self.family)
    }

    fn date_words(&self, shift: i32) -> String {
        let (_, m, d) = self.date;
        let day = (d as i32 + shift).clamp(1, 28);
        format!("{} {day}", MONTHS[(m - 1) as usize])
    }

    fn published(&self, after: u32) -> String {
        let (y, m, d) = self.date;
        format!("{y}-{m:02}-{:02}", d + after)
    }

    fn key(&self) -> EventKey {
        let facts = Facts::of(self, false, 0);
        let claims = (0..CLAIMS)
            .map(|c| ClaimKey {
                id: format!("e{}.c{c}", self.id),
                statement: wording(self, &facts, &Names::plain(self), c, 0),
            })
            .collect();
        let entity = |id: &str, name: String, kind: &str| EntityKey {
            id: format!("e{}.{id}", self.id),
            name,
            kind: kind.into(),
        };
        EventKey {
            id: self.id,
            kind: self.incident.kind.into(),
            place: self.place.clone(),
            claims,
            entities: vec![
                entity("place", self.place.clone(), "place"),
                entity("company", self.company.clone(), "organization"),
                entity("agency", self.agency.clone(), "organization"),
                entity("official", self.official(), "person"),
            ],
        }
    }
}

/// The values one report states, contradicted or not.
struct Facts {
    residents: u32,
    injured: u32,
    cost: u32,
    inspected: u32,
    months: u32,
    date: String,
    approved: bool,
}

impl Facts {
    /// With `wrong`, claim `which` states something else.
    fn of(e: &Event, wrong: bool, which: usize) -> Facts {
        let off = |c: usize| wrong && which == c;
        Facts {
            residents: if off(0) {
                e.residents * 2 + 40
            } else {
                e.residents
            },
            date: e.date_words(if off(1) { 2 } else { 0 }),
            injured: if off(2) { e.injured + 7 } else { e.injured },
            cost: if off(3) { e.cost * 3 + 5 } else { e.cost },
            approved: !off(4),
            inspected: if off(5) { e.inspected - 4 } else { e.inspected },
            months: if off(6) { e.months + 12 } else { e.months },
        }
    }
}

/// How one report names the event's entities.
struct Names {
    official: String,
    surname: String,
    agency: String,
    company: String,
}

impl Names {
    fn plain(e: &Event) -> Names {
        Names {
            official: e.official(),
            surname: e.family.clone(),
            agency: e.agency.clone(),
            company: e.company.clone(),
        }
    }
}

const CLAIMS: usize = 8;
/// Claims whose value or action a report may get wrong.
const CONTRADICTABLE: usize = 7;

/// Claim `c` of event `e` in wording `w` (0–2).
fn wording(e: &Event, f: &Facts, n: &Names, c: usize, w: usize) -> String {
    let (inc, fac, place) = (e.incident.incident, e.incident.facility, &e.place);
    let (company, agency, official, surname) = (&n.company, &n.agency, &n.official, &n.surname);
    let role = e.role;
    let action = if f.approved { "approved" } else { "postponed" };
    match (c, w) {
        (0, 0) => format!(
            "The {inc} at the {company} {fac} in {place} forced {} residents from their homes.",
            f.residents
        ),
        (0, 1) => format!(
            "About {} residents of {place} were evacuated after the {inc} at a {fac} run by {company}.",
            f.residents
        ),
        (0, _) => format!(
            "Authorities moved {} residents out of their homes in {place} when the {inc} hit the {fac}.",
            f.residents
        ),
        (1, 0) => format!(
            "The {inc} began early on {}, according to the {agency}.",
            f.date
        ),
        (1, 1) => format!(
            "Emergency crews were first called to the {fac} in {place} on {}.",
            f.date
        ),
        (1, _) => format!("The {inc} at the {fac} was first reported on {}.", f.date),
        (2, 0) => format!(
            "{} workers were taken to hospital after the {inc}.",
            f.injured
        ),
        (2, 1) => format!(
            "At least {} workers needed hospital treatment, {role} {surname} said.",
            f.injured
        ),
        (2, _) => format!(
            "The {inc} left {} workers injured, {} of them seriously.",
            f.injured,
            f.injured / 3 + 1
        ),
        (3, 0) => format!(
            "Damage to the {fac} is estimated at {} million dollars.",
            f.cost
        ),
        (3, 1) => format!(
            "{company} put the cost of the damage at ${} million.",
            f.cost
        ),
        (3, _) => format!(
            "Repairs to the {fac} could cost {} million dollars, {company} said.",
            f.cost
        ),
        (4, 0) => format!("The {agency} {action} an independent inquiry into the {inc}."),
        (4, 1) => format!(
            "On Monday the {agency} {action} an inquiry into the {inc} at the {company} site."
        ),
        (4, _) => {
            format!("Members of the {agency} {action} a full inquiry into what caused the {inc}.")
        }
        (5, 0) => format!(
            "{role} {official} said the {fac} had passed its last safety inspection in {}.",
            f.inspected
        ),
        (5, 1) => format!(
            "The {fac} passed a safety inspection in {}, according to {official}.",
            f.inspected
        ),
        (5, _) => format!(
            "Inspectors last cleared the {fac} in {}, {role} {surname} told reporters.",
            f.inspected
        ),
        (6, 0) => format!(
            "Residents had complained about the {fac} for {} months before the {inc}.",
            f.months
        ),
        (6, 1) => format!(
            "Neighbours in {place} say they raised concerns about the {fac} {} months ago.",
            f.months
        ),
        (6, _) => format!(
            "Complaints about the {fac} had been made for {} months, residents said.",
            f.months
        ),
        (_, 0) => format!("{company} said it was cooperating fully with investigators."),
        (_, 1) => {
            format!("In a statement, {company} said it would cooperate with the investigation.")
        }
        (_, _) => format!("{company} pledged to work with investigators from the {agency}."),
    }
}

/// Sentences that belong to no claim. Every few words are drawn afresh, so
/// that, as in real prose, two reports rarely share eight words in a row by
/// chance.
fn background(e: &Event, rng: &mut fastrand::Rng, n: &Names) -> String {
    const NOUN: &[&str] = &[
        "road",
        "school",
        "market",
        "harbour",
        "library",
        "clinic",
        "station",
        "square",
        "park",
        "church",
        "canal",
        "stadium",
        "bakery",
        "depot",
        "museum",
        "orchard",
        "pier",
        "chapel",
        "garage",
        "tram stop",
        "car park",
        "playground",
        "bus shelter",
        "post office",
    ];
    const ADJ: &[&str] = &[
        "quiet",
        "crowded",
        "closed",
        "busy",
        "empty",
        "flooded",
        "familiar",
        "cold",
        "narrow",
        "old",
        "new",
        "smoky",
        "tense",
        "calm",
        "dark",
        "muddy",
        "silent",
        "shuttered",
    ];
    const WHEN: &[&str] = &[
        "on Sunday evening",
        "after midnight",
        "by the next morning",
        "within hours",
        "later that week",
        "before dawn",
        "by lunchtime",
        "over the weekend",
        "at first light",
        "that afternoon",
        "until late",
        "for most of the day",
        "soon afterwards",
        "by nightfall",
    ];
    const DID: &[&str] = &[
        "handed out blankets",
        "opened a shelter",
        "set up a hotline",
        "closed the roads",
        "cancelled classes",
        "collected donations",
        "checked on neighbours",
        "put up fences",
        "tested the water",
        "counted the damage",
        "started a fund",
        "organised a vigil",
        "cleared the debris",
        "brought hot food",
        "offered spare rooms",
        "drove people away",
    ];
    const OCC: &[&str] = &[
        "nurse",
        "bus driver",
        "retired engineer",
        "student",
        "baker",
        "taxi driver",
        "pharmacist",
        "farmer",
        "carpenter",
        "librarian",
        "dock worker",
        "shop owner",
        "volunteer",
        "cyclist",
        "postwoman",
        "painter",
        "plumber",
        "cook",
    ];
    const SAW: &[&str] = &[
        "watched",
        "photographed",
        "heard",
        "smelled",
        "noticed",
        "filmed",
        "described",
        "remembered",
        "walked past",
        "waited beside",
    ];
    const THING: &[&str] = &[
        "the smoke",
        "a line of ambulances",
        "the sirens",
        "police tape",
        "the broken windows",
        "a column of trucks",
        "the helicopters",
        "crowds of onlookers",
        "the floodlights",
        "a row of tents",
        "the emergency vans",
        "thick dust",
    ];
    const NEAR: &[&str] = &["near", "behind", "outside", "across from", "beside", "past"];
    let who = format!("{} {}", pick(rng, GIVEN), family(rng));
    let mut p = |list: &[&'static str]| pick(rng, list);
    let (noun, adj, when, did, occ) = (p(NOUN), p(ADJ), p(WHEN), p(DID), p(OCC));
    let (saw, thing, near, noun2, adj2, when2, did2) =
        (p(SAW), p(THING), p(NEAR), p(NOUN), p(ADJ), p(WHEN), p(DID));
    let years = rng.u32(2..60);
    let km = rng.u32(2..30);
    let place = &e.place;
    match rng.usize(..10) {
        0 => format!(
            "{who}, a {occ} who has lived in {place} for {years} years, {saw} {thing} {near} the {adj} {noun} {when}."
        ),
        1 => format!("Volunteers {did} {near} the {noun} {when}, and others {did2} {when2}."),
        2 => format!(
            "The {noun} {near} the {noun2} was {adj} {when}, a {occ} said, and {thing} stayed {when2}."
        ),
        3 => format!(
            "\u{201c}We {saw} {thing} {near} the {noun} {when},\u{201d} said {who}, a {occ}."
        ),
        4 => format!(
            "Local businesses {did} {when}, while the {adj} {noun} {near} the {noun2} stayed {adj2}."
        ),
        5 => format!("{who}, a {occ}, said people from across {place} {did} {when}."),
        6 => format!(
            "The {adj} {noun} on the edge of {place} is about {km} kilometres from the {adj2} {noun2}."
        ),
        7 => format!(
            "Officials from the {} {saw} {thing} {near} the {noun} but did not say when it would reopen.",
            n.agency
        ),
        8 => format!(
            "Pupils from the {adj} {noun} {near} the {noun2} were sent home {when} as a precaution."
        ),
        _ => format!(
            "{who}, a {occ} {near} the {noun}, said the town had {did} before, in {}.",
            2000 + rng.u32(0..24)
        ),
    }
}

/// A fictional outlet: its name, whether it translates names word by word,
/// and whether it publishes as HTML.
struct Outlet {
    name: String,
    translated: bool,
    html: bool,
}

fn make_outlets(rng: &mut fastrand::Rng, n: usize) -> Vec<Outlet> {
    let mut names = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let translated = rng.f32() < 0.1;
        let name = match rng.usize(..4) {
            _ if translated => format!(
                "{} de {}",
                pick(rng, &["Le Courrier", "Diario", "La Voz", "Il Corriere"]),
                place(rng)
            ),
            0 => format!("{}News.com", place(rng)),
            1 => format!("{} {}", place(rng), pick(rng, PAPER)),
            _ => format!("The {} {}", place(rng), pick(rng, PAPER)),
        };
        if names.insert(name.clone()) {
            out.push(Outlet {
                name,
                translated,
                html: rng.f32() < 0.4,
            });
        }
    }
    out
}

/// Swaps a letter in the middle of a name: "Halstrom" becomes "Halstorm".
fn misspell(name: &str, rng: &mut fastrand::Rng) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    if chars.len() > 4 {
        let at = 2 + rng.usize(..chars.len() - 3);
        chars.swap(at, at - 1);
    }
    let spelled: String = chars.into_iter().collect();
    if spelled == name {
        format!("{name}e")
    } else {
        spelled
    }
}

/// Writes two neighbouring words together, as some pipelines do.
fn glue(sentence: &str, rng: &mut fastrand::Rng) -> String {
    let words: Vec<&str> = sentence.split(' ').collect();
    if words.len() < 6 {
        return sentence.to_string();
    }
    let at = 1 + rng.usize(..words.len() - 3);
    let mut out = String::with_capacity(sentence.len());
    for (i, w) in words.iter().enumerate() {
        if i > 0 && i != at {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn write_report(
    i: usize,
    e: &Event,
    outlet: &Outlet,
    rng: &mut fastrand::Rng,
) -> (Report, ReportKey) {
    let wire = WIRES[e.wire];
    let wire_copy = rng.f32() < 0.2;
    let contradiction = rng.f32() < 0.15;
    let wrong_claim = rng.usize(..CONTRADICTABLE);
    let facts = Facts::of(e, contradiction, wrong_claim);
    let mut names = Names::plain(e);
    if outlet.translated {
        names.agency = e.agency_translated.clone();
    }
    let misspelt = rng.f32() < 0.1;
    if misspelt {
        names.surname = misspell(&e.family, rng);
        names.official = format!("{} {}", e.given, names.surname);
    }
    let published = e.published(rng.u32(0..3));
    let reporter = format!("{} {}", pick(rng, GIVEN), family(rng));

    let mut stated = Vec::new();
    let mut paragraphs: Vec<String> = Vec::new();
    let mut order: Vec<usize> = (0..CLAIMS).collect();
    if !wire_copy {
        rng.shuffle(&mut order[1..]);
    }
    for &c in &order {
        if !wire_copy && rng.f32() < 0.25 {
            continue;
        }
        let w = if wire_copy {
            e.wire_wording[c]
        } else {
            rng.usize(..3)
        };
        let mut sentence = wording(e, &facts, &names, c, w);
        let mut credit = None;
        if !wire_copy && rng.f32() < 0.15 && !sentence.contains(" said") {
            sentence = format!("{}, {wire} reported.", sentence.trim_end_matches('.'));
            credit = Some(wire.to_string());
        } else if wire_copy {
            credit = Some(wire.to_string());
        }
        stated.push(Stated {
            claim: format!("e{}.c{c}", e.id),
            text: sentence.clone(),
            contradicts: contradiction && c == wrong_claim,
            credit,
        });
        let mut paragraph = sentence;
        for _ in 0..rng.usize(3..7) {
            let mut extra = background(e, rng, &names);
            if rng.f32() < 0.05 {
                extra = glue(&extra, rng);
            }
            paragraph.push(' ');
            paragraph.push_str(&extra);
        }
        paragraphs.push(paragraph);
    }
    let (fac, inc, place) = (e.incident.facility, e.incident.incident, &e.place);
    let headline = match rng.usize(..3) {
        0 => format!(
            "{} {inc} in {place} forces residents from homes",
            capitalize(fac)
        ),
        1 => format!("{} hit by {inc} at {fac}", place),
        _ => format!("Questions for {} after {place} {inc}", names.company),
    };
    let mut mentions = vec![
        Spelled {
            entity: format!("e{}.place", e.id),
            spelling: e.place.clone(),
        },
        Spelled {
            entity: format!("e{}.company", e.id),
            spelling: e.company.clone(),
        },
    ];
    let all = stated.iter().map(|s| s.text.as_str()).collect::<Vec<_>>();
    if all.iter().any(|t| t.contains(&names.agency)) {
        mentions.push(Spelled {
            entity: format!("e{}.agency", e.id),
            spelling: names.agency.clone(),
        });
    }
    if all.iter().any(|t| t.contains(&names.official)) {
        mentions.push(Spelled {
            entity: format!("e{}.official", e.id),
            spelling: names.official.clone(),
        });
    } else if all.iter().any(|t| t.contains(&names.surname)) {
        mentions.push(Spelled {
            entity: format!("e{}.official", e.id),
            spelling: names.surname.clone(),
        });
    }
    if stated.iter().any(|s| s.credit.is_some()) {
        mentions.push(Spelled {
            entity: format!("wire.{}", e.wire),
            spelling: wire.to_string(),
        });
    }
    mentions.retain(|m| {
        paragraphs.iter().any(|p| p.contains(&m.spelling)) || headline.contains(&m.spelling)
    });

    let dateline = if wire_copy {
        format!("{} ({wire}) \u{2014}", e.place.to_uppercase())
    } else {
        String::new()
    };
    let text = if outlet.html {
        html_page(
            &headline,
            outlet,
            &reporter,
            &published,
            &dateline,
            &paragraphs,
        )
    } else {
        text_page(
            &headline,
            outlet,
            &reporter,
            &published,
            &dateline,
            &paragraphs,
            rng,
        )
    };
    let ext = if outlet.html { "html" } else { "txt" };
    let file = format!("{i:05}.{ext}");
    let key = ReportKey {
        file: file.clone(),
        event: e.id,
        outlet: outlet.name.clone(),
        published,
        wire_copy,
        claims: stated,
        mentions,
    };
    (Report { file, text }, key)
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn text_page(
    headline: &str,
    outlet: &Outlet,
    reporter: &str,
    published: &str,
    dateline: &str,
    paragraphs: &[String],
    rng: &mut fastrand::Rng,
) -> String {
    let mut t = String::with_capacity(4096);
    let _ = write!(t, "{headline} \u{2013} {}\n\n", outlet.name);
    let _ = write!(
        t,
        "By {reporter}, {}\nPublished: {published}\n\n",
        outlet.name
    );
    for (k, p) in paragraphs.iter().enumerate() {
        if k == 0 && !dateline.is_empty() {
            let _ = write!(t, "{dateline} ");
        }
        t.push_str(p);
        t.push_str("\n\n");
        if k % 3 == 2 {
            t.push_str(pick(
                rng,
                &[
                    "Advertisement",
                    "Share this article",
                    "Story continues below advertisement",
                ],
            ));
            t.push_str("\n\n");
        }
    }
    t.push_str("Sign up for our newsletter\n\nLeave a Comment\n");
    t
}

fn html_page(
    headline: &str,
    outlet: &Outlet,
    reporter: &str,
    published: &str,
    dateline: &str,
    paragraphs: &[String],
) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let name = esc(&outlet.name);
    let mut t = String::with_capacity(6144);
    let _ = write!(
        t,
        "<!doctype html>\n<html><head><meta charset=\"utf-8\">\n<title>{} | {name}</title>\n\
         <meta property=\"og:site_name\" content=\"{name}\">\n\
         <meta property=\"article:published_time\" content=\"{published}T08:00:00Z\">\n\
         <script>window.track('view');</script>\n</head><body>\n\
         <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/local\">Local</a></nav>\n\
         <article><h1>{}</h1>\n<p class=\"byline\">By {} </p>\n",
        esc(headline),
        esc(headline),
        esc(reporter)
    );
    for (k, p) in paragraphs.iter().enumerate() {
        let lead = if k == 0 && !dateline.is_empty() {
            format!("{} ", esc(dateline))
        } else {
            String::new()
        };
        let _ = writeln!(t, "<p>{lead}{}</p>", esc(p));
        if k == 2 {
            t.push_str("<div class=\"ad\">Advertisement</div>\n");
        }
    }
    let _ = write!(
        t,
        "</article>\n<aside><h2>Related Articles</h2><ul><li><a href=\"/a\">Council budget vote delayed</a></li>\
         <li><a href=\"/b\">Weekend weather warning</a></li></ul></aside>\n\
         <footer>&copy; {name}. All rights reserved.</footer>\n</body></html>\n"
    );
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_corpus() {
        let spec = Spec {
            sources: 30,
            events: 4,
            seed: 7,
        };
        let (a, ka) = generate(spec);
        let (b, _) = generate(spec);
        assert_eq!(a.len(), 30);
        assert!(a.iter().zip(&b).all(|(x, y)| x.text == y.text));
        let (c, _) = generate(Spec { seed: 8, ..spec });
        assert!(a.iter().zip(&c).any(|(x, y)| x.text != y.text));
        // Every stated claim is in its report word for word (HTML escapes aside).
        for (r, k) in a.iter().zip(&ka.reports) {
            for s in &k.claims {
                assert!(r.text.contains(&s.text.replace('&', "&amp;")), "{}", s.text);
            }
        }
    }

    #[test]
    fn thousands_of_events_each_get_names_of_their_own() {
        let spec = Spec {
            sources: 3_000,
            events: 3_000,
            seed: 1,
        };
        let (reports, key) = generate(spec);
        assert_eq!(reports.len(), 3_000);
        assert_eq!(key.events.len(), 3_000);
        let mut names = std::collections::HashMap::new();
        for event in &key.events {
            for entity in event.entities.iter() {
                // The wire services are shared by every event on purpose.
                if entity.id.starts_with("wire.") {
                    continue;
                }
                let owner = names.entry(entity.name.clone()).or_insert(event.id);
                assert_eq!(*owner, event.id, "{} names two events", entity.name);
            }
            assert!(!event.place.is_empty());
        }
        // Past the short names' room, some events carry wide ones.
        assert!(key.events.iter().any(|e| e.place.contains(' ')));
    }

    #[test]
    fn contradictions_change_what_is_stated() {
        let mut rng = fastrand::Rng::with_seed(1);
        let e = Event::new(0, &mut rng);
        let right = Facts::of(&e, false, 0);
        let wrong = Facts::of(&e, true, 0);
        assert_ne!(right.residents, wrong.residents);
        let n = Names::plain(&e);
        assert!(wording(&e, &Facts::of(&e, true, 4), &n, 4, 0).contains("postponed"));
        assert!(wording(&e, &right, &n, 4, 0).contains("approved"));
    }

    #[test]
    fn translated_names_turn_the_words_round() {
        let mut rng = fastrand::Rng::with_seed(3);
        let e = Event::new(0, &mut rng);
        assert!(
            e.agency_translated.contains(" of "),
            "{}",
            e.agency_translated
        );
        assert!(e.agency_translated.ends_with(&e.place));
    }
}
