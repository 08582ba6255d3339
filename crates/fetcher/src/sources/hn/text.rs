//! A comment's HTML as the reader sees it: lines of plain text, each link written out as its full
//! address, and the HTML kept for the description with e-mail links turned back into text.
//!
//! Hacker News stores a comment as HTML with unclosed `<p>` between paragraphs, `\n` inside them,
//! `<a href>` around every URL (its text shortened with "..."), `<i>`, `<pre><code>` and entities
//! such as `&#x2F;`. The reader needs the lines and the full URLs; the page needs the HTML.

use std::sync::LazyLock;

use regex::Regex;

static ANCHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)<a\s[^>]*?href\s*=\s*"([^"]*)"[^>]*>(.*?)</a\s*>"#).expect("valid regex")
});
static PRE_OPEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<pre\b[^>]*>").expect("valid regex"));
static PRE_CLOSE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)</pre\s*>").expect("valid regex"));
static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)<[^>]*>").expect("valid regex"));
static PARAGRAPH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<\s*/?\s*(?:p|br|div|li|pre)\b[^>]*>").expect("valid regex"));
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\bh?(https?://[^\s<>"'()\[\]{}|]+[^\s<>"'()\[\]{}|.,;:!?*])"#)
        .expect("valid regex")
});

/// One line of a post: plain text with links written out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    pub text: String,
}

impl Line {
    /// The http(s) URLs on the line, in order.
    pub fn urls(&self) -> Vec<String> {
        urls_in(&self.text)
    }
}

/// The http(s) URLs in `text`, in order ("hhttps://" typos mended).
pub(crate) fn urls_in(text: &str) -> Vec<String> {
    URL.captures_iter(text)
        .filter_map(|captures| captures.get(1))
        .map(|url| url.as_str().to_owned())
        .collect()
}

/// `text` without its URLs.
pub(crate) fn without_urls(text: &str) -> String {
    URL.replace_all(text, " ").into_owned()
}

/// Lines of plain text, one per `\n`, as unit tests of the readers write a post's shape.
#[cfg(test)]
pub(crate) fn plain_lines(text: &str) -> Vec<Line> {
    text.lines()
        .map(|line| Line {
            text: line.to_owned(),
        })
        .collect()
}

/// The lines of a comment's HTML, blank lines dropped.
pub(crate) fn lines(html: &str) -> Vec<Line> {
    // Links first: the shortened link text is replaced by the full address, except for mail
    // links, which keep their visible text (an address shown as text, never a mailto link).
    let linked = ANCHOR.replace_all(html, |captures: &regex::Captures<'_>| {
        let href = html_escape::decode_html_entities(&captures[1]).into_owned();
        if href.to_ascii_lowercase().starts_with("http") {
            format!(" {href} ")
        } else {
            captures[2].to_owned()
        }
    });
    let broken = PARAGRAPH.replace_all(&linked, "\n");
    let plain = TAG.replace_all(&broken, "");
    let decoded = html_escape::decode_html_entities(&plain);
    decoded
        .split('\n')
        .map(collapse)
        .filter(|line| !line.is_empty())
        .map(|text| Line { text })
        .collect()
}

// "Senior Engineer (Remote, EU)" → "Senior Engineer": one function with the prep matcher, in core.
pub(crate) use prepboard_core::normalize::title::without_parentheses;

/// Whitespace runs made one space, ends trimmed; non-breaking and zero-width spaces included.
pub(crate) fn collapse(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}')
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The comment's HTML for the description: mail links unwrapped to their text, so no page
/// prepboard serves turns an address into a mailto link, and the poster's line breaks kept as
/// `<br>`. A post's lines carry its structure ("Systems Engineer\nSystems programming role …",
/// "Requirements:\n- Go"), which HTML would otherwise fold into one run of text, both on the page
/// and for readers of the description such as the prep matcher. Inside `<pre>` a newline is
/// already a line. Sanitising is the normaliser's job.
pub(crate) fn description_html(html: &str) -> String {
    let unwrapped = ANCHOR.replace_all(html, |captures: &regex::Captures<'_>| {
        let href = html_escape::decode_html_entities(&captures[1]).into_owned();
        if href.to_ascii_lowercase().starts_with("http") {
            captures[0].to_owned()
        } else {
            captures[2].to_owned()
        }
    });
    let mut out = String::with_capacity(unwrapped.len());
    let mut rest = unwrapped.as_ref();
    while let Some(open) = PRE_OPEN.find(rest) {
        out.push_str(&rest[..open.start()].replace('\n', "<br>"));
        let pre = &rest[open.start()..];
        let end = PRE_CLOSE.find(pre).map_or(pre.len(), |close| close.end());
        out.push_str(&pre[..end]);
        rest = &pre[end..];
    }
    out.push_str(&rest.replace('\n', "<br>"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_newlines_links_and_entities() {
        let html = "Acme | Backend Engineer | REMOTE<p>Apply: <a href=\"https:&#x2F;&#x2F;acme.example&#x2F;jobs&#x2F;1\" rel=\"nofollow\">https:&#x2F;&#x2F;acme.example&#x2F;jo...</a>\nor mail jobs@acme.example<p><i>We&#x27;re</i> small.";
        let texts: Vec<String> = lines(html).into_iter().map(|line| line.text).collect();
        assert_eq!(
            texts,
            [
                "Acme | Backend Engineer | REMOTE",
                "Apply: https://acme.example/jobs/1",
                "or mail jobs@acme.example",
                "We're small.",
            ]
        );
        assert_eq!(
            lines(html)[1].urls(),
            ["https://acme.example/jobs/1".to_owned()]
        );
    }

    #[test]
    fn mail_links_become_text() {
        let html = r#"Write to <a href="mailto:jobs@acme.example">jobs@acme.example</a> or <a href="https://acme.example">https://acme.example</a>"#;
        assert_eq!(
            description_html(html),
            r#"Write to jobs@acme.example or <a href="https://acme.example">https://acme.example</a>"#
        );
        assert_eq!(
            lines(html)[0].text,
            "Write to jobs@acme.example or https://acme.example"
        );
    }

    #[test]
    fn line_breaks_are_kept_outside_pre() {
        let html = "Systems Engineer\nLow-latency work.<p>Example:<pre><code>fn main() {\n}</code></pre>\nDone";
        assert_eq!(
            description_html(html),
            "Systems Engineer<br>Low-latency work.<p>Example:<pre><code>fn main() {\n}</code></pre><br>Done"
        );
    }

    #[test]
    fn urls_are_found_and_typos_mended() {
        assert_eq!(
            urls_in("see hhttps://jobs.example/x, then (https://b.example/y)."),
            [
                "https://jobs.example/x".to_owned(),
                "https://b.example/y".to_owned()
            ]
        );
        assert_eq!(
            without_urls("a https://x.example/b c").trim(),
            "a   c".trim()
        );
    }
}
