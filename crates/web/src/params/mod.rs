//! The search query string: one parser shared by `/`, `/api/v1/jobs`, `/api/v1/facets`, `/prep`
//! and `/feed.atom`, so every search is the same link everywhere.
//!
//! [`table::PARAMS`] lists every parameter once (its parser, chip label, facet group and API
//! documentation); [`SearchQuery`] reads a query string through it. Parsing never fails. Unknown
//! parameters and unknown values (a family that does not exist, a country that is not two letters)
//! are dropped; malformed numbers are reported as [`ParamProblem`]s, which pages ignore and the API
//! turns into a 400 envelope (and, read strictly, every value the OpenAPI document does not
//! allow). What survives is kept as canonical `(name, value)` pairs, from which
//! links that add or remove one filter are built.

mod labels;
pub(crate) mod table;
mod values;

use prepboard_core::search::SearchRequest;
use url::form_urlencoded;

use std::sync::LazyLock;

use regex::Regex;

pub use crate::view::format_utc_offset;
pub(crate) use labels::COUNTRIES_BY_NAME;
pub use labels::Labels;
pub use table::MAX_PAGE;
pub(crate) use table::{FacetSpec, PARAMS, Param, Role};
pub use values::SearchDefaults;
pub(crate) use values::ValueKind;
pub use values::parse_utc_offset;

/// Most values kept for one repeated parameter, so a hostile URL cannot build a huge query.
pub(crate) const MAX_VALUES_PER_PARAM: usize = 32;

/// A value that could not be read, named by its parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamProblem {
    pub param: &'static str,
    pub reason: String,
}

/// A parsed search: the request for the index and the canonical pairs it was built from.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchQuery {
    pub request: SearchRequest,
    pairs: Vec<(&'static str, String)>,
}

impl SearchQuery {
    /// Reads a raw query string (without the `?`) as a page does, from the built-in defaults.
    /// Never fails; see the module docs.
    pub fn parse(raw: Option<&str>) -> (SearchQuery, Vec<ParamProblem>) {
        SearchQuery::parse_with(raw, &SearchDefaults::default(), Strictness::Lenient)
    }

    /// Reads a raw query string from the operator's `defaults`. `Lenient` (pages, the feed)
    /// trims values, skips empty ones, cuts long text and reports only what cannot be read at
    /// all; `Strict` (the API) also reports every value the OpenAPI document does not allow.
    pub fn parse_with(
        raw: Option<&str>,
        defaults: &SearchDefaults,
        strictness: Strictness,
    ) -> (SearchQuery, Vec<ParamProblem>) {
        let strict = strictness == Strictness::Strict;
        let mut request = defaults.request();
        let mut pairs: Vec<(&'static str, String)> = Vec::new();
        let mut problems = Vec::new();
        let mut given: Vec<&'static str> = Vec::new();
        let raw = raw.unwrap_or("");
        for (name, value) in form_urlencoded::parse(raw.as_bytes()) {
            let Some(param) = table::param(&name) else {
                continue;
            };
            given.push(param.name);
            if strict {
                let count = given.iter().filter(|n| **n == param.name).count();
                let problem = if param.repeatable && count > MAX_VALUES_PER_PARAM {
                    Some(format!("more than {MAX_VALUES_PER_PARAM} values"))
                } else {
                    check(param, &value).err()
                };
                if let Some(reason) = problem {
                    problems.push(ParamProblem {
                        param: param.name,
                        reason,
                    });
                    continue;
                }
            }
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            if pairs.iter().filter(|(n, _)| *n == param.name).count() >= MAX_VALUES_PER_PARAM {
                continue;
            }
            match (param.read)(&mut request, value) {
                Ok(Some(canonical)) => {
                    if !param.repeatable {
                        pairs.retain(|(n, _)| *n != param.name);
                    }
                    // A view toggle set to the operator's default is no toggle at all: links
                    // stay the same whatever the default.
                    let is_default = param.role == Role::View
                        && (param.default)(defaults).as_ref().and_then(|v| v.as_str())
                            == Some(canonical.as_str());
                    if !is_default
                        && !pairs
                            .iter()
                            .any(|(n, v)| *n == param.name && *v == canonical)
                    {
                        pairs.push((param.name, canonical));
                    }
                }
                Ok(None) => {}
                Err(reason) => problems.push(ParamProblem {
                    param: param.name,
                    reason,
                }),
            }
        }
        pairs.sort_by_key(|(name, _)| table::position(name));
        (SearchQuery { request, pairs }, problems)
    }

    /// The canonical query string (no `?`), empty for the default search.
    pub fn query_string(&self) -> String {
        encode(self.pairs.iter().map(|(n, v)| (*n, v.as_str())))
    }

    /// The query string of this search without the pagination, for facet and filter links.
    pub fn without_page(&self) -> String {
        self.filtered(|name, _| name != "page")
    }

    /// The query string with one filter value removed (a chip's link); the page resets.
    pub fn without(&self, param: &str, value: &str) -> String {
        self.filtered(|name, v| name != "page" && !(name == param && v == value))
    }

    /// The query string with one more value of `param` (a facet's link); the page resets.
    pub fn with(&self, param: &'static str, value: &str) -> String {
        let repeatable = table::param(param).is_some_and(|p| p.repeatable);
        let mut pairs: Vec<(&str, &str)> = self
            .pairs
            .iter()
            .filter(|(name, v)| {
                let replaced = *name == param && (!repeatable || v == value);
                *name != "page" && !replaced
            })
            .map(|(n, v)| (*n, v.as_str()))
            .collect();
        pairs.push((param, value));
        pairs.sort_by_key(|(name, _)| table::position(name));
        encode(pairs.into_iter())
    }

    /// The query string pointing at another page of results.
    pub fn with_page(&self, page: u32) -> String {
        let mut pairs: Vec<(&str, String)> = self
            .pairs
            .iter()
            .filter(|(name, _)| *name != "page")
            .map(|(n, v)| (*n, v.clone()))
            .collect();
        if page > 1 {
            pairs.push(("page", page.to_string()));
        }
        encode(pairs.iter().map(|(n, v)| (*n, v.as_str())))
    }

    /// Whether `param` currently holds `value`.
    pub fn has(&self, param: &str, value: &str) -> bool {
        self.pairs.iter().any(|(n, v)| *n == param && v == value)
    }

    /// The current value of a single-valued parameter.
    pub fn value(&self, param: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(n, _)| *n == param)
            .map(|(_, v)| v.as_str())
    }

