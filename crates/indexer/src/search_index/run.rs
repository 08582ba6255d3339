//! Running a planned search: how the page and the facet counts are gathered (a [`Strategy`]),
//! and the one pass over a query that collects the total, the page and the counts together.

use std::sync::Arc;

use prepboard_core::search::{SearchRequest, SortOrder};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{Occur, Query};
use tantivy::{DocAddress, Order, Searcher};

use crate::IndexError;
use crate::facets::{FacetColumns, FacetPass, GroupCounts};
use crate::query::{FacetGroup, GroupFilter};
use crate::schema::{FIELD_RECENCY, FIELD_SALARY_SORT};

/// How to cut the page out of the matches.
pub(super) struct PagePlan {
    /// `None` when the page starts past the last document: no hits to collect.
    pub offset: Option<usize>,
    pub limit: usize,
    pub sort: SortOrder,
}

/// Whether a document's relevance score under the shared query (text and the filters no facet
/// group owns) is bit for bit its score under the main query, so that `Strategy::Shared` can rank.
///
/// A conjunction's score is the sum of its clauses' scores, added in an order that depends on
/// their estimated costs, so leaving clauses out may reorder the additions. Facet filters score 0
/// (`any_of` is constant 0, exclusions do not score) except skills, whose term queries score like
/// words; adding 0 is exact, so the order only matters when three or more clauses score non-zero.
/// The text always scores; range filters (time zone: two, posted within: one) score a constant 1.
pub(super) fn shared_scores_are_main_scores(request: &SearchRequest) -> bool {
    let ranges = 2 * usize::from(request.utc_offset_minutes.is_some())
        + usize::from(request.posted_within_days.is_some());
    !FacetGroup::Skill.is_active(request) && ranges <= 1
}

/// How a search gathers its facet counts. Each facet group's counts apply every filter but the
/// group's own, so a request filtering on `k` groups needs up to `k + 1` different queries; these
/// plans answer it in one or two passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Strategy {
    /// The empty request: its counts and its page order are the whole index's, computed once per
    /// generation.
    Cached,
    /// No facet filter needs a pass of its own: one pass over the main query gives the page and
    /// the counts of every group but `from_cache`, whose filter is the only one, so that its own
    /// counts are the whole index's.
    Main { from_cache: Option<FacetGroup> },
    /// One pass over the query without the facet filters, which [`FacetPass`] checks per document:
    /// the page and every count come from it.
    Shared,
    /// As `Shared`, but ranking by relevance with scores the shared query would not reproduce (see
    /// [`shared_scores_are_main_scores`]): the page comes from a pass over the main query and the
    /// counts from a second, shared pass.
    MainThenShared,
}

/// What one main pass found: the total, the page and the counts it gathered.
pub(super) struct MainOutcome {
    pub total: u64,
    pub hits: Vec<(f32, DocAddress)>,
    pub facet_counts: GroupCounts,
}

/// One pass over `query`: the total and the page of the documents passing `filters` (facet filters
/// the query leaves out), and the counts of the `counted` groups.
pub(super) fn run_pass(
    searcher: &Searcher,
    columns: &[Arc<FacetColumns>],
    query: &dyn Query,
    plan: &PagePlan,
    filters: &[(FacetGroup, GroupFilter)],
    counted: &[FacetGroup],
) -> Result<MainOutcome, IndexError> {
    let top = |offset: usize| TopDocs::with_limit(plan.limit).and_offset(offset);
    let (total, hits, facet_counts) = match plan.sort {
        SortOrder::Relevance => {
            let page = (Count, plan.offset.map(|o| top(o).order_by_score()));
            let ((total, hits), counts) =
                searcher.search(query, &facet_pass(columns, filters, counted, page))?;
            (total, hits.unwrap_or_default(), counts)
        }
        SortOrder::Newest => {
            let page = (
                Count,
                plan.offset
                    .map(|o| top(o).order_by_fast_field::<i64>(FIELD_RECENCY, Order::Desc)),
            );
            let ((total, hits), counts) =
                searcher.search(query, &facet_pass(columns, filters, counted, page))?;
            (total, without_sort_keys(hits), counts)
        }
        SortOrder::Salary => {
            let page = (
                Count,
                plan.offset
                    .map(|o| top(o).order_by_fast_field::<u64>(FIELD_SALARY_SORT, Order::Desc)),
            );
            let ((total, hits), counts) =
                searcher.search(query, &facet_pass(columns, filters, counted, page))?;
            (total, without_sort_keys(hits), counts)
        }
    };
    Ok(MainOutcome {
        total: total as u64,
        hits,
        facet_counts,
    })
}

pub(super) fn facet_pass<'a, C>(
    columns: &'a [Arc<FacetColumns>],
    filters: &'a [(FacetGroup, GroupFilter)],
    counted: &[FacetGroup],
    page: C,
) -> FacetPass<'a, C> {
    FacetPass {
        columns,
        filters,
        counted: counted.to_vec(),
        page,
    }
}

pub(super) fn clone_clauses(clauses: &[(Occur, Box<dyn Query>)]) -> Vec<(Occur, Box<dyn Query>)> {
    clauses
        .iter()
        .map(|(occur, query)| (*occur, query.box_clone()))
        .collect()
}

