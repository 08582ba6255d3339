//! [`HttpClient`]: the one polite HTTP client every source shares.
//!
//! What "polite" means here, in the order a request meets it:
//! 1. robots.txt, for HTML pages only ([`HttpClient::get_page`]); fetched once per host per run.
//! 2. A per-host rate limit (governor, keyed by `host:port`), evenly spaced, retries included.
//! 3. A bound on requests in flight across all hosts (a semaphore), so hosts proceed in parallel.
//! 4. A `User-Agent` naming the product and a contact URL; connect and total timeouts; at most
//!    [`MAX_REDIRECTS`] redirects, a loop being its own error; a body size limit enforced while
//!    streaming (so a lying or missing `Content-Length` cannot get past it).
//! 5. Conditional GET from the previous run's [`Validators`]; a 304 is a successful, unchanged run.
//! 6. Retries on connection errors, timeouts, cut-off bodies, 429 and 5xx: exponential backoff
//!    with jitter, or the server's `Retry-After` (seconds or an HTTP date), capped by
//!    [`HttpPolicy::max_retry_after`].
//!
//! A permit is held only while a request is on the wire, never while waiting for the rate limiter
//! or a backoff, so one slow or rate-limited host cannot starve the others.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Utc};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use rand::Rng;
use reqwest::StatusCode;
use reqwest::header::{self, HeaderMap};
use tokio::sync::{OnceCell, Semaphore};
use url::Url;

use crate::FetchError;
use crate::robots::{RobotsRules, RobotsVerdict};
use crate::spec::HttpPolicy;

/// Redirects followed before giving up. RFC 9309 asks crawlers to follow at least five for
/// robots.txt; job boards need one at most.
pub const MAX_REDIRECTS: usize = 5;

/// The previous response's cache validators, sent back as `If-None-Match` / `If-Modified-Since`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

impl Validators {
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }

    fn from_headers(headers: &HeaderMap) -> Validators {
        let text = |name| {
            headers
                .get(name)
                .and_then(|value: &header::HeaderValue| value.to_str().ok())
                .map(str::to_owned)
        };
        Validators {
            etag: text(header::ETAG),
            last_modified: text(header::LAST_MODIFIED),
        }
    }
}

/// A successful response (2xx or 304), body fully read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    /// The URL that answered, after redirects.
    pub url: Url,
    /// Empty for a 304.
    pub body: Vec<u8>,
    /// This response's validators; for a 304, any it omits are the ones that were sent.
    pub validators: Validators,
    pub not_modified: bool,
    pub content_type: Option<String>,
}

/// The shared client. Cloning is cheap and shares the connection pool, the rate limiter, the
/// concurrency bound and the robots.txt cache; build one per run.
#[derive(Clone)]
pub struct HttpClient {
    inner: Arc<Inner>,
}

struct Inner {
    client: reqwest::Client,
    policy: HttpPolicy,
    per_host: DefaultKeyedRateLimiter<String>,
    in_flight: Semaphore,
    /// One cell per origin, so concurrent pages on one host fetch robots.txt once.
    robots: Mutex<HashMap<String, Arc<OnceCell<RobotsVerdict>>>>,
}

impl std::fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpClient")
            .field("policy", &self.inner.policy)
            .finish_non_exhaustive()
    }
}

/// Why one attempt failed, and whether another is worth making.
struct Failure {
    error: FetchError,
    retry: Retry,
}

enum Retry {
    No,
    AfterBackoff,
    /// The server named a delay (`Retry-After`), before the cap.
    After(Duration),
}

impl HttpClient {
    pub fn new(policy: HttpPolicy) -> Result<Self, FetchError> {
        let client = reqwest::Client::builder()
            .use_rustls_tls()
            .user_agent(policy.user_agent.clone())
            .connect_timeout(policy.connect_timeout)
            .timeout(policy.total_timeout)
            .redirect(redirect_policy())
            .build()
            .map_err(|error| FetchError::Client(error_chain(&error)))?;
        let per_minute = NonZeroU32::new(policy.per_host_per_minute).ok_or_else(|| {
            FetchError::Client("http.per_host_per_minute must be at least 1".to_owned())
        })?;
        if policy.max_concurrency == 0 {
            return Err(FetchError::Client(
                "http.max_concurrency must be at least 1".to_owned(),
            ));
        }
        // No burst: a host sees requests spaced evenly, which is what "N per minute" promises it.
        let quota = Quota::per_minute(per_minute).allow_burst(NonZeroU32::MIN);
        Ok(HttpClient {
            inner: Arc::new(Inner {
                client,
                per_host: RateLimiter::keyed(quota),
                in_flight: Semaphore::new(policy.max_concurrency),
                policy,
                robots: Mutex::new(HashMap::new()),
            }),
        })
    }

