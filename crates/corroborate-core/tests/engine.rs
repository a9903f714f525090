//! The engine against the sample corpus's answer key and against broken input.

use corroborate_core::corpus::{self, ImportOptions, Source, import_paths};
use corroborate_core::index::{SearchIndex, TantivyIndex};
use corroborate_core::nlp::segment;
use corroborate_core::progress::Silent;
use corroborate_core::project::Project;
use lopdf::dictionary;
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
struct Key {
    sources: Vec<KeySource>,
    searches: Vec<KeySearch>,
    sentences: Vec<KeySentence>,
}

#[derive(Deserialize)]
struct KeySource {
    file: String,
    title: String,
    outlet: Option<String>,
    published: Option<String>,
    language: String,
    boilerplate: Vec<String>,
    glued: Vec<KeyGlue>,
    must_keep: Vec<String>,
}

#[derive(Deserialize)]
struct KeyGlue {
    glued: String,
    fixed: String,
}

#[derive(Deserialize)]
struct KeySearch {
    query: String,
    files: Vec<String>,
}

#[derive(Deserialize)]
struct KeySentence {
    file: String,
    text: String,
}

fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join("assets/sample")
}

fn key() -> Key {
    let text = std::fs::read_to_string(sample_dir().join("answers.json")).expect("answer key");
    serde_json::from_str(&text).expect("answer key parses")
}

fn sample() -> Vec<Source> {
    let report = import_paths(
        &[sample_dir().join("reports")],
        &[],
        &ImportOptions::default(),
        &Silent,
    )
    .expect("sample imports");
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    report.sources
}

fn file_name(source: &Source) -> String {
    Path::new(&source.path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn by_file<'a>(sources: &'a [Source], file: &str) -> &'a Source {
    sources
        .iter()
        .find(|s| file_name(s) == file)
        .unwrap_or_else(|| panic!("{file} was imported"))
}

#[test]
fn sample_metadata_matches_the_key() {
    let sources = sample();
    let key = key();
    assert_eq!(sources.len(), key.sources.len());
    for k in &key.sources {
        let meta = by_file(&sources, &k.file).meta();
        assert_eq!(meta.title, k.title, "title of {}", k.file);
        assert_eq!(meta.outlet, k.outlet, "outlet of {}", k.file);
        assert_eq!(meta.published, k.published, "date of {}", k.file);
        assert_eq!(
            meta.language.as_deref(),
            Some(k.language.as_str()),
            "language of {}",
            k.file
        );
    }
}

#[test]
fn sample_cleaning_matches_the_key() {
    let sources = sample();
    for k in key().sources {
        let source = by_file(&sources, &k.file);
        for junk in &k.boilerplate {
            assert!(
                !source.cleaned.contains(junk.as_str()),
                "{}: \"{junk}\" survived",
                k.file
            );
        }
        for glue in &k.glued {
            assert!(
                !source.cleaned.contains(&glue.glued),
                "{}: {} not repaired",
                k.file,
                glue.glued
            );
            assert!(
                source.cleaned.contains(&glue.fixed),
                "{}: {} missing",
                k.file,
                glue.fixed
            );
        }
        for kept in &k.must_keep {
            let at = source
                .cleaned
                .find(kept.as_str())
                .unwrap_or_else(|| panic!("{}: lost \"{kept}\"", k.file));
            // The span maps back to the same words in the original.
            let original = source.map.span_to_original(at..at + kept.len());
            assert_eq!(&source.original[original], kept.as_str());
        }
    }
}

#[test]
fn every_cleaned_word_maps_back_to_the_same_word() {
    for source in sample() {
        let whole = corroborate_core::corpus::Span::new(0, source.cleaned.len());
        for token in segment::tokens(&source.cleaned, whole) {
            let word = &source.cleaned[token.span.range()];
            let back = source.map.span_to_original(token.span.range());
            let original = source.original.get(back.clone()).unwrap_or_default();
            // A repaired glue point splits one original word in two; both halves still map inside it.
            assert!(
                original == word || original.contains(word),
                "{}: \"{word}\" maps to \"{original}\"",
                source.path
            );
        }
    }
}

