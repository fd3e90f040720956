//! `GET /healthz` and `GET /metrics`.

use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;

use super::WebhookReceiver;

pub(super) fn router(receiver: WebhookReceiver) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .with_state(receiver)
}

/// `{"status": "ok", "scheme", "path", "received", "duplicates", "rejected", "handler_failures"}`:
/// counts since start.
async fn healthz(State(receiver): State<WebhookReceiver>) -> impl IntoResponse {
    let inner = &receiver.inner;
    let scheme = inner.verifier.scheme();
    let m = &inner.metrics;
    let rejected: u64 = [
        "missing_header",
        "malformed_header",
        "bad_signature",
        "stale",
        "future",
        "too_large",
        "not_json",
    ]
    .iter()
    .map(|outcome| m.received_count(scheme, outcome))
    .sum();
    Json(json!({
        "status": "ok",
        "scheme": scheme.as_str(),
        "path": inner.path,
        "received": m.received_count(scheme, "accepted"),
        "duplicates": m.received_count(scheme, "duplicate"),
        "rejected": rejected,
        "store_errors": m.received_count(scheme, "store_error"),
        "handler_failures": m.handled_count("failed"),
    }))
}

async fn metrics(State(receiver): State<WebhookReceiver>) -> impl IntoResponse {
    (
        [(CONTENT_TYPE, nbi_core::telemetry::OPENMETRICS_CONTENT_TYPE)],
        receiver.inner.metrics.encode(),
    )
}
