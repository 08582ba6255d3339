//! Benchmark: prepboard's Tantivy index against SQLite FTS5 on the same generated listings.
//!
//! `cargo bench -p prepboard-indexer --bench search` (N = 100,000; set `PREPBOARD_BENCH_N` or pass a
//! number to change it). Reports build throughput and index size, p50/p99 latency of a fixed mix of
//! 50 searches (free text, filters, facet counts, sorts) and peak memory for both, side by side.
//!
//! FTS5 does the same work per search: bm25 ranking with the same field weights, the same filters as
//! WHERE clauses, one GROUP BY per facet group with every other filter applied, snippets and the
//! page's cards.

#![allow(clippy::print_stdout)]

#[path = "../tests/support/corpus.rs"]
mod corpus;

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::Duration as Days;
use prepboard_core::normalize::countries;
use prepboard_core::search::{SearchRequest, SortOrder};
use prepboard_core::{EligibilityScope, Listing, Seniority, TitleFamily, WorkplaceType};
use prepboard_indexer::{SearchIndex, recency_seconds, salary_reach};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, SqlitePool};

fn main() {
    let count = std::env::args()
        .skip(1)
        .find_map(|a| a.parse::<usize>().ok())
        .or_else(|| std::env::var("PREPBOARD_BENCH_N").ok()?.parse().ok())
        .unwrap_or(100_000);
    let vocabulary = corpus::Vocabulary::from_fixtures();
    let started = Instant::now();
    let listings = corpus::generate(&vocabulary, count, 2026);
    println!(
        "generated {count} listings in {:.1}s ({} titles, {} companies, {} sentences from fixtures)",
        started.elapsed().as_secs_f64(),
        vocabulary.titles.len(),
        vocabulary.companies.len(),
        vocabulary.sentences.len()
    );
    let mix = query_mix(&listings);
    let dir = tempfile::tempdir().unwrap();

    reset_peak_memory();
    let prepboard = bench_prepboard(&dir.path().join("index"), &listings, &mix);
    let prepboard_peak = peak_memory_mb();

    reset_peak_memory();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let fts5 = runtime.block_on(bench_fts5(&dir.path().join("fts5.sqlite"), &listings, &mix));
    let fts5_peak = peak_memory_mb();

    println!();
    println!(
        "N = {count} listings, {} queries x passes (2 cores)",
        mix.len()
    );
    println!(
        "{:<28} {:>14} {:>14} {:>10}",
        "", "prepboard", "SQLite FTS5", "ratio"
    );
    let row = |name: &str, a: f64, b: f64, unit: &str, higher_is_better: bool| {
        let ratio = if higher_is_better { a / b } else { b / a };
        println!("{name:<28} {a:>10.2} {unit:<3} {b:>10.2} {unit:<3} {ratio:>8.1}x");
    };
    row(
        "build (listings/s)",
        prepboard.build_rate,
        fts5.build_rate,
        "/s",
        true,
    );
    row(
        "build time",
        prepboard.build_secs,
        fts5.build_secs,
        "s",
        false,
    );
    row("index size", prepboard.size_mb, fts5.size_mb, "MB", false);
    row("query p50", prepboard.p50_ms, fts5.p50_ms, "ms", false);
    row("query p99", prepboard.p99_ms, fts5.p99_ms, "ms", false);
    row("query mean", prepboard.mean_ms, fts5.mean_ms, "ms", false);
    row(
        "peak memory (VmHWM)",
        prepboard_peak,
        fts5_peak,
        "MB",
        false,
    );
    println!(
        "(ratio: how many times better prepboard is; peak memory includes the {count} generated listings held by the benchmark)"
    );
}

struct Figures {
    build_rate: f64,
    build_secs: f64,
    size_mb: f64,
    p50_ms: f64,
    p99_ms: f64,
    mean_ms: f64,
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}

