//! [`WebError`]: the one error type of the web layer.
//!
//! A handler returns `Result<_, WebError>` whatever it serves. The error becomes a bare response that
//! carries an [`ErrorBody`] extension; the `render_errors` middleware (in `pages::error`) then writes
//! it as the JSON envelope under `/api/` and as an HTML page everywhere else, so the choice is made in
//! one place and also covers errors produced by tower layers (timeouts, body limits, unknown
//! methods). Internal errors are logged once, here, and shown to people only as "something went
//! wrong". This module depends on nothing else of the crate but the backend seam's error type.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

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
    Index(crate::backend::BackendError),
    /// Work on the CPU pool (a search, prep matching) panicked.
    #[error("a search or matching task panicked")]
    WorkerPanicked,
    /// A page template failed to render.
    #[error("template error: {0}")]
    Template(#[from] askama::Error),
}

/// Every machine code an error can carry, as the OpenAPI document lists them.
pub const ERROR_CODES: &[&str] = &[
    "not_found",
    "invalid_parameter",
    "bad_request",
    "method_not_allowed",
    "payload_too_large",
    "timeout",
    "internal",
];

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
pub(crate) fn body_for_status(status: StatusCode) -> ErrorBody {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_listed() {
        let mut codes = vec![
            WebError::NotFound("x".to_owned()).body().code,
            WebError::BadParameter {
                param: "q".to_owned(),
                reason: "r".to_owned(),
            }
            .body()
            .code,
            WebError::WorkerPanicked.body().code,
        ];
        for status in 400..600 {
            if let Ok(status) = StatusCode::from_u16(status) {
                codes.push(body_for_status(status).code);
            }
        }
        for code in codes {
            assert!(ERROR_CODES.contains(&code), "{code}");
        }
    }
}
