//! A post's header: the "Company | Role(s) | Location | REMOTE | Salary | URL" line (or its
//! "Company: …" / "Location: …" key-value form), cut into fields and each field classified.
//!
//! The header is the first line with a `|` among the first three (a post may open with a sentence
//! or an "Edit:" note), joined with the next line when it was broken at a `|`. Without `|`, a
//! first line cut by `•`, `—`, `–` or two spaced hyphens is read the same way. Field 0 is the
//! company unless it is a hiring sentence ("X is hiring Y") or a pronoun ("We are …").

use std::sync::LazyLock;

use regex::Regex;

use super::fields::{self, Markers};
use super::roles;
use super::text::{self, Line};
use super::vocab::vocab;

mod classify;
use classify::classify_field;

/// The fields of a header, by what they say.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Header {
    pub company: Option<String>,
    /// The first URL of the header: the company's site or a careers page.
    pub url: Option<String>,
    /// Fields that name roles, as written.
    pub role_fields: Vec<String>,
    /// A field that announces roles without naming them ("Multiple roles").
    pub generic: Option<String>,
    /// Fields that name areas of engineering without a role noun ("iOS & Backend").
    pub area_fields: Vec<String>,
    /// Fields about where: places and workplace words.
    pub location_fields: Vec<String>,
    /// Fields with an amount of pay.
    pub salary_fields: Vec<String>,
    /// A field of levels alone ("Mid-Level & Senior"): the level of every role that names none.
    pub level_field: Option<String>,
    /// The header opens "Acme is hiring …": a company announcing openings, whether or not it
    /// names them.
    pub announces_hiring: bool,
    /// Every field's text, for employment type and visa words.
    pub all_fields: Vec<String>,
    /// How many lines at the top of the post the header took.
    pub lines_used: usize,
}

impl Header {
    /// The workplace markers of the location fields, read as one header.
    pub fn markers(&self) -> Markers {
        self.location_fields
            .iter()
            .map(|field| fields::markers(field))
            .fold(Markers::default(), Markers::merge)
    }
}

static BRACKET_GROUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[([^\[\]]*\|[^\[\]]*)\]\s*([\p{L}][\p{L} ]*)?").expect("valid regex")
});
static HIRING_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:hey\s+hn\s*[—\-–,:!]*\s*)?(?:we\s+at\s+)?([^.!?|]{2,60}?)\s+(?:is|are)\s+(?:now\s+|also\s+|currently\s+)?hiring\b(?:\s+again\b)?[!.:]?\s*(?:for\s+)?(.*)$")
        .expect("valid regex")
});
static HIRING_AT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bhiring\s+(?:for\s+a\s+.+?\s+)?at\s+([\p{Lu}][\w.&\- ]{1,40}?)[!.,]")
        .expect("valid regex")
});
static ROLE_AT_COMPANY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(.{3,80}?)\s+@\s*([\p{L}\p{N}][^(|]{1,60}?)(?:\s+in\s+([^(|]{2,60}?))?\s*(?:\((.*)\))?$",
    )
    .expect("valid regex")
});
/// Whether a first field of two words is a name that ends in a role noun ("Plumtree Dev",
/// "Orbit Developers"): its first word is no level, area or technology, and a later field names
/// roles.
fn named_with_role_noun(field: &str, later: &[String]) -> bool {
    let vocab = vocab();
    let mut words = field.split_whitespace();
    let (Some(first), Some(_), None) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    first.starts_with(|c: char| c.is_uppercase())
        && !vocab.seniority_prefix.is_match(first)
        && !vocab.role_area.is_match(first)
        && !vocab.technical.is_match(first)
        && !vocab.has_role_word(first)
        && later.iter().any(|field| is_role_field(field))
}

