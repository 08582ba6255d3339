//! Index generations on disk: `dir/gen-<n>/` holds one complete Tantivy index and `dir/CURRENT`
//! names the one that serves.
//!
//! Architecture invariants:
//! - `CURRENT` only ever names a generation whose commit is complete. It is replaced by writing a
//!   temporary file and renaming it over the old one, so a reader sees the old name or the new one,
//!   never a torn write, and a crash mid-build leaves the old generation serving.
//! - A generation is never deleted while any process serves it. Every process that opens
//!   generation `n` holds a shared lock on `dir/gen-<n>.lock` for as long as it serves it; the owner
//!   removes a generation only after taking that lock exclusively ([`sweep_generations`]), so a
//!   `prepboard index --rebuild` beside a running `serve` leaves `serve`'s generation in place until
//!   it has moved on. The sweep also clears what an interrupted build left behind.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tantivy::{Index, IndexReader, ReloadPolicy};

use crate::IndexError;
use crate::schema::{SCHEMA_VERSION, register_analyzers};

const CURRENT_FILE: &str = "CURRENT";
const GENERATION_PREFIX: &str = "gen-";
const SERVING_LOCK_SUFFIX: &str = ".lock";
/// How often opening the current generation is retried when the owner replaced it in between
/// reading `CURRENT` and locking the generation.
const OPEN_ATTEMPTS: usize = 5;

/// What every commit records, as its payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct CommitMeta {
    pub schema_version: u32,
    /// The store watermark the index has applied; `None` until the first build or apply.
    pub watermark: Option<i64>,
    /// The identity of the store the index was built from (`None` for indexes built before stores
    /// had one, and for indexes built from listings of no store, as in tests and benchmarks).
    #[serde(default)]
    pub store_id: Option<String>,
}

impl CommitMeta {
    pub fn of_this_build(watermark: Option<i64>, store_id: Option<String>) -> Self {
        CommitMeta {
            schema_version: SCHEMA_VERSION,
            watermark,
            store_id,
        }
    }

    pub fn to_payload(&self) -> Result<String, IndexError> {
        serde_json::to_string(self).map_err(|e| IndexError::CorruptMeta(e.to_string()))
    }
}

/// One opened generation: its index and the process's one reader of it.
#[derive(Clone)]
pub(crate) struct OpenGeneration {
    pub number: u64,
    pub index: Index,
    pub reader: IndexReader,
    /// `None` when the last commit carries no payload this crate understands.
    pub meta: Option<CommitMeta>,
    /// The opstamp of the commit `reader` was last reloaded at: a different one on disk means
    /// the owner committed since.
    pub opstamp: u64,
    /// This process's shared lock on the generation, held while anything serves from it.
    _serving: Arc<ServingLock>,
}

/// A shared lock on `gen-<n>.lock`: while it is held, no owner deletes generation `n`.
#[derive(Debug)]
struct ServingLock {
    _file: File,
}

impl std::fmt::Debug for OpenGeneration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenGeneration")
            .field("number", &self.number)
            .field("meta", &self.meta)
            .finish_non_exhaustive()
    }
}

pub(crate) fn generation_dir(root: &Path, number: u64) -> PathBuf {
    root.join(format!("{GENERATION_PREFIX}{number}"))
}

/// The generation `CURRENT` names, or `None` when there is no `CURRENT` yet.
pub(crate) fn read_current(root: &Path) -> Result<Option<u64>, IndexError> {
    let path = root.join(CURRENT_FILE);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(IndexError::io(path, e)),
    };
    parse_generation_name(text.trim())
        .map(Some)
        .ok_or_else(|| IndexError::CorruptMeta(format!("CURRENT holds {:?}", text.trim())))
}

fn parse_generation_name(name: &str) -> Option<u64> {
    name.strip_prefix(GENERATION_PREFIX)?.parse().ok()
}

/// Points `CURRENT` at generation `number`, atomically.
pub(crate) fn write_current(root: &Path, number: u64) -> Result<(), IndexError> {
    let temp = root.join(format!("{CURRENT_FILE}.tmp"));
    let mut file = fs::File::create(&temp).map_err(|e| IndexError::io(&temp, e))?;
    file.write_all(format!("{GENERATION_PREFIX}{number}\n").as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| IndexError::io(&temp, e))?;
    let current = root.join(CURRENT_FILE);
    fs::rename(&temp, &current).map_err(|e| IndexError::io(&current, e))?;
    // Make the rename itself durable; not every filesystem supports syncing a directory.
    if let Ok(dir) = fs::File::open(root) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Every generation number present on disk, complete or not, or with only its lock file left.
pub(crate) fn generations_on_disk(root: &Path) -> Result<Vec<u64>, IndexError> {
    let entries = fs::read_dir(root).map_err(|e| IndexError::io(root, e))?;
    let mut numbers = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| IndexError::io(root, e))?;
        // Serving lock files count too: one left without its directory is swept like one.
        let name = entry.file_name();
        let name = name.to_str().unwrap_or_default();
        let name = name.strip_suffix(SERVING_LOCK_SUFFIX).unwrap_or(name);
        if let Some(number) = parse_generation_name(name) {
            numbers.push(number);
        }
    }
    numbers.sort_unstable();
    numbers.dedup();
    Ok(numbers)
}

