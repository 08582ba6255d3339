//! A title as the classifier reads it: lower-case words, grouped into segments, with the spans of
//! compound phrases marked.
//!
//! - **Words.** Letters, digits, `+` and `#` make words ("c++", "c#"); a dot stays inside a word
//!   when a lower-case letter or digit follows it ("node.js", "vue.js") and separates words
//!   otherwise ("Sr.Staff" → `sr staff`, "ASP.NET" → `asp net`, ".NET" → `net`); `&` is the word
//!   `and`; everything else separates words, so "Back-End" is `back end`. A plural in `s` is read
//!   as its singular ("Sales Engineers" → `sale engineer`, "APIs" → `api`), in the title and the
//!   phrases alike, so a rule written for one role matches a title that advertises several.
//! - **Segments.** Commas, brackets, colons, bars, `@`, dashes (en and em dashes always, a hyphen
//!   when a space is beside it) split a title into segments: "Senior Software Engineer, Payments
//!   Platform (Remote)" has three. A phrase matches only inside one segment; the first segment is
//!   the *role segment*, where the role noun of most titles stands.
//! - **Compounds.** Phrases whose words mean nothing on their own ("data center" is not data,
//!   "go to market" is not Go, "mid market" is not mid-level): a rule phrase lying strictly inside
//!   a compound's span does not match there.

/// A folded title: its words, the segment of each word, and the compound spans.
#[derive(Debug, Clone)]
pub(super) struct FoldedTitle {
    words: Vec<String>,
    segments: Vec<usize>,
    compounds: Vec<(usize, usize)>,
}

impl FoldedTitle {
    /// Folds `title`, marking every occurrence of the `compounds` (already folded phrases).
    pub(super) fn new(title: &str, compounds: &[Vec<String>]) -> Self {
        let mut words = Vec::new();
        let mut segments = Vec::new();
        for (index, segment) in split_segments(title).into_iter().enumerate() {
            for word in fold(segment) {
                words.push(word);
                segments.push(index);
            }
        }
        let mut title = FoldedTitle {
            words,
            segments,
            compounds: Vec::new(),
        };
        let spans: Vec<(usize, usize)> = compounds
            .iter()
            .flat_map(|compound| {
                title
                    .raw_occurrences(compound)
                    .map(|start| (start, start + compound.len()))
                    .collect::<Vec<_>>()
            })
            .collect();
        title.compounds = spans;
        title
    }

    /// Start positions where `phrase` occurs inside one segment, compounds ignored.
    pub(super) fn raw_occurrences<'a>(
        &'a self,
        phrase: &'a [String],
    ) -> impl Iterator<Item = usize> + 'a {
        let len = phrase.len();
        (0..self.words.len())
            .filter(move |&start| len > 0 && start + len <= self.words.len())
            .filter(move |&start| self.words[start..start + len] == *phrase)
            .filter(move |&start| self.segments[start] == self.segments[start + len - 1])
    }

    /// Start positions where `phrase` occurs and is not hidden inside a longer compound.
    pub(super) fn occurrences<'a>(
        &'a self,
        phrase: &'a [String],
    ) -> impl Iterator<Item = usize> + 'a {
        self.raw_occurrences(phrase).filter(move |&start| {
            let end = start + phrase.len();
            !self
                .compounds
                .iter()
                .any(|&(from, to)| from <= start && end <= to && (from, to) != (start, end))
        })
    }

    /// Whether the word at `start` is the first of its segment.
    pub(super) fn starts_segment(&self, start: usize) -> bool {
        start == 0 || self.segments.get(start - 1) != self.segments.get(start)
    }

    /// Whether the words right before position `start` (across segment boundaries) are `phrase`.
    pub(super) fn preceded_by(&self, start: usize, phrase: &[String]) -> bool {
        !phrase.is_empty()
            && start >= phrase.len()
            && self.words[start - phrase.len()..start] == *phrase
    }

    /// Whether the word at `start` lies in the role segment (the first segment that has words).
    pub(super) fn in_role_segment(&self, start: usize) -> bool {
        self.segments.first() == self.segments.get(start)
    }
}

/// Splits a title at the characters that separate its parts. A hyphen separates only with a space
/// beside it, so "Back-End" and "Mid-Market" stay whole while "Engineer- Networking" splits.
fn split_segments(title: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = title.char_indices().collect();
    let mut parts = Vec::new();
    let mut from = 0;
    for (position, &(offset, c)) in chars.iter().enumerate() {
        let spaced = |step: isize| {
            position
                .checked_add_signed(step)
                .and_then(|near| chars.get(near))
                .is_none_or(|&(_, near)| near.is_whitespace())
        };
        let separates = match c {
            ',' | ';' | ':' | '|' | '(' | ')' | '[' | ']' | '{' | '}' | '@' | '–' | '—' | '‒'
            | '·' | '•' => true,
            '-' => spaced(-1) || spaced(1),
            _ => false,
        };
        if separates {
            parts.push(&title[from..offset]);
            from = offset + c.len_utf8();
        }
    }
    parts.push(&title[from..]);
    parts
}

