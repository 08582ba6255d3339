//! Roles named in sentences: "We're hiring a Senior Backend Engineer to …".
//!
//! A hiring verb (`hiring_verbs` in config/hn.toml: "hiring", "looking for", "have openings
//! for", "join us as", …) after a subject or opening a sentence introduces the roles. Every
//! sentence of a line is read, since HN folds a paragraph's sentences into one line; a role a
//! later sentence names again, or only by its bare noun, is not added twice.

use std::sync::LazyLock;

use regex::Regex;

use super::super::vocab::vocab;
use super::super::{fields, text};
use super::{Role, SENTENCE_ADJECTIVES, is_plural, list_items, split};

mod areas;
pub(crate) use areas::departments_after;
use areas::{across_areas, areas_after_colon, areas_in_parenthesis};

static HIRING_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    // The hiring verb (config/hn.toml) opens the sentence or follows its subject: "set hiring
    // standards" hires no one.
    Regex::new(&format!(
        r"(?i)(?:^[\s\-–*•>→]*|[.!?:]\s+|\b(?:is|are|we're|we’re|we are|we'd|we’d|we would|we|i'm|i’m|i am|i'd|i’d|i would|i|currently|now|actively|also|still|and)\s+)(?:(?:currently|now|actively|also|still|especially|finally|just)\s+)*(?:{})\b\s*(?:(?:now|currently|actively|immediately)\s+)?(?:for\s+)?(?:the\s+following(?:\s+\w+)?\s*|(?:\w+\s+)?(?:open\s+)?(?:roles|positions|openings)\s*[-–—:]\s*)?(?::\s*)?(.+)",
        vocab().hiring_verbs
    ))
    .expect("valid regex")
});
/// A sentence that announces the roles before a colon, with no hiring verb: "Roles we're trying
/// to fill before the summer: a …", "The one opening: Senior Backend Engineer …", "We have three
/// openings: (1) a …". The words before the colon must name roles, openings or hires.
static ANNOUNCED_ROLES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^[\s\-–*•>→]*|[.!?]\s+)(?:(?:[\p{L}'’]+|\([^()]*\))\s+){0,6}?(?:roles|positions|openings|opening|open\s+role|open\s+position|hires|vacancies)\b(?:(?:\s+[\p{L}'’]+){0,8}?\s*:|(?:\s+[\p{L}'’]+){0,3}?\s+(?:is|are|include|includes)\b)\s+(.+)|(?:^|[.!?]\s+)tl;\s?dr\s*:\s*(.+)",
    )
    .expect("valid regex")
});
/// A count or article before a list's first title that no level or role word follows into it.
static LEADING_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:one more|another|our first|our next|one for an?|a couple of)\s+")
        .expect("valid regex")
});
/// A sentence of an enumeration of openings, or a conditional that addresses a role: "First, a
/// backend engineer …", "The second is an engineering manager …", "One opening is for an
/// Android developer …", "The other is for a QA tester …", "If you're a compiler engineer, …".
static ENUMERATED_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:(?:^|[.!?;]\s+)(?:(?:first|second|third|fourth|fifth|lastly|finally)\s*,|the\s+(?:first|second|third|fourth|other|last)(?:\s+(?:one|opening|role|position|hire))?\s+is(?:\s+for)?|one\s+(?:opening|role|position|hire)\s+is(?:\s+for)?|then\s+we\s+want\s+you\s+as)|\b(?:if|and)\s+you(?:'re|’re|\s+are))\s+(.+)",
    )
    .expect("valid regex")
});
/// "one for a" opening an item of a list of openings.
static ONE_FOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(^\s*|,\s*|\band\s+)one\s+for\s+(an?)\s").expect("valid regex")
});
/// The numbers or letters of an inline list: "(1) a Senior Platform Engineer …, (2) a …".
static INLINE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\((?:\d{1,2}|[a-h])\)\s*").expect("valid regex"));
/// Up to four words and a colon opening what a hiring verb introduces ("talented: …",
/// "exceptional people: …", "on my team: …").
static QUALIFIER_BEFORE_COLON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[\p{L}'’-]+\s+){0,3}[\p{L}-]+\s*:\s+").expect("valid regex")
});
/// A parenthesis without one inside it.
static PARENTHESIS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\([^()]*\)").expect("valid regex"));
/// An article or a count after a list's comma or conjunction ("… and a Designer", "… and two
/// Senior Engineers"): it opens a role of its own.
static LISTED_ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(,|;|\band\b|&|\bor\b)\s+(?:a couple of|a few|one for an?|one more|an?|one|two|three|four|five|\d{1,2}|several|multiple|some|another|our first)\s+")
        .expect("valid regex")
});
/// Where one sentence of a line ends and the next begins: ". " before a capital, except after a
/// level or title abbreviation ("Sr. Engineer").
static NEXT_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    // "we're hiring! looking for …": after "!" or "?" a sentence may open in lower case.
    Regex::new(r"[.!?]\s+[\p{Lu}]|[!?]\s+\p{Ll}").expect("valid regex")
});
/// ", and we could also use a …", "; we're also …": a clause with its own subject and verb, read
/// as a sentence of its own.
static NEXT_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:,?\s+and\s+|;\s+)(we(?:'re|’re|\s+are|\s+could|\s+would|\s+also|\s+need|\s+want)\b)")
        .expect("valid regex")
});
static SENTENCE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[.!?](?:\s|$)|\s(?:to|who|that|which|with|in|at|for|based|across|on|from|who'll|whom|like|if|as|so|because|near|within|reporting|working|joining|able|asap|this|next|immediately|soon|covering|owning|leading|building|helping|supporting|running|focused)\b|\sof\s+(?:all|any|every|various|different)\b|\s[-–—]\s|:|\(|$")
        .expect("valid regex")
});

