//! Whole posts read into roles, one test per rule of the module docs.
use super::*;

pub(super) fn titles(html: &str) -> Vec<String> {
    read(html)
        .unwrap()
        .into_iter()
        .map(|reading| reading.title)
        .collect()
}

#[test]
fn a_bare_role_noun_in_the_header_yields_to_the_body_list() {
    assert_eq!(
        titles(
            "Acme | Engineers + Ops Roles | Berlin (ONSITE)<p>We build ledgers.<p>Open roles<p>Engineering – Staff Backend Engineer<p>Operations – Operations Analyst, Senior Operations Analyst"
        ),
        [
            "Staff Backend Engineer",
            "Operations Analyst",
            "Senior Operations Analyst"
        ]
    );
}

#[test]
fn a_hiring_sentence_gives_header_roles_their_level_or_more_teams() {
    assert_eq!(
        titles(
            "Acme | Data Engineer | REMOTE (EU)<p>We're looking for a Staff Data Engineer to own our pipelines."
        ),
        ["Staff Data Engineer"]
    );
    assert_eq!(
        titles(
            "Acme | Senior Engineers (Backend, Mobile) | Lisbon | HYBRID<p>We are looking for Senior Engineers across Backend, Mobile and Data teams."
        ),
        [
            "Senior Backend Engineer",
            "Senior Mobile Engineer",
            "Senior Data Engineer"
        ]
    );
    // A sentence about another role changes nothing.
    assert_eq!(
        titles(
            "Acme | Data Engineer | REMOTE (EU)<p>We're looking for a Senior Designer to join too."
        ),
        ["Data Engineer"]
    );
}

#[test]
fn a_header_field_gives_its_area_a_workplace() {
    let workplaces: Vec<WorkplaceType> = read(
        "Acme | Boston, MA | Sales (In-Person Boston only) | Engineering (Remote in the US)<p>We make boats.<p>Positions:<p>* Engineering: Hiring a Rust engineer for our firmware -> a@acme.example<p>* Sales: We need to hire a sales lead for New England -> b@acme.example",
    )
    .unwrap()
    .into_iter()
    .map(|reading| reading.workplace)
    .collect();
    assert_eq!(workplaces, [WorkplaceType::Remote, WorkplaceType::Onsite]);
    assert_eq!(
        area_workplace(&["Boston, MA".to_owned()], "Rust Engineer"),
        None
    );
}

#[test]
fn an_also_hiring_sentence_adds_its_role_once() {
    assert_eq!(
        titles(
            "Acme | Backend Engineer | REMOTE<p>We build payroll.<p>We're also hiring a Product Designer for the summer; apply at https://acme.example/jobs"
        ),
        ["Backend Engineer", "Product Designer"]
    );
    assert_eq!(
        titles(
            "Acme | Senior Backend Engineer | REMOTE<p>We are also looking for engineers who love Go."
        ),
        ["Senior Backend Engineer"]
    );
    // A role the header named, said again in other words.
    assert_eq!(
        titles(
            "NobodyWho | Copenhagen | Software Engineer, ML Engineer, DevRel | ONSITE<p>We build inference tools. We're also looking for a technical DevRel profile."
        ),
        ["Software Engineer", "ML Engineer", "DevRel"]
    );
}

#[test]
fn pay_that_names_one_role_pays_that_role_alone() {
    let readings = read(
        "Acme | Staff Engineer, Support Engineer | Remote (US) | Pay is listed per req, but for the Staff Engineer it is 200k-240k<p>We build tools.",
    )
    .unwrap();
    assert_eq!(readings.len(), 2);
    let staff = readings[0].salary.as_ref().unwrap();
    assert_eq!((staff.min, staff.max), (Some(200_000.0), Some(240_000.0)));
    assert_eq!(staff.currency.as_deref(), Some("USD"));
    assert_eq!(readings[1].salary, None);
    assert!(readings[1].salary_note.is_some());
}

#[test]
fn a_bare_amount_in_a_uk_post_is_in_pounds() {
    let readings =
        read("Acme | London, UK | HYBRID<p>Roles:<p>- Senior Designer | 80k-95k").unwrap();
    let pay = readings[0].salary.as_ref().unwrap();
    assert_eq!(pay.currency.as_deref(), Some("GBP"));
    assert_eq!(readings[0].title, "Senior Designer");
}

