//! A post that describes several roles, each in its own paragraph or list item opened by the
//! role's title ("Systems Engineer" on a line of its own, "Backend Engineer: (Kotlin/Java)",
//! "* IoT Developers (Python, MQTT, AWS)"). Each role is a listing of its own that shares the
//! whole post as its description, so one role's listing would otherwise be asked what another
//! role's paragraph asks: a product engineer about Kotlin because the backend role names it.
//! Hacker News posts are written this way; board listings rarely name a second role so.

use prepboard_core::normalize::html::{Block, BlockKind};
use prepboard_core::normalize::title::{fold, without_parentheses};

use super::{Place, heading_section};
use crate::topics::SectionWords;
use prepboard_core::normalize::SkillTaxonomy;

/// A labelled list naming this many skills is the company's stack.
const STACK_SKILLS: usize = 2;
/// At most this many words make a role's title at the opening of a block.
const MAX_TITLE_WORDS: usize = 7;
/// And at most this many bytes.
const MAX_TITLE_CHARS: usize = 90;

/// For each block, whether it belongs to another role's part of the post. Nothing is marked
/// unless the post opens a part with this listing's own title and at least one with another
/// title: a lone role name in passing ("Reports to: Engineering Manager") splits nothing.
pub(super) fn other_roles(
    title: &str,
    blocks: &[Block],
    words: &SectionWords,
    skills: &SkillTaxonomy,
) -> Vec<bool> {
    // Folded as core's title rules fold titles, so "Engineers" meets "engineer".
    let own = fold(&without_parentheses(title));
    let nouns: Vec<String> = words
        .role_nouns
        .iter()
        .filter_map(|noun| fold(noun).into_iter().next())
        .collect();
    let openings: Vec<Option<bool>> = blocks
        .iter()
        .map(|block| role_opening(&block.text, &nouns, words).map(|head| same_role(&own, &head)))
        .collect();
    let mut marked = vec![false; blocks.len()];
    if !openings.contains(&Some(true)) || !openings.contains(&Some(false)) {
        return marked;
    }
    let mut in_other = false;
    for (index, block) in blocks.iter().enumerate() {
        if let Some(is_own) = openings[index] {
            in_other = !is_own;
        } else if block.kind == BlockKind::Heading
            && matches!(
                heading_section(&block.text.to_lowercase(), words),
                Some(Place::Boilerplate | Place::Stack)
            )
        {
            // "About us", "Our stack:", "How to apply": the post's shared part, after the roles.
            in_other = false;
        } else if block.kind != BlockKind::Heading
            && (opens_section(&block.text, words) || lists_the_stack(&block.text, skills))
        {
            // "What we're looking for: engineers who …", "Stack: Go, Postgres": a paragraph that
            // opens with a section's words speaks for the whole post. A heading alone on its
            // line ("Requirements:") opens a section of the role it follows.
            in_other = false;
        }
        marked[index] = in_other;
    }
    marked
}

/// The role title a block opens with, as lower-cased words: the text before a colon, a
/// parenthesis or a dash, or the whole block when it is a short line without a full stop. It
/// must start with a capital, not with one of `[sections].not_role_openers` ("We", "Our",
/// "Hiring"), and name a role (`[sections].role_nouns`).
fn role_opening(text: &str, nouns: &[String], words: &SectionWords) -> Option<Vec<String>> {
    let text = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    // A title's delimiter comes within its first words: look no further than a long title.
    let mut reach = text.len().min(MAX_TITLE_CHARS);
    while !text.is_char_boundary(reach) {
        reach -= 1;
    }
    let cut = [": ", ":", "(", " - ", " – ", " — "]
        .iter()
        .filter_map(|delimiter| text[..reach].find(delimiter))
        .min();
    let head = match cut {
        Some(end) => &text[..end],
        None if !text.trim_end().ends_with(['.', '!', '?']) => text,
        None => return None,
    };
    // Cheap checks first: most blocks are sentences, far longer than a title.
    if !head.starts_with(|c: char| c.is_uppercase())
        || head.split_whitespace().nth(MAX_TITLE_WORDS).is_some()
    {
        return None;
    }
    // Then the words, without allocating: most short blocks are requirements, not titles.
    let mut head_words = head
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty());
    let first = head_words.clone().next()?;
    let is = |word: &str, folded: &str| {
        word.eq_ignore_ascii_case(folded)
            || word
                .strip_suffix(['s', 'S'])
                .is_some_and(|stem| stem.eq_ignore_ascii_case(folded))
    };
    if words.not_role_openers.iter().any(|w| is(first, w))
        || !head_words.any(|word| nouns.iter().any(|noun| is(word, noun)))
    {
        return None;
    }
    Some(fold(head))
}

/// Whether a paragraph is a label without a role noun and a list of the company's technologies
/// ("Tech highlights: TypeScript, Postgres, Kubernetes"): the post's, not one role's.
fn lists_the_stack(text: &str, skills: &SkillTaxonomy) -> bool {
    text.split_once(':').is_some_and(|(head, list)| {
        head.split_whitespace().count() <= 3
            && skills.find_in_text(head).is_empty()
            && list.split(',').count() >= 3
            && skills.find_in_text(list).len() >= STACK_SKILLS
    })
}

