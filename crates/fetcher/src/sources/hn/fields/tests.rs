//! Workplace markers, pay and employment words of real posts' shapes.
use std::collections::BTreeSet;

use super::*;
use prepboard_core::SalaryPeriod;

fn period_of(text: &str) -> Option<SalaryPeriod> {
    salary(text, Some("USD")).map(|salary| salary.period)
}

fn workplace(text: &str) -> Option<WorkplaceType> {
    markers(text).workplace(true)
}

#[test]
fn remote_as_an_option_beside_an_office_field_is_a_choice() {
    let merged = markers("NYC").merge(markers("Remote OK"));
    assert_eq!(merged.workplace(true), Some(WorkplaceType::RemoteOrOffice));
    let merged = markers("Munich, Germany").merge(markers("REMOTE"));
    assert_eq!(merged.workplace(true), Some(WorkplaceType::Remote));
}

#[test]
fn header_workplace_words() {
    use WorkplaceType::*;
    let rows = [
        ("REMOTE", Some(Remote)),
        ("Remote (US)", Some(Remote)),
        ("ONSITE", Some(Onsite)),
        ("HYBRID", Some(Hybrid)),
        ("SF or remote", Some(RemoteOrOffice)),
        ("NYC / open to remote", Some(RemoteOrOffice)),
        ("Remote (US) or Pittsburgh, PA", Some(RemoteOrOffice)),
        (
            "Onsite in Berlin, remote OK within EU",
            Some(RemoteOrOffice),
        ),
        ("Hybrid/Remote", Some(RemoteOrOffice)),
        ("ONSITE / HYBRID", Some(Hybrid)),
        ("ONSITE (3 days/week in office)", Some(Hybrid)),
        ("On-site 2-3x per week", Some(Hybrid)),
        ("SF (5 days onsite)", Some(Onsite)),
        ("Contract/Remote (US)", Some(Remote)),
        ("Remote (US or Europe)", Some(Remote)),
        ("Remote (opt-in regional offices)", Some(RemoteOrOffice)),
        // An office offered beside remote is the candidate's choice; one named is the base.
        (
            "Remote with optional office in Berlin",
            Some(RemoteOrOffice),
        ),
        (
            "REMOTE (US) | Office in Austin, TX available",
            Some(RemoteOrOffice),
        ),
        ("Remote in US; office in SF", Some(Remote)),
        // Places after "fully remote" are where a hire may live.
        ("Fully Remote US/CA/UK/EU/AUS/NZ", Some(Remote)),
        // Offices and remote listed in one field are a choice.
        (
            "San Francisco, London, India, REMOTE (US)",
            Some(RemoteOrOffice),
        ),
        ("Remote (US), NYC", Some(RemoteOrOffice)),
        ("Berlin, Germany (Remote)", Some(Remote)),
        ("Remote, Toronto Area", Some(Remote)),
        // A time zone's plus is no alternative.
        (
            "REMOTE (London based, GMT-5 to GMT+5 preferred)",
            Some(Remote),
        ),
        (
            "Onsite, San Francisco + remote for some roles",
            Some(Onsite),
        ),
        ("BOSTON or NYC - hybrid / NO REMOTE", Some(Hybrid)),
        ("Austin, TX", Some(Onsite)),
        ("NYC (Remote OK)", Some(RemoteOrOffice)),
        ("London, remote friendly", Some(RemoteOrOffice)),
        ("Remote OK (US)", Some(Remote)),
        // The parenthesis after "remote" says where a remote hire may live: no office, no choice.
        ("Remote (Georgia or Florida residents only)", Some(Remote)),
        ("Remote (Austin, TX)", Some(Remote)),
        ("Remote (or our NYC office)", Some(RemoteOrOffice)),
        ("Full-time", None),
    ];
    for (text, expected) in rows {
        assert_eq!(workplace(text), expected, "{text}");
    }
    // A role's own countries are where a remote hire may live, not an office.
    assert_eq!(markers("(US/Canada)").workplace(false), None);
    assert_eq!(
        markers("(Toronto, Ontario, Canada)").workplace(false),
        Some(WorkplaceType::Onsite)
    );
}

