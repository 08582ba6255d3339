//! The harmless variants real payloads show, applied to every real JSON fixture: a byte-order mark
//! or whitespace before the JSON (and before every RSS feed and careers page), ids as strings
//! where the source sends numbers (and numbers where it sends numeric strings), and `null` in
//! every optional field. Each variant must read as
//! the original does: the same listings, or for the nulls at least the same jobs, and no item
//! unreadable that was readable before. Nothing here touches the network.

use chrono::{DateTime, TimeZone, Utc};
use prepboard_core::SourceKind;
use prepboard_fetcher::{ParseContext, ParseOutput, registry};
use serde_json::{Map, Value};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");

/// Every JSON fixture of every JSON source.
const JSON_FIXTURES: &[(SourceKind, &str)] = &[
    (SourceKind::Greenhouse, "greenhouse/catawiki-content.json"),
    (SourceKind::Greenhouse, "greenhouse/gitlab-list.json"),
    (SourceKind::Greenhouse, "greenhouse/stripe-list.json"),
    (SourceKind::Greenhouse, "greenhouse/twilio-list.json"),
    (SourceKind::Greenhouse, "greenhouse/datadog-list.json"),
    (SourceKind::Greenhouse, "greenhouse/airbnb-list.json"),
    (
        SourceKind::Greenhouse,
        "greenhouse/gitlab-content-trimmed.json",
    ),
    (
        SourceKind::Greenhouse,
        "greenhouse/docs-example-content.json",
    ),
    (SourceKind::Lever, "lever/zoox.json"),
    (SourceKind::Ashby, "ashby/ashby.json"),
    (SourceKind::Remotive, "remotive/remote-jobs-2026-05.json"),
    (SourceKind::RemoteOk, "remoteok/api-2026-03.json"),
    (SourceKind::RemoteOk, "remoteok/api-sample.json"),
    (SourceKind::JsonLd, "jsonld/jobposting-marsbased.json"),
    (SourceKind::HackerNews, "hn/firebase/items-46466074.json"),
];

/// The fields a job cannot do without, per source; every other field is optional.
fn required(kind: SourceKind) -> &'static [&'static str] {
    match kind {
        SourceKind::Greenhouse => &["id", "title", "absolute_url"],
        SourceKind::Lever => &["id", "text", "hostedUrl"],
        SourceKind::Ashby => &["id", "title", "jobUrl"],
        SourceKind::Remotive => &["id", "title", "url", "company_name"],
        SourceKind::RemoteOk => &["id", "position", "url"],
        SourceKind::JsonLd => &["@context", "@type", "title"],
        SourceKind::WeWorkRemotely => &[],
        // A post is its text; without it there is nothing to read.
        SourceKind::HackerNews => &["id", "text"],
    }
}

fn parse(kind: SourceKind, body: &[u8]) -> ParseOutput {
    let fetched_at: DateTime<Utc> = Utc.with_ymd_and_hms(2026, 10, 1, 6, 0, 0).unwrap();
    let page = url::Url::parse("https://careers.example.com/jobs/backend").unwrap();
    let ctx = ParseContext {
        fetched_at,
        company: Some("Example"),
        page_url: Some(&page),
    };
    registry::parse(kind, body, &ctx).unwrap_or_else(|error| panic!("{kind:?}: {error}"))
}

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{path}")).unwrap()
}

/// The job objects of a payload, to edit in place.
fn jobs(kind: SourceKind, payload: &mut Value) -> Vec<&mut Map<String, Value>> {
    fn postings<'a>(value: &'a mut Value, found: &mut Vec<&'a mut Map<String, Value>>) {
        match value {
            Value::Array(items) => items.iter_mut().for_each(|item| postings(item, found)),
            Value::Object(object) => {
                if object.get("@type") == Some(&Value::from("JobPosting")) {
                    found.push(object);
                } else {
                    object.values_mut().for_each(|value| postings(value, found));
                }
            }
            _ => {}
        }
    }
    match kind {
        SourceKind::Greenhouse | SourceKind::Ashby | SourceKind::Remotive => payload["jobs"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .filter_map(Value::as_object_mut)
            .collect(),
        // RemoteOK's first element is its terms, which has no id.
        SourceKind::Lever | SourceKind::RemoteOk | SourceKind::HackerNews => payload
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .filter_map(Value::as_object_mut)
            .filter(|object| object.contains_key("id"))
            .collect(),
        SourceKind::JsonLd => {
            let mut found = Vec::new();
            postings(payload, &mut found);
            found
        }
        SourceKind::WeWorkRemotely => unreachable!("not a JSON source"),
    }
}

fn edited(kind: SourceKind, body: &[u8], edit: impl Fn(&mut Map<String, Value>)) -> Vec<u8> {
    let mut payload: Value = serde_json::from_slice(body).unwrap();
    let found = jobs(kind, &mut payload);
    assert!(!found.is_empty(), "{kind:?}: no jobs to edit");
    for job in found {
        edit(job);
    }
    serde_json::to_vec(&payload).unwrap()
}

/// A number id as its string, a numeric string id as its number.
fn flip_id(id: &mut Value) -> bool {
    match id {
        Value::Number(number) => {
            *id = Value::String(number.to_string());
            true
        }
        Value::String(text) => match text.parse::<i64>() {
            Ok(number) => {
                *id = Value::from(number);
                true
            }
            Err(_) => false,
        },
        Value::Object(property) => property.get_mut("value").is_some_and(flip_id),
        _ => false,
    }
}

