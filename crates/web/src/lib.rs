//! prepboard-web: the search site, the JSON API, the Atom feeds, the MCP endpoint and the metrics
//! endpoint.
//!
//! Code map, from the bottom up (a module uses only those above it in this list):
//! - [`error`]: [`WebError`], the one error type, with its public face ([`error::ErrorBody`]).
//! - [`backend`]: the [`SearchBackend`] and [`PrepBackend`] seams; `adapters` plugs in the real
//!   Tantivy index and prep matcher; `cpu_pool` runs their blocking work.
//! - [`params`]: the one table of search parameters and [`params::SearchQuery`], the parser that the
//!   page, the API and the feed share; [`view`]: how listing facts read (salaries, badges, ages).
//! - `state`: [`AppState`] and [`SiteConfig`], what handlers read.
//! - `layout`: the base template's `Layout` and link helpers.
//! - `pages::*`: one module per page with its handler and template struct (`search`, `job`, `prep`,
//!   `sources`, `error` with the middleware that renders every error, `assets`).
//! - `mcp`: `/mcp`, the Model Context Protocol endpoint (tools and resources over the same
//!   parser, backends and DTO builders as the API; docs/MCP.md).
//! - `api::*`: one module per API resource (`jobs`, `facets`, `prep`, `sources`) with its DTOs, the
//!   machine endpoints (`system`) and `openapi`, which generates the OpenAPI document from them; [`feed`]: the Atom feed; `json_ld`: schema.org data for job pages;
//!   [`metrics`]: the in-memory histograms.
//! - `routes`: [`ROUTES`], the one route table, and [`app`], the router with its layers;
//!   `serve`: [`serve`], which runs it on a listener with bounded connections ([`ConnectionLimits`]).
//!
//! Architecture invariants: the web never fetches from a source, it only reads the store and the
//! index; Tantivy and matcher work runs through `AppState::blocking` (a first-come queue onto the
//! web's CPU pool, one thread per core), SQLite through sqlx's own threads; every page works without
//! JavaScript, and no page carries inline script (the CSP forbids it).

mod adapters;
mod api;
pub mod backend;
mod cpu_pool;
pub mod error;
pub mod feed;
mod json_ld;
mod layout;
mod mcp;
pub mod metrics;
mod pages;
pub mod params;
mod routes;
mod serve;
mod state;
mod view;

pub use adapters::bundled_skill_labels;
pub use backend::{BackendError, PlanStep, PrepBackend, SearchBackend};
pub use error::WebError;
pub use metrics::Metrics;
pub use params::SearchDefaults;
pub use routes::{Audience, CONTENT_SECURITY_POLICY, ROUTES, Route, app, metrics_app};
pub use serve::{ConnectionLimits, serve, serve_router};
pub use state::{AppState, SiteConfig};

/// How many async workers a runtime serving [`app`] wants: half the cores, at least one.
///
/// Searches and prep matching run on the CPU pool (a thread per core); the async workers only move
/// bytes and render pages, which half the cores does with room to spare. Fewer runnable threads
/// than two per core keep the pool's threads on their cores: with one worker on two cores,
/// `load-bench` measured 15–25% less server time per request, relative to search time.
pub fn async_workers() -> usize {
    (state::cores() / 2).max(1)
}