    /// Every canonical (param, value) pair, in link order.
    pub fn pairs(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.pairs.iter().map(|(n, v)| (*n, v.as_str()))
    }

    /// Every (param, value) pair that narrows the search: what chips show. Text, sort and paging excluded.
    pub(crate) fn active_filters(&self) -> impl Iterator<Item = (&'static Param, &str)> {
        self.pairs.iter().filter_map(|(name, value)| {
            table::param(name)
                .filter(|param| matches!(param.role, Role::Filter | Role::View))
                .map(|param| (param, value.as_str()))
        })
    }

    /// The pairs a form must carry as hidden inputs when it does not show `shown` itself; the
    /// page always resets.
    pub(crate) fn hidden_inputs(&self, shown: &[Role]) -> Vec<(&'static str, String)> {
        self.pairs
            .iter()
            .filter(|(name, _)| {
                *name != "page" && table::param(name).is_some_and(|p| !shown.contains(&p.role))
            })
            .map(|(n, v)| (*n, v.clone()))
            .collect()
    }

    /// What the search is, in words: "“api” · API engineer · Open to Germany".
    pub fn describe(&self, labels: &Labels<'_>) -> String {
        let mut parts = Vec::new();
        if !self.request.query.is_empty() {
            parts.push(format!("“{}”", self.request.query));
        }
        parts.extend(
            self.active_filters()
                .map(|(param, value)| chip_label(param, value, labels)),
        );
        parts.join(" · ")
    }

    fn filtered(&self, keep: impl Fn(&str, &str) -> bool) -> String {
        encode(
            self.pairs
                .iter()
                .filter(|(n, v)| keep(n, v))
                .map(|(n, v)| (*n, v.as_str())),
        )
    }
}

/// How a query string is read: see [`SearchQuery::parse_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    Lenient,
    Strict,
}

