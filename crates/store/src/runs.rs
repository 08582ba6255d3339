//! Fetch runs and per-source state: the freshness record people read on `/sources`.

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
}

impl FetchOutcomeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FetchOutcomeKind::Success => "success",
            FetchOutcomeKind::NotModified => "not_modified",
            FetchOutcomeKind::Failed => "failed",
            FetchOutcomeKind::Skipped => "skipped",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        [
            Self::Success,
            Self::NotModified,
            Self::Failed,
            Self::Skipped,
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
}

impl Store {
    /// Records one fetch attempt; on success, also the source's `last_success_at`.
    pub async fn record_fetch_run(&self, run: &FetchRun) -> Result<i64> {
        let mut tx = self.writer.begin().await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO fetch_runs (source_name, started_at, finished_at, outcome, http_status,
                                     new_count, updated_count, unchanged_count, closed_count, error)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
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
        let last_run = sqlx::query_as::<_, RunRow>(
            "SELECT source_name, started_at, finished_at, outcome, http_status, new_count, updated_count,
                    unchanged_count, closed_count, error
             FROM fetch_runs WHERE source_name = ? ORDER BY started_at DESC, id DESC LIMIT 1",
        )
        .bind(name)
        .fetch_optional(&self.reader)
        .await?
        .and_then(RunRow::into_run);
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
}

impl RunRow {
    fn into_run(self) -> Option<FetchRun> {
        let count = |n: i64| u64::try_from(n).unwrap_or(0);
        Some(FetchRun {
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
        })
    }
}
