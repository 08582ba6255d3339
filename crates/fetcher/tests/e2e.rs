//! End-to-end: every source served by wiremock on 127.0.0.1 from real fixture payloads, with
//! faults, fetched through the real client, parsers and normaliser.
//!
//! Expected listings are computed by running the same fixture through `registry::parse` and the
//! normaliser directly, so these tests pin the fetch path (URLs, retries, errors, merging), not the
//! parsers' output, which `tests/parsers.rs` snapshots.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use prepboard_core::{Listing, Normalizer, SourceKind};
use prepboard_fetcher::{
    FetchError, FetchOutcome, FetchSource, HttpClient, HttpPolicy, PriorState, Progress,
    ReadPolicy, SourceSpec, Validators, fetch_all, fetch_source,
};
use prepboard_fetcher::{ParseContext, registry};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use url::Url;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

macro_rules! fixture {
    ($path:literal) => {
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../", $path)).as_slice()
    };
}

const AIRBNB: &[u8] = fixture!("tests/fixtures/greenhouse/airbnb-list.json");
const GITLAB: &[u8] = fixture!("tests/fixtures/greenhouse/gitlab-content-trimmed.json");
const ZOOX: &[u8] = fixture!("tests/fixtures/lever/zoox.json");
const ASHBY: &[u8] = fixture!("tests/fixtures/ashby/ashby.json");
const REMOTIVE: &[u8] = fixture!("tests/fixtures/remotive/remote-jobs-2026-05.json");
const REMOTEOK: &[u8] = fixture!("tests/fixtures/remoteok/api-sample.json");
const JSONLD: &[u8] = fixture!("tests/fixtures/jsonld/jobposting-marsbased.json");
const WWR_BACK_END: &[u8] =
    fixture!("config/snapshot/wwr/remote-back-end-programming-jobs-2022.rss");
const WWR_FULL_STACK: &[u8] =
    fixture!("config/snapshot/wwr/remote-full-stack-programming-jobs-2022.rss");

const MAX_BODY_BYTES: u64 = 1024 * 1024;
/// Long enough that no healthy mock response times out on a loaded machine (at 1.5 s, robots.txt
/// and the 404 were now and then retried after a timeout, and counted twice); short enough for
/// the slow board's three attempts.
const TOTAL_TIMEOUT: Duration = Duration::from_millis(3000);

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-05-02T12:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

/// Fast and generous, so only the faults under test fail: 10 ms backoff, a per-host rate that
/// never binds (every mock is on 127.0.0.1).
fn test_policy() -> HttpPolicy {
    HttpPolicy {
        user_agent: "prepboard/0.1 (+https://example.org/contact)".to_owned(),
        connect_timeout: Duration::from_secs(2),
        total_timeout: TOTAL_TIMEOUT,
        max_body_bytes: MAX_BODY_BYTES,
        per_host_per_minute: 600_000,
        max_concurrency: 8,
        max_retries: 2,
        backoff_base: Duration::from_millis(10),
        max_retry_after: Duration::from_secs(5),
    }
}

fn base(server: &MockServer) -> Url {
    Url::parse(&server.uri()).unwrap()
}

fn jsonld_page(json: &[u8]) -> String {
    format!(
        "<!doctype html><html><head><title>Careers</title>\
         <script type=\"application/ld+json\">{}</script></head>\
         <body><h1>Full Stack Software Engineer</h1></body></html>",
        String::from_utf8_lossy(json)
    )
}

/// What fetching `bodies` should give: each parsed and normalised, merged by source job id.
fn expected_listings(
    kind: SourceKind,
    bodies: &[&[u8]],
    company: Option<&str>,
    page_url: Option<&Url>,
) -> Vec<Listing> {
    let ctx = ParseContext {
        fetched_at: now(),
        company,
        page_url,
    };
    let mut seen = HashSet::new();
    bodies
        .iter()
        .flat_map(|body| registry::parse(kind, body, &ctx).unwrap().listings)
        .filter(|raw| seen.insert(raw.source_job_id.clone()))
        .map(|raw| Normalizer::bundled().normalize(raw).unwrap().listing)
        .collect()
}

