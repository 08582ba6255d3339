//! The error page, and [`render_errors`]: the middleware that writes every error response as the
//! JSON envelope under `/api/` and as this page elsewhere.

use askama::Template;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::error::{ErrorBody, body_for_status};
use crate::layout::Layout;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    layout: Layout<'a>,
    status: u16,
    reason: &'a str,
    message: &'a str,
}

/// Middleware: writes every error response as the JSON envelope under `/api/` and as a page elsewhere.
pub(crate) async fn render_errors(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    // The MCP transport's answers (a JSON-RPC error, a 403 for a refused Host) are the
    // protocol's own and reach the client as they are.
    if request.uri().path() == crate::mcp::MCP_PATH {
        return next.run(request).await;
    }
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let described = response.extensions().get::<ErrorBody>().cloned();
    // Handlers describe their errors (`WebError` sets an `ErrorBody`); what a layer or the router
    // answers (a body limit's plain-text 413, an empty 405 or 408) is described by its status,
    // so every error reads the same, as the envelope or as the page.
    let body = described.unwrap_or_else(|| body_for_status(status));
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    if is_api {
        let json = serde_json::json!({ "error": body });
        parts.headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        return Response::from_parts(parts, Body::from(json.to_string()));
    }
    let page = ErrorPage {
        layout: Layout::new(&state, "", status.canonical_reason().unwrap_or("Error")),
        status: status.as_u16(),
        reason: status.canonical_reason().unwrap_or("Error"),
        message: &body.message,
    };
    let html = page.render().unwrap_or_else(|error| {
        tracing::error!(%error, "error page failed to render");
        body.message.clone()
    });
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    Response::from_parts(parts, Body::from(html))
}
