//! Reading a MANO request body from a step's input, and checking it with the client's own
//! validation before the run even where some of its values are still `${…}` references.

use nbi_core::Error;
use nbi_mano::ManoErrorExt;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::ActionError;

/// A request body: the input's keys but `service` (and any of `skip`).
pub(crate) fn body(map: &Map<String, Value>, skip: &[&str]) -> Value {
    Value::Object(
        map.iter()
            .filter(|(k, _)| *k != "service" && !skip.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    )
}

/// `value` as the model `T`, when the step runs (references resolved).
pub(crate) fn decode<T: DeserializeOwned>(value: Value, what: &str) -> Result<T, ActionError> {
    serde_json::from_value(value).map_err(|e| ActionError::permanent(format!("{what}: {e}")))
}

/// Every broken field of a validation error, as one message.
pub(crate) fn issues(error: &Error, prefix: &str) -> String {
    let issues: Vec<String> = error
        .field_issues()
        .into_iter()
        .map(|i| format!("{prefix}{}", i.message))
        .collect();
    if issues.is_empty() {
        error.to_string()
    } else {
        issues.join("; ")
    }
}

/// Checks `value` as a `T` with `validate` before the run. A reference stands for a value
/// not known yet: at a path of `numeric` it is read as a valid number, and no complaint
/// about a field that holds one (or lies under one) is reported. When references make the
/// body impossible to read (a whole object given as one reference), only the run can tell.
/// Complaints are prefixed with `prefix` (`vnfs[1].`).
pub(crate) fn model<T: DeserializeOwned>(
    value: &Value,
    numeric: &[&str],
    prefix: &str,
    validate: impl FnOnce(&T) -> nbi_core::Result<()>,
) -> Result<(), String> {
    let mut value = value.clone();
    let mut references = Vec::new();
    mark(&mut value, String::new(), numeric, &mut references);
    let typed: T = match serde_json::from_value(value) {
        Ok(typed) => typed,
        Err(_) if !references.is_empty() => return Ok(()),
        Err(e) => return Err(format!("{prefix}{e}").trim_end_matches('.').to_owned()),
    };
    let Err(error) = validate(&typed) else {
        return Ok(());
    };
    let under_reference = |field: &str| {
        references.iter().any(|r: &String| {
            field == r
                || field
                    .strip_prefix(r.as_str())
                    .is_some_and(|rest| rest.starts_with(['.', '[']))
        })
    };
    let left: Vec<String> = error
        .field_issues()
        .into_iter()
        .filter(|i| !under_reference(&i.field))
        .map(|i| format!("{prefix}{}", i.message))
        .collect();
    if left.is_empty() {
        Ok(())
    } else {
        Err(left.join("; "))
    }
}

/// Records the path of every string holding a reference, replacing those at `numeric`
/// paths by 1.
fn mark(value: &mut Value, path: String, numeric: &[&str], found: &mut Vec<String>) {
    match value {
        Value::String(s) if s.contains("${") => {
            if numeric.contains(&path.as_str()) {
                *value = Value::from(1);
            }
            found.push(path);
        }
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                let at = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                mark(item, at, numeric, found);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                mark(item, format!("{path}[{i}]"), numeric, found);
            }
        }
        _ => {}
    }
}

/// A required string field that may be a reference.
pub(crate) fn id<'a>(map: &'a Map<String, Value>, key: &str) -> Result<&'a str, String> {
    match map.get(key) {
        Some(Value::String(s)) if !s.is_empty() => Ok(s),
        Some(Value::String(_)) => Err(format!("`{key}` is empty")),
        Some(other) => Err(format!("`{key}` must be a string, not {other}")),
        None => Err(format!("`{key}` is missing")),
    }
}

/// An optional boolean field.
pub(crate) fn flag(map: &Map<String, Value>, key: &str) -> Result<bool, String> {
    match map.get(key) {
        None => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(v) if super::input::is_reference(v) => Ok(false),
        Some(other) => Err(format!("`{key}` must be true or false, not {other}")),
    }
}

#[cfg(test)]
mod tests {
    use nbi_mano::QoSIntentRequest;
    use serde_json::json;

    use super::*;

    fn intent(v: Value) -> Result<(), String> {
        model(
            &v,
            &["bandwidth", "latency", "reliability"],
            "",
            QoSIntentRequest::validate,
        )
    }

    #[test]
    fn literal_values_are_checked_and_references_are_not() {
        assert_eq!(
            intent(json!({ "bandwidth": 0, "latency": 10, "slice_type": "eMBB" })),
            Err("bandwidth must be between 1 and 10000".to_owned())
        );
        assert!(
            intent(json!({ "bandwidth": "${a.bw}", "latency": 10, "slice_type": "${a.t}" }))
                .is_ok()
        );
        let both = intent(json!({ "bandwidth": "${a.bw}", "latency": 5000, "slice_type": "6G" }))
            .unwrap_err();
        assert!(
            both.starts_with("latency must be between 1 and 1000; slice_type must be one of"),
            "{both}"
        );
        assert!(
            intent(json!({ "bandwidth": 1, "slice_type": "eMBB" }))
                .unwrap_err()
                .contains("missing field `latency`")
        );
    }
}
