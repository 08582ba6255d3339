//! The order a run starts its sources in: round-robin over their hosts.
//!
//! At most `max_concurrency` sources run at once, and 28 of the shipped config's 44 sources are
//! Greenhouse boards on one host, whose rate limit spaces their requests seconds apart. In file
//! order, the first wave was mostly Greenhouse boards waiting their turn while the Lever and Ashby
//! hosts sat idle; offline, each wave also waited out its own connect timeout. Taking one source
//! per host first reaches every host in the first wave. Results still come back in file order.

use std::collections::HashMap;

use crate::http::host_key;
use crate::spec::FetchSource;

/// The indices of `sources` in start order: the first source of each host (in file order), then
/// the second of each, and so on. A source whose URL cannot be built is its own host.
pub(super) fn start_order(sources: &[FetchSource]) -> Vec<usize> {
    let mut started_per_host: HashMap<String, usize> = HashMap::new();
    let mut keyed: Vec<(usize, usize)> = sources
        .iter()
        .enumerate()
        .map(|(index, source)| {
            let host = source
                .spec
                .requests()
                .ok()
                .and_then(|requests| requests.first().map(|(url, _)| host_key(url)))
                .unwrap_or_else(|| format!("#{index}"));
            let round = started_per_host.entry(host).or_default();
            let key = (*round, index);
            *round += 1;
            key
        })
        .collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, index)| index).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::SourceSpec;
    use url::Url;

    fn board(base: &str, token: &str) -> FetchSource {
        FetchSource {
            name: token.to_owned(),
            spec: SourceSpec::Greenhouse {
                base_url: Url::parse(base).unwrap(),
                board: token.to_owned(),
                company: None,
            },
        }
    }

    #[test]
    fn every_host_starts_before_any_host_starts_twice() {
        let sources = [
            board("https://a.example", "a1"),
            board("https://a.example", "a2"),
            board("https://a.example", "a3"),
            board("https://b.example", "b1"),
            board("https://a.example:8443", "c1"),
            board("https://b.example", "b2"),
            board("https://d.example", "d1"),
        ];
        let names: Vec<&str> = start_order(&sources)
            .into_iter()
            .map(|index| sources[index].name.as_str())
            .collect();
        assert_eq!(names, ["a1", "b1", "c1", "d1", "a2", "b2", "a3"]);
        assert!(start_order(&[]).is_empty());
    }
}
