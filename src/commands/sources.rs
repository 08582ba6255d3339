//! `prepboard sources`: each configured source with its last run, so people can judge freshness.

use std::io::Write;
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use prepboard_store::SourceSummary;

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

fn note_for(summary: &SourceSummary, configured: Option<&ConfiguredSource>) -> String {
    if let Some(error) = summary
        .last_run
        .as_ref()
        .and_then(|run| run.error.as_deref())
    {
        return format!("error: {error}");
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
