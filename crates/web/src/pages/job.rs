//! `/jobs/{id}`: one listing with its link back to every place it was seen, its prep links grouped
//! by interview topic (each topic with the listing's sentence that called for it, each entry a
//! checklist item the browser remembers), similar jobs, and JSON-LD for employer-board listings.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Html;
use prepboard_core::Listing;
use prepboard_core::prep::{PrepEntry, PrepMatch, PrepQuestion};

use crate::error::WebError;
use crate::json_ld::job_posting_json_ld;
use crate::layout::{Layout, render};
use crate::state::{AppState, TOP_PREP_CACHE_LIMIT, listing_id};
use crate::view::{self, Badge, SalaryView};

#[derive(Debug)]
pub(crate) struct PrepItem {
    /// The entry id: the checklist's key in the browser.
    id: String,
    kind: &'static str,
    title: String,
    url: String,
    detail_href: String,
    /// Reasons besides the topic's evidence ("asks for Kafka").
    reasons: String,
    /// The first questions of the entry's page, once `prepboard prep fetch` has read it.
    questions: Vec<String>,
}

#[derive(Debug)]
pub(crate) struct PrepGroup {
    heading: String,
    topic_href: Option<String>,
    /// The listing's sentence that called for the topic, and where it stands.
    evidence: Option<String>,
    place: String,
    items: Vec<PrepItem>,
}

#[derive(Debug)]
pub(crate) struct SightingView {
    name: String,
    url: String,
    closed: Option<String>,
}

#[derive(Debug)]
pub(crate) struct SkillLink {
    label: String,
    href: String,
}

#[derive(Debug)]
pub(crate) struct SimilarJob {
    href: String,
    title: String,
    company: String,
}

#[derive(Template)]
#[template(path = "job.html")]
struct JobPage<'a> {
    layout: Layout<'a>,
    json_ld: Option<String>,
    title: String,
    company: String,
    location: String,
    closed: bool,
    /// `None` when the listing has no http(s) link at all: no button then.
    apply_href: Option<String>,
    apply_is_employer: bool,
    description_html: String,
    prep_groups: Vec<PrepGroup>,
    similar: Vec<SimilarJob>,
    salary: Option<SalaryView>,
    badge: Badge,
    utc_band: Option<String>,
    family: &'static str,
    seniority: &'static str,
    employment: &'static str,
    workplace: &'static str,
    skills: Vec<SkillLink>,
    posted: Option<String>,
    first_seen: String,
    last_seen: String,
    closed_at: Option<String>,
    from_snapshot: bool,
    sightings: Vec<SightingView>,
}

