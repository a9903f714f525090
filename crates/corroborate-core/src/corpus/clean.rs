//! Cleaning: from the text of a file to the text everything else reads.
//!
//! Cleaning drops boilerplate (by the rules in [`super::rules`] and by
//! repetition), normalizes whitespace, and puts back spaces lost between
//! glued words. It only deletes and inserts, so every cleaned offset maps
//! back to the original through the [`OffsetMap`] it returns.

use super::glue::{Vocabulary, split_points};
use super::offsets::OffsetMap;
use super::rules::{Rule, Rules, line_key};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::ops::Range;

/// A stretch of the original that cleaning left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removal {
    pub start: usize,
    pub end: usize,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct Cleaned {
    pub text: String,
    pub map: OffsetMap,
    pub removed: Vec<Removal>,
}

/// A `tail` rule drops the rest of a page only when that rest is this short,
/// so a "Related Articles" line in the middle of a report costs one line, not the report.
const TAIL_MAX_WORDS: usize = 80;
/// A `block` rule never drops more lines than this.
const BLOCK_MAX_LINES: usize = 12;
/// Only lines this short count as repeats (headlines, captions); long repeated
/// paragraphs may be quotes and are left for the reuse finder.
const REPEAT_MAX_WORDS: usize = 40;

/// Cleans `original`. `cut` holds ranges already known not to belong to the
/// text (such as a `date 2022-07-29` marker the metadata reader consumed).
pub fn clean(original: &str, rules: &Rules, vocab: &Vocabulary, cut: &[Removal]) -> Cleaned {
    let lines = line_ranges(original);
    let mut dropped: Vec<Option<String>> = vec![None; lines.len()];
    apply_line_rules(original, &lines, rules, &mut dropped);
    drop_repeats(original, &lines, &mut dropped);

    let mut removed: Vec<Removal> = cut.to_vec();
    for (i, reason) in dropped.iter().enumerate() {
        if let Some(reason) = reason {
            removed.push(Removal {
                start: lines[i].start,
                end: lines[i].end,
                reason: reason.clone(),
            });
        }
    }
    for (i, line) in lines.iter().enumerate() {
        if dropped[i].is_some() {
            continue;
        }
        for rule in rules.iter() {
            if let Rule::Strip(re) = rule {
                for m in re.find_iter(&original[line.clone()]) {
                    removed.push(Removal {
                        start: line.start + m.start(),
                        end: line.start + m.end(),
                        reason: format!("template leftover \"{}\"", m.as_str()),
                    });
                }
            }
        }
    }
    removed.sort_by_key(|r| (r.start, r.end));
    let cuts: Vec<Range<usize>> = removed.iter().map(|r| r.start..r.end).collect();

    let mut out = Emitter::default();
    let mut gap = false;
    for (i, line) in lines.iter().enumerate() {
        if dropped[i].is_some() {
            // A dropped line leaves no paragraph break of its own; blank lines around it do.
            continue;
        }
        let pieces = line_pieces(original, line.clone(), &cuts, vocab);
        if pieces.is_empty() {
            gap |= original[line.clone()].trim().is_empty();
            continue;
        }
        if !out.text.is_empty() {
            out.insert(if gap { "\n\n" } else { "\n" });
        }
        gap = false;
        for piece in pieces {
            match piece {
                Piece::Copy(range) => out.copy(original, range),
                Piece::Space => out.insert(" "),
            }
        }
    }
    Cleaned {
        text: out.text,
        map: out.map,
        removed,
    }
}

/// Byte ranges of the lines of `text`, without their line endings.
pub fn line_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            let end = if i > start && text.as_bytes()[i - 1] == b'\r' {
                i - 1
            } else {
                i
            };
            out.push(start..end);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

fn apply_line_rules(
    original: &str,
    lines: &[Range<usize>],
    rules: &Rules,
    dropped: &mut [Option<String>],
) {
    let mut i = 0;
    while i < lines.len() {
        let line = &original[lines[i].clone()];
        let key = line_key(line);
        if key.is_empty() && line.trim().is_empty() {
            i += 1;
            continue;
        }
        let mut next = i + 1;
        for rule in rules.iter() {
            match rule {
                Rule::Line(k) if *k == key => {
                    dropped[i] = Some(format!("boilerplate line \"{}\"", line.trim()));
                }
                Rule::Drop(re) if re.is_match(line) => {
                    dropped[i] = Some(format!("boilerplate line \"{}\"", line.trim()));
                }
                Rule::Block(k) if *k == key => {
                    // Without a blank line soon after, the block's end is unknown:
                    // drop only the marker rather than guess at the report's paragraphs.
                    let end = (i + 1..lines.len())
                        .take(BLOCK_MAX_LINES)
                        .find(|&j| original[lines[j].clone()].trim().is_empty())
                        .unwrap_or(i + 1);
                    for slot in &mut dropped[i..end] {
                        *slot = Some(format!("advertising block \"{}\"", line.trim()));
                    }
                    next = end;
                }
                Rule::Tail(k) if *k == key => {
                    let rest_words: usize = lines[i + 1..]
                        .iter()
                        .map(|r| original[r.clone()].split_whitespace().count())
                        .sum();
                    let end = if rest_words <= TAIL_MAX_WORDS {
                        lines.len()
                    } else {
                        i + 1
                    };
                    for slot in &mut dropped[i..end] {
                        *slot = Some(format!("page furniture after \"{}\"", line.trim()));
                    }
                    next = end;
                }
                _ => continue,
            }
            break;
        }
        i = next;
    }
}

