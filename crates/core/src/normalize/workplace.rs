//! Workplace: whether a job is remote, remote-or-office, hybrid or on-site, where its offices are,
//! with the signal that decided it and a confidence; and the employment type.
//!
//! The order of precedence (documented beside the vocabulary in `config/places.toml`):
//! 1. the source's structured fields: a workplace field of the source ("Workplace Type",
//!    "Location Type", "Remote", Lever/Ashby `workplaceType`, Ashby `isRemote`, JSON-LD
//!    `jobLocationType`), then a workplace the parser already decided, then the board itself when
//!    it lists only remote jobs (We Work Remotely, Remotive, RemoteOK);
//! 2. explicit words of the location text, read segment by segment ("New York, NY; Remote - US"
//!    offers both), then of the title ("Backend Engineer (Remote)");
//! 3. explicit sentences of the description ("this role is hybrid", "fully remote");
//! 4. on an employer board or in a hiring post, a city with no remote marker ("Austin, TX") is an
//!    office job. A country or region alone says nothing about the workplace.
//!
//! Offices are the cities of the location's office segments (every segment without a remote
//! marker), else the offices the source attaches to the job.

use std::sync::LazyLock;

use regex::Regex;

use super::countries::{self, Gazetteer, fold_words};
use super::eligibility::read_eligibility;
use super::place_scan::{TextKind, read_places_with};
use crate::{
    Confidence, Eligibility, EmploymentType, PlaceFields, SourceKind, WorkplaceEvidence,
    WorkplaceType,
};

/// What kind of board a listing came from, which decides how a bare city is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Board {
    /// An employer's own board (Greenhouse, Lever, Ashby, a careers page): a city is an office.
    Employer,
    /// An aggregator that lists only remote jobs: every job is remote.
    RemoteOnly,
    /// Anything else (a hiring thread, a general aggregator): a city with no marker is an office,
    /// as on an employer board, but nothing is assumed remote.
    Mixed,
}

impl Board {
    pub fn of(source: SourceKind) -> Board {
        if matches!(
            source,
            SourceKind::WeWorkRemotely | SourceKind::Remotive | SourceKind::RemoteOk
        ) {
            Board::RemoteOnly
        } else if source.is_employer_board() {
            Board::Employer
        } else {
            Board::Mixed
        }
    }
}

/// Everything a listing says about where it is done.
#[derive(Debug, Clone, Copy)]
pub struct PlaceSignals<'a> {
    pub board: Board,
    /// The board's name, for evidence ("We Work Remotely").
    pub board_name: &'a str,
    /// A workplace the parser read from a source field, `Unknown` when it had none.
    pub source_workplace: WorkplaceType,
    pub fields: &'a PlaceFields,
    pub structured_places: &'a [String],
    pub location_text: &'a str,
    pub title: &'a str,
    pub description_text: &'a str,
}

/// The workplace of a listing and where its offices are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkplaceReading {
    pub workplace: WorkplaceType,
    pub offices: Vec<String>,
    pub evidence: Option<WorkplaceEvidence>,
}

/// Workplace and eligibility together, as a listing carries them: the eligibility holds the
/// offices and the workplace evidence.
pub fn read_location(signals: &PlaceSignals<'_>) -> (WorkplaceType, Eligibility) {
    read_location_with(countries::bundled(), signals)
}

pub fn read_location_with(
    gazetteer: &Gazetteer,
    signals: &PlaceSignals<'_>,
) -> (WorkplaceType, Eligibility) {
    let field_places = place_field_values(gazetteer, signals.fields);
    let location_names_places =
        !read_places_with(gazetteer, signals.location_text, TextKind::Field).is_empty();
    let mut structured: Vec<String> = signals.structured_places.to_vec();
    if !location_names_places {
        structured.extend(field_places.iter().cloned());
    }
    let mut eligibility =
        read_eligibility(&structured, signals.location_text, signals.description_text);
    let reading = read_workplace_with(gazetteer, signals, &field_places);
    eligibility.offices = reading.offices;
    eligibility.workplace_evidence = reading.evidence;
    (reading.workplace, eligibility)
}

/// The workplace of a listing, by the order of precedence in the module docs.
pub fn read_workplace(signals: &PlaceSignals<'_>) -> WorkplaceReading {
    let gazetteer = countries::bundled();
    let field_places = place_field_values(gazetteer, signals.fields);
    read_workplace_with(gazetteer, signals, &field_places)
}