/// The roles a hiring sentence names ("We are hiring engineers, data scientists and PMs").
pub(crate) fn from_sentence(line: &str) -> Vec<Role> {
    // The sentence speaks about the roles it names: "engineers (hybrid)", "in our NYC office".
    let context = text::collapse(&text::without_urls(line));
    let mut roles: Vec<Role> = Vec::new();
    // Each sentence of the line may hire: "We're hiring Backend Engineers. We are also hiring
    // Data Engineers." A role a sentence names again (or a bare noun for one) is not added.
    let all = sentences(line);
    for (index, sentence) in all.iter().enumerate() {
        // Only earlier sentences' roles can name one again: one list's pieces are all roles
        // ("product managers, … and technical customer success managers").
        let earlier = roles.len();
        let mut named = sentence_roles(sentence, &context);
        // "We're hiring engineers! Backend (Elixir), Frontend (React), and Infra (AWS).": the
        // next sentence lists the bare plural role's areas, one role each.
        if let ([bare], Some(next)) = (named.as_slice(), all.get(index + 1))
            && let Some(per_area) = areas_of_bare(sentence, bare, next)
        {
            named = per_area;
        }
        for role in named {
            if !roles[..earlier].iter().any(|known| {
                super::same_kind(&known.title, &role.title)
                    || super::covers(&role.title, &known.title)
            }) && !roles.contains(&role)
            {
                roles.push(role);
            }
        }
    }
    roles
}

