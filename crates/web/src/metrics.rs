//! [`Metrics`]: request and search latency histograms, written out in the Prometheus text format.
//!
//! Hand-written rather than a metrics crate: the site needs two histograms and a few gauges read from
//! the store, and lock-free atomics on the request path keep the overhead to a few nanoseconds.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use prepboard_store::SourceSummary;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 14] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// A latency histogram with cumulative buckets, as Prometheus wants them.
#[derive(Debug, Default)]
pub struct Histogram {
    buckets: [AtomicU64; BUCKETS.len()],
    count: AtomicU64,
    sum_nanos: AtomicU64,
}

impl Histogram {
    pub fn observe(&self, elapsed: Duration) {
        let seconds = elapsed.as_secs_f64();
        if let Some(index) = BUCKETS.iter().position(|bound| seconds <= *bound)
            && let Some(bucket) = self.buckets.get(index)
        {
            bucket.fetch_add(1, Ordering::Relaxed);
        }
        self.count.fetch_add(1, Ordering::Relaxed);
        let nanos = u64::try_from(elapsed.as_nanos()).unwrap_or(u64::MAX);
        self.sum_nanos.fetch_add(nanos, Ordering::Relaxed);
    }

    pub fn count(&self) -> u64 {
        self.count.load(Ordering::Relaxed)
    }

    /// Total observed time.
    pub fn sum(&self) -> Duration {
        Duration::from_nanos(self.sum_nanos.load(Ordering::Relaxed))
    }

    fn write(&self, out: &mut String, name: &str, labels: &str) {
        let separator = if labels.is_empty() { "" } else { "," };
        let mut cumulative = 0;
        for (bound, bucket) in BUCKETS.iter().zip(&self.buckets) {
            cumulative += bucket.load(Ordering::Relaxed);
            let _ = writeln!(
                out,
                "{name}_bucket{{{labels}{separator}le=\"{bound}\"}} {cumulative}"
            );
        }
        let count = self.count();
        let _ = writeln!(
            out,
            "{name}_bucket{{{labels}{separator}le=\"+Inf\"}} {count}"
        );
        let braces = if labels.is_empty() {
            String::new()
        } else {
            format!("{{{labels}}}")
        };
        let _ = writeln!(out, "{name}_sum{braces} {}", self.sum().as_secs_f64());
        let _ = writeln!(out, "{name}_count{braces} {count}");
    }
}

/// Every metric the web layer keeps in memory. Shared through `AppState`.
#[derive(Debug, Default)]
pub struct Metrics {
    /// By (route template, status class such as "2xx").
    requests: RwLock<BTreeMap<(String, &'static str), Arc<Histogram>>>,
    /// Time spent inside the index per search, measured around the blocking call.
    pub search: Histogram,
}

impl Metrics {
    pub fn observe_request(&self, route: &str, status_class: &'static str, elapsed: Duration) {
        let key = (route.to_owned(), status_class);
        let existing = self
            .requests
            .read()
            .ok()
            .and_then(|map| map.get(&key).cloned());
        let histogram = match existing {
            Some(histogram) => histogram,
            None => match self.requests.write() {
                Ok(mut map) => map.entry(key).or_default().clone(),
                // A poisoned lock only means a panic elsewhere mid-insert; losing one sample is fine.
                Err(_) => return,
            },
        };
        histogram.observe(elapsed);
    }

    /// The Prometheus text exposition of everything, plus the gauges passed in.
    pub fn render(&self, listings_indexed: u64, sources: &[SourceSummary]) -> String {
        let mut out = String::new();
        out.push_str("# HELP prepboard_http_request_duration_seconds Time to answer a request, by route template and status class.\n");
        out.push_str("# TYPE prepboard_http_request_duration_seconds histogram\n");
        if let Ok(map) = self.requests.read() {
            for ((route, class), histogram) in map.iter() {
                let labels = format!("route=\"{}\",status=\"{class}\"", escape_label(route));
                histogram.write(&mut out, "prepboard_http_request_duration_seconds", &labels);
            }
        }
        out.push_str(
            "# HELP prepboard_search_duration_seconds Time spent in the search index per search.\n",
        );
        out.push_str("# TYPE prepboard_search_duration_seconds histogram\n");
        self.search
            .write(&mut out, "prepboard_search_duration_seconds", "");
        out.push_str("# HELP prepboard_listings_indexed Open listings in the search index.\n");
        out.push_str("# TYPE prepboard_listings_indexed gauge\n");
        let _ = writeln!(out, "prepboard_listings_indexed {listings_indexed}");

        out.push_str("# HELP prepboard_source_last_success_timestamp_seconds When each source was last fetched successfully (Unix time).\n");
        out.push_str("# TYPE prepboard_source_last_success_timestamp_seconds gauge\n");
        for summary in sources {
            if let Some(at) = summary.last_success_at {
                let _ = writeln!(
                    out,
                    "prepboard_source_last_success_timestamp_seconds{{source=\"{}\"}} {}",
                    escape_label(&summary.source_name),
                    at.timestamp()
                );
            }
        }
        out.push_str("# HELP prepboard_source_failures_since_success Failed fetches of each source since its last success.\n");
        out.push_str("# TYPE prepboard_source_failures_since_success gauge\n");
        for summary in sources {
            let _ = writeln!(
                out,
                "prepboard_source_failures_since_success{{source=\"{}\"}} {}",
                escape_label(&summary.source_name),
                summary.failures_since_success
            );
        }
        out.push_str("# HELP prepboard_source_open_listings Open listings seen on each source.\n");
        out.push_str("# TYPE prepboard_source_open_listings gauge\n");
        for summary in sources {
            let _ = writeln!(
                out,
                "prepboard_source_open_listings{{source=\"{}\"}} {}",
                escape_label(&summary.source_name),
                summary.open_listings
            );
        }
        out
    }
}

fn escape_label(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histograms_are_cumulative_and_labelled() {
        let metrics = Metrics::default();
        metrics.observe_request("/jobs/{id}", "2xx", Duration::from_micros(300));
        metrics.observe_request("/jobs/{id}", "2xx", Duration::from_millis(20));
        metrics.search.observe(Duration::from_micros(800));
        let text = metrics.render(7, &[]);
        assert!(text.contains(
            "prepboard_http_request_duration_seconds_bucket{route=\"/jobs/{id}\",status=\"2xx\",le=\"0.0005\"} 1"
        ));
        assert!(text.contains(
            "prepboard_http_request_duration_seconds_bucket{route=\"/jobs/{id}\",status=\"2xx\",le=\"0.025\"} 2"
        ));
        assert!(text.contains("prepboard_search_duration_seconds_bucket{le=\"0.001\"} 1"));
        assert!(text.contains("prepboard_search_duration_seconds_count 1"));
        assert!(text.contains("prepboard_listings_indexed 7"));
    }
}
