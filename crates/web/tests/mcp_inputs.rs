//! `/mcp` with bad inputs, by raw JSON-RPC in stateless mode: a table of cases that must each be a
//! tool error naming the argument (or the protocol error the specification asks for), then 1,000
//! seeded random tool calls that must never be a 5xx or a dropped answer.

mod common;
#[path = "mcp/rpc.rs"]
mod rpc;

use axum::http::StatusCode;
use serde_json::{Value, json};

use rpc::{call, post, rpc};

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
