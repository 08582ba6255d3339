//! The words of one title: its head noun and number, its level, its parentheses, and the title
//! written out (singular, abbreviations expanded, capitalised) as a role.

use std::sync::LazyLock;

use regex::Regex;

use super::super::vocab::vocab;
use super::super::{places, text};
use super::{CONTEXT_PAREN, EDGE_WORKPLACE, HEAD_COUNT, PLURAL_NOUN, Role};

/// Whether the role noun that heads `title` is plural ("Engineers", "MLEs", "MLE's").
pub(super) fn is_plural(title: &str) -> bool {
    let bare = text::without_parentheses(title);
    let vocab = vocab();
    vocab.last_role_noun(&bare).is_some_and(|noun| {
        let noun = noun.as_str();
        PLURAL_NOUN.is_match(noun) && !noun.eq_ignore_ascii_case("sales")
    })
}

/// A title's leading level and its head: "Senior Frontend Software Engineers" → ("Senior",
/// "Software Engineer"). The head is the role noun with "Software" before it, made singular.
pub(super) fn head_noun(title: &str) -> (Option<String>, String) {
    let level = leading_level(title);
    let bare = text::without_parentheses(title);
    let words: Vec<&str> = bare.split_whitespace().collect();
    let last = words.len().saturating_sub(1);
    let mut start = last;
    if start > 0 && words[start - 1].eq_ignore_ascii_case("software") {
        start -= 1;
    }
    let head = words.get(start..).map(|w| w.join(" ")).unwrap_or_default();
    (level, singular(&head))
}

/// The level a title opens with ("Senior", "Sr./Staff"), if any.
pub(super) fn leading_level(title: &str) -> Option<String> {
    let found = vocab()
        .seniority_prefix
        .captures(title)?
        .get(1)?
        .as_str()
        .trim();
    let found = found.trim_end_matches(|c: char| "&/,".contains(c) || c.is_whitespace());
    // The whole title is not a level: "Lead" alone is a role.
    (!found.is_empty() && found.len() < title.trim().len()).then(|| found.to_owned())
}

pub(super) fn strip_level(text: &str) -> String {
    match leading_level(text) {
        Some(level) => text[text.find(&level).map_or(0, |at| at + level.len())..]
            .trim()
            .to_owned(),
        None => text.to_owned(),
    }
}

pub(super) fn join_words(parts: &[Option<&str>]) -> String {
    parts
        .iter()
        .flatten()
        .map(|part| part.trim())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A noun-less piece of an engineering list as a title: "C++ AI" → "C++ AI Engineer", "Data
/// Engineering" → "Data Engineer"; a non-technical piece ("Marketing") stays as it is.
pub(super) fn engineering_title(piece: &str) -> String {
    let piece = piece.trim();
    let names_discipline = piece
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| word.eq_ignore_ascii_case("engineering"));
    if !vocab().technical.is_match(piece) || vocab().has_role_word(piece) || names_discipline {
        return piece.to_owned();
    }
    // "ML Infrastructure (Staff+)": the noun goes before the parenthesis.
    match piece.find(" (").filter(|_| piece.ends_with(')')) {
        Some(open) => format!("{} Engineer{}", &piece[..open], &piece[open..]),
        None => format!("{piece} Engineer"),
    }
}

/// The last role noun of `title` made singular ("Backend Engineers" → "Backend Engineer",
/// "Senior MLE's" → "Senior MLE").
pub(crate) fn singular(title: &str) -> String {
    let vocab = vocab();
    let Some(noun) = vocab.last_role_noun(title) else {
        return title.to_owned();
    };
    let word = noun.as_str();
    let stem = ["'s", "’s", "es", "s"].iter().find_map(|ending| {
        let stem = word.strip_suffix(ending)?;
        // Only a listed noun is made singular: "Sales" and "Business" stay.
        let stem_is_noun = vocab
            .role_noun
            .captures(stem)
            .and_then(|c| c.get(1))
            .is_some_and(|m| m.as_str().len() == stem.len());
        stem_is_noun.then_some(stem)
    });
    match stem {
        Some(stem) => format!("{}{}{}", &title[..noun.start()], stem, &title[noun.end()..]),
        None => title.to_owned(),
    }
}

