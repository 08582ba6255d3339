//! `/prep/{entry}` and `/prep/topic/{topic}`: one prep entry (what it covers, its questions once
//! `prepboard prep fetch` has read the page, the open jobs that need it, related entries) and one
//! interview topic (its entries and its jobs).

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Html;
use prepboard_core::prep::{PrepEntry, PrepQuestion};
use prepboard_core::search::{SearchHit, SearchRequest, SortOrder};

use crate::error::WebError;
use crate::layout::{Layout, href, render};
use crate::state::AppState;

/// One catalog entry as every prep page lists it (the catalog, a plan, an entry's related
/// entries, a topic).
#[derive(Debug)]
pub(crate) struct EntryView {
    pub(super) kind: &'static str,
    pub(super) title: String,
    pub(super) url: String,
    pub(super) detail_href: String,
    pub(super) summary: String,
}

pub(super) fn entry_view(entry: &PrepEntry) -> EntryView {
    EntryView {
        kind: entry.kind.label(),
        title: entry.title.clone(),
        url: entry.url.clone(),
        detail_href: format!("/prep/{}", entry.id),
        summary: entry.summary.clone(),
    }
}

/// Jobs listed on an entry or topic page; the rest are one click away in the search.
const JOBS_SHOWN: u32 = 10;
/// Questions shown from a fetched page.
const QUESTIONS_SHOWN: usize = 10;
/// Related entries shown.
const RELATED_SHOWN: usize = 6;

#[derive(Debug)]
pub(crate) struct TopicLink {
    label: String,
    href: String,
}

#[derive(Debug)]
pub(crate) struct JobLink {
    href: String,
    title: String,
    company: String,
}

/// The open jobs that need an entry or topic: how many, the first few, and the search for all.
#[derive(Debug)]
pub(crate) struct Audience {
    description: String,
    total: u64,
    search_href: String,
    jobs: Vec<JobLink>,
}

#[derive(Template)]
#[template(path = "prep_entry.html")]
struct EntryPage<'a> {
    layout: Layout<'a>,
    entry: EntryView,
    topics: Vec<TopicLink>,
    questions: Vec<PrepQuestion>,
    audience: Option<Audience>,
    related: Vec<EntryView>,
}

#[derive(Template)]
#[template(path = "prep_topic.html")]
struct TopicPage<'a> {
    layout: Layout<'a>,
    label: String,
    summary: String,
    entries: Vec<EntryView>,
    audiences: Vec<Audience>,
}

pub(crate) async fn entry_page(state: &AppState, id: &str) -> Result<Html<String>, WebError> {
    let catalog = state.prep();
    let entry = catalog
        .entry(id)
        .ok_or_else(|| WebError::NotFound("prep entry".to_owned()))?;
    let questions = match state
        .store()
        .prep_questions_of(&[entry.id.as_str()], QUESTIONS_SHOWN)
        .await
    {
        Ok(mut found) => found.remove(&entry.id).unwrap_or_default(),
        Err(error) => {
            // Questions are extra: an unreadable table should not take the page down.
            tracing::warn!(%error, entry = %entry.id, "stored prep questions unreadable");
            Vec::new()
        }
    };
    let audience = match audience_request(entry) {
        Some((description, request)) => Some(audience(state, description, request).await?),
        None => None,
    };
    let page = EntryPage {
        layout: Layout::new(state, "prep", &entry.title),
        entry: entry_view(entry),
        topics: entry
            .topics
            .iter()
            .map(|topic| TopicLink {
                label: catalog.topic_label(topic).unwrap_or(topic).to_owned(),
                href: format!("/prep/topic/{topic}"),
            })
            .collect(),
        questions,
        audience,
        related: catalog
            .related(&entry.id)
            .into_iter()
            .take(RELATED_SHOWN)
            .map(entry_view)
            .collect(),
    };
    render(&page)
}

pub(crate) async fn prep_topic(
    State(state): State<AppState>,
    Path(topic): Path<String>,
) -> Result<Html<String>, WebError> {
    let catalog = state.prep();
    let found = catalog
        .topics()
        .iter()
        .find(|t| t.id == topic)
        .ok_or_else(|| WebError::NotFound("prep topic".to_owned()))?;
    let mut audiences = Vec::new();
    for skill in &found.skills {
        let request = SearchRequest {
            skills: vec![skill.clone()],
            ..SearchRequest::default()
        };
        let description = format!("asking for {}", state.skill_label(skill));
        let jobs = audience(&state, description, request).await?;
        if jobs.total > 0 {
            audiences.push(jobs);
        }
    }
    let page = TopicPage {
        layout: Layout::new(&state, "prep", &found.label),
        label: found.label.clone(),
        summary: found.summary.clone(),
        entries: catalog
            .entries_for_topic(&found.id)
            .into_iter()
            .map(entry_view)
            .collect(),
        audiences,
    };
    render(&page)
}

/// The search for "open jobs that need this entry": jobs asking for its main skill, or for an
/// entry that serves no skill, jobs in any of its families. `None` for an entry for everyone.
fn audience_request(entry: &PrepEntry) -> Option<(String, SearchRequest)> {
    if let Some(skill) = entry.skills.first() {
        return Some((
            format!("asking for {skill}"),
            SearchRequest {
                skills: vec![skill.clone()],
                ..SearchRequest::default()
            },
        ));
    }
    if entry.families.is_empty() {
        return None;
    }
    Some((
        "in the roles it is written for".to_owned(),
        SearchRequest {
            families: entry.families.clone(),
            ..SearchRequest::default()
        },
    ))
}

/// Runs `wanted` (its skills and families) over the site's default search and shapes the answer.
async fn audience(
    state: &AppState,
    description: String,
    wanted: SearchRequest,
) -> Result<Audience, WebError> {
    let mut request = state.site().search_defaults.request();
    request.skills = wanted.skills.clone();
    request.families = wanted.families.clone();
    request.per_page = JOBS_SHOWN;
    request.sort = SortOrder::Newest;
    let response = state.search(request).await?;
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for skill in &wanted.skills {
        query.append_pair("skill", skill);
    }
    for family in &wanted.families {
        query.append_pair("family", family.slug());
    }
    let description = match wanted.skills.first() {
        Some(skill) => description.replace(skill.as_str(), state.skill_label(skill)),
        None => description,
    };
    Ok(Audience {
        description,
        total: response.total,
        search_href: href("/", &query.finish()),
        jobs: response.hits.iter().map(job_link).collect(),
    })
}

fn job_link(hit: &SearchHit) -> JobLink {
    JobLink {
        href: format!("/jobs/{}", hit.id),
        title: hit.title.clone(),
        company: hit.company.name.clone(),
    }
}
