//! HTML pages: the article's text and the page's own metadata.
//!
//! The page is parsed, never run: scripts, styles, frames, forms and page
//! furniture (navigation, header, footer, asides) are skipped, and nothing
//! it points to is fetched.

use super::reading::Stop;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};

#[derive(Debug, Default)]
pub struct HtmlDoc {
    pub text: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    /// Set when the page could not be read as a page.
    pub warning: Option<String>,
}

/// Pages nested deeper than this are not parsed: HTML tree building costs
/// time in proportion to depth × elements, and no real article nests so deep.
const MAX_DEPTH: usize = 5_000;

/// More attributes than this on one tag is no real page: the parser checks
/// each new attribute against the tag's others, so a tag of 200,000 would
/// take minutes.
const MAX_ATTRIBUTES: usize = 1_000;

/// The parser is fed this much at a time, and looks at the clock between pieces.
const PIECE: usize = 16 * 1024;

/// What a page's tags look like before it is parsed.
#[derive(Debug, Default, PartialEq, Eq)]
struct Shape {
    /// The deepest nesting of elements.
    depth: usize,
    /// The most attributes on one tag.
    attributes: usize,
}

/// The page's shape, counted from its tags without parsing, in one pass.
fn shape(source: &str) -> Shape {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "!doctype",
    ];
    let (mut depth, mut out) = (0usize, Shape::default());
    let bytes = source.as_bytes();
    let mut i = 0;
    while let Some(off) = source[i..].find('<') {
        let at = i + off;
        // Comments, and the insides of scripts and styles, hold no tags.
        let skip_to = |end: &str| source[at..].find(end).map(|e| at + e + end.len());
        let rest = &source.as_bytes()[at..];
        let opens = |name: &[u8]| {
            rest.len() > name.len() && rest[1..=name.len()].eq_ignore_ascii_case(name)
        };
        let skipped = if rest.starts_with(b"<!--") {
            Some(skip_to("-->"))
        } else if opens(b"script") {
            Some(find_ignoring_case(source, at + 7, "</script").or(Some(source.len())))
        } else if opens(b"style") {
            Some(find_ignoring_case(source, at + 6, "</style").or(Some(source.len())))
        } else {
            None
        };
        if let Some(next) = skipped {
            match next {
                Some(n) if n < source.len() => {
                    i = n;
                    continue;
                }
                _ => break,
            }
        }
        let Some(close) = source[at..].find('>') else {
            break;
        };
        let tag = &source[at + 1..at + close];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect::<String>()
            .to_ascii_lowercase();
        if tag.starts_with('/') {
            depth = depth.saturating_sub(1);
        } else if !name.is_empty() {
            out.attributes = out.attributes.max(attribute_count(tag));
            if !tag.ends_with('/') && !VOID.contains(&name.as_str()) {
                depth += 1;
                out.depth = out.depth.max(depth);
            }
        }
        i = at + close + 1;
        if i >= bytes.len() {
            break;
        }
    }
    out
}

/// Where `needle` (lowercase ASCII) next starts in `source` from `from`, in
/// any case.
fn find_ignoring_case(source: &str, from: usize, needle: &str) -> Option<usize> {
    let (hay, n) = (source.as_bytes(), needle.as_bytes());
    (from..hay.len().saturating_sub(n.len() - 1))
        .find(|&k| hay[k..k + n.len()].eq_ignore_ascii_case(n))
}

/// The attributes inside one tag (its name excluded): words that begin
/// outside quoted values. A quote opens a value only right after "=", as
/// the parser reads it, so a stray quote cannot hide the rest.
fn attribute_count(tag: &str) -> usize {
    let (mut count, mut quote, mut in_word, mut after_equals) = (0usize, None, false, false);
    for b in tag.bytes() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if after_equals && (b == b'"' || b == b'\'') => {
                quote = Some(b);
                after_equals = false;
            }
            None if b.is_ascii_whitespace() && after_equals => {}
            None if b.is_ascii_whitespace() || b == b'/' => in_word = false,
            None if b == b'=' => {
                in_word = true;
                after_equals = true;
            }
            None => {
                after_equals = false;
                if !in_word {
                    count += 1;
                }
                in_word = true;
            }
        }
    }
    count.saturating_sub(1)
}

