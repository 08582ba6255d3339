//! Place-name data for the eligibility reader: countries (ISO 3166-1 alpha-2 with English names and
//! common aliases), US states, Canadian provinces, and the cities job boards most often name.
//!
//! Names are matched after [`place_key`] folds them (lower case, dots dropped, accents kept), so
//! "U.S.A." and "usa" are one key. The country names come from the tz database's `iso3166.tab`,
//! with the aliases job posts use added by hand ("USA", "UK", "Deutschland", "Holland", …).

use std::collections::HashMap;
use std::sync::LazyLock;

/// ISO 3166-1 alpha-2 code, then the names and aliases that mean it.
pub const COUNTRIES: &[(&str, &[&str])] = &[
    ("AD", &["Andorra"]),
    ("AE", &["United Arab Emirates", "UAE", "Dubai", "Abu Dhabi"]),
    ("AF", &["Afghanistan"]),
    ("AG", &["Antigua and Barbuda"]),
    ("AI", &["Anguilla"]),
    ("AL", &["Albania"]),
    ("AM", &["Armenia"]),
    ("AO", &["Angola"]),
    ("AQ", &["Antarctica"]),
    ("AR", &["Argentina"]),
    ("AS", &["American Samoa"]),
    ("AT", &["Austria", "Österreich"]),
    ("AU", &["Australia", "AUS"]),
    ("AW", &["Aruba"]),
    ("AX", &["Åland Islands"]),
    ("AZ", &["Azerbaijan"]),
    ("BA", &["Bosnia and Herzegovina", "Bosnia"]),
    ("BB", &["Barbados"]),
    ("BD", &["Bangladesh"]),
    ("BE", &["Belgium"]),
    ("BF", &["Burkina Faso"]),
    ("BG", &["Bulgaria"]),
    ("BH", &["Bahrain"]),
    ("BI", &["Burundi"]),
    ("BJ", &["Benin"]),
    ("BL", &["Saint Barthelemy", "Saint Barthélemy"]),
    ("BM", &["Bermuda"]),
    ("BN", &["Brunei"]),
    ("BO", &["Bolivia"]),
    ("BQ", &["Caribbean NL", "Caribbean Netherlands", "Bonaire"]),
    ("BR", &["Brazil", "Brasil"]),
    ("BS", &["Bahamas"]),
    ("BT", &["Bhutan"]),
    ("BV", &["Bouvet Island"]),
    ("BW", &["Botswana"]),
    ("BY", &["Belarus"]),
    ("BZ", &["Belize"]),
    ("CA", &["Canada"]),
    ("CC", &["Cocos Islands", "Cocos (Keeling) Islands"]),
    (
        "CD",
        &["Democratic Republic of the Congo", "DR Congo", "DRC"],
    ),
    ("CF", &["Central African Rep.", "Central African Republic"]),
    ("CG", &["Republic of the Congo", "Congo"]),
    ("CH", &["Switzerland", "Schweiz", "Suisse"]),
    (
        "CI",
        &[
            "Côte d'Ivoire",
            "Cote d'Ivoire",
            "Ivory Coast",
            "Côte d’Ivoire",
        ],
    ),
    ("CK", &["Cook Islands"]),
    ("CL", &["Chile"]),
    ("CM", &["Cameroon"]),
    ("CN", &["China"]),
    ("CO", &["Colombia"]),
    ("CR", &["Costa Rica"]),
    ("CU", &["Cuba"]),
    ("CV", &["Cape Verde", "Cabo Verde"]),
    ("CW", &["Curaçao"]),
    ("CX", &["Christmas Island"]),
    ("CY", &["Cyprus"]),
    ("CZ", &["Czech Republic", "Czechia"]),
    ("DE", &["Germany", "Deutschland"]),
    ("DJ", &["Djibouti"]),
    ("DK", &["Denmark"]),
    ("DM", &["Dominica"]),
    ("DO", &["Dominican Republic"]),
    ("DZ", &["Algeria"]),
    ("EC", &["Ecuador"]),
    ("EE", &["Estonia"]),
    ("EG", &["Egypt"]),
    ("EH", &["Western Sahara"]),
    ("ER", &["Eritrea"]),
    ("ES", &["Spain", "España"]),
    ("ET", &["Ethiopia"]),
    ("FI", &["Finland"]),
    ("FJ", &["Fiji"]),
    ("FK", &["Falkland Islands"]),
    ("FM", &["Micronesia"]),
    ("FO", &["Faroe Islands"]),
    ("FR", &["France"]),
    ("GA", &["Gabon"]),
    (
        "GB",
        &[
            "United Kingdom",
            "UK",
            "U.K.",
            "Great Britain",
            "Britain",
            "England",
            "Scotland",
            "Wales",
            "Northern Ireland",
        ],
    ),
    ("GD", &["Grenada"]),
    ("GE", &["Georgia"]),
    ("GF", &["French Guiana"]),
    ("GG", &["Guernsey"]),
    ("GH", &["Ghana"]),
    ("GI", &["Gibraltar"]),
    ("GL", &["Greenland"]),
    ("GM", &["Gambia"]),
    ("GN", &["Guinea"]),
    ("GP", &["Guadeloupe"]),
    ("GQ", &["Equatorial Guinea"]),
    ("GR", &["Greece"]),
    ("GS", &["South Georgia and the South Sandwich Islands"]),
    ("GT", &["Guatemala"]),
    ("GU", &["Guam"]),
    ("GW", &["Guinea-Bissau"]),
    ("GY", &["Guyana"]),
    ("HK", &["Hong Kong"]),
    ("HM", &["Heard and McDonald Islands"]),
    ("HN", &["Honduras"]),
    ("HR", &["Croatia"]),
    ("HT", &["Haiti"]),
    ("HU", &["Hungary"]),
    ("ID", &["Indonesia"]),
    ("IE", &["Ireland"]),
    ("IL", &["Israel"]),
    ("IM", &["Isle of Man"]),
    ("IN", &["India"]),
    ("IO", &["British Indian Ocean Territory"]),
    ("IQ", &["Iraq"]),
    ("IR", &["Iran"]),
    ("IS", &["Iceland"]),
    ("IT", &["Italy", "Italia"]),
    ("JE", &["Jersey"]),
    ("JM", &["Jamaica"]),
    ("JO", &["Jordan"]),
    ("JP", &["Japan"]),
    ("KE", &["Kenya"]),
    ("KG", &["Kyrgyzstan"]),
    ("KH", &["Cambodia"]),
    ("KI", &["Kiribati"]),
    ("KM", &["Comoros"]),
    ("KN", &["Saint Kitts and Nevis"]),
    ("KP", &["North Korea"]),
    ("KR", &["South Korea", "Korea", "Republic of Korea"]),
    ("KW", &["Kuwait"]),
    ("KY", &["Cayman Islands"]),
    ("KZ", &["Kazakhstan"]),
    ("LA", &["Laos"]),
    ("LB", &["Lebanon"]),
    ("LC", &["Saint Lucia"]),
    ("LI", &["Liechtenstein"]),
    ("LK", &["Sri Lanka"]),
    ("LR", &["Liberia"]),
    ("LS", &["Lesotho"]),
    ("LT", &["Lithuania"]),
    ("LU", &["Luxembourg"]),
    ("LV", &["Latvia"]),
    ("LY", &["Libya"]),
    ("MA", &["Morocco"]),
    ("MC", &["Monaco"]),
    ("MD", &["Moldova"]),
    ("ME", &["Montenegro"]),
    ("MF", &["Saint Martin"]),
    ("MG", &["Madagascar"]),
    ("MH", &["Marshall Islands"]),
    ("MK", &["North Macedonia", "Macedonia"]),
    ("ML", &["Mali"]),
    ("MM", &["Myanmar", "Burma"]),
    ("MN", &["Mongolia"]),
    ("MO", &["Macau", "Macao"]),
    ("MP", &["Northern Mariana Islands"]),
    ("MQ", &["Martinique"]),
    ("MR", &["Mauritania"]),
    ("MS", &["Montserrat"]),
    ("MT", &["Malta"]),
    ("MU", &["Mauritius"]),
    ("MV", &["Maldives"]),
    ("MW", &["Malawi"]),
    ("MX", &["Mexico", "México"]),
    ("MY", &["Malaysia"]),
    ("MZ", &["Mozambique"]),
    ("NA", &["Namibia"]),
    ("NC", &["New Caledonia"]),
    ("NE", &["Niger"]),
    ("NF", &["Norfolk Island"]),
    ("NG", &["Nigeria"]),
    ("NI", &["Nicaragua"]),
    (
        "NL",
        &["Netherlands", "The Netherlands", "Holland", "Nederland"],
    ),
    ("NO", &["Norway"]),
    ("NP", &["Nepal"]),
    ("NR", &["Nauru"]),
    ("NU", &["Niue"]),
    ("NZ", &["New Zealand"]),
    ("OM", &["Oman"]),
    ("PA", &["Panama"]),
    ("PE", &["Peru"]),
    ("PF", &["French Polynesia"]),
    ("PG", &["Papua New Guinea"]),
    ("PH", &["Philippines"]),
    ("PK", &["Pakistan"]),
    ("PL", &["Poland", "Polska"]),
    ("PM", &["Saint Pierre and Miquelon"]),
    ("PN", &["Pitcairn"]),
    ("PR", &["Puerto Rico"]),
    ("PS", &["Palestine", "Palestinian Territories"]),
    ("PT", &["Portugal"]),
    ("PW", &["Palau"]),
    ("PY", &["Paraguay"]),
    ("QA", &["Qatar"]),
    ("RE", &["Réunion", "Reunion"]),
    ("RO", &["Romania"]),
    ("RS", &["Serbia"]),
    ("RU", &["Russia", "Russian Federation"]),
    ("RW", &["Rwanda"]),
    ("SA", &["Saudi Arabia"]),
    ("SB", &["Solomon Islands"]),
    ("SC", &["Seychelles"]),
    ("SD", &["Sudan"]),
    ("SE", &["Sweden"]),
    ("SG", &["Singapore"]),
    ("SH", &["Saint Helena"]),
    ("SI", &["Slovenia"]),
    ("SJ", &["Svalbard and Jan Mayen"]),
    ("SK", &["Slovakia"]),
    ("SL", &["Sierra Leone"]),
    ("SM", &["San Marino"]),
    ("SN", &["Senegal"]),
    ("SO", &["Somalia"]),
    ("SR", &["Suriname"]),
    ("SS", &["South Sudan"]),
    ("ST", &["Sao Tome and Principe", "São Tomé and Príncipe"]),
    ("SV", &["El Salvador"]),
    ("SX", &["Sint Maarten"]),
    ("SY", &["Syria"]),
    ("SZ", &["Eswatini", "Swaziland"]),
    ("TC", &["Turks and Caicos Islands"]),
    ("TD", &["Chad"]),
    ("TF", &["French S. Terr.", "French Southern Territories"]),
    ("TG", &["Togo"]),
    ("TH", &["Thailand"]),
    ("TJ", &["Tajikistan"]),
    ("TK", &["Tokelau"]),
    ("TL", &["East Timor", "Timor-Leste"]),
    ("TM", &["Turkmenistan"]),
    ("TN", &["Tunisia"]),
    ("TO", &["Tonga"]),
    ("TR", &["Turkey", "Türkiye", "Turkiye"]),
    ("TT", &["Trinidad and Tobago"]),
    ("TV", &["Tuvalu"]),
    ("TW", &["Taiwan"]),
    ("TZ", &["Tanzania"]),
    ("UA", &["Ukraine"]),
    ("UG", &["Uganda"]),
    ("UM", &["US minor outlying islands"]),
    (
        "US",
        &[
            "United States",
            "United States of America",
            "USA",
            "U.S.A.",
            "U.S.",
            "US",
            "America",
        ],
    ),
    ("UY", &["Uruguay"]),
    ("UZ", &["Uzbekistan"]),
    ("VA", &["Vatican City", "Vatican", "Holy See"]),
    ("VC", &["Saint Vincent and the Grenadines"]),
    ("VE", &["Venezuela"]),
    ("VG", &["British Virgin Islands"]),
    ("VI", &["US Virgin Islands", "U.S. Virgin Islands"]),
    ("VN", &["Vietnam", "Viet Nam"]),
    ("VU", &["Vanuatu"]),
    ("WF", &["Wallis and Futuna"]),
    ("WS", &["Samoa"]),
    ("XK", &["Kosovo"]),
    ("YE", &["Yemen"]),
    ("YT", &["Mayotte"]),
    ("ZA", &["South Africa"]),
    ("ZM", &["Zambia"]),
    ("ZW", &["Zimbabwe"]),
];

