//! [`SearchIndex`]: the process's one handle on the index: build, update, search, facets, similar.
//!
//! `lifecycle` opens, writes and follows generations. This module plans each search on the current
//! generation (which filters, which [`run::Strategy`], which page); `run` gathers the page and the
//! facet counts, `spelling` finds what a query meant, `facet_lists` shapes the counts for the
//! response.

mod facet_lists;
mod lifecycle;
mod run;
mod spelling;

pub use lifecycle::{ApplyStats, BuildStats};

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock, PoisonError, RwLock};
use std::time::Instant;

use chrono::Utc;
use prepboard_core::search::{SearchHit, SearchRequest, SearchResponse, SortOrder};
use prepboard_core::{Listing, ListingId};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, OwnedValue, Schema, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use crate::IndexError;
use crate::facets::{FacetColumnCache, FacetColumns, FacetPass, GroupCounts};
use crate::generation::OpenGeneration;
use crate::query::{
    DefaultView, FacetGroup, GroupFilter, UserQuery, combine, filter_clauses, group_filter,
};
use crate::schema::{Fields, SCHEMA_VERSION, StoredCard, TEXT_ANALYZER, to_document};
use crate::snippet::{SNIPPET_CHARS, Snippets, lead_html};
use facet_lists::assemble_facets;
use run::{
    MainOutcome, PagePlan, Strategy, clone_clauses, run_pass, shared_scores_are_main_scores,
};
use spelling::corrected;

/// Exact terms finding fewer hits than this trigger the typo-tolerant retry.
const FEW_HITS: u64 = 3;

/// The search index of one process. Share it as `Arc<SearchIndex>`; all methods take `&self` and
/// block, so async callers run them off the executor (the web queues them on its CPU pool).
///
/// Every method reads the generation current when it starts: a rebuild swaps generations under a
/// lock while searches in flight finish on the one they started with.
pub struct SearchIndex {
    root: PathBuf,
    schema: Schema,
    fields: Fields,
    current: RwLock<Arc<Generation>>,
    /// The owner lock while this handle may write (`None` for a follower); the mutex also
    /// serialises writers within the process.
    owner: Mutex<Option<crate::owner::OwnerLock>>,
    /// Facet values decoded per segment, shared by every generation (entries are keyed by segment).
    facet_columns: FacetColumnCache,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("root", &self.root)
            .field("generation", &self.generation().open.number)
            .finish_non_exhaustive()
    }
}

/// A generation as searches see it, with what it computes once: the facet counts and page orders of
/// the empty request.
struct Generation {
    open: OpenGeneration,
    /// The one searcher every search of this generation uses, taken when it was installed, so that
    /// what is computed once below always describes the documents searches see.
    searcher: Searcher,
    analyzer: TextAnalyzer,
    compatible: bool,
    /// What each default view (see [`DefaultView`]) computes once, by [`DefaultView::key`]: the
    /// front page of the board and its next pages are slices of these, instead of ranking every
    /// listing per request.
    views: [ViewCache; DefaultView::COUNT],
    /// Similar jobs by listing id and limit, computed on first ask: they change only when the
    /// documents do, so a job page asks the index once per generation, not on every view (a
    /// more-like-this query over the description costs several times a search).
    similar: Mutex<SimilarCache>,
}

/// Similar jobs by (listing, limit).
type SimilarCache = HashMap<(ListingId, usize), Arc<Vec<SearchHit>>>;

/// Similar-job answers one generation keeps; past this it starts over (a new generation does too).
const SIMILAR_CACHE_LIMIT: usize = 20_000;

/// One default view's facet counts and page orders, computed on first use. The view with no default
/// filter is every listing: its counts are also the own-group counts of any request whose only
/// filter is one facet group.
#[derive(Default)]
struct ViewCache {
    counts: OnceLock<GroupCounts>,
    /// Newest first and best paid first.
    ordered: [OnceLock<Vec<DocAddress>>; 2],
}

impl Generation {
    fn new(open: OpenGeneration, schema: &Schema) -> Result<Generation, IndexError> {
        let compatible = open.meta.as_ref().map(|m| m.schema_version) == Some(SCHEMA_VERSION)
            && open.index.schema() == *schema;
        let analyzer = open
            .index
            .tokenizers()
            .get(TEXT_ANALYZER)
            .ok_or_else(|| IndexError::CorruptMeta("text analyser not registered".into()))?;
        Ok(Generation {
            searcher: open.reader.searcher(),
            open,
            analyzer,
            compatible,
            views: Default::default(),
            similar: Mutex::default(),
        })
    }

