//! `/sources`: each configured source's last run, its outcome and error, and its open listings.

use askama::Template;
use axum::extract::State;
use axum::response::Html;
use chrono::Utc;
use prepboard_store::FetchOutcomeKind;

use crate::error::WebError;
use crate::layout::{Layout, render};
use crate::state::AppState;
use crate::view;

#[derive(Debug)]
pub(crate) struct SourceRow {
    name: String,
    last_run: String,
    outcome: String,
    outcome_class: &'static str,
    error: Option<String>,
    failures: u64,
    counts: String,
    last_success: String,
    open_listings: u64,
}

#[derive(Template)]
#[template(path = "sources.html")]
struct SourcesPage<'a> {
    layout: Layout<'a>,
    rows: Vec<SourceRow>,
}

pub(crate) async fn sources(State(state): State<AppState>) -> Result<Html<String>, WebError> {
    let now = Utc::now();
    let rows = state
        .source_summaries()
        .await?
        .into_iter()
        .map(|summary| {
            let run = summary.last_run.as_ref();
            SourceRow {
                name: summary.source_name.clone(),
                last_run: run
                    .map(|run| {
                        format!(
                            "{} ({})",
                            view::date(run.finished_at),
                            view::age(run.finished_at, now)
                        )
                    })
                    .unwrap_or_else(|| "Never".to_owned()),
                outcome: run
                    .map(|run| run.outcome.as_str().replace('_', " "))
                    .unwrap_or_else(|| "—".to_owned()),
                outcome_class: match run {
                    Some(run) if run.outcome.is_success() => "status-ok",
                    Some(run) if run.outcome == FetchOutcomeKind::Failed => "status-failed",
                    _ => "muted",
                },
                error: run.and_then(|run| run.error.clone()),
                failures: summary.failures_since_success,
                counts: run
                    .map(|run| {
                        format!(
                            "{} / {} / {} / {}",
                            run.new, run.updated, run.unchanged, run.closed
                        )
                    })
                    .unwrap_or_else(|| "—".to_owned()),
                last_success: summary
                    .last_success_at
                    .map(|at| format!("{} ({})", view::date(at), view::age(at, now)))
                    .unwrap_or_else(|| "Never".to_owned()),
                open_listings: summary.open_listings,
            }
        })
        .collect();
    render(&SourcesPage {
        layout: Layout::new(&state, "sources", "Sources"),
        rows,
    })
}
