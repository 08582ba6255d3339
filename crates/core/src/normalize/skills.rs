//! Skills: `config/skills.toml` aliases found in a listing's title, tags and description, each
//! reported once with how often and how prominently it was named.
//!
//! Matching is on word boundaries (the characters either side of a match are not letters or
//! digits, and a match is not followed by `+` or `#`, so "C" never matches "C#"). Skills flagged
//! `case_sensitive`, and every `exact_aliases` entry, match only with the case written in config:
//! "Go", "Rust" and "REST" are too often plain English otherwise. Each skill may list `exclude`
//! phrases ("Go to market") whose occurrences hide it.
//!
//! Tags: a tag that names a skill also found in the text lifts it to [`SkillPlace::Requirements`]
//! and counts once. A tag naming a skill absent from the text is weaker evidence: such tag-only
//! skills are capped per listing ([`TAG_ONLY_LIMIT`], in tag order), and RemoteOK's tags, which
//! posters pick from a broad fixed list and often unrelated to the job (a warehouse job tagged
//! "go"), add at most [`REMOTEOK_TAG_ONLY_LIMIT`]. Structured skill fields (WWR's `skills`) are
//! curated per job and count in full.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::TaxonomyError;
use super::html::{Block, BlockKind};
use crate::{SkillMention, SkillPlace, SourceKind};

const FILE: &str = "config/skills.toml";

/// At most this many skills come from tags alone.
pub const TAG_ONLY_LIMIT: usize = 8;
/// At most this many skills come from RemoteOK tags alone.
pub const REMOTEOK_TAG_ONLY_LIMIT: usize = 3;

/// One canonical skill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skill {
    /// Stable id ("postgresql"), used in facets, URLs and prep matching.
    pub id: String,
    /// Display name ("PostgreSQL").
    pub label: String,
    /// Names matched ignoring ASCII case (unless `case_sensitive`), the label included.
    pub aliases: Vec<String>,
    /// Names matched exactly as written.
    pub exact_aliases: Vec<String>,
    pub case_sensitive: bool,
    /// Phrases, matched ignoring case, inside which an alias does not count.
    pub exclude: Vec<String>,
}

/// The parsed and checked `skills.toml`.
#[derive(Debug, Clone)]
pub struct SkillTaxonomy {
    skills: Vec<Skill>,
    /// Lower-cased alias → index into `skills`, for whole-string lookups (tags).
    by_alias: HashMap<String, usize>,
    aliases: AliasIndex,
}

/// Every alias in two automata, so a text is read once for all skills instead of once per alias
/// (some 400 searches, with allocations, for every sentence the prep reader looks at): one over
/// the lower-cased text for aliases matched ignoring case, one over the text as written for
/// case-sensitive and exact aliases. Each pattern's skill index sits beside it.
#[derive(Debug, Clone)]
struct AliasIndex {
    ignoring_case: aho_corasick::AhoCorasick,
    ignoring_case_skill: Vec<usize>,
    as_written: aho_corasick::AhoCorasick,
    as_written_skill: Vec<usize>,
}

