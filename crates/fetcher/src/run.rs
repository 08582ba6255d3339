//! One fetch of one source ([`fetch_source`]), and a run over many ([`fetch_all`]).
//!
//! A fetch checks the poll budget, builds the source's URL(s) from its configured base, sends the
//! request(s) through the shared [`HttpClient`], parses with the source's pure parser and
//! normalises every listing. Every listing is kept: filtering is the search's job. The one
//! exception is Remotive, whose API reportedly ignores its `category` filter, so the configured
//! categories are applied again here (none when the list takes every category).
//!
//! A source that needs several requests (WWR categories, JSON-LD pages) fails as a whole when any
//! one fails: a partial result would look like a successful run in which the missing jobs closed.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use futures::StreamExt;
use prepboard_core::normalize::Normalizer;
use prepboard_core::{Listing, RawListing, SourceKind};
use url::Url;

use crate::http::{HttpClient, HttpResponse, Validators};
use crate::registry::{self, Run};
use crate::sources::{self, ParseContext};
use crate::spec::{FetchSource, SourceSpec};
use crate::{FetchError, check_poll_budget};

/// What the store remembers about a source between runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PriorState {
    /// From the last successful fetch; sent as a conditional GET.
    pub validators: Validators,
    /// When the source was fetched recently (any order), for the poll budget.
    pub recent_attempts: Vec<DateTime<Utc>>,
}

/// The result of one successful fetch.
#[derive(Debug, Clone, PartialEq)]
pub struct FetchOutcome {
    /// Every listing the source holds, normalised. Empty when `not_modified`.
    pub listings: Vec<Listing>,
    /// The status of the (last) response.
    pub http_status: Option<u16>,
    /// The server answered 304: nothing changed since `PriorState::validators`.
    pub not_modified: bool,
    /// To store for the next run's conditional GET. Empty for sources that need several
    /// requests, which cannot share one pair of validators.
    pub validators: Validators,
    /// Items the parser skipped, and anything else worth a log line.
    pub warnings: Vec<String>,
    /// Listings normalisation rejected because their link-back is not an http(s) URL (each is
    /// also named in `warnings`): items of the payload that could not be used, like skipped ones.
    pub rejected: usize,
}

/// Where a source is in a run, for progress bars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    Started,
    Succeeded { listings: usize, not_modified: bool },
    Failed { error: String },
}

/// Fetches one source at `now` (also the listings' `fetched_at`): the poll budget, then the run
/// its module in the [registry](crate::registry) makes.
pub async fn fetch_source(
    client: &HttpClient,
    source: &FetchSource,
    prior: &PriorState,
    normalizer: &Normalizer,
    now: DateTime<Utc>,
) -> Result<FetchOutcome, FetchError> {
    let kind = source.spec.kind();
    check_poll_budget(kind, &prior.recent_attempts, now)?;
    let run = Run {
        client,
        source,
        prior,
        normalizer,
        now,
    };
    registry::source(kind).fetch(run).await
}

/// A source that is one request (an employer board, RemoteOK, Remotive): conditional on the
/// stored validators. `remotive_categories` filters the body again when Remotive's API ignored
/// its own filter.
pub(crate) async fn single_request(
    run: Run<'_>,
    company: Option<&str>,
    remotive_categories: Option<&[String]>,
) -> Result<FetchOutcome, FetchError> {
    let (url, what) = registry::only_request(&run)?;
    SingleRequest {
        client: run.client,
        kind: run.source.spec.kind(),
        url,
        what,
        company,
        validators: &run.prior.validators,
        normalizer: run.normalizer,
        now: run.now,
    }
    .fetch(remotive_categories)
    .await
}

/// A source that is several feeds merged by guid (We Work Remotely's categories).
pub(crate) async fn merged_feeds(run: Run<'_>) -> Result<FetchOutcome, FetchError> {
    let feeds = registry::source(run.source.spec.kind()).requests(&run.source.spec)?;
    fetch_feeds(run.client, &feeds, run.normalizer, run.now).await
}

