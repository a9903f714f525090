//! Generated reports for the benchmarks: the sample corpus's paragraphs
//! shuffled with a fixed seed, numbers varied, boilerplate mixed in.

use std::path::Path;

/// A small deterministic generator (xorshift), so every run reads the same corpus.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn paragraphs() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample/reports");
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for path in files {
        if let Ok(text) = std::fs::read_to_string(path) {
            out.extend(
                text.split("\n\n")
                    .map(str::trim)
                    .filter(|p| p.split_whitespace().count() > 12 && !p.starts_with('<'))
                    .map(String::from),
            );
        }
    }
    out
}

/// `n` reports of about 600 words each, as (file name, text).
pub fn reports(n: usize) -> Vec<(String, String)> {
    let paras = paragraphs();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    (0..n)
        .map(|i| {
            let mut text = format!("Report {i} on the harbour vote – Outlet {}\n\n", i % 37);
            for k in 0..12 {
                let p = &paras[rng.below(paras.len())];
                // Vary numbers so that reports are not duplicates of each other.
                text.push_str(&p.replace(
                    "1,200",
                    &format!("{},{:03}", 1 + rng.below(9), rng.below(1000)),
                ));
                text.push_str("\n\n");
                if k % 4 == 3 {
                    text.push_str("Advertisement\n\n");
                }
            }
            text.push_str(&format!(
                "Case {i} was logged by desk {}.\n\nLeave a Comment\n",
                rng.below(1000)
            ));
            (format!("{i:05}.txt"), text)
        })
        .collect()
}

/// Writes `n` reports into `dir`; returns their total size in bytes.
#[allow(dead_code)]
pub fn write_reports(dir: &Path, n: usize) -> u64 {
    let mut total = 0;
    for (name, text) in reports(n) {
        total += text.len() as u64;
        let _ = std::fs::write(dir.join(name), text);
    }
    total
}

/// A project of `n` generated reports, imported as the app would.
#[allow(dead_code)]
pub fn project(n: usize) -> corroborate::project::Project {
    let texts = reports(n);
    let named: Vec<(&str, &str)> = texts
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    corroborate::project::Project {
        sources: corroborate::corpus::import_texts(
            &named,
            &corroborate::corpus::ImportOptions::default(),
        )
        .sources,
        ..corroborate::project::Project::default()
    }
}
