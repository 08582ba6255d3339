//! prepboard-indexer: the Tantivy index built from the store, search, facets and prep matching.
