//! Roles listed in a post's body: "1. Senior Go Engineer: You will …", "- Backend Engineer –
//! https://…", "Open Roles:" followed by one title per line, "Engineering – Senior Software
//! Engineer".
//!
//! A line is a role line when, its list marker and emphasis removed, it opens with a title — a
//! phrase of at most ten words holding a role noun, not opening with a pronoun, a verb of the
//! application ("Apply", "Email") or a heading word ("Stack", "Location") — that ends at a
//! separator (`:`, ` - `, `|`, `→`, a URL, an amount), or it is a short title alone on its line
//! inside a list of roles. On a list item the title also ends where a sentence about the role
//! begins ("- ML Engineer. You'll …") and, under a line announcing the roles, where a clause does
//! ("- ML Engineer to build …"). What follows the title on the line (and a next line that only
//! holds a URL or a place in parentheses) is the role's context: its own place, pay and apply
//! link.
//!
//! Three shapes need no list around them: a short title-case title alone on its line over the
//! paragraph that describes it ("Senior Backend Engineer" then "You will …"); a line of titles
//! cut by commas, however long, when every piece is a short title; and a line that announces its
//! roles before a colon ("We're hiring for the following roles: A, B, C"). A list Hacker News
//! folded into one line ("Open roles: - A - B") is unfolded first (`inline`).

use std::sync::LazyLock;

use regex::Regex;

use super::fields;
use super::places;
use super::roles::{self, Role};
use super::text::{self, Line};
use super::vocab::vocab;

mod inline;
mod shape;
use shape::{
    extend_with_qualifiers, is_header_shaped, is_role_heading, is_short_title_case, is_title_line,
    is_title_list, is_title_shaped, leaders_only, split_title,
};

/// A role found on a body line, with its apply link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ListedRole {
    pub role: Role,
    pub url: Option<String>,
    /// Listed under a line that announces roles ("Open roles include:"), so an opening, whatever
    /// the header names.
    pub introduced: bool,
    /// Listed under a line that adds roles to the post's ("Also hiring:", "Other roles:"), so
    /// they join the header's roles instead of standing for them.
    pub also: bool,
    /// Read from a line shaped like a post's header ("FetLife | Senior DevOps Engineer |
    /// Remote | 115k - 180k USD"): a second header of a post that advertises roles one by one.
    pub header_line: bool,
}

