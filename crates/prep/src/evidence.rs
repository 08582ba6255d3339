//! Reading a listing for interview topics: which of its sentences call for which topic, weighted
//! by where they stand, each topic with the listing's own sentence as its evidence.
//!
//! The description is read block by block (`prepboard_core::normalize::html::blocks`): a heading
//! opens a section (requirements, responsibilities, nice-to-have, a stack list, company
//! boilerplate, by the words in `config/topics.toml`'s `[sections]`), and every sentence after it
//! counts with that section's weight. A sentence naming a topic's skill or phrase is evidence for
//! the topic; one naming it only by its loose words ("databases") counts half. A topic's score adds
//! its best sentences with diminishing returns, so one topic mentioned in five requirement bullets
//! beats one mentioned once in the title only when the title mention is not the job itself. The
//! title's family adds to the topics that are part of that role, half as much when no sentence
//! names the topic.
//!
//! Architecture invariant: a pure function of the listing and the tables; no I/O, no clock, and
//! ties broken by the topics' file order, so the same listing always reads the same.

use prepboard_core::normalize::SkillTaxonomy;
use prepboard_core::normalize::html::{self, BlockKind};
use prepboard_core::{Listing, SkillMention, SkillPlace, TitleFamily};

use crate::topics::{PhraseKind, SectionWords, Topics, phrase_in, without_phrases};

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
/// A sentence saying what the company uses is its stack when it names at least this many skills.
const STACK_SENTENCE_SKILLS: usize = 3;
/// A line with this many " | " separators is a header of fields.
const FIELD_HEADER_BARS: usize = 2;
/// Evidence sentences are cut to this many characters.
const SENTENCE_CHARS: usize = 220;

/// One sentence of the listing, where it stands, and its lower-cased text.
struct Unit {
    place: Place,
    text: String,
    lower: String,
    /// Its position among the sentences of its section, from 0.
    order: usize,
}

