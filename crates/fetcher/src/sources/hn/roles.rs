//! Role titles: one phrase of a post split into the roles it names.
//!
//! "Backend and Frontend Engineers" is two roles, "Senior Product & Platform Engineer" one,
//! "Staff SWE, AI" one, "Senior Engineers (Full-stack, Backend, ML Platform)" three. The rules:
//! - a phrase is cut at `,`, `;`, `&`, `+`, `and`, `•` (not at `/` or `or`, which join names or
//!   levels of one role: "Senior/Staff Engineer", "SRE / Software Engineer", except between three
//!   or more titles ending in their role nouns, two of them complete: "Senior Backend Engineer /
//!   Data Engineer / ML Engineer", and the same joined by spaced dashes);
//! - a piece with no role noun before a piece whose role noun is plural borrows it; before a
//!   singular one it is part of the same title; after a complete title it qualifies it;
//! - a level alone ("Senior &", "Sr./Staff") joins the piece after it, and a level that leads the
//!   first role of an `&`/`and` list is shared by the rest ("Senior Perception Engineers & MLEs")
//!   unless an article opens the next ("… Engineers and a Product Manager");
//! - a plural title followed by a list of areas in parentheses is one role per area;
//! - pieces cut at `•` or `;` are roles by themselves ("SRE • C++ AI • Data Engineering").
//!
//! Titles keep the poster's words, with abbreviations written out, plurals made singular and
//! locations, pay and years of experience moved out of parentheses into the role's context.

use std::sync::LazyLock;

use regex::Regex;

use super::vocab::vocab;
use super::{places, text};

mod pieces;
mod sentence;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_lists;
mod title;

use pieces::{
    Cut, Piece, classify, cut, has_qualifier, per_area_parenthesis, per_area_titles, slash_list,
    titles_after_parentheses,
};
pub(crate) use sentence::{departments_after, from_sentence};
use title::{
    engineering_title, finish, head_noun, is_plural, join_words, leading_level, strip_level,
};
pub(crate) use title::{plural_noun_areas, singular};

/// One role as the post states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Role {
    pub title: String,
    /// Text that speaks about this role alone: the rest of its line, parentheses moved out of the
    /// title ("(Remote, Europe)", "$200k-$225k").
    pub context: String,
}

static PLURAL_NOUN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:s|'s|’s)$").expect("valid regex"));
/// A parenthesis that is not part of the title: where, what pay, how many years, legal markers.
static CONTEXT_PAREN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:remote|onsite|on-site|hybrid|in[\s\-]office|in[\s\-]person|relo|years?|yrs?|yoe|xp|experience|m/f/d|f/m/d|m/w/d|w/m/d|d/f/m|gn|h/f|f/h|contract|full[\s\-]?time|part[\s\-]?time|1099|w2|equity|tbd|to be posted|https?)\b|[$€£¥₹]|\d\s*[kK]\b|^\s*(?:x\s*\d{1,2}|\d{1,2}\s*x|\d{1,2}\s+(?:roles|positions|openings|hires))\s*$")
        .expect("valid regex")
});
static PREFIX_NOISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:(?:we(?:'re|’re| are)\s+)?(?:now\s+|currently\s+|actively\s+)?(?:hiring|recruiting|looking for|seeking)(?:\s+for)?\s*[:\-–]?\s*|(?:multiple|several|many|various|open)\s+(?:roles|positions|openings)(?:\s*[:\-–]|\s+(?:including|incl\.?|such\s+as))\s*|(?:open\s+)?roles\s*:\s*|we\s+have\s+(?:multiple|several|many|a\s+few|\d+|some)?\s*(?:open\s+)?(?:openings|roles|positions)\s+for\s*:?\s*)")
        .expect("valid regex")
});
static HEAD_COUNT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*\d{1,2}\s*x?\s+").expect("valid regex"));
static EDGE_WORKPLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:remote|onsite|on-site|hybrid)\s+|\s+[-–—(]*\s*(?:remote|onsite|on-site|hybrid)\s*\)?$")
        .expect("valid regex")
});
/// "Tech Lead", "Technical Lead", "Team Lead" opening a phrase: a title, though "Tech:" and
/// "Team:" open headings; alone after a title's comma it is that title's level.
pub(crate) static LEAD_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:tech|technical|team)\s+lead\b").expect("valid regex"));
/// An article or a count opening a piece of a list: the piece is a role of its own.
static OWN_ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:a|an|one|two|three|four|five|\d{1,2})\s+\S").expect("valid regex")
});
/// Adjectives of hiring sentences that are not part of a title ("a seasoned UI engineer").
static SENTENCE_ADJECTIVES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:a|an|one|two|three|four|five|\d+|few|couple(?:\s+of)?|more|several|multiple|some|our|additional|another|skilled|talented|seasoned|experienced|passionate|motivated|strong|great|exceptional|amazing|awesome|driven|product[\s\-]minded|hands[\s\-]on|early|first|second|third|highly|ambitious|curious|full[\s\-]time|part[\s\-]time|fully[\s\-]remote|100%\s+remote|remote|[a-z]{2,3}[\s\-]based|[\p{L}.]+-based,?|world[\s\-]class|top)\s+)+")
        .expect("valid regex")
});