/// A source that is careers pages read under robots.txt.
pub(crate) async fn careers_pages(
    run: Run<'_>,
    pages: &[Url],
    company: Option<&str>,
) -> Result<FetchOutcome, FetchError> {
    fetch_pages(run.client, pages, company, run.normalizer, run.now).await
}

impl SourceSpec {
    /// Every URL a run of this source requests that is known before it starts, in order, each
    /// with what it is (for errors and for `prepboard sources`), as its module lays them out.
    pub fn requests(&self) -> Result<Vec<(Url, String)>, FetchError> {
        registry::source(self.kind()).requests(self)
    }
}

/// Fetches `sources` concurrently (at most `max_concurrency` at once), reporting progress by
/// source name. Results come back in the order of `sources`. A source missing from `priors` is
/// fetched unconditionally with no budget history.
pub async fn fetch_all(
    client: &HttpClient,
    sources: &[FetchSource],
    priors: &HashMap<String, PriorState>,
    normalizer: &Normalizer,
    now: DateTime<Utc>,
    progress: impl Fn(&str, Progress),
) -> Vec<(String, Result<FetchOutcome, FetchError>)> {
    let no_prior = PriorState::default();
    let progress = &progress;
    let no_prior = &no_prior;
    let mut results: Vec<(usize, String, Result<FetchOutcome, FetchError>)> =
        futures::stream::iter(sources.iter().enumerate())
            .map(|(index, source)| async move {
                progress(&source.name, Progress::Started);
                let prior = priors.get(&source.name).unwrap_or(no_prior);
                let result = fetch_source(client, source, prior, normalizer, now).await;
                let update = match &result {
                    Ok(outcome) => Progress::Succeeded {
                        listings: outcome.listings.len(),
                        not_modified: outcome.not_modified,
                    },
                    Err(error) => Progress::Failed {
                        error: error.to_string(),
                    },
                };
                progress(&source.name, update);
                (index, source.name.clone(), result)
            })
            .buffer_unordered(client.policy().max_concurrency.max(1))
            .collect()
            .await;
    results.sort_by_key(|(index, _, _)| *index);
    results
        .into_iter()
        .map(|(_, name, result)| (name, result))
        .collect()
}

/// A source that is one request: an employer board, Remotive or RemoteOK.
struct SingleRequest<'a> {
    client: &'a HttpClient,
    kind: SourceKind,
    url: Url,
    /// Names the board in an "unknown board" error.
    what: String,
    company: Option<&'a str>,
    validators: &'a Validators,
    normalizer: &'a Normalizer,
    now: DateTime<Utc>,
}

impl SingleRequest<'_> {
    async fn fetch(
        self,
        remotive_categories: Option<&[String]>,
    ) -> Result<FetchOutcome, FetchError> {
        let response = self
            .client
            .get(&self.url, self.validators)
            .await
            .map_err(|error| unknown_board(error, &self.what))?;
        if response.not_modified {
            return Ok(FetchOutcome {
                listings: Vec::new(),
                http_status: Some(response.status),
                not_modified: true,
                validators: response.validators,
                warnings: Vec::new(),
                rejected: 0,
            });
        }
        let mut warnings = Vec::new();
        let filtered;
        let body = match remotive_categories {
            Some(categories) => {
                let (kept, dropped) = keep_remotive_categories(&response.body, categories);
                if dropped > 0 {
                    let named = categories.join("`, `");
                    let noun = if categories.len() == 1 {
                        "category"
                    } else {
                        "categories"
                    };
                    warnings.push(format!(
                        "dropped {dropped} Remotive job(s) outside {noun} `{named}` (the API ignored the filter)"
                    ));
                }
                filtered = kept;
                filtered.as_deref().unwrap_or(&response.body)
            }
            None => &response.body,
        };
        let ctx = ParseContext {
            fetched_at: self.now,
            company: self.company,
            page_url: None,
        };
        let parsed = parse(self.kind, body, &ctx, &response)?;
        warnings.extend(parsed.warnings);
        let (listings, rejected) = normalize_all(self.normalizer, parsed.listings, &mut warnings);
        Ok(FetchOutcome {
            listings,
            http_status: Some(response.status),
            not_modified: false,
            validators: response.validators,
            warnings,
            rejected,
        })
    }
}

