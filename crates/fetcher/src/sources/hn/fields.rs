//! What a piece of a post says about the workplace, the pay, the employment type and visas.
//!
//! Each reader takes the texts that speak about one role (its own line first, then the post's
//! header fields) and returns `None` when they say nothing, so the caller can fall back to the
//! next, broader text. The precedence between the workplace words is written in `config/hn.toml`.

use std::sync::LazyLock;

use prepboard_core::{EmploymentType, WorkplaceType};
use regex::Regex;

use super::places;
use super::vocab::vocab;

mod pay;
pub(crate) use pay::{
    keyed_pay, leads_with_pay, mentions_money, post_currency, salary, speaks_of_pay,
};

/// What a text says about where the work happens.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Markers {
    pub remote: bool,
    pub onsite: bool,
    pub hybrid: bool,
    /// Remote offered beside an office, as the candidate's choice ("NYC or Remote", "Remote
    /// (opt-in regional offices)").
    pub remote_or_office: bool,
    /// Names remote as an option ("Remote OK", "open to remote"): beside an office, a choice.
    pub remote_option: bool,
    /// Offers an office as an option ("Office in Austin, TX optional", "opt-in regional
    /// offices"): beside remote, even in another field, a choice.
    pub office_option: bool,
    /// Names a city or a state: an office, when nothing says remote.
    pub office_place: bool,
    /// Names any place at all.
    pub any_place: bool,
}

impl Markers {
    pub fn says_anything(self) -> bool {
        self.remote || self.onsite || self.hybrid || self.remote_or_office
    }

    /// The markers of several texts read as one post header: a remote field beside an on-site
    /// or hybrid field offers both.
    pub fn merge(self, other: Markers) -> Markers {
        Markers {
            remote: self.remote || other.remote,
            onsite: self.onsite || other.onsite,
            hybrid: self.hybrid || other.hybrid,
            remote_or_office: self.remote_or_office || other.remote_or_office,
            remote_option: self.remote_option || other.remote_option,
            office_option: self.office_option || other.office_option,
            office_place: self.office_place || other.office_place,
            any_place: self.any_place || other.any_place,
        }
    }

    /// The workplace these markers give, `None` when they name none. `place_means_office`: a
    /// place with no workplace word is an office (true for the header, where HN's convention is
    /// to write REMOTE when remote; false for a role's own countries, "(US/Canada)").
    pub fn workplace(self, place_means_office: bool) -> Option<WorkplaceType> {
        // "NYC | Remote OK": an office, and remote as an option beside it.
        let optional_remote = self.remote_option && self.office_place;
        let optional_office = self.remote && self.office_option;
        if self.remote_or_office
            || (self.remote && (self.hybrid || self.onsite))
            || optional_remote
            || optional_office
        {
            return Some(WorkplaceType::RemoteOrOffice);
        }
        if self.hybrid {
            return Some(WorkplaceType::Hybrid);
        }
        if self.onsite {
            return Some(WorkplaceType::Onsite);
        }
        if self.remote {
            return Some(WorkplaceType::Remote);
        }
        let office = if place_means_office {
            self.any_place
        } else {
            self.office_place
        };
        office.then_some(WorkplaceType::Onsite)
    }
}

static NOT_REMOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:no|not|non)[\s\-]+remote\b|\bremote\s*(?::|-)?\s*no\b|\bremote\s+(?:is\s+)?not\b",
    )
    .expect("valid regex")
});
/// "3 days a week in the office", "2x/week in office", "On-site 2-3x per week", "Hybrid 3 days",
/// "on-site (4 days)": the office word right before the count says whose days they are.
static DAYS_IN_OFFICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b([1-5]|one|two|three|four|five|a couple(?: of)?)(?:\s*[-–]\s*[1-5])?\s*(?:x|days?)\s*(?:/|a|per|each|of the)?\s*(?:week|wk)\b|\b([1-5]|two|three|four|five)\s+days\s+(?:in[\s\-](?:the\s+)?office|onsite|on-site|in[\s\-]person|at (?:the|our) office)|\b(?:onsite|on-site|on site|in[\s\-]office|in[\s\-]person)\s*\(?\s*([1-5]|one|two|three|four|five)(?:\s*[-–]\s*[1-5])?\s*(?:x|days?)\b",
    )
    .expect("valid regex")
});

