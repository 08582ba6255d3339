//! Prep pages in the store: saving a page's questions, reading them back for the matcher, and a
//! failed fetch that records why while keeping the questions of the last good one.

use chrono::{DateTime, TimeZone, Utc};
use prepboard_core::prep::PrepQuestion;
use prepboard_store::{PrepPageStatus, Store};

fn at(hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 1, hour, 0, 0).unwrap()
}

fn question(position: u32, text: &str, answer: Option<&str>) -> PrepQuestion {
    PrepQuestion {
        position,
        question: text.to_owned(),
        answer: answer.map(str::to_owned),
    }
}

const URL: &str = "https://www.example.com/guide/api-engineer/restful-api-design";

#[tokio::test]
async fn saved_questions_load_back_by_entry_in_page_order() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("prep.db")).await.unwrap();
    assert!(store.prep_questions().await.unwrap().is_empty());

    let questions = vec![
        question(1, "What is REST?", Some("A style.")),
        question(2, "PUT or PATCH?", None),
    ];
    store
        .save_prep_page("rr-rest", URL, at(6), Ok(("REST guide", &questions)))
        .await
        .unwrap();
    let loaded = store.prep_questions().await.unwrap();
    assert_eq!(loaded.len(), 1);
    assert_eq!(loaded["rr-rest"], questions);

    // A new fetch replaces the questions, not appends to them.
    let fewer = vec![question(1, "What is HATEOAS?", Some("Links."))];
    store
        .save_prep_page("rr-rest", URL, at(7), Ok(("REST guide, v2", &fewer)))
        .await
        .unwrap();
    assert_eq!(store.prep_questions().await.unwrap()["rr-rest"], fewer);

    let statuses = store.prep_page_statuses().await.unwrap();
    assert_eq!(statuses.len(), 1);
    let record = &statuses[0];
    assert_eq!(record.status, PrepPageStatus::Ok);
    assert_eq!(record.title.as_deref(), Some("REST guide, v2"));
    assert_eq!(record.fetched_at, at(7));
    assert_eq!(record.last_ok_at, Some(at(7)));
    assert_eq!(record.error, None);
    assert_eq!(record.questions, 1);
}

#[tokio::test]
async fn a_failed_fetch_keeps_the_last_questions_and_records_why() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("prep.db")).await.unwrap();
    let questions = vec![question(1, "What is REST?", Some("A style."))];
    store
        .save_prep_page("rr-rest", URL, at(6), Ok(("REST guide", &questions)))
        .await
        .unwrap();
    store
        .save_prep_page("rr-rest", URL, at(8), Err("HTTP 503 from the guide"))
        .await
        .unwrap();

    assert_eq!(store.prep_questions().await.unwrap()["rr-rest"], questions);
    let record = &store.prep_page_statuses().await.unwrap()[0];
    assert_eq!(record.status, PrepPageStatus::Failed);
    assert_eq!(record.error.as_deref(), Some("HTTP 503 from the guide"));
    assert_eq!(record.fetched_at, at(8));
    assert_eq!(
        record.last_ok_at,
        Some(at(6)),
        "the last good fetch is remembered"
    );
    assert_eq!(record.title.as_deref(), Some("REST guide"));
    assert_eq!(record.questions, 1);

    // A page that never loaded is recorded too, with no questions.
    store
        .save_prep_page(
            "kafka-introduction",
            "https://kafka.example/intro",
            at(9),
            Err("robots.txt disallows it"),
        )
        .await
        .unwrap();
    let statuses = store.prep_page_statuses().await.unwrap();
    let ids: Vec<&str> = statuses.iter().map(|r| r.entry_id.as_str()).collect();
    assert_eq!(ids, ["kafka-introduction", "rr-rest"]);
    assert_eq!(statuses[0].last_ok_at, None);
    assert_eq!(statuses[0].questions, 0);
    assert!(
        !store
            .prep_questions()
            .await
            .unwrap()
            .contains_key("kafka-introduction")
    );

    // And a later success clears the error.
    store
        .save_prep_page("rr-rest", URL, at(10), Ok(("REST guide", &questions)))
        .await
        .unwrap();
    let record = store
        .prep_page_statuses()
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.entry_id == "rr-rest")
        .unwrap();
    assert_eq!((record.status, record.error), (PrepPageStatus::Ok, None));
}
