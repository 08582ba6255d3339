//! Turning a [`SearchRequest`] into Tantivy queries: the text people type, and the filters.
//!
//! Text is read by a small grammar of our own rather than Tantivy's query language, so that nothing
//! a person types can fail or widen the search: words, `"phrases"` and `-exclusions` are understood;
//! field prefixes (`title:`), operators, wildcards, brackets and ranges are reduced to the words
//! they contain. Every word must match (AND), in any text field, with title > skills > company >
//! description weights.

use std::ops::Bound;

use chrono::{DateTime, Duration, Utc};
use prepboard_core::search::SearchRequest;
use prepboard_core::{Region, TitleFamily, WorkplaceType};
use tantivy::index::InvertedIndexReader;
use tantivy::query::{
    AllQuery, BitSetDocSet, BooleanQuery, BoostQuery, ConstScoreQuery, ConstScorer, EnableScoring,
    Explanation, FuzzyTermQuery, Occur, PhraseQuery, Query, RangeQuery, Scorer, TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{BitSet, DocId, DocSet, Score, SegmentReader, TantivyError, Term};

use crate::schema::{ELIGIBILITY_UNKNOWN, ELIGIBILITY_WORLDWIDE, Fields};

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

/// A filter whose facet counts ignore it (disjunctive faceting): one per facet group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum FacetGroup {
    Family,
    Seniority,
    Eligibility,
    Employment,
    Workplace,
    Skill,
    Source,
    Company,
}

impl FacetGroup {
    pub const ALL: [FacetGroup; 8] = [
        FacetGroup::Family,
        FacetGroup::Seniority,
        FacetGroup::Eligibility,
        FacetGroup::Employment,
        FacetGroup::Workplace,
        FacetGroup::Skill,
        FacetGroup::Source,
        FacetGroup::Company,
    ];

    /// The group's field name in the schema (see `build_schema`), for reading its fast column.
    pub fn field_name(self) -> &'static str {
        match self {
            FacetGroup::Family => "family",
            FacetGroup::Seniority => "seniority",
            FacetGroup::Eligibility => "eligibility",
            FacetGroup::Employment => "employment",
            FacetGroup::Workplace => "workplace",
            FacetGroup::Skill => "skill",
            FacetGroup::Source => "source",
            FacetGroup::Company => "company",
        }
    }

    /// Position in [`FacetGroup::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn field(self, fields: &Fields) -> Field {
        match self {
            FacetGroup::Family => fields.family,
            FacetGroup::Seniority => fields.seniority,
            FacetGroup::Eligibility => fields.eligibility,
            FacetGroup::Employment => fields.employment,
            FacetGroup::Workplace => fields.workplace,
            FacetGroup::Skill => fields.skill,
            FacetGroup::Source => fields.source,
            FacetGroup::Company => fields.company,
        }
    }

    /// Whether the request filters on this group.
    pub fn is_active(self, request: &SearchRequest) -> bool {
        match self {
            FacetGroup::Family => {
                !request.families.is_empty() || DefaultView::of(request).engineering_only
            }
            FacetGroup::Seniority => !request.seniorities.is_empty(),
            FacetGroup::Eligibility => requested_country(request).is_some(),
            FacetGroup::Employment => !request.employment_types.is_empty(),
            FacetGroup::Workplace => {
                !request.workplaces.is_empty() || DefaultView::of(request).remote_only
            }
            FacetGroup::Skill => !request.skills.is_empty(),
            FacetGroup::Source => !request.sources.is_empty(),
            FacetGroup::Company => {
                !request.companies.is_empty() || !request.exclude_companies.is_empty()
            }
        }
    }
}

/// Which filters of the remote-first default view a request keeps: a board of remote engineering
/// jobs shows only remote (or remote-or-office) jobs and only engineering roles unless asked for
/// more. Each default stands in for its facet group's filter, so the group's own counts (taken
/// with every filter but the group's) say what widening the view would add, and an explicit
/// filter on the group replaces the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DefaultView {
    /// Workplace limited to remote-first types: no `workplaces` filter and no `include_office`.
    pub remote_only: bool,
    /// Non-engineering families left out: no `families` filter and no `include_non_engineering`.
    pub engineering_only: bool,
}

impl DefaultView {
    pub fn of(request: &SearchRequest) -> DefaultView {
        DefaultView {
            remote_only: request.workplaces.is_empty() && !request.include_office,
            engineering_only: request.families.is_empty() && !request.include_non_engineering,
        }
    }

    /// Whether `group`'s filter is this view's default rather than one the request set.
    pub fn owns(self, group: FacetGroup) -> bool {
        match group {
            FacetGroup::Workplace => self.remote_only,
            FacetGroup::Family => self.engineering_only,
            _ => false,
        }
    }

