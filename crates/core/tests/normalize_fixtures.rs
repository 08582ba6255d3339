//! Normalisation over the real payloads in `tests/fixtures/`: the sanitiser keeps nothing
//! executable, each source's boilerplate goes, skills are found as documented, and `normalize`
//! handles every listing of every fixture without panicking.

use chrono::{TimeZone, Utc};
use prepboard_core::normalize::html::{
    decode_if_still_escaped, sanitize, strip_boilerplate, to_plain_text, wwr_header_facts,
};
use prepboard_core::{
    Company, EmploymentType, Normalizer, RawListing, SkillPlace, SourceKind, WorkplaceType,
};
use serde_json::Value;

macro_rules! fixture {
    ($path:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/",
            $path
        ))
    };
}

fn raw(source: SourceKind, id: &str, title: &str, html: &str) -> RawListing {
    RawListing {
        source,
        source_job_id: id.to_owned(),
        source_url: format!("https://example.com/jobs/{id}"),
        apply_url: None,
        title: title.to_owned(),
        company: Company {
            name: "Example".to_owned(),
            url: None,
            logo_url: None,
        },
        description_html: html.to_owned(),
        tags: Vec::new(),
        employment_type: EmploymentType::Unknown,
        workplace: WorkplaceType::Unknown,
        location_text: String::new(),
        structured_places: Vec::new(),
        structured_salary: None,
        salary_text: None,
        structured_skills: Vec::new(),
        place_fields: Default::default(),
        posted_at: None,
        valid_through: None,
        fetched_at: Utc.with_ymd_and_hms(2026, 3, 17, 0, 0, 0).unwrap(),
    }
}

// ---------------------------------------------------------------------------------------------
// Sanitiser
// ---------------------------------------------------------------------------------------------

