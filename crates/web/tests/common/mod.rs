//! A site for tests: a temp SQLite store and a temp Tantivy index built from a handful of listings
//! made here through the real normaliser, the bundled prep catalog and the real router.

#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode};
use chrono::{DateTime, Utc};
use prepboard_core::{
    Company, EmploymentType, Listing, Normalizer, RawListing, SalaryPeriod, SourceKind,
    StructuredSalary, WorkplaceType,
};
use prepboard_indexer::SearchIndex;
use prepboard_prep::{Catalog, Matcher};
use prepboard_store::{FetchOutcomeKind, FetchRun, Store};
use prepboard_web::{AppState, SearchBackend, SiteConfig, app, bundled_skill_labels};
use tempfile::TempDir;
use tower::ServiceExt;

pub fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

pub const FETCHED: &str = "2026-03-01T08:00:00Z";

/// The description that tries everything: it must render inert.
pub const HOSTILE_DESCRIPTION: &str = r#"<p>Build public REST APIs in Go.</p><script>alert('script')</script><img src=x onerror="alert('img')"><a href="javascript:alert('link')">click me</a><p onclick="alert('p')">Kafka and PostgreSQL daily.</p>"#;

pub struct Spec {
    pub source: SourceKind,
    pub source_name: &'static str,
    pub job_id: &'static str,
    pub title: &'static str,
    pub company: &'static str,
    pub description: &'static str,
    pub location: &'static str,
    pub salary: Option<(f64, f64)>,
    pub salary_text: Option<&'static str>,
    pub tags: &'static [&'static str],
    pub posted: &'static str,
}

pub fn specs() -> Vec<Spec> {
    vec![
        Spec {
            source: SourceKind::Greenhouse,
            source_name: "greenhouse:acme",
            job_id: "4100001",
            title: "Senior API Engineer",
            company: "Acme",
            description: "<p>Design and run our public REST APIs. You will own OpenAPI specs, rate limiting and OAuth flows.</p><ul><li>5+ years with Python or Go</li><li>PostgreSQL and Kafka in production</li></ul>",
            location: "Remote - US",
            salary: Some((150_000.0, 190_000.0)),
            salary_text: None,
            tags: &[],
            posted: "2026-02-27T10:00:00Z",
        },
        Spec {
            source: SourceKind::Lever,
            source_name: "lever:globex",
            job_id: "5d0c7a2e-1111-4c1e-9d55-000000000002",
            title: "Backend Engineer (Go)",
            company: "Globex",
            description: "<p>Build distributed systems in Go on Kubernetes. gRPC services, Redis caches, PostgreSQL.</p>",
            location: "Remote, Europe",
            salary: None,
            salary_text: None,
            tags: &[],
            posted: "2026-02-20T10:00:00Z",
        },
        Spec {
            source: SourceKind::WeWorkRemotely,
            source_name: "wwr",
            job_id: "https://weworkremotely.com/remote-jobs/initech-platform-engineer",
            title: "Platform Engineer",
            company: "Initech",
            description: "<p>Terraform, AWS and Kubernetes. Help our API teams ship safely with CI/CD.</p>",
            location: "Anywhere in the World",
            salary: None,
            salary_text: None,
            tags: &["devops", "aws"],
            posted: "2026-02-25T10:00:00Z",
        },
        Spec {
            source: SourceKind::RemoteOk,
            source_name: "remoteok",
            job_id: "1090001",
            title: "API Integrations Engineer",
            company: "Umbrella",
            description: HOSTILE_DESCRIPTION,
            location: "Worldwide",
            salary: None,
            salary_text: Some("$80k - $100k"),
            tags: &["api", "golang"],
            posted: "2026-02-28T10:00:00Z",
        },
        Spec {
            source: SourceKind::Remotive,
            source_name: "remotive",
            job_id: "2000005",
            title: "Frontend Engineer",
            company: "Hooli",
            description: "<p>React and TypeScript for our dashboard. Some GraphQL.</p>",
            location: "USA only",
            salary: None,
            salary_text: Some("Competitive"),
            tags: &["react"],
            posted: "2026-02-10T10:00:00Z",
        },
        Spec {
            source: SourceKind::Ashby,
            source_name: "ashby:stark",
            job_id: "9f3e1c2a-2222-4b7e-8a11-000000000006",
            title: "Staff Backend Engineer, APIs",
            company: "Stark",
            description: "<p>Lead API design across teams: REST, GraphQL and webhooks. Java or Kotlin, PostgreSQL, Kafka.</p>",
            location: "Remote (EU)",
            salary: Some((120_000.0, 160_000.0)),
            salary_text: None,
            tags: &[],
            posted: "2026-02-26T10:00:00Z",
        },
    ]
}

