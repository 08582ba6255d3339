//! Roles listed in a post's body: "1. Senior Go Engineer: You will …", "- Backend Engineer –
//! https://…", "Open Roles:" followed by one title per line, "Engineering – Senior Software
//! Engineer".
//!
//! A line is a role line when, its list marker and emphasis removed, it opens with a title — a
//! phrase of at most ten words holding a role noun, not opening with a pronoun, a verb of the
//! application ("Apply", "Email") or a heading word ("Stack", "Location") — that ends at a
//! separator (`:`, ` - `, `|`, `→`, a URL, an amount), or it is a short title alone on its line
//! inside a list of roles. What follows the title on the line (and a next line that only holds a
//! URL or a place in parentheses) is the role's context: its own place, pay and apply link.

use std::sync::LazyLock;

use regex::Regex;

use super::fields;
use super::places;
use super::roles::{self, Role};
use super::text::{self, Line};
use super::vocab::vocab;

/// A role found on a body line, with its apply link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ListedRole {
    pub role: Role,
    pub url: Option<String>,
    /// Listed under a line that announces roles ("Open roles include:"), so an opening, whatever
    /// the header names.
    pub introduced: bool,
    /// Read from a line shaped like a post's header ("FetLife | Senior DevOps Engineer |
    /// Remote | 115k - 180k USD"): a second header of a post that advertises roles one by one.
    pub header_line: bool,
}

static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[-*•+>→◦▪–—●■□➤✅]+|\d{1,2}[.)]|\[\d{1,2}\]|\(\d{1,2}\))\s*")
        .expect("valid regex")
});
static EMPHASIS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[*_]{1,2}").expect("valid regex"));
/// Where a title ends on its line.
static TITLE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\s*:\s+|\s*:$|\s+[-–—]+\s+|\s*[-–—]+>\s*|\s*\|\s*|\s*→\s*|\s*=>\s*|\s+https?://|\s+h?https?://|\s+[$€£]\s*\d)")
        .expect("valid regex")
});
/// Words a title never opens with.
static NOT_A_TITLE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:we|we're|we’re|we've|you|you'll|you’ll|your|our|us|i|i'm|i’m|i've|my|me|if|this|that|these|those|it|its|it's|they|their|there|here|please|apply|applying|email|e-mail|contact|send|see|check|learn|view|read|visit|more|for|to|in|with|and|or|but|not|no|so|as|at|by|on|from|about|why|what|who|how|when|where|all|any|each|every|some|most|stack|tech|technologies|location|locations|salary|comp|compensation|benefits|perks|requirements|responsibilities|bonus|note|ps|p\.s\.|edit|update|interview|process|hours|type|role|roles|remote|visa|team|culture|website|jobs|careers|links?|must|nice|ideal|ideally|strong|experience|bonus|work|working|build|building|help|join|own|leading|designing|shape|drive|looking|hiring|currently|also|plus|a|an|the|one|two|three|job|position|positions|details|more|questions|cofounders|founders|founded|backed|based)\b")
        .expect("valid regex")
});
/// Lines that introduce a list of roles.
static LIST_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:open roles|open positions|current(?:ly)? (?:roles|openings|open roles|positions)|roles currently available|positions|openings|we(?:'re|’re| are) (?:currently )?(?:\w+ )?(?:hiring|looking for|seeking)(?: for)?|hiring|seeking|featured roles|roles|we need|looking for|the roles?)(?:\s+(?:include|includes|are|below))?\s*(?:\([^)]*\))?\s*[:!]?\s*$")
        .expect("valid regex")
});
static PROFILE_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)linkedin\.com/in/|twitter\.com/|x\.com/|github\.com/[^/]+/?$|calendly\.com")
        .expect("valid regex")
});
/// Role nouns of the company's own leaders: on a body line they sign the post ("Shaswat,
/// co-founder & CEO") or introduce the team ("Proven, technical founder"), they are not openings.
static SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:co-?founders?|founders?|ceo|cto|coo|cfo)\b").expect("valid regex")
});
/// A list item that names its role by discipline ("Bayesian Software Engineering").
static DISCIPLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\p{Lu}][\w\s+#/&-]{0,60}\b(?:engineering|development)(?:\s*\([^)]*\))?$")
        .expect("valid regex")
});
/// Lines that announce the post's openings ("Open roles include:", "We're hiring for:"), as
/// opposed to a list of requirements ("What we're looking for:").
static ROLE_LIST_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:open roles|open positions|openings|roles|positions|vacancies|we(?:'re|’re| are) (?:currently )?(?:\w+ )?hiring(?: for)?|hiring for|now hiring)(?:\s+(?:include|includes|are|below))?\s*(?:\([^)]*\))?\s*[:!]?\s*$")
        .expect("valid regex")
});
/// A heading over a list of roles ("GTM roles:", "Engineering positions"): it names no role itself.
static ROLE_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:roles|positions|openings|opportunities|vacancies)\s*:?\s*$")
        .expect("valid regex")
});
/// A label before a list item's title: "ROLE: Product Designer | REMOTE", "1. Hiring: OS Engineer".
static ITEM_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:now\s+)?hiring|role|position|opening|job|open role)\s*:\s*")
        .expect("valid regex")
});
/// What comes with pay ("Equity", "Bonus"): never a team or an area qualifying a title.
static PAY_EXTRA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\+\s*)?(?:equity|stock(?: options)?|options|bonus(?:es)?|benefits|commission|rsus?|esop)\b")
        .expect("valid regex")
});
/// A line that only continues the role line above: "(SF) https://…", a bare URL.
static CONTINUATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:\([^)]*\)\s*)?(?:→\s*)?h?https?://\S+\s*$").expect("valid regex")
});

