//! Where a piece of a post points: the one place the reader asks core's place tables.
//!
//! The reader needs to tell a location field from a role field, an office city ("Austin, TX",
//! "NYC") from a country a remote hire may live in ("US/Canada"), and the countries of a post
//! for a salary written without a currency. Core owns the tables; this module only asks them.

use std::collections::BTreeSet;

use prepboard_core::normalize::countries::{self, Place};
use prepboard_core::normalize::eligibility::{self, TextKind};

use super::vocab::vocab;

/// Whether `text` names any place: a country, region, state, city or "worldwide".
pub(crate) fn names_place(text: &str) -> bool {
    !eligibility::read_places(text, TextKind::Field).is_empty()
}

/// `text` without the country codes that stand for acronyms in a post ("AI", "ML", "CV";
/// config/hn.toml `acronym_codes`), so a field "AI | Remote (US)" names the US alone.
pub(crate) fn without_acronym_codes(text: &str) -> String {
    vocab().acronym_codes.replace_all(text, " ").into_owned()
}

/// Whether `text` names a place as running prose does: names, and codes only after a city or a
/// state ("Remote (US)", "Toronto", "Austin, TX"), never a bare code ("AI", "CI/CD", "MD").
pub(crate) fn names_place_in_prose(text: &str) -> bool {
    !eligibility::read_places(text, TextKind::Prose).is_empty()
}

/// The countries `text` names (ISO codes), regions aside.
pub(crate) fn countries(text: &str) -> BTreeSet<String> {
    eligibility::read_places(&without_acronym_codes(text), TextKind::Field).countries
}

/// Whether `text` names a city or a state or province: an office, not just a country a remote
/// hire may live in. "City, ST" with a US state or Canadian province code counts too.
pub(crate) fn names_office_place(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '\''))
        .filter(|word| !word.is_empty())
        .collect();
    for length in (1..=3).rev() {
        for window in words.windows(length) {
            let phrase = window.join(" ");
            let key = countries::place_key(&phrase);
            // Short keys are codes and abbreviations: only in capitals ("SF", "NYC", "TX").
            let short = length == 1 && phrase.chars().count() <= 3;
            if short && !phrase.chars().all(|c| c.is_ascii_uppercase()) {
                continue;
            }
            // "Canada OK": a code that is also a word counts only after a city (below).
            if length == 1 && vocab().word_codes.iter().any(|code| code == &phrase) {
                continue;
            }
            if matches!(
                countries::lookup(&key),
                Some(Place::City(_) | Place::Subdivision(_))
            ) {
                return true;
            }
        }
    }
    // "Boston, MA", "Austin TX", "Waterloo, ON".
    words.windows(2).any(|pair| {
        let code = pair[1];
        // "Canada OK" is not Oklahoma; "Tulsa, OK" is.
        if vocab().word_codes.iter().any(|word| word == code)
            && !text.contains(&format!("{}, {code}", pair[0]))
        {
            return false;
        }
        code.len() == 2
            && code.chars().all(|c| c.is_ascii_uppercase())
            && pair[0].chars().next().is_some_and(char::is_uppercase)
            && (countries::bundled().is_us_state_code(code)
                || countries::bundled().is_canadian_province_code(code))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offices_are_cities_and_states_not_countries() {
        for office in [
            "San Francisco",
            "NYC or REMOTE",
            "Boston, MA",
            "Austin TX",
            "Toronto (In-office)",
            "SF / NYC / DC",
        ] {
            assert!(names_office_place(office), "{office}");
        }
        for not_office in [
            "US/Canada",
            "Remote (US)",
            "Europe",
            "Full-time",
            "REMOTE (Global)",
        ] {
            assert!(!names_office_place(not_office), "{not_office}");
        }
        // Codes that are words name an office only after a city.
        assert!(!names_office_place("Remote (US time zones, Canada OK)"));
        assert!(names_office_place("Tulsa, OK"));
        assert!(names_place("Remote (Europe)"));
        assert!(!names_place("Full-time"));
        assert!(countries("Bilbao, Spain").contains("ES"));
    }
}
