//! What a piece of a body line looks like: a title, a list of titles, a role's heading, a line
//! shaped like a post's header, a stack list; and where a title ends on its line and which
//! qualifiers after a dash stay in it. Pure functions of text, used by the parent module's list reader.

use std::sync::LazyLock;

use regex::Regex;

use super::super::fields;
use super::super::places;
use super::super::roles;
use super::super::text;
use super::super::vocab::vocab;
use super::{EMPHASIS, MARKER, ROLE_HEADING};

/// What comes with pay ("Equity", "Bonus"): never a team or an area qualifying a title.
static PAY_EXTRA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\+\s*)?(?:equity|stock(?: options)?|options|bonus(?:es)?|benefits|commission|rsus?|esop)\b")
        .expect("valid regex")
});

/// Role nouns of the company's own leaders: on a body line they sign the post ("Shaswat,
/// co-founder & CEO") or introduce the team ("Proven, technical founder"), they are not openings.
static SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:co-?founders?|founders?|ceo|cto|coo|cfo)\b").expect("valid regex")
});

/// Where a title ends on its line.
static TITLE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\s*:\s+|\s*:$|\s+[-–—]+\s+|\s*[-–—]+>\s*|\s*\|\s*|\s*→\s*|\s*=>\s*|\s+https?://|\s+h?https?://|\s+[$€£]\s*\d)")
        .expect("valid regex")
});

/// Whether a line alone is a role's heading: a short title in title case that ends in its role
/// noun (a parenthesis may follow), with no sentence punctuation. "Senior Backend Engineer" and
/// "Data Engineer (Spark)" are; "Reach out to our recruiter" and "Engineers." are not.
pub(super) fn is_role_heading(line: &str) -> bool {
    /// "Senior Software Engineer, Integrations": a team of up to three capitalised words after a
    /// comma is part of the title.
    static TEAM_AFTER_COMMA: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r",\s*\p{Lu}[\p{L}&/+-]*(?:\s+(?:&\s+)?\p{Lu}[\p{L}&/+-]*){0,2}\s*$")
            .expect("valid regex")
    });
    let outside = text::without_parentheses(line);
    let outside = TEAM_AFTER_COMMA.replace(outside.trim(), "");
    let outside = outside.trim();
    let ends_in_role = vocab()
        .last_role_noun(outside)
        .is_some_and(|found| outside[found.end()..].trim().is_empty());
    ends_in_role && is_short_title_case(outside)
}

/// Whether a line is a title by itself: short, in title case, naming a role anywhere ("Tech Lead
/// iOS App"), with nothing after a separator. Two such lines in a row are a list of roles even
/// with no line announcing it ("Founding Product Manager" over "Tech Lead iOS App").
pub(super) fn is_title_line(line: &str) -> bool {
    let bare = MARKER.replace(line, "");
    let bare = EMPHASIS.replace_all(&bare, "");
    let (head, rest) = split_title(bare.trim());
    let outside = text::without_parentheses(&head);
    rest.is_empty()
        && vocab().has_role_word(&outside)
        && !ROLE_HEADING.is_match(&outside)
        && !leaders_only(&outside)
        && is_short_title_case(outside.trim())
}

/// One to seven words, each capitalised or a small word, and no sentence punctuation at the end.
pub(super) fn is_short_title_case(outside: &str) -> bool {
    let words: Vec<&str> = outside.split_whitespace().collect();
    let title_case = words
        .iter()
        .all(|word| word.chars().next().is_some_and(|c| !c.is_lowercase()) || is_small_word(word));
    // Two titles joined ("Lead React Native Engineer and React Native Engineers") are each short.
    let longest_title = outside
        .split(" and ")
        .flat_map(|part| part.split(" & "))
        .map(|part| part.split_whitespace().count())
        .max()
        .unwrap_or(0);
    (1..=7).contains(&longest_title)
        && words.len() <= 14
        && title_case
        && !outside.ends_with(['.', '?', '!', ','])
}

/// Words a title-case title keeps in lower case ("Head of Growth", "VP of Engineering").
fn is_small_word(word: &str) -> bool {
    matches!(
        word,
        "of" | "and" | "for" | "the" | "in" | "&" | "/" | "-" | "–" | "or"
    )
}

/// A line of three or more `|` fields, as a post's header is written.
pub(super) fn is_header_shaped(line: &str) -> bool {
    text::without_parentheses(line).matches('|').count() >= 3
}

/// Whether every role noun of `head` names one of the company's leaders.
pub(super) fn leaders_only(head: &str) -> bool {
    let without = SIGNATURE.replace_all(head, " ");
    SIGNATURE.is_match(head) && !vocab().has_role_word(&without)
}

/// The text before a line's first title separator, and the rest.
pub(super) fn split_title(text: &str) -> (String, String) {
    // Parentheses are part of the title ("Senior MLE (R&D):"); look for separators outside them.
    let mut depth = 0usize;
    for (at, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > 0 {
            continue;
        }
        if let Some(found) = TITLE_END
            .find_at(text, at)
            .filter(|found| found.start() == at)
        {
            let head = text[..at].trim().to_owned();
            let rest = text[found.start()..]
                .trim_start_matches([':', '|', '-', '–', '—', '>', '→', '=', ' ']);
            return (head, rest.trim().to_owned());
        }
    }
    (text.trim().to_owned(), String::new())
}

