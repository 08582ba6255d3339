//! The prep plan for a search: the skills its results ask for most, each with its share of the
//! results and the catalog entries that prepare for it.

use prepboard_core::prep::PrepEntry;
use prepboard_core::search::FacetCount;
use serde::Serialize;

use crate::Catalog;

/// One skill of a prep plan: "Kafka: 38% of these jobs", and where to prepare for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanItem {
    /// Canonical skill id.
    pub skill: String,
    /// Display label ("Kafka").
    pub label: String,
    /// How many of the search's results ask for it.
    pub count: u64,
    /// `count` as a whole percentage of the results, rounded to nearest.
    pub percent: u32,
    /// Entries serving the skill, primary ones first.
    pub entries: Vec<PrepEntry>,
}

impl PlanItem {
    /// "Kafka: 38% of these jobs".
    pub fn headline(&self) -> String {
        format!("{}: {}% of these jobs", self.label, self.percent)
    }
}

impl Catalog {
    /// The prep plan for a search with `total` results whose skill facet is `skill_counts`:
    /// the skills most asked for that the catalog has entries for, most asked first (ties by
    /// skill id), each with up to `per_skill` entries. Skills without entries are left out: a
    /// plan lists what one can prepare with.
    pub fn prep_plan(
        &self,
        skill_counts: &[FacetCount],
        total: u64,
        per_skill: usize,
    ) -> Vec<PlanItem> {
        if total == 0 || per_skill == 0 {
            return Vec::new();
        }
        let mut counts: Vec<&FacetCount> = skill_counts.iter().filter(|c| c.count > 0).collect();
        counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        counts
            .into_iter()
            .filter_map(|facet| {
                let entries: Vec<PrepEntry> = self
                    .entries_for_skill(&facet.value)
                    .into_iter()
                    .take(per_skill)
                    .cloned()
                    .collect();
                if entries.is_empty() {
                    return None;
                }
                let count = facet.count.min(total);
                let percent = ((count as f64) * 100.0 / (total as f64)).round() as u32;
                Some(PlanItem {
                    skill: facet.value.clone(),
                    label: self.skill_label(&facet.value).to_owned(),
                    count,
                    percent,
                    entries,
                })
            })
            .collect()
    }
}
