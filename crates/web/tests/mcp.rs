//! `/mcp`, the MCP endpoint: driven by the official Python SDK over a real socket (every tool and
//! both kinds of resource, and the same jobs as `/api/v1/jobs` for the same search), by raw
//! JSON-RPC for bad inputs (a table of cases, then 1,000 seeded random calls that must never be a
//! 5xx or a dropped answer), and with foreign Host and Origin headers (refused with 403).

mod common;

use std::path::PathBuf;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use tokio::sync::oneshot;
use tower::ServiceExt;

use common::{SEED_GUIDE, TestSite};

/// The site's public URL in the test site (`common::site`).
const PUBLIC_HOST: &str = "jobs.example";

/// The Python the test command (`scripts/test.sh`) installs the MCP SDK into.
fn venv_python() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/mcp-venv/bin/python")
}

/// One JSON-RPC message posted to `/mcp` with these Host and Origin headers: the status and the
/// body (JSON when it parses).
async fn post(
    site: &TestSite,
    message: &Value,
    host: &str,
    origin: Option<&str>,
) -> (StatusCode, String) {
    let mut request = Request::post("/mcp")
        .header(header::HOST, host)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT, "application/json, text/event-stream");
    if let Some(origin) = origin {
        request = request.header(header::ORIGIN, origin);
    }
    let response = site
        .app
        .clone()
        .oneshot(request.body(Body::from(message.to_string())).unwrap())
        .await
        .unwrap();
    let status = response.status();
    (status, common::body_text(response).await)
}

/// A JSON-RPC request from a local client, and its answer (which must be a 200 with JSON).
async fn rpc(site: &TestSite, method: &str, params: Value) -> Value {
    let message = json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params});
    let (status, body) = post(site, &message, "127.0.0.1:8080", None).await;
    assert_eq!(status, StatusCode::OK, "{method} {params}: {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{method}: {e}: {body}"))
}

async fn call(site: &TestSite, tool: &str, arguments: Value) -> Value {
    rpc(
        site,
        "tools/call",
        json!({"name": tool, "arguments": arguments}),
    )
    .await
}

