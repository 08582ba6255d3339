//! The two narrow interfaces the web reads besides the store: [`SearchBackend`] (the index) and
//! [`PrepBackend`] (the prep catalog and matcher).
//!
//! Why traits rather than the indexer's types directly: handlers need five calls of each, and a
//! narrow seam keeps the web's tests, its load benchmark and the application free to plug in the real
//! Tantivy index (`prepboard_indexer::SearchIndex`, adapted in `adapters`) without the web knowing
//! how search is done. Both are blocking: the web runs them on its CPU pool (`AppState::blocking`).

use prepboard_core::prep::{PrepEntry, PrepMatch};
use prepboard_core::search::{FacetCount, SearchHit, SearchRequest, SearchResponse};
use prepboard_core::{Listing, ListingId, TitleFamily};
use prepboard_prep::Topic;

/// A failure inside a backend, logged by the web and shown to nobody.
pub type BackendError = Box<dyn std::error::Error + Send + Sync>;

/// The search index, as the web uses it.
pub trait SearchBackend: Send + Sync + 'static {
    fn search(&self, request: &SearchRequest) -> Result<SearchResponse, BackendError>;
    /// Up to `limit` open listings most like `id`, excluding itself.
    fn similar(&self, id: &ListingId, limit: usize) -> Result<Vec<SearchHit>, BackendError>;
    /// Open listings in the index.
    fn num_listings(&self) -> u64;
}

/// One step of a prep plan: a skill the jobs of a search ask for, how often, and what to read.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanStep {
    pub skill: String,
    /// Share of the search's jobs asking for it, 0–100.
    pub percent: u32,
    pub entry_ids: Vec<String>,
}

/// The prep catalog and matcher, as the web uses them.
pub trait PrepBackend: Send + Sync + 'static {
    /// Every entry, in catalog order.
    fn entries(&self) -> Vec<&PrepEntry>;
    fn entry(&self, id: &str) -> Option<&PrepEntry>;
    /// The best entries for a listing, best first, with reasons.
    fn match_listing(&self, listing: &Listing, limit: usize) -> Vec<PrepMatch>;
    /// The closed list of interview topics, in file order.
    fn topics(&self) -> &[Topic];

    /// The display label of an interview topic id; `None` for an unknown topic.
    fn topic_label(&self, topic: &str) -> Option<&str> {
        self.topics()
            .iter()
            .find(|t| t.id == topic)
            .map(|t| t.label.as_str())
    }

    /// Entries declaring `topic`, those for which it is the main topic first, then catalog order.
    fn entries_for_topic(&self, topic: &str) -> Vec<&PrepEntry>;

    /// Other entries sharing a topic with entry `id`, those on its main topic first.
    fn related(&self, id: &str) -> Vec<&PrepEntry>;

    /// What to prepare for a set of jobs, from their skill counts.
    fn plan(&self, skill_counts: &[FacetCount], total: u64, per_skill: usize) -> Vec<PlanStep>;

    fn entries_for_skill(&self, skill: &str) -> Vec<&PrepEntry> {
        self.entries()
            .into_iter()
            .filter(|entry| entry.skills.iter().any(|s| s == skill))
            .collect()
    }

    fn entries_for_family(&self, family: TitleFamily) -> Vec<&PrepEntry> {
        self.entries()
            .into_iter()
            .filter(|entry| entry.families.contains(&family))
            .collect()
    }
}
