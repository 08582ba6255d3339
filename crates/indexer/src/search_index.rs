//! [`SearchIndex`]: the process's one handle on the index: build, update, search, facets, similar.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError, RwLock};
use std::time::{Duration, Instant};

use chrono::Utc;
use prepboard_core::search::{
    FacetCount, Facets, HiddenCounts, SearchHit, SearchRequest, SearchResponse, SortOrder,
};
use prepboard_core::{
    EmploymentType, Listing, ListingId, Region, Seniority, SourceKind, TitleFamily, WorkplaceType,
};
use tantivy::collector::{Count, TopDocs};
use tantivy::indexer::NoMergePolicy;
use tantivy::query::{BooleanQuery, FuzzyTermQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, OwnedValue, Schema, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Index, IndexWriter, Order, Searcher, TantivyDocument, Term};

use crate::IndexError;
use crate::facets::{FacetColumnCache, FacetColumns, FacetPass, GroupCounts, ValueCounts};
use crate::generation::{
    CommitMeta, OpenGeneration, next_generation_number, open_generation, read_commit_meta,
    read_current, remove_other_generations, with_reader, write_current,
};
use crate::query::{
    Clause, DefaultView, FacetGroup, GroupFilter, UserQuery, combine, filter_clauses, group_filter,
};
use crate::schema::{
    ELIGIBILITY_UNKNOWN, ELIGIBILITY_WORLDWIDE, FIELD_RECENCY, FIELD_SALARY_SORT, Fields,
    SCHEMA_VERSION, StoredCard, TEXT_ANALYZER, build_schema, to_document,
};
use crate::snippet::Snippets;

/// Rebuild writer: two threads with 128 MB each, measured on this machine to double throughput over
/// small budgets and leave few segments to merge.
const REBUILD_THREADS: usize = 2;
const REBUILD_MEMORY_BYTES: usize = 256 * 1024 * 1024;
/// Incremental updates are small; one thread and a small arena keep `prepboard index` light.
const APPLY_MEMORY_BYTES: usize = 32 * 1024 * 1024;
/// Exact terms finding fewer hits than this trigger the typo-tolerant retry.
const FEW_HITS: u64 = 3;
/// Long-tail facets (skills, companies, eligibility) list at most this many values.
const FACET_VALUE_LIMIT: usize = 50;
/// Uncompressed size of a doc-store block. Every hit reads one stored document (its card and
/// description), and reading one decompresses its whole block: with Tantivy's default of 16 kB,
/// decompression was a tenth of search time, as a page's hits rarely share blocks. 4 kB blocks
/// take a quarter of that, for a store about a quarter larger (lz4 finds fewer repeats in less
/// text): 115 MB instead of 91 MB for 100,000 listings.
const DOCSTORE_BLOCK_BYTES: usize = 4096;
/// Snippet length in characters.
const SNIPPET_CHARS: usize = 220;

/// What [`SearchIndex::apply`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApplyStats {
    /// Open listings written (new or replaced).
    pub indexed: u64,
    /// Listings removed because they closed.
    pub removed: u64,
    pub watermark: i64,
    pub elapsed: Duration,
}