impl AliasIndex {
    fn build(skills: &[Skill]) -> AliasIndex {
        let (mut lower, mut lower_skill) = (Vec::new(), Vec::new());
        let (mut written, mut written_skill) = (Vec::new(), Vec::new());
        for (index, skill) in skills.iter().enumerate() {
            for alias in &skill.aliases {
                if skill.case_sensitive {
                    written.push(alias.clone());
                    written_skill.push(index);
                } else {
                    lower.push(alias.to_ascii_lowercase());
                    lower_skill.push(index);
                }
            }
            for alias in &skill.exact_aliases {
                written.push(alias.clone());
                written_skill.push(index);
            }
        }
        let build = |patterns: &[String]| match aho_corasick::AhoCorasick::new(patterns) {
            Ok(automaton) => automaton,
            // Aliases are short non-empty ASCII strings, checked at load; the automaton's size
            // limits are far above any skills table.
            Err(err) => panic!("skill aliases do not build an automaton: {err}"),
        };
        AliasIndex {
            ignoring_case: build(&lower),
            ignoring_case_skill: lower_skill,
            as_written: build(&written),
            as_written_skill: written_skill,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SkillsFile {
    skill: Vec<SkillFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SkillFile {
    id: String,
    label: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    exact_aliases: Vec<String>,
    #[serde(default)]
    case_sensitive: bool,
    #[serde(default)]
    exclude: Vec<String>,
}

impl SkillTaxonomy {
    pub fn from_toml(text: &str) -> Result<Self, TaxonomyError> {
        let file: SkillsFile =
            toml::from_str(text).map_err(|source| TaxonomyError::Toml { file: FILE, source })?;
        let mut skills = Vec::with_capacity(file.skill.len());
        let mut by_alias = HashMap::new();
        let mut ids = HashSet::new();
        for entry in file.skill {
            let id_ok = !entry.id.is_empty()
                && entry
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !id_ok {
                return Err(TaxonomyError::Invalid {
                    file: FILE,
                    name: entry.id,
                    reason: "an id is lower-case ASCII letters, digits and hyphens".to_owned(),
                });
            }
            if !ids.insert(entry.id.clone()) {
                return Err(TaxonomyError::Duplicate {
                    file: FILE,
                    name: entry.id,
                });
            }
            let mut aliases = vec![entry.label.clone()];
            for alias in entry.aliases {
                if !aliases.contains(&alias) {
                    aliases.push(alias);
                }
            }
            if let Some(empty) = aliases
                .iter()
                .chain(&entry.exact_aliases)
                .chain(&entry.exclude)
                .find(|alias| alias.trim().is_empty() || !alias.is_ascii())
            {
                return Err(TaxonomyError::Invalid {
                    file: FILE,
                    name: entry.id,
                    reason: format!("{empty:?}: aliases and excludes are non-empty ASCII"),
                });
            }
            let index = skills.len();
            for alias in aliases.iter().chain(&entry.exact_aliases) {
                let key = alias.to_ascii_lowercase();
                if let Some(&other) = by_alias.get(&key)
                    && other != index
                {
                    let other: &Skill = &skills[other];
                    return Err(TaxonomyError::Invalid {
                        file: FILE,
                        name: entry.id,
                        reason: format!("alias {alias:?} is also an alias of `{}`", other.id),
                    });
                }
                by_alias.insert(key, index);
            }
            skills.push(Skill {
                id: entry.id,
                label: entry.label,
                aliases,
                exact_aliases: entry.exact_aliases,
                case_sensitive: entry.case_sensitive,
                exclude: entry.exclude,
            });
        }
        let aliases = AliasIndex::build(&skills);
        Ok(SkillTaxonomy {
            skills,
            by_alias,
            aliases,
        })
    }

    /// Every skill, in file order.
    pub fn all(&self) -> &[Skill] {
        &self.skills
    }

    pub fn get(&self, id: &str) -> Option<&Skill> {
        self.skills.iter().find(|skill| skill.id == id)
    }

    /// The display label of skill `id`.
    pub fn label(&self, id: &str) -> Option<&str> {
        self.get(id).map(|skill| skill.label.as_str())
    }

    /// The skill a whole name means ("Golang", "k8s", "postgres"), ignoring case: used for tags
    /// and for search input, where the name stands alone and cannot be an English word in a sentence.
    pub fn lookup(&self, name: &str) -> Option<&Skill> {
        let key = name.trim().to_ascii_lowercase();
        self.by_alias.get(&key).map(|&index| &self.skills[index])
    }

    /// How many times each skill is named in `text`, by skill index.
    fn count_in(&self, text: &str) -> Vec<(usize, u32)> {
        let lower = text.to_ascii_lowercase();
        // Every alias occurrence on word boundaries, by skill; ASCII lower-casing keeps offsets.
        let mut spans: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
        let index = &self.aliases;
        let found = index
            .ignoring_case
            .find_overlapping_iter(&lower)
            .map(|hit| (index.ignoring_case_skill[hit.pattern().as_usize()], hit))
            .chain(
                index
                    .as_written
                    .find_overlapping_iter(text)
                    .map(|hit| (index.as_written_skill[hit.pattern().as_usize()], hit)),
            );
        for (skill, hit) in found {
            if at_word_boundary(text, hit.start(), hit.end()) {
                spans
                    .entry(skill)
                    .or_default()
                    .push((hit.start(), hit.end()));
            }
        }
        spans
            .into_iter()
            .filter_map(|(index, spans)| {
                let count = count_spans(&self.skills[index], spans, &lower);
                (count > 0).then_some((index, count))
            })
            .collect()
    }

    /// Skill ids named in `text`, in file order.
    pub fn find_in_text(&self, text: &str) -> Vec<&str> {
        self.count_in(text)
            .into_iter()
            .map(|(index, _)| self.skills[index].id.as_str())
            .collect()
    }

    /// The skills a listing names, most prominent first (by place, then mentions, then id).
    pub fn mentions(&self, sources: &SkillSources<'_>) -> Vec<SkillMention> {
        let mut found: HashMap<usize, (u32, SkillPlace)> = HashMap::new();
        fn note(
            found: &mut HashMap<usize, (u32, SkillPlace)>,
            index: usize,
            count: u32,
            place: SkillPlace,
        ) {
            let entry = found.entry(index).or_insert((0, place));
            entry.0 += count;
            entry.1 = entry.1.min(place);
        }
        for (index, count) in self.count_in(sources.title) {
            note(&mut found, index, count, SkillPlace::Title);
        }
        let mut in_requirements = false;
        for block in sources.blocks {
            if block.kind == BlockKind::Heading {
                in_requirements = REQUIREMENT_HEADING.is_match(&block.text);
            }
            let place = if in_requirements && block.kind == BlockKind::ListItem {
                SkillPlace::Requirements
            } else {
                SkillPlace::Body
            };
            for (index, count) in self.count_in(&block.text) {
                note(&mut found, index, count, place);
            }
        }
        for name in sources.structured_skills {
            for (index, count) in self.named_by_field(name) {
                note(&mut found, index, count, SkillPlace::Requirements);
            }
        }
        let limit = if sources.source == SourceKind::RemoteOk {
            REMOTEOK_TAG_ONLY_LIMIT
        } else {
            TAG_ONLY_LIMIT
        };
        let mut tag_only_added = 0;
        let mut seen_tags = HashSet::new();
        for tag in sources.tags {
            for (index, _) in self.named_by_field(tag) {
                if !seen_tags.insert(index) {
                    continue;
                }
                if found.contains_key(&index) {
                    note(&mut found, index, 1, SkillPlace::Requirements);
                } else if tag_only_added < limit {
                    tag_only_added += 1;
                    note(&mut found, index, 1, SkillPlace::Requirements);
                }
            }
        }
        let mut mentions: Vec<SkillMention> = found
            .into_iter()
            .map(|(index, (mentions, place))| SkillMention {
                skill: self.skills[index].id.clone(),
                mentions,
                place,
            })
            .collect();
        mentions.sort_by(|a, b| {
            a.place
                .cmp(&b.place)
                .then(b.mentions.cmp(&a.mentions))
                .then_with(|| a.skill.cmp(&b.skill))
        });
        mentions
    }

    /// Skills a tag or a structured skill field names: the whole value as an alias if it is one
    /// ("golang"), otherwise the aliases found inside it ("Python, Django").
    fn named_by_field(&self, value: &str) -> Vec<(usize, u32)> {
        let value = value.trim();
        if value.is_empty() {
            return Vec::new();
        }
        if let Some(&index) = self.by_alias.get(&value.to_ascii_lowercase()) {
            return vec![(index, 1)];
        }
        self.count_in(value)
            .into_iter()
            .map(|(index, _)| (index, 1))
            .collect()
    }
}

/// What a listing offers the skill finder.
#[derive(Debug, Clone, Copy)]
pub struct SkillSources<'a> {
    pub source: SourceKind,
    pub title: &'a str,
    pub tags: &'a [String],
    pub structured_skills: &'a [String],
    /// The description's blocks, from [`super::html::blocks`].
    pub blocks: &'a [Block],
}

static REQUIREMENT_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)requirement|qualification|what you(?:'ll|’ll| will)? (?:need|bring|have)|you (?:have|bring|are|will have|should have)|about you|skills|experience|must[- ]have|nice[- ]to[- ]have|bonus|looking for|tech stack|our stack|technolog|who you are|ideal candidate|you'll need|you’ll need|what we need|what we expect|competenc|profile|you:",
    )
    .unwrap()
});

