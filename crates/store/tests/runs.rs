//! What guards a run's closures, on a temporary SQLite file: what a run read, its coverage of the
//! listings its source showed before, held suspect runs, and migration 0004 keeping old runs.

use chrono::{DateTime, Duration, TimeZone, Utc};
use prepboard_core::{
    Company, Eligibility, EmploymentType, Freshness, Listing, ListingId, Seniority, SourceKind,
    TitleFamily, WorkplaceType,
};
use prepboard_store::{FetchOutcomeKind, FetchRun, RunCoverage, RunReading, Store};

const SOURCE: &str = "greenhouse:acme";

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).unwrap()
}

fn listing(job_id: &str) -> Listing {
    let url = format!("https://job-boards.greenhouse.io/acme/jobs/{job_id}");
    Listing {
        id: ListingId::derive(SourceKind::Greenhouse, job_id),
        source: SourceKind::Greenhouse,
        source_job_id: job_id.to_owned(),
        source_url: url.clone(),
        apply_url: Some(url),
        title: format!("Backend Engineer {job_id}"),
        company: Company {
            name: "Acme".to_owned(),
            url: None,
            logo_url: None,
        },
        description_html: format!("<p>Job {job_id}: Rust services and their APIs</p>"),
        description_text: format!("Job {job_id}: Rust services and their APIs"),
        tags: Vec::new(),
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

fn listings(ids: &[&str]) -> Vec<Listing> {
    ids.iter().map(|id| listing(id)).collect()
}

fn run(outcome: FetchOutcomeKind, at: DateTime<Utc>) -> FetchRun {
    FetchRun {
        source_name: SOURCE.to_owned(),
        started_at: at,
        finished_at: at + Duration::seconds(2),
        outcome,
        http_status: Some(200),
        new: 0,
        updated: 0,
        unchanged: 0,
        closed: 0,
        error: None,
    }
}

async fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("prepboard.sqlite"))
        .await
        .unwrap();
    (dir, store)
}

#[tokio::test]
async fn coverage_counts_what_the_source_showed_before_and_the_run_lacks() {
    let (_dir, store) = temp_store().await;
    let first = t0();
    store
        .upsert_batch(SOURCE, &listings(&["1", "2", "3", "4"]), first)
        .await
        .unwrap();
    let check = |coverage: RunCoverage, open: u64, missing: u64| {
        assert_eq!(coverage, RunCoverage { open, missing });
    };
    // Nothing was there before the first run.
    check(store.run_coverage(SOURCE, first).await.unwrap(), 0, 0);

    // Run 2 keeps two and adds two new ones: the new ones are not counted.
    let second = t0() + Duration::hours(1);
    store
        .upsert_batch(SOURCE, &listings(&["1", "2", "5", "6"]), second)
        .await
        .unwrap();
    check(store.run_coverage(SOURCE, second).await.unwrap(), 4, 2);
    store
        .close_missing(SOURCE, second, 2, second)
        .await
        .unwrap();

    // Run 3 lists nothing: 3 and 4 were already missed once, so only what run 2 showed counts.
    let third = t0() + Duration::hours(2);
    store.upsert_batch(SOURCE, &[], third).await.unwrap();
    check(store.run_coverage(SOURCE, third).await.unwrap(), 4, 4);
    // Another source's listings are not this source's.
    check(store.run_coverage("lever:acme", third).await.unwrap(), 0, 0);
}