#[test]
fn an_announced_or_linked_body_list_stands_against_the_header() {
    assert_eq!(
        titles(
            "Acme | Platform Engineer | Berlin | ONSITE<p>We build robots.<p>Open roles include:<p>- Robotics Engineer<p>- Product Designer"
        ),
        ["Robotics Engineer", "Product Designer"]
    );
    assert_eq!(
        titles(
            "Acme | CMS Software Editor | Remote France<p>- Senior Engineer, Billing - Apply here: https://acme.example/1<p>- Senior Engineer, Search - Apply here: https://acme.example/2"
        ),
        ["Senior Engineer, Billing", "Senior Engineer, Search"]
    );
}

#[test]
fn a_header_level_passes_to_a_list_that_gives_none() {
    assert_eq!(
        titles(
            "Acme | Senior Engineers | NYC<p>Backend Engineer: you will own the APIs.<p>Data Engineer: you will own the pipelines."
        ),
        ["Senior Backend Engineer", "Senior Data Engineer"]
    );
    // A list with levels of its own speaks for itself.
    assert_eq!(
        titles(
            "Acme | Senior Engineers | NYC<p>Roles:<p>- Staff Backend Engineer<p>- Data Engineer"
        ),
        ["Staff Backend Engineer", "Data Engineer"]
    );
}

#[test]
fn labelled_list_items_and_prose_first_lines() {
    assert_eq!(
        titles(
            "Acme | We have openings for: Designers, Go Engineers | Remote<p>ROLE: Product Designer | REMOTE (EU)<p>https://acme.example/1<p>ROLE: Go Engineer | REMOTE (US)<p>https://acme.example/2"
        ),
        ["Product Designer", "Go Engineer"]
    );
    assert_eq!(
        titles(
            "Acme is the new company from the founders of Foo.<p>We are hiring backend engineers and designers."
        ),
        ["Backend Engineer", "Designer"]
    );
}

#[test]
fn a_sentence_completes_a_bare_header_noun() {
    assert_eq!(
        titles(
            "Acme | Seattle (Hybrid) | Intern (Summer 2027)<p>We're hiring a data engineering intern to build our pipelines."
        ),
        ["Data Engineering Intern"]
    );
}

#[test]
fn a_role_city_under_a_hybrid_header_stays_hybrid() {
    let workplaces: Vec<WorkplaceType> = read(
        "Acme | NY and London | Hybrid<p>Roles:<p>Senior Backend Engineer (NY)<p>Designer (London)",
    )
    .unwrap()
    .into_iter()
    .map(|reading| reading.workplace)
    .collect();
    assert_eq!(workplaces, [WorkplaceType::Hybrid, WorkplaceType::Hybrid]);
    // Under a REMOTE header a city makes the role an office job.
    let workplaces: Vec<WorkplaceType> =
        read("Acme | REMOTE<p>Roles:<p>Account Executive (Toronto)<p>Backend Engineer")
            .unwrap()
            .into_iter()
            .map(|reading| reading.workplace)
            .collect();
    assert_eq!(workplaces, [WorkplaceType::Onsite, WorkplaceType::Remote]);
}

#[test]
fn a_post_of_several_headers_has_each_header_s_role() {
    let readings = read(
        "Head of Data | Full-Time | Remote | $190k - $250k USD - https://acme.example/jobs/head<p>Role: own our data teams.<p>---<p>Acme | Senior Site Reliability Engineer | Full-Time | Remote | 120k - 170k USD - https://acme.example/jobs/sre<p>Role: keep it running.",
    )
    .unwrap();
    let titles: Vec<&str> = readings.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(titles, ["Head of Data", "Senior Site Reliability Engineer"]);
    let pay: Vec<Option<f64>> = readings
        .iter()
        .map(|r| r.salary.as_ref().and_then(|s| s.min))
        .collect();
    assert_eq!(pay, [Some(190_000.0), Some(120_000.0)]);
}

#[test]
fn a_list_of_other_roles_adds_to_the_header_and_bare_titles_stand_for_it() {
    assert_eq!(
        titles(
            "Acme | ML Engineer | Remote<p>We build stuff.<p>Also hiring:<p>- Data Engineer<p>- DevOps Engineer"
        ),
        ["ML Engineer", "Data Engineer", "DevOps Engineer"]
    );
    assert_eq!(
        titles(
            "Acme | ML Engineer | Remote<p>We build stuff.<p>Other roles:<p>- Data Engineer<p>- ML Engineer"
        ),
        ["ML Engineer", "Data Engineer"]
    );
    // Titles alone, one a line, under an intro that is not a role list: still the openings.
    assert_eq!(
        titles(
            "Acme | Software Engineer | Remote<p>We build stuff.<p>We're looking for:<p>- Senior Backend Engineer<p>- Product Designer"
        ),
        ["Senior Backend Engineer", "Product Designer"]
    );
}

