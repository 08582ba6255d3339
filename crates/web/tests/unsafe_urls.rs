//! No page, API field, feed or JSON-LD links anywhere but http(s).
//!
//! Every unsafe URL form ([`FORMS`]: `javascript:`, `data:`, `vbscript:`, mixed case, leading
//! whitespace and control characters, characters browsers drop inside a scheme, entity- and
//! percent-encoded schemes) goes into every URL field of every source ([`FIELDS`]), one case at a
//! time: each case is the source's real fixture with its first item given a case number, an own
//! company and the unsafe URL in that one field, served by wiremock as its own source. Everything
//! then runs as in production: the real HTTP client, parser and normaliser (`fetch_all`), the store,
//! the index and the router. Each case's outcome is checked (a bad link-back rejects the listing; a
//! bad optional URL is dropped and the listing kept), and then every route's response is searched
//! for the cases' markers and for any link that is not http(s).
//!
//! A second part writes listings with unsafe URLs straight into the store, as a store filled before
//! URLs were checked would hold them, and checks the web still shows none of them.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::{DateTime, Utc};
use prepboard_core::{Listing, Normalizer, RawListing, SourceKind};
use prepboard_fetcher::HackerNewsSpec;
use prepboard_fetcher::{
    FetchOutcome, FetchSource, HttpClient, HttpPolicy, ReadPolicy, SourceSpec, fetch_all,
};
use prepboard_indexer::SearchIndex;
use prepboard_prep::{Catalog, Matcher};
use prepboard_store::Store;
use prepboard_web::{AppState, SiteConfig, app, bundled_skill_labels};
use serde_json::{Value, json};
use tower::ServiceExt;
use url::Url;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

macro_rules! fixture {
    ($path:literal) => {
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/",
            $path
        ))
        .as_slice()
    };
}

const GREENHOUSE: &[u8] = fixture!("greenhouse/catawiki-content.json");
const LEVER: &[u8] = fixture!("lever/zoox.json");
const ASHBY: &[u8] = fixture!("ashby/ashby.json");
const REMOTIVE: &[u8] = fixture!("remotive/remote-jobs-2026-05.json");
const REMOTEOK: &[u8] = fixture!("remoteok/api-sample.json");
const WWR: &[u8] = fixture!("wwr/remote-jobs-2026.rss");
const JSONLD: &[u8] = fixture!("jsonld/jobposting-marsbased.json");

/// Every case's marker starts with this; it must appear in no response.
const MARKER: &str = "pbxss";

/// An unsafe URL form: `{m}` is replaced by the case's marker. `xml` is false for forms XML 1.0
/// cannot carry (control characters), which an RSS feed therefore cannot send. `relative` forms
/// are relative references, which JSON-LD's `url` resolves against the page (see [`case`]).
struct Form {
    name: &'static str,
    template: &'static str,
    xml: bool,
    relative: bool,
}

#[rustfmt::skip]
const FORMS: &[Form] = &[
    Form { name: "javascript", template: "javascript:alert('{m}')", xml: true, relative: false },
    Form { name: "mixed case", template: "JaVaScRiPt:alert('{m}')", xml: true, relative: false },
    Form { name: "leading whitespace", template: " \t\n javascript:alert('{m}')", xml: true, relative: false },
    Form { name: "leading controls", template: "\u{1}\u{8}\u{1f}javascript:alert('{m}')", xml: false, relative: false },
    Form { name: "leading NUL", template: "\u{0}javascript:alert('{m}')", xml: false, relative: false },
    Form { name: "tab and newline inside the scheme", template: "java\tscr\nipt:alert('{m}')", xml: true, relative: false },
    Form { name: "data", template: "data:text/html,<script>alert('{m}')</script>", xml: true, relative: false },
    Form { name: "data base64", template: "DATA:text/html;base64,PHNjcmlwdD4=#{m}", xml: true, relative: false },
    Form { name: "vbscript", template: "vbscript:msgbox(\"{m}\")", xml: true, relative: false },
    Form { name: "decimal entity", template: "&#106;avascript:alert('{m}')", xml: true, relative: false },
    Form { name: "hex entities", template: "&#x6A;&#x61;vascript:alert('{m}')", xml: true, relative: false },
    Form { name: "named entity", template: "javascript&colon;alert('{m}')", xml: true, relative: false },
    Form { name: "percent-encoded scheme", template: "%6Aavascript:alert('{m}')", xml: true, relative: true },
    Form { name: "protocol-relative", template: "//evil.example/{m}", xml: true, relative: true },
];

