//! [`Catalog`]: `config/prep.toml` parsed and checked against the taxonomies, with the lookups the
//! matcher, the prep plan and the web's reverse links need.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use prepboard_core::normalize::SkillTaxonomy;
use prepboard_core::prep::PrepEntry;
use prepboard_core::search::SearchRequest;
use prepboard_core::{Normalizer, TitleFamily};
use serde::Deserialize;

use crate::Topics;

const FILE: &str = "config/prep.toml";
const BUNDLED_CATALOG: &str = include_str!("../../../config/prep.toml");

/// Why a prep catalog cannot be used. Each variant names the entry at fault, so a bad edit to
/// `config/prep.toml` fails at start with the reason.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// The file is not valid TOML, lacks a field, has an unknown field, or names a title family or
    /// kind that does not exist (serde names the offending key).
    #[error("{FILE}: {0}")]
    Toml(#[from] toml::de::Error),
    /// Two entries share an id.
    #[error("{FILE}: entry id `{0}` is used twice")]
    DuplicateId(String),
    /// An id is empty or not URL-safe (lower-case ASCII letters, digits and hyphens).
    #[error("{FILE}: entry id {0:?} must be lower-case ASCII letters, digits and hyphens")]
    InvalidId(String),
    /// A URL does not parse, is not http(s), or has no host.
    #[error("{FILE}: entry `{id}`: url {url:?} {reason}")]
    InvalidUrl {
        id: String,
        url: String,
        reason: String,
    },
    /// An entry names a skill id that `config/skills.toml` does not define.
    #[error("{FILE}: entry `{id}`: skill `{skill}` is not a canonical id in config/skills.toml")]
    UnknownSkill { id: String, skill: String },
    /// An entry names a topic that `config/topics.toml` does not define.
    #[error("{FILE}: entry `{id}`: topic `{topic}` is not an id in config/topics.toml")]
    UnknownTopic { id: String, topic: String },
    /// A title or summary is blank, a family, skill or topic is listed twice in one entry, or an
    /// entry declares no topic.
    #[error("{FILE}: entry `{id}`: {reason}")]
    Invalid { id: String, reason: String },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    entry: Vec<PrepEntry>,
}

/// The checked prep catalog. Entries keep their file order, which is also the last tie-break
/// wherever entries are ranked.
#[derive(Debug, Clone)]
pub struct Catalog {
    entries: Vec<PrepEntry>,
    by_id: HashMap<String, usize>,
    /// Display label of every skill in the taxonomy, for reasons and plans ("Kafka").
    skill_labels: HashMap<String, String>,
    /// The taxonomy the catalog was checked against; the matcher finds skills with it.
    skills: SkillTaxonomy,
    /// The topic table the entries' topics were checked against.
    topics: Topics,
}

static BUNDLED: LazyLock<Catalog> = LazyLock::new(|| {
    match Catalog::from_toml(BUNDLED_CATALOG, Normalizer::bundled().skills()) {
        Ok(catalog) => catalog,
        // Compiled in and parsed by a test, so this cannot happen in a tested build; failing loudly
        // beats silently linking no listing to any prep.
        Err(err) => panic!("the bundled config/prep.toml does not load: {err}"),
    }
});

impl Catalog {
    /// Parses the text of a `prep.toml` and checks every entry against `skills` and the bundled
    /// topic table.
    pub fn from_toml(text: &str, skills: &SkillTaxonomy) -> Result<Catalog, CatalogError> {
        Catalog::from_toml_with_topics(text, skills, Topics::bundled())
    }

    /// Parses the text of a `prep.toml` and checks every entry against `skills` and `topics`.
    pub fn from_toml_with_topics(
        text: &str,
        skills: &SkillTaxonomy,
        topics: &Topics,
    ) -> Result<Catalog, CatalogError> {
        let file: CatalogFile = toml::from_str(text)?;
        let mut by_id = HashMap::with_capacity(file.entry.len());
        for (index, entry) in file.entry.iter().enumerate() {
            check_entry(entry, skills)?;
            check_topics(entry, topics)?;
            if by_id.insert(entry.id.clone(), index).is_some() {
                return Err(CatalogError::DuplicateId(entry.id.clone()));
            }
        }
        let skill_labels = skills
            .all()
            .iter()
            .map(|skill| (skill.id.clone(), skill.label.clone()))
            .collect();
        Ok(Catalog {
            entries: file.entry,
            by_id,
            skill_labels,
            skills: skills.clone(),
            topics: topics.clone(),
        })
    }

