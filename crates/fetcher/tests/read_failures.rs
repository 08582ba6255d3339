//! Runs that must fail although the server answered 200, and hosts that cannot be reached: every
//! case through wiremock (or a refused port, or a listener that never completes a connection) on
//! 127.0.0.1 and the real client, parsers and normaliser.

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use prepboard_core::Normalizer;
use prepboard_fetcher::{
    FetchError, FetchOutcome, FetchSource, HttpClient, HttpPolicy, PriorState, ReadPolicy,
    SourceSpec, fetch_all, fetch_source,
};
use serde_json::json;
use url::Url;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-05-02T12:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn policy() -> HttpPolicy {
    HttpPolicy {
        connect_timeout: Duration::from_secs(2),
        total_timeout: Duration::from_secs(5),
        per_host_per_minute: 600_000,
        max_retries: 2,
        backoff_base: Duration::from_millis(10),
        ..HttpPolicy::polite("prepboard/0.1 (+https://example.org/contact)")
    }
}

fn greenhouse(base: &Url, board: &str) -> FetchSource {
    FetchSource {
        name: format!("greenhouse:{board}"),
        spec: SourceSpec::Greenhouse {
            base_url: base.clone(),
            board: board.to_owned(),
            company: Some("Acme".to_owned()),
        },
    }
}

async fn fetch(
    client: &HttpClient,
    source: &FetchSource,
    read_policy: ReadPolicy,
) -> Result<FetchOutcome, FetchError> {
    fetch_source(
        client,
        source,
        &PriorState::default(),
        Normalizer::bundled(),
        read_policy,
        now(),
    )
    .await
}

/// A Greenhouse board of `good` readable jobs and `bad` jobs whose id is an object.
fn board(good: usize, bad: usize) -> String {
    let jobs: Vec<_> = (0..good)
        .map(|index| {
            json!({"id": 1000 + index, "title": format!("Backend Engineer {index}"),
                   "absolute_url": format!("https://example.com/jobs/{index}")})
        })
        .chain((0..bad).map(|index| {
            json!({"id": {"value": index}, "title": "Drifted",
                   "absolute_url": "https://example.com/drifted"})
        }))
        .collect();
    json!({ "jobs": jobs }).to_string()
}

async fn serve(server: &MockServer, at: &str, response: ResponseTemplate) {
    Mock::given(method("GET"))
        .and(path(at))
        .respond_with(response)
        .mount(server)
        .await;
}

/// Readable items, unreadable items, the allowed unreadable share, and either the listings the
/// run keeps or the fragments its error names.
type ShareCase = (usize, usize, f64, Result<usize, &'static [&'static str]>);

#[tokio::test]
async fn a_run_fails_when_none_or_too_many_of_its_items_read() {
    let server = MockServer::start().await;
    let base = Url::parse(&server.uri()).unwrap();
    let client = HttpClient::new(policy()).unwrap();
    // (good, bad, max share, Ok(listings) or Err(fragments))
    let rows: &[ShareCase] = &[
        (
            0,
            3,
            0.25,
            Err(&[
                "none of the 3 item(s) from Greenhouse board `b0-3` could be read",
                "jobs[0].id: expected an id (a string or an integer), found an object",
                "jobs[2].id",
            ]),
        ),
        (0, 3, 1.0, Err(&["none of the 3 item(s)"])),
        (3, 1, 0.25, Ok(3)),
        (
            2,
            2,
            0.25,
            Err(&[
                "2 of the 4 items from Greenhouse board `b2-2` could not be read (more than the 25%",
            ]),
        ),
        (2, 2, 0.5, Ok(2)),
        (0, 0, 0.25, Ok(0)),
    ];
    for &(good, bad, max_share, ref expected) in rows {
        let name = format!("b{good}-{bad}");
        serve(
            &server,
            &format!("/v1/boards/{name}/jobs"),
            ResponseTemplate::new(200).set_body_string(board(good, bad)),
        )
        .await;
        let read_policy = ReadPolicy {
            max_unreadable_share: max_share,
        };
        let result = fetch(&client, &greenhouse(&base, &name), read_policy).await;
        match (result, expected) {
            (Ok(outcome), Ok(listings)) => {
                assert_eq!(outcome.listings.len(), *listings, "{name}");
                assert_eq!(outcome.unreadable.len(), bad, "{name}");
            }
            (Err(error), Err(fragments)) => {
                let message = error.to_string();
                assert!(
                    matches!(error, FetchError::Unreadable { unreadable, .. } if unreadable == bad),
                    "{name}: {error:?}"
                );
                for fragment in *fragments {
                    assert!(
                        message.contains(fragment),
                        "{name}: `{fragment}` not in `{message}`"
                    );
                }
            }
            (got, _) => panic!("{name} at {max_share}: expected {expected:?}, got {got:?}"),
        }
    }
}