/// What a field is to the listing, and so what an unsafe value in it must do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// The link-back: the listing is rejected.
    LinkBack,
    /// JSON-LD's own `url`: the listing links back to the page it is on instead.
    LinkBackOrPage,
    Apply,
    CompanySite,
    Logo,
    /// A link inside the description HTML: the sanitiser removes it.
    DescriptionLink,
}

struct Field {
    source: SourceKind,
    name: &'static str,
    role: Role,
}

const fn field(source: SourceKind, name: &'static str, role: Role) -> Field {
    Field { source, name, role }
}

/// Every URL field every source's parser reads, named as in the payload.
const FIELDS: &[Field] = &[
    field(SourceKind::Greenhouse, "absolute_url", Role::LinkBack),
    field(SourceKind::Greenhouse, "content", Role::DescriptionLink),
    field(SourceKind::Lever, "hostedUrl", Role::LinkBack),
    field(SourceKind::Lever, "applyUrl", Role::Apply),
    field(SourceKind::Lever, "lists[0].content", Role::DescriptionLink),
    field(SourceKind::Ashby, "jobUrl", Role::LinkBack),
    field(SourceKind::Ashby, "applyUrl", Role::Apply),
    field(SourceKind::Ashby, "descriptionHtml", Role::DescriptionLink),
    field(SourceKind::Remotive, "url", Role::LinkBack),
    field(SourceKind::Remotive, "company_logo", Role::Logo),
    field(SourceKind::Remotive, "company_logo_url", Role::Logo),
    field(SourceKind::Remotive, "description", Role::DescriptionLink),
    field(SourceKind::RemoteOk, "url", Role::LinkBack),
    field(SourceKind::RemoteOk, "apply_url", Role::Apply),
    field(SourceKind::RemoteOk, "company_logo", Role::Logo),
    field(SourceKind::RemoteOk, "logo", Role::Logo),
    field(SourceKind::RemoteOk, "description", Role::DescriptionLink),
    field(SourceKind::WeWorkRemotely, "link", Role::LinkBack),
    field(SourceKind::WeWorkRemotely, "media:content@url", Role::Logo),
    field(
        SourceKind::WeWorkRemotely,
        "description URL: line",
        Role::CompanySite,
    ),
    field(
        SourceKind::WeWorkRemotely,
        "description",
        Role::DescriptionLink,
    ),
    field(
        SourceKind::HackerNews,
        "comment_text header link",
        Role::Apply,
    ),
    field(
        SourceKind::HackerNews,
        "comment_text",
        Role::DescriptionLink,
    ),
    field(SourceKind::JsonLd, "url", Role::LinkBackOrPage),
    field(
        SourceKind::JsonLd,
        "hiringOrganization.sameAs",
        Role::CompanySite,
    ),
    field(
        SourceKind::JsonLd,
        "hiringOrganization.url",
        Role::CompanySite,
    ),
    field(SourceKind::JsonLd, "hiringOrganization.logo", Role::Logo),
    field(
        SourceKind::JsonLd,
        "hiringOrganization.logo.url",
        Role::Logo,
    ),
    field(SourceKind::JsonLd, "description", Role::DescriptionLink),
];

/// One unsafe form in one field of one source, served as its own source.
struct Case {
    number: usize,
    field: &'static Field,
    form: &'static Form,
    unsafe_url: String,
    source: FetchSource,
    /// Where the source's payload is served, and what it is.
    at: String,
    body: Vec<u8>,
    content_type: &'static str,
    /// Sources that make several requests to one path (Hacker News): the `tags` query of `body`,
    /// and the other payloads by their `tags`.
    tags: Option<String>,
    more: Vec<(String, Vec<u8>)>,
    /// JSON-LD only: the page the posting is on.
    page_url: Option<String>,
}