    /// The catalog shipped in `config/prep.toml`, checked against the bundled skills.
    pub fn bundled() -> &'static Catalog {
        &BUNDLED
    }

    /// Every entry, in file order.
    pub fn entries(&self) -> &[PrepEntry] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entry(&self, id: &str) -> Option<&PrepEntry> {
        self.by_id
            .get(id)
            .and_then(|&index| self.entries.get(index))
    }

    /// The topic table the entries' topics come from.
    pub fn topics(&self) -> &Topics {
        &self.topics
    }

    /// The skill taxonomy the catalog was checked against.
    pub fn skills(&self) -> &SkillTaxonomy {
        &self.skills
    }

    /// Entries declaring `topic`, those for which it is the main (first-listed) topic first, then
    /// in file order.
    pub fn entries_for_topic(&self, topic: &str) -> Vec<&PrepEntry> {
        let mut found: Vec<(usize, usize, &PrepEntry)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(order, entry)| {
                let rank = entry.topics.iter().position(|t| t == topic)?;
                Some((rank, order, entry))
            })
            .collect();
        found.sort_by_key(|&(rank, order, _)| (rank, order));
        found.into_iter().map(|(_, _, entry)| entry).collect()
    }

    /// Other entries sharing a topic with entry `id`: those on its main topic first, then file
    /// order.
    pub fn related(&self, id: &str) -> Vec<&PrepEntry> {
        let Some(entry) = self.entry(id) else {
            return Vec::new();
        };
        let mut found: Vec<(usize, usize, &PrepEntry)> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, other)| other.id != entry.id)
            .filter_map(|(order, other)| {
                let rank = entry.topics.iter().position(|t| other.topics.contains(t))?;
                Some((rank, order, other))
            })
            .collect();
        found.sort_by_key(|&(rank, order, _)| (rank, order));
        found.into_iter().map(|(_, _, other)| other).collect()
    }

    /// Entries serving `skill`, those for which it is the primary (first-listed) skill first, then
    /// in file order.
    pub fn entries_for_skill(&self, skill: &str) -> Vec<&PrepEntry> {
        let mut found: Vec<(usize, usize, &PrepEntry)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(order, entry)| {
                let rank = entry.skills.iter().position(|s| s == skill)?;
                Some((rank, order, entry))
            })
            .collect();
        found.sort_by_key(|&(rank, order, _)| (rank, order));
        found.into_iter().map(|(_, _, entry)| entry).collect()
    }

    /// Entries serving `family`, those for which it is the primary (first-listed) family first,
    /// then in file order.
    pub fn entries_for_family(&self, family: TitleFamily) -> Vec<&PrepEntry> {
        let mut found: Vec<(usize, usize, &PrepEntry)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(order, entry)| {
                let rank = entry.families.iter().position(|&f| f == family)?;
                Some((rank, order, entry))
            })
            .collect();
        found.sort_by_key(|&(rank, order, _)| (rank, order));
        found.into_iter().map(|(_, _, entry)| entry).collect()
    }

    /// The display label of a skill id ("kafka" → "Kafka"); the id itself when the taxonomy the
    /// catalog was checked against does not know it.
    pub fn skill_label<'a>(&'a self, skill: &'a str) -> &'a str {
        self.skill_labels
            .get(skill)
            .map(String::as_str)
            .unwrap_or(skill)
    }

    /// The search for "open listings that need this entry", for reverse links: listings asking for
    /// the entry's primary skill, or, for an entry that serves no skill, listings in any of its
    /// families. `None` for an unknown id or an entry that serves everyone (no skills, no
    /// families), whose audience is every listing.
    pub fn audience_request(&self, id: &str) -> Option<SearchRequest> {
        let entry = self.entry(id)?;
        if let Some(skill) = entry.skills.first() {
            return Some(Self::skill_request(skill));
        }
        if entry.families.is_empty() {
            return None;
        }
        Some(SearchRequest {
            families: entry.families.clone(),
            ..SearchRequest::default()
        })
    }

    /// The search for "open listings that ask for this skill".
    pub fn skill_request(skill: &str) -> SearchRequest {
        SearchRequest {
            skills: vec![skill.to_owned()],
            ..SearchRequest::default()
        }
    }
}

fn check_entry(entry: &PrepEntry, skills: &SkillTaxonomy) -> Result<(), CatalogError> {
    let id_ok = !entry.id.is_empty()
        && entry
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !id_ok {
        return Err(CatalogError::InvalidId(entry.id.clone()));
    }
    let invalid = |reason: &str| CatalogError::Invalid {
        id: entry.id.clone(),
        reason: reason.to_owned(),
    };
    if entry.title.trim().is_empty() {
        return Err(invalid("the title is blank"));
    }
    if entry.summary.trim().is_empty() {
        return Err(invalid("the summary is blank"));
    }
    check_url(&entry.id, &entry.url)?;
    let mut seen_families = HashSet::new();
    if !entry.families.iter().all(|f| seen_families.insert(*f)) {
        return Err(invalid("a family is listed twice"));
    }
    let mut seen_skills = HashSet::new();
    for skill in &entry.skills {
        if skills.get(skill).is_none() {
            return Err(CatalogError::UnknownSkill {
                id: entry.id.clone(),
                skill: skill.clone(),
            });
        }
        if !seen_skills.insert(skill.as_str()) {
            return Err(invalid(&format!("skill `{skill}` is listed twice")));
        }
    }
    Ok(())
}

fn check_topics(entry: &PrepEntry, topics: &Topics) -> Result<(), CatalogError> {
    if entry.topics.is_empty() {
        return Err(CatalogError::Invalid {
            id: entry.id.clone(),
            reason: "declares no topic".to_owned(),
        });
    }
    let mut seen = HashSet::new();
    for topic in &entry.topics {
        if topics.get(topic).is_none() {
            return Err(CatalogError::UnknownTopic {
                id: entry.id.clone(),
                topic: topic.clone(),
            });
        }
        if !seen.insert(topic.as_str()) {
            return Err(CatalogError::Invalid {
                id: entry.id.clone(),
                reason: format!("topic `{topic}` is listed twice"),
            });
        }
    }
    Ok(())
}

fn check_url(id: &str, url: &str) -> Result<(), CatalogError> {
    let fail = |reason: String| CatalogError::InvalidUrl {
        id: id.to_owned(),
        url: url.to_owned(),
        reason,
    };
    let parsed = url::Url::parse(url).map_err(|err| fail(format!("does not parse: {err}")))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(fail(format!(
            "has scheme `{}`, expected http or https",
            parsed.scheme()
        )));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(fail("has no host".to_owned()));
    }
    if url.chars().any(char::is_whitespace) {
        return Err(fail("contains whitespace".to_owned()));
    }
    Ok(())
}
