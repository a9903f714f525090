//! Helpers shared by the integration tests.

use corroborate::analysis::{Analysis, analyze};
use corroborate::progress::Silent;
use corroborate::project::Project;

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
