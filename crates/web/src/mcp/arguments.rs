//! Tool arguments: the JSON a client sends, read into what the API reads, and [`ArgumentError`],
//! the tool error that names the argument at fault.
//!
//! A search's arguments are the API's query parameters as JSON ([`search_query`]): each argument
//! is written as the query-string value `/api/v1/jobs` would receive and read by the same strict
//! parser (`api::strict_query`), so the names, the defaults and the checks are the API's, and a
//! search through MCP finds exactly the jobs the API finds. Only the JSON types are checked here:
//! `query: 12` is refused before any value is read, `per_page: "lots"` too.

use serde_json::{Map, Value};
use url::form_urlencoded;

use crate::api::strict_query;
use crate::error::WebError;
use crate::params::{MAX_VALUES_PER_PARAM, PARAMS, Param, SearchQuery, ValueKind};
use crate::state::AppState;

/// The argument that carries the search text; the API calls it `q`, a model reads `query` better.
pub(crate) const QUERY_ARGUMENT: &str = "query";

/// A tool argument the tool cannot use, named.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum ArgumentError {
    /// A required argument is absent.
    #[error("missing argument `{0}`")]
    Missing(String),
    /// The tool takes no argument of this name.
    #[error("unknown argument `{name}`; this tool takes {expected}")]
    Unknown { name: String, expected: String },
    /// The argument's JSON type is not the one its schema states.
    #[error("argument `{name}` must be {expected}, not {found}")]
    WrongType {
        name: String,
        expected: &'static str,
        found: &'static str,
    },
    /// The value has the right type but is not one the tool allows.
    #[error("argument `{name}`: {reason}")]
    BadValue { name: String, reason: String },
}

/// The MCP name of a search parameter.
pub(crate) fn argument_name(param: &Param) -> &'static str {
    if param.name == "q" {
        QUERY_ARGUMENT
    } else {
        param.name
    }
}

fn param_of(argument: &str) -> Option<&'static Param> {
    PARAMS.iter().find(|param| argument_name(param) == argument)
}

/// Reads a search's arguments as `/api/v1/jobs` reads its query string, strictly. `extra` names
/// the arguments besides the search's that the calling tool takes (and reads itself).
pub(crate) fn search_query(
    state: &AppState,
    arguments: &Map<String, Value>,
    extra: &[&str],
) -> Result<SearchQuery, ArgumentError> {
    let mut raw = form_urlencoded::Serializer::new(String::new());
    for (name, value) in arguments {
        if extra.contains(&name.as_str()) {
            continue;
        }
        let Some(param) = param_of(name) else {
            return Err(ArgumentError::Unknown {
                name: name.clone(),
                expected: expected_arguments(extra),
            });
        };
        for text in query_values(param, value)? {
            raw.append_pair(param.name, &text);
        }
    }
    let raw = raw.finish();
    strict_query(state, Some(&raw)).map_err(|error| match error {
        WebError::BadParameter { param, reason } => ArgumentError::BadValue {
            name: PARAMS
                .iter()
                .find(|p| p.name == param)
                .map_or(param, |p| argument_name(p).to_owned()),
            reason,
        },
        other => ArgumentError::BadValue {
            name: "arguments".to_owned(),
            reason: other.to_string(),
        },
    })
}

fn expected_arguments(extra: &[&str]) -> String {
    let names: Vec<String> = extra
        .iter()
        .copied()
        .chain(PARAMS.iter().map(|param| argument_name(param)))
        .map(|name| format!("`{name}`"))
        .collect();
    names.join(", ")
}

/// The query-string values of one argument: a list for a repeatable parameter (a single value is
/// a list of one), each value written as the API's query string writes it.
fn query_values(param: &Param, value: &Value) -> Result<Vec<String>, ArgumentError> {
    let name = argument_name(param);
    match value {
        // An explicit null is the argument left out, as most clients write an unset optional.
        Value::Null => Ok(Vec::new()),
        Value::Array(items) if param.repeatable => {
            if items.len() > MAX_VALUES_PER_PARAM {
                return Err(ArgumentError::BadValue {
                    name: name.to_owned(),
                    reason: format!("more than {MAX_VALUES_PER_PARAM} values"),
                });
            }
            items.iter().map(|item| query_value(param, item)).collect()
        }
        single => Ok(vec![query_value(param, single)?]),
    }
}