fn greenhouse(server: &MockServer, board: &str) -> FetchSource {
    FetchSource {
        name: format!("greenhouse:{board}"),
        spec: SourceSpec::Greenhouse {
            base_url: base(server),
            board: board.to_owned(),
            company: None,
        },
    }
}

fn lever(server: &MockServer, site: &str, company: &str) -> FetchSource {
    FetchSource {
        name: format!("lever:{site}"),
        spec: SourceSpec::Lever {
            base_url: base(server),
            site: site.to_owned(),
            company: Some(company.to_owned()),
        },
    }
}

fn ashby(server: &MockServer, board: &str) -> FetchSource {
    FetchSource {
        name: format!("ashby:{board}"),
        spec: SourceSpec::Ashby {
            base_url: base(server),
            board: board.to_owned(),
            company: Some("Ashby".to_owned()),
        },
    }
}

async fn serve(server: &MockServer, at: &str, response: ResponseTemplate) {
    Mock::given(method("GET"))
        .and(path(at))
        .respond_with(response)
        .mount(server)
        .await;
}

fn ok(body: &[u8]) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_bytes(body)
}

/// Answers 429 with `Retry-After: 1` first, then the payload, noting when each request arrived.
struct RateLimitedOnce {
    arrivals: Arc<Mutex<Vec<Instant>>>,
    body: &'static [u8],
}

impl Respond for RateLimitedOnce {
    fn respond(&self, _request: &Request) -> ResponseTemplate {
        let mut arrivals = self.arrivals.lock().unwrap();
        arrivals.push(Instant::now());
        if arrivals.len() == 1 {
            ResponseTemplate::new(429).insert_header("Retry-After", "1")
        } else {
            ok(self.body)
        }
    }
}

enum Expect {
    Listings(Vec<Listing>),
    /// Fragments the error message must contain.
    Error(Vec<String>),
}

