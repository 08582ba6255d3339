//! The JSON API parsers (Greenhouse, Lever, Ashby, Remotive, RemoteOK) on any body, and the
//! normaliser on whatever they read. Seeds: the real payloads in `tests/fixtures/<source>/`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use prepboard_core::SourceKind;
use prepboard_fetcher::{ParseContext, registry};

fuzz_target!(|data: &[u8]| {
    let ctx = ParseContext {
        fetched_at: prepboard_fuzz::fetched_at(),
        company: Some("Acme"),
        page_url: None,
    };
    for kind in [
        SourceKind::Greenhouse,
        SourceKind::Lever,
        SourceKind::Ashby,
        SourceKind::Remotive,
        SourceKind::RemoteOk,
    ] {
        if let Ok(output) = registry::parse(kind, data, &ctx)
            && prepboard_fuzz::small_enough(data)
        {
            prepboard_fuzz::normalize_all(output.listings);
        }
    }
});
