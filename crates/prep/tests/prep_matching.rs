//! The matcher's promises, one failure class per test, on listings written for the purpose:
//! deterministic output with evidence in words, the top three on three topics, a language guide
//! only for a job centred on the language, boilerplate and tags weaker than requirements,
//! behavioural prep for every engineering role, and stored questions ordering entries within a
//! topic. Precision on real listings is measured in `prep_topics.rs`.

use std::collections::{HashMap, HashSet};

use chrono::{TimeZone, Utc};
use prepboard_core::prep::{MatchBasis, PrepQuestion};
use prepboard_core::{Listing, Normalizer, SourceKind, TitleFamily};
use prepboard_fetcher::{ParseContext, registry};
use prepboard_prep::{Catalog, Matcher};

// A crate root looks for modules beside it, so the path names the folder of this test.
#[path = "prep_matching/reading_rules.rs"]
mod reading_rules;

const ANY_LISTING: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/prep_fixtures/listings/remotive-remote-jobs-2026-05.json"
);

/// A listing with `title` and a description made of `html`, normalised as production would
/// (skills found by the bundled taxonomy), with `family` and `tags` set.
fn listing(title: &str, family: TitleFamily, tags: &[&str], html: &str) -> Listing {
    let ctx = ParseContext::at(Utc.with_ymd_and_hms(2026, 10, 1, 6, 0, 0).unwrap());
    let body = std::fs::read(ANY_LISTING).unwrap();
    let mut raw = registry::parse(SourceKind::Remotive, &body, &ctx)
        .unwrap()
        .listings
        .remove(0);
    raw.title = title.to_owned();
    raw.description_html = html.to_owned();
    raw.tags = tags.iter().map(|t| (*t).to_owned()).collect();
    raw.structured_skills.clear();
    let mut listing = Normalizer::bundled().normalize(raw).unwrap().listing;
    listing.family = family;
    listing
}

fn matcher() -> Matcher {
    Matcher::new(Catalog::bundled(), &HashMap::new()).unwrap()
}

/// The score `matcher` gives `topic` for a listing of `title` and `family` described by `html`;
/// 0 when the listing does not call for it.
fn topic_score(
    matcher: &Matcher,
    title: &str,
    family: TitleFamily,
    html: &str,
    topic: &str,
) -> f32 {
    matcher
        .topics_for(&listing(title, family, &[], html))
        .into_iter()
        .find(|t| t.topic == topic)
        .map_or(0.0, |t| t.score)
}

fn topics(matches: &[prepboard_core::prep::PrepMatch]) -> Vec<&str> {
    matches.iter().filter_map(|m| m.topic.as_deref()).collect()
}

#[test]
fn links_carry_their_evidence_cover_three_topics_and_do_not_change_between_runs() {
    let matcher = matcher();
    let job = listing(
        "Senior API Engineer",
        TitleFamily::ApiEngineer,
        &[],
        "<h3>Requirements</h3><ul><li>You will design Kafka consumers for our payment events.</li>\
         <li>Strong PostgreSQL: indexes, query plans and migrations.</li>\
         <li>Experience designing REST endpoints.</li></ul>",
    );
    let first = matcher.match_listing(&job, 5);
    assert_eq!(first, matcher.match_listing(&job, 5), "deterministic");
    assert_eq!(first.len(), 5);
    let top3: HashSet<&str> = topics(&first[..3]).into_iter().collect();
    assert_eq!(top3.len(), 3, "three topics: {first:?}");
    assert!(
        top3.contains("message-queues") && top3.contains("sql-databases"),
        "{first:?}"
    );

    let kafka = first
        .iter()
        .find(|m| m.topic.as_deref() == Some("message-queues"))
        .unwrap();
    assert_eq!(
        kafka.entry_id, "kafka-introduction",
        "the page on the skill asked for"
    );
    assert_eq!(
        kafka.evidence.as_deref(),
        Some("You will design Kafka consumers for our payment events.")
    );
    assert_eq!(
        kafka.reasons[0],
        "Message queues and events in the requirements: “You will design Kafka consumers for our \
         payment events.”"
    );
    assert!(
        kafka.reasons.contains(&"asks for Kafka".to_owned()),
        "{kafka:?}"
    );
    assert_eq!(kafka.basis, MatchBasis::Skill);
    let sql = first
        .iter()
        .find(|m| m.topic.as_deref() == Some("sql-databases"))
        .unwrap();
    assert!(sql.entry_id.starts_with("postgresql-"), "{sql:?}");
}

