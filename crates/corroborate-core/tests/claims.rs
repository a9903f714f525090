//! Claims against the sample corpus's answer key and the TikTok reports:
//! which sources make each claim, its status, whom it is credited to, and
//! the conflicts; copied passages; corrections to rows replayed.

use corroborate_core::analysis::{Analysis, Claim, analyze};
use corroborate_core::corpus::Span;
use corroborate_core::nlp::align::Status;
use corroborate_core::progress::Silent;
use corroborate_core::project::Project;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

mod common;

#[derive(Deserialize)]
struct Key {
    claims: Vec<KeyClaim>,
}

#[derive(Deserialize)]
struct KeyClaim {
    id: String,
    status: String,
    attributed_to: Vec<String>,
    /// File name → words of the sentence that makes the claim there.
    cells: BTreeMap<String, String>,
}

fn sample() -> (Project, Analysis) {
    let project = common::import(&common::repo("assets/sample/reports"));
    let analysis = analyze(&project, &Silent).unwrap();
    (project, analysis)
}

fn file(project: &Project, id: corroborate_core::corpus::SourceId) -> String {
    let path = &project.source(id).unwrap().path;
    Path::new(path)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

/// The row that holds most of the key's sentences, the tightest on a tie.
fn row_for<'a>(project: &Project, analysis: &'a Analysis, k: &KeyClaim) -> &'a Claim {
    let places: Vec<(corroborate_core::corpus::SourceId, Span)> = k
        .cells
        .iter()
        .filter_map(|(f, words)| {
            let s = project
                .sources
                .iter()
                .find(|s| s.path.ends_with(f.as_str()))?;
            let at = s.cleaned.find(words.as_str())?;
            Some((s.id, Span::new(at, at + words.len())))
        })
        .collect();
    assert_eq!(
        places.len(),
        k.cells.len(),
        "{}: every key sentence is in the text",
        k.id
    );
    let fit = |c: &Claim| {
        let mut n = 0;
        let mut tight = 0.0;
        for (id, span) in &places {
            if let Some(cell) = c
                .cells
                .iter()
                .chain(&c.alternates)
                .find(|x| x.source == *id && x.span.start < span.end && span.start < x.span.end)
            {
                n += 1;
                let inter = cell.span.end.min(span.end) - cell.span.start.max(span.start);
                let union = cell.span.end.max(span.end) - cell.span.start.min(span.start);
                tight += inter as f64 / union as f64;
            }
        }
        (n, tight)
    };
    analysis
        .claims
        .iter()
        .max_by(|a, b| fit(a).partial_cmp(&fit(b)).unwrap())
        .unwrap()
}

