//! Spelling: what a query most likely meant, when its exact words found too little and the typo
//! tolerant retry found more.

use tantivy::query::FuzzyTermQuery;
use tantivy::{Searcher, Term};

use crate::IndexError;
use crate::query::{Clause, UserQuery};
use crate::schema::Fields;

/// The query with each long word replaced by the indexed word it most likely meant: the most
/// frequent term at edit distance 1 in the title, skills or description.
pub(super) fn corrected(
    searcher: &Searcher,
    fields: &Fields,
    query: &UserQuery,
) -> Result<UserQuery, IndexError> {
    let mut out = query.clone();
    for clause in &mut out.required {
        let Clause::Word(word) = clause else { continue };
        if word.chars().count() < crate::query::FUZZY_MIN_CHARS {
            continue;
        }
        let mut best: Option<(u64, String)> = None;
        for field in [fields.title, fields.skills_text, fields.description] {
            let automaton =
                FuzzyTermQuery::new(Term::from_field_text(field, word), 1, true).automaton()?;
            for segment in searcher.segment_readers() {
                let inverted = segment.inverted_index(field)?;
                let mut stream = inverted
                    .terms()
                    .search(&automaton)
                    .into_stream()
                    .map_err(tantivy::TantivyError::from)?;
                while stream.advance() {
                    let frequency = u64::from(stream.value().doc_freq);
                    if best.as_ref().is_none_or(|(f, _)| frequency > *f)
                        && let Ok(text) = std::str::from_utf8(stream.key())
                    {
                        best = Some((frequency, text.to_owned()));
                    }
                }
            }
        }
        if let Some((_, replacement)) = best {
            *word = replacement;
        }
    }
    Ok(out)
}