/// A field that is a sentence about hiring ("We’re seeking a turn around Engineering Manager
/// to …"): its role is read as a sentence, not as a title.
static HIRING_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:we|we're|we’re|we are|i'm|i’m|i am|i)\s+(?:\w+\s+)?(?:hiring|seeking|looking|searching|recruiting)\b")
        .expect("valid regex")
});
static PRONOUN_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:we|we're|we’re|i|i'm|i’m|our|my|hi|hello|hey|at|the)\b")
        .expect("valid regex")
});
static KEY_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s\-*•]*(company|role|roles|position|positions|title|job|hiring|location|locations|remote|office|type|commitment|employment|job type|salary|compensation|comp|pay|visa|sponsorship|apply|website|url)\s*:\s*(.+)$")
        .expect("valid regex")
});
static BARE_DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:www\.)?[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.(?:com|io|ai|co|dev|org|net|app|tech|so|xyz|me|tv|bio|cloud|media|health|inc|us|uk|de|fr|nl|se|eu|ca|gg|sh|run|ag|live|space|network|finance|engineering)(?:/\S*)?$")
        .expect("valid regex")
});
/// Words that end a company's name ("Architect Financial Technologies", "Coder Labs").
static COMPANY_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:inc|llc|ltd|gmbh|corp|labs?|technologies|technology|systems|software|group|studios?|capital|health|bio|robotics|ventures|partners|holdings|industries|network|networks|foundation|university|ai)\.?\s*(?:\([^)]*\))?$")
        .expect("valid regex")
});
/// "Hey HN —", "Hi HN!": a greeting before the header.
static GREETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:hey|hi|hello)\s+(?:hn|hacker news|everyone|all|folks)\b[\s,!:.\-–—]*")
        .expect("valid regex")
});
/// The first words of a field that runs on into the description.
static RUN_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\s(?:We|We're|We’re|Our|I'm|I’m|Join|Looking|About|Established|Founded|Hi|Build|Come)\s",
    )
    .expect("valid regex")
});

/// The header of a post, and how many of its first lines it used.
pub(crate) fn read(lines: &[Line]) -> Header {
    let mut header = Header::default();
    let Some((index, line)) = header_line(lines) else {
        return header;
    };
    header.lines_used = index + 1;
    let mut line = GREETING.replace(&line, "").into_owned();
    // A header broken at a `|` continues on the next line, and so does one whose list of roles
    // breaks after a comma ("Senior Backend Engineer, Senior Frontend Engineer," over
    // "Engineering Manager, Product Designer").
    while let Some(next) = lines.get(header.lines_used) {
        let continues = next.text.trim_start().starts_with('|')
            || line.trim_end().ends_with('|') && next.text.contains('|')
            || line.trim_end().ends_with(',') && next.text.split_whitespace().count() <= 10;
        if !continues {
            break;
        }
        line = format!("{} {}", line.trim_end().trim_end_matches('|'), next.text);
        header.lines_used += 1;
    }
    let mut fields = split_fields(&line);
    // A first line of prose with no fields ("Acme builds tools for developers. We have openings
    // for …") is no header: its sentences are the post's, and its role nouns name no field.
    if index == 0
        && fields.len() == 1
        && (is_sentence(&line) || runs_on(&line))
        && !HIRING_LEAD.is_match(&line)
        && !ROLE_AT_COMPANY.is_match(&line)
    {
        return Header {
            company: prose_company(&line),
            ..Header::default()
        };
    }
    // A short title line above a pipe header ("Senior ML Engineer – LLM (m/f/d)" over
    // "€160.000+ | Full-Time | ONSITE") is part of it; a sentence is not.
    for earlier in lines[..index].iter().rev() {
        let words = earlier.text.split_whitespace().count();
        if words <= 12 && !earlier.text.trim_end().ends_with(['.', '!', '?', ':']) {
            let mut above = split_fields(&GREETING.replace(&earlier.text, ""));
            above.extend(fields);
            fields = above;
        }
    }
    let mut company_done = false;
    if let Some(first) = fields.first().cloned() {
        if let Some(captures) = HIRING_LEAD.captures(&first) {
            // "Microsoft Research is hiring Senior MLE's in Cambridge, MA (ONSITE)."
            let company = captures.get(1).map(|m| clean_company(m.as_str()));
            header.company = company.filter(|name| !PRONOUN_START.is_match(name));
            header.announces_hiring = header.company.is_some();
            company_done = true;
            let rest = captures.get(2).map_or("", |m| m.as_str()).trim();
            let rest = roles::strip_sentence_adjectives(rest);
            fields.splice(0..1, split_fields(&rest));
        } else if let Some(captures) = ROLE_AT_COMPANY.captures(&first) {
            // "Founding Engineer @ Conductor (San Francisco, ONSITE)".
            header.company = captures.get(2).map(|m| clean_company(m.as_str()));
            company_done = true;
            let mut replaced = vec![captures[1].to_owned()];
            for place in [captures.get(3), captures.get(4)].into_iter().flatten() {
                replaced.push(place.as_str().to_owned());
            }
            fields.splice(0..1, replaced);
        }
    }
    for (position, field) in fields.iter().enumerate() {
        header.all_fields.push(field.clone());
        let urls = text::urls_in(field);
        if header.url.is_none() {
            header.url = urls.first().cloned();
        }
        let bare = text::collapse(&text::without_urls(field));
        let bare = trim_field(&bare);
        if bare.is_empty() {
            continue;
        }
        if position == 0 && !company_done {
            company_done = true;
            if BARE_DOMAIN.is_match(bare) {
                // "Oscilar.com | …": the site is the name.
                header.company = Some(bare.to_owned());
                continue;
            }
            // One word first is a name even when it is also a role noun ("Coder | …"), and so
            // is a name and a role noun ("Plumtree Dev | Senior Engineer, Designer | …") when
            // its first word is no level, area or technology and a later field names roles.
            let one_word = !bare.contains(' ') && fields.len() >= 2;
            if !PRONOUN_START.is_match(bare)
                && (one_word
                    || COMPANY_WORD.is_match(bare)
                    || !is_role_field(bare)
                    || named_with_role_noun(bare, &fields[1..]))
            {
                // "Docker Inc, Remote (62 positions available)", "40GRID - Full-time Remote":
                // the name, then a place.
                let pieces = cut_outside_parentheses(bare, &[",", " - "]);
                let (name, rest) = match pieces.split_first() {
                    Some((name, rest))
                        if !rest.is_empty()
                            && rest
                                .iter()
                                .all(|piece| fields::markers(piece).says_anything()) =>
                    {
                        (name.clone(), rest.join(", "))
                    }
                    _ => (bare.to_owned(), String::new()),
                };
                // "Hearo (Remote)": a parenthesis of workplace words after the name is where.
                let (name, aside) = match (name.find(" ("), name.trim_end().ends_with(')')) {
                    (Some(open), true)
                        if fields::markers(&name[open..]).workplace(false).is_some() =>
                    {
                        (
                            name[..open].to_owned(),
                            Some(name[open..].trim().to_owned()),
                        )
                    }
                    _ => (name, None),
                };
                header.company = Some(clean_company(&name));
                header.location_fields.extend(aside);
                if !rest.is_empty() {
                    header.location_fields.push(rest);
                }
                continue;
            }
        }
        if BARE_DOMAIN.is_match(bare) {
            continue;
        }
        classify_field(bare, &mut header);
    }
    // "Ro | NYC | Hybrid" over "Senior/Staff Python Engineers for our patient experience and
    // core teams!": a header that names no role, over a line that is a title and says only what
    // it is for, has that role.
    if header.role_fields.is_empty()
        && let Some(title) = lines
            .get(header.lines_used)
            .and_then(|line| title_with_purpose(&line.text))
    {
        header.role_fields.push(title);
        header.lines_used += 1;
    }
    if header.company.is_none() {
        header.company = lines.iter().take(3).find_map(|line| {
            HIRING_AT
                .captures(&line.text)
                .and_then(|captures| captures.get(1))
                .map(|m| clean_company(m.as_str()))
        });
    }
    header
}