/// The roles of a bare plural role noun ("engineers") that `sentence` hires, one per area of
/// `next` when `next` is only a list of two or more areas, each with its own parenthesis
/// ("Backend (Elixir), Frontend (React), and Infra (AWS)."); `None` otherwise.
fn areas_of_bare(sentence: &str, bare: &Role, next: &str) -> Option<Vec<Role>> {
    let (level, noun) = super::head_noun(&bare.title);
    let plain = super::singular(&bare.title);
    let bare_noun = plain.split_whitespace().count() == 1
        || level.is_some() && plain.split_whitespace().count() == 2;
    // The sentence must say the noun in the plural: "hiring engineers", not "an engineer".
    let plural = sentence
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| is_plural(word) && word.eq_ignore_ascii_case(&format!("{noun}s")));
    if !bare_noun || !plural {
        return None;
    }
    let items = list_items(next.trim().trim_end_matches(['.', '!']));
    let areas: Vec<(String, &str)> = items
        .iter()
        .map(|item| {
            let outside = text::without_parentheses(item).trim().to_owned();
            let inside = item.find('(').map_or("", |at| &item[at..]);
            (outside, inside)
        })
        .collect();
    if areas.len() < 2
        || !areas
            .iter()
            .all(|(area, _)| vocab().role_area.is_match(area))
    {
        return None;
    }
    Some(
        areas
            .iter()
            .map(|(area, inside)| Role {
                title: format!(
                    "{} {inside}",
                    [level.as_deref(), Some(area.as_str()), Some(noun.as_str())]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" ")
                )
                .trim()
                .to_owned(),
                context: bare.context.clone(),
            })
            .collect(),
    )
}

/// Words a dot shortens without ending the sentence ("Sr. Engineer", "Acme Inc. is").
const ABBREVIATIONS: &[&str] = &[
    "sr", "jr", "snr", "inc", "st", "vs", "e.g", "i.e", "dr", "mr", "ms",
];

/// Whether the stop `stop` after `before` is an abbreviation's dot rather than a sentence's end.
fn is_abbreviation(before: &str, stop: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("")
        .to_lowercase();
    stop.starts_with('.') && ABBREVIATIONS.contains(&word.as_str())
}

/// `line` cut into its sentences.
fn sentences(line: &str) -> Vec<&str> {
    let mut cuts: Vec<usize> = Vec::new();
    let mut start = 0;
    for found in NEXT_SENTENCE.find_iter(line) {
        if is_abbreviation(&line[start..found.start()], found.as_str()) {
            continue;
        }
        // The stop stays with its sentence; the capital opens the next.
        let cut = found.end() - found.as_str().chars().last().map_or(0, char::len_utf8);
        cuts.push(cut);
        start = cut;
    }
    cuts.extend(
        NEXT_CLAUSE
            .captures_iter(line)
            .filter_map(|captures| captures.get(1).map(|we| we.start())),
    );
    cuts.sort_unstable();
    cuts.dedup();
    let mut pieces = Vec::new();
    let mut start = 0;
    for cut in cuts {
        pieces.push(&line[start..cut]);
        start = cut;
    }
    pieces.push(&line[start..]);
    pieces
}

