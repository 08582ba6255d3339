//! Facet counting. Each segment's facet values are decoded once from the columnar store into plain
//! arrays ([`FacetColumns`], cached by segment id), so a count is an array walk per matching
//! document and never touches stored documents.
//!
//! [`FacetPass`] counts in ONE pass over a query what would otherwise take one query per active
//! facet group (disjunctive faceting): it runs the query without the groups' own filters and checks
//! those filters per document on the decoded values. A document failing none is a match of the
//! full request (it goes to the page collector and every group's counts); a document failing
//! exactly one group's filter still counts for that group, whose counts ignore its own filter.
//!
//! Counting dominates broad searches, so the arrays are as narrow as the dictionaries allow (a byte
//! per document for most groups), and the small single-valued groups are also encoded together as
//! one number per document ([`Joint`]): one increment counts all of them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::columnar::ColumnIndex;
use tantivy::index::SegmentId;
use tantivy::{DocId, Searcher, SegmentReader};

use crate::query::FacetGroup;

pub(crate) use pass::FacetPass;

/// Counts per facet group.
pub(crate) type GroupCounts = HashMap<FacetGroup, ValueCounts>;

/// One facet group's counts, still by ordinal in each segment's dictionary: a search lists only
/// the most frequent values of a group, so values are turned into strings (and merged across
/// segments) only when read, never one `String` per value with a count. With 3,000 companies,
/// building and sorting those strings took a fifth of a broad search's time.
#[derive(Clone, Default)]
pub(crate) struct ValueCounts {
    segments: Vec<(Arc<FacetColumns>, FacetGroup, Vec<u32>)>,
}

impl ValueCounts {
    /// The values with a non-zero count, in value order.
    pub fn entries(&self) -> Vec<(&str, u64)> {
        let mut entries: Vec<(&str, u64)> = self
            .segments
            .iter()
            .flat_map(|(columns, group, counts)| {
                columns
                    .group(*group)
                    .terms
                    .iter()
                    .zip(counts)
                    .filter(|(_, count)| **count > 0)
                    .map(|(term, count)| (term.as_str(), u64::from(*count)))
            })
            .collect();
        // One segment's dictionary is already sorted and distinct; several need merging.
        if self.segments.len() > 1 {
            entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
            entries.dedup_by(|later, earlier| {
                let same = later.0 == earlier.0;
                if same {
                    earlier.1 += later.1;
                }
                same
            });
        }
        entries
    }
}

/// Value ordinals, one per document or per value, in the narrowest width that holds them.
enum Ords {
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
}

/// Runs `$body` with `$v` bound to the ordinals' vector, whatever their width: the match happens
/// once per loop rather than once per document.
macro_rules! with_ords {
    ($ords:expr, $v:ident => $body:expr) => {
        match $ords {
            Ords::U8($v) => $body,
            Ords::U16($v) => $body,
            Ords::U32($v) => $body,
        }
    };
}

impl Ords {
    fn get(&self, at: usize) -> usize {
        match self {
            Ords::U8(ords) => usize::from(ords[at]),
            Ords::U16(ords) => usize::from(ords[at]),
            Ords::U32(ords) => ords[at] as usize,
        }
    }

    /// `values` are below `limit`.
    fn new(values: Vec<u32>, limit: usize) -> Ords {
        if limit <= 1 << 8 {
            Ords::U8(values.into_iter().map(|v| v as u8).collect())
        } else if limit <= 1 << 16 {
            Ords::U16(values.into_iter().map(|v| v as u16).collect())
        } else {
            Ords::U32(values)
        }
    }
}

/// The facet values of one segment, every group, decoded.
pub(crate) struct FacetColumns {
    /// In [`FacetGroup::ALL`] order.
    groups: Vec<DecodedColumn>,
    joint: Option<Joint>,
}

/// One facet field of one segment: its dictionary and each document's value ordinals.
struct DecodedColumn {
    /// Ordinal → value. The columnar dictionary is sorted by bytes, which is `str` order, so a value
    /// is found by binary search.
    terms: Vec<String>,
    values: Values,
}

enum Values {
    /// Every document has exactly one value (family, seniority, source, company, …): `ords[doc]`.
    Single(Ords),
    /// The values of `doc` are `ords[starts[doc]..starts[doc + 1]]`.
    Multi { starts: Vec<u32>, ords: Ords },
}

/// Small single-valued groups encoded together: document `d`'s code is the sum over member groups
/// of `ord * stride`, strides growing by each group's number of values (mixed radix).
struct Joint {
    /// Member groups with their stride and number of values.
    members: Vec<(FacetGroup, usize, usize)>,
    /// Number of distinct codes: the product of the members' numbers of values.
    size: usize,
    codes: Ords,
}

