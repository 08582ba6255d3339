//! The prep-page reader on a page shaped like a Remote Rocketship guide (our own text), and on
//! the other question shapes it recognises.

use prepboard_fetcher::prep_page::parse_prep_page;

const GUIDE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/prep_fixtures/api-engineer-guide.html"
));

#[test]
fn a_guide_page_gives_its_title_and_ten_numbered_questions_with_answers() {
    let page = parse_prep_page(GUIDE);
    assert_eq!(
        page.title,
        "10 RESTful API Design Interview Questions and Answers for api engineers"
    );
    assert_eq!(page.questions.len(), 10, "{:#?}", page.questions);
    let positions: Vec<u32> = page.questions.iter().map(|q| q.position).collect();
    assert_eq!(positions, (1..=10).collect::<Vec<u32>>());
    assert!(page.questions.iter().all(|q| q.answer.is_some()));
    insta::assert_yaml_snapshot!(page.questions);
}

/// `check(html, expected)`: the questions read from `html`, each as "question => answer".
fn check(html: &str, expected: &[&str]) {
    let page = parse_prep_page(html);
    let found: Vec<String> = page
        .questions
        .iter()
        .map(|q| match &q.answer {
            Some(answer) => format!("{} => {answer}", q.question),
            None => q.question.clone(),
        })
        .collect();
    assert_eq!(found, expected, "{html}");
}

#[test]
fn question_shapes() {
    // Headings ending in "?" need no number; numbered headings need no "?".
    check(
        "<h2>What is idempotency?</h2><p>Same effect twice.</p><h3>2. Explain CAP</h3><p>Pick two.</p>",
        &[
            "What is idempotency? => Same effect twice.",
            "Explain CAP => Pick two.",
        ],
    );
    // Numbered paragraphs that ask; plain paragraphs are answers.
    check(
        "<p>Intro.</p><p><strong>1. Why Kafka?</strong></p><p>Ordered log.</p><p>Durable.</p>",
        &["Why Kafka? => Ordered log.\nDurable."],
    );
    // List items that ask, with an answer nested under the item.
    check(
        "<ul><li>What is a pod?<ul><li>The smallest deployable unit.</li></ul></li><li>Why Helm?</li></ul>",
        &[
            "What is a pod? => The smallest deployable unit.",
            "Why Helm?",
        ],
    );
    // A heading that does not ask ends the answer; text after it belongs to no question.
    check(
        "<h3>1. What is REST?</h3><p>A style.</p><h2>About us</h2><p>We are a board.</p>",
        &["What is REST? => A style."],
    );
    // Menus, footers, scripts and link lists are not questions; repeats are dropped.
    check(
        "<nav><li>Why us?</li></nav><h3>Why gRPC?</h3><h3>Why gRPC?</h3>\
         <ul><li><a href='/x'>Is this a link?</a></li></ul><footer><p>1. Footer?</p></footer>",
        &["Why gRPC?"],
    );
    // Q-prefixed numbering and whitespace are tidied.
    check(
        "<h4>Q3.   How  do you\n shard?</h4>",
        &["How do you shard?"],
    );
    // Nothing that asks: no questions, and no panic on junk.
    check("<p>Just prose.</p>", &[]);
    check("", &[]);
    check("<<<>>> ? 1. ?", &[]);
}

#[test]
fn the_title_falls_back_to_the_title_element() {
    let page = parse_prep_page("<html><head><title> Guide </title></head><body></body></html>");
    assert_eq!(page.title, "Guide");
    assert_eq!(parse_prep_page("<p>x</p>").title, "");
}
