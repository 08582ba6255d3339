//! The currency and salary-word vocabulary of `config/currencies.toml`: ISO codes, the marks
//! written before and after amounts, the ways a pay period is written, and the words that make a
//! sentence about pay (or not). Loaded once, checked, and turned into the patterns the salary
//! reader uses.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::TaxonomyError;
use crate::SalaryPeriod;

const FILE: &str = "config/currencies.toml";
const BUNDLED_CURRENCIES: &str = include_str!("../../../../config/currencies.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CurrenciesFile {
    codes: Vec<String>,
    prefix_marks: BTreeMap<String, String>,
    suffix_marks: BTreeMap<String, String>,
    periods: Periods,
    words: Words,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Periods {
    hour: PeriodWords,
    day: PeriodWords,
    week: PeriodWords,
    month: PeriodWords,
    year: PeriodWords,
}

/// How one period is written; the file's comment says where each list applies.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodWords {
    slash: Vec<String>,
    per: Vec<String>,
    words: Vec<String>,
    terse: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Words {
    amountless: Vec<String>,
    context: Vec<String>,
    noise: Vec<String>,
    equity: Vec<String>,
    open_above_before: Vec<String>,
    open_above_after: Vec<String>,
    open_below_before: Vec<String>,
    counted: Vec<String>,
}

/// The checked vocabulary and the patterns built from it.
#[derive(Debug)]
pub struct Currencies {
    codes: Vec<&'static str>,
    /// Marks before an amount, longest first, with their codes.
    prefix_marks: Vec<(String, &'static str)>,
    suffix_marks: Vec<(String, &'static str)>,
    /// One amount with its optional marks and multiplier.
    pub(crate) amount: Regex,
    /// An ISO code right after a range ("… AUD", "(AUD)").
    pub(crate) trailing_code: Regex,
    pub(crate) amountless: Regex,
    pub(crate) context: Regex,
    pub(crate) noise: Regex,
    /// Equity words right after an amount ("$50k in equity").
    pub(crate) equity_after: Regex,
    /// Equity words right before an amount ("equity worth $50k").
    pub(crate) equity_before: Regex,
    /// Before a lone amount, ending the text before it: the amount is a lower bound.
    pub(crate) open_above_before: Regex,
    /// Right after a lone amount: a lower bound ("+" glued to it, "and up").
    pub(crate) open_above_after: Regex,
    /// Before a lone amount, ending the text before it: an upper bound.
    pub(crate) open_below_before: Regex,
    /// Right after an amount, within two words: a count of things, not money.
    pub(crate) counted_after: Regex,
    /// Each period's pattern for a salary's own text, shortest period first.
    pub(crate) periods: Vec<(SalaryPeriod, Regex)>,
    /// Any period stated in prose (no terse forms): makes a sentence about pay.
    pub(crate) period_context: Regex,
}

fn invalid(name: impl Into<String>, reason: &str) -> TaxonomyError {
    TaxonomyError::Invalid {
        file: FILE,
        name: name.into(),
        reason: reason.to_owned(),
    }
}

/// `words` as one case-insensitive alternation of whole phrases.
fn alternation(words: &[String]) -> String {
    let mut words: Vec<&String> = words.iter().collect();
    words.sort_by_key(|word| std::cmp::Reverse(word.len()));
    words
        .iter()
        .map(|word| regex::escape(word).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}

/// `words` as whole words: a word boundary is required only beside a letter or digit, so
/// "p.a" also matches "p.a." and "p/h" matches as written.
fn whole_words(words: &[String]) -> String {
    let mut words: Vec<&String> = words.iter().collect();
    words.sort_by_key(|word| std::cmp::Reverse(word.len()));
    words
        .iter()
        .map(|word| {
            let boundary = |c: Option<char>| {
                if c.is_some_and(char::is_alphanumeric) {
                    r"\b"
                } else {
                    ""
                }
            };
            format!(
                "{}{}{}",
                boundary(word.chars().next()),
                regex::escape(word).replace(' ', r"\s*"),
                boundary(word.chars().last())
            )
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// One period's pattern: its slash, "per" and word forms, with the terse ones when `terse`.
fn period_pattern(words: &PeriodWords, terse: bool) -> String {
    let mut forms = Vec::new();
    if !words.slash.is_empty() {
        forms.push(format!(r"/\s*(?:{})\b", alternation(&words.slash)));
    }
    if !words.per.is_empty() {
        forms.push(format!(
            r"\b(?:per|an?)\s+(?:{})\b",
            alternation(&words.per)
        ));
    }
    let mut alone = words.words.clone();
    if terse {
        alone.extend(words.terse.iter().cloned());
    }
    if !alone.is_empty() {
        forms.push(whole_words(&alone));
    }
    forms.join("|")
}

fn compile(pattern: &str, name: &str) -> Result<Regex, TaxonomyError> {
    Regex::new(pattern).map_err(|err| invalid(name, &err.to_string()))
}

impl Currencies {
    pub fn from_toml(text: &str) -> Result<Self, TaxonomyError> {
        let file: CurrenciesFile =
            toml::from_str(text).map_err(|source| TaxonomyError::Toml { file: FILE, source })?;
        let mut codes: Vec<&'static str> = Vec::new();
        for code in file.codes {
            if code.len() != 3 || !code.chars().all(|c| c.is_ascii_uppercase()) {
                return Err(invalid(code, "needs an upper-case ISO 4217 code"));
            }
            if codes.contains(&code.as_str()) {
                return Err(TaxonomyError::Duplicate {
                    file: FILE,
                    name: code,
                });
            }
            codes.push(Box::leak(code.into_boxed_str()));
        }
        let marks = |table: BTreeMap<String, String>, section: &str| {
            let mut marks = Vec::new();
            for (mark, code) in table {
                let Some(known) = codes.iter().find(|known| **known == code) else {
                    return Err(invalid(
                        format!("{section}.{mark:?}"),
                        "names a code that is not in `codes`",
                    ));
                };
                marks.push((mark, *known));
            }
            marks.sort_by_key(|(mark, _)| std::cmp::Reverse(mark.chars().count()));
            Ok(marks)
        };
        let prefix_marks = marks(file.prefix_marks, "prefix_marks")?;
        let suffix_marks = marks(file.suffix_marks, "suffix_marks")?;
        for (name, list) in [
            ("words.amountless", &file.words.amountless),
            ("words.context", &file.words.context),
            ("words.noise", &file.words.noise),
            ("words.equity", &file.words.equity),
            ("words.open_above_before", &file.words.open_above_before),
            ("words.open_above_after", &file.words.open_above_after),
            ("words.open_below_before", &file.words.open_below_before),
            ("words.counted", &file.words.counted),
        ] {
            if list.is_empty() || list.iter().any(|word| word.trim().is_empty()) {
                return Err(invalid(name, "needs at least one word, none empty"));
            }
        }
        let by_period = [
            (SalaryPeriod::Hour, "periods.hour", &file.periods.hour),
            (SalaryPeriod::Day, "periods.day", &file.periods.day),
            (SalaryPeriod::Week, "periods.week", &file.periods.week),
            (SalaryPeriod::Month, "periods.month", &file.periods.month),
            (SalaryPeriod::Year, "periods.year", &file.periods.year),
        ];
        let mut periods = Vec::new();
        let mut in_prose = Vec::new();
        for (period, name, words) in by_period {
            let lists = [&words.slash, &words.per, &words.words, &words.terse];
            if lists
                .iter()
                .any(|list| list.iter().any(|w| w.trim().is_empty()))
                || words.slash.is_empty() && words.per.is_empty() && words.words.is_empty()
            {
                return Err(invalid(
                    name,
                    "needs a slash, per or word form, and no empty entry",
                ));
            }
            periods.push((
                period,
                compile(&format!("(?i)(?:{})", period_pattern(words, true)), name)?,
            ));
            in_prose.push(period_pattern(words, false));
        }
        let period_context = compile(&format!("(?i)(?:{})", in_prose.join("|")), "periods")?;
        let code_list = codes.join("|");
        let prefix = prefix_marks
            .iter()
            .map(|(mark, _)| regex::escape(mark))
            .collect::<Vec<_>>()
            .join(" | ");
        let suffix = suffix_marks
            .iter()
            .map(|(mark, _)| format!(r"\s?{}", regex::escape(mark)))
            .collect::<Vec<_>>()
            .join(" | ");
        let amount = compile(
            &format!(
                r"(?x)
                (?P<pre> (?:{code_list})\s?\$? | {prefix} )?
                \s?~?\s?
                (?P<num> \d{{1,2}}(?:,\d{{2}})+,\d{{3}}(?:\.\d+)? | \d{{1,3}}(?:,\d{{3}})+(?:\.\d+)? | \d{{1,3}}(?:\.\d{{3}})+(?:,\d+)? | \d{{1,3}}(?:[\u{{a0}}\u{{202f}}\ ]\d{{3}})+ | \d+(?:[.,]\d+)? )
                (?P<mult> \s?(?:[kK]|thousand|[mM]{{1,2}}|million|LPA|L|[lL]akhs?|[lL]acs?|Cr|[cC]rores?)\b )?
                (?P<post> \s?(?:{code_list})\b | {suffix} )?
                "
            ),
            "codes",
        )?;
        let equity = alternation(&file.words.equity);
        Ok(Currencies {
            trailing_code: compile(&format!(r"^\s*\(?\s*({code_list})\b"), "codes")?,
            amountless: compile(
                &format!(r"(?i)\b(?:{})\b", alternation(&file.words.amountless)),
                "words.amountless",
            )?,
            context: compile(
                &format!(r"(?i)\b(?:{})\b", alternation(&file.words.context)),
                "words.context",
            )?,
            noise: compile(
                &format!(r"(?i)\b(?:{})\b", alternation(&file.words.noise)),
                "words.noise",
            )?,
            equity_after: compile(
                &format!(r"(?i)^\s*(?:in|of|worth of|worth)?\s*(?:{equity})\b"),
                "words.equity",
            )?,
            equity_before: compile(
                &format!(
                    r"(?i)\b(?:{equity})\s*(?:grant|package|of|worth|valued at|:)?\s*(?:up to|of)?\s*$"
                ),
                "words.equity",
            )?,
            // A phrase that ends with a dot ("min.") needs no word boundary after it; the `\s*$`
            // anchors every "before" phrase to the amount.
            open_above_before: compile(
                &format!(
                    r"(?i)\b(?:{})\s*$",
                    alternation(&file.words.open_above_before)
                ),
                "words.open_above_before",
            )?,
            // A "+" followed by another word adds something else ("$120k + equity") and leaves
            // the amount exact; glued to it or closing the text, it opens the range.
            open_above_after: compile(
                &format!(
                    r"(?i)^(?:\+|\s*\+\s*(?:$|[,;.)/])|\s*(?:{})\b)",
                    alternation(&file.words.open_above_after)
                ),
                "words.open_above_after",
            )?,
            open_below_before: compile(
                &format!(
                    r"(?i)\b(?:{})\s*$",
                    alternation(&file.words.open_below_before)
                ),
                "words.open_below_before",
            )?,
            counted_after: compile(
                &format!(
                    r"(?i)^\+?\s*(?:[a-z]+\s+){{0,2}}(?:{})\b",
                    alternation(&file.words.counted)
                ),
                "words.counted",
            )?,
            periods,
            period_context,
            amount,
            codes,
            prefix_marks,
            suffix_marks,
        })
    }

    /// The ISO code a mark or code means ("$" → USD, "CA$" → CAD, "CAD $" → CAD, "EUR" → EUR).
    pub fn currency_of(&self, mark: &str) -> Option<&'static str> {
        let mark = mark.trim();
        // "CAD $59,000": the code says which dollar.
        let mark = match mark.strip_suffix('$') {
            Some(code) if code.trim_end().len() == 3 => code.trim_end(),
            _ => mark,
        };
        self.prefix_marks
            .iter()
            .chain(&self.suffix_marks)
            .find(|(known, _)| known == mark)
            .map(|(_, code)| *code)
            .or_else(|| self.codes.iter().find(|code| **code == mark).copied())
    }
}

static BUNDLED: LazyLock<Currencies> =
    LazyLock::new(|| match Currencies::from_toml(BUNDLED_CURRENCIES) {
        Ok(currencies) => currencies,
        // Compiled in and parsed by a unit test: cannot fail in a tested build.
        Err(err) => panic!("config/currencies.toml does not parse: {err}"),
    });

/// The vocabulary shipped in `config/currencies.toml`.
pub fn bundled() -> &'static Currencies {
    &BUNDLED
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The period a salary's own text states: the first period (shortest first) whose pattern
    /// matches, as the reader picks it.
    fn period_of(text: &str) -> Option<SalaryPeriod> {
        bundled()
            .periods
            .iter()
            .find(|(_, pattern)| pattern.is_match(text))
            .map(|(period, _)| *period)
    }

    #[test]
    fn periods_are_read_in_each_written_form() {
        use SalaryPeriod::*;
        for (text, expected) in [
            ("$60/hr", Some(Hour)),
            ("€55 / h", Some(Hour)),
            ("45 USD an hour", Some(Hour)),
            ("hourly rate $70", Some(Hour)),
            ("£450 p/d", Some(Day)),
            ("day rate £500", Some(Day)),
            ("$2k per week", Some(Week)),
            ("€5k / mo", Some(Month)),
            ("4.000 EUR mensuales", Some(Month)),
            ("$120k p.a.", Some(Year)),
            ("£60,000 p. a.", Some(Year)),
            ("CHF 140k per annum", Some(Year)),
            ("$150k OTE", Some(Year)),
            ("$150k base salary", Some(Year)),
            ("$150,000", None),
            // "a"/"an" must stand alone: "Alpha year" is not "a year".
            ("$120k, Alpha year", None),
            // Shortest first: an hourly rate with its yearly equivalent is hourly.
            ("$45/hour, about $90k a year", Some(Hour)),
        ] {
            assert_eq!(period_of(text), expected, "{text}");
        }
    }

    #[test]
    fn terse_period_forms_do_not_make_prose_about_pay() {
        let context = &bundled().period_context;
        for text in [
            "Our HR team",
            "per annum",
            "paid monthly",
            "$90/hr",
            "a day rate",
        ] {
            let expected = text != "Our HR team";
            assert_eq!(context.is_match(text), expected, "{text}");
        }
    }

    #[test]
    fn marks_and_codes_name_currencies() {
        let currencies = bundled();
        for (mark, code) in [
            ("$", "USD"),
            ("CA$", "CAD"),
            ("CAD $", "CAD"),
            ("€", "EUR"),
            ("zł", "PLN"),
            ("GBP", "GBP"),
            ("R$", "BRL"),
        ] {
            assert_eq!(currencies.currency_of(mark), Some(code), "{mark}");
        }
        assert_eq!(currencies.currency_of("XYZ"), None);
        assert!(currencies.amountless.is_match("Competitive salary"));
        assert!(currencies.equity_after.is_match(" in equity"));
    }

    #[test]
    fn bad_entries_are_refused_by_name() {
        let bad_mark =
            BUNDLED_CURRENCIES.replacen("[prefix_marks]\n", "[prefix_marks]\n\"Ƀ\" = \"XBT\"\n", 1);
        let err = Currencies::from_toml(&bad_mark).expect_err("unknown code");
        assert!(err.to_string().contains("Ƀ"), "{err}");
        let bad_code = BUNDLED_CURRENCIES.replacen("codes = [\"USD\"", "codes = [\"usd\"", 1);
        let err = Currencies::from_toml(&bad_code).expect_err("lower case");
        assert!(err.to_string().contains("usd"), "{err}");
    }
}
