//! Boilerplate rules as data: which lines and fragments of a page are not the report.
//!
//! The built-in list lives in `assets/cleaning-rules.txt`; a person can add
//! their own lines in the same syntax (kept in the project). One rule a line:
//!
//! ```text
//! line   Advertisement          # drop a line that says exactly this (any case)
//! block  Sponsored Content      # drop this line and the lines after it, up to a blank line
//! tail   Related Articles       # drop this line and the short rest of the page after it
//! drop   ^Photo: .*$            # drop a line that matches the regular expression
//! strip  \{\{[^{}]*\}\}         # cut what matches out of any line
//! ```

use crate::{Error, Result};
use regex::Regex;

const BUILT_IN: &str = include_str!("../../../../assets/cleaning-rules.txt");

#[derive(Debug, Clone)]
pub enum Rule {
    Line(String),
    Block(String),
    Tail(String),
    Drop(Regex),
    Strip(Regex),
}

/// A compiled list of rules, the built-in ones first.
#[derive(Debug, Clone)]
pub struct Rules {
    rules: Vec<Rule>,
}

impl Default for Rules {
    fn default() -> Self {
        // The built-in list is tested to parse; an empty list is the safe fallback.
        Self::parse(BUILT_IN).unwrap_or(Self { rules: Vec::new() })
    }
}

/// How a line is compared with `line`, `block` and `tail` rules: trimmed,
/// lowercased, with trailing punctuation and decoration ignored.
pub fn line_key(line: &str) -> String {
    line.trim()
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '{' && c != '}')
        .to_lowercase()
}

impl Rules {
    /// Parses rules in the syntax above; the error names the line.
    pub fn parse(text: &str) -> Result<Self> {
        let mut rules = Vec::new();
        for (n, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (kind, pattern) = line
                .split_once(char::is_whitespace)
                .map(|(k, p)| (k, p.trim()))
                .ok_or_else(|| Error::Rule {
                    line: n + 1,
                    detail: format!("\"{line}\" has a kind but no pattern"),
                })?;
            let regex = |p: &str| {
                Regex::new(p).map_err(|e| Error::Rule {
                    line: n + 1,
                    detail: e.to_string(),
                })
            };
            rules.push(match kind {
                "line" => Rule::Line(line_key(pattern)),
                "block" => Rule::Block(line_key(pattern)),
                "tail" => Rule::Tail(line_key(pattern)),
                "drop" => Rule::Drop(regex(pattern)?),
                "strip" => Rule::Strip(regex(pattern)?),
                other => {
                    return Err(Error::Rule {
                        line: n + 1,
                        detail: format!(
                            "unknown kind \"{other}\" (use line, block, tail, drop or strip)"
                        ),
                    });
                }
            });
        }
        Ok(Self { rules })
    }

    /// The built-in rules followed by a person's own.
    pub fn with_extra(extra: &str) -> Result<Self> {
        let mut rules = Self::parse(BUILT_IN)?;
        rules.rules.extend(Self::parse(extra)?.rules);
        Ok(rules)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_rules_parse() {
        let rules = Rules::parse(BUILT_IN).expect("built-in rules parse");
        assert!(rules.iter().count() > 10);
    }

    #[test]
    fn a_bad_rule_names_its_line() {
        let err = Rules::parse("line Advertisement\nfrobnicate x").unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
        let err = Rules::parse("# c\nstrip ([").unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
    }

    #[test]
    fn line_keys_ignore_case_and_decoration() {
        assert_eq!(line_key("  ADVERTISEMENT: "), "advertisement");
        assert_eq!(line_key("{{}}"), "{{}}");
    }
}
