//! [`Tool`]: every tool `/mcp` offers, once, with its one-line description, its JSON schema and
//! what it runs. The search tools' schemas are generated from the search parameter table through
//! the OpenAPI document's own value schemas, so the names, allowed values and defaults a model
//! reads are the ones `/api/v1/jobs` documents.

use std::sync::Arc;

use prepboard_core::ListingId;
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::arguments::{
    ArgumentError, argument_name, is_flag, only, required_string, search_query,
};
use super::results::{JobDetail, JobPrep, JobResult, Plan, PlanStepView, TopicCount};
use crate::api::describe::{DocContext, value_schema};
use crate::api::jobs::{JobCard, SearchMeta};
use crate::api::prep::{job_matches, prep_links};
use crate::api::sources::{CountMeta, Source, Sources};
use crate::api::values::FacetsView;
use crate::error::WebError;
use crate::params::{MAX_VALUES_PER_PARAM, PARAMS, Param, SearchDefaults, ValueKind};
use crate::state::AppState;

/// The tools, in the order `tools/list` gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tool {
    SearchJobs,
    GetJob,
    PrepForJob,
    PrepPlan,
    ListFacets,
    ListSources,
}

impl Tool {
    pub const ALL: [Tool; 6] = [
        Tool::SearchJobs,
        Tool::GetJob,
        Tool::PrepForJob,
        Tool::PrepPlan,
        Tool::ListFacets,
        Tool::ListSources,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Tool::SearchJobs => "search_jobs",
            Tool::GetJob => "get_job",
            Tool::PrepForJob => "prep_for_job",
            Tool::PrepPlan => "prep_plan",
            Tool::ListFacets => "list_facets",
            Tool::ListSources => "list_sources",
        }
    }

    pub fn named(name: &str) -> Option<Tool> {
        Tool::ALL.into_iter().find(|tool| tool.name() == name)
    }

    /// One line a model can act on.
    pub fn description(self) -> &'static str {
        match self {
            Tool::SearchJobs => {
                "Search open remote backend/API engineering jobs by text and filters (the same search as /api/v1/jobs); returns job ids, links, salaries, eligibility and plain-text snippets."
            }
            Tool::GetJob => {
                "One job by id (from search_jobs): the full listing as plain text, where it was seen, and its interview-prep links with the job's own sentences as evidence."
            }
            Tool::PrepForJob => {
                "The interview-prep material for one job (id from search_jobs), grouped by the interview topic each entry prepares for, with absolute links."
            }
            Tool::PrepPlan => {
                "What to prepare for the jobs of a search (same arguments as search_jobs): the skills they ask for most, with the share of jobs and what to read for each."
            }
            Tool::ListFacets => {
                "The filter vocabulary with counts for a search (default: all remote engineering jobs): role families, seniority levels, countries and regions, skills, sources, companies, and the interview topics."
            }
            Tool::ListSources => {
                "Each job source's freshness: its last fetch, last success, failures since, and open listings."
            }
        }
    }

    /// The JSON schema of the tool's arguments.
    pub fn input_schema(self, defaults: &SearchDefaults) -> Map<String, Value> {
        let schema = match self {
            Tool::SearchJobs | Tool::PrepPlan | Tool::ListFacets => search_schema(defaults),
            Tool::GetJob | Tool::PrepForJob => json!({
                "type": "object",
                "properties": { "id": id_schema() },
                "required": ["id"],
                "additionalProperties": false,
            }),
            Tool::ListSources => json!({
                "type": "object",
                "properties": {},
                "additionalProperties": false,
            }),
        };
        match schema {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    /// Runs the tool; its result as JSON text.
    pub async fn run(self, state: &AppState, arguments: &Map<String, Value>) -> ToolResult {
        match self {
            Tool::SearchJobs => search_jobs(state, arguments).await,
            Tool::GetJob => get_job(state, arguments).await,
            Tool::PrepForJob => prep_for_job(state, arguments).await,
            Tool::PrepPlan => prep_plan(state, arguments).await,
            Tool::ListFacets => list_facets(state, arguments).await,
            Tool::ListSources => list_sources(state, arguments).await,
        }
    }
}

/// Why a tool call did not give its result: shown to the model as a tool error.
#[derive(Debug, thiserror::Error)]
pub(super) enum ToolError {
    /// An argument the tool cannot use.
    #[error(transparent)]
    Argument(#[from] ArgumentError),
    /// The job (or other thing) asked for does not exist.
    #[error("{0}")]
    NotFound(String),
    /// Something failed on the server's side; logged, never shown.
    #[error("something went wrong on the server; it has been logged")]
    Internal,
}

impl ToolError {
    /// A stable code for the kind of error.
    pub fn code(&self) -> &'static str {
        match self {
            ToolError::Argument(_) => "invalid_argument",
            ToolError::NotFound(_) => "not_found",
            ToolError::Internal => "internal",
        }
    }

    /// The argument at fault, when one is.
    pub fn argument(&self) -> Option<&str> {
        match self {
            ToolError::Argument(
                ArgumentError::Missing(name)
                | ArgumentError::Unknown { name, .. }
                | ArgumentError::WrongType { name, .. }
                | ArgumentError::BadValue { name, .. },
            ) => Some(name),
            _ => None,
        }
    }
}

impl From<WebError> for ToolError {
    fn from(error: WebError) -> ToolError {
        match error {
            WebError::NotFound(what) => ToolError::NotFound(format!("no such {what}")),
            WebError::BadParameter { param, reason } => {
                ToolError::Argument(ArgumentError::BadValue {
                    name: param,
                    reason,
                })
            }
            internal => {
                tracing::error!(error = %internal, "an MCP tool failed");
                ToolError::Internal
            }
        }
    }
}

/// A tool's result, written as JSON text.
pub(super) type ToolResult = Result<String, ToolError>;

/// Serialised straight to text: a `Value` tree first would copy every field once more.
pub(super) fn to_json(value: impl Serialize) -> ToolResult {
    serde_json::to_string(&value).map_err(|error| {
        tracing::error!(%error, "an MCP tool result failed to serialise");
        ToolError::Internal
    })
}

/// A listing id, as `get_job` and `prep_for_job` take it.
fn id_schema() -> Value {
    json!({
        "type": "string",
        "pattern": "^[0-9a-f]{16}$",
        "description": "The job's id, as search_jobs returns it (16 lowercase hex digits).",
    })
}

/// The listing id of a job tool's `id` argument.
fn listing_id(arguments: &Map<String, Value>) -> Result<ListingId, ArgumentError> {
    only(arguments, &["id"])?;
    let text = required_string(arguments, "id")?;
    ListingId::parse(text).ok_or_else(|| ArgumentError::BadValue {
        name: "id".to_owned(),
        reason: "not a job id (16 lowercase hex digits, as search_jobs returns them)".to_owned(),
    })
}

/// Every search parameter as a JSON-schema property, under its MCP name.
fn search_schema(defaults: &SearchDefaults) -> Value {
    let properties: Map<String, Value> = PARAMS
        .iter()
        .map(|param| (argument_name(param).to_owned(), property(param, defaults)))
        .collect();
    json!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    })
}

