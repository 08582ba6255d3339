//! `/`: the search page. Its template struct, the result cards (with their top prep link, cached
//! per listing), the facet groups, chips and hidden inputs read from the parameter table, and the
//! pagination.

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::response::Html;
use chrono::Utc;
use prepboard_core::Listing;
use prepboard_core::search::{FacetCount, SearchHit, SearchResponse, SortOrder};

use crate::error::WebError;
use crate::layout::{Layout, href, render};
use crate::params::{
    COUNTRIES_BY_NAME, FacetSpec, Labels, MAX_PAGE, Role, SearchDefaults, SearchQuery, Strictness,
    chip_label, format_utc_offset, table,
};
use crate::state::{AppState, TOP_PREP_CACHE_LIMIT};
use crate::view::{self, Badge, SalaryView, TopPrep};

/// The facet groups of the filter column, in the order it shows them.
const FACET_GROUPS: &[&str] = &[
    "family",
    "seniority",
    "skill",
    "employment",
    "workplace",
    "source",
];

#[derive(Debug)]
pub(crate) struct FacetOption {
    value: String,
    label: String,
    count: u64,
    checked: bool,
}

#[derive(Debug)]
pub(crate) struct FacetGroup {
    param: &'static str,
    legend: &'static str,
    options: Vec<FacetOption>,
}

#[derive(Debug)]
pub(crate) struct SelectOption {
    value: String,
    label: String,
    selected: bool,
}

/// A country of the "where you can work from" list: static text, so building the list of 250 for
/// every search page allocates nothing.
#[derive(Debug)]
pub(crate) struct CountryOption {
    value: &'static str,
    label: &'static str,
    selected: bool,
}

#[derive(Debug)]
pub(crate) struct Chip {
    label: String,
    remove_href: String,
}

#[derive(Debug)]
pub(crate) struct LinkView {
    name: String,
    url: String,
}

#[derive(Debug)]
pub(crate) struct Card {
    href: String,
    title: String,
    company: String,
    salary: Option<SalaryView>,
    badge: Badge,
    posted_age: String,
    snippet_html: String,
    skills: Vec<String>,
    also_on: Vec<LinkView>,
    top_prep: Option<TopPrep>,
}

