//! Salaries: a structured field first, else the source's salary text, else a description sentence.
//!
//! Amounts are read with their currency (symbol or ISO code, before or after), a `k`/`m` multiplier,
//! ranges ("-", "–", "to") and a period ("/hour", "per annum", "p.a.", "a year", "daily"…). Then
//! `min <= max` is enforced, implausible figures (a year such as "2026", "$5M in funding", a $2
//! hourly rate) are rejected, and yearly US-dollar bounds come from `config/rates.toml`.
//! Text with no amount ("Competitive", "Negotiable") is kept as a salary without amounts, but only
//! from a salary field: in a description such words are noise.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use serde::Deserialize;

use super::TaxonomyError;
use crate::{Salary, SalaryOrigin, SalaryPeriod, StructuredSalary};

const FILE: &str = "config/rates.toml";

/// The dated currency table of `config/rates.toml`.
#[derive(Debug, Clone, PartialEq)]
pub struct RateTable {
    as_of: NaiveDate,
    usd_per_unit: BTreeMap<String, f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RatesFile {
    as_of: String,
    usd_per_unit: BTreeMap<String, f64>,
}

/// Currencies the rate table must hold: the ones job posts in the fixtures and their markets use.
pub const REQUIRED_CURRENCIES: &[&str] = &[
    "USD", "EUR", "GBP", "CAD", "AUD", "CHF", "INR", "BRL", "PLN", "SEK", "NOK", "DKK", "JPY",
    "MXN", "NZD", "SGD", "ZAR",
];

impl RateTable {
    pub fn from_toml(text: &str) -> Result<Self, TaxonomyError> {
        let file: RatesFile =
            toml::from_str(text).map_err(|source| TaxonomyError::Toml { file: FILE, source })?;
        let as_of = NaiveDate::parse_from_str(&file.as_of, "%Y-%m-%d").map_err(|err| {
            TaxonomyError::Invalid {
                file: FILE,
                name: "as_of".to_owned(),
                reason: format!("{:?} is not a YYYY-MM-DD date: {err}", file.as_of),
            }
        })?;
        for (code, rate) in &file.usd_per_unit {
            let well_formed = code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase());
            if !well_formed || !rate.is_finite() || *rate <= 0.0 {
                return Err(TaxonomyError::Invalid {
                    file: FILE,
                    name: code.clone(),
                    reason: "needs an upper-case ISO 4217 code and a positive rate".to_owned(),
                });
            }
        }
        if let Some(missing) = REQUIRED_CURRENCIES
            .iter()
            .find(|code| !file.usd_per_unit.contains_key(**code))
        {
            return Err(TaxonomyError::Invalid {
                file: FILE,
                name: (*missing).to_owned(),
                reason: "this currency must have a rate".to_owned(),
            });
        }
        Ok(RateTable {
            as_of,
            usd_per_unit: file.usd_per_unit,
        })
    }

    /// The date the rates were taken.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// US dollars per one unit of `currency`, if the table has it.
    pub fn usd_per_unit(&self, currency: &str) -> Option<f64> {
        self.usd_per_unit.get(currency).copied()
    }

    /// `amount` of `currency` per `period`, as whole US dollars per year.
    pub fn yearly_usd(&self, amount: f64, currency: &str, period: SalaryPeriod) -> Option<u64> {
        let usd = amount * period.per_year() * self.usd_per_unit(currency)?;
        (usd.is_finite() && usd >= 0.0).then(|| usd.round() as u64)
    }
}

/// A salary read from text, before conversion.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedSalary {
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub currency: Option<String>,
    pub period: SalaryPeriod,
}

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
        if let Some(parsed) = parse_salary_text(rates, text) {
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

static AMOUNTLESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:competitive|negotiable|doe|depends on experience|dependent on experience|commensurate|tbd|to be discussed|attractive|market rate|undisclosed|not disclosed)\b",
    )
    .unwrap()
});

fn is_amountless_salary_word(text: &str) -> bool {
    text.chars().count() <= 120 && AMOUNTLESS.is_match(text)
}

/// One amount in a text, with the marks around it.
#[derive(Debug, Clone)]
struct Amount {
    value: f64,
    currency: Option<&'static str>,
    /// Whether the currency came from a bare `$`, which a later code ("… AUD") may refine.
    bare_dollar: bool,
    /// Whether the number carried its own multiplier (`k`, `m`).
    multiplied: bool,
    start: usize,
    end: usize,
}

