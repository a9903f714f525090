//! Generated corpora: the generator keeps its word, and the analysis of a
//! corpus generated with a seed nobody tuned on is scored against its key.

use corroborate_core::analysis::analyze;
use corroborate_core::corpus::{ImportOptions, import_texts};
use corroborate_core::generate::{Spec, generate};
use corroborate_core::progress::Silent;
use corroborate_core::project::Project;
use corroborate_core::score::score;

fn project_of(spec: Spec) -> (Project, corroborate_core::generate::Key) {
    let (reports, key) = generate(spec);
    let named: Vec<(&str, &str)> = reports
        .iter()
        .map(|r| (r.file.as_str(), r.text.as_str()))
        .collect();
    let imported = import_texts(&named, &ImportOptions::default());
    assert!(imported.skipped.is_empty(), "{:?}", imported.skipped);
    let project = Project {
        sources: imported.sources,
        ..Project::default()
    };
    (project, key)
}

/// Each source's event, by the key.
fn events_of(
    project: &Project,
    key: &corroborate_core::generate::Key,
) -> std::collections::HashMap<corroborate_core::corpus::SourceId, usize> {
    project
        .sources
        .iter()
        .filter_map(|s| {
            let r = key.reports.iter().find(|r| r.file == s.path)?;
            Some((s.id, r.event))
        })
        .collect()
}

#[test]
fn the_key_describes_what_was_written() {
    let (reports, key) = generate(Spec {
        sources: 120,
        events: 12,
        seed: 5,
    });
    assert_eq!(reports.len(), 120);
    assert_eq!(key.reports.len(), 120);
    assert_eq!(key.events.len(), 12);
    let html = reports.iter().filter(|r| r.file.ends_with(".html")).count();
    assert!(html > 10 && html < 110, "both formats: {html} HTML");
    let stated: usize = key.reports.iter().map(|r| r.claims.len()).sum();
    let wrong = key
        .reports
        .iter()
        .flat_map(|r| &r.claims)
        .filter(|c| c.contradicts)
        .count();
    let credited = key
        .reports
        .iter()
        .flat_map(|r| &r.claims)
        .filter(|c| c.credit.is_some())
        .count();
    assert!(stated > 500, "{stated} claims stated");
    assert!(wrong > 0 && wrong * 10 < stated, "{wrong} contradictions");
    assert!(credited > 0, "some claims are credited to a wire");
    assert!(key.reports.iter().any(|r| r.wire_copy));
    // Misspelt officials: the key spells them as the report does.
    let misspelt = key
        .reports
        .iter()
        .flat_map(|r| r.mentions.iter().map(move |m| (r, m)))
        .filter(|(r, m)| {
            m.entity.ends_with(".official")
                && !key.events[r.event]
                    .entities
                    .iter()
                    .any(|e| e.name.ends_with(&m.spelling))
        })
        .count();
    assert!(misspelt > 0, "some reports misspell the official's name");
}

#[test]
fn an_unseen_generated_corpus_scores_well_against_its_key() {
    let (project, key) = project_of(Spec {
        sources: 300,
        events: 30,
        seed: 20_261_124,
    });
    let analysis = analyze(&project, &Silent).unwrap();
    let s = score(&project, &analysis, &key);
    println!("{}", s.table());
    assert_eq!(s.claim_sentences_found, s.claim_sentences);
    assert!(
        s.claim_precision >= 0.9,
        "claim precision {}",
        s.claim_precision
    );
    assert!(s.claim_recall >= 0.6, "claim recall {}", s.claim_recall);
    assert!(
        s.conflicts_found * 2 >= s.conflicts,
        "{} of {} contradictions",
        s.conflicts_found,
        s.conflicts
    );
    assert!(
        s.merge_precision >= 0.95,
        "merge precision {}",
        s.merge_precision
    );
    assert!(s.merge_recall >= 0.85, "merge recall {}", s.merge_recall);
    assert!(
        s.story_precision >= 0.95 && s.story_recall >= 0.9,
        "stories: precision {} recall {}",
        s.story_precision,
        s.story_recall
    );
}

