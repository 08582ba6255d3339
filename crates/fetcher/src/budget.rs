//! Each source's terms of use, as code: how often prepboard may poll it. The budgets are the
//! `poll_budget` of each source's terms in the [registry](crate::registry):
//!
//! - Remotive: at most 4 fetches in any rolling 24 hours (its README's advised maximum).
//! - We Work Remotely and RemoteOK (aggregator feeds): at most once an hour (WWR's `<ttl>60</ttl>`).
//! - Hacker News: at most once per `sources.hn.min_interval_minutes` (an hour by default; the
//!   threads change by a few posts a day), checked by the HN run (`sources::hn`) with the same error.
//! - Employer boards (Greenhouse, Lever, Ashby) and JSON-LD careers pages: no time budget; the run
//!   itself sends one request per board, which is what those hosts ask.
//!
//! The store keeps the attempt times; [`PollBudget::check`] is pure so the rules are table-tested
//! (through [`crate::registry::check_poll_budget`], which picks the budget by kind).

use chrono::{DateTime, TimeDelta, Utc};

/// A poll that the source's terms do not allow yet.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{source_name} allows {rule}; {recent} fetch(es) already in that window, next allowed at {next_allowed}"
)]
pub struct BudgetError {
    /// The source's display name ("Remotive").
    pub source_name: &'static str,
    /// The rule in words ("at most 4 fetches per 24 hours").
    pub rule: &'static str,
    /// How many recorded attempts fall in the rule's window.
    pub recent: usize,
    pub next_allowed: DateTime<Utc>,
}

/// At most `max_fetches` fetches in any rolling `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PollBudget {
    pub max_fetches: usize,
    pub window: TimeDelta,
    /// The rule in words, for the error ("at most 4 fetches per 24 hours").
    pub rule: &'static str,
}

impl PollBudget {
    /// What the feeds of We Work Remotely and RemoteOK ask.
    pub const ONE_PER_HOUR: PollBudget = PollBudget {
        max_fetches: 1,
        window: TimeDelta::hours(1),
        rule: "at most one fetch per hour",
    };

    /// Whether `source_name` may be fetched at `now`, given the times of its recent fetch
    /// attempts (in any order). Attempts in the future (clock skew) count as recent.
    pub fn check(
        &self,
        source_name: &'static str,
        recent_attempts: &[DateTime<Utc>],
        now: DateTime<Utc>,
    ) -> Result<(), BudgetError> {
        let window_start = now - self.window;
        let mut in_window: Vec<DateTime<Utc>> = recent_attempts
            .iter()
            .copied()
            .filter(|attempt| *attempt > window_start)
            .collect();
        if in_window.len() < self.max_fetches {
            return Ok(());
        }
        // The window frees a slot when the oldest attempt that still blocks it ages out.
        in_window.sort_unstable();
        let blocking_index = in_window.len() - self.max_fetches;
        let next_allowed = in_window
            .get(blocking_index)
            .map_or(now, |attempt| *attempt + self.window);
        Err(BudgetError {
            source_name,
            rule: self.rule,
            recent: in_window.len(),
            next_allowed,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::check_poll_budget;
    use prepboard_core::SourceKind;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    /// `expected`: `None` when allowed, else the next allowed time.
    fn check(kind: SourceKind, attempts: &[&str], now: &str, expected: Option<&str>) {
        let attempts: Vec<_> = attempts.iter().map(|text| at(text)).collect();
        let got = check_poll_budget(kind, &attempts, at(now)).err();
        assert_eq!(
            got.as_ref().map(|error| error.next_allowed),
            expected.map(at),
            "{kind:?} {attempts:?} at {now}: {got:?}"
        );
    }

    #[test]
    fn poll_budgets_follow_each_sources_terms() {
        use SourceKind::*;
        let now = "2026-05-02T12:00:00Z";
        // Remotive: four in a rolling day.
        check(Remotive, &[], now, None);
        let three = [
            "2026-05-01T13:00:00Z",
            "2026-05-02T06:00:00Z",
            "2026-05-02T11:00:00Z",
        ];
        check(Remotive, &three, now, None);
        let four = [
            "2026-05-02T11:00:00Z",
            "2026-05-01T13:00:00Z",
            "2026-05-02T06:00:00Z",
            "2026-05-02T09:00:00Z",
        ];
        check(Remotive, &four, now, Some("2026-05-02T13:00:00Z"));
        // An attempt exactly 24 h ago has aged out.
        let four_one_old = [
            "2026-05-01T12:00:00Z",
            "2026-05-02T06:00:00Z",
            "2026-05-02T09:00:00Z",
            "2026-05-02T11:00:00Z",
        ];
        check(Remotive, &four_one_old, now, None);
        let five = [
            "2026-05-01T13:00:00Z",
            "2026-05-01T14:00:00Z",
            "2026-05-02T06:00:00Z",
            "2026-05-02T09:00:00Z",
            "2026-05-02T11:00:00Z",
        ];
        check(Remotive, &five, now, Some("2026-05-02T14:00:00Z"));
        // Aggregator feeds: hourly.
        for kind in [WeWorkRemotely, RemoteOk] {
            check(kind, &[], now, None);
            check(kind, &["2026-05-02T10:59:59Z"], now, None);
            check(kind, &["2026-05-02T11:00:00Z"], now, None);
            check(
                kind,
                &["2026-05-02T11:30:00Z"],
                now,
                Some("2026-05-02T12:30:00Z"),
            );
            check(
                kind,
                &["2026-05-02T12:10:00Z"],
                now,
                Some("2026-05-02T13:10:00Z"),
            );
        }
        // Employer boards: no time budget.
        let many = ["2026-05-02T11:59:00Z"; 20];
        for kind in [Greenhouse, Lever, Ashby, JsonLd] {
            check(kind, &many, now, None);
        }
    }

    #[test]
    fn budget_error_says_when_to_come_back() {
        let attempts = [at("2026-05-02T11:30:00Z")];
        let error = check_poll_budget(SourceKind::RemoteOk, &attempts, at("2026-05-02T12:00:00Z"))
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "Remote OK allows at most one fetch per hour; 1 fetch(es) already in that window, \
             next allowed at 2026-05-02 12:30:00 UTC"
        );
    }
}
