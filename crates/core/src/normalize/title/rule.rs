//! One matching rule of `config/titles.toml` and how it matches a [`FoldedTitle`].

use super::words::FoldedTitle;

/// What may stand right before an `any` phrase for `after` / `not_after`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Anchor {
    /// The phrase starts its segment (`"^"` in the file).
    SegmentStart,
    /// These words end right before the phrase (across a segment boundary).
    Words(Vec<String>),
}

/// A rule with its phrases folded and its vocabulary references expanded.
#[derive(Debug, Clone)]
pub(super) struct Rule {
    /// One of these must occur (and meet the placement conditions below), if any are given.
    pub any: Vec<Vec<String>>,
    /// And one of these must occur too, if any are given.
    pub and_any: Vec<Vec<String>>,
    /// Every one of these must occur.
    pub all: Vec<Vec<String>>,
    /// None of these may occur anywhere, compounds included.
    pub none: Vec<Vec<String>>,
    /// The `any` phrase must follow one of these.
    pub after: Vec<Anchor>,
    /// The `any` phrase must not follow any of these.
    pub not_after: Vec<Anchor>,
    /// The `any` phrase must lie in the role segment.
    pub in_role_segment: bool,
    /// One of the engineering words must occur.
    pub needs_engineering_word: bool,
    pub priority: i32,
}

impl Rule {
    pub(super) fn matches(&self, title: &FoldedTitle, engineering_words: &[Vec<String>]) -> bool {
        let occurs = |phrase: &Vec<String>| title.occurrences(phrase).next().is_some();
        let any = self.any.is_empty()
            || self.any.iter().any(|phrase| {
                title
                    .occurrences(phrase)
                    .any(|start| self.placed_well(title, start))
            });
        any && (self.and_any.is_empty() || self.and_any.iter().any(occurs))
            && self.all.iter().all(occurs)
            && !self
                .none
                .iter()
                .any(|phrase| title.raw_occurrences(phrase).next().is_some())
            && (!self.needs_engineering_word || engineering_words.iter().any(occurs))
    }

    fn placed_well(&self, title: &FoldedTitle, start: usize) -> bool {
        let follows = |anchors: &[Anchor]| {
            anchors.iter().any(|anchor| match anchor {
                Anchor::SegmentStart => title.starts_segment(start),
                Anchor::Words(words) => title.preceded_by(start, words),
            })
        };
        (!self.in_role_segment || title.in_role_segment(start))
            && (self.after.is_empty() || follows(&self.after))
            && !follows(&self.not_after)
    }
}