/// The page parsed a piece at a time, so that it stops when its time is up.
fn parse(source: &str, stop: &Stop) -> Result<Html, String> {
    use html5ever::tendril::TendrilSink;
    let mut parser = html5ever::driver::parse_document(
        scraper::HtmlTreeSink::new(Html::new_document()),
        Default::default(),
    );
    let mut rest = source;
    while !rest.is_empty() {
        if let Some(reason) = stop.reason() {
            return Err(reason);
        }
        let mut cut = rest.len().min(PIECE);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        parser.process(rest[..cut].into());
        rest = &rest[cut..];
    }
    Ok(parser.finish())
}

/// The text between the tags, for pages too deep to parse.
fn strip_tags(source: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in source.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Elements whose content is never article text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "iframe",
    "object", "embed", "svg", "canvas", "button", "select", "textarea", "input", "head", "dialog",
    "menu",
];
/// Elements that end a paragraph.
const PARAGRAPH: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "section",
    "article",
    "pre",
    "figure",
    "figcaption",
    "table",
    "ul",
    "ol",
    "main",
    "hr",
];
/// Elements that end a line.
const LINE: &[&str] = &["br", "li", "div", "tr", "dt", "dd", "caption"];

/// The page's article and metadata, with no time limit.
pub fn extract(source: &str) -> HtmlDoc {
    extract_within(source, &Stop::never()).unwrap_or_default()
}

/// The page's article and metadata, or why the page was not read: a tag
/// with absurdly many attributes, or parsing that ran out of time.
pub fn extract_within(source: &str, stop: &Stop) -> Result<HtmlDoc, String> {
    let shape = shape(source);
    if shape.attributes > MAX_ATTRIBUTES {
        return Err(format!(
            "the page was not read: one of its tags has more than {MAX_ATTRIBUTES} attributes ({}), which no real page has",
            shape.attributes
        ));
    }
    if shape.depth > MAX_DEPTH {
        return Ok(HtmlDoc {
            text: strip_tags(source),
            warning: Some(format!(
                "the page nests {} levels deep, too deep to read as a page; its markup was stripped instead",
                shape.depth
            )),
            ..HtmlDoc::default()
        });
    }
    let page = parse(source, stop)?;
    let root = content_root(&page);
    let in_article = root.is_some_and(|r| r.value().name() == "article");
    let mut text = String::new();
    let mut skip_depth = 0usize;
    let nodes = match root {
        Some(root) => root.traverse(),
        None => page.root_element().traverse(),
    };
    for edge in nodes {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if skip_depth > 0 || SKIP.contains(&name) || (name == "header" && !in_article) {
                        skip_depth += 1;
                    } else if PARAGRAPH.contains(&name) {
                        text.push_str("\n\n");
                    } else if LINE.contains(&name) && !text.ends_with('\n') {
                        text.push('\n');
                    }
                }
                Node::Text(t) if skip_depth == 0 => push_collapsed(&mut text, t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if skip_depth > 0 {
                        skip_depth -= 1;
                    } else if PARAGRAPH.contains(&el.name()) {
                        text.push_str("\n\n");
                    } else if LINE.contains(&el.name()) && !text.ends_with('\n') {
                        text.push('\n');
                    }
                }
            }
        }
    }
    let ld = json_ld(&page);
    Ok(HtmlDoc {
        text: tidy_breaks(&text),
        title: meta(&page, "meta[property='og:title']")
            .or_else(|| first_text(&page, "title"))
            .or_else(|| ld.as_ref().and_then(|v| find_key(v, "headline"))),
        outlet: meta(&page, "meta[property='og:site_name']")
            .or_else(|| meta(&page, "meta[name='application-name']"))
            .or_else(|| {
                ld.as_ref()
                    .and_then(|v| v.get("publisher"))
                    .and_then(|p| find_key(p, "name"))
            }),
        published: meta(&page, "meta[property='article:published_time']")
            .or_else(|| meta(&page, "meta[name='date']"))
            .or_else(|| meta(&page, "meta[name='pubdate']"))
            .or_else(|| meta(&page, "meta[itemprop='datePublished']"))
            .or_else(|| attr(&page, "time[datetime]", "datetime"))
            .or_else(|| ld.as_ref().and_then(|v| find_key(v, "datePublished")))
            .and_then(|d| super::metadata::iso_date_prefix(&d)),
        warning: None,
    })
}

