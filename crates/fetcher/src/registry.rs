//! The source registry: every kind of source prepboard reads, in one table ([`source`]), each a
//! module implementing [`Source`] — its name, its config section, the requests it makes, its
//! parser and its terms — and the questions whose answer depends on the kind, asked of that table:
//! [`parse`], [`budget_rule`], [`check_poll_budget`], [`SourceSpec::requests`].
//!
//! It sits above every source module and below only the runs that dispatch through it
//! ([`crate::run`], [`crate::snapshot`]); a source module never asks the registry about itself,
//! it is handed to the shared strategies as `self`. Adding a source is one module under
//! `sources/`, one row in [`source`], its [`SourceSpec`] variant, its config section in
//! `prepboard-app`, and its fixtures; ARCHITECTURE.md ("Adding a source") has the steps.

use chrono::{DateTime, Utc};
use prepboard_core::SourceKind;
use url::Url;

use crate::FetchError;
use crate::budget::BudgetError;
use crate::parser::{ParseContext, ParseError, ParseOutput};
use crate::source::Source;
use crate::sources;
use crate::spec::SourceSpec;

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

/// The poll budget of `kind` in words ("at most 4 fetches per 24 hours"), or `None` for sources
/// without one. A dry run, which records nothing, refuses the sources that have one: a poll the
/// store does not see would spend the budget behind its back.
pub fn budget_rule(kind: SourceKind) -> Option<&'static str> {
    let terms = source(kind).terms();
    terms
        .poll_budget
        .map(|budget| budget.rule)
        .or(terms.configured_budget)
}

/// Whether a source of `kind` may be fetched at `now` under its terms' poll budget, given the
/// times of its recent fetch attempts. A configured budget (Hacker News) is checked by the
/// source's own run instead.
pub fn check_poll_budget(
    kind: SourceKind,
    recent_attempts: &[DateTime<Utc>],
    now: DateTime<Utc>,
) -> Result<(), BudgetError> {
    match source(kind).terms().poll_budget {
        Some(budget) => budget.check(kind.display_name(), recent_attempts, now),
        None => Ok(()),
    }
}

/// Parses `body` as a payload of source `kind`, with the parser its module registers.
pub fn parse(
    kind: SourceKind,
    body: &[u8],
    ctx: &ParseContext<'_>,
) -> Result<ParseOutput, ParseError> {
    source(kind).parse(body, ctx)
}

impl SourceSpec {
    /// Every URL a run of this source requests that is known before it starts, in order, each
    /// with what it is (for errors and for `prepboard sources`), as its module lays them out.
    pub fn requests(&self) -> Result<Vec<(Url, String)>, FetchError> {
        source(self.kind()).requests(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Attribution;

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
            budget_rule(SourceKind::HackerNews),
            Some("one fetch per sources.hn.min_interval_minutes")
        );
        assert_eq!(budget_rule(SourceKind::Greenhouse), None);
    }
}
