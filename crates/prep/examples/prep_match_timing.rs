//! Times the prep matcher on every listing of the recorded fixtures and prints the mean time per
//! listing. A measurement, not a test: `cargo run --release -p prepboard-prep --example prep_match_timing`.

use std::collections::HashMap;
use std::time::Instant;

use chrono::Utc;
use prepboard_core::{Normalizer, SourceKind};
use prepboard_fetcher::{ParseContext, registry};
use prepboard_prep::{Catalog, Matcher};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
const PASSES: usize = 20;

fn main() -> anyhow::Result<()> {
    let ctx = ParseContext::at(Utc::now());
    let mut listings = Vec::new();
    for (kind, path) in [
        (
            SourceKind::WeWorkRemotely,
            "wwr/remote-back-end-programming-jobs-2022.rss",
        ),
        (
            SourceKind::WeWorkRemotely,
            "wwr/remote-full-stack-programming-jobs-2022.rss",
        ),
        (SourceKind::WeWorkRemotely, "wwr/remote-jobs-2022.rss"),
        (SourceKind::RemoteOk, "remoteok/api-2026-03.json"),
        (SourceKind::Greenhouse, "greenhouse/catawiki-content.json"),
    ] {
        let body = std::fs::read(format!("{FIXTURES}/{path}"))?;
        let parsed = registry::parse(kind, &body, &ctx)?;
        listings.extend(
            parsed
                .listings
                .into_iter()
                .filter_map(|raw| Normalizer::bundled().normalize(raw).ok())
                .map(|normalized| normalized.listing),
        );
    }
    let built = Instant::now();
    let matcher = Matcher::new(Catalog::bundled(), &HashMap::new())?;
    println!(
        "matcher built in {:?} ({} entries)",
        built.elapsed(),
        Catalog::bundled().len()
    );

    let mut matched = 0;
    let started = Instant::now();
    for _ in 0..PASSES {
        for listing in &listings {
            matched += matcher.match_listing(listing, 3).len();
        }
    }
    let runs = (PASSES * listings.len()) as u32;
    let per_listing = started.elapsed() / runs.max(1);
    println!(
        "{} listings x {PASSES} passes: {per_listing:?} per listing ({matched} matches)",
        listings.len()
    );
    let started = Instant::now();
    let mut n = 0;
    for _ in 0..PASSES {
        for listing in &listings {
            n += matcher.topics_for(listing).len();
        }
    }
    println!(
        "topics_for alone: {:?} per listing ({n})",
        started.elapsed() / runs.max(1)
    );
    Ok(())
}
