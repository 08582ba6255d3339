//! The Host and Origin allow-lists of `/mcp`: the MCP specification's protection against DNS
//! rebinding, where a web page on an attacker's name that resolves to this server (or to a
//! prepboard on the visitor's own machine) talks to the endpoint from the visitor's browser.
//!
//! Allowed hosts: the name of `server.public_url`, and the names the server is reached by on its
//! bind address (loopback names for a loopback or all-interfaces bind; the address itself for a
//! specific one). Allowed origins: the public URL's origin and the same local addresses on the
//! bind port. A request without an Origin (every non-browser client) passes the Origin check; a
//! request whose Host or Origin is not on the lists is refused with 403 by the transport.

use std::net::{IpAddr, SocketAddr};

use url::Url;

use crate::state::SiteConfig;

/// The names a local client uses for a loopback address.
const LOOPBACK_HOSTS: [&str; 3] = ["localhost", "127.0.0.1", "::1"];

pub(super) fn allowed_hosts(site: &SiteConfig) -> Vec<String> {
    let mut hosts: Vec<String> = Vec::new();
    if let Some(host) = public_url(site).and_then(|url| url.host_str().map(bare_host)) {
        hosts.push(host);
    }
    hosts.extend(bind_hosts(site.bind_address));
    unique(hosts)
}

pub(super) fn allowed_origins(site: &SiteConfig) -> Vec<String> {
    let mut origins: Vec<String> = Vec::new();
    if let Some(url) = public_url(site)
        && let (Some(host), Some(port)) = (url.host_str(), url.port_or_known_default())
    {
        origins.push(format!("{}://{host}:{port}", url.scheme()));
    }
    // `:*` when the port is not known (the server was handed a listener, not an address).
    let port = site
        .bind_address
        .map(|address| address.port())
        .filter(|port| *port != 0)
        .map_or_else(|| "*".to_owned(), |port| port.to_string());
    for host in bind_hosts(site.bind_address) {
        let host = if host.contains(':') {
            format!("[{host}]")
        } else {
            host
        };
        origins.push(format!("http://{host}:{port}"));
    }
    unique(origins)
}

fn unique(mut items: Vec<String>) -> Vec<String> {
    let mut seen = Vec::with_capacity(items.len());
    items.retain(|item| {
        let new = !seen.contains(item);
        if new {
            seen.push(item.clone());
        }
        new
    });
    items
}

fn public_url(site: &SiteConfig) -> Option<Url> {
    Url::parse(&site.base_url).ok()
}

/// `[::1]` as the Host header carries it is `::1` to the transport's comparison.
fn bare_host(host: &str) -> String {
    host.trim_start_matches('[')
        .trim_end_matches(']')
        .to_ascii_lowercase()
}

/// The names the server answers to on its bind address: loopback names unless it is bound to one
/// specific non-loopback address, and that address itself.
fn bind_hosts(bind: Option<SocketAddr>) -> Vec<String> {
    let mut hosts: Vec<String> = Vec::new();
    let ip = bind.map(|address| address.ip());
    let local = ip.is_none_or(|ip| ip.is_loopback() || ip.is_unspecified());
    if local {
        hosts.extend(LOOPBACK_HOSTS.iter().map(|host| (*host).to_owned()));
    }
    if let Some(ip) = ip.filter(|ip| !ip.is_unspecified() && !is_listed(ip)) {
        hosts.push(ip.to_string());
    }
    hosts
}

fn is_listed(ip: &IpAddr) -> bool {
    LOOPBACK_HOSTS.contains(&ip.to_string().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(base_url: &str, bind: Option<&str>) -> SiteConfig {
        SiteConfig {
            base_url: base_url.to_owned(),
            bind_address: bind.map(|b| b.parse().unwrap()),
            ..SiteConfig::default()
        }
    }

    #[test]
    fn the_lists_follow_the_public_url_and_the_bind_address() {
        /// (public URL, bind address, allowed hosts, allowed origins)
        type Case<'a> = (&'a str, Option<&'a str>, &'a [&'a str], &'a [&'a str]);
        let cases: [Case<'_>; 4] = [
            (
                "https://jobs.example",
                Some("127.0.0.1:8080"),
                &["jobs.example", "localhost", "127.0.0.1", "::1"],
                &[
                    "https://jobs.example:443",
                    "http://localhost:8080",
                    "http://127.0.0.1:8080",
                    "http://[::1]:8080",
                ],
            ),
            (
                "http://10.0.0.5:9000/",
                Some("10.0.0.5:9000"),
                &["10.0.0.5"],
                &["http://10.0.0.5:9000"],
            ),
            (
                "https://Jobs.Example:8443",
                Some("0.0.0.0:8080"),
                &["jobs.example", "localhost", "127.0.0.1", "::1"],
                &[
                    "https://jobs.example:8443",
                    "http://localhost:8080",
                    "http://127.0.0.1:8080",
                    "http://[::1]:8080",
                ],
            ),
            (
                "http://[::1]:8080",
                None,
                &["::1", "localhost", "127.0.0.1"],
                &[
                    "http://[::1]:8080",
                    "http://localhost:*",
                    "http://127.0.0.1:*",
                    "http://[::1]:*",
                ],
            ),
        ];
        for (base, bind, hosts, origins) in cases {
            let site = site(base, bind);
            assert_eq!(allowed_hosts(&site), hosts, "hosts of {base} {bind:?}");
            assert_eq!(
                allowed_origins(&site),
                origins,
                "origins of {base} {bind:?}"
            );
        }
    }
}
