//! The Hacker News source through the binary: the three recorded "Who is hiring?" threads served
//! by a local HN Search stand-in, fetched into the store twice (the second run changes nothing),
//! once more after a post was edited (its listing updates), indexed, searched, and served with
//! their link-back and prep links; a role also on the employer's board merges into the board's
//! listing. And `up` with HN unreachable still serves the bundled snapshot.

mod common;

use std::path::Path;
use std::process::{Output, Stdio};
use std::time::Duration;

use common::{TestBoard, fixture, local_config};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const THREADS: [&str; 3] = ["46466074", "46857488", "47219668"];
const PER_PAGE: usize = 200;
/// Sage Bionetworks' January post links to this Greenhouse job.
const SAGE_POST: u64 = 46513900;
const SAGE_JOB: u64 = 4091284009;
/// MiLaboratories' posts in the January and February threads (the same roles, and one more in
/// February).
const MILAB_JANUARY: u64 = 46467610;
const MILAB_FEBRUARY: u64 = 46862621;

/// A thread's story and its top-level comments as HN Search hits.
fn thread_hits(thread: &str, edit: Option<(u64, &str)>) -> (Value, Vec<Value>) {
    let story: Value =
        serde_json::from_slice(&fixture(&format!("hn/firebase/story-{thread}.json"))).unwrap();
    let items: Vec<Value> =
        serde_json::from_slice(&fixture(&format!("hn/firebase/items-{thread}.json"))).unwrap();
    let story_id = story["id"].as_u64().unwrap();
    let hits = items
        .iter()
        .map(|item| {
            let id = item["id"].as_u64().unwrap();
            let text = match edit {
                Some((edited, text)) if edited == id => json!(text),
                _ => item["text"].clone(),
            };
            json!({
                "objectID": id.to_string(),
                "parent_id": item["parent"],
                "story_id": story_id,
                "author": item["by"],
                "comment_text": text,
                "created_at_i": item["time"],
                "story_title": story["title"],
                "_tags": ["comment", format!("author_{}", item["by"].as_str().unwrap_or("")), format!("story_{story_id}")],
            })
        })
        .collect();
    let hit = json!({
        "author": "whoishiring",
        "objectID": story_id.to_string(),
        "title": story["title"],
        "created_at_i": story["time"],
        "num_comments": story["descendants"],
    });
    (hit, hits)
}

/// The HN Search stand-in: discovery and every thread's pages; `edit` rewrites one comment.
async fn hn_search(server: &MockServer, edit: Option<(u64, &str)>) {
    server.reset().await;
    let mut stories = Vec::new();
    for thread in THREADS {
        let (story, hits) = thread_hits(thread, edit);
        stories.push(story);
        let pages = hits.len().div_ceil(PER_PAGE);
        for page in 0..pages {
            let slice: Vec<&Value> = hits.iter().skip(page * PER_PAGE).take(PER_PAGE).collect();
            Mock::given(method("GET"))
                .and(path("/hn/api/v1/search_by_date"))
                .and(query_param(
                    "tags",
                    format!("comment,story_{thread}").as_str(),
                ))
                .and(query_param("page", page.to_string().as_str()))
                .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                    "hits": slice, "nbHits": hits.len(), "nbPages": pages, "page": page,
                    "hitsPerPage": PER_PAGE,
                })))
                .mount(server)
                .await;
        }
    }
    stories.push(json!({"author": "whoishiring", "objectID": "47219669", "created_at_i": 1772463700,
                        "title": "Ask HN: Who wants to be hired? (March 2026)", "num_comments": 300}));
    Mock::given(method("GET"))
        .and(path("/hn/api/v1/search_by_date"))
        .and(query_param("tags", "story,author_whoishiring"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"hits": stories})))
        .mount(server)
        .await;
    // Sage Bionetworks' own board holds the job its HN post links to.
    Mock::given(method("GET"))
        .and(path("/v1/boards/sagebionetworks/jobs"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "jobs": [{
                "id": SAGE_JOB,
                "title": "Principal Software Engineer (Backend)",
                "absolute_url": format!("https://job-boards.greenhouse.io/sagebionetworks/jobs/{SAGE_JOB}"),
                "location": {"name": "Remote, USA"},
                "updated_at": "2026-01-05T10:00:00-05:00",
                "company_name": "Sage Bionetworks",
                "content": "&lt;p&gt;Build the services behind Synapse.org in Java and Python.&lt;/p&gt;",
                "metadata": []
            }],
            "meta": {"total": 1}
        })))
        .mount(server)
        .await;
}

