//! Lever postings: `GET /v0/postings/{site}?mode=json` (also on the EU host), a bare JSON array.
//!
//! Quirks handled: the payload is an array, not an object; `createdAt` is epoch milliseconds;
//! `workplaceType` comes as `on-site` (docs) or `onsite` (live), and `unspecified`; `salaryRange`
//! carries its own interval (`per-year-salary`, `per-hour-wage`, …); `country` is ISO alpha-2;
//! the requirements sit in `lists[]`, which are folded into the description so the skills they
//! name count; the payload has no company name, so it comes from config.

use chrono::DateTime;
use prepboard_core::{
    Company, EmploymentType, PlaceFields, RawListing, SalaryPeriod, SourceKind, StructuredSalary,
    WorkplaceType,
};
use serde::Deserialize;

use super::{
    dedup_keep_order, employment_type, item, json, json_kind, lenient, non_empty, plain_to_html,
    workplace_type,
};
use crate::parser::{ParseContext, ParseError, ParseOutput};

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Posting {
    #[serde(deserialize_with = "lenient::id")]
    id: String,
    #[serde(default, deserialize_with = "lenient::text")]
    text: Option<String>,
    #[serde(default, deserialize_with = "lenient::object")]
    categories: Option<Categories>,
    #[serde(default, deserialize_with = "lenient::text")]
    country: Option<String>,
    #[serde(default, deserialize_with = "lenient::int")]
    created_at: Option<i64>,
    #[serde(default, deserialize_with = "lenient::text")]
    workplace_type: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    description: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    description_plain: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    opening: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    description_body: Option<String>,
    #[serde(default, deserialize_with = "lenient::list")]
    lists: Option<Vec<List>>,
    #[serde(default, deserialize_with = "lenient::text")]
    additional: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    additional_plain: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    hosted_url: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    apply_url: Option<String>,
    #[serde(default, deserialize_with = "lenient::object")]
    salary_range: Option<SalaryRange>,
    #[serde(default, deserialize_with = "lenient::text")]
    salary_description_plain: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    salary_description: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Categories {
    #[serde(default, deserialize_with = "lenient::text")]
    commitment: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    department: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    location: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    team: Option<String>,
    #[serde(default, deserialize_with = "lenient::list")]
    all_locations: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
struct List {
    #[serde(default, deserialize_with = "lenient::text")]
    text: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    content: Option<String>,
}

#[derive(Debug, Deserialize)]
struct SalaryRange {
    #[serde(default, deserialize_with = "lenient::text")]
    currency: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    interval: Option<String>,
    #[serde(default, deserialize_with = "lenient::number")]
    min: Option<f64>,
    #[serde(default, deserialize_with = "lenient::number")]
    max: Option<f64>,
}

/// Parses a Lever postings array (`mode=json`).
pub fn parse(body: &[u8], ctx: &ParseContext<'_>) -> Result<ParseOutput, ParseError> {
    let payload = json(body)?;
    let serde_json::Value::Array(postings) = payload else {
        return Err(ParseError::Shape {
            expected: "a JSON array of postings",
            found: json_kind(&payload),
        });
    };
    let mut output = ParseOutput::default();
    if ctx.company.is_none() && !postings.is_empty() {
        output
            .warnings
            .push("Lever payloads name no company and none was configured".to_owned());
    }
    for (index, value) in postings.into_iter().enumerate() {
        let at = format!("[{index}]");
        let parsed = item::<Posting>(value, &at).and_then(|posting| listing(posting, ctx, &at));
        match parsed {
            Ok((listing, warning)) => {
                output.listings.push(listing);
                output.warnings.extend(warning);
            }
            Err(why) => output.unreadable.push(why),
        }
    }
    Ok(output)
}

fn listing(
    posting: Posting,
    ctx: &ParseContext<'_>,
    at: &str,
) -> Result<(RawListing, Option<String>), String> {
    let at = format!("{at} (id {})", posting.id);
    let title = non_empty(posting.text.as_deref()).ok_or_else(|| format!("{at}: no title"))?;
    let hosted_url =
        non_empty(posting.hosted_url.as_deref()).ok_or_else(|| format!("{at}: no hostedUrl"))?;
    let categories = posting.categories.unwrap_or_default();
    let location_text = non_empty(categories.location.as_deref()).unwrap_or_else(|| {
        categories
            .all_locations
            .as_deref()
            .unwrap_or_default()
            .join("; ")
    });
    let mut tags: Vec<String> = [categories.team.as_deref(), categories.department.as_deref()]
        .into_iter()
        .filter_map(non_empty)
        .collect();
    dedup_keep_order(&mut tags);
    let (structured_salary, salary_warning) = match posting.salary_range {
        Some(range) => salary(range, &at),
        None => (None, None),
    };
    let description_html = description(
        posting.description.as_deref(),
        posting.opening.as_deref(),
        posting.description_body.as_deref(),
        posting.description_plain.as_deref(),
        posting.lists.as_deref().unwrap_or_default(),
        posting.additional.as_deref(),
        posting.additional_plain.as_deref(),
    );
    let listing = RawListing {
        source: SourceKind::Lever,
        source_job_id: posting.id,
        source_url: hosted_url,
        apply_url: non_empty(posting.apply_url.as_deref()),
        title,
        company: Company {
            name: non_empty(ctx.company).unwrap_or_default(),
            url: None,
            logo_url: None,
        },
        description_html,
        tags,
        employment_type: categories
            .commitment
            .as_deref()
            .map(employment_type)
            .unwrap_or(EmploymentType::Unknown),
        workplace: posting
            .workplace_type
            .as_deref()
            .map(workplace_type)
            .unwrap_or(WorkplaceType::Unknown),
        location_text,
        structured_places: non_empty(posting.country.as_deref())
            .map(|country| country.to_uppercase())
            .into_iter()
            .collect(),
        structured_salary,
        salary_text: non_empty(posting.salary_description_plain.as_deref()).or_else(|| {
            non_empty(posting.salary_description.as_deref())
                .map(|html| strip_tags(&html).trim().to_owned())
                .filter(|text| !text.is_empty())
        }),
        structured_skills: Vec::new(),
        place_fields: PlaceFields {
            fields: non_empty(posting.workplace_type.as_deref())
                .map(|kind| PlaceFields::field("workplaceType", &kind))
                .into_iter()
                .collect(),
            offices: Vec::new(),
        },
        posted_at: posting.created_at.and_then(DateTime::from_timestamp_millis),
        valid_through: None,
        fetched_at: ctx.fetched_at,
    };
    Ok((listing, salary_warning))
}

/// The HTML description, preferring Lever's HTML variants and falling back to the plain ones,
/// followed by every list (requirements, responsibilities) and the closing section.
fn description(
    description: Option<&str>,
    opening: Option<&str>,
    body: Option<&str>,
    plain: Option<&str>,
    lists: &[List],
    additional: Option<&str>,
    additional_plain: Option<&str>,
) -> String {
    let mut html = match (non_empty(description), non_empty(opening), non_empty(body)) {
        (Some(description), _, _) => description,
        (None, opening, body) if opening.is_some() || body.is_some() => {
            opening.unwrap_or_default() + &body.unwrap_or_default()
        }
        _ => plain.map(plain_to_html).unwrap_or_default(),
    };
    for list in lists {
        if let Some(heading) = non_empty(list.text.as_deref()) {
            html.push_str(&format!("<h3>{}</h3>", html_escape::encode_text(&heading)));
        }
        if let Some(content) = non_empty(list.content.as_deref()) {
            // Lever sends the items as bare `<li>`s; they need a list around them to render.
            if content.starts_with("<li") {
                html.push_str(&format!("<ul>{content}</ul>"));
            } else {
                html.push_str(&content);
            }
        }
    }
    match (non_empty(additional), non_empty(additional_plain)) {
        (Some(additional), _) => html.push_str(&additional),
        (None, Some(plain)) => html.push_str(&plain_to_html(&plain)),
        (None, None) => {}
    }
    html
}

fn salary(range: SalaryRange, at: &str) -> (Option<StructuredSalary>, Option<String>) {
    let interval = range.interval.as_deref().unwrap_or("per-year-salary");
    let period = match interval {
        "per-year-salary" => SalaryPeriod::Year,
        "per-month-salary" => SalaryPeriod::Month,
        "per-week-salary" => SalaryPeriod::Week,
        "per-day-wage" => SalaryPeriod::Day,
        "per-hour-wage" => SalaryPeriod::Hour,
        other => {
            // "one-time" and anything newer are not a rate; better no salary than a wrong one.
            return (
                None,
                Some(format!("{at}: salaryRange interval {other:?} ignored")),
            );
        }
    };
    let amount = |value: Option<f64>| value.filter(|v| v.is_finite() && *v > 0.0);
    let (min, max) = (amount(range.min), amount(range.max));
    if min.is_none() && max.is_none() {
        return (None, None);
    }
    let salary = StructuredSalary {
        min,
        max,
        currency: non_empty(range.currency.as_deref()),
        period,
        text: None,
    };
    (Some(salary), None)
}

/// The text of a small HTML fragment (Lever's `salaryDescription`), for `salary_text`.
fn strip_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    html_escape::decode_html_entities(&text).into_owned()
}

// ---------------------------------------------------------------------------------------------
// The registry's view of this source.

/// Lever postings sites (`api.lever.co`, `api.eu.lever.co`).
#[derive(Debug, Clone, Copy)]
pub struct Lever;

impl crate::source::Source for Lever {
    fn kind(&self) -> SourceKind {
        SourceKind::Lever
    }

    fn config_section(&self) -> &'static str {
        "[[boards]] with ats = \"lever\"; [ats.lever] for the hosts"
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
        let crate::spec::SourceSpec::Lever { base_url, site, .. } = spec else {
            return Err(crate::source::wrong_spec(self.kind(), spec));
        };
        Ok(vec![(
            crate::strategy::endpoint(base_url, &["v0", "postings", site], &[("mode", "json")])?,
            format!("Lever site `{site}`"),
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
