//! The search query string: one parser shared by `/`, `/api/v1/jobs`, `/api/v1/facets`, `/prep`
//! and `/feed.atom`, so every search is the same link everywhere.
//!
//! [`table::PARAMS`] lists every parameter once (its parser, chip label, facet group and API
//! documentation); [`SearchQuery`] reads a query string through it. Parsing never fails. Unknown
//! parameters and unknown values (a family that does not exist, a country that is not two letters)
//! are dropped; malformed numbers are reported as [`ParamProblem`]s, which pages ignore and the API
//! turns into a 400 envelope. What survives is kept as canonical `(name, value)` pairs, from which
//! links that add or remove one filter are built.

mod labels;
pub(crate) mod table;
mod values;

use prepboard_core::search::SearchRequest;
use url::form_urlencoded;

pub(crate) use labels::COUNTRIES_BY_NAME;
pub use labels::Labels;
pub use table::MAX_PAGE;
pub(crate) use table::{FacetSpec, Param, Role};
pub use values::{format_utc_offset, parse_utc_offset};

/// Most values kept for one repeated parameter, so a hostile URL cannot build a huge query.
const MAX_VALUES_PER_PARAM: usize = 32;

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
    /// Reads a raw query string (without the `?`). Never fails; see the module docs.
    pub fn parse(raw: Option<&str>) -> (SearchQuery, Vec<ParamProblem>) {
        let mut request = SearchRequest::default();
        let mut pairs: Vec<(&'static str, String)> = Vec::new();
        let mut problems = Vec::new();
        let raw = raw.unwrap_or("");
        for (name, value) in form_urlencoded::parse(raw.as_bytes()) {
            let Some(param) = table::param(&name) else {
                continue;
            };
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
                    if !pairs
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
                .filter(|param| param.role == Role::Filter)
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
}