/// A list item's marker: a bullet, a dash, an arrow, a number, a letter ("a)"), or an emoji used as a bullet
/// ("🔹 Senior Backend Engineer", "👉 Designer: <link>"; symbols and their variation selector).
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:[-*•+>→◦▪–—●■□➤✅\p{So}\x{FE0F}\x{200D}]+|\d{1,2}[.)]|\[\d{1,2}\]|\(\d{1,2}\)|[a-h]\))\s*",
    )
    .expect("valid regex")
});
static EMPHASIS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[*_]{1,2}").expect("valid regex"));
/// Rules and heading marks around a line: "=== 1. Associate | LA ===", "## Open roles".
static DECORATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:={2,}|#{1,6}\s)\s*|\s*={2,}\s*$").expect("valid regex"));
/// Lines that introduce a list of roles.
static LIST_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:open roles|open positions|current(?:ly)? (?:roles|openings|open roles|positions)|roles currently available|positions|openings|we(?:'re|’re| are) (?:currently )?(?:\w+ )?(?:hiring|looking for|seeking)(?: for)?|hiring|seeking|featured roles|roles|we need|looking for|the roles?)(?:\s+(?:include|includes|are|below))?(?:\s+(?:right now|now|currently|at the moment|this (?:month|quarter)|today))?\s*(?:\([^)]*\))?\s*[:!]?\s*$")
        .expect("valid regex")
});
static PROFILE_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)linkedin\.com/in/|twitter\.com/|x\.com/|github\.com/[^/]+/?$|calendly\.com")
        .expect("valid regex")
});
/// A list item that names its role by discipline ("Bayesian Software Engineering").
static DISCIPLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\p{Lu}][\w\s+#/&-]{0,60}\b(?:engineering|development)(?:\s*\([^)]*\))?$")
        .expect("valid regex")
});
/// Lines that announce the post's openings ("Open roles include:", "We're hiring for:"), as
/// opposed to a list of requirements ("What we're looking for:").
static ROLE_LIST_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:open roles|open positions|openings|roles|positions|vacancies|we(?:'re|’re| are) (?:currently )?(?:\w+ )?hiring(?: for)?|hiring for|now hiring)(?:\s+(?:include|includes|are|below))?(?:\s+(?:right now|now|currently|at the moment|this (?:month|quarter)|today))?\s*(?:\([^)]*\))?\s*[:!]?\s*$")
        .expect("valid regex")
});
/// Lines that announce roles besides the header's: "Also hiring:", "Other roles:", "We're also
/// looking for:", "Additional openings:".
static ALSO_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:(?:we(?:'re|’re| are)\s+)?also\s+(?:hiring|looking for|seeking|recruiting)(?:\s+for)?|(?:other|additional|more)\s+(?:open\s+)?(?:roles|positions|openings))\b[^.!?]*[:!]?\s*$")
        .expect("valid regex")
});
/// A line whose own list adds roles besides the header's: "Other roles we're also hiring for: SRE,
/// iOS", "We're also hiring: …".
static ALSO_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:(?:we(?:'re|’re| are)\s+)?also\s+(?:hiring|looking for|seeking|recruiting)|(?:other|additional|more)\s+(?:open\s+)?(?:roles|positions|openings))\b[^.!?:]*:")
        .expect("valid regex")
});
/// A heading over a list of roles ("GTM roles:", "Engineering positions"): it names no role itself.
static ROLE_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:roles|positions|openings|opportunities|vacancies)\s*:?\s*$")
        .expect("valid regex")
});
/// A bracketed tag before a list item's title: "[REMOTE] Senior DevOps Engineer".
static LEADING_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\[([^\[\]]{1,40})\]\s*").expect("valid regex"));
/// A label before a list item's title: "ROLE: Product Designer | REMOTE", "1. Hiring: OS Engineer".
static ITEM_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:now\s+)?hiring|role|position|opening|job|open role)\s*:\s*")
        .expect("valid regex")
});
/// How many are hired, or how many years they need, before a list item's title: "2 X Fullstack
/// Engineer", "3x SRE", "8+ yrs - Staff SWE, AI". Stripped before the line is judged a title (a
/// title never opens with a digit); the role splitter's own count ("2 Engineers") comes later.
static ITEM_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\d{1,2}\s*[x×]\s+|^\d{1,2}\+?\s*(?:yrs?|years?|yoe)\s*[-–—:]\s*")
        .expect("valid regex")
});
/// A head count after a list item's title: "- Backend Engineer x2", "- Designer ×1".
static TRAILING_COUNT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\s+[x×]\s?\d{1,2}\s*$").expect("valid regex"));
/// A link that opens a list item before its title: "- https://acme.example/jobs/1 Senior
/// Backend Engineer".
static LEADING_URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^h?https?://\S+\s+").expect("valid regex"));
/// An article before a list item's title: "- A product designer".
static ITEM_ARTICLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:a|an)\s+").expect("valid regex"));
/// Where a sentence about the role begins after a list item's title: a full stop before a
/// capital ("Senior Backend Engineer. You'll own …").
static SENTENCE_AFTER_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\.\s+\p{Lu}").expect("valid regex"));
/// Where a clause about the role begins after a title in a list of openings: a relative clause,
/// an infinitive or "with" ("… Engineer, who will own …", "… Engineer to build …", "… Designer
/// with B2B experience"), or a comma before a word that qualifies the hire ("… Engineer,
/// ideally with design-system experience"). "in", "of" and "for" are not here: "Software Engineer in Test", "Head
/// of Data", "Product Manager for AI & RiskOps".
static CLAUSE_AFTER_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^,?\s+(?:who|whom|that|which|to|with)\s+\S|^,\s+(?:ideally|preferably|ideal(?:ly)? with|someone|especially|particularly|primarily|mostly|focused|focusing|owning|covering|building|helping)\b").expect("valid regex")
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
    let lines = &inline::unfold(lines)[..];
    let mut found: Vec<ListedRole> = Vec::new();
    let mut in_list = false;
    // Under a line that announces roles, until prose ends the list.
    let mut introduced = false;
    // Under a line that announces more roles than the header's ("Also hiring:").
    let mut also = false;
    // The role noun an area list shares ("Engineer"), while such a list goes on.
    let mut area_noun: Option<String> = None;
    // A heading of where the roles under it are ("Remote (US):", "Atlanta, USA (1 day per week
    // in office):"), while its list goes on: it speaks for each of them.
    let mut place_heading: Option<String> = None;
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
        if let Some((mut listed, continued)) = role_line(line, next, in_list, introduced) {
            if continued {
                index += 1;
            }
            let header_shaped = is_header_shaped(line);
            for mut item in listed.drain(..) {
                if let Some(heading) = &place_heading {
                    item.role.context =
                        format!("{heading} {}", item.role.context).trim().to_owned();
                }
                // "Roles: A | B | C" announces its own roles.
                item.introduced |= introduced;
                item.also = also || ALSO_LEAD.is_match(line);
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
                also = ALSO_INTRO.is_match(line);
                introduced = ROLE_LIST_INTRO.is_match(line) || also;
                // "Remote roles (US only):" announces the roles below and where they are.
                place_heading = place_heading_of(line).or(place_heading);
            } else if let Some(heading) = place_heading_of(line) {
                place_heading = Some(heading);
            } else if words > 12 && !MARKER.is_match(line) && !aside {
                in_list = false;
                introduced = false;
                also = false;
                place_heading = None;
            }
        }
        index += 1;
    }
    found
}

