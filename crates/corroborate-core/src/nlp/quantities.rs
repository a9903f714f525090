//! Dates and numbers in running text, with a normalized value: dates as ISO
//! (relative ones such as "Thursday" or "last month" resolved against the
//! report's publication date), numbers with their unit or counted noun
//! ("1,200 tonnes" is 1200 tonne).

use crate::corpus::Span;
use regex::Regex;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuantityKind {
    Date,
    Number,
}

/// A date or a number found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quantity {
    pub span: Span,
    pub kind: QuantityKind,
    /// ISO date (`2025-03-12`, `--03-12` without a year, `2020-04`, `2019`)
    /// or `NUMBER UNIT` (`1200 tonne`, `40 percent`).
    pub value: String,
    /// How the value was reached, for the person: "Thursday before 2025-03-14".
    pub note: Option<String>,
}

pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// True for a month or weekday name, full or abbreviated.
pub fn is_calendar_word(word: &str) -> bool {
    month_number(word).is_some() || WEEKDAYS.iter().any(|d| d.eq_ignore_ascii_case(word))
}

/// 1–12 for a month name or its usual abbreviation ("Jan.", "Sept").
fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    let w = if w.eq_ignore_ascii_case("sept") {
        "sep"
    } else {
        w
    };
    MONTHS
        .iter()
        .position(|m| {
            m.eq_ignore_ascii_case(w)
                || (w.len() == 3 && m.get(..3).is_some_and(|p| p.eq_ignore_ascii_case(w)))
        })
        .map(|i| i as u32 + 1)
}

const MONTH_RE: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.|Apr\.|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)";

fn date_re() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        let pattern = format!(
            r"(?x)
            (?-u:\b)(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)(?-u:\b)
          | (?-u:\b)(?P<m1>{MONTH_RE})\s(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?-u:\b)(?:,?\s(?P<y1>(?:19|20)\d\d)(?-u:\b))?
          | (?-u:\b)(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s(?:of\s)?(?P<m2>{MONTH_RE})(?:,?\s(?P<y2>(?:19|20)\d\d)(?-u:\b))?
          | (?-u:\b)(?P<m3>{MONTH_RE})\s(?:of\s)?(?P<y3>(?:19|20)\d\d)(?-u:\b)
          | (?-u:\b)(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?-u:\b)
          | (?-u:\b)(?P<rel>(?:last|next|this)\s(?:week|month|year)|yesterday|today)(?-u:\b)
          | (?-u:\b)(?P<yp>(?i:in|since|from|until|by|before|after|of|year))\s(?P<y4>(?:19|20)\d\d)(?-u:\b)"
        );
        Regex::new(&pattern).ok()
    })
    .as_ref()
}

fn number_re() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?x)
            (?P<cur>[$£€])?\s?
            (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)
            (?P<score>-\d+)?
            (?:\s?(?P<mult>million|billion|trillion|thousand|bn)(?-u:\b))?
            (?:\s?(?P<pct>%|percent(?-u:\b)|per\scent(?-u:\b)))?
            (?:\s(?P<unit>(?:[a-z][a-z-]{2,}(?:al|ive|ous|ic|ful|ent|ant|ary|new|old)\s)?[a-z][a-z-]{2,}))?",
        )
        .ok()
    })
    .as_ref()
}

fn spelled_re() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?x)(?-u:\b)(?P<num>(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|a\shundred|a\sthousand|a\sdozen))
            \s(?P<unit>seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|metres?|meters?|kilomet(?:re|er)s?|miles?|kilos?|kilograms?|tonnes?|tons?|litres?|liters?|percent|dollars?|euros?|pounds?|[a-z]{3,}s|people|crew|staff|aircraft|police|children|men|women)(?-u:\b)",
        )
        .ok()
    })
    .as_ref()
}

/// Words after a number that are not what it counts.
const NOT_UNITS: &[&str] = &[
    "and", "are", "but", "for", "from", "had", "has", "have", "into", "its", "not", "of", "off",
    "per", "than", "that", "the", "their", "then", "this", "was", "were", "which", "who", "will",
    "with", "would", "after", "before", "over", "under", "out", "our", "all", "also", "more",
    "less", "about", "since", "until", "when", "where", "while", "said", "says", "last", "next",
    "other", "new", "being", "been", "can", "could", "should", "may", "might", "must", "did",
    "does", "each", "every", "such", "some", "any", "those", "these", "there", "here", "his",
    "her", "they", "she", "him", "you", "during", "across", "between", "against", "despite",
    "within", "without", "among", "because", "through", "toward", "towards", "per", "lies", "sits",
    "stands", "remains", "became", "were", "are", "again", "already", "still",
];

