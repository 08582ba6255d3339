//! The guards between a fetch run and the listings it would close, end to end: the real binary
//! against boards served by a local mock server, the real store, and `prepboard sources` reading
//! back what was recorded. Also the exit codes, the dry run's respect for poll budgets, and the
//! one line an unreachable network gets.

use std::path::PathBuf;
use std::process::Output;

use prepboard_store::{FetchOutcomeKind, Store};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod common;
use common::config_for;

/// A test's data dir and config, against one mock server.
struct Setup {
    _dir: tempfile::TempDir,
    config: PathBuf,
    store_path: PathBuf,
}

impl Setup {
    fn new(server: &MockServer, boards: &[&str]) -> Setup {
        Setup::with(&server.uri(), boards, false)
    }

    fn with(base: &str, boards: &[&str], remotive: bool) -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let config = dir.path().join("prepboard.toml");
        std::fs::write(&config, config_for(base, &data, boards, remotive)).unwrap();
        Setup {
            config,
            store_path: data.join("prepboard.sqlite"),
            _dir: dir,
        }
    }

    async fn run(&self, args: &[&str]) -> Output {
        tokio::process::Command::new(env!("CARGO_BIN_EXE_prepboard"))
            .arg("--config")
            .arg(&self.config)
            .args(args)
            .env("PREPBOARD_LOG", "warn")
            .output()
            .await
            .expect("the binary runs")
    }

    /// `prepboard fetch` with `args`, asserting its exit code; returns its stdout table.
    async fn fetch(&self, args: &[&str], exit_code: i32) -> String {
        self.fetch_logged(args, exit_code).await.0
    }

    /// [`Setup::fetch`], with the lines it wrote on stderr.
    async fn fetch_logged(&self, args: &[&str], exit_code: i32) -> (String, Vec<String>) {
        let output = self.run(&[&["fetch"], args].concat()).await;
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_eq!(
            output.status.code(),
            Some(exit_code),
            "fetch {args:?}:\n{stdout}\n{stderr}"
        );
        let lines = stderr
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(str::to_owned)
            .collect();
        (stdout, lines)
    }

    async fn sources(&self) -> String {
        let output = self.run(&["sources"]).await;
        assert!(output.status.success(), "{output:?}");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// The store's summary of one source, read directly.
    async fn summary(&self, source: &str) -> prepboard_store::SourceSummary {
        let store = Store::open(&self.store_path).await.unwrap();
        let summary = store
            .source_summaries(&[source.to_owned()])
            .await
            .unwrap()
            .remove(0);
        store.close().await;
        summary
    }
}

fn row<'a>(table: &'a str, source: &str) -> &'a str {
    table
        .lines()
        .find(|line| line.starts_with(&format!("{source} ")))
        .unwrap_or_else(|| panic!("no row for {source} in\n{table}"))
}

/// fetch's columns: SOURCE OUTCOME FETCHED NEW UPDATED UNCHANGED CLOSED.
fn counts<'a>(table: &'a str, source: &str) -> Vec<&'a str> {
    row(table, source)
        .split_whitespace()
        .skip(1)
        .take(6)
        .collect()
}

/// sources' OPEN column.
fn open(table: &str, source: &str) -> u64 {
    row(table, source)
        .split_whitespace()
        .nth(2)
        .unwrap()
        .parse()
        .unwrap()
}

/// `count` readable jobs with ids `first..`, as numbers or as strings.
fn jobs(first: u64, count: u64, ids_as_strings: bool) -> Vec<serde_json::Value> {
    (first..first + count)
        .map(|number| {
            // Only the id's JSON type differs: the title and URL read the same either way.
            let id = if ids_as_strings {
                json!(number.to_string())
            } else {
                json!(number)
            };
            json!({"id": id, "title": format!("Backend Engineer {number}"),
                   "absolute_url": format!("https://example.com/jobs/{number}"),
                   "location": {"name": "Remote"}, "metadata": null,
                   "updated_at": "2026-05-01T10:00:00-04:00"})
        })
        .collect()
}

fn board_body(jobs: Vec<serde_json::Value>) -> String {
    json!({ "jobs": jobs, "meta": {"total": 0} }).to_string()
}

async fn serve(server: &MockServer, board: &str, response: ResponseTemplate) {
    Mock::given(method("GET"))
        .and(path(format!("/v1/boards/{board}/jobs")))
        .respond_with(response)
        .mount(server)
        .await;
}

fn ok(body: impl Into<Vec<u8>>) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.into(), "application/json")
}

