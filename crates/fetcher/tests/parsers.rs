//! The source parsers on the real recorded payloads in `tests/fixtures/`, each quirk asserted on its
//! own, the normalised listings snapshotted with insta, and the bundled snapshot loaded from
//! `config/snapshot/`. Nothing here touches the network.

use chrono::{DateTime, TimeZone, Utc};
use prepboard_core::{
    EmploymentType, Listing, Normalizer, RawListing, SalaryPeriod, SourceKind, WorkplaceType,
};
use prepboard_fetcher::snapshot;
use prepboard_fetcher::{ParseContext, ParseError, ParseOutput, registry};
use proptest::prelude::*;
use serde_json::{Value, json};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
const SNAPSHOT_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../config/snapshot");

fn fetched_at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 1, 6, 0, 0).unwrap()
}

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{path}")).unwrap()
}

fn parse_with(kind: SourceKind, body: &[u8], company: Option<&str>) -> ParseOutput {
    let page = url::Url::parse("https://careers.example.com/jobs/backend").unwrap();
    let ctx = ParseContext {
        fetched_at: fetched_at(),
        company,
        page_url: Some(&page),
    };
    registry::parse(kind, body, &ctx).unwrap()
}

fn parse_fixture(kind: SourceKind, path: &str) -> ParseOutput {
    parse_with(kind, &fixture_body(kind, path), company_for(path))
}

/// The body as the source serves it: the JSON-LD fixture is a bare block, so it goes into a page.
fn fixture_body(kind: SourceKind, path: &str) -> Vec<u8> {
    let body = fixture(path);
    if kind == SourceKind::JsonLd {
        wrap_in_page(&[&String::from_utf8(body).unwrap()]).into_bytes()
    } else {
        body
    }
}

fn company_for(path: &str) -> Option<&'static str> {
    match path.split('/').next() {
        Some("lever") => Some("Zoox"),
        Some("ashby") => Some("Ashby"),
        Some("greenhouse") => Some("Vault-Tec"),
        Some("jsonld") => Some("MarsBased"),
        _ => None,
    }
}

fn wrap_in_page(blocks: &[&str]) -> String {
    let scripts: String = blocks
        .iter()
        .map(|block| format!("<script type=\"application/ld+json\">\n{block}\n</script>\n"))
        .collect();
    format!(
        "<!doctype html><html><head><title>Careers</title>{scripts}</head>\
         <body><h1>Jobs</h1><script>var notJsonLd = {{}};</script></body></html>"
    )
}

/// Every recorded payload of the seven sources: (kind, path, listings, skipped items).
const FIXTURE_TABLE: &[(SourceKind, &str, usize, usize)] = &[
    (
        SourceKind::Greenhouse,
        "greenhouse/catawiki-content.json",
        50,
        0,
    ),
    (
        SourceKind::Greenhouse,
        "greenhouse/gitlab-list.json",
        200,
        0,
    ),
    (
        SourceKind::Greenhouse,
        "greenhouse/stripe-list.json",
        576,
        0,
    ),
    (
        SourceKind::Greenhouse,
        "greenhouse/twilio-list.json",
        146,
        0,
    ),
    (
        SourceKind::Greenhouse,
        "greenhouse/datadog-list.json",
        442,
        0,
    ),
    (SourceKind::Greenhouse, "greenhouse/airbnb-list.json", 3, 0),
    (
        SourceKind::Greenhouse,
        "greenhouse/gitlab-content-trimmed.json",
        1,
        0,
    ),
    (
        SourceKind::Greenhouse,
        "greenhouse/docs-example-content.json",
        1,
        0,
    ),
    (SourceKind::Lever, "lever/zoox.json", 1, 0),
    (SourceKind::Ashby, "ashby/ashby.json", 1, 0),
    (
        SourceKind::WeWorkRemotely,
        "wwr/remote-back-end-programming-jobs-2022.rss",
        59,
        0,
    ),
    (
        SourceKind::WeWorkRemotely,
        "wwr/remote-full-stack-programming-jobs-2022.rss",
        125,
        0,
    ),
    (
        SourceKind::WeWorkRemotely,
        "wwr/remote-jobs-2022.rss",
        100,
        0,
    ),
    (SourceKind::WeWorkRemotely, "wwr/remote-jobs-2026.rss", 3, 0),
    (
        SourceKind::Remotive,
        "remotive/remote-jobs-2026-05.json",
        1,
        0,
    ),
    // 97 elements after the terms, one of them an empty job (no position, no company): skipped.
    (SourceKind::RemoteOk, "remoteok/api-2026-03.json", 96, 1),
    (SourceKind::RemoteOk, "remoteok/api-sample.json", 2, 0),
    (SourceKind::JsonLd, "jsonld/jobposting-marsbased.json", 1, 0),
];

