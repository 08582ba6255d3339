//! `/api/v1/jobs` (a search: job cards, facets and paging) and `/api/v1/jobs/{id}` (one listing),
//! with the types they write: [`JobCard`], [`Job`] and their collections.

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use prepboard_core::search::{SearchHit, SearchResponse, SourceLink};
use prepboard_core::{Listing, Sighting, SkillMention, SkillPlace};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa::openapi::path::{Operation, ParameterIn};

use super::describe::{DocContext, id_parameter, json_operation, strict_search_parameters};
use super::strict_query;
use super::values::{
    CompanyView, EligibilityView, FacetsView, SalaryView, employment_schema, family_schema, one_of,
    seniority_schema, source_schema, workplace_schema,
};
use crate::error::WebError;
use crate::params::SearchQuery;
use crate::state::{AppState, listing_id};

/// One search result: what a result card shows.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct JobCard<'a> {
    /// The job's page on this site.
    #[schema(format = "uri")]
    pub url: String,
    #[schema(pattern = "^[0-9a-f]{16}$")]
    pub id: &'a str,
    pub title: &'a str,
    pub company: CompanyView<'a>,
    #[schema(schema_with = source_schema)]
    pub source: &'static str,
    /// The job's page on its source: the link-back its terms ask for.
    pub source_url: &'a str,
    pub apply_url: Option<&'a str>,
    #[schema(schema_with = family_schema)]
    pub family: &'static str,
    #[schema(schema_with = seniority_schema)]
    pub seniority: &'static str,
    #[schema(schema_with = employment_schema)]
    pub employment_type: &'static str,
    #[schema(schema_with = workplace_schema)]
    pub workplace: &'static str,
    /// The location as the source gave it.
    pub location_text: &'a str,
    pub salary: Option<SalaryView<'a>>,
    pub eligibility: EligibilityView<'a>,
    /// Canonical skill ids, most prominent first.
    pub skills: &'a [String],
    pub posted_at: Option<DateTime<Utc>>,
    pub first_seen: DateTime<Utc>,
    /// Other places the same job was seen.
    pub also_on: Vec<AlsoOn<'a>>,
    /// Escaped text with matched words in `<mark>`.
    pub snippet_html: &'a str,
    pub score: f32,
}

/// Another place a job was seen, for "also on" links.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct AlsoOn<'a> {
    #[schema(schema_with = source_schema)]
    pub source: &'static str,
    pub url: &'a str,
}

