//! The built-in tagger on sentences written for these tests (not taken from
//! any data set).
use super::*;
use crate::nlp::{mentions, segment, tagged};

/// Each name the built-in tagger finds, with its kind.
fn tag(text: &str) -> Vec<(String, NameKind)> {
    let paragraphs = segment::segment(text);
    let rules = mentions::find_by_rules(text, &paragraphs, None);
    let input = tagged::input(text, &paragraphs, &rules);
    let Some(tagger) = Tagger::get() else {
        panic!("the built-in weights do not load");
    };
    let mut out = Vec::new();
    for (s, labels) in tagger.tag(&input.doc).iter().enumerate() {
        let words: Vec<&str> = input.doc.sentences[s]
            .words
            .iter()
            .map(|w| w.text)
            .collect();
        for (a, b, k) in spans(labels) {
            out.push((words[a..b].join(" "), k));
        }
    }
    out
}

#[test]
fn the_built_in_model_loads_with_its_lexicon() {
    let Some(t) = Tagger::get() else {
        panic!("the built-in weights do not load");
    };
    assert!(t.features() > 50_000, "{} features", t.features());
    assert!(t.model.lexicon.len() > 5_000);
}

#[test]
fn reads_people_organizations_places_and_other_names() {
    let found = tag(
        "Halvard Stene, the chief executive of Brightwater Holdings, flew to Oslo on Monday for talks about the Nordic Energy Summit.",
    );
    assert!(
        found.contains(&("Halvard Stene".into(), NameKind::Person)),
        "{found:?}"
    );
    assert!(
        found.contains(&("Brightwater Holdings".into(), NameKind::Organization)),
        "{found:?}"
    );
    assert!(
        found.contains(&("Oslo".into(), NameKind::Place)),
        "{found:?}"
    );
    assert!(!found.iter().any(|(n, _)| n == "Monday"), "{found:?}");
}

#[test]
fn names_stop_at_commas() {
    let found = tag("Winners included Ada Brenner, Tomas Vik and Lise Aune.");
    for name in ["Ada Brenner", "Tomas Vik", "Lise Aune"] {
        assert!(
            found.contains(&(name.into(), NameKind::Person)),
            "{found:?}"
        );
    }
}

#[test]
fn labels_follow_each_other_as_bilou_allows() {
    let t = Tagger::get().unwrap();
    let text = "Posted by Reuters. The Kelso Trust said Anna Ruud of Bergen would lead it.\nSOCCER - BERGEN WIN";
    let paragraphs = segment::segment(text);
    let rules = mentions::find_by_rules(text, &paragraphs, None);
    let input = tagged::input(text, &paragraphs, &rules);
    for labels in t.tag(&input.doc) {
        let mut prev = None;
        for (i, l) in labels.iter().enumerate() {
            assert!(
                l.may_follow(prev, false) || i + 1 == labels.len(),
                "{labels:?}"
            );
            prev = Some(*l);
        }
    }
}
