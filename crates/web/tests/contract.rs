//! The API's contract: strict parameters (a value the OpenAPI document does not allow is a 400
//! naming it, every value it allows is served), the error envelope for every error under `/api/`
//! (413 and 405 included), and the generated document itself.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{body_text, site};
use prepboard_web::{Audience, ROUTES};
use tower::ServiceExt;

#[tokio::test]
async fn the_api_refuses_values_its_document_does_not_allow() {
    let site = site().await;
    let long_query = "a".repeat(501);
    let cases = [
        (format!("/api/v1/jobs?q={long_query}"), "q"),
        ("/api/v1/jobs?sort=bogus".to_owned(), "sort"),
        ("/api/v1/facets?sort=bogus".to_owned(), "sort"),
        ("/api/v1/facets?q=".to_owned() + &long_query, "q"),
        ("/api/v1/jobs?family=nope".to_owned(), "family"),
        ("/api/v1/jobs?country=Germany".to_owned(), "country"),
        ("/api/v1/jobs?workplace=".to_owned(), "workplace"),
        (
            "/api/v1/jobs?include_office=maybe".to_owned(),
            "include_office",
        ),
        ("/api/v1/jobs?page=%2B2".to_owned(), "page"),
        ("/api/v1/jobs?utc=%2B14%3A30".to_owned(), "utc"),
        ("/api/v1/jobs?min_salary=20000k".to_owned(), "min_salary"),
        ("/api/v1/jobs?skill=%3Cscript%3E".to_owned(), "skill"),
    ];
    for (uri, param) in cases {
        let (status, json) = site.get_json(&uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {json}");
        assert_eq!(json["error"]["code"], "invalid_parameter", "{uri}");
        let message = json["error"]["message"].as_str().unwrap();
        assert!(
            message.starts_with(&format!("invalid parameter `{param}`")),
            "{uri}: {message}"
        );
        assert!(
            message.len() < 300,
            "the message does not echo a long value: {message}"
        );
    }
}

#[tokio::test]
async fn the_api_serves_every_form_its_document_allows() {
    let site = site().await;
    let long_query = "a".repeat(500);
    for uri in [
        format!("/api/v1/jobs?q={long_query}"),
        "/api/v1/jobs?utc=%2B5%3A30".to_owned(),
        "/api/v1/jobs?utc=UTC-3".to_owned(),
        "/api/v1/jobs?utc=5.5".to_owned(),
        "/api/v1/jobs?utc=-12".to_owned(),
        "/api/v1/jobs?utc=%2B14%3A00".to_owned(),
        "/api/v1/jobs?min_salary=120k".to_owned(),
        "/api/v1/jobs?min_salary=%24120%2C000".to_owned(),
        "/api/v1/jobs?min_salary=10000000".to_owned(),
        "/api/v1/jobs?min_salary=".to_owned(),
        "/api/v1/jobs?q=".to_owned(),
        "/api/v1/jobs?country=de&include_unknown=on".to_owned(),
        "/api/v1/jobs?include_office=1&include_non_engineering=true".to_owned(),
        "/api/v1/jobs?workplace=remote-or-office".to_owned(),
        "/api/v1/jobs?page=500&per_page=100".to_owned(),
        "/api/v1/facets?skill=c%2B%2B&skill=c%23".to_owned(),
        "/api/v1/jobs?unknown_parameter=anything".to_owned(),
    ] {
        let (status, json) = site.get_json(&uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {json}");
    }
}

#[tokio::test]
async fn oversized_bodies_and_wrong_methods_get_the_envelope_under_api() {
    let site = site().await;
    let big = "x".repeat(20 * 1024);
    let send = |method: &str, uri: &str| {
        Request::builder()
            .method(method)
            .uri(uri)
            .header(header::CONTENT_LENGTH, big.len())
            .body(Body::from(big.clone()))
            .unwrap()
    };
    let response = site
        .app
        .clone()
        .oneshot(send("GET", "/api/v1/jobs"))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        response.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let json: serde_json::Value = serde_json::from_str(&body_text(response).await).unwrap();
    assert_eq!(json["error"]["code"], "payload_too_large", "{json}");

    // A POST to a read-only route is a 405 whatever its body, with the methods it allows.
    for uri in ["/api/v1/jobs", "/api/v1/sources", "/api/openapi.json"] {
        let response = site.app.clone().oneshot(send("POST", uri)).await.unwrap();
        assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED, "{uri}");
        let allow = response.headers()[header::ALLOW]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(allow.contains("GET"), "{uri}: {allow}");
        let json: serde_json::Value = serde_json::from_str(&body_text(response).await).unwrap();
        assert_eq!(json["error"]["code"], "method_not_allowed", "{uri}: {json}");
    }

    // Pages answer the same errors as pages.
    let response = site.app.clone().oneshot(send("GET", "/")).await.unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let page = body_text(response).await;
    assert!(page.contains("<h1>413 Payload Too Large</h1>"), "{page}");
}

#[tokio::test]
async fn the_document_is_generated_from_the_routes_dtos_and_parameter_table() {
    let site = site().await;
    let (status, document) = site.get_json("/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(document["openapi"], "3.1.0");
    let paths = document["paths"].as_object().unwrap();
    for route in ROUTES.iter().filter(|r| r.audience == Audience::Machine) {
        assert!(
            paths.contains_key(route.path),
            "{} is missing from openapi.json",
            route.path
        );
    }
    for path in paths.keys() {
        assert!(
            ROUTES.iter().any(|route| route.path == path.as_str()),
            "openapi.json documents {path}, which is not a route"
        );
    }
    let jobs = &document["paths"]["/api/v1/jobs"]["get"];
    let parameters = jobs["parameters"].as_array().unwrap();
    let find = |name: &str| {
        parameters
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("{name} is documented"))
    };
    assert_eq!(find("q")["schema"]["maxLength"], 500);
    assert_eq!(
        find("sort")["schema"]["enum"],
        serde_json::json!(["relevance", "newest", "salary"])
    );
    assert!(find("utc")["schema"]["pattern"].is_string());
    assert!(find("min_salary")["schema"]["pattern"].is_string());
    assert_eq!(find("include_office")["schema"]["default"], "0");
    assert_eq!(find("family")["schema"]["type"], "array");
    let schemas = document["components"]["schemas"].as_object().unwrap();
    for name in [
        "JobCard",
        "Job",
        "FacetsView",
        "Source",
        "PrepLink",
        "ErrorEnvelope",
    ] {
        assert!(schemas.contains_key(name), "{name} is in the components");
    }
    // The v1 job has exactly the documented fields: no internal ones.
    let sighting = &schemas["SightingView"]["properties"];
    assert!(sighting.get("source_name").is_none(), "{sighting}");
    // The feed reads like a page: its parameters constrain nothing.
    let feed = &document["paths"]["/feed.atom"]["get"]["parameters"];
    assert!(
        feed.as_array()
            .unwrap()
            .iter()
            .all(|p| p["schema"].get("enum").is_none()
                && p["schema"].get("maxLength").is_none()
                && p["schema"].get("maxItems").is_none()),
        "{feed}"
    );
}

#[tokio::test]
async fn metrics_may_leave_the_site_for_a_listener_of_their_own() {
    let config = prepboard_web::SiteConfig {
        serve_metrics: false,
        ..prepboard_web::SiteConfig::default()
    };
    let (site, _) = common::site_with(config, std::sync::Arc::new).await;
    let (status, _) = site.get_text("/metrics").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "off the site");
    let (_, document) = site.get_json("/api/openapi.json").await;
    assert!(
        document["paths"].get("/metrics").is_none(),
        "the document lists only what the site serves"
    );
    assert!(document["paths"].get("/healthz").is_some());

    // Its own listener's router serves /metrics and nothing else.
    let alone = prepboard_web::metrics_app(site.state.clone());
    let get = |uri: &str| Request::get(uri).body(Body::empty()).unwrap();
    let response = alone.clone().oneshot(get("/metrics")).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let text = body_text(response).await;
    assert!(text.contains("prepboard_listings_indexed"), "{text}");
    for uri in ["/", "/api/v1/jobs", "/healthz"] {
        let response = alone.clone().oneshot(get(uri)).await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{uri}");
    }
}