/// The topics `listing` asks about, most evidence first (ties in topic file order).
pub(crate) fn read(
    listing: &Listing,
    topics: &Topics,
    skills: &SkillTaxonomy,
) -> Vec<TopicEvidence> {
    let units = units(listing, topics.sections(), skills);
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
            // A sentence offering a choice among several topics of one group is shared.
            let choice = CHOICE_MARKERS.iter().any(|m| unit.lower.contains(m));
            let sharing = topic.group.as_ref().filter(|_| choice).map_or(1, |group| {
                hits[index]
                    .iter()
                    .filter(|other| topics.all()[other.0].group.as_ref() == Some(group))
                    .count()
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

/// The listing as sentences with their places: the title, the description's blocks (split into
/// sentences) under the section their last heading opened, then the tags.
fn units(listing: &Listing, words: &SectionWords, skills: &SkillTaxonomy) -> Vec<Unit> {
    let mut units = vec![unit(Place::Title, &listing.title)];
    let blocks = html::blocks(&listing.description_html);
    // In a listing with named sections, what precedes the first is its introduction.
    let sectioned = blocks.iter().any(|block| {
        block.kind == BlockKind::Heading
            && heading_section(&block.text.to_lowercase(), words).is_some()
    });
    let mut section: Option<Place> = None;
    let mut order = 0;
    if blocks.is_empty() {
        for line in listing.description_text.lines() {
            push_sentences(&mut units, Place::Body, line, words, skills, &mut order);
        }
    }
    for block in &blocks {
        let lower = block.text.to_lowercase();
        if block.kind == BlockKind::Heading
            && let Some(place) = heading_section(&lower, words)
        {
            section = Some(place);
            order = 0;
        }
        let place = match (section, block.kind) {
            // "Acme | Senior Engineer, Designer | Remote (EU) | $150k": a header of fields cut by
            // bars says who is hiring and where, for every role of the post; like tags, it asks
            // for nothing.
            _ if is_field_header(&block.text) => Place::Tags,
            // "Apply: email your CV …", "To apply, send …": how to apply, whatever it names.
            _ if is_how_to_apply(&lower) => Place::Boilerplate,
            (Some(place), _) => place,
            (None, _) if sectioned => Place::Intro,
            (None, BlockKind::ListItem) => Place::List,
            (None, _) => Place::Body,
        };
        push_sentences(&mut units, place, &block.text, words, skills, &mut order);
    }
    units.extend(listing.tags.iter().map(|tag| unit(Place::Tags, tag)));
    units
}

fn push_sentences(
    units: &mut Vec<Unit>,
    place: Place,
    text: &str,
    words: &SectionWords,
    skills: &SkillTaxonomy,
    order: &mut usize,
) {
    for sentence in sentences(text) {
        let lower = sentence.to_lowercase();
        let marked = place != Place::Boilerplate
            && words
                .nice_to_have_markers
                .iter()
                .any(|m| lower.contains(m.as_str()));
        let place = if marked {
            Place::NiceToHave
        } else if place.is_asked()
            && (is_bare_stack(sentence, skills) || announces_stack(sentence, &lower, words, skills))
        {
            // "Kubernetes, Docker, AWS, Terraform, PHP, MySQL" or "We use Ruby, Rails,
            // PostgreSQL and Redis": a list of technologies names what the company runs,
            // wherever it stands.
            Place::Stack
        } else {
            place
        };
        units.push(Unit {
            place,
            text: sentence.to_owned(),
            lower,
            order: *order,
        });
        *order += 1;
    }
}

/// Whether `sentence` is only a list of four or more technologies, each a skill named in at most
/// two words ("Kubernetes, Docker, AWS, Terraform, PHP, MySQL, node.js").
fn is_bare_stack(sentence: &str, skills: &SkillTaxonomy) -> bool {
    let items: Vec<&str> = sentence
        .trim_end_matches(['.', ';'])
        .split([',', ';'])
        .flat_map(|item| item.split(" and "))
        .map(|item| item.trim().trim_start_matches("and ").trim())
        .filter(|item| !item.is_empty())
        .collect();
    items.len() >= 4
        && items.iter().all(|item| {
            item.split_whitespace().count() <= 2 && !skills.find_in_text(item).is_empty()
        })
}

/// Whether `sentence` (`lower` lower-cased) says what the company runs ("we use", "our tech stack is") of three or more
/// skills it names.
fn announces_stack(
    sentence: &str,
    lower: &str,
    words: &SectionWords,
    skills: &SkillTaxonomy,
) -> bool {
    words
        .stack_sentence
        .iter()
        .any(|w| lower.contains(w.as_str()))
        && skills.find_in_text(sentence).len() >= STACK_SENTENCE_SKILLS
}

/// Whether a paragraph says how to apply ("Apply: …", "To apply, …", "How to apply …").
fn is_how_to_apply(lower: &str) -> bool {
    let text = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    [
        "apply:",
        "apply here",
        "apply at",
        "to apply",
        "how to apply",
        "apply by",
        "apply via",
    ]
    .iter()
    .any(|opening| text.starts_with(opening))
}

/// Whether a block is a line of three or more fields cut by bars (a Hacker News post's first
/// line, a board's summary line).
fn is_field_header(text: &str) -> bool {
    text.matches(" | ").count() >= FIELD_HEADER_BARS
}

fn unit(place: Place, text: &str) -> Unit {
    Unit {
        place,
        text: text.to_owned(),
        lower: text.to_lowercase(),
        order: 0,
    }
}

/// The section a heading opens, by the first list of words it contains.
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

/// Splits running text into sentences at ". ", "! " and "? " followed by an upper-case letter,
/// so "e.g. Kafka" and "Node.js" stay whole.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (index, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?') || index + 2 >= bytes.len() || bytes[index + 1] != b' ' {
            continue;
        }
        let next = text[index + 2..].chars().next();
        if next.is_some_and(char::is_uppercase) {
            let sentence = text[start..=index].trim();
            if !sentence.is_empty() {
                out.push(sentence);
            }
            start = index + 2;
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
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
    use super::{Place, cut, heading_section, sentences};
    use crate::Topics;

    #[test]
    fn common_headings_open_their_sections() {
        // Why: a heading the vocabulary misses leaves the section before it running, so a
        // "Required" list read as the introduction counted at the pitch's weight.
        let words = Topics::bundled().sections();
        for (heading, place) in [
            ("Required", Some(Place::Requirements)),
            (
                "A typical day of a Senior Architect would include:",
                Some(Place::Responsibilities),
            ),
            ("Technical Stack", Some(Place::Stack)),
            (
                "And also, you get extra points for:",
                Some(Place::NiceToHave),
            ),
            ("The Offer", Some(Place::Boilerplate)),
            ("Why Acme?", Some(Place::Boilerplate)),
            ("Why should you apply?", Some(Place::Boilerplate)),
            ("To Apply", Some(Place::Boilerplate)),
            ("Acme's Story", Some(Place::Boilerplate)),
            ("How We Hire:", Some(Place::Boilerplate)),
            ("EEO Statement", Some(Place::Boilerplate)),
            // Words the company lists check last: the heading's own words win.
            (
                "Why it matters: what you'll do",
                Some(Place::Responsibilities),
            ),
            (
                "Engineering culture: skills we look for",
                Some(Place::Requirements),
            ),
            ("Antimetal is:", None),
        ] {
            assert_eq!(
                heading_section(&heading.to_lowercase(), words),
                place,
                "{heading}"
            );
        }
    }

    #[test]
    fn sentences_split_on_full_stops_before_capitals_only() {
        assert_eq!(
            sentences("We use Node.js and Kafka, e.g. for events. You will design APIs. ok"),
            vec![
                "We use Node.js and Kafka, e.g. for events.",
                "You will design APIs. ok"
            ]
        );
        assert_eq!(sentences("  "), Vec::<&str>::new());
    }

    #[test]
    fn long_evidence_is_cut_on_a_word() {
        let long = "word ".repeat(100);
        let cut = cut(&long);
        assert!(cut.ends_with('…') && cut.chars().count() <= 221, "{cut}");
        assert_eq!(super::cut("short"), "short");
    }
}
