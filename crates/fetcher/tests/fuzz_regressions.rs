//! What the fuzzers found, kept as tests (fuzz/README: each crash becomes one), and the class each
//! finding belongs to: a description link is written exactly as core's URL rule reads it, or not at
//! all, and no element keeps an event handler.
//!
//! - `html_sanitizer-04f95ca7.bin`: `<a href="https:m,obi.com/">`. The scheme was allowed, so the
//!   link survived as written, though a browser reads it as another URL than the text says.
//! - `wwr_feed-826a1753.bin`: a WWR item whose link ran, unquoted and unescaped, over half the
//!   description. The link survived with raw spaces and markup in it.

use prepboard_core::normalize::html;
use prepboard_core::normalize::url::http_url;
use prepboard_core::{Normalizer, SourceKind};
use prepboard_fetcher::{ParseContext, registry};

/// Every element and attribute of `sanitized`, read as a browser would; fails on any event handler
/// and on any link that is not http(s) in its canonical form or mailto.
fn assert_links_canonical(sanitized: &str) {
    let document = scraper::Html::parse_fragment(sanitized);
    for element in document
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        for (attribute, value) in element.value().attrs() {
            assert!(
                !attribute.to_ascii_lowercase().starts_with("on"),
                "{attribute} survived in {sanitized}"
            );
            if attribute == "href" && !value.starts_with("mailto:") {
                assert_eq!(http_url(value).as_deref(), Ok(value), "in {sanitized}");
            }
        }
    }
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/fuzz/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn the_sanitizer_finding_keeps_only_canonical_links() {
    let data = fixture("html_sanitizer-04f95ca7.bin");
    // As the fuzz target reads it: the first byte picks the source whose boilerplate rules apply.
    let (selector, rest) = data.split_first().unwrap();
    let source = SourceKind::ALL[usize::from(*selector) % SourceKind::ALL.len()];
    let decoded = html::decode_if_still_escaped(&String::from_utf8_lossy(rest));
    let sanitized = html::sanitize(&html::strip_boilerplate(source, &decoded));
    assert_links_canonical(&sanitized);
}

#[test]
fn the_wwr_finding_keeps_only_canonical_links() {
    let ctx = ParseContext::at(chrono::Utc::now());
    let output = registry::parse(
        SourceKind::WeWorkRemotely,
        &fixture("wwr_feed-826a1753.bin"),
        &ctx,
    )
    .unwrap();
    assert!(!output.listings.is_empty());
    for raw in output.listings {
        if let Ok(normalized) = Normalizer::bundled().normalize(raw) {
            assert_links_canonical(&normalized.listing.description_html);
        }
    }
}

#[test]
fn description_links_are_written_as_the_url_rule_reads_them() {
    // (the link as a description gives it, the href the page carries; None: no href at all)
    let cases = [
        ("https://example.com/jobs", Some("https://example.com/jobs")),
        ("https:example.com/jobs", Some("https://example.com/jobs")),
        ("HTTPS://Example.COM", Some("https://example.com/")),
        (
            " https://example.com/a b",
            Some("https://example.com/a%20b"),
        ),
        (
            "https://example.com/\" onclick=\"x",
            Some("https://example.com/%22%20onclick=%22x"),
        ),
        ("mailto:jobs@example.com", Some("mailto:jobs@example.com")),
        ("javascript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("//example.com/protocol-relative", None),
        ("/relative/path", None),
        ("https://", None),
        ("data:text/html,<script>", None),
    ];
    for (given, expected) in cases {
        let escaped = given.replace('&', "&amp;").replace('"', "&quot;");
        let sanitized = html::sanitize(&format!("<p><a href=\"{escaped}\">link</a></p>"));
        let document = scraper::Html::parse_fragment(&sanitized);
        let href = document
            .select(&scraper::Selector::parse("a").unwrap())
            .next()
            .and_then(|a| a.value().attr("href").map(str::to_owned));
        assert_eq!(href.as_deref(), expected, "{given:?} gave {sanitized}");
        assert_links_canonical(&sanitized);
    }
}
