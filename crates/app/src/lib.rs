//! prepboard's application layer: everything the `prepboard` binary runs, testable in-process.
//!
//! The binary parses arguments, reads the environment and prints; this crate does the rest:
//! - [`config`]: the typed configuration, loaded from a file and the `PREPBOARD_*` variables the
//!   binary hands over;
//! - [`pipeline`]: config → fetcher sources, fetch results → store (with the guards that keep a bad
//!   run from closing listings), store → index;
//! - [`indexing`]: opening the index as its one writer or as a follower;
//! - [`serving`]: the wiring behind `serve` and `up`: the web state, listeners, the refresh loop and
//!   the follow loop, graceful shutdown;
//! - [`prep_pages`]: reading prep catalog pages into the store;
//! - [`reports`]: the tables and exit codes the commands print and return;
//! - [`logging`]: how log lines are written.
//!
//! The decisions themselves (what is a duplicate, when a listing closes, how the index swaps) live
//! in the crates below this one and are tested there.

pub mod config;
mod error;
pub mod indexing;
pub mod logging;
pub mod pipeline;
pub mod prep_pages;
pub mod reports;
pub mod serving;

pub use config::Config;
pub use error::AppError;

/// Opens the store named by the config (applying migrations), with the path in any error.
pub async fn open_store(config: &Config) -> Result<prepboard_store::Store, AppError> {
    let path = config.store_path();
    prepboard_store::Store::open(&path)
        .await
        .map_err(|error| AppError::OpenStore { path, error })
}
