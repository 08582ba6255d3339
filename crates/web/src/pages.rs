//! The server-rendered pages: search, job, prep, sources, the Atom feed and the static files.
//! One askama template struct per page; every value a template shows is computed here, so the
//! templates only lay out text (which askama escapes) and the few pieces of trusted HTML.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use chrono::Utc;
use prepboard_core::normalize::countries::COUNTRIES;
use prepboard_core::prep::{MatchBasis, PrepEntry};
use prepboard_core::search::{FacetCount, SearchHit, SearchResponse, SortOrder};
use prepboard_core::{
    EmploymentType, Listing, ListingId, Seniority, SourceKind, TitleFamily, WorkplaceType,
};

use crate::query::{MAX_PAGE, SearchQuery, format_utc_offset};
use crate::view::{self, Badge, SalaryView, TopPrep};
use crate::{AppState, TOP_PREP_CACHE_LIMIT, WebError, feed};

/// What the base layout shows.
#[derive(Debug)]
pub struct Layout<'a> {
    pub site_title: &'a str,
    pub title: String,
    /// Which navigation entry is the current page ("search", "prep", "sources" or "").
    pub current: &'static str,
}

impl<'a> Layout<'a> {
    pub fn new(state: &'a AppState, current: &'static str, title: &str) -> Layout<'a> {
        Layout {
            site_title: &state.inner.site.title,
            title: title.to_owned(),
            current,
        }
    }
}

fn render(template: &impl Template) -> Result<Html<String>, WebError> {
    Ok(Html(template.render()?))
}

// ---------------------------------------------------------------------------------------------
// Search

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
    sort_value: String,
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

fn href(path: &str, query_string: &str) -> String {
    if query_string.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query_string}")
    }
}