#[tokio::test]
async fn items_that_all_fail_to_parse_fail_the_run_twice_and_close_nothing() {
    let server = MockServer::start().await;
    let setup = Setup::new(&server, &["acme", "steady"]);
    serve(&server, "acme", ok(board_body(jobs(100, 5, false)))).await;
    serve(&server, "steady", ok(board_body(jobs(900, 2, false)))).await;
    let first = setup.fetch(&[], 0).await;
    assert_eq!(
        counts(&first, "greenhouse:acme"),
        ["success", "5", "5", "0", "0", "0"]
    );

    // Schema drift: every id is now an object.
    server.reset().await;
    let drifted: Vec<_> = (0..5)
        .map(|index| {
            json!({"id": {"value": index}, "title": "Backend Engineer",
                            "absolute_url": "https://example.com/jobs/x"})
        })
        .collect();
    serve(&server, "acme", ok(board_body(drifted))).await;
    serve(&server, "steady", ok(board_body(jobs(900, 2, false)))).await;
    for run in ["second", "third"] {
        let (table, stderr) = setup.fetch_logged(&[], 2).await;
        // One line for the source, not one per item.
        assert_eq!(stderr.len(), 1, "{run} run:\n{stderr:#?}");
        assert!(
            stderr[0].contains("greenhouse:acme: failed: none of the 5 item(s)"),
            "{stderr:?}"
        );
        assert_eq!(
            counts(&table, "greenhouse:acme"),
            ["failed", "0", "0", "0", "0", "0"],
            "{run} run:\n{table}"
        );
        assert!(
            row(&table, "greenhouse:acme").contains("none of the 5 item(s)"),
            "{table}"
        );
        assert_eq!(counts(&table, "greenhouse:steady")[0], "success", "{table}");
    }

    let sources = setup.sources().await;
    assert_eq!(open(&sources, "greenhouse:acme"), 5, "{sources}");
    let acme = row(&sources, "greenhouse:acme");
    assert!(acme.contains("failed"), "{acme}");
    assert!(
        acme.contains("jobs[0].id: expected an id (a string or an integer), found an object"),
        "{acme}"
    );
    let summary = setup.summary("greenhouse:acme").await;
    let reading = summary.last_reading.unwrap();
    assert_eq!((reading.fetched, reading.unreadable), (0, 5));
    assert_eq!(reading.first_unreadable.len(), 5);
    assert_eq!(summary.failures_since_success, 2);
}

#[tokio::test]
async fn a_few_unreadable_items_are_one_line_and_the_rest_is_stored() {
    let server = MockServer::start().await;
    let setup = Setup::new(&server, &["acme"]);
    let mut items = jobs(100, 9, false);
    items.push(json!({"id": 110, "absolute_url": "https://example.com/jobs/110"}));
    serve(&server, "acme", ok(board_body(items))).await;
    let (table, stderr) = setup.fetch_logged(&[], 0).await;
    assert_eq!(
        counts(&table, "greenhouse:acme"),
        ["success", "9", "9", "0", "0", "0"]
    );
    assert_eq!(stderr.len(), 1, "{stderr:#?}");
    assert!(
        stderr[0].contains("greenhouse:acme: 9 listings; 1 of 10 items could not be read"),
        "{stderr:?}"
    );
    let sources = setup.sources().await;
    assert_eq!(open(&sources, "greenhouse:acme"), 9, "{sources}");
    assert!(
        row(&sources, "greenhouse:acme")
            .contains("1 of 10 items could not be read; first: jobs[9]"),
        "{sources}"
    );
}

#[tokio::test]
async fn ids_as_strings_and_a_byte_order_mark_are_read_and_stored() {
    let server = MockServer::start().await;
    let setup = Setup::new(&server, &["strings", "bom"]);
    serve(
        &server,
        "strings",
        ok(board_body(jobs(7_850_544_003, 3, true))),
    )
    .await;
    let with_bom = [
        b"\xEF\xBB\xBF".as_slice(),
        board_body(jobs(500, 4, false)).as_bytes(),
    ]
    .concat();
    serve(&server, "bom", ok(with_bom)).await;
    let first = setup.fetch(&[], 0).await;
    assert_eq!(
        counts(&first, "greenhouse:strings"),
        ["success", "3", "3", "0", "0", "0"]
    );
    assert_eq!(
        counts(&first, "greenhouse:bom"),
        ["success", "4", "4", "0", "0", "0"]
    );

    // The same jobs with numeric ids are the same listings, not three new ones.
    server.reset().await;
    serve(
        &server,
        "strings",
        ok(board_body(jobs(7_850_544_003, 3, false))),
    )
    .await;
    serve(&server, "bom", ok(board_body(jobs(500, 4, false)))).await;
    let second = setup.fetch(&[], 0).await;
    assert_eq!(
        counts(&second, "greenhouse:strings"),
        ["success", "3", "0", "0", "3", "0"]
    );
    assert_eq!(
        counts(&second, "greenhouse:bom"),
        ["success", "4", "0", "0", "4", "0"]
    );

    let sources = setup.sources().await;
    assert_eq!(open(&sources, "greenhouse:strings"), 3, "{sources}");
    assert_eq!(open(&sources, "greenhouse:bom"), 4, "{sources}");
    assert!(
        row(&sources, "greenhouse:strings").contains("success"),
        "{sources}"
    );

    let store = Store::open(&setup.store_path).await.unwrap();
    let id =
        prepboard_core::ListingId::derive(prepboard_core::SourceKind::Greenhouse, "7850544003");
    let stored = store
        .get_listing(&id)
        .await
        .unwrap()
        .expect("stored under its id");
    assert_eq!(stored.source_job_id, "7850544003");
    store.close().await;
}

