//! [`TextIndex`]: BM25 similarity between a listing's words and each catalog entry's title,
//! summary and stored questions, from a small in-RAM Tantivy index of the catalog.
//!
//! The matcher uses it only to order entries that serve the same topic: once `prepboard prep
//! fetch` has read a page, a listing whose wording matches that page's questions prefers it.

use std::collections::{HashMap, HashSet};

use prepboard_core::Listing;
use prepboard_core::prep::{PrepEntry, PrepQuestion};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{FAST, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexReader, ReloadPolicy, Searcher, Term, doc};

use crate::Catalog;

/// Why the matcher could not be built.
#[derive(Debug, thiserror::Error)]
pub enum MatchError {
    /// Building or reading the in-RAM index of entries failed (Tantivy's reason attached).
    #[error("prep entry index: {0}")]
    Index(#[from] tantivy::TantivyError),
}

/// At most this many distinct words of a listing go into its text query.
const QUERY_TERMS: usize = 24;
/// Words of the title count this many times a word of the description.
const TITLE_TERM_WEIGHT: u32 = 3;
/// Words found in more than this share of entries say nothing about which entry fits.
const MAX_DOC_FREQ_SHARE: f32 = 0.4;
/// Mentions past this add nothing.
const MENTIONS_CAP: u32 = 10;
/// A BM25 score below this is weak evidence however it compares with the others, so scores are
/// scaled by `max(best, TEXT_FLOOR)` rather than the best alone.
const TEXT_FLOOR: f32 = 6.0;
/// Text counts only when the entry shares at least this many of the listing's words.
const MIN_SHARED_WORDS: usize = 2;

/// Words too common in job ads and prep pages to be evidence, on top of the document-frequency cut.
const STOP_WORDS: &[&str] = &[
    "about", "across", "also", "and", "are", "build", "can", "company", "experi", "for", "from",
    "have", "help", "how", "job", "more", "our", "role", "team", "that", "the", "their", "this",
    "use", "what", "when", "will", "with", "work", "you", "your",
];

/// The catalog's entries as a tiny BM25 index. Build once and share; `Send + Sync`.
pub(crate) struct TextIndex {
    searcher: Searcher,
    text_field: Field,
    entries: usize,
    /// Document address → entry index, fixed once the index is committed.
    entry_of_doc: HashMap<(u32, u32), usize>,
    analyzer: TextAnalyzer,
    /// Stemmed term → how many entries contain it.
    doc_freq: HashMap<String, u32>,
    /// Stemmed terms of each entry, by entry index.
    entry_terms: Vec<HashSet<String>>,
    /// The reader must outlive the searcher's segments.
    _reader: IndexReader,
}

impl TextIndex {
    pub(crate) fn new(
        catalog: &Catalog,
        questions: &HashMap<String, Vec<PrepQuestion>>,
    ) -> Result<TextIndex, MatchError> {
        let mut builder = Schema::builder();
        let text_options = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("en_stem")
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let text_field = builder.add_text_field("text", text_options);
        let entry_field = builder.add_u64_field("entry", FAST);
        let index = Index::create_in_ram(builder.build());
        let mut analyzer = index.tokenizer_for_field(text_field)?;

        let mut writer = index.writer_with_num_threads(1, 15_000_000)?;
        let mut doc_freq: HashMap<String, u32> = HashMap::new();
        let mut entry_terms = Vec::with_capacity(catalog.len());
        for (ordinal, entry) in catalog.entries().iter().enumerate() {
            let text = entry_text(entry, questions.get(&entry.id).map(Vec::as_slice));
            let mut terms = HashSet::new();
            let mut stream = analyzer.token_stream(&text);
            while stream.advance() {
                terms.insert(stream.token().text.clone());
            }
            for term in &terms {
                *doc_freq.entry(term.clone()).or_default() += 1;
            }
            entry_terms.push(terms);
            writer.add_document(doc!(text_field => text, entry_field => ordinal as u64))?;
        }
        writer.commit()?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let searcher = reader.searcher();
        let mut entry_of_doc = HashMap::with_capacity(catalog.len());
        for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
            let column = segment.fast_fields().u64("entry")?;
            for doc_id in 0..segment.max_doc() {
                if let Some(ordinal) = column.first(doc_id) {
                    entry_of_doc.insert((segment_ord as u32, doc_id), ordinal as usize);
                }
            }
        }
        Ok(TextIndex {
            searcher,
            text_field,
            entries: catalog.len(),
            entry_of_doc,
            analyzer,
            doc_freq,
            entry_terms,
            _reader: reader,
        })
    }

