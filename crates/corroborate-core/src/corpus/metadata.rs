//! What a report says about itself: title, outlet, publication date, language.
//!
//! Each reader is a pure function over text, so the same rules serve plain
//! text pasted from a browser and the metadata an HTML page carries.

use regex::Regex;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::OnceLock;

/// Metadata as detected at import, or as the person corrected it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    pub title: String,
    pub outlet: Option<String>,
    /// ISO date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// ISO 639-1 where one exists, else ISO 639-3.
    pub language: Option<String>,
}

/// The person's corrections; `Some("")` clears a detected value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MetaOverrides {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
}

impl Metadata {
    pub fn with_overrides(&self, o: &MetaOverrides) -> Metadata {
        let pick = |over: &Option<String>, detected: &Option<String>| match over {
            Some(v) if v.trim().is_empty() => None,
            Some(v) => Some(v.trim().to_string()),
            None => detected.clone(),
        };
        Metadata {
            title: o
                .title
                .as_ref()
                .filter(|t| !t.trim().is_empty())
                .map_or_else(|| self.title.clone(), |t| t.trim().to_string()),
            outlet: pick(&o.outlet, &self.outlet),
            published: pick(&o.published, &self.published),
            language: pick(&o.language, &self.language),
        }
    }
}

fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    // Patterns are literals in this file and covered by its tests.
    cell.get_or_init(|| Regex::new(pattern).unwrap_or_else(|_| unreachable!("bad pattern")))
}

/// `YYYY-MM-DD` from the start of a date-time string, if it is a real date.
pub fn iso_date_prefix(s: &str) -> Option<String> {
    let s = s.trim();
    let date = s.get(..10)?;
    let b = date.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year: u32 = date[..4].parse().ok()?;
    let month: u32 = date[5..7].parse().ok()?;
    let day: u32 = date[8..10].parse().ok()?;
    valid_date(year, month, day).then(|| date.to_string())
}

/// True for a calendar date that exists.
pub fn valid_date(year: u32, month: u32, day: u32) -> bool {
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => return false,
    };
    (1000..=9999).contains(&year) && (1..=days).contains(&day)
}

/// An explicit `date 2022-07-29` marker at the top of a pasted report: the
/// date, and the range to cut from the text.
pub fn date_line(original: &str) -> Option<(Range<usize>, String)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &RE,
        r"(?im)^[\s\u{FEFF}]*(?:date|published|pubdate)\s*[:=]?\s*(\d{4}-\d{2}-\d{2})\b[ \t]*",
    );
    let head_end = original
        .char_indices()
        .nth(400)
        .map_or(original.len(), |(i, _)| i);
    let caps = re.captures(&original[..head_end])?;
    let whole = caps.get(0)?;
    let date = iso_date_prefix(caps.get(1)?.as_str())?;
    Some((whole.range(), date))
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_number(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.').to_lowercase();
    if name.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&name) && (name.len() >= 3))
        .map(|i| i as u32 + 1)
}

/// A full date (with a year) in the first lines of a report: a dateline.
pub fn dateline(cleaned: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &RE,
        r"\b(?:(?P<m1>[A-Z][a-z]{2,8}\.?)\s+(?P<d1>\d{1,2}),?\s+(?P<y1>\d{4})|(?P<d2>\d{1,2})\s+(?P<m2>[A-Z][a-z]{2,8})\.?,?\s+(?P<y2>\d{4})|(?P<iso>\d{4}-\d{2}-\d{2}))\b",
    );
    let head_end = cleaned
        .char_indices()
        .nth(300)
        .map_or(cleaned.len(), |(i, _)| i);
    for caps in re.captures_iter(&cleaned[..head_end]) {
        if let Some(iso) = caps.name("iso") {
            if let Some(d) = iso_date_prefix(iso.as_str()) {
                return Some(d);
            }
            continue;
        }
        let (m, d, y) = match (caps.name("m1"), caps.name("m2")) {
            (Some(m), _) => (m, caps.name("d1"), caps.name("y1")),
            (None, Some(m)) => (m, caps.name("d2"), caps.name("y2")),
            _ => continue,
        };
        let (Some(month), Some(day), Some(year)) = (
            month_number(m.as_str()),
            d.and_then(|d| d.as_str().parse::<u32>().ok()),
            y.and_then(|y| y.as_str().parse::<u32>().ok()),
        ) else {
            continue;
        };
        if valid_date(year, month, day) {
            return Some(format!("{year:04}-{month:02}-{day:02}"));
        }
    }
    None
}

