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
    assert_eq!(
        sentence_titles(
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
        sentence_titles("We're hiring Engineers across the Growth and Billing teams."),
        ["Engineer"]
    );
}

pub(super) fn titles(phrase: &str) -> Vec<String> {
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
            "SWE, SRE, Networking, Infra, TPM, PM",
            &[
                "SWE",
                "SRE",
                "Networking Engineer",
                "Infra Engineer",
                "Technical Program Manager",
                "Product Manager",
            ],
        ),
        (
            "Software Engineers (Backend, Full-Stack, API), Data Scientists, Analytics Engineers, Security, Platform",
            &[
                "Backend Software Engineer",
                "Full-Stack Software Engineer",
                "API Software Engineer",
                "Data Scientist",
                "Analytics Engineer",
                "Security Engineer",
                "Platform Engineer",
            ],
        ),
        // A qualifier after a dash goes on with the areas; a slash joins names of one job.
        (
            "Staff SDK Engineers - Web, Android & iOS",
            &["Staff SDK Engineer - Web, Android, iOS"],
        ),
        (
            "Freelance Software Engineers (Mobile/Web)",
            &["Freelance Software Engineer (Mobile/Web)"],
        ),
        (
            "Senior I Product Engineer (£84-101k) Senior II Backend Engineer (£108-121k)",
            &["Senior I Product Engineer", "Senior II Backend Engineer"],
        ),
        (
            "Senior Software Engineer - Full Stack, Technical Lead",
            &["Senior Software Engineer - Full Stack, Technical Lead"],
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

#[test]
fn a_developer_team_after_a_title_qualifies_it() {
    assert_eq!(
        titles("Staff Engineer, Developer Tooling and Cloud"),
        ["Staff Engineer, Developer Tooling, Cloud"]
    );
    // "Developer" heading its own title, or before a level, is still the role.
    assert_eq!(
        titles("Developer Advocate, Python Developer"),
        ["Developer Advocate", "Python Developer"]
    );
    assert_eq!(titles("Developer II"), ["Developer II"]);
}

#[test]
fn devrel_is_a_role_of_its_own_in_a_list() {
    assert_eq!(
        titles("Backend Engineer, Data Engineer, DevRel"),
        ["Backend Engineer", "Data Engineer", "DevRel"]
    );
}

#[test]
fn a_header_s_bare_level_passes_to_roles_with_its_noun() {
    assert_eq!(
        bare_level("Senior Engineers (Go/Rust)").as_deref(),
        Some("Senior")
    );
    assert_eq!(
        bare_level("Sr./Staff Software Engineer").as_deref(),
        Some("Sr./Staff")
    );
    assert_eq!(bare_level("Senior Backend Engineer"), None);
    assert_eq!(bare_level("Engineers"), None);
    let role = |title: &str| Role {
        title: title.to_owned(),
        context: String::new(),
    };
    assert_eq!(
        under_header_level(role("Data Engineer"), "Senior Engineers").title,
        "Senior Data Engineer"
    );
    // Another noun, or a level of its own, keeps the role as it is.
    assert_eq!(
        under_header_level(role("Product Designer"), "Senior Engineers").title,
        "Product Designer"
    );
    assert_eq!(
        under_header_level(role("Staff Data Engineer"), "Senior Engineers").title,
        "Staff Data Engineer"
    );
}

#[test]
fn hiring_sentences_keep_level_ranges_and_drop_where_words() {
    assert_eq!(
        sentence_titles("We're hiring junior to senior data engineers to grow our platform."),
        ["Junior to Senior Data Engineer"]
    );
    assert_eq!(
        sentence_titles(
            "Acme is looking for a Canada-based, fully remote Platform Engineer to own CI."
        ),
        ["Platform Engineer"]
    );
    assert_eq!(
        split("We have several openings for: Designers, QA Engineers", "")
            .into_iter()
            .map(|role| role.title)
            .collect::<Vec<_>>(),
        ["Designer", "QA Engineer"]
    );
}

#[test]
fn a_bare_noun_joined_to_a_singular_title_is_the_same_person() {
    assert_eq!(
        titles("Senior Rust Developer and Architect"),
        ["Senior Rust Developer and Architect"]
    );
    // Plural titles and titles with their own words stay apart.
    assert_eq!(
        titles("Backend Engineers and Designers"),
        ["Backend Engineer", "Designer"]
    );
    assert_eq!(
        titles("Backend Engineer and Product Designer"),
        ["Backend Engineer", "Product Designer"]
    );
}

#[test]
fn a_level_range_after_the_title_is_its_level() {
    assert_eq!(
        sentence_titles("-> Hiring backend engineers from Senior to Principal"),
        ["Senior to Principal Backend Engineer"]
    );
    assert_eq!(
        sentence_titles("We're hiring data engineers from Berlin to Lisbon."),
        ["Data Engineer"]
    );
}

/// The titles of the roles a hiring sentence names.
pub(super) fn sentence_titles(line: &str) -> Vec<String> {
    from_sentence(line)
        .into_iter()
        .map(|role| role.title)
        .collect()
}

#[test]
fn roles_side_by_side_keep_their_own_areas() {
    assert_eq!(
        titles("Senior Software Engineers (Backend, Frontend) and Product Designers"),
        [
            "Senior Backend Software Engineer",
            "Senior Frontend Software Engineer",
            "Product Designer"
        ]
    );
}

#[test]
fn every_hiring_sentence_of_a_line_counts() {
    assert_eq!(
        sentence_titles("We're hiring Backend Engineers. We are also hiring Data Engineers."),
        ["Backend Engineer", "Data Engineer"]
    );
    // Named again, or as a bare noun: not another role.
    assert_eq!(
        sentence_titles(
            "We're hiring a Sr. Backend Engineer. The engineers we are looking for love Go."
        ),
        ["Sr. Backend Engineer"]
    );
    assert_eq!(
        sentence_titles("Acme builds tools and has openings for Backend Engineers in NYC."),
        Vec::<String>::new()
    );
    assert_eq!(
        sentence_titles("We have openings for Backend Engineers and Data Engineers in NYC."),
        ["Backend Engineer", "Data Engineer"]
    );
    assert_eq!(
        sentence_titles("Join us as a Founding Engineer."),
        ["Founding Engineer"]
    );
}

#[test]
fn a_sentence_list_drops_each_article_and_its_count_of_roles() {
    assert_eq!(
        sentence_titles(
            "Acme builds software. We are hiring for two roles - a Backend Engineer and a Data Engineer."
        ),
        ["Backend Engineer", "Data Engineer"]
    );
    assert_eq!(
        sentence_titles("Acme builds AI. Open positions: Backend Engineer, Product Designer."),
        ["Backend Engineer", "Product Designer"]
    );
}

#[test]
fn the_areas_of_engineering_are_data() {
    assert_eq!(
        titles("Software Engineers (Backend, Full-Stack, API, Voice)"),
        [
            "Backend Software Engineer",
            "Full-Stack Software Engineer",
            "API Software Engineer",
            "Voice Software Engineer"
        ]
    );
    assert_eq!(
        titles("Engineers (Kotlin/Java/React/Typescript)"),
        ["Engineer (Kotlin/Java/React/Typescript)"]
    );
}

#[test]
fn an_area_made_a_title_keeps_its_parenthesis_last() {
    assert_eq!(
        title::engineering_title("ML Infrastructure (Staff+)"),
        "ML Infrastructure Engineer (Staff+)"
    );
    assert_eq!(title::engineering_title("C++ AI"), "C++ AI Engineer");
}

#[test]
fn a_department_in_a_hiring_sentence_is_a_role() {
    assert_eq!(
        from_sentence("We are hiring full stack engineers, ai/ml engineers and growth/marketing.")
            .into_iter()
            .map(|role| role.title)
            .collect::<Vec<_>>(),
        ["Full Stack Engineer", "Ai/ml Engineer", "Growth/marketing"]
    );
    // People are not a department.
    assert!(from_sentence("We are hiring people who love compilers.").is_empty());
}

#[test]
fn a_hiring_sentence_across_departments_names_one_role_each() {
    assert_eq!(
        sentence_titles(
            "telli (YC F24) is hiring across engineering, design, and sales. [On-Site]"
        ),
        ["Engineering", "Design", "Sales"]
    );
    assert_eq!(
        sentence_titles("We're hiring for product and engineering roles in Munich."),
        ["Product", "Engineering"]
    );
    // Places are no departments, and one department alone is no list.
    assert!(sentence_titles("We're hiring in Berlin and London.").is_empty());
    assert!(sentence_titles("We are hiring across engineering.").is_empty());
}

#[test]
fn a_sentence_list_reads_past_each_roles_parenthesis() {
    assert_eq!(
        sentence_titles(
            "We're currently looking for 1x Senior/Staff Fullstack Engineer (Typescript, React), 1x Senior/Staff DevOps Engineer (Kubernetes, Terraform), and 1x Senior Applied Research Engineer (Python, ML/AI) to extend our teams."
        ),
        [
            "Senior/Staff Fullstack Engineer (Typescript, React)",
            "Senior/Staff DevOps Engineer (Kubernetes, Terraform)",
            "Senior Applied Research Engineer (Python, ML/AI)"
        ]
    );
}

#[test]
fn a_long_list_of_short_titles_is_no_run_on_clause() {
    assert_eq!(
        sentence_titles(
            "* we're hiring: product engineers, clickhouse operations engineer, backend engineers, product managers, technical account managers and technical customer success managers."
        ),
        [
            "Product Engineer",
            "Clickhouse Operations Engineer",
            "Backend Engineer",
            "Product Manager",
            "Technical Account Manager",
            "Technical Customer Success Manager"
        ]
    );
    // A long clause whose pieces are not all titles still ends the list.
    assert!(
        sentence_titles(
            "We're hiring someone who likes to build things with their hands and knows a little bit about many engineers, tools and more."
        )
        .len()
            <= 1
    );
}
#[test]
fn a_shared_level_never_makes_a_piece_its_neighbour_again() {
    assert_eq!(
        titles("Lead React Native Engineer and React Native Engineers"),
        ["Lead React Native Engineer", "React Native Engineer"]
    );
    assert_eq!(
        titles("Senior Backend Engineer and Frontend Engineers"),
        ["Senior Backend Engineer", "Senior Frontend Engineer"]
    );
}
#[test]
fn a_sentence_list_ends_before_of_all_levels() {
    assert_eq!(
        sentence_titles(
            "Looking for front-end, back-end and full stack developers of all skill levels."
        ),
        [
            "Front-end Developer",
            "Back-end Developer",
            "Full Stack Developer"
        ]
    );
    // "of" inside a title stays.
    assert_eq!(
        sentence_titles("We're hiring a Head of Engineering."),
        ["Head of Engineering"]
    );
}

#[test]
fn a_hiring_sentence_resumes_its_list_after_a_clause() {
    assert_eq!(
        sentence_titles(
            "We're hiring staff ML engineers to train models that can understand how much compute a job needs; and staff infra engineers to take those models and deploy them."
        ),
        ["Staff ML Engineer", "Staff Infra Engineer"]
    );
    // An "and" that goes on with the duties adds no role.
    assert_eq!(
        sentence_titles("We're hiring a backend engineer to build APIs, and ship them fast."),
        ["Backend Engineer"]
    );
}

#[test]
fn three_or_more_complete_titles_joined_by_slashes_are_a_list() {
    assert_eq!(
        titles("Senior Backend Engineer / Data Engineer / ML Engineer"),
        ["Senior Backend Engineer", "Data Engineer", "ML Engineer"]
    );
    // Two names of one job, and levels or areas of one title, stay one role.
    assert_eq!(
        titles("Solutions Engineer / Forward Deployed Engineer"),
        ["Solutions Engineer / Forward Deployed Engineer"]
    );
    assert_eq!(
        titles("Senior/Staff/Principal Engineer"),
        ["Senior/Staff/Principal Engineer"]
    );
}

#[test]
fn a_second_hat_after_and_is_the_same_person() {
    assert_eq!(
        titles("Senior Backend Engineer and Database Expert"),
        ["Senior Backend Engineer and Database Expert"]
    );
    assert_eq!(
        titles("Product Designer and UX Researcher"),
        ["Product Designer and UX Researcher"]
    );
    // Another opening, or a hat with a level of its own, stays a role of its own.
    assert_eq!(
        titles("Backend Engineer and Product Manager"),
        ["Backend Engineer", "Product Manager"]
    );
    assert_eq!(
        titles("Founding Engineer & Founding Architect"),
        ["Founding Engineer", "Founding Architect"]
    );
}

#[test]
fn a_department_after_a_plural_title_is_a_role_of_its_own() {
    assert_eq!(
        titles("Founding Engineers (Infrastructure, Applied AI), Growth, GTM"),
        [
            "Founding Infrastructure Engineer",
            "Founding Applied AI Engineer",
            "Growth",
            "GTM"
        ]
    );
    // After a singular title it is the title's team.
    assert_eq!(
        titles("Product Engineer, Growth"),
        ["Product Engineer, Growth"]
    );
}
