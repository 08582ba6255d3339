//! The application in-process: configuration → fetch → store → index → search, the reports the
//! commands print, and `up` serving the bundled snapshot until told to stop. No process is spawned.

use std::path::Path;

use prepboard_app::pipeline::{self, FetchOptions};
use prepboard_app::serving::{Mode, Server};
use prepboard_app::{AppError, Config, indexing, reports};
use prepboard_core::search::SearchRequest;
use prepboard_store::FetchOutcomeKind;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[path = "../../../tests/common/local_config.rs"]
mod local_config;

use local_config::{TestBoard, local_config, repo_root};

/// Every source pointed at `base`; one Greenhouse board, `catawiki`, and nothing else enabled.
fn config(base: &str, data_dir: &Path) -> Config {
    let board = TestBoard {
        company: "Catawiki",
        token: "catawiki",
        confirmed: true,
    };
    let text = local_config(base, data_dir, &[], &[board]);
    Config::from_toml("test.toml", &text, Vec::new()).expect("the test config is valid")
}

async fn board_server() -> MockServer {
    let server = MockServer::start().await;
    let payload =
        std::fs::read(repo_root().join("tests/fixtures/greenhouse/catawiki-content.json")).unwrap();
    Mock::given(method("GET"))
        .and(path("/v1/boards/catawiki/jobs"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(payload))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_board_goes_from_fetch_to_store_to_search_in_process() {
    let server = board_server().await;
    let dir = tempfile::tempdir().unwrap();
    let config = config(&server.uri(), &dir.path().join("data"));

    let sources = pipeline::sources_to_fetch(&config, &[], &[]).unwrap();
    assert_eq!(
        sources.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
        ["greenhouse:catawiki"]
    );
    let store = prepboard_app::open_store(&config).await.unwrap();
    let runs = pipeline::fetch_into_store_with(
        &config,
        &store,
        &sources,
        FetchOptions::default(),
        |_, _| {},
    )
    .await
    .unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].outcome, FetchOutcomeKind::Success, "{:?}", runs[0]);
    assert!(runs[0].new > 0, "{:?}", runs[0]);
    assert_eq!(reports::fetch_exit_code(runs.iter().map(|r| r.outcome)), 0);
    let summary = reports::fetch_summary(&runs, false);
    assert!(summary.contains("greenhouse:catawiki"), "{summary}");
    assert!(summary.contains("1 sources: 1 succeeded"), "{summary}");

    let index = indexing::open_owned(&config, "the app test").unwrap();
    let update = pipeline::update_index(&store, &index, false).await.unwrap();
    assert!(update.rebuilt, "a new index is built from the store");
    assert_eq!(update.upserted as u64, store.count_open().await.unwrap());
    // The index has one writer: a second owner in the same data dir is refused.
    let second = indexing::open_owned(&config, "a second writer").unwrap_err();
    assert!(
        matches!(second, AppError::OpenIndex { .. }) && second.to_string().contains("the app test"),
        "{second}"
    );
    drop(index);

    let request = SearchRequest {
        include_office: true,
        include_non_engineering: true,
        ..SearchRequest::default()
    };
    let response = indexing::search_once(&config, request).await.unwrap();
    assert_eq!(response.total as u64, store.count_open().await.unwrap());
    let table = reports::search_table(&response);
    assert!(
        table.contains(&format!("{} matching jobs", response.total)),
        "{table}"
    );

    let sources_table = reports::sources(&config).await.unwrap();
    let row = sources_table
        .lines()
        .find(|line| line.starts_with("greenhouse:catawiki"))
        .unwrap_or_else(|| panic!("{sources_table}"));
    assert!(row.contains("enabled") && row.contains("success"), "{row}");
    store.close().await;
}

#[tokio::test]
async fn an_unknown_source_or_accepted_drop_is_refused_before_anything_is_fetched() {
    let dir = tempfile::tempdir().unwrap();
    let config = config("http://127.0.0.1:9", &dir.path().join("data"));
    let unknown = pipeline::sources_to_fetch(&config, &["nope".to_owned()], &[]).unwrap_err();
    assert!(
        unknown.to_string().contains("no enabled source matches"),
        "{unknown}"
    );
    let drop = pipeline::sources_to_fetch(&config, &[], &["wwr".to_owned()]).unwrap_err();
    assert!(drop.to_string().contains("--accept-drop wwr"), "{drop}");
    assert!(!dir.path().join("data").exists(), "nothing was opened");
}