pub fn listing(spec: &Spec) -> Listing {
    let raw = RawListing {
        source: spec.source,
        source_job_id: spec.job_id.to_owned(),
        source_url: match spec.source {
            SourceKind::WeWorkRemotely => spec.job_id.to_owned(),
            _ => format!(
                "https://{}.example/jobs/{}",
                spec.source.slug(),
                spec.job_id
            ),
        },
        apply_url: Some(format!(
            "https://careers.{}.example/apply/{}",
            spec.company.to_lowercase(),
            spec.job_id
        )),
        title: spec.title.to_owned(),
        company: Company {
            name: spec.company.to_owned(),
            url: Some(format!("https://{}.example", spec.company.to_lowercase())),
            logo_url: None,
        },
        description_html: spec.description.to_owned(),
        tags: spec.tags.iter().map(|t| (*t).to_owned()).collect(),
        employment_type: EmploymentType::FullTime,
        workplace: WorkplaceType::Remote,
        location_text: spec.location.to_owned(),
        structured_places: Vec::new(),
        structured_salary: spec.salary.map(|(min, max)| StructuredSalary {
            min: Some(min),
            max: Some(max),
            currency: Some("USD".to_owned()),
            period: SalaryPeriod::Year,
            text: None,
        }),
        salary_text: spec.salary_text.map(str::to_owned),
        structured_skills: Vec::new(),
        place_fields: Default::default(),
        posted_at: Some(at(spec.posted)),
        valid_through: None,
        fetched_at: at(FETCHED),
    };
    Normalizer::bundled()
        .normalize(raw)
        .expect("test listings link back over https")
        .listing
}

pub struct TestSite {
    pub app: Router,
    pub state: AppState,
    pub listings: Vec<Listing>,
    _dir: TempDir,
}

impl TestSite {
    pub fn id_of(&self, company: &str) -> String {
        self.listings
            .iter()
            .find(|l| l.company.name == company)
            .map(|l| l.id.to_string())
            .unwrap()
    }

    pub async fn get(&self, uri: &str) -> Response<Body> {
        self.app
            .clone()
            .oneshot(Request::get(uri).body(Body::empty()).unwrap())
            .await
            .unwrap()
    }

    pub async fn get_text(&self, uri: &str) -> (StatusCode, String) {
        let response = self.get(uri).await;
        let status = response.status();
        (status, body_text(response).await)
    }

    pub async fn get_json(&self, uri: &str) -> (StatusCode, serde_json::Value) {
        let (status, text) = self.get_text(uri).await;
        (
            status,
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{uri}: {e}: {text}")),
        )
    }
}