/// Drops short lines that repeat the headline zone (the first lines of the
/// report) or the line just before them: a headline printed twice, an image
/// caption repeated in other capitals or with an article more or less
/// ("TikTok App On THE Smartphone.").
fn drop_repeats(original: &str, lines: &[Range<usize>], dropped: &mut [Option<String>]) {
    const FILLER: [&str; 8] = ["the", "a", "an", "of", "on", "in", "to", "and"];
    const HEADLINE_LINES: usize = 2;
    let mut headline = HashSet::new();
    let mut previous = String::new();
    let mut kept = 0usize;
    for (i, range) in lines.iter().enumerate() {
        let line = &original[range.clone()];
        if dropped[i].is_some() || line.trim().is_empty() {
            continue;
        }
        let key = if line.split_whitespace().count() > REPEAT_MAX_WORDS {
            String::new()
        } else {
            line.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .filter(|w| !FILLER.contains(&w.as_str()))
                .collect::<Vec<_>>()
                .join(" ")
        };
        if key.len() >= 3 && (key == previous || headline.contains(&key)) {
            dropped[i] = Some("repeats an earlier line".to_string());
            continue;
        }
        if kept < HEADLINE_LINES && !key.is_empty() {
            headline.insert(key.clone());
        }
        kept += 1;
        previous = key;
    }
}

enum Piece {
    Copy(Range<usize>),
    Space,
}

/// What one kept line contributes: its text minus cuts, whitespace runs
/// collapsed to one space, invisible characters dropped, lost spaces restored.
fn line_pieces(
    original: &str,
    line: Range<usize>,
    cuts: &[Range<usize>],
    vocab: &Vocabulary,
) -> Vec<Piece> {
    let text = &original[line.clone()];
    let glue: Vec<usize> = split_points(text, vocab)
        .into_iter()
        .map(|p| p + line.start)
        .collect();
    let mut pieces = Vec::new();
    let mut ws: Option<(usize, usize)> = None; // (start, byte length) of a pending whitespace run
    let mut cut_pending = false;
    let mut last: Option<char> = None;
    let mut cut_idx = cuts.partition_point(|c| c.end <= line.start);
    for (off, c) in text.char_indices() {
        let at = line.start + off;
        while cut_idx < cuts.len() && cuts[cut_idx].end <= at {
            cut_idx += 1;
        }
        if cut_idx < cuts.len() && cuts[cut_idx].start <= at {
            cut_pending = true;
            continue;
        }
        if c.is_whitespace() {
            match &mut ws {
                Some((_, len)) => *len += c.len_utf8(),
                None => ws = Some((at, c.len_utf8())),
            }
            continue;
        }
        if is_invisible(c) {
            continue;
        }
        let after_cut = std::mem::take(&mut cut_pending);
        if let Some((start, len)) = ws.take() {
            if last.is_some() {
                if len == 1 && original.as_bytes()[start] == b' ' {
                    pieces.push(Piece::Copy(start..start + 1));
                } else {
                    pieces.push(Piece::Space);
                }
            }
        } else if let Some(prev) = last {
            // A cut between two words ("date 2022-07-29The") must not glue them.
            let words_meet = after_cut && prev.is_alphanumeric() && c.is_alphanumeric();
            if words_meet || glue.binary_search(&at).is_ok() {
                pieces.push(Piece::Space);
            }
        }
        // Contiguous characters make one piece, not one each.
        match pieces.last_mut() {
            Some(Piece::Copy(run)) if run.end == at => run.end = at + c.len_utf8(),
            _ => pieces.push(Piece::Copy(at..at + c.len_utf8())),
        }
        last = Some(c);
    }
    pieces
}

