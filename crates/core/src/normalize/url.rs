//! Which URLs prepboard keeps: absolute `http` and `https` URLs, and nothing else.
//!
//! Every link a page, the API, a feed or JSON-LD shows came from a source, and a source can send
//! anything: `javascript:alert(1)`, `data:text/html,…`, ` JaVaScRiPt:` behind spaces, tabs or
//! control characters, or an entity-escaped `&#106;avascript:`. [`http_url`] is the one rule: the
//! text must parse, by the WHATWG URL standard browsers follow (the `url` crate), as an absolute
//! URL whose scheme is `http` or `https` and which names a host. What is kept is the parsed URL's
//! serialisation, so a stored URL carries no whitespace, control character or quote that a browser
//! could read differently.
//!
//! The rule is applied twice. Normalisation ([`crate::Normalizer::normalize`]) drops every unusable
//! optional URL with a [`DroppedUrl`] note and rejects a listing whose link-back is unusable
//! ([`RejectedListing`]). Readers of stored data ([`scrub_listing`], [`scrub_hit`]) apply it again
//! before anything is shown, because a store or an index written before this rule, or by hand, may
//! still hold such a URL.

use std::fmt;

use crate::search::SearchHit;
use crate::{Listing, SourceKind};

/// Why a URL from a source is not kept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UnusableUrl {
    /// The text is not an absolute URL (empty, relative, or malformed).
    #[error("it is not an absolute URL ({0})")]
    NotAbsolute(url::ParseError),
    /// An absolute URL of another scheme (`javascript`, `data`, `vbscript`, `file`, `mailto`…).
    #[error("its scheme `{0}` is not http or https")]
    Scheme(String),
    /// An http(s) URL without a host (the `url` crate accepts some of these).
    #[error("it names no host")]
    NoHost,
}

/// The absolute http(s) URL `text` names, serialised, or why it is not one.
pub fn http_url(text: &str) -> Result<String, UnusableUrl> {
    let parsed = url::Url::parse(text).map_err(UnusableUrl::NotAbsolute)?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(UnusableUrl::Scheme(parsed.scheme().to_owned()));
    }
    match parsed.host_str() {
        Some(host) if !host.is_empty() => Ok(parsed.into()),
        _ => Err(UnusableUrl::NoHost),
    }
}

/// Whether [`http_url`] keeps `text`.
pub fn is_http_url(text: &str) -> bool {
    http_url(text).is_ok()
}

/// A URL field of a listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UrlField {
    /// The listing's page on its source: the link-back the source's terms ask for.
    SourceUrl,
    ApplyUrl,
    CompanyUrl,
    CompanyLogo,
    /// The link-back of one sighting (or an "also on" link of a search hit).
    Sighting,
}

impl UrlField {
    pub fn label(self) -> &'static str {
        match self {
            UrlField::SourceUrl => "source URL",
            UrlField::ApplyUrl => "apply URL",
            UrlField::CompanyUrl => "company URL",
            UrlField::CompanyLogo => "company logo URL",
            UrlField::Sighting => "sighting URL",
        }
    }
}

/// A URL that was not kept, for a warning line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DroppedUrl {
    pub field: UrlField,
    /// The text as the source sent it.
    pub value: String,
    pub reason: UnusableUrl,
}

impl fmt::Display for DroppedUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "dropped the {} {}: {}",
            self.field.label(),
            Quoted(&self.value),
            self.reason
        )
    }
}

/// A listing normalisation refused: its link-back URL is not an http(s) URL, and a listing that
/// cannot link back to its source cannot be shown.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "rejected {kind} job {job_id}: its link-back URL {url} is unusable ({reason}); a listing must link back to its source over http(s)",
    kind = .source_kind.slug(),
    job_id = Quoted(.source_job_id),
    url = Quoted(.url),
)]
pub struct RejectedListing {
    pub source_kind: SourceKind,
    pub source_job_id: String,
    /// The link-back as the source sent it.
    pub url: String,
    pub reason: UnusableUrl,
}

/// Source text in a message: quoted and escaped (so a control character cannot forge a log
/// line), and cut short (so a megabyte `data:` URL does not become a megabyte warning).
struct Quoted<'a>(&'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const MAX_CHARS: usize = 80;
        match self.0.char_indices().nth(MAX_CHARS) {
            Some((end, _)) => write!(f, "{:?}…", &self.0[..end]),
            None => write!(f, "{:?}", self.0),
        }
    }
}

/// Keeps `url` only if it is an http(s) URL, in its serialised form; notes it in `dropped` if not.
pub(crate) fn keep(url: &mut Option<String>, field: UrlField, dropped: &mut Vec<DroppedUrl>) {
    let Some(value) = url.take() else {
        return;
    };
    match http_url(&value) {
        Ok(kept) => *url = Some(kept),
        Err(reason) => dropped.push(DroppedUrl {
            field,
            value,
            reason,
        }),
    }
}

