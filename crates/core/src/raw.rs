//! [`RawListing`]: what a source parser read, before normalisation.
//!
//! Parsers map each source's own shape onto this one, keeping the facts as the source stated them;
//! `normalize` then classifies, sanitises and converts. Keeping the two apart means every parser
//! stays a small mapping, and every classifier is tested once for all sources.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Company, EmploymentType, SalaryPeriod, SourceKind, WorkplaceType};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawListing {
    pub source: SourceKind,
    pub source_job_id: String,
    pub source_url: String,
    pub apply_url: Option<String>,
    pub title: String,
    pub company: Company,
    /// The description as HTML, with any entity-escaping of the transport already undone once,
    /// but not yet sanitised.
    pub description_html: String,
    pub tags: Vec<String>,
    pub employment_type: EmploymentType,
    /// `Unknown` unless the source has a field that says.
    pub workplace: WorkplaceType,
    /// The location as given ("Remote, Bangalore", "Anywhere in the World").
    pub location_text: String,
    /// Places named by a structured field: country codes or names, region names
    /// (Lever's `country`, WWR's `country` and `region`, JSON-LD applicantLocationRequirements).
    pub structured_places: Vec<String>,
    pub structured_salary: Option<StructuredSalary>,
    /// A free-text salary field ("$80k - $100k"), when the source has one.
    pub salary_text: Option<String>,
    /// Skills a structured field names (WWR's `skills`), already split.
    pub structured_skills: Vec<String>,
    /// The source's structured fields about where the job is done, handed over as the source
    /// named them; `normalize::workplace` decides what they mean.
    #[serde(default)]
    pub place_fields: PlaceFields,
    pub posted_at: Option<DateTime<Utc>>,
    pub valid_through: Option<DateTime<Utc>>,
    pub fetched_at: DateTime<Utc>,
}

/// A salary from a structured field of the source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StructuredSalary {
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub currency: Option<String>,
    pub period: SalaryPeriod,
    /// A display text, when the source has one ("€110K - €185K"); otherwise the normaliser writes one.
    pub text: Option<String>,
}

/// Structured fields about the workplace and the job's places, as the source gave them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PlaceFields {
    /// Named fields: Greenhouse custom metadata ("Workplace Type" = "Hybrid", "Job Posting
    /// Location" = "Austin, US"), Lever and Ashby `workplaceType`, Ashby `isRemote`, JSON-LD
    /// `jobLocationType`. Values are text ("true" for a yes/no field); a multi-select has several.
    pub fields: Vec<SourceField>,
    /// The offices the source attaches to the job (Greenhouse `offices[].name` and `location`).
    pub offices: Vec<String>,
}

impl PlaceFields {
    /// One field with one value.
    pub fn field(name: &str, value: &str) -> SourceField {
        SourceField {
            name: name.to_owned(),
            values: vec![value.to_owned()],
        }
    }
}

/// One structured field of a source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceField {
    pub name: String,
    pub values: Vec<String>,
}