/// Values of a multi-valued column counted without a loop per document; see `DecodedColumn::count`.
const UNROLLED: usize = 4;
/// Counters past the values' ones, for `DecodedColumn::count`.
const SPARE: usize = 2 * UNROLLED;

/// Joint codes stay below this, so that their counts (a `u32` per code, 64 kB at most) stay in a
/// core's cache.
const JOINT_MAX_CODES: usize = 1 << 14;

impl DecodedColumn {
    fn load(segment: &SegmentReader, name: &str) -> tantivy::Result<DecodedColumn> {
        let max_doc = segment.max_doc();
        let Some(column) = segment.fast_fields().str(name)? else {
            // No document of this segment has a value.
            return Ok(DecodedColumn {
                terms: Vec::new(),
                values: Values::Multi {
                    starts: vec![0; max_doc as usize + 1],
                    ords: Ords::U8(vec![0; UNROLLED]),
                },
            });
        };
        let mut terms = Vec::with_capacity(column.num_terms());
        let mut stream = column.dictionary().stream()?;
        while stream.advance() {
            let term = std::str::from_utf8(stream.key()).map_err(|e| {
                tantivy::TantivyError::InternalError(format!("facet value of {name}: {e}"))
            })?;
            terms.push(term.to_owned());
        }
        let ord = |o: u64| u32::try_from(o).unwrap_or(u32::MAX);
        let column_ords = column.ords();
        if matches!(column_ords.index, ColumnIndex::Full) {
            let mut values = vec![0u64; max_doc as usize];
            column_ords.values.get_range(0, &mut values);
            let values = values.into_iter().map(ord).collect();
            let limit = terms.len();
            return Ok(DecodedColumn {
                terms,
                values: Values::Single(Ords::new(values, limit)),
            });
        }
        let mut starts = Vec::with_capacity(max_doc as usize + 1);
        let mut ords = Vec::new();
        for doc in 0..max_doc {
            starts.push(u32::try_from(ords.len()).unwrap_or(u32::MAX));
            ords.extend(column.term_ords(doc).map(ord));
        }
        starts.push(u32::try_from(ords.len()).unwrap_or(u32::MAX));
        // `count` reads UNROLLED values from each document's start, its own or not.
        ords.extend([0; UNROLLED]);
        let limit = terms.len();
        Ok(DecodedColumn {
            terms,
            values: Values::Multi {
                starts,
                ords: Ords::new(ords, limit),
            },
        })
    }

    fn ord(&self, value: &str) -> Option<u32> {
        self.terms
            .binary_search_by(|term| term.as_str().cmp(value))
            .ok()
            .and_then(|o| u32::try_from(o).ok())
    }

    /// Counters for `count`: one per value, then [`SPARE`] more.
    fn counters(&self) -> Vec<u32> {
        vec![0; self.terms.len() + SPARE]
    }

    /// Adds the values of `docs` to `counts` (from [`DecodedColumn::counters`]).
    fn count(&self, docs: &[DocId], counts: &mut [u32]) {
        match &self.values {
            Values::Single(ords) => with_ords!(ords, ords => {
                for &doc in docs {
                    counts[ords[doc as usize] as usize] += 1;
                }
            }),
            Values::Multi { starts, ords } => with_ords!(ords, ords => {
                let spares = counts.len() - SPARE;
                for &doc in docs {
                    let doc = doc as usize;
                    let (start, end) = (starts[doc] as usize, starts[doc + 1] as usize);
                    // Always UNROLLED increments, those past the document's values going to spare
                    // counters (two sets, alternating, so that neighbours do not wait on each
                    // other's): a loop as long as each document's values mispredicts its exit at
                    // most documents, which cost more than the increments (a tenth of a text
                    // search's time, measured).
                    let spare = spares + (doc & 1) * UNROLLED;
                    for k in 0..UNROLLED {
                        let ord = ords[start + k] as usize;
                        counts[if start + k < end { ord } else { spare + k }] += 1;
                    }
                    for &ord in ords.get(start + UNROLLED..end).unwrap_or_default() {
                        counts[ord as usize] += 1;
                    }
                }
            }),
        }
    }
}

