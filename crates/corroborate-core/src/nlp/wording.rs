//! Two wordings of one claim compared word by word: which words of one the
//! other shares (in the same order) and which differ, so that a reader's eye
//! goes to what an outlet changed ("14" for "12", "denied" for "confirmed").

use crate::corpus::Span;
use crate::nlp::segment::fold;

/// Sentences longer than this are not compared (the table is quadratic).
const MAX_WORDS: usize = 400;

/// One word of a wording: where it is, and whether the other wording has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub span: Span,
    pub shared: bool,
}

/// Words of `text` as byte spans: runs of letters and digits, with the
/// marks inside a number or a name ("1,200", "U.S.", "O'Neill") kept.
fn words(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let inner = matches!(c, '.' | ',' | '\'' | '’' | '-')
            && start.is_some()
            && chars.get(k + 1).is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(Span::new(s, i));
        }
    }
    if let Some(s) = start {
        out.push(Span::new(s, text.len()));
    }
    out
}

/// The words of `text`, each marked shared when it lines up with a word of
/// `other` in a longest common subsequence of their folded words.
pub fn compare(text: &str, other: &str) -> Vec<Word> {
    let mine = words(text);
    let theirs = words(other);
    let key = |t: &str, s: &Span| fold(&t[s.range()]).to_lowercase();
    let a: Vec<String> = mine.iter().map(|s| key(text, s)).collect();
    let b: Vec<String> = theirs.iter().map(|s| key(other, s)).collect();
    if a.len() > MAX_WORDS || b.len() > MAX_WORDS {
        return mine
            .into_iter()
            .map(|span| Word {
                span,
                shared: false,
            })
            .collect();
    }
    // lengths[i][j]: the longest common subsequence of a[i..] and b[j..].
    let (n, m) = (a.len(), b.len());
    let mut lengths = vec![vec![0u16; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lengths[i][j] = if a[i] == b[j] {
                lengths[i + 1][j + 1] + 1
            } else {
                lengths[i + 1][j].max(lengths[i][j + 1])
            };
        }
    }
    let mut shared = vec![false; n];
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i] == b[j] {
            shared[i] = true;
            i += 1;
            j += 1;
        } else if lengths[i + 1][j] >= lengths[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    mine.into_iter()
        .zip(shared)
        .map(|(span, shared)| Word { span, shared })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn differing<'a>(text: &'a str, other: &str) -> Vec<&'a str> {
        compare(text, other)
            .into_iter()
            .filter(|w| !w.shared)
            .map(|w| &text[w.span.range()])
            .collect()
    }

    #[test]
    fn the_words_an_outlet_changed_stand_out() {
        assert_eq!(
            differing(
                "The fire killed 14 people on Tuesday, officials said.",
                "The fire killed 12 people on Tuesday, police said."
            ),
            ["14", "officials"]
        );
        assert_eq!(
            differing(
                "Mayor Lena Marsh denied the report.",
                "Mayor Lena Marsh confirmed the report."
            ),
            ["denied"]
        );
    }

    #[test]
    fn numbers_and_abbreviations_stay_whole_and_case_does_not_count() {
        let w = compare(
            "About 1,200 U.S. troops LEFT.",
            "about 1,200 U.S. troops left",
        );
        let texts: Vec<&str> = w
            .iter()
            .map(|x| &"About 1,200 U.S. troops LEFT."[x.span.range()])
            .collect();
        assert_eq!(texts, ["About", "1,200", "U.S", "troops", "LEFT"]);
        assert!(w.iter().all(|x| x.shared));
    }

    #[test]
    fn the_same_words_in_another_order_are_not_all_shared() {
        let w = differing("Strzok fired the FBI agent", "the FBI agent fired Strzok");
        assert!(!w.is_empty() && w.len() < 5, "{w:?}");
    }
}