/// A listing's link-back, serialised, or the rejection of the listing.
pub(crate) fn link_back(
    source_kind: SourceKind,
    source_job_id: &str,
    url: &str,
) -> Result<String, RejectedListing> {
    http_url(url).map_err(|reason| RejectedListing {
        source_kind,
        source_job_id: source_job_id.to_owned(),
        url: url.to_owned(),
        reason,
    })
}

/// A required URL: emptied when unusable, so readers show no link for it at all.
fn keep_required(url: &mut String, field: UrlField, dropped: &mut Vec<DroppedUrl>) {
    let mut optional = Some(std::mem::take(url));
    keep(&mut optional, field, dropped);
    *url = optional.unwrap_or_default();
}

/// Keeps the items of `items` whose URL is an http(s) URL (rewritten to its serialised form).
fn keep_each<T>(
    items: &mut Vec<T>,
    url: impl Fn(&mut T) -> &mut String,
    dropped: &mut Vec<DroppedUrl>,
) {
    items.retain_mut(|item| {
        let mut optional = Some(std::mem::take(url(item)));
        keep(&mut optional, UrlField::Sighting, dropped);
        match optional {
            Some(kept) => {
                *url(item) = kept;
                true
            }
            None => false,
        }
    });
}

/// Applies [`http_url`] to every URL of a stored listing before it is shown: optional URLs that
/// fail become `None`, sightings with such a link are left out, an unusable `source_url` becomes
/// empty (shown as no link), and the rest are written in their serialised form. Returns what was
/// removed.
pub fn scrub_listing(listing: &mut Listing) -> Vec<DroppedUrl> {
    let mut dropped = Vec::new();
    keep_required(&mut listing.source_url, UrlField::SourceUrl, &mut dropped);
    keep(&mut listing.apply_url, UrlField::ApplyUrl, &mut dropped);
    keep(&mut listing.company.url, UrlField::CompanyUrl, &mut dropped);
    keep(
        &mut listing.company.logo_url,
        UrlField::CompanyLogo,
        &mut dropped,
    );
    keep_each(
        &mut listing.sightings,
        |sighting| &mut sighting.url,
        &mut dropped,
    );
    dropped
}

