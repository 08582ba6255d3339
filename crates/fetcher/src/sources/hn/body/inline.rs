//! Lists Hacker News folded into one line.
//!
//! HN keeps paragraphs but drops single line breaks, so a list typed one item a line arrives as
//! "Open roles: - Senior Backend Engineer - Product Designer" or "1. Go Engineer 2. Designer".
//! Before the body is searched for roles, such a line is unfolded into the lines its poster
//! typed. A line is unfolded only where it reads as a list: it opens with the marker or with an
//! introduction ending in a colon, and the marker recurs; a numbered list counts up from 1. A
//! dash is also the separator between a title and its team ("Software Engineer - Payments"), so
//! a line is cut at a dash only after a sentence ends ("(Agent). - Project Manager") or where
//! every item names a role.

use std::sync::LazyLock;

use regex::Regex;

use super::super::text::{self, Line};
use super::super::vocab::vocab;

/// Bullets that only ever mark list items, and the dashes that may.
const BULLETS: [char; 5] = ['•', '*', '·', '▪', '●'];
const DASHES: [char; 2] = ['-', '–'];

static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)(\d{1,2})[.)]\s+").expect("valid regex"));

/// `lines` with every folded list unfolded, one item a line.
pub(super) fn unfold(lines: &[Line]) -> Vec<Line> {
    lines
        .iter()
        .flat_map(|line| unfold_line(&line.text))
        .map(|text| Line { text })
        .collect()
}

fn unfold_line(line: &str) -> Vec<String> {
    if let Some(items) = numbered(line) {
        return items;
    }
    for marker in BULLETS.into_iter().chain(DASHES) {
        if let Some(items) = bulleted(line, marker) {
            return items;
        }
    }
    vec![line.to_owned()]
}

/// "Roles: 1. Go Engineer 2. Designer" → "Roles:", "1. Go Engineer", "2. Designer".
fn numbered(line: &str) -> Option<Vec<String>> {
    let mut starts = Vec::new();
    for captures in NUMBER.captures_iter(line) {
        let number = captures.get(1)?;
        if number.as_str().parse::<usize>().ok()? == starts.len() + 1 {
            starts.push(number.start());
        }
    }
    if starts.len() < 2 {
        return None;
    }
    Some(cut_at(line, &starts))
}

/// "Open roles: - A - B" → "Open roles:", "- A", "- B", by the rules in the module docs.
fn bulleted(line: &str, marker: char) -> Option<Vec<String>> {
    let spaced = format!(" {marker} ");
    let opens = line.starts_with(&format!("{marker} "));
    let mut points: Vec<usize> = line.match_indices(&spaced).map(|(at, _)| at + 1).collect();
    let first = points.first().copied()?;
    let introduced = line[..first].trim_end().ends_with(':');
    if !DASHES.contains(&marker) && !opens && !introduced && points.len() >= 2 {
        // "Open Roles: Fullstack Engineer * ML Engineer * Security Engineer": the first item
        // follows the introduction's colon with no bullet of its own.
        let colon = first_item_after_colon(&line[..first])?;
        points.insert(0, colon);
        return Some(cut_at(line, &points));
    }
    if !(opens || introduced) || points.len() + usize::from(opens) < 2 {
        return None;
    }
    if !DASHES.contains(&marker) {
        return Some(cut_at(line, &points));
    }
    // A dash after a finished sentence is a marker; elsewhere only when every item is a role.
    let after_sentence: Vec<usize> = points
        .iter()
        .copied()
        .filter(|&at| line[..at].trim_end().ends_with(['.', ';', '!', '?']))
        .collect();
    if !after_sentence.is_empty() {
        return Some(cut_at(line, &after_sentence));
    }
    let items = cut_at(line, &points);
    let every_item_a_role = items
        .iter()
        .filter(|item| item.starts_with(marker) || !introduced)
        .all(|item| vocab().has_role_word(&text::without_urls(item)));
    every_item_a_role.then_some(items)
}

/// Where the first item of a list starts when it follows an introduction's colon ("Open Roles
/// (all senior): Fullstack Engineer"): a short title after the last colon outside parentheses.
fn first_item_after_colon(before_first_bullet: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut colon = None;
    for (at, c) in before_first_bullet.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ':' if depth == 0 => colon = Some(at),
            _ => {}
        }
    }
    let start = colon? + 1;
    let item = before_first_bullet[start..].trim();
    let short = (1..=6).contains(&item.split_whitespace().count());
    // The item may name only its area ("ML Infrastructure (Staff+)"); the bullets after it say
    // it is a list.
    let names_work = vocab().has_role_word(item) || vocab().technical.is_match(item);
    (short && names_work).then_some(start)
}

/// `line` cut before each byte offset in `points`, pieces trimmed, empty ones dropped.
fn cut_at(line: &str, points: &[usize]) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for &at in points {
        pieces.push(line[start..at].trim().to_owned());
        start = at;
    }
    pieces.push(line[start..].trim().to_owned());
    pieces.retain(|piece| !piece.is_empty());
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unfolded(line: &str) -> Vec<String> {
        unfold_line(line)
    }

    #[test]
    fn folded_lists_are_unfolded() {
        assert_eq!(
            unfolded("Open Roles: - Senior Backend Engineer - Product Designer"),
            [
                "Open Roles:",
                "- Senior Backend Engineer",
                "- Product Designer"
            ]
        );
        assert_eq!(
            unfolded("We are hiring: * Backend Engineer * Designer"),
            ["We are hiring:", "* Backend Engineer", "* Designer"]
        );
        // The first item may follow the colon with no bullet.
        assert_eq!(
            unfolded("Open Roles (6+ years): Fullstack Engineer * ML Engineer * Security Engineer"),
            [
                "Open Roles (6+ years):",
                "Fullstack Engineer",
                "* ML Engineer",
                "* Security Engineer"
            ]
        );
        assert_eq!(
            unfolded("Open roles: 1. Go Engineer 2. Designer 3. Data Engineer"),
            [
                "Open roles:",
                "1. Go Engineer",
                "2. Designer",
                "3. Data Engineer"
            ]
        );
        // A dash after a finished sentence marks an item; the one inside the title does not.
        assert_eq!(
            unfolded(
                "- Software Engineer - Forward Deploy Engineer (Agent). (Interns). - Project Manager."
            ),
            [
                "- Software Engineer - Forward Deploy Engineer (Agent). (Interns).",
                "- Project Manager."
            ]
        );
    }

    #[test]
    fn titles_with_teams_and_prose_stay_whole() {
        for line in [
            "- Software Engineer - Payments - https://example.com/1",
            "Senior Engineer - Payments - Berlin",
            "We grew 3x in 2024 - and we're just getting started - come join",
            "Stack - Go, Rust - Kubernetes",
            "- Senior Software Engineer, Platform - Apply: https://example.com/senior-developer",
        ] {
            assert_eq!(unfolded(line), [line], "{line}");
        }
    }
}
