//! The Hacker News source end to end through a local HN Search stand-in (wiremock): thread
//! discovery, comment pages, paging, a missing thread, a deleted comment, an edited comment, and
//! a second run that finds nothing new.
//!
//! The store's side (an edited post updating its listing, a repeated run leaving everything
//! unchanged) is tested through the binary in the root `tests/hn_source.rs`; here the fetch path
//! is pinned: which requests are made and what listings come back.

use std::time::Duration;

use chrono::{DateTime, Utc};
use prepboard_core::{Listing, Normalizer, SourceKind, WorkplaceType};
use prepboard_fetcher::HackerNewsSpec;
use prepboard_fetcher::{
    FetchError, FetchOutcome, FetchSource, HttpClient, HttpPolicy, PriorState, ReadPolicy,
    SourceSpec, fetch_source,
};
use serde_json::{Value, json};
use url::Url;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const MARCH: u64 = 300;
const FEBRUARY: u64 = 200;
const JANUARY: u64 = 100;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-20T12:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn policy() -> HttpPolicy {
    HttpPolicy {
        user_agent: "prepboard/0.1 (+https://example.org/contact)".to_owned(),
        connect_timeout: Duration::from_secs(2),
        total_timeout: Duration::from_secs(5),
        max_body_bytes: 1024 * 1024,
        per_host_per_minute: 600_000,
        max_concurrency: 4,
        max_retries: 0,
        backoff_base: Duration::from_millis(10),
        max_retry_after: Duration::from_millis(50),
    }
}

fn source(server: &MockServer, hits_per_page: u32) -> FetchSource {
    FetchSource {
        name: "hn".to_owned(),
        spec: SourceSpec::HackerNews(HackerNewsSpec {
            base_url: Url::parse(&format!("{}/api/v1", server.uri())).unwrap(),
            keep_threads: 2,
            hits_per_page,
            max_pages: 4,
            min_interval: Duration::from_secs(3600),
        }),
    }
}

fn story(id: u64, title: &str, created_at: i64, comments: u64) -> Value {
    json!({"author": "whoishiring", "created_at_i": created_at, "objectID": id.to_string(),
           "title": title, "num_comments": comments})
}

/// A comment hit as HN Search answers it; `text: None` is a deleted comment.
fn hit(id: u64, parent: u64, story: u64, text: Option<&str>) -> Value {
    json!({
        "objectID": id.to_string(),
        "parent_id": parent,
        "story_id": story,
        "author": text.map(|_| "poster"),
        "comment_text": text,
        "created_at_i": 1_772_463_685 + id as i64,
        "_tags": ["comment", format!("story_{story}")],
    })
}

async fn mount_discovery(server: &MockServer, stories: Vec<Value>) {
    Mock::given(method("GET"))
        .and(path("/api/v1/search_by_date"))
        .and(query_param("tags", "story,author_whoishiring"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"hits": stories, "nbHits": 4})),
        )
        .mount(server)
        .await;
}

/// Serves `hits` as pages of `per_page`, as HN Search pages them; every page must be asked for.
async fn mount_thread(server: &MockServer, story: u64, hits: &[Value], per_page: usize) {
    mount_pages(server, story, hits, per_page, true).await;
}

async fn mount_pages(
    server: &MockServer,
    story: u64,
    hits: &[Value],
    per_page: usize,
    all_read: bool,
) {
    let pages = hits.len().div_ceil(per_page).max(1);
    for page in 0..pages {
        let slice: Vec<Value> = hits
            .iter()
            .skip(page * per_page)
            .take(per_page)
            .cloned()
            .collect();
        Mock::given(method("GET"))
            .and(path("/api/v1/search_by_date"))
            .and(query_param(
                "tags",
                format!("comment,story_{story}").as_str(),
            ))
            .and(query_param("page", page.to_string().as_str()))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "hits": slice, "nbHits": hits.len(), "nbPages": pages,
                "page": page, "hitsPerPage": per_page,
            })))
            .expect(if all_read { 1.. } else { 0.. })
            .mount(server)
            .await;
    }
}

