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

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::ColumnIndex;
use tantivy::index::SegmentId;
use tantivy::schema::Schema;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader, Term};

use crate::query::{FacetGroup, GroupFilter, for_each_doc_holding};

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

/// A collector counting facet values over the documents of a query, see the module docs.
pub(crate) struct FacetPass<'a, C> {
    /// From [`FacetColumnCache::for_searcher`] on the searcher this pass runs on.
    pub columns: &'a [Arc<FacetColumns>],
    /// Facet filters the query leaves out, checked per document here.
    pub filters: &'a [(FacetGroup, GroupFilter)],
    /// The groups whose values to count.
    pub counted: Vec<FacetGroup>,
    /// Receives the documents passing every filter of `filters`.
    pub page: C,
}

/// A [`GroupFilter`] in one segment's ordinals.
struct ResolvedFilter {
    group: FacetGroup,
    /// Per ordinal: [`ANY`] and/or [`NONE`].
    flags: Vec<u8>,
    /// Whether the group asks for at least one of a set of values.
    needs_any: bool,
    /// Ordinals that must all be present.
    all_of: Vec<u32>,
    /// A value of `all_of` that no document of the segment has: nothing passes.
    impossible: bool,
    /// Per ordinal: whether a document holding just that value passes, for single-valued columns.
    accepts_alone: Vec<bool>,
    /// For multi-valued columns in a pass over many documents: one bit per document of the segment,
    /// set when it passes. See `FacetPassSegment::flush`.
    passing_docs: Option<Vec<u64>>,
}

const ANY: u8 = 1;
const NONE: u8 = 2;

impl ResolvedFilter {
    fn new(group: FacetGroup, filter: &GroupFilter, column: &DecodedColumn) -> ResolvedFilter {
        let mut flags = vec![0u8; column.terms.len()];
        let mut mark = |value: &str, flag: u8| {
            if let Some(ord) = column.ord(value) {
                flags[ord as usize] |= flag;
            }
        };
        for value in filter.any_of.iter().flatten() {
            mark(value, ANY);
        }
        for value in &filter.none_of {
            mark(value, NONE);
        }
        let mut impossible = false;
        let mut all_of: Vec<u32> = Vec::new();
        for value in &filter.all_of {
            match column.ord(value) {
                Some(ord) if !all_of.contains(&ord) => all_of.push(ord),
                Some(_) => {}
                None => impossible = true,
            }
        }
        let mut resolved = ResolvedFilter {
            group,
            flags,
            needs_any: filter.any_of.is_some(),
            all_of,
            impossible,
            accepts_alone: Vec::new(),
            passing_docs: None,
        };
        resolved.accepts_alone = (0..column.terms.len())
            .map(|ord| resolved.accepts(&[ord as u32]))
            .collect();
        resolved
    }

    /// Whether a document holding `values` passes.
    #[inline]
    fn accepts<T: Copy + Into<u32>>(&self, values: &[T]) -> bool {
        if self.impossible {
            return false;
        }
        let mut any = !self.needs_any;
        for &value in values {
            let flags = self.flags[value.into() as usize];
            if flags & NONE != 0 {
                return false;
            }
            any |= flags & ANY != 0;
        }
        any && self
            .all_of
            .iter()
            .all(|&ord| values.iter().any(|&v| v.into() == ord))
    }

    /// Sets `bit` in the entry of `misses` of each document of `docs` this filter rejects.
    fn mark_misses(&self, column: &DecodedColumn, docs: &[DocId], misses: &mut [u32], bit: u32) {
        if let Some(passing) = &self.passing_docs {
            for (missed, &doc) in misses.iter_mut().zip(docs) {
                if passing[doc as usize / 64] >> (doc % 64) & 1 == 0 {
                    *missed |= bit;
                }
            }
            return;
        }
        match &column.values {
            Values::Single(ords) => with_ords!(ords, ords => {
                for (missed, &doc) in misses.iter_mut().zip(docs) {
                    if !self.accepts_alone[ords[doc as usize] as usize] {
                        *missed |= bit;
                    }
                }
            }),
            Values::Multi { starts, ords } => with_ords!(ords, ords => {
                for (missed, &doc) in misses.iter_mut().zip(docs) {
                    let doc = doc as usize;
                    let values = &ords[starts[doc] as usize..starts[doc + 1] as usize];
                    if !self.accepts(values) {
                        *missed |= bit;
                    }
                }
            }),
        }
    }
}

