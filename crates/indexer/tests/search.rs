//! The search index against an independent reference: every filter, every facet count, typo
//! tolerance, phrases and exclusions, incremental updates, interrupted rebuilds, hostile input.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::panic::{AssertUnwindSafe, catch_unwind};

use chrono::{DateTime, Duration, Utc};
use prepboard_core::normalize::countries;
use prepboard_core::search::{FacetCount, SearchRequest, SearchResponse, SortOrder};
use prepboard_core::{
    EligibilityScope, EmploymentType, Listing, ListingId, Region, Seniority, SourceKind,
    TitleFamily, WorkplaceType,
};
use prepboard_indexer::{IndexError, SearchIndex, recency_seconds, salary_reach};
use support::corpus::{self, Rng, Vocabulary};

fn build(listings: &[Listing]) -> (tempfile::TempDir, SearchIndex) {
    let dir = tempfile::tempdir().unwrap();
    let index = SearchIndex::open_or_create(&dir.path().join("index")).unwrap();
    index.rebuild(listings.iter().cloned(), 7).unwrap();
    (dir, index)
}

// ---------------------------------------------------------------------------------------------
// The reference: plain Rust over the Vec<Listing>.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

const GROUPS: [Group; 8] = [
    Group::Family,
    Group::Seniority,
    Group::Eligibility,
    Group::Employment,
    Group::Workplace,
    Group::Skill,
    Group::Source,
    Group::Company,
];

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The words of a listing's text fields, computed once per listing.
fn listing_words(listing: &Listing) -> BTreeSet<String> {
    let skills: Vec<&str> = listing.skill_ids().collect();
    [
        listing.title.as_str(),
        listing.company.name.as_str(),
        &skills.join(" "),
        listing.description_text.as_str(),
    ]
    .iter()
    .flat_map(|text| words(text))
    .collect()
}

/// Whether `a` and `b` differ by at most one insertion, deletion, substitution or transposition.
fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a == b {
        return true;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    match (ra.len(), rb.len()) {
        (x, y) if x == y => {
            ra[1..] == rb[1..] || (x >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        (x, y) if x == y + 1 => ra[1..] == *rb,
        (x, y) if y == x + 1 => *ra == rb[1..],
        _ => false,
    }
}

/// Whether the listing has `word`; with `fuzzy`, words of five or more characters also match at
/// one edit, as the typo-tolerant retry does.
fn mentions(listing_words: &BTreeSet<String>, word: &str, fuzzy: bool) -> bool {
    listing_words.contains(word)
        || (fuzzy
            && word.chars().count() >= 5
            && listing_words.iter().any(|w| within_one_edit(w, word)))
}

fn facet_values(listing: &Listing, group: Group) -> Vec<String> {
    match group {
        Group::Family => vec![listing.family.slug().into()],
        Group::Seniority => vec![listing.seniority.slug().into()],
        Group::Eligibility => match listing.eligibility.scope {
            EligibilityScope::Worldwide => vec!["worldwide".into()],
            EligibilityScope::Unknown => vec!["unknown".into()],
            EligibilityScope::Restricted => listing
                .eligibility
                .regions
                .iter()
                .map(|r| r.slug().to_owned())
                .chain(listing.eligibility.countries.iter().cloned())
                .collect(),
        },
        Group::Employment => vec![listing.employment_type.slug().into()],
        Group::Workplace => vec![listing.workplace.slug().into()],
        Group::Skill => listing.skill_ids().map(str::to_owned).collect(),
        Group::Source => vec![listing.source.slug().into()],
        Group::Company => vec![listing.company.name.clone()],
    }
}

fn passes_group(listing: &Listing, request: &SearchRequest, group: Group) -> bool {
    match group {
        Group::Family => request.families.is_empty() || request.families.contains(&listing.family),
        Group::Seniority => {
            request.seniorities.is_empty() || request.seniorities.contains(&listing.seniority)
        }
        Group::Eligibility => match &request.country {
            None => true,
            Some(country) => match countries::admits(&listing.eligibility, country) {
                Some(admitted) => admitted,
                None => request.include_unknown_eligibility,
            },
        },
        Group::Employment => {
            request.employment_types.is_empty()
                || request.employment_types.contains(&listing.employment_type)
        }
        Group::Workplace => {
            request.workplaces.is_empty() || request.workplaces.contains(&listing.workplace)
        }
        Group::Skill => request
            .skills
            .iter()
            .all(|s| listing.skill_ids().any(|id| id == s)),
        Group::Source => request.sources.is_empty() || request.sources.contains(&listing.source),
        Group::Company => {
            (request.companies.is_empty() || request.companies.contains(&listing.company.name))
                && !request.exclude_companies.contains(&listing.company.name)
        }
    }
}

struct Candidate<'a> {
    listing: &'a Listing,
    words: BTreeSet<String>,
}

fn candidates(listings: &[Listing]) -> Vec<Candidate<'_>> {
    listings
        .iter()
        .map(|listing| Candidate {
            listing,
            words: listing_words(listing),
        })
        .collect()
}