/// What [`SearchIndex::rebuild`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildStats {
    /// Open listings indexed.
    pub indexed: u64,
    /// Closed listings passed in and left out.
    pub skipped_closed: u64,
    /// The generation now serving.
    pub generation: u64,
    pub watermark: i64,
    pub elapsed: Duration,
}

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
    /// Serialises writers within the process (Tantivy's lock file guards across processes).
    writing: Mutex<()>,
    permits: Permits,
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
}

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
        let compatible = open.meta.map(|m| m.schema_version) == Some(SCHEMA_VERSION)
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
        })
    }

    fn searcher(&self) -> Result<Searcher, IndexError> {
        if !self.compatible {
            return Err(IndexError::NeedsRebuild {
                found: self.open.meta.map(|m| m.schema_version),
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
    /// Opens the index under `dir` (e.g. data/index), creating an empty one if none.
    pub fn open_or_create(dir: &Path) -> Result<SearchIndex, IndexError> {
        std::fs::create_dir_all(dir).map_err(|e| IndexError::io(dir, e))?;
        let (schema, fields) = build_schema();
        let open = match read_current(dir)? {
            Some(number) => open_generation(dir, number)?,
            None => {
                let number = next_generation_number(dir)?;
                let open = create_generation(dir, number, &schema, |_| Ok(None))?;
                write_current(dir, number)?;
                open
            }
        };
        let generation = Generation::new(open, &schema)?;
        Ok(SearchIndex {
            root: dir.to_owned(),
            schema,
            fields,
            current: RwLock::new(Arc::new(generation)),
            writing: Mutex::new(()),
            facet_columns: FacetColumnCache::default(),
            permits: Permits::new(
                std::thread::available_parallelism().map_or(2, std::num::NonZero::get),
            ),
        })
    }

    /// The store watermark the index has applied; None for an empty or fresh index.
    pub fn watermark(&self) -> Option<i64> {
        self.generation().open.meta.and_then(|m| m.watermark)
    }

    /// True when the on-disk schema version differs from this build's: the caller must rebuild.
    pub fn needs_rebuild(&self) -> bool {
        !self.generation().compatible
    }

    /// The number of listings the index serves.
    pub fn num_listings(&self) -> u64 {
        self.generation().searcher.num_docs()
    }

    /// Applies upserts (open listings, replaced by id) and closures in ONE commit, records
    /// `watermark`, and reloads the reader. Listings whose `freshness.closed_at` is set are deleted,
    /// not indexed.
    pub fn apply(
        &self,
        upserts: &[Listing],
        closed: &[ListingId],
        watermark: i64,
    ) -> Result<ApplyStats, IndexError> {
        let started = Instant::now();
        let _writing = lock(&self.writing);
        let generation = self.generation();
        generation.searcher()?;
        let mut writer: IndexWriter = generation
            .open
            .index
            .writer_with_num_threads(1, APPLY_MEMORY_BYTES)?;
        let (mut indexed, mut removed) = (0, 0);
        for listing in upserts {
            writer.delete_term(self.id_term(&listing.id));
            if listing.is_open() {
                writer.add_document(self.document(listing)?)?;
                indexed += 1;
            } else {
                removed += 1;
            }
        }
        for id in closed {
            writer.delete_term(self.id_term(id));
            removed += 1;
        }
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&CommitMeta::of_this_build(Some(watermark)).to_payload()?);
        commit.commit()?;
        writer.wait_merging_threads()?;
        generation.open.reader.reload()?;
        let mut open = generation.open.clone();
        open.meta = read_commit_meta(&open.index)?;
        self.install(Generation::new(open, &self.schema)?);
        tracing::info!(
            indexed,
            removed,
            watermark,
            "applied store changes to the search index"
        );
        Ok(ApplyStats {
            indexed,
            removed,
            watermark,
            elapsed: started.elapsed(),
        })
    }

    /// Builds a fresh index in a new directory from all open listings and switches to it
    /// atomically. Until the switch, searches use the previous generation; if this fails or
    /// panics part-way, the previous generation keeps serving and `CURRENT` is untouched.
    pub fn rebuild(
        &self,
        listings: impl IntoIterator<Item = Listing>,
        watermark: i64,
    ) -> Result<BuildStats, IndexError> {
        let started = Instant::now();
        let _writing = lock(&self.writing);
        let number = next_generation_number(&self.root)?;
        let (mut indexed, mut skipped_closed) = (0, 0);
        let open = create_generation(&self.root, number, &self.schema, |writer| {
            for listing in listings {
                if listing.is_open() {
                    writer.add_document(self.document(&listing)?)?;
                    indexed += 1;
                } else {
                    skipped_closed += 1;
                }
            }
            Ok(Some(watermark))
        })?;
        let generation = Generation::new(open, &self.schema)?;
        write_current(&self.root, number)?;
        self.install(generation);
        remove_other_generations(&self.root, number);
        tracing::info!(
            indexed,
            skipped_closed,
            generation = number,
            watermark,
            "rebuilt the search index"
        );
        Ok(BuildStats {
            indexed,
            skipped_closed,
            generation: number,
            watermark,
            elapsed: started.elapsed(),
        })
    }

    /// Re-reads the current generation (after another process rebuilt or committed).
    pub fn reload(&self) -> Result<(), IndexError> {
        let current = self.generation();
        let on_disk = read_current(&self.root)?;
        let open = match on_disk {
            Some(number) if number != current.open.number => open_generation(&self.root, number)?,
            _ => {
                current.open.reader.reload()?;
                let mut open = current.open.clone();
                open.meta = read_commit_meta(&open.index)?;
                open
            }
        };
        self.install(Generation::new(open, &self.schema)?);
        Ok(())
    }

    /// Answers one search: hits of the requested page, the total, facet counts and, when the typo
    /// retry was used, the query as understood.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResponse, IndexError> {
        let _permit = self.permits.acquire();
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
    /// excluding itself. Empty when `id` is not in the index.
    pub fn similar(&self, id: &ListingId, limit: usize) -> Result<Vec<SearchHit>, IndexError> {
        let _permit = self.permits.acquire();
        let generation = self.generation();
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

fn lock(mutex: &Mutex<()>) -> MutexGuard<'_, ()> {
    // A panic in an earlier build (an iterator that panicked) leaves nothing half-done in memory:
    // the generation it was writing is never installed, so the lock is safe to take again.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Creates generation `number` under `root`, lets `fill` add documents, commits with the returned
/// watermark and merges everything into as few segments as possible.
fn create_generation(
    root: &Path,
    number: u64,
    schema: &Schema,
    fill: impl FnOnce(&mut IndexWriter) -> Result<Option<i64>, IndexError>,
) -> Result<OpenGeneration, IndexError> {
    let dir = crate::generation::generation_dir(root, number);
    std::fs::create_dir_all(&dir).map_err(|e| IndexError::io(&dir, e))?;
    let settings = tantivy::IndexSettings {
        docstore_blocksize: DOCSTORE_BLOCK_BYTES,
        ..tantivy::IndexSettings::default()
    };
    let index = Index::builder()
        .schema(schema.clone())
        .settings(settings)
        .create_in_dir(&dir)?;
    crate::schema::register_analyzers(&index);
    let mut writer: IndexWriter =
        index.writer_with_num_threads(REBUILD_THREADS, REBUILD_MEMORY_BYTES)?;
    // Merging while loading would redo work the final merge does anyway.
    writer.set_merge_policy(Box::new(NoMergePolicy));
    let watermark = fill(&mut writer)?;
    let mut commit = writer.prepare_commit()?;
    commit.set_payload(&CommitMeta::of_this_build(watermark).to_payload()?);
    commit.commit()?;
    let segments = index.searchable_segment_ids()?;
    if segments.len() > 1 {
        writer.merge(&segments).wait()?;
    }
    writer.wait_merging_threads()?;
    with_reader(number, index)
}

/// How to cut the page out of the matches.
struct PagePlan {
    /// `None` when the page starts past the last document: no hits to collect.
    offset: Option<usize>,
    limit: usize,
    sort: SortOrder,
}

/// Whether a document's relevance score under the shared query (text and the filters no facet
/// group owns) is bit for bit its score under the main query, so that `Strategy::Shared` can rank.
///
/// A conjunction's score is the sum of its clauses' scores, added in an order that depends on
/// their estimated costs, so leaving clauses out may reorder the additions. Facet filters score 0
/// (`any_of` is constant 0, exclusions do not score) except skills, whose term queries score like
/// words; adding 0 is exact, so the order only matters when three or more clauses score non-zero.
/// The text always scores; range filters (time zone: two, posted within: one) score a constant 1.
fn shared_scores_are_main_scores(request: &SearchRequest) -> bool {
    let ranges = 2 * usize::from(request.utc_offset_minutes.is_some())
        + usize::from(request.posted_within_days.is_some());
    !FacetGroup::Skill.is_active(request) && ranges <= 1
}

/// How a search gathers its facet counts. Each facet group's counts apply every filter but the
/// group's own, so a request filtering on `k` groups needs up to `k + 1` different queries; these
/// plans answer it in one or two passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strategy {
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

struct MainOutcome {
    total: u64,
    hits: Vec<(f32, DocAddress)>,
    facet_counts: GroupCounts,
}

/// One pass over `query`: the total and the page of the documents passing `filters` (facet filters
/// the query leaves out), and the counts of the `counted` groups.
fn run_pass(
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

fn facet_pass<'a, C>(
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

fn clone_clauses(clauses: &[(Occur, Box<dyn Query>)]) -> Vec<(Occur, Box<dyn Query>)> {
    clauses
        .iter()
        .map(|(occur, query)| (*occur, query.box_clone()))
        .collect()
}

fn without_sort_keys<K>(hits: Option<Vec<(K, DocAddress)>>) -> Vec<(f32, DocAddress)> {
    hits.unwrap_or_default()
        .into_iter()
        .map(|(_, address)| (0.0, address))
        .collect()
}

/// The query with each long word replaced by the indexed word it most likely meant: the most
/// frequent term at edit distance 1 in the title, skills or description.
fn corrected(
    searcher: &Searcher,
    fields: &Fields,
    query: &UserQuery,
) -> Result<UserQuery, IndexError> {
    let mut out = query.clone();
    for clause in &mut out.required {
        let Clause::Word(word) = clause else { continue };
        if word.chars().count() < crate::query::FUZZY_MIN_CHARS {
            continue;
        }
        let mut best: Option<(u64, String)> = None;
        for field in [fields.title, fields.skills_text, fields.description] {
            let automaton =
                FuzzyTermQuery::new(Term::from_field_text(field, word), 1, true).automaton()?;
            for segment in searcher.segment_readers() {
                let inverted = segment.inverted_index(field)?;
                let mut stream = inverted
                    .terms()
                    .search(&automaton)
                    .into_stream()
                    .map_err(tantivy::TantivyError::from)?;
                while stream.advance() {
                    let frequency = u64::from(stream.value().doc_freq);
                    if best.as_ref().is_none_or(|(f, _)| frequency > *f)
                        && let Ok(text) = std::str::from_utf8(stream.key())
                    {
                        best = Some((frequency, text.to_owned()));
                    }
                }
            }
        }
        if let Some((_, replacement)) = best {
            *word = replacement;
        }
    }
    Ok(out)
}

/// The first words of a description, HTML-escaped, for hits with nothing to highlight.
fn lead_html(description: &str) -> String {
    let mut end = description.len().min(SNIPPET_CHARS);
    while !description.is_char_boundary(end) {
        end -= 1;
    }
    let mut lead = &description[..end];
    if end < description.len()
        && let Some(space) = lead.rfind(char::is_whitespace)
    {
        lead = &lead[..space];
    }
    let mut html = escape_html(lead.trim());
    if end < description.len() {
        html.push('…');
    }
    html
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn assemble_facets(mut counts: GroupCounts, request: &SearchRequest) -> Facets {
    let hidden = hidden_counts(&counts, DefaultView::of(request));
    let mut take = |group: FacetGroup| counts.remove(&group).unwrap_or_default();
    // Most frequent first; values are distinct, so the order is total.
    let order = |a: &(&str, u64), b: &(&str, u64)| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0));
    // `limit` is only given for groups whose `label` names every value, so cutting before
    // labelling keeps the same values as labelling first would.
    let listed = |counts: ValueCounts,
                  label: &dyn Fn(&str) -> Option<String>,
                  limit: Option<usize>,
                  selected: &[String]| {
        let mut entries = counts.entries();
        if let Some(limit) = limit
            && entries.len() > limit
        {
            // The first `limit` after this are the most frequent, in no order: finding them is
            // linear, where sorting thousands of companies was not.
            entries.select_nth_unstable_by(limit, order);
            let (top, rest) = entries.split_at(limit);
            let mut kept = top.to_vec();
            kept.extend(
                rest.iter()
                    .filter(|(value, _)| selected.iter().any(|s| s == value)),
            );
            entries = kept;
        }
        entries.sort_unstable_by(order);
        entries
            .into_iter()
            .filter_map(|(value, count)| {
                label(value).map(|label| FacetCount {
                    value: value.to_owned(),
                    label,
                    count,
                })
            })
            .collect::<Vec<FacetCount>>()
    };
    let slugs = |values: Vec<&str>| values.into_iter().map(str::to_owned).collect::<Vec<_>>();
    let eligibility_label = |value: &str| -> Option<String> {
        Some(match value {
            ELIGIBILITY_WORLDWIDE => "Worldwide".to_owned(),
            ELIGIBILITY_UNKNOWN => "Not stated".to_owned(),
            other => {
                Region::from_slug(other).map_or_else(|| other.to_owned(), |r| r.label().to_owned())
            }
        })
    };
    let selected_country: Vec<String> = request
        .country
        .iter()
        .map(|c| c.trim().to_ascii_uppercase())
        .collect();
    Facets {
        families: listed(
            take(FacetGroup::Family),
            &|v| TitleFamily::from_slug(v).map(|f| f.label().to_owned()),
            None,
            &[],
        ),
        seniorities: listed(
            take(FacetGroup::Seniority),
            &|v| Seniority::from_slug(v).map(|s| s.label().to_owned()),
            None,
            &[],
        ),
        eligibility: listed(
            take(FacetGroup::Eligibility),
            &eligibility_label,
            Some(FACET_VALUE_LIMIT),
            &selected_country,
        ),
        employment_types: listed(
            take(FacetGroup::Employment),
            &|v| EmploymentType::from_slug(v).map(|t| t.label().to_owned()),
            None,
            &[],
        ),
        workplaces: listed(
            take(FacetGroup::Workplace),
            &|v| WorkplaceType::from_slug(v).map(|w| w.label().to_owned()),
            None,
            &[],
        ),
        skills: listed(
            take(FacetGroup::Skill),
            &|v| Some(v.to_owned()),
            Some(FACET_VALUE_LIMIT),
            &request.skills,
        ),
        sources: listed(
            take(FacetGroup::Source),
            &|v| SourceKind::from_slug(v).map(|s| s.display_name().to_owned()),
            None,
            &slugs(request.sources.iter().map(|s| s.slug()).collect()),
        ),
        companies: listed(
            take(FacetGroup::Company),
            &|v| Some(v.to_owned()),
            Some(FACET_VALUE_LIMIT),
            &request.companies,
        ),
        hidden,
    }
}

/// What widening the default view would add. A default filter stands in for its group's filter, so
/// the group's own counts (taken with every other filter) hold exactly the listings it leaves out.
fn hidden_counts(counts: &GroupCounts, view: DefaultView) -> HiddenCounts {
    let left_out = |group: FacetGroup, kept: &dyn Fn(&str) -> bool| -> u64 {
        counts.get(&group).map_or(0, |values| {
            values
                .entries()
                .into_iter()
                .filter(|(value, _)| !kept(value))
                .map(|(_, count)| count)
                .sum()
        })
    };
    HiddenCounts {
        office: if view.remote_only {
            left_out(FacetGroup::Workplace, &|value| {
                WorkplaceType::from_slug(value).is_some_and(WorkplaceType::is_remote_first)
            })
        } else {
            0
        },
        non_engineering: if view.engineering_only {
            left_out(FacetGroup::Family, &|value| {
                value != TitleFamily::NonEngineering.slug()
            })
        } else {
            0
        },
    }
}

/// A counting semaphore: at most as many searches run at once as there are cores, so a burst
/// queues instead of thrashing.
struct Permits {
    available: Mutex<usize>,
    released: Condvar,
}

struct Permit<'a>(&'a Permits);

impl Permits {
    fn new(count: usize) -> Permits {
        Permits {
            available: Mutex::new(count.max(1)),
            released: Condvar::new(),
        }
    }

    fn acquire(&self) -> Permit<'_> {
        let mut available = self
            .available
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        while *available == 0 {
            available = self
                .released
                .wait(available)
                .unwrap_or_else(PoisonError::into_inner);
        }
        *available -= 1;
        Permit(self)
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut available = self
            .0
            .available
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        *available += 1;
        self.0.released.notify_one();
    }
}