/// A list item's head cut where a sentence ([`SENTENCE_AFTER_TITLE`]) or, with `clauses`, a
/// clause ([`CLAUSE_AFTER_TITLE`]) about the role begins after its title: the title and the rest.
/// The title must end in its role noun (a parenthesis may follow) and be written in title case
/// ("Product-minded engineers who like shipping" is a requirement), or be a list of titles; a
/// clause needs two words before it ("Partner with engineering" is a duty).
fn title_before_clause(head: &str, clauses: bool) -> Option<(String, String)> {
    let vocab = vocab();
    vocab.role_noun.captures_iter(head).find_map(|found| {
        let mut end = found.get(1)?.end();
        // "Senior Backend Engineer (Go). You'll …": the parenthesis stays with the title.
        if head[end..].starts_with(" (")
            && let Some(close) = head[end..].find(')')
        {
            end += close + 1;
        }
        let after = &head[end..];
        let title = head[..end].trim();
        let outside = text::without_parentheses(title);
        let words = outside.split_whitespace().count();
        let shaped =
            is_short_title_case(outside.trim()) && is_title_shaped(title) || is_title_list(title);
        let cut = SENTENCE_AFTER_TITLE.is_match(after)
            || clauses && words >= 2 && CLAUSE_AFTER_TITLE.is_match(after);
        (cut && shaped).then(|| {
            let clause = after.trim_start_matches([',', '.', ' ']);
            (title.to_owned(), clause.trim().to_owned())
        })
    })
}

/// The pieces of an announced list cut by dashes ("Senior Backend Engineer - Staff Platform
/// Engineer - Product Designer"): three or more, each ending in its role noun.
fn dashed_titles(rest: &str) -> Option<Vec<&str>> {
    let pieces: Vec<&str> = rest
        .split(" - ")
        .flat_map(|piece| piece.split(" – "))
        .map(str::trim)
        .collect();
    let ends_in_role = |piece: &&str| {
        vocab()
            .last_role_noun(piece)
            .is_some_and(|noun| piece[noun.end()..].trim().is_empty())
    };
    (pieces.len() >= 3 && pieces.iter().all(ends_in_role)).then_some(pieces)
}

/// The text of a short line that heads the roles below it with their place or workplace
/// ("Remote (US):", "Berlin office (hybrid):"), without its colon.
fn place_heading_of(line: &str) -> Option<String> {
    static WORKPLACE_ROLES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(remote|hybrid|on-?site|in-office|in-person)\s+(?:roles|positions|openings|jobs)\b")
            .expect("valid regex")
    });
    // "Remote roles (US only):" heads remote roles (in a header, "remote roles" speaks of others).
    let heading = line.trim().strip_suffix(':')?.trim();
    let heading = WORKPLACE_ROLES.replace(heading, "$1");
    let heading = heading.as_ref();
    let words = heading.split_whitespace().count();
    let says = fields::markers(heading).says_anything() || places::names_place(heading);
    (words > 0 && words <= 10 && !MARKER.is_match(line) && says).then(|| heading.to_owned())
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
        also: false,
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
/// `introduced`: under a line that announces the post's roles ("Open roles:").
/// The roles of a line's pieces, each read as a title, for [`role_line`].
fn listed_pieces(
    pieces: &[&str],
    introduced: bool,
    header_line: bool,
) -> Option<(Vec<ListedRole>, bool)> {
    let listed: Vec<ListedRole> = pieces
        .iter()
        .flat_map(|piece| roles::split(piece, ""))
        .map(|role| ListedRole {
            role,
            url: None,
            introduced,
            also: false,
            header_line,
        })
        .collect();
    (!listed.is_empty()).then_some((listed, false))
}

