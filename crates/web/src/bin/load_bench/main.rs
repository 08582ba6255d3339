//! Load benchmark (not a test): `cargo run -p prepboard-web --release --bin load-bench [N] [SECONDS]
//! [--dir PATH]`.
//!
//! Builds N generated listings (default 100,000) into a temp store and index (or reuses those under
//! `--dir`), serves them on 127.0.0.1:0, and drives `/api/v1/jobs?q=…&family=…`, the same
//! searches as MCP `search_jobs` calls on `/mcp`, `/` and `/jobs/{id}` (the 50 newest listings)
//! with 16 keep-alive connections from a client runtime of its own. For each endpoint it reports:
//! - per path, the in-process search time and the whole request through the router (no sockets);
//! - requests/s, p50 and p99 under load;
//! - the in-process ceiling: cores ÷ the mean serial search time of the same requests. The load
//!   and the serial searches run in turns (0.3 s of serial searches, then one second of load, SECONDS
//!   times), because this machine's speed drifts from one minute to the next;
//! - CPU time per request under load, split into the search pool, the server and the client;
//! - at the end, what an MCP search costs over the API's for the same searches (CPU, p50).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use prepboard_indexer::SearchIndex;
use prepboard_prep::{Catalog, Matcher};
use prepboard_store::Store;
use prepboard_web::{AppState, SiteConfig, bundled_skill_labels};

mod client;
mod listings;

use client::{CONNECTIONS, Target, cpu_by_thread_name, drive};
use listings::generate;

const API_SEARCH: &str = "/api/v1/jobs?q=…&family=…";
const MCP_SEARCH: &str = "/mcp search_jobs (the same searches)";

/// Each MCP call once through the router: a 200 whose result is not a tool error, so the load
/// measures searches and not error answers.
async fn check_mcp_answers(state: &AppState, targets: &[Target]) -> anyhow::Result<()> {
    let router = prepboard_web::app(state.clone());
    for target in targets {
        let response = tower::ServiceExt::oneshot(router.clone(), target.request()?).await?;
        let status = response.status();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX).await?;
        let answer: serde_json::Value = serde_json::from_slice(&body)?;
        anyhow::ensure!(
            status == 200 && answer["result"]["isError"] == false,
            "{} answered {status}: {answer}",
            target.path
        );
    }
    Ok(())
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

    let api_paths: Vec<(String, &str, &str)> = [
        "api",
        "go",
        "kafka",
        "postgresql",
        "rest api",
        "platform",
        "python",
        "kubernetes",
    ]
    .into_iter()
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
    .map(|(q, family)| {
        (
            format!("/api/v1/jobs?q={}&family={family}", q.replace(' ', "+")),
            q,
            family,
        )
    })
    .collect::<Vec<_>>();
    // The same searches as `search_jobs` calls: what MCP adds over the API is the JSON-RPC
    // envelope, the argument reading and the compact result.
    let mcp_paths: Vec<Target> = api_paths
        .iter()
        .map(|(path, q, family)| {
            Target::mcp_search(path, serde_json::json!({"query": q, "family": [family]}))
        })
        .collect();
    let api_paths: Vec<Target> = api_paths
        .into_iter()
        .map(|(path, _, _)| Target::get(path))
        .collect();
    let page_paths: Vec<Target> = ["/", "/?q=api", "/?q=go&family=backend-engineer"]
        .into_iter()
        .map(|path| Target::get(path.to_owned()))
        .collect();
    // Job pages of the newest listings: the store read, prep links (matched once per listing, then
    // cached) and similar jobs. Their "search" column below is the empty search the path parses
    // to, a reference only.
    let newest = index.search(&prepboard_core::search::SearchRequest {
        per_page: 50,
        ..prepboard_core::search::SearchRequest::default()
    })?;
    let job_paths: Vec<Target> = newest
        .hits
        .iter()
        .map(|hit| Target::get(format!("/jobs/{}", hit.id)))
        .collect();
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
            Arc::new(
                api_paths
                    .iter()
                    .chain(&mcp_paths)
                    .chain(&page_paths)
                    .chain(&job_paths)
                    .cloned()
                    .collect(),
            ),
            Duration::from_secs(2),
        ))
        .await?;

    check_mcp_answers(&state, &mcp_paths).await?;

    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    // (endpoint, p50, CPU per request) for the MCP-over-API comparison at the end.
    let mut summaries: Vec<(&str, Duration, Duration)> = Vec::new();
    for (name, paths) in [
        (API_SEARCH, api_paths),
        (MCP_SEARCH, mcp_paths),
        ("/ (search page)", page_paths),
        ("/jobs/{id} (job page)", job_paths),
    ] {
        println!("{name}");
        let requests: Vec<_> = paths
            .iter()
            .map(|target| {
                prepboard_web::params::SearchQuery::parse(target.query.as_deref())
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
                let request = path.request()?;
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
                "  in-process {}: search {:.2?}, whole request through the router {:.2?}, {} kB",
                path.path,
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
        summaries.push((
            name,
            percentile(&latencies, 0.5),
            per_request(pool_cpu + server_cpu),
        ));
    }
    let find = |name: &str| summaries.iter().find(|(n, _, _)| *n == name);
    if let (Some((_, api_p50, api_cpu)), Some((_, mcp_p50, mcp_cpu))) =
        (find(API_SEARCH), find(MCP_SEARCH))
    {
        let more = |mcp: Duration, api: Duration| {
            100.0 * (mcp.as_secs_f64() / api.as_secs_f64().max(1e-9) - 1.0)
        };
        println!(
            "MCP search_jobs over the API for the same searches: server CPU per request {:+.0}% ({mcp_cpu:.2?} vs {api_cpu:.2?}), p50 {:+.0}% ({mcp_p50:.2?} vs {api_p50:.2?})",
            more(*mcp_cpu, *api_cpu),
            more(*mcp_p50, *api_p50),
        );
    }
    let _ = stop.send(());
    server.await??;
    client.shutdown_background();
    Ok(())
}