/// We Work Remotely: one feed per category, merged by guid (a job can sit in several categories).
async fn fetch_feeds(
    client: &HttpClient,
    feeds: &[(Url, String)],
    normalizer: &Normalizer,
    now: DateTime<Utc>,
) -> Result<FetchOutcome, FetchError> {
    let responses = futures::future::join_all(feeds.iter().map(|(url, what)| async move {
        client
            .get(url, &Validators::default())
            .await
            .map_err(|error| unknown_board(error, what))
    }))
    .await;
    let ctx = ParseContext::at(now);
    let mut seen = HashSet::new();
    let mut raw = Vec::new();
    let mut warnings = Vec::new();
    let mut http_status = None;
    for response in responses {
        let response = response?;
        let parsed = parse(SourceKind::WeWorkRemotely, &response.body, &ctx, &response)?;
        warnings.extend(parsed.warnings);
        http_status = Some(response.status);
        raw.extend(
            parsed
                .listings
                .into_iter()
                .filter(|listing| seen.insert(listing.source_job_id.clone())),
        );
    }
    let (listings, rejected) = normalize_all(normalizer, raw, &mut warnings);
    Ok(FetchOutcome {
        listings,
        http_status,
        not_modified: false,
        validators: Validators::default(),
        warnings,
        rejected,
    })
}

/// Careers pages with JSON-LD, fetched one after another under robots.txt.
async fn fetch_pages(
    client: &HttpClient,
    pages: &[Url],
    company: Option<&str>,
    normalizer: &Normalizer,
    now: DateTime<Utc>,
) -> Result<FetchOutcome, FetchError> {
    let mut seen = HashSet::new();
    let mut raw = Vec::new();
    let mut warnings = Vec::new();
    let mut http_status = None;
    for page in pages {
        let response = client.get_page(page).await?;
        let ctx = ParseContext {
            fetched_at: now,
            company,
            page_url: Some(&response.url),
        };
        let parsed = parse(SourceKind::JsonLd, &response.body, &ctx, &response)?;
        if parsed.listings.is_empty() {
            warnings.push(format!("{page}: no JobPosting JSON-LD on the page"));
        }
        warnings.extend(parsed.warnings);
        http_status = Some(response.status);
        raw.extend(
            parsed
                .listings
                .into_iter()
                .filter(|listing| seen.insert(listing.source_job_id.clone())),
        );
    }
    let (listings, rejected) = normalize_all(normalizer, raw, &mut warnings);
    Ok(FetchOutcome {
        listings,
        http_status,
        not_modified: false,
        validators: Validators::default(),
        warnings,
        rejected,
    })
}

fn parse(
    kind: SourceKind,
    body: &[u8],
    ctx: &ParseContext<'_>,
    response: &HttpResponse,
) -> Result<sources::ParseOutput, FetchError> {
    sources::parse(kind, body, ctx).map_err(|error| FetchError::Malformed {
        url: response.url.clone(),
        error: Box::new(error),
    })
}

/// Normalises every listing, and says how many were rejected. Each rejection and each URL left out
/// becomes a warning.
pub(crate) fn normalize_all(
    normalizer: &Normalizer,
    raw: Vec<RawListing>,
    warnings: &mut Vec<String>,
) -> (Vec<Listing>, usize) {
    let mut listings = Vec::with_capacity(raw.len());
    let mut rejected = 0;
    for listing in raw {
        match normalizer.normalize(listing) {
            Ok(normalized) => {
                let job = &normalized.listing.source_job_id;
                warnings.extend(
                    normalized
                        .dropped_urls
                        .iter()
                        .map(|dropped| format!("job {job:?}: {dropped}")),
                );
                listings.push(normalized.listing);
            }
            Err(rejection) => {
                rejected += 1;
                warnings.push(rejection.to_string());
            }
        }
    }
    (listings, rejected)
}

