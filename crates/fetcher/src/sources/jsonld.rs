//! Careers pages that embed schema.org `JobPosting` JSON-LD (the scraper source).
//!
//! Quirks handled: every `<script type="application/ld+json">` block is read, and each may hold a
//! single object, an array, or `{"@graph": [...]}`; `@type` is a string or an array;
//! `hiringOrganization` may be only an `{"@id"}` reference to a node elsewhere on the page; iCIMS
//! writes "UNAVAILABLE" into unset address parts; `applicantLocationRequirements` (Country or
//! State, one or many) become structured places; `jobLocationType: TELECOMMUTE` means remote;
//! `baseSalary` is a MonetaryAmount with a single value or a range; `employmentType` is a string
//! or an array. Blocks that are not valid JSON are skipped with a warning. A body that is itself
//! JSON (a captured block, as in the bundled snapshot) is read as one block.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use prepboard_core::{
    Company, EmploymentType, PlaceFields, RawListing, SourceField, SourceKind, StructuredSalary,
    WorkplaceType,
};
use scraper::{Html, Selector};
use serde_json::{Map, Value};

use super::{
    decode_escaped_html, dedup_keep_order, employment_type, json, lenient, non_empty, parse_time,
    salary_period, utf8,
};
use crate::parser::{ParseContext, ParseError, ParseOutput};

static SCRIPT: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("script").expect("`script` is a valid selector"));

type Node = Map<String, Value>;

/// Parses every JobPosting on a page (or in a bare JSON-LD document).
pub fn parse(body: &[u8], ctx: &ParseContext<'_>) -> Result<ParseOutput, ParseError> {
    let text = utf8(body)?;
    let mut output = ParseOutput::default();
    let mut nodes = Vec::new();
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        flatten(json(trimmed.as_bytes())?, &mut nodes);
    } else {
        for (index, block) in script_blocks(text).iter().enumerate() {
            // A block that is not JSON may have been the page's JobPosting: it counts as an item
            // that could not be read, so a page whose only posting broke is not an empty page.
            match json(block.as_bytes()) {
                Ok(value) => flatten(value, &mut nodes),
                Err(error) => output
                    .unreadable
                    .push(format!("JSON-LD block {index}: skipped, {error}")),
            }
        }
    }
    let by_id: HashMap<&str, &Node> = nodes
        .iter()
        .filter(|node| node.len() > 1)
        .filter_map(|node| Some((node.get("@id")?.as_str()?, node)))
        .collect();
    let postings: Vec<&Node> = nodes.iter().filter(|node| is_job_posting(node)).collect();
    let several = postings.len() > 1;
    for (index, posting) in postings.into_iter().enumerate() {
        let fallback_id = ctx.page_url.map(|page| {
            if several {
                format!("{page}#{index}")
            } else {
                page.to_string()
            }
        });
        output.push_item(
            listing(posting, &by_id, fallback_id, ctx)
                .map_err(|why| format!("JobPosting {index}: {why}")),
        );
    }
    Ok(output)
}

/// The contents of every `<script type="application/ld+json">` on the page.
fn script_blocks(html: &str) -> Vec<String> {
    let document = Html::parse_document(html);
    document
        .select(&SCRIPT)
        .filter(|script| {
            script.value().attr("type").is_some_and(|kind| {
                kind.split(';')
                    .next()
                    .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/ld+json"))
            })
        })
        .map(|script| {
            let text: String = script.text().collect();
            // Some CMSs wrap the block in a CDATA section or an HTML comment.
            let text = text.trim();
            let text = text
                .strip_prefix("<![CDATA[")
                .and_then(|inner| inner.strip_suffix("]]>"))
                .unwrap_or(text);
            let text = text
                .strip_prefix("<!--")
                .and_then(|inner| inner.strip_suffix("-->"))
                .unwrap_or(text);
            text.trim().to_owned()
        })
        .collect()
}

