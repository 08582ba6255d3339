//! The Hacker News reader measured on a labelled table of real posts.
//!
//! `tests/labelled/hn/labels.toml` holds 1,017 posts of the three recorded threads in ten
//! samples (every sixth post from the first and from the fourth; every twelfth from the second,
//! third, fifth, sixth, eighth, ninth, eleventh and twelfth), labelled by reading them: the roles each names (family and seniority), the
//! workplace, where a candidate may live, and the salary. `README.md` beside it gives the rules.
//! Posts are split by FNV-1a-64 of the comment id: even is the tuning half, odd the held-out half.
//! Both halves' figures are printed, for the whole table and for the first sample alone (the
//! table the source landed with); the tuning half's misses are printed to work on; the held-out
//! half's misses are never printed. Both halves' misses are also counted by kind (`breakdown`:
//! too many or too few roles, a wrong family or level, workplace `want -> got` pairs, where the
//! reader took the roles from, on what kind of line a missed title stands), counts only, so the
//! next failure class to fix can be chosen without looking at a held-out post. The goals of issue 14 are 90% of posts with the right set of
//! roles, 95% the right workplace, 90% the right salary; the held-out half does not reach the
//! first two yet, and the issue stays open until it does. Until then the test prints the gap to
//! each goal and fails when a held-out figure falls below its floor, so no change makes the
//! reader worse unseen. A goal once met becomes the floor's lower bound: the floors sit at or
//! above it.
//!
//! `shapes.rs` reads made-up posts of common shapes, written blind with their answers, and fails
//! on any that reads wrong but for the known gaps it lists.
//!
//! Run with `cargo test --workspace --locked --test hn_labelled -- --nocapture`.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::{DateTime, Utc};
use prepboard_core::id::fnv1a64;
use prepboard_core::normalize::Normalizer;
use prepboard_core::{EligibilityScope, Listing, Salary, SalaryPeriod};
use prepboard_fetcher::sources::hn;

#[path = "hn_labelled/breakdown.rs"]
mod breakdown;
#[path = "hn_labelled/rows.rs"]
mod rows;
#[path = "hn_labelled/shapes.rs"]
mod shapes;
use breakdown::{Breakdown, Roles};
use rows::{LabelFile, LabelledPost, normal_places};

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/hn/firebase"
);
const LABELS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/labelled/hn/labels.toml");
const THREADS: [&str; 3] = ["46466074", "46857488", "47219668"];

/// Issue 14's goals for the held-out half.
const ROLES_GOAL: f64 = 0.90;
const WORKPLACE_GOAL: f64 = 0.95;
const SALARY_GOAL: f64 = 0.90;
/// The held-out figures of the first sample (the 171 posts the table started with), rounded
/// down: 72.5%, 94.8% and 97.4% when the source landed, 78.8%, 94.8% and 98.7% after the tenth
/// round, 80.0% roles now. The test fails below them. Raise them as the reader improves; never
/// lower them.
const FIRST_ROLES_FLOOR: f64 = 0.80;
const FIRST_WORKPLACE_FLOOR: f64 = 0.94;
const FIRST_SALARY_FLOOR: f64 = 0.98;
/// The held-out figures of the whole table, rounded down: 71.4%, 90.8%, 96.6% when the third
/// sample was added; 73.2%, 90.8%, 97.1% at 425 posts after two rounds of class fixes; 71.5%,
/// 89.8%, 97.3% when the fourth and fifth samples made it 594 posts (2026-12-03), 72.2% roles
/// after the fourth round; 72.8%, 91.8%, 97.8% at 849 posts after the eighth round; 72.9%,
/// 92.2%, 97.3% at 933 posts; 73.5%, 93.4%, 96.9% at 1,017 posts (2026-12-03, after the ninth
/// round and the tenth sample), 74.3% roles after the tenth round, 94.3% workplace after the
/// fifteenth (2026-12-04). Same rule; a new sample re-measures them.
const ROLES_FLOOR: f64 = 0.74;
const WORKPLACE_FLOOR: f64 = 0.94;
const SALARY_FLOOR: f64 = 0.96;

/// What one post got right.
#[derive(Debug, Default, Clone, Copy)]
struct Marks {
    roles: bool,
    role_count: bool,
    workplace: Option<bool>,
    salary: Option<bool>,
    eligibility: Option<bool>,
}

