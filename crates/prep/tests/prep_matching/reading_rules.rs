//! How the matcher reads particular kinds of sentence, one label rule or failure class per test:
//! generic and qualified database words, a title listing its stack, a lead or QA named as
//! colleagues, code described as tested, leading against working with others, stack lists and
//! sentences, alternatives offered as a choice, the company's own leaders, "DevOps", another
//! role's part of a post of several roles, hardware caches, the terms of the job, slashed
//! clouds, machine communication, and the company's pitch.

use prepboard_core::TitleFamily;

use prepboard_prep::Matcher;

use super::{listing, matcher, topic_score};

/// The SQL score of a backend "Software Engineer" listing described by `html`.
fn sql_score(matcher: &Matcher, html: &str) -> f32 {
    topic_score(
        matcher,
        "Software Engineer",
        TitleFamily::BackendEngineer,
        html,
        "sql-databases",
    )
}

#[test]
fn a_generic_database_word_counts_less_than_a_named_database() {
    // Why: "queries" and "databases" are said of support tickets and hosting as often as of SQL;
    // a sentence that names PostgreSQL or SQL asks for it.
    let matcher = matcher();
    let score = |html: &str| sql_score(&matcher, html);
    let named = score("<h3>Requirements</h3><ul><li>Experience with PostgreSQL.</li></ul>");
    let loose =
        score("<h3>Requirements</h3><ul><li>Answer advanced queries from support.</li></ul>");
    assert!(loose > 0.0 && loose < named * 0.75, "{loose} vs {named}");
    // A sentence with both reads as the named one.
    let both = score("<h3>Requirements</h3><ul><li>Tune PostgreSQL queries.</li></ul>");
    assert_eq!(both, named);
    // And a loosely named database ranks below a topic named by its technology.
    let job = listing(
        "Software Engineer",
        TitleFamily::BackendEngineer,
        &[],
        "<h3>Responsibilities</h3><ul><li>Answer advanced queries from our support team.</li>\
         <li>Write Jest tests.</li></ul>",
    );
    assert_eq!(matcher.topics_for(&job)[0].topic, "testing-qa");
}

#[test]
fn a_title_that_lists_its_stack_is_centred_on_no_language() {
    // Why: "(React, React Native, Node.js)" names the stack; label rule 5 offers concurrency only
    // to a job centred on one language.
    let matcher = matcher();
    let stack_title = listing(
        "Fullstack Developer (React, React Native, Node.js)",
        TitleFamily::FullStackEngineer,
        &[],
        "<p>Build our web and mobile apps.</p>",
    );
    let topics_read = matcher.topics_for(&stack_title);
    assert!(
        !topics_read.iter().any(|t| t.topic == "concurrency"),
        "{topics_read:?}"
    );
    let one_language = listing(
        "Node.js Developer",
        TitleFamily::BackendEngineer,
        &[],
        "<p>Build our web and mobile apps.</p>",
    );
    assert!(
        matcher
            .topics_for(&one_language)
            .iter()
            .any(|t| t.topic == "concurrency")
    );
    // A full-stack job names its server language for the backend half: no runtime interview.
    let full_stack = listing(
        "Python Full Stack Developer",
        TitleFamily::FullStackEngineer,
        &[],
        "<p>Build our web and mobile apps.</p>",
    );
    assert!(
        !matcher
            .topics_for(&full_stack)
            .iter()
            .any(|t| t.topic == "concurrency")
    );
}

#[test]
fn a_lead_named_as_a_person_asks_for_no_leadership() {
    // Why: "Keep your tech lead happy" names someone the hire works with; "tech lead*" is a
    // behavioural phrase only when the hire is to lead.
    let matcher = matcher();
    let person = listing(
        "Backend Developer",
        TitleFamily::BackendEngineer,
        &[],
        "<p>Build our REST APIs in Go. Keep your tech lead happy.</p>",
    );
    // Behavioural prep is still offered to every engineering role, but not from that sentence.
    assert!(!matcher.topics_for(&person).iter().any(|t| {
        t.topic == "behavioral"
            && t.sentence
                .as_deref()
                .is_some_and(|s| s.contains("tech lead"))
    }));
    let leads = listing(
        "Backend Developer",
        TitleFamily::BackendEngineer,
        &[],
        "<p>Build our REST APIs in Go. You will be the tech lead of a team of four.</p>",
    );
    assert!(matcher.topics_for(&leads).iter().any(|t| {
        t.topic == "behavioral"
            && t.sentence
                .as_deref()
                .is_some_and(|s| s.contains("tech lead"))
    }));
}

