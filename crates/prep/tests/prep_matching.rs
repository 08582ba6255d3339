//! The matcher against a labelled set of real listings (`prep_fixtures/labels.toml`), plus its
//! promises: deterministic output, reasons in words, and a working catalog with no stored questions.
//!
//! Precision@3 here is, per listing, the share of the top three matches that are among the
//! expected entries, out of `min(3, expected)`: a listing labelled with two entries scores 1.0 when
//! both are in its top three. The figure is the mean over the labelled listings.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{TimeZone, Utc};
use prepboard_core::prep::{MatchBasis, PrepQuestion};
use prepboard_core::{Listing, Normalizer, SkillMention, SkillPlace, SourceKind, TitleFamily};
use prepboard_fetcher::sources::{self, ParseContext};
use prepboard_prep::{Catalog, Matcher};
use serde::Deserialize;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
const LABELS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/prep_fixtures/labels.toml"
));
const PAYLOADS: &[(SourceKind, &str)] = &[
    (
        SourceKind::WeWorkRemotely,
        "wwr/remote-back-end-programming-jobs-2022.rss",
    ),
    (
        SourceKind::WeWorkRemotely,
        "wwr/remote-full-stack-programming-jobs-2022.rss",
    ),
    (SourceKind::RemoteOk, "remoteok/api-2026-03.json"),
    (SourceKind::Greenhouse, "greenhouse/catawiki-content.json"),
];
const MIN_PRECISION_AT_3: f64 = 0.85;

#[derive(Debug, Deserialize)]
struct Labels {
    listing: Vec<Label>,
}

#[derive(Debug, Deserialize)]
struct Label {
    source: String,
    job: String,
    title: String,
    expected: Vec<String>,
}

/// Every listing of the labelled payloads, normalised, by (source slug, source job id).
fn fixture_listings() -> &'static HashMap<(String, String), Listing> {
    static LISTINGS: OnceLock<HashMap<(String, String), Listing>> = OnceLock::new();
    LISTINGS.get_or_init(parse_fixtures)
}

fn parse_fixtures() -> HashMap<(String, String), Listing> {
    let ctx = ParseContext::at(Utc.with_ymd_and_hms(2026, 10, 1, 6, 0, 0).unwrap());
    let mut listings = HashMap::new();
    for (kind, path) in PAYLOADS {
        let body = std::fs::read(format!("{FIXTURES}/{path}")).unwrap();
        for raw in sources::parse(*kind, &body, &ctx).unwrap().listings {
            let listing = Normalizer::bundled().normalize(raw).unwrap().listing;
            let key = (kind.slug().to_owned(), listing.source_job_id.clone());
            listings.entry(key).or_insert(listing);
        }
    }
    listings
}

#[test]
fn precision_at_3_on_the_labelled_listings() {
    let labels: Labels = toml::from_str(LABELS).unwrap();
    let catalog = Catalog::bundled();
    let listings = fixture_listings();
    let matcher = Matcher::new(catalog, &HashMap::new()).unwrap();

    assert!(
        labels.listing.len() >= 40,
        "{} labelled listings",
        labels.listing.len()
    );
    let mut total = 0.0;
    let mut misses = Vec::new();
    for label in &labels.listing {
        assert!((1..=4).contains(&label.expected.len()), "{}", label.job);
        for id in &label.expected {
            assert!(
                catalog.entry(id).is_some(),
                "{}: unknown entry {id}",
                label.job
            );
        }
        let listing = listings
            .get(&(label.source.clone(), label.job.clone()))
            .unwrap_or_else(|| panic!("{} {} is not in the fixtures", label.source, label.job));
        assert_eq!(
            listing.title, label.title,
            "the label's reminder title is stale"
        );

        let top: Vec<String> = matcher
            .match_listing(listing, 3)
            .into_iter()
            .map(|m| m.entry_id)
            .collect();
        let hits = top.iter().filter(|id| label.expected.contains(id)).count();
        let precision = hits as f64 / label.expected.len().min(3) as f64;
        total += precision;
        if precision < 1.0 {
            misses.push(format!(
                "  {precision:.2} {} ({}): got {top:?}, expected {:?}",
                label.title,
                listing.family.slug(),
                label.expected
            ));
        }
    }
    let precision = total / labels.listing.len() as f64;
    println!(
        "prep matcher precision@3 = {precision:.3} over {} labelled listings",
        labels.listing.len()
    );
    println!("listings below 1.0:\n{}", misses.join("\n"));
    assert!(
        precision >= MIN_PRECISION_AT_3,
        "precision@3 {precision:.3} < {MIN_PRECISION_AT_3}\n{}",
        misses.join("\n")
    );
}