#[test]
fn every_fixture_parses_with_the_listings_it_holds() {
    for &(kind, path, listings, skipped) in FIXTURE_TABLE {
        let output = parse_fixture(kind, path);
        assert_eq!(output.listings.len(), listings, "{path}");
        assert_eq!(
            output.unreadable.len(),
            skipped,
            "{path}: {:?}",
            output.unreadable
        );
        assert!(output.warnings.is_empty(), "{path}: {:?}", output.warnings);
        for listing in &output.listings {
            assert_eq!(listing.source, kind, "{path}");
            assert_eq!(listing.fetched_at, fetched_at(), "{path}");
            assert!(!listing.title.is_empty(), "{path}: {listing:?}");
            assert!(!listing.source_job_id.is_empty(), "{path}: {listing:?}");
            assert!(
                listing.source_url.starts_with("https://"),
                "{path}: {listing:?}"
            );
            assert!(!listing.company.name.is_empty(), "{path}: {listing:?}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Snapshots of the normalised listings.

/// A listing as snapshotted: long descriptions cut to their start and their length, so a snapshot
/// stays readable while still catching changes to how descriptions are read.
fn snapshot_view(listing: &Listing) -> Value {
    let mut value = serde_json::to_value(listing).unwrap();
    for key in ["description_html", "description_text"] {
        if let Some(Value::String(text)) = value.get(key) {
            let chars = text.chars().count();
            if chars > 400 {
                let start: String = text.chars().take(400).collect();
                value[key] = Value::String(format!("{start}… ({chars} chars)"));
            }
        }
    }
    value
}

fn snapshot_name(path: &str) -> String {
    path.replace(['/', '.'], "_")
}

#[test]
fn normalised_listings_match_their_snapshots() {
    const SHOWN: usize = 3;
    for &(kind, path, _, _) in FIXTURE_TABLE {
        let output = parse_fixture(kind, path);
        let count = output.listings.len();
        let shown: Vec<Value> = output
            .listings
            .into_iter()
            .take(SHOWN)
            .map(|raw| snapshot_view(&Normalizer::bundled().normalize(raw).unwrap().listing))
            .collect();
        let mut view = json!({ "listings": count, "warnings": output.warnings, "first": shown });
        // Only where a fixture has some, so the other snapshots keep their shape.
        if !output.unreadable.is_empty() {
            view["unreadable"] = json!(output.unreadable);
        }
        insta::assert_json_snapshot!(snapshot_name(path), view);
    }
}

// ---------------------------------------------------------------------------------------------
// Greenhouse.

fn find<'a>(listings: &'a [RawListing], id: &str) -> &'a RawListing {
    listings
        .iter()
        .find(|listing| listing.source_job_id == id)
        .unwrap_or_else(|| panic!("no listing {id}"))
}

#[test]
fn greenhouse_64_bit_ids_and_company_domain_urls() {
    let output = parse_fixture(
        SourceKind::Greenhouse,
        "greenhouse/gitlab-content-trimmed.json",
    );
    let gitlab = find(&output.listings, "8556658002");
    assert!(8_556_658_002_i64 > i64::from(i32::MAX));
    assert_eq!(gitlab.company.name, "GitLab");
    assert_eq!(
        gitlab.workplace,
        WorkplaceType::Unknown,
        "no workplace field: core reads \"Remote, Bangalore\" with the location text"
    );
    assert_eq!(gitlab.location_text, "Remote, Bangalore");
    assert_eq!(
        gitlab.posted_at,
        Some(Utc.with_ymd_and_hms(2026, 5, 22, 13, 16, 29).unwrap())
    );

    let stripe = parse_fixture(SourceKind::Greenhouse, "greenhouse/stripe-list.json");
    let first = find(&stripe.listings, "8130725");
    assert_eq!(
        first.source_url,
        "https://stripe.com/jobs/search?gh_jid=8130725"
    );
    assert_eq!(first.company.name, "Stripe");
    assert!(
        first.description_html.is_empty(),
        "list payloads carry no content"
    );
}

#[test]
fn greenhouse_content_is_decoded_once_and_double_escaping_undone() {
    let catawiki = parse_fixture(SourceKind::Greenhouse, "greenhouse/catawiki-content.json");
    let android = find(&catawiki.listings, "6954117");
    assert!(
        android
            .description_html
            .starts_with("<div class=\"content-intro\"><p>At Catawiki")
    );
    // `&amp;nbsp;` decodes once to the HTML entity, not to a bare character or a literal "&nbsp;".
    assert!(android.description_html.contains("core values:&nbsp;</p>"));
    assert!(!android.description_html.contains("&lt;"));

    let docs = parse_fixture(
        SourceKind::Greenhouse,
        "greenhouse/docs-example-content.json",
    );
    let vault = find(&docs.listings, "127817");
    assert_eq!(
        vault.description_html,
        "This is the job description. <p>Any HTML included through the hosted job application \
         editor will be automatically converted into corresponding HTML entities.</p>"
    );
    assert_eq!(
        vault.company.name, "Vault-Tec",
        "no company_name: the configured one"
    );
    assert_eq!(vault.tags, ["Department of Departments"]);
}

#[test]
fn greenhouse_location_text_trimmed_and_metadata_workplace_read() {
    let airbnb = parse_fixture(SourceKind::Greenhouse, "greenhouse/airbnb-list.json");
    let analyst = find(&airbnb.listings, "7456094");
    assert_eq!(
        analyst.location_text, "United States",
        "trailing space dropped"
    );
    assert_eq!(
        analyst.workplace,
        WorkplaceType::Remote,
        "metadata Workplace Type"
    );

    let datadog = parse_fixture(SourceKind::Greenhouse, "greenhouse/datadog-list.json");
    let research = find(&datadog.listings, "7194969");
    assert_eq!(
        research.workplace,
        WorkplaceType::Unknown,
        "Paris, France says nothing"
    );
    assert_eq!(
        research.employment_type,
        EmploymentType::FullTime,
        "Time Type: Full time"
    );
    let paid = datadog
        .listings
        .iter()
        .filter(|listing| listing.structured_salary.is_some())
        .count();
    assert_eq!(
        paid, 214,
        "Pay Transparency Range with an amount; 0.0 to 0.0 is none"
    );
}

#[test]
fn greenhouse_location_type_metadata_wins_over_text() {
    let body = json!({"jobs": [
        {"id": 1, "title": "API Engineer", "absolute_url": "https://example.com/1",
         "location": {"name": "Dublin "},
         "metadata": [{"id": 1, "name": "Location Type", "value": "Hybrid", "value_type": "single_select"}]},
        {"id": 2, "title": "Backend Engineer", "absolute_url": "https://example.com/2",
         "location": {"name": "Remote - US"}, "metadata": null},
        {"id": {"value": 3}, "title": "Broken"},
        {"id": 4, "absolute_url": "https://example.com/4"}
    ]});
    let output = parse_with(
        SourceKind::Greenhouse,
        body.to_string().as_bytes(),
        Some("Example"),
    );
    let workplaces: Vec<_> = output.listings.iter().map(|l| l.workplace).collect();
    // The location text is core's to read; the parser hands the metadata over as place fields.
    assert_eq!(workplaces, [WorkplaceType::Hybrid, WorkplaceType::Unknown]);
    assert_eq!(
        output.listings[0].place_fields.fields[0].name,
        "Location Type"
    );
    assert_eq!(output.listings[0].place_fields.fields[0].values, ["Hybrid"]);
    assert_eq!(output.unreadable.len(), 2, "{:?}", output.unreadable);
    assert_eq!(
        output.unreadable[0],
        "jobs[2].id: expected an id (a string or an integer), found an object"
    );
    assert_eq!(output.unreadable[1], "jobs[3]: no title");
    assert!(output.warnings.is_empty(), "{:?}", output.warnings);
}

// ---------------------------------------------------------------------------------------------
// Lever.

#[test]
fn lever_fixture_fields() {
    let zoox = parse_fixture(SourceKind::Lever, "lever/zoox.json");
    let posting = find(&zoox.listings, "f4746da4-8eb8-43e2-b7ce-bf3c7cf9640d");
    assert_eq!(posting.company.name, "Zoox");
    assert_eq!(posting.workplace, WorkplaceType::Hybrid);
    assert_eq!(posting.employment_type, EmploymentType::FullTime);
    assert_eq!(posting.location_text, "Foster City, CA");
    assert_eq!(
        posting.source_url,
        "https://jobs.lever.co/zoox/f4746da4-8eb8-43e2-b7ce-bf3c7cf9640d"
    );
    assert_eq!(
        posting.apply_url.as_deref(),
        Some("https://jobs.lever.co/zoox/f4746da4-8eb8-43e2-b7ce-bf3c7cf9640d/apply")
    );
    let salary = posting.structured_salary.as_ref().unwrap();
    assert_eq!((salary.min, salary.max), (Some(144_000.0), Some(193_000.0)));
    assert_eq!(salary.currency.as_deref(), Some("USD"));
    assert_eq!(salary.period, SalaryPeriod::Year);
    // The requirements list is part of the description, so the skills it names count.
    assert!(
        posting
            .description_html
            .contains("<h3>In this role, you will:</h3>")
    );
    assert!(
        posting
            .description_html
            .contains("Create test strategies and test plans")
    );
    assert!(posting.description_html.contains("About Zoox"));
}

#[test]
fn lever_workplace_spellings_epoch_millis_and_salary_intervals() {
    let posting = |id: &str, workplace: &str, interval: &str| {
        json!({
            "id": id, "text": "Backend Engineer", "hostedUrl": format!("https://jobs.lever.co/acme/{id}"),
            "workplaceType": workplace, "createdAt": 1_727_568_000_123_i64, "country": "de",
            "categories": {"commitment": "Contract", "team": "Platform", "allLocations": ["Berlin", "Remote"]},
            "salaryRange": {"currency": "EUR", "interval": interval, "min": 60, "max": 80},
            "lists": [{"text": "Requirements", "content": "<li>Rust</li><li>PostgreSQL</li>"}]
        })
    };
    let body = json!([
        posting("a", "onsite", "per-hour-wage"),
        posting("b", "on-site", "per-year-salary"),
        posting("c", "remote", "per-month-salary"),
        posting("d", "unspecified", "one-time"),
        posting("e", "hybrid", "per-day-wage"),
        {"id": "f", "text": "No URL"}
    ]);
    let output = parse_with(SourceKind::Lever, body.to_string().as_bytes(), Some("Acme"));
    let check = |id: &str, workplace: WorkplaceType, period: Option<SalaryPeriod>| {
        let listing = find(&output.listings, id);
        assert_eq!(listing.workplace, workplace, "{id}");
        assert_eq!(
            listing.structured_salary.as_ref().map(|s| s.period),
            period,
            "{id}"
        );
    };
    check("a", WorkplaceType::Onsite, Some(SalaryPeriod::Hour));
    check("b", WorkplaceType::Onsite, Some(SalaryPeriod::Year));
    check("c", WorkplaceType::Remote, Some(SalaryPeriod::Month));
    check("d", WorkplaceType::Unknown, None);
    check("e", WorkplaceType::Hybrid, Some(SalaryPeriod::Day));

    let first = find(&output.listings, "a");
    assert_eq!(
        first.posted_at,
        Some(
            Utc.with_ymd_and_hms(2024, 9, 29, 0, 0, 0).unwrap()
                + chrono::Duration::milliseconds(123)
        )
    );
    assert_eq!(first.structured_places, ["DE"]);
    assert_eq!(first.location_text, "Berlin; Remote");
    assert_eq!(first.employment_type, EmploymentType::Contract);
    assert!(
        first
            .description_html
            .contains("<ul><li>Rust</li><li>PostgreSQL</li></ul>")
    );
    assert_eq!(
        output.warnings,
        ["[3] (id d): salaryRange interval \"one-time\" ignored"]
    );
    assert_eq!(output.unreadable, ["[5] (id f): no hostedUrl"]);
}

#[test]
fn lever_object_payload_is_a_shape_error() {
    let ctx = ParseContext::at(fetched_at());
    let error = registry::parse(
        SourceKind::Lever,
        br#"{"ok":false,"error":"Document not found"}"#,
        &ctx,
    )
    .unwrap_err();
    assert!(matches!(error, ParseError::Shape { .. }), "{error}");
}

// ---------------------------------------------------------------------------------------------
// Ashby.

#[test]
fn ashby_salary_component_chosen_by_type_not_position() {
    let ashby = parse_fixture(SourceKind::Ashby, "ashby/ashby.json");
    let manager = find(&ashby.listings, "7458d4e9-da2e-47bd-98cb-adfda43d42b2");
    assert_eq!(manager.company.name, "Ashby");
    assert_eq!(manager.workplace, WorkplaceType::Remote);
    let salary = manager.structured_salary.as_ref().unwrap();
    assert_eq!((salary.min, salary.max), (Some(110_000.0), Some(185_000.0)));
    assert_eq!(salary.currency.as_deref(), Some("EUR"));
    assert_eq!(salary.period, SalaryPeriod::Year);
    assert_eq!(salary.text.as_deref(), Some("€110K - €185K"));
    assert!(manager.description_html.starts_with("<p>How do you feel"));
}

#[test]
fn ashby_unlisted_dropped_workplace_type_over_is_remote_and_hidden_pay() {
    let salary = json!({"summaryComponents": [
        {"compensationType": "EquityCashValue", "interval": "1 YEAR", "currencyCode": "USD", "minValue": 1, "maxValue": 2},
        {"compensationType": "Salary", "interval": "1 HOUR", "currencyCode": "USD", "minValue": 50, "maxValue": 70}
    ]});
    let body = json!({"apiVersion": "1", "jobs": [
        {"id": "listed", "title": "API Engineer", "jobUrl": "https://jobs.ashbyhq.com/acme/listed",
         "isListed": true, "isRemote": true, "workplaceType": "Hybrid", "employmentType": "Contract",
         "location": "Remote (US)", "secondaryLocations": [
            {"location": "New York", "address": {"postalAddress": {"addressCountry": "United States"}}}],
         "address": {"postalAddress": {"addressCountry": "United States"}},
         "publishedAt": "2026-09-01T12:00:00.000+00:00",
         "descriptionHtml": "<p>Build APIs</p>", "compensation": salary.clone()},
        {"id": "unlisted", "title": "Secret", "jobUrl": "https://jobs.ashbyhq.com/acme/unlisted", "isListed": false},
        {"id": "hidden-pay", "title": "Backend Engineer", "jobUrl": "https://jobs.ashbyhq.com/acme/hidden-pay",
         "isRemote": null, "workplaceType": "OnSite", "employmentType": "Intern",
         "shouldDisplayCompensationOnJobPostings": false, "compensation": salary}
    ]});
    let output = parse_with(SourceKind::Ashby, body.to_string().as_bytes(), Some("Acme"));
    let ids: Vec<_> = output
        .listings
        .iter()
        .map(|l| l.source_job_id.as_str())
        .collect();
    assert_eq!(ids, ["listed", "hidden-pay"]);
    assert!(output.warnings.is_empty(), "{:?}", output.warnings);
    assert!(
        output.unreadable.is_empty(),
        "an unlisted job is not ours to read, not an unreadable one: {:?}",
        output.unreadable
    );

    let listed = find(&output.listings, "listed");
    assert_eq!(
        listed.workplace,
        WorkplaceType::Hybrid,
        "workplaceType, not isRemote"
    );
    assert_eq!(listed.employment_type, EmploymentType::Contract);
    assert_eq!(listed.location_text, "Remote (US); New York");
    assert_eq!(listed.structured_places, ["United States"]);
    let pay = listed.structured_salary.as_ref().unwrap();
    assert_eq!(
        (pay.min, pay.max, pay.period),
        (Some(50.0), Some(70.0), SalaryPeriod::Hour)
    );

    let hidden = find(&output.listings, "hidden-pay");
    assert_eq!(hidden.workplace, WorkplaceType::Onsite);
    assert_eq!(hidden.employment_type, EmploymentType::Internship);
    assert_eq!(
        hidden.structured_salary, None,
        "the employer chose not to publish pay"
    );
}

// ---------------------------------------------------------------------------------------------
// We Work Remotely.

#[test]
fn wwr_fields_of_the_2026_feed() {
    let feed = parse_fixture(SourceKind::WeWorkRemotely, "wwr/remote-jobs-2026.rss");
    let animalz = find(
        &feed.listings,
        "https://weworkremotely.com/remote-jobs/animalz-associate-head-of-content-seo",
    );
    assert_eq!(animalz.company.name, "Animalz");
    assert_eq!(animalz.title, "Associate Head of Content, SEO");
    assert_eq!(animalz.source_url, animalz.source_job_id);
    assert_eq!(
        animalz.structured_skills,
        [
            "AI Content Creation",
            "Content Creation",
            "SEO",
            "Content Strategy"
        ]
    );
    assert_eq!(animalz.structured_places, ["Anywhere in the World"]);
    assert_eq!(animalz.location_text, "Anywhere in the World");
    assert_eq!(animalz.tags, ["Sales and Marketing"]);
    assert_eq!(animalz.employment_type, EmploymentType::FullTime);
    assert_eq!(animalz.workplace, WorkplaceType::Remote);
    assert_eq!(
        animalz.posted_at,
        Some(Utc.with_ymd_and_hms(2026, 3, 27, 19, 4, 37).unwrap())
    );
    assert_eq!(
        animalz.valid_through,
        Some(Utc.with_ymd_and_hms(2026, 4, 26, 19, 4, 37).unwrap())
    );
    assert_eq!(
        animalz.company.logo_url.as_deref(),
        Some("https://wwr-pro.s3.amazonaws.com/logos/0017/3233/logo.gif")
    );
    // The entity-escaped description arrives as HTML, decoded exactly once.
    assert!(
        animalz
            .description_html
            .starts_with("<img src=\"https://we-work-remotely.imgix.net/")
    );
    assert!(
        animalz
            .description_html
            .contains("logo.gif?ixlib=rails-4.0.0&w=50")
    );

    let contra = find(
        &feed.listings,
        "https://weworkremotely.com/remote-jobs/contra-product-designer-contra-labs-network",
    );
    assert_eq!(contra.employment_type, EmploymentType::Contract);
    assert!(contra.structured_skills.is_empty());
}

#[test]
fn wwr_title_split_on_the_first_colon() {
    let feed = parse_fixture(
        SourceKind::WeWorkRemotely,
        "wwr/remote-back-end-programming-jobs-2022.rss",
    );
    let salesflow = feed
        .listings
        .iter()
        .find(|listing| listing.company.name == "Salesflow.io")
        .unwrap();
    assert_eq!(
        salesflow.title,
        "Back-End Developer (.Net Core / C#) - English & Russian / Ukranian Speaking, EU Remote"
    );
    let body = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/wwr/remote-jobs-2026.rss"
    ))
    .replace(
        "Contra: Product Designer | Contra Labs Network",
        "Contra: Product Designer: Labs Network",
    );
    let output = parse_with(SourceKind::WeWorkRemotely, body.as_bytes(), None);
    assert_eq!(output.listings[0].company.name, "Contra");
    assert_eq!(output.listings[0].title, "Product Designer: Labs Network");
}

