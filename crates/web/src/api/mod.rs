//! The JSON API under `/api/v1/`, one module per resource with its handlers and the types it writes,
//! and the machine endpoints (`/api/openapi.json`, `/healthz`, `/metrics`). Conventions
//! (docs/API.md): plural collections with a `meta` object, snake_case, RFC 3339 UTC times, one
//! error envelope.

pub(crate) mod facets;
pub(crate) mod jobs;
pub(crate) mod prep;
pub(crate) mod sources;
pub(crate) mod system;

use crate::error::WebError;
use crate::params::{ParamProblem, SearchQuery};

/// The API refuses what pages would quietly ignore: a malformed value is a 400 naming it.
fn strict_query(raw: Option<&str>) -> Result<SearchQuery, WebError> {
    let (query, problems) = SearchQuery::parse(raw);
    match problems.into_iter().next() {
        Some(ParamProblem { param, reason }) => Err(WebError::BadParameter {
            param: param.to_owned(),
            reason,
        }),
        None => Ok(query),
    }
}