#[test]
fn the_layer_or_code_described_counts_less_than_a_skill_asked_for() {
    // Why: a full-stack ad names the front end of itself, and "well-tested code" describes the
    // code; neither asks for a framework or for testing the way "React" or "unit tests" do.
    let matcher = matcher();
    let score = |title: &str, family, html: &str, topic: &str| {
        topic_score(&matcher, title, family, html, topic)
    };
    let layer = score(
        "Software Engineer",
        TitleFamily::OtherEngineering,
        "<ul><li>Build features across the front-end and back-end.</li></ul>",
        "frontend-frameworks",
    );
    let framework = score(
        "Software Engineer",
        TitleFamily::OtherEngineering,
        "<ul><li>Build features in React.</li></ul>",
        "frontend-frameworks",
    );
    assert!(layer > 0.0 && layer < framework, "{layer} vs {framework}");
    let described = score(
        "Software Engineer",
        TitleFamily::OtherEngineering,
        "<ul><li>Write clean, well-tested code.</li></ul>",
        "testing-qa",
    );
    let asked = score(
        "Software Engineer",
        TitleFamily::OtherEngineering,
        "<ul><li>Write unit and integration tests.</li></ul>",
        "testing-qa",
    );
    assert!(
        described > 0.0 && described < asked,
        "{described} vs {asked}"
    );
}

#[test]
fn leading_and_mentoring_count_more_than_working_with_others() {
    // Why: "collaborate with product" describes how every job runs; mentoring, leading and
    // communication skills asked for are what a behavioural round probes.
    let matcher = matcher();
    let behavioural = |html: &str| {
        matcher
            .topics_for(&listing(
                "Backend Developer",
                TitleFamily::BackendEngineer,
                &[],
                html,
            ))
            .into_iter()
            .find(|t| t.topic == "behavioral" && t.sentence.is_some())
            .map_or(0.0, |t| t.score)
    };
    let works_with =
        behavioural("<ul><li>Collaborate with product and design on features.</li></ul>");
    let mentors = behavioural("<ul><li>Mentor junior engineers on the team.</li></ul>");
    assert!(
        works_with > 0.0 && works_with < mentors,
        "{works_with} vs {mentors}"
    );
}

#[test]
fn a_bare_list_of_technologies_counts_as_a_stack_list_wherever_it_stands() {
    // Why: label rule 1, a bare stack list names what the company runs, not what it asks; such a
    // list often stands among the duties ("Kubernetes, Docker, AWS, Terraform, PHP, MySQL").
    let matcher = matcher();
    let read = matcher.topics_for(&listing(
        "DevOps Engineer",
        TitleFamily::DevopsSre,
        &[],
        "<h3>What you'll do</h3><ul><li>Run our Kubernetes clusters and their upgrades.</li>\
         <li>Kubernetes, Docker, AWS, Terraform, PHP, MySQL, Node.js</li></ul>",
    ));
    let sql = read.iter().find(|t| t.topic == "sql-databases");
    assert!(
        sql.is_some_and(|t| t.place == prepboard_prep::Place::Stack),
        "{read:?}"
    );
}

#[test]
fn a_sentence_saying_what_the_company_uses_is_a_stack_list() {
    // Why: label rule 1 again: "We use Ruby, Rails, PostgreSQL, Redis" among the requirements
    // says what the company runs; only a sentence naming three or more skills reads so, because
    // "we use Kafka to move events" is about one technology the job works with.
    let matcher = matcher();
    let place_of = |sentence: &str, topic: &str| {
        let read = matcher.topics_for(&listing(
            "Software Engineer",
            TitleFamily::BackendEngineer,
            &[],
            &format!("<h3>Requirements</h3><ul><li>{sentence}</li></ul>"),
        ));
        read.into_iter().find(|t| t.topic == topic).map(|t| t.place)
    };
    use prepboard_prep::Place;
    assert_eq!(
        place_of(
            "We use Ruby, Rails, PostgreSQL, Redis and React.",
            "sql-databases"
        ),
        Some(Place::Stack)
    );
    assert_eq!(
        place_of(
            "Our high-level tech stack is currently: Rails, React, PostgreSQL, Redis.",
            "sql-databases"
        ),
        Some(Place::Stack)
    );
    assert_eq!(
        place_of("We use Kafka to move every event.", "message-queues"),
        Some(Place::Requirements)
    );
}