/// Every object of a block, with arrays and `@graph`s unrolled.
fn flatten(value: Value, nodes: &mut Vec<Node>) {
    match value {
        Value::Array(items) => items.into_iter().for_each(|item| flatten(item, nodes)),
        Value::Object(mut object) => {
            if let Some(graph) = object.remove("@graph") {
                flatten(graph, nodes);
            }
            if !object.is_empty() {
                nodes.push(object);
            }
        }
        _ => {}
    }
}

fn is_job_posting(node: &Node) -> bool {
    let is_posting = |kind: &str| {
        kind.rsplit(['/', ':', '#'])
            .next()
            .is_some_and(|name| name == "JobPosting")
    };
    match node.get("@type") {
        Some(Value::String(kind)) => is_posting(kind),
        Some(Value::Array(kinds)) => kinds.iter().filter_map(Value::as_str).any(is_posting),
        _ => false,
    }
}

fn listing(
    posting: &Node,
    by_id: &HashMap<&str, &Node>,
    fallback_id: Option<String>,
    ctx: &ParseContext<'_>,
) -> Result<RawListing, String> {
    let title = posting
        .get("title")
        .or_else(|| posting.get("name"))
        .and_then(text)
        .map(|title| html_escape::decode_html_entities(&title).trim().to_owned())
        .filter(|title| !title.is_empty())
        .ok_or("no title")?;
    let page_url = ctx.page_url;
    // Only an http(s) URL links back (an entity-escaped one is decoded first, as the title is);
    // anything else falls back to the page the posting is on.
    let own_url = posting.get("url").and_then(text).and_then(|url| {
        let url = html_escape::decode_html_entities(&url);
        let absolute = match page_url {
            Some(page) => page.join(&url).ok()?.into(),
            None => url.into_owned(),
        };
        prepboard_core::normalize::url::http_url(&absolute).ok()
    });
    let source_url = own_url
        .clone()
        .or_else(|| page_url.map(ToString::to_string))
        .ok_or_else(|| format!("{title:?}: no `url` and no page URL to link back to"))?;
    let source_job_id = posting
        .get("identifier")
        .and_then(identifier)
        .or(own_url)
        .or_else(|| posting.get("@id").and_then(text))
        .or(fallback_id)
        .unwrap_or_else(|| source_url.clone());

    let organization = posting
        .get("hiringOrganization")
        .map(|value| fields(value, by_id));
    let mut company = match organization {
        Some(Fields::Object(org)) => Company {
            name: org
                .get("name")
                .and_then(text)
                .map(|name| html_escape::decode_html_entities(&name).into_owned())
                .unwrap_or_default(),
            url: org
                .get("sameAs")
                .and_then(first_text)
                .or_else(|| org.get("url").and_then(text)),
            logo_url: org.get("logo").and_then(|logo| match logo {
                Value::Object(image) => image
                    .get("url")
                    .or_else(|| image.get("contentUrl"))
                    .and_then(text),
                other => text(other),
            }),
        },
        Some(Fields::Text(name)) => Company {
            name,
            ..Company::default()
        },
        None => Company::default(),
    };
    if company.name.is_empty() {
        // The Organization node is often elsewhere on the site; config names the company then.
        company.name = non_empty(ctx.company).unwrap_or_default();
    }

    let remote = posting
        .get("jobLocationType")
        .map(|kind| {
            one_or_many(kind)
                .any(|kind| text(kind).is_some_and(|k| k.eq_ignore_ascii_case("TELECOMMUTE")))
        })
        .unwrap_or(false);
    let mut locations: Vec<String> = posting
        .get("jobLocation")
        .map(|places| {
            one_or_many(places)
                .filter_map(|place| place_text(place, by_id))
                .collect()
        })
        .unwrap_or_default();
    dedup_keep_order(&mut locations);
    let mut location_text = locations.join("; ");
    if location_text.is_empty() && remote {
        location_text = "Remote".to_owned();
    }

    let mut structured_places: Vec<String> = posting
        .get("applicantLocationRequirements")
        .map(|places| {
            one_or_many(places)
                .filter_map(|place| match fields(place, by_id) {
                    Fields::Object(area) => area.get("name").and_then(text),
                    Fields::Text(name) => Some(name),
                })
                .filter(|name| !is_unavailable(name))
                .collect()
        })
        .unwrap_or_default();
    dedup_keep_order(&mut structured_places);

    let employment_type = posting
        .get("employmentType")
        .map(|kinds| {
            one_or_many(kinds)
                .filter_map(text)
                .map(|kind| employment_type(&kind))
                .find(|kind| *kind != EmploymentType::Unknown)
                .unwrap_or(EmploymentType::Unknown)
        })
        .unwrap_or(EmploymentType::Unknown);

    let mut structured_skills: Vec<String> = posting
        .get("skills")
        .map(|skills| {
            one_or_many(skills)
                .filter_map(text)
                .flat_map(|list| {
                    list.split(',')
                        .map(|skill| skill.trim().to_owned())
                        .collect::<Vec<_>>()
                })
                .filter(|skill| !skill.is_empty())
                .collect()
        })
        .unwrap_or_default();
    dedup_keep_order(&mut structured_skills);

    Ok(RawListing {
        source: SourceKind::JsonLd,
        source_job_id,
        source_url: source_url.clone(),
        apply_url: Some(source_url),
        title,
        company,
        description_html: posting
            .get("description")
            .and_then(text)
            .map(|html| {
                if !html.contains('<') && html.contains("&lt;") {
                    decode_escaped_html(&html)
                } else {
                    html
                }
            })
            .unwrap_or_default(),
        tags: Vec::new(),
        employment_type,
        workplace: if remote {
            WorkplaceType::Remote
        } else {
            WorkplaceType::Unknown
        },
        location_text,
        structured_places,
        structured_salary: posting.get("baseSalary").and_then(salary),
        salary_text: None,
        structured_skills,
        place_fields: PlaceFields {
            fields: posting
                .get("jobLocationType")
                .map(|kinds| one_or_many(kinds).filter_map(text).collect::<Vec<_>>())
                .filter(|values| !values.is_empty())
                .map(|values| SourceField {
                    name: "jobLocationType".to_owned(),
                    values,
                })
                .into_iter()
                .collect(),
            offices: Vec::new(),
        },
        posted_at: posting.get("datePosted").and_then(time),
        valid_through: posting.get("validThrough").and_then(time),
        fetched_at: ctx.fetched_at,
    })
}