impl Joint {
    /// Encodes the single-valued groups with the fewest values, as many as fit.
    fn new(groups: &[DecodedColumn], max_doc: usize) -> Option<Joint> {
        let mut candidates: Vec<(FacetGroup, &Ords, usize)> = FacetGroup::ALL
            .into_iter()
            .zip(groups)
            .filter_map(|(group, column)| match &column.values {
                Values::Single(ords) => Some((group, ords, column.terms.len().max(1))),
                Values::Multi { .. } => None,
            })
            .collect();
        candidates.sort_by_key(|&(_, _, values)| values);
        let mut members = Vec::new();
        let mut size = 1;
        let mut codes = vec![0u32; max_doc];
        for (group, ords, values) in candidates {
            if size * values > JOINT_MAX_CODES {
                break;
            }
            for (doc, code) in codes.iter_mut().enumerate() {
                // Below JOINT_MAX_CODES.
                *code += (ords.get(doc) * size) as u32;
            }
            members.push((group, size, values));
            size *= values;
        }
        // One member gains nothing over its own column.
        (members.len() >= 2).then(|| Joint {
            members,
            size,
            codes: Ords::new(codes, size),
        })
    }

    fn has(&self, group: FacetGroup) -> bool {
        self.members.iter().any(|(g, _, _)| *g == group)
    }

    fn count(&self, docs: &[DocId], counts: &mut [u32]) {
        with_ords!(&self.codes, codes => {
            for &doc in docs {
                counts[codes[doc as usize] as usize] += 1;
            }
        });
    }

    /// Adds each member's share of `joint_counts` to its counts by ordinal, for the entries of
    /// `counts` flagged in `wanted`.
    fn split(&self, joint_counts: &[u32], counts: &mut [(FacetGroup, Vec<u32>)], wanted: &[bool]) {
        let mut targets: Vec<(usize, usize, &mut Vec<u32>)> = Vec::new();
        for ((group, group_counts), _) in counts.iter_mut().zip(wanted).filter(|(_, w)| **w) {
            if let Some(&(_, stride, values)) = self.members.iter().find(|(g, _, _)| g == group) {
                targets.push((stride, values, group_counts));
            }
        }
        for (code, &count) in joint_counts.iter().enumerate() {
            if count > 0 {
                for (stride, values, group_counts) in &mut targets {
                    group_counts[code / *stride % *values] += count;
                }
            }
        }
    }
}

impl FacetColumns {
    fn load(segment: &SegmentReader) -> tantivy::Result<FacetColumns> {
        let groups: Vec<DecodedColumn> = FacetGroup::ALL
            .iter()
            .map(|group| DecodedColumn::load(segment, group.field_name()))
            .collect::<tantivy::Result<_>>()?;
        let joint = Joint::new(&groups, segment.max_doc() as usize);
        Ok(FacetColumns { groups, joint })
    }

    fn group(&self, group: FacetGroup) -> &DecodedColumn {
        &self.groups[group.index()]
    }
}

/// Decoded facet columns by segment. Segments never change once written (deletes only hide
/// documents, and passes only see live ones), so an entry stays valid for as long as its segment
/// is searched, across generations and incremental updates.
#[derive(Default)]
pub(crate) struct FacetColumnCache {
    segments: Mutex<HashMap<SegmentId, Arc<FacetColumns>>>,
}

impl FacetColumnCache {
    /// The decoded columns of each of `searcher`'s segments, by segment ordinal, decoding those not
    /// seen yet and forgetting segments `searcher` no longer has.
    pub fn for_searcher(&self, searcher: &Searcher) -> tantivy::Result<Vec<Arc<FacetColumns>>> {
        let readers = searcher.segment_readers();
        let mut found: Vec<Option<Arc<FacetColumns>>> = {
            let cached = self.lock();
            readers
                .iter()
                .map(|reader| cached.get(&reader.segment_id()).cloned())
                .collect()
        };
        if found.iter().all(Option::is_some) {
            return Ok(found.into_iter().flatten().collect());
        }
        // Decode outside the lock: a first search after a rebuild should not hold up searches of
        // segments already decoded.
        let mut decoded = Vec::new();
        for (slot, reader) in found.iter_mut().zip(readers) {
            if slot.is_none() {
                let columns = Arc::new(FacetColumns::load(reader)?);
                decoded.push((reader.segment_id(), Arc::clone(&columns)));
                *slot = Some(columns);
            }
        }
        let mut cached = self.lock();
        cached.retain(|id, _| readers.iter().any(|r| r.segment_id() == *id));
        cached.extend(decoded);
        Ok(found.into_iter().flatten().collect())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<SegmentId, Arc<FacetColumns>>> {
        // The map is only ever replaced entry by entry; a panic elsewhere leaves it consistent.
        self.segments.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

// After the macros above: a macro is visible only below its definition.
mod pass;
