//! A logistic model over a few numbers, with their scaling learned with it:
//! how the evidence that two sentences say one thing is weighed, fit on
//! labelled pairs rather than set by hand (`nlp::pairs` for sentence pairs,
//! `nlp::align` for the claim table's pairs).

/// The model: each feature standardized, weighted, summed, squashed.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct Logistic {
    pub features: Vec<String>,
    pub means: Vec<f32>,
    pub scales: Vec<f32>,
    pub weights: Vec<f32>,
    pub bias: f32,
    /// The probability from which a pair is taken to say one thing.
    pub cut: f32,
}

impl Logistic {
    /// The probability that a pair with features `f` says one thing.
    pub fn probability(&self, f: &[f32]) -> f32 {
        let z = f
            .iter()
            .zip(&self.means)
            .zip(&self.scales)
            .zip(&self.weights)
            .map(|(((x, m), s), w)| (x - m) / s * w)
            .sum::<f32>()
            + self.bias;
        1.0 / (1.0 + (-z).exp())
    }

    /// Fits the model by gradient descent on the log loss (deterministic:
    /// full batches, fixed steps), then the cut with the best accuracy on
    /// the same examples.
    pub fn fit<F: AsRef<[f32]>>(examples: &[(F, bool)], names: &[&str]) -> Logistic {
        let k = names.len();
        let n = examples.len().max(1) as f32;
        let mut means = vec![0f32; k];
        for (f, _) in examples {
            for (m, x) in means.iter_mut().zip(f.as_ref()) {
                *m += x / n;
            }
        }
        let mut scales = vec![0f32; k];
        for (f, _) in examples {
            for ((s, x), m) in scales.iter_mut().zip(f.as_ref()).zip(&means) {
                *s += (x - m) * (x - m) / n;
            }
        }
        for s in &mut scales {
            *s = s.sqrt().max(1e-6);
        }
        let mut model = Logistic {
            features: names.iter().map(|s| s.to_string()).collect(),
            means,
            scales,
            weights: vec![0.0; k],
            bias: 0.0,
            cut: 0.5,
        };
        const STEPS: usize = 3000;
        const RATE: f32 = 0.5;
        const L2: f32 = 1e-3;
        for _ in 0..STEPS {
            let mut grad = vec![0f32; k];
            let mut grad_bias = 0f32;
            for (f, label) in examples {
                let f = f.as_ref();
                let err = model.probability(f) - f32::from(*label);
                for (j, g) in grad.iter_mut().enumerate() {
                    *g += err * (f[j] - model.means[j]) / model.scales[j] / n;
                }
                grad_bias += err / n;
            }
            for (w, g) in model.weights.iter_mut().zip(grad) {
                *w -= RATE * (g + L2 * *w);
            }
            model.bias -= RATE * grad_bias;
        }
        let scored = model.scored(examples);
        // Everyone at or above the cut is "one thing": try each gap.
        let positives = scored.iter().filter(|s| s.1).count();
        let mut best = (positives, 0usize);
        let mut right = positives;
        for (i, (_, label)) in scored.iter().enumerate() {
            right = if *label { right - 1 } else { right + 1 };
            if right > best.0 {
                best = (right, i + 1);
            }
        }
        model.cut = cut_at(&scored, best.1);
        model
    }

    /// Sets the cut to the lowest one at which at least `precision` of the
    /// examples at or above it are alike: recall, at a precision a reader
    /// can trust.
    pub fn cut_for_precision<F: AsRef<[f32]>>(&mut self, examples: &[(F, bool)], precision: f32) {
        let scored = self.scored(examples);
        let (mut alike, mut all) = (0usize, 0usize);
        let mut lowest = scored.len();
        // From the top down: the last place where precision still holds.
        for (i, (_, label)) in scored.iter().enumerate().rev() {
            all += 1;
            alike += usize::from(*label);
            if alike as f32 >= precision * all as f32 {
                lowest = i;
            }
        }
        self.cut = cut_at(&scored, lowest);
    }

