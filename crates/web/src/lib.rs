//! prepboard-web: the search site, the JSON API, the Atom feeds and the metrics endpoint.
//!
//! - [`AppState`] holds what handlers read: the [`Store`], the search index and the prep catalog
//!   and matcher (behind the [`SearchBackend`] and [`PrepBackend`] seams), skill labels,
//!   [`Metrics`] and the [`SiteConfig`].
//! - [`app`] builds the [`Router`] (pages, `/api/v1/…`, `/feed.atom`, `/healthz`, `/metrics`, static
//!   files) with its layers: security headers, compression, a request timeout and a body limit.
//! - [`serve`] runs it on a listener until a shutdown future resolves, finishing requests in flight.
//!
//! Code map: [`query`] turns a query string into a `SearchRequest` (one parser for pages, API and
//! feed); `pages` renders the askama templates; `api` writes the JSON; [`feed`] the Atom XML;
//! [`error`] is the one error type, rendered as a page or as the JSON envelope by path.
//!
//! Architecture invariants: the web never fetches from a source, it only reads the store and the
//! index; Tantivy and matcher work runs through [`AppState::blocking`] (a first-come queue onto the
//! web's CPU pool, one thread per core), SQLite through sqlx's own threads; every page works without
//! JavaScript, and no page carries inline script (the CSP forbids it).

mod adapters;
mod api;
pub mod backend;
mod cpu_pool;
pub mod error;
pub mod feed;
pub mod metrics;
mod pages;
pub mod query;
mod view;

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware;
use axum::routing::get;
use axum::serve::ListenerExt;
use prepboard_core::ListingId;
use prepboard_core::search::{SearchRequest, SearchResponse};
use prepboard_store::Store;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

pub use adapters::bundled_skill_labels;
pub use backend::{BackendError, PlanStep, PrepBackend, SearchBackend};
pub use error::WebError;
pub use metrics::Metrics;

/// The content security policy: our own files only, and no inline script.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'";

/// Every route the site answers, as registered in [`app`]; the OpenAPI document must list the
/// API and machine routes among them (checked by a test).
pub const ROUTES: &[&str] = &[
    "/",
    "/jobs/{id}",
    "/prep",
    "/prep/{key}",
    "/sources",
    "/feed.atom",
    "/api/v1/jobs",
    "/api/v1/jobs/{id}",
    "/api/v1/facets",
    "/api/v1/prep",
    "/api/v1/sources",
    "/api/openapi.json",
    "/healthz",
    "/metrics",
    "/static/style.css",
    "/static/app.js",
];

/// Site-wide settings the pages and feeds need.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// The public URL of the site (for absolute links in feeds, the API and JSON-LD).
    pub base_url: String,
    /// The site's name, shown in the header and page titles.
    pub title: String,
    /// The configured source names, in the order `/sources` lists them. Empty: every source the
    /// store has seen.
    pub source_names: Vec<String>,
    /// The longest a request may take before it is answered with a timeout.
    pub request_timeout: Duration,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            base_url: "http://127.0.0.1:8080".to_owned(),
            title: "prepboard".to_owned(),
            source_names: Vec::new(),
            request_timeout: Duration::from_secs(10),
        }
    }
}

/// What every handler can read. Cheap to clone: one `Arc` inside.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    index: Arc<dyn SearchBackend>,
    prep: Arc<dyn PrepBackend>,
    /// Skill id → label, for chips and cards.
    skill_labels: HashMap<String, String>,
    metrics: Metrics,
    site: SiteConfig,
    /// The top prep entry per listing, for result cards. Matching needs the full listing from the
    /// store; caching by id keeps a results page from costing twenty store reads every time.
    top_prep: Mutex<HashMap<ListingId, Option<view::TopPrep>>>,
    /// The threads CPU-bound work runs on; see [`AppState::blocking`].
    cpu: cpu_pool::CpuPool,
}

/// The most cards whose top prep link is remembered before the cache starts over.
const TOP_PREP_CACHE_LIMIT: usize = 50_000;

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("site", &self.inner.site)
            .field("skills", &self.inner.skill_labels.len())
            .finish_non_exhaustive()
    }
}

impl AppState {
    /// `skill_labels` maps canonical skill ids to their labels (from the skill taxonomy).
    pub fn new(
        store: Store,
        index: Arc<dyn SearchBackend>,
        prep: Arc<dyn PrepBackend>,
        skill_labels: HashMap<String, String>,
        site: SiteConfig,
    ) -> AppState {
        let site = SiteConfig {
            base_url: site.base_url.trim_end_matches('/').to_owned(),
            ..site
        };
        AppState {
            inner: Arc::new(Inner {
                store,
                index,
                prep,
                skill_labels,
                metrics: Metrics::default(),
                site,
                top_prep: Mutex::new(HashMap::new()),
                cpu: cpu_pool::CpuPool::new(cores()),
            }),
        }
    }

    pub fn metrics(&self) -> &Metrics {
        &self.inner.metrics
    }

    pub fn site(&self) -> &SiteConfig {
        &self.inner.site
    }

