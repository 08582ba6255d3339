//! [`Listing`]: one job as prepboard keeps it, and the normalised values it carries.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{ListingId, Seniority, SourceKind, TitleFamily};

/// One job, normalised. The store is its source of truth; the index and the web read copies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Listing {
    pub id: ListingId,
    pub source: SourceKind,
    /// The source's own id for the job (a Greenhouse post id, a Lever UUID, a WWR URL, …).
    pub source_job_id: String,
    /// The listing's page on its source: the link-back the source's terms ask for.
    pub source_url: String,
    /// Where to apply. For aggregator listings this is often the same as `source_url`.
    pub apply_url: Option<String>,
    pub title: String,
    pub company: Company,
    /// Sanitised HTML, safe to render as is.
    pub description_html: String,
    /// Plain text of the description, for indexing, snippets and matching.
    pub description_text: String,
    pub tags: Vec<String>,
    pub employment_type: EmploymentType,
    pub workplace: WorkplaceType,
    /// The location as the source gave it, untouched.
    pub location_text: String,
    pub eligibility: Eligibility,
    pub salary: Option<Salary>,
    pub seniority: Seniority,
    pub family: TitleFamily,
    pub skills: Vec<SkillMention>,
    pub posted_at: Option<DateTime<Utc>>,
    pub valid_through: Option<DateTime<Utc>>,
    /// When the payload this listing came from was fetched. For the bundled snapshot this is the
    /// capture date, not the day it was loaded.
    pub fetched_at: DateTime<Utc>,
    /// True for listings loaded from the bundled offline snapshot.
    pub from_snapshot: bool,
    /// The freshness ledger; kept by the store, so a freshly parsed listing carries a placeholder.
    pub freshness: Freshness,
    /// Every place this job was seen, the primary source first. Kept by the store: one job found on
    /// several sources is one listing with several sightings (its duplicate cluster), and a freshly
    /// parsed listing has none.
    #[serde(default)]
    pub sightings: Vec<Sighting>,
}

impl Listing {
    /// The canonical skill ids, most prominent first.
    pub fn skill_ids(&self) -> impl Iterator<Item = &str> {
        self.skills.iter().map(|mention| mention.skill.as_str())
    }

    pub fn is_open(&self) -> bool {
        self.freshness.closed_at.is_none()
    }
}

/// One source on which a listing was seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sighting {
    pub source: SourceKind,
    /// The configured source that saw it ("greenhouse:stripe", "wwr").
    pub source_name: String,
    pub source_job_id: String,
    /// The listing's page on that source (the link-back).
    pub url: String,
    pub first_seen: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
    /// Set once the source stopped listing it for N consecutive successful runs.
    pub closed_at: Option<DateTime<Utc>>,
    /// Why this sighting was merged into the listing ("same canonical URL", "same company and title"),
    /// `None` for the sighting that created it.
    pub merge_reason: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Company {
    pub name: String,
    /// The company's own site, when the source gives one.
    pub url: Option<String>,
    pub logo_url: Option<String>,
}

/// When prepboard first and last saw a listing, and when it decided the listing had closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Freshness {
    pub first_seen: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
}

