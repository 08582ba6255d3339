//! Opening the search index: as its one writer (`up`, `index`), as a follower (`search`, `serve`
//! beside another owner), or for serving, which writes at start when nobody else does.

use std::sync::Arc;

use prepboard_core::search::{SearchRequest, SearchResponse};
use prepboard_indexer::{IndexError, SearchIndex};
use prepboard_store::Store;

use crate::{AppError, Config, pipeline};

/// Opens (or creates) the index in the data dir as its one writer; `holder` names the command for
/// the message another writer gets.
pub fn open_owned(config: &Config, holder: &str) -> Result<Arc<SearchIndex>, AppError> {
    let path = config.index_dir();
    SearchIndex::open_owned(&path, holder)
        .map(Arc::new)
        .map_err(|error| AppError::OpenIndex { path, error })
}

/// Opens the index in the data dir to read what its owner writes.
pub fn open_following(config: &Config) -> Result<Arc<SearchIndex>, AppError> {
    let path = config.index_dir();
    SearchIndex::open_following(&path)
        .map(Arc::new)
        .map_err(|error| AppError::OpenIndex { path, error })
}

/// Opens the index and brings it up to the store's watermark. `up` owns the index for its
/// lifetime (it refreshes and applies); a second `up` or an `index` run beside it is refused.
/// `serve` updates the index at start if no other process owns it, then only follows, so that
/// `prepboard index` or a fetch worker can own it while `serve` keeps answering.
pub async fn open_serving(
    config: &Config,
    store: &Store,
    owns_for_life: bool,
) -> Result<Arc<SearchIndex>, AppError> {
    let index = if owns_for_life {
        open_owned(config, "prepboard up")?
    } else {
        match SearchIndex::open_owned(&config.index_dir(), "prepboard serve") {
            Ok(index) => Arc::new(index),
            Err(IndexError::OwnedElsewhere { holder, .. }) => {
                tracing::info!("the search index is written by {holder}; following it");
                open_following(config)?
            }
            Err(error) => {
                return Err(AppError::OpenIndex {
                    path: config.index_dir(),
                    error,
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

/// One search against the index in the data dir, as a follower (the CLI's `search`).
pub async fn search_once(
    config: &Config,
    request: SearchRequest,
) -> Result<SearchResponse, AppError> {
    let index = open_following(config)?;
    if index.watermark().is_none() {
        return Err(AppError::NotFound(
            "the index is empty: run `prepboard fetch` (or `prepboard up`) and `prepboard index` first"
                .to_owned(),
        ));
    }
    tokio::task::spawn_blocking(move || index.search(&request))
        .await
        .map_err(|_| AppError::Panicked("the search"))?
        .map_err(AppError::from)
}