/// `text` without what stands in parentheses (nested ones included), trimmed: "Senior Engineer
/// (Remote, EU)" → "Senior Engineer". A title's parenthesis qualifies it (a place, a stack, a
/// team); readers of titles compare what is outside.
pub fn without_parentheses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.trim().to_owned()
}

/// Folds a title or phrase into lower-case words (see the module documentation for the rules).
pub fn fold(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let keeps_dot = c == '.'
            && !word.is_empty()
            && chars
                .peek()
                .is_some_and(|next| next.is_lowercase() || next.is_ascii_digit());
        if c.is_alphanumeric() || matches!(c, '+' | '#') || keeps_dot {
            word.extend(c.to_lowercase());
            continue;
        }
        if !word.is_empty() {
            words.push(singular(std::mem::take(&mut word)));
        }
        // "&" is a conjunction, not a gap: "Product & Platform Engineer" joins two role areas
        // as "and" does, and a rule can tell it from "Product Platform Engineer".
        if c == '&' {
            words.push("and".to_owned());
        }
    }
    if !word.is_empty() {
        words.push(singular(word));
    }
    words
}

/// Drops a trailing `+` after a word of three letters or more, and the `s` of a plural: words of four letters or more ending in `s` but not in `ss`, `us`,
/// `os` or `js` ("business", "status", "macos", "node.js"), nor in `is` past four letters
/// ("analysis", "redis"; "apis" is a plural), and not holding `.`, `+` or `#`. Titles and phrases
/// go through the same function, so the few non-plurals it touches ("sales" → `sale`) still match
/// each other.
fn singular(mut word: String) -> String {
    // "Staff+", "Senior+": a plus after a whole word is emphasis, not part of the word ("c++").
    if word.ends_with('+') && word.trim_end_matches('+').chars().count() >= 3 {
        word.truncate(word.trim_end_matches('+').len());
    }
    let letters = word.chars().count();
    let plural = letters >= 4
        && word.ends_with('s')
        && !["ss", "us", "os", "js"]
            .iter()
            .any(|ending| word.ends_with(ending))
        && !(letters > 4 && word.ends_with("is"))
        && !word.contains(['.', '+', '#']);
    if plural {
        word.pop();
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        fold(text)
    }

    #[test]
    fn dots_stay_inside_lower_case_words_only() {
        assert_eq!(words("Node.js Developer"), ["node.js", "developer"]);
        assert_eq!(words("Sr.Staff Engineer"), ["sr", "staff", "engineer"]);
        assert_eq!(words("ASP.NET / .NET Core"), ["asp", "net", "net", "core"]);
        assert_eq!(
            words("Sr. Back-End Engineer (APIs)"),
            ["sr", "back", "end", "engineer", "api"]
        );
        assert_eq!(words("C++ and C# Dev"), ["c++", "and", "c#", "dev"]);
        assert_eq!(words("Staff+ Engineer"), ["staff", "engineer"]);
    }

    #[test]
    fn parentheses_go_with_what_they_hold() {
        assert_eq!(
            super::without_parentheses("Senior Engineer (Remote (EU), Go) "),
            "Senior Engineer"
        );
        assert_eq!(super::without_parentheses("Engineer)"), "Engineer");
    }

    #[test]
    fn an_ampersand_is_the_word_and() {
        assert_eq!(
            words("Product & Platform Engineer"),
            ["product", "and", "platform", "engineer"]
        );
        assert_eq!(words("R&D Lead"), ["r", "and", "d", "lead"]);
    }

    #[test]
    fn plurals_read_as_singulars() {
        assert_eq!(words("Sales Engineers"), ["sale", "engineer"]);
        assert_eq!(words("SREs and SDKs"), ["sre", "and", "sdk"]);
        assert_eq!(words("Business Analysts"), ["business", "analyst"]);
        assert_eq!(
            words("iOS, macOS, Node.js, k8s"),
            ["ios", "macos", "node.js", "k8s"]
        );
    }

    #[test]
    fn segments_split_at_separators_but_not_inside_hyphenated_words() {
        assert_eq!(
            split_segments("Senior Back-End Engineer, Payments (Remote) - EU"),
            [
                "Senior Back-End Engineer",
                " Payments ",
                "Remote",
                " ",
                " EU"
            ]
        );
        assert_eq!(
            split_segments("Engineer- Networking"),
            ["Engineer", " Networking"]
        );
        assert_eq!(split_segments("Mid-Market AE"), ["Mid-Market AE"]);
    }

    #[test]
    fn phrases_match_inside_one_segment_and_not_inside_compounds() {
        let compounds = vec![fold("data center")];
        let title = FoldedTitle::new("Data Center Engineer, Data Platform", &compounds);
        let data = fold("data");
        let starts: Vec<usize> = title.occurrences(&data).collect();
        assert_eq!(starts, [3]);
        assert_eq!(title.raw_occurrences(&data).count(), 2);
        assert_eq!(title.occurrences(&fold("data center")).count(), 1);
        // "engineer data" spans the comma, so it is not a phrase of this title.
        assert_eq!(title.occurrences(&fold("engineer data")).count(), 0);
        assert!(title.starts_segment(3));
        assert!(title.preceded_by(3, &fold("engineer")));
        assert!(title.in_role_segment(2));
        assert!(!title.in_role_segment(3));
    }
}