#[test]
fn salaries_ranges_k_currencies_periods_and_equity() {
    let check = |text: &str, expected: Option<(f64, f64, &str, SalaryPeriod)>| {
        let got = salary(text, Some("USD")).map(|s| {
            (
                s.min.unwrap_or(0.0),
                s.max.unwrap_or(0.0),
                s.currency.unwrap_or_default(),
                s.period,
            )
        });
        let expected =
            expected.map(|(min, max, currency, period)| (min, max, currency.to_owned(), period));
        assert_eq!(got, expected, "{text}");
    };
    check(
        "$150K-$250K annual total comp",
        Some((150_000.0, 250_000.0, "USD", SalaryPeriod::Year)),
    );
    check(
        "115k - 180k USD",
        Some((115_000.0, 180_000.0, "USD", SalaryPeriod::Year)),
    );
    check(
        "£75k-£140k",
        Some((75_000.0, 140_000.0, "GBP", SalaryPeriod::Year)),
    );
    check(
        "$125k–$175k • 0.50%–1.50%",
        Some((125_000.0, 175_000.0, "USD", SalaryPeriod::Year)),
    );
    check(
        "$125 - $200/hr",
        Some((125.0, 200.0, "USD", SalaryPeriod::Hour)),
    );
    check(
        "250k-500k TC",
        Some((250_000.0, 500_000.0, "USD", SalaryPeriod::Year)),
    );
    check("Commission + Equity", None);
    check("$8k contract → 5% equity", None);
    check("raised $20M in Series B funding", None);
    assert_eq!(period_of("€3000–€3525/month"), Some(SalaryPeriod::Month));
}

#[test]
fn employment_and_visa() {
    assert_eq!(
        employment("Contract or Full-time"),
        Some(EmploymentType::Contract)
    );
    assert_eq!(employment("Full-Time"), Some(EmploymentType::FullTime));
    assert_eq!(
        employment("part-time/flexible/1099"),
        Some(EmploymentType::PartTime)
    );
    assert_eq!(employment("REMOTE"), None);
    assert_eq!(visa("VISA SPONSORSHIP"), Some(true));
    assert_eq!(visa("No visa sponsorship"), Some(false));
    assert_eq!(
        visa("We’re not able to sponsor visas at this time."),
        Some(false)
    );
    assert_eq!(visa("REMOTE"), None);
}

#[test]
fn body_lines_with_pay() {
    assert_eq!(
        keyed_pay("Comp: Top-tier EU salaries (~€90k - €120k)."),
        Some("Top-tier EU salaries (~€90k - €120k).")
    );
    assert_eq!(keyed_pay("Comp: Cash + healthcare + options."), None);
    assert!(leads_with_pay("$175k–$225k. Fully remote (US)."));
    assert!(!leads_with_pay("We raised $5M."));
}

#[test]
fn plus_joined_phrases_office_days_in_parentheses_and_visits() {
    use WorkplaceType::*;
    assert_eq!(workplace("Onsite+Part Remote"), Some(Hybrid));
    assert_eq!(workplace("Remote+Hybrid"), Some(RemoteOrOffice));
    assert_eq!(workplace("In-office (3 days)"), Some(Hybrid));
    assert_eq!(workplace("On-site (5 days)"), Some(Onsite));
    assert_eq!(workplace("Remote + 2 days/month in Lisbon"), Some(Remote));
    assert_eq!(
        workplace("Remote, one week a quarter at our Berlin office"),
        Some(Remote)
    );
    // C++ keeps its pluses.
    assert_eq!(workplace("C++ | Remote"), Some(Remote));
}

#[test]
fn a_bare_amount_takes_the_one_currency_of_the_post_s_countries() {
    let set = |codes: &[&str]| {
        codes
            .iter()
            .map(|c| (*c).to_owned())
            .collect::<BTreeSet<_>>()
    };
    assert_eq!(post_currency(&set(&[])).as_deref(), Some("USD"));
    assert_eq!(post_currency(&set(&["US", "GB"])).as_deref(), Some("USD"));
    assert_eq!(post_currency(&set(&["GB"])).as_deref(), Some("GBP"));
    assert_eq!(post_currency(&set(&["DE", "NL"])).as_deref(), Some("EUR"));
    assert_eq!(post_currency(&set(&["DE", "GB"])), None);
    assert_eq!(post_currency(&set(&["ZZ"])), None);
    let pay = salary("90k-120k + bonus", Some("GBP")).unwrap();
    assert_eq!(pay.currency.as_deref(), Some("GBP"));
    assert_eq!(salary("90k-120k", None), None);
    // A mark beats the post's currency.
    let pay = salary("$90k-$120k", Some("GBP")).unwrap();
    assert_eq!(pay.currency.as_deref(), Some("USD"));
}