/// A sentence's words before a title that are not part of it ("an", "two", "talented").
pub(crate) fn strip_sentence_adjectives(phrase: &str) -> String {
    SENTENCE_ADJECTIVES.replace(phrase, "").into_owned()
}

/// A bare level and noun ("Senior Manager", "VP", "Director") that the text after its comma
/// completes: "Senior Manager, Integrated Media Planner" is one role.
fn is_bare_title(piece: &str) -> bool {
    let rest = match leading_level(piece) {
        Some(level) => piece[piece.find(&level).map_or(0, |at| at + level.len())..].trim(),
        None => piece.trim(),
    };
    // Ranks, not kinds of work: "Engineers, Data Scientists" stays two roles.
    rest.split_whitespace().count() == 1 && vocab().rank_only.is_match(rest)
}

/// Whether two titles name the same kind of role: the same role noun and another word in common
/// ("Software Engineer (Python)" and "Senior Software Engineer"), or the same title.
pub(crate) fn same_kind(a: &str, b: &str) -> bool {
    let words = |title: &str| -> (Option<String>, Vec<String>) {
        let singular = singular(&vocab().expand_abbreviations(title)).to_lowercase();
        let noun = vocab()
            .last_role_noun(&singular)
            .map(|noun| noun.as_str().to_owned());
        let level = |word: &str| vocab().seniority_only.is_match(word);
        let content = singular
            .split(|c: char| !c.is_alphanumeric() && c != '+' && c != '#')
            .filter(|word| word.len() > 1 && !level(word))
            .filter(|word| Some(*word) != noun.as_deref())
            .filter(|word| !["and", "the", "for", "of", "with"].contains(word))
            .map(str::to_owned)
            .collect();
        (noun, content)
    };
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    let (noun_a, content_a) = words(a);
    let (noun_b, content_b) = words(b);
    noun_a.is_some() && noun_a == noun_b && content_a.iter().any(|word| content_b.contains(word))
}

/// Whether a role the header names stands for `listed`, a role named elsewhere in the post: the
/// same kind of role, or a bare role noun ("Engineers") that any title with that noun fills
/// ("Senior Software Engineer").
pub(crate) fn covers(header: &str, listed: &str) -> bool {
    if same_kind(header, listed) {
        return true;
    }
    // "Engineers", "Senior Engineers (Kotlin/Java)": a bare noun, whatever its level.
    let bare = singular(&strip_level(&text::without_parentheses(header))).to_lowercase();
    let header_noun = role_noun(header);
    header_noun.is_some()
        && header_noun.as_deref() == Some(bare.trim())
        && header_noun == role_noun(listed)
}

/// The level of a header role that is only a level and a role noun ("Senior Engineers",
/// "Sr./Staff Software Engineer (Go/Rust)"), which the roles a list names under it share.
pub(crate) fn bare_level(title: &str) -> Option<String> {
    let bare = text::without_parentheses(title);
    let (level, head) = head_noun(&bare);
    let level = level?;
    let rest = singular(&strip_level(&bare));
    rest.trim()
        .eq_ignore_ascii_case(head.trim())
        .then_some(level)
}

/// `role` under a header's bare title ("Senior Engineers"): a role with the same role noun and
/// no level of its own takes the header's ("Backend Engineer" is "Senior Backend Engineer").
pub(crate) fn under_header_level(role: Role, header: &str) -> Role {
    let Some(level) = bare_level(header) else {
        return role;
    };
    if leading_level(&role.title).is_some() || role_noun(header) != role_noun(&role.title) {
        return role;
    }
    Role {
        title: format!("{level} {}", role.title),
        context: role.context,
    }
}