/// The roles one sentence names, each with `context`.
fn sentence_roles(line: &str, context: &str) -> Vec<Role> {
    let vocab = vocab();
    let mut roles = Vec::new();
    let line = INLINE_NUMBER.replace_all(line, "");
    let line = line.as_ref();
    let announced = ANNOUNCED_ROLES.captures_iter(line);
    let enumerated = ENUMERATED_ROLE.captures_iter(line);
    for captures in HIRING_SENTENCE
        .captures_iter(line)
        .chain(announced)
        .chain(enumerated)
    {
        let Some(rest) = captures.get(1).or_else(|| captures.get(2)) else {
            continue;
        };
        // "if you're a compiler engineer, we'd love …": the role the reader is ends at the comma.
        let addressed = captures[0][..rest.start() - captures.get(0).map_or(0, |m| m.start())]
            .trim_end()
            .to_lowercase();
        let rest = rest.as_str();
        // "TL;DR: senior Rails dev, remote US, small team": the summary's first piece is the role.
        let summary = captures.get(1).is_none();
        let rest = if summary
            || addressed.ends_with("you're")
            || addressed.ends_with("you’re")
            || addressed.ends_with("you are")
        {
            rest.split(", ").next().unwrap_or(rest)
        } else {
            rest
        };
        // "Interested to hear from talented: firmware engineers (C), …", "hiring on my team:
        // …": a few words before a colon that name no role are no role; the list follows it.
        let rest = match QUALIFIER_BEFORE_COLON.find(rest) {
            Some(qualifier) if !vocab.has_role_word(qualifier.as_str()) => &rest[qualifier.end()..],
            _ => rest,
        };
        // "two openings: one for a senior SRE, one for a backend engineer": each "one for" is an
        // article (its "for" is no clause ending the title).
        let rest = ONE_FOR.replace_all(rest, "$1$2 ");
        let rest = rest.as_ref();
        // "hiring across engineering, design, and sales": departments, one role each.
        if let Some(departments) = departments_after(rest, context) {
            return departments;
        }
        // "We're hiring (backend, infra, ML)": areas in a parenthesis, one engineer each.
        if let Some(areas) = areas_in_parenthesis(rest) {
            return areas
                .into_iter()
                .flat_map(|area| split(&format!("{area} Engineer"), context))
                .collect();
        }
        let end = SENTENCE_END
            .find_iter(rest)
            .find(|found| {
                !joins_levels(rest, found.start(), found.end())
                    && !is_abbreviation(&rest[..found.start()], found.as_str())
                    && !parenthesis_inside_list(rest, found.start(), found.as_str())
                    && !in_title_parenthesis(rest, found.start())
            })
            .map_or(rest.len(), |found| found.start());
        let mut phrase = rest[..end].trim();
        // "many different roles including engineering managers, …": the list follows "including".
        if let Some(at) = phrase.to_lowercase().rfind("including ") {
            phrase = phrase[at + "including ".len()..].trim();
        }
        let phrase = SENTENCE_ADJECTIVES.replace(phrase, "");
        // "adding to the team: one more Senior Rails Engineer, our first QA Engineer, …": the
        // count or article before the first title is no part of it.
        let phrase = LEADING_COUNT.replace(&phrase, "");
        // "a Senior Backend Engineer and a Product Designer": an article opens a role of its own,
        // so a level before the first is not the second's.
        // The "and" before an article stays with the piece it closes ("SRE, iOS, and | a few
        // leadership roles"), so that piece still reads as a list closed by "and".
        let mut by_article: Vec<String> = Vec::new();
        let mut from = 0;
        for found in LISTED_ARTICLE.captures_iter(&phrase) {
            let (Some(whole), Some(separator)) = (found.get(0), found.get(1)) else {
                continue;
            };
            let closing = if separator.as_str().eq_ignore_ascii_case("and") {
                " and"
            } else {
                ""
            };
            by_article.push(format!("{}{closing}", phrase[from..whole.start()].trim()));
            from = whole.end();
        }
        by_article.push(phrase[from..].trim().to_owned());
        by_article.retain(|piece| !piece.trim().is_empty() && piece.trim() != "and");
        // Each role's article goes too.
        let phrase = LISTED_ARTICLE.replace_all(&phrase, "$1 ");
        let without_articles = phrase.clone().into_owned();
        // A run-on clause is no title list; the items' parentheses (stacks, places) do not count.
        let flat = PARENTHESIS.replace_all(&phrase, "");
        if flat.split_whitespace().count() > 16 && !is_list_of_titles(&flat)
            || !vocab.has_role_word(&phrase)
        {
            continue;
        }
        // "software engineers from Mid-Level to Staff": the range is the title's level.
        let phrase = match level_range_after(&rest[end..]) {
            Some(range) if vocab.seniority_prefix.find(&phrase).is_none() => {
                std::borrow::Cow::Owned(format!("{range} {phrase}"))
            }
            _ => phrase,
        };
        // "Senior Engineers across Full-stack, Frontend and Backend teams", "engineers across
        // the stack: backend, frontend, and ML": one role per area.
        let phrase = match across_areas(&rest[end..]).or_else(|| areas_after_colon(&rest[end..])) {
            Some(areas) if is_plural(&phrase) => format!("{phrase} ({areas})"),
            _ => phrase.into_owned(),
        };
        // A level range or areas added to the phrase speak for the whole list.
        if by_article.len() >= 2 && phrase == without_articles {
            for piece in &by_article {
                roles.extend(split(piece, context));
            }
        } else {
            roles.extend(split(&phrase, context));
        }
        if !roles.is_empty() {
            // "hiring staff ML engineers to train models …; and staff infra engineers to deploy
            // them": the list goes on after the first role's clause.
            // A poster who writes titles in lower case ("an iOS engineer") writes the next one so.
            let lower_case = vocab
                .last_role_noun(&phrase)
                .is_some_and(|noun| !noun.as_str().chars().any(char::is_uppercase));
            roles.extend(resumed_roles(&rest[end..], context, lower_case));
            break;
        }
    }
    // "people", "candidates" and "someone" are not roles; a sentence that named one role noun
    // inside a longer clause may still leave a piece without one.
    // A department in the list ("… and growth/marketing") is a role of its own.
    roles.retain(|role| {
        vocab.has_role_word(&role.title)
            || fields::mentions_money(&role.title)
            || vocab.department_only.is_match(&role.title)
    });
    roles
}

