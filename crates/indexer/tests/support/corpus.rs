//! A deterministic generator of realistic listings, shared by the tests and the benchmark.
//!
//! Titles, companies, locations and description sentences come from the recorded RemoteOK payload
//! under `tests/fixtures`; the normalised facets (family, seniority, eligibility, salary, skills)
//! are drawn with a seeded generator so every run builds the same listings.

#![allow(dead_code)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use prepboard_core::{
    Company, Confidence, Eligibility, EligibilityScope, EmploymentType, Freshness, Listing,
    ListingId, Region, Salary, SalaryOrigin, SalaryPeriod, Seniority, Sighting, SkillMention,
    SkillPlace, SourceKind, TitleFamily, UtcBand, WorkplaceType,
};

const REMOTEOK: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/remoteok/api-2026-03.json"
));

pub const SKILLS: &[&str] = &[
    "kafka",
    "go",
    "rust",
    "postgresql",
    "kubernetes",
    "python",
    "java",
    "aws",
    "graphql",
    "grpc",
    "redis",
    "docker",
    "terraform",
    "typescript",
    "rest",
    "openapi",
];

const BACKEND_TITLES: &[&str] = &[
    "Senior Backend Engineer",
    "Staff Platform Engineer, Kubernetes",
    "API Engineer (Go)",
    "Backend Developer - Payments API",
    "Site Reliability Engineer",
    "Senior Software Engineer, Data Platform",
    "Principal Engineer, Distributed Systems",
    "Full-Stack Engineer (TypeScript/Node.js)",
    "Kubernetes Infrastructure Engineer",
    "Rust Engineer, Storage",
];

const COUNTRIES: &[&str] = &["US", "DE", "GB", "BR", "IN", "CA", "PL", "ES", "NL", "AR"];

/// SplitMix64: tiny, seeded, stable across releases.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Text drawn from the recorded payload.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    pub titles: Vec<String>,
    pub companies: Vec<String>,
    pub locations: Vec<String>,
    pub sentences: Vec<String>,
}

impl Vocabulary {
    pub fn from_fixtures() -> Self {
        let items: Vec<serde_json::Value> = serde_json::from_str(REMOTEOK).unwrap();
        let text = |item: &serde_json::Value, key: &str| {
            item.get(key)
                .and_then(|v| v.as_str())
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let mut vocabulary = Vocabulary {
            titles: BACKEND_TITLES.iter().map(|t| t.to_string()).collect(),
            companies: Vec::new(),
            locations: Vec::new(),
            sentences: Vec::new(),
        };
        for item in items.iter().skip(1) {
            vocabulary.titles.extend(text(item, "position"));
            vocabulary.companies.extend(text(item, "company"));
            vocabulary.locations.extend(text(item, "location"));
            if let Some(description) = text(item, "description") {
                let plain = strip_tags(&description);
                vocabulary.sentences.extend(
                    plain
                        .split(". ")
                        .map(str::trim)
                        .filter(|s| s.len() > 30 && s.len() < 300)
                        .map(|s| format!("{s}.")),
                );
            }
        }
        vocabulary.companies.sort();
        vocabulary.companies.dedup();
        vocabulary.locations.push("Remote".into());
        vocabulary
    }
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn base_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 17, 12, 0, 0).unwrap()
}

/// A plain listing to adjust field by field in tests.
pub fn listing(source_job_id: &str, title: &str, description: &str) -> Listing {
    let seen = base_time() - Duration::days(2);
    let id = ListingId::derive(SourceKind::Greenhouse, source_job_id);
    Listing {
        id,
        source: SourceKind::Greenhouse,
        source_job_id: source_job_id.to_owned(),
        source_url: format!("https://boards.greenhouse.io/acme/jobs/{source_job_id}"),
        apply_url: None,
        title: title.to_owned(),
        company: Company {
            name: "Acme".into(),
            url: None,
            logo_url: None,
        },
        description_html: format!("<p>{description}</p>"),
        description_text: description.to_owned(),
        tags: Vec::new(),
        employment_type: EmploymentType::FullTime,
        workplace: WorkplaceType::Remote,
        location_text: "Remote".into(),
        eligibility: Eligibility {
            scope: EligibilityScope::Worldwide,
            countries: Vec::new(),
            regions: Vec::new(),
            utc_band: None,
            evidence: Some("Remote (anywhere)".into()),
            confidence: Confidence::Medium,
            offices: Vec::new(),
            workplace_evidence: None,
        },
        salary: None,
        seniority: Seniority::Senior,
        family: TitleFamily::BackendEngineer,
        skills: Vec::new(),
        posted_at: Some(seen),
        valid_through: None,
        fetched_at: seen,
        from_snapshot: false,
        freshness: Freshness::seen_once(seen),
        sightings: Vec::new(),
    }
}

