//! Several processes on one data dir, as the real binary runs them: `serve` keeps answering while
//! `prepboard index --rebuild` replaces its generation, and picks the new one up; a second index
//! writer beside `prepboard up` is refused, told who holds the index; a store swapped under an
//! index makes the next `prepboard index` rebuild instead of mixing the two.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod common;
use common::{config_for, fixture};

/// Two Greenhouse boards (employer boards have no poll budget, so they can be fetched back to back).
const CATAWIKI: (&str, &str) = ("catawiki", "greenhouse/catawiki-content.json");
const GITLAB: (&str, &str) = ("gitlab", "greenhouse/gitlab-content-trimmed.json");
/// How long a condition may take to hold before the test fails (a serve picking up a rebuild
/// follows every second).
const PATIENCE: Duration = Duration::from_secs(60);

/// The shared test config, with these Greenhouse `boards` and every aggregator off, written to
/// `dir/name`.
fn write_config(
    dir: &Path,
    name: &str,
    base: &str,
    data_dir: &Path,
    boards: &[(&str, &str)],
) -> PathBuf {
    let tokens: Vec<&str> = boards.iter().map(|(token, _)| *token).collect();
    let path = dir.join(name);
    std::fs::write(&path, config_for(base, data_dir, &tokens, false)).unwrap();
    path
}

async fn greenhouse_server() -> MockServer {
    let server = MockServer::start().await;
    for (token, payload) in [CATAWIKI, GITLAB] {
        Mock::given(method("GET"))
            .and(path(format!("/v1/boards/{token}/jobs")))
            .respond_with(ResponseTemplate::new(200).set_body_bytes(fixture(payload)))
            .mount(&server)
            .await;
    }
    server
}

fn prepboard(config: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_prepboard"))
        .arg("--config")
        .arg(config)
        .args(args)
        .env("PREPBOARD_LOG", "warn")
        .output()
        .expect("the binary runs")
}

fn succeeded(output: &Output) -> String {
    assert!(
        output.status.success(),
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A running `serve` or `up`, killed when dropped.
struct Server {
    child: Child,
    address: String,
}

impl Server {
    /// Starts `prepboard ARGS` and waits for the line that says where it serves.
    fn start(config: &Path, command: &str) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_prepboard"))
            .arg("--config")
            .arg(config)
            .arg(command)
            .env("PREPBOARD_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts");
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let address = loop {
            let line = lines
                .next()
                .unwrap_or_else(|| panic!("`{command}` ended before serving"))
                .unwrap();
            if let Some((_, url)) = line.split_once(" at http://") {
                break url.trim().to_owned();
            }
        };
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server { child, address }
    }

    /// `GET path`, as (status, body).
    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.address
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let status = response
            .split(' ')
            .nth(1)
            .and_then(|code| code.parse().ok())
            .unwrap_or(0);
        let body = response
            .split_once("\r\n\r\n")
            .map(|(_, body)| body.to_owned())
            .unwrap_or_default();
        (status, body)
    }

    fn listings_indexed(&self) -> u64 {
        let (status, body) = self.get("/healthz");
        assert_eq!(status, 200, "{body}");
        let health: serde_json::Value = serde_json::from_str(&body).unwrap();
        health["listings_indexed"].as_u64().unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The number in "… N listings searchable …" of `prepboard index`'s summary line.
fn searchable(summary: &str) -> u64 {
    let before = summary
        .split(" listings searchable")
        .next()
        .unwrap_or_default();
    before
        .rsplit(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {summary:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_follows_the_index_owner_and_one_process_writes_the_index() {
    let server = greenhouse_server().await;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let one = write_config(dir.path(), "one.toml", &server.uri(), &data, &[CATAWIKI]);
    let both = write_config(
        dir.path(),
        "both.toml",
        &server.uri(),
        &data,
        &[CATAWIKI, GITLAB],
    );

    succeeded(&prepboard(&one, &["fetch"]));
    let first = searchable(&succeeded(&prepboard(&one, &["index"])));
    assert!(first > 0);

    // `serve` brings the index up to date at start, then only follows.
    let serve = Server::start(&one, "serve");
    assert_eq!(serve.listings_indexed(), first);

    // More listings reach the store; another process rebuilds the index while `serve` answers.
    succeeded(&prepboard(&both, &["fetch"]));
    let mut rebuild = Command::new(env!("CARGO_BIN_EXE_prepboard"))
        .arg("--config")
        .arg(&both)
        .args(["index", "--rebuild"])
        .env("PREPBOARD_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut answered = 0;
    while rebuild.try_wait().unwrap().is_none() {
        let (status, body) = serve.get("/healthz");
        assert_eq!(
            status, 200,
            "serve stopped answering during the rebuild: {body}"
        );
        answered += 1;
    }
    let rebuilt = rebuild.wait_with_output().unwrap();
    let second = searchable(&succeeded(&rebuilt));
    assert!(second > first, "{first} then {second}");
    assert!(answered > 0);

    // The next searches see the new generation, as soon as serve has followed (every second).
    let started = Instant::now();
    while serve.listings_indexed() != second {
        assert!(
            started.elapsed() < PATIENCE,
            "serve never picked up the rebuild"
        );
        std::thread::yield_now();
    }
    drop(serve);

    // `up` owns the index for its lifetime: a second writer is refused and told who holds it.
    let up = Server::start(&both, "up");
    let refused = prepboard(&both, &["index"]);
    assert!(!refused.status.success());
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(
        message.contains(&format!("prepboard up (pid {}", up.child.id())),
        "{message}"
    );
    assert!(message.contains("one process per data dir"), "{message}");
    drop(up);

    // A different store under the same index (here: a fresh one, with fewer listings) is rebuilt
    // from, even without --rebuild.
    for entry in std::fs::read_dir(&data).unwrap() {
        let path = entry.unwrap().path();
        if path
            .file_name()
            .and_then(|name| name.to_str())
            .is_some_and(|name| name.starts_with("prepboard.sqlite"))
        {
            std::fs::remove_file(path).unwrap();
        }
    }
    succeeded(&prepboard(&one, &["fetch"]));
    let swapped = succeeded(&prepboard(&one, &["index"]));
    assert!(swapped.contains("rebuilt"), "{swapped}");
    assert_eq!(searchable(&swapped), first, "{swapped}");
}