impl<'a> JobCard<'a> {
    pub fn new(hit: &'a SearchHit, base_url: &str) -> JobCard<'a> {
        JobCard {
            url: format!("{base_url}/jobs/{}", hit.id),
            id: hit.id.as_str(),
            title: &hit.title,
            company: CompanyView::new(&hit.company),
            source: hit.source.slug(),
            source_url: &hit.source_url,
            apply_url: hit.apply_url.as_deref(),
            family: hit.family.slug(),
            seniority: hit.seniority.slug(),
            employment_type: hit.employment_type.slug(),
            workplace: hit.workplace.slug(),
            location_text: &hit.location_text,
            salary: hit.salary.as_ref().map(SalaryView::new),
            eligibility: EligibilityView::new(&hit.eligibility),
            skills: &hit.skills,
            posted_at: hit.posted_at,
            first_seen: hit.first_seen,
            also_on: hit.also_on.iter().map(AlsoOn::new).collect(),
            snippet_html: &hit.snippet_html,
            score: hit.score,
        }
    }
}

impl<'a> AlsoOn<'a> {
    fn new(link: &'a SourceLink) -> AlsoOn<'a> {
        AlsoOn {
            source: link.source.slug(),
            url: &link.url,
        }
    }
}

/// The paging and timing of a search.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SearchMeta<'a> {
    #[schema(minimum = 0)]
    pub total: u64,
    #[schema(minimum = 1)]
    pub page: u32,
    #[schema(minimum = 1)]
    pub per_page: u32,
    #[schema(minimum = 0)]
    pub pages: u64,
    /// The search as a canonical query string: the same search as a page is `/?{query}`.
    pub query: String,
    /// Set when the typo-tolerant retry was used: the query as it was understood.
    pub corrected_query: Option<&'a str>,
    #[schema(minimum = 0)]
    pub took_micros: u64,
}

impl<'a> SearchMeta<'a> {
    pub(crate) fn new(query: &SearchQuery, response: &'a SearchResponse) -> SearchMeta<'a> {
        SearchMeta {
            total: response.total,
            page: response.page,
            per_page: response.per_page,
            pages: response.total.div_ceil(u64::from(response.per_page.max(1))),
            query: query.without_page(),
            corrected_query: response.corrected_query.as_deref(),
            took_micros: response.took_micros,
        }
    }
}

/// One page of matching jobs, the facet counts and the paging.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct JobsPage<'a> {
    pub jobs: Vec<JobCard<'a>>,
    pub facets: FacetsView,
    pub meta: SearchMeta<'a>,
}

pub(crate) async fn jobs(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, WebError> {
    let query = strict_query(&state, raw.as_deref())?;
    let response = state.search(query.request.clone()).await?;
    let base = &state.site().base_url;
    // Written straight from typed values: a `json!` tree would first copy every card into maps.
    Ok(Json(JobsPage {
        jobs: response
            .hits
            .iter()
            .map(|hit| JobCard::new(hit, base))
            .collect(),
        facets: FacetsView::new(&response.facets),
        meta: SearchMeta::new(&query, &response),
    })
    .into_response())
}

/// One listing, open or closed, with its description, skills, freshness and sightings.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Job<'a> {
    /// The job's page on this site.
    #[schema(format = "uri")]
    pub url: String,
    #[schema(pattern = "^[0-9a-f]{16}$")]
    pub id: &'a str,
    #[schema(schema_with = source_schema)]
    pub source: &'static str,
    /// The source's own id for the job.
    pub source_job_id: &'a str,
    /// The job's page on its source: the link-back its terms ask for.
    pub source_url: &'a str,
    pub apply_url: Option<&'a str>,
    pub title: &'a str,
    pub company: CompanyView<'a>,
    /// Sanitised HTML.
    pub description_html: &'a str,
    pub description_text: &'a str,
    pub tags: &'a [String],
    #[schema(schema_with = employment_schema)]
    pub employment_type: &'static str,
    #[schema(schema_with = workplace_schema)]
    pub workplace: &'static str,
    /// The location as the source gave it.
    pub location_text: &'a str,
    pub eligibility: EligibilityView<'a>,
    pub salary: Option<SalaryView<'a>>,
    #[schema(schema_with = seniority_schema)]
    pub seniority: &'static str,
    #[schema(schema_with = family_schema)]
    pub family: &'static str,
    pub skills: Vec<SkillView<'a>>,
    pub posted_at: Option<DateTime<Utc>>,
    pub valid_through: Option<DateTime<Utc>>,
    /// When the payload this listing came from was fetched.
    pub fetched_at: DateTime<Utc>,
    /// True for listings loaded from the bundled offline snapshot.
    pub from_snapshot: bool,
    pub freshness: FreshnessView,
    /// Every place the job was seen, its primary source first.
    pub sightings: Vec<SightingView<'a>>,
}

/// A skill a listing asks for, with how prominently.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SkillView<'a> {
    /// Canonical skill id.
    pub skill: &'a str,
    #[schema(minimum = 0)]
    pub mentions: u32,
    #[schema(schema_with = place_schema)]
    pub place: &'static str,
}

const PLACES: [SkillPlace; 3] = [
    SkillPlace::Title,
    SkillPlace::Requirements,
    SkillPlace::Body,
];

fn place_name(place: SkillPlace) -> &'static str {
    match place {
        SkillPlace::Title => "title",
        SkillPlace::Requirements => "requirements",
        SkillPlace::Body => "body",
    }
}