fn figures(build: Duration, count: usize, size: u64, mut samples: Vec<Duration>) -> Figures {
    samples.sort();
    let mean = samples.iter().sum::<Duration>().as_secs_f64() * 1000.0 / samples.len() as f64;
    Figures {
        build_rate: count as f64 / build.as_secs_f64(),
        build_secs: build.as_secs_f64(),
        size_mb: size as f64 / 1e6,
        p50_ms: percentile(&samples, 0.50),
        p99_ms: percentile(&samples, 0.99),
        mean_ms: mean,
    }
}

fn bench_prepboard(dir: &Path, listings: &[Listing], mix: &[SearchRequest]) -> Figures {
    let index = SearchIndex::open_or_create(dir).unwrap();
    let started = Instant::now();
    let stats = index.rebuild(listings.iter().cloned(), 1).unwrap();
    let build = started.elapsed();
    println!(
        "prepboard: indexed {} in {:.2}s",
        stats.indexed,
        build.as_secs_f64()
    );
    for request in mix {
        index.search(request).unwrap();
    }
    let mut samples = Vec::new();
    let mut per_query = vec![Duration::ZERO; mix.len()];
    let mut totals = 0;
    for _ in 0..5 {
        for (n, request) in mix.iter().enumerate() {
            let started = Instant::now();
            let response = index.search(request).unwrap();
            let took = started.elapsed();
            samples.push(took);
            per_query[n] += took;
            totals += response.total;
        }
    }
    println!("prepboard: {} searches, {totals} total hits", samples.len());
    let mut slowest: Vec<(Duration, usize)> = per_query.iter().copied().zip(0..).collect();
    slowest.sort_by(|a, b| b.cmp(a));
    for (took, n) in slowest.into_iter().take(5) {
        let request = &mix[n];
        println!(
            "  slow: {:.2} ms  query={:?} families={} sort={:?} facets-on={}",
            took.as_secs_f64() * 1000.0 / 5.0,
            request.query,
            request.families.len(),
            request.sort,
            index.search(request).unwrap().total
        );
    }
    figures(build, listings.len(), dir_size(dir), samples)
}