pub(crate) async fn job(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Html<String>, WebError> {
    let id = listing_id(&id)?;
    let listing = state.listing(&id).await?;
    let fingerprint = listing_fingerprint(&listing);
    let cached = state.job_prep_cache().lock().ok().and_then(|cache| {
        cache
            .get(&id)
            .filter(|(f, _)| *f == fingerprint)
            .map(|(_, m)| Arc::clone(m))
    });
    let (matches, similar) = {
        let matcher = Arc::clone(state.prep());
        let index = Arc::clone(state.index());
        let for_matching = listing.clone();
        let known = cached.clone();
        state
            .blocking(move || {
                let matches = known
                    .unwrap_or_else(|| Arc::new(matcher.match_listing(&for_matching, PREP_LINKS)));
                let similar = index.similar(&for_matching.id, 5);
                (matches, similar)
            })
            .await?
    };
    if cached.is_none()
        && let Ok(mut cache) = state.job_prep_cache().lock()
    {
        if cache.len() >= TOP_PREP_CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(id.clone(), (fingerprint, Arc::clone(&matches)));
    }
    let entry_ids: Vec<&str> = matches.iter().map(|m| m.entry_id.as_str()).collect();
    let questions = state
        .store()
        .prep_questions_of(&entry_ids, QUESTIONS_PER_LINK)
        .await
        .unwrap_or_else(|error| {
            // Questions are extra: an unreadable table should not take the page down.
            tracing::warn!(%error, listing = %id, "stored prep questions unreadable");
            HashMap::new()
        });
    let similar = similar.unwrap_or_else(|error| {
        // Similar jobs are a nicety: a failure here should not take the job page down.
        tracing::warn!(%error, listing = %id, "similar jobs failed");
        Vec::new()
    });
    let apply_href = [
        listing.apply_url.as_deref(),
        Some(listing.source_url.as_str()),
    ]
    .into_iter()
    .flatten()
    .find(|url| is_web_url(url))
    .map(str::to_owned);
    let apply_is_employer = listing
        .apply_url
        .as_deref()
        .is_some_and(|url| is_web_url(url) && url != listing.source_url)
        || listing.source.is_employer_board();
    let page = JobPage {
        layout: Layout::new(
            &state,
            "",
            &format!("{} at {}", listing.title, listing.company.name),
        ),
        json_ld: listing
            .source
            .is_employer_board()
            .then(|| job_posting_json_ld(&listing)),
        title: listing.title.clone(),
        company: listing.company.name.clone(),
        location: listing.location_text.clone(),
        closed: !listing.is_open(),
        apply_href,
        apply_is_employer,
        description_html: listing.description_html.clone(),
        prep_groups: prep_groups(&state, &matches, questions),
        similar: similar
            .iter()
            .map(|hit| SimilarJob {
                href: format!("/jobs/{}", hit.id),
                title: hit.title.clone(),
                company: hit.company.name.clone(),
            })
            .collect(),
        salary: listing.salary.as_ref().map(view::salary),
        badge: view::badge(listing.workplace, &listing.eligibility),
        utc_band: listing.eligibility.utc_band.as_ref().map(view::utc_band),
        family: listing.family.label(),
        seniority: listing.seniority.label(),
        employment: listing.employment_type.label(),
        workplace: listing.workplace.label(),
        skills: listing
            .skill_ids()
            .map(|skill| SkillLink {
                label: state.skill_label(skill).to_owned(),
                href: format!("/?skill={skill}"),
            })
            .collect(),
        posted: listing.posted_at.map(view::date),
        first_seen: view::date(listing.freshness.first_seen),
        last_seen: view::date(listing.freshness.last_seen),
        closed_at: listing.freshness.closed_at.map(view::date),
        from_snapshot: listing.from_snapshot,
        sightings: sightings(&listing),
    };
    render(&page)
}

/// What the prep links of a listing depend on besides the catalog: a change to any of it (the
/// store updated the listing) makes the cached links stale.
fn listing_fingerprint(listing: &Listing) -> u64 {
    let mut text = format!(
        "{}\n{}\n{}\n",
        listing.title,
        listing.family.slug(),
        listing.description_html
    );
    for tag in &listing.tags {
        text.push_str(tag);
        text.push('\n');
    }
    for skill in &listing.skills {
        let _ = writeln!(text, "{}:{}:{:?}", skill.skill, skill.mentions, skill.place);
    }
    prepboard_core::id::fnv1a64(text.as_bytes())
}

fn is_web_url(url: &str) -> bool {
    prepboard_core::normalize::url::is_http_url(url)
}

/// Every place the job was seen, named as each source's terms ask; the listing's own source when
/// the store recorded no sightings.
fn sightings(listing: &Listing) -> Vec<SightingView> {
    let mut views: Vec<SightingView> = listing
        .sightings
        .iter()
        .filter(|sighting| is_web_url(&sighting.url))
        .map(|sighting| SightingView {
            name: sighting.source.display_name().to_owned(),
            url: sighting.url.clone(),
            closed: sighting.closed_at.map(view::date),
        })
        .collect();
    if views.is_empty() && is_web_url(&listing.source_url) {
        views.push(SightingView {
            name: listing.source.display_name().to_owned(),
            url: listing.source_url.clone(),
            closed: None,
        });
    }
    views
}

/// Prep links on a job page: enough for two entries on each of the listing's main topics.
const PREP_LINKS: usize = 10;
/// Questions shown under each prep link; the entry's own page shows more.
const QUESTIONS_PER_LINK: usize = 3;

fn prep_item(entry: &PrepEntry, matched: &PrepMatch) -> PrepItem {
    let evidence_reason = matched.evidence.is_some() || matched.topic.is_some();
    let reasons: Vec<&str> = matched
        .reasons
        .iter()
        .skip(usize::from(evidence_reason))
        .map(String::as_str)
        .collect();
    PrepItem {
        id: entry.id.clone(),
        kind: entry.kind.label(),
        title: entry.title.clone(),
        url: entry.url.clone(),
        detail_href: format!("/prep/{}", entry.id),
        reasons: reasons.join("; "),
        questions: Vec::new(),
    }
}

/// Matches grouped by topic, in the order the matcher ranked the topics (its first links are one
/// per topic, most evidence first); matches with no topic go last under "Related".
fn prep_groups(
    state: &AppState,
    matches: &[PrepMatch],
    mut questions: HashMap<String, Vec<PrepQuestion>>,
) -> Vec<PrepGroup> {
    let catalog = state.prep();
    let mut groups: Vec<(Option<String>, PrepGroup)> = Vec::new();
    for matched in matches {
        let Some(entry) = catalog.entry(&matched.entry_id) else {
            continue;
        };
        let mut item = prep_item(entry, matched);
        item.questions = questions
            .remove(&entry.id)
            .unwrap_or_default()
            .into_iter()
            .map(|q| q.question)
            .collect();
        if let Some((_, group)) = groups.iter_mut().find(|(t, _)| *t == matched.topic) {
            group.items.push(item);
            continue;
        }
        let (heading, place) = match &matched.topic {
            Some(topic) => (
                catalog
                    .topic_label(topic)
                    .unwrap_or(topic.as_str())
                    .to_owned(),
                evidence_place(&matched.reasons),
            ),
            None => ("Related".to_owned(), String::new()),
        };
        groups.push((
            matched.topic.clone(),
            PrepGroup {
                heading,
                topic_href: matched.topic.as_ref().map(|t| format!("/prep/topic/{t}")),
                evidence: matched.evidence.clone(),
                place,
                items: vec![item],
            },
        ));
    }
    groups.into_iter().map(|(_, group)| group).collect()
}

/// "in the requirements" from the matcher's first reason ("Kafka in the requirements: “…”").
fn evidence_place(reasons: &[String]) -> String {
    let Some(first) = reasons.first() else {
        return String::new();
    };
    let head = first.split(": “").next().unwrap_or_default();
    ["in the ", "as a ", "from the "]
        .iter()
        .find_map(|marker| head.find(marker).map(|at| head[at..].to_owned()))
        .unwrap_or_default()
}
