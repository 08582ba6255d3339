//! Salaries: a structured field first, else the source's salary text, else a description sentence.
//!
//! Amounts are read by [`super::salary_text`] with their currency (symbol or ISO code, before or
//! after, from `config/currencies.toml`), a `k`/`m` multiplier, ranges ("-", "–", "to"), open ends
//! and a period ("/hour", "per annum", "p.a.", "a year", "daily"…). Then
//! `min <= max` is enforced, implausible figures (a year such as "2026", "$5M in funding", a $2
//! hourly rate) are rejected, and yearly US-dollar bounds come from `config/rates.toml`.
//! Text with no amount ("Competitive", "Negotiable") is kept as a salary without amounts, but only
//! from a salary field: in a description such words are noise.

use std::sync::LazyLock;

use regex::Regex;

use super::currencies;
pub use super::rates::RateTable;
use super::salary_text::parse_amounts;
pub use super::salary_text::{ParsedSalary, parse_salary_text};
use crate::{Salary, SalaryOrigin, SalaryPeriod, StructuredSalary};

/// The salary of a listing: `structured` first, else `salary_text`, else the first description line
/// that states one.
pub fn read_salary(
    rates: &RateTable,
    structured: Option<&StructuredSalary>,
    salary_text: Option<&str>,
    description_text: &str,
) -> Option<Salary> {
    if let Some(salary) = structured.and_then(|s| from_structured(rates, s)) {
        return Some(salary);
    }
    if let Some(text) = salary_text.map(str::trim).filter(|t| !t.is_empty()) {
        // A long "salary" field is a sentence ("By turning legal code into AI code … $30 t…"):
        // it is read as the description is, pay words and noise words counting.
        if text.chars().count() > LONG_FIELD {
            if let Some(mut salary) = from_description(rates, text) {
                salary.origin = SalaryOrigin::SalaryText;
                salary.text = text.to_owned();
                return Some(salary);
            }
        } else if let Some(parsed) = parse_salary_text(rates, &URL.replace_all(text, " ")) {
            return Some(finish(rates, parsed, text, SalaryOrigin::SalaryText));
        }
        if is_amountless_salary_word(text) {
            return Some(amountless(text, SalaryOrigin::SalaryText));
        }
    }
    from_description(rates, description_text)
}

fn from_structured(rates: &RateTable, structured: &StructuredSalary) -> Option<Salary> {
    let positive = |value: Option<f64>| value.filter(|v| v.is_finite() && *v > 0.0);
    let currency = structured
        .currency
        .as_deref()
        .map(|c| c.trim().to_ascii_uppercase())
        .filter(|c| c.len() == 3 && c.chars().all(|ch| ch.is_ascii_alphabetic()));
    let parsed = ParsedSalary {
        min: positive(structured.min),
        max: positive(structured.max),
        currency,
        period: structured.period,
    };
    let text = structured
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    if parsed.min.is_none() && parsed.max.is_none() {
        // A structured salary of zeros means "not given" (RemoteOK); a display text may still say
        // something useful ("Competitive").
        return text
            .and_then(|text| {
                parse_salary_text(rates, text)
                    .map(|parsed| finish(rates, parsed, text, SalaryOrigin::Structured))
            })
            .or_else(|| {
                text.filter(|t| is_amountless_salary_word(t))
                    .map(|t| amountless(t, SalaryOrigin::Structured))
            });
    }
    let text = text.map_or_else(|| describe(&parsed), str::to_owned);
    Some(finish(rates, parsed, &text, SalaryOrigin::Structured))
}

/// Writes a display text for a structured salary that came without one: "USD 80,000–100,000 per year".
fn describe(parsed: &ParsedSalary) -> String {
    let amount = |value: f64| group_thousands(value);
    let range = match (parsed.min, parsed.max) {
        (Some(min), Some(max)) if (min - max).abs() < f64::EPSILON => amount(min),
        (Some(min), Some(max)) => format!("{}–{}", amount(min), amount(max)),
        (Some(min), None) => format!("{}+", amount(min)),
        (None, Some(max)) => format!("up to {}", amount(max)),
        (None, None) => String::new(),
    };
    let period = match parsed.period {
        SalaryPeriod::Hour => "per hour",
        SalaryPeriod::Day => "per day",
        SalaryPeriod::Week => "per week",
        SalaryPeriod::Month => "per month",
        SalaryPeriod::Year => "per year",
    };
    match &parsed.currency {
        Some(currency) => format!("{currency} {range} {period}"),
        None => format!("{range} {period}"),
    }
}

