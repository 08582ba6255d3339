//! One post read as a whole: is it a job post, which roles does it name, and what does it say
//! about each role's workplace, pay, employment type and apply link.
//!
//! Roles come from the most specific place that names them: a list in the body when it names at
//! least as many roles as the header (it usually adds teams, levels, pay and links), else the
//! header's role fields, else the hiring sentences ("We're hiring a Senior Backend Engineer"), else
//! the title a job link's address spells ("…/Senior-Python-Developer-37de…"), else the header's
//! generic phrase ("Multiple roles"). A role's own line speaks first about its
//! workplace and pay; the header speaks for the whole post; the body's sentences come last.

use std::sync::LazyLock;

use prepboard_core::{EmploymentType, StructuredSalary, WorkplaceType};
use regex::Regex;

use super::fields;
use super::header::{self, Header};
use super::places;
use super::roles;
use super::text::{self, Line};
use super::vocab::vocab;

mod choose;
use choose::{also_hiring, choose_roles};

/// Why a post yields no listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// The comment was deleted.
    Deleted,
    /// The comment is dead (flagged or killed).
    Dead,
    /// No text.
    Empty,
    /// The post says the roles are filled or applications closed.
    Closed,
    /// Someone looking for work, a reply, a note about the thread, an advertisement.
    NotAJob,
    /// A post that hires but names no role and too little else to make a listing of.
    NoRole,
}

impl Skip {
    pub fn describe(self) -> &'static str {
        match self {
            Skip::Deleted => "deleted",
            Skip::Dead => "dead",
            Skip::Empty => "empty",
            Skip::Closed => "says it is closed",
            Skip::NotAJob => "not a job post",
            Skip::NoRole => "names no role",
        }
    }
}

/// Where a post's roles were read from (the precedence in the module docs), for the labelled
/// test's breakdown of misses by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RoleSource {
    /// Several header-shaped lines, each naming its own role.
    HeaderLines,
    /// A list of roles in the body.
    BodyList,
    /// The header's role fields.
    Header,
    /// The header's role fields as a hiring sentence completes them.
    HeaderRefined,
    /// A hiring sentence.
    Sentence,
    /// Areas of engineering the header names without a role noun.
    Areas,
    /// The title in the address of a link to the role's description, for a post that names none.
    Link,
    /// A generic phrase ("Multiple roles").
    Generic,
}

impl RoleSource {
    pub fn describe(self) -> &'static str {
        match self {
            RoleSource::HeaderLines => "several header lines",
            RoleSource::BodyList => "body list",
            RoleSource::Header => "header fields",
            RoleSource::HeaderRefined => "header fields completed by a sentence",
            RoleSource::Sentence => "hiring sentence",
            RoleSource::Areas => "header areas",
            RoleSource::Link => "job link",
            RoleSource::Generic => "generic phrase",
        }
    }
}

/// Where the roles of a post come from, or why it has none; the labelled test counts misses by
/// it. Reads the post as [`read`] does, up to choosing its roles.
pub fn role_source(html: &str) -> Result<RoleSource, Skip> {
    let opened = Opened::read(html)?;
    choose_roles(
        &opened.lines,
        opened.body_lines(),
        &opened.header,
        opened.key_values,
    )
    .map(|(_, _, source)| source)
}

/// A post's lines and header, read once by both [`read`] and [`role_source`], after the checks
/// that skip a post that is empty, closed or not a job post.
struct Opened {
    lines: Vec<Line>,
    header: Header,
    /// How many `Key: value` lines the header took.
    key_values: usize,
}

impl Opened {
    fn read(html: &str) -> Result<Opened, Skip> {
        let lines = text::lines(html);
        if lines.is_empty() {
            return Err(Skip::Empty);
        }
        if is_closed(&lines) {
            return Err(Skip::Closed);
        }
        if vocab().not_a_job.is_match(&lines[0].text) {
            return Err(Skip::NotAJob);
        }
        let mut header = header::read(&lines);
        let key_values = header::add_key_values(&lines, &mut header);
        Ok(Opened {
            lines,
            header,
            key_values,
        })
    }

