//! Greenhouse job boards: `GET /v1/boards/{token}/jobs[?content=true]`, a `{"jobs": [...]}` object.
//!
//! Quirks handled: `content` is entity-escaped HTML, decoded once (twice only when it was escaped
//! twice, as in the docs example); post ids exceed 2^31; `absolute_url` is often on the company's
//! own domain; `location.name` is free text with stray spaces; there is no remote flag: the custom
//! metadata and `offices` are handed over as place fields, for core to read with the location
//! text; list payloads (without `content=true`) have no description at all; a board's `id` has been
//! seen as a string (`"7850544003"`), read like the number.

use prepboard_core::{
    Company, EmploymentType, PlaceFields, RawListing, SalaryPeriod, SourceField, SourceKind,
    StructuredSalary, WorkplaceType,
};
use serde::Deserialize;
use serde_json::Value;

use super::{
    decode_escaped_html, employment_type, item, json, lenient, non_empty, parse_time, take_array,
    workplace_type,
};
use crate::parser::{ParseContext, ParseError, ParseOutput};

#[derive(Debug, Deserialize)]
struct Job {
    #[serde(deserialize_with = "lenient::id")]
    id: String,
    #[serde(default, deserialize_with = "lenient::text")]
    title: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    absolute_url: Option<String>,
    #[serde(default, deserialize_with = "lenient::object")]
    location: Option<Location>,
    #[serde(default, deserialize_with = "lenient::list")]
    metadata: Option<Vec<Metadata>>,
    #[serde(default, deserialize_with = "lenient::text")]
    first_published: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    updated_at: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    application_deadline: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    company_name: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    content: Option<String>,
    #[serde(default, deserialize_with = "lenient::list")]
    departments: Option<Vec<Named>>,
    #[serde(default, deserialize_with = "lenient::list")]
    offices: Option<Vec<Office>>,
}

