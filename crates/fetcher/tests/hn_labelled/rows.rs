//! The row format of the labelled HN tables (`tests/labelled/hn/labels.toml` and
//! `second_reader.toml`), shared by the tests that read them: one `[[post]]` per comment, and how their places compare.

use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct LabelFile {
    pub post: Vec<LabelledPost>,
}

impl LabelFile {
    pub fn load(path: &str) -> LabelFile {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelledPost {
    pub id: u64,
    #[serde(default = "yes")]
    pub job: bool,
    #[serde(default)]
    pub note: Option<String>,
    /// Which sample the post came from: none for the first (every sixth post from the first),
    /// "offset-3" for the second (every sixth from the fourth), "offset-1" for the third (every
    /// twelfth from the second), "offset-N" for the later ones (every twelfth post from position
    /// N, counting from 0: offset-5, offset-11, offset-2, offset-7, offset-4, offset-10, offset-8).
    #[serde(default)]
    pub sample: Option<String>,
    #[serde(default)]
    pub workplace: Option<String>,
    #[serde(default)]
    pub eligibility: Option<String>,
    #[serde(default)]
    pub salary: Option<String>,
    #[serde(default)]
    pub roles: Vec<LabelledRole>,
}

impl LabelledPost {
    /// The labelled roles as (family, seniority) pairs, sorted: the multiset "the right set of
    /// roles" compares.
    pub fn role_pairs(&self) -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = self
            .roles
            .iter()
            .map(|role| (role.family.clone(), role.seniority.clone()))
            .collect();
        pairs.sort();
        pairs
    }

    /// The set of workplaces over the labelled roles (a role's own, else the post's), sorted.
    pub fn workplaces(&self) -> Vec<String> {
        let post_workplace = self.workplace.as_deref().unwrap_or("unknown");
        let mut workplaces: Vec<String> = self
            .roles
            .iter()
            .map(|role| {
                role.workplace
                    .as_deref()
                    .unwrap_or(post_workplace)
                    .to_owned()
            })
            .collect();
        workplaces.sort();
        workplaces.dedup();
        workplaces
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelledRole {
    pub title: String,
    pub family: String,
    pub seniority: String,
    #[serde(default)]
    pub workplace: Option<String>,
    #[serde(default)]
    pub salary: Option<String>,
}

fn yes() -> bool {
    true
}

/// A list of places as the tables compare them: ISO codes in capitals, regions in lower case,
/// sorted and without repeats, joined by commas.
pub fn normal_places(text: &str) -> String {
    let mut parts: Vec<String> = text
        .split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            if part.len() == 2 && part.chars().all(|c| c.is_ascii_uppercase()) {
                part.to_owned()
            } else {
                part.to_ascii_lowercase()
            }
        })
        .collect();
    parts.sort();
    parts.dedup();
    parts.join(",")
}