#[tokio::test]
async fn every_source_is_fetched_and_every_fault_is_a_clear_error() {
    let server = MockServer::start().await;
    let uri = server.uri();

    // Healthy sources, one of each kind.
    serve(&server, "/v1/boards/airbnb/jobs", ok(AIRBNB)).await;
    serve(&server, "/v0/postings/zoox", ok(ZOOX)).await;
    serve(&server, "/posting-api/job-board/ashby", ok(ASHBY)).await;
    serve(
        &server,
        "/posting-api/job-board/empty",
        ok(br#"{"apiVersion":"1","jobs":[]}"#),
    )
    .await;
    serve(
        &server,
        "/categories/remote-back-end-programming-jobs.rss",
        ok(WWR_BACK_END),
    )
    .await;
    serve(
        &server,
        "/categories/remote-full-stack-programming-jobs.rss",
        ok(WWR_FULL_STACK),
    )
    .await;
    Mock::given(method("GET"))
        .and(path("/api/remote-jobs"))
        .and(query_param("category", "product"))
        .respond_with(ok(REMOTIVE))
        .mount(&server)
        .await;
    serve(&server, "/api", ok(REMOTEOK)).await;
    serve(&server, "/robots.txt", ResponseTemplate::new(404)).await;
    serve(
        &server,
        "/careers/full-stack",
        ResponseTemplate::new(200).set_body_raw(jsonld_page(JSONLD), "text/html"),
    )
    .await;

    // 500 once, then the payload.
    Mock::given(method("GET"))
        .and(path("/v1/boards/gitlab/jobs"))
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    serve(&server, "/v1/boards/gitlab/jobs", ok(GITLAB)).await;
    // 429 with Retry-After: 1, then the payload.
    let arrivals = Arc::new(Mutex::new(Vec::new()));
    Mock::given(method("GET"))
        .and(path("/v1/boards/busy/jobs"))
        .respond_with(RateLimitedOnce {
            arrivals: arrivals.clone(),
            body: AIRBNB,
        })
        .with_priority(1)
        .mount(&server)
        .await;

    // Faults.
    serve(
        &server,
        "/v1/boards/nosuch/jobs",
        ResponseTemplate::new(404),
    )
    .await;
    serve(
        &server,
        "/v1/boards/slow/jobs",
        ok(AIRBNB).set_delay(TOTAL_TIMEOUT * 4),
    )
    .await;
    serve(
        &server,
        "/v0/postings/broken",
        ok(br#"[{"id": "5a0e", "text": "Backend Engineer",}]"#),
    )
    .await;
    // wiremock (hyper) will not send a body shorter than its Content-Length, so a bare socket does.
    let truncating = truncating_server(GITLAB).await;
    let huge = vec![b' '; usize::try_from(MAX_BODY_BYTES).unwrap() + 1];
    serve(&server, "/v1/boards/huge/jobs", ok(&huge)).await;
    let loop_url = format!("{uri}/posting-api/job-board/loop?includeCompensation=true");
    serve(
        &server,
        "/posting-api/job-board/loop",
        ResponseTemplate::new(302).insert_header("Location", loop_url.as_str()),
    )
    .await;

    let page = Url::parse(&format!("{uri}/careers/full-stack")).unwrap();
    let sources = vec![
        greenhouse(&server, "airbnb"),
        greenhouse(&server, "gitlab"),
        greenhouse(&server, "busy"),
        lever(&server, "zoox", "Zoox"),
        ashby(&server, "ashby"),
        ashby(&server, "empty"),
        FetchSource {
            name: "wwr".to_owned(),
            spec: SourceSpec::WeWorkRemotely {
                base_url: base(&server),
                categories: vec![
                    "remote-back-end-programming-jobs".to_owned(),
                    "remote-full-stack-programming-jobs".to_owned(),
                ],
            },
        },
        FetchSource {
            name: "remotive".to_owned(),
            spec: SourceSpec::Remotive {
                base_url: base(&server),
                categories: vec!["product".to_owned()],
            },
        },
        FetchSource {
            name: "remoteok".to_owned(),
            spec: SourceSpec::RemoteOk {
                base_url: base(&server),
            },
        },
        FetchSource {
            name: "jsonld:marsbased".to_owned(),
            spec: SourceSpec::JsonLd {
                pages: vec![page.clone()],
                company: Some("MarsBased".to_owned()),
            },
        },
        greenhouse(&server, "nosuch"),
        greenhouse(&server, "slow"),
        lever(&server, "broken", "Broken"),
        FetchSource {
            name: "greenhouse:truncated".to_owned(),
            spec: SourceSpec::Greenhouse {
                base_url: truncating,
                board: "truncated".to_owned(),
                company: None,
            },
        },
        greenhouse(&server, "huge"),
        ashby(&server, "loop"),
    ];

    // A fixture that parsed to nothing would make "fetched == expected" vacuous.
    let some = |listings: Vec<Listing>| {
        assert!(!listings.is_empty());
        Expect::Listings(listings)
    };
    let gh = |body| {
        some(expected_listings(
            SourceKind::Greenhouse,
            &[body],
            None,
            None,
        ))
    };
    let error = |fragments: &[&str]| {
        Expect::Error(
            fragments
                .iter()
                .map(|fragment| (*fragment).to_owned())
                .collect(),
        )
    };
    let expected: Vec<(&str, Expect)> = vec![
        ("greenhouse:airbnb", gh(AIRBNB)),
        ("greenhouse:gitlab", gh(GITLAB)),
        ("greenhouse:busy", gh(AIRBNB)),
        (
            "lever:zoox",
            some(expected_listings(
                SourceKind::Lever,
                &[ZOOX],
                Some("Zoox"),
                None,
            )),
        ),
        (
            "ashby:ashby",
            some(expected_listings(
                SourceKind::Ashby,
                &[ASHBY],
                Some("Ashby"),
                None,
            )),
        ),
        ("ashby:empty", Expect::Listings(Vec::new())),
        (
            "wwr",
            some(expected_listings(
                SourceKind::WeWorkRemotely,
                &[WWR_BACK_END, WWR_FULL_STACK],
                None,
                None,
            )),
        ),
        (
            "remotive",
            some(expected_listings(
                SourceKind::Remotive,
                &[REMOTIVE],
                None,
                None,
            )),
        ),
        (
            "remoteok",
            some(expected_listings(
                SourceKind::RemoteOk,
                &[REMOTEOK],
                None,
                None,
            )),
        ),
        (
            "jsonld:marsbased",
            some(expected_listings(
                SourceKind::JsonLd,
                &[jsonld_page(JSONLD).as_bytes()],
                Some("MarsBased"),
                Some(&page),
            )),
        ),
        (
            "greenhouse:nosuch",
            error(&[
                "Greenhouse board `nosuch` does not exist (HTTP 404 from",
                "/v1/boards/nosuch/jobs",
                "check the name in config",
            ]),
        ),
        (
            "greenhouse:slow",
            error(&["timed out after 3.0 s waiting for", "/v1/boards/slow/jobs"]),
        ),
        (
            "lever:broken",
            error(&[
                "malformed payload from",
                "/v0/postings/broken",
                "invalid JSON at line 1",
            ]),
        ),
        (
            "greenhouse:truncated",
            error(&[
                "the response body from",
                "/v1/boards/truncated/jobs",
                "was cut off",
            ]),
        ),
        (
            "greenhouse:huge",
            error(&["/v1/boards/huge/jobs", "larger than the 1048576-byte limit"]),
        ),
        (
            "ashby:loop",
            error(&["/posting-api/job-board/loop", "redirects in a loop"]),
        ),
    ];

    let client = HttpClient::new(test_policy()).unwrap();
    let events = Mutex::new(Vec::new());
    let results = fetch_all(
        &client,
        &sources,
        &HashMap::new(),
        Normalizer::bundled(),
        ReadPolicy::default(),
        now(),
        |name, progress| events.lock().unwrap().push((name.to_owned(), progress)),
    )
    .await;

    assert_eq!(results.len(), expected.len());
    for ((name, result), (expected_name, expect)) in results.iter().zip(&expected) {
        assert_eq!(name, expected_name);
        check(name, result, expect);
    }

    // Every source reported its start and its end.
    let events = events.into_inner().unwrap();
    for (name, result) in &results {
        let mine: Vec<&Progress> = events
            .iter()
            .filter(|(source, _)| source == name)
            .map(|(_, progress)| progress)
            .collect();
        assert_eq!(mine.len(), 2, "{name}: {mine:?}");
        assert_eq!(mine[0], &Progress::Started);
        assert_eq!(
            matches!(mine[1], Progress::Succeeded { .. }),
            result.is_ok(),
            "{name}: {mine:?}"
        );
    }

    // The 500 was retried once.
    assert_eq!(
        requests_to(&server, "/v1/boards/gitlab/jobs").await.len(),
        2
    );
    // The 429's Retry-After was waited for.
    let arrivals = arrivals.lock().unwrap().clone();
    assert_eq!(arrivals.len(), 2);
    assert!(
        arrivals[1] - arrivals[0] >= Duration::from_secs(1),
        "retried after {:?}",
        arrivals[1] - arrivals[0]
    );
    // Client errors are not retried; server trouble is, up to max_retries.
    assert_eq!(
        requests_to(&server, "/v1/boards/nosuch/jobs").await.len(),
        1
    );
    assert_eq!(requests_to(&server, "/v1/boards/slow/jobs").await.len(), 3);
    // robots.txt was read once, with our user agent, before the page.
    let robots = requests_to(&server, "/robots.txt").await;
    assert_eq!(robots.len(), 1);
    assert_eq!(
        robots[0].headers.get("user-agent").unwrap(),
        "prepboard/0.1 (+https://example.org/contact)"
    );
}

fn check(name: &str, result: &Result<FetchOutcome, FetchError>, expect: &Expect) {
    match (result, expect) {
        (Ok(outcome), Expect::Listings(listings)) => {
            assert!(!outcome.not_modified, "{name}");
            assert_eq!(outcome.http_status, Some(200), "{name}");
            assert_eq!(outcome.listings.len(), listings.len(), "{name}");
            assert_eq!(&outcome.listings, listings, "{name}");
        }
        (Err(error), Expect::Error(fragments)) => {
            let message = error.to_string();
            for fragment in fragments {
                assert!(
                    message.contains(fragment.as_str()),
                    "{name}: `{fragment}` not in `{message}`"
                );
            }
        }
        (Ok(outcome), Expect::Error(fragments)) => {
            panic!(
                "{name}: expected an error with {fragments:?}, got {} listings",
                outcome.listings.len()
            )
        }
        (Err(error), Expect::Listings(_)) => panic!("{name}: expected listings, got `{error}`"),
    }
}

/// A server on 127.0.0.1 that promises all of `body` in its Content-Length, sends half, and hangs up.
async fn truncating_server(body: &'static [u8]) -> Url {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut buffer = [0u8; 1024];
                while !request.windows(4).any(|window| window == b"\r\n\r\n") {
                    match socket.read(&mut buffer).await {
                        Ok(0) | Err(_) => return,
                        Ok(read) => request.extend_from_slice(&buffer[..read]),
                    }
                }
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
                     Content-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.write_all(&body[..body.len() / 2]).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    Url::parse(&format!("http://{address}")).unwrap()
}

async fn requests_to(server: &MockServer, at: &str) -> Vec<Request> {
    server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|request| request.url.path() == at)
        .collect()
}

#[tokio::test]
async fn a_second_fetch_is_conditional_and_304_means_unchanged() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/boards/airbnb/jobs"))
        .and(header("If-None-Match", "\"v1\""))
        .respond_with(ResponseTemplate::new(304).insert_header("ETag", "\"v1\""))
        .with_priority(1)
        .mount(&server)
        .await;
    serve(
        &server,
        "/v1/boards/airbnb/jobs",
        ok(AIRBNB)
            .insert_header("ETag", "\"v1\"")
            .insert_header("Last-Modified", "Sat, 02 May 2026 11:00:00 GMT"),
    )
    .await;
    let client = HttpClient::new(test_policy()).unwrap();
    let source = greenhouse(&server, "airbnb");

    let first = fetch_source(
        &client,
        &source,
        &PriorState::default(),
        Normalizer::bundled(),
        ReadPolicy::default(),
        now(),
    )
    .await
    .unwrap();
    assert!(!first.not_modified);
    assert_eq!(
        first.listings,
        expected_listings(SourceKind::Greenhouse, &[AIRBNB], None, None)
    );
    assert_eq!(
        first.validators,
        Validators {
            etag: Some("\"v1\"".to_owned()),
            last_modified: Some("Sat, 02 May 2026 11:00:00 GMT".to_owned()),
        }
    );

    let prior = PriorState {
        validators: first.validators.clone(),
        recent_attempts: vec![now()],
    };
    let second = fetch_source(
        &client,
        &source,
        &prior,
        Normalizer::bundled(),
        ReadPolicy::default(),
        now(),
    )
    .await
    .unwrap();
    assert!(second.not_modified);
    assert!(second.listings.is_empty());
    assert_eq!(second.http_status, Some(304));
    assert_eq!(second.validators, first.validators);

    let requests = requests_to(&server, "/v1/boards/airbnb/jobs").await;
    assert_eq!(requests.len(), 2);
    assert!(requests[0].headers.get("if-none-match").is_none());
    assert_eq!(requests[1].headers.get("if-none-match").unwrap(), "\"v1\"");
    assert_eq!(
        requests[1].headers.get("if-modified-since").unwrap(),
        "Sat, 02 May 2026 11:00:00 GMT"
    );
}