    /// A small number naming the view, for per-view caches: 0 is "everything".
    pub fn key(self) -> usize {
        usize::from(self.remote_only) | (usize::from(self.engineering_only) << 1)
    }

    pub const COUNT: usize = 4;

    /// No default filter: every listing.
    pub const EVERYTHING: DefaultView = DefaultView {
        remote_only: false,
        engineering_only: false,
    };
}

fn requested_country(request: &SearchRequest) -> Option<String> {
    request
        .country
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_ascii_uppercase)
}

/// The eligibility values that "I can work from `country`" accepts.
pub(crate) fn eligibility_values_for_country(country: &str, include_unknown: bool) -> Vec<String> {
    let mut values = vec![ELIGIBILITY_WORLDWIDE.to_owned(), country.to_owned()];
    values.extend(
        Region::containing(country)
            .into_iter()
            .map(|r| r.slug().to_owned()),
    );
    if include_unknown {
        values.push(ELIGIBILITY_UNKNOWN.to_owned());
    }
    values
}

/// What a facet group's filter asks of a listing's values in that group. [`filter_clauses`] turns it
/// into query clauses; `facets` checks it on decoded values. One description keeps the two alike.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct GroupFilter {
    /// At least one of these values; `None` when the group asks no such thing.
    pub any_of: Option<Vec<String>>,
    /// Every one of these values.
    pub all_of: Vec<String>,
    /// None of these values.
    pub none_of: Vec<String>,
}

/// The filter `request` sets on `group`; `None` when the group is not active.
pub(crate) fn group_filter(request: &SearchRequest, group: FacetGroup) -> Option<GroupFilter> {
    if !group.is_active(request) {
        return None;
    }
    let any_of = |values: Vec<String>| GroupFilter {
        any_of: Some(values),
        ..GroupFilter::default()
    };
    let slugs = |slugs: Vec<&str>| slugs.into_iter().map(str::to_owned).collect::<Vec<_>>();
    Some(match group {
        FacetGroup::Family if request.families.is_empty() => GroupFilter {
            none_of: vec![TitleFamily::NonEngineering.slug().to_owned()],
            ..GroupFilter::default()
        },
        FacetGroup::Family => any_of(slugs(request.families.iter().map(|f| f.slug()).collect())),
        FacetGroup::Seniority => any_of(slugs(
            request.seniorities.iter().map(|s| s.slug()).collect(),
        )),
        FacetGroup::Eligibility => any_of(eligibility_values_for_country(
            &requested_country(request)?,
            request.include_unknown_eligibility,
        )),
        FacetGroup::Employment => any_of(slugs(
            request.employment_types.iter().map(|t| t.slug()).collect(),
        )),
        FacetGroup::Workplace if request.workplaces.is_empty() => any_of(slugs(
            WorkplaceType::ALL
                .into_iter()
                .filter(|w| w.is_remote_first())
                .map(|w| w.slug())
                .collect(),
        )),
        FacetGroup::Workplace => {
            any_of(slugs(request.workplaces.iter().map(|w| w.slug()).collect()))
        }
        FacetGroup::Skill => GroupFilter {
            all_of: request.skills.clone(),
            ..GroupFilter::default()
        },
        FacetGroup::Source => any_of(slugs(request.sources.iter().map(|s| s.slug()).collect())),
        FacetGroup::Company => GroupFilter {
            any_of: (!request.companies.is_empty()).then(|| request.companies.clone()),
            all_of: Vec::new(),
            none_of: request.exclude_companies.clone(),
        },
    })
}

fn any_of<'a>(field: Field, values: impl IntoIterator<Item = &'a str>) -> Box<dyn Query> {
    let mut terms: Vec<Term> = values
        .into_iter()
        .map(|v| Term::from_field_text(field, v))
        .collect();
    terms.sort_unstable();
    terms.dedup();
    Box::new(ConstScoreQuery::new(
        Box::new(AnyTermQuery { field, terms }),
        0.0,
    ))
}

/// Documents holding any of `terms`, all of one field. It matches what `TermSetQuery` matches with
/// the same scorer (a bit set of the terms' postings, so intersections order and score alike), but
/// looks the few terms up directly: `TermSetQuery` compiles them into a finite-state transducer
/// first, whose builder allocates a large registry on every search and was a tenth of search time.
#[derive(Debug, Clone)]
struct AnyTermQuery {
    field: Field,
    /// Sorted and deduplicated.
    terms: Vec<Term>,
}

impl Query for AnyTermQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let entry = enable_scoring.schema().get_field_entry(self.field);
        if !entry.field_type().is_indexed() {
            return Err(TantivyError::SchemaError(format!(
                "Field {:?} is not indexed.",
                entry.name()
            )));
        }
        Ok(Box::new(self.clone()))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for term in &self.terms {
            visitor(term, false);
        }
    }
}

