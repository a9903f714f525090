//! Any bytes as a project file: a project, or a sentence saying why not.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ =
        corroborate::project::Project::from_bytes(bytes, std::path::Path::new("fuzz.corroborate"));
});
