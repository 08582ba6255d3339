//! Loading `config/places.toml`: the file's format, the checks that refuse a bad entry (naming it),
//! and the folding of its tables into the gazetteer's lookup maps.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Deserialize;

use super::*;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlacesFile {
    countries: BTreeMap<String, Vec<String>>,
    us_states: BTreeMap<String, Vec<String>>,
    canadian_provinces: BTreeMap<String, Vec<String>>,
    australian_states: BTreeMap<String, Vec<String>>,
    cities: BTreeMap<String, Vec<String>>,
    city_aliases: BTreeMap<String, String>,
    regions: BTreeMap<String, RegionEntry>,
    areas: BTreeMap<String, AreaEntry>,
    workplace: WorkplaceFile,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionEntry {
    #[serde(default)]
    includes: Vec<String>,
    members: Vec<String>,
    continents: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AreaEntry {
    region: Option<String>,
    countries: Option<Vec<String>>,
    #[serde(default)]
    worldwide: bool,
    #[serde(default)]
    capitals_only: bool,
    continent: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WorkplaceFile {
    fields: Vec<String>,
    place_fields: Vec<String>,
    values: WorkplaceValues,
    location_words: LocationWords,
}

/// The text lives as long as the process: the tables are loaded once, and handing out
/// `&'static str`s lets callers keep names without copying them.
fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

fn invalid(name: impl Into<String>, reason: impl Into<String>) -> TaxonomyError {
    TaxonomyError::Invalid {
        file: FILE,
        name: name.into(),
        reason: reason.into(),
    }
}

impl Gazetteer {
    /// Parses and checks the text of `config/places.toml`.
    pub fn from_toml(text: &str) -> Result<Self, TaxonomyError> {
        let file: PlacesFile =
            toml::from_str(text).map_err(|source| TaxonomyError::Toml { file: FILE, source })?;
        let well_formed = |code: &str, len: std::ops::RangeInclusive<usize>| {
            len.contains(&code.len()) && code.chars().all(|c| c.is_ascii_uppercase())
        };
        let mut countries = Vec::new();
        let mut country_codes: BTreeSet<&'static str> = BTreeSet::new();
        for (code, names) in file.countries {
            if !well_formed(&code, 2..=2) || names.is_empty() {
                return Err(invalid(
                    code,
                    "needs an upper-case ISO 3166-1 alpha-2 code and at least one name",
                ));
            }
            let code = leak(code);
            country_codes.insert(code);
            let names: Vec<&'static str> = names.into_iter().map(leak).collect();
            countries.push((code, &*Box::leak(names.into_boxed_slice())));
        }
        let known_country = |code: &str, entry: &str| -> Result<&'static str, TaxonomyError> {
            country_codes
                .get(code)
                .copied()
                .ok_or_else(|| invalid(entry, format!("`{code}` is not a country in [countries]")))
        };

        let mut places: HashMap<String, Place> = HashMap::new();
        let mut insert = |name: &str, place: Place, table: &str| -> Result<(), TaxonomyError> {
            let key = place_key(name);
            if key.is_empty() {
                return Err(invalid(name, format!("empty name in [{table}]")));
            }
            // Rule 3 of the file: an earlier table wins over a later one.
            places.entry(key).or_insert(place);
            Ok(())
        };
        let mut subdivision_codes = |table: BTreeMap<String, Vec<String>>,
                                     country: &'static str,
                                     name: &str|
         -> Result<BTreeSet<&'static str>, TaxonomyError> {
            let mut codes = BTreeSet::new();
            for (code, names) in table {
                if !well_formed(&code, 2..=3) || names.is_empty() {
                    return Err(invalid(
                        code,
                        format!("[{name}] needs an upper-case code and at least one name"),
                    ));
                }
                for place in &names {
                    insert(place, Place::Subdivision(country), name)?;
                }
                codes.insert(leak(code));
            }
            Ok(codes)
        };
        let us = known_country("US", "us_states")?;
        let ca = known_country("CA", "canadian_provinces")?;
        let au = known_country("AU", "australian_states")?;
        let us_states = subdivision_codes(file.us_states, us, "us_states")?;
        let canadian_provinces =
            subdivision_codes(file.canadian_provinces, ca, "canadian_provinces")?;
        let australian_states = subdivision_codes(file.australian_states, au, "australian_states")?;
        for &(code, names) in &countries {
            for name in names {
                insert(name, Place::Country(code), "countries")?;
            }
        }
        let mut cities = HashMap::new();
        for (code, names) in &file.cities {
            let country = known_country(code, &format!("cities.{code}"))?;
            for name in names {
                insert(name, Place::City(country), "cities")?;
                cities.entry(place_key(name)).or_insert(country);
            }
        }

        let mut city_aliases = HashMap::new();
        for (alias, canonical) in &file.city_aliases {
            for name in [alias, canonical] {
                if !cities.contains_key(&place_key(name)) {
                    return Err(invalid(
                        format!("city_aliases.{alias:?}"),
                        format!("`{name}` is not in [cities]"),
                    ));
                }
            }
            city_aliases.insert(place_key(alias), place_key(canonical));
        }
        let (region_members, region_continents) = regions(&file.regions, &known_country)?;
        let areas = areas(file.areas, &known_country)?;
        let longest_words = places
            .keys()
            .chain(areas.keys())
            .map(|key| key.split(' ').count())
            .max()
            .unwrap_or(1);
        let fold_all = |phrases: Vec<String>| phrases.iter().map(|p| fold_words(p)).collect();
        let values = file.workplace.values;
        let words = file.workplace.location_words;
        Ok(Gazetteer {
            countries,
            places,
            cities,
            city_aliases,
            areas,
            longest_words,
            us_states,
            canadian_provinces,
            australian_states,
            region_members,
            region_continents,
            workplace_fields: fold_all(file.workplace.fields),
            place_fields: fold_all(file.workplace.place_fields),
            workplace_values: WorkplaceValues {
                remote_or_office: fold_all(values.remote_or_office),
                hybrid: fold_all(values.hybrid),
                onsite: fold_all(values.onsite),
                remote: fold_all(values.remote),
                yes: fold_all(values.yes),
                no: fold_all(values.no),
            },
            location_words: LocationWords {
                remote: fold_all(words.remote),
                hybrid: fold_all(words.hybrid),
                onsite: fold_all(words.onsite),
            },
        })
    }
}

type RegionTables = (
    BTreeMap<Region, BTreeSet<&'static str>>,
    BTreeMap<Region, Vec<&'static str>>,
);

fn regions(
    entries: &BTreeMap<String, RegionEntry>,
    known_country: &dyn Fn(&str, &str) -> Result<&'static str, TaxonomyError>,
) -> Result<RegionTables, TaxonomyError> {
    let continent = |name: &str, entry: &str| {
        CONTINENTS
            .iter()
            .find(|known| **known == name)
            .copied()
            .ok_or_else(|| invalid(entry, format!("`{name}` is not one of {CONTINENTS:?}")))
    };
    for slug in entries.keys() {
        if Region::from_slug(slug).is_none() {
            return Err(invalid(
                format!("regions.{slug}"),
                "not a region prepboard knows",
            ));
        }
    }
    let mut members = BTreeMap::new();
    let mut continents = BTreeMap::new();
    for region in Region::ALL {
        let Some(entry) = entries.get(region.slug()) else {
            return Err(TaxonomyError::MissingMember {
                file: FILE,
                set: "region",
                member: region.slug(),
            });
        };
        let name = format!("regions.{}", region.slug());
        let mut codes = BTreeSet::new();
        // Includes are resolved breadth-first with a visited set, so a cycle cannot loop.
        let mut pending = vec![region.slug().to_owned()];
        let mut visited = BTreeSet::new();
        while let Some(slug) = pending.pop() {
            if !visited.insert(slug.clone()) {
                continue;
            }
            let Some(included) = entries.get(&slug) else {
                return Err(invalid(
                    &name,
                    format!("includes `{slug}`, which is not a region"),
                ));
            };
            for code in &included.members {
                codes.insert(known_country(code, &name)?);
            }
            pending.extend(included.includes.iter().cloned());
        }
        let covered = entry
            .continents
            .iter()
            .map(|c| continent(c, &name))
            .collect::<Result<Vec<_>, _>>()?;
        members.insert(region, codes);
        continents.insert(region, covered);
    }
    Ok((members, continents))
}

fn areas(
    entries: BTreeMap<String, AreaEntry>,
    known_country: &dyn Fn(&str, &str) -> Result<&'static str, TaxonomyError>,
) -> Result<HashMap<String, AreaPhrase>, TaxonomyError> {
    let mut areas = HashMap::new();
    for (phrase, entry) in entries {
        let name = format!("areas.{phrase:?}");
        let area = match (entry.region, entry.countries, entry.worldwide) {
            (Some(slug), None, false) => Area::Region(
                Region::from_slug(&slug)
                    .ok_or_else(|| invalid(&name, format!("`{slug}` is not a region")))?,
            ),
            (None, Some(codes), false) if !codes.is_empty() => Area::Countries(
                codes
                    .iter()
                    .map(|code| known_country(code, &name))
                    .collect::<Result<_, _>>()?,
            ),
            (None, None, true) => Area::Worldwide,
            _ => {
                return Err(invalid(
                    name,
                    "needs exactly one of `region`, `countries` or `worldwide = true`",
                ));
            }
        };
        let continent = match entry.continent {
            Some(continent) => Some(
                CONTINENTS
                    .iter()
                    .find(|known| **known == continent)
                    .copied()
                    .ok_or_else(|| invalid(&name, format!("`{continent}` is not a continent")))?,
            ),
            None => None,
        };
        let key = place_key(&phrase);
        if areas
            .insert(
                key.clone(),
                AreaPhrase {
                    area,
                    capitals_only: entry.capitals_only,
                    continent,
                },
            )
            .is_some()
        {
            return Err(TaxonomyError::Duplicate {
                file: FILE,
                name: key,
            });
        }
    }
    Ok(areas)
}
