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
//! For the same reason a run fails when its payload parsed but its items did not: none of them, or
//! more than [`ReadPolicy::max_unreadable_share`] ([`FetchError::Unreadable`]). A JSON or RSS
//! source that answers with an HTML page fails as [`FetchError::HtmlInsteadOfPayload`].

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use futures::StreamExt;
use prepboard_core::normalize::Normalizer;
use prepboard_core::{Listing, SourceKind};
use url::Url;

use crate::http::{HttpClient, HttpResponse, Validators};
use crate::registry::{self, Run};
use crate::sources::{self, ParseContext};
use crate::spec::{FetchSource, ReadPolicy, SourceSpec};
use crate::{FetchError, check_poll_budget};

mod read;
mod remotive_category;
mod start_order;

pub(crate) use read::Read;
use remotive_category::keep_remotive_categories;
use start_order::start_order;

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
    /// Why each item that could not be read was skipped (fewer than the read policy allows).
    pub unreadable: Vec<String>,
    /// Anything else worth a log line (a part ignored on purpose, a filter applied again).
    pub warnings: Vec<String>,
    /// Listings normalisation rejected because their link-back is not an http(s) URL (each is
    /// also named in `warnings`): items of the payload that could not be used, like skipped ones.
    pub rejected: usize,
}

/// How many of the unreadable items' reasons an [`FetchError::Unreadable`] keeps.
pub const FIRST_UNREADABLE_KEPT: usize = 5;

/// Where a source is in a run, for progress bars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    Started,
    Succeeded { listings: usize, not_modified: bool },
    Failed { error: String },
}

/// Fetches one source at `now` (also the listings' `fetched_at`): the poll budget, then the run
/// its module in the [registry](crate::registry) makes. Fails, rather than returning a partial
/// result, when `read_policy` says too little of the payload could be read.
pub async fn fetch_source(
    client: &HttpClient,
    source: &FetchSource,
    prior: &PriorState,
    normalizer: &Normalizer,
    read_policy: ReadPolicy,
    now: DateTime<Utc>,
) -> Result<FetchOutcome, FetchError> {
    let kind = source.spec.kind();
    check_poll_budget(kind, &prior.recent_attempts, now)?;
    let run = Run {
        client,
        source,
        prior,
        normalizer,
        read_policy,
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
        what: what.clone(),
        company,
        validators: &run.prior.validators,
        now: run.now,
    }
    .fetch(remotive_categories)
    .await?
    .into_outcome(run.normalizer, &what, run.read_policy)
}

/// A source that is several feeds merged by guid (We Work Remotely's categories).
pub(crate) async fn merged_feeds(run: Run<'_>) -> Result<FetchOutcome, FetchError> {
    let feeds = registry::source(run.source.spec.kind()).requests(&run.source.spec)?;
    fetch_feeds(run.client, &feeds, run.now)
        .await?
        .into_outcome(
            run.normalizer,
            "the We Work Remotely feeds",
            run.read_policy,
        )
}

/// A source that is careers pages read under robots.txt.
pub(crate) async fn careers_pages(
    run: Run<'_>,
    pages: &[Url],
    company: Option<&str>,
) -> Result<FetchOutcome, FetchError> {
    fetch_pages(run.client, pages, company, run.now)
        .await?
        .into_outcome(
            run.normalizer,
            &format!("{} careers page(s)", pages.len()),
            run.read_policy,
        )
}

impl SourceSpec {
    /// Every URL a run of this source requests that is known before it starts, in order, each
    /// with what it is (for errors and for `prepboard sources`), as its module lays them out.
    pub fn requests(&self) -> Result<Vec<(Url, String)>, FetchError> {
        registry::source(self.kind()).requests(self)
    }
}