#[test]
fn a_language_guide_needs_a_job_centred_on_the_language() {
    let matcher = matcher();
    let listed = listing(
        "Backend Engineer",
        TitleFamily::BackendEngineer,
        &["golang", "python"],
        "<h3>What you'll do</h3><ul><li>Build and scale our REST APIs.</li>\
         <li>Own our PostgreSQL schema and queries.</li></ul>\
         <h3>Our stack</h3><p>Go, Python, Kafka, React, AWS.</p>",
    );
    let ids: Vec<String> = matcher
        .match_listing(&listed, 3)
        .into_iter()
        .map(|m| m.entry_id)
        .collect();
    for guide in ["effective-go", "python-asyncio"] {
        assert!(
            !ids.contains(&guide.to_owned()),
            "{guide} for a listed language: {ids:?}"
        );
    }

    let centred = listing(
        "Senior Go Engineer",
        TitleFamily::BackendEngineer,
        &[],
        "<h3>Requirements</h3><ul><li>5 years of Go in production.</li>\
         <li>Good knowledge of goroutines and channel patterns.</li></ul>",
    );
    let top = matcher.match_listing(&centred, 3);
    assert_eq!(top[0].entry_id, "effective-go", "{top:?}");
    assert_eq!(top[0].topic.as_deref(), Some("concurrency"));
}

#[test]
fn boilerplate_and_tags_count_less_than_requirements() {
    let matcher = matcher();
    let job = listing(
        "Software Engineer",
        TitleFamily::BackendEngineer,
        &["security", "mobile", "chat"],
        "<h3>About us</h3><p>We are a security company trusted by mobile teams worldwide.</p>\
         <h3>Requirements</h3><ul><li>Experience with MySQL query optimisation.</li>\
         <li>You write unit and integration tests.</li></ul>\
         <h3>Nice to have</h3><ul><li>GraphQL.</li></ul>",
    );
    let top = topics(&matcher.match_listing(&job, 3)).join(",");
    assert!(top.starts_with("sql-databases,testing-qa"), "{top}");
    assert!(
        !top.contains("security-auth") && !top.contains("mobile"),
        "{top}"
    );
}

#[test]
fn about_the_role_and_about_you_are_the_job_not_the_company() {
    let matcher = matcher();
    let job = listing(
        "Software Engineer",
        TitleFamily::BackendEngineer,
        &[],
        "<h3>About Northwind</h3><p>We run Kafka at a scale few companies do.</p>\
         <h3>About the role</h3><ul><li>Design and build REST APIs for our partners.</li></ul>\
         <h3>About you</h3><ul><li>Years of PostgreSQL query tuning.</li></ul>",
    );
    let matches = matcher.match_listing(&job, 2);
    let mut top = topics(&matches);
    top.sort_unstable();
    // The duties and the requirements count in full; the company's Kafka does not lead.
    assert_eq!(top, ["rest-api-design", "sql-databases"], "{top:?}");
    let places: Vec<(String, &str)> = matcher
        .topics_for(&job)
        .into_iter()
        .map(|t| (t.topic, t.place.phrase()))
        .collect();
    for (topic, place) in [
        ("rest-api-design", "in the responsibilities"),
        ("sql-databases", "in the requirements"),
        ("message-queues", "in the company description"),
    ] {
        assert!(
            places.contains(&(topic.to_owned(), place)),
            "{topic}: {places:?}"
        );
    }
}

#[test]
fn words_in_another_sense_are_not_evidence() {
    let matcher = matcher();
    let job = listing(
        "Software Engineer",
        TitleFamily::BackendEngineer,
        &[],
        "<h3>Responsibilities</h3><ul><li>Run A/B tests on the checkout flow.</li>\
         <li>Report on the business metrics of each experiment.</li>\
         <li>Applicants need authorization to work in Canada.</li>\
         <li>Build the pricing APIs.</li></ul>",
    );
    let found: Vec<String> = matcher
        .topics_for(&job)
        .into_iter()
        .map(|t| t.topic)
        .collect();
    for other_sense in ["testing-qa", "observability", "security-auth"] {
        assert!(
            !found.iter().any(|t| t == other_sense),
            "{other_sense}: {found:?}"
        );
    }
    assert_eq!(found.first().map(String::as_str), Some("rest-api-design"));
    // The same words in their own sense still count, in the same sentence as the other sense.
    let job = listing(
        "Software Engineer",
        TitleFamily::BackendEngineer,
        &[],
        "<h3>Requirements</h3><ul><li>Run A/B tests and write the unit tests behind them.</li></ul>",
    );
    let found = matcher.topics_for(&job);
    assert!(found.iter().any(|t| t.topic == "testing-qa"), "{found:?}");
}