#[test]
fn each_story_holds_one_event_in_publication_order_with_its_rows() {
    let (project, key) = project_of(Spec {
        sources: 200,
        events: 20,
        seed: 4_242,
    });
    let analysis = analyze(&project, &Silent).unwrap();
    let event_of = events_of(&project, &key);
    // Every source is in exactly one story.
    let mut placed: Vec<_> = analysis
        .stories
        .iter()
        .flat_map(|st| st.sources.iter().copied())
        .collect();
    placed.sort();
    let before = placed.len();
    placed.dedup();
    assert_eq!(before, placed.len(), "a source in two stories");
    assert_eq!(placed.len(), project.sources.len());
    for st in &analysis.stories {
        let events: std::collections::BTreeSet<_> = st
            .sources
            .iter()
            .filter_map(|id| event_of.get(id))
            .collect();
        assert_eq!(events.len(), 1, "{:?} mixes events {events:?}", st.title);
        let dates: Vec<String> = st
            .sources
            .iter()
            .filter_map(|id| project.source(*id)?.meta().published)
            .collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
        assert_eq!(st.first.as_ref(), dates.first());
        assert_eq!(st.last.as_ref(), dates.last());
        assert!(!st.title.is_empty());
        for &c in &st.claims {
            assert!(
                analysis.claims[c]
                    .cells
                    .iter()
                    .all(|cell| st.sources.contains(&cell.source)),
                "row {c} reaches outside its story"
            );
        }
    }
    let rows: usize = analysis.stories.iter().map(|st| st.claims.len()).sum();
    assert_eq!(rows, analysis.claims.len());
    assert!(analysis.stories.len() >= 18 && analysis.stories.len() <= 22);
}

#[test]
fn claims_of_different_events_never_share_a_row() {
    let (project, key) = project_of(Spec {
        sources: 200,
        events: 40,
        seed: 77,
    });
    let analysis = analyze(&project, &Silent).unwrap();
    let event_of = events_of(&project, &key);
    let mixed = analysis
        .claims
        .iter()
        .filter(|c| {
            let events: std::collections::BTreeSet<_> = c
                .cells
                .iter()
                .filter_map(|x| event_of.get(&x.source))
                .collect();
            events.len() > 1
        })
        .count();
    let shared = analysis.claims.iter().filter(|c| c.cells.len() > 1).count();
    assert!(shared > 100, "{shared} rows with several sources");
    assert!(mixed * 50 <= shared, "{mixed} of {shared} rows mix events");
}

#[test]
fn a_claims_provenance_chains_each_origin_to_the_reports_that_repeat_it() {
    use corroborate_core::analysis::Credit;
    use corroborate_core::provenance::provenance;
    let (project, _) = project_of(Spec {
        sources: 120,
        events: 6,
        seed: 77,
    });
    let analysis = analyze(&project, &Silent).unwrap();
    let date = |id| project.source(id).and_then(|s| s.meta().published);
    let passages = corroborate_core::provenance::Copies::new(&analysis.reuse);
    let mut credited = 0;
    let mut copies = 0;
    for claim in analysis.claims.iter().filter(|c| c.cells.len() >= 2) {
        let p = provenance(&project, &passages, claim);
        // Every cell is in the chain once: under its credited origin or as
        // its outlet's own reporting.
        let chained: usize = p.origins.iter().map(|o| o.repeats.len()).sum::<usize>() + p.own.len();
        assert_eq!(chained, claim.cells.len());
        for cell in &claim.cells {
            let holder = if cell.credit == Credit::Outlet {
                Some(&p.own)
            } else {
                p.origins
                    .iter()
                    .find(|o| o.name == cell.origin)
                    .map(|o| &o.repeats)
            };
            assert!(
                holder.is_some_and(|l| l.iter().any(|x| x.source == cell.source)),
                "{} is not under its origin {}",
                cell.source,
                cell.origin
            );
        }
        // Repeats earliest first, and the first dated report is the earliest.
        for o in &p.origins {
            let dates: Vec<_> = o.repeats.iter().filter_map(|l| l.date.clone()).collect();
            assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
        }
        let earliest = claim.cells.iter().filter_map(|c| date(c.source)).min();
        assert_eq!(p.first.as_ref().and_then(|l| l.date.clone()), earliest);
        assert_eq!(p.independent, claim.origins);
        let sentence = p.sentence();
        assert!(sentence.starts_with("Origins: "), "{sentence}");
        assert!(sentence.contains(&format!("{} independent origin(s)", claim.origins)));
        credited += p.origins.len();
        for link in p.origins.iter().flat_map(|o| &o.repeats).chain(&p.own) {
            if let Some(c) = &link.copied {
                copies += 1;
                assert!(c.words > 0);
                assert!(link.describe().contains(&c.describe(&link.outlet)));
                // Copied from an earlier report only where both are dated.
                if c.from_earlier {
                    assert!(link.date.is_some());
                }
            }
        }
    }
    assert!(credited > 0, "some rows credit a wire or an outlet");
    assert!(copies > 0, "wire copies show the words they copy");
}

/// The stages an analysis went through, as the status bar shows them.
#[derive(Default)]
struct Stages(std::sync::Mutex<Vec<String>>);

impl corroborate_core::progress::Progress for Stages {
    fn stage(&self, name: &str, _total: usize) {
        if let Ok(mut s) = self.0.lock() {
            s.push(name.to_string());
        }
    }
    fn advance(&self, _n: usize) {}
    fn cancelled(&self) -> bool {
        false
    }
}

impl Stages {
    fn went_through(&self, name: &str) -> bool {
        self.0.lock().is_ok_and(|s| s.iter().any(|x| x == name))
    }
}