fn dir_size(path: &Path) -> u64 {
    std::fs::read_dir(path)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| match e.metadata() {
                    Ok(m) if m.is_dir() => dir_size(&e.path()),
                    Ok(m) => m.len(),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}

/// Peak resident memory (VmHWM) of this process, in MB.
fn peak_memory_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Resets VmHWM to the current RSS, so each engine's peak is measured on its own.
fn reset_peak_memory() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The fixed mix: 50 searches people make, from browsing to narrow filtered text searches.
fn query_mix(listings: &[Listing]) -> Vec<SearchRequest> {
    let now = Some(corpus::base_time());
    let company = |n: usize| listings[n * 7919 % listings.len()].company.name.clone();
    let base = SearchRequest {
        now,
        ..SearchRequest::default()
    };
    let texts = [
        "engineer",
        "backend engineer",
        "kafka",
        "kubernetes",
        "senior api",
        "\"distributed systems\"",
        "python -java",
        "go postgresql",
        "remote team",
        "payments",
        "kuberntes",
        "rust storage",
        "experience customers",
        "platform",
        "graphql typescript",
    ];
    let mut mix = Vec::new();
    mix.push(base.clone());
    for (n, text) in texts.iter().enumerate() {
        mix.push(SearchRequest {
            query: (*text).into(),
            ..base.clone()
        });
        let mut filtered = SearchRequest {
            query: (*text).into(),
            families: vec![TitleFamily::BackendEngineer, TitleFamily::ApiEngineer],
            ..base.clone()
        };
        match n % 5 {
            0 => filtered.country = Some("DE".into()),
            1 => {
                filtered.min_salary_usd = Some(120_000);
                filtered.sort = SortOrder::Salary;
            }
            2 => filtered.seniorities = vec![Seniority::Senior, Seniority::Staff],
            3 => {
                filtered.posted_within_days = Some(14);
                filtered.sort = SortOrder::Newest;
            }
            _ => filtered.skills = vec!["kafka".into()],
        }
        mix.push(filtered);
    }
    let browse = [
        SearchRequest {
            families: vec![TitleFamily::BackendEngineer],
            ..base.clone()
        },
        SearchRequest {
            country: Some("BR".into()),
            include_unknown_eligibility: true,
            ..base.clone()
        },
        SearchRequest {
            min_salary_usd: Some(150_000),
            sort: SortOrder::Salary,
            ..base.clone()
        },
        SearchRequest {
            workplaces: vec![WorkplaceType::Remote],
            sort: SortOrder::Newest,
            ..base.clone()
        },
        SearchRequest {
            skills: vec!["go".into(), "kafka".into()],
            ..base.clone()
        },
        SearchRequest {
            seniorities: vec![Seniority::Senior],
            country: Some("US".into()),
            ..base.clone()
        },
        SearchRequest {
            posted_within_days: Some(7),
            ..base.clone()
        },
        SearchRequest {
            companies: vec![company(1)],
            ..base.clone()
        },
        SearchRequest {
            exclude_companies: vec![company(2)],
            families: vec![TitleFamily::PlatformEngineer],
            ..base.clone()
        },
        SearchRequest {
            utc_offset_minutes: Some(60),
            country: Some("PL".into()),
            ..base.clone()
        },
        SearchRequest {
            sources: vec![prepboard_core::SourceKind::Greenhouse],
            sort: SortOrder::Newest,
            ..base.clone()
        },
        SearchRequest {
            families: vec![TitleFamily::DataEngineer],
            min_salary_usd: Some(100_000),
            include_no_salary: true,
            ..base.clone()
        },
        SearchRequest {
            page: 3,
            ..base.clone()
        },
        SearchRequest {
            query: "engineer".into(),
            page: 5,
            sort: SortOrder::Newest,
            ..base.clone()
        },
        SearchRequest {
            exclude_keywords: vec!["sales".into()],
            families: vec![TitleFamily::ApiEngineer],
            ..base.clone()
        },
        SearchRequest {
            employment_types: vec![prepboard_core::EmploymentType::Contract],
            workplaces: vec![WorkplaceType::Remote],
            ..base.clone()
        },
        SearchRequest {
            skills: vec!["rust".into()],
            country: Some("GB".into()),
            sort: SortOrder::Salary,
            ..base.clone()
        },
        SearchRequest {
            query: "api".into(),
            seniorities: vec![Seniority::Lead],
            posted_within_days: Some(30),
            ..base.clone()
        },
        SearchRequest {
            query: "docker".into(),
            sources: vec![
                prepboard_core::SourceKind::RemoteOk,
                prepboard_core::SourceKind::Lever,
            ],
            ..base
        },
    ];
    mix.extend(browse);
    assert_eq!(mix.len(), 50);
    mix
}

// ---------------------------------------------------------------------------------------------
// SQLite FTS5 doing the same work.

async fn bench_fts5(path: &Path, listings: &[Listing], mix: &[SearchRequest]) -> Figures {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .unwrap();
    for statement in [
        "CREATE TABLE listing (id INTEGER PRIMARY KEY, family TEXT, seniority TEXT, employment TEXT,
            workplace TEXT, source TEXT, company TEXT, recency INTEGER, salary_reach INTEGER,
            salary_sort INTEGER, utc_min INTEGER, utc_max INTEGER, card TEXT)",
        "CREATE TABLE listing_eligibility (listing_id INTEGER, value TEXT)",
        "CREATE TABLE listing_skill (listing_id INTEGER, skill TEXT)",
        "CREATE VIRTUAL TABLE listing_fts USING fts5(title, company, skills, description,
            tokenize = 'unicode61 remove_diacritics 2')",
    ] {
        sqlx::query(statement).execute(&pool).await.unwrap();
    }
    let started = Instant::now();
    let mut tx = pool.begin().await.unwrap();
    for (n, listing) in listings.iter().enumerate() {
        let id = n as i64 + 1;
        let reach = salary_reach(listing.salary.as_ref());
        let band = listing.eligibility.utc_band;
        sqlx::query("INSERT INTO listing VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")
            .bind(id)
            .bind(listing.family.slug())
            .bind(listing.seniority.slug())
            .bind(listing.employment_type.slug())
            .bind(listing.workplace.slug())
            .bind(listing.source.slug())
            .bind(&listing.company.name)
            .bind(recency_seconds(listing))
            .bind(reach.map(|r| r as i64))
            .bind(reach.unwrap_or(0) as i64)
            .bind(band.map_or(-100_000, |b| i64::from(b.min_offset_minutes)))
            .bind(band.map_or(100_000, |b| i64::from(b.max_offset_minutes)))
            .bind(card_json(listing))
            .execute(&mut *tx)
            .await
            .unwrap();
        for value in eligibility_values(listing) {
            sqlx::query("INSERT INTO listing_eligibility VALUES (?, ?)")
                .bind(id)
                .bind(value)
                .execute(&mut *tx)
                .await
                .unwrap();
        }
        for skill in listing.skill_ids() {
            sqlx::query("INSERT INTO listing_skill VALUES (?, ?)")
                .bind(id)
                .bind(skill)
                .execute(&mut *tx)
                .await
                .unwrap();
        }
        let skills: Vec<&str> = listing.skill_ids().collect();
        sqlx::query("INSERT INTO listing_fts (rowid, title, company, skills, description) VALUES (?,?,?,?,?)")
            .bind(id)
            .bind(&listing.title)
            .bind(&listing.company.name)
            .bind(skills.join(" "))
            .bind(&listing.description_text)
            .execute(&mut *tx)
            .await
            .unwrap();
    }
    for statement in [
        "CREATE INDEX listing_family ON listing(family)",
        "CREATE INDEX listing_seniority ON listing(seniority)",
        "CREATE INDEX listing_company ON listing(company)",
        "CREATE INDEX listing_recency ON listing(recency)",
        "CREATE INDEX listing_salary ON listing(salary_reach)",
        "CREATE INDEX eligibility_value ON listing_eligibility(value, listing_id)",
        "CREATE INDEX eligibility_listing ON listing_eligibility(listing_id)",
        "CREATE INDEX skill_value ON listing_skill(skill, listing_id)",
        "CREATE INDEX skill_listing ON listing_skill(listing_id)",
        "INSERT INTO listing_fts(listing_fts) VALUES ('optimize')",
    ] {
        sqlx::query(statement).execute(&mut *tx).await.unwrap();
    }
    tx.commit().await.unwrap();
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&pool)
        .await
        .unwrap();
    let build = started.elapsed();
    println!(
        "fts5: indexed {} in {:.2}s",
        listings.len(),
        build.as_secs_f64()
    );
    let size = std::fs::metadata(path).map_or(0, |m| m.len());

    for request in mix {
        fts5_search(&pool, request).await;
    }
    let mut samples = Vec::new();
    let mut totals = 0;
    for _ in 0..2 {
        for request in mix {
            let started = Instant::now();
            totals += fts5_search(&pool, request).await;
            samples.push(started.elapsed());
        }
    }
    println!("fts5: {} searches, {totals} total hits", samples.len());
    figures(build, listings.len(), size, samples)
}

