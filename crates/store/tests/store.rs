//! Store behaviour on a temporary SQLite file: migrations, upserts, duplicate merging, the
//! freshness ledger, reader isolation and clear errors on bad files.

use chrono::{DateTime, Duration, TimeZone, Utc};
use futures::TryStreamExt;
use prepboard_core::{
    Company, Eligibility, EmploymentType, Freshness, Listing, ListingId, Seniority, SourceKind,
    TitleFamily, WorkplaceType,
};
use prepboard_store::{FetchOutcomeKind, FetchRun, SourceState, Store, StoreError};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).unwrap()
}

fn listing(source: SourceKind, job_id: &str, title: &str, company: &str) -> Listing {
    let url = match source {
        SourceKind::Greenhouse => format!("https://job-boards.greenhouse.io/acme/jobs/{job_id}"),
        _ => format!("https://weworkremotely.com/remote-jobs/{job_id}"),
    };
    Listing {
        id: ListingId::derive(source, job_id),
        source,
        source_job_id: job_id.to_owned(),
        source_url: url.clone(),
        apply_url: Some(url),
        title: title.to_owned(),
        company: Company {
            name: company.to_owned(),
            url: None,
            logo_url: None,
        },
        description_html: format!("<p>{title} at {company}</p>"),
        description_text: format!("{title} at {company}"),
        tags: vec!["backend".to_owned()],
        employment_type: EmploymentType::FullTime,
        workplace: WorkplaceType::Remote,
        location_text: "Remote".to_owned(),
        eligibility: Eligibility::unknown(),
        salary: None,
        seniority: Seniority::Senior,
        family: TitleFamily::BackendEngineer,
        skills: Vec::new(),
        posted_at: Some(t0() - Duration::days(1)),
        valid_through: None,
        fetched_at: t0(),
        from_snapshot: false,
        freshness: Freshness::seen_once(t0()),
        sightings: Vec::new(),
    }
}

async fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("data").join("prepboard.sqlite"))
        .await
        .unwrap();
    (dir, store)
}

fn batch() -> Vec<Listing> {
    vec![
        listing(
            SourceKind::Greenhouse,
            "101",
            "Senior Backend Engineer",
            "Acme",
        ),
        listing(SourceKind::Greenhouse, "102", "API Engineer", "Acme"),
        listing(
            SourceKind::Greenhouse,
            "103",
            "Staff Platform Engineer",
            "Acme",
        ),
    ]
}

fn success(source: &str, at: DateTime<Utc>) -> FetchRun {
    FetchRun {
        source_name: source.to_owned(),
        started_at: at,
        finished_at: at + Duration::seconds(2),
        outcome: FetchOutcomeKind::Success,
        http_status: Some(200),
        new: 0,
        updated: 0,
        unchanged: 0,
        closed: 0,
        error: None,
    }
}

#[tokio::test]
async fn migrations_apply_from_empty() {
    let (_dir, store) = temp_store().await;
    assert_eq!(store.count_open().await.unwrap(), 0);
    assert_eq!(store.watermark().await.unwrap(), 0);
    assert!(store.known_source_names().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_store_keeps_one_identity_and_another_store_has_another() {
    let (dir, store) = temp_store().await;
    let id = store.identity().await.unwrap();
    assert_eq!(id.len(), 32, "{id}");
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()), "{id}");
    let path = store.path().to_owned();
    store.close().await;
    let reopened = Store::open(&path).await.unwrap();
    assert_eq!(reopened.identity().await.unwrap(), id, "kept across opens");
    let other = Store::open(&dir.path().join("other.sqlite")).await.unwrap();
    assert_ne!(other.identity().await.unwrap(), id);
}