/// A 404 on a board's URL means the board name in config is wrong; say that instead of "HTTP 404".
fn unknown_board(error: FetchError, what: &str) -> FetchError {
    match error {
        FetchError::Status { status: 404, url } => FetchError::UnknownBoard {
            what: what.to_owned(),
            url,
        },
        other => other,
    }
}

/// `base` with `segments` appended (each percent-encoded, so a board name cannot change the path)
/// and `query` set.
pub(crate) fn endpoint(
    base: &Url,
    segments: &[&str],
    query: &[(&str, &str)],
) -> Result<Url, FetchError> {
    let mut url = base.clone();
    {
        let mut path = url.path_segments_mut().map_err(|()| FetchError::BadUrl {
            base: base.to_string(),
            reason: "it cannot have a path (is it an http(s) URL?)".to_owned(),
        })?;
        path.pop_if_empty().extend(segments);
    }
    if query.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(query);
    }
    Ok(url)
}

/// Remotive's body with only the jobs of `categories` (slugs such as `software-dev`) left, and how
/// many were dropped. `None` when the body is not the expected JSON: the parser reports that.
pub(crate) fn keep_remotive_categories(
    body: &[u8],
    categories: &[String],
) -> (Option<Vec<u8>>, usize) {
    let Ok(mut payload) = serde_json::from_slice::<serde_json::Value>(body) else {
        return (None, 0);
    };
    let Some(jobs) = payload
        .get_mut("jobs")
        .and_then(serde_json::Value::as_array_mut)
    else {
        return (None, 0);
    };
    let before = jobs.len();
    jobs.retain(
        |job| match job.get("category").and_then(|value| value.as_str()) {
            Some(name) => categories
                .iter()
                .any(|category| remotive_category_matches(category, name)),
            // No category to compare: keep it rather than lose a job.
            None => true,
        },
    );
    let dropped = before - jobs.len();
    if dropped == 0 {
        return (None, 0);
    }
    match serde_json::to_vec(&payload) {
        Ok(kept) => (Some(kept), dropped),
        Err(_) => (None, 0),
    }
}

