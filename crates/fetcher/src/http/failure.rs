//! Why one attempt failed and whether another is worth making: the classification of transport
//! errors ([`send_failure`], [`body_failure`]), the redirect rules, and the backoff and
//! `Retry-After` arithmetic. A host that cannot be reached at all (no name, refused, no route, or
//! no connection within the connect timeout) is [`FetchError::Unreachable`] and never retried;
//! other transport trouble is retried with backoff.

use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Utc};
use rand::Rng;
use url::Url;

use super::MAX_REDIRECTS;
use crate::FetchError;
use crate::spec::HttpPolicy;

/// Why one attempt failed, and whether another is worth making.
pub(super) struct Failure {
    pub(super) error: FetchError,
    pub(super) retry: Retry,
}

pub(super) enum Retry {
    No,
    AfterBackoff,
    /// The server named a delay (`Retry-After`), before the cap.
    After(Duration),
}

pub(super) fn send_failure(policy: &HttpPolicy, url: &Url, error: &reqwest::Error) -> Failure {
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
    if error.is_timeout() && error.is_connect() {
        // No connection within the connect timeout: the resolver did not answer, or the host let
        // the SYNs go unanswered (the kernel already retransmitted them within that time). Offline
        // behind a resolver that never answers, retrying this cost every source its retries times
        // the timeout; the host is unreachable for this run, and the next run will try it again.
        return Failure {
            error: FetchError::Unreachable {
                url: url.clone(),
                message: format!(
                    "no connection within {:.1} s (the name did not resolve in time or the host \
                     did not answer)",
                    policy.connect_timeout.as_secs_f64()
                ),
            },
            retry: Retry::No,
        };
    }
    if error.is_timeout() {
        return Failure {
            error: FetchError::Timeout {
                url: url.clone(),
                after: policy.total_timeout,
            },
            retry: Retry::AfterBackoff,
        };
    }
    if error.is_connect() && is_unreachable(error) {
        return Failure {
            error: FetchError::Unreachable {
                url: url.clone(),
                message: error_chain(error),
            },
            retry: Retry::No,
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

pub(super) fn body_failure(policy: &HttpPolicy, url: &Url, error: &reqwest::Error) -> Failure {
    let error = if error.is_timeout() {
        FetchError::Timeout {
            url: url.clone(),
            after: policy.total_timeout,
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

pub(super) fn redirect_policy() -> reqwest::redirect::Policy {
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

/// Whether a connect error says the host cannot be reached at all: the name did not resolve
/// (hyper-util's resolver wraps every lookup failure as "dns error"), the connection was refused,
/// or the network or host has no route. A TLS failure or a reset is something else.
pub(super) fn is_unreachable(error: &(dyn std::error::Error + 'static)) -> bool {
    use std::io::ErrorKind;
    let mut current = Some(error);
    while let Some(error) = current {
        if let Some(io) = error.downcast_ref::<std::io::Error>()
            && matches!(
                io.kind(),
                ErrorKind::ConnectionRefused
                    | ErrorKind::NetworkUnreachable
                    | ErrorKind::HostUnreachable
                    | ErrorKind::AddrNotAvailable
            )
        {
            return true;
        }
        if error.to_string() == "dns error" {
            return true;
        }
        current = error.source();
    }
    false
}

/// An error and its causes on one line: reqwest's own message alone rarely says what went wrong.
pub(super) fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
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

    /// An error with a fixed message and an optional cause, as hyper-util's connect errors are.
    #[derive(Debug)]
    struct Wrapped(
        &'static str,
        Option<Box<dyn std::error::Error + Send + Sync>>,
    );

    impl std::fmt::Display for Wrapped {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }

    impl std::error::Error for Wrapped {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            self.1
                .as_deref()
                .map(|cause| cause as &(dyn std::error::Error + 'static))
        }
    }

    #[test]
    fn unreachable_hosts_are_told_apart_from_other_connect_failures() {
        use std::io::{Error, ErrorKind};
        let io = |kind: ErrorKind| -> Option<Box<dyn std::error::Error + Send + Sync>> {
            Some(Box::new(Error::new(kind, "os error")))
        };
        let check = |error: Wrapped, expected: bool| {
            let outer = Wrapped("error sending request", Some(Box::new(error)));
            assert_eq!(is_unreachable(&outer), expected, "{:?}", outer);
        };
        check(
            Wrapped("tcp connect error", io(ErrorKind::ConnectionRefused)),
            true,
        );
        check(
            Wrapped("tcp connect error", io(ErrorKind::NetworkUnreachable)),
            true,
        );
        check(
            Wrapped("tcp connect error", io(ErrorKind::HostUnreachable)),
            true,
        );
        check(
            Wrapped(
                "dns error",
                Some(Box::new(Error::other(
                    "failed to lookup address information: Name or service not known",
                ))),
            ),
            true,
        );
        check(
            Wrapped("tcp connect error", io(ErrorKind::ConnectionReset)),
            false,
        );
        check(Wrapped("tcp connect error", io(ErrorKind::TimedOut)), false);
        check(
            Wrapped("invalid peer certificate: UnknownIssuer", None),
            false,
        );
    }
}
