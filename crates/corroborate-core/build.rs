//! Names the engine's build for the analysis cache: a digest of the engine's
//! source and of the models built into it, so that an analysis cached by
//! one build is never taken for another's.

use std::hash::{Hash, Hasher};
use std::path::Path;

fn visit(dir: &Path, skip: &[&str], files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if skip.iter().any(|s| path.ends_with(s)) {
            continue;
        }
        if path.is_dir() {
            visit(&path, skip, files);
        } else {
            files.push(path);
        }
    }
}

fn main() {
    let mut files = Vec::new();
    visit(Path::new("src"), &[], &mut files);
    // The models and word lists live at the repository's root, beside the
    // sample reports (which change nothing the engine does).
    visit(
        Path::new("../../assets"),
        &["sample", "heldout"],
        &mut files,
    );
    files.sort();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for f in &files {
        f.hash(&mut h);
        std::fs::read(f).unwrap_or_default().hash(&mut h);
    }
    println!("cargo:rustc-env=CORROBORATE_ENGINE={:016x}", h.finish());
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=../../assets");
}
