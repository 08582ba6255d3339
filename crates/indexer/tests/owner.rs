//! One owner per index, every other process following it: the owner lock, following commits and
//! rebuilds, generations kept while someone serves them, leftovers swept, and the store's identity
//! recorded with each commit. Two handles in one process stand in for two processes: the locks are
//! per open file, as they are between processes.

mod support;

use prepboard_core::ListingId;
use prepboard_core::search::SearchRequest;
use prepboard_indexer::{IndexError, SearchIndex};
use support::corpus::{self, Vocabulary};

fn every_listing() -> SearchRequest {
    SearchRequest {
        per_page: 1,
        ..SearchRequest::default()
    }
}

fn generation_dirs(root: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.starts_with("gen-") && !name.ends_with(".lock"))
        .collect();
    names.sort();
    names
}

#[test]
fn a_second_writer_is_refused_and_told_who_holds_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("index");
    let owner = SearchIndex::open_owned(&root, "prepboard up").unwrap();
    assert!(owner.is_owner());

    let refused = SearchIndex::open_owned(&root, "prepboard index").unwrap_err();
    let IndexError::OwnedElsewhere { holder, .. } = &refused else {
        panic!("expected OwnedElsewhere, got {refused:?}");
    };
    assert!(
        holder.starts_with(&format!("prepboard up (pid {}", std::process::id())),
        "{holder}"
    );
    let message = refused.to_string();
    assert!(message.contains("prepboard up (pid"), "{message}");
    assert!(
        message.contains("OWNER"),
        "the message names the lock file: {message}"
    );

    // Ownership goes with the handle (and, between processes, with the process).
    drop(owner);
    let next = SearchIndex::open_owned(&root, "prepboard index").unwrap();
    // And it can be given up while serving on: serve updates at start, then lets others own it.
    next.stop_owning();
    assert!(!next.is_owner());
    assert!(matches!(next.apply(&[], &[], 1), Err(IndexError::NotOwner)));
    let other = SearchIndex::open_owned(&root, "prepboard index").unwrap();
    assert!(other.is_owner());
}

#[test]
fn a_follower_reads_but_never_writes_and_needs_a_built_index() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("index");
    assert!(matches!(
        SearchIndex::open_following(&root),
        Err(IndexError::NotBuilt { .. })
    ));
    let _owner = SearchIndex::open_owned(&root, "prepboard up").unwrap();
    let follower = SearchIndex::open_following(&root).unwrap();
    assert!(!follower.is_owner());
    assert!(matches!(
        follower.apply(&[], &[], 1),
        Err(IndexError::NotOwner)
    ));
    assert!(matches!(
        follower.rebuild(Vec::new(), 1),
        Err(IndexError::NotOwner)
    ));
}

#[test]
fn a_follower_picks_up_each_commit_and_rebuild_of_the_owner() {
    let vocabulary = Vocabulary::from_fixtures();
    let listings = corpus::generate(&vocabulary, 60, 3);
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("index");
    let owner = SearchIndex::open_owned(&root, "prepboard up").unwrap();
    owner.rebuild(listings[..40].iter().cloned(), 40).unwrap();
    let follower = SearchIndex::open_following(&root).unwrap();
    assert_eq!(follower.search(&every_listing()).unwrap().total, 40);
    assert!(!follower.follow().unwrap(), "nothing changed yet");

    // A commit to the same generation.
    owner.apply(&listings[40..50], &[], 50).unwrap();
    assert_eq!(follower.search(&every_listing()).unwrap().total, 40);
    assert!(follower.follow().unwrap());
    assert_eq!(follower.search(&every_listing()).unwrap().total, 50);
    assert_eq!(follower.watermark(), Some(50));
    assert!(!follower.follow().unwrap());

    // A rebuild into a new generation: the follower's generation stays on disk until it moves.
    let served = follower.generation_number();
    let stats = owner.rebuild(listings[..20].iter().cloned(), 60).unwrap();
    assert_ne!(stats.generation, served);
    assert!(root.join(format!("gen-{served}")).is_dir());
    assert_eq!(follower.search(&every_listing()).unwrap().total, 50);
    assert!(follower.follow().unwrap());
    assert_eq!(follower.generation_number(), stats.generation);
    assert_eq!(follower.search(&every_listing()).unwrap().total, 20);

    // Once nobody serves it, the owner's next commit sweeps the old generation.
    let closed: Vec<ListingId> = vec![listings[0].id.clone()];
    owner.apply(&[], &closed, 61).unwrap();
    assert_eq!(
        generation_dirs(&root),
        [format!("gen-{}", stats.generation)]
    );
    assert!(follower.follow().unwrap());
    assert_eq!(follower.search(&every_listing()).unwrap().total, 19);
}

#[test]
fn what_an_interrupted_build_left_is_removed_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("index");
    let owner = SearchIndex::open_owned(&root, "prepboard index").unwrap();
    let serving = owner.generation_number();
    drop(owner);
    // A build killed part-way: its directory with some files, never named by CURRENT.
    let leftover = root.join(format!("gen-{}", serving + 1));
    std::fs::create_dir_all(&leftover).unwrap();
    std::fs::write(leftover.join("partial.idx"), b"half a segment").unwrap();

    // A follower starting meanwhile never sees it.
    let follower = SearchIndex::open_following(&root).unwrap();
    assert_eq!(follower.generation_number(), serving);

    let owner = SearchIndex::open_owned(&root, "prepboard index").unwrap();
    assert_eq!(owner.generation_number(), serving);
    assert_eq!(generation_dirs(&root), [format!("gen-{serving}")]);
}

#[test]
fn each_commit_records_the_store_it_came_from() {
    let vocabulary = Vocabulary::from_fixtures();
    let listings = corpus::generate(&vocabulary, 10, 4);
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("index");
    let owner = SearchIndex::open_owned(&root, "prepboard index").unwrap();
    assert_eq!(owner.store_id(), None, "a fresh index comes from no store");
    owner
        .rebuild_for_store(Some("store-a"), listings[..5].iter().cloned(), 5)
        .unwrap();
    assert_eq!(owner.store_id().as_deref(), Some("store-a"));
    owner.apply(&listings[5..], &[], 10).unwrap();
    assert_eq!(
        owner.store_id().as_deref(),
        Some("store-a"),
        "kept by commits"
    );
    let follower = SearchIndex::open_following(&root).unwrap();
    assert_eq!(follower.store_id().as_deref(), Some("store-a"));
    drop((owner, follower));

    let reopened = SearchIndex::open_owned(&root, "prepboard index").unwrap();
    assert_eq!(reopened.store_id().as_deref(), Some("store-a"));
    reopened
        .rebuild_for_store(Some("store-b"), listings.iter().cloned(), 3)
        .unwrap();
    assert_eq!(reopened.store_id().as_deref(), Some("store-b"));
}
