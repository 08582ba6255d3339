//! `/api/v1/facets`: the facet counts of a search, without its jobs.

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use prepboard_core::search::Facets;
use serde_json::json;

use super::strict_query;
use crate::error::WebError;
use crate::state::AppState;

pub(crate) async fn facets(
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
