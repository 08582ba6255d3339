//! Facet counting: one pass over the matching documents reads the columnar ordinals of the facet
//! fields it is asked for, so counts never touch stored documents.

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{ColumnIndex, ColumnValues, StrColumn};
use tantivy::schema::Schema;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Counts, per requested facet field, how many matching documents hold each value.
pub(crate) struct FacetCounter {
    /// Names of the fast text fields to count, in output order.
    pub field_names: Vec<&'static str>,
}

/// Value → count, one map per requested field.
pub(crate) type FieldCounts = Vec<HashMap<String, u64>>;

pub(crate) struct SegmentFacetCounter {
    columns: Vec<Option<CountedColumn>>,
    /// Matching docs not yet counted: counting a block at a time lets single-valued columns read
    /// their bit-packed ordinals in one batch.
    pending: Vec<DocId>,
    ords: Vec<u64>,
}

/// Docs in a batch before they are counted.
const BATCH: usize = 256;

struct CountedColumn {
    column: StrColumn,
    /// Set when every document has exactly one value (family, seniority, source, company, …):
    /// the ordinal of doc `d` is then simply value `d`.
    single_valued: Option<Arc<dyn ColumnValues<u64>>>,
    counts: Vec<u32>,
}

impl SegmentFacetCounter {
    fn flush(&mut self) {
        let docs = &self.pending;
        for counted in self.columns.iter_mut().flatten() {
            let counts = &mut counted.counts;
            let mut bump = |ord: u64| {
                if let Some(count) = usize::try_from(ord).ok().and_then(|i| counts.get_mut(i)) {
                    *count += 1;
                }
            };
            match &counted.single_valued {
                Some(values) => {
                    self.ords.resize(docs.len(), 0);
                    values.get_vals(docs, &mut self.ords);
                    self.ords.iter().copied().for_each(&mut bump);
                }
                None => {
                    for &doc in docs {
                        counted.column.term_ords(doc).for_each(&mut bump);
                    }
                }
            }
        }
        self.pending.clear();
    }
}

impl Collector for FacetCounter {
    type Fruit = FieldCounts;
    type Child = SegmentFacetCounter;

    fn check_schema(&self, _schema: &Schema) -> tantivy::Result<()> {
        Ok(())
    }

    fn for_segment(
        &self,
        _segment_local_id: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetCounter> {
        let fast = segment.fast_fields();
        let mut columns = Vec::with_capacity(self.field_names.len());
        for name in &self.field_names {
            columns.push(fast.str(name)?.map(|column| {
                let ords = column.ords();
                let single_valued =
                    matches!(ords.index, ColumnIndex::Full).then(|| Arc::clone(&ords.values));
                CountedColumn {
                    counts: vec![0u32; column.num_terms()],
                    single_valued,
                    column,
                }
            }));
        }
        Ok(SegmentFacetCounter {
            columns,
            pending: Vec::with_capacity(BATCH),
            ords: Vec::with_capacity(BATCH),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segment_fruits: Vec<FieldCounts>) -> tantivy::Result<FieldCounts> {
        let mut merged: FieldCounts = vec![HashMap::new(); self.field_names.len()];
        for fruit in segment_fruits {
            for (total, part) in merged.iter_mut().zip(fruit) {
                for (value, count) in part {
                    *total.entry(value).or_insert(0) += count;
                }
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for SegmentFacetCounter {
    type Fruit = FieldCounts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.pending.push(doc);
        if self.pending.len() == BATCH {
            self.flush();
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        for &doc in docs {
            self.collect(doc, 0.0);
        }
    }

    fn harvest(mut self) -> FieldCounts {
        self.flush();
        let mut out = Vec::with_capacity(self.columns.len());
        for column in self.columns {
            let mut values = HashMap::new();
            if let Some(CountedColumn { column, counts, .. }) = column {
                let mut text = String::new();
                for (ord, &count) in counts.iter().enumerate() {
                    if count == 0 {
                        continue;
                    }
                    text.clear();
                    // A dictionary read error leaves this value out of the counts rather than
                    // failing the whole search.
                    if let Ok(true) = column.ord_to_str(ord as u64, &mut text) {
                        values.insert(text.clone(), u64::from(count));
                    }
                }
            }
            out.push(values);
        }
        out
    }
}
