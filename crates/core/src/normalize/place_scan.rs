//! The place scanner: which countries, regions and cities a text names, by a longest-match scan
//! over its words against the gazetteer (`config/places.toml`, see [`super::countries`]).
//!
//! Flag emoji, country names and aliases, US states, Canadian provinces, Australian states,
//! cities, region phrases ("EMEA", "Northern America", "Western Europe") and worldwide phrases
//! are read. Short names ("US", "UK", "EU", "NYC") count only in capitals. Two-letter codes are
//! read by context, as the rules in `places.toml` state: after a city, after a state code, alone.
//! A set of areas covering every inhabited continent reads as worldwide.

use std::collections::BTreeSet;

use super::countries::{self, Area, Gazetteer, Place};
use crate::Region;

/// Where a text comes from, which decides how freely it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// A structured place field whose codes are ISO 3166-1 codes (Lever's `country`, JSON-LD
    /// `addressCountry`): a lone "DE" is Germany.
    Structured,
    /// A location text: a lone code is a US state when it is one ("Remote - CO"), else a country.
    Field,
    /// A description sentence: only names and codes after a city count.
    Prose,
}

/// A city a text names, as written, with its country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CityMention {
    pub name: String,
    pub country: &'static str,
    /// The folded canonical name ("bengaluru" for "Bangalore"), to tell one city named twice.
    pub canonical: String,
}

/// The places a text names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlaceReading {
    pub countries: BTreeSet<String>,
    pub regions: BTreeSet<Region>,
    pub worldwide: bool,
    /// Cities, in the order named.
    pub cities: Vec<CityMention>,
    /// Whether a US state, province or Australian state was named (not only a country).
    pub subdivision: bool,
}

impl PlaceReading {
    pub fn is_empty(&self) -> bool {
        self.countries.is_empty() && self.regions.is_empty() && !self.worldwide
    }

    /// Adds what `other` names.
    pub fn extend(&mut self, other: PlaceReading) {
        self.countries.extend(other.countries);
        self.regions.extend(other.regions);
        self.worldwide |= other.worldwide;
        self.cities.extend(other.cities);
        self.subdivision |= other.subdivision;
    }
}

/// A word of the text with its original spelling, and whether a list separator (",", "/", "&",
/// "+", ";") stands between it and the word before.
struct Word<'a> {
    text: &'a str,
    key: String,
    after_separator: bool,
    /// The word is all a parenthesis holds: "(PT)".
    parenthesised: bool,
    /// A hyphen joins the word to a next one that is no place suffix: "IN-PERSON", "CO-founder"
    /// (not "US-based").
    hyphen_joined: bool,
    /// Another word follows with nothing between but spaces: "OR" in "London OR Remote".
    runs_on: bool,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut words: Vec<Word<'_>> = Vec::new();
    let mut last_end = 0;
    for word in text
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '.' | '\'' | '’')))
        .map(|word| word.trim_matches(|c| matches!(c, '.' | '\'' | '’')))
        .filter(|word| !word.is_empty())
    {
        let key = countries::place_key(word);
        if key.is_empty() {
            continue;
        }
        let start = word.as_ptr() as usize - text.as_ptr() as usize;
        // "CA$115k", "A$90k", "NZ$": a code before a dollar sign names the currency.
        if text[start + word.len()..].starts_with('$') {
            last_end = start + word.len();
            continue;
        }
        let gap = text.get(last_end..start).unwrap_or("");
        last_end = start + word.len();
        let after = text.get(last_end..).unwrap_or("");
        words.push(Word {
            text: word,
            key,
            after_separator: gap.contains([',', '/', '&', '+', ';']),
            parenthesised: gap.trim_end().ends_with('(') && after.trim_start().starts_with(')'),
            hyphen_joined: after.strip_prefix('-').is_some_and(|rest| {
                let next: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
                !next.is_empty() && !PLACE_SUFFIXES.contains(&next.to_lowercase().as_str())
            }),
            runs_on: after.starts_with(' ')
                && after.trim_start().starts_with(char::is_alphanumeric),
        });
    }
    words
}

fn is_capitalised_short(word: &str) -> bool {
    word.chars().all(|c| c.is_uppercase() || c == '.')
}