const CURRENCY_CODES: &str = "USD|EUR|GBP|CAD|AUD|NZD|CHF|SEK|NOK|DKK|PLN|CZK|HUF|RON|INR|BRL|MXN|ARS|COP|CLP|JPY|SGD|HKD|ZAR|ILS|AED|TRY|UAH|PHP|CNY|KRW";

static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?x)
        (?P<pre> (?:{codes})\s?\$? | US\$ | USD\$ | CA\$ | C\$ | CAD\$ | AU\$ | A\$ | NZ\$ | S\$ | SG\$ | R\$ | MX\$ | HK\$ | \$ | € | £ | ¥ | ₹ | ₪ )?
        \s?
        (?P<num> \d{{1,2}}(?:,\d{{2}})+,\d{{3}}(?:\.\d+)? | \d{{1,3}}(?:,\d{{3}})+(?:\.\d+)? | \d{{1,3}}(?:\.\d{{3}})+(?:,\d+)? | \d{{1,3}}(?:[\u{{a0}}\u{{202f}}\ ]\d{{3}})+ | \d+(?:[.,]\d+)? )
        (?P<mult> \s?(?:[kK]|thousand|[mM]{{1,2}}|million)\b )?
        (?P<post> \s?(?:{codes})\b | \s?€ | \s?£ | \s?zł | \s?PLN )?
        ",
        codes = CURRENCY_CODES
    );
    Regex::new(&pattern).unwrap()
});

fn currency_of(mark: &str) -> Option<&'static str> {
    let mark = mark.trim();
    // "CAD $59,000": the code says which dollar.
    let mark = match mark.strip_suffix('$') {
        Some(code) if code.trim_end().len() == 3 => code.trim_end(),
        _ => mark,
    };
    let code = match mark {
        "$" | "US$" | "USD$" => "USD",
        "CA$" | "C$" | "CAD$" => "CAD",
        "AU$" | "A$" => "AUD",
        "NZ$" => "NZD",
        "S$" | "SG$" => "SGD",
        "R$" => "BRL",
        "MX$" => "MXN",
        "HK$" => "HKD",
        "€" => "EUR",
        "£" => "GBP",
        "¥" => "JPY",
        "₹" => "INR",
        "₪" => "ILS",
        "zł" => "PLN",
        other => return CURRENCY_CODES.split('|').find(|code| *code == other),
    };
    Some(code)
}

fn parse_number(text: &str) -> Option<f64> {
    let text: String = text
        .chars()
        .filter(|c| !matches!(c, '\u{a0}' | '\u{202f}' | ' '))
        .collect();
    let commas = text.matches(',').count();
    let dots = text.matches('.').count();
    let normalised = match (commas, dots) {
        (0, 0) => text,
        // 1,000 / 1,000,000 / 1,000.50: commas group thousands.
        (_, 0 | 1) if text.rfind(',') < text.rfind('.') || dots == 0 => {
            let last_group = text.rsplit(',').next().unwrap_or("");
            if dots == 0 && commas == 1 && last_group.len() != 3 {
                // 2,5 — a decimal comma.
                text.replace(',', ".")
            } else {
                text.replace(',', "")
            }
        }
        // 1.000 / 1.000.000 / 1.000,50: dots group thousands.
        _ => {
            let last_group = text.rsplit('.').next().unwrap_or("");
            if commas == 0 && dots == 1 && last_group.len() != 3 {
                text
            } else {
                text.replace('.', "").replace(',', ".")
            }
        }
    };
    normalised.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn amounts(text: &str) -> Vec<Amount> {
    let mut found = Vec::new();
    for captures in AMOUNT.captures_iter(text) {
        let (Some(whole), Some(number)) = (captures.get(0), captures.name("num")) else {
            continue;
        };
        // A digit glued to letters is a model number or a version ("L3", "S3", "401(k)" reads "401").
        // The match may open with the space before the number; judge from the amount itself.
        let start = captures
            .name("pre")
            .map_or(number.start(), |pre| pre.start());
        let before = text[..start].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '(') && captures.name("pre").is_none()
        {
            continue;
        }
        let after = text[whole.end()..].chars().next();
        if after.is_some_and(|c| c.is_alphabetic() || c == '(' || c == '%') {
            continue;
        }
        let Some(mut value) = parse_number(number.as_str()) else {
            continue;
        };
        let multiplier = captures
            .name("mult")
            .map(|m| m.as_str().trim().to_ascii_lowercase());
        match multiplier.as_deref() {
            Some("k" | "thousand") => value *= 1_000.0,
            Some("m" | "mm" | "million") => value *= 1_000_000.0,
            _ => {}
        }
        let pre = captures.name("pre").map(|m| m.as_str().trim());
        let post = captures.name("post").and_then(|m| currency_of(m.as_str()));
        // "$2200 AUD": the code after a bare "$" says which dollar.
        let currency = match pre {
            Some("$") => post.or(Some("USD")),
            _ => pre.and_then(currency_of).or(post),
        };
        found.push(Amount {
            value,
            currency,
            bare_dollar: pre == Some("$") && captures.name("post").is_none(),
            multiplied: multiplier.is_some(),
            start,
            end: whole.end(),
        });
    }
    found
}

