//! The JSON API under `/api/v1/`, `/healthz` and `/metrics`. Conventions (docs/API.md): plural
//! collections with a `meta` object, snake_case, RFC 3339 UTC times, one error envelope.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use prepboard_core::prep::{MatchBasis, PrepKind};
use prepboard_core::search::{Facets, SearchHit, SearchResponse};
use prepboard_core::{EligibilityScope, EmploymentType, Listing, TitleFamily};
use serde::Serialize;
use serde_json::{Value, json};

use crate::pages::{listing_id, load_listing, source_summaries};
use crate::query::{ParamProblem, SearchQuery};
use crate::{AppState, WebError};

/// The API refuses what pages would quietly ignore: a malformed number is a 400.
fn strict_query(raw: Option<&str>) -> Result<SearchQuery, WebError> {
    let (query, problems) = SearchQuery::parse(raw);
    match problems.into_iter().next() {
        Some(ParamProblem { param, reason }) => Err(WebError::BadParameter {
            param: param.to_owned(),
            reason,
        }),
        None => Ok(query),
    }
}

#[derive(Debug, Serialize)]
struct JobCard<'a> {
    /// The job's page on this site.
    url: String,
    #[serde(flatten)]
    hit: &'a SearchHit,
}

#[derive(Debug, Serialize)]
struct SearchMeta<'a> {
    total: u64,
    page: u32,
    per_page: u32,
    pages: u64,
    /// The search as a canonical query string: the same search as a page is `/?{query}`.
    query: String,
    corrected_query: Option<&'a str>,
    took_micros: u64,
}

fn search_meta<'a>(query: &SearchQuery, response: &'a SearchResponse) -> SearchMeta<'a> {
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

pub async fn jobs(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, WebError> {
    let query = strict_query(raw.as_deref())?;
    let response = state.search(query.request.clone()).await?;
    let base = &state.site().base_url;
    let jobs: Vec<JobCard<'_>> = response
        .hits
        .iter()
        .map(|hit| JobCard {
            url: format!("{base}/jobs/{}", hit.id),
            hit,
        })
        .collect();
    // Written straight from typed values: a `json!` tree would first copy every card into maps.
    Ok(Json(JobsPage {
        jobs,
        facets: &response.facets,
        meta: search_meta(&query, &response),
    })
    .into_response())
}

#[derive(Debug, Serialize)]
struct JobsPage<'a> {
    jobs: Vec<JobCard<'a>>,
    facets: &'a Facets,
    meta: SearchMeta<'a>,
}

pub async fn facets(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, WebError> {
    let query = strict_query(raw.as_deref())?;
    let mut request = query.request.clone();
    request.page = 1;
    request.per_page = 1;
    let response = state.search(request).await?;
    let facets: &Facets = &response.facets;
    Ok(Json(json!({
        "facets": facets,
        "meta": {
            "total": response.total,
            "query": query.without_page(),
            "took_micros": response.took_micros,
        },
    }))
    .into_response())
}

pub async fn job(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = listing_id(&id)?;
    let listing = load_listing(&state, &id).await?;
    let url = format!("{}/jobs/{}", state.site().base_url, listing.id);
    let mut body = serde_json::to_value(&listing).unwrap_or(Value::Null);
    if let Value::Object(fields) = &mut body {
        fields.insert("url".to_owned(), Value::String(url));
    }
    Ok(Json(json!({ "job": body })).into_response())
}

#[derive(Debug, Serialize)]
struct PrepLink<'a> {
    entry_id: &'a str,
    title: &'a str,
    url: &'a str,
    kind: PrepKind,
    summary: &'a str,
    families: &'a [TitleFamily],
    skills: &'a [String],
    basis: MatchBasis,
    score: f32,
    reasons: &'a [String],
}

pub async fn prep(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, WebError> {
    let raw = raw.unwrap_or_default();
    let job = url::form_urlencoded::parse(raw.as_bytes())
        .find(|(name, _)| name == "job")
        .map(|(_, value)| value.into_owned())
        .ok_or_else(|| WebError::BadParameter {
            param: "job".to_owned(),
            reason: "a listing id is required, as in /api/v1/prep?job=<id>".to_owned(),
        })?;
    let id = prepboard_core::ListingId::parse(&job).ok_or_else(|| WebError::BadParameter {
        param: "job".to_owned(),
        reason: format!("`{job}` is not a listing id (16 lowercase hex digits)"),
    })?;
    let listing = load_listing(&state, &id).await?;
    let matcher = Arc::clone(&state.inner.prep);
    let matches = state
        .blocking(move || matcher.match_listing(&listing, 12))
        .await?;
    let catalog = &state.inner.prep;
    let prep: Vec<PrepLink<'_>> = matches
        .iter()
        .filter_map(|matched| {
            let entry = catalog.entry(&matched.entry_id)?;
            Some(PrepLink {
                entry_id: &entry.id,
                title: &entry.title,
                url: &entry.url,
                kind: entry.kind,
                summary: &entry.summary,
                families: &entry.families,
                skills: &entry.skills,
                basis: matched.basis,
                score: matched.score,
                reasons: &matched.reasons,
            })
        })
        .collect();
    Ok(Json(json!({
        "prep": prep,
        "meta": { "job_id": id, "total": prep.len() },
    }))
    .into_response())
}

pub async fn sources(State(state): State<AppState>) -> Result<Response, WebError> {
    let summaries = source_summaries(&state).await?;
    let sources: Vec<Value> = summaries
        .iter()
        .map(|summary| {
            json!({
                "name": summary.source_name,
                "last_run": summary.last_run.as_ref().map(|run| json!({
                    "started_at": run.started_at,
                    "finished_at": run.finished_at,
                    "outcome": run.outcome.as_str(),
                    "http_status": run.http_status,
                    "new": run.new,
                    "updated": run.updated,
                    "unchanged": run.unchanged,
                    "closed": run.closed,
                    "error": run.error,
                })),
                "last_success_at": summary.last_success_at,
                "failures_since_success": summary.failures_since_success,
                "open_listings": summary.open_listings,
            })
        })
        .collect();
    Ok(Json(json!({
        "sources": sources,
        "meta": { "total": summaries.len() },
    }))
    .into_response())
}

/// The hand-written OpenAPI 3.1 description of this API (a test checks every route is in it).
pub const OPENAPI: &str = include_str!("../openapi.json");

pub async fn openapi() -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        OPENAPI,
    )
        .into_response()
}