/// How many days a week `text` puts in the office, as written ("3", "three"), if it says.
fn office_day_count(text: &str) -> Option<String> {
    let Some(days) = DAYS_IN_OFFICE.captures(text) else {
        return weekday_count(text).map(|count| count.to_string());
    };
    days.get(1)
        .or(days.get(2))
        .or(days.get(3))
        .map(|count| count.as_str().to_lowercase())
}

/// How many weekdays "Tuesday through Thursday", "Mon-Wed" or "Tuesdays and Thursdays" name.
fn weekday_count(text: &str) -> Option<usize> {
    // "Mon", "Tues", "Wednesday", "Thursdays": every weekday's own spelling, short or whole.
    const DAY: &str =
        r"(mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs?(?:day)?)?|fri(?:day)?)s?";
    static RANGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"(?i)\b{DAY}\s*(?:through|thru|to|-|–)\s*{DAY}\b"))
            .expect("valid regex")
    });
    static LIST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"(?i)\b{DAY}(?:\s*(?:,|/|&|\band\b)\s*{DAY}\b)+"))
            .expect("valid regex")
    });
    let index = |day: &str| {
        ["mon", "tue", "wed", "thu", "fri"]
            .iter()
            .position(|prefix| day.to_lowercase().starts_with(prefix))
    };
    if let Some(found) = RANGE.captures(text) {
        let (from, to) = (index(&found[1])?, index(&found[2])?);
        return (to > from).then(|| to - from + 1);
    }
    let list = LIST.find(text)?.as_str();
    static ONE_DAY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"(?i)\b{DAY}\b")).expect("valid regex"));
    Some(ONE_DAY.find_iter(list).count())
}

/// "3 days/month onsite Paris", "2x a quarter in the office": visits to an office, which leave a
/// remote job remote (and name no office to choose).
static OFFICE_VISITS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:\d+|one|two|three|four|a few|a couple(?: of)?)\s*(?:x|days?|times?|weeks?)\s*(?:/|a|per|each|every)\s*(?:month|quarter|year)\b(?:\s+(?:onsite|on-site|on site|in[\s\-](?:the\s+)?office|in[\s\-]person))?(?:\s+(?:in\s+|at\s+)?\p{Lu}\p{L}+(?:\s+\p{Lu}\p{L}+)?)?")
        .expect("valid regex")
});
/// "ONSITE+PART REMOTE", "Remote+Hybrid": a plus between two words joins two phrases, so each is
/// read on its own ("C++" keeps its pluses).
static PLUS_BETWEEN_WORDS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\p{L})\+(\p{L})").expect("valid regex"));
/// Remote beside offices, as a choice: "remote or from one of our offices", "opt-in offices".
static OFFICE_OPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:offices|hubs|opt-in|office optional|co-?working|optional\s+(?:office|in[\s\-]office|onsite|on-site|in[\s\-]person)|office\s+(?:[\w,.]+\s+){0,4}(?:available|optional))\b").expect("valid regex")
});
/// An office offered to those who want it: "Office in Austin, TX optional", "optional office in
/// Lisbon", "office in NYC if you want it", "offices … for those who want them".
static OFFERED_OFFICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:office optional|optional\s+(?:office|in[\s\-]office|onsite|on-site|in[\s\-]person|coworking)|offices?\s+(?:[\w,.]+\s+){0,5}(?:available|optional|if you (?:want|prefer|like)|for those who (?:want|prefer|like)|(?:you're|you’re|you are) welcome to use)|opt-in\s+(?:\w+\s+)?offices?)\b").expect("valid regex")
});
static REMOTE_DESCRIBING_HYBRID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bremote[\s\-](?:first|friendly|leaning)\s+hybrid\b").expect("valid regex")
});
/// "Onsite in London, 1 day WFH", "2 days remote", "WFH Fridays", "On-site 3 days, remote 2": a
/// few days at home a week
/// make an office job hybrid; the remote word names those days, not an option.
static HOME_DAYS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(?:[1-4]|one|two|three|four|a couple(?: of)?)\s*(?:x\s*)?days?\s*(?:(?:/|a|per)\s*(?:week|wk)\s*)?(?:wfh|remote|from home|at home|home[\s\-]office)|wfh\s+(?:on\s+)?(?:mondays?|fridays?)|(?:,|;)\s*remote\s+(?:[1-4]|one|two|three|four)(?:\s*days?)?)\b")
        .expect("valid regex")
});
/// Joins two alternatives.
static ALTERNATIVE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\s(?:or|and|&|\+)\s|/|\+|\bor\b").expect("valid regex"));