/// US states (and DC), name then USPS code.
pub const US_STATES: &[(&str, &str)] = &[
    ("Alabama", "AL"),
    ("Alaska", "AK"),
    ("Arizona", "AZ"),
    ("Arkansas", "AR"),
    ("California", "CA"),
    ("Colorado", "CO"),
    ("Connecticut", "CT"),
    ("Delaware", "DE"),
    ("Florida", "FL"),
    ("Georgia", "GA"),
    ("Hawaii", "HI"),
    ("Idaho", "ID"),
    ("Illinois", "IL"),
    ("Indiana", "IN"),
    ("Iowa", "IA"),
    ("Kansas", "KS"),
    ("Kentucky", "KY"),
    ("Louisiana", "LA"),
    ("Maine", "ME"),
    ("Maryland", "MD"),
    ("Massachusetts", "MA"),
    ("Michigan", "MI"),
    ("Minnesota", "MN"),
    ("Mississippi", "MS"),
    ("Missouri", "MO"),
    ("Montana", "MT"),
    ("Nebraska", "NE"),
    ("Nevada", "NV"),
    ("New Hampshire", "NH"),
    ("New Jersey", "NJ"),
    ("New Mexico", "NM"),
    ("New York", "NY"),
    ("North Carolina", "NC"),
    ("North Dakota", "ND"),
    ("Ohio", "OH"),
    ("Oklahoma", "OK"),
    ("Oregon", "OR"),
    ("Pennsylvania", "PA"),
    ("Rhode Island", "RI"),
    ("South Carolina", "SC"),
    ("South Dakota", "SD"),
    ("Tennessee", "TN"),
    ("Texas", "TX"),
    ("Utah", "UT"),
    ("Vermont", "VT"),
    ("Virginia", "VA"),
    ("Washington", "WA"),
    ("West Virginia", "WV"),
    ("Wisconsin", "WI"),
    ("Wyoming", "WY"),
    ("District of Columbia", "DC"),
];

