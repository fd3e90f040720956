//! The spec's error bodies: `APIError {status, title, detail, type, instance}` and the 422
//! `ValidationError` with `errors: [{field, message, code}]`.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::json;

/// One field's complaint in a 422 answer.
#[derive(Debug, Clone, Serialize)]
pub(super) struct FieldIssue {
    pub(super) field: String,
    pub(super) message: String,
    pub(super) code: &'static str,
}

/// An `APIError` answer for the request at `instance`.
pub(super) fn api_error(status: StatusCode, detail: &str, instance: &str) -> Response {
    let title = status.canonical_reason().unwrap_or("Error");
    let slug = title.to_ascii_lowercase().replace(' ', "-");
    let body = json!({
        "status": status.as_u16(),
        "title": title,
        "detail": detail,
        "type": format!("https://api.oran-mano.io/problems/{slug}"),
        "instance": instance,
    });
    (status, Json(body)).into_response()
}

/// 404 for `what` at `instance`.
pub(super) fn not_found(what: &str, instance: &str) -> Response {
    api_error(
        StatusCode::NOT_FOUND,
        &format!("{what} was not found"),
        instance,
    )
}

/// 409 at `instance`.
pub(super) fn conflict(detail: &str, instance: &str) -> Response {
    api_error(StatusCode::CONFLICT, detail, instance)
}

/// 400 for a body that is not the JSON object the route takes.
pub(super) fn bad_body(instance: &str) -> Response {
    api_error(
        StatusCode::BAD_REQUEST,
        "The request could not be understood by the server",
        instance,
    )
}

/// The 422 `ValidationError` answer.
pub(super) fn validation(errors: Vec<FieldIssue>) -> Response {
    let body = json!({
        "status": 422,
        "title": "Validation Error",
        "detail": "Input validation failed",
        "errors": errors,
    });
    (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
}