/// The title of a line that is a title and what it is for ("Senior Backend Engineers for our
/// payments team!", "Staff SRE wanted"): capitalised words ending in a role noun, then only "for
/// our/the …", "wanted" or "needed".
fn title_with_purpose(line: &str) -> Option<String> {
    static PURPOSE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*([^.!?:|]{3,80}?)\s+(?:wanted|needed|for\s+(?:our|the)\s+[^.!?:|]{1,60})\s*[!.]*\s*$")
            .expect("valid regex")
    });
    let title = PURPOSE.captures(line)?.get(1)?.as_str().trim();
    let words: Vec<&str> = title.split_whitespace().collect();
    let capitalised = words.iter().all(|word| {
        word.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            || vocab().seniority_only.is_match(word)
    });
    let ends_in_noun = vocab()
        .last_role_noun(title)
        .is_some_and(|noun| title[noun.end()..].trim().is_empty());
    (words.len() <= 8 && capitalised && ends_in_noun).then(|| title.to_owned())
}

/// Key-value lines anywhere in the post ("Location: Remote (US only)", "ROLE: Founding Engineer")
/// added to the header as fields of their kind.
pub(crate) fn add_key_values(lines: &[Line], header: &mut Header) -> usize {
    let mut found = 0;
    // "ROLE: Product Designer | REMOTE" on several lines is the body's list of roles, which the
    // body reader reads with each role's own place and link; one "Role:" line is a header field.
    let role_keys = lines
        .iter()
        .skip(header.lines_used)
        .filter_map(|line| KEY_VALUE.captures(&line.text))
        .filter(|captures| {
            matches!(
                captures[1].to_lowercase().as_str(),
                "role" | "position" | "title" | "job"
            )
        })
        .count();
    for line in lines.iter().skip(header.lines_used) {
        let Some(captures) = KEY_VALUE.captures(&line.text) else {
            continue;
        };
        let key = captures[1].to_lowercase();
        let value = text::collapse(&captures[2]);
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        found += 1;
        match key.as_str() {
            "company" if header.company.is_none() => header.company = Some(clean_company(value)),
            "role" | "position" | "title" | "job" if role_keys >= 2 => {}
            "role" | "roles" | "position" | "positions" | "title" | "job" | "hiring" => {
                // "Role: Lead our front-end codebase, …" describes the work; only a title counts.
                let is_title = value.split_whitespace().count() <= 10
                    && value.chars().next().is_some_and(char::is_uppercase)
                    && !value.trim_end().ends_with('.');
                if is_title
                    && vocab().has_role_word(value)
                    && !header.role_fields.iter().any(|f| f == value)
                {
                    header.role_fields.push(value.to_owned());
                }
            }
            "location" | "locations" | "remote" | "office" => {
                let value = if key == "remote" {
                    // "Remote: No (NL-based)", "Remote: Yes (US Only)".
                    let lower = value.to_lowercase();
                    if lower.starts_with("no") {
                        format!("no remote {value}")
                    } else if lower.starts_with("yes") {
                        format!("remote {value}")
                    } else {
                        value.to_owned()
                    }
                } else {
                    value.to_owned()
                };
                header.location_fields.push(value);
            }
            "salary" | "compensation" | "comp" | "pay" if fields::mentions_money(value) => {
                header.salary_fields.push(value.to_owned());
            }
            "salary" | "compensation" | "comp" | "pay" => {}
            "type" | "commitment" | "employment" | "job type" | "visa" | "sponsorship" => {
                header.all_fields.push(value.to_owned());
            }
            _ => {}
        }
    }
    found
}

