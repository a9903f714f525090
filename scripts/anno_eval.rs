// anno_eval.rs — run the CRF NER bundled in the `anno` crate (v0.13) over the
// cleaned texts of a Corroborate analysis, for comparison with Corroborate's
// own entity extractor. Not compiled by the project; kept for reproducibility.
//
// Build (in a scratch crate outside the repo, e.g. /tmp/annoeval):
//   Cargo.toml:
//     [package]
//     name = "annoeval"
//     version = "0.1.0"
//     edition = "2021"
//     [dependencies]
//     anno = { version = "0.13", default-features = false, features = ["bundled-crf-weights"] }
//     serde_json = "1"
//   cp scripts/anno_eval.rs /tmp/annoeval/src/main.rs
//   cd /tmp/annoeval && cargo build --release -j 1
// Run:
//   corroborate analyze assets/sample/reports --json /tmp/sample_analysis.json
//   /tmp/annoeval/target/release/annoeval /tmp/sample_analysis.json /tmp/anno_sample.json
//   python3 scripts/entity_eval.py /tmp/anno_sample.json --answers assets/sample/answers.json
// (the "Corroborate" row of that table then shows anno's output; its MB/s
// column comes from `timing.entities_ms`, which this program sets to anno's
// best-of-5 wall time over all texts).
//
// Output: the input JSON with `entities` replaced by anno's entities, one per
// (kind, exact surface text), each with mentions {source, start, end, text}
// whose start/end are UTF-8 byte offsets into the source's `text`. anno's
// `Entity::start()/end()` are CHARACTER offsets; they are converted here.

use anno::{CrfNER, EntityType, Model};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::time::Instant;

const RUNS: usize = 5;

fn kind_of(t: &EntityType) -> &'static str {
    match t {
        EntityType::Person => "person",
        EntityType::Organization => "organization",
        EntityType::Location => "place",
        EntityType::Date | EntityType::Time => "date",
        EntityType::Money
        | EntityType::Percent
        | EntityType::Quantity
        | EntityType::Cardinal
        | EntityType::Ordinal => "number",
        _ => "other",
    }
}

/// Byte offset of every char index 0..=len (the last entry is text.len()).
fn char_to_byte_table(text: &str) -> Vec<usize> {
    let mut t: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    t.push(text.len());
    t
}

/// anno's spans as (kind, byte start, byte end), checked against anno's own text.
fn spans(ner: &CrfNER, text: &str) -> Vec<(&'static str, usize, usize)> {
    let ents = ner.extract_entities(text, None).expect("anno extract_entities failed");
    let table = char_to_byte_table(text);
    let mut out = Vec::with_capacity(ents.len());
    for e in &ents {
        let (s, t) = (e.start(), e.end());
        assert!(s <= t && t < table.len(), "char span {s}..{t} out of range");
        let (bs, be) = (table[s], table[t]);
        let surface = &text[bs..be];
        // anno's `text` is the whitespace tokens joined by single spaces (and
        // trimmed after sentence clipping): compare modulo whitespace.
        let norm = |x: &str| x.split_whitespace().collect::<Vec<_>>().join(" ");
        if norm(surface) != norm(&e.text) {
            eprintln!(
                "warning: offset mismatch: anno text {:?} but text[{bs}..{be}] = {:?}",
                e.text, surface
            );
        }
        out.push((kind_of(&e.entity_type), bs, be));
    }
    out
}

fn self_check(ner: &CrfNER) {
    // Curly quotes, an em dash and accents before the entities make char and
    // byte offsets differ; the spans must still slice to the right words.
    let text = "\u{201C}We will appeal,\u{201D} said Jos\u{E9} Ram\u{ED}rez \u{2014} a lawyer at Goldman Sachs in New York. \u{2018}Maria Santos\u{2019} visited London on Tuesday.";
    let got = spans(ner, text);
    eprintln!("self-check on curly-quoted text ({} bytes, {} chars):", text.len(), text.chars().count());
    for (k, s, e) in &got {
        eprintln!("  {k:<13} [{s}..{e}] {:?}", &text[*s..*e]);
    }
    let heuristic = CrfNER::new_heuristic().extract_entities(text, None).unwrap();
    let bundled = ner.extract_entities(text, None).unwrap();
    let key = |v: &[anno::Entity]| v.iter().map(|e| (e.start(), e.end(), e.text.clone())).collect::<Vec<_>>();
    eprintln!(
        "  bundled weights {} the heuristic fallback's output on this text",
        if key(&bundled) == key(&heuristic) { "give THE SAME AS" } else { "differ from" }
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: {} ANALYSIS.json OUT.json", args[0]);
        std::process::exit(2);
    }
    let mut doc: Value =
        serde_json::from_str(&std::fs::read_to_string(&args[1]).expect("read input")).expect("parse input");
    let sources: Vec<(String, String)> = doc["sources"]
        .as_array()
        .expect("no sources")
        .iter()
        .map(|s| {
            let text = s.get("text").or_else(|| s.get("cleaned")).and_then(Value::as_str).unwrap_or("");
            (s["id"].as_str().expect("source id").to_string(), text.to_string())
        })
        .collect();

    let ner = CrfNER::new(); // bundled trained weights (feature bundled-crf-weights)
    self_check(&ner);

    // Timing: only the extract_entities calls, all texts, best of RUNS.
    let total_bytes: usize = sources.iter().map(|(_, t)| t.len()).sum();
    let mut best = f64::INFINITY;
    for _ in 0..RUNS {
        let t0 = Instant::now();
        let mut n = 0usize;
        for (_, text) in &sources {
            n += ner.extract_entities(text, None).unwrap().len();
        }
        std::hint::black_box(n);
        best = best.min(t0.elapsed().as_secs_f64());
    }

    // Group: one entity per (kind, exact surface text).
    let mut groups: BTreeMap<(&'static str, String), Vec<Value>> = BTreeMap::new();
    let mut n_mentions = 0;
    for (id, text) in &sources {
        for (kind, s, e) in spans(&ner, text) {
            let surface = text[s..e].to_string();
            groups.entry((kind, surface.clone())).or_default().push(json!({
                "source": id, "start": s, "end": e, "text": surface,
            }));
            n_mentions += 1;
        }
    }
    let entities: Vec<Value> = groups
        .into_iter()
        .enumerate()
        .map(|(i, ((kind, name), mentions))| {
            json!({
                "id": format!("e{}", i + 1),
                "name": name,
                "kind": kind,
                "aliases": [name],
                "mentions": mentions,
                "evidence": ["anno CrfNER (bundled-crf-weights)"],
                "hidden": false,
            })
        })
        .collect();
    let n_entities = entities.len();
    doc["entities"] = Value::Array(entities);
    doc["timing"] = json!({ "entities_ms": best * 1000.0 });
    std::fs::write(&args[2], serde_json::to_string_pretty(&doc).unwrap()).expect("write output");

    println!(
        "{} sources, {} bytes: {} mentions in {} entities",
        sources.len(),
        total_bytes,
        n_mentions,
        n_entities
    );
    println!(
        "anno CrfNER wall time (best of {RUNS}): {:.3} ms, {:.3} MB/s",
        best * 1000.0,
        total_bytes as f64 / 1e6 / best
    );
}
