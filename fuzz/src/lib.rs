//! What every fuzz target shares: the fixed parse context, and the invariants every normalised
//! listing and every sanitised description must hold, whatever bytes came in.
//!
//! A target fails on a panic (the parsers and readers promise never to panic on external data),
//! on a libFuzzer timeout or out-of-memory, and on any broken invariant checked here.

use chrono::{DateTime, Utc};
use prepboard_core::normalize::Normalizer;
use prepboard_core::{Listing, RawListing};

/// A fixed fetch time, so runs are reproducible.
pub fn fetched_at() -> DateTime<Utc> {
    DateTime::from_timestamp(1_780_000_000, 0).unwrap_or_default()
}

/// The input as text, as the readers see it (sources promise UTF-8; the lossy form keeps the
/// fuzzer's non-UTF-8 inputs useful instead of discarding them).
pub fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Normalises every listing a parser read and checks each result.
pub fn normalize_all(raw: Vec<RawListing>) {
    for listing in raw {
        if let Ok(normalized) = Normalizer::bundled().normalize(listing) {
            check_listing(&normalized.listing);
        }
    }
}

/// The invariants of a normalised listing.
pub fn check_listing(listing: &Listing) {
    assert_http(&listing.source_url);
    for url in [
        listing.apply_url.as_deref(),
        listing.company.url.as_deref(),
        listing.company.logo_url.as_deref(),
    ]
    .into_iter()
    .flatten()
    {
        assert_http(url);
    }
    check_sanitized(&listing.description_html);
    if let Some(salary) = &listing.salary
        && let (Some(min), Some(max)) = (salary.min, salary.max)
    {
        assert!(min <= max, "salary min {min} > max {max}");
    }
    if let (Some(min), Some(max)) = (
        listing.salary.as_ref().and_then(|s| s.yearly_usd_min),
        listing.salary.as_ref().and_then(|s| s.yearly_usd_max),
    ) {
        assert!(min <= max, "yearly USD min {min} > max {max}");
    }
}

/// A kept URL is an absolute http(s) URL in its serialised form.
pub fn assert_http(url: &str) {
    assert!(
        url.starts_with("https://") || url.starts_with("http://"),
        "kept a URL that is not http(s): {url:?}"
    );
    assert_eq!(
        prepboard_core::normalize::url::http_url(url).as_deref(),
        Ok(url),
        "a kept URL is not stable under the check"
    );
}

/// Sanitised HTML carries no script, no image or frame, no event handler on any element, and links
/// only to http(s) and mailto, each written as the URL rule reads it. Read with a real HTML parser,
/// as a browser would, so text inside a quoted attribute is not mistaken for an attribute.
pub fn check_sanitized(html: &str) {
    let document = scraper::Html::parse_fragment(html);
    for element in document.root_element().descendants().filter_map(scraper::ElementRef::wrap) {
        let name = element.value().name();
        assert!(
            !matches!(name, "script" | "style" | "img" | "iframe" | "object" | "embed"),
            "a <{name}> survived: {html:?}"
        );
        for (attribute, value) in element.value().attrs() {
            assert!(
                !attribute.to_ascii_lowercase().starts_with("on"),
                "an event handler {attribute}={value:?} survived"
            );
            if attribute == "href" {
                if value.starts_with("mailto:") {
                    continue;
                }
                assert_eq!(
                    prepboard_core::normalize::url::http_url(value).as_deref(),
                    Ok(value),
                    "a link to {value:?} survived that the URL rule does not keep as it is"
                );
            }
        }
    }
}

/// Whether `text` is worth normalising: the parsers and readers are linear, but a listing built
/// from a megabyte of input spends the fuzzer's time in the same loops.
pub fn small_enough(data: &[u8]) -> bool {
    data.len() <= 256 * 1024
}

/// The listing a reader-level target builds from one text in every field.
pub fn raw_listing(source: prepboard_core::SourceKind, text: &str) -> RawListing {
    RawListing {
        source,
        source_job_id: text.to_owned(),
        source_url: text.to_owned(),
        apply_url: Some(text.to_owned()),
        title: text.to_owned(),
        company: prepboard_core::Company {
            name: text.to_owned(),
            url: Some(text.to_owned()),
            logo_url: Some(text.to_owned()),
        },
        description_html: text.to_owned(),
        tags: vec![text.to_owned()],
        employment_type: prepboard_core::EmploymentType::Unknown,
        workplace: prepboard_core::WorkplaceType::Unknown,
        location_text: text.to_owned(),
        structured_places: vec![text.to_owned()],
        structured_salary: None,
        salary_text: Some(text.to_owned()),
        structured_skills: vec![text.to_owned()],
        place_fields: Default::default(),
        posted_at: None,
        valid_through: None,
        fetched_at: fetched_at(),
    }
}
