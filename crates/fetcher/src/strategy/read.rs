//! What a source's responses held between parsing and the outcome: [`Read`] collects the parsed
//! items, the items that did not read and the notes; [`Read::into_outcome`] normalises them and
//! judges the run, so that a run which could use none (or too few) of its items fails instead of
//! looking like a board that emptied.

use std::collections::HashSet;

use prepboard_core::normalize::Normalizer;
use prepboard_core::{Listing, RawListing};

use crate::FetchError;
use crate::http::Validators;
use crate::parser::ParseOutput;
use crate::source::{FIRST_UNREADABLE_KEPT, FetchOutcome};
use crate::spec::ReadPolicy;

/// What a source's response(s) held, parsed but not yet normalised or judged.
pub(crate) struct Read {
    pub(crate) raw: Vec<RawListing>,
    pub(crate) unreadable: Vec<String>,
    pub(crate) warnings: Vec<String>,
    pub(crate) http_status: Option<u16>,
    pub(crate) not_modified: bool,
    pub(crate) validators: Validators,
}

impl Read {
    /// Judges what was read, then normalises it: a run that could read none of the items it was
    /// sent, or too few, is a failure (see [`ReadPolicy`]). Listings that normalisation rejects
    /// (a link-back that is not an http(s) URL) are counted and named in the warnings, not judged
    /// here: a run left with nothing after them is still held by the drop guard before it closes.
    pub(crate) fn into_outcome(
        self,
        normalizer: &Normalizer,
        what: &str,
        policy: ReadPolicy,
    ) -> Result<FetchOutcome, FetchError> {
        let Read {
            raw,
            unreadable,
            mut warnings,
            http_status,
            not_modified,
            validators,
        } = self;
        judge(&unreadable, raw.len(), what, policy)?;
        let (listings, rejected) = normalize_all(normalizer, raw, &mut warnings);
        Ok(FetchOutcome {
            listings,
            http_status,
            not_modified,
            validators,
            unreadable,
            warnings,
            rejected,
        })
    }
}

fn judge(
    unreadable: &[String],
    readable: usize,
    what: &str,
    policy: ReadPolicy,
) -> Result<(), FetchError> {
    if unreadable.is_empty() {
        return Ok(());
    }
    let items = unreadable.len() + readable;
    // Counts far below 2^52: the conversion is exact.
    let share = unreadable.len() as f64 / items as f64;
    if readable == 0 || share > policy.max_unreadable_share {
        return Err(FetchError::Unreadable {
            what: what.to_owned(),
            items,
            unreadable: unreadable.len(),
            first: unreadable
                .iter()
                .take(FIRST_UNREADABLE_KEPT)
                .cloned()
                .collect(),
            max_share: policy.max_unreadable_share,
        });
    }
    Ok(())
}

impl Read {
    /// An empty result for a source of several responses, which share no validators.
    pub(super) fn merged() -> Read {
        Read {
            raw: Vec::new(),
            unreadable: Vec::new(),
            warnings: Vec::new(),
            http_status: None,
            not_modified: false,
            validators: Validators::default(),
        }
    }

    /// Adds one response's items, keeping the first listing of each source job id.
    pub(super) fn add(&mut self, parsed: ParseOutput, seen: &mut HashSet<String>) {
        self.unreadable.extend(parsed.unreadable);
        self.warnings.extend(parsed.warnings);
        self.raw.extend(
            parsed
                .listings
                .into_iter()
                .filter(|listing| seen.insert(listing.source_job_id.clone())),
        );
    }
}

/// Normalises every listing, and says how many were rejected. Each rejection and each URL left out
/// becomes a warning.
fn normalize_all(
    normalizer: &Normalizer,
    raw: Vec<RawListing>,
    warnings: &mut Vec<String>,
) -> (Vec<Listing>, usize) {
    let mut listings = Vec::with_capacity(raw.len());
    let mut rejected = 0;
    for listing in raw {
        match normalizer.normalize(listing) {
            Ok(normalized) => {
                let job = &normalized.listing.source_job_id;
                warnings.extend(
                    normalized
                        .dropped_urls
                        .iter()
                        .map(|dropped| format!("job {job:?}: {dropped}")),
                );
                listings.push(normalized.listing);
            }
            Err(rejection) => {
                rejected += 1;
                warnings.push(rejection.to_string());
            }
        }
    }
    (listings, rejected)
}
