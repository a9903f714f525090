//! Paragraphs, sentences and tokens, each with byte offsets into the text.
//!
//! Sentence ends are found by rule: a terminator, then space, then something
//! that can open a sentence. Abbreviations (Mr., Dr., Jan. 5, U.S.), decimals,
//! closing quotes, bullets and line breaks are handled here, once.

use crate::corpus::Span;
use unicode_segmentation::UnicodeSegmentation;

/// A paragraph and its sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    pub sentences: Vec<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// Paragraphs (separated by blank lines) and their sentences.
pub fn segment(text: &str) -> Vec<Paragraph> {
    let width = wrap_width(text);
    paragraphs(text)
        .into_iter()
        .map(|span| Paragraph {
            span,
            sentences: split(&text[span.range()], span.start, width),
        })
        .collect()
}

/// Spans of text separated by one or more blank lines.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(Span::new(s, end));
            }
        } else {
            let lead = content.len() - content.trim_start().len();
            start.get_or_insert(offset + lead);
            end = offset + content.trim_end().len();
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.push(Span::new(s, end));
    }
    out
}

/// Titles that never end a sentence.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt",
    "cmdr", "adm", "st", "jr", "sr", "rev", "hon", "pres", "supt", "det", "insp", "messrs", "mme",
    "mlle", "fr", "no", "nos", "vs", "v", "cf", "approx", "fig", "figs", "vol", "ch", "pp", "p",
    "dept", "univ", "est", "ave", "blvd", "mt", "ft", "const", "cst", "cpl", "maj", "pvt", "brig",
    "atty",
];
/// Abbreviations that usually sit mid-sentence but can end one.
const ENDING_ABBREVIATIONS: &[&str] = &[
    "inc", "ltd", "co", "corp", "llc", "plc", "bros", "etc", "al",
];
const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];
/// Words that open sentences, used after an ambiguous abbreviation ("in the U.S. The company …").
const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "But",
    "And",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "However",
    "Meanwhile",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "After",
    "When",
    "While",
    "As",
    "If",
    "Some",
    "Many",
    "Most",
    "Officials",
    "According",
];

/// Sentence spans within `text`, shifted by `base`.
pub fn sentences(text: &str, base: usize) -> Vec<Span> {
    split(text, base, wrap_width(text))
}

/// As [`sentences`], for a paragraph of a text hard-wrapped at `width`.
fn split(text: &str, base: usize, width: Option<usize>) -> Vec<Span> {
    let mut cuts = vec![0usize];
    let wraps = soft_wraps(text, width);
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '\n' {
            if next_non_space(text, at + 1).is_some_and(|n| !n.is_lowercase())
                && wraps.binary_search(&at).is_err()
            {
                cuts.push(at + 1);
            }
            continue;
        }
        if c == '•' && at > 0 {
            cuts.push(at);
            continue;
        }
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // The run of terminators, then closing marks, that ends here.
        let mut end = at + c.len_utf8();
        while let Some(&(o, n)) = chars.peek() {
            if !matches!(n, '.' | '!' | '?' | '…') {
                break;
            }
            end = o + n.len_utf8();
            chars.next();
        }
        while let Some(&(o, n)) = chars.peek() {
            if !is_closer(n) {
                break;
            }
            end = o + n.len_utf8();
            chars.next();
        }
        match text[end..].chars().next() {
            None => break,
            Some(n) if !n.is_whitespace() => continue, // "3.5", "DailyMail.com", "U.S"
            Some(_) => {}
        }
        let Some(next) = next_non_space(text, end) else {
            break;
        };
        let opens = next.is_uppercase() || next.is_ascii_digit() || is_opener(next) || next == '•';
        if opens && (c != '.' || !abbreviation_holds(text, at, end)) {
            cuts.push(end);
        }
    }
    cuts.push(text.len());
    cuts.dedup();
    cuts.windows(2)
        .filter_map(|w| trim_span(text, w[0], w[1]))
        .map(|s| Span::new(s.start + base, s.end + base))
        .collect()
}

