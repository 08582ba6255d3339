//! Description HTML: undo a leftover layer of entity-escaping, strip each source's boilerplate,
//! sanitise to a small allow-list with ammonia, and derive the plain text used for indexing.
//!
//! Architecture invariant: `Listing::description_html` only ever holds the output of [`sanitize`],
//! so templates may render it without escaping.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::SourceKind;

/// Tags kept by [`sanitize`]. Everything else is unwrapped (its text kept) except the tags in
/// [`DROPPED_WITH_CONTENT`], which go with their content.
const ALLOWED_TAGS: &[&str] = &[
    "p",
    "br",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "b",
    "i",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "code",
    "pre",
];

const DROPPED_WITH_CONTENT: &[&str] = &[
    "script", "style", "iframe", "noscript", "object", "embed", "template", "svg", "math", "head",
    "title", "form", "select", "textarea",
];

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::empty();
    builder
        .add_tags(ALLOWED_TAGS.iter().copied())
        .clean_content_tags(DROPPED_WITH_CONTENT.iter().copied().collect::<HashSet<_>>())
        .add_tag_attributes("a", ["href"])
        .link_rel(Some("nofollow noopener"))
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        // A relative link in a feed item points at the feed's host, not ours; drop it rather than
        // send readers to a broken page on prepboard.
        .url_relative(ammonia::UrlRelative::Deny)
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            ("a", "href") => canonical_link(value).map(Cow::Owned),
            _ => Some(Cow::Borrowed(value)),
        })
        .strip_comments(true);
    builder
});

/// A description link as a browser would read it, or `None` to drop the attribute: http(s) links
/// pass core's URL rule (absolute, with a host) and are written in their WHATWG-serialised form,
/// so what the page links to is exactly what was checked (`https:host` becomes `https://host/`,
/// spaces and quotes are percent-encoded); `mailto:` links are kept when they parse.
fn canonical_link(href: &str) -> Option<String> {
    let parsed = url::Url::parse(href.trim()).ok()?;
    match parsed.scheme() {
        "mailto" => Some(parsed.into()),
        _ => super::url::http_url(parsed.as_str()).ok(),
    }
}

/// Sanitises `html` to the allow-list: paragraphs, line breaks, lists, emphasis, h2–h4, quotes,
/// code, and links (http, https and mailto only, `rel="nofollow noopener"`). Scripts, styles,
/// event handlers, iframes and images (tracking pixels included) do not survive. Headings `h1`,
/// `h5` and `h6` become `h2`/`h4`, and `div`s become paragraphs, so their structure is kept.
pub fn sanitize(html: &str) -> String {
    let restructured = restructure_blocks(html);
    SANITIZER.clean(&restructured).to_string()
}

static DIV_OPEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<(?:div|section|article|header|footer)\b[^>]*>").unwrap());
static DIV_CLOSE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)</(?:div|section|article|header|footer)\s*>").unwrap());
static H1_OPEN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)<h1\b[^>]*>").unwrap());
static H1_CLOSE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)</h1\s*>").unwrap());
static H56_OPEN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)<h[56]\b[^>]*>").unwrap());
static H56_CLOSE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)</h[56]\s*>").unwrap());

/// Maps block tags outside the allow-list onto allowed ones before ammonia unwraps them, because
/// ammonia keeps only the text of a removed tag and `<div>a</div><div>b</div>` would read "ab".
fn restructure_blocks(html: &str) -> String {
    let html = DIV_OPEN.replace_all(html, "<p>");
    let html = DIV_CLOSE.replace_all(&html, "</p>");
    let html = H1_OPEN.replace_all(&html, "<h2>");
    let html = H1_CLOSE.replace_all(&html, "</h2>");
    let html = H56_OPEN.replace_all(&html, "<h4>");
    H56_CLOSE.replace_all(&html, "</h4>").into_owned()
}

static ESCAPED_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)&(?:amp;)*lt;/?(?:p|div|br|ul|ol|li|strong|em|b|i|a|h[1-6]|span|img)\b")
        .unwrap()
});
static RAW_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)</?(?:p|div|br|ul|ol|li|strong|em|b|i|a|h[1-6]|span|img)\b").unwrap()
});

