//! How the values of search parameters are written: flags, numbers, yearly salaries and UTC
//! offsets ([`ValueKind`] and the patterns the API checks them against), and the operator's
//! [`SearchDefaults`]. Pure functions, shared by the parameter table and the pages that show the
//! values.

use prepboard_core::search::{SearchRequest, SortOrder};

/// "1", "true", "on", "yes" (and their opposites), in any case.
pub(crate) fn parse_flag(value: &str) -> Option<bool> {
    match value.to_ascii_lowercase().as_str() {
        "1" | "true" | "on" | "yes" => Some(true),
        "0" | "false" | "off" | "no" => Some(false),
        _ => None,
    }
}

/// A flag as canonical links write it.
pub(crate) fn flag_text(on: bool) -> String {
    if on { "1" } else { "0" }.to_owned()
}

/// A whole number between `min` and `max`, or a reason naming `what` was expected.
pub(crate) fn parse_number(value: &str, min: u32, max: u32, what: &str) -> Result<u32, String> {
    value
        .parse::<u32>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| format!("`{value}` is not {what} between {min} and {max}"))
}

/// "120000", "120k", "120,000" or "$120k"; at most 10 million a year.
pub(crate) fn parse_salary(value: &str) -> Option<u64> {
    let cleaned: String = value
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | '$' | ' '))
        .collect::<String>()
        .to_ascii_lowercase();
    let (digits, multiplier) = match cleaned.strip_suffix('k') {
        Some(digits) => (digits, 1_000),
        None => (cleaned.as_str(), 1),
    };
    let amount = digits.parse::<u64>().ok()?.checked_mul(multiplier)?;
    (amount <= 10_000_000).then_some(amount)
}

/// "-3", "+5:30", "5.5", "0", "UTC+2" → minutes east of UTC, within −12:00 … +14:00.
pub fn parse_utc_offset(value: &str) -> Option<i16> {
    let text = value.trim();
    let text = text
        .strip_prefix("UTC")
        .or_else(|| text.strip_prefix("utc"))
        .or_else(|| text.strip_prefix("GMT"))
        .unwrap_or(text)
        .trim();
    let (sign, rest) = match text.as_bytes().first() {
        Some(b'-') => (-1, text.get(1..)?),
        Some(b'+') => (1, text.get(1..)?),
        _ => (1, text),
    };
    let minutes = if let Some((hours, minutes)) = rest.split_once(':') {
        let hours: i32 = hours.parse().ok()?;
        let minutes: i32 = minutes.parse().ok()?;
        if !(0..60).contains(&minutes) {
            return None;
        }
        hours * 60 + minutes
    } else if let Some((hours, fraction)) = rest.split_once('.') {
        let hours: i32 = hours.parse().ok()?;
        let minutes = match fraction {
            "5" | "50" => 30,
            "75" => 45,
            "25" => 15,
            "0" | "00" => 0,
            _ => return None,
        };
        hours * 60 + minutes
    } else {
        rest.parse::<i32>().ok()? * 60
    };
    let minutes = sign * minutes;
    ((-12 * 60)..=(14 * 60))
        .contains(&minutes)
        .then(|| i16::try_from(minutes).ok())
        .flatten()
}

/// Up to 200 characters of a free-text value (a company name, an excluded word).
pub(crate) fn bounded_text(value: &str) -> String {
    value.chars().take(200).collect()
}

/// A skill id as the taxonomy writes them: short, no spaces or markup.
pub(crate) fn is_slug_like(value: &str) -> bool {
    value.len() <= 64
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'+' | b'#'))
}

/// Longest company name or excluded word kept.
pub(crate) const MAX_TEXT_CHARS: usize = 200;

/// UTC offsets from −12:00 to +14:00: hours with optional `:MM` minutes or a `.5`-style fraction,
/// a sign, an optional `UTC`/`GMT` prefix. Exactly the forms the API accepts; the page reads a
/// few more (lower case, spaces) and ignores what it cannot read.
pub(crate) const UTC_OFFSET_PATTERN: &str = r"^(UTC|GMT)?(\+?((0?[0-9]|1[0-3])(:[0-5][0-9]|\.(0|00|25|5|50|75))?|14(:00|\.00?)?)|-((0?[0-9]|1[01])(:[0-5][0-9]|\.(0|00|25|5|50|75))?|12(:00|\.00?)?))$";

/// Yearly US-dollar amounts up to 10 million: `120000`, `120,000`, `120k`, each with an optional
/// `$`; empty means no minimum (what the search form sends when the box is left empty).
pub(crate) const SALARY_PATTERN: &str = r"^(\$?([0-9]{1,7}|10000000|[0-9]{1,3},[0-9]{3}|[0-9],[0-9]{3},[0-9]{3}|10,000,000|[0-9]{1,4}[kK]|10000[kK]))?$";

pub(crate) const SORT_ORDERS: [SortOrder; 3] =
    [SortOrder::Relevance, SortOrder::Newest, SortOrder::Salary];

/// What values a parameter takes, as the API checks them and the OpenAPI document states them.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ValueKind {
    /// Any text up to this many characters (pages cut longer text; the API refuses it).
    Text { max_chars: usize },
    /// One of a closed set.
    OneOf(fn() -> Vec<&'static str>),
    /// A whole number, written in decimal digits, within a range.
    Integer { min: u32, max: u32 },
    /// Text matching an anchored regular expression; `form` says in words what it allows.
    Pattern {
        pattern: &'static str,
        form: &'static str,
    },
}

/// The operator's defaults for the remote-first view (config `[search]`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SearchDefaults {
    /// Show hybrid, on-site and not-stated jobs unless a search says otherwise.
    pub include_office: bool,
    /// Show non-engineering roles unless a search says otherwise.
    pub include_non_engineering: bool,
}

impl SearchDefaults {
    /// The request a search starts from before its parameters are read.
    pub fn request(&self) -> SearchRequest {
        SearchRequest {
            include_office: self.include_office,
            include_non_engineering: self.include_non_engineering,
            ..SearchRequest::default()
        }
    }
}

/// A parameter's default as the OpenAPI document states it.
pub(crate) type DefaultValue = fn(&SearchDefaults) -> Option<serde_json::Value>;

pub(crate) fn no_default(_: &SearchDefaults) -> Option<serde_json::Value> {
    None
}

/// Every way of writing a flag.
pub(crate) fn flag_values() -> Vec<&'static str> {
    vec!["1", "0", "true", "false", "on", "off", "yes", "no"]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::format_utc_offset;

    #[test]
    fn utc_offsets_round_trip() {
        for minutes in [-720, -180, 0, 60, 330, 345, 840] {
            assert_eq!(parse_utc_offset(&format_utc_offset(minutes)), Some(minutes));
        }
    }
}
