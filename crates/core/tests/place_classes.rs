//! One test per failure class of the places and salaries readers, each with examples written for
//! the class (not taken from the labelled tables), so a rule that fixes one string and not its
//! class fails here.

use prepboard_core::normalize::badge::eligibility_badge;
use prepboard_core::normalize::salary::read_salary;
use prepboard_core::normalize::workplace::{Board, PlaceSignals, read_location};
use prepboard_core::{
    Eligibility, EligibilityScope, Normalizer, PlaceFields, Region, SalaryPeriod, SourceField,
    WorkplaceType,
};

fn field(name: &str, values: &[&str]) -> SourceField {
    SourceField {
        name: name.to_owned(),
        values: values.iter().map(|v| (*v).to_owned()).collect(),
    }
}

fn read(board: Board, location: &str, fields: Vec<SourceField>) -> (WorkplaceType, Eligibility) {
    let fields = PlaceFields {
        fields,
        offices: Vec::new(),
    };
    read_location(&PlaceSignals {
        board,
        board_name: "test board",
        source_workplace: WorkplaceType::Unknown,
        fields: &fields,
        structured_places: &[],
        location_text: location,
        title: "",
        description_text: "",
    })
}

fn employer(location: &str) -> (WorkplaceType, Eligibility) {
    read(Board::Employer, location, Vec::new())
}

fn countries(location: &str) -> Vec<String> {
    employer(location).1.countries
}

#[test]
fn a_city_without_a_remote_marker_on_an_employer_board_is_an_office_job() {
    for (location, office) in [
        ("Austin, TX", "Austin"),
        ("London, UK", "London"),
        ("Lyon, France", "Lyon"),
        ("Aveiro", "Aveiro"),
        ("Kraków", "Kraków"),
    ] {
        let (workplace, eligibility) = employer(location);
        assert_eq!(workplace, WorkplaceType::Onsite, "{location}");
        assert_eq!(eligibility.offices, [office], "{location}");
    }
    // A country or a region alone says nothing about the workplace.
    assert_eq!(employer("Germany").0, WorkplaceType::Unknown);
    assert_eq!(
        employer("Central - United States").0,
        WorkplaceType::Unknown
    );
    // On a board that lists only remote jobs, a city is where the remote worker is.
    let (workplace, eligibility) = read(Board::RemoteOnly, "Austin, TX", Vec::new());
    assert_eq!(workplace, WorkplaceType::Remote);
    assert!(eligibility.offices.is_empty());
}

#[test]
fn structured_workplace_fields_decide_before_the_location_text() {
    let hybrid = read(
        Board::Employer,
        "Remote - US",
        vec![field("Workplace Type", &["Hybrid"])],
    );
    assert_eq!(hybrid.0, WorkplaceType::Hybrid);
    assert_eq!(
        read(
            Board::Employer,
            "Dublin",
            vec![field("Location Type", &["Remote"])]
        )
        .0,
        WorkplaceType::Remote
    );
    assert_eq!(
        read(Board::Employer, "Dublin", vec![field("Remote", &["No"])]).0,
        WorkplaceType::Onsite
    );
    assert_eq!(
        read(Board::Employer, "Dublin", vec![field("Remote", &["Yes"])]).0,
        WorkplaceType::Remote
    );
    assert_eq!(
        read(
            Board::Employer,
            "Oslo",
            vec![field("Work Model", &["1-In Office", "3-Fully Remote"])]
        )
        .0,
        WorkplaceType::RemoteOrOffice
    );
    // Ashby: workplaceType before the unreliable isRemote.
    assert_eq!(
        read(
            Board::Employer,
            "Oslo",
            vec![
                field("workplaceType", &["OnSite"]),
                field("isRemote", &["true"])
            ]
        )
        .0,
        WorkplaceType::Onsite
    );
    // JSON-LD.
    assert_eq!(
        read(
            Board::Employer,
            "",
            vec![field("jobLocationType", &["TELECOMMUTE"])]
        )
        .0,
        WorkplaceType::Remote
    );
    // A place field of the source gives the places when the location text names none.
    let (workplace, eligibility) = read(
        Board::Employer,
        "Hybrid",
        vec![field("Job Posting Location", &["Lyon, France"])],
    );
    assert_eq!(workplace, WorkplaceType::Hybrid);
    assert_eq!(eligibility.countries, ["FR"]);
    assert_eq!(eligibility.offices, ["Lyon"]);
    // A field naming remote places makes the job remote.
    let (workplace, eligibility) = read(
        Board::Employer,
        "Canada",
        vec![field("Remote Locations", &["Canada"])],
    );
    assert_eq!(workplace, WorkplaceType::Remote);
    assert_eq!(eligibility.countries, ["CA"]);
    // The evidence names the field.
    let evidence = hybrid.1.workplace_evidence.expect("evidence");
    assert!(evidence.text.contains("Workplace Type"), "{evidence:?}");
}

