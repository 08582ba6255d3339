//! The OpenAPI 3.1 document at `/api/openapi.json`, generated: response schemas from the DTOs
//! (`utoipa::ToSchema`), search parameters from the one parameter table, operations from the
//! route table (each machine route names the function describing it, built from [`super::describe`]). Nothing here is written
//! twice, so the document and the server cannot drift; a schemathesis run in CI checks them
//! against each other.

use utoipa::ToSchema;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::{
    ComponentsBuilder, HttpMethod, InfoBuilder, OpenApi, OpenApiBuilder, PathItem, PathsBuilder,
    RefOr,
};

use super::describe::{Describe, DocContext};
use crate::error::ERROR_CODES;

/// The whole document for the machine routes `routes` (path and how to describe it).
pub(crate) fn document(
    routes: impl IntoIterator<Item = (&'static str, Describe)>,
    context: &DocContext<'_>,
) -> OpenApi {
    let mut paths = PathsBuilder::new();
    for (path, describe) in routes {
        paths = paths.path(path, PathItem::new(HttpMethod::Get, describe(context)));
    }
    // Each resource type with every type it refers to (derived `$ref`s need their targets).
    let mut schemas: Vec<(String, RefOr<Schema>)> = Vec::new();
    collect::<crate::api::jobs::JobsPage<'static>>(&mut schemas);
    collect::<crate::api::jobs::JobResource<'static>>(&mut schemas);
    collect::<crate::api::facets::FacetsResource>(&mut schemas);
    collect::<crate::api::prep::PrepLinks<'static>>(&mut schemas);
    collect::<crate::api::prep::Topics<'static>>(&mut schemas);
    collect::<crate::api::sources::Sources<'static>>(&mut schemas);
    collect::<crate::api::system::Health>(&mut schemas);
    let components = ComponentsBuilder::new()
        .schema("ErrorEnvelope", error_envelope_schema())
        .schemas_from_iter(schemas)
        .build();
    OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title("prepboard API")
                .version("1.1.0")
                .description(Some(
                    "Remote backend and API-engineering jobs, their facets, and the interview prep \
                     they call for. Conventions are in docs/API.md: plural collections with a \
                     `meta` object, snake_case fields, RFC 3339 UTC times, and one error envelope \
                     `{\"error\": {\"code\", \"message\"}}` with stable codes.",
                ))
                .build(),
        )
        .paths(paths.build())
        .components(Some(components))
        .build()
}

fn collect<T: ToSchema>(schemas: &mut Vec<(String, RefOr<Schema>)>) {
    schemas.push((T::name().into_owned(), T::schema()));
    T::schemas(schemas);
}

fn error_envelope_schema() -> Schema {
    let body = ObjectBuilder::new()
        .property(
            "code",
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(ERROR_CODES.to_vec())),
        )
        .required("code")
        .property("message", ObjectBuilder::new().schema_type(Type::String))
        .required("message");
    Schema::Object(
        ObjectBuilder::new()
            .property("error", body)
            .required("error")
            .build(),
    )
}
