//! One stage of Corroborate on a folder, timed, for comparisons with other
//! tools on the same files (`scripts/compare.sh`).
//!
//! `cargo run --release --example stage -- entities DIR` prints the MB and
//! seconds of finding and linking entities (sentences, mentions, linking)
//! in the reports under DIR; `… -- analysis DIR` the whole analysis;
//! `… -- search DIR PHRASE` builds the index and
//! prints the median and slowest of 21 searches for PHRASE, with its hits.
//! Reading and cleaning the files are not timed.

use corroborate::corpus::{ImportOptions, import_paths};
use corroborate::index::{SearchIndex, TantivyIndex};
use corroborate::progress::Silent;
use corroborate::project::Project;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

// As the `corroborate` binary does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(what), Some(dir)) = (args.first(), args.get(1)) else {
        eprintln!("usage: stage entities DIR | stage analysis DIR | stage search DIR PHRASE");
        return ExitCode::FAILURE;
    };
    let project = match import_paths(
        &[PathBuf::from(dir)],
        &[],
        &ImportOptions::default(),
        &Silent,
    ) {
        Ok(report) => Project {
            sources: report.sources,
            ..Project::default()
        },
        Err(e) => {
            eprintln!("cannot import {dir}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mb = project
        .sources
        .iter()
        .map(|s| s.cleaned.len())
        .sum::<usize>() as f64
        / 1e6;
    match what.as_str() {
        "entities" | "analysis" => {
            let t = Instant::now();
            let analysis = if what == "entities" {
                corroborate::analysis::analyze_entities(&project, &Silent)
            } else {
                corroborate::analysis::analyze(&project, &Silent)
            };
            let analysis = match analysis {
                Ok(a) => a,
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::FAILURE;
                }
            };
            let s = t.elapsed().as_secs_f64();
            println!(
                "corroborate {what}: {} files, {mb:.2} MB, {s:.3} s, {:.2} MB/s, {} entities, {} claim rows",
                project.sources.len(),
                mb / s,
                analysis.entities.len(),
                analysis.claims.len()
            );
        }
        "search" => {
            let Some(phrase) = args.get(2) else {
                eprintln!("usage: stage search DIR PHRASE");
                return ExitCode::FAILURE;
            };
            let index = match TantivyIndex::build(&project.sources, None, &Silent) {
                Ok(i) => i,
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::FAILURE;
                }
            };
            let query = format!("\"{phrase}\"");
            // Every hit with its snippet (what ripgrep prints), and the first
            // page of 50 (what the window shows first).
            let timed = |limit: usize| {
                let mut times = Vec::new();
                let mut hits = 0;
                for _ in 0..21 {
                    let t = Instant::now();
                    hits = index
                        .search(&query, limit, &|id| project.source(id))
                        .map_or(0, |h| h.len());
                    times.push(t.elapsed().as_secs_f64() * 1000.0);
                }
                times.sort_by(f64::total_cmp);
                (hits, times[times.len() / 2], times[times.len() - 1])
            };
            let (all, median, slowest) = timed(1_000_000);
            let (page, page_median, _) = timed(50);
            println!(
                "corroborate search: {all} paragraphs, median {median:.2} ms, slowest {slowest:.2} ms; first {page}: median {page_median:.2} ms"
            );
        }
        other => {
            eprintln!("unknown stage {other}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
