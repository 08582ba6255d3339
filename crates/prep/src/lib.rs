//! prepboard-prep: the interview-prep catalog, the matcher that links a listing to it, and the prep
//! plan for a whole search.
//!
//! - [`Catalog`] is `config/prep.toml` parsed and checked against the skill taxonomy
//!   ([`Catalog::from_toml`], [`Catalog::bundled`]), with lookups by id, skill and family and the
//!   [`SearchRequest`](prepboard_core::search::SearchRequest) behind each reverse link
//!   ([`Catalog::audience_request`]).
//! - [`Matcher`] ranks entries for one [`Listing`](prepboard_core::Listing) by role, skills and
//!   text similarity, and returns [`PrepMatch`](prepboard_core::prep::PrepMatch)es with reasons.
//! - [`PlanItem`] and [`Catalog::prep_plan`] turn a search's skill facet into "Kafka: 38% of these
//!   jobs" plus the entries for it.
//!
//! The questions read from prep pages (by `prepboard prep fetch`, stored by the store) only feed the
//! matcher's text index; offline, with none stored, the catalog alone still matches.
//!
//! The crate depends on core (the listing and catalog types) and Tantivy (the matcher's small in-RAM
//! index of entries), not on the listing index: prep matching shares nothing with it but the library.

mod catalog;
mod matcher;
mod plan;

pub use catalog::{Catalog, CatalogError};
pub use matcher::{MatchError, Matcher};
pub use plan::PlanItem;
