//! The kinds of source prepboard reads, and what their terms ask of us.

use serde::{Deserialize, Serialize};

/// A kind of source. Several configured sources can share a kind (one Greenhouse source per board).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Greenhouse,
    Lever,
    Ashby,
    /// We Work Remotely's RSS feeds.
    WeWorkRemotely,
    Remotive,
    #[serde(rename = "remoteok")]
    RemoteOk,
    /// Any careers page that embeds schema.org `JobPosting` JSON-LD.
    JsonLd,
    /// The monthly "Ask HN: Who is hiring?" threads; one listing per role a post names.
    HackerNews,
}

impl SourceKind {
    pub const ALL: [SourceKind; 8] = [
        SourceKind::Greenhouse,
        SourceKind::Lever,
        SourceKind::Ashby,
        SourceKind::WeWorkRemotely,
        SourceKind::Remotive,
        SourceKind::RemoteOk,
        SourceKind::JsonLd,
        SourceKind::HackerNews,
    ];

    /// The machine name used in config, ids, facets and URLs.
    pub fn slug(self) -> &'static str {
        match self {
            SourceKind::Greenhouse => "greenhouse",
            SourceKind::Lever => "lever",
            SourceKind::Ashby => "ashby",
            SourceKind::WeWorkRemotely => "we_work_remotely",
            SourceKind::Remotive => "remotive",
            SourceKind::RemoteOk => "remoteok",
            SourceKind::JsonLd => "json_ld",
            SourceKind::HackerNews => "hacker_news",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        SourceKind::ALL.into_iter().find(|kind| kind.slug() == slug)
    }

    /// The name the source's terms ask us to show next to its link-back.
    pub fn display_name(self) -> &'static str {
        match self {
            SourceKind::Greenhouse => "Greenhouse",
            SourceKind::Lever => "Lever",
            SourceKind::Ashby => "Ashby",
            SourceKind::WeWorkRemotely => "We Work Remotely",
            SourceKind::Remotive => "Remotive",
            SourceKind::RemoteOk => "Remote OK",
            SourceKind::JsonLd => "Company careers page",
            SourceKind::HackerNews => "Hacker News",
        }
    }

    /// Employer boards publish their own jobs; the rest are aggregators whose terms forbid passing
    /// their listings on (for example as schema.org JSON-LD that Google Jobs would ingest).
    pub fn is_employer_board(self) -> bool {
        matches!(
            self,
            SourceKind::Greenhouse | SourceKind::Lever | SourceKind::Ashby | SourceKind::JsonLd
        )
    }
}

impl std::str::FromStr for SourceKind {
    type Err = crate::taxonomy::UnknownMember;
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        crate::taxonomy::member_by_slug("source", value, &SourceKind::ALL, SourceKind::slug)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip_and_match_serde() {
        for kind in SourceKind::ALL {
            assert_eq!(SourceKind::from_slug(kind.slug()), Some(kind));
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.slug()));
        }
    }
}
