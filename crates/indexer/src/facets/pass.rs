//! [`FacetPass`]: the collector that counts every facet group's values in one pass over a query,
//! checking the groups' own filters per document on the decoded columns (see the parent module).

use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::schema::Schema;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader, Term};

use super::*;
use crate::query::{FacetGroup, GroupFilter, for_each_doc_holding};

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