    /// Writes the model to `out` as JSON, making its folder if need be.
    pub fn save(&self, out: &std::path::Path) -> crate::Result<()> {
        let write_err = |source| crate::Error::Write {
            path: out.to_path_buf(),
            source,
        };
        let json =
            serde_json::to_string_pretty(self).map_err(|e| write_err(std::io::Error::other(e)))?;
        if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(write_err)?;
        }
        std::fs::write(out, json + "\n").map_err(write_err)
    }

    /// Each example's probability and label, lowest first.
    fn scored<F: AsRef<[f32]>>(&self, examples: &[(F, bool)]) -> Vec<(f32, bool)> {
        let mut scored: Vec<(f32, bool)> = examples
            .iter()
            .map(|(f, l)| (self.probability(f.as_ref()), *l))
            .collect();
        scored.sort_by(|a, b| a.0.total_cmp(&b.0));
        scored
    }
}

/// A cut between `scored[at - 1]` and `scored[at]`: everyone from `at` up is above it.
fn cut_at(scored: &[(f32, bool)], at: usize) -> f32 {
    match scored.get(at) {
        Some((p, _)) if at > 0 => (p + scored[at - 1].0) / 2.0,
        Some((p, _)) => *p,
        None => 1.0,
    }
}

/// Accuracy and F1 (of "says one thing") of `model` on labelled pairs.
pub fn measure<F: AsRef<[f32]>>(model: &Logistic, examples: &[(F, bool)]) -> (f32, f32) {
    let (mut tp, mut fp, mut fn_, mut right) = (0f32, 0f32, 0f32, 0f32);
    for (f, label) in examples {
        let said = model.probability(f.as_ref()) >= model.cut;
        match (said, *label) {
            (true, true) => tp += 1.0,
            (true, false) => fp += 1.0,
            (false, true) => fn_ += 1.0,
            _ => {}
        }
        if said == *label {
            right += 1.0;
        }
    }
    let f1 = if tp > 0.0 {
        2.0 * tp / (2.0 * tp + fp + fn_)
    } else {
        0.0
    };
    (right / examples.len().max(1) as f32, f1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pairs alike when their first number is high, written here.
    fn examples() -> Vec<([f32; 2], bool)> {
        (0..200)
            .map(|i| {
                let x = i as f32 / 200.0;
                ([x, (i % 7) as f32 / 7.0], x > 0.6)
            })
            .collect()
    }

    #[test]
    fn the_model_learns_which_side_of_a_feature_means_alike() {
        let examples = examples();
        let fit = Logistic::fit(&examples, &["x", "noise"]);
        assert!(fit.weights[0] > 0.0, "{fit:?}");
        assert!(fit.weights[0].abs() > 5.0 * fit.weights[1].abs(), "{fit:?}");
        let (accuracy, f1) = measure(&fit, &examples);
        assert!(accuracy > 0.95 && f1 > 0.9, "{accuracy} {f1}");
        let json = serde_json::to_string(&fit).unwrap_or_default();
        let back: Logistic = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, fit);
    }

    #[test]
    fn a_cut_for_precision_keeps_only_pairs_that_clear_it() {
        // Alike from 0.5, with every fourth pair from 0.5 to 0.7 mislabelled.
        let examples: Vec<([f32; 1], bool)> = (0..400)
            .map(|i| {
                let x = i as f32 / 400.0;
                let noisy = (0.5..0.7).contains(&x) && i % 4 == 0;
                ([x], (x >= 0.5) != noisy)
            })
            .collect();
        let mut fit = Logistic::fit(&examples, &["x"]);
        fit.cut_for_precision(&examples, 0.99);
        let above: Vec<bool> = examples
            .iter()
            .filter(|(f, _)| fit.probability(f) >= fit.cut)
            .map(|e| e.1)
            .collect();
        let right = above.iter().filter(|l| **l).count();
        assert!(!above.is_empty());
        assert!(
            right as f32 >= 0.99 * above.len() as f32,
            "{right}/{}",
            above.len()
        );
        // Nearly all the clean pairs from 0.7 up are kept.
        assert!(above.len() >= 110, "{}", above.len());
    }
}
