//! The machine endpoints: the OpenAPI document, the health check and the Prometheus metrics.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::error::WebError;
use crate::state::AppState;

/// The hand-written OpenAPI 3.1 description of this API (a test checks every route is in it).
pub const OPENAPI: &str = include_str!("../../openapi.json");

pub(crate) async fn openapi() -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        OPENAPI,
    )
        .into_response()
}

pub(crate) async fn healthz(State(state): State<AppState>) -> Response {
    Json(json!({
        "status": "ok",
        "listings_indexed": state.index().num_listings(),
    }))
    .into_response()
}

pub(crate) async fn metrics(State(state): State<AppState>) -> Result<Response, WebError> {
    let summaries = state.source_summaries().await?;
    let text = state
        .metrics()
        .render(state.index().num_listings(), &summaries);
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        )],
        text,
    )
        .into_response())
}
