//! The JSON shapes of the HN APIs, mapped onto [`Thread`] and [`Comment`].
//!
//! - Algolia HN Search `search_by_date?tags=story,author_whoishiring`: the threads. Only titles
//!   starting with "Ask HN: Who is hiring?" are kept; the same account posts "Who wants to be
//!   hired?" and "Freelancer?" threads.
//! - Algolia `search_by_date?tags=comment,story_<id>&page=N`: a page of the thread's comments,
//!   replies included; top-level posts are those whose `parent_id` is the story id (compared as
//!   numbers: `objectID` is a string, `parent_id` and `story_id` are numbers).
//! - Firebase `/v0/item/<id>.json` objects (`by`, `id`, `parent`, `text`, `time`, `deleted`,
//!   `dead`, `kids`), one item or an array of them, as the fixtures record whole threads.
//!
//! A hit or item that cannot be read is skipped with a warning; only a payload that is not the
//! API's shape at all is an error.

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::sources::{ParseError, json, json_kind, parse_time};

/// The title prefix of the monthly hiring threads.
pub const HIRING_TITLE_PREFIX: &str = "Ask HN: Who is hiring?";

/// One "Ask HN: Who is hiring?" thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thread {
    pub id: u64,
    pub title: String,
    pub created_at: Option<DateTime<Utc>>,
    /// All comments, replies included, as the API counts them.
    pub num_comments: Option<u64>,
}

/// One comment of a thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub id: u64,
    pub parent: Option<u64>,
    pub author: Option<String>,
    /// The comment's HTML, as HN stores it.
    pub text: Option<String>,
    pub time: Option<DateTime<Utc>>,
    pub deleted: bool,
    pub dead: bool,
}

/// One page of a thread's comments.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CommentPage {
    /// The page's top-level comments (replies dropped).
    pub comments: Vec<Comment>,
    /// Replies on the page, dropped.
    pub replies: usize,
    /// This page, from 0.
    pub page: u64,
    /// How many pages the search has.
    pub pages: u64,
    /// How many hits the search has in all pages.
    pub total_hits: u64,
    /// Hits that could not be read (no numeric id), one line each.
    pub unreadable: Vec<String>,
}

/// The hiring threads of an Algolia story search, newest first.
pub fn threads(body: &[u8]) -> Result<(Vec<Thread>, Vec<String>), ParseError> {
    let hits = hits(json(body)?, "an Algolia search response with `hits`")?;
    let mut threads = Vec::new();
    let mut warnings = Vec::new();
    for (index, hit) in hits.into_iter().enumerate() {
        let Some(id) = number(hit.get("objectID")).or_else(|| number(hit.get("story_id"))) else {
            warnings.push(format!("hits[{index}]: no numeric `objectID`"));
            continue;
        };
        let title = hit.get("title").and_then(Value::as_str).unwrap_or_default();
        let by_whoishiring = hit
            .get("author")
            .and_then(Value::as_str)
            .is_none_or(|author| author == "whoishiring");
        if !title.starts_with(HIRING_TITLE_PREFIX) || !by_whoishiring {
            continue;
        }
        threads.push(Thread {
            id,
            title: title.to_owned(),
            created_at: created_at(&hit),
            num_comments: number(hit.get("num_comments")),
        });
    }
    threads.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
    Ok((threads, warnings))
}

/// One page of an Algolia comment search for the thread `story_id`.
pub fn comment_page(body: &[u8], story_id: u64) -> Result<CommentPage, ParseError> {
    let payload = json(body)?;
    let page = number(payload.get("page")).unwrap_or(0);
    let pages = number(payload.get("nbPages")).unwrap_or(1);
    let total_hits = number(payload.get("nbHits")).unwrap_or(0);
    let hits = hits(payload, "an Algolia search response with `hits`")?;
    let mut out = CommentPage {
        page,
        pages,
        total_hits,
        ..CommentPage::default()
    };
    for (index, hit) in hits.into_iter().enumerate() {
        let Some(id) = number(hit.get("objectID")) else {
            out.unreadable
                .push(format!("hits[{index}]: no numeric `objectID`"));
            continue;
        };
        let parent = number(hit.get("parent_id"));
        if parent != Some(story_id) {
            out.replies += 1;
            continue;
        }
        let text = hit
            .get("comment_text")
            .and_then(Value::as_str)
            .map(str::to_owned);
        let author = hit.get("author").and_then(Value::as_str).map(str::to_owned);
        out.comments.push(Comment {
            id,
            parent,
            // A deleted comment keeps its place with neither text nor author.
            deleted: text.is_none() && author.is_none(),
            dead: tagged(&hit, "dead"),
            author,
            text,
            time: created_at(&hit),
        });
    }
    Ok(out)
}

