//! What the commands print and the exit codes they return: the fetch summary, the sources table,
//! search results as a table, the prep pages' status. Each is a pure function of what the run
//! produced, so it is tested here without a process.

use std::fmt::Write;
use std::time::Duration;

use chrono::{DateTime, Utc};
use prepboard_core::search::SearchResponse;
use prepboard_fetcher::run::Progress;
use prepboard_store::{FetchOutcomeKind, PrepPageRecord, PrepPageStatus, SourceSummary};

use crate::pipeline::{self, ConfiguredSource, IndexUpdate, SourceReport};
use crate::prep_pages::{PageFetched, PagesFetched};
use crate::{AppError, Config};

/// Runs a writer into a fresh string; writing into a `String` cannot fail.
fn render(write: impl FnOnce(&mut String) -> std::fmt::Result) -> String {
    let mut out = String::new();
    let _ = write(&mut out);
    out
}

/// Exit code when some attempted source failed or was held as suspect, and others succeeded.
pub const SOME_SOURCES_FAILED: u8 = 2;
/// Exit code when every source that was attempted failed (distinct from 1, a prepboard error).
pub const ALL_SOURCES_FAILED: u8 = 3;

/// The exit codes, for `prepboard fetch --help`.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  every source that was attempted succeeded (sources skipped by their poll budget or robots.txt
     are not attempted)
  1  prepboard itself failed (the store could not be opened, an unknown --source)
  2  some sources failed, or a run was held as suspect (it would have closed more than
     freshness.max_close_share of a source's listings at once; see `prepboard sources`), while
     others succeeded. A configuration error also exits 2, before anything is fetched.
  3  every source that was attempted failed (offline, for one)";

/// One line on stderr per source that needs a look, and one for all the unreachable ones.
pub fn fetch_warnings(reports: &[SourceReport], accept_drop: &[String]) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(line) = pipeline::network_line(reports) {
        lines.push(line);
    }
    for report in reports {
        if let Some(line) = report.stderr_line() {
            lines.push(line);
        }
        let settled = report.outcome.is_success();
        if accept_drop.contains(&report.name) && !settled {
            lines.push(format!(
                "{}: --accept-drop not applied: the run was {}",
                report.name,
                report.outcome.as_str()
            ));
        }
    }
    lines
}

/// 0 when every attempted source succeeded, [`SOME_SOURCES_FAILED`] when some failed or were held
/// as suspect, [`ALL_SOURCES_FAILED`] when every attempted source failed. Skipped sources were not
/// attempted; a run of skips only is 0.
pub fn fetch_exit_code(outcomes: impl IntoIterator<Item = FetchOutcomeKind>) -> u8 {
    let (mut attempted, mut failed, mut succeeded) = (0, 0, 0);
    for outcome in outcomes {
        match outcome {
            FetchOutcomeKind::Skipped => continue,
            FetchOutcomeKind::Failed => failed += 1,
            kind if kind.is_success() => succeeded += 1,
            _ => {}
        }
        attempted += 1;
    }
    if attempted > 0 && failed == attempted {
        ALL_SOURCES_FAILED
    } else if succeeded < attempted {
        SOME_SOURCES_FAILED
    } else {
        0
    }
}

/// The table `prepboard fetch` prints on stdout.
pub fn fetch_summary(reports: &[SourceReport], dry_run: bool) -> String {
    render(|out| write_fetch_summary(out, reports, dry_run))
}

fn write_fetch_summary(
    out: &mut impl Write,
    reports: &[SourceReport],
    dry_run: bool,
) -> std::fmt::Result {
    writeln!(
        out,
        "{:<28} {:<13} {:>7} {:>6} {:>8} {:>10} {:>7}  ERROR",
        "SOURCE", "OUTCOME", "FETCHED", "NEW", "UPDATED", "UNCHANGED", "CLOSED"
    )?;
    for report in reports {
        writeln!(
            out,
            "{:<28} {:<13} {:>7} {:>6} {:>8} {:>10} {:>7}  {}",
            report.name,
            report.outcome.as_str(),
            report.fetched,
            report.new,
            report.updated,
            report.unchanged,
            report.closed,
            report.error.as_deref().unwrap_or("")
        )?;
    }
    let count = |kind: FetchOutcomeKind| reports.iter().filter(|r| r.outcome == kind).count();
    writeln!(
        out,
        "{} sources: {} succeeded, {} not modified, {} failed, {} suspect, {} skipped{}",
        reports.len(),
        count(FetchOutcomeKind::Success),
        count(FetchOutcomeKind::NotModified),
        count(FetchOutcomeKind::Failed),
        count(FetchOutcomeKind::Suspect),
        count(FetchOutcomeKind::Skipped),
        if dry_run {
            " (dry run: nothing stored)"
        } else {
            ""
        }
    )
}

