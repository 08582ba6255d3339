//! The JSON API under `/api/v1/`, one module per resource with its handlers and the types it writes
//! (written by hand from the domain types: see `values`), the machine endpoints (`system`), and the
//! OpenAPI document generated from them (`openapi`, from the pieces in `describe`). Conventions (docs/API.md): plural collections
//! with a `meta` object, snake_case, RFC 3339 UTC times, one error envelope.

pub(crate) mod describe;
pub(crate) mod facets;
pub(crate) mod jobs;
pub(crate) mod openapi;
pub(crate) mod prep;
pub(crate) mod sources;
pub(crate) mod system;
pub(crate) mod values;

use crate::error::WebError;
use crate::params::{ParamProblem, SearchQuery, Strictness};
use crate::state::AppState;

/// The API refuses what pages would quietly ignore: a value its document does not allow is a 400
/// naming the parameter.
pub(crate) fn strict_query(state: &AppState, raw: Option<&str>) -> Result<SearchQuery, WebError> {
    let (query, problems) =
        SearchQuery::parse_with(raw, &state.site().search_defaults, Strictness::Strict);
    match problems.into_iter().next() {
        Some(ParamProblem { param, reason }) => Err(WebError::BadParameter {
            param: param.to_owned(),
            reason,
        }),
        None => Ok(query),
    }
}