#[test]
fn remote_or_office_when_the_candidate_chooses() {
    for location in [
        "Remote or office",
        "SF or remote",
        "Remote/Hybrid - Berlin",
        "Madrid (hybrid) | Remote (Spain)",
        "Portland, OR; Remote - US",
        "Home based - Europe; Office based - Berlin",
        "Berlin, Remote (DE)",
    ] {
        assert_eq!(
            employer(location).0,
            WorkplaceType::RemoteOrOffice,
            "{location}"
        );
    }
    let (_, eligibility) = employer("Portland, OR; Remote - US");
    assert_eq!(eligibility.offices, ["Portland"]);
    assert_eq!(eligibility.countries, ["US"]);
    // Remote and hybrid segments that are both remote-only stay remote.
    assert_eq!(
        employer("Remote - Texas; Remote - Ohio").0,
        WorkplaceType::Remote
    );
    // "No office" is not an office.
    assert_eq!(employer("Remote (no office)").0, WorkplaceType::Remote);
}

#[test]
fn us_states_that_are_country_codes_are_states() {
    for location in [
        "Remote - GA",
        "Boulder, CO, US",
        "Savannah, GA",
        "Fort Wayne, IN",
        "Remote - MD",
        "Annapolis, MD",
        "Billings, MT",
        "Omaha, NE",
        "Harrisburg, PA",
        "Greenville, SC",
        "Sioux Falls, SD",
        "Richmond, VA",
        "Mobile, AL",
        "Little Rock, AR",
        "Boise, ID",
        "Wilmington, DE",
    ] {
        assert_eq!(countries(location), ["US"], "{location}");
    }
}

#[test]
fn a_country_code_after_a_province_or_state_is_the_country() {
    assert_eq!(countries("Victoria, BC, CA"), ["CA"]);
    assert_eq!(countries("Kelowna, BC, Canada"), ["CA"]);
    assert_eq!(countries("Halifax, NS, CA"), ["CA"]);
    assert_eq!(countries("Austin, TX, US"), ["US"]);
    // In a list of countries, "CA" after "US" is Canada.
    assert_eq!(countries("Remote (US, CA)"), ["CA", "US"]);
    assert_eq!(countries("Remote US/CA"), ["CA", "US"]);
}

#[test]
fn canadian_provinces_and_australian_states_name_their_country() {
    for location in [
        "Remote - Alberta",
        "Saskatoon, SK",
        "Remote, Nova Scotia",
        "Québec",
    ] {
        assert_eq!(countries(location), ["CA"], "{location}");
    }
    for location in [
        "Remote - Queensland",
        "Perth, WA",
        "Hobart, TAS",
        "New South Wales",
        "Remote (VIC)",
    ] {
        assert_eq!(countries(location), ["AU"], "{location}");
    }
}

#[test]
fn un_m49_region_names_are_regions() {
    let regions = |location: &str| employer(location).1.regions;
    assert_eq!(regions("Remote - Northern America"), [Region::NorthAmerica]);
    assert_eq!(
        regions("Remote (Latin America and the Caribbean)"),
        [Region::Latam]
    );
    assert_eq!(regions("Remote - Oceania"), [Region::Oceania]);
    assert_eq!(
        countries("Remote - Eastern Europe"),
        ["BG", "BY", "CZ", "HU", "MD", "PL", "RO", "RU", "SK", "UA"]
    );
    assert_eq!(
        countries("Remote (South-eastern Asia)"),
        [
            "BN", "ID", "KH", "LA", "MM", "MY", "PH", "SG", "TH", "TL", "VN"
        ]
    );
}

#[test]
fn every_inhabited_continent_means_worldwide() {
    for location in [
        "Remote: Africa, Asia, Europe, North America, South America, Oceania",
        "Remote in the Americas, EMEA or APAC",
    ] {
        let (_, eligibility) = employer(location);
        assert_eq!(eligibility.scope, EligibilityScope::Worldwide, "{location}");
    }
    assert_eq!(
        employer("Remote: Europe, Africa").1.scope,
        EligibilityScope::Restricted
    );
}

#[test]
fn an_office_job_never_wears_a_remote_badge() {
    let (workplace, eligibility) = employer("Boston, MA; Denver, CO");
    let badge = eligibility_badge(workplace, &eligibility);
    assert_eq!(badge.label, "Office: Boston, Denver");
    let (workplace, eligibility) = employer("Denver, CO - Hybrid");
    assert_eq!(
        eligibility_badge(workplace, &eligibility).label,
        "Hybrid: Denver"
    );
    let (workplace, eligibility) = employer("Chicago, IL; Remote - US");
    assert_eq!(
        eligibility_badge(workplace, &eligibility).label,
        "Remote (US) or office: Chicago"
    );
    let (workplace, eligibility) = employer("Remote - US");
    assert_eq!(eligibility_badge(workplace, &eligibility).label, "US only");
}

/// A salary as min, max, currency and period.
type Reading = Option<(Option<f64>, Option<f64>, Option<String>, SalaryPeriod)>;

