//! The search query string: one parser shared by `/`, `/api/v1/jobs`, `/api/v1/facets`, `/prep`
//! and `/feed.atom`, so every search is the same link everywhere.
//!
//! Parsing never fails. Unknown parameters and unknown values (a family that does not exist, a
//! country that is not two letters) are dropped; malformed numbers are reported as
//! [`ParamProblem`]s, which pages ignore and the API turns into a 400 envelope. What survives is kept
//! as canonical `(name, value)` pairs, from which links that add or remove one filter are built.

use prepboard_core::search::{SearchRequest, SortOrder};
use prepboard_core::{EmploymentType, Seniority, SourceKind, TitleFamily, WorkplaceType};
use url::form_urlencoded;

/// Deep pages cost the index `page × per_page` collected documents; nobody reads page 500.
pub const MAX_PAGE: u32 = 500;

/// Longest query text kept; longer text is cut at a character boundary.
const MAX_QUERY_CHARS: usize = 500;

/// Most values kept for one repeated parameter, so a hostile URL cannot build a huge query.
const MAX_VALUES_PER_PARAM: usize = 32;

/// A number that could not be read, named by its parameter.
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

/// The parameters the search understands, in the order canonical links list them.
const PARAM_ORDER: &[&str] = &[
    "q",
    "family",
    "seniority",
    "country",
    "include_unknown",
    "utc",
    "min_salary",
    "include_no_salary",
    "employment",
    "workplace",
    "posted_within",
    "skill",
    "company",
    "exclude_company",
    "exclude",
    "source",
    "sort",
    "per_page",
    "page",
];

impl SearchQuery {
    /// Reads a raw query string (without the `?`). Never fails; see the module docs.
    pub fn parse(raw: Option<&str>) -> (SearchQuery, Vec<ParamProblem>) {
        let mut request = SearchRequest::default();
        let mut pairs: Vec<(&'static str, String)> = Vec::new();
        let mut problems = Vec::new();
        let raw = raw.unwrap_or("");
        for (name, value) in form_urlencoded::parse(raw.as_bytes()) {
            let Some(name) = PARAM_ORDER.iter().copied().find(|known| *known == name) else {
                continue;
            };
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            if pairs.iter().filter(|(n, _)| *n == name).count() >= MAX_VALUES_PER_PARAM {
                continue;
            }
            match apply(&mut request, name, value) {
                Ok(Some(canonical)) => {
                    if !is_repeatable(name) {
                        pairs.retain(|(n, _)| *n != name);
                    }
                    if !pairs.iter().any(|(n, v)| *n == name && *v == canonical) {
                        pairs.push((name, canonical));
                    }
                }
                Ok(None) => {}
                Err(reason) => problems.push(ParamProblem {
                    param: name,
                    reason,
                }),
            }
        }
        pairs.sort_by_key(|(name, _)| PARAM_ORDER.iter().position(|known| known == name));
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
        let mut pairs: Vec<(&str, &str)> = self
            .pairs
            .iter()
            .filter(|(name, v)| {
                let replaced = *name == param && (!is_repeatable(name) || v == value);
                *name != "page" && !replaced
            })
            .map(|(n, v)| (*n, v.as_str()))
            .collect();
        pairs.push((param, value));
        pairs.sort_by_key(|(name, _)| PARAM_ORDER.iter().position(|known| known == name));
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
    pub fn active_filters(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.pairs
            .iter()
            .filter(|(name, _)| !matches!(*name, "q" | "sort" | "page" | "per_page"))
            .map(|(n, v)| (*n, v.as_str()))
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

fn encode<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for (name, value) in pairs {
        serializer.append_pair(name, value);
    }
    serializer.finish()
}

fn is_repeatable(name: &str) -> bool {
    matches!(
        name,
        "family"
            | "seniority"
            | "employment"
            | "workplace"
            | "skill"
            | "company"
            | "exclude_company"
            | "exclude"
            | "source"
    )
}

/// Applies one parameter to the request. `Ok(Some(v))` keeps `v` as the canonical value,
/// `Ok(None)` drops an unknown value, `Err` reports a malformed number.
fn apply(request: &mut SearchRequest, name: &str, value: &str) -> Result<Option<String>, String> {
    let kept = match name {
        "q" => {
            let text: String = value.chars().take(MAX_QUERY_CHARS).collect();
            request.query = text.clone();
            Some(text)
        }
        "family" => TitleFamily::from_slug(value).map(|family| {
            push_unique(&mut request.families, family);
            family.slug().to_owned()
        }),
        "seniority" => Seniority::from_slug(value).map(|level| {
            push_unique(&mut request.seniorities, level);
            level.slug().to_owned()
        }),
        "employment" => EmploymentType::from_slug(value).map(|kind| {
            push_unique(&mut request.employment_types, kind);
            kind.slug().to_owned()
        }),
        "workplace" => WorkplaceType::from_slug(value).map(|kind| {
            push_unique(&mut request.workplaces, kind);
            kind.slug().to_owned()
        }),
        "source" => SourceKind::from_slug(value).map(|kind| {
            push_unique(&mut request.sources, kind);
            kind.slug().to_owned()
        }),
        "country" => {
            (value.len() == 2 && value.bytes().all(|b| b.is_ascii_alphabetic())).then(|| {
                let code = value.to_ascii_uppercase();
                request.country = Some(code.clone());
                code
            })
        }
        "include_unknown" => parse_flag(value).map(|on| {
            request.include_unknown_eligibility = on;
            flag_text(on)
        }),
        "include_no_salary" => parse_flag(value).map(|on| {
            request.include_no_salary = on;
            flag_text(on)
        }),
        "utc" => {
            let minutes = parse_utc_offset(value)
                .ok_or_else(|| format!("`{value}` is not a UTC offset such as -3, +5:30 or 0"))?;
            request.utc_offset_minutes = Some(minutes);
            Some(format_utc_offset(minutes))
        }
        "min_salary" => {
            let amount = parse_salary(value).ok_or_else(|| {
                format!("`{value}` is not a yearly amount in US dollars such as 120000 or 120k")
            })?;
            request.min_salary_usd = Some(amount);
            Some(amount.to_string())
        }
        "posted_within" => {
            let days = parse_number(value, 1, 3650, "a number of days")?;
            request.posted_within_days = Some(days);
            Some(days.to_string())
        }
        "skill" => is_slug_like(value).then(|| {
            let skill = value.to_ascii_lowercase();
            push_unique(&mut request.skills, skill.clone());
            skill
        }),
        "company" => {
            let company = bounded_text(value);
            push_unique(&mut request.companies, company.clone());
            Some(company)
        }
        "exclude_company" => {
            let company = bounded_text(value);
            push_unique(&mut request.exclude_companies, company.clone());
            Some(company)
        }
        "exclude" => {
            let word = bounded_text(value);
            push_unique(&mut request.exclude_keywords, word.clone());
            Some(word)
        }
        "sort" => SortOrder::from_slug(value).map(|sort| {
            request.sort = sort;
            sort.slug().to_owned()
        }),
        "page" => {
            let page = parse_number(value, 1, MAX_PAGE, "a page number")?;
            request.page = page;
            (page > 1).then(|| page.to_string())
        }
        "per_page" => {
            let per_page = parse_number(value, 1, SearchRequest::MAX_PER_PAGE, "a page size")?;
            request.per_page = per_page;
            Some(per_page.to_string())
        }
        _ => None,
    };
    Ok(kept)
}

fn push_unique<T: PartialEq>(values: &mut Vec<T>, value: T) {
    if !values.contains(&value) {
        values.push(value);
    }
}

fn bounded_text(value: &str) -> String {
    value.chars().take(200).collect()
}

fn is_slug_like(value: &str) -> bool {
    value.len() <= 64
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'+' | b'#'))
}

fn parse_flag(value: &str) -> Option<bool> {
    match value.to_ascii_lowercase().as_str() {
        "1" | "true" | "on" | "yes" => Some(true),
        "0" | "false" | "off" | "no" => Some(false),
        _ => None,
    }
}

fn flag_text(on: bool) -> String {
    if on { "1" } else { "0" }.to_owned()
}

fn parse_number(value: &str, min: u32, max: u32, what: &str) -> Result<u32, String> {
    value
        .parse::<u32>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| format!("`{value}` is not {what} between {min} and {max}"))
}

