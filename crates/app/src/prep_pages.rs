//! `prepboard prep fetch`: read the questions of each prep catalog page into the store.
//!
//! The catalog works without this (offline, the matcher uses each entry's title and summary);
//! fetched questions give the matcher more of each page's wording to compare listings with.

use chrono::Utc;
use futures::StreamExt;
use prepboard_core::prep::PrepEntry;
use prepboard_fetcher::http::HttpClient;
use prepboard_fetcher::prep_page::{PrepPage, fetch_prep_page};
use url::Url;

use crate::{AppError, Config, pipeline};

/// How one page's fetch went, as it is stored.
#[derive(Debug)]
pub struct PageFetched<'a> {
    pub entry: &'a PrepEntry,
    /// The page's title and questions, or why it could not be read.
    pub result: Result<PrepPage, String>,
}

/// How many pages were read and how many failed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PagesFetched {
    pub succeeded: usize,
    pub failed: usize,
}

/// Fetches the page of every catalog entry (or of the entries named in `only`) and stores what it
/// read, calling `each` as every page is done. A page that fails keeps the questions of its last
/// good fetch.
pub async fn fetch_pages(
    config: &Config,
    only: &[String],
    mut each: impl FnMut(&PageFetched<'_>),
) -> Result<PagesFetched, AppError> {
    let catalog = config.prep_catalog()?;
    if let Some(unknown) = only.iter().find(|id| catalog.entry(id).is_none()) {
        return Err(AppError::NotFound(format!(
            "no prep entry `{unknown}`; `prepboard prep status` lists them"
        )));
    }
    let entries: Vec<&PrepEntry> = catalog
        .entries()
        .iter()
        .filter(|entry| only.is_empty() || only.contains(&entry.id))
        .collect();
    let store = crate::open_store(config).await?;
    let policy = pipeline::http_policy(config);
    let concurrency = policy.max_concurrency;
    let client = HttpClient::new(policy)?;

    // The shared client spaces requests to each host, so pages on one site (most of the catalog is
    // on a handful of sites) queue politely while other hosts proceed.
    let mut results = futures::stream::iter(entries)
        .map(|entry| {
            let client = &client;
            async move {
                PageFetched {
                    entry,
                    result: fetch_entry(client, entry).await,
                }
            }
        })
        .buffer_unordered(concurrency);

    let mut counts = PagesFetched::default();
    while let Some(fetched) = results.next().await {
        let (entry, fetched_at) = (fetched.entry, Utc::now());
        match &fetched.result {
            Ok(page) => {
                counts.succeeded += 1;
                store
                    .save_prep_page(
                        &entry.id,
                        &entry.url,
                        fetched_at,
                        Ok((&page.title, &page.questions)),
                    )
                    .await?;
            }
            Err(reason) => {
                counts.failed += 1;
                store
                    .save_prep_page(&entry.id, &entry.url, fetched_at, Err(reason))
                    .await?;
            }
        }
        each(&fetched);
    }
    store.close().await;
    Ok(counts)
}

/// One page: its URL checked, fetched with the shared client and read. The error is the text
/// stored as the page's failure reason.
async fn fetch_entry(client: &HttpClient, entry: &PrepEntry) -> Result<PrepPage, String> {
    let url = Url::parse(&entry.url).map_err(|error| format!("bad URL {}: {error}", entry.url))?;
    fetch_prep_page(client, &url)
        .await
        .map_err(|error| error.to_string())
}
