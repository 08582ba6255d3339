//! The closed sets people filter on: title families and seniority levels.
//!
//! The members are fixed here, in code, so a typo in config cannot invent a family; their
//! documentation and the rules that map titles onto them live in `config/titles.toml`, which the
//! title classifier loads and checks against these sets.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

macro_rules! closed_set {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $( $(#[$vmeta:meta])* $variant:ident => ($slug:literal, $label:literal), )+ }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $slug)] $variant, )+
        }

        impl $name {
            /// Every member, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The machine name, used in config, URLs, facets and JSON.
            pub fn slug(self) -> &'static str {
                match self { $($name::$variant => $slug),+ }
            }

            /// The human label.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn from_slug(slug: &str) -> Option<Self> {
                match slug { $($slug => Some($name::$variant),)+ _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.slug())
            }
        }

        impl FromStr for $name {
            type Err = UnknownMember;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::from_slug(s).ok_or_else(|| UnknownMember {
                    set: stringify!($name),
                    value: s.to_owned(),
                    expected: $name::ALL.iter().map(|m| m.slug()).collect::<Vec<_>>().join(", "),
                })
            }
        }
    };
}

/// Reads a member of a set by its slug, naming every accepted slug when it is not one: the
/// `FromStr` of the sets outside this module (employment and workplace types, sources, sort orders),
/// so command-line and config parsers say what they accept.
pub(crate) fn member_by_slug<T: Copy>(
    set: &'static str,
    value: &str,
    members: &[T],
    slug: impl Fn(T) -> &'static str,
) -> Result<T, UnknownMember> {
    members
        .iter()
        .copied()
        .find(|member| slug(*member) == value)
        .ok_or_else(|| UnknownMember {
            set,
            value: value.to_owned(),
            expected: members
                .iter()
                .map(|m| slug(*m))
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// A name that is not a member of one of the closed sets.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{value}` is not a {set}; expected one of: {expected}")]
pub struct UnknownMember {
    pub set: &'static str,
    pub value: String,
    pub expected: String,
}

closed_set! {
    /// What kind of job a title describes. `config/titles.toml` documents each family.
    pub enum TitleFamily {
        ApiEngineer => ("api-engineer", "API engineer"),
        BackendEngineer => ("backend-engineer", "Backend engineer"),
        FullStackEngineer => ("full-stack-engineer", "Full-stack engineer"),
        PlatformEngineer => ("platform-engineer", "Platform engineer"),
        DevopsSre => ("devops-sre", "DevOps / SRE"),
        DataEngineer => ("data-engineer", "Data engineer"),
        SecurityEngineer => ("security-engineer", "Security engineer"),
        MobileEngineer => ("mobile-engineer", "Mobile engineer"),
        FrontendEngineer => ("frontend-engineer", "Frontend engineer"),
        QaSdet => ("qa-sdet", "QA / SDET"),
        EngineeringManager => ("engineering-manager", "Engineering manager"),
        SolutionsEngineer => ("solutions-engineer", "Solutions engineer"),
        OtherEngineering => ("other-engineering", "Other engineering"),
        NonEngineering => ("non-engineering", "Non-engineering"),
    }
}

closed_set! {
    /// How senior a job is, as its title says. `Unknown` when the title does not say.
    pub enum Seniority {
        Intern => ("intern", "Intern"),
        Junior => ("junior", "Junior"),
        Mid => ("mid", "Mid-level"),
        Senior => ("senior", "Senior"),
        Staff => ("staff", "Staff"),
        Principal => ("principal", "Principal"),
        Lead => ("lead", "Lead"),
        Director => ("director", "Director / Head"),
        Unknown => ("unknown", "Not stated"),
    }
}

impl TitleFamily {
    /// Families of hands-on engineering work (everything but management, solutions, other and non-engineering).
    pub fn is_engineering(self) -> bool {
        !matches!(self, TitleFamily::NonEngineering)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip_through_serde_and_from_str() {
        for family in TitleFamily::ALL {
            let json = serde_json::to_string(family).unwrap();
            assert_eq!(json, format!("\"{}\"", family.slug()));
            assert_eq!(family.slug().parse::<TitleFamily>().unwrap(), *family);
        }
        for level in Seniority::ALL {
            assert_eq!(Seniority::from_slug(level.slug()), Some(*level));
        }
        assert_eq!(TitleFamily::ALL.len(), 14);
    }

    #[test]
    fn unknown_members_name_the_choices() {
        let err = "backend".parse::<TitleFamily>().unwrap_err();
        assert!(
            err.to_string().contains("api-engineer, backend-engineer"),
            "{err}"
        );
    }
}