/// A country offered as the alternative to remote ("UK or remote", "Remote or Germany"): the
/// company's own country, where its office is. A country beside remote by a slash or inside its
/// parenthesis ("Remote (US/Canada)") is where a remote hire may live instead.
static COUNTRY_OR_REMOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[|,;(]\s*)([\p{L}.]+(?:\s[\p{L}.]+){0,2})\s+or\s+remote\b|\bremote\s+or\s+([\p{L}.]+(?:\s[\p{L}.]+){0,2})\s*(?:$|[|,;)])")
        .expect("valid regex")
});

static TIME_OFFSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:gmt|utc|cet|cest|eet|est|edt|pst|pdt|ist)\s*[+\-−–]\s*\d{1,2}(?::?\d{2})?",
    )
    .expect("valid regex")
});
/// A parenthesis right after "remote" that says where a remote hire may live ("Remote (Georgia
/// or Florida residents only)", "Remote (US/Canada)"); one naming an office or another workplace
/// ("Remote (or our NYC office)") is not matched.
static REMOTE_WHERE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\bremote\s*\((?:[^()]*?\b(?:office|offices|onsite|on-site|hybrid|in-person|in person|hq|relocat\w*)\b[^()]*|([^()]*))\)",
    )
    .expect("valid regex")
});

static FULLY_REMOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:fully|100%|all|completely)[\s\-]+remote\b|\bremote[\s\-]+only\b")
        .expect("valid regex")
});

/// "San Francisco, London, REMOTE (US)", "Remote (US), NYC": one field listing offices and remote
/// side by side offers either. (In a field of its own, "Munich | REMOTE", the city is the
/// company's base; "Berlin, Germany (Remote)" only says where the remote job is.)
fn remote_listed_with_offices(text: &str) -> bool {
    let vocab = vocab();
    let mut pieces = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (at, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                pieces.push(&text[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    pieces.push(&text[start..]);
    let opens_remote = |piece: &str| {
        vocab
            .remote
            .find(piece)
            .is_some_and(|found| piece[..found.start()].trim().is_empty())
    };
    // "Remote, Toronto Area": an area says where the remote hire lives, not an office; "Remote,
    // HQ in Berlin" where the company is, not an office offered.
    static AREA: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:area|region|metro|based|time\s*zones?|hq|headquarter(?:s|ed))\b")
            .expect("valid regex")
    });
    pieces.len() >= 2
        && pieces.iter().any(|piece| opens_remote(piece))
        && pieces.iter().any(|piece| {
            !opens_remote(piece) && !AREA.is_match(piece) && places::names_office_place(piece)
        })
}

/// Whether `text` offers a country as the alternative to remote ([`COUNTRY_OR_REMOTE`]).
fn country_or_remote(text: &str) -> bool {
    COUNTRY_OR_REMOTE.captures_iter(text).any(|found| {
        found
            .get(1)
            .or_else(|| found.get(2))
            .is_some_and(|place| !places::countries(place.as_str()).is_empty())
    })
}

