//! Areas and departments a hiring sentence lists after its role noun or in place of one: "across
//! Full-stack, Frontend and ML teams", "(backend, infra, ML)", "engineers: data, backend and
//! mobile", "across engineering, design, and sales". Each reads as one role per area.

use std::sync::LazyLock;

use regex::Regex;

use super::super::super::vocab::vocab;
use super::super::{Role, list_items};
use super::PARENTHESIS;

/// The areas of "across Full-stack, Frontend, and ML Platform teams" (or "across backend, infra
/// and ML." at the sentence's end) as "Full-stack, Frontend, ML Platform", when every one is an
/// area of engineering.
pub(super) fn across_areas(after: &str) -> Option<String> {
    static ACROSS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^\s*across\s+(?:our\s+|the\s+)?(.+?)(?:\s+(?:teams|areas|functions|disciplines)\b|\s*[.!?;]|\s*$)",
        )
        .expect("valid regex")
    });
    let list = ACROSS.captures(after)?.get(1)?.as_str();
    let areas = list_items(list);
    (areas.len() >= 2 && areas.iter().all(|area| vocab().role_area.is_match(area)))
        .then(|| areas.join(", "))
}

/// The areas of "(backend, infra, ML)" opening what a hiring verb introduces, when there are two or
/// more and every one is an area of engineering.
pub(super) fn areas_in_parenthesis(rest: &str) -> Option<Vec<String>> {
    let inner = rest.trim_start().strip_prefix('(')?.split(')').next()?;
    let areas = list_items(inner);
    (areas.len() >= 2 && areas.iter().all(|area| vocab().role_area.is_match(area)))
        .then(|| areas.iter().map(|area| capitalised(area)).collect())
}

/// The areas of "across the stack: backend, frontend, infrastructure, and ML" or ": Backend,
/// Frontend, ML" after a plural title, when every one is an area of engineering (languages are
/// not: "engineers: Rust, Go, TypeScript" is one role).
pub(super) fn areas_after_colon(after: &str) -> Option<String> {
    static COLON: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:(?:across|on|in|for)\s+(?:the\s+|our\s+|all\s+)?[\w\-]+(?:\s+[\w\-]+)?\s*)?:\s*([^.!?:;]+)")
            .expect("valid regex")
    });
    // "engineers: data (Spark, dbt), backend (Go) and mobile (Flutter)": each area's stack aside.
    let list = COLON.captures(after)?.get(1)?.as_str();
    let list = PARENTHESIS.replace_all(list, "");
    let areas = list_items(&list);
    (areas.len() >= 2 && areas.iter().all(|area| vocab().role_area.is_match(area)))
        .then(|| areas.join(", "))
}

/// The departments of "across engineering, design, and sales" or "for product and engineering
/// roles", right after a hiring verb, or of a header's generic phrase ("Multiple roles across
/// engineering and product", "Engineering & Product roles"), as one role each: a post that names
/// its departments and no role noun hires one role in each. Every piece must be a department or
/// an area of engineering (config/hn.toml), and there must be two or more, so "hiring in Berlin
/// and London" names none.
pub(crate) fn departments_after(rest: &str, context: &str) -> Option<Vec<Role>> {
    static LIST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^\s*(?:hiring\s+)?(?:(?:multiple|several|various|many|open|a\s+few)\s+)?(?:(?:roles|positions|openings)\s+)?(?:(?:across|in|for)\s+)?(?:our\s+|the\s+|all\s+)?([\w\s,&/+-]+?)\s*(?:\b(?:teams|roles|positions|functions|departments|disciplines)\b|[.!?;:(\[]|$)",
        )
        .expect("valid regex")
    });
    let list = LIST.captures(rest)?.get(1)?.as_str();
    let pieces = list_items(list);
    let vocab = vocab();
    let is_department = |piece: &str| {
        vocab.department_only.is_match(piece)
            || vocab.role_area.is_match(piece)
            || piece.eq_ignore_ascii_case("engineering")
    };
    (pieces.len() >= 2 && pieces.iter().all(|piece| is_department(piece))).then(|| {
        pieces
            .iter()
            .map(|piece| Role {
                title: capitalised(piece),
                context: context.to_owned(),
            })
            .collect()
    })
}

/// "engineering" as "Engineering"; a piece already capitalised stays as written.
fn capitalised(piece: &str) -> String {
    // "iOS", "eBPF": a word with a capital of its own is written as its makers write it.
    if piece.chars().any(char::is_uppercase) {
        return piece.to_owned();
    }
    let mut chars = piece.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
