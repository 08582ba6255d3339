//! Title → [`TitleFamily`] and [`Seniority`], by the rules in `config/titles.toml`.
//!
//! A title is folded into lower-case words grouped in segments ([`words`]: "Sr. Back-End Engineer,
//! Payments Platform" → `sr back end engineer` | `payments platform`), and each rule's phrases are
//! matched as whole-word runs inside one segment. Rules can ask for a phrase in the role segment,
//! right after (or not after) certain words, together with a second phrase, or with an engineering
//! word ([`rule`]); phrases may name shared vocabularies (`"@backend_stack"`, [`config`]).
//! Compound phrases hide the words inside them ("data center" is not data). The highest-priority
//! matching rule wins, ties going to the member listed first in the closed set; no match gives the
//! configured fallback. The TOML file documents every member and why its rules rank as they do; this
//! module only runs them.

mod config;
mod rule;
mod words;

use super::TaxonomyError;
use crate::{Seniority, TitleFamily};
use config::{FILE, TitlesFile, Vocabulary};
use rule::Rule;
use words::FoldedTitle;

pub use words::{fold, without_parentheses};

/// The parsed and checked `titles.toml`.
#[derive(Debug, Clone)]
pub struct TitleRules {
    families: Classifier<TitleFamily>,
    levels: Classifier<Seniority>,
    /// Words that make a title an engineering one ("engineer", "developer"), for rules that need one.
    engineering_words: Vec<Vec<String>>,
}

/// The members of one closed set with their rules, the compounds that hide words from those rules,
/// and the fallback.
#[derive(Debug, Clone)]
struct Classifier<M> {
    members: Vec<(M, String, Vec<Rule>)>,
    compounds: Vec<Vec<String>>,
    fallback: M,
}

impl TitleRules {
    pub fn from_toml(text: &str) -> Result<Self, TaxonomyError> {
        let file: TitlesFile =
            toml::from_str(text).map_err(|source| TaxonomyError::Toml { file: FILE, source })?;
        let vocabulary = Vocabulary::new(&file.vocabulary)?;
        let engineering_words = vocabulary.engineering_words()?;
        let families = Classifier::build(
            &vocabulary,
            &file.families,
            vocabulary.phrases("compounds.families", &file.compounds.families)?,
            &file.fallback_family,
            TitleFamily::ALL,
            "title family",
            |member: TitleFamily| member.slug(),
        )?;
        let levels = Classifier::build(
            &vocabulary,
            &file.seniority,
            vocabulary.phrases("compounds.seniority", &file.compounds.seniority)?,
            &file.fallback_seniority,
            Seniority::ALL,
            "seniority level",
            |member: Seniority| member.slug(),
        )?;
        Ok(TitleRules {
            families,
            levels,
            engineering_words,
        })
    }

    /// The family and seniority of `title`.
    pub fn classify(&self, title: &str) -> (TitleFamily, Seniority) {
        (
            self.families.classify(title, &self.engineering_words),
            self.levels.classify(title, &self.engineering_words),
        )
    }

    /// The documentation of `family` from the TOML file.
    pub fn family_description(&self, family: TitleFamily) -> &str {
        self.families.description(family)
    }

    /// The documentation of `level` from the TOML file.
    pub fn seniority_description(&self, level: Seniority) -> &str {
        self.levels.description(level)
    }
}

impl<M> Classifier<M>
where
    M: Copy + Ord + std::str::FromStr<Err = crate::taxonomy::UnknownMember>,
{
    fn build(
        vocabulary: &Vocabulary<'_>,
        entries: &std::collections::BTreeMap<String, config::MemberFile>,
        compounds: Vec<Vec<String>>,
        fallback: &str,
        all: &[M],
        set: &'static str,
        slug: impl Fn(M) -> &'static str,
    ) -> Result<Self, TaxonomyError> {
        let unknown = |reason| TaxonomyError::UnknownMember { file: FILE, reason };
        let fallback = fallback.parse::<M>().map_err(unknown)?;
        let mut members = Vec::new();
        for (name, entry) in entries {
            let member = name.parse::<M>().map_err(unknown)?;
            members.push((
                member,
                entry.description.clone(),
                vocabulary.rules(name, &entry.rules)?,
            ));
        }
        for member in all {
            if !members.iter().any(|(known, _, _)| known == member) {
                return Err(TaxonomyError::MissingMember {
                    file: FILE,
                    set,
                    member: slug(*member),
                });
            }
        }
        members.sort_by_key(|(member, _, _)| *member);
        Ok(Classifier {
            members,
            compounds,
            fallback,
        })
    }

    fn classify(&self, title: &str, engineering_words: &[Vec<String>]) -> M {
        let title = FoldedTitle::new(title, &self.compounds);
        let mut best: Option<(i32, M)> = None;
        for (member, _, rules) in &self.members {
            for rule in rules {
                if best.is_some_and(|(priority, _)| priority >= rule.priority) {
                    continue;
                }
                if rule.matches(&title, engineering_words) {
                    best = Some((rule.priority, *member));
                }
            }
        }
        best.map_or(self.fallback, |(_, member)| member)
    }

    fn description(&self, member: M) -> &str {
        self.members
            .iter()
            .find(|(known, _, _)| *known == member)
            .map_or("", |(_, description, _)| description.as_str())
    }
}
