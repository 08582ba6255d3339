//! One run of the Hacker News source: find the hiring threads, read their top-level comments page
//! by page, and turn each post into one listing per role.
//!
//! Requests, in order, all through the shared [`HttpClient`] (so per-host rate limits, retries and
//! size limits apply):
//! 1. `{base}/search_by_date?tags=story,author_whoishiring&hitsPerPage=20` — the threads; the
//!    newest `keep_threads` "Ask HN: Who is hiring?" threads are read (current and previous month
//!    by default).
//! 2. `{base}/search_by_date?tags=comment,story_{id}&hitsPerPage={n}&page={p}` for each thread,
//!    until the last page; replies are dropped by the parser.
//!
//! Freshness rests on the store's rules: a listing closes after it is missing from N successful
//! runs. So a run that cannot see a whole thread fails instead of succeeding with part of it —
//! a thread whose pages cannot be read, a thread that answers no comment though it counts some,
//! a thread larger than `max_pages` pages — and a failed run closes nothing. A month's thread that
//! ends is still read while it is among the newest `keep_threads`; its posts close only after it
//! has dropped out and N successful runs have passed without them.
//!
//! The HN Search API sends no validators, so there is no conditional request to make; a 304 for
//! one page could not stand for the others anyway.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use prepboard_core::dedup;
use prepboard_core::{RawListing, SourceKind};
use url::Url;

use crate::FetchError;
use crate::budget::BudgetError;
use crate::http::{HttpClient, Validators};
use crate::parser::ParseError;
use crate::source::{FetchOutcome, Run};
use crate::sources::hn::{self, CommentPage, Skip, Thread};
use crate::spec::HackerNewsSpec;
use crate::strategy::Read;

/// The discovery request.
pub fn discovery_url(spec: &HackerNewsSpec) -> Result<Url, FetchError> {
    search_url(
        &spec.base_url,
        &[("tags", "story,author_whoishiring"), ("hitsPerPage", "20")],
    )
}

/// The request for page `page` of thread `story`.
pub fn comments_url(spec: &HackerNewsSpec, story: u64, page: u32) -> Result<Url, FetchError> {
    search_url(
        &spec.base_url,
        &[
            ("tags", &format!("comment,story_{story}")),
            ("hitsPerPage", &spec.hits_per_page.to_string()),
            ("page", &page.to_string()),
        ],
    )
}

fn search_url(base: &Url, query: &[(&str, &str)]) -> Result<Url, FetchError> {
    let mut url = base.clone();
    {
        let mut path = url.path_segments_mut().map_err(|()| FetchError::BadUrl {
            base: base.to_string(),
            reason: "it cannot have a path (is it an http(s) URL?)".to_owned(),
        })?;
        path.pop_if_empty().push("search_by_date");
    }
    url.query_pairs_mut().clear().extend_pairs(query);
    Ok(url)
}

/// Fetches the threads and their posts at `run.now`. Hits the API sends without an id are
/// unreadable items, judged by `run.read_policy` like any source's.
pub(crate) async fn fetch(run: Run<'_>, spec: &HackerNewsSpec) -> Result<FetchOutcome, FetchError> {
    let Run { client, now, .. } = run;
    check_interval(spec, &run.prior.recent_attempts, now)?;
    let discovery = discovery_url(spec)?;
    let response = client.get(&discovery, &Validators::default()).await?;
    let (threads, mut warnings) =
        hn::api::threads(&response.body).map_err(|error| malformed(&discovery, error))?;
    if threads.is_empty() {
        // Zero threads would read as zero jobs, closing every HN listing; that is not news.
        return Err(FetchError::Malformed {
            url: discovery,
            error: Box::new(ParseError::Shape {
                expected: "at least one \"Ask HN: Who is hiring?\" thread",
                found: "none".into(),
            }),
        });
    }
    let mut raw: Vec<RawListing> = Vec::new();
    let mut seen_roles: HashSet<String> = HashSet::new();
    let mut skipped: Vec<(Skip, usize)> = Vec::new();
    let mut http_status = Some(response.status);
    let mut unreadable = Vec::new();
    for thread in threads.iter().take(spec.keep_threads.max(1)) {
        let (comments, status) = read_thread(client, spec, thread, &mut unreadable).await?;
        http_status = Some(status);
        for comment in comments {
            match hn::listings(&comment, now) {
                Ok(listings) => {
                    for listing in listings {
                        // A company that posts every month keeps its newest post only.
                        let key = format!(
                            "{}|{}",
                            dedup::company_key(&listing.company.name),
                            dedup::title_key(&listing.title)
                        );
                        if seen_roles.insert(key) {
                            raw.push(listing);
                        }
                    }
                }
                Err(skip) => match skipped.iter_mut().find(|(known, _)| *known == skip) {
                    Some((_, count)) => *count += 1,
                    None => skipped.push((skip, 1)),
                },
            }
        }
    }
    if !skipped.is_empty() {
        let parts: Vec<String> = skipped
            .iter()
            .map(|(skip, count)| format!("{count} {}", skip.describe()))
            .collect();
        warnings.push(format!("skipped posts: {}", parts.join(", ")));
    }
    Read {
        raw,
        unreadable,
        warnings,
        http_status,
        not_modified: false,
        validators: Validators::default(),
    }
    .into_outcome(
        run.normalizer,
        "the Hacker News hiring threads",
        run.read_policy,
    )
}

