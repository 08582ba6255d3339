//! Role splitting of lists of titles (made-up posts of common shapes, the eleventh round and
//! later), one test per rule; `tests` holds the earlier rounds'.

use super::from_sentence;
use super::tests::{sentence_titles, titles};

#[test]
fn an_article_after_and_keeps_the_first_roles_level_to_itself() {
    assert_eq!(
        titles("Hiring Senior Backend Engineers and a Product Manager"),
        ["Senior Backend Engineer", "Product Manager"]
    );
    assert_eq!(
        titles("Senior Backend Engineers and 2 Designers"),
        ["Senior Backend Engineer", "Designer"]
    );
    // Without an article the level is shared, as before.
    assert_eq!(
        titles("Senior Perception Engineers & MLEs"),
        ["Senior Perception Engineer", "Senior ML Engineer"]
    );
}

#[test]
fn three_or_more_titles_joined_by_dashes_or_slashes_with_a_bare_noun_are_a_list() {
    assert_eq!(
        titles("Senior Backend Engineer - Staff Platform Engineer - Product Designer"),
        [
            "Senior Backend Engineer",
            "Staff Platform Engineer",
            "Product Designer"
        ]
    );
    assert_eq!(
        titles("Backend Engineer / Frontend Engineer / Designer"),
        ["Backend Engineer", "Frontend Engineer", "Designer"]
    );
    // A title and its team, two names of one job, and bare nouns of one job stay one.
    assert_eq!(
        titles("Software Engineer - Payments"),
        ["Software Engineer - Payments"]
    );
    assert_eq!(
        titles("Solutions Engineer - Forward Deployed Engineer"),
        ["Solutions Engineer - Forward Deployed Engineer"]
    );
    assert_eq!(
        titles("Developer / Engineer / Architect"),
        ["Developer / Engineer / Architect"]
    );
}

#[test]
fn a_hiring_sentence_may_announce_its_roles_before_a_colon() {
    assert_eq!(
        sentence_titles(
            "We're hiring for several roles: Senior Backend Engineer (Go), Staff Data Engineer, and a Product Designer."
        ),
        [
            "Senior Backend Engineer (Go)",
            "Staff Data Engineer",
            "Product Designer"
        ]
    );
}

#[test]
fn hiring_sentences_of_more_shapes() {
    // "now" after the verb; a time after the last role; "we'd love to hear from".
    assert_eq!(
        sentence_titles(
            "Hiring now for Senior Software Engineers, Staff Software Engineers and Engineering Managers."
        ),
        [
            "Senior Software Engineer",
            "Staff Software Engineer",
            "Engineering Manager"
        ]
    );
    assert_eq!(
        sentence_titles("We want to hire a senior backend engineer and a designer this quarter."),
        ["Senior Backend Engineer", "Designer"]
    );
    assert_eq!(
        sentence_titles("We'd love to hear from backend engineers and designers."),
        ["Backend Engineer", "Designer"]
    );
    assert_eq!(
        sentence_titles("We're looking for a few great engineers, and a designer."),
        ["Engineer", "Designer"]
    );
}

#[test]
fn a_plural_titles_areas_after_a_colon_in_a_sentence_are_one_role_each() {
    assert_eq!(
        sentence_titles(
            "We're hiring engineers across the stack: backend, frontend, infrastructure, and ML."
        ),
        [
            "Backend Engineer",
            "Frontend Engineer",
            "Infrastructure Engineer",
            "ML Engineer"
        ]
    );
    // Languages are no areas: one role.
    assert_eq!(
        sentence_titles("Looking for experienced engineers: Rust, Go, TypeScript."),
        ["Engineer"]
    );
}

#[test]
fn a_qualifier_before_a_colon_after_the_hiring_verb_is_no_role() {
    // "Interested to hear from talented: …": the list follows the colon.
    assert_eq!(
        sentence_titles(
            "Interested to hear from talented: firmware engineers (C), UX designers, & quality engineers."
        ),
        ["Firmware Engineer (C)", "UX Designer", "Quality Engineer"]
    );
    // "on my team:" names the team, not a role.
    assert_eq!(
        sentence_titles("We're hiring on my team: Technical Program Manager II."),
        ["Technical Program Manager II"]
    );
    // A role before the colon stays: "We're hiring engineers: backend, frontend".
    assert_eq!(
        sentence_titles("We're hiring Senior Engineers: apply at jobs.example.com"),
        ["Senior Engineer"]
    );
}

#[test]
fn engineering_areas_before_a_designers_noun_stay_engineers() {
    // "mobile (iOS/Android native), backend (Python), UX designers": the areas take the plural
    // engineering title's noun before them, not the designers', and the noun goes before the
    // area's parenthesis.
    assert_eq!(
        titles(
            "firmware engineers (C), mobile (iOS/Android native), backend (Python), UX designers, & quality engineers"
        ),
        [
            "Firmware Engineer (C)",
            "Mobile Engineer (iOS/Android Native)",
            "Backend Engineer (Python)",
            "UX Designer",
            "Quality Engineer"
        ]
    );
    // With no engineering title before them they are engineers.
    assert_eq!(
        titles("mobile, backend, and designers"),
        ["Mobile Engineer", "Backend Engineer", "Designer"]
    );
    // Areas before an engineering noun still borrow it.
    assert_eq!(
        titles("backend, frontend and mobile engineers"),
        ["Backend Engineer", "Frontend Engineer", "Mobile Engineer"]
    );
}

#[test]
fn areas_closing_a_list_after_an_acronym_role_are_roles_of_their_own() {
    // "SRE, iOS and Android" enumerates three roles; a fuller title's areas still qualify it.
    assert_eq!(
        titles("SRE, iOS and Android"),
        ["SRE", "iOS Engineer", "Android Engineer"]
    );
    assert_eq!(
        titles("SRE, iOS, and a few leadership roles"),
        ["SRE", "iOS Engineer"]
    );
    // In a sentence, the "and" before an article still closes the list it ends.
    assert_eq!(
        sentence_titles(
            "Other roles we're also hiring for: SRE, iOS, and a few leadership roles (see job board)."
        ),
        ["SRE", "iOS Engineer"]
    );
    assert_eq!(titles("Staff SWE, AI"), ["Staff SWE, AI"]);
    assert_eq!(
        titles("Staff Engineer, Developer Tooling and Cloud"),
        ["Staff Engineer, Developer Tooling, Cloud"]
    );
}

#[test]
fn a_short_parenthesis_after_a_sentence_s_title_is_part_of_it() {
    // Why: "looking for a Senior Backend Engineer (Go)" is a Go job and "a Founding Engineer
    // (full-stack)" a full-stack one; cutting the sentence at the parenthesis lost both the
    // family and the language the prep matcher centres on.
    assert_eq!(
        sentence_titles("We're hiring a Senior Backend Engineer (Go) to build our API."),
        ["Senior Backend Engineer (Go)"]
    );
    assert_eq!(
        sentence_titles(
            "We're currently looking for a Founding Engineer (full-stack). Apply below."
        ),
        ["Founding Engineer (full-stack)"]
    );
    // A parenthesis that says where or on what terms is context, as in a header.
    let roles = from_sentence("We are hiring a Backend Engineer (remote, EU) to own billing.");
    assert_eq!(roles[0].title, "Backend Engineer");
    assert!(roles[0].context.contains("remote, EU"), "{:?}", roles[0]);
    // A long aside is no part of a title.
    assert_eq!(
        sentence_titles(
            "We're hiring a Backend Engineer (we are a small team of five people in Lisbon) now."
        ),
        ["Backend Engineer"]
    );
}
