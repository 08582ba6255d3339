//! schema.org `JobPosting` JSON-LD for the job page of an employer-board listing (aggregators'
//! terms forbid republishing it). Depends on the domain types only.

use prepboard_core::{EligibilityScope, EmploymentType, Listing};
use serde_json::{Value, json};

/// schema.org `JobPosting` for an employer-board listing, as JSON safe to put inside a
/// `<script type="application/ld+json">` element (`<`, `>` and `&` are written as `\u` escapes, so
/// no text in it can close the element).
pub fn job_posting_json_ld(listing: &Listing) -> String {
    let employment = match listing.employment_type {
        EmploymentType::FullTime => Some("FULL_TIME"),
        EmploymentType::PartTime => Some("PART_TIME"),
        EmploymentType::Contract => Some("CONTRACTOR"),
        EmploymentType::Internship => Some("INTERN"),
        EmploymentType::Temporary => Some("TEMPORARY"),
        EmploymentType::Unknown => None,
    };
    let mut posting = json!({
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": listing.title,
        "description": listing.description_html,
        "identifier": { "@type": "PropertyValue", "name": listing.source.display_name(), "value": listing.source_job_id },
        "hiringOrganization": { "@type": "Organization", "name": listing.company.name },
        "datePosted": listing.posted_at.unwrap_or(listing.freshness.first_seen).format("%Y-%m-%d").to_string(),
    });
    if let Value::Object(fields) = &mut posting {
        // The listing comes scrubbed from the store (`AppState::listing`); the check stays here
        // too, since this is the one place that writes a link for other sites to follow.
        let link = [
            listing.apply_url.as_deref(),
            Some(listing.source_url.as_str()),
        ]
        .into_iter()
        .flatten()
        .find(|url| prepboard_core::normalize::url::is_http_url(url));
        if let Some(link) = link {
            fields.insert("url".to_owned(), json!(link));
        }
        if let Some(employment) = employment {
            fields.insert("employmentType".to_owned(), json!(employment));
        }
        if let Some(valid) = listing.valid_through {
            fields.insert("validThrough".to_owned(), json!(valid));
        }
        if let Some(url) = &listing.company.url
            && prepboard_core::normalize::url::is_http_url(url)
        {
            fields.insert(
                "hiringOrganization".to_owned(),
                json!({ "@type": "Organization", "name": listing.company.name, "sameAs": url }),
            );
        }
        if listing.workplace == prepboard_core::WorkplaceType::Remote {
            fields.insert("jobLocationType".to_owned(), json!("TELECOMMUTE"));
            let requirements: Vec<Value> = match listing.eligibility.scope {
                EligibilityScope::Restricted => listing
                    .eligibility
                    .countries
                    .iter()
                    .map(|code| json!({ "@type": "Country", "name": code }))
                    .collect(),
                _ => Vec::new(),
            };
            if !requirements.is_empty() {
                fields.insert(
                    "applicantLocationRequirements".to_owned(),
                    json!(requirements),
                );
            }
        }
        if let Some(salary) = &listing.salary
            && salary.has_amount()
            && let Some(currency) = &salary.currency
        {
            let unit = match salary.period {
                prepboard_core::SalaryPeriod::Hour => "HOUR",
                prepboard_core::SalaryPeriod::Day => "DAY",
                prepboard_core::SalaryPeriod::Week => "WEEK",
                prepboard_core::SalaryPeriod::Month => "MONTH",
                prepboard_core::SalaryPeriod::Year => "YEAR",
            };
            fields.insert(
                "baseSalary".to_owned(),
                json!({
                    "@type": "MonetaryAmount",
                    "currency": currency,
                    "value": { "@type": "QuantitativeValue", "minValue": salary.min, "maxValue": salary.max, "unitText": unit },
                }),
            );
        }
    }
    script_safe_json(&posting)
}

fn script_safe_json(value: &Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