fn card_json(listing: &Listing) -> String {
    serde_json::json!({
        "id": listing.id, "title": listing.title, "company": listing.company,
        "source": listing.source, "source_url": listing.source_url, "apply_url": listing.apply_url,
        "family": listing.family, "seniority": listing.seniority,
        "employment_type": listing.employment_type, "workplace": listing.workplace,
        "location_text": listing.location_text, "salary": listing.salary,
        "eligibility": listing.eligibility, "skills": listing.skill_ids().collect::<Vec<_>>(),
        "posted_at": listing.posted_at, "first_seen": listing.freshness.first_seen,
    })
    .to_string()
}

fn eligibility_values(listing: &Listing) -> Vec<String> {
    match listing.eligibility.scope {
        EligibilityScope::Worldwide => vec!["worldwide".into()],
        EligibilityScope::Unknown => vec!["unknown".into()],
        EligibilityScope::Restricted => listing
            .eligibility
            .regions
            .iter()
            .map(|r| r.slug().to_owned())
            .chain(listing.eligibility.countries.iter().cloned())
            .collect(),
    }
}

fn quoted(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

fn in_list<'a>(column: &str, values: impl IntoIterator<Item = &'a str>) -> String {
    let values: Vec<String> = values.into_iter().map(quoted).collect();
    format!("{column} IN ({})", values.join(","))
}

