//! Lenient decoding of JSON items: the harmless variants real payloads show, read as what they
//! mean instead of sinking the item.
//!
//! Boards drift. A Greenhouse board's `id` arrived as the string `"7850544003"` instead of the
//! number; optional fields arrive as `null`, as `""`, as a number where text was documented, or as
//! a list with `null`s in it. Every one of those made serde reject the whole item, and a payload
//! whose every item was rejected looked like an empty board. So the JSON parsers declare their
//! fields through these functions (`#[serde(default, deserialize_with = "lenient::text")]`):
//!
//! - [`id`]: the one required field; a string or an integer, as text. Anything else rejects the
//!   item, with the type it found.
//! - [`text`], [`int`], [`number`], [`flag`]: optional scalars. A value of another type that means
//!   the same thing is converted (`"42"` → 42, `7` → `"7"`, `"true"` → true); a value that means
//!   nothing for the field reads as absent, since losing one optional field beats losing the job.
//! - [`list`]: an optional list, with `null`s and unreadable elements left out, and a single value
//!   where a list was expected read as a list of one.
//! - [`object`]: an optional nested object; one that does not have the expected shape is absent.
//!
//! Payload-level variants (a byte-order mark or whitespace before the JSON) are handled by
//! `sources::json`, which every JSON source goes through.

use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer, Error as _};
use serde_json::Value;

/// A job id: a non-blank string (trimmed) or an integer, as text. An integral float (`7.0`, which
/// some serialisers write for large ids) is the integer; any other value is an error.
pub(crate) fn id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let value = Value::deserialize(deserializer)?;
    id_text(&value).ok_or_else(|| {
        D::Error::custom(format!(
            "expected an id (a string or an integer), found {}",
            describe(&value)
        ))
    })
}

/// The id a JSON value stands for, if it is one (see [`id`]).
pub(crate) fn id_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.trim().to_owned()).filter(|id| !id.is_empty()),
        Value::Number(number) => integer_of(number).map(|id| id.to_string()),
        _ => None,
    }
}

/// Optional text: a string as it is, a number or a boolean as its JSON text; `null`, lists and
/// objects are absent.
pub(crate) fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(deserializer)? {
        Value::String(text) => Some(text),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    })
}

/// An optional integer: a number without a fraction, or a string holding one. Anything else (a
/// fraction, an out-of-range number, words) is absent.
pub(crate) fn int<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    Ok(match Value::deserialize(deserializer)? {
        Value::Number(number) => integer_of(&number),
        Value::String(text) => {
            let text = text.trim();
            text.parse::<i64>().ok().or_else(|| {
                text.parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .and_then(|number| integer_of(&number))
            })
        }
        _ => None,
    })
}

/// An optional finite number: a JSON number, or a string holding one (`"120000"`, `" 85.5 "`).
pub(crate) fn number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    Ok(match Value::deserialize(deserializer)? {
        Value::Number(number) => number.as_f64(),
        Value::String(text) => text.trim().parse::<f64>().ok(),
        _ => None,
    }
    .filter(|number| number.is_finite()))
}

/// An optional boolean: `true`/`false`, or the strings `"true"`/`"false"` in any case.
pub(crate) fn flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    Ok(match Value::deserialize(deserializer)? {
        Value::Bool(flag) => Some(flag),
        Value::String(text) => match text.trim().to_ascii_lowercase().as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        },
        _ => None,
    })
}

/// An optional list of `T`: its readable elements, in order, with `null`s and elements of another
/// shape left out. A single non-null value stands for a list of one; `null` is absent.
pub(crate) fn list<'de, D, T>(deserializer: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let elements = match Value::deserialize(deserializer)? {
        Value::Null => return Ok(None),
        Value::Array(elements) => elements,
        single => vec![single],
    };
    Ok(Some(
        elements
            .into_iter()
            .filter(|element| !element.is_null())
            .filter_map(|element| serde_json::from_value(element).ok())
            .collect(),
    ))
}

/// An optional nested object of type `T`; `null` or a value `T` cannot be read from is absent.
pub(crate) fn object<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    Ok(match Value::deserialize(deserializer)? {
        Value::Null => None,
        value => serde_json::from_value(value).ok(),
    })
}

/// The integer a JSON number stands for: an `i64`, a `u64` that fits, or a float with no fraction
/// inside the range where floats are exact integers.
fn integer_of(number: &serde_json::Number) -> Option<i64> {
    if let Some(integer) = number.as_i64() {
        return Some(integer);
    }
    if number.is_u64() {
        return None; // Larger than i64::MAX: not an id any source issues.
    }
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    number
        .as_f64()
        .filter(|float| float.fract() == 0.0 && float.abs() <= EXACT)
        // In range and integral, so the cast is exact.
        .map(|float| float as i64)
}