/// Capitalized words that may stand before a quantity ("By 2030", "About 40%");
/// any other capitalized word makes the number part of a name ("Berth 14").
const BEFORE_NUMBERS: &[&str] = &[
    "by",
    "in",
    "of",
    "about",
    "some",
    "up",
    "to",
    "the",
    "at",
    "on",
    "for",
    "with",
    "from",
    "over",
    "under",
    "nearly",
    "almost",
    "around",
    "more",
    "than",
    "only",
    "just",
    "all",
    "and",
    "but",
    "roughly",
    "approximately",
    "since",
    "after",
    "before",
    "until",
    "another",
];

/// A date: year, month, day where known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ymd {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Ymd {
    /// Parses the `YYYY-MM-DD` prefix of a publication date.
    pub fn parse(iso: &str) -> Option<Ymd> {
        let year = iso.get(0..4)?.parse().ok()?;
        let month = iso.get(5..7)?.parse().ok()?;
        let day = iso.get(8..10)?.parse().ok()?;
        crate::corpus::metadata::valid_date(year as u32, month, day).then_some(Ymd {
            year,
            month,
            day,
        })
    }

    fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    fn days(self) -> i64 {
        let (y, m) = if self.month <= 2 {
            (self.year as i64 - 1, self.month as i64 + 9)
        } else {
            (self.year as i64, self.month as i64 - 3)
        };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * m + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    fn from_days(z: i64) -> Ymd {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Ymd { year, month, day }
    }

    /// 0 = Monday.
    fn weekday(self) -> i64 {
        (self.days() + 3).rem_euclid(7)
    }
}

/// Every date and number in `text`, in order, none overlapping.
/// `published` is the report's publication date, if known.
pub fn find(text: &str, published: Option<Ymd>) -> Vec<Quantity> {
    let mut found = dates(text, published);
    let taken: Vec<Span> = found.iter().map(|q| q.span).collect();
    let overlaps = |s: Span| taken.iter().any(|t| t.start < s.end && s.start < t.end);
    found.extend(numbers(text).into_iter().filter(|q| !overlaps(q.span)));
    found.sort_by_key(|q| q.span.start);
    found
}