/// The workplace markers of one text.
pub(crate) fn markers(text: &str) -> Markers {
    let vocab = vocab();
    let text = PLUS_BETWEEN_WORDS.replace_all(text, "$1 + $2");
    let text = OFFICE_VISITS.replace_all(&text, " ");
    let text = vocab.visits.replace_all(&text, " ");
    let text = vocab.not_workplace.replace_all(&text, " ");
    let for_others = vocab.remote_for_others.is_match(&text);
    let mut remaining = vocab.remote_for_others.replace_all(&text, " ").into_owned();
    let mut onsite = false;
    if NOT_REMOTE.is_match(&remaining) {
        onsite = true;
        remaining = NOT_REMOTE.replace_all(&remaining, " ").into_owned();
    }
    if HOME_DAYS.is_match(&remaining) {
        remaining = HOME_DAYS.replace_all(&remaining, " hybrid ").into_owned();
    }
    let mut hybrid = vocab.hybrid.is_match(&remaining);
    // "ONSITE+PART REMOTE": the remote inside a hybrid phrase offers no remote option.
    if hybrid {
        remaining = vocab
            .hybrid
            .replace_all(&remaining, " hybrid ")
            .into_owned();
    }
    if let Some(count) = office_day_count(&remaining) {
        if matches!(count.as_str(), "5" | "five") {
            onsite = true;
        } else {
            hybrid = true;
        }
    }
    // "remote-first hybrid": the remote word describes the hybrid arrangement, it is no option.
    if hybrid {
        remaining = REMOTE_DESCRIBING_HYBRID
            .replace_all(&remaining, " hybrid ")
            .into_owned();
    }
    let remote = vocab.remote.is_match(&remaining);
    onsite |= vocab.onsite.is_match(&remaining);
    // The places a remote hire may live in are no offices, and "or" between them no choice.
    let offices_text = REMOTE_WHERE
        .replace_all(&remaining, |captures: &regex::Captures<'_>| {
            if captures.get(1).is_some() {
                "remote".to_owned()
            } else {
                captures[0].to_owned()
            }
        })
        .into_owned();
    let office_place = places::names_office_place(&offices_text);
    // "Denver, CO (remote for some roles)": the roles not marked remote are at the office.
    onsite |= for_others && office_place && !vocab.remote.is_match(&remaining);
    // "Fully Remote US/CA/UK": the slash lists where a remote hire may live, not offices.
    let only_remote = FULLY_REMOTE.is_match(&remaining);
    // "GMT-5 to GMT+5": the plus of a time zone offers no alternative.
    let without_offsets = TIME_OFFSET.replace_all(&remaining, " ");
    let remote_or_office = remote
        && ((office_place
            && (ALTERNATIVE.is_match(&without_offsets) || remote_listed_with_offices(&remaining))
            && !only_remote)
            || OFFICE_OPTION.is_match(&remaining)
            || country_or_remote(&remaining));
    Markers {
        remote,
        onsite,
        hybrid,
        remote_or_office,
        remote_option: remote && vocab.remote_option.is_match(&remaining),
        office_option: OFFERED_OFFICE.is_match(&remaining),
        office_place,
        any_place: office_place || places::names_place(&remaining),
    }
}

/// Whether a body sentence speaks of days in the office, which refines an on-site header into
/// hybrid ("ONSITE" in the header, "three days in the office" below).
pub(crate) fn speaks_of_office_days(text: &str) -> bool {
    office_day_count(text).is_some_and(|count| !matches!(count.as_str(), "5" | "five"))
        && OFFICE_WORD.is_match(text)
}

/// Whether the body puts the whole week in the office ("in person five days a week").
fn speaks_of_office_week(text: &str) -> bool {
    office_day_count(text).is_some_and(|count| matches!(count.as_str(), "5" | "five"))
        && OFFICE_WORD.is_match(text)
}

static OFFICE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:office|in[\s\-]person|onsite|on-site|studio)\b").expect("valid regex")
});