#[derive(Debug, Default)]
struct Tally {
    posts: usize,
    job_posts: usize,
    roles: usize,
    role_count: usize,
    workplace: usize,
    salary: usize,
    eligibility: usize,
}

impl Tally {
    fn add(&mut self, marks: Marks) {
        self.posts += 1;
        self.roles += usize::from(marks.roles);
        self.role_count += usize::from(marks.role_count);
        if let Some(workplace) = marks.workplace {
            self.job_posts += 1;
            self.workplace += usize::from(workplace);
            self.salary += usize::from(marks.salary.unwrap_or(false));
            self.eligibility += usize::from(marks.eligibility.unwrap_or(false));
        }
    }

    fn share(count: usize, of: usize) -> f64 {
        if of == 0 {
            0.0
        } else {
            count as f64 / of as f64
        }
    }

    fn print(&self, name: &str) {
        println!(
            "{name}: {} posts ({} job posts) | right set of roles {:.1}% | right number of roles {:.1}% | workplace {:.1}% | salary {:.1}% | eligibility {:.1}%",
            self.posts,
            self.job_posts,
            100.0 * Self::share(self.roles, self.posts),
            100.0 * Self::share(self.role_count, self.posts),
            100.0 * Self::share(self.workplace, self.job_posts),
            100.0 * Self::share(self.salary, self.job_posts),
            100.0 * Self::share(self.eligibility, self.job_posts),
        );
    }
}

/// When the fixture threads were fetched: the reader's clock for every post.
fn fetched_at() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-20T00:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

/// A comment's listings as the pipeline stores them: read by the HN source, then normalised.
fn read_listings(comment: &hn::Comment) -> Vec<Listing> {
    hn::listings(comment, fetched_at())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|raw| {
            Normalizer::bundled()
                .normalize(raw)
                .ok()
                .map(|kept| kept.listing)
        })
        .collect()
}

fn load_comments() -> HashMap<u64, hn::Comment> {
    let mut comments = HashMap::new();
    for thread in THREADS {
        let path = Path::new(FIXTURES).join(format!("items-{thread}.json"));
        let body = std::fs::read(&path).unwrap();
        let (items, warnings) = hn::api::firebase_items(&body).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        for item in items {
            comments.insert(item.id, item);
        }
    }
    comments
}

fn salary_label(salary: Option<&Salary>) -> String {
    let Some(salary) = salary.filter(|salary| salary.has_amount()) else {
        return "none".to_owned();
    };
    let amount = |value: f64| format!("{}", value.round() as i64);
    let range = match (salary.min, salary.max) {
        (Some(min), Some(max)) if (min - max).abs() < 0.5 => amount(min),
        (Some(min), Some(max)) => format!("{}-{}", amount(min), amount(max)),
        (Some(min), None) => format!("{}+", amount(min)),
        (None, Some(max)) => format!("-{}", amount(max)),
        (None, None) => String::new(),
    };
    let period = match salary.period {
        SalaryPeriod::Hour => "hour",
        SalaryPeriod::Day => "day",
        SalaryPeriod::Week => "week",
        SalaryPeriod::Month => "month",
        SalaryPeriod::Year => "year",
    };
    format!(
        "{range} {} {period}",
        salary.currency.as_deref().unwrap_or("???")
    )
}

fn eligibility_label(listing: &Listing) -> String {
    let eligibility = &listing.eligibility;
    match eligibility.scope {
        EligibilityScope::Unknown => "unknown".to_owned(),
        EligibilityScope::Worldwide => "worldwide".to_owned(),
        EligibilityScope::Restricted => {
            let mut parts: Vec<String> = eligibility.countries.clone();
            parts.extend(
                eligibility
                    .regions
                    .iter()
                    .map(|region| region.slug().to_owned()),
            );
            normal_places(&parts.join(","))
        }
    }
}

fn sorted<T: Ord>(mut items: Vec<T>) -> Vec<T> {
    items.sort();
    items
}

fn set_of(items: Vec<String>) -> Vec<String> {
    let mut items = sorted(items);
    items.dedup();
    items
}