fn read_workplace_with(
    gazetteer: &Gazetteer,
    signals: &PlaceSignals<'_>,
    field_places: &[String],
) -> WorkplaceReading {
    let segments = segments(gazetteer, signals.location_text, field_places);
    let from_text = location_workplace(&segments, signals.board);
    let decided = field_workplace(gazetteer, signals.fields, from_text.as_ref())
        .or_else(|| {
            (signals.source_workplace != WorkplaceType::Unknown).then(|| {
                decided(
                    signals.source_workplace,
                    format!(
                        "{}: {}",
                        signals.board_name,
                        signals.source_workplace.label()
                    ),
                    Confidence::High,
                )
            })
        })
        .or_else(|| {
            (signals.board == Board::RemoteOnly).then(|| {
                decided(
                    WorkplaceType::Remote,
                    format!("{} lists only remote jobs", signals.board_name),
                    Confidence::High,
                )
            })
        })
        .or_else(|| {
            from_text
                .clone()
                .filter(|(_, explicit)| *explicit)
                .map(|(d, _)| d)
        })
        .or_else(|| title_workplace(gazetteer, signals.title))
        .or_else(|| description_workplace(signals.description_text))
        .or_else(|| from_text.map(|(d, _)| d));
    let Some(Decided {
        workplace,
        evidence,
    }) = decided
    else {
        return WorkplaceReading {
            workplace: WorkplaceType::Unknown,
            offices: Vec::new(),
            evidence: None,
        };
    };
    let offices = if workplace == WorkplaceType::Remote || workplace == WorkplaceType::Unknown {
        Vec::new()
    } else {
        offices(gazetteer, &segments, &signals.fields.offices)
    };
    WorkplaceReading {
        workplace,
        offices,
        evidence: Some(evidence),
    }
}

#[derive(Debug, Clone)]
struct Decided {
    workplace: WorkplaceType,
    evidence: WorkplaceEvidence,
}

fn decided(workplace: WorkplaceType, text: String, confidence: Confidence) -> Decided {
    Decided {
        workplace,
        evidence: WorkplaceEvidence {
            text: shorten(&text),
            confidence,
        },
    }
}

fn shorten(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() > 200 {
        text.chars().take(200).collect::<String>() + "…"
    } else {
        text.to_owned()
    }
}

/// Whether `phrase` (folded) stands in `folded` as whole words.
fn holds(folded: &str, phrase: &str) -> bool {
    !phrase.is_empty() && format!(" {folded} ").contains(&format!(" {phrase} "))
}

fn holds_any(folded: &str, phrases: &[String]) -> bool {
    phrases.iter().any(|phrase| holds(folded, phrase))
}

/// The values of the source's place fields ("Job Posting Location": "Austin, US").
fn place_field_values(gazetteer: &Gazetteer, fields: &PlaceFields) -> Vec<String> {
    fields
        .fields
        .iter()
        .filter(|field| gazetteer.place_fields.contains(&fold_words(&field.name)))
        .flat_map(|field| field.values.iter())
        .map(|value| value.trim().to_owned())
        .filter(|value| !value.is_empty())
        .collect()
}

/// What one value of a workplace field says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ValueSays {
    Kind(WorkplaceType),
    Yes,
    No,
}

fn value_says(gazetteer: &Gazetteer, value: &str) -> Option<ValueSays> {
    let folded = fold_words(value);
    let vocabulary = &gazetteer.workplace_values;
    let exact = |phrases: &[String]| phrases.contains(&folded);
    if holds_any(&folded, &vocabulary.remote_or_office) {
        Some(ValueSays::Kind(WorkplaceType::RemoteOrOffice))
    } else if holds_any(&folded, &vocabulary.hybrid) {
        Some(ValueSays::Kind(WorkplaceType::Hybrid))
    } else if holds_any(&folded, &vocabulary.onsite) {
        Some(ValueSays::Kind(WorkplaceType::Onsite))
    } else if holds_any(&folded, &vocabulary.remote) {
        Some(ValueSays::Kind(WorkplaceType::Remote))
    } else if exact(&vocabulary.yes) {
        Some(ValueSays::Yes)
    } else if exact(&vocabulary.no) {
        Some(ValueSays::No)
    } else {
        None
    }
}

