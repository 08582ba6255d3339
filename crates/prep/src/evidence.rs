//! Reading a listing for interview topics: which of its sentences call for which topic, weighted
//! by where they stand, each topic with the listing's own sentence as its evidence.
//!
//! The description is read block by block (`units`, over `prepboard_core::normalize::html::
//! blocks`): a heading opens a section (requirements, responsibilities, nice-to-have, a stack
//! list, company boilerplate, by the words in `config/topics.toml`'s `[sections]`), and every
//! sentence after it counts with that section's weight; in a post of several roles another role's
//! part is left out (`roles`). A sentence naming a topic's skill or phrase is evidence for the
//! topic; one naming it only by its loose words ("databases") counts half. A topic's score adds
//! its best sentences with diminishing returns, so one topic mentioned in five requirement bullets
//! beats one mentioned once in the title only when the title mention is not the job itself. The
//! title's family adds to the topics that are part of that role, half as much when no sentence
//! names the topic.
//!
//! Architecture invariant: a pure function of the listing and the tables; no I/O, no clock, and
//! ties broken by the topics' file order, so the same listing always reads the same.

use prepboard_core::normalize::SkillTaxonomy;
use prepboard_core::{Listing, SkillMention, SkillPlace, TitleFamily};

use crate::topics::{PhraseKind, SectionWords, Topics, phrase_in, without_phrases};

mod roles;
mod units;
use units::{Unit, units};

/// The section a heading opens, by the first list of words it contains. Here rather than in
/// `units` because the role parts (`roles`) read headings too.
fn heading_section(lower: &str, words: &SectionWords) -> Option<Place> {
    let lists = [
        (&words.nice_to_have, Place::NiceToHave),
        (&words.boilerplate, Place::Boilerplate),
        (&words.stack, Place::Stack),
        (&words.requirements, Place::Requirements),
        (&words.responsibilities, Place::Responsibilities),
        (&words.otherwise_boilerplate, Place::Boilerplate),
    ];
    lists
        .into_iter()
        .find(|(list, _)| list.iter().any(|w| lower.contains(w.as_str())))
        .map(|(_, place)| place)
}

/// Where a sentence of a listing stands, which sets how much it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    Title,
    Requirements,
    Responsibilities,
    /// A list item outside any named section: most such lists are requirements or duties.
    List,
    /// Running text outside any named section.
    Body,
    /// Text before the first named section of a listing that has sections: the pitch for the
    /// company and the role, not what the interview tests.
    Intro,
    NiceToHave,
    /// A bare list of the company's technologies ("Our stack: …").
    Stack,
    /// About the company, benefits, how to apply.
    Boilerplate,
    /// An aggregator's tags.
    Tags,
    /// No sentence: the listing is centred on a skill or its role implies the topic.
    Role,
}

impl Place {
    /// How much a sentence here counts. The title says what the job is; requirements and duties
    /// are what the interview tests; a nice-to-have is a tie-breaker; stack lists and tags name
    /// what the company runs, not what it asks; boilerplate is about the company.
    fn weight(self) -> f32 {
        match self {
            Place::Title => 3.0,
            Place::Requirements | Place::Responsibilities => 1.5,
            Place::List => 1.3,
            Place::Body => 1.0,
            Place::Intro => 0.6,
            Place::NiceToHave => 0.5,
            Place::Stack => 0.45,
            Place::Tags => 0.3,
            Place::Boilerplate => 0.15,
            Place::Role => 1.0,
        }
    }

    /// Requirements, duties and unnamed lists: what the job asks for.
    fn is_asked(self) -> bool {
        matches!(
            self,
            Place::Requirements | Place::Responsibilities | Place::List
        )
    }

    /// "in the requirements", for reasons.
    pub fn phrase(self) -> &'static str {
        match self {
            Place::Title => "in the title",
            Place::Requirements => "in the requirements",
            Place::Responsibilities => "in the responsibilities",
            Place::List | Place::Body | Place::Intro => "in the description",
            Place::NiceToHave => "as a nice-to-have",
            Place::Stack => "in the stack list",
            Place::Boilerplate => "in the company description",
            Place::Tags => "in the tags",
            Place::Role => "from the role",
        }
    }
}

