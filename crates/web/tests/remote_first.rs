//! The remote-first view: the page, the API and the feed ask the index for remote engineering jobs
//! unless a toggle (or the operator's default) widens it, and the page says how many each toggle
//! would add.

mod common;

use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use prepboard_core::ListingId;
use prepboard_core::search::{HiddenCounts, SearchHit, SearchRequest, SearchResponse};
use prepboard_web::{BackendError, SearchBackend, SearchDefaults, SiteConfig};

/// The real index, with the requests it was asked recorded and fixed hidden counts in each answer
/// (what the index reports is the indexer's business; here the web's use of it is tested).
struct Recording {
    index: prepboard_indexer::SearchIndex,
    requests: Mutex<Vec<SearchRequest>>,
    hidden: HiddenCounts,
}

impl SearchBackend for Recording {
    fn search(&self, request: &SearchRequest) -> Result<SearchResponse, BackendError> {
        self.requests.lock().unwrap().push(request.clone());
        let mut response = SearchBackend::search(&self.index, request)?;
        response.facets.hidden = HiddenCounts {
            office: if request.include_office || !request.workplaces.is_empty() {
                0
            } else {
                self.hidden.office
            },
            non_engineering: if request.include_non_engineering || !request.families.is_empty() {
                0
            } else {
                self.hidden.non_engineering
            },
        };
        Ok(response)
    }

    fn similar(&self, id: &ListingId, limit: usize) -> Result<Vec<SearchHit>, BackendError> {
        SearchBackend::similar(&self.index, id, limit)
    }

    fn num_listings(&self) -> u64 {
        self.index.num_listings()
    }
}

struct Site {
    app: axum::Router,
    backend: Arc<Recording>,
    _site: common::TestSite,
}

async fn site_with(defaults: SearchDefaults) -> Site {
    let config = SiteConfig {
        search_defaults: defaults,
        ..SiteConfig::default()
    };
    let (site, backend) = common::site_with(config, |index| {
        Arc::new(Recording {
            index,
            requests: Mutex::new(Vec::new()),
            hidden: HiddenCounts {
                office: 312,
                non_engineering: 41,
            },
        })
    })
    .await;
    Site {
        app: site.app.clone(),
        backend,
        _site: site,
    }
}

impl Site {
    async fn get(&self, uri: &str) -> (StatusCode, String, SearchRequest) {
        let response = tower::ServiceExt::oneshot(
            self.app.clone(),
            axum::http::Request::get(uri)
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
        let status = response.status();
        let text = common::body_text(response).await;
        let request = self
            .backend
            .requests
            .lock()
            .unwrap()
            .last()
            .cloned()
            .unwrap();
        (status, text, request)
    }
}

#[tokio::test]
async fn by_default_the_index_is_asked_for_remote_engineering_jobs_only() {
    let site = site_with(SearchDefaults::default()).await;
    for uri in ["/", "/api/v1/jobs", "/api/v1/facets", "/feed.atom"] {
        let (status, _, request) = site.get(uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(
            !request.include_office && !request.include_non_engineering,
            "{uri}"
        );
    }
    for uri in [
        "/?include_office=1&include_non_engineering=1",
        "/api/v1/jobs?include_office=1&include_non_engineering=1",
        "/feed.atom?include_office=1&include_non_engineering=1",
    ] {
        let (_, _, request) = site.get(uri).await;
        assert!(
            request.include_office && request.include_non_engineering,
            "{uri}"
        );
    }
}

#[tokio::test]
async fn the_page_offers_each_toggle_with_what_it_would_add() {
    let site = site_with(SearchDefaults::default()).await;
    let (_, page, _) = site.get("/?q=api").await;
    assert!(page.contains("+ 312 office and hybrid jobs"), "{page}");
    assert!(page.contains("+ 41 non-engineering jobs"), "{page}");
    assert!(
        page.contains("href=\"/?q=api&amp;include_office=1\"")
            || page.contains("href=\"/?q=api&#38;include_office=1\""),
        "the toggle keeps the search and adds itself"
    );
    // Turned on, it shows as a chip that turns it off, and its count is no longer offered.
    let (_, page, _) = site.get("/?q=api&include_office=1").await;
    assert!(!page.contains("+ 312 office"), "{page}");
    assert!(
        page.contains("Remove filter Including office and hybrid jobs"),
        "{page}"
    );
    assert!(
        page.contains("name=\"include_office\" value=\"1\""),
        "the filter form keeps it"
    );
    // An explicit workplace filter replaces the default: no office toggle then.
    let (_, page, _) = site.get("/?workplace=hybrid").await;
    assert!(!page.contains("office and hybrid jobs"), "{page}");
}

#[tokio::test]
async fn the_operators_defaults_decide_the_view_and_the_document() {
    let site = site_with(SearchDefaults {
        include_office: true,
        include_non_engineering: false,
    })
    .await;
    let (_, page, request) = site.get("/").await;
    assert!(request.include_office && !request.include_non_engineering);
    assert!(
        page.contains("Only remote jobs"),
        "the toggle narrows instead: {page}"
    );
    let (_, _, request) = site.get("/api/v1/jobs?include_office=0").await;
    assert!(!request.include_office);
    let (_, json, _) = site.get("/api/v1/jobs?include_office=1").await;
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        json["meta"]["query"], "",
        "the default is not spelled in canonical links"
    );
    let response = tower::ServiceExt::oneshot(
        site.app.clone(),
        axum::http::Request::get("/api/openapi.json")
            .body(axum::body::Body::empty())
            .unwrap(),
    )
    .await
    .unwrap();
    let document: serde_json::Value =
        serde_json::from_str(&common::body_text(response).await).unwrap();
    let parameters = document["paths"]["/api/v1/jobs"]["get"]["parameters"]
        .as_array()
        .unwrap();
    let office = parameters
        .iter()
        .find(|p| p["name"] == "include_office")
        .unwrap();
    assert_eq!(office["schema"]["default"], "1");
}
