//! How far two readers of the same posts agree: second readers labelled 100 posts of the fifth
//! and sixth samples (`prep_fixtures/second_reader.toml`) from the same rules and topic list,
//! without the first readers' labels. The second reader's first three topics are scored against the first
//! reader's labels exactly as the matcher's links are (`prep_topics.rs`), so the figure says how
//! much of the matcher's shortfall the labels themselves could explain.

use std::collections::HashMap;

use serde::Deserialize;

const FIRST: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/prep_fixtures/topic_labels.toml"
));
const SECOND: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/prep_fixtures/second_reader.toml"
));
/// Below this, labels written from the rules would not be reproducible enough to measure a
/// matcher by.
const MIN_AGREEMENT: f64 = 0.8;

#[derive(Deserialize)]
struct Labels {
    listing: Vec<Label>,
}

#[derive(Deserialize)]
struct Label {
    source: String,
    job: String,
    topics: Vec<Labelled>,
}

#[derive(Deserialize)]
struct Labelled {
    topic: String,
}

fn topics_by_post(text: &str) -> HashMap<(String, String), Vec<String>> {
    let labels: Labels = toml::from_str(text).unwrap();
    labels
        .listing
        .into_iter()
        .map(|label| {
            let topics = label.topics.into_iter().map(|t| t.topic).collect();
            ((label.source, label.job), topics)
        })
        .collect()
}

#[test]
fn two_readers_of_the_same_posts_agree() {
    let first = topics_by_post(FIRST);
    let second = topics_by_post(SECOND);
    assert!(second.len() >= 90, "{} second labels", second.len());
    let (mut at_3, mut at_1, mut same_list) = (0.0, 0.0, 0);
    for (post, read) in &second {
        let labelled = first
            .get(post)
            .unwrap_or_else(|| panic!("{post:?} has no first label"));
        let top: Vec<&String> = read.iter().take(3).collect();
        let hits = top.iter().filter(|t| labelled.contains(t)).count();
        at_3 += (hits as f64 / labelled.len().min(3) as f64).min(1.0);
        at_1 += f64::from(u8::from(labelled.contains(top[0])));
        same_list += usize::from(read == labelled);
    }
    let n = second.len() as f64;
    let (at_3, at_1) = (at_3 / n, at_1 / n);
    println!(
        "second reader against the first on {} posts: precision@3 {at_3:.3}, precision@1 \
         {at_1:.3}; the same topics in the same order on {same_list}",
        second.len()
    );
    assert!(at_3 >= MIN_AGREEMENT && at_1 >= MIN_AGREEMENT);
}