fn salary_field(text: &str) -> Reading {
    let rates = Normalizer::bundled().rates();
    read_salary(rates, None, Some(text), "")
        .filter(|salary| salary.has_amount())
        .map(|salary| (salary.min, salary.max, salary.currency, salary.period))
}

fn salary_prose(text: &str) -> Reading {
    let rates = Normalizer::bundled().rates();
    read_salary(rates, None, None, text)
        .filter(|salary| salary.has_amount())
        .map(|salary| (salary.min, salary.max, salary.currency, salary.period))
}

fn usd(min: Option<f64>, max: Option<f64>, period: SalaryPeriod) -> Reading {
    Some((min, max, Some("USD".to_owned()), period))
}

#[test]
fn open_ended_salaries_have_no_maximum() {
    use SalaryPeriod::Year;
    assert_eq!(
        salary_prose("Salary starting from $95k"),
        usd(Some(95_000.0), None, Year)
    );
    assert_eq!(salary_field("$175K+"), usd(Some(175_000.0), None, Year));
    assert_eq!(
        salary_prose("We pay at least £55,000 a year."),
        Some((Some(55_000.0), None, Some("GBP".to_owned()), Year))
    );
    assert_eq!(
        salary_prose("Salary: upwards of $130k"),
        usd(Some(130_000.0), None, Year)
    );
    assert_eq!(
        salary_field("$140k and up"),
        usd(Some(140_000.0), None, Year)
    );
    // A "+" before another word adds something else: the amount stays exact.
    assert_eq!(
        salary_field("$150k + equity"),
        usd(Some(150_000.0), Some(150_000.0), Year)
    );
}

#[test]
fn budgets_with_a_period_are_pay() {
    use SalaryPeriod::Month;
    assert_eq!(
        salary_prose("Budget: $4k-6k a month"),
        usd(Some(4_000.0), Some(6_000.0), Month)
    );
    assert_eq!(
        salary_prose("Budget: $6,000 - $8,000 per month, paid in USD."),
        usd(Some(6_000.0), Some(8_000.0), Month)
    );
    // A budget for equipment is a perk.
    assert_eq!(
        salary_prose("A $1,500 budget for your home office setup"),
        None
    );
}

#[test]
fn hours_per_week_are_not_a_pay_period() {
    use SalaryPeriod::{Hour, Month};
    assert_eq!(salary_field("30 hrs/week"), None);
    assert_eq!(
        salary_field("$4,500/month, 30 hrs/week"),
        usd(Some(4_500.0), Some(4_500.0), Month)
    );
    assert_eq!(
        salary_prose("The rate is $60 per hour for 25 hours per week."),
        usd(Some(60.0), Some(60.0), Hour)
    );
    assert_eq!(
        salary_prose("Pay: 1500 - 2500 Euro/month for 3 days / week"),
        Some((Some(1_500.0), Some(2_500.0), Some("EUR".to_owned()), Month))
    );
}

#[test]
fn a_bare_amount_in_thousands_is_a_year() {
    use SalaryPeriod::Year;
    assert_eq!(
        salary_field("$85K"),
        usd(Some(85_000.0), Some(85_000.0), Year)
    );
    assert_eq!(
        salary_field("$12k"),
        usd(Some(12_000.0), Some(12_000.0), Year)
    );
    assert_eq!(
        salary_field("110K USD"),
        usd(Some(110_000.0), Some(110_000.0), Year)
    );
}

#[test]
fn equity_is_not_salary() {
    use SalaryPeriod::Year;
    assert_eq!(
        salary_prose("Compensation: $25k in equity, vesting over 4 years"),
        None
    );
    assert_eq!(salary_prose("Salary: equity worth $40,000"), None);
    assert_eq!(
        salary_prose("Salary: $140k-$160k + $30k equity"),
        usd(Some(140_000.0), Some(160_000.0), Year)
    );
    assert_eq!(salary_prose("Comp: 0.5%-1% equity"), None);
}

#[test]
fn indian_lakhs_multiply_by_a_hundred_thousand() {
    use SalaryPeriod::Year;
    assert_eq!(
        salary_prose("Compensation: ₹25L - ₹35L per annum"),
        Some((
            Some(2_500_000.0),
            Some(3_500_000.0),
            Some("INR".to_owned()),
            Year
        ))
    );
    assert_eq!(
        salary_field("18-24 LPA INR"),
        Some((
            Some(1_800_000.0),
            Some(2_400_000.0),
            Some("INR".to_owned()),
            Year
        ))
    );
}

#[test]
fn common_abbreviations_of_a_country_name_it() {
    // "GER" is how posts abbreviate Germany (as "DEU" is ISO alpha-3); in capitals only, like
    // every name of three letters or fewer.
    assert_eq!(countries("Remote (GER)"), ["DE"]);
    assert_eq!(countries("Remote (DEU)"), ["DE"]);
    assert!(countries("Remote (ger)").is_empty());
    // Alpha-3 codes that posts write as words are no country: a software engineer, a shouted verb.
    assert_eq!(countries("Senior SWE | Remote (US)"), ["US"]);
    assert!(countries("WE ARE HIRING | Remote").is_empty());
}
