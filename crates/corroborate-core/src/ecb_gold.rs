//! The gold of ECB+ clusters (`gold_events.json`, `mapping.json`): which
//! lines of which article are annotated, and which event chains each line
//! holds. What `train-pairs --ecb` and `train-align` fit on.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// One cluster (a folder: one happening).
#[derive(Default)]
pub struct Cluster {
    /// The event chains of each (file, line).
    pub chains: HashMap<(String, u64), Vec<String>>,
    /// The annotated lines of each file.
    pub annotated: HashMap<String, BTreeSet<u64>>,
}

impl Cluster {
    /// Whether two annotated lines share an event chain; None when either
    /// line is not annotated (nothing is known of it).
    pub fn alike(&self, a: (&str, u64), b: (&str, u64)) -> Option<bool> {
        let annotated = |(f, l): (&str, u64)| self.annotated.get(f).is_some_and(|s| s.contains(&l));
        if !annotated(a) || !annotated(b) {
            return None;
        }
        let of = |(f, l): (&str, u64)| self.chains.get(&(f.to_string(), l));
        Some(match (of(a), of(b)) {
            (Some(x), Some(y)) => x.iter().any(|c| y.contains(c)),
            _ => false,
        })
    }
}

/// Every cluster of `dir`, by folder name.
pub fn read(dir: &Path) -> crate::Result<BTreeMap<String, Cluster>> {
    let json = |name: &str| -> crate::Result<serde_json::Value> {
        let path = dir.join(name);
        let text = crate::error::read_text(&path)?;
        serde_json::from_str(&text).map_err(|e| crate::Error::Read {
            path,
            source: std::io::Error::other(e),
        })
    };
    let (events, mapping) = (json("gold_events.json")?, json("mapping.json")?);
    let mut out = BTreeMap::new();
    for (folder, chains) in events.as_object().into_iter().flatten() {
        let mut cluster = Cluster::default();
        for chain in chains.as_array().into_iter().flatten() {
            let id = chain["id"].as_str().unwrap_or_default().to_string();
            for fl in chain["files_lines"].as_array().into_iter().flatten() {
                if let (Some(f), Some(l)) = (fl[0].as_str(), fl[1].as_u64()) {
                    cluster
                        .chains
                        .entry((f.to_string(), l))
                        .or_default()
                        .push(id.clone());
                }
            }
        }
        let prefix = format!("{folder}/");
        for (key, entry) in mapping.as_object().into_iter().flatten() {
            let Some(file) = key.strip_prefix(&prefix) else {
                continue;
            };
            let lines = entry["annotated_lines"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|l| l.as_u64())
                .collect();
            cluster.annotated.insert(file.to_string(), lines);
        }
        out.insert(folder.clone(), cluster);
    }
    Ok(out)
}
