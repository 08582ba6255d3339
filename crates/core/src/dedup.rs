//! Duplicate detection keys: how the store recognises one job published in several places.
//!
//! Four signals, strongest first (the store tries them in this order):
//! 1. the same ATS job (a Greenhouse post id, a Lever or Ashby posting UUID) named by any of the
//!    listing's URLs or by its own source id;
//! 2. the same canonical URL (scheme, `www.`, fragment and tracking parameters ignored);
//! 3. the same company and normalised title, posted within 30 days of each other;
//! 4. a near-identical description (SimHash within [`NEAR_DUPLICATE_BITS`]) at the same company.
//!
//! Everything here is a pure function of a [`Listing`], so the rules are unit-tested in one place
//! and the store only does lookups.

use url::Url;

use crate::id::fnv1a64;
use crate::{Listing, SourceKind};

/// How many of 64 SimHash bits two descriptions may differ in and still count as the same text.
pub const NEAR_DUPLICATE_BITS: u32 = 3;

/// How far apart (in days) two postings with the same company and title may be and still be one job.
pub const SAME_TITLE_WINDOW_DAYS: i64 = 30;

/// Why a listing was merged into another; stored with the sighting, shown as "also on".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DuplicateReason {
    SameAtsJob,
    SameUrl,
    SameCompanyAndTitle,
    NearDuplicateDescription,
}

impl DuplicateReason {
    pub fn describe(self) -> &'static str {
        match self {
            DuplicateReason::SameAtsJob => "same ATS job id",
            DuplicateReason::SameUrl => "same canonical URL",
            DuplicateReason::SameCompanyAndTitle => "same company and title within 30 days",
            DuplicateReason::NearDuplicateDescription => {
                "near-identical description at the same company"
            }
        }
    }
}

/// The exact-match keys of a listing, as `(kind, key)` pairs: kind is `"ats"`, `"url"` or `"company_title"`.
pub fn exact_keys(listing: &Listing) -> Vec<(&'static str, String)> {
    let mut keys = Vec::new();
    if let Some(key) = own_ats_key(listing.source, &listing.source_job_id) {
        keys.push(("ats", key));
    }
    let urls = std::iter::once(listing.source_url.as_str()).chain(listing.apply_url.as_deref());
    for url in urls {
        if let Some(key) = ats_key_from_url(url) {
            keys.push(("ats", key));
        }
        if let Some(canonical) = canonical_url(url) {
            keys.push(("url", canonical));
        }
    }
    let company = company_key(&listing.company.name);
    let title = title_key(&listing.title);
    if !company.is_empty() && !title.is_empty() {
        keys.push(("company_title", format!("{company}|{title}")));
    }
    keys.sort();
    keys.dedup();
    keys
}

fn own_ats_key(source: SourceKind, source_job_id: &str) -> Option<String> {
    let prefix = match source {
        SourceKind::Greenhouse => "greenhouse",
        SourceKind::Lever => "lever",
        SourceKind::Ashby => "ashby",
        _ => return None,
    };
    let id = source_job_id.trim().to_ascii_lowercase();
    (!id.is_empty()).then(|| format!("{prefix}:{id}"))
}

/// The ATS job a URL points at, if it is an ATS job URL (or carries Greenhouse's `gh_jid`).
pub fn ats_key_from_url(url: &str) -> Option<String> {
    let parsed = Url::parse(url.trim()).ok()?;
    if let Some((_, id)) = parsed.query_pairs().find(|(name, _)| name == "gh_jid") {
        return is_numeric(&id).then(|| format!("greenhouse:{id}"));
    }
    let host = parsed.host_str()?.to_ascii_lowercase();
    let segments: Vec<&str> = parsed.path_segments()?.filter(|s| !s.is_empty()).collect();
    if host.ends_with("greenhouse.io") {
        // boards.greenhouse.io/{board}/jobs/{id}, job-boards.greenhouse.io/{board}/jobs/{id}
        let position = segments.iter().position(|s| *s == "jobs")?;
        let id = segments.get(position + 1)?;
        return is_numeric(id).then(|| format!("greenhouse:{id}"));
    }
    if host.ends_with("lever.co") {
        // jobs.lever.co/{site}/{uuid}[/apply]
        let id = segments.get(1)?;
        return is_uuid(id).then(|| format!("lever:{}", id.to_ascii_lowercase()));
    }
    if host.ends_with("ashbyhq.com") {
        // jobs.ashbyhq.com/{org}/{uuid}[/application]
        let id = segments.get(1)?;
        return is_uuid(id).then(|| format!("ashby:{}", id.to_ascii_lowercase()));
    }
    None
}

