//! robots.txt (RFC 9309): parsing, and deciding whether a path may be fetched.
//!
//! [`RobotsRules::parse`] keeps the groups that apply to our product token (or, when none names
//! it, the `*` groups); [`RobotsRules::allows`] picks the longest matching `Allow`/`Disallow`
//! pattern, `Allow` winning ties, with `*` and `$` wildcards. Fetching and caching per host lives
//! in [`crate::http::HttpClient::get_page`]; what an unreachable robots.txt means is decided there
//! ([`RobotsVerdict`]).

/// The rules of one robots.txt that apply to one product token.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RobotsRules {
    rules: Vec<Rule>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Rule {
    allow: bool,
    pattern: String,
}

/// What robots.txt said about a host for this run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RobotsVerdict {
    /// robots.txt was read (a missing one reads as no rules).
    Rules(RobotsRules),
    /// robots.txt could not be read (5xx, unreachable): RFC 9309 says to assume full disallow.
    Unreachable { reason: String },
}

impl RobotsVerdict {
    /// `Ok(())` when `path_and_query` may be fetched, else why not.
    pub fn check(&self, path_and_query: &str) -> Result<(), String> {
        match self {
            RobotsVerdict::Rules(rules) if rules.allows(path_and_query) => Ok(()),
            RobotsVerdict::Rules(_) => Err("robots.txt disallows it".to_owned()),
            RobotsVerdict::Unreachable { reason } => Err(format!(
                "robots.txt could not be read ({reason}), so the host is treated as disallowing everything for this run"
            )),
        }
    }
}

impl RobotsRules {
    /// The rules for `product_token` (matched case-insensitively) in a robots.txt body. Unknown
    /// lines and lines without a colon are ignored, as the RFC asks.
    pub fn parse(body: &str, product_token: &str) -> RobotsRules {
        let token = product_token.trim().to_ascii_lowercase();
        let mut ours = Vec::new();
        let mut wildcard = Vec::new();
        let mut named_us = false;
        // The user agents of the group being read, and whether a rule line closed its header.
        let mut group_agents: Vec<String> = Vec::new();
        let mut in_rules = false;

        for line in body.lines() {
            let line = line.split('#').next().unwrap_or_default().trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim();
            match key.as_str() {
                "user-agent" => {
                    if in_rules {
                        group_agents.clear();
                        in_rules = false;
                    }
                    group_agents.push(value.to_ascii_lowercase());
                }
                "allow" | "disallow" => {
                    in_rules = true;
                    // An empty Disallow disallows nothing; an empty Allow allows nothing extra.
                    if value.is_empty() {
                        continue;
                    }
                    let rule = Rule {
                        allow: key == "allow",
                        pattern: value.to_owned(),
                    };
                    if !token.is_empty() && group_agents.contains(&token) {
                        named_us = true;
                        ours.push(rule);
                    } else if group_agents.iter().any(|agent| agent == "*") {
                        wildcard.push(rule);
                    }
                }
                _ => {}
            }
        }
        // A group that names us but has no rules still means "nothing is disallowed for you".
        let header_named_us = body.lines().any(|line| {
            let line = line.split('#').next().unwrap_or_default();
            line.split_once(':').is_some_and(|(key, value)| {
                key.trim().eq_ignore_ascii_case("user-agent")
                    && value.trim().eq_ignore_ascii_case(&token)
            })
        });
        let rules = if named_us || header_named_us {
            ours
        } else {
            wildcard
        };
        RobotsRules { rules }
    }

    /// Whether `path_and_query` ("/jobs?id=1") may be fetched.
    pub fn allows(&self, path_and_query: &str) -> bool {
        let mut best: Option<&Rule> = None;
        for rule in &self.rules {
            if !pattern_matches(&rule.pattern, path_and_query) {
                continue;
            }
            best = match best {
                None => Some(rule),
                Some(current) => {
                    let longer = rule.pattern.len() > current.pattern.len();
                    let tie_goes_to_allow =
                        rule.pattern.len() == current.pattern.len() && rule.allow;
                    if longer || tie_goes_to_allow {
                        Some(rule)
                    } else {
                        Some(current)
                    }
                }
            };
        }
        best.is_none_or(|rule| rule.allow)
    }
}