#[derive(Debug, Deserialize)]
struct Office {
    #[serde(default, deserialize_with = "lenient::text")]
    name: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    location: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Location {
    #[serde(default, deserialize_with = "lenient::text")]
    name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Named {
    #[serde(default, deserialize_with = "lenient::text")]
    name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Metadata {
    #[serde(default, deserialize_with = "lenient::text")]
    name: Option<String>,
    #[serde(default)]
    value: Value,
}

/// Parses a Greenhouse board payload, with or without `content=true`.
pub fn parse(body: &[u8], ctx: &ParseContext<'_>) -> Result<ParseOutput, ParseError> {
    let payload = json(body)?;
    let jobs = take_array(payload, "jobs", "an object with a `jobs` array")?;
    let mut output = ParseOutput::default();
    for (index, value) in jobs.into_iter().enumerate() {
        let at = format!("jobs[{index}]");
        output.push_item(item::<Job>(value, &at).and_then(|job| listing(job, ctx, &at)));
    }
    Ok(output)
}

fn listing(job: Job, ctx: &ParseContext<'_>, at: &str) -> Result<RawListing, String> {
    let title = non_empty(job.title.as_deref()).ok_or_else(|| format!("{at}: no title"))?;
    let url = non_empty(job.absolute_url.as_deref())
        .ok_or_else(|| format!("{at} (id {}): no absolute_url", job.id))?;
    let location_text = job
        .location
        .as_ref()
        .and_then(|location| non_empty(location.name.as_deref()))
        .unwrap_or_default();
    let metadata = job.metadata.unwrap_or_default();
    let workplace = metadata_workplace(&metadata).unwrap_or(WorkplaceType::Unknown);
    let place_fields = place_fields(&metadata, job.offices.as_deref().unwrap_or_default());
    let employment_type = metadata_text(&metadata, &["time type", "employment type", "job type"])
        .map(employment_type)
        .unwrap_or(EmploymentType::Unknown);
    let tags = job
        .departments
        .unwrap_or_default()
        .iter()
        .filter_map(|department| non_empty(department.name.as_deref()))
        .collect();
    Ok(RawListing {
        source: SourceKind::Greenhouse,
        source_job_id: job.id,
        source_url: url.clone(),
        apply_url: Some(url),
        title,
        company: Company {
            name: non_empty(job.company_name.as_deref())
                .or_else(|| non_empty(ctx.company))
                .unwrap_or_default(),
            url: None,
            logo_url: None,
        },
        description_html: job
            .content
            .as_deref()
            .map(decode_escaped_html)
            .unwrap_or_default(),
        tags,
        employment_type,
        workplace,
        location_text,
        structured_places: Vec::new(),
        structured_salary: metadata_salary(&metadata),
        salary_text: None,
        structured_skills: Vec::new(),
        place_fields,
        posted_at: job
            .first_published
            .as_deref()
            .or(job.updated_at.as_deref())
            .and_then(parse_time),
        valid_through: job.application_deadline.as_deref().and_then(parse_time),
        fetched_at: ctx.fetched_at,
    })
}

/// The text value of the first metadata field whose name is one of `names` (lower case).
fn metadata_text<'m>(metadata: &'m [Metadata], names: &[&str]) -> Option<&'m str> {
    metadata.iter().find_map(|field| {
        let name = field.name.as_deref()?.trim().to_lowercase();
        if names.contains(&name.as_str()) {
            field
                .value
                .as_str()
                .filter(|value| !value.trim().is_empty())
        } else {
            None
        }
    })
}

/// Companies that expose the workplace as a custom field ("Workplace Type": "Remote").
fn metadata_workplace(metadata: &[Metadata]) -> Option<WorkplaceType> {
    metadata_text(
        metadata,
        &[
            "workplace type",
            "location type",
            "remote type",
            "workplace",
        ],
    )
    .map(workplace_type)
    .filter(|workplace| *workplace != WorkplaceType::Unknown)
}

/// Every custom field with a text, yes/no or multi-select value ("Workplace Type", "Job Posting
/// Location"), and the offices' names (with their locations when they differ), as the board gave
/// them: core decides which of them speak about the workplace.
fn place_fields(metadata: &[Metadata], offices: &[Office]) -> PlaceFields {
    let fields = metadata
        .iter()
        .filter_map(|field| {
            let name = non_empty(field.name.as_deref())?;
            let values: Vec<String> = match &field.value {
                Value::String(text) => non_empty(Some(text.as_str())).into_iter().collect(),
                Value::Bool(flag) => vec![flag.to_string()],
                Value::Array(items) => items
                    .iter()
                    .filter_map(|item| non_empty(item.as_str()))
                    .collect(),
                _ => Vec::new(),
            };
            (!values.is_empty()).then_some(SourceField { name, values })
        })
        .collect();
    let offices = offices
        .iter()
        .filter_map(|office| {
            non_empty(office.name.as_deref()).or_else(|| non_empty(office.location.as_deref()))
        })
        .collect();
    PlaceFields { fields, offices }
}

/// A `currency_range` custom field (Datadog's "Pay Transparency Range": `{unit, min_value,
/// max_value}` with amounts as strings). Greenhouse's pay-transparency ranges are annual; the
/// field carries no period of its own.
fn metadata_salary(metadata: &[Metadata]) -> Option<StructuredSalary> {
    metadata.iter().find_map(|field| {
        let range = field.value.as_object()?;
        let amount = |key: &str| -> Option<f64> {
            match range.get(key)? {
                Value::String(text) => text.trim().parse().ok(),
                Value::Number(number) => number.as_f64(),
                _ => None,
            }
            .filter(|amount: &f64| amount.is_finite() && *amount > 0.0)
        };
        let (min, max) = (amount("min_value"), amount("max_value"));
        if min.is_none() && max.is_none() {
            return None;
        }
        Some(StructuredSalary {
            min,
            max,
            currency: range
                .get("unit")
                .and_then(Value::as_str)
                .and_then(|unit| non_empty(Some(unit))),
            period: SalaryPeriod::Year,
            text: None,
        })
    })
}

// ---------------------------------------------------------------------------------------------
// The registry's view of this source.

/// Greenhouse job boards (`boards-api.greenhouse.io`).
#[derive(Debug, Clone, Copy)]
pub struct Greenhouse;

impl crate::source::Source for Greenhouse {
    fn kind(&self) -> SourceKind {
        SourceKind::Greenhouse
    }

    fn config_section(&self) -> &'static str {
        "[[boards]] with ats = \"greenhouse\"; [ats.greenhouse] for the host"
    }

    fn terms(&self) -> crate::source::Terms {
        // One request per board per run is what the boards ask; the employer's own posting may
        // be published as JSON-LD and bundled.
        crate::source::Terms::EMPLOYER_BOARD
    }

    fn requests(
        &self,
        spec: &crate::spec::SourceSpec,
    ) -> Result<Vec<(url::Url, String)>, crate::FetchError> {
        let crate::spec::SourceSpec::Greenhouse {
            base_url, board, ..
        } = spec
        else {
            return Err(crate::source::wrong_spec(self.kind(), spec));
        };
        Ok(vec![(
            crate::strategy::endpoint(
                base_url,
                &["v1", "boards", board, "jobs"],
                &[("content", "true")],
            )?,
            format!("Greenhouse board `{board}`"),
        )])
    }

    fn parse(&self, body: &[u8], ctx: &ParseContext<'_>) -> Result<ParseOutput, ParseError> {
        parse(body, ctx)
    }

    fn fetch<'a>(
        &'a self,
        run: crate::source::Run<'a>,
    ) -> futures::future::BoxFuture<'a, Result<crate::source::FetchOutcome, crate::FetchError>>
    {
        Box::pin(crate::strategy::single_request(
            self,
            run,
            run.source.spec.company(),
            None,
        ))
    }
}
