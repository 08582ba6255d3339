//! The index's lifecycle: opening as its owner or as a follower, incremental commits, atomic
//! rebuilds into a new generation, following another process's commits, and sweeping generations
//! nobody serves.
//!
//! One process per data dir owns the index ([`crate::owner`]); only the owner writes. Every other
//! process follows: [`SearchIndex::follow`] picks up the owner's commits and rebuilds without
//! dropping a search, since each search runs on the generation current when it started.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};
use std::time::{Duration, Instant};

use prepboard_core::{Listing, ListingId};
use tantivy::indexer::NoMergePolicy;
use tantivy::schema::Schema;
use tantivy::{Index, IndexWriter};

use super::{Generation, SearchIndex};
use crate::IndexError;
use crate::facets::FacetColumnCache;
use crate::generation::{
    CommitMeta, OpenGeneration, generation_dir, next_generation_number, open_created, open_current,
    open_generation, read_current, sweep_generations, write_current,
};
use crate::owner::OwnerLock;
use crate::schema::{build_schema, register_analyzers};

/// Rebuild writer: two threads with 128 MB each, measured on this machine to double throughput over
/// small budgets and leave few segments to merge.
const REBUILD_THREADS: usize = 2;
const REBUILD_MEMORY_BYTES: usize = 256 * 1024 * 1024;
/// Incremental updates are small; one thread and a small arena keep `prepboard index` light.
const APPLY_MEMORY_BYTES: usize = 32 * 1024 * 1024;
/// Uncompressed size of a doc-store block. Every hit reads one stored document (its card and
/// description), and reading one decompresses its whole block: with Tantivy's default of 16 kB,
/// decompression was a tenth of search time, as a page's hits rarely share blocks. 4 kB blocks
/// take a quarter of that, for a store about a quarter larger (lz4 finds fewer repeats in less
/// text): 115 MB instead of 91 MB for 100,000 listings.
const DOCSTORE_BLOCK_BYTES: usize = 4096;

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

impl SearchIndex {
    /// Opens the index under `dir` (e.g. data/index) as its owner, creating an empty one if none.
    /// Same as [`SearchIndex::open_owned`] with a generic description of the holder.
    pub fn open_or_create(dir: &Path) -> Result<SearchIndex, IndexError> {
        SearchIndex::open_owned(dir, "a prepboard process")
    }

    /// Opens the index under `dir` as its one writer, creating an empty one if none, and removes
    /// what earlier processes left that nobody serves (old generations, interrupted builds).
    /// `holder` says who writes ("prepboard up"), for the message a second writer gets:
    /// [`IndexError::OwnedElsewhere`].
    pub fn open_owned(dir: &Path, holder: &str) -> Result<SearchIndex, IndexError> {
        std::fs::create_dir_all(dir).map_err(|e| IndexError::io(dir, e))?;
        let owner = OwnerLock::acquire(dir, holder)?;
        let (schema, fields) = build_schema();
        let open = match open_current(dir)? {
            Some(open) => open,
            None => {
                let number = next_generation_number(dir)?;
                let open = create_generation(dir, number, &schema, None, |_| Ok(None))?;
                write_current(dir, number)?;
                open
            }
        };
        let swept = sweep_generations(dir, open.number);
        if swept > 0 {
            tracing::info!(swept, "removed index generations left by earlier processes");
        }
        SearchIndex::with_generation(dir, open, schema, fields, Some(owner))
    }

    /// Opens the index under `dir` to follow the process that owns it: searches only, with
    /// [`SearchIndex::follow`] to pick up its commits. [`IndexError::NotBuilt`] when there is no
    /// index yet.
    pub fn open_following(dir: &Path) -> Result<SearchIndex, IndexError> {
        let (schema, fields) = build_schema();
        let open = open_current(dir)?.ok_or_else(|| IndexError::NotBuilt {
            dir: dir.to_owned(),
        })?;
        SearchIndex::with_generation(dir, open, schema, fields, None)
    }

    fn with_generation(
        dir: &Path,
        open: OpenGeneration,
        schema: Schema,
        fields: crate::schema::Fields,
        owner: Option<OwnerLock>,
    ) -> Result<SearchIndex, IndexError> {
        let generation = Generation::new(open, &schema)?;
        Ok(SearchIndex {
            root: dir.to_owned(),
            schema,
            fields,
            current: RwLock::new(Arc::new(generation)),
            owner: Mutex::new(owner),
            facet_columns: FacetColumnCache::default(),
        })
    }

    /// Gives up writing: from now on this handle only follows. `prepboard serve` brings the index
    /// up to date at start, then lets another process (`prepboard index`, a fetch worker) own it.
    pub fn stop_owning(&self) {
        *lock(&self.owner) = None;
    }

    /// True while this handle may write.
    pub fn is_owner(&self) -> bool {
        lock(&self.owner).is_some()
    }

    /// The store watermark the index has applied; None for an empty or fresh index.
    pub fn watermark(&self) -> Option<i64> {
        self.generation()
            .open
            .meta
            .as_ref()
            .and_then(|m| m.watermark)
    }

    /// The identity of the store the index was built from, if it was built from one.
    pub fn store_id(&self) -> Option<String> {
        self.generation()
            .open
            .meta
            .as_ref()
            .and_then(|m| m.store_id.clone())
    }

    /// True when the on-disk schema version differs from this build's: the caller must rebuild.
    pub fn needs_rebuild(&self) -> bool {
        !self.generation().compatible
    }

    /// The number of listings the index serves.
    pub fn num_listings(&self) -> u64 {
        self.generation().searcher.num_docs()
    }

    /// The generation searches use now.
    pub fn generation_number(&self) -> u64 {
        self.generation().open.number
    }