#[test]
fn sanitiser_leaves_nothing_executable() {
    let hostile = r#"<p onclick="steal()">Hi <b>there</b></p>
        <script>alert(1)</script><style>p{display:none}</style>
        <img src="https://tracker.example/pixel.gif" onerror="alert(2)">
        <iframe src="https://evil.example"></iframe>
        <a href="javascript:alert(3)">click</a>
        <a href="https://ok.example/job" target="_blank" onmouseover="x()">apply</a>
        <a href="mailto:jobs@example.com">mail</a>
        <a href="/relative">relative</a>
        <svg><script>alert(4)</script></svg>
        <h1>Title</h1><h5>Small</h5><div>Block</div>"#;
    let clean = sanitize(hostile);
    for forbidden in [
        "<script",
        "alert(",
        "<style",
        "onclick",
        "onerror",
        "onmouseover",
        "<img",
        "<iframe",
        "javascript:",
        "<svg",
        "target=",
        "href=\"/relative\"",
        "display:none",
    ] {
        assert!(!clean.contains(forbidden), "{forbidden} survived: {clean}");
    }
    assert!(
        clean.contains(r#"<a href="https://ok.example/job" rel="nofollow noopener">apply</a>"#)
    );
    assert!(clean.contains(r#"href="mailto:jobs@example.com""#));
    assert!(clean.contains("<h2>Title</h2>"), "{clean}");
    assert!(clean.contains("<h4>Small</h4>"), "{clean}");
    assert!(clean.contains("<p>Block</p>"), "{clean}");
    assert!(clean.contains("<b>there</b>"));
}

#[test]
fn plain_text_breaks_blocks_and_collapses_whitespace() {
    let text = to_plain_text(&sanitize(
        "<h3>About   us</h3><p>We&nbsp;build\n  APIs.</p><ul><li>Go</li><li>Kafka</li></ul>Line<br>break",
    ));
    assert_eq!(text, "About us\nWe build APIs.\nGo\nKafka\nLine\nbreak");
}

#[test]
fn greenhouse_double_escaped_docs_example_is_decoded_once_more() {
    let payload: Value =
        serde_json::from_str(fixture!("greenhouse/docs-example-content.json")).unwrap();
    let content = payload["content"]
        .as_str()
        .or_else(|| payload["jobs"][0]["content"].as_str())
        .unwrap();
    // The transport layer undoes one level of escaping; the body is still escaped after that.
    let transport_decoded = html_escape::decode_html_entities(content).into_owned();
    assert!(transport_decoded.contains("&lt;p&gt;") || transport_decoded.contains("&lt;"));
    let decoded = decode_if_still_escaped(&transport_decoded);
    assert!(decoded.contains("<p>"), "{decoded}");
    let text = to_plain_text(&sanitize(&decoded));
    assert!(!text.contains("&lt;") && !text.contains("<p>"), "{text}");

    // A body that only talks about a tag keeps its escaping.
    let prose = "<p>Write &lt;div&gt; soup? Not here.</p>";
    assert_eq!(decode_if_still_escaped(prose), prose);
}

// ---------------------------------------------------------------------------------------------
// Boilerplate, on the real fixture text
// ---------------------------------------------------------------------------------------------

#[test]
fn remotive_tracking_pixel_is_stripped() {
    let payload: Value =
        serde_json::from_str(fixture!("remotive/remote-jobs-2026-05.json")).unwrap();
    let description = payload["jobs"][0]["description"].as_str().unwrap();
    assert!(description.contains("/job/track/"));
    let stripped = strip_boilerplate(SourceKind::Remotive, description);
    assert!(!stripped.contains("/job/track/"));
    assert!(stripped.contains("Work from anywhere"));
}

#[test]
fn remoteok_anti_spam_line_is_stripped() {
    let payload: Value = serde_json::from_str(fixture!("remoteok/api-2026-03.json")).unwrap();
    let mut seen = 0;
    for job in payload.as_array().unwrap().iter().skip(1) {
        let Some(description) = job["description"].as_str() else {
            continue;
        };
        if description.contains("Please mention the word") {
            seen += 1;
            let stripped = strip_boilerplate(SourceKind::RemoteOk, description);
            assert!(!stripped.contains("Please mention the word"), "{stripped}");
            assert!(!stripped.contains("RMjcuMTA5LjExNS4xNTU"));
            // The text before the line stays.
            let before = &description[..description.find("Please mention").unwrap()];
            let kept: String = before.trim_end_matches("<br/>").chars().take(60).collect();
            assert!(stripped.starts_with(&kept), "{stripped}");
        }
    }
    assert!(seen >= 1);
}

fn wwr_descriptions(rss: &str) -> Vec<String> {
    rss.split("<description>")
        .skip(2)
        .filter_map(|part| part.split("</description>").next())
        .map(|escaped| html_escape::decode_html_entities(escaped).into_owned())
        .collect()
}

#[test]
fn wwr_header_logo_and_apply_line_are_stripped_and_facts_kept() {
    let descriptions = wwr_descriptions(fixture!("wwr/remote-back-end-programming-jobs-2022.rss"));
    assert!(descriptions.len() >= 50);
    for description in &descriptions {
        let stripped = strip_boilerplate(SourceKind::WeWorkRemotely, description);
        let text = to_plain_text(&sanitize(&stripped));
        assert!(!text.contains("Headquarters:"), "{text}");
        assert!(!text.starts_with("URL:"), "{text}");
        assert!(!text.contains("To apply:"), "{text}");
        assert!(!stripped.contains("we-work-remotely.imgix"), "{stripped}");
    }
    let facts = wwr_header_facts(SourceKind::WeWorkRemotely, &descriptions[0]);
    assert_eq!(
        facts.headquarters.as_deref(),
        Some("El Segundo, California")
    );
    assert_eq!(
        facts.company_url.as_deref(),
        Some("https://about.findox.com/")
    );
}

// ---------------------------------------------------------------------------------------------
// Skills
// ---------------------------------------------------------------------------------------------

#[test]
fn skills_match_on_boundaries_and_case_as_configured() {
    let skills = Normalizer::bundled().skills();
    let check = |text: &str, expected: &[&str]| {
        let found = skills.find_in_text(text);
        assert_eq!(found, expected, "{text:?}");
    };
    check("Own our go to market motion and go-to-market plans", &[]);
    check("Go-To-Market Engineer", &[]);
    check("We write Go and Golang services", &["go"]);
    check(
        "Backend in golang with Postgres on k8s",
        &["go", "postgresql", "kubernetes"],
    );
    check("Trust and rust belt", &[]);
    check("Rust, REST APIs and RESTful design", &["rust", "rest"]);
    check("Take a rest, then react to incidents", &[]);
    check("JavaScript only", &["javascript"]);
    check("Java 21 and Kotlin", &["java", "kotlin"]);
    check(
        "PostgreSQL and MySQL, plain SQL",
        &["sql", "postgresql", "mysql"],
    );
    check("C# on .NET, C++ too", &["csharp", "dotnet", "cpp"]);
    check("Node.js and TypeScript", &["nodejs", "typescript"]);
    check("React Native apps", &["react-native"]);
    check("guardrails everywhere", &[]);
    check("Ruby on Rails", &["rails"]);
    check(
        "gRPC, GraphQL, Kafka, RabbitMQ, Redis",
        &["redis", "kafka", "rabbitmq", "grpc", "graphql"],
    );
    check(
        "AWS, GCP, Azure, Docker, Terraform",
        &["aws", "gcp", "azure", "docker", "terraform"],
    );
    check(
        "CI/CD, observability with Prometheus on Linux",
        &["ci-cd", "linux", "observability", "prometheus"],
    );
    check(
        "OAuth, OpenAPI and an API gateway",
        &["openapi", "oauth", "api-gateway"],
    );
    check(
        "microservices and distributed systems, system design",
        &["microservices", "distributed-systems", "system-design"],
    );
    assert_eq!(skills.lookup("Golang").map(|s| s.id.as_str()), Some("go"));
    assert_eq!(
        skills.lookup("k8s").map(|s| s.id.as_str()),
        Some("kubernetes")
    );
    assert_eq!(skills.label("postgresql"), Some("PostgreSQL"));
}

#[test]
fn skill_mentions_rank_title_then_requirements_then_body() {
    let html = "<p>We use Kafka and Kafka Streams. Some Python.</p>\
        <h3>Requirements</h3><ul><li>Go in production</li><li>PostgreSQL</li></ul>\
        <h3>About us</h3><ul><li>We love Python</li></ul>";
    let mut listing = raw(
        SourceKind::Greenhouse,
        "1",
        "Senior Go Engineer (Payments API)",
        html,
    );
    listing.tags = vec!["docker".to_owned(), "kafka".to_owned()];
    let normalized = Normalizer::bundled().normalize(listing).unwrap().listing;
    let ranked: Vec<(&str, u32, SkillPlace)> = normalized
        .skills
        .iter()
        .map(|m| (m.skill.as_str(), m.mentions, m.place))
        .collect();
    assert_eq!(
        ranked,
        vec![
            ("go", 2, SkillPlace::Title),
            ("kafka", 3, SkillPlace::Requirements),
            ("docker", 1, SkillPlace::Requirements),
            ("postgresql", 1, SkillPlace::Requirements),
            ("python", 2, SkillPlace::Body),
        ]
    );
}

#[test]
fn remoteok_tags_alone_add_at_most_three_skills() {
    let mut listing = raw(
        SourceKind::RemoteOk,
        "2",
        "Warehouse Associate",
        "<p>Lift boxes.</p>",
    );
    listing.tags = [
        "go", "python", "java", "ruby", "php", "aws", "docker", "kafka",
    ]
    .map(str::to_owned)
    .to_vec();
    let normalized = Normalizer::bundled()
        .normalize(listing.clone())
        .unwrap()
        .listing;
    assert_eq!(
        normalized.skill_ids().collect::<Vec<_>>(),
        ["go", "java", "python"]
    );
    listing.source = SourceKind::Greenhouse;
    assert_eq!(
        Normalizer::bundled()
            .normalize(listing)
            .unwrap()
            .listing
            .skills
            .len(),
        8
    );
}

// ---------------------------------------------------------------------------------------------
// normalize() over every real listing
// ---------------------------------------------------------------------------------------------

fn remoteok_listings() -> Vec<RawListing> {
    let payload: Value = serde_json::from_str(fixture!("remoteok/api-2026-03.json")).unwrap();
    payload
        .as_array()
        .unwrap()
        .iter()
        .filter(|job| job.get("id").is_some())
        .map(|job| {
            let text = |key: &str| job[key].as_str().unwrap_or_default().to_owned();
            let mut listing = raw(
                SourceKind::RemoteOk,
                &job["id"].to_string(),
                &text("position"),
                &text("description"),
            );
            listing.location_text = text("location");
            listing.tags = job["tags"]
                .as_array()
                .map(|tags| {
                    tags.iter()
                        .filter_map(|t| t.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            listing
        })
        .collect()
}

fn greenhouse_listings() -> Vec<RawListing> {
    let payload: Value =
        serde_json::from_str(fixture!("greenhouse/catawiki-content.json")).unwrap();
    payload["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|job| {
            let content = html_escape::decode_html_entities(job["content"].as_str().unwrap_or(""))
                .into_owned();
            let mut listing = raw(
                SourceKind::Greenhouse,
                &job["id"].to_string(),
                job["title"].as_str().unwrap_or_default(),
                &content,
            );
            listing.location_text = job["location"]["name"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            listing
        })
        .collect()
}

fn wwr_listings() -> Vec<RawListing> {
    let rss = fixture!("wwr/remote-full-stack-programming-jobs-2022.rss");
    let items = rss.split("<item>").skip(1);
    items
        .enumerate()
        .map(|(index, item)| {
            let field = |name: &str| {
                item.split(&format!("<{name}>"))
                    .nth(1)
                    .and_then(|rest| rest.split(&format!("</{name}>")).next())
                    .map(|value| html_escape::decode_html_entities(value).into_owned())
                    .unwrap_or_default()
            };
            let title = field("title");
            let title = title
                .split_once(": ")
                .map_or(title.as_str(), |(_, t)| t)
                .to_owned();
            let mut listing = raw(
                SourceKind::WeWorkRemotely,
                &index.to_string(),
                &title,
                &field("description"),
            );
            listing.structured_places = vec![field("region")];
            listing
        })
        .collect()
}

#[test]
fn every_fixture_listing_normalises() {
    let normalizer = Normalizer::bundled();
    let all: Vec<RawListing> = remoteok_listings()
        .into_iter()
        .chain(greenhouse_listings())
        .chain(wwr_listings())
        .collect();
    assert!(all.len() >= 250, "{}", all.len());
    let mut with_salary = 0;
    let mut with_eligibility = 0;
    for listing in all {
        let source = listing.source;
        let normalized = match normalizer.normalize(listing) {
            Ok(normalized) => normalized.listing,
            Err(rejection) => panic!("a real listing was rejected: {rejection}"),
        };
        assert!(!normalized.description_html.contains("<script"));
        assert!(!normalized.description_html.contains("<img"));
        assert!(
            !normalized
                .description_text
                .contains("Please mention the word")
        );
        assert!(!normalized.description_text.contains("To apply:"));
        assert!(
            normalized
                .skills
                .windows(2)
                .all(|w| w[0].place <= w[1].place)
        );
        if let Some(salary) = &normalized.salary {
            with_salary += 1;
            if let (Some(min), Some(max)) = (salary.min, salary.max) {
                assert!(min <= max, "{salary:?}");
            }
        }
        if normalized.eligibility.scope != prepboard_core::EligibilityScope::Unknown {
            with_eligibility += 1;
        }
        if source != SourceKind::Greenhouse {
            assert_eq!(normalized.workplace, WorkplaceType::Remote);
        }
    }
    println!(
        "fixture listings with a salary: {with_salary}, with an eligibility: {with_eligibility}"
    );
    assert!(with_salary > 20);
    assert!(with_eligibility > 150);
}

#[test]
fn normalize_fills_ids_and_placeholders() {
    let listing = raw(
        SourceKind::Lever,
        "abc",
        "Sr. Backend Engineer (APIs)",
        "<p>Hi</p>",
    );
    let fetched_at = listing.fetched_at;
    let normalized = Normalizer::bundled().normalize(listing).unwrap().listing;
    assert_eq!(
        normalized.id,
        prepboard_core::ListingId::derive(SourceKind::Lever, "abc")
    );
    assert_eq!(normalized.freshness.first_seen, fetched_at);
    assert!(normalized.sightings.is_empty() && !normalized.from_snapshot);
    assert_eq!(
        (normalized.family, normalized.seniority),
        (
            prepboard_core::TitleFamily::ApiEngineer,
            prepboard_core::Seniority::Senior
        )
    );
}

#[test]
fn hostile_inputs_never_panic() {
    let normalizer = Normalizer::bundled();
    for html in [
        "",
        "<",
        "<<<>>>",
        "<p",
        "&lt;p&gt;&lt;",
        "&amp;&amp;lt;",
        "<a href='",
        "\u{0}\u{ffff}🇦",
        "$$$ 1,2,3,4 - - - k k",
        "UTC+99 to GMT-- 1e309",
        "€€€ 999999999999999999999999999999 - 1",
    ] {
        let mut listing = raw(SourceKind::RemoteOk, "x", html, html);
        listing.location_text = html.to_owned();
        listing.salary_text = Some(html.to_owned());
        listing.structured_places = vec![html.to_owned()];
        listing.tags = vec![html.to_owned()];
        let _ = normalizer.normalize(listing);
    }
}