fn passes(
    candidate: &Candidate<'_>,
    request: &SearchRequest,
    now: DateTime<Utc>,
    fuzzy: bool,
    skip: Option<Group>,
) -> bool {
    let listing = candidate.listing;
    // The reference understands plain words and -exclusions, which is all the requests here use.
    let text_ok = request
        .query
        .split_whitespace()
        .all(|part| match part.strip_prefix('-') {
            Some(excluded) => !words(excluded)
                .iter()
                .any(|w| mentions(&candidate.words, w, false)),
            None => words(part)
                .iter()
                .all(|w| mentions(&candidate.words, w, fuzzy)),
        });
    let keywords_ok = request.exclude_keywords.iter().all(|k| {
        !words(k)
            .iter()
            .any(|w| mentions(&candidate.words, w, false))
    });
    let utc_ok = match (request.utc_offset_minutes, listing.eligibility.utc_band) {
        (Some(offset), Some(band)) => band.contains(offset),
        _ => true,
    };
    let salary_ok = match request.min_salary_usd {
        None => true,
        Some(min) => match salary_reach(listing.salary.as_ref()) {
            Some(reach) => reach >= min,
            None => request.include_no_salary,
        },
    };
    let posted_ok = request.posted_within_days.is_none_or(|days| {
        recency_seconds(listing) >= (now - Duration::days(i64::from(days))).timestamp()
    });
    listing.is_open()
        && text_ok
        && keywords_ok
        && utc_ok
        && salary_ok
        && posted_ok
        && GROUPS
            .iter()
            .filter(|&&g| Some(g) != skip)
            .all(|&g| passes_group(listing, request, g))
}

fn facet_list(response: &SearchResponse, group: Group) -> &[FacetCount] {
    let facets = &response.facets;
    match group {
        Group::Family => &facets.families,
        Group::Seniority => &facets.seniorities,
        Group::Eligibility => &facets.eligibility,
        Group::Employment => &facets.employment_types,
        Group::Workplace => &facets.workplaces,
        Group::Skill => &facets.skills,
        Group::Source => &facets.sources,
        Group::Company => &facets.companies,
    }
}

