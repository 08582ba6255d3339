//! Hacker News "Ask HN: Who is hiring?": the monthly threads, their top-level comments, and one
//! listing per role a comment names.
//!
//! - [`api`]: the JSON the HN APIs answer with — Algolia's story search (thread discovery) and
//!   comment search pages, Firebase items — mapped onto [`Thread`] and [`Comment`].
//! - [`post`]: one comment read as a job post (or skipped, with the reason).
//! - `header`, `body`, `roles`, `fields`, `text`, `places`, `vocab`: the reader's parts — the
//!   "Company | Role | Location | REMOTE | Salary" line, role lists in the body, splitting a
//!   phrase into roles, workplace/pay/employment/visa words, HTML to lines, core's place tables,
//!   and the word lists of `config/hn.toml`.
//!
//! - `run`: the one part that does I/O, the source's run: find the threads, read their comment
//!   pages through the shared HTTP client, and turn the posts into listings.
//!
//! Everything else here is pure. Each listing links back to its comment
//! (`https://news.ycombinator.com/item?id=<id>`), names Hacker News as its source, keeps the
//! comment as its description (sanitised by core's normaliser, e-mail links turned into text),
//! and gets the id `<comment id>:<title slug>`, so an edit that keeps a role's title updates that
//! listing, and a role dropped by an edit closes by the freshness rules.

pub mod api;
mod body;
mod fields;
mod header;
mod places;
pub mod post;
mod roles;
mod run;
mod text;
mod vocab;

use chrono::{DateTime, Utc};
use prepboard_core::{Company, RawListing, SourceKind};

use crate::parser::{ParseContext, ParseError, ParseOutput};

pub use api::{Comment, CommentPage, Thread};
pub use post::Skip;

/// Parses a payload of comments — an Algolia comment search page or Firebase items — into
/// listings, as the generic parser table and the tests see the source. Replies (comments whose
/// parent is not their story) are dropped; skipped posts are warnings; hits without an id are
/// unreadable.
pub fn parse(body: &[u8], ctx: &ParseContext<'_>) -> Result<ParseOutput, ParseError> {
    let payload = super::json(body)?;
    let (comments, unreadable, mut warnings) = match payload.get("hits") {
        Some(hits) => {
            let story = hits
                .get(0)
                .and_then(|hit| hit.get("story_id"))
                .and_then(serde_json::Value::as_u64)
                .unwrap_or(0);
            let page = api::comment_page(body, story)?;
            (page.comments, page.unreadable, Vec::new())
        }
        None => {
            let (comments, warnings) = api::firebase_items(body)?;
            (comments, Vec::new(), warnings)
        }
    };
    let mut listings = Vec::new();
    for comment in &comments {
        match self::listings(comment, ctx.fetched_at) {
            Ok(found) => listings.extend(found),
            Err(skip) => {
                warnings.push(format!("item {}: skipped, {}", comment.id, skip.describe()))
            }
        }
    }
    Ok(ParseOutput {
        listings,
        unreadable,
        warnings,
    })
}

/// The link-back every HN listing carries.
pub fn item_url(id: u64) -> String {
    format!("https://news.ycombinator.com/item?id={id}")
}

/// The listings of one top-level comment, one per role, or why it has none.
pub fn listings(comment: &Comment, fetched_at: DateTime<Utc>) -> Result<Vec<RawListing>, Skip> {
    if comment.deleted {
        return Err(Skip::Deleted);
    }
    if comment.dead {
        return Err(Skip::Dead);
    }
    let html = comment.text.as_deref().unwrap_or_default();
    if html.trim().is_empty() {
        return Err(Skip::Empty);
    }
    let readings = post::read(html)?;
    let description_html = text::description_html(html);
    let mut used_ids: Vec<String> = Vec::new();
    let listings = readings
        .into_iter()
        .map(|reading| {
            let mut id = format!("{}:{}", comment.id, slug(&reading.title));
            if used_ids.contains(&id) {
                id = format!("{id}-{}", used_ids.len() + 1);
            }
            used_ids.push(id.clone());
            let mut tags = vec!["Hacker News".to_owned()];
            match reading.visa {
                Some(true) => tags.push("Visa sponsorship".to_owned()),
                Some(false) => tags.push("No visa sponsorship".to_owned()),
                None => {}
            }
            RawListing {
                source: SourceKind::HackerNews,
                source_job_id: id,
                source_url: item_url(comment.id),
                apply_url: reading.apply_url,
                title: reading.title,
                company: Company {
                    name: reading.company,
                    url: reading.company_url,
                    logo_url: None,
                },
                description_html: description_html.clone(),
                tags,
                employment_type: reading.employment,
                workplace: reading.workplace,
                location_text: reading.location_text,
                structured_places: Vec::new(),
                structured_salary: reading.salary,
                salary_text: reading.salary_note,
                structured_skills: Vec::new(),
                place_fields: Default::default(),
                posted_at: comment.time,
                valid_through: None,
                fetched_at,
            }
        })
        .collect();
    Ok(listings)
}

