//! The values API resources share (a company, a salary, eligibility, a facet count), written by
//! hand from the domain types: each field is one docs/API.md documents, and each enumerated value
//! is spelled here by an exhaustive `match`, so a renamed or added domain variant is a compile
//! error in this file rather than a silent change of API v1.

use prepboard_core::search::{FacetCount, Facets};
use prepboard_core::{
    Company, Confidence, Eligibility, EligibilityScope, EmploymentType, Region, Salary,
    SalaryOrigin, SalaryPeriod, Seniority, SourceKind, TitleFamily, UtcBand, WorkplaceType,
};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{RefOr, Schema};

/// A string schema whose value is one of `values`.
pub(crate) fn one_of(values: impl IntoIterator<Item = &'static str>) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(values.into_iter().collect::<Vec<_>>()))
}

fn schema(builder: ObjectBuilder) -> RefOr<Schema> {
    RefOr::T(Schema::Object(builder.build()))
}

pub(crate) fn family_schema() -> RefOr<Schema> {
    schema(one_of(TitleFamily::ALL.iter().map(|f| f.slug())))
}
pub(crate) fn seniority_schema() -> RefOr<Schema> {
    schema(one_of(Seniority::ALL.iter().map(|s| s.slug())))
}
pub(crate) fn employment_schema() -> RefOr<Schema> {
    schema(one_of(EmploymentType::ALL.iter().map(|e| e.slug())))
}
pub(crate) fn workplace_schema() -> RefOr<Schema> {
    schema(one_of(WorkplaceType::ALL.iter().map(|w| w.slug())))
}
pub(crate) fn source_schema() -> RefOr<Schema> {
    schema(one_of(SourceKind::ALL.iter().map(|s| s.slug())))
}

/// A company as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CompanyView<'a> {
    pub name: &'a str,
    /// The company's own site, when the source gives one.
    pub url: Option<&'a str>,
    pub logo_url: Option<&'a str>,
}

impl<'a> CompanyView<'a> {
    pub fn new(company: &'a Company) -> CompanyView<'a> {
        CompanyView {
            name: &company.name,
            url: company.url.as_deref(),
            logo_url: company.logo_url.as_deref(),
        }
    }
}

/// A salary as published, with its yearly amount in whole US dollars.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SalaryView<'a> {
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// ISO 4217 code, when known.
    pub currency: Option<&'a str>,
    #[schema(schema_with = period_schema)]
    pub period: &'static str,
    /// The text it was read from, as published.
    pub text: &'a str,
    #[schema(schema_with = origin_schema)]
    pub origin: &'static str,
    #[schema(minimum = 0)]
    pub yearly_usd_min: Option<u64>,
    #[schema(minimum = 0)]
    pub yearly_usd_max: Option<u64>,
}

const PERIODS: [SalaryPeriod; 5] = [
    SalaryPeriod::Hour,
    SalaryPeriod::Day,
    SalaryPeriod::Week,
    SalaryPeriod::Month,
    SalaryPeriod::Year,
];

fn period_name(period: SalaryPeriod) -> &'static str {
    match period {
        SalaryPeriod::Hour => "hour",
        SalaryPeriod::Day => "day",
        SalaryPeriod::Week => "week",
        SalaryPeriod::Month => "month",
        SalaryPeriod::Year => "year",
    }
}

fn period_schema() -> RefOr<Schema> {
    schema(one_of(PERIODS.map(period_name)))
}

const ORIGINS: [SalaryOrigin; 3] = [
    SalaryOrigin::Structured,
    SalaryOrigin::SalaryText,
    SalaryOrigin::Description,
];

fn origin_name(origin: SalaryOrigin) -> &'static str {
    match origin {
        SalaryOrigin::Structured => "structured",
        SalaryOrigin::SalaryText => "salary_text",
        SalaryOrigin::Description => "description",
    }
}

fn origin_schema() -> RefOr<Schema> {
    schema(one_of(ORIGINS.map(origin_name)))
}

impl<'a> SalaryView<'a> {
    pub fn new(salary: &'a Salary) -> SalaryView<'a> {
        SalaryView {
            min: salary.min,
            max: salary.max,
            currency: salary.currency.as_deref(),
            period: period_name(salary.period),
            text: &salary.text,
            origin: origin_name(salary.origin),
            yearly_usd_min: salary.yearly_usd_min,
            yearly_usd_max: salary.yearly_usd_max,
        }
    }
}

/// Where a candidate may live to be hired.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct EligibilityView<'a> {
    #[schema(schema_with = scope_schema)]
    pub scope: &'static str,
    /// ISO 3166-1 alpha-2 codes, upper case, sorted, for `restricted`.
    pub countries: &'a [String],
    /// Region slugs, sorted, for `restricted`.
    #[schema(schema_with = regions_schema)]
    pub regions: Vec<&'static str>,
    pub utc_band: Option<UtcBandView>,
    /// The text this was read from (a location field or a description sentence).
    pub evidence: Option<&'a str>,
    #[schema(schema_with = confidence_schema)]
    pub confidence: &'static str,
    /// Where the job's offices are, for office, hybrid and remote-or-office jobs; absent when
    /// none is named.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub offices: &'a [String],
    /// What decided the job's workplace type; absent when nothing did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workplace_evidence: Option<WorkplaceEvidenceView<'a>>,
}

