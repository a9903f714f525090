//! The `corroborate` command: the headless engine for scripts and batches.

// On Windows the program is a window program, so that opening the
// workbench (a double-click, a project file's association) shows no console
// window; the command line then writes to the console it was started from
// (`attach_console`).
#![cfg_attr(windows, windows_subsystem = "windows")]

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use corroborate::app::Startup;
use corroborate::corpus::Skipped;
use corroborate::index::{SearchIndex, TantivyIndex};
use corroborate::progress::Progress;
use corroborate::project::{self, Project};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// The analysis allocates millions of small strings and vectors on every core;
// mimalloc does that about 15% faster than the system allocator, in less memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "corroborate",
    version,
    about = "Compare many reports of one event: who says what, where they agree, where they conflict.",
    after_help = "Examples:\n  corroborate reports/                          open the window on a new project of these reports\n  corroborate analyze reports/ --json out.json  the analysis as JSON (see DESIGN.md's contract)\n  corroborate import reports/ --project p.corroborate\n  corroborate search p.corroborate --query '\"stealth account\" OR Kantor~1'",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Without a command, open the window: on a project file, or on a new
    /// project of these reports (files or folders).
    paths: Vec<PathBuf>,
}

/// The labelled sentence pairs the pair models are fit on and measured on.
#[derive(clap::Args)]
struct PairData {
    /// The training pairs, e.g. ../shared/data/msrp/msr_paraphrase_train.txt.
    #[arg(long)]
    train: PathBuf,
    /// The pairs to measure on, e.g. ../shared/data/msrp/msr_paraphrase_test.txt.
    #[arg(long)]
    test: PathBuf,
    /// ECB+ clusters whose event chains add pairs to fit on, e.g.
    /// ../shared/data/ecbplus-dev.
    #[arg(long, value_name = "DIR")]
    ecb: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Import reports (files, folders or a project file) and write the analysis as JSON.
    Analyze {
        /// Files, folders (searched recursively) or one .corroborate project.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Where to write the JSON; `-` for standard output.
        #[arg(long, value_name = "FILE")]
        json: PathBuf,
        /// Also write the claim table as CSV (one row per claim, one column per source).
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// Also write a self-contained HTML report of the claims.
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
        /// Extra cleaning rules, in the syntax of assets/cleaning-rules.txt.
        #[arg(long, value_name = "FILE")]
        rules: Option<PathBuf>,
    },
    /// Search reports: words, "phrases", AND/OR/NOT, word~1, outlet:NAME, date:2022-07.
    Search {
        /// Files, folders (searched recursively) or one .corroborate project
        /// (searched through the index kept for it in the cache folder).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// What to look for, e.g. `"stealth account" AND outlet:insider`.
        #[arg(long, short)]
        query: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// At most this many hits.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Write a corpus of fictional reports with its answer key (OUT/reports/, OUT/key.json).
    Generate {
        /// How many reports.
        #[arg(long, default_value_t = 1000)]
        sources: usize,
        /// How many events they cover (default: one for every ten reports).
        #[arg(long)]
        events: Option<usize>,
        /// The same seed writes the same reports, byte for byte.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The folder to write (created if missing).
        out: PathBuf,
    },
    /// Analyse a generated corpus (a folder `generate` wrote) and score the
    /// result against its answer key.
    Score {
        /// The folder `generate` wrote (holding reports/ and key.json).
        dir: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Train the name tagger on CoNLL-2003 files and write its weights
    /// (the program builds in assets/ner/tagger.bin).
    TrainNer {
        /// The training file, e.g. ../shared/data/conll2003/eng.train.
        #[arg(long)]
        train: PathBuf,
        /// The file to choose the number of passes on, e.g. eng.testa.
        #[arg(long)]
        dev: PathBuf,
        /// Where to write the weights.
        #[arg(long, default_value = "assets/ner/tagger.bin")]
        out: PathBuf,
        /// Passes over the training file; the best on --dev is kept.
        #[arg(long, default_value_t = 25)]
        epochs: usize,
        /// Also write the sentences of --dev the tagger gets wrong to this file.
        #[arg(long, value_name = "FILE")]
        errors: Option<PathBuf>,
    },
    /// Fit the sentence-pair model (how alike two sentences are in meaning)
    /// on MSRP and measure it on MSRP's test pairs.
    TrainPairs {
        #[command(flatten)]
        data: PairData,
        /// Where to write the model.
        #[arg(long, default_value = "assets/claims/pairs.json")]
        out: PathBuf,
    },
    /// Rebuild the claim table's pair model from MSRP (and ECB+ clusters).
    TrainAlign {
        #[command(flatten)]
        data: PairData,
        /// Set the cut where this share of the pairs fit on are alike
        /// (without it, the cut of best accuracy).
        #[arg(long)]
        precision: Option<f32>,
        /// Where to write the model.
        #[arg(long, default_value = "assets/claims/align.json")]
        out: PathBuf,
    },
    /// Create a project file, or add reports to one (reports already in it
    /// are not added twice).
    Import {
        /// Files or folders of reports (searched recursively).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The project file (a SQLite database) to create or add to.
        #[arg(long, value_name = "FILE")]
        project: PathBuf,
    },
}

fn main() -> ExitCode {
    attach_console();
    corroborate::allocator::return_freed_memory_promptly();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        // A reader such as `head` that stops early is not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("corroborate: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Windows: writes go to the console of the program that started this one
/// (a terminal), if there is one; started from Explorer there is none and
/// nothing changes. Elsewhere a program always has its terminal.
#[cfg(windows)]
fn attach_console() {
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn AttachConsole(process_id: u32) -> i32;
    }
    const ATTACH_PARENT_PROCESS: u32 = u32::MAX;
    // SAFETY: AttachConsole takes a process id and touches no memory of
    // ours; when it fails (no parent console) the process is as it was.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}

#[cfg(not(windows))]
fn attach_console() {}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .and_then(|j| j.io_error_kind())
                .is_some_and(|k| k == std::io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> Result<ExitCode> {
    let Some(command) = cli.command else {
        let startup = match cli.paths.as_slice() {
            [] => Startup::Restore,
            [one] if one.extension().is_some_and(|e| e == project::EXTENSION) => {
                Startup::Open(one.clone())
            }
            paths => Startup::Import(paths.to_vec()),
        };
        corroborate::app::run(startup)?;
        return Ok(ExitCode::SUCCESS);
    };
    match command {
        Command::Analyze {
            paths,
            json,
            csv,
            html,
            rules,
        } => {
            let mut project = open(&paths, rules.as_deref())?;
            let bar = Bar::new();
            // A saved project, as saved: its analysis is kept between runs.
            let saved = rules.is_none()
                && matches!(paths.as_slice(), [one] if one.extension().is_some_and(|e| e == project::EXTENSION));
            let analysis = if saved {
                let (analysis, made) = corroborate::analysis_cache::analyze(&project, &bar)?;
                if made == corroborate::analysis_cache::Made::Grown {
                    bar.finish();
                    eprintln!(
                        "Reports added since the last analysis were read and lined up within their stories; the rest of the archive's analysis was kept."
                    );
                }
                analysis
            } else {
                corroborate::analysis::analyze(&project, &bar)?
            };
            bar.finish();
            project.skipped.sort_by(|a, b| a.path.cmp(&b.path));
            let doc = corroborate::export::analysis_doc(&project, &analysis);
            if json.as_os_str() == "-" {
                let mut out = std::io::stdout().lock();
                serde_json::to_writer_pretty(&mut out, &doc)?;
                writeln!(out)?;
            } else {
                let file = std::fs::File::create(&json)
                    .with_context(|| format!("cannot write {}", json.display()))?;
                let mut out = std::io::BufWriter::new(file);
                serde_json::to_writer_pretty(&mut out, &doc)?;
                out.flush()?;
            }
            if let Some(path) = csv {
                let table = corroborate::export::claims_csv(&project, &analysis)?;
                std::fs::write(&path, table)
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
            if let Some(path) = html {
                let title = paths
                    .first()
                    .map_or_else(String::new, |p| p.display().to_string());
                let report = corroborate::export::claims_html(&project, &analysis, &title);
                std::fs::write(&path, report)
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
            Ok(outcome(&project))
        }
        Command::Search {
            paths,
            query,
            json,
            limit,
        } => {
            if let [file] = paths.as_slice()
                && file.extension().is_some_and(|e| e == project::EXTENSION)
                && project::store::holds_database(file)
                && let Some(root) = corroborate::kept_index::root()
            {
                return search_saved(file, &root, &query, limit, json);
            }
            let project = open(&paths, None)?;
            let bar = Bar::new();
            // Large corpora index in the cache folder; this run's own, removed when it ends.
            let cache = corroborate::index::cache_dir();
            let index = TantivyIndex::build(&project.sources, cache.as_deref(), &bar)?;
            bar.finish();
            let hits = index.search(&query, limit, &|id| project.source(id))?;
            print_hits(&project, &hits, json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Generate {
            sources,
            events,
            seed,
            out,
        } => {
            let spec = corroborate::generate::Spec {
                sources,
                events: events.unwrap_or(sources.div_ceil(10)),
                seed,
            };
            if spec.events > corroborate::generate::MAX_EVENTS {
                bail!(
                    "{} events is more than the generator can give names of their own; ask for at most {}",
                    spec.events,
                    corroborate::generate::MAX_EVENTS
                );
            }
            let bytes = corroborate::generate::write(spec, &out)
                .with_context(|| format!("cannot write the corpus into {}", out.display()))?;
            eprintln!(
                "{sources} report(s) of {} event(s), {:.1} MB, in {}; the answer key is {}",
                spec.events,
                bytes as f64 / 1e6,
                out.join("reports").display(),
                out.join("key.json").display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Score { dir, json } => {
            let key_path = dir.join("key.json");
            let key: corroborate::generate::Key = serde_json::from_slice(
                &std::fs::read(&key_path)
                    .with_context(|| format!("cannot read {}", key_path.display()))?,
            )
            .with_context(|| format!("{} is not an answer key", key_path.display()))?;
            let project = open(&[dir.join("reports")], None)?;
            let bar = Bar::new();
            let analysis = corroborate::analysis::analyze(&project, &bar)?;
            bar.finish();
            let scores = corroborate::score::score(&project, &analysis, &key);
            if json {
                println!("{}", serde_json::to_string_pretty(&scores)?);
            } else {
                print!("{}", scores.table());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::TrainNer {
            train,
            dev,
            out,
            epochs,
            errors,
        } => {
            let started = std::time::Instant::now();
            let bytes = corroborate::train_ner::train_files(
                &train,
                &dev,
                &out,
                epochs,
                errors.as_deref(),
                &mut |p| {
                    use corroborate::nlp::tagger::{NameKind, SCORED};
                    let c = &p.counts;
                    eprintln!(
                        "pass {:>2}: dev F1 {:.2} (PER {:.2} ORG {:.2} LOC {:.2} MISC {:.2}), {} features, {:.0} s",
                        p.epoch,
                        c.f1(&SCORED),
                        c.f1(&[NameKind::Person]),
                        c.f1(&[NameKind::Organization]),
                        c.f1(&[NameKind::Place]),
                        c.f1(&[NameKind::Misc]),
                        p.features,
                        started.elapsed().as_secs_f64()
                    );
                },
            )?;
            eprintln!(
                "wrote {} ({:.1} MB) in {:.0} s",
                out.display(),
                bytes as f64 / 1e6,
                started.elapsed().as_secs_f64()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::TrainPairs {
            data: PairData { train, test, ecb },
            out,
        } => {
            let started = std::time::Instant::now();
            let t = corroborate::train_pairs::train_files(&train, &test, ecb.as_deref(), &out)?;
            if let Some((n, (accuracy, f1))) = t.events {
                eprintln!(
                    "{n} ECB+ event pairs fit on as well: accuracy {:.1}%, F1 {:.1}",
                    accuracy * 100.0,
                    f1 * 100.0
                );
            }
            eprintln!(
                "{} training pairs: accuracy {:.1}%, F1 {:.1}; {} test pairs: accuracy {:.1}%, F1 {:.1}; cut {:.3}; wrote {} in {:.0} s",
                t.pairs.0,
                t.train.0 * 100.0,
                t.train.1 * 100.0,
                t.pairs.1,
                t.test.0 * 100.0,
                t.test.1 * 100.0,
                t.model.cut,
                out.display(),
                started.elapsed().as_secs_f64()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::TrainAlign {
            data: PairData { train, test, ecb },
            precision,
            out,
        } => {
            let started = std::time::Instant::now();
            let t =
                corroborate::train_align::train(&train, &test, ecb.as_deref(), precision, &out)?;
            eprintln!(
                "fit on {} MSRP and {} ECB+ pairs; MSRP test ({} pairs): accuracy {:.1}%, F1 {:.1}; at the cut {:.3}, precision {:.2} recall {:.2} on the pairs fit on; weights {:?}; wrote {} in {:.0} s",
                t.pairs.0,
                t.pairs.1,
                t.pairs.2,
                t.test.0 * 100.0,
                t.test.1 * 100.0,
                t.model.cut,
                t.at_cut.0,
                t.at_cut.1,
                t.model.weights,
                out.display(),
                started.elapsed().as_secs_f64()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Import {
            paths,
            project: file,
        } => {
            let (mut project, before) = if file.exists() {
                Project::load_stamped(&file)?
            } else {
                (Project::default(), None)
            };
            let bar = Bar::new();
            let had = project.sources.len();
            let report = project.import(&paths, &bar)?;
            bar.finish();
            report_skipped(&report.skipped);
            if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
                project.relativize_paths(dir);
            }
            let after = project.save(&file)?;
            // The kept search index follows the import when it held the
            // project as it was; otherwise the next search builds it.
            if let (Some(root), Some(before)) = (corroborate::kept_index::root(), before) {
                // An import appends the new reports.
                let added: Vec<&corroborate::corpus::Source> = project
                    .sources
                    .get(had..)
                    .unwrap_or_default()
                    .iter()
                    .collect();
                if let Err(e) =
                    corroborate::kept_index::advance(&root, &before, &after, &added, &[])
                {
                    eprintln!("the kept search index will be built again at the next search ({e})");
                }
            }
            eprintln!(
                "{} report(s) added; {} in {}",
                report.sources.len(),
                project.sources.len(),
                file.display()
            );
            Ok(outcome(&project))
        }
    }
}

/// Searches a saved project through its kept index, reading from the file
/// only the reports the hits are in (the whole project only when the index
/// has to be built).
fn search_saved(
    file: &Path,
    root: &Path,
    query: &str,
    limit: usize,
    json: bool,
) -> Result<ExitCode> {
    let stamp = project::store::stamp(file)?;
    let bar = Bar::new();
    let (index, _) = corroborate::kept_index::open_or_rebuild(
        root,
        &stamp,
        || Project::load(file).map(|p| p.sources),
        &bar,
    )?;
    bar.finish();
    // First the reports the best hits are in, then the hits with their text.
    let wanted = std::cell::RefCell::new(Vec::new());
    index.search(query, limit, &|id| {
        wanted.borrow_mut().push(id);
        None
    })?;
    let mut sources = project::store::sources(file, &wanted.into_inner())?;
    sources.sort_by_key(|s| s.id);
    let hits = index.search(query, limit, &|id| sources.iter().find(|s| s.id == id))?;
    let project = Project {
        sources,
        ..Project::default()
    };
    print_hits(&project, &hits, json)?;
    Ok(ExitCode::SUCCESS)
}

/// A project from the command line's paths: at most one project file, plus files and folders to import.
fn open(paths: &[PathBuf], rules: Option<&Path>) -> Result<Project> {
    let (projects, files): (Vec<&PathBuf>, Vec<&PathBuf>) = paths
        .iter()
        .partition(|p| p.extension().is_some_and(|e| e == project::EXTENSION));
    if projects.len() > 1 {
        bail!("give at most one project file (got {})", projects.len());
    }
    let mut project = match projects.first() {
        Some(p) => Project::load(p)?,
        None => Project::default(),
    };
    if let Some(rules) = rules {
        project.extra_rules = std::fs::read_to_string(rules)
            .with_context(|| format!("cannot read the rules file {}", rules.display()))?;
    }
    if !files.is_empty() {
        let files: Vec<PathBuf> = files.into_iter().cloned().collect();
        let bar = Bar::new();
        let report = project.import(&files, &bar)?;
        bar.finish();
        report_skipped(&report.skipped);
    }
    Ok(project)
}

fn report_skipped(skipped: &[Skipped]) {
    for s in skipped {
        eprintln!("skipped {}: {}", s.path, s.reason);
    }
}

/// Success when there is something to work with.
fn outcome(project: &Project) -> ExitCode {
    if project.sources.is_empty() {
        eprintln!("corroborate: no report could be imported");
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn print_hits(project: &Project, hits: &[corroborate::index::Hit], json: bool) -> Result<()> {
    let mut out = std::io::stdout().lock();
    if json {
        let hits: Vec<serde_json::Value> = hits
            .iter()
            .filter_map(|h| {
                let source = project.source(h.source)?;
                Some(serde_json::json!({
                    "source": h.source.to_string(),
                    "path": source.path,
                    "title": source.meta().title,
                    "score": h.score,
                    "start": h.paragraph.start,
                    "end": h.paragraph.end,
                    "snippet": source.cleaned.get(h.snippet.range()).unwrap_or_default(),
                    "snippet_start": h.snippet.start,
                    "highlights": h.highlights.iter().map(|s| [s.start, s.end]).collect::<Vec<_>>(),
                }))
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &serde_json::json!({ "hits": hits }))?;
        writeln!(out)?;
        return Ok(());
    }
    if hits.is_empty() {
        writeln!(out, "no hits")?;
    }
    for h in hits {
        let Some(source) = project.source(h.source) else {
            continue;
        };
        let meta = source.meta();
        writeln!(
            out,
            "{} {} ({}) score {:.2}",
            h.source,
            source.path,
            meta.outlet.as_deref().unwrap_or("no outlet"),
            h.score
        )?;
        // Matched words in [brackets], so hits read in a plain terminal too.
        let mut line = String::new();
        let mut at = h.snippet.start;
        for s in &h.highlights {
            line.push_str(source.cleaned.get(at..s.start).unwrap_or_default());
            line.push('[');
            line.push_str(source.cleaned.get(s.range()).unwrap_or_default());
            line.push(']');
            at = s.end;
        }
        line.push_str(source.cleaned.get(at..h.snippet.end).unwrap_or_default());
        writeln!(out, "    {}\n", line.replace('\n', " "))?;
    }
    Ok(())
}

/// A progress bar on standard error (drawn only on a terminal).
struct Bar(ProgressBar);

impl Bar {
    fn new() -> Self {
        let bar = ProgressBar::new(0);
        let style = ProgressStyle::with_template("{msg:>14} [{bar:30}] {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style.progress_chars("=> "));
        Bar(bar)
    }
    fn finish(&self) {
        self.0.finish_and_clear();
    }
}

impl Progress for Bar {
    fn stage(&self, name: &str, total: usize) {
        self.0.set_message(name.to_string());
        self.0.set_length(total as u64);
        self.0.set_position(0);
    }
    fn advance(&self, n: usize) {
        self.0.inc(n as u64);
    }
    fn cancelled(&self) -> bool {
        false
    }
}
