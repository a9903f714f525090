//! Finding the files to import under the paths a person dropped or named.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// A file found for import.
#[derive(Debug, Clone)]
pub struct Found {
    pub path: PathBuf,
    /// The folder between the dropped folder and the file, when there is one:
    /// `reports/Reuters/a.txt` dropped as `reports` gives "Reuters".
    pub folder: Option<String>,
}

/// A path that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// Walks `paths` in order, folders recursively and sorted by name. Hidden
/// entries inside folders and symlink loops are skipped; a path that cannot
/// be read is reported, and the walk goes on.
pub fn discover(paths: &[PathBuf]) -> (Vec<Found>, Vec<Skipped>) {
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    let mut seen_dirs = HashSet::new();
    for root in paths {
        match std::fs::metadata(root) {
            Err(e) => skipped.push(Skipped {
                path: root.display().to_string(),
                reason: io_reason(&e),
            }),
            Ok(meta) if meta.is_dir() => walk_dir(root, &mut seen_dirs, &mut found, &mut skipped),
            Ok(_) => found.push(Found {
                path: root.clone(),
                folder: None,
            }),
        }
    }
    (found, skipped)
}

fn walk_dir(
    root: &Path,
    seen: &mut HashSet<PathBuf>,
    found: &mut Vec<Found>,
    skipped: &mut Vec<Skipped>,
) {
    // Depth-first with an explicit stack, so no folder depth can overflow ours.
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let canonical = std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
        if !seen.insert(canonical) {
            continue; // a symlink loop or a folder reached twice
        }
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                skipped.push(Skipped {
                    path: dir.display().to_string(),
                    reason: io_reason(&e),
                });
                continue;
            }
        };
        let mut names: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| e.path())
            .collect();
        names.sort();
        let mut subdirs = Vec::new();
        for path in names {
            match std::fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => subdirs.push(path),
                Ok(_) => {
                    let folder = path
                        .parent()
                        .filter(|p| *p != root)
                        .and_then(|p| p.file_name())
                        .map(|n| n.to_string_lossy().into_owned());
                    found.push(Found { path, folder });
                }
                Err(e) => skipped.push(Skipped {
                    path: path.display().to_string(),
                    reason: io_reason(&e),
                }),
            }
        }
        // Reversed so the stack yields sub-folders in name order.
        stack.extend(subdirs.into_iter().rev());
    }
}

/// An I/O error as a person would say it.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "it does not exist".to_string(),
        PermissionDenied => "permission denied".to_string(),
        InvalidFilename => {
            "its path is longer than the system allows, or its name is not valid here".to_string()
        }
        _ => format!("it cannot be read ({e})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_skips_hidden_and_names_subfolders() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        std::fs::create_dir_all(root.join("Reuters"))?;
        std::fs::create_dir_all(root.join(".git"))?;
        std::fs::write(root.join("b.txt"), "b")?;
        std::fs::write(root.join("a.txt"), "a")?;
        std::fs::write(root.join(".hidden.txt"), "h")?;
        std::fs::write(root.join(".git/x.txt"), "x")?;
        std::fs::write(root.join("Reuters/c.txt"), "c")?;
        let missing = root.join("missing.txt");
        let (found, skipped) = discover(&[root.to_path_buf(), missing]);
        let names: Vec<_> = found
            .iter()
            .map(|f| {
                f.path
                    .strip_prefix(root)
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(names, ["a.txt", "b.txt", "Reuters/c.txt"]);
        assert_eq!(found[2].folder.as_deref(), Some("Reuters"));
        assert_eq!(found[0].folder, None);
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].reason, "it does not exist");
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_end() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::create_dir(dir.path().join("sub"))?;
        std::fs::write(dir.path().join("sub/a.txt"), "a")?;
        std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop"))?;
        let (found, _) = discover(&[dir.path().to_path_buf()]);
        assert_eq!(found.len(), 1);
        Ok(())
    }
}
