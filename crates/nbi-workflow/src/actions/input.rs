//! Reading an action's input: an object whose keys are known, with typed fields.

use serde_json::{Map, Value};

/// `input` as an object holding only `allowed` keys.
pub(crate) fn object<'a>(
    input: &'a Value,
    allowed: &[&str],
) -> Result<&'a Map<String, Value>, String> {
    let map = input
        .as_object()
        .ok_or_else(|| format!("expected an object with {}", allowed.join(", ")))?;
    for key in map.keys() {
        if !allowed.contains(&key.as_str()) {
            return Err(format!(
                "unknown key `{key}` (expected {})",
                allowed.join(", ")
            ));
        }
    }
    Ok(map)
}

/// Whether `value` is a string that will be replaced by a reference's value, so its type is
/// only known when the step runs.
pub(crate) fn is_reference(value: &Value) -> bool {
    value.as_str().is_some_and(|s| s.contains("${"))
}

/// A required string field.
pub(crate) fn string<'a>(map: &'a Map<String, Value>, key: &str) -> Result<&'a str, String> {
    match map.get(key) {
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(format!("`{key}` must be a string, not {other}")),
        None => Err(format!("`{key}` is missing")),
    }
}

/// A number field in `range`, if present.
pub(crate) fn number_in(
    map: &Map<String, Value>,
    key: &str,
    range: std::ops::RangeInclusive<f64>,
) -> Result<Option<f64>, String> {
    let Some(value) = map.get(key) else {
        return Ok(None);
    };
    let number = value
        .as_f64()
        .ok_or_else(|| format!("`{key}` must be a number, not {value}"))?;
    if !range.contains(&number) {
        return Err(format!(
            "`{key}` = {number} is not in {}..={}",
            range.start(),
            range.end()
        ));
    }
    Ok(Some(number))
}