/// Whether a body sentence offers an office to a remote hire who wants one ("We have offices in
/// London and New York for those who want them", "You can work from our Berlin office or from
/// home").
pub(crate) fn offers_office(text: &str) -> bool {
    static FROM_OFFICE_OR_HOME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\bwork from (?:our|the|one of our) (?:[\w-]+\s+){0,3}offices? or (?:from )?(?:home|remotely|anywhere)\b")
            .expect("valid regex")
    });
    // "a WeWork in Denver you can use whenever you like", "an office that's open to anyone on
    // the team", "a hub in Lisbon for anyone who wants a desk", "you're welcome to join them
    // there", "We prefer people who can work from our Berlin office, but remote is fine".
    static OFFICE_FOR_WHOEVER_WANTS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:offices?|wework|hubs?|co-?working(?:\s+space)?|desks?)\b[^.!?]{0,80}?(?:\byou can use\b|\b(?:you're|you’re|you are)\s+welcome\b|\bwelcome to (?:join|use|work)\b|\bopen to (?:anyone|everyone|all|the (?:whole )?team|contractors|you)\b|\bif you(?:'d| would)? (?:want|like|prefer)\b|\bfor (?:anyone|those|people) who (?:wants?|prefers?|likes?)\b|\bwhenever you (?:like|want)\b|\bis there if you\b)|\bprefer\b[^.!?]{0,60}\boffice\b[^.!?]{0,40}\bremote\b")
            .expect("valid regex")
    });
    OFFERED_OFFICE.is_match(text)
        || FROM_OFFICE_OR_HOME.is_match(text)
        || OFFICE_FOR_WHOEVER_WANTS.is_match(text)
}

/// Whether a text names remote as an option ("remote-friendly", "open to remote", "remote OK").
pub(crate) fn offers_remote_option(text: &str) -> bool {
    // "Remote within the US considered", "Remote work is available for this role", "Remote is
    // fine within Germany": words may stand between the remote word and the offer.
    static REMOTE_OFFERED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\bremote(?:\s+work)?(?:\s+(?:within|in|from)\s+(?:the\s+)?[\p{L}.]+(?:\s+[\p{L}.]+)?)?\s+(?:is\s+|are\s+|also\s+)*(?:considered|available|possible|fine|ok|okay|welcome|allowed|negotiable)\b")
            .expect("valid regex")
    });
    vocab().remote_option.is_match(text) || REMOTE_OFFERED.is_match(text)
}

/// Whether a body sentence speaks to candidates away from the office ("If you're not in NYC,
/// quarterly travel to the office is expected"): they are hired too, so an office post offers
/// remote beside it.
pub(crate) fn speaks_to_outsiders(text: &str) -> bool {
    static OUTSIDERS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\bif you(?:'re|’re| are) not (?:in|near|based in|located in|local to|living in)\b|\bif you (?:don't|don’t|do not) live (?:in|near)\b|\b(?:for|candidates|those) (?:not |living )?outside (?:of )?(?:commuting distance|the (?:bay )?area)\b")
            .expect("valid regex")
    });
    OUTSIDERS.is_match(text)
}

/// Whether a body sentence offers some work from home, which refines an on-site header into
/// hybrid ("ONSITE Oslo" in the header, "Flexible home-office arrangement" below).
pub(crate) fn speaks_of_home_days(text: &str) -> bool {
    static HOME_DAYS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:flexible|partial|occasional|some)\s+(?:home[\s\-]office|work(?:ing)?[\s\-]from[\s\-]home|wfh|remote\s+(?:work|days))\b|\b(?:\d|one|two|three|four|a day or two|a day|a couple of days)\s+(?:days?\s+)?(?:a\s+week\s+|per\s+week\s+)?(?:from\s+home|wfh|at\s+home)\b")
            .expect("valid regex")
    });
    HOME_DAYS.is_match(text)
}

