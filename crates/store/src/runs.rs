//! Fetch runs and per-source state: the freshness record people read on `/sources`.
//!
//! A run is recorded with what it read ([`RunReading`]: listings, items it could not read and the
//! first reasons). A run that would close too much at once is recorded as
//! [`FetchOutcomeKind::Suspect`] and stays *held* ([`Store::held_drop`]) until a later successful
//! or accepted run settles it; [`Store::run_coverage`] is what that judgement is made from.

use chrono::{DateTime, Utc};

use crate::{Result, Store, parse_time, time_text};

/// How a fetch attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FetchOutcomeKind {
    Success,
    /// The source answered 304: nothing changed since the last run. A successful run.
    NotModified,
    Failed,
    /// Not attempted (a poll budget or robots.txt said no). Neither success nor failure.
    Skipped,
    /// The source was read, but the run would have closed more than the allowed share of its open
    /// listings at once: it stored what it read and closed nothing. Held until an operator
    /// accepts the drop or a later run agrees with it. Neither success nor failure.
    Suspect,
}

impl FetchOutcomeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FetchOutcomeKind::Success => "success",
            FetchOutcomeKind::NotModified => "not_modified",
            FetchOutcomeKind::Failed => "failed",
            FetchOutcomeKind::Skipped => "skipped",
            FetchOutcomeKind::Suspect => "suspect",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        [
            Self::Success,
            Self::NotModified,
            Self::Failed,
            Self::Skipped,
            Self::Suspect,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
    }

    pub fn is_success(self) -> bool {
        matches!(
            self,
            FetchOutcomeKind::Success | FetchOutcomeKind::NotModified
        )
    }
}

/// One attempt to fetch one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchRun {
    pub source_name: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    pub outcome: FetchOutcomeKind,
    pub http_status: Option<u16>,
    pub new: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub closed: u64,
    pub error: Option<String>,
}

/// What a run read from its source, beside the counts of what it changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunReading {
    /// Listings read.
    pub fetched: u64,
    /// Items that stood for a job but could not be read.
    pub unreadable: u64,
    /// Why the first few of those could not be read, in payload order.
    pub first_unreadable: Vec<String>,
}

/// A source's listings against one run: how many the source showed in its previous successful
/// run, and how many of those this run lacks. A drop measured this way is a *sudden* one: listings
/// already missed by an earlier run, and listings new in this one, are not counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunCoverage {
    /// Open sightings of the source, first seen before the run and not missed since they were
    /// last seen.
    pub open: u64,
    /// Of those, the ones the run did not see.
    pub missing: u64,
}

/// What a source told us last time, for conditional GETs and cursors.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceState {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub cursor: Option<String>,
    pub last_success_at: Option<DateTime<Utc>>,
}

/// A source's freshness at a glance: its last run, last success and open listings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceSummary {
    pub source_name: String,
    pub last_run: Option<FetchRun>,
    pub last_success_at: Option<DateTime<Utc>>,
    /// Failed runs since the last success.
    pub failures_since_success: u64,
    pub open_listings: u64,
    /// What the last run read.
    pub last_reading: Option<RunReading>,
    /// A suspect run that is still held (no successful or accepted run since), even when later
    /// runs failed or were skipped: the drop it would make is waiting for an operator.
    pub held_drop: Option<FetchRun>,
}

impl Store {
    /// Records one fetch attempt; on success, also the source's `last_success_at`.
    pub async fn record_fetch_run(&self, run: &FetchRun) -> Result<i64> {
        self.record_fetch_run_reading(run, &RunReading::default())
            .await
    }

