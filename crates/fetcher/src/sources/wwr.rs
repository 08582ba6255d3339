//! We Work Remotely RSS 2.0 feeds (all jobs, or one category such as back-end programming).
//!
//! Quirks handled: the company is only in the title ("Company: Job Title", split on the first
//! colon); `guid` = `link` is both the id and the link-back; `pubDate` and `expires_at` are
//! RFC 2822; `region`, `country` (flag emoji + names), `state` and `skills` ("A, B,  C, and D")
//! are plain elements; the description is entity-escaped HTML, which the XML parser unescapes
//! exactly once; the logo is `media:content`, matched by namespace URI because one re-serialised
//! feed spells the prefix `ns0:`. Every WWR job is remote.

use chrono::{DateTime, Utc};
use prepboard_core::{Company, EmploymentType, PlaceFields, RawListing, SourceKind, WorkplaceType};
use roxmltree::{Document, Node};

use super::{dedup_keep_order, employment_type, utf8};
use crate::parser::{ParseContext, ParseError, ParseOutput};

/// Media RSS, with and without the trailing slash that some feeds add.
const MEDIA_NAMESPACES: [&str; 2] = [
    "http://search.yahoo.com/mrss",
    "http://search.yahoo.com/mrss/",
];

/// Parses a We Work Remotely RSS feed.
pub fn parse(body: &[u8], ctx: &ParseContext<'_>) -> Result<ParseOutput, ParseError> {
    // XML allows nothing before its declaration, but feeds arrive with a byte-order mark or a
    // stray newline there (a server-side template's): neither says anything, so both are skipped.
    let text = utf8(body)?.trim_start_matches('\u{feff}').trim_start();
    let document = Document::parse(text)?;
    let root = document.root_element();
    let channel = (root.tag_name().name() == "rss")
        .then(|| child(root, "channel"))
        .flatten()
        .ok_or_else(|| ParseError::Shape {
            expected: "an RSS document with a channel",
            found: format!("a <{}> document", root.tag_name().name()).into(),
        })?;
    let mut output = ParseOutput::default();
    for (index, item) in channel
        .children()
        .filter(|node| is_plain(*node, "item"))
        .enumerate()
    {
        output.push_item(listing(item, ctx).map_err(|why| format!("item {index}: {why}")));
    }
    Ok(output)
}

fn listing(item: Node<'_, '_>, ctx: &ParseContext<'_>) -> Result<RawListing, String> {
    let heading = text(item, "title").ok_or("no title")?;
    let (company, title) = split_company(&heading)
        .ok_or_else(|| format!("title {heading:?} has no \"Company: \" prefix"))?;
    let link = text(item, "link")
        .or_else(|| text(item, "guid"))
        .ok_or_else(|| format!("{heading:?}: no link or guid"))?;
    let id = text(item, "guid").unwrap_or_else(|| link.clone());
    let region = text(item, "region");
    let countries = text(item, "country")
        .map(|list| split_countries(&list))
        .unwrap_or_default();
    let mut places: Vec<String> = region.iter().cloned().chain(countries).collect();
    dedup_keep_order(&mut places);
    // `state` is the employer's headquarters, not where applicants may live, so it is not a place
    // of eligibility; the description repeats it under "Headquarters:".
    let logo_url = item
        .children()
        .find(|node| {
            node.tag_name().name() == "content"
                && node
                    .tag_name()
                    .namespace()
                    .is_some_and(|uri| MEDIA_NAMESPACES.contains(&uri))
        })
        .and_then(|node| node.attribute("url"))
        .map(str::trim)
        .filter(|url| !url.is_empty())
        .map(str::to_owned);
    Ok(RawListing {
        source: SourceKind::WeWorkRemotely,
        source_job_id: id,
        source_url: link.clone(),
        apply_url: Some(link),
        title,
        company: Company {
            name: company,
            url: None,
            logo_url,
        },
        description_html: item
            .children()
            .find(|node| is_plain(*node, "description"))
            .map(|node| collect_text(node))
            .unwrap_or_default(),
        tags: text(item, "category").into_iter().collect(),
        employment_type: text(item, "type")
            .as_deref()
            .map(employment_type)
            .unwrap_or(EmploymentType::Unknown),
        workplace: WorkplaceType::Remote,
        location_text: region.unwrap_or_default(),
        structured_places: places,
        structured_salary: None,
        salary_text: None,
        structured_skills: text(item, "skills")
            .map(|skills| split_skills(&skills))
            .unwrap_or_default(),
        place_fields: PlaceFields::default(),
        posted_at: text(item, "pubDate").as_deref().and_then(rfc2822),
        valid_through: text(item, "expires_at").as_deref().and_then(rfc2822),
        fetched_at: ctx.fetched_at,
    })
}

/// "Company: Job Title: Part Two" → ("Company", "Job Title: Part Two").
pub fn split_company(heading: &str) -> Option<(String, String)> {
    let (company, title) = heading.split_once(':')?;
    let (company, title) = (company.trim(), title.trim());
    (!company.is_empty() && !title.is_empty()).then(|| (company.to_owned(), title.to_owned()))
}

