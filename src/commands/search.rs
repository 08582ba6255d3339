//! `prepboard search`: the same search the site runs, as a table or JSON.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use prepboard_core::search::{SearchRequest, SearchResponse, SortOrder};
use prepboard_core::{EmploymentType, Seniority, SourceKind, TitleFamily, WorkplaceType};

use crate::config::Config;

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
    #[arg(long = "employment", value_name = "TYPE", value_parser = parse_employment)]
    employment_types: Vec<EmploymentType>,
    /// Workplace type (repeatable): remote, remote-or-office, hybrid, onsite.
    #[arg(long = "workplace", value_name = "TYPE", value_parser = parse_workplace)]
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
    #[arg(long = "source", value_name = "SOURCE", value_parser = parse_source)]
    sources: Vec<SourceKind>,
    /// relevance, newest or salary.
    #[arg(long, default_value = "relevance", value_parser = parse_sort)]
    sort: SortOrder,
    #[arg(long, default_value_t = 1)]
    page: u32,
    #[arg(long, default_value_t = 20)]
    per_page: u32,
    /// Print the whole response as JSON.
    #[arg(long)]
    json: bool,
}

fn parse_employment(text: &str) -> Result<EmploymentType, String> {
    EmploymentType::from_slug(text).ok_or_else(|| format!("unknown employment type `{text}`"))
}

fn parse_workplace(text: &str) -> Result<WorkplaceType, String> {
    WorkplaceType::from_slug(text).ok_or_else(|| format!("unknown workplace type `{text}`"))
}

fn parse_source(text: &str) -> Result<SourceKind, String> {
    SourceKind::from_slug(text).ok_or_else(|| format!("unknown source `{text}`"))
}

fn parse_sort(text: &str) -> Result<SortOrder, String> {
    SortOrder::from_slug(text)
        .ok_or_else(|| format!("unknown sort `{text}`: use relevance, newest or salary"))
}

impl SearchArgs {
    fn request(&self) -> SearchRequest {
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

pub async fn run(config: &Config, args: &SearchArgs) -> anyhow::Result<ExitCode> {
    let index = super::index::follow_index(config)?;
    if index.watermark().is_none() {
        anyhow::bail!(
            "the index is empty: run `prepboard fetch` (or `prepboard up`) and `prepboard index` first"
        );
    }
    let request = args.request();
    let response = tokio::task::spawn_blocking(move || index.search(&request)).await??;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &response)?;
        super::ignore_broken_pipe(writeln!(out))?;
    } else {
        super::ignore_broken_pipe(print_table(&mut out, &response))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn print_table(out: &mut impl Write, response: &SearchResponse) -> std::io::Result<()> {
    if let Some(corrected) = &response.corrected_query {
        writeln!(out, "showing results for \"{corrected}\"")?;
    }
    writeln!(
        out,
        "{} matching jobs (page {}, {:.1} ms)",
        response.total,
        response.page,
        response.took_micros as f64 / 1000.0
    )?;
    writeln!(
        out,
        "{:<16} {:<44} {:<22} {:<20} {:<14} WHERE",
        "ID", "TITLE", "COMPANY", "FAMILY", "SALARY"
    )?;
    for hit in &response.hits {
        let salary = hit
            .salary
            .as_ref()
            .and_then(|s| s.yearly_usd_max.or(s.yearly_usd_min))
            .map(|usd| format!("${}k/yr", usd / 1000))
            .unwrap_or_else(|| "-".to_owned());
        let eligibility = match hit.eligibility.scope {
            prepboard_core::EligibilityScope::Worldwide => "worldwide".to_owned(),
            prepboard_core::EligibilityScope::Unknown => "unknown".to_owned(),
            prepboard_core::EligibilityScope::Restricted => {
                let mut places: Vec<String> = hit
                    .eligibility
                    .regions
                    .iter()
                    .map(|r| r.label().to_owned())
                    .collect();
                places.extend(hit.eligibility.countries.iter().cloned());
                places.join(", ")
            }
        };
        writeln!(
            out,
            "{:<16} {:<44} {:<22} {:<20} {:<14} {}",
            hit.id,
            truncate(&hit.title, 44),
            truncate(&hit.company.name, 22),
            hit.family.slug(),
            salary,
            eligibility
        )?;
    }
    Ok(())
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}