fn group_thousands(value: f64) -> String {
    let whole = value.round() as u64;
    let digits = whole.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

fn finish(rates: &RateTable, parsed: ParsedSalary, text: &str, origin: SalaryOrigin) -> Salary {
    let (min, max) = match (parsed.min, parsed.max) {
        (Some(a), Some(b)) if a > b => (Some(b), Some(a)),
        bounds => bounds,
    };
    let yearly = |value: Option<f64>| {
        let currency = parsed.currency.as_deref()?;
        rates.yearly_usd(value?, currency, parsed.period)
    };
    Salary {
        min,
        max,
        yearly_usd_min: yearly(min),
        yearly_usd_max: yearly(max),
        currency: parsed.currency,
        period: parsed.period,
        text: text.to_owned(),
        origin,
    }
}

fn is_amountless_salary_word(text: &str) -> bool {
    text.chars().count() <= 120 && currencies::bundled().amountless.is_match(text)
}

fn amountless(text: &str, origin: SalaryOrigin) -> Salary {
    Salary {
        min: None,
        max: None,
        currency: None,
        period: SalaryPeriod::Year,
        text: text.to_owned(),
        origin,
        yearly_usd_min: None,
        yearly_usd_max: None,
    }
}

/// Past this many characters a salary field is read as a sentence.
const LONG_FIELD: usize = 80;

/// A link: the numbers in it ("…-up-to-100k-per-year-…") are not amounts.
static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:https?://|www\.)\S+").expect("pattern"));
static BUDGET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\bbudget\b").expect("pattern"));
/// A line that opens with a money range ("€46,728 - €62,953 + share options") states pay.
static LEADING_MONEY_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\W{0,3}(?:[A-Z]{0,3}[$€£])\s?\d[\d,.]*\s?[kK]?\s*(?:-|–|—|to)\s*(?:[A-Z]{0,3}[$€£])?\s?\d").unwrap()
});
/// A heading line that announces the pay on the next line ("Pay range:", "Salary").
static SALARY_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:salary|compensation|remuneration|pay|rate|wage|OTE)\b[^.]{0,40}$")
        .unwrap()
});

fn from_description(rates: &RateTable, description_text: &str) -> Option<Salary> {
    let currencies = currencies::bundled();
    let mut previous_line = "";
    for line in description_text.lines() {
        // The amount often stands alone under a heading ("Pay range:" then "$225,000 - $250,000").
        let under_heading =
            previous_line.chars().count() <= 60 && SALARY_HEADING.is_match(previous_line);
        let without_links = URL.replace_all(line, " ");
        for sentence in sentences(&without_links) {
            let about_pay = under_heading
                || currencies.context.is_match(sentence)
                || currencies.period_context.is_match(sentence)
                || LEADING_MONEY_RANGE.is_match(sentence);
            if currencies.noise.is_match(sentence) {
                continue;
            }
            // A line without a pay word still states pay when its money is a year's salary
            // ("Senior Engineer - $125K-240K + equity", "What we offer: $145-200k").
            // A lone number without a currency ("~100K core Perl code") is not enough.
            let salary_sized = || {
                parse_amounts(rates, sentence, true).is_some_and(|parsed| {
                    parsed.period == SalaryPeriod::Year
                        && (parsed.currency.is_some() || parsed.min != parsed.max)
                        && [parsed.max, parsed.min]
                            .into_iter()
                            .flatten()
                            .any(|amount| {
                                let usd = parsed
                                    .currency
                                    .as_deref()
                                    .and_then(|c| rates.usd_per_unit(c))
                                    .unwrap_or(1.0);
                                amount * usd >= 20_000.0
                            })
                })
            };
            if !about_pay && !salary_sized() {
                continue;
            }
            // A budget is pay only when it has a period ("Budget: $5k-7k a month"); else it is
            // a project's or a team's money.
            if BUDGET.is_match(sentence) && !currencies.period_context.is_match(sentence) {
                continue;
            }
            if let Some(parsed) = parse_amounts(rates, sentence, true) {
                let text = sentence.trim();
                let text = if text.chars().count() > 200 {
                    text.chars().take(200).collect::<String>() + "…"
                } else {
                    text.to_owned()
                };
                return Some(finish(rates, parsed, &text, SalaryOrigin::Description));
            }
        }
        if !line.trim().is_empty() {
            previous_line = line.trim();
        }
    }
    None
}

/// Splits a line into sentences at ". ", "! " and "? ", leaving decimal points and "p.a." alone.
pub(crate) fn sentences(line: &str) -> impl Iterator<Item = &str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let bytes = line.as_bytes();
    for (index, byte) in bytes.iter().enumerate() {
        if matches!(byte, b'.' | b'!' | b'?')
            && bytes.get(index + 1) == Some(&b' ')
            && bytes
                .get(index + 2)
                .is_some_and(|next| next.is_ascii_uppercase() || *next == b'$')
        {
            pieces.push(&line[start..=index]);
            start = index + 2;
        }
    }
    if start < line.len() {
        pieces.push(&line[start..]);
    }
    pieces.into_iter()
}
