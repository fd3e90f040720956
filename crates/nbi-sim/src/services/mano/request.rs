//! Reading request bodies and the `limit` / `offset` query the way the spec defines them.

use std::collections::HashMap;

use axum::response::Response;
use serde_json::Value;

use super::errors::{self, FieldIssue};

/// The body as a JSON object, or the spec's 400.
pub(super) fn json_object(body: &[u8], instance: &str) -> Result<Value, Response> {
    match serde_json::from_slice::<Value>(body) {
        Ok(v @ Value::Object(_)) => Ok(v),
        _ => Err(errors::bad_body(instance)),
    }
}

/// `limit` (1–1000, default 50) and `offset` (≥ 0, default 0), or a 422 naming the bad one.
pub(super) fn paging(query: &HashMap<String, String>) -> Result<(usize, usize), Response> {
    let mut issues = Vec::new();
    let mut read = |key: &str, default: usize, min: usize, max: usize| match query.get(key) {
        None => default,
        Some(raw) => match raw.parse::<usize>() {
            Ok(n) if (min..=max).contains(&n) => n,
            _ => {
                issues.push(FieldIssue {
                    field: key.to_owned(),
                    message: format!("{key} must be an integer between {min} and {max}"),
                    code: "RANGE_ERROR",
                });
                default
            }
        },
    };
    let limit = read("limit", 50, 1, 1000);
    let offset = read("offset", 0, 0, usize::MAX);
    if issues.is_empty() {
        Ok((limit, offset))
    } else {
        Err(errors::validation(issues))
    }
}

/// Whether `item`'s `field` equals the query's filter of the same name (no filter = yes).
pub(super) fn matches(query: &HashMap<String, String>, item: &Value, field: &str) -> bool {
    query
        .get(field)
        .is_none_or(|want| item.get(field).and_then(Value::as_str) == Some(want.as_str()))
}