    pub fn policy(&self) -> &HttpPolicy {
        &self.inner.policy
    }

    /// GET `url` as an API or feed request: conditional on `validators`, retried, size-limited.
    /// A 304 is `Ok` with `not_modified`; any other non-2xx status is an error.
    pub async fn get(
        &self,
        url: &Url,
        validators: &Validators,
    ) -> Result<HttpResponse, FetchError> {
        let policy = &self.inner.policy;
        let host = host_key(url);
        let mut retries_done = 0;
        loop {
            self.inner.per_host.until_key_ready(&host).await;
            let attempt = {
                let _permit =
                    self.inner.in_flight.acquire().await.map_err(|_| {
                        FetchError::Client("the request limiter was closed".to_owned())
                    })?;
                self.attempt(url, validators).await
            };
            let failure = match attempt {
                Ok(response) => return Ok(response),
                Err(failure) => failure,
            };
            let delay = match failure.retry {
                Retry::No => return Err(failure.error),
                _ if retries_done >= policy.max_retries => return Err(failure.error),
                Retry::AfterBackoff => {
                    backoff_delay(policy.backoff_base, retries_done, policy.max_retry_after)
                }
                Retry::After(wanted) => wanted.min(policy.max_retry_after),
            };
            retries_done += 1;
            // Debug, not warn: the caller logs one line per source that finally fails, which is
            // what an operator needs; each retry is detail.
            tracing::debug!(
                url = %url,
                error = %failure.error,
                retry = retries_done,
                delay_ms = delay.as_millis() as u64,
                "request failed; retrying after a delay"
            );
            tokio::time::sleep(delay).await;
        }
    }

