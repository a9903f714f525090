//! Invariants that must hold for any text, not only the texts we thought of:
//! spans slice valid UTF-8 of their source and map back to the original,
//! save-then-load gives the same project, and re-analysis with the person's
//! corrections gives the same corrected result.

use corroborate_core::analysis::analyze;
use corroborate_core::corpus::{ImportOptions, import_texts};
use corroborate_core::corrections::EntityFix;
use corroborate_core::progress::Silent;
use corroborate_core::project::Project;
use proptest::prelude::*;

/// Pieces of news-like text, broken markup and stray characters.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "The", "harbour", "Authority", "said", "on", "Friday", "Dr.", "Miriam", "Okafor",
            "1,200", "tonnes", "of", "ammonium", "nitrate", "March", "12", "approved", "postponed",
            "Coastline", "Wire", "reported", "U.S.", "TikTok", "ByteDance", "40%", "$2", "million",
            "according", "to", "Kanter", "Advertisement", "Okaforwarned", "café", "Zürich",
        ])
        .prop_map(String::from),
        2 => prop::sample::select(vec![
            " ", " ", ". ", ", ", "\n", "\n\n", "“", "”", "—", "(", ")", "- ", "• ", "<p>", "</p>",
            "&amp;", "\t", "\u{200b}", "\u{feff}", "\r\n",
        ])
        .prop_map(String::from),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..160).prop_map(|p| p.concat())
}

fn project_of(texts: &[String]) -> Project {
    let named: Vec<(String, &str)> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let name = if i % 3 == 2 {
                format!("r{i}.html")
            } else {
                format!("r{i}.txt")
            };
            (name, t.as_str())
        })
        .collect();
    let named: Vec<(&str, &str)> = named.iter().map(|(n, t)| (n.as_str(), *t)).collect();
    Project {
        sources: import_texts(&named, &ImportOptions::default()).sources,
        ..Project::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn every_span_slices_its_source_and_maps_back(texts in prop::collection::vec(text(), 1..4)) {
        let project = project_of(&texts);
        let analysis = analyze(&project, &Silent).unwrap();
        for s in &project.sources {
            let cleaned = &s.cleaned;
            for p in corroborate_core::nlp::segment::segment(cleaned) {
                prop_assert!(cleaned.get(p.span.range()).is_some());
                for sentence in &p.sentences {
                    prop_assert!(cleaned.get(sentence.range()).is_some());
                    for t in corroborate_core::nlp::segment::tokens(cleaned, *sentence) {
                        let word = &cleaned[t.span.range()];
                        let back = s.map.span_to_original(t.span.range());
                        let original = s.original.get(back.clone());
                        prop_assert!(original.is_some(), "{back:?} does not slice the original");
                        // Cleaning drops characters (zero-width spaces, markup) and
                        // splits glued words, but never makes up a letter: the
                        // word's letters are the original's, in order.
                        let original = original.unwrap_or_default();
                        let mut left = original.chars().filter(|c| c.is_alphanumeric());
                        prop_assert!(
                            word.chars()
                                .filter(|c| c.is_alphanumeric())
                                .all(|c| left.any(|o| o == c)),
                            "{word:?} is not in {original:?}"
                        );
                    }
                }
            }
        }
        for e in analysis.entities.iter() {
            for m in &e.mentions {
                let s = project.source(m.source).unwrap();
                prop_assert!(s.cleaned.get(m.span.range()).is_some(), "{}", e.name);
            }
        }
        for c in analysis.claims.iter() {
            for cell in c.cells.iter().chain(&c.alternates) {
                let s = project.source(cell.source).unwrap();
                prop_assert!(s.cleaned.get(cell.span.range()).is_some());
            }
        }
    }

    #[test]
    fn save_then_load_gives_the_same_project(texts in prop::collection::vec(text(), 0..4)) {
        let project = project_of(&texts);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.corroborate");
        project.save(&path).unwrap();
        prop_assert_eq!(Project::load(&path).unwrap(), project);
    }

    #[test]
    fn corrections_replay_to_the_same_result(
        texts in prop::collection::vec(text(), 1..4),
        picks in prop::collection::vec((any::<prop::sample::Index>(), 0u8..4), 0..4),
    ) {
        let mut project = project_of(&texts);
        let found = analyze(&project, &Silent).unwrap();
        for (at, what) in &picks {
            if found.entities.is_empty() {
                break;
            }
            let name = found.entities[at.index(found.entities.len())].name.clone();
            let other = found.entities[(at.index(found.entities.len()) + 1) % found.entities.len()]
                .name
                .clone();
            project.entity_fixes.push(match what {
                0 => EntityFix::Hide { entity: name, hidden: true },
                3 => EntityFix::Merge { keep: other, merge: name },
                1 => EntityFix::Rename { entity: name.clone(), name: format!("{name} (renamed)") },
                _ => EntityFix::NotEntity { entity: name },
            });
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.corroborate");
        project.save(&path).unwrap();
        let reopened = Project::load(&path).unwrap();
        let a = analyze(&project, &Silent).unwrap();
        let b = analyze(&reopened, &Silent).unwrap();
        prop_assert_eq!(&a.entities, &b.entities);
        prop_assert_eq!(&a.claims, &b.claims);
        prop_assert_eq!(&a.stale, &b.stale);
    }
}
