//! The search text parser (`crates/indexer/src/query.rs`) and everything a typed query reaches:
//! query building, the typo-tolerant retry, facets and snippets, on a small real index. Whatever a
//! person types, a search answers (`Ok`), never fails or panics. Seeds: `fuzz/seeds/query/`.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use prepboard_core::SourceKind;
use prepboard_core::normalize::Normalizer;
use prepboard_core::search::SearchRequest;
use prepboard_fetcher::{ParseContext, registry};
use prepboard_indexer::SearchIndex;

const LISTINGS: &[u8] = include_bytes!("../../tests/fixtures/remoteok/api-2026-03.json");

/// An index of the RemoteOK fixture's 97 listings, in a directory that lives as long as the run.
static INDEX: LazyLock<(tempfile::TempDir, SearchIndex)> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("a temp dir");
    let index = SearchIndex::open_or_create(dir.path()).expect("an index");
    let ctx = ParseContext::at(prepboard_fuzz::fetched_at());
    let parsed = registry::parse(SourceKind::RemoteOk, LISTINGS, &ctx).expect("the fixture parses");
    let listings: Vec<_> = parsed
        .listings
        .into_iter()
        .filter_map(|raw| Normalizer::bundled().normalize(raw).ok())
        .map(|normalized| normalized.listing)
        .collect();
    index.apply(&listings, &[], 1).expect("the fixture indexes");
    (dir, index)
});

fuzz_target!(|data: &[u8]| {
    let (_, index) = &*INDEX;
    let request = SearchRequest {
        query: prepboard_fuzz::text(data),
        now: Some(prepboard_fuzz::fetched_at()),
        ..SearchRequest::default()
    };
    if let Err(error) = index.search(&request) {
        panic!("the search for {:?} failed: {error}", request.query);
    }
});