fn dates(text: &str, published: Option<Ymd>) -> Vec<Quantity> {
    let mut out = Vec::new();
    let Some(re) = date_re() else { return out };
    for c in re.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let mut span = Span::new(whole.start(), whole.end());
        let mut note = None;
        let value = if let Some(iso) = c.name("iso") {
            match Ymd::parse(iso.as_str()) {
                Some(d) => d.iso(),
                None => continue,
            }
        } else if let (Some(m), Some(d)) =
            (c.name("m1").or(c.name("m2")), c.name("d1").or(c.name("d2")))
        {
            let (Some(month), Ok(day)) = (month_number(m.as_str()), d.as_str().parse::<u32>())
            else {
                continue;
            };
            if !(1..=31).contains(&day) {
                continue;
            }
            let year = c
                .name("y1")
                .or(c.name("y2"))
                .and_then(|y| y.as_str().parse().ok());
            match (year, published) {
                (Some(year), _) => Ymd { year, month, day }.iso(),
                (None, Some(p)) => {
                    // A date without a year is near the report: the same year,
                    // unless that puts it more than half a year after it.
                    let mut d = Ymd {
                        year: p.year,
                        month,
                        day,
                    };
                    if d.days() - p.days() > 183 {
                        d.year -= 1;
                    }
                    note = Some(format!("year taken from the report's date, {}", p.iso()));
                    d.iso()
                }
                (None, None) => format!("--{month:02}-{day:02}"),
            }
        } else if let (Some(m), Some(y)) = (c.name("m3"), c.name("y3")) {
            let Some(month) = month_number(m.as_str()) else {
                continue;
            };
            format!("{}-{month:02}", y.as_str())
        } else if let Some(wd) = c.name("wd") {
            let Some(p) = published else { continue };
            let Some(target) = WEEKDAYS.iter().position(|d| *d == wd.as_str()) else {
                continue;
            };
            let before =
                &text[text[..wd.start()].rfind(['.', '\n']).map_or(0, |i| i + 1)..wd.start()];
            let ahead = [" will ", " would ", "next ", " plans ", " due "]
                .iter()
                .any(|w| before.contains(w));
            let diff = target as i64 - p.weekday();
            let shift = if ahead {
                (diff + 6).rem_euclid(7) + 1
            } else {
                -((-diff).rem_euclid(7))
            };
            let d = Ymd::from_days(p.days() + shift);
            note = Some(format!(
                "{} {} {}",
                wd.as_str(),
                if ahead { "after" } else { "on or before" },
                p.iso()
            ));
            d.iso()
        } else if let Some(rel) = c.name("rel") {
            let Some(p) = published else { continue };
            let rel = rel.as_str();
            let v = match rel {
                "yesterday" => Ymd::from_days(p.days() - 1).iso(),
                "today" => p.iso(),
                _ => {
                    let step: i32 = if rel.starts_with("last") {
                        -1
                    } else if rel.starts_with("next") {
                        1
                    } else {
                        0
                    };
                    if rel.ends_with("year") {
                        format!("{}", p.year + step)
                    } else if rel.ends_with("month") {
                        let m0 = p.year * 12 + p.month as i32 - 1 + step;
                        format!("{:04}-{:02}", m0.div_euclid(12), m0.rem_euclid(12) + 1)
                    } else {
                        Ymd::from_days(p.days() + 7 * step as i64).iso()
                    }
                }
            };
            note = Some(format!("\"{rel}\" from the report's date, {}", p.iso()));
            v
        } else if let (Some(prefix), Some(y)) = (c.name("yp"), c.name("y4")) {
            let _ = prefix;
            span = Span::new(y.start(), y.end());
            y.as_str().to_string()
        } else {
            continue;
        };
        out.push(Quantity {
            span,
            kind: QuantityKind::Date,
            value,
            note,
        });
    }
    out
}

fn numbers(text: &str) -> Vec<Quantity> {
    let mut out = Vec::new();
    let Some(re) = number_re() else { return out };
    for c in re.captures_iter(text) {
        let (Some(whole), Some(num)) = (c.get(0), c.name("num")) else {
            continue;
        };
        let start = c.name("cur").map_or(num.start(), |m| m.start());
        // Part of a word or a code ("G7", "COVID-19", "A-12"), or a decimal tail.
        let prev = text[..start].chars().next_back();
        if prev.is_some_and(|p| p.is_alphanumeric() || p == '-' || p == '.' || p == ',') {
            continue;
        }
        let word_before = text[..start]
            .trim_end()
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if word_before.chars().next().is_some_and(char::is_uppercase)
            && text[..start].ends_with(' ')
            && !BEFORE_NUMBERS.contains(&word_before.to_lowercase().as_str())
        {
            continue;
        }
        let mut end = whole.end();
        let unit = c.name("unit").map(|u| u.as_str());
        // A lone adjective ("80 internal") is not what the number counts.
        let adjective = |u: &str| {
            ["al", "ive", "ous", "ic", "ful"]
                .iter()
                .any(|s| u.ends_with(s))
        };
        let unit_ok = unit.is_some_and(|u| {
            !NOT_UNITS.contains(&u) && !u.ends_with("ly") && (u.contains(' ') || !adjective(u))
        });
        if let (Some(u), false) = (c.name("unit"), unit_ok) {
            end = text[..u.start()].trim_end().len();
        }
        let Ok(mut value) = num.as_str().replace(',', "").parse::<f64>() else {
            continue;
        };
        let mult = c.name("mult").map(|m| m.as_str());
        value *= match mult {
            Some("thousand") => 1e3,
            Some("million") => 1e6,
            Some("billion" | "bn") => 1e9,
            Some("trillion") => 1e12,
            _ => 1.0,
        };
        let unit_word = if c.name("pct").is_some() {
            Some("percent".to_string())
        } else if let Some(cur) = c.name("cur") {
            Some(currency(cur.as_str()).to_string())
        } else if unit_ok {
            unit.map(singular)
        } else {
            None
        };
        let value = if let Some(score) = c.name("score") {
            // "5-2": a vote or a score, kept as written.
            if c.name("mult").is_some() || c.name("pct").is_some() {
                continue;
            }
            end = score.end();
            format!("{}{}", num.as_str(), score.as_str())
        } else {
            // A bare number says too little to be worth listing.
            let Some(unit) = unit_word else { continue };
            format!("{} {unit}", plain_number(value))
        };
        out.push(Quantity {
            span: Span::new(start, end),
            kind: QuantityKind::Number,
            value,
            note: None,
        });
    }
    let Some(re) = spelled_re() else { return out };
    for c in re.captures_iter(text) {
        let (Some(whole), Some(num), Some(unit)) = (c.get(0), c.name("num"), c.name("unit")) else {
            continue;
        };
        let counted = unit.as_str();
        if NOT_UNITS.contains(&counted) || counted.ends_with("ly") || counted.ends_with("ss") {
            continue;
        }
        let n = match num.as_str().to_lowercase().as_str() {
            "one" => 1,
            "two" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "seven" => 7,
            "eight" => 8,
            "nine" => 9,
            "ten" => 10,
            "eleven" => 11,
            "twelve" => 12,
            "a dozen" => 12,
            "twenty" => 20,
            "thirty" => 30,
            "forty" => 40,
            "fifty" => 50,
            "a hundred" => 100,
            _ => 1000,
        };
        out.push(Quantity {
            span: Span::new(whole.start(), whole.end()),
            kind: QuantityKind::Number,
            value: format!("{n} {}", singular(unit.as_str())),
            note: None,
        });
    }
    out
}

