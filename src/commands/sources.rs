//! `prepboard sources`: each configured source with its last run, so people can judge freshness,
//! and any drop held as suspect, which stays in the note until it is accepted or confirmed.

use std::io::Write;
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use prepboard_store::{FetchOutcomeKind, SourceSummary};

use crate::config::Config;
use crate::pipeline::{self, ConfiguredSource};

pub async fn run(config: &Config) -> anyhow::Result<ExitCode> {
    let store = super::open_store(config).await?;
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
    let mut out = std::io::stdout().lock();
    super::ignore_broken_pipe(print_table(&mut out, &summaries, &configured))?;
    Ok(ExitCode::SUCCESS)
}

fn print_table(
    out: &mut impl Write,
    summaries: &[SourceSummary],
    configured: &[ConfiguredSource],
) -> std::io::Result<()> {
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
