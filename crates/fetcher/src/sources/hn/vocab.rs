//! The word lists of `config/hn.toml`, parsed once and compiled into matchers.
//!
//! The file documents what each list means and the precedence between them; this module only
//! turns phrases into whole-word, case-insensitive regexes (abbreviations stay case-sensitive).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

const BUNDLED: &str = include_str!("../../../../../config/hn.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    roles: RolesFile,
    workplace: WorkplaceFile,
    employment: EmploymentFile,
    visa: VisaFile,
    places: PlacesFile,
    pay: PayFile,
    posts: PostsFile,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RolesFile {
    nouns: Vec<String>,
    phrases: Vec<String>,
    seniority: Vec<String>,
    ranks: Vec<String>,
    second_hats: Vec<String>,
    not_title_openers: Vec<String>,
    not_link_title_openers: Vec<String>,
    departments: Vec<String>,
    technical: Vec<String>,
    generic: Vec<String>,
    areas: Vec<String>,
    hiring_verbs: Vec<String>,
    filler: Vec<String>,
    abbreviations: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WorkplaceFile {
    remote: Vec<String>,
    onsite: Vec<String>,
    hybrid: Vec<String>,
    not_workplace: Vec<String>,
    remote_for_others: Vec<String>,
    remote_option: Vec<String>,
    visits: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EmploymentFile {
    full_time: Vec<String>,
    part_time: Vec<String>,
    contract: Vec<String>,
    internship: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VisaFile {
    sponsors: Vec<String>,
    no_sponsorship: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlacesFile {
    word_codes: Vec<String>,
    acronym_codes: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PayFile {
    words: Vec<String>,
    country_currency: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PostsFile {
    closed: Vec<String>,
    not_a_job: Vec<String>,
}

/// The compiled vocabularies.
#[derive(Debug)]
pub(crate) struct Vocab {
    /// A role noun, singular or plural, as a whole word.
    pub role_noun: Regex,
    pub role_phrase: Regex,
    /// Case-sensitive shorthand ("MLE", "MLEs", "MLE's") with what it stands for.
    pub abbreviations: Vec<(Regex, String)>,
    pub abbreviation_any: Regex,
    /// One seniority word or phrase, the whole piece.
    pub seniority_only: Regex,
    /// A seniority word at the start of a title.
    pub seniority_prefix: Regex,
    /// The whole piece is a rank ("Manager", "VP"), not a kind of work.
    pub rank_only: Regex,
    /// The role nouns of a second hat one person wears ("… and Database Expert").
    pub second_hats: Vec<String>,
    /// A line opens with a word no title opens with ("We", "Apply", "Stack", "The").
    pub not_title_opener: Regex,
    /// The first words a job link's path segment never opens with when it spells a title.
    pub not_link_title_openers: Vec<String>,
    /// The whole piece is a department ("Sales", "Growth/Marketing").
    pub department_only: Regex,
    pub technical: Regex,
    pub generic: Regex,
    /// The whole piece is a generic phrase.
    pub generic_only: Regex,
    /// The whole piece is an area of engineering that names a role in a list.
    pub role_area: Regex,
    /// The hiring verbs as a regex alternation (no group), longest first, for the sentence
    /// reader to place after a subject.
    pub hiring_verbs: String,
    pub filler_only: Regex,
    pub remote: Regex,
    pub onsite: Regex,
    pub hybrid: Regex,
    /// "Hybrid" or "remote" naming a kind of thing ("hybrid cloud", "remote sensing").
    pub not_workplace: Regex,
    pub remote_for_others: Regex,
    /// Remote named as an option ("Remote OK"), which beside an office is a choice.
    pub remote_option: Regex,
    /// Travel to the team or an office, with how often and where ("occasional travel to SF",
    /// "in-person offsites quarterly"): a remote job's visits, which offer no office.
    pub visits: Regex,
    pub full_time: Regex,
    pub part_time: Regex,
    pub contract: Regex,
    pub internship: Regex,
    pub visa: Regex,
    pub no_visa: Regex,
    /// State and province codes that are also words, which name no office alone.
    pub word_codes: Vec<String>,
    /// Country codes that are also acronyms ("AI", "ML", "CV"), as whole words in capitals.
    pub acronym_codes: Regex,
    /// A word that says a field is about pay.
    pub pay_word: Regex,
    /// The currency each country (ISO code) pays in, for a bare amount.
    pub country_currency: BTreeMap<String, String>,
    pub closed: Regex,
    pub not_a_job: Regex,
}

/// The bundled vocabularies. The file is compiled in and parsed by a unit test, so a bad edit
/// fails the build's tests rather than a run.
pub(crate) fn vocab() -> &'static Vocab {
    static VOCAB: LazyLock<Vocab> = LazyLock::new(|| match Vocab::from_toml(BUNDLED) {
        Ok(vocab) => vocab,
        Err(error) => panic!("config/hn.toml is not usable: {error}"),
    });
    &VOCAB
}

/// A case-insensitive regex matching any of `phrases` as whole words, with an optional plural
/// ending when `plural` is set. The phrase is capture group 1.
fn any_of(phrases: &[String], plural: bool) -> Result<Regex, regex::Error> {
    let mut sorted: Vec<&String> = phrases.iter().filter(|p| !p.trim().is_empty()).collect();
    // Longest first, so "full stack" wins over "full".
    sorted.sort_by_key(|phrase| std::cmp::Reverse(phrase.len()));
    let alternatives: Vec<String> = sorted
        .iter()
        .map(|phrase| {
            phrase
                .split_whitespace()
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"[\s\-]+")
        })
        .collect();
    let ending = if plural { r"(?:s|es|'s|’s)?" } else { "" };
    Regex::new(&format!(
        r"(?i)(?:^|[^\p{{L}}\p{{N}}+#])((?:{}){ending})(?:$|[^\p{{L}}\p{{N}}+#])",
        alternatives.join("|")
    ))
}

/// A case-insensitive regex matching a text that is one of `phrases` and nothing else
/// (surrounding punctuation aside).
fn only(phrases: &[String]) -> Result<Regex, regex::Error> {
    let alternatives: Vec<String> = phrases
        .iter()
        .map(|phrase| {
            phrase
                .split_whitespace()
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"[\s\-]+")
        })
        .collect();
    Regex::new(&format!(
        r"(?i)^[\s\W]*(?:{})[\s\W]*$",
        alternatives.join("|")
    ))
}

fn longest_first(phrases: &[String]) -> Vec<&String> {
    let mut sorted: Vec<&String> = phrases.iter().filter(|p| !p.trim().is_empty()).collect();
    sorted.sort_by_key(|phrase| std::cmp::Reverse(phrase.len()));
    sorted
}

/// A case-insensitive regex matching a text made only of `phrases`, joined by "/", "&", ",", "-",
/// "or", "and" or "to" ("Senior/Staff+", "Mid-level to Staff").
fn sequence_of(phrases: &[String]) -> Result<Regex, regex::Error> {
    let mut sorted: Vec<&String> = phrases.iter().filter(|p| !p.trim().is_empty()).collect();
    sorted.sort_by_key(|phrase| std::cmp::Reverse(phrase.len()));
    let alternatives: Vec<String> = sorted
        .iter()
        .map(|phrase| {
            phrase
                .split_whitespace()
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"[\s\-]+")
        })
        .collect();
    Regex::new(&format!(
        r"(?i)^[\s\[\](),.]*(?:(?:{})(?:[\s/&,.\-]+|\s+(?:or|and|to)\s+|$))+[\s\])]*$",
        alternatives.join("|")
    ))
}

impl Vocab {
    fn from_toml(text: &str) -> Result<Vocab, String> {
        let file: File = toml::from_str(text).map_err(|error| error.to_string())?;
        let build = |result: Result<Regex, regex::Error>| result.map_err(|error| error.to_string());
        let mut abbreviations = Vec::new();
        for (short, long) in &file.roles.abbreviations {
            let pattern = format!(
                r"(?:^|[^\p{{L}}\p{{N}}]){}(?:s|'s|’s)?(?:$|[^\p{{L}}\p{{N}}])",
                regex::escape(short)
            );
            abbreviations.push((build(Regex::new(&pattern))?, long.clone()));
        }
        let shorts: Vec<String> = file
            .roles
            .abbreviations
            .keys()
            .map(|short| regex::escape(short))
            .collect();
        let abbreviation_any = build(Regex::new(&format!(
            r"(?:^|[^\p{{L}}\p{{N}}])(?:{})(?:s|'s|’s)?(?:$|[^\p{{L}}\p{{N}}])",
            shorts.join("|")
        )))?;
        Ok(Vocab {
            role_noun: build(any_of(&file.roles.nouns, true))?,
            role_phrase: build(any_of(&file.roles.phrases, false))?,
            abbreviations,
            abbreviation_any,
            seniority_only: build(sequence_of(&file.roles.seniority))?,
            seniority_prefix: build(Regex::new(&format!(
                r"(?i)^\s*((?:(?:{})(?:[\s./&,]+|\s+(?:or|and|to)\s+))+)",
                longest_first(&file.roles.seniority)
                    .iter()
                    .map(|word| regex::escape(word))
                    .collect::<Vec<_>>()
                    .join("|")
            )))?,
            rank_only: build(only(&file.roles.ranks))?,
            second_hats: file
                .roles
                .second_hats
                .iter()
                .map(|noun| noun.to_lowercase())
                .collect(),
            not_title_opener: build(Regex::new(&format!(
                r"(?i)^(?:{})\b",
                file.roles
                    .not_title_openers
                    .iter()
                    .map(|word| regex::escape(word))
                    .collect::<Vec<_>>()
                    .join("|")
            )))?,
            not_link_title_openers: file
                .roles
                .not_link_title_openers
                .iter()
                .map(|word| word.to_lowercase())
                .collect(),
            department_only: build(sequence_of(&file.roles.departments))?,
            technical: build(any_of(&file.roles.technical, false))?,
            generic: build(any_of(&file.roles.generic, false))?,
            generic_only: build(only(&file.roles.generic))?,
            role_area: build(only(&file.roles.areas))?,
            hiring_verbs: longest_first(&file.roles.hiring_verbs)
                .iter()
                .map(|verb| {
                    verb.split_whitespace()
                        .map(regex::escape)
                        .collect::<Vec<_>>()
                        .join(r"\s+")
                })
                .collect::<Vec<_>>()
                .join("|"),
            filler_only: build(only(&file.roles.filler))?,
            remote: build(any_of(&file.workplace.remote, false))?,
            onsite: build(any_of(&file.workplace.onsite, false))?,
            hybrid: build(any_of(&file.workplace.hybrid, false))?,
            not_workplace: build(any_of(&file.workplace.not_workplace, false))?,
            remote_option: build(any_of(&file.workplace.remote_option, false))?,
            visits: build(Regex::new(&format!(
                r"(?i)(?:\b(?:occasional|occasionally|periodic|regular|quarterly|monthly|annual|yearly|some|frequent|infrequent|rare)\s+)?(?:\b(?:in[\s\-]person|team|company|company[\s\-]wide)\s+)?\b(?:{})\b(?:\s+(?:to|in|at)\s+(?:the\s+|our\s+)?(?:office\s+(?:in\s+)?|hq\s+(?:in\s+)?)?(?:\p{{Lu}}[\p{{L}}.]*(?:\s+\p{{Lu}}[\p{{L}}.]*)?)?)?(?:\s+(?:quarterly|monthly|annually|yearly|(?:a|per|each|every)\s+(?:year|quarter|month)))?",
                file.workplace
                    .visits
                    .iter()
                    .map(|phrase| regex::escape(phrase))
                    .collect::<Vec<_>>()
                    .join("|")
            )))?,
            remote_for_others: build(Regex::new(&format!(
                r"(?i)\bremote(?:[\s\-]friendly)?\s+(?:{})",
                file.workplace
                    .remote_for_others
                    .iter()
                    .map(|phrase| regex::escape(phrase))
                    .collect::<Vec<_>>()
                    .join("|")
            )))?,
            full_time: build(any_of(&file.employment.full_time, false))?,
            part_time: build(any_of(&file.employment.part_time, false))?,
            contract: build(any_of(&file.employment.contract, false))?,
            internship: build(any_of(&file.employment.internship, false))?,
            visa: build(any_of(&file.visa.sponsors, false))?,
            no_visa: build(any_of(&file.visa.no_sponsorship, false))?,
            acronym_codes: build(Regex::new(&format!(
                r"\b(?:{})\b",
                file.places
                    .acronym_codes
                    .iter()
                    .map(|code| regex::escape(code))
                    .collect::<Vec<_>>()
                    .join("|")
            )))?,
            word_codes: file.places.word_codes,
            pay_word: build(any_of(&file.pay.words, false))?,
            country_currency: file.pay.country_currency,
            closed: build(any_of(&file.posts.closed, false))?,
            not_a_job: build(any_of(&file.posts.not_a_job, false))?,
        })
    }

    /// The last role noun of `text`. The noun regex takes the separators around a noun, so two
    /// nouns side by side ("Developer Advocate", "Lead Engineer") are found by starting each
    /// search where the previous noun ends rather than after its separator.
    pub fn last_role_noun<'t>(&self, text: &'t str) -> Option<regex::Match<'t>> {
        let mut last = None;
        let mut at = 0;
        while let Some(noun) = self
            .role_noun
            .captures_at(text, at)
            .and_then(|found| found.get(1))
        {
            last = Some(noun);
            at = noun.end();
        }
        last
    }

    /// Whether `text` names a role: a role noun, a role phrase or a role abbreviation.
    pub fn has_role_word(&self, text: &str) -> bool {
        self.role_noun.is_match(text)
            || self.role_phrase.is_match(text)
            || self.abbreviation_any.is_match(text)
    }

    /// `text` with every abbreviation written out ("Senior MLEs" → "Senior ML Engineers").
    pub fn expand_abbreviations(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for (pattern, long) in &self.abbreviations {
            out = pattern
                .replace_all(&out, |captures: &regex::Captures<'_>| {
                    let whole = &captures[0];
                    let plural = whole
                        .trim_end_matches(|c: char| !c.is_alphanumeric())
                        .ends_with('s');
                    let lead: String = whole.chars().take_while(|c| !c.is_alphanumeric()).collect();
                    let tail: String = whole
                        .chars()
                        .rev()
                        .take_while(|c| !c.is_alphanumeric() && *c != '\'' && *c != '’')
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .collect();
                    format!("{lead}{long}{}{tail}", if plural { "s" } else { "" })
                })
                .into_owned();
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_vocabularies_compile() {
        let vocab = Vocab::from_toml(BUNDLED).unwrap();
        assert!(vocab.has_role_word("Senior Backend Engineers"));
        assert!(vocab.has_role_word("Member of Technical Staff"));
        assert!(vocab.has_role_word("Senior MLE's"));
        assert!(!vocab.has_role_word("Remote (US)"));
        assert!(!vocab.has_role_word("engineering-first culture"));
        assert!(vocab.seniority_only.is_match("Senior/Staff+"));
        assert!(vocab.generic_only.is_match("Multiple Roles"));
        assert_eq!(
            vocab.expand_abbreviations("Senior MLEs & PMs"),
            "Senior ML Engineers & Product Managers"
        );
        assert_eq!(
            vocab.expand_abbreviations("Senior MLE's"),
            "Senior ML Engineers"
        );
        assert_eq!(vocab.expand_abbreviations("I am here"), "I am here");
    }
}