/// A value seen through any `@id` reference: an object's fields, or a bare text.
enum Fields<'a> {
    Object(&'a Node),
    Text(String),
}

fn fields<'a>(value: &'a Value, by_id: &HashMap<&str, &'a Node>) -> Fields<'a> {
    match value {
        Value::Object(object) => {
            let referenced = (object.len() == 1)
                .then(|| object.get("@id")?.as_str())
                .flatten()
                .and_then(|id| by_id.get(id).copied());
            Fields::Object(referenced.unwrap_or(object))
        }
        other => Fields::Text(text(other).unwrap_or_default()),
    }
}

/// "Locality, Region, Country" of a Place (or a bare PostalAddress, or a text), without the
/// "UNAVAILABLE" placeholders iCIMS writes.
fn place_text(place: &Value, by_id: &HashMap<&str, &Node>) -> Option<String> {
    let place = match fields(place, by_id) {
        Fields::Text(text) => return Some(text).filter(|t| !t.is_empty() && !is_unavailable(t)),
        Fields::Object(place) => place,
    };
    let address = match place.get("address") {
        Some(address) => match fields(address, by_id) {
            Fields::Text(text) => {
                return Some(text).filter(|t| !t.is_empty() && !is_unavailable(t));
            }
            Fields::Object(address) => address,
        },
        None => place,
    };
    let parts: Vec<String> = ["addressLocality", "addressRegion", "addressCountry"]
        .into_iter()
        .filter_map(|key| match address.get(key)? {
            Value::Object(country) => country.get("name").and_then(text),
            other => text(other),
        })
        .filter(|part| !is_unavailable(part))
        .collect();
    if parts.is_empty() {
        place.get("name").and_then(text)
    } else {
        Some(parts.join(", "))
    }
}

