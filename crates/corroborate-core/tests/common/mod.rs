//! Helpers shared by the integration tests.
// Each test binary compiles this module and uses only some of its helpers.
#![allow(dead_code)]

use corroborate_core::analysis::{Analysis, analyze};
use corroborate_core::progress::Silent;
use corroborate_core::project::Project;
use std::path::{Path, PathBuf};

/// Saves the project, loads it back and analyses it twice, as a person who
/// reopens their work would: the two analyses must agree.
pub fn reopened_and_analysed(project: &Project) -> (Analysis, Analysis) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.corroborate");
    project.save(&path).unwrap();
    let project = Project::load(&path).unwrap();
    (
        analyze(&project, &Silent).unwrap(),
        analyze(&project, &Silent).unwrap(),
    )
}

/// A path inside the repository, or beside it (`../shared/…`).
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

/// A new project of every report under `dir`.
pub fn import(dir: &Path) -> Project {
    let mut project = Project::default();
    project.import(&[dir.to_path_buf()], &Silent).unwrap();
    project
}

/// A project of reports written in a test, as (file name, text).
pub fn project_of(texts: &[(&str, &str)]) -> Project {
    Project {
        sources: corroborate_core::corpus::import_texts(texts, &Default::default()).sources,
        ..Project::default()
    }
}

/// The story `analysis` puts the report whose path ends with `file` in.
pub fn story_of(project: &Project, analysis: &Analysis, file: &str) -> usize {
    let at = project
        .sources
        .iter()
        .position(|s| s.path.ends_with(file))
        .unwrap();
    analysis.story_of[at]
}

/// A folder of `../shared` (the real reports and data kept beside the
/// repository), or None when this clone stands alone: the test then says it
/// is skipped and why. CI sets `CORROBORATE_REQUIRE_SHARED`, so there a
/// missing folder fails the test instead of skipping it.
pub fn shared(path: &str) -> Option<PathBuf> {
    let dir = repo("..").join("shared").join(path);
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CORROBORATE_REQUIRE_SHARED").is_none(),
        "CORROBORATE_REQUIRE_SHARED is set but {} is missing",
        dir.display()
    );
    // Straight to the terminal: the test harness hides what a passing
    // test prints with eprintln!, and a skip must be seen.
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "skipped: ../shared/{path} is not beside this clone (looked for at {}); it holds real reports that are not part of the repository",
        dir.display()
    );
    None
}
