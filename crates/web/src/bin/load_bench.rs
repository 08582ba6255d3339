//! Load benchmark (not a test): `cargo run -p prepboard-web --release --bin load-bench [N] [SECONDS]`.
//!
//! Builds N generated listings (default 100,000) into a temp store and index, serves them on
//! 127.0.0.1:0, and drives `/api/v1/jobs?q=…&family=…` and `/` with 16 keep-alive connections for a
//! bounded time. Reports requests/s and p50/p99 per endpoint together with the mean in-process search
//! time measured by the server in the same run, and the in-process ceiling (2 cores ÷ mean search time).

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

/// One keep-alive HTTP/1.1 GET; returns the status.
async fn get(reader: &mut BufReader<TcpStream>, path: &str) -> std::io::Result<u16> {
    let request = format!("GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n");
    reader.get_mut().write_all(request.as_bytes()).await?;
    let mut line = String::new();
    reader.read_line(&mut line).await?;
    let status = line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut length = 0usize;
    loop {
        line.clear();
        reader.read_line(&mut line).await?;
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).await?;
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
            let mut reader = BufReader::new(TcpStream::connect(address).await.expect("connect"));
            let mut latencies = Vec::new();
            let mut errors = 0;
            let end = Instant::now() + duration;
            let mut i = connection;
            while Instant::now() < end {
                let started = Instant::now();
                match get(&mut reader, &paths[i % paths.len()]).await {
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
    // Warm-up: caches, page cache, top-prep links of the first pages.
    drive(
        address,
        Arc::new(api_paths.iter().chain(&page_paths).cloned().collect()),
        Duration::from_secs(2),
    )
    .await;

    // The in-process ceiling: the same searches run one at a time, with no HTTP and no contention.
    let mut serial = Duration::ZERO;
    let mut serial_count = 0u32;
    for path in api_paths.iter().chain(&page_paths).cycle().take(300) {
        let (query, _) =
            prepboard_web::query::SearchQuery::parse(path.split_once('?').map(|(_, q)| q));
        let started = Instant::now();
        index.search(&query.request)?;
        serial += started.elapsed();
        serial_count += 1;
    }
    let serial_mean = serial / serial_count;
    let ceiling = 2.0 / serial_mean.as_secs_f64().max(1e-9);
    println!(
        "in-process search, serial: mean {serial_mean:.2?} → ceiling {ceiling:.0} searches/s on 2 cores"
    );

    for (name, paths) in [
        ("/api/v1/jobs?q=…&family=…", api_paths),
        ("/ (search page)", page_paths),
    ] {
        let searches_before = (state.metrics().search.count(), state.metrics().search.sum());
        let (count, latencies, errors) =
            drive(address, Arc::new(paths), Duration::from_secs(seconds)).await;
        let searches = state.metrics().search.count() - searches_before.0;
        let search_time = state.metrics().search.sum() - searches_before.1;
        let mean_search = search_time
            .checked_div(searches.max(1) as u32)
            .unwrap_or_default();
        let rps = count as f64 / seconds as f64;
        println!(
            "{name}: {rps:.0} req/s, p50 {:.2?}, p99 {:.2?}, errors {errors}; server-side search mean under load {:.2?} over {searches} searches; {:.0}% of the serial ceiling",
            percentile(&latencies, 0.5),
            percentile(&latencies, 0.99),
            mean_search,
            100.0 * rps / ceiling
        );
    }
    let _ = stop.send(());
    server.await??;
    Ok(())
}