#[test]
fn a_database_of_another_kind_or_the_elk_stack_is_not_sql_or_nosql() {
    // Why: "databases" counts loosely for SQL, but "NoSQL databases" names the other kind; ELK is
    // a logging stack (observability), though its E is Elasticsearch.
    let matcher = matcher();
    let read = |html: &str| {
        matcher.topics_for(&listing(
            "Software Engineer",
            TitleFamily::BackendEngineer,
            &[],
            html,
        ))
    };
    let has = |html: &str, topic: &str| read(html).iter().any(|t| t.topic == topic);
    assert!(!has(
        "<h3>Requirements</h3><ul><li>Experience with NoSQL databases.</li></ul>",
        "sql-databases"
    ));
    assert!(has(
        "<h3>Requirements</h3><ul><li>Experience with SQL and NoSQL databases.</li></ul>",
        "sql-databases"
    ));
    assert!(!has(
        "<h3>Requirements</h3><ul><li>Logs in an ELK stack.</li></ul>",
        "nosql-databases"
    ));
    assert!(has(
        "<h3>Requirements</h3><ul><li>Logs in an ELK stack.</li></ul>",
        "observability"
    ));
}

#[test]
fn sql_or_nosql_offered_as_a_choice_is_shared_between_them() {
    // Why: "one or more database technologies, SQL or NoSQL" asks for a database of either kind,
    // as "AWS or GCP" asks for a cloud: the two share the sentence's evidence.
    let matcher = matcher();
    let score = |html: &str| sql_score(&matcher, html);
    let both = score("<h3>Requirements</h3><ul><li>Experience with SQL and MongoDB.</li></ul>");
    let either = score("<h3>Requirements</h3><ul><li>Experience with SQL or MongoDB.</li></ul>");
    assert!(either > 0.0 && either < both * 0.75, "{either} vs {both}");
}

#[test]
fn qa_named_as_colleagues_asks_for_no_testing() {
    // Why: "work with QA to resolve bugs" names a team the hire works with, like "your tech lead";
    // testing the hire does still counts.
    let matcher = matcher();
    let has_testing = |sentence: &str| {
        matcher
            .topics_for(&listing(
                "Web Developer",
                TitleFamily::FrontendEngineer,
                &[],
                &format!("<h3>Responsibilities</h3><ul><li>{sentence}</li></ul>"),
            ))
            .iter()
            .any(|t| t.topic == "testing-qa")
    };
    assert!(!has_testing("Work with QA to resolve any website bugs."));
    assert!(!has_testing(
        "Communicate with product managers, QA engineers and designers."
    ));
    assert!(has_testing("Write unit tests with the QA team."));
}

#[test]
fn a_data_architect_is_asked_about_data_not_system_design() {
    // Why: "architect" calls for system design, but a data architect designs warehouses, models
    // and pipelines; the interview follows the data.
    let matcher = matcher();
    let read = matcher.topics_for(&listing(
        "Contract Data Architect",
        TitleFamily::DataEngineer,
        &[],
        "<p>We need a data architect to shape our analytics data architecture.</p>",
    ));
    assert_eq!(read[0].topic, "data-pipelines", "{read:?}");
    // System design may still fill the top three as a round of every loop, but no sentence of
    // the ad calls for it.
    assert!(
        read.iter()
            .all(|t| t.topic != "system-design" || t.sentence.is_none()),
        "{read:?}"
    );
}

#[test]
fn a_header_of_fields_cut_by_bars_asks_for_nothing() {
    // Why: a Hacker News post's first line ("Acme | Engineering Manager, Senior Android
    // Developer | Remote") names every role of the post; it says who hires and where, so it
    // counts as little as tags, and the manager's listing is not asked about mobile by it.
    let matcher = matcher();
    let read = matcher.topics_for(&listing(
        "Engineering Manager",
        TitleFamily::EngineeringManager,
        &[],
        "<p>Acme | Remote (EU) | Roles: Engineering Manager, Senior Android Developer | Full-time</p>\
         <p>You will lead a team of six and mentor engineers.</p>",
    ));
    let mobile = read.iter().find(|t| t.topic == "mobile");
    assert!(
        mobile.is_none_or(|t| t.place == prepboard_prep::Place::Tags),
        "{read:?}"
    );
    assert_eq!(read[0].topic, "behavioral", "{read:?}");
}

