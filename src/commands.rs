//! One function per subcommand: call the application, print what it returns, give the exit code.

use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;
use std::sync::Mutex;

use indicatif::{MultiProgress, ProgressBar, ProgressStyle};
use prepboard_app::pipeline::{self, FetchOptions};
use prepboard_app::serving::{self, Mode, Server};
use prepboard_app::{Config, indexing, prep_pages, reports};
use prepboard_fetcher::run::Progress;

use crate::search_args::SearchArgs;

/// Prints to stdout; a closed pipe (`prepboard sources | head`) is not an error worth reporting.
fn print(text: &str) -> anyhow::Result<()> {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

pub async fn migrate(config: &Config) -> anyhow::Result<ExitCode> {
    let store = prepboard_app::open_store(config).await?;
    let (path, watermark) = (store.path().display(), store.watermark().await?);
    print(&format!("store ready at {path} (watermark {watermark})\n"))?;
    store.close().await;
    Ok(ExitCode::SUCCESS)
}

pub async fn sources(config: &Config) -> anyhow::Result<ExitCode> {
    print(&reports::sources(config).await?)?;
    Ok(ExitCode::SUCCESS)
}

/// Fetches with a progress line per source, then the summary table, one log line per source that
/// needs a look, and the exit code that says how the run went.
pub async fn fetch(
    config: &Config,
    only: &[String],
    dry_run: bool,
    accept_drop: &[String],
) -> anyhow::Result<ExitCode> {
    let sources = pipeline::sources_to_fetch(config, only, accept_drop)?;
    let store = prepboard_app::open_store(config).await?;
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
        let (message, done) = reports::progress_message(&update);
        if done {
            bar.finish_with_message(message);
        } else {
            bar.set_message(message);
        }
    };
    let options = FetchOptions {
        dry_run,
        accept_drop,
    };
    let runs = pipeline::fetch_into_store_with(config, &store, &sources, options, progress).await?;
    let _ = bars.clear();
    store.close().await;
    for line in reports::fetch_warnings(&runs, accept_drop) {
        tracing::warn!("{line}");
    }
    print(&reports::fetch_summary(&runs, dry_run))?;
    let code = reports::fetch_exit_code(runs.iter().map(|report| report.outcome));
    Ok(ExitCode::from(code))
}

pub async fn index(config: &Config, rebuild: bool) -> anyhow::Result<ExitCode> {
    let store = prepboard_app::open_store(config).await?;
    let index = indexing::open_owned(config, "prepboard index")?;
    let started = std::time::Instant::now();
    let update = pipeline::update_index(&store, &index, rebuild).await?;
    store.close().await;
    let searchable = index.num_listings();
    print(&reports::index_update(
        &update,
        started.elapsed(),
        searchable,
    ))?;
    Ok(ExitCode::SUCCESS)
}

pub async fn prep_fetch(config: &Config, only: &[String]) -> anyhow::Result<ExitCode> {
    let counts = prep_pages::fetch_pages(config, only, |fetched| {
        let _ = print(&format!("{}\n", reports::prep_page_line(fetched)));
    })
    .await?;
    print(&format!("{}\n", reports::prep_fetch_summary(counts)))?;
    // As for `prepboard fetch`: every page attempted failed.
    Ok(if counts.failed > 0 && counts.succeeded == 0 {
        ExitCode::from(reports::ALL_SOURCES_FAILED)
    } else {
        ExitCode::SUCCESS
    })
}

pub async fn prep_status(config: &Config) -> anyhow::Result<ExitCode> {
    print(&reports::prep_pages(config).await?)?;
    Ok(ExitCode::SUCCESS)
}

pub async fn search(config: &Config, args: &SearchArgs) -> anyhow::Result<ExitCode> {
    let response = indexing::search_once(config, args.request()).await?;
    if args.json {
        print(&format!("{}\n", serde_json::to_string_pretty(&response)?))?;
    } else {
        print(&reports::search_table(&response))?;
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn serve(config: &Config, mode: Mode) -> anyhow::Result<ExitCode> {
    let server = Server::start(config, mode).await?;
    if server.seeded() > 0 {
        println!(
            "loaded {} listings from the bundled snapshot",
            server.seeded()
        );
    }
    println!(
        "prepboard is serving {} listings at http://{}",
        server.listings(),
        server.address()?
    );
    if let Some(metrics) = server.metrics_address() {
        println!("metrics at http://{metrics}/metrics");
    }
    server.run(serving::shutdown_signal()).await?;
    println!("stopped");
    Ok(ExitCode::SUCCESS)
}
