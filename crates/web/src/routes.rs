//! [`ROUTES`]: every address the site answers, once, with its handler and who it is for; and
//! [`app`], the router built from it with its layers (security headers, compression, a request
//! timeout, a body limit, request metrics and error rendering).
//!
//! Adding a route is one row here. Each machine route names the function that describes it, and
//! the OpenAPI document is generated from these rows, so it lists exactly the routes served.
//! `/mcp` is one row too (POST, GET and DELETE, all handed to the MCP transport, which serves
//! POST and, being stateless, answers the other two with 405); the
//! transport it hands requests to is built once per router and reaches it as an extension.

use std::sync::Arc;
use std::time::Instant;

use axum::Extension;
use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{MethodRouter, get, post};
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

use crate::api::describe::{Describe, DocContext};
use crate::api::system::OpenApiJson;
use crate::mcp::{self, McpEndpoint};
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
    /// The MCP endpoint for AI assistants: described by its own `tools/list` and docs/MCP.md,
    /// not by the OpenAPI document.
    Assistant,
}

/// One route: its path template, who it is for, its handler and, for a machine route, how the
/// OpenAPI document describes it.
#[derive(Debug, Clone, Copy)]
pub struct Route {
    pub path: &'static str,
    pub audience: Audience,
    handler: fn() -> MethodRouter<AppState>,
    describe: Option<Describe>,
}

/// Every route the site answers, as registered in [`app`].
pub const ROUTES: &[Route] = &[
    Route {
        path: "/",
        audience: Audience::Page,
        handler: || get(pages::search::search),
        describe: None,
    },
    Route {
        path: "/jobs/{id}",
        audience: Audience::Page,
        handler: || get(pages::job::job),
        describe: None,
    },
    Route {
        path: "/prep",
        audience: Audience::Page,
        handler: || get(pages::prep::prep_index),
        describe: None,
    },
    Route {
        path: "/prep/topic/{topic}",
        audience: Audience::Page,
        handler: || get(pages::prep_entry::prep_topic),
        describe: None,
    },
    Route {
        path: "/prep/{key}",
        audience: Audience::Page,
        handler: || get(pages::prep::prep_detail),
        describe: None,
    },
    Route {
        path: "/sources",
        audience: Audience::Page,
        handler: || get(pages::sources::sources),
        describe: None,
    },
    Route {
        path: "/feed.atom",
        audience: Audience::Machine,
        handler: || get(feed::feed),
        describe: Some(feed::describe),
    },
    Route {
        path: "/api/v1/jobs",
        audience: Audience::Machine,
        handler: || get(api::jobs::jobs),
        describe: Some(api::jobs::describe_search),
    },
    Route {
        path: "/api/v1/jobs/{id}",
        audience: Audience::Machine,
        handler: || get(api::jobs::job),
        describe: Some(api::jobs::describe_job),
    },
    Route {
        path: "/api/v1/facets",
        audience: Audience::Machine,
        handler: || get(api::facets::facets),
        describe: Some(api::facets::describe),
    },
    Route {
        path: "/api/v1/prep",
        audience: Audience::Machine,
        handler: || get(api::prep::prep),
        describe: Some(api::prep::describe),
    },
    Route {
        path: "/api/v1/prep/topics",
        audience: Audience::Machine,
        handler: || get(api::prep::topics),
        describe: Some(api::prep::describe_topics),
    },
    Route {
        path: "/api/v1/sources",
        audience: Audience::Machine,
        handler: || get(api::sources::sources),
        describe: Some(api::sources::describe),
    },
    Route {
        path: "/api/openapi.json",
        audience: Audience::Machine,
        handler: || get(api::system::openapi),
        describe: Some(api::system::describe_openapi),
    },
    Route {
        path: "/healthz",
        audience: Audience::Machine,
        handler: || get(api::system::healthz),
        describe: Some(api::system::describe_health),
    },
    Route {
        path: "/metrics",
        audience: Audience::Machine,
        handler: || get(api::system::metrics),
        describe: Some(api::system::describe_metrics),
    },
    Route {
        path: mcp::MCP_PATH,
        audience: Audience::Assistant,
        handler: || post(mcp::endpoint).get(mcp::endpoint).delete(mcp::endpoint),
        describe: None,
    },
    Route {
        path: "/static/style.css",
        audience: Audience::Static,
        handler: || get(pages::assets::stylesheet),
        describe: None,
    },
    Route {
        path: "/static/app.js",
        audience: Audience::Static,
        handler: || get(pages::assets::script),
        describe: None,
    },
];

/// Every route the site serves, with its layers. Kept apart from [`crate::serve`] so tests drive
/// it with `oneshot`. `/metrics` is among them only when the site config says so.
pub fn app(state: AppState) -> Router {
    let served: Vec<&Route> = ROUTES
        .iter()
        .filter(|route| route.path != METRICS_PATH || state.site().serve_metrics)
        .collect();
    let document = openapi_document(&served, &state);
    let mut router = Router::new();
    for route in &served {
        router = router.route(route.path, limited((route.handler)()));
    }
    with_layers(
        router
            .layer(Extension(OpenApiJson(Arc::from(document))))
            .layer(Extension(McpEndpoint::new(&state)))
            .fallback(pages::assets::not_found),
        state,
    )
}

/// `/metrics` alone, for a listener of its own (config `[metrics] serve = "ADDRESS"`).
pub fn metrics_app(state: AppState) -> Router {
    let route = ROUTES
        .iter()
        .find(|route| route.path == METRICS_PATH)
        .map(|route| (route.handler)())
        .unwrap_or_else(|| get(api::system::metrics));
    with_layers(
        Router::new()
            .route(METRICS_PATH, limited(route))
            .fallback(pages::assets::not_found),
        state,
    )
}

const METRICS_PATH: &str = "/metrics";

/// The OpenAPI document of `routes`, as JSON.
fn openapi_document(routes: &[&Route], state: &AppState) -> String {
    let context = DocContext {
        defaults: &state.site().search_defaults,
    };
    let described = routes
        .iter()
        .filter_map(|route| route.describe.map(|describe| (route.path, describe)));
    api::openapi::document(described, &context)
        .to_json()
        .unwrap_or_else(|error| {
            tracing::error!(%error, "the OpenAPI document failed to serialise");
            "{}".to_owned()
        })
}

/// The body limit on a route's own methods only: `Router::route_layer` would also wrap the
/// route's 405 answer, so a large POST to a GET route would be a 413 instead of the 405 it is.
fn limited(route: MethodRouter<AppState>) -> MethodRouter<AppState> {
    route.route_layer(RequestBodyLimitLayer::new(BODY_LIMIT_BYTES))
}

fn with_layers(router: Router<AppState>, state: AppState) -> Router {
    let timeout = state.site().request_timeout;
    router
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
    fn every_machine_route_describes_itself_and_no_page_does() {
        for route in ROUTES {
            assert_eq!(
                route.describe.is_some(),
                route.audience == Audience::Machine,
                "{}",
                route.path
            );
        }
    }
}
