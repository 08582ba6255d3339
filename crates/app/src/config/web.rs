//! The web server's part of the configuration: `[connections]` (how long a client may hold a
//! connection, how many may be open), `[metrics]` (where `/metrics` is served) and `[search]` (the
//! default view of every search).

use std::net::SocketAddr;

use serde::Deserialize;

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ConnectionsConfig {
    pub header_read_timeout_secs: u64,
    pub idle_timeout_secs: u64,
    pub max_connections: usize,
}

impl Default for ConnectionsConfig {
    fn default() -> Self {
        ConnectionsConfig {
            header_read_timeout_secs: 10,
            idle_timeout_secs: 5,
            max_connections: 1024,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MetricsConfig {
    pub serve: MetricsServe,
}

/// `"site"` (beside the pages), `"off"`, or an address of its own.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub enum MetricsServe {
    #[default]
    Site,
    Off,
    Address(SocketAddr),
}

impl TryFrom<String> for MetricsServe {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        match text.as_str() {
            "site" => Ok(MetricsServe::Site),
            "off" => Ok(MetricsServe::Off),
            other => other.parse().map(MetricsServe::Address).map_err(|_| {
                format!("expected \"site\", \"off\" or an address such as 127.0.0.1:9184, found {other:?}")
            }),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SearchConfig {
    pub include_office: bool,
    pub include_non_engineering: bool,
}

impl ConnectionsConfig {
    /// The first key whose value cannot work, with why.
    pub(super) fn problem(&self) -> Option<(&'static str, &'static str)> {
        if self.header_read_timeout_secs == 0 {
            Some((
                "connections.header_read_timeout_secs",
                "expected at least 1 second",
            ))
        } else if self.idle_timeout_secs == 0 {
            Some((
                "connections.idle_timeout_secs",
                "expected at least 1 second",
            ))
        } else if self.max_connections == 0 {
            Some(("connections.max_connections", "expected at least 1"))
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, DEFAULT_CONFIG};

    fn no_env() -> Vec<(String, String)> {
        Vec::new()
    }

    #[test]
    fn connection_metrics_and_search_keys_parse_and_default() {
        let config = Config::from_toml("prepboard.toml", DEFAULT_CONFIG, no_env()).unwrap();
        assert_eq!(config.connections.header_read_timeout_secs, 10);
        assert_eq!(config.metrics.serve, MetricsServe::Site);
        assert!(!config.search.include_office && !config.search.include_non_engineering);
        let env = vec![
            (
                "PREPBOARD_METRICS__SERVE".to_owned(),
                "127.0.0.1:9184".to_owned(),
            ),
            (
                "PREPBOARD_SEARCH__INCLUDE_OFFICE".to_owned(),
                "true".to_owned(),
            ),
            (
                "PREPBOARD_CONNECTIONS__MAX_CONNECTIONS".to_owned(),
                "64".to_owned(),
            ),
        ];
        let config = Config::from_toml("prepboard.toml", DEFAULT_CONFIG, env).unwrap();
        assert_eq!(
            config.metrics.serve,
            MetricsServe::Address("127.0.0.1:9184".parse().unwrap())
        );
        assert!(config.search.include_office);
        assert_eq!(config.connections.max_connections, 64);
        let bad = vec![(
            "PREPBOARD_METRICS__SERVE".to_owned(),
            "elsewhere".to_owned(),
        )];
        let error = Config::from_toml("prepboard.toml", DEFAULT_CONFIG, bad)
            .unwrap_err()
            .to_string();
        assert!(error.contains("key `metrics.serve`"), "{error}");
        assert!(error.contains("\"site\", \"off\" or an address"), "{error}");
    }

    #[test]
    fn a_zero_connection_limit_stops_at_start_naming_the_key() {
        let env = vec![(
            "PREPBOARD_CONNECTIONS__IDLE_TIMEOUT_SECS".to_owned(),
            "0".to_owned(),
        )];
        let error = Config::from_toml("prepboard.toml", DEFAULT_CONFIG, env)
            .unwrap_err()
            .to_string();
        assert!(error.contains("connections.idle_timeout_secs"), "{error}");
    }
}
