//! prepboard-core: the domain types every other crate speaks, and the pure logic that fills them.
//!
//! - [`Listing`] is one job as prepboard keeps it: normalised, sanitised, with its freshness ledger.
//! - [`RawListing`] is what a source parser read, before normalisation; the fetcher produces it.
//! - [`TitleFamily`], [`Seniority`], [`Eligibility`] and [`Salary`] are the normalised facets people filter on.
//! - [`search`] holds the request and response types of the one search API that the CLI and the web share.
//! - [`prep`] holds the interview-prep catalog types.
//!
//! Architecture invariant: this crate does no I/O (no files, no network, no clock reads except where a
//! caller passes the time in) and depends on nothing heavy, so every other crate can use it freely.

pub mod dedup;
pub mod id;
pub mod listing;
pub mod normalize;
pub mod prep;
pub mod raw;
pub mod search;
pub mod source;
pub mod taxonomy;

pub use id::ListingId;
pub use listing::{
    Company, Confidence, Eligibility, EligibilityScope, EmploymentType, Freshness, Listing, Region,
    Salary, SalaryOrigin, SalaryPeriod, Sighting, SkillMention, SkillPlace, UtcBand,
    WorkplaceEvidence, WorkplaceType,
};
pub use normalize::Normalizer;
pub use raw::{PlaceFields, RawListing, SourceField, StructuredSalary};
pub use source::SourceKind;
pub use taxonomy::{Seniority, TitleFamily};