#[test]
fn wwr_media_namespace_matched_by_uri_not_prefix() {
    let original = String::from_utf8(fixture("wwr/remote-jobs-2026.rss")).unwrap();
    let reserialised = original
        .replace("xmlns:media=", "xmlns:ns0=")
        .replace("<media:content", "<ns0:content");
    let output = parse_with(SourceKind::WeWorkRemotely, reserialised.as_bytes(), None);
    assert_eq!(
        output.listings[0].company.logo_url.as_deref(),
        Some("https://wwr-pro.s3.amazonaws.com/logos/0083/5744/logo.gif")
    );

    // A `media:` prefix bound to some other namespace is not Media RSS.
    let impostor = original.replace(
        "xmlns:media=\"http://search.yahoo.com/mrss\"",
        "xmlns:media=\"urn:example:not-media\"",
    );
    let output = parse_with(SourceKind::WeWorkRemotely, impostor.as_bytes(), None);
    assert_eq!(output.listings[0].company.logo_url, None);
}

#[test]
fn wwr_items_without_company_skipped_and_non_rss_rejected() {
    let feed = r#"<rss version="2.0"><channel>
        <item><title>No colon here</title><link>https://weworkremotely.com/remote-jobs/x</link></item>
        <item><title>Acme: API Engineer</title><link>https://weworkremotely.com/remote-jobs/y</link>
          <country>🇩🇪 Germany, 🇫🇷 France</country><region>Europe Only</region></item>
    </channel></rss>"#;
    let output = parse_with(SourceKind::WeWorkRemotely, feed.as_bytes(), None);
    assert_eq!(output.listings.len(), 1);
    assert_eq!(
        output.listings[0].structured_places,
        ["Europe Only", "Germany", "France"]
    );
    assert_eq!(
        output.unreadable,
        ["item 0: title \"No colon here\" has no \"Company: \" prefix"]
    );

    let ctx = ParseContext::at(fetched_at());
    let error =
        registry::parse(SourceKind::WeWorkRemotely, b"<html><body/></html>", &ctx).unwrap_err();
    assert!(matches!(error, ParseError::Shape { .. }), "{error}");
    let error = registry::parse(SourceKind::WeWorkRemotely, b"<rss><channel>", &ctx).unwrap_err();
    assert!(matches!(error, ParseError::Xml(_)), "{error}");
}

