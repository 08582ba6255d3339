//! Reading `config/titles.toml`: the file's shape, vocabulary references (`"@name"`), and the checks
//! that make a bad edit fail at start with the entry it concerns.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::rule::{Anchor, Rule};
use super::words::fold;
use crate::normalize::TaxonomyError;

pub(super) const FILE: &str = "config/titles.toml";

/// The vocabulary every file must define: words that make a title an engineering one.
const ENGINEERING_WORDS: &str = "engineering_words";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TitlesFile {
    pub fallback_family: String,
    pub fallback_seniority: String,
    pub vocabulary: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub compounds: CompoundsFile,
    pub families: BTreeMap<String, MemberFile>,
    pub seniority: BTreeMap<String, MemberFile>,
}

/// Compound phrases per classifier (see `words`): their words mean nothing on their own.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CompoundsFile {
    #[serde(default)]
    pub families: Vec<String>,
    #[serde(default)]
    pub seniority: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct MemberFile {
    pub description: String,
    #[serde(default)]
    pub rules: Vec<RuleFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RuleFile {
    #[serde(default)]
    any: Vec<String>,
    #[serde(default)]
    and_any: Vec<String>,
    #[serde(default)]
    all: Vec<String>,
    #[serde(default)]
    none: Vec<String>,
    #[serde(default)]
    after: Vec<String>,
    #[serde(default)]
    not_after: Vec<String>,
    #[serde(default)]
    in_role_segment: bool,
    #[serde(default)]
    needs_engineering_word: bool,
    priority: i32,
}

/// The vocabularies of the file, folded, with the phrases that reference them expanded.
pub(super) struct Vocabulary<'a> {
    lists: &'a BTreeMap<String, Vec<String>>,
}

impl<'a> Vocabulary<'a> {
    pub(super) fn new(lists: &'a BTreeMap<String, Vec<String>>) -> Result<Self, TaxonomyError> {
        for (name, phrases) in lists {
            if let Some(nested) = phrases.iter().find(|phrase| phrase.starts_with('@')) {
                return Err(invalid(
                    name,
                    format!("vocabularies cannot reference others ({nested:?})"),
                ));
            }
        }
        if !lists.contains_key(ENGINEERING_WORDS) {
            return Err(invalid(
                "vocabulary",
                format!("`{ENGINEERING_WORDS}` is required"),
            ));
        }
        Ok(Vocabulary { lists })
    }

    pub(super) fn engineering_words(&self) -> Result<Vec<Vec<String>>, TaxonomyError> {
        self.phrases(ENGINEERING_WORDS, &[format!("@{ENGINEERING_WORDS}")])
    }

    /// Folds `phrases`, replacing each `"@name"` by the phrases of that vocabulary.
    pub(super) fn phrases(
        &self,
        owner: &str,
        phrases: &[String],
    ) -> Result<Vec<Vec<String>>, TaxonomyError> {
        let mut folded = Vec::new();
        for phrase in phrases {
            if let Some(name) = phrase.strip_prefix('@') {
                let list = self.lists.get(name).ok_or_else(|| {
                    invalid(owner, format!("there is no vocabulary named {name:?}"))
                })?;
                for entry in list {
                    folded.push(fold_one(name, entry)?);
                }
            } else {
                folded.push(fold_one(owner, phrase)?);
            }
        }
        Ok(folded)
    }

    fn anchors(&self, owner: &str, phrases: &[String]) -> Result<Vec<Anchor>, TaxonomyError> {
        let mut anchors = Vec::new();
        let mut words = Vec::new();
        for phrase in phrases {
            if phrase == "^" {
                anchors.push(Anchor::SegmentStart);
            } else {
                words.push(phrase.clone());
            }
        }
        anchors.extend(self.phrases(owner, &words)?.into_iter().map(Anchor::Words));
        Ok(anchors)
    }

    pub(super) fn rules(
        &self,
        owner: &str,
        rules: &[RuleFile],
    ) -> Result<Vec<Rule>, TaxonomyError> {
        rules
            .iter()
            .map(|rule| {
                if rule.any.is_empty() && rule.all.is_empty() {
                    return Err(invalid(
                        owner,
                        "a rule needs `any` or `all` phrases".to_owned(),
                    ));
                }
                let placed = !rule.after.is_empty() || !rule.not_after.is_empty();
                if rule.any.is_empty() && (placed || rule.in_role_segment) {
                    return Err(invalid(
                        owner,
                        "`after`, `not_after` and `in_role_segment` place an `any` phrase; \
                         this rule has none"
                            .to_owned(),
                    ));
                }
                if let Some(reference) = rule.all.iter().find(|phrase| phrase.starts_with('@')) {
                    return Err(invalid(
                        owner,
                        format!("`all` takes phrases, not a vocabulary ({reference:?})"),
                    ));
                }
                Ok(Rule {
                    any: self.phrases(owner, &rule.any)?,
                    and_any: self.phrases(owner, &rule.and_any)?,
                    all: self.phrases(owner, &rule.all)?,
                    none: self.phrases(owner, &rule.none)?,
                    after: self.anchors(owner, &rule.after)?,
                    not_after: self.anchors(owner, &rule.not_after)?,
                    in_role_segment: rule.in_role_segment,
                    needs_engineering_word: rule.needs_engineering_word,
                    priority: rule.priority,
                })
            })
            .collect()
    }
}

fn fold_one(owner: &str, phrase: &str) -> Result<Vec<String>, TaxonomyError> {
    let words = fold(phrase);
    if words.is_empty() {
        Err(invalid(
            owner,
            format!("the phrase {phrase:?} has no words"),
        ))
    } else {
        Ok(words)
    }
}

fn invalid(name: &str, reason: String) -> TaxonomyError {
    TaxonomyError::Invalid {
        file: FILE,
        name: name.to_owned(),
        reason,
    }
}