#[tokio::test]
async fn an_html_page_with_status_200_is_not_a_json_or_rss_payload() {
    let server = MockServer::start().await;
    let base = Url::parse(&server.uri()).unwrap();
    let page = "<!DOCTYPE html><html><head><title>Down for maintenance</title></head>\
                <body><h1>Back soon</h1></body></html>";
    for at in [
        "/v1/boards/acme/jobs",
        "/v0/postings/acme",
        "/api",
        "/categories/remote-back-end-programming-jobs.rss",
        "/careers/backend",
    ] {
        serve(
            &server,
            at,
            ResponseTemplate::new(200).set_body_raw(page, "text/html; charset=utf-8"),
        )
        .await;
    }
    // The same page sent as JSON still reads as HTML.
    serve(
        &server,
        "/posting-api/job-board/acme",
        ResponseTemplate::new(200).set_body_raw(page, "application/json"),
    )
    .await;
    serve(&server, "/robots.txt", ResponseTemplate::new(404)).await;

    let sources = vec![
        greenhouse(&base, "acme"),
        FetchSource {
            name: "lever:acme".to_owned(),
            spec: SourceSpec::Lever {
                base_url: base.clone(),
                site: "acme".to_owned(),
                company: None,
            },
        },
        FetchSource {
            name: "ashby:acme".to_owned(),
            spec: SourceSpec::Ashby {
                base_url: base.clone(),
                board: "acme".to_owned(),
                company: None,
            },
        },
        FetchSource {
            name: "remoteok".to_owned(),
            spec: SourceSpec::RemoteOk {
                base_url: base.clone(),
            },
        },
        FetchSource {
            name: "wwr".to_owned(),
            spec: SourceSpec::WeWorkRemotely {
                base_url: base.clone(),
                categories: vec!["remote-back-end-programming-jobs".to_owned()],
            },
        },
    ];
    let client = HttpClient::new(policy()).unwrap();
    let results = fetch_all(
        &client,
        &sources,
        &HashMap::new(),
        Normalizer::bundled(),
        ReadPolicy::default(),
        now(),
        |_, _| {},
    )
    .await;
    for (name, result) in &results {
        let error = result.as_ref().expect_err(name);
        assert!(
            matches!(error, FetchError::HtmlInsteadOfPayload { .. }),
            "{name}: {error:?}"
        );
        assert!(
            error.to_string().contains("sent an HTML page"),
            "{name}: {error}"
        );
    }

    // For a careers page HTML is the payload: a page without JSON-LD is an empty page, which the
    // caller's drop guard judges, with a note saying so.
    let careers = FetchSource {
        name: "jsonld:example".to_owned(),
        spec: SourceSpec::JsonLd {
            pages: vec![base.join("/careers/backend").unwrap()],
            company: None,
        },
    };
    let outcome = fetch(&client, &careers, ReadPolicy::default())
        .await
        .unwrap();
    assert!(outcome.listings.is_empty());
    assert!(
        outcome.warnings[0].ends_with("no JobPosting JSON-LD on the page"),
        "{:?}",
        outcome.warnings
    );
}