pub(super) fn without_sort_keys<K>(hits: Option<Vec<(K, DocAddress)>>) -> Vec<(f32, DocAddress)> {
    hits.unwrap_or_default()
        .into_iter()
        .map(|(_, address)| (0.0, address))
        .collect()
}

#[cfg(test)]
mod tests {
    //! `Strategy::Shared` ranks a page by the scores of the shared query (the text and the filters
    //! no facet group owns) while the page holds the main query's documents. That is right only
    //! because Tantivy scores a conjunction as the sum of its clauses' scores, with facet filters
    //! adding exactly 0: this pins that assumption on the real query builders and schema.

    use std::collections::HashMap;

    use chrono::{Duration, TimeZone, Utc};
    use prepboard_core::normalize::Normalizer;
    use prepboard_core::{
        Company, Confidence, Eligibility, EligibilityScope, EmploymentType, Freshness, Listing,
        ListingId, Seniority, SourceKind, TitleFamily, WorkplaceType,
    };
    use tantivy::collector::TopDocs;

    use super::*;
    use crate::SearchIndex;
    use crate::query::{UserQuery, combine, filter_clauses};

    fn listing(n: usize, title: &str, description: &str) -> Listing {
        let seen = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap() - Duration::days(n as i64);
        let job_id = n.to_string();
        let (family, _) = Normalizer::bundled().classify_title(title);
        Listing {
            id: ListingId::derive(SourceKind::Greenhouse, &job_id),
            source: SourceKind::Greenhouse,
            source_url: format!("https://boards.greenhouse.io/acme/jobs/{job_id}"),
            source_job_id: job_id,
            apply_url: None,
            title: title.to_owned(),
            company: Company {
                name: "Acme".into(),
                url: None,
                logo_url: None,
            },
            description_html: format!("<p>{description}</p>"),
            description_text: description.to_owned(),
            tags: Vec::new(),
            employment_type: EmploymentType::FullTime,
            workplace: WorkplaceType::Remote,
            location_text: "Remote".into(),
            eligibility: Eligibility {
                scope: EligibilityScope::Worldwide,
                countries: Vec::new(),
                regions: Vec::new(),
                utc_band: None,
                evidence: None,
                confidence: Confidence::Medium,
                offices: Vec::new(),
                workplace_evidence: None,
            },
            salary: None,
            seniority: Seniority::Senior,
            family,
            skills: Vec::new(),
            posted_at: Some(seen),
            valid_through: None,
            fetched_at: seen,
            from_snapshot: false,
            freshness: Freshness::seen_once(seen),
            sightings: Vec::new(),
        }
    }

    #[test]
    fn facet_filters_add_nothing_to_a_conjunctions_score() {
        let titles = [
            "Senior Rust API Engineer",
            "Backend Engineer, Payments API",
            "Frontend Engineer (React)",
            "API Platform Engineer",
            "Rust Developer",
            "Account Executive, API sales",
        ];
        let listings: Vec<Listing> = titles
            .iter()
            .enumerate()
            .map(|(n, title)| {
                let words = "Design REST API endpoints in Rust; the API serves millions.";
                listing(n, title, &words.repeat(n + 1))
            })
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let index = SearchIndex::open_owned(dir.path(), "test").unwrap();
        index.rebuild(listings, 1).unwrap();
        let generation = index.generation();
        let searcher = generation.searcher().unwrap();
        let mut analyzer = generation.analyzer.clone();
        let fields = &index.fields;

        let request = SearchRequest {
            query: "rust api".into(),
            families: vec![TitleFamily::ApiEngineer, TitleFamily::BackendEngineer],
            posted_within_days: Some(30),
            now: Some(Utc.with_ymd_and_hms(2026, 11, 2, 0, 0, 0).unwrap()),
            ..SearchRequest::default()
        };
        assert!(shared_scores_are_main_scores(&request));
        let now = request.now.unwrap();
        let text = UserQuery::parse(&request.query, &mut analyzer)
            .to_query(fields, false)
            .unwrap();
        let scores = |query: &dyn Query| -> HashMap<DocAddress, f32> {
            searcher
                .search(query, &TopDocs::with_limit(100).order_by_score())
                .unwrap()
                .into_iter()
                .map(|(score, address)| (address, score))
                .collect()
        };
        let main = combine(
            Some(text.box_clone()),
            filter_clauses(&request, fields, &mut analyzer, now, |_| true),
        );
        let shared = combine(
            Some(text.box_clone()),
            filter_clauses(&request, fields, &mut analyzer, now, |_| false),
        );
        let main_scores = scores(&*main);
        let shared_scores = scores(&*shared);
        assert!(
            main_scores.len() >= 2 && shared_scores.len() > main_scores.len(),
            "the family filter must narrow the text's matches: {} of {}",
            main_scores.len(),
            shared_scores.len()
        );
        for (address, score) in &main_scores {
            assert_eq!(
                score.to_bits(),
                shared_scores[address].to_bits(),
                "{address:?}: main {score}, shared {}",
                shared_scores[address]
            );
        }
        // And the range filter adds one constant to every document: ranking by the shared query
        // is ranking by the text.
        let text_scores = scores(&*text);
        let offsets: Vec<f32> = shared_scores
            .iter()
            .map(|(address, score)| score - text_scores[address])
            .collect();
        assert!(
            offsets.windows(2).all(|pair| pair[0] == pair[1]),
            "{offsets:?}"
        );
    }
}