/// Splits "Headline – Outlet" into the headline and the outlet.
pub fn split_title_suffix(title: &str) -> (String, Option<String>) {
    let title = title.trim();
    for sep in [" | ", " – ", " — ", " :: ", " - "] {
        let Some(at) = title.rfind(sep) else { continue };
        let (head, tail) = (title[..at].trim(), title[at + sep.len()..].trim());
        let words: Vec<&str> = tail.split_whitespace().collect();
        let capitalized = |w: &&str| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        };
        let looks_like_name = (1..=5).contains(&words.len())
            && tail.chars().count() <= 40
            && words.first().is_some_and(capitalized)
            && !tail.ends_with(['.', '?', '!'])
            && (sep != " - " || words.iter().all(capitalized));
        if looks_like_name && head.split_whitespace().count() >= 2 {
            return (head.to_string(), Some(tail.to_string()));
        }
    }
    (title.to_string(), None)
}

/// The headline of a plain-text report: its first line of three or more
/// words (skipping section labels such as "Business"), cut to its first
/// sentence when the report has no separate headline line.
pub fn title_line(cleaned: &str) -> String {
    let mut lines = cleaned.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.clone().next().unwrap_or_default();
    let line = lines
        .find(|l| l.split_whitespace().count() >= 3)
        .unwrap_or(first);
    let sentences = crate::nlp::segment::sentences(line, 0);
    if line.split_whitespace().count() > 25
        && sentences.len() > 1
        && let Some(s) = sentences.first()
    {
        return line[s.range()].to_string();
    }
    line.chars().take(300).collect()
}

/// The outlet in a byline near the top: "By Sofia Lindqvist, Tidewater Ledger",
/// "By Ann Lee for The Post".
pub fn byline_outlet(cleaned: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &RE,
        r"^(?i:by)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*(?:,|\||–|—|\s-|\s(?i:for))\s*(?P<outlet>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4})\s*$",
    );
    cleaned.lines().take(6).find_map(|line| {
        re.captures(line.trim())?
            .name("outlet")
            .map(|m| m.as_str().to_string())
    })
}

/// An outlet that names itself in its own text: "a request for comment from
/// DailyMail.com", "did not return Insider's request for comment",
/// "Insider previously reported".
pub fn outlet_in_text(cleaned: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    const NAME: &str = r"[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*){0,3}";
    let re = RE.get_or_init(|| {
        let pattern = format!(
            r"request for comment from (?P<a>{NAME})|(?:respond to|return|returned) (?P<b>{NAME})['’]s request for comment|(?P<c>{NAME}) (?:previously|first) reported|(?P<d>{NAME}) has reached out|(?P<e>{NAME}) has contacted"
        );
        Regex::new(&pattern).unwrap_or_else(|_| unreachable!("bad pattern"))
    });
    let caps = re.captures(cleaned)?;
    let name = ["a", "b", "c", "d", "e"]
        .iter()
        .find_map(|n| caps.name(n))?
        .as_str()
        .trim_end_matches(['.', ',']);
    // "The company previously reported" is not an outlet.
    const NOT_NAMES: [&str; 8] = ["The", "It", "He", "She", "They", "We", "This", "A"];
    let first = name.split_whitespace().next().unwrap_or_default();
    (!NOT_NAMES.contains(&first)).then(|| name.to_string())
}

/// The language of a text as an ISO code, when the text is long enough to tell.
pub fn language(text: &str) -> Option<String> {
    use whatlang::Lang::*;
    let sample: String = text.chars().take(2000).collect();
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() && sample.split_whitespace().count() < 20 {
        return None;
    }
    let code = match info.lang() {
        Eng => "en",
        Spa => "es",
        Fra => "fr",
        Deu => "de",
        Ita => "it",
        Por => "pt",
        Rus => "ru",
        Ukr => "uk",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Ara => "ar",
        Hin => "hi",
        Tur => "tr",
        Nld => "nl",
        Pol => "pl",
        Swe => "sv",
        Dan => "da",
        Nob => "nb",
        Fin => "fi",
        Ces => "cs",
        Ell => "el",
        Heb => "he",
        Vie => "vi",
        Ind => "id",
        Pes => "fa",
        Ron => "ro",
        Hun => "hu",
        Tha => "th",
        other => other.code(),
    };
    Some(code.to_string())
}

