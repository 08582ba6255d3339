//! `prepboard`: the command line. Thin glue: it reads the configuration and the environment, sets up
//! logging and the runtime, and wires the library crates together. All real work lives in `crates/`.

mod commands;
mod config;
mod pipeline;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::Config;

/// prepboard: remote backend and API-engineering jobs, linked to interview prep.
#[derive(Debug, Parser)]
#[command(version, about, long_about = None, propagate_version = true)]
struct Cli {
    /// Configuration file [default: config/prepboard.toml, else the built-in default].
    /// Keys can be overridden with PREPBOARD_<KEY> variables (`__` between nested keys).
    #[arg(long, global = true, env = "PREPBOARD_CONFIG", value_name = "PATH")]
    config: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create the data directory and apply database migrations.
    Migrate,
    /// List the configured sources with their last fetch run.
    Sources,
    /// Fetch the configured sources into the store.
    #[command(after_help = commands::fetch::EXIT_CODES_HELP)]
    Fetch {
        /// Only this source (repeatable), by the name `prepboard sources` shows.
        #[arg(long = "source", value_name = "NAME")]
        sources: Vec<String>,
        /// Fetch and report, but store nothing. Sources with a poll budget (Remotive, RemoteOK,
        /// We Work Remotely) are not fetched: a poll the store does not record would spend it.
        #[arg(long)]
        dry_run: bool,
        /// Accept a drop held as `suspect` for this source (repeatable): this run closes what the
        /// source no longer lists instead of holding it again.
        #[arg(long = "accept-drop", value_name = "SOURCE")]
        accept_drop: Vec<String>,
    },
    /// Bring the search index up to date with the store.
    Index {
        /// Build a fresh index and switch to it atomically, instead of applying changes.
        #[arg(long)]
        rebuild: bool,
    },
    /// Interview-prep pages: read their questions into the store, or show how that went.
    #[command(subcommand)]
    Prep(PrepCommand),
    /// Search the index from the command line.
    Search(Box<commands::search::SearchArgs>),
    /// Serve the site and API from what the store and index hold.
    Serve,
    /// Migrate, load the bundled snapshot into an empty store, index, serve, and refresh from the
    /// live sources in the background.
    Up,
}

#[derive(Debug, Subcommand)]
enum PrepCommand {
    /// Fetch each prep catalog page and store its title and questions.
    Fetch {
        /// Only this catalog entry (repeatable), by its id.
        #[arg(long = "entry", value_name = "ID")]
        entries: Vec<String>,
    },
    /// List the catalog's entries with their page's last fetch.
    Status,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(error) = init_logging() {
        eprintln!("error: {error}");
        return ExitCode::from(2);
    }
    let config = match Config::load(cli.config.as_deref(), std::env::vars()) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    let async_workers = match cli.command {
        Command::Serve | Command::Up => prepboard_web::async_workers(),
        _ => std::thread::available_parallelism().map_or(2, std::num::NonZero::get),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(async_workers)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async move {
        match cli.command {
            Command::Migrate => commands::migrate::run(&config).await,
            Command::Sources => commands::sources::run(&config).await,
            Command::Fetch {
                sources,
                dry_run,
                accept_drop,
            } => commands::fetch::run(&config, &sources, dry_run, &accept_drop).await,
            Command::Index { rebuild } => commands::index::run(&config, rebuild).await,
            Command::Prep(PrepCommand::Fetch { entries }) => {
                commands::prep::fetch(&config, &entries).await
            }
            Command::Prep(PrepCommand::Status) => commands::prep::status(&config).await,
            Command::Search(args) => commands::search::run(&config, &args).await,
            Command::Serve => commands::serve::run(&config, false).await,
            Command::Up => commands::serve::run(&config, true).await,
        }
    });
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// How log lines are written: `PREPBOARD_LOG_FORMAT` is `text` (the default) or `json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LogFormat {
    /// One readable line per event, coloured only when stderr is a terminal.
    Text,
    /// One JSON object per line (`timestamp`, `level`, `target`, `message` and the event's
    /// fields at the top level), for log collectors.
    Json,
}

impl LogFormat {
    fn from_env() -> Result<LogFormat, String> {
        match std::env::var("PREPBOARD_LOG_FORMAT") {
            Err(std::env::VarError::NotPresent) => Ok(LogFormat::Text),
            Ok(value) if value.trim().is_empty() || value.trim().eq_ignore_ascii_case("text") => {
                Ok(LogFormat::Text)
            }
            Ok(value) if value.trim().eq_ignore_ascii_case("json") => Ok(LogFormat::Json),
            Ok(value) => Err(format!(
                "PREPBOARD_LOG_FORMAT is `{value}`; expected `text` or `json`"
            )),
            Err(std::env::VarError::NotUnicode(_)) => {
                Err("PREPBOARD_LOG_FORMAT is not valid UTF-8; expected `text` or `json`".to_owned())
            }
        }
    }
}

/// Logs go to stderr, so `--json` output on stdout stays clean. `PREPBOARD_LOG` takes a
/// tracing filter (`info`, `prepboard_fetcher=debug`); `PREPBOARD_LOG_FORMAT` picks [`LogFormat`].
/// Colour codes are written only to a terminal, and not even there when `NO_COLOR` is set
/// (no-color.org), so log files and collectors get plain text.
fn init_logging() -> Result<(), String> {
    let format = LogFormat::from_env()?;
    let filter = tracing_subscriber::EnvFilter::try_from_env("PREPBOARD_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tantivy=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
            builder
                .with_ansi(std::io::stderr().is_terminal() && !no_color)
                .init();
        }
        LogFormat::Json => builder.json().flatten_event(true).init(),
    }
    Ok(())
}
