//! NetBox's error bodies in [`ProblemDetails`] terms, and [`NetboxErrorExt`] for what only
//! NetBox says.
//!
//! NetBox answers:
//! - 400 with `{"field": ["message"]}` for one object, a list of those for a bulk request
//!   (one per item, empty for good ones), or — from 4.7 — `{"detail", "errors": [{"index",
//!   "errors"}]}`. All become [`FieldError`]s; a bulk item's fields are named `[index].field`.
//!   The error's kind is [`ErrorKind::Validation`](nbi_core::ErrorKind::Validation).
//! - 403 `{"detail": "Invalid v1 token"}` (or `"Authentication credentials were not
//!   provided."`) for a missing or rejected token — never 401, so no renewal is attempted;
//!   the kind is [`ErrorKind::Auth`](nbi_core::ErrorKind::Auth) with status 403.
//! - 404 / 405 / 409 / 412 with `{"detail": …}`: kind
//!   [`ErrorKind::Status`](nbi_core::ErrorKind::Status). A 409 from an allocation is a pool
//!   running dry: [`NetboxErrorExt::is_pool_exhausted`].
//! - 500 with `{"error", "exception", "netbox_version", "python_version"}`:
//!   [`NetboxErrorExt::server_error`].

use http::StatusCode;
use nbi_core::{Error, FieldError, ProblemDetails};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The vendor code put on a 409 answered to an allocation.
const POOL_EXHAUSTED: &str = "pool_exhausted";

/// The body of NetBox's 500 answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ServerError {
    /// The exception's message.
    #[serde(default)]
    pub error: String,
    /// The exception's class (`TemplateSyntaxError`).
    #[serde(default)]
    pub exception: String,
    /// The server's NetBox release.
    #[serde(default)]
    pub netbox_version: Option<String>,
    /// The server's Python release.
    #[serde(default)]
    pub python_version: Option<String>,
}

/// What a NetBox error says beyond [`Error`]'s own accessors.
pub trait NetboxErrorExt {
    /// Whether an allocation (`available-ips`, `-prefixes`, `-vlans`) failed because the pool
    /// has too few free resources (409).
    fn is_pool_exhausted(&self) -> bool;
    /// Whether an update's `If-Match` no longer matched the object (412).
    fn is_precondition_failed(&self) -> bool;
    /// Whether the object or route does not exist (404).
    fn is_not_found(&self) -> bool;
    /// NetBox's 500 body, when that is what arrived.
    fn server_error(&self) -> Option<ServerError>;
    /// The field errors of a bulk request: (item index, field error).
    fn item_errors(&self) -> Vec<(usize, FieldError)>;
}

impl NetboxErrorExt for Error {
    fn is_pool_exhausted(&self) -> bool {
        self.status() == Some(StatusCode::CONFLICT)
            && self
                .problem()
                .is_some_and(|p| p.vendor_code.as_deref() == Some(POOL_EXHAUSTED))
    }

    fn is_precondition_failed(&self) -> bool {
        self.status() == Some(StatusCode::PRECONDITION_FAILED)
    }

    fn is_not_found(&self) -> bool {
        self.status() == Some(StatusCode::NOT_FOUND)
    }

    fn server_error(&self) -> Option<ServerError> {
        if !self.status().is_some_and(|s| s.is_server_error()) {
            return None;
        }
        let raw = self.raw()?;
        let body: ServerError = serde_json::from_slice(&raw.body).ok()?;
        (!body.exception.is_empty() || !body.error.is_empty()).then_some(body)
    }

    fn item_errors(&self) -> Vec<(usize, FieldError)> {
        let Some(problem) = self.problem() else {
            return Vec::new();
        };
        problem
            .field_errors
            .iter()
            .filter_map(|fe| {
                let rest = fe.field.strip_prefix('[')?;
                let (index, field) = rest.split_once(']')?;
                let field = field.strip_prefix('.').unwrap_or(field);
                Some((
                    index.parse().ok()?,
                    FieldError {
                        field: field.to_owned(),
                        message: fe.message.clone(),
                    },
                ))
            })
            .collect()
    }
}

/// Rewrites a failed call's error so its problem details hold NetBox's validation errors,
/// which the generic reading of error bodies does not understand (bulk lists, nested fields,
/// the 4.7 `errors` list).
pub(crate) fn remap(error: Error) -> Error {
    if error.status() != Some(StatusCode::BAD_REQUEST) {
        return error;
    }
    let Some(raw) = error.raw() else {
        return error;
    };
    let Some(problem) = problem_from_body(&raw.body) else {
        return error;
    };
    let mut remapped =
        Error::from_status(StatusCode::BAD_REQUEST, Some(problem)).with_raw(raw.clone());
    if let Some(context) = error.context() {
        remapped = remapped.with_context(context.clone());
    }
    remapped
}