    /// Records one fetch attempt with what it read; on success, also the source's
    /// `last_success_at`.
    pub async fn record_fetch_run_reading(
        &self,
        run: &FetchRun,
        reading: &RunReading,
    ) -> Result<i64> {
        // A list of strings always serialises.
        let first_unreadable = (!reading.first_unreadable.is_empty())
            .then(|| serde_json::to_string(&reading.first_unreadable).ok())
            .flatten();
        let mut tx = self.writer.begin().await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO fetch_runs (source_name, started_at, finished_at, outcome, http_status,
                                     new_count, updated_count, unchanged_count, closed_count, error,
                                     fetched_count, unreadable_count, first_unreadable)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(&run.source_name)
        .bind(time_text(run.started_at))
        .bind(time_text(run.finished_at))
        .bind(run.outcome.as_str())
        .bind(run.http_status.map(i64::from))
        .bind(count_column(run.new))
        .bind(count_column(run.updated))
        .bind(count_column(run.unchanged))
        .bind(count_column(run.closed))
        .bind(&run.error)
        .bind(count_column(reading.fetched))
        .bind(count_column(reading.unreadable))
        .bind(first_unreadable)
        .fetch_one(&mut *tx)
        .await?;
        if run.outcome.is_success() {
            sqlx::query(
                "INSERT INTO source_state (source_name, last_success_at) VALUES (?, ?)
                 ON CONFLICT (source_name) DO UPDATE SET last_success_at = excluded.last_success_at",
            )
            .bind(&run.source_name)
            .bind(time_text(run.finished_at))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// The validators and cursor saved for `source_name` (all empty for a source never fetched).
    pub async fn source_state(&self, source_name: &str) -> Result<SourceState> {
        let row: Option<StateRow> = sqlx::query_as(
            "SELECT etag, last_modified, cursor, last_success_at FROM source_state WHERE source_name = ?",
        )
        .bind(source_name)
        .fetch_optional(&self.reader)
        .await?;
        Ok(row
            .map(|(etag, last_modified, cursor, last_success)| SourceState {
                etag,
                last_modified,
                cursor,
                last_success_at: last_success.as_deref().and_then(parse_time),
            })
            .unwrap_or_default())
    }

    /// Saves the validators and cursor of a successful run.
    pub async fn save_source_state(&self, source_name: &str, state: &SourceState) -> Result<()> {
        sqlx::query(
            "INSERT INTO source_state (source_name, etag, last_modified, cursor, last_success_at)
             VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (source_name) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                 cursor = excluded.cursor,
                 last_success_at = coalesce(excluded.last_success_at, source_state.last_success_at)",
        )
        .bind(source_name)
        .bind(&state.etag)
        .bind(&state.last_modified)
        .bind(&state.cursor)
        .bind(state.last_success_at.map(time_text))
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// When `source_name` was last attempted (skipped runs excluded), newest first, since `since`:
    /// what a poll budget ("at most 4 a day") is checked against.
    pub async fn recent_attempts(
        &self,
        source_name: &str,
        since: DateTime<Utc>,
    ) -> Result<Vec<DateTime<Utc>>> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT started_at FROM fetch_runs
             WHERE source_name = ? AND started_at >= ? AND outcome != 'skipped' ORDER BY started_at DESC",
        )
        .bind(source_name)
        .bind(time_text(since))
        .fetch_all(&self.reader)
        .await?;
        Ok(rows.iter().filter_map(|(t,)| parse_time(t)).collect())
    }

    /// The suspect run of `source_name` that is still held: the latest run that read the source
    /// (success, not modified or suspect), if that one is suspect. Failed and skipped runs since
    /// neither settle nor hide it.
    pub async fn held_drop(&self, source_name: &str) -> Result<Option<FetchRun>> {
        let run = sqlx::query_as::<_, RunRow>(
            "SELECT source_name, started_at, finished_at, outcome, http_status, new_count, updated_count,
                    unchanged_count, closed_count, error, fetched_count, unreadable_count, first_unreadable
             FROM fetch_runs
             WHERE source_name = ? AND outcome IN ('success', 'not_modified', 'suspect')
             ORDER BY started_at DESC, id DESC LIMIT 1",
        )
        .bind(source_name)
        .fetch_optional(&self.reader)
        .await?
        .and_then(|row| row.into_run().map(|(run, _)| run));
        Ok(run.filter(|run| run.outcome == FetchOutcomeKind::Suspect))
    }

    /// What a run of `source_name` that started at `run_started` saw of the listings the source
    /// showed before ([`RunCoverage`]). Call it after the run's batch is stored and before
    /// anything is closed: it decides whether the run may close what it lacks.
    pub async fn run_coverage(
        &self,
        source_name: &str,
        run_started: DateTime<Utc>,
    ) -> Result<RunCoverage> {
        let started = time_text(run_started);
        // The writer, so the batch this run just committed is certainly the one counted.
        let (open, missing): (i64, i64) = sqlx::query_as(
            "SELECT coalesce(sum(first_seen < ?1), 0),
                    coalesce(sum(first_seen < ?1 AND last_seen < ?1), 0)
             FROM sightings WHERE source_name = ?2 AND closed_at IS NULL AND missed_runs = 0",
        )
        .bind(&started)
        .bind(source_name)
        .fetch_one(&self.writer)
        .await?;
        Ok(RunCoverage {
            open: u64::try_from(open).unwrap_or(0),
            missing: u64::try_from(missing).unwrap_or(0),
        })
    }

    /// A summary per source name in `names` (in that order), for `prepboard sources` and `/sources`.
    pub async fn source_summaries(&self, names: &[String]) -> Result<Vec<SourceSummary>> {
        let mut summaries = Vec::with_capacity(names.len());
        for name in names {
            summaries.push(self.source_summary(name).await?);
        }
        Ok(summaries)
    }

    /// Every source name the store has a run or a sighting for, sorted.
    pub async fn known_source_names(&self) -> Result<Vec<String>> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT source_name FROM fetch_runs UNION SELECT source_name FROM sightings ORDER BY 1",
        )
        .fetch_all(&self.reader)
        .await?;
        Ok(rows.into_iter().map(|(name,)| name).collect())
    }

    async fn source_summary(&self, name: &str) -> Result<SourceSummary> {
        let last = sqlx::query_as::<_, RunRow>(
            "SELECT source_name, started_at, finished_at, outcome, http_status, new_count, updated_count,
                    unchanged_count, closed_count, error, fetched_count, unreadable_count, first_unreadable
             FROM fetch_runs WHERE source_name = ? ORDER BY started_at DESC, id DESC LIMIT 1",
        )
        .bind(name)
        .fetch_optional(&self.reader)
        .await?
        .and_then(RunRow::into_run);
        let (last_run, last_reading) = match last {
            Some((run, reading)) => (Some(run), Some(reading)),
            None => (None, None),
        };
        let held_drop = self.held_drop(name).await?;
        let state = self.source_state(name).await?;
        let since = state.last_success_at.map(time_text).unwrap_or_default();
        let (failures,): (i64,) = sqlx::query_as(
            "SELECT count(*) FROM fetch_runs WHERE source_name = ? AND outcome = 'failed' AND started_at > ?",
        )
        .bind(name)
        .bind(since)
        .fetch_one(&self.reader)
        .await?;
        let (open,): (i64,) = sqlx::query_as(
            "SELECT count(DISTINCT listing_id) FROM sightings WHERE source_name = ? AND closed_at IS NULL",
        )
        .bind(name)
        .fetch_one(&self.reader)
        .await?;
        Ok(SourceSummary {
            source_name: name.to_owned(),
            last_run,
            last_success_at: state.last_success_at,
            failures_since_success: u64::try_from(failures).unwrap_or(0),
            open_listings: u64::try_from(open).unwrap_or(0),
            last_reading,
            held_drop,
        })
    }
}

