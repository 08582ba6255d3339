//! The reader on made-up posts of common shapes (`tests/labelled/hn/shapes_*.toml`), each written
//! with its answer under the rules of the README beside them before the reader was run on it, by
//! a reader who had not seen the reader's code. No shape is a labelled post: they test the rules
//! on the shapes HN posters use, so a rule learnt from the fixture threads can be checked on a
//! post nobody has written yet.
//!
//! Every shape must read as written, except those marked `open` (a known gap, with why): they
//! must still read wrong, so the list of gaps stays true and a fix is noticed.

use prepboard_core::Listing;
use prepboard_fetcher::sources::hn;
use serde::Deserialize;

use super::{
    eligibility_label, fetched_at, normal_places, read_listings, salary_label, set_of, sorted,
};

const ROLES: &str = include_str!("../labelled/hn/shapes_roles.toml");
const WORKPLACES: &str = include_str!("../labelled/hn/shapes_workplace.toml");
const ELIGIBILITY: &str = include_str!("../labelled/hn/shapes_eligibility.toml");
const HEADER_ROLES: &str = include_str!("../labelled/hn/shapes_header_roles.toml");
const BODY_ROLES: &str = include_str!("../labelled/hn/shapes_body_roles.toml");
const MIXED_WORKPLACES: &str = include_str!("../labelled/hn/shapes_mixed_workplace.toml");
const PROSE_ROLES: &str = include_str!("../labelled/hn/shapes_prose_roles.toml");
const OFFICE_PROSE: &str = include_str!("../labelled/hn/shapes_office_prose.toml");
const ELIGIBILITY_PROSE: &str = include_str!("../labelled/hn/shapes_eligibility_prose.toml");

#[derive(Debug, Deserialize)]
struct ShapeFile {
    post: Vec<Shape>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Shape {
    text: String,
    /// The roles, for the roles file: each title with its family and seniority.
    #[serde(default)]
    roles: Option<Vec<ShapeRole>>,
    /// For the workplace file: the post's set of workplaces over its roles, joined by "+" when
    /// its roles differ ("onsite+remote").
    #[serde(default)]
    workplace: Option<String>,
    /// Where a candidate may live, as the labelled table writes it ("US,CA", "eu", "unknown"),
    /// the same for every role.
    #[serde(default)]
    eligibility: Option<String>,
    #[serde(default)]
    salary: Option<String>,
    /// The rule the answer follows.
    rule: String,
    /// A known gap: why the reader still reads it wrong.
    #[serde(default)]
    open: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShapeRole {
    title: String,
    family: String,
    seniority: String,
}

fn read(text: &str, id: u64) -> Vec<Listing> {
    read_listings(&hn::Comment {
        id,
        parent: Some(1),
        author: Some("poster".to_owned()),
        text: Some(text.to_owned()),
        time: Some(fetched_at()),
        deleted: false,
        dead: false,
    })
}

/// What is wrong with `shape`'s reading, if anything.
fn misreading(shape: &Shape, listings: &[Listing]) -> Option<String> {
    let mut wrong = Vec::new();
    if let Some(roles) = &shape.roles {
        let want = sorted(
            roles
                .iter()
                .map(|r| (r.family.clone(), r.seniority.clone()))
                .collect(),
        );
        let got = sorted(
            listings
                .iter()
                .map(|l| (l.family.slug().to_owned(), l.seniority.slug().to_owned()))
                .collect(),
        );
        if want != got {
            let wanted: Vec<&str> = roles.iter().map(|r| r.title.as_str()).collect();
            let titles: Vec<&str> = listings.iter().map(|l| l.title.as_str()).collect();
            wrong.push(format!(
                "roles: want {want:?} {wanted:?}, got {got:?} {titles:?}"
            ));
        }
    }
    if let Some(workplace) = &shape.workplace {
        let got = set_of(
            listings
                .iter()
                .map(|l| l.workplace.slug().to_owned())
                .collect(),
        );
        let want = set_of(workplace.split('+').map(str::to_owned).collect());
        if got != want {
            wrong.push(format!("workplace: want {workplace}, got {got:?}"));
        }
    }
    if let Some(eligibility) = &shape.eligibility {
        let want = normal_places(eligibility);
        let got = set_of(listings.iter().map(eligibility_label).collect());
        if got != [want.clone()] {
            wrong.push(format!("eligibility: want {want}, got {got:?}"));
        }
    }
    if let Some(salary) = &shape.salary {
        let got = set_of(
            listings
                .iter()
                .map(|l| salary_label(l.salary.as_ref()))
                .collect(),
        );
        if got != [salary.clone()] {
            wrong.push(format!("salary: want {salary}, got {got:?}"));
        }
    }
    (!wrong.is_empty()).then(|| wrong.join("; "))
}

#[test]
fn made_up_posts_of_common_shapes_read_as_the_rules_say() {
    let mut unexpected = Vec::new();
    for (file, text) in [
        ("roles", ROLES),
        ("workplace", WORKPLACES),
        ("eligibility", ELIGIBILITY),
        ("header roles", HEADER_ROLES),
        ("body roles", BODY_ROLES),
        ("mixed workplaces", MIXED_WORKPLACES),
        ("prose roles", PROSE_ROLES),
        ("office prose", OFFICE_PROSE),
        ("eligibility prose", ELIGIBILITY_PROSE),
    ] {
        let shapes: ShapeFile = toml::from_str(text).unwrap();
        let (mut right, mut open) = (0, 0);
        for (index, shape) in shapes.post.iter().enumerate() {
            let listings = read(&shape.text, 1_000 + index as u64);
            match (misreading(shape, &listings), &shape.open) {
                (None, None) => right += 1,
                (Some(_), Some(_)) => open += 1,
                (Some(wrong), None) => {
                    unexpected.push(format!(
                        "{file} #{index} ({}): {wrong}\n  {}",
                        shape.rule, shape.text
                    ));
                }
                (None, Some(why)) => unexpected.push(format!(
                    "{file} #{index} reads right now; drop its `open` ({why})"
                )),
            }
        }
        println!(
            "made-up {file} shapes: {right} of {} right, {open} known gaps",
            shapes.post.len()
        );
    }
    assert!(unexpected.is_empty(), "{}", unexpected.join("\n"));
}
