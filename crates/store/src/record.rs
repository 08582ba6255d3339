//! The stored form of a listing (the `listings.body` column) and its change hash.
//!
//! The domain type [`Listing`] is free to change; what is on disk is not. So the body is a
//! [`ListingRecord`]: the store's own structs, with field names fixed here, tagged with a format
//! version, and converted to and from the domain by hand. Renaming a domain field changes only the
//! conversion; adding one means a default for rows that lack it (or a new version with an upgrade
//! step in [`decode`]).
//!
//! The change hash (`listings.content_hash`) is computed over an explicit list of the fields a
//! person sees ([`content_hash`]), not over serialised output, so a field added for bookkeeping does
//! not mark every stored listing as changed. When that list changes, [`CONTENT_HASH_VERSION`] goes up
//! and [`crate::Store::open`] recomputes the stored hashes once, so the next fetch does not report
//! every listing as updated.
//!
//! Closed sets (source, family, seniority, workplace, regions, …) are stored by the core enums'
//! serde names; those names are therefore a stored format too, and a renamed variant keeps its old
//! name as a `#[serde(alias)]`.

use chrono::{DateTime, Utc};
use prepboard_core::id::fnv1a64;
use prepboard_core::{
    Company, Confidence, EligibilityScope, EmploymentType, Freshness, Listing, ListingId, Region,
    Salary, SalaryOrigin, SalaryPeriod, Seniority, SkillMention, SkillPlace, SourceKind,
    TitleFamily, UtcBand, WorkplaceEvidence, WorkplaceType,
};
use serde::{Deserialize, Serialize};

/// The format [`encode`] writes. Rows without a version are version 1 (written before the record
/// was tagged; their layout is the same).
pub const RECORD_VERSION: u32 = 1;

/// The field list [`content_hash`] covers. Bump it whenever that list or its encoding changes.
pub const CONTENT_HASH_VERSION: i64 = 2;

/// A listing as the `body` column holds it: everything but the ledger and the sightings, which have
/// their own columns and tables.
#[derive(Debug, Serialize, Deserialize)]
struct ListingRecord {
    #[serde(default = "first_version")]
    record_version: u32,
    id: String,
    source: SourceKind,
    source_job_id: String,
    source_url: String,
    apply_url: Option<String>,
    title: String,
    company: CompanyRecord,
    description_html: String,
    description_text: String,
    #[serde(default)]
    tags: Vec<String>,
    employment_type: EmploymentType,
    workplace: WorkplaceType,
    location_text: String,
    eligibility: EligibilityRecord,
    salary: Option<SalaryRecord>,
    seniority: Seniority,
    family: TitleFamily,
    #[serde(default)]
    skills: Vec<SkillRecord>,
    posted_at: Option<DateTime<Utc>>,
    valid_through: Option<DateTime<Utc>>,
    fetched_at: DateTime<Utc>,
    #[serde(default)]
    from_snapshot: bool,
    /// Kept for the rows of version 1, which carried it; the ledger columns are authoritative.
    freshness: Option<FreshnessRecord>,
}

fn first_version() -> u32 {
    1
}

#[derive(Debug, Serialize, Deserialize)]
struct CompanyRecord {
    name: String,
    url: Option<String>,
    logo_url: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct FreshnessRecord {
    first_seen: DateTime<Utc>,
    last_seen: DateTime<Utc>,
    closed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, Deserialize)]