/// A line that introduces a list of areas by the role they share: "We're hiring across
/// disciplines for engineers who work with Unix:" (then "● Backend Servers: Strong in C").
static AREA_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:hiring|looking for|seeking|recruiting)\b.*?\b(engineers|developers)\b[^:]*:\s*$",
    )
    .expect("valid regex")
});

/// The roles the body lists, in order, from the lines after the header.
pub(crate) fn listed_roles(lines: &[Line]) -> Vec<ListedRole> {
    let mut found: Vec<ListedRole> = Vec::new();
    let mut in_list = false;
    // Under a line that announces roles, until prose ends the list.
    let mut introduced = false;
    // The role noun an area list shares ("Engineer"), while such a list goes on.
    let mut area_noun: Option<String> = None;
    let mut index = 0;
    while index < lines.len() {
        let line = &lines[index].text;
        let next = lines.get(index + 1).map(|line| line.text.as_str());
        if let Some(noun) = AREA_INTRO
            .captures(line)
            .and_then(|captures| captures.get(1))
        {
            area_noun = Some(roles::singular(&capitalised(noun.as_str())));
            index += 1;
            continue;
        }
        let area_role = area_noun.as_deref().and_then(|noun| area_line(line, noun));
        if let Some(mut item) = area_role {
            // The line above announced the list.
            item.introduced = true;
            if !found.iter().any(|known| known.role == item.role) {
                found.push(item);
            }
            index += 1;
            continue;
        }
        if !MARKER.is_match(line) && line.split_whitespace().count() > 12 {
            area_noun = None;
        }
        if let Some((mut listed, continued)) = role_line(line, next, in_list) {
            if continued {
                index += 1;
            }
            let header_shaped = is_header_shaped(line);
            for mut item in listed.drain(..) {
                item.introduced = introduced;
                item.header_line = header_shaped;
                if !found.iter().any(|known| {
                    known.role.title == item.role.title && known.role.context == item.role.context
                }) {
                    found.push(item);
                }
            }
            in_list = true;
        } else {
            // A paragraph of prose ends a list of bare titles; a URL line, a note in parentheses
            // ("(React, NextJS, …)") or a short line does not.
            let words = line.split_whitespace().count();
            let aside = line.trim_start().starts_with('(');
            if LIST_INTRO.is_match(line) && words <= 12 {
                in_list = true;
                introduced = ROLE_LIST_INTRO.is_match(line);
            } else if words > 12 && !MARKER.is_match(line) && !aside {
                in_list = false;
                introduced = false;
            }
        }
        index += 1;
    }
    found
}