fn is_numeric(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

fn is_uuid(text: &str) -> bool {
    text.len() == 36 && text.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
}

/// Query parameters that only say where a click came from.
const TRACKING_PARAMETERS: &[&str] = &[
    "ref",
    "referrer",
    "source",
    "src",
    "gh_src",
    "lever-source",
    "lever-origin",
    "fbclid",
    "gclid",
    "mc_cid",
    "mc_eid",
    "trk",
    "campaign",
];

/// A URL reduced to what identifies the page: https, no `www.`, no fragment, no tracking parameters,
/// no trailing slash, parameters sorted. `None` for text that is not an http(s) URL.
pub fn canonical_url(url: &str) -> Option<String> {
    let mut parsed = Url::parse(url.trim()).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    let host = parsed.host_str()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_owned();
    let mut params: Vec<(String, String)> = parsed
        .query_pairs()
        .filter(|(name, _)| {
            let name = name.to_ascii_lowercase();
            !name.starts_with("utm_") && !TRACKING_PARAMETERS.contains(&name.as_str())
        })
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    params.sort();
    parsed.set_fragment(None);
    let path = parsed.path().trim_end_matches('/').to_owned();
    let mut canonical = format!("https://{host}{path}");
    if !params.is_empty() {
        let query: Vec<String> = params.iter().map(|(n, v)| format!("{n}={v}")).collect();
        canonical.push('?');
        canonical.push_str(&query.join("&"));
    }
    Some(canonical)
}

const COMPANY_SUFFIXES: &[&str] = &[
    "inc",
    "inc.",
    "llc",
    "ltd",
    "ltd.",
    "limited",
    "gmbh",
    "corp",
    "corp.",
    "corporation",
    "co",
    "co.",
    "sa",
    "s.a.",
    "bv",
    "b.v.",
    "ag",
    "plc",
    "oy",
    "ab",
    "srl",
    "pty",
];

/// A company name reduced for comparison: lower case, punctuation and legal suffixes dropped.
pub fn company_key(name: &str) -> String {
    let words: Vec<String> = words_of(name);
    let kept: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|word| !COMPANY_SUFFIXES.contains(word))
        .collect();
    kept.join(" ")
}

/// Words in titles that say where, not what: "Senior Backend Engineer (Remote, US)" and
/// "Senior Backend Engineer" are the same job.
const TITLE_NOISE: &[&str] = &[
    "remote",
    "hybrid",
    "onsite",
    "on-site",
    "anywhere",
    "worldwide",
    "100%",
    "m/f/d",
    "f/m/d",
    "m/w/d",
];

/// A title reduced for comparison: lower case, punctuation and location words dropped.
pub fn title_key(title: &str) -> String {
    let words = words_of(title);
    let kept: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|word| !TITLE_NOISE.contains(word))
        .collect();
    kept.join(" ")
}

fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '(' | ')' | '[' | ']' | '|' | '–' | '—' | ':' | ';')
    })
    .map(|word| {
        word.trim_matches(|c: char| !c.is_alphanumeric() && c != '+' && c != '#')
            .to_lowercase()
    })
    .filter(|word| !word.is_empty() && word != "-")
    .collect()
}

