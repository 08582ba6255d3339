//! Load benchmark (not a test): `cargo run -p prepboard-web --release --bin load-bench [N] [SECONDS]
//! [--dir PATH]`.
//!
//! Builds N generated listings (default 100,000) into a temp store and index (or reuses those under
//! `--dir`), serves them on 127.0.0.1:0, and drives `/api/v1/jobs?q=…&family=…` and `/` with 16
//! keep-alive connections from a client runtime of its own. For each endpoint it reports:
//! - per path, the in-process search time and the whole request through the router (no sockets);
//! - requests/s, p50 and p99 under load;
//! - the in-process ceiling: cores ÷ the mean serial search time of the same requests. The load
//!   and the serial searches run in turns (0.3 s of serial searches, then one second of load, SECONDS
//!   times), because this machine's speed drifts from one minute to the next;
//! - CPU time per request under load, split into the search pool, the server and the client.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use prepboard_core::{
    Company, EmploymentType, Normalizer, RawListing, SalaryPeriod, SourceKind, StructuredSalary,
    WorkplaceType,
};
use prepboard_indexer::SearchIndex;
use prepboard_prep::{Catalog, Matcher};
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
                place_fields: Default::default(),
                posted_at: Some(fetched_at - chrono::Duration::days((rng.next() % 60) as i64)),
                valid_through: None,
                fetched_at,
            })
        })
        // Every generated listing links back over https, so none is rejected.
        .filter_map(Result::ok)
        .map(|normalized| normalized.listing)
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
    (all, errors)
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

fn main() -> anyhow::Result<()> {
    // The server's runtime has the shape `prepboard serve` gives it.
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(prepboard_web::async_workers())
        .enable_all()
        .build()?
        .block_on(run())
}

async fn run() -> anyhow::Result<()> {
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
    let server = tokio::spawn(prepboard_web::serve(
        listener,
        state.clone(),
        prepboard_web::ConnectionLimits::default(),
        async move {
            let _ = stopped.await;
        },
    ));

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
        println!("{name}");
        let requests: Vec<_> = paths
            .iter()
            .map(|path| {
                prepboard_web::params::SearchQuery::parse(path.split_once('?').map(|(_, q)| q))
                    .0
                    .request
            })
            .collect();

        // What the web adds to a search without sockets: the same requests through the router,
        // one at a time, round after round.
        let router = prepboard_web::app(state.clone());
        let mut handled = vec![Duration::ZERO; paths.len()];
        let mut sizes = vec![0; paths.len()];
        let router_rounds = 20u32;
        for _ in 0..router_rounds {
            for ((path, handled), size) in paths.iter().zip(&mut handled).zip(&mut sizes) {
                let request =
                    axum::http::Request::get(path.as_str()).body(axum::body::Body::empty())?;
                let started = Instant::now();
                let response = tower::ServiceExt::oneshot(router.clone(), request).await?;
                *size = axum::body::to_bytes(response.into_body(), usize::MAX)
                    .await?
                    .len();
                *handled += started.elapsed();
            }
        }

        // The load and the in-process ceiling, measured in turns: this machine's speed drifts by
        // a tenth or more from one minute to the next, so each second of load sits next to the
        // serial searches it is compared with. Serial searches go round the paths in the order the
        // load sends them, on a thread of their own as the server's searches are.
        let turns = seconds.max(1);
        let mut serial_spent = vec![Duration::ZERO; paths.len()];
        let mut serial_rounds = 0u32;
        let mut latencies = Vec::new();
        let mut errors = 0;
        let (mut server_cpu, mut pool_cpu, mut client_cpu) =
            (Duration::ZERO, Duration::ZERO, Duration::ZERO);
        let mut searches_under_load = (0, Duration::ZERO);
        let shared_paths = Arc::new(paths.clone());
        for _ in 0..turns {
            let spent = std::thread::scope(|scope| {
                scope
                    .spawn(|| -> anyhow::Result<(Vec<Duration>, u32)> {
                        let mut spent = vec![Duration::ZERO; requests.len()];
                        let mut rounds = 0;
                        let started = Instant::now();
                        while started.elapsed() < Duration::from_millis(300) {
                            for (request, spent) in requests.iter().zip(&mut spent) {
                                let started = Instant::now();
                                index.search(request)?;
                                *spent += started.elapsed();
                            }
                            rounds += 1;
                        }
                        Ok((spent, rounds))
                    })
                    .join()
                    .map_err(|_| anyhow::anyhow!("a serial search panicked"))?
            })?;
            for (total, turn) in serial_spent.iter_mut().zip(spent.0) {
                *total += turn;
            }
            serial_rounds += spent.1;

            let cpu_before = cpu_by_thread_name();
            let searches_before = (state.metrics().search.count(), state.metrics().search.sum());
            let (turn_latencies, turn_errors) = client
                .spawn(drive(
                    address,
                    Arc::clone(&shared_paths),
                    Duration::from_secs(1),
                ))
                .await?;
            let cpu_after = cpu_by_thread_name();
            let used = |group: &str| {
                cpu_after.get(group).copied().unwrap_or_default()
                    - cpu_before.get(group).copied().unwrap_or_default()
            };
            pool_cpu += used("search pool");
            server_cpu += used("server");
            client_cpu += used("client");
            searches_under_load.0 += state.metrics().search.count() - searches_before.0;
            searches_under_load.1 += state.metrics().search.sum() - searches_before.1;
            latencies.extend(turn_latencies);
            errors += turn_errors;
        }
        latencies.sort();
        let count = latencies.len();

        for (((path, spent), handled), size) in
            paths.iter().zip(&serial_spent).zip(&handled).zip(&sizes)
        {
            println!(
                "  in-process {path}: search {:.2?}, whole request through the router {:.2?}, {} kB",
                *spent / serial_rounds.max(1),
                *handled / router_rounds,
                size / 1024
            );
        }
        let serial_mean =
            serial_spent.iter().sum::<Duration>() / (serial_rounds.max(1) * paths.len() as u32);
        let ceiling = cores as f64 / serial_mean.as_secs_f64().max(1e-9);
        println!(
            "  in-process search, serial: mean {serial_mean:.2?} over {} searches → ceiling {ceiling:.0} searches/s on {cores} cores",
            serial_rounds as usize * paths.len()
        );
        let rps = count as f64 / turns as f64;
        let mean_search = searches_under_load
            .1
            .checked_div(searches_under_load.0.max(1) as u32)
            .unwrap_or_default();
        println!(
            "  under load ({CONNECTIONS} connections, {turns} × 1 s): {rps:.0} req/s, p50 {:.2?}, p99 {:.2?}, errors {errors}; search mean {mean_search:.2?}; {:.0}% of the ceiling",
            percentile(&latencies, 0.5),
            percentile(&latencies, 0.99),
            100.0 * rps / ceiling
        );
        let per_request =
            |used: Duration| used.checked_div(count.max(1) as u32).unwrap_or_default();
        println!(
            "  CPU per request under load: search pool {:.2?}, server (HTTP, rendering) {:.2?}, client {:.2?}",
            per_request(pool_cpu),
            per_request(server_cpu),
            per_request(client_cpu),
        );
    }
    let _ = stop.send(());
    server.await??;
    client.shutdown_background();
    Ok(())
}
