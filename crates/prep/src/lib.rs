//! prepboard-prep: the interview-prep catalog, the matcher that links a listing to it, and the prep
//! plan for a whole search.
//!
//! - [`Catalog`] is `config/prep.toml` parsed and checked against the skill taxonomy
//!   ([`Catalog::from_toml`], [`Catalog::bundled`]), with lookups by id, skill and family and the
//!   [`SearchRequest`](prepboard_core::search::SearchRequest) behind each reverse link
//!   ([`Catalog::audience_request`]).
//! - [`Topics`] is `config/topics.toml`: the closed list of interview topics, each naming the
//!   skills and words that call for it; every catalog entry declares its topics.
//! - [`Matcher`] reads a [`Listing`](prepboard_core::Listing) for the topics it asks about
//!   ([`TopicEvidence`]: weighted by where the listing asks, with its own sentence as evidence) and
//!   links each topic to the entries that fit the listing best, returning
//!   [`PrepMatch`](prepboard_core::prep::PrepMatch)es (top three on three topics) or
//!   [`TopicMatch`]es grouped by topic.
//! - [`PlanItem`] and [`Catalog::prep_plan`] turn a search's skill facet into "Kafka: 38% of these
//!   jobs" plus the entries for it.
//!
//! The questions read from prep pages (by `prepboard prep fetch`, stored by the store) only feed the
//! matcher's text index; offline, with none stored, the catalog alone still matches.
//!
//! The crate depends on core (the listing and catalog types) and Tantivy (the matcher's small in-RAM
//! index of entries), not on the listing index: prep matching shares nothing with it but the library.

mod catalog;
mod evidence;
mod matcher;
mod plan;
mod text;
mod topics;

pub use catalog::{Catalog, CatalogError};
pub use evidence::{Place, TopicEvidence};
pub use matcher::{Matcher, TopicMatch};
pub use plan::PlanItem;
pub use text::MatchError;
pub use topics::{SectionWords, Topic, TopicError, Topics};
