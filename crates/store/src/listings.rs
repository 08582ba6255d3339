//! Listings, their sightings and duplicate keys.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use futures::{Stream, StreamExt, TryStreamExt};
use prepboard_core::dedup::{self, DuplicateReason, SAME_TITLE_WINDOW_DAYS};
use prepboard_core::{Freshness, Listing, ListingId, Sighting, SourceKind};
use sqlx::{Row, Sqlite, SqliteConnection, Transaction};

use crate::{Result, Store, StoreError, parse_time, record, time_text};

/// What one batch did to the store, from the point of view of the source that sent it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UpsertCounts {
    /// Jobs this source had not listed before (including ones merged into a listing from another source).
    pub new: u64,
    /// Jobs whose content changed, or that had closed and came back.
    pub updated: u64,
    pub unchanged: u64,
}

/// What the index must apply to catch up with the store.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    /// Open listings changed since the watermark, in full.
    pub upserted: Vec<Listing>,
    /// Listings closed since the watermark.
    pub closed: Vec<ListingId>,
    /// The store's watermark these changes bring the caller up to.
    pub watermark: i64,
}

impl Store {
    /// Stores one source's batch in one transaction: new jobs are inserted (or merged into an open
    /// listing of the same job from another source), known ones updated or left alone, and every
    /// job in the batch marked as seen at `now`.
    pub async fn upsert_batch(
        &self,
        source_name: &str,
        listings: &[Listing],
        now: DateTime<Utc>,
    ) -> Result<UpsertCounts> {
        let mut tx = self.writer.begin().await?;
        let mut counts = UpsertCounts::default();
        let mut seen_in_batch = BTreeSet::new();
        for listing in listings {
            // A source listing the same job twice in one payload (WWR's category feeds overlap) is one sighting.
            if !seen_in_batch.insert(listing.source_job_id.clone()) {
                continue;
            }
            match upsert_one(&mut tx, source_name, listing, now).await? {
                Outcome::New => counts.new += 1,
                Outcome::Updated => counts.updated += 1,
                Outcome::Unchanged => counts.unchanged += 1,
            }
        }
        tx.commit().await?;
        Ok(counts)
    }

