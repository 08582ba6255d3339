//! What one kind of source is and does ([`Source`]), what one run of it is given ([`Run`],
//! [`PriorState`]) and gives back ([`FetchOutcome`]), and the terms it is read under ([`Terms`]).
//!
//! A leaf below every source module and above only the HTTP client, the specs and the parser
//! types: the modules in [`crate::sources`] implement [`Source`], the shared strategies in
//! `crate::strategy` drive them, and [`crate::registry`] lists them, without any of the three
//! importing another for these definitions.

use chrono::{DateTime, Utc};
use futures::future::BoxFuture;
use prepboard_core::normalize::Normalizer;
use prepboard_core::{Listing, SourceKind};
use url::Url;

use crate::FetchError;
use crate::budget::PollBudget;
use crate::http::{HttpClient, Validators};
use crate::parser::{ParseContext, ParseError, ParseOutput};
use crate::spec::{FetchSource, ReadPolicy, SourceSpec};

/// What one kind of source is and does. One implementation per module in `sources/`.
pub trait Source: Send + Sync {
    /// The kind of listing it produces.
    fn kind(&self) -> SourceKind;

    /// The configuration that lists sources of this kind ("boards, ats = \"greenhouse\"",
    /// "sources.hn"), for documentation and `prepboard sources`.
    fn config_section(&self) -> &'static str;

    /// What the source's terms ask of us.
    fn terms(&self) -> Terms;

    /// Every request a run of `spec` makes that is known before it starts, in order, each with
    /// what it is (for errors and `prepboard sources`). Requests that follow from an answer (HN's
    /// thread pages) are not listed.
    fn requests(&self, spec: &SourceSpec) -> Result<Vec<(Url, String)>, FetchError>;

    /// The pure parser: one response body to the listings it holds.
    fn parse(&self, body: &[u8], ctx: &ParseContext<'_>) -> Result<ParseOutput, ParseError>;

    /// One run: the requests, parsed and normalised, through the shared strategies of
    /// `crate::strategy` (one request, several merged feeds, pages under robots.txt) or one of the
    /// source's own (Hacker News's, in `sources::hn`).
    fn fetch<'a>(&'a self, run: Run<'a>) -> BoxFuture<'a, Result<FetchOutcome, FetchError>>;
}

/// Everything one run of one source needs.
#[derive(Debug, Clone, Copy)]
pub struct Run<'a> {
    pub client: &'a HttpClient,
    pub source: &'a FetchSource,
    pub prior: &'a PriorState,
    pub normalizer: &'a Normalizer,
    /// How much of a payload may be unreadable before the run fails.
    pub read_policy: ReadPolicy,
    pub now: chrono::DateTime<chrono::Utc>,
}

/// A source's terms of use, as the code enforces them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terms {
    /// How often the source may be polled; `None` when a run's one request per board is the
    /// whole budget (employer boards) or the budget is configured (Hacker News).
    pub poll_budget: Option<PollBudget>,
    /// A poll budget set in the config and checked by the source's own run, in words; a dry run
    /// refuses such a source as it refuses one with a `poll_budget`.
    pub configured_budget: Option<&'static str>,
    /// What every listing must show.
    pub attribution: Attribution,
    /// Whether schema.org `JobPosting` JSON-LD may be published for a listing whose primary
    /// record comes from this source (`SourceKind::is_employer_board`, which the web reads,
    /// must agree; a test checks it).
    pub json_ld: bool,
    /// Whether the bundled offline snapshot may carry its listings.
    pub bundle: bool,
}

impl Terms {
    /// An employer's own board or careers page: one request per board per run is what it asks
    /// (no poll budget beyond that and robots.txt); its postings may be published as JSON-LD and
    /// bundled.
    pub const EMPLOYER_BOARD: Terms = Terms {
        poll_budget: None,
        configured_budget: None,
        attribution: Attribution::EmployerPosting,
        json_ld: true,
        bundle: true,
    };

    /// An aggregator: polled within `budget`, each listing linking back and naming the source,
    /// never passed on as JSON-LD; `bundle` says whether the offline snapshot may carry it.
    pub const fn aggregator(budget: PollBudget, bundle: bool) -> Terms {
        Terms {
            poll_budget: Some(budget),
            configured_budget: None,
            attribution: Attribution::LinkBackAndName,
            json_ld: false,
            bundle,
        }
    }
}

/// What a listing from the source must show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attribution {
    /// The employer's own posting: the apply link is the link-back.
    EmployerPosting,
    /// A followed link back to the listing's page on the source, and the source's name.
    LinkBackAndName,
}

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

/// A spec handed to a module of another kind: a bug in the caller, reported as a bad source.
pub(crate) fn wrong_spec(kind: SourceKind, spec: &SourceSpec) -> FetchError {
    FetchError::BadUrl {
        base: format!("{spec:?}"),
        reason: format!("not a {} source", kind.display_name()),
    }
}
