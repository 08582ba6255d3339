//! [`Topics`]: the closed list of interview topics in `config/topics.toml`, parsed and checked
//! against the skill taxonomy, with the section vocabulary the evidence reader uses and one
//! automaton of every topic's phrases, so the reader scans a sentence once for all of them.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use prepboard_core::Normalizer;
use prepboard_core::normalize::SkillTaxonomy;
use prepboard_core::{Seniority, TitleFamily};
use serde::Deserialize;

const FILE: &str = "config/topics.toml";
const BUNDLED_TOPICS: &str = include_str!("../../../config/topics.toml");

/// Why a topic table cannot be used. Each variant names the topic at fault.
#[derive(Debug, thiserror::Error)]
pub enum TopicError {
    /// The file is not valid TOML, lacks a field or has an unknown one (serde names the key).
    #[error("{FILE}: {0}")]
    Toml(#[from] toml::de::Error),
    /// Two topics share an id.
    #[error("{FILE}: topic id `{0}` is used twice")]
    DuplicateId(String),
    /// An id is empty or not URL-safe (lower-case ASCII letters, digits and hyphens).
    #[error("{FILE}: topic id {0:?} must be lower-case ASCII letters, digits and hyphens")]
    InvalidId(String),
    /// A topic names a skill id that `config/skills.toml` does not define.
    #[error("{FILE}: topic `{topic}`: skill `{skill}` is not a canonical id in config/skills.toml")]
    UnknownSkill { topic: String, skill: String },
    /// A label or summary is blank, a phrase is blank or not lower case, or the weight is not
    /// a positive number.
    #[error("{FILE}: topic `{topic}`: {reason}")]
    Invalid { topic: String, reason: String },
    /// `[rounds]` names a topic the file does not define.
    #[error("{FILE}: [rounds] names `{0}`, which is no topic of the file")]
    UnknownRound(String),
}

/// One interview topic.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    pub label: String,
    pub summary: String,
    /// Canonical skill ids whose mention calls for the topic.
    #[serde(default)]
    pub skills: Vec<String>,
    /// Other words that call for it, lower case; a trailing `*` matches any ending.
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Generic words that call for it only loosely ("database", "queries"): a sentence naming the
    /// topic by these alone counts a share of one naming its technologies.
    #[serde(default)]
    pub loose_phrases: Vec<String>,
    /// Phrases in which the topic's words mean something else ("a/b tests" for testing,
    /// "authorization to work" for security): a sentence's words inside one of them do not count.
    #[serde(default)]
    pub not_phrases: Vec<String>,
    /// Skills that call for it only when the listing is centred on one of them.
    #[serde(default)]
    pub centred_skills: Vec<String>,
    /// Title families for which the topic is part of the job itself.
    #[serde(default)]
    pub families: Vec<TitleFamily>,
    /// Seniority levels whose interviews include the topic whatever the listing says (a staff
    /// engineer's loop has a system-design round).
    #[serde(default)]
    pub levels: Vec<Seniority>,
    /// Topics that are alternatives of one kind share a sentence naming several of them.
    #[serde(default)]
    pub group: Option<String>,
    /// At most this many of the listing's sentences count for the topic (default: the matcher's).
    #[serde(default)]
    pub max_sentences: Option<usize>,
    /// The topic is the trade of its `families`: other specialised families count it half.
    #[serde(default)]
    pub role_specific: bool,
    /// Scales the topic's evidence.
    #[serde(default = "one")]
    pub weight: f32,
}

fn one() -> f32 {
    1.0
}

/// Heading words that open each kind of section, and the markers of a nice-to-have line.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionWords {
    pub nice_to_have: Vec<String>,
    pub boilerplate: Vec<String>,
    pub stack: Vec<String>,
    pub requirements: Vec<String>,
    pub responsibilities: Vec<String>,
    pub nice_to_have_markers: Vec<String>,
    /// Words that make a sentence naming several technologies the company's stack rather than
    /// what the job asks ("We use Ruby, Rails, PostgreSQL, Redis").
    #[serde(default)]
    pub stack_sentence: Vec<String>,
    /// The openings of a paragraph that says how to apply ("Apply: …", "To apply, …"): company
    /// boilerplate wherever it stands.
    #[serde(default)]
    pub apply_openings: Vec<String>,
    /// Words of the terms of a job rather than its work ("visa", "work authorization"): a
    /// sentence with one is company boilerplate wherever it stands.
    #[serde(default)]
    pub terms_of_employment: Vec<String>,
    /// Openings of a sentence that pitches the company or its product ("We're building …").
    #[serde(default)]
    pub pitch_openings: Vec<String>,
    /// Capitalised first words that are no company's name ("This is a hands-on role").
    #[serde(default)]
    pub not_pitch_subjects: Vec<String>,
    /// Words that name a role ("engineer", "developer", "designer"): a short line or the words
    /// before a colon that contain one open that role's part of a post of several roles.
    #[serde(default)]
    pub role_nouns: Vec<String>,
    /// First words that make such an opening a sentence instead ("We", "Our", "Hiring").
    #[serde(default)]
    pub not_role_openers: Vec<String>,
    /// Checked after every other list: headings that are about the company unless they say
    /// otherwise ("About Acme", but "About the role" opens the duties).
    #[serde(default)]
    pub otherwise_boilerplate: Vec<String>,
}