/// "120000", "120k", "120,000" or "$120k"; at most 10 million a year.
fn parse_salary(value: &str) -> Option<u64> {
    let cleaned: String = value
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | '$' | ' '))
        .collect::<String>()
        .to_ascii_lowercase();
    let (digits, multiplier) = match cleaned.strip_suffix('k') {
        Some(digits) => (digits, 1_000),
        None => (cleaned.as_str(), 1),
    };
    let amount = digits.parse::<u64>().ok()?.checked_mul(multiplier)?;
    (amount <= 10_000_000).then_some(amount)
}

/// "-3", "+5:30", "5.5", "0", "UTC+2" → minutes east of UTC, within −12:00 … +14:00.
pub fn parse_utc_offset(value: &str) -> Option<i16> {
    let text = value.trim();
    let text = text
        .strip_prefix("UTC")
        .or_else(|| text.strip_prefix("utc"))
        .or_else(|| text.strip_prefix("GMT"))
        .unwrap_or(text)
        .trim();
    let (sign, rest) = match text.as_bytes().first() {
        Some(b'-') => (-1, text.get(1..)?),
        Some(b'+') => (1, text.get(1..)?),
        _ => (1, text),
    };
    let minutes = if let Some((hours, minutes)) = rest.split_once(':') {
        let hours: i32 = hours.parse().ok()?;
        let minutes: i32 = minutes.parse().ok()?;
        if !(0..60).contains(&minutes) {
            return None;
        }
        hours * 60 + minutes
    } else if let Some((hours, fraction)) = rest.split_once('.') {
        let hours: i32 = hours.parse().ok()?;
        let minutes = match fraction {
            "5" | "50" => 30,
            "75" => 45,
            "25" => 15,
            "0" | "00" => 0,
            _ => return None,
        };
        hours * 60 + minutes
    } else {
        rest.parse::<i32>().ok()? * 60
    };
    let minutes = sign * minutes;
    ((-12 * 60)..=(14 * 60))
        .contains(&minutes)
        .then(|| i16::try_from(minutes).ok())
        .flatten()
}

/// Minutes east of UTC as people write it: "+5:30", "-3", "+0".
pub fn format_utc_offset(minutes: i16) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let abs = minutes.unsigned_abs();
    if abs.is_multiple_of(60) {
        format!("{sign}{}", abs / 60)
    } else {
        format!("{sign}{}:{:02}", abs / 60, abs % 60)
    }
}

#[cfg(test)]
mod tests {
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

    #[test]
    fn utc_offsets_round_trip() {
        for minutes in [-720, -180, 0, 60, 330, 345, 840] {
            assert_eq!(parse_utc_offset(&format_utc_offset(minutes)), Some(minutes));
        }
    }
}
