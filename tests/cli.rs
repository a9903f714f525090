//! The `corroborate` command as scripts use it.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `corroborate` with these arguments.
fn run<S: AsRef<OsStr>>(args: impl IntoIterator<Item = S>) -> Output {
    Command::new(env!("CARGO_BIN_EXE_corroborate"))
        .args(args)
        .output()
        .expect("corroborate runs")
}

fn reports() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample/reports")
}

fn json_of(output: &Output) -> serde_json::Value {
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

/// The standard error of a run that must have failed.
fn failure(output: &Output) -> String {
    assert!(!output.status.success());
    let err = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn analyze_writes_the_json_contract() {
    let doc = json_of(&run([
        OsStr::new("analyze"),
        reports().as_os_str(),
        OsStr::new("--json"),
        OsStr::new("-"),
    ]));
    assert_eq!(doc["format"], "corroborate.analysis/1");
    for list in ["entities", "claims", "reuse", "stories"] {
        assert!(doc[list].is_array(), "{list}");
    }
    // The sample reports tell one event: one story holds them all, with
    // ids that point into the document's own lists.
    let stories = doc["stories"].as_array().expect("stories");
    let story = &stories[0];
    assert_eq!(story["id"], "st1");
    assert!(story["title"].as_str().is_some_and(|t| !t.is_empty()));
    let ids = |list: &str| -> Vec<String> {
        doc[list]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|x| x["id"].as_str().map(String::from))
            .collect()
    };
    let (sources, entities, claims) = (ids("sources"), ids("entities"), ids("claims"));
    let inside = |field: &str, known: &[String]| {
        story[field]
            .as_array()
            .into_iter()
            .flatten()
            .all(|x| x.as_str().is_some_and(|id| known.iter().any(|k| k == id)))
    };
    assert!(
        inside("sources", &sources) && inside("entities", &entities) && inside("claims", &claims)
    );
    assert!(
        story["sources"].as_array().is_some_and(|s| s.len() >= 6),
        "{story}"
    );
    let sources = doc["sources"].as_array().expect("sources");
    assert_eq!(sources.len(), 7);
    for (i, s) in sources.iter().enumerate() {
        assert_eq!(s["id"], format!("s{}", i + 1));
        for field in ["path", "title", "words", "warnings", "language"] {
            assert!(!s[field].is_null(), "{field}");
        }
        assert!(s["published"].is_null() || s["published"].as_str().is_some_and(|d| d.len() == 10));
        assert!(s["outlet"].is_null() || s["outlet"].is_string());
    }
    let html = sources
        .iter()
        .find(|s| {
            s["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("06_page.html"))
        })
        .expect("html source");
    assert_eq!(html["outlet"], "The Bay Sentinel");
    assert_eq!(html["published"], "2025-03-14");
}

#[test]
fn analyze_to_a_file_and_from_a_project() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = dir.path().join("sample.corroborate");
    let json = dir.path().join("out.json");
    let import = run([
        OsStr::new("import"),
        reports().as_os_str(),
        OsStr::new("--project"),
        project.as_os_str(),
    ]);
    assert!(import.status.success());
    let analyze = run([
        OsStr::new("analyze"),
        project.as_os_str(),
        OsStr::new("--json"),
        json.as_os_str(),
    ]);
    assert!(analyze.status.success());
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("json written")).expect("json");
    assert_eq!(doc["sources"].as_array().map(Vec::len), Some(7));
}

#[test]
fn search_prints_hits_with_snippets_and_offsets() {
    let search = |query: &str, json: bool| {
        let mut args = vec![
            OsStr::new("search").to_owned(),
            reports().into_os_string(),
            OsStr::new("--query").to_owned(),
            OsStr::new(query).to_owned(),
        ];
        if json {
            args.push(OsStr::new("--json").to_owned());
        }
        run(args)
    };
    let doc = json_of(&search("\"storage permit\"", true));
    let hits = doc["hits"].as_array().expect("hits");
    assert!(!hits.is_empty());
    for hit in hits {
        let snippet = hit["snippet"].as_str().expect("snippet");
        let snippet_start = hit["snippet_start"].as_u64().expect("snippet_start") as usize;
        for h in hit["highlights"].as_array().expect("highlights") {
            let (s, e) = (
                h[0].as_u64().unwrap_or(0) as usize,
                h[1].as_u64().unwrap_or(0) as usize,
            );
            assert_eq!(
                snippet[s - snippet_start..e - snippet_start].to_lowercase(),
                "storage permit"
            );
        }
        assert!(hit["start"].as_u64() <= hit["end"].as_u64());
    }
    let text = search("Brandvold~1", false);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("[Brandvolt]"), "{text}");
}

