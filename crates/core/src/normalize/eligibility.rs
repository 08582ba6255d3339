//! Eligibility: where a candidate may live to be hired, read from structured place fields, the
//! location text, then description sentences, with the text it came from and a confidence.
//!
//! Places are read by a longest-match scan over the words of a text: flag emoji, country names and
//! aliases, US states and Canadian provinces, tech-hub cities, region names ("EMEA", "LATAM",
//! "Europe", "Nordics") and worldwide phrases ("Anywhere in the World"). Short names ("US", "UK",
//! "EU", "NYC") count only in capitals, so "join us" is not the United States, and bare two-letter
//! country codes count only in location fields, never in prose ("IT" is a department there).
//!
//! Description sentences count only when they speak about where people work or live ("must reside
//! in", "open to candidates in", "only", "time zone", …), so "customers worldwide" or "offices in
//! 30 countries" say nothing. A UTC band ("UTC-3 to UTC+3", "GMT±2") is read from all three.
//! Nothing found gives [`EligibilityScope::Unknown`], never a guess.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use super::countries::{self, Place};
use super::salary::sentences;
use crate::{Confidence, Eligibility, EligibilityScope, Region, UtcBand};

/// The places a text names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlaceReading {
    pub countries: BTreeSet<String>,
    pub regions: BTreeSet<Region>,
    pub worldwide: bool,
}

impl PlaceReading {
    pub fn is_empty(&self) -> bool {
        self.countries.is_empty() && self.regions.is_empty() && !self.worldwide
    }

    fn into_eligibility(self, evidence: &str, confidence: Confidence) -> Eligibility {
        let restricted = !self.countries.is_empty() || !self.regions.is_empty();
        Eligibility {
            scope: if restricted {
                EligibilityScope::Restricted
            } else if self.worldwide {
                EligibilityScope::Worldwide
            } else {
                EligibilityScope::Unknown
            },
            countries: self.countries.into_iter().collect(),
            regions: self.regions.into_iter().collect(),
            utc_band: None,
            evidence: Some(shorten(evidence)),
            confidence,
        }
    }
}

/// Where a text comes from, which decides how freely it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// A location or place field: bare country codes ("DE") count.
    Field,
    /// A description sentence: only names and the capitalised short forms US, UK, EU, USA count.
    Prose,
}

/// The eligibility of a listing from its structured places, its location text and its description.
pub fn read_eligibility(
    structured_places: &[String],
    location_text: &str,
    description_text: &str,
) -> Eligibility {
    let structured = structured_places
        .iter()
        .map(|place| place.trim())
        .filter(|place| !place.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let mut eligibility = Eligibility::unknown();
    let reading = read_places(&structured, TextKind::Field);
    if !reading.is_empty() {
        eligibility = reading.into_eligibility(&structured, Confidence::High);
    } else {
        let reading = read_places(location_text, TextKind::Field);
        if !reading.is_empty() {
            eligibility = reading.into_eligibility(location_text.trim(), Confidence::Medium);
        } else if let Some(found) = from_description(description_text) {
            eligibility = found;
        }
    }
    let band_of = |text: &str| {
        TIME_ZONE_CUE
            .is_match(text)
            .then(|| utc_band(text))
            .flatten()
    };
    eligibility.utc_band = band_of(&structured)
        .or_else(|| band_of(location_text))
        .or_else(|| {
            description_sentences(description_text)
                .filter(|sentence| TIME_ZONE_CUE.is_match(sentence))
                .find_map(utc_band)
        });
    if eligibility.evidence.is_none() && eligibility.utc_band.is_some() {
        eligibility.evidence = description_sentences(description_text)
            .find(|sentence| TIME_ZONE_CUE.is_match(sentence) && utc_band(sentence).is_some())
            .or(Some(location_text).filter(|text| band_of(text).is_some()))
            .map(shorten);
    }
    eligibility
}

fn description_sentences(text: &str) -> impl Iterator<Item = &str> {
    text.lines().flat_map(sentences)
}

static HIRING_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:reside|resides|residing|resident|residents|residency|live|lives|living|located|location|locations|based|candidates?|applicants?|hire|hiring|hires|eligible|eligibility|authori[sz]ed to work|work authori[sz]ation|work from|working from|open to|only|remote|remotely|countries|country|time ?zones?|citizens?|permit|anywhere in the world)\b",
    )
    .unwrap()
});
static STRONG_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:must|required|requires|need to|needs to|only|exclusively|eligible|reside|residing|resident|residents|authori[sz]ed to work|open to|are hiring|we hire|can hire|able to hire|anywhere in the world)\b",
    )
    .unwrap()
});
static TIME_ZONE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:UTC|GMT|time ?zones?|hours|overlap|working day)").unwrap()
});