#[tokio::test]
async fn the_same_batch_twice_is_unchanged_the_second_time() {
    let (_dir, store) = temp_store().await;
    let first = store
        .upsert_batch("greenhouse:acme", &batch(), t0())
        .await
        .unwrap();
    assert_eq!((first.new, first.updated, first.unchanged), (3, 0, 0));
    let watermark = store.watermark().await.unwrap();

    let later = t0() + Duration::hours(6);
    let mut again = batch();
    for listing in &mut again {
        listing.fetched_at = later; // fetch time alone is not a change
    }
    let second = store
        .upsert_batch("greenhouse:acme", &again, later)
        .await
        .unwrap();
    assert_eq!((second.new, second.updated, second.unchanged), (0, 0, 3));
    assert_eq!(
        store.watermark().await.unwrap(),
        watermark,
        "nothing for the index to do"
    );

    let stored = store.get_listing(&again[0].id).await.unwrap().unwrap();
    assert_eq!(stored.freshness.first_seen, t0());
    assert_eq!(stored.freshness.last_seen, later);

    again[1].title = "Senior API Engineer".to_owned();
    let third = store
        .upsert_batch("greenhouse:acme", &again, later)
        .await
        .unwrap();
    assert_eq!((third.new, third.updated, third.unchanged), (0, 1, 2));
    let changes = store.changes_since(watermark).await.unwrap();
    assert_eq!(changes.upserted.len(), 1);
    assert_eq!(changes.upserted[0].title, "Senior API Engineer");
    assert!(changes.watermark > watermark);
}

#[tokio::test]
async fn a_job_on_two_sources_is_one_listing_with_both_links() {
    let (_dir, store) = temp_store().await;
    // WWR sees it first; its apply link is the employer's Greenhouse posting.
    let mut from_wwr = listing(
        SourceKind::WeWorkRemotely,
        "acme-senior-backend",
        "Senior Backend Engineer",
        "Acme",
    );
    from_wwr.apply_url =
        Some("https://job-boards.greenhouse.io/acme/jobs/101?gh_src=wwr".to_owned());
    let counts = store
        .upsert_batch("wwr", &[from_wwr.clone()], t0())
        .await
        .unwrap();
    assert_eq!(counts.new, 1);

    let from_board = listing(
        SourceKind::Greenhouse,
        "101",
        "Senior Backend Engineer",
        "Acme Inc.",
    );
    let counts = store
        .upsert_batch("greenhouse:acme", std::slice::from_ref(&from_board), t0())
        .await
        .unwrap();
    assert_eq!(
        counts.new, 1,
        "new to this source, merged into the existing listing"
    );
    assert_eq!(store.count_open().await.unwrap(), 1);

    let merged = store.get_listing(&from_wwr.id).await.unwrap().unwrap();
    let urls: Vec<&str> = merged.sightings.iter().map(|s| s.url.as_str()).collect();
    assert_eq!(
        urls,
        vec![from_wwr.source_url.as_str(), from_board.source_url.as_str()]
    );
    assert_eq!(
        merged.sightings[1].merge_reason.as_deref(),
        Some("same ATS job id")
    );
    // The employer's own posting becomes the primary record, so its apply link is preferred.
    assert_eq!(merged.source, SourceKind::Greenhouse);
    assert_eq!(merged.apply_url, from_board.apply_url);
    assert_eq!(merged.id, from_wwr.id, "the id people linked to stays");
}

#[tokio::test]
async fn same_company_and_title_merge_only_within_thirty_days_and_never_within_one_source() {
    let (_dir, store) = temp_store().await;
    let a = listing(
        SourceKind::RemoteOk,
        "1",
        "Backend Engineer (Remote)",
        "Globex",
    );
    store
        .upsert_batch("remoteok", std::slice::from_ref(&a), t0())
        .await
        .unwrap();

    let mut b = listing(
        SourceKind::WeWorkRemotely,
        "globex-backend",
        "Backend Engineer",
        "Globex, Inc.",
    );
    b.posted_at = Some(t0() + Duration::days(3));
    store.upsert_batch("wwr", &[b], t0()).await.unwrap();
    assert_eq!(store.count_open().await.unwrap(), 1);

    let mut much_later = listing(SourceKind::Remotive, "9", "Backend Engineer", "Globex");
    much_later.posted_at = Some(t0() + Duration::days(90));
    store
        .upsert_batch("remotive", &[much_later], t0())
        .await
        .unwrap();
    assert_eq!(
        store.count_open().await.unwrap(),
        2,
        "a re-post months later is a new job"
    );

    let twin = listing(SourceKind::RemoteOk, "2", "Backend Engineer", "Globex");
    store.upsert_batch("remoteok", &[twin], t0()).await.unwrap();
    assert_eq!(
        store.count_open().await.unwrap(),
        3,
        "one source's two postings stay two listings"
    );
}

