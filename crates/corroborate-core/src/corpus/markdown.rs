//! Markdown reports: the markup to cut so that only the prose is read.
//!
//! Markup is cut, never rewritten, so offsets still map back to the file.

use super::clean::Removal;
use regex::Regex;
use std::sync::OnceLock;

/// Ranges of `text` that are Markdown syntax rather than words.
pub fn markup_cuts(text: &str) -> Vec<Removal> {
    static RES: OnceLock<Vec<Regex>> = OnceLock::new();
    let res = RES.get_or_init(|| {
        [
            r"(?m)^[ \t]*#{1,6}[ \t]+",                  // heading markers
            r"(?m)^[ \t]*>[ \t]?",                       // block quote markers
            r"(?m)^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$", // horizontal rules
            r"\]\([^)\s]*\)",                            // the target half of a link
            r"!?\[",                                     // the opening of a link or image
            r"\*\*|__|`",                                // strong emphasis and code
            r"(?:^|[\s(])([*_])\S",                      // opening emphasis
            r"\S([*_])(?:$|[\s.,;:!?)])",                // closing emphasis
        ]
        .iter()
        .filter_map(|p| Regex::new(p).ok())
        .collect()
    });
    let mut cuts = Vec::new();
    for range in super::clean::line_ranges(text) {
        let line_start = range.start;
        let line = &text[range];
        for re in res {
            for caps in re.captures_iter(line) {
                let Some(m) = caps.get(1).or_else(|| caps.get(0)) else {
                    continue;
                };
                if m.as_str() == "[" && !line[m.end()..].contains("](") {
                    continue; // a bracket that opens no link
                }
                cuts.push(Removal {
                    start: line_start + m.start(),
                    end: line_start + m.end(),
                    reason: "Markdown markup".to_string(),
                });
            }
        }
    }
    cuts.sort_by_key(|r| r.start);
    cuts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(text: &str) -> String {
        let cuts = markup_cuts(text);
        let mut out = String::new();
        let mut at = 0;
        for c in cuts {
            if c.start >= at {
                out.push_str(&text[at..c.start]);
                at = c.end;
            }
        }
        out.push_str(&text[at..]);
        out
    }

    #[test]
    fn cuts_markup_and_keeps_words() {
        assert_eq!(strip("# A title"), "A title");
        assert_eq!(strip("_By Sofia, Ledger_"), "By Sofia, Ledger");
        assert_eq!(strip("the **Norvex** permit"), "the Norvex permit");
        assert_eq!(
            strip("see the [Commission](https://x.invalid/hsc), then"),
            "see the Commission, then"
        );
        assert_eq!(strip("> \"Quote,\" she said."), "\"Quote,\" she said.");
        assert_eq!(strip("- a list item"), "- a list item");
        assert_eq!(strip("3 * 4 and snake_case"), "3 * 4 and snake_case");
        assert_eq!(strip("---"), "");
        assert_eq!(strip("_By Ann_\r\n---\r\n"), "By Ann\r\n\r\n");
    }
}
