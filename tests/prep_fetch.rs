//! `prepboard prep fetch` end to end: a catalog whose pages live on a local mock server, one page
//! shaped like a Remote Rocketship guide and one that is gone. A page that stops loading keeps the
//! questions of its last good fetch.

use std::path::Path;
use std::process::Output;

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const GUIDE_PATH: &str =
    "/advice/guide/api-engineer/restful-api-design-interview-questions-and-answers";
const GUIDE_HTML: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/crates/prep/tests/prep_fixtures/api-engineer-guide.html"
));

fn catalog_for(base: &str) -> String {
    format!(
        r#"
[[entry]]
id = "guide"
title = "RESTful API Design interview questions for API engineers"
url = "{base}{GUIDE_PATH}"
kind = "topic_guide"
families = ["api-engineer"]
skills = ["rest"]
topics = ["rest-api-design"]
summary = "Resource modelling, verbs, status codes and versioning."

[[entry]]
id = "gone"
title = "A page that was taken down"
url = "{base}/advice/guide/gone"
kind = "reference_section"
families = []
skills = ["kafka"]
topics = ["message-queues"]
summary = "Streams and partitions."
"#
    )
}

async fn prepboard(dir: &Path, args: &[&str]) -> Output {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_prepboard"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("PREPBOARD_DATA_DIR", dir.join("data"))
        .env("PREPBOARD_PREP_CATALOG", dir.join("prep.toml"))
        .env("PREPBOARD_POLITENESS__PER_HOST_PER_MINUTE", "6000")
        .env("PREPBOARD_POLITENESS__MAX_RETRIES", "0")
        .env("PREPBOARD_LOG", "warn")
        .output()
        .await
        .expect("the binary runs")
}

fn row<'a>(table: &'a str, entry: &str) -> Vec<&'a str> {
    table
        .lines()
        .find(|line| line.starts_with(&format!("{entry} ")))
        .unwrap_or_else(|| panic!("no row for {entry} in\n{table}"))
        .split_whitespace()
        .collect()
}

#[tokio::test]
async fn reads_questions_and_keeps_them_when_the_page_later_fails() {
    let server = MockServer::start().await;
    // The guide loads once, then the site has an outage.
    Mock::given(method("GET"))
        .and(path(GUIDE_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_raw(GUIDE_HTML, "text/html"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(GUIDE_PATH))
        .respond_with(ResponseTemplate::new(503))
        .with_priority(2)
        .mount(&server)
        .await;
    // Everything else, /robots.txt and the gone page included, is a 404 (wiremock's default):
    // no robots.txt means every page may be fetched.

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("prep.toml"), catalog_for(&server.uri())).unwrap();

    let first = prepboard(dir.path(), &["prep", "fetch"]).await;
    let table = String::from_utf8_lossy(&first.stdout).into_owned();
    assert_eq!(
        first.status.code(),
        Some(0),
        "one page read is a success:\n{table}\n{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(row(&table, "guide")[1..4], ["ok", "10", "questions"]);
    assert!(
        table.contains("10 RESTful API Design Interview Questions and Answers for api engineers"),
        "the page's title is read:\n{table}"
    );
    assert_eq!(row(&table, "gone")[1], "failed", "{table}");
    assert!(row(&table, "gone").contains(&"404"), "says why:\n{table}");

    let second = prepboard(dir.path(), &["prep", "fetch", "--entry", "guide"]).await;
    let table = String::from_utf8_lossy(&second.stdout).into_owned();
    assert_eq!(second.status.code(), Some(3), "every page failed:\n{table}");
    assert_eq!(row(&table, "guide")[1], "failed", "{table}");

    let status = prepboard(dir.path(), &["prep", "status"]).await;
    assert!(status.status.success());
    let table = String::from_utf8_lossy(&status.stdout).into_owned();
    // ENTRY STATUS QUESTIONS ...: the outage is recorded and the ten questions stay.
    assert_eq!(row(&table, "guide")[1..3], ["failed", "10"], "{table}");
    assert!(row(&table, "guide").contains(&"503"), "{table}");
    assert_eq!(row(&table, "gone")[1..3], ["failed", "0"], "{table}");

    let unknown = prepboard(dir.path(), &["prep", "fetch", "--entry", "nope"]).await;
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no prep entry `nope`"));
}