/// The element that holds the report: the `<article>` with the most text,
/// else `<main>`, else the body.
fn content_root(page: &Html) -> Option<ElementRef<'_>> {
    for css in ["article", "main", "[role='main']", "body"] {
        let Ok(sel) = Selector::parse(css) else {
            continue;
        };
        let best = page
            .select(&sel)
            .max_by_key(|el| el.text().map(str::len).sum::<usize>());
        if best.is_some() {
            return best;
        }
    }
    None
}

fn push_collapsed(out: &mut String, text: &str) {
    for (i, part) in text.split_whitespace().enumerate() {
        let needs_space = i > 0
            || (text.starts_with(char::is_whitespace)
                && !out.ends_with(char::is_whitespace)
                && !out.is_empty());
        if needs_space {
            out.push(' ');
        }
        out.push_str(part);
    }
    if text.ends_with(char::is_whitespace) && !text.trim().is_empty() {
        out.push(' ');
    }
}

/// At most one blank line between paragraphs, no spaces around line breaks.
fn tidy_breaks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(line);
    }
    out
}

fn meta(page: &Html, css: &str) -> Option<String> {
    attr(page, css, "content")
}

fn attr(page: &Html, css: &str, name: &str) -> Option<String> {
    let sel = Selector::parse(css).ok()?;
    page.select(&sel)
        .filter_map(|el| el.value().attr(name))
        .map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|v| !v.is_empty())
}

fn first_text(page: &Html, css: &str) -> Option<String> {
    let sel = Selector::parse(css).ok()?;
    page.select(&sel)
        .map(|el| el.text().collect::<Vec<_>>().join(" "))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|t| !t.is_empty())
}

/// The first JSON-LD block that parses.
fn json_ld(page: &Html) -> Option<serde_json::Value> {
    let sel = Selector::parse("script[type='application/ld+json']").ok()?;
    page.select(&sel)
        .filter_map(|el| serde_json::from_str(&el.text().collect::<String>()).ok())
        .next()
}

