//! The binary's log lines: plain text (no colour codes) when stderr is not a terminal, one JSON
//! object per line with `PREPBOARD_LOG_FORMAT=json`, and a clear refusal of any other format.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// `prepboard serve` on a fresh data directory and a free port, logging at info to a pipe.
fn serve(data_dir: &std::path::Path, format: Option<&str>) -> Child {
    let mut command = Command::new(env!("CARGO_BIN_EXE_prepboard"));
    command
        .arg("serve")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("PREPBOARD_DATA_DIR", data_dir)
        .env("PREPBOARD_SERVER__BIND", "127.0.0.1:0")
        .env("PREPBOARD_LOG", "info")
        .env_remove("NO_COLOR")
        .env_remove("PREPBOARD_LOG_FORMAT")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if let Some(format) = format {
        command.env("PREPBOARD_LOG_FORMAT", format);
    }
    command.spawn().expect("the binary starts")
}

/// Kills the server when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The server's stderr lines up to and including the first that contains `needle`.
fn lines_until(server: &mut Running, needle: &str) -> Vec<String> {
    let stderr = server.0.stderr.take().expect("stderr is piped");
    let mut lines = Vec::new();
    for line in BufReader::new(stderr).lines() {
        let line = line.expect("stderr is UTF-8");
        let done = line.contains(needle);
        lines.push(line);
        if done {
            return lines;
        }
    }
    panic!(
        "the server exited before logging {needle:?}:\n{}",
        lines.join("\n")
    );
}

#[test]
fn text_logs_carry_no_colour_codes_off_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Running(serve(&dir.path().join("data"), None));
    let lines = lines_until(&mut server, "index ready");
    let last = lines.last().unwrap();
    assert!(last.contains("INFO"), "{last}");
    for line in &lines {
        assert!(!line.contains('\u{1b}'), "a colour code in {line:?}");
    }
}

#[test]
fn json_logs_are_one_object_per_line_with_the_fields_at_the_top() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Running(serve(&dir.path().join("data"), Some("json")));
    let lines = lines_until(&mut server, "index ready");
    for line in &lines {
        let event: serde_json::Value = serde_json::from_str(line)
            .unwrap_or_else(|error| panic!("not JSON ({error}): {line:?}"));
        assert!(event["timestamp"].is_string(), "{line}");
        assert!(event["level"].is_string(), "{line}");
        assert!(event["message"].is_string(), "{line}");
    }
    let ready: serde_json::Value = serde_json::from_str(lines.last().unwrap()).unwrap();
    assert_eq!(ready["level"], "INFO");
    assert_eq!(ready["message"], "index ready");
    assert_eq!(ready["listings"], 0);
    assert_eq!(ready["rebuilt"], true);
}

#[test]
fn an_unknown_log_format_stops_at_start_and_names_the_variable() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_prepboard"))
        .arg("sources")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("PREPBOARD_DATA_DIR", dir.path())
        .env("PREPBOARD_LOG_FORMAT", "logfmt")
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("PREPBOARD_LOG_FORMAT is `logfmt`; expected `text` or `json`"),
        "{stderr}"
    );
}
