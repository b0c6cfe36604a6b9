//! Whole numbers as JSON Schema counts them: `3` and `3.0` are both the
//! integer 3 (JSON Schema 2020-12 §6.3 of the core spec), so a body that
//! writes an id as `3.0` (as Python's `json` does for a float) is read as
//! the id 3 rather than refused.

use serde::{Deserialize, Deserializer};

/// The `i64` a JSON number stands for, if it is a whole number in range.
pub fn whole_number(number: &serde_json::Number) -> Option<i64> {
    if let Some(value) = number.as_i64() {
        return Some(value);
    }
    let value = number.as_f64()?;
    // i64::MAX is not a float; 2^63 is the first value past the range.
    let in_range = (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&value);
    (value.fract() == 0.0 && in_range).then_some(value as i64)
}

/// Deserializes a list of ids that may be written as whole floats.
pub fn ids<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<i64>, D::Error> {
    Vec::<serde_json::Number>::deserialize(deserializer)?
        .iter()
        .map(|number| {
            whole_number(number).ok_or_else(|| {
                serde::de::Error::custom(format!("{number} is not a whole number in range"))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Ids {
        #[serde(deserialize_with = "ids")]
        ids: Vec<i64>,
    }

    fn read(json: &str) -> Result<Vec<i64>, serde_json::Error> {
        serde_json::from_str::<Ids>(json).map(|ids| ids.ids)
    }

    #[test]
    fn whole_floats_are_ids_and_fractions_are_not() {
        assert_eq!(
            read(r#"{"ids":[3, -465.0, 1e2]}"#).unwrap(),
            vec![3, -465, 100]
        );
        assert!(read(r#"{"ids":[1.5]}"#).is_err());
        assert!(read(r#"{"ids":[1e300]}"#).is_err());
        assert!(read(r#"{"ids":[18446744073709551615]}"#).is_err());
        assert!(read(r#"{"ids":["3"]}"#).is_err());
    }
}