    /// Records that a successful run of `source_name`, started at `run_started`, did not list the
    /// jobs it last saw before then. A sighting closes after `after_runs` such runs in a row; a
    /// listing closes when all its sightings have. Returns how many listings closed.
    ///
    /// Call this only after a successful run: a failed run proves nothing about what is still open.
    pub async fn close_missing(
        &self,
        source_name: &str,
        run_started: DateTime<Utc>,
        after_runs: u32,
        now: DateTime<Utc>,
    ) -> Result<u64> {
        let mut tx = self.writer.begin().await?;
        sqlx::query(
            "UPDATE sightings SET missed_runs = missed_runs + 1
             WHERE source_name = ? AND closed_at IS NULL AND last_seen < ?",
        )
        .bind(source_name)
        .bind(time_text(run_started))
        .execute(&mut *tx)
        .await?;
        let closing: Vec<(String,)> = sqlx::query_as(
            "UPDATE sightings SET closed_at = ?
             WHERE source_name = ? AND closed_at IS NULL AND missed_runs >= ?
             RETURNING listing_id",
        )
        .bind(time_text(now))
        .bind(source_name)
        .bind(i64::from(after_runs.max(1)))
        .fetch_all(&mut *tx)
        .await?;
        let mut closed = 0;
        let affected: BTreeSet<String> = closing.into_iter().map(|(id,)| id).collect();
        for id in affected {
            let (open,): (i64,) = sqlx::query_as(
                "SELECT count(*) FROM sightings WHERE listing_id = ? AND closed_at IS NULL",
            )
            .bind(&id)
            .fetch_one(&mut *tx)
            .await?;
            let seq = next_seq(&mut tx).await?;
            if open == 0 {
                sqlx::query("UPDATE listings SET closed_at = ?, change_seq = ? WHERE id = ?")
                    .bind(time_text(now))
                    .bind(seq)
                    .bind(&id)
                    .execute(&mut *tx)
                    .await?;
                closed += 1;
            } else {
                // Still open elsewhere; its "also on" links changed, so the index must see it.
                sqlx::query("UPDATE listings SET change_seq = ? WHERE id = ?")
                    .bind(seq)
                    .bind(&id)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        Ok(closed)
    }

    /// Marks every open sighting of `source_name` as seen at `now`: what a `304 Not Modified` means.
    pub async fn mark_source_unchanged(
        &self,
        source_name: &str,
        now: DateTime<Utc>,
    ) -> Result<u64> {
        let mut tx = self.writer.begin().await?;
        let touched = sqlx::query(
            "UPDATE sightings SET last_seen = ?, missed_runs = 0 WHERE source_name = ? AND closed_at IS NULL",
        )
        .bind(time_text(now))
        .bind(source_name)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        sqlx::query(
            "UPDATE listings SET last_seen = ? WHERE id IN
               (SELECT listing_id FROM sightings WHERE source_name = ? AND closed_at IS NULL)",
        )
        .bind(time_text(now))
        .bind(source_name)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(touched)
    }

    /// One listing with its ledger and sightings, open or closed.
    pub async fn get_listing(&self, id: &ListingId) -> Result<Option<Listing>> {
        let row = sqlx::query(LISTING_COLUMNS_BY_ID)
            .bind(id.as_str())
            .fetch_optional(&self.reader)
            .await?;
        match row {
            None => Ok(None),
            Some(row) => {
                let mut conn = self.reader.acquire().await?;
                Ok(Some(listing_from_row(&mut conn, &row).await?))
            }
        }
    }

    /// Every open listing, streamed in id order so a rebuild never holds the whole store in memory.
    pub fn open_listings(&self) -> impl Stream<Item = Result<Listing>> + Send + '_ {
        let ids = sqlx::query_as::<_, (String,)>(
            "SELECT id FROM listings WHERE closed_at IS NULL ORDER BY id",
        )
        .fetch(&self.reader)
        .map_err(StoreError::from);
        ids.and_then(move |(id,)| async move {
            let id = ListingId::parse(&id).ok_or_else(|| StoreError::Decode {
                id: id.clone(),
                source: serde::de::Error::custom("malformed listing id"),
            })?;
            self.get_listing(&id)
                .await?
                .ok_or_else(|| StoreError::Decode {
                    id: id.to_string(),
                    source: serde::de::Error::custom("listing vanished while streaming"),
                })
        })
        .boxed()
    }

    /// How many listings are open.
    pub async fn count_open(&self) -> Result<u64> {
        let (count,): (i64,) =
            sqlx::query_as("SELECT count(*) FROM listings WHERE closed_at IS NULL")
                .fetch_one(&self.reader)
                .await?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    /// The store's current watermark: the last change sequence number handed out.
    pub async fn watermark(&self) -> Result<i64> {
        let (value,): (i64,) =
            sqlx::query_as("SELECT value FROM counters WHERE name = 'change_seq'")
                .fetch_one(&self.reader)
                .await?;
        Ok(value)
    }

    /// Everything the index must apply to go from `watermark` to now.
    pub async fn changes_since(&self, watermark: i64) -> Result<Changes> {
        // Read the watermark and the rows in one read transaction, so a write landing meanwhile is
        // either wholly in this answer or wholly in the next.
        let mut tx = self.reader.begin().await?;
        let (current,): (i64,) =
            sqlx::query_as("SELECT value FROM counters WHERE name = 'change_seq'")
                .fetch_one(&mut *tx)
                .await?;
        let rows = sqlx::query(
            "SELECT id, body, first_seen, last_seen, closed_at FROM listings
             WHERE change_seq > ? AND change_seq <= ? ORDER BY change_seq",
        )
        .bind(watermark)
        .bind(current)
        .fetch_all(&mut *tx)
        .await?;
        let mut changes = Changes {
            watermark: current,
            ..Changes::default()
        };
        for row in rows {
            let listing = listing_from_row(&mut tx, &row).await?;
            if listing.is_open() {
                changes.upserted.push(listing);
            } else {
                changes.closed.push(listing.id);
            }
        }
        tx.commit().await?;
        Ok(changes)
    }
}

enum Outcome {
    New,
    Updated,
    Unchanged,
}

const LISTING_COLUMNS_BY_ID: &str =
    "SELECT id, body, first_seen, last_seen, closed_at FROM listings WHERE id = ?";

async fn upsert_one(
    tx: &mut Transaction<'_, Sqlite>,
    source_name: &str,
    listing: &Listing,
    now: DateTime<Utc>,
) -> Result<Outcome> {
    let known: Option<(String, Option<String>, String)> = sqlx::query_as(
        "SELECT listing_id, closed_at, url FROM sightings WHERE source_name = ? AND source_job_id = ?",
    )
    .bind(source_name)
    .bind(&listing.source_job_id)
    .fetch_optional(&mut **tx)
    .await?;

    if let Some((listing_id, sighting_closed, old_url)) = known {
        sqlx::query(
            "UPDATE sightings SET url = ?, last_seen = ?, missed_runs = 0, closed_at = NULL
             WHERE source_name = ? AND source_job_id = ?",
        )
        .bind(&listing.source_url)
        .bind(time_text(now))
        .bind(source_name)
        .bind(&listing.source_job_id)
        .execute(&mut **tx)
        .await?;
        let row = sqlx::query(
            "SELECT primary_name, body, content_hash, closed_at FROM listings WHERE id = ?",
        )
        .bind(&listing_id)
        .fetch_one(&mut **tx)
        .await?;
        let primary_name: String = row.try_get("primary_name")?;
        let old_hash: String = row.try_get("content_hash")?;
        let listing_closed: Option<String> = row.try_get("closed_at")?;
        let body: String = row.try_get("body")?;
        let primary_job_id = record::source_job_id(&body).map_err(|source| StoreError::Decode {
            id: listing_id.clone(),
            source,
        })?;
        let is_primary = primary_name == source_name && primary_job_id == listing.source_job_id;

        let content_changed = is_primary && record::content_hash(listing) != old_hash;
        let reopened = listing_closed.is_some() || sighting_closed.is_some();
        let link_changed = old_url != listing.source_url;
        if content_changed {
            write_body(tx, &listing_id, listing).await?;
        }
        if content_changed || reopened || link_changed {
            let seq = next_seq(tx).await?;
            sqlx::query(
                "UPDATE listings SET closed_at = NULL, last_seen = ?, change_seq = ? WHERE id = ?",
            )
            .bind(time_text(now))
            .bind(seq)
            .bind(&listing_id)
            .execute(&mut **tx)
            .await?;
            return Ok(Outcome::Updated);
        }
        sqlx::query("UPDATE listings SET last_seen = ? WHERE id = ?")
            .bind(time_text(now))
            .bind(&listing_id)
            .execute(&mut **tx)
            .await?;
        return Ok(Outcome::Unchanged);
    }

    if let Some((existing, reason)) = find_duplicate(tx, source_name, listing).await? {
        insert_sighting(
            tx,
            &existing,
            source_name,
            listing,
            now,
            Some(reason.describe()),
        )
        .await?;
        let primary_source: (String,) =
            sqlx::query_as("SELECT primary_source FROM listings WHERE id = ?")
                .bind(&existing)
                .fetch_one(&mut **tx)
                .await?;
        let primary_is_board =
            SourceKind::from_slug(&primary_source.0).is_some_and(SourceKind::is_employer_board);
        if listing.source.is_employer_board() && !primary_is_board {
            // The employer's own posting is the better record: its text, and its apply link.
            let mut preferred = listing.clone();
            preferred.id = ListingId::parse(&existing).unwrap_or_else(|| listing.id.clone());
            write_body(tx, &existing, &preferred).await?;
            sqlx::query("UPDATE listings SET primary_source = ?, primary_name = ? WHERE id = ?")
                .bind(listing.source.slug())
                .bind(source_name)
                .bind(&existing)
                .execute(&mut **tx)
                .await?;
        }
        let seq = next_seq(tx).await?;
        sqlx::query("UPDATE listings SET last_seen = ?, change_seq = ? WHERE id = ?")
            .bind(time_text(now))
            .bind(seq)
            .bind(&existing)
            .execute(&mut **tx)
            .await?;
        return Ok(Outcome::New);
    }

    let seq = next_seq(tx).await?;
    let id = listing.id.as_str();
    sqlx::query(
        "INSERT INTO listings (id, primary_source, primary_name, body, content_hash, company_key, simhash,
                               dated_at, first_seen, last_seen, closed_at, change_seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)
         ON CONFLICT (id) DO UPDATE SET closed_at = NULL, last_seen = excluded.last_seen,
                                        change_seq = excluded.change_seq",
    )
    .bind(id)
    .bind(listing.source.slug())
    .bind(source_name)
    .bind(record::encode(listing))
    .bind(record::content_hash(listing))
    .bind(dedup::company_key(&listing.company.name))
    .bind(simhash_column(listing))
    .bind(time_text(listing.posted_at.unwrap_or(now)))
    .bind(time_text(now))
    .bind(time_text(now))
    .bind(seq)
    .execute(&mut **tx)
    .await?;
    write_keys(tx, id, listing).await?;
    insert_sighting(tx, id, source_name, listing, now, None).await?;
    Ok(Outcome::New)
}

/// An open listing that is the same job as `listing`, with the reason, strongest signal first.
/// Never one that `source_name` already lists: a source's two postings are two jobs, however alike.
async fn find_duplicate(
    tx: &mut Transaction<'_, Sqlite>,
    source_name: &str,
    listing: &Listing,
) -> Result<Option<(String, DuplicateReason)>> {
    let keys = dedup::exact_keys(listing);
    let dated = listing.posted_at.unwrap_or(listing.fetched_at);
    let window = Duration::days(SAME_TITLE_WINDOW_DAYS);
    for (wanted_kind, reason) in [
        ("ats", DuplicateReason::SameAtsJob),
        ("url", DuplicateReason::SameUrl),
        ("company_title", DuplicateReason::SameCompanyAndTitle),
    ] {
        for (kind, key) in keys.iter().filter(|(kind, _)| *kind == wanted_kind) {
            let candidates: Vec<(String, String)> = sqlx::query_as(
                // CROSS JOIN fixes the join order: from the key to its few listings. Left to
                // itself the planner walks every open listing in id order to skip the sort.
                "SELECT l.id, l.dated_at FROM listing_keys k CROSS JOIN listings l ON l.id = k.listing_id
                 WHERE k.kind = ? AND k.key = ? AND l.closed_at IS NULL
                   AND NOT EXISTS (SELECT 1 FROM sightings s WHERE s.listing_id = l.id AND s.source_name = ?)
                 ORDER BY l.id",
            )
            .bind(kind)
            .bind(key)
            .bind(source_name)
            .fetch_all(&mut **tx)
            .await?;
            for (id, dated_at) in candidates {
                let within_window =
                    parse_time(&dated_at).is_some_and(|other| (other - dated).abs() <= window);
                if reason != DuplicateReason::SameCompanyAndTitle || within_window {
                    return Ok(Some((id, reason)));
                }
            }
        }
    }
    let company = dedup::company_key(&listing.company.name);
    let simhash = dedup::simhash(&listing.description_text);
    if company.is_empty() || listing.description_text.split_whitespace().count() < 40 {
        // Short texts share too many shingles by chance to be evidence of anything.
        return Ok(None);
    }
    let candidates: Vec<(String, i64)> = sqlx::query_as(
        // The covering index answers this without reading bodies; without INDEXED BY the planner
        // prefers walking every open listing in id order to skip sorting a few dozen rows.
        "SELECT l.id, l.simhash FROM listings l INDEXED BY listings_company_simhash
         WHERE l.company_key = ? AND l.closed_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM sightings s WHERE s.listing_id = l.id AND s.source_name = ?)
         ORDER BY l.id",
    )
    .bind(&company)
    .bind(source_name)
    .fetch_all(&mut **tx)
    .await?;
    Ok(candidates
        .into_iter()
        .find(|(_, other)| dedup::near_duplicate(simhash, *other as u64))
        .map(|(id, _)| (id, DuplicateReason::NearDuplicateDescription)))
}