/// "from Mid-Level to Staff", "ranging from Senior to Principal" right after a title: the range.
fn level_range_after(after: &str) -> Option<String> {
    static RANGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:ranging\s+)?from\s+([\w\-+]+)(?:\s+level)?\s+to\s+([\w\-+]+)")
            .expect("valid regex")
    });
    let captures = RANGE.captures(after)?;
    let vocab = vocab();
    let (low, high) = (captures.get(1)?.as_str(), captures.get(2)?.as_str());
    (vocab.seniority_only.is_match(low) && vocab.seniority_only.is_match(high))
        .then(|| format!("{low} to {high}"))
}

/// Whether the " to " at `start..end` of `text` joins two levels ("mid to senior engineers"), so
/// it does not end the title.
fn joins_levels(text: &str, start: usize, end: usize) -> bool {
    if text[start..end].trim() != "to" {
        return false;
    }
    let vocab = vocab();
    let before = text[..start].split_whitespace().last().unwrap_or("");
    let after = text[end..].split_whitespace().next().unwrap_or("");
    vocab.seniority_only.is_match(before) && vocab.seniority_only.is_match(after)
}

/// Most words a parenthesis right after a role noun may have to be part of its title.
const TITLE_PARENTHESIS_WORDS: usize = 4;

/// Whether `at` of `text` opens or stands inside a short parenthesis right after a role noun
/// ("a Senior Backend Engineer (Go).", "a Founding Engineer (Python/Django) to …"): it belongs to
/// the title, and `finish` moves it to the context when it only says where or on what terms.
fn in_title_parenthesis(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let open = if text[at..].starts_with('(') {
        at
    } else {
        match before.rfind('(') {
            Some(open) if !before[open..].contains(')') => open,
            _ => return false,
        }
    };
    let Some(close) = text[open..].find(')').map(|close| open + close) else {
        return false;
    };
    let inside = &text[open + 1..close];
    let ends_in_noun = vocab()
        .last_role_noun(text[..open].trim_end())
        .is_some_and(|noun| noun.end() == text[..open].trim_end().len());
    ends_in_noun
        && !inside.contains('(')
        && inside.split_whitespace().count() <= TITLE_PARENTHESIS_WORDS
}

/// Whether the stop `stop` at `start` of `text` opens a parenthesis after which the list of roles
/// goes on ("1x Fullstack Engineer (Typescript, React), 1x DevOps Engineer (…), and …"): such a
/// parenthesis belongs to one item, and the list does not end there.
fn parenthesis_inside_list(text: &str, start: usize, stop: &str) -> bool {
    static GOES_ON: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^\s*(?:,|&|\band\b|\bor\b)").expect("valid regex"));
    if stop != "(" {
        return false;
    }
    let Some(close) = text[start..].find(')') else {
        return false;
    };
    let inner = &text[start + 1..start + close];
    if inner.contains('(') {
        return false;
    }
    // "engineers (backend, infra, and ML) to join us": a plural title's areas are its roles.
    let areas = list_items(inner);
    let plural_before = text[..start]
        .split_whitespace()
        .last()
        .is_some_and(|word| is_plural(word) && vocab().has_role_word(word));
    GOES_ON.is_match(&text[start + close + 1..])
        || plural_before
            && areas.len() >= 2
            && areas.iter().all(|area| vocab().role_area.is_match(area))
}

