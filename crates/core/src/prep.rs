//! The interview-prep catalog's types: entries, the questions read from their pages, and matches.

use serde::{Deserialize, Serialize};

use crate::TitleFamily;

/// One page of interview-prep material, as listed in `config/prep.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrepEntry {
    /// Stable, URL-safe id ("rr-api-engineer-restful-api-design").
    pub id: String,
    pub title: String,
    pub url: String,
    pub kind: PrepKind,
    /// The title families it serves.
    #[serde(default)]
    pub families: Vec<TitleFamily>,
    /// The canonical skill ids it serves.
    #[serde(default)]
    pub skills: Vec<String>,
    /// The interview topics it prepares for (ids from `config/topics.toml`), the main one first.
    #[serde(default)]
    pub topics: Vec<String>,
    /// One line, in our own words.
    pub summary: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PrepKind {
    /// Questions for a role as a whole.
    RoleGuide,
    /// Questions on one topic within a role.
    TopicGuide,
    /// A section of a reference such as system-design-primer.
    ReferenceSection,
    /// A page of a handbook (system design, behavioural, negotiation).
    HandbookPage,
}

impl PrepKind {
    pub fn label(self) -> &'static str {
        match self {
            PrepKind::RoleGuide => "Role guide",
            PrepKind::TopicGuide => "Topic guide",
            PrepKind::ReferenceSection => "Reference",
            PrepKind::HandbookPage => "Handbook",
        }
    }
}

/// A question read from a prep page by `prepboard prep fetch`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrepQuestion {
    /// 1-based position on the page.
    pub position: u32,
    pub question: String,
    /// The page's answer text, when it has one.
    pub answer: Option<String>,
}

/// A catalog entry matched to a listing, with the reasons in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrepMatch {
    pub entry_id: String,
    pub score: f32,
    /// Why it matched: "role: API engineer", "asks for Kafka (3 mentions)".
    pub reasons: Vec<String>,
    /// Whether the match is for the role as a whole or for a skill it asks for.
    pub basis: MatchBasis,
    /// The interview topic the entry is linked for (an id from `config/topics.toml`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// The listing's own sentence that called for the topic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchBasis {
    Role,
    Skill,
}
