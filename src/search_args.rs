//! `prepboard search`'s arguments: the site's search filters as flags.

use clap::Args;
use prepboard_core::search::{SearchRequest, SortOrder};
use prepboard_core::{EmploymentType, Seniority, SourceKind, TitleFamily, WorkplaceType};

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words, "quoted phrases" and -exclusions.
    #[arg(default_value = "")]
    query: String,
    /// Title family (repeatable, any of): api-engineer, backend-engineer, …
    #[arg(long = "family", value_name = "FAMILY")]
    families: Vec<TitleFamily>,
    /// Seniority (repeatable, any of): junior, mid, senior, staff, principal, lead, …
    #[arg(long = "seniority", value_name = "LEVEL")]
    seniorities: Vec<Seniority>,
    /// The country you can work from (ISO code such as DE or US).
    #[arg(long)]
    country: Option<String>,
    /// With --country, also show listings whose eligibility is unknown.
    #[arg(long)]
    include_unknown: bool,
    /// Your UTC offset in hours (e.g. -3, 5.5).
    #[arg(long, allow_hyphen_values = true, value_name = "HOURS")]
    utc_offset: Option<f32>,
    /// Minimum yearly salary in USD.
    #[arg(long, value_name = "USD")]
    min_salary: Option<u64>,
    /// With --min-salary, also show listings without a salary.
    #[arg(long)]
    include_no_salary: bool,
    /// Employment type (repeatable): full_time, part_time, contract, internship, temporary.
    #[arg(long = "employment", value_name = "TYPE")]
    employment_types: Vec<EmploymentType>,
    /// Workplace type (repeatable): remote, remote-or-office, hybrid, onsite.
    #[arg(long = "workplace", value_name = "TYPE")]
    workplaces: Vec<WorkplaceType>,
    /// Also show hybrid, on-site and not-stated jobs (the default is remote and remote-or-office).
    #[arg(long)]
    include_office: bool,
    /// Also show non-engineering roles.
    #[arg(long)]
    include_non_engineering: bool,
    /// Posted within this many days.
    #[arg(long, value_name = "DAYS")]
    posted_within: Option<u32>,
    /// Skill the job asks for (repeatable, all of): kafka, go, postgresql, …
    #[arg(long = "skill", value_name = "SKILL")]
    skills: Vec<String>,
    /// Only this company (repeatable).
    #[arg(long = "company", value_name = "NAME")]
    companies: Vec<String>,
    /// Not this company (repeatable).
    #[arg(long = "exclude-company", value_name = "NAME")]
    exclude_companies: Vec<String>,
    /// Drop listings mentioning this word (repeatable).
    #[arg(long = "exclude", value_name = "WORD")]
    exclude_keywords: Vec<String>,
    /// Only this source (repeatable): greenhouse, lever, ashby, we_work_remotely, remotive, remoteok, json_ld.
    #[arg(long = "source", value_name = "SOURCE")]
    sources: Vec<SourceKind>,
    /// relevance, newest or salary.
    #[arg(long, default_value = "relevance")]
    sort: SortOrder,
    #[arg(long, default_value_t = 1)]
    page: u32,
    #[arg(long, default_value_t = 20)]
    per_page: u32,
    /// Print the whole response as JSON.
    #[arg(long)]
    pub json: bool,
}

impl SearchArgs {
    pub fn request(&self) -> SearchRequest {
        SearchRequest {
            query: self.query.clone(),
            families: self.families.clone(),
            seniorities: self.seniorities.clone(),
            country: self.country.as_ref().map(|c| c.to_ascii_uppercase()),
            include_unknown_eligibility: self.include_unknown,
            utc_offset_minutes: self.utc_offset.map(|hours| (hours * 60.0).round() as i16),
            min_salary_usd: self.min_salary,
            include_no_salary: self.include_no_salary,
            employment_types: self.employment_types.clone(),
            workplaces: self.workplaces.clone(),
            include_office: self.include_office,
            include_non_engineering: self.include_non_engineering,
            posted_within_days: self.posted_within,
            skills: self.skills.iter().map(|s| s.to_lowercase()).collect(),
            companies: self.companies.clone(),
            exclude_companies: self.exclude_companies.clone(),
            exclude_keywords: self.exclude_keywords.clone(),
            sources: self.sources.clone(),
            sort: self.sort,
            page: self.page.max(1),
            per_page: self.per_page.clamp(1, SearchRequest::MAX_PER_PAGE),
            now: None,
        }
    }
}
