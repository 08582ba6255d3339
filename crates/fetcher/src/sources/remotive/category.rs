//! Remotive's category, applied again: its API reportedly ignores the `category` filter, so the
//! jobs of other categories are dropped from the body before it is parsed (the run's prefilter,
//! see `crate::strategy::Prefilter`).

/// The run's prefilter: the body without the jobs outside `categories`, and the warning saying
/// how many went; `None` when none did (or the body is not Remotive's JSON: the parser says so).
pub(super) fn filter(body: &[u8], categories: &[String]) -> Option<(Vec<u8>, String)> {
    let (kept, dropped) = keep_remotive_categories(body, categories);
    let kept = kept?;
    let named = categories.join("`, `");
    let noun = if categories.len() == 1 {
        "category"
    } else {
        "categories"
    };
    Some((
        kept,
        format!(
            "dropped {dropped} Remotive job(s) outside {noun} `{named}` (the API ignored the filter)"
        ),
    ))
}

/// Remotive's body with only the jobs of `categories` (slugs such as `software-dev`) left, and how
/// many were dropped. `None` when the body is not the expected JSON: the parser reports that.
fn keep_remotive_categories(body: &[u8], categories: &[String]) -> (Option<Vec<u8>>, usize) {
    let Ok(mut payload) = super::super::json(body) else {
        return (None, 0);
    };
    let Some(jobs) = payload
        .get_mut("jobs")
        .and_then(serde_json::Value::as_array_mut)
    else {
        return (None, 0);
    };
    let before = jobs.len();
    jobs.retain(
        |job| match job.get("category").and_then(|value| value.as_str()) {
            Some(name) => categories
                .iter()
                .any(|category| remotive_category_matches(category, name)),
            // No category to compare: keep it rather than lose a job.
            None => true,
        },
    );
    let dropped = before - jobs.len();
    if dropped == 0 {
        return (None, 0);
    }
    match serde_json::to_vec(&payload) {
        Ok(kept) => (Some(kept), dropped),
        Err(_) => (None, 0),
    }
}

/// Whether Remotive's category display name ("Software Development", "DevOps / Sysadmin") is the
/// one a slug ("software-dev", "devops") names: each word of the slug starts the matching word of
/// the name. Two slugs share no words with their names, so they are listed.
fn remotive_category_matches(slug: &str, name: &str) -> bool {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|word| !word.is_empty())
            .map(str::to_ascii_lowercase)
            .collect()
    };
    let slug_words = words(match slug.trim().to_ascii_lowercase().as_str() {
        "hr" => "human-resources",
        "customer-support" => "customer-service",
        _ => slug,
    });
    let name_words = words(name);
    !slug_words.is_empty()
        && slug_words.len() <= name_words.len()
        && slug_words
            .iter()
            .zip(&name_words)
            .all(|(slug_word, name_word)| name_word.starts_with(slug_word.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{SourceSpec, remotive_takes_every_category};
    use url::Url;

    #[test]
    fn remotive_category_slugs_match_display_names() {
        let check = |slug: &str, name: &str, expected: bool| {
            assert_eq!(
                remotive_category_matches(slug, name),
                expected,
                "{slug} vs {name}"
            );
        };
        check("software-dev", "Software Development", true);
        check("software-dev", "Product Management", false);
        check("devops", "DevOps / Sysadmin", true);
        check("product", "Product Management", true);
        check("data", "Data", true);
        check("data", "Design", false);
        check("qa", "QA", true);
        check("hr", "Human Resources", true);
        check("hr", "Hardware", false);
        check("customer-support", "Customer Service", true);
        check("sales-business", "Sales / Business", true);
        check("finance-legal", "Finance / Legal", true);
        check("all-others", "All others", true);
        check("software-dev", "Software", false);
        check("", "Software Development", false);
    }

    #[test]
    fn remotive_filter_drops_other_categories_only() {
        let body = br#"{"0-legal-notice": "x", "jobs": [
            {"id": 1, "category": "Software Development"},
            {"id": 2, "category": "Product Management"},
            {"id": 3}
        ]}"#;
        let (kept, dropped) = keep_remotive_categories(body, &["software-dev".to_owned()]);
        assert_eq!(dropped, 1);
        let kept: serde_json::Value = serde_json::from_slice(&kept.unwrap()).unwrap();
        let ids: Vec<_> = kept["jobs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|job| job["id"].as_i64().unwrap())
            .collect();
        assert_eq!(ids, [1, 3]);
        assert_eq!(kept["0-legal-notice"], "x");

        let software = ["software-dev".to_owned()];
        assert_eq!(keep_remotive_categories(b"not json", &software), (None, 0));
        assert_eq!(
            keep_remotive_categories(
                br#"{"jobs": [{"category": "Software Development"}]}"#,
                &software
            ),
            (None, 0)
        );
        // Several categories keep the jobs of any of them.
        let (kept, dropped) =
            keep_remotive_categories(body, &["software-dev".to_owned(), "product".to_owned()]);
        assert_eq!((kept, dropped), (None, 0));
    }

    #[test]
    fn remotive_category_lists_choose_the_request() {
        let base = Url::parse("https://remotive.example").unwrap();
        let url_of = |categories: &[&str]| {
            let spec = SourceSpec::Remotive {
                base_url: base.clone(),
                categories: categories.iter().map(|c| (*c).to_owned()).collect(),
            };
            spec.requests().unwrap()[0].0.to_string()
        };
        assert_eq!(
            url_of(&["software-dev"]),
            "https://remotive.example/api/remote-jobs?category=software-dev"
        );
        assert_eq!(url_of(&[]), "https://remotive.example/api/remote-jobs");
        assert_eq!(url_of(&["*"]), "https://remotive.example/api/remote-jobs");
        assert_eq!(
            url_of(&["software-dev", "devops"]),
            "https://remotive.example/api/remote-jobs"
        );
        assert!(remotive_takes_every_category(&[]));
        assert!(remotive_takes_every_category(&["*".to_owned()]));
        assert!(!remotive_takes_every_category(&["product".to_owned()]));
    }
}