#[test]
fn a_field_that_opens_on_pay_speaks_of_pay() {
    assert!(speaks_of_pay(
        "Comp listed per role; the Staff Engineer is $200k-$240k"
    ));
    assert!(speaks_of_pay("Salary: 120k-150k"));
    assert!(!speaks_of_pay("Senior Engineer (base $150k)"));
    assert!(!speaks_of_pay("Competitive salary"));
}

#[test]
fn a_post_s_opening_lines_may_say_its_workplace_as_a_header_would() {
    assert_eq!(
        body_workplace("We're hiring (Remote - US) for:\n- Lead Quantitative Developer"),
        Some(WorkplaceType::Remote)
    );
    assert_eq!(
        body_workplace("REMOTE mostly, but I travel often and we meet in person."),
        Some(WorkplaceType::Remote)
    );
    // A parenthesis that names no workplace says nothing.
    assert_eq!(body_workplace("We build tools (for developers)."), None);
}

#[test]
fn a_second_header_line_and_sentences_about_the_roles_say_the_workplace() {
    assert_eq!(
        body_workplace("Onsite (Stockholm) or Remote | Full-time\nWe build CAD."),
        Some(WorkplaceType::RemoteOrOffice)
    );
    assert_eq!(
        body_workplace("We build ledgers.\nThese roles are hybrid/in-person in NYC."),
        Some(WorkplaceType::Hybrid)
    );
    assert_eq!(
        body_workplace("We build ledgers.\nAll jobs are fully remote."),
        Some(WorkplaceType::Remote)
    );
    assert_eq!(
        body_workplace("We build ledgers.\nThe positions are on-site in Austin."),
        Some(WorkplaceType::Onsite)
    );
}

#[test]
fn a_country_offered_instead_of_remote_is_the_office_s() {
    for field in [
        "UK or remote",
        "Remote or Germany",
        "Berlin | Germany or Remote",
    ] {
        assert_eq!(
            markers(field).workplace(false),
            Some(WorkplaceType::RemoteOrOffice),
            "{field}"
        );
    }
    // Countries a remote hire may live in are no office.
    for field in [
        "Remote (US or Canada)",
        "Remote (US/Canada)",
        "Fully remote",
    ] {
        assert_eq!(
            markers(field).workplace(false),
            Some(WorkplaceType::Remote),
            "{field}"
        );
    }
}

#[test]
fn some_work_from_home_makes_an_office_job_hybrid() {
    assert!(speaks_of_home_days("* Flexible home-office arrangement"));
    assert!(speaks_of_home_days(
        "You can work two days a week from home."
    ));
    assert!(!speaks_of_home_days(
        "We build tools for people who work from home."
    ));
}

#[test]
fn office_weekdays_and_a_whole_week_in_person_say_the_workplace() {
    assert_eq!(
        body_workplace("We build ledgers.\nWe work from the office Tuesday through Thursday."),
        Some(WorkplaceType::Hybrid)
    );
    assert_eq!(
        body_workplace("We build ledgers.\nIn the office on Tuesdays and Thursdays."),
        Some(WorkplaceType::Hybrid)
    );
    assert_eq!(
        body_workplace("We're based in Denver and work in person five days a week."),
        Some(WorkplaceType::Onsite)
    );
    // Every weekday's own spelling: "Wednesday" was read as no weekday at all.
    assert_eq!(
        body_workplace("We're in our NYC office Monday through Wednesday."),
        Some(WorkplaceType::Hybrid)
    );
    assert_eq!(
        body_workplace("In the office Wednesdays and Fridays."),
        Some(WorkplaceType::Hybrid)
    );
    // Weekdays with no office say nothing.
    assert_eq!(body_workplace("We ship on Mondays and Fridays."), None);
}

#[test]
fn travel_and_offsites_leave_a_remote_job_remote() {
    use WorkplaceType::*;
    for text in [
        "Remote (US) + occasional travel to SF",
        "Remote (US/EU), in-person offsites quarterly",
        "Remote, quarterly team retreats in Lisbon",
        "REMOTE (travel to Berlin 4x a year)",
    ] {
        assert_eq!(workplace(text), Some(Remote), "{text}");
    }
    // An office offered beside remote is still a choice, and travel leaves an office job onsite.
    assert_eq!(workplace("Remote (US) or NYC"), Some(RemoteOrOffice));
    assert_eq!(
        workplace("NYC, Onsite, some travel to customers"),
        Some(Onsite)
    );
}