pub fn yearly_usd(min: Option<u64>, max: Option<u64>) -> Salary {
    Salary {
        min: min.map(|v| v as f64),
        max: max.map(|v| v as f64),
        currency: Some("USD".into()),
        period: SalaryPeriod::Year,
        text: format!("{min:?} - {max:?}"),
        origin: SalaryOrigin::Structured,
        yearly_usd_min: min,
        yearly_usd_max: max,
    }
}

/// `count` realistic listings, the same for the same `seed`.
pub fn generate(vocabulary: &Vocabulary, count: usize, seed: u64) -> Vec<Listing> {
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|n| generate_one(vocabulary, &mut rng, n))
        .collect()
}

pub fn generate_one(vocabulary: &Vocabulary, rng: &mut Rng, n: usize) -> Listing {
    let title = rng.pick(&vocabulary.titles).clone();
    let sentence_count = 4 + rng.below(8);
    let mut sentences: Vec<String> = (0..sentence_count)
        .map(|_| rng.pick(&vocabulary.sentences).clone())
        .collect();
    let skill_count = rng.below(5);
    let mut skills: Vec<SkillMention> = Vec::new();
    for _ in 0..skill_count {
        let skill = *rng.pick(SKILLS);
        if skills.iter().all(|m| m.skill != skill) {
            skills.push(SkillMention {
                skill: skill.to_owned(),
                mentions: 1 + rng.below(3) as u32,
                place: SkillPlace::Body,
            });
            if rng.chance(60) {
                sentences.push(format!("You have shipped production systems with {skill}."));
            }
        }
    }
    let mut listing = listing(&format!("gen-{n}"), &title, &sentences.join(" "));
    let source = *rng.pick(&SourceKind::ALL);
    listing.source = source;
    listing.id = ListingId::derive(source, &listing.source_job_id);
    listing.company.name = rng.pick(&vocabulary.companies).clone();
    listing.location_text = rng.pick(&vocabulary.locations).clone();
    listing.skills = skills;
    listing.family = *rng.pick(TitleFamily::ALL);
    listing.seniority = *rng.pick(Seniority::ALL);
    listing.employment_type = *rng.pick(&EmploymentType::ALL);
    listing.workplace = *rng.pick(&WorkplaceType::ALL);
    listing.eligibility.scope = match rng.below(10) {
        0..=2 => EligibilityScope::Worldwide,
        3..=4 => EligibilityScope::Unknown,
        _ => EligibilityScope::Restricted,
    };
    if listing.eligibility.scope == EligibilityScope::Restricted {
        let mut countries: Vec<String> = (0..rng.below(3))
            .map(|_| rng.pick(COUNTRIES).to_string())
            .collect();
        countries.sort();
        countries.dedup();
        let mut regions: Vec<Region> = (0..rng.below(2)).map(|_| *rng.pick(&Region::ALL)).collect();
        if countries.is_empty() && regions.is_empty() {
            regions.push(*rng.pick(&Region::ALL));
        }
        regions.sort();
        regions.dedup();
        listing.eligibility.countries = countries;
        listing.eligibility.regions = regions;
    }
    if rng.chance(25) {
        let min = (rng.below(25) as i16 - 12) * 60;
        listing.eligibility.utc_band = Some(UtcBand {
            min_offset_minutes: min,
            max_offset_minutes: min + (rng.below(8) as i16) * 60,
        });
    }
    listing.salary = match rng.below(10) {
        0..=3 => None,
        4 => Some(yearly_usd(None, None)),
        5 => Some(yearly_usd(
            Some(60_000 + 5_000 * rng.below(20) as u64),
            None,
        )),
        _ => {
            let min = 50_000 + 5_000 * rng.below(30) as u64;
            Some(yearly_usd(
                Some(min),
                Some(min + 10_000 * rng.below(8) as u64),
            ))
        }
    };
    let seen = base_time() - Duration::minutes(rng.below(60 * 24 * 60) as i64);
    listing.freshness = Freshness::seen_once(seen);
    listing.fetched_at = seen;
    listing.posted_at = rng
        .chance(80)
        .then(|| seen - Duration::minutes(rng.below(60 * 24 * 5) as i64));
    listing.sightings = vec![sighting(source, &listing.source_url, seen)];
    if rng.chance(15) {
        let other = *rng.pick(&SourceKind::ALL);
        listing.sightings.push(sighting(
            other,
            &format!("https://example.com/{}/{n}", other.slug()),
            seen,
        ));
    }
    listing
}

pub fn sighting(source: SourceKind, url: &str, seen: DateTime<Utc>) -> Sighting {
    Sighting {
        source,
        source_name: source.slug().to_owned(),
        source_job_id: url.to_owned(),
        url: url.to_owned(),
        first_seen: seen,
        last_seen: seen,
        closed_at: None,
        merge_reason: None,
    }
}