fn listing(
    title: &str,
    family: TitleFamily,
    skills: &[(&str, u32, SkillPlace)],
    text: &str,
) -> Listing {
    let mut listing = fixture_listings()
        .values()
        .min_by(|a, b| a.source_job_id.cmp(&b.source_job_id))
        .unwrap()
        .clone();
    listing.title = title.to_owned();
    listing.family = family;
    listing.description_text = text.to_owned();
    listing.skills = skills
        .iter()
        .map(|&(skill, mentions, place)| SkillMention {
            skill: skill.to_owned(),
            mentions,
            place,
        })
        .collect();
    listing
}

#[test]
fn matches_explain_themselves_and_do_not_change_between_runs() {
    let matcher = Matcher::new(Catalog::bundled(), &HashMap::new()).unwrap();
    let api_job = listing(
        "Senior API Engineer",
        TitleFamily::ApiEngineer,
        &[
            ("kafka", 3, SkillPlace::Requirements),
            ("rest", 1, SkillPlace::Title),
        ],
        "You will design REST endpoints and stream events through Kafka topics and partitions.",
    );
    let first = matcher.match_listing(&api_job, 5);
    assert_eq!(first, matcher.match_listing(&api_job, 5), "deterministic");
    assert_eq!(first.len(), 5);
    assert!(
        first.windows(2).all(|w| w[0].score >= w[1].score),
        "best first"
    );

    let all_reasons: Vec<&str> = first
        .iter()
        .flat_map(|m| m.reasons.iter().map(String::as_str))
        .collect();
    assert!(
        all_reasons.contains(&"role: API engineer"),
        "{all_reasons:?}"
    );
    assert!(
        all_reasons.contains(&"asks for Kafka (3 mentions)"),
        "{all_reasons:?}"
    );
    assert!(
        all_reasons.contains(&"asks for REST in the title"),
        "{all_reasons:?}"
    );
    let kafka = first
        .iter()
        .find(|m| m.entry_id == "kafka-introduction")
        .unwrap();
    assert_eq!(kafka.basis, MatchBasis::Skill);
    assert!(
        first
            .iter()
            .any(|m| m.entry_id.starts_with("rr-api-engineer-")),
        "{first:?}"
    );
}

#[test]
fn a_listing_with_no_evidence_gets_no_matches() {
    let matcher = Matcher::new(Catalog::bundled(), &HashMap::new()).unwrap();
    let nothing = listing("Barista", TitleFamily::NonEngineering, &[], "Make coffee.");
    assert_eq!(matcher.match_listing(&nothing, 3), Vec::new());
    assert_eq!(matcher.match_listing(&nothing, 0), Vec::new());
}

#[test]
fn stored_questions_feed_text_similarity() {
    let catalog = Catalog::bundled();
    let job = listing(
        "Engineer",
        TitleFamily::OtherEngineering,
        &[],
        "Our service must survive a thundering herd of retries and idempotency-key storms.",
    );
    let offline = Matcher::new(catalog, &HashMap::new()).unwrap();
    assert!(
        offline
            .match_listing(&job, 3)
            .iter()
            .all(|m| m.entry_id != "rr-qa-engineer-database-testing"),
    );
    let questions = HashMap::from([(
        "rr-qa-engineer-database-testing".to_owned(),
        vec![PrepQuestion {
            position: 1,
            question: "How do you test a thundering herd of retries with idempotency keys?"
                .to_owned(),
            answer: None,
        }],
    )]);
    let online = Matcher::new(catalog, &questions).unwrap();
    let top = online.match_listing(&job, 1);
    assert_eq!(
        top[0].entry_id, "rr-qa-engineer-database-testing",
        "{top:?}"
    );
    assert!(
        top[0].reasons[0].starts_with("similar wording: "),
        "{top:?}"
    );
}
