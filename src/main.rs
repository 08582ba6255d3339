//! `prepboard`: the command line. It parses arguments, reads the environment, sets up logging and
//! the runtime, and prints; the application itself is `prepboard-app` (crates/app).

mod commands;
mod search_args;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use prepboard_app::Config;
use prepboard_app::logging::LogSettings;
use prepboard_app::serving::Mode;

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
    #[command(after_help = prepboard_app::reports::EXIT_CODES_HELP)]
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
    Search(Box<search_args::SearchArgs>),
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
    match log_settings() {
        Ok(settings) => prepboard_app::logging::init(&settings),
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
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
            Command::Migrate => commands::migrate(&config).await,
            Command::Sources => commands::sources(&config).await,
            Command::Fetch {
                sources,
                dry_run,
                accept_drop,
            } => commands::fetch(&config, &sources, dry_run, &accept_drop).await,
            Command::Index { rebuild } => commands::index(&config, rebuild).await,
            Command::Prep(PrepCommand::Fetch { entries }) => {
                commands::prep_fetch(&config, &entries).await
            }
            Command::Prep(PrepCommand::Status) => commands::prep_status(&config).await,
            Command::Search(args) => commands::search(&config, &args).await,
            Command::Serve => commands::serve(&config, Mode::Serve).await,
            Command::Up => commands::serve(&config, Mode::Up).await,
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

/// `PREPBOARD_LOG_FORMAT` picks the format, `PREPBOARD_LOG` the filter; colour only on a terminal
/// and never with `NO_COLOR` set.
fn log_settings() -> Result<LogSettings, String> {
    LogSettings::from_environment(
        std::env::var("PREPBOARD_LOG_FORMAT"),
        std::env::var("PREPBOARD_LOG").ok(),
        std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty()),
        std::io::stderr().is_terminal(),
    )
}