#[test]
fn key_sentences_are_kept_whole() {
    let sources = sample();
    for k in key().sentences {
        let source = by_file(&sources, &k.file);
        let sentences: Vec<&str> = segment::segment(&source.cleaned)
            .iter()
            .flat_map(|p| p.sentences.iter())
            .map(|s| &source.cleaned[s.range()])
            .collect();
        assert!(
            sentences.contains(&k.text.as_str()),
            "{}: \"{}\" not one sentence; got {sentences:#?}",
            k.file,
            k.text
        );
    }
}

fn hit_files(index: &TantivyIndex, sources: &[Source], query: &str) -> BTreeSet<String> {
    index
        .search(query, 100, &|id| sources.iter().find(|s| s.id == id))
        .unwrap_or_else(|e| panic!("{query}: {e}"))
        .iter()
        .filter_map(|h| sources.iter().find(|s| s.id == h.source))
        .map(file_name)
        .collect()
}

#[test]
fn key_searches_find_exactly_their_files_with_exact_highlights() {
    let sources = sample();
    let index = TantivyIndex::build(&sources, None, &Silent).expect("index builds");
    for search in key().searches {
        let want: BTreeSet<String> = search.files.iter().cloned().collect();
        assert_eq!(
            hit_files(&index, &sources, &search.query),
            want,
            "{}",
            search.query
        );
        let phrase = search.query.trim_matches('"').to_lowercase();
        let hits = index
            .search(&search.query, 100, &|id| {
                sources.iter().find(|s| s.id == id)
            })
            .expect("search");
        for hit in hits {
            let source = sources
                .iter()
                .find(|s| s.id == hit.source)
                .expect("hit source");
            assert!(!hit.highlights.is_empty());
            for h in &hit.highlights {
                assert_eq!(source.cleaned[h.range()].to_lowercase(), phrase);
                assert!(hit.snippet.start <= h.start && h.end <= hit.snippet.end);
            }
        }
    }
}

#[test]
fn search_operators_fuzzy_and_filters() {
    let sources = sample();
    let index = TantivyIndex::build(&sources, None, &Silent).expect("index builds");
    let brandvold = hit_files(&index, &sources, "Brandvold");
    let fuzzy = hit_files(&index, &sources, "Brandvold~1");
    assert!(
        fuzzy.contains("03_translated.txt"),
        "Brandvolt found by fuzzy: {fuzzy:?}"
    );
    assert!(!brandvold.contains("03_translated.txt") || fuzzy.is_superset(&brandvold));
    assert!(fuzzy.is_superset(&brandvold));

    let permit = hit_files(&index, &sources, "\"storage permit\"");
    let not_courier = hit_files(
        &index,
        &sources,
        "\"storage permit\" AND NOT outlet:courier",
    );
    assert!(!not_courier.contains("02_chemical_storage.txt"));
    assert_eq!(not_courier.len(), permit.len() - 1);

    let courier = hit_files(&index, &sources, "outlet:\"The Calder Courier\"");
    assert_eq!(
        courier,
        BTreeSet::from(["02_chemical_storage.txt".to_string()])
    );

    let dated = hit_files(&index, &sources, "Norvex AND date:2025-03");
    assert_eq!(
        dated,
        BTreeSet::from(["01_port_vote.txt".to_string(), "06_page.html".to_string()])
    );
    assert_eq!(
        hit_files(&index, &sources, "Norvex AND date:2024"),
        BTreeSet::new()
    );
    let either = hit_files(&index, &sources, "\"closed session\" OR Brandvolt");
    assert!(either.contains("03_translated.txt") && either.contains("07_wire_rewrite.txt"));

    assert!(index.search("\"unclosed", 10, &|_| None).is_err());
    assert!(index.search("date:someday", 10, &|_| None).is_err());
}

