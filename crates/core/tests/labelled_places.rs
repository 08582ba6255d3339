//! The labelled places and salaries of `tests/labelled/` (rules in `README-places.md`), each split
//! by FNV-1a 64 of the row's input into a tuning half (even) and a held-out half (odd).
//!
//! Both halves' accuracy is printed (`-- --nocapture`); only the tuning half's misses are listed,
//! so nobody tunes a rule while looking at the held-out half. The test fails when the held-out
//! half is below its bar: 95% for places (workplace, scope, countries, regions and offices all
//! right), 97% for salaries (min, max, currency and period all right).

use std::collections::BTreeSet;

use prepboard_core::normalize::countries::place_key;
use prepboard_core::normalize::salary::read_salary;
use prepboard_core::normalize::workplace::{Board, PlaceSignals, read_location};
use prepboard_core::{
    EligibilityScope, Normalizer, PlaceFields, Region, SalaryPeriod, SourceField, WorkplaceType,
};
use serde::Deserialize;

const PLACES: &str = include_str!("labelled/places.toml");
const SALARIES: &str = include_str!("labelled/salaries.toml");

const PLACES_BAR: f64 = 0.95;
const SALARIES_BAR: f64 = 0.97;

fn fnv1a64(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// One half of a table: its rows and misses.
#[derive(Default)]
struct Half {
    rows: usize,
    misses: Vec<String>,
}

impl Half {
    fn accuracy(&self) -> f64 {
        if self.rows == 0 {
            return 0.0;
        }
        (self.rows - self.misses.len()) as f64 / self.rows as f64
    }
}

/// Records rows into the half their input hashes to, prints both, and checks the held-out bar.
struct Split {
    name: &'static str,
    tuning: Half,
    held_out: Half,
}

impl Split {
    fn new(name: &'static str) -> Self {
        Split {
            name,
            tuning: Half::default(),
            held_out: Half::default(),
        }
    }

    fn record(&mut self, input: &str, ok: bool, describe: impl FnOnce() -> String) {
        let half = if fnv1a64(input).is_multiple_of(2) {
            &mut self.tuning
        } else {
            &mut self.held_out
        };
        half.rows += 1;
        if !ok {
            half.misses.push(describe());
        }
    }

    fn finish(self, minimum_rows: usize, bar: f64) {
        for (label, half) in [("tuning", &self.tuning), ("held-out", &self.held_out)] {
            println!(
                "{} {label}: {}/{} = {:.1}%",
                self.name,
                half.rows - half.misses.len(),
                half.rows,
                half.accuracy() * 100.0
            );
        }
        for miss in &self.tuning.misses {
            println!("  tuning miss: {miss}");
        }
        let rows = self.tuning.rows + self.held_out.rows;
        assert!(
            rows >= minimum_rows,
            "{} has {rows} rows, needs {minimum_rows}",
            self.name
        );
        assert!(
            self.held_out.accuracy() >= bar,
            "{} held-out accuracy {:.1}% is below {:.0}%",
            self.name,
            self.held_out.accuracy() * 100.0,
            bar * 100.0
        );
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlacesFile {
    row: Vec<PlaceRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlaceRow {
    source: String,
    location: String,
    #[serde(default)]
    fields: Vec<FieldRow>,
    #[serde(default)]
    structured: Vec<String>,
    workplace: String,
    scope: String,
    #[serde(default)]
    countries: Vec<String>,
    #[serde(default)]
    regions: Vec<String>,
    #[serde(default)]
    offices: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldRow {
    name: String,
    values: Vec<String>,
}

impl PlaceRow {
    fn input(&self) -> String {
        let fields = self
            .fields
            .iter()
            .map(|field| format!("{}={}", field.name, field.values.join("|")))
            .collect::<Vec<_>>()
            .join(";");
        format!(
            "{}\u{1f}{}\u{1f}{fields}\u{1f}{}",
            self.source,
            self.location,
            self.structured.join(";")
        )
    }

    fn board(&self) -> Board {
        match self.source.as_str() {
            "greenhouse" | "lever" | "ashby" | "jsonld" => Board::Employer,
            "wwr" | "remoteok" | "remotive" | "himalayas" | "jobicy" => Board::RemoteOnly,
            _ => Board::Mixed,
        }
    }
}

fn folded_set(names: impl IntoIterator<Item = impl AsRef<str>>) -> BTreeSet<String> {
    names
        .into_iter()
        .map(|name| place_key(name.as_ref()))
        .collect()
}

#[test]
fn labelled_places() {
    let file: PlacesFile = toml::from_str(PLACES).expect("places.toml parses");
    let mut split = Split::new("places");
    for row in &file.row {
        let fields = PlaceFields {
            fields: row
                .fields
                .iter()
                .map(|field| SourceField {
                    name: field.name.clone(),
                    values: field.values.clone(),
                })
                .collect(),
            offices: Vec::new(),
        };
        let (workplace, eligibility) = read_location(&PlaceSignals {
            board: row.board(),
            board_name: &row.source,
            source_workplace: WorkplaceType::Unknown,
            fields: &fields,
            structured_places: &row.structured,
            location_text: &row.location,
            title: "",
            description_text: "",
        });
        let expected_workplace =
            WorkplaceType::from_slug(&row.workplace).expect("a workplace slug");
        let expected_scope = match row.scope.as_str() {
            "worldwide" => EligibilityScope::Worldwide,
            "restricted" => EligibilityScope::Restricted,
            _ => EligibilityScope::Unknown,
        };
        let mut expected_regions: Vec<Region> = row
            .regions
            .iter()
            .map(|slug| Region::from_slug(slug).expect("a region slug"))
            .collect();
        expected_regions.sort();
        let ok = workplace == expected_workplace
            && eligibility.scope == expected_scope
            && eligibility.countries == row.countries
            && eligibility.regions == expected_regions
            && folded_set(&eligibility.offices) == folded_set(&row.offices);
        split.record(&row.input(), ok, || {
            format!(
                "{} {:?} {:?}: expected {} {:?} {:?} {:?} offices {:?}, got {} {:?} {:?} {:?} offices {:?}",
                row.source,
                row.location,
                row.fields.iter().map(|f| (&f.name, &f.values)).collect::<Vec<_>>(),
                row.workplace,
                expected_scope,
                row.countries,
                expected_regions,
                row.offices,
                workplace.slug(),
                eligibility.scope,
                eligibility.countries,
                eligibility.regions,
                eligibility.offices,
            )
        });
    }
    split.finish(250, PLACES_BAR);
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SalariesFile {
    row: Vec<SalaryRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SalaryRow {
    #[allow(dead_code)]
    source: String,
    #[serde(rename = "in")]
    place: String,
    text: String,
    /// `false` for "no salary here".
    #[serde(default = "yes")]
    salary: bool,
    min: Option<f64>,
    max: Option<f64>,
    currency: Option<String>,
    period: Option<String>,
}

fn yes() -> bool {
    true
}

fn period(slug: &str) -> SalaryPeriod {
    match slug {
        "hour" => SalaryPeriod::Hour,
        "day" => SalaryPeriod::Day,
        "week" => SalaryPeriod::Week,
        "month" => SalaryPeriod::Month,
        "year" => SalaryPeriod::Year,
        other => panic!("unknown period {other}"),
    }
}

#[test]
fn labelled_salaries() {
    let file: SalariesFile = toml::from_str(SALARIES).expect("salaries.toml parses");
    let rates = Normalizer::bundled().rates();
    let mut split = Split::new("salaries");
    let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() < 0.5,
        (None, None) => true,
        _ => false,
    };
    for row in &file.row {
        let salary = match row.place.as_str() {
            "field" => read_salary(rates, None, Some(&row.text), ""),
            _ => read_salary(rates, None, None, &row.text),
        };
        let got = salary.as_ref().filter(|s| s.has_amount());
        let ok = match got {
            None => !row.salary,
            Some(salary) => {
                row.salary
                    && close(salary.min, row.min)
                    && close(salary.max, row.max)
                    && salary.currency == row.currency
                    && Some(salary.period) == row.period.as_deref().map(period)
            }
        };
        let input = format!("{}\u{1f}{}", row.place, row.text);
        split.record(&input, ok, || {
            format!(
                "{} {:?}: expected {}, got {:?}",
                row.place,
                row.text,
                if row.salary {
                    format!(
                        "{:?}-{:?} {:?} {:?}",
                        row.min, row.max, row.currency, row.period
                    )
                } else {
                    "no salary".to_owned()
                },
                got.map(|s| (s.min, s.max, s.currency.clone(), s.period))
            )
        });
    }
    split.finish(150, SALARIES_BAR);
}