#[tokio::test]
async fn a_refused_connection_fails_at_once_and_the_host_is_not_asked_again() {
    // A port that was just free: connecting to it is refused.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = Url::parse(&format!("http://{}", listener.local_addr().unwrap())).unwrap();
    drop(listener);
    // A retry would wait a minute, and so would a second request to the host under this rate:
    // neither may happen.
    let client = HttpClient::new(HttpPolicy {
        per_host_per_minute: 1,
        max_retries: 5,
        backoff_base: Duration::from_secs(120),
        max_retry_after: Duration::from_secs(120),
        ..policy()
    })
    .unwrap();
    let sources = vec![greenhouse(&base, "first"), greenhouse(&base, "second")];
    let results = tokio::time::timeout(
        Duration::from_secs(30),
        fetch_all(
            &client,
            &sources,
            &HashMap::new(),
            Normalizer::bundled(),
            ReadPolicy::default(),
            now(),
            |_, _| {},
        ),
    )
    .await
    .expect("an unreachable host is neither retried nor waited for");
    for (name, result) in &results {
        let error = result.as_ref().expect_err(name);
        assert!(error.is_unreachable(), "{name}: {error:?}");
        assert!(
            error.to_string().starts_with("cannot reach "),
            "{name}: {error}"
        );
    }
    let messages: Vec<String> = results
        .iter()
        .map(|(_, result)| result.as_ref().unwrap_err().to_string())
        .collect();
    assert_eq!(
        messages
            .iter()
            .filter(|message| message.contains("an earlier request to"))
            .count(),
        1,
        "one request found the host unreachable, the other was told so: {messages:?}"
    );
}

#[tokio::test]
async fn a_host_that_never_answers_the_connect_is_unreachable_and_not_retried() {
    // A listener whose accept queue is full and never drained: the kernel drops further SYNs, so
    // a new connection neither completes nor is refused, as behind a resolver that never answers.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = socket.listen(1).unwrap();
    let address = listener.local_addr().unwrap();
    let mut queued = Vec::new();
    let mut silent = false;
    for _ in 0..16 {
        match tokio::time::timeout(
            Duration::from_millis(300),
            tokio::net::TcpStream::connect(address),
        )
        .await
        {
            Ok(Ok(stream)) => queued.push(stream),
            Ok(Err(error)) => panic!("connecting to the full listener: {error}"),
            Err(_) => {
                silent = true;
                break;
            }
        }
    }
    assert!(
        silent,
        "the listener's queue never filled: {} connections",
        queued.len()
    );

    let base = Url::parse(&format!("http://{address}")).unwrap();
    // A retry would wait two minutes, and so would a second request to the host at this rate.
    let client = HttpClient::new(HttpPolicy {
        connect_timeout: Duration::from_millis(300),
        per_host_per_minute: 1,
        max_retries: 5,
        backoff_base: Duration::from_secs(120),
        max_retry_after: Duration::from_secs(120),
        ..policy()
    })
    .unwrap();
    let sources = vec![greenhouse(&base, "first"), greenhouse(&base, "second")];
    let results = tokio::time::timeout(
        Duration::from_secs(30),
        fetch_all(
            &client,
            &sources,
            &HashMap::new(),
            Normalizer::bundled(),
            ReadPolicy::default(),
            now(),
            |_, _| {},
        ),
    )
    .await
    .expect("a host that does not answer is neither retried nor waited for");
    let messages: Vec<String> = results
        .iter()
        .map(|(name, result)| {
            let error = result.as_ref().expect_err(name);
            assert!(error.is_unreachable(), "{name}: {error:?}");
            error.to_string()
        })
        .collect();
    for message in &messages {
        assert!(
            message.contains("no connection within 0.3 s (the name did not resolve in time"),
            "{messages:?}"
        );
    }
    assert_eq!(
        messages
            .iter()
            .filter(|message| message.contains("an earlier request to"))
            .count(),
        1,
        "{messages:?}"
    );
    drop(queued);
    drop(listener);
}