pub async fn healthz(State(state): State<AppState>) -> Response {
    Json(json!({
        "status": "ok",
        "listings_indexed": state.inner.index.num_listings(),
    }))
    .into_response()
}

pub async fn metrics(State(state): State<AppState>) -> Result<Response, WebError> {
    let summaries = source_summaries(&state).await?;
    let text = state
        .metrics()
        .render(state.inner.index.num_listings(), &summaries);
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        )],
        text,
    )
        .into_response())
}

/// schema.org `JobPosting` for an employer-board listing, as JSON safe to put inside a
/// `<script type="application/ld+json">` element (`<`, `>` and `&` are written as `\u` escapes, so
/// no text in it can close the element).
pub fn job_posting_json_ld(listing: &Listing) -> String {
    let employment = match listing.employment_type {
        EmploymentType::FullTime => Some("FULL_TIME"),
        EmploymentType::PartTime => Some("PART_TIME"),
        EmploymentType::Contract => Some("CONTRACTOR"),
        EmploymentType::Internship => Some("INTERN"),
        EmploymentType::Temporary => Some("TEMPORARY"),
        EmploymentType::Unknown => None,
    };
    let mut posting = json!({
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": listing.title,
        "description": listing.description_html,
        "identifier": { "@type": "PropertyValue", "name": listing.source.display_name(), "value": listing.source_job_id },
        "hiringOrganization": { "@type": "Organization", "name": listing.company.name },
        "datePosted": listing.posted_at.unwrap_or(listing.freshness.first_seen).format("%Y-%m-%d").to_string(),
    });
    if let Value::Object(fields) = &mut posting {
        // The listing comes scrubbed from the store (`load_listing`); the check stays here too,
        // since this is the one place that writes a link for other sites to follow.
        let link = [
            listing.apply_url.as_deref(),
            Some(listing.source_url.as_str()),
        ]
        .into_iter()
        .flatten()
        .find(|url| prepboard_core::normalize::url::is_http_url(url));
        if let Some(link) = link {
            fields.insert("url".to_owned(), json!(link));
        }
        if let Some(employment) = employment {
            fields.insert("employmentType".to_owned(), json!(employment));
        }
        if let Some(valid) = listing.valid_through {
            fields.insert("validThrough".to_owned(), json!(valid));
        }
        if let Some(url) = &listing.company.url
            && prepboard_core::normalize::url::is_http_url(url)
        {
            fields.insert(
                "hiringOrganization".to_owned(),
                json!({ "@type": "Organization", "name": listing.company.name, "sameAs": url }),
            );
        }
        if listing.workplace == prepboard_core::WorkplaceType::Remote {
            fields.insert("jobLocationType".to_owned(), json!("TELECOMMUTE"));
            let requirements: Vec<Value> = match listing.eligibility.scope {
                EligibilityScope::Restricted => listing
                    .eligibility
                    .countries
                    .iter()
                    .map(|code| json!({ "@type": "Country", "name": code }))
                    .collect(),
                _ => Vec::new(),
            };
            if !requirements.is_empty() {
                fields.insert(
                    "applicantLocationRequirements".to_owned(),
                    json!(requirements),
                );
            }
        }
        if let Some(salary) = &listing.salary
            && salary.has_amount()
            && let Some(currency) = &salary.currency
        {
            let unit = match salary.period {
                prepboard_core::SalaryPeriod::Hour => "HOUR",
                prepboard_core::SalaryPeriod::Day => "DAY",
                prepboard_core::SalaryPeriod::Week => "WEEK",
                prepboard_core::SalaryPeriod::Month => "MONTH",
                prepboard_core::SalaryPeriod::Year => "YEAR",
            };
            fields.insert(
                "baseSalary".to_owned(),
                json!({
                    "@type": "MonetaryAmount",
                    "currency": currency,
                    "value": { "@type": "QuantitativeValue", "minValue": salary.min, "maxValue": salary.max, "unitText": unit },
                }),
            );
        }
    }
    script_safe_json(&posting)
}

fn script_safe_json(value: &Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
