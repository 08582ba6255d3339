//! What the binary's end-to-end tests share: a config whose every source points at one local
//! server.

// Each test binary compiles this module and uses a part of it.
#![allow(dead_code)]

use std::path::Path;

#[path = "local_config.rs"]
mod local_config;

pub use local_config::{TestBoard, local_config};

/// A config with every aggregator off (unless `remotive`) and one Greenhouse board per name.
pub fn config_for(base: &str, data_dir: &Path, boards: &[&str], remotive: bool) -> String {
    let companies: Vec<String> = boards.iter().map(|board| format!("{board} Inc")).collect();
    let boards: Vec<TestBoard<'_>> = boards
        .iter()
        .zip(&companies)
        .map(|(token, company)| TestBoard {
            company,
            token,
            confirmed: false,
        })
        .collect();
    let aggregators: &[&str] = if remotive { &["remotive"] } else { &[] };
    local_config(base, data_dir, aggregators, &boards)
}

/// A recorded payload from `tests/fixtures/`, as bytes.
pub fn fixture(relative: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(relative),
    )
    .unwrap_or_else(|error| panic!("fixture {relative}: {error}"))
}
