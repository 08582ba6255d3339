//! How far two careful human readers agree on Hacker News posts: the ceiling of the reader's
//! measured accuracy.
//!
//! `tests/labelled/hn/second_reader.toml` holds a second reader's labels of 91 posts of
//! `labels.toml`, written blind (from `README.md` and `config/titles.toml` alone, before
//! `labels.toml`, the reader, its tests or its code were looked at). This test compares the two
//! readers with the definitions `hn_labelled.rs` measures the reader by: the right set of roles is
//! the multiset of (family, seniority) of a post's roles (a post that is not a job post has none);
//! workplace, salary and eligibility are the sets of values over a post's roles, counted over the
//! first reader's job posts. It prints the agreement shares and every disagreement, and fails when
//! the files stop parsing, name a value outside the closed sets, name a post that is not in the
//! other file or the fixture threads, or when role agreement falls below its floor (set a little
//! below what was measured, so an edit to either table that moves them apart is seen).
//!
//! Run with `cargo test -p prepboard-fetcher --test hn_reader_agreement -- --nocapture`.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use prepboard_core::{Region, Seniority, TitleFamily, WorkplaceType};
#[path = "hn_labelled/rows.rs"]
mod rows;
use rows::{LabelFile, LabelledPost, normal_places};

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/hn/firebase"
);
const FIRST: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/labelled/hn/labels.toml");
const SECOND: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/labelled/hn/second_reader.toml"
);
const THREADS: [&str; 3] = ["46466074", "46857488", "47219668"];

/// Measured on 2026-12-03 over 91 posts: roles 84/91 (92.3%), workplace 89/89 (100%), salary
/// 88/89 (98.9%), eligibility 77/89 (86.5%, not gated). The floors sit a little below.
const ROLES_FLOOR: f64 = 0.90;
const WORKPLACE_FLOOR: f64 = 0.97;
const SALARY_FLOOR: f64 = 0.96;
/// The second table covers this many posts; fewer means rows were lost.
const SECOND_POSTS: usize = 91;

/// The comment ids of the recorded threads (read as plain JSON, not through the reader).
fn fixture_ids() -> HashSet<u64> {
    let mut ids = HashSet::new();
    for thread in THREADS {
        let path = Path::new(FIXTURES).join(format!("items-{thread}.json"));
        let items: Vec<serde_json::Value> =
            serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        ids.extend(items.iter().filter_map(|item| item["id"].as_u64()));
    }
    ids
}

/// A salary label in the form `hn_labelled.rs` writes the reader's salaries in ("MIN-MAX CUR
/// period", "MIN+ CUR period", "AMOUNT CUR period", a range whose ends are equal written as one
/// amount), or `None` when the label does not have that form.
fn normal_salary(label: &str) -> Option<String> {
    let label = label.trim();
    if label == "none" {
        return Some("none".to_owned());
    }
    let mut words = label.split_whitespace();
    let (amount, currency, period) = (words.next()?, words.next()?, words.next()?);
    if words.next().is_some()
        || currency.len() != 3
        || !currency.chars().all(|c| c.is_ascii_uppercase())
        || !["hour", "day", "week", "month", "year"].contains(&period)
    {
        return None;
    }
    let number = |text: &str| text.parse::<f64>().ok().filter(|n| *n >= 0.0);
    let whole = |value: f64| format!("{}", value.round() as i64);
    let range = if let Some(min) = amount.strip_suffix('+') {
        format!("{}+", whole(number(min)?))
    } else if let Some((min, max)) = amount.split_once('-') {
        let (min, max) = (number(min)?, number(max)?);
        if (min - max).abs() < 0.5 {
            whole(min)
        } else {
            format!("{}-{}", whole(min), whole(max))
        }
    } else {
        whole(number(amount)?)
    };
    Some(format!("{range} {currency} {period}"))
}

/// An eligibility label as `hn_labelled.rs` compares it: "unknown", "worldwide", or its places
/// sorted (ISO codes in capitals, regions in lower case).
fn normal_eligibility(label: Option<&str>) -> String {
    match label.unwrap_or("unknown") {
        text @ ("unknown" | "worldwide") => text.to_owned(),
        places => normal_places(places),
    }
}

