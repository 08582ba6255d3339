//! What a piece of a post says about pay: whether it names money, the salary it states (equity,
//! lump sums and "competitive" are not pay), the currency a bare amount is in, and which header
//! fields or lines speak of pay.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use prepboard_core::StructuredSalary;
use prepboard_core::normalize::Normalizer;
use prepboard_core::normalize::salary::parse_salary_text;
use regex::Regex;

use super::super::vocab::vocab;

/// "+ equity", "plus bonus": what comes with pay is not pay.
static WITH_PAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*(?:\+|\bplus\b|&|\band\b|w/|\bwith\b)\s*(?:[\w\-]+\s+){0,3}?(?:equity|stock|options|benefits|bonus(?:es)?|profit[\s\-]share|esop|rsus?|commission)\b.*$")
        .expect("valid regex")
});
static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[$€£¥₹]\s*\d|\d\s*[kK]\b|\b(?:USD|EUR|GBP|CAD|AUD|CHF|SEK|NOK|DKK|PLN|INR|NZD|SGD)\b|\d[\d,.]*\s*(?:/|per\s+)(?:hr|hour|h|year|yr|month|mo|day)\b")
        .expect("valid regex")
});
/// An amount that is a one-time fee, not pay for a period: "$8k contract → 5% equity".
static LUMP_SUM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^a-z]*\d[\d,.]*\s*[kK]?\s+(?:contract|project|bounty|one[\s\-]time|grant)\b")
        .expect("valid regex")
});
/// Numbers about money that is not pay: funding, revenue, customers' volume.
static NOT_PAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:arr|mrr|revenue|raised|funding|series [a-e]|seed|valuation|gmv|volume|in sales|customers?|aum|billion|trillion)\b")
        .expect("valid regex")
});

/// Whether `text` holds something that reads as an amount of pay.
pub(crate) fn mentions_money(text: &str) -> bool {
    MONEY.is_match(text)
}

/// The salary `text` states, for the normaliser to convert. A bare "150k-200k" with no currency
/// is in the post's currency (`bare_currency`, see [`post_currency`]), or no salary without one.
pub(crate) fn salary(text: &str, bare_currency: Option<&str>) -> Option<StructuredSalary> {
    let text = text.trim();
    let money = MONEY.find(text)?;
    // Funding, revenue and customers' volumes near the amount are not pay.
    let window = |from: usize, to: usize| {
        let start = (from.saturating_sub(30)..=from)
            .find(|at| text.is_char_boundary(*at))
            .unwrap_or(0);
        let end = (to..=(to + 30).min(text.len()))
            .rev()
            .find(|at| text.is_char_boundary(*at))
            .unwrap_or(text.len());
        &text[start..end]
    };
    if NOT_PAY.is_match(window(money.start(), money.end())) {
        return None;
    }
    let bare = WITH_PAY.replace_all(text, " ");
    let parse_text = bare.trim();
    let from_amount = text
        .find(|c: char| c.is_ascii_digit() || "$€£¥₹".contains(c))
        .map_or(text, |start| &text[start..]);
    if LUMP_SUM.is_match(from_amount) {
        return None;
    }
    let parsed = parse_salary_text(Normalizer::bundled().rates(), parse_text)?;
    // Across countries of several currencies a bare number's currency is a guess, and a wrong one.
    let currency = match (parsed.currency, bare_currency) {
        (Some(currency), _) => currency,
        (None, Some(currency)) => currency.to_owned(),
        (None, None) => return None,
    };
    let currency = Some(currency);
    Some(StructuredSalary {
        min: parsed.min,
        max: parsed.max,
        currency,
        period: parsed.period,
        text: Some(text.to_owned()),
    })
}

/// The currency of a bare amount in a post whose location names `countries`: US dollars in the
/// US or when no country is named (as HN posters write), else the one currency every named
/// country pays in (`config/hn.toml`, `[pay.country_currency]`), else none.
pub(crate) fn post_currency(countries: &BTreeSet<String>) -> Option<String> {
    if countries.is_empty() || countries.contains("US") {
        return Some("USD".to_owned());
    }
    let table = &vocab().country_currency;
    let mut currencies = countries.iter().map(|country| table.get(country));
    let first = currencies.next()??;
    currencies
        .all(|other| other == Some(first))
        .then(|| first.clone())
}

/// Whether a header field opens on pay ("Salary ranges …", "Comp: …") before any role noun, and
/// names an amount.
pub(crate) fn speaks_of_pay(field: &str) -> bool {
    let vocab = vocab();
    let Some(pay) = vocab.pay_word.find(field) else {
        return false;
    };
    let role = vocab
        .role_noun
        .find(field)
        .map_or(usize::MAX, |found| found.start());
    pay.start() < role && MONEY.is_match(field)
}

/// Key-value lines that state pay: "Salary: $100k-$140k", "Comp: $150 - 300k base".
static PAY_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:salary|salaries|comp|compensation|pay|pay range|base|base salary|tc|total comp|rate|budget|ote)\s*[:=]\s*(.+)$")
        .expect("valid regex")
});

/// The pay a body line states after a key ("Comp: …"), if any.
pub(crate) fn keyed_pay(line: &str) -> Option<&str> {
    PAY_KEY
        .captures(line)
        .and_then(|captures| captures.get(1))
        .map(|value| value.as_str())
        .filter(|value| MONEY.is_match(value))
}

/// Whether a body line leads with an amount of pay ("$175k–$225k. Fully remote (US).").
pub(crate) fn leads_with_pay(line: &str) -> bool {
    let trimmed = line.trim_start_matches(|c: char| !c.is_alphanumeric() && !"$€£¥₹".contains(c));
    trimmed.starts_with(|c: char| "$€£¥₹".contains(c)) && MONEY.is_match(trimmed)
}
