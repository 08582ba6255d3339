//! `prepboard migrate`.

use std::process::ExitCode;

use crate::config::Config;

pub async fn run(config: &Config) -> anyhow::Result<ExitCode> {
    let store = super::open_store(config).await?;
    println!(
        "store ready at {} (watermark {})",
        store.path().display(),
        store.watermark().await?
    );
    store.close().await;
    Ok(ExitCode::SUCCESS)
}
