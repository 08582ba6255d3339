//! The glue between the crates: config → fetcher specs, fetch results → store ([`fetch_runs`],
//! with the guards that keep a bad run from closing listings), store → index.
//!
//! Everything here is orchestration; the decisions (what is a duplicate, when a listing closes, how
//! the index swaps) live in the crates and are tested there.

use std::path::Path;
use std::time::Duration;

use chrono::Utc;
use futures::TryStreamExt;
use prepboard_core::normalize::Normalizer;
use prepboard_fetcher::HackerNewsSpec;
use prepboard_fetcher::snapshot;
use prepboard_fetcher::spec::{FetchSource, HttpPolicy, SourceSpec};
use prepboard_indexer::SearchIndex;
use prepboard_store::Store;
use url::Url;

use crate::AppError;
use crate::config::{Ats, Config, LeverRegion};

mod fetch_runs;

pub use fetch_runs::{
    FetchOptions, SourceReport, fetch_into_store, fetch_into_store_with, network_line,
};

/// The HTTP politeness settings, from config.
pub fn http_policy(config: &Config) -> HttpPolicy {
    let politeness = &config.politeness;
    HttpPolicy {
        user_agent: format!("{} (+{})", politeness.user_agent, politeness.contact_url),
        connect_timeout: Duration::from_secs(politeness.connect_timeout_secs),
        total_timeout: Duration::from_secs(politeness.total_timeout_secs),
        max_body_bytes: politeness.max_body_mb.saturating_mul(1024 * 1024),
        per_host_per_minute: politeness.per_host_per_minute,
        max_concurrency: politeness.max_concurrency,
        max_retries: politeness.max_retries,
        backoff_base: Duration::from_millis(politeness.backoff_base_ms),
        max_retry_after: Duration::from_secs(politeness.max_retry_after_secs),
    }
}

/// A source as configured, enabled or not, under the name the store and `prepboard sources` use.
#[derive(Debug, Clone)]
pub struct ConfiguredSource {
    pub source: FetchSource,
    pub enabled: bool,
    /// A board token that could not be checked against a real payload.
    pub unconfirmed: bool,
}

impl ConfiguredSource {
    /// The first URL a run requests (the fetcher builds it), or why it cannot be built.
    pub fn endpoint(&self) -> String {
        match self.source.spec.requests() {
            Ok(requests) => requests
                .first()
                .map(|(url, _)| url.to_string())
                .unwrap_or_default(),
            Err(error) => error.to_string(),
        }
    }
}

