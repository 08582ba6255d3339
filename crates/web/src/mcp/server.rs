//! [`Prepboard`], the MCP server handler: what `initialize` announces, and the dispatch of
//! `tools/*` and `resources/*` to the tool table and the resources.
//!
//! Errors follow the specification's split. A call the server cannot route (an unknown tool) is
//! a JSON-RPC error, `-32602 invalid params`, naming the tool. A call that reaches its tool but
//! cannot run as asked (a missing, mistyped or out-of-range argument, an unknown job) is a tool
//! result with `isError: true` whose text names the argument, so the model can correct itself.
//! Neither is ever an HTTP error: every JSON-RPC request gets a 200 with its answer.
//!
//! A result is JSON as text content only. The specification's structured content must come with
//! the same JSON as text beside it, which doubles every answer (a page of 20 jobs is 31 kB with
//! both, 16 kB without) and the time spent writing it. Tool errors are small, so they carry both
//! (`structuredContent.error` with `code`, `argument` and `message`).

use std::sync::Arc;

use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, Implementation,
    ListResourceTemplatesResult, ListResourcesResult, ListToolsResult, PaginatedRequestParams,
    ReadResourceRequestParams, ReadResourceResponse, ReadResourceResult, ServerCapabilities,
    ServerConfig,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler};
use serde_json::json;

use super::resources;
use super::tools::Tool;
use crate::state::AppState;

/// What a client is told on `initialize`, for the model.
const INSTRUCTIONS: &str = "prepboard lists remote backend and API-engineering jobs and links each \
to interview-prep material. Find jobs with search_jobs (the same filters as the site), read one \
with get_job, get its prep with prep_for_job, or what to prepare for a whole search with \
prep_plan; list_facets gives the filter values with counts. Every link is absolute.";

/// The handler of one request (stateless: a fresh one per HTTP request, over the shared state).
#[derive(Clone)]
pub(crate) struct Prepboard {
    state: AppState,
}

impl Prepboard {
    pub(crate) fn new(state: AppState) -> Prepboard {
        Prepboard { state }
    }

    fn tool(&self, tool: Tool) -> rmcp::model::Tool {
        rmcp::model::Tool::new(
            tool.name(),
            tool.description(),
            Arc::new(tool.input_schema(&self.state.site().search_defaults)),
        )
    }
}

impl ServerHandler for Prepboard {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(
            ServerCapabilities::builder()
                .enable_tools()
                .enable_resources()
                .build(),
        )
        .with_server_info(Implementation::new("prepboard", env!("CARGO_PKG_VERSION")))
        .with_instructions(INSTRUCTIONS)
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(
            Tool::ALL.into_iter().map(|tool| self.tool(tool)).collect(),
        ))
    }

    fn get_tool(&self, name: &str) -> Option<rmcp::model::Tool> {
        Tool::named(name).map(|tool| self.tool(tool))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let Some(tool) = Tool::named(&request.name) else {
            let known: Vec<&str> = Tool::ALL.iter().map(|tool| tool.name()).collect();
            return Err(ErrorData::invalid_params(
                format!(
                    "unknown tool `{}`; the tools are {}",
                    request.name,
                    known.join(", ")
                ),
                Some(json!({ "tool": request.name })),
            ));
        };
        let arguments = request.arguments.unwrap_or_default();
        let result = match tool.run(&self.state, &arguments).await {
            Ok(json) => CallToolResult::success(vec![ContentBlock::text(json)]),
            Err(error) => CallToolResult::structured_error(json!({
                "error": {
                    "code": error.code(),
                    "argument": error.argument(),
                    "message": error.to_string(),
                }
            })),
        };
        Ok(result.into())
    }

    async fn list_resources(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, ErrorData> {
        Ok(ListResourcesResult::with_all_items(resources::list(
            &self.state,
        )))
    }

    async fn list_resource_templates(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourceTemplatesResult, ErrorData> {
        Ok(ListResourceTemplatesResult::with_all_items(
            resources::templates(),
        ))
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, ErrorData> {
        let contents = resources::read(&self.state, &request.uri).await?;
        Ok(ReadResourceResult::new(vec![contents]).into())
    }
}