/// Whether a paragraph opens with a section's words and a colon ("What we're looking for: …").
fn opens_section(text: &str, words: &SectionWords) -> bool {
    text.split_once(':').is_some_and(|(head, _)| {
        head.split_whitespace().count() <= MAX_TITLE_WORDS
            && heading_section(&format!("{}:", head.to_lowercase()), words).is_some()
    })
}

/// Whether an opening's title and the listing's name the same role: one's words are all among
/// the other's ("Backend Engineer" and "Senior & Staff Backend Engineers").
fn same_role(own: &[String], head: &[String]) -> bool {
    !own.is_empty()
        && (head.iter().all(|word| own.contains(word)) || own.iter().all(|w| head.contains(w)))
}

#[cfg(test)]
mod tests {
    use prepboard_core::normalize::html::blocks;

    use super::other_roles;
    use crate::Topics;

    fn marked(title: &str, html: &str) -> Vec<(String, bool)> {
        let blocks = blocks(html);
        let words = Topics::bundled().sections();
        let skills = prepboard_core::Normalizer::bundled().skills();
        let marks = other_roles(title, &blocks, words, skills);
        blocks.into_iter().map(|b| b.text).zip(marks).collect()
    }

    #[test]
    fn another_roles_paragraphs_are_marked_until_the_next_role() {
        let html = "<p>We build trading systems in Rust.</p>\
            <p>Systems Engineer<br>Low-latency distributed computing.</p>\
            <p>Software Engineer, Data Platform<br>Build data pipelines with Airflow.</p>\
            <p>Backend Engineer: (Kotlin/Java experience).</p>\
            <h3>About us</h3><p>Contact: jobs@acme.example</p>";
        let got = marked("Systems Engineer", html);
        let other: Vec<&str> = got
            .iter()
            .filter(|(_, m)| *m)
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(
            other,
            [
                "Software Engineer, Data Platform",
                "Build data pipelines with Airflow.",
                "Backend Engineer: (Kotlin/Java experience)."
            ]
        );
    }

    #[test]
    fn a_paragraph_opening_a_section_is_the_whole_posts_again() {
        let html = "<p>Senior Backend Engineers</p><p>Own core systems. Go required.</p>\
            <p>Solutions Engineer - Work with customers.</p>\
            <p>What we're looking for: engineers who value clear communication.</p>";
        let got = marked("Senior Backend Engineers", html);
        let marks: Vec<bool> = got.iter().map(|(_, m)| *m).collect();
        assert_eq!(marks, [false, false, true, false]);
    }

    #[test]
    fn a_labelled_list_of_the_companys_technologies_is_the_whole_posts() {
        // "Tech highlights: …" after the last role's part speaks for every role of the post.
        let html = "<p>Forward Deployed Engineer (Senior)</p><p>Own deployments end to end.</p>\
            <p>Product Designer</p><p>Own our design system.</p>\
            <p>Tech highlights: TypeScript, Postgres, distributed systems, cloud infra</p>";
        let marks: Vec<bool> = marked("Forward Deployed Engineer (Senior)", html)
            .iter()
            .map(|(_, m)| *m)
            .collect();
        assert_eq!(marks, [false, false, true, true, false]);
        // A role's own line of skills stays with the role.
        let html = "<p>Backend Engineer</p><p>Build APIs.</p><p>Data Engineer</p>\
            <p>Data Engineer skills: Airflow, dbt, Spark</p>";
        let marks: Vec<bool> = marked("Backend Engineer", html)
            .iter()
            .map(|(_, m)| *m)
            .collect();
        assert_eq!(marks, [false, false, true, true]);
    }

    #[test]
    fn list_items_opened_by_titles_and_plural_titles() {
        let html = "<ul><li>Full-Stack Software Engineers (React, NextJS)</li>\
            <li>IoT Developers (Python, MQTT, AWS)</li></ul>";
        let got = marked("Full-Stack Software Engineer", html);
        assert!(!got[0].1);
        assert!(got[1].1);
    }

    #[test]
    fn nothing_is_marked_without_an_opening_of_the_listings_own_role() {
        // A role named in passing is no part of the post: "Reports to: Engineering Manager".
        let html = "<p>Reports to: Engineering Manager</p><p>Engineering Manager: a mentor.</p>\
            <p>You will build APIs.</p>";
        assert!(
            marked("Senior Backend Engineer", html)
                .iter()
                .all(|(_, m)| !m)
        );
        // Sentences are no openings: "We are hiring engineers" starts with a pronoun, and a
        // sentence with a full stop is no title line.
        let html = "<p>Backend Engineer</p><p>We are hiring engineers</p>\
            <p>Our Data Engineer writes pipelines.</p>";
        assert!(marked("Backend Engineer", html).iter().all(|(_, m)| !m));
    }
}
