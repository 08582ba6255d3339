//! Handler tests: every route through `oneshot`, on a temp store and index built from listings
//! made in `common`, with insta snapshots of the API JSON.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{TestSite, body_text, site};
use prepboard_web::ROUTES;
use tower::ServiceExt;

/// Fills a route template with something it answers.
fn concrete(route: &str, site: &TestSite) -> String {
    let id = site.id_of("Acme");
    if route == "/api/v1/prep" {
        return format!("/api/v1/prep?job={id}");
    }
    route
        .replace("{id}", &id)
        .replace("{key}", "api-engineer")
        .replace("{topic}", "message-queues")
}

#[tokio::test]
async fn every_route_answers_with_its_content_type_and_security_headers() {
    let site = site().await;
    for route in ROUTES.iter().map(|route| route.path) {
        let uri = concrete(route, &site);
        let response = if route == "/mcp" {
            // The MCP endpoint answers a JSON-RPC POST (crates/web/tests/mcp.rs tests it).
            let request = Request::post(&uri)
                .header(header::HOST, "localhost")
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::ACCEPT, "application/json, text/event-stream")
                .body(Body::from(
                    r#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#,
                ))
                .unwrap();
            site.app.clone().oneshot(request).await.unwrap()
        } else {
            site.get(&uri).await
        };
        assert_eq!(response.status(), StatusCode::OK, "{uri}");
        let headers = response.headers();
        let content_type = headers[header::CONTENT_TYPE].to_str().unwrap().to_owned();
        let expected = match route {
            "/feed.atom" => "application/atom+xml",
            "/metrics" => "text/plain",
            "/static/style.css" => "text/css",
            "/static/app.js" => "text/javascript",
            r if r.starts_with("/api/") || r == "/healthz" || r == "/mcp" => "application/json",
            _ => "text/html",
        };
        assert!(content_type.starts_with(expected), "{uri}: {content_type}");
        assert_eq!(
            headers[header::CONTENT_SECURITY_POLICY],
            prepboard_web::CONTENT_SECURITY_POLICY,
            "{uri}"
        );
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert!(headers.contains_key(header::REFERRER_POLICY));
        if route.starts_with("/static/") {
            assert!(
                headers[header::CACHE_CONTROL]
                    .to_str()
                    .unwrap()
                    .contains("max-age")
            );
        }
    }
}

/// Times in the API come from the listings made in `common` (fixed); only the search timing varies.
macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::assert_json_snapshot!($name, $value, {
            ".meta.took_micros" => "[micros]",
            ".jobs[].score" => "[score]",
            ".prep[].score" => "[score]",
        })
    };
}

