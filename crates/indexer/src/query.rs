//! Turning a [`SearchRequest`](prepboard_core::search::SearchRequest) into Tantivy queries: the text
//! people type, and the filters.
//!
//! Text is read by a small grammar of our own rather than Tantivy's query language, so that nothing
//! a person types can fail or widen the search: words, `"phrases"` and `-exclusions` are understood;
//! field prefixes (`title:`), operators, wildcards, brackets and ranges are reduced to the words
//! they contain. Every word must match (AND), in any text field, with title > skills > company >
//! description weights.

use tantivy::query::{
    BooleanQuery, BoostQuery, EnableScoring, Explanation, FuzzyTermQuery, Occur, PhraseQuery,
    Query, Scorer, TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

use crate::schema::Fields;

/// At most this many words and phrases are honoured; the rest of a pasted essay is ignored.
const MAX_CLAUSES: usize = 32;
/// Words this long or longer get a typo-tolerant retry.
pub(crate) const FUZZY_MIN_CHARS: usize = 5;

/// One thing the text asks for: a word, or words that must appear in this order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Clause {
    Word(String),
    Phrase(Vec<String>),
}

/// The text of a request, understood.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct UserQuery {
    pub required: Vec<Clause>,
    pub excluded: Vec<Clause>,
}

impl UserQuery {
    /// Reads `text` with `analyzer` (the text fields' own), so query words match indexed words.
    pub fn parse(text: &str, analyzer: &mut TextAnalyzer) -> UserQuery {
        let mut query = UserQuery::default();
        for raw in split_user_text(text) {
            let tokens = analyse(analyzer, raw.text);
            let clause = match tokens.len() {
                0 => continue,
                1 => tokens.into_iter().map(Clause::Word).next(),
                _ => Some(Clause::Phrase(tokens)),
            };
            let Some(clause) = clause else { continue };
            let list = if raw.excluded {
                &mut query.excluded
            } else {
                &mut query.required
            };
            if list.len() < MAX_CLAUSES && !list.contains(&clause) {
                list.push(clause);
            }
        }
        query
    }

    pub fn is_empty(&self) -> bool {
        self.required.is_empty() && self.excluded.is_empty()
    }

    /// Whether any required word is long enough for the typo-tolerant retry.
    pub fn has_fuzzy_candidates(&self) -> bool {
        self.required
            .iter()
            .any(|c| matches!(c, Clause::Word(w) if w.chars().count() >= FUZZY_MIN_CHARS))
    }

    /// The text query: every required clause must match, no excluded one may. `fuzzy` lets words of
    /// [`FUZZY_MIN_CHARS`] or more match at edit distance 1. `None` when nothing is required.
    pub fn to_query(&self, fields: &Fields, fuzzy: bool) -> Option<Box<dyn Query>> {
        if self.required.is_empty() {
            return None;
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = self
            .required
            .iter()
            .map(|clause| (Occur::Must, clause_query(clause, fields, fuzzy)))
            .collect();
        clauses.extend(
            self.excluded
                .iter()
                .map(|clause| (Occur::MustNot, excluded_clause_query(clause, fields))),
        );
        Some(Box::new(BooleanQuery::new(clauses)))
    }

    /// Clauses that drop listings mentioning an excluded word, for queries with no required word.
    pub fn exclusions(&self, fields: &Fields) -> Vec<(Occur, Box<dyn Query>)> {
        self.excluded
            .iter()
            .map(|clause| (Occur::MustNot, excluded_clause_query(clause, fields)))
            .collect()
    }

    /// The query as text, with `replace` applied to each word (for "showing results for …").
    pub fn render(&self, replace: impl Fn(&str) -> String) -> String {
        let render_clause = |clause: &Clause| match clause {
            Clause::Word(word) => replace(word),
            Clause::Phrase(words) => format!("\"{}\"", words.join(" ")),
        };
        self.required
            .iter()
            .map(render_clause)
            .chain(
                self.excluded
                    .iter()
                    .map(|c| format!("-{}", render_clause(c))),
            )
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A piece of user text: a word or the inside of quotes, possibly excluded.
struct RawClause<'a> {
    text: &'a str,
    excluded: bool,
}

/// Splits on whitespace and quotes. An unclosed quote runs to the end; `-` right before a word or
/// quote excludes it; a `field:` prefix is dropped; bare operators are dropped.
fn split_user_text(text: &str) -> Vec<RawClause<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let excluded = rest.starts_with('-');
        if excluded {
            rest = &rest[1..];
        }
        if let Some(after_quote) = rest.strip_prefix('"') {
            let end = after_quote.find('"').unwrap_or(after_quote.len());
            out.push(RawClause {
                text: &after_quote[..end],
                excluded,
            });
            rest = after_quote.get(end + 1..).unwrap_or("");
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '"')
            .unwrap_or(rest.len());
        let mut word = &rest[..end];
        rest = &rest[end..];
        if let Some((prefix, value)) = word.split_once(':')
            && !prefix.is_empty()
            && prefix.chars().all(|c| c.is_ascii_alphabetic() || c == '_')
        {
            word = value;
        }
        if matches!(word, "AND" | "OR" | "NOT" | "TO") {
            continue;
        }
        out.push(RawClause {
            text: word,
            excluded,
        });
    }
    out
}

