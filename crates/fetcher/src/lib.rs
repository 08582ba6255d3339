//! prepboard-fetcher: polite HTTP and one pure parser per job source.
//!
//! The modules, from the leaves up (each imports only those above it in this list):
//! - [`spec`]: what the application (`prepboard-app`) fills from config: [`FetchSource`] /
//!   [`SourceSpec`] (where each source lives), [`HttpPolicy`] (how politely to ask) and
//!   [`ReadPolicy`] (how much of a payload may be unreadable before a run fails).
//! - [`http`] (with [`robots`]): [`HttpClient`], the one shared client: robots.txt, per-host rate
//!   limits, bounded concurrency, timeouts, size limits, retries with backoff and `Retry-After`,
//!   conditional GET.
//! - [`budget`]: poll budgets ([`PollBudget`]) and the error a spent one gives.
//! - [`parser`]: what every parser takes and gives ([`ParseContext`], [`ParseOutput`],
//!   [`ParseError`]).
//! - [`source`]: the [`Source`] trait every source module implements, its [`Terms`], what a run
//!   is given ([`Run`], [`PriorState`]) and gives back ([`FetchOutcome`]).
//! - `strategy`: the shared ways a run is made (one request, merged feeds, careers pages).
//! - [`sources`]: one module per source: its pure parser, bytes in, `RawListing`s out, and its
//!   [`Source`] implementation; Hacker News also has its own run.
//! - [`registry`]: every kind of source in one table, and what depends on the kind
//!   ([`registry::parse`], [`budget_rule`], [`check_poll_budget`]).
//! - [`run`]: [`fetch_source`] (one source: budget, requests, parse, normalise) and [`fetch_all`].
//! - [`snapshot`]: the bundled offline snapshot, read through the same parsers.
//! - [`prep_page`]: reading the questions off a prep guide's page.
//!
//! Architecture invariant: this crate knows nothing of the store, the index or the web. It reads
//! no files and no environment; it turns configured sources into normalised listings, and a
//! failure is a [`FetchError`] for the caller to record, never a partial result.

pub mod budget;
pub mod http;
pub mod parser;
pub mod prep_page;
pub mod registry;
pub mod robots;
pub mod run;
pub mod snapshot;
pub mod source;
pub mod sources;
pub mod spec;
mod strategy;

use std::time::Duration;

use url::Url;

pub use budget::{BudgetError, PollBudget};
pub use http::{HttpClient, HttpResponse, Validators};
pub use parser::{ParseContext, ParseError, ParseOutput};
pub use registry::{budget_rule, check_poll_budget};
pub use run::{Progress, fetch_all, fetch_source};
pub use source::{FetchOutcome, PriorState, Run, Source, Terms};
pub use spec::{FetchSource, HackerNewsSpec, HttpPolicy, ReadPolicy, SourceSpec};

/// Why a source (or a page) could not be fetched. Each message names the URL and says what to
/// look at.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The HTTP client could not be built, or the policy is unusable.
    #[error("cannot set up the HTTP client: {0}")]
    Client(String),
    /// A configured base URL cannot take the source's path (it is not a hierarchical URL).
    #[error("cannot build a request URL from base `{base}`: {reason}")]
    BadUrl { base: String, reason: String },
    /// The server answered with an error status (after the retries 429 and 5xx get).
    #[error("HTTP {status} from {url}")]
    Status { status: u16, url: Url },
    /// The board, site or feed named in config does not exist on the source (HTTP 404).
    #[error("{what} does not exist (HTTP 404 from {url}); check the name in config")]
    UnknownBoard { what: String, url: Url },
    /// No answer within the connect or total timeout (after retries).
    #[error("timed out after {:.1} s waiting for {url}", after.as_secs_f64())]
    Timeout { url: Url, after: Duration },
    /// The connection could not be made (TLS, or another connect failure), after retries.
    #[error("cannot connect to {url}: {message}")]
    Connect { url: Url, message: String },
    /// The host cannot be reached at all: its name does not resolve, nothing listens on the port,
    /// there is no route to it, or no connection was made within the connect timeout. Not retried, and the host's other requests in the same run fail
    /// at once too: offline, a run ends in seconds instead of waiting out every retry.
    #[error("cannot reach {url}: {message}")]
    Unreachable { url: Url, message: String },
    /// The request failed in transit for another reason (reset, malformed response head).
    #[error("request to {url} failed: {message}")]
    Request { url: Url, message: String },
    /// The connection broke while the body was read, so the body is truncated.
    #[error("the response body from {url} was cut off: {message}")]
    BodyInterrupted { url: Url, message: String },
    /// The body grew past `max_body_bytes` and was abandoned.
    #[error("the response from {url} is larger than the {limit}-byte limit (http.max_body_bytes)")]
    BodyTooLarge { url: Url, limit: u64 },
    /// A redirect led back to a URL already visited.
    #[error("{url} redirects in a loop")]
    RedirectLoop { url: Url },
    /// More redirects than [`http::MAX_REDIRECTS`].
    #[error("{url} redirected more than {limit} times")]
    TooManyRedirects { url: Url, limit: usize },
    /// The body arrived but is not the source's payload; the parser says where it broke.
    #[error("malformed payload from {url}: {error}")]
    Malformed {
        url: Url,
        #[source]
        error: Box<ParseError>,
    },
    /// A JSON or RSS source answered with an HTML page (a maintenance page, a login wall, a
    /// captive portal), status 200 or not.
    #[error("{url} sent an HTML page ({content_type}) instead of the source's payload: {error}")]
    HtmlInsteadOfPayload {
        url: Url,
        content_type: String,
        #[source]
        error: Box<ParseError>,
    },
    /// The payload parsed as a whole, but none of its items could be read, or more than
    /// [`ReadPolicy::max_unreadable_share`] of them: the source's schema has likely changed.
    #[error("{}", unreadable_message(what, *items, *unreadable, first, *max_share))]
    Unreadable {
        /// The board, feed or pages ("Greenhouse board `stripe`").
        what: String,
        /// Items the payload held: read and unreadable.
        items: usize,
        /// Why the first few unreadable items could not be read, in payload order.
        first: Vec<String>,
        /// How many could not be read in all.
        unreadable: usize,
        max_share: f64,
    },
    /// The source's terms do not allow another poll yet.
    #[error("poll budget exceeded: {0}")]
    Budget(#[from] BudgetError),
    /// robots.txt forbids the page for our user agent (or could not be read this run).
    #[error("not fetching {url}: {reason}")]
    RobotsDisallowed { url: Url, reason: String },
}

impl FetchError {
    /// Whether the failure says the host (or the network) cannot be reached at all, rather than
    /// anything about the source: what an offline run is made of.
    pub fn is_unreachable(&self) -> bool {
        matches!(self, FetchError::Unreachable { .. })
    }
}

/// The text of [`FetchError::Unreadable`]: "none of the 12 items …" or "7 of 12 items …", with
/// the rule it broke and the first reasons.
fn unreadable_message(
    what: &str,
    items: usize,
    unreadable: usize,
    first: &[String],
    max_share: f64,
) -> String {
    let counted = if unreadable >= items {
        format!("none of the {items} item(s) from {what} could be read")
    } else {
        format!(
            "{unreadable} of the {items} items from {what} could not be read (more than the {:.0}% \
             a run may lose)",
            max_share * 100.0
        )
    };
    let mut message = format!("{counted}; the source's format may have changed; first: ");
    message.push_str(&first.join("; "));
    message
}
