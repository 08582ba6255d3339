//! Prep pages: the title and questions `prepboard prep fetch` read from each catalog entry's page,
//! and how the last fetch of each page went.
//!
//! Architecture invariant: a failed fetch never removes questions. It records when and why it
//! failed; the questions of the last page that loaded stay, so the matcher keeps using them.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use prepboard_core::prep::PrepQuestion;

use crate::{Result, Store, parse_time, time_text};

/// How the last fetch of a prep page went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PrepPageStatus {
    Ok,
    Failed,
}

impl PrepPageStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PrepPageStatus::Ok => "ok",
            PrepPageStatus::Failed => "failed",
        }
    }
}

/// The fetch record of one catalog entry's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrepPageRecord {
    pub entry_id: String,
    pub url: String,
    /// The last attempt, good or bad.
    pub fetched_at: DateTime<Utc>,
    pub status: PrepPageStatus,
    /// Why the last attempt failed.
    pub error: Option<String>,
    /// The title of the last page that loaded.
    pub title: Option<String>,
    /// When the page last loaded, if ever.
    pub last_ok_at: Option<DateTime<Utc>>,
    /// How many questions are stored for it (from the last page that loaded).
    pub questions: u32,
}

impl Store {
    /// Records one fetch of the page of catalog entry `entry_id`: on `Ok((title, questions))` the
    /// page's questions replace the stored ones; on `Err(reason)` the stored questions stay and the
    /// failure is recorded. One transaction either way.
    pub async fn save_prep_page(
        &self,
        entry_id: &str,
        url: &str,
        fetched_at: DateTime<Utc>,
        outcome: std::result::Result<(&str, &[PrepQuestion]), &str>,
    ) -> Result<()> {
        let at = time_text(fetched_at);
        let mut tx = self.writer.begin().await?;
        match outcome {
            Ok((title, questions)) => {
                sqlx::query(
                    "INSERT INTO prep_pages (entry_id, url, fetched_at, status, error, title, last_ok_at)
                     VALUES (?1, ?2, ?3, 'ok', NULL, ?4, ?3)
                     ON CONFLICT (entry_id) DO UPDATE SET
                         url = excluded.url, fetched_at = excluded.fetched_at, status = 'ok',
                         error = NULL, title = excluded.title, last_ok_at = excluded.last_ok_at",
                )
                .bind(entry_id)
                .bind(url)
                .bind(&at)
                .bind(title)
                .execute(&mut *tx)
                .await?;
                sqlx::query("DELETE FROM prep_questions WHERE entry_id = ?1")
                    .bind(entry_id)
                    .execute(&mut *tx)
                    .await?;
                for question in questions {
                    // Positions come from the page reader, 1-based and unique; a repeat would be
                    // a reader bug, and keeping the first beats failing the whole page.
                    sqlx::query(
                        "INSERT OR IGNORE INTO prep_questions (entry_id, position, question, answer)
                         VALUES (?1, ?2, ?3, ?4)",
                    )
                    .bind(entry_id)
                    .bind(i64::from(question.position.max(1)))
                    .bind(&question.question)
                    .bind(question.answer.as_deref())
                    .execute(&mut *tx)
                    .await?;
                }
            }
            Err(reason) => {
                sqlx::query(
                    "INSERT INTO prep_pages (entry_id, url, fetched_at, status, error)
                     VALUES (?1, ?2, ?3, 'failed', ?4)
                     ON CONFLICT (entry_id) DO UPDATE SET
                         url = excluded.url, fetched_at = excluded.fetched_at, status = 'failed',
                         error = excluded.error",
                )
                .bind(entry_id)
                .bind(url)
                .bind(&at)
                .bind(reason)
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Every stored question, by entry id, in page order: what the prep matcher indexes.
    pub async fn prep_questions(&self) -> Result<HashMap<String, Vec<PrepQuestion>>> {
        let rows: Vec<(String, i64, String, Option<String>)> = sqlx::query_as(
            "SELECT entry_id, position, question, answer FROM prep_questions
             ORDER BY entry_id, position",
        )
        .fetch_all(&self.reader)
        .await?;
        let mut by_entry: HashMap<String, Vec<PrepQuestion>> = HashMap::new();
        for (entry_id, position, question, answer) in rows {
            by_entry.entry(entry_id).or_default().push(PrepQuestion {
                position: u32::try_from(position).unwrap_or(u32::MAX),
                question,
                answer,
            });
        }
        Ok(by_entry)
    }

    /// The first `limit` stored questions of each of `entry_ids`, in page order; entries with none
    /// are absent. What a page showing a few entries reads, instead of every question stored.
    pub async fn prep_questions_of(
        &self,
        entry_ids: &[&str],
        limit: usize,
    ) -> Result<HashMap<String, Vec<PrepQuestion>>> {
        let mut by_entry: HashMap<String, Vec<PrepQuestion>> = HashMap::new();
        if entry_ids.is_empty() || limit == 0 {
            return Ok(by_entry);
        }
        let mut query = sqlx::QueryBuilder::new(
            "SELECT entry_id, position, question, answer FROM prep_questions WHERE entry_id IN (",
        );
        let mut ids = query.separated(", ");
        for id in entry_ids {
            ids.push_bind(*id);
        }
        query.push(") AND position <= ");
        // Positions are 1, 2, … in page order (the table's CHECK), so the first `limit` are these.
        query.push_bind(i64::try_from(limit).unwrap_or(i64::MAX));
        query.push(" ORDER BY entry_id, position");
        let rows: Vec<(String, i64, String, Option<String>)> =
            query.build_query_as().fetch_all(&self.reader).await?;
        for (entry_id, position, question, answer) in rows {
            by_entry.entry(entry_id).or_default().push(PrepQuestion {
                position: u32::try_from(position).unwrap_or(u32::MAX),
                question,
                answer,
            });
        }
        Ok(by_entry)
    }

    /// The fetch record of every page fetched at least once, by entry id. Rows whose times do not
    /// parse (written by hand?) are skipped with a warning rather than failing the whole list.
    pub async fn prep_page_statuses(&self) -> Result<Vec<PrepPageRecord>> {
        type Row = (
            String,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            i64,
        );
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT p.entry_id, p.url, p.fetched_at, p.status, p.error, p.title, p.last_ok_at,
                    (SELECT count(*) FROM prep_questions q WHERE q.entry_id = p.entry_id)
             FROM prep_pages p ORDER BY p.entry_id",
        )
        .fetch_all(&self.reader)
        .await?;
        let mut records = Vec::with_capacity(rows.len());
        for (entry_id, url, fetched_at, status, error, title, last_ok_at, questions) in rows {
            let Some(fetched_at) = parse_time(&fetched_at) else {
                tracing::warn!(entry_id = %entry_id, "prep page row has an unreadable fetched_at; skipped");
                continue;
            };
            let status = if status == PrepPageStatus::Ok.as_str() {
                PrepPageStatus::Ok
            } else {
                PrepPageStatus::Failed
            };
            records.push(PrepPageRecord {
                entry_id,
                url,
                fetched_at,
                status,
                error,
                title,
                last_ok_at: last_ok_at.as_deref().and_then(parse_time),
                questions: u32::try_from(questions).unwrap_or(u32::MAX),
            });
        }
        Ok(records)
    }
}
