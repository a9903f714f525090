//! Word lists the entity finder leans on: places, nationalities, given names,
//! well-known organizations, titles and roles, and the words that end an
//! organization's or a place's name. The lists are data in
//! `assets/gazetteer/`, parsed once.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

/// The lists are looked up for every word the tagger reads: a quick hash
/// (the keys are the program's own lists, not anyone's input to attack).
type Quick = BuildHasherDefault<crate::nlp::tagger::WordHasher>;
type Words = HashSet<String, Quick>;

const PLACES: &str = include_str!("../../../../assets/gazetteer/places.txt");
const NATIONALITIES: &str = include_str!("../../../../assets/gazetteer/nationalities.txt");
const GIVEN_NAMES: &str = include_str!("../../../../assets/gazetteer/given-names.txt");
const ORGANIZATIONS: &str = include_str!("../../../../assets/gazetteer/organizations.txt");
const TITLES: &str = include_str!("../../../../assets/gazetteer/titles.txt");
const ORG_WORDS: &str = include_str!("../../../../assets/gazetteer/org-words.txt");
const NICKNAMES: &str = include_str!("../../../../assets/gazetteer/nicknames.txt");

/// What a list says a known name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    Place,
    Organization,
}

impl Known {
    /// The entity kind a listed name is.
    pub fn kind(self) -> crate::nlp::mentions::Kind {
        match self {
            Known::Place => crate::nlp::mentions::Kind::Place,
            Known::Organization => crate::nlp::mentions::Kind::Organization,
        }
    }
}

/// A name from the lists: its kind and the canonical spelling it stands for.
#[derive(Debug, Clone)]
pub struct Entry {
    pub known: Known,
    pub canonical: &'static str,
}

#[derive(Debug, Default)]
pub struct Gazetteer {
    /// Every listed name and alias, as written, to its entry.
    names: HashMap<&'static str, Entry, Quick>,
    /// Every listed word (lowercase; titles and organization words without
    /// a final dot) with the lists it is on, as bits: one lookup answers
    /// every list ([`Gazetteer::flags_of_lowercase`]).
    flags: HashMap<String, u8, Quick>,
    generic: Words,
    /// The first word of every listed name, in lowercase: most words start
    /// none, and need no longer lookups.
    first_words: Words,
    /// Short forms and the given names they stand for, in lowercase, both
    /// ways round: ("bill", "william") and ("william", "bill").
    short_forms: HashSet<(String, String), Quick>,
}

// The lists' bits in `flags`; the first seven are what the tagger reads, in
// this order.
const GIVEN: u8 = 1;
const HONORIFIC: u8 = 1 << 1;
const ROLE: u8 = 1 << 2;
const NATIONALITY: u8 = 1 << 3;
const ORG_HEAD: u8 = 1 << 4;
const PLACE_HEAD: u8 = 1 << 5;
const SPEECH: u8 = 1 << 6;
/// Ranks: known to the post-rules, not to the tagger.
const RANK: u8 = 1 << 7;

/// Bits of [`Gazetteer::flags_of_lowercase`] looked up without a final dot.
const DOTLESS: u8 = HONORIFIC | ORG_HEAD;

/// Non-comment lines split on tabs.
fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

impl Gazetteer {
    /// Whether `word` is on the list of `bit`, without making a lowercase
    /// copy of a word that is lowercase already.
    fn on(&self, word: &str, bit: u8) -> bool {
        let flags = if word.chars().any(char::is_uppercase) {
            self.flags.get(&lower(word))
        } else {
            self.flags.get(word)
        };
        flags.is_some_and(|f| f & bit != 0)
    }
}

