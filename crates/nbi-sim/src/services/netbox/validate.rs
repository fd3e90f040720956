//! Checks one written field the way NetBox's serializers do, and turns it into its stored form.

use serde_json::{Map, Value};

use super::ip;
use super::models::{Model, by_path};
use super::store::Store;

/// The stored form of `value` for `key` of `model`, or the message NetBox answers.
pub(super) fn field(
    store: &Store,
    model: &Model,
    key: &str,
    value: &Value,
) -> Result<Value, String> {
    if let Some(target) = model.target_of(key) {
        return foreign_key(store, target, value, model.required.contains(&key));
    }
    if let Some(choices) = model.choices_of(key) {
        let chosen = match value {
            Value::String(s) => Some(s.as_str()),
            Value::Object(map) => map.get("value").and_then(Value::as_str),
            _ => None,
        };
        return match chosen {
            Some(v) if choices.iter().any(|(c, _)| *c == v) => Ok(Value::String(v.to_owned())),
            Some(v) => Err(format!("\"{v}\" is not a valid choice.")),
            None => Err(format!("\"{value}\" is not a valid choice.")),
        };
    }
    match key {
        "prefix" | "address" | "start_address" | "end_address" => match value.as_str() {
            Some(text) if ip::is_cidr(text) => Ok(value.clone()),
            _ => Err("Enter a valid IPv4 or IPv6 address with mask.".into()),
        },
        "slug" => match value.as_str() {
            Some(s)
                if !s.is_empty()
                    && s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') =>
            {
                Ok(value.clone())
            }
            _ => Err(
                "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."
                    .into(),
            ),
        },
        "vid" => match value.as_u64() {
            Some(0) => Err("Ensure this value is greater than or equal to 1.".into()),
            Some(v) if v > 4094 => Err("Ensure this value is less than or equal to 4094.".into()),
            Some(_) => Ok(value.clone()),
            None => Err("A valid integer is required.".into()),
        },
        "name" if value.is_null() && model.required.contains(&"name") => {
            Err("This field may not be null.".into())
        }
        "assigned_object_id" => match value {
            Value::Null => Ok(Value::Null),
            Value::Number(n) if n.as_u64().is_some() => Ok(value.clone()),
            _ => Err("A valid integer is required.".into()),
        },
        _ => Ok(value.clone()),
    }
}

/// A foreign key given as a numeric id, `{"id": n}` or a dictionary of attributes.
fn foreign_key(
    store: &Store,
    target: &str,
    value: &Value,
    required: bool,
) -> Result<Value, String> {
    let Some(target) = by_path(target) else {
        return Err("Unknown related model.".into());
    };
    match value {
        Value::Null if required => Err("This field may not be null.".into()),
        Value::Null => Ok(Value::Null),
        Value::Number(n) => match n.as_u64() {
            Some(id) if store.row(target, id).is_some() => Ok(Value::from(id)),
            _ => Err(format!(
                "Related object not found using the provided numeric ID: {n}"
            )),
        },
        Value::Object(attrs) => {
            if let Some(id) = attrs.get("id") {
                return foreign_key(store, target.path, id, required);
            }
            match find_by_attributes(store, target, attrs) {
                Some(id) => Ok(Value::from(id)),
                None => Err(format!(
                    "Related object not found using the provided attributes: {}",
                    Value::Object(attrs.clone())
                )),
            }
        }
        other => Err(format!(
            "Related objects must be referenced by numeric ID or by dictionary of attributes. Received an unrecognized value: {}",
            other
                .as_str()
                .map_or_else(|| other.to_string(), str::to_owned)
        )),
    }
}

fn find_by_attributes(store: &Store, target: &Model, attrs: &Map<String, Value>) -> Option<u64> {
    let mut found = store
        .rows(target)
        .filter(|(_, row)| attrs.iter().all(|(k, v)| row.get(k) == Some(v)))
        .map(|(id, _)| id);
    let first = found.next()?;
    // More than one match is as good as none: NetBox refuses ambiguous attributes.
    found.next().is_none().then_some(first)
}