/// Several kinds offered at once: remote beside an office is the candidate's choice.
fn combine(kinds: &[WorkplaceType]) -> Option<WorkplaceType> {
    let has = |kind| kinds.contains(&kind);
    let remote = has(WorkplaceType::Remote);
    let office = has(WorkplaceType::Hybrid) || has(WorkplaceType::Onsite);
    if has(WorkplaceType::RemoteOrOffice) || (remote && office) {
        Some(WorkplaceType::RemoteOrOffice)
    } else if remote {
        Some(WorkplaceType::Remote)
    } else if has(WorkplaceType::Hybrid) {
        Some(WorkplaceType::Hybrid)
    } else if has(WorkplaceType::Onsite) {
        Some(WorkplaceType::Onsite)
    } else {
        None
    }
}

/// Tier 1: the source's workplace fields. The first field that names a kind decides; a yes/no
/// field ("Remote": "No") decides only when no field names a kind.
fn field_workplace(
    gazetteer: &Gazetteer,
    fields: &PlaceFields,
    from_text: Option<&(Decided, bool)>,
) -> Option<Decided> {
    let mut yes_no: Option<(bool, String)> = None;
    for field in &fields.fields {
        let name = fold_words(&field.name);
        if !gazetteer.workplace_fields.contains(&name) {
            continue;
        }
        let mut kinds = Vec::new();
        for value in &field.values {
            match value_says(gazetteer, value) {
                Some(ValueSays::Kind(kind)) => kinds.push(kind),
                // "Yes" means something only in a field whose own name is a workplace word.
                Some(ValueSays::Yes) if holds_any(&name, &gazetteer.location_words.remote) => {
                    yes_no.get_or_insert((true, format!("{}: {value}", field.name.trim())));
                }
                Some(ValueSays::No) if holds_any(&name, &gazetteer.location_words.remote) => {
                    yes_no.get_or_insert((false, format!("{}: {value}", field.name.trim())));
                }
                _ => {}
            }
        }
        if let Some(kind) = combine(&kinds) {
            let text = format!("{}: {}", field.name.trim(), field.values.join(", "));
            return Some(decided(kind, text, Confidence::High));
        }
    }
    // "Target Remote Countries": a field naming where remote candidates may be.
    if let Some(field) = fields.fields.iter().find(|field| {
        let name = fold_words(&field.name);
        gazetteer.place_fields.contains(&name)
            && holds_any(&name, &gazetteer.location_words.remote)
            && field.values.iter().any(|value| !value.trim().is_empty())
    }) && yes_no.is_none()
    {
        let text = format!("{}: {}", field.name.trim(), field.values.join(", "));
        return Some(decided(WorkplaceType::Remote, text, Confidence::High));
    }
    let (remote, text) = yes_no?;
    if remote {
        return Some(decided(WorkplaceType::Remote, text, Confidence::High));
    }
    // "Remote: No": an office job; the location may still say it is hybrid.
    let kind = match from_text.map(|(d, _)| d.workplace) {
        Some(WorkplaceType::Hybrid) => WorkplaceType::Hybrid,
        _ => WorkplaceType::Onsite,
    };
    Some(decided(kind, text, Confidence::High))
}

/// One part of a location text ("San Francisco, CA", "Remote - US").
#[derive(Debug)]
struct Segment {
    text: String,
    remote: bool,
    hybrid: bool,
    onsite: bool,
    /// The cities named, as written, with their canonical folded names.
    cities: Vec<(String, String)>,
}

impl Segment {
    fn marked(&self) -> bool {
        self.remote || self.hybrid || self.onsite
    }
}

static SEGMENT_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*(?:;|\||\n|/|\s&\s|\s+or\s+|\s+\+\s+)\s*").expect("segment pattern")
});
/// "remote and hybrid", "hybrid or remote": both offered.
static REMOTE_AND_HYBRID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:remote (?:and|or) hybrid|hybrid (?:and|or) remote)\b").expect("pattern")
});
/// "Berlin, Remote (DE)": a remote marker listed after a comma starts a part of its own.
static COMMA_REMOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i),\s*(remote|home[- ]based|distributed)\b").expect("pattern"));
/// "Remote (no office)", "not on-site": a negated marker is no marker.
/// Also the words that only look like markers: "Distributed Systems", "remote sensing".
static NEGATED_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:no|not|without)\s+(?:an?\s+)?(?:office|on-?site|in[- ]office|hybrid|remote)\b|\bremote\s+(?:work\s+)?(?:is\s+)?not\b|\bdistributed\s+(?:systems?|computing|databases?|ledgers?|storage|tracing)\b|\bremote\s+(?:sensing|control|monitoring|patient\s+monitoring)\b",
    )
    .expect("pattern")
});