fn query_value(param: &Param, value: &Value) -> Result<String, ArgumentError> {
    let wrong = |expected: &'static str| ArgumentError::WrongType {
        name: argument_name(param).to_owned(),
        expected,
        found: json_type(value),
    };
    match (param.value, value) {
        (ValueKind::Integer { .. }, Value::Number(number)) => number
            .as_u64()
            .map(|n| n.to_string())
            .ok_or_else(|| ArgumentError::BadValue {
                name: argument_name(param).to_owned(),
                reason: format!("`{number}` is not a whole number"),
            }),
        (ValueKind::Integer { .. }, _) => Err(wrong("an integer")),
        (ValueKind::OneOf(_), Value::Bool(on)) if is_flag(param) => {
            Ok(if *on { "1" } else { "0" }.to_owned())
        }
        (ValueKind::OneOf(_), Value::String(text)) => Ok(text.clone()),
        (ValueKind::OneOf(_), _) if is_flag(param) => Err(wrong("a boolean")),
        (ValueKind::Pattern { .. }, Value::Number(number)) => Ok(number.to_string()),
        (ValueKind::Pattern { .. } | ValueKind::Text { .. }, Value::String(text)) => {
            Ok(text.clone())
        }
        (ValueKind::Pattern { .. }, _) => Err(wrong("a string or a number")),
        (_, _) if param.repeatable => Err(wrong("a string or a list of strings")),
        (_, _) => Err(wrong("a string")),
    }
}

/// Whether a parameter is an on/off switch, which JSON writes as a boolean.
pub(crate) fn is_flag(param: &Param) -> bool {
    matches!(param.value, ValueKind::OneOf(values) if values().contains(&"true"))
}

/// The JSON type of a value, in words.
pub(crate) fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A required string argument.
pub(crate) fn required_string<'a>(
    arguments: &'a Map<String, Value>,
    name: &str,
) -> Result<&'a str, ArgumentError> {
    match arguments.get(name) {
        None | Some(Value::Null) => Err(ArgumentError::Missing(name.to_owned())),
        Some(Value::String(text)) => Ok(text),
        Some(other) => Err(ArgumentError::WrongType {
            name: name.to_owned(),
            expected: "a string",
            found: json_type(other),
        }),
    }
}

/// Refuses any argument outside `allowed`.
pub(crate) fn only(arguments: &Map<String, Value>, allowed: &[&str]) -> Result<(), ArgumentError> {
    match arguments
        .keys()
        .find(|name| !allowed.contains(&name.as_str()))
    {
        None => Ok(()),
        Some(name) => Err(ArgumentError::Unknown {
            name: name.clone(),
            expected: if allowed.is_empty() {
                "no arguments".to_owned()
            } else {
                allowed
                    .iter()
                    .map(|name| format!("`{name}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        }),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn param(name: &str) -> &'static Param {
        PARAMS.iter().find(|p| p.name == name).unwrap()
    }

    #[test]
    fn json_values_become_the_api_query_values() {
        let check = |name: &str, value: Value, expected: Result<Vec<&str>, &str>| {
            let got = query_values(param(name), &value).map_err(|e| e.to_string());
            let expected = expected
                .map(|v| v.into_iter().map(str::to_owned).collect::<Vec<_>>())
                .map_err(str::to_owned);
            assert_eq!(got, expected, "{name} = {value}");
        };
        check("q", json!("rust api"), Ok(vec!["rust api"]));
        check(
            "q",
            json!(12),
            Err("argument `query` must be a string, not a number"),
        );
        check("per_page", json!(5), Ok(vec!["5"]));
        check(
            "per_page",
            json!("lots"),
            Err("argument `per_page` must be an integer, not a string"),
        );
        check(
            "page",
            json!(-1),
            Err("argument `page`: `-1` is not a whole number"),
        );
        check("family", json!("api-engineer"), Ok(vec!["api-engineer"]));
        check(
            "family",
            json!(["api-engineer", "backend-engineer"]),
            Ok(vec!["api-engineer", "backend-engineer"]),
        );
        check(
            "family",
            json!([1]),
            Err("argument `family` must be a string or a list of strings, not a number"),
        );
        check("include_no_salary", json!(true), Ok(vec!["1"]));
        check("include_no_salary", json!("0"), Ok(vec!["0"]));
        check(
            "include_no_salary",
            json!(3),
            Err("argument `include_no_salary` must be a boolean, not a number"),
        );
        check("min_salary", json!(120000), Ok(vec!["120000"]));
        check("utc", json!(5.5), Ok(vec!["5.5"]));
        check("skill", Value::Null, Ok(vec![]));
        check(
            "sort",
            json!(["newest"]),
            Err("argument `sort` must be a string, not a list"),
        );
    }
}
