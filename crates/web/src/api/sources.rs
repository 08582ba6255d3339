//! `/api/v1/sources`: each source's last run, counts, error and open listings.

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::error::WebError;
use crate::state::AppState;

pub(crate) async fn sources(State(state): State<AppState>) -> Result<Response, WebError> {
    let summaries = state.source_summaries().await?;
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
