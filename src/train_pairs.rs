//! MSRP sentence pairs → the pair model of `nlp::pairs`: reads the labelled
//! pairs, reads each sentence as the program does, fits the logistic model
//! on the training pairs and measures it on the test pairs; `train-pairs`.

use crate::nlp::embed::Embedder;
use crate::nlp::pairs::{self, FEATURES, PairModel};
use rayon::prelude::*;
use std::path::Path;

/// One labelled pair of MSRP.
pub struct Pair {
    pub alike: bool,
    pub a: String,
    pub b: String,
}

/// The pairs of an MSRP file (tab-separated: quality, two ids, two
/// sentences; a byte-order mark and a header first). Rows with the id -1 are
/// made-up examples, not news, and are left out.
pub fn parse(text: &str) -> Vec<Pair> {
    text.trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .filter_map(|line| {
            let cols: Vec<&str> = line.trim_end_matches('\r').split('\t').collect();
            let [quality, id1, _, a, b] = cols[..] else {
                return None;
            };
            (id1 != "-1" && matches!(quality, "0" | "1")).then(|| Pair {
                alike: quality == "1",
                a: a.to_string(),
                b: b.to_string(),
            })
        })
        .collect()
}

/// Each pair's features, on every core.
/// How rare a word is, is counted over all the file's sentences.
pub fn featurize(model: &Embedder, pairs: &[Pair]) -> Vec<([f32; FEATURES], bool)> {
    let read: Vec<(pairs::Sentence, pairs::Sentence, bool)> = pairs
        .par_iter()
        .map(|p| (pairs::read(model, &p.a), pairs::read(model, &p.b), p.alike))
        .collect();
    let mut rarity = pairs::Rarity::default();
    for (a, b, _) in &read {
        rarity.add(a);
        rarity.add(b);
    }
    read.par_iter()
        .map(|(a, b, alike)| (pairs::features(a, b, &rarity), *alike))
        .collect()
}

/// What training measured: accuracy and F1 on both files.
pub struct Trained {
    pub model: PairModel,
    pub train: (f32, f32),
    pub test: (f32, f32),
    pub pairs: (usize, usize),
}

/// Fits the pair model on `train`, measures it on `test`, and writes it to
/// `out` as JSON.
pub fn train_files(train: &Path, test: &Path, out: &Path) -> crate::Result<Trained> {
    let read = |p: &Path| {
        std::fs::read_to_string(p).map_err(|source| crate::Error::Read {
            path: p.to_path_buf(),
            source,
        })
    };
    let (train_pairs, test_pairs) = (parse(&read(train)?), parse(&read(test)?));
    let Some(embedder) = Embedder::get() else {
        return Err(crate::Error::Write {
            path: out.to_path_buf(),
            source: std::io::Error::other("the built-in sentence model is damaged"),
        });
    };
    let train_x = featurize(embedder, &train_pairs);
    let test_x = featurize(embedder, &test_pairs);
    let model = PairModel::fit(&train_x);
    let trained = Trained {
        train: pairs::measure(&model, &train_x),
        test: pairs::measure(&model, &test_x),
        pairs: (train_x.len(), test_x.len()),
        model,
    };
    let json = serde_json::to_string_pretty(&trained.model).unwrap_or_default();
    let write_err = |source| crate::Error::Write {
        path: out.to_path_buf(),
        source,
    };
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(write_err)?;
    }
    std::fs::write(out, json + "\n").map_err(write_err)?;
    Ok(trained)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn msrp_rows_are_read_and_made_up_rows_left_out() {
        let text = "\u{feff}Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\r\n1\t10\t11\tThe mayor quit.\tThe mayor resigned.\r\n0\t12\t13\tRain fell.\tThe \"port\" shut.\r\n1\t-1\t-1\tI like tea.\tI like tea a lot.\r\nbroken line\r\n";
        let pairs = parse(text);
        assert_eq!(pairs.len(), 2);
        assert!(pairs[0].alike && !pairs[1].alike);
        assert_eq!(pairs[1].b, "The \"port\" shut.");
    }
}
