//! [`RateTable`]: the dated currency table of `config/rates.toml`, which turns an amount in any
//! currency and period into yearly US dollars, so salaries of every source sort and filter on
//! one scale.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Deserialize;

use super::TaxonomyError;
use crate::SalaryPeriod;

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
