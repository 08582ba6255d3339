//! `/api/v1/jobs` (a search: job cards, facets and paging) and `/api/v1/jobs/{id}` (one listing).

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Response};
use prepboard_core::search::{Facets, SearchHit, SearchResponse};
use serde::Serialize;
use serde_json::{Value, json};

use super::strict_query;
use crate::error::WebError;
use crate::params::SearchQuery;
use crate::state::{AppState, listing_id};

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

#[derive(Debug, Serialize)]
struct JobsPage<'a> {
    jobs: Vec<JobCard<'a>>,
    facets: &'a Facets,
    meta: SearchMeta<'a>,
}

pub(crate) async fn jobs(
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

pub(crate) async fn job(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = listing_id(&id)?;
    let listing = state.listing(&id).await?;
    let url = format!("{}/jobs/{}", state.site().base_url, listing.id);
    let mut body = serde_json::to_value(&listing).unwrap_or(Value::Null);
    if let Value::Object(fields) = &mut body {
        fields.insert("url".to_owned(), Value::String(url));
    }
    Ok(Json(json!({ "job": body })).into_response())
}