/// Rounds nearly every engineering interview loop has, whatever the listing says.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rounds {
    /// Offered to every engineering role, after the topics the listing asks about.
    #[serde(default)]
    pub every_engineering_role: Vec<String>,
    /// In order, fill the top three of an engineering listing that asks about fewer topics, so
    /// its three links are on three topics.
    #[serde(default)]
    pub fill_to_three: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicsFile {
    sections: SectionWords,
    #[serde(default)]
    rounds: Rounds,
    topic: Vec<Topic>,
}

/// The checked topic table, in file order.
#[derive(Debug, Clone)]
pub struct Topics {
    topics: Vec<Topic>,
    by_id: HashMap<String, usize>,
    sections: SectionWords,
    rounds: Rounds,
    phrases: PhraseIndex,
    /// `[sections].terms_of_employment` in one automaton: checked on every sentence.
    terms: aho_corasick::AhoCorasick,
}

/// What a phrase of a topic is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PhraseKind {
    /// `phrases`: calls for the topic.
    Strong,
    /// `loose_phrases`: calls for it, loosely.
    Loose,
    /// `not_phrases`: its words mean something else here.
    Not,
}

/// One phrase of the index: whose it is, what for, and whether it takes any ending (`*`).
#[derive(Debug, Clone, Copy)]
struct IndexedPhrase {
    topic: usize,
    kind: PhraseKind,
    prefix: bool,
    starts_word: bool,
    ends_word: bool,
}

/// Every topic's phrases in one automaton, so a sentence is read once for all of them rather
/// than once per phrase (the reader would otherwise search each sentence some 450 times).
#[derive(Debug, Clone)]
struct PhraseIndex {
    automaton: aho_corasick::AhoCorasick,
    phrases: Vec<IndexedPhrase>,
}

impl PhraseIndex {
    fn build(topics: &[Topic]) -> PhraseIndex {
        let mut stems: Vec<String> = Vec::new();
        let mut phrases = Vec::new();
        for (topic, entry) in topics.iter().enumerate() {
            let kinds = [
                (&entry.phrases, PhraseKind::Strong),
                (&entry.loose_phrases, PhraseKind::Loose),
                (&entry.not_phrases, PhraseKind::Not),
            ];
            for (list, kind) in kinds {
                for phrase in list {
                    let (stem, prefix) = stem_of(phrase);
                    if stem.is_empty() {
                        continue;
                    }
                    phrases.push(IndexedPhrase {
                        topic,
                        kind,
                        prefix,
                        starts_word: stem.starts_with(is_word),
                        ends_word: stem.ends_with(is_word),
                    });
                    stems.push(stem.to_owned());
                }
            }
        }
        let automaton = match aho_corasick::AhoCorasick::new(&stems) {
            Ok(automaton) => automaton,
            // Phrases are short lower-case strings checked at load; the automaton's size limits
            // are far above them, so this cannot happen with any table that loads.
            Err(err) => panic!("topic phrases do not build an automaton: {err}"),
        };
        PhraseIndex { automaton, phrases }
    }
}

static BUNDLED: LazyLock<Topics> = LazyLock::new(|| {
    match Topics::from_toml(BUNDLED_TOPICS, Normalizer::bundled().skills()) {
        Ok(topics) => topics,
        // Compiled in and parsed by a test, so this cannot happen in a tested build.
        Err(err) => panic!("the bundled config/topics.toml does not load: {err}"),
    }
});

