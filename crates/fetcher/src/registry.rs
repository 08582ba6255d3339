//! The source registry: every kind of source prepboard reads, in one table ([`source`]), each a
//! module implementing [`Source`] — its name, its config section, the requests it makes, its
//! parser and its terms.
//!
//! Adding a source is one module under `sources/`, one row in [`source`], its [`SourceSpec`]
//! variant, its config section in `prepboard-app`, and its fixtures; ARCHITECTURE.md ("Adding a
//! source") has the steps. Everything that differs between sources is asked of the registry:
//! [`crate::run::fetch_source`] for the run, [`crate::sources::parse`] for the parser,
//! [`crate::budget`] for the poll budget, [`crate::snapshot`] for what may be bundled.

use chrono::TimeDelta;
use futures::future::BoxFuture;
use prepboard_core::SourceKind;
use prepboard_core::normalize::Normalizer;
use url::Url;

use crate::FetchError;
use crate::http::HttpClient;
use crate::run::{FetchOutcome, PriorState};
use crate::sources::{self, ParseContext, ParseError, ParseOutput};
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
    /// [`crate::run`] (one request, several merged feeds, pages under robots.txt) or one of the
    /// source's own ([`crate::hacker_news`]).
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

/// At most `max_fetches` fetches in any rolling `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PollBudget {
    pub max_fetches: usize,
    pub window: TimeDelta,
    /// The rule in words, for the error ("at most 4 fetches per 24 hours").
    pub rule: &'static str,
}

impl PollBudget {
    /// What the feeds of We Work Remotely and RemoteOK ask.
    pub const ONE_PER_HOUR: PollBudget = PollBudget {
        max_fetches: 1,
        window: TimeDelta::hours(1),
        rule: "at most one fetch per hour",
    };
}

/// What a listing from the source must show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attribution {
    /// The employer's own posting: the apply link is the link-back.
    EmployerPosting,
    /// A followed link back to the listing's page on the source, and the source's name.
    LinkBackAndName,
}

/// The registry: the module of each kind of source. Exhaustive, so a new `SourceKind` without a
/// row does not compile.
pub fn source(kind: SourceKind) -> &'static dyn Source {
    match kind {
        SourceKind::Greenhouse => &sources::greenhouse::Greenhouse,
        SourceKind::Lever => &sources::lever::Lever,
        SourceKind::Ashby => &sources::ashby::Ashby,
        SourceKind::WeWorkRemotely => &sources::wwr::WeWorkRemotely,
        SourceKind::Remotive => &sources::remotive::Remotive,
        SourceKind::RemoteOk => &sources::remoteok::RemoteOk,
        SourceKind::JsonLd => &sources::jsonld::JsonLd,
        SourceKind::HackerNews => &sources::hn::HackerNews,
    }
}

/// Every registered source, in `SourceKind::ALL` order.
pub fn all() -> impl Iterator<Item = &'static dyn Source> {
    SourceKind::ALL.into_iter().map(source)
}

/// The one request of a single-request source, or why there is none.
pub(crate) fn only_request(run: &Run<'_>) -> Result<(Url, String), FetchError> {
    source(run.source.spec.kind())
        .requests(&run.source.spec)?
        .into_iter()
        .next()
        .ok_or_else(|| FetchError::BadUrl {
            base: run.source.name.clone(),
            reason: "the source names nothing to fetch".to_owned(),
        })
}

/// A spec handed to a module of another kind: a bug in the caller, reported as a bad source.
pub(crate) fn wrong_spec(kind: SourceKind, spec: &SourceSpec) -> FetchError {
    FetchError::BadUrl {
        base: format!("{spec:?}"),
        reason: format!("not a {} source", kind.display_name()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_one_module_that_knows_its_kind() {
        for kind in SourceKind::ALL {
            assert_eq!(source(kind).kind(), kind);
            assert!(!source(kind).config_section().is_empty());
        }
        assert_eq!(all().count(), SourceKind::ALL.len());
    }

    #[test]
    fn terms_agree_with_what_the_web_and_the_store_read() {
        for module in all() {
            let kind = module.kind();
            let terms = module.terms();
            assert_eq!(terms.json_ld, kind.is_employer_board(), "{kind:?}");
            assert_eq!(
                terms.attribution == Attribution::EmployerPosting,
                kind.is_employer_board(),
                "{kind:?}"
            );
        }
        let hn = source(SourceKind::HackerNews).terms();
        assert!(!hn.json_ld && !hn.bundle);
        assert_eq!(hn.attribution, Attribution::LinkBackAndName);
        // A dry run refuses HN as it refuses every budgeted source.
        assert_eq!(
            crate::budget::budget_rule(SourceKind::HackerNews),
            Some("one fetch per sources.hn.min_interval_minutes")
        );
        assert_eq!(crate::budget::budget_rule(SourceKind::Greenhouse), None);
    }
}