/// Every value of a row is one the tables may hold: families and levels of the closed sets,
/// workplace slugs, salaries of the salary form, ISO codes or region slugs.
fn check_values(file: &str, post: &LabelledPost) -> Vec<String> {
    let mut problems = Vec::new();
    let workplace_ok = |slug: &str| WorkplaceType::ALL.iter().any(|w| w.slug() == slug);
    let salary_ok = |label: &str| normal_salary(label).is_some();
    let mut say = |what: String| problems.push(format!("{file} post {}: {what}", post.id));
    if !post.job && !post.roles.is_empty() {
        say("not a job post but names roles".to_owned());
    }
    if let Some(workplace) = post.workplace.as_deref().filter(|w| !workplace_ok(w)) {
        say(format!("workplace {workplace:?}"));
    }
    if let Some(salary) = post.salary.as_deref().filter(|s| !salary_ok(s)) {
        say(format!("salary {salary:?}"));
    }
    if let Some(places) = post.eligibility.as_deref()
        && !matches!(places, "unknown" | "worldwide")
    {
        for part in places.split(',').map(str::trim) {
            let iso = part.len() == 2 && part.chars().all(|c| c.is_ascii_uppercase());
            let region = Region::ALL.iter().any(|r| r.slug() == part);
            if !iso && !region && part != "worldwide" {
                say(format!("eligibility part {part:?}"));
            }
        }
    }
    for role in &post.roles {
        if TitleFamily::from_slug(&role.family).is_none() {
            say(format!("{:?}: family {:?}", role.title, role.family));
        }
        if Seniority::from_slug(&role.seniority).is_none() {
            say(format!("{:?}: seniority {:?}", role.title, role.seniority));
        }
        if let Some(workplace) = role.workplace.as_deref().filter(|w| !workplace_ok(w)) {
            say(format!("{:?}: workplace {workplace:?}", role.title));
        }
        if let Some(salary) = role.salary.as_deref().filter(|s| !salary_ok(s)) {
            say(format!("{:?}: salary {salary:?}", role.title));
        }
    }
    problems
}

/// The set of salaries over a post's roles, a role's own before the post's, normalised.
fn salary_set(post: &LabelledPost) -> BTreeSet<String> {
    let post_salary = post.salary.as_deref().unwrap_or("none");
    post.roles
        .iter()
        .map(|role| {
            let label = role.salary.as_deref().unwrap_or(post_salary);
            normal_salary(label).unwrap_or_else(|| label.to_owned())
        })
        .collect()
}

fn describe(tag: &str, post: &LabelledPost) -> String {
    let mut out = if post.job {
        format!(
            "    {tag}: workplace {} | eligibility {} | salary {}\n",
            post.workplace.as_deref().unwrap_or("unknown"),
            post.eligibility.as_deref().unwrap_or("unknown"),
            post.salary.as_deref().unwrap_or("none"),
        )
    } else {
        format!("    {tag}: not a job post\n")
    };
    for role in &post.roles {
        let mut extra = String::new();
        if let Some(workplace) = &role.workplace {
            extra.push_str(&format!(" workplace={workplace}"));
        }
        if let Some(salary) = &role.salary {
            extra.push_str(&format!(" salary={salary}"));
        }
        out.push_str(&format!(
            "        {:<58} {:<20} {:<9}{extra}\n",
            role.title, role.family, role.seniority
        ));
    }
    if let Some(note) = &post.note {
        out.push_str(&format!("        note: {note}\n"));
    }
    out
}

#[derive(Debug, Default)]
struct Agreement {
    posts: usize,
    job_posts: usize,
    roles: usize,
    workplace: usize,
    salary: usize,
    eligibility: usize,
}

fn share(count: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        count as f64 / of as f64
    }
}

