//! One post read as a whole: is it a job post, which roles does it name, and what does it say
//! about each role's workplace, pay, employment type and apply link.
//!
//! Roles come from the most specific place that names them: a list in the body when it names at
//! least as many roles as the header (it usually adds teams, levels, pay and links), else the
//! header's role fields, else the hiring sentences ("We're hiring a Senior Backend Engineer"), else
//! the header's generic phrase ("Multiple roles"). A role's own line speaks first about its
//! workplace and pay; the header speaks for the whole post; the body's sentences come last.

use std::sync::LazyLock;

use prepboard_core::{EmploymentType, StructuredSalary, WorkplaceType};
use regex::Regex;

use super::body;
use super::fields;
use super::header::{self, Header};
use super::places;
use super::roles::{self, Role};
use super::text::{self, Line};
use super::vocab::vocab;

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
    if let Some(levels) = &header.level_field {
        for role in roles
            .iter_mut()
            .filter(|role| !roles::has_level(&role.title))
        {
            role.title = format!("{} ({})", role.title, levels.trim());
        }
    }

    let location = header.location_fields.join(" | ");
    let body_text: String = body_lines
        .iter()
        .map(|line| line.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let mut post_workplace = header.markers().workplace(true);
    if post_workplace == Some(WorkplaceType::Onsite) && fields::speaks_of_office_days(&body_text) {
        post_workplace = Some(WorkplaceType::Hybrid);
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
    for (role, url) in roles.into_iter().zip(urls) {
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
        let location_text = [role.context.as_str(), location.as_str()]
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
        if !readings.iter().any(|known| same_role(known, &reading)) {
            readings.push(reading);
        }
    }
    Ok(readings)
}

/// A post's roles, each one's apply link, and where they were read from.
type Chosen = (Vec<Role>, Vec<Option<String>>, RoleSource);

/// The roles of a post with each one's apply link, by the precedence in the module docs.
fn choose_roles(
    lines: &[Line],
    body_lines: &[Line],
    header: &Header,
    key_values: usize,
) -> Result<Chosen, Skip> {
    let header_roles: Vec<Role> = header
        .role_fields
        .iter()
        .flat_map(|field| roles::split(field, ""))
        .collect();
    let listed = body::listed_roles(body_lines);
    // A body list that shares no role with the header's is about something else (duties, the
    // team, another post's roles): the header's roles stand. A list the post announces as its
    // roles ("Open roles include:"), or whose every item has its own link, is its openings.
    let agrees = header_roles.is_empty()
        || listed.iter().any(|listed| {
            header_roles
                .iter()
                .any(|role| roles::covers(&role.title, &listed.role.title))
        })
        || listed
            .iter()
            .all(|listed| listed.introduced || listed.url.is_some())
        // Two or more bare titles, one a line, and nothing else: a list of openings, not duties.
        || listed.len() >= 2
            && listed
                .iter()
                .all(|listed| listed.role.context.trim().is_empty());
    // "Head of Engineering | Remote | $182k" over "FetLife | Senior DevOps Engineer | Remote |
    // 115k": a post of several headers, each naming its own role; all of them are the post's.
    if !listed.is_empty()
        && !header_roles.is_empty()
        && listed.iter().all(|listed| listed.header_line)
    {
        let mut roles = header_roles;
        let mut urls = vec![None; roles.len()];
        for listed in listed {
            if !roles
                .iter()
                .any(|known| roles::same_kind(&known.title, &listed.role.title))
            {
                roles.push(listed.role);
                urls.push(listed.url);
            }
        }
        return Ok((roles, urls, RoleSource::HeaderLines));
    }
    // "Also hiring:", "Other roles:": a list that adds to the header's roles.
    if !listed.is_empty() && !header_roles.is_empty() && listed.iter().all(|listed| listed.also) {
        let mut roles = header_roles;
        let mut urls = vec![None; roles.len()];
        for listed in listed {
            if !roles
                .iter()
                .any(|known| roles::same_kind(&known.title, &listed.role.title))
            {
                roles.push(listed.role);
                urls.push(listed.url);
            }
        }
        return Ok((roles, urls, RoleSource::BodyList));
    }
    if !listed.is_empty() && listed.len() >= header_roles.len() && agrees {
        let urls = listed.iter().map(|listed| listed.url.clone()).collect();
        // "Senior Engineers" in the header over a list of engineers without levels: the
        // header's level is theirs. A list that gives levels of its own speaks for itself.
        let list_gives_levels = listed
            .iter()
            .any(|listed| roles::has_level(&listed.role.title));
        let roles = listed
            .into_iter()
            .map(|listed| match header_roles.as_slice() {
                // "Full-stack Senior or Staff Engineer" over "Full-stack engineer: <link>": the
                // header names the same job with its level.
                [only] if !list_gives_levels && names_level_within(&only.title, &listed.role) => {
                    Role {
                        title: only.title.clone(),
                        context: listed.role.context,
                    }
                }
                [only] if !list_gives_levels => roles::under_header_level(listed.role, &only.title),
                _ => listed.role,
            })
            .collect();
        return Ok((roles, urls, RoleSource::BodyList));
    }
    if !header_roles.is_empty() {
        // "Product Engineer" in the header, "We're looking for a Senior Product Engineer" below:
        // the sentence names the same roles more completely (a level, more teams).
        let (roles, source) = match body_lines
            .iter()
            .take(12)
            .map(|line| roles::from_sentence(&line.text))
            .find(|named| refines(&header_roles, named))
        {
            Some(named) => (refined(&header_roles, named), RoleSource::HeaderRefined),
            None => (header_roles, RoleSource::Header),
        };
        let urls = vec![None; roles.len()];
        return Ok((roles, urls, source));
    }
    // Every hiring sentence of the post's opening counts: "We're hiring a Senior Backend
    // Engineer …" and, lines later, "We are also looking for a Product Designer".
    let mut from_sentences: Vec<Role> = Vec::new();
    for role in lines
        .iter()
        .take(12)
        .flat_map(|line| roles::from_sentence(&line.text))
    {
        // A bare "engineers" after "Senior Software Engineer" adds nothing; a "Solutions
        // Engineer" after a bare "Engineer" does.
        if !from_sentences.iter().any(|known| {
            roles::same_kind(&known.title, &role.title) || roles::covers(&role.title, &known.title)
        }) {
            from_sentences.push(role);
        }
    }
    if !from_sentences.is_empty() {
        let roles = from_sentences;
        let urls = vec![None; roles.len()];
        return Ok((roles, urls, RoleSource::Sentence));
    }
    // "iOS & Backend": areas of engineering the header names without a role noun.
    let area_roles: Vec<Role> = header
        .area_fields
        .iter()
        .flat_map(|field| roles::split_areas(field))
        .collect();
    if !area_roles.is_empty() {
        let urls = vec![None; area_roles.len()];
        return Ok((area_roles, urls, RoleSource::Areas));
    }
    let structured = header.all_fields.len() >= 3 || key_values >= 2;
    // "telli is hiring [Berlin, on-site] - careers.telli.com": a company that says it hires and
    // names no role hires for roles it does not name.
    let generic = header.generic.clone().or_else(|| {
        (structured && !header.location_fields.is_empty() || header.announces_hiring)
            .then(|| "Multiple roles".to_owned())
    });
    match generic {
        Some(generic) if header.company.is_some() || structured => Ok((
            vec![Role {
                title: tidy_generic(&generic),
                context: String::new(),
            }],
            vec![None],
            RoleSource::Generic,
        )),
        _ if structured => Err(Skip::NoRole),
        _ => Err(Skip::NotAJob),
    }
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

/// Whether the roles a sentence names say more than the header's: every header role is among
/// them, and they add a role or give a header role its level.
fn refines(header: &[Role], named: &[Role]) -> bool {
    let all_named = header.iter().all(|role| {
        named
            .iter()
            .any(|other| roles::same_kind(&role.title, &other.title) || completes(role, other))
    });
    let adds_level = named
        .iter()
        .any(|other| header.iter().any(|role| adds_level(role, other)));
    let completes_one = named
        .iter()
        .any(|other| header.iter().any(|role| completes(role, other)));
    all_named
        && named.len() >= header.len()
        && (named.len() > header.len() || adds_level || completes_one)
}

/// Whether the header's `title` is `listed`'s job with a level inside it ("Full-stack Senior or
/// Staff Engineer" for "Full-stack engineer"), where `listed` names no level.
fn names_level_within(title: &str, listed: &Role) -> bool {
    let level_word = |word: &str| vocab().seniority_only.is_match(word);
    let words = |text: &str| -> Vec<String> {
        text::without_parentheses(text)
            .split_whitespace()
            .map(str::to_lowercase)
            .collect()
    };
    let header_words = words(title);
    let listed_words = words(&listed.title);
    let header_has_level = header_words.iter().any(|word| level_word(word));
    let rest: Vec<&String> = header_words
        .iter()
        .filter(|word| !level_word(word) && !matches!(word.as_str(), "or" | "and" | "/" | "&"))
        .collect();
    header_has_level
        && !roles::has_level(&listed.title)
        && rest.len() == listed_words.len()
        && rest
            .iter()
            .zip(&listed_words)
            .all(|(a, b)| roles::singular(a).eq_ignore_ascii_case(&roles::singular(b)))
}

/// Whether `other` names the job a bare header noun stands for: "Intern (Summer 2026)" in the
/// header, "a software engineering intern" in the sentence.
fn completes(role: &Role, other: &Role) -> bool {
    !roles::same_kind(&role.title, &other.title)
        && roles::covers(&role.title, &other.title)
        && other.title.split_whitespace().count()
            > text::without_parentheses(&role.title)
                .split_whitespace()
                .count()
}

/// The header's roles as a sentence completes them: a header role the sentence gives a level
/// takes the sentence's title, one it only names again keeps the header's words; the roles the
/// sentence adds follow. None keeps the sentence as its context (its other clauses speak of the
/// company, not of one role).
fn refined(header: &[Role], named: Vec<Role>) -> Vec<Role> {
    let mut roles: Vec<Role> = Vec::new();
    for other in named {
        let role = match header
            .iter()
            .find(|role| roles::same_kind(&role.title, &other.title) || completes(role, &other))
        {
            // "Senior DevOps / SRE" for "DevOps / SRE (Cloud & Infrastructure)": the level joins
            // the header's own words.
            Some(role) if adds_level(role, &other) => Role {
                title: match level_added(role, &other) {
                    Some(level) => format!("{level} {}", role.title),
                    None => other.title,
                },
                context: role.context.clone(),
            },
            Some(role) if completes(role, &other) => Role {
                title: other.title,
                context: role.context.clone(),
            },
            Some(role) => role.clone(),
            None => Role {
                title: other.title,
                context: String::new(),
            },
        };
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    roles
}

/// Whether `other` is `role`'s title with a level before it ("Senior Product Engineer").
fn adds_level(role: &Role, other: &Role) -> bool {
    level_added(role, other).is_some()
}

/// The level `other` puts before `role`'s title (its parentheses aside: "Senior DevOps / SRE"
/// gives "DevOps / SRE (Cloud & Infrastructure)" the level "Senior").
fn level_added(role: &Role, other: &Role) -> Option<String> {
    let bare = text::without_parentheses(&role.title);
    let (title, longer) = (bare.trim().to_lowercase(), other.title.to_lowercase());
    if title.is_empty() || longer.len() <= title.len() || !longer.ends_with(&format!(" {title}")) {
        return None;
    }
    let level = other.title.get(..other.title.len() - title.len())?;
    vocab()
        .seniority_prefix
        .is_match(level)
        .then(|| level.trim().to_owned())
}

/// Roles a post names besides its list, in a sentence of their own: "We're also hiring an ML/SWE
/// intern for the summer". Each is added unless the post already has that kind of role.
fn also_hiring(body_lines: &[Line], roles: &mut Vec<Role>, urls: &mut Vec<Option<String>>) {
    static ALSO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\balso\s+(?:hiring|looking for|seeking|recruiting)\b")
            .expect("valid regex")
    });
    for line in body_lines {
        let Some(found) = ALSO.find(&line.text) else {
            continue;
        };
        for role in roles::from_sentence(&line.text[found.start()..]) {
            // "also looking for engineers" beside "Senior Backend Engineer" adds nothing, and
            // neither does "a technical DevRel profile" beside "DevRel".
            if !roles.iter().any(|known| {
                roles::same_kind(&known.title, &role.title)
                    || roles::covers(&role.title, &known.title)
                    || names_title(&role.title, &known.title)
            }) {
                urls.push(line.urls().into_iter().next());
                roles.push(role);
            }
        }
    }
}

/// "Multiple Roles- Eng, SRE, Analytics" → "Multiple Roles"; "Software Engineering" stays.
fn tidy_generic(text: &str) -> String {
    let cut = text
        .find([':', '-', '–', '—', '('])
        .map_or(text, |at| &text[..at]);
    let cut = cut.trim();
    if cut.is_empty() { text.trim() } else { cut }.to_owned()
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
fn names_title(text: &str, title: &str) -> bool {
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
