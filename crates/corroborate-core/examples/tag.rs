//! Prints the tagger's raw names for each file given (a debugging aid):
//! FILE START END KIND TEXT, byte offsets.
use corroborate_core::nlp::{mentions, segment, tagged, tagger};
fn main() {
    let Some(t) = tagger::Tagger::get() else {
        return;
    };
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let paragraphs = segment::segment(&text);
        let rules = mentions::find_by_rules(&text, &paragraphs, None);
        let input = tagged::input(&text, &paragraphs, &rules);
        for n in tagged::tagged_names(&text, &input, t) {
            println!(
                "{}\t{}\t{}\t{:?}\t{}",
                path,
                n.span.start,
                n.span.end,
                n.kind,
                &text[n.span.range()]
            );
        }
    }
}