#[test]
fn how_to_apply_asks_for_nothing() {
    // Why: "Apply: email your CV and a short intro" names the application, not the job; such a
    // paragraph counts as company boilerplate wherever it stands.
    let matcher = matcher();
    let read = matcher.topics_for(&listing(
        "Backend Developer",
        TitleFamily::BackendEngineer,
        &[],
        "<p>Apply: email your CV with a note on your communication style and your PostgreSQL work.</p>",
    ));
    assert!(
        read.iter()
            .filter(|t| t.sentence.is_some())
            .all(|t| t.place == prepboard_prep::Place::Boilerplate),
        "{read:?}"
    );
}

#[test]
fn the_companys_own_leaders_ask_for_no_leadership() {
    // Why: "Our leadership staff are ex-Fortune 100" describes who runs the company; it asks
    // nothing of the hire, while "you will provide technical leadership" does.
    let matcher = matcher();
    let behavioural_from = |text: &str| {
        matcher
            .topics_for(&listing(
                "Full-Stack Software Engineer",
                TitleFamily::FullStackEngineer,
                &[],
                text,
            ))
            .into_iter()
            .find(|t| t.topic == "behavioral")
            .and_then(|t| t.sentence)
    };
    let company =
        behavioural_from("<p>Build our React app. Our leadership staff are ex-Fortune 100.</p>");
    assert!(
        company.as_deref().is_none_or(|s| !s.contains("leadership")),
        "{company:?}"
    );
    let asked =
        behavioural_from("<p>Build our React app. You will provide technical leadership.</p>");
    assert!(
        asked.as_deref().is_some_and(|s| s.contains("leadership")),
        "{asked:?}"
    );
}

#[test]
fn devops_calls_for_delivery_loosely_and_scalable_systems_for_system_design() {
    // Why: the labels read "DevOps" as CI/CD and infrastructure as code, but it is a wider word
    // than either, so it counts half; "scalable systems" names the design of systems at scale.
    let matcher = matcher();
    let devops = matcher.topics_for(&listing(
        "Senior DevOps Engineer",
        TitleFamily::DevopsSre,
        &[],
        "<p>Join our platform team.</p>",
    ));
    assert_eq!(devops[0].topic, "ci-cd", "{devops:?}");
    let delivery = |line: &str| {
        matcher
            .topics_for(&listing(
                "Backend Engineer",
                TitleFamily::BackendEngineer,
                &[],
                &format!("<ul><li>Build REST APIs in Go.</li><li>{line}</li></ul>"),
            ))
            .into_iter()
            .find(|t| t.topic == "ci-cd")
            .map(|t| t.score)
    };
    assert!(
        delivery("Some DevOps work.") < delivery("Jenkins pipelines."),
        "{:?} {:?}",
        delivery("Some DevOps work."),
        delivery("Jenkins pipelines.")
    );
    let design = matcher.topics_for(&listing(
        "Backend Engineer",
        TitleFamily::BackendEngineer,
        &[],
        "<ul><li>Design and build scalable systems.</li></ul>",
    ));
    assert!(
        design.iter().any(|t| t.topic == "system-design"),
        "{design:?}"
    );
}

#[test]
fn another_roles_part_of_a_post_asks_nothing_of_this_role() {
    // Why: an HN post names several roles, each a listing sharing the whole post; the product
    // engineer is not asked about Kotlin because the backend role's line names it.
    let matcher = matcher();
    let post = "<p>Acme builds payroll software.</p>\
        <p>Product Engineer: (React/Typescript) works with design on user-facing features.</p>\
        <p>Backend Engineer: (Kotlin/Java/Scala experience) builds our integrations.</p>\
        <p>Stack: Postgres, AWS.</p>";
    let product = matcher.topics_for(&listing(
        "Product Engineer (React/Typescript)",
        TitleFamily::FullStackEngineer,
        &[],
        post,
    ));
    assert!(product.iter().all(|t| t.topic != "mobile"), "{product:?}");
    assert_eq!(product[0].topic, "frontend-frameworks", "{product:?}");
    // The shared stack line after the roles still counts for both.
    assert!(
        product.iter().any(|t| t.topic == "sql-databases"),
        "{product:?}"
    );
    let backend = matcher.topics_for(&listing(
        "Backend Engineer",
        TitleFamily::BackendEngineer,
        &[],
        post,
    ));
    assert!(
        backend
            .iter()
            .all(|t| t.sentence.as_deref().is_none_or(|s| !s.contains("React"))),
        "{backend:?}"
    );
}