/// Canadian provinces, name then postal code.
pub const CANADIAN_PROVINCES: &[(&str, &str)] = &[
    ("Ontario", "ON"),
    ("Quebec", "QC"),
    ("Québec", "QC"),
    ("British Columbia", "BC"),
    ("Alberta", "AB"),
    ("Manitoba", "MB"),
    ("Saskatchewan", "SK"),
    ("Nova Scotia", "NS"),
    ("New Brunswick", "NB"),
    ("Newfoundland and Labrador", "NL"),
    ("Prince Edward Island", "PE"),
];

/// Cities job boards name without a country ("Bengaluru", "Remote, Bangalore"), by country.
pub const CITIES: &[(&str, &[&str])] = &[
    (
        "US",
        &[
            "New York City",
            "NYC",
            "San Francisco",
            "SF",
            "South San Francisco",
            "Bay Area",
            "San Francisco Bay Area",
            "Silicon Valley",
            "Seattle",
            "Austin",
            "Boston",
            "Chicago",
            "Los Angeles",
            "Denver",
            "Atlanta",
            "Miami",
            "Washington DC",
            "Portland",
            "San Diego",
            "San Jose",
            "Palo Alto",
            "Mountain View",
            "Menlo Park",
            "Sunnyvale",
            "Oakland",
            "Philadelphia",
            "Pittsburgh",
            "Dallas",
            "Houston",
            "Phoenix",
            "Salt Lake City",
            "Minneapolis",
            "Detroit",
            "Nashville",
            "Raleigh",
            "Durham",
            "Saint Louis",
            "St Louis",
            "Tampa",
            "Orlando",
            "Boulder",
            "Brooklyn",
            "Irvine",
            "Santa Monica",
            "Columbus",
            "Cincinnati",
            "Kansas City",
            "Las Vegas",
            "Charlotte",
            "Baltimore",
            "Madison",
            "Ann Arbor",
            "Bellevue",
            "Redmond",
            "Reston",
            "Herndon",
            "Arlington",
            "El Segundo",
        ],
    ),
    (
        "CA",
        &[
            "Toronto",
            "Vancouver",
            "Montreal",
            "Montréal",
            "Ottawa",
            "Calgary",
            "Waterloo",
            "Edmonton",
            "Halifax",
            "Quebec City",
            "Winnipeg",
            "Victoria",
        ],
    ),
    (
        "GB",
        &[
            "London",
            "Manchester",
            "Edinburgh",
            "Glasgow",
            "Bristol",
            "Oxford",
            "Leeds",
            "Birmingham",
            "Belfast",
        ],
    ),
    ("IE", &["Dublin", "Cork", "Galway", "Limerick"]),
    (
        "DE",
        &[
            "Berlin",
            "Munich",
            "München",
            "Hamburg",
            "Frankfurt",
            "Cologne",
            "Köln",
            "Stuttgart",
            "Düsseldorf",
            "Leipzig",
        ],
    ),
    (
        "FR",
        &[
            "Paris",
            "Lyon",
            "Toulouse",
            "Nantes",
            "Bordeaux",
            "Lille",
            "Marseille",
        ],
    ),
    (
        "NL",
        &[
            "Amsterdam",
            "Rotterdam",
            "Utrecht",
            "The Hague",
            "Eindhoven",
        ],
    ),
    (
        "ES",
        &[
            "Madrid",
            "Barcelona",
            "Valencia",
            "Seville",
            "Malaga",
            "Málaga",
        ],
    ),
    ("PT", &["Lisbon", "Lisboa", "Porto"]),
    ("IT", &["Milan", "Milano", "Rome", "Roma", "Turin"]),
    (
        "PL",
        &[
            "Warsaw", "Krakow", "Kraków", "Wroclaw", "Wrocław", "Gdansk", "Gdańsk", "Poznan",
            "Poznań",
        ],
    ),
    ("SE", &["Stockholm", "Gothenburg", "Malmö", "Malmo"]),
    ("DK", &["Copenhagen"]),
    ("NO", &["Oslo"]),
    ("FI", &["Helsinki"]),
    ("CH", &["Zurich", "Zürich", "Geneva", "Basel", "Lausanne"]),
    ("AT", &["Vienna", "Wien"]),
    ("BE", &["Brussels", "Antwerp", "Ghent"]),
    ("CZ", &["Prague", "Brno"]),
    ("HU", &["Budapest"]),
    ("RO", &["Bucharest", "Cluj-Napoca", "Cluj"]),
    ("GR", &["Athens"]),
    ("EE", &["Tallinn"]),
    ("LT", &["Vilnius"]),
    ("LV", &["Riga"]),
    ("UA", &["Kyiv", "Kiev", "Lviv"]),
    ("RS", &["Belgrade"]),
    ("BG", &["Sofia"]),
    ("HR", &["Zagreb"]),
    ("TR", &["Istanbul", "Ankara"]),
    ("IL", &["Tel Aviv", "Tel Aviv-Yafo", "Jerusalem", "Haifa"]),
    (
        "IN",
        &[
            "Bangalore",
            "Bengaluru",
            "Mumbai",
            "Pune",
            "Hyderabad",
            "Chennai",
            "Delhi",
            "New Delhi",
            "Gurgaon",
            "Gurugram",
            "Noida",
            "Kolkata",
            "Ahmedabad",
        ],
    ),
    ("JP", &["Tokyo", "Osaka", "Kyoto"]),
    ("KR", &["Seoul"]),
    ("CN", &["Beijing", "Shanghai", "Shenzhen", "Hangzhou"]),
    ("TW", &["Taipei"]),
    (
        "AU",
        &[
            "Sydney",
            "Melbourne",
            "Brisbane",
            "Perth",
            "Adelaide",
            "Canberra",
        ],
    ),
    ("NZ", &["Auckland", "Wellington", "Christchurch"]),
    (
        "BR",
        &[
            "Sao Paulo",
            "São Paulo",
            "Rio de Janeiro",
            "Belo Horizonte",
            "Florianopolis",
            "Florianópolis",
            "Curitiba",
            "Porto Alegre",
            "Recife",
        ],
    ),
    (
        "MX",
        &[
            "Mexico City",
            "Ciudad de México",
            "Guadalajara",
            "Monterrey",
        ],
    ),
    ("AR", &["Buenos Aires", "Cordoba", "Córdoba"]),
    ("CO", &["Bogota", "Bogotá", "Medellin", "Medellín"]),
    ("CL", &["Santiago"]),
    ("PE", &["Lima"]),
    ("UY", &["Montevideo"]),
    ("PH", &["Manila", "Metro Manila", "Cebu"]),
    ("VN", &["Ho Chi Minh City", "Hanoi"]),
    ("TH", &["Bangkok"]),
    ("ID", &["Jakarta", "Bali"]),
    ("MY", &["Kuala Lumpur"]),
    ("ZA", &["Cape Town", "Johannesburg"]),
    ("NG", &["Lagos", "Abuja"]),
    ("KE", &["Nairobi"]),
    ("EG", &["Cairo"]),
    ("HT", &["Port-au-Prince"]),
    ("PK", &["Karachi", "Lahore", "Islamabad"]),
];