/// The line that holds the header, with its index; none when the post opens with key-value
/// lines ("COMPANY: …"), which [`add_key_values`] reads instead.
fn header_line(lines: &[Line]) -> Option<(usize, String)> {
    let first = lines.first()?;
    for (index, line) in lines.iter().enumerate().take(3) {
        if line.text.contains('|') {
            return Some((index, line.text.clone()));
        }
    }
    let has_fields = [" – ", " — ", " • ", " · "]
        .iter()
        .any(|separator| first.text.contains(separator));
    (has_fields || !KEY_VALUE.is_match(&first.text)).then(|| (0, first.text.clone()))
}

/// A field without the separators and stray brackets around it; a bracket that closes one the
/// field opened stays ("London (ONSITE)").
fn trim_field(field: &str) -> &str {
    let mut field = field.trim_matches(|c: char| "*,;:-–—|_ ".contains(c));
    loop {
        let before = field;
        let opens = field.matches(['(', '[']).count();
        let closes = field.matches([')', ']']).count();
        if closes > opens {
            field = field
                .trim_end_matches([')', ']'])
                .trim_start_matches([')', ']']);
        } else if opens > closes {
            field = field
                .trim_start_matches(['(', '['])
                .trim_end_matches(['(', '[']);
        }
        field = field.trim_matches(|c: char| "*,;:-–—|_ ".contains(c));
        if field == before {
            return field;
        }
    }
}

/// A header line cut into fields: at `|` (and `[A | B] Role` groups written out), else at `•`,
/// `—`, `–`, else at two or more spaced hyphens. Parentheses are never cut.
pub(crate) fn split_fields(line: &str) -> Vec<String> {
    let rewritten = BRACKET_GROUP.replace_all(line, |captures: &regex::Captures<'_>| {
        let inside = &captures[1];
        match captures.get(2).map(|m| m.as_str().trim()) {
            Some(after) if vocab().has_role_word(after) => {
                // "[Platform | Security | Frontend] Engineer": one role per item.
                let roles: Vec<String> = inside
                    .split('|')
                    .map(str::trim)
                    .filter(|item| !item.is_empty())
                    .map(|item| format!("{item} {after}"))
                    .collect();
                format!("{} ", roles.join(" • "))
            }
            Some(after) => format!("| {inside} | {after}"),
            None => format!("| {inside} |"),
        }
    });
    let mut fields = cut_outside_parentheses(&rewritten, &["|"]);
    if fields.len() < 2 {
        // "SF Sauna -- SF Bay Area": a doubled hyphen is a typed dash.
        fields = cut_outside_parentheses(&rewritten, &[" • ", " · ", " — ", " – ", " -- "]);
    }
    if fields.len() < 2 && rewritten.matches(" - ").count() >= 2 {
        fields = cut_outside_parentheses(&rewritten, &[" - "]);
    } else if fields.len() >= 2 {
        // Within pipe fields, dashes still part a role from a place ("Engineer — Bay Area"),
        // but not the two ends of a pay range ("$120k – $160k").
        fields = fields
            .into_iter()
            .flat_map(|field| {
                if fields::mentions_money(&field) {
                    vec![field]
                } else {
                    cut_outside_parentheses(&field, &[" — ", " – "])
                }
            })
            .collect();
    }
    fields
        .into_iter()
        .map(|field| run_on_cut(field.trim().trim_matches('*').trim()))
        .filter(|field| !field.is_empty())
        .collect()
}

