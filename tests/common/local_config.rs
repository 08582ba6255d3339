//! The configuration every end-to-end test starts from: each source's base URL is one local
//! server, the data dir a temporary one, and only the sources a test names are enabled. Shared by the
//! binary's tests (`tests/common`) and the application's in-process tests (`crates/app/tests`).

use std::path::Path;

/// A Greenhouse board in the test config.
#[derive(Debug, Clone, Copy)]
pub struct TestBoard<'a> {
    pub company: &'a str,
    pub token: &'a str,
    pub confirmed: bool,
}

/// The config text: aggregators named in `aggregators` (`wwr`, `remotive`, `remoteok`) on, every
/// other one off, and `boards` on Greenhouse, all pointed at `base`.
pub fn local_config(
    base: &str,
    data_dir: &Path,
    aggregators: &[&str],
    boards: &[TestBoard<'_>],
) -> String {
    let on = |name: &str| aggregators.contains(&name);
    let boards: String = boards
        .iter()
        .map(|board| {
            format!(
                "\n[[boards]]\ncompany = \"{}\"\nats = \"greenhouse\"\ntoken = \"{}\"\nconfirmed = {}\n",
                board.company, board.token, board.confirmed
            )
        })
        .collect();
    format!(
        r#"
data_dir = "{data}"
snapshot_dir = "{root}/config/snapshot"
refresh_interval_minutes = 60

[server]
bind = "127.0.0.1:0"
public_url = "http://127.0.0.1:8080"

[politeness]
user_agent = "prepboard-test/0.1"
contact_url = "https://example.com/contact"
connect_timeout_secs = 5
total_timeout_secs = 20
max_body_mb = 8
per_host_per_minute = 6000
max_concurrency = 4
max_retries = 1
backoff_base_ms = 10
max_retry_after_secs = 2

[freshness]
close_after_missed_runs = 2

[sources.we_work_remotely]
enabled = {wwr}
base_url = "{base}"
categories = ["remote-back-end-programming-jobs"]

[sources.remotive]
enabled = {remotive}
base_url = "{base}"
category = "software-dev"

[sources.remoteok]
enabled = {remoteok}
base_url = "{base}"

[ats.greenhouse]
base_url = "{base}"

[ats.lever]
base_url = "{base}"
eu_base_url = "{base}"

[ats.ashby]
base_url = "{base}"
{boards}"#,
        data = data_dir.display(),
        root = repo_root().display(),
        wwr = on("wwr"),
        remotive = on("remotive"),
        remoteok = on("remoteok"),
    )
}

/// The repository's root: the nearest folder above the crate under test that holds the bundled
/// snapshot (the root package and `crates/app` include this file from different depths).
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|dir| dir.join("config/snapshot").is_dir())
        .expect("the repository holds config/snapshot")
}