/// Every top-level comment of `thread`, page by page, with the last status seen; hits that do not
/// read go to `unreadable`, named by thread.
async fn read_thread(
    client: &HttpClient,
    spec: &HackerNewsSpec,
    thread: &Thread,
    unreadable: &mut Vec<String>,
) -> Result<(Vec<hn::Comment>, u16), FetchError> {
    let mut comments = Vec::new();
    let mut page = 0u32;
    let mut status;
    loop {
        let url = comments_url(spec, thread.id, page)?;
        let response =
            client
                .get(&url, &Validators::default())
                .await
                .map_err(|error| match error {
                    FetchError::Status { status: 404, url } => FetchError::UnknownBoard {
                        what: format!("the thread \"{}\" ({})", thread.title, thread.id),
                        url,
                    },
                    other => other,
                })?;
        status = response.status;
        let CommentPage {
            comments: found,
            pages,
            total_hits,
            unreadable: page_unreadable,
            ..
        } = hn::api::comment_page(&response.body, thread.id)
            .map_err(|error| malformed(&url, error))?;
        unreadable.extend(
            page_unreadable
                .into_iter()
                .map(|warning| format!("thread {} page {page}: {warning}", thread.id)),
        );
        // The API returns at most 1000 hits per query, whatever the page.
        let readable = (u64::from(spec.hits_per_page) * u64::from(spec.max_pages)).min(1000);
        if total_hits > readable || pages > u64::from(spec.max_pages) {
            return Err(FetchError::Malformed {
                url,
                error: Box::new(ParseError::Shape {
                    expected: "a thread that fits in sources.hn.max_pages pages",
                    found: format!("{total_hits} comments in {pages} pages").into(),
                }),
            });
        }
        comments.extend(found);
        page += 1;
        if u64::from(page) >= pages {
            break;
        }
    }
    if comments.is_empty() && thread.num_comments.unwrap_or(0) > 0 {
        return Err(FetchError::Malformed {
            url: comments_url(spec, thread.id, 0)?,
            error: Box::new(ParseError::Shape {
                expected: "the thread's comments",
                found: format!(
                    "none, though the thread counts {}",
                    thread.num_comments.unwrap_or(0)
                )
                .into(),
            }),
        });
    }
    Ok((comments, status))
}

/// The poll budget in words, for errors and the dry run's refusal.
pub(crate) const BUDGET_RULE: &str = "one fetch per sources.hn.min_interval_minutes";

/// The poll budget: no run within `min_interval` of the last attempt (attempts in the future, from
/// clock skew, count as recent).
pub fn check_interval(
    spec: &HackerNewsSpec,
    recent_attempts: &[DateTime<Utc>],
    now: DateTime<Utc>,
) -> Result<(), BudgetError> {
    let Ok(interval) = chrono::TimeDelta::from_std(spec.min_interval) else {
        return Ok(());
    };
    if interval.is_zero() {
        return Ok(());
    }
    let blocking: Vec<&DateTime<Utc>> = recent_attempts
        .iter()
        .filter(|attempt| **attempt > now - interval)
        .collect();
    match blocking.iter().max() {
        None => Ok(()),
        Some(last) => Err(BudgetError {
            source_name: SourceKind::HackerNews.display_name(),
            rule: BUDGET_RULE,
            recent: blocking.len(),
            next_allowed: **last + interval,
        }),
    }
}

fn malformed(url: &Url, error: ParseError) -> FetchError {
    FetchError::Malformed {
        url: url.clone(),
        error: Box::new(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(minutes: u64) -> HackerNewsSpec {
        HackerNewsSpec {
            base_url: Url::parse("http://127.0.0.1:9/api/v1/").unwrap(),
            keep_threads: 2,
            hits_per_page: 50,
            max_pages: 4,
            min_interval: std::time::Duration::from_secs(minutes * 60),
        }
    }

    #[test]
    fn the_poll_budget_is_the_configured_interval() {
        let at = |text: &str| {
            DateTime::parse_from_rfc3339(text)
                .unwrap()
                .with_timezone(&Utc)
        };
        let now = at("2026-05-02T12:00:00Z");
        assert!(check_interval(&spec(60), &[], now).is_ok());
        assert!(check_interval(&spec(60), &[at("2026-05-02T10:59:00Z")], now).is_ok());
        let error = check_interval(&spec(60), &[at("2026-05-02T11:30:00Z")], now).unwrap_err();
        assert_eq!(error.next_allowed, at("2026-05-02T12:30:00Z"));
        assert!(
            error
                .to_string()
                .starts_with("Hacker News allows one fetch per")
        );
        assert!(check_interval(&spec(0), &[at("2026-05-02T11:59:00Z")], now).is_ok());
    }

    #[test]
    fn requests_keep_any_base_path() {
        let spec = spec(60);
        assert_eq!(
            discovery_url(&spec).unwrap().as_str(),
            "http://127.0.0.1:9/api/v1/search_by_date?tags=story%2Cauthor_whoishiring&hitsPerPage=20"
        );
        assert_eq!(
            comments_url(&spec, 47219668, 1).unwrap().as_str(),
            "http://127.0.0.1:9/api/v1/search_by_date?tags=comment%2Cstory_47219668&hitsPerPage=50&page=1"
        );
    }
}
