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

/// The pairs of the MSRP file at `path` (see [`parse`]).
pub fn read_pairs(path: &Path) -> crate::Result<Vec<Pair>> {
    Ok(parse(&crate::error::read_text(path)?))
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

/// Sentence pairs from ECB+ clusters (one folder per happening): two
/// annotated lines of different reports say one thing when they share an
/// event chain (`gold_events.json`), and not when they share none; lines of
/// a topic's other cluster (the same kind of event, another happening: two
/// earthquakes) never do. Those are at most `CROSS` pairs a topic, taken
/// evenly.
pub fn ecb_pairs(dir: &Path) -> crate::Result<Vec<Pair>> {
    const CROSS: usize = 300;
    // Every annotated line of a folder: (file, line number, text, chains).
    type Line = (String, u64, String, Vec<String>);
    let mut lines_of: std::collections::BTreeMap<String, Vec<Line>> = Default::default();
    for (folder, cluster) in crate::ecb_gold::read(dir)? {
        let mut files: Vec<String> = std::fs::read_dir(dir.join(&folder))
            .map_err(|source| crate::Error::Read {
                path: dir.join(&folder),
                source,
            })?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n.ends_with(".txt"))
            .collect();
        files.sort();
        let mut lines = Vec::new();
        for file in files {
            let text = crate::error::read_text(&dir.join(&folder).join(&file))?;
            let all: Vec<&str> = text.split('\n').collect();
            for &l in cluster.annotated.get(&file).into_iter().flatten() {
                if let Some(t) = all.get(l as usize).filter(|t| !t.trim().is_empty()) {
                    let chains = cluster
                        .chains
                        .get(&(file.clone(), l))
                        .cloned()
                        .unwrap_or_default();
                    lines.push((file.clone(), l, t.to_string(), chains));
                }
            }
        }
        lines_of.insert(folder, lines);
    }
    let mut out = Vec::new();
    for lines in lines_of.values() {
        for (i, a) in lines.iter().enumerate() {
            for b in &lines[i + 1..] {
                if a.0 != b.0 {
                    out.push(Pair {
                        alike: a.3.iter().any(|c| b.3.contains(c)),
                        a: a.2.clone(),
                        b: b.2.clone(),
                    });
                }
            }
        }
    }
    for (folder, lines) in &lines_of {
        let Some(topic) = folder.strip_suffix("_ecb") else {
            continue;
        };
        let Some(other) = lines_of.get(&format!("{topic}_ecbplus")) else {
            continue;
        };
        let all = lines.len() * other.len();
        let step = all.div_ceil(CROSS).max(1);
        for k in (0..all).step_by(step) {
            let (a, b) = (&lines[k / other.len()], &other[k % other.len()]);
            out.push(Pair {
                alike: false,
                a: a.2.clone(),
                b: b.2.clone(),
            });
        }
    }
    Ok(out)
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
    /// ECB+ pairs fit on, and the model's accuracy and F1 on them.
    pub events: Option<(usize, (f32, f32))>,
}

/// Fits the pair model on `train`, measures it on `test`, and writes it to
/// `out` as JSON.
pub fn train_files(
    train: &Path,
    test: &Path,
    ecb: Option<&Path>,
    out: &Path,
) -> crate::Result<Trained> {
    let (train_pairs, test_pairs) = (read_pairs(train)?, read_pairs(test)?);
    let Some(embedder) = Embedder::get() else {
        return Err(crate::Error::Write {
            path: out.to_path_buf(),
            source: std::io::Error::other("the built-in sentence model is damaged"),
        });
    };
    let mut train_x = featurize(embedder, &train_pairs);
    let msrp = train_x.len();
    let test_x = featurize(embedder, &test_pairs);
    let events_x = match ecb {
        Some(dir) => Some(featurize(embedder, &ecb_pairs(dir)?)),
        None => None,
    };
    train_x.extend(events_x.iter().flatten().copied());
    let model = pairs::fit(&train_x);
    let trained = Trained {
        train: pairs::measure(&model, &train_x[..msrp]),
        test: pairs::measure(&model, &test_x),
        pairs: (msrp, test_x.len()),
        events: events_x.map(|x| (x.len(), pairs::measure(&model, &x))),
        model,
    };
    trained.model.save(out)?;
    Ok(trained)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_chains_make_alike_pairs_and_a_topics_other_cluster_unlike_ones() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path();
        let write = |path: &str, text: &str| {
            let p = root.join(path);
            std::fs::create_dir_all(p.parent().unwrap_or(root)).unwrap_or_else(|e| panic!("{e}"));
            std::fs::write(p, text).unwrap_or_else(|e| panic!("{e}"));
        };
        write(
            "9_ecb/a.txt",
            "A quake hit Vessa on Monday.\nSchools shut.\n",
        );
        write(
            "9_ecb/b.txt",
            "An earthquake struck Vessa.\nThe mayor spoke.\n",
        );
        write("9_ecbplus/c.txt", "A quake hit Dunmore in May.\n");
        write(
            "gold_events.json",
            r#"{"9_ecb": [{"id": "q1", "files_lines": [["a.txt", 0], ["b.txt", 0]]}], "9_ecbplus": []}"#,
        );
        write(
            "mapping.json",
            r#"{"9_ecb/a.txt": {"annotated_lines": [0, 1]}, "9_ecb/b.txt": {"annotated_lines": [0, 1]}, "9_ecbplus/c.txt": {"annotated_lines": [0]}}"#,
        );
        let pairs = ecb_pairs(root).unwrap_or_else(|e| panic!("{e}"));
        let alike: Vec<(&str, &str)> = pairs
            .iter()
            .filter(|p| p.alike)
            .map(|p| (p.a.as_str(), p.b.as_str()))
            .collect();
        assert_eq!(
            alike,
            [(
                "A quake hit Vessa on Monday.",
                "An earthquake struck Vessa."
            )]
        );
        // Lines of one report are never paired; the other cluster's quake is another.
        assert_eq!(pairs.len(), 4 + 4, "{}", pairs.len());
        assert!(
            pairs
                .iter()
                .any(|p| !p.alike && p.b == "A quake hit Dunmore in May.")
        );
    }

    #[test]
    fn msrp_rows_are_read_and_made_up_rows_left_out() {
        let text = "\u{feff}Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\r\n1\t10\t11\tThe mayor quit.\tThe mayor resigned.\r\n0\t12\t13\tRain fell.\tThe \"port\" shut.\r\n1\t-1\t-1\tI like tea.\tI like tea a lot.\r\nbroken line\r\n";
        let pairs = parse(text);
        assert_eq!(pairs.len(), 2);
        assert!(pairs[0].alike && !pairs[1].alike);
        assert_eq!(pairs[1].b, "The \"port\" shut.");
    }
}
