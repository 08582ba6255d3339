//! Remotive: `GET /api/remote-jobs?category=software-dev`, `{"00-warning", "0-legal-notice",
//! "job-count", "jobs": [...]}`.
//!
//! Quirks handled: the warning and legal keys are not jobs and are ignored; the description ends
//! with a tracking pixel, removed here (the rest of the description is kept byte for byte);
//! `publication_date` has no zone and is UTC; `salary` is free text; `candidate_required_location`
//! is the location text; tags carry stray spaces. Every Remotive job is remote.

use std::sync::LazyLock;

use prepboard_core::{Company, EmploymentType, PlaceFields, RawListing, SourceKind, WorkplaceType};
use regex::Regex;
use serde::Deserialize;

mod category;

use super::{
    dedup_keep_order, employment_type, item, json, lenient, non_empty, parse_time, take_array,
};
use crate::parser::{ParseContext, ParseError, ParseOutput};

#[derive(Debug, Deserialize)]
struct Job {
    #[serde(deserialize_with = "lenient::id")]
    id: String,
    #[serde(default, deserialize_with = "lenient::text")]
    url: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    title: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    company_name: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    company_logo: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    company_logo_url: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    category: Option<String>,
    #[serde(default, deserialize_with = "lenient::list")]
    tags: Option<Vec<String>>,
    #[serde(default, deserialize_with = "lenient::text")]
    job_type: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    publication_date: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    candidate_required_location: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    salary: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    description: Option<String>,
}

/// Remotive's per-job tracking pixel: `<img src="https://remotive.com/job/track/{id}/blank.gif…"/>`.
static TRACKING_PIXEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<img\b[^>]*\bsrc\s*=\s*["']?https?://(?:www\.)?remotive\.(?:com|io)/job/track/[^>]*>"#)
        .expect("the tracking-pixel pattern is valid")
});

/// Parses a Remotive remote-jobs payload.
pub fn parse(body: &[u8], ctx: &ParseContext<'_>) -> Result<ParseOutput, ParseError> {
    let jobs = take_array(json(body)?, "jobs", "an object with a `jobs` array")?;
    let mut output = ParseOutput::default();
    for (index, value) in jobs.into_iter().enumerate() {
        let at = format!("jobs[{index}]");
        output.push_item(item::<Job>(value, &at).and_then(|job| listing(job, ctx, &at)));
    }
    Ok(output)
}

/// The description without Remotive's tracking pixel.
pub fn strip_tracking_pixel(html: &str) -> String {
    TRACKING_PIXEL.replace_all(html, "").trim_end().to_owned()
}

fn listing(job: Job, ctx: &ParseContext<'_>, at: &str) -> Result<RawListing, String> {
    let at = format!("{at} (id {})", job.id);
    let title = non_empty(job.title.as_deref()).ok_or_else(|| format!("{at}: no title"))?;
    let url = non_empty(job.url.as_deref()).ok_or_else(|| format!("{at}: no url"))?;
    let company =
        non_empty(job.company_name.as_deref()).ok_or_else(|| format!("{at}: no company_name"))?;
    let mut tags: Vec<String> = job
        .tags
        .unwrap_or_default()
        .iter()
        .filter_map(|tag| non_empty(Some(tag)))
        .chain(non_empty(job.category.as_deref()))
        .collect();
    dedup_keep_order(&mut tags);
    Ok(RawListing {
        source: SourceKind::Remotive,
        source_job_id: job.id,
        source_url: url.clone(),
        apply_url: Some(url),
        title,
        company: Company {
            name: company,
            url: None,
            logo_url: non_empty(job.company_logo.as_deref())
                .or_else(|| non_empty(job.company_logo_url.as_deref())),
        },
        description_html: job
            .description
            .as_deref()
            .map(strip_tracking_pixel)
            .unwrap_or_default(),
        tags,
        employment_type: job
            .job_type
            .as_deref()
            .map(employment_type)
            .unwrap_or(EmploymentType::Unknown),
        workplace: WorkplaceType::Remote,
        location_text: non_empty(job.candidate_required_location.as_deref()).unwrap_or_default(),
        structured_places: Vec::new(),
        structured_salary: None,
        salary_text: non_empty(job.salary.as_deref()),
        structured_skills: Vec::new(),
        place_fields: PlaceFields::default(),
        posted_at: job.publication_date.as_deref().and_then(parse_time),
        valid_through: None,
        fetched_at: ctx.fetched_at,
    })
}