    /// GET an HTML page (a careers page, a prep page) if the host's robots.txt allows it for our
    /// product token. Not conditional: pages are fetched whole.
    pub async fn get_page(&self, url: &Url) -> Result<HttpResponse, FetchError> {
        let verdict = self.robots_for(url).await;
        let path_and_query = match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        };
        verdict
            .check(&path_and_query)
            .map_err(|reason| FetchError::RobotsDisallowed {
                url: url.clone(),
                reason,
            })?;
        self.get(url, &Validators::default()).await
    }

    async fn robots_for(&self, url: &Url) -> RobotsVerdict {
        let origin = url.origin().ascii_serialization();
        let cell = match self.inner.robots.lock() {
            Ok(mut cells) => cells.entry(origin).or_default().clone(),
            // A panic elsewhere poisoned the cache; fetching robots.txt again is still correct.
            Err(poisoned) => poisoned.into_inner().entry(origin).or_default().clone(),
        };
        cell.get_or_init(|| self.fetch_robots(url)).await.clone()
    }

    async fn fetch_robots(&self, page: &Url) -> RobotsVerdict {
        let robots_url = match page.join("/robots.txt") {
            Ok(robots_url) => robots_url,
            Err(error) => {
                return RobotsVerdict::Unreachable {
                    reason: error.to_string(),
                };
            }
        };
        match self.get(&robots_url, &Validators::default()).await {
            Ok(response) => RobotsVerdict::Rules(RobotsRules::parse(
                &String::from_utf8_lossy(&response.body),
                self.inner.policy.product_token(),
            )),
            // RFC 9309: a 4xx robots.txt means no rules, except that 429 says "slow down".
            Err(FetchError::Status { status, .. })
                if (400..500).contains(&status) && status != 429 =>
            {
                RobotsVerdict::Rules(RobotsRules::default())
            }
            Err(error) => RobotsVerdict::Unreachable {
                reason: error.to_string(),
            },
        }
    }

    async fn attempt(&self, url: &Url, validators: &Validators) -> Result<HttpResponse, Failure> {
        let mut request = self.inner.client.get(url.clone());
        if let Some(etag) = &validators.etag {
            request = request.header(header::IF_NONE_MATCH, etag);
        }
        if let Some(last_modified) = &validators.last_modified {
            request = request.header(header::IF_MODIFIED_SINCE, last_modified);
        }
        let mut response = request
            .send()
            .await
            .map_err(|error| self.send_failure(url, &error))?;
        let status = response.status();
        let final_url = response.url().clone();
        let headers = response.headers().clone();
        let content_type = headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);

        if status == StatusCode::NOT_MODIFIED {
            // A 304 may refresh some validators and omit others; keep what it omits.
            let fresh = Validators::from_headers(&headers);
            return Ok(HttpResponse {
                status: status.as_u16(),
                url: final_url,
                body: Vec::new(),
                validators: Validators {
                    etag: fresh.etag.or_else(|| validators.etag.clone()),
                    last_modified: fresh
                        .last_modified
                        .or_else(|| validators.last_modified.clone()),
                },
                not_modified: true,
                content_type,
            });
        }
        if !status.is_success() {
            let retry = if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
                headers
                    .get(header::RETRY_AFTER)
                    .and_then(|value| value.to_str().ok())
                    .and_then(|value| parse_retry_after(value, Utc::now()))
                    .map_or(Retry::AfterBackoff, Retry::After)
            } else {
                Retry::No
            };
            return Err(Failure {
                error: FetchError::Status {
                    status: status.as_u16(),
                    url: url.clone(),
                },
                retry,
            });
        }

        let limit = self.inner.policy.max_body_bytes;
        let mut body = Vec::new();
        loop {
            let chunk = response
                .chunk()
                .await
                .map_err(|error| self.body_failure(url, &error))?;
            let Some(chunk) = chunk else { break };
            if body.len() as u64 + chunk.len() as u64 > limit {
                return Err(Failure {
                    error: FetchError::BodyTooLarge {
                        url: url.clone(),
                        limit,
                    },
                    retry: Retry::No,
                });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(HttpResponse {
            status: status.as_u16(),
            url: final_url,
            body,
            validators: Validators::from_headers(&headers),
            not_modified: false,
            content_type,
        })
    }

    fn send_failure(&self, url: &Url, error: &reqwest::Error) -> Failure {
        let policy = &self.inner.policy;
        if error.is_redirect() {
            let error = if has_source::<RedirectLoop>(error) {
                FetchError::RedirectLoop { url: url.clone() }
            } else {
                FetchError::TooManyRedirects {
                    url: url.clone(),
                    limit: MAX_REDIRECTS,
                }
            };
            return Failure {
                error,
                retry: Retry::No,
            };
        }
        if error.is_timeout() {
            let after = if error.is_connect() {
                policy.connect_timeout
            } else {
                policy.total_timeout
            };
            return Failure {
                error: FetchError::Timeout {
                    url: url.clone(),
                    after,
                },
                retry: Retry::AfterBackoff,
            };
        }
        if error.is_connect() {
            return Failure {
                error: FetchError::Connect {
                    url: url.clone(),
                    message: error_chain(error),
                },
                retry: Retry::AfterBackoff,
            };
        }
        if error.is_builder() {
            return Failure {
                error: FetchError::Request {
                    url: url.clone(),
                    message: error_chain(error),
                },
                retry: Retry::No,
            };
        }
        // A connection reset or a malformed response head: transient more often than not.
        Failure {
            error: FetchError::Request {
                url: url.clone(),
                message: error_chain(error),
            },
            retry: Retry::AfterBackoff,
        }
    }

    fn body_failure(&self, url: &Url, error: &reqwest::Error) -> Failure {
        let error = if error.is_timeout() {
            FetchError::Timeout {
                url: url.clone(),
                after: self.inner.policy.total_timeout,
            }
        } else {
            FetchError::BodyInterrupted {
                url: url.clone(),
                message: error_chain(error),
            }
        };
        Failure {
            error,
            retry: Retry::AfterBackoff,
        }
    }
}

/// `host:port` of a URL, the rate limiter's key.
fn host_key(url: &Url) -> String {
    format!(
        "{}:{}",
        url.host_str().unwrap_or_default(),
        url.port_or_known_default().unwrap_or_default()
    )
}

#[derive(Debug)]
struct RedirectLoop;

impl std::fmt::Display for RedirectLoop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("redirect loop")
    }
}

impl std::error::Error for RedirectLoop {}

#[derive(Debug)]
struct TooManyRedirects;

impl std::fmt::Display for TooManyRedirects {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "more than {MAX_REDIRECTS} redirects")
    }
}

impl std::error::Error for TooManyRedirects {}

fn redirect_policy() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        if attempt.previous().contains(attempt.url()) {
            attempt.error(RedirectLoop)
        } else if attempt.previous().len() > MAX_REDIRECTS {
            attempt.error(TooManyRedirects)
        } else {
            attempt.follow()
        }
    })
}

fn has_source<E: std::error::Error + 'static>(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut current = Some(error);
    while let Some(error) = current {
        if error.is::<E>() {
            return true;
        }
        current = error.source();
    }
    false
}

