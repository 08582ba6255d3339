//! `prepboard fetch`: fetch the configured sources into the store, with a progress line per source,
//! a summary table on stdout, one line on stderr per source that needs a look, and an exit code
//! that says how the run went.

use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;
use std::sync::Mutex;

use indicatif::{MultiProgress, ProgressBar, ProgressStyle};
use prepboard_fetcher::run::Progress;
use prepboard_store::FetchOutcomeKind;

use crate::config::Config;
use crate::pipeline::{self, FetchOptions, SourceReport};

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

pub async fn run(
    config: &Config,
    only: &[String],
    dry_run: bool,
    accept_drop: &[String],
) -> anyhow::Result<ExitCode> {
    let sources = pipeline::fetch_sources(config, only);
    if sources.is_empty() {
        anyhow::bail!("no enabled source matches {only:?}; `prepboard sources` lists them");
    }
    if let Some(unknown) = accept_drop
        .iter()
        .find(|name| !sources.iter().any(|source| &source.name == *name))
    {
        anyhow::bail!(
            "--accept-drop {unknown}: not a source this run fetches; `prepboard sources` lists \
             them (with --source, name it there too)"
        );
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
    let options = FetchOptions {
        dry_run,
        accept_drop,
    };
    let reports =
        pipeline::fetch_into_store_with(config, &store, &sources, options, progress).await?;
    let _ = bars.clear();
    store.close().await;

    log_lines(&reports, accept_drop);
    let mut out = std::io::stdout().lock();
    super::ignore_broken_pipe(print_summary(&mut out, &reports, dry_run))?;
    Ok(ExitCode::from(exit_code(
        reports.iter().map(|report| report.outcome),
    )))
}

/// One line on stderr per source that needs a look, and one for all the unreachable ones.
fn log_lines(reports: &[SourceReport], accept_drop: &[String]) {
    if let Some(line) = pipeline::network_line(reports) {
        tracing::warn!("{line}");
    }
    for report in reports {
        if let Some(line) = report.stderr_line() {
            tracing::warn!("{line}");
        }
        let settled = report.outcome.is_success();
        if accept_drop.contains(&report.name) && !settled {
            tracing::warn!(
                "{}: --accept-drop not applied: the run was {}",
                report.name,
                report.outcome.as_str()
            );
        }
    }
}

/// 0 when every attempted source succeeded, [`SOME_SOURCES_FAILED`] when some failed or were held
/// as suspect, [`ALL_SOURCES_FAILED`] when every attempted source failed. Skipped sources were not
/// attempted; a run of skips only is 0.
fn exit_code(outcomes: impl IntoIterator<Item = FetchOutcomeKind>) -> u8 {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_say_how_the_run_went() {
        use FetchOutcomeKind::*;
        let check = |outcomes: &[FetchOutcomeKind], expected: u8| {
            assert_eq!(
                exit_code(outcomes.iter().copied()),
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