/// The labelled and the read (family, seniority) pairs of a post.
fn role_pairs(post: &LabelledPost, listings: &[Listing]) -> (Roles, Roles) {
    let got = sorted(
        listings
            .iter()
            .map(|listing| {
                (
                    listing.family.slug().to_owned(),
                    listing.seniority.slug().to_owned(),
                )
            })
            .collect(),
    );
    (post.role_pairs(), got)
}

/// The labelled and the read sets of workplaces of a post.
fn workplace_sets(post: &LabelledPost, listings: &[Listing]) -> (Vec<String>, Vec<String>) {
    let got = set_of(
        listings
            .iter()
            .map(|l| l.workplace.slug().to_owned())
            .collect(),
    );
    (post.workplaces(), got)
}

/// The titles of a post's labelled roles that no read role's (family, seniority) accounts for.
fn unmatched_titles(post: &LabelledPost, got: &Roles) -> Vec<String> {
    let mut got = got.clone();
    let mut titles = Vec::new();
    for role in &post.roles {
        let pair = (role.family.clone(), role.seniority.clone());
        match got.iter().position(|other| *other == pair) {
            Some(at) => {
                got.remove(at);
            }
            None => titles.push(role.title.clone()),
        }
    }
    titles
}

/// A comment's HTML as plain lines, roughly (paragraphs, tags gone, common entities decoded),
/// for counting where titles stand.
fn plain_lines(html: &str) -> Vec<String> {
    let text = html.replace("<p>", "\n");
    let mut plain = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => plain.push(c),
            _ => {}
        }
    }
    let plain = plain
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&#x2F;", "/")
        .replace("&gt;", ">")
        .replace("&lt;", "<")
        .replace("&amp;", "&");
    plain.lines().map(str::to_owned).collect()
}

fn mark(post: &LabelledPost, listings: &[Listing]) -> Marks {
    if !post.job {
        return Marks {
            roles: listings.is_empty(),
            role_count: listings.is_empty(),
            ..Marks::default()
        };
    }
    let (want_roles, got_roles) = role_pairs(post, listings);
    let (want_workplace, got_workplace) = workplace_sets(post, listings);
    let post_salary = post.salary.clone().unwrap_or_else(|| "none".to_owned());
    let want_salary = set_of(
        post.roles
            .iter()
            .map(|role| role.salary.clone().unwrap_or_else(|| post_salary.clone()))
            .collect(),
    );
    let got_salary = set_of(
        listings
            .iter()
            .map(|l| salary_label(l.salary.as_ref()))
            .collect(),
    );
    let want_eligibility = post
        .eligibility
        .as_deref()
        .map(|text| match text {
            "unknown" | "worldwide" => text.to_owned(),
            places => normal_places(places),
        })
        .unwrap_or_else(|| "unknown".to_owned());
    let got_eligibility = set_of(listings.iter().map(eligibility_label).collect());
    Marks {
        roles: want_roles == got_roles,
        role_count: want_roles.len() == got_roles.len(),
        workplace: Some(!listings.is_empty() && want_workplace == got_workplace),
        salary: Some(!listings.is_empty() && want_salary == got_salary),
        eligibility: Some(!listings.is_empty() && got_eligibility == [want_eligibility]),
    }
}

fn describe_miss(post: &LabelledPost, listings: &[Listing], marks: Marks) -> String {
    let mut out = format!("--- {} ", post.id);
    if !marks.roles {
        out.push_str("[roles] ");
    }
    if marks.workplace == Some(false) {
        out.push_str("[workplace] ");
    }
    if marks.salary == Some(false) {
        out.push_str("[salary] ");
    }
    // Eligibility is reported, not gated; its misses are printed so its classes can be read too.
    if marks.eligibility == Some(false) {
        let got = set_of(listings.iter().map(eligibility_label).collect());
        out.push_str(&format!(
            "[eligibility: want {}, got {}] ",
            normal_places(post.eligibility.as_deref().unwrap_or("unknown")),
            got.join(" / ")
        ));
    }
    out.push('\n');
    if !post.job {
        out.push_str(&format!(
            "    want: not a job ({})\n",
            post.note.as_deref().unwrap_or("")
        ));
    }
    for role in &post.roles {
        out.push_str(&format!(
            "    want: {:<55} {:<20} {:<9} {:<16} {}\n",
            role.title,
            role.family,
            role.seniority,
            role.workplace
                .as_deref()
                .or(post.workplace.as_deref())
                .unwrap_or("unknown"),
            role.salary
                .as_deref()
                .or(post.salary.as_deref())
                .unwrap_or("none"),
        ));
    }
    for listing in listings {
        out.push_str(&format!(
            "    got:  {:<55} {:<20} {:<9} {:<16} {}\n",
            listing.title,
            listing.family.slug(),
            listing.seniority.slug(),
            listing.workplace.slug(),
            salary_label(listing.salary.as_ref()),
        ));
    }
    out
}