// ---------------------------------------------------------------------------------------------
// The registry's view of this source.

/// Remotive's remote-jobs API, filtered again here since it ignores its filter.
#[derive(Debug, Clone, Copy)]
pub struct Remotive;

impl crate::source::Source for Remotive {
    fn kind(&self) -> SourceKind {
        SourceKind::Remotive
    }

    fn config_section(&self) -> &'static str {
        "[sources.remotive]"
    }

    fn terms(&self) -> crate::source::Terms {
        // Link back, name Remotive, never pass the jobs on (no JSON-LD, no bundled copy).
        let budget = crate::budget::PollBudget {
            max_fetches: 4,
            window: chrono::TimeDelta::hours(24),
            rule: "at most 4 fetches per 24 hours",
        };
        crate::source::Terms::aggregator(budget, false)
    }

    fn requests(
        &self,
        spec: &crate::spec::SourceSpec,
    ) -> Result<Vec<(url::Url, String)>, crate::FetchError> {
        let crate::spec::SourceSpec::Remotive {
            base_url,
            categories,
        } = spec
        else {
            return Err(crate::source::wrong_spec(self.kind(), spec));
        };
        let every = crate::spec::remotive_takes_every_category(categories);
        Ok(match categories.as_slice() {
            // One category: the API's own filter. Several, or every one: the whole list in one
            // request, filtered here, rather than one request per category.
            [category] if !every => vec![(
                crate::strategy::endpoint(
                    base_url,
                    &["api", "remote-jobs"],
                    &[("category", category.as_str())],
                )?,
                format!("Remotive category `{category}`"),
            )],
            _ => vec![(
                crate::strategy::endpoint(base_url, &["api", "remote-jobs"], &[])?,
                if every {
                    "Remotive, every category".to_owned()
                } else {
                    format!("Remotive categories `{}`", categories.join("`, `"))
                },
            )],
        })
    }

    fn parse(&self, body: &[u8], ctx: &ParseContext<'_>) -> Result<ParseOutput, ParseError> {
        parse(body, ctx)
    }

    fn fetch<'a>(
        &'a self,
        run: crate::source::Run<'a>,
    ) -> futures::future::BoxFuture<'a, Result<crate::source::FetchOutcome, crate::FetchError>>
    {
        Box::pin(async move {
            let categories = match &run.source.spec {
                crate::spec::SourceSpec::Remotive { categories, .. }
                    if !crate::spec::remotive_takes_every_category(categories) =>
                {
                    Some(categories.as_slice())
                }
                _ => None,
            };
            let prefilter =
                |body: &[u8]| categories.and_then(|categories| category::filter(body, categories));
            crate::strategy::single_request(self, run, None, Some(&prefilter)).await
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking_pixel_is_removed_and_nothing_else() {
        let check = |input: &str, expected: &str| {
            assert_eq!(strip_tracking_pixel(input), expected, "{input}");
        };
        check(
            "<p>Hi</p>\n<img src=\"https://remotive.com/job/track/2090890/blank.gif?source=public_api\" alt=\"\"/>",
            "<p>Hi</p>",
        );
        check(
            "<p>Hi</p><img src='https://remotive.io/job/track/1/blank.gif'>",
            "<p>Hi</p>",
        );
        check(
            "<p>Logo</p><img src=\"https://example.com/logo.png\">",
            "<p>Logo</p><img src=\"https://example.com/logo.png\">",
        );
    }
}