#[tokio::test]
async fn listings_close_after_n_successful_runs_without_them_and_never_after_a_failure() {
    let (_dir, store) = temp_store().await;
    let source = "greenhouse:acme";
    let all = batch();
    let without_last = &all[..2];
    let gone = all[2].id.clone();
    store.upsert_batch(source, &all, t0()).await.unwrap();

    // Run 1 (successful) without the third job: missed once, still open.
    let run1 = t0() + Duration::hours(1);
    store
        .upsert_batch(source, without_last, run1)
        .await
        .unwrap();
    assert_eq!(store.close_missing(source, run1, 2, run1).await.unwrap(), 0);
    assert!(store.get_listing(&gone).await.unwrap().unwrap().is_open());

    // A failed run records the failure and closes nothing (close_missing is not called for it).
    let mut failed = success(source, t0() + Duration::hours(2));
    failed.outcome = FetchOutcomeKind::Failed;
    failed.error = Some("HTTP 500".to_owned());
    store.record_fetch_run(&failed).await.unwrap();
    assert!(store.get_listing(&gone).await.unwrap().unwrap().is_open());

    // Run 2 (successful) without it: second consecutive miss, closed.
    let watermark = store.watermark().await.unwrap();
    let run2 = t0() + Duration::hours(3);
    store
        .upsert_batch(source, without_last, run2)
        .await
        .unwrap();
    assert_eq!(store.close_missing(source, run2, 2, run2).await.unwrap(), 1);
    let closed = store.get_listing(&gone).await.unwrap().unwrap();
    assert_eq!(closed.freshness.closed_at, Some(run2));
    assert_eq!(store.count_open().await.unwrap(), 2);
    let changes = store.changes_since(watermark).await.unwrap();
    assert_eq!(changes.closed, vec![gone.clone()]);

    // It comes back: reopened.
    let run3 = t0() + Duration::hours(4);
    let counts = store.upsert_batch(source, &all, run3).await.unwrap();
    assert_eq!(counts.updated, 1);
    assert!(store.get_listing(&gone).await.unwrap().unwrap().is_open());
}

#[tokio::test]
async fn a_miss_is_forgotten_once_the_job_is_seen_again() {
    let (_dir, store) = temp_store().await;
    let source = "greenhouse:acme";
    let all = batch();
    store.upsert_batch(source, &all, t0()).await.unwrap();
    let run1 = t0() + Duration::hours(1);
    store.upsert_batch(source, &all[..2], run1).await.unwrap();
    store.close_missing(source, run1, 2, run1).await.unwrap();
    let run2 = t0() + Duration::hours(2);
    store.upsert_batch(source, &all, run2).await.unwrap();
    store.close_missing(source, run2, 2, run2).await.unwrap();
    let run3 = t0() + Duration::hours(3);
    store.upsert_batch(source, &all[..2], run3).await.unwrap();
    assert_eq!(
        store.close_missing(source, run3, 2, run3).await.unwrap(),
        0,
        "misses must be consecutive"
    );
}