const ACME: &str = "Acme | Senior Backend Engineer | REMOTE (US) | $150k-$190k | <a href=\"https:&#x2F;&#x2F;acme.example&#x2F;jobs&#x2F;1\">https:&#x2F;&#x2F;acme.example&#x2F;jobs&#x2F;1</a><p>We build payment APIs in Go.";
const ACME_EDITED: &str = "Acme | Senior Backend Engineer | REMOTE (US) | $160k-$200k | <a href=\"https:&#x2F;&#x2F;acme.example&#x2F;jobs&#x2F;1\">https:&#x2F;&#x2F;acme.example&#x2F;jobs&#x2F;1</a><p>We build payment APIs in Go and Rust.";
const BETA: &str = "Beta Labs | Backend and Frontend Engineers | NYC or Remote | Full-time<p>Write to jobs@beta.example";
const GAMMA: &str = "Gamma | Berlin, Germany | ONSITE<p>We are hiring:<p>- Staff Data Engineer: https://gamma.example/data<p>- Product Designer: https://gamma.example/design";
const SEEKER: &str = "Hey, I applied last month and haven't received any response yet…";
const OLD_ACME: &str =
    "Acme | Senior Backend Engineer | REMOTE (US) | $140k-$180k<p>Last month's post.";
const DELTA: &str = "Delta | Site Reliability Engineer | Hybrid (London) | £90k";

fn march_hits(acme: &str) -> Vec<Value> {
    vec![
        hit(301, MARCH, MARCH, Some(acme)),
        hit(302, MARCH, MARCH, Some(BETA)),
        hit(303, 301, MARCH, Some("Is this open to Canada?")),
        hit(304, MARCH, MARCH, None),
        hit(305, MARCH, MARCH, Some(GAMMA)),
        hit(306, 305, MARCH, Some("Replied by mail.")),
        hit(307, MARCH, MARCH, Some(SEEKER)),
    ]
}

fn february_hits() -> Vec<Value> {
    vec![
        hit(201, FEBRUARY, FEBRUARY, Some(OLD_ACME)),
        hit(202, FEBRUARY, FEBRUARY, Some(DELTA)),
    ]
}

async fn hn_server(acme: &str) -> MockServer {
    let server = MockServer::start().await;
    mount_discovery(
        &server,
        vec![
            story(
                400,
                "Ask HN: Who wants to be hired? (March 2026)",
                1_772_463_700,
                90,
            ),
            story(
                MARCH,
                "Ask HN: Who is hiring? (March 2026)",
                1_772_463_685,
                7,
            ),
            story(
                FEBRUARY,
                "Ask HN: Who is hiring? (February 2026)",
                1_770_044_496,
                2,
            ),
            story(
                JANUARY,
                "Ask HN: Who is hiring? (January 2026)",
                1_767_366_253,
                9,
            ),
        ],
    )
    .await;
    mount_thread(&server, MARCH, &march_hits(acme), 3).await;
    mount_thread(&server, FEBRUARY, &february_hits(), 3).await;
    // Only the two newest hiring threads are read.
    Mock::given(method("GET"))
        .and(query_param(
            "tags",
            format!("comment,story_{JANUARY}").as_str(),
        ))
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    server
}

async fn run(server: &MockServer, prior: &PriorState) -> Result<FetchOutcome, FetchError> {
    let client = HttpClient::new(policy()).unwrap();
    fetch_source(
        &client,
        &source(server, 3),
        prior,
        Normalizer::bundled(),
        ReadPolicy::default(),
        now(),
    )
    .await
}

fn by_title<'a>(listings: &'a [Listing], title: &str) -> &'a Listing {
    listings
        .iter()
        .find(|listing| listing.title == title)
        .unwrap_or_else(|| panic!("no {title} in {:?}", titles(listings)))
}

fn titles(listings: &[Listing]) -> Vec<String> {
    let mut titles: Vec<String> = listings.iter().map(|l| l.title.clone()).collect();
    titles.sort();
    titles
}

#[tokio::test]
async fn threads_pages_roles_and_a_second_run() {
    let server = hn_server(ACME).await;
    let first = run(&server, &PriorState::default()).await.unwrap();
    assert_eq!(
        titles(&first.listings),
        [
            "Backend Engineer",
            "Frontend Engineer",
            "Product Designer",
            "Senior Backend Engineer",
            "Site Reliability Engineer",
            "Staff Data Engineer",
        ],
        "replies, the deleted comment and the job seeker are skipped; February's Acme repost is dropped"
    );
    let acme = by_title(&first.listings, "Senior Backend Engineer");
    assert_eq!(acme.source, SourceKind::HackerNews);
    assert_eq!(acme.source_url, "https://news.ycombinator.com/item?id=301");
    assert_eq!(acme.source_job_id, "301:senior-backend-engineer");
    assert_eq!(
        acme.apply_url.as_deref(),
        Some("https://acme.example/jobs/1")
    );
    assert_eq!(acme.workplace, WorkplaceType::Remote);
    assert_eq!(acme.salary.as_ref().and_then(|s| s.min), Some(150_000.0));
    let beta = by_title(&first.listings, "Frontend Engineer");
    assert_eq!(beta.workplace, WorkplaceType::RemoteOrOffice);
    assert!(beta.description_html.contains("jobs@beta.example"));
    assert!(!beta.description_html.contains("mailto"));
    let gamma = by_title(&first.listings, "Staff Data Engineer");
    assert_eq!(
        gamma.apply_url.as_deref(),
        Some("https://gamma.example/data")
    );
    assert_eq!(gamma.workplace, WorkplaceType::Onsite);
    let delta = by_title(&first.listings, "Site Reliability Engineer");
    assert_eq!(delta.source_url, "https://news.ycombinator.com/item?id=202");
    assert!(
        first
            .warnings
            .iter()
            .any(|w| w.contains("1 deleted") && w.contains("1 not a job post")),
        "{:?}",
        first.warnings
    );

    // Nothing changed upstream: the same listings, field for field.
    let second = run(&server, &PriorState::default()).await.unwrap();
    assert_eq!(second.listings, first.listings);
}

