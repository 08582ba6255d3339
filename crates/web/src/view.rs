//! How listing facts read on a page: salaries, eligibility badges, ages, dates. Pure functions over
//! core types, shared by the search page, the job page and the feed.

use chrono::{DateTime, Utc};
use prepboard_core::normalize::badge::{BadgeKind, eligibility_badge};
use prepboard_core::{Eligibility, Salary, SalaryPeriod, UtcBand, WorkplaceType};

/// A salary as shown: a tidy range, with the text the source published for hover and detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SalaryView {
    pub display: String,
    pub original: String,
}

pub fn salary(salary: &Salary) -> SalaryView {
    let original = salary.text.trim().to_owned();
    if !salary.has_amount() {
        return SalaryView {
            display: if original.is_empty() {
                "Not stated".to_owned()
            } else {
                original.clone()
            },
            original,
        };
    }
    let symbol = match salary.currency.as_deref() {
        Some("USD") => "$".to_owned(),
        Some("EUR") => "€".to_owned(),
        Some("GBP") => "£".to_owned(),
        Some("INR") => "₹".to_owned(),
        Some("JPY") => "¥".to_owned(),
        Some(code) => format!("{code} "),
        None => String::new(),
    };
    let amount = |value: f64| format!("{symbol}{}", short_amount(value));
    let range = match (salary.min, salary.max) {
        (Some(min), Some(max)) if (min - max).abs() < f64::EPSILON => amount(min),
        (Some(min), Some(max)) => format!("{}–{}", amount(min), amount(max)),
        (Some(min), None) => format!("from {}", amount(min)),
        (None, Some(max)) => format!("up to {}", amount(max)),
        (None, None) => original.clone(),
    };
    let period = match salary.period {
        SalaryPeriod::Hour => "/hour",
        SalaryPeriod::Day => "/day",
        SalaryPeriod::Week => "/week",
        SalaryPeriod::Month => "/month",
        SalaryPeriod::Year => "/year",
    };
    SalaryView {
        display: format!("{range} {period}"),
        original,
    }
}

/// Minutes east of UTC as people write it: "+5:30", "-3", "+0".
pub fn format_utc_offset(minutes: i16) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let abs = minutes.unsigned_abs();
    if abs.is_multiple_of(60) {
        format!("{sign}{}", abs / 60)
    } else {
        format!("{sign}{}:{:02}", abs / 60, abs % 60)
    }
}

/// A yearly amount as a filter chip shows it: 120000 → "120k".
pub fn salary_amount(value: f64) -> String {
    short_amount(value)
}

/// 120000 → "120k", 85.5 → "85.50", 1500 → "1.5k".
fn short_amount(value: f64) -> String {
    if value >= 1_000_000.0 {
        trim_zeros(format!("{:.2}", value / 1_000_000.0)) + "M"
    } else if value >= 1_000.0 {
        trim_zeros(format!("{:.1}", value / 1_000.0)) + "k"
    } else if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.2}")
    }
}

fn trim_zeros(text: String) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// The eligibility badge: a short label, a style class and the evidence for hover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Badge {
    pub label: String,
    pub class: &'static str,
    pub evidence: String,
}

/// The "who can apply" badge: the text comes from core (`normalize::badge`), so an office job
/// names its offices ("Office: San Francisco, Seattle") and never reads as "US only".
pub fn badge(workplace: WorkplaceType, eligibility: &Eligibility) -> Badge {
    let text = eligibility_badge(workplace, eligibility);
    let evidence = eligibility.evidence.clone().unwrap_or_default();
    let class = match text.kind {
        BadgeKind::Worldwide => "badge-worldwide",
        BadgeKind::Restricted => "badge-restricted",
        BadgeKind::Unknown => "badge-unknown",
        BadgeKind::Office => "badge-office",
    };
    let evidence = if evidence.is_empty() && text.kind == BadgeKind::Unknown {
        "The listing does not say where candidates may live".to_owned()
    } else {
        evidence
    };
    Badge {
        label: text.label,
        class,
        evidence,
    }
}

pub fn utc_band(band: &UtcBand) -> String {
    format!(
        "UTC{} to UTC{}",
        format_utc_offset(band.min_offset_minutes),
        format_utc_offset(band.max_offset_minutes)
    )
}

/// "today", "yesterday", "5 days ago", "3 weeks ago", "2 months ago".
pub fn age(then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let days = (now - then).num_days();
    match days {
        i64::MIN..=0 => "today".to_owned(),
        1 => "yesterday".to_owned(),
        2..=13 => format!("{days} days ago"),
        14..=59 => format!("{} weeks ago", days / 7),
        60..=729 => format!("{} months ago", days / 30),
        _ => format!("{} years ago", days / 365),
    }
}