#[test]
fn a_company_that_says_it_hires_and_names_no_role_has_multiple_roles() {
    assert_eq!(
        titles("telli is hiring [Berlin, on-site] - careers.telli.com"),
        ["Multiple roles"]
    );
}

#[test]
fn a_level_from_the_sentence_or_the_header_joins_the_other_s_words() {
    assert_eq!(
        titles(
            "EnigmoFi | DevOps / SRE (Cloud & Infrastructure) | Remote<p>We're hiring a senior DevOps / SRE to own our cloud."
        ),
        ["Senior DevOps / SRE (Cloud & Infrastructure)"]
    );
    assert_eq!(
        titles(
            "Blueberry | Full-stack Senior or Staff Engineer | REMOTE (US only)<p>We fix pediatrics.<p>Full-stack engineer: https://jobs.example.com/1"
        ),
        ["Full-stack Senior or Staff Engineer"]
    );
}

#[test]
fn a_generic_phrase_with_its_areas_names_one_role_per_area() {
    let backend_frontend_infra = ["Backend Engineer", "Frontend Engineer", "Infra Engineer"];
    for post in [
        "Acme | Multiple roles incl. Backend, Frontend, Infra | Remote",
        "Acme | Several engineering roles (backend, frontend, infra) | Remote",
        "Acme | Backend, Frontend, and Infra roles | Remote",
    ] {
        assert_eq!(titles(post), backend_frontend_infra, "{post}");
    }
    // Departments name a role each, as in a hiring sentence ("hiring across engineering, design,
    // and sales"); words that are neither leave the phrase generic.
    assert_eq!(
        titles("Acme | Engineering & Product roles | Remote"),
        ["Engineering", "Product"]
    );
    assert_eq!(
        titles("Acme | Remote | Hiring multiple roles across engineering and product"),
        ["Engineering", "Product"]
    );
    assert_eq!(
        titles("Acme | Multiple roles across the world | Remote"),
        ["Multiple roles across the world"]
    );
}

#[test]
fn a_field_of_levels_joins_the_titles_that_name_none() {
    assert_eq!(
        titles(
            "Level 12 | Full Stack Web Developer | Mid-Level & Senior | REMOTE<p>We build apps."
        ),
        ["Full Stack Web Developer (Mid-Level & Senior)"]
    );
    // "All levels" names no level to add.
    assert_eq!(
        titles("Acme | Backend Engineer | All levels | REMOTE<p>We build apps."),
        ["Backend Engineer"]
    );
}

#[test]
fn a_sentence_listing_the_header_roles_with_stacks_gives_them_its_levels() {
    assert_eq!(
        titles(
            "akeno | Fullstack Engineer, DevOps Engineer | ONSITE | Hamburg<p>We plan factories.<p>We're currently looking for 1x Senior/Staff Fullstack Engineer (Typescript, React), 1x Senior/Staff DevOps Engineer (Kubernetes, Terraform), and more."
        ),
        [
            "Senior/Staff Fullstack Engineer",
            "Senior/Staff DevOps Engineer"
        ]
    );
}

#[test]
fn a_post_naming_no_role_takes_the_title_its_job_link_spells() {
    assert_eq!(
        titles(
            "iPify | Legal Tech | Remote (EU or UK) | Full Time<p>Build the platform for IP lawyers.<p>Job description: <a href=\"https://ipify.notion.site/Senior-Python-Developer-37de517efa\">https://ipify.notion.site/Senior-Python...</a>"
        ),
        ["Senior Python Developer"]
    );
    // Ids, careers pages and sentences in an address name no role.
    assert_eq!(
        titles(
            "Acme | Remote | Full Time<p>We build things.<p>Apply: <a href=\"https://jobs.example.com/acme/4956070007\">link</a> or <a href=\"https://acme.example/join-our-engineers\">team</a>"
        ),
        ["Multiple roles"]
    );
}

#[test]
fn a_sentence_naming_kinds_of_a_bare_header_role_replaces_it_alone() {
    assert_eq!(
        titles(
            "PMG | Dallas / NYC | Full Time | Developers, Data Scientists, Engineering Managers<p>Looking for front-end, back-end and full stack developers of all skill levels."
        ),
        [
            "Front-end Developer",
            "Back-end Developer",
            "Full Stack Developer",
            "Data Scientist",
            "Engineering Manager"
        ]
    );
}