/// Words as a reader counts them.
pub fn word_count(text: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    text.unicode_words().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_suffixes_name_the_outlet() {
        assert_eq!(
            split_title_suffix("China asked TikTok for an account – El Financiero"),
            (
                "China asked TikTok for an account".into(),
                Some("El Financiero".into())
            )
        );
        assert_eq!(
            split_title_suffix("TikTok refused to host a disguised account | ICT Tac"),
            (
                "TikTok refused to host a disguised account".into(),
                Some("ICT Tac".into())
            )
        );
        assert_eq!(
            split_title_suffix("Day three - the talks go on and on"),
            ("Day three - the talks go on and on".into(), None)
        );
        assert_eq!(
            split_title_suffix("Bloomberg: Chinese Agencies Request").1,
            None
        );
    }

    #[test]
    fn date_lines_and_datelines() {
        let text = " date 2022-07-29 The Chinese government tried.";
        assert_eq!(date_line(text), Some((0..17, "2022-07-29".into())));
        assert_eq!(date_line("date 2022-02-30 Bad date"), None);
        assert_eq!(
            dateline("WASHINGTON, March 3, 2024 (Wire) - Talks"),
            Some("2024-03-03".into())
        );
        assert_eq!(
            dateline("Published 3 Sept. 2021 by staff"),
            Some("2021-09-03".into())
        );
        assert_eq!(dateline("In April 2020 a request came"), None);
        assert_eq!(dateline("on Friday (July 29) Bloomberg said"), None);
    }

    #[test]
    fn bylines_name_the_outlet() {
        let text = "A headline\nBy Sofia Lindqvist, Tidewater Ledger\nBody.";
        assert_eq!(byline_outlet(text).as_deref(), Some("Tidewater Ledger"));
        assert_eq!(
            byline_outlet("By Ann Lee for The Post").as_deref(),
            Some("The Post")
        );
        assert_eq!(byline_outlet("By the way, this is prose."), None);
    }

    #[test]
    fn outlets_naming_themselves() {
        assert_eq!(
            outlet_in_text("did not respond to a request for comment from DailyMail.com on Friday")
                .as_deref(),
            Some("DailyMail.com")
        );
        assert_eq!(
            outlet_in_text("A spokesperson did not return Insider's request for comment")
                .as_deref(),
            Some("Insider")
        );
        assert_eq!(
            outlet_in_text("The company previously reported losses"),
            None
        );
    }

    #[test]
    fn titles_skip_section_labels_and_cut_long_first_lines() {
        assert_eq!(
            title_line("Business\n\nChina asked TikTok for help\n\nBody."),
            "China asked TikTok for help"
        );
        let long = "The government tried to create a stealth account on the platform targeting the Western public with propaganda, but the company leaders withdrew, according to a new report. The request came in April.";
        assert_eq!(
            title_line(long),
            "The government tried to create a stealth account on the platform targeting the Western public with propaganda, but the company leaders withdrew, according to a new report."
        );
    }

    #[test]
    fn overrides_win_and_empty_clears() {
        let detected = Metadata {
            title: "T".into(),
            outlet: Some("Wrong".into()),
            published: Some("2020-01-01".into()),
            language: Some("en".into()),
        };
        let o = MetaOverrides {
            outlet: Some("Right".into()),
            published: Some(String::new()),
            ..Default::default()
        };
        let m = detected.with_overrides(&o);
        assert_eq!(m.outlet.as_deref(), Some("Right"));
        assert_eq!(m.published, None);
        assert_eq!(m.title, "T");
    }

    #[test]
    fn language_of_english_text() {
        assert_eq!(
            language(
                "The council approved the plan on Tuesday after a long debate about the harbour."
            )
            .as_deref(),
            Some("en")
        );
    }
}