impl Topics {
    /// Parses the text of a `topics.toml` and checks every topic against `skills`.
    pub fn from_toml(text: &str, skills: &SkillTaxonomy) -> Result<Topics, TopicError> {
        let mut file: TopicsFile = toml::from_str(text)?;
        let mut by_id = HashMap::with_capacity(file.topic.len());
        for (index, topic) in file.topic.iter_mut().enumerate() {
            check_topic(topic, skills)?;
            if by_id.insert(topic.id.clone(), index).is_some() {
                return Err(TopicError::DuplicateId(topic.id.clone()));
            }
        }
        let rounds = &file.rounds;
        if let Some(unknown) = rounds
            .every_engineering_role
            .iter()
            .chain(&rounds.fill_to_three)
            .find(|id| !by_id.contains_key(id.as_str()))
        {
            return Err(TopicError::UnknownRound(unknown.clone()));
        }
        lower_all(&mut file.sections);
        let phrases = PhraseIndex::build(&file.topic);
        let terms = match aho_corasick::AhoCorasick::new(&file.sections.terms_of_employment) {
            Ok(automaton) => automaton,
            // As for the phrase index: a few short words are far below the automaton's limits.
            Err(err) => panic!("terms of employment do not build an automaton: {err}"),
        };
        Ok(Topics {
            topics: file.topic,
            by_id,
            sections: file.sections,
            rounds: file.rounds,
            phrases,
            terms,
        })
    }

    /// Whether a lower-cased sentence names one of `[sections].terms_of_employment` as whole
    /// words ("visa", not "visual").
    pub(crate) fn states_terms(&self, lower: &str) -> bool {
        self.terms.find_overlapping_iter(lower).any(|found| {
            let before = lower[..found.start()].chars().next_back();
            let after = lower[found.end()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    }

    /// The topics shipped in `config/topics.toml`, checked against the bundled skills.
    pub fn bundled() -> &'static Topics {
        &BUNDLED
    }

    /// Every topic, in file order.
    pub fn all(&self) -> &[Topic] {
        &self.topics
    }

    pub fn get(&self, id: &str) -> Option<&Topic> {
        self.by_id.get(id).and_then(|&index| self.topics.get(index))
    }

    /// The topic's position in the file, for stable ordering.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn sections(&self) -> &SectionWords {
        &self.sections
    }

    pub fn rounds(&self) -> &Rounds {
        &self.rounds
    }

    /// The topics whose phrases occur in `lower` on word boundaries (a trailing `*` taking any
    /// ending, as [`phrase_in`] reads them), each with the kinds of phrase found: one pass over
    /// the text for every phrase of every topic.
    pub(crate) fn phrase_hits(&self, lower: &str) -> Vec<(usize, PhraseKind)> {
        let mut found: Vec<(usize, PhraseKind)> = Vec::new();
        for hit in self.phrases.automaton.find_overlapping_iter(lower) {
            let phrase = self.phrases.phrases[hit.pattern().as_usize()];
            let bounded = on_word_boundaries(
                lower,
                hit.start(),
                hit.end(),
                phrase.starts_word,
                phrase.ends_word && !phrase.prefix,
            );
            if bounded && !found.contains(&(phrase.topic, phrase.kind)) {
                found.push((phrase.topic, phrase.kind));
            }
        }
        found
    }

    /// The display label of a topic id; the id itself when unknown.
    pub fn label<'a>(&'a self, id: &'a str) -> &'a str {
        self.get(id).map_or(id, |topic| topic.label.as_str())
    }
}

fn check_topic(topic: &mut Topic, skills: &SkillTaxonomy) -> Result<(), TopicError> {
    let id_ok = !topic.id.is_empty()
        && topic
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !id_ok {
        return Err(TopicError::InvalidId(topic.id.clone()));
    }
    let invalid = |reason: String| TopicError::Invalid {
        topic: topic.id.clone(),
        reason,
    };
    if topic.label.trim().is_empty() {
        return Err(invalid("the label is blank".to_owned()));
    }
    if topic.summary.trim().is_empty() {
        return Err(invalid("the summary is blank".to_owned()));
    }
    if !(topic.weight.is_finite() && topic.weight > 0.0) {
        return Err(invalid(format!("weight {} is not positive", topic.weight)));
    }
    for phrase in topic
        .phrases
        .iter()
        .chain(&topic.loose_phrases)
        .chain(&topic.not_phrases)
    {
        if phrase.trim().is_empty() || phrase.to_lowercase() != *phrase {
            return Err(invalid(format!(
                "phrase {phrase:?} must be non-blank lower case"
            )));
        }
    }
    let mut seen = HashSet::new();
    for skill in topic.skills.iter().chain(&topic.centred_skills) {
        if skills.get(skill).is_none() {
            return Err(TopicError::UnknownSkill {
                topic: topic.id.clone(),
                skill: skill.clone(),
            });
        }
        if !seen.insert(skill.as_str()) {
            return Err(invalid(format!("skill `{skill}` is listed twice")));
        }
    }
    Ok(())
}

fn lower_all(sections: &mut SectionWords) {
    for list in [
        &mut sections.nice_to_have,
        &mut sections.boilerplate,
        &mut sections.stack,
        &mut sections.requirements,
        &mut sections.responsibilities,
        &mut sections.nice_to_have_markers,
        &mut sections.otherwise_boilerplate,
    ] {
        for word in list.iter_mut() {
            *word = word.to_lowercase();
        }
    }
}

/// Whether `phrase` (lower case, optional trailing `*`) occurs in `lower` on word boundaries.
pub(crate) fn phrase_in(lower: &str, phrase: &str) -> bool {
    phrase_spans(lower, phrase).next().is_some()
}

/// `lower` with every occurrence of `phrases` blanked out (same length, spaces), so the words
/// inside them match nothing.
pub(crate) fn without_phrases(lower: &str, phrases: &[String]) -> String {
    let mut bytes = lower.as_bytes().to_vec();
    for phrase in phrases {
        for (start, end) in phrase_spans(lower, phrase) {
            bytes[start..end].fill(b' ');
        }
    }
    // Whole characters were replaced by ASCII spaces, so the bytes are still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|_| lower.to_owned())
}

/// Where `phrase` occurs in `lower` on word boundaries, as byte ranges; a trailing `*` takes the
/// rest of the word.
fn phrase_spans<'a>(lower: &'a str, phrase: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
    let (stem, prefix) = stem_of(phrase);
    let mut from = 0;
    std::iter::from_fn(move || {
        if stem.is_empty() {
            return None;
        }
        while let Some(found) = lower.get(from..).and_then(|rest| rest.find(stem)) {
            let start = from + found;
            let end = start + stem.len();
            from = start + stem.chars().next().map_or(1, char::len_utf8);
            if on_word_boundaries(
                lower,
                start,
                end,
                stem.starts_with(is_word),
                stem.ends_with(is_word) && !prefix,
            ) {
                let end = if prefix {
                    lower[end..]
                        .char_indices()
                        .find(|(_, c)| !is_word(*c))
                        .map_or(lower.len(), |(offset, _)| end + offset)
                } else {
                    end
                };
                return Some((start, end));
            }
        }
        None
    })
}