#[test]
fn shapes_of_role_lists_in_sentences_bars_and_parentheses() {
    // An article opens a role of its own: the first one's level is not the second's.
    assert_eq!(
        titles(
            "Acme | NYC | Onsite<p>We are looking for a Senior Backend Engineer and a Product Designer to join our team."
        ),
        ["Senior Backend Engineer", "Product Designer"]
    );
    // An announced list cut by bars.
    assert_eq!(
        titles("Acme | NYC | Onsite<p>Roles: Backend Engineer | Frontend Engineer | Designer"),
        ["Backend Engineer", "Frontend Engineer", "Designer"]
    );
    // A plural title's areas joined by "&".
    assert_eq!(
        titles("Acme | Senior Engineers (Backend & Infra) | NYC | Onsite"),
        ["Senior Backend Engineer", "Senior Infra Engineer"]
    );
}

#[test]
fn a_count_opens_a_role_and_shouted_titles_are_lowered() {
    assert_eq!(
        titles("Acme | Remote<p>We have openings for a Staff Engineer and two Senior Engineers."),
        ["Staff Engineer", "Senior Engineer"]
    );
    assert_eq!(
        titles(
            "Acme | NYC<p>SENIOR BACKEND ENGINEER<p>You will build our API and own the database.<p>SRE (ML PLATFORM)<p>You will run our clusters and keep them up."
        ),
        ["Senior Backend Engineer", "SRE (ML Platform)"]
    );
}

#[test]
fn a_list_item_the_header_names_with_a_level_takes_that_level() {
    assert_eq!(
        titles(
            "Steel | Founding Engineers (Infrastructure, Applied AI) | Toronto | In-office<p>We build browsers for agents.<p>Current roles:<p>- Infrastructure Engineer: Design and scale our VM fleet<p>- Applied AI Engineer: Build on agent frameworks<p>- Founding GTM Lead: Be our first sales hire"
        ),
        [
            "Founding Infrastructure Engineer",
            "Founding Applied AI Engineer",
            "Founding GTM Lead"
        ]
    );
}

#[test]
fn header_shapes_found_by_probing() {
    // A plural title's areas after a colon, as in a parenthesis.
    assert_eq!(
        titles("Acme | Engineers: Backend, Frontend, ML | NYC"),
        ["Backend Engineer", "Frontend Engineer", "ML Engineer"]
    );
    // An article and a head count in parentheses are not part of the title.
    assert_eq!(
        titles("Acme | Hiring a Staff Engineer | NYC"),
        ["Staff Engineer"]
    );
    assert_eq!(
        titles("Acme | Senior Software Engineer (x3) | Remote"),
        ["Senior Software Engineer"]
    );
}

#[test]
fn sentence_shapes_found_by_probing() {
    // A plural title's parenthesis of areas inside a sentence names its roles.
    assert_eq!(
        titles("Acme | NYC<p>We're looking for engineers (backend, infra, and ML) to join us."),
        ["Backend Engineer", "Infra Engineer", "ML Engineer"]
    );
    // "several" after a conjunction opens a role, like an article.
    assert_eq!(
        titles(
            "Acme | NYC<p>We're hiring a Head of Design and several Senior Full-Stack Engineers."
        ),
        ["Head of Design", "Senior Full-Stack Engineer"]
    );
}

#[test]
fn a_list_item_takes_only_a_level_from_the_header() {
    // "Roles: A - B - C" is a header field and a list; the list's "Product Designer" is not
    // given the header's "Senior Backend Engineer - Staff Platform Engineer" as a level.
    assert_eq!(
        titles(
            "Acme | Remote<p>We build payroll software.<p>Roles: Senior Backend Engineer - Staff Platform Engineer - Product Designer"
        ),
        [
            "Senior Backend Engineer",
            "Staff Platform Engineer",
            "Product Designer"
        ]
    );
}

#[test]
fn fillers_and_departments_around_header_areas_are_no_roles() {
    // "and more", "multiple other roles" name nothing; "Engineering:" heads its areas.
    assert_eq!(
        titles("Acme | Backend, Frontend, and more | Remote"),
        ["Backend Engineer", "Frontend Engineer"]
    );
    assert_eq!(
        titles("Acme | ML Engineer, Backend Engineer, and multiple other roles | SF"),
        ["ML Engineer", "Backend Engineer"]
    );
    assert_eq!(
        titles("Acme | Engineering: Backend, Frontend, Mobile | Remote"),
        ["Backend Engineer", "Frontend Engineer", "Mobile Engineer"]
    );
}

