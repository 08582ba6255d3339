//! Role splitting on phrases of real posts' shapes, one test per rule.

use super::*;

#[test]
fn bare_role_nouns_cover_any_title_with_their_noun() {
    assert!(covers("Engineer", "Senior Software Engineer"));
    assert!(covers("Engineers", "Staff Backend Engineer"));
    assert!(covers("Backend Engineer", "Senior Backend Engineer (Go)"));
    assert!(!covers("Engineer", "Product Designer"));
    assert!(!covers("Backend Engineer", "Frontend Engineer"));
}

#[test]
fn a_sentence_across_teams_names_one_role_per_team() {
    let titles = |line: &str| -> Vec<String> {
        from_sentence(line)
            .into_iter()
            .map(|role| role.title)
            .collect()
    };
    assert_eq!(
        titles(
            "We are looking for Senior Engineers across Backend, Mobile, and Data teams in Lisbon."
        ),
        [
            "Senior Backend Engineer",
            "Senior Mobile Engineer",
            "Senior Data Engineer"
        ]
    );
    // Not areas of engineering: the sentence's one role.
    assert_eq!(
        titles("We're hiring Engineers across the Growth and Billing teams."),
        ["Engineer"]
    );
}

fn titles(phrase: &str) -> Vec<String> {
    split(phrase, "")
        .into_iter()
        .map(|role| role.title)
        .collect()
}

#[test]
fn role_lists_split_the_way_people_read_them() {
    let rows: &[(&str, &[&str])] = &[
        (
            "Backend and Frontend Engineers",
            &["Backend Engineer", "Frontend Engineer"],
        ),
        (
            "Senior Product & Platform Engineer",
            &["Senior Product & Platform Engineer"],
        ),
        ("Staff SWE, AI", &["Staff SWE, AI"]),
        (
            "Robotics Engineer, Data Scientist",
            &["Robotics Engineer", "Data Scientist"],
        ),
        (
            "Senior/Staff Software Engineer",
            &["Senior/Staff Software Engineer"],
        ),
        (
            "Solutions Engineer / Forward Deployed Engineer",
            &["Solutions Engineer / Forward Deployed Engineer"],
        ),
        (
            "Full-stack Senior or Staff Engineer",
            &["Full-stack Senior or Staff Engineer"],
        ),
        (
            "Senior Perception Engineers & MLEs",
            &["Senior Perception Engineer", "Senior ML Engineer"],
        ),
        (
            "Senior Engineers (Full-stack, Backend, ML Platform)",
            &[
                "Senior Full-stack Engineer",
                "Senior Backend Engineer",
                "Senior ML Platform Engineer",
            ],
        ),
        (
            "Software Engineers (Backend, Frontend)",
            &["Backend Software Engineer", "Frontend Software Engineer"],
        ),
        (
            "Senior Engineers (Kotlin/Java/React/Typescript)",
            &["Senior Engineer (Kotlin/Java/React/Typescript)"],
        ),
        (
            "SRE • C++ AI • Backend Python • Data Engineering",
            &[
                "SRE",
                "C++ AI Engineer",
                "Backend Python Engineer",
                "Data Engineering",
            ],
        ),
        (
            "Hiring: Fullstack Engineer and UI Designer (Remote, LATAM)",
            &["Fullstack Engineer", "UI Designer"],
        ),
        (
            "Senior & Staff Backend Engineers (Integrations)",
            &["Senior & Staff Backend Engineer (Integrations)"],
        ),
        (
            "Senior SRE + Full Stack Engineer",
            &["Senior SRE", "Senior Full Stack Engineer"],
        ),
        ("Multiple roles", &[]),
        (
            "Senior Backend Engineer (Remote, Europe)",
            &["Senior Backend Engineer"],
        ),
        ("Jr Data Engineer (1-2 years xp)", &["Jr Data Engineer"]),
        (
            "Senior/Staff+ Product, Platform & Design Engineers",
            &[
                "Senior/Staff+ Product Engineer",
                "Senior/Staff+ Platform Engineer",
                "Senior/Staff+ Design Engineer",
            ],
        ),
        (
            "Product engineers, backend engineers, Technical AMs",
            &[
                "Product Engineer",
                "Backend Engineer",
                "Technical Account Manager",
            ],
        ),
    ];
    for (phrase, expected) in rows {
        assert_eq!(titles(phrase), *expected, "{phrase}");
    }
}

#[test]
fn context_parentheses_move_out_of_the_title() {
    let roles = split("Senior Backend Engineer (Remote, UTC-3 to UTC+3)", "");
    assert_eq!(roles[0].title, "Senior Backend Engineer");
    assert_eq!(roles[0].context, "Remote, UTC-3 to UTC+3");
    let roles = split("Account Executive (Toronto, Ontario, Canada)", "$100k");
    assert_eq!(roles[0].context, "Toronto, Ontario, Canada | $100k");
}

#[test]
fn hiring_sentences_name_roles() {
    let check = |line: &str, expected: &[&str]| {
        let got: Vec<String> = from_sentence(line)
            .into_iter()
            .map(|role| role.title)
            .collect();
        assert_eq!(got, expected, "{line}");
    };
    check(
        "We are hiring for many different roles including engineering managers, software engineers, data scientists, and more.",
        &["Engineering Manager", "Software Engineer", "Data Scientist"],
    );
    check(
        "Hiring 4 full-time Software Engineers for low-level C++ systems work",
        &["Software Engineer"],
    );
    check(
        "We're looking for a seasoned UI engineer with a strong React background",
        &["UI Engineer"],
    );
    check(
        "We are looking for people who share our passion for software.",
        &[],
    );
    check(
        "Hey! We're hiring for a Founding GTM Lead at Skyfall AI.",
        &["Founding GTM Lead"],
    );
}
