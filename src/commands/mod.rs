//! One module per subcommand. Each takes the loaded [`Config`](crate::config::Config) and returns
//! the process exit code.

pub mod fetch;
pub mod index;
pub mod migrate;
pub mod prep;
pub mod search;
pub mod serve;
pub mod sources;

use anyhow::Context;
use prepboard_store::Store;

use crate::config::Config;

/// Opens the store (applying migrations), with the path in any error.
pub async fn open_store(config: &Config) -> anyhow::Result<Store> {
    let path = config.store_path();
    Store::open(&path)
        .await
        .with_context(|| format!("opening the store at {}", path.display()))
}

/// Printing into a closed pipe (`prepboard sources | head`) is not an error worth reporting.
pub fn ignore_broken_pipe(result: std::io::Result<()>) -> std::io::Result<()> {
    match result {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