/// A topic the listing asks about, with its best evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicEvidence {
    /// Topic id from `config/topics.toml`.
    pub topic: String,
    pub score: f32,
    /// The listing's own sentence that called for it most strongly (for a topic called for by
    /// the role alone, the title); `None` for a topic offered to every role.
    pub sentence: Option<String>,
    pub place: Place,
}

/// Each further sentence on a topic counts this share of the one before it.
const FURTHER_SENTENCE_SHARE: f32 = 0.65;
/// Sentences past this many add nothing.
const SENTENCES_COUNTED: usize = 6;
/// What being centred on one of a topic's `centred_skills` adds (a Go job and concurrency).
const CENTRED: f32 = 1.2;
/// What the listing's title family adds to the topics that are part of that role.
const FAMILY: f32 = 0.8;
/// What the listing's seniority adds to the topics its level's interviews include (`levels`).
const LEVEL: f32 = 1.0;
/// The share of it left when no sentence of the listing names the topic: the family alone is a
/// guess from the title, weaker than anything the listing says, even as a nice-to-have.
const FAMILY_ONLY_SHARE: f32 = 0.5;
/// A centred skill named in the requirements must be mentioned this often, and this many times as
/// heavily as any other candidate, to count as what the job is centred on.
const CENTRED_MIN_MENTIONS: u32 = 3;
const CENTRED_MARGIN: f32 = 2.0;
/// Ads list what matters most first: the first sentences of a requirements or duties section
/// count this much more.
const LEADING_SENTENCES: usize = 3;
const LEADING_BONUS: f32 = 1.25;
/// What a role-specific topic (mobile, frontend) counts in a listing of another speciality.
const OTHER_TRADE_SHARE: f32 = 0.5;
/// Words that make a sentence a choice among alternatives ("AWS, Azure or GCP").
const CHOICE_MARKERS: &[&str] = &[" or ", "any ", "e.g", "such as", "one of", "either"];
/// What a sentence naming a topic only by its `loose_phrases` counts, as a share.
const LOOSE_SHARE: f32 = 0.5;
/// Evidence sentences are cut to this many characters.
const SENTENCE_CHARS: usize = 220;

