//! prepboard-indexer: the Tantivy index built from the store, search and facets.
//!
//! - [`SearchIndex`] is the one handle a process holds: [`SearchIndex::apply`] for incremental
//!   updates, [`SearchIndex::rebuild`] for atomic full builds, [`SearchIndex::search`] answering a
//!   [`prepboard_core::search::SearchRequest`], and [`SearchIndex::similar`].
//! - `schema` defines every field in one place, with [`SCHEMA_VERSION`].
//! - `generation` keeps `dir/gen-<n>/` directories, their serving locks and the `dir/CURRENT`
//!   pointer; `owner` is the lock that makes one process per data dir the index's one writer.
//! - `query` reads the text people type and turns filters into Tantivy queries; `facets` counts;
//!   `snippet` cuts the highlighted excerpt of each hit.
//!
//! Architecture invariants: the index is derived data. It can always be rebuilt from the store, and
//! a rebuild never takes search down: searches use the previous generation until the new one is
//! complete and `CURRENT` names it. One process per data dir writes it ([`SearchIndex::open_owned`]);
//! others follow ([`SearchIndex::open_following`], [`SearchIndex::follow`]). Each commit records the
//! identity of the store it came from, so a different store is rebuilt from, never mixed in.

mod error;
mod facets;
mod generation;
mod owner;
mod query;
mod schema;
mod search_index;
mod snippet;

pub use error::IndexError;
pub use schema::{SCHEMA_VERSION, recency_seconds, salary_reach};
pub use search_index::{ApplyStats, BuildStats, SearchIndex};
