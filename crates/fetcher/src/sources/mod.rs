//! One pure parser per job source: response bytes in, [`RawListing`](prepboard_core::RawListing)s out.
//!
//! Each module maps one source's native payload (JSON, RSS, or an HTML page with JSON-LD) onto
//! `RawListing`, keeping the facts as the source stated them. Classification (title family,
//! skills, salary text, eligibility) is left to `prepboard_core::Normalizer`, so every parser stays
//! a small mapping and every classifier is tested once for all sources.
//!
//! Architecture invariant: nothing here does I/O or reads the clock; the fetch time and the config
//! facts a payload lacks come in through [`ParseContext`](crate::parser::ParseContext). A parser never panics on any input: one
//! bad item is skipped and named in [`ParseOutput::unreadable`](crate::parser::ParseOutput::unreadable) (so a run can tell a board that
//! read nothing from an empty board), and only a payload that is not the source's shape at all is
//! a [`ParseError`]. The JSON parsers read their fields through `lenient`, so the harmless
//! variants real payloads show (ids as strings, `null`s, numbers as text) never cost a listing.

pub mod ashby;
pub mod greenhouse;
pub mod hn;
pub mod jsonld;
pub(crate) mod lenient;
pub mod lever;
pub mod remoteok;
pub mod remotive;
pub mod wwr;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use prepboard_core::{EmploymentType, SalaryPeriod, WorkplaceType};
use serde::de::DeserializeOwned;

use crate::parser::ParseError;

// ---------------------------------------------------------------------------------------------
// Helpers shared by the parsers.

pub(crate) fn utf8(body: &[u8]) -> Result<&str, ParseError> {
    std::str::from_utf8(body).map_err(|error| ParseError::NotUtf8 {
        valid_up_to: error.valid_up_to(),
    })
}

/// Reads a JSON payload. A UTF-8 byte-order mark before it is skipped: some servers (and files
/// saved by some editors) put one there, and serde_json rejects it at line 1, column 1.
/// Whitespace before and after the JSON is JSON's own business, and serde_json skips it.
pub(crate) fn json(body: &[u8]) -> Result<serde_json::Value, ParseError> {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    let body = body.strip_prefix(BOM).unwrap_or(body);
    serde_json::from_slice(body).map_err(|error| ParseError::Json {
        line: u32::try_from(error.line()).unwrap_or(u32::MAX),
        column: u32::try_from(error.column()).unwrap_or(u32::MAX),
        message: error.to_string().into(),
    })
}

/// Takes the array under `key` out of a JSON object payload, or says what came instead.
pub(crate) fn take_array(
    payload: serde_json::Value,
    key: &str,
    expected: &'static str,
) -> Result<Vec<serde_json::Value>, ParseError> {
    let found = match payload {
        serde_json::Value::Object(mut object) => match object.remove(key) {
            Some(serde_json::Value::Array(items)) => return Ok(items),
            Some(other) => format!("`{key}` holding {}", json_kind(&other)),
            None => format!("an object without `{key}`"),
        },
        other => json_kind(&other).into(),
    };
    Err(ParseError::Shape {
        expected,
        found: found.into(),
    })
}

/// A short name for a JSON value's type, for [`ParseError::Shape`].
pub(crate) fn json_kind(value: &serde_json::Value) -> Box<str> {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
    .into()
}

/// Deserialises one item, naming the offending field on failure so the warning says where.
pub(crate) fn item<T: DeserializeOwned>(value: serde_json::Value, at: &str) -> Result<T, String> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let path = error.path().to_string();
        if path == "." {
            format!("{at}: {}", error.inner())
        } else {
            format!("{at}.{path}: {}", error.inner())
        }
    })
}

/// The trimmed text, or `None` when it is missing or blank.
pub(crate) fn non_empty(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|text| !text.is_empty())
        .map(str::to_owned)
}

/// Decodes HTML entities once, as Greenhouse's `content` needs. If the result still holds no tag
/// but does hold escaped ones, the body was escaped twice (the Greenhouse docs example is), so one
/// more pass recovers the markup; real HTML with a literal `&lt;` in its text keeps it.
pub(crate) fn decode_escaped_html(text: &str) -> String {
    let once = html_escape::decode_html_entities(text).into_owned();
    if !once.contains('<') && once.contains("&lt;") {
        html_escape::decode_html_entities(&once).into_owned()
    } else {
        once
    }
}

/// Plain text turned into HTML paragraphs, for sources that only give plain text.
pub(crate) fn plain_to_html(text: &str) -> String {
    text.split('\n')
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| format!("<p>{}</p>", html_escape::encode_text(line)))
        .collect()
}

/// An RFC 3339 / ISO 8601 time; a time without a zone is taken as UTC, a bare date as midnight UTC.
pub(crate) fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(time) = DateTime::parse_from_rfc3339(text) {
        return Some(time.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"] {
        if let Ok(time) = NaiveDateTime::parse_from_str(text, format) {
            return Some(time.and_utc());
        }
    }
    // Offsets without a colon ("+0000") are common in hand-written JSON-LD.
    if let Ok(time) = DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z") {
        return Some(time.with_timezone(&Utc));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|date| date.and_hms_opt(0, 0, 0))
        .map(|time| time.and_utc())
}

/// Unix seconds as a time; `None` for values chrono cannot represent.
pub(crate) fn from_epoch_seconds(seconds: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(seconds, 0)
}

