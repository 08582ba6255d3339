//! Fetch results → the store: one recorded run per source, and the two guards that stand between
//! a run and the listings it would close.
//!
//! - A run that could not read its source is `failed` and closes nothing. The fetcher decides
//!   that (an HTTP error, an HTML page, a payload whose items did not read); this module records it
//!   with what was read.
//! - A run that read its source but lacks more than `freshness.max_close_share` of the listings
//!   the source showed before ([`prepboard_store::RunCoverage`]) is `suspect`: it stores what it
//!   read, closes nothing, keeps the old validators (so the next run re-reads the payload in full)
//!   and is *held*. A later run that lacks them too agrees with it, and an operator's
//!   `prepboard fetch --accept-drop SOURCE` accepts it; either way the held run's misses count
//!   then, as if the guard had not stopped it, and the usual `close_after_missed_runs` rule closes.
//!   A later run that shows the listings again settles it the other way: the held run is forgotten.
//!
//! Architecture invariant: a failed or suspect run never closes a listing.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use prepboard_core::normalize::Normalizer;
use prepboard_fetcher::http::HttpClient;
use prepboard_fetcher::spec::FetchSource;
use prepboard_fetcher::{FetchError, ReadPolicy, budget_rule};
use prepboard_fetcher::{FetchOutcome, PriorState, Progress, fetch_all};
use prepboard_store::{FetchOutcomeKind, FetchRun, RunCoverage, RunReading, SourceState, Store};

use super::http_policy;
use crate::AppError;
use crate::config::Config;

/// How a fetch run treats the store, besides which sources it fetches.
#[derive(Debug, Clone, Copy, Default)]
pub struct FetchOptions<'a> {
    /// Fetch and report, store nothing. Sources with a poll budget are refused: a poll the store
    /// does not record would spend the budget behind its back.
    pub dry_run: bool,
    /// Sources whose drop the operator accepts: a run of one of these that would be held as
    /// suspect closes what it lacks instead (and what a held run lacked).
    pub accept_drop: &'a [String],
}

/// What one source's run did, for the summary table and its one line on stderr.
#[derive(Debug, Clone)]
pub struct SourceReport {
    pub name: String,
    pub outcome: FetchOutcomeKind,
    pub fetched: usize,
    pub new: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub closed: u64,
    /// Why the run failed, was skipped or is suspect.
    pub error: Option<String>,
    /// Items the source sent that could not be read, and why the first few could not.
    pub unreadable: usize,
    pub first_unreadable: Vec<String>,
    /// Other notes from the fetch (a filter applied again, a page without JSON-LD).
    pub warnings: Vec<String>,
    /// The failure says the host or the network cannot be reached at all.
    pub unreachable: bool,
}

/// Fetches `sources` and records everything in the store. With `dry_run`, fetches and reports
/// what it found but writes nothing.
pub async fn fetch_into_store(
    config: &Config,
    store: &Store,
    sources: &[FetchSource],
    dry_run: bool,
    progress: impl Fn(&str, Progress),
) -> Result<Vec<SourceReport>, AppError> {
    let options = FetchOptions {
        dry_run,
        ..FetchOptions::default()
    };
    fetch_into_store_with(config, store, sources, options, progress).await
}

