//! Times the entity stage alone on a generated archive (a profiling aid):
//! `cargo run --release --example entities_profile -- 10000`.
use corroborate::analysis;
use corroborate::corpus::{ImportOptions, import_paths};
use corroborate::generate::{self, Spec};
use corroborate::progress::Silent;
use corroborate::project::Project;
use std::time::Instant;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    corroborate::allocator::return_freed_memory_promptly();
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let Ok(dir) = tempfile::tempdir() else { return };
    let spec = Spec {
        sources: n,
        events: n.div_ceil(10),
        seed: 1,
    };
    if generate::write(spec, dir.path()).is_err() {
        return;
    }
    let Ok(report) = import_paths(
        &[dir.path().join("reports")],
        &[],
        &ImportOptions::default(),
        &Silent,
    ) else {
        return;
    };
    let project = Project {
        sources: report.sources,
        ..Project::default()
    };
    for _ in 0..2 {
        let t = Instant::now();
        let Ok(a) = analysis::analyze_entities(&project, &Silent) else {
            return;
        };
        let all = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let stories = corroborate::stories::groups(&project, &a);
        println!(
            "entities: {all:.2} s ({} entities); of which story grouping {:.2} s ({} stories)",
            a.entities.len(),
            t.elapsed().as_secs_f64(),
            stories.iter().max().map_or(0, |m| m + 1)
        );
    }
}
