//! [`Layout`]: what the base template (`base.html`) shows on every page, and the helpers every
//! page uses to render itself and write links.

use askama::Template;
use axum::response::Html;

use crate::error::WebError;
use crate::state::AppState;

/// What the base layout shows.
#[derive(Debug)]
pub struct Layout<'a> {
    pub site_title: &'a str,
    pub title: String,
    /// Which navigation entry is the current page ("search", "prep", "sources" or "").
    pub current: &'static str,
}

impl<'a> Layout<'a> {
    pub fn new(state: &'a AppState, current: &'static str, title: &str) -> Layout<'a> {
        Layout {
            site_title: &state.site().title,
            title: title.to_owned(),
            current,
        }
    }
}

/// Renders a page's template; a template error is an internal error.
pub(crate) fn render(template: &impl Template) -> Result<Html<String>, WebError> {
    Ok(Html(template.render()?))
}

/// A link to `path` with a query string, or without one when it is empty.
pub(crate) fn href(path: &str, query_string: &str) -> String {
    if query_string.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query_string}")
    }
}
