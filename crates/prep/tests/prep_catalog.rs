//! The bundled prep catalog is valid, covers what backend and API jobs ask for, and answers the
//! lookups the matcher, the prep plan and the web's reverse links rely on.

use std::collections::HashSet;

use prepboard_core::search::FacetCount;
use prepboard_core::{Normalizer, TitleFamily};
use prepboard_prep::{Catalog, CatalogError, Topics};

const BUNDLED: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../config/prep.toml"
));

/// Skills that backend and API job listings commonly ask for: each must have at least one entry.
/// Front-end, mobile and data-science skills are out of scope for this catalog.
const COMMON_BACKEND_SKILLS: &[&str] = &[
    "go",
    "python",
    "java",
    "nodejs",
    "rust",
    "sql",
    "postgresql",
    "mysql",
    "mongodb",
    "redis",
    "elasticsearch",
    "dynamodb",
    "nosql",
    "kafka",
    "rabbitmq",
    "sqs",
    "grpc",
    "graphql",
    "rest",
    "openapi",
    "oauth",
    "api-gateway",
    "api-design",
    "microservices",
    "distributed-systems",
    "system-design",
    "event-driven",
    "websockets",
    "aws",
    "gcp",
    "azure",
    "docker",
    "kubernetes",
    "terraform",
    "serverless",
    "ci-cd",
    "observability",
    "prometheus",
    "security",
    "caching",
    "performance",
    "testing",
    "nginx",
];

#[test]
fn the_bundled_catalog_is_valid() {
    let skills = Normalizer::bundled().skills();
    let catalog = Catalog::from_toml(BUNDLED, skills).unwrap();
    assert!(catalog.len() >= 40, "only {} entries", catalog.len());
    assert_eq!(Catalog::bundled().len(), catalog.len());

    let mut ids = HashSet::new();
    for entry in catalog.entries() {
        assert!(ids.insert(entry.id.as_str()), "duplicate id {}", entry.id);
        let url = url::Url::parse(&entry.url).unwrap();
        assert!(matches!(url.scheme(), "http" | "https"), "{}", entry.url);
        assert!(url.host_str().is_some(), "{}", entry.url);
        for family in &entry.families {
            assert_eq!(TitleFamily::from_slug(family.slug()), Some(*family));
        }
        for skill in &entry.skills {
            assert!(
                skills.get(skill).is_some(),
                "{}: unknown skill {skill}",
                entry.id
            );
        }
        assert!(!entry.summary.trim().is_empty(), "{}", entry.id);
    }
}

#[test]
fn every_common_backend_skill_has_an_entry() {
    let skills = Normalizer::bundled().skills();
    let catalog = Catalog::bundled();
    let uncovered: Vec<&str> = COMMON_BACKEND_SKILLS
        .iter()
        .copied()
        .filter(|skill| catalog.entries_for_skill(skill).is_empty())
        .collect();
    assert_eq!(uncovered, Vec::<&str>::new(), "skills without a prep entry");
    for skill in COMMON_BACKEND_SKILLS {
        assert!(
            skills.get(skill).is_some(),
            "{skill} is not in config/skills.toml"
        );
    }
}

#[test]
fn the_issue_s_seed_pages_are_all_present() {
    let catalog = Catalog::bundled();
    let expected = [
        ("api-engineer", "distributed-systems-design"),
        ("api-engineer", "restful-api-design"),
        ("api-engineer", "api-gateway-and-proxy-management"),
        (
            "api-engineer",
            "api-backend-development-for-specific-platforms-e-g-aws-azure-google-cloud",
        ),
        ("backend-engineer", "api-specialist"),
        ("site-reliability-engineer", "kubernetes-management"),
        (
            "site-reliability-engineer",
            "cloud-infrastructure-management",
        ),
        ("go-engineer", "containers-and-orchestration"),
        ("qa-engineer", "database-testing"),
    ];
    let urls: HashSet<&str> = catalog.entries().iter().map(|e| e.url.as_str()).collect();
    for (role, topic) in expected {
        let url = format!(
            "https://www.remoterocketship.com/advice/guide/{role}/{topic}-interview-questions-and-answers"
        );
        assert!(urls.contains(url.as_str()), "missing {url}");
    }
    for section in [
        "cap-theorem",
        "consistency-patterns",
        "availability-patterns",
        "load-balancer",
        "reverse-proxy-web-server",
        "cache",
        "message-queues",
        "back-pressure",
        "sharding",
        "master-slave-replication",
        "representational-state-transfer-rest",
        "remote-procedure-call-rpc",
        "microservices",
        "service-discovery",
        "security",
    ] {
        let url = format!("https://github.com/donnemartin/system-design-primer#{section}");
        assert!(urls.contains(url.as_str()), "missing {url}");
    }
}