/// Whether Remotive's category display name ("Software Development", "DevOps / Sysadmin") is the
/// one a slug ("software-dev", "devops") names: each word of the slug starts the matching word of
/// the name. Two slugs share no words with their names, so they are listed.
fn remotive_category_matches(slug: &str, name: &str) -> bool {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|word| !word.is_empty())
            .map(str::to_ascii_lowercase)
            .collect()
    };
    let slug_words = words(match slug.trim().to_ascii_lowercase().as_str() {
        "hr" => "human-resources",
        "customer-support" => "customer-service",
        _ => slug,
    });
    let name_words = words(name);
    !slug_words.is_empty()
        && slug_words.len() <= name_words.len()
        && slug_words
            .iter()
            .zip(&name_words)
            .all(|(slug_word, name_word)| name_word.starts_with(slug_word.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::remotive_takes_every_category;

    #[test]
    fn endpoints_append_escaped_segments_to_any_base() {
        let check = |base: &str, segments: &[&str], query: &[(&str, &str)], expected: &str| {
            let url = endpoint(&Url::parse(base).unwrap(), segments, query).unwrap();
            assert_eq!(url.as_str(), expected, "{base} {segments:?}");
        };
        check(
            "https://boards-api.greenhouse.io",
            &["v1", "boards", "stripe", "jobs"],
            &[("content", "true")],
            "https://boards-api.greenhouse.io/v1/boards/stripe/jobs?content=true",
        );
        check(
            "http://127.0.0.1:4000/mock/",
            &["v0", "postings", "zoox"],
            &[("mode", "json")],
            "http://127.0.0.1:4000/mock/v0/postings/zoox?mode=json",
        );
        check(
            "https://weworkremotely.com",
            &["categories", "remote-back-end-programming-jobs.rss"],
            &[],
            "https://weworkremotely.com/categories/remote-back-end-programming-jobs.rss",
        );
        check(
            "https://api.example.com/?stale=1",
            &["api"],
            &[],
            "https://api.example.com/api",
        );
        check(
            "https://remotive.com",
            &["api", "remote-jobs"],
            &[("category", "software dev&x")],
            "https://remotive.com/api/remote-jobs?category=software+dev%26x",
        );
        // A board name cannot climb out of its path.
        check(
            "https://api.ashbyhq.com",
            &["posting-api", "job-board", "../admin"],
            &[],
            "https://api.ashbyhq.com/posting-api/job-board/..%2Fadmin",
        );
        assert!(endpoint(&Url::parse("mailto:a@b.c").unwrap(), &["x"], &[]).is_err());
    }

    #[test]
    fn remotive_category_slugs_match_display_names() {
        let check = |slug: &str, name: &str, expected: bool| {
            assert_eq!(
                remotive_category_matches(slug, name),
                expected,
                "{slug} vs {name}"
            );
        };
        check("software-dev", "Software Development", true);
        check("software-dev", "Product Management", false);
        check("devops", "DevOps / Sysadmin", true);
        check("product", "Product Management", true);
        check("data", "Data", true);
        check("data", "Design", false);
        check("qa", "QA", true);
        check("hr", "Human Resources", true);
        check("hr", "Hardware", false);
        check("customer-support", "Customer Service", true);
        check("sales-business", "Sales / Business", true);
        check("finance-legal", "Finance / Legal", true);
        check("all-others", "All others", true);
        check("software-dev", "Software", false);
        check("", "Software Development", false);
    }

    #[test]
    fn remotive_filter_drops_other_categories_only() {
        let body = br#"{"0-legal-notice": "x", "jobs": [
            {"id": 1, "category": "Software Development"},
            {"id": 2, "category": "Product Management"},
            {"id": 3}
        ]}"#;
        let (kept, dropped) = keep_remotive_categories(body, &["software-dev".to_owned()]);
        assert_eq!(dropped, 1);
        let kept: serde_json::Value = serde_json::from_slice(&kept.unwrap()).unwrap();
        let ids: Vec<_> = kept["jobs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|job| job["id"].as_i64().unwrap())
            .collect();
        assert_eq!(ids, [1, 3]);
        assert_eq!(kept["0-legal-notice"], "x");

        let software = ["software-dev".to_owned()];
        assert_eq!(keep_remotive_categories(b"not json", &software), (None, 0));
        assert_eq!(
            keep_remotive_categories(
                br#"{"jobs": [{"category": "Software Development"}]}"#,
                &software
            ),
            (None, 0)
        );
        // Several categories keep the jobs of any of them.
        let (kept, dropped) =
            keep_remotive_categories(body, &["software-dev".to_owned(), "product".to_owned()]);
        assert_eq!((kept, dropped), (None, 0));
    }

    #[test]
    fn remotive_category_lists_choose_the_request() {
        let base = Url::parse("https://remotive.example").unwrap();
        let url_of = |categories: &[&str]| {
            let spec = SourceSpec::Remotive {
                base_url: base.clone(),
                categories: categories.iter().map(|c| (*c).to_owned()).collect(),
            };
            spec.requests().unwrap()[0].0.to_string()
        };
        assert_eq!(
            url_of(&["software-dev"]),
            "https://remotive.example/api/remote-jobs?category=software-dev"
        );
        assert_eq!(url_of(&[]), "https://remotive.example/api/remote-jobs");
        assert_eq!(url_of(&["*"]), "https://remotive.example/api/remote-jobs");
        assert_eq!(
            url_of(&["software-dev", "devops"]),
            "https://remotive.example/api/remote-jobs"
        );
        assert!(remotive_takes_every_category(&[]));
        assert!(remotive_takes_every_category(&["*".to_owned()]));
        assert!(!remotive_takes_every_category(&["product".to_owned()]));
    }
}