/// The topics `listing` asks about, most evidence first (ties in topic file order).
pub(crate) fn read(
    listing: &Listing,
    topics: &Topics,
    skills: &SkillTaxonomy,
) -> Vec<TopicEvidence> {
    let units = units(listing, topics, skills);
    let hits = hits(&units, topics, skills);
    let mut found = Vec::new();
    let specialised = !matches!(
        listing.family,
        TitleFamily::OtherEngineering
            | TitleFamily::SolutionsEngineer
            | TitleFamily::NonEngineering
    );
    for (position, topic) in topics.all().iter().enumerate() {
        let trade =
            if topic.role_specific && specialised && !topic.families.contains(&listing.family) {
                OTHER_TRADE_SHARE
            } else {
                1.0
            };
        let mut weights: Vec<(f32, usize)> = Vec::new();
        for (index, unit) in units.iter().enumerate() {
            let Some(&(_, loosely)) = hits[index].iter().find(|hit| hit.0 == position) else {
                continue;
            };
            // A sentence naming the topic only by its loose words ("databases") counts less.
            let loose = if loosely { LOOSE_SHARE } else { 1.0 };
            // A sentence offering a choice among several topics of one group is shared: "AWS,
            // Azure or GCP", and "AWS/GCP" with a slash between two of them.
            let sharing = topic.group.as_ref().map_or(1, |group| {
                let members = hits[index]
                    .iter()
                    .filter(|other| topics.all()[other.0].group.as_ref() == Some(group))
                    .count();
                let choice = members >= 2
                    && (CHOICE_MARKERS.iter().any(|m| unit.lower.contains(m))
                        || slash_joins_group(&unit.text, group, topics, skills));
                if choice { members } else { 1 }
            });
            let lead = if unit.order < LEADING_SENTENCES && unit.place.is_asked() {
                LEADING_BONUS
            } else {
                1.0
            };
            weights.push((
                unit.place.weight() * lead * trade * loose * topic.weight / sharing.max(1) as f32,
                index,
            ));
        }
        let mut extra: Vec<(f32, String, Place)> = Vec::new();
        // A full-stack or frontend job names a server language for its backend half; its
        // interviews are not about that language's runtime (label rule 5).
        let spans_layers = matches!(
            listing.family,
            TitleFamily::FullStackEngineer | TitleFamily::FrontendEngineer
        );
        if let Some(sentence) =
            centred_on(listing, &topic.centred_skills, &units, skills).filter(|_| !spans_layers)
        {
            extra.push((CENTRED * topic.weight, sentence, Place::Role));
        }
        if topic.families.contains(&listing.family) {
            let named = if weights.is_empty() {
                FAMILY_ONLY_SHARE
            } else {
                1.0
            };
            extra.push((
                FAMILY * named * topic.weight,
                listing.title.clone(),
                Place::Role,
            ));
        }
        if topic.levels.contains(&listing.seniority) {
            extra.push((LEVEL * topic.weight, listing.title.clone(), Place::Role));
        }
        if weights.is_empty() && extra.is_empty() {
            continue;
        }
        // Best first; on equal weight the earlier sentence, so evidence reads in listing order.
        weights.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut all: Vec<f32> = weights.iter().map(|w| w.0).collect();
        all.extend(extra.iter().map(|e| e.0));
        all.sort_by(|a, b| b.total_cmp(a));
        let score: f32 = all
            .iter()
            .take(topic.max_sentences.unwrap_or(SENTENCES_COUNTED))
            .enumerate()
            .map(|(rank, w)| w * FURTHER_SENTENCE_SHARE.powi(rank as i32))
            .sum();
        let best_unit = weights
            .first()
            .map(|&(w, index)| (w, &units[index].text, units[index].place));
        let (sentence, place) = match (best_unit, extra.first()) {
            (Some(unit), Some(e)) if e.0 > unit.0 => (cut(&e.1), e.2),
            (Some((_, text, place)), _) => (cut(text), place),
            (None, Some(e)) => (cut(&e.1), e.2),
            (None, None) => continue,
        };
        found.push(TopicEvidence {
            topic: topic.id.clone(),
            score,
            sentence: Some(sentence),
            place,
        });
    }
    found.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| topics.position(&a.topic).cmp(&topics.position(&b.topic)))
    });
    found
}

/// For each unit, the topics it is evidence for, by position, each with whether it names the
/// topic only by its loose words: it names one of the topic's skills (by any alias), one of its
/// phrases or one of its loose phrases.
fn hits(units: &[Unit], topics: &Topics, skills: &SkillTaxonomy) -> Vec<Vec<(usize, bool)>> {
    units
        .iter()
        .map(|unit| {
            let named = skills.find_in_text(&unit.text);
            // Every topic's phrases found in one pass; a topic whose not_phrases occur is read
            // again below without them.
            let found = topics.phrase_hits(&unit.lower);
            let has = |position: usize, kind: PhraseKind| found.contains(&(position, kind));
            topics
                .all()
                .iter()
                .enumerate()
                .filter_map(|(position, topic)| {
                    let names_skill = |named: &[&str]| {
                        named
                            .iter()
                            .any(|skill| topic.skills.iter().any(|s| s == skill))
                    };
                    let (strong, loose) = if has(position, PhraseKind::Not) {
                        // Read without the phrases where its words mean something else.
                        let lower = without_phrases(&unit.lower, &topic.not_phrases);
                        (
                            names_skill(&skills.find_in_text(&lower))
                                || topic.phrases.iter().any(|p| phrase_in(&lower, p)),
                            topic.loose_phrases.iter().any(|p| phrase_in(&lower, p)),
                        )
                    } else {
                        (
                            names_skill(&named) || has(position, PhraseKind::Strong),
                            has(position, PhraseKind::Loose),
                        )
                    };
                    (strong || loose).then_some((position, !strong))
                })
                .collect()
        })
        .collect()
}