async fn insert_sighting(
    tx: &mut Transaction<'_, Sqlite>,
    listing_id: &str,
    source_name: &str,
    listing: &Listing,
    now: DateTime<Utc>,
    merge_reason: Option<&str>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO sightings (source_name, source_job_id, listing_id, source_kind, url, first_seen, last_seen,
                                closed_at, missed_runs, merge_reason)
         VALUES (?, ?, ?, ?, ?, ?, ?, NULL, 0, ?)",
    )
    .bind(source_name)
    .bind(&listing.source_job_id)
    .bind(listing_id)
    .bind(listing.source.slug())
    .bind(&listing.source_url)
    .bind(time_text(now))
    .bind(time_text(now))
    .bind(merge_reason)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn write_body(tx: &mut Transaction<'_, Sqlite>, id: &str, listing: &Listing) -> Result<()> {
    sqlx::query(
        "UPDATE listings SET body = ?, content_hash = ?, company_key = ?, simhash = ?, dated_at = ? WHERE id = ?",
    )
    .bind(record::encode(listing))
    .bind(record::content_hash(listing))
    .bind(dedup::company_key(&listing.company.name))
    .bind(simhash_column(listing))
    .bind(time_text(listing.posted_at.unwrap_or(listing.fetched_at)))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM listing_keys WHERE listing_id = ?")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    write_keys(tx, id, listing).await
}

