//! `prepboard fetch` end to end: the real binary against recorded payloads served by a local mock
//! server, then `prepboard index` and `prepboard search` on what it stored.

mod common;

use std::path::Path;
use std::process::Output;

use common::{TestBoard, fixture, local_config};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A config whose every source points at `base`, with two boards and the aggregators.
fn config_for(base: &str, data_dir: &Path) -> String {
    let boards = [
        TestBoard {
            company: "Catawiki",
            token: "catawiki",
            confirmed: true,
        },
        TestBoard {
            company: "Gone Inc",
            token: "gone",
            confirmed: false,
        },
    ];
    local_config(base, data_dir, &["wwr", "remoteok"], &boards)
}

/// RemoteOK's envelope with one job that is also on Catawiki's Greenhouse board (same company and
/// title, posted the same week): the cross-source duplicate.
fn remoteok_payload() -> String {
    serde_json::json!([
        {"last_updated": 1749800000, "legal": "API Terms of Service: Please link back to Remote OK."},
        {
            "slug": "remote-android-developer-catawiki-1",
            "id": "990001",
            "epoch": 1749200000,
            "date": "2025-06-06T09:00:00+00:00",
            "company": "Catawiki",
            "company_logo": "",
            "position": "Android Developer",
            "tags": ["android", "kotlin"],
            "description": "<p>Build the Catawiki Android app in Kotlin.</p>",
            "location": "Europe",
            "apply_url": "https://remoteOK.com/remote-jobs/remote-android-developer-catawiki-1",
            "url": "https://remoteOK.com/remote-jobs/remote-android-developer-catawiki-1",
            "salary_min": 0,
            "salary_max": 0
        }
    ])
    .to_string()
}

async fn mock_sources() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/boards/catawiki/jobs"))
        .respond_with(
            ResponseTemplate::new(200).set_body_bytes(fixture("greenhouse/catawiki-content.json")),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/boards/gone/jobs"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_string("{\"status\":404,\"error\":\"Job not found\"}"),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/categories/remote-back-end-programming-jobs.rss"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_bytes(fixture("wwr/remote-back-end-programming-jobs-2022.rss")),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api"))
        .respond_with(ResponseTemplate::new(200).set_body_string(remoteok_payload()))
        .mount(&server)
        .await;
    server
}

async fn prepboard(config: &Path, args: &[&str]) -> Output {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_prepboard"))
        .arg("--config")
        .arg(config)
        .args(args)
        .env("PREPBOARD_LOG", "warn")
        .output()
        .await
        .expect("the binary runs")
}

fn row<'a>(table: &'a str, source: &str) -> Vec<&'a str> {
    table
        .lines()
        .find(|line| line.starts_with(&format!("{source} ")))
        .unwrap_or_else(|| panic!("no row for {source} in\n{table}"))
        .split_whitespace()
        .collect()
}

#[tokio::test]
async fn fetch_twice_then_index_and_search() {
    let server = mock_sources().await;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("prepboard.toml");
    std::fs::write(&config, config_for(&server.uri(), &dir.path().join("data"))).unwrap();

    let first = prepboard(&config, &["fetch"]).await;
    let table = String::from_utf8_lossy(&first.stdout).into_owned();
    assert_eq!(
        first.status.code(),
        Some(2),
        "one source failed, the others succeeded (exit code 2):\n{table}"
    );
    // SOURCE OUTCOME FETCHED NEW UPDATED UNCHANGED CLOSED
    assert_eq!(
        row(&table, "greenhouse:catawiki")[1..7],
        ["success", "50", "50", "0", "0", "0"]
    );
    assert_eq!(row(&table, "remoteok")[1..4], ["success", "1", "1"]);
    let wwr = row(&table, "wwr");
    assert_eq!(wwr[1], "success");
    let failed = row(&table, "greenhouse:gone");
    assert_eq!(failed[1], "failed");
    assert!(
        table.contains("gone"),
        "the failed board is named:\n{table}"
    );

    let second = prepboard(&config, &["fetch"]).await;
    let table = String::from_utf8_lossy(&second.stdout).into_owned();
    assert_eq!(
        row(&table, "greenhouse:catawiki")[1..7],
        ["success", "50", "0", "0", "50", "0"],
        "{table}"
    );
    // The aggregators' terms allow at most one fetch an hour: the second run skips them, and says why.
    for aggregator in ["remoteok", "wwr"] {
        assert_eq!(row(&table, aggregator)[1], "skipped", "{table}");
    }
    assert!(table.contains("at most one fetch per hour"), "{table}");

    let sources = prepboard(&config, &["sources"]).await;
    let table = String::from_utf8_lossy(&sources.stdout).into_owned();
    assert!(
        row(&table, "greenhouse:gone").contains(&"failed"),
        "{table}"
    );

    let index = prepboard(&config, &["index"]).await;
    assert!(
        index.status.success(),
        "{}",
        String::from_utf8_lossy(&index.stderr)
    );

    // Catawiki posts "Android Developer" twice on its board; RemoteOK carries one of them. The
    // RemoteOK copy is merged, not a third result, and its link shows as "also on".
    let search = prepboard(
        &config,
        &[
            "search",
            "android developer",
            "--company",
            "Catawiki",
            // The merge is the point here, not the remote-first view.
            "--include-office",
            "--include-non-engineering",
            "--json",
        ],
    )
    .await;
    assert!(
        search.status.success(),
        "{}",
        String::from_utf8_lossy(&search.stderr)
    );
    let response: serde_json::Value = serde_json::from_slice(&search.stdout).unwrap();
    let android: Vec<&serde_json::Value> = response["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|hit| hit["title"] == "Android Developer")
        .collect();
    assert_eq!(android.len(), 2, "{response:#}");
    assert!(
        android.iter().all(|hit| hit["source"] == "greenhouse"),
        "the employer's posting is preferred"
    );
    let merged: Vec<&&serde_json::Value> = android
        .iter()
        .filter(|hit| !hit["also_on"].as_array().unwrap().is_empty())
        .collect();
    assert_eq!(merged.len(), 1, "{response:#}");
    assert_eq!(merged[0]["also_on"][0]["source"], "remoteok");
    assert!(
        merged[0]["also_on"][0]["url"]
            .as_str()
            .unwrap()
            .contains("remoteok.com/remote-jobs/")
    );
}

#[tokio::test]
async fn every_source_failing_is_a_distinct_exit_code() {
    let server = MockServer::start().await; // answers 404 to everything
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("prepboard.toml");
    std::fs::write(&config, config_for(&server.uri(), &dir.path().join("data"))).unwrap();
    let output = prepboard(&config, &["fetch"]).await;
    assert_eq!(
        output.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}
