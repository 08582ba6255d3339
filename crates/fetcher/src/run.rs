//! Running sources: one fetch of one source ([`fetch_source`]: its poll budget, then the run its
//! module in the [`registry`] makes), and a run over many ([`fetch_all`]:
//! concurrent, started round-robin over hosts, with [`Progress`] reports).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use futures::StreamExt;
use prepboard_core::normalize::Normalizer;

use crate::FetchError;
use crate::http::HttpClient;
use crate::registry::{self, check_poll_budget};
use crate::source::{FetchOutcome, PriorState, Run};
use crate::spec::{FetchSource, ReadPolicy};

mod start_order;

use start_order::start_order;

/// Where a source is in a run, for progress bars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    Started,
    Succeeded { listings: usize, not_modified: bool },
    Failed { error: String },
}

/// Fetches one source at `now` (also the listings' `fetched_at`): the poll budget, then the run
/// its module in the [`registry`] makes. Fails, rather than returning a partial
/// result, when `read_policy` says too little of the payload could be read.
pub async fn fetch_source(
    client: &HttpClient,
    source: &FetchSource,
    prior: &PriorState,
    normalizer: &Normalizer,
    read_policy: ReadPolicy,
    now: DateTime<Utc>,
) -> Result<FetchOutcome, FetchError> {
    let kind = source.spec.kind();
    check_poll_budget(kind, &prior.recent_attempts, now)?;
    let run = Run {
        client,
        source,
        prior,
        normalizer,
        read_policy,
        now,
    };
    registry::source(kind).fetch(run).await
}

/// Fetches `sources` concurrently (at most `max_concurrency` at once, started round-robin over
/// their hosts), reporting progress by source name. Results come back in the order of `sources`. A source missing from `priors` is
/// fetched unconditionally with no budget history.
pub async fn fetch_all(
    client: &HttpClient,
    sources: &[FetchSource],
    priors: &HashMap<String, PriorState>,
    normalizer: &Normalizer,
    read_policy: ReadPolicy,
    now: DateTime<Utc>,
    progress: impl Fn(&str, Progress),
) -> Vec<(String, Result<FetchOutcome, FetchError>)> {
    let no_prior = PriorState::default();
    let progress = &progress;
    let no_prior = &no_prior;
    let mut results: Vec<(usize, String, Result<FetchOutcome, FetchError>)> =
        futures::stream::iter(start_order(sources))
            .map(|index| async move {
                let source = &sources[index];
                progress(&source.name, Progress::Started);
                let prior = priors.get(&source.name).unwrap_or(no_prior);
                let result =
                    fetch_source(client, source, prior, normalizer, read_policy, now).await;
                let update = match &result {
                    Ok(outcome) => Progress::Succeeded {
                        listings: outcome.listings.len(),
                        not_modified: outcome.not_modified,
                    },
                    Err(error) => Progress::Failed {
                        error: error.to_string(),
                    },
                };
                progress(&source.name, update);
                (index, source.name.clone(), result)
            })
            .buffer_unordered(client.policy().max_concurrency.max(1))
            .collect()
            .await;
    results.sort_by_key(|(index, _, _)| *index);
    results
        .into_iter()
        .map(|(_, name, result)| (name, result))
        .collect()
}
