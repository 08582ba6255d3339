//! Normalisation: turns a [`RawListing`] into a [`Listing`] with sanitised HTML, a plain-text body,
//! a title family and seniority, a salary, an eligibility, a workplace type and skills.
//!
//! [`Normalizer`] holds the three taxonomies (`config/titles.toml`, `config/skills.toml`,
//! `config/rates.toml`) after they were parsed and checked; it is built once per process
//! ([`Normalizer::bundled`]) and shared. Every function here is pure and total: whatever a source
//! sends, `normalize` returns a listing or a [`RejectedListing`] saying why it cannot be one, and
//! never panics.
//!
//! - [`html`]: entity decoding, the ammonia allow-list, plain text, per-source boilerplate.
//! - [`title`]: title → [`TitleFamily`] and [`Seniority`] by the rules in `titles.toml`.
//! - [`salary`]: structured salary, salary text, or a description sentence → [`Salary`].
//! - [`eligibility`]: structured places, the location text, description sentences → [`Eligibility`].
//! - [`workplace`]: the source's workplace fields, the board, the location text, the description →
//!   [`WorkplaceType`](crate::WorkplaceType) and the offices, with evidence; employment type.
//! - [`badge`]: the "who can apply" badge text, offices first for office jobs.
//! - [`skills`]: `skills.toml` aliases → [`SkillMention`]s, most prominent first.
//! - [`countries`]: the gazetteer of `config/places.toml` (countries, states, provinces, cities,
//!   regions, workplace words); [`place_scan`] reads the places a text names with it.
//! - [`utc_band`]: working-hours bands ("UTC-3 to UTC+3").
//! - [`url`]: the one rule for links (absolute http and https only), at normalisation and again
//!   wherever stored data is shown.

pub mod badge;
pub mod countries;
pub mod currencies;
pub mod eligibility;
pub mod html;
pub mod place_scan;
pub mod rates;
pub mod salary;
pub mod salary_text;
pub mod skills;
pub mod title;
pub mod url;
pub mod utc_band;
pub mod workplace;

use std::sync::LazyLock;

use crate::{Freshness, Listing, ListingId, RawListing, Seniority, SkillMention, TitleFamily};

pub use self::url::{DroppedUrl, RejectedListing, UnusableUrl, UrlField};
pub use rates::RateTable;
pub use skills::{Skill, SkillTaxonomy};
pub use title::TitleRules;

/// One listing as normalisation made it, with the URLs it dropped on the way (for warnings).
#[derive(Debug, Clone, PartialEq)]
pub struct Normalized {
    pub listing: Listing,
    /// Optional URLs (apply, company site, logo) that were not http(s) URLs and were left out.
    pub dropped_urls: Vec<DroppedUrl>,
}

/// A taxonomy file that cannot be used. Each variant names the file and the offending entry, so a bad
/// edit to `config/` fails at start with the reason.
#[derive(Debug, thiserror::Error)]
pub enum TaxonomyError {
    /// The file is not valid TOML or does not have the expected shape.
    #[error("{file}: {source}")]
    Toml {
        file: &'static str,
        #[source]
        source: toml::de::Error,
    },
    /// An entry names a family or seniority level that is not a member of the closed set.
    #[error("{file}: {reason}")]
    UnknownMember {
        file: &'static str,
        reason: crate::taxonomy::UnknownMember,
    },
    /// A member of a closed set has no entry, so nothing documents it or can classify into it.
    #[error("{file}: `{member}` has no entry; every {set} must be documented")]
    MissingMember {
        file: &'static str,
        set: &'static str,
        member: &'static str,
    },
    /// The same family, level, skill id or currency appears twice.
    #[error("{file}: `{name}` is defined twice")]
    Duplicate { file: &'static str, name: String },
    /// An entry is present but unusable (an empty alias, a rate that is not a positive number, …).
    #[error("{file}: `{name}`: {reason}")]
    Invalid {
        file: &'static str,
        name: String,
        reason: String,
    },
}

/// The normaliser: the parsed taxonomies plus the classifiers built from them. `Send + Sync`, cheap
/// to share by reference; build it once per process.
#[derive(Debug)]
pub struct Normalizer {
    titles: TitleRules,
    skills: SkillTaxonomy,
    rates: RateTable,
}

const BUNDLED_TITLES: &str = include_str!("../../../../config/titles.toml");
const BUNDLED_SKILLS: &str = include_str!("../../../../config/skills.toml");
const BUNDLED_RATES: &str = include_str!("../../../../config/rates.toml");

static BUNDLED: LazyLock<Normalizer> = LazyLock::new(|| {
    match Normalizer::from_toml(BUNDLED_TITLES, BUNDLED_SKILLS, BUNDLED_RATES) {
        Ok(normalizer) => normalizer,
        // The bundled files are compiled in and a unit test parses them, so this cannot happen in a
        // tested build; failing loudly beats classifying every listing with an empty taxonomy.
        Err(err) => panic!("the bundled taxonomies in config/ do not parse: {err}"),
    }
});

impl Normalizer {
    /// From the texts of `config/titles.toml`, `config/skills.toml` and `config/rates.toml`.
    pub fn from_toml(titles: &str, skills: &str, rates: &str) -> Result<Self, TaxonomyError> {
        Ok(Normalizer {
            titles: TitleRules::from_toml(titles)?,
            skills: SkillTaxonomy::from_toml(skills)?,
            rates: RateTable::from_toml(rates)?,
        })
    }