pub async fn body_text(response: Response<Body>) -> String {
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// The issue's seed entry, whose page the test site has "fetched".
pub const SEED_GUIDE: &str = "rr-api-engineer-distributed-systems-design";

/// The questions stored for [`SEED_GUIDE`].
pub fn seed_questions() -> Vec<prepboard_core::prep::PrepQuestion> {
    [
        "How would you partition the data of an API across regions?",
        "What happens to your API when one replica lags behind?",
    ]
    .iter()
    .zip(1..)
    .map(|(question, position)| prepboard_core::prep::PrepQuestion {
        position,
        question: (*question).to_owned(),
        answer: None,
    })
    .collect()
}

/// Stores the listings (one batch per source), records a run per source, indexes what the store
/// hands over, and builds the app on it.
pub async fn site() -> TestSite {
    let config = SiteConfig {
        base_url: "https://jobs.example".to_owned(),
        ..SiteConfig::default()
    };
    site_with(config, Arc::new).await.0
}

/// [`site`] with its own settings and the index behind a backend of the test's (which may record
/// or change what the index answers).
pub async fn site_with<B: SearchBackend>(
    config: SiteConfig,
    backend: impl FnOnce(SearchIndex) -> Arc<B>,
) -> (TestSite, Arc<B>) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("prepboard.sqlite"))
        .await
        .unwrap();
    let specs = specs();
    let now = at("2026-03-01T09:00:00Z");
    for spec in &specs {
        store
            .upsert_batch(spec.source_name, &[listing(spec)], now)
            .await
            .unwrap();
        store
            .record_fetch_run(&FetchRun {
                source_name: spec.source_name.to_owned(),
                started_at: at("2026-03-01T08:59:00Z"),
                finished_at: now,
                outcome: FetchOutcomeKind::Success,
                http_status: Some(200),
                new: 1,
                updated: 0,
                unchanged: 0,
                closed: 0,
                error: None,
            })
            .await
            .unwrap();
    }
    store
        .record_fetch_run(&FetchRun {
            source_name: "lever:globex".to_owned(),
            started_at: at("2026-03-01T10:00:00Z"),
            finished_at: at("2026-03-01T10:00:05Z"),
            outcome: FetchOutcomeKind::Failed,
            http_status: Some(503),
            new: 0,
            updated: 0,
            unchanged: 0,
            closed: 0,
            error: Some("HTTP 503 from api.lever.co <b>unavailable</b>".to_owned()),
        })
        .await
        .unwrap();
    // What `prepboard prep fetch` stores for the seed guide (the fetch itself is tested in the
    // binary's tests/prep_fetch.rs against a local guide-shaped page).
    store
        .save_prep_page(
            SEED_GUIDE,
            "https://www.remoterocketship.com/advice/guide/api-engineer/distributed-systems-design-interview-questions-and-answers",
            now,
            Ok(("Distributed systems design", &seed_questions())),
        )
        .await
        .unwrap();
    let changes = store.changes_since(0).await.unwrap();
    let index = SearchIndex::open_or_create(&dir.path().join("index")).unwrap();
    index
        .apply(&changes.upserted, &changes.closed, changes.watermark)
        .unwrap();
    let listings = changes.upserted.clone();
    let matcher = Matcher::new(Catalog::bundled(), &HashMap::new()).unwrap();
    let backend = backend(index);
    let state = AppState::new(
        store,
        backend.clone(),
        Arc::new(matcher),
        bundled_skill_labels(),
        config,
    );
    let site = TestSite {
        app: app(state.clone()),
        state,
        listings,
        _dir: dir,
    };
    (site, backend)
}

/// A test site served by the real server on a free port of 127.0.0.1, until [`Listening::stop`].
pub struct Listening {
    pub address: std::net::SocketAddr,
    pub site: TestSite,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Listening {
    /// Serves `site` with `limits`.
    pub async fn start(site: TestSite, limits: prepboard_web::ConnectionLimits) -> Listening {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(prepboard_web::serve(
            listener,
            site.state.clone(),
            limits,
            async move {
                let _ = stopped.await;
            },
        ));
        Listening {
            address,
            site,
            stop: Some(stop),
            task,
        }
    }

    /// Stops the server and waits until it has (its listener closed, its connections drained).
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.task.await.unwrap().unwrap();
    }
}