/// A value's type with a hint of its content, for the one error this module raises.
fn describe(value: &Value) -> String {
    match value {
        Value::Number(number) => format!("the number {number}"),
        Value::String(_) => "a blank string".to_owned(),
        other => super::json_kind(other).into_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Item {
        #[serde(deserialize_with = "id")]
        id: String,
        #[serde(default, deserialize_with = "text")]
        title: Option<String>,
        #[serde(default, deserialize_with = "int")]
        epoch: Option<i64>,
        #[serde(default, deserialize_with = "number")]
        amount: Option<f64>,
        #[serde(default, deserialize_with = "flag")]
        listed: Option<bool>,
        #[serde(default, deserialize_with = "list")]
        tags: Option<Vec<String>>,
        #[serde(default, deserialize_with = "object")]
        place: Option<Place>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Place {
        name: String,
    }

    fn read(value: serde_json::Value) -> Result<Item, String> {
        serde_json::from_value(value).map_err(|error| error.to_string())
    }

    #[test]
    fn ids_are_strings_or_integers() {
        let check = |id: serde_json::Value, expected: Result<&str, &str>| {
            let got = read(json!({ "id": id.clone() }));
            match expected {
                Ok(text) => assert_eq!(got.map(|item| item.id).as_deref(), Ok(text), "{id}"),
                Err(fragment) => {
                    let error = got.unwrap_err();
                    assert!(error.contains(fragment), "{id}: {error}");
                }
            }
        };
        check(json!(7850544003_i64), Ok("7850544003"));
        check(json!("7850544003"), Ok("7850544003"));
        check(json!(" 5a0e-b1 "), Ok("5a0e-b1"));
        check(json!(7850544003.0), Ok("7850544003"));
        check(json!(-3), Ok("-3"));
        check(json!(1.5), Err("found the number 1.5"));
        check(
            json!(u64::MAX),
            Err("found the number 18446744073709551615"),
        );
        check(json!(""), Err("found a blank string"));
        check(json!(null), Err("found null"));
        check(json!(true), Err("found a boolean"));
        check(json!({"value": 1}), Err("found an object"));
        check(json!([1]), Err("found an array"));
        assert!(read(json!({})).unwrap_err().contains("missing field `id`"));
    }

    #[test]
    fn optional_scalars_convert_what_means_the_same_and_drop_the_rest() {
        let item = |fields: serde_json::Value| {
            let mut object = json!({"id": 1});
            object
                .as_object_mut()
                .unwrap()
                .extend(fields.as_object().unwrap().clone());
            read(object).unwrap()
        };
        let all_null = item(json!({"title": null, "epoch": null, "amount": null,
                                   "listed": null, "tags": null, "place": null}));
        assert_eq!(
            all_null,
            Item {
                id: "1".to_owned(),
                title: None,
                epoch: None,
                amount: None,
                listed: None,
                tags: None,
                place: None,
            }
        );
        assert_eq!(item(json!({})), all_null, "missing is the same as null");

        let converted = item(
            json!({"title": 404, "epoch": "1749200000", "amount": "120000",
                                    "listed": "TRUE"}),
        );
        assert_eq!(converted.title.as_deref(), Some("404"));
        assert_eq!(converted.epoch, Some(1_749_200_000));
        assert_eq!(converted.amount, Some(120_000.0));
        assert_eq!(converted.listed, Some(true));

        let meaningless = item(
            json!({"title": {"en": "x"}, "epoch": "soon", "amount": "n/a",
                                      "listed": "maybe"}),
        );
        assert_eq!(meaningless.title, None);
        assert_eq!(meaningless.epoch, None);
        assert_eq!(meaningless.amount, None);
        assert_eq!(meaningless.listed, None);

        let check_int = |epoch: serde_json::Value, expected: Option<i64>| {
            assert_eq!(
                item(json!({ "epoch": epoch.clone() })).epoch,
                expected,
                "{epoch}"
            );
        };
        check_int(json!(1_749_200_000_000_i64), Some(1_749_200_000_000));
        check_int(json!(1.7492e12), Some(1_749_200_000_000));
        check_int(json!(" 12 "), Some(12));
        check_int(json!("1e3"), Some(1000));
        check_int(json!(2.5), None);
        check_int(json!(1e300), None);

        let check_number = |amount: serde_json::Value, expected: Option<f64>| {
            assert_eq!(
                item(json!({ "amount": amount.clone() })).amount,
                expected,
                "{amount}"
            );
        };
        check_number(json!(85.5), Some(85.5));
        check_number(json!(" 85.5 "), Some(85.5));
        check_number(json!("NaN"), None);
        check_number(json!("inf"), None);
        check_number(json!(""), None);
    }

    #[test]
    fn lists_keep_their_readable_elements() {
        let tags = |tags: serde_json::Value| read(json!({"id": 1, "tags": tags})).unwrap().tags;
        let strings = |items: &[&str]| Some(items.iter().map(|s| (*s).to_owned()).collect());
        assert_eq!(tags(json!(["go", null, "rust"])), strings(&["go", "rust"]));
        assert_eq!(
            tags(json!(["go", 7, {"x": 1}, "rust"])),
            strings(&["go", "rust"])
        );
        assert_eq!(tags(json!("go")), strings(&["go"]));
        assert_eq!(tags(json!([])), strings(&[]));
        assert_eq!(tags(json!(null)), None);
    }

    #[test]
    fn nested_objects_of_another_shape_are_absent() {
        let place =
            |place: serde_json::Value| read(json!({"id": 1, "place": place})).unwrap().place;
        assert_eq!(
            place(json!({"name": "Dublin", "extra": 1})),
            Some(Place {
                name: "Dublin".to_owned()
            })
        );
        assert_eq!(place(json!("Dublin")), None);
        assert_eq!(place(json!({"name": 5})), None);
        assert_eq!(place(json!(null)), None);
    }
}
