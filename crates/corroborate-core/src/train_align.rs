//! ECB+ clusters → the claim table's pair model (`nlp::align`): each
//! cluster is imported and read as `corroborate analyze` reads it, every
//! pair of claims the aligner proposes is labelled by the gold event chains
//! of the two lines it comes from, and a logistic model is fit on them with
//! its cut set for a precision a reader can trust; `train-align`.

use crate::analysis;
use crate::nlp::align::{self, PAIR_FEATURES, PAIR_NAMES};
use crate::nlp::logistic::Logistic;
use crate::progress::Silent;
use crate::project::Project;
use std::path::Path;

/// A labelled pair: its features and whether the two lines share an event.
pub type Example = ([f32; PAIR_FEATURES], bool);

/// MSRP's labelled pairs (see `train_pairs::parse`) as the claim table
/// sees them: every sentence read as a report of its own, the pair's two
/// longest claims compared. Paraphrases must share a row; sentences of one
/// story that say different things must not.
pub fn msrp_examples(pairs: &[crate::train_pairs::Pair]) -> Vec<Example> {
    let names: Vec<(String, &str)> = pairs
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            [
                (format!("{i}a.txt"), p.a.as_str()),
                (format!("{i}b.txt"), p.b.as_str()),
            ]
        })
        .collect();
    let named: Vec<(&str, &str)> = names.iter().map(|(n, t)| (n.as_str(), *t)).collect();
    let project = Project {
        sources: crate::corpus::import_texts(&named, &Default::default()).sources,
        ..Project::default()
    };
    let Ok(analysis) = analysis::analyze_entities(&project, &Silent) else {
        return Vec::new();
    };
    let inputs = analysis::claim_inputs(&project, &analysis.segments, &analysis.found);
    let items = inputs.items();
    // Each source's longest claim: the sentence, or most of it.
    let mut longest: std::collections::HashMap<&str, usize> = Default::default();
    for (k, item) in items.iter().enumerate() {
        let path = project.sources[item.report].path.as_str();
        let len = |k: usize| items[k].claim.span.end - items[k].claim.span.start;
        let best = longest.entry(path).or_insert(k);
        if len(k) > len(*best) {
            *best = k;
        }
    }
    let mut wanted = Vec::new();
    let mut labels = Vec::new();
    for (i, p) in pairs.iter().enumerate() {
        let (a, b) = (format!("{i}a.txt"), format!("{i}b.txt"));
        if let (Some(&x), Some(&y)) = (longest.get(a.as_str()), longest.get(b.as_str())) {
            wanted.push((x, y));
            labels.push(p.alike);
        }
    }
    align::features_of(&items, &wanted)
        .into_iter()
        .zip(labels)
        .collect()
}

/// The labelled candidate pairs of every cluster of `dir`.
pub fn examples(dir: &Path) -> crate::Result<Vec<Example>> {
    let gold = crate::ecb_gold::read(dir)?;
    let mut out = Vec::new();
    for (folder, cluster) in &gold {
        let mut project = Project::default();
        project.import(&[dir.join(folder)], &Silent)?;
        let analysis = analysis::analyze_entities(&project, &Silent)?;
        let inputs = analysis::claim_inputs(&project, &analysis.segments, &analysis.found);
        let items = inputs.items();
        // Each claim's file and line (the articles are one sentence a line).
        let place: Vec<(String, u64)> = items
            .iter()
            .map(|item| {
                let source = &project.sources[item.report];
                let file = Path::new(&source.path)
                    .file_name()
                    .map(|f| f.to_string_lossy().to_string())
                    .unwrap_or_default();
                let before = source.cleaned.get(..item.claim.span.start).unwrap_or("");
                (file, before.matches('\n').count() as u64)
            })
            .collect();
        for c in align::candidates(&items, &inputs.stories) {
            let (a, b) = (&place[c.a], &place[c.b]);
            if let Some(alike) = cluster.alike((&a.0, a.1), (&b.0, b.1)) {
                out.push((c.features, alike));
            }
        }
    }
    Ok(out)
}

/// What training measured.
pub struct Trained {
    pub model: Logistic,
    /// MSRP training pairs, ECB+ pairs, MSRP test pairs.
    pub pairs: (usize, usize, usize),
    /// Accuracy and F1 on MSRP's test pairs at the cut of best accuracy.
    pub test: (f32, f32),
    /// Precision and recall on the pairs fit on, at the cut kept.
    pub at_cut: (f32, f32),
}

/// Fits the pair model on MSRP's training pairs and, if given, the ECB+
/// clusters of `ecb`; measures it on MSRP's test pairs; keeps the cut of
/// best accuracy, or the one at which `precision` of the pairs fit on are
/// alike, and writes the model to `out` as JSON.
pub fn train(
    msrp_train: &Path,
    msrp_test: &Path,
    ecb: Option<&Path>,
    precision: Option<f32>,
    out: &Path,
) -> crate::Result<Trained> {
    let mut fit_on = msrp_examples(&crate::train_pairs::read_pairs(msrp_train)?);
    let msrp = fit_on.len();
    let test = msrp_examples(&crate::train_pairs::read_pairs(msrp_test)?);
    if let Some(dir) = ecb {
        fit_on.extend(examples(dir)?);
    }
    let mut model = Logistic::fit(&fit_on, &PAIR_NAMES);
    let test_measure = crate::nlp::logistic::measure(&model, &test);
    if let Some(p) = precision {
        model.cut_for_precision(&fit_on, p);
    }
    let alike = fit_on.iter().filter(|e| e.1).count();
    let (mut tp, mut said) = (0usize, 0usize);
    for (f, label) in &fit_on {
        if model.probability(f) >= model.cut {
            said += 1;
            tp += usize::from(*label);
        }
    }
    model.save(out)?;
    Ok(Trained {
        model,
        pairs: (msrp, fit_on.len() - msrp, test.len()),
        test: test_measure,
        at_cut: (
            tp as f32 / said.max(1) as f32,
            tp as f32 / alike.max(1) as f32,
        ),
    })
}