impl Gazetteer {
    /// The lists bundled with the program.
    pub fn get() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::load)
    }

    fn load() -> Gazetteer {
        let mut g = Gazetteer::default();
        let mut add_names = |text: &'static str, known: Known| {
            for row in rows(text) {
                let (Some(&canonical), aliases) = (row.get(1), row.get(2)) else {
                    continue;
                };
                let entry = Entry { known, canonical };
                for name in std::iter::once(canonical)
                    .chain(aliases.into_iter().flat_map(|a| a.split(';')))
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                {
                    g.names.entry(name).or_insert_with(|| entry.clone());
                }
            }
        };
        add_names(PLACES, Known::Place);
        add_names(ORGANIZATIONS, Known::Organization);
        let mut add = |word: &str, bit: u8| *g.flags.entry(lower(word)).or_default() |= bit;
        for row in rows(NATIONALITIES) {
            if let Some(word) = row.first() {
                add(word, NATIONALITY);
            }
        }
        for row in rows(GIVEN_NAMES) {
            if let Some(word) = row.first() {
                add(word, GIVEN);
            }
        }
        for row in rows(TITLES) {
            if let [kind, word, ..] = row[..] {
                let bit = match kind {
                    "honorific" => HONORIFIC,
                    "role" => ROLE,
                    "rank" => RANK,
                    "verb" => SPEECH,
                    _ => continue,
                };
                add(word.trim_end_matches('.'), bit);
            }
        }
        for row in rows(ORG_WORDS) {
            if let [kind, word, ..] = row[..] {
                match kind {
                    "head" => add(word.trim_end_matches('.'), ORG_HEAD),
                    "place" => add(word.trim_end_matches('.'), PLACE_HEAD),
                    "generic" => {
                        g.generic.insert(lower(word.trim_end_matches('.')));
                    }
                    _ => {}
                }
            }
        }
        for row in rows(NICKNAMES) {
            if let [full, shorts, ..] = row[..] {
                for short in shorts.split(';').map(str::trim).filter(|s| !s.is_empty()) {
                    g.short_forms.insert((lower(short), lower(full)));
                    g.short_forms.insert((lower(full), lower(short)));
                }
            }
        }
        g.first_words = g
            .names
            .keys()
            .map(|n| lower(n.split(' ').next().unwrap_or(n)))
            .collect();
        g
    }

    /// A listed place or organization, by its exact spelling.
    pub fn lookup(&self, name: &str) -> Option<&Entry> {
        self.names.get(name)
    }

    /// The list memberships of a word given in lowercase, as bits: given
    /// name, honorific, role, nationality, organization word, place word,
    /// speech verb. One call, no allocation: the tagger asks it of every word.
    pub fn flags_of_lowercase(&self, lower: &str) -> u8 {
        let of = |w: &str| self.flags.get(w).copied().unwrap_or(0) & !RANK;
        let dotless = lower.trim_end_matches('.');
        if dotless.len() == lower.len() {
            of(lower)
        } else {
            (of(lower) & !DOTLESS) | (of(dotless) & DOTLESS)
        }
    }

    /// Whether some listed name starts with this word (given in lowercase).
    pub fn starts_a_name(&self, lower: &str) -> bool {
        self.first_words.contains(lower)
    }

    pub fn is_nationality(&self, word: &str) -> bool {
        self.on(word, NATIONALITY)
    }
    /// Whether one given name is a listed short form of the other ("Bill"
    /// and "William", either way round).
    pub fn is_short_form(&self, a: &str, b: &str) -> bool {
        self.short_forms.contains(&(lower(a), lower(b)))
    }
    pub fn is_given_name(&self, word: &str) -> bool {
        self.on(word, GIVEN)
    }
    pub fn is_honorific(&self, word: &str) -> bool {
        self.on(word.trim_end_matches('.'), HONORIFIC)
    }
    /// A role or title, one word or several ("executive director").
    pub fn is_role(&self, words: &str) -> bool {
        self.on(words, ROLE)
    }
    /// A rank or post written before a name ("Trooper", "GM"), beside the
    /// roles: the trained tagger does not know these.
    pub fn is_rank(&self, words: &str) -> bool {
        self.on(words.trim_end_matches('.'), RANK)
    }
    pub fn is_speech_verb(&self, word: &str) -> bool {
        self.on(word, SPEECH)
    }
    pub fn is_org_head(&self, word: &str) -> bool {
        self.on(word.trim_end_matches('.'), ORG_HEAD)
    }
    pub fn is_place_head(&self, word: &str) -> bool {
        self.on(word, PLACE_HEAD)
    }
    /// A lowercase institution noun that "the ..." can use for a named body.
    pub fn is_generic(&self, word: &str) -> bool {
        self.generic.contains(word)
    }
}
