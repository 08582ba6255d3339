//! The gazetteer: every place name the eligibility and workplace readers know, loaded once from
//! `config/places.toml` (countries with their aliases, US states, Canadian provinces, Australian
//! states, cities, region membership, multi-place phrases and the workplace vocabulary), checked,
//! and folded into lookup maps.
//!
//! The file's comments state the precedence rules between its tables; [`Gazetteer::from_toml`]
//! enforces what can be enforced (every code a real ISO code, every region documented, no name
//! with two meanings inside one table) and names the entry when it refuses one.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::LazyLock;

use serde::Deserialize;

use super::TaxonomyError;
use crate::{Eligibility, EligibilityScope, Region};

mod load;

const FILE: &str = "config/places.toml";
const BUNDLED_PLACES: &str = include_str!("../../../../config/places.toml");

/// Folded phrases that give a workplace field's value its meaning.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkplaceValues {
    pub remote_or_office: Vec<String>,
    pub hybrid: Vec<String>,
    pub onsite: Vec<String>,
    pub remote: Vec<String>,
    pub yes: Vec<String>,
    pub no: Vec<String>,
}

/// Folded words of a location text that mark its workplace.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocationWords {
    pub remote: Vec<String>,
    pub hybrid: Vec<String>,
    pub onsite: Vec<String>,
}

/// The inhabited continents, for "a list of every continent means worldwide".
pub const CONTINENTS: &[&str] = &[
    "africa",
    "asia",
    "europe",
    "north_america",
    "south_america",
    "oceania",
];