#[tokio::test]
async fn pages_are_fetched_only_where_robots_txt_allows() {
    let server = MockServer::start().await;
    serve(
        &server,
        "/robots.txt",
        ok(b"User-agent: *\nDisallow: /private\n\nUser-agent: prepboard\nDisallow: /no-bots\nAllow: /\n"),
    )
    .await;
    for at in ["/jobs/1", "/private/jobs/2", "/no-bots/3"] {
        serve(&server, at, ok(b"<html></html>")).await;
    }
    let client = HttpClient::new(test_policy()).unwrap();
    let url = |at: &str| Url::parse(&format!("{}{at}", server.uri())).unwrap();

    // Our own group applies, not `*`: /private is allowed for us, /no-bots is not.
    assert_eq!(client.get_page(&url("/jobs/1")).await.unwrap().status, 200);
    assert_eq!(
        client
            .get_page(&url("/private/jobs/2"))
            .await
            .unwrap()
            .status,
        200
    );
    let error = client.get_page(&url("/no-bots/3")).await.unwrap_err();
    assert!(
        matches!(error, FetchError::RobotsDisallowed { .. }),
        "{error}"
    );
    assert!(
        error.to_string().contains("robots.txt disallows it"),
        "{error}"
    );

    assert_eq!(requests_to(&server, "/robots.txt").await.len(), 1);
    assert!(requests_to(&server, "/no-bots/3").await.is_empty());
}