/// The shared test config (every source at `board_base`, only Sage Bionetworks' board when
/// `with_board`) with the HN source on at `hn_base`.
fn config_for(hn_base: &str, board_base: &str, data_dir: &Path, with_board: bool) -> String {
    let sage = TestBoard {
        company: "Sage Bionetworks",
        token: "sagebionetworks",
        confirmed: true,
    };
    let boards: &[TestBoard<'_>] = if with_board { &[sage] } else { &[] };
    let mut config = local_config(board_base, data_dir, &[], boards);
    config.push_str(&format!(
        "\n[sources.hn]\nenabled = true\nbase_url = \"{hn_base}\"\nkeep_threads = 3\n\
         hits_per_page = {PER_PAGE}\nmax_pages = 5\nmin_interval_minutes = 0\n"
    ));
    config
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

/// `SOURCE OUTCOME FETCHED NEW UPDATED UNCHANGED CLOSED` for one source.
fn row(table: &str, source: &str) -> Vec<String> {
    table
        .lines()
        .find(|line| line.starts_with(&format!("{source} ")))
        .unwrap_or_else(|| panic!("no row for {source} in\n{table}"))
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

fn count(row: &[String], column: usize) -> u64 {
    row[column]
        .parse()
        .unwrap_or_else(|_| panic!("not a count: {row:?}"))
}

/// A running `prepboard serve`/`up` and the address it serves at; killed when dropped.
struct Server {
    child: tokio::process::Child,
    address: String,
}

async fn start(config: &Path, command: &str) -> Server {
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_prepboard"))
        .arg("--config")
        .arg(config)
        .arg(command)
        .env("PREPBOARD_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let address = tokio::time::timeout(Duration::from_secs(120), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if let Some(at) = line.find("at http://") {
                return line[at + 3..].trim().to_owned();
            }
        }
        panic!("the server exited before serving");
    })
    .await
    .expect("the server starts within two minutes");
    // Keep reading stdout so the child never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Server { child, address }
}

impl Server {
    async fn get(&self, path_and_query: &str) -> (u16, String) {
        let response = reqwest::get(format!("{}{path_and_query}", self.address))
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, response.text().await.unwrap())
    }

    async fn stop(mut self) {
        self.child.kill().await.unwrap();
    }
}

