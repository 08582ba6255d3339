//! The one error type of the application layer: what went wrong, with the path, address or step it
//! concerns. The binary prints it (and adds nothing but the command's own context).

use std::net::SocketAddr;
use std::path::PathBuf;

use prepboard_fetcher::FetchError;
use prepboard_fetcher::snapshot::SnapshotError;
use prepboard_indexer::IndexError;
use prepboard_prep::MatchError;
use prepboard_store::StoreError;

use crate::config::ConfigError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The store file could not be opened or migrated.
    #[error("opening the store at {}: {error}", path.display())]
    OpenStore { path: PathBuf, error: StoreError },
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The index directory could not be opened (or is written by another process).
    #[error("opening the index at {}: {error}", path.display())]
    OpenIndex { path: PathBuf, error: IndexError },
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error(transparent)]
    Fetch(#[from] FetchError),
    /// Boxed: a snapshot error is large, and every other result would carry its size.
    #[error("reading the bundled snapshot in {}: {error}", path.display())]
    Snapshot {
        path: PathBuf,
        error: Box<SnapshotError>,
    },
    #[error("building the prep matcher: {0}")]
    Matcher(#[from] MatchError),
    /// A listener could not be bound; `purpose` says which one.
    #[error("cannot listen on {address}{purpose}: {error}")]
    Listen {
        address: SocketAddr,
        purpose: &'static str,
        error: std::io::Error,
    },
    #[error("serving: {0}")]
    Serve(std::io::Error),
    /// A blocking task (an index build, say) panicked; the process carries on without its result.
    #[error("{0} panicked")]
    Panicked(&'static str),
    /// A command named something that is not there: a source, a prep entry.
    #[error("{0}")]
    NotFound(String),
}