/// Characters that carry nothing a reader sees: zero-width marks, soft
/// hyphens, byte-order marks, control codes, and the direction marks and
/// overrides (inside a name they would split it, and an override can make
/// text show reversed; the original keeps them).
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{061C}'
            | '\u{FEFF}'
            | '\u{00AD}'
    ) || c.is_control()
}

#[derive(Default)]
struct Emitter {
    text: String,
    map: OffsetMap,
}

impl Emitter {
    fn copy(&mut self, original: &str, range: Range<usize>) {
        self.map.copy(self.text.len(), range.start, range.len());
        self.text.push_str(&original[range]);
    }
    fn insert(&mut self, s: &str) {
        self.text.push_str(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(original: &str) -> Cleaned {
        let mut vocab = Vocabulary::default();
        vocab.add_text(original);
        clean(original, &Rules::default(), &vocab, &[])
    }

    #[test]
    fn drops_boilerplate_lines_blocks_and_tails() {
        let original = "Headline here\n\nAdvertisement\nFirst paragraph.\n\n\
            Sponsored Content\nBuy our thing\nLearn More\n\nSecond paragraph.\n{{}}\n\n\
            Related Articles\n\nLeave a Reply\n\nBack to top button";
        let cleaned = run(original);
        assert_eq!(
            cleaned.text,
            "Headline here\n\nFirst paragraph.\n\nSecond paragraph."
        );
        assert!(
            cleaned
                .removed
                .iter()
                .any(|r| r.reason.contains("advertising block"))
        );
    }

    #[test]
    fn a_related_articles_line_mid_report_drops_only_itself() {
        let body = "word ".repeat(100);
        let original = format!("Intro.\nRelated Articles\n{body}");
        let cleaned = run(&original);
        assert!(cleaned.text.starts_with("Intro.\nword word"));
    }

    #[test]
    fn collapses_whitespace_and_keeps_offsets_exact() {
        let original = "  Two\u{a0} spaces\there.  \nNext\u{200b} line ";
        let cleaned = run(original);
        assert_eq!(cleaned.text, "Two spaces here.\nNext line");
        for word in ["Two", "spaces", "here", "Next", "line"] {
            let c = cleaned.text.find(word).unwrap_or_default();
            let span = cleaned.map.span_to_original(c..c + word.len());
            assert_eq!(&original[span], word);
        }
    }

    #[test]
    fn repairs_glued_words_with_offsets_back_to_the_glued_original() {
        let original = "Liz Truss spoke. Trusspromised action. Truss promised more.";
        let cleaned = run(original);
        assert!(
            cleaned.text.contains("Truss promised action"),
            "{}",
            cleaned.text
        );
        let c = cleaned.text.find("promised action").unwrap_or_default();
        let span = cleaned.map.span_to_original(c..c + "promised".len());
        assert_eq!(&original[span], "promised");
    }

    #[test]
    fn drops_repeated_headlines_and_captions() {
        let original =
            "A headline\n\nAdvertisement\nA headline\nApp on phone.\nAPP ON PHONE.\nBody text.";
        assert_eq!(
            run(original).text,
            "A headline\n\nApp on phone.\nBody text."
        );
    }

    #[test]
    fn a_short_line_repeated_later_in_the_body_stays() {
        let original = "Title line here\n\nFirst paragraph.\n\nHe declined to comment.\n\nMore text.\n\nHe declined to comment.";
        assert_eq!(run(original).text.matches("declined").count(), 2);
    }

    #[test]
    fn a_block_without_an_end_drops_only_its_marker() {
        let original = "Intro.\nSponsored Content\nReal paragraph one.\nReal paragraph two.";
        assert_eq!(
            run(original).text,
            "Intro.\nReal paragraph one.\nReal paragraph two."
        );
    }

    #[test]
    fn cuts_join_punctuation_but_separate_words() {
        let original = "the **Norvex**. the [HSC](https://x.invalid), ok";
        let mut cuts = Vec::new();
        for (a, b) in [(4, 6), (12, 14), (20, 21), (24, 44)] {
            cuts.push(Removal {
                start: a,
                end: b,
                reason: "markup".into(),
            });
        }
        let cleaned = clean(original, &Rules::default(), &Vocabulary::default(), &cuts);
        assert_eq!(cleaned.text, "the Norvex. the HSC, ok");
    }

    #[test]
    fn cut_ranges_are_removed() {
        let original = " date 2022-07-29 The story starts.";
        let cut = [Removal {
            start: 0,
            end: 17,
            reason: "date line".into(),
        }];
        let cleaned = clean(original, &Rules::default(), &Vocabulary::default(), &cut);
        assert_eq!(cleaned.text, "The story starts.");
        assert_eq!(cleaned.map.to_original(0), 17);
    }
}
