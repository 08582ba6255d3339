//! The real backends behind the web's seams: the Tantivy [`SearchIndex`] and the prep [`Matcher`]
//! (which carries its catalog).

use std::collections::HashMap;

use prepboard_core::prep::{PrepEntry, PrepMatch};
use prepboard_core::search::{FacetCount, SearchHit, SearchRequest, SearchResponse};
use prepboard_core::{Listing, ListingId, TitleFamily};
use prepboard_indexer::SearchIndex;
use prepboard_prep::Matcher;

use crate::{BackendError, PlanStep, PrepBackend, SearchBackend};

impl SearchBackend for SearchIndex {
    fn search(&self, request: &SearchRequest) -> Result<SearchResponse, BackendError> {
        SearchIndex::search(self, request).map_err(BackendError::from)
    }

    fn similar(&self, id: &ListingId, limit: usize) -> Result<Vec<SearchHit>, BackendError> {
        SearchIndex::similar(self, id, limit).map_err(BackendError::from)
    }

    fn num_listings(&self) -> u64 {
        SearchIndex::num_listings(self)
    }
}

impl PrepBackend for Matcher {
    fn entries(&self) -> Vec<&PrepEntry> {
        self.catalog().entries().iter().collect()
    }

    fn entry(&self, id: &str) -> Option<&PrepEntry> {
        self.catalog().entry(id)
    }

    fn match_listing(&self, listing: &Listing, limit: usize) -> Vec<PrepMatch> {
        Matcher::match_listing(self, listing, limit)
    }

    fn topics(&self) -> &[prepboard_prep::Topic] {
        self.catalog().topics().all()
    }

    fn entries_for_topic(&self, topic: &str) -> Vec<&PrepEntry> {
        self.catalog().entries_for_topic(topic)
    }

    fn related(&self, id: &str) -> Vec<&PrepEntry> {
        self.catalog().related(id)
    }

    fn plan(&self, skill_counts: &[FacetCount], total: u64, per_skill: usize) -> Vec<PlanStep> {
        self.catalog()
            .prep_plan(skill_counts, total, per_skill)
            .into_iter()
            .map(|item| PlanStep {
                skill: item.skill,
                percent: item.percent,
                entry_ids: item.entries.into_iter().map(|entry| entry.id).collect(),
            })
            .collect()
    }

    fn entries_for_skill(&self, skill: &str) -> Vec<&PrepEntry> {
        self.catalog().entries_for_skill(skill)
    }

    fn entries_for_family(&self, family: TitleFamily) -> Vec<&PrepEntry> {
        self.catalog().entries_for_family(family)
    }
}

/// Skill id → label from the bundled skill taxonomy, for [`crate::AppState::new`].
pub fn bundled_skill_labels() -> HashMap<String, String> {
    prepboard_core::Normalizer::bundled()
        .skills()
        .all()
        .iter()
        .map(|skill| (skill.id.clone(), skill.label.clone()))
        .collect()
}