/// Runs `request` and compares total, hits and every facet with the reference.
fn check_against_reference(
    index: &SearchIndex,
    listings: &[Candidate<'_>],
    request: &SearchRequest,
) {
    let now = request.now.unwrap();
    let response = index.search(request).unwrap();
    let fuzzy = response.corrected_query.is_some();
    let expected: BTreeSet<&str> = listings
        .iter()
        .filter(|c| passes(c, request, now, fuzzy, None))
        .map(|c| c.listing.id.as_str())
        .collect();
    assert_eq!(
        response.total,
        expected.len() as u64,
        "total of {request:?}"
    );
    for hit in &response.hits {
        assert!(
            expected.contains(hit.id.as_str()),
            "unexpected hit {hit:?} for {request:?}"
        );
    }
    assert_eq!(
        response.hits.len() as u64,
        response.total.min(u64::from(request.per_page)),
        "page size of {request:?}"
    );
    for group in GROUPS {
        let mut reference: BTreeMap<String, u64> = BTreeMap::new();
        for listing in listings
            .iter()
            .filter(|l| passes(l, request, now, fuzzy, Some(group)))
        {
            for value in facet_values(listing.listing, group) {
                *reference.entry(value).or_default() += 1;
            }
        }
        let got = facet_list(&response, group);
        for facet in got {
            assert_eq!(
                reference.get(&facet.value),
                Some(&facet.count),
                "{group:?} facet {:?} of {request:?}",
                facet.value
            );
        }
        assert!(
            got.len() >= reference.len().min(50),
            "{group:?} lists {} of {} values for {request:?}",
            got.len(),
            reference.len()
        );
    }
}

fn random_request(rng: &mut Rng, listings: &[Listing]) -> SearchRequest {
    let mut request = SearchRequest {
        now: Some(corpus::base_time()),
        per_page: 100,
        ..SearchRequest::default()
    };
    let some = |rng: &mut Rng| rng.chance(30);
    if some(rng) {
        request.query = rng
            .pick(&[
                "engineer",
                "kafka",
                "remote",
                "experience",
                "senior backend",
                "api",
                "team work",
            ])
            .to_string();
    }
    if some(rng) {
        request.families = (0..=rng.below(2))
            .map(|_| *rng.pick(TitleFamily::ALL))
            .collect();
    }
    if some(rng) {
        request.seniorities = (0..=rng.below(2))
            .map(|_| *rng.pick(Seniority::ALL))
            .collect();
    }
    if some(rng) {
        request.country = Some(rng.pick(&["DE", "us", "BR", "IN", "GB", "JP"]).to_string());
        request.include_unknown_eligibility = rng.chance(50);
    }
    if some(rng) {
        request.utc_offset_minutes = Some((rng.below(25) as i16 - 12) * 60);
    }
    if some(rng) {
        request.min_salary_usd = Some(40_000 + 10_000 * rng.below(20) as u64);
        request.include_no_salary = rng.chance(50);
    }
    if some(rng) {
        request.employment_types = vec![*rng.pick(&EmploymentType::ALL)];
    }
    if some(rng) {
        request.workplaces = (0..=rng.below(2))
            .map(|_| *rng.pick(&WorkplaceType::ALL))
            .collect();
    }
    if some(rng) {
        request.posted_within_days = Some(rng.below(40) as u32);
    }
    if some(rng) {
        request.skills = (0..=rng.below(1))
            .map(|_| rng.pick(corpus::SKILLS).to_string())
            .collect();
    }
    if some(rng) {
        request.companies = vec![rng.pick(listings).company.name.clone()];
    }
    if some(rng) {
        request.exclude_companies = vec![rng.pick(listings).company.name.clone()];
    }
    if some(rng) {
        request.exclude_keywords = vec![rng.pick(&["kafka", "java", "Sales"]).to_string()];
    }
    if some(rng) {
        request.sources = vec![*rng.pick(&SourceKind::ALL)];
    }
    request.sort = *rng.pick(&[SortOrder::Relevance, SortOrder::Newest, SortOrder::Salary]);
    request
}

#[test]
fn filters_and_facet_counts_agree_with_the_reference() {
    let vocabulary = Vocabulary::from_fixtures();
    let listings = corpus::generate(&vocabulary, 800, 42);
    let (_dir, index) = build(&listings);
    assert_eq!(index.num_listings(), 800);
    let reference = candidates(&listings);
    let now = Some(corpus::base_time());
    let table = [
        SearchRequest::default(),
        SearchRequest {
            families: vec![TitleFamily::ApiEngineer, TitleFamily::BackendEngineer],
            ..Default::default()
        },
        SearchRequest {
            seniorities: vec![Seniority::Senior],
            ..Default::default()
        },
        SearchRequest {
            country: Some("DE".into()),
            ..Default::default()
        },
        SearchRequest {
            country: Some("DE".into()),
            include_unknown_eligibility: true,
            ..Default::default()
        },
        SearchRequest {
            utc_offset_minutes: Some(60),
            ..Default::default()
        },
        SearchRequest {
            min_salary_usd: Some(120_000),
            ..Default::default()
        },
        SearchRequest {
            min_salary_usd: Some(120_000),
            include_no_salary: true,
            ..Default::default()
        },
        SearchRequest {
            employment_types: vec![EmploymentType::Contract],
            ..Default::default()
        },
        SearchRequest {
            workplaces: vec![WorkplaceType::Remote, WorkplaceType::Hybrid],
            ..Default::default()
        },
        SearchRequest {
            posted_within_days: Some(7),
            ..Default::default()
        },
        SearchRequest {
            skills: vec!["kafka".into(), "go".into()],
            ..Default::default()
        },
        SearchRequest {
            companies: vec![listings[0].company.name.clone()],
            ..Default::default()
        },
        SearchRequest {
            exclude_companies: vec![listings[0].company.name.clone()],
            ..Default::default()
        },
        SearchRequest {
            exclude_keywords: vec!["kafka".into()],
            ..Default::default()
        },
        SearchRequest {
            sources: vec![SourceKind::Lever, SourceKind::RemoteOk],
            ..Default::default()
        },
        SearchRequest {
            query: "kafka".into(),
            sort: SortOrder::Salary,
            ..Default::default()
        },
        SearchRequest {
            query: "-kafka".into(),
            ..Default::default()
        },
    ];
    for request in table {
        check_against_reference(
            &index,
            &reference,
            &SearchRequest {
                now,
                per_page: 100,
                ..request
            },
        );
    }
    let mut rng = Rng::new(7);
    for _ in 0..250 {
        let request = random_request(&mut rng, &listings);
        check_against_reference(&index, &reference, &request);
    }
}

#[test]
fn pages_sorts_and_cards_are_consistent() {
    let vocabulary = Vocabulary::from_fixtures();
    let listings = corpus::generate(&vocabulary, 300, 3);
    let (_dir, index) = build(&listings);
    let by_id: BTreeMap<&str, &Listing> = listings.iter().map(|l| (l.id.as_str(), l)).collect();
    let request = |sort, page| SearchRequest {
        sort,
        page,
        per_page: 40,
        ..SearchRequest::default()
    };

    let mut seen = BTreeSet::new();
    let mut previous_recency = i64::MAX;
    for page in 1..=8 {
        let response = index.search(&request(SortOrder::Newest, page)).unwrap();
        assert_eq!(response.total, 300);
        for hit in &response.hits {
            assert!(seen.insert(hit.id.clone()), "{} on two pages", hit.id);
            let recency = recency_seconds(by_id[hit.id.as_str()]);
            assert!(recency <= previous_recency, "newest first");
            previous_recency = recency;
        }
    }
    assert_eq!(seen.len(), 300);

    // The empty request's pages are slices of an order computed once per generation; a filter that
    // keeps everything takes the ranking pass instead, and the two must agree page for page.
    let ids = |response: SearchResponse| -> Vec<String> {
        response
            .hits
            .into_iter()
            .map(|h| h.id.to_string())
            .collect()
    };
    for sort in [SortOrder::Newest, SortOrder::Salary, SortOrder::Relevance] {
        for page in [1, 2, 8] {
            let sliced = index.search(&request(sort, page)).unwrap();
            let ranked = index
                .search(&SearchRequest {
                    posted_within_days: Some(100_000),
                    ..request(sort, page)
                })
                .unwrap();
            assert_eq!(ranked.total, 300);
            assert_eq!(sliced.total, 300);
            assert_eq!(ids(sliced), ids(ranked), "{sort:?}, page {page}");
        }
    }

    let salaries: Vec<u64> = index
        .search(&request(SortOrder::Salary, 1))
        .unwrap()
        .hits
        .iter()
        .map(|h| salary_reach(h.salary.as_ref()).unwrap_or(0))
        .collect();
    assert!(salaries.windows(2).all(|w| w[0] >= w[1]), "{salaries:?}");

    let far_page = index
        .search(&request(SortOrder::Relevance, u32::MAX))
        .unwrap();
    assert_eq!((far_page.total, far_page.hits.len()), (300, 0));

    let hit = &index.search(&request(SortOrder::Newest, 1)).unwrap().hits[0];
    let listing = by_id[hit.id.as_str()];
    assert_eq!(hit.title, listing.title);
    assert_eq!(hit.company, listing.company);
    assert_eq!(hit.salary, listing.salary);
    let other_sources: BTreeSet<SourceKind> = listing
        .sightings
        .iter()
        .map(|s| s.source)
        .filter(|&s| s != listing.source)
        .collect();
    assert_eq!(
        hit.also_on
            .iter()
            .map(|l| l.source)
            .collect::<BTreeSet<_>>(),
        other_sources
    );
}

fn titles(response: &SearchResponse) -> Vec<&str> {
    response.hits.iter().map(|h| h.title.as_str()).collect()
}

fn small_board() -> Vec<Listing> {
    let mut kafka = corpus::listing(
        "1",
        "Senior Backend Engineer, Payments API",
        "You will design the payments API gateway and run Kafka consumers in Go. On call one week in six.",
    );
    kafka.skills = vec![prepboard_core::SkillMention {
        skill: "kafka".into(),
        mentions: 1,
        place: prepboard_core::SkillPlace::Body,
    }];
    let mut k8s = corpus::listing(
        "2",
        "Platform Engineer (Kubernetes)",
        "Operate Kubernetes clusters & <Terraform> modules for our API platform.",
    );
    k8s.company.name = "Orbit".into();
    let java = corpus::listing(
        "3",
        "Java API Engineer",
        "Build the gateway for partner APIs in Java and Spring. The API gateway team is small.",
    );
    let mut sre = corpus::listing(
        "4",
        "Site Reliability Engineer",
        "Keep Kubernetes and Postgres healthy; gateway API experience is a plus.",
    );
    sre.family = TitleFamily::DevopsSre;
    vec![kafka, k8s, java, sre]
}

fn text(query: &str) -> SearchRequest {
    SearchRequest {
        query: query.to_owned(),
        ..SearchRequest::default()
    }
}

#[test]
fn text_queries_understand_phrases_exclusions_and_typos() {
    let (_dir, index) = build(&small_board());
    let check = |query: &str, expected: &[&str], corrected: Option<&str>| {
        let response = index.search(&text(query)).unwrap();
        let mut got = titles(&response);
        got.sort_unstable();
        let mut expected = expected.to_vec();
        expected.sort_unstable();
        assert_eq!(got, expected, "results of {query:?}");
        assert_eq!(
            response.corrected_query.as_deref(),
            corrected,
            "correction of {query:?}"
        );
    };
    let all = [
        "Senior Backend Engineer, Payments API",
        "Platform Engineer (Kubernetes)",
        "Java API Engineer",
        "Site Reliability Engineer",
    ];
    check(
        "kuberntes",
        &[
            "Platform Engineer (Kubernetes)",
            "Site Reliability Engineer",
        ],
        Some("kubernetes"),
    );
    check(
        "kubernetes",
        &[
            "Platform Engineer (Kubernetes)",
            "Site Reliability Engineer",
        ],
        None,
    );
    check(
        "\"api gateway\"",
        &["Senior Backend Engineer, Payments API", "Java API Engineer"],
        None,
    );
    check("\"gateway api\"", &["Site Reliability Engineer"], None);
    check(
        "api -java",
        &[
            "Senior Backend Engineer, Payments API",
            "Platform Engineer (Kubernetes)",
            "Site Reliability Engineer",
        ],
        None,
    );
    check(
        "-\"api gateway\"",
        &[
            "Platform Engineer (Kubernetes)",
            "Site Reliability Engineer",
        ],
        None,
    );
    check("kafka go", &["Senior Backend Engineer, Payments API"], None);
    check("orbit", &["Platform Engineer (Kubernetes)"], None);
    check("*", &all, None);
    check("\"\"", &all, None);
    check("title:", &all, None);
    check("salary:[100 TO", &[], None);
    check("cobol", &[], None);

    // Title outweighs description: the Java listing names "Java" in its title.
    let response = index.search(&text("java api")).unwrap();
    assert_eq!(titles(&response), ["Java API Engineer"]);

    let response = index.search(&text("terraform")).unwrap();
    assert_eq!(
        response.hits[0].snippet_html,
        "Operate Kubernetes clusters &amp; &lt;<mark>Terraform</mark>&gt; modules for our API platform"
    );
    let plain = index.search(&SearchRequest::default()).unwrap();
    assert!(
        plain
            .hits
            .iter()
            .all(|h| !h.snippet_html.contains("<mark>"))
    );
}

#[test]
fn similar_finds_related_listings_but_never_itself() {
    let board = small_board();
    let (_dir, index) = build(&board);
    let similar = index.similar(&board[1].id, 3).unwrap();
    assert!(!similar.is_empty());
    assert!(similar.iter().all(|h| h.id != board[1].id));
    assert_eq!(similar[0].title, "Site Reliability Engineer");
    let unknown = ListingId::derive(SourceKind::Lever, "nope");
    assert!(index.similar(&unknown, 3).unwrap().is_empty());

    // The answer is kept per generation: asked again, the same; after a commit that closes the
    // most similar listing, the new generation answers afresh without it.
    assert_eq!(index.similar(&board[1].id, 3).unwrap(), similar);
    let closed = similar[0].id.clone();
    index
        .apply(&[], std::slice::from_ref(&closed), 1_000)
        .unwrap();
    let after = index.similar(&board[1].id, 3).unwrap();
    assert!(
        !after.is_empty() && after.iter().all(|h| h.id != closed),
        "{after:?}"
    );
}

#[test]
fn incremental_apply_matches_a_full_rebuild() {
    let vocabulary = Vocabulary::from_fixtures();
    let initial = corpus::generate(&vocabulary, 400, 11);
    let dir = tempfile::tempdir().unwrap();
    let incremental = SearchIndex::open_or_create(&dir.path().join("a")).unwrap();
    assert_eq!(incremental.watermark(), None);
    incremental.rebuild(initial.iter().cloned(), 100).unwrap();
    assert_eq!(incremental.watermark(), Some(100));

    let mut rng = Rng::new(99);
    let mut final_state: BTreeMap<ListingId, Listing> =
        initial.iter().map(|l| (l.id.clone(), l.clone())).collect();
    let mut upserts = Vec::new();
    for listing in initial.iter().take(60) {
        let mut changed = listing.clone();
        changed.title = format!("{} (Kafka)", changed.title);
        changed.seniority = *rng.pick(Seniority::ALL);
        changed.salary = Some(corpus::yearly_usd(Some(150_000), Some(190_000)));
        upserts.push(changed);
    }
    for listing in initial.iter().skip(60).take(30) {
        let mut closed = listing.clone();
        closed.freshness.closed_at = Some(corpus::base_time());
        upserts.push(closed);
    }
    let fresh = corpus::generate(&vocabulary, 500, 12);
    upserts.extend(fresh.iter().skip(400).cloned());
    let closed_ids: Vec<ListingId> = initial
        .iter()
        .skip(90)
        .take(25)
        .map(|l| l.id.clone())
        .collect();
    for listing in &upserts {
        final_state.insert(listing.id.clone(), listing.clone());
    }
    for id in &closed_ids {
        final_state.remove(id);
    }
    let stats = incremental.apply(&upserts, &closed_ids, 200).unwrap();
    assert_eq!((stats.indexed, stats.removed), (160, 55));
    assert_eq!(incremental.watermark(), Some(200));

    let rebuilt = SearchIndex::open_or_create(&dir.path().join("b")).unwrap();
    let final_listings: Vec<Listing> = final_state.into_values().collect();
    let built = rebuilt
        .rebuild(final_listings.iter().cloned(), 200)
        .unwrap();
    assert_eq!((built.indexed, built.skipped_closed), (445, 30));
    assert_eq!(incremental.num_listings(), rebuilt.num_listings());

    let open: Vec<Listing> = final_listings
        .into_iter()
        .filter(Listing::is_open)
        .collect();
    let reference = candidates(&open);
    let mut rng = Rng::new(5);
    for _ in 0..80 {
        let request = random_request(&mut rng, &open);
        let (a, b) = (
            incremental.search(&request).unwrap(),
            rebuilt.search(&request).unwrap(),
        );
        assert_eq!(a.total, b.total, "{request:?}");
        assert_eq!(a.facets, b.facets, "{request:?}");
        let ids = |r: &SearchResponse| r.hits.iter().map(|h| h.id.clone()).collect::<BTreeSet<_>>();
        if a.total <= 100 {
            assert_eq!(ids(&a), ids(&b), "{request:?}");
        }
        check_against_reference(&incremental, &reference, &request);
    }

    let reopened = SearchIndex::open_following(&dir.path().join("a")).unwrap();
    assert_eq!(reopened.watermark(), Some(200));
    assert_eq!(reopened.num_listings(), 445);
}

#[test]
fn an_interrupted_rebuild_leaves_the_previous_index_serving() {
    let vocabulary = Vocabulary::from_fixtures();
    let listings = corpus::generate(&vocabulary, 200, 1);
    let (dir, index) = build(&listings);
    let root = dir.path().join("index");
    let current_before = std::fs::read_to_string(root.join("CURRENT")).unwrap();
    let before = index.search(&text("engineer")).unwrap();

    let replacement = corpus::generate(&vocabulary, 100, 2);
    let halfway = replacement.into_iter().enumerate().map(|(n, listing)| {
        assert!(n < 50, "the store connection dropped halfway");
        listing
    });
    let outcome = catch_unwind(AssertUnwindSafe(|| index.rebuild(halfway, 8)));
    assert!(outcome.is_err());

    assert_eq!(
        std::fs::read_to_string(root.join("CURRENT")).unwrap(),
        current_before
    );
    assert_eq!(index.search(&text("engineer")).unwrap().total, before.total);
    assert_eq!(index.watermark(), Some(7));
    let reopened = SearchIndex::open_following(&root).unwrap();
    assert_eq!(reopened.num_listings(), 200);
    assert_eq!(
        reopened.search(&text("engineer")).unwrap().total,
        before.total
    );

    // The next rebuild succeeds, serves the new listings and clears the half-built directory, but
    // keeps the generation the follower still serves.
    let served_before = reopened.generation_number();
    let stats = index.rebuild(listings.iter().take(10).cloned(), 9).unwrap();
    assert_eq!(index.num_listings(), 10);
    let generation_dirs = || -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&root)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|name| name.starts_with("gen-") && !name.ends_with(".lock"))
            .collect();
        names.sort();
        names
    };
    let mut expected = vec![
        format!("gen-{served_before}"),
        format!("gen-{}", stats.generation),
    ];
    expected.sort();
    assert_eq!(generation_dirs(), expected);
    // The follower switches when it follows; the owner's next commit then sweeps the old one.
    assert_eq!(reopened.num_listings(), 200);
    assert!(reopened.follow().unwrap());
    assert_eq!(
        (reopened.num_listings(), reopened.watermark()),
        (10, Some(9))
    );
    index.apply(&[], &[], 10).unwrap();
    assert_eq!(generation_dirs(), [format!("gen-{}", stats.generation)]);
}

