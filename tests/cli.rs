//! End-to-end tests of the `prepboard` binary on a fresh data directory.

use std::process::Command;

fn prepboard(data_dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_prepboard"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("PREPBOARD_DATA_DIR", data_dir)
        .env("PREPBOARD_LOG", "warn")
        .output()
        .expect("the binary runs")
}

#[test]
fn migrate_then_sources_lists_the_configured_sources() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("fresh");
    let migrate = prepboard(&data, &["migrate"]);
    assert!(
        migrate.status.success(),
        "{}",
        String::from_utf8_lossy(&migrate.stderr)
    );
    assert!(data.join("prepboard.sqlite").is_file());

    let sources = prepboard(&data, &["sources"]);
    assert!(
        sources.status.success(),
        "{}",
        String::from_utf8_lossy(&sources.stderr)
    );
    let table = String::from_utf8(sources.stdout).unwrap();
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with("SOURCE"), "{table}");
    for name in [
        "wwr ",
        "remotive ",
        "remoteok ",
        "greenhouse:stripe ",
        "lever:zoox ",
        "ashby:ramp ",
    ] {
        let line = lines
            .iter()
            .find(|line| line.starts_with(name))
            .unwrap_or_else(|| panic!("{name} missing:\n{table}"));
        assert!(line.contains("enabled") && line.contains("never"), "{line}");
    }
    assert!(
        lines.len() > 40,
        "the default config lists 40+ boards:\n{table}"
    );
}

#[test]
fn a_bad_config_stops_at_start_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/config/prepboard.toml"
    ))
    .unwrap();
    std::fs::write(
        &path,
        text.replace("per_host_per_minute = 30", "per_host_per_minute = -1"),
    )
    .unwrap();
    let output = prepboard(dir.path(), &["--config", path.to_str().unwrap(), "sources"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("bad.toml: key `politeness.per_host_per_minute`"),
        "{stderr}"
    );
}
