//! What the application (`prepboard-app`) fills in from config: the sources to fetch ([`FetchSource`], [`SourceSpec`]),
//! how politely to fetch them ([`HttpPolicy`]) and how much of a payload may be unreadable before
//! a run fails ([`ReadPolicy`]).
//!
//! The fetcher reads no files and no environment: every base URL arrives here, so tests and the
//! benchmark point sources at a local server by changing a value, not the code.

use std::time::Duration;

use prepboard_core::SourceKind;
use url::Url;

/// One configured source, under the name the store and the CLI know it by.
#[derive(Debug, Clone, PartialEq)]
pub struct FetchSource {
    /// A stable name: "greenhouse:stripe", "lever:zoox", "wwr", "remotive".
    pub name: String,
    pub spec: SourceSpec,
}

/// Where a source lives and what to ask it for.
#[derive(Debug, Clone, PartialEq)]
pub enum SourceSpec {
    /// `{base_url}/v1/boards/{board}/jobs?content=true`.
    Greenhouse {
        base_url: Url,
        board: String,
        company: Option<String>,
    },
    /// `{base_url}/v0/postings/{site}?mode=json`; `base_url` is api.lever.co or api.eu.lever.co.
    Lever {
        base_url: Url,
        site: String,
        company: Option<String>,
    },
    /// `{base_url}/posting-api/job-board/{board}?includeCompensation=true`.
    Ashby {
        base_url: Url,
        board: String,
        company: Option<String>,
    },
    /// `{base_url}/categories/{category}.rss`, one request per category, merged by guid.
    WeWorkRemotely {
        base_url: Url,
        categories: Vec<String>,
    },
    /// `{base_url}/api/remote-jobs?category={category}` for one category, or the whole list
    /// (`{base_url}/api/remote-jobs`) for several, filtered again client-side because the API
    /// reportedly ignores the filter. An empty list, or one holding `"*"`, takes every category.
    Remotive {
        base_url: Url,
        categories: Vec<String>,
    },
    /// `{base_url}/api`.
    RemoteOk { base_url: Url },
    /// Careers pages that embed schema.org `JobPosting` JSON-LD; fetched under robots.txt.
    JsonLd {
        pages: Vec<Url>,
        company: Option<String>,
    },
    /// The "Ask HN: Who is hiring?" threads through the HN Search API.
    HackerNews(HackerNewsSpec),
}

/// Where the Hacker News source lives and how much of it to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HackerNewsSpec {
    /// The HN Search API root, `https://hn.algolia.com/api/v1`.
    pub base_url: Url,
    /// How many of the newest hiring threads to read (2: this month's and last month's).
    pub keep_threads: usize,
    /// Comments per page; the API allows up to 1000.
    pub hits_per_page: u32,
    /// Pages read per thread at most; a thread with more fails the run rather than lose posts.
    pub max_pages: u32,
    /// The least time between two runs (the poll budget); zero for a local stand-in.
    pub min_interval: std::time::Duration,
}

impl SourceSpec {
    pub fn kind(&self) -> SourceKind {
        match self {
            SourceSpec::Greenhouse { .. } => SourceKind::Greenhouse,
            SourceSpec::Lever { .. } => SourceKind::Lever,
            SourceSpec::Ashby { .. } => SourceKind::Ashby,
            SourceSpec::WeWorkRemotely { .. } => SourceKind::WeWorkRemotely,
            SourceSpec::Remotive { .. } => SourceKind::Remotive,
            SourceSpec::RemoteOk { .. } => SourceKind::RemoteOk,
            SourceSpec::JsonLd { .. } => SourceKind::JsonLd,
            SourceSpec::HackerNews(_) => SourceKind::HackerNews,
        }
    }

    /// The company the configuration names for a board or careers site, which listings take when
    /// the payload does not say; aggregators name a company per listing.
    pub fn company(&self) -> Option<&str> {
        match self {
            SourceSpec::Greenhouse { company, .. }
            | SourceSpec::Lever { company, .. }
            | SourceSpec::Ashby { company, .. }
            | SourceSpec::JsonLd { company, .. } => company.as_deref(),
            SourceSpec::WeWorkRemotely { .. }
            | SourceSpec::Remotive { .. }
            | SourceSpec::RemoteOk { .. }
            | SourceSpec::HackerNews(_) => None,
        }
    }
}

/// How the shared HTTP client behaves towards every host.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpPolicy {
    /// Names the product and a contact URL: `prepboard/0.1 (+https://example.org/about)`. The part
    /// before the first `/` is the product token matched against robots.txt groups.
    pub user_agent: String,
    pub connect_timeout: Duration,
    /// For the whole exchange, body included.
    pub total_timeout: Duration,
    /// A response body larger than this (after decompression) is abandoned with an error.
    pub max_body_bytes: u64,
    /// Requests are spaced evenly at this rate per host (no bursts), retries and robots.txt included.
    pub per_host_per_minute: u32,
    /// Requests in flight at once, across all hosts.
    pub max_concurrency: usize,
    /// Retries after the first attempt, for connection errors, timeouts, 429 and 5xx.
    pub max_retries: u32,
    /// The first backoff; each retry doubles it, with jitter.
    pub backoff_base: Duration,
    /// The longest a `Retry-After` (or a backoff) is waited for.
    pub max_retry_after: Duration,
}

impl HttpPolicy {
    /// Conservative defaults for talking to real hosts; the application overrides them from config.
    pub fn polite(user_agent: impl Into<String>) -> Self {
        HttpPolicy {
            user_agent: user_agent.into(),
            connect_timeout: Duration::from_secs(10),
            total_timeout: Duration::from_secs(60),
            max_body_bytes: 32 * 1024 * 1024,
            per_host_per_minute: 30,
            max_concurrency: 8,
            max_retries: 3,
            backoff_base: Duration::from_millis(500),
            max_retry_after: Duration::from_secs(120),
        }
    }

    /// The robots.txt product token: the user agent up to its first `/` or space.
    pub fn product_token(&self) -> &str {
        self.user_agent
            .split(['/', ' '])
            .next()
            .unwrap_or(&self.user_agent)
    }
}

/// Whether a Remotive category list takes every category: empty, or holding `"*"`.
pub fn remotive_takes_every_category(categories: &[String]) -> bool {
    categories.is_empty() || categories.iter().any(|category| category.trim() == "*")
}

/// How much of what a source sent may be unreadable in a run that still succeeds.
///
/// Schema drift shows up as items that no longer read (a field changed type or name). Counting
/// such a run as a success would make every unreadable job look closed, so a run fails when none
/// of its items could be read, or when more than `max_unreadable_share` of them could not.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReadPolicy {
    /// The largest share (0.0 to 1.0) of a run's items that may fail to read. Real payloads
    /// have almost none (one in 97 in the RemoteOK capture, none in the others).
    pub max_unreadable_share: f64,
}

impl Default for ReadPolicy {
    fn default() -> Self {
        ReadPolicy {
            max_unreadable_share: 0.25,
        }
    }
}