#[test]
fn an_index_of_another_schema_asks_for_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("index");
    let old = root.join("gen-1");
    std::fs::create_dir_all(&old).unwrap();
    let mut builder = tantivy::schema::Schema::builder();
    builder.add_text_field("title", tantivy::schema::TEXT);
    let old_index = tantivy::Index::create_in_dir(&old, builder.build()).unwrap();
    let mut writer: tantivy::IndexWriter = old_index.writer(15_000_000).unwrap();
    writer.commit().unwrap();
    drop(writer);
    std::fs::write(root.join("CURRENT"), "gen-1\n").unwrap();

    let index = SearchIndex::open_or_create(&root).unwrap();
    assert!(index.needs_rebuild());
    assert!(matches!(
        index.search(&SearchRequest::default()),
        Err(IndexError::NeedsRebuild { .. })
    ));
    index.rebuild(small_board(), 3).unwrap();
    assert!(!index.needs_rebuild());
    assert_eq!(index.search(&SearchRequest::default()).unwrap().total, 4);
}

#[test]
fn country_filter_reads_regions_and_worldwide() {
    let mut board = small_board();
    board[0].eligibility.scope = EligibilityScope::Restricted;
    board[0].eligibility.regions = vec![Region::Eu];
    board[1].eligibility.scope = EligibilityScope::Restricted;
    board[1].eligibility.countries = vec!["US".into()];
    board[2].eligibility.scope = EligibilityScope::Unknown;
    let (_dir, index) = build(&board);
    let check = |country: &str, include_unknown: bool, expected: usize| {
        let request = SearchRequest {
            country: Some(country.into()),
            include_unknown_eligibility: include_unknown,
            ..SearchRequest::default()
        };
        assert_eq!(
            index.search(&request).unwrap().total,
            expected as u64,
            "{country} {include_unknown}"
        );
    };
    check("DE", false, 2);
    check("de", true, 3);
    check("US", false, 2);
    check("JP", false, 1);
    check("JP", true, 2);
}

