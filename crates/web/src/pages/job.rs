//! `/jobs/{id}`: one listing with its link back to every place it was seen, its prep links grouped
//! by role and skill, similar jobs, and JSON-LD for employer-board listings.

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Html;
use prepboard_core::Listing;
use prepboard_core::prep::{MatchBasis, PrepEntry, PrepMatch};

use crate::error::WebError;
use crate::json_ld::job_posting_json_ld;
use crate::layout::{Layout, render};
use crate::state::{AppState, listing_id};
use crate::view::{self, Badge, SalaryView};

#[derive(Debug)]
pub(crate) struct PrepItem {
    kind: &'static str,
    title: String,
    url: String,
    detail_href: String,
    reasons: String,
}

#[derive(Debug)]
pub(crate) struct PrepGroup {
    heading: String,
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
    let (matches, similar) = {
        let matcher = Arc::clone(state.prep());
        let index = Arc::clone(state.index());
        let for_matching = listing.clone();
        state
            .blocking(move || {
                let matches = matcher.match_listing(&for_matching, 12);
                let similar = index.similar(&for_matching.id, 5);
                (matches, similar)
            })
            .await?
    };
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
        prep_groups: prep_groups(&state, &listing, &matches),
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

fn prep_item(entry: &PrepEntry, reasons: &[String]) -> PrepItem {
    PrepItem {
        kind: entry.kind.label(),
        title: entry.title.clone(),
        url: entry.url.clone(),
        detail_href: format!("/prep/{}", entry.id),
        reasons: reasons.join("; "),
    }
}

/// Matches grouped as the page shows them: the role first, then one group per skill the listing
/// asks for (in the listing's order), then anything else.
fn prep_groups(state: &AppState, listing: &Listing, matches: &[PrepMatch]) -> Vec<PrepGroup> {
    let catalog = state.prep();
    let mut role = Vec::new();
    let mut by_skill: HashMap<&str, Vec<PrepItem>> = HashMap::new();
    let mut other = Vec::new();
    for matched in matches {
        let Some(entry) = catalog.entry(&matched.entry_id) else {
            continue;
        };
        let item = prep_item(entry, &matched.reasons);
        match matched.basis {
            MatchBasis::Role => role.push(item),
            MatchBasis::Skill => {
                let skill = listing
                    .skill_ids()
                    .find(|skill| entry.skills.iter().any(|s| s == skill));
                match skill {
                    Some(skill) => by_skill.entry(skill).or_default().push(item),
                    None => other.push(item),
                }
            }
        }
    }
    let mut groups = Vec::new();
    if !role.is_empty() {
        groups.push(PrepGroup {
            heading: format!("For the role: {}", listing.family.label()),
            items: role,
        });
    }
    for skill in listing.skill_ids() {
        if let Some(items) = by_skill.remove(skill) {
            groups.push(PrepGroup {
                heading: format!("For {}", state.skill_label(skill)),
                items,
            });
        }
    }
    if !other.is_empty() {
        groups.push(PrepGroup {
            heading: "Related topics".to_owned(),
            items: other,
        });
    }
    groups
}