/// `check(toml, expected)`: loading `toml` fails with a message containing `expected`.
fn check(toml: &str, expected: &str) {
    let skills = Normalizer::bundled().skills();
    let err: CatalogError = Catalog::from_toml(toml, skills).unwrap_err();
    let message = err.to_string();
    assert!(message.contains(expected), "{message:?} lacks {expected:?}");
}

fn entry(id: &str, url: &str, kind: &str, families: &str, skills: &str) -> String {
    format!(
        "[[entry]]\nid = \"{id}\"\ntitle = \"T\"\nurl = \"{url}\"\nkind = \"{kind}\"\n\
         families = [{families}]\nskills = [{skills}]\ntopics = [\"message-queues\"]\n\
         summary = \"S\"\n"
    )
}

#[test]
fn bad_catalogs_fail_with_the_reason() {
    let good = entry(
        "a",
        "https://example.com/a",
        "topic_guide",
        "\"api-engineer\"",
        "\"kafka\"",
    );
    assert!(Catalog::from_toml(&good, Normalizer::bundled().skills()).is_ok());

    check(&format!("{good}{good}"), "`a` is used twice");
    check(
        &entry("A b", "https://example.com", "topic_guide", "", ""),
        "lower-case ASCII",
    );
    check(
        &entry("a", "not a url", "topic_guide", "", ""),
        "does not parse",
    );
    check(
        &entry("a", "ftp://example.com/x", "topic_guide", "", ""),
        "expected http or https",
    );
    check(
        &entry("a", "https://example.com", "video", "", ""),
        "unknown variant `video`",
    );
    check(
        &entry("a", "https://example.com", "topic_guide", "\"backend\"", ""),
        "unknown variant `backend`",
    );
    check(
        &entry("a", "https://example.com", "topic_guide", "", "\"cobol\""),
        "skill `cobol`",
    );
    check(
        &entry(
            "a",
            "https://example.com",
            "topic_guide",
            "",
            "\"go\", \"go\"",
        ),
        "listed twice",
    );
    check(
        &good.replace("summary = \"S\"", "summary = \" \""),
        "summary is blank",
    );
    check(
        &good.replace("summary = \"S\"", "summary = \"S\"\nauthor = \"x\""),
        "unknown field `author`",
    );
    check(
        &good.replace("topics = [\"message-queues\"]", "topics = [\"knitting\"]"),
        "topic `knitting` is not an id",
    );
    check(
        &good.replace("topics = [\"message-queues\"]", "topics = []"),
        "declares no topic",
    );
    check(
        &good.replace(
            "topics = [\"message-queues\"]",
            "topics = [\"caching\", \"caching\"]",
        ),
        "topic `caching` is listed twice",
    );
}

#[test]
fn every_topic_has_two_entries_and_every_entry_s_topics_exist() {
    let catalog = Catalog::bundled();
    let topics = Topics::bundled();
    assert_eq!(topics.all().len(), 25, "the issue's closed list of topics");
    for topic in topics.all() {
        let entries = catalog.entries_for_topic(&topic.id);
        assert!(
            entries.len() >= 2,
            "topic `{}` has {} entries",
            topic.id,
            entries.len()
        );
    }
    for entry in catalog.entries() {
        assert!(!entry.topics.is_empty(), "{} declares no topic", entry.id);
        for topic in &entry.topics {
            assert!(
                topics.get(topic).is_some(),
                "{}: unknown topic {topic}",
                entry.id
            );
        }
    }
}

#[test]
fn behavioural_prep_serves_every_engineering_family() {
    let catalog = Catalog::bundled();
    let behavioural = catalog.entries_for_topic("behavioral");
    for family in TitleFamily::ALL
        .iter()
        .copied()
        .filter(|f| f.is_engineering())
    {
        assert!(
            behavioural.iter().any(|e| e.families.contains(&family)),
            "no behavioural entry for {}",
            family.slug()
        );
    }
}

#[test]
fn related_entries_share_a_topic_and_leave_the_entry_out() {
    let catalog = Catalog::bundled();
    let related = catalog.related("kafka-introduction");
    assert!(!related.is_empty());
    assert!(related.iter().all(|e| e.id != "kafka-introduction"));
    assert_eq!(
        related[0].topics[0], "message-queues",
        "{:?}",
        related[0].id
    );
    assert!(catalog.related("no-such-entry").is_empty());
}

