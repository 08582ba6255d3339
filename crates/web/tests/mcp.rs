//! `/mcp`, the MCP endpoint: driven by the official Python SDK over a real socket (every tool and
//! both kinds of resource, and the same jobs as `/api/v1/jobs` for the same search), and with
//! foreign Host and Origin headers (refused with 403). Bad inputs are in `mcp_inputs.rs`.

mod common;
#[path = "mcp/rpc.rs"]
mod rpc;

use std::path::PathBuf;

use axum::http::StatusCode;
use serde_json::{Value, json};

use common::SEED_GUIDE;
use rpc::{PUBLIC_HOST, post, venv_python};

#[tokio::test]
async fn a_real_mcp_client_searches_reads_and_preps_as_the_api_does() {
    let python = venv_python();
    assert!(
        python.exists(),
        "the MCP test needs the Python SDK in {}: run `bash scripts/test.sh` (it creates the venv and installs the pinned `mcp`)",
        python.display()
    );
    let server = common::Listening::start(
        common::site().await,
        prepboard_web::ConnectionLimits::default(),
    )
    .await;
    let (address, site) = (server.address, &server.site);
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
    server.stop().await;
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
