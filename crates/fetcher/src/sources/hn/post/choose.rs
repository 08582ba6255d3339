//! Choosing a post's roles: the header's fields, a body list, a hiring sentence, areas or a
//! generic phrase, by the precedence in the parent module's docs, and the roles a sentence adds
//! to them or completes ("Senior DevOps / SRE" for the header's "DevOps / SRE").

use std::sync::LazyLock;

use regex::Regex;

use super::super::body;
use super::super::header::Header;
use super::super::roles::{self, Role};
use super::super::text::{self, Line};
use super::super::vocab::vocab;
use super::{RoleSource, Skip, names_title};

/// A sentence that hires without naming a role: "We're hiring across teams", "Acme is hiring
/// for multiple roles".
static GENERIC_HIRING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:we(?:'re|’re| are)|is|are)\s+(?:now\s+|currently\s+|actively\s+)?hiring\s+(?:across\s+(?:all\s+)?(?:teams|the\s+board|functions|departments)|for\s+(?:multiple|many|several|various)\s+(?:roles|positions))\b")
        .expect("valid regex")
});

/// A post's roles, each one's apply link, and where they were read from.
pub(super) type Chosen = (Vec<Role>, Vec<Option<String>>, RoleSource);

/// The roles of a post with each one's apply link, by the precedence in the module docs.
pub(super) fn choose_roles(
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
        return Ok(header_and_listed(
            header_roles,
            listed,
            RoleSource::HeaderLines,
        ));
    }
    // "Also hiring:", "Other roles:": a list that adds to the header's roles.
    if !listed.is_empty() && !header_roles.is_empty() && listed.iter().all(|listed| listed.also) {
        return Ok(header_and_listed(
            header_roles,
            listed,
            RoleSource::BodyList,
        ));
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
                // "Founding Engineers (Infrastructure, Applied AI)" over "Infrastructure Engineer:
                // …": a list item the header names with a level takes the header's level.
                several => with_header_level(listed.role, several),
            })
            .collect();
        return Ok((roles, urls, RoleSource::BodyList));
    }
    if !header_roles.is_empty() {
        // "Product Engineer" in the header, "We're looking for a Senior Product Engineer" below:
        // the sentence names the same roles more completely (a level, more teams).
        let (roles, source) =
            match body_lines
                .iter()
                .take(12)
                .map(|line| roles::from_sentence(&line.text))
                .find(|named| refines(&header_roles, named))
            {
                Some(named) => (refined(&header_roles, named), RoleSource::HeaderRefined),
                None => match body_lines.iter().take(12).find_map(|line| {
                    kinds_of_bare(&header_roles, &roles::from_sentence(&line.text))
                }) {
                    Some(roles) => (roles, RoleSource::HeaderRefined),
                    None => (header_roles, RoleSource::Header),
                },
            };
        let urls = vec![None; roles.len()];
        return Ok((roles, urls, source));
    }
    // Every hiring sentence of the post's opening counts: "We're hiring a Senior Backend
    // Engineer …" and, lines later, "We are also looking for a Product Designer".
    let mut from_sentences: Vec<Role> = Vec::new();
    for line in lines.iter().take(12) {
        // A bare "engineers" after "Senior Software Engineer" adds nothing; a "Solutions
        // Engineer" after a bare "Engineer" does. One line's list is taken whole ("a Staff
        // Engineer and two Senior Engineers").
        let earlier = from_sentences.len();
        for role in roles::from_sentence(&line.text) {
            if !from_sentences[..earlier].iter().any(|known| {
                roles::same_kind(&known.title, &role.title)
                    || roles::covers(&role.title, &known.title)
            }) && !from_sentences.contains(&role)
            {
                from_sentences.push(role);
            }
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
    // "Job description: https://…/Senior-Python-Developer-37de…": the only title is the link's.
    let mut linked: Vec<Role> = Vec::new();
    let mut linked_urls: Vec<Option<String>> = Vec::new();
    for url in lines.iter().flat_map(Line::urls) {
        let Some(title) = link_title(&url) else {
            continue;
        };
        let role = Role {
            title,
            context: String::new(),
        };
        if !linked.contains(&role) {
            linked.push(role);
            linked_urls.push(Some(url));
        }
    }
    if !linked.is_empty() {
        return Ok((linked, linked_urls, RoleSource::Link));
    }
    let structured = header.all_fields.len() >= 3 || key_values >= 2;
    // "telli is hiring [Berlin, on-site] - careers.telli.com": a company that says it hires and
    // names no role hires for roles it does not name.
    // "Tansy Health | Remote (US)" over "We're hiring across teams.": the body's generic
    // hiring sentence says the same as a header's "Multiple roles".
    let body_hires_generically = header.company.is_some()
        && !header.location_fields.is_empty()
        && lines.iter().any(|line| GENERIC_HIRING.is_match(&line.text));
    let generic = header.generic.clone().or_else(|| {
        (structured && !header.location_fields.is_empty()
            || header.announces_hiring
            || body_hires_generically)
            .then(|| "Multiple roles".to_owned())
    });
    // "Multiple roles across engineering and product": a role in each department it names.
    if let Some(departments) = generic
        .as_deref()
        .and_then(|generic| roles::departments_after(generic, ""))
        .filter(|_| header.company.is_some() || structured)
    {
        let urls = vec![None; departments.len()];
        return Ok((departments, urls, RoleSource::Generic));
    }
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

/// The header's roles, then each listed role of a kind the header does not name, with its link.
fn header_and_listed(
    header_roles: Vec<Role>,
    listed: Vec<body::ListedRole>,
    source: RoleSource,
) -> Chosen {
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
    (roles, urls, source)
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

/// `role` with the level of the one header role that names the same job with a level
/// ("Founding Infrastructure Engineer" for "Infrastructure Engineer"); as it is otherwise.
fn with_header_level(role: Role, header: &[Role]) -> Role {
    if roles::has_level(&role.title) {
        return role;
    }
    let leveled: Vec<&Role> = header
        .iter()
        .filter(|known| {
            roles::has_level(&known.title) && roles::same_kind(&known.title, &role.title)
        })
        .collect();
    match leveled.as_slice() {
        [known] => match level_added(&role, known) {
            Some(level) => Role {
                title: format!("{level} {}", role.title),
                context: role.context,
            },
            None => role,
        },
        _ => role,
    }
}

/// The header's roles with a bare one ("Developers") replaced by the two or more kinds of it a
/// sentence names ("front-end, back-end and full stack developers"), the others as they are.
/// `None` when the sentence names no such kinds.
fn kinds_of_bare(header: &[Role], named: &[Role]) -> Option<Vec<Role>> {
    let mut roles = Vec::new();
    let mut split = false;
    for role in header {
        let kinds: Vec<&Role> = named
            .iter()
            .filter(|other| {
                roles::covers(&role.title, &other.title)
                    && !roles::same_kind(&role.title, &other.title)
            })
            .collect();
        if kinds.len() >= 2 {
            split = true;
            roles.extend(kinds.into_iter().map(|kind| Role {
                title: kind.title.clone(),
                context: role.context.clone(),
            }));
        } else {
            roles.push(role.clone());
        }
    }
    split.then_some(roles)
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
    // The sentence's parentheses aside too: "Senior/Staff DevOps Engineer (Kubernetes, …)".
    let other_bare = text::without_parentheses(&other.title);
    let other_bare = other_bare.trim();
    let (title, longer) = (bare.trim().to_lowercase(), other_bare.to_lowercase());
    if title.is_empty() || longer.len() <= title.len() || !longer.ends_with(&format!(" {title}")) {
        return None;
    }
    let level = other_bare.get(..other_bare.len() - title.len())?;
    // Only a level: "Senior Backend Engineer - Staff Platform Engineer - Product Designer" puts
    // two titles before "Product Designer", not a level.
    vocab()
        .seniority_only
        .is_match(level.trim())
        .then(|| level.trim().to_owned())
}

/// Roles a post names besides its list, in a sentence of their own: "We're also hiring an ML/SWE
/// intern for the summer". Each is added unless the post already has that kind of role.
pub(super) fn also_hiring(
    body_lines: &[Line],
    roles: &mut Vec<Role>,
    urls: &mut Vec<Option<String>>,
) {
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

/// The title a job link's address spells ("…/Senior-Python-Developer-37de517e", "…/careers/
/// founding-engineer"): its last path segment cut at hyphens or underscores, ids dropped, when the
/// words end in a role noun and open like a title.
fn link_title(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    let segment = parsed
        .path_segments()?
        .rfind(|segment| !segment.is_empty())?;
    let words: Vec<String> = segment
        .split(['-', '_', '+'])
        .filter(|word| !word.is_empty())
        // An id ("37de517efa", "4956070007") ends the title.
        .take_while(|word| word.chars().all(char::is_alphabetic))
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect();
    let first = words.first()?.to_lowercase();
    let last = words.last()?;
    (words.len() >= 2
        && words.len() <= 6
        && !vocab().not_link_title_openers.contains(&first)
        && vocab().role_noun.is_match(last)
        && vocab()
            .role_noun
            .find(last)
            .is_some_and(|found| found.as_str().len() == last.len()))
    .then(|| words.join(" "))
}
