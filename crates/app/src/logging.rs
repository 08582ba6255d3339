//! How log lines are written. Logs go to stderr, so `--json` output on stdout stays clean.

/// The log line format, `PREPBOARD_LOG_FORMAT`: `text` (the default) or `json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// One readable line per event, coloured only when stderr is a terminal.
    Text,
    /// One JSON object per line (`timestamp`, `level`, `target`, `message` and the event's
    /// fields at the top level), for log collectors.
    Json,
}

impl LogFormat {
    /// Reads the variable's value (`None` when it is not set).
    pub fn parse(value: Option<&str>) -> Result<LogFormat, String> {
        match value.map(str::trim) {
            None | Some("") => Ok(LogFormat::Text),
            Some(value) if value.eq_ignore_ascii_case("text") => Ok(LogFormat::Text),
            Some(value) if value.eq_ignore_ascii_case("json") => Ok(LogFormat::Json),
            Some(value) => Err(format!(
                "PREPBOARD_LOG_FORMAT is `{value}`; expected `text` or `json`"
            )),
        }
    }
}

/// What the binary read from the environment and the terminal.
#[derive(Debug, Clone)]
pub struct LogSettings {
    pub format: LogFormat,
    /// A tracing filter (`PREPBOARD_LOG`: `info`, `prepboard_fetcher=debug`).
    pub filter: Option<String>,
    /// Colour codes: only on a terminal, and not even there when `NO_COLOR` is set (no-color.org),
    /// so log files and collectors get plain text.
    pub colour: bool,
}

impl LogSettings {
    /// From what the binary read: `PREPBOARD_LOG_FORMAT` (unset, or not Unicode, are told apart),
    /// `PREPBOARD_LOG`, whether `NO_COLOR` is set to something, and whether stderr is a terminal.
    pub fn from_environment(
        format: Result<String, std::env::VarError>,
        filter: Option<String>,
        no_color: bool,
        stderr_is_terminal: bool,
    ) -> Result<LogSettings, String> {
        let format = match format {
            Ok(value) => LogFormat::parse(Some(&value))?,
            Err(std::env::VarError::NotPresent) => LogFormat::Text,
            Err(std::env::VarError::NotUnicode(_)) => {
                return Err(
                    "PREPBOARD_LOG_FORMAT is not valid UTF-8; expected `text` or `json`".into(),
                );
            }
        };
        Ok(LogSettings {
            format,
            filter,
            colour: stderr_is_terminal && !no_color,
        })
    }
}

/// Installs the process's log subscriber.
pub fn init(settings: &LogSettings) {
    let filter = settings
        .filter
        .as_deref()
        .and_then(|filter| tracing_subscriber::EnvFilter::try_new(filter).ok())
        .unwrap_or_else(|| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tantivy=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match settings.format {
        LogFormat::Text => builder.with_ansi(settings.colour).init(),
        LogFormat::Json => builder.json().flatten_event(true).init(),
    }
}

#[cfg(test)]
mod tests {
    use super::{LogFormat, LogSettings};

    #[test]
    fn formats_are_read_without_regard_to_case_or_spaces() {
        assert_eq!(LogFormat::parse(None), Ok(LogFormat::Text));
        assert_eq!(LogFormat::parse(Some(" ")), Ok(LogFormat::Text));
        assert_eq!(LogFormat::parse(Some("JSON")), Ok(LogFormat::Json));
        assert_eq!(LogFormat::parse(Some(" text ")), Ok(LogFormat::Text));
        let error = LogFormat::parse(Some("yaml")).unwrap_err();
        assert!(error.contains("`yaml`"), "{error}");
    }

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        let settings = |no_color, terminal| {
            LogSettings::from_environment(
                Err(std::env::VarError::NotPresent),
                None,
                no_color,
                terminal,
            )
            .unwrap()
            .colour
        };
        assert!(settings(false, true));
        assert!(!settings(true, true));
        assert!(!settings(false, false));
        let not_unicode = std::env::VarError::NotUnicode(std::ffi::OsString::new());
        let error = LogSettings::from_environment(Err(not_unicode), None, false, true).unwrap_err();
        assert!(error.contains("not valid UTF-8"), "{error}");
    }
}
