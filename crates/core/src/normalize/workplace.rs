//! Workplace and employment type, when the source's fields leave them unknown.
//!
//! A source field always wins. Otherwise: the aggregators that list only remote jobs (We Work
//! Remotely, Remotive, RemoteOK) are remote; then the location text, the title and the description
//! are read, in that order, for "remote", "hybrid" and "on-site" wording.

use std::sync::LazyLock;

use regex::Regex;

use crate::{EmploymentType, SourceKind, WorkplaceType};

static HYBRID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\bhybrid\b").unwrap());
static REMOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:remote|remotely|work from home|wfh|anywhere|distributed team)\b").unwrap()
});
static ONSITE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:on-?site|in[- ]office|in[- ]person|office[- ]based|at our office)\b")
        .unwrap()
});
static DESCRIPTION_REMOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:fully remote|100% remote|remote[- ]first|remote[- ]only|remote position|remote role|this (?:role|position|job) is (?:fully )?remote|work (?:fully )?remotely|remote[- ]friendly|work from anywhere)\b",
    )
    .unwrap()
});
static DESCRIPTION_HYBRID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:hybrid (?:role|position|model|work|working|setup|schedule)|this (?:role|position) is hybrid|\d days? (?:a|per) week in (?:the|our) office)\b").unwrap()
});
static DESCRIPTION_ONSITE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:this (?:role|position) is (?:fully )?on-?site|fully on-?site|on-?site (?:role|position)|5 days (?:a|per) week in (?:the|our) office)\b").unwrap()
});

/// The workplace type of a listing.
pub fn workplace_type(
    source: SourceKind,
    from_source: WorkplaceType,
    location_text: &str,
    title: &str,
    description_text: &str,
) -> WorkplaceType {
    if from_source != WorkplaceType::Unknown {
        return from_source;
    }
    if matches!(
        source,
        SourceKind::WeWorkRemotely | SourceKind::Remotive | SourceKind::RemoteOk
    ) {
        return WorkplaceType::Remote;
    }
    for text in [location_text, title] {
        // Hybrid first: "Remote/Hybrid - London" offers an office, so it is not fully remote.
        if HYBRID.is_match(text) {
            return WorkplaceType::Hybrid;
        }
        if REMOTE.is_match(text) {
            return WorkplaceType::Remote;
        }
        if ONSITE.is_match(text) {
            return WorkplaceType::Onsite;
        }
    }
    if DESCRIPTION_HYBRID.is_match(description_text) {
        WorkplaceType::Hybrid
    } else if DESCRIPTION_ONSITE.is_match(description_text) {
        WorkplaceType::Onsite
    } else if DESCRIPTION_REMOTE.is_match(description_text) {
        WorkplaceType::Remote
    } else {
        WorkplaceType::Unknown
    }
}

static CONTRACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:contract|contractor|freelance|freelancer|fixed[- ]term|b2b)\b").unwrap()
});
static PART_TIME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\bpart[- ]?time\b").unwrap());
static INTERNSHIP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:intern|internship|werkstudent|working student)\b").unwrap()
});
static TEMPORARY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:temporary|temp|seasonal|maternity cover)\b").unwrap());
static FULL_TIME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\bfull[- ]?time\b").unwrap());

/// The employment type of a listing: the source's field, else what the title says.
pub fn employment_type(from_source: EmploymentType, title: &str) -> EmploymentType {
    if from_source != EmploymentType::Unknown {
        return from_source;
    }
    if INTERNSHIP.is_match(title) {
        EmploymentType::Internship
    } else if PART_TIME.is_match(title) {
        EmploymentType::PartTime
    } else if CONTRACT.is_match(title) {
        EmploymentType::Contract
    } else if TEMPORARY.is_match(title) {
        EmploymentType::Temporary
    } else if FULL_TIME.is_match(title) {
        EmploymentType::FullTime
    } else {
        EmploymentType::Unknown
    }
}
