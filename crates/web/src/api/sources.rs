//! `/api/v1/sources`: each source's last run, counts, error and open listings.

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use prepboard_store::{FetchOutcomeKind, FetchRun, SourceSummary};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa::openapi::path::Operation;

use super::describe::{DocContext, json_operation};
use super::values::one_of;
use crate::error::WebError;
use crate::state::AppState;

/// One configured source and how its fetching goes.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Source<'a> {
    /// The configured source ("greenhouse:acme", "wwr").
    pub name: &'a str,
    pub last_run: Option<Run<'a>>,
    pub last_success_at: Option<DateTime<Utc>>,
    /// Failed runs since the last success.
    #[schema(minimum = 0)]
    pub failures_since_success: u64,
    #[schema(minimum = 0)]
    pub open_listings: u64,
}

/// One fetch attempt.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Run<'a> {
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    #[schema(schema_with = outcome_schema)]
    pub outcome: &'static str,
    #[schema(minimum = 100, maximum = 599)]
    pub http_status: Option<u16>,
    #[schema(minimum = 0)]
    pub new: u64,
    #[schema(minimum = 0)]
    pub updated: u64,
    #[schema(minimum = 0)]
    pub unchanged: u64,
    #[schema(minimum = 0)]
    pub closed: u64,
    pub error: Option<&'a str>,
}

const OUTCOMES: [FetchOutcomeKind; 5] = [
    FetchOutcomeKind::Success,
    FetchOutcomeKind::NotModified,
    FetchOutcomeKind::Failed,
    FetchOutcomeKind::Suspect,
    FetchOutcomeKind::Skipped,
];

fn outcome_name(outcome: FetchOutcomeKind) -> &'static str {
    match outcome {
        FetchOutcomeKind::Success => "success",
        FetchOutcomeKind::NotModified => "not_modified",
        FetchOutcomeKind::Failed => "failed",
        // Read, but held: it would have closed too much at once (`prepboard sources` says why).
        FetchOutcomeKind::Suspect => "suspect",
        FetchOutcomeKind::Skipped => "skipped",
    }
}

fn outcome_schema() -> utoipa::openapi::RefOr<utoipa::openapi::Schema> {
    utoipa::openapi::RefOr::T(utoipa::openapi::Schema::Object(
        one_of(OUTCOMES.map(outcome_name)).build(),
    ))
}

impl<'a> Source<'a> {
    pub(crate) fn new(summary: &'a SourceSummary) -> Source<'a> {
        Source {
            name: &summary.source_name,
            last_run: summary.last_run.as_ref().map(Run::new),
            last_success_at: summary.last_success_at,
            failures_since_success: summary.failures_since_success,
            open_listings: summary.open_listings,
        }
    }
}

impl<'a> Run<'a> {
    fn new(run: &'a FetchRun) -> Run<'a> {
        Run {
            started_at: run.started_at,
            finished_at: run.finished_at,
            outcome: outcome_name(run.outcome),
            http_status: run.http_status,
            new: run.new,
            updated: run.updated,
            unchanged: run.unchanged,
            closed: run.closed,
            error: run.error.as_deref(),
        }
    }
}

/// `{"sources": [Source], "meta": {total}}`.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Sources<'a> {
    pub sources: Vec<Source<'a>>,
    pub meta: CountMeta,
}

/// How many items a collection holds.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CountMeta {
    #[schema(minimum = 0)]
    pub total: u64,
}

pub(crate) async fn sources(State(state): State<AppState>) -> Result<Response, WebError> {
    let summaries = state.source_summaries().await?;
    Ok(Json(Sources {
        sources: summaries.iter().map(Source::new).collect(),
        meta: CountMeta {
            total: summaries.len() as u64,
        },
    })
    .into_response())
}

pub(crate) fn describe(_: &DocContext<'_>) -> Operation {
    json_operation(
        "listSources",
        "Each source's last run, counts, errors and open listings.",
        Vec::new(),
        "One entry per configured source.",
        "Sources",
        &[],
    )
}