async fn write_keys(tx: &mut Transaction<'_, Sqlite>, id: &str, listing: &Listing) -> Result<()> {
    for (kind, key) in dedup::exact_keys(listing) {
        sqlx::query("INSERT OR IGNORE INTO listing_keys (listing_id, kind, key) VALUES (?, ?, ?)")
            .bind(id)
            .bind(kind)
            .bind(key)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

async fn next_seq(tx: &mut Transaction<'_, Sqlite>) -> Result<i64> {
    let (value,): (i64,) = sqlx::query_as(
        "UPDATE counters SET value = value + 1 WHERE name = 'change_seq' RETURNING value",
    )
    .fetch_one(&mut **tx)
    .await?;
    Ok(value)
}

fn simhash_column(listing: &Listing) -> i64 {
    // SQLite integers are signed; the bits are what matter.
    dedup::simhash(&listing.description_text) as i64
}

async fn listing_from_row(
    conn: &mut SqliteConnection,
    row: &sqlx::sqlite::SqliteRow,
) -> Result<Listing> {
    let id: String = row.try_get("id")?;
    let body: String = row.try_get("body")?;
    let mut listing = record::decode(&id, &body).map_err(|source| StoreError::Decode {
        id: id.clone(),
        source,
    })?;
    let first_seen: String = row.try_get("first_seen")?;
    let last_seen: String = row.try_get("last_seen")?;
    let closed_at: Option<String> = row.try_get("closed_at")?;
    listing.freshness = Freshness {
        first_seen: parse_time(&first_seen).unwrap_or(listing.fetched_at),
        last_seen: parse_time(&last_seen).unwrap_or(listing.fetched_at),
        closed_at: closed_at.as_deref().and_then(parse_time),
    };
    let sightings = sqlx::query(
        "SELECT source_name, source_job_id, source_kind, url, first_seen, last_seen, closed_at, merge_reason
         FROM sightings WHERE listing_id = ? ORDER BY merge_reason IS NOT NULL, first_seen, source_name",
    )
    .bind(&id)
    .fetch_all(&mut *conn)
    .await?;
    listing.sightings = sightings
        .iter()
        .filter_map(|row| {
            let kind: String = row.try_get("source_kind").ok()?;
            let first_seen: String = row.try_get("first_seen").ok()?;
            let last_seen: String = row.try_get("last_seen").ok()?;
            let closed_at: Option<String> = row.try_get("closed_at").ok()?;
            Some(Sighting {
                source: SourceKind::from_slug(&kind)?,
                source_name: row.try_get("source_name").ok()?,
                source_job_id: row.try_get("source_job_id").ok()?,
                url: row.try_get("url").ok()?,
                first_seen: parse_time(&first_seen)?,
                last_seen: parse_time(&last_seen)?,
                closed_at: closed_at.as_deref().and_then(parse_time),
                merge_reason: row.try_get("merge_reason").ok()?,
            })
        })
        .collect();
    Ok(listing)
}
