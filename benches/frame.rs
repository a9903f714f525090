//! CPU time of one frame of the workbench (the kittest harness stepping the
//! real app) with 10, 1,000 and 10,000 sources loaded and a search showing.

use corroborate::app::{Command, Workbench};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use std::time::Duration;

mod common;

fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("ui_frame");
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(8));
    for n in [10usize, 1000, 10_000] {
        let project = common::project(n);
        let mut harness = Harness::builder()
            .with_size(egui::vec2(1400.0, 900.0))
            .build_eframe(move |cc| Workbench::with_project(cc, project, "bench"));
        harness
            .state_mut()
            .send(Command::Search("\"safety inspection\"".into()));
        harness.run_steps(4);
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| harness.step())
        });
    }
    group.finish();
}

criterion_group!(benches, frame);
criterion_main!(benches);
