//! Claims: sentences and clauses read as claims, aligned across sources,
//! judged, and copied passages found, on generated corpora of 1,000 and
//! 10,000 reports (entities already found).

use corroborate::analysis::{analyze, line_up};
use corroborate::progress::Silent;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::time::Duration;

mod common;

fn claims(c: &mut Criterion) {
    let mut group = c.benchmark_group("claims");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    for n in [1000usize, 10_000] {
        let project = common::project(n);
        let Ok(analysis) = analyze(&project, &Silent) else {
            return;
        };
        let bytes: usize = project.sources.iter().map(|s| s.cleaned.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_with_input(BenchmarkId::new("claims+alignment+reuse", n), &n, |b, _| {
            b.iter(|| line_up(&project, &analysis))
        });
    }
    group.finish();
}

criterion_group!(benches, claims);
criterion_main!(benches);