/// Firebase items: one item object or an array of them.
pub fn firebase_items(body: &[u8]) -> Result<(Vec<Comment>, Vec<String>), ParseError> {
    let items = match json(body)? {
        Value::Array(items) => items,
        item @ Value::Object(_) => vec![item],
        other => {
            return Err(ParseError::Shape {
                expected: "a Firebase item or an array of items",
                found: json_kind(&other),
            });
        }
    };
    let mut comments = Vec::new();
    let mut warnings = Vec::new();
    for (index, item) in items.into_iter().enumerate() {
        // `null` is what Firebase answers for an item that does not exist.
        if item.is_null() {
            warnings.push(format!("[{index}]: no such item"));
            continue;
        }
        let Some(id) = number(item.get("id")) else {
            warnings.push(format!("[{index}]: no numeric `id`"));
            continue;
        };
        comments.push(Comment {
            id,
            parent: number(item.get("parent")),
            author: item.get("by").and_then(Value::as_str).map(str::to_owned),
            text: item.get("text").and_then(Value::as_str).map(str::to_owned),
            time: number(item.get("time")).and_then(|seconds| {
                i64::try_from(seconds)
                    .ok()
                    .and_then(|seconds| DateTime::from_timestamp(seconds, 0))
            }),
            deleted: item
                .get("deleted")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            dead: item.get("dead").and_then(Value::as_bool).unwrap_or(false),
        });
    }
    Ok((comments, warnings))
}

fn hits(payload: Value, expected: &'static str) -> Result<Vec<Value>, ParseError> {
    match payload {
        Value::Object(mut object) => match object.remove("hits") {
            Some(Value::Array(hits)) => Ok(hits),
            Some(other) => Err(ParseError::Shape {
                expected,
                found: format!("`hits` holding {}", json_kind(&other)).into(),
            }),
            None => Err(ParseError::Shape {
                expected,
                found: "an object without `hits`".into(),
            }),
        },
        other => Err(ParseError::Shape {
            expected,
            found: json_kind(&other),
        }),
    }
}

/// A non-negative integer given as a number or as a numeric string.
fn number(value: Option<&Value>) -> Option<u64> {
    match value? {
        Value::Number(number) => number.as_u64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

fn created_at(hit: &Value) -> Option<DateTime<Utc>> {
    number(hit.get("created_at_i"))
        .and_then(|seconds| i64::try_from(seconds).ok())
        .and_then(|seconds| DateTime::from_timestamp(seconds, 0))
        .or_else(|| {
            hit.get("created_at")
                .and_then(Value::as_str)
                .and_then(parse_time)
        })
}

fn tagged(hit: &Value, tag: &str) -> bool {
    hit.get("_tags")
        .and_then(Value::as_array)
        .is_some_and(|tags| tags.iter().any(|t| t.as_str() == Some(tag)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hiring_threads_newest_first() {
        let body = br#"{"hits": [
            {"author": "whoishiring", "created_at_i": 100, "objectID": "1", "title": "Ask HN: Who wants to be hired? (March 2026)"},
            {"author": "whoishiring", "created_at_i": 200, "objectID": "2", "title": "Ask HN: Who is hiring? (March 2026)", "num_comments": 5},
            {"author": "whoishiring", "created_at_i": 50, "objectID": "3", "title": "Ask HN: Who is hiring? (February 2026)"},
            {"author": "someone", "created_at_i": 300, "objectID": "4", "title": "Ask HN: Who is hiring? (fake)"},
            {"author": "whoishiring", "title": "Ask HN: Who is hiring? (no id)"}
        ]}"#;
        let (threads, warnings) = threads(body).unwrap();
        let ids: Vec<u64> = threads.iter().map(|t| t.id).collect();
        assert_eq!(ids, [2, 3]);
        assert_eq!(threads[0].num_comments, Some(5));
        assert_eq!(warnings.len(), 1);
        assert!(super::threads(b"[]").is_err());
    }

    #[test]
    fn comment_pages_keep_top_level_posts() {
        let body = br#"{"page": 0, "nbPages": 2, "nbHits": 3, "hits": [
            {"objectID": "11", "parent_id": 7, "story_id": 7, "author": "a", "comment_text": "Acme | Engineer", "created_at_i": 1},
            {"objectID": "12", "parent_id": 11, "story_id": 7, "author": "b", "comment_text": "reply"},
            {"objectID": "13", "parent_id": "7", "story_id": 7, "author": null, "comment_text": null}
        ]}"#;
        let page = comment_page(body, 7).unwrap();
        assert_eq!(page.comments.len(), 2);
        assert_eq!(page.replies, 1);
        assert_eq!((page.page, page.pages, page.total_hits), (0, 2, 3));
        assert!(!page.comments[0].deleted);
        assert!(page.comments[1].deleted);
    }

    #[test]
    fn firebase_items_one_or_many() {
        let (comments, warnings) = firebase_items(
            br#"[{"by": "a", "id": 5, "parent": 1, "text": "x", "time": 1767366253, "type": "comment"},
                 {"id": 6, "deleted": true, "parent": 1}, {"id": 7, "dead": true, "parent": 1, "text": "y"}, null]"#,
        )
        .unwrap();
        assert_eq!(comments.len(), 3);
        assert!(comments[1].deleted && comments[2].dead);
        assert_eq!(warnings.len(), 1);
        assert_eq!(firebase_items(br#"{"id": 9}"#).unwrap().0.len(), 1);
    }
}