static RANGE_JOINER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:/\s*[a-z]+\s*)?(?:-|–|—|−|~|to|and|bis|a|à)?\s*-?\s*$").unwrap()
});
static TRAILING_CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^\s*\(?\s*({CURRENCY_CODES})\b")).unwrap());
static OPEN_ABOVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:from|starting at|starts at|at least|minimum|min\.?)\s*$").unwrap()
});
static OPEN_BELOW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:up to|upto|max\.?|maximum|as much as|capped at)\s*$").unwrap()
});

static PERIOD_HOUR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:/\s*h(?:ou)?r\b|/\s*h\b|per\s+hour|an\s+hour|hourly|\bp/?h\b|\bhr\b|\bph\b)",
    )
    .unwrap()
});
static PERIOD_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:/\s*day\b|per\s+day|a\s+day\b|\bdaily\b|day\s+rate|\bp/?d\b)").unwrap()
});
static PERIOD_WEEK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:/\s*w(?:ee)?k\b|per\s+week|a\s+week\b|\bweekly\b)").unwrap()
});
static PERIOD_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:/\s*mo(?:nth)?\b|per\s+month|a\s+month\b|\bmonthly\b|\bmensual)").unwrap()
});
static PERIOD_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:/\s*y(?:ea)?r\b|/\s*annum|per\s+(?:year|annum)|a\s+year\b|\bannual(?:ly)?\b|\byearly\b|\bp\.\s?a\.?|\bpa\b|\bp/a\b|\bbase salary\b|\bOTE\b)",
    )
    .unwrap()
});

fn stated_period(text: &str) -> Option<SalaryPeriod> {
    // Checked from the shortest period: "$45/hour, about $90k a year" is an hourly job.
    [
        (&*PERIOD_HOUR, SalaryPeriod::Hour),
        (&*PERIOD_DAY, SalaryPeriod::Day),
        (&*PERIOD_WEEK, SalaryPeriod::Week),
        (&*PERIOD_MONTH, SalaryPeriod::Month),
        (&*PERIOD_YEAR, SalaryPeriod::Year),
    ]
    .into_iter()
    .find(|(pattern, _)| pattern.is_match(text))
    .map(|(_, period)| period)
}

/// The period an amount most likely is, when the text states none: judged by its size in US
/// dollars (or as is, without a currency). Under 250 is hourly, under 1,500 daily, under 15,000
/// monthly, above that yearly.
fn period_by_size(rates: &RateTable, value: f64, currency: Option<&str>) -> SalaryPeriod {
    let usd = currency
        .and_then(|c| rates.usd_per_unit(c))
        .map_or(value, |rate| value * rate);
    if usd < 250.0 {
        SalaryPeriod::Hour
    } else if usd < 1_500.0 {
        SalaryPeriod::Day
    } else if usd < 15_000.0 {
        SalaryPeriod::Month
    } else {
        SalaryPeriod::Year
    }
}

/// Whether a yearly US-dollar figure (or a figure without a currency) is a believable salary.
fn plausible(rates: &RateTable, parsed: &ParsedSalary) -> bool {
    let per_year = parsed.period.per_year();
    let in_usd = |value: f64| {
        parsed
            .currency
            .as_deref()
            .and_then(|c| rates.usd_per_unit(c))
            .map_or(value, |rate| value * rate)
    };
    [parsed.min, parsed.max]
        .into_iter()
        .flatten()
        .all(|value| (6_000.0..=5_000_000.0).contains(&(in_usd(value) * per_year)))
}

/// Reads a salary from free text ("$80k - $100k", "€60,000–€75,000 a year", "150-190k",
/// "USD 120,000+", "£500/day"). `None` when it names no believable amount.
pub fn parse_salary_text(rates: &RateTable, text: &str) -> Option<ParsedSalary> {
    parse_amounts(rates, text, false)
}

