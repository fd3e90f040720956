//! The `POST` handler: cap, verify, parse, deduplicate, acknowledge, dispatch.

use std::time::Duration;

use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header::CONTENT_LENGTH};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use serde_json::json;

use super::WebhookReceiver;
use crate::delivery::Delivery;
use crate::verify::Rejection;

pub(super) async fn receive(
    State(receiver): State<WebhookReceiver>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let inner = &receiver.inner;
    let scheme = inner.verifier.scheme();
    match accept(&receiver, &headers, body).await {
        Ok(Accepted::New(id)) => {
            inner.metrics.received(scheme, "accepted");
            (
                StatusCode::OK,
                Json(json!({"status": "received", "id": id})),
            )
                .into_response()
        }
        Ok(Accepted::Repeat(id)) => {
            inner.metrics.received(scheme, "duplicate");
            tracing::info!(target: "nbi::webhooks", %id, "repeated delivery acknowledged, not handled again");
            (
                StatusCode::OK,
                Json(json!({"status": "duplicate", "id": id})),
            )
                .into_response()
        }
        Err(Refused::Rejected(rejection)) => {
            inner.metrics.received(scheme, rejection.as_str());
            tracing::warn!(target: "nbi::webhooks", %scheme, reason = %rejection, "delivery rejected");
            let body = Json(json!({"error": rejection.to_string()}));
            (rejection.status(), body).into_response()
        }
        Err(Refused::Store(message)) => {
            inner.metrics.received(scheme, "store_error");
            tracing::error!(target: "nbi::webhooks", error = %message, "delivery not recorded; the sender should retry");
            let body = Json(json!({"error": "the delivery could not be recorded"}));
            (StatusCode::INTERNAL_SERVER_ERROR, body).into_response()
        }
    }
}

enum Accepted {
    New(String),
    Repeat(String),
}

enum Refused {
    Rejected(Rejection),
    Store(String),
}

impl From<Rejection> for Refused {
    fn from(r: Rejection) -> Self {
        Refused::Rejected(r)
    }
}

async fn accept(
    receiver: &WebhookReceiver,
    headers: &HeaderMap,
    body: Body,
) -> Result<Accepted, Refused> {
    let inner = &receiver.inner;
    let body = read_capped(headers, body, inner.max_body).await?;
    let verified = inner.verifier.verify(headers, &body)?;
    let payload: serde_json::Value =
        serde_json::from_slice(&body).map_err(|_| Rejection::NotJson)?;
    let received_at =
        jiff::Timestamp::try_from(inner.clock.now()).unwrap_or_else(|_| jiff::Timestamp::now());
    let delivery = Delivery::new(verified.delivery_id, &body, payload, received_at);

    let store = inner.store.clone();
    let admitted = {
        let delivery = delivery.clone();
        tokio::task::spawn_blocking(move || store.admit(&delivery))
            .await
            .map_err(|e| Refused::Store(e.to_string()))?
            .map_err(|e| Refused::Store(e.to_string()))?
    };
    if !admitted {
        return Ok(Accepted::Repeat(delivery.id));
    }
    let id = delivery.id.clone();
    inner.dispatcher.dispatch(delivery);
    Ok(Accepted::New(id))
}

/// How long a whole body may take to arrive. Senders post small JSON documents; without a
/// limit, uploads that trickle or stall would each hold a connection and a task for ever.
const BODY_TIMEOUT: Duration = Duration::from_secs(30);

/// The body, or 413 once it passes `max` bytes (a declared length is checked before reading),
/// or 408 when it has not all arrived within [`BODY_TIMEOUT`].
async fn read_capped(headers: &HeaderMap, body: Body, max: usize) -> Result<Bytes, Rejection> {
    let too_large = Rejection::TooLarge { limit: max };
    let declared = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|len| len > max as u64) {
        return Err(too_large);
    }
    let collect = tokio::time::timeout(BODY_TIMEOUT, Limited::new(body, max).collect());
    let Ok(collected) = collect.await else {
        return Err(Rejection::SlowBody {
            limit_s: BODY_TIMEOUT.as_secs(),
        });
    };
    match collected {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => Err(too_large),
        // The sender went away mid-body: nothing can be answered to it anyway.
        Err(_) => Err(Rejection::MalformedHeader {
            header: "content-length",
            reason: "the body ended before its declared length",
        }),
    }
}
