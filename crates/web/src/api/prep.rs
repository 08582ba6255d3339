//! `/api/v1/prep?job={id}`: the interview-prep entries matched to one job, best first, with why
//! and the topic each is linked for; `/api/v1/prep/topics`: the closed list of interview topics
//! with their entries.

use std::sync::Arc;

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use prepboard_core::prep::{MatchBasis, PrepKind, PrepMatch};
use prepboard_core::{Listing, ListingId, TitleFamily};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa::openapi::path::{Operation, ParameterIn};

use super::describe::{DocContext, id_parameter, json_operation};
use super::values::one_of;
use crate::PrepBackend;
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
    /// The interview topic it is linked for (an id of `/api/v1/prep/topics`); null for a match
    /// with no topic.
    pub topic: Option<&'a str>,
    /// The job's own sentence that called for the topic; null for behavioural prep offered to
    /// every engineering role.
    pub evidence: Option<&'a str>,
}

/// One topic of a job: its evidence and the entries linked for it, in the order of `prep`.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct JobTopic<'a> {
    pub topic: &'a str,
    pub label: &'a str,
    pub evidence: Option<&'a str>,
    pub entry_ids: Vec<&'a str>,
}

const KINDS: [PrepKind; 4] = [
    PrepKind::RoleGuide,
    PrepKind::TopicGuide,
    PrepKind::ReferenceSection,
    PrepKind::HandbookPage,
];

pub(crate) fn kind_name(kind: PrepKind) -> &'static str {
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

/// `{"prep": [PrepLink], "topics": [JobTopic], "meta": {job_id, total}}`.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PrepLinks<'a> {
    pub prep: Vec<PrepLink<'a>>,
    /// The job's topics, most evidence first, each with the entries of `prep` linked for it.
    pub topics: Vec<JobTopic<'a>>,
    pub meta: PrepMeta<'a>,
}

/// One interview topic of the closed list.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct TopicResource<'a> {
    pub id: &'a str,
    pub label: &'a str,
    /// One line, in our own words.
    pub summary: &'a str,
    /// Canonical skill ids whose mention calls for the topic.
    pub skills: &'a [String],
    /// Entries declaring the topic, those for which it is the main topic first.
    pub entry_ids: Vec<&'a str>,
}

/// `{"topics": [TopicResource], "meta": {total}}`.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Topics<'a> {
    pub topics: Vec<TopicResource<'a>>,
    pub meta: TopicsMeta,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct TopicsMeta {
    #[schema(minimum = 0)]
    pub total: u64,
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
    let (_, matches) = job_matches(&state, &id).await?;
    let (prep, topics) = prep_links(state.prep().as_ref(), &matches);
    let total = prep.len() as u64;
    Ok(Json(PrepLinks {
        prep,
        topics,
        meta: PrepMeta {
            job_id: id.as_str(),
            total,
        },
    })
    .into_response())
}

/// Most entries matched to one job.
pub(crate) const MATCHES_PER_JOB: usize = 12;

/// A stored listing and the catalog entries matched to it, best first.
pub(crate) async fn job_matches(
    state: &AppState,
    id: &ListingId,
) -> Result<(Listing, Vec<PrepMatch>), WebError> {
    let listing = state.listing(id).await?;
    let matcher = Arc::clone(state.prep());
    let for_matching = listing.clone();
    let matches = state
        .blocking(move || matcher.match_listing(&for_matching, MATCHES_PER_JOB))
        .await?;
    Ok((listing, matches))
}

/// The links of `matches` (those whose entry the catalog still has) and the topics they are
/// linked for, each topic with its entries in the order of the links.
pub(crate) fn prep_links<'a>(
    catalog: &'a dyn PrepBackend,
    matches: &'a [PrepMatch],
) -> (Vec<PrepLink<'a>>, Vec<JobTopic<'a>>) {
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
                topic: matched.topic.as_deref(),
                evidence: matched.evidence.as_deref(),
            })
        })
        .collect();
    let mut topics: Vec<JobTopic<'_>> = Vec::new();
    for link in &prep {
        let Some(topic) = link.topic else { continue };
        match topics.iter_mut().find(|t| t.topic == topic) {
            Some(known) => known.entry_ids.push(link.entry_id),
            None => topics.push(JobTopic {
                topic,
                label: catalog.topic_label(topic).unwrap_or(topic),
                evidence: link.evidence,
                entry_ids: vec![link.entry_id],
            }),
        }
    }
    (prep, topics)
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

/// `/api/v1/prep/topics`.
pub(crate) async fn topics(State(state): State<AppState>) -> Response {
    let catalog = state.prep();
    let topics: Vec<TopicResource<'_>> = catalog
        .topics()
        .iter()
        .map(|topic| TopicResource {
            id: &topic.id,
            label: &topic.label,
            summary: &topic.summary,
            skills: &topic.skills,
            entry_ids: catalog
                .entries_for_topic(&topic.id)
                .into_iter()
                .map(|entry| entry.id.as_str())
                .collect(),
        })
        .collect();
    let total = topics.len() as u64;
    Json(Topics {
        topics,
        meta: TopicsMeta { total },
    })
    .into_response()
}

pub(crate) fn describe_topics(_: &DocContext<'_>) -> Operation {
    json_operation(
        "listPrepTopics",
        "The closed list of interview topics, each with the skills that call for it and its entries.",
        Vec::new(),
        "Every topic, in catalog order.",
        "Topics",
        &[],
    )
}
