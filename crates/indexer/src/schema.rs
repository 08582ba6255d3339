//! The index schema, in one place: every field, how it is analysed, and how a [`Listing`] becomes a
//! Tantivy document.
//!
//! Three kinds of field:
//! - **text** (`title`, `company`, `skills`, `description`): analysed with positions for phrases;
//!   only `description` is stored, because snippets and "more like this" need its words back;
//! - **facet** fields: one raw token per value, indexed (filters are term queries) and fast (facet
//!   counts read the columnar ordinals, never stored documents);
//! - **fast** numbers: dates as UTC seconds, yearly USD salaries and the UTC band, for range filters
//!   and sorts.
//!
//! A result card comes from `card`, a stored compact JSON of [`StoredCard`], so a hit costs one
//! stored-document read.

use prepboard_core::search::SourceLink;
use prepboard_core::{
    Company, Eligibility, EligibilityScope, EmploymentType, Listing, ListingId, Salary, Seniority,
    SourceKind, TitleFamily, WorkplaceType,
};
use serde::{Deserialize, Serialize};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::{Index, TantivyDocument};

/// Bump whenever a field, its options, the analyser or the on-disk settings change: an index built
/// by another version reports [`crate::SearchIndex::needs_rebuild`] instead of answering wrongly
/// (or, for settings, slowly).
///
/// 2: doc-store blocks of 4 kB instead of 16 kB.
pub const SCHEMA_VERSION: u32 = 2;

/// The analyser of every text field: words of letters and digits, lower-cased, accents folded.
/// No stemming, so a typo retry at edit distance 1 compares the words people actually typed.
pub(crate) const TEXT_ANALYZER: &str = "prepboard_text";

/// Eligibility facet values: `worldwide`, `unknown`, a region slug (lower case) or a country code
/// (upper case), so the two never collide.
pub(crate) const ELIGIBILITY_WORLDWIDE: &str = "worldwide";
pub(crate) const ELIGIBILITY_UNKNOWN: &str = "unknown";

/// Sentinels of `utc_min`/`utc_max` for a listing with no band, chosen so that "the band holds the
/// offset, or there is no band" is one pair of range conditions.
pub(crate) const NO_BAND_MIN: i64 = -100_000;
pub(crate) const NO_BAND_MAX: i64 = 100_000;

/// Handles of every field. Built from [`build_schema`]; the same handles are valid on every index
/// this build creates.
#[derive(Debug, Clone)]
pub(crate) struct Fields {
    pub id: Field,
    pub card: Field,
    pub title: Field,
    pub company_text: Field,
    pub skills_text: Field,
    pub description: Field,
    pub family: Field,
    pub seniority: Field,
    pub eligibility: Field,
    pub employment: Field,
    pub workplace: Field,
    pub skill: Field,
    pub source: Field,
    pub company: Field,
    pub posted_at: Field,
    pub first_seen: Field,
    /// `posted_at`, or `first_seen` when the source gave no date: what "newest" and "posted within"
    /// mean.
    pub recency: Field,
    pub salary_min: Field,
    pub salary_max: Field,
    /// The top of the range (the bottom when there is no top): what "minimum salary" compares.
    /// Absent when the listing has no yearly USD figure.
    pub salary_reach: Field,
    /// `salary_reach`, or 0: always present, so sorting by salary puts listings without one last.
    pub salary_sort: Field,
    /// Set only on listings without a yearly USD figure (`1`), for "include listings without salary".
    pub no_salary: Field,
    pub utc_min: Field,
    pub utc_max: Field,
}

pub(crate) const FIELD_RECENCY: &str = "recency";
pub(crate) const FIELD_SALARY_SORT: &str = "salary_sort";

pub(crate) fn build_schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = |stored: bool| {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(TEXT_ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let options = TextOptions::default().set_indexing_options(indexing);
        if stored {
            options.set_stored()
        } else {
            options
        }
    };
    let facet = || STRING.set_fast("raw");
    let fields = Fields {
        id: builder.add_text_field("id", STRING | STORED),
        card: builder.add_text_field("card", STORED),
        title: builder.add_text_field("title", text(false)),
        company_text: builder.add_text_field("company_text", text(false)),
        skills_text: builder.add_text_field("skills_text", text(false)),
        description: builder.add_text_field("description", text(true)),
        family: builder.add_text_field("family", facet()),
        seniority: builder.add_text_field("seniority", facet()),
        eligibility: builder.add_text_field("eligibility", facet()),
        employment: builder.add_text_field("employment", facet()),
        workplace: builder.add_text_field("workplace", facet()),
        skill: builder.add_text_field("skill", facet()),
        source: builder.add_text_field("source", facet()),
        company: builder.add_text_field("company", facet()),
        posted_at: builder.add_i64_field("posted_at", FAST),
        first_seen: builder.add_i64_field("first_seen", FAST),
        recency: builder.add_i64_field(FIELD_RECENCY, FAST),
        salary_min: builder.add_u64_field("salary_min", FAST),
        salary_max: builder.add_u64_field("salary_max", FAST),
        salary_reach: builder.add_u64_field("salary_reach", FAST),
        salary_sort: builder.add_u64_field(FIELD_SALARY_SORT, FAST),
        no_salary: builder.add_u64_field("no_salary", INDEXED),
        utc_min: builder.add_i64_field("utc_min", FAST),
        utc_max: builder.add_i64_field("utc_max", FAST),
    };
    (builder.build(), fields)
}

/// Registers the analyser the text fields name; needed on every [`Index`] before use.
pub(crate) fn register_analyzers(index: &Index) {
    let analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    index.tokenizers().register(TEXT_ANALYZER, analyzer);
}