/// "● Backend Servers: Strong in C" in a list of areas that share `noun`: "Backend Servers
/// Engineer", its line the context. An area outside engineering ("Product Design") stays as it is.
fn area_line(line: &str, noun: &str) -> Option<ListedRole> {
    if !MARKER.is_match(line) {
        return None;
    }
    let bare = MARKER.replace(line, "");
    let bare = EMPHASIS.replace_all(&bare, "");
    let (area, rest) = split_title(bare.trim());
    let area = area.trim();
    if rest.is_empty()
        || area.split_whitespace().count() > 4
        || vocab().has_role_word(area)
        || !is_title_shaped(area)
    {
        return None;
    }
    let title = if vocab().technical.is_match(area) {
        format!("{area} {noun}")
    } else {
        area.to_owned()
    };
    let context = text::collapse(&text::without_urls(&rest));
    // "Product Design" is not a title to the splitter, but in this list it names a role.
    let role = roles::split(&title, &context)
        .into_iter()
        .next()
        .unwrap_or(Role { title, context });
    Some(ListedRole {
        role,
        url: text::urls_in(&bare).into_iter().next(),
        introduced: false,
        header_line: false,
    })
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The roles one body line lists, and whether it used the next line as its continuation.
fn role_line(line: &str, next: Option<&str>, in_list: bool) -> Option<(Vec<ListedRole>, bool)> {
    let vocab = vocab();
    let has_marker = MARKER.is_match(line);
    let bare = MARKER.replace(line, "");
    let bare = EMPHASIS.replace_all(&bare, "");
    let bare = ITEM_LABEL.replace(bare.trim(), "");
    let bare = bare.trim();
    if bare.is_empty() || PROFILE_URL.is_match(bare) {
        return None;
    }
    // The first segment; "Engineering – Senior Software Engineer" (a department first) takes the
    // next one, and "Sales: We need to hire our second sales rep" the role its sentence names.
    let (mut head, mut rest) = split_title(bare);
    if !vocab.has_role_word(&head) && !rest.is_empty() && is_title_shaped(&head) {
        let (second, after) = split_title(&rest);
        if vocab.has_role_word(&second) && is_title_shaped(&second) {
            head = second;
            rest = after;
        } else if has_marker || in_list {
            let named: Vec<ListedRole> = roles::from_sentence(&rest)
                .into_iter()
                .map(|role| ListedRole {
                    role,
                    url: text::urls_in(bare).into_iter().next(),
                    introduced: false,
                    header_line: false,
                })
                .collect();
            if !named.is_empty() {
                return Some((named, false));
            }
        }
    }
    let separated = !rest.is_empty();
    // The role noun stands outside the parentheses: "Startup experience (founder or engineer)"
    // is a requirement.
    let head_words = text::without_parentheses(&text::without_urls(&head));
    let names_role = (vocab.has_role_word(&head_words) && !head.trim_start().starts_with("http"))
        || has_marker && DISCIPLINE.is_match(&head);
    if !names_role
        || !is_title_shaped(&head)
        || ROLE_HEADING.is_match(&head)
        || head.contains('@')
        || leaders_only(&head)
        || fields::keyed_pay(bare).is_some() && !separated
    {
        return None;
    }
    // A title alone on its line counts only inside a list of roles, or before its link.
    let next_continues = next.is_some_and(|next| CONTINUATION.is_match(next));
    if !separated && !has_marker && !in_list && !next_continues {
        return None;
    }
    // A parenthesis of places or levels ("(Remote, USA - ET, CT, MT)") does not lengthen a title.
    if !separated && text::without_parentheses(&head).split_whitespace().count() > 8 {
        return None;
    }
    // Qualifiers after a dash stay in the title while they read as a team or an area.
    let (title, context) = extend_with_qualifiers(&head, &rest);
    let mut context = context;
    let mut url = text::urls_in(bare).into_iter().next();
    let mut continued = false;
    if let Some(next) = next.filter(|next| CONTINUATION.is_match(next)) {
        context = format!("{context} {}", text::without_urls(next));
        if url.is_none() {
            url = text::urls_in(next).into_iter().next();
        }
        continued = true;
    }
    let context = text::collapse(&text::without_urls(&context));
    let listed: Vec<ListedRole> = roles::split(&title, &context)
        .into_iter()
        .map(|role| ListedRole {
            role,
            url: url.clone(),
            introduced: false,
            header_line: false,
        })
        .collect();
    (!listed.is_empty()).then_some((listed, continued))
}

/// A line of three or more `|` fields, as a post's header is written.
fn is_header_shaped(line: &str) -> bool {
    text::without_parentheses(line).matches('|').count() >= 3
}

/// Whether every role noun of `head` names one of the company's leaders.
fn leaders_only(head: &str) -> bool {
    let without = SIGNATURE.replace_all(head, " ");
    SIGNATURE.is_match(head) && !vocab().has_role_word(&without)
}

/// The text before a line's first title separator, and the rest.
fn split_title(text: &str) -> (String, String) {
    // Parentheses are part of the title ("Senior MLE (R&D):"); look for separators outside them.
    let mut depth = 0usize;
    for (at, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > 0 {
            continue;
        }
        if let Some(found) = TITLE_END
            .find_at(text, at)
            .filter(|found| found.start() == at)
        {
            let head = text[..at].trim().to_owned();
            let rest = text[found.start()..]
                .trim_start_matches([':', '|', '-', '–', '—', '>', '→', '=', ' ']);
            return (head, rest.trim().to_owned());
        }
    }
    (text.trim().to_owned(), String::new())
}

/// Whether `head` reads as a job title rather than a sentence.
fn is_title_shaped(head: &str) -> bool {
    // Parentheses of teams, places and levels do not make a title longer.
    let outside = text::without_parentheses(head);
    let words: Vec<&str> = outside.split_whitespace().collect();
    let Some(first) = words.first() else {
        return false;
    };
    if words.len() > 10 || NOT_A_TITLE_START.is_match(head) {
        return false;
    }
    // Titles open with a capital, a digit-free word in capitals, or a level written in lower case
    // ("senior level systems engineers").
    let opens_like_a_title = first
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c == '[')
        || vocab().seniority_prefix.is_match(head)
        || vocab().technical.is_match(first);
    // "Lead design discussions and write clear design docs" is a duty, not a title: a title's
    // words are mostly capitalised, or it ends in its role noun ("senior level systems engineers").
    let capitalised = words
        .iter()
        .filter(|word| {
            word.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
        })
        .count();
    let ends_in_role = vocab()
        .role_noun
        .find_iter(head)
        .last()
        .is_some_and(|found| {
            head[found.end()..].trim().is_empty()
                || head[found.end()..].trim_start().starts_with('(')
        });
    let reads_as_title = words.len() < 3 || capitalised * 2 >= words.len() || ends_in_role;
    opens_like_a_title
        && reads_as_title
        && !first.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// The title with the dash-separated team or area names that follow it ("Software Engineering
/// Manager - Database"), and the rest of the line as context.
fn extend_with_qualifiers(head: &str, rest: &str) -> (String, String) {
    let mut title = head.to_owned();
    let mut rest = rest.to_owned();
    loop {
        let (segment, after) = split_title(&rest);
        // "- Infrastructure, Machine Learning (Technical Lead, $200,000 - $250,000)": the team
        // name stays, its parenthesis of level and pay goes to the context.
        let (segment, aside) = match segment.find(" (") {
            Some(open) if segment.ends_with(')') => (
                segment[..open].trim().to_owned(),
                segment[open..].trim().to_owned(),
            ),
            _ => (segment, String::new()),
        };
        let after = if aside.is_empty() {
            after
        } else {
            format!("{aside} {after}")
        };
        let words = segment.split_whitespace().count();
        let qualifier = !segment.is_empty()
            && words <= 5
            && !fields::markers(&segment).says_anything()
            && !places::names_place(&segment)
            && !fields::mentions_money(&segment)
            && !PAY_EXTRA.is_match(&segment)
            && fields::employment(&segment).is_none()
            && !text::urls_in(&segment).iter().any(|_| true)
            && !NOT_A_TITLE_START.is_match(&segment)
            && segment.chars().next().is_some_and(char::is_uppercase)
            && !rest.starts_with('(')
            && !segment.ends_with('.');
        if !qualifier || rest.trim_start().starts_with("http") {
            break;
        }
        title = format!("{title} - {segment}");
        rest = after;
        if rest.is_empty() {
            break;
        }
    }
    (title, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(text: &str) -> Vec<(String, Option<String>)> {
        let lines: Vec<Line> = text
            .lines()
            .map(|line| Line {
                text: line.to_owned(),
            })
            .collect();
        listed_roles(&lines)
            .into_iter()
            .map(|listed| (listed.role.title, listed.url))
            .collect()
    }

    #[test]
    fn numbered_bulleted_and_titled_lines() {
        let got = listed(
            "We are hiring for two core roles:\n1. Senior Go Engineer: You will build distributed systems.\n2. Bioinformatics Developer (Antibody Discovery): You will work on the scientific core.\nComp: Top-tier EU salaries (~€90k - €120k).\nEmail me (I am the CEO): ceo@example.com",
        );
        let titles: Vec<&str> = got.iter().map(|(title, _)| title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Senior Go Engineer",
                "Bioinformatics Developer (Antibody Discovery)"
            ]
        );

        let got = listed(
            "Open Roles:\nBackend Engineer, AI Content Agents\nDeveloper Productivity Engineer\nWe are committed to reviewing all applications",
        );
        let titles: Vec<&str> = got.iter().map(|(title, _)| title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Backend Engineer, AI Content Agents",
                "Developer Productivity Engineer"
            ]
        );

        let got = listed(
            "- Senior level systems engineers: https://job-boards.greenhouse.io/cloudflare/jobs/5390243",
        );
        assert_eq!(
            got,
            [(
                "Senior Level Systems Engineer".to_owned(),
                Some("https://job-boards.greenhouse.io/cloudflare/jobs/5390243".to_owned())
            )]
        );
    }

    #[test]
    fn departments_qualifiers_and_continuations() {
        let got = listed(
            "Open roles\nEngineering – Senior Software Engineer\nSoftware Engineering Manager - Database - https://example.com/careers/1\n[Leadership] Engineering Manager\n(SF) https://grnh.se/s7yxefzs5us",
        );
        let titles: Vec<&str> = got.iter().map(|(title, _)| title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Senior Software Engineer",
                "Software Engineering Manager - Database",
                "Engineering Manager"
            ]
        );
        assert_eq!(got[2].1.as_deref(), Some("https://grnh.se/s7yxefzs5us"));
    }

    #[test]
    fn areas_under_a_line_that_names_their_role() {
        let got = listed(
            "We're hiring across disciplines for engineers who know Unix:\n● Backend: Strong in Go\n● Mobile Apps: Strong in Swift\n● Marketing: Can write\nWe value generalists who learn quickly and who can work on anything at all.\n● Security: not a role now",
        );
        let titles: Vec<&str> = got.iter().map(|(title, _)| title.as_str()).collect();
        assert_eq!(
            titles,
            ["Backend Engineer", "Mobile Apps Engineer", "Marketing"]
        );
    }

    #[test]
    fn prose_profiles_and_requirements_are_not_roles() {
        assert!(
            listed("Russ D'sa, CEO and Cofounder: https://www.linkedin.com/in/russelldsa/")
                .is_empty()
        );
        assert!(listed("- 5+ years SWE experience.").is_empty());
        assert!(
            listed("We're looking for senior engineers to work out of our offices.").is_empty()
        );
        assert!(
            listed("* Work directly with the developers of the most successful teams").is_empty()
        );
        assert!(listed("Stack: TypeScript, React, Postgres").is_empty());
    }

    #[test]
    fn headings_pay_words_labels_and_long_parentheses() {
        let titles = |text: &str| -> Vec<String> {
            listed(text).into_iter().map(|(title, _)| title).collect()
        };
        assert_eq!(
            titles("Engineering roles:\nData Engineer\nGTM roles:\nAccount Executive"),
            ["Data Engineer", "Account Executive"]
        );
        assert_eq!(
            titles("Open roles:\n- Lead Designer | Equity | 90k+ (DOE)"),
            ["Lead Designer"]
        );
        assert_eq!(
            titles("Open roles:\n- Enterprise Account Executive (Remote, USA - ET, CT, MT)"),
            ["Enterprise Account Executive"]
        );
        assert_eq!(
            titles(
                "1. Hiring: Firmware Engineer (Bring-up, Board Support) (Remote, UK/EU preferred)\n2. Hiring: Test Engineer (Remote)"
            ),
            [
                "Firmware Engineer (Bring-up, Board Support)",
                "Test Engineer"
            ]
        );
    }
}
