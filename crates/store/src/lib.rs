//! prepboard-store: the SQLite store, prepboard's source of truth.
//!
//! [`Store`] owns every SQL statement in prepboard; other crates see only typed methods:
//! - listings: [`Store::upsert_batch`] (one source's batch, one transaction, with duplicate merging),
//!   [`Store::close_missing`], [`Store::get_listing`], [`Store::open_listings`], [`Store::changes_since`];
//! - fetch runs and per-source state: [`Store::record_fetch_run_reading`], [`Store::source_state`],
//!   [`Store::save_source_state`], [`Store::source_summaries`], and what guards a run's closures:
//!   [`Store::run_coverage`], [`Store::held_drop`].
//!
//! A listing's row holds the store's own versioned record of it (`record`), not the domain type,
//! and a change hash over a named list of fields; rows written before either still read.
//!
//! Architecture invariants:
//! - One writer, many readers. Writes go through a pool of exactly one connection, reads through a
//!   separate read-only pool; with WAL, a reader sees the last committed state and is never blocked by
//!   a long write.
//! - A job seen on several sources is one listing with several sightings; a listing closes only when
//!   every sighting has been missing from N consecutive *successful* runs of its source. Nothing here
//!   closes or deletes listings because a fetch failed.
//! - Every change the search index must see bumps the listing's `change_seq`, the store's watermark:
//!   the index can always be brought up to date, or rebuilt, from here.

mod listings;
mod prep;
mod record;
mod runs;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

pub use listings::{Changes, UpsertCounts};
pub use prep::{PrepPageRecord, PrepPageStatus};
pub use runs::{FetchOutcomeKind, FetchRun, RunCoverage, RunReading, SourceState, SourceSummary};

/// The migrations in the top-level `migrations/` folder, embedded in the binary.
static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations");

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file exists but is not a SQLite database (or is damaged).
    #[error("{path} is not a prepboard database or is damaged: {source}")]
    Corrupt { path: PathBuf, source: sqlx::Error },
    /// The database was written by a newer prepboard: it has migrations this build does not know.
    #[error(
        "{path} was written by a newer prepboard (schema version {found}, this build knows up to {known}); upgrade prepboard or use another data dir"
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    /// Applying a migration failed.
    #[error("migrating {path} failed: {source}")]
    Migrate {
        path: PathBuf,
        source: sqlx::migrate::MigrateError,
    },
    /// The data directory could not be created.
    #[error("cannot create data directory {path}: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A query failed.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// A stored JSON column could not be read back (written by an incompatible build?).
    #[error("stored listing {id} cannot be decoded: {source}")]
    Decode {
        id: String,
        source: serde_json::Error,
    },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Handle to the store. Cheap to clone; share it freely.
#[derive(Debug, Clone)]
pub struct Store {
    writer: SqlitePool,
    reader: SqlitePool,
    path: PathBuf,
}

/// How long a connection waits for a lock before failing. Long enough to ride out a big batch from
/// another process (a fetch worker beside a web replica), short enough to report a stuck writer.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

impl Store {
    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    pub async fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
                path: dir.to_owned(),
                source,
            })?;
        }
        let options = SqliteConnectOptions::from_str("sqlite://")
            .map_err(StoreError::Database)?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT);
        let corrupt = |source| StoreError::Corrupt {
            path: path.to_owned(),
            source,
        };
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.clone())
            .await
            .map_err(corrupt)?;
        let store_path = path.to_owned();
        migrate(&writer, &store_path).await?;
        let reader = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options.read_only(true))
            .await
            .map_err(corrupt)?;
        Ok(Store {
            writer,
            reader,
            path: store_path,
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// This store's identity: a random id made when it was created, which the search index records
    /// so that it can tell when it stands beside a different store.
    pub async fn identity(&self) -> Result<String> {
        let (id,): (String,) = sqlx::query_as("SELECT id FROM store_identity LIMIT 1")
            .fetch_one(&self.reader)
            .await?;
        Ok(id)
    }

    /// Waits for open connections to finish and closes the pools.
    pub async fn close(&self) {
        self.writer.close().await;
        self.reader.close().await;
    }
}

async fn migrate(writer: &SqlitePool, path: &Path) -> Result<()> {
    // SQLite opens garbage lazily; ask it something first so a damaged file is reported as such,
    // not as a confusing migration failure.
    sqlx::query("SELECT count(*) FROM sqlite_master")
        .execute(writer)
        .await
        .map_err(|source| StoreError::Corrupt {
            path: path.to_owned(),
            source,
        })?;
    let known = MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0);
    let has_table: Option<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_optional(writer)
    .await?;
    if has_table.is_some() {
        let (found,): (Option<i64>,) = sqlx::query_as("SELECT max(version) FROM _sqlx_migrations")
            .fetch_one(writer)
            .await?;
        if let Some(found) = found.filter(|found| *found > known) {
            return Err(StoreError::NewerSchema {
                path: path.to_owned(),
                found,
                known,
            });
        }
    }
    MIGRATOR
        .run(writer)
        .await
        .map_err(|source| StoreError::Migrate {
            path: path.to_owned(),
            source,
        })?;
    upgrade_content_hashes(writer).await
}

/// Recomputes every listing's change hash from its stored body when the hash's field list is newer
/// than the one the rows were hashed with, so an upgrade does not report every listing as updated
/// on the next fetch. A body that cannot be decoded keeps its old hash (and its row).
async fn upgrade_content_hashes(writer: &SqlitePool) -> Result<()> {
    let mut tx = writer.begin().await?;
    let (version,): (i64,) =
        sqlx::query_as("SELECT value FROM counters WHERE name = 'content_hash_version'")
            .fetch_one(&mut *tx)
            .await?;
    if version >= record::CONTENT_HASH_VERSION {
        return Ok(());
    }
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT id, body FROM listings")
        .fetch_all(&mut *tx)
        .await?;
    let mut undecodable = 0_usize;
    for (id, body) in &rows {
        match record::decode(id, body) {
            Ok(listing) => {
                sqlx::query("UPDATE listings SET content_hash = ? WHERE id = ?")
                    .bind(record::content_hash(&listing))
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            Err(error) => {
                undecodable += 1;
                tracing::warn!(%id, "listing body cannot be decoded; its change hash is kept: {error}");
            }
        }
    }
    sqlx::query("UPDATE counters SET value = ? WHERE name = 'content_hash_version'")
        .bind(record::CONTENT_HASH_VERSION)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    if !rows.is_empty() {
        tracing::info!(
            listings = rows.len(),
            undecodable,
            from = version,
            to = record::CONTENT_HASH_VERSION,
            "recomputed the stored change hashes"
        );
    }
    Ok(())
}

/// Times are stored as RFC 3339 text in UTC with a fixed width, so text order is time order.
pub(crate) fn time_text(time: chrono::DateTime<chrono::Utc>) -> String {
    time.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

pub(crate) fn parse_time(text: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&chrono::Utc))
}