/// Words a place is joined to by a hyphen and stays a place: "US-based", "EU-only", "NY-based".
/// Joined to any other word a code is part of that word ("IN-PERSON", "CO-founder").
const PLACE_SUFFIXES: &[&str] = &[
    "based",
    "only",
    "wide",
    "first",
    "friendly",
    "centric",
    "located",
    "remote",
    "resident",
    "residents",
];

/// Country and state codes that are also English words, read as codes only where they stand as
/// codes: after a comma, or with no word after them ("Portland, OR", "Remote - IN").
const WORD_CODES: &[&str] = &[
    "AM", "AS", "AT", "BE", "BY", "DO", "HI", "ID", "IN", "IS", "ME", "MY", "NO", "OH", "OK", "ON",
    "OR", "SO", "TO",
];

/// Words that neither name a place nor break a "City, ST" pair.
const IGNORED_WORDS: &[&str] = &[
    "remote", "only", "hybrid", "the", "in", "or", "and", "based", "office", "home",
];

/// What the scan last read, for reading the code after it.
#[derive(Debug, Clone, Copy)]
enum Previous {
    Nothing,
    /// A word the gazetteer does not know (an unlisted town: "Wheat Ridge, CO").
    UnknownWord,
    /// A city, with whether its country was new to the reading (so a code can correct it).
    City {
        country: &'static str,
        added_country: bool,
    },
    Subdivision(&'static str),
    /// A country name or code ("US" in "US, CA": a code listed after it is a country too).
    Country,
}

struct Scan<'g> {
    gazetteer: &'g Gazetteer,
    reading: PlaceReading,
    continents: BTreeSet<&'static str>,
}

impl Scan<'_> {
    fn add_country(&mut self, code: &str) -> bool {
        self.reading.countries.insert(code.to_owned())
    }

    fn add_area(&mut self, phrase: &countries::AreaPhrase) {
        match &phrase.area {
            Area::Region(region) => {
                self.reading.regions.insert(*region);
                self.continents
                    .extend(self.gazetteer.region_continents(*region).iter().copied());
            }
            Area::Countries(codes) => {
                for code in codes {
                    self.add_country(code);
                }
            }
            Area::Worldwide => self.reading.worldwide = true,
        }
        self.continents.extend(phrase.continent);
    }

    /// A code after a city repeats or refines it; a wrong guess at the city's country (a city
    /// name two countries share) is corrected by the code ("Birmingham, AL").
    fn code_after_city(
        &mut self,
        code: &str,
        country: &'static str,
        added: bool,
        may_correct: bool,
    ) -> Option<Place> {
        if code == country {
            return Some(Place::Country(country));
        }
        if self.gazetteer.is_subdivision_of(code, country) {
            return Some(Place::Subdivision(country));
        }
        if !may_correct {
            return None;
        }
        let other = self.subdivision_country(code)?;
        if added {
            self.reading.countries.remove(country);
        }
        if let Some(city) = self.reading.cities.last_mut() {
            city.country = other;
        }
        Some(Place::Subdivision(other))
    }

    /// The country a subdivision code belongs to: a US state first, then a Canadian province,
    /// then an Australian state.
    fn subdivision_country(&self, code: &str) -> Option<&'static str> {
        ["US", "CA", "AU"]
            .into_iter()
            .find(|country| self.gazetteer.is_subdivision_of(code, country))
            .and_then(|country| self.gazetteer.code(country))
    }
}

/// The places `text` names, read with the bundled gazetteer.
pub fn read_places(text: &str, kind: TextKind) -> PlaceReading {
    read_places_with(countries::bundled(), text, kind)
}

