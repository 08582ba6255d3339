//! [`PARAMS`]: every search parameter, once. Its name, how its value is read into a
//! [`SearchRequest`], how an active value reads as a chip, the facet group it is ticked in, and what
//! the API documentation says of it, and which values it takes. The query parser, the canonical links, the chips, the hidden
//! inputs, the facet groups, the feed title and the OpenAPI document all read this table, so a new
//! parameter is one row here.

use prepboard_core::search::{FacetCount, Facets, SearchRequest, SortOrder};
use prepboard_core::{EmploymentType, Seniority, SourceKind, TitleFamily, WorkplaceType};

use super::labels::{Labels, country_name};
use super::values::{
    DefaultValue, MAX_TEXT_CHARS, SALARY_PATTERN, SORT_ORDERS, UTC_OFFSET_PATTERN, ValueKind,
    bounded_text, flag_text, flag_values, is_slug_like, no_default, parse_flag, parse_number,
    parse_salary, parse_utc_offset,
};
use crate::view::{self, format_utc_offset};

/// Deep pages cost the index `page × per_page` collected documents; nobody reads page 500.
pub const MAX_PAGE: u32 = 500;

/// Longest query text kept; longer text is cut at a character boundary.
pub(crate) const MAX_QUERY_CHARS: usize = 500;

/// Reads one value into the request. `Ok(Some(v))` keeps `v` as the canonical value, `Ok(None)`
/// drops an unknown value, `Err` explains why the value is malformed.
pub(crate) type Read = fn(&mut SearchRequest, &str) -> Result<Option<String>, String>;

/// How an active value reads as a chip or in a feed title ("API engineer", "Open to Germany").
pub(crate) type ChipLabel = fn(&str, &Labels<'_>) -> String;

/// What a parameter is in a search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// The words typed in the search box.
    Text,
    /// Narrows the results; shown as a removable chip.
    Filter,
    /// Orders the results.
    Sort,
    /// Chooses the page or its size.
    Paging,
    /// Widens the remote-first default view; shown as a toggle with what it would add, and as a
    /// chip when it differs from the operator's default.
    View,
}

/// A group of checkboxes on the search page, with the counts the index returned for it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FacetSpec {
    pub legend: &'static str,
    /// The facet counts of this parameter's values.
    pub counts: fn(&Facets) -> &[FacetCount],
    /// How many values the page lists (ticked values beyond it are always listed too).
    pub limit: usize,
    /// The words for one value beside its checkbox.
    pub label: fn(&FacetCount, &Labels<'_>) -> String,
}

/// One search parameter. The API checks a value against `value` before `read` sees it; pages
/// skip that check and let `read` drop what it cannot use.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Param {
    pub name: &'static str,
    /// Whether the parameter may be given several times (any of, all of or none of its values).
    pub repeatable: bool,
    pub role: Role,
    /// The values it takes: what the API accepts and the OpenAPI document states.
    pub value: ValueKind,
    /// Its default as the OpenAPI document states it.
    pub default: DefaultValue,
    pub read: Read,
    /// `None` for what is not a filter (the text, the sort, the paging).
    pub chip: Option<ChipLabel>,
    pub facet: Option<FacetSpec>,
    /// What the API documentation says of it.
    pub doc: &'static str,
}

