//! The Atom feed of a search (`/feed.atom?<same query as />`): a saved search people subscribe to.
//! Its handler reads the query string as the search page does (leniently), newest first unless
//! asked otherwise.
//!
//! Written by hand: an Atom feed is a dozen elements, and every text goes through [`escape`], so a
//! listing's title or a query string cannot break out of its element.

use std::fmt::Write as _;

use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, SecondsFormat, Utc};
use prepboard_core::search::{SearchHit, SortOrder};
use utoipa::openapi::path::Operation;

use crate::api::describe::{DocContext, lenient_search_parameters, text_operation};
use crate::error::WebError;
use crate::params::{SearchQuery, Strictness};
use crate::state::AppState;

/// How many entries a feed carries when the query string does not say.
const FEED_ENTRIES: u32 = 50;

pub(crate) async fn feed(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, WebError> {
    let (query, _problems) = SearchQuery::parse_with(
        raw.as_deref(),
        &state.site().search_defaults,
        Strictness::Lenient,
    );
    let mut request = query.request.clone();
    // A feed reader wants what is new, whatever order the page was sorted in, unless asked.
    if query.value("sort").is_none() {
        request.sort = SortOrder::Newest;
    }
    if query.value("per_page").is_none() {
        request.per_page = FEED_ENTRIES;
    }
    let response = state.search(request).await?;
    let query_string = query.without_page();
    let description = query.describe(&state.labels());
    let xml = render(
        &FeedInfo {
            base_url: &state.site().base_url,
            site_title: &state.site().title,
            query_string: &query_string,
            description: &description,
            now: Utc::now(),
        },
        &response.hits,
    );
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/atom+xml; charset=utf-8"),
        )],
        xml,
    )
        .into_response())
}

/// Escapes text for XML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters even escaped; drop them.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub(crate) fn describe(_: &DocContext<'_>) -> Operation {
    text_operation(
        "getFeed",
        "An Atom feed of a search (the search page's parameters, read as the page reads them; \
         newest first unless `sort` is given; 50 entries unless `per_page` is given).",
        lenient_search_parameters(),
        "application/atom+xml",
        "Atom 1.0",
    )
}

/// What the feed needs besides the hits.
#[derive(Debug)]
pub struct FeedInfo<'a> {
    /// The site's public URL without a trailing slash.
    pub base_url: &'a str,
    pub site_title: &'a str,
    /// The search's canonical query string.
    pub query_string: &'a str,
    /// What the search is, in words ("api · API engineer").
    pub description: &'a str,
    /// Used as the feed's `updated` when there are no entries.
    pub now: DateTime<Utc>,
}

/// The whole Atom document.
pub fn render(info: &FeedInfo<'_>, hits: &[SearchHit]) -> String {
    let suffix = if info.query_string.is_empty() {
        String::new()
    } else {
        format!("?{}", info.query_string)
    };
    let feed_url = format!("{}/feed.atom{suffix}", info.base_url);
    let page_url = format!("{}/{suffix}", info.base_url);
    let updated = hits
        .iter()
        .map(|hit| hit.posted_at.unwrap_or(hit.first_seen))
        .max()
        .unwrap_or(info.now);
    let title = if info.description.is_empty() {
        format!("{}: newest jobs", info.site_title)
    } else {
        format!("{}: {}", info.site_title, info.description)
    };

    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let _ = writeln!(out, "  <title>{}</title>", escape(&title));
    let _ = writeln!(out, "  <id>{}</id>", escape(&feed_url));
    let _ = writeln!(
        out,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape(&feed_url)
    );
    let _ = writeln!(
        out,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(&page_url)
    );
    let _ = writeln!(out, "  <updated>{}</updated>", time(updated));
    let _ = writeln!(out, "  <generator>prepboard</generator>");
    for hit in hits {
        let job_url = format!("{}/jobs/{}", info.base_url, hit.id);
        let mut summary = format!("{} at {}", hit.title, hit.company.name);
        if let Some(salary) = &hit.salary {
            let _ = write!(summary, " · {}", salary.text);
        }
        if !hit.location_text.is_empty() {
            let _ = write!(summary, " · {}", hit.location_text);
        }
        out.push_str("  <entry>\n");
        let _ = writeln!(
            out,
            "    <title>{}</title>",
            escape(&format!("{} — {}", hit.title, hit.company.name))
        );
        let _ = writeln!(out, "    <id>{}</id>", escape(&job_url));
        let _ = writeln!(
            out,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            escape(&job_url)
        );
        let _ = writeln!(
            out,
            "    <updated>{}</updated>",
            time(hit.posted_at.unwrap_or(hit.first_seen))
        );
        if let Some(posted) = hit.posted_at {
            let _ = writeln!(out, "    <published>{}</published>", time(posted));
        }
        let _ = writeln!(
            out,
            "    <author><name>{}</name></author>",
            escape(&hit.company.name)
        );
        let _ = writeln!(
            out,
            "    <category term=\"{}\"/>",
            escape(hit.family.slug())
        );
        let _ = writeln!(
            out,
            "    <summary type=\"text\">{}</summary>",
            escape(&summary)
        );
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(escape(input), expected, "escaping {input:?}");
    }

    #[test]
    fn text_is_escaped_for_xml() {
        check("plain", "plain");
        check("R&D <script>", "R&amp;D &lt;script&gt;");
        check(
            "\"quoted\" 'single'",
            "&quot;quoted&quot; &apos;single&apos;",
        );
        check("bell\u{7}tab\t", "belltab\t");
        check("]]>", "]]&gt;");
    }
}
