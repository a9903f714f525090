//! The whole pipeline on generated corpora, one stage at a time, as one table.
//!
//! `cargo bench --bench scale` measures 100, 1,000 and 10,000 sources;
//! `cargo bench --bench scale -- 1000` measures one size. Each size runs in a
//! process of its own, so that its peak memory is its own. The corpus is
//! written by `corroborate generate` (10 reports per event, seed 1), and the
//! analysis is scored against its answer key.

use corroborate::app::{Command, Workbench};
use corroborate::corpus::{ImportOptions, import_paths};
use corroborate::generate::{self, Key, Spec};
use corroborate::index::{SearchIndex, TantivyIndex};
use corroborate::nlp::segment;
use corroborate::progress::Silent;
use corroborate::project::Project;
use egui_kittest::Harness;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};

// As the `corroborate` binary does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// What one size measured.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Run {
    sources: usize,
    bytes: u64,
    words: usize,
    /// (stage, seconds)
    stages: Vec<(String, f64)>,
    search_p50_ms: f64,
    search_p99_ms: f64,
    frame_p50_ms: f64,
    frame_max_ms: f64,
    /// Choosing a story (the frame that narrows every view), and a frame
    /// with it chosen.
    #[serde(default)]
    story_choose_max_ms: f64,
    #[serde(default)]
    story_frame_p50_ms: f64,
    claims: usize,
    entities: usize,
    peak_mib: Option<f64>,
    /// Peak memory once imported, analysed and indexed.
    peak_end_to_end_mib: Option<f64>,
    scores: String,
}

fn seconds(f: impl FnOnce()) -> f64 {
    let t = Instant::now();
    f();
    t.elapsed().as_secs_f64()
}

fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let at = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[at.min(sorted.len() - 1)]
}

/// The queries a person would type: places, people and firms of the key's
/// events, phrases, boolean and fuzzy queries, and an outlet filter.
fn queries(key: &Key) -> Vec<String> {
    let mut q = vec![
        "\"safety inspection\"".to_string(),
        "inquiry AND postponed".into(),
        "\"cooperate with the investigation\"".into(),
        "evacuated OR residents".into(),
        "hospital NOT seriously".into(),
        "fertiliser factory".into(),
        "\"Meridian Press Agency\"".into(),
        "shelter~1".into(),
    ];
    for e in key
        .events
        .iter()
        .step_by((key.events.len() / 6).max(1))
        .take(6)
    {
        q.push(e.place.clone());
        if let Some(person) = e.entities.iter().find(|x| x.kind == "person") {
            q.push(format!("\"{}\"", person.name));
        }
    }
    if let Some(r) = key.reports.first() {
        q.push(format!("outlet:\"{}\" inquiry", r.outlet));
    }
    q
}

