//! `prepboard up` on a machine with no network: the real binary with the default config, its
//! bundled snapshot and every source pointed at a closed local port. What a newcomer sees first is
//! the board's remote-first view: remote engineering jobs only, with toggles that say how many
//! office and non-engineering jobs they would add; and an office job names its offices.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};

/// A port nothing listens on: bound, then released.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// The running server, stopped when dropped.
struct Up {
    child: Child,
    address: SocketAddr,
    _data: tempfile::TempDir,
}

impl Drop for Up {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `prepboard up` and waits for the line saying where it serves.
fn up() -> Up {
    let data = tempfile::tempdir().unwrap();
    let dead = format!("http://127.0.0.1:{}", closed_port());
    let mut child = Command::new(env!("CARGO_BIN_EXE_prepboard"))
        .arg("up")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("PREPBOARD_DATA_DIR", data.path())
        .env("PREPBOARD_SERVER__BIND", "127.0.0.1:0")
        .env("PREPBOARD_SOURCES__WE_WORK_REMOTELY__ENABLED", "false")
        .env("PREPBOARD_SOURCES__REMOTIVE__ENABLED", "false")
        .env("PREPBOARD_SOURCES__REMOTEOK__ENABLED", "false")
        .env("PREPBOARD_ATS__GREENHOUSE__BASE_URL", &dead)
        .env("PREPBOARD_ATS__LEVER__BASE_URL", &dead)
        .env("PREPBOARD_ATS__LEVER__EU_BASE_URL", &dead)
        .env("PREPBOARD_ATS__ASHBY__BASE_URL", &dead)
        .env("PREPBOARD_POLITENESS__MAX_RETRIES", "0")
        .env("PREPBOARD_LOG", "error")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let address = loop {
        let line = lines
            .next()
            .expect("up printed where it serves before it stopped")
            .unwrap();
        if let Some((_, url)) = line.split_once(" at http://") {
            break url.trim().parse().unwrap();
        }
    };
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Up {
        child,
        address,
        _data: data,
    }
}

impl Up {
    /// GET over HTTP/1.0: the server closes the connection after an unchunked body.
    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(self.address).unwrap();
        write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let (head, body) = response.split_once("\r\n\r\n").unwrap();
        let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        (status, body.to_owned())
    }

    fn json(&self, path: &str) -> serde_json::Value {
        let (status, body) = self.get(path);
        assert_eq!(status, 200, "{path}: {body}");
        serde_json::from_str(&body).unwrap()
    }
}

/// The listing ids a page links to, in order, once each.
fn linked_job_ids(page: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for piece in page.split("href=\"/jobs/").skip(1) {
        let id: String = piece
            .chars()
            .take_while(|c| c.is_ascii_hexdigit())
            .collect();
        if id.len() == 16 && !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

#[test]
fn offline_up_shows_remote_engineering_jobs_first_with_toggles_and_office_badges() {
    let up = up();

    // The first page: remote (or remote-or-office) engineering jobs only.
    let first = up.json("/api/v1/jobs");
    let jobs = first["jobs"].as_array().unwrap();
    assert_eq!(jobs.len(), 20, "a full first page");
    for job in jobs {
        let workplace = job["workplace"].as_str().unwrap();
        assert!(
            workplace == "remote" || workplace == "remote-or-office",
            "{}: {workplace}",
            job["title"]
        );
        assert_ne!(job["family"], "non-engineering", "{}", job["title"]);
    }
    let (status, page) = up.get("/");
    assert_eq!(status, 200);
    let api_ids: Vec<&str> = jobs.iter().map(|j| j["id"].as_str().unwrap()).collect();
    assert_eq!(
        linked_job_ids(&page),
        api_ids,
        "the page's first results are the API's"
    );

    // Each toggle says how many it would add, and adds exactly that many.
    let total = first["meta"]["total"].as_u64().unwrap();
    let office = first["facets"]["hidden"]["office"].as_u64().unwrap();
    let non_engineering = first["facets"]["hidden"]["non_engineering"]
        .as_u64()
        .unwrap();
    assert!(
        office > 0 && non_engineering > 0,
        "the snapshot holds office and non-engineering jobs"
    );
    assert!(
        page.contains(&format!("+ {office} office and hybrid jobs")),
        "{page}"
    );
    assert!(
        page.contains(&format!("+ {non_engineering} non-engineering jobs")),
        "{page}"
    );
    let widened = up.json("/api/v1/jobs?include_office=1");
    assert_eq!(widened["meta"]["total"].as_u64().unwrap(), total + office);
    let widened = up.json("/api/v1/jobs?include_non_engineering=1");
    assert_eq!(
        widened["meta"]["total"].as_u64().unwrap(),
        total + non_engineering
    );

    // The bundled Stripe office job: hidden by default, and its office named once shown.
    let title = "Staff Software Engineer, API Platform";
    let search = "/api/v1/jobs?q=%22API+Platform%22&company=Stripe";
    assert!(
        up.json(search)["jobs"]
            .as_array()
            .unwrap()
            .iter()
            .all(|job| job["title"] != title),
        "an office job is not in the default view"
    );
    let shown = up.json(&format!("{search}&include_office=1"));
    let stripe = shown["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|job| job["title"] == title)
        .expect("the toggle brings in the Stripe office job");
    assert_eq!(stripe["workplace"], "onsite");
    assert_eq!(
        stripe["eligibility"]["offices"],
        serde_json::json!(["San Francisco", "Seattle"])
    );
    let id = stripe["id"].as_str().unwrap();
    let (_, results) = up.get("/?q=%22API+Platform%22&company=Stripe&include_office=1");
    let card = results
        .split("<li class=\"card\">")
        .find(|card| card.contains(&format!("/jobs/{id}")))
        .expect("the card is on the page");
    assert!(card.contains("Office: San Francisco, Seattle"), "{card}");
    assert!(!card.contains("US only"), "{card}");
    let (status, job_page) = up.get(&format!("/jobs/{id}"));
    assert_eq!(status, 200);
    let who = job_page
        .split_once("<dt>Who can apply</dt>")
        .and_then(|(_, rest)| rest.split_once("</dd>"))
        .map(|(who, _)| who)
        .expect("the job page says who can apply");
    assert!(who.contains("Office: San Francisco, Seattle"), "{who}");
    assert!(!who.contains("US only"), "{who}");
}
