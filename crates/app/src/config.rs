//! The typed configuration: `config/prepboard.toml` (or `--config PATH`), then `PREPBOARD_*` overrides.
//!
//! The binary hands over the `--config` path and the process environment; [`Config::load`] reads the
//! file and applies the overrides. The crates below the application receive the parts they need as
//! plain values.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use prepboard_core::Normalizer;
use prepboard_prep::Catalog;
use serde::Deserialize;
use url::Url;

mod web;

pub use web::{ConnectionsConfig, MetricsConfig, MetricsServe, SearchConfig};

/// The default configuration, embedded so an installed binary runs without the repository.
pub const DEFAULT_CONFIG: &str = include_str!("../../../config/prepboard.toml");
const DEFAULT_CONFIG_PATH: &str = "config/prepboard.toml";
const ENV_PREFIX: &str = "PREPBOARD_";
/// Variables with the prefix that are not configuration keys.
const ENV_NOT_KEYS: &[&str] = &["PREPBOARD_CONFIG", "PREPBOARD_LOG", "PREPBOARD_LOG_FORMAT"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub data_dir: PathBuf,
    pub snapshot_dir: PathBuf,
    pub refresh_interval_minutes: u64,
    pub server: ServerConfig,
    pub politeness: Politeness,
    pub freshness: FreshnessConfig,
    pub sources: AggregatorSources,
    pub ats: AtsHosts,
    #[serde(default)]
    pub boards: Vec<Board>,
    #[serde(default)]
    pub pages: Vec<CareersPage>,
    /// A prep catalog to use instead of the bundled `config/prep.toml`.
    #[serde(default)]
    pub prep_catalog: Option<PathBuf>,
    /// How long a client may hold a connection, and how many may be open at once.
    #[serde(default)]
    pub connections: ConnectionsConfig,
    /// Where `/metrics` is served.
    #[serde(default)]
    pub metrics: MetricsConfig,
    /// The default view of every search (page, API, feed).
    #[serde(default)]
    pub search: SearchConfig,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerConfig {
    pub bind: SocketAddr,
    pub public_url: Url,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Politeness {
    pub user_agent: String,
    pub contact_url: Url,
    pub connect_timeout_secs: u64,
    pub total_timeout_secs: u64,
    pub max_body_mb: u64,
    pub per_host_per_minute: u32,
    pub max_concurrency: usize,
    pub max_retries: u32,
    pub backoff_base_ms: u64,
    pub max_retry_after_secs: u64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FreshnessConfig {
    pub close_after_missed_runs: u32,
    /// A run fails when more than this share of the items it was sent could not be read.
    #[serde(default = "default_max_unreadable_share")]
    pub max_unreadable_share: f64,
    /// A run that would close more than this share of its source's open listings at once closes
    /// nothing and is held as `suspect`.
    #[serde(default = "default_max_close_share")]
    pub max_close_share: f64,
}

fn default_max_unreadable_share() -> f64 {
    prepboard_fetcher::ReadPolicy::default().max_unreadable_share
}

fn default_max_close_share() -> f64 {
    0.5
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AggregatorSources {
    pub we_work_remotely: WeWorkRemotelyConfig,
    pub remotive: RemotiveConfig,
    pub remoteok: RemoteOkConfig,
    /// Off when a config file predates the section.
    #[serde(default)]
    pub hn: HackerNewsConfig,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeWorkRemotelyConfig {
    pub enabled: bool,
    pub base_url: Url,
    pub categories: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemotiveConfig {
    pub enabled: bool,
    pub base_url: Url,
    /// Category slugs to take; empty, or `["*"]`, takes every category. `category = "slug"` (the
    /// older single-category key) still reads as a list of one.
    #[serde(alias = "category", deserialize_with = "one_or_many")]
    pub categories: Vec<String>,
}

/// A list of strings, or one string as a list of one.
fn one_or_many<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(one) => vec![one],
        OneOrMany::Many(many) => many,
    })
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemoteOkConfig {
    pub enabled: bool,
    pub base_url: Url,
}

/// `[sources.hn]`: the "Ask HN: Who is hiring?" threads through the HN Search API.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HackerNewsConfig {
    pub enabled: bool,
    /// The HN Search (Algolia) API root; tests point it at a local server.
    pub base_url: Url,
    /// How many of the newest hiring threads to read (2: this month's and last month's).
    pub keep_threads: usize,
    pub hits_per_page: u32,
    pub max_pages: u32,
    /// The poll budget: the least time between two runs.
    pub min_interval_minutes: u64,
}

impl Default for HackerNewsConfig {
    fn default() -> Self {
        HackerNewsConfig {
            enabled: false,
            base_url: Url::parse("https://hn.algolia.com/api/v1").expect("a valid URL"),
            keep_threads: 2,
            hits_per_page: 500,
            max_pages: 2,
            min_interval_minutes: 60,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AtsHosts {
    pub greenhouse: AtsHost,
    pub lever: LeverHosts,
    pub ashby: AtsHost,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AtsHost {
    pub base_url: Url,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeverHosts {
    pub base_url: Url,
    pub eu_base_url: Url,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ats {
    Greenhouse,
    Lever,
    Ashby,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeverRegion {
    #[default]
    Global,
    Eu,
}

/// One company's own job board.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Board {
    pub company: String,
    pub ats: Ats,
    /// The board's name on its ATS (the `{token}` of the API path).
    pub token: String,
    /// Lever only: which instance hosts the board.
    #[serde(default)]
    pub region: LeverRegion,
    /// Whether the token was checked against a real payload (see the comment in the default config).
    #[serde(default)]
    pub confirmed: bool,
    #[serde(default = "enabled_by_default")]
    pub enabled: bool,
}

/// A careers page that embeds schema.org JobPosting JSON-LD.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CareersPage {
    pub company: Option<String>,
    pub url: Url,
    #[serde(default = "enabled_by_default")]
    pub enabled: bool,
}

fn enabled_by_default() -> bool {
    true
}

/// A configuration that cannot be used, with where and why.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file is not valid TOML.
    #[error("{path} is not valid TOML: {message}")]
    Syntax { path: String, message: String },
    /// A key is unknown, missing, or has a value of the wrong type or shape.
    #[error("{path}: key `{key}`{origin}: {message}")]
    Key {
        path: String,
        key: String,
        origin: String,
        message: String,
    },
    /// The prep catalog named by `prep_catalog` cannot be read or is not valid.
    #[error("the prep catalog {}: {message}", path.display())]
    PrepCatalog { path: PathBuf, message: String },
    /// Values parse, but do not make sense together.
    #[error("{path}: key `{key}`: {message}")]
    Invalid {
        path: String,
        key: String,
        message: String,
    },
}

impl Config {
    /// Loads `path` (or `config/prepboard.toml` when it exists, else the embedded default), then
    /// applies `PREPBOARD_*` overrides from `env`.
    pub fn load(
        path: Option<&Path>,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Config, ConfigError> {
        let (label, text) = match path {
            Some(path) => (
                path.display().to_string(),
                std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                    path: path.to_owned(),
                    source,
                })?,
            ),
            None if Path::new(DEFAULT_CONFIG_PATH).is_file() => (
                DEFAULT_CONFIG_PATH.to_owned(),
                std::fs::read_to_string(DEFAULT_CONFIG_PATH).map_err(|source| {
                    ConfigError::Read {
                        path: PathBuf::from(DEFAULT_CONFIG_PATH),
                        source,
                    }
                })?,
            ),
            None => (
                "the built-in default config".to_owned(),
                DEFAULT_CONFIG.to_owned(),
            ),
        };
        Config::from_toml(&label, &text, env)
    }

    /// Parses `text` (labelled `label` in errors) and applies `PREPBOARD_*` overrides from `env`.
    pub fn from_toml(
        label: &str,
        text: &str,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Config, ConfigError> {
        let mut value: toml::Value = toml::from_str(text).map_err(|error| ConfigError::Syntax {
            path: label.to_owned(),
            message: error.to_string(),
        })?;
        let overrides = apply_env_overrides(&mut value, env);
        let config: Config = serde_path_to_error::deserialize(value).map_err(|error| {
            let key = error.path().to_string();
            let origin = overrides
                .iter()
                .find(|(path, _)| key == **path || key.starts_with(&format!("{path}.")))
                .map(|(_, var)| format!(" (set by {var})"))
                .unwrap_or_default();
            ConfigError::Key {
                path: label.to_owned(),
                key,
                origin,
                // toml appends "in `table`" lines that repeat what the key path already says.
                message: error
                    .into_inner()
                    .to_string()
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_owned(),
            }
        })?;
        config.validate(label)?;
        Ok(config)
    }

    fn validate(&self, label: &str) -> Result<(), ConfigError> {
        let invalid = |key: &str, message: &str| ConfigError::Invalid {
            path: label.to_owned(),
            key: key.to_owned(),
            message: message.to_owned(),
        };
        if self.freshness.close_after_missed_runs == 0 {
            return Err(invalid(
                "freshness.close_after_missed_runs",
                "expected at least 1",
            ));
        }
        for (key, share) in [
            (
                "freshness.max_unreadable_share",
                self.freshness.max_unreadable_share,
            ),
            ("freshness.max_close_share", self.freshness.max_close_share),
        ] {
            if !(0.0..=1.0).contains(&share) {
                return Err(invalid(key, "expected a share from 0.0 to 1.0"));
            }
        }
        if self.politeness.max_concurrency == 0 {
            return Err(invalid("politeness.max_concurrency", "expected at least 1"));
        }
        if self.politeness.per_host_per_minute == 0 {
            return Err(invalid(
                "politeness.per_host_per_minute",
                "expected at least 1",
            ));
        }
        let hn = &self.sources.hn;
        if hn.keep_threads == 0 {
            return Err(invalid("sources.hn.keep_threads", "expected at least 1"));
        }
        if !(1..=1000).contains(&hn.hits_per_page) {
            return Err(invalid(
                "sources.hn.hits_per_page",
                "expected 1 to 1000 (the HN Search API's limit)",
            ));
        }
        if hn.max_pages == 0 {
            return Err(invalid("sources.hn.max_pages", "expected at least 1"));
        }
        if let Some((key, message)) = self.connections.problem() {
            return Err(invalid(key, message));
        }
        if self.refresh_interval_minutes == 0 {
            return Err(invalid(
                "refresh_interval_minutes",
                "expected at least 1 minute",
            ));
        }
        let mut seen = std::collections::BTreeSet::new();
        for (index, board) in self.boards.iter().enumerate() {
            let token_ok = !board.token.is_empty()
                && board
                    .token
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
            if !token_ok {
                return Err(invalid(
                    &format!("boards[{index}].token"),
                    "expected a board name of letters, digits, '-', '_' or '.'",
                ));
            }
            if !seen.insert((board.ats, board.token.to_ascii_lowercase())) {
                return Err(invalid(
                    &format!("boards[{index}].token"),
                    "this board is listed twice",
                ));
            }
        }
        Ok(())
    }

    /// The SQLite file.
    pub fn store_path(&self) -> PathBuf {
        self.data_dir.join("prepboard.sqlite")
    }

    /// The search index directory.
    pub fn index_dir(&self) -> PathBuf {
        self.data_dir.join("index")
    }

    /// The prep catalog: `prep_catalog` when set, else the bundled one.
    pub fn prep_catalog(&self) -> Result<Catalog, ConfigError> {
        let Some(path) = &self.prep_catalog else {
            return Ok(Catalog::bundled().clone());
        };
        let failed = |message: String| ConfigError::PrepCatalog {
            path: path.clone(),
            message,
        };
        let text = std::fs::read_to_string(path)
            .map_err(|error| failed(format!("cannot be read: {error}")))?;
        Catalog::from_toml(&text, Normalizer::bundled().skills())
            .map_err(|error| failed(format!("is not valid: {error}")))
    }
}

/// Applies `PREPBOARD_A__B=value` as `a.b = value`, returning the dotted keys it set and by which variable.
/// Values are read as TOML when they parse as such (`false`, `8`, `["a"]`), else taken as a string.
fn apply_env_overrides(
    root: &mut toml::Value,
    env: impl IntoIterator<Item = (String, String)>,
) -> BTreeMap<String, String> {
    let mut applied = BTreeMap::new();
    for (name, raw) in env {
        let Some(rest) = name.strip_prefix(ENV_PREFIX) else {
            continue;
        };
        if ENV_NOT_KEYS.contains(&name.as_str()) || rest.is_empty() {
            continue;
        }
        let path: Vec<String> = rest.split("__").map(str::to_ascii_lowercase).collect();
        let value = toml::from_str::<toml::Table>(&format!("v = {raw}"))
            .ok()
            .and_then(|mut table| table.remove("v"))
            .unwrap_or_else(|| toml::Value::String(raw.clone()));
        let mut node = &mut *root;
        for (depth, key) in path.iter().enumerate() {
            let Some(table) = node.as_table_mut() else {
                break;
            };
            if depth + 1 == path.len() {
                table.insert(key.clone(), value.clone());
                break;
            }
            node = table
                .entry(key.clone())
                .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        }
        applied.insert(path.join("."), name);
    }
    applied
}

#[cfg(test)]
mod tests;
