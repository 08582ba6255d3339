//! Stable listing ids.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::SourceKind;

/// A listing's stable id: 16 lowercase hex digits of a 64-bit FNV-1a hash of the source kind and the
/// source's own job id.
///
/// Why a hash and not `"{source}-{id}"`: source ids are of many shapes (64-bit ints, UUIDs, URLs for
/// WWR), and an id goes into URLs and Tantivy terms, so a short fixed-width token is easier to carry.
/// FNV-1a is written out here rather than taken from `std::hash` because std's hashers are not
/// guaranteed stable across Rust releases, and these ids are stored.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ListingId(String);

impl ListingId {
    /// The id of the job `source_job_id` as published by `source`.
    pub fn derive(source: SourceKind, source_job_id: &str) -> Self {
        let mut hash = fnv1a64(source.slug().as_bytes());
        hash = fnv1a64_continue(hash, &[0]);
        hash = fnv1a64_continue(hash, source_job_id.trim().as_bytes());
        ListingId(format!("{hash:016x}"))
    }

    /// Wraps an id read back from storage or a URL. Returns `None` unless it has the shape of an id,
    /// so a hostile path segment never reaches a query.
    pub fn parse(text: &str) -> Option<Self> {
        (text.len() == 16
            && text
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()))
        .then(|| ListingId(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ListingId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// 64-bit FNV-1a of `bytes`.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    fnv1a64_continue(FNV_OFFSET, bytes)
}

fn fnv1a64_continue(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(FNV_PRIME);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_distinct() {
        let a = ListingId::derive(SourceKind::Greenhouse, "8556658002");
        assert_eq!(a, ListingId::derive(SourceKind::Greenhouse, " 8556658002 "));
        assert_ne!(a, ListingId::derive(SourceKind::Lever, "8556658002"));
        // Pinned: a change here silently orphans every stored listing.
        assert_eq!(
            ListingId::derive(SourceKind::Greenhouse, "1")
                .as_str()
                .len(),
            16
        );
        assert_eq!(fnv1a64(b""), FNV_OFFSET);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn parse_accepts_only_id_shaped_text() {
        let id = ListingId::derive(SourceKind::Remotive, "42");
        assert_eq!(ListingId::parse(id.as_str()), Some(id));
        assert_eq!(ListingId::parse("../etc/passwd"), None);
        assert_eq!(ListingId::parse("ABCDEF0123456789"), None);
        assert_eq!(ListingId::parse("abc"), None);
    }
}