#[tokio::test]
async fn a_suspect_run_is_held_until_a_run_that_read_the_source_follows() {
    let (_dir, store) = temp_store().await;
    let at = |hours: i64| t0() + Duration::hours(hours);
    assert_eq!(store.held_drop(SOURCE).await.unwrap(), None);
    store
        .record_fetch_run(&run(FetchOutcomeKind::Success, at(0)))
        .await
        .unwrap();
    assert_eq!(store.held_drop(SOURCE).await.unwrap(), None);

    let mut suspect = run(FetchOutcomeKind::Suspect, at(1));
    suspect.error = Some("this run lacks 5 of the 5 listings".to_owned());
    store.record_fetch_run(&suspect).await.unwrap();
    // A suspect run is not a success: the last success stays the one before.
    let summary = store.source_summaries(&[SOURCE.to_owned()]).await.unwrap();
    assert_eq!(
        summary[0].last_success_at,
        Some(at(0) + Duration::seconds(2))
    );
    assert_eq!(summary[0].held_drop.as_ref(), Some(&suspect));

    // Failed and skipped runs neither settle nor hide it.
    for (hours, outcome) in [
        (2, FetchOutcomeKind::Failed),
        (3, FetchOutcomeKind::Skipped),
    ] {
        store
            .record_fetch_run(&run(outcome, at(hours)))
            .await
            .unwrap();
        assert_eq!(
            store.held_drop(SOURCE).await.unwrap().as_ref(),
            Some(&suspect)
        );
    }
    let summary = store.source_summaries(&[SOURCE.to_owned()]).await.unwrap();
    assert_eq!(
        summary[0].last_run.as_ref().map(|run| run.outcome),
        Some(FetchOutcomeKind::Skipped)
    );
    assert_eq!(summary[0].held_drop.as_ref(), Some(&suspect));

    // A run that read the source settles it (a 304 as much as a 200).
    store
        .record_fetch_run(&run(FetchOutcomeKind::NotModified, at(4)))
        .await
        .unwrap();
    assert_eq!(store.held_drop(SOURCE).await.unwrap(), None);
    // Suspect runs count against a poll budget: a request was made.
    assert_eq!(
        store.recent_attempts(SOURCE, at(-1)).await.unwrap().len(),
        4,
        "success, suspect, failed and not-modified; not the skip"
    );
}

#[tokio::test]
async fn what_a_run_read_is_recorded_with_it() {
    let (_dir, store) = temp_store().await;
    let mut failed = run(FetchOutcomeKind::Failed, t0());
    failed.error =
        Some("none of the 3 item(s) from Greenhouse board `acme` could be read".to_owned());
    let reading = RunReading {
        fetched: 0,
        unreadable: 3,
        first_unreadable: vec![
            "jobs[0].id: expected an id".to_owned(),
            "jobs[1].id: expected an id".to_owned(),
        ],
    };
    store
        .record_fetch_run_reading(&failed, &reading)
        .await
        .unwrap();
    let summary = store.source_summaries(&[SOURCE.to_owned()]).await.unwrap();
    assert_eq!(summary[0].last_run.as_ref(), Some(&failed));
    assert_eq!(summary[0].last_reading.as_ref(), Some(&reading));

    // A run recorded without a reading reads back as one with nothing in it.
    store
        .record_fetch_run(&run(FetchOutcomeKind::Success, t0() + Duration::hours(1)))
        .await
        .unwrap();
    let summary = store.source_summaries(&[SOURCE.to_owned()]).await.unwrap();
    assert_eq!(summary[0].last_reading, Some(RunReading::default()));
}

#[tokio::test]
async fn migration_0004_keeps_the_runs_recorded_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("prepboard.sqlite");
    // The store as the build before 0004 left it.
    let old_migrations = dir.path().join("migrations");
    std::fs::create_dir(&old_migrations).unwrap();
    let all = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations");
    for entry in std::fs::read_dir(&all).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        if name.as_str() < "0004" {
            std::fs::copy(entry.path(), old_migrations.join(&name)).unwrap();
        }
    }
    {
        let options = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true);
        let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
        sqlx::migrate::Migrator::new(old_migrations.as_path())
            .await
            .unwrap()
            .run(&pool)
            .await
            .unwrap();
        sqlx::query(
            "INSERT INTO fetch_runs (source_name, started_at, finished_at, outcome, http_status,
                                     new_count, updated_count, unchanged_count, closed_count, error)
             VALUES (?, '2026-11-01T12:00:00.000000Z', '2026-11-01T12:00:02.000000Z',
                     'failed', 503, 1, 2, 3, 4, 'HTTP 503')",
        )
        .bind(SOURCE)
        .execute(&pool)
        .await
        .unwrap();
        pool.close().await;
    }

    let store = Store::open(&path).await.unwrap();
    let summary = store.source_summaries(&[SOURCE.to_owned()]).await.unwrap();
    let old = summary[0].last_run.clone().unwrap();
    assert_eq!(old.outcome, FetchOutcomeKind::Failed);
    assert_eq!(old.http_status, Some(503));
    assert_eq!(
        (old.new, old.updated, old.unchanged, old.closed),
        (1, 2, 3, 4)
    );
    assert_eq!(old.error.as_deref(), Some("HTTP 503"));
    assert_eq!(summary[0].last_reading, Some(RunReading::default()));
    // New rows take the next id, and a suspect run is allowed now.
    let id = store
        .record_fetch_run(&run(FetchOutcomeKind::Suspect, t0() + Duration::hours(1)))
        .await
        .unwrap();
    assert_eq!(id, 2);
}