/// The FTS5 MATCH expression of the text: quoted words and phrases, `NOT` for exclusions.
fn fts_match(query: &str) -> Option<String> {
    let mut required = Vec::new();
    let mut excluded = Vec::new();
    let mut rest = query;
    while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
        rest = &rest[start..];
        let negated = rest.starts_with('-');
        if negated {
            rest = &rest[1..];
        }
        let (text, after) = if let Some(inner) = rest.strip_prefix('"') {
            let end = inner.find('"').unwrap_or(inner.len());
            (&inner[..end], inner.get(end + 1..).unwrap_or(""))
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            (&rest[..end], &rest[end..])
        };
        rest = after;
        let phrase = format!("\"{}\"", text.replace('"', ""));
        if negated {
            excluded.push(phrase)
        } else {
            required.push(phrase)
        }
    }
    if required.is_empty() {
        return None;
    }
    let mut expression = required.join(" AND ");
    for phrase in excluded {
        write!(expression, " NOT {phrase}").unwrap();
    }
    Some(expression)
}

#[derive(Clone, Copy, PartialEq)]
enum Group {
    Family,
    Seniority,
    Eligibility,
    Employment,
    Workplace,
    Skill,
    Source,
    Company,
}

/// WHERE conditions on `l` (the listing table) for every filter but `skip`'s.
fn conditions(request: &SearchRequest, skip: Option<Group>) -> Vec<String> {
    let now = request.now.unwrap_or_else(chrono::Utc::now);
    let mut out = Vec::new();
    let active = |g: Group| skip != Some(g);
    if active(Group::Family) && !request.families.is_empty() {
        out.push(in_list(
            "l.family",
            request.families.iter().map(|f| f.slug()),
        ));
    }
    if active(Group::Seniority) && !request.seniorities.is_empty() {
        out.push(in_list(
            "l.seniority",
            request.seniorities.iter().map(|s| s.slug()),
        ));
    }
    if active(Group::Eligibility)
        && let Some(country) = &request.country
    {
        let country = country.to_ascii_uppercase();
        let mut values = vec!["worldwide".to_owned(), country.clone()];
        values.extend(
            countries::regions_containing(&country)
                .iter()
                .map(|r| r.slug().to_owned()),
        );
        if request.include_unknown_eligibility {
            values.push("unknown".into());
        }
        out.push(format!(
            "l.id IN (SELECT listing_id FROM listing_eligibility WHERE {})",
            in_list("value", values.iter().map(String::as_str))
        ));
    }
    if active(Group::Employment) && !request.employment_types.is_empty() {
        out.push(in_list(
            "l.employment",
            request.employment_types.iter().map(|t| t.slug()),
        ));
    }
    if active(Group::Workplace) && !request.workplaces.is_empty() {
        out.push(in_list(
            "l.workplace",
            request.workplaces.iter().map(|w| w.slug()),
        ));
    }
    if active(Group::Skill) {
        for skill in &request.skills {
            out.push(format!(
                "l.id IN (SELECT listing_id FROM listing_skill WHERE skill = {})",
                quoted(skill)
            ));
        }
    }
    if active(Group::Source) && !request.sources.is_empty() {
        out.push(in_list(
            "l.source",
            request.sources.iter().map(|s| s.slug()),
        ));
    }
    if active(Group::Company) {
        if !request.companies.is_empty() {
            out.push(in_list(
                "l.company",
                request.companies.iter().map(String::as_str),
            ));
        }
        for company in &request.exclude_companies {
            out.push(format!("l.company <> {}", quoted(company)));
        }
    }
    if let Some(offset) = request.utc_offset_minutes {
        out.push(format!("l.utc_min <= {offset} AND l.utc_max >= {offset}"));
    }
    if let Some(min) = request.min_salary_usd {
        out.push(if request.include_no_salary {
            format!("(l.salary_reach >= {min} OR l.salary_reach IS NULL)")
        } else {
            format!("l.salary_reach >= {min}")
        });
    }
    if let Some(days) = request.posted_within_days {
        out.push(format!(
            "l.recency >= {}",
            (now - Days::days(i64::from(days))).timestamp()
        ));
    }
    for keyword in &request.exclude_keywords {
        out.push(format!(
            "l.id NOT IN (SELECT rowid FROM listing_fts WHERE listing_fts MATCH {})",
            quoted(&format!("\"{}\"", keyword.replace('"', "")))
        ));
    }
    out
}