#[test]
fn another_trade_named_in_passing_counts_half() {
    let matcher = matcher();
    let html = "<h3>Requirements</h3><ul><li>Build the Node.js APIs behind our React Native app.</li>\
                <li>Run PostgreSQL and Redis in production.</li></ul>";
    let backend = listing("Backend Engineer", TitleFamily::BackendEngineer, &[], html);
    let top = topics(&matcher.match_listing(&backend, 3)).join(",");
    assert!(
        !top.contains("mobile"),
        "a backend job is not a mobile job: {top}"
    );
    let mobile = listing("Mobile Engineer", TitleFamily::MobileEngineer, &[], html);
    let top = topics(&matcher.match_listing(&mobile, 3)).join(",");
    assert!(top.starts_with("mobile"), "{top}");
}

#[test]
fn every_engineering_role_is_offered_behavioural_prep() {
    let matcher = matcher();
    let job = listing(
        "Data Engineer",
        TitleFamily::DataEngineer,
        &[],
        "<ul><li>Build Airflow DAGs that load our Snowflake warehouse.</li></ul>",
    );
    let all = matcher.match_listing(&job, 10);
    let behavioural = all
        .iter()
        .find(|m| m.topic.as_deref() == Some("behavioral"))
        .unwrap_or_else(|| panic!("{all:?}"));
    assert_eq!(behavioural.basis, MatchBasis::Role);
    assert_eq!(behavioural.evidence, None);
    assert_eq!(all[0].topic.as_deref(), Some("data-pipelines"), "{all:?}");

    let barista = listing(
        "Barista",
        TitleFamily::NonEngineering,
        &[],
        "<p>Make coffee.</p>",
    );
    assert_eq!(matcher.match_listing(&barista, 3), Vec::new());
    assert_eq!(matcher.match_listing(&job, 0), Vec::new());
}

#[test]
fn grouped_topics_list_each_entry_once_with_the_topic_evidence() {
    let matcher = matcher();
    let job = listing(
        "Platform Engineer",
        TitleFamily::PlatformEngineer,
        &[],
        "<h3>Responsibilities</h3><ul><li>Run our Kubernetes clusters on AWS.</li>\
         <li>Own CI/CD pipelines and Terraform modules.</li></ul>",
    );
    let groups = matcher.match_topics(&job, 4, 2);
    assert!(!groups.is_empty() && groups.len() <= 4);
    let mut seen = HashSet::new();
    for group in &groups {
        assert!(!group.entries.is_empty() && group.entries.len() <= 2);
        for entry in &group.entries {
            assert!(
                seen.insert(entry.entry_id.clone()),
                "{} twice",
                entry.entry_id
            );
            assert_eq!(entry.topic.as_deref(), Some(group.topic.as_str()));
        }
    }
    assert_eq!(groups[0].topic, "kubernetes", "{groups:?}");
    assert_eq!(
        groups[0].evidence.as_deref(),
        Some("Run our Kubernetes clusters on AWS.")
    );
    assert_eq!(groups[0].place, "in the responsibilities");
}

#[test]
fn stored_questions_order_entries_within_a_topic() {
    let catalog = Catalog::bundled();
    let job = listing(
        "QA Engineer",
        TitleFamily::OtherEngineering,
        &[],
        "<ul><li>You will test how our service survives a thundering herd of retries and \
         idempotency-key storms.</li></ul>",
    );
    let first_testing = |matcher: &Matcher| {
        matcher
            .match_listing(&job, 5)
            .into_iter()
            .find(|m| m.topic.as_deref() == Some("testing-qa"))
            .map(|m| m.entry_id)
    };
    let offline = Matcher::new(catalog, &HashMap::new()).unwrap();
    let winner = first_testing(&offline).unwrap();
    // Another page on the topic, whose stored questions share the listing's wording.
    let other = catalog
        .entries_for_topic("testing-qa")
        .into_iter()
        .map(|e| e.id.clone())
        .find(|id| *id != winner)
        .unwrap();
    let questions = HashMap::from([(
        other.clone(),
        vec![PrepQuestion {
            position: 1,
            question: "How do you test a thundering herd of retries with idempotency keys?"
                .to_owned(),
            answer: None,
        }],
    )]);
    let online = Matcher::new(catalog, &questions).unwrap();
    assert_eq!(first_testing(&online), Some(other));
}