/// A clause about where the company sits ("we're located in Tampa", "our headquarters located in
/// Denmark", "this team is based in Europe"), which says nothing about where candidates may live.
static COMPANY_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:we(?:'re|’re| are)|(?:our|the|this) (?:headquarters|hq|offices?|company|team|teams|engineering team)(?: (?:is|are))?)\s+(?:currently\s+|primarily\s+|mostly\s+)?(?:located|based|headquartered)\b|\bheadquartered in\b|\boffices in\b",
    )
    .unwrap()
});
static CLAUSE_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\s*(?:;|,?\s+but\s+|,?\s+however\s+|,\s+(?:so\s+)?we(?:'re|’re| are)\s+looking\b)\s*",
    )
    .unwrap()
});

/// The parts of a sentence that may speak about candidates: company-location clauses dropped.
fn candidate_clauses(sentence: &str) -> String {
    let mut kept = Vec::new();
    let mut rest = sentence;
    while let Some(found) = CLAUSE_BREAK.find(rest) {
        kept.push(&rest[..found.start()]);
        rest = &rest[found.end()..];
    }
    kept.push(rest);
    kept.into_iter()
        .filter(|clause| !COMPANY_CLAUSE.is_match(clause))
        .collect::<Vec<_>>()
        .join("; ")
}

fn from_description(text: &str) -> Option<Eligibility> {
    for sentence in description_sentences(text) {
        if sentence.len() > 600 || !HIRING_CUE.is_match(sentence) {
            continue;
        }
        let clauses = candidate_clauses(sentence);
        let reading = read_places(&clauses, TextKind::Prose);
        if reading.is_empty() {
            continue;
        }
        let confidence = if STRONG_CUE.is_match(sentence) {
            Confidence::Medium
        } else {
            Confidence::Low
        };
        return Some(reading.into_eligibility(sentence.trim(), confidence));
    }
    None
}

fn shorten(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() > 300 {
        text.chars().take(300).collect::<String>() + "…"
    } else {
        text.to_owned()
    }
}

/// What a phrase names besides single places.
#[derive(Debug, Clone, Copy)]
enum Area {
    Region(Region),
    Countries(&'static [&'static str]),
    Worldwide,
}

const NORDICS: &[&str] = &["DK", "FI", "IS", "NO", "SE"];
const SCANDINAVIA: &[&str] = &["DK", "NO", "SE"];
const DACH: &[&str] = &["AT", "CH", "DE"];
const BENELUX: &[&str] = &["BE", "LU", "NL"];
const BALTICS: &[&str] = &["EE", "LT", "LV"];
const OCEANIA: &[&str] = &["AU", "FJ", "NZ", "PG"];
const ANZ: &[&str] = &["AU", "NZ"];