#[derive(Debug)]
pub(crate) struct PageLink {
    number: u32,
    href: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage<'a> {
    layout: Layout<'a>,
    query_text: String,
    hidden_filters: Vec<(&'static str, String)>,
    sort_hidden: Vec<(&'static str, String)>,
    /// What the filter column's form carries besides its own fields: the text, the sort, the
    /// view toggles.
    filter_hidden: Vec<(&'static str, String)>,
    toggles: Vec<Toggle>,
    facet_groups: Vec<FacetGroup>,
    company_options: Vec<FacetOption>,
    country_options: Vec<CountryOption>,
    include_unknown: bool,
    utc_options: Vec<SelectOption>,
    min_salary: String,
    include_no_salary: bool,
    posted_options: Vec<SelectOption>,
    chips: Vec<Chip>,
    corrected_query: Option<String>,
    total: u64,
    total_text: String,
    sort_options: Vec<SelectOption>,
    cards: Vec<Card>,
    pages: Vec<PageLink>,
    previous_href: Option<String>,
    next_href: Option<String>,
    feed_href: String,
    plan_href: String,
}

pub(crate) async fn search(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, WebError> {
    // Pages ignore malformed numbers: a hand-edited URL still shows a search.
    let defaults = state.site().search_defaults;
    let (query, _problems) =
        SearchQuery::parse_with(raw.as_deref(), &defaults, Strictness::Lenient);
    let response = state.search(query.request.clone()).await?;
    let top_preps = top_preps(&state, &response.hits).await;
    let now = Utc::now();
    let cards = response
        .hits
        .iter()
        .zip(top_preps)
        .map(|(hit, top_prep)| card(&state, hit, top_prep, now))
        .collect();
    let total_text = match response.total {
        0 => "No jobs".to_owned(),
        1 => "1 job".to_owned(),
        n => format!("{n} jobs"),
    };
    let (pages, previous_href, next_href) = pagination(&query, &response);
    let title = if query.request.query.is_empty() {
        String::new()
    } else {
        format!("{} jobs", query.request.query)
    };
    let labels = state.labels();
    let page = SearchPage {
        layout: Layout::new(&state, "search", &title),
        query_text: query.request.query.clone(),
        hidden_filters: query.hidden_inputs(&[Role::Text]),
        sort_hidden: query.hidden_inputs(&[Role::Sort]),
        filter_hidden: query
            .pairs()
            .filter(|(name, _)| {
                table::param(name)
                    .is_some_and(|p| matches!(p.role, Role::Text | Role::Sort | Role::View))
            })
            .map(|(n, v)| (n, v.to_owned()))
            .collect(),
        toggles: toggles(&query, &response, &defaults),
        facet_groups: facet_groups(&query, &response, &labels),
        company_options: table::param("exclude_company")
            .and_then(|param| param.facet.map(|facet| (param.name, facet)))
            .map(|(name, facet)| facet_options(&query, name, &facet, &response, &labels))
            .unwrap_or_default(),
        country_options: country_options(query.request.country.as_deref()),
        include_unknown: query.request.include_unknown_eligibility,
        utc_options: utc_options(query.request.utc_offset_minutes),
        min_salary: query
            .request
            .min_salary_usd
            .map(|n| n.to_string())
            .unwrap_or_default(),
        include_no_salary: query.request.include_no_salary,
        posted_options: posted_options(query.request.posted_within_days),
        chips: chips(&query, &labels),
        corrected_query: response.corrected_query.clone(),
        total: response.total,
        total_text,
        sort_options: [SortOrder::Relevance, SortOrder::Newest, SortOrder::Salary]
            .into_iter()
            .map(|sort| SelectOption {
                value: sort.slug().to_owned(),
                label: match sort {
                    SortOrder::Relevance => "Best match",
                    SortOrder::Newest => "Newest",
                    SortOrder::Salary => "Highest salary",
                }
                .to_owned(),
                selected: query.request.sort == sort,
            })
            .collect(),
        cards,
        pages,
        previous_href,
        next_href,
        feed_href: href("/feed.atom", &query.without_page()),
        plan_href: href("/prep", &query.without_page()),
    };
    render(&page)
}

/// A link that widens (or narrows back) the remote-first view, with what it would add.
#[derive(Debug)]
pub(crate) struct Toggle {
    label: String,
    href: String,
}

/// The view toggles for this search: each says how many results it would add, or, when on,
/// offers to go back. None for a group an explicit filter already decides.
fn toggles(
    query: &SearchQuery,
    response: &SearchResponse,
    defaults: &SearchDefaults,
) -> Vec<Toggle> {
    let request = &query.request;
    let hidden = &response.facets.hidden;
    let mut toggles = Vec::new();
    let mut offer =
        |param: &'static str, on: bool, default: bool, adds: u64, what: &str, back: &str| {
            let link = |value: bool| {
                let text = if value { "1" } else { "0" };
                if value == default {
                    href("/", &query.without(param, if default { "0" } else { "1" }))
                } else {
                    href("/", &query.with(param, text))
                }
            };
            if on {
                toggles.push(Toggle {
                    label: back.to_owned(),
                    href: link(false),
                });
            } else if adds > 0 {
                toggles.push(Toggle {
                    label: format!("+ {adds} {what}"),
                    href: link(true),
                });
            }
        };
    if request.workplaces.is_empty() {
        offer(
            "include_office",
            request.include_office,
            defaults.include_office,
            hidden.office,
            "office and hybrid jobs",
            "Only remote jobs",
        );
    }
    if request.families.is_empty() {
        offer(
            "include_non_engineering",
            request.include_non_engineering,
            defaults.include_non_engineering,
            hidden.non_engineering,
            "non-engineering jobs",
            "Only engineering jobs",
        );
    }
    toggles
}

fn card(
    state: &AppState,
    hit: &SearchHit,
    top_prep: Option<TopPrep>,
    now: chrono::DateTime<Utc>,
) -> Card {
    Card {
        href: format!("/jobs/{}", hit.id),
        title: hit.title.clone(),
        company: hit.company.name.clone(),
        salary: hit.salary.as_ref().map(view::salary),
        badge: view::badge(hit.workplace, &hit.eligibility),
        posted_age: view::age(hit.posted_at.unwrap_or(hit.first_seen), now),
        snippet_html: hit.snippet_html.clone(),
        skills: hit
            .skills
            .iter()
            .take(8)
            .map(|skill| state.skill_label(skill).to_owned())
            .collect(),
        also_on: hit
            .also_on
            .iter()
            .map(|link| LinkView {
                name: link.source.display_name().to_owned(),
                url: link.url.clone(),
            })
            .collect(),
        top_prep,
    }
}

fn facet_options(
    query: &SearchQuery,
    param: &'static str,
    facet: &FacetSpec,
    response: &SearchResponse,
    labels: &Labels<'_>,
) -> Vec<FacetOption> {
    let counts: &[FacetCount] = (facet.counts)(&response.facets);
    let mut options: Vec<FacetOption> = counts
        .iter()
        .take(facet.limit)
        .map(|count| FacetOption {
            value: count.value.clone(),
            label: (facet.label)(count, labels),
            count: count.count,
            checked: query.has(param, &count.value),
        })
        .collect();
    // A ticked value with no jobs left must still show, or it could not be unticked.
    for (name, value) in query.pairs() {
        if name == param && !options.iter().any(|option| option.value == value) {
            let count = counts
                .iter()
                .find(|c| c.value == value)
                .cloned()
                .unwrap_or_else(|| FacetCount {
                    value: value.to_owned(),
                    label: value.to_owned(),
                    count: 0,
                });
            options.push(FacetOption {
                value: value.to_owned(),
                label: (facet.label)(&count, labels),
                count: count.count,
                checked: true,
            });
        }
    }
    options
}

fn facet_groups(
    query: &SearchQuery,
    response: &SearchResponse,
    labels: &Labels<'_>,
) -> Vec<FacetGroup> {
    FACET_GROUPS
        .iter()
        .filter_map(|name| table::param(name))
        .filter_map(|param| {
            let facet = param.facet?;
            Some(FacetGroup {
                param: param.name,
                legend: facet.legend,
                options: facet_options(query, param.name, &facet, response, labels),
            })
        })
        .collect()
}

fn country_options(selected: Option<&str>) -> Vec<CountryOption> {
    COUNTRIES_BY_NAME
        .iter()
        .map(|&(value, label)| CountryOption {
            value,
            label,
            selected: selected == Some(value),
        })
        .collect()
}

fn utc_options(selected: Option<i16>) -> Vec<SelectOption> {
    let mut offsets: Vec<i16> = (-12..=14).map(|hours| hours * 60).collect();
    offsets.extend([-210, 210, 270, 330, 345, 390, 570]);
    offsets.sort_unstable();
    offsets
        .into_iter()
        .map(|minutes| {
            let text = format_utc_offset(minutes);
            SelectOption {
                label: format!("UTC{text}"),
                value: text,
                selected: selected == Some(minutes),
            }
        })
        .collect()
}

fn posted_options(selected: Option<u32>) -> Vec<SelectOption> {
    [1, 3, 7, 14, 30, 90]
        .into_iter()
        .map(|days| SelectOption {
            value: days.to_string(),
            label: if days == 1 {
                "Last 24 hours".to_owned()
            } else {
                format!("Last {days} days")
            },
            selected: selected == Some(days),
        })
        .collect()
}

fn chips(query: &SearchQuery, labels: &Labels<'_>) -> Vec<Chip> {
    query
        .active_filters()
        .map(|(param, value)| Chip {
            label: chip_label(param, value, labels),
            remove_href: href("/", &query.without(param.name, value)),
        })
        .collect()
}

fn pagination(
    query: &SearchQuery,
    response: &SearchResponse,
) -> (Vec<PageLink>, Option<String>, Option<String>) {
    let per_page = u64::from(response.per_page.max(1));
    let last = u32::try_from(response.total.div_ceil(per_page))
        .unwrap_or(MAX_PAGE)
        .clamp(1, MAX_PAGE);
    let current = response.page.clamp(1, last);
    let link = |number: u32| href("/", &query.with_page(number));
    let mut numbers: Vec<u32> = vec![1, last];
    numbers.extend(current.saturating_sub(2).max(1)..=(current + 2).min(last));
    numbers.sort_unstable();
    numbers.dedup();
    let pages = numbers
        .into_iter()
        .map(|number| PageLink {
            number,
            href: link(number),
            current: number == current,
        })
        .collect();
    let previous = (current > 1).then(|| link(current - 1));
    let next = (current < last).then(|| link(current + 1));
    (pages, previous, next)
}

/// The top prep link of each hit, from the cache or by matching the stored listing.
async fn top_preps(state: &AppState, hits: &[SearchHit]) -> Vec<Option<TopPrep>> {
    let mut found: Vec<Option<Option<TopPrep>>> = {
        let cache = state.top_prep_cache().lock().ok();
        hits.iter()
            .map(|hit| cache.as_ref().and_then(|c| c.get(&hit.id).cloned()))
            .collect()
    };
    let mut missing = Vec::new();
    for (hit, known) in hits.iter().zip(&found) {
        if known.is_none() {
            match state.store().get_listing(&hit.id).await {
                Ok(Some(listing)) => missing.push(listing),
                Ok(None) => {}
                Err(error) => {
                    tracing::warn!(%error, listing = %hit.id, "listing for prep link unreadable");
                }
            }
        }
    }
    if !missing.is_empty() {
        let for_matching = state.clone();
        let computed = state
            .blocking(move || {
                missing
                    .iter()
                    .map(|listing| (listing.id.clone(), top_prep_of(&for_matching, listing)))
                    .collect::<Vec<_>>()
            })
            .await
            .unwrap_or_default();
        if let Ok(mut cache) = state.top_prep_cache().lock() {
            if cache.len() + computed.len() > TOP_PREP_CACHE_LIMIT {
                cache.clear();
            }
            for (id, top) in &computed {
                cache.insert(id.clone(), top.clone());
            }
        }
        for (slot, hit) in found.iter_mut().zip(hits) {
            if slot.is_none() {
                *slot = computed
                    .iter()
                    .find(|(id, _)| *id == hit.id)
                    .map(|(_, top)| top.clone());
            }
        }
    }
    found.into_iter().map(Option::flatten).collect()
}

fn top_prep_of(state: &AppState, listing: &Listing) -> Option<TopPrep> {
    let prep = state.prep();
    let matched = prep.match_listing(listing, 1).into_iter().next()?;
    let entry = prep.entry(&matched.entry_id)?;
    Some(TopPrep {
        title: entry.title.clone(),
        url: entry.url.clone(),
        reason: matched.reasons.first().cloned().unwrap_or_default(),
    })
}