fn is_unavailable(part: &str) -> bool {
    part.trim().eq_ignore_ascii_case("UNAVAILABLE")
}

/// A MonetaryAmount: `value` is a number, or a QuantitativeValue with `value` or a range.
fn salary(base: &Value) -> Option<StructuredSalary> {
    let base = base.as_object()?;
    let currency = base.get("currency").and_then(text);
    let (min, max, unit) = match base.get("value")? {
        Value::Object(quantity) => {
            let single = quantity.get("value").and_then(number);
            (
                quantity.get("minValue").and_then(number).or(single),
                quantity.get("maxValue").and_then(number).or(single),
                quantity.get("unitText").and_then(text),
            )
        }
        amount => {
            let single = number(amount);
            (single, single, base.get("unitText").and_then(text))
        }
    };
    let positive = |value: Option<f64>| value.filter(|v| v.is_finite() && *v > 0.0);
    let (min, max) = (positive(min), positive(max));
    if min.is_none() && max.is_none() {
        return None;
    }
    Some(StructuredSalary {
        min,
        max,
        currency,
        period: salary_period(unit.as_deref().unwrap_or("YEAR"))?,
        text: None,
    })
}

fn one_or_many(value: &Value) -> Box<dyn Iterator<Item = &Value> + '_> {
    match value {
        Value::Array(items) => Box::new(items.iter()),
        other => Box::new(std::iter::once(other)),
    }
}

/// A string (trimmed, non-empty) or a number, as text.
fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => non_empty(Some(text)),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

fn first_text(value: &Value) -> Option<String> {
    one_or_many(value).find_map(text)
}

/// A PropertyValue's `value`, or a bare identifier: a string or an integer (see [`lenient::id_text`]).
fn identifier(value: &Value) -> Option<String> {
    match value {
        Value::Object(property) => property.get("value").and_then(lenient::id_text),
        other => lenient::id_text(other),
    }
}

/// A number, or a numeric string with thousands separators ("40,000").
fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(number) => number.as_f64(),
        Value::String(text) => text.trim().replace([',', '_'], "").parse().ok(),
        _ => None,
    }
}

fn time(value: &Value) -> Option<DateTime<Utc>> {
    parse_time(value.as_str()?)
}

// ---------------------------------------------------------------------------------------------
// The registry's view of this source.

/// Careers pages that embed schema.org `JobPosting` JSON-LD, read under robots.txt.
#[derive(Debug, Clone, Copy)]
pub struct JsonLd;

impl crate::source::Source for JsonLd {
    fn kind(&self) -> SourceKind {
        SourceKind::JsonLd
    }

    fn config_section(&self) -> &'static str {
        "[[pages]]"
    }

    fn terms(&self) -> crate::source::Terms {
        // The employer's own page: no poll budget beyond robots.txt; publishable and bundled.
        crate::source::Terms::EMPLOYER_BOARD
    }

    fn requests(
        &self,
        spec: &crate::spec::SourceSpec,
    ) -> Result<Vec<(url::Url, String)>, crate::FetchError> {
        let crate::spec::SourceSpec::JsonLd { pages, .. } = spec else {
            return Err(crate::source::wrong_spec(self.kind(), spec));
        };
        Ok(pages
            .iter()
            .map(|page| (page.clone(), format!("careers page {page}")))
            .collect())
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
            match &run.source.spec {
                crate::spec::SourceSpec::JsonLd { pages, company } => {
                    crate::strategy::careers_pages(self, run, pages, company.as_deref()).await
                }
                other => Err(crate::source::wrong_spec(self.kind(), other)),
            }
        })
    }
}