/// Every parameter, in the order canonical links list them.
pub(crate) static PARAMS: &[Param] = &[
    Param {
        name: "q",
        repeatable: false,
        role: Role::Text,
        value: ValueKind::Text {
            max_chars: MAX_QUERY_CHARS,
        },
        default: no_default,
        read: read_query_text,
        chip: None,
        facet: None,
        doc: "Words, \"phrases\" and -exclusions; typos are retried (see `corrected_query`).",
    },
    Param {
        name: "family",
        repeatable: true,
        role: Role::Filter,
        value: ValueKind::OneOf(|| TitleFamily::ALL.iter().map(|f| f.slug()).collect()),
        default: no_default,
        read: |request, value| {
            Ok(TitleFamily::from_slug(value).map(|family| {
                push_unique(&mut request.families, family);
                family.slug().to_owned()
            }))
        },
        chip: Some(|value, _| {
            TitleFamily::from_slug(value)
                .map(|f| f.label().to_owned())
                .unwrap_or_else(|| value.to_owned())
        }),
        facet: Some(FacetSpec {
            legend: "Role",
            counts: |facets| &facets.families,
            limit: 20,
            label: index_label,
        }),
        doc: "Title family slug; repeat for any of several.",
    },
    Param {
        name: "seniority",
        repeatable: true,
        role: Role::Filter,
        value: ValueKind::OneOf(|| Seniority::ALL.iter().map(|s| s.slug()).collect()),
        default: no_default,
        read: |request, value| {
            Ok(Seniority::from_slug(value).map(|level| {
                push_unique(&mut request.seniorities, level);
                level.slug().to_owned()
            }))
        },
        chip: Some(|value, _| {
            Seniority::from_slug(value)
                .map(|s| s.label().to_owned())
                .unwrap_or_else(|| value.to_owned())
        }),
        facet: Some(FacetSpec {
            legend: "Seniority",
            counts: |facets| &facets.seniorities,
            limit: 20,
            label: index_label,
        }),
        doc: "Seniority level slug; repeat for any of several.",
    },
    Param {
        name: "country",
        repeatable: false,
        role: Role::Filter,
        value: ValueKind::Pattern {
            pattern: "^[A-Za-z]{2}$",
            form: "an ISO 3166-1 alpha-2 country code such as DE",
        },
        default: no_default,
        read: |request, value| {
            Ok(
                (value.len() == 2 && value.bytes().all(|b| b.is_ascii_alphabetic())).then(|| {
                    let code = value.to_ascii_uppercase();
                    request.country = Some(code.clone());
                    code
                }),
            )
        },
        chip: Some(|value, _| format!("Open to {}", country_name(value).unwrap_or(value))),
        facet: None,
        doc: "ISO 3166-1 alpha-2 code of a country the candidate can work from.",
    },
    Param {
        name: "include_unknown",
        repeatable: false,
        role: Role::Filter,
        value: ValueKind::OneOf(flag_values),
        default: no_default,
        read: |request, value| {
            Ok(parse_flag(value).map(|on| {
                request.include_unknown_eligibility = on;
                flag_text(on)
            }))
        },
        chip: Some(|value, _| {
            if value == "1" {
                "Including unknown eligibility".to_owned()
            } else {
                "Excluding unknown eligibility".to_owned()
            }
        }),
        facet: None,
        doc: "`1`: with `country`, also keep listings whose eligibility is unknown.",
    },
    Param {
        name: "utc",
        repeatable: false,
        role: Role::Filter,
        value: ValueKind::Pattern {
            pattern: UTC_OFFSET_PATTERN,
            form: "a UTC offset from -12 to +14 such as -3, +5:30, 5.5 or UTC+2",
        },
        default: no_default,
        read: |request, value| {
            let minutes = parse_utc_offset(value)
                .ok_or_else(|| format!("`{value}` is not a UTC offset such as -3, +5:30 or 0"))?;
            request.utc_offset_minutes = Some(minutes);
            Ok(Some(format_utc_offset(minutes)))
        },
        chip: Some(|value, _| format!("Hours fit UTC{value}")),
        facet: None,
        doc: "The candidate's UTC offset: `-3`, `+5:30`, `5.5`.",
    },
    Param {
        name: "min_salary",
        repeatable: false,
        role: Role::Filter,
        value: ValueKind::Pattern {
            pattern: SALARY_PATTERN,
            form: "a yearly amount in US dollars up to 10 million such as 120000, 120,000 or 120k",
        },
        default: no_default,
        read: |request, value| {
            let amount = parse_salary(value).ok_or_else(|| {
                format!("`{value}` is not a yearly amount in US dollars such as 120000 or 120k")
            })?;
            request.min_salary_usd = Some(amount);
            Ok(Some(amount.to_string()))
        },
        chip: Some(|value, _| {
            format!(
                "At least ${}/year",
                value
                    .parse::<f64>()
                    .map(view::salary_amount)
                    .unwrap_or_else(|_| value.to_owned())
            )
        }),
        facet: None,
        doc: "Minimum yearly salary in US dollars: `120000` or `120k`.",
    },
    Param {
        name: "include_no_salary",
        repeatable: false,
        role: Role::Filter,
        value: ValueKind::OneOf(flag_values),
        default: no_default,
        read: |request, value| {
            Ok(parse_flag(value).map(|on| {
                request.include_no_salary = on;
                flag_text(on)
            }))
        },
        chip: Some(|value, _| {
            if value == "1" {
                "Including no salary".to_owned()
            } else {
                "Excluding no salary".to_owned()
            }
        }),
        facet: None,
        doc: "`1`: with `min_salary`, also keep listings that state no salary.",
    },
    Param {
        name: "employment",
        repeatable: true,
        role: Role::Filter,
        value: ValueKind::OneOf(|| EmploymentType::ALL.iter().map(|e| e.slug()).collect()),
        default: no_default,
        read: |request, value| {
            Ok(EmploymentType::from_slug(value).map(|kind| {
                push_unique(&mut request.employment_types, kind);
                kind.slug().to_owned()
            }))
        },
        chip: Some(|value, _| {
            EmploymentType::from_slug(value)
                .map(|e| e.label().to_owned())
                .unwrap_or_else(|| value.to_owned())
        }),
        facet: Some(FacetSpec {
            legend: "Employment",
            counts: |facets| &facets.employment_types,
            limit: 10,
            label: index_label,
        }),
        doc: "Employment type; repeat for any of several.",
    },
    Param {
        name: "workplace",
        repeatable: true,
        role: Role::Filter,
        value: ValueKind::OneOf(|| WorkplaceType::ALL.iter().map(|w| w.slug()).collect()),
        default: no_default,
        read: |request, value| {
            Ok(WorkplaceType::from_slug(value).map(|kind| {
                push_unique(&mut request.workplaces, kind);
                kind.slug().to_owned()
            }))
        },
        chip: Some(|value, _| {
            WorkplaceType::from_slug(value)
                .map(|w| w.label().to_owned())
                .unwrap_or_else(|| value.to_owned())
        }),
        facet: Some(FacetSpec {
            legend: "Workplace",
            counts: |facets| &facets.workplaces,
            limit: 10,
            label: index_label,
        }),
        doc: "Workplace type; repeat for any of several.",
    },
    Param {
        name: "include_office",
        repeatable: false,
        role: Role::View,
        value: ValueKind::OneOf(flag_values),
        default: |defaults| Some(flag_text(defaults.include_office).into()),
        read: |request, value| {
            Ok(parse_flag(value).map(|on| {
                request.include_office = on;
                flag_text(on)
            }))
        },
        chip: Some(|value, _| {
            if value == "1" {
                "Including office and hybrid jobs".to_owned()
            } else {
                "Only remote jobs".to_owned()
            }
        }),
        facet: None,
        doc: "`1`: also hybrid, on-site and not-stated jobs (by default only remote and \
              remote-or-office ones). Ignored when `workplace` is given.",
    },
    Param {
        name: "include_non_engineering",
        repeatable: false,
        role: Role::View,
        value: ValueKind::OneOf(flag_values),
        default: |defaults| Some(flag_text(defaults.include_non_engineering).into()),
        read: |request, value| {
            Ok(parse_flag(value).map(|on| {
                request.include_non_engineering = on;
                flag_text(on)
            }))
        },
        chip: Some(|value, _| {
            if value == "1" {
                "Including non-engineering jobs".to_owned()
            } else {
                "Only engineering jobs".to_owned()
            }
        }),
        facet: None,
        doc: "`1`: also non-engineering roles (by default every family but `non-engineering`). \
              Ignored when `family` is given.",
    },
    Param {
        name: "posted_within",
        repeatable: false,
        role: Role::Filter,
        value: ValueKind::Integer { min: 1, max: 3650 },
        default: no_default,
        read: |request, value| {
            let days = parse_number(value, 1, 3650, "a number of days")?;
            request.posted_within_days = Some(days);
            Ok(Some(days.to_string()))
        },
        chip: Some(|value, _| format!("Posted in the last {value} days")),
        facet: None,
        doc: "Posted (or first seen) within this many days, 1 to 3650.",
    },
    Param {
        name: "skill",
        repeatable: true,
        role: Role::Filter,
        value: ValueKind::Pattern {
            pattern: "^[A-Za-z0-9._+#-]{1,64}$",
            form: "a skill id such as kafka, go or c++",
        },
        default: no_default,
        read: |request, value| {
            Ok(is_slug_like(value).then(|| {
                let skill = value.to_ascii_lowercase();
                push_unique(&mut request.skills, skill.clone());
                skill
            }))
        },
        chip: Some(|value, labels| format!("Asks for {}", labels.skill(value))),
        facet: Some(FacetSpec {
            legend: "Skills",
            counts: |facets| &facets.skills,
            limit: 15,
            label: |count, labels| labels.skill(&count.value).to_owned(),
        }),
        doc: "Canonical skill id (`kafka`, `go`, `postgresql`); repeat to require all.",
    },
    Param {
        name: "company",
        repeatable: true,
        role: Role::Filter,
        value: ValueKind::Text {
            max_chars: MAX_TEXT_CHARS,
        },
        default: no_default,
        read: |request, value| {
            let company = bounded_text(value);
            push_unique(&mut request.companies, company.clone());
            Ok(Some(company))
        },
        chip: Some(|value, _| format!("At {value}")),
        facet: None,
        doc: "Exact company name; repeat for any of several.",
    },
    Param {
        name: "exclude_company",
        repeatable: true,
        role: Role::Filter,
        value: ValueKind::Text {
            max_chars: MAX_TEXT_CHARS,
        },
        default: no_default,
        read: |request, value| {
            let company = bounded_text(value);
            push_unique(&mut request.exclude_companies, company.clone());
            Ok(Some(company))
        },
        chip: Some(|value, _| format!("Hiding {value}")),
        facet: Some(FacetSpec {
            legend: "Hide companies",
            counts: |facets| &facets.companies,
            limit: 8,
            label: index_label,
        }),
        doc: "Exact company name to leave out; repeat for several.",
    },
    Param {
        name: "exclude",
        repeatable: true,
        role: Role::Filter,
        value: ValueKind::Text {
            max_chars: MAX_TEXT_CHARS,
        },
        default: no_default,
        read: |request, value| {
            let word = bounded_text(value);
            push_unique(&mut request.exclude_keywords, word.clone());
            Ok(Some(word))
        },
        chip: Some(|value, _| format!("Without “{value}”")),
        facet: None,
        doc: "Drop listings mentioning this word; repeat for several.",
    },
    Param {
        name: "source",
        repeatable: true,
        role: Role::Filter,
        value: ValueKind::OneOf(|| SourceKind::ALL.iter().map(|s| s.slug()).collect()),
        default: no_default,
        read: |request, value| {
            Ok(SourceKind::from_slug(value).map(|kind| {
                push_unique(&mut request.sources, kind);
                kind.slug().to_owned()
            }))
        },
        chip: Some(|value, _| {
            SourceKind::from_slug(value)
                .map(|s| format!("On {}", s.display_name()))
                .unwrap_or_else(|| value.to_owned())
        }),
        facet: Some(FacetSpec {
            legend: "Found on",
            counts: |facets| &facets.sources,
            limit: 10,
            label: index_label,
        }),
        doc: "Source kind; repeat for any of several.",
    },
    Param {
        name: "sort",
        repeatable: false,
        role: Role::Sort,
        value: ValueKind::OneOf(|| SORT_ORDERS.iter().map(|s| s.slug()).collect()),
        default: |_| Some(SortOrder::Relevance.slug().into()),
        read: |request, value| {
            Ok(SortOrder::from_slug(value).map(|sort| {
                request.sort = sort;
                sort.slug().to_owned()
            }))
        },
        chip: None,
        facet: None,
        doc: "`relevance` (newest first when there is no text), `newest` or `salary`.",
    },
    Param {
        name: "per_page",
        repeatable: false,
        role: Role::Paging,
        value: ValueKind::Integer {
            min: 1,
            max: SearchRequest::MAX_PER_PAGE,
        },
        default: |_| Some(20.into()),
        read: |request, value| {
            let per_page = parse_number(value, 1, SearchRequest::MAX_PER_PAGE, "a page size")?;
            request.per_page = per_page;
            Ok(Some(per_page.to_string()))
        },
        chip: None,
        facet: None,
        doc: "Results per page.",
    },
    Param {
        name: "page",
        repeatable: false,
        role: Role::Paging,
        value: ValueKind::Integer {
            min: 1,
            max: MAX_PAGE,
        },
        default: |_| Some(1.into()),
        read: |request, value| {
            let page = parse_number(value, 1, MAX_PAGE, "a page number")?;
            request.page = page;
            Ok((page > 1).then(|| page.to_string()))
        },
        chip: None,
        facet: None,
        doc: "The page of results, from 1.",
    },
];

/// The row of a parameter, by name.
pub(crate) fn param(name: &str) -> Option<&'static Param> {
    PARAMS.iter().find(|param| param.name == name)
}

/// Where a parameter stands in canonical links.
pub(crate) fn position(name: &str) -> usize {
    PARAMS
        .iter()
        .position(|param| param.name == name)
        .unwrap_or(PARAMS.len())
}

fn read_query_text(request: &mut SearchRequest, value: &str) -> Result<Option<String>, String> {
    let text: String = value.chars().take(MAX_QUERY_CHARS).collect();
    request.query = text.clone();
    Ok(Some(text))
}

/// The label the index gave a facet value.
fn index_label(count: &FacetCount, _: &Labels<'_>) -> String {
    count.label.clone()
}

fn push_unique<T: PartialEq>(values: &mut Vec<T>, value: T) {
    if !values.contains(&value) {
        values.push(value);
    }
}
