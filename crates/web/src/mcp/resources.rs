//! The resources `/mcp` offers: each prep catalog entry (`prep://entry/<id>`, listed) and each
//! listing (`job://<id>`, a template: there are too many to list, and `search_jobs` finds them).
//! Both read as JSON text; an address that names nothing is the specification's "resource not
//! found" error, with the address as its data.

use prepboard_core::prep::PrepQuestion;
use rmcp::ErrorData;
use rmcp::model::{Resource, ResourceContents, ResourceTemplate};
use serde::Serialize;
use serde_json::json;

use prepboard_core::ListingId;

use super::results::{EntryLink, entry_uri};
use super::tools::{ToolError, job_detail, to_json};
use crate::state::AppState;

const JSON: &str = "application/json";
const ENTRY_PREFIX: &str = "prep://entry/";
const JOB_PREFIX: &str = "job://";

/// Every prep catalog entry, in catalog order.
pub(super) fn list(state: &AppState) -> Vec<Resource> {
    state
        .prep()
        .entries()
        .into_iter()
        .map(|entry| {
            Resource::new(entry_uri(&entry.id), entry.id.clone())
                .with_title(entry.title.clone())
                .with_description(entry.summary.clone())
                .with_mime_type(JSON)
        })
        .collect()
}

pub(super) fn templates() -> Vec<ResourceTemplate> {
    vec![
        ResourceTemplate::new("job://{id}", "job")
            .with_title("A job listing")
            .with_description(
                "One listing by id (from search_jobs), as get_job returns it: the full text, \
                 eligibility, salary, sightings and prep links.",
            )
            .with_mime_type(JSON),
        ResourceTemplate::new("prep://entry/{id}", "prep entry")
            .with_title("An interview-prep entry")
            .with_description(
                "One entry of the prep catalog: what it covers, its link, its topics and the \
                 questions read from its page.",
            )
            .with_mime_type(JSON),
    ]
}

/// The contents at `uri`.
pub(super) async fn read(state: &AppState, uri: &str) -> Result<ResourceContents, ErrorData> {
    let text = if let Some(id) = uri.strip_prefix(ENTRY_PREFIX) {
        entry(state, id).await
    } else if let Some(id) = uri.strip_prefix(JOB_PREFIX) {
        match ListingId::parse(id) {
            Some(id) => job_detail(state, &id).await,
            None => Err(ToolError::NotFound(String::new())),
        }
    } else {
        Err(ToolError::NotFound(String::new()))
    };
    match text {
        Ok(text) => Ok(ResourceContents::TextResourceContents {
            uri: uri.to_owned(),
            mime_type: Some(JSON.to_owned()),
            text,
            meta: None,
        }),
        Err(ToolError::NotFound(_)) => Err(ErrorData::resource_not_found(
            format!(
                "no resource at `{uri}`: resources are prep://entry/<id> (see resources/list) \
                 and job://<id> (ids from search_jobs)"
            ),
            Some(json!({ "uri": uri })),
        )),
        Err(error) => Err(ErrorData::internal_error(error.to_string(), None)),
    }
}

#[derive(Serialize)]
struct EntryResource<'a> {
    #[serde(flatten)]
    link: EntryLink<'a>,
    families: Vec<&'static str>,
    skills: &'a [String],
    topics: &'a [String],
    /// Questions read from the entry's page by `prepboard prep fetch`; empty before that.
    questions: Vec<PrepQuestion>,
}

async fn entry(state: &AppState, id: &str) -> Result<String, ToolError> {
    let entry = state
        .prep()
        .entry(id)
        .ok_or_else(|| ToolError::NotFound(String::new()))?;
    let questions = match state.store().prep_questions().await {
        Ok(mut all) => all.remove(&entry.id).unwrap_or_default(),
        Err(error) => {
            // Questions are extra, as on the entry's page: the rest still reads.
            tracing::warn!(%error, entry = %entry.id, "stored prep questions unreadable");
            Vec::new()
        }
    };
    let resource = EntryResource {
        link: EntryLink::from_entry(entry, &state.site().base_url),
        families: entry.families.iter().map(|f| f.slug()).collect(),
        skills: &entry.skills,
        topics: &entry.topics,
        questions,
    };
    to_json(resource)
}