#[test]
fn a_byte_order_mark_or_whitespace_before_the_json_changes_nothing() {
    for &(kind, path) in JSON_FIXTURES {
        let body = fixture(path);
        let original = parse(kind, &body);
        assert!(!original.listings.is_empty(), "{path}");
        for prefix in [&b"\xEF\xBB\xBF"[..], b"\n\r\n\t  ", b"\xEF\xBB\xBF\n "] {
            let variant = [prefix, body.as_slice()].concat();
            assert_eq!(parse(kind, &variant), original, "{path} after {prefix:?}");
        }
    }
}

/// The feeds and pages that are not JSON payloads: a byte-order mark or a blank line before them
/// is as common (a PHP feed's stray newline, an editor's BOM) and must change nothing either.
#[test]
fn a_byte_order_mark_or_whitespace_before_a_feed_or_page_changes_nothing() {
    let jsonld = fixture("jsonld/jobposting-marsbased.json");
    let page = [
        b"<!DOCTYPE html><html><head><script type=\"application/ld+json\">".as_slice(),
        jsonld.as_slice(),
        b"</script></head><body></body></html>",
    ]
    .concat();
    let mut documents: Vec<(SourceKind, String, Vec<u8>)> = [
        "wwr/remote-back-end-programming-jobs-2022.rss",
        "wwr/remote-full-stack-programming-jobs-2022.rss",
        "wwr/remote-jobs-2022.rss",
        "wwr/remote-jobs-2026.rss",
    ]
    .iter()
    .map(|path| {
        (
            SourceKind::WeWorkRemotely,
            (*path).to_owned(),
            fixture(path),
        )
    })
    .collect();
    documents.push((SourceKind::JsonLd, "a careers page".to_owned(), page));
    for (kind, name, body) in documents {
        let original = parse(kind, &body);
        assert!(!original.listings.is_empty(), "{name}");
        for prefix in [&b"\xEF\xBB\xBF"[..], b"\n\r\n\t  ", b"\xEF\xBB\xBF\n "] {
            let variant = [prefix, body.as_slice()].concat();
            assert_eq!(parse(kind, &variant), original, "{name} after {prefix:?}");
        }
    }
}

#[test]
fn ids_as_strings_or_numbers_read_the_same() {
    let mut flipped_any = std::collections::HashSet::new();
    for &(kind, path) in JSON_FIXTURES {
        let body = fixture(path);
        let original = parse(kind, &body);
        let id_key = if kind == SourceKind::JsonLd {
            "identifier"
        } else {
            "id"
        };
        let flips = std::cell::Cell::new(0);
        let variant = edited(kind, &body, |job| {
            if job.get_mut(id_key).is_some_and(flip_id) {
                flips.set(flips.get() + 1);
            }
        });
        if flips.get() > 0 {
            flipped_any.insert(kind);
        }
        assert_eq!(parse(kind, &variant), original, "{path}");
    }
    // Greenhouse, Remotive and HN send numbers, RemoteOK numeric strings: each was flipped.
    for kind in [
        SourceKind::Greenhouse,
        SourceKind::Remotive,
        SourceKind::RemoteOk,
        SourceKind::HackerNews,
    ] {
        assert!(flipped_any.contains(&kind), "{kind:?}: no id was flipped");
    }
}

#[test]
fn null_in_every_optional_field_keeps_every_job() {
    for &(kind, path) in JSON_FIXTURES {
        let body = fixture(path);
        let original = parse(kind, &body);
        let variant = edited(kind, &body, |job| {
            for (key, value) in job.iter_mut() {
                if !required(kind).contains(&key.as_str()) {
                    *value = Value::Null;
                }
            }
        });
        let nulled = parse(kind, &variant);
        assert_eq!(nulled.unreadable, original.unreadable, "{path}");
        let ids = |output: &ParseOutput| -> Vec<String> {
            output
                .listings
                .iter()
                .map(|listing| listing.source_job_id.clone())
                .collect()
        };
        if kind == SourceKind::JsonLd {
            // The identifier is optional too; the page URL stands in for it.
            assert_eq!(nulled.listings.len(), original.listings.len(), "{path}");
        } else {
            assert_eq!(ids(&nulled), ids(&original), "{path}");
        }
        for (read, before) in nulled.listings.iter().zip(&original.listings) {
            assert_eq!(read.title, before.title, "{path}");
        }
    }
}

#[test]
fn null_inside_lists_and_numbers_as_text_keep_the_rest_of_the_job() {
    let body = br#"{"jobs": [{"id": "7850544003", "title": "API Engineer",
        "absolute_url": "https://example.com/1", "departments": [null, {"name": "Platform"}],
        "metadata": [null, {"name": "Workplace Type", "value": "Remote"}],
        "location": "Dublin"}]}"#;
    let output = parse(SourceKind::Greenhouse, body);
    assert!(output.unreadable.is_empty(), "{:?}", output.unreadable);
    let job = &output.listings[0];
    assert_eq!(job.source_job_id, "7850544003");
    assert_eq!(job.tags, ["Platform"]);
    assert_eq!(job.workplace, prepboard_core::WorkplaceType::Remote);
    assert_eq!(
        job.location_text, "",
        "a location of another shape is absent"
    );

    let body =
        br#"[{"id": 1130780, "position": "Backend Engineer", "url": "https://remoteOK.com/1",
        "epoch": "1749200000", "salary_min": "180000", "salary_max": null, "tags": ["go", null]}]"#;
    let output = parse(SourceKind::RemoteOk, body);
    assert!(output.unreadable.is_empty(), "{:?}", output.unreadable);
    let job = &output.listings[0];
    assert_eq!(job.source_job_id, "1130780");
    assert_eq!(job.posted_at.map(|at| at.timestamp()), Some(1_749_200_000));
    assert_eq!(
        job.structured_salary.as_ref().and_then(|salary| salary.min),
        Some(180_000.0)
    );
    assert_eq!(job.tags, ["go"]);
}