/// Fetches `sources` concurrently (at most `max_concurrency` at once, started round-robin over
/// their hosts), reporting progress by source name. Results come back in the order of `sources`. A source missing from `priors` is
/// fetched unconditionally with no budget history.
pub async fn fetch_all(
    client: &HttpClient,
    sources: &[FetchSource],
    priors: &HashMap<String, PriorState>,
    normalizer: &Normalizer,
    read_policy: ReadPolicy,
    now: DateTime<Utc>,
    progress: impl Fn(&str, Progress),
) -> Vec<(String, Result<FetchOutcome, FetchError>)> {
    let no_prior = PriorState::default();
    let progress = &progress;
    let no_prior = &no_prior;
    let mut results: Vec<(usize, String, Result<FetchOutcome, FetchError>)> =
        futures::stream::iter(start_order(sources))
            .map(|index| async move {
                let source = &sources[index];
                progress(&source.name, Progress::Started);
                let prior = priors.get(&source.name).unwrap_or(no_prior);
                let result =
                    fetch_source(client, source, prior, normalizer, read_policy, now).await;
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
    now: DateTime<Utc>,
}

impl SingleRequest<'_> {
    async fn fetch(self, remotive_categories: Option<&[String]>) -> Result<Read, FetchError> {
        let response = self
            .client
            .get(&self.url, self.validators)
            .await
            .map_err(|error| unknown_board(error, &self.what))?;
        if response.not_modified {
            return Ok(Read {
                raw: Vec::new(),
                unreadable: Vec::new(),
                warnings: Vec::new(),
                http_status: Some(response.status),
                not_modified: true,
                validators: response.validators,
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
        Ok(Read {
            raw: parsed.listings,
            unreadable: parsed.unreadable,
            warnings,
            http_status: Some(response.status),
            not_modified: false,
            validators: response.validators,
        })
    }
}

/// We Work Remotely: one feed per category, merged by guid (a job can sit in several categories).
async fn fetch_feeds(
    client: &HttpClient,
    feeds: &[(Url, String)],
    now: DateTime<Utc>,
) -> Result<Read, FetchError> {
    let responses = futures::future::join_all(feeds.iter().map(|(url, what)| async move {
        client
            .get(url, &Validators::default())
            .await
            .map_err(|error| unknown_board(error, what))
    }))
    .await;
    let ctx = ParseContext::at(now);
    let mut seen = HashSet::new();
    let mut read = Read::merged();
    for response in responses {
        let response = response?;
        let parsed = parse(SourceKind::WeWorkRemotely, &response.body, &ctx, &response)?;
        read.http_status = Some(response.status);
        read.add(parsed, &mut seen);
    }
    Ok(read)
}

/// Careers pages with JSON-LD, fetched one after another under robots.txt.
async fn fetch_pages(
    client: &HttpClient,
    pages: &[Url],
    company: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Read, FetchError> {
    let mut seen = HashSet::new();
    let mut read = Read::merged();
    for page in pages {
        let response = client.get_page(page).await?;
        let ctx = ParseContext {
            fetched_at: now,
            company,
            page_url: Some(&response.url),
        };
        let parsed = parse(SourceKind::JsonLd, &response.body, &ctx, &response)?;
        if parsed.listings.is_empty() && parsed.unreadable.is_empty() {
            read.warnings
                .push(format!("{page}: no JobPosting JSON-LD on the page"));
        }
        read.http_status = Some(response.status);
        read.add(parsed, &mut seen);
    }
    Ok(read)
}

/// Parses one response; a parse failure names the URL, and says so when the server sent HTML
/// where a JSON or RSS payload belonged.
fn parse(
    kind: SourceKind,
    body: &[u8],
    ctx: &ParseContext<'_>,
    response: &HttpResponse,
) -> Result<sources::ParseOutput, FetchError> {
    sources::parse(kind, body, ctx).map_err(|error| {
        let html = response
            .content_type
            .as_deref()
            .filter(|content_type| is_html(content_type))
            .or_else(|| looks_like_html(body).then_some("an HTML body"));
        match html {
            Some(content_type) if kind != SourceKind::JsonLd => FetchError::HtmlInsteadOfPayload {
                url: response.url.clone(),
                content_type: content_type.to_owned(),
                error: Box::new(error),
            },
            _ => FetchError::Malformed {
                url: response.url.clone(),
                error: Box::new(error),
            },
        }
    })
}

/// `text/html` or `application/xhtml+xml`, with or without parameters.
fn is_html(content_type: &str) -> bool {
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    mime == "text/html" || mime == "application/xhtml+xml"
}

/// A body that opens like an HTML document, whatever its Content-Type says.
fn looks_like_html(body: &[u8]) -> bool {
    let start = body
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(body)
        .trim_ascii_start();
    let head = start.get(..start.len().min(15)).unwrap_or_default();
    let head = head.to_ascii_lowercase();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html")
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