/// 64-bit SimHash over three-word shingles of `text`: similar texts get hashes a few bits apart.
pub fn simhash(text: &str) -> u64 {
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    let mut weights = [0i32; 64];
    let mut add = |hash: u64| {
        for (bit, weight) in weights.iter_mut().enumerate() {
            if hash >> bit & 1 == 1 {
                *weight += 1;
            } else {
                *weight -= 1;
            }
        }
    };
    if words.len() < 3 {
        for word in &words {
            add(fnv1a64(word.as_bytes()));
        }
    } else {
        for shingle in words.windows(3) {
            add(fnv1a64(shingle.join(" ").as_bytes()));
        }
    }
    weights.iter().enumerate().fold(
        0u64,
        |hash, (bit, weight)| if *weight > 0 { hash | 1 << bit } else { hash },
    )
}

/// Whether two SimHashes are close enough to be the same description. Empty texts never match.
pub fn near_duplicate(a: u64, b: u64) -> bool {
    a != 0 && b != 0 && (a ^ b).count_ones() <= NEAR_DUPLICATE_BITS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_urls_ignore_tracking_and_cosmetics() {
        let rows = [
            (
                "https://www.example.com/jobs/1/?utm_source=x&ref=wwr#apply",
                "https://example.com/jobs/1",
            ),
            ("http://Example.com/jobs/1", "https://example.com/jobs/1"),
            (
                "https://example.com/jobs?id=2&gh_src=abc&b=1",
                "https://example.com/jobs?b=1&id=2",
            ),
        ];
        for (input, expected) in rows {
            assert_eq!(canonical_url(input).as_deref(), Some(expected), "{input}");
        }
        assert_eq!(canonical_url("mailto:jobs@example.com"), None);
        assert_eq!(canonical_url("not a url"), None);
    }

    #[test]
    fn ats_keys_come_from_every_url_shape() {
        let rows = [
            (
                "https://stripe.com/jobs/search?gh_jid=8130725",
                Some("greenhouse:8130725"),
            ),
            (
                "https://job-boards.greenhouse.io/catawiki/jobs/6954117",
                Some("greenhouse:6954117"),
            ),
            (
                "https://boards.greenhouse.io/gitlab/jobs/123?gh_src=x",
                Some("greenhouse:123"),
            ),
            (
                "https://jobs.lever.co/zoox/F4746DA4-8EB8-43E2-B7CE-BF3C7CF9640D/apply",
                Some("lever:f4746da4-8eb8-43e2-b7ce-bf3c7cf9640d"),
            ),
            (
                "https://jobs.ashbyhq.com/ashby/7458d4e9-da2e-47bd-98cb-adfda43d42b2",
                Some("ashby:7458d4e9-da2e-47bd-98cb-adfda43d42b2"),
            ),
            ("https://weworkremotely.com/remote-jobs/acme-backend", None),
            ("https://jobs.lever.co/zoox", None),
        ];
        for (input, expected) in rows {
            assert_eq!(ats_key_from_url(input).as_deref(), expected, "{input}");
        }
    }

    #[test]
    fn company_and_title_keys_fold_cosmetic_differences() {
        assert_eq!(company_key("Acme, Inc."), "acme");
        assert_eq!(company_key("ACME GmbH"), "acme");
        assert_eq!(
            title_key("Senior Backend Engineer (Remote, US)"),
            "senior backend engineer us"
        );
        assert_eq!(
            title_key("Senior Backend Engineer – Remote"),
            "senior backend engineer"
        );
        assert_eq!(title_key("C# / .NET Developer"), "c# net developer");
    }

    #[test]
    fn simhash_finds_near_duplicates_only() {
        let base = "We are hiring a senior backend engineer to build our payments API in Go and Postgres. \
                    You will design services, own on-call, and mentor engineers across the platform team.";
        let edited = format!("{base} Apply today.");
        let other = "Our marketing team needs a content strategist to own the blog, newsletters and SEO \
                     roadmap, working with designers and product marketers every week.";
        assert!(near_duplicate(simhash(base), simhash(base)));
        assert!(
            (simhash(base) ^ simhash(&edited)).count_ones()
                < (simhash(base) ^ simhash(other)).count_ones()
        );
        assert!(!near_duplicate(simhash(base), simhash(other)));
        assert!(!near_duplicate(simhash(""), simhash("")));
    }
}