/// Maps the many spellings of an employment type ("Full-Time", "full_time", "FullTime",
/// "FULL_TIME", "Contractor", "Intern") onto the core enum.
pub(crate) fn employment_type(text: &str) -> EmploymentType {
    let key: String = text
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    match key.as_str() {
        "fulltime" | "permanent" | "regular" | "fulltimeemployee" => EmploymentType::FullTime,
        "parttime" => EmploymentType::PartTime,
        "contract" | "contractor" | "freelance" | "freelancer" | "contracttohire" => {
            EmploymentType::Contract
        }
        "intern" | "internship" => EmploymentType::Internship,
        "temporary" | "temp" | "perdiem" | "seasonal" => EmploymentType::Temporary,
        _ => EmploymentType::Unknown,
    }
}

/// Maps a workplace field's value ("remote", "on-site", "onsite", "OnSite", "Hybrid",
/// "unspecified") onto the core enum.
pub(crate) fn workplace_type(text: &str) -> WorkplaceType {
    let key: String = text
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    match key.as_str() {
        "remote" | "fullyremote" | "telecommute" | "remotefirst" => WorkplaceType::Remote,
        "hybrid" => WorkplaceType::Hybrid,
        "onsite" | "inoffice" | "office" | "inperson" => WorkplaceType::Onsite,
        _ => WorkplaceType::Unknown,
    }
}

/// Maps an ISO-8601-ish pay interval word ("YEAR", "1 HOUR", "month") onto the core enum.
pub(crate) fn salary_period(text: &str) -> Option<SalaryPeriod> {
    let word = text
        .trim()
        .trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace())
        .to_ascii_lowercase();
    match word.trim_end_matches('s') {
        "year" | "annual" | "yearly" | "annum" => Some(SalaryPeriod::Year),
        "month" | "monthly" => Some(SalaryPeriod::Month),
        "week" | "weekly" => Some(SalaryPeriod::Week),
        "day" | "daily" => Some(SalaryPeriod::Day),
        "hour" | "hourly" => Some(SalaryPeriod::Hour),
        _ => None,
    }
}

/// Deduplicates in place, keeping the first of each (case-insensitive) value.
pub(crate) fn dedup_keep_order(values: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    values.retain(|value| seen.insert(value.to_lowercase()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn employment_type_spellings() {
        let check = |input: &str, expected: EmploymentType| {
            assert_eq!(employment_type(input), expected, "{input}");
        };
        check("Full-Time", EmploymentType::FullTime);
        check("full_time", EmploymentType::FullTime);
        check("FullTime", EmploymentType::FullTime);
        check("FULL_TIME", EmploymentType::FullTime);
        check("Full time", EmploymentType::FullTime);
        check("part_time", EmploymentType::PartTime);
        check("Contract", EmploymentType::Contract);
        check("CONTRACTOR", EmploymentType::Contract);
        check("freelance", EmploymentType::Contract);
        check("Intern", EmploymentType::Internship);
        check("internship", EmploymentType::Internship);
        check("TEMPORARY", EmploymentType::Temporary);
        check("", EmploymentType::Unknown);
        check("VOLUNTEER", EmploymentType::Unknown);
    }

    #[test]
    fn workplace_type_spellings() {
        let check = |input: &str, expected: WorkplaceType| {
            assert_eq!(workplace_type(input), expected, "{input}");
        };
        check("remote", WorkplaceType::Remote);
        check("Remote", WorkplaceType::Remote);
        check("TELECOMMUTE", WorkplaceType::Remote);
        check("hybrid", WorkplaceType::Hybrid);
        check("on-site", WorkplaceType::Onsite);
        check("onsite", WorkplaceType::Onsite);
        check("OnSite", WorkplaceType::Onsite);
        check("unspecified", WorkplaceType::Unknown);
        check("", WorkplaceType::Unknown);
    }

    #[test]
    fn times_with_and_without_zones() {
        let check = |input: &str, expected: Option<&str>| {
            let got = parse_time(input).map(|time| time.to_rfc3339());
            assert_eq!(got.as_deref(), expected, "{input}");
        };
        check(
            "2025-06-05T05:06:01-04:00",
            Some("2025-06-05T09:06:01+00:00"),
        );
        check("2026-05-21T16:42:09", Some("2026-05-21T16:42:09+00:00"));
        check("2026-02-06", Some("2026-02-06T00:00:00+00:00"));
        check(
            "2026-02-06T10:00:00+0100",
            Some("2026-02-06T09:00:00+00:00"),
        );
        check("yesterday", None);
        check("", None);
    }

    #[test]
    fn salary_periods() {
        let check = |input: &str, expected: Option<SalaryPeriod>| {
            assert_eq!(salary_period(input), expected, "{input}");
        };
        check("1 YEAR", Some(SalaryPeriod::Year));
        check("YEAR", Some(SalaryPeriod::Year));
        check("1 HOUR", Some(SalaryPeriod::Hour));
        check("MONTH", Some(SalaryPeriod::Month));
        check("week", Some(SalaryPeriod::Week));
        check("DAY", Some(SalaryPeriod::Day));
        check("fortnight", None);
    }

    #[test]
    fn escaped_html_is_decoded_once_unless_escaped_twice() {
        let check = |input: &str, expected: &str| {
            assert_eq!(decode_escaped_html(input), expected, "{input}");
        };
        check("&lt;p&gt;a &amp;amp; b&lt;/p&gt;", "<p>a &amp; b</p>");
        check("&lt;p&gt;x&amp;nbsp;&lt;/p&gt;", "<p>x&nbsp;</p>");
        check("&amp;lt;p&amp;gt;Any&amp;lt;/p&amp;gt;", "<p>Any</p>");
        check("<p>already html</p>", "<p>already html</p>");
        check(
            "<p>literal &amp;lt;tag&amp;gt;</p>",
            "<p>literal &lt;tag&gt;</p>",
        );
    }
}
