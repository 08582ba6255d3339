//! [`Labels`]: the words for values that the parameter table cannot spell by itself: skill ids
//! (from the skill taxonomy) and country codes.

use std::collections::HashMap;

use prepboard_core::normalize::countries::COUNTRIES;

/// Skill id → label, borrowed from the site's state.
#[derive(Debug, Clone, Copy)]
pub struct Labels<'a> {
    pub(crate) skills: &'a HashMap<String, String>,
}

impl<'a> Labels<'a> {
    pub fn new(skills: &'a HashMap<String, String>) -> Labels<'a> {
        Labels { skills }
    }

    /// The label of a skill id, or the id itself for a skill the taxonomy does not know.
    pub fn skill<'b>(&self, id: &'b str) -> &'b str
    where
        'a: 'b,
    {
        self.skills.get(id).map(String::as_str).unwrap_or(id)
    }
}

/// The name of an ISO 3166-1 alpha-2 code.
pub(crate) fn country_name(code: &str) -> Option<&'static str> {
    COUNTRIES
        .iter()
        .find(|(known, _)| *known == code)
        .and_then(|(_, names)| names.first().copied())
}

/// Every country with a name, by name: sorted once.
pub(crate) static COUNTRIES_BY_NAME: std::sync::LazyLock<Vec<(&'static str, &'static str)>> =
    std::sync::LazyLock::new(|| {
        let mut countries: Vec<(&str, &str)> = COUNTRIES
            .iter()
            .filter_map(|(code, names)| names.first().map(|name| (*code, *name)))
            .collect();
        countries.sort_by(|a, b| a.1.cmp(b.1));
        countries
    });
