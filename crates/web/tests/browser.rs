//! Drives headless Chromium (Debian's `chromium` and `chromium-driver`) through fantoccini against the
//! real server on a free port: search "api", tick the api-engineer family and see the counts change,
//! open a listing and find its prep links grouped by topic, tick a checklist item, reload and find
//! it still ticked, then open an entry page and see the jobs that need it. Screenshots land in
//! `<target>/screenshots/`.

mod common;

use std::net::TcpListener as StdListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

/// chromedriver, killed when dropped so a failing test leaves no process behind.
struct Chromedriver {
    child: Child,
    url: String,
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_chromedriver() -> Chromedriver {
    // Ask the OS for a free port, then hand it to chromedriver.
    let port = StdListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver is installed (apt-get install chromium-driver)");
    Chromedriver {
        child,
        url: format!("http://127.0.0.1:{port}"),
    }
}

fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../target")));
    let dir = target.join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_filter_open_listing_and_find_prep_links() {
    let server = common::Listening::start(
        common::site().await,
        prepboard_web::ConnectionLimits::default(),
    )
    .await;
    let base = format!("http://{}", server.address);

    let driver = start_chromedriver();
    let user_data = tempfile::tempdir().unwrap();
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".to_owned(),
        json!({
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1000",
                format!("--user-data-dir={}", user_data.path().display()),
            ],
        }),
    );
    // chromedriver answers once it is listening: retry the session until it does (bounded).
    let started = Instant::now();
    let client = loop {
        let attempt = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities.clone())
            .connect(&driver.url)
            .await;
        match attempt {
            Ok(client) => break client,
            Err(_) if started.elapsed() < Duration::from_secs(30) => {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(error) => panic!("chromedriver never answered: {error}"),
        }
    };

    client.goto(&format!("{base}/")).await.unwrap();
    let all_total = total(&client).await;
    let search_box = client.find(Locator::Css("#q")).await.unwrap();
    search_box.send_keys("api").await.unwrap();
    client
        .find(Locator::Css(".search-box button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    client
        .wait()
        .for_url(&url::Url::parse(&format!("{base}/?q=api")).unwrap())
        .await
        .unwrap();
    let api_total = total(&client).await;
    assert!(
        api_total > 0 && api_total <= all_total,
        "{api_total} of {all_total}"
    );
    let seniority_counts_before = facet_counts(&client, "seniority").await;

    // Ticking the family submits the form through our script; wait for the page it loads.
    client
        .find(Locator::Css("input[name='family'][value='api-engineer']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    client
        .wait()
        .for_element(Locator::Css(
            "input[name='family'][value='api-engineer']:checked",
        ))
        .await
        .unwrap();
    assert!(
        client
            .current_url()
            .await
            .unwrap()
            .as_str()
            .contains("family=api-engineer")
    );
    let family_total = total(&client).await;
    let seniority_counts_after = facet_counts(&client, "seniority").await;
    assert!(
        family_total > 0 && family_total < api_total,
        "{family_total} of {api_total}"
    );
    assert_ne!(
        seniority_counts_before, seniority_counts_after,
        "counts follow the filter"
    );
    client
        .find(Locator::Css("a[aria-label='Remove filter API engineer']"))
        .await
        .unwrap();
    let dir = screenshot_dir();
    std::fs::write(dir.join("search.png"), client.screenshot().await.unwrap()).unwrap();

    client
        .find(Locator::Css(".card h2 a"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    client
        .wait()
        .for_element(Locator::Css("#prep-heading"))
        .await
        .unwrap();
    let prep_links = client.find_all(Locator::Css("a.prep-entry")).await.unwrap();
    assert!(!prep_links.is_empty(), "the listing links to prep material");
    let href = prep_links[0].attr("href").await.unwrap().unwrap();
    assert!(href.starts_with("https://"), "{href}");
    std::fs::write(dir.join("listing.png"), client.screenshot().await.unwrap()).unwrap();

    // The checklist: our script puts a box before each entry; a tick survives a reload.
    let first_box = client
        .wait()
        .for_element(Locator::Css(
            ".prep-checklist li[data-prep-entry] input.prep-done",
        ))
        .await
        .unwrap();
    let item = client
        .find(Locator::Css(".prep-checklist li[data-prep-entry]"))
        .await
        .unwrap();
    let entry = item.attr("data-prep-entry").await.unwrap().unwrap();
    assert!(
        !first_box.is_selected().await.unwrap(),
        "nothing ticked yet"
    );
    first_box.click().await.unwrap();
    assert!(first_box.is_selected().await.unwrap());
    client.refresh().await.unwrap();
    let ticked = client
        .wait()
        .for_element(Locator::Css(&format!(
            ".prep-checklist li[data-prep-entry='{entry}'] input.prep-done:checked"
        )))
        .await
        .unwrap();
    assert!(
        ticked.is_selected().await.unwrap(),
        "still ticked after a reload"
    );
    std::fs::write(
        dir.join("checklist.png"),
        client.screenshot().await.unwrap(),
    )
    .unwrap();

    // The entry page lists the open jobs that need it.
    client.goto(&format!("{base}/prep/{entry}")).await.unwrap();
    client
        .wait()
        .for_element(Locator::Css("#covers-heading"))
        .await
        .unwrap();
    let jobs = client
        .find_all(Locator::Css("#jobs .job-links a"))
        .await
        .unwrap();
    assert!(!jobs.is_empty(), "the entry page of {entry} lists its jobs");
    std::fs::write(dir.join("entry.png"), client.screenshot().await.unwrap()).unwrap();

    client.close().await.unwrap();
    server.stop().await;
}

async fn total(client: &fantoccini::Client) -> u64 {
    client
        .find(Locator::Css("#total"))
        .await
        .unwrap()
        .attr("data-total")
        .await
        .unwrap()
        .unwrap()
        .parse()
        .unwrap()
}

async fn facet_counts(client: &fantoccini::Client, param: &str) -> Vec<String> {
    let mut counts = Vec::new();
    for element in client
        .find_all(Locator::Css(&format!("[data-facet^='{param}:']")))
        .await
        .unwrap()
    {
        counts.push(element.text().await.unwrap());
    }
    counts
}