/// The places `text` names.
pub fn read_places_with(gazetteer: &Gazetteer, text: &str, kind: TextKind) -> PlaceReading {
    let mut scan = Scan {
        gazetteer,
        reading: PlaceReading::default(),
        continents: BTreeSet::new(),
    };
    for code in countries::flag_codes(text) {
        scan.add_country(&code);
    }
    let words = words(text);
    let longest = gazetteer.longest_words().max(4);
    let mut index = 0;
    let mut previous = Previous::Nothing;
    while index < words.len() {
        let mut matched = 0;
        for length in (1..=longest.min(words.len() - index)).rev() {
            let phrase = &words[index..index + length];
            let key = phrase
                .iter()
                .map(|word| word.key.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let single = length == 1;
            let short = single && key.chars().count() <= 3;
            if short && !is_capitalised_short(phrase[0].text) {
                continue;
            }
            if let Some(area) = gazetteer.area(&key) {
                if single && area.capitals_only && !is_capitalised_short(phrase[0].text) {
                    continue;
                }
                let area = area.clone();
                scan.add_area(&area);
                matched = length;
                previous = Previous::Nothing;
                break;
            }
            // "Remote CA (PT)", "Denver, CO (MT)": a time zone in parentheses after a place
            // says when the team works, not another country.
            if single
                && phrase[0].parenthesised
                && matches!(previous, Previous::City { .. } | Previous::Subdivision(_))
                && super::utc_band::named_zone_offset(phrase[0].text).is_some()
            {
                matched = 1;
                break;
            }
            // "IN-PERSON", "CO-founder": a code glued to a word is part of that word.
            if single && phrase[0].hyphen_joined && is_capitalised_short(phrase[0].text) {
                break;
            }
            if single
                && (2..=3).contains(&key.len())
                && let Some(place) = code(&mut scan, &phrase[0], kind, previous)
            {
                if let Some(place) = place {
                    scan.add_country(place.country());
                    if let Place::Subdivision(country) = place {
                        scan.reading.subdivision = true;
                        previous = Previous::Subdivision(country);
                    } else {
                        previous = Previous::Country;
                    }
                }
                matched = 1;
                break;
            }
            if let Some(mut place) = gazetteer.lookup(&key) {
                let end_of_phrase = {
                    let last = phrase[length - 1].text;
                    last.as_ptr() as usize - text.as_ptr() as usize + last.len()
                };
                // A state named like its city, with a comma after it ("New York, NY"), is the
                // city; a city-state ("Singapore") is a city as well as a country.
                let comma_follows = text[end_of_phrase..].trim_start().starts_with(',');
                let city_state =
                    matches!(place, Place::Country(code) if gazetteer.city(&key) == Some(code));
                match (place, gazetteer.city(&key)) {
                    (Place::Subdivision(state), Some(country))
                        if comma_follows && state == country =>
                    {
                        place = Place::City(country);
                    }
                    (Place::Country(code), _) if city_state => place = Place::City(code),
                    _ => {}
                }
                let added = scan.add_country(place.country());
                previous = match place {
                    Place::City(country) => {
                        let start = phrase[0].text.as_ptr() as usize - text.as_ptr() as usize;
                        let last = phrase[length - 1].text;
                        let end = last.as_ptr() as usize - text.as_ptr() as usize + last.len();
                        scan.reading.cities.push(CityMention {
                            name: text[start..end].to_owned(),
                            country,
                            canonical: gazetteer.canonical_city(&key),
                        });
                        Previous::City {
                            country,
                            added_country: added,
                        }
                    }
                    Place::Subdivision(country) => {
                        scan.reading.subdivision = true;
                        Previous::Subdivision(country)
                    }
                    Place::Country(_) => Previous::Country,
                };
                matched = length;
                break;
            }
        }
        if matched == 0 {
            if !IGNORED_WORDS.contains(&words[index].key.as_str()) {
                previous = Previous::UnknownWord;
            }
            index += 1;
        } else {
            index += matched;
        }
    }
    let mut reading = scan.reading;
    if countries::CONTINENTS
        .iter()
        .all(|continent| scan.continents.contains(continent))
    {
        // "Americas, EMEA, APAC" or every continent by name: the whole world.
        reading.worldwide = true;
        reading.regions.clear();
        reading.countries.clear();
    }
    reading
}

/// A capitalised two- or three-letter word read as a code, by what came before it (the rules of
/// `places.toml`). `Some(None)` means "understood, no place" (a code repeating what was read),
/// `None` means "not a code here".
fn code(
    scan: &mut Scan<'_>,
    word: &Word<'_>,
    kind: TextKind,
    previous: Previous,
) -> Option<Option<Place>> {
    let (after_separator, runs_on) = (word.after_separator, word.runs_on);
    let word = word.text;
    if !is_capitalised_short(word) {
        return None;
    }
    let code = word.to_ascii_uppercase();
    // "London OR Remote", "IN PERSON": a code that is an English word, with another word after
    // it, is that word.
    if runs_on && !after_separator && WORD_CODES.contains(&code.as_str()) {
        return None;
    }
    // "UK", "US", "EU" and three-letter aliases ("USA", "CAN") are names in the tables.
    if scan
        .gazetteer
        .lookup(&countries::place_key(&code))
        .is_some()
        || scan.gazetteer.area(&countries::place_key(&code)).is_some()
    {
        return None;
    }
    let gazetteer = scan.gazetteer;
    match previous {
        Previous::City {
            country,
            added_country,
        } => {
            // A code moves a city to another country only when it stands as a code, after a
            // comma or with no word after it ("Birmingham, AL", "Portland OR"): in "London OR
            // Remote" the capitals are the conjunction.
            let stands_as_code = after_separator || !runs_on;
            if let Some(place) = scan.code_after_city(&code, country, added_country, stands_as_code)
            {
                return Some(Some(place));
            }
            // "Berlin, XY": a code that means nothing here after a city is dropped; "London NY
            // and …" reads the code by itself, below.
            if stands_as_code {
                return gazetteer.is_country_code(&code).then_some(None);
            }
        }
        Previous::Subdivision(country) => {
            if code == country || gazetteer.is_subdivision_of(&code, country) {
                return Some(Some(Place::Subdivision(country)));
            }
            // "Denver, CO, US" reads US as a name; "…, XX, DE" names the country after a state.
            if gazetteer.is_country_code(&code) && code.len() == 2 {
                return Some(gazetteer.code(&code).map(Place::Country));
            }
        }
        Previous::UnknownWord => {
            if let Some(country) = scan.subdivision_country(&code) {
                return Some(Some(Place::Subdivision(country)));
            }
            // "Careforce AI", "a VC-backed": a code glued to a word by a space is part of a name.
            if !after_separator {
                return None;
            }
        }
        // "US, CA", "US/CA": a code listed after a country is a country ("US IL" is not a list).
        Previous::Country if after_separator => {
            if let Some(country) = gazetteer.code(&code) {
                return Some(Some(Place::Country(country)));
            }
        }
        Previous::Country | Previous::Nothing => {}
    }
    if kind != TextKind::Prose && gazetteer.is_australian_state_code(&code) && code.len() == 3 {
        return gazetteer.code("AU").map(|au| Some(Place::Subdivision(au)));
    }
    if code.len() != 2 {
        return None;
    }
    match kind {
        TextKind::Structured => gazetteer
            .code(&code)
            .map(|country| Some(Place::Country(country))),
        TextKind::Field => {
            if gazetteer.is_us_state_code(&code) {
                return gazetteer.code("US").map(|us| Some(Place::Subdivision(us)));
            }
            if gazetteer.is_canadian_province_code(&code) && !gazetteer.is_country_code(&code) {
                return gazetteer.code("CA").map(|ca| Some(Place::Subdivision(ca)));
            }
            gazetteer
                .code(&code)
                .map(|country| Some(Place::Country(country)))
        }
        TextKind::Prose => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn countries_of(text: &str, kind: TextKind) -> Vec<String> {
        read_places(text, kind).countries.into_iter().collect()
    }

    #[test]
    fn codes_that_are_words_count_only_where_they_stand_as_codes() {
        // A code glued to a word by a hyphen is part of it; a place suffix keeps the place.
        assert_eq!(
            countries_of("Singapore | IN-PERSON", TextKind::Field),
            ["SG"]
        );
        assert_eq!(
            countries_of("CO-founder | Remote", TextKind::Field),
            Vec::<String>::new()
        );
        assert_eq!(countries_of("US-based / Remote", TextKind::Field), ["US"]);
        assert_eq!(countries_of("NY-based, hybrid", TextKind::Field), ["US"]);
        // An English word in capitals with another word after it is the word.
        assert_eq!(
            countries_of("London OR Remote (UK)", TextKind::Field),
            ["GB"]
        );
        assert_eq!(countries_of("Portland, OR", TextKind::Field), ["US"]);
        assert_eq!(countries_of("Remote - IN", TextKind::Field), ["US"]);
        // A state code after another country's city, with more words after it, is a place of its
        // own rather than a correction of the city.
        assert_eq!(countries_of("NY and London", TextKind::Field), ["GB", "US"]);
        assert_eq!(
            countries_of("London NY and Paris", TextKind::Field),
            ["FR", "GB", "US"]
        );
        assert_eq!(countries_of("Birmingham, AL", TextKind::Field), ["US"]);
    }

    #[test]
    fn us_states_that_are_country_codes_read_as_states() {
        for text in [
            "Remote - CO",
            "Denver, CO, US",
            "Atlanta, GA",
            "Wheat Ridge, CO",
            "Remote - IN",
            "Boise, ID",
            "Remote, PA",
            "Springfield, IL",
            "US IL - Remote",
        ] {
            assert_eq!(countries_of(text, TextKind::Field), ["US"], "{text}");
        }
        // In a structured ISO field the code is the country.
        assert_eq!(countries_of("CO", TextKind::Structured), ["CO"]);
    }

    #[test]
    fn a_time_zone_in_parentheses_after_a_place_is_no_country() {
        for text in [
            "San Francisco, CA & Remote CA (PT)",
            "Denver, CO (MT)",
            "New York, NY (ET)",
        ] {
            assert_eq!(countries_of(text, TextKind::Field), ["US"], "{text}");
        }
        // Alone, or as a list item, the code is still a country.
        assert_eq!(countries_of("Lisbon (PT)", TextKind::Field), ["PT"]);
        assert_eq!(
            countries_of("Remote - ES, PT", TextKind::Field),
            ["ES", "PT"]
        );
    }

    #[test]
    fn country_codes_after_provinces_read_as_countries() {
        for (text, expected) in [
            ("Vancouver, BC, CA", "CA"),
            ("Kelowna, BC", "CA"),
            ("Oakville, ON", "CA"),
            ("Toronto, Ontario, CAN - Remote", "CA"),
            ("Perth, WA", "AU"),
            ("Sydney, NSW", "AU"),
            ("Toronto, CA", "CA"),
            ("Berlin, DE", "DE"),
            ("Birmingham, AL", "US"),
        ] {
            assert_eq!(countries_of(text, TextKind::Field), [expected], "{text}");
        }
    }

    #[test]
    fn every_inhabited_continent_means_worldwide() {
        for text in [
            "Africa, Asia, Europe, North America, South America, Oceania",
            "Home Based - Americas; Home Based - APAC; Home based - EMEA",
        ] {
            let reading = read_places(text, TextKind::Field);
            assert!(reading.worldwide, "{text}");
            assert!(
                reading.regions.is_empty() && reading.countries.is_empty(),
                "{text}"
            );
        }
        let two = read_places("Europe, Asia", TextKind::Field);
        assert!(!two.worldwide);
    }

    #[test]
    fn un_m49_names_are_regions_or_their_countries() {
        let regions = |text: &str| -> Vec<Region> {
            read_places(text, TextKind::Field)
                .regions
                .into_iter()
                .collect()
        };
        assert_eq!(regions("Remote - Northern America"), [Region::NorthAmerica]);
        assert_eq!(regions("Latin America and the Caribbean"), [Region::Latam]);
        assert_eq!(regions("Oceania"), [Region::Oceania]);
        assert!(read_places("Oceania", TextKind::Field).countries.is_empty());
        assert_eq!(
            countries_of("Western Europe", TextKind::Field),
            ["AT", "BE", "CH", "DE", "FR", "LI", "LU", "MC", "NL"]
        );
        assert_eq!(
            countries_of("Southern Asia", TextKind::Field),
            ["AF", "BD", "BT", "IN", "IR", "LK", "MV", "NP", "PK"]
        );
    }

    #[test]
    fn cities_are_kept_as_written() {
        let reading = read_places("San Francisco, CA; Seattle, WA", TextKind::Field);
        let names: Vec<&str> = reading.cities.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["San Francisco", "Seattle"]);
    }
}
