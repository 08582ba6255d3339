//! Header lines cut into fields and each field classified.
use super::*;
use crate::sources::hn::text::plain_lines;

fn header_of(text: &str) -> Header {
    read(&plain_lines(text))
}

#[test]
fn pipe_headers_are_classified_by_field() {
    let header = header_of(
        "Freetrade | London, Budapest (ONSITE) | Full-time | https://freetrade.io | £75k-£140k",
    );
    assert_eq!(header.company.as_deref(), Some("Freetrade"));
    assert_eq!(header.location_fields, ["London, Budapest (ONSITE)"]);
    assert_eq!(header.salary_fields, ["£75k-£140k"]);
    assert_eq!(header.url.as_deref(), Some("https://freetrade.io"));
    assert!(header.role_fields.is_empty());

    let header = header_of(
        "Pickle Robot | Senior Perception Engineers & MLEs | Boston (Charlestown), MA | ONSITE / HYBRID | ROBOTICS",
    );
    assert_eq!(header.role_fields, ["Senior Perception Engineers & MLEs"]);
    assert_eq!(header.location_fields.len(), 2);
}

#[test]
fn hiring_sentences_and_at_signs_name_the_company() {
    let header = header_of("Microsoft Research is hiring Senior MLE's in Cambridge, MA (ONSITE).");
    assert_eq!(header.company.as_deref(), Some("Microsoft Research"));
    assert_eq!(header.role_fields.len(), 1, "{header:?}");

    let header = header_of("Founding Engineer @ Conductor (San Francisco, ONSITE)");
    assert_eq!(header.company.as_deref(), Some("Conductor"));
    assert_eq!(header.role_fields, ["Founding Engineer"]);
    assert_eq!(header.location_fields, ["San Francisco, ONSITE"]);

    let header =
        header_of("Hiring: Fullstack Engineer and UI Designer (Remote, LATAM) – BudgetSimple");
    assert_eq!(
        header.role_fields,
        ["Hiring: Fullstack Engineer and UI Designer (Remote, LATAM)"]
    );
}

#[test]
fn bracket_groups_and_broken_lines() {
    let header = header_of(
        "E2B | SF/Bay Area/Prague (CZ)/Europe | full-time | [Platform | Security | Frontend] Engineer",
    );
    assert_eq!(
        header.role_fields,
        ["Platform Engineer • Security Engineer • Frontend Engineer"]
    );
    let header = header_of(
        "Farmgirl Flowers | https://farmgirlflowers.com\n | Remote (US or EU timezones) | Senior Software Engineer",
    );
    assert_eq!(header.role_fields, ["Senior Software Engineer"]);
    assert_eq!(header.lines_used, 2);
    let header = header_of(
        "Tiger Data (FKA Timescale) [ Global | 100% Remote | Multiple Roles: Eng, Product, Support + more ]",
    );
    assert_eq!(header.company.as_deref(), Some("Tiger Data"));
    assert_eq!(header.location_fields, ["Global", "100% Remote"]);
}

#[test]
fn key_value_lines_fill_the_header() {
    let lines: Vec<Line> = [
        "COMPANY: Tvrtle",
        "ROLE: Founding Full Stack Engineer",
        "LOCATION: Remote",
        "COMPENSATION: Equity",
    ]
    .iter()
    .map(|text| Line {
        text: (*text).to_owned(),
    })
    .collect();
    let mut header = read(&lines);
    add_key_values(&lines, &mut header);
    assert_eq!(header.company.as_deref(), Some("Tvrtle"));
    assert!(
        header
            .role_fields
            .contains(&"Founding Full Stack Engineer".to_owned())
    );
    assert!(header.location_fields.contains(&"Remote".to_owned()));
    assert!(header.salary_fields.is_empty());
}

#[test]
fn a_generic_phrase_that_lists_roles_or_areas_names_them() {
    let header = header_of("Acme | NYC | ONSITE | Multiple roles (Backend Engineer, Designer)");
    assert_eq!(header.role_fields, ["Backend Engineer, Designer"]);
    let header = header_of("Acme | Remote (US) | Engineering roles: Backend, Frontend, Data");
    assert_eq!(header.area_fields, ["Backend, Frontend, Data"]);
    let header = header_of("Acme | Remote | Multiple roles");
    assert!(header.role_fields.is_empty() && header.area_fields.is_empty());
    assert_eq!(header.generic.as_deref(), Some("Multiple roles"));
}

#[test]
fn a_first_line_of_prose_is_no_header() {
    let header = header_of(
        "Acme builds tools for developers. We have open positions for a Backend Engineer.",
    );
    assert!(header.role_fields.is_empty());
    assert_eq!(header.lines_used, 0);
    assert_eq!(header.company.as_deref(), Some("Acme"));
    // A hiring lead is still read as one.
    let header = header_of("Acme is hiring a Senior Backend Engineer in NYC (onsite).");
    assert_eq!(header.company.as_deref(), Some("Acme"));
    assert!(!header.role_fields.is_empty());
}

#[test]
fn a_first_line_that_runs_on_past_its_first_sentence_is_no_header() {
    let header =
        header_of("Acme builds logistics software. Roles: Backend Engineer (Go), Designer.");
    assert!(header.role_fields.is_empty());
    assert_eq!(header.lines_used, 0);
}

#[test]
fn a_workplace_beside_the_company_name_is_where() {
    let header = header_of("Hearo (Remote) — Founding Engineer — AI Product Intelligence Platform");
    assert_eq!(header.company.as_deref(), Some("Hearo"));
    assert_eq!(header.location_fields[0], "(Remote)");
    // A parenthesis that says no workplace is no place.
    let header = header_of("Acme (YC W24) | Backend Engineer | REMOTE");
    assert_eq!(header.company.as_deref(), Some("Acme"));
    assert_eq!(header.location_fields, ["REMOTE"]);
}

#[test]
fn a_field_of_levels_alone_is_the_level_of_the_roles() {
    let header = header_of(
        "Level 12 | Full Stack Web Developer - Python, JavaScript, SQL | Mid-Level & Senior | REMOTE",
    );
    assert_eq!(header.level_field.as_deref(), Some("Mid-Level & Senior"));
    assert_eq!(header.location_fields, ["REMOTE"]);
}
