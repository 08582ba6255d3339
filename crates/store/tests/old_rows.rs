//! Rows written before the versioned listing record still decode, keep their ledger and sightings,
//! and do not count as changed when the same listing comes again: the store recomputes their change
//! hashes once, at open (migration 0006 and `record::CONTENT_HASH_VERSION`).

use chrono::{TimeZone, Utc};
use prepboard_core::{
    EligibilityScope, ListingId, Seniority, SourceKind, TitleFamily, WorkplaceType,
};
use prepboard_store::Store;
use sqlx::Connection;

const OLD_ROWS: &str = include_str!("fixtures/rows_before_record_v1.sql");

/// The listing the old rows hold, as the source would send it again: no ledger, no sightings.
/// (Read back rather than normalised again, so a later change to the normaliser does not make
/// this test about the normaliser.)
async fn the_same_listing(store: &Store) -> prepboard_core::Listing {
    let id = ListingId::parse("a21696f62fb7b639").unwrap();
    let mut listing = store.get_listing(&id).await.unwrap().unwrap();
    listing.sightings.clear();
    listing.freshness = prepboard_core::Freshness::seen_once(listing.fetched_at);
    listing
}

/// A store at migration 0005 holding the captured rows, then opened by this version.
async fn store_with_old_rows(dir: &std::path::Path) -> Store {
    let path = dir.join("prepboard.sqlite");
    let store = Store::open(&path).await.unwrap();
    store.close().await;
    // Put the rows back as the old version left them: its hashes, and the hash version it knew.
    let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    sqlx::raw_sql(OLD_ROWS).execute(&mut conn).await.unwrap();
    sqlx::query("UPDATE counters SET value = 1 WHERE name = 'content_hash_version'")
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    Store::open(&path).await.unwrap()
}

#[tokio::test]
async fn a_row_written_before_the_record_decodes_whole() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with_old_rows(dir.path()).await;
    let id = ListingId::parse("a21696f62fb7b639").unwrap();
    let listing = store
        .get_listing(&id)
        .await
        .unwrap()
        .expect("the old row is there");
    assert_eq!(listing.id, id);
    assert_eq!(listing.source, SourceKind::Greenhouse);
    assert_eq!(listing.title, "Senior Backend Engineer, Payments API");
    assert_eq!(listing.company.name, "Acme Payments");
    assert_eq!(listing.family, TitleFamily::ApiEngineer);
    assert_eq!(listing.seniority, Seniority::Senior);
    assert_eq!(listing.workplace, WorkplaceType::Remote);
    assert_eq!(listing.eligibility.scope, EligibilityScope::Restricted);
    assert_eq!(listing.eligibility.countries, ["CA", "US"]);
    let band = listing.eligibility.utc_band.expect("the UTC band survives");
    assert_eq!(
        (band.min_offset_minutes, band.max_offset_minutes),
        (-480, -300)
    );
    assert_eq!(
        listing
            .eligibility
            .workplace_evidence
            .as_ref()
            .map(|e| e.text.as_str()),
        Some("Workplace Type: Remote")
    );
    let salary = listing.salary.as_ref().expect("the salary survives");
    assert_eq!(
        (salary.yearly_usd_min, salary.yearly_usd_max),
        (Some(170_000), Some(210_000))
    );
    assert!(listing.skill_ids().any(|skill| skill == "kafka"));
    // The ledger and the sightings come from their columns, the primary sighting first.
    assert_eq!(
        listing.freshness.first_seen,
        Utc.with_ymd_and_hms(2026, 12, 1, 9, 30, 0).unwrap()
    );
    let sources: Vec<&str> = listing
        .sightings
        .iter()
        .map(|s| s.source_name.as_str())
        .collect();
    assert_eq!(sources, ["greenhouse:acme", "wwr"]);
    assert!(listing.sightings[1].merge_reason.is_some());
    assert_eq!(store.watermark().await.unwrap(), 2);
}

#[tokio::test]
async fn the_same_listing_again_is_unchanged_after_the_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with_old_rows(dir.path()).await;
    let later = Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).unwrap();
    let counts = store
        .upsert_batch("greenhouse:acme", &[the_same_listing(&store).await], later)
        .await
        .unwrap();
    assert_eq!(
        (counts.new, counts.updated, counts.unchanged),
        (0, 0, 1),
        "{counts:?}"
    );
    assert_eq!(
        store.watermark().await.unwrap(),
        2,
        "nothing for the index to apply"
    );

    // A real change is still one.
    let mut edited = the_same_listing(&store).await;
    edited.title = "Staff Backend Engineer, Payments API".to_owned();
    let counts = store
        .upsert_batch("greenhouse:acme", &[edited], later)
        .await
        .unwrap();
    assert_eq!(counts.updated, 1, "{counts:?}");
}