/// etag, last_modified, cursor, last_success_at.
type StateRow = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn count_column(count: u64) -> i64 {
    i64::try_from(count).unwrap_or(i64::MAX)
}

#[derive(sqlx::FromRow)]
struct RunRow {
    source_name: String,
    started_at: String,
    finished_at: String,
    outcome: String,
    http_status: Option<i64>,
    new_count: i64,
    updated_count: i64,
    unchanged_count: i64,
    closed_count: i64,
    error: Option<String>,
    fetched_count: i64,
    unreadable_count: i64,
    first_unreadable: Option<String>,
}

impl RunRow {
    fn into_run(self) -> Option<(FetchRun, RunReading)> {
        let count = |n: i64| u64::try_from(n).unwrap_or(0);
        let reading = RunReading {
            fetched: count(self.fetched_count),
            unreadable: count(self.unreadable_count),
            // Written by this module as a JSON array; anything else reads as no reasons.
            first_unreadable: self
                .first_unreadable
                .as_deref()
                .and_then(|text| serde_json::from_str(text).ok())
                .unwrap_or_default(),
        };
        let run = FetchRun {
            source_name: self.source_name,
            started_at: parse_time(&self.started_at)?,
            finished_at: parse_time(&self.finished_at)?,
            outcome: FetchOutcomeKind::parse(&self.outcome)?,
            http_status: self.http_status.and_then(|s| u16::try_from(s).ok()),
            new: count(self.new_count),
            updated: count(self.updated_count),
            unchanged: count(self.unchanged_count),
            closed: count(self.closed_count),
            error: self.error,
        };
        Some((run, reading))
    }
}
