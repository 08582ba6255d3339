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
//! 7. No retry when the host cannot be reached at all (its name does not resolve, the connection
//!    is refused, there is no route, or no connection is made within the connect timeout, as
//!    behind a resolver that never answers): that is [`FetchError::Unreachable`], and the client
//!    remembers it, so the host's other requests in this run fail at once, those on the wire
//!    included, instead of each waiting for the rate limiter or its own timeout. Until one request
//!    has reached a host, the host's requests go one at a time, so finding a host unreachable costs
//!    one connect timeout, not one per request in flight. Offline, a run over every configured
//!    source ends in seconds.
//!
//! A permit is held only while a request is on the wire, never while waiting for the rate limiter
//! or a backoff, so one slow or rate-limited host cannot starve the others.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};

use chrono::Utc;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use reqwest::StatusCode;
use reqwest::header::{self, HeaderMap};
use tokio::sync::{Notify, OnceCell, Semaphore};
use url::Url;

use crate::FetchError;
use crate::robots::{RobotsRules, RobotsVerdict};
use crate::spec::HttpPolicy;

mod failure;

use failure::{Failure, Retry, body_failure, error_chain, redirect_policy, send_failure};
pub use failure::{backoff_delay, parse_retry_after};

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
    /// Hosts (`host:port`) found unreachable in this client's run, with why.
    unreachable: Mutex<HashMap<String, String>>,
    /// Wakes requests waiting for a host's rate limiter when a host is found unreachable.
    became_unreachable: Notify,
    /// Per host (`host:port`): whether a request of this run has reached it yet.
    first_contact: Mutex<HashMap<String, Arc<tokio::sync::Mutex<bool>>>>,
}

impl std::fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpClient")
            .field("policy", &self.inner.policy)
            .finish_non_exhaustive()
    }
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
                unreachable: Mutex::new(HashMap::new()),
                became_unreachable: Notify::new(),
                first_contact: Mutex::new(HashMap::new()),
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
            // Waiting for the host's turn ends early when another request finds it unreachable.
            let why = tokio::select! {
                () = self.inner.per_host.until_key_ready(&host) => None,
                why = self.until_unreachable(&host) => Some(why),
            };
            if let Some(why) = why {
                return Err(told_unreachable(url, &host, &why));
            }
            // Until a request has reached the host, its requests go one at a time: a second one
            // would only wait out the same connect timeout (or DNS) the first is waiting for.
            let contact = self.first_contact(&host);
            let probe = tokio::select! {
                biased;
                why = self.until_unreachable(&host) => {
                    return Err(told_unreachable(url, &host, &why));
                }
                reached = contact.lock_owned() => (!*reached).then_some(reached),
            };
            let attempt = {
                let _permit =
                    self.inner.in_flight.acquire().await.map_err(|_| {
                        FetchError::Client("the request limiter was closed".to_owned())
                    })?;
                // Requests already on their way to a host that another request just found
                // unreachable stop too, instead of each waiting out its own connect timeout.
                tokio::select! {
                    biased;
                    why = self.until_unreachable(&host) => {
                        return Err(told_unreachable(url, &host, &why));
                    }
                    attempt = self.attempt(url, validators) => attempt,
                }
            };
            let failure = match attempt {
                Ok(response) => {
                    if let Some(mut reached) = probe {
                        *reached = true;
                    }
                    return Ok(response);
                }
                Err(failure) => failure,
            };
            // Remembered before the probe is let go, so the requests waiting behind it are told.
            if let FetchError::Unreachable { message, .. } = &failure.error {
                self.remember_unreachable(host.clone(), message.clone());
            } else if let Some(mut reached) = probe {
                // An answer of any kind (a 5xx, a cut-off body, a slow one) reached the host.
                *reached = true;
            }
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
        // robots.txt could not be read because the host is unreachable: that is the page's
        // failure too, not a "disallowed" skip.
        if let Some(why) = self.known_unreachable(&host_key(url)) {
            return Err(FetchError::Unreachable {
                url: url.clone(),
                message: why,
            });
        }
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

    /// The lock a host's requests take until one of them has reached it; it guards whether one has.
    fn first_contact(&self, host: &str) -> Arc<tokio::sync::Mutex<bool>> {
        let mut hosts = match self.inner.first_contact.lock() {
            Ok(hosts) => hosts,
            Err(poisoned) => poisoned.into_inner(),
        };
        hosts.entry(host.to_owned()).or_default().clone()
    }

    fn known_unreachable(&self, host: &str) -> Option<String> {
        match self.inner.unreachable.lock() {
            Ok(hosts) => hosts.get(host).cloned(),
            Err(poisoned) => poisoned.into_inner().get(host).cloned(),
        }
    }

    fn remember_unreachable(&self, host: String, why: String) {
        match self.inner.unreachable.lock() {
            Ok(mut hosts) => hosts.entry(host).or_insert(why),
            Err(poisoned) => poisoned.into_inner().entry(host).or_insert(why),
        };
        self.inner.became_unreachable.notify_waiters();
    }

    /// Resolves (with why) once `host` is known to be unreachable: at once if it already is.
    async fn until_unreachable(&self, host: &str) -> String {
        loop {
            // Registered before the check, so a host found unreachable in between still wakes us.
            let notified = self.inner.became_unreachable.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if let Some(why) = self.known_unreachable(host) {
                return why;
            }
            notified.await;
        }
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
            .map_err(|error| send_failure(&self.inner.policy, url, &error))?;
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
                .map_err(|error| body_failure(&self.inner.policy, url, &error))?;
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
}

/// `host:port` of a URL, the rate limiter's key.
pub(crate) fn host_key(url: &Url) -> String {
    format!(
        "{}:{}",
        url.host_str().unwrap_or_default(),
        url.port_or_known_default().unwrap_or_default()
    )
}

/// The error of a request to `host` that another request of this run found unreachable.
fn told_unreachable(url: &Url, host: &str, why: &str) -> FetchError {
    FetchError::Unreachable {
        url: url.clone(),
        message: format!("{why} (an earlier request to {host} this run failed the same way)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
