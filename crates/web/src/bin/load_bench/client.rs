//! The load's client side: [`Target`], one request it sends (a GET, or an MCP call as a JSON
//! POST), the keep-alive connections that send them ([`drive`]), and the CPU time each group of
//! threads used.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

pub(crate) const CONNECTIONS: usize = 16;

/// One request the load sends: a GET of `path`, or with a `body`, a JSON POST (an MCP call).
/// `query` is the search it runs, as a query string, for the serial searches it is compared with.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    pub path: String,
    body: Option<String>,
    pub query: Option<String>,
}

impl Target {
    pub fn get(path: String) -> Target {
        let query = path.split_once('?').map(|(_, q)| q.to_owned());
        Target {
            path,
            body: None,
            query,
        }
    }

    /// `search_jobs` through `/mcp` with the same search as the API path `api`.
    pub fn mcp_search(api: &str, arguments: serde_json::Value) -> Target {
        let body = serde_json::json!({
            "jsonrpc": "2.0",
            "id": 1,
            "method": "tools/call",
            "params": {"name": "search_jobs", "arguments": arguments},
        });
        Target {
            path: "/mcp".to_owned(),
            body: Some(body.to_string()),
            query: api.split_once('?').map(|(_, q)| q.to_owned()),
        }
    }

    pub fn request(&self) -> anyhow::Result<axum::http::Request<axum::body::Body>> {
        let builder = axum::http::Request::builder()
            .uri(self.path.as_str())
            .header("host", "localhost");
        Ok(match &self.body {
            None => builder.method("GET").body(axum::body::Body::empty())?,
            Some(body) => builder
                .method("POST")
                .header("content-type", "application/json")
                .header("accept", "application/json, text/event-stream")
                .body(axum::body::Body::from(body.clone()))?,
        })
    }
}

/// One keep-alive HTTP/1.1 request; returns the status. `scratch` is reused across requests so
/// that the client, which shares the two cores with the server, costs as little as it can.
async fn send(
    reader: &mut BufReader<TcpStream>,
    target: &Target,
    scratch: &mut Vec<u8>,
) -> std::io::Result<u16> {
    scratch.clear();
    match &target.body {
        None => {
            scratch.extend_from_slice(b"GET ");
            scratch.extend_from_slice(target.path.as_bytes());
            scratch.extend_from_slice(b" HTTP/1.1\r\nHost: localhost\r\n\r\n");
        }
        Some(body) => {
            scratch.extend_from_slice(b"POST ");
            scratch.extend_from_slice(target.path.as_bytes());
            scratch.extend_from_slice(
                format!(
                    " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: {}\r\n\r\n",
                    body.len()
                )
                .as_bytes(),
            );
            scratch.extend_from_slice(body.as_bytes());
        }
    }
    reader.get_mut().write_all(scratch).await?;
    scratch.clear();
    reader.read_until(b'\n', scratch).await?;
    let status = std::str::from_utf8(scratch)
        .ok()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut length = 0usize;
    loop {
        scratch.clear();
        reader.read_until(b'\n', scratch).await?;
        if scratch.as_slice() == b"\r\n" || scratch.is_empty() {
            break;
        }
        if let Ok(line) = std::str::from_utf8(scratch)
            && let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    scratch.resize(length, 0);
    reader.read_exact(scratch).await?;
    Ok(status)
}

pub(crate) async fn drive(
    address: std::net::SocketAddr,
    paths: Arc<Vec<Target>>,
    duration: Duration,
) -> (Vec<Duration>, usize) {
    let mut tasks = Vec::new();
    for connection in 0..CONNECTIONS {
        let paths = Arc::clone(&paths);
        tasks.push(tokio::spawn(async move {
            let stream = TcpStream::connect(address).await.expect("connect");
            stream.set_nodelay(true).expect("TCP_NODELAY");
            let mut reader = BufReader::with_capacity(64 * 1024, stream);
            let mut latencies = Vec::new();
            let mut errors = 0;
            let mut scratch = Vec::with_capacity(64 * 1024);
            let end = Instant::now() + duration;
            let mut i = connection;
            while Instant::now() < end {
                let started = Instant::now();
                match send(&mut reader, &paths[i % paths.len()], &mut scratch).await {
                    Ok(200) => latencies.push(started.elapsed()),
                    _ => errors += 1,
                }
                i += CONNECTIONS;
            }
            (latencies, errors)
        }));
    }
    let mut all = Vec::new();
    let mut errors = 0;
    for task in tasks {
        let (latencies, e) = task.await.expect("client task");
        all.extend(latencies);
        errors += e;
    }
    all.sort();
    (all, errors)
}

/// CPU time used so far by this process's threads, by thread name (Linux: `/proc/self/task`), so
/// that a load phase can be split into search, server and client time whatever else the machine is
/// doing. Empty where `/proc` is missing.
pub(crate) fn cpu_by_thread_name() -> HashMap<String, Duration> {
    let mut totals = HashMap::new();
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return totals;
    };
    for task in tasks.flatten() {
        let path = task.path();
        let name = std::fs::read_to_string(path.join("comm")).unwrap_or_default();
        // schedstat: nanoseconds on a CPU, nanoseconds waiting for one, timeslices.
        let on_cpu = std::fs::read_to_string(path.join("schedstat"))
            .ok()
            .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
            .unwrap_or(0);
        let group = match name.trim() {
            n if n.starts_with("prepboard-cpu") => "search pool",
            n if n.starts_with("tokio-runtime-w") || n.starts_with("tokio-rt-worker") => "server",
            n if n.starts_with("load-client") => "client",
            _ => "other",
        };
        *totals.entry(group.to_owned()).or_default() += Duration::from_nanos(on_cpu);
    }
    totals
}