/// What a folded place name means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A country, by ISO alpha-2 code.
    Country(&'static str),
    /// A US state, Canadian province or Australian state, by the country holding it.
    Subdivision(&'static str),
    /// A city, by the country holding it.
    City(&'static str),
}

impl Place {
    pub fn country(self) -> &'static str {
        match self {
            Place::Country(code) | Place::Subdivision(code) | Place::City(code) => code,
        }
    }
}

/// What a phrase names besides single places.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Area {
    Region(Region),
    Countries(Vec<&'static str>),
    Worldwide,
}

/// One entry of `[areas]`.
#[derive(Debug, Clone)]
pub struct AreaPhrase {
    pub area: Area,
    pub capitals_only: bool,
    /// The continent the phrase names, for the worldwide rule.
    pub continent: Option<&'static str>,
}

/// The loaded, checked tables.
#[derive(Debug)]
pub struct Gazetteer {
    countries: Vec<(&'static str, &'static [&'static str])>,
    places: HashMap<String, Place>,
    /// Every city name, including those a country or state of the same name shadows.
    cities: HashMap<String, &'static str>,
    /// Folded alias → folded canonical name, for telling one city named twice.
    city_aliases: HashMap<String, String>,
    areas: HashMap<String, AreaPhrase>,
    longest_words: usize,
    us_states: BTreeSet<&'static str>,
    canadian_provinces: BTreeSet<&'static str>,
    australian_states: BTreeSet<&'static str>,
    region_members: BTreeMap<Region, BTreeSet<&'static str>>,
    region_continents: BTreeMap<Region, Vec<&'static str>>,
    pub(crate) workplace_fields: Vec<String>,
    pub(crate) place_fields: Vec<String>,
    pub(crate) workplace_values: WorkplaceValues,
    pub(crate) location_words: LocationWords,
}

impl Gazetteer {
    /// Every country, code then names (the English name first), sorted by code.
    pub fn countries(&self) -> &[(&'static str, &'static [&'static str])] {
        &self.countries
    }

    /// The country code `code` as the table's own `&'static str`, if it is one.
    pub fn code(&self, code: &str) -> Option<&'static str> {
        self.countries
            .binary_search_by(|(known, _)| (*known).cmp(code))
            .ok()
            .map(|index| self.countries[index].0)
    }

    /// The place a folded name (see [`place_key`]) means, if any.
    pub fn lookup(&self, key: &str) -> Option<Place> {
        self.places.get(key).copied()
    }

    /// The country of the city a folded name means, even when a country or state of the same
    /// name shadows it ("singapore", "new york").
    pub fn city(&self, key: &str) -> Option<&'static str> {
        self.cities.get(key).copied()
    }

    /// One folded name per city: the canonical name of an alias, else the name itself.
    pub fn canonical_city(&self, key: &str) -> String {
        self.city_aliases
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_owned())
    }

    /// The area a folded phrase names, if any.
    pub fn area(&self, key: &str) -> Option<&AreaPhrase> {
        self.areas.get(key)
    }

    /// The longest place or area name in words, so readers know how far to look ahead.
    pub fn longest_words(&self) -> usize {
        self.longest_words
    }

    pub fn is_country_code(&self, code: &str) -> bool {
        self.countries
            .binary_search_by(|(known, _)| (*known).cmp(code))
            .is_ok()
    }

    pub fn is_us_state_code(&self, code: &str) -> bool {
        self.us_states.contains(code)
    }

    pub fn is_canadian_province_code(&self, code: &str) -> bool {
        self.canadian_provinces.contains(code)
    }

    pub fn is_australian_state_code(&self, code: &str) -> bool {
        self.australian_states.contains(code)
    }

    /// Whether `code` names a subdivision of `country` (a US state, a province, an Australian state).
    pub fn is_subdivision_of(&self, code: &str, country: &str) -> bool {
        match country {
            "US" => self.is_us_state_code(code),
            "CA" => self.is_canadian_province_code(code),
            "AU" => self.is_australian_state_code(code),
            _ => false,
        }
    }

    /// Whether `country` (upper-case ISO code) lies in `region`.
    pub fn region_contains(&self, region: Region, country: &str) -> bool {
        self.region_members
            .get(&region)
            .is_some_and(|members| members.contains(country))
    }

    /// The continents `region` covers whole.
    pub fn region_continents(&self, region: Region) -> &[&'static str] {
        self.region_continents
            .get(&region)
            .map_or(&[], |continents| continents.as_slice())
    }
}

static BUNDLED: LazyLock<Gazetteer> =
    LazyLock::new(|| match Gazetteer::from_toml(BUNDLED_PLACES) {
        Ok(gazetteer) => gazetteer,
        // Compiled in and parsed by a unit test, so this cannot happen in a tested build; failing
        // loudly beats reading every location with an empty gazetteer.
        Err(err) => panic!("config/places.toml does not parse: {err}"),
    });

/// The gazetteer shipped in `config/places.toml`, compiled into the binary.
pub fn bundled() -> &'static Gazetteer {
    &BUNDLED
}

/// Every region that holds `country` (ISO 3166-1 alpha-2, any case): what "I can work from DE"
/// must match besides DE itself. Kept here beside the table rather than on [`Region`], so the
/// domain types stay free of the data they are read with.
pub fn regions_containing(country: &str) -> Vec<Region> {
    let country = country.to_ascii_uppercase();
    Region::ALL
        .into_iter()
        .filter(|&region| bundled().region_contains(region, &country))
        .collect()
}

/// Whether someone living in `country` (ISO alpha-2, any case) may apply, as far as we know:
/// `Some(true)` for worldwide listings and for listings open to that country or a region holding
/// it, `None` when eligibility is unknown.
pub fn admits(eligibility: &Eligibility, country: &str) -> Option<bool> {
    match eligibility.scope {
        EligibilityScope::Unknown => None,
        EligibilityScope::Worldwide => Some(true),
        EligibilityScope::Restricted => Some(
            eligibility
                .countries
                .iter()
                .any(|c| c.eq_ignore_ascii_case(country))
                || regions_containing(country)
                    .iter()
                    .any(|region| eligibility.regions.contains(region)),
        ),
    }
}

/// Every country, ISO code then its names (the English name first), sorted by code.
pub static COUNTRIES: LazyLock<Vec<(&'static str, &'static [&'static str])>> =
    LazyLock::new(|| bundled().countries().to_vec());

/// Folds a place name for lookup: lower case, dots and apostrophes dropped, hyphens and runs of
/// whitespace made one space. "U.S.A." → "usa", "Port-au-Prince" → "port au prince".
pub fn place_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for c in name.chars() {
        match c {
            '.' | '\'' | '’' => {}
            c if c.is_alphanumeric() => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.extend(c.to_lowercase());
            }
            _ => pending_space = true,
        }
    }
    out
}

/// Folds a field name or value: lower case, every run of other characters one space, and a
/// leading code before a dash dropped ("3-Fully Remote" → "fully remote", "1-In Office" →
/// "in office").
pub fn fold_words(text: &str) -> String {
    let text = text.trim();
    let text = match text.split_once('-') {
        Some((code, rest))
            if !code.is_empty()
                && code.len() <= 4
                && code.chars().next().is_some_and(|c| c.is_ascii_digit())
                && code.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            rest
        }
        _ => text,
    };
    place_key(text)
}

/// Whether `code` (upper case) is an ISO 3166-1 alpha-2 code.
pub fn is_country_code(code: &str) -> bool {
    bundled().is_country_code(code)
}

/// The place a folded name means, in the bundled gazetteer.
pub fn lookup(key: &str) -> Option<Place> {
    bundled().lookup(key)
}

/// The English name of a country code, if it is one.
pub fn country_name(code: &str) -> Option<&'static str> {
    let countries = bundled().countries();
    countries
        .binary_search_by(|(known, _)| (*known).cmp(code))
        .ok()
        .and_then(|index| countries[index].1.first().copied())
}

