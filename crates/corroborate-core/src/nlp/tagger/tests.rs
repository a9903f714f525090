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

#[test]
fn a_word_s_remembered_scores_are_those_summed_afresh_to_the_bit() {
    let text = "RIVER BOARD MEETS IN TALLINN\n\nThe river board met in Tallinn on Friday. \
                Maret Kask, who chairs the board, said the river would be dredged. \
                The board meets again in Tallinn in May.";
    let paragraphs = segment::segment(text);
    let rules = mentions::find_by_rules(text, &paragraphs, None);
    let input = tagged::input(text, &paragraphs, &rules);
    let Some(tagger) = Tagger::get() else {
        panic!("the built-in weights do not load");
    };
    let p = features::prepare(&input.doc, &tagger.model.lexicon);
    let mut buf = Vec::new();
    // Twice: the first time summed and remembered, the second remembered.
    for _ in 0..2 {
        for (s, sentence) in input.doc.sentences.iter().enumerate() {
            for i in 0..sentence.words.len() {
                let mut whole = Vec::new();
                features::fixed(&input.doc, &p, s, i, &mut whole);
                let mut afresh = [0f32; LABELS];
                tagger.model.score(&whole, &mut afresh);
                let mut remembered = tagger.own_scores(&input.doc, &p, s, i, &mut buf);
                buf.clear();
                features::around(&input.doc, &p, s, i, &mut buf);
                tagger.model.score(&buf, &mut remembered);
                assert_eq!(
                    afresh.map(f32::to_bits),
                    remembered.map(f32::to_bits),
                    "{}",
                    sentence.words[i].text
                );
            }
        }
    }
}
