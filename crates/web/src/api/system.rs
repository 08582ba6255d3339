//! The machine endpoints: the OpenAPI document, the health check and the Prometheus metrics.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa::openapi::path::Operation;

use super::describe::{DocContext, json_operation, text_operation};
use crate::error::WebError;
use crate::state::AppState;

/// The generated document, rendered once when the router is built.
#[derive(Debug, Clone)]
pub(crate) struct OpenApiJson(pub Arc<str>);

pub(crate) async fn openapi(Extension(document): Extension<OpenApiJson>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        document.0.to_string(),
    )
        .into_response()
}

pub(crate) fn describe_openapi(_: &DocContext<'_>) -> Operation {
    text_operation(
        "getOpenApi",
        "This document.",
        Vec::new(),
        "application/json",
        "OpenAPI 3.1",
    )
}

/// Whether the server can read its index, and how many listings it holds.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Health {
    #[schema(schema_with = status_schema)]
    pub status: &'static str,
    #[schema(minimum = 0)]
    pub listings_indexed: u64,
}

fn status_schema() -> utoipa::openapi::RefOr<utoipa::openapi::Schema> {
    utoipa::openapi::RefOr::T(utoipa::openapi::Schema::Object(
        super::values::one_of(["ok"]).build(),
    ))
}

pub(crate) async fn healthz(State(state): State<AppState>) -> Response {
    Json(Health {
        status: "ok",
        listings_indexed: state.index().num_listings(),
    })
    .into_response()
}

pub(crate) fn describe_health(_: &DocContext<'_>) -> Operation {
    json_operation(
        "health",
        "Liveness: answers while the server can read its index.",
        Vec::new(),
        "OK",
        "Health",
        &[],
    )
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

pub(crate) fn describe_metrics(_: &DocContext<'_>) -> Operation {
    text_operation(
        "metrics",
        "Prometheus text exposition: request and search latency, listings indexed, per-source freshness.",
        Vec::new(),
        "text/plain",
        "Prometheus text format 0.0.4",
    )
}
