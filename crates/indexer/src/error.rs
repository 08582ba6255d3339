//! [`IndexError`]: everything that can go wrong while building, updating or searching the index.

use std::path::PathBuf;

/// An index operation that failed. Text people type never produces one: bad query syntax is
/// dropped, not reported.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// Tantivy failed to open, write, commit or search.
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// A file or directory of the index could not be read or written.
    #[error("search index file {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The index on disk was built by a different schema version; it must be rebuilt before use.
    #[error(
        "the search index was built with schema version {found:?}, this build expects {expected}; run `prepboard index --rebuild`"
    )]
    NeedsRebuild { found: Option<u32>, expected: u32 },
    /// The `CURRENT` pointer or a generation's commit payload is not what this crate writes.
    #[error("search index metadata is corrupt: {0}")]
    CorruptMeta(String),
    /// Another process writes this index: one owner per data dir.
    #[error(
        "the search index is written by {holder}; one process per data dir writes it: stop that one or let it do the work (lock: {})",
        lock.display()
    )]
    OwnedElsewhere { lock: PathBuf, holder: String },
    /// This handle follows the index another process writes; it cannot write.
    #[error("this process only reads the search index; its owner writes it")]
    NotOwner,
    /// A following handle found no index: its owner has not built one yet.
    #[error(
        "there is no search index under {} yet; run `prepboard index` (or `prepboard up`) first",
        dir.display()
    )]
    NotBuilt { dir: PathBuf },
    /// A stored document lacks a field this build stores, or holds a card that does not decode.
    #[error("stored document {id:?} is unreadable: {reason}")]
    BadStoredDocument { id: Option<String>, reason: String },
}

impl IndexError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        IndexError::Io {
            path: path.into(),
            source,
        }
    }
}
