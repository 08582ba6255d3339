//! The one search API's request and response, shared by the indexer (which answers), the CLI and
//! the web (which ask). Plain data: no Tantivy types leak out of the indexer.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    Company, Eligibility, EmploymentType, ListingId, Salary, Seniority, SourceKind, TitleFamily,
    WorkplaceType,
};

/// Everything a person can ask of a search. `Default` is "every open listing, most relevant first".
/// With `include_office` and `include_non_engineering` off, a search is the board's remote-first
/// view: remote (or remote-or-office) engineering listings only; an explicit `workplaces` or
/// `families` filter replaces that default for its own group. The entry points people use (the CLI,
/// and the site and API once their parameter table carries the toggles) start from that view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchRequest {
    /// Text as typed: words, "phrases", -exclusions. Never rejected: unparsable parts are dropped.
    pub query: String,
    /// Any of these families.
    pub families: Vec<TitleFamily>,
    /// Any of these levels.
    pub seniorities: Vec<Seniority>,
    /// "I can work from" this ISO country: worldwide listings, listings open to a region holding it,
    /// and listings open to it.
    pub country: Option<String>,
    /// With `country`, also keep listings whose eligibility is unknown.
    pub include_unknown_eligibility: bool,
    /// Keep listings whose UTC band holds this offset (minutes east of UTC), and those with no band.
    pub utc_offset_minutes: Option<i16>,
    /// Minimum yearly salary in USD: listings whose range reaches it.
    pub min_salary_usd: Option<u64>,
    /// With `min_salary_usd`, also keep listings that state no salary.
    pub include_no_salary: bool,
    pub employment_types: Vec<EmploymentType>,
    pub workplaces: Vec<WorkplaceType>,
    /// Also keep hybrid, on-site and not-stated listings (ignored when `workplaces` is set).
    pub include_office: bool,
    /// Also keep non-engineering roles (ignored when `families` is set).
    pub include_non_engineering: bool,
    /// Posted (or, lacking a date, first seen) within this many days of `now`.
    pub posted_within_days: Option<u32>,
    /// All of these canonical skill ids.
    pub skills: Vec<String>,
    /// Any of these companies (exact names).
    pub companies: Vec<String>,
    pub exclude_companies: Vec<String>,
    /// Listings mentioning any of these words are dropped.
    pub exclude_keywords: Vec<String>,
    /// Any of these sources.
    pub sources: Vec<SourceKind>,
    pub sort: SortOrder,
    /// 1-based.
    pub page: u32,
    pub per_page: u32,
    /// The reference time for `posted_within_days`; `None` means the current time.
    pub now: Option<DateTime<Utc>>,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            query: String::new(),
            families: Vec::new(),
            seniorities: Vec::new(),
            country: None,
            include_unknown_eligibility: false,
            utc_offset_minutes: None,
            min_salary_usd: None,
            include_no_salary: false,
            employment_types: Vec::new(),
            workplaces: Vec::new(),
            include_office: true,
            include_non_engineering: true,
            posted_within_days: None,
            skills: Vec::new(),
            companies: Vec::new(),
            exclude_companies: Vec::new(),
            exclude_keywords: Vec::new(),
            sources: Vec::new(),
            sort: SortOrder::Relevance,
            page: 1,
            per_page: 20,
            now: None,
        }
    }
}

impl SearchRequest {
    /// The most results one page may ask for.
    pub const MAX_PER_PAGE: u32 = 100;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    /// Best match first; newest first when there is no query text.
    #[default]
    Relevance,
    Newest,
    /// Highest yearly USD maximum first; listings without a salary last.
    Salary,
}

impl SortOrder {
    pub fn slug(self) -> &'static str {
        match self {
            SortOrder::Relevance => "relevance",
            SortOrder::Newest => "newest",
            SortOrder::Salary => "salary",
        }
    }

    pub const ALL: [SortOrder; 3] = [SortOrder::Relevance, SortOrder::Newest, SortOrder::Salary];

    pub fn from_slug(slug: &str) -> Option<Self> {
        SortOrder::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

impl std::str::FromStr for SortOrder {
    type Err = crate::taxonomy::UnknownMember;
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        crate::taxonomy::member_by_slug("sort order", value, &SortOrder::ALL, SortOrder::slug)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResponse {
    /// Matching clusters (duplicates collapsed), across all pages.
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
    pub hits: Vec<SearchHit>,
    pub facets: Facets,
    /// Set when exact terms found too little and the typo-tolerant retry was used:
    /// the query as it was understood, for "showing results for …".
    pub corrected_query: Option<String>,
    /// Time spent in the index, in microseconds.
    pub took_micros: u64,
}

/// What a result card needs, read from the index's stored fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
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
    pub posted_at: Option<DateTime<Utc>>,
    pub first_seen: DateTime<Utc>,
    /// Other sources the same job was seen on (its duplicate cluster).
    pub also_on: Vec<SourceLink>,
    /// A short excerpt of the description with matched words in `<mark>`; all other text escaped.
    pub snippet_html: String,
    pub score: f32,
}

/// A place a listing was seen, for "also on" links.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceLink {
    pub source: SourceKind,
    pub url: String,
}

/// Counts for each filter's values. Each facet applies every active filter except its own, so
/// choosing "senior" still shows how many "staff" jobs there are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Facets {
    pub families: Vec<FacetCount>,
    pub seniorities: Vec<FacetCount>,
    /// Worldwide, regions and countries that listings are open to.
    pub eligibility: Vec<FacetCount>,
    pub employment_types: Vec<FacetCount>,
    pub workplaces: Vec<FacetCount>,
    pub skills: Vec<FacetCount>,
    pub sources: Vec<FacetCount>,
    pub companies: Vec<FacetCount>,
    /// How many more results each widening of the default view would add (API v1.1's
    /// `facets.hidden`, documented in docs/API.md).
    #[serde(default)]
    pub hidden: HiddenCounts,
}

/// What the remote-first default view leaves out, with every other filter applied: the counts the
/// "include office jobs" and "include non-engineering roles" toggles show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HiddenCounts {
    /// Listings `include_office` would add (0 when it is already on or `workplaces` is set).
    pub office: u64,
    /// Listings `include_non_engineering` would add (0 when it is on or `families` is set).
    pub non_engineering: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    /// The value as it goes in a request (a slug, a skill id, a company name).
    pub value: String,
    pub label: String,
    pub count: u64,
}