#[test]
fn two_readers_agree_on_hn_posts() {
    let first = LabelFile::load(FIRST);
    let second = LabelFile::load(SECOND);
    let fixtures = fixture_ids();

    let mut problems = Vec::new();
    for (file, table) in [("labels.toml", &first), ("second_reader.toml", &second)] {
        let mut seen = HashSet::new();
        for post in &table.post {
            if !seen.insert(post.id) {
                problems.push(format!("{file}: post {} twice", post.id));
            }
            if !fixtures.contains(&post.id) {
                problems.push(format!("{file}: post {} is not in the fixtures", post.id));
            }
            problems.extend(check_values(file, post));
        }
    }
    let first_by_id: HashMap<u64, &LabelledPost> =
        first.post.iter().map(|post| (post.id, post)).collect();
    for post in &second.post {
        if !first_by_id.contains_key(&post.id) {
            problems.push(format!(
                "second_reader.toml: post {} is not in labels.toml",
                post.id
            ));
        }
        if post.sample.is_some() {
            problems.push(format!(
                "second_reader.toml: post {} has a sample key",
                post.id
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(
        second.post.len(),
        SECOND_POSTS,
        "second_reader.toml lost or gained rows"
    );

    let mut tally = Agreement::default();
    let mut disagreements = Vec::new();
    for theirs in &second.post {
        let ours = first_by_id[&theirs.id];
        tally.posts += 1;
        let roles = ours.job == theirs.job && ours.role_pairs() == theirs.role_pairs();
        tally.roles += usize::from(roles);
        let mut tags = Vec::new();
        if !roles {
            tags.push("roles");
        }
        if ours.job {
            tally.job_posts += 1;
            let both = theirs.job;
            let workplace = both && ours.workplaces() == theirs.workplaces();
            let salary = both && salary_set(ours) == salary_set(theirs);
            let eligibility = both
                && normal_eligibility(ours.eligibility.as_deref())
                    == normal_eligibility(theirs.eligibility.as_deref());
            tally.workplace += usize::from(workplace);
            tally.salary += usize::from(salary);
            tally.eligibility += usize::from(eligibility);
            for (agree, tag) in [
                (workplace, "workplace"),
                (salary, "salary"),
                (eligibility, "eligibility"),
            ] {
                if !agree {
                    tags.push(tag);
                }
            }
        }
        if !tags.is_empty() {
            let sample = ours.sample.as_deref().unwrap_or("first");
            disagreements.push(format!(
                "--- {} ({sample}) [{}]\n{}{}",
                theirs.id,
                tags.join("] ["),
                describe("first ", ours),
                describe("second", theirs),
            ));
        }
    }

    println!("Disagreements ({}):", disagreements.len());
    for disagreement in &disagreements {
        print!("{disagreement}");
    }
    let roles = share(tally.roles, tally.posts);
    let workplace = share(tally.workplace, tally.job_posts);
    let salary = share(tally.salary, tally.job_posts);
    let eligibility = share(tally.eligibility, tally.job_posts);
    println!(
        "two readers, {} posts ({} job posts): right set of roles {}/{} ({:.1}%) | workplace {}/{} ({:.1}%) | salary {}/{} ({:.1}%) | eligibility {}/{} ({:.1}%)",
        tally.posts,
        tally.job_posts,
        tally.roles,
        tally.posts,
        100.0 * roles,
        tally.workplace,
        tally.job_posts,
        100.0 * workplace,
        tally.salary,
        tally.job_posts,
        100.0 * salary,
        tally.eligibility,
        tally.job_posts,
        100.0 * eligibility,
    );
    for (what, share, floor) in [
        ("roles", roles, ROLES_FLOOR),
        ("workplace", workplace, WORKPLACE_FLOOR),
        ("salary", salary, SALARY_FLOOR),
    ] {
        assert!(
            share >= floor,
            "the readers agree on {what} for {:.1}% of posts, below its floor of {:.0}%",
            100.0 * share,
            100.0 * floor
        );
    }
}

#[test]
fn salary_labels_normalise_as_the_reader_measure_writes_them() {
    assert_eq!(
        normal_salary("178500-178500 USD year").as_deref(),
        Some("178500 USD year")
    );
    assert_eq!(
        normal_salary("160000+ EUR year").as_deref(),
        Some("160000+ EUR year")
    );
    assert_eq!(
        normal_salary(" 125-200 USD hour").as_deref(),
        Some("125-200 USD hour")
    );
    assert_eq!(normal_salary("none").as_deref(), Some("none"));
    assert_eq!(normal_salary("competitive"), None);
    assert_eq!(normal_salary("100k USD year"), None);
    assert_eq!(normal_eligibility(Some("eu, US")), "US,eu");
    assert_eq!(normal_eligibility(None), "unknown");
}
