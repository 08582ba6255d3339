//! `prepboard index`: bring the search index up to the store's watermark, or rebuild it.

use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use prepboard_indexer::SearchIndex;

use crate::config::Config;
use crate::pipeline;

pub async fn run(config: &Config, rebuild: bool) -> anyhow::Result<ExitCode> {
    let store = super::open_store(config).await?;
    let index = open_index(config, "prepboard index")?;
    let started = std::time::Instant::now();
    let update = pipeline::update_index(&store, &index, rebuild).await?;
    store.close().await;
    let action = if update.rebuilt {
        "rebuilt with"
    } else {
        "applied"
    };
    println!(
        "index {action} {} listings, {} closures in {:.2?}; {} listings searchable at watermark {}",
        update.upserted,
        update.closed,
        started.elapsed(),
        index.num_listings(),
        update.watermark
    );
    Ok(ExitCode::SUCCESS)
}

/// Opens (or creates) the index in the data dir as its one writer; `holder` names the command for
/// the message another writer gets.
pub fn open_index(config: &Config, holder: &str) -> anyhow::Result<Arc<SearchIndex>> {
    let dir = config.index_dir();
    let index = SearchIndex::open_owned(&dir, holder)
        .with_context(|| format!("opening the index at {}", dir.display()))?;
    Ok(Arc::new(index))
}

/// Opens the index in the data dir to read what its owner writes.
pub fn follow_index(config: &Config) -> anyhow::Result<Arc<SearchIndex>> {
    let dir = config.index_dir();
    let index = SearchIndex::open_following(&dir)
        .with_context(|| format!("opening the index at {}", dir.display()))?;
    Ok(Arc::new(index))
}