/// Where a post whose header says nothing says it in its first lines, header-style: a
/// header-shaped line of fields ("Onsite (Stockholm) or Remote | Full-time"), a parenthesis of
/// workplace words ("We're hiring (Remote - US) for:", "(in-office)") or a line that opens with
/// one in capitals ("REMOTE mostly, but I travel often").
fn opening_workplace(body: &str) -> Option<WorkplaceType> {
    static PARENTHESIS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\(([^()]{1,40})\)").expect("valid regex"));
    static CAPITAL_LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\W*(REMOTE|ONSITE|ON-SITE|HYBRID|IN-OFFICE|IN OFFICE)\b")
            .expect("valid regex")
    });
    body.lines()
        .filter(|line| !line.trim().is_empty())
        .take(4)
        .find_map(|line| {
            // "Onsite (Stockholm) or Remote | Full-time": a second header line, read as a whole.
            if line.contains(" | ")
                && let Some(said) = markers(line).workplace(false)
            {
                return Some(said);
            }
            let lead = CAPITAL_LEAD
                .captures(line)
                .and_then(|found| markers(&found[1]).workplace(false));
            lead.or_else(|| {
                PARENTHESIS
                    .captures_iter(line)
                    .find_map(|found| markers(&found[1]).workplace(false))
            })
        })
}

/// Sentences of a post's body that settle the workplace when the header says nothing.
static BODY_REMOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:fully[\s\-]remote|100% remote|remote[\s\-](?:first|only)|all (?:of our )?(?:roles|positions) are (?:fully[\s\-])?remote|we(?:'re| are) (?:a )?(?:fully )?remote|remote team|(?:fully |globally )?distributed (?:team|company)|fully distributed|(?:whole company|everyone|whole team|team) works? (?:remotely|from home)|we have no office|work from anywhere|remote position|remote role|(?:role|position|job)s? (?:is|are) (?:fully |100% )?remote)\b")
        .expect("valid regex")
});
static BODY_ONSITE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:in[\s\-]person (?:role|position|team)|(?:role|position|job) is based (?:in|at|out of) our (?:[\w-]+\s+){0,2}office|in the office(?: in [\w ]{1,20})? every day|(?:role|position|job)s? (?:is|are) (?:fully |strictly )?(?:in[\s\-]person|on[\s\-]?site|in[\s\-]office)|fully in[\s\-]person|in[\s\-]office role|on[\s\-]?site (?:role|position)|strictly on[\s\-]?site)\b")
        .expect("valid regex")
});
static BODY_HYBRID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:hybrid (?:role|position|work|model|schedule|setup)|(?:role|position|job)s? (?:is|are) hybrid)\b")
        .expect("valid regex")
});

/// The workplace the body's sentences state, for a post whose header is silent.
pub(crate) fn body_workplace(body: &str) -> Option<WorkplaceType> {
    if let Some(said) = opening_workplace(body) {
        return Some(said);
    }
    if BODY_HYBRID.is_match(body) || speaks_of_office_days(body) {
        Some(WorkplaceType::Hybrid)
    } else if BODY_ONSITE.is_match(body) || speaks_of_office_week(body) {
        Some(WorkplaceType::Onsite)
    } else if BODY_REMOTE.is_match(body) {
        Some(WorkplaceType::Remote)
    } else {
        None
    }
}

/// The employment type a text names first ("Contract or Full-time" is a contract).
pub(crate) fn employment(text: &str) -> Option<EmploymentType> {
    let vocab = vocab();
    [
        (&vocab.internship, EmploymentType::Internship),
        (&vocab.part_time, EmploymentType::PartTime),
        (&vocab.contract, EmploymentType::Contract),
        (&vocab.full_time, EmploymentType::FullTime),
    ]
    .into_iter()
    .filter_map(|(pattern, kind)| pattern.find(text).map(|found| (found.start(), kind)))
    .min_by_key(|(start, _)| *start)
    .map(|(_, kind)| kind)
}

/// Whether a text says visas are sponsored (`Some(true)`) or not (`Some(false)`).
pub(crate) fn visa(text: &str) -> Option<bool> {
    let vocab = vocab();
    if vocab.no_visa.is_match(text) {
        Some(false)
    } else if vocab.visa.is_match(text) {
        Some(true)
    } else {
        None
    }
}

#[cfg(test)]
mod tests;
