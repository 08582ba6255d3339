//! The bundled offline snapshot: real payloads in `config/snapshot/`, read through the same parsers
//! as live fetches, so a fresh install has real listings without touching the network.
//!
//! `manifest.toml` lists one `[[payload]]` per file: its path (relative to the snapshot directory),
//! the [`SourceKind`] slug, the configured source name it stands for, the company (for boards whose
//! payloads lack it), when it was captured, and the attribution its terms ask for. Every listing
//! is dated by its capture (`fetched_at = captured`), never by the day it was loaded; the caller
//! normalises the listings and marks them `from_snapshot`.
//!
//! Architecture invariant: only sources whose terms allow showing their listings with attribution
//! may be bundled (employer boards, We Work Remotely, RemoteOK). A manifest naming Remotive is
//! rejected, so a terms violation cannot slip in by editing a config file.

use std::path::{Component, Path, PathBuf};

use chrono::{DateTime, Utc};
use prepboard_core::{RawListing, SourceKind};
use serde::Deserialize;

use crate::parser::{ParseContext, ParseError};
use crate::registry;

/// The manifest's file name inside the snapshot directory.
pub const MANIFEST: &str = "manifest.toml";

/// The listings of one bundled payload.
#[derive(Debug, Clone, PartialEq)]
pub struct SnapshotBatch {
    /// The configured source this payload stands for ("greenhouse:stripe", "wwr").
    pub source_name: String,
    pub kind: SourceKind,
    pub listings: Vec<RawListing>,
    /// When the payload was captured; every listing's `fetched_at`.
    pub captured: DateTime<Utc>,
    /// Items the parser could not read, then its other notes.
    pub warnings: Vec<String>,
    /// The credit the source's terms ask for (from the manifest).
    pub attribution: String,
}

/// One `[[payload]]` entry of the manifest.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestEntry {
    /// The payload file, relative to the snapshot directory.
    pub path: PathBuf,
    /// The [`SourceKind`] slug ("greenhouse", "we_work_remotely", …).
    pub kind: String,
    /// The configured source name the payload stands for.
    pub source: String,
    /// The company, for boards whose payloads do not name it (Lever, Ashby).
    pub company: Option<String>,
    /// When the payload was captured (RFC 3339).
    pub captured: DateTime<Utc>,
    /// The page a JSON-LD payload came from, for link-backs and relative URLs.
    pub page_url: Option<url::Url>,
    /// The credit the source's terms ask for, shown next to its listings.
    pub attribution: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    #[serde(default)]
    payload: Vec<ManifestEntry>,
}

/// Why the snapshot could not be loaded. Any of these means the bundled config is broken, so
/// loading stops rather than serving a partial snapshot silently.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    /// A file (the manifest or a payload) could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The manifest is not valid TOML or not the manifest's shape.
    #[error("invalid snapshot manifest {path}: {source}")]
    Manifest {
        path: PathBuf,
        source: toml::de::Error,
    },
    /// An entry names a kind that is not a [`SourceKind`] slug.
    #[error("snapshot payload {path}: unknown source kind {kind:?}")]
    UnknownKind { path: PathBuf, kind: String },
    /// An entry names a source whose terms forbid redistributing its listings.
    #[error(
        "snapshot payload {path}: {} listings may not be bundled (their terms forbid it)",
        .kind.display_name()
    )]
    NotRedistributable { path: PathBuf, kind: SourceKind },
    /// An entry's path is absolute or climbs out of the snapshot directory.
    #[error("snapshot payload path {path} must stay inside the snapshot directory")]
    PathOutsideSnapshot { path: PathBuf },
    /// A payload is not its source's shape.
    #[error("snapshot payload {path} does not parse as {}: {source}", .kind.display_name())]
    Parse {
        path: PathBuf,
        kind: SourceKind,
        source: ParseError,
    },
}

/// Whether a source's terms let us show its listings from a bundled copy (its registry terms:
/// Remotive asks that its jobs not be passed on; HN posts are people's own words in a thread).
pub fn may_bundle(kind: SourceKind) -> bool {
    registry::source(kind).terms().bundle
}

/// Reads `dir/manifest.toml` and parses every payload it lists, in manifest order.
pub fn load(dir: &Path) -> Result<Vec<SnapshotBatch>, SnapshotError> {
    read_manifest(dir)?
        .into_iter()
        .map(|entry| load_entry(dir, entry))
        .collect()
}

/// The manifest's entries, checked (known kinds, allowed sources, paths inside `dir`).
pub fn read_manifest(dir: &Path) -> Result<Vec<ManifestEntry>, SnapshotError> {
    let path = dir.join(MANIFEST);
    let text = std::fs::read_to_string(&path).map_err(|source| SnapshotError::Read {
        path: path.clone(),
        source,
    })?;
    let manifest: Manifest =
        toml::from_str(&text).map_err(|source| SnapshotError::Manifest { path, source })?;
    for entry in &manifest.payload {
        entry_kind(entry)?;
        let inside = entry
            .path
            .components()
            .all(|component| matches!(component, Component::Normal(_) | Component::CurDir));
        if !inside {
            return Err(SnapshotError::PathOutsideSnapshot {
                path: entry.path.clone(),
            });
        }
    }
    Ok(manifest.payload)
}

fn entry_kind(entry: &ManifestEntry) -> Result<SourceKind, SnapshotError> {
    let kind = SourceKind::from_slug(&entry.kind).ok_or_else(|| SnapshotError::UnknownKind {
        path: entry.path.clone(),
        kind: entry.kind.clone(),
    })?;
    if !may_bundle(kind) {
        return Err(SnapshotError::NotRedistributable {
            path: entry.path.clone(),
            kind,
        });
    }
    Ok(kind)
}

fn load_entry(dir: &Path, entry: ManifestEntry) -> Result<SnapshotBatch, SnapshotError> {
    let kind = entry_kind(&entry)?;
    let path = dir.join(&entry.path);
    let body = std::fs::read(&path).map_err(|source| SnapshotError::Read {
        path: path.clone(),
        source,
    })?;
    let ctx = ParseContext {
        fetched_at: entry.captured,
        company: entry.company.as_deref(),
        page_url: entry.page_url.as_ref(),
    };
    let output = registry::parse(kind, &body, &ctx).map_err(|source| SnapshotError::Parse {
        path,
        kind,
        source,
    })?;
    Ok(SnapshotBatch {
        source_name: entry.source,
        kind,
        listings: output.listings,
        captured: entry.captured,
        warnings: output
            .unreadable
            .into_iter()
            .chain(output.warnings)
            .collect(),
        attribution: entry.attribution,
    })
}