mod random_text {
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn shared() -> &'static (tempfile::TempDir, SearchIndex) {
        static INDEX: OnceLock<(tempfile::TempDir, SearchIndex)> = OnceLock::new();
        INDEX.get_or_init(|| build(&small_board()))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 10_000, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn random_query_text_never_fails(query in prop_oneof![
            "[a-zA-Z0-9 \"*:\\-\\[\\]{}()~^+!&|/\\\\.?']{0,40}",
            "\\PC{0,30}",
        ]) {
            let (_dir, index) = shared();
            let request = SearchRequest { query, exclude_keywords: vec!["\"".into(), "-".into()], ..SearchRequest::default() };
            let response = index.search(&request);
            prop_assert!(response.is_ok(), "{:?}", response.err());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The remote-first default view.

/// With both toggles off, a search keeps remote (or remote-or-office) engineering listings only:
/// the same hits as the explicit filters that view stands for, whichever plan answers it (the
/// cached front page, text, other filters, sorts, pages), and hidden counts that add up to what
/// each toggle brings back.
#[test]
fn remote_first_view_is_its_explicit_filters_and_counts_what_it_hides() {
    let vocabulary = Vocabulary::from_fixtures();
    let listings = corpus::generate(&vocabulary, 600, 11);
    let (_dir, index) = build(&listings);
    let remote_first: Vec<WorkplaceType> = WorkplaceType::ALL
        .into_iter()
        .filter(|w| w.is_remote_first())
        .collect();
    let engineering: Vec<TitleFamily> = TitleFamily::ALL
        .iter()
        .copied()
        .filter(|&f| f != TitleFamily::NonEngineering)
        .collect();
    let everything = |request: SearchRequest| SearchRequest {
        include_office: true,
        include_non_engineering: true,
        ..request
    };
    let word = listings[0]
        .title
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    let bases = [
        SearchRequest::default(),
        SearchRequest {
            query: word.clone(),
            ..SearchRequest::default()
        },
        SearchRequest {
            sort: SortOrder::Salary,
            page: 2,
            ..SearchRequest::default()
        },
        SearchRequest {
            seniorities: vec![Seniority::Senior],
            ..SearchRequest::default()
        },
        SearchRequest {
            country: Some("DE".into()),
            query: word,
            ..SearchRequest::default()
        },
    ];
    for base in bases {
        let view = SearchRequest {
            include_office: false,
            include_non_engineering: false,
            ..base.clone()
        };
        let explicit = everything(SearchRequest {
            workplaces: remote_first.clone(),
            families: engineering.clone(),
            ..base.clone()
        });
        let got = index.search(&view).unwrap();
        let want = index.search(&explicit).unwrap();
        assert_eq!(got.total, want.total, "{view:?}");
        let ids = |r: &SearchResponse| r.hits.iter().map(|h| h.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&got), ids(&want), "{view:?}");
        assert!(
            got.hits
                .iter()
                .all(|h| h.workplace.is_remote_first() && h.family != TitleFamily::NonEngineering)
        );

        let with_office = index
            .search(&SearchRequest {
                include_office: true,
                ..view.clone()
            })
            .unwrap();
        let with_roles = index
            .search(&SearchRequest {
                include_non_engineering: true,
                ..view.clone()
            })
            .unwrap();
        assert_eq!(
            got.facets.hidden.office,
            with_office.total - got.total,
            "{view:?}"
        );
        assert_eq!(
            got.facets.hidden.non_engineering,
            with_roles.total - got.total,
            "{view:?}"
        );
        assert!(got.facets.hidden.office > 0 || base != SearchRequest::default());
        let wide = index.search(&everything(base.clone())).unwrap();
        assert_eq!(wide.facets.hidden, Default::default());
    }
    // An explicit workplace filter replaces the default: on-site jobs when asked for.
    let onsite = index
        .search(&SearchRequest {
            workplaces: vec![WorkplaceType::Onsite],
            include_office: false,
            include_non_engineering: false,
            ..SearchRequest::default()
        })
        .unwrap();
    assert!(onsite.total > 0);
    assert!(
        onsite
            .hits
            .iter()
            .all(|h| h.workplace == WorkplaceType::Onsite)
    );
}
