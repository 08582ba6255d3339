//! Reading amounts from salary text: currencies (marks and codes from `config/currencies.toml`),
//! `k`/`m` multipliers, ranges ("-", "–", "to"), open ends ("from $120k", "$150K+", "up to
//! €90k"), periods ("/hour", "per annum", "a month"), and the checks that keep years, hours
//! per week, equity and implausible figures out.

use std::sync::LazyLock;

use regex::Regex;

use super::currencies;
use super::rates::RateTable;
use crate::SalaryPeriod;

/// A salary read from text, before conversion.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedSalary {
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub currency: Option<String>,
    pub period: SalaryPeriod,
}

/// One amount in a text, with the marks around it.
#[derive(Debug, Clone)]
struct Amount {
    value: f64,
    currency: Option<&'static str>,
    /// Whether the currency came from a bare `$`, which a later code ("… AUD") may refine.
    bare_dollar: bool,
    /// Whether the number carried its own multiplier (`k`, `m`, `L` for lakh).
    multiplied: bool,
    /// That multiplier (1 without one).
    factor: f64,
    start: usize,
    end: usize,
}

fn parse_number(text: &str) -> Option<f64> {
    let text: String = text
        .chars()
        .filter(|c| !matches!(c, '\u{a0}' | '\u{202f}' | ' '))
        .collect();
    let commas = text.matches(',').count();
    let dots = text.matches('.').count();
    let after_last_dot = text.rsplit('.').next().unwrap_or("");
    let normalised = match (commas, dots) {
        (0, 0) => text,
        // 18.000: one dot before three digits groups thousands (amounts have no third decimal).
        (0, 1) if after_last_dot.len() == 3 => text.replace('.', ""),
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
    let currencies = currencies::bundled();
    for captures in currencies.amount.captures_iter(text) {
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
        // "35 hrs/week", "40 hours": a count of hours, not pay; "80k+ beta users": a count.
        if captures.name("pre").is_none()
            && (HOURS_AFTER.is_match(&text[whole.end()..])
                || currencies.counted_after.is_match(&text[whole.end()..]))
        {
            continue;
        }
        let Some(mut value) = parse_number(number.as_str()) else {
            continue;
        };
        let multiplier = captures
            .name("mult")
            .map(|m| m.as_str().trim().to_ascii_lowercase());
        let factor = match multiplier.as_deref() {
            Some("k" | "thousand") => 1_000.0,
            Some("m" | "mm" | "million") => 1_000_000.0,
            // Indian lakhs and crores ("₹40L", "18 LPA", "1.2 Cr").
            Some("l" | "lpa" | "lakh" | "lakhs" | "lac" | "lacs") => 100_000.0,
            Some("cr" | "crore" | "crores") => 10_000_000.0,
            _ => 1.0,
        };
        value *= factor;
        let pre = captures.name("pre").map(|m| m.as_str().trim());
        let post = captures
            .name("post")
            .and_then(|m| currencies.currency_of(m.as_str()));
        // "$2200 AUD": the code after a bare "$" says which dollar.
        let currency = match pre {
            Some("$") => post.or(Some("USD")),
            _ => pre.and_then(|mark| currencies.currency_of(mark)).or(post),
        };
        found.push(Amount {
            value,
            currency,
            bare_dollar: pre == Some("$") && captures.name("post").is_none(),
            multiplied: multiplier.is_some(),
            factor,
            start,
            end: whole.end(),
        });
    }
    found
}

static RANGE_JOINER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:/\s*[a-z]+\s*)?(?:-|–|—|−|~|to|and|bis|a|à)?\s*-?\s*$")
        .expect("pattern")
});
static HOURS_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:hours?|hrs?|h)\b(?:\s*(?:/|per|a|each)\s*(?:week|wk|day|month))?")
        .expect("pattern")
});
/// "35 hrs/week", "40 hours per week": a working time, which must not read as the pay period.
static WORKING_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\d+\s*(?:-\s*\d+\s*)?(?:hours?|hrs?|h|days?)\s*(?:/|per|a|each)\s*(?:week|wk|day|month)\b").expect("pattern")
});

/// The period `text` states, checked from the shortest (`config/currencies.toml [periods]`):
/// "$45/hour, about $90k a year" is an hourly job.
fn stated_period(text: &str) -> Option<SalaryPeriod> {
    let without_working_time = WORKING_TIME.replace_all(text, " ");
    let text = &*without_working_time;
    currencies::bundled()
        .periods
        .iter()
        .find(|(_, pattern)| pattern.is_match(text))
        .map(|(period, _)| *period)
}

/// The period an amount most likely is, when the text states none: judged by its size in US
/// dollars (or as is, without a currency). Under 250 is hourly, under 1,500 daily, under 15,000
/// monthly, above that yearly; an amount written with a multiplier ("$90K") of 10,000 or more is
/// yearly.
fn period_by_size(
    rates: &RateTable,
    value: f64,
    currency: Option<&str>,
    multiplied: bool,
) -> SalaryPeriod {
    // "$90K" with no period: thousands written with a "k" are a year's pay.
    if multiplied && value >= 10_000.0 {
        return SalaryPeriod::Year;
    }
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
pub(crate) fn parse_amounts(
    rates: &RateTable,
    text: &str,
    need_currency: bool,
) -> Option<ParsedSalary> {
    let currencies = currencies::bundled();
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
            .and_then(|after| currencies.trailing_code.captures(after))
            .and_then(|c| currencies.currency_of(c.get(1)?.as_str()));
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
        // "150-190k", "18-24 LPA": the multiplier written once applies to both ends.
        if let Some(second) = second
            && second.multiplied
            && !first.multiplied
            && low * second.factor <= second.value * 1.5
            && low < 1_000.0
        {
            low *= second.factor;
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
        // Equity is not salary: "$50k in equity", "equity worth $20k".
        if currencies.equity_after.is_match(after) || currencies.equity_before.is_match(before) {
            continue;
        }
        let (min, max) = match high {
            Some(high) => (Some(low), Some(high)),
            None if currencies.open_above_after.is_match(after)
                || currencies.open_above_before.is_match(before) =>
            {
                (Some(low), None)
            }
            None if currencies.open_below_before.is_match(before) => (None, Some(low)),
            None => (Some(low), Some(low)),
        };
        let near_end = text.len().min(end + 40);
        let period_text = text.get(first.start..near_end).unwrap_or(after);
        let period = stated_period(period_text)
            .or_else(|| stated_period(text))
            .unwrap_or_else(|| period_by_size(rates, high.unwrap_or(low), currency, multiplied));
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
