//! One header field classified by what it says: roles, a generic phrase and the list it opens,
//! areas of engineering, places and workplace words, pay, or levels alone.

use std::sync::LazyLock;

use regex::Regex;

use super::super::{fields, places, roles, vocab::vocab};
use super::{HIRING_CLAUSE, Header, cut_outside_parentheses, is_role_field, is_sentence};

/// Files `field` in `header` by what it says; a field that says nothing usable is dropped.
pub(super) fn classify_field(field: &str, header: &mut Header) {
    let vocab = vocab();
    let marks = fields::markers(field);
    let has_money = fields::mentions_money(field);
    if HIRING_CLAUSE.is_match(field) {
        return;
    }
    if vocab.seniority_only.is_match(field) {
        header.level_field.get_or_insert_with(|| field.to_owned());
        return;
    }
    // Prose names no role; what it says about the workplace still counts.
    if is_sentence(field) {
        if marks.says_anything() {
            header.location_fields.push(field.to_owned());
        }
        return;
    }
    // "Salary ranges listed on job req, but for the Senior Java Engineer it is 140k-180k": a field
    // that opens on pay is about pay, whatever role it names ("Senior Engineer (base $150k)"
    // stays a role field).
    if fields::speaks_of_pay(field) {
        header.salary_fields.push(field.to_owned());
        return;
    }
    if is_role_field(field) {
        // "INTERNS, HYBRID/REMOTE, Zurich": the role part and the place part of one field.
        if marks.says_anything() && field.contains(',') && !has_money {
            let pieces = cut_outside_parentheses(field, &[","]);
            let (roles, places): (Vec<&str>, Vec<&str>) = pieces
                .iter()
                .map(|piece| piece.as_str())
                .partition(|piece| is_role_field(piece));
            if !roles.is_empty() {
                header.role_fields.push(roles.join(", "));
            }
            if !places.is_empty() {
                header.location_fields.push(places.join(", "));
            }
            return;
        }
        header.role_fields.push(field.to_owned());
        if marks.says_anything() {
            header.location_fields.push(field.to_owned());
        }
        return;
    }
    if vocab.generic.is_match(field) && !marks.says_anything() {
        // "Multiple roles (Backend Engineer, Designer)", "Engineering roles: Backend, Data": the
        // generic phrase introduces the roles or areas it lists.
        if let Some(listed) = generic_list(field) {
            if vocab.has_role_word(listed) {
                header.role_fields.push(listed.to_owned());
            } else if vocab.technical.is_match(listed) {
                header.area_fields.push(listed.to_owned());
            }
        }
        header.generic.get_or_insert_with(|| field.to_owned());
        return;
    }
    if has_money {
        header.salary_fields.push(field.to_owned());
        return;
    }
    if marks.says_anything() || places::names_place(field) {
        header.location_fields.push(field.to_owned());
        return;
    }
    // An area of work with no role noun ("iOS & Backend", "Software Engineering"): the post
    // hires there without naming the role.
    if vocab.technical.is_match(field)
        && (field.split_whitespace().count() <= 4 || is_list_of_areas(field))
    {
        header.area_fields.push(field.to_owned());
        header.generic.get_or_insert_with(|| field.to_owned());
    }
}

/// Whether `field` is a list of two or more areas, each perhaps with a head count, a level and a
/// parenthesis ("Sr Backend, Sr Frontend, Staff Infra", "Full Stack, Mobile (React Native),
/// DevOps", "2x Senior Backend, 1x Frontend").
fn is_list_of_areas(field: &str) -> bool {
    let items = roles::list_items(field);
    items.len() >= 2 && items.iter().all(|item| roles::bare_area(item).is_some())
}

/// The list a generic phrase opens ("Multiple roles (A, B)", "Engineering roles: A, B", "Open
/// positions - A, B"): what follows the phrase after a colon or dash, or inside its parenthesis.
fn generic_list(field: &str) -> Option<&str> {
    static QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:several|multiple|many|various|numerous|a few|some|new|open|\d{1,3}\+?)$",
        )
        .expect("valid regex")
    });
    static LIST_OPENER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:including|incl\.?|such as|e\.g\.?,?|like)\s+").expect("valid regex")
    });
    static AREA_CUT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\s*(?:,|&|/|\band\b)\s*").expect("valid regex"));
    let field = field.trim();
    let found = vocab().generic.captures(field)?.get(1)?;
    let before = field[..found.start()].trim();
    let rest = field[found.end()..].trim_start();
    // "Backend, Frontend, and ML roles": areas before the generic word name the roles.
    let areas_before = !before.is_empty()
        && AREA_CUT
            .split(before)
            .filter(|piece| !piece.trim().is_empty())
            .all(|piece| vocab().role_area.is_match(piece));
    if rest.is_empty() && areas_before {
        return Some(before);
    }
    // "Several engineering roles (…)": a count before the phrase still opens its list.
    if !before.is_empty() && !QUANTITY.is_match(before) {
        return None;
    }
    let listed = if let Some(inner) = rest.strip_prefix('(') {
        inner.strip_suffix(')')?
    } else if let Some(opener) = LIST_OPENER.find(rest) {
        &rest[opener.end()..]
    } else {
        rest.strip_prefix([':', '-', '–', '—'])?
    };
    let listed = listed.trim();
    (!listed.is_empty()).then_some(listed)
}