/// `need_currency`: in prose, only amounts with a currency mark count, so "2026" and "401(k)" do not.
fn parse_amounts(rates: &RateTable, text: &str, need_currency: bool) -> Option<ParsedSalary> {
    let found = amounts(text);
    let mut index = 0;
    while index < found.len() {
        let first = &found[index];
        let second = found.get(index + 1).filter(|next| {
            text.get(first.end..next.start)
                .is_some_and(|between| RANGE_JOINER.is_match(between))
        });
        index += if second.is_some() { 2 } else { 1 };
        let end = second.map_or(first.end, |s| s.end);
        // A code after the range names the currency of a bare "$" or of bare numbers:
        // "$1800 - $2200 AUD", "$70k - $92k (AUD)", "60k - 90k CAD".
        let trailing_code = text
            .get(end..)
            .and_then(|after| TRAILING_CODE.captures(after))
            .and_then(|c| currency_of(c.get(1)?.as_str()));
        let second_code = second.filter(|s| !s.bare_dollar).and_then(|s| s.currency);
        let currency = match first.currency {
            Some(_) if first.bare_dollar => second_code.or(trailing_code).or(first.currency),
            Some(currency) => Some(currency),
            None => second.and_then(|s| s.currency).or(trailing_code),
        };
        // In prose, an amount needs a currency mark or a multiplier ("100-150k"), so years,
        // counts and percentages do not read as pay.
        let multiplied = first.multiplied || second.is_some_and(|s| s.multiplied);
        if need_currency && currency.is_none() && !multiplied {
            continue;
        }
        // "401k" is a US retirement plan, not a salary.
        if first.multiplied && (first.value - 401_000.0).abs() < 1.0 && second.is_none() {
            continue;
        }
        let mut low = first.value;
        let high = second.map(|s| s.value);
        // "150-190k": the multiplier written once applies to both ends.
        if let Some(second) = second
            && second.multiplied
            && !first.multiplied
            && low * 1_000.0 <= second.value * 1.5
            && low < 1_000.0
        {
            low *= if second.value >= 1_000_000.0 && low < 10.0 {
                1_000_000.0
            } else {
                1_000.0
            };
        }
        if currency.is_none()
            && !first.multiplied
            && is_year_like(low)
            && high.is_none_or(is_year_like)
        {
            continue;
        }
        let before = text.get(..first.start).unwrap_or("");
        let after = text.get(end..).unwrap_or("");
        let (min, max) = match high {
            Some(high) => (Some(low), Some(high)),
            None if after.trim_start().starts_with('+') || OPEN_ABOVE.is_match(before) => {
                (Some(low), None)
            }
            None if OPEN_BELOW.is_match(before) => (None, Some(low)),
            None => (Some(low), Some(low)),
        };
        let near_end = text.len().min(end + 40);
        let period_text = text.get(first.start..near_end).unwrap_or(after);
        let period = stated_period(period_text)
            .or_else(|| stated_period(text))
            .unwrap_or_else(|| period_by_size(rates, high.unwrap_or(low), currency));
        let parsed = ParsedSalary {
            min,
            max,
            currency: currency.map(str::to_owned),
            period,
        };
        if plausible(rates, &parsed) {
            return Some(parsed);
        }
    }
    None
}

fn is_year_like(value: f64) -> bool {
    value.fract() == 0.0 && (1950.0..=2100.0).contains(&value)
}

/// Words that make a line about pay: a salary noun or a stated period.
static SALARY_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:salary|salaries|compensation|remuneration|base pay|pay range|pay scale|pay rate|pay band|pay is|pay of|wage|wages|OTE|rate|rates|earn|earns|earning|per\s+(?:hour|year|annum|month|day|week)|annual(?:ly)?|monthly|hourly|yearly|p\.a\.|a year|an hour|a month)\b|/\s*(?:yr|year|hr|hour|h|mo|month|day)\b",
    )
    .unwrap()
});
/// Money that is not pay: funding, revenue, budgets, stipends, perks, bonuses.
static MONEY_NOISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:raised|raise|funding|revenue|valuation|valued|investors?|investment|series [a-e]|arr|budget|stipend|allowance|reimburse|reimbursed|reimbursement|benefit|perk|perks|signing bonus|donation|gift|voucher|bookings|transactions)\b",
    )
    .unwrap()
});
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
    let mut previous_line = "";
    for line in description_text.lines() {
        // The amount often stands alone under a heading ("Pay range:" then "$225,000 - $250,000").
        let under_heading =
            previous_line.chars().count() <= 60 && SALARY_HEADING.is_match(previous_line);
        for sentence in sentences(line) {
            let about_pay = under_heading
                || SALARY_CONTEXT.is_match(sentence)
                || LEADING_MONEY_RANGE.is_match(sentence);
            if !about_pay || MONEY_NOISE.is_match(sentence) {
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
                .is_some_and(|next| next.is_ascii_uppercase())
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
