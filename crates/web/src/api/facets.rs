//! `/api/v1/facets`: the facet counts of a search, without its jobs.

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa::openapi::path::Operation;

use super::describe::{DocContext, json_operation, strict_search_parameters};
use super::strict_query;
use super::values::FacetsView;
use crate::error::WebError;
use crate::state::AppState;

/// `{"facets": Facets, "meta": {total, query, took_micros}}`.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FacetsResource {
    pub facets: FacetsView,
    pub meta: FacetsMeta,
}

/// How many jobs the search holds, and the search as a canonical query string.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FacetsMeta {
    #[schema(minimum = 0)]
    pub total: u64,
    pub query: String,
    #[schema(minimum = 0)]
    pub took_micros: u64,
}

pub(crate) async fn facets(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, WebError> {
    let query = strict_query(&state, raw.as_deref())?;
    let response = state.counts(query.request.clone()).await?;
    Ok(Json(FacetsResource {
        facets: FacetsView::new(&response.facets),
        meta: FacetsMeta {
            total: response.total,
            query: query.without_page(),
            took_micros: response.took_micros,
        },
    })
    .into_response())
}

pub(crate) fn describe(context: &DocContext<'_>) -> Operation {
    json_operation(
        "getFacets",
        "Facet counts for a search (the same parameters as /api/v1/jobs) without its jobs.",
        strict_search_parameters(context),
        "Counts per facet value; each facet ignores its own filter.",
        "FacetsResource",
        &[(
            "400",
            "A parameter's value is not one this document allows.",
        )],
    )
}