    /// The label of a skill id, or the id itself for a skill the taxonomy does not know.
    pub(crate) fn skill_label<'a>(&'a self, id: &'a str) -> &'a str {
        self.inner
            .skill_labels
            .get(id)
            .map(String::as_str)
            .unwrap_or(id)
    }

    /// Runs CPU-bound work (a search, prep matching) on the pool of one thread per core, first
    /// come, first served, and waits for it without holding up the async executor.
    ///
    /// Why a pool of its own rather than `spawn_blocking`: there, each waiting request holds a
    /// thread, and a burst of sixteen searches on two cores is sixteen threads the OS serves in no
    /// particular order, so some requests wait many turns (p99 was three times p50). Here waiting
    /// work sits in one queue, and a thread that finishes takes the next without a round trip
    /// through the executor.
    pub(crate) async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, WebError> {
        let (done, result) = tokio::sync::oneshot::channel();
        self.inner.cpu.spawn(move || {
            // If `work` panics, `done` is dropped unsent and the caller gets an error.
            let _ = done.send(work());
        });
        result.await.map_err(|_| WebError::WorkerPanicked)
    }

    /// Runs a search through [`AppState::blocking`] and records its time in the index.
    pub(crate) async fn search(&self, request: SearchRequest) -> Result<SearchResponse, WebError> {
        let index = Arc::clone(&self.inner.index);
        let state = self.clone();
        let mut response = self
            .blocking(move || {
                let started = Instant::now();
                let response = index.search(&request);
                state.inner.metrics.search.observe(started.elapsed());
                response
            })
            .await?
            .map_err(WebError::Index)?;
        // An index built before URLs were checked, or by hand, may hold any text: show only
        // http(s) links, whatever it holds.
        for hit in &mut response.hits {
            prepboard_core::normalize::url::scrub_hit(hit);
        }
        Ok(response)
    }
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(2, std::num::NonZero::get)
}

/// How many async workers a runtime serving [`app`] wants: half the cores, at least one.
///
/// Searches and prep matching run on the CPU pool (a thread per core); the async workers only move
/// bytes and render pages, which half the cores does with room to spare. Fewer runnable threads
/// than two per core keep the pool's threads on their cores: with one worker on two cores,
/// `load-bench` measured 15–25% less server time per request, relative to search time.
pub fn async_workers() -> usize {
    (cores() / 2).max(1)
}

/// Every route, with its layers. Kept apart from [`serve`] so tests drive it with `oneshot`.
pub fn app(state: AppState) -> Router {
    let timeout = state.inner.site.request_timeout;
    Router::new()
        .route("/", get(pages::search))
        .route("/jobs/{id}", get(pages::job))
        .route("/prep", get(pages::prep_index))
        .route("/prep/{key}", get(pages::prep_detail))
        .route("/sources", get(pages::sources))
        .route("/feed.atom", get(pages::feed))
        .route("/api/v1/jobs", get(api::jobs))
        .route("/api/v1/jobs/{id}", get(api::job))
        .route("/api/v1/facets", get(api::facets))
        .route("/api/v1/prep", get(api::prep))
        .route("/api/v1/sources", get(api::sources))
        .route("/api/openapi.json", get(api::openapi))
        .route("/healthz", get(api::healthz))
        .route("/metrics", get(api::metrics))
        .route("/static/style.css", get(pages::stylesheet))
        .route("/static/app.js", get(pages::script))
        .fallback(pages::not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            metrics::track_requests,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            error::render_errors,
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .layer(RequestBodyLimitLayer::new(16 * 1024))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("x-frame-options"),
            HeaderValue::from_static("DENY"),
        ))
        .with_state(state)
}

/// Serves [`app`] on `listener` until `shutdown` resolves, then lets requests in flight finish.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let address = listener.local_addr()?;
    tracing::info!(%address, "serving");
    // Responses go out in more than one write (head, then body); with Nagle's algorithm on, a
    // keep-alive client can wait for a delayed ACK before the rest arrives.
    let listener = listener.tap_io(|connection| {
        if let Err(error) = connection.set_nodelay(true) {
            tracing::debug!(%error, "could not set TCP_NODELAY");
        }
    });
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pages and static files are for people; everything else is machine-readable and documented.
    fn is_documented_route(route: &str) -> bool {
        route.starts_with("/api/") || matches!(route, "/feed.atom" | "/healthz" | "/metrics")
    }

    #[test]
    fn openapi_lists_every_machine_route() {
        let document: serde_json::Value = serde_json::from_str(api::OPENAPI).unwrap();
        assert_eq!(document["openapi"], "3.1.0");
        let paths = document["paths"].as_object().unwrap();
        for route in ROUTES.iter().filter(|route| is_documented_route(route)) {
            assert!(
                paths.contains_key(*route),
                "{route} is missing from openapi.json"
            );
        }
        for path in paths.keys() {
            assert!(
                ROUTES.contains(&path.as_str()),
                "openapi.json documents {path}, which is not a route"
            );
        }
    }
}
