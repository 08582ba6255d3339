//! The shipped config parses; overrides and bad values name the key they concern.

use super::*;

fn no_env() -> Vec<(String, String)> {
    Vec::new()
}

#[test]
fn the_shipped_config_parses() {
    let config = Config::from_toml("prepboard.toml", DEFAULT_CONFIG, no_env()).unwrap();
    assert_eq!(config.server.bind.to_string(), "127.0.0.1:8080");
    assert_eq!(config.data_dir, PathBuf::from("./data"));
    assert_eq!(config.freshness.close_after_missed_runs, 2);
    assert_eq!(config.freshness.max_unreadable_share, 0.25);
    assert_eq!(config.freshness.max_close_share, 0.5);
    assert!(config.sources.we_work_remotely.enabled && config.sources.remotive.enabled);
    assert!(
        config.boards.len() >= 40,
        "the issue asks for at least 40 boards"
    );
}

#[test]
fn environment_overrides_nested_keys() {
    let env = vec![
        (
            "PREPBOARD_SERVER__BIND".to_owned(),
            "0.0.0.0:9000".to_owned(),
        ),
        (
            "PREPBOARD_SOURCES__REMOTIVE__ENABLED".to_owned(),
            "false".to_owned(),
        ),
        ("PREPBOARD_DATA_DIR".to_owned(), "/tmp/x".to_owned()),
        ("PREPBOARD_LOG".to_owned(), "debug".to_owned()),
        ("PREPBOARD_LOG_FORMAT".to_owned(), "json".to_owned()),
        ("HOME".to_owned(), "/root".to_owned()),
    ];
    let config = Config::from_toml("prepboard.toml", DEFAULT_CONFIG, env).unwrap();
    assert_eq!(config.server.bind.port(), 9000);
    assert!(!config.sources.remotive.enabled);
    assert_eq!(config.data_dir, PathBuf::from("/tmp/x"));
}

#[test]
fn remotive_categories_are_a_list_with_a_way_to_take_every_one() {
    let categories = |edit: &dyn Fn(&str) -> String| {
        Config::from_toml("prepboard.toml", &edit(DEFAULT_CONFIG), no_env())
            .unwrap()
            .sources
            .remotive
            .categories
    };
    assert_eq!(categories(&str::to_owned), ["software-dev"]);
    let shipped = "categories = [\"software-dev\"]";
    assert_eq!(
        categories(
            &|text: &str| text.replace(shipped, "categories = [\"software-dev\", \"devops\"]")
        ),
        ["software-dev", "devops"]
    );
    assert!(categories(&|text: &str| text.replace(shipped, "categories = []")).is_empty());
    assert_eq!(
        categories(&|text: &str| text.replace(shipped, "categories = [\"*\"]")),
        ["*"]
    );
    // The older single-category key still reads, as a list of one.
    assert_eq!(
        categories(&|text: &str| text.replace(shipped, "category = \"product\"")),
        ["product"]
    );
}

/// What is wrong, how to break the default config, extra environment, and the expected message.
type BadConfigCase = (
    &'static str,
    Box<dyn Fn(&str) -> String>,
    Vec<(String, String)>,
    &'static str,
);

fn error_for(edit: impl Fn(&str) -> String, env: Vec<(String, String)>) -> String {
    Config::from_toml("prepboard.toml", &edit(DEFAULT_CONFIG), env)
        .unwrap_err()
        .to_string()
}

#[test]
fn bad_configs_name_the_key() {
    let rows: Vec<BadConfigCase> = vec![
        (
            "unknown key",
            Box::new(|text: &str| text.replace("[server]\n", "[server]\nport = 80\n")),
            no_env(),
            "key `server.port`: unknown field `port`, expected `bind` or `public_url`",
        ),
        (
            "wrong type",
            Box::new(|text: &str| {
                text.replace("max_concurrency = 8", "max_concurrency = \"lots\"")
            }),
            no_env(),
            "key `politeness.max_concurrency`: invalid type: string \"lots\", expected usize",
        ),
        (
            "bad URL",
            Box::new(|text: &str| {
                text.replace(
                    "base_url = \"https://remoteok.com\"",
                    "base_url = \"remoteok dot com\"",
                )
            }),
            no_env(),
            "key `sources.remoteok.base_url`",
        ),
        (
            "bad URL from the environment",
            Box::new(str::to_owned),
            vec![(
                "PREPBOARD_ATS__ASHBY__BASE_URL".to_owned(),
                "::nope".to_owned(),
            )],
            "key `ats.ashby.base_url` (set by PREPBOARD_ATS__ASHBY__BASE_URL)",
        ),
        (
            "bad bind address",
            Box::new(|text: &str| text.replace("127.0.0.1:8080\"", "localhost\"")),
            no_env(),
            "key `server.bind`",
        ),
        (
            "zero close-after",
            Box::new(|text: &str| {
                text.replace("close_after_missed_runs = 2", "close_after_missed_runs = 0")
            }),
            no_env(),
            "key `freshness.close_after_missed_runs`: expected at least 1",
        ),
        (
            "a share above one",
            Box::new(|text: &str| text.replace("max_close_share = 0.5", "max_close_share = 50")),
            no_env(),
            "key `freshness.max_close_share`: expected a share from 0.0 to 1.0",
        ),
        (
            "a share that is not a number, from the environment",
            Box::new(str::to_owned),
            vec![(
                "PREPBOARD_FRESHNESS__MAX_UNREADABLE_SHARE".to_owned(),
                "nan".to_owned(),
            )],
            "key `freshness.max_unreadable_share`: expected a share from 0.0 to 1.0",
        ),
    ];
    for (what, edit, env, expected) in rows {
        let message = error_for(edit, env);
        assert!(
            message.contains(expected),
            "{what}: `{message}` lacks `{expected}`"
        );
        assert!(
            message.starts_with("prepboard.toml"),
            "{what}: `{message}` lacks the file"
        );
    }
}

#[test]
fn syntax_errors_name_the_file_and_line() {
    let message = Config::from_toml("my.toml", "data_dir = ", no_env())
        .unwrap_err()
        .to_string();
    assert!(
        message.starts_with("my.toml is not valid TOML"),
        "{message}"
    );
    assert!(message.contains("line 1"), "{message}");
}
