//! The examples the normalisation brief names, each checked exactly, and config errors that name
//! the offending entry.

use prepboard_core::normalize::eligibility::read_eligibility;
use prepboard_core::normalize::salary::read_salary;
use prepboard_core::normalize::{Normalizer, TaxonomyError};
use prepboard_core::{EligibilityScope, Region, SalaryPeriod, Seniority, TitleFamily, UtcBand};

const SKILLS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../config/skills.toml"
));
const TITLES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../config/titles.toml"
));
const RATES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../config/rates.toml"
));

#[test]
fn salary_examples() {
    let rates = Normalizer::bundled().rates();
    let check = |text: &str, min: Option<f64>, max: Option<f64>, currency: &str, period| {
        let salary =
            read_salary(rates, None, Some(text), "").unwrap_or_else(|| panic!("{text}: no salary"));
        assert_eq!(
            (
                salary.min,
                salary.max,
                salary.currency.as_deref(),
                salary.period
            ),
            (min, max, Some(currency), period),
            "{text}"
        );
        assert_eq!(salary.text, text);
    };
    check(
        "$80k - $100k",
        Some(80_000.0),
        Some(100_000.0),
        "USD",
        SalaryPeriod::Year,
    );
    check(
        "$45-$120/Hour",
        Some(45.0),
        Some(120.0),
        "USD",
        SalaryPeriod::Hour,
    );
    check(
        "€60,000–€75,000 a year",
        Some(60_000.0),
        Some(75_000.0),
        "EUR",
        SalaryPeriod::Year,
    );
    check(
        "USD 120,000+",
        Some(120_000.0),
        None,
        "USD",
        SalaryPeriod::Year,
    );
    check(
        "£500/day",
        Some(500.0),
        Some(500.0),
        "GBP",
        SalaryPeriod::Day,
    );
    check(
        "$100k to $80k per annum",
        Some(80_000.0),
        Some(100_000.0),
        "USD",
        SalaryPeriod::Year,
    );
    check(
        "CHF 120K p.a.",
        Some(120_000.0),
        Some(120_000.0),
        "CHF",
        SalaryPeriod::Year,
    );
    check(
        "₹25,00,000 - ₹40,00,000 /yr",
        Some(2_500_000.0),
        Some(4_000_000.0),
        "INR",
        SalaryPeriod::Year,
    );
    check(
        "$60 hourly",
        Some(60.0),
        Some(60.0),
        "USD",
        SalaryPeriod::Hour,
    );

    let bare = read_salary(rates, None, Some("150-190k"), "").unwrap();
    assert_eq!(
        (bare.min, bare.max, bare.currency),
        (Some(150_000.0), Some(190_000.0), None)
    );
    assert_eq!(bare.yearly_usd_min, None, "no currency, no conversion");

    let hourly = read_salary(rates, None, Some("$45-$120/Hour"), "").unwrap();
    assert_eq!(hourly.yearly_usd_min, Some(93_600));
    let euros = read_salary(rates, None, Some("€60,000–€75,000 a year"), "").unwrap();
    assert_eq!(euros.yearly_usd_max, Some(81_000));

    for text in ["Negotiable", "Competitive"] {
        let salary = read_salary(rates, None, Some(text), "").unwrap();
        assert!(!salary.has_amount() && salary.text == text);
    }
    assert_eq!(
        read_salary(rates, None, Some("2026"), ""),
        None,
        "a year is not a salary"
    );
    assert_eq!(
        read_salary(rates, None, None, "Founded in 2019, we raised $5M."),
        None
    );
}

