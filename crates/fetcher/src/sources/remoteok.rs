//! RemoteOK: `GET /api`, a JSON array whose first element is the terms of use, not a job.
//!
//! Quirks handled: the legal element (and any element without `id` or `position`) is skipped;
//! ids are strings (numbers are read too); `salary_min`/`salary_max` of 0 mean unknown, otherwise yearly USD; `epoch` is
//! Unix seconds, `date` the same as ISO 8601; text can be double-encoded UTF-8 ("Pluris MÃ\u{AD}dia"),
//! repaired by [`repair_mojibake`] only where the pattern is detected. Every RemoteOK job is remote.
//! The anti-spam line at the end of descriptions is source boilerplate and is left to the
//! normaliser, which strips it with the other sources' boilerplate.

use std::borrow::Cow;

use prepboard_core::{
    Company, EmploymentType, PlaceFields, RawListing, SalaryPeriod, SourceKind, StructuredSalary,
    WorkplaceType,
};
use serde::Deserialize;
use serde_json::Value;

use super::{
    dedup_keep_order, from_epoch_seconds, item, json, json_kind, lenient, non_empty, parse_time,
};
use crate::parser::{ParseContext, ParseError, ParseOutput};

#[derive(Debug, Deserialize)]
struct Job {
    #[serde(deserialize_with = "lenient::id")]
    id: String,
    #[serde(default, deserialize_with = "lenient::text")]
    position: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    company: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    company_logo: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    logo: Option<String>,
    #[serde(default, deserialize_with = "lenient::int")]
    epoch: Option<i64>,
    #[serde(default, deserialize_with = "lenient::text")]
    date: Option<String>,
    #[serde(default, deserialize_with = "lenient::list")]
    tags: Option<Vec<String>>,
    #[serde(default, deserialize_with = "lenient::text")]
    description: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    location: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    url: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    apply_url: Option<String>,
    #[serde(default, deserialize_with = "lenient::number")]
    salary_min: Option<f64>,
    #[serde(default, deserialize_with = "lenient::number")]
    salary_max: Option<f64>,
}

/// Parses a RemoteOK API payload.
pub fn parse(body: &[u8], ctx: &ParseContext<'_>) -> Result<ParseOutput, ParseError> {
    let payload = json(body)?;
    let Value::Array(elements) = payload else {
        return Err(ParseError::Shape {
            expected: "a JSON array",
            found: json_kind(&payload),
        });
    };
    let mut output = ParseOutput::default();
    for (index, value) in elements.into_iter().enumerate() {
        let at = format!("[{index}]");
        let is_job = value.get("id").is_some_and(|id| !id.is_null())
            && value.get("position").is_some_and(|p| !p.is_null());
        if !is_job {
            // The terms-of-use element is expected; anything else without an id stood for a job
            // that cannot be read (a renamed `position` would make every element one).
            if value.get("legal").is_none() {
                output
                    .unreadable
                    .push(format!("{at}: skipped, no `id` or `position`"));
            }
            continue;
        }
        output.push_item(item::<Job>(value, &at).and_then(|job| listing(job, ctx, &at)));
    }
    Ok(output)
}

fn listing(job: Job, ctx: &ParseContext<'_>, at: &str) -> Result<RawListing, String> {
    let id = job.id;
    let at = format!("{at} (id {id})");
    let repaired =
        |text: Option<&str>| non_empty(text).map(|text| repair_mojibake(&text).into_owned());
    let title = repaired(job.position.as_deref()).ok_or_else(|| format!("{at}: no position"))?;
    let url = non_empty(job.url.as_deref()).ok_or_else(|| format!("{at}: no url"))?;
    let mut tags: Vec<String> = job
        .tags
        .unwrap_or_default()
        .iter()
        .filter_map(|tag| repaired(Some(tag)))
        .collect();
    dedup_keep_order(&mut tags);
    let amount = |value: Option<f64>| value.filter(|v| v.is_finite() && *v > 0.0);
    let (min, max) = (amount(job.salary_min), amount(job.salary_max));
    let structured_salary = (min.is_some() || max.is_some()).then(|| StructuredSalary {
        min,
        max,
        currency: Some("USD".to_owned()),
        period: SalaryPeriod::Year,
        text: None,
    });
    Ok(RawListing {
        source: SourceKind::RemoteOk,
        source_job_id: id,
        source_url: url.clone(),
        apply_url: non_empty(job.apply_url.as_deref()).or(Some(url)),
        title,
        company: Company {
            name: repaired(job.company.as_deref()).unwrap_or_default(),
            url: None,
            logo_url: non_empty(job.company_logo.as_deref())
                .or_else(|| non_empty(job.logo.as_deref())),
        },
        description_html: job
            .description
            .as_deref()
            .map(|html| repair_mojibake(html).into_owned())
            .unwrap_or_default(),
        tags,
        employment_type: EmploymentType::Unknown,
        workplace: WorkplaceType::Remote,
        location_text: repaired(job.location.as_deref())
            .map(|location| location.trim_end_matches([',', ' ']).to_owned())
            .unwrap_or_default(),
        structured_places: Vec::new(),
        structured_salary,
        salary_text: None,
        structured_skills: Vec::new(),
        place_fields: PlaceFields::default(),
        posted_at: job
            .epoch
            .and_then(from_epoch_seconds)
            .or_else(|| job.date.as_deref().and_then(parse_time)),
        valid_through: None,
        fetched_at: ctx.fetched_at,
    })
}