/// The documents of `segment` passing `filter` on `group`, one bit each, read from the postings of
/// the values it names: the same index the group's filter query reads.
fn passing_docs(
    segment: &SegmentReader,
    group: FacetGroup,
    filter: &GroupFilter,
) -> tantivy::Result<Vec<u64>> {
    let max_doc = segment.max_doc() as usize;
    let field = segment.schema().get_field(group.field_name())?;
    let inverted = segment.inverted_index(field)?;
    let holding = |value: &str| -> tantivy::Result<Vec<u64>> {
        let mut docs = vec![0u64; max_doc.div_ceil(64)];
        for_each_doc_holding(&inverted, &Term::from_field_text(field, value), |doc| {
            docs[doc as usize / 64] |= 1 << (doc % 64);
        })?;
        Ok(docs)
    };
    let mut passing = match &filter.any_of {
        Some(values) => {
            let mut any = vec![0u64; max_doc.div_ceil(64)];
            for value in values {
                for (word, held) in any.iter_mut().zip(holding(value)?) {
                    *word |= held;
                }
            }
            any
        }
        // Bits past `max_doc` stay set; no document reads them.
        None => vec![u64::MAX; max_doc.div_ceil(64)],
    };
    for value in &filter.all_of {
        for (word, held) in passing.iter_mut().zip(holding(value)?) {
            *word &= held;
        }
    }
    for value in &filter.none_of {
        for (word, held) in passing.iter_mut().zip(holding(value)?) {
            *word &= !held;
        }
    }
    Ok(passing)
}

/// A pass that has checked `1 / DENSE_PASS_DIVISOR` of a segment's documents reads its
/// multi-valued filters from postings (`passing_docs`) from then on: building the bits costs about
/// one step per posting, checking a document's values several, so this pays off when the query
/// matches much of the segment (as a text-free one does).
const DENSE_PASS_DIVISOR: usize = 16;

/// Documents are checked and counted this many at a time, one column after another, which keeps
/// each loop tight.
const BUFFER: usize = 1024;

pub(crate) struct FacetPassSegment<S> {
    columns: Arc<FacetColumns>,
    segment: SegmentReader,
    /// Documents checked against `filters` so far.
    seen: usize,
    filters: Vec<ResolvedFilter>,
    /// `filters` as asked, for `passing_docs`.
    group_filters: Vec<(FacetGroup, GroupFilter)>,
    /// Counted groups with their counts by ordinal.
    counts: Vec<(FacetGroup, Vec<u32>)>,
    /// Counts by joint code of the documents passing every filter, standing for the counted
    /// groups of the joint; empty when it stands for fewer than two.
    joint_counts: Vec<u32>,
    /// For each entry of `counts`, whether `joint_counts` counts its passing documents.
    in_joint: Vec<bool>,
    /// For each filter, the position in `counts` of its group, when that group is counted.
    own_counts: Vec<Option<usize>>,
    page: S,
    /// Documents collected and not yet checked, with their scores.
    docs: Vec<DocId>,
    scores: Vec<Score>,
    /// Scratch space of `flush`: per buffered document, one bit per filter it fails.
    misses: Vec<u32>,
    /// Scratch space of `flush`: the documents passing every filter, then, per filter, those
    /// failing only that one.
    passing: Vec<DocId>,
    near_misses: Vec<Vec<DocId>>,
}

impl<S: SegmentCollector> FacetPassSegment<S> {
    fn flush(&mut self) {
        let docs = &self.docs;
        let passing = if self.filters.is_empty() {
            for (&doc, &score) in docs.iter().zip(&self.scores) {
                self.page.collect(doc, score);
            }
            docs
        } else if let [filter] = self.filters.as_slice()
            && let Values::Single(ords) = &self.columns.group(filter.group).values
        {
            // One filter on a one-value group (a family or a level picked: the common case): a
            // document passes or misses on one table lookup, and a miss counts for that group
            // only, so one loop does what the general path below does in three.
            let mut uncounted = Vec::new();
            let own_counts: &mut [u32] = match self.own_counts[0] {
                Some(slot) => &mut self.counts[slot].1,
                // Misses are tallied and dropped: cheaper than a branch per document.
                None => {
                    uncounted.resize(filter.accepts_alone.len(), 0);
                    &mut uncounted
                }
            };
            self.passing.clear();
            with_ords!(ords, ords => {
                for (&doc, &score) in docs.iter().zip(&self.scores) {
                    let ord = ords[doc as usize] as usize;
                    if filter.accepts_alone[ord] {
                        self.passing.push(doc);
                        self.page.collect(doc, score);
                    } else {
                        own_counts[ord] += 1;
                    }
                }
            });
            &self.passing
        } else {
            self.misses.clear();
            self.misses.resize(docs.len(), 0);
            self.seen += docs.len();
            if self.seen * DENSE_PASS_DIVISOR >= self.segment.max_doc() as usize {
                for (filter, (group, asked)) in self.filters.iter_mut().zip(&self.group_filters) {
                    let multi = matches!(self.columns.group(*group).values, Values::Multi { .. });
                    if multi && filter.passing_docs.is_none() {
                        // On an error, checking values document by document still answers.
                        filter.passing_docs = passing_docs(&self.segment, *group, asked).ok();
                    }
                }
            }
            for (n, filter) in self.filters.iter().enumerate() {
                let column = self.columns.group(filter.group);
                filter.mark_misses(column, docs, &mut self.misses, 1 << n);
            }
            self.passing.clear();
            self.near_misses.iter_mut().for_each(Vec::clear);
            for ((&doc, &score), &missed) in docs.iter().zip(&self.scores).zip(&self.misses) {
                if missed == 0 {
                    self.passing.push(doc);
                    self.page.collect(doc, score);
                } else if missed.is_power_of_two() {
                    self.near_misses[missed.trailing_zeros() as usize].push(doc);
                }
            }
            for (filter, near) in self.own_counts.iter().zip(&self.near_misses) {
                if let Some(slot) = *filter {
                    let (group, counts) = &mut self.counts[slot];
                    self.columns.group(*group).count(near, counts);
                }
            }
            &self.passing
        };
        if let Some(joint) = self
            .columns
            .joint
            .as_ref()
            .filter(|_| !self.joint_counts.is_empty())
        {
            joint.count(passing, &mut self.joint_counts);
        }
        for ((group, counts), &in_joint) in self.counts.iter_mut().zip(&self.in_joint) {
            if !in_joint {
                self.columns.group(*group).count(passing, counts);
            }
        }
        self.docs.clear();
        self.scores.clear();
    }
}

