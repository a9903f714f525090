//! Import + clean + index throughput (MB/s) and search latency on generated corpora.
//!
//! Reports come from `common`, so the cleaner and the index see the kind of
//! text they meet in use.

use corroborate::corpus::{ImportOptions, import_paths};
use corroborate::index::{SearchIndex, TantivyIndex};
use corroborate::progress::Silent;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::time::Duration;

mod common;

fn pipeline(c: &mut Criterion) {
    let mut group = c.benchmark_group("import_clean_index");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    for n in [100usize, 1000] {
        let Ok(dir) = tempfile::tempdir() else { return };
        let bytes = common::write_reports(dir.path(), n);
        group.throughput(Throughput::Bytes(bytes));
        let paths = [dir.path().to_path_buf()];
        group.bench_with_input(BenchmarkId::new("import+clean", n), &n, |b, _| {
            b.iter(|| import_paths(&paths, &[], &ImportOptions::default(), &Silent))
        });
        let Ok(report) = import_paths(&paths, &[], &ImportOptions::default(), &Silent) else {
            return;
        };
        group.bench_with_input(BenchmarkId::new("index", n), &n, |b, _| {
            b.iter(|| TantivyIndex::build(&report.sources, None, &Silent))
        });
        group.bench_with_input(BenchmarkId::new("import+clean+index", n), &n, |b, _| {
            b.iter(|| {
                import_paths(&paths, &[], &ImportOptions::default(), &Silent)
                    .and_then(|r| TantivyIndex::build(&r.sources, None, &Silent))
            })
        });
    }
    group.finish();

    let Ok(dir) = tempfile::tempdir() else { return };
    common::write_reports(dir.path(), 1000);
    let Ok(report) = import_paths(
        &[dir.path().to_path_buf()],
        &[],
        &ImportOptions::default(),
        &Silent,
    ) else {
        return;
    };
    let Ok(index) = TantivyIndex::build(&report.sources, None, &Silent) else {
        return;
    };
    let mut group = c.benchmark_group("search_1000_sources");
    group.sample_size(50);
    for query in [
        "\"safety inspection\"",
        "Halstrom~1",
        "inquiry AND NOT postponed",
    ] {
        group.bench_function(query, |b| {
            b.iter(|| index.search(query, 20, &|id| report.sources.get(id.0 as usize - 1)))
        });
    }
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