#[test]
fn every_key_claim_has_its_status_credit_and_conflict() {
    let (project, analysis) = sample();
    let key: Key = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../..")
                .join("assets/sample/answers.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let mut same_sources = 0;
    let mut problems = Vec::new();
    for k in &key.claims {
        let row = row_for(&project, &analysis, k);
        if row.status.as_str() != k.status {
            problems.push(format!(
                "{}: {} instead of {}",
                k.id,
                row.status.as_str(),
                k.status
            ));
        }
        for credit in &k.attributed_to {
            if !row.attributed_to.contains(credit) {
                problems.push(format!(
                    "{}: not credited to {credit} ({:?})",
                    k.id, row.attributed_to
                ));
            }
        }
        if (row.status == Status::Conflict) != row.conflict.is_some() {
            problems.push(format!("{}: a conflict says what disagrees", k.id));
        }
        let files: BTreeSet<String> = row
            .cells
            .iter()
            .chain(&row.alternates)
            .map(|c| file(&project, c.source))
            .collect();
        let want: BTreeSet<String> = k.cells.keys().cloned().collect();
        if want.is_subset(&files) && files.difference(&want).count() <= 1 {
            same_sources += 1;
        } else {
            eprintln!("{}: sources {files:?}, key {want:?}", k.id);
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // One row in the key (k9, Okafor's call for a suspension) shares its row
    // with her other statements; every other row has the key's sources.
    assert!(
        same_sources >= key.claims.len() - 1,
        "{same_sources} of {} rows with the key's sources",
        key.claims.len()
    );
}

#[test]
fn the_tonnage_conflict_names_both_sides() {
    let (_, analysis) = sample();
    let row = analysis
        .claims
        .iter()
        .find(|c| {
            c.conflict
                .as_deref()
                .is_some_and(|t| t.contains("2,100 tonnes"))
        })
        .expect("the tonnage row");
    assert_eq!(row.status, Status::Conflict);
    let conflict = row.conflict.as_deref().unwrap();
    assert!(
        conflict.contains("1,200 tonnes") && conflict.contains("Harbour Echo Leaf"),
        "{conflict}"
    );
    assert_eq!(row.disagreeing.len(), 1);
}

#[test]
fn copied_passages_are_found_between_sources() {
    let (project, analysis) = sample();
    // 01 and 02 quote the spokeswoman's sentence word for word.
    let quote = "meets every national safety standard";
    let found = analysis.reuse.iter().any(|r| {
        let a = &project.source(r.a.source).unwrap().cleaned[r.a.span.range()];
        let b = &project.source(r.b.source).unwrap().cleaned[r.b.span.range()];
        a.contains(quote) && b.contains(quote) && r.words >= 8
    });
    assert!(found, "{:#?}", analysis.reuse);
}

/// The real reports, checked as the issue asks.
#[test]
fn the_tiktok_reports_line_up() {
    let Some(dir) = common::shared("corpus/tiktok-2022") else {
        return;
    };
    let project = common::import(&dir);
    let analysis = analyze(&project, &Silent).unwrap();
    let text = |c: &corroborate_core::analysis::Cell| {
        project.source(c.source).unwrap().cleaned[c.span.range()].to_string()
    };
    let row_with = |words: &[&str]| -> &Claim {
        analysis
            .claims
            .iter()
            .filter(|c| {
                c.cells
                    .iter()
                    .any(|x| words.iter().all(|w| text(x).contains(w)))
            })
            .max_by_key(|c| c.cells.len())
            .unwrap_or_else(|| panic!("a row with {words:?}"))
    };
    let friend = row_with(&["friend"]);
    assert!(
        friend.cells.len() >= 3,
        "the friend-of-an-employee explanation in several sources"
    );
    assert!(friend.attributed_to.contains(&"Bloomberg".to_string()));
    let guidelines = row_with(&["coordinated inauthentic behavior"]);
    assert!(guidelines.cells.len() >= 4);
    let april = row_with(&["April 2020"]);
    assert!(april.cells.len() >= 4 && april.attributed_to.contains(&"Bloomberg".to_string()));
    let policy = row_with(&["relax its policy"]);
    assert_eq!(
        policy.status,
        Status::Conflict,
        "expand state-media labels vs relax the policy"
    );
    assert!(policy.cells.iter().any(|c| text(c).contains("expand")));
    let payment = row_with(&["also mentioned payment"]);
    assert_eq!(payment.status, Status::SingleSource);
    // What every outlet took from Bloomberg has one origin: Bloomberg.
    for words in [&["stealth account"][..], &["April 2020"], &["friend"]] {
        let row = row_with(words);
        assert_eq!(row.origins, 1, "{words:?}: {:?}", row.cells);
        assert!(
            row.cells.iter().all(|c| c.origin == "Bloomberg"),
            "{words:?}"
        );
    }
    // Two outlets' own requests for comment are no claim they share.
    let asked = row_with(&["request for comment from DailyMail.com"]);
    assert_eq!(asked.cells.len(), 1, "{:?}", asked.cells);
    assert_ne!(asked.cells[0].origin, "Bloomberg");
}

#[test]
fn a_reports_source_is_the_origin_of_its_story_but_not_of_its_own_work() {
    let texts = [
        (
            "a.txt",
            "Dock strike halts Ostend grain shipments\n\nDockworkers at the port of Ostend walked out on Monday, halting grain shipments, according to a report by Harbor Wire.\nThe strike is the first at the port since 2019.\nThe Ostend Port Authority did not respond to a request for comment.\n",
        ),
        (
            "b.txt",
            "Ostend dockworkers strike\n\nHarbor Wire reported that dockworkers at the port of Ostend walked out on Monday, halting grain shipments.\nIt is the first strike at the port since 2019, Harbor Wire said.\nThe union did not respond to a request for comment.\n",
        ),
        (
            "c.txt",
            "Grain stuck in Ostend\n\nGrain shipments from Ostend stopped on Monday when dockworkers walked out, as first reported by Harbor Wire.\nThis strike is the port's first since 2019.\n",
        ),
    ];
    let project = common::project_of(&texts);
    let analysis = analyze(&project, &Silent).unwrap();
    let text = |c: &corroborate_core::analysis::Cell| {
        project.source(c.source).unwrap().cleaned[c.span.range()].to_string()
    };
    let row_with = |w: &str| -> &Claim {
        analysis
            .claims
            .iter()
            .find(|c| c.cells.iter().any(|x| text(x).contains(w)))
            .unwrap_or_else(|| panic!("a row with {w:?}"))
    };
    let first = row_with("since 2019");
    assert_eq!(first.cells.len(), 3, "{:?}", first.cells);
    assert_eq!(first.origins, 1);
    assert!(first.cells.iter().all(|c| c.origin == "Harbor Wire"));
    let asked = row_with("request for comment");
    assert_eq!(asked.cells.len(), 1, "each outlet asked on its own");
    assert_ne!(asked.cells[0].origin, "Harbor Wire");
}

#[test]
fn row_corrections_replay_after_reanalysis_and_survive_a_save() {
    use corroborate_core::corrections::{CellKey, ClaimFix, Verdict};
    let (mut project, analysis) = sample();
    let key = |c: &corroborate_core::analysis::Cell| CellKey {
        source: c.source,
        start: c.span.start,
    };
    let singles: Vec<&Claim> = analysis
        .claims
        .iter()
        .filter(|c| c.cells.len() == 1)
        .collect();
    let (a, b) = (key(&singles[0].cells[0]), key(&singles[1].cells[0]));
    let conflict = analysis
        .claims
        .iter()
        .find(|c| c.status == Status::Conflict)
        .unwrap();
    let split = key(&conflict.cells[conflict.disagreeing[0]]);
    project.claim_fixes = vec![
        ClaimFix::MergeRows { keep: a, merge: b },
        ClaimFix::SplitCell { cell: split },
        ClaimFix::Verdict {
            row: a,
            verdict: Verdict::Agrees,
            note: "same event, checked by phone".into(),
        },
    ];
    let (first, again) = common::reopened_and_analysed(&project);
    assert_eq!(first.claims, again.claims);
    assert!(first.stale.is_empty(), "{:?}", first.stale);
    assert_eq!(
        first.claims.len(),
        analysis.claims.len(),
        "one row merged, one split off"
    );
    let merged = first
        .claims
        .iter()
        .find(|c| c.cells.iter().chain(&c.alternates).any(|x| key(x) == a))
        .unwrap();
    assert!(
        merged
            .cells
            .iter()
            .chain(&merged.alternates)
            .any(|x| key(x) == b)
    );
    assert_eq!(merged.verdict.as_ref().map(|v| v.0), Some(Verdict::Agrees));
    // Without the disagreeing cell, the row no longer conflicts.
    let rest = first
        .claims
        .iter()
        .find(|c| {
            c.cells.iter().any(|x| key(x) == key(&conflict.cells[0]))
                && key(&conflict.cells[0]) != split
        })
        .unwrap();
    assert_ne!(rest.status, Status::Conflict);
}

#[test]
fn the_table_exports_as_csv_and_html() {
    let (project, analysis) = sample();
    let csv = corroborate_core::export::claims_csv(&project, &analysis).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(header.len(), 8 + project.sources.len());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), analysis.claims.len());
    assert!(
        rows.iter()
            .any(|r| &r[1] == "conflict" && r[2].contains("2,100 tonnes"))
    );
    let html = corroborate_core::export::claims_html(&project, &analysis, "Sample");
    let first_conflict = html.find("class=\"claim conflict\"").unwrap();
    let first_other = html.find("class=\"claim corroborated\"").unwrap();
    assert!(first_conflict < first_other, "conflicts come first");
    // Every cell links to an anchor in its source's text.
    for c in analysis.claims.iter().flat_map(|c| &c.cells).take(20) {
        let id = format!("{}-{}", c.source, c.span.start);
        assert!(
            html.contains(&format!("href=\"#{id}\"")) && html.contains(&format!("id=\"{id}\""))
        );
    }
    assert!(!html.contains("<script"));
}

#[test]
fn a_toll_that_rises_from_report_to_report_is_an_update() {
    let (a, b, c) = (
        "Bus crash on the Tolvey road\n\nPublished: 2025-03-01\n\nThe bus crash on the Tolvey mountain road left 12 dead, the regional police said.\nRescuers worked through the night.\n",
        "Tolvey crash toll rises\n\nPublished: 2025-03-02\n\nPolice said the crash of a coach on the Tolvey mountain road had left 15 dead.\nThe driver survived.\n",
        "Mourning in Tolvey\n\nPublished: 2025-03-04\n\nThe Tolvey mountain road bus crash has left 19 dead, according to police.\nA memorial is planned for Sunday.\n",
    );
    let texts = [("a.txt", a), ("b.txt", b), ("c.txt", c)];
    let project = common::project_of(&texts);
    let analysis = analyze(&project, &Silent).unwrap();
    let row = analysis
        .claims
        .iter()
        .find(|c| c.cells.len() == 3 && c.summary.contains("dead"))
        .unwrap_or_else(|| panic!("the toll in one row: {:?}", analysis.claims));
    assert_eq!(row.status, Status::Updated, "{row:?}");
    assert_eq!(row.conflict, None);
    let update = row.update.as_deref().unwrap_or_default();
    assert!(
        update.contains("12 dead") && update.find("12 dead") < update.find("19 dead"),
        "{update}"
    );
}

#[test]
fn two_files_of_one_wire_text_are_two_sources_and_one_origin() {
    let wire = "Port strike spreads\n\nDockworkers at the port of Ostend walked out on Monday, halting grain shipments.\nThe union demands a ten percent raise.\n";
    let texts = [
        ("herald.txt", wire),
        ("courier.txt", wire),
        (
            "gazette.txt",
            "Ostend strike\n\nDockworkers in Ostend stopped work on Monday and grain shipments were halted.\nThe union wants a ten percent raise.\n",
        ),
    ];
    let project = common::project_of(&texts);
    assert_eq!(project.sources.len(), 3);
    let herald = project
        .sources
        .iter()
        .find(|s| s.path == "herald.txt")
        .unwrap();
    let courier = project
        .sources
        .iter()
        .find(|s| s.path == "courier.txt")
        .unwrap();
    assert_eq!(courier.copy_of, Some(herald.id));
    let analysis = analyze(&project, &Silent).unwrap();
    let raise = analysis
        .claims
        .iter()
        .find(|c| c.summary.contains("raise"))
        .unwrap_or_else(|| panic!("{:?}", analysis.claims));
    assert_eq!(raise.cells.len(), 3);
    assert_eq!(
        raise.origins, 2,
        "the copies are one origin, the gazette another"
    );
}

/// Reports saved on Windows (CRLF line endings) read as the same reports:
/// the same titles, entities and claim rows as with Unix line endings.
#[test]
fn windows_line_endings_change_nothing() {
    let unix = tempfile::tempdir().unwrap();
    let windows = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(common::repo("assets/sample/reports")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap();
        std::fs::write(unix.path().join(name), &text).unwrap();
        std::fs::write(windows.path().join(name), text.replace('\n', "\r\n")).unwrap();
    }
    let read = |dir: &Path| {
        let project = common::import(dir);
        let analysis = analyze(&project, &Silent).unwrap();
        let titles: Vec<String> = project.sources.iter().map(|s| s.meta().title).collect();
        let entities: Vec<(String, usize)> = analysis
            .entities
            .iter()
            .map(|e| (e.name.clone(), e.mentions.len()))
            .collect();
        let rows: Vec<usize> = analysis.claims.iter().map(|c| c.cells.len()).collect();
        (titles, entities, rows)
    };
    let (a, b) = (read(unix.path()), read(windows.path()));
    assert!(a.0.len() >= 5 && !a.1.is_empty() && !a.2.is_empty());
    assert_eq!(a, b);
}

/// A stock phrase of news shared by reports of unrelated stories is not a
/// copied passage; a passage copied within a story is, and so is a long one
/// shared across stories (copying says more than the grouping).
#[test]
fn stock_phrases_across_stories_are_not_copies() {
    let stock = "A spokesperson did not immediately respond to a request for comment on Tuesday.";
    let wire = "Engineers from the Varnholt Water Board had warned the council about cracks in the eastern wall for two years.";
    let long = "The figures were published in a joint statement that the regional authority and the national audit office released late on Monday evening after a review.";
    let texts: Vec<(String, String)> = vec![
        (
            "dam1.txt".into(),
            format!(
                "Varnholt dam breach floods valley\n\nThe Varnholt dam failed at dawn, Mayor Ilse Brandt said. {wire} {stock} Brandt ordered the valley cleared."
            ),
        ),
        (
            "dam2.txt".into(),
            format!(
                "Mayor Brandt orders Varnholt valley evacuated\n\nIlse Brandt, mayor of Varnholt, ordered an evacuation after the dam broke. {wire} {stock}"
            ),
        ),
        (
            "bank1.txt".into(),
            format!(
                "Corvin Bank agrees to buy Teller Group\n\nCorvin Bank will buy Teller Group for 2 billion euros, chief executive Amos Reyes said. The Teller Group board backed the takeover. Regulators at the Ostmark Finance Authority must approve the Corvin Bank deal. {stock} {long}"
            ),
        ),
        (
            "bank2.txt".into(),
            format!(
                "Amos Reyes defends Corvin Bank takeover of Teller Group\n\nAmos Reyes of Corvin Bank said the takeover of Teller Group would close in June once the Ostmark Finance Authority approves it. Teller Group shareholders will receive Corvin Bank shares. {stock}"
            ),
        ),
        (
            "dam3.txt".into(),
            format!(
                "Varnholt counts the cost\n\nMayor Ilse Brandt of Varnholt said the dam repairs will take a year. {long}"
            ),
        ),
    ];
    let borrowed: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let project = common::project_of(&borrowed);
    let analysis = analyze(&project, &Silent).unwrap();
    let story = |name: &str| common::story_of(&project, &analysis, name);
    assert_eq!(story("dam1.txt"), story("dam2.txt"));
    assert_eq!(story("bank1.txt"), story("bank2.txt"));
    assert_ne!(story("dam1.txt"), story("bank1.txt"));
    let text = |m: &corroborate_core::analysis::Mention| {
        project.source(m.source).unwrap().cleaned[m.span.range()].to_string()
    };
    let shared: Vec<(String, String)> = analysis
        .reuse
        .iter()
        .map(|r| (file(&project, r.a.source), text(&r.a)))
        .collect();
    let has = |passage: &str| shared.iter().any(|(_, t)| t.contains(passage));
    assert!(has("Varnholt Water Board had warned"), "{shared:#?}");
    assert!(
        has("joint statement"),
        "the long passage across stories: {shared:#?}"
    );
    // The stock phrase is kept only where it is part of a copy within a
    // story (the two dam reports), never between a dam and a bank report.
    for r in analysis.reuse.iter() {
        let (a, b) = (file(&project, r.a.source), file(&project, r.b.source));
        if a[..3] != b[..3] {
            assert!(
                !text(&r.a).contains("immediately respond"),
                "{a} / {b}: {}",
                text(&r.a)
            );
        }
    }
}