#[test]
fn adding_and_removing_a_source_updates_the_index() {
    let sources = sample();
    let (first, rest) = sources.split_first().expect("sources");
    let mut index = TantivyIndex::build(rest, None, &Silent).expect("index builds");
    let query = "HarbourlineNews.com";
    let before = index.paragraphs();
    assert!(hit_files(&index, &sources, query).is_empty());
    index.add_sources(&[first]).expect("add");
    assert_eq!(
        hit_files(&index, &sources, query),
        BTreeSet::from([file_name(first)])
    );
    assert!(index.paragraphs() > before);
    index.remove_sources(&[first.id]).expect("remove");
    assert!(hit_files(&index, &sources, query).is_empty());
    assert_eq!(index.paragraphs(), before);
}

#[test]
fn large_corpora_index_on_disk() {
    let sources = sample();
    let dir = tempfile::tempdir().expect("tempdir");
    let cache = dir.path().join("index");
    let index = TantivyIndex::on_disk(&cache).expect("disk index");
    let mut index = index;
    index
        .add_sources(&sources.iter().collect::<Vec<_>>())
        .expect("add");
    assert!(cache.join("meta.json").exists());
    assert_eq!(hit_files(&index, &sources, "\"closed session\"").len(), 2);
}

// ---- importers and broken input ----

fn import_dir(files: &[(&str, &[u8])]) -> (corpus::ImportReport, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).expect("write");
    }
    let report = import_paths(
        &[dir.path().to_path_buf()],
        &[],
        &ImportOptions::default(),
        &Silent,
    )
    .expect("import");
    (report, dir)
}

fn reason<'a>(report: &'a corpus::ImportReport, name: &str) -> &'a str {
    report
        .skipped
        .iter()
        .find(|s| s.path.ends_with(name))
        .map(|s| s.reason.as_str())
        .unwrap_or_else(|| panic!("{name} not reported: {:?}", report.skipped))
}

fn pdf(text: Option<&str>) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let mut operations = Vec::new();
    if let Some(text) = text {
        operations = vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 12.into()]),
            Operation::new("Td", vec![72.into(), 700.into()]),
            Operation::new("Tj", vec![Object::string_literal(text)]),
            Operation::new("ET", vec![]),
        ];
    }
    let content = Content { operations };
    let stream = Stream::new(dictionary! {}, content.encode().expect("encode"));
    let content_id = doc.add_object(stream);
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("save pdf");
    bytes
}

#[test]
fn pdfs_give_their_text_or_say_why_not() {
    let good = pdf(Some("Harbor officials confirmed the permit on Friday."));
    let empty = pdf(None);
    let damaged = b"%PDF-1.5\n1 0 obj << /Type /Catalog >> garbage".to_vec();
    let fake = b"just some text named like a pdf".to_vec();
    let (report, _dir) = import_dir(&[
        ("good.pdf", &good),
        ("scanned.pdf", &empty),
        ("damaged.pdf", &damaged),
        ("fake.pdf", &fake),
    ]);
    assert_eq!(report.sources.len(), 1, "{:?}", report.skipped);
    assert!(
        report.sources[0]
            .cleaned
            .contains("Harbor officials confirmed the permit")
    );
    assert!(reason(&report, "scanned.pdf").contains("no text layer"));
    assert!(reason(&report, "damaged.pdf").contains("damaged"));
    assert!(reason(&report, "fake.pdf").contains("not a PDF"));
}

#[test]
fn encrypted_pdfs_are_reported() {
    let mut doc = lopdf::Document::load_mem(&pdf(Some("secret"))).expect("pdf");
    let encrypt = doc.add_object(dictionary! {
        "Filter" => "Standard", "V" => 1, "R" => 2, "P" => -44,
        "O" => lopdf::Object::string_literal(vec![7u8; 32]),
        "U" => lopdf::Object::string_literal(vec![9u8; 32]),
    });
    doc.trailer.set("Encrypt", encrypt);
    doc.trailer.set(
        "ID",
        vec![
            lopdf::Object::string_literal(vec![1u8; 16]),
            lopdf::Object::string_literal(vec![1u8; 16]),
        ],
    );
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("save");
    let (report, _dir) = import_dir(&[("locked.pdf", &bytes)]);
    assert!(report.sources.is_empty());
    let why = reason(&report, "locked.pdf");
    assert!(why.contains("encrypted"), "{why}");
}