fn segments(gazetteer: &Gazetteer, location_text: &str, field_places: &[String]) -> Vec<Segment> {
    let words = &gazetteer.location_words;
    let read = |text: &str| {
        let folded = fold_words(&NEGATED_MARKER.replace_all(text, " "));
        let places = read_places_with(gazetteer, text, TextKind::Field);
        let hybrid = holds_any(&folded, &words.hybrid);
        Segment {
            text: text.trim().to_owned(),
            // One part that says hybrid and names remote work ("hybrid work, WFH Tuesdays",
            // "remote-first hybrid") is hybrid; remote beside hybrid in two parts, or joined by
            // "and"/"or" ("Remote and Hybrid"), is a choice.
            remote: holds_any(&folded, &words.remote)
                && (!hybrid || REMOTE_AND_HYBRID.is_match(&folded)),
            hybrid,
            onsite: holds_any(&folded, &words.onsite),
            cities: places
                .cities
                .into_iter()
                .map(|city| (city.name, city.canonical))
                .collect(),
        }
    };
    let location_text = COMMA_REMOTE.replace_all(location_text, "; $1");
    let mut segments: Vec<Segment> = SEGMENT_BREAK
        .split(&location_text)
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(read)
        .collect();
    let any_place = segments.iter().any(|segment| !segment.cities.is_empty())
        || !read_places_with(gazetteer, &location_text, TextKind::Field).is_empty();
    if !any_place && !field_places.is_empty() {
        // "Hybrid" with a "Job Posting Location" of "Austin, US": the places come from the field
        // and take the location text's markers.
        let (remote, hybrid, onsite) = segments.iter().fold((false, false, false), |acc, s| {
            (acc.0 || s.remote, acc.1 || s.hybrid, acc.2 || s.onsite)
        });
        let from_fields: Vec<Segment> = field_places
            .iter()
            .map(|place| {
                let mut segment = read(place);
                segment.remote |= remote;
                segment.hybrid |= hybrid;
                segment.onsite |= onsite;
                segment
            })
            .collect();
        if remote || hybrid || onsite {
            segments = from_fields;
        } else {
            segments.extend(from_fields);
        }
    }
    segments
}

/// Tiers 2 and 4 from the location text: the reading, and whether it rests on explicit words
/// (`true`) or only on a city inferred to be an office (`false`).
fn location_workplace(segments: &[Segment], board: Board) -> Option<(Decided, bool)> {
    let text = segments
        .iter()
        .map(|segment| segment.text.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    let remote = segments.iter().any(|s| s.remote);
    let hybrid = segments.iter().any(|s| s.hybrid);
    let onsite = segments.iter().any(|s| s.onsite);
    let city_office =
        board != Board::RemoteOnly && segments.iter().any(|s| !s.marked() && !s.cities.is_empty());
    let explicit = |kind| Some((decided(kind, text.clone(), Confidence::Medium), true));
    if remote && (hybrid || onsite || city_office) {
        explicit(WorkplaceType::RemoteOrOffice)
    } else if remote {
        explicit(WorkplaceType::Remote)
    } else if hybrid {
        explicit(WorkplaceType::Hybrid)
    } else if onsite {
        explicit(WorkplaceType::Onsite)
    } else if city_office {
        Some((
            decided(
                WorkplaceType::Onsite,
                format!("{text} (a city with no remote marker)"),
                Confidence::Medium,
            ),
            false,
        ))
    } else {
        None
    }
}

fn title_workplace(gazetteer: &Gazetteer, title: &str) -> Option<Decided> {
    let folded = fold_words(title);
    let words = &gazetteer.location_words;
    let remote = holds_any(&folded, &words.remote);
    let hybrid = holds(&folded, "hybrid");
    let onsite = ["on site", "onsite", "in office"]
        .iter()
        .any(|phrase| holds(&folded, phrase));
    let kind = if remote && (hybrid || onsite) {
        WorkplaceType::RemoteOrOffice
    } else if hybrid {
        WorkplaceType::Hybrid
    } else if remote {
        WorkplaceType::Remote
    } else if onsite {
        WorkplaceType::Onsite
    } else {
        return None;
    };
    Some(decided(kind, format!("title: {title}"), Confidence::Medium))
}

static DESCRIPTION_REMOTE_OR_OFFICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:remote or (?:in[- ]office|on-?site|hybrid|from (?:one of )?our offices?)|(?:on-?site|in[- ]office|hybrid) or (?:fully )?remote(?:ly)?)\b").expect("pattern")
});
static DESCRIPTION_REMOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:fully remote|100% remote|remote[- ]first|remote[- ]only|remote position|remote role|this (?:role|position|job) is (?:fully )?remote|work (?:fully )?remotely|work from anywhere)\b",
    )
    .expect("pattern")
});
static DESCRIPTION_HYBRID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:hybrid (?:role|position|model|work|working|setup|schedule)|this (?:role|position) is hybrid|\d days? (?:a|per) week in (?:the|our) office)\b").expect("pattern")
});
static DESCRIPTION_ONSITE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:this (?:role|position) is (?:fully )?on-?site|fully on-?site|on-?site (?:role|position)|5 days (?:a|per) week in (?:the|our) office)\b").expect("pattern")
});

