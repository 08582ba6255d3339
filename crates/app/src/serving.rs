//! The wiring behind `prepboard serve` and `prepboard up`.
//!
//! `serve` serves what the store and index hold. `up` is the one command a newcomer runs: migrate,
//! load the bundled snapshot into an empty store, bring the index up to date, serve, and refresh from
//! the live sources in the background every `refresh_interval_minutes`, applying each refresh to the
//! index without dropping a request. [`Server::start`] does everything up to listening, so the
//! caller can say where it serves before [`Server::run`] takes over.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use prepboard_fetcher::run::Progress;
use prepboard_indexer::SearchIndex;
use prepboard_prep::Matcher;
use prepboard_store::{FetchOutcomeKind, Store};
use prepboard_web::{AppState, ConnectionLimits, SearchDefaults, SiteConfig};
use tokio::net::TcpListener;

use crate::config::MetricsServe;
use crate::{AppError, Config, indexing, pipeline};

/// Which command is serving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Serve and follow the index's owner.
    Serve,
    /// Seed from the snapshot, own the index, serve and refresh from the live sources.
    Up,
}

/// A server that is listening but not yet answering.
#[derive(Debug)]
pub struct Server {
    config: Config,
    mode: Mode,
    store: Store,
    index: Arc<SearchIndex>,
    state: AppState,
    limits: ConnectionLimits,
    listener: TcpListener,
    metrics_listener: Option<TcpListener>,
    seeded: u64,
}

impl Server {
    /// Opens the store (seeding it in [`Mode::Up`]), brings the index up, builds the site's state and
    /// binds the listeners.
    pub async fn start(config: &Config, mode: Mode) -> Result<Server, AppError> {
        let store = crate::open_store(config).await?;
        let seeded = if mode == Mode::Up {
            pipeline::seed_from_snapshot(&store, &config.snapshot_dir).await?
        } else {
            0
        };
        let index = indexing::open_serving(config, &store, mode == Mode::Up).await?;

        // Questions read by `prepboard prep fetch`, if it ever ran; without them the matcher still
        // compares listings with each entry's title and summary.
        let questions = store.prep_questions().await?;
        let catalog = config.prep_catalog()?;
        let matcher = Matcher::new(&catalog, &questions)?;
        let state = AppState::new(
            store.clone(),
            index.clone(),
            Arc::new(matcher),
            prepboard_web::bundled_skill_labels(),
            site_config(config),
        );

        raise_open_files_limit(config.connections.max_connections);
        let limits = ConnectionLimits {
            header_read_timeout: Duration::from_secs(config.connections.header_read_timeout_secs),
            idle_timeout: Duration::from_secs(config.connections.idle_timeout_secs),
            max_connections: config.connections.max_connections,
        };
        let listener = bind(config.server.bind, "").await?;
        let metrics_listener = match config.metrics.serve {
            MetricsServe::Address(address) => Some(bind(address, " for /metrics").await?),
            _ => None,
        };
        Ok(Server {
            config: config.clone(),
            mode,
            store,
            index,
            state,
            limits,
            listener,
            metrics_listener,
            seeded,
        })
    }

    /// How many listings [`Mode::Up`] loaded from the bundled snapshot into an empty store.
    pub fn seeded(&self) -> u64 {
        self.seeded
    }

    /// Where the site listens.
    pub fn address(&self) -> Result<SocketAddr, AppError> {
        self.listener.local_addr().map_err(AppError::Serve)
    }

    /// Where `/metrics` listens, when it has a listener of its own.
    pub fn metrics_address(&self) -> Option<SocketAddr> {
        self.metrics_listener
            .as_ref()
            .and_then(|listener| listener.local_addr().ok())
    }

    /// How many listings the index serves now.
    pub fn listings(&self) -> u64 {
        self.index.num_listings()
    }

    /// Serves until `shutdown` resolves, then lets in-flight requests finish. In [`Mode::Up`] it
    /// also refreshes from the live sources; in [`Mode::Serve`] it follows the index's owner.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), AppError> {
        // One shutdown signal, heard by the site and by the metrics listener when there is one.
        let (stop, stopping) = tokio::sync::watch::channel(false);
        tokio::spawn(async move {
            shutdown.await;
            let _ = stop.send(true);
        });
        if let Some(metrics_listener) = self.metrics_listener {
            let router = prepboard_web::metrics_app(self.state.clone());
            let (limits, stopping) = (self.limits, stopping.clone());
            tokio::spawn(async move {
                if let Err(error) =
                    prepboard_web::serve_router(metrics_listener, router, limits, stopped(stopping))
                        .await
                {
                    tracing::error!(%error, "the metrics listener failed");
                }
            });
        }
        let serving =
            prepboard_web::serve(self.listener, self.state, self.limits, stopped(stopping));
        // The refresh (or follow) loop runs beside the server in this task (connections get their
        // own tasks); it never ends by itself, so the server's graceful shutdown ends both.
        let outcome = match self.mode {
            Mode::Up => tokio::select! {
                result = serving => result,
                () = refresh_forever(&self.config, &self.store, &self.index) => Ok(()),
            },
            Mode::Serve => tokio::select! {
                result = serving => result,
                () = follow_forever(&self.index) => Ok(()),
            },
        };
        self.store.close().await;
        outcome.map_err(AppError::Serve)
    }
}

/// What the site needs to know of the configuration.
fn site_config(config: &Config) -> SiteConfig {
    SiteConfig {
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
        bind_address: Some(config.server.bind),
        ..SiteConfig::default()
    }
}

async fn bind(address: SocketAddr, purpose: &'static str) -> Result<TcpListener, AppError> {
    TcpListener::bind(address)
        .await
        .map_err(|error| AppError::Listen {
            address,
            purpose,
            error,
        })
}

/// How often `serve` looks for the index owner's commits: two small file reads each time.
const FOLLOW_EVERY: Duration = Duration::from_secs(1);

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
pub async fn shutdown_signal() {
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
