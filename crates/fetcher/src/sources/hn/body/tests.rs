//! Role lines of real posts' shapes, one test per rule.

use super::*;
use crate::sources::hn::text::plain_lines;

/// Only the titles of [`listed`].
fn titles(text: &str) -> Vec<String> {
    listed(text).into_iter().map(|(title, _)| title).collect()
}

fn listed(text: &str) -> Vec<(String, Option<String>)> {
    listed_roles(&plain_lines(text))
        .into_iter()
        .map(|listed| (listed.role.title, listed.url))
        .collect()
}

#[test]
fn numbered_bulleted_and_titled_lines() {
    assert_eq!(
        titles(
            "We are hiring for two core roles:\n1. Senior Go Engineer: You will build distributed systems.\n2. Bioinformatics Developer (Antibody Discovery): You will work on the scientific core.\nComp: Top-tier EU salaries (~€90k - €120k).\nEmail me (I am the CEO): ceo@example.com",
        ),
        [
            "Senior Go Engineer",
            "Bioinformatics Developer (Antibody Discovery)"
        ]
    );

    assert_eq!(
        titles(
            "Open Roles:\nBackend Engineer, AI Content Agents\nDeveloper Productivity Engineer\nWe are committed to reviewing all applications",
        ),
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
    let post = "Open roles\nEngineering – Senior Software Engineer\nSoftware Engineering Manager - Database - https://example.com/careers/1\n[Leadership] Engineering Manager\n(SF) https://grnh.se/s7yxefzs5us";
    let got = listed(post);
    assert_eq!(
        titles(post),
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
    assert_eq!(
        titles(
            "We're hiring across disciplines for engineers who know Unix:\n● Backend: Strong in Go\n● Mobile Apps: Strong in Swift\n● Marketing: Can write\nWe value generalists who learn quickly and who can work on anything at all.\n● Security: not a role now",
        ),
        ["Backend Engineer", "Mobile Apps Engineer", "Marketing"]
    );
}

#[test]
fn prose_profiles_and_requirements_are_not_roles() {
    assert!(
        listed("Russ D'sa, CEO and Cofounder: https://www.linkedin.com/in/russelldsa/").is_empty()
    );
    assert!(listed("- 5+ years SWE experience.").is_empty());
    assert!(listed("We're looking for senior engineers to work out of our offices.").is_empty());
    assert!(listed("* Work directly with the developers of the most successful teams").is_empty());
    assert!(listed("Stack: TypeScript, React, Postgres").is_empty());
}

#[test]
fn headings_pay_words_labels_and_long_parentheses() {
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

#[test]
fn a_title_alone_over_its_description_is_a_role() {
    assert_eq!(
        titles(
            "Senior Backend Engineer\nYou will build our API in Go and run it in production for our customers.\nData Engineer (Spark)\nYou will own the pipelines that feed every report our customers read."
        ),
        ["Senior Backend Engineer", "Data Engineer (Spark)"]
    );
    // Not title case, or a sentence: not a heading.
    assert!(titles("Reach out to our recruiter\nWe answer every e-mail within a week.").is_empty());
    assert!(titles("We need engineers.\nWe answer every e-mail within a week.").is_empty());
}

#[test]
fn a_long_line_of_titles_and_a_line_that_announces_them() {
    assert_eq!(
        titles(
            "Open roles:\nSenior Backend Engineers (Go), Data Scientists, Analytics Engineers, Site Reliability Engineers"
        ),
        [
            "Senior Backend Engineer (Go)",
            "Data Scientist",
            "Analytics Engineer",
            "Site Reliability Engineer"
        ]
    );
    assert_eq!(
        titles(
            "We're hiring for the following roles: Senior Backend Engineer (Go), Senior Data Engineer (Spark, Airflow), Staff SRE (Kubernetes)"
        ),
        [
            "Senior Backend Engineer (Go)",
            "Senior Data Engineer (Spark, Airflow)",
            "Staff SRE (Kubernetes)"
        ]
    );
    // A sentence of many words is not a list of titles.
    assert!(
        titles("Open roles:\nWe work with engineers, designers, and product managers every day of the week")
            .is_empty()
    );
}

#[test]
fn a_list_folded_into_one_line_is_read_item_by_item() {
    assert_eq!(
        titles("Open Roles: - Senior Backend Engineer - Product Designer - Data Engineer"),
        [
            "Senior Backend Engineer",
            "Product Designer",
            "Data Engineer"
        ]
    );
    assert_eq!(
        titles("Open roles: 1. Go Engineer 2. Product Designer"),
        ["Go Engineer", "Product Designer"]
    );
}

#[test]
fn two_title_lines_in_a_row_are_a_list() {
    assert_eq!(
        titles("We build meeting notes.\nFounding Product Manager\nTech Lead iOS App\nEmail us."),
        ["Founding Product Manager", "Tech Lead iOS App"]
    );
    // One title line over prose is not a list by itself.
    assert!(titles("Tech Lead iOS App\nwe are a small team in Munich.").is_empty());
}

#[test]
fn rules_and_heading_marks_around_a_role_line_are_not_part_of_it() {
    assert_eq!(
        titles(
            "=== 1. Corporate Associate | Los Angeles, CA | $200K-$230K ===\nBoutique law firm in West Los Angeles seeking a Corporate/M&A Associate for their middle-market M&A practice.\n=== 2. Telecom Solution Engineer | New York, NY | $90/hr ==="
        ),
        ["Corporate Associate", "Telecom Solution Engineer"]
    );
}

#[test]
fn a_lower_case_label_before_a_link_is_not_a_title() {
    assert!(titles("Dev log: https://example.com/log").is_empty());
    assert_eq!(
        titles("- senior engineers: https://example.com/jobs"),
        ["Senior Engineer"]
    );
}

#[test]
fn a_stack_after_a_title_s_dash_is_not_part_of_it() {
    assert_eq!(
        titles(
            "- Software Engineer, Digital Experience Analytics - Go, TypeScript, GCP: https://example.com/1"
        ),
        ["Software Engineer, Digital Experience Analytics"]
    );
    // A team after the dash stays.
    assert_eq!(
        titles("- Software Engineering Manager - Database - https://example.com/2"),
        ["Software Engineering Manager - Database"]
    );
}

#[test]
fn a_bullet_before_a_sentence_ends_a_list_item_s_title() {
    assert_eq!(
        titles(
            "Open Roles:\n- Software Engineer, Product (Full Stack) • Build the marketplace and payments experience that buyers love: https://example.com/1\n- iOS Engineer (Mobile / AR) • Build high-performance iOS applications for real-world capture."
        ),
        [
            "Software Engineer, Product (Full Stack)",
            "iOS Engineer (Mobile / AR)"
        ]
    );
}

#[test]
fn a_hiring_item_lists_its_roles_after_the_colon() {
    assert_eq!(
        titles("* we're hiring: product engineers, backend engineers and product managers."),
        ["Product Engineer", "Backend Engineer", "Product Manager"]
    );
    assert_eq!(
        titles(
            "Roles:\n- 2 X Fullstack Engineer (5+ YOE) – Own end-to-end feature delivery: https://example.com/2"
        ),
        ["Fullstack Engineer"]
    );
}

#[test]
fn a_level_label_before_a_list_item_s_titles() {
    assert_eq!(
        titles("Hiring:\n- All Levels: AI Platform and Product Engineers\n- Lead Product Designer"),
        [
            "AI Platform Engineer",
            "Product Engineer",
            "Lead Product Designer"
        ]
    );
}

#[test]
fn years_before_a_title_and_it_in_capitals_open_list_items() {
    assert_eq!(
        titles(
            "8+ yrs - Staff SWE, AI (SF) https://grnh.se/1\nSr Product Designer (SF) https://grnh.se/2"
        ),
        ["Staff SWE, AI", "Sr Product Designer"]
    );
    assert_eq!(
        titles(
            "Open Roles:\n- IT Systems Administrator • Build and scale internal IT for a deep-tech company."
        ),
        ["IT Systems Administrator"]
    );
}

#[test]
fn a_heading_of_where_the_roles_are_speaks_for_the_roles_under_it() {
    let lines = plain_lines(
        "Remote (US):\n* Senior Software Engineer, Android - $160k - https://example.com/1\nAtlanta, USA (1 day per week in office):\n* Software Engineer, Subtext - Go - https://example.com/2",
    );
    let listed = listed_roles(&lines);
    let contexts: Vec<&str> = listed
        .iter()
        .map(|item| item.role.context.as_str())
        .collect();
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(contexts[0].starts_with("Remote (US)"), "{contexts:?}");
    assert!(
        contexts[1].starts_with("Atlanta, USA (1 day per week in office)"),
        "{contexts:?}"
    );
}

#[test]
fn two_titles_joined_over_their_paragraph_are_a_heading() {
    assert_eq!(
        titles(
            "Fullstack Developers\nYou'll work across the JavaScript and TypeScript layer of our local AI stack, building things.\nLead React Native Engineer and React Native Engineers\nYou will be working on developing cutting edge mobile applications integrating wallets."
        ),
        [
            "Fullstack Developer",
            "Lead React Native Engineer",
            "React Native Engineer"
        ]
    );
}

#[test]
fn a_pitch_heading_that_opens_on_a_verb_is_no_title() {
    assert_eq!(
        titles(
            "Scaling a Git-based Platform for Non-software Engineers\nWe build version control for lawyers.\nPrincipal Engineer (Parsing)\nYou will own our parsers and their tests, end to end."
        ),
        ["Principal Engineer (Parsing)"]
    );
}

#[test]
fn a_list_items_title_ends_where_a_sentence_or_a_clause_about_it_begins() {
    assert_eq!(
        titles(
            "Open roles:\n- Senior Backend Engineer. You'll own billing in Go.\n- ML Engineer. You'll build ranking.\n- Designer. Own the design system."
        ),
        ["Senior Backend Engineer", "ML Engineer", "Designer"]
    );
    assert_eq!(
        titles(
            "Open roles:\n- Senior Backend Engineer, who will own our billing services\n- Machine Learning Engineer to build ranking models\n- Product Designer with B2B experience"
        ),
        [
            "Senior Backend Engineer",
            "Machine Learning Engineer",
            "Product Designer"
        ]
    );
    // An announced list on a line of prose ends with its sentence.
    assert_eq!(
        titles(
            "We build payroll software. Open roles: Senior Backend Engineer, Machine Learning Engineer, Product Designer. Apply at https://acme.example/jobs"
        ),
        [
            "Senior Backend Engineer",
            "Machine Learning Engineer",
            "Product Designer"
        ]
    );
    // A requirement in lower case, a duty, and a clause under a list of requirements are no roles.
    assert!(
        titles(
            "What we're looking for\n• Strong full-stack engineering skills\n• Product-minded engineers who like shipping quickly\n• Partner with engineering, QA, and support"
        )
        .is_empty()
    );
    assert!(
        titles(
            "What we are looking for:\nDistributed Systems / Cloud Engineers to build the AutoScaling Systems for a Cloud Database."
        )
        .is_empty()
    );
}

#[test]
fn list_items_drop_an_article_a_head_count_and_a_leading_link() {
    assert_eq!(
        titles("Looking for:\n- Backend engineers (Go)\n- A product designer"),
        ["Backend Engineer (Go)", "Product Designer"]
    );
    assert_eq!(
        titles("Open roles:\n- Backend Engineer x2\n- Designer x1"),
        ["Backend Engineer", "Designer"]
    );
    assert_eq!(
        listed("Open roles:\n- https://acme.example/jobs/1 Senior Backend Engineer"),
        [(
            "Senior Backend Engineer".to_owned(),
            Some("https://acme.example/jobs/1".to_owned())
        )]
    );
}

#[test]
fn an_emoji_is_a_bullet() {
    assert_eq!(
        titles("Open roles:\n🔹 Senior Backend Engineer\n🔹 Product Designer"),
        ["Senior Backend Engineer", "Product Designer"]
    );
    assert_eq!(
        titles("Open roles:\n👉 Senior Backend Engineer: https://acme.example/1"),
        ["Senior Backend Engineer"]
    );
}

#[test]
fn an_announced_list_cut_by_dashes_is_its_roles() {
    let got = listed_roles(&plain_lines(
        "Roles: Senior Backend Engineer - Staff Platform Engineer - Product Designer",
    ));
    let got: Vec<(&str, bool)> = got
        .iter()
        .map(|listed| (listed.role.title.as_str(), listed.introduced))
        .collect();
    assert_eq!(
        got,
        [
            ("Senior Backend Engineer", true),
            ("Staff Platform Engineer", true),
            ("Product Designer", true)
        ]
    );
}