/// A title tidied, its context-only parentheses moved into the context; `None` when nothing of a
/// title is left.
pub(super) fn finish(title: &str, context: &str) -> Option<Role> {
    let mut title = title.trim().to_owned();
    let mut extra = Vec::new();
    // Parentheses about place, pay or experience describe the role; they are not its name.
    while let Some((open, close)) = last_paren(&title) {
        let inside = &title[open + 1..close];
        // "(ML)", "(AI)" and "(QA)" are areas, though they spell country codes.
        let is_context = CONTEXT_PAREN.is_match(inside)
            || places::names_place(inside)
                && !vocab().has_role_word(inside)
                && !vocab().technical.is_match(inside);
        if !is_context {
            break;
        }
        extra.push(inside.to_owned());
        title = format!("{} {}", &title[..open], &title[close + 1..])
            .trim()
            .to_owned();
    }
    let title = EDGE_WORKPLACE.replace_all(&title, "").into_owned();
    // "Senior Backend Engineer in San Francisco": the place it is in is context, not its name.
    static IN_PLACE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\s+(?:in|based in|located in)\s+([^,()]+)$").expect("valid regex")
    });
    let title = match IN_PLACE.captures(&title) {
        Some(found)
            if places::names_place(&found[1])
                && !vocab().has_role_word(&found[1])
                && !vocab().technical.is_match(&found[1]) =>
        {
            extra.push(found[1].trim().to_owned());
            title[..found.get(0).map_or(title.len(), |m| m.start())].to_owned()
        }
        _ => title,
    };
    // "2x Founding Engineers", "3 Senior Engineers": a count is not part of the title.
    let title = HEAD_COUNT.replace(&title, "").into_owned();
    // "Hiring a Staff Engineer": an article is not part of the title.
    static ARTICLE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^\s*(?:a|an)\s+(\S)").expect("valid regex"));
    let title = ARTICLE.replace(&title, "$1").into_owned();
    let title = singular(
        title
            .trim()
            .trim_matches(|c: char| "*_:;,.-–—|>".contains(c))
            .trim(),
    );
    let title = capitalise(&text::collapse(&title));
    if title.is_empty() || title.chars().count() > 120 || !title.chars().any(char::is_alphabetic) {
        return None;
    }
    // "Office Manager · Amsterdam, on-site": a piece that only says where the work is.
    if title.split_whitespace().count() <= 3
        && !vocab().has_role_word(&title)
        && super::super::fields::markers(&title).says_anything()
    {
        return None;
    }
    let mut context_parts = extra;
    if !context.trim().is_empty() {
        context_parts.push(context.trim().to_owned());
    }
    Some(Role {
        title,
        context: context_parts.join(" | "),
    })
}

/// The last top-level parenthesis of `text`, as byte positions of `(` and `)`.
fn last_paren(text: &str) -> Option<(usize, usize)> {
    let close = text.rfind(')')?;
    let mut depth = 0usize;
    for (at, c) in text[..=close].char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth -= 1;
                if depth == 0 {
                    return Some((at, close));
                }
            }
            _ => {}
        }
    }
    None
}

/// Words written all in lower case get a capital ("software engineer" → "Software Engineer");
/// a poster's own capitals ("iOS", "ML", "DevOps") stay. A title shouted in capitals
/// ("SENIOR BACKEND ENGINEER") is lowered first, its short words ("SRE", "ML", "VP") kept, since
/// those are abbreviations.
fn capitalise(title: &str) -> String {
    const SMALL: &[&str] = &[
        "of", "and", "for", "in", "to", "the", "a", "an", "with", "on", "at", "or",
    ];
    let shouted = title.chars().filter(|c| c.is_alphabetic()).count() >= 6
        && title.chars().all(|c| !c.is_lowercase());
    let lowered;
    let title = if shouted {
        lowered = title
            .split(' ')
            .map(|word| {
                if word.chars().filter(|c| c.is_alphabetic()).count() <= 3 {
                    word.to_owned()
                } else {
                    word.to_lowercase()
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        lowered.as_str()
    } else {
        title
    };
    title
        .split(' ')
        .enumerate()
        .map(|(index, word)| {
            let lower = word.chars().all(|c| !c.is_uppercase());
            if lower && (index == 0 || !SMALL.contains(&word)) {
                let mut chars = word.chars();
                match chars.next() {
                    Some(first) => first.to_uppercase().chain(chars).collect(),
                    None => String::new(),
                }
            } else {
                word.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The roles of a bare plural role noun and the areas after its colon, one per area ("Engineers"
/// and "Backend, Frontend, ML"); `None` unless there are two or more areas, each of engineering.
pub(crate) fn plural_noun_areas(noun: &str, areas: &str) -> Option<Vec<Role>> {
    let vocab = vocab();
    let noun = noun.trim();
    let is_bare_plural = !noun.contains(' ')
        && is_plural(noun)
        && vocab
            .role_noun
            .find(noun)
            .is_some_and(|found| found.as_str().trim().len() == noun.len());
    let items = super::list_items(areas);
    (is_bare_plural && items.len() >= 2 && items.iter().all(|item| vocab.role_area.is_match(item)))
        .then(|| super::split(&format!("{noun}: {areas}"), ""))
        .filter(|roles| roles.len() >= 2)
}
