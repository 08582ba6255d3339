//! What every source's parser takes and gives: [`ParseContext`] (what the payload may not say),
//! [`ParseOutput`] (listings, unreadable items, notes) and [`ParseError`] (a payload that is not the
//! source's shape at all).
//!
//! A leaf: the parsers in [`crate::sources`], the [`Source`](crate::source::Source) trait and the
//! shared run strategies all speak these types, so none of them has to import another for them.

use chrono::{DateTime, Utc};
use prepboard_core::RawListing;

/// What a parser needs to know that the payload itself may not say.
#[derive(Debug, Clone, Copy)]
pub struct ParseContext<'a> {
    pub fetched_at: DateTime<Utc>,
    /// The company name from config, for boards whose payload lacks it (Lever, Ashby).
    pub company: Option<&'a str>,
    /// The page the payload came from (JSON-LD pages; used to resolve relative URLs).
    pub page_url: Option<&'a url::Url>,
}

impl<'a> ParseContext<'a> {
    /// A context with only the fetch time set.
    pub fn at(fetched_at: DateTime<Utc>) -> Self {
        ParseContext {
            fetched_at,
            company: None,
            page_url: None,
        }
    }
}

/// The listings a payload held, the items it held that could not be read, and any other note.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParseOutput {
    pub listings: Vec<RawListing>,
    /// One line per item that stood for a job but could not be read ("`jobs[3]: no title`",
    /// "`jobs[0].id: expected an id …`"). Items a source marks as not for us (Ashby's unlisted
    /// jobs, RemoteOK's terms element) are not counted. A run compares these with the listings to
    /// decide whether it read its source at all.
    pub unreadable: Vec<String>,
    /// Anything else worth a note: a part ignored on purpose, a fact the config had to supply.
    pub warnings: Vec<String>,
}

impl ParseOutput {
    /// Records one item's result: its listing, or why it could not be read.
    pub(crate) fn push_item(&mut self, item: Result<RawListing, String>) {
        match item {
            Ok(listing) => self.listings.push(listing),
            Err(why) => self.unreadable.push(why),
        }
    }
}

/// Why a whole payload could not be read. Problems with single items are warnings instead.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    /// The body is not valid UTF-8 (every source here promises UTF-8).
    #[error("body is not valid UTF-8 (first bad byte at offset {valid_up_to})")]
    NotUtf8 { valid_up_to: usize },
    /// The body is not valid JSON; `line` and `column` say where serde_json gave up.
    #[error("invalid JSON at line {line}, column {column}: {message}")]
    Json {
        line: u32,
        column: u32,
        message: Box<str>,
    },
    /// The body is not well-formed XML (roxmltree's message carries the position). Boxed, like
    /// the other variants' texts, so the error stays small inside the callers' error types.
    #[error("invalid XML: {0}")]
    Xml(Box<roxmltree::Error>),
    /// The payload parsed, but is not this source's shape at all (say, an object where Lever sends
    /// an array, or an RSS document without a channel).
    #[error("unexpected payload shape: expected {expected}, found {found}")]
    Shape {
        expected: &'static str,
        found: Box<str>,
    },
}

impl From<roxmltree::Error> for ParseError {
    fn from(error: roxmltree::Error) -> Self {
        ParseError::Xml(Box::new(error))
    }
}