/// [`fetch_into_store`] with every option.
pub async fn fetch_into_store_with(
    config: &Config,
    store: &Store,
    sources: &[FetchSource],
    options: FetchOptions<'_>,
    progress: impl Fn(&str, Progress),
) -> Result<Vec<SourceReport>, AppError> {
    let client = HttpClient::new(http_policy(config))?;
    let now = Utc::now();
    // A dry run refuses budgeted sources up front; the rest keep their place in the report.
    let refused: HashMap<&str, SourceReport> = sources
        .iter()
        .filter(|_| options.dry_run)
        .filter_map(|source| {
            let rule = budget_rule(source.spec.kind())?;
            Some((
                source.name.as_str(),
                SourceReport::refused_dry(source, rule),
            ))
        })
        .collect();
    let to_fetch: Vec<FetchSource> = sources
        .iter()
        .filter(|source| !refused.contains_key(source.name.as_str()))
        .cloned()
        .collect();
    let mut priors = HashMap::new();
    for source in &to_fetch {
        let state = store.source_state(&source.name).await?;
        let recent_attempts = store
            .recent_attempts(&source.name, now - chrono::Duration::days(1))
            .await?;
        let validators = prepboard_fetcher::http::Validators {
            etag: state.etag,
            last_modified: state.last_modified,
        };
        priors.insert(
            source.name.clone(),
            PriorState {
                validators,
                recent_attempts,
            },
        );
    }
    let read_policy = ReadPolicy {
        max_unreadable_share: config.freshness.max_unreadable_share,
    };
    let results = fetch_all(
        &client,
        &to_fetch,
        &priors,
        Normalizer::bundled(),
        read_policy,
        now,
        progress,
    )
    .await;
    let mut fetched: HashMap<String, SourceReport> = HashMap::with_capacity(results.len());
    for (name, result) in results {
        let report = match result {
            Ok(outcome) if options.dry_run => SourceReport::dry(&name, &outcome),
            Ok(outcome) => {
                let accepted = options.accept_drop.contains(&name);
                record_success(config, store, &name, outcome, now, accepted).await?
            }
            Err(error) => {
                let report = SourceReport::failure(&name, &error);
                if !options.dry_run {
                    record_failure(store, &error, &report, now).await?;
                }
                report
            }
        };
        fetched.insert(name, report);
    }
    let mut refused = refused;
    Ok(sources
        .iter()
        .filter_map(|source| {
            fetched
                .remove(&source.name)
                .or_else(|| refused.remove(source.name.as_str()))
        })
        .collect())
}

impl SourceReport {
    /// A report of `outcome` with every count zero, for the caller to fill in.
    fn new(name: &str, outcome: FetchOutcomeKind) -> SourceReport {
        SourceReport {
            name: name.to_owned(),
            outcome,
            fetched: 0,
            new: 0,
            updated: 0,
            unchanged: 0,
            closed: 0,
            error: None,
            unreadable: 0,
            first_unreadable: Vec::new(),
            warnings: Vec::new(),
            unreachable: false,
        }
    }

    /// The run this report describes, as the store's ledger records it, finished now.
    fn fetch_run(&self, started: DateTime<Utc>, http_status: Option<u16>) -> FetchRun {
        FetchRun {
            source_name: self.name.clone(),
            started_at: started,
            finished_at: Utc::now(),
            outcome: self.outcome,
            http_status,
            new: self.new,
            updated: self.updated,
            unchanged: self.unchanged,
            closed: self.closed,
            error: self.error.clone(),
        }
    }

    fn reading(&self) -> RunReading {
        RunReading {
            fetched: u64::try_from(self.fetched).unwrap_or(u64::MAX),
            unreadable: u64::try_from(self.unreadable).unwrap_or(u64::MAX),
            first_unreadable: self.first_unreadable.clone(),
        }
    }

    fn dry(name: &str, outcome: &FetchOutcome) -> SourceReport {
        let kind = if outcome.not_modified {
            FetchOutcomeKind::NotModified
        } else {
            FetchOutcomeKind::Success
        };
        SourceReport {
            fetched: outcome.listings.len(),
            ..SourceReport::new(name, kind).with_notes(outcome)
        }
    }

    fn refused_dry(source: &FetchSource, rule: &str) -> SourceReport {
        SourceReport {
            error: Some(format!(
                "not fetched in a dry run: {} allows {rule}, and a dry run records nothing, so it \
                 would spend that budget unseen; fetch it without --dry-run",
                source.spec.kind().display_name()
            )),
            ..SourceReport::new(&source.name, FetchOutcomeKind::Skipped)
        }
    }

    fn failure(name: &str, error: &FetchError) -> SourceReport {
        // A poll budget or robots.txt saying "not now" is a skip, not a failure of the source.
        let outcome = match error {
            FetchError::Budget(_) | FetchError::RobotsDisallowed { .. } => {
                FetchOutcomeKind::Skipped
            }
            _ => FetchOutcomeKind::Failed,
        };
        let (unreadable, first_unreadable) = match error {
            FetchError::Unreadable {
                unreadable, first, ..
            } => (*unreadable, first.clone()),
            _ => (0, Vec::new()),
        };
        SourceReport {
            error: Some(error.to_string()),
            unreadable,
            first_unreadable,
            unreachable: error.is_unreachable(),
            ..SourceReport::new(name, outcome)
        }
    }