/// Decodes `html` once more when its markup is still entity-escaped (`&lt;p&gt;` where `<p>` was
/// meant): callers undo the transport's escaping, but some bodies were escaped twice (Greenhouse's
/// docs example). Decides by counting escaped against real tags, so a post that merely talks about
/// `&lt;div&gt;` in prose keeps its text. Decodes at most twice, the deepest escaping seen.
pub fn decode_if_still_escaped(html: &str) -> String {
    let mut text = html.to_owned();
    for _ in 0..2 {
        let escaped = ESCAPED_TAG.find_iter(&text).count();
        let raw = RAW_TAG.find_iter(&text).count();
        if escaped == 0 || escaped <= raw {
            break;
        }
        text = html_escape::decode_html_entities(&text).into_owned();
    }
    text
}

/// Decodes entities in a plain-text field (a title, a company name) that a source escaped.
pub fn decode_entities_in_text(text: &str) -> String {
    if text.contains('&') {
        html_escape::decode_html_entities(text).into_owned()
    } else {
        text.to_owned()
    }
}

/// Collapses runs of whitespace (no-break spaces included) to one space and trims.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{200b}') {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

static REMOTIVE_PIXEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)<img\b[^>]*remotive\.(?:com|io)/job/track/[^>]*>"#).unwrap()
});
static REMOTEOK_ANTISPAM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?is)(?:<br\s*/?>\s*)*Please mention the word\s*\*{0,2}[^*<]{1,40}\*{0,2}\s*and tag\s+\S+\s+when applying.*?(?:they're|they’re|they are) human\.?",
    )
    .unwrap()
});
static WWR_LOGO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)\A\s*<img\b[^>]*(?:we-work-remotely|wwr-pro|weworkremotely)[^>]*>"#).unwrap()
});
static WWR_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?is)<p>\s*(?:<strong>\s*Headquarters:\s*</strong>(?P<hq>[^<]*))?\s*(?:<br\s*/?>\s*)?<strong>\s*URL:\s*</strong>\s*(?:<a\b[^>]*>(?P<url>[^<]*)</a>)?\s*</p>",
    )
    .unwrap()
});
static WWR_HQ_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)<p>\s*<strong>\s*Headquarters:\s*</strong>[^<]*</p>").unwrap()
});
static WWR_TO_APPLY: LazyLock<Regex> = LazyLock::new(|| {
    // The paragraph itself only: a lazy `.*?` anchored at the end would swallow every paragraph
    // after the first "To apply:".
    Regex::new(r"(?is)<p>\s*<strong>\s*To apply:\s*</strong>(?:[^<]|<[^/]|</[^p])*</p>\s*\z")
        .unwrap()
});

/// Removes text a source adds to every description: Remotive's tracking pixel, RemoteOK's
/// "Please mention the word … and tag …" anti-spam line, and We Work Remotely's logo, its
/// "Headquarters:"/"URL:" header and its trailing "To apply:" link. The header's facts are read
/// separately by [`wwr_header_facts`]. Works on HTML before sanitising; other sources pass through.
pub fn strip_boilerplate(source: SourceKind, html: &str) -> String {
    match source {
        SourceKind::Remotive => REMOTIVE_PIXEL.replace_all(html, "").into_owned(),
        SourceKind::RemoteOk => REMOTEOK_ANTISPAM.replace_all(html, "").into_owned(),
        SourceKind::WeWorkRemotely => {
            let html = WWR_LOGO.replace(html, "");
            let html = WWR_HEADER.replace(&html, "");
            let html = WWR_HQ_ONLY.replace(&html, "");
            WWR_TO_APPLY.replace(&html, "").into_owned()
        }
        _ => html.to_owned(),
    }
}

/// The facts in We Work Remotely's description header, which [`strip_boilerplate`] removes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeaderFacts {
    /// "El Segundo, California".
    pub headquarters: Option<String>,
    /// The company's site.
    pub company_url: Option<String>,
}