/// Whether `phrase` is a list whose every piece is a short title ("product engineers,
/// clickhouse operations engineer, …, and technical customer success managers"): however long,
/// such a list is no run-on clause.
fn is_list_of_titles(phrase: &str) -> bool {
    let pieces = list_items(phrase);
    pieces.len() >= 3
        && pieces
            .iter()
            .all(|piece| piece.split_whitespace().count() <= 5 && vocab().has_role_word(piece))
}

/// The roles of "…; and staff infra engineers to take …" after a hiring sentence's first clause:
/// the list goes on where a comma or semicolon ("and" may follow), or "and", "plus" or "as well
/// as" with an article or a count, opens a short title ("… to own the rating engine, and a Mobile
/// Engineer for the driver app", "… who knows Postgres, a product designer who …", "…; a GIS
/// Data Engineer to own …"). Without a comma, the title must be capitalised: "to work with a
/// designer and a PM" is about the hire's colleagues as often as not, and stays unread only when
/// written in lower case.
fn resumed_roles(after: &str, context: &str, lower_case_titles: bool) -> Vec<Role> {
    // Between the first role and an "and a …" after it, words that make the next a colleague.
    static COLLEAGUE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:with|alongside|reporting|reports?\s+to|under|join|joining)\b")
            .expect("valid regex")
    });
    static RESUMED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?:[;,]\s*(?:and\s+|plus\s+)?(?:also\s+)?(?P<counted>(?:an?|one|two|three|four|five|\d{1,2}|several|a few|a couple of|one more|another|our first)\s+)?|\s(?:and|plus|as\s+well\s+as)\s+(?:also\s+)?(?P<bare>an?|one|two|three|four|five|\d{1,2}|several|one more|another|our first)\s+)(?P<title>[^;,.!?]+)",
        )
        .expect("valid regex")
    });
    // The hiring sentence ends at its full stop; a clause's parenthesis ("(Python, Postgres, a
    // lot of SQL)") is no list of roles.
    let sentence = after.split(". ").next().unwrap_or(after);
    let sentence = PARENTHESIS.replace_all(sentence, "");
    let vocab = vocab();
    RESUMED
        .captures_iter(&sentence)
        .filter_map(|found| {
            let rest = found.name("title")?.as_str();
            let after_comma = found.name("bare").is_none();
            // After a comma with no article, only the old "…, and staff infra engineers" form.
            if after_comma
                && found.name("counted").is_none()
                && !found[0]
                    .trim_start_matches([';', ','])
                    .trim_start()
                    .to_lowercase()
                    .starts_with("and ")
            {
                return None;
            }
            let gap = &sentence[..found.get(0).map_or(0, |m| m.start())];
            if !after_comma
                && !rest.starts_with(char::is_uppercase)
                && (!lower_case_titles || COLLEAGUE.is_match(gap))
            {
                return None;
            }
            let end = SENTENCE_END
                .find(rest)
                .map_or(rest.len(), |stop| stop.start());
            let phrase = SENTENCE_ADJECTIVES.replace(rest[..end].trim(), "");
            let phrase = strip_part_time(&phrase);
            let words = phrase.split_whitespace().count();
            ((1..=5).contains(&words) && vocab.role_noun.is_match(&phrase))
                .then(|| split(&phrase, context))
        })
        .flatten()
        .collect()
}

/// "part-time Community Manager": the terms are no part of the title.
fn strip_part_time(phrase: &str) -> String {
    static TERMS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:part[\s-]time|full[\s-]time|contract|freelance)\s+")
            .expect("valid regex")
    });
    TERMS.replace(phrase, "").into_owned()
}