impl Freshness {
    /// A listing seen for the first time at `now`.
    pub fn seen_once(now: DateTime<Utc>) -> Self {
        Freshness {
            first_seen: now,
            last_seen: now,
            closed_at: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmploymentType {
    FullTime,
    PartTime,
    Contract,
    Internship,
    Temporary,
    #[default]
    Unknown,
}

impl EmploymentType {
    pub const ALL: [EmploymentType; 6] = [
        EmploymentType::FullTime,
        EmploymentType::PartTime,
        EmploymentType::Contract,
        EmploymentType::Internship,
        EmploymentType::Temporary,
        EmploymentType::Unknown,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            EmploymentType::FullTime => "full_time",
            EmploymentType::PartTime => "part_time",
            EmploymentType::Contract => "contract",
            EmploymentType::Internship => "internship",
            EmploymentType::Temporary => "temporary",
            EmploymentType::Unknown => "unknown",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            EmploymentType::FullTime => "Full-time",
            EmploymentType::PartTime => "Part-time",
            EmploymentType::Contract => "Contract",
            EmploymentType::Internship => "Internship",
            EmploymentType::Temporary => "Temporary",
            EmploymentType::Unknown => "Not stated",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        EmploymentType::ALL.into_iter().find(|t| t.slug() == slug)
    }
}

impl std::str::FromStr for EmploymentType {
    type Err = crate::taxonomy::UnknownMember;
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        crate::taxonomy::member_by_slug(
            "employment type",
            value,
            &EmploymentType::ALL,
            EmploymentType::slug,
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkplaceType {
    Remote,
    /// Remote, or in one of the company's offices, as the candidate prefers.
    RemoteOrOffice,
    Hybrid,
    Onsite,
    #[default]
    Unknown,
}

impl WorkplaceType {
    pub const ALL: [WorkplaceType; 5] = [
        WorkplaceType::Remote,
        WorkplaceType::RemoteOrOffice,
        WorkplaceType::Hybrid,
        WorkplaceType::Onsite,
        WorkplaceType::Unknown,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            WorkplaceType::Remote => "remote",
            WorkplaceType::RemoteOrOffice => "remote-or-office",
            WorkplaceType::Hybrid => "hybrid",
            WorkplaceType::Onsite => "onsite",
            WorkplaceType::Unknown => "unknown",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            WorkplaceType::Remote => "Remote",
            WorkplaceType::RemoteOrOffice => "Remote or office",
            WorkplaceType::Hybrid => "Hybrid",
            WorkplaceType::Onsite => "On-site",
            WorkplaceType::Unknown => "Not stated",
        }
    }

    /// True for the jobs a remote board shows by default: fully remote, or remote at the
    /// candidate's choice.
    pub fn is_remote_first(self) -> bool {
        matches!(self, WorkplaceType::Remote | WorkplaceType::RemoteOrOffice)
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        WorkplaceType::ALL.into_iter().find(|t| t.slug() == slug)
    }
}

impl std::str::FromStr for WorkplaceType {
    type Err = crate::taxonomy::UnknownMember;
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        crate::taxonomy::member_by_slug(
            "workplace type",
            value,
            &WorkplaceType::ALL,
            WorkplaceType::slug,
        )
    }
}

/// A salary as published, plus its yearly amount in US dollars for filtering and sorting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Salary {
    /// Lower bound in `currency` per `period`. `min <= max` whenever both are set.
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// ISO 4217 code, when known.
    pub currency: Option<String>,
    pub period: SalaryPeriod,
    /// The text it was read from, kept verbatim for display ("$80k - $100k", "Competitive").
    pub text: String,
    pub origin: SalaryOrigin,
    /// `min` converted to a yearly amount in whole US dollars, using the dated rate table in config.
    pub yearly_usd_min: Option<u64>,
    pub yearly_usd_max: Option<u64>,
}

impl Salary {
    /// True when the text named an amount (not just "Competitive" or "Negotiable").
    pub fn has_amount(&self) -> bool {
        self.min.is_some() || self.max.is_some()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SalaryPeriod {
    Hour,
    Day,
    Week,
    Month,
    #[default]
    Year,
}

impl SalaryPeriod {
    /// How many of this period make a working year (2,080 hours, 260 days, 52 weeks, 12 months).
    pub fn per_year(self) -> f64 {
        match self {
            SalaryPeriod::Hour => 2080.0,
            SalaryPeriod::Day => 260.0,
            SalaryPeriod::Week => 52.0,
            SalaryPeriod::Month => 12.0,
            SalaryPeriod::Year => 1.0,
        }
    }
}

/// Where a salary was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SalaryOrigin {
    /// A structured field of the source (Lever's salaryRange, Ashby's Salary component, JSON-LD baseSalary…).
    Structured,
    /// A free-text salary field of the source (Remotive's `salary`).
    SalaryText,
    /// A sentence of the description.
    Description,
}

/// Where a candidate may live to be hired. `Unknown` is a real answer, kept as such, never guessed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Eligibility {
    pub scope: EligibilityScope,
    /// ISO 3166-1 alpha-2 codes, upper case, sorted, for `Restricted`.
    pub countries: Vec<String>,
    /// Regions, sorted, for `Restricted`.
    pub regions: Vec<Region>,
    /// Working-hours band, when the listing names one ("UTC-3 to UTC+3").
    pub utc_band: Option<UtcBand>,
    /// The text this was read from (a location field or a description sentence).
    pub evidence: Option<String>,
    pub confidence: Confidence,
    /// Where the job's offices are ("San Francisco", "Seattle"), for office, hybrid and
    /// remote-or-office jobs; empty for fully remote ones and when no office is named. For an
    /// office job these are what the badge shows, never the countries alone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offices: Vec<String>,
    /// What decided the listing's workplace type, and how sure that reading is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workplace_evidence: Option<WorkplaceEvidence>,
}

/// The signal a workplace type was read from: a structured field ("Workplace Type: Hybrid"), the
/// board ("We Work Remotely lists only remote jobs"), the location text or a description sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkplaceEvidence {
    pub text: String,
    pub confidence: Confidence,
}

impl Eligibility {
    pub fn unknown() -> Self {
        Eligibility {
            scope: EligibilityScope::Unknown,
            countries: Vec::new(),
            regions: Vec::new(),
            utc_band: None,
            evidence: None,
            confidence: Confidence::Low,
            offices: Vec::new(),
            workplace_evidence: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EligibilityScope {
    Worldwide,
    Restricted,
    Unknown,
}

/// How sure the reader of a location is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Inferred from loose wording.
    Low,
    /// Read from a free-text location field or a clear sentence.
    Medium,
    /// Read from a structured field (a country code, applicantLocationRequirements, a region element).
    High,
}

/// A band of UTC offsets, in minutes east of UTC, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UtcBand {
    pub min_offset_minutes: i16,
    pub max_offset_minutes: i16,
}

impl UtcBand {
    pub fn contains(&self, offset_minutes: i16) -> bool {
        (self.min_offset_minutes..=self.max_offset_minutes).contains(&offset_minutes)
    }
}

/// A skill a listing asks for, with how prominently it asks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillMention {
    /// Canonical skill id from `config/skills.toml` ("kafka", "go", "postgresql").
    pub skill: String,
    /// How many times the listing names it (title, tags and description together).
    pub mentions: u32,
    /// The most prominent place it was named.
    pub place: SkillPlace,
}

/// Where a skill was named, most prominent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkillPlace {
    Title,
    /// Tags or a requirements list.
    Requirements,
    Body,
}

