//! What the MCP tests share: JSON-RPC posted to `/mcp` through the router with chosen Host and
//! Origin headers, and where the Python SDK's venv is.
// Each MCP test binary uses part of it.
#![allow(dead_code)]

use std::path::PathBuf;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::common::{self, TestSite};

/// The site's public URL in the test site (`common::site`).
pub const PUBLIC_HOST: &str = "jobs.example";

/// The Python the test command (`scripts/test.sh`) installs the MCP SDK into.
pub fn venv_python() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/mcp-venv/bin/python")
}

/// One JSON-RPC message posted to `/mcp` with these Host and Origin headers: the status and the
/// body (JSON when it parses).
pub async fn post(
    site: &TestSite,
    message: &Value,
    host: &str,
    origin: Option<&str>,
) -> (StatusCode, String) {
    let mut request = Request::post("/mcp")
        .header(header::HOST, host)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT, "application/json, text/event-stream");
    if let Some(origin) = origin {
        request = request.header(header::ORIGIN, origin);
    }
    let response = site
        .app
        .clone()
        .oneshot(request.body(Body::from(message.to_string())).unwrap())
        .await
        .unwrap();
    let status = response.status();
    (status, common::body_text(response).await)
}

/// A JSON-RPC request from a local client, and its answer (which must be a 200 with JSON).
pub async fn rpc(site: &TestSite, method: &str, params: Value) -> Value {
    let message = json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params});
    let (status, body) = post(site, &message, "127.0.0.1:8080", None).await;
    assert_eq!(status, StatusCode::OK, "{method} {params}: {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{method}: {e}: {body}"))
}

pub async fn call(site: &TestSite, tool: &str, arguments: Value) -> Value {
    rpc(
        site,
        "tools/call",
        json!({"name": tool, "arguments": arguments}),
    )
    .await
}