#[tokio::test]
async fn api_json_matches_snapshots() {
    let site = site().await;
    let acme = site.id_of("Acme");
    let cases = [
        (
            "jobs_api_family",
            "/api/v1/jobs?q=api&family=api-engineer".to_owned(),
        ),
        (
            "jobs_all_newest",
            "/api/v1/jobs?sort=newest&per_page=3".to_owned(),
        ),
        ("job_acme", format!("/api/v1/jobs/{acme}")),
        (
            "facets_backend",
            "/api/v1/facets?family=backend-engineer".to_owned(),
        ),
        ("prep_acme", format!("/api/v1/prep?job={acme}")),
        ("prep_topics", "/api/v1/prep/topics".to_owned()),
        ("sources", "/api/v1/sources".to_owned()),
    ];
    for (name, uri) in cases {
        let (status, json) = site.get_json(&uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {json}");
        snapshot!(name, json);
    }
}

#[tokio::test]
async fn api_errors_use_one_envelope_with_stable_codes() {
    let site = site().await;
    let cases = [
        (
            "/api/v1/jobs?page=0",
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
        ),
        (
            "/api/v1/jobs?min_salary=lots",
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
        ),
        (
            "/api/v1/facets?utc=%2B99",
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
        ),
        (
            "/api/v1/jobs/0123456789abcdef",
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (
            "/api/v1/jobs/..%2F..%2Fetc",
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        ("/api/v1/prep", StatusCode::BAD_REQUEST, "invalid_parameter"),
        (
            "/api/v1/prep?job=nope",
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
        ),
        ("/api/v1/nothing-here", StatusCode::NOT_FOUND, "not_found"),
    ];
    for (uri, status, code) in cases {
        let (got, json) = site.get_json(uri).await;
        assert_eq!(got, status, "{uri}: {json}");
        assert_eq!(json["error"]["code"], code, "{uri}: {json}");
        assert!(json["error"]["message"].is_string(), "{uri}");
    }
    let response = site
        .app
        .clone()
        .oneshot(Request::post("/api/v1/jobs").body(Body::from("x")).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    let json: serde_json::Value = serde_json::from_str(&body_text(response).await).unwrap();
    assert_eq!(json["error"]["code"], "method_not_allowed");
    snapshot!(
        "error_bad_page",
        site.get_json("/api/v1/jobs?page=0").await.1
    );
}

#[tokio::test]
async fn pages_ignore_bad_numbers_and_unknown_values() {
    let site = site().await;
    for uri in [
        "/?page=0&min_salary=lots&utc=nowhere&family=nope&country=Germany&sort=bogus",
        "/?page=99999999999999999999",
        "/?q=%FF%FE&skill=%00",
        "/prep?q=api&min_salary=lots",
        "/feed.atom?page=-1&per_page=1000",
    ] {
        let (status, _) = site.get_text(uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
    }
    let (status, page) = site.get_text("/jobs/0123456789abcdef").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.contains("<h1>404 Not Found</h1>"), "{page}");
    let (status, _) = site.get_text("/prep/no-such-thing").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn hostile_descriptions_and_query_strings_render_inert() {
    let site = site().await;
    let umbrella = site.id_of("Umbrella");
    let (status, page) = site.get_text(&format!("/jobs/{umbrella}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Build public REST APIs"),
        "description is shown"
    );
    for payload in ["alert(", "onerror", "onclick", "javascript:"] {
        assert!(!page.contains(payload), "job page carries {payload}");
    }
    let hostile_query = "/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&exclude_company=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(2)%3E&exclude=javascript%3Aalert(3)";
    let (status, page) = site.get_text(hostile_query).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains("<script>alert"), "query text is escaped");
    assert!(!page.contains("<img src=x"), "company text is escaped");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") || page.contains("&#60;script&#62;")
    );
    assert!(!page.contains("href=\"javascript:"), "no javascript: link");
    // The only scripts on any page are our own file and, on employer-board jobs, JSON-LD data.
    assert_eq!(page.matches("<script").count(), 1, "only app.js");
    let (_, feed) = site
        .get_text(&hostile_query.replacen('/', "/feed.atom", 1))
        .await;
    roxmltree::Document::parse(&feed).expect("the feed stays well-formed XML");
    assert!(!feed.contains("<script>"));
}

#[tokio::test]
async fn job_pages_link_back_and_carry_json_ld_only_for_employer_boards() {
    let site = site().await;
    let (_, acme) = site
        .get_text(&format!("/jobs/{}", site.id_of("Acme")))
        .await;
    assert!(acme.contains(r#"<script type="application/ld+json">"#));
    assert!(acme.contains("\"@type\":\"JobPosting\""));
    assert!(acme.contains("via Greenhouse"));
    assert!(
        acme.contains("https://careers.acme.example/apply/4100001"),
        "apply link is the employer's"
    );
    assert!(acme.contains("Prep for this job"));
    assert!(
        acme.contains("class=\"prep-entry\""),
        "at least one prep link"
    );

    let (_, umbrella) = site
        .get_text(&format!("/jobs/{}", site.id_of("Umbrella")))
        .await;
    assert!(
        !umbrella.contains("application/ld+json"),
        "RemoteOK's terms forbid JSON-LD"
    );
    assert!(umbrella.contains("via Remote OK"));
    assert!(
        umbrella.contains("<a href=\"https://remoteok.example/jobs/1090001\">via Remote OK</a>"),
        "Remote OK asks for a followed link"
    );
    let (_, initech) = site
        .get_text(&format!("/jobs/{}", site.id_of("Initech")))
        .await;
    assert!(!initech.contains("application/ld+json"));
    assert!(initech.contains("via We Work Remotely"));
}

#[tokio::test]
async fn search_page_shows_cards_facets_chips_and_pagination() {
    let site = site().await;
    let (_, page) = site
        .get_text("/?q=api&family=api-engineer&per_page=1")
        .await;
    assert!(page.contains("name=\"family\" value=\"api-engineer\" checked"));
    assert!(page.contains("aria-label=\"Remove filter API engineer\""));
    assert!(
        page.contains("href=\"/?q=api&amp;per_page=1\"")
            || page.contains("href=\"/?q=api&#38;per_page=1\""),
        "the chip's link drops only its filter"
    );
    assert!(
        page.contains("rel=\"next\""),
        "one per page means more pages"
    );
    assert!(page.contains("class=\"badge "), "eligibility badge");
    let (_, all) = site.get_text("/").await;
    assert!(all.contains("Worldwide"));
    assert!(
        all.contains("title=\"$80k - $100k\""),
        "original salary text on hover"
    );
    assert!(all.contains("Prep: <a"), "cards carry a prep link");
}

#[tokio::test]
async fn prep_pages_list_the_catalog_with_counts_and_plans() {
    let site = site().await;
    let (_, index) = site.get_text("/prep").await;
    assert!(index.contains("By role") && index.contains("By skill"));
    assert!(index.contains("open jobs</a>"));
    let (_, plan) = site.get_text("/prep?family=api-engineer").await;
    assert!(plan.contains("Prep plan for"), "{plan}");
    let (_, skill) = site.get_text("/prep/kafka").await;
    assert!(skill.contains("href=\"/?skill=kafka\""));
}

#[tokio::test]
async fn job_pages_group_prep_by_topic_with_the_listing_s_evidence() {
    let site = site().await;
    let (_, acme) = site
        .get_text(&format!("/jobs/{}", site.id_of("Acme")))
        .await;
    assert!(acme.contains("By interview topic"), "{acme}");
    assert!(
        acme.contains("<a href=\"/prep/topic/"),
        "topic headings link their pages"
    );
    assert!(
        acme.contains("class=\"evidence\">Asked "),
        "each topic quotes the listing"
    );
    assert!(acme.contains("class=\"prep-list prep-checklist\""));
    assert!(
        acme.contains("data-prep-entry=\""),
        "checklist items carry their entry id"
    );
    assert!(acme.contains("<script src=\"/static/app.js\" defer></script>"));
    assert!(
        !acme.contains("role: API engineer"),
        "no more role-only reasons"
    );
    let (_, again) = site
        .get_text(&format!("/jobs/{}", site.id_of("Acme")))
        .await;
    let prep_section = |page: &str| {
        let start = page.find("id=\"prep\"").unwrap();
        page[start..start + page[start..].find("</section>").unwrap()].to_owned()
    };
    assert_eq!(
        prep_section(&acme),
        prep_section(&again),
        "the cached prep links are the same links"
    );
}

#[tokio::test]
async fn entry_pages_show_what_it_covers_its_questions_jobs_and_related_entries() {
    let site = site().await;
    let (status, page) = site
        .get_text(&format!("/prep/{}", common::SEED_GUIDE))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("What it covers"));
    assert!(page.contains("href=\"/prep/topic/distributed-systems\""));
    for question in common::seed_questions() {
        assert!(
            page.contains(&question.question),
            "stored question shown: {}",
            question.question
        );
    }
    assert!(page.contains("Open jobs that need it"));
    assert!(
        page.contains("href=\"/?skill=distributed-systems\""),
        "{page}"
    );
    assert!(page.contains("Related material"));
    let url = "https://www.remoterocketship.com/advice/guide/api-engineer/";
    assert_eq!(
        page.matches(url).count(),
        1,
        "the page's URL is a link, not running text"
    );

    let (_, kafka) = site.get_text("/prep/kafka-introduction").await;
    assert!(kafka.contains("Open jobs that need it"));
    assert!(
        kafka.contains("href=\"/jobs/"),
        "lists the open jobs asking for Kafka"
    );
    assert!(
        !kafka.contains("Questions on the page"),
        "no questions before a fetch"
    );
}

#[tokio::test]
async fn topic_pages_list_their_entries_and_jobs() {
    let site = site().await;
    let (status, page) = site.get_text("/prep/topic/message-queues").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Interview topic: Message queues and events"));
    assert!(page.contains("href=\"/prep/kafka-introduction\""));
    assert!(page.contains("href=\"/?skill=kafka\""), "{page}");
    assert!(page.contains("href=\"/jobs/"));
    let (status, _) = site.get_text("/prep/topic/knitting").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn sources_feed_health_and_metrics() {
    let site = site().await;
    let (_, sources) = site.get_text("/sources").await;
    assert!(sources.contains("lever:globex"));
    assert!(
        sources.contains("HTTP 503 from api.lever.co &lt;b&gt;unavailable&lt;/b&gt;")
            || sources.contains("&#60;b&#62;")
    );
    let (_, feed) = site.get_text("/feed.atom?q=api").await;
    let document = roxmltree::Document::parse(&feed).unwrap();
    let entries = document
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .count();
    assert!(entries >= 2, "{feed}");
    assert!(feed.contains("https://jobs.example/jobs/"));
    let (_, health) = site.get_json("/healthz").await;
    assert_eq!(health["listings_indexed"], 6);
    let (_, metrics) = site.get_text("/metrics").await;
    for line in [
        "prepboard_http_request_duration_seconds_bucket{route=\"/healthz\",status=\"2xx\"",
        "prepboard_http_request_duration_seconds_count{route=\"/feed.atom\",status=\"2xx\"}",
        "prepboard_search_duration_seconds_count",
        "prepboard_listings_indexed 6",
        "prepboard_source_failures_since_success{source=\"lever:globex\"} 1",
        "prepboard_source_last_success_timestamp_seconds{source=\"wwr\"}",
    ] {
        assert!(metrics.contains(line), "missing {line}\n{metrics}");
    }
}

/// A search backend that panics on the query "boom" and otherwise searches an empty index.
struct PanicsOnBoom(prepboard_indexer::SearchIndex);

impl prepboard_web::SearchBackend for PanicsOnBoom {
    fn search(
        &self,
        request: &prepboard_core::search::SearchRequest,
    ) -> Result<prepboard_core::search::SearchResponse, prepboard_web::BackendError> {
        assert_ne!(request.query, "boom", "a bug in the index");
        prepboard_web::SearchBackend::search(&self.0, request)
    }

    fn similar(
        &self,
        id: &prepboard_core::ListingId,
        limit: usize,
    ) -> Result<Vec<prepboard_core::search::SearchHit>, prepboard_web::BackendError> {
        prepboard_web::SearchBackend::similar(&self.0, id, limit)
    }

    fn num_listings(&self) -> u64 {
        self.0.num_listings()
    }
}

#[tokio::test]
async fn a_panicking_search_is_a_500_and_the_pool_keeps_serving() {
    let dir = tempfile::tempdir().unwrap();
    let store = prepboard_store::Store::open(&dir.path().join("store.sqlite"))
        .await
        .unwrap();
    let index = prepboard_indexer::SearchIndex::open_or_create(&dir.path().join("index")).unwrap();
    let matcher = prepboard_prep::Matcher::new(
        prepboard_prep::Catalog::bundled(),
        &std::collections::HashMap::new(),
    )
    .unwrap();
    let state = prepboard_web::AppState::new(
        store,
        std::sync::Arc::new(PanicsOnBoom(index)),
        std::sync::Arc::new(matcher),
        prepboard_web::bundled_skill_labels(),
        prepboard_web::SiteConfig::default(),
    );
    let app = prepboard_web::app(state);
    let get = |uri: &'static str| {
        let app = app.clone();
        async move {
            let response = app
                .oneshot(Request::get(uri).body(Body::empty()).unwrap())
                .await
                .unwrap();
            (response.status(), body_text(response).await)
        }
    };
    // More panics than the pool has threads: each one must take only its own request down.
    for _ in 0..4 {
        let (status, body) = get("/api/v1/jobs?q=boom").await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        let body: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(body["error"]["code"], "internal");
        assert_eq!(get("/?q=boom").await.0, StatusCode::INTERNAL_SERVER_ERROR);
    }
    let (status, body) = get("/api/v1/jobs?q=api").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(get("/?q=api").await.0, StatusCode::OK);
}