    /// The outcome's unreadable items and warnings, kept for the summary line.
    fn with_notes(mut self, outcome: &FetchOutcome) -> SourceReport {
        self.unreadable = outcome.unreadable.len();
        self.first_unreadable = outcome
            .unreadable
            .iter()
            .take(prepboard_fetcher::source::FIRST_UNREADABLE_KEPT)
            .cloned()
            .collect();
        self.warnings = outcome.warnings.clone();
        self
    }

    /// The one line this source's run deserves on stderr, if it deserves one: a failure, a held
    /// drop, or a success with unreadable items or other notes. A clean run has none (the summary
    /// table shows it), and an unreachable host is left to [`network_line`].
    pub fn stderr_line(&self) -> Option<String> {
        let name = &self.name;
        match self.outcome {
            FetchOutcomeKind::Failed if self.unreachable => None,
            FetchOutcomeKind::Failed | FetchOutcomeKind::Suspect => Some(format!(
                "{name}: {}: {}",
                self.outcome.as_str(),
                self.error.as_deref().unwrap_or("no reason recorded")
            )),
            FetchOutcomeKind::Skipped => None,
            FetchOutcomeKind::Success | FetchOutcomeKind::NotModified => {
                let mut notes = Vec::new();
                if self.unreadable > 0 {
                    notes.push(format!(
                        "{} of {} items could not be read (first: {})",
                        self.unreadable,
                        self.unreadable + self.fetched,
                        self.first_unreadable.first().map_or("", String::as_str)
                    ));
                }
                if let Some(first) = self.warnings.first() {
                    notes.push(match self.warnings.len() {
                        1 => format!("note: {first}"),
                        more => format!("{more} notes (first: {first})"),
                    });
                }
                (!notes.is_empty())
                    .then(|| format!("{name}: {} listings; {}", self.fetched, notes.join("; ")))
            }
        }
    }
}

/// One line for every source whose host could not be reached, instead of one per source: offline,
/// that is all of them, and the run says so once.
pub fn network_line(reports: &[SourceReport]) -> Option<String> {
    let unreachable: Vec<&SourceReport> = reports.iter().filter(|r| r.unreachable).collect();
    let first = unreachable.first()?;
    let attempted = reports
        .iter()
        .filter(|r| r.outcome != FetchOutcomeKind::Skipped)
        .count();
    let scope = if unreachable.len() == attempted {
        "the network is unreachable: no source could be reached".to_owned()
    } else {
        format!(
            "{} of {attempted} sources could not be reached",
            unreachable.len()
        )
    };
    Some(format!(
        "{scope} (names do not resolve, or connections are refused or time out; nothing was \
         retried or closed); first: {}: {}",
        first.name,
        first.error.as_deref().unwrap_or_default()
    ))
}

async fn record_success(
    config: &Config,
    store: &Store,
    name: &str,
    outcome: FetchOutcome,
    started: DateTime<Utc>,
    accepted: bool,
) -> Result<SourceReport, AppError> {
    let seen_at = Utc::now();
    let mut report = SourceReport {
        fetched: outcome.listings.len(),
        ..SourceReport::new(name, FetchOutcomeKind::Success).with_notes(&outcome)
    };
    let mut keep_validators = true;
    if outcome.not_modified {
        // The payload we stored last time, again: if a drop was held, the source took it back.
        report.outcome = FetchOutcomeKind::NotModified;
        report.unchanged = store.mark_source_unchanged(name, seen_at).await?;
    } else {
        let counts = store.upsert_batch(name, &outcome.listings, seen_at).await?;
        report.new = counts.new;
        report.updated = counts.updated;
        report.unchanged = counts.unchanged;
        let after_runs = config.freshness.close_after_missed_runs;
        match judge_drop(config, store, name, started, accepted).await? {
            DropVerdict::Ordinary => {}
            DropVerdict::Hold(reason) => {
                report.outcome = FetchOutcomeKind::Suspect;
                report.error = Some(reason);
                keep_validators = false;
            }
            DropVerdict::Confirms(held) => {
                // The held run's misses count now, as they would have then.
                report.closed += store
                    .close_missing(name, held.started_at, after_runs, seen_at)
                    .await?;
            }
        }
        if report.outcome != FetchOutcomeKind::Suspect {
            report.closed += store
                .close_missing(name, started, after_runs, seen_at)
                .await?;
        }
    }
    if keep_validators {
        let state = SourceState {
            etag: outcome.validators.etag.clone(),
            last_modified: outcome.validators.last_modified.clone(),
            cursor: None,
            last_success_at: Some(seen_at),
        };
        store.save_source_state(name, &state).await?;
    }
    store
        .record_fetch_run_reading(
            &report.fetch_run(started, outcome.http_status),
            &report.reading(),
        )
        .await?;
    Ok(report)
}