/// The width a hard-wrapped text (a PDF's text layer, wire copy or mail
/// cut at a fixed width) is cut at: the longest of the lines that another
/// line follows, when most of those lines come close to it. None for text
/// whose lines are its paragraphs or sentences, or a list of short lines.
fn wrap_width(text: &str) -> Option<usize> {
    let mut inner = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let width = line.trim().chars().count();
        if width > 0 && lines.peek().is_some_and(|n| !n.trim().is_empty()) {
            inner.push(width);
        }
    }
    let widest = *inner.iter().max()?;
    let full = inner.iter().filter(|&&w| fills(w, widest)).count();
    (inner.len() >= 2 && (30..=200).contains(&widest) && full * 3 >= inner.len() * 2)
        .then_some(widest)
}

/// Whether a line of `width` characters fills a text wrapped at `widest`.
fn fills(width: usize, widest: usize) -> bool {
    width * 4 >= widest * 3
}

/// The line breaks of a hard-wrapped text that fall inside a sentence: the
/// line before them fills the width and does not end a sentence. "Prime
/// Minister Elena\nVoss said on\nMonday" is one sentence and one name; a
/// headline, a dateline or a short last line keeps its break.
fn soft_wraps(text: &str, width: Option<usize>) -> Vec<usize> {
    let Some(widest) = width else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end();
        let open = content
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | ';' | '-' | '–' | '—'));
        if line.ends_with('\n') && open && fills(content.trim_start().chars().count(), widest) {
            out.push(at + line.len() - 1);
        }
        at += line.len();
    }
    out
}

/// True when the period at `dot` belongs to an abbreviation that does not end
/// the sentence; `after` is where the text after the period (and any closing marks) begins.
fn abbreviation_holds(text: &str, dot: usize, after: usize) -> bool {
    let start = text[..dot]
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &text[start..dot];
    let lower = word.to_lowercase();
    let next_word: String = text[after..]
        .chars()
        .skip_while(|c| c.is_whitespace())
        .take_while(|c| c.is_alphanumeric())
        .collect();
    let opener = SENTENCE_OPENERS.contains(&next_word.as_str());
    if TITLES.contains(&lower.as_str()) {
        return true;
    }
    if MONTHS.contains(&lower.as_str()) {
        return next_word.starts_with(|c: char| c.is_ascii_digit());
    }
    let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    if single_initial {
        return !opener;
    }
    let initialism = word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2);
    if initialism || ENDING_ABBREVIATIONS.contains(&lower.as_str()) {
        return !opener;
    }
    false
}

fn next_non_space(text: &str, from: usize) -> Option<char> {
    text.get(from..)?.chars().find(|c| !c.is_whitespace())
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '’' | '”' | '»' | ')' | ']' | '›')
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '‘' | '“' | '«' | '(' | '[' | '‹' | '¿' | '¡'
    )
}

/// Trims whitespace and leading bullet marks; None when nothing is left.
fn trim_span(text: &str, start: usize, end: usize) -> Option<Span> {
    let slice = &text[start..end];
    let lead_ws = slice.len() - slice.trim_start().len();
    let mut s = start + lead_ws;
    let rest = &text[s..end];
    for bullet in ["• ", "•", "· ", "- ", "* ", "– "] {
        if let Some(after) = rest.strip_prefix(bullet) {
            s = end - after.len();
            s += text[s..end].len() - text[s..end].trim_start().len();
            break;
        }
    }
    let e = s + text[s..end].trim_end().len();
    (e > s).then_some(Span::new(s, e))
}

/// Word and number tokens within `span` of `text`.
pub fn tokens(text: &str, span: Span) -> Vec<Token> {
    text[span.range()]
        .split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
        .map(|(i, w)| Token {
            span: Span::new(span.start + i, span.start + i + w.len()),
            kind: if w.starts_with(|c: char| c.is_ascii_digit()) {
                TokenKind::Number
            } else {
                TokenKind::Word
            },
        })
        .collect()
}