    fn searcher(&self) -> Result<Searcher, IndexError> {
        if !self.compatible {
            return Err(IndexError::NeedsRebuild {
                found: self.open.meta.as_ref().map(|m| m.schema_version),
                expected: SCHEMA_VERSION,
            });
        }
        Ok(self.searcher.clone())
    }

    /// The page of a default view's text-free request under `plan.sort` (newest or salary;
    /// relevance means newest without words), sliced from the order computed on first use.
    /// `filters` are the view's own clauses.
    fn view_page(
        &self,
        view: DefaultView,
        filters: &[(Occur, Box<dyn Query>)],
        columns: &[Arc<FacetColumns>],
        plan: &PagePlan,
    ) -> Result<(u64, Vec<(f32, DocAddress)>), IndexError> {
        let sort = match plan.sort {
            SortOrder::Salary => SortOrder::Salary,
            SortOrder::Newest | SortOrder::Relevance => SortOrder::Newest,
        };
        let slot = &self.views[view.key()].ordered[usize::from(sort == SortOrder::Salary)];
        let order = match slot.get() {
            Some(order) => order,
            None => {
                // The pass any page takes, with room for everything, so ties fall the same way.
                let everything = PagePlan {
                    offset: Some(0),
                    limit: self.searcher.num_docs().max(1) as usize,
                    sort,
                };
                let query = combine(None, clone_clauses(filters));
                let ranked = run_pass(&self.searcher, columns, &*query, &everything, &[], &[])?;
                slot.get_or_init(|| {
                    ranked
                        .hits
                        .into_iter()
                        .map(|(_, address)| address)
                        .collect()
                })
            }
        };
        let page = match plan.offset {
            Some(offset) => order
                .iter()
                .skip(offset)
                .take(plan.limit)
                .map(|&address| (0.0, address))
                .collect(),
            None => Vec::new(),
        };
        Ok((order.len() as u64, page))
    }
}

impl SearchIndex {
    /// Answers one search: hits of the requested page, the total, facet counts and, when the typo
    /// retry was used, the query as understood.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResponse, IndexError> {
        let started = Instant::now();
        let generation = self.generation();
        let searcher = generation.searcher()?;
        let mut analyzer = generation.analyzer.clone();
        let now = request.now.unwrap_or_else(Utc::now);
        let fields = &self.fields;

        let user_query = UserQuery::parse(&request.query, &mut analyzer);
        let mut filters = |groups: &dyn Fn(FacetGroup) -> bool| {
            let mut clauses = filter_clauses(request, fields, &mut analyzer, now, groups);
            // Excluded words with no required word act as one more filter.
            if user_query.required.is_empty() {
                clauses.extend(user_query.exclusions(fields));
            }
            clauses
        };
        let all_filters = filters(&|_| true);
        // What every facet count applies: the filters no facet group owns.
        let shared_filters = filters(&|_| false);
        let active: Vec<(FacetGroup, GroupFilter)> = FacetGroup::ALL
            .into_iter()
            .filter_map(|group| group_filter(request, group).map(|filter| (group, filter)))
            .collect();

        let per_page = request.per_page.clamp(1, SearchRequest::MAX_PER_PAGE);
        let page = request.page.max(1);
        let offset = u64::from(page - 1) * u64::from(per_page);
        let page_plan = PagePlan {
            offset: usize::try_from(offset)
                .ok()
                .filter(|&o| (o as u64) < searcher.num_docs()),
            limit: per_page as usize,
            sort: match (request.sort, user_query.required.is_empty()) {
                (SortOrder::Relevance, false) => SortOrder::Relevance,
                (SortOrder::Relevance, true) | (SortOrder::Newest, _) => SortOrder::Newest,
                (SortOrder::Salary, _) => SortOrder::Salary,
            },
        };
        let text_free = user_query.required.is_empty();
        let view = DefaultView::of(request);
        let strategy = if user_query.is_empty()
            && shared_filters.is_empty()
            && active.iter().all(|&(group, _)| view.owns(group))
        {
            Strategy::Cached
        } else if active.is_empty() {
            Strategy::Main { from_cache: None }
        } else if active.len() == 1 && text_free && shared_filters.is_empty() {
            Strategy::Main {
                from_cache: Some(active[0].0),
            }
        } else if page_plan.sort == SortOrder::Relevance && !shared_scores_are_main_scores(request)
        {
            Strategy::MainThenShared
        } else {
            Strategy::Shared
        };

