//! Facet counting: one pass over the matching documents reads the columnar ordinals of the facet
//! fields it is asked for, so counts never touch stored documents.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
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
    columns: Vec<Option<(StrColumn, Vec<u32>)>>,
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
                let counts = vec![0u32; column.num_terms()];
                (column, counts)
            }));
        }
        Ok(SegmentFacetCounter { columns })
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
        for (column, counts) in self.columns.iter_mut().flatten() {
            for ord in column.term_ords(doc) {
                if let Some(count) = usize::try_from(ord).ok().and_then(|i| counts.get_mut(i)) {
                    *count += 1;
                }
            }
        }
    }

    fn harvest(self) -> FieldCounts {
        let mut out = Vec::with_capacity(self.columns.len());
        for column in self.columns {
            let mut values = HashMap::new();
            if let Some((column, counts)) = column {
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