fn currency(symbol: &str) -> &'static str {
    match symbol {
        "$" => "dollar",
        "£" => "pound",
        _ => "euro",
    }
}

/// A number without a trailing ".0".
fn plain_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// A unit word in the singular, so "tonnes" and "tonne" compare equal.
fn singular(word: &str) -> String {
    let w = word.to_lowercase();
    if w == "people" || w == "percent" || w.ends_with("ss") || w.len() <= 3 {
        return w;
    }
    if let Some(stem) = w.strip_suffix("ies") {
        return format!("{stem}y");
    }
    w.strip_suffix('s').map_or(w.clone(), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str, published: Option<&str>) -> Vec<(String, String)> {
        find(text, published.and_then(Ymd::parse))
            .into_iter()
            .map(|q| (text[q.span.range()].to_string(), q.value))
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn dates_with_and_without_years() {
        assert_eq!(
            values(
                "On March 12 and 12 March, in April 2020 and on Jan. 28, 2021; since 2019.",
                Some("2025-03-14")
            ),
            [
                pair("March 12", "2025-03-12"),
                pair("12 March", "2025-03-12"),
                pair("April 2020", "2020-04"),
                pair("Jan. 28, 2021", "2021-01-28"),
                pair("2019", "2019"),
            ]
        );
        assert_eq!(values("on March 12", None), [pair("March 12", "--03-12")]);
    }

    #[test]
    fn weekdays_resolve_against_the_publication_date() {
        // 2025-03-14 is a Friday.
        assert_eq!(
            values("She spoke on Thursday.", Some("2025-03-14")),
            [pair("Thursday", "2025-03-13")]
        );
        assert_eq!(
            values("It will write on Monday.", Some("2025-03-14")),
            [pair("Monday", "2025-03-17")]
        );
        assert_eq!(
            values("It happened last month.", Some("2025-01-10")),
            [pair("last month", "2024-12")]
        );
        assert!(values("She spoke on Thursday.", None).is_empty());
    }

    #[test]
    fn numbers_keep_their_units() {
        assert_eq!(
            values(
                "up to 1,200 tonnes, 40% more, 3.5 million dollars, 1 billion users, $2 million, voted 5-2, six weeks, COVID-19 and 14 of them",
                None
            ),
            [
                pair("1,200 tonnes", "1200 tonne"),
                pair("40%", "40 percent"),
                pair("3.5 million dollars", "3500000 dollar"),
                pair("1 billion users", "1000000000 user"),
                pair("$2 million", "2000000 dollar"),
                pair("5-2", "5-2"),
                pair("six weeks", "6 week"),
            ]
        );
    }

    #[test]
    fn calendar_days_round_trip() {
        for iso in ["1970-01-01", "2000-02-29", "2025-03-14", "2024-12-31"] {
            let d = Ymd::parse(iso).unwrap();
            assert_eq!(Ymd::from_days(d.days()).iso(), iso);
        }
        assert_eq!(Ymd::parse("2025-03-14").unwrap().weekday(), 4);
    }
}