// ---------------------------------------------------------------------------------------------
// Remotive.

#[test]
fn remotive_legal_keys_skipped_pixel_stripped_dates_utc() {
    let output = parse_fixture(SourceKind::Remotive, "remotive/remote-jobs-2026-05.json");
    assert_eq!(
        output.listings.len(),
        1,
        "the warning and legal keys are not jobs"
    );
    let job = find(&output.listings, "2090890");
    assert!(!job.description_html.contains("blank.gif"));
    assert!(!job.description_html.contains("remotive.com/job/track"));
    assert!(
        job.description_html
            .starts_with("<p><strong>About LawnStarter</strong></p>")
    );
    assert!(
        job.description_html.ends_with("grow</li>\n</ul>"),
        "nothing else lost"
    );
    assert_eq!(
        job.posted_at,
        Some(Utc.with_ymd_and_hms(2026, 5, 21, 16, 42, 9).unwrap())
    );
    assert_eq!(job.salary_text.as_deref(), Some("$80k - $100k"));
    assert_eq!(job.location_text, "Brazil");
    assert!(
        job.tags.contains(&"Typescript".to_owned()),
        "trailing space trimmed"
    );
    assert!(
        job.tags.contains(&"Product Management".to_owned()),
        "category kept"
    );
    assert_eq!(job.workplace, WorkplaceType::Remote);
    assert_eq!(job.employment_type, EmploymentType::FullTime);
    assert_eq!(
        job.source_url,
        "https://remotive.com/remote-jobs/product/staff-product-engineer-2090890"
    );
}

