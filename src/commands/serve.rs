//! `prepboard serve` and `prepboard up`.
//!
//! `serve` serves what the store and index hold. `up` is the one command a newcomer runs: migrate,
//! load the bundled snapshot into an empty store, bring the index up to date, serve, and refresh from
//! the live sources in the background every `refresh_interval_minutes`, applying each refresh to the
//! index without dropping a request.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use prepboard_fetcher::run::Progress;
use prepboard_indexer::{IndexError, SearchIndex};
use prepboard_prep::Matcher;
use prepboard_store::{FetchOutcomeKind, Store};
use prepboard_web::{AppState, ConnectionLimits, SearchDefaults, SiteConfig};

use crate::config::{Config, MetricsServe};
use crate::pipeline;

/// Serves until Ctrl-C or SIGTERM. With `refresh`, also fetches in the background (`up`).
pub async fn run(config: &Config, seed_and_refresh: bool) -> anyhow::Result<ExitCode> {
    let store = super::open_store(config).await?;
    if seed_and_refresh {
        let seeded = pipeline::seed_from_snapshot(&store, &config.snapshot_dir).await?;
        if seeded > 0 {
            println!("loaded {seeded} listings from the bundled snapshot");
        }
    }
    let index = open_serving_index(config, &store, seed_and_refresh).await?;

    // Questions read by `prepboard prep fetch`, if it ever ran; without them the matcher still
    // compares listings with each entry's title and summary.
    let questions = store.prep_questions().await?;
    let catalog = config.prep_catalog()?;
    let matcher = Matcher::new(&catalog, &questions).context("building the prep matcher")?;
    let site = SiteConfig {
        base_url: config
            .server
            .public_url
            .as_str()
            .trim_end_matches('/')
            .to_owned(),
        source_names: pipeline::fetch_sources(config, &[])
            .into_iter()
            .map(|source| source.name)
            .collect(),
        search_defaults: SearchDefaults {
            include_office: config.search.include_office,
            include_non_engineering: config.search.include_non_engineering,
        },
        serve_metrics: config.metrics.serve == MetricsServe::Site,
        ..SiteConfig::default()
    };
    let state = AppState::new(
        store.clone(),
        index.clone(),
        Arc::new(matcher),
        prepboard_web::bundled_skill_labels(),
        site,
    );

    raise_open_files_limit(config.connections.max_connections);
    let limits = ConnectionLimits {
        header_read_timeout: Duration::from_secs(config.connections.header_read_timeout_secs),
        idle_timeout: Duration::from_secs(config.connections.idle_timeout_secs),
        max_connections: config.connections.max_connections,
    };
    let listener = tokio::net::TcpListener::bind(config.server.bind)
        .await
        .with_context(|| format!("cannot listen on {}", config.server.bind))?;
    let address = listener.local_addr()?;
    println!(
        "prepboard is serving {} listings at http://{address}",
        index.num_listings()
    );

    // One shutdown signal, heard by the site and by the metrics listener when there is one.
    let (stop, stopping) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        shutdown_signal().await;
        let _ = stop.send(true);
    });
    if let MetricsServe::Address(metrics_address) = config.metrics.serve {
        let metrics_listener = tokio::net::TcpListener::bind(metrics_address)
            .await
            .with_context(|| format!("cannot listen on {metrics_address} for /metrics"))?;
        println!("metrics at http://{metrics_address}/metrics");
        let router = prepboard_web::metrics_app(state.clone());
        let stopping = stopping.clone();
        tokio::spawn(async move {
            if let Err(error) =
                prepboard_web::serve_router(metrics_listener, router, limits, stopped(stopping))
                    .await
            {
                tracing::error!(%error, "the metrics listener failed");
            }
        });
    }
    let serving = prepboard_web::serve(listener, state, limits, stopped(stopping));
    // The refresh (or follow) loop runs beside the server in this task (connections get their
    // own tasks); it never ends by itself, so the server's graceful shutdown ends both.
    if seed_and_refresh {
        tokio::select! {
            result = serving => result.context("serving")?,
            () = refresh_forever(config, &store, &index) => {}
        }
    } else {
        tokio::select! {
            result = serving => result.context("serving")?,
            () = follow_forever(&index) => {}
        }
    }
    store.close().await;
    println!("stopped");
    Ok(ExitCode::SUCCESS)
}

/// How often `serve` looks for the index owner's commits: two small file reads each time.
const FOLLOW_EVERY: Duration = Duration::from_secs(1);