#[test]
fn hardware_caches_and_the_terms_of_the_job_ask_for_nothing() {
    // Why: "CPU caches" are a processor's, not a cache layer the hire designs; "US work
    // authorization required" is a visa term, not authorisation in the security sense.
    let matcher = matcher();
    let read = matcher.topics_for(&listing(
        "Principal Engineer",
        TitleFamily::OtherEngineering,
        &[],
        "<ul><li>Understanding of the stack from the web platform to CPU caches.</li>\
         <li>Authorization: US work authorization required, no visa sponsorship.</li>\
         <li>Design our Redis cache layer.</li></ul>",
    ));
    let caching = read.iter().find(|t| t.topic == "caching").unwrap();
    assert_eq!(
        caching.sentence.as_deref(),
        Some("Design our Redis cache layer."),
        "{read:?}"
    );
    let security = read.iter().find(|t| t.topic == "security-auth");
    assert!(
        security.is_none_or(|t| t.place == prepboard_prep::Place::Boilerplate),
        "{read:?}"
    );
}

#[test]
fn communication_between_machines_is_no_behavioural_skill() {
    // Why: "Network Layer Communication Optimizations" is a networking job; "communication"
    // asks for a skill of the hire only when it is about people.
    let matcher = matcher();
    let read = matcher.topics_for(&listing(
        "Senior Software Engineer - Network Layer Communication Optimizations",
        TitleFamily::OtherEngineering,
        &[],
        "<ul><li>Design multi-agent communication over gRPC.</li></ul>",
    ));
    assert!(
        read.iter()
            .filter(|t| t.topic == "behavioral")
            .all(|t| t.sentence.is_none()),
        "{read:?}"
    );
    let skill = matcher.topics_for(&listing(
        "Backend Engineer",
        TitleFamily::BackendEngineer,
        &[],
        "<ul><li>Excellent written communication.</li></ul>",
    ));
    assert!(
        skill
            .iter()
            .any(|t| t.topic == "behavioral" && t.sentence.is_some()),
        "{skill:?}"
    );
}

#[test]
fn clouds_joined_by_a_slash_are_a_choice_and_other_slashes_are_not() {
    // Why: "Comfort with cloud (AWS/GCP/Azure)" offers any of three, as "AWS, GCP or Azure" does;
    // "CI/CD" and "React/Node" beside two clouds ("AWS and GCP") make no choice of them.
    let matcher = matcher();
    let aws = |text: &str| {
        matcher
            .topics_for(&listing(
                "Backend Engineer",
                TitleFamily::BackendEngineer,
                &[],
                text,
            ))
            .into_iter()
            .find(|t| t.topic == "cloud-aws")
            .map(|t| t.score)
            .unwrap_or_default()
    };
    let slashed = aws("<ul><li>Comfort with cloud (AWS/GCP/Azure).</li></ul>");
    let both = aws("<ul><li>Deploy with CI/CD on AWS and GCP.</li></ul>");
    let alone = aws("<ul><li>Comfort with AWS.</li></ul>");
    assert!(slashed < alone, "{slashed} {alone}");
    assert!((both - alone).abs() < f32::EPSILON, "{both} {alone}");
}

#[test]
fn the_companys_pitch_in_running_text_counts_as_its_introduction() {
    // Why: "We're building the agentic data lakehouse" says what the company makes; the platform
    // engineer it hires is asked about what the post asks of them.
    let matcher = matcher();
    let read = matcher.topics_for(&listing(
        "Senior Platform Engineer",
        TitleFamily::PlatformEngineer,
        &[],
        "<p>We're building the agentic data lakehouse.</p><p>You will run PostgreSQL on Kubernetes.</p>",
    ));
    let place = |topic: &str| read.iter().find(|t| t.topic == topic).map(|t| t.place);
    assert_eq!(
        place("data-pipelines"),
        Some(prepboard_prep::Place::Intro),
        "{read:?}"
    );
    assert_ne!(read[0].topic, "data-pipelines", "{read:?}");
    // "This is a hands-on role" and "Python is a must" are no company's pitch.
    let plain = matcher.topics_for(&listing(
        "Backend Engineer",
        TitleFamily::BackendEngineer,
        &[],
        "<p>Python is a must. This is a hands-on role building data pipelines.</p>",
    ));
    assert!(
        plain
            .iter()
            .all(|t| t.place != prepboard_prep::Place::Intro),
        "{plain:?}"
    );
}