/// "JavaScript and React", "A, B,  C, and D" → ["JavaScript", "React"], ["A", "B", "C", "D"].
pub fn split_skills(list: &str) -> Vec<String> {
    let mut skills: Vec<String> = list
        .split(',')
        .flat_map(|part| part.split(" and "))
        .map(|skill| {
            let skill = skill.trim();
            skill
                .strip_prefix("and ")
                .unwrap_or(skill)
                .trim()
                .to_owned()
        })
        .filter(|skill| !skill.is_empty() && skill != "and")
        .collect();
    dedup_keep_order(&mut skills);
    skills
}

/// "🇦🇩 Andorra, 🇦🇱 Albania" → ["Andorra", "Albania"]: the flags are decoration.
fn split_countries(list: &str) -> Vec<String> {
    list.split(',')
        .map(|entry| {
            entry
                .trim_matches(|c: char| c.is_whitespace() || is_regional_indicator(c))
                .to_owned()
        })
        .filter(|name| !name.is_empty())
        .collect()
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

fn rfc2822(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc2822(text.trim())
        .ok()
        .map(|time| time.with_timezone(&Utc))
}

/// RSS's own elements carry no namespace.
fn is_plain(node: Node<'_, '_>, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace().is_none()
}

fn child<'a, 'input>(node: Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    node.children().find(|child| is_plain(*child, name))
}

/// The trimmed text of a plain child element, `None` when absent or blank.
fn text(node: Node<'_, '_>, name: &str) -> Option<String> {
    child(node, name)
        .map(collect_text)
        .map(|text| text.trim().to_owned())
        .filter(|text| !text.is_empty())
}

/// All text under a node, CDATA included (roxmltree splits text around CDATA sections).
fn collect_text(node: Node<'_, '_>) -> String {
    node.descendants()
        .filter(|descendant| descendant.is_text())
        .filter_map(|descendant| descendant.text())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The registry's view of this source.

/// We Work Remotely's category RSS feeds, merged by guid.
#[derive(Debug, Clone, Copy)]
pub struct WeWorkRemotely;

impl crate::source::Source for WeWorkRemotely {
    fn kind(&self) -> SourceKind {
        SourceKind::WeWorkRemotely
    }

    fn config_section(&self) -> &'static str {
        "[sources.we_work_remotely]"
    }

    fn terms(&self) -> crate::source::Terms {
        // Link back to the listing and name the source; never passed on as JSON-LD.
        crate::source::Terms::aggregator(crate::budget::PollBudget::ONE_PER_HOUR, true)
    }

    fn requests(
        &self,
        spec: &crate::spec::SourceSpec,
    ) -> Result<Vec<(url::Url, String)>, crate::FetchError> {
        let crate::spec::SourceSpec::WeWorkRemotely {
            base_url,
            categories,
        } = spec
        else {
            return Err(crate::source::wrong_spec(self.kind(), spec));
        };
        categories
            .iter()
            .map(|category| {
                let feed = format!("{category}.rss");
                Ok((
                    crate::strategy::endpoint(base_url, &["categories", &feed], &[])?,
                    format!("We Work Remotely category `{category}`"),
                ))
            })
            .collect()
    }

    fn parse(&self, body: &[u8], ctx: &ParseContext<'_>) -> Result<ParseOutput, ParseError> {
        parse(body, ctx)
    }

    fn fetch<'a>(
        &'a self,
        run: crate::source::Run<'a>,
    ) -> futures::future::BoxFuture<'a, Result<crate::source::FetchOutcome, crate::FetchError>>
    {
        Box::pin(crate::strategy::merged_feeds(self, run))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn company_split_on_first_colon() {
        let check = |input: &str, expected: Option<(&str, &str)>| {
            let got = split_company(input);
            let got = got.as_ref().map(|(c, t)| (c.as_str(), t.as_str()));
            assert_eq!(got, expected, "{input}");
        };
        check(
            "Contra: Product Designer",
            Some(("Contra", "Product Designer")),
        );
        check(
            "Acme: Engineer: Platform (APIs)",
            Some(("Acme", "Engineer: Platform (APIs)")),
        );
        check(
            "Relay Commerce: Staff Engineer ",
            Some(("Relay Commerce", "Staff Engineer")),
        );
        check("No company here", None);
        check(": Title only", None);
    }

    #[test]
    fn skills_split_on_commas_and_and() {
        let check = |input: &str, expected: &[&str]| {
            assert_eq!(split_skills(input), expected, "{input}");
        };
        check("JavaScript and React", &["JavaScript", "React"]);
        check(
            "AI Content Creation, Content Creation,  SEO, and Content Strategy",
            &[
                "AI Content Creation",
                "Content Creation",
                "SEO",
                "Content Strategy",
            ],
        );
        check(
            "JavaScript, React, and Front-End Dev",
            &["JavaScript", "React", "Front-End Dev"],
        );
        check("", &[]);
    }

    #[test]
    fn countries_lose_their_flags() {
        assert_eq!(
            split_countries("🇦🇩 Andorra, 🇦🇱 Albania,  🇩🇪 Germany"),
            ["Andorra", "Albania", "Germany"]
        );
    }
}