/// A number no generation on disk uses, above all of them (half-built ones included).
pub(crate) fn next_generation_number(root: &Path) -> Result<u64, IndexError> {
    Ok(generations_on_disk(root)?.last().map_or(1, |n| n + 1))
}

fn serving_lock_path(root: &Path, number: u64) -> PathBuf {
    root.join(format!("{GENERATION_PREFIX}{number}{SERVING_LOCK_SUFFIX}"))
}

fn open_lock_file(path: &Path) -> Result<File, IndexError> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(|e| IndexError::io(path, e))
}

/// Takes this process's shared lock on generation `number`. `None` when the generation is being
/// removed, or already was: the caller reads `CURRENT` again.
fn lock_for_serving(root: &Path, number: u64) -> Result<Option<ServingLock>, IndexError> {
    let path = serving_lock_path(root, number);
    let file = open_lock_file(&path)?;
    match file.try_lock_shared() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => return Ok(None),
        Err(TryLockError::Error(e)) => return Err(IndexError::io(path, e)),
    }
    // Locked, but a sweep may have removed the directory before we opened the lock file.
    Ok(generation_dir(root, number)
        .is_dir()
        .then_some(ServingLock { _file: file }))
}

/// Opens the generation `CURRENT` names, retrying when the owner replaces it in between. `None`
/// when there is no `CURRENT` yet.
pub(crate) fn open_current(root: &Path) -> Result<Option<OpenGeneration>, IndexError> {
    for _ in 0..OPEN_ATTEMPTS {
        let Some(number) = read_current(root)? else {
            return Ok(None);
        };
        if let Some(opened) = open_generation(root, number)? {
            return Ok(Some(opened));
        }
    }
    Err(IndexError::CorruptMeta(format!(
        "CURRENT kept naming generations that were being removed ({OPEN_ATTEMPTS} attempts)"
    )))
}

/// Opens generation `number`: its serving lock, the analysers and the one manual-reload reader.
/// `None` when the generation is gone or being removed.
pub(crate) fn open_generation(
    root: &Path,
    number: u64,
) -> Result<Option<OpenGeneration>, IndexError> {
    let Some(serving) = lock_for_serving(root, number)? else {
        return Ok(None);
    };
    let index = Index::open_in_dir(generation_dir(root, number))?;
    with_reader(number, index, serving).map(Some)
}

/// Opens a generation this process has just created under `root`.
pub(crate) fn open_created(
    root: &Path,
    number: u64,
    index: Index,
) -> Result<OpenGeneration, IndexError> {
    let serving = lock_for_serving(root, number)?.ok_or_else(|| {
        IndexError::CorruptMeta(format!("generation {number} vanished while it was built"))
    })?;
    with_reader(number, index, serving)
}

fn with_reader(
    number: u64,
    index: Index,
    serving: ServingLock,
) -> Result<OpenGeneration, IndexError> {
    register_analyzers(&index);
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let meta = read_commit_meta(&index)?;
    let opstamp = index.load_metas()?.opstamp;
    Ok(OpenGeneration {
        number,
        index,
        reader,
        meta,
        opstamp,
        _serving: Arc::new(serving),
    })
}

impl OpenGeneration {
    /// Reloads the reader at the last commit on disk and re-reads its payload.
    pub fn reloaded(&self) -> Result<OpenGeneration, IndexError> {
        self.reader.reload()?;
        let mut open = self.clone();
        open.meta = read_commit_meta(&open.index)?;
        open.opstamp = open.index.load_metas()?.opstamp;
        Ok(open)
    }
}

pub(crate) fn read_commit_meta(index: &Index) -> Result<Option<CommitMeta>, IndexError> {
    let metas = index.load_metas()?;
    Ok(metas
        .payload
        .as_deref()
        .and_then(|payload| serde_json::from_str(payload).ok()))
}

/// Removes every generation but `keep` that no process serves: old generations every reader has
/// left, and what interrupted builds left behind. Only the owner calls it. Failures are logged, not
/// returned: a leftover directory costs disk, not correctness, and the next sweep tries again.
/// Returns how many generations were removed.
pub(crate) fn sweep_generations(root: &Path, keep: u64) -> usize {
    let Ok(numbers) = generations_on_disk(root) else {
        return 0;
    };
    let mut removed = 0;
    for number in numbers.into_iter().filter(|&n| n != keep) {
        let lock_path = serving_lock_path(root, number);
        let Ok(lock) = open_lock_file(&lock_path) else {
            continue;
        };
        match lock.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                tracing::debug!(
                    generation = number,
                    "an index generation is still served by another process; kept"
                );
                continue;
            }
            Err(TryLockError::Error(error)) => {
                tracing::warn!(path = %lock_path.display(), %error, "cannot lock an index generation");
                continue;
            }
        }
        // The directory goes before its lock file, and the lock is held until both are gone: a
        // reader that locks a fresh lock file afterwards finds no directory and reads CURRENT again.
        let dir = generation_dir(root, number);
        match fs::remove_dir_all(&dir) {
            Ok(()) => removed += 1,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => {
                tracing::warn!(dir = %dir.display(), %error, "could not remove an old index generation");
                continue;
            }
        }
        let _ = fs::remove_file(&lock_path);
        drop(lock);
    }
    removed
}
