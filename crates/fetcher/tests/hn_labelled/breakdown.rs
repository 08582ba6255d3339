//! What kind of miss each wrong post is, counted per half.
//!
//! The held-out half's misses are never printed one by one (tuning on them would make its figure
//! meaningless), but its losses can still be told apart by kind, and the kind says which failure
//! class to fix next: too many or too few roles (splitting, merging, a list missed), the right
//! number with a wrong family (title vocabulary), the right families with a wrong level
//! (seniority rules), a note read as a job, or a job post read as nothing. Workplace misses are
//! counted as `want -> got` value pairs. Only counts leave this module, for either half.

use std::collections::BTreeMap;

/// A post's labelled and read roles, as (family, seniority) pairs.
pub type Roles = Vec<(String, String)>;

/// The counts for one half.
#[derive(Debug, Default)]
pub struct Breakdown {
    /// Role misses by kind.
    kinds: BTreeMap<&'static str, usize>,
    /// Role misses by kind and by where the reader took the roles from.
    sources: BTreeMap<String, usize>,
    /// In posts with the right number of roles: labelled family -> read family, over roles that
    /// no exact match explains.
    families: BTreeMap<String, usize>,
    /// Labelled level -> read level, over unmatched roles whose family is right.
    levels: BTreeMap<String, usize>,
    /// In posts with the wrong number of roles: labelled count -> read count.
    counts: BTreeMap<String, usize>,
    /// In posts with too few roles: the labelled roles no read role matches, by family.
    missing: BTreeMap<String, usize>,
    /// In posts with too few roles: the kind of line an unmatched labelled title stands on.
    missing_lines: BTreeMap<String, usize>,
    /// Workplace misses: labelled set -> read set.
    workplaces: BTreeMap<String, usize>,
}

impl Breakdown {
    /// Counts one post's role miss (if it is one).
    pub fn add_roles(&mut self, job: bool, want: &Roles, got: &Roles, source: &str) {
        let mut want = want.clone();
        let mut got = got.clone();
        want.sort();
        got.sort();
        if want == got {
            return;
        }
        let kind = if !job {
            "not a job, read as one"
        } else if got.is_empty() {
            "job post read as nothing"
        } else if got.len() > want.len() {
            "too many roles"
        } else if got.len() < want.len() {
            "too few roles"
        } else {
            let families = |roles: &Roles| {
                let mut families: Vec<String> = roles.iter().map(|(f, _)| f.clone()).collect();
                families.sort();
                families
            };
            if families(&want) == families(&got) {
                "right number and families, wrong level"
            } else {
                "right number, wrong family"
            }
        };
        *self.kinds.entry(kind).or_default() += 1;
        *self.sources.entry(format!("{kind}: {source}")).or_default() += 1;
        if want.len() != got.len() {
            if job && got.len() < want.len() {
                let (want_left, _) = unmatched(want.clone(), got.clone());
                for (family, _) in want_left {
                    *self.missing.entry(family).or_default() += 1;
                }
            }
            if job && !got.is_empty() {
                let bucket = |n: usize| {
                    if n >= 6 {
                        "6+".to_owned()
                    } else {
                        n.to_string()
                    }
                };
                *self
                    .counts
                    .entry(format!("{} -> {}", bucket(want.len()), bucket(got.len())))
                    .or_default() += 1;
            }
            return;
        }
        // Take out exact matches, then pair what is left: same family first (a level miss),
        // then in order (a family miss).
        let (want, got) = unmatched(want, got);
        let mut got_left = got;
        let mut want_left = Vec::new();
        for (family, level) in want {
            match got_left.iter().position(|(f, _)| *f == family) {
                Some(at) => {
                    let (_, got_level) = got_left.remove(at);
                    *self
                        .levels
                        .entry(format!("{level} -> {got_level}"))
                        .or_default() += 1;
                }
                None => want_left.push((family, level)),
            }
        }
        for ((family, _), (got_family, _)) in want_left.into_iter().zip(got_left) {
            *self
                .families
                .entry(format!("{family} -> {got_family}"))
                .or_default() += 1;
        }
    }