/// The API's value schema of a parameter, in JSON's own types: a flag is a boolean, a salary or a
/// UTC offset may be a number, and a repeatable parameter is a list.
fn property(param: &Param, defaults: &SearchDefaults) -> Value {
    let context = DocContext { defaults };
    let mut value =
        serde_json::to_value(value_schema(param, &context).build()).unwrap_or_else(|_| json!({}));
    if let Value::Object(schema) = &mut value {
        if is_flag(param) {
            let default = schema
                .get("default")
                .and_then(Value::as_str)
                .map(|flag| flag == "1");
            schema.clear();
            schema.insert("type".to_owned(), json!("boolean"));
            if let Some(default) = default {
                schema.insert("default".to_owned(), json!(default));
            }
        } else if matches!(param.value, ValueKind::Pattern { .. }) {
            schema.insert("type".to_owned(), json!(["string", "number"]));
        }
        if !param.repeatable {
            schema.insert("description".to_owned(), json!(param.doc));
        }
    }
    if param.repeatable {
        json!({
            "type": "array",
            "items": value,
            "maxItems": MAX_VALUES_PER_PARAM,
            "description": param.doc,
        })
    } else {
        value
    }
}

#[derive(Serialize)]
struct SearchResults<'a> {
    jobs: Vec<JobResult<'a>>,
    meta: SearchMeta<'a>,
    /// The same search as a page and through the API.
    search_url: String,
    api_url: String,
}

async fn search_jobs(state: &AppState, arguments: &Map<String, Value>) -> ToolResult {
    let query = search_query(state, arguments, &[])?;
    let response = state.search(query.request.clone()).await?;
    let base = &state.site().base_url;
    let canonical = query.without_page();
    to_json(SearchResults {
        jobs: response
            .hits
            .iter()
            .map(|hit| JobResult::new(JobCard::new(hit, base)))
            .collect(),
        meta: SearchMeta::new(&query, &response),
        search_url: with_query(&format!("{base}/"), &canonical),
        api_url: with_query(&format!("{base}/api/v1/jobs"), &query.query_string()),
    })
}

fn with_query(path: &str, query: &str) -> String {
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
}

