//! Ashby posting API: `GET /posting-api/job-board/{org}?includeCompensation=true`,
//! `{"apiVersion": "1", "jobs": [...]}`.
//!
//! Quirks handled: unlisted jobs (`isListed: false`) are in the payload and are dropped;
//! `isRemote` is unreliable, so `workplaceType` decides; the salary is the summary component whose
//! `compensationType` is "Salary" (never picked by position), and only when the employer did not
//! set `shouldDisplayCompensationOnJobPostings` to false; intervals read "1 YEAR", "1 HOUR";
//! secondary locations add to the location text; the payload has no company name.

use prepboard_core::{
    Company, EmploymentType, PlaceFields, RawListing, SourceKind, StructuredSalary, WorkplaceType,
};
use serde::Deserialize;

use super::{
    dedup_keep_order, employment_type, item, json, lenient, non_empty, parse_time, plain_to_html,
    salary_period, take_array, workplace_type,
};
use crate::parser::{ParseContext, ParseError, ParseOutput};

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Job {
    #[serde(deserialize_with = "lenient::id")]
    id: String,
    #[serde(default, deserialize_with = "lenient::text")]
    title: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    department: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    team: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    employment_type: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    location: Option<String>,
    #[serde(default, deserialize_with = "lenient::list")]
    secondary_locations: Option<Vec<SecondaryLocation>>,
    #[serde(default, deserialize_with = "lenient::object")]
    address: Option<Address>,
    #[serde(default, deserialize_with = "lenient::text")]
    workplace_type: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    published_at: Option<String>,
    #[serde(default, deserialize_with = "lenient::flag")]
    is_listed: Option<bool>,
    #[serde(default, deserialize_with = "lenient::flag")]
    is_remote: Option<bool>,
    #[serde(default, deserialize_with = "lenient::text")]
    job_url: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    apply_url: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    description_html: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    description_plain: Option<String>,
    #[serde(default, deserialize_with = "lenient::flag")]
    should_display_compensation_on_job_postings: Option<bool>,
    #[serde(default, deserialize_with = "lenient::object")]
    compensation: Option<Compensation>,
}