#[tokio::test]
async fn a_real_mcp_client_searches_reads_and_preps_as_the_api_does() {
    let python = venv_python();
    assert!(
        python.exists(),
        "the MCP test needs the Python SDK in {}: run `bash scripts/test.sh` (it creates the venv and installs the pinned `mcp`)",
        python.display()
    );
    let site = common::site().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(prepboard_web::serve(
        listener,
        site.state.clone(),
        prepboard_web::ConnectionLimits::default(),
        async move {
            let _ = stopped.await;
        },
    ));
    let search = json!({
        "query": "api",
        "family": ["api-engineer", "backend-engineer"],
        "min_salary": 100000,
        "include_no_salary": true,
        "sort": "newest",
        "per_page": 10,
    });
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/mcp/client.py");
    let output = tokio::process::Command::new(&python)
        .arg(&script)
        .arg(format!("http://{address}/mcp"))
        .arg(search.to_string())
        .arg(SEED_GUIDE)
        .kill_on_drop(true)
        .output()
        .await
        .unwrap();
    let _ = stop.send(());
    server.await.unwrap().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "client.py failed: {}\n{stdout}",
        String::from_utf8_lossy(&output.stderr)
    );
    let out: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));

    println!(
        "client.py: protocols {} and {}, {} bytes of answers",
        out["protocol_version"],
        out["modern"]["protocol_version"],
        stdout.len()
    );
    assert_eq!(out["server"], "prepboard");
    assert!(
        out["instructions"]
            .as_str()
            .unwrap()
            .contains("search_jobs")
    );
    let tools = out["tools"].as_object().unwrap();
    let names: Vec<&str> = tools.keys().map(String::as_str).collect();
    for tool in [
        "search_jobs",
        "get_job",
        "prep_for_job",
        "prep_plan",
        "list_facets",
        "list_sources",
    ] {
        assert!(names.contains(&tool), "{tool} in {names:?}");
        assert!(!tools[tool]["description"].as_str().unwrap().is_empty());
        assert_eq!(tools[tool]["schema"]["type"], "object");
    }
    assert_eq!(tools.len(), 6);

    // The same search through the API: the same jobs in the same order.
    let (status, api) = site
        .get_json("/api/v1/jobs?q=api&family=api-engineer&family=backend-engineer&min_salary=100000&include_no_salary=1&sort=newest&per_page=10")
        .await;
    assert_eq!(status, StatusCode::OK);
    let api_ids: Vec<&str> = api["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["id"].as_str().unwrap())
        .collect();
    let found = &out["search_jobs"];
    assert_eq!(found["is_error"], false);
    let mcp_ids: Vec<&str> = found["value"]["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["id"].as_str().unwrap())
        .collect();
    assert!(
        api_ids.len() >= 2,
        "the search finds several jobs: {api_ids:?}"
    );
    assert_eq!(mcp_ids, api_ids);
    assert_eq!(found["value"]["meta"]["total"], api["meta"]["total"]);
    assert_eq!(found["value"]["meta"]["query"], api["meta"]["query"]);
    for job in found["value"]["jobs"].as_array().unwrap() {
        let snippet = job["snippet"].as_str().unwrap();
        assert!(
            !snippet.contains('<') && !snippet.contains("&amp;"),
            "plain text: {snippet}"
        );
        assert!(
            job["url"]
                .as_str()
                .unwrap()
                .starts_with("https://jobs.example/jobs/")
        );
    }

    let modern = &out["modern"];
    assert_ne!(
        modern["protocol_version"], out["protocol_version"],
        "{modern}"
    );
    assert_eq!(
        modern["search_jobs"]["value"]["jobs"],
        out["search_jobs"]["value"]["jobs"]
    );

    let first = mcp_ids[0];
    let job = &out["get_job"]["value"];
    assert_eq!(out["get_job"]["is_error"], false);
    assert_eq!(job["id"], first);
    assert_eq!(job["url"], format!("https://jobs.example/jobs/{first}"));
    let description = job["description"].as_str().unwrap();
    assert!(
        !description.is_empty() && !description.contains("<p>"),
        "{description}"
    );
    assert!(job.get("description_html").is_none());
    assert!(
        job["prep"]["total"].as_u64().unwrap() > 0,
        "{}",
        job["prep"]
    );
    let evidence: Vec<&Value> = job["prep"]["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| &t["evidence"])
        .collect();
    assert!(
        evidence.iter().any(|e| e.is_string()),
        "a topic carries the job's sentence: {evidence:?}"
    );
    assert_eq!(&out["job_resource"], job, "job://{first} reads as get_job");

    let prep = &out["prep_for_job"]["value"];
    assert_eq!(prep["job_id"], first);
    assert_eq!(prep["topics"], job["prep"]["topics"]);
    let entries = prep["topics"]
        .as_array()
        .unwrap()
        .iter()
        .chain(std::iter::once(prep))
        .flat_map(|t| {
            t.get("entries")
                .or(t.get("other"))
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        });
    for entry in entries {
        assert!(
            entry["url"].as_str().unwrap().starts_with("https://"),
            "{entry}"
        );
        assert!(
            entry["page"]
                .as_str()
                .unwrap()
                .starts_with("https://jobs.example/prep/"),
            "{entry}"
        );
    }

    let plan = &out["prep_plan"]["value"];
    assert_eq!(plan["total"], api["meta"]["total"]);
    assert!(!plan["steps"].as_array().unwrap().is_empty(), "{plan}");
    assert!(
        plan["plan_url"]
            .as_str()
            .unwrap()
            .starts_with("https://jobs.example/prep?")
    );

    let facets = &out["list_facets"]["value"];
    assert!(!facets["facets"]["families"].as_array().unwrap().is_empty());
    assert!(!facets["topics"].as_array().unwrap().is_empty());
    let sources = out["list_sources"]["value"]["sources"].as_array().unwrap();
    assert!(
        sources
            .iter()
            .any(|s| s["name"] == "lever:globex" && s["failures_since_success"] == 1),
        "{sources:?}"
    );

    let resources: Vec<&str> = out["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(resources.contains(&format!("prep://entry/{SEED_GUIDE}").as_str()));
    assert!(
        out["resource_templates"]
            .as_array()
            .unwrap()
            .contains(&json!("job://{id}"))
    );
    let entry = &out["entry_resource"];
    assert_eq!(entry["mime_type"], "application/json");
    assert_eq!(entry["value"]["entry_id"], SEED_GUIDE);
    assert_eq!(
        entry["value"]["questions"].as_array().unwrap().len(),
        2,
        "the stored questions"
    );

    assert_eq!(out["bad_argument"]["is_error"], true);
    assert_eq!(
        out["bad_argument"]["value"]["error"]["argument"],
        "per_page"
    );
    assert_eq!(out["unknown_tool"]["code"], -32602);
    assert!(
        out["unknown_tool"]["message"]
            .as_str()
            .unwrap()
            .contains("no_such_tool")
    );
    assert_eq!(out["unknown_resource"]["code"], -32002);
}

#[tokio::test]
async fn bad_inputs_are_tool_errors_naming_the_argument() {
    let site = common::site().await;
    let job = site.id_of("Acme");
    // (tool, arguments, the argument the error names, words the message holds)
    let cases: &[(&str, Value, &str, &str)] = &[
        (
            "search_jobs",
            json!({"query": 12}),
            "query",
            "must be a string",
        ),
        (
            "search_jobs",
            json!({"per_page": "lots"}),
            "per_page",
            "must be an integer",
        ),
        (
            "search_jobs",
            json!({"per_page": 0}),
            "per_page",
            "between 1 and",
        ),
        (
            "search_jobs",
            json!({"per_page": 10_000}),
            "per_page",
            "between 1 and",
        ),
        (
            "search_jobs",
            json!({"page": -2}),
            "page",
            "not a whole number",
        ),
        (
            "search_jobs",
            json!({"page": 1.5}),
            "page",
            "not a whole number",
        ),
        (
            "search_jobs",
            json!({"family": "astronaut"}),
            "family",
            "is not one of",
        ),
        (
            "search_jobs",
            json!({"family": [1, 2]}),
            "family",
            "list of strings",
        ),
        (
            "search_jobs",
            json!({"country": "Germany"}),
            "country",
            "country code",
        ),
        ("search_jobs", json!({"utc": 99}), "utc", "UTC offset"),
        (
            "search_jobs",
            json!({"min_salary": "lots"}),
            "min_salary",
            "is not",
        ),
        (
            "search_jobs",
            json!({"include_no_salary": 3}),
            "include_no_salary",
            "must be a boolean",
        ),
        (
            "search_jobs",
            json!({"sort": "cheapest"}),
            "sort",
            "is not one of",
        ),
        (
            "search_jobs",
            json!({"sort": ["newest"]}),
            "sort",
            "must be a string",
        ),
        (
            "search_jobs",
            json!({"query": "x".repeat(501)}),
            "query",
            "at most 500",
        ),
        ("search_jobs", json!({"q": "api"}), "q", "unknown argument"),
        (
            "search_jobs",
            json!({"skill": vec!["go"; 33]}),
            "skill",
            "more than 32",
        ),
        (
            "prep_plan",
            json!({"seniority": {"level": "senior"}}),
            "seniority",
            "not an object",
        ),
        (
            "list_facets",
            json!({"posted_within": true}),
            "posted_within",
            "must be an integer",
        ),
        ("get_job", json!({}), "id", "missing argument"),
        ("get_job", json!({"id": 42}), "id", "must be a string"),
        ("get_job", json!({"id": "nope"}), "id", "not a job id"),
        (
            "get_job",
            json!({"id": job, "verbose": true}),
            "verbose",
            "unknown argument",
        ),
        (
            "prep_for_job",
            json!({"id": null}),
            "id",
            "missing argument",
        ),
        ("list_sources", json!({"page": 1}), "page", "no arguments"),
    ];
    for (tool, arguments, argument, words) in cases {
        let answer = call(&site, tool, arguments.clone()).await;
        let result = &answer["result"];
        assert_eq!(result["isError"], true, "{tool} {arguments}: {answer}");
        let error = &result["structuredContent"]["error"];
        assert_eq!(error["argument"], *argument, "{tool} {arguments}: {answer}");
        assert_eq!(error["code"], "invalid_argument");
        let message = error["message"].as_str().unwrap();
        assert!(
            message.contains(words) && message.contains(argument),
            "{tool} {arguments}: {message}"
        );
        let text: Value =
            serde_json::from_str(result["content"][0]["text"].as_str().unwrap()).unwrap();
        assert_eq!(
            &text, &result["structuredContent"],
            "the text content is the same JSON"
        );
    }

    // A job that does not exist is a tool error too, not a protocol one.
    let answer = call(&site, "get_job", json!({"id": "0123456789abcdef"})).await;
    assert_eq!(answer["result"]["isError"], true, "{answer}");
    assert_eq!(
        answer["result"]["structuredContent"]["error"]["code"],
        "not_found"
    );

    // An unknown tool cannot be routed: a JSON-RPC invalid-params error naming it.
    let answer = call(&site, "delete_everything", json!({})).await;
    assert_eq!(answer["error"]["code"], -32602, "{answer}");
    assert!(
        answer["error"]["message"]
            .as_str()
            .unwrap()
            .contains("delete_everything")
    );

    // An unknown resource: the specification's resource-not-found error, with the address.
    for uri in [
        "prep://entry/nope",
        "job://0123456789abcdef",
        "job://nope",
        "https://jobs.example/",
    ] {
        let answer = rpc(&site, "resources/read", json!({"uri": uri})).await;
        assert_eq!(answer["error"]["code"], -32002, "{uri}: {answer}");
        assert_eq!(answer["error"]["data"]["uri"], uri);
    }
}

/// A small seeded generator (xorshift64*), so a failing call can be replayed from its seed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A JSON value of any type, nested at most `depth` deep, often one a tool could accept.
    fn value(&mut self, depth: u32) -> Value {
        let words = [
            "api",
            "",
            "api-engineer",
            "senior",
            "DE",
            "+5:30",
            "120k",
            "newest",
            "kafka",
            "1",
            "true",
            "💥",
            "<b>x</b>",
            "0123456789abcdef",
        ];
        match self.below(if depth == 0 { 6 } else { 8 }) {
            0 => Value::Null,
            1 => json!(self.below(2) == 0),
            2 => json!(self.next() % 1000),
            3 => json!(-(self.below(100) as i64)),
            4 => json!((self.next() % 10_000) as f64 / 7.0),
            5 => json!(self.pick(&words)),
            6 => Value::Array((0..self.below(4)).map(|_| self.value(depth - 1)).collect()),
            _ => {
                let mut object = serde_json::Map::new();
                for _ in 0..self.below(3) {
                    object.insert((*self.pick(&words)).to_owned(), self.value(depth - 1));
                }
                Value::Object(object)
            }
        }
    }
}

#[tokio::test]
async fn a_thousand_random_tool_calls_never_fail_the_transport() {
    let site = common::site().await;
    let tools = [
        "search_jobs",
        "get_job",
        "prep_for_job",
        "prep_plan",
        "list_facets",
        "list_sources",
        "nope",
        "",
    ];
    let names = [
        "query",
        "family",
        "seniority",
        "country",
        "include_unknown",
        "utc",
        "min_salary",
        "include_no_salary",
        "employment",
        "workplace",
        "include_office",
        "include_non_engineering",
        "posted_within",
        "skill",
        "company",
        "exclude_company",
        "exclude",
        "source",
        "sort",
        "per_page",
        "page",
        "id",
        "q",
        "bogus",
    ];
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    let mut tool_errors = 0;
    let mut results = 0;
    for call_number in 0..1_000 {
        let tool = *random.pick(&tools);
        let arguments = if random.below(10) == 0 {
            // Now and then arguments that are not an object at all.
            random.value(1)
        } else {
            let mut object = serde_json::Map::new();
            for _ in 0..random.below(5) {
                object.insert((*random.pick(&names)).to_owned(), random.value(2));
            }
            Value::Object(object)
        };
        let message = json!({
            "jsonrpc": "2.0",
            "id": call_number,
            "method": "tools/call",
            "params": {"name": tool, "arguments": arguments},
        });
        let (status, body) = post(&site, &message, "localhost", None).await;
        assert!(
            status.as_u16() < 500,
            "call {call_number}: {message} gave {status}: {body}"
        );
        let answer: Value = serde_json::from_str(&body)
            .unwrap_or_else(|e| panic!("call {call_number}: {message}: {e}: {body}"));
        if status == StatusCode::OK {
            assert_eq!(answer["id"], call_number, "call {call_number}: {body}");
        }
        if answer["result"]["isError"] == true {
            tool_errors += 1;
            assert!(
                answer["result"]["structuredContent"]["error"]["message"].is_string(),
                "{body}"
            );
        } else if answer["result"].is_object() {
            results += 1;
        } else {
            assert!(
                answer["error"]["message"].is_string(),
                "call {call_number}: {body}"
            );
        }
    }
    println!(
        "1,000 random calls: {results} results, {tool_errors} tool errors, the rest JSON-RPC errors"
    );
    // The generator reaches every kind of answer, not only the errors.
    assert!(
        results > 50 && tool_errors > 50,
        "{results} results, {tool_errors} tool errors"
    );
}

#[tokio::test]
async fn a_foreign_host_or_origin_is_refused() {
    let site = common::site().await;
    let ping = json!({"jsonrpc": "2.0", "id": 1, "method": "tools/list"});
    // (Host, Origin, status)
    let cases: &[(&str, Option<&str>, StatusCode)] = &[
        (PUBLIC_HOST, None, StatusCode::OK),
        (PUBLIC_HOST, Some("https://jobs.example"), StatusCode::OK),
        (
            "localhost:8080",
            Some("http://localhost:8080"),
            StatusCode::OK,
        ),
        ("127.0.0.1:3000", None, StatusCode::OK),
        ("[::1]:8080", None, StatusCode::OK),
        ("attacker.example", None, StatusCode::FORBIDDEN),
        ("jobs.example.attacker.example", None, StatusCode::FORBIDDEN),
        ("192.168.1.20:8080", None, StatusCode::FORBIDDEN),
        (
            PUBLIC_HOST,
            Some("https://attacker.example"),
            StatusCode::FORBIDDEN,
        ),
        (
            PUBLIC_HOST,
            Some("http://jobs.example"),
            StatusCode::FORBIDDEN,
        ),
        ("localhost:8080", Some("null"), StatusCode::FORBIDDEN),
    ];
    for (host, origin, expected) in cases {
        let (status, body) = post(&site, &ping, host, *origin).await;
        assert_eq!(status, *expected, "Host {host}, Origin {origin:?}: {body}");
        if *expected == StatusCode::FORBIDDEN {
            assert!(
                body.contains("Forbidden"),
                "the transport's own answer, not a page: {body}"
            );
        }
    }
}
