//! Entity extraction throughput (MB/s of cleaned text): sentences, candidate
//! mentions in every report, and linking them across the corpus, on
//! generated corpora of 1,000 and 10,000 reports.

use corroborate::analysis::analyze_entities;
use corroborate::progress::Silent;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::time::Duration;

mod common;

fn entities(c: &mut Criterion) {
    let mut group = c.benchmark_group("entities");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    for n in [1000usize, 10_000] {
        let project = common::project(n);
        let bytes: usize = project.sources.iter().map(|s| s.cleaned.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_with_input(BenchmarkId::new("segment+entities", n), &n, |b, _| {
            b.iter(|| analyze_entities(&project, &Silent))
        });
    }
    group.finish();
}

criterion_group!(benches, entities);
criterion_main!(benches);