/// What a run that read its source may close.
enum DropVerdict {
    /// Nothing sudden: close what the usual rule closes.
    Ordinary,
    /// Too much at once, and nothing vouches for it: close nothing, hold the run, and say why.
    Hold(String),
    /// Too much at once, but a held run lacked the same (or the operator accepted it): count the
    /// held run's misses too.
    Confirms(FetchRun),
}

async fn judge_drop(
    config: &Config,
    store: &Store,
    name: &str,
    started: DateTime<Utc>,
    accepted: bool,
) -> Result<DropVerdict, AppError> {
    // A source never read live has no baseline: what it held came from the bundled snapshot,
    // which a live board is expected to have moved on from.
    if store.source_state(name).await?.last_success_at.is_none() {
        return Ok(DropVerdict::Ordinary);
    }
    let coverage = store.run_coverage(name, started).await?;
    let max_share = config.freshness.max_close_share;
    if !drops_too_much(coverage, max_share) {
        return Ok(DropVerdict::Ordinary);
    }
    let held = store.held_drop(name).await?;
    Ok(match (held, accepted) {
        (Some(held), _) => DropVerdict::Confirms(held),
        (None, true) => DropVerdict::Ordinary,
        (None, false) => DropVerdict::Hold(format!(
            "this run lacks {missing} of the {open} listings the source showed before \
             ({share:.0}%, more than the {max:.0}% a run may drop at once); nothing was closed. \
             A later run that lacks them too confirms the drop, or accept it now with \
             `prepboard fetch --accept-drop {name}`",
            missing = coverage.missing,
            open = coverage.open,
            share = share_of(coverage) * 100.0,
            max = max_share * 100.0,
        )),
    })
}

fn share_of(coverage: RunCoverage) -> f64 {
    if coverage.open == 0 {
        0.0
    } else {
        // Listing counts are far below 2^52: the conversions are exact.
        coverage.missing as f64 / coverage.open as f64
    }
}

/// Whether a run lacking `coverage.missing` of `coverage.open` drops more than `max_share`.
fn drops_too_much(coverage: RunCoverage, max_share: f64) -> bool {
    coverage.missing > 0 && share_of(coverage) > max_share
}

async fn record_failure(
    store: &Store,
    error: &FetchError,
    report: &SourceReport,
    started: DateTime<Utc>,
) -> Result<(), AppError> {
    let http_status = match error {
        FetchError::Status { status, .. } => Some(*status),
        _ => None,
    };
    store
        .record_fetch_run_reading(&report.fetch_run(started, http_status), &report.reading())
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drop_is_too_much_only_beyond_the_share() {
        let check = |open: u64, missing: u64, max_share: f64, expected: bool| {
            assert_eq!(
                drops_too_much(RunCoverage { open, missing }, max_share),
                expected,
                "{missing} of {open} at {max_share}"
            );
        };
        check(0, 0, 0.5, false);
        check(10, 0, 0.5, false);
        check(10, 5, 0.5, false);
        check(10, 6, 0.5, true);
        check(492, 492, 0.5, true);
        check(1, 1, 0.5, true);
        check(10, 10, 1.0, false);
        check(10, 1, 0.0, true);
    }
}