#[test]
fn errors_are_one_sentence_and_a_failing_exit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let damaged = dir.path().join("bad.corroborate");
    std::fs::write(&damaged, b"{\"format\":\"corroborate.project\",\"vers").expect("write");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").expect("write");
    let analyze = |path: &Path| {
        run([
            OsStr::new("analyze"),
            path.as_os_str(),
            OsStr::new("--json"),
            OsStr::new("-"),
        ])
    };

    let err = failure(&analyze(&damaged));
    assert!(
        err.contains("damaged") && err.contains("left untouched"),
        "{err}"
    );

    let err = failure(&analyze(&empty));
    assert!(
        err.contains("the file is empty") && err.contains("no report could be imported"),
        "{err}"
    );

    let err = failure(&run([
        OsStr::new("search"),
        reports().as_os_str(),
        OsStr::new("--query"),
        OsStr::new("\"unclosed"),
    ]));
    assert!(err.contains("could not understand the search"), "{err}");
}

#[test]
fn analyze_also_writes_the_claim_table_and_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (csv, html) = (
        dir.path().join("claims.csv"),
        dir.path().join("claims.html"),
    );
    let doc = json_of(&run([
        OsStr::new("analyze"),
        reports().as_os_str(),
        OsStr::new("--json"),
        OsStr::new("-"),
        OsStr::new("--csv"),
        csv.as_os_str(),
        OsStr::new("--html"),
        html.as_os_str(),
    ]));
    let claims = doc["claims"].as_array().expect("claims");
    let table = std::fs::read_to_string(&csv).expect("csv written");
    // One header line and one record per claim (records may span lines when quoted).
    let mut reader = csv::Reader::from_reader(table.as_bytes());
    assert_eq!(reader.records().count(), claims.len());
    let report = std::fs::read_to_string(&html).expect("html written");
    assert!(report.starts_with("<!DOCTYPE html>") && report.contains("in conflict"));
    let conflict = claims
        .iter()
        .find(|c| c["status"] == "conflict")
        .expect("a conflict");
    assert!(
        conflict["conflict"]
            .as_str()
            .is_some_and(|t| t.contains(" vs "))
    );
}