/// Whether `value`, as given, is one the OpenAPI document allows for `param`.
fn check(param: &Param, value: &str) -> Result<(), String> {
    let shown = shown(value);
    match param.value {
        ValueKind::Text { max_chars } => {
            let chars = value.chars().count();
            if chars <= max_chars {
                Ok(())
            } else {
                Err(format!("{chars} characters long; at most {max_chars}"))
            }
        }
        ValueKind::OneOf(values) => {
            let values = values();
            if values.contains(&value) {
                Ok(())
            } else {
                Err(format!("`{shown}` is not one of {}", values.join(", ")))
            }
        }
        // The range is `read`'s to check, with the words pages and the API have always used.
        ValueKind::Integer { .. } => {
            if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
                Ok(())
            } else {
                Err(format!("`{shown}` is not a whole number"))
            }
        }
        ValueKind::Pattern { pattern, form } => {
            if pattern_matches(pattern, value) {
                Ok(())
            } else {
                Err(format!("`{shown}` is not {form}"))
            }
        }
    }
}

/// A value as an error message quotes it: at most 40 characters.
fn shown(value: &str) -> String {
    let mut chars = value.chars();
    let head: String = chars.by_ref().take(40).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// The table's patterns, compiled once.
static PATTERNS: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    PARAMS
        .iter()
        .filter_map(|param| match param.value {
            ValueKind::Pattern { pattern, .. } => Some((
                pattern,
                Regex::new(pattern).expect("the parameter table's patterns are valid (tested)"),
            )),
            _ => None,
        })
        .collect()
});

fn pattern_matches(pattern: &str, value: &str) -> bool {
    PATTERNS
        .iter()
        .find(|(known, _)| *known == pattern)
        .is_some_and(|(_, regex)| regex.is_match(value))
}

/// The words for one active filter, as a chip or in a feed title.
pub(crate) fn chip_label(param: &Param, value: &str, labels: &Labels<'_>) -> String {
    match param.chip {
        Some(label) => label(value, labels),
        None => value.to_owned(),
    }
}

fn encode<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for (name, value) in pairs {
        serializer.append_pair(name, value);
    }
    serializer.finish()
}

#[cfg(test)]
mod tests {
    use prepboard_core::search::SortOrder;
    use prepboard_core::{EmploymentType, SourceKind, TitleFamily, WorkplaceType};

    use super::*;

    /// Parses `raw` and compares the canonical query string and the problem parameters.
    fn check(raw: &str, canonical: &str, problem_params: &[&str]) {
        let (query, problems) = SearchQuery::parse(Some(raw));
        assert_eq!(query.query_string(), canonical, "canonical form of {raw:?}");
        let params: Vec<&str> = problems.iter().map(|p| p.param).collect();
        assert_eq!(params, problem_params, "problems of {raw:?}");
    }

    #[test]
    fn query_strings_parse_to_canonical_links() {
        check("", "", &[]);
        check("q=rust+api", "q=rust+api", &[]);
        check(
            "family=api-engineer&family=nope",
            "family=api-engineer",
            &[],
        );
        check(
            "family=backend-engineer&family=api-engineer&family=api-engineer",
            "family=backend-engineer&family=api-engineer",
            &[],
        );
        check("page=2&q=go", "q=go&page=2", &[]);
        check("page=1", "", &[]);
        check("page=0", "", &["page"]);
        check("page=99999999999", "", &["page"]);
        check("per_page=500", "", &["per_page"]);
        check("min_salary=120k", "min_salary=120000", &[]);
        check("min_salary=%24120%2C000", "min_salary=120000", &[]);
        check("min_salary=lots", "", &["min_salary"]);
        check("min_salary=", "", &[]);
        check(
            "country=de&include_unknown=on",
            "country=DE&include_unknown=1",
            &[],
        );
        check("country=Germany", "", &[]);
        check("utc=5.5", "utc=%2B5%3A30", &[]);
        check("utc=-3", "utc=-3", &[]);
        check("utc=UTC%2B2", "utc=%2B2", &[]);
        check("utc=+99", "", &["utc"]);
        check("sort=salary&sort=bogus", "sort=salary", &[]);
        check("skill=kafka&skill=%3Cscript%3E", "skill=kafka", &[]);
        check("posted_within=7", "posted_within=7", &[]);
        check("posted_within=-1", "", &["posted_within"]);
        check("unknown=1&q=%00x", "q=%00x", &[]);
        check("q=%E2%80%A6%ZZ", "q=%E2%80%A6%25ZZ", &[]);
        check(
            "exclude_company=Acme&exclude_company=Acme",
            "exclude_company=Acme",
            &[],
        );
    }