    /// The lines after the header.
    fn body_lines(&self) -> &[Line] {
        self.lines.get(self.header.lines_used..).unwrap_or(&[])
    }
}

/// One role of a post with everything the listing needs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RoleReading {
    pub title: String,
    pub company: String,
    pub company_url: Option<String>,
    pub apply_url: Option<String>,
    pub workplace: WorkplaceType,
    /// The places that speak for this role, most specific first, for the eligibility reader.
    pub location_text: String,
    pub salary: Option<StructuredSalary>,
    /// Said of a role the post states no pay for while it pays another ("… but for the Senior
    /// Java Engineer it is 140k-180k"), so no amount elsewhere in the post is taken for its pay.
    pub salary_note: Option<String>,
    pub employment: EmploymentType,
    pub visa: Option<bool>,
}

static ATS_OR_APPLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)greenhouse\.io|grnh\.se|lever\.co|ashbyhq\.com|workable\.com|rippling\.com|breezy\.hr|teamtailor\.com|recruitee\.com|smartrecruiters\.com|bamboohr\.com|paylocity\.com|myworkdayjobs\.com|jobs\.gem\.com|wellfound\.com|ycombinator\.com/companies/.+/jobs|/careers?\b|/jobs?\b|apply|ashby_jid|gh_jid")
        .expect("valid regex")
});
static APPLY_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bapply\b|\bapplication\b").expect("valid regex"));

