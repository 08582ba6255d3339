//! The response's facet lists from the counts a search gathered: most frequent first, long lists
//! cut to the values people pick from (plus any value the request selected), and what the default
//! view hides.

use prepboard_core::search::{FacetCount, Facets, HiddenCounts, SearchRequest};
use prepboard_core::{EmploymentType, Region, Seniority, SourceKind, TitleFamily, WorkplaceType};

use crate::facets::{GroupCounts, ValueCounts};
use crate::query::{DefaultView, FacetGroup};
use crate::schema::{ELIGIBILITY_UNKNOWN, ELIGIBILITY_WORLDWIDE};

/// Long-tail facets (skills, companies, eligibility) list at most this many values.
const FACET_VALUE_LIMIT: usize = 50;

pub(super) fn assemble_facets(mut counts: GroupCounts, request: &SearchRequest) -> Facets {
    let hidden = hidden_counts(&counts, DefaultView::of(request));
    let mut take = |group: FacetGroup| counts.remove(&group).unwrap_or_default();
    // Most frequent first; values are distinct, so the order is total.
    let order = |a: &(&str, u64), b: &(&str, u64)| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0));
    // `limit` is only given for groups whose `label` names every value, so cutting before
    // labelling keeps the same values as labelling first would.
    let listed = |counts: ValueCounts,
                  label: &dyn Fn(&str) -> Option<String>,
                  limit: Option<usize>,
                  selected: &[String]| {
        let mut entries = counts.entries();
        if let Some(limit) = limit
            && entries.len() > limit
        {
            // The first `limit` after this are the most frequent, in no order: finding them is
            // linear, where sorting thousands of companies was not.
            entries.select_nth_unstable_by(limit, order);
            let (top, rest) = entries.split_at(limit);
            let mut kept = top.to_vec();
            kept.extend(
                rest.iter()
                    .filter(|(value, _)| selected.iter().any(|s| s == value)),
            );
            entries = kept;
        }
        entries.sort_unstable_by(order);
        entries
            .into_iter()
            .filter_map(|(value, count)| {
                label(value).map(|label| FacetCount {
                    value: value.to_owned(),
                    label,
                    count,
                })
            })
            .collect::<Vec<FacetCount>>()
    };
    let slugs = |values: Vec<&str>| values.into_iter().map(str::to_owned).collect::<Vec<_>>();
    let eligibility_label = |value: &str| -> Option<String> {
        Some(match value {
            ELIGIBILITY_WORLDWIDE => "Worldwide".to_owned(),
            ELIGIBILITY_UNKNOWN => "Not stated".to_owned(),
            other => {
                Region::from_slug(other).map_or_else(|| other.to_owned(), |r| r.label().to_owned())
            }
        })
    };
    let selected_country: Vec<String> = request
        .country
        .iter()
        .map(|c| c.trim().to_ascii_uppercase())
        .collect();
    Facets {
        families: listed(
            take(FacetGroup::Family),
            &|v| TitleFamily::from_slug(v).map(|f| f.label().to_owned()),
            None,
            &[],
        ),
        seniorities: listed(
            take(FacetGroup::Seniority),
            &|v| Seniority::from_slug(v).map(|s| s.label().to_owned()),
            None,
            &[],
        ),
        eligibility: listed(
            take(FacetGroup::Eligibility),
            &eligibility_label,
            Some(FACET_VALUE_LIMIT),
            &selected_country,
        ),
        employment_types: listed(
            take(FacetGroup::Employment),
            &|v| EmploymentType::from_slug(v).map(|t| t.label().to_owned()),
            None,
            &[],
        ),
        workplaces: listed(
            take(FacetGroup::Workplace),
            &|v| WorkplaceType::from_slug(v).map(|w| w.label().to_owned()),
            None,
            &[],
        ),
        skills: listed(
            take(FacetGroup::Skill),
            &|v| Some(v.to_owned()),
            Some(FACET_VALUE_LIMIT),
            &request.skills,
        ),
        sources: listed(
            take(FacetGroup::Source),
            &|v| SourceKind::from_slug(v).map(|s| s.display_name().to_owned()),
            None,
            &slugs(request.sources.iter().map(|s| s.slug()).collect()),
        ),
        companies: listed(
            take(FacetGroup::Company),
            &|v| Some(v.to_owned()),
            Some(FACET_VALUE_LIMIT),
            &request.companies,
        ),
        hidden,
    }
}

/// What widening the default view would add. A default filter stands in for its group's filter, so
/// the group's own counts (taken with every other filter) hold exactly the listings it leaves out.
fn hidden_counts(counts: &GroupCounts, view: DefaultView) -> HiddenCounts {
    let left_out = |group: FacetGroup, kept: &dyn Fn(&str) -> bool| -> u64 {
        counts.get(&group).map_or(0, |values| {
            values
                .entries()
                .into_iter()
                .filter(|(value, _)| !kept(value))
                .map(|(_, count)| count)
                .sum()
        })
    };
    HiddenCounts {
        office: if view.remote_only {
            left_out(FacetGroup::Workplace, &|value| {
                WorkplaceType::from_slug(value).is_some_and(WorkplaceType::is_remote_first)
            })
        } else {
            0
        },
        non_engineering: if view.engineering_only {
            left_out(FacetGroup::Family, &|value| {
                value != TitleFamily::NonEngineering.slug()
            })
        } else {
            0
        },
    }
}
