//! [`WebError`]: the one error type of the web layer.
//!
//! A handler returns `Result<_, WebError>` whatever it serves. The error becomes a bare response that
//! carries an [`ErrorBody`] extension; the [`render_errors`] middleware then writes it as the JSON
//! envelope under `/api/` and as an HTML page everywhere else, so the choice is made in one place and
//! also covers errors produced by tower layers (timeouts, body limits, unknown methods).
//! Internal errors are logged once, here, and shown to people only as "something went wrong".

use askama::Template;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body::Body as _;
use serde::Serialize;

use crate::AppState;
use crate::pages::Layout;

/// Everything a request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// Nothing lives at this address (no such listing, prep entry or route).
    #[error("{0} not found")]
    NotFound(String),
    /// A query parameter could not be read.
    #[error("invalid parameter `{param}`: {reason}")]
    BadParameter { param: String, reason: String },
    /// The store failed to answer.
    #[error("store error: {0}")]
    Store(#[from] prepboard_store::StoreError),
    /// The search index failed to answer.
    #[error("index error: {0}")]
    Index(crate::BackendError),
    /// Work on the CPU pool (a search, prep matching) panicked.
    #[error("a search or matching task panicked")]
    WorkerPanicked,
    /// A page template failed to render.
    #[error("template error: {0}")]
    Template(#[from] askama::Error),
}

/// The public face of an error: a stable machine code and a message safe to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorBody {
    pub code: &'static str,
    pub message: String,
}

impl WebError {
    fn status(&self) -> StatusCode {
        match self {
            WebError::NotFound(_) => StatusCode::NOT_FOUND,
            WebError::BadParameter { .. } => StatusCode::BAD_REQUEST,
            WebError::Store(_)
            | WebError::Index(_)
            | WebError::WorkerPanicked
            | WebError::Template(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn body(&self) -> ErrorBody {
        match self {
            WebError::NotFound(what) => ErrorBody {
                code: "not_found",
                message: format!("{what} not found"),
            },
            WebError::BadParameter { .. } => ErrorBody {
                code: "invalid_parameter",
                message: self.to_string(),
            },
            _ => ErrorBody {
                code: "internal",
                message: "Something went wrong on our side; it has been logged.".to_owned(),
            },
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        let mut response = status.into_response();
        response.extensions_mut().insert(self.body());
        response
    }
}

/// The body for an error response that no handler described (a layer's timeout, a 405, a 413).
fn body_for_status(status: StatusCode) -> ErrorBody {
    let (code, message) = match status {
        StatusCode::NOT_FOUND => ("not_found", "Nothing lives at this address."),
        StatusCode::METHOD_NOT_ALLOWED => {
            ("method_not_allowed", "This method is not allowed here.")
        }
        StatusCode::PAYLOAD_TOO_LARGE => ("payload_too_large", "The request body is too large."),
        StatusCode::REQUEST_TIMEOUT => ("timeout", "The request took too long."),
        StatusCode::BAD_REQUEST => ("bad_request", "The request could not be read."),
        status if status.is_server_error() => (
            "internal",
            "Something went wrong on our side; it has been logged.",
        ),
        _ => ("bad_request", "The request could not be served."),
    };
    ErrorBody {
        code,
        message: message.to_owned(),
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    layout: Layout<'a>,
    status: u16,
    reason: &'a str,
    message: &'a str,
}

/// Middleware: writes every error response as the JSON envelope under `/api/` and as a page elsewhere.
pub async fn render_errors(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let described = response.extensions().get::<ErrorBody>().cloned();
    let body = match described {
        Some(body) => body,
        // A layer's own error response with a body of its own is left alone only when it has one.
        None if response.body().size_hint().exact() != Some(0) => return response,
        None => body_for_status(status),
    };
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