    #[test]
    fn requests_carry_the_parsed_filters() {
        let (query, _) = SearchQuery::parse(Some(
            "q=api&family=api-engineer&country=de&include_unknown=1&utc=%2B1&min_salary=100k&include_no_salary=1&employment=full_time&workplace=remote&posted_within=30&skill=kafka&exclude_company=Acme&source=remoteok&sort=newest&page=3&per_page=10",
        ));
        let request = &query.request;
        assert_eq!(request.query, "api");
        assert_eq!(request.families, vec![TitleFamily::ApiEngineer]);
        assert_eq!(request.country.as_deref(), Some("DE"));
        assert!(request.include_unknown_eligibility);
        assert_eq!(request.utc_offset_minutes, Some(60));
        assert_eq!(request.min_salary_usd, Some(100_000));
        assert!(request.include_no_salary);
        assert_eq!(request.employment_types, vec![EmploymentType::FullTime]);
        assert_eq!(request.workplaces, vec![WorkplaceType::Remote]);
        assert_eq!(request.posted_within_days, Some(30));
        assert_eq!(request.skills, vec!["kafka".to_owned()]);
        assert_eq!(request.exclude_companies, vec!["Acme".to_owned()]);
        assert_eq!(request.sources, vec![SourceKind::RemoteOk]);
        assert_eq!(request.sort, SortOrder::Newest);
        assert_eq!((request.page, request.per_page), (3, 10));
    }

    #[test]
    fn links_add_and_remove_one_filter_and_reset_the_page() {
        let (query, _) = SearchQuery::parse(Some("q=api&family=api-engineer&page=4"));
        assert_eq!(query.without("family", "api-engineer"), "q=api");
        assert_eq!(
            query.with("family", "backend-engineer"),
            "q=api&family=api-engineer&family=backend-engineer"
        );
        assert_eq!(
            query.with("sort", "newest"),
            "q=api&family=api-engineer&sort=newest"
        );
        assert_eq!(query.with_page(5), "q=api&family=api-engineer&page=5");
        assert_eq!(query.with_page(1), "q=api&family=api-engineer");
        let (sorted, _) = SearchQuery::parse(Some("sort=newest"));
        assert_eq!(sorted.with("sort", "salary"), "sort=salary");
    }

    fn check_strict(raw: &str, problem_params: &[&str]) {
        let (_, problems) =
            SearchQuery::parse_with(Some(raw), &SearchDefaults::default(), Strictness::Strict);
        let params: Vec<&str> = problems.iter().map(|p| p.param).collect();
        assert_eq!(params, problem_params, "strict problems of {raw:?}");
    }

    #[test]
    fn strict_reading_refuses_what_the_document_does_not_allow() {
        check_strict("sort=bogus", &["sort"]);
        check_strict("sort=newest", &[]);
        check_strict("family=nope&family=api-engineer", &["family"]);
        check_strict("country=Germany", &["country"]);
        check_strict("country=de", &[]);
        check_strict("utc=%2B5%3A30&min_salary=120k", &[]);
        check_strict("utc=%2B14%3A30", &["utc"]);
        check_strict("min_salary=", &[]);
        check_strict("workplace=", &["workplace"]);
        check_strict("include_office=TRUE", &["include_office"]);
        check_strict("page=%2B2", &["page"]);
        check_strict("skill=c%2B%2B&skill=c%23", &[]);
        check_strict(&format!("q={}", "a".repeat(501)), &["q"]);
        check_strict(&format!("q={}", "é".repeat(500)), &[]);
        check_strict(&"source=lever&".repeat(33), &["source"]);
    }

    #[test]
    fn the_patterns_compile_and_view_defaults_stay_out_of_links() {
        assert_eq!(
            PATTERNS.len(),
            PARAMS
                .iter()
                .filter(|p| matches!(p.value, ValueKind::Pattern { .. }))
                .count()
        );
        let defaults = SearchDefaults {
            include_office: true,
            include_non_engineering: false,
        };
        let (query, _) = SearchQuery::parse_with(
            Some("include_office=1&include_non_engineering=1"),
            &defaults,
            Strictness::Lenient,
        );
        assert_eq!(query.query_string(), "include_non_engineering=1");
        assert!(query.request.include_office && query.request.include_non_engineering);
        let (query, _) =
            SearchQuery::parse_with(Some("include_office=0"), &defaults, Strictness::Lenient);
        assert_eq!(query.query_string(), "include_office=0");
        assert!(!query.request.include_office);
    }
}
