//! `prepboard prep fetch` and `prepboard prep status`: read the questions of each prep catalog
//! page into the store, and show how each page's last fetch went.
//!
//! The catalog works without this (offline, the matcher uses each entry's title and summary);
//! fetched questions give the matcher more of each page's wording to compare listings with.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use chrono::Utc;
use futures::StreamExt;
use prepboard_core::prep::PrepEntry;
use prepboard_fetcher::http::HttpClient;
use prepboard_fetcher::prep_page::{PrepPage, fetch_prep_page};
use prepboard_store::PrepPageStatus;
use url::Url;

use crate::config::Config;
use crate::pipeline;

/// Exit code when every page that was attempted failed, as for `prepboard fetch`.
const ALL_PAGES_FAILED: u8 = super::fetch::ALL_SOURCES_FAILED;

/// Fetches the page of every catalog entry (or of the entries named in `only`) and stores what it
/// read. A page that fails keeps the questions of its last good fetch.
pub async fn fetch(config: &Config, only: &[String]) -> anyhow::Result<ExitCode> {
    let catalog = config.prep_catalog()?;
    let entries: Vec<&PrepEntry> = catalog
        .entries()
        .iter()
        .filter(|entry| only.is_empty() || only.contains(&entry.id))
        .collect();
    if let Some(unknown) = only.iter().find(|id| catalog.entry(id).is_none()) {
        anyhow::bail!("no prep entry `{unknown}`; `prepboard prep status` lists them");
    }
    let store = super::open_store(config).await?;
    let policy = pipeline::http_policy(config);
    let concurrency = policy.max_concurrency;
    let client = HttpClient::new(policy).context("building the HTTP client")?;

    // The shared client spaces requests to each host, so pages on one site (most of the catalog is
    // on a handful of sites) queue politely while other hosts proceed.
    let mut results = futures::stream::iter(entries)
        .map(|entry| {
            let client = &client;
            async move { (entry, fetch_entry(client, entry).await) }
        })
        .buffer_unordered(concurrency);

    let (mut succeeded, mut failed) = (0_usize, 0_usize);
    let mut out = std::io::stdout().lock();
    while let Some((entry, result)) = results.next().await {
        let fetched_at = Utc::now();
        let line = match &result {
            Ok(page) => {
                succeeded += 1;
                store
                    .save_prep_page(
                        &entry.id,
                        &entry.url,
                        fetched_at,
                        Ok((&page.title, &page.questions)),
                    )
                    .await?;
                format!(
                    "{:<52} ok      {:>3} questions  {}",
                    entry.id,
                    page.questions.len(),
                    page.title
                )
            }
            Err(reason) => {
                failed += 1;
                store
                    .save_prep_page(&entry.id, &entry.url, fetched_at, Err(reason))
                    .await?;
                format!("{:<52} failed  {reason}", entry.id)
            }
        };
        super::ignore_broken_pipe(writeln!(out, "{line}"))?;
    }
    store.close().await;
    super::ignore_broken_pipe(writeln!(
        out,
        "{} pages: {succeeded} read, {failed} failed (a failed page keeps its last questions)",
        succeeded + failed
    ))?;
    Ok(if failed > 0 && succeeded == 0 {
        ExitCode::from(ALL_PAGES_FAILED)
    } else {
        ExitCode::SUCCESS
    })
}

/// One page: its URL checked, fetched with the shared client and read. The error is the text
/// stored as the page's failure reason.
async fn fetch_entry(client: &HttpClient, entry: &PrepEntry) -> Result<PrepPage, String> {
    let url = Url::parse(&entry.url).map_err(|error| format!("bad URL {}: {error}", entry.url))?;
    fetch_prep_page(client, &url)
        .await
        .map_err(|error| error.to_string())
}

/// Prints every catalog entry with its page's last fetch.
pub async fn status(config: &Config) -> anyhow::Result<ExitCode> {
    let catalog = config.prep_catalog()?;
    let store = super::open_store(config).await?;
    let records = store.prep_page_statuses().await?;
    store.close().await;
    let mut out = std::io::stdout().lock();
    super::ignore_broken_pipe(print_status(&mut out, &catalog, &records))?;
    Ok(ExitCode::SUCCESS)
}

fn print_status(
    out: &mut impl Write,
    catalog: &prepboard_prep::Catalog,
    records: &[prepboard_store::PrepPageRecord],
) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<52} {:<8} {:>9}  {:<20}  ERROR",
        "ENTRY", "STATUS", "QUESTIONS", "LAST FETCHED"
    )?;
    for entry in catalog.entries() {
        let record = records.iter().find(|r| r.entry_id == entry.id);
        let (status, questions, when, error) = match record {
            None => ("never", 0, String::new(), ""),
            Some(record) => (
                match record.status {
                    PrepPageStatus::Ok => "ok",
                    PrepPageStatus::Failed => "failed",
                },
                record.questions,
                record.fetched_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                record.error.as_deref().unwrap_or(""),
            ),
        };
        writeln!(
            out,
            "{:<52} {:<8} {:>9}  {:<20}  {error}",
            entry.id, status, questions, when
        )?;
    }
    Ok(())
}
