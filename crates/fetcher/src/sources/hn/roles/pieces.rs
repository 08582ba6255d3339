//! A phrase cut into its pieces: where it is cut (commas, "and", "&", bullets; slashes only in a
//! list of three or more complete titles), what each piece is (a role, a level, an area), and the
//! two shapes read before cutting (a plural title's parenthesis of areas, a title that follows
//! another's parenthesis). The parent module joins the pieces into roles.

use std::sync::LazyLock;

use regex::Regex;

use super::super::text;
use super::super::vocab::vocab;
use super::{Role, finish, head_noun, is_plural, join_words, list_items};

/// How a piece of a phrase was cut from the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cut {
    /// `•`, `;`, `·`: a list of roles.
    Strong,
    /// `,`
    Comma,
    /// `&`, `and`, `+`
    Conjunction,
    End,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Piece {
    Role(String),
    Level(String),
    Area(String),
}

/// "Software Engineers (Backend, Frontend)" → one role per area, when every item is an area.
pub(super) fn per_area_parenthesis(text: &str, context: &str) -> Option<Vec<Role>> {
    Some(
        per_area_titles(text)?
            .iter()
            .filter_map(|title| finish(title, context))
            .collect(),
    )
}

/// The titles of a plural role followed by a parenthesis (or a colon) of two or more areas cut by
/// commas, "&" or "and": "Software Engineers (Backend, Full-Stack, API)", "Senior Engineers
/// (Backend & Infra)", "Engineers: Backend, Frontend, ML". A singular title's areas may be one job across
/// them, a slash joins names of one job ("Engineers (Mobile/Web)", "(full-stack / product)"), and a
/// parenthesis of technologies is never a list of roles ("Engineers (Kotlin/Java/React)").
pub(super) fn per_area_titles(text: &str) -> Option<Vec<String>> {
    // "Engineers: Backend, Frontend, ML" reads as "Engineers (Backend, Frontend, ML)".
    let (head, inside) = match text.split_once(':') {
        Some((head, list)) if !text.contains('(') => (head.trim(), list.trim()),
        _ => {
            let open = text.find('(')?;
            let close = text.rfind(')')?;
            if close < open || !text[close + 1..].trim().is_empty() {
                return None;
            }
            (text[..open].trim(), &text[open + 1..close])
        }
    };
    // "Engineering: Backend, Frontend, Mobile": the department heads its engineers' areas.
    let head = if head.eq_ignore_ascii_case("engineering") {
        "Engineers"
    } else {
        head
    };
    if !is_plural(head) || !vocab().has_role_word(head) {
        return None;
    }
    // "(Backend, Frontend)", "(Backend & Infra)", "(Backend, Data and ML)".
    let items = list_items(inside);
    if items.len() < 2 || !items.iter().all(|item| vocab().role_area.is_match(item)) {
        return None;
    }
    let (level, noun) = head_noun(head);
    Some(
        items
            .iter()
            .map(|area| join_words(&[level.as_deref(), Some(area), Some(&noun)]))
            .collect(),
    )
}