#[tokio::test]
async fn an_unreadable_robots_txt_disallows_the_host_for_the_run() {
    let server = MockServer::start().await;
    serve(&server, "/robots.txt", ResponseTemplate::new(503)).await;
    serve(&server, "/careers", ok(&jsonld_page(JSONLD).into_bytes())).await;
    let client = HttpClient::new(test_policy()).unwrap();
    let page = Url::parse(&format!("{}/careers", server.uri())).unwrap();
    let source = FetchSource {
        name: "jsonld:marsbased".to_owned(),
        spec: SourceSpec::JsonLd {
            pages: vec![page],
            company: None,
        },
    };

    let error = fetch_source(
        &client,
        &source,
        &PriorState::default(),
        Normalizer::bundled(),
        ReadPolicy::default(),
        now(),
    )
    .await
    .unwrap_err();
    let message = error.to_string();
    assert!(
        matches!(error, FetchError::RobotsDisallowed { .. }),
        "{message}"
    );
    assert!(
        message.contains("robots.txt could not be read (HTTP 503 from"),
        "{message}"
    );
    assert!(
        message.contains("treated as disallowing everything"),
        "{message}"
    );
    // Retried like any 5xx, then the page itself was never requested.
    assert_eq!(requests_to(&server, "/robots.txt").await.len(), 3);
    assert!(requests_to(&server, "/careers").await.is_empty());
}