fn place_schema() -> utoipa::openapi::RefOr<utoipa::openapi::Schema> {
    utoipa::openapi::RefOr::T(utoipa::openapi::Schema::Object(
        one_of(PLACES.map(place_name)).build(),
    ))
}

/// When prepboard first and last saw a listing, and when it decided it had closed.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FreshnessView {
    pub first_seen: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
}

/// One place a listing was seen.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SightingView<'a> {
    #[schema(schema_with = source_schema)]
    pub source: &'static str,
    pub source_job_id: &'a str,
    /// The job's page on that source (the link-back).
    pub url: &'a str,
    pub first_seen: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    /// Why this sighting was merged into the listing; `null` for the one that created it.
    pub merge_reason: Option<&'a str>,
}

impl<'a> Job<'a> {
    pub fn new(listing: &'a Listing, base_url: &str) -> Job<'a> {
        Job {
            url: format!("{base_url}/jobs/{}", listing.id),
            id: listing.id.as_str(),
            source: listing.source.slug(),
            source_job_id: &listing.source_job_id,
            source_url: &listing.source_url,
            apply_url: listing.apply_url.as_deref(),
            title: &listing.title,
            company: CompanyView::new(&listing.company),
            description_html: &listing.description_html,
            description_text: &listing.description_text,
            tags: &listing.tags,
            employment_type: listing.employment_type.slug(),
            workplace: listing.workplace.slug(),
            location_text: &listing.location_text,
            eligibility: EligibilityView::new(&listing.eligibility),
            salary: listing.salary.as_ref().map(SalaryView::new),
            seniority: listing.seniority.slug(),
            family: listing.family.slug(),
            skills: listing.skills.iter().map(SkillView::new).collect(),
            posted_at: listing.posted_at,
            valid_through: listing.valid_through,
            fetched_at: listing.fetched_at,
            from_snapshot: listing.from_snapshot,
            freshness: FreshnessView {
                first_seen: listing.freshness.first_seen,
                last_seen: listing.freshness.last_seen,
                closed_at: listing.freshness.closed_at,
            },
            sightings: listing.sightings.iter().map(SightingView::new).collect(),
        }
    }
}

impl<'a> SkillView<'a> {
    fn new(mention: &'a SkillMention) -> SkillView<'a> {
        SkillView {
            skill: &mention.skill,
            mentions: mention.mentions,
            place: place_name(mention.place),
        }
    }
}

impl<'a> SightingView<'a> {
    fn new(sighting: &'a Sighting) -> SightingView<'a> {
        SightingView {
            source: sighting.source.slug(),
            source_job_id: &sighting.source_job_id,
            url: &sighting.url,
            first_seen: sighting.first_seen,
            last_seen: sighting.last_seen,
            closed_at: sighting.closed_at,
            merge_reason: sighting.merge_reason.as_deref(),
        }
    }
}

/// `{"job": Job}`.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct JobResource<'a> {
    pub job: Job<'a>,
}

pub(crate) async fn job(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = listing_id(&id)?;
    let listing = state.listing(&id).await?;
    Ok(Json(JobResource {
        job: Job::new(&listing, &state.site().base_url),
    })
    .into_response())
}

pub(crate) fn describe_search(context: &DocContext<'_>) -> Operation {
    json_operation(
        "searchJobs",
        "Search open jobs with the same parameters as the search page.",
        strict_search_parameters(context),
        "One page of matching jobs, the facet counts and the paging metadata.",
        "JobsPage",
        &[(
            "400",
            "A parameter's value is not one this document allows.",
        )],
    )
}

pub(crate) fn describe_job(_: &DocContext<'_>) -> Operation {
    json_operation(
        "getJob",
        "One listing, open or closed, with its sightings and freshness.",
        vec![id_parameter(
            "id",
            ParameterIn::Path,
            None,
            "The listing's id (16 lowercase hex digits); any other text is simply not found.",
        )],
        "The listing.",
        "JobResource",
        &[("404", "No listing has this id.")],
    )
}