/// Tier 3: an explicit sentence of the description.
fn description_workplace(description_text: &str) -> Option<Decided> {
    for (pattern, kind) in [
        (
            &*DESCRIPTION_REMOTE_OR_OFFICE,
            WorkplaceType::RemoteOrOffice,
        ),
        (&*DESCRIPTION_HYBRID, WorkplaceType::Hybrid),
        (&*DESCRIPTION_ONSITE, WorkplaceType::Onsite),
        (&*DESCRIPTION_REMOTE, WorkplaceType::Remote),
    ] {
        if let Some(found) = pattern.find(description_text) {
            let sentence = sentence_around(description_text, found.start(), found.end());
            return Some(decided(kind, sentence, Confidence::Low));
        }
    }
    None
}

fn sentence_around(text: &str, start: usize, end: usize) -> String {
    let from = text[..start]
        .rfind(['.', '\n', '!', '?'])
        .map_or(0, |index| index + 1);
    let to = text[end..]
        .find(['.', '\n', '!', '?'])
        .map_or(text.len(), |index| end + index);
    text[from..to].trim().to_owned()
}

/// The offices of a job that is not fully remote: the cities of the location's office segments,
/// else the source's office names that are not themselves remote.
fn offices(gazetteer: &Gazetteer, segments: &[Segment], source_offices: &[String]) -> Vec<String> {
    let mut offices: Vec<String> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for segment in segments
        .iter()
        .filter(|s| !s.remote || s.hybrid || s.onsite)
    {
        for (name, canonical) in &segment.cities {
            let name = name.trim();
            if !name.is_empty() && !seen.contains(canonical) {
                seen.push(canonical.clone());
                offices.push(name.to_owned());
            }
        }
    }
    if offices.is_empty() {
        for office in source_offices {
            let office = office.trim();
            let folded = fold_words(office);
            if !office.is_empty()
                && !holds_any(&folded, &gazetteer.location_words.remote)
                && !seen.contains(&folded)
            {
                seen.push(folded);
                offices.push(office.to_owned());
            }
        }
    }
    offices
}

static CONTRACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:contract|contractor|freelance|freelancer|fixed[- ]term|b2b)\b")
        .expect("pattern")
});
static PART_TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bpart[- ]?time\b").expect("pattern"));
static INTERNSHIP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:intern|internship|werkstudent|working student)\b").expect("pattern")
});
static TEMPORARY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:temporary|temp|seasonal|maternity cover)\b").expect("pattern")
});
static FULL_TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bfull[- ]?time\b").expect("pattern"));

/// The employment type of a listing: the source's field, else what the title says.
pub fn employment_type(from_source: EmploymentType, title: &str) -> EmploymentType {
    if from_source != EmploymentType::Unknown {
        return from_source;
    }
    if INTERNSHIP.is_match(title) {
        EmploymentType::Internship
    } else if PART_TIME.is_match(title) {
        EmploymentType::PartTime
    } else if CONTRACT.is_match(title) {
        EmploymentType::Contract
    } else if TEMPORARY.is_match(title) {
        EmploymentType::Temporary
    } else if FULL_TIME.is_match(title) {
        EmploymentType::FullTime
    } else {
        EmploymentType::Unknown
    }
}