/// The result-card fields of a listing, stored as one compact JSON value.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct StoredCard {
    pub id: ListingId,
    pub title: String,
    pub company: Company,
    pub source: SourceKind,
    pub source_url: String,
    pub apply_url: Option<String>,
    pub family: TitleFamily,
    pub seniority: Seniority,
    pub employment_type: EmploymentType,
    pub workplace: WorkplaceType,
    pub location_text: String,
    pub salary: Option<Salary>,
    pub eligibility: Eligibility,
    pub skills: Vec<String>,
    pub posted_at: Option<chrono::DateTime<chrono::Utc>>,
    pub first_seen: chrono::DateTime<chrono::Utc>,
    pub also_on: Vec<SourceLink>,
}

impl StoredCard {
    fn of(listing: &Listing) -> Self {
        StoredCard {
            id: listing.id.clone(),
            title: listing.title.clone(),
            company: listing.company.clone(),
            source: listing.source,
            source_url: listing.source_url.clone(),
            apply_url: listing.apply_url.clone(),
            family: listing.family,
            seniority: listing.seniority,
            employment_type: listing.employment_type,
            workplace: listing.workplace,
            location_text: listing.location_text.clone(),
            salary: listing.salary.clone(),
            eligibility: listing.eligibility.clone(),
            skills: listing.skill_ids().map(str::to_owned).collect(),
            posted_at: listing.posted_at,
            first_seen: listing.freshness.first_seen,
            also_on: also_on(listing),
        }
    }
}

/// The other sources of a listing's duplicate cluster: its sightings on a source other than its own,
/// one link per source.
pub(crate) fn also_on(listing: &Listing) -> Vec<SourceLink> {
    let mut links: Vec<SourceLink> = Vec::new();
    for sighting in &listing.sightings {
        if sighting.source != listing.source && !links.iter().any(|l| l.source == sighting.source) {
            links.push(SourceLink {
                source: sighting.source,
                url: sighting.url.clone(),
            });
        }
    }
    links
}

/// The yearly USD figure "minimum salary" compares: the top of the range, else its bottom.
pub fn salary_reach(salary: Option<&Salary>) -> Option<u64> {
    salary.and_then(|s| s.yearly_usd_max.or(s.yearly_usd_min))
}

/// The values a listing contributes to the eligibility facet.
pub(crate) fn eligibility_values(eligibility: &Eligibility) -> Vec<String> {
    match eligibility.scope {
        EligibilityScope::Worldwide => vec![ELIGIBILITY_WORLDWIDE.to_owned()],
        EligibilityScope::Unknown => vec![ELIGIBILITY_UNKNOWN.to_owned()],
        EligibilityScope::Restricted => eligibility
            .regions
            .iter()
            .map(|region| region.slug().to_owned())
            .chain(eligibility.countries.iter().map(|c| c.to_ascii_uppercase()))
            .collect(),
    }
}

/// The listing's recency as UTC seconds: when it was posted, or first seen when the source gave no date.
pub fn recency_seconds(listing: &Listing) -> i64 {
    listing
        .posted_at
        .unwrap_or(listing.freshness.first_seen)
        .timestamp()
}

pub(crate) fn to_document(listing: &Listing, fields: &Fields) -> Result<TantivyDocument, String> {
    let card = serde_json::to_string(&StoredCard::of(listing)).map_err(|e| e.to_string())?;
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, listing.id.as_str());
    doc.add_text(fields.card, card);
    doc.add_text(fields.title, &listing.title);
    doc.add_text(fields.company_text, &listing.company.name);
    let skill_words: Vec<&str> = listing.skill_ids().collect();
    doc.add_text(fields.skills_text, skill_words.join(" "));
    doc.add_text(fields.description, &listing.description_text);
    doc.add_text(fields.family, listing.family.slug());
    doc.add_text(fields.seniority, listing.seniority.slug());
    for value in eligibility_values(&listing.eligibility) {
        doc.add_text(fields.eligibility, value);
    }
    doc.add_text(fields.employment, listing.employment_type.slug());
    doc.add_text(fields.workplace, listing.workplace.slug());
    for skill in listing.skill_ids() {
        doc.add_text(fields.skill, skill);
    }
    doc.add_text(fields.source, listing.source.slug());
    doc.add_text(fields.company, &listing.company.name);
    if let Some(posted_at) = listing.posted_at {
        doc.add_i64(fields.posted_at, posted_at.timestamp());
    }
    doc.add_i64(fields.first_seen, listing.freshness.first_seen.timestamp());
    doc.add_i64(fields.recency, recency_seconds(listing));
    let salary = listing.salary.as_ref();
    if let Some(min) = salary.and_then(|s| s.yearly_usd_min) {
        doc.add_u64(fields.salary_min, min);
    }
    if let Some(max) = salary.and_then(|s| s.yearly_usd_max) {
        doc.add_u64(fields.salary_max, max);
    }
    match salary_reach(salary) {
        Some(reach) => {
            doc.add_u64(fields.salary_reach, reach);
            doc.add_u64(fields.salary_sort, reach);
        }
        None => {
            doc.add_u64(fields.salary_sort, 0);
            doc.add_u64(fields.no_salary, 1);
        }
    }
    let (band_min, band_max) = match listing.eligibility.utc_band {
        Some(band) => (
            i64::from(band.min_offset_minutes),
            i64::from(band.max_offset_minutes),
        ),
        None => (NO_BAND_MIN, NO_BAND_MAX),
    };
    doc.add_i64(fields.utc_min, band_min);
    doc.add_i64(fields.utc_max, band_max);
    Ok(doc)
}