    /// Counts, for a post with too few roles, where the titles of its unmatched labelled roles
    /// stand in the post: on the header line, a list line (marker), a short line, a line of
    /// prose, or nowhere word for word.
    pub fn add_missing_lines(&mut self, titles: &[String], lines: &[String], source: &str) {
        for title in titles {
            // Word by word, plurals and case aside: "Backend Engineer" stands in "Backend
            // and Frontend Engineers".
            let words = |text: &str| -> Vec<String> {
                text.split(|c: char| !c.is_alphanumeric() && c != '+' && c != '#')
                    .filter(|word| !word.is_empty())
                    .map(|word| word.to_lowercase().trim_end_matches('s').to_owned())
                    .collect()
            };
            let needle = words(title);
            let kind = match lines.iter().position(|line| {
                let line = words(line);
                needle.iter().all(|word| line.contains(word))
            }) {
                None => "not in the post word by word".to_owned(),
                Some(0) => "header line".to_owned(),
                Some(at) => {
                    let line = lines[at].trim_start();
                    let count = line.split_whitespace().count();
                    let marked = line.starts_with(['-', '*', '•', '+', '●', '–', '◦', '▪'])
                        || line.split_once(['.', ')']).is_some_and(|(n, _)| {
                            !n.is_empty() && n.len() <= 2 && n.chars().all(|c| c.is_ascii_digit())
                        });
                    let shape = if marked {
                        "list line (marker)"
                    } else if count <= 8 {
                        "short line (<= 8 words)"
                    } else {
                        "long line (> 8 words)"
                    };
                    let commas = if line.matches(',').count() >= 2 {
                        ", 2+ commas"
                    } else {
                        ""
                    };
                    // Whether the line hires in words, and whether the title opens it.
                    let lower = line.to_lowercase();
                    let hiring = [
                        "hiring",
                        "looking for",
                        "seeking",
                        "join",
                        "opening",
                        "role",
                        "position",
                    ]
                    .iter()
                    .any(|word| lower.contains(word));
                    let verb = if hiring { ", hiring word" } else { "" };
                    let bare = words(line);
                    let opens = if bare.first() == needle.first() {
                        ", title opens it"
                    } else {
                        ""
                    };
                    format!("{shape}{commas}{verb}{opens}")
                }
            };
            *self
                .missing_lines
                .entry(format!("{kind}; roles from {source}"))
                .or_default() += 1;
        }
    }

    /// Counts one job post's workplace miss.
    pub fn add_workplace(&mut self, want: &[String], got: &[String]) {
        let name = |set: &[String]| {
            if set.is_empty() {
                "(nothing)".to_owned()
            } else {
                set.join("+")
            }
        };
        *self
            .workplaces
            .entry(format!("{} -> {}", name(want), name(got)))
            .or_default() += 1;
    }

    /// Prints the counts, most frequent first.
    pub fn print(&self, half: &str) {
        println!("{half} breakdown (counts only):");
        for (title, counts) in [
            ("role misses by kind", &self.kinds_owned()),
            ("role misses by kind and source of roles", &self.sources),
            (
                "family, labelled -> read (right number of roles)",
                &self.families,
            ),
            ("level, labelled -> read (family right)", &self.levels),
            ("number of roles, labelled -> read", &self.counts),
            (
                "unmatched labelled roles of posts with too few, by family",
                &self.missing,
            ),
            (
                "unmatched labelled titles of posts with too few, by line",
                &self.missing_lines,
            ),
            ("workplace, labelled -> read", &self.workplaces),
        ] {
            let total: usize = counts.values().sum();
            println!("  {title} ({total}):");
            let mut rows: Vec<(&String, &usize)> = counts.iter().collect();
            rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            for (what, count) in rows {
                println!("    {count:>3}  {what}");
            }
        }
    }

    fn kinds_owned(&self) -> BTreeMap<String, usize> {
        self.kinds
            .iter()
            .map(|(kind, count)| ((*kind).to_owned(), *count))
            .collect()
    }
}

/// Both sorted lists without the pairs they share (as multisets).
fn unmatched(want: Roles, got: Roles) -> (Roles, Roles) {
    let mut got = got;
    let mut want_left = Vec::new();
    for role in want {
        match got.iter().position(|other| *other == role) {
            Some(at) => {
                got.remove(at);
            }
            None => want_left.push(role),
        }
    }
    (want_left, got)
}
