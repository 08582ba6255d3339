//! Load benchmark (not a test): `cargo run -p prepboard-web --release --bin load-bench [N] [SECONDS]`.
//!
//! Builds N generated listings (default 100,000) into a temp store and index, serves them on
//! 127.0.0.1:0, and drives `/api/v1/jobs?q=…&family=…` and `/` with 16 keep-alive connections for a
//! bounded time. Reports requests/s and p50/p99 per endpoint together with the mean in-process search
//! time of the same requests, measured one at a time in the same run just before, and the
//! in-process ceiling (cores ÷ that mean). `--dir PATH` keeps the store and index for the next run.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use prepboard_core::{
    Company, EmploymentType, Normalizer, RawListing, SalaryPeriod, SourceKind, StructuredSalary,
    WorkplaceType,
};
use prepboard_indexer::SearchIndex;
use prepboard_indexer::prep::{Catalog, Matcher};
use prepboard_store::Store;
use prepboard_web::{AppState, SiteConfig, bundled_skill_labels};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

const CONNECTIONS: usize = 16;
const TITLES: &[&str] = &[
    "Senior API Engineer",
    "Backend Engineer (Go)",
    "Staff Backend Engineer, APIs",
    "Platform Engineer",
    "Site Reliability Engineer",
    "Full Stack Engineer",
    "Data Engineer",
    "API Integrations Engineer",
    "Senior Software Engineer, Payments API",
    "Lead Backend Developer",
    "DevOps Engineer",
    "Frontend Engineer",
];
const SENTENCES: &[&str] = &[
    "Design and run public REST APIs used by thousands of developers.",
    "Build distributed systems in Go on Kubernetes with gRPC and Redis.",
    "Own our PostgreSQL schema and Kafka event pipelines.",
    "Work with Python, Django and AWS to ship features weekly.",
    "Write OpenAPI specs, handle OAuth flows and rate limiting.",
    "Terraform, CI/CD and observability with Prometheus are part of the job.",
    "We value clear writing and asynchronous collaboration across time zones.",
    "Experience with GraphQL, TypeScript and Node.js is a plus.",
];
const LOCATIONS: &[&str] = &[
    "Remote - US",
    "Remote, Europe",
    "Anywhere in the World",
    "Remote (EU)",
    "LATAM only",
    "Worldwide",
    "Remote - UK",
];
const SOURCES: &[SourceKind] = &[
    SourceKind::Greenhouse,
    SourceKind::Lever,
    SourceKind::Ashby,
    SourceKind::RemoteOk,
    SourceKind::WeWorkRemotely,
    SourceKind::Remotive,
];

/// A deterministic xorshift, so every run indexes the same listings.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next() % items.len()]
    }
}

fn generate(n: usize, fetched_at: DateTime<Utc>) -> Vec<prepboard_core::Listing> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    (0..n)
        .map(|i| {
            let source = *rng.pick(SOURCES);
            let description: String = (0..4)
                .map(|_| format!("<p>{}</p>", rng.pick(SENTENCES)))
                .collect();
            let salary = rng.next().is_multiple_of(3).then(|| {
                let min = 60_000 + (rng.next() % 120) * 1_000;
                StructuredSalary {
                    min: Some(min as f64),
                    max: Some((min + 40_000) as f64),
                    currency: Some("USD".into()),
                    period: SalaryPeriod::Year,
                    text: None,
                }
            });
            Normalizer::bundled().normalize(RawListing {
                source,
                source_job_id: format!("bench-{i}"),
                source_url: format!("https://{}.example/jobs/{i}", source.slug()),
                apply_url: None,
                title: (*rng.pick(TITLES)).to_owned(),
                company: Company {
                    name: format!("Company {}", rng.next() % 3_000),
                    url: None,
                    logo_url: None,
                },
                description_html: description,
                tags: Vec::new(),
                employment_type: EmploymentType::FullTime,
                workplace: WorkplaceType::Remote,
                location_text: (*rng.pick(LOCATIONS)).to_owned(),
                structured_places: Vec::new(),
                structured_salary: salary,
                salary_text: None,
                structured_skills: Vec::new(),
                posted_at: Some(fetched_at - chrono::Duration::days((rng.next() % 60) as i64)),
                valid_through: None,
                fetched_at,
            })
        })
        .collect()
}