// ---------------------------------------------------------------------------------------------
// RemoteOK.

#[test]
fn remoteok_legal_element_skipped_string_ids_and_mojibake_repaired() {
    let output = parse_fixture(SourceKind::RemoteOk, "remoteok/api-sample.json");
    let ids: Vec<_> = output
        .listings
        .iter()
        .map(|l| l.source_job_id.as_str())
        .collect();
    assert_eq!(
        ids,
        ["1132020", "1131838"],
        "element 0 is the terms, not a job"
    );
    assert!(output.warnings.is_empty());
    assert!(output.unreadable.is_empty(), "the terms are not an item");

    let pluris = find(&output.listings, "1131838");
    assert_eq!(pluris.company.name, "Pluris Mídia");
    assert_eq!(
        pluris.location_text,
        "São Paulo, São Paulo, São Paulo, Brasil"
    );
    assert!(pluris.description_html.contains("quando necessário"));
    assert_eq!(pluris.structured_salary, None, "salary 0 means unknown");
    assert_eq!(pluris.workplace, WorkplaceType::Remote);

    let dhl = find(&output.listings, "1132020");
    assert_eq!(dhl.company.name, "DHL Express");
    assert_eq!(dhl.location_text, "Hamilton");
    assert_eq!(
        dhl.posted_at,
        Some(Utc.with_ymd_and_hms(2026, 5, 22, 22, 29, 15).unwrap())
    );
    assert_eq!(
        dhl.source_url,
        "https://remoteOK.com/remote-jobs/remote-gateway-agent-dhl-express-1132020"
    );
}