/// [`scrub_listing`] for a search hit read from the index.
pub fn scrub_hit(hit: &mut SearchHit) -> Vec<DroppedUrl> {
    let mut dropped = Vec::new();
    keep_required(&mut hit.source_url, UrlField::SourceUrl, &mut dropped);
    keep(&mut hit.apply_url, UrlField::ApplyUrl, &mut dropped);
    keep(&mut hit.company.url, UrlField::CompanyUrl, &mut dropped);
    keep(
        &mut hit.company.logo_url,
        UrlField::CompanyLogo,
        &mut dropped,
    );
    keep_each(&mut hit.also_on, |link| &mut link.url, &mut dropped);
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_absolute_http_urls_with_a_host_are_kept() {
        let check = |text: &str, expected: Result<&str, &str>| {
            let got = http_url(text);
            match (&got, expected) {
                (Ok(url), Ok(want)) => assert_eq!(url, want, "{text:?}"),
                (Err(reason), Err(want)) => {
                    assert!(reason.to_string().contains(want), "{text:?}: {reason}")
                }
                _ => panic!("{text:?}: got {got:?}, expected {expected:?}"),
            }
        };
        check(
            "https://boards.greenhouse.io/acme/jobs/1",
            Ok("https://boards.greenhouse.io/acme/jobs/1"),
        );
        check("HTTP://Example.COM", Ok("http://example.com/"));
        // Browsers strip leading and trailing C0 controls and spaces and drop tabs and newlines
        // anywhere; so does the parser, and what is kept is the clean form.
        check(
            " \t https://example.com/a\nb ",
            Ok("https://example.com/ab"),
        );
        check(
            "https://example.com/a b\"<x>",
            Ok("https://example.com/a%20b%22%3Cx%3E"),
        );
        check("javascript:alert(1)", Err("scheme `javascript`"));
        check("JaVaScRiPt:alert(1)", Err("scheme `javascript`"));
        check("\u{1}\u{8} javascript:alert(1)", Err("scheme `javascript`"));
        check("java\tscript:alert(1)", Err("scheme `javascript`"));
        check("java\nscript:alert(1)", Err("scheme `javascript`"));
        check("data:text/html,<script>x</script>", Err("scheme `data`"));
        check("vbscript:msgbox(1)", Err("scheme `vbscript`"));
        check("file:///etc/passwd", Err("scheme `file`"));
        check("mailto:jobs@example.com", Err("scheme `mailto`"));
        check("&#106;avascript:alert(1)", Err("not an absolute URL"));
        check("&#x6A;avascript:alert(1)", Err("not an absolute URL"));
        check("/jobs/1", Err("not an absolute URL"));
        check("", Err("not an absolute URL"));
        check("https://", Err("not an absolute URL"));
        check("http:/x", Ok("http://x/"));
    }

    #[test]
    fn stored_listings_lose_every_unusable_url_and_keep_the_rest_serialised() {
        let mut hit: SearchHit = serde_json::from_value(serde_json::json!({
            "id": "00000000000000aa", "title": "API Engineer",
            "company": {"name": "Acme", "url": " https://Acme.example", "logo_url": "data:image/png;base64,AAAA"},
            "source": "greenhouse", "source_url": "javascript:alert(1)",
            "apply_url": "vbscript:msgbox(1)", "family": "api-engineer", "seniority": "senior",
            "employment_type": "full_time", "workplace": "remote", "location_text": "",
            "salary": null, "eligibility": {"scope": "unknown", "countries": [], "regions": [],
            "utc_band": null, "evidence": null, "confidence": "low"},
            "skills": [], "posted_at": null, "first_seen": "2026-03-01T00:00:00Z",
            "also_on": [{"source": "remoteok", "url": "JAVASCRIPT:alert(2)"},
                        {"source": "we_work_remotely", "url": "https://weworkremotely.com/remote-jobs/x"}],
            "snippet_html": "", "score": 1.0
        }))
        .unwrap();
        let dropped = scrub_hit(&mut hit);
        let fields: Vec<UrlField> = dropped.iter().map(|d| d.field).collect();
        assert_eq!(
            fields,
            [
                UrlField::SourceUrl,
                UrlField::ApplyUrl,
                UrlField::CompanyLogo,
                UrlField::Sighting
            ]
        );
        assert_eq!(hit.source_url, "");
        assert_eq!(hit.apply_url, None);
        assert_eq!(hit.company.url.as_deref(), Some("https://acme.example/"));
        assert_eq!(hit.company.logo_url, None);
        assert_eq!(hit.also_on.len(), 1);
        assert_eq!(
            hit.also_on[0].url,
            "https://weworkremotely.com/remote-jobs/x"
        );
    }

    #[test]
    fn warnings_quote_escape_and_shorten_source_text() {
        let dropped = DroppedUrl {
            field: UrlField::ApplyUrl,
            value: format!("javascript:\n{}", "a".repeat(200)),
            reason: UnusableUrl::Scheme("javascript".to_owned()),
        };
        let text = dropped.to_string();
        assert!(
            text.starts_with("dropped the apply URL \"javascript:\\naaa"),
            "{text}"
        );
        assert!(
            text.contains("aaa\"…: its scheme `javascript` is not http or https"),
            "{text}"
        );
        assert!(!text.contains('\n'));
        assert!(text.len() < 160, "{text}");
    }

    fn raw(source_url: &str, apply_url: Option<&str>) -> crate::RawListing {
        crate::RawListing {
            source: SourceKind::RemoteOk,
            source_job_id: "1090001".to_owned(),
            source_url: source_url.to_owned(),
            apply_url: apply_url.map(str::to_owned),
            title: "Backend Engineer".to_owned(),
            company: crate::Company {
                name: "Acme".to_owned(),
                url: Some("vbscript:msgbox(1)".to_owned()),
                logo_url: Some(" https://Acme.example/logo.png".to_owned()),
            },
            description_html: "<p>Go and PostgreSQL.</p>".to_owned(),
            tags: Vec::new(),
            employment_type: crate::EmploymentType::FullTime,
            workplace: crate::WorkplaceType::Remote,
            location_text: "Worldwide".to_owned(),
            structured_places: Vec::new(),
            structured_salary: None,
            salary_text: None,
            structured_skills: Vec::new(),
            place_fields: Default::default(),
            posted_at: None,
            valid_through: None,
            fetched_at: chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap(),
        }
    }

    #[test]
    fn normalisation_drops_bad_optional_urls_and_rejects_a_bad_link_back() {
        let normalizer = crate::Normalizer::bundled();
        let normalized = normalizer
            .normalize(raw(
                "https://remoteok.com/remote-jobs/1090001",
                Some("javascript:alert(1)"),
            ))
            .unwrap();
        let listing = &normalized.listing;
        assert_eq!(
            listing.source_url,
            "https://remoteok.com/remote-jobs/1090001"
        );
        assert_eq!(listing.apply_url, None);
        assert_eq!(listing.company.url, None);
        assert_eq!(
            listing.company.logo_url.as_deref(),
            Some("https://acme.example/logo.png")
        );
        let fields: Vec<UrlField> = normalized.dropped_urls.iter().map(|d| d.field).collect();
        assert_eq!(fields, [UrlField::ApplyUrl, UrlField::CompanyUrl]);

        for link_back in [
            "JaVaScRiPt:alert(1)",
            "&#106;avascript:alert(1)",
            "/jobs/1",
            "",
        ] {
            let rejection = normalizer
                .normalize(raw(link_back, Some("https://acme.example/apply")))
                .unwrap_err();
            assert_eq!(rejection.source_kind, SourceKind::RemoteOk);
            assert_eq!(rejection.url, link_back);
            let message = rejection.to_string();
            assert!(
                message.starts_with("rejected remoteok job \"1090001\": its link-back URL")
                    && message.ends_with("a listing must link back to its source over http(s)"),
                "{message}"
            );
        }
    }
}