    /// Applies upserts (open listings, replaced by id) and closures in ONE commit, records
    /// `watermark`, and reloads the reader. Listings whose `freshness.closed_at` is set are deleted,
    /// not indexed. Only the owner applies ([`IndexError::NotOwner`]).
    pub fn apply(
        &self,
        upserts: &[Listing],
        closed: &[ListingId],
        watermark: i64,
    ) -> Result<ApplyStats, IndexError> {
        let started = Instant::now();
        let owner = lock(&self.owner);
        if owner.is_none() {
            return Err(IndexError::NotOwner);
        }
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
        let store_id = generation
            .open
            .meta
            .as_ref()
            .and_then(|m| m.store_id.clone());
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&CommitMeta::of_this_build(Some(watermark), store_id).to_payload()?);
        commit.commit()?;
        writer.wait_merging_threads()?;
        self.install(Generation::new(generation.open.reloaded()?, &self.schema)?);
        // Generations left by an earlier rebuild go once every process has moved off them.
        sweep_generations(&self.root, generation.open.number);
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

    /// [`SearchIndex::rebuild_for_store`] for listings of no particular store (tests, benchmarks).
    pub fn rebuild(
        &self,
        listings: impl IntoIterator<Item = Listing>,
        watermark: i64,
    ) -> Result<BuildStats, IndexError> {
        self.rebuild_for_store(None, listings, watermark)
    }

    /// Builds a fresh index in a new directory from all open listings of the store `store_id`
    /// and switches to it atomically. Until the switch, searches use the previous generation; if
    /// this fails or panics part-way, the previous generation keeps serving and `CURRENT` is
    /// untouched. Generations no process serves any more are removed afterwards; one another
    /// process still serves stays until it has moved on.
    pub fn rebuild_for_store(
        &self,
        store_id: Option<&str>,
        listings: impl IntoIterator<Item = Listing>,
        watermark: i64,
    ) -> Result<BuildStats, IndexError> {
        let started = Instant::now();
        let owner = lock(&self.owner);
        if owner.is_none() {
            return Err(IndexError::NotOwner);
        }
        let number = next_generation_number(&self.root)?;
        let (mut indexed, mut skipped_closed) = (0, 0);
        let open = create_generation(
            &self.root,
            number,
            &self.schema,
            store_id.map(str::to_owned),
            |writer| {
                for listing in listings {
                    if listing.is_open() {
                        writer.add_document(self.document(&listing)?)?;
                        indexed += 1;
                    } else {
                        skipped_closed += 1;
                    }
                }
                Ok(Some(watermark))
            },
        )?;
        let generation = Generation::new(open, &self.schema)?;
        write_current(&self.root, number)?;
        self.install(generation);
        sweep_generations(&self.root, number);
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

    /// Picks up what the owner wrote since this handle last looked: a rebuild (`CURRENT` names
    /// another generation) or a commit to the current one. Returns whether anything changed.
    /// Cheap when nothing did (two small file reads), so followers call it every second or so;
    /// searches in flight finish on the generation they started with.
    pub fn follow(&self) -> Result<bool, IndexError> {
        let current = self.generation();
        if let Some(number) = read_current(&self.root)?
            && number != current.open.number
        {
            // The generation may be swept between reading CURRENT and locking it; open_current
            // reads CURRENT again until it holds one.
            let open = match open_generation(&self.root, number)? {
                Some(open) => open,
                None => open_current(&self.root)?.ok_or_else(|| IndexError::NotBuilt {
                    dir: self.root.clone(),
                })?,
            };
            self.install(Generation::new(open, &self.schema)?);
            return Ok(true);
        }
        if current.open.index.load_metas()?.opstamp == current.open.opstamp {
            return Ok(false);
        }
        self.install(Generation::new(current.open.reloaded()?, &self.schema)?);
        Ok(true)
    }

    /// [`SearchIndex::follow`], ignoring whether anything changed.
    pub fn reload(&self) -> Result<(), IndexError> {
        self.follow().map(|_| ())
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic in an earlier build (an iterator that panicked) leaves nothing half-done in memory:
    // the generation it was writing is never installed, so the lock is safe to take again.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Creates generation `number` under `root`, lets `fill` add documents, commits with the returned
/// watermark and the store's identity, and merges everything into as few segments as possible.
fn create_generation(
    root: &Path,
    number: u64,
    schema: &Schema,
    store_id: Option<String>,
    fill: impl FnOnce(&mut IndexWriter) -> Result<Option<i64>, IndexError>,
) -> Result<OpenGeneration, IndexError> {
    let dir = generation_dir(root, number);
    std::fs::create_dir_all(&dir).map_err(|e| IndexError::io(&dir, e))?;
    let settings = tantivy::IndexSettings {
        docstore_blocksize: DOCSTORE_BLOCK_BYTES,
        ..tantivy::IndexSettings::default()
    };
    let index = Index::builder()
        .schema(schema.clone())
        .settings(settings)
        .create_in_dir(&dir)?;
    register_analyzers(&index);
    let mut writer: IndexWriter =
        index.writer_with_num_threads(REBUILD_THREADS, REBUILD_MEMORY_BYTES)?;
    // Merging while loading would redo work the final merge does anyway.
    writer.set_merge_policy(Box::new(NoMergePolicy));
    let watermark = fill(&mut writer)?;
    let mut commit = writer.prepare_commit()?;
    commit.set_payload(&CommitMeta::of_this_build(watermark, store_id).to_payload()?);
    commit.commit()?;
    let segments = index.searchable_segment_ids()?;
    if segments.len() > 1 {
        writer.merge(&segments).wait()?;
    }
    writer.wait_merging_threads()?;
    open_created(root, number, index)
}
