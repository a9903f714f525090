//! Entity extraction throughput (MB/s of cleaned text): sentences, candidate
//! mentions in every report, and linking them across the corpus, on
//! generated corpora of 1,000 and 10,000 reports; and the trained tagger
//! alone (its input made beforehand), on one core.

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

fn tagger(c: &mut Criterion) {
    use corroborate::nlp::{mentions, segment, tagged, tagger::Tagger};
    let Some(model) = Tagger::get() else {
        return;
    };
    let project = common::project(1000);
    let texts: Vec<&str> = project.sources.iter().map(|s| s.cleaned.as_ref()).collect();
    let paragraphs: Vec<_> = texts.iter().map(|t| segment::segment(t)).collect();
    let rules: Vec<_> = texts
        .iter()
        .zip(&paragraphs)
        .map(|(t, p)| mentions::find_by_rules(t, p, None))
        .collect();
    let inputs: Vec<_> = texts
        .iter()
        .zip(&paragraphs)
        .zip(&rules)
        .map(|((t, p), r)| tagged::input(t, p, r))
        .collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let mut group = c.benchmark_group("tagger");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("tag 1000 reports, one core", |b| {
        b.iter(|| {
            inputs
                .iter()
                .map(|i| model.tag(&i.doc).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, entities, tagger);
criterion_main!(benches);