#[tokio::test]
async fn not_modified_marks_everything_seen() {
    let (_dir, store) = temp_store().await;
    store
        .upsert_batch("greenhouse:acme", &batch(), t0())
        .await
        .unwrap();
    let later = t0() + Duration::hours(1);
    assert_eq!(
        store
            .mark_source_unchanged("greenhouse:acme", later)
            .await
            .unwrap(),
        3
    );
    assert_eq!(
        store
            .close_missing("greenhouse:acme", later, 1, later)
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn runs_and_source_state_are_recorded() {
    let (_dir, store) = temp_store().await;
    let source = "remotive";
    let mut failed = success(source, t0());
    failed.outcome = FetchOutcomeKind::Failed;
    failed.http_status = Some(503);
    failed.error = Some("HTTP 503 from https://remotive.com/api/remote-jobs".to_owned());
    store.record_fetch_run(&failed).await.unwrap();
    let summary = &store.source_summaries(&[source.to_owned()]).await.unwrap()[0];
    assert_eq!(
        summary.last_run.as_ref().unwrap().outcome,
        FetchOutcomeKind::Failed
    );
    assert_eq!(summary.failures_since_success, 1);
    assert_eq!(summary.last_success_at, None);

    let ok = success(source, t0() + Duration::hours(7));
    store.record_fetch_run(&ok).await.unwrap();
    store
        .save_source_state(
            source,
            &SourceState {
                etag: Some("\"v1\"".to_owned()),
                ..SourceState::default()
            },
        )
        .await
        .unwrap();
    let state = store.source_state(source).await.unwrap();
    assert_eq!(state.etag.as_deref(), Some("\"v1\""));
    assert_eq!(
        state.last_success_at,
        Some(ok.finished_at),
        "saving validators keeps the success time"
    );
    let summary = &store.source_summaries(&[source.to_owned()]).await.unwrap()[0];
    assert_eq!(summary.failures_since_success, 0);
    assert_eq!(
        store
            .recent_attempts(source, t0() - Duration::days(1))
            .await
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn open_listings_streams_only_open_ones() {
    let (_dir, store) = temp_store().await;
    store
        .upsert_batch("greenhouse:acme", &batch(), t0())
        .await
        .unwrap();
    let later = t0() + Duration::hours(1);
    store
        .upsert_batch("greenhouse:acme", &batch()[..1], later)
        .await
        .unwrap();
    store
        .close_missing("greenhouse:acme", later, 1, later)
        .await
        .unwrap();
    let open: Vec<Listing> = store.open_listings().try_collect().await.unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].title, "Senior Backend Engineer");
    assert_eq!(open[0].sightings.len(), 1);
}

#[tokio::test]
async fn a_reader_sees_a_consistent_view_during_a_write() {
    use sqlx::Connection;
    let (dir, store) = temp_store().await;
    store
        .upsert_batch("greenhouse:acme", &batch(), t0())
        .await
        .unwrap();

    // Another process's long write: a write transaction left open with uncommitted rows.
    let path = dir.path().join("data").join("prepboard.sqlite");
    let mut other = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let mut write = other.begin().await.unwrap();
    for n in 0..500 {
        sqlx::query(
            "INSERT INTO listings (id, primary_source, primary_name, body, content_hash, company_key, simhash,
                                   dated_at, first_seen, last_seen, change_seq)
             SELECT printf('%016x', ?), primary_source, primary_name, body, content_hash, company_key, simhash,
                    dated_at, first_seen, last_seen, change_seq FROM listings LIMIT 1",
        )
        .bind(n)
        .execute(&mut *write)
        .await
        .unwrap();
    }

    // While it is open, reads neither block nor see any of it.
    let open = tokio::time::timeout(std::time::Duration::from_secs(5), store.count_open()).await;
    assert_eq!(
        open.expect("a reader must not wait for the writer")
            .unwrap(),
        3
    );
    let streamed: Vec<Listing> = store.open_listings().try_collect().await.unwrap();
    assert_eq!(streamed.len(), 3);

    write.commit().await.unwrap();
    assert_eq!(store.count_open().await.unwrap(), 503);
}

#[tokio::test]
async fn a_corrupt_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("prepboard.sqlite");
    std::fs::write(
        &path,
        b"this is not a database, it is a shopping list: eggs, milk, bread",
    )
    .unwrap();
    let error = Store::open(&path).await.unwrap_err();
    assert!(matches!(error, StoreError::Corrupt { .. }), "{error:?}");
    let message = error.to_string();
    assert!(
        message.contains("is not a prepboard database or is damaged"),
        "{message}"
    );
    assert!(message.contains("prepboard.sqlite"), "{message}");
}

#[tokio::test]
async fn a_database_from_a_newer_prepboard_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("prepboard.sqlite");
    let store = Store::open(&path).await.unwrap();
    store.close().await;
    {
        use sqlx::Connection;
        let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
            .await
            .unwrap();
        sqlx::query(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
             VALUES (9999, 'from the future', 1, x'00', 0)",
        )
        .execute(&mut conn)
        .await
        .unwrap();
        conn.close().await.unwrap();
    }
    let error = Store::open(&path).await.unwrap_err();
    assert!(
        matches!(error, StoreError::NewerSchema { found: 9_999, .. }),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("written by a newer prepboard"),
        "{error}"
    );
}