/// A segment's counts, by ordinal, with the columns that name the ordinals.
pub(crate) struct SegmentCounts {
    columns: Arc<FacetColumns>,
    counts: Vec<(FacetGroup, Vec<u32>)>,
}

impl<C: Collector> Collector for FacetPass<'_, C> {
    type Fruit = (C::Fruit, GroupCounts);
    type Child = FacetPassSegment<C::Child>;

    fn for_segment(
        &self,
        segment_local_id: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let columns = self
            .columns
            .get(segment_local_id as usize)
            .cloned()
            .ok_or_else(|| {
                tantivy::TantivyError::InternalError("facet columns of another searcher".into())
            })?;
        let filters: Vec<ResolvedFilter> = self
            .filters
            .iter()
            .map(|(group, filter)| ResolvedFilter::new(*group, filter, columns.group(*group)))
            .collect();
        let counts: Vec<(FacetGroup, Vec<u32>)> = self
            .counted
            .iter()
            .map(|&group| (group, columns.group(group).counters()))
            .collect();
        let mut in_joint = vec![false; counts.len()];
        let mut joint_counts = Vec::new();
        if let Some(joint) = &columns.joint {
            for (slot, (group, _)) in in_joint.iter_mut().zip(&counts) {
                *slot = joint.has(*group);
            }
            if in_joint.iter().filter(|&&j| j).count() >= 2 {
                joint_counts = vec![0u32; joint.size];
            } else {
                in_joint.iter_mut().for_each(|j| *j = false);
            }
        }
        let own_counts = filters
            .iter()
            .map(|f| counts.iter().position(|(group, _)| *group == f.group))
            .collect();
        Ok(FacetPassSegment {
            page: self.page.for_segment(segment_local_id, segment)?,
            segment: segment.clone(),
            seen: 0,
            group_filters: self.filters.to_vec(),
            near_misses: vec![Vec::new(); filters.len()],
            columns,
            filters,
            counts,
            joint_counts,
            in_joint,
            own_counts,
            docs: Vec::with_capacity(BUFFER),
            scores: Vec::with_capacity(BUFFER),
            misses: Vec::new(),
            passing: Vec::new(),
        })
    }

    fn check_schema(&self, schema: &Schema) -> tantivy::Result<()> {
        self.page.check_schema(schema)
    }

    fn requires_scoring(&self) -> bool {
        self.page.requires_scoring()
    }

    fn merge_fruits(
        &self,
        segment_fruits: Vec<(<C::Child as SegmentCollector>::Fruit, SegmentCounts)>,
    ) -> tantivy::Result<Self::Fruit> {
        let mut merged: GroupCounts = self
            .counted
            .iter()
            .map(|&group| (group, ValueCounts::default()))
            .collect();
        let mut pages = Vec::with_capacity(segment_fruits.len());
        for (page, segment) in segment_fruits {
            pages.push(page);
            for (group, counts) in segment.counts {
                merged.entry(group).or_default().segments.push((
                    Arc::clone(&segment.columns),
                    group,
                    counts,
                ));
            }
        }
        Ok((self.page.merge_fruits(pages)?, merged))
    }
}

impl<S: SegmentCollector> SegmentCollector for FacetPassSegment<S> {
    type Fruit = (S::Fruit, SegmentCounts);

    fn collect(&mut self, doc: DocId, score: Score) {
        self.docs.push(doc);
        self.scores.push(score);
        if self.docs.len() >= BUFFER {
            self.flush();
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.docs.extend_from_slice(docs);
        self.scores.resize(self.docs.len(), 0.0);
        if self.docs.len() >= BUFFER {
            self.flush();
        }
    }

    fn harvest(mut self) -> Self::Fruit {
        self.flush();
        if let Some(joint) = &self.columns.joint
            && !self.joint_counts.is_empty()
        {
            joint.split(&self.joint_counts, &mut self.counts, &self.in_joint);
        }
        (
            self.page.harvest(),
            SegmentCounts {
                columns: self.columns,
                counts: self.counts,
            },
        )
    }
}
