//! `prepboard fetch`: fetch the configured sources into the store, with a progress line per source
//! and a summary table.

use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;
use std::sync::Mutex;

use indicatif::{MultiProgress, ProgressBar, ProgressStyle};
use prepboard_fetcher::run::Progress;
use prepboard_store::FetchOutcomeKind;

use crate::config::Config;
use crate::pipeline::{self, SourceReport};

/// Exit code when every source that was attempted failed (distinct from 1, a prepboard error).
pub const ALL_SOURCES_FAILED: u8 = 3;

pub async fn run(config: &Config, only: &[String], dry_run: bool) -> anyhow::Result<ExitCode> {
    let sources = pipeline::fetch_sources(config, only);
    if sources.is_empty() {
        anyhow::bail!("no enabled source matches {only:?}; `prepboard sources` lists them");
    }
    let store = super::open_store(config).await?;
    let bars = MultiProgress::new();
    let style = ProgressStyle::with_template("{spinner} {prefix:<28} {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner());
    let by_name: Mutex<HashMap<String, ProgressBar>> = Mutex::new(HashMap::new());
    let progress = |name: &str, update: Progress| {
        let Ok(mut bars_by_name) = by_name.lock() else {
            return;
        };
        let bar = bars_by_name.entry(name.to_owned()).or_insert_with(|| {
            let bar = bars.add(ProgressBar::new_spinner());
            bar.set_style(style.clone());
            bar.set_prefix(name.to_owned());
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        });
        match update {
            Progress::Started => bar.set_message("fetching…"),
            Progress::Succeeded {
                listings,
                not_modified: true,
            } => bar.finish_with_message(format!("not modified ({listings} listings)")),
            Progress::Succeeded { listings, .. } => {
                bar.finish_with_message(format!("{listings} listings"))
            }
            Progress::Failed { error } => bar.finish_with_message(format!("failed: {error}")),
        }
    };
    let reports = pipeline::fetch_into_store(config, &store, &sources, dry_run, progress).await?;
    let _ = bars.clear();
    store.close().await;

    let mut out = std::io::stdout().lock();
    super::ignore_broken_pipe(print_summary(&mut out, &reports, dry_run))?;
    Ok(exit_code(&reports))
}

/// 0 when at least one source succeeded (or every source was skipped by its poll budget),
/// [`ALL_SOURCES_FAILED`] when every attempted source failed.
fn exit_code(reports: &[SourceReport]) -> ExitCode {
    let attempted = reports
        .iter()
        .filter(|r| r.outcome != FetchOutcomeKind::Skipped)
        .count();
    let succeeded = reports.iter().filter(|r| r.outcome.is_success()).count();
    if attempted > 0 && succeeded == 0 {
        ExitCode::from(ALL_SOURCES_FAILED)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_summary(
    out: &mut impl Write,
    reports: &[SourceReport],
    dry_run: bool,
) -> std::io::Result<()> {
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
        "{} sources: {} succeeded, {} not modified, {} failed, {} skipped{}",
        reports.len(),
        count(FetchOutcomeKind::Success),
        count(FetchOutcomeKind::NotModified),
        count(FetchOutcomeKind::Failed),
        count(FetchOutcomeKind::Skipped),
        if dry_run {
            " (dry run: nothing stored)"
        } else {
            ""
        }
    )
}
