//! Benchmark (not a test): fetch many Greenhouse boards from a local server that answers each
//! request after a fixed delay, through the real `fetch_all` → `fetch_source` path (HTTP client,
//! parser, normaliser), and compare the wall time with the ideal `boards × delay ÷ concurrency`.
//!
//! ```text
//! cargo run -p prepboard-fetcher --release --bin fetch-bench -- [--boards 1000] [--delay-ms 20] [--concurrency 10,50]
//! ```
//!
//! Every board is on 127.0.0.1, so the client's per-host rate limit would serialise them all; the
//! bench gives it a rate that never binds, so only the concurrency bound is measured. Peak memory
//! is the process's `VmHWM` (server included).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use chrono::Utc;
use prepboard_core::Normalizer;
use prepboard_fetcher::{FetchSource, HttpClient, HttpPolicy, ReadPolicy, SourceSpec, fetch_all};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use url::Url;

/// A small real board: three Airbnb jobs as the Greenhouse API returns them.
const BOARD: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/greenhouse/airbnb-list.json"
));

struct Args {
    boards: usize,
    delay: Duration,
    concurrency: Vec<usize>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        boards: 1000,
        delay: Duration::from_millis(20),
        concurrency: vec![10, 50],
    };
    let mut words = std::env::args().skip(1);
    while let Some(flag) = words.next() {
        let value = words
            .next()
            .ok_or_else(|| format!("{flag} needs a value"))?;
        let number = |text: &str| {
            text.parse::<usize>()
                .ok()
                .filter(|number| *number > 0)
                .ok_or_else(|| format!("{flag}: `{text}` is not a positive number"))
        };
        match flag.as_str() {
            "--boards" => args.boards = number(&value)?,
            "--delay-ms" => args.delay = Duration::from_millis(number(&value)? as u64),
            "--concurrency" => {
                args.concurrency = value.split(',').map(number).collect::<Result<_, _>>()?;
            }
            other => return Err(format!("unknown flag {other}")),
        }
    }
    Ok(args)
}

/// A minimal HTTP/1.1 server with keep-alive: every GET gets `BOARD` after `delay`.
async fn serve(listener: TcpListener, delay: Duration) {
    while let Ok((socket, _)) = listener.accept().await {
        tokio::spawn(answer_connection(socket, delay));
    }
}

async fn answer_connection(mut socket: TcpStream, delay: Duration) {
    // Head and body in one write: two small writes would meet Nagle's algorithm and the peer's
    // delayed ACK, adding ~40 ms to every response.
    let mut response = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        BOARD.len()
    )
    .into_bytes();
    response.extend_from_slice(BOARD);
    let _ = socket.set_nodelay(true);
    let mut pending = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        // One request head at a time; the client sends no bodies with GET.
        let end = loop {
            if let Some(at) = pending.windows(4).position(|window| window == b"\r\n\r\n") {
                break at + 4;
            }
            match socket.read(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(read) => pending.extend_from_slice(buffer.get(..read).unwrap_or_default()),
            }
        };
        pending.drain(..end);
        tokio::time::sleep(delay).await;
        if socket.write_all(&response).await.is_err() {
            return;
        }
    }
}

fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = parse_args()?;
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let base_url = Url::parse(&format!("http://{}", listener.local_addr()?))?;
    tokio::spawn(serve(listener, args.delay));

    let sources: Vec<FetchSource> = (0..args.boards)
        .map(|index| FetchSource {
            name: format!("greenhouse:board-{index:04}"),
            spec: SourceSpec::Greenhouse {
                base_url: base_url.clone(),
                board: format!("board-{index:04}"),
                company: Some("Airbnb".to_owned()),
            },
        })
        .collect();
    let normalizer = Normalizer::bundled();
    // Build the taxonomies before the clock starts.
    let _ = normalizer.classify_title("Backend Engineer");

    println!(
        "{} boards, server delay {} ms, payload {} bytes",
        args.boards,
        args.delay.as_millis(),
        BOARD.len()
    );
    println!("concurrency  wall_ms  ideal_ms  ratio  listings  failed  peak_MB");
    for concurrency in &args.concurrency {
        let policy = HttpPolicy {
            // All boards share 127.0.0.1: a per-host rate that never binds, so only the
            // concurrency bound shapes the run.
            per_host_per_minute: u32::MAX,
            max_concurrency: *concurrency,
            total_timeout: Duration::from_secs(30),
            ..HttpPolicy::polite("prepboard-bench/0.1 (+https://example.org/bench)")
        };
        let client = HttpClient::new(policy)?;
        let started = Instant::now();
        let results = fetch_all(
            &client,
            &sources,
            &HashMap::new(),
            normalizer,
            ReadPolicy::default(),
            Utc::now(),
            |_, _| {},
        )
        .await;
        let wall = started.elapsed();
        let ideal = args.delay * u32::try_from(args.boards)? / u32::try_from(*concurrency)?;
        let listings: usize = results
            .iter()
            .filter_map(|(_, result)| result.as_ref().ok())
            .map(|outcome| outcome.listings.len())
            .sum();
        let failed = results.iter().filter(|(_, result)| result.is_err()).count();
        if let Some((name, Err(error))) = results.iter().find(|(_, result)| result.is_err()) {
            eprintln!("first failure: {name}: {error}");
        }
        println!(
            "{concurrency:>11}  {:>7}  {:>8}  {:>5.2}  {listings:>8}  {failed:>6}  {:>7.1}",
            wall.as_millis(),
            ideal.as_millis(),
            wall.as_secs_f64() / ideal.as_secs_f64(),
            peak_memory_mb().unwrap_or(f64::NAN),
        );
    }
    Ok(())
}
