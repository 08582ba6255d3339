//! [`ROUTES`]: every address the site answers, once, with its handler and who it is for; and
//! [`app`], the router built from it with its layers (security headers, compression, a request
//! timeout, a body limit, request metrics and error rendering).
//!
//! Adding a route is one row here; the OpenAPI document must list every API and machine route
//! (checked by a test).

use std::time::Instant;

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{MethodRouter, get};
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

use crate::state::AppState;
use crate::{api, feed, pages};

/// The content security policy: our own files only, and no inline script.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'";

/// Request bodies are never read; anything larger than this is refused outright.
const BODY_LIMIT_BYTES: usize = 16 * 1024;

/// Who a route is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// An HTML page for people.
    Page,
    /// A static file.
    Static,
    /// Machine-readable and documented in the OpenAPI document.
    Machine,
}

/// One route: its path template, who it is for and its handler.
#[derive(Debug, Clone, Copy)]
pub struct Route {
    pub path: &'static str,
    pub audience: Audience,
    handler: fn() -> MethodRouter<AppState>,
}

/// Every route the site answers, as registered in [`app`].
pub const ROUTES: &[Route] = &[
    Route {
        path: "/",
        audience: Audience::Page,
        handler: || get(pages::search::search),
    },
    Route {
        path: "/jobs/{id}",
        audience: Audience::Page,
        handler: || get(pages::job::job),
    },
    Route {
        path: "/prep",
        audience: Audience::Page,
        handler: || get(pages::prep::prep_index),
    },
    Route {
        path: "/prep/{key}",
        audience: Audience::Page,
        handler: || get(pages::prep::prep_detail),
    },
    Route {
        path: "/sources",
        audience: Audience::Page,
        handler: || get(pages::sources::sources),
    },
    Route {
        path: "/feed.atom",
        audience: Audience::Machine,
        handler: || get(feed::feed),
    },
    Route {
        path: "/api/v1/jobs",
        audience: Audience::Machine,
        handler: || get(api::jobs::jobs),
    },
    Route {
        path: "/api/v1/jobs/{id}",
        audience: Audience::Machine,
        handler: || get(api::jobs::job),
    },
    Route {
        path: "/api/v1/facets",
        audience: Audience::Machine,
        handler: || get(api::facets::facets),
    },
    Route {
        path: "/api/v1/prep",
        audience: Audience::Machine,
        handler: || get(api::prep::prep),
    },
    Route {
        path: "/api/v1/sources",
        audience: Audience::Machine,
        handler: || get(api::sources::sources),
    },
    Route {
        path: "/api/openapi.json",
        audience: Audience::Machine,
        handler: || get(api::system::openapi),
    },
    Route {
        path: "/healthz",
        audience: Audience::Machine,
        handler: || get(api::system::healthz),
    },
    Route {
        path: "/metrics",
        audience: Audience::Machine,
        handler: || get(api::system::metrics),
    },
    Route {
        path: "/static/style.css",
        audience: Audience::Static,
        handler: || get(pages::assets::stylesheet),
    },
    Route {
        path: "/static/app.js",
        audience: Audience::Static,
        handler: || get(pages::assets::script),
    },
];

/// Every route, with its layers. Kept apart from [`crate::serve`] so tests drive it with `oneshot`.
pub fn app(state: AppState) -> Router {
    let timeout = state.site().request_timeout;
    let mut router = Router::new();
    for route in ROUTES {
        router = router.route(route.path, (route.handler)());
    }
    router
        .fallback(pages::assets::not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            track_requests,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            pages::error::render_errors,
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT_BYTES))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("x-frame-options"),
            HeaderValue::from_static("DENY"),
        ))
        .with_state(state)
}

/// Middleware: times every request under its route template (`/jobs/{id}`, never the raw path, so
/// the label set stays bounded).
async fn track_requests(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|path| path.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".to_owned());
    let started = Instant::now();
    let response = next.run(request).await;
    let class = match response.status().as_u16() {
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    };
    state
        .metrics()
        .observe_request(&route, class, started.elapsed());
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openapi_lists_every_machine_route() {
        let document: serde_json::Value = serde_json::from_str(api::system::OPENAPI).unwrap();
        assert_eq!(document["openapi"], "3.1.0");
        let paths = document["paths"].as_object().unwrap();
        for route in ROUTES.iter().filter(|r| r.audience == Audience::Machine) {
            assert!(
                paths.contains_key(route.path),
                "{} is missing from openapi.json",
                route.path
            );
        }
        for path in paths.keys() {
            assert!(
                ROUTES.iter().any(|route| route.path == path.as_str()),
                "openapi.json documents {path}, which is not a route"
            );
        }
    }
}