/// Opens the index and brings it up to the store's watermark. `up` owns the index for its
/// lifetime (it refreshes and applies); a second `up` or an `index` run beside it is refused.
/// `serve` updates the index at start if no other process owns it, then only follows, so that
/// `prepboard index` or a fetch worker can own it while `serve` keeps answering.
async fn open_serving_index(
    config: &Config,
    store: &Store,
    owns_for_life: bool,
) -> anyhow::Result<Arc<SearchIndex>> {
    let index = if owns_for_life {
        super::index::open_index(config, "prepboard up")?
    } else {
        match SearchIndex::open_owned(&config.index_dir(), "prepboard serve") {
            Ok(index) => Arc::new(index),
            Err(IndexError::OwnedElsewhere { holder, .. }) => {
                tracing::info!("the search index is written by {holder}; following it");
                super::index::follow_index(config)?
            }
            Err(error) => {
                return Err(error).with_context(|| {
                    format!("opening the index at {}", config.index_dir().display())
                });
            }
        }
    };
    if index.is_owner() {
        let update = pipeline::update_index(store, &index, false).await?;
        tracing::info!(
            listings = index.num_listings(),
            rebuilt = update.rebuilt,
            watermark = update.watermark,
            "index ready"
        );
        if !owns_for_life {
            index.stop_owning();
        }
    }
    Ok(index)
}

/// Follows the index's owner: picks up each commit and rebuild within [`FOLLOW_EVERY`].
/// Searches in flight finish on the generation they started with.
async fn follow_forever(index: &Arc<SearchIndex>) {
    loop {
        tokio::time::sleep(FOLLOW_EVERY).await;
        let following = index.clone();
        match tokio::task::spawn_blocking(move || following.follow()).await {
            Ok(Ok(true)) => tracing::info!(
                generation = index.generation_number(),
                listings = index.num_listings(),
                watermark = index.watermark(),
                "picked up the index owner's changes"
            ),
            Ok(Ok(false)) => {}
            Ok(Err(error)) => {
                tracing::warn!(
                    "cannot follow the search index, still serving the last one: {error}"
                )
            }
            Err(error) => tracing::error!("following the search index panicked: {error}"),
        }
    }
}

/// Fetches every enabled source now and then every `refresh_interval_minutes`, applying what
/// changed to the index. Failures are logged, one line per source, and never stop the server.
async fn refresh_forever(config: &Config, store: &Store, index: &Arc<SearchIndex>) {
    let interval = Duration::from_secs(config.refresh_interval_minutes.saturating_mul(60));
    let sources = pipeline::fetch_sources(config, &[]);
    loop {
        // Failures are logged as they happen (one line per source), so an offline machine says
        // which sources are unreachable within seconds rather than after every retry of every
        // board has run its course.
        let log_failure = |name: &str, update: Progress| {
            if let Progress::Failed { error } = update {
                tracing::warn!("{name}: not refreshed: {error}");
            }
        };
        match pipeline::fetch_into_store(config, store, &sources, false, log_failure).await {
            Ok(reports) => {
                for report in reports.iter().filter(|r| r.error.is_none()) {
                    tracing::info!(
                        source = %report.name,
                        outcome = report.outcome.as_str(),
                        new = report.new,
                        updated = report.updated,
                        closed = report.closed,
                        "refreshed"
                    );
                }
                let count = |kind| reports.iter().filter(|r| r.outcome == kind).count();
                tracing::info!(
                    sources = reports.len(),
                    failed = count(FetchOutcomeKind::Failed),
                    skipped = count(FetchOutcomeKind::Skipped),
                    "refresh finished; next in {} minutes",
                    config.refresh_interval_minutes
                );
                match pipeline::update_index(store, index, false).await {
                    Ok(update) => tracing::info!(
                        upserted = update.upserted,
                        closed = update.closed,
                        listings = index.num_listings(),
                        "index updated"
                    ),
                    Err(error) => tracing::error!(
                        "index update failed, still serving the previous one: {error:#}"
                    ),
                }
            }
            Err(error) => tracing::error!("refresh failed: {error:#}"),
        }
        tokio::time::sleep(interval).await;
    }
}

/// Resolves once the shutdown signal has been heard.
async fn stopped(mut stopping: tokio::sync::watch::Receiver<bool>) {
    while !*stopping.borrow_and_update() {
        if stopping.changed().await.is_err() {
            return;
        }
    }
}

/// Raises the open-files soft limit to the hard limit: each connection is a descriptor, and a
/// default soft limit (1024, or 128 on some systems) would otherwise cap the server below
/// `max_connections` with every new request timing out.
fn raise_open_files_limit(max_connections: usize) {
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) => {
            tracing::info!(open_files = limit, "open-files limit");
            // Listeners, the store, the index and the CPU pool need descriptors too.
            if u64::try_from(max_connections)
                .unwrap_or(u64::MAX)
                .saturating_add(256)
                > limit
            {
                tracing::warn!(
                    open_files = limit,
                    max_connections,
                    "connections.max_connections is near the open-files limit; lower it or raise the hard limit"
                );
            }
        }
        Err(error) => tracing::warn!(%error, "could not raise the open-files limit"),
    }
}

/// Resolves on Ctrl-C or SIGTERM, so in-flight requests finish before the process exits.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!("cannot listen for Ctrl-C: {error}");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!("cannot listen for SIGTERM: {error}");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}