/// A row as the cells it joins: which source says it, where.
fn cells_of(row: &corroborate_core::analysis::Claim) -> Vec<(u32, usize, usize)> {
    let mut c: Vec<_> = row
        .cells
        .iter()
        .map(|c| (c.source.0, c.span.start, c.span.end))
        .collect();
    c.sort_unstable();
    c
}

#[test]
fn a_report_added_is_read_alone_and_lined_up_within_its_story() {
    use corroborate_core::analysis::analyze_from;
    let (project, key) = project_of(Spec {
        sources: 120,
        events: 12,
        seed: 9,
    });
    let mut before = project.clone();
    let added = before.sources.pop().unwrap();
    let earlier = analyze(&before, &Silent).unwrap();
    let stages = Stages::default();
    let grown = analyze_from(&project, earlier.earlier(), &stages).unwrap();
    assert!(stages.went_through("Reading the new reports"));
    assert!(!stages.went_through("Reading sentences and names"));
    let whole = analyze(&project, &Silent).unwrap();

    // Its claims sit in the rows a whole analysis puts them in.
    let with_it = |a: &corroborate_core::analysis::Analysis| {
        let mut rows: Vec<_> = a
            .claims
            .iter()
            .filter(|r| r.cells.iter().any(|c| c.source == added.id))
            .map(cells_of)
            .collect();
        rows.sort();
        rows
    };
    assert!(with_it(&grown).len() > 3, "{:?}", with_it(&grown));
    assert!(
        with_it(&grown).iter().any(|r| r.len() > 1),
        "lined up with other reports"
    );
    assert_eq!(with_it(&grown), with_it(&whole));

    // Its story is the one the rest of its event is in.
    let events = events_of(&project, &key);
    let at = project.sources.len() - 1;
    let story = grown.story_of[at];
    for (r, s) in project.sources.iter().enumerate().take(at) {
        if events[&s.id] == events[&added.id] {
            assert_eq!(grown.story_of[r], story, "{}", s.path);
        }
    }

    // Its names join the entities the archive knows.
    let name_at = |a: &corroborate_core::analysis::Analysis| {
        let mut names: Vec<(usize, String)> = a
            .found
            .iter()
            .flat_map(|e| {
                e.mentions
                    .iter()
                    .filter(|m| m.source == added.id)
                    .map(|m| (m.span.start, e.name.clone()))
            })
            .collect();
        names.sort();
        names
    };
    // The same names are found in it; a whole analysis may still spell one
    // differently, where the new report tips two spellings into one.
    let (mine, all) = (name_at(&grown), name_at(&whole));
    assert!(mine.len() > 5);
    let at_of = |n: &[(usize, String)]| n.iter().map(|x| x.0).collect::<Vec<_>>();
    assert_eq!(at_of(&mine), at_of(&all));
    let same = mine.iter().zip(&all).filter(|(a, b)| a == b).count();
    assert!(same * 10 >= mine.len() * 9, "{mine:?}\n{all:?}");

    // Rows no report of its story is in are the rows they were.
    let others = |a: &corroborate_core::analysis::Analysis| {
        let story_sources: Vec<_> = project
            .sources
            .iter()
            .enumerate()
            .filter(|&(r, _)| grown.story_of[r] == story)
            .map(|(_, s)| s.id)
            .collect();
        a.claims
            .iter()
            .filter(|r| r.cells.iter().all(|c| !story_sources.contains(&c.source)))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert!(!others(&earlier).is_empty());
    assert_eq!(others(&grown), others(&earlier));

    // Grown again from what it grew into.
    let mut more = project.clone();
    let mut copy = added.clone();
    copy.id = corroborate_core::corpus::SourceId(added.id.0 + 1);
    more.sources.push(copy);
    let stages = Stages::default();
    let again = analyze_from(&more, grown.earlier(), &stages).unwrap();
    assert!(stages.went_through("Reading the new reports"));
    assert_eq!(again.story_of[at + 1], story);
}

#[test]
fn a_changed_report_is_analysed_with_the_whole_archive() {
    use corroborate_core::analysis::analyze_from;
    let (mut project, _) = project_of(Spec {
        sources: 60,
        events: 6,
        seed: 4,
    });
    let earlier = analyze(&project, &Silent).unwrap();
    project.sources[3].cleaned = format!(
        "{}\n\nThe mayor of Eastport resigned on Friday.",
        project.sources[3].cleaned
    )
    .into();
    let stages = Stages::default();
    let again = analyze_from(&project, earlier.earlier(), &stages).unwrap();
    assert!(stages.went_through("Reading sentences and names"));
    assert!(!stages.went_through("Reading the new reports"));
    let whole = analyze(&project, &Silent).unwrap();
    assert_eq!(again.entities, whole.entities);
    assert_eq!(again.claims, whole.claims);
    assert_eq!(again.story_of, whole.story_of);
}
