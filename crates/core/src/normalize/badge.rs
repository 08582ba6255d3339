//! The "who can apply" badge a result card and a job page show, as text: pure, so the web and any
//! other front end say the same thing.
//!
//! An office or hybrid job names its offices ("Office: San Francisco, Seattle", "Hybrid: London"),
//! never "US only", which would read as remote and open to the whole country. A remote-or-office
//! job says both ("Remote (US) or office: New York"). A remote job (or one whose workplace is not
//! known) shows where candidates may live ("US only", "EU + UK", "Worldwide", "Unknown").

use crate::{Eligibility, EligibilityScope, WorkplaceType};

/// What kind of badge it is, for styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadgeKind {
    Worldwide,
    Restricted,
    Unknown,
    /// An office, hybrid or remote-or-office job: the badge names offices.
    Office,
}

/// The badge's text and kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadgeText {
    pub label: String,
    pub kind: BadgeKind,
}

/// The badge for a listing with `workplace` and `eligibility`.
pub fn eligibility_badge(workplace: WorkplaceType, eligibility: &Eligibility) -> BadgeText {
    let office = |prefix: &str| BadgeText {
        label: match office_places(eligibility) {
            Some(places) => format!("{prefix}: {places}"),
            None => prefix.to_owned(),
        },
        kind: BadgeKind::Office,
    };
    match workplace {
        WorkplaceType::Onsite => office("Office"),
        WorkplaceType::Hybrid => office("Hybrid"),
        WorkplaceType::RemoteOrOffice => {
            let remote = match eligibility.scope {
                EligibilityScope::Worldwide => "Remote (worldwide)".to_owned(),
                EligibilityScope::Restricted if !area_names(eligibility).is_empty() => {
                    format!("Remote ({})", list(&area_names(eligibility), " + ", 3))
                }
                _ => "Remote".to_owned(),
            };
            let label = if eligibility.offices.is_empty() {
                format!("{remote} or office")
            } else {
                format!(
                    "{remote} or office: {}",
                    list(&eligibility.offices, ", ", 3)
                )
            };
            BadgeText {
                label,
                kind: BadgeKind::Office,
            }
        }
        WorkplaceType::Remote | WorkplaceType::Unknown => remote_badge(eligibility),
    }
}

/// Where an office job's offices are: the office names, else the places its location names.
fn office_places(eligibility: &Eligibility) -> Option<String> {
    if !eligibility.offices.is_empty() {
        return Some(list(&eligibility.offices, ", ", 3));
    }
    let areas = area_names(eligibility);
    (!areas.is_empty()).then(|| list(&areas, ", ", 3))
}

fn remote_badge(eligibility: &Eligibility) -> BadgeText {
    match eligibility.scope {
        EligibilityScope::Worldwide => BadgeText {
            label: "Worldwide".to_owned(),
            kind: BadgeKind::Worldwide,
        },
        EligibilityScope::Unknown => BadgeText {
            label: "Unknown".to_owned(),
            kind: BadgeKind::Unknown,
        },
        EligibilityScope::Restricted => {
            let places = area_names(eligibility);
            let label = match places.len() {
                0 => "Restricted".to_owned(),
                1 => format!("{} only", places[0]),
                _ => list(&places, " + ", 3),
            };
            BadgeText {
                label,
                kind: BadgeKind::Restricted,
            }
        }
    }
}

/// Regions by label, then countries as people write them ("UK" for GB).
fn area_names(eligibility: &Eligibility) -> Vec<String> {
    let mut names: Vec<String> = eligibility
        .regions
        .iter()
        .map(|region| region.label().to_owned())
        .collect();
    names.extend(
        eligibility
            .countries
            .iter()
            .map(|code| match code.as_str() {
                "GB" => "UK".to_owned(),
                other => other.to_owned(),
            }),
    );
    names
}

/// "a + b + c", or "a + b + 2 more" past `most` items.
fn list(items: &[String], separator: &str, most: usize) -> String {
    if items.len() <= most {
        items.join(separator)
    } else {
        format!(
            "{} + {} more",
            items[..most - 1].join(separator),
            items.len() - (most - 1)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Region;

    fn eligibility(countries: &[&str], regions: &[Region], offices: &[&str]) -> Eligibility {
        let mut eligibility = Eligibility::unknown();
        if !countries.is_empty() || !regions.is_empty() {
            eligibility.scope = EligibilityScope::Restricted;
        }
        eligibility.countries = countries.iter().map(|c| (*c).to_owned()).collect();
        eligibility.regions = regions.to_vec();
        eligibility.offices = offices.iter().map(|o| (*o).to_owned()).collect();
        eligibility
    }

    #[test]
    fn office_jobs_name_their_offices_never_a_country_only() {
        let stripe = eligibility(&["US"], &[], &["San Francisco", "Seattle"]);
        let badge = eligibility_badge(WorkplaceType::Onsite, &stripe);
        assert_eq!(badge.label, "Office: San Francisco, Seattle");
        assert_eq!(badge.kind, BadgeKind::Office);
        assert_eq!(
            eligibility_badge(
                WorkplaceType::Hybrid,
                &eligibility(&["GB"], &[], &["London"])
            )
            .label,
            "Hybrid: London"
        );
        assert_eq!(
            eligibility_badge(WorkplaceType::Onsite, &eligibility(&["US"], &[], &[])).label,
            "Office: US"
        );
        assert_eq!(
            eligibility_badge(
                WorkplaceType::Onsite,
                &eligibility(&["US"], &[], &["Austin", "Boston", "Chicago", "Denver"])
            )
            .label,
            "Office: Austin, Boston + 2 more"
        );
    }

    #[test]
    fn remote_or_office_jobs_say_both() {
        let both = eligibility(&["US"], &[], &["New York"]);
        assert_eq!(
            eligibility_badge(WorkplaceType::RemoteOrOffice, &both).label,
            "Remote (US) or office: New York"
        );
        assert_eq!(
            eligibility_badge(WorkplaceType::RemoteOrOffice, &Eligibility::unknown()).label,
            "Remote or office"
        );
    }

    #[test]
    fn remote_jobs_name_where_people_may_live() {
        let check = |countries: &[&str], regions: &[Region], expected: &str| {
            let badge =
                eligibility_badge(WorkplaceType::Remote, &eligibility(countries, regions, &[]));
            assert_eq!(badge.label, expected);
        };
        check(&["US"], &[], "US only");
        check(&["GB"], &[Region::Eu], "EU + UK");
        check(&["US", "CA"], &[], "US + CA");
        check(&["US", "CA", "MX", "BR"], &[], "US + CA + 2 more");
        assert_eq!(
            eligibility_badge(WorkplaceType::Unknown, &Eligibility::unknown()).label,
            "Unknown"
        );
    }
}