        let columns = self.facet_columns.for_searcher(&searcher)?;
        let with_text = |text: Option<&dyn Query>, clauses: &[(Occur, Box<dyn Query>)]| {
            combine(text.map(|q| q.box_clone()), clone_clauses(clauses))
        };
        let run = |text: Option<&dyn Query>| -> Result<MainOutcome, IndexError> {
            let main = || with_text(text, &all_filters);
            match strategy {
                Strategy::Cached => {
                    let (total, hits) =
                        generation.view_page(view, &all_filters, &columns, &page_plan)?;
                    Ok(MainOutcome {
                        total,
                        hits,
                        facet_counts: GroupCounts::default(),
                    })
                }
                Strategy::MainThenShared => {
                    run_pass(&searcher, &columns, &*main(), &page_plan, &[], &[])
                }
                Strategy::Main { from_cache } => {
                    let counted: Vec<FacetGroup> = FacetGroup::ALL
                        .into_iter()
                        .filter(|&g| Some(g) != from_cache)
                        .collect();
                    run_pass(&searcher, &columns, &*main(), &page_plan, &[], &counted)
                }
                Strategy::Shared => run_pass(
                    &searcher,
                    &columns,
                    &*with_text(text, &shared_filters),
                    &page_plan,
                    &active,
                    &FacetGroup::ALL,
                ),
            }
        };

        let exact_text = user_query.to_query(fields, false);
        let mut outcome = run(exact_text.as_deref())?;
        let mut text_query = exact_text;
        let mut corrected_query = None;
        let mut snippet_words = user_query.clone();
        if outcome.total < FEW_HITS && user_query.has_fuzzy_candidates() {
            let fuzzy_text = user_query.to_query(fields, true);
            let fuzzy = run(fuzzy_text.as_deref())?;
            if fuzzy.total > outcome.total {
                outcome = fuzzy;
                text_query = fuzzy_text;
                snippet_words = corrected(&searcher, fields, &user_query)?;
                corrected_query = Some(snippet_words.render(str::to_owned));
            }
        }

        let counts = match strategy {
            Strategy::Cached => {
                self.view_counts(&generation, view, &active, &searcher, &columns)?
            }
            Strategy::Main { from_cache } => {
                let mut counts = outcome.facet_counts;
                if let Some(group) = from_cache {
                    let everything = self.view_counts(
                        &generation,
                        DefaultView::EVERYTHING,
                        &[],
                        &searcher,
                        &columns,
                    )?;
                    counts.insert(group, everything.get(&group).cloned().unwrap_or_default());
                }
                counts
            }
            Strategy::Shared => outcome.facet_counts,
            Strategy::MainThenShared => {
                let query = with_text(text_query.as_deref(), &shared_filters);
                let pass = FacetPass {
                    columns: &columns,
                    filters: &active,
                    counted: FacetGroup::ALL.to_vec(),
                    page: Count,
                };
                searcher.search(&*query, &pass)?.1
            }
        };
        let facets = assemble_facets(counts, request);

        let snippet_query = snippet_words.to_query(fields, false);
        let snippets = match &snippet_query {
            Some(query) => Some(Snippets::create(
                &searcher,
                &**query,
                fields.description,
                SNIPPET_CHARS,
            )?),
            None => None,
        };
        let hits = outcome
            .hits
            .iter()
            .map(|&(score, address)| self.hit(&searcher, address, score, snippets.as_ref()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(SearchResponse {
            total: outcome.total,
            page,
            per_page,
            hits,
            facets,
            corrected_query,
            took_micros: u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX),
        })
    }

    /// Up to `limit` open listings most like `id` (MoreLikeThis on title, skills, description),
    /// excluding itself. Empty when `id` is not in the index. Each generation answers a listing
    /// once and keeps the answer, so a new commit (which installs a new generation) is always seen.
    pub fn similar(&self, id: &ListingId, limit: usize) -> Result<Vec<SearchHit>, IndexError> {
        let generation = self.generation();
        let key = (id.clone(), limit);
        let known = generation
            .similar
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
            .cloned();
        if let Some(hits) = known {
            return Ok(hits.as_ref().clone());
        }
        let hits = Arc::new(self.more_like(&generation, id, limit)?);
        let mut cache = generation
            .similar
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if cache.len() >= SIMILAR_CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(key, Arc::clone(&hits));
        Ok(hits.as_ref().clone())
    }

