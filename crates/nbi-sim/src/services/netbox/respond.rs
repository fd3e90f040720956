//! NetBox's answers: JSON bodies with the status codes and shapes Django REST framework and
//! NetBox's own handlers use.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

/// The NetBox release the simulator claims to be (v2 tokens need 4.5 or later).
pub(super) const NETBOX_VERSION: &str = "4.5.0";
/// The Python release reported beside it.
pub(super) const PYTHON_VERSION: &str = "3.12.3";

/// A JSON answer with `status`.
pub(super) fn json(status: StatusCode, body: Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// `{"detail": …}` with `status`: what DRF answers for 403, 404, 405, 409 and 412.
pub(super) fn detail(status: StatusCode, detail: impl Into<String>) -> Response {
    json(status, json!({ "detail": detail.into() }))
}

/// A DRF 404 for an object that does not exist.
pub(super) fn no_match(label: &str) -> Response {
    detail(
        StatusCode::NOT_FOUND,
        format!("No {} matches the given query.", capitalized(label)),
    )
}

/// A DRF 405.
pub(super) fn method_not_allowed(method: &str) -> Response {
    detail(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("Method \"{method}\" not allowed."),
    )
}

/// Django's own 404 for a URL no route matches: an HTML page, not JSON.
pub(super) fn page_not_found() -> Response {
    let mut response = (
        StatusCode::NOT_FOUND,
        "<!DOCTYPE html><html><head><title>Page Not Found</title></head><body><h1>Page Not Found</h1></body></html>",
    )
        .into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

/// 400 with per-field errors of one object: `{"field": ["message"]}`.
pub(super) fn invalid(errors: FieldErrors) -> Response {
    json(StatusCode::BAD_REQUEST, Value::Object(errors.into_map()))
}

/// 400 with the errors of a bulk request: one (possibly empty) object per item.
pub(super) fn invalid_items(items: Vec<FieldErrors>) -> Response {
    json(
        StatusCode::BAD_REQUEST,
        Value::Array(
            items
                .into_iter()
                .map(|e| Value::Object(e.into_map()))
                .collect(),
        ),
    )
}

/// NetBox's 500 for an unhandled exception.
pub(super) fn server_error(exception: &str, error: &str) -> Response {
    json(
        StatusCode::INTERNAL_SERVER_ERROR,
        json!({
            "error": error,
            "exception": exception,
            "netbox_version": NETBOX_VERSION,
            "python_version": PYTHON_VERSION,
        }),
    )
}

/// Validation messages by field, in the order they were found.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct FieldErrors(Vec<(String, String)>);

impl FieldErrors {
    pub(super) fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push((field.into(), message.into()));
    }

    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(super) fn into_map(self) -> Map<String, Value> {
        let mut map = Map::new();
        for (field, message) in self.0 {
            match map.entry(field).or_insert_with(|| Value::Array(Vec::new())) {
                Value::Array(messages) => messages.push(Value::String(message)),
                other => *other = Value::Array(vec![Value::String(message)]),
            }
        }
        map
    }
}

fn capitalized(label: &str) -> String {
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