    /// Similarity of each entry (by index) to the listing, in (0, 1]; entries sharing fewer than
    /// two telling words are left out.
    pub(crate) fn scores(&self, listing: &Listing) -> HashMap<usize, f32> {
        let terms = self.query_terms(listing);
        if terms.is_empty() {
            return HashMap::new();
        }
        let clauses: Vec<(Occur, Box<dyn Query>)> = terms
            .iter()
            .map(|(stem, count)| {
                let query = TermQuery::new(
                    Term::from_field_text(self.text_field, stem),
                    IndexRecordOption::WithFreqs,
                );
                let boost = 1.0 + ((*count).min(MENTIONS_CAP) as f32).ln();
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(query), boost)) as Box<dyn Query>,
                )
            })
            .collect();
        let query = BooleanQuery::new(clauses);
        let limit = TopDocs::with_limit(self.entries.max(1)).order_by_score();
        let hits = match self.searcher.search(&query, &limit) {
            Ok(hits) => hits,
            Err(err) => {
                // An in-RAM index of a few dozen documents does not fail in practice; if it does,
                // the topics still rank the entries.
                tracing::warn!(error = %err, "prep text search failed; matching without text");
                return HashMap::new();
            }
        };
        let best = hits.iter().map(|(score, _)| *score).fold(0.0, f32::max);
        let scale = 1.0 / best.max(TEXT_FLOOR);
        hits.into_iter()
            .filter_map(|(score, address)| {
                let ordinal = *self
                    .entry_of_doc
                    .get(&(address.segment_ord, address.doc_id))?;
                let entry_terms = self.entry_terms.get(ordinal)?;
                let shared = terms
                    .iter()
                    .filter(|(stem, _)| entry_terms.contains(stem))
                    .count();
                (shared >= MIN_SHARED_WORDS).then_some((ordinal, score * scale))
            })
            .collect()
    }

    /// The listing's most telling words that appear in some entry, with their counts.
    fn query_terms(&self, listing: &Listing) -> Vec<(String, u32)> {
        let mut analyzer = self.analyzer.clone();
        let mut counts: HashMap<&str, u32> = HashMap::new();
        let sources = [
            (listing.title.as_str(), TITLE_TERM_WEIGHT),
            (listing.description_text.as_str(), 1),
        ];
        for (text, weight) in sources {
            let mut stream = analyzer.token_stream(text);
            while stream.advance() {
                // Most words of a listing appear in no entry; looking them up before allocating
                // keeps this well under a millisecond.
                if let Some((stem, _)) = self.doc_freq.get_key_value(stream.token().text.as_str()) {
                    *counts.entry(stem.as_str()).or_default() += weight;
                }
            }
        }
        let entries = self.entries.max(1) as f32;
        let mut terms: Vec<(String, u32, f32)> = counts
            .into_iter()
            .filter_map(|(stem, count)| {
                let df = *self.doc_freq.get(stem)?;
                let usable = stem.len() >= 3
                    && !STOP_WORDS.contains(&stem)
                    && !stem.chars().all(|c| c.is_ascii_digit())
                    && (df as f32) / entries <= MAX_DOC_FREQ_SHARE;
                let weight = (count.min(MENTIONS_CAP) as f32) * (entries / df as f32).ln();
                usable.then(|| (stem.to_owned(), count, weight))
            })
            .collect();
        terms.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        terms.truncate(QUERY_TERMS);
        terms
            .into_iter()
            .map(|(stem, count, _)| (stem, count))
            .collect()
    }
}

/// The text indexed for an entry: the title twice (it names the page's subject), the summary, and
/// the questions read from its page.
fn entry_text(entry: &PrepEntry, questions: Option<&[PrepQuestion]>) -> String {
    let mut text = format!("{}\n{}\n{}", entry.title, entry.title, entry.summary);
    for question in questions.unwrap_or_default() {
        text.push('\n');
        text.push_str(&question.question);
    }
    text
}