#[derive(Debug, Deserialize)]
struct SecondaryLocation {
    #[serde(default, deserialize_with = "lenient::text")]
    location: Option<String>,
    #[serde(default, deserialize_with = "lenient::object")]
    address: Option<Address>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Address {
    #[serde(default, deserialize_with = "lenient::object")]
    postal_address: Option<PostalAddress>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PostalAddress {
    #[serde(default, deserialize_with = "lenient::text")]
    address_country: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Compensation {
    #[serde(default, deserialize_with = "lenient::text")]
    scrapeable_compensation_salary_summary: Option<String>,
    #[serde(default, deserialize_with = "lenient::list")]
    summary_components: Option<Vec<Component>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Component {
    #[serde(default, deserialize_with = "lenient::text")]
    compensation_type: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    interval: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    currency_code: Option<String>,
    #[serde(default, deserialize_with = "lenient::number")]
    min_value: Option<f64>,
    #[serde(default, deserialize_with = "lenient::number")]
    max_value: Option<f64>,
}

/// Parses an Ashby job-board payload, dropping unlisted jobs.
pub fn parse(body: &[u8], ctx: &ParseContext<'_>) -> Result<ParseOutput, ParseError> {
    let jobs = take_array(json(body)?, "jobs", "an object with a `jobs` array")?;
    let mut output = ParseOutput::default();
    if ctx.company.is_none() && !jobs.is_empty() {
        output
            .warnings
            .push("Ashby payloads name no company and none was configured".to_owned());
    }
    for (index, value) in jobs.into_iter().enumerate() {
        let at = format!("jobs[{index}]");
        match item::<Job>(value, &at) {
            // Unlisted jobs are drafts or internal-only: silently not ours to show.
            Ok(job) if job.is_listed == Some(false) => {}
            Ok(job) => output.push_item(listing(job, ctx, &at)),
            Err(why) => output.unreadable.push(why),
        }
    }
    Ok(output)
}

fn listing(job: Job, ctx: &ParseContext<'_>, at: &str) -> Result<RawListing, String> {
    let at = format!("{at} (id {})", job.id);
    let title = non_empty(job.title.as_deref()).ok_or_else(|| format!("{at}: no title"))?;
    let job_url = non_empty(job.job_url.as_deref()).ok_or_else(|| format!("{at}: no jobUrl"))?;
    let secondary = job.secondary_locations.unwrap_or_default();

    let mut locations: Vec<String> = non_empty(job.location.as_deref()).into_iter().collect();
    locations.extend(
        secondary
            .iter()
            .filter_map(|place| non_empty(place.location.as_deref())),
    );
    dedup_keep_order(&mut locations);

    let mut countries: Vec<String> = std::iter::once(job.address.as_ref())
        .chain(secondary.iter().map(|place| place.address.as_ref()))
        .flatten()
        .filter_map(|address| address.postal_address.as_ref())
        .filter_map(|postal| non_empty(postal.address_country.as_deref()))
        .collect();
    dedup_keep_order(&mut countries);

    let mut tags: Vec<String> = [job.department.as_deref(), job.team.as_deref()]
        .into_iter()
        .filter_map(non_empty)
        .collect();
    dedup_keep_order(&mut tags);

    let structured_salary = if job.should_display_compensation_on_job_postings == Some(false) {
        None
    } else {
        job.compensation.and_then(salary)
    };

    Ok(RawListing {
        source: SourceKind::Ashby,
        source_job_id: job.id,
        source_url: job_url.clone(),
        apply_url: non_empty(job.apply_url.as_deref()).or(Some(job_url)),
        title,
        company: Company {
            name: non_empty(ctx.company).unwrap_or_default(),
            url: None,
            logo_url: None,
        },
        description_html: non_empty(job.description_html.as_deref())
            .or_else(|| job.description_plain.as_deref().map(plain_to_html))
            .unwrap_or_default(),
        tags,
        employment_type: job
            .employment_type
            .as_deref()
            .map(employment_type)
            .unwrap_or(EmploymentType::Unknown),
        workplace: job
            .workplace_type
            .as_deref()
            .map(workplace_type)
            .unwrap_or(WorkplaceType::Unknown),
        location_text: locations.join("; "),
        structured_places: countries,
        structured_salary,
        salary_text: None,
        structured_skills: Vec::new(),
        // workplaceType first: core reads the first field that names a kind, and isRemote only
        // when none does (it is unreliable beside workplaceType).
        place_fields: PlaceFields {
            fields: non_empty(job.workplace_type.as_deref())
                .map(|kind| PlaceFields::field("workplaceType", &kind))
                .into_iter()
                .chain(
                    job.is_remote
                        .map(|remote| PlaceFields::field("isRemote", &remote.to_string())),
                )
                .collect(),
            offices: Vec::new(),
        },
        posted_at: job.published_at.as_deref().and_then(parse_time),
        valid_through: None,
        fetched_at: ctx.fetched_at,
    })
}

/// The "Salary" summary component; bonus and equity components never stand in for it.
fn salary(compensation: Compensation) -> Option<StructuredSalary> {
    let component = compensation
        .summary_components
        .unwrap_or_default()
        .into_iter()
        .find(|component| {
            component
                .compensation_type
                .as_deref()
                .is_some_and(|kind| kind.eq_ignore_ascii_case("salary"))
        })?;
    let amount = |value: Option<f64>| value.filter(|v| v.is_finite() && *v > 0.0);
    let (min, max) = (amount(component.min_value), amount(component.max_value));
    if min.is_none() && max.is_none() {
        return None;
    }
    Some(StructuredSalary {
        min,
        max,
        currency: non_empty(component.currency_code.as_deref()),
        period: salary_period(component.interval.as_deref().unwrap_or("1 YEAR"))?,
        text: non_empty(
            compensation
                .scrapeable_compensation_salary_summary
                .as_deref(),
        ),
    })
}

// ---------------------------------------------------------------------------------------------
// The registry's view of this source.

/// Ashby job boards (`api.ashbyhq.com`).
#[derive(Debug, Clone, Copy)]
pub struct Ashby;

impl crate::source::Source for Ashby {
    fn kind(&self) -> SourceKind {
        SourceKind::Ashby
    }

    fn config_section(&self) -> &'static str {
        "[[boards]] with ats = \"ashby\"; [ats.ashby] for the host"
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
        let crate::spec::SourceSpec::Ashby {
            base_url, board, ..
        } = spec
        else {
            return Err(crate::source::wrong_spec(self.kind(), spec));
        };
        Ok(vec![(
            crate::strategy::endpoint(
                base_url,
                &["posting-api", "job-board", board],
                &[("includeCompensation", "true")],
            )?,
            format!("Ashby job board `{board}`"),
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