/// A role named by its acronym alone ("SRE", "SWE", "TPM").
fn is_acronym_role(title: &str) -> bool {
    let title = title.trim();
    title.len() >= 2
        && !title.contains(' ')
        && title.chars().all(|c| c.is_ascii_uppercase())
        && vocab().has_role_word(title)
}

/// A role noun alone, singular ("Architect", "Designer").
fn is_bare_noun(piece: &str) -> bool {
    let piece = piece.trim();
    !piece.contains(' ')
        && !is_plural(piece)
        && vocab()
            .role_noun
            .find(piece)
            .is_some_and(|found| found.as_str().trim().len() == piece.len())
}

/// Whether `piece` is a second hat's title ("Database Expert", "UX Researcher"): singular, no
/// level of its own, its role noun one of config/hn.toml's `second_hats`.
fn is_second_hat(piece: &str) -> bool {
    !is_plural(piece)
        && leading_level(piece).is_none()
        && role_noun(piece).is_some_and(|noun| vocab().second_hats.contains(&noun))
}

/// The items of a list written in prose: "Backend, Frontend, and ML", "Backend & Infra",
/// "engineering, design and sales" (commas, semicolons, "&" and "and" cut it; empty items go).
pub(crate) fn list_items(text: &str) -> Vec<&str> {
    text.split([',', '&', ';'])
        .flat_map(|part| part.split(" and "))
        .map(|part| part.trim().trim_start_matches("and ").trim())
        .filter(|part| !part.is_empty())
        .collect()
}

/// Whether `title` opens with a level ("Senior …", "Sr./Staff …").
pub(crate) fn has_level(title: &str) -> bool {
    leading_level(title).is_some()
}

/// Whether `noun` names an engineer ("Engineers", "Developer", "SWEs").
fn is_engineering_noun(noun: &str) -> bool {
    matches!(
        singular(noun).to_lowercase().as_str(),
        "engineer" | "developer" | "programmer" | "swe" | "hacker"
    )
}

/// The role noun that heads `title`, singular and lower-case.
fn role_noun(title: &str) -> Option<String> {
    let singular = singular(&vocab().expand_abbreviations(title)).to_lowercase();
    vocab()
        .last_role_noun(&singular)
        .map(|noun| noun.as_str().to_owned())
}

/// Areas a header names without a role noun, one engineering role each: "iOS & Backend" →
/// "iOS Engineer", "Backend Engineer"; "Software Engineering" stays as it is.
pub(crate) fn split_areas(field: &str) -> Vec<Role> {
    let vocab = vocab();
    // "Engineering: Backend, Frontend, Mobile": the department heads its areas.
    if let Some(roles) = per_area_parenthesis(field.trim(), "") {
        return roles;
    }
    cut(field)
        .into_iter()
        // "Backend, Frontend, and more": the filler names no area.
        .filter(|(piece, _)| {
            let piece = piece.trim();
            !vocab.filler_only.is_match(piece) && !vocab.generic_only.is_match(piece)
        })
        .map(|(piece, _)| {
            let piece = piece.trim();
            engineering_title(&bare_area(piece).unwrap_or_else(|| piece.to_owned()))
        })
        .filter_map(|title| finish(&title, ""))
        .collect()
}

/// A header list item that names an area with no role noun, without its head count: "Backend",
/// "Sr Frontend", "Mobile (React Native)", "2x Senior Backend" (as "Senior Backend"); `None` for
/// anything else.
pub(crate) fn bare_area(item: &str) -> Option<String> {
    static ROLE_COUNT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\(\s*\d+\s*(?:open\s+)?(?:roles?|positions?|openings?)?\s*\)")
            .expect("valid regex")
    });
    static HEAD_COUNT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\d{1,2}\s*[x×]\s+|\s+[x×]\s?\d{1,2}$").expect("valid regex")
    });
    let vocab = vocab();
    let item = HEAD_COUNT.replace_all(item.trim(), "").trim().to_owned();
    let outside = text::without_parentheses(&item);
    let area = match vocab.seniority_prefix.find(outside.trim()) {
        Some(level) => outside.trim()[level.end()..].trim().to_owned(),
        None => outside.trim().to_owned(),
    };
    // "ML Infrastructure": two areas of engineering together are one.
    let technical_words = area
        .split_whitespace()
        .all(|word| vocab.technical.is_match(word));
    // "Engineering (21 roles):" heads a list; a discipline alone names no one area.
    let heading = ROLE_COUNT.is_match(&item)
        || [
            "engineering",
            "software",
            "software engineering",
            "development",
        ]
        .contains(&area.to_lowercase().as_str());
    // "Go-to-market", "Sales": a department outside engineering is no area of it.
    (!area.is_empty()
        && !heading
        && !vocab.department_only.is_match(&area)
        && !vocab.has_role_word(&item)
        && (vocab.role_area.is_match(&area) || technical_words))
        .then_some(item)
}