fn where_clause(text: Option<&str>, conditions: Vec<String>) -> String {
    let mut all = conditions;
    if let Some(text) = text {
        all.insert(0, format!("listing_fts MATCH {}", quoted(text)));
    }
    if all.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", all.join(" AND "))
    }
}

async fn fts5_search(pool: &SqlitePool, request: &SearchRequest) -> u64 {
    let text = fts_match(&request.query);
    let from = if text.is_some() {
        "FROM listing_fts JOIN listing l ON l.id = listing_fts.rowid"
    } else {
        "FROM listing l"
    };
    let filters = where_clause(text.as_deref(), conditions(request, None));
    let total: i64 = sqlx::query(&format!("SELECT COUNT(*) {from} {filters}"))
        .fetch_one(pool)
        .await
        .unwrap()
        .get(0);
    let order = match (request.sort, text.is_some()) {
        (SortOrder::Relevance, true) => "bm25(listing_fts, 3.0, 1.5, 2.0, 1.0)",
        (SortOrder::Salary, _) => "l.salary_sort DESC",
        _ => "l.recency DESC",
    };
    let per_page = request.per_page.clamp(1, 100);
    let offset = u64::from(request.page.max(1) - 1) * u64::from(per_page);
    let columns = if text.is_some() {
        "l.card, snippet(listing_fts, 3, '<mark>', '</mark>', '…', 24)"
    } else {
        "l.card, substr((SELECT description FROM listing_fts WHERE rowid = l.id), 1, 220)"
    };
    let page = sqlx::query(&format!(
        "SELECT {columns} {from} {filters} ORDER BY {order} LIMIT {per_page} OFFSET {offset}"
    ))
    .fetch_all(pool)
    .await
    .unwrap();
    for row in &page {
        let card: String = row.get(0);
        let _: serde_json::Value = serde_json::from_str(&card).unwrap();
    }
    let groups = [
        (Group::Family, "l.family", ""),
        (Group::Seniority, "l.seniority", ""),
        (
            Group::Eligibility,
            "e.value",
            "JOIN listing_eligibility e ON e.listing_id = l.id",
        ),
        (Group::Employment, "l.employment", ""),
        (Group::Workplace, "l.workplace", ""),
        (
            Group::Skill,
            "s.skill",
            "JOIN listing_skill s ON s.listing_id = l.id",
        ),
        (Group::Source, "l.source", ""),
        (Group::Company, "l.company", ""),
    ];
    for (group, column, join) in groups {
        let filters = where_clause(text.as_deref(), conditions(request, Some(group)));
        let limit = if matches!(group, Group::Skill | Group::Company | Group::Eligibility) {
            "LIMIT 50"
        } else {
            ""
        };
        sqlx::query(&format!(
            "SELECT {column}, COUNT(*) AS n {from} {join} {filters} GROUP BY {column} ORDER BY n DESC {limit}"
        ))
        .fetch_all(pool)
        .await
        .unwrap();
    }
    total as u64
}
