//! The filters of a [`SearchRequest`] as Tantivy queries: one [`FacetGroup`] per facet filter
//! (its counts ignore it), the remote-first [`DefaultView`], and the range filters (time zone,
//! salary, posting age).

use std::ops::Bound;

use chrono::{DateTime, Duration, Utc};
use prepboard_core::normalize::countries;
use prepboard_core::search::SearchRequest;
use prepboard_core::{TitleFamily, WorkplaceType};
use tantivy::index::InvertedIndexReader;
use tantivy::query::{
    AllQuery, BitSetDocSet, BooleanQuery, ConstScoreQuery, ConstScorer, EnableScoring, Explanation,
    Occur, Query, RangeQuery, Scorer, TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{BitSet, DocId, DocSet, Score, SegmentReader, TantivyError, Term};

use crate::schema::{ELIGIBILITY_UNKNOWN, ELIGIBILITY_WORLDWIDE, Fields};

use super::*;

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
        countries::regions_containing(country)
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
