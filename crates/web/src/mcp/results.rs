//! What the tools return: compact values for a model to read, built from the API's DTOs (so a
//! field means what docs/API.md says it means) with the HTML left out, descriptions and snippets
//! as plain text, every link absolute, and ids `get_job` and the resources accept.

use chrono::{DateTime, Utc};
use prepboard_core::Listing;
use prepboard_core::prep::PrepEntry;
use serde::Serialize;

use crate::PlanStep;
use crate::api::jobs::{FreshnessView, Job, JobCard, SightingView, SkillView};
use crate::api::prep::{JobTopic, PrepLink, kind_name};
use crate::api::values::{CompanyView, EligibilityView, SalaryView};
use crate::state::AppState;

/// The resource address of a prep catalog entry.
pub(super) fn entry_uri(id: &str) -> String {
    format!("prep://entry/{id}")
}

/// The resource address of a listing.
pub(super) fn job_uri(id: &str) -> String {
    format!("job://{id}")
}

/// One search result.
#[derive(Debug, Serialize)]
pub(super) struct JobResult<'a> {
    /// What `get_job` and `prep_for_job` take.
    pub id: &'a str,
    pub title: &'a str,
    pub company: &'a str,
    /// The job's page on this site.
    pub url: String,
    /// Where to apply: the employer's form, else the job's page on its source.
    pub apply_url: &'a str,
    pub source: &'static str,
    pub family: &'static str,
    pub seniority: &'static str,
    pub workplace: &'static str,
    pub location: &'a str,
    /// Where a candidate may live: "worldwide", "unknown", or the regions and countries.
    pub open_to: String,
    pub salary: Option<&'a str>,
    pub yearly_usd_min: Option<u64>,
    pub yearly_usd_max: Option<u64>,
    pub skills: &'a [String],
    pub posted_at: Option<DateTime<Utc>>,
    /// A few lines of the description, as plain text.
    pub snippet: String,
}

impl<'a> JobResult<'a> {
    pub fn new(card: JobCard<'a>) -> JobResult<'a> {
        JobResult {
            id: card.id,
            title: card.title,
            company: card.company.name,
            apply_url: card.apply_url.unwrap_or(card.source_url),
            url: card.url,
            source: card.source,
            family: card.family,
            seniority: card.seniority,
            workplace: card.workplace,
            location: card.location_text,
            open_to: open_to(&card.eligibility),
            salary: card.salary.as_ref().map(|salary| salary.text),
            yearly_usd_min: card.salary.as_ref().and_then(|s| s.yearly_usd_min),
            yearly_usd_max: card.salary.as_ref().and_then(|s| s.yearly_usd_max),
            skills: card.skills,
            posted_at: card.posted_at,
            snippet: plain_text(card.snippet_html),
        }
    }
}

/// Eligibility in a few words.
fn open_to(eligibility: &EligibilityView<'_>) -> String {
    match eligibility.scope {
        "restricted" => {
            let places: Vec<&str> = eligibility
                .regions
                .iter()
                .copied()
                .chain(eligibility.countries.iter().map(String::as_str))
                .collect();
            if places.is_empty() {
                "restricted".to_owned()
            } else {
                places.join(", ")
            }
        }
        scope => scope.to_owned(),
    }
}

/// A snippet's escaped text with its `<mark>` tags, as plain text.
pub(super) fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(['<', '&']) {
        text.push_str(&rest[..start]);
        let tail = &rest[start..];
        if tail.starts_with('<') {
            match tail.find('>') {
                Some(end) => rest = &tail[end + 1..],
                None => {
                    rest = "";
                }
            }
            continue;
        }
        let entity = tail.find(';').and_then(|end| {
            let decoded = match &tail[..=end] {
                "&amp;" => '&',
                "&lt;" => '<',
                "&gt;" => '>',
                "&quot;" => '"',
                "&#x27;" | "&#39;" | "&apos;" => '\'',
                "&nbsp;" => ' ',
                _ => return None,
            };
            Some((decoded, end))
        });
        match entity {
            Some((decoded, end)) => {
                text.push(decoded);
                rest = &tail[end + 1..];
            }
            None => {
                text.push('&');
                rest = &tail[1..];
            }
        }
    }
    text.push_str(rest);
    text
}

/// One listing in full, as plain text, with its prep.
#[derive(Debug, Serialize)]
pub(super) struct JobDetail<'a> {
    pub id: &'a str,
    pub url: String,
    /// The same listing as a resource.
    pub resource: String,
    pub title: &'a str,
    pub company: CompanyView<'a>,
    pub source: &'static str,
    pub source_url: &'a str,
    pub apply_url: Option<&'a str>,
    pub family: &'static str,
    pub seniority: &'static str,
    pub employment_type: &'static str,
    pub workplace: &'static str,
    pub location: &'a str,
    pub eligibility: EligibilityView<'a>,
    pub salary: Option<SalaryView<'a>>,
    pub skills: Vec<SkillView<'a>>,
    pub posted_at: Option<DateTime<Utc>>,
    pub valid_through: Option<DateTime<Utc>>,
    pub freshness: FreshnessView,
    pub sightings: Vec<SightingView<'a>>,
    /// The description as plain text.
    pub description: &'a str,
    /// The prep entries matched to the job, by topic, with the job's sentence as evidence.
    pub prep: JobPrep<'a>,
}

