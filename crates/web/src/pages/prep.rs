//! `/prep`, `/prep/{key}`: the interview-prep catalog by role and by skill with how many open jobs
//! need each, the prep plan of a search, and one role or skill. One entry (`/prep/{entry}`) and one
//! topic (`/prep/topic/{topic}`) have pages of their own in [`super::prep_entry`].

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::response::Html;
use prepboard_core::TitleFamily;
use prepboard_core::prep::PrepEntry;
use prepboard_core::search::{FacetCount, SortOrder};

use super::prep_entry::{EntryView, entry_view};
use crate::error::WebError;
use crate::layout::{Layout, href, render};
use crate::params::{SearchQuery, Strictness};
use crate::state::AppState;

#[derive(Debug)]
pub(crate) struct EntryGroup {
    label: String,
    detail_href: String,
    search_href: String,
    count: u64,
    entries: Vec<EntryView>,
}

#[derive(Debug)]
pub(crate) struct Section {
    heading: String,
    groups: Vec<EntryGroup>,
}

#[derive(Debug)]
pub(crate) struct PlanItemView {
    heading: String,
    entries: Vec<EntryView>,
}

#[derive(Debug)]
pub(crate) struct PlanView {
    description: String,
    total: u64,
    search_href: String,
    items: Vec<PlanItemView>,
}

#[derive(Template)]
#[template(path = "prep.html")]
struct PrepPage<'a> {
    layout: Layout<'a>,
    heading: String,
    intro: String,
    plan: Option<PlanView>,
    sections: Vec<Section>,
}

/// Open-job counts per family and per skill, from the facets of the empty search.
async fn open_counts(
    state: &AppState,
) -> Result<(HashMap<String, u64>, HashMap<String, u64>), WebError> {
    let mut request = state.site().search_defaults.request();
    request.per_page = 1;
    request.sort = SortOrder::Newest;
    let response = state.search(request).await?;
    let to_map = |counts: &[FacetCount]| {
        counts
            .iter()
            .map(|c| (c.value.clone(), c.count))
            .collect::<HashMap<_, _>>()
    };
    Ok((
        to_map(&response.facets.families),
        to_map(&response.facets.skills),
    ))
}

fn family_group(
    family: TitleFamily,
    entries: Vec<&PrepEntry>,
    counts: &HashMap<String, u64>,
) -> EntryGroup {
    EntryGroup {
        label: family.label().to_owned(),
        detail_href: format!("/prep/{}", family.slug()),
        search_href: format!("/?family={}", family.slug()),
        count: counts.get(family.slug()).copied().unwrap_or(0),
        entries: entries.into_iter().map(entry_view).collect(),
    }
}

fn skill_group(
    state: &AppState,
    skill: &str,
    entries: Vec<&PrepEntry>,
    counts: &HashMap<String, u64>,
) -> EntryGroup {
    EntryGroup {
        label: state.skill_label(skill).to_owned(),
        detail_href: format!("/prep/{skill}"),
        search_href: href(
            "/",
            &url::form_urlencoded::Serializer::new(String::new())
                .append_pair("skill", skill)
                .finish(),
        ),
        count: counts.get(skill).copied().unwrap_or(0),
        entries: entries.into_iter().map(entry_view).collect(),
    }
}

/// Every skill the catalog has entries for, in catalog order.
fn catalog_skills(state: &AppState) -> Vec<String> {
    let mut skills: Vec<String> = Vec::new();
    for entry in state.prep().entries() {
        for skill in &entry.skills {
            if !skills.contains(skill) {
                skills.push(skill.clone());
            }
        }
    }
    skills
}

pub(crate) async fn prep_index(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, WebError> {
    let (query, _problems) = SearchQuery::parse_with(
        raw.as_deref(),
        &state.site().search_defaults,
        Strictness::Lenient,
    );
    let plan = if query.pairs().next().is_some() {
        Some(prep_plan(&state, &query).await?)
    } else {
        None
    };
    let (family_counts, skill_counts) = open_counts(&state).await?;
    let catalog = state.prep();
    let roles = TitleFamily::ALL
        .iter()
        .filter_map(|family| {
            let entries = catalog.entries_for_family(*family);
            (!entries.is_empty()).then(|| family_group(*family, entries, &family_counts))
        })
        .collect();
    let skills = catalog_skills(&state)
        .iter()
        .map(|skill| {
            skill_group(
                &state,
                skill,
                catalog.entries_for_skill(skill),
                &skill_counts,
            )
        })
        .collect();
    let page = PrepPage {
        layout: Layout::new(&state, "prep", "Interview prep"),
        heading: "Interview prep".to_owned(),
        intro: "Questions and guides for the roles and skills these jobs ask for, with how many open jobs need each.".to_owned(),
        plan,
        sections: vec![
            Section {
                heading: "By role".to_owned(),
                groups: roles,
            },
            Section {
                heading: "By skill".to_owned(),
                groups: skills,
            },
        ],
    };
    render(&page)
}

async fn prep_plan(state: &AppState, query: &SearchQuery) -> Result<PlanView, WebError> {
    let (total, items) = state.prep_plan(query.request.clone()).await?;
    Ok(PlanView {
        description: {
            let description = query.describe(&state.labels());
            if description.is_empty() {
                "all open jobs".to_owned()
            } else {
                description
            }
        },
        total,
        search_href: href("/", &query.without_page()),
        items: items
            .iter()
            .map(|item| PlanItemView {
                heading: format!(
                    "{}: {}% of these jobs",
                    state.skill_label(&item.skill),
                    item.percent
                ),
                entries: item
                    .entry_ids
                    .iter()
                    .filter_map(|id| state.prep().entry(id))
                    .map(entry_view)
                    .collect(),
            })
            .collect(),
    })
}

pub(crate) async fn prep_detail(
    State(state): State<AppState>,
    Path(key): Path<String>,
) -> Result<Html<String>, WebError> {
    let catalog = state.prep();
    if catalog.entry(&key).is_some() {
        return super::prep_entry::entry_page(&state, &key).await;
    }
    let (family_counts, skill_counts) = open_counts(&state).await?;
    let (heading, intro, groups) = if let Some(family) = TitleFamily::from_slug(&key) {
        let entries = catalog.entries_for_family(family);
        (
            format!("Interview prep: {}", family.label()),
            String::new(),
            vec![family_group(family, entries, &family_counts)],
        )
    } else if catalog_skills(&state).contains(&key) {
        let entries = catalog.entries_for_skill(&key);
        (
            format!("Interview prep: {}", state.skill_label(&key)),
            String::new(),
            vec![skill_group(&state, &key, entries, &skill_counts)],
        )
    } else {
        return Err(WebError::NotFound("prep entry, role or skill".to_owned()));
    };
    let page = PrepPage {
        layout: Layout::new(&state, "prep", &heading),
        heading,
        intro,
        plan: None,
        sections: vec![Section {
            heading: "Material and open jobs".to_owned(),
            groups,
        }],
    };
    render(&page)
}