/// Whether `head` reads as a job title rather than a sentence.
pub(super) fn is_title_shaped(head: &str) -> bool {
    // Parentheses of teams, places and levels do not make a title longer.
    let outside = text::without_parentheses(head);
    let words: Vec<&str> = outside.split_whitespace().collect();
    let Some(first) = words.first() else {
        return false;
    };
    // "IT Systems Administrator": the acronym in capitals is no pronoun.
    let it_acronym = head.trim_start().starts_with("IT ");
    if words.len() > 10
        || vocab().not_title_opener.is_match(head)
            && !roles::LEAD_TITLE.is_match(head)
            && !it_acronym
    {
        return false;
    }
    // Titles open with a capital, a digit-free word in capitals, or a level written in lower case
    // ("senior level systems engineers").
    let opens_like_a_title = first
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c == '[')
        || vocab().seniority_prefix.is_match(head)
        || vocab().technical.is_match(first);
    // "Lead design discussions and write clear design docs" is a duty, not a title: a title's
    // words are mostly capitalised, or it ends in its role noun ("senior level systems engineers").
    let capitalised = words
        .iter()
        .filter(|word| {
            word.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
        })
        .count();
    let ends_in_role = vocab().last_role_noun(head).is_some_and(|found| {
        head[found.end()..].trim().is_empty() || head[found.end()..].trim_start().starts_with('(')
    });
    // A short head in lower case is a title only when it ends in its role noun: "senior
    // engineers" is, "Dev log" (a label before a link) is not.
    let reads_as_title = if words.len() < 3 {
        capitalised == words.len() || ends_in_role
    } else {
        capitalised * 2 >= words.len() || ends_in_role
    };
    opens_like_a_title
        && reads_as_title
        && !first.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// Whether `head` is a list of titles too long for one ("Software Engineers (Backend, API), Data
/// Scientists, Analytics Engineers, Security"): pieces cut at commas, semicolons and bullets
/// outside parentheses, each short and shaped like a title, two or more naming a role.
pub(super) fn is_title_list(head: &str) -> bool {
    let mut pieces = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (at, c) in head.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' | ';' | '•' | '·' if depth == 0 => {
                pieces.push(&head[start..at]);
                start = at + c.len_utf8();
            }
            _ => {}
        }
    }
    pieces.push(&head[start..]);
    let pieces: Vec<&str> = pieces
        .into_iter()
        .map(|piece| {
            let piece = piece.trim();
            let piece = piece
                .strip_prefix("and ")
                .or_else(|| piece.strip_prefix("& "))
                .unwrap_or(piece)
                .trim();
            // "…, and a Product Designer.": the article and the full stop are no part of it.
            let piece = piece
                .strip_prefix("a ")
                .or_else(|| piece.strip_prefix("an "))
                .unwrap_or(piece);
            piece.trim().trim_end_matches('.')
        })
        .filter(|piece| !piece.is_empty())
        .collect();
    let short = |piece: &&str| text::without_parentheses(piece).split_whitespace().count() <= 6;
    pieces.len() >= 2
        && pieces
            .iter()
            .all(|piece| short(piece) && is_title_shaped(piece))
        && pieces
            .iter()
            .filter(|piece| vocab().has_role_word(piece))
            .count()
            >= 2
}

/// The title with the dash-separated team or area names that follow it ("Software Engineering
/// Manager - Database"), and the rest of the line as context.
pub(super) fn extend_with_qualifiers(head: &str, rest: &str) -> (String, String) {
    let mut title = head.to_owned();
    let mut rest = rest.to_owned();
    loop {
        let (segment, after) = split_title(&rest);
        // "- Infrastructure, Machine Learning (Technical Lead, $200,000 - $250,000)": the team
        // name stays, its parenthesis of level and pay goes to the context.
        let (segment, aside) = match segment.find(" (") {
            Some(open) if segment.ends_with(')') => (
                segment[..open].trim().to_owned(),
                segment[open..].trim().to_owned(),
            ),
            _ => (segment, String::new()),
        };
        let after = if aside.is_empty() {
            after
        } else {
            format!("{aside} {after}")
        };
        let words = segment.split_whitespace().count();
        let qualifier = !segment.is_empty()
            && words <= 5
            && !fields::markers(&segment).says_anything()
            && !places::names_place(&segment)
            && !fields::mentions_money(&segment)
            && !PAY_EXTRA.is_match(&segment)
            && fields::employment(&segment).is_none()
            && !text::urls_in(&segment).iter().any(|_| true)
            && !vocab().not_title_opener.is_match(&segment)
            && segment.chars().next().is_some_and(char::is_uppercase)
            && !rest.starts_with('(')
            && !segment.ends_with('.')
            && !is_stack_list(&segment);
        if !qualifier || rest.trim_start().starts_with("http") {
            break;
        }
        title = format!("{title} - {segment}");
        rest = after;
        if rest.is_empty() {
            break;
        }
    }
    (title, rest)
}

/// A list of two or more technologies and nothing else ("Go, TypeScript, GCP", "Rust/Wasm"):
/// after a title's dash it is the stack the role works in, not a team, so it stays out of the
/// title (an area such as "Backend" or "Data" is a team and stays in).
fn is_stack_list(segment: &str) -> bool {
    let skills = prepboard_core::normalize::Normalizer::bundled().skills();
    let pieces: Vec<&str> = segment
        .split([',', '/'])
        .map(str::trim)
        .filter(|piece| !piece.is_empty())
        .collect();
    pieces.len() >= 2
        && pieces
            .iter()
            .all(|piece| skills.lookup(piece).is_some() && !vocab().role_area.is_match(piece))
}