/// The country codes of the flag emoji in `text` ("🇩🇪 Germany, 🇫🇷 France" → DE, FR), in order.
/// A flag is a pair of regional-indicator symbols spelling the code.
pub fn flag_codes(text: &str) -> Vec<String> {
    const REGIONAL_A: u32 = 0x1F1E6;
    let letter = |c: char| {
        let offset = u32::from(c).checked_sub(REGIONAL_A)?;
        (offset < 26).then(|| char::from(b'A' + offset as u8))
    };
    let mut codes = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(first) = letter(c)
            && let Some(second) = chars.peek().copied().and_then(letter)
        {
            chars.next();
            let code: String = [first, second].into_iter().collect();
            // "UK" is not a flag, but the GB one is; keep only real codes.
            if is_country_code(&code) {
                codes.push(code);
            }
        }
    }
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_hold_the_countries_people_expect() {
        assert_eq!(
            regions_containing("de"),
            vec![Region::Eu, Region::Europe, Region::Emea]
        );
        assert_eq!(regions_containing("GB"), vec![Region::Europe, Region::Emea]);
        assert_eq!(
            regions_containing("BR"),
            vec![Region::Latam, Region::Americas]
        );
        assert!(regions_containing("US").contains(&Region::NorthAmerica));
        assert!(regions_containing("in").contains(&Region::Apac));
        assert!(regions_containing("ZZ").is_empty());
    }

    #[test]
    fn eligibility_admits_by_country_and_region() {
        let mut eligibility = Eligibility::unknown();
        assert_eq!(admits(&eligibility, "DE"), None);
        eligibility.scope = EligibilityScope::Restricted;
        eligibility.regions = vec![Region::Eu];
        eligibility.countries = vec!["GB".into()];
        assert_eq!(admits(&eligibility, "DE"), Some(true));
        assert_eq!(admits(&eligibility, "gb"), Some(true));
        assert_eq!(admits(&eligibility, "US"), Some(false));
        eligibility.scope = EligibilityScope::Worldwide;
        assert_eq!(admits(&eligibility, "US"), Some(true));
    }

    #[test]
    fn names_and_aliases_fold_to_codes() {
        for (name, code) in [
            ("United States", "US"),
            ("U.S.A.", "US"),
            ("usa", "US"),
            ("UK", "GB"),
            ("England", "GB"),
            ("Deutschland", "DE"),
            ("The Netherlands", "NL"),
            ("Türkiye", "TR"),
            ("Côte d'Ivoire", "CI"),
            ("Bosnia and Herzegovina", "BA"),
            ("Bengaluru", "IN"),
            ("São Paulo", "BR"),
            ("Massachusetts", "US"),
            ("British Columbia", "CA"),
            ("Georgia", "US"),
            ("Queensland", "AU"),
            ("Western Australia", "AU"),
            ("CAN", "CA"),
        ] {
            assert_eq!(
                lookup(&place_key(name)).map(Place::country),
                Some(code),
                "{name}"
            );
        }
        assert_eq!(lookup(&place_key("Remote")), None);
        assert!(bundled().longest_words() >= 5);
    }

    #[test]
    fn flags_read_as_codes() {
        assert_eq!(
            flag_codes("🇦🇩 Andorra, 🇦🇱 Albania, 🇬🇧 UK"),
            vec!["AD", "AL", "GB"]
        );
        assert!(flag_codes("no flags").is_empty());
    }

    #[test]
    fn the_bundled_tables_are_complete() {
        let gazetteer = bundled();
        assert!(gazetteer.countries().len() >= 249);
        assert_eq!(country_name("DE"), Some("Germany"));
        assert!(gazetteer.is_us_state_code("CO") && gazetteer.is_country_code("CO"));
        assert!(gazetteer.is_canadian_province_code("BC"));
        assert!(gazetteer.is_australian_state_code("NSW"));
        assert!(gazetteer.region_contains(Region::Emea, "DE"));
        assert!(gazetteer.region_contains(Region::Apac, "NZ"));
        assert!(!gazetteer.region_contains(Region::Oceania, "IN"));
        assert_eq!(fold_words("3-Fully Remote"), "fully remote");
        assert_eq!(
            fold_words("3CF-Customer Facing Remote"),
            "customer facing remote"
        );
        assert_eq!(fold_words("Remote - US"), "remote us");
    }

    #[test]
    fn bad_entries_are_refused_by_name() {
        let good = BUNDLED_PLACES;
        let check = |text: String, needle: &str| {
            let err = Gazetteer::from_toml(&text).expect_err("must be refused");
            assert!(err.to_string().contains(needle), "{err}");
        };
        check(
            good.replacen("[cities]\n", "[cities]\nZZ = [\"Atlantis\"]\n", 1),
            "cities.ZZ",
        );
        check(
            good.replacen(
                "[areas]\n",
                "[areas]\n\"mars\" = { region = \"mars\" }\n",
                1,
            ),
            "mars",
        );
        check(
            good.replacen(
                "[regions.eu]\n",
                "[regions.eu]\nincludes = [\"narnia\"]\n",
                1,
            ),
            "narnia",
        );
        check(
            good.replacen("[regions.oceania]", "[regions.oceanic]", 1),
            "oceanic",
        );
    }
}