pub async fn search(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, WebError> {
    // Pages ignore malformed numbers: a hand-edited URL still shows a search.
    let (query, _problems) = SearchQuery::parse(raw.as_deref());
    let response = state.search(query.request.clone()).await?;
    let top_preps = state.top_preps(&response.hits).await;
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
    let page = SearchPage {
        layout: Layout::new(&state, "search", &title),
        query_text: query.request.query.clone(),
        hidden_filters: query
            .pairs()
            .filter(|(name, _)| !matches!(*name, "q" | "page"))
            .map(|(n, v)| (n, v.to_owned()))
            .collect(),
        sort_hidden: query
            .pairs()
            .filter(|(name, _)| !matches!(*name, "sort" | "page"))
            .map(|(n, v)| (n, v.to_owned()))
            .collect(),
        sort_value: query.value("sort").unwrap_or_default().to_owned(),
        facet_groups: facet_groups(&state, &query, &response),
        company_options: facet_options(&query, "exclude_company", &response.facets.companies, 8),
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
        chips: chips(&state, &query),
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
    counts: &[FacetCount],
    limit: usize,
) -> Vec<FacetOption> {
    let mut options: Vec<FacetOption> = counts
        .iter()
        .take(limit)
        .map(|count| FacetOption {
            value: count.value.clone(),
            label: count.label.clone(),
            count: count.count,
            checked: query.has(param, &count.value),
        })
        .collect();
    // A ticked value with no jobs left must still show, or it could not be unticked.
    for (name, value) in query.pairs() {
        if name == param && !options.iter().any(|option| option.value == value) {
            let count = counts.iter().find(|c| c.value == value);
            options.push(FacetOption {
                value: value.to_owned(),
                label: count
                    .map(|c| c.label.clone())
                    .unwrap_or_else(|| value.to_owned()),
                count: count.map(|c| c.count).unwrap_or(0),
                checked: true,
            });
        }
    }
    options
}

fn facet_groups(
    state: &AppState,
    query: &SearchQuery,
    response: &SearchResponse,
) -> Vec<FacetGroup> {
    let facets = &response.facets;
    let mut skills = facet_options(query, "skill", &facets.skills, 15);
    for option in &mut skills {
        option.label = state.skill_label(&option.value).to_owned();
    }
    vec![
        FacetGroup {
            param: "family",
            legend: "Role",
            options: facet_options(query, "family", &facets.families, 20),
        },
        FacetGroup {
            param: "seniority",
            legend: "Seniority",
            options: facet_options(query, "seniority", &facets.seniorities, 20),
        },
        FacetGroup {
            param: "skill",
            legend: "Skills",
            options: skills,
        },
        FacetGroup {
            param: "employment",
            legend: "Employment",
            options: facet_options(query, "employment", &facets.employment_types, 10),
        },
        FacetGroup {
            param: "workplace",
            legend: "Workplace",
            options: facet_options(query, "workplace", &facets.workplaces, 10),
        },
        FacetGroup {
            param: "source",
            legend: "Found on",
            options: facet_options(query, "source", &facets.sources, 10),
        },
    ]
}

fn country_name(code: &str) -> Option<&'static str> {
    COUNTRIES
        .iter()
        .find(|(known, _)| *known == code)
        .and_then(|(_, names)| names.first().copied())
}

/// A country of the "where you can work from" list: static text, so building the list of 250 for
/// every search page allocates nothing.
#[derive(Debug)]
pub(crate) struct CountryOption {
    value: &'static str,
    label: &'static str,
    selected: bool,
}

/// Every country with a name, by name: sorted once.
static COUNTRIES_BY_NAME: std::sync::LazyLock<Vec<(&'static str, &'static str)>> =
    std::sync::LazyLock::new(|| {
        let mut countries: Vec<(&str, &str)> = COUNTRIES
            .iter()
            .filter_map(|(code, names)| names.first().map(|name| (*code, *name)))
            .collect();
        countries.sort_by(|a, b| a.1.cmp(b.1));
        countries
    });

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

/// The words for one active filter, as a chip or in a feed title.
fn filter_label(state: &AppState, name: &str, value: &str) -> String {
    match name {
        "family" => TitleFamily::from_slug(value)
            .map(|f| f.label().to_owned())
            .unwrap_or_else(|| value.to_owned()),
        "seniority" => Seniority::from_slug(value)
            .map(|s| s.label().to_owned())
            .unwrap_or_else(|| value.to_owned()),
        "employment" => EmploymentType::from_slug(value)
            .map(|e| e.label().to_owned())
            .unwrap_or_else(|| value.to_owned()),
        "workplace" => WorkplaceType::from_slug(value)
            .map(|w| w.label().to_owned())
            .unwrap_or_else(|| value.to_owned()),
        "source" => SourceKind::from_slug(value)
            .map(|s| format!("On {}", s.display_name()))
            .unwrap_or_else(|| value.to_owned()),
        "country" => format!("Open to {}", country_name(value).unwrap_or(value)),
        "include_unknown" if value == "1" => "Including unknown eligibility".to_owned(),
        "include_unknown" => "Excluding unknown eligibility".to_owned(),
        "utc" => format!("Hours fit UTC{value}"),
        "min_salary" => format!(
            "At least ${}/year",
            value
                .parse::<f64>()
                .map(view::salary_amount)
                .unwrap_or_else(|_| value.to_owned())
        ),
        "include_no_salary" if value == "1" => "Including no salary".to_owned(),
        "include_no_salary" => "Excluding no salary".to_owned(),
        "posted_within" => format!("Posted in the last {value} days"),
        "skill" => format!("Asks for {}", state.skill_label(value)),
        "company" => format!("At {value}"),
        "exclude_company" => format!("Hiding {value}"),
        "exclude" => format!("Without “{value}”"),
        _ => value.to_owned(),
    }
}

fn chips(state: &AppState, query: &SearchQuery) -> Vec<Chip> {
    query
        .active_filters()
        .map(|(name, value)| Chip {
            label: filter_label(state, name, value),
            remove_href: href("/", &query.without(name, value)),
        })
        .collect()
}

/// What a search is, in words: "api · API engineer · Open to Germany".
fn describe(state: &AppState, query: &SearchQuery) -> String {
    let mut parts = Vec::new();
    if !query.request.query.is_empty() {
        parts.push(format!("“{}”", query.request.query));
    }
    parts.extend(
        query
            .active_filters()
            .map(|(name, value)| filter_label(state, name, value)),
    );
    parts.join(" · ")
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

// ---------------------------------------------------------------------------------------------
// Job

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

/// Reads a listing id from a path segment; anything not id-shaped is simply not found.
pub(crate) fn listing_id(text: &str) -> Result<ListingId, WebError> {
    ListingId::parse(text).ok_or_else(|| WebError::NotFound("listing".to_owned()))
}

/// A listing from the store, with every URL that is not http(s) removed: rows stored before URLs
/// were checked at normalisation may still hold one, and nothing shown may link to it.
pub(crate) async fn load_listing(state: &AppState, id: &ListingId) -> Result<Listing, WebError> {
    let mut listing = state
        .inner
        .store
        .get_listing(id)
        .await?
        .ok_or_else(|| WebError::NotFound("listing".to_owned()))?;
    prepboard_core::normalize::url::scrub_listing(&mut listing);
    Ok(listing)
}

pub async fn job(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Html<String>, WebError> {
    let id = listing_id(&id)?;
    let listing = load_listing(&state, &id).await?;
    let (matches, similar) = {
        let matcher = std::sync::Arc::clone(&state.inner.prep);
        let index = std::sync::Arc::clone(&state.inner.index);
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
            .then(|| crate::api::job_posting_json_ld(&listing)),
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
fn prep_groups(
    state: &AppState,
    listing: &Listing,
    matches: &[prepboard_core::prep::PrepMatch],
) -> Vec<PrepGroup> {
    let catalog = &state.inner.prep;
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

impl AppState {
    /// The top prep link of each hit, from the cache or by matching the stored listing.
    pub(crate) async fn top_preps(&self, hits: &[SearchHit]) -> Vec<Option<TopPrep>> {
        let mut found: Vec<Option<Option<TopPrep>>> = {
            let cache = self.inner.top_prep.lock().ok();
            hits.iter()
                .map(|hit| cache.as_ref().and_then(|c| c.get(&hit.id).cloned()))
                .collect()
        };
        let mut missing = Vec::new();
        for (hit, known) in hits.iter().zip(&found) {
            if known.is_none() {
                match self.inner.store.get_listing(&hit.id).await {
                    Ok(Some(listing)) => missing.push(listing),
                    Ok(None) => {}
                    Err(error) => {
                        tracing::warn!(%error, listing = %hit.id, "listing for prep link unreadable");
                    }
                }
            }
        }
        if !missing.is_empty() {
            let state = self.clone();
            let computed = self
                .blocking(move || {
                    missing
                        .iter()
                        .map(|listing| (listing.id.clone(), state.top_prep_of(listing)))
                        .collect::<Vec<_>>()
                })
                .await
                .unwrap_or_default();
            if let Ok(mut cache) = self.inner.top_prep.lock() {
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

    fn top_prep_of(&self, listing: &Listing) -> Option<TopPrep> {
        let matched = self
            .inner
            .prep
            .match_listing(listing, 1)
            .into_iter()
            .next()?;
        let entry = self.inner.prep.entry(&matched.entry_id)?;
        Some(TopPrep {
            title: entry.title.clone(),
            url: entry.url.clone(),
            reason: matched.reasons.first().cloned().unwrap_or_default(),
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Prep

#[derive(Debug)]
pub(crate) struct EntryView {
    kind: &'static str,
    title: String,
    url: String,
    detail_href: String,
    summary: String,
}

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

fn entry_view(entry: &PrepEntry) -> EntryView {
    EntryView {
        kind: entry.kind.label(),
        title: entry.title.clone(),
        url: entry.url.clone(),
        detail_href: format!("/prep/{}", entry.id),
        summary: entry.summary.clone(),
    }
}

/// Open-job counts per family and per skill, from the facets of the empty search.
async fn open_counts(
    state: &AppState,
) -> Result<(HashMap<String, u64>, HashMap<String, u64>), WebError> {
    let mut request = prepboard_core::search::SearchRequest {
        per_page: 1,
        ..Default::default()
    };
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
    for entry in state.inner.prep.entries() {
        for skill in &entry.skills {
            if !skills.contains(skill) {
                skills.push(skill.clone());
            }
        }
    }
    skills
}

pub async fn prep_index(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, WebError> {
    let (query, _problems) = SearchQuery::parse(raw.as_deref());
    let plan = if query.pairs().next().is_some() {
        Some(prep_plan(&state, &query).await?)
    } else {
        None
    };
    let (family_counts, skill_counts) = open_counts(&state).await?;
    let catalog = &state.inner.prep;
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
    let mut request = query.request.clone();
    request.page = 1;
    request.per_page = 1;
    let response = state.search(request).await?;
    let items = state
        .inner
        .prep
        .plan(&response.facets.skills, response.total, 3);
    Ok(PlanView {
        description: {
            let description = describe(state, query);
            if description.is_empty() {
                "all open jobs".to_owned()
            } else {
                description
            }
        },
        total: response.total,
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
                    .filter_map(|id| state.inner.prep.entry(id))
                    .map(entry_view)
                    .collect(),
            })
            .collect(),
    })
}

pub async fn prep_detail(
    State(state): State<AppState>,
    Path(key): Path<String>,
) -> Result<Html<String>, WebError> {
    let catalog = &state.inner.prep;
    let (family_counts, skill_counts) = open_counts(&state).await?;
    let (heading, intro, groups) = if let Some(entry) = catalog.entry(&key) {
        let mut groups: Vec<EntryGroup> = entry
            .families
            .iter()
            .map(|family| {
                family_group(*family, catalog.entries_for_family(*family), &family_counts)
            })
            .collect();
        groups.extend(entry.skills.iter().map(|skill| {
            skill_group(
                &state,
                skill,
                catalog.entries_for_skill(skill),
                &skill_counts,
            )
        }));
        (
            entry.title.clone(),
            format!("{} {} — {}", entry.kind.label(), entry.summary, entry.url),
            groups,
        )
    } else if let Some(family) = TitleFamily::from_slug(&key) {
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

// ---------------------------------------------------------------------------------------------
// Sources

#[derive(Debug)]
pub(crate) struct SourceRow {
    name: String,
    last_run: String,
    outcome: String,
    outcome_class: &'static str,
    error: Option<String>,
    failures: u64,
    counts: String,
    last_success: String,
    open_listings: u64,
}

#[derive(Template)]
#[template(path = "sources.html")]
struct SourcesPage<'a> {
    layout: Layout<'a>,
    rows: Vec<SourceRow>,
}

pub(crate) async fn source_summaries(
    state: &AppState,
) -> Result<Vec<prepboard_store::SourceSummary>, WebError> {
    let store = &state.inner.store;
    let names = if state.inner.site.source_names.is_empty() {
        store.known_source_names().await?
    } else {
        state.inner.site.source_names.clone()
    };
    Ok(store.source_summaries(&names).await?)
}

pub async fn sources(State(state): State<AppState>) -> Result<Html<String>, WebError> {
    let now = Utc::now();
    let rows = source_summaries(&state)
        .await?
        .into_iter()
        .map(|summary| {
            let run = summary.last_run.as_ref();
            SourceRow {
                name: summary.source_name.clone(),
                last_run: run
                    .map(|run| {
                        format!(
                            "{} ({})",
                            view::date(run.finished_at),
                            view::age(run.finished_at, now)
                        )
                    })
                    .unwrap_or_else(|| "Never".to_owned()),
                outcome: run
                    .map(|run| run.outcome.as_str().replace('_', " "))
                    .unwrap_or_else(|| "—".to_owned()),
                outcome_class: match run {
                    Some(run) if run.outcome.is_success() => "status-ok",
                    Some(run) if run.outcome == prepboard_store::FetchOutcomeKind::Failed => {
                        "status-failed"
                    }
                    _ => "muted",
                },
                error: run.and_then(|run| run.error.clone()),
                failures: summary.failures_since_success,
                counts: run
                    .map(|run| {
                        format!(
                            "{} / {} / {} / {}",
                            run.new, run.updated, run.unchanged, run.closed
                        )
                    })
                    .unwrap_or_else(|| "—".to_owned()),
                last_success: summary
                    .last_success_at
                    .map(|at| format!("{} ({})", view::date(at), view::age(at, now)))
                    .unwrap_or_else(|| "Never".to_owned()),
                open_listings: summary.open_listings,
            }
        })
        .collect();
    render(&SourcesPage {
        layout: Layout::new(&state, "sources", "Sources"),
        rows,
    })
}

// ---------------------------------------------------------------------------------------------
// Feed, static files, fallback

/// How many entries a feed carries when the query string does not say.
const FEED_ENTRIES: u32 = 50;

pub async fn feed(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, WebError> {
    let (query, _problems) = SearchQuery::parse(raw.as_deref());
    let mut request = query.request.clone();
    // A feed reader wants what is new, whatever order the page was sorted in, unless asked.
    if query.value("sort").is_none() {
        request.sort = SortOrder::Newest;
    }
    if query.value("per_page").is_none() {
        request.per_page = FEED_ENTRIES;
    }
    let response = state.search(request).await?;
    let query_string = query.without_page();
    let description = describe(&state, &query);
    let xml = feed::render(
        &feed::FeedInfo {
            base_url: &state.inner.site.base_url,
            site_title: &state.inner.site.title,
            query_string: &query_string,
            description: &description,
            now: Utc::now(),
        },
        &response.hits,
    );
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/atom+xml; charset=utf-8"),
        )],
        xml,
    )
        .into_response())
}

const STATIC_CACHE: &str = "public, max-age=3600";

pub async fn stylesheet() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/css; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static(STATIC_CACHE),
            ),
        ],
        include_str!("../static/style.css"),
    )
        .into_response()
}

pub async fn script() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/javascript; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static(STATIC_CACHE),
            ),
        ],
        include_str!("../static/app.js"),
    )
        .into_response()
}

pub async fn not_found() -> WebError {
    WebError::NotFound("page".to_owned())
}