#[test]
fn hn_posts_read_as_a_careful_reader_would() {
    let labels = LabelFile::load(LABELS);
    assert!(
        labels.post.len() >= 150,
        "the issue asks for at least 150 posts"
    );
    let comments = load_comments();
    let mut halves: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut tuning_misses = Vec::new();
    let mut breakdowns: BTreeMap<&str, Breakdown> = BTreeMap::new();
    for post in &labels.post {
        let comment = comments
            .get(&post.id)
            .unwrap_or_else(|| panic!("post {} is not in the fixture threads", post.id));
        let listings = read_listings(comment);
        let marks = mark(post, &listings);
        let held_out = fnv1a64(post.id.to_string().as_bytes()) % 2 == 1;
        let half = if held_out { "held-out" } else { "tuning" };
        halves.entry(half).or_default().add(marks);
        let breakdown = breakdowns.entry(half).or_default();
        let (want_roles, got_roles) = role_pairs(post, &listings);
        let source = match hn::post::role_source(comment.text.as_deref().unwrap_or_default()) {
            Ok(source) => source.describe(),
            Err(skip) => skip.describe(),
        };
        breakdown.add_roles(post.job, &want_roles, &got_roles, source);
        if post.job && got_roles.len() < want_roles.len() {
            let lines = plain_lines(comment.text.as_deref().unwrap_or_default());
            breakdown.add_missing_lines(&unmatched_titles(post, &got_roles), &lines, source);
        }
        if marks.workplace == Some(false) {
            let (want, got) = workplace_sets(post, &listings);
            breakdown.add_workplace(&want, &got);
        }
        if post.sample.is_none() {
            let first = if held_out {
                "held-out, first sample"
            } else {
                "tuning, first sample"
            };
            halves.entry(first).or_default().add(marks);
        }
        let missed = !marks.roles
            || marks.workplace == Some(false)
            || marks.salary == Some(false)
            || marks.eligibility == Some(false);
        if !held_out && missed {
            tuning_misses.push(describe_miss(post, &listings, marks));
        }
    }
    println!("Tuning-half misses ({}):", tuning_misses.len());
    for miss in &tuning_misses {
        print!("{miss}");
    }
    for (name, breakdown) in &breakdowns {
        breakdown.print(name);
    }
    for (name, tally) in &halves {
        tally.print(name);
    }
    let shares = |tally: &Tally| {
        (
            Tally::share(tally.roles, tally.posts),
            Tally::share(tally.workplace, tally.job_posts),
            Tally::share(tally.salary, tally.job_posts),
        )
    };
    let (roles, workplace, salary) = shares(&halves["held-out"]);
    let (first_roles, first_workplace, first_salary) = shares(&halves["held-out, first sample"]);
    for (what, share, goal) in [
        ("roles", roles, ROLES_GOAL),
        ("workplace", workplace, WORKPLACE_GOAL),
        ("salary", salary, SALARY_GOAL),
    ] {
        let verdict = if share >= goal { "meets" } else { "below" };
        println!(
            "held-out {what}: {:.1}%, {verdict} issue 14's goal of {:.0}%",
            100.0 * share,
            100.0 * goal
        );
    }
    for (what, share, floor) in [
        ("roles", roles, ROLES_FLOOR),
        ("workplace", workplace, WORKPLACE_FLOOR),
        ("salary", salary, SALARY_FLOOR),
        ("roles (first sample)", first_roles, FIRST_ROLES_FLOOR),
        (
            "workplace (first sample)",
            first_workplace,
            FIRST_WORKPLACE_FLOOR,
        ),
        ("salary (first sample)", first_salary, FIRST_SALARY_FLOOR),
    ] {
        assert!(
            share >= floor,
            "held-out {what} is {:.1}%, below its floor of {:.0}%",
            100.0 * share,
            100.0 * floor
        );
    }
}
