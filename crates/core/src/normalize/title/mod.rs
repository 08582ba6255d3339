//! Title → [`TitleFamily`] and [`Seniority`], by the rules in `config/titles.toml`.
//!
//! A title is folded into lower-case words ("Sr. Back-End Engineer (APIs)" → `sr back end engineer
//! apis`) and each rule's phrases are matched as whole-word sequences in it. Every family and level
//! has rules with a priority; the highest-priority rule that matches wins, ties going to the member
//! listed first in the closed set. No match gives the configured fallback. The TOML file documents
//! every member and why its rules are what they are; this module only runs them.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::TaxonomyError;
use crate::{Seniority, TitleFamily};

const FILE: &str = "config/titles.toml";

/// The parsed and checked `titles.toml`.
#[derive(Debug, Clone)]
pub struct TitleRules {
    families: Vec<(TitleFamily, String, Vec<Rule>)>,
    levels: Vec<(Seniority, String, Vec<Rule>)>,
    /// Words that make a title an engineering one ("engineer", "developer"), for rules that need one.
    engineering_words: Vec<Vec<String>>,
    fallback_family: TitleFamily,
    fallback_seniority: Seniority,
}

/// One matching rule, its phrases already folded into words.
#[derive(Debug, Clone)]
struct Rule {
    any: Vec<Vec<String>>,
    all: Vec<Vec<String>>,
    none: Vec<Vec<String>>,
    needs_engineering_word: bool,
    priority: i32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TitlesFile {
    fallback_family: String,
    fallback_seniority: String,
    engineering_words: Vec<String>,
    families: BTreeMap<String, MemberFile>,
    seniority: BTreeMap<String, MemberFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MemberFile {
    description: String,
    #[serde(default)]
    rules: Vec<RuleFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    #[serde(default)]
    any: Vec<String>,
    #[serde(default)]
    all: Vec<String>,
    #[serde(default)]
    none: Vec<String>,
    #[serde(default)]
    needs_engineering_word: bool,
    priority: i32,
}

impl TitleRules {
    pub fn from_toml(text: &str) -> Result<Self, TaxonomyError> {
        let file: TitlesFile =
            toml::from_str(text).map_err(|source| TaxonomyError::Toml { file: FILE, source })?;
        let engineering_words: Vec<Vec<String>> =
            file.engineering_words.iter().map(|w| fold(w)).collect();
        let fallback_family = file
            .fallback_family
            .parse::<TitleFamily>()
            .map_err(|reason| TaxonomyError::UnknownMember { file: FILE, reason })?;
        let fallback_seniority = file
            .fallback_seniority
            .parse::<Seniority>()
            .map_err(|reason| TaxonomyError::UnknownMember { file: FILE, reason })?;

        let mut families = Vec::new();
        for (slug, member) in &file.families {
            let family = slug
                .parse::<TitleFamily>()
                .map_err(|reason| TaxonomyError::UnknownMember { file: FILE, reason })?;
            families.push((
                family,
                member.description.clone(),
                build_rules(slug, &member.rules, &engineering_words)?,
            ));
        }
        for family in TitleFamily::ALL {
            if !families.iter().any(|(known, _, _)| known == family) {
                return Err(TaxonomyError::MissingMember {
                    file: FILE,
                    set: "title family",
                    member: family.slug(),
                });
            }
        }
        families.sort_by_key(|(family, _, _)| *family);

        let mut levels = Vec::new();
        for (slug, member) in &file.seniority {
            let level = slug
                .parse::<Seniority>()
                .map_err(|reason| TaxonomyError::UnknownMember { file: FILE, reason })?;
            levels.push((
                level,
                member.description.clone(),
                build_rules(slug, &member.rules, &engineering_words)?,
            ));
        }
        for level in Seniority::ALL {
            if !levels.iter().any(|(known, _, _)| known == level) {
                return Err(TaxonomyError::MissingMember {
                    file: FILE,
                    set: "seniority level",
                    member: level.slug(),
                });
            }
        }
        levels.sort_by_key(|(level, _, _)| *level);

        Ok(TitleRules {
            families,
            levels,
            engineering_words,
            fallback_family,
            fallback_seniority,
        })
    }

    /// The family and seniority of `title`.
    pub fn classify(&self, title: &str) -> (TitleFamily, Seniority) {
        let words = fold(title);
        let family = best_match(&self.families, &words, &self.engineering_words)
            .unwrap_or(self.fallback_family);
        let level = best_match(&self.levels, &words, &self.engineering_words)
            .unwrap_or(self.fallback_seniority);
        (family, level)
    }

    /// The documentation of `family` from the TOML file.
    pub fn family_description(&self, family: TitleFamily) -> &str {
        self.families
            .iter()
            .find(|(known, _, _)| *known == family)
            .map_or("", |(_, description, _)| description.as_str())
    }

    /// The documentation of `level` from the TOML file.
    pub fn seniority_description(&self, level: Seniority) -> &str {
        self.levels
            .iter()
            .find(|(known, _, _)| *known == level)
            .map_or("", |(_, description, _)| description.as_str())
    }
}

fn build_rules(
    member: &str,
    rules: &[RuleFile],
    engineering_words: &[Vec<String>],
) -> Result<Vec<Rule>, TaxonomyError> {
    let fold_all = |phrases: &[String]| -> Result<Vec<Vec<String>>, TaxonomyError> {
        phrases
            .iter()
            .map(|phrase| {
                let words = fold(phrase);
                if words.is_empty() {
                    Err(TaxonomyError::Invalid {
                        file: FILE,
                        name: member.to_owned(),
                        reason: format!("the phrase {phrase:?} has no words"),
                    })
                } else {
                    Ok(words)
                }
            })
            .collect()
    };
    rules
        .iter()
        .map(|rule| {
            if rule.any.is_empty() && rule.all.is_empty() {
                return Err(TaxonomyError::Invalid {
                    file: FILE,
                    name: member.to_owned(),
                    reason: "a rule needs `any` or `all` phrases".to_owned(),
                });
            }
            if rule.needs_engineering_word && engineering_words.is_empty() {
                return Err(TaxonomyError::Invalid {
                    file: FILE,
                    name: member.to_owned(),
                    reason: "needs_engineering_word is set but engineering_words is empty"
                        .to_owned(),
                });
            }
            Ok(Rule {
                any: fold_all(&rule.any)?,
                all: fold_all(&rule.all)?,
                none: fold_all(&rule.none)?,
                needs_engineering_word: rule.needs_engineering_word,
                priority: rule.priority,
            })
        })
        .collect()
}

fn best_match<M: Copy>(
    members: &[(M, String, Vec<Rule>)],
    words: &[String],
    engineering_words: &[Vec<String>],
) -> Option<M> {
    let mut best: Option<(i32, M)> = None;
    for (member, _, rules) in members {
        for rule in rules {
            if best.is_some_and(|(priority, _)| priority >= rule.priority) {
                continue;
            }
            if rule_matches(rule, words, engineering_words) {
                best = Some((rule.priority, *member));
            }
        }
    }
    best.map(|(_, member)| member)
}

fn rule_matches(rule: &Rule, words: &[String], engineering_words: &[Vec<String>]) -> bool {
    let found = |phrase: &Vec<String>| contains_phrase(words, phrase);
    (rule.any.is_empty() || rule.any.iter().any(found))
        && rule.all.iter().all(found)
        && !rule.none.iter().any(found)
        && (!rule.needs_engineering_word || engineering_words.iter().any(found))
}

/// Whether `phrase` occurs in `words` as a run of whole words.
fn contains_phrase(words: &[String], phrase: &[String]) -> bool {
    !phrase.is_empty() && words.windows(phrase.len()).any(|window| window == phrase)
}

/// Folds a title or phrase into lower-case words. Letters, digits, `+` and `#` make words ("c++",
/// "c#"); a dot inside a word is kept ("node.js") and a dot at its edge dropped ("Sr." → "sr",
/// ".NET" → "net"); everything else separates words, so "Back-End" is "back end".
pub fn fold(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '+' | '#' | '.')))
        .map(|word| word.trim_matches('.').to_lowercase())
        .filter(|word| !word.is_empty())
        .collect()
}