/// Every configured source: the aggregators, then boards and careers pages in file order. Careers
/// pages are grouped per host, so one source is one site's pages.
pub fn configured_sources(config: &Config) -> Vec<ConfiguredSource> {
    let aggregators = &config.sources;
    let wwr = &aggregators.we_work_remotely;
    let aggregator = |name: &str, enabled: bool, spec: SourceSpec| ConfiguredSource {
        source: FetchSource {
            name: name.to_owned(),
            spec,
        },
        enabled,
        unconfirmed: false,
    };
    let mut sources = vec![
        aggregator(
            "wwr",
            wwr.enabled,
            SourceSpec::WeWorkRemotely {
                base_url: wwr.base_url.clone(),
                categories: wwr.categories.clone(),
            },
        ),
        aggregator(
            "remotive",
            aggregators.remotive.enabled,
            SourceSpec::Remotive {
                base_url: aggregators.remotive.base_url.clone(),
                categories: aggregators.remotive.categories.clone(),
            },
        ),
        aggregator(
            "remoteok",
            aggregators.remoteok.enabled,
            SourceSpec::RemoteOk {
                base_url: aggregators.remoteok.base_url.clone(),
            },
        ),
        aggregator(
            "hn",
            aggregators.hn.enabled,
            SourceSpec::HackerNews(HackerNewsSpec {
                base_url: aggregators.hn.base_url.clone(),
                keep_threads: aggregators.hn.keep_threads,
                hits_per_page: aggregators.hn.hits_per_page,
                max_pages: aggregators.hn.max_pages,
                min_interval: Duration::from_secs(
                    aggregators.hn.min_interval_minutes.saturating_mul(60),
                ),
            }),
        ),
    ];
    for board in &config.boards {
        let company = Some(board.company.clone());
        let token = board.token.clone();
        let (prefix, spec) = match board.ats {
            Ats::Greenhouse => (
                "greenhouse",
                SourceSpec::Greenhouse {
                    base_url: config.ats.greenhouse.base_url.clone(),
                    board: token,
                    company,
                },
            ),
            Ats::Lever => {
                let base_url = match board.region {
                    LeverRegion::Global => config.ats.lever.base_url.clone(),
                    LeverRegion::Eu => config.ats.lever.eu_base_url.clone(),
                };
                (
                    "lever",
                    SourceSpec::Lever {
                        base_url,
                        site: token,
                        company,
                    },
                )
            }
            Ats::Ashby => (
                "ashby",
                SourceSpec::Ashby {
                    base_url: config.ats.ashby.base_url.clone(),
                    board: token,
                    company,
                },
            ),
        };
        sources.push(ConfiguredSource {
            source: FetchSource {
                name: format!("{prefix}:{}", board.token),
                spec,
            },
            enabled: board.enabled,
            unconfirmed: !board.confirmed,
        });
    }
    // One site per host, in order of each host's first page.
    struct Site {
        name: String,
        enabled: Vec<Url>,
        disabled: Vec<Url>,
        company: Option<String>,
    }
    let mut sites: Vec<Site> = Vec::new();
    for page in &config.pages {
        let name = format!("json_ld:{}", page.url.host_str().unwrap_or("page"));
        let index = match sites.iter().position(|site| site.name == name) {
            Some(index) => index,
            None => {
                sites.push(Site {
                    name,
                    enabled: Vec::new(),
                    disabled: Vec::new(),
                    company: page.company.clone(),
                });
                sites.len() - 1
            }
        };
        let site = &mut sites[index];
        if page.enabled {
            site.enabled.push(page.url.clone());
        } else {
            site.disabled.push(page.url.clone());
        }
    }
    for site in sites {
        // A site is fetched for its enabled pages; with none, it is listed as disabled.
        let any_enabled = !site.enabled.is_empty();
        sources.push(ConfiguredSource {
            source: FetchSource {
                name: site.name,
                spec: SourceSpec::JsonLd {
                    pages: if any_enabled {
                        site.enabled
                    } else {
                        site.disabled
                    },
                    company: site.company,
                },
            },
            enabled: any_enabled,
            unconfirmed: false,
        });
    }
    sources
}

/// The enabled sources, as the fetcher wants them; `only` (source names) narrows the list.
pub fn fetch_sources(config: &Config, only: &[String]) -> Vec<FetchSource> {
    configured_sources(config)
        .into_iter()
        .filter(|configured| configured.enabled)
        .map(|configured| configured.source)
        .filter(|source| only.is_empty() || only.contains(&source.name))
        .collect()
}

/// The sources `prepboard fetch` runs: the enabled ones, narrowed to `only` when it names any.
/// Every name in `accept_drop` must be one of them, so a typo does not pass for an accepted drop.
pub fn sources_to_fetch(
    config: &Config,
    only: &[String],
    accept_drop: &[String],
) -> Result<Vec<FetchSource>, AppError> {
    let sources = fetch_sources(config, only);
    if sources.is_empty() {
        return Err(AppError::NotFound(format!(
            "no enabled source matches {only:?}; `prepboard sources` lists them"
        )));
    }
    if let Some(unknown) = accept_drop
        .iter()
        .find(|name| !sources.iter().any(|source| &source.name == *name))
    {
        return Err(AppError::NotFound(format!(
            "--accept-drop {unknown}: not a source this run fetches; `prepboard sources` lists \
             them (with --source, name it there too)"
        )));
    }
    Ok(sources)
}

