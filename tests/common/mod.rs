//! What the binary's end-to-end tests share: a config whose every source points at one local
//! server.

use std::path::Path;

/// A config with every aggregator off (unless `remotive`) and one Greenhouse board per name.
pub fn config_for(base: &str, data_dir: &Path, boards: &[&str], remotive: bool) -> String {
    let boards: String = boards
        .iter()
        .map(|board| {
            format!(
                "\n[[boards]]\ncompany = \"{board} Inc\"\nats = \"greenhouse\"\ntoken = \"{board}\"\n"
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
enabled = false
base_url = "{base}"
categories = ["remote-back-end-programming-jobs"]

[sources.remotive]
enabled = {remotive}
base_url = "{base}"
category = "software-dev"

[sources.remoteok]
enabled = false
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
        root = env!("CARGO_MANIFEST_DIR"),
    )
}
