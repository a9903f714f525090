//! Generated reports for the benchmarks: `corroborate generate`'s corpus of
//! many fictional events (ten reports per event, seed 1).

use corroborate::generate::{Spec, generate};
use std::path::Path;

fn spec(n: usize) -> Spec {
    Spec {
        sources: n,
        events: n.div_ceil(10),
        seed: 1,
    }
}

/// `n` generated reports, as (file name, text).
pub fn reports(n: usize) -> Vec<(String, String)> {
    generate(spec(n))
        .0
        .into_iter()
        .map(|r| (r.file, r.text))
        .collect()
}

/// Writes `n` reports into `dir`; returns their total size in bytes.
#[allow(dead_code)]
pub fn write_reports(dir: &Path, n: usize) -> u64 {
    let mut total = 0;
    for (name, text) in reports(n) {
        total += text.len() as u64;
        let _ = std::fs::write(dir.join(name), text);
    }
    total
}

/// A project of `n` generated reports, imported as the app would.
#[allow(dead_code)]
pub fn project(n: usize) -> corroborate::project::Project {
    let texts = reports(n);
    let named: Vec<(&str, &str)> = texts
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    corroborate::project::Project {
        sources: corroborate::corpus::import_texts(
            &named,
            &corroborate::corpus::ImportOptions::default(),
        )
        .sources,
        ..corroborate::project::Project::default()
    }
}