/// A date as people read it: "12 Mar 2026".
pub fn date(time: DateTime<Utc>) -> String {
    time.format("%-d %b %Y").to_string()
}

/// The top prep link on a result card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopPrep {
    pub title: String,
    pub url: String,
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use prepboard_core::{Confidence, EligibilityScope, Region, SalaryOrigin};

    use super::*;

    fn money(min: Option<f64>, max: Option<f64>, currency: &str, period: SalaryPeriod) -> Salary {
        Salary {
            min,
            max,
            currency: Some(currency.to_owned()),
            period,
            text: "as posted".to_owned(),
            origin: SalaryOrigin::Structured,
            yearly_usd_min: None,
            yearly_usd_max: None,
        }
    }

    fn check_salary(salary_in: Salary, expected: &str) {
        assert_eq!(salary(&salary_in).display, expected);
    }

    #[test]
    fn salaries_read_as_tidy_ranges() {
        use SalaryPeriod::*;
        check_salary(
            money(Some(120_000.0), Some(150_000.0), "USD", Year),
            "$120k–$150k /year",
        );
        check_salary(
            money(Some(45.0), Some(120.0), "USD", Hour),
            "$45–$120 /hour",
        );
        check_salary(money(Some(500.0), None, "GBP", Day), "from £500 /day");
        check_salary(
            money(None, Some(75_500.0), "EUR", Year),
            "up to €75.5k /year",
        );
        check_salary(
            money(Some(2_500_000.0), Some(2_500_000.0), "INR", Year),
            "₹2.5M /year",
        );
        check_salary(
            money(Some(90_000.0), Some(110_000.0), "CHF", Year),
            "CHF 90k–CHF 110k /year",
        );
        let mut competitive = money(None, None, "USD", Year);
        competitive.text = "Competitive".to_owned();
        check_salary(competitive, "Competitive");
    }

    fn check_badge(regions: &[Region], countries: &[&str], expected: &str) {
        let eligibility = Eligibility {
            scope: EligibilityScope::Restricted,
            countries: countries.iter().map(|c| (*c).to_owned()).collect(),
            regions: regions.to_vec(),
            utc_band: None,
            evidence: Some("evidence".to_owned()),
            confidence: Confidence::Medium,
            offices: Vec::new(),
            workplace_evidence: None,
        };
        assert_eq!(badge(WorkplaceType::Remote, &eligibility).label, expected);
    }

    #[test]
    fn badges_name_where_people_may_live() {
        check_badge(&[], &["US"], "US only");
        check_badge(&[Region::Eu], &["GB"], "EU + UK");
        check_badge(&[], &["US", "CA"], "US + CA");
        check_badge(&[Region::Latam], &[], "LATAM only");
        check_badge(&[], &["US", "CA", "MX", "BR"], "US + CA + 2 more");
        assert_eq!(
            badge(WorkplaceType::Remote, &Eligibility::unknown()).label,
            "Unknown"
        );
        let mut worldwide = Eligibility::unknown();
        worldwide.scope = EligibilityScope::Worldwide;
        assert_eq!(badge(WorkplaceType::Remote, &worldwide).label, "Worldwide");
    }

    #[test]
    fn office_jobs_show_their_offices_not_a_remote_area() {
        let mut stripe = Eligibility::unknown();
        stripe.scope = EligibilityScope::Restricted;
        stripe.countries = vec!["US".to_owned()];
        stripe.offices = vec!["San Francisco".to_owned(), "Seattle".to_owned()];
        let office = badge(WorkplaceType::Onsite, &stripe);
        assert_eq!(office.label, "Office: San Francisco, Seattle");
        assert_eq!(office.class, "badge-office");
        assert_eq!(
            badge(WorkplaceType::Hybrid, &stripe).label,
            "Hybrid: San Francisco, Seattle"
        );
        stripe.offices = vec!["New York".to_owned()];
        assert_eq!(
            badge(WorkplaceType::RemoteOrOffice, &stripe).label,
            "Remote (US) or office: New York"
        );
    }

    #[test]
    fn ages_read_naturally() {
        let now = DateTime::parse_from_rfc3339("2026-03-20T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        for (days, expected) in [
            (0, "today"),
            (1, "yesterday"),
            (5, "5 days ago"),
            (21, "3 weeks ago"),
            (90, "3 months ago"),
            (800, "2 years ago"),
        ] {
            assert_eq!(age(now - chrono::Duration::days(days), now), expected);
        }
    }
}