/// Region and worldwide phrases, folded like place keys. Checked before places, so
/// "North America" is a region and not "north" + the US.
const AREAS: &[(&str, Area)] = &[
    ("eu", Area::Region(Region::Eu)),
    ("european union", Area::Region(Region::Eu)),
    ("eu member states", Area::Region(Region::Eu)),
    ("europe", Area::Region(Region::Europe)),
    ("european", Area::Region(Region::Europe)),
    ("eastern europe", Area::Region(Region::Europe)),
    ("western europe", Area::Region(Region::Europe)),
    ("central europe", Area::Region(Region::Europe)),
    ("northern europe", Area::Region(Region::Europe)),
    ("southern europe", Area::Region(Region::Europe)),
    ("cee", Area::Region(Region::Europe)),
    ("emea", Area::Region(Region::Emea)),
    ("latam", Area::Region(Region::Latam)),
    ("latin america", Area::Region(Region::Latam)),
    ("south america", Area::Region(Region::Latam)),
    ("central america", Area::Region(Region::Latam)),
    ("north america", Area::Region(Region::NorthAmerica)),
    ("americas", Area::Region(Region::Americas)),
    ("amer", Area::Region(Region::Americas)),
    ("apac", Area::Region(Region::Apac)),
    ("apj", Area::Region(Region::Apac)),
    ("asia pacific", Area::Region(Region::Apac)),
    ("asia", Area::Region(Region::Apac)),
    ("southeast asia", Area::Region(Region::Apac)),
    ("africa", Area::Region(Region::Africa)),
    ("african", Area::Region(Region::Africa)),
    ("middle east", Area::Region(Region::MiddleEast)),
    ("mena", Area::Region(Region::MiddleEast)),
    ("nordics", Area::Countries(NORDICS)),
    ("nordic countries", Area::Countries(NORDICS)),
    ("nordic", Area::Countries(NORDICS)),
    ("scandinavia", Area::Countries(SCANDINAVIA)),
    ("dach", Area::Countries(DACH)),
    ("benelux", Area::Countries(BENELUX)),
    ("baltics", Area::Countries(BALTICS)),
    ("baltic states", Area::Countries(BALTICS)),
    ("oceania", Area::Countries(OCEANIA)),
    ("anz", Area::Countries(ANZ)),
    ("anywhere", Area::Worldwide),
    ("anywhere in the world", Area::Worldwide),
    ("worldwide", Area::Worldwide),
    ("world wide", Area::Worldwide),
    ("global", Area::Worldwide),
    ("globally", Area::Worldwide),
    ("any country", Area::Worldwide),
    ("any location", Area::Worldwide),
    ("all countries", Area::Worldwide),
    ("location independent", Area::Worldwide),
    ("international", Area::Worldwide),
];

/// Short region names that count only in capitals ("EU", not "eu" in a word soup).
const CAPITALS_ONLY: &[&str] = &[
    "eu", "cee", "emea", "latam", "amer", "apac", "apj", "mena", "anz", "dach",
];

fn area(key: &str) -> Option<Area> {
    AREAS
        .iter()
        .find(|(phrase, _)| *phrase == key)
        .map(|(_, area)| *area)
}

/// A word of the text with its original spelling.
struct Word<'a> {
    text: &'a str,
    key: String,
}

fn words(text: &str) -> Vec<Word<'_>> {
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '.' | '\'' | '’')))
        .map(|word| word.trim_matches(|c| matches!(c, '.' | '\'' | '’')))
        .filter(|word| !word.is_empty())
        .map(|word| Word {
            text: word,
            key: countries::place_key(word),
        })
        .filter(|word| !word.key.is_empty())
        .collect()
}

fn is_capitalised_short(word: &str) -> bool {
    word.chars().all(|c| c.is_uppercase() || c == '.')
}