fn cut_outside_parentheses(line: &str, separators: &[&str]) -> Vec<String> {
    let mut fields = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    let mut rest = line;
    'outer: while let Some(c) = rest.chars().next() {
        if depth == 0 {
            for separator in separators {
                if let Some(after) = rest.strip_prefix(separator) {
                    fields.push(std::mem::take(&mut current));
                    rest = after;
                    continue 'outer;
                }
            }
        }
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        current.push(c);
        rest = &rest[c.len_utf8()..];
    }
    fields.push(current);
    fields
        .into_iter()
        .map(|field| field.trim().to_owned())
        .filter(|field| !field.is_empty())
        .collect()
}

/// A field that runs on into the description ("Remote (Europe) We're building …") cut before
/// the description starts.
fn run_on_cut(field: &str) -> String {
    if field.split_whitespace().count() <= 8 {
        return field.to_owned();
    }
    match RUN_ON.find(field) {
        Some(found) if found.start() > 0 => field[..found.start()].trim().to_owned(),
        _ => field.to_owned(),
    }
}

/// Whether a line goes on past its first sentence ("Acme builds logistics software used by 500
/// companies. Positions available: …"): a stop and a capital after at least three words.
fn runs_on(line: &str) -> bool {
    static STOP: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[a-z)][.!?]\s+\p{Lu}").expect("valid regex"));
    STOP.find(line)
        .is_some_and(|found| line[..found.start()].split_whitespace().count() >= 3)
}

/// The name a line of prose opens with: "Acme builds tools …" → "Acme"; "We build …" → none.
fn prose_company(line: &str) -> Option<String> {
    if PRONOUN_START.is_match(line) {
        return None;
    }
    let words: Vec<&str> = line.split_whitespace().take(5).collect();
    let name_words = words
        .iter()
        .take_while(|word| word.chars().next().is_some_and(|c| !c.is_lowercase()))
        .count();
    ((1..=4).contains(&name_words) && name_words < words.len())
        .then(|| clean_company(&words[..name_words].join(" ")))
}

/// Whether a field is prose, not a header field: "Sumble is the newco from the founders of
/// Kaggle.", or a first line that runs on for a paragraph. Its role nouns name no opening.
fn is_sentence(field: &str) -> bool {
    static SENTENCE_WORD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:is|are|was|were|has|have|we|we're|we’re|our|you|your|i|i'm|i’m)\b")
            .expect("valid regex")
    });
    let outside = text::without_parentheses(field);
    let words = outside.split_whitespace().count();
    words > 16
        || (words >= 5
            && field.trim_end().ends_with(['.', '!', '?'])
            && SENTENCE_WORD.is_match(&outside))
}

/// Whether a header field names roles: a role word outside its parentheses, or a generic phrase.
fn is_role_field(field: &str) -> bool {
    let vocab = vocab();
    vocab.has_role_word(&text::without_parentheses(field)) && !only_employment(field)
}

/// "Interns", "Contract or Full-time": employment words, not roles.
fn only_employment(field: &str) -> bool {
    let vocab = vocab();
    let rest = vocab.internship.replace_all(field, " ");
    let rest = vocab.full_time.replace_all(&rest, " ");
    let rest = vocab.contract.replace_all(&rest, " ");
    rest.trim_matches(|c: char| !c.is_alphanumeric()).is_empty()
}

/// A company name without the decorations HN posters add: "(YC S24)", "(Series A)", a URL.
fn clean_company(name: &str) -> String {
    static DECORATION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\s*\((?:yc|series|fka|previously|formerly|https?:|www\.|[a-z0-9\-]+\.[a-z]{2,}\)).*?\)|\s*\[[^\]]*\]|,\s*yc\s+\w+$|\s+yc\s+[sfwx]\d{2}\b")
            .expect("valid regex")
    });
    let without_urls = text::without_urls(name);
    let cleaned = DECORATION.replace_all(&without_urls, "");
    text::collapse(cleaned.trim_matches(|c: char| "*_|:;,.-–—()[]! ".contains(c)))
}

#[cfg(test)]
mod tests;