struct EligibilityRecord {
    scope: EligibilityScope,
    #[serde(default)]
    countries: Vec<String>,
    #[serde(default)]
    regions: Vec<Region>,
    utc_band: Option<UtcBandRecord>,
    evidence: Option<String>,
    confidence: Confidence,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    offices: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    workplace_evidence: Option<WorkplaceEvidenceRecord>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct UtcBandRecord {
    min_offset_minutes: i16,
    max_offset_minutes: i16,
}

#[derive(Debug, Serialize, Deserialize)]
struct WorkplaceEvidenceRecord {
    text: String,
    confidence: Confidence,
}

#[derive(Debug, Serialize, Deserialize)]
struct SalaryRecord {
    min: Option<f64>,
    max: Option<f64>,
    currency: Option<String>,
    period: SalaryPeriod,
    text: String,
    origin: SalaryOrigin,
    yearly_usd_min: Option<u64>,
    yearly_usd_max: Option<u64>,
}

#[derive(Debug, Serialize, Deserialize)]
struct SkillRecord {
    skill: String,
    mentions: u32,
    place: SkillPlace,
}

/// The body column for `listing`.
pub fn encode(listing: &Listing) -> String {
    let record = ListingRecord::from(listing);
    // The record holds plain strings, numbers and enums; it always serialises.
    serde_json::to_string(&record).unwrap_or_default()
}

/// The listing a body column holds, with no ledger or sightings yet (the caller reads those from
/// their columns). `id` is the row's id, named in the error.
pub fn decode(id: &str, body: &str) -> Result<Listing, serde_json::Error> {
    let record: ListingRecord = serde_json::from_str(body)?;
    // Version 1 is the only version so far. A version 2 would be read here as its own struct and
    // upgraded to the newest before the conversion.
    Ok(record.into_listing(id))
}

/// The source's own id of the job a body column holds, without decoding the rest.
pub fn source_job_id(body: &str) -> Result<String, serde_json::Error> {
    #[derive(Deserialize)]
    struct JobId {
        source_job_id: String,
    }
    serde_json::from_str::<JobId>(body).map(|row| row.source_job_id)
}

impl From<&Listing> for ListingRecord {
    fn from(listing: &Listing) -> Self {
        let eligibility = &listing.eligibility;
        ListingRecord {
            record_version: RECORD_VERSION,
            id: listing.id.to_string(),
            source: listing.source,
            source_job_id: listing.source_job_id.clone(),
            source_url: listing.source_url.clone(),
            apply_url: listing.apply_url.clone(),
            title: listing.title.clone(),
            company: CompanyRecord {
                name: listing.company.name.clone(),
                url: listing.company.url.clone(),
                logo_url: listing.company.logo_url.clone(),
            },
            description_html: listing.description_html.clone(),
            description_text: listing.description_text.clone(),
            tags: listing.tags.clone(),
            employment_type: listing.employment_type,
            workplace: listing.workplace,
            location_text: listing.location_text.clone(),
            eligibility: EligibilityRecord {
                scope: eligibility.scope,
                countries: eligibility.countries.clone(),
                regions: eligibility.regions.clone(),
                utc_band: eligibility.utc_band.map(|band| UtcBandRecord {
                    min_offset_minutes: band.min_offset_minutes,
                    max_offset_minutes: band.max_offset_minutes,
                }),
                evidence: eligibility.evidence.clone(),
                confidence: eligibility.confidence,
                offices: eligibility.offices.clone(),
                workplace_evidence: eligibility.workplace_evidence.as_ref().map(|evidence| {
                    WorkplaceEvidenceRecord {
                        text: evidence.text.clone(),
                        confidence: evidence.confidence,
                    }
                }),
            },
            salary: listing.salary.as_ref().map(|salary| SalaryRecord {
                min: salary.min,
                max: salary.max,
                currency: salary.currency.clone(),
                period: salary.period,
                text: salary.text.clone(),
                origin: salary.origin,
                yearly_usd_min: salary.yearly_usd_min,
                yearly_usd_max: salary.yearly_usd_max,
            }),
            seniority: listing.seniority,
            family: listing.family,
            skills: listing
                .skills
                .iter()
                .map(|mention| SkillRecord {
                    skill: mention.skill.clone(),
                    mentions: mention.mentions,
                    place: mention.place,
                })
                .collect(),
            posted_at: listing.posted_at,
            valid_through: listing.valid_through,
            fetched_at: listing.fetched_at,
            from_snapshot: listing.from_snapshot,
            freshness: Some(FreshnessRecord {
                first_seen: listing.freshness.first_seen,
                last_seen: listing.freshness.last_seen,
                closed_at: listing.freshness.closed_at,
            }),
        }
    }
}

impl ListingRecord {
    fn into_listing(self, row_id: &str) -> Listing {
        let id = ListingId::parse(row_id)
            .or_else(|| ListingId::parse(&self.id))
            .unwrap_or_else(|| ListingId::derive(self.source, &self.source_job_id));
        let freshness = self.freshness.map_or_else(
            || Freshness::seen_once(self.fetched_at),
            |seen| Freshness {
                first_seen: seen.first_seen,
                last_seen: seen.last_seen,
                closed_at: seen.closed_at,
            },
        );
        let eligibility = self.eligibility;
        Listing {
            id,
            source: self.source,
            source_job_id: self.source_job_id,
            source_url: self.source_url,
            apply_url: self.apply_url,
            title: self.title,
            company: Company {
                name: self.company.name,
                url: self.company.url,
                logo_url: self.company.logo_url,
            },
            description_html: self.description_html,
            description_text: self.description_text,
            tags: self.tags,
            employment_type: self.employment_type,
            workplace: self.workplace,
            location_text: self.location_text,
            eligibility: prepboard_core::Eligibility {
                scope: eligibility.scope,
                countries: eligibility.countries,
                regions: eligibility.regions,
                utc_band: eligibility.utc_band.map(|band| UtcBand {
                    min_offset_minutes: band.min_offset_minutes,
                    max_offset_minutes: band.max_offset_minutes,
                }),
                evidence: eligibility.evidence,
                confidence: eligibility.confidence,
                offices: eligibility.offices,
                workplace_evidence: eligibility.workplace_evidence.map(|evidence| {
                    WorkplaceEvidence {
                        text: evidence.text,
                        confidence: evidence.confidence,
                    }
                }),
            },
            salary: self.salary.map(|salary| Salary {
                min: salary.min,
                max: salary.max,
                currency: salary.currency,
                period: salary.period,
                text: salary.text,
                origin: salary.origin,
                yearly_usd_min: salary.yearly_usd_min,
                yearly_usd_max: salary.yearly_usd_max,
            }),
            seniority: self.seniority,
            family: self.family,
            skills: self
                .skills
                .into_iter()
                .map(|skill| SkillMention {
                    skill: skill.skill,
                    mentions: skill.mentions,
                    place: skill.place,
                })
                .collect(),
            posted_at: self.posted_at,
            valid_through: self.valid_through,
            fetched_at: self.fetched_at,
            from_snapshot: self.from_snapshot,
            freshness,
            sightings: Vec::new(),
        }
    }
}

/// A hash of what a person would see change. Listed field by field: not the id (a merged listing
/// keeps the id of its first sighting), fetch times, the ledger or the sightings. Each field is
/// written with a tag and a length, so `("ab", "c")` and `("a", "bc")` differ.
pub fn content_hash(listing: &Listing) -> String {
    let mut hash = FieldHasher::default();
    hash.text("source", listing.source.slug());
    hash.text("source_job_id", &listing.source_job_id);
    hash.text("source_url", &listing.source_url);
    hash.opt("apply_url", listing.apply_url.as_deref());
    hash.text("title", &listing.title);
    hash.text("company", &listing.company.name);
    hash.opt("company_url", listing.company.url.as_deref());
    hash.opt("company_logo", listing.company.logo_url.as_deref());
    hash.text("description", &listing.description_html);
    hash.list("tags", listing.tags.iter().map(String::as_str));
    hash.text("employment", listing.employment_type.slug());
    hash.text("workplace", listing.workplace.slug());
    hash.text("location", &listing.location_text);
    let eligibility = &listing.eligibility;
    hash.text("scope", &format!("{:?}", eligibility.scope));
    hash.list(
        "countries",
        eligibility.countries.iter().map(String::as_str),
    );
    hash.list(
        "regions",
        eligibility.regions.iter().map(|region| region.slug()),
    );
    hash.opt(
        "utc_band",
        eligibility
            .utc_band
            .map(|band| format!("{}..{}", band.min_offset_minutes, band.max_offset_minutes))
            .as_deref(),
    );
    hash.opt("eligibility_evidence", eligibility.evidence.as_deref());
    hash.list("offices", eligibility.offices.iter().map(String::as_str));
    hash.opt(
        "workplace_evidence",
        eligibility
            .workplace_evidence
            .as_ref()
            .map(|evidence| evidence.text.as_str()),
    );
    match &listing.salary {
        None => hash.opt("salary", None),
        Some(salary) => {
            hash.text("salary", &salary.text);
            hash.opt("salary_min", salary.min.map(|v| v.to_string()).as_deref());
            hash.opt("salary_max", salary.max.map(|v| v.to_string()).as_deref());
            hash.opt("salary_currency", salary.currency.as_deref());
            hash.text("salary_period", &format!("{:?}", salary.period));
        }
    }
    hash.text("seniority", listing.seniority.slug());
    hash.text("family", listing.family.slug());
    hash.list("skills", listing.skill_ids());
    hash.opt(
        "posted_at",
        listing.posted_at.map(|t| t.to_rfc3339()).as_deref(),
    );
    hash.opt(
        "valid_through",
        listing.valid_through.map(|t| t.to_rfc3339()).as_deref(),
    );
    format!("{:016x}", fnv1a64(&hash.bytes))
}

/// Collects tagged, length-prefixed fields for [`content_hash`].
#[derive(Default)]
struct FieldHasher {
    bytes: Vec<u8>,
}

impl FieldHasher {
    fn text(&mut self, tag: &str, value: &str) {
        self.bytes.extend_from_slice(tag.as_bytes());
        self.bytes.push(b'=');
        self.bytes
            .extend_from_slice(&(value.len() as u64).to_le_bytes());
        self.bytes.extend_from_slice(value.as_bytes());
    }

    fn opt(&mut self, tag: &str, value: Option<&str>) {
        match value {
            Some(value) => self.text(tag, value),
            None => {
                self.bytes.extend_from_slice(tag.as_bytes());
                self.bytes.push(b'~');
            }
        }
    }

    fn list<'a>(&mut self, tag: &str, values: impl Iterator<Item = &'a str>) {
        let values: Vec<&str> = values.collect();
        self.text(tag, &values.len().to_string());
        for value in values {
            self.text(tag, value);
        }
    }
}