#[test]
fn a_topic_only_the_title_family_implies_ranks_below_one_the_listing_names() {
    // Why: the family alone is a guess from the title; a DevOps ad that never says Kubernetes but
    // lists AWS as a plus is asked about AWS first.
    let matcher = matcher();
    let job = listing(
        "Cloud Architect",
        TitleFamily::DevopsSre,
        &[],
        "<h3>Responsibilities</h3><ul><li>Design the architecture of our SaaS platforms.</li></ul>\
         <h3>Nice to have</h3><ul><li>Experience with AWS.</li></ul>",
    );
    let found: Vec<String> = matcher
        .topics_for(&job)
        .into_iter()
        .map(|t| t.topic)
        .collect();
    let rank = |topic: &str| found.iter().position(|t| t == topic).unwrap();
    assert!(rank("cloud-aws") < rank("kubernetes"), "{found:?}");
    assert!(rank("cloud-aws") < rank("containers"), "{found:?}");
    // Named in words, a family topic keeps its family bonus on top. (Not a "DevOps Engineer":
    // that title names DevOps, which calls for CI/CD itself.)
    let named = listing(
        "Site Reliability Engineer",
        TitleFamily::DevopsSre,
        &[],
        "<h3>Nice to have</h3><ul><li>Experience with AWS.</li><li>Kubernetes.</li></ul>",
    );
    let top = matcher.topics_for(&named);
    assert_eq!(top[0].topic, "kubernetes", "{top:?}");
}

#[test]
fn a_staff_engineer_gets_system_design_prep_though_the_ad_never_says_design() {
    let matcher = matcher();
    let html = "<h3>Requirements</h3><ul><li>Build our billing service in Go.</li>\
                <li>Strong PostgreSQL and Redis.</li></ul>";
    let staff = listing(
        "Staff Backend Engineer",
        TitleFamily::BackendEngineer,
        &[],
        html,
    );
    let senior = listing(
        "Senior Backend Engineer",
        TitleFamily::BackendEngineer,
        &[],
        html,
    );
    let has_design =
        |job: &Listing| topics(&matcher.match_listing(job, 5)).contains(&"system-design");
    assert!(has_design(&staff), "{:?}", matcher.match_listing(&staff, 5));
    assert!(
        !has_design(&senior),
        "a senior loop is not assumed to have a design round: {:?}",
        matcher.match_listing(&senior, 5)
    );
}

#[test]
fn a_listing_asking_about_one_topic_still_gets_three_topics_in_its_first_three_links() {
    // Why: with one topic found, the first three links used to be that topic's page, behavioural
    // prep and the topic's second page. The rounds of every engineering loop fill the gap.
    let matcher = matcher();
    let html = "<p>You will build our iOS app in Swift.</p>";
    let engineer = listing("iOS Engineer", TitleFamily::MobileEngineer, &[], html);
    let top = matcher.match_listing(&engineer, 3);
    let topics_of_top: Vec<&str> = topics(&top);
    assert_eq!(
        topics_of_top,
        ["mobile", "behavioral", "system-design"],
        "{top:?}"
    );
    assert!(top[1].evidence.is_none() && top[2].evidence.is_none());

    let designer = listing("Product Designer", TitleFamily::NonEngineering, &[], html);
    let read = matcher.topics_for(&designer);
    assert!(
        read.iter()
            .all(|t| t.topic != "behavioral" && t.topic != "system-design"),
        "not an engineering loop: {read:?}"
    );
}

#[test]
fn a_bare_e2e_counts_less_than_e2e_tests() {
    // Why: "own features E2E" is ownership end to end, not a testing round; "E2E tests" is one.
    let matcher = matcher();
    let testing = |item: &str| {
        let html = format!("<h3>Responsibilities</h3><ul><li>{item}</li></ul>");
        topic_score(
            &matcher,
            "Lead Engineer",
            TitleFamily::OtherEngineering,
            &html,
            "testing-qa",
        )
    };
    let ownership = testing("Own features E2E, from design to launch.");
    let tests = testing("Write E2E tests for our checkout.");
    assert!(
        ownership > 0.0 && ownership < tests,
        "{ownership} vs {tests}"
    );
}