#[tokio::test]
async fn up_serves_the_bundled_snapshot_and_stops_when_told() {
    let dir = tempfile::tempdir().unwrap();
    // Every source points at a closed port: the background refresh fails at once and is logged.
    let config = config("http://127.0.0.1:9", &dir.path().join("data"));
    let server = Server::start(&config, Mode::Up).await.unwrap();
    assert!(
        server.seeded() > 0,
        "an empty store is seeded from the snapshot"
    );
    assert_eq!(server.listings(), server.seeded());
    let address = server.address().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(server.run(async move {
        let _ = stopped.await;
    }));

    let body = get(address, "/api/v1/jobs?per_page=1").await;
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(json["meta"]["total"].as_u64().unwrap() > 0, "{body}");

    stop.send(()).unwrap();
    serving.await.unwrap().unwrap();
    // Stopped means the listener is gone.
    assert!(tokio::net::TcpStream::connect(address).await.is_err());
}

async fn get(address: std::net::SocketAddr, target: &str) -> String {
    let response = reqwest::get(format!("http://{address}{target}"))
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{target}");
    response.text().await.unwrap()
}

/// A catalog of one guide, on the mock server, that prepares for REST API design.
fn one_guide_catalog(base: &str) -> String {
    format!(
        r#"
[[entry]]
id = "guide"
title = "RESTful API Design interview questions"
url = "{base}/advice/guide/restful-api-design"
kind = "topic_guide"
families = ["api-engineer", "backend-engineer", "full-stack-engineer"]
skills = ["rest"]
topics = ["rest-api-design"]
summary = "Resource modelling, verbs, status codes and versioning."
"#
    )
}

#[tokio::test]
async fn fetched_questions_show_on_the_entry_page_and_on_the_jobs_that_need_it() {
    let server = board_server().await;
    let guide =
        std::fs::read(repo_root().join("crates/prep/tests/prep_fixtures/api-engineer-guide.html"))
            .unwrap();
    Mock::given(method("GET"))
        .and(path("/advice/guide/restful-api-design"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(guide, "text/html"))
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("prep.toml");
    std::fs::write(&catalog, one_guide_catalog(&server.uri())).unwrap();
    let mut config = config(&server.uri(), &dir.path().join("data"));
    config.prep_catalog = Some(catalog);

    let pages = prepboard_app::prep_pages::fetch_pages(&config, &[], |_| {})
        .await
        .unwrap();
    assert_eq!((pages.succeeded, pages.failed), (1, 0));
    let store = prepboard_app::open_store(&config).await.unwrap();
    let sources = pipeline::sources_to_fetch(&config, &[], &[]).unwrap();
    pipeline::fetch_into_store(&config, &store, &sources, false, |_, _| {})
        .await
        .unwrap();
    store.close().await;

    let server = Server::start(&config, Mode::Serve).await.unwrap();
    let address = server.address().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(server.run(async move {
        let _ = stopped.await;
    }));

    // The entry page: its questions as read from the page, and the open jobs that need it.
    let first_question = "How do you decide between PUT and PATCH for an update endpoint?";
    let page = get(address, "/prep/guide").await;
    assert!(page.contains(first_question), "{page}");
    // A job the guide is linked to shows the same questions in its prep section.
    let jobs: serde_json::Value = serde_json::from_str(
        &get(
            address,
            "/api/v1/jobs?per_page=100&include_office=true&include_non_engineering=true",
        )
        .await,
    )
    .unwrap();
    let mut linked = None;
    for job in jobs["jobs"].as_array().unwrap() {
        let id = job["id"].as_str().unwrap();
        let prep = get(address, &format!("/api/v1/prep?job={id}")).await;
        if prep.contains("\"guide\"") {
            linked = Some(id.to_owned());
            break;
        }
    }
    let id = linked.expect("some Catawiki job asks for REST API design");
    let job_page = get(address, &format!("/jobs/{id}")).await;
    assert!(job_page.contains(first_question), "{job_page}");

    stop.send(()).unwrap();
    serving.await.unwrap().unwrap();
}
