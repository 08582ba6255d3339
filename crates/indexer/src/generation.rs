//! Index generations on disk: `dir/gen-<n>/` holds one complete Tantivy index and `dir/CURRENT`
//! names the one that serves.
//!
//! Architecture invariant: `CURRENT` only ever names a generation whose commit is complete. It is
//! replaced by writing a temporary file and renaming it over the old one, so a reader sees the old
//! name or the new one, never a torn write, and a crash mid-build leaves the old generation serving.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::{Index, IndexReader, ReloadPolicy};

use crate::IndexError;
use crate::schema::{SCHEMA_VERSION, register_analyzers};

const CURRENT_FILE: &str = "CURRENT";
const GENERATION_PREFIX: &str = "gen-";

/// What every commit records, as its payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct CommitMeta {
    pub schema_version: u32,
    /// The store watermark the index has applied; `None` until the first build or apply.
    pub watermark: Option<i64>,
}

impl CommitMeta {
    pub fn of_this_build(watermark: Option<i64>) -> Self {
        CommitMeta {
            schema_version: SCHEMA_VERSION,
            watermark,
        }
    }

    pub fn to_payload(self) -> Result<String, IndexError> {
        serde_json::to_string(&self).map_err(|e| IndexError::CorruptMeta(e.to_string()))
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

/// Every generation number present on disk, complete or not.
pub(crate) fn generations_on_disk(root: &Path) -> Result<Vec<u64>, IndexError> {
    let entries = fs::read_dir(root).map_err(|e| IndexError::io(root, e))?;
    let mut numbers = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| IndexError::io(root, e))?;
        if let Some(number) = entry.file_name().to_str().and_then(parse_generation_name) {
            numbers.push(number);
        }
    }
    numbers.sort_unstable();
    Ok(numbers)
}

/// A number no generation on disk uses, above all of them (half-built ones included).
pub(crate) fn next_generation_number(root: &Path) -> Result<u64, IndexError> {
    Ok(generations_on_disk(root)?.last().map_or(1, |n| n + 1))
}

/// Opens generation `number`: registers the analysers and makes the one manual-reload reader.
pub(crate) fn open_generation(root: &Path, number: u64) -> Result<OpenGeneration, IndexError> {
    let index = Index::open_in_dir(generation_dir(root, number))?;
    with_reader(number, index)
}

pub(crate) fn with_reader(number: u64, index: Index) -> Result<OpenGeneration, IndexError> {
    register_analyzers(&index);
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let meta = read_commit_meta(&index)?;
    Ok(OpenGeneration {
        number,
        index,
        reader,
        meta,
    })
}

pub(crate) fn read_commit_meta(index: &Index) -> Result<Option<CommitMeta>, IndexError> {
    let metas = index.load_metas()?;
    Ok(metas
        .payload
        .as_deref()
        .and_then(|payload| serde_json::from_str(payload).ok()))
}

/// Removes every generation but `keep`. Failures are logged, not returned: a leftover directory
/// costs disk, not correctness, and the next rebuild tries again.
pub(crate) fn remove_other_generations(root: &Path, keep: u64) {
    let Ok(numbers) = generations_on_disk(root) else {
        return;
    };
    for number in numbers.into_iter().filter(|&n| n != keep) {
        let dir = generation_dir(root, number);
        if let Err(error) = fs::remove_dir_all(&dir) {
            tracing::warn!(dir = %dir.display(), %error, "could not remove an old index generation");
        }
    }
}
