//! Training the name tagger from CoNLL-2003 files: each article is written
//! out as plain text (as a person would paste it), read by the same
//! segmenter, tokenizer and rules the program uses, and its gold names are
//! laid onto those words, so that the tagger learns on exactly what it will
//! see.

use crate::nlp::mentions;
use crate::nlp::segment;
use crate::nlp::tagged;
use crate::nlp::tagger::{self, Counts, Example, Label, NameKind};
use std::path::Path;

/// One article: its text, and its names as byte ranges and kinds.
pub struct Article {
    pub text: String,
    pub names: Vec<(usize, usize, NameKind)>,
}

/// Tokens written with no space before them.
fn tight_before(tok: &str) -> bool {
    matches!(
        tok,
        "," | "." | ";" | ":" | "!" | "?" | ")" | "]" | "}" | "%" | "n't"
    ) || (tok.starts_with('\'') && tok.len() <= 3)
}

fn tight_after(tok: &str) -> bool {
    matches!(tok, "(" | "[" | "{" | "$")
}

/// Articles of a CoNLL-2003 file (word … tag per line, IOB1 or IOB2 tags,
/// `-DOCSTART-` between articles), each sentence on a line of its own.
pub fn parse(conll: &str) -> Vec<Article> {
    let mut docs: Vec<Vec<Vec<(&str, &str)>>> = Vec::new();
    let mut sentence: Vec<(&str, &str)> = Vec::new();
    let mut doc: Vec<Vec<(&str, &str)>> = Vec::new();
    for line in conll.lines() {
        let line = line.trim_end();
        if line.starts_with("-DOCSTART-") || line.is_empty() {
            if !sentence.is_empty() {
                doc.push(std::mem::take(&mut sentence));
            }
            if line.starts_with("-DOCSTART-") && !doc.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        let mut parts = line.split_whitespace();
        let (Some(word), Some(tag)) = (parts.next(), parts.next_back()) else {
            continue;
        };
        sentence.push((word, tag));
    }
    if !sentence.is_empty() {
        doc.push(sentence);
    }
    if !doc.is_empty() {
        docs.push(doc);
    }
    docs.into_iter().map(render).collect()
}

fn render(doc: Vec<Vec<(&str, &str)>>) -> Article {
    let mut text = String::new();
    let mut names = Vec::new();
    for sentence in doc {
        let mut prev: Option<&str> = None;
        let mut open: Option<(usize, usize, NameKind)> = None;
        for (word, tag) in sentence {
            if let Some(p) = prev
                && !tight_before(word)
                && !tight_after(p)
            {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(word);
            let (bio, kind) = match tag.split_once('-') {
                Some((b, k)) => (b, NameKind::parse_conll(k)),
                None => ("O", None),
            };
            let continues = matches!(open, Some((_, _, k)) if Some(k) == kind) && bio == "I";
            if continues {
                if let Some(o) = &mut open {
                    o.1 = text.len();
                }
            } else {
                names.extend(open.take());
                open = kind.map(|k| (start, text.len(), k));
            }
            prev = Some(word);
        }
        names.extend(open.take());
        text.push('\n');
    }
    Article { text, names }
}

/// An article as the tagger will read it, with the gold labels laid onto
/// its words.
pub fn example(article: &Article) -> Example<'_> {
    let text = article.text.as_str();
    let paragraphs = segment::segment(text);
    let rules = mentions::find_by_rules(text, &paragraphs, None);
    let input = tagged::input(text, &paragraphs, &rules);
    let gold = input
        .spans
        .iter()
        .map(|spans| {
            let mut names = Vec::new();
            let mut i = 0;
            while i < spans.len() {
                let inside = article
                    .names
                    .iter()
                    .find(|(a, b, _)| spans[i].start >= *a && spans[i].end <= *b);
                match inside {
                    Some(&(a, b, k)) => {
                        let mut j = i + 1;
                        while j < spans.len() && spans[j].start >= a && spans[j].end <= b {
                            j += 1;
                        }
                        names.push((i, j, k));
                        i = j;
                    }
                    None => i += 1,
                }
            }
            tagger::encode(spans.len(), &names)
        })
        .collect::<Vec<Vec<Label>>>();
    Example {
        doc: input.doc,
        gold,
    }
}

/// What a training run reports after each pass.
pub struct Pass {
    pub epoch: usize,
    pub counts: Counts,
    pub features: usize,
}

/// Trains the tagger on `train`, picks the pass by `dev`, and writes the
/// model to `out`. Returns the bytes written.
pub fn train_files(
    train: &Path,
    dev: &Path,
    out: &Path,
    epochs: usize,
    errors: Option<&Path>,
    log: &mut dyn FnMut(&Pass),
) -> crate::Result<usize> {
    let read = crate::error::read_text;
    let (train_text, dev_text) = (read(train)?, read(dev)?);
    let (train_docs, dev_docs) = (parse(&train_text), parse(&dev_text));
    let train_ex: Vec<Example> = train_docs.iter().map(example).collect();
    let dev_ex: Vec<Example> = dev_docs.iter().map(example).collect();
    let (model, bytes) = tagger::train(
        &train_ex,
        &dev_ex,
        epochs,
        &mut |epoch, counts, features| {
            log(&Pass {
                epoch,
                counts: *counts,
                features,
            })
        },
    );
    if let Some(path) = errors {
        let report = mistakes(&tagger::Tagger::new(model), &dev_ex);
        std::fs::write(path, report).map_err(|source| crate::Error::Write {
            path: path.to_path_buf(),
            source,
        })?;
    }
    let write_err = |source| crate::Error::Write {
        path: out.to_path_buf(),
        source,
    };
    let dir = out.parent().filter(|d| !d.as_os_str().is_empty());
    let mut tmp =
        tempfile::NamedTempFile::new_in(dir.unwrap_or(Path::new("."))).map_err(write_err)?;
    std::io::Write::write_all(&mut tmp, &bytes).map_err(write_err)?;
    tmp.persist(out).map_err(|e| write_err(e.error))?;
    Ok(bytes.len())
}

/// Every sentence of `examples` the tagger gets wrong, with the names it
/// missed (-) and the names it found that are not so (+), for a person
/// looking for what to improve.
pub fn mistakes(tagger: &tagger::Tagger, examples: &[Example]) -> String {
    let mut out = String::new();
    for e in examples {
        for (s, guess) in tagger.tag(&e.doc).iter().enumerate() {
            let (g, t) = (tagger::spans(guess), tagger::spans(&e.gold[s]));
            if g == t {
                continue;
            }
            let words: Vec<&str> = e.doc.sentences[s].words.iter().map(|w| w.text).collect();
            out.push_str(&words.join(" "));
            out.push('\n');
            let show = |(a, b, k): &(usize, usize, NameKind)| {
                format!("{} {}", k.code(), words[*a..*b].join(" "))
            };
            for x in t.iter().filter(|x| !g.contains(x)) {
                out.push_str(&format!("  - {}\n", show(x)));
            }
            for x in g.iter().filter(|x| !t.contains(x)) {
                out.push_str(&format!("  + {}\n", show(x)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_render_with_their_names_on_the_right_words() {
        let conll = "-DOCSTART- -X- O O\n\nThe DT O O\nRiver NNP I-NP I-ORG\nTrust NNP I-NP I-ORG\nhired VBD O O\nAnna NNP I-NP I-PER\nLind NNP I-NP I-PER\n's POS O O\n. . O O\n\n-DOCSTART- -X- O O\n\nIn IN O O\nOslo NNP I-NP I-LOC\n, , O O\nnothing NN O O\n. . O O\n";
        let docs = parse(conll);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text, "The River Trust hired Anna Lind's.\n");
        let names: Vec<(&str, NameKind)> = docs[0]
            .names
            .iter()
            .map(|(a, b, k)| (&docs[0].text[*a..*b], *k))
            .collect();
        assert_eq!(
            names,
            [
                ("River Trust", NameKind::Organization),
                ("Anna Lind", NameKind::Person)
            ]
        );
        let ex = example(&docs[1]);
        let words: Vec<&str> = ex.doc.sentences[0].words.iter().map(|w| w.text).collect();
        assert_eq!(words, ["In", "Oslo", "nothing"]);
        assert_eq!(tagger::spans(&ex.gold[0]), [(1, 2, NameKind::Place)]);
    }
}