/// The signal a workplace type was read from: a structured field, the board, the location text
/// or a description sentence.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct WorkplaceEvidenceView<'a> {
    pub text: &'a str,
    #[schema(schema_with = confidence_schema)]
    pub confidence: &'static str,
}

/// A band of UTC offsets, in minutes east of UTC, inclusive.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct UtcBandView {
    pub min_offset_minutes: i16,
    pub max_offset_minutes: i16,
}

const SCOPES: [EligibilityScope; 3] = [
    EligibilityScope::Worldwide,
    EligibilityScope::Restricted,
    EligibilityScope::Unknown,
];

fn scope_name(scope: EligibilityScope) -> &'static str {
    match scope {
        EligibilityScope::Worldwide => "worldwide",
        EligibilityScope::Restricted => "restricted",
        EligibilityScope::Unknown => "unknown",
    }
}

fn scope_schema() -> RefOr<Schema> {
    schema(one_of(SCOPES.map(scope_name)))
}

const CONFIDENCES: [Confidence; 3] = [Confidence::Low, Confidence::Medium, Confidence::High];

fn confidence_name(confidence: Confidence) -> &'static str {
    match confidence {
        Confidence::Low => "low",
        Confidence::Medium => "medium",
        Confidence::High => "high",
    }
}

fn confidence_schema() -> RefOr<Schema> {
    schema(one_of(CONFIDENCES.map(confidence_name)))
}

fn regions_schema() -> RefOr<Schema> {
    RefOr::T(Schema::Array(
        utoipa::openapi::schema::ArrayBuilder::new()
            .items(one_of(Region::ALL.iter().map(|r| r.slug())))
            .build(),
    ))
}

impl<'a> EligibilityView<'a> {
    pub fn new(eligibility: &'a Eligibility) -> EligibilityView<'a> {
        EligibilityView {
            scope: scope_name(eligibility.scope),
            countries: &eligibility.countries,
            regions: eligibility.regions.iter().map(|r| r.slug()).collect(),
            utc_band: eligibility.utc_band.as_ref().map(UtcBandView::new),
            evidence: eligibility.evidence.as_deref(),
            confidence: confidence_name(eligibility.confidence),
            offices: &eligibility.offices,
            workplace_evidence: eligibility.workplace_evidence.as_ref().map(|evidence| {
                WorkplaceEvidenceView {
                    text: &evidence.text,
                    confidence: confidence_name(evidence.confidence),
                }
            }),
        }
    }
}

impl UtcBandView {
    fn new(band: &UtcBand) -> UtcBandView {
        UtcBandView {
            min_offset_minutes: band.min_offset_minutes,
            max_offset_minutes: band.max_offset_minutes,
        }
    }
}

/// How many results of a search hold one value of a facet.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FacetCountView {
    /// The value as a search parameter takes it (a slug, a skill id, a company name).
    pub value: String,
    pub label: String,
    #[schema(minimum = 0)]
    pub count: u64,
}

/// Counts for each filter's values. Each facet applies every active filter except its own.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FacetsView {
    pub families: Vec<FacetCountView>,
    pub seniorities: Vec<FacetCountView>,
    /// Worldwide, regions and countries that listings are open to.
    pub eligibility: Vec<FacetCountView>,
    pub employment_types: Vec<FacetCountView>,
    pub workplaces: Vec<FacetCountView>,
    pub skills: Vec<FacetCountView>,
    pub sources: Vec<FacetCountView>,
    pub companies: Vec<FacetCountView>,
    pub hidden: HiddenView,
}

/// How many more results each widening of the default view would add.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct HiddenView {
    /// What `include_office=1` would add: hybrid, on-site and not-stated jobs.
    #[schema(minimum = 0)]
    pub office: u64,
    /// What `include_non_engineering=1` would add.
    #[schema(minimum = 0)]
    pub non_engineering: u64,
}

impl FacetsView {
    pub fn new(facets: &Facets) -> FacetsView {
        let plain = |counts: &[FacetCount]| counts.iter().map(FacetCountView::new).collect();
        FacetsView {
            families: plain(&facets.families),
            seniorities: plain(&facets.seniorities),
            eligibility: plain(&facets.eligibility),
            employment_types: plain(&facets.employment_types),
            workplaces: plain(&facets.workplaces),
            skills: plain(&facets.skills),
            sources: plain(&facets.sources),
            companies: plain(&facets.companies),
            hidden: HiddenView {
                office: facets.hidden.office,
                non_engineering: facets.hidden.non_engineering,
            },
        }
    }
}

impl FacetCountView {
    fn new(count: &FacetCount) -> FacetCountView {
        FacetCountView {
            value: count.value.clone(),
            label: count.label.clone(),
            count: count.count,
        }
    }
}