fn measure(n: usize) -> Run {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary folder: {e}"));
    let spec = Spec {
        sources: n,
        events: n.div_ceil(10),
        seed: 1,
    };
    let bytes = generate::write(spec, dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let (_, key) = generate::generate(spec);
    let mut run = Run {
        sources: n,
        bytes,
        ..Run::default()
    };
    let mut stage = |name: &str, s: f64| run.stages.push((name.to_string(), s));

    let mut project = Project::default();
    let t = Instant::now();
    let report = import_paths(
        &[dir.path().join("reports")],
        &[],
        &ImportOptions::default(),
        &Silent,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    project.sources = report.sources;
    let import = t.elapsed().as_secs_f64();
    stage("import + clean", import);
    let words: usize = project.sources.par_iter().map(|s| s.words()).sum();

    stage(
        "segmentation",
        seconds(|| {
            let _: usize = project
                .sources
                .par_iter()
                .map(|s| segment::segment(&s.cleaned).len())
                .sum();
        }),
    );

    // End to end first, as a person would meet it, with its peak memory.
    let t = Instant::now();
    let analysis =
        corroborate::analysis::analyze(&project, &Silent).unwrap_or_else(|e| panic!("{e}"));
    let analysed = t.elapsed().as_secs_f64();
    let mut index = None;
    let built = seconds(|| {
        index = TantivyIndex::build(&project.sources, None, &Silent).ok();
    });
    run.peak_end_to_end_mib = peak_mib();

    // Then each stage of the analysis on its own.
    use corroborate::analysis as a;
    let mut entities = None;
    stage(
        "entities (sentences, mentions, linking)",
        seconds(|| entities = a::analyze_entities(&project, &Silent).ok()),
    );
    let mut entities = entities.unwrap_or_else(|| panic!("entities failed"));
    let mut reuse = Vec::new();
    stage(
        "reuse (copied passages)",
        seconds(|| reuse = a::copied_passages(&project)),
    );
    let mut claims = Vec::new();
    stage(
        "claims + alignment",
        seconds(|| claims = a::claim_rows(&project, &entities.segments, &entities.found, &reuse)),
    );
    entities.claims_found = std::sync::Arc::new(claims);
    entities.reuse = std::sync::Arc::new(reuse);
    stage(
        "corrections replayed",
        seconds(|| entities.correct(&project)),
    );
    drop(entities);
    stage("analysis in all (reuse beside entities)", analysed);
    stage("index build", built);
    stage(
        "end to end (import, analysis, index)",
        import + analysed + built,
    );

    let mut times = Vec::new();
    if let Some(index) = &index {
        let qs = queries(&key);
        for _ in 0..5 {
            for q in &qs {
                let t = Instant::now();
                let _ = index.search(q, 50, &|id| project.source(id));
                times.push(t.elapsed().as_secs_f64() * 1000.0);
            }
        }
    }
    times.sort_by(f64::total_cmp);
    run.search_p50_ms = percentile(&times, 0.5);
    run.search_p99_ms = percentile(&times, 0.99);

    let file = dir.path().join("bench.corroborate");
    run.stages.push((
        "project save".into(),
        seconds(|| {
            project.save(&file).unwrap_or_else(|e| panic!("{e}"));
        }),
    ));
    // One more report saved into the database: only its row is written.
    let mut grown = project.clone();
    if let Some(last) = grown.sources.last().cloned() {
        let mut one = last;
        one.id = corroborate::corpus::SourceId(one.id.0 + 1);
        grown.sources.push(one);
    }
    run.stages.push((
        "project save, one report more".into(),
        seconds(|| {
            grown.save(&file).unwrap_or_else(|e| panic!("{e}"));
        }),
    ));
    drop(grown);
    project.save(&file).unwrap_or_else(|e| panic!("{e}"));
    let mut loaded = None;
    run.stages.push((
        "project load".into(),
        seconds(|| loaded = Project::load(&file).ok()),
    ));
    assert_eq!(loaded.as_ref().map(|p| p.sources.len()), Some(n));
    drop(loaded);
    // Opening a project in the window: loaded and indexed, then shown while
    // the analysis runs in the background.
    run.stages.push((
        "project opens in the app (load + index)".into(),
        seconds(|| {
            let p = Project::load(&file).unwrap_or_else(|e| panic!("{e}"));
            let _ = TantivyIndex::build(&p.sources, None, &Silent);
        }),
    ));

    // One more report arrives: only it is read; linking and alignment run again.
    let extra = dir.path().join("extra");
    std::fs::create_dir_all(&extra).unwrap_or_else(|e| panic!("{e}"));
    let first = std::fs::read_to_string(dir.path().join("reports").join(&key.reports[0].file))
        .unwrap_or_default();
    std::fs::write(
        extra.join("one-more.txt"),
        first.replace("residents", "people"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut grown = project.clone();
    let more = import_paths(&[extra], &grown.sources, &ImportOptions::default(), &Silent)
        .unwrap_or_else(|e| panic!("{e}"));
    grown.sources.extend(more.sources);
    run.stages.push((
        "re-analysis after one more source".into(),
        seconds(|| {
            let _ = corroborate::analysis::analyze_from(&grown, analysis.earlier(), &Silent);
        }),
    ));
    drop(grown);
    let scores = corroborate::score::score(&project, &analysis, &key);
    run.scores = scores.table();
    run.claims = analysis.claims.len();
    run.entities = analysis.entities.len();

    // One frame of the real window with the project and its analysis loaded.
    let Some(index) = index else {
        panic!("the index was not built");
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_eframe(move |cc| Workbench::with_analysis(cc, project, analysis, index, "bench"));
    harness.run_steps(6);
    harness
        .state_mut()
        .send(Command::Search("\"safety inspection\"".into()));
    harness.run_steps(4);
    let mut frames = Vec::new();
    for _ in 0..40 {
        let t = Instant::now();
        harness.step();
        frames.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    frames.sort_by(f64::total_cmp);
    run.frame_p50_ms = percentile(&frames, 0.5);
    run.frame_max_ms = frames.last().copied().unwrap_or(0.0);
    // Choosing stories, the largest first: the frame that follows rebuilds
    // the source list, the entity rows and the claim table for it.
    let stories = harness.state().doc.analysis.stories.len().min(10);
    let mut chosen = Vec::new();
    let mut after = Vec::new();
    for i in 0..stories {
        let t = Instant::now();
        harness.state_mut().choose_story(Some(i));
        harness.step();
        chosen.push(t.elapsed().as_secs_f64() * 1000.0);
        // Text laid out for the first time settles in a frame or two.
        harness.run_steps(2);
        let t = Instant::now();
        harness.step();
        after.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    chosen.sort_by(f64::total_cmp);
    after.sort_by(f64::total_cmp);
    run.story_choose_max_ms = chosen.last().copied().unwrap_or(0.0);
    run.story_frame_p50_ms = percentile(&after, 0.5);
    run.words = words;
    run.peak_mib = peak_mib();
    run
}

fn main() {
    corroborate::allocator::return_freed_memory_promptly();
    if let Ok(n) = std::env::var("CORROBORATE_SCALE_ONE") {
        let n: usize = n.parse().unwrap_or(100);
        let run = measure(n);
        println!("{}", serde_json::to_string(&run).unwrap_or_default());
        return;
    }
    // `cargo bench` adds "--bench" after the bench's own arguments.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if let [open, path, rest @ ..] = args.as_slice()
        && open == "open"
    {
        open_in_window(
            std::path::PathBuf::from(path),
            rest.first().map(std::path::PathBuf::from),
        );
        return;
    }
    if let [grow, path, ..] = args.as_slice()
        && grow == "grow"
    {
        one_report_more(std::path::Path::new(path));
        return;
    }
    let mut sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.replace(',', "").parse().ok())
        .collect();
    if sizes.is_empty() {
        sizes = vec![100, 1000, 10_000];
    }
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    let mut runs = Vec::new();
    for n in sizes {
        eprintln!("measuring {n} sources…");
        let out = std::process::Command::new(&exe)
            .env("CORROBORATE_SCALE_ONE", n.to_string())
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let text = String::from_utf8_lossy(&out.stdout);
        match text
            .lines()
            .last()
            .and_then(|l| serde_json::from_str::<Run>(l).ok())
        {
            Some(run) => runs.push(run),
            None => eprintln!(
                "{n} sources failed:\n{}",
                String::from_utf8_lossy(&out.stderr)
            ),
        }
    }
    print!("{}", table(&runs));
    for r in &runs {
        println!("\nquality at {} sources:\n{}", r.sources, r.scores);
    }
}

/// Opening a saved project in the real window, as a person would
/// (`cargo bench --bench scale -- open FILE [REPORT]`; the kept index and
/// analysis are looked for where `CORROBORATE_CACHE` says): how long until
/// its sources are listed and searchable, until a search answers, and until
/// its analysis is shown; then, given a REPORT, how long until it is
/// imported and the analysis with it is shown.
fn open_in_window(path: std::path::PathBuf, report: Option<std::path::PathBuf>) {
    use corroborate::app::Startup;
    let t = Instant::now();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_eframe(move |cc| Workbench::with_recovery(cc, Startup::Open(path), None));
    let (mut listed, mut answered, mut shown) = (None, None, None);
    // The window must never freeze: its slowest frame meanwhile.
    let mut slowest: f64 = 0.0;
    while shown.is_none() && t.elapsed() < Duration::from_secs(1800) {
        let f = Instant::now();
        harness.step();
        slowest = slowest.max(f.elapsed().as_secs_f64());
        let app = harness.state();
        let now = t.elapsed().as_secs_f64();
        if listed.is_none() && !app.doc.project.sources.is_empty() && app.doc.index.is_some() {
            listed = Some(now);
            harness.state_mut().send(Command::Search("Meridian".into()));
            continue;
        }
        if listed.is_some() && answered.is_none() && !app.search.hits.is_empty() {
            answered = Some(now);
        }
        if listed.is_some() && !app.is_busy() && !app.doc.analysis.entities.is_empty() {
            shown = Some(now);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let app = harness.state();
    let said = |s: Option<f64>| s.map_or("not within 30 minutes".into(), time);
    println!("sources: {}", app.doc.project.sources.len());
    println!("sources listed and searchable: {}", said(listed));
    println!("first search answered: {}", said(answered));
    println!(
        "analysis shown: {} ({} entities, {} claim rows)",
        said(shown),
        app.doc.analysis.entities.len(),
        app.doc.analysis.claims.len()
    );
    println!("slowest frame: {}", time(slowest));
    if let Some(report) = report {
        let before = app.doc.project.sources.len();
        harness.state_mut().send(Command::Import(vec![report]));
        let t = Instant::now();
        let (mut listed, mut shown, mut slowest) = (None, None, 0.0f64);
        while shown.is_none() && t.elapsed() < Duration::from_secs(600) {
            let f = Instant::now();
            harness.step();
            slowest = slowest.max(f.elapsed().as_secs_f64());
            let app = harness.state();
            let now = t.elapsed().as_secs_f64();
            if listed.is_none() && app.doc.project.sources.len() > before {
                listed = Some(now);
            }
            if listed.is_some()
                && !app.is_busy()
                && app.doc.analysis.story_of.len() == app.doc.project.sources.len()
            {
                shown = Some(now);
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        println!("one report more, listed: {}", said(listed));
        println!("one report more, analysis shown: {}", said(shown));
        println!("slowest frame meanwhile: {}", time(slowest));
    }
    println!("peak memory: {:.0} MiB", peak_mib().unwrap_or(0.0));
}

/// A progress that prints when each stage of a run begins.
struct Stages(Instant);

impl corroborate::progress::Progress for Stages {
    fn stage(&self, name: &str, _total: usize) {
        eprintln!("  {:>7.2} s  {name}", self.0.elapsed().as_secs_f64());
    }
    fn advance(&self, _n: usize) {}
    fn cancelled(&self) -> bool {
        false
    }
}

/// One report more in a saved project (`cargo bench --bench scale -- grow
/// FILE`): the project analysed as the window holds it, then a copy of its
/// first report with a word changed imported, and analysed again as the
/// window would, from what the first analysis read.
fn one_report_more(path: &std::path::Path) {
    let project = Project::load(path).unwrap_or_else(|e| panic!("{e}"));
    let t = Instant::now();
    let analysis =
        corroborate::analysis::analyze(&project, &Silent).unwrap_or_else(|e| panic!("{e}"));
    println!(
        "first analysis of {} reports: {}",
        project.sources.len(),
        time(t.elapsed().as_secs_f64())
    );
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let first = project
        .sources
        .first()
        .map(|s| s.cleaned.clone())
        .unwrap_or_default();
    std::fs::write(
        dir.path().join("one-more.txt"),
        first.replace("residents", "people"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut grown = project.clone();
    let more = import_paths(
        &[dir.path().to_path_buf()],
        &grown.sources,
        &ImportOptions::default(),
        &Silent,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    grown.sources.extend(more.sources);
    let t = Instant::now();
    let again = corroborate::analysis::analyze_from(&grown, analysis.earlier(), &Stages(t))
        .unwrap_or_else(|e| panic!("{e}"));
    println!(
        "re-analysis with one report more: {} ({} claim rows, were {})",
        time(t.elapsed().as_secs_f64()),
        again.claims.len(),
        analysis.claims.len()
    );
    println!("peak memory: {:.0} MiB", peak_mib().unwrap_or(0.0));
}

fn table(runs: &[Run]) -> String {
    let mut out = String::new();
    let mut head = "| stage |".to_string();
    let mut rule = "| --- |".to_string();
    for r in runs {
        head.push_str(&format!(" {} sources |", r.sources));
        rule.push_str(" ---: |");
    }
    if runs.len() >= 2 {
        head.push_str(" growth, last two |");
        rule.push_str(" ---: |");
    }
    out.push_str(&format!("{head}\n{rule}\n"));
    let names: Vec<String> = runs
        .first()
        .map(|r| r.stages.iter().map(|(n, _)| n.clone()).collect())
        .unwrap_or_default();
    for name in &names {
        let mut line = format!("| {name} |");
        let mut secs = Vec::new();
        for r in runs {
            let s = r
                .stages
                .iter()
                .find(|(n, _)| n == name)
                .map_or(0.0, |x| x.1);
            secs.push(s);
            let mb = r.bytes as f64 / 1e6 / s.max(1e-9);
            let per = r.sources as f64 / s.max(1e-9);
            if name.starts_with("project")
                || name.starts_with("corrections")
                || name.starts_with("re-")
            {
                line.push_str(&format!(" {} |", time(s)));
            } else {
                line.push_str(&format!(
                    " {} ({mb:.1} MB/s, {per:.0} sources/s) |",
                    time(s)
                ));
            }
        }
        if let [.., a, b] = secs[..] {
            line.push_str(&format!(" {:.1}× |", b / a.max(1e-9)));
        }
        out.push_str(&line);
        out.push('\n');
    }
    let mut row = |label: &str, f: &dyn Fn(&Run) -> String| {
        let mut line = format!("| {label} |");
        for r in runs {
            line.push_str(&format!(" {} |", f(r)));
        }
        if runs.len() >= 2 {
            line.push_str(" |");
        }
        out.push_str(&line);
        out.push('\n');
    };
    row("search p50 / p99", &|r| {
        format!("{:.2} / {:.2} ms", r.search_p50_ms, r.search_p99_ms)
    });
    row("UI frame p50 / max", &|r| {
        format!("{:.2} / {:.2} ms", r.frame_p50_ms, r.frame_max_ms)
    });
    row(
        "choosing a story: slowest of ten / a frame with it chosen, p50",
        &|r| {
            format!(
                "{:.1} / {:.2} ms",
                r.story_choose_max_ms, r.story_frame_p50_ms
            )
        },
    );
    row("corpus", &|r| {
        format!(
            "{:.1} MB, {:.2} M words",
            r.bytes as f64 / 1e6,
            r.words as f64 / 1e6
        )
    });
    row("claim rows / entities", &|r| {
        format!("{} / {}", r.claims, r.entities)
    });
    let mib = |m: Option<f64>| m.map_or("n/a".into(), |m| format!("{m:.0} MiB"));
    row("peak memory, end to end", &|r| mib(r.peak_end_to_end_mib));
    row("peak memory, with re-analysis and window", &|r| {
        mib(r.peak_mib)
    });
    out
}

fn time(s: f64) -> String {
    let d = Duration::from_secs_f64(s);
    if d.as_secs_f64() >= 1.0 {
        format!("{:.2} s", d.as_secs_f64())
    } else {
        format!("{:.0} ms", d.as_secs_f64() * 1000.0)
    }
}
