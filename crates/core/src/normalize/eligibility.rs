//! Eligibility: where a candidate may live to be hired, read from structured place fields, the
//! location text, then description sentences, with the text it came from and a confidence.
//!
//! Places are read by [`super::place_scan`] over the tables of `config/places.toml`. An office or
//! hybrid job's eligibility is its offices' countries (a candidate must live within reach of one);
//! a remote-or-office job's is every place its location names.
//!
//! Description sentences count only when they speak about where people work or live ("must reside
//! in", "open to candidates in", "only", "time zone", …), so "customers worldwide" or "offices in
//! 30 countries" say nothing. A UTC band ("UTC-3 to UTC+3", "GMT±2") is read from all three.
//! Nothing found gives [`EligibilityScope::Unknown`], never a guess.

use std::sync::LazyLock;

use regex::Regex;

pub use super::place_scan::{PlaceReading, TextKind, read_places};
use super::salary::sentences;
use super::utc_band::utc_band;
use crate::{Confidence, Eligibility, EligibilityScope};

/// The eligibility a reading of places gives, with its evidence.
pub(crate) fn eligibility_of(
    reading: PlaceReading,
    evidence: &str,
    confidence: Confidence,
) -> Eligibility {
    let restricted = !reading.countries.is_empty() || !reading.regions.is_empty();
    Eligibility {
        scope: if restricted {
            EligibilityScope::Restricted
        } else if reading.worldwide {
            EligibilityScope::Worldwide
        } else {
            EligibilityScope::Unknown
        },
        countries: reading.countries.into_iter().collect(),
        regions: reading.regions.into_iter().collect(),
        utc_band: None,
        evidence: Some(shorten(evidence)),
        confidence,
        offices: Vec::new(),
        workplace_evidence: None,
    }
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
    let reading = read_places(&structured, TextKind::Structured);
    if !reading.is_empty() {
        eligibility = eligibility_of(reading, &structured, Confidence::High);
    } else {
        let reading = read_places(location_text, TextKind::Field);
        if !reading.is_empty() {
            eligibility = eligibility_of(reading, location_text.trim(), Confidence::Medium);
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
        r"(?i)\b(?:reside|resides|residing|resident|residents|residency|live|lives|living|located|location|locations|based|candidates?|applicants?|hire|hiring|hires|employ|eligible|eligibility|authori[sz]ed to work|work authori[sz]ation|right to work|work from|working from|open to|only|remote|remotely|countries|country|time ?zones?|citizens?|permit|anywhere in the world|(?:job|role|position) is (?:at|in)|you(?:'ll|’ll| will) be (?:in|at|working (?:in|at|from)))\b",
    )
    .unwrap()
});
static STRONG_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:must|required|requires|need to|needs to|only|exclusively|eligible|reside|residing|resident|residents|authori[sz]ed to work|right to work|open to|are hiring|we hire|can hire|able to hire|can employ|anywhere in the world)\b",
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
        return Some(eligibility_of(reading, sentence.trim(), confidence));
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
