//! A listing read as units: its title, each sentence of its description under the section the
//! last heading opened (or the place its own shape gives it: a stack line, a header of fields,
//! how to apply), and its tags. In a post of several roles, another role's part is left out
//! (`roles.rs`).

use prepboard_core::Listing;
use prepboard_core::normalize::SkillTaxonomy;
use prepboard_core::normalize::html::{self, BlockKind};

use super::{Place, heading_section};
use crate::Topics;
use crate::topics::SectionWords;

/// A sentence saying what the company uses is its stack when it names at least this many skills.
const STACK_SENTENCE_SKILLS: usize = 3;
/// A line with this many " | " separators is a header of fields.
const FIELD_HEADER_BARS: usize = 2;

/// One sentence of the listing, where it stands, and its lower-cased text.
pub(super) struct Unit {
    pub(super) place: Place,
    pub(super) text: String,
    pub(super) lower: String,
    /// Its position among the sentences of its section, from 0.
    pub(super) order: usize,
}

/// The listing as sentences with their places: the title, the description's blocks (split into
/// sentences) under the section their last heading opened, then the tags.
pub(super) fn units(listing: &Listing, topics: &Topics, skills: &SkillTaxonomy) -> Vec<Unit> {
    let words = topics.sections();
    let mut units = vec![unit(Place::Title, &listing.title)];
    let blocks = html::blocks(&listing.description_html);
    // In a listing with named sections, what precedes the first is its introduction.
    let sectioned = blocks.iter().any(|block| {
        block.kind == BlockKind::Heading
            && heading_section(&block.text.to_lowercase(), words).is_some()
    });
    // A post of several roles: another role's paragraphs ask nothing of this listing's.
    let other_role = super::roles::other_roles(&listing.title, &blocks, words, skills);
    let mut section: Option<Place> = None;
    let mut order = 0;
    if blocks.is_empty() {
        for line in listing.description_text.lines() {
            push_sentences(&mut units, Place::Body, line, topics, skills, &mut order);
        }
    }
    for (block, other_role) in blocks.iter().zip(other_role) {
        let lower = block.text.to_lowercase();
        if block.kind == BlockKind::Heading
            && let Some(place) = heading_section(&lower, words)
        {
            section = Some(place);
            order = 0;
        }
        if other_role {
            continue;
        }
        let place = match (section, block.kind) {
            // "Acme | Senior Engineer, Designer | Remote (EU) | $150k": a header of fields cut by
            // bars says who is hiring and where, for every role of the post; like tags, it asks
            // for nothing.
            _ if is_field_header(&block.text) => Place::Tags,
            // "Apply: email your CV …", "To apply, send …": how to apply, whatever it names.
            _ if is_how_to_apply(&lower, words) => Place::Boilerplate,
            (Some(place), _) => place,
            (None, _) if sectioned => Place::Intro,
            (None, BlockKind::ListItem) => Place::List,
            (None, _) => Place::Body,
        };
        push_sentences(&mut units, place, &block.text, topics, skills, &mut order);
    }
    units.extend(listing.tags.iter().map(|tag| unit(Place::Tags, tag)));
    units
}

fn push_sentences(
    units: &mut Vec<Unit>,
    place: Place,
    text: &str,
    topics: &Topics,
    skills: &SkillTaxonomy,
    order: &mut usize,
) {
    let words = topics.sections();
    for sentence in sentences(text) {
        let lower = sentence.to_lowercase();
        let marked = place != Place::Boilerplate
            && words
                .nice_to_have_markers
                .iter()
                .any(|m| lower.contains(m.as_str()));
        let place = if place == Place::Body && describes_company(sentence, &lower, words, skills) {
            // "Tenzir is building an open-core security data pipeline", "Buildkite's CI platform
            // is trusted by …": in a post without sections, the company's pitch for its product
            // is its introduction, not what the hire is asked.
            Place::Intro
        } else if topics.states_terms(&lower) {
            // "US work authorization required, no visa sponsorship": the terms of the job, not
            // what it asks, whatever its words ("authorization") would otherwise call for.
            Place::Boilerplate
        } else if marked {
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

/// Whether `sentence` (`lower` lower-cased) says what the company runs ("we use", "our tech stack
/// is") of three or more skills it names.
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

/// Whether a sentence (`lower` lower-cased) pitches the company or its product: it opens with one
/// of `[sections].pitch_openings` ("We're building …", "Our platform …"), or its subject is a
/// name, capitalised and no skill, that "is building", "is a/an/the" something or owns it ("Acme's
/// platform"). `[sections].not_pitch_subjects` are no names ("This is a hands-on role").
fn describes_company(
    sentence: &str,
    lower: &str,
    words: &SectionWords,
    skills: &SkillTaxonomy,
) -> bool {
    if words
        .pitch_openings
        .iter()
        .any(|o| lower.starts_with(o.as_str()))
    {
        return true;
    }
    let mut said = sentence.split_whitespace();
    let Some(first) = said.next() else {
        return false;
    };
    let name = first.trim_end_matches("’s").trim_end_matches("'s");
    let possessive = name.len() < first.len();
    let is_name = name.starts_with(|c: char| c.is_uppercase())
        && !words
            .not_pitch_subjects
            .iter()
            .any(|w| w.eq_ignore_ascii_case(name))
        && skills.find_in_text(name).is_empty();
    let verb = said.next().unwrap_or_default();
    let object = said.next().unwrap_or_default().to_lowercase();
    is_name
        && (possessive || verb == "is" && ["building", "a", "an", "the"].contains(&object.as_str()))
}

/// Whether a paragraph says how to apply: it opens with one of `[sections].apply_openings`
/// ("Apply: …", "To apply, …", "How to apply …").
fn is_how_to_apply(lower: &str, words: &SectionWords) -> bool {
    let text = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    words
        .apply_openings
        .iter()
        .any(|opening| text.starts_with(opening.as_str()))
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

#[cfg(test)]
mod tests {
    use super::{Place, heading_section, sentences};
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
}
