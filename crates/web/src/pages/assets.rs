//! The static files (one stylesheet, one script, both compiled in) and the fallback for unknown
//! paths.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::error::WebError;

const STATIC_CACHE: &str = "public, max-age=3600";

pub(crate) async fn stylesheet() -> Response {
    file(
        "text/css; charset=utf-8",
        include_str!("../../static/style.css"),
    )
}

pub(crate) async fn script() -> Response {
    file(
        "text/javascript; charset=utf-8",
        include_str!("../../static/app.js"),
    )
}

fn file(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static(STATIC_CACHE),
            ),
        ],
        body,
    )
        .into_response()
}

pub(crate) async fn not_found() -> WebError {
    WebError::NotFound("page".to_owned())
}