/// A phrase as written in the table: its stem, and whether a trailing `*` lets it take any
/// ending.
fn stem_of(phrase: &str) -> (&str, bool) {
    match phrase.strip_suffix('*') {
        Some(stem) => (stem, true),
        None => (phrase, false),
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether `lower[start..end]` stands on word boundaries: no letter or digit just before it
/// when `check_start` (the stem opens with a word character), none just after it when
/// `check_end` (the stem ends with one and takes no ending).
fn on_word_boundaries(
    lower: &str,
    start: usize,
    end: usize,
    check_start: bool,
    check_end: bool,
) -> bool {
    let before_ok = !check_start
        || lower[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !is_word(c));
    let after_ok = !check_end || lower[end..].chars().next().is_none_or(|c| !is_word(c));
    before_ok && after_ok
}

#[cfg(test)]
mod tests {
    use super::{PhraseKind, Topics, phrase_in};

    #[test]
    fn phrases_match_on_word_boundaries() {
        let rows = [
            ("we mentor juniors", "mentor*", true),
            ("mentorship matters", "mentor*", true),
            ("a tormentor", "mentor*", false),
            ("ci/cd pipelines", "ci/cd", true),
            ("in the city", "ci", false),
            ("github ci", "ci", true),
            ("testable code", "test", false),
            ("testable code", "testable", true),
            ("apis, json", "api", false),
            ("apis, json", "apis", true),
            ("rest-api design", "api", true),
            ("n+1 queries", "n+1", true),
        ];
        for (text, phrase, expected) in rows {
            assert_eq!(phrase_in(text, phrase), expected, "{phrase:?} in {text:?}");
        }
    }

    #[test]
    fn the_phrase_automaton_finds_what_phrase_in_finds() {
        // The evidence reader relies on one pass agreeing with every phrase read on its own.
        let topics = Topics::bundled();
        let texts = [
            "build rest apis and webhooks in go; ci/cd with github actions",
            "mentoring juniors, collaborating with stakeholders, a tormentor",
            "postgres, postgresql and mysql databases; a/b tests and unit tests",
            "kubernetes (k8s) clusters, kafka queues, event-driven design",
            "front-end and back-end, html/css, react.js, well-tested code",
            "authorization to work in the us; oauth and sso for our apis",
        ];
        for text in texts {
            let found = topics.phrase_hits(text);
            for (position, topic) in topics.all().iter().enumerate() {
                for (list, kind) in [
                    (&topic.phrases, PhraseKind::Strong),
                    (&topic.loose_phrases, PhraseKind::Loose),
                    (&topic.not_phrases, PhraseKind::Not),
                ] {
                    let expected = list.iter().any(|phrase| phrase_in(text, phrase));
                    assert_eq!(
                        found.contains(&(position, kind)),
                        expected,
                        "{} {kind:?} in {text:?}",
                        topic.id
                    );
                }
            }
        }
    }
}