    /// The more-like-this search behind [`SearchIndex::similar`].
    fn more_like(
        &self,
        generation: &Generation,
        id: &ListingId,
        limit: usize,
    ) -> Result<Vec<SearchHit>, IndexError> {
        let searcher = generation.searcher()?;
        let id_query = TermQuery::new(self.id_term(id), IndexRecordOption::Basic);
        let found = searcher.search(&id_query, &TopDocs::with_limit(1).order_by_score())?;
        let Some(&(_, address)) = found.first() else {
            return Ok(Vec::new());
        };
        let doc: TantivyDocument = searcher.doc(address)?;
        let card = self.card(&doc)?;
        let description = doc
            .get_first(self.fields.description)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_owned();
        let like_this = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(1)
            .with_min_term_frequency(1)
            .with_min_word_length(2)
            .with_max_query_terms(30)
            // Tantivy counts a term's documents with the deleted ones until segments merge, but
            // the documents with only the live ones, and its idf asserts the first is not larger:
            // after a commit that closed listings, a term in nearly every document would panic
            // the search. Such a term says nothing about likeness, so it is left out.
            .with_max_doc_frequency(searcher.num_docs())
            .with_document_fields(vec![
                (self.fields.title, vec![OwnedValue::Str(card.title.clone())]),
                (
                    self.fields.skills_text,
                    vec![OwnedValue::Str(card.skills.join(" "))],
                ),
                (self.fields.description, vec![OwnedValue::Str(description)]),
            ]);
        let query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(like_this) as Box<dyn Query>),
            (Occur::MustNot, Box::new(id_query)),
        ]);
        let top = searcher.search(&query, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
        top.into_iter()
            .take(limit)
            .map(|(score, address)| self.hit(&searcher, address, score, None))
            .collect()
    }

    /// The facet counts of a default view's text-free request (`filters` are the view's own group
    /// filters), computed once per generation.
    fn view_counts(
        &self,
        generation: &Generation,
        view: DefaultView,
        filters: &[(FacetGroup, GroupFilter)],
        searcher: &Searcher,
        columns: &[Arc<FacetColumns>],
    ) -> Result<GroupCounts, IndexError> {
        let slot = &generation.views[view.key()].counts;
        if let Some(counts) = slot.get() {
            return Ok(counts.clone());
        }
        let pass = FacetPass {
            columns,
            filters,
            counted: FacetGroup::ALL.to_vec(),
            page: Count,
        };
        let (_, counts) = searcher.search(&tantivy::query::AllQuery, &pass)?;
        let _ = slot.set(counts.clone());
        Ok(counts)
    }

    fn generation(&self) -> Arc<Generation> {
        self.current
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn install(&self, generation: Generation) {
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(generation);
    }

    fn id_term(&self, id: &ListingId) -> Term {
        Term::from_field_text(self.fields.id, id.as_str())
    }

    fn document(&self, listing: &Listing) -> Result<TantivyDocument, IndexError> {
        to_document(listing, &self.fields).map_err(|reason| IndexError::BadStoredDocument {
            id: Some(listing.id.to_string()),
            reason,
        })
    }

    fn card(&self, doc: &TantivyDocument) -> Result<StoredCard, IndexError> {
        let id = doc
            .get_first(self.fields.id)
            .and_then(|v| v.as_str())
            .map(str::to_owned);
        let json = doc
            .get_first(self.fields.card)
            .and_then(|v| v.as_str())
            .ok_or_else(|| IndexError::BadStoredDocument {
                id: id.clone(),
                reason: "no card".into(),
            })?;
        serde_json::from_str(json).map_err(|e| IndexError::BadStoredDocument {
            id,
            reason: e.to_string(),
        })
    }

    fn hit(
        &self,
        searcher: &Searcher,
        address: DocAddress,
        score: f32,
        snippets: Option<&Snippets>,
    ) -> Result<SearchHit, IndexError> {
        let doc: TantivyDocument = searcher.doc(address)?;
        let card = self.card(&doc)?;
        let description = doc
            .get_first(self.fields.description)
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        let snippet_html = snippets
            .and_then(|snippets| snippets.html(description))
            .unwrap_or_else(|| lead_html(description));
        Ok(SearchHit {
            id: card.id,
            title: card.title,
            company: card.company,
            source: card.source,
            source_url: card.source_url,
            apply_url: card.apply_url,
            family: card.family,
            seniority: card.seniority,
            employment_type: card.employment_type,
            workplace: card.workplace,
            location_text: card.location_text,
            salary: card.salary,
            eligibility: card.eligibility,
            skills: card.skills,
            posted_at: card.posted_at,
            first_seen: card.first_seen,
            also_on: card.also_on,
            snippet_html,
            score,
        })
    }
}