/// The places `text` names.
pub fn read_places(text: &str, kind: TextKind) -> PlaceReading {
    let mut reading = PlaceReading::default();
    for code in countries::flag_codes(text) {
        reading.countries.insert(code);
    }
    let words = words(text);
    let longest = (*countries::LONGEST_PLACE_WORDS).max(4);
    let mut index = 0;
    // The last place read, so "Troy, MI" and "Berlin, DE" read their trailing code right.
    let mut previous: Option<Place> = None;
    let mut previous_unknown_word = false;
    while index < words.len() {
        let mut matched = 0;
        for length in (1..=longest.min(words.len() - index)).rev() {
            let phrase = &words[index..index + length];
            let key = phrase
                .iter()
                .map(|word| word.key.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let short = length == 1 && key.chars().count() <= 3;
            if short && !is_capitalised_short(phrase[0].text) {
                continue;
            }
            if let Some(area) = area(&key) {
                if length == 1
                    && CAPITALS_ONLY.contains(&key.as_str())
                    && !is_capitalised_short(phrase[0].text)
                {
                    continue;
                }
                match area {
                    Area::Region(region) => {
                        reading.regions.insert(region);
                    }
                    Area::Countries(codes) => {
                        reading
                            .countries
                            .extend(codes.iter().map(|c| (*c).to_owned()));
                    }
                    Area::Worldwide => reading.worldwide = true,
                }
                matched = length;
                previous = None;
                break;
            }
            if length == 1
                && key.len() == 2
                && let Some(place) =
                    two_letter_code(phrase[0].text, kind, previous, previous_unknown_word)
            {
                if let Some(place) = place {
                    reading.countries.insert(place.country().to_owned());
                }
                matched = 1;
                break;
            }
            if let Some(place) = countries::lookup(&key) {
                reading.countries.insert(place.country().to_owned());
                previous = Some(place);
                matched = length;
                break;
            }
        }
        if matched == 0 {
            previous_unknown_word = !IGNORED_WORDS.contains(&words[index].key.as_str());
            if previous_unknown_word {
                previous = None;
            }
            index += 1;
        } else {
            previous_unknown_word = false;
            index += matched;
        }
    }
    reading
}

/// Words that neither name a place nor break a "City, ST" pair.
const IGNORED_WORDS: &[&str] = &[
    "remote", "only", "hybrid", "the", "in", "or", "and", "based",
];

/// A capitalised two-letter word: a US state after a city ("Troy, MI"), a Canadian province after
/// one, or, in location fields only, an ISO country code. `Some(None)` means "understood, no place"
/// (a state code after a foreign city), `None` means "not a code here".
fn two_letter_code(
    word: &str,
    kind: TextKind,
    previous: Option<Place>,
    previous_unknown_word: bool,
) -> Option<Option<Place>> {
    if !is_capitalised_short(word) {
        return None;
    }
    let code = word.to_ascii_uppercase();
    // "UK" and "US" are names (in the country table) as much as codes; let the lookup take them.
    if matches!(code.as_str(), "UK" | "US" | "EU") {
        return None;
    }
    let after_city = matches!(previous, Some(Place::City(_)) | Some(Place::Subdivision(_)))
        || previous_unknown_word;
    if after_city {
        match previous {
            Some(Place::City(country)) if country != "US" && country != "CA" => {
                // "Berlin, DE": the code repeats the city's country.
                return Some(countries::is_country_code(&code).then_some(Place::Country(country)));
            }
            Some(Place::City("CA")) if countries::is_canadian_province_code(&code) => {
                return Some(Some(Place::Subdivision("CA")));
            }
            _ => {}
        }
        if countries::is_us_state_code(&code) {
            return Some(Some(Place::Subdivision("US")));
        }
        if countries::is_canadian_province_code(&code) {
            return Some(Some(Place::Subdivision("CA")));
        }
    }
    if kind == TextKind::Field && countries::is_country_code(&code) {
        return COUNTRY_CODE_PLACES
            .iter()
            .find(|(known, _)| *known == code)
            .map(|(_, place)| Some(*place));
    }
    None
}

static COUNTRY_CODE_PLACES: LazyLock<Vec<(&'static str, Place)>> = LazyLock::new(|| {
    countries::COUNTRIES
        .iter()
        .map(|(code, _)| (*code, Place::Country(code)))
        .collect()
});

static OFFSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?P<zone>UTC|GMT)\s*(?P<pm>\+/-|±|\+-)?\s*(?P<sign>[+\-−–])?\s*(?P<hours>\d{1,2})?(?::?(?P<minutes>[03]0))?\b",
    )
    .unwrap()
});
static PLUS_MINUS_HOURS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\+/-|±|\+-|plus or minus|within)\s*(?P<hours>\d{1,2})\s*(?:hours?|hrs?|h)\b",
    )
    .unwrap()
});

static NAMED_ZONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:EST|EDT|ET|CST|CDT|CT|MST|MDT|MT|PST|PDT|PT|CET|CEST|EET|EEST|WET|WEST|BST|AEST|AEDT|IST|BRT|ART)\b|\b(?:Eastern|Central|Mountain|Pacific) (?:Standard )?[Tt]ime\b|\bLondon time\b",
    )
    .unwrap()
});

/// Standard-time offsets, in minutes, of the zone abbreviations job posts use. "IST" is read as
/// India's, which is what remote postings mean far more often than Ireland's or Israel's.
fn named_zone_offset(zone: &str) -> Option<i16> {
    let hours = match zone.split(' ').next().unwrap_or(zone) {
        "EST" | "EDT" | "ET" | "Eastern" => -5,
        "CST" | "CDT" | "CT" | "Central" => -6,
        "MST" | "MDT" | "MT" | "Mountain" => -7,
        "PST" | "PDT" | "PT" | "Pacific" => -8,
        "WET" | "WEST" | "BST" | "London" => 0,
        "CET" | "CEST" => 1,
        "EET" | "EEST" => 2,
        "AEST" | "AEDT" => 10,
        "BRT" | "ART" => -3,
        "IST" => return Some(330),
        _ => return None,
    };
    Some(hours * 60)
}

/// The UTC band a text names: two offsets make a band ("UTC-3 to UTC+3"), "UTC±2" is -2..+2, one
/// offset with "±N hours" is that offset plus or minus N, and one offset alone is itself.
pub fn utc_band(text: &str) -> Option<UtcBand> {
    let mut offsets: Vec<i16> = Vec::new();
    let mut symmetric: Option<i16> = None;
    for captures in OFFSET.captures_iter(text) {
        let hours: i16 = match captures.name("hours") {
            Some(hours) => hours.as_str().parse().ok()?,
            None => 0,
        };
        if hours > 14 {
            continue;
        }
        let minutes: i16 = captures
            .name("minutes")
            .and_then(|m| m.as_str().parse().ok())
            .unwrap_or(0);
        let magnitude = hours * 60 + minutes;
        if captures.name("pm").is_some() {
            symmetric = Some(magnitude);
            continue;
        }
        let negative = captures
            .name("sign")
            .is_some_and(|sign| matches!(sign.as_str(), "-" | "−" | "–"));
        offsets.push(if negative { -magnitude } else { magnitude });
    }
    if offsets.is_empty() && symmetric.is_none() {
        offsets = NAMED_ZONE
            .find_iter(text)
            .filter_map(|zone| named_zone_offset(zone.as_str()))
            .collect();
    }
    if let Some(width) = symmetric
        && offsets.is_empty()
    {
        return Some(UtcBand {
            min_offset_minutes: -width,
            max_offset_minutes: width,
        });
    }
    let (&first, rest) = offsets.split_first()?;
    if rest.is_empty() {
        let width = PLUS_MINUS_HOURS
            .captures(text)
            .and_then(|c| c.name("hours")?.as_str().parse::<i16>().ok())
            .filter(|hours| *hours <= 12)
            .map_or(0, |hours| hours * 60);
        return Some(UtcBand {
            min_offset_minutes: (first - width).max(-12 * 60),
            max_offset_minutes: (first + width).min(14 * 60),
        });
    }
    let min = offsets.iter().copied().min().unwrap_or(first);
    let max = offsets.iter().copied().max().unwrap_or(first);
    Some(UtcBand {
        min_offset_minutes: min,
        max_offset_minutes: max,
    })
}