#[test]
fn remoteok_nonzero_salary_is_yearly_usd_and_mojibake_gone_everywhere() {
    let output = parse_fixture(SourceKind::RemoteOk, "remoteok/api-2026-03.json");
    let blackpoint = find(&output.listings, "1130780");
    let salary = blackpoint.structured_salary.as_ref().unwrap();
    assert_eq!((salary.min, salary.max), (Some(180_000.0), Some(210_000.0)));
    assert_eq!(salary.currency.as_deref(), Some("USD"));
    assert_eq!(salary.period, SalaryPeriod::Year);
    let with_salary = output
        .listings
        .iter()
        .filter(|l| l.structured_salary.is_some())
        .count();
    assert_eq!(with_salary, 18);
    assert_eq!(output.unreadable, ["[5] (id 1130784): no position"]);
    for listing in &output.listings {
        for text in [
            &listing.company.name,
            &listing.title,
            &listing.location_text,
            &listing.description_html,
        ] {
            assert!(
                !text.contains("â\u{80}") && !text.contains("Ã\u{ad}") && !text.contains("Â\u{a0}"),
                "{}: {text}",
                listing.source_job_id
            );
        }
    }
    assert!(
        find(&output.listings, "1130779")
            .location_text
            .contains("Gdańsk")
    );
}

#[test]
fn remoteok_elements_without_id_or_position_skipped_with_warning() {
    let body = json!([
        {"last_updated": 1, "legal": "terms"},
        {"id": "1", "position": "Backend Engineer", "company": "Acme", "url": "https://remoteOK.com/1",
         "salary_min": 0, "salary_max": 150000, "epoch": 1_779_488_955_i64},
        {"id": "2", "company": "No position"},
        {"position": "No id"},
        {"id": 3, "position": "Numeric id", "company": "Acme", "url": "https://remoteOK.com/3"}
    ]);
    let output = parse_with(SourceKind::RemoteOk, body.to_string().as_bytes(), None);
    let ids: Vec<_> = output
        .listings
        .iter()
        .map(|l| l.source_job_id.as_str())
        .collect();
    assert_eq!(ids, ["1", "3"]);
    assert_eq!(
        output.unreadable,
        [
            "[2]: skipped, no `id` or `position`",
            "[3]: skipped, no `id` or `position`"
        ]
    );
    let salary = output.listings[0].structured_salary.as_ref().unwrap();
    assert_eq!(
        (salary.min, salary.max),
        (None, Some(150_000.0)),
        "0 is no bound"
    );
}

// ---------------------------------------------------------------------------------------------
// JSON-LD.

#[test]
fn jsonld_graph_with_id_reference_in_the_fixture() {
    let output = parse_fixture(SourceKind::JsonLd, "jsonld/jobposting-marsbased.json");
    let posting = &output.listings[0];
    assert_eq!(posting.title, "Full Stack Software Engineer  (100% Remote)");
    assert_eq!(posting.workplace, WorkplaceType::Remote, "TELECOMMUTE");
    assert_eq!(posting.structured_places, ["Austria", "Belgium"]);
    assert_eq!(posting.employment_type, EmploymentType::FullTime);
    assert_eq!(
        posting.company.name, "MarsBased",
        "the @id names a node outside the block, so config names the company"
    );
    assert_eq!(
        posting.source_url,
        "https://careers.example.com/jobs/backend"
    );
    assert_eq!(
        posting.posted_at,
        Some(Utc.with_ymd_and_hms(2026, 2, 6, 0, 0, 0).unwrap())
    );
    let salary = posting.structured_salary.as_ref().unwrap();
    assert_eq!((salary.min, salary.max), (Some(40_000.0), Some(60_000.0)));
    assert_eq!(salary.currency.as_deref(), Some("EUR"));
    assert_eq!(salary.period, SalaryPeriod::Year);
}

#[test]
fn jsonld_arrays_single_objects_invalid_blocks_and_references() {
    let organization_and_posting = r#"[
        {"@context": "https://schema.org", "@type": "Organization", "@id": "https://acme.example/#org",
         "name": "Acme &amp; Co", "sameAs": ["https://acme.example"], "logo": {"@type": "ImageObject", "url": "https://acme.example/logo.png"}},
        {"@context": "https://schema.org", "@type": ["JobPosting"], "title": "Senior API Engineer",
         "url": "/jobs/42", "identifier": {"@type": "PropertyValue", "name": "Acme", "value": 42},
         "description": "&lt;p&gt;Design &amp;amp; build APIs&lt;/p&gt;",
         "datePosted": "2026-09-01T09:00:00+02:00", "validThrough": "2026-10-31",
         "hiringOrganization": {"@id": "https://acme.example/#org"},
         "employmentType": ["OTHER", "CONTRACTOR"],
         "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress",
             "addressLocality": "Austin", "addressRegion": "UNAVAILABLE", "addressCountry": {"@type": "Country", "name": "US"}}},
         "applicantLocationRequirements": {"@type": "State", "name": "Texas"},
         "baseSalary": {"@type": "MonetaryAmount", "currency": "USD",
             "value": {"@type": "QuantitativeValue", "value": "85", "unitText": "HOUR"}},
         "skills": "Rust, PostgreSQL"}
    ]"#;
    let single = r#"{"@context": "https://schema.org", "@type": "JobPosting", "title": "Backend Engineer",
        "hiringOrganization": {"@type": "Organization", "name": "Single Co"},
        "jobLocationType": "TELECOMMUTE", "employmentType": "FULL_TIME",
        "applicantLocationRequirements": [{"@type": "Country", "name": "USA"}, {"@type": "Country", "name": "UNAVAILABLE"}]}"#;
    let invalid = r#"{"@type": "JobPosting", "title": "Broken", }"#;
    let breadcrumbs =
        r#"{"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": []}"#;
    let page = wrap_in_page(&[organization_and_posting, invalid, single, breadcrumbs]);
    let output = parse_with(SourceKind::JsonLd, page.as_bytes(), None);

    assert_eq!(output.listings.len(), 2);
    assert_eq!(output.unreadable.len(), 1, "{:?}", output.unreadable);
    assert!(
        output.unreadable[0].starts_with("JSON-LD block 1: skipped, invalid JSON at line 1"),
        "{:?}",
        output.unreadable
    );

    let api = &output.listings[0];
    assert_eq!(api.title, "Senior API Engineer");
    assert_eq!(api.source_job_id, "42");
    assert_eq!(
        api.source_url, "https://careers.example.com/jobs/42",
        "resolved against the page"
    );
    assert_eq!(api.company.name, "Acme & Co", "resolved through @id");
    assert_eq!(api.company.url.as_deref(), Some("https://acme.example"));
    assert_eq!(
        api.company.logo_url.as_deref(),
        Some("https://acme.example/logo.png")
    );
    assert_eq!(api.description_html, "<p>Design &amp; build APIs</p>");
    assert_eq!(api.location_text, "Austin, US", "iCIMS placeholder dropped");
    assert_eq!(api.structured_places, ["Texas"]);
    assert_eq!(api.employment_type, EmploymentType::Contract);
    assert_eq!(api.workplace, WorkplaceType::Unknown);
    assert_eq!(api.structured_skills, ["Rust", "PostgreSQL"]);
    let salary = api.structured_salary.as_ref().unwrap();
    assert_eq!(
        (salary.min, salary.max, salary.period),
        (Some(85.0), Some(85.0), SalaryPeriod::Hour)
    );
    assert_eq!(
        api.posted_at,
        Some(Utc.with_ymd_and_hms(2026, 9, 1, 7, 0, 0).unwrap())
    );
    assert_eq!(
        api.valid_through,
        Some(Utc.with_ymd_and_hms(2026, 10, 31, 0, 0, 0).unwrap())
    );

    let backend = &output.listings[1];
    assert_eq!(backend.company.name, "Single Co");
    assert_eq!(backend.workplace, WorkplaceType::Remote);
    assert_eq!(backend.location_text, "Remote");
    assert_eq!(backend.structured_places, ["USA"]);
    assert_eq!(backend.employment_type, EmploymentType::FullTime);
    assert_eq!(
        backend.source_job_id,
        "https://careers.example.com/jobs/backend#1"
    );
}