#[test]
fn a_sentence_of_areas_after_hiring_a_bare_plural_role_names_one_role_each() {
    assert_eq!(
        titles(
            "Acme | Remote EU<p>We're hiring engineers! Backend (Elixir), Frontend (React), and Infra (AWS)."
        ),
        [
            "Backend Engineer (Elixir)",
            "Frontend Engineer (React)",
            "Infra Engineer (AWS)"
        ]
    );
    // A singular role is one job, whatever follows.
    assert_eq!(
        titles(
            "Acme | Remote EU<p>We're hiring an engineer. Backend, Frontend, whatever you like."
        ),
        ["Engineer"]
    );
}

#[test]
fn a_header_list_of_areas_with_levels_counts_or_stacks_is_one_engineer_each() {
    assert_eq!(
        titles("Acme | Sr Backend, Sr Frontend, Staff Infra | Remote"),
        [
            "Sr Backend Engineer",
            "Sr Frontend Engineer",
            "Staff Infra Engineer"
        ]
    );
    assert_eq!(
        titles("Acme | Full Stack, Mobile (React Native), DevOps | Remote"),
        [
            "Full Stack Engineer",
            "Mobile Engineer (React Native)",
            "DevOps Engineer"
        ]
    );
    assert_eq!(
        titles("Acme | 2x Senior Backend, 1x Frontend | Remote"),
        ["Senior Backend Engineer", "Frontend Engineer"]
    );
}

#[test]
fn the_place_a_title_is_in_is_context_not_its_name() {
    let readings = read(
        "Acme (YC W22) is hiring a Senior Backend Engineer in San Francisco.<p>We build tools.",
    )
    .unwrap();
    assert_eq!(readings[0].title, "Senior Backend Engineer");
    assert_eq!(readings[0].workplace, WorkplaceType::Onsite);
    // "in Test" is no place: the title keeps it.
    assert_eq!(
        titles("Acme | Software Engineer in Test | Remote"),
        ["Software Engineer in Test"]
    );
}

#[test]
fn a_roles_qualifiers_are_no_place_but_its_own_place_is() {
    // "AI" (Anguilla), "MD" (Maryland) and "CI/CD" in the words about a role are no places; the
    // role's own "(Toronto)" is.
    let readings = read(
        "Acme | Physician-Scientist (MD/PhD, AI & CI/CD tooling) | REMOTE (US)<p>We build tools.",
    )
    .unwrap();
    assert_eq!(readings[0].location_text, "REMOTE (US)");
    let readings = read("Acme | Senior Backend Engineer (Toronto) | Hybrid").unwrap();
    assert!(
        readings[0].location_text.contains("Toronto"),
        "{readings:?}"
    );
    // One title told apart by its context is two roles.
    assert_eq!(
        titles("Acme | Remote<p>- Backend Engineer (C)<p>- Backend Engineer (Java)").len(),
        2
    );
}

#[test]
fn acronyms_among_the_header_fields_are_no_country_codes() {
    // "AI" is Anguilla's code, "ML" Mali's, "SE" Sweden's; in a post's fields they are acronyms.
    let readings = read("Acme | Senior Backend Engineer | AI | Remote (US) | NO visa").unwrap();
    assert!(
        !readings[0].location_text.contains("AI"),
        "{}",
        readings[0].location_text
    );
    assert!(readings[0].location_text.contains("Remote (US)"));
    // A city still gives its country.
    let readings = read("Acme | Senior Backend Engineer | Lisbon, PT | Hybrid").unwrap();
    assert!(readings[0].location_text.contains("Lisbon"));
}

#[test]
fn in_a_list_of_roles_an_area_alone_names_its_engineer() {
    assert_eq!(
        titles(
            "Acme | Boston | Hybrid<p>Open Roles (all senior): ML Infrastructure (Staff+) * Data Infrastructure Lead * Security Engineer"
        ),
        [
            "ML Infrastructure Engineer (Staff+)",
            "Data Infrastructure Lead",
            "Security Engineer"
        ]
    );
    assert_eq!(
        titles(
            "Acme | Senior Software Engineer (FT) | NYC<p>Roles:<p>* Platform: you'll build the system that lets agents query data.<p>* Infrastructure: you will develop reliable infrastructure."
        )
        .len(),
        2
    );
    // A heading that counts roles names none itself.
    let listed = titles(
        "Acme | Hybrid<p>Hiring for technical roles:<p>Engineering (21 roles):<p>Software Engineers (Backend, API), Security Engineers",
    );
    assert!(
        !listed.iter().any(|title| title.starts_with("Engineering")),
        "{listed:?}"
    );
}