#[tokio::test]
async fn an_html_page_with_status_200_fails_the_run_and_closes_nothing() {
    let server = MockServer::start().await;
    let setup = Setup::new(&server, &["acme"]);
    serve(&server, "acme", ok(board_body(jobs(100, 5, false)))).await;
    setup.fetch(&[], 0).await;

    server.reset().await;
    let page = "<!DOCTYPE html><html><body><h1>We'll be right back</h1></body></html>";
    serve(
        &server,
        "acme",
        ResponseTemplate::new(200).set_body_raw(page, "text/html"),
    )
    .await;
    for _ in 0..2 {
        let table = setup.fetch(&[], 3).await;
        assert_eq!(counts(&table, "greenhouse:acme")[0], "failed", "{table}");
        assert!(
            row(&table, "greenhouse:acme").contains("sent an HTML page (text/html)"),
            "{table}"
        );
    }
    let sources = setup.sources().await;
    assert_eq!(open(&sources, "greenhouse:acme"), 5, "{sources}");
    assert!(
        row(&sources, "greenhouse:acme").contains("sent an HTML page"),
        "{sources}"
    );
}

#[tokio::test]
async fn a_board_that_drops_to_nothing_is_held_until_accepted_or_confirmed() {
    let server = MockServer::start().await;
    let boards = ["recovers", "confirmed", "accepted", "steady"];
    let setup = Setup::new(&server, &boards);
    for (index, board) in boards.iter().enumerate() {
        let first = 100 * (index as u64 + 1);
        serve(&server, board, ok(board_body(jobs(first, 5, false)))).await;
    }
    setup.fetch(&[], 0).await;

    // One successful run in which three boards list nothing at all.
    server.reset().await;
    for board in &boards[..3] {
        serve(&server, board, ok(board_body(Vec::new()))).await;
    }
    serve(&server, "steady", ok(board_body(jobs(400, 5, false)))).await;
    let held = setup.fetch(&[], 2).await;
    for board in &boards[..3] {
        let name = format!("greenhouse:{board}");
        assert_eq!(
            counts(&held, &name),
            ["suspect", "0", "0", "0", "0", "0"],
            "{held}"
        );
        assert!(
            row(&held, &name).contains("lacks 5 of the 5 listings"),
            "{held}"
        );
    }
    let sources = setup.sources().await;
    for board in &boards[..3] {
        let name = format!("greenhouse:{board}");
        assert_eq!(open(&sources, &name), 5, "{sources}");
        assert!(row(&sources, &name).contains("held since"), "{sources}");
        assert!(
            row(&sources, &name).contains(&format!("--accept-drop {name}")),
            "{sources}"
        );
    }
    assert!(
        !row(&sources, "greenhouse:steady").contains("held"),
        "{sources}"
    );

    // Next: one board lists its jobs again, one fails, and the operator accepts the third's drop.
    server.reset().await;
    serve(&server, "recovers", ok(board_body(jobs(100, 5, false)))).await;
    serve(&server, "confirmed", ResponseTemplate::new(503)).await;
    serve(&server, "accepted", ok(board_body(Vec::new()))).await;
    serve(&server, "steady", ok(board_body(jobs(400, 5, false)))).await;
    let settled = setup
        .fetch(&["--accept-drop", "greenhouse:accepted"], 2)
        .await;
    assert_eq!(
        counts(&settled, "greenhouse:recovers"),
        ["success", "5", "0", "0", "5", "0"]
    );
    assert_eq!(
        counts(&settled, "greenhouse:confirmed")[0],
        "failed",
        "{settled}"
    );
    // Both runs lacked them: with close_after_missed_runs = 2, they close.
    assert_eq!(
        counts(&settled, "greenhouse:accepted"),
        ["success", "0", "0", "0", "0", "5"]
    );
    let sources = setup.sources().await;
    assert_eq!(open(&sources, "greenhouse:recovers"), 5, "{sources}");
    assert!(
        !row(&sources, "greenhouse:recovers").contains("held"),
        "{sources}"
    );
    assert_eq!(open(&sources, "greenhouse:accepted"), 0, "{sources}");
    assert!(
        !row(&sources, "greenhouse:accepted").contains("held"),
        "{sources}"
    );
    // A failed run neither settles a held drop nor hides it.
    let confirmed = row(&sources, "greenhouse:confirmed");
    assert_eq!(open(&sources, "greenhouse:confirmed"), 5, "{sources}");
    assert!(confirmed.contains("held since"), "{confirmed}");
    assert!(
        confirmed.contains("last run failed: HTTP 503"),
        "{confirmed}"
    );

    // A later run that lists nothing either agrees with the held one.
    server.reset().await;
    serve(&server, "confirmed", ok(board_body(Vec::new()))).await;
    let agreed = setup.fetch(&["--source", "greenhouse:confirmed"], 0).await;
    assert_eq!(
        counts(&agreed, "greenhouse:confirmed"),
        ["success", "0", "0", "0", "0", "5"]
    );
    let sources = setup.sources().await;
    assert_eq!(open(&sources, "greenhouse:confirmed"), 0, "{sources}");
    assert!(
        !row(&sources, "greenhouse:confirmed").contains("held"),
        "{sources}"
    );
    let summary = setup.summary("greenhouse:confirmed").await;
    assert_eq!(summary.last_run.unwrap().outcome, FetchOutcomeKind::Success);
    assert!(summary.held_drop.is_none());
}