/// What a source's progress line says now, and whether the source is done.
pub fn progress_message(update: &Progress) -> (String, bool) {
    match update {
        Progress::Started => ("fetching…".to_owned(), false),
        Progress::Succeeded {
            listings,
            not_modified: true,
        } => (format!("not modified ({listings} listings)"), true),
        Progress::Succeeded { listings, .. } => (format!("{listings} listings"), true),
        Progress::Failed { error } => (format!("failed: {error}"), true),
    }
}

/// The line `prepboard index` prints.
pub fn index_update(update: &IndexUpdate, took: Duration, searchable: u64) -> String {
    let action = if update.rebuilt {
        "rebuilt with"
    } else {
        "applied"
    };
    format!(
        "index {action} {} listings, {} closures in {took:.2?}; {searchable} listings searchable at watermark {}\n",
        update.upserted, update.closed, update.watermark
    )
}

/// The table `prepboard sources` prints: every configured source (and any the store knows that
/// is no longer configured) with its last run.
pub async fn sources(config: &Config) -> Result<String, AppError> {
    let store = crate::open_store(config).await?;
    let configured = pipeline::configured_sources(config);
    let mut names: Vec<String> = configured
        .iter()
        .map(|configured| configured.source.name.clone())
        .collect();
    // Sources that are in the store but no longer configured (or came from the snapshot) still show.
    for known in store.known_source_names().await? {
        if !names.contains(&known) {
            names.push(known);
        }
    }
    let summaries = store.source_summaries(&names).await?;
    store.close().await;
    Ok(sources_table(&summaries, &configured))
}

pub fn sources_table(summaries: &[SourceSummary], configured: &[ConfiguredSource]) -> String {
    render(|out| write_sources_table(out, summaries, configured))
}

fn write_sources_table(
    out: &mut impl Write,
    summaries: &[SourceSummary],
    configured: &[ConfiguredSource],
) -> std::fmt::Result {
    writeln!(
        out,
        "{:<28} {:<9} {:>6}  {:<27} {:>19}  NOTE",
        "SOURCE", "STATE", "OPEN", "LAST RUN", "NEW/UPD/SAME/CLOSED"
    )?;
    for summary in summaries {
        let source = configured
            .iter()
            .find(|configured| configured.source.name == summary.source_name);
        let state = match source {
            Some(source) if source.enabled => "enabled",
            Some(_) => "disabled",
            None => "stored",
        };
        let note = note_for(summary, source);
        writeln!(
            out,
            "{:<28} {:<9} {:>6}  {:<27} {:>19}  {}",
            summary.source_name,
            state,
            summary.open_listings,
            last_run_text(summary),
            counts_text(summary),
            note
        )?;
    }
    Ok(())
}

fn last_run_text(summary: &SourceSummary) -> String {
    match &summary.last_run {
        None => "never".to_owned(),
        Some(run) => format!("{} {}", run.outcome.as_str(), short_time(run.started_at)),
    }
}

fn counts_text(summary: &SourceSummary) -> String {
    match &summary.last_run {
        None => "-".to_owned(),
        Some(run) => format!(
            "{}/{}/{}/{}",
            run.new, run.updated, run.unchanged, run.closed
        ),
    }
}

/// A held drop first (it waits for an operator, whatever ran since), then why the last run failed,
/// was skipped or could not read everything, then where the source lives.
fn note_for(summary: &SourceSummary, configured: Option<&ConfiguredSource>) -> String {
    let last_run = summary.last_run.as_ref();
    if let Some(held) = &summary.held_drop {
        let mut note = format!(
            "held since {}: {}",
            short_time(held.started_at),
            held.error.as_deref().unwrap_or("a suspect drop")
        );
        if let Some(run) = last_run.filter(|run| run.started_at != held.started_at)
            && let Some(error) = &run.error
        {
            note.push_str(&format!("; last run {}: {error}", run.outcome.as_str()));
        }
        return note;
    }
    if let Some(run) = last_run
        && let Some(error) = run.error.as_deref()
    {
        let label = match run.outcome {
            FetchOutcomeKind::Skipped => "skipped",
            _ => "error",
        };
        return format!("{label}: {error}");
    }
    if let Some(reading) = summary
        .last_reading
        .as_ref()
        .filter(|reading| reading.unreadable > 0)
    {
        return format!(
            "{} of {} items could not be read; first: {}",
            reading.unreadable,
            reading.unreadable + reading.fetched,
            reading.first_unreadable.first().map_or("", String::as_str)
        );
    }
    match configured {
        Some(source) if source.unconfirmed => {
            format!("{} (board token unconfirmed)", source.endpoint())
        }
        Some(source) => source.endpoint(),
        None => "not in the configuration".to_owned(),
    }
}