/// A string value under `key` anywhere in a JSON-LD tree (breadth-first, bounded).
fn find_key(value: &serde_json::Value, key: &str) -> Option<String> {
    let mut queue = std::collections::VecDeque::from([value]);
    let mut visited = 0;
    while let Some(v) = queue.pop_front() {
        visited += 1;
        if visited > 10_000 {
            return None;
        }
        match v {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::String(s)) = map.get(key) {
                    return Some(s.clone());
                }
                queue.extend(map.values());
            }
            serde_json::Value::Array(items) => queue.extend(items),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head>
        <title>Dam breach floods valley | River Post</title>
        <meta property="og:site_name" content="River Post">
        <meta property="article:published_time" content="2024-05-02T08:00:00Z">
        <script>document.write("evil")</script><style>p{color:red}</style></head>
        <body><nav>Home | World</nav><header>Site header</header>
        <article><h1>Dam breach floods valley</h1>
        <p>The dam <b>broke</b> at dawn,
           officials said.</p><!-- a comment -->
        <iframe src="https://example.invalid/ad"></iframe>
        <ul><li>First point</li><li>Second point</li></ul>
        <form><label>Email</label><input name=e></form>
        <p>Water rose&nbsp;3 metres.<br>Then it fell.</p></article>
        <aside>Related: other story</aside><footer>© River Post</footer></body></html>"#;

    #[test]
    fn keeps_the_article_and_drops_the_page_around_it() {
        let doc = extract(PAGE);
        assert_eq!(
            doc.text,
            "Dam breach floods valley\n\nThe dam broke at dawn, officials said.\n\nFirst point\nSecond point\n\nWater rose 3 metres.\nThen it fell."
        );
        for junk in [
            "evil",
            "color",
            "Home",
            "Site header",
            "Related",
            "©",
            "Email",
            "comment",
        ] {
            assert!(!doc.text.contains(junk), "{junk}");
        }
    }

    #[test]
    fn reads_the_page_metadata() {
        let doc = extract(PAGE);
        assert_eq!(
            doc.title.as_deref(),
            Some("Dam breach floods valley | River Post")
        );
        assert_eq!(doc.outlet.as_deref(), Some("River Post"));
        assert_eq!(doc.published.as_deref(), Some("2024-05-02"));
    }

    #[test]
    fn json_ld_and_time_fill_in_missing_meta() {
        let page = r#"<html><head><script type="application/ld+json">
            {"@type":"NewsArticle","headline":"Bridge reopens","datePublished":"2023-11-09T10:00:00+01:00",
             "publisher":{"@type":"Organization","name":"Valley Times"}}</script></head>
            <body><p>The bridge reopened.</p></body></html>"#;
        let doc = extract(page);
        assert_eq!(doc.title.as_deref(), Some("Bridge reopens"));
        assert_eq!(doc.outlet.as_deref(), Some("Valley Times"));
        assert_eq!(doc.published.as_deref(), Some("2023-11-09"));
    }

    #[test]
    fn deeply_nested_markup_is_read_without_parsing_it() {
        let page = format!(
            "{}some text{}",
            "<div>".repeat(20_000),
            "</div>".repeat(20_000)
        );
        let doc = extract(&page);
        assert_eq!(doc.text, "some text");
        assert!(doc.warning.is_some_and(|w| w.contains("20000 levels")));
        let page = format!("<p>{}end</p>", "<div><br><img src=x></div>".repeat(3_000));
        assert_eq!(shape(&page).depth, 2);
        assert_eq!(extract(&page).warning, None);
    }

    #[test]
    fn a_tag_of_countless_attributes_is_refused_before_parsing() {
        let attrs: String = (0..5_000).map(|i| format!(" a{i}=\"x y\"")).collect();
        let page = format!("<html><body><p{attrs}>The bridge opened.</p></body></html>");
        let err = extract_within(&page, &Stop::never()).unwrap_err();
        assert!(err.contains("more than 1000 attributes (5000)"), "{err}");
        assert_eq!(
            shape("<a href='x y' class=\"a b\" hidden data-x=1>"),
            Shape {
                depth: 1,
                attributes: 4
            }
        );
        // A stray quote in an unquoted value hides nothing.
        let stray: String = (0..2_000).map(|i| format!(" a{i}=x'")).collect();
        assert!(extract_within(&format!("<p{stray}>Text.</p>"), &Stop::never()).is_err());
        // Comments and scripts are not tags.
        let words = "word ".repeat(3_000);
        let page =
            format!("<!-- {words} --><script>if (a <b {words}) {{}}</script><p>The dam held.</p>");
        let doc = extract_within(&page, &Stop::never()).unwrap_or_default();
        assert!(doc.text.contains("The dam held."), "{doc:?}");
    }

    #[test]
    fn parsing_stops_when_the_time_is_up() {
        let page = "<p>The ferry sailed.</p>".repeat(10_000);
        let stop = Stop::new(
            std::time::Duration::ZERO,
            std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
        );
        let err = extract_within(&page, &stop).unwrap_err();
        assert!(err.contains("stopped after 0 s"), "{err}");
        let doc = extract_within(&page, &Stop::never()).unwrap_or_default();
        assert!(doc.text.starts_with("The ferry sailed."));
    }
}