#[tokio::test]
async fn an_edited_post_keeps_its_listing_and_changes_its_content() {
    let before = run(&hn_server(ACME).await, &PriorState::default())
        .await
        .unwrap();
    let after = run(&hn_server(ACME_EDITED).await, &PriorState::default())
        .await
        .unwrap();
    let (old, new) = (
        by_title(&before.listings, "Senior Backend Engineer"),
        by_title(&after.listings, "Senior Backend Engineer"),
    );
    assert_eq!(old.id, new.id, "same comment, same role: same listing");
    assert_ne!(old.description_text, new.description_text);
    assert_eq!(new.salary.as_ref().and_then(|s| s.min), Some(160_000.0));
    // The other roles are untouched.
    assert_eq!(
        by_title(&before.listings, "Staff Data Engineer"),
        by_title(&after.listings, "Staff Data Engineer")
    );
}

#[tokio::test]
async fn a_missing_or_empty_thread_fails_the_run() {
    // The thread's search answers 404: the run fails naming the thread, and closes nothing.
    let server = MockServer::start().await;
    mount_discovery(
        &server,
        vec![story(
            MARCH,
            "Ask HN: Who is hiring? (March 2026)",
            1_772_463_685,
            7,
        )],
    )
    .await;
    let error = run(&server, &PriorState::default()).await.unwrap_err();
    assert!(
        matches!(&error, FetchError::UnknownBoard { what, .. } if what.contains("March 2026")),
        "{error}"
    );

    // A thread that counts comments but answers none is not a thread with no jobs.
    let server = MockServer::start().await;
    mount_discovery(
        &server,
        vec![story(
            MARCH,
            "Ask HN: Who is hiring? (March 2026)",
            1_772_463_685,
            7,
        )],
    )
    .await;
    mount_thread(&server, MARCH, &[], 3).await;
    let error = run(&server, &PriorState::default()).await.unwrap_err();
    assert!(
        error
            .to_string()
            .contains("none, though the thread counts 7"),
        "{error}"
    );

    // No hiring thread at all: a failure, not an empty success.
    let server = MockServer::start().await;
    mount_discovery(
        &server,
        vec![story(
            400,
            "Ask HN: Who wants to be hired? (March 2026)",
            1,
            3,
        )],
    )
    .await;
    let error = run(&server, &PriorState::default()).await.unwrap_err();
    assert!(error.to_string().contains("Who is hiring?"), "{error}");
}

#[tokio::test]
async fn a_thread_larger_than_the_page_budget_fails_instead_of_losing_posts() {
    let server = MockServer::start().await;
    mount_discovery(
        &server,
        vec![story(
            MARCH,
            "Ask HN: Who is hiring? (March 2026)",
            1_772_463_685,
            7,
        )],
    )
    .await;
    let many: Vec<Value> = (0..20)
        .map(|n| hit(3000 + n, MARCH, MARCH, Some(DELTA)))
        .collect();
    // The first page says how many there are; the run stops there.
    mount_pages(&server, MARCH, &many, 3, false).await;
    let error = run(&server, &PriorState::default()).await.unwrap_err();
    assert!(
        error.to_string().contains("20 comments in 7 pages"),
        "{error}"
    );
}

#[tokio::test]
async fn the_poll_budget_refuses_a_run_too_soon() {
    let server = MockServer::start().await; // no request may be made
    let prior = PriorState {
        recent_attempts: vec![now() - chrono::Duration::minutes(10)],
        ..PriorState::default()
    };
    let error = run(&server, &prior).await.unwrap_err();
    assert!(matches!(error, FetchError::Budget(_)), "{error}");
    assert!(
        server
            .received_requests()
            .await
            .unwrap_or_default()
            .is_empty()
    );
}