/// Marks a 409 from an allocation as a pool that ran dry.
pub(crate) fn mark_pool_exhausted(error: Error) -> Error {
    if error.status() != Some(StatusCode::CONFLICT) {
        return error;
    }
    let mut problem = error.problem().cloned().unwrap_or_default();
    problem.vendor_code = Some(POOL_EXHAUSTED.to_owned());
    error.with_problem(problem)
}

/// Reads a NetBox 400 body.
pub(crate) fn problem_from_body(body: &[u8]) -> Option<ProblemDetails> {
    let value: Value = serde_json::from_slice(body).ok()?;
    let mut problem = ProblemDetails::default();
    match &value {
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                collect(item, &format!("[{index}]"), &mut problem.field_errors);
            }
        }
        Value::Object(map) => {
            problem.detail = text(map.get("detail")).or_else(|| text(map.get("error")));
            match map.get("errors") {
                // NetBox 4.7: {"detail": …, "errors": [{"index": 0, "errors": {…}}]}
                Some(Value::Array(items)) if items.iter().any(|i| i.get("index").is_some()) => {
                    for item in items {
                        let index = item.get("index").and_then(Value::as_u64).unwrap_or(0);
                        if let Some(errors) = item.get("errors") {
                            collect(errors, &format!("[{index}]"), &mut problem.field_errors);
                        }
                    }
                }
                _ => {
                    let fields: Map<String, Value> = map
                        .iter()
                        .filter(|(k, _)| !matches!(k.as_str(), "detail" | "error"))
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect();
                    collect(&Value::Object(fields), "", &mut problem.field_errors);
                }
            }
        }
        _ => return None,
    }
    Some(problem)
}

/// Flattens nested field errors into `a.b` / `a[0].b` names.
fn collect(value: &Value, prefix: &str, out: &mut Vec<FieldError>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                let name = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                collect(inner, &name, out);
            }
        }
        Value::Array(items) if items.iter().all(Value::is_string) => {
            if items.is_empty() {
                return;
            }
            let message = items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(" ");
            out.push(FieldError {
                field: prefix.to_owned(),
                message,
            });
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                collect(item, &format!("{prefix}[{index}]"), out);
            }
        }
        Value::String(message) => out.push(FieldError {
            field: prefix.to_owned(),
            message: message.clone(),
        }),
        _ => {}
    }
}

fn text(value: Option<&Value>) -> Option<String> {
    value.and_then(Value::as_str).map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(body: &str) -> Vec<(String, String)> {
        problem_from_body(body.as_bytes())
            .unwrap()
            .field_errors
            .into_iter()
            .map(|f| (f.field, f.message))
            .collect()
    }

    #[test]
    fn every_validation_shape_becomes_field_errors() {
        assert_eq!(
            fields(
                r#"{"name": ["This field is required."], "site": ["Related object not found."]}"#
            ),
            [
                ("name".into(), "This field is required.".into()),
                ("site".into(), "Related object not found.".into())
            ]
        );
        assert_eq!(
            fields(r#"[{}, {"slug": ["This field is required."]}]"#),
            [("[1].slug".into(), "This field is required.".into())]
        );
        let v47 = r#"{"detail": "Bulk operation failed", "errors": [{"index": 2, "errors": {"vid": ["Too big."]}}]}"#;
        assert_eq!(fields(v47), [("[2].vid".into(), "Too big.".into())]);
        assert_eq!(
            problem_from_body(v47.as_bytes()).unwrap().detail.as_deref(),
            Some("Bulk operation failed")
        );
        assert_eq!(
            fields(r#"{"interfaces": [{"name": ["Bad."]}]}"#),
            [("interfaces[0].name".into(), "Bad.".into())]
        );
        assert!(problem_from_body(b"<html>").is_none());
    }

    #[test]
    fn bulk_item_errors_carry_their_index() {
        let problem = problem_from_body(br#"[{}, {"slug": ["Required."]}]"#).unwrap();
        let error = Error::from_status(StatusCode::BAD_REQUEST, Some(problem));
        assert_eq!(error.kind(), nbi_core::ErrorKind::Validation);
        let items = error.item_errors();
        assert_eq!(items.len(), 1);
        assert_eq!((items[0].0, items[0].1.field.as_str()), (1, "slug"));
        let conflict = mark_pool_exhausted(Error::from_status(StatusCode::CONFLICT, None));
        assert!(conflict.is_pool_exhausted());
        assert!(!Error::from_status(StatusCode::CONFLICT, None).is_pool_exhausted());
    }
}