impl Weight for AnyTermQuery {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut docs = BitSet::with_max_value(reader.max_doc());
        let inverted = reader.inverted_index(self.field)?;
        for term in &self.terms {
            for_each_doc_holding(&inverted, term, |doc| {
                docs.insert(doc);
            })?;
        }
        Ok(Box::new(ConstScorer::new(BitSetDocSet::from(docs), boost)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) == doc {
            Ok(Explanation::new("AnyTermQuery", 1.0))
        } else {
            Err(TantivyError::InvalidArgument(
                "Document does not exist".to_string(),
            ))
        }
    }
}

/// Calls `f` with every document of the segment holding `term`, a block of postings at a time,
/// without scoring: the cheapest way to turn a term into a set of documents.
pub(crate) fn for_each_doc_holding(
    inverted: &InvertedIndexReader,
    term: &Term,
    mut f: impl FnMut(DocId),
) -> tantivy::Result<()> {
    let Some(info) = inverted.get_term_info(term)? else {
        return Ok(());
    };
    let mut postings =
        inverted.read_block_postings_from_terminfo(&info, IndexRecordOption::Basic)?;
    while !postings.docs().is_empty() {
        postings.docs().iter().copied().for_each(&mut f);
        postings.advance();
    }
    Ok(())
}

fn term(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

fn at_least_i64(field: Field, value: i64) -> Box<dyn Query> {
    Box::new(RangeQuery::new(
        Bound::Included(Term::from_field_i64(field, value)),
        Bound::Unbounded,
    ))
}

fn at_most_i64(field: Field, value: i64) -> Box<dyn Query> {
    Box::new(RangeQuery::new(
        Bound::Unbounded,
        Bound::Included(Term::from_field_i64(field, value)),
    ))
}

/// The clauses of the request's filters: those of the active facet groups `groups` accepts, and
/// all the others (time zone, salary, dates, excluded keywords), to be added to a query that has a
/// `Must`.
pub(crate) fn filter_clauses(
    request: &SearchRequest,
    fields: &Fields,
    analyzer: &mut TextAnalyzer,
    now: DateTime<Utc>,
    groups: impl Fn(FacetGroup) -> bool,
) -> Vec<(Occur, Box<dyn Query>)> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for group in FacetGroup::ALL.into_iter().filter(|&g| groups(g)) {
        let Some(filter) = group_filter(request, group) else {
            continue;
        };
        let field = group.field(fields);
        if let Some(values) = &filter.any_of {
            clauses.push((
                Occur::Must,
                any_of(field, values.iter().map(String::as_str)),
            ));
        }
        for value in &filter.all_of {
            clauses.push((Occur::Must, term(field, value)));
        }
        for value in &filter.none_of {
            clauses.push((Occur::MustNot, term(field, value)));
        }
    }
    if let Some(offset) = request.utc_offset_minutes {
        let offset = i64::from(offset);
        clauses.push((Occur::Must, at_most_i64(fields.utc_min, offset)));
        clauses.push((Occur::Must, at_least_i64(fields.utc_max, offset)));
    }
    if let Some(min_salary) = request.min_salary_usd {
        let reaches: Box<dyn Query> = Box::new(RangeQuery::new(
            Bound::Included(Term::from_field_u64(fields.salary_reach, min_salary)),
            Bound::Unbounded,
        ));
        let query: Box<dyn Query> = if request.include_no_salary {
            let no_salary = Box::new(TermQuery::new(
                Term::from_field_u64(fields.no_salary, 1),
                IndexRecordOption::Basic,
            ));
            Box::new(BooleanQuery::new(vec![
                (Occur::Should, reaches),
                (Occur::Should, no_salary),
            ]))
        } else {
            reaches
        };
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(query, 0.0))));
    }
    if let Some(days) = request.posted_within_days {
        let cutoff = now - Duration::days(i64::from(days));
        clauses.push((
            Occur::Must,
            at_least_i64(fields.recency, cutoff.timestamp()),
        ));
    }
    for keyword in &request.exclude_keywords {
        let words = analyse(analyzer, keyword);
        let clause = match words.len() {
            0 => continue,
            1 => words.into_iter().map(Clause::Word).next(),
            _ => Some(Clause::Phrase(words)),
        };
        if let Some(clause) = clause {
            clauses.push((Occur::MustNot, excluded_clause_query(&clause, fields)));
        }
    }
    clauses
}

/// Combines a text query (or "everything") with filter clauses.
pub(crate) fn combine(
    text: Option<Box<dyn Query>>,
    mut clauses: Vec<(Occur, Box<dyn Query>)>,
) -> Box<dyn Query> {
    if clauses.is_empty() {
        return text.unwrap_or_else(|| Box::new(AllQuery));
    }
    let base: Box<dyn Query> = text.unwrap_or_else(|| Box::new(AllQuery));
    clauses.insert(0, (Occur::Must, base));
    Box::new(BooleanQuery::new(clauses))
}

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