/// Whether a slash in `text` stands between two topics of `group` ("AWS/GCP", "SQL/NoSQL"): the
/// words on either side of it name skills of two different topics of the group. A slash between
/// other words ("CI/CD", "React/Node") is no choice among them.
fn slash_joins_group(text: &str, group: &str, topics: &Topics, skills: &SkillTaxonomy) -> bool {
    let in_group = |word: &str| -> Option<usize> {
        let named = skills.find_in_text(word);
        topics.all().iter().position(|topic| {
            topic.group.as_deref() == Some(group)
                && named
                    .iter()
                    .any(|skill| topic.skills.iter().any(|s| s == skill))
        })
    };
    let is_edge = |c: char| c.is_whitespace() || "(),;:".contains(c);
    text.match_indices('/').any(|(at, _)| {
        let left = text[..at].rsplit(is_edge).next().unwrap_or_default();
        let right = text[at + 1..]
            .split(|c: char| is_edge(c) || c == '/')
            .next();
        match (in_group(left), right.and_then(in_group)) {
            (Some(a), Some(b)) => a != b,
            _ => false,
        }
    })
}

/// The sentence that shows the listing is centred on one of `candidates`, if it is: the title
/// when the title names one, else the first sentence naming the clearly dominant one.
fn centred_on(
    listing: &Listing,
    candidates: &[String],
    units: &[Unit],
    skills: &SkillTaxonomy,
) -> Option<String> {
    if candidates.is_empty() {
        return None;
    }
    let named: Vec<&SkillMention> = listing
        .skills
        .iter()
        .filter(|m| candidates.contains(&m.skill))
        .collect();
    // A title that lists three or more technologies ("Fullstack Developer (React, React Native,
    // Node.js)") names the stack, not the one language the job is centred on.
    if named.iter().any(|m| m.place == SkillPlace::Title)
        && skills.find_in_text(&listing.title).len() <= 2
    {
        return Some(listing.title.clone());
    }
    let weight = |m: &SkillMention| {
        let place = match m.place {
            SkillPlace::Title => 4.0,
            SkillPlace::Requirements => 2.0,
            SkillPlace::Body => 1.0,
        };
        place * m.mentions as f32
    };
    let mut by_weight: Vec<(&SkillMention, f32)> = named.iter().map(|m| (*m, weight(m))).collect();
    by_weight.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.skill.cmp(&b.0.skill)));
    let (top, top_weight) = *by_weight.first()?;
    let runner_up = by_weight.get(1).map_or(0.0, |m| m.1);
    let dominant = top.place == SkillPlace::Requirements
        && top.mentions >= CENTRED_MIN_MENTIONS
        && top_weight >= CENTRED_MARGIN * runner_up;
    if !dominant {
        return None;
    }
    units
        .iter()
        .find(|u| skills.find_in_text(&u.text).contains(&top.skill.as_str()))
        .map(|u| u.text.clone())
}

/// `text` cut to [`SENTENCE_CHARS`] characters on a word boundary, with an ellipsis when cut.
fn cut(text: &str) -> String {
    if text.chars().count() <= SENTENCE_CHARS {
        return text.to_owned();
    }
    let mut end = text
        .char_indices()
        .nth(SENTENCE_CHARS)
        .map_or(text.len(), |(i, _)| i);
    if let Some(space) = text[..end].rfind(' ') {
        end = space;
    }
    format!("{}…", text[..end].trim_end())
}

#[cfg(test)]
mod tests {
    use super::cut;

    #[test]
    fn long_evidence_is_cut_on_a_word() {
        let long = "word ".repeat(100);
        let cut = cut(&long);
        assert!(cut.ends_with('…') && cut.chars().count() <= 221, "{cut}");
        assert_eq!(super::cut("short"), "short");
    }
}