#[test]
fn eligibility_examples() {
    let prose = |text: &str| read_eligibility(&[], "", text);
    let field = |text: &str| read_eligibility(&[], text, "");
    let restricted = |e: &prepboard_core::Eligibility, countries: &[&str], regions: &[Region]| {
        assert_eq!(e.scope, EligibilityScope::Restricted, "{e:?}");
        assert_eq!(e.countries, countries, "{e:?}");
        assert_eq!(e.regions, regions, "{e:?}");
    };
    restricted(&prose("Candidates must reside in the US."), &["US"], &[]);
    restricted(
        &prose("We are open to candidates in EMEA."),
        &[],
        &[Region::Emea],
    );
    restricted(&prose("This role is LATAM only."), &[], &[Region::Latam]);
    restricted(&prose("We hire in the US or Canada."), &["CA", "US"], &[]);
    // The right to work somewhere, who the company can employ, and where the job is.
    restricted(
        &prose("You must have the right to work in Germany; we can't sponsor visas."),
        &["DE"],
        &[],
    );
    restricted(
        &prose("We can employ you in the US or anywhere in the EU."),
        &["US"],
        &[Region::Eu],
    );
    restricted(
        &prose("The job is at our lab in Cambridge, UK."),
        &["GB"],
        &[],
    );
    restricted(
        &prose("You'll be in our Chicago, IL office three days a week."),
        &["US"],
        &[],
    );
    // A code before a dollar sign is the currency, not a place.
    assert_eq!(
        field("Remote | CA$115k-CA$140k").scope,
        EligibilityScope::Unknown
    );
    restricted(&field("Remote - European Union"), &[], &[Region::Eu]);
    restricted(&field("Remote (US)"), &["US"], &[]);
    restricted(&field("Europe"), &[], &[Region::Europe]);
    restricted(
        &read_eligibility(&["🇦🇩 Andorra, 🇦🇱 Albania".to_owned()], "", ""),
        &["AD", "AL"],
        &[],
    );
    assert_eq!(field("Worldwide").scope, EligibilityScope::Worldwide);
    assert_eq!(
        prose("Work from anywhere in the world.").scope,
        EligibilityScope::Worldwide
    );
    assert_eq!(field("Remote").scope, EligibilityScope::Unknown);
    assert_eq!(
        prose("Join us and grow with the team.").scope,
        EligibilityScope::Unknown
    );

    let band = prose("Fully remote, working hours UTC-3 to UTC+3.");
    assert_eq!(
        band.utc_band,
        Some(UtcBand {
            min_offset_minutes: -180,
            max_offset_minutes: 180
        })
    );
    assert!(band.evidence.is_some());
    let structured = read_eligibility(&["USA Only".to_owned()], "Anywhere", "");
    assert_eq!(structured.confidence, prepboard_core::Confidence::High);
}

#[test]
fn title_examples() {
    let normalizer = Normalizer::bundled();
    for (title, family, level) in [
        (
            "Sr. Backend Engineer (APIs)",
            TitleFamily::ApiEngineer,
            Seniority::Senior,
        ),
        (
            "Staff Software Engineer, Backend",
            TitleFamily::BackendEngineer,
            Seniority::Staff,
        ),
        (
            "Engineering Manager",
            TitleFamily::EngineeringManager,
            Seniority::Unknown,
        ),
        (
            "Account Executive",
            TitleFamily::NonEngineering,
            Seniority::Unknown,
        ),
        (
            "Software Engineer",
            TitleFamily::OtherEngineering,
            Seniority::Unknown,
        ),
        (
            "Senior Integrations Engineer",
            TitleFamily::ApiEngineer,
            Seniority::Senior,
        ),
        (
            // A developer platform is the platform engineers ship on (issue 12).
            "Developer Platform Engineer",
            TitleFamily::PlatformEngineer,
            Seniority::Unknown,
        ),
        (
            "Senior Staff Engineer",
            TitleFamily::OtherEngineering,
            Seniority::Staff,
        ),
        (
            "Software Engineer II",
            TitleFamily::OtherEngineering,
            Seniority::Mid,
        ),
        (
            "Go-To-Market Engineer",
            TitleFamily::OtherEngineering,
            Seniority::Unknown,
        ),
    ] {
        assert_eq!(normalizer.classify_title(title), (family, level), "{title}");
    }
}

#[test]
fn taxonomy_errors_name_the_entry() {
    let unknown = TITLES.replace("families.qa-sdet", "families.qa-tester");
    let err = Normalizer::from_toml(&unknown, SKILLS, RATES).unwrap_err();
    assert!(matches!(err, TaxonomyError::UnknownMember { .. }));
    assert!(err.to_string().contains("qa-tester"), "{err}");

    let missing = TITLES.replace(
        "[families.qa-sdet]\ndescription = \"Tests software: QA, test automation, software development engineers in test.\"",
        "",
    );
    assert_ne!(missing, TITLES);
    let missing = missing.replace(
        "[[families.qa-sdet.rules]]",
        "[[families.devops-sre.rules]]",
    );
    let err = Normalizer::from_toml(&missing, SKILLS, RATES).unwrap_err();
    assert!(err.to_string().contains("qa-sdet"), "{err}");

    let duplicate = format!("{SKILLS}\n[[skill]]\nid = \"go\"\nlabel = \"Go again\"\n");
    let err = Normalizer::from_toml(TITLES, &duplicate, RATES).unwrap_err();
    assert!(err.to_string().contains("`go`"), "{err}");

    let no_inr = RATES.replace("INR = 0.012\n", "");
    let err = Normalizer::from_toml(TITLES, SKILLS, &no_inr).unwrap_err();
    assert!(err.to_string().contains("INR"), "{err}");
}