/// A title as an id part: lower-case words joined by `-`, at most 60 characters.
fn slug(title: &str) -> String {
    let mut out = String::new();
    for word in title
        .split(|c: char| !c.is_alphanumeric() && c != '+' && c != '#')
        .filter(|word| !word.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
        if out.len() >= 60 {
            break;
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The registry's view of this source.

/// The "Ask HN: Who is hiring?" threads through the HN Search API.
#[derive(Debug, Clone, Copy)]
pub struct HackerNews;

impl crate::source::Source for HackerNews {
    fn kind(&self) -> SourceKind {
        SourceKind::HackerNews
    }

    fn config_section(&self) -> &'static str {
        "[sources.hn]"
    }

    fn terms(&self) -> crate::source::Terms {
        // Link back to the comment and name Hacker News; the posts are people's own words in a
        // thread, so they are never republished as JSON-LD nor bundled. The poll budget is
        // `sources.hn.min_interval_minutes`, checked by the run.
        crate::source::Terms {
            poll_budget: None,
            configured_budget: Some(run::BUDGET_RULE),
            attribution: crate::source::Attribution::LinkBackAndName,
            json_ld: false,
            bundle: false,
        }
    }

    fn requests(
        &self,
        spec: &crate::spec::SourceSpec,
    ) -> Result<Vec<(url::Url, String)>, crate::FetchError> {
        let crate::spec::SourceSpec::HackerNews(spec) = spec else {
            return Err(crate::source::wrong_spec(self.kind(), spec));
        };
        // The thread pages follow from what discovery finds.
        Ok(vec![(
            run::discovery_url(spec)?,
            "the Hacker News hiring threads".to_owned(),
        )])
    }

    fn parse(&self, body: &[u8], ctx: &ParseContext<'_>) -> Result<ParseOutput, ParseError> {
        parse(body, ctx)
    }

    fn fetch<'a>(
        &'a self,
        run: crate::source::Run<'a>,
    ) -> futures::future::BoxFuture<'a, Result<crate::source::FetchOutcome, crate::FetchError>>
    {
        Box::pin(async move {
            match &run.source.spec {
                crate::spec::SourceSpec::HackerNews(spec) => run::fetch(run, spec).await,
                other => Err(crate::source::wrong_spec(self.kind(), other)),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(id: u64, text: &str) -> Comment {
        Comment {
            id,
            parent: Some(1),
            author: Some("someone".to_owned()),
            text: Some(text.to_owned()),
            time: DateTime::from_timestamp(1_767_366_253, 0),
            deleted: false,
            dead: false,
        }
    }

    #[test]
    fn one_listing_per_role_with_the_link_back() {
        let now = Utc::now();
        let listings = listings(
            &comment(
                42,
                "Acme | Backend and Frontend Engineers | REMOTE (US) | $150k-$200k | <a href=\"https:&#x2F;&#x2F;acme.example&#x2F;jobs\">https:&#x2F;&#x2F;acme.example&#x2F;jobs</a><p>We build rockets. Write to <a href=\"mailto:jobs@acme.example\">jobs@acme.example</a>",
            ),
            now,
        )
        .unwrap();
        let titles: Vec<&str> = listings.iter().map(|l| l.title.as_str()).collect();
        assert_eq!(titles, ["Backend Engineer", "Frontend Engineer"]);
        for listing in &listings {
            assert_eq!(listing.source, SourceKind::HackerNews);
            assert_eq!(
                listing.source_url,
                "https://news.ycombinator.com/item?id=42"
            );
            assert_eq!(listing.company.name, "Acme");
            assert_eq!(listing.workplace, prepboard_core::WorkplaceType::Remote);
            assert_eq!(
                listing.apply_url.as_deref(),
                Some("https://acme.example/jobs")
            );
            assert!(!listing.description_html.contains("mailto:"));
            assert!(listing.description_html.contains("jobs@acme.example"));
            let salary = listing.structured_salary.as_ref().unwrap();
            assert_eq!((salary.min, salary.max), (Some(150_000.0), Some(200_000.0)));
        }
        assert_eq!(listings[0].source_job_id, "42:backend-engineer");
    }

    #[test]
    fn the_posters_line_breaks_survive_into_the_sanitised_description() {
        // Why: "Requirements:\n- Go\n- Kafka" is a heading and two lines; folded into one run of
        // text, the job page and the prep matcher read it as one sentence.
        let listings = listings(
            &comment(
                43,
                "Acme | Backend Engineer | REMOTE<p>Requirements:\n- Go\n- Kafka<p>We build rockets.",
            ),
            Utc::now(),
        )
        .unwrap();
        let normalized = prepboard_core::Normalizer::bundled()
            .normalize(listings[0].clone())
            .unwrap()
            .listing;
        assert!(
            normalized
                .description_html
                .contains("Requirements:<br>- Go<br>- Kafka"),
            "{}",
            normalized.description_html
        );
        assert!(
            normalized
                .description_text
                .contains("Requirements:\n- Go\n- Kafka"),
            "{}",
            normalized.description_text
        );
    }

    #[test]
    fn deleted_dead_empty_and_non_job_comments_are_skipped() {
        let now = Utc::now();
        let mut deleted = comment(1, "x");
        deleted.deleted = true;
        assert_eq!(listings(&deleted, now), Err(Skip::Deleted));
        let mut dead = comment(2, "Acme | Engineer | REMOTE");
        dead.dead = true;
        assert_eq!(listings(&dead, now), Err(Skip::Dead));
        assert_eq!(listings(&comment(3, "  "), now), Err(Skip::Empty));
        assert_eq!(
            listings(
                &comment(
                    4,
                    "Hey, I applied last month and haven’t received any response yet…"
                ),
                now
            ),
            Err(Skip::NotAJob)
        );
        assert_eq!(
            listings(
                &comment(
                    5,
                    "Edit: APPLICATIONS CLOSED<p>Acme | ONSITE | Backend Engineer"
                ),
                now
            ),
            Err(Skip::Closed)
        );
    }
}
