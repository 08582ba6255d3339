//! The generated listings the benchmark serves: titles, sentences, places and sources drawn by a
//! fixed-seed generator, normalised as fetched listings are.

use chrono::{DateTime, Utc};
use prepboard_core::{
    Company, EmploymentType, Normalizer, RawListing, SalaryPeriod, SourceKind, StructuredSalary,
    WorkplaceType,
};

const TITLES: &[&str] = &[
    "Senior API Engineer",
    "Backend Engineer (Go)",
    "Staff Backend Engineer, APIs",
    "Platform Engineer",
    "Site Reliability Engineer",
    "Full Stack Engineer",
    "Data Engineer",
    "API Integrations Engineer",
    "Senior Software Engineer, Payments API",
    "Lead Backend Developer",
    "DevOps Engineer",
    "Frontend Engineer",
];
const SENTENCES: &[&str] = &[
    "Design and run public REST APIs used by thousands of developers.",
    "Build distributed systems in Go on Kubernetes with gRPC and Redis.",
    "Own our PostgreSQL schema and Kafka event pipelines.",
    "Work with Python, Django and AWS to ship features weekly.",
    "Write OpenAPI specs, handle OAuth flows and rate limiting.",
    "Terraform, CI/CD and observability with Prometheus are part of the job.",
    "We value clear writing and asynchronous collaboration across time zones.",
    "Experience with GraphQL, TypeScript and Node.js is a plus.",
];
const LOCATIONS: &[&str] = &[
    "Remote - US",
    "Remote, Europe",
    "Anywhere in the World",
    "Remote (EU)",
    "LATAM only",
    "Worldwide",
    "Remote - UK",
];
const SOURCES: &[SourceKind] = &[
    SourceKind::Greenhouse,
    SourceKind::Lever,
    SourceKind::Ashby,
    SourceKind::RemoteOk,
    SourceKind::WeWorkRemotely,
    SourceKind::Remotive,
];

/// A deterministic xorshift, so every run indexes the same listings.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next() % items.len()]
    }
}

pub(crate) fn generate(n: usize, fetched_at: DateTime<Utc>) -> Vec<prepboard_core::Listing> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    (0..n)
        .map(|i| {
            let source = *rng.pick(SOURCES);
            let description: String = (0..4)
                .map(|_| format!("<p>{}</p>", rng.pick(SENTENCES)))
                .collect();
            let salary = rng.next().is_multiple_of(3).then(|| {
                let min = 60_000 + (rng.next() % 120) * 1_000;
                StructuredSalary {
                    min: Some(min as f64),
                    max: Some((min + 40_000) as f64),
                    currency: Some("USD".into()),
                    period: SalaryPeriod::Year,
                    text: None,
                }
            });
            Normalizer::bundled().normalize(RawListing {
                source,
                source_job_id: format!("bench-{i}"),
                source_url: format!("https://{}.example/jobs/{i}", source.slug()),
                apply_url: None,
                title: (*rng.pick(TITLES)).to_owned(),
                company: Company {
                    name: format!("Company {}", rng.next() % 3_000),
                    url: None,
                    logo_url: None,
                },
                description_html: description,
                tags: Vec::new(),
                employment_type: EmploymentType::FullTime,
                workplace: WorkplaceType::Remote,
                location_text: (*rng.pick(LOCATIONS)).to_owned(),
                structured_places: Vec::new(),
                structured_salary: salary,
                salary_text: None,
                structured_skills: Vec::new(),
                place_fields: Default::default(),
                posted_at: Some(fetched_at - chrono::Duration::days((rng.next() % 60) as i64)),
                valid_through: None,
                fetched_at,
            })
        })
        // Every generated listing links back over https, so none is rejected.
        .filter_map(Result::ok)
        .map(|normalized| normalized.listing)
        .collect()
}