/// The roles of one post, or why it has none.
pub(crate) fn read(html: &str) -> Result<Vec<RoleReading>, Skip> {
    let Opened {
        lines,
        header,
        key_values,
    } = Opened::read(html)?;
    let body_lines = lines.get(header.lines_used..).unwrap_or(&[]);
    let (mut roles, mut urls, _) = choose_roles(&lines, body_lines, &header, key_values)?;
    also_hiring(body_lines, &mut roles, &mut urls);
    // "Full Stack Web Developer | Mid-Level & Senior | REMOTE": the levels field speaks for
    // every role that names no level of its own.
    // "All levels" names no level to add.
    static ANY_LEVEL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\b(?:all|any)\s+levels?\b").expect("valid regex"));
    if let Some(levels) = header
        .level_field
        .as_ref()
        .filter(|levels| !ANY_LEVEL.is_match(levels))
    {
        for role in roles
            .iter_mut()
            .filter(|role| !roles::has_level(&role.title))
        {
            role.title = format!("{} ({})", role.title, levels.trim());
        }
    }

    // "Remote (US) | AI": the acronyms among the fields are no country codes.
    let location = header
        .location_fields
        .iter()
        .map(|field| text::collapse(&places::without_acronym_codes(field)))
        .filter(|field| !field.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" | ");
    let body_text: String = body_lines
        .iter()
        .map(|line| line.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let header_markers = header.markers();
    let mut post_workplace = header_markers.workplace(true);
    // "New York" in the header and "We're a remote-first team" below: a place alone is an office
    // only by HN's convention, and the body's own words about the workplace come first.
    if !header_markers.says_anything()
        && let Some(said) = fields::body_workplace(&body_text)
    {
        // "Berlin" in the header, "We're remote-friendly" below: remote offered beside the
        // office the header names is the candidate's choice.
        post_workplace = Some(match said {
            WorkplaceType::Remote
                if header_markers.office_place && fields::offers_remote_option(&body_text) =>
            {
                WorkplaceType::RemoteOrOffice
            }
            said => said,
        });
    }
    if post_workplace == Some(WorkplaceType::Onsite)
        && (fields::speaks_of_office_days(&body_text) || fields::speaks_of_home_days(&body_text))
    {
        post_workplace = Some(WorkplaceType::Hybrid);
    }
    // "Boston" in the header and "Remote is possible for the right candidate" below, or a body
    // that speaks to those away from the office: remote offered beside the office.
    if post_workplace == Some(WorkplaceType::Onsite)
        && (fields::speaks_to_outsiders(&body_text)
            || !header_markers.says_anything() && fields::offers_remote_option(&body_text))
    {
        post_workplace = Some(WorkplaceType::RemoteOrOffice);
    }
    // "REMOTE" in the header, "We have offices in London for those who want them" below.
    if post_workplace == Some(WorkplaceType::Remote) && fields::offers_office(&body_text) {
        post_workplace = Some(WorkplaceType::RemoteOrOffice);
    }
    let post_workplace = post_workplace
        .or_else(|| fields::body_workplace(&body_text))
        .unwrap_or(WorkplaceType::Unknown);
    let countries = places::countries(&location);
    let currency = fields::post_currency(&countries);
    let currency = currency.as_deref();
    // A pay field that names one of the post's roles ("… but for the Senior Java Engineer it is
    // 140k-180k") pays that role alone; the others speak for the whole post.
    let (role_pay, post_pay): (Vec<&String>, Vec<&String>) = header
        .salary_fields
        .iter()
        .partition(|field| roles.iter().any(|role| names_title(field, &role.title)));
    let post_salary = post_pay
        .iter()
        .find_map(|field| fields::salary(field, currency))
        .or_else(|| {
            body_lines.iter().find_map(|line| {
                let text = fields::keyed_pay(&line.text)
                    .or_else(|| fields::leads_with_pay(&line.text).then_some(line.text.as_str()))?;
                fields::salary(text, currency)
            })
        });
    let all_fields = header.all_fields.join(" | ");
    let post_employment = fields::employment(&all_fields).unwrap_or(EmploymentType::Unknown);
    let visa = fields::visa(&all_fields).or_else(|| fields::visa(&body_text));
    let post_apply = lines
        .iter()
        .flat_map(|line| {
            let urls = line.urls();
            let mentions_apply = APPLY_WORD.is_match(&line.text);
            urls.into_iter().map(move |url| (url, mentions_apply))
        })
        .find(|(url, mentions_apply)| *mentions_apply || ATS_OR_APPLY.is_match(url))
        .map(|(url, _)| url)
        .or_else(|| header.url.clone());
    let company = header
        .company
        .clone()
        .or_else(|| header.url.as_deref().and_then(host_name))
        .unwrap_or_default();

    let mut readings: Vec<RoleReading> = Vec::new();
    let mut contexts: Vec<String> = Vec::new();
    for (role, url) in roles.into_iter().zip(urls) {
        let role_context = role.context.clone();
        let own = fields::markers(&role.context);
        // A role's own city under a HYBRID header ("Senior Android Engineer (NY)") is the office
        // it is hybrid from; under a REMOTE header it makes the role an office job.
        let own_workplace = match own.workplace(false) {
            Some(WorkplaceType::Onsite)
                if !own.says_anything() && post_workplace == WorkplaceType::Hybrid =>
            {
                Some(WorkplaceType::Hybrid)
            }
            other => other,
        };
        let workplace = own_workplace
            .or_else(|| area_workplace(&header.all_fields, &role.title))
            .unwrap_or(post_workplace);
        // The role's context is the poster's words about it ("MD/PhD | Biostatistics & AI
        // Software Development | Remote (US)"): only its pieces that name a place as prose does
        // go with the location, so "AI" or "CI/CD" in a qualifier is no country code.
        // Its acronyms go as the header's do: "(Remote, USA - ET, CT, MT)" is no Ethiopia, and
        // "include your CV" no Cape Verde.
        let placed_context: Vec<String> = role
            .context
            .split(" | ")
            .filter(|piece| places::names_place_in_prose(piece))
            .map(places::without_acronym_codes)
            .collect();
        let placed_context = placed_context.join(" | ");
        let location_text = [placed_context.as_str(), location.as_str()]
            .iter()
            .filter(|part| !part.trim().is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" | ");
        let salary = fields::salary(&role.context, currency)
            .or_else(|| {
                role_pay
                    .iter()
                    .filter(|field| names_title(field, &role.title))
                    .find_map(|field| fields::salary(field, currency))
            })
            .or_else(|| post_salary.clone());
        let salary_note = (salary.is_none() && !role_pay.is_empty())
            .then(|| "Not disclosed for this role".to_owned());
        let employment = fields::employment(&role.context)
            .or_else(|| fields::employment(&role.title))
            .unwrap_or(post_employment);
        let reading = RoleReading {
            title: role.title,
            company: company.clone(),
            company_url: header.url.clone(),
            apply_url: url.or_else(|| post_apply.clone()),
            workplace,
            location_text,
            salary,
            salary_note,
            employment,
            visa,
        };
        // Two roles of one title that the post tells apart by their context ("Backend Servers
        // Engineer (C)", "… (Java)") are two roles.
        if !readings
            .iter()
            .zip(&contexts)
            .any(|(known, context)| same_role(known, &reading) && *context == role_context)
        {
            readings.push(reading);
            contexts.push(role_context);
        }
    }
    Ok(readings)
}

/// The workplace a header field gives the area a role belongs to: "Sales (In-Person SF only) |
/// Engineering (Remote OK)" makes a "Sales Rep" on-site and a "Python Engineer" remote-or-office.
/// An area matches a title when one of its words starts the other's ("Engineering", "Engineer").
fn area_workplace(header_fields: &[String], title: &str) -> Option<WorkplaceType> {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|word| word.chars().count() >= 4)
            .map(str::to_lowercase)
            .collect()
    };
    let title_words = words(title);
    header_fields.iter().find_map(|field| {
        let (area, rest) = field.split_once('(')?;
        let inside = rest.strip_suffix(')').unwrap_or(rest);
        let area = area.trim();
        if area.is_empty() || area.split_whitespace().count() > 3 || vocab().has_role_word(area) {
            return None;
        }
        let matches = words(area).iter().any(|area_word| {
            title_words.iter().any(|word| {
                word.starts_with(area_word.as_str()) || area_word.starts_with(word.as_str())
            })
        });
        if !matches {
            return None;
        }
        fields::markers(inside).workplace(false)
    })
}