fn role_line(
    line: &str,
    next: Option<&str>,
    in_list: bool,
    introduced: bool,
) -> Option<(Vec<ListedRole>, bool)> {
    let vocab = vocab();
    let line = &*DECORATION.replace_all(line, "");
    let has_marker = MARKER.is_match(line);
    let bare = MARKER.replace(line, "");
    let bare = EMPHASIS.replace_all(&bare, "");
    let bare = ITEM_LABEL.replace(bare.trim(), "");
    let bare = ITEM_COUNT.replace(bare.trim(), "");
    // "[ONSITE – Lyon] Robotics Engineer": a tag before the title says where, as a parenthesis
    // after it would.
    // A tag naming no place or workplace ("[Midl] - (REMOTE) Frontend developer") is another
    // company's name.
    let bare = match LEADING_TAG.captures(bare.trim()) {
        Some(tag) if fields::markers(&tag[1]).says_anything() || places::names_place(&tag[1]) => {
            format!("{} ({})", &bare.trim()[tag[0].len()..], tag[1].trim()).into()
        }
        _ => bare,
    };
    // "- A product designer": on a list item the article is no part of the title.
    let bare = match ITEM_ARTICLE.find(bare.trim()) {
        Some(article) if has_marker || in_list => capitalised(&bare.trim()[article.end()..]).into(),
        _ => bare,
    };
    let bare = TRAILING_COUNT.replace(bare.trim(), "");
    // The link goes after the title, where a role line keeps it.
    let bare = match LEADING_URL.find(bare.trim()) {
        Some(url) if has_marker => {
            format!("{} {}", &bare.trim()[url.end()..], url.as_str().trim()).into()
        }
        _ => bare,
    };
    let bare = bare.trim();
    if bare.is_empty() || PROFILE_URL.is_match(bare) {
        return None;
    }
    // The first segment; "Engineering – Senior Software Engineer" (a department first) takes the
    // next one, and "Sales: We need to hire our second sales rep" the role its sentence names.
    // A line that announces its roles before a colon ("We're hiring for the following roles: A,
    // B, C", "Open roles: …") lists them after it.
    let (mut head, mut rest) = split_title(bare);
    // "- Engineers: Backend, Frontend, ML": a plural noun's areas after its colon are its roles.
    if let Some(roles) = roles::plural_noun_areas(&head, &rest) {
        let listed = roles.into_iter().map(|role| ListedRole {
            role,
            url: None,
            introduced,
            also: false,
            header_line: false,
        });
        return Some((listed.collect(), false));
    }
    // "- iOS Engineer (Mobile / AR) • Build high-performance iOS applications …": on a list
    // item, a bullet before a sentence ends the title.
    let bullet_cut = head
        .split_once(" • ")
        .filter(|(_, after)| after.split_whitespace().count() >= 5 && !after.contains(" • "))
        .map(|(title, after)| (title.trim().to_owned(), after.trim().to_owned()));
    if let Some((title, after)) = bullet_cut.filter(|_| has_marker) {
        rest = format!("{after} {rest}").trim().to_owned();
        head = title;
    }
    // "- Senior Backend Engineer. You'll own billing": on a list item, a title ends where a
    // sentence about the role begins; under a line that announces the roles, also where a
    // clause does ("- ML Engineer to build ranking models", "- Product Designer with B2B …").
    let cut = title_before_clause(&head, introduced).filter(|_| has_marker || introduced);
    if let Some((title, after)) = cut {
        rest = format!("{after} {rest}").trim().to_owned();
        head = title;
    }
    let mut labelled = false;
    let announces = ROLE_LIST_INTRO.is_match(&head);
    // "Staff Backend Engineer | Junior Frontend Engineer": a line of complete titles cut by bars
    // lists them, announced or not.
    let titles_cut_by_bars: Vec<&str> = bare.split(" | ").map(str::trim).collect();
    let complete_title = |piece: &&str| {
        is_title_shaped(piece)
            && vocab
                .last_role_noun(piece)
                .is_some_and(|noun| piece[noun.end()..].trim().is_empty())
    };
    if titles_cut_by_bars.len() >= 2 && titles_cut_by_bars.iter().all(complete_title) {
        return listed_pieces(&titles_cut_by_bars, introduced, true);
    }
    // "Roles: Backend Engineer | Frontend Engineer | Designer": an announced list cut by bars.
    let barred: Vec<&str> = rest.split(" | ").map(str::trim).collect();
    // "Roles: Senior Backend Engineer - Staff Platform Engineer - Product Designer": three or
    // more complete titles cut by dashes (two may be a title and its team).
    let barred = dashed_titles(&rest).unwrap_or(barred);
    if announces && barred.len() >= 2 && barred.iter().all(|piece| vocab.has_role_word(piece)) {
        return listed_pieces(&barred, true, false);
    }
    // "- All Levels: AI Platform and Product Engineers": a level label before the titles.
    let level_label = vocab.seniority_only.is_match(&head);
    if !vocab.has_role_word(&head)
        && !rest.is_empty()
        && (is_title_shaped(&head) || announces || level_label)
    {
        let (second, after) = split_title(&rest);
        // "Open roles: A, B, C. Apply at …": the list ends with its sentence.
        let (second, after) = match title_before_clause(&second, announces) {
            Some((list, clause)) => (list, format!("{clause} {after}").trim().to_owned()),
            None => (second, after),
        };
        if vocab.has_role_word(&second) && (is_title_shaped(&second) || is_title_list(&second)) {
            head = second;
            rest = after;
            labelled = true;
        } else if has_marker || in_list {
            // "* we're hiring: product engineers, …": the hiring verb is before the colon.
            let sentence = if announces { bare } else { rest.as_str() };
            let named: Vec<ListedRole> = roles::from_sentence(sentence)
                .into_iter()
                .map(|role| ListedRole {
                    role,
                    url: text::urls_in(bare).into_iter().next(),
                    introduced: false,
                    also: false,
                    header_line: false,
                })
                .collect();
            if !named.is_empty() {
                return Some((named, false));
            }
        }
    }
    let separated = !rest.is_empty() || labelled;
    // The role noun stands outside the parentheses: "Startup experience (founder or engineer)"
    // is a requirement.
    let head_words = text::without_parentheses(&text::without_urls(&head));
    // "Open Roles: ML Infrastructure (Staff+) * Data Infrastructure Lead": in a list of roles an
    // area alone names its engineer.
    let names_role = (vocab.has_role_word(&head_words) && !head.trim_start().starts_with("http"))
        || has_marker && DISCIPLINE.is_match(&head)
        || (in_list || introduced) && roles::bare_area(&head).is_some();
    let title_list = is_title_list(&head);
    if !names_role
        || !(is_title_shaped(&head) || title_list)
        || ROLE_HEADING.is_match(&head)
        || head.contains('@')
        || leaders_only(&head)
        || fields::keyed_pay(bare).is_some() && !separated
    {
        return None;
    }
    // A title alone on its line counts only inside a list of roles, before its link, or as the
    // heading of the paragraph that describes it ("Senior Backend Engineer" over "You will …").
    let next_continues = next.is_some_and(|next| CONTINUATION.is_match(next));
    let next_is_title = next.is_some_and(is_title_line) && is_title_line(bare);
    if !separated
        && !has_marker
        && !in_list
        && !next_continues
        && !next_is_title
        && !is_role_heading(&head)
    {
        return None;
    }
    // A parenthesis of places or levels ("(Remote, USA - ET, CT, MT)") does not lengthen a title.
    if !separated && !title_list && text::without_parentheses(&head).split_whitespace().count() > 8
    {
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
            also: false,
            header_line: false,
        })
        .collect();
    (!listed.is_empty()).then_some((listed, continued))
}

#[cfg(test)]
mod tests;