/// An error and its causes on one line: reqwest's own message alone rarely says what went wrong.
fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut message = error.to_string();
    let mut current = error.source();
    while let Some(cause) = current {
        let cause_text = cause.to_string();
        if !message.contains(&cause_text) {
            message.push_str(": ");
            message.push_str(&cause_text);
        }
        current = cause.source();
    }
    message
}

/// The delay before retry number `retries_done + 1`: `base × 2^retries_done`, capped, with "equal
/// jitter" (half fixed, half random) so clients that failed together do not retry together.
pub fn backoff_delay(base: Duration, retries_done: u32, cap: Duration) -> Duration {
    let exponential = base
        .checked_mul(1u32.checked_shl(retries_done.min(31)).unwrap_or(u32::MAX))
        .unwrap_or(cap)
        .min(cap);
    let half = exponential / 2;
    let jitter = rand::rng().random_range(Duration::ZERO..=half);
    half + jitter
}

/// A `Retry-After` value: delay seconds, or an HTTP date (IMF-fixdate, RFC 850 or asctime). A date
/// in the past means "now". `None` when it is neither.
pub fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|byte| byte.is_ascii_digit()) {
        return value.parse::<u64>().ok().map(Duration::from_secs);
    }
    let when = DateTime::parse_from_rfc2822(value)
        .map(|when| when.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            ["%A, %d-%b-%y %H:%M:%S GMT", "%a %b %e %H:%M:%S %Y"]
                .iter()
                .find_map(|format| NaiveDateTime::parse_from_str(value, format).ok())
                .map(|when| when.and_utc())
        })?;
    Some((when - now).to_std().unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = DateTime::parse_from_rfc3339("2026-05-02T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let check = |input: &str, expected: Option<u64>| {
            assert_eq!(
                parse_retry_after(input, now),
                expected.map(Duration::from_secs),
                "{input:?}"
            );
        };
        check("1", Some(1));
        check(" 120 ", Some(120));
        check("0", Some(0));
        check("Sat, 02 May 2026 12:00:30 GMT", Some(30));
        check("Sat, 02 May 2026 13:00:00 GMT", Some(3600));
        check("Saturday, 02-May-26 12:01:00 GMT", Some(60));
        check("Sat May  2 12:00:05 2026", Some(5));
        // Already past: retry now.
        check("Fri, 01 May 2026 12:00:00 GMT", Some(0));
        check("-5", None);
        check("1.5", None);
        check("soon", None);
        check("", None);
        check("99999999999999999999999", None);
    }

    #[test]
    fn backoff_doubles_within_jitter_bounds_and_respects_the_cap() {
        let base = Duration::from_millis(100);
        let cap = Duration::from_secs(2);
        let check = |retries_done: u32, low_ms: u64, high_ms: u64| {
            for _ in 0..200 {
                let delay = backoff_delay(base, retries_done, cap);
                assert!(
                    delay >= Duration::from_millis(low_ms)
                        && delay <= Duration::from_millis(high_ms),
                    "retry {retries_done}: {delay:?} outside {low_ms}..={high_ms} ms"
                );
            }
        };
        check(0, 50, 100);
        check(1, 100, 200);
        check(2, 200, 400);
        check(3, 400, 800);
        check(4, 800, 1600);
        check(5, 1000, 2000);
        check(40, 1000, 2000);
        check(u32::MAX, 1000, 2000);
    }

    #[test]
    fn validators_come_from_response_headers() {
        let mut headers = HeaderMap::new();
        headers.insert(header::ETAG, "W/\"abc\"".parse().unwrap());
        headers.insert(
            header::LAST_MODIFIED,
            "Sat, 02 May 2026 12:00:00 GMT".parse().unwrap(),
        );
        assert_eq!(
            Validators::from_headers(&headers),
            Validators {
                etag: Some("W/\"abc\"".to_owned()),
                last_modified: Some("Sat, 02 May 2026 12:00:00 GMT".to_owned()),
            }
        );
        assert!(Validators::from_headers(&HeaderMap::new()).is_empty());
    }

    #[test]
    fn hosts_are_keyed_with_their_port() {
        let check = |url: &str, expected: &str| {
            assert_eq!(host_key(&Url::parse(url).unwrap()), expected, "{url}");
        };
        check(
            "https://boards-api.greenhouse.io/v1/boards/x",
            "boards-api.greenhouse.io:443",
        );
        check("http://127.0.0.1:8080/api", "127.0.0.1:8080");
        check("http://example.org/", "example.org:80");
    }
}