#[test]
fn broken_and_odd_files_are_listed_and_the_rest_imports() {
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "Flood warning – Valley Times\n\nThe river rose overnight."
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    let latin1 = b"Caf\xE9 owners say the d\xE9cision was r\xE9vised on Monday.";
    let invalid =
        b"Valid start \xC3\xA9t\xC3\xA9 then \xFF\xFE bad bytes and more caf\xC3\xA9 text.";
    let (report, _dir) = import_dir(&[
        ("a_utf16.txt", &utf16),
        ("b_latin1.txt", latin1),
        ("c_invalid.txt", invalid),
        ("d_empty.txt", b""),
        ("e_binary.txt", b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0"),
        ("f_image.png", b"\x89PNG"),
        ("g_dup.txt", "Flood warning – Valley Times\n\nThe river rose overnight.".as_bytes()),
        ("h_only_ads.txt", b"Advertisement\n\nLeave a Comment\n"),
        ("i_page.html", b"<html><head><title>Bridge shut | Metro Daily</title><script>fetch('https://example.invalid')</script></head><body><p>The bridge was shut <img src=\"https://example.invalid/x.png\"> on Tuesday.</p><iframe src=\"javascript:alert(1)\"></iframe></body></html>"),
    ]);
    let names: Vec<String> = report.sources.iter().map(file_name).collect();
    assert_eq!(
        names,
        [
            "a_utf16.txt",
            "b_latin1.txt",
            "c_invalid.txt",
            "g_dup.txt",
            "i_page.html"
        ]
    );
    assert_eq!(
        report.sources[0].meta().outlet.as_deref(),
        Some("Valley Times")
    );
    assert!(
        report.sources[1].cleaned.contains("décision was révisé")
            || report.sources[1].cleaned.contains("décision was révised")
    );
    assert!(report.sources[2].cleaned.contains("\u{FFFD}"));
    assert!(!report.sources[2].warnings.is_empty());
    // The same text in another file: a source, marked as a copy.
    assert_eq!(report.sources[3].copy_of, Some(report.sources[0].id));
    assert!(
        report.sources[3]
            .warnings
            .iter()
            .any(|w| w.contains("a_utf16.txt"))
    );
    assert_eq!(
        &*report.sources[4].cleaned,
        "The bridge was shut on Tuesday."
    );
    assert_eq!(
        report.sources[4].meta().outlet.as_deref(),
        Some("Metro Daily")
    );
    assert!(reason(&report, "d_empty.txt").contains("empty"));
    assert!(reason(&report, "e_binary.txt").contains("binary"));
    assert!(reason(&report, "f_image.png").contains("not supported"));
    assert!(reason(&report, "h_only_ads.txt").contains("no words"));
}

#[test]
fn project_round_trip_and_damaged_files_left_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sample.corroborate");
    let mut project = Project::default();
    project
        .import(&[sample_dir().join("reports")], &Silent)
        .expect("import");
    project.sources[2].overrides.outlet = Some("Harbour Echo".into());
    project.save(&path).expect("save");
    let loaded = Project::load(&path).expect("load");
    assert_eq!(loaded, project);
    assert_eq!(
        loaded.sources[2].meta().outlet.as_deref(),
        Some("Harbour Echo")
    );

    let bytes = std::fs::read(&path).expect("read");
    let damaged = dir.path().join("damaged.corroborate");
    std::fs::write(&damaged, &bytes[..bytes.len() / 3]).expect("write");
    let err = Project::load(&damaged).expect_err("damaged file refused");
    assert!(err.to_string().contains("damaged"), "{err}");
    assert_eq!(
        std::fs::read(&damaged).expect("read").len(),
        bytes.len() / 3
    );

    // Importing the same folder again adds nothing: every file is a duplicate.
    let report = project
        .import(&[sample_dir().join("reports")], &Silent)
        .expect("import");
    assert!(report.sources.is_empty());
    assert_eq!(report.skipped.len(), 7);
}