#[test]
fn generate_writes_the_same_corpus_for_the_same_seed_and_score_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for out in [&a, &b] {
        let done = run([
            OsStr::new("generate"),
            OsStr::new("--sources"),
            OsStr::new("60"),
            OsStr::new("--seed"),
            OsStr::new("9"),
            out.as_os_str(),
        ]);
        assert!(
            done.status.success(),
            "{}",
            String::from_utf8_lossy(&done.stderr)
        );
    }
    let files = |d: &Path| {
        let mut names: Vec<_> = std::fs::read_dir(d.join("reports"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        names
    };
    assert_eq!(files(&a).len(), 60);
    assert_eq!(files(&a), files(&b));
    for name in files(&a) {
        assert_eq!(
            std::fs::read(a.join("reports").join(&name)).unwrap(),
            std::fs::read(b.join("reports").join(&name)).unwrap()
        );
    }
    assert_eq!(
        std::fs::read(a.join("key.json")).unwrap(),
        std::fs::read(b.join("key.json")).unwrap()
    );
    let scored = json_of(&run([
        OsStr::new("score"),
        a.as_os_str(),
        OsStr::new("--json"),
    ]));
    assert!(scored["claim_sentences"].as_u64().unwrap() > 100);
    assert!(scored["claim_precision"].as_f64().unwrap() > 0.8);
    // A folder without a key is refused with a sentence, not a panic.
    let err = failure(&run([OsStr::new("score"), reports().as_os_str()]));
    assert!(err.contains("key.json"), "{err}");
}

/// Runs `corroborate` with its kept indexes in `cache`.
fn run_cached<S: AsRef<OsStr>>(cache: &Path, args: impl IntoIterator<Item = S>) -> Output {
    Command::new(env!("CARGO_BIN_EXE_corroborate"))
        .env("CORROBORATE_CACHE", cache)
        .args(args)
        .output()
        .expect("corroborate runs")
}

/// The stamp files of the kept indexes under `cache`.
fn stamps(cache: &Path) -> Vec<String> {
    let Ok(dirs) = std::fs::read_dir(cache.join("projects")) else {
        return Vec::new();
    };
    dirs.filter_map(|d| std::fs::read_to_string(d.ok()?.path().join("corroborate-stamp")).ok())
        .collect()
}

#[test]
fn a_saved_project_is_searched_through_its_kept_index() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache = dir.path().join("cache");
    let project = dir.path().join("p.corroborate");
    let first = dir.path().join("first");
    std::fs::create_dir_all(&first).expect("mkdir");
    for name in ["01_port_vote.txt", "02_chemical_storage.txt"] {
        std::fs::copy(reports().join(name), first.join(name)).expect("copy");
    }
    let import = |what: &Path| {
        let out = run_cached(
            &cache,
            [
                OsStr::new("import"),
                what.as_os_str(),
                OsStr::new("--project"),
                project.as_os_str(),
            ],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let search = |query: &str| {
        json_of(&run_cached(
            &cache,
            [
                OsStr::new("search"),
                project.as_os_str(),
                OsStr::new("--query"),
                OsStr::new(query),
                OsStr::new("--json"),
            ],
        ))["hits"]
            .as_array()
            .map(|h| {
                h.iter()
                    .filter_map(|h| h["path"].as_str().map(str::to_owned))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    import(&first);
    assert!(stamps(&cache).is_empty(), "no index until the first search");
    let hits = search("chemical");
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|p| p.contains("first")), "{hits:?}");
    let built = stamps(&cache);
    assert_eq!(built.len(), 1);

    // More reports: the import brings the kept index along (a new stamp,
    // the new reports found) without building it again.
    import(&reports());
    let advanced = stamps(&cache);
    assert_eq!(advanced.len(), 1);
    assert_ne!(advanced, built);
    let hits = search("chemical");
    assert!(hits.iter().any(|p| p.contains("aggregator")), "{hits:?}");

    // A missing index is built again; so is one whose stamp is not this
    // project's state.
    std::fs::remove_dir_all(cache.join("projects")).expect("remove");
    assert!(search("chemical").iter().any(|p| p.contains("aggregator")));
    assert_eq!(stamps(&cache), advanced);
    for d in std::fs::read_dir(cache.join("projects")).expect("dir") {
        let stamp = d.expect("entry").path().join("corroborate-stamp");
        std::fs::write(stamp, "corroborate-index 0\n1\n").expect("write");
    }
    assert!(search("chemical").iter().any(|p| p.contains("aggregator")));
    assert_eq!(stamps(&cache), advanced);
}

#[cfg(unix)]
#[test]
fn an_import_killed_at_any_moment_leaves_a_project_that_opens_and_no_stray_file() {
    use corroborate::project::Project;
    let dir = tempfile::tempdir().expect("tempdir");
    let generated = dir.path().join("generated");
    let made = run([
        OsStr::new("generate"),
        OsStr::new("--sources"),
        OsStr::new("300"),
        generated.as_os_str(),
    ]);
    assert!(made.status.success());
    let work = dir.path().join("work");
    std::fs::create_dir_all(&work).expect("mkdir");
    let project = work.join("p.corroborate");
    let cache = dir.path().join("cache");
    let imported = run_cached(
        &cache,
        [
            OsStr::new("import"),
            reports().as_os_str(),
            OsStr::new("--project"),
            project.as_os_str(),
        ],
    );
    assert!(imported.status.success());
    let mut outcomes = std::collections::BTreeSet::new();
    for round in 0..12u64 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_corroborate"))
            .env("CORROBORATE_CACHE", &cache)
            .args([
                OsStr::new("import"),
                generated.join("reports").as_os_str(),
                OsStr::new("--project"),
                project.as_os_str(),
            ])
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        // Killed earlier and later in the import and the save.
        std::thread::sleep(std::time::Duration::from_millis(40 * round));
        let _ = child.kill();
        let _ = child.wait();
        let loaded = Project::load(&project).expect("the project opens after a kill");
        let n = loaded.sources.len();
        assert!(n == 7 || n == 307, "the state before or after, not {n}");
        outcomes.insert(n);
        let left: Vec<String> = std::fs::read_dir(&work)
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left, ["p.corroborate"], "round {round}");
        if n == 307 {
            // Back to the state before, for the next round.
            let mut before = loaded;
            before.sources.truncate(7);
            before.skipped.clear();
            before.save(&project).expect("save");
        }
    }
    assert!(outcomes.contains(&7), "{outcomes:?}");
}

/// `--version`, and a `--help` for every subcommand that says what each of
/// its arguments and options is.
#[test]
fn every_subcommand_explains_each_argument() {
    let version = run(["--version"]);
    assert!(version.status.success());
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("corroborate {}", env!("CARGO_PKG_VERSION"))
    );
    let top = String::from_utf8_lossy(&run(["--help"]).stdout).into_owned();
    let commands: Vec<String> = top
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|c| c != "help")
        .collect();
    assert!(commands.len() >= 8, "{commands:?}");
    for command in &commands {
        let out = run([command.as_str(), "--help"]);
        assert!(out.status.success(), "{command} --help");
        let help = String::from_utf8_lossy(&out.stdout).into_owned();
        // An argument or option line: its name, then at least two spaces and
        // what it is ("<OUT>  The folder to write").
        let bare: Vec<&str> = help
            .lines()
            .filter(|l| {
                let t = l.trim();
                (t.starts_with('-') || t.starts_with('<') || t.starts_with('['))
                    && !t.contains("  ")
            })
            .collect();
        assert!(bare.is_empty(), "{command}: no description for {bare:?}");
    }
}
