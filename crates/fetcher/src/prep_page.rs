//! Prep pages: reads the title and the interview questions (with their answers) from an HTML page
//! of the prep catalog, such as a Remote Rocketship guide.
//!
//! A question is any of:
//! - a heading (h2–h6) that is numbered ("1. What experience do you have in designing…") or ends
//!   with a question mark;
//! - a paragraph that is numbered and ends with a question mark;
//! - a list item that ends with a question mark (unless it is only a link: lists of links name
//!   other pages).
//!
//! A question's answer is the text of the blocks after it, up to the next question or heading.
//! Navigation, headers, footers, asides, forms, scripts and styles are skipped, so a site's menu
//! never reads as questions.
//!
//! [`parse_prep_page`] is pure and total (any input gives a page, possibly with no questions);
//! [`fetch_prep_page`] is the thin I/O edge on top of the shared, robots-aware [`HttpClient`].

use std::sync::LazyLock;

use prepboard_core::prep::PrepQuestion;
use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};
use url::Url;

use crate::{FetchError, HttpClient};

/// What a prep page holds for prepboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrepPage {
    /// The page's h1, or its `<title>` when it has no h1; empty when it has neither.
    pub title: String,
    /// In page order, numbered from 1.
    pub questions: Vec<PrepQuestion>,
}

/// "1. ", "12) ", "Q3. ", "Question 4: " at the start of a question.
static NUMBERING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:q(?:uestion)?\s*)?\d{1,3}\s*[.):]\s*").unwrap_or_else(|err| {
        // A constant pattern: a test compiles it, so this cannot fail in a tested build.
        panic!("numbering pattern: {err}")
    })
});

/// The elements whose text is a unit: a question or a piece of an answer.
const BLOCKS: &[&str] = &[
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "li",
    "dt",
    "dd",
    "summary",
    "blockquote",
    "pre",
];
/// Subtrees that are never content.
const SKIPPED: &[&str] = &[
    "nav", "header", "footer", "aside", "form", "script", "style", "noscript", "template", "svg",
    "button",
];

#[derive(Debug)]
enum Block {
    Question(String),
    /// A heading that is not a question: it ends the answer before it.
    Heading,
    Text(String),
}

/// Reads a prep page's title and questions. Never fails: a page with no questions gives none.
pub fn parse_prep_page(html: &str) -> PrepPage {
    let document = Html::parse_document(html);
    let title = page_title(&document);
    let mut blocks = Vec::new();
    collect_blocks(document.root_element(), &mut blocks);

    let mut questions: Vec<PrepQuestion> = Vec::new();
    let mut answer: Vec<String> = Vec::new();
    let mut open = false;
    let close = |questions: &mut Vec<PrepQuestion>, answer: &mut Vec<String>, open: bool| {
        if let (true, Some(last)) = (open, questions.last_mut()) {
            let text = answer.join("\n");
            last.answer = (!text.is_empty()).then_some(text);
        }
        answer.clear();
    };
    for block in blocks {
        match block {
            Block::Question(text) => {
                close(&mut questions, &mut answer, open);
                let duplicate = questions.iter().any(|q| q.question == text);
                open = !duplicate;
                if !duplicate {
                    questions.push(PrepQuestion {
                        position: questions.len() as u32 + 1,
                        question: text,
                        answer: None,
                    });
                }
            }
            Block::Heading => {
                close(&mut questions, &mut answer, open);
                open = false;
            }
            Block::Text(text) => {
                if open {
                    answer.push(text);
                }
            }
        }
    }
    close(&mut questions, &mut answer, open);
    PrepPage { title, questions }
}

/// Fetches a prep page with the shared client (robots.txt honoured) and reads it. A body that is
/// not valid UTF-8 is read lossily: a stray byte should not cost the page's questions.
pub async fn fetch_prep_page(client: &HttpClient, url: &Url) -> Result<PrepPage, FetchError> {
    let response = client.get_page(url).await?;
    let html = String::from_utf8_lossy(&response.body);
    Ok(parse_prep_page(&html))
}

fn page_title(document: &Html) -> String {
    let first_text = |selector: &str| {
        let selector = Selector::parse(selector).ok()?;
        document
            .select(&selector)
            .map(|element| collapse(&element.text().collect::<String>()))
            .find(|text| !text.is_empty())
    };
    first_text("h1")
        .or_else(|| first_text("title"))
        .unwrap_or_default()
}

/// Walks the tree in document order, turning each outermost block element into a [`Block`].
fn collect_blocks(element: ElementRef<'_>, out: &mut Vec<Block>) {
    for child in element.children() {
        let Some(child) = ElementRef::wrap(child) else {
            continue;
        };
        let name = child.value().name();
        if SKIPPED.contains(&name) {
            continue;
        }
        if !BLOCKS.contains(&name) {
            collect_blocks(child, out);
            continue;
        }
        // A list item holding a nested list: its own text is one block, the nested items others.
        let text = collapse(&own_text(child));
        if text.is_empty() {
            collect_blocks(child, out);
            continue;
        }
        if name == "li" && is_link_only(child) {
            // A list of links ("Related guides", "What is GraphQL good for?") points elsewhere;
            // its items are titles of other pages, not questions of this one.
            continue;
        }
        out.push(classify(name, text));
        if name == "li" {
            collect_blocks(child, out);
        }
    }
}

/// The text of `element`, leaving out nested lists (whose items are blocks of their own).
fn own_text(element: ElementRef<'_>) -> String {
    let mut text = String::new();
    for node in element.descendants() {
        if let Node::Text(chunk) = node.value() {
            let inside_nested_list = node
                .ancestors()
                .take_while(|ancestor| ancestor.id() != element.id())
                .filter_map(ElementRef::wrap)
                .any(|ancestor| matches!(ancestor.value().name(), "ul" | "ol"));
            if !inside_nested_list {
                text.push_str(chunk);
            }
        }
    }
    text
}

/// Whether every word of `element` sits inside a link.
fn is_link_only(element: ElementRef<'_>) -> bool {
    let mut any_text = false;
    for node in element.descendants() {
        if let Node::Text(chunk) = node.value() {
            if chunk.trim().is_empty() {
                continue;
            }
            any_text = true;
            let in_link = node
                .ancestors()
                .take_while(|ancestor| ancestor.id() != element.id())
                .filter_map(ElementRef::wrap)
                .any(|ancestor| ancestor.value().name() == "a");
            if !in_link {
                return false;
            }
        }
    }
    any_text
}

fn classify(name: &str, text: String) -> Block {
    let numbered = NUMBERING.is_match(&text);
    let asks = text.ends_with('?');
    let is_heading = matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
    let is_question = match name {
        "h1" => false,
        _ if is_heading => numbered || asks,
        "p" => numbered && asks,
        "li" | "dt" | "summary" => asks,
        _ => false,
    };
    if is_question {
        let question = NUMBERING.replace(&text, "").trim().to_owned();
        Block::Question(question)
    } else if is_heading {
        Block::Heading
    } else {
        Block::Text(text)
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_numbering_pattern_compiles_and_strips_prefixes() {
        let check = |input: &str, expected: &str| {
            assert_eq!(NUMBERING.replace(input, ""), expected, "{input}");
        };
        check("1. What is REST?", "What is REST?");
        check("12) How do you shard?", "How do you shard?");
        check("Q3. Why gRPC?", "Why gRPC?");
        check("Question 4: Why?", "Why?");
        check("What is 2. the answer?", "What is 2. the answer?");
        check("2024 was a year?", "2024 was a year?");
    }
}