/// Whether a robots.txt path pattern matches from the start of `path`: `*` matches any run of
/// characters, a trailing `$` anchors the end.
fn pattern_matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(rest) => (rest, true),
        None => (pattern, false),
    };
    let mut pieces = pattern.split('*');
    let first = pieces.next().unwrap_or_default();
    let Some(mut rest) = path.strip_prefix(first) else {
        return false;
    };
    let later: Vec<&str> = pieces.collect();
    if later.is_empty() {
        return !anchored || rest.is_empty();
    }
    let last_index = later.len() - 1;
    for (index, piece) in later.iter().enumerate() {
        if index == last_index && anchored {
            return rest.ends_with(piece);
        }
        match rest.find(piece) {
            Some(at) => rest = rest.get(at + piece.len()..).unwrap_or_default(),
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROBOTS: &str = "\
# comment line
User-agent: *
Disallow: /private
Allow: /private/jobs
Disallow: /*.pdf$
Disallow: /search?*q=

User-agent: Googlebot
User-agent: bingbot
Disallow: /
";

    const ROBOTS_FOR_US: &str = "\
User-agent: *
Disallow: /

User-agent: PrepBoard   # our token, other case
Disallow: /admin
Allow: /admin/public
Disallow: /page
Allow: /page
";

    fn check(robots: &str, path: &str, allowed: bool) {
        let rules = RobotsRules::parse(robots, "prepboard");
        assert_eq!(rules.allows(path), allowed, "{path} under\n{robots}");
    }

    #[test]
    fn rules_pick_our_group_and_the_longest_match() {
        check(ROBOTS, "/", true);
        check(ROBOTS, "/careers/backend", true);
        check(ROBOTS, "/private", false);
        check(ROBOTS, "/private/team", false);
        check(ROBOTS, "/private/jobs", true);
        check(ROBOTS, "/private/jobs/42", true);
        check(ROBOTS, "/files/handbook.pdf", false);
        check(ROBOTS, "/files/handbook.pdf?v=2", true);
        check(ROBOTS, "/search?page=2&q=rust", false);
        check(ROBOTS, "/search?page=2", true);

        check(ROBOTS_FOR_US, "/", true);
        check(ROBOTS_FOR_US, "/jobs", true);
        check(ROBOTS_FOR_US, "/admin/users", false);
        check(ROBOTS_FOR_US, "/admin/public/list", true);
        // Same length: Allow wins.
        check(ROBOTS_FOR_US, "/page", true);

        check("", "/anything", true);
        check("User-agent: *\nDisallow:\n", "/anything", true);
        check("User-agent: *\nDisallow: /\n", "/anything", false);
        // Consecutive user-agent lines form one group, blank lines or not.
        check(
            "User-agent: prepboard\n\nUser-agent: *\nDisallow: /\n",
            "/x",
            false,
        );
        check(
            "User-agent: *\nDisallow: /\n\nUser-agent: prepboard\n",
            "/x",
            true,
        );
        check("garbage without colons\nDisallow /x\n", "/x", true);
        check("User-agent: *\nDisallow: /$\n", "/", false);
        check("User-agent: *\nDisallow: /$\n", "/jobs", true);
        check("User-agent: *\nDisallow: /a*b*c\n", "/a-x-b-y-c-z", false);
        check("User-agent: *\nDisallow: /a*b*c\n", "/a-x-c-y-b", true);
    }

    #[test]
    fn unreachable_robots_disallows_everything() {
        let verdict = RobotsVerdict::Unreachable {
            reason: "HTTP 503".to_owned(),
        };
        assert!(verdict.check("/").is_err());
        let verdict = RobotsVerdict::Rules(RobotsRules::default());
        assert_eq!(verdict.check("/jobs"), Ok(()));
    }
}
