//! The shared ways a source's run is made, which each source module picks in its
//! [`Source::fetch`](crate::source::Source::fetch), passing itself: [`single_request`] (an
//! employer board, Remotive, RemoteOK), [`merged_feeds`] (We Work Remotely's categories) and
//! [`careers_pages`] (JSON-LD pages under robots.txt). Hacker News has its own
//! (`sources::hn::run`).
//!
//! Every listing is kept: filtering is the search's job. The one exception is Remotive, whose API
//! reportedly ignores its `category` filter, so the configured categories are applied again here
//! (none when the list takes every category).
//!
//! A source that needs several requests (WWR categories, JSON-LD pages) fails as a whole when any
//! one fails: a partial result would look like a successful run in which the missing jobs closed.
//! For the same reason a run fails when its payload parsed but its items did not: none of them, or
//! more than [`ReadPolicy::max_unreadable_share`](crate::spec::ReadPolicy::max_unreadable_share)
//! ([`FetchError::Unreadable`]). A JSON or RSS source that answers with an HTML page fails as
//! [`FetchError::HtmlInsteadOfPayload`].

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use prepboard_core::SourceKind;
use url::Url;

use crate::FetchError;
use crate::http::{HttpClient, HttpResponse, Validators};
use crate::parser::{ParseContext, ParseOutput};
use crate::source::{FetchOutcome, Run, Source};

mod read;

pub(crate) use read::Read;

/// A source's own pass over a response body before it is parsed: the body to parse instead and
/// a note for the run's warnings, or `None` to parse the body as it came. Remotive's category
/// filter, applied again because its API reportedly ignores it, is the one there is.
pub(crate) type Prefilter<'a> = &'a (dyn Fn(&[u8]) -> Option<(Vec<u8>, String)> + Sync);

/// A source that is one request (an employer board, RemoteOK, Remotive): conditional on the
/// stored validators.
pub(crate) async fn single_request(
    source: &dyn Source,
    run: Run<'_>,
    company: Option<&str>,
    prefilter: Option<Prefilter<'_>>,
) -> Result<FetchOutcome, FetchError> {
    let (url, what) = source
        .requests(&run.source.spec)?
        .into_iter()
        .next()
        .ok_or_else(|| FetchError::BadUrl {
            base: run.source.name.clone(),
            reason: "the source names nothing to fetch".to_owned(),
        })?;
    SingleRequest {
        client: run.client,
        source,
        url,
        what: what.clone(),
        company,
        validators: &run.prior.validators,
        now: run.now,
    }
    .fetch(prefilter)
    .await?
    .into_outcome(run.normalizer, &what, run.read_policy)
}

/// A source that is several feeds merged by guid (We Work Remotely's categories).
pub(crate) async fn merged_feeds(
    source: &dyn Source,
    run: Run<'_>,
) -> Result<FetchOutcome, FetchError> {
    let feeds = source.requests(&run.source.spec)?;
    fetch_feeds(source, run.client, &feeds, run.now)
        .await?
        .into_outcome(
            run.normalizer,
            &format!("the {} feeds", source.kind().display_name()),
            run.read_policy,
        )
}

/// A source that is careers pages read under robots.txt.
pub(crate) async fn careers_pages(
    source: &dyn Source,
    run: Run<'_>,
    pages: &[Url],
    company: Option<&str>,
) -> Result<FetchOutcome, FetchError> {
    fetch_pages(source, run.client, pages, company, run.now)
        .await?
        .into_outcome(
            run.normalizer,
            &format!("{} careers page(s)", pages.len()),
            run.read_policy,
        )
}

/// A source that is one request: an employer board, Remotive or RemoteOK.
struct SingleRequest<'a> {
    client: &'a HttpClient,
    source: &'a dyn Source,
    url: Url,
    /// Names the board in an "unknown board" error.
    what: String,
    company: Option<&'a str>,
    validators: &'a Validators,
    now: DateTime<Utc>,
}

impl SingleRequest<'_> {
    async fn fetch(self, prefilter: Option<Prefilter<'_>>) -> Result<Read, FetchError> {
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
        let filtered = prefilter.and_then(|prefilter| prefilter(&response.body));
        let body = match &filtered {
            Some((kept, note)) => {
                warnings.push(note.clone());
                kept.as_slice()
            }
            None => &response.body,
        };
        let ctx = ParseContext {
            fetched_at: self.now,
            company: self.company,
            page_url: None,
        };
        let parsed = parse(self.source, body, &ctx, &response)?;
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
    source: &dyn Source,
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
        let parsed = parse(source, &response.body, &ctx, &response)?;
        read.http_status = Some(response.status);
        read.add(parsed, &mut seen);
    }
    Ok(read)
}

/// Careers pages with JSON-LD, fetched one after another under robots.txt.
async fn fetch_pages(
    source: &dyn Source,
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
        let parsed = parse(source, &response.body, &ctx, &response)?;
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
    source: &dyn Source,
    body: &[u8],
    ctx: &ParseContext<'_>,
    response: &HttpResponse,
) -> Result<ParseOutput, FetchError> {
    let kind = source.kind();
    source.parse(body, ctx).map_err(|error| {
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