#[test]
fn a_save_that_fails_part_way_leaves_the_old_project_loadable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("work.corroborate");
    let mut project = Project::default();
    project
        .import(&[sample_dir().join("reports")], &Silent)
        .expect("import");
    project.sources.truncate(3);
    project.save(&path).expect("save");
    let before = std::fs::read(&path).expect("read");

    // Weeks of work later, the disk fills up in the middle of a save: the
    // database may not grow past a few pages.
    let mut more = Project::default();
    more.import(&[sample_dir().join("reports")], &Silent)
        .expect("import");
    let pages = (before.len() / 4096) as u32;
    let err = more
        .save_within(&path, pages + 1)
        .expect_err("the save fails");
    let said = err.to_string();
    assert!(said.contains("work.corroborate"), "{said}");
    assert!(said.contains("no space left"), "{said}");
    // The old file is untouched and loads; no half-written file is left beside it.
    assert_eq!(std::fs::read(&path).expect("read"), before);
    assert_eq!(Project::load(&path).expect("load").sources.len(), 3);
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(left, [std::ffi::OsString::from("work.corroborate")]);

    // With room again, the save goes through.
    more.save(&path).expect("save");
    assert_eq!(Project::load(&path).expect("load").sources.len(), 7);
}

#[test]
fn a_cancelled_import_stops() {
    let tracker = corroborate_core::progress::Tracker::default();
    tracker.cancel();
    let result = import_paths(
        &[sample_dir().join("reports")],
        &[],
        &ImportOptions::default(),
        &tracker,
    );
    assert!(matches!(result, Err(corroborate_core::Error::Cancelled)));
}

#[test]
fn a_duplicate_file_does_not_hide_its_glued_word() {
    let glued: &[u8] = b"Liz Trusspromised to act on the harbour plan, aides said.";
    let (report, _dir) = import_dir(&[
        ("a.txt", glued),
        ("b.txt", glued),
        ("c.txt", b"Earlier, Truss promised a review of the harbour."),
    ]);
    // The same text in another file is a source of its own, marked as a copy.
    assert_eq!(report.sources.len(), 3, "{:?}", report.skipped);
    let a = by_file(&report.sources, "a.txt");
    let b = by_file(&report.sources, "b.txt");
    assert!(a.cleaned.contains("Truss promised to act"), "{}", a.cleaned);
    assert_eq!(b.copy_of, Some(a.id));
    assert!(
        b.warnings.iter().any(|w| w.contains("a.txt")),
        "{:?}",
        b.warnings
    );
}

#[test]
fn the_copy_made_for_the_analysis_is_analysed_as_the_project() {
    let mut project = Project::default();
    project.import(&[sample_dir()], &Silent).unwrap();
    project.sources[0].overrides.outlet = Some("Harbour Desk".into());
    let light = project.for_analysis();
    assert_eq!(light.sources.len(), project.sources.len());
    assert!(light.sources.iter().all(|s| s.original.is_empty()));
    assert_eq!(
        light.sources[0].meta().outlet.as_deref(),
        Some("Harbour Desk")
    );
    assert_eq!(
        corroborate_core::analysis_cache::key(&light),
        corroborate_core::analysis_cache::key(&project)
    );
    let (whole, copy) = (
        corroborate_core::analysis::analyze(&project, &Silent).unwrap(),
        corroborate_core::analysis::analyze(&light, &Silent).unwrap(),
    );
    assert!(!whole.entities.is_empty() && !whole.claims.is_empty());
    assert_eq!(whole.entities, copy.entities);
    assert_eq!(whole.claims, copy.claims);
    assert_eq!(whole.story_of, copy.story_of);
}

#[test]
fn a_kept_word_count_follows_its_text() {
    let mut source = sample().remove(0);
    let before = source.words();
    assert!(before > 20);
    source.cleaned = format!("{} And three more.", source.cleaned).into();
    assert_eq!(source.words(), before + 3);
    assert_eq!(source.clone().words(), before + 3);
}
