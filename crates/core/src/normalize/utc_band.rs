//! UTC bands: the working-hours window a listing names ("UTC-3 to UTC+3", "GMT±2", "EST"), in
//! minutes east of UTC.

use std::sync::LazyLock;

use regex::Regex;

use crate::UtcBand;

static OFFSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?P<zone>UTC|GMT)\s*(?P<pm>\+/-|±|\+-)?\s*(?P<sign>[+\-−–])?\s*(?P<hours>\d{1,2})?(?::?(?P<minutes>[03]0))?\b",
    )
    .unwrap()
});
static PLUS_MINUS_HOURS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\+/-|±|\+-|plus or minus|within)\s*(?P<hours>\d{1,2})\s*(?:hours?|hrs?|h)\b",
    )
    .unwrap()
});

static NAMED_ZONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:EST|EDT|ET|CST|CDT|CT|MST|MDT|MT|PST|PDT|PT|CET|CEST|EET|EEST|WET|WEST|BST|AEST|AEDT|IST|BRT|ART)\b|\b(?:Eastern|Central|Mountain|Pacific) (?:Standard )?[Tt]ime\b|\bLondon time\b",
    )
    .unwrap()
});

/// Standard-time offsets, in minutes, of the zone abbreviations job posts use. "IST" is read as
/// India's, which is what remote postings mean far more often than Ireland's or Israel's.
pub(crate) fn named_zone_offset(zone: &str) -> Option<i16> {
    let hours = match zone.split(' ').next().unwrap_or(zone) {
        "EST" | "EDT" | "ET" | "Eastern" => -5,
        "CST" | "CDT" | "CT" | "Central" => -6,
        "MST" | "MDT" | "MT" | "Mountain" => -7,
        "PST" | "PDT" | "PT" | "Pacific" => -8,
        "WET" | "WEST" | "BST" | "London" => 0,
        "CET" | "CEST" => 1,
        "EET" | "EEST" => 2,
        "AEST" | "AEDT" => 10,
        "BRT" | "ART" => -3,
        "IST" => return Some(330),
        _ => return None,
    };
    Some(hours * 60)
}

/// The UTC band a text names: two offsets make a band ("UTC-3 to UTC+3"), "UTC±2" is -2..+2, one
/// offset with "±N hours" is that offset plus or minus N, and one offset alone is itself.
pub fn utc_band(text: &str) -> Option<UtcBand> {
    let mut offsets: Vec<i16> = Vec::new();
    let mut symmetric: Option<i16> = None;
    for captures in OFFSET.captures_iter(text) {
        let hours: i16 = match captures.name("hours") {
            Some(hours) => hours.as_str().parse().ok()?,
            None => 0,
        };
        if hours > 14 {
            continue;
        }
        let minutes: i16 = captures
            .name("minutes")
            .and_then(|m| m.as_str().parse().ok())
            .unwrap_or(0);
        let magnitude = hours * 60 + minutes;
        if captures.name("pm").is_some() {
            symmetric = Some(magnitude);
            continue;
        }
        let negative = captures
            .name("sign")
            .is_some_and(|sign| matches!(sign.as_str(), "-" | "−" | "–"));
        offsets.push(if negative { -magnitude } else { magnitude });
    }
    if offsets.is_empty() && symmetric.is_none() {
        offsets = NAMED_ZONE
            .find_iter(text)
            .filter_map(|zone| named_zone_offset(zone.as_str()))
            .collect();
    }
    if let Some(width) = symmetric
        && offsets.is_empty()
    {
        return Some(UtcBand {
            min_offset_minutes: -width,
            max_offset_minutes: width,
        });
    }
    let (&first, rest) = offsets.split_first()?;
    if rest.is_empty() {
        let width = PLUS_MINUS_HOURS
            .captures(text)
            .and_then(|c| c.name("hours")?.as_str().parse::<i16>().ok())
            .filter(|hours| *hours <= 12)
            .map_or(0, |hours| hours * 60);
        return Some(UtcBand {
            min_offset_minutes: (first - width).max(-12 * 60),
            max_offset_minutes: (first + width).min(14 * 60),
        });
    }
    let min = offsets.iter().copied().min().unwrap_or(first);
    let max = offsets.iter().copied().max().unwrap_or(first);
    Some(UtcBand {
        min_offset_minutes: min,
        max_offset_minutes: max,
    })
}