#[test]
fn bad_topic_tables_fail_with_the_reason() {
    let skills = Normalizer::bundled().skills();
    let sections = "[sections]\nnice_to_have = []\nboilerplate = []\nstack = []\n\
                    requirements = []\nresponsibilities = []\nnice_to_have_markers = []\n";
    let topic = |body: &str| {
        format!("{sections}[[topic]]\nid = \"t\"\nlabel = \"T\"\nsummary = \"S\"\n{body}")
    };
    assert!(Topics::from_toml(&topic("skills = [\"kafka\"]"), skills).is_ok());
    let fails = |text: String, expected: &str| {
        let message = Topics::from_toml(&text, skills).unwrap_err().to_string();
        assert!(message.contains(expected), "{message:?} lacks {expected:?}");
    };
    fails(topic("skills = [\"cobol\"]"), "skill `cobol`");
    fails(topic("phrases = [\"Kafka\"]"), "lower case");
    fails(topic("not_phrases = [\"A/B tests\"]"), "lower case");
    fails(topic("weight = 0.0"), "not positive");
    fails(topic("colour = \"red\""), "unknown field `colour`");
    fails(
        format!("{}{}", topic(""), topic("").replace(sections, "")),
        "used twice",
    );
    let rounds = |ids: &str| {
        topic("").replace(
            "[[topic]]",
            &format!("[rounds]\nfill_to_three = [{ids}]\n[[topic]]"),
        )
    };
    assert!(Topics::from_toml(&rounds("\"t\""), skills).is_ok());
    fails(rounds("\"system-design\""), "names `system-design`");
}

#[test]
fn lookups_put_the_primary_entries_first() {
    let catalog = Catalog::bundled();
    let kafka: Vec<&str> = catalog
        .entries_for_skill("kafka")
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(kafka.first(), Some(&"kafka-introduction"), "{kafka:?}");
    assert!(kafka.contains(&"sdp-message-queues"));
    assert!(catalog.entries_for_skill("no-such-skill").is_empty());

    let api = catalog.entries_for_family(TitleFamily::ApiEngineer);
    assert_eq!(
        api.first().map(|e| e.id.as_str()),
        Some("rr-api-engineer-distributed-systems-design")
    );
    assert!(
        api.iter()
            .all(|e| e.families.contains(&TitleFamily::ApiEngineer))
    );

    let entry = catalog.entry("graphql-learn").unwrap();
    assert_eq!(entry.url, "https://graphql.org/learn/");
    assert_eq!(catalog.skill_label("graphql"), "GraphQL");
}

#[test]
fn reverse_links_search_for_the_primary_skill_or_the_families() {
    let catalog = Catalog::bundled();
    let request = catalog.audience_request("kafka-introduction").unwrap();
    assert_eq!(request.skills, vec!["kafka".to_owned()]);
    assert!(request.families.is_empty());

    let request = catalog
        .audience_request("tih-behavioral-interview")
        .unwrap();
    assert_eq!(request.families[0], TitleFamily::EngineeringManager);
    assert!(
        request.families.contains(&TitleFamily::BackendEngineer),
        "every engineering role"
    );
    assert!(request.skills.is_empty());

    assert!(
        catalog.audience_request("tih-negotiation").is_none(),
        "serves everyone"
    );
    assert!(catalog.audience_request("no-such-entry").is_none());
    assert_eq!(
        Catalog::skill_request("redis").skills,
        vec!["redis".to_owned()]
    );
}

#[test]
fn the_prep_plan_lists_the_most_asked_skills_with_their_share() {
    let facet = |value: &str, count: u64| FacetCount {
        value: value.to_owned(),
        label: value.to_owned(),
        count,
    };
    let counts = [
        facet("react", 60),
        facet("kafka", 38),
        facet("go", 38),
        facet("redis", 5),
        facet("cobol", 90),
    ];
    let plan = Catalog::bundled().prep_plan(&counts, 100, 2);
    let headlines: Vec<String> = plan.iter().map(|item| item.headline()).collect();
    assert_eq!(
        headlines,
        [
            "React: 60% of these jobs",
            "Go: 38% of these jobs",
            "Kafka: 38% of these jobs",
            "Redis: 5% of these jobs"
        ],
        "cobol has no entry, so it is left out; ties go by skill id"
    );
    assert!(
        plan.iter()
            .all(|item| !item.entries.is_empty() && item.entries.len() <= 2)
    );
    assert_eq!(plan[2].entries[0].id, "kafka-introduction");
    assert!(Catalog::bundled().prep_plan(&counts, 0, 2).is_empty());
}