    /// The taxonomies shipped in `config/`, compiled into the binary.
    pub fn bundled() -> &'static Normalizer {
        &BUNDLED
    }

    pub fn skills(&self) -> &SkillTaxonomy {
        &self.skills
    }

    pub fn rates(&self) -> &RateTable {
        &self.rates
    }

    pub fn titles(&self) -> &TitleRules {
        &self.titles
    }

    pub fn classify_title(&self, title: &str) -> (TitleFamily, Seniority) {
        self.titles.classify(title)
    }

    /// Normalises one listing. The freshness ledger is a placeholder (`seen_once(fetched_at)`) and
    /// sightings are empty: the store owns both.
    ///
    /// Every URL is kept only if it is an absolute http(s) URL ([`url::http_url`]); the others are
    /// left out and noted in [`Normalized::dropped_urls`]. A listing whose link-back (`source_url`)
    /// is not one is rejected: nothing could link back to its source.
    pub fn normalize(&self, raw: RawListing) -> Result<Normalized, RejectedListing> {
        let source_url = url::link_back(raw.source, &raw.source_job_id, &raw.source_url)?;
        let title = html::collapse_whitespace(&html::decode_entities_in_text(&raw.title));
        let decoded = html::decode_if_still_escaped(&raw.description_html);
        let header = html::wwr_header_facts(raw.source, &decoded);
        let without_boilerplate = html::strip_boilerplate(raw.source, &decoded);
        let description_html = html::sanitize(&without_boilerplate);
        let blocks = html::blocks(&description_html);
        let description_text = html::blocks_to_text(&blocks);

        let (family, seniority) = self.titles.classify(&title);
        let salary = salary::read_salary(
            &self.rates,
            raw.structured_salary.as_ref(),
            raw.salary_text.as_deref(),
            &description_text,
        );
        let (workplace, eligibility) = workplace::read_location(&workplace::PlaceSignals {
            board: workplace::Board::of(raw.source),
            board_name: raw.source.display_name(),
            source_workplace: raw.workplace,
            fields: &raw.place_fields,
            structured_places: &raw.structured_places,
            location_text: &raw.location_text,
            title: &title,
            description_text: &description_text,
        });
        let employment_type = workplace::employment_type(raw.employment_type, &title);
        let skills: Vec<SkillMention> = self.skills.mentions(&skills::SkillSources {
            source: raw.source,
            title: &title,
            tags: &raw.tags,
            structured_skills: &raw.structured_skills,
            blocks: &blocks,
        });

        let mut company = raw.company;
        company.name = html::collapse_whitespace(&html::decode_entities_in_text(&company.name));
        if company.url.is_none() {
            company.url = header.company_url;
        }
        let mut apply_url = raw.apply_url;
        let mut dropped_urls = Vec::new();
        url::keep(&mut apply_url, UrlField::ApplyUrl, &mut dropped_urls);
        url::keep(&mut company.url, UrlField::CompanyUrl, &mut dropped_urls);
        url::keep(
            &mut company.logo_url,
            UrlField::CompanyLogo,
            &mut dropped_urls,
        );
        let tags = raw
            .tags
            .iter()
            .map(|tag| html::collapse_whitespace(tag))
            .filter(|tag| !tag.is_empty())
            .collect();

        let listing = Listing {
            id: ListingId::derive(raw.source, &raw.source_job_id),
            source: raw.source,
            source_job_id: raw.source_job_id,
            source_url,
            apply_url,
            title,
            company,
            description_html,
            description_text,
            tags,
            employment_type,
            workplace,
            location_text: raw.location_text,
            eligibility,
            salary,
            seniority,
            family,
            skills,
            posted_at: raw.posted_at,
            valid_through: raw.valid_through,
            fetched_at: raw.fetched_at,
            from_snapshot: false,
            freshness: Freshness::seen_once(raw.fetched_at),
            sightings: Vec::new(),
        };
        Ok(Normalized {
            listing,
            dropped_urls,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_taxonomies_parse_and_document_every_member() {
        let normalizer = Normalizer::bundled();
        for family in TitleFamily::ALL {
            assert!(
                !normalizer.titles().family_description(*family).is_empty(),
                "{family} is undocumented"
            );
        }
        for level in Seniority::ALL {
            assert!(
                !normalizer.titles().seniority_description(*level).is_empty(),
                "{level} is undocumented"
            );
        }
        assert!(normalizer.skills().all().len() >= 60);
        assert_eq!(normalizer.rates().as_of().to_string(), "2026-11-01");
    }
}