/// A region a listing may be open to. Membership is by ISO country code ([`Region::contains`]),
/// as listed in `config/places.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    /// The European Union's member states.
    Eu,
    /// Geographic Europe, including the UK, EFTA and the Balkans.
    Europe,
    /// Europe, the Middle East and Africa.
    Emea,
    /// The United States and Canada (and Mexico, as usually meant).
    NorthAmerica,
    /// Latin America: Mexico, Central and South America, the Spanish- and Portuguese-speaking Caribbean.
    Latam,
    /// North and South America.
    Americas,
    /// Asia and the Pacific, Oceania included.
    Apac,
    Africa,
    MiddleEast,
    /// Australia, New Zealand and the Pacific islands (UN M49 "Oceania").
    Oceania,
}

impl Region {
    pub const ALL: [Region; 10] = [
        Region::Eu,
        Region::Europe,
        Region::Emea,
        Region::NorthAmerica,
        Region::Latam,
        Region::Americas,
        Region::Apac,
        Region::Africa,
        Region::MiddleEast,
        Region::Oceania,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Region::Eu => "eu",
            Region::Europe => "europe",
            Region::Emea => "emea",
            Region::NorthAmerica => "north_america",
            Region::Latam => "latam",
            Region::Americas => "americas",
            Region::Apac => "apac",
            Region::Africa => "africa",
            Region::MiddleEast => "middle_east",
            Region::Oceania => "oceania",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Region::Eu => "EU",
            Region::Europe => "Europe",
            Region::Emea => "EMEA",
            Region::NorthAmerica => "North America",
            Region::Latam => "LATAM",
            Region::Americas => "Americas",
            Region::Apac => "APAC",
            Region::Africa => "Africa",
            Region::MiddleEast => "Middle East",
            Region::Oceania => "Oceania",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Region::ALL.into_iter().find(|r| r.slug() == slug)
    }
}