impl<'a> JobDetail<'a> {
    pub fn new(listing: &'a Listing, prep: JobPrep<'a>, base_url: &str) -> JobDetail<'a> {
        let job = Job::new(listing, base_url);
        JobDetail {
            id: job.id,
            resource: job_uri(job.id),
            url: job.url,
            title: job.title,
            company: job.company,
            source: job.source,
            source_url: job.source_url,
            apply_url: job.apply_url,
            family: job.family,
            seniority: job.seniority,
            employment_type: job.employment_type,
            workplace: job.workplace,
            location: job.location_text,
            eligibility: job.eligibility,
            salary: job.salary,
            skills: job.skills,
            posted_at: job.posted_at,
            valid_through: job.valid_through,
            freshness: job.freshness,
            sightings: job.sightings,
            description: job.description_text,
            prep,
        }
    }
}

/// A job's prep, grouped by the interview topic each entry is linked for.
#[derive(Debug, Serialize)]
pub(super) struct JobPrep<'a> {
    pub job_id: &'a str,
    pub topics: Vec<TopicPrep<'a>>,
    /// Entries matched for the role or a skill rather than a topic.
    pub other: Vec<EntryLink<'a>>,
    pub total: usize,
}

#[derive(Debug, Serialize)]
pub(super) struct TopicPrep<'a> {
    pub topic: &'a str,
    pub label: &'a str,
    /// The job's own sentence that calls for the topic.
    pub evidence: Option<&'a str>,
    pub entries: Vec<EntryLink<'a>>,
}

/// A catalog entry as a link a model can follow.
#[derive(Debug, Serialize)]
pub(super) struct EntryLink<'a> {
    pub entry_id: &'a str,
    pub title: &'a str,
    /// The material itself.
    pub url: &'a str,
    /// Its page on this site (questions, related entries, the jobs that need it).
    pub page: String,
    pub resource: String,
    pub kind: &'static str,
    pub summary: &'a str,
    /// Why it was matched to the job, in words (empty outside a job's prep).
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub reasons: &'a [String],
}

impl<'a> EntryLink<'a> {
    fn from_link(link: &PrepLink<'a>, base_url: &str) -> EntryLink<'a> {
        EntryLink {
            entry_id: link.entry_id,
            title: link.title,
            url: link.url,
            page: format!("{base_url}/prep/{}", link.entry_id),
            resource: entry_uri(link.entry_id),
            kind: link.kind,
            summary: link.summary,
            reasons: link.reasons,
        }
    }

    pub fn from_entry(entry: &'a PrepEntry, base_url: &str) -> EntryLink<'a> {
        EntryLink {
            entry_id: &entry.id,
            title: &entry.title,
            url: &entry.url,
            page: format!("{base_url}/prep/{}", entry.id),
            resource: entry_uri(&entry.id),
            kind: kind_name(entry.kind),
            summary: &entry.summary,
            reasons: &[],
        }
    }
}

impl<'a> JobPrep<'a> {
    /// From the API's links and topics (`api::prep::prep_links`).
    pub fn new(
        job_id: &'a str,
        links: &[PrepLink<'a>],
        topics: &[JobTopic<'a>],
        base_url: &str,
    ) -> JobPrep<'a> {
        let entry = |id: &str| {
            links
                .iter()
                .find(|link| link.entry_id == id)
                .map(|link| EntryLink::from_link(link, base_url))
        };
        JobPrep {
            job_id,
            topics: topics
                .iter()
                .map(|topic| TopicPrep {
                    topic: topic.topic,
                    label: topic.label,
                    evidence: topic.evidence,
                    entries: topic.entry_ids.iter().filter_map(|id| entry(id)).collect(),
                })
                .collect(),
            other: links
                .iter()
                .filter(|link| link.topic.is_none())
                .map(|link| EntryLink::from_link(link, base_url))
                .collect(),
            total: links.len(),
        }
    }
}

/// The prep plan of a search.
#[derive(Debug, Serialize)]
pub(super) struct Plan<'a> {
    /// The search, in words.
    pub search: String,
    /// Jobs the search holds.
    pub total: u64,
    pub steps: Vec<PlanStepView<'a>>,
    /// The plan and the search as pages on this site.
    pub plan_url: String,
    pub search_url: String,
}

#[derive(Debug, Serialize)]
pub(super) struct PlanStepView<'a> {
    pub skill: &'a str,
    pub label: &'a str,
    /// Share of the search's jobs asking for it, 0-100.
    pub percent: u32,
    pub entries: Vec<EntryLink<'a>>,
}

impl<'a> PlanStepView<'a> {
    pub fn new(state: &'a AppState, step: &'a PlanStep) -> PlanStepView<'a> {
        let base = &state.site().base_url;
        PlanStepView {
            skill: &step.skill,
            label: state.skill_label(&step.skill),
            percent: step.percent,
            entries: step
                .entry_ids
                .iter()
                .filter_map(|id| state.prep().entry(id))
                .map(|entry| EntryLink::from_entry(entry, base))
                .collect(),
        }
    }
}

/// An interview topic and how many catalog entries prepare for it.
#[derive(Debug, Serialize)]
pub(super) struct TopicCount<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub summary: &'a str,
    pub entries: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_read_as_plain_text() {
        let cases = [
            ("", ""),
            ("plain", "plain"),
            (
                "Design <mark>APIs</mark> &amp; <mark>SDKs</mark>",
                "Design APIs & SDKs",
            ),
            ("it&#x27;s &lt;b&gt; &quot;ok&quot;", "it's <b> \"ok\""),
            ("AT&T &unknown; tail &", "AT&T &unknown; tail &"),
            ("cut <mark", "cut "),
            ("é <mark>ü</mark>", "é ü"),
        ];
        for (html, text) in cases {
            assert_eq!(plain_text(html), text, "{html:?}");
        }
    }
}