#[tokio::test]
async fn fixture_threads_fetched_twice_edited_indexed_and_served() {
    let server = MockServer::start().await;
    hn_search(&server, None).await;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("prepboard.toml");
    let hn_base = format!("{}/hn/api/v1", server.uri());
    std::fs::write(
        &config,
        config_for(&hn_base, &server.uri(), &dir.path().join("data"), true),
    )
    .unwrap();

    let first = prepboard(&config, &["fetch"]).await;
    let table = String::from_utf8_lossy(&first.stdout).into_owned();
    assert_eq!(
        first.status.code(),
        Some(0),
        "{table}\n{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let hn = row(&table, "hn");
    assert_eq!(hn[1], "success", "{table}");
    let fetched = count(&hn, 2);
    // 1,017 posts, most naming more than one role; reposts from earlier months dropped.
    assert!(fetched > 1000, "{table}");
    assert_eq!(count(&hn, 3), fetched, "every listing is new: {table}");
    let board = row(&table, "greenhouse:sagebionetworks");
    assert_eq!(board[1..4], ["success", "1", "1"], "{table}");

    // Nothing changed upstream: nothing changes in the store.
    let second = prepboard(&config, &["fetch"]).await;
    let table = String::from_utf8_lossy(&second.stdout).into_owned();
    let hn = row(&table, "hn");
    assert_eq!(
        hn[1..],
        [
            "success".to_owned(),
            fetched.to_string(),
            "0".into(),
            "0".into(),
            fetched.to_string(),
            "0".into()
        ],
        "{table}"
    );

    // MiLaboratories posted in January and again in February; the run keeps the newer post of a
    // company's role, so an edit to the January post changes nothing.
    let edited = "MiLaboratories | Bilbao, Spain | ONSITE | VISA SPONSORSHIP<p>We are hiring for two core roles:<p>1. Senior Go Engineer: distributed systems for genomic data.<p>2. Bioinformatics Developer (Antibody Discovery): the scientific core.<p>Comp: €100k - €130k.";
    hn_search(&server, Some((MILAB_JANUARY, edited))).await;
    let superseded = prepboard(&config, &["fetch"]).await;
    let table = String::from_utf8_lossy(&superseded.stdout).into_owned();
    let hn = row(&table, "hn");
    assert_eq!(
        hn[1..5],
        ["success", fetched.to_string().as_str(), "0", "0"],
        "{table}"
    );

    // Its February post is edited the same way: it drops one of its three roles and raises the
    // pay. The two roles it keeps update; the third is missing once, which closes nothing yet.
    hn_search(&server, Some((MILAB_FEBRUARY, edited))).await;
    let third = prepboard(&config, &["fetch"]).await;
    let table = String::from_utf8_lossy(&third.stdout).into_owned();
    let hn = row(&table, "hn");
    assert_eq!(hn[1], "success", "{table}");
    assert_eq!(
        count(&hn, 4),
        2,
        "the edited post's two roles updated: {table}"
    );
    assert_eq!(count(&hn, 3), 0, "{table}");
    assert_eq!(count(&hn, 2), fetched - 1, "{table}");
    assert_eq!(count(&hn, 6), 0, "one missed run closes nothing: {table}");

    let index = prepboard(&config, &["index"]).await;
    assert!(
        index.status.success(),
        "{}",
        String::from_utf8_lossy(&index.stderr)
    );

    let search = prepboard(
        &config,
        &[
            "search",
            "--source",
            "hacker_news",
            "--per-page",
            "50",
            "--json",
        ],
    )
    .await;
    assert!(
        search.status.success(),
        "{}",
        String::from_utf8_lossy(&search.stderr)
    );
    let response: Value = serde_json::from_slice(&search.stdout).unwrap();
    let hits = response["hits"].as_array().unwrap();
    assert!(!hits.is_empty(), "{response:#}");
    for hit in hits {
        assert_eq!(hit["source"], "hacker_news");
        assert!(
            hit["source_url"]
                .as_str()
                .unwrap()
                .starts_with("https://news.ycombinator.com/item?id="),
            "{hit:#}"
        );
    }

    // The HN role that is also on Sage Bionetworks' board is one listing, the board's.
    let sage = prepboard(
        &config,
        &[
            "search",
            "Principal Software Engineer",
            "--company",
            "Sage Bionetworks",
            "--json",
        ],
    )
    .await;
    let response: Value = serde_json::from_slice(&sage.stdout).unwrap();
    let sage_hits: Vec<&Value> = response["hits"].as_array().unwrap().iter().collect();
    assert_eq!(sage_hits.len(), 1, "{response:#}");
    assert_eq!(sage_hits[0]["source"], "greenhouse");
    assert_eq!(
        sage_hits[0]["also_on"][0]["source"], "hacker_news",
        "{response:#}"
    );
    assert_eq!(
        sage_hits[0]["also_on"][0]["url"],
        format!("https://news.ycombinator.com/item?id={SAGE_POST}")
    );

    // Served: the API lists HN jobs with their link-back, each has prep links, and its page links
    // back to the comment and carries no JSON-LD.
    let web = start(&config, "serve").await;
    let (status, body) = web
        .get("/api/v1/jobs?source=hacker_news&q=backend&per_page=5")
        .await;
    assert_eq!(status, 200, "{body}");
    let jobs: Value = serde_json::from_str(&body).unwrap();
    let job = &jobs["jobs"][0];
    assert_eq!(job["source"], "hacker_news", "{jobs:#}");
    let id = job["id"].as_str().unwrap().to_owned();
    let (status, body) = web.get(&format!("/api/v1/prep?job={id}")).await;
    assert_eq!(status, 200, "{body}");
    let prep: Value = serde_json::from_str(&body).unwrap();
    assert!(!prep["prep"].as_array().unwrap().is_empty(), "{prep:#}");
    let (status, page) = web.get(&format!("/jobs/{id}")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("https://news.ycombinator.com/item?id="),
        "the page links back to the comment"
    );
    assert!(page.contains("Hacker News"));
    assert!(
        !page.contains("application/ld+json"),
        "no JSON-LD for HN listings"
    );
    web.stop().await;
}

#[tokio::test]
async fn up_serves_the_snapshot_when_hn_is_unreachable() {
    // A port nothing listens on: every HN request is refused at once.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let unreachable = format!("http://{}/api/v1", closed.local_addr().unwrap());
    drop(closed);
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("prepboard.toml");
    std::fs::write(
        &config,
        config_for(&unreachable, &unreachable, &dir.path().join("data"), false),
    )
    .unwrap();

    let web = start(&config, "up").await;
    let (status, body) = web.get("/api/v1/jobs?per_page=5").await;
    assert_eq!(status, 200, "{body}");
    let jobs: Value = serde_json::from_str(&body).unwrap();
    assert!(
        jobs["meta"]["total"].as_u64().unwrap() > 0,
        "the snapshot is served: {jobs:#}"
    );
    let (_, body) = web.get("/api/v1/jobs?source=hacker_news").await;
    let hn: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        hn["meta"]["total"], 0,
        "the bundled snapshot carries no HN data: {hn:#}"
    );
    web.stop().await;
}