/// Loads the bundled snapshot into the store when the store holds no listing at all. Returns how
/// many listings it stored (0 when the store already had some).
pub async fn seed_from_snapshot(store: &Store, snapshot_dir: &Path) -> Result<u64, AppError> {
    if store.count_open().await? > 0 || store.watermark().await? > 0 {
        return Ok(0);
    }
    let batches = snapshot::load(snapshot_dir).map_err(|error| AppError::Snapshot {
        path: snapshot_dir.to_owned(),
        error: Box::new(error),
    })?;
    let normalizer = Normalizer::bundled();
    let now = Utc::now();
    let mut stored = 0;
    for batch in batches {
        for warning in &batch.warnings {
            tracing::debug!(source = %batch.source_name, "snapshot: {warning}");
        }
        let mut listings = Vec::with_capacity(batch.listings.len());
        for raw in batch.listings {
            match normalizer.normalize(raw) {
                Ok(normalized) => {
                    let mut listing = normalized.listing;
                    listing.from_snapshot = true;
                    listings.push(listing);
                }
                Err(rejection) => {
                    tracing::warn!(source = %batch.source_name, "snapshot: {rejection}");
                }
            }
        }
        let counts = store
            .upsert_batch(&batch.source_name, &listings, now)
            .await?;
        stored += counts.new;
    }
    tracing::info!(
        listings = stored,
        "loaded the bundled snapshot (listings dated by their capture)"
    );
    Ok(stored)
}

/// What bringing the index up to date did.
#[derive(Debug, Clone, Copy)]
pub struct IndexUpdate {
    pub rebuilt: bool,
    pub upserted: usize,
    pub closed: usize,
    pub watermark: i64,
}

/// Brings the index up to the store's watermark: applies the changes since the index's watermark in
/// one commit, or rebuilds from every open listing when asked, when the index is new, when its
/// schema is from another build, or when it was built from another store.
pub async fn update_index(
    store: &Store,
    index: &std::sync::Arc<SearchIndex>,
    rebuild: bool,
) -> Result<IndexUpdate, AppError> {
    let store_id = store.identity().await?;
    let store_watermark = store.watermark().await?;
    // Another store than the one the index was built from (or the same one restored to an earlier
    // state: its watermark is behind the index's) would leave the index serving listings the store
    // does not have. Rebuilding from the store is always correct; applying changes is only a
    // shortcut for the store the index already mirrors.
    let other_store = index.store_id().as_deref() != Some(store_id.as_str())
        || index
            .watermark()
            .is_some_and(|applied| applied > store_watermark);
    let must_rebuild =
        rebuild || index.needs_rebuild() || index.watermark().is_none() || other_store;
    if must_rebuild {
        if other_store && index.watermark().is_some() {
            tracing::info!(
                "the search index was built from another store (or a later state of this one); rebuilding it"
            );
        }
        let watermark = store.watermark().await?;
        let listings: Vec<_> = store.open_listings().try_collect().await?;
        let upserted = listings.len();
        let index = index.clone();
        tokio::task::spawn_blocking(move || {
            index.rebuild_for_store(Some(&store_id), listings, watermark)
        })
        .await
        .map_err(|_| AppError::Panicked("the index build"))??;
        return Ok(IndexUpdate {
            rebuilt: true,
            upserted,
            closed: 0,
            watermark,
        });
    }
    let since = index.watermark().unwrap_or(0);
    let changes = store.changes_since(since).await?;
    let (upserted, closed, watermark) = (
        changes.upserted.len(),
        changes.closed.len(),
        changes.watermark,
    );
    if watermark > since {
        let index = index.clone();
        tokio::task::spawn_blocking(move || {
            index.apply(&changes.upserted, &changes.closed, changes.watermark)
        })
        .await
        .map_err(|_| AppError::Panicked("the index update"))??;
    }
    Ok(IndexUpdate {
        rebuilt: false,
        upserted,
        closed,
        watermark,
    })
}