/// Whether the post's first lines say it is closed: "Edit: APPLICATIONS CLOSED", "[FILLED]".
fn is_closed(lines: &[Line]) -> bool {
    lines.iter().take(2).any(|line| {
        vocab().closed.captures_iter(&line.text).any(|captures| {
            let Some(found) = captures.get(1) else {
                return false;
            };
            let phrase = found.as_str();
            let shouted = phrase.chars().any(char::is_alphabetic)
                && phrase.chars().all(|c| !c.is_lowercase());
            let lower = line.text.trim_start().to_lowercase();
            let noted =
                lower.starts_with("edit") || lower.starts_with("update") || lower.starts_with('[');
            shouted || noted || phrase.contains(' ')
        })
    })
}

/// Whether `text` names `title` word for word (case aside).
pub(super) fn names_title(text: &str, title: &str) -> bool {
    let title = title.trim().to_lowercase();
    !title.is_empty() && text.to_lowercase().contains(&title)
}

fn same_role(a: &RoleReading, b: &RoleReading) -> bool {
    a.title.eq_ignore_ascii_case(&b.title)
        && a.workplace == b.workplace
        && a.location_text == b.location_text
}

/// "https://www.getduranta.com/jobs" → "getduranta.com", for a post that never names its company.
fn host_name(url: &str) -> Option<String> {
    let host = url::Url::parse(url).ok()?.host_str()?.to_owned();
    Some(host.trim_start_matches("www.").to_owned())
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_prose;
#[cfg(test)]
mod tests_workplace;