#[tokio::test]
async fn a_spent_poll_budget_sends_no_request() {
    let server = MockServer::start().await;
    serve(&server, "/api/remote-jobs", ok(REMOTIVE)).await;
    let client = HttpClient::new(test_policy()).unwrap();
    let source = FetchSource {
        name: "remotive".to_owned(),
        spec: SourceSpec::Remotive {
            base_url: base(&server),
            categories: vec!["software-dev".to_owned()],
        },
    };
    let hours_ago = |hours| now() - chrono::TimeDelta::hours(hours);
    let prior = PriorState {
        validators: Validators::default(),
        recent_attempts: vec![hours_ago(1), hours_ago(5), hours_ago(9), hours_ago(20)],
    };

    let error = fetch_source(
        &client,
        &source,
        &prior,
        Normalizer::bundled(),
        ReadPolicy::default(),
        now(),
    )
    .await
    .unwrap_err();
    assert!(matches!(error, FetchError::Budget(_)), "{error}");
    assert!(
        error
            .to_string()
            .contains("Remotive allows at most 4 fetches per 24 hours"),
        "{error}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());

    // With the oldest attempt aged out, it fetches, and drops the jobs outside its category.
    let prior = PriorState {
        recent_attempts: vec![hours_ago(1), hours_ago(5), hours_ago(9), hours_ago(25)],
        ..prior
    };
    let outcome = fetch_source(
        &client,
        &source,
        &prior,
        Normalizer::bundled(),
        ReadPolicy::default(),
        now(),
    )
    .await
    .unwrap();
    assert!(outcome.listings.is_empty());
    assert_eq!(
        outcome.warnings,
        ["dropped 1 Remotive job(s) outside category `software-dev` (the API ignored the filter)"]
    );
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].url.query(), Some("category=software-dev"));
}