/// Folds a place name for lookup: lower case, dots and apostrophes dropped, hyphens and runs of
/// whitespace made one space. "U.S.A." → "usa", "Port-au-Prince" → "port au prince".
pub fn place_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for c in name.chars() {
        match c {
            '.' | '\'' | '’' => {}
            c if c.is_alphanumeric() => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.extend(c.to_lowercase());
            }
            _ => pending_space = true,
        }
    }
    out
}

/// What a folded place name means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A country, by ISO alpha-2 code.
    Country(&'static str),
    /// A US state or Canadian province, by the country holding it.
    Subdivision(&'static str),
    /// A city, by the country holding it.
    City(&'static str),
}

impl Place {
    pub fn country(self) -> &'static str {
        match self {
            Place::Country(code) | Place::Subdivision(code) | Place::City(code) => code,
        }
    }
}

/// Every known place name, folded. Subdivisions go in before countries so "Georgia" reads as the
/// US state, which job posts name far more often than the country (flag-emoji lists, which do
/// name the country, are read by code instead).
static PLACES: LazyLock<HashMap<String, Place>> = LazyLock::new(|| {
    let mut places = HashMap::new();
    for (name, _) in US_STATES {
        places.insert(place_key(name), Place::Subdivision("US"));
    }
    for (name, _) in CANADIAN_PROVINCES {
        places.insert(place_key(name), Place::Subdivision("CA"));
    }
    for (code, names) in COUNTRIES {
        for name in *names {
            places
                .entry(place_key(name))
                .or_insert(Place::Country(code));
        }
    }
    for (code, names) in CITIES {
        for name in *names {
            places.entry(place_key(name)).or_insert(Place::City(code));
        }
    }
    places
});

/// The place a folded name (see [`place_key`]) means, if any.
pub fn lookup(key: &str) -> Option<Place> {
    PLACES.get(key).copied()
}

/// The longest place name in words, so readers know how far to look ahead.
pub static LONGEST_PLACE_WORDS: LazyLock<usize> = LazyLock::new(|| {
    PLACES
        .keys()
        .map(|key| key.split(' ').count())
        .max()
        .unwrap_or(1)
});

/// Whether `code` (upper case) is an ISO 3166-1 alpha-2 code.
pub fn is_country_code(code: &str) -> bool {
    COUNTRIES.iter().any(|(known, _)| *known == code)
}

/// Whether `code` (upper case) is a USPS state code.
pub fn is_us_state_code(code: &str) -> bool {
    US_STATES.iter().any(|(_, known)| *known == code)
}

/// Whether `code` (upper case) is a Canadian province code.
pub fn is_canadian_province_code(code: &str) -> bool {
    CANADIAN_PROVINCES.iter().any(|(_, known)| *known == code)
}

/// The country codes of the flag emoji in `text` ("🇩🇪 Germany, 🇫🇷 France" → DE, FR), in order.
/// A flag is a pair of regional-indicator symbols spelling the code.
pub fn flag_codes(text: &str) -> Vec<String> {
    const REGIONAL_A: u32 = 0x1F1E6;
    let letter = |c: char| {
        let offset = u32::from(c).checked_sub(REGIONAL_A)?;
        (offset < 26).then(|| char::from(b'A' + offset as u8))
    };
    let mut codes = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(first) = letter(c)
            && let Some(second) = chars.peek().copied().and_then(letter)
        {
            chars.next();
            let code: String = [first, second].into_iter().collect();
            // "UK" is not a flag, but the GB one is; keep only real codes.
            if is_country_code(&code) {
                codes.push(code);
            }
        }
    }
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_aliases_fold_to_codes() {
        for (name, code) in [
            ("United States", "US"),
            ("U.S.A.", "US"),
            ("usa", "US"),
            ("UK", "GB"),
            ("England", "GB"),
            ("Deutschland", "DE"),
            ("The Netherlands", "NL"),
            ("Türkiye", "TR"),
            ("Côte d'Ivoire", "CI"),
            ("Bosnia and Herzegovina", "BA"),
            ("Bengaluru", "IN"),
            ("São Paulo", "BR"),
            ("Massachusetts", "US"),
            ("British Columbia", "CA"),
            ("Georgia", "US"),
        ] {
            assert_eq!(
                lookup(&place_key(name)).map(Place::country),
                Some(code),
                "{name}"
            );
        }
        assert_eq!(lookup(&place_key("Remote")), None);
        assert!(*LONGEST_PLACE_WORDS >= 5);
    }

    #[test]
    fn flags_read_as_codes() {
        assert_eq!(
            flag_codes("🇦🇩 Andorra, 🇦🇱 Albania, 🇬🇧 UK"),
            vec!["AD", "AL", "GB"]
        );
        assert!(flag_codes("no flags").is_empty());
    }

    #[test]
    fn every_code_is_unique_and_upper_case() {
        let mut seen = std::collections::HashSet::new();
        for (code, names) in COUNTRIES {
            assert!(seen.insert(*code), "{code} twice");
            assert_eq!(code.len(), 2);
            assert!(code.chars().all(|c| c.is_ascii_uppercase()));
            assert!(!names.is_empty(), "{code} has no name");
        }
        assert!(COUNTRIES.len() >= 249);
    }
}