/// One keep-alive HTTP/1.1 GET; returns the status. `scratch` is reused across requests so that the
/// client, which shares the two cores with the server, costs as little as it can.
async fn get(
    reader: &mut BufReader<TcpStream>,
    path: &str,
    scratch: &mut Vec<u8>,
) -> std::io::Result<u16> {
    scratch.clear();
    scratch.extend_from_slice(b"GET ");
    scratch.extend_from_slice(path.as_bytes());
    scratch.extend_from_slice(b" HTTP/1.1\r\nHost: bench\r\n\r\n");
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

async fn drive(
    address: std::net::SocketAddr,
    paths: Arc<Vec<String>>,
    duration: Duration,
) -> (usize, Vec<Duration>, usize) {
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
                match get(&mut reader, &paths[i % paths.len()], &mut scratch).await {
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
    (all.len(), all, errors)
}

/// CPU time used so far by this process's threads, by thread name (Linux: `/proc/self/task`), so
/// that a load phase can be split into search, server and client time whatever else the machine is
/// doing. Empty where `/proc` is missing.
fn cpu_by_thread_name() -> HashMap<String, Duration> {
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

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted
        .get(((sorted.len() as f64 * p) as usize).min(sorted.len().saturating_sub(1)))
        .copied()
        .unwrap_or_default()
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut positional = Vec::new();
    let mut keep_dir = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--dir" {
            keep_dir = args.next().map(std::path::PathBuf::from);
        } else {
            positional.push(arg);
        }
    }
    let n: usize = positional
        .first()
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let seconds: u64 = positional.get(1).and_then(|a| a.parse().ok()).unwrap_or(15);
    // `--dir` keeps the store and index between runs (filling 100k takes minutes), so that a
    // profiling loop measures only serving.
    let temp = tempfile::tempdir()?;
    let dir = keep_dir.unwrap_or_else(|| temp.path().to_owned());
    std::fs::create_dir_all(&dir)?;
    let store = Store::open(&dir.join("prepboard.sqlite")).await?;
    let index = SearchIndex::open_or_create(&dir.join("index"))?;
    if index.needs_rebuild() || index.num_listings() != n as u64 {
        let fetched_at = Utc::now();
        let started = Instant::now();
        let listings = generate(n, fetched_at);
        println!("generated {n} listings in {:.1?}", started.elapsed());
        let started = Instant::now();
        for chunk in listings.chunks(5_000) {
            store.upsert_batch("bench", chunk, fetched_at).await?;
        }
        println!("stored in {:.1?}", started.elapsed());
        let started = Instant::now();
        let watermark = store.watermark().await?;
        let stored = store.changes_since(0).await?;
        index.rebuild(stored.upserted, watermark)?;
        println!(
            "indexed {} in {:.1?}",
            index.num_listings(),
            started.elapsed()
        );
    } else {
        println!("reusing {} listings in {}", n, dir.display());
    }

    let index = Arc::new(index);
    let matcher = Matcher::new(Catalog::bundled(), &HashMap::new())?;
    let state = AppState::new(
        store,
        index.clone(),
        Arc::new(matcher),
        bundled_skill_labels(),
        SiteConfig::default(),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(prepboard_web::serve(listener, state.clone(), async move {
        let _ = stopped.await;
    }));

    let api_paths: Vec<String> = [
        "api",
        "go",
        "kafka",
        "postgresql",
        "rest api",
        "platform",
        "python",
        "kubernetes",
    ]
    .iter()
    .zip([
        "api-engineer",
        "backend-engineer",
        "backend-engineer",
        "api-engineer",
        "api-engineer",
        "platform-engineer",
        "backend-engineer",
        "devops-sre",
    ])
    .map(|(q, family)| format!("/api/v1/jobs?q={}&family={family}", q.replace(' ', "+")))
    .collect();
    let page_paths: Vec<String> = vec![
        "/".to_owned(),
        "/?q=api".to_owned(),
        "/?q=go&family=backend-engineer".to_owned(),
    ];
    // The client runs on a runtime of its own, as a separate program would: its threads are
    // named apart in a profile, and the server keeps the runtime it has in production.
    let client = tokio::runtime::Builder::new_multi_thread()
        .thread_name("load-client")
        .enable_all()
        .build()?;
    // Warm-up: caches, page cache, top-prep links of the first pages.
    client
        .spawn(drive(
            address,
            Arc::new(api_paths.iter().chain(&page_paths).cloned().collect()),
            Duration::from_secs(2),
        ))
        .await?;

    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    for (name, paths) in [
        ("/api/v1/jobs?q=…&family=…", api_paths),
        ("/ (search page)", page_paths),
    ] {
        // The in-process ceiling of this endpoint: its own searches run one at a time, with no
        // HTTP and no contention, just before the load.
        // Round after round over the paths, as the load sends them, so that no search finds the
        // previous one's data warmer in cache than it would under load.
        let requests: Vec<_> = paths
            .iter()
            .map(|path| {
                prepboard_web::query::SearchQuery::parse(path.split_once('?').map(|(_, q)| q))
                    .0
                    .request
            })
            .collect();
        // On a thread of its own, like the server's searches: the main thread's allocator arena
        // behaves differently (its heap top is trimmed and regrown), which made this figure swing.
        let rounds = 100u32;
        let spent = std::thread::scope(|scope| {
            scope
                .spawn(|| -> anyhow::Result<Vec<Duration>> {
                    let mut spent = vec![Duration::ZERO; requests.len()];
                    for _ in 0..rounds {
                        for (request, spent) in requests.iter().zip(&mut spent) {
                            let started = Instant::now();
                            index.search(request)?;
                            *spent += started.elapsed();
                        }
                    }
                    Ok(spent)
                })
                .join()
                .map_err(|_| anyhow::anyhow!("a serial search panicked"))?
        })?;
        let by_path: Vec<(String, Duration)> = paths
            .iter()
            .cloned()
            .zip(spent.iter().map(|total| *total / rounds))
            .collect();
        let serial_mean =
            by_path.iter().map(|(_, mean)| *mean).sum::<Duration>() / paths.len() as u32;
        let ceiling = cores as f64 / serial_mean.as_secs_f64().max(1e-9);
        println!("{name}");
        // What the web adds to each search, without sockets: the same requests through the
        // router, one at a time.
        let router = prepboard_web::app(state.clone());
        for (path, mean) in &by_path {
            let rounds = 60u32;
            let mut size = 0;
            let started = Instant::now();
            for _ in 0..rounds {
                let request =
                    axum::http::Request::get(path.as_str()).body(axum::body::Body::empty())?;
                let response = tower::ServiceExt::oneshot(router.clone(), request).await?;
                size = axum::body::to_bytes(response.into_body(), usize::MAX)
                    .await?
                    .len();
            }
            let handled = started.elapsed() / rounds;
            println!(
                "  in-process {path}: search {mean:.2?}, whole request {handled:.2?}, {} kB",
                size / 1024
            );
        }
        println!(
            "  in-process search, serial: mean {serial_mean:.2?} → ceiling {ceiling:.0} searches/s on {cores} cores"
        );

        // How far search alone scales over the cores, with no HTTP: what the load below can at best
        // approach, and a check on the machine (a busy neighbour shows here first).
        {
            let started = Instant::now();
            let done: usize = std::thread::scope(|scope| {
                let handles: Vec<_> = (0..cores)
                    .map(|_| {
                        let (index, requests) = (&index, &requests);
                        scope.spawn(move || {
                            let mut n = 0;
                            while started.elapsed() < Duration::from_secs(2) {
                                for request in requests {
                                    index.search(request).unwrap();
                                    n += 1;
                                }
                            }
                            n
                        })
                    })
                    .collect();
                handles.into_iter().map(|h| h.join().unwrap()).sum()
            });
            println!(
                "  in-process, {cores} threads searching at once: {:.0} searches/s",
                done as f64 / started.elapsed().as_secs_f64()
            );
        }
        let cpu_before = cpu_by_thread_name();
        let searches_before = (state.metrics().search.count(), state.metrics().search.sum());
        let (count, latencies, errors) = client
            .spawn(drive(
                address,
                Arc::new(paths),
                Duration::from_secs(seconds),
            ))
            .await?;
        let searches = state.metrics().search.count() - searches_before.0;
        let search_time = state.metrics().search.sum() - searches_before.1;
        let mean_search = search_time
            .checked_div(searches.max(1) as u32)
            .unwrap_or_default();
        let cpu_after = cpu_by_thread_name();
        let rps = count as f64 / seconds as f64;
        let per_request = |group: &str| {
            let used = cpu_after.get(group).copied().unwrap_or_default()
                - cpu_before.get(group).copied().unwrap_or_default();
            used.checked_div(count.max(1) as u32).unwrap_or_default()
        };
        println!(
            "  under load ({CONNECTIONS} connections, {seconds} s): {rps:.0} req/s, p50 {:.2?}, p99 {:.2?}, errors {errors}; search mean {mean_search:.2?} over {searches} searches; {:.0}% of the ceiling",
            percentile(&latencies, 0.5),
            percentile(&latencies, 0.99),
            100.0 * rps / ceiling
        );
        println!(
            "  CPU per request under load: search pool {:.2?}, server (HTTP, rendering) {:.2?}, client {:.2?}, other {:.2?}",
            per_request("search pool"),
            per_request("server"),
            per_request("client"),
            per_request("other"),
        );
    }
    let _ = stop.send(());
    server.await??;
    client.shutdown_background();
    Ok(())
}