pub(crate) fn analyse(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    analyzer
        .token_stream(text)
        .process(&mut |token| tokens.push(token.text.clone()));
    tokens
}

/// The text fields a word is looked for in, with their weights.
fn weighted_text_fields(fields: &Fields) -> [(Field, f32); 4] {
    [
        (fields.title, 3.0),
        (fields.skills_text, 2.0),
        (fields.company_text, 1.5),
        (fields.description, 1.0),
    ]
}

fn clause_query(clause: &Clause, fields: &Fields, fuzzy: bool) -> Box<dyn Query> {
    let per_field = weighted_text_fields(fields).map(|(field, boost)| {
        let query: Box<dyn Query> = match clause {
            Clause::Word(word) => {
                let term = Term::from_field_text(field, word);
                if fuzzy && word.chars().count() >= FUZZY_MIN_CHARS {
                    Box::new(FuzzyTermQuery::new(term, 1, true))
                } else {
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
                }
            }
            Clause::Phrase(words) => Box::new(PhraseQuery::new(
                words
                    .iter()
                    .map(|w| Term::from_field_text(field, w))
                    .collect(),
            )),
        };
        (
            Occur::Should,
            Box::new(BoostQuery::new(query, boost)) as Box<dyn Query>,
        )
    });
    Box::new(BooleanQuery::new(per_field.into_iter().collect()))
}

/// A clause in a `MustNot` position. Tantivy 0.27's exclusion probes its docset with
/// `seek_danger` at targets below the current doc, which the phrase scorer does not allow (a debug
/// assertion, and an unchecked seek in release); [`ForwardOnly`] answers such probes itself.
fn excluded_clause_query(clause: &Clause, fields: &Fields) -> Box<dyn Query> {
    Box::new(ForwardOnly(clause_query(clause, fields, false)))
}

/// Wraps a query so its scorer only ever seeks forward, whatever its caller asks.
#[derive(Debug)]
struct ForwardOnly(Box<dyn Query>);

impl Clone for ForwardOnly {
    fn clone(&self) -> Self {
        ForwardOnly(self.0.box_clone())
    }
}

impl Query for ForwardOnly {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(ForwardOnlyWeight(self.0.weight(enable_scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.0.query_terms(visitor);
    }
}

struct ForwardOnlyWeight(Box<dyn Weight>);

impl Weight for ForwardOnlyWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(ForwardOnlyScorer(self.0.scorer(reader, boost)?)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

struct ForwardOnlyScorer(Box<dyn Scorer>);

impl DocSet for ForwardOnlyScorer {
    fn advance(&mut self) -> DocId {
        self.0.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.0.doc() >= target {
            return self.0.doc();
        }
        self.0.seek(target)
    }

    // `seek_danger` keeps the trait's default, which only seeks forward through `seek`.

    fn doc(&self) -> DocId {
        self.0.doc()
    }

    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }
}

impl Scorer for ForwardOnlyScorer {
    fn score(&mut self) -> Score {
        self.0.score()
    }
}

mod filters;

pub(crate) use filters::{
    DefaultView, FacetGroup, GroupFilter, combine, filter_clauses, for_each_doc_holding,
    group_filter,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{build_schema, register_analyzers};

    fn check(input: &str, required: &[&str], excluded: &[&str]) {
        let (schema, _fields) = build_schema();
        let index = tantivy::Index::create_in_ram(schema);
        register_analyzers(&index);
        let mut analyzer = index
            .tokenizers()
            .get(crate::schema::TEXT_ANALYZER)
            .unwrap();
        let parsed = UserQuery::parse(input, &mut analyzer);
        let show = |clauses: &[Clause]| -> Vec<String> {
            clauses
                .iter()
                .map(|c| match c {
                    Clause::Word(w) => w.clone(),
                    Clause::Phrase(ws) => format!("\"{}\"", ws.join(" ")),
                })
                .collect()
        };
        assert_eq!(show(&parsed.required), required, "required of {input:?}");
        assert_eq!(show(&parsed.excluded), excluded, "excluded of {input:?}");
    }

    #[test]
    fn facet_groups_name_their_schema_fields() {
        let (schema, fields) = build_schema();
        for (n, group) in FacetGroup::ALL.into_iter().enumerate() {
            assert_eq!(
                schema.get_field(group.field_name()).ok(),
                Some(group.field(&fields))
            );
            assert_eq!(group.index(), n);
        }
    }

    #[test]
    fn user_text_is_understood_without_ever_failing() {
        check("kafka api", &["kafka", "api"], &[]);
        check("\"api gateway\" -java", &["\"api gateway\""], &["java"]);
        check("-\"on call\" rust", &["rust"], &["\"on call\""]);
        check("*", &[], &[]);
        check("\"\"", &[], &[]);
        check("\"unclosed phrase", &["\"unclosed phrase\""], &[]);
        check("title:", &[], &[]);
        check("title:Rust", &["rust"], &[]);
        check("salary:[100 TO", &["100"], &[]);
        check("Go AND Postgres OR NOT", &["go", "postgres"], &[]);
        check("node.js", &["\"node js\""], &[]);
        check("Zürich café", &["zurich", "cafe"], &[]);
        check("-", &[], &[]);
        check("rust rust", &["rust"], &[]);
    }
}
