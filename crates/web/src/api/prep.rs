//! `/api/v1/prep?job={id}`: the interview-prep entries matched to one job, best first, with why.

use std::sync::Arc;

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use prepboard_core::TitleFamily;
use prepboard_core::prep::{MatchBasis, PrepKind};
use serde::Serialize;
use serde_json::json;

use crate::error::WebError;
use crate::state::AppState;

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

pub(crate) async fn prep(
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
    let listing = state.listing(&id).await?;
    let matcher = Arc::clone(state.prep());
    let matches = state
        .blocking(move || matcher.match_listing(&listing, 12))
        .await?;
    let catalog = state.prep();
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