/// The roles a phrase names, with `context` (text about all of them) carried to each.
pub(crate) fn split(phrase: &str, context: &str) -> Vec<Role> {
    let vocab = vocab();
    let expanded = vocab.expand_abbreviations(phrase);
    let cleaned = PREFIX_NOISE.replace(&expanded, "").into_owned();
    // "[A, B, C]" is a list; "[Leadership] Engineering Manager" a tag before a title.
    let cleaned = match cleaned.trim().strip_prefix('[') {
        Some(inner) => match inner.find(']') {
            Some(end) if inner[end + 1..].trim().is_empty() => inner[..end].to_owned(),
            Some(end) => inner[end + 1..].to_owned(),
            None => cleaned,
        },
        None => cleaned,
    };
    let cleaned = cleaned
        .trim()
        .trim_matches(|c: char| "*_:;,.-–—".contains(c))
        .trim();
    if cleaned.is_empty() || vocab.generic_only.is_match(cleaned) {
        return Vec::new();
    }
    if let Some(roles) = per_area_parenthesis(cleaned, context) {
        return roles;
    }
    let cleaned = &titles_after_parentheses(cleaned);
    if let Some(sides) = slash_list(cleaned) {
        return sides
            .into_iter()
            .flat_map(|side| split(side, context))
            .collect();
    }
    let mut pieces = cut(cleaned);
    // "Senior Software Engineers (Backend, Frontend) and Product Designers": roles side by side,
    // one of them a role per area; each piece is split by itself.
    if pieces.len() > 1
        && pieces.iter().all(|(text, _)| vocab.has_role_word(text))
        && pieces
            .iter()
            .any(|(text, _)| per_area_parenthesis(text.trim(), context).is_some())
    {
        return pieces
            .iter()
            .flat_map(|(text, _)| split(text, context))
            .collect();
    }
    // "VP, Business Development": a bare title and the function its comma introduces.
    let mut index = 0;
    while index + 1 < pieces.len() {
        if pieces[index].1 == Cut::Comma && is_bare_title(&pieces[index].0) {
            let (next, next_cut) = pieces.remove(index + 1);
            pieces[index].0 = format!("{}, {}", pieces[index].0.trim(), next.trim());
            pieces[index].1 = next_cut;
        }
        index += 1;
    }
    let mut titles: Vec<String> = Vec::new();
    let mut pending_areas: Vec<String> = Vec::new();
    let mut pending_level: Option<String> = None;
    let mut shared_level: Option<String> = None;
    // Whether the last area waiting for a role came after "and" ("SRE, iOS and Android").
    let mut areas_end_an_enumeration = false;
    let strong_list = pieces.iter().any(|(_, cut)| *cut == Cut::Strong);
    // "Junior Software Engineer, Colorado Springs, CO": places after a title say where it is.
    let mut places_said: Vec<String> = Vec::new();
    pieces.retain(|(text, _)| {
        let is_place = !vocab.has_role_word(text)
            && !vocab.technical.is_match(text)
            && places::names_place(text);
        if is_place {
            places_said.push(text.trim().to_owned());
        }
        !is_place
    });
    let context = if places_said.is_empty() {
        context.to_owned()
    } else if context.trim().is_empty() {
        places_said.join(", ")
    } else {
        format!("{} | {context}", places_said.join(", "))
    };
    let context = context.as_str();
    for (index, (text, after)) in pieces.iter().enumerate() {
        let text = text.trim();
        if text.is_empty() || vocab.filler_only.is_match(text) || vocab.generic_only.is_match(text)
        {
            continue;
        }
        let piece = classify(text, !titles.is_empty());
        let with_level = |text: &str, level: &Option<String>| match level {
            Some(level) => format!("{level} {text}"),
            None => text.to_owned(),
        };
        match piece {
            Piece::Level(level) if *after != Cut::Comma || pieces.get(index + 1).is_none() => {
                // "Senior & Staff Backend Engineers": the level joins what follows.
                let joined = match pending_level.take() {
                    Some(earlier) => format!("{earlier} {level}"),
                    None => level,
                };
                pending_level = Some(match after {
                    Cut::Conjunction => format!("{joined} &"),
                    _ => joined,
                });
            }
            // "Software Engineers & DevRel": an area joined to a plural role is another role.
            Piece::Area(area)
                if index > 0
                    && pieces[index - 1].1 == Cut::Conjunction
                    && titles.last().is_some_and(|last| is_plural(last))
                    && pending_areas.is_empty() =>
            {
                titles.push(engineering_title(&with_level(&area, &pending_level.take())));
            }
            Piece::Level(level) | Piece::Area(level) if !strong_list => {
                // "… and Android", or "iOS, and" when an article cut off what followed.
                areas_end_an_enumeration = index > 0 && pieces[index - 1].1 == Cut::Conjunction
                    || *after == Cut::Conjunction && index + 1 == pieces.len();
                pending_areas.push(with_level(&level, &pending_level.take()));
            }
            Piece::Area(area) => {
                // A strong list: each piece is a role, an engineering one if it names a technical area.
                titles.push(engineering_title(&with_level(&area, &pending_level.take())));
            }
            Piece::Level(level) => titles.push(level),
            Piece::Role(role) => {
                let role = with_level(&role, &pending_level.take());
                if let Some(per_area) = per_area_titles(&role).filter(|_| pending_areas.is_empty())
                {
                    titles.extend(per_area);
                } else if !pending_areas.is_empty() {
                    let areas = std::mem::take(&mut pending_areas);
                    // "firmware engineers (C), mobile (iOS), backend (Python), UX designers":
                    // engineering areas do not borrow a designer's noun; they take the plural
                    // engineering title's before them, else are engineers.
                    let (_, role_head) = head_noun(&role);
                    let foreign_noun = is_plural(&role)
                        && !is_engineering_noun(&role_head)
                        && areas.iter().all(|area| {
                            vocab
                                .technical
                                .is_match(text::without_parentheses(area).trim())
                        });
                    if foreign_noun {
                        let noun = titles
                            .last()
                            .filter(|last| is_plural(last))
                            .map(|last| head_noun(last).1)
                            .filter(|noun| is_engineering_noun(noun));
                        for area in &areas {
                            // "mobile (iOS)" is "Mobile Engineer (iOS)": the noun goes before
                            // the area's parenthesis.
                            let outside = text::without_parentheses(area);
                            let inside = area.find('(').map_or("", |at| &area[at..]);
                            let title = match &noun {
                                Some(noun) => join_words(&[Some(outside.trim()), Some(noun)]),
                                None => engineering_title(outside.trim()),
                            };
                            titles.push(format!("{title} {inside}").trim().to_owned());
                        }
                        titles.push(role);
                    } else if is_plural(&role) {
                        let (own_level, head) = head_noun(&role);
                        let level = own_level.clone().or_else(|| leading_level(&areas[0]));
                        for area in areas.iter().map(|area| strip_level(area)) {
                            titles.push(join_words(&[level.as_deref(), Some(&area), Some(&head)]));
                        }
                        titles.push(match (own_level, &level) {
                            (None, Some(level)) => format!("{level} {role}"),
                            _ => role,
                        });
                    } else if areas.len() >= 2
                        && titles.last().is_some_and(|last| !has_qualifier(last))
                        && pieces[..index]
                            .iter()
                            .rev()
                            .take(areas.len())
                            .all(|(_, cut)| *cut == Cut::Comma)
                    {
                        // Two or more areas between roles of a comma list are roles of their own
                        // ("SWE, SRE, Networking, Infra, TPM"); one qualifies the title before it,
                        // and so do areas that go on a title's own qualifier ("SDK Engineer -
                        // Web, Android & iOS").
                        titles.extend(areas.iter().map(|area| engineering_title(area)));
                        titles.push(role);
                    } else if index > areas.len()
                        && areas
                            .iter()
                            .all(|area| vocab.department_only.is_match(area))
                        && is_plural(
                            text::without_parentheses(&pieces[index - areas.len() - 1].0).trim(),
                        )
                    {
                        // "Founding Engineers (Infrastructure, Applied AI), Growth, GTM": a
                        // department after a plural title is a role of its own, not its team.
                        titles.extend(areas.iter().map(|area| area.trim().to_owned()));
                        titles.push(role);
                    } else if let Some(previous) = titles.last_mut() {
                        // Areas after a complete title qualify it ("Staff SWE, AI").
                        previous.push_str(&format!(", {}", areas.join(", ")));
                        titles.push(role);
                    } else {
                        titles.push(format!("{} & {}", areas.join(", "), role));
                    }
                } else if index > 0
                    && pieces[index - 1].1 == Cut::Comma
                    && !titles.is_empty()
                    && LEAD_TITLE
                        .find(&role)
                        .is_some_and(|lead| role[lead.end()..].trim().is_empty())
                {
                    // "Senior Software Engineer - Full Stack, Technical Lead": the lead is the
                    // title's level, not a role of its own.
                    if let Some(last) = titles.last_mut() {
                        last.push_str(&format!(", {}", role.trim()));
                    }
                } else if index > 0
                    && pieces[index - 1].1 == Cut::Conjunction
                    && (is_bare_noun(&role) || is_second_hat(&role))
                    && titles.last().is_some_and(|last| !is_plural(last))
                {
                    // "Senior Java Developer and Architect", "… and Database Expert": one person,
                    // two hats.
                    if let Some(last) = titles.last_mut() {
                        last.push_str(&format!(" and {role}"));
                    }
                } else {
                    // "Senior Backend Engineers and a Product Manager": an article opens a role
                    // of its own, which the first role's level does not reach.
                    let own_article = OWN_ARTICLE.is_match(text);
                    let role = match (&shared_level, leading_level(&role)) {
                        _ if own_article => role,
                        // "Lead React Native Engineer and React Native Engineers": a level that
                        // would make the piece its neighbour again is the neighbour's alone.
                        (Some(level), None)
                            if !titles.is_empty()
                                && !titles.iter().any(|known| {
                                    singular(known)
                                        .eq_ignore_ascii_case(&singular(&format!("{level} {role}")))
                                }) =>
                        {
                            format!("{level} {role}")
                        }
                        _ => role,
                    };
                    if titles.is_empty() && *after == Cut::Conjunction {
                        shared_level = leading_level(&role);
                    }
                    titles.push(role);
                }
            }
        }
    }
    if !pending_areas.is_empty() {
        let plural_list = pending_areas.len() >= 2
            && pending_areas
                .iter()
                .all(|area| vocab.technical.is_match(area))
            && titles
                .last()
                .is_some_and(|last| is_plural(last) && !has_qualifier(last));
        // "SRE, iOS and Android", "SRE, iOS, and a few leadership roles": after a role named
        // by its acronym alone, a list closed by "and" enumerates roles, each technical area an
        // engineer of its own. A fuller title's areas still qualify it ("Staff SWE, AI", "Staff
        // Engineer, Developer Tooling and Cloud").
        let enumeration =
            areas_end_an_enumeration && titles.last().is_some_and(|last| is_acronym_role(last));
        match titles.last_mut() {
            _ if enumeration => {
                titles.extend(
                    pending_areas
                        .iter()
                        .filter(|area| vocab.technical.is_match(area))
                        .map(|area| engineering_title(area)),
                );
            }
            // "Analytics Engineers, Security, Platform, Agentic AI": a plural title's noun is
            // shared by the areas listed after it.
            Some(previous) if plural_list => {
                let (_, noun) = head_noun(previous);
                let shared: Vec<String> = pending_areas
                    .iter()
                    .map(|area| join_words(&[Some(area), Some(&noun)]))
                    .collect();
                titles.extend(shared);
            }
            Some(previous) => previous.push_str(&format!(", {}", pending_areas.join(", "))),
            None if pending_areas
                .iter()
                .any(|area| vocab.technical.is_match(area)) =>
            {
                titles.push(engineering_title(&pending_areas.join(" & ")));
            }
            None => {}
        }
    }
    if let Some(level) = pending_level {
        titles.push(level.trim_end_matches(['&', ' ']).to_owned());
    }
    titles
        .into_iter()
        .filter_map(|title| finish(&title, context))
        .collect()
}