fn short_time(time: DateTime<Utc>) -> String {
    time.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// Search results as a table.
pub fn search_table(response: &SearchResponse) -> String {
    render(|out| write_search_table(out, response))
}

fn write_search_table(out: &mut impl Write, response: &SearchResponse) -> std::fmt::Result {
    if let Some(corrected) = &response.corrected_query {
        writeln!(out, "showing results for \"{corrected}\"")?;
    }
    writeln!(
        out,
        "{} matching jobs (page {}, {:.1} ms)",
        response.total,
        response.page,
        response.took_micros as f64 / 1000.0
    )?;
    writeln!(
        out,
        "{:<16} {:<44} {:<22} {:<20} {:<14} WHERE",
        "ID", "TITLE", "COMPANY", "FAMILY", "SALARY"
    )?;
    for hit in &response.hits {
        let salary = hit
            .salary
            .as_ref()
            .and_then(|s| s.yearly_usd_max.or(s.yearly_usd_min))
            .map(|usd| format!("${}k/yr", usd / 1000))
            .unwrap_or_else(|| "-".to_owned());
        let eligibility = match hit.eligibility.scope {
            prepboard_core::EligibilityScope::Worldwide => "worldwide".to_owned(),
            prepboard_core::EligibilityScope::Unknown => "unknown".to_owned(),
            prepboard_core::EligibilityScope::Restricted => {
                let mut places: Vec<String> = hit
                    .eligibility
                    .regions
                    .iter()
                    .map(|r| r.label().to_owned())
                    .collect();
                places.extend(hit.eligibility.countries.iter().cloned());
                places.join(", ")
            }
        };
        writeln!(
            out,
            "{:<16} {:<44} {:<22} {:<20} {:<14} {}",
            hit.id,
            truncate(&hit.title, 44),
            truncate(&hit.company.name, 22),
            hit.family.slug(),
            salary,
            eligibility
        )?;
    }
    Ok(())
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

/// `prepboard prep status`: every catalog entry with its page's last fetch.
pub async fn prep_pages(config: &Config) -> Result<String, AppError> {
    let catalog = config.prep_catalog()?;
    let store = crate::open_store(config).await?;
    let records = store.prep_page_statuses().await?;
    store.close().await;
    Ok(prep_status(&catalog, &records))
}

/// The line `prepboard prep fetch` prints as each page is done.
pub fn prep_page_line(fetched: &PageFetched<'_>) -> String {
    match &fetched.result {
        Ok(page) => format!(
            "{:<52} ok      {:>3} questions  {}",
            fetched.entry.id,
            page.questions.len(),
            page.title
        ),
        Err(reason) => format!("{:<52} failed  {reason}", fetched.entry.id),
    }
}

/// The last line of `prepboard prep fetch`.
pub fn prep_fetch_summary(counts: PagesFetched) -> String {
    format!(
        "{} pages: {} read, {} failed (a failed page keeps its last questions)",
        counts.succeeded + counts.failed,
        counts.succeeded,
        counts.failed
    )
}

/// Every catalog entry with its page's last fetch, as `prepboard prep status` prints it.
pub fn prep_status(catalog: &prepboard_prep::Catalog, records: &[PrepPageRecord]) -> String {
    render(|out| write_prep_status(out, catalog, records))
}

fn write_prep_status(
    out: &mut impl Write,
    catalog: &prepboard_prep::Catalog,
    records: &[PrepPageRecord],
) -> std::fmt::Result {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_say_how_the_run_went() {
        use FetchOutcomeKind::*;
        let check = |outcomes: &[FetchOutcomeKind], expected: u8| {
            assert_eq!(
                fetch_exit_code(outcomes.iter().copied()),
                expected,
                "{outcomes:?}"
            );
        };
        check(&[Success, NotModified, Skipped], 0);
        check(&[Skipped, Skipped], 0);
        check(&[], 0);
        check(&[Success, Failed], SOME_SOURCES_FAILED);
        check(&[Success, Suspect], SOME_SOURCES_FAILED);
        check(&[Suspect], SOME_SOURCES_FAILED);
        check(&[Failed, Suspect], SOME_SOURCES_FAILED);
        check(&[Failed, Skipped], ALL_SOURCES_FAILED);
        check(&[Failed, Failed], ALL_SOURCES_FAILED);
    }
}
