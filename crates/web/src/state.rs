//! [`AppState`]: what every handler reads (the store, the search and prep backends, skill labels,
//! metrics, the site's settings and the CPU pool), and the reads several pages and API resources
//! share.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use prepboard_core::prep::PrepMatch;
use prepboard_core::search::{SearchRequest, SearchResponse};
use prepboard_core::{Listing, ListingId};
use prepboard_store::{SourceSummary, Store};

use crate::cpu_pool::CpuPool;
use crate::error::WebError;
use crate::metrics::Metrics;
use crate::params::{Labels, SearchDefaults};
use crate::view::TopPrep;
use crate::{PlanStep, PrepBackend, SearchBackend};

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
    /// The operator's defaults for the remote-first view (config `[search]`).
    pub search_defaults: SearchDefaults,
    /// Whether `/metrics` is one of the site's routes (config `[metrics] serve = "site"`).
    pub serve_metrics: bool,
    /// The address the site listens on (config `server.bind`), when known: with the public URL,
    /// it decides which Host and Origin headers `/mcp` accepts.
    pub bind_address: Option<SocketAddr>,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            base_url: "http://127.0.0.1:8080".to_owned(),
            title: "prepboard".to_owned(),
            source_names: Vec::new(),
            request_timeout: Duration::from_secs(10),
            search_defaults: SearchDefaults::default(),
            serve_metrics: true,
            bind_address: None,
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
    top_prep: Mutex<HashMap<ListingId, Option<TopPrep>>>,
    /// A job page's prep links, by listing id, with the fingerprint of the listing text they were
    /// matched from: matching once per listing and catalog (the matcher is fixed for the process)
    /// instead of on every view of the page.
    job_prep: Mutex<HashMap<ListingId, JobPrep>>,
    /// The threads CPU-bound work runs on; see [`AppState::blocking`].
    cpu: CpuPool,
}

/// A job page's cached prep links: the fingerprint of the listing text they were matched from,
/// and the links.
pub(crate) type JobPrep = (u64, Arc<Vec<PrepMatch>>);

/// Entries a prep plan names for each skill.
const PLAN_ENTRIES_PER_SKILL: usize = 3;

/// The most cards whose top prep link is remembered before the cache starts over.
pub(crate) const TOP_PREP_CACHE_LIMIT: usize = 50_000;

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
                job_prep: Mutex::new(HashMap::new()),
                cpu: CpuPool::new(cores()),
            }),
        }
    }

    pub fn metrics(&self) -> &Metrics {
        &self.inner.metrics
    }

    pub fn site(&self) -> &SiteConfig {
        &self.inner.site
    }

    pub(crate) fn store(&self) -> &Store {
        &self.inner.store
    }

    pub(crate) fn index(&self) -> &Arc<dyn SearchBackend> {
        &self.inner.index
    }

    pub(crate) fn prep(&self) -> &Arc<dyn PrepBackend> {
        &self.inner.prep
    }

    pub(crate) fn job_prep_cache(&self) -> &Mutex<HashMap<ListingId, JobPrep>> {
        &self.inner.job_prep
    }

    pub(crate) fn top_prep_cache(&self) -> &Mutex<HashMap<ListingId, Option<TopPrep>>> {
        &self.inner.top_prep
    }

    /// The words for skill ids and countries, for chips, facets and cards.
    pub fn labels(&self) -> Labels<'_> {
        Labels::new(&self.inner.skill_labels)
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

    /// A search for its counts only (the total and the facets): one hit is all it collects.
    pub(crate) async fn counts(
        &self,
        mut request: SearchRequest,
    ) -> Result<SearchResponse, WebError> {
        request.page = 1;
        request.per_page = 1;
        self.search(request).await
    }

    /// The prep plan of a search: what its jobs ask for most, with up to three entries a skill,
    /// and how many jobs it holds.
    pub(crate) async fn prep_plan(
        &self,
        request: SearchRequest,
    ) -> Result<(u64, Vec<PlanStep>), WebError> {
        let response = self.counts(request).await?;
        let steps = self.inner.prep.plan(
            &response.facets.skills,
            response.total,
            PLAN_ENTRIES_PER_SKILL,
        );
        Ok((response.total, steps))
    }

    /// A stored listing, open or closed, with every URL that is not http(s) removed: rows stored
    /// before URLs were checked at normalisation may still hold one, and nothing shown may link
    /// to it.
    pub(crate) async fn listing(&self, id: &ListingId) -> Result<Listing, WebError> {
        let mut listing = self
            .inner
            .store
            .get_listing(id)
            .await?
            .ok_or_else(|| WebError::NotFound("listing".to_owned()))?;
        prepboard_core::normalize::url::scrub_listing(&mut listing);
        Ok(listing)
    }

    /// Each configured source's last run and counts, in the order `/sources` lists them.
    pub(crate) async fn source_summaries(&self) -> Result<Vec<SourceSummary>, WebError> {
        let store = &self.inner.store;
        let names = if self.inner.site.source_names.is_empty() {
            store.known_source_names().await?
        } else {
            self.inner.site.source_names.clone()
        };
        Ok(store.source_summaries(&names).await?)
    }
}

/// Reads a listing id from a path segment; anything not id-shaped is simply not found.
pub(crate) fn listing_id(text: &str) -> Result<ListingId, WebError> {
    ListingId::parse(text).ok_or_else(|| WebError::NotFound("listing".to_owned()))
}

pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map_or(2, std::num::NonZero::get)
}