/// A token's text folded for comparison: lowercase, typographic quotes made plain.
pub fn fold(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            '’' | '‘' | '`' | '´' => '\'',
            '“' | '”' | '„' => '"',
            '–' | '—' => '-',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text, 0)
            .iter()
            .map(|s| &text[s.range()])
            .collect()
    }

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            split("One two. Three four! Five?"),
            ["One two.", "Three four!", "Five?"]
        );
    }

    #[test]
    fn keeps_abbreviations_and_decimals_inside() {
        assert_eq!(
            split("Mr. Brandvold met Dr. Okafor on Jan. 28 about 3.5 million dollars. It rained."),
            [
                "Mr. Brandvold met Dr. Okafor on Jan. 28 about 3.5 million dollars.",
                "It rained."
            ]
        );
        assert_eq!(
            split("U.S. user data stays in the U.S. The company said so."),
            ["U.S. user data stays in the U.S.", "The company said so."]
        );
        assert_eq!(
            split("J. Doe and U.S. officials met."),
            ["J. Doe and U.S. officials met."]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            split("“We declined,” she said. “It was sensitive.” Then he left."),
            [
                "“We declined,” she said.",
                "“It was sensitive.”",
                "Then he left."
            ]
        );
        assert_eq!(split("\"Why?\" he asked."), ["\"Why?\" he asked."]);
    }

    #[test]
    fn bullets_and_lines_split() {
        let text = "Summary\n  • First point, Bloomberg reported.\n  • Second point.\nA line\ncontinued here.";
        assert_eq!(
            split(text),
            [
                "Summary",
                "First point, Bloomberg reported.",
                "Second point.",
                "A line\ncontinued here."
            ]
        );
    }

    #[test]
    fn a_hard_wrapped_paragraph_reads_as_running_text() {
        let text = "The port authority confirmed on Tuesday that Deputy Mayor Elena\n\
                    Voss had signed the order, and that the Harbour Safety Board\n\
                    Would review it. The ferry operator said nothing. Its chief, Omar\n\
                    Lindqvist, declined to comment when reached by telephone.";
        assert_eq!(
            split(text),
            [
                "The port authority confirmed on Tuesday that Deputy Mayor Elena\nVoss had signed the order, and that the Harbour Safety Board\nWould review it.",
                "The ferry operator said nothing.",
                "Its chief, Omar\nLindqvist, declined to comment when reached by telephone."
            ]
        );
    }

    #[test]
    fn short_paragraphs_of_a_wrapped_text_read_as_running_text() {
        // Each paragraph two lines long; the text as a whole is cut at one width.
        let text = "The harbour master said on Tuesday that the ferry operator and James\n\
                    Clark, its owner, had been told of the closing order.\n\n\
                    Crossings to Eastmoor will resume once the Harbour Safety Board\n\
                    Reviews the order, a spokeswoman said.\n";
        let paragraphs = segment(text);
        let read: Vec<&str> = paragraphs
            .iter()
            .flat_map(|p| p.sentences.iter().map(|s| &text[s.range()]))
            .collect();
        assert_eq!(
            read,
            [
                "The harbour master said on Tuesday that the ferry operator and James\nClark, its owner, had been told of the closing order.",
                "Crossings to Eastmoor will resume once the Harbour Safety Board\nReviews the order, a spokeswoman said."
            ]
        );
    }

    #[test]
    fn short_lines_keep_their_breaks() {
        // A headline and a dateline above a body, and a list of short lines.
        let text = "Ferry Strike Ends After Talks\nCALDER HAVEN\nUnions and the operator agreed on Friday to end the strike that\nhad halted crossings.";
        assert_eq!(
            split(text),
            [
                "Ferry Strike Ends After Talks",
                "CALDER HAVEN",
                "Unions and the operator agreed on Friday to end the strike that\nhad halted crossings."
            ]
        );
        let list = "Lena Marsh\nOmar Lindqvist\nElena Voss";
        assert_eq!(split(list), ["Lena Marsh", "Omar Lindqvist", "Elena Voss"]);
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let text = "First para.\nStill first.\n\n\n  Second para.  \n";
        let spans: Vec<&str> = paragraphs(text).iter().map(|s| &text[s.range()]).collect();
        assert_eq!(spans, ["First para.\nStill first.", "Second para."]);
    }

    #[test]
    fn tokens_carry_offsets_and_kinds() {
        let text = "TikTok's 1,200 users—said";
        let toks = tokens(text, Span::new(0, text.len()));
        let words: Vec<&str> = toks.iter().map(|t| &text[t.span.range()]).collect();
        assert_eq!(words, ["TikTok's", "1,200", "users", "said"]);
        assert_eq!(toks[1].kind, TokenKind::Number);
    }

    #[test]
    fn folding_plain_quotes() {
        assert_eq!(fold("TikTok’s “Guidelines”"), "tiktok's \"guidelines\"");
    }
}