/// Repairs UTF-8 that was decoded as Latin-1 / Windows-1252 and encoded again ("MÃ\u{AD}dia" →
/// "Mídia", "â€™" → "’"). Only a lead character followed by the right number of continuation
/// characters is rewritten, and only when those bytes are valid UTF-8, so correct text (including
/// text that mixes real accents with mojibake) is left alone.
pub fn repair_mojibake(text: &str) -> Cow<'_, str> {
    let chars: Vec<char> = text.chars().collect();
    let has_pattern = chars
        .windows(2)
        .any(|pair| matches!(pair, [lead, next] if continuation_count(*lead).is_some() && continuation_byte(*next).is_some()));
    if !has_pattern {
        return Cow::Borrowed(text);
    }
    let mut repaired = String::with_capacity(text.len());
    let mut index = 0;
    while let Some(rest) = chars.get(index..) {
        let Some(&c) = rest.first() else { break };
        if let Some((decoded, length)) = decode_sequence(rest) {
            repaired.push(decoded);
            index += length;
        } else {
            repaired.push(c);
            index += 1;
        }
    }
    Cow::Owned(repaired)
}

/// If `chars` starts with a mis-decoded UTF-8 sequence, the character it meant and its length.
fn decode_sequence(chars: &[char]) -> Option<(char, usize)> {
    let (&lead, rest) = chars.split_first()?;
    let count = continuation_count(lead)?;
    let mut bytes = [0u8; 4];
    *bytes.first_mut()? = u8::try_from(u32::from(lead)).ok()?;
    for (slot, &c) in bytes.iter_mut().skip(1).zip(rest.get(..count)?) {
        *slot = continuation_byte(c)?;
    }
    let decoded = std::str::from_utf8(bytes.get(..=count)?).ok()?;
    Some((decoded.chars().next()?, count + 1))
}

/// How many continuation bytes a UTF-8 lead byte, read as Latin-1, announces.
fn continuation_count(lead: char) -> Option<usize> {
    match u32::from(lead) {
        0xC2..=0xDF => Some(1),
        0xE0..=0xEF => Some(2),
        0xF0..=0xF4 => Some(3),
        _ => None,
    }
}

/// The byte 0x80..=0xBF that `c` stands for when a UTF-8 continuation byte was decoded as
/// Latin-1 (U+0080..U+00BF) or as Windows-1252 (€, ’, ™ and the rest of 0x80..0x9F).
fn continuation_byte(c: char) -> Option<u8> {
    let code = u32::from(c);
    if (0x80..=0xBF).contains(&code) {
        return u8::try_from(code).ok();
    }
    let byte = match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(byte)
}

// ---------------------------------------------------------------------------------------------
// The registry's view of this source.

/// RemoteOK's whole API (`/api`), legal notice first.
#[derive(Debug, Clone, Copy)]
pub struct RemoteOk;

impl crate::source::Source for RemoteOk {
    fn kind(&self) -> SourceKind {
        SourceKind::RemoteOk
    }

    fn config_section(&self) -> &'static str {
        "[sources.remoteok]"
    }

    fn terms(&self) -> crate::source::Terms {
        // Link back to the listing and name the source; never passed on as JSON-LD.
        crate::source::Terms::aggregator(crate::budget::PollBudget::ONE_PER_HOUR, true)
    }

    fn requests(
        &self,
        spec: &crate::spec::SourceSpec,
    ) -> Result<Vec<(url::Url, String)>, crate::FetchError> {
        let crate::spec::SourceSpec::RemoteOk { base_url } = spec else {
            return Err(crate::source::wrong_spec(self.kind(), spec));
        };
        Ok(vec![(
            crate::strategy::endpoint(base_url, &["api"], &[])?,
            "the RemoteOK API".to_owned(),
        )])
    }

    fn parse(&self, body: &[u8], ctx: &ParseContext<'_>) -> Result<ParseOutput, ParseError> {
        parse(body, ctx)
    }

    fn fetch<'a>(
        &'a self,
        run: crate::source::Run<'a>,
    ) -> futures::future::BoxFuture<'a, Result<crate::source::FetchOutcome, crate::FetchError>>
    {
        Box::pin(crate::strategy::single_request(self, run, None, None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mojibake_repaired_only_where_detected() {
        let check = |input: &str, expected: &str| {
            assert_eq!(repair_mojibake(input), expected, "{input:?}");
        };
        // Latin-1 round trips, as in the RemoteOK fixture.
        check("Pluris M\u{00c3}\u{00ad}dia", "Pluris Mídia");
        check("Driver\u{00e2}\u{0080}\u{0099}s", "Driver’s");
        check("S\u{00c3}\u{00a3}o Paulo", "São Paulo");
        check("Gda\u{00c5}\u{0084}sk", "Gdańsk");
        check("lead\u{00c2}\u{00a0}time", "lead\u{a0}time");
        // Windows-1252 round trips.
        check("Driverâ€™s", "Driver’s");
        check("â€œquotedâ€\u{9d}", "“quoted”");
        check("ðŸš€ launch", "🚀 launch");
        // Correct text stays as it is, including real accents beside repaired ones.
        check("Pluris Mídia", "Pluris Mídia");
        check(
            "Café Zürich — naïve “quotes”",
            "Café Zürich — naïve “quotes”",
        );
        check("SÃO PAULO", "SÃO PAULO");
        check("Mídia and M\u{00c3}\u{00ad}dia", "Mídia and Mídia");
        check("", "");
        // A lead character without its continuation is left alone.
        check("\u{00e2}\u{0080}", "\u{00e2}\u{0080}");
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(repair_mojibake("plain ascii"), Cow::Borrowed(_)));
        assert!(matches!(repair_mojibake("Mídia"), Cow::Borrowed(_)));
    }
}