impl Case {
    fn describe(&self) -> String {
        format!(
            "case {} ({}, `{}`, {})",
            self.number,
            self.field.source.slug(),
            self.field.name,
            self.form.name
        )
    }
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-05-02T12:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn uuid(number: usize) -> String {
    format!("00000000-0000-4000-8000-{number:012}")
}

fn json_of(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap()
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A description link to `url`, as HTML.
fn link_html(url: &str) -> String {
    format!("<p>Apply <a href=\"{}\">here</a>.</p>", escape_html(url))
}

fn append(value: &mut Value, html: &str) {
    let text = value.as_str().unwrap_or_default().to_owned();
    *value = Value::String(text + html);
}

/// Builds case `number`: the source's fixture, its first item made unique to the case, with
/// `unsafe_url` in `field`.
///
/// A relative form in JSON-LD's `url` is resolved against the page, as JSON-LD says: the result
/// is an http(s) link (on the page's host, or another for `//host/…`), as the page could have
/// written directly. Such a case carries no marker; its check is that the link is that resolved
/// http(s) URL.
fn case(server: &Url, number: usize, field: &'static Field, form: &'static Form) -> Case {
    let marker = if form.relative && field.role == Role::LinkBackOrPage {
        "resolved".to_owned()
    } else {
        format!("{MARKER}{number}x")
    };
    let unsafe_url = form.template.replace("{m}", &marker);
    let title = format!("Senior Backend Engineer (case {number})");
    let company = format!("Company{number}");
    let board = format!("case{number}");
    let base = server.join(&format!("{board}/")).unwrap();
    let role = field.role;
    let put = |item: &mut Value, key: &str| item[key] = json!(unsafe_url.clone());
    let mut page_url = None;
    let (spec, at, body, content_type) = match field.source {
        SourceKind::Greenhouse => {
            let mut payload = json_of(GREENHOUSE);
            let mut item = payload["jobs"][0].take();
            let id = 7_000_000 + number;
            item["id"] = json!(id);
            item["title"] = json!(title);
            item["company_name"] = json!(company);
            item["absolute_url"] = json!(format!(
                "https://job-boards.greenhouse.io/{board}/jobs/{id}"
            ));
            match role {
                Role::LinkBack => put(&mut item, "absolute_url"),
                _ => append(&mut item["content"], &escape_html(&link_html(&unsafe_url))),
            }
            let payload = json!({ "jobs": [item], "meta": { "total": 1 } });
            let spec = SourceSpec::Greenhouse {
                base_url: server.clone(),
                board: board.clone(),
                company: None,
            };
            (
                spec,
                format!("/v1/boards/{board}/jobs"),
                payload,
                "application/json",
            )
        }
        SourceKind::Lever => {
            let mut item = json_of(LEVER)[0].take();
            let id = uuid(number);
            item["id"] = json!(id);
            item["text"] = json!(title);
            item["workplaceType"] = json!("remote");
            item["hostedUrl"] = json!(format!("https://jobs.lever.co/{board}/{id}"));
            item["applyUrl"] = json!(format!("https://jobs.lever.co/{board}/{id}/apply"));
            match role {
                Role::LinkBack => put(&mut item, "hostedUrl"),
                Role::Apply => put(&mut item, "applyUrl"),
                _ => append(&mut item["lists"][0]["content"], &link_html(&unsafe_url)),
            }
            let spec = SourceSpec::Lever {
                base_url: server.clone(),
                site: board.clone(),
                company: Some(company.clone()),
            };
            (
                spec,
                format!("/v0/postings/{board}"),
                json!([item]),
                "application/json",
            )
        }
        SourceKind::Ashby => {
            let mut payload = json_of(ASHBY);
            let mut item = payload["jobs"][0].take();
            let id = uuid(number);
            item["id"] = json!(id);
            item["title"] = json!(title);
            item["jobUrl"] = json!(format!("https://jobs.ashbyhq.com/{board}/{id}"));
            item["descriptionHtml"] = json!("<p>Build our public APIs.</p>");
            match role {
                Role::LinkBack => put(&mut item, "jobUrl"),
                Role::Apply => put(&mut item, "applyUrl"),
                _ => append(&mut item["descriptionHtml"], &link_html(&unsafe_url)),
            }
            payload["jobs"] = json!([item]);
            let spec = SourceSpec::Ashby {
                base_url: server.clone(),
                board: board.clone(),
                company: Some(company.clone()),
            };
            (
                spec,
                format!("/posting-api/job-board/{board}"),
                payload,
                "application/json",
            )
        }
        SourceKind::Remotive => {
            let mut payload = json_of(REMOTIVE);
            let mut item = payload["jobs"][0].take();
            item["id"] = json!(3_000_000 + number);
            item["title"] = json!(title);
            item["company_name"] = json!(company);
            item["category"] = json!("Software Development");
            item["url"] = json!(format!(
                "https://remotive.com/remote-jobs/software-dev/{board}"
            ));
            match (role, field.name) {
                (Role::LinkBack, _) => put(&mut item, "url"),
                (Role::Logo, "company_logo") => put(&mut item, "company_logo"),
                (Role::Logo, _) => {
                    item["company_logo"] = Value::Null;
                    put(&mut item, "company_logo_url");
                }
                _ => append(&mut item["description"], &link_html(&unsafe_url)),
            }
            payload["jobs"] = json!([item]);
            let spec = SourceSpec::Remotive {
                base_url: base.clone(),
                categories: vec!["software-dev".to_owned()],
            };
            (
                spec,
                format!("/{board}/api/remote-jobs"),
                payload,
                "application/json",
            )
        }
        SourceKind::RemoteOk => {
            let payload = json_of(REMOTEOK);
            let legal = payload[0].clone();
            let mut item = payload[1].clone();
            let link = format!("https://remoteok.com/remote-jobs/{board}");
            item["id"] = json!((4_000_000 + number).to_string());
            item["slug"] = json!(board);
            item["position"] = json!(title);
            item["company"] = json!(company);
            item["url"] = json!(link);
            item["apply_url"] = json!(link);
            item["company_logo"] = json!("https://remoteok.com/assets/logo.png");
            match (role, field.name) {
                (Role::LinkBack, _) => put(&mut item, "url"),
                (Role::Apply, _) => put(&mut item, "apply_url"),
                (Role::Logo, "company_logo") => put(&mut item, "company_logo"),
                (Role::Logo, _) => {
                    item["company_logo"] = json!("");
                    put(&mut item, "logo");
                }
                _ => append(&mut item["description"], &link_html(&unsafe_url)),
            }
            let spec = SourceSpec::RemoteOk {
                base_url: base.clone(),
            };
            (
                spec,
                format!("/{board}/api"),
                json!([legal, item]),
                "application/json",
            )
        }
        SourceKind::HackerNews => {
            let story = 40_000_000 + number as u64;
            let spec = SourceSpec::HackerNews(HackerNewsSpec {
                base_url: server.join(&format!("{board}/api/v1")).unwrap(),
                keep_threads: 1,
                hits_per_page: 100,
                max_pages: 2,
                min_interval: Duration::ZERO,
            });
            // HN Search gives the post's HTML with `/` written as `&#x2F;`.
            let link = escape_html(&unsafe_url).replace('/', "&#x2F;");
            let text = match role {
                Role::Apply => format!(
                    "{company} | {title} | REMOTE | <a href=\"{link}\">apply</a><p>We build payment APIs in Go."
                ),
                _ => format!(
                    "{company} | {title} | REMOTE<p>We build payment APIs in Go. Read more <a href=\"{link}\">here</a>."
                ),
            };
            let stories = json!({"hits": [{
                "author": "whoishiring", "created_at_i": 1_772_400_000,
                "objectID": story.to_string(),
                "title": "Ask HN: Who is hiring? (March 2026)", "num_comments": 1,
            }], "nbHits": 1});
            let comments = json!({
                "hits": [{
                    "objectID": (story + 1).to_string(), "parent_id": story, "story_id": story,
                    "author": "poster", "comment_text": text, "created_at_i": 1_772_463_685,
                    "_tags": ["comment", format!("story_{story}")],
                }],
                "nbHits": 1, "nbPages": 1, "page": 0, "hitsPerPage": 100,
            });
            let mut case = finish(
                number,
                field,
                form,
                unsafe_url,
                spec,
                format!("/{board}/api/v1/search_by_date"),
                stories.to_string().into_bytes(),
                "application/json",
                None,
            );
            case.tags = Some("story,author_whoishiring".to_owned());
            case.more = vec![(
                format!("comment,story_{story}"),
                comments.to_string().into_bytes(),
            )];
            return case;
        }
        SourceKind::WeWorkRemotely => {
            let spec = SourceSpec::WeWorkRemotely {
                base_url: base.clone(),
                categories: vec!["remote-programming-jobs".to_owned()],
            };
            let body = wwr_feed(&company, &title, &board, role, &unsafe_url);
            let at = format!("/{board}/categories/remote-programming-jobs.rss");
            return finish(
                number,
                field,
                form,
                unsafe_url,
                spec,
                at,
                body.into_bytes(),
                "application/rss+xml",
                None,
            );
        }
        SourceKind::JsonLd => {
            let page = server.join(&format!("{board}/careers")).unwrap();
            page_url = Some(page.to_string());
            let mut payload = json_of(JSONLD);
            let posting = &mut payload["@graph"][0];
            posting["title"] = json!(title);
            posting["identifier"]["value"] = json!(board);
            posting["url"] = json!(format!("https://careers.example/jobs/{board}"));
            posting["description"] = json!("<p>Build our public APIs.</p>");
            let mut organization = json!({
                "@type": "Organization",
                "name": company,
                "sameAs": "https://marsbased.com/",
                "logo": "https://marsbased.com/logo.png",
            });
            match field.name {
                "url" => posting["url"] = json!(unsafe_url),
                "hiringOrganization.sameAs" => organization["sameAs"] = json!(unsafe_url),
                "hiringOrganization.url" => {
                    organization.as_object_mut().unwrap().remove("sameAs");
                    organization["url"] = json!(unsafe_url);
                }
                "hiringOrganization.logo" => organization["logo"] = json!(unsafe_url),
                "hiringOrganization.logo.url" => {
                    organization["logo"] = json!({ "@type": "ImageObject", "url": unsafe_url })
                }
                _ => append(&mut posting["description"], &link_html(&unsafe_url)),
            }
            posting["hiringOrganization"] = organization;
            // As a page would embed it: `<` escaped, so no text in it can close the script.
            let block = payload.to_string().replace('<', "\\u003c");
            let body = format!(
                "<!doctype html><html><head><title>Careers</title>\
                 <script type=\"application/ld+json\">{block}</script></head><body></body></html>"
            );
            let spec = SourceSpec::JsonLd {
                pages: vec![page.clone()],
                company: None,
            };
            let at = page.path().to_owned();
            return finish(
                number,
                field,
                form,
                unsafe_url,
                spec,
                at,
                body.into_bytes(),
                "text/html",
                page_url,
            );
        }
    };
    let body = serde_json::to_vec(&body).unwrap();
    finish(
        number,
        field,
        form,
        unsafe_url,
        spec,
        at,
        body,
        content_type,
        page_url,
    )
}

#[allow(clippy::too_many_arguments)]
fn finish(
    number: usize,
    field: &'static Field,
    form: &'static Form,
    unsafe_url: String,
    spec: SourceSpec,
    at: String,
    body: Vec<u8>,
    content_type: &'static str,
    page_url: Option<String>,
) -> Case {
    Case {
        number,
        field,
        form,
        unsafe_url,
        source: FetchSource {
            name: format!("{}:case{number}", field.source.slug()),
            spec,
        },
        at,
        body,
        content_type,
        tags: None,
        more: Vec::new(),
        page_url,
    }
}

fn escape_xml(text: &str) -> String {
    escape_html(text).replace('\'', "&apos;")
}

/// The WWR feed with only its first item, made unique to the case, `unsafe_url` in place.
fn wwr_feed(company: &str, title: &str, board: &str, role: Role, unsafe_url: &str) -> String {
    let feed = std::str::from_utf8(WWR).unwrap();
    let start = feed.find("<item>").unwrap();
    let end = feed.find("</item>").unwrap() + "</item>".len();
    let tail = &feed[feed.rfind("</channel>").unwrap()..];
    let link = format!("https://weworkremotely.com/remote-jobs/{board}");
    let fixture_link =
        "https://weworkremotely.com/remote-jobs/contra-product-designer-contra-labs-network";
    let fixture_logo = "https://wwr-pro.s3.amazonaws.com/logos/0083/5744/logo.gif";
    let fixture_site = "http://bit.ly/3kLhMdk";
    let mut item = feed[start..end]
        .replace(
            "<title>Contra: Product Designer | Contra Labs Network</title>",
            &format!("<title>{company}: {}</title>", escape_xml(title)),
        )
        .replace(
            &format!("<guid>{fixture_link}</guid>"),
            &format!("<guid>{link}</guid>"),
        );
    let xml_value = escape_xml(unsafe_url);
    // The description is HTML escaped into XML: an attribute value is escaped twice.
    let in_description = escape_xml(&escape_html(unsafe_url));
    item = match role {
        Role::LinkBack => item.replace(
            &format!("<link>{fixture_link}</link>"),
            &format!("<link>{xml_value}</link>"),
        ),
        Role::Logo => item.replace(fixture_logo, &xml_value),
        Role::CompanySite => item.replace(fixture_site, &in_description),
        _ => item.replace(
            "</description>",
            &format!("{}</description>", escape_xml(&link_html(unsafe_url))),
        ),
    };
    if role != Role::LinkBack {
        item = item.replace(
            &format!("<link>{fixture_link}</link>"),
            &format!("<link>{link}</link>"),
        );
    }
    item = item.replace(fixture_link, &link);
    format!("{}{item}\n  {tail}", &feed[..start])
}

/// The parts of a listing a role's field ends up in.
fn check_outcome(case: &Case, outcome: &FetchOutcome) {
    let what = case.describe();
    let listing = outcome.listings.first();
    match case.field.role {
        Role::LinkBack => {
            assert!(listing.is_none(), "{what}: kept {listing:?}");
            assert_eq!(outcome.rejected, 1, "{what}: {:?}", outcome.warnings);
            assert!(
                outcome.warnings.iter().any(|w| w.contains("link-back URL")),
                "{what}: {:?}",
                outcome.warnings
            );
            return;
        }
        _ => assert_eq!(outcome.rejected, 0, "{what}: {:?}", outcome.warnings),
    }
    let listing = listing.unwrap_or_else(|| panic!("{what}: no listing ({:?})", outcome.warnings));
    assert!(listing.source_url.starts_with("http"), "{what}");
    match case.field.role {
        Role::LinkBackOrPage => {
            let page = Url::parse(case.page_url.as_deref().unwrap()).unwrap();
            let expected = match case.form.relative {
                true => page.join(&case.unsafe_url).unwrap(),
                false => page,
            };
            assert_eq!(listing.source_url, expected.as_str(), "{what}");
        }
        Role::Apply => assert_eq!(listing.apply_url, None, "{what}"),
        Role::CompanySite => assert_eq!(listing.company.url, None, "{what}"),
        Role::Logo => assert_eq!(listing.company.logo_url, None, "{what}"),
        Role::DescriptionLink => assert!(
            !listing.description_html.contains(MARKER) && listing.description_html.contains("here"),
            "{what}: {}",
            listing.description_html
        ),
        Role::LinkBack => unreachable!(),
    }
}

fn test_policy() -> HttpPolicy {
    HttpPolicy {
        user_agent: "prepboard/0.1 (+https://example.org/contact)".to_owned(),
        connect_timeout: Duration::from_secs(5),
        total_timeout: Duration::from_secs(20),
        max_body_bytes: 4 * 1024 * 1024,
        per_host_per_minute: 6_000_000,
        max_concurrency: 8,
        max_retries: 0,
        backoff_base: Duration::from_millis(10),
        max_retry_after: Duration::from_secs(1),
    }
}

async fn get(app: &Router, uri: &str) -> (StatusCode, String) {
    let response = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

/// A link as a page may write it: http(s), or a path on this site.
fn is_allowed_link(link: &str) -> bool {
    link.starts_with("https://")
        || link.starts_with("http://")
        || (link.starts_with('/') && !link.starts_with("//"))
        || link.starts_with('?')
        || link.starts_with('#')
}

/// Every `href`, `src` and `action` attribute value of an HTML page (or Atom feed), unescaped.
fn attribute_links(html: &str) -> Vec<String> {
    let mut links = Vec::new();
    for attribute in [" href=\"", " src=\"", " action=\""] {
        let mut rest = html;
        while let Some(start) = rest.find(attribute) {
            rest = &rest[start + attribute.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            links.push(
                rest[..end]
                    .replace("&quot;", "\"")
                    .replace("&#x27;", "'")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&"),
            );
        }
    }
    links
}

/// Every string under a key naming a link (`…url`, `sameAs`, `href`) in a JSON document.
fn json_links(value: &Value, links: &mut Vec<String>) {
    match value {
        Value::Object(fields) => {
            for (key, value) in fields {
                let key = key.to_ascii_lowercase();
                if (key.ends_with("url") || key == "sameas" || key == "href")
                    && let Some(text) = value.as_str()
                {
                    links.push(text.to_owned());
                }
                json_links(value, links);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| json_links(item, links)),
        _ => {}
    }
}

/// Fails if `body` holds a marker or links anywhere but http(s) and this site.
fn check_response(uri: &str, status: StatusCode, body: &str, is_json: bool) {
    assert!(status.is_success(), "{uri}: {status}: {body}");
    if let Some(at) = body.find(MARKER) {
        let from = body[..at]
            .char_indices()
            .rev()
            .nth(120)
            .map_or(0, |(i, _)| i);
        let to = body[at..]
            .char_indices()
            .nth(60)
            .map_or(body.len(), |(i, _)| at + i);
        panic!("{uri} shows an unsafe URL: …{}…", &body[from..to]);
    }
    let mut links = attribute_links(body);
    if is_json {
        json_links(&serde_json::from_str(body).unwrap(), &mut links);
    }
    // JSON-LD in a page.
    let mut rest = body;
    while let Some(start) = rest.find("<script type=\"application/ld+json\">") {
        rest = &rest[start..];
        let open = rest.find('>').unwrap() + 1;
        let close = rest.find("</script>").unwrap();
        let posting: Value = serde_json::from_str(&rest[open..close]).unwrap();
        json_links(&posting, &mut links);
        rest = &rest[close..];
    }
    for link in links {
        assert!(
            link.is_empty() || is_allowed_link(&link),
            "{uri} links to {link:?}"
        );
    }
}

/// Every route that shows listings, for every listing in `ids`.
async fn check_every_route(app: &Router, ids: &[String]) -> usize {
    let mut checked = 0;
    let (status, first) = get(app, "/api/v1/jobs?per_page=100").await;
    assert_eq!(status, StatusCode::OK, "{first}");
    let pages = json_of(first.as_bytes())["meta"]["pages"]
        .as_u64()
        .unwrap()
        .max(1);
    for page in 1..=pages {
        for uri in [
            format!("/api/v1/jobs?per_page=100&page={page}"),
            format!("/?per_page=100&page={page}"),
        ] {
            let (status, body) = get(app, &uri).await;
            check_response(&uri, status, &body, uri.starts_with("/api"));
            checked += 1;
        }
    }
    let (status, body) = get(app, "/feed.atom").await;
    check_response("/feed.atom", status, &body, false);
    for id in ids {
        for uri in [
            format!("/jobs/{id}"),
            format!("/api/v1/jobs/{id}"),
            format!("/api/v1/prep?job={id}"),
        ] {
            let (status, body) = get(app, &uri).await;
            check_response(&uri, status, &body, uri.starts_with("/api"));
            checked += 1;
        }
    }
    checked + 1
}

/// A site on `store`: its open listings indexed, the bundled prep catalog, the real router.
async fn site(store: &Store, dir: &std::path::Path) -> (Router, Vec<String>) {
    let changes = store.changes_since(0).await.unwrap();
    let index = SearchIndex::open_or_create(&dir.join("index")).unwrap();
    index
        .apply(&changes.upserted, &changes.closed, changes.watermark)
        .unwrap();
    let ids = changes.upserted.iter().map(|l| l.id.to_string()).collect();
    let matcher = Matcher::new(Catalog::bundled(), &HashMap::new()).unwrap();
    let state = AppState::new(
        store.clone(),
        Arc::new(index),
        Arc::new(matcher),
        bundled_skill_labels(),
        SiteConfig {
            base_url: "https://jobs.example".to_owned(),
            ..SiteConfig::default()
        },
    );
    (app(state), ids)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_unsafe_url_from_any_field_of_any_source_reaches_any_route() {
    let server = MockServer::start().await;
    let server_url = Url::parse(&server.uri()).unwrap();
    Mock::given(method("GET"))
        .and(path("/robots.txt"))
        .respond_with(ResponseTemplate::new(200).set_body_string("User-agent: *\nAllow: /\n"))
        .mount(&server)
        .await;
    let mut cases = Vec::new();
    for field in FIELDS {
        for form in FORMS {
            if field.source == SourceKind::WeWorkRemotely && !form.xml {
                continue;
            }
            cases.push(case(&server_url, cases.len() + 1, field, form));
        }
    }
    for case in &cases {
        let payloads = std::iter::once((case.tags.as_deref(), case.body.as_slice())).chain(
            case.more
                .iter()
                .map(|(tags, body)| (Some(tags.as_str()), body.as_slice())),
        );
        for (tags, body) in payloads {
            let mut mock = Mock::given(method("GET")).and(path(case.at.as_str()));
            if let Some(tags) = tags {
                mock = mock.and(query_param("tags", tags));
            }
            mock.respond_with(
                ResponseTemplate::new(200)
                    .insert_header("content-type", case.content_type)
                    .set_body_bytes(body.to_vec()),
            )
            .mount(&server)
            .await;
        }
    }
    let sources: Vec<FetchSource> = cases.iter().map(|case| case.source.clone()).collect();
    let client = HttpClient::new(test_policy()).unwrap();
    let results = fetch_all(
        &client,
        &sources,
        &HashMap::new(),
        Normalizer::bundled(),
        ReadPolicy::default(),
        now(),
        |_, _| {},
    )
    .await;

    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("prepboard.sqlite"))
        .await
        .unwrap();
    let (mut kept, mut rejected) = (0, 0);
    for (case, (name, result)) in cases.iter().zip(results) {
        assert_eq!(name, case.source.name);
        let outcome = result.unwrap_or_else(|error| panic!("{}: {error}", case.describe()));
        check_outcome(case, &outcome);
        // Every unsafe value is gone from what would be stored, in every field.
        let stored = serde_json::to_string(&outcome.listings).unwrap();
        assert!(!stored.contains(MARKER), "{}: {stored}", case.describe());
        assert!(!case.unsafe_url.is_empty());
        rejected += outcome.rejected;
        kept += outcome.listings.len();
        store
            .upsert_batch(&name, &outcome.listings, now())
            .await
            .unwrap();
    }
    let link_back_cases = cases
        .iter()
        .filter(|c| c.field.role == Role::LinkBack)
        .count();
    assert_eq!(rejected, link_back_cases);
    assert_eq!(kept + rejected, cases.len());

    let (app, ids) = site(&store, dir.path()).await;
    assert_eq!(ids.len(), kept, "every kept case is its own listing");
    let checked = check_every_route(&app, &ids).await;
    println!(
        "{} cases ({} fields x {} forms): {rejected} rejected, {kept} kept; {checked} responses checked",
        cases.len(),
        FIELDS.len(),
        FORMS.len()
    );
}

/// A stored listing with `url` (unsafe) in every URL field.
fn stored_with_unsafe_urls(source: SourceKind, job: &str, title: &str, url: &str) -> Listing {
    let raw = RawListing {
        source,
        source_job_id: job.to_owned(),
        source_url: format!("https://{}.example/jobs/{job}", source.slug()),
        apply_url: None,
        title: title.to_owned(),
        company: prepboard_core::Company {
            name: "Legacy Corp".to_owned(),
            url: None,
            logo_url: None,
        },
        description_html: "<p>Design and run our public REST APIs in Go.</p>".to_owned(),
        tags: Vec::new(),
        employment_type: prepboard_core::EmploymentType::FullTime,
        workplace: prepboard_core::WorkplaceType::Remote,
        location_text: "Remote".to_owned(),
        structured_places: Vec::new(),
        structured_salary: None,
        salary_text: None,
        structured_skills: Vec::new(),
        place_fields: Default::default(),
        posted_at: Some(now()),
        valid_through: None,
        fetched_at: now(),
    };
    let mut listing = Normalizer::bundled().normalize(raw).unwrap().listing;
    listing.source_url = url.to_owned();
    listing.apply_url = Some(url.to_owned());
    listing.company.url = Some(url.to_owned());
    listing.company.logo_url = Some(format!(" {url}"));
    listing
}

#[tokio::test]
async fn urls_stored_before_the_check_are_never_shown() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("prepboard.sqlite"))
        .await
        .unwrap();
    let title = "Senior API Engineer";
    // An employer-board listing (the job page writes JSON-LD for it), and the same job on an
    // aggregator, which the store merges into it as a sighting: its link is an "also on" link.
    let primary = stored_with_unsafe_urls(
        SourceKind::Greenhouse,
        "4100001",
        title,
        &format!("javascript:alert('{MARKER}-primary')"),
    );
    let copy = stored_with_unsafe_urls(
        SourceKind::RemoteOk,
        "1090001",
        title,
        &format!("JaVaScRiPt:alert('{MARKER}-sighting')"),
    );
    store
        .upsert_batch("greenhouse:legacy", &[primary], now())
        .await
        .unwrap();
    store
        .upsert_batch("remoteok", &[copy], now())
        .await
        .unwrap();
    let (app, ids) = site(&store, dir.path()).await;
    assert_eq!(ids.len(), 1, "the copy is a sighting of the primary");
    let (_, job) = get(&app, &format!("/api/v1/jobs/{}", ids[0])).await;
    let job = json_of(job.as_bytes());
    assert_eq!(
        job["job"]["sightings"].as_array().map(Vec::len),
        Some(0),
        "{job}"
    );
    assert_eq!(job["job"]["source_url"], "");
    let (_, page) = get(&app, &format!("/jobs/{}", ids[0])).await;
    assert!(
        !page.contains("class=\"button\""),
        "no apply button without a link: {page}"
    );
    check_every_route(&app, &ids).await;
}