/// Reads the "Headquarters:" and "URL:" lines of a We Work Remotely description.
pub fn wwr_header_facts(source: SourceKind, html: &str) -> HeaderFacts {
    if source != SourceKind::WeWorkRemotely {
        return HeaderFacts::default();
    }
    let Some(captures) = WWR_HEADER.captures(html) else {
        return HeaderFacts::default();
    };
    let field = |name: &str| {
        captures
            .name(name)
            .map(|m| collapse_whitespace(&decode_entities_in_text(m.as_str())))
            .filter(|text| !text.is_empty())
    };
    HeaderFacts {
        headquarters: field("hq"),
        company_url: field("url").filter(|url| url.starts_with("http")),
    }
}

/// What a block of the description is, as far as finding requirements goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// An h2–h4, or a short paragraph that is all bold or ends with a colon ("Requirements:").
    Heading,
    ListItem,
    Paragraph,
}

/// One block of text of a sanitised description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
}

/// Splits sanitised HTML into blocks of collapsed text. Relies on the sanitiser's output being
/// well-formed (ammonia serialises through html5ever), so a small tag scanner suffices.
pub fn blocks(sanitized: &str) -> Vec<Block> {
    let mut scanner = BlockScanner::default();
    let mut rest = sanitized;
    while let Some(lt) = rest.find('<') {
        scanner.text(&rest[..lt]);
        let after = &rest[lt..];
        let end = tag_end(after);
        scanner.tag(&after[..end]);
        rest = &after[end..];
    }
    scanner.text(rest);
    scanner.flush();
    scanner.blocks
}

/// The byte length of the tag at the start of `text` (which starts with `<`), quotes respected.
fn tag_end(text: &str) -> usize {
    let mut quote: Option<char> = None;
    for (index, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return index + 1,
            _ => {}
        }
    }
    text.len()
}

#[derive(Default)]
struct BlockScanner {
    blocks: Vec<Block>,
    current: String,
    kind: Option<BlockKind>,
    bold_depth: u32,
    /// Whether the current block has text outside `<strong>`/`<b>`.
    plain_text_seen: bool,
    in_heading: bool,
}

impl BlockScanner {
    fn text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let decoded = html_escape::decode_html_entities(raw);
        if self.bold_depth == 0 && decoded.chars().any(|c| !c.is_whitespace() && c != '\u{a0}') {
            self.plain_text_seen = true;
        }
        self.current.push_str(&decoded);
    }

    fn tag(&mut self, tag: &str) {
        let inner = tag.trim_start_matches('<').trim_end_matches('>');
        let closing = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        match name.as_str() {
            "strong" | "b" => {
                if closing {
                    self.bold_depth = self.bold_depth.saturating_sub(1);
                } else {
                    self.bold_depth += 1;
                }
            }
            "br" => {
                // A line break inside a paragraph separates lines of text; keep it as a block
                // boundary so "Requirements:<br>Go, Kafka" still reads as a heading then a line.
                self.flush();
            }
            "li" => {
                self.flush();
                if !closing {
                    self.kind = Some(BlockKind::ListItem);
                }
            }
            "h2" | "h3" | "h4" => {
                self.flush();
                self.in_heading = !closing;
                if !closing {
                    self.kind = Some(BlockKind::Heading);
                }
            }
            "p" | "ul" | "ol" | "blockquote" | "pre" => self.flush(),
            _ => {}
        }
    }

    fn flush(&mut self) {
        let text = collapse_whitespace(&self.current);
        if !text.is_empty() {
            let kind = match self.kind {
                Some(kind) => kind,
                None if looks_like_heading(&text, self.plain_text_seen) => BlockKind::Heading,
                None => BlockKind::Paragraph,
            };
            self.blocks.push(Block { kind, text });
        }
        self.current.clear();
        self.plain_text_seen = false;
        if !self.in_heading {
            self.kind = None;
        }
    }
}

/// A short paragraph that is all bold, or ends with a colon, acts as a heading in most postings.
fn looks_like_heading(text: &str, plain_text_seen: bool) -> bool {
    let short = text.chars().count() <= 80;
    short && (!plain_text_seen || text.ends_with(':'))
}

/// The plain text of the blocks: one block per line.
pub fn blocks_to_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&block.text);
    }
    out
}

/// Plain text of sanitised HTML: block elements become line breaks, whitespace is collapsed.
pub fn to_plain_text(sanitized: &str) -> String {
    blocks_to_text(&blocks(sanitized))
}