#[test]
fn jsonld_page_without_postings_is_empty_not_an_error() {
    let output = parse_with(
        SourceKind::JsonLd,
        b"<html><body><p>No jobs</p></body></html>",
        None,
    );
    assert_eq!(output, ParseOutput::default());
    let ctx = ParseContext::at(fetched_at());
    let error =
        registry::parse(SourceKind::JsonLd, br#"{"@type": "JobPosting", "#, &ctx).unwrap_err();
    assert!(matches!(error, ParseError::Json { line: 1, .. }), "{error}");
}

// ---------------------------------------------------------------------------------------------
// Nothing panics, whatever comes over the wire.

fn parse_anything(kind: SourceKind, body: &[u8]) {
    let page = url::Url::parse("https://careers.example.com/").unwrap();
    let ctx = ParseContext {
        fetched_at: fetched_at(),
        company: Some("Acme"),
        page_url: Some(&page),
    };
    // Either outcome is fine; returning at all is the point.
    let _ = registry::parse(kind, body, &ctx);
}

#[test]
fn truncated_fixtures_never_panic_and_fail_cleanly() {
    for &(kind, path, _, _) in FIXTURE_TABLE {
        let body = fixture_body(kind, path);
        let step = (body.len() / 97).max(1);
        for cut in (0..body.len()).step_by(step) {
            let truncated = &body[..cut];
            parse_anything(kind, truncated);
            let cuts_content = body[cut..].iter().any(|byte| !byte.is_ascii_whitespace());
            if kind != SourceKind::JsonLd && cuts_content {
                // JSON and XML cut short are malformed payloads: an error, never a partial success.
                let ctx = ParseContext::at(fetched_at());
                assert!(
                    registry::parse(kind, truncated, &ctx).is_err(),
                    "{path} cut at {cut}"
                );
            }
        }
    }
}

#[test]
fn wrong_shapes_are_errors_or_warnings_never_panics() {
    let odd_bodies: &[&[u8]] = &[
        b"",
        b"null",
        b"[]",
        b"{}",
        b"42",
        b"\"jobs\"",
        br#"{"jobs": 5}"#,
        br#"{"jobs": [null, 1, "x", [], {}]}"#,
        br#"[null, 1, "x", [], {}, {"id": null, "position": null}]"#,
        br#"[{"id": {"nested": true}, "position": "x"}]"#,
        br#"{"jobs": [{"id": 1e400, "title": "x"}]}"#,
        br#"{"jobs": [{"id": 1, "title": "x", "absolute_url": "u", "metadata": [{"value": {"min_value": "NaN", "max_value": "1e999"}}]}]}"#,
        br#"[{"id": "x", "text": "t", "hostedUrl": "u", "createdAt": 9223372036854775807}]"#,
        b"\xff\xfe\x00garbage",
        b"<rss><channel><item><title>A: B</title><link>x</link><pubDate>Feb 30</pubDate></item></channel></rss>",
        b"<!DOCTYPE x [<!ENTITY a \"aaaa\">]><rss/>",
        b"<html><script type=\"application/ld+json\">[[[[[]]]]]</script></html>",
        b"<html><script type=\"application/ld+json\">{\"@graph\": {\"@graph\": [{\"@type\": \"JobPosting\"}]}}</script></html>",
    ];
    for kind in SourceKind::ALL {
        for body in odd_bodies {
            parse_anything(kind, body);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_bytes_never_panic(body in proptest::collection::vec(any::<u8>(), 0..512)) {
        for kind in SourceKind::ALL {
            parse_anything(kind, &body);
        }
    }

    #[test]
    fn random_text_in_each_shape_never_panics(text in "\\PC{0,200}") {
        let escaped = serde_json::to_string(&text).unwrap();
        let bodies = [
            format!(r#"{{"jobs": [{{"id": 1, "title": {escaped}, "absolute_url": {escaped}, "content": {escaped}}}]}}"#),
            format!(r#"[{{"id": {escaped}, "text": {escaped}, "hostedUrl": {escaped}, "description": {escaped}}}]"#),
            format!(r#"[{{}}, {{"id": {escaped}, "position": {escaped}, "company": {escaped}, "url": "https://x", "description": {escaped}}}]"#),
            format!("<rss><channel><item><title>{}</title><link>x</link></item></channel></rss>", html_escape::encode_text(&text)),
            format!(r#"<script type="application/ld+json">{{"@type": "JobPosting", "title": {escaped}, "description": {escaped}, "datePosted": {escaped}}}</script>"#),
        ];
        for body in &bodies {
            for kind in SourceKind::ALL {
                parse_anything(kind, body.as_bytes());
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The bundled snapshot.

#[test]
fn bundled_snapshot_loads_every_payload_dated_by_its_capture() {
    let batches = snapshot::load(std::path::Path::new(SNAPSHOT_DIR)).unwrap();
    let summary: Vec<(String, SourceKind, usize, usize)> = batches
        .iter()
        .map(|batch| {
            (
                batch.source_name.clone(),
                batch.kind,
                batch.listings.len(),
                batch.warnings.len(),
            )
        })
        .collect();
    let expected: Vec<(String, SourceKind, usize, usize)> = [
        ("greenhouse:catawiki", SourceKind::Greenhouse, 50, 0),
        ("greenhouse:gitlab", SourceKind::Greenhouse, 200, 0),
        ("greenhouse:gitlab", SourceKind::Greenhouse, 1, 0),
        ("greenhouse:datadog", SourceKind::Greenhouse, 442, 0),
        ("greenhouse:stripe", SourceKind::Greenhouse, 576, 0),
        ("greenhouse:twilio", SourceKind::Greenhouse, 146, 0),
        ("greenhouse:airbnb", SourceKind::Greenhouse, 3, 0),
        ("lever:zoox", SourceKind::Lever, 1, 0),
        ("ashby:ashby", SourceKind::Ashby, 1, 0),
        ("wwr", SourceKind::WeWorkRemotely, 59, 0),
        ("wwr", SourceKind::WeWorkRemotely, 125, 0),
        ("wwr", SourceKind::WeWorkRemotely, 100, 0),
        ("wwr", SourceKind::WeWorkRemotely, 3, 0),
        ("remoteok", SourceKind::RemoteOk, 96, 1),
        ("remoteok", SourceKind::RemoteOk, 2, 0),
        ("json_ld:marsbased", SourceKind::JsonLd, 1, 0),
    ]
    .into_iter()
    .map(|(name, kind, count, skipped)| (name.to_owned(), kind, count, skipped))
    .collect();
    assert_eq!(summary, expected);

    for batch in &batches {
        assert!(!batch.attribution.is_empty(), "{}", batch.source_name);
        assert!(batch.captured < fetched_at(), "{}", batch.source_name);
        for listing in &batch.listings {
            assert_eq!(listing.fetched_at, batch.captured, "{}", batch.source_name);
            assert!(
                !listing.company.name.is_empty(),
                "{}: {listing:?}",
                batch.source_name
            );
            if let Some(posted) = listing.posted_at {
                assert!(
                    posted <= batch.captured,
                    "{}: {} posted {posted} after its capture",
                    batch.source_name,
                    listing.source_job_id
                );
            }
        }
    }
    let marsbased = batches.last().unwrap();
    assert_eq!(marsbased.listings[0].source_url, "https://marsbased.com/");
    assert_eq!(
        batches[0].captured,
        Utc.with_ymd_and_hms(2025, 10, 26, 23, 59, 59).unwrap()
    );
}

#[test]
fn the_bundled_stripe_office_job_names_its_offices_not_a_country() {
    let batches = snapshot::load(std::path::Path::new(SNAPSHOT_DIR)).unwrap();
    let stripe = batches
        .iter()
        .filter(|batch| batch.source_name == "greenhouse:stripe")
        .flat_map(|batch| &batch.listings)
        .find(|listing| listing.source_job_id == "8055701")
        .map(|raw| {
            Normalizer::bundled()
                .normalize(raw.clone())
                .unwrap()
                .listing
        })
        .expect("the Stripe API Platform job is in the snapshot");
    assert_eq!(stripe.title, "Staff Software Engineer, API Platform");
    assert_eq!(stripe.location_text, "San Francisco, Seattle");
    assert_eq!(stripe.workplace, WorkplaceType::Onsite);
    assert_eq!(stripe.eligibility.offices, ["San Francisco", "Seattle"]);
    let badge =
        prepboard_core::normalize::badge::eligibility_badge(stripe.workplace, &stripe.eligibility);
    assert_eq!(badge.label, "Office: San Francisco, Seattle");
}

#[test]
fn snapshot_holds_no_data_whose_terms_forbid_it() {
    let entries = snapshot::read_manifest(std::path::Path::new(SNAPSHOT_DIR)).unwrap();
    for entry in &entries {
        let kind = SourceKind::from_slug(&entry.kind).unwrap();
        assert!(snapshot::may_bundle(kind), "{}", entry.path.display());
    }
    for forbidden in ["remotive", "himalayas", "jobicy", "hn"] {
        assert!(
            !std::path::Path::new(SNAPSHOT_DIR).join(forbidden).exists(),
            "config/snapshot/{forbidden} must not exist"
        );
    }
}

#[test]
fn snapshot_manifest_mistakes_are_reported() {
    let check = |manifest: &str, expected: &str| {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("manifest.toml"), manifest).unwrap();
        std::fs::write(dir.path().join("jobs.json"), r#"{"jobs": []}"#).unwrap();
        let error = snapshot::load(dir.path()).unwrap_err().to_string();
        assert!(error.contains(expected), "{error}");
    };
    let entry = |path: &str, kind: &str| {
        format!(
            "[[payload]]\npath = \"{path}\"\nkind = \"{kind}\"\nsource = \"s\"\n\
             captured = \"2026-01-01T00:00:00Z\"\nattribution = \"a\"\n"
        )
    };
    check(&entry("jobs.json", "remotive"), "may not be bundled");
    check(
        &entry("jobs.json", "himalayas"),
        "unknown source kind \"himalayas\"",
    );
    check(&entry("../jobs.json", "greenhouse"), "must stay inside");
    check(&entry("missing.json", "greenhouse"), "cannot read");
    check(&entry("jobs.json", "lever"), "does not parse as Lever");
    check("[[payload]]\npath = 1\n", "invalid snapshot manifest");
}
