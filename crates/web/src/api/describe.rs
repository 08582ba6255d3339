//! The building blocks each machine route's `describe` function uses to state its operation for
//! the OpenAPI document: JSON and text operations with the error envelope, id parameters, and the
//! search parameters read from the one parameter table. The resources (`jobs`, `facets`, …) use
//! these; [`super::openapi`] assembles their operations into the document, so neither depends on
//! the other.

use utoipa::openapi::path::{
    Operation, OperationBuilder, Parameter, ParameterBuilder, ParameterIn, ParameterStyle,
};
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, Type};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Required, ResponseBuilder};

use crate::params::{MAX_VALUES_PER_PARAM, PARAMS, Param, SearchDefaults, ValueKind};

/// What an operation's description may depend on: the operator's search defaults.
#[derive(Debug, Clone, Copy)]
pub struct DocContext<'a> {
    pub defaults: &'a SearchDefaults,
}

/// Describes one operation (a GET route).
pub type Describe = fn(&DocContext<'_>) -> Operation;

/// An operation answering `200` with `schema` as JSON, and the error envelope otherwise.
pub(crate) fn json_operation(
    id: &str,
    summary: &str,
    parameters: Vec<Parameter>,
    ok: &str,
    schema: &str,
    errors: &[(&str, &str)],
) -> Operation {
    let mut operation = OperationBuilder::new()
        .operation_id(Some(id))
        .summary(Some(summary))
        .response("200", json_response(ok, schema));
    for (status, description) in errors {
        operation = operation.response(*status, error_response(description));
    }
    operation
        .response(
            "default",
            error_response("Any other error, as the envelope."),
        )
        .parameters(Some(parameters))
        .build()
}

/// An operation answering `200` with a body that is not JSON (Atom, Prometheus text).
pub(crate) fn text_operation(
    id: &str,
    summary: &str,
    parameters: Vec<Parameter>,
    content_type: &str,
    ok: &str,
) -> Operation {
    OperationBuilder::new()
        .operation_id(Some(id))
        .summary(Some(summary))
        .response(
            "200",
            ResponseBuilder::new()
                .description(ok)
                .content(content_type, ContentBuilder::new().build())
                .build(),
        )
        .response("default", error_response("Any error, as the envelope."))
        .parameters(Some(parameters))
        .build()
}

fn error_response(description: &str) -> utoipa::openapi::Response {
    json_response(description, "ErrorEnvelope")
}

/// A response whose JSON body is the component schema `schema`.
fn json_response(description: &str, schema: &str) -> utoipa::openapi::Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name(schema)))
                .build(),
        )
        .build()
}

/// A required string parameter in the path or the query, matching `pattern`.
pub(crate) fn id_parameter(
    name: &str,
    place: ParameterIn,
    pattern: Option<&str>,
    doc: &str,
) -> Parameter {
    let mut schema = ObjectBuilder::new().schema_type(Type::String);
    if let Some(pattern) = pattern {
        schema = schema.pattern(Some(pattern));
    }
    ParameterBuilder::new()
        .name(name)
        .parameter_in(place)
        .required(Required::True)
        .description(Some(doc))
        .schema(Some(schema))
        .build()
}

/// The search parameters as the API reads them: every value the document allows is accepted,
/// every other value is a 400 naming the parameter.
pub(crate) fn strict_search_parameters(context: &DocContext<'_>) -> Vec<Parameter> {
    PARAMS
        .iter()
        .map(|param| {
            search_parameter(
                param,
                value_schema(param, context),
                Some(MAX_VALUES_PER_PARAM),
                param.doc,
            )
        })
        .collect()
}

/// The search parameters as the feed reads them: like the search page, it ignores what it cannot
/// read, so the document constrains nothing.
pub(crate) fn lenient_search_parameters() -> Vec<Parameter> {
    PARAMS
        .iter()
        .map(|param| {
            let doc = format!(
                "{} Read as the search page reads it: a value it cannot read is ignored.",
                param.doc
            );
            // No bound on repeats either: the feed keeps the first values and ignores the rest.
            search_parameter(
                param,
                ObjectBuilder::new().schema_type(Type::String),
                None,
                &doc,
            )
        })
        .collect()
}

fn search_parameter(
    param: &Param,
    value: ObjectBuilder,
    max_items: Option<usize>,
    doc: &str,
) -> Parameter {
    let schema: RefOr<Schema> = if param.repeatable {
        RefOr::T(Schema::Array(
            ArrayBuilder::new()
                .items(value)
                .max_items(max_items)
                .build(),
        ))
    } else {
        RefOr::T(Schema::Object(value.build()))
    };
    let mut builder = ParameterBuilder::new()
        .name(param.name)
        .parameter_in(ParameterIn::Query)
        .required(Required::False)
        .description(Some(doc))
        .schema(Some(schema));
    if param.repeatable {
        builder = builder
            .style(Some(ParameterStyle::Form))
            .explode(Some(true));
    }
    builder.build()
}

pub(crate) fn value_schema(param: &Param, context: &DocContext<'_>) -> ObjectBuilder {
    let builder = match param.value {
        ValueKind::Text { max_chars } => ObjectBuilder::new()
            .schema_type(Type::String)
            .max_length(Some(max_chars)),
        ValueKind::OneOf(values) => ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(values())),
        ValueKind::Integer { min, max } => ObjectBuilder::new()
            .schema_type(Type::Integer)
            .minimum(Some(min))
            .maximum(Some(max)),
        ValueKind::Pattern { pattern, .. } => ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(pattern)),
    };
    match (param.default)(context.defaults) {
        Some(default) => builder.default(Some(default)),
        None => builder,
    }
}
