//! `/api/v1/prep?job={id}`: the interview-prep entries matched to one job, best first, with why.

use std::sync::Arc;

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use prepboard_core::prep::{MatchBasis, PrepKind};
use prepboard_core::{ListingId, TitleFamily};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa::openapi::path::{Operation, ParameterIn};

use super::openapi::{DocContext, id_parameter, json_operation};
use super::values::one_of;
use crate::error::WebError;
use crate::state::AppState;

/// A catalog entry matched to a job, with the basis and reasons of the match.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PrepLink<'a> {
    pub entry_id: &'a str,
    pub title: &'a str,
    #[schema(format = "uri")]
    pub url: &'a str,
    #[schema(schema_with = kind_schema)]
    pub kind: &'static str,
    /// One line, in our own words.
    pub summary: &'a str,
    #[schema(schema_with = families_schema)]
    pub families: Vec<&'static str>,
    /// Canonical skill ids the entry serves.
    pub skills: &'a [String],
    #[schema(schema_with = basis_schema)]
    pub basis: &'static str,
    pub score: f32,
    /// Why it matched, in words.
    pub reasons: &'a [String],
}

const KINDS: [PrepKind; 4] = [
    PrepKind::RoleGuide,
    PrepKind::TopicGuide,
    PrepKind::ReferenceSection,
    PrepKind::HandbookPage,
];

fn kind_name(kind: PrepKind) -> &'static str {
    match kind {
        PrepKind::RoleGuide => "role_guide",
        PrepKind::TopicGuide => "topic_guide",
        PrepKind::ReferenceSection => "reference_section",
        PrepKind::HandbookPage => "handbook_page",
    }
}

fn basis_name(basis: MatchBasis) -> &'static str {
    match basis {
        MatchBasis::Role => "role",
        MatchBasis::Skill => "skill",
    }
}

fn object(
    builder: utoipa::openapi::schema::ObjectBuilder,
) -> utoipa::openapi::RefOr<utoipa::openapi::Schema> {
    utoipa::openapi::RefOr::T(utoipa::openapi::Schema::Object(builder.build()))
}

fn kind_schema() -> utoipa::openapi::RefOr<utoipa::openapi::Schema> {
    object(one_of(KINDS.map(kind_name)))
}

fn basis_schema() -> utoipa::openapi::RefOr<utoipa::openapi::Schema> {
    object(one_of(
        [MatchBasis::Role, MatchBasis::Skill].map(basis_name),
    ))
}

fn families_schema() -> utoipa::openapi::RefOr<utoipa::openapi::Schema> {
    utoipa::openapi::RefOr::T(utoipa::openapi::Schema::Array(
        utoipa::openapi::schema::ArrayBuilder::new()
            .items(one_of(TitleFamily::ALL.iter().map(|f| f.slug())))
            .build(),
    ))
}

/// Which job the matches are for, and how many there are.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PrepMeta<'a> {
    #[schema(pattern = "^[0-9a-f]{16}$")]
    pub job_id: &'a str,
    #[schema(minimum = 0)]
    pub total: u64,
}

/// `{"prep": [PrepLink], "meta": {job_id, total}}`.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PrepLinks<'a> {
    pub prep: Vec<PrepLink<'a>>,
    pub meta: PrepMeta<'a>,
}

pub(crate) async fn prep(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, WebError> {
    let raw = raw.unwrap_or_default();
    let job = url::form_urlencoded::parse(raw.as_bytes())
        .find(|(name, _)| name == "job")
        .map(|(_, value)| value.into_owned())
        .ok_or_else(|| WebError::BadParameter {
            param: "job".to_owned(),
            reason: "a listing id is required, as in /api/v1/prep?job=<id>".to_owned(),
        })?;
    let id = ListingId::parse(&job).ok_or_else(|| WebError::BadParameter {
        param: "job".to_owned(),
        reason: format!("`{job}` is not a listing id (16 lowercase hex digits)"),
    })?;
    let listing = state.listing(&id).await?;
    let matcher = Arc::clone(state.prep());
    let matches = state
        .blocking(move || matcher.match_listing(&listing, 12))
        .await?;
    let catalog = state.prep();
    let prep: Vec<PrepLink<'_>> = matches
        .iter()
        .filter_map(|matched| {
            let entry = catalog.entry(&matched.entry_id)?;
            Some(PrepLink {
                entry_id: &entry.id,
                title: &entry.title,
                url: &entry.url,
                kind: kind_name(entry.kind),
                summary: &entry.summary,
                families: entry.families.iter().map(|f| f.slug()).collect(),
                skills: &entry.skills,
                basis: basis_name(matched.basis),
                score: matched.score,
                reasons: &matched.reasons,
            })
        })
        .collect();
    let total = prep.len() as u64;
    Ok(Json(PrepLinks {
        prep,
        meta: PrepMeta {
            job_id: id.as_str(),
            total,
        },
    })
    .into_response())
}

pub(crate) fn describe(_: &DocContext<'_>) -> Operation {
    json_operation(
        "getPrepForJob",
        "The interview-prep entries matched to one job, with the reasons.",
        vec![id_parameter(
            "job",
            ParameterIn::Query,
            Some("^[0-9a-f]{16}$"),
            "The listing's id.",
        )],
        "Matched entries, best first.",
        "PrepLinks",
        &[
            ("400", "`job` is missing or not a listing id."),
            ("404", "No listing has this id."),
        ],
    )
}
