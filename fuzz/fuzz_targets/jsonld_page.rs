//! The JSON-LD careers-page parser on any body (an HTML page or a bare JSON-LD document), with a
//! page URL to resolve relative links against, and the normaliser on whatever it reads.
//! Seeds: `tests/fixtures/jsonld/` and `fuzz/seeds/jsonld_page/` (the fixture inside a page).
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use prepboard_core::SourceKind;
use prepboard_fetcher::{ParseContext, registry};

static PAGE: LazyLock<url::Url> = LazyLock::new(|| {
    url::Url::parse("https://careers.example.com/jobs/backend").expect("a valid URL")
});

fuzz_target!(|data: &[u8]| {
    let ctx = ParseContext {
        fetched_at: prepboard_fuzz::fetched_at(),
        company: Some("Acme"),
        page_url: Some(&PAGE),
    };
    if let Ok(output) = registry::parse(SourceKind::JsonLd, data, &ctx)
        && prepboard_fuzz::small_enough(data)
    {
        prepboard_fuzz::normalize_all(output.listings);
    }
});