/// "Senior I Product Engineer (£84-101k) Senior II Backend Engineer (£108-121k)": a title that
/// follows another's parenthesis with no separator starts a new role; a comma is put between.
pub(super) fn titles_after_parentheses(phrase: &str) -> String {
    let vocab = vocab();
    let mut out = String::with_capacity(phrase.len() + 4);
    let mut rest = phrase;
    while let Some(close) = rest.find(") ") {
        let (before, after) = rest.split_at(close + 1);
        out.push_str(before);
        let next = after.trim_start();
        let starts_title = next.chars().next().is_some_and(char::is_uppercase);
        let next_title: String = next.chars().take_while(|&c| c != '(' && c != ',').collect();
        if starts_title
            && vocab.has_role_word(&next_title)
            && vocab.has_role_word(&text::without_parentheses(&out))
        {
            out.push(',');
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Whether `title` already carries a qualifier after its role ("SDK Engineer - Web", "Engineer:
/// Backend"), which areas after it continue.
pub(super) fn has_qualifier(title: &str) -> bool {
    [" - ", " – ", " — ", ": "]
        .iter()
        .any(|separator| title.contains(separator))
}

/// The sides of "Senior Backend Engineer / Data Engineer / ML Engineer": three or more titles
/// joined by slashes, each with a role noun and a word before it, are a list of roles, not names
/// of one job (two sides, "Solutions Engineer / Forward Deployed Engineer", stay one). Dashes
/// between spaces join such a list the same way ("Backend Engineer - Platform Engineer - Product
/// Designer"); two sides are a title and its team ("Software Engineer - Payments") or two names.
pub(super) fn slash_list(text: &str) -> Option<Vec<&str>> {
    if text.contains('(') {
        return None;
    }
    let slashed: Vec<&str> = text.split('/').map(str::trim).collect();
    let sides: Vec<&str> = if slashed.len() >= 3 {
        slashed
    } else {
        text.split(" - ")
            .flat_map(|side| side.split(" – "))
            .flat_map(|side| side.split(" — "))
            .map(str::trim)
            .collect()
    };
    let ends_in_noun = |side: &str| {
        vocab()
            .last_role_noun(side)
            .is_some_and(|noun| side[noun.end()..].trim().is_empty())
    };
    // "Backend Engineer / Frontend Engineer / Designer": a bare role noun may stand among two or
    // more complete titles; "Developer / Engineer / Architect" names one job.
    let complete = |side: &str| side.split_whitespace().count() >= 2 && ends_in_noun(side);
    let complete_sides = sides.iter().filter(|side| complete(side)).count();
    (sides.len() >= 3 && complete_sides >= 2 && sides.iter().all(|side| ends_in_noun(side)))
        .then_some(sides)
}

/// The pieces of a phrase and how each was cut from the next; parentheses are never cut.
pub(super) fn cut(text: &str) -> Vec<(String, Cut)> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    let chars: Vec<char> = text.chars().collect();
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 {
            let rest: String = chars[index..].iter().take(6).collect();
            let lower = rest.to_lowercase();
            let cut = match c {
                '•' | '·' | ';' => Some((Cut::Strong, 1)),
                ',' => Some((Cut::Comma, 1)),
                // "R&D" and "C++" are words; " & " and " + " join roles.
                '&' | '+' if current.ends_with(' ') && chars.get(index + 1) == Some(&' ') => {
                    Some((Cut::Conjunction, 1))
                }
                // A closing " and" with nothing after it: an article cut the list's last item
                // off ("SRE, iOS, and | a few leadership roles").
                ' ' if lower.starts_with(" and ") || lower == " and" => Some((Cut::Conjunction, 4)),
                ' ' if lower.starts_with(" plus ") => Some((Cut::Conjunction, 5)),
                _ => None,
            };
            if let Some((kind, width)) = cut {
                pieces.push((std::mem::take(&mut current), kind));
                index += width;
                continue;
            }
        }
        current.push(c);
        index += 1;
    }
    pieces.push((current, Cut::End));
    // "…, and Z": the comma and the "and" are one cut, the conjunction that closes a list.
    let mut merged: Vec<(String, Cut)> = Vec::with_capacity(pieces.len());
    for (text, kind) in pieces {
        if text.trim().is_empty() {
            if let Some(last) = merged.last_mut()
                && kind == Cut::Conjunction
                && last.1 == Cut::Comma
            {
                last.1 = Cut::Conjunction;
            }
            continue;
        }
        merged.push((text, kind));
    }
    merged
}

/// What a piece is; `after_title`: a title came before it in the phrase, so a developer team
/// ("Developer Tooling") qualifies that title.
pub(super) fn classify(text: &str, after_title: bool) -> Piece {
    let vocab = vocab();
    if vocab.seniority_only.is_match(text) {
        Piece::Level(text.to_owned())
    } else if vocab.has_role_word(text) && !(after_title && noun_only_as_modifier(text)) {
        Piece::Role(text.to_owned())
    } else {
        Piece::Area(text.to_owned())
    }
}

/// "Developer Platform", "Developer Core", "Developer Tools": "Developer" before another word
/// names the developers a team serves, not a role ("Developer Advocate" ends in its role noun,
/// "Developer II" is a level).
fn noun_only_as_modifier(text: &str) -> bool {
    static DEVELOPER_TEAM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^\s*(?:developer|dev)\s+([\p{L}][\p{L}\-]*)(?:\s+[\p{L}][\p{L}\-]*){0,2}\s*$",
        )
        .expect("valid regex")
    });
    let bare = text::without_parentheses(text);
    let Some(next) = DEVELOPER_TEAM
        .captures(&bare)
        .and_then(|found| found.get(1))
    else {
        return false;
    };
    static LADDER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^(?:[ivx]+|\d+)$").expect("valid regex"));
    let vocab = vocab();
    let rest = &bare[next.start()..];
    !vocab.has_role_word(rest)
        && !vocab.seniority_only.is_match(next.as_str())
        && !LADDER.is_match(next.as_str())
}
