//! `/mcp`: the Model Context Protocol endpoint, so an AI assistant can search the jobs, read one,
//! and get its prep and the prep plan of a search (docs/MCP.md).
//!
//! Served with the official SDK (`rmcp`) over its Streamable HTTP transport, by the same router
//! and port as the site (one row of `routes::ROUTES`). By responsibility:
//! - this module: [`McpEndpoint`], the transport built once per router, and [`endpoint`], the
//!   handler that hands it each request;
//! - `rebinding`: the Host and Origin allow-lists (the specification's DNS-rebinding protection),
//!   derived from `server.public_url` and the bind address;
//! - `server`: [`server::Prepboard`], the `ServerHandler`: initialisation, tool and resource
//!   dispatch, and how failures become tool errors;
//! - `tools`: the tool table (name, one-line description, JSON schema, what it runs), the search
//!   tools' schemas generated from the search parameter table;
//! - `results`: the compact, plain-text values tools return, built from the API's DTOs;
//! - `resources`: `prep://entry/<id>` and `job://<id>`;
//! - `arguments`: JSON arguments read through the API's strict parser, and the errors naming them.
//!
//! Architecture invariant: MCP has no search, matching or validation of its own. A tool reads its
//! arguments with the API's parser and calls what the API handlers call (`AppState::search`,
//! `api::prep::job_matches`, `AppState::prep_plan`), so MCP and `/api/v1` cannot disagree.
//!
//! Stateless: no session is kept between requests (every POST is served by a fresh handler over
//! the shared `AppState`), so any replica can answer any request and nothing needs sticky
//! sessions. Answers are plain JSON rather than event streams: no tool sends progress.

mod arguments;
mod rebinding;
mod resources;
mod results;
mod server;
mod tools;

use axum::Extension;
use axum::body::Body;
use axum::extract::Request;
use axum::response::Response;
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};

use crate::state::AppState;

/// Where the endpoint is served.
pub(crate) const MCP_PATH: &str = "/mcp";

/// The largest JSON-RPC message read: tool calls are a few hundred bytes.
const MAX_MESSAGE_BYTES: usize = 16 * 1024;

/// The Streamable HTTP transport over a fresh [`server::Prepboard`] per request. Cheap to clone.
#[derive(Clone)]
pub(crate) struct McpEndpoint(StreamableHttpService<server::Prepboard, LocalSessionManager>);

impl McpEndpoint {
    pub(crate) fn new(state: &AppState) -> McpEndpoint {
        let config = StreamableHttpServerConfig::default()
            .with_legacy_session_mode(false)
            .with_json_response(true)
            .with_sse_keep_alive(None)
            .with_max_request_body_bytes(MAX_MESSAGE_BYTES)
            .with_allowed_hosts(rebinding::allowed_hosts(state.site()))
            .with_allowed_origins(rebinding::allowed_origins(state.site()))
            .enforce_origin_validation();
        let handler_state = state.clone();
        McpEndpoint(StreamableHttpService::new(
            move || Ok(server::Prepboard::new(handler_state.clone())),
            Default::default(),
            config,
        ))
    }
}

/// `/mcp`, any method: the transport answers (POST a JSON-RPC message; GET and DELETE are 405 in
/// stateless mode; a Host or Origin off the allow-lists is 403).
pub(crate) async fn endpoint(
    Extension(McpEndpoint(service)): Extension<McpEndpoint>,
    request: Request,
) -> Response {
    service.handle(request).await.map(Body::new)
}