/// Occurrences of `skill` in `text` (`lower` is `text` ASCII-lower-cased, same byte offsets).
/// How many stretches of text `spans` (a skill's alias occurrences) cover, leaving out those
/// inside one of the skill's `exclude` phrases ("Go to market" is not Go).
fn count_spans(skill: &Skill, mut spans: Vec<(usize, usize)>, lower: &str) -> u32 {
    if !skill.exclude.is_empty() {
        let excluded: Vec<(usize, usize)> = skill
            .exclude
            .iter()
            .flat_map(|phrase| {
                let phrase = phrase.to_ascii_lowercase();
                lower
                    .match_indices(&phrase)
                    .map(|(start, found)| (start, start + found.len()))
                    .collect::<Vec<_>>()
            })
            .collect();
        spans.retain(|&(start, end)| !excluded.iter().any(|&(s, e)| start >= s && end <= e));
    }
    // Aliases overlap ("Node" inside "Node.js"): count each stretch of text once.
    spans.sort_unstable();
    let mut count = 0;
    let mut covered_until = 0;
    for (start, end) in spans {
        if start >= covered_until {
            count += 1;
        }
        covered_until = covered_until.max(end);
    }
    count
}

fn at_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|t| t.chars().next_back());
    let after = text.get(end..).and_then(|t| t.chars().next());
    let first = text.get(start..).and_then(|t| t.chars().next());
    let last = text.get(..end).and_then(|t| t.chars().next_back());
    // A boundary is only needed where the alias itself starts or ends with a word character:
    // ".NET" may follow "ASP", "C#" may be followed by anything but another word character.
    let before_ok =
        !first.is_some_and(char::is_alphanumeric) || !before.is_some_and(char::is_alphanumeric);
    let after_ok = !after.is_some_and(|c| c.is_alphanumeric() || c == '+' || c == '#')
        || !last.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric);
    before_ok && after_ok
}