#[tokio::test]
async fn accept_drop_names_a_source_this_run_fetches() {
    let server = MockServer::start().await;
    let setup = Setup::new(&server, &["acme"]);
    let output = setup
        .run(&["fetch", "--accept-drop", "greenhouse:nosuch"])
        .await;
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--accept-drop greenhouse:nosuch: not a source this run fetches"),
        "{stderr}"
    );
}

#[tokio::test]
async fn a_dry_run_refuses_sources_with_a_poll_budget_and_stores_nothing() {
    let server = MockServer::start().await;
    let setup = Setup::with(&server.uri(), &["acme"], true);
    serve(&server, "acme", ok(board_body(jobs(100, 2, false)))).await;
    let table = setup.fetch(&["--dry-run"], 0).await;
    assert_eq!(
        counts(&table, "greenhouse:acme")[..2],
        ["success", "2"],
        "{table}"
    );
    let remotive = row(&table, "remotive");
    assert!(remotive.contains("skipped"), "{table}");
    assert!(
        remotive
            .contains("not fetched in a dry run: Remotive allows at most 4 fetches per 24 hours"),
        "{table}"
    );
    assert!(table.contains("(dry run: nothing stored)"), "{table}");
    let requests = server.received_requests().await.unwrap();
    assert!(
        requests
            .iter()
            .all(|request| !request.url.path().starts_with("/api/remote-jobs")),
        "Remotive was asked: {requests:?}"
    );
    let sources = setup.sources().await;
    assert!(row(&sources, "remotive").contains("never"), "{sources}");
    assert!(
        row(&sources, "greenhouse:acme").contains("never"),
        "{sources}"
    );
}

#[tokio::test]
async fn an_unreachable_network_is_said_once_and_every_source_fails() {
    // A port that was just free: every connection to it is refused.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let setup = Setup::with(&base, &["a", "b", "c", "d"], false);
    let output = setup.run(&["fetch"]).await;
    assert_eq!(output.status.code(), Some(3), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|line| !line.trim().is_empty())
        .collect();
    assert_eq!(lines.len(), 1, "one line for the whole network:\n{stderr}");
    assert!(
        lines[0].contains("the network is unreachable: no source could be reached"),
        "{stderr}"
    );
    let table = String::from_utf8_lossy(&output.stdout);
    for board in ["a", "b", "c", "d"] {
        let row = row(&table, &format!("greenhouse:{board}"));
        assert!(
            row.contains("failed") && row.contains("cannot reach"),
            "{table}"
        );
    }
}

#[test]
fn fetch_help_documents_the_exit_codes() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_prepboard"))
        .args(["fetch", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&output.stdout);
    for line in [
        "Exit codes:",
        "0  every source that was attempted succeeded",
        "2  some sources failed, or a run was held as suspect",
        "3  every source that was attempted failed",
        "--accept-drop <SOURCE>",
    ] {
        assert!(help.contains(line), "`{line}` missing from\n{help}");
    }
}