async fn get_job(state: &AppState, arguments: &Map<String, Value>) -> ToolResult {
    job_detail(state, &listing_id(arguments)?).await
}

/// One listing in full with its prep: what `get_job` returns and `job://<id>` reads.
pub(super) async fn job_detail(state: &AppState, id: &ListingId) -> ToolResult {
    let (listing, matches) = job_matches(state, id).await?;
    let base = &state.site().base_url;
    let (links, topics) = prep_links(state.prep().as_ref(), &matches);
    let prep = JobPrep::new(listing.id.as_str(), &links, &topics, base);
    to_json(JobDetail::new(&listing, prep, base))
}

#[derive(Serialize)]
struct PrepForJob<'a> {
    job_title: &'a str,
    company: &'a str,
    job_url: String,
    #[serde(flatten)]
    prep: JobPrep<'a>,
}

async fn prep_for_job(state: &AppState, arguments: &Map<String, Value>) -> ToolResult {
    let id = listing_id(arguments)?;
    let (listing, matches) = job_matches(state, &id).await?;
    let base = &state.site().base_url;
    let (links, topics) = prep_links(state.prep().as_ref(), &matches);
    to_json(PrepForJob {
        job_title: &listing.title,
        company: &listing.company.name,
        job_url: format!("{base}/jobs/{}", listing.id),
        prep: JobPrep::new(listing.id.as_str(), &links, &topics, base),
    })
}

async fn prep_plan(state: &AppState, arguments: &Map<String, Value>) -> ToolResult {
    let query = search_query(state, arguments, &[])?;
    let (total, steps) = state.prep_plan(query.request.clone()).await?;
    let base = &state.site().base_url;
    let canonical = query.without_page();
    let description = query.describe(&state.labels());
    to_json(Plan {
        search: if description.is_empty() {
            "all open jobs".to_owned()
        } else {
            description
        },
        total,
        steps: steps
            .iter()
            .map(|step| PlanStepView::new(state, step))
            .collect(),
        plan_url: with_query(&format!("{base}/prep"), &canonical),
        search_url: with_query(&format!("{base}/"), &canonical),
    })
}

#[derive(Serialize)]
struct Vocabulary<'a> {
    facets: FacetsView,
    topics: Vec<TopicCount<'a>>,
    total: u64,
    query: String,
}

async fn list_facets(state: &AppState, arguments: &Map<String, Value>) -> ToolResult {
    let query = search_query(state, arguments, &[])?;
    let response = state.counts(query.request.clone()).await?;
    let catalog = Arc::clone(state.prep());
    let topics = catalog
        .topics()
        .iter()
        .map(|topic| TopicCount {
            id: &topic.id,
            label: &topic.label,
            summary: &topic.summary,
            entries: catalog.entries_for_topic(&topic.id).len(),
        })
        .collect();
    to_json(Vocabulary {
        facets: FacetsView::new(&response.facets),
        topics,
        total: response.total,
        query: query.without_page(),
    })
}

async fn list_sources(state: &AppState, arguments: &Map<String, Value>) -> ToolResult {
    only(arguments, &[])?;
    let summaries = state.source_summaries().await?;
    to_json(Sources {
        sources: summaries.iter().map(Source::new).collect(),
        meta: CountMeta {
            total: summaries.len() as u64,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tool_has_a_name_a_line_and_an_object_schema() {
        let defaults = SearchDefaults::default();
        for tool in Tool::ALL {
            assert_eq!(Tool::named(tool.name()), Some(tool));
            assert!(!tool.description().contains('\n'), "{}", tool.name());
            let schema = tool.input_schema(&defaults);
            assert_eq!(schema["type"], "object", "{}", tool.name());
            assert_eq!(schema["additionalProperties"], false, "{}", tool.name());
        }
        assert_eq!(Tool::named("nope"), None);
    }

    #[test]
    fn the_search_schema_is_the_api_parameters_in_json_types() {
        let schema = Tool::SearchJobs.input_schema(&SearchDefaults::default());
        let properties = schema["properties"].as_object().unwrap();
        assert_eq!(properties.len(), PARAMS.len());
        assert_eq!(properties["query"]["type"], "string");
        assert_eq!(properties["query"]["maxLength"], 500);
        assert_eq!(properties["per_page"]["type"], "integer");
        assert_eq!(properties["per_page"]["default"], 20);
        assert_eq!(properties["include_office"]["type"], "boolean");
        assert_eq!(properties["include_office"]["default"], false);
        assert_eq!(properties["family"]["type"], "array");
        assert!(properties["family"]["items"]["enum"].is_array());
        assert_eq!(
            properties["min_salary"]["type"],
            json!(["string", "number"])
        );
        assert!(!properties.contains_key("q"));
    }
}
