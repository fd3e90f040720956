//! `/webhooks/subscriptions` (the guide's registration API) and the signed deliveries: each
//! event is POSTed as JSON to every active subscription that lists it, with
//! `X-Webhook-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`.
//!
//! The body carries the guide's fields at the top level (`event`, `deployment_id` or
//! `slice_id`, `status`, `message`, `timestamp`) and the envelope receivers key on: `id` (the
//! delivery's unique id), `type` (= `event`) and `data` (the same fields).

use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::errors;
use super::request::json_object;
use super::rules::{self, Check};
use super::store::Subscription;
use super::{Api, Mano, time};

/// Attempts per delivery, and the pause after a failed one (doubled each time).
const ATTEMPTS: u32 = 3;
const FIRST_PAUSE: Duration = Duration::from_secs(1);
/// How long one attempt may take.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(5);

fn public(s: &Subscription) -> Value {
    // The secret is write-only: never echoed.
    json!({
        "id": s.id,
        "url": s.url,
        "events": s.events,
        "active": s.active,
        "created_at": s.created_at,
    })
}

pub(super) async fn subscribe(
    State(mano): Api,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Response {
    let tenant = match mano.authenticate(&headers) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let body = match json_object(&body, uri.path()) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let mut check = Check::new(&body);
    rules::subscription(&mut check, &body);
    if let Err(issues) = check.finish() {
        return errors::validation(issues);
    }
    let text = |k: &str| body[k].as_str().unwrap_or_default().to_owned();
    let mut store = mano.store(tenant);
    let subscription = Subscription {
        id: store.id("whk"),
        url: text("url"),
        events: body["events"]
            .as_array()
            .map(|e| {
                e.iter()
                    .filter_map(|e| e.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default(),
        secret: text("secret"),
        active: body.get("active").and_then(Value::as_bool).unwrap_or(true),
        created_at: time::now(),
    };
    let answer = public(&subscription);
    store.subscriptions.push(subscription);
    (StatusCode::CREATED, Json(answer)).into_response()
}

pub(super) async fn list(State(mano): Api, headers: HeaderMap) -> Response {
    let tenant = match mano.authenticate(&headers) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let store = mano.store(tenant);
    let subscriptions: Vec<Value> = store.subscriptions.iter().map(public).collect();
    Json(json!({ "subscriptions": subscriptions })).into_response()
}

pub(super) async fn unsubscribe(
    State(mano): Api,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
) -> Response {
    let tenant = match mano.authenticate(&headers) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let mut store = mano.store(tenant);
    match store.subscriptions.iter().position(|s| s.id == id) {
        Some(i) => {
            store.subscriptions.remove(i);
            StatusCode::NO_CONTENT.into_response()
        }
        None => errors::not_found(&format!("Subscription {id}"), uri.path()),
    }
}

/// Announces a deployment's status change (`status` is its `DeploymentStatus`).
pub(super) fn deployment_event(mano: &Arc<Mano>, tenant: usize, event: &str, status: &Value) {
    let data = json!({
        "deployment_id": status["deployment_id"],
        "status": status["status"],
        "message": status["message"],
        "progress_percent": status["progress_percent"],
    });
    publish(mano, tenant, event, data);
}

/// Announces a slice's status change.
pub(super) fn slice_event(mano: &Arc<Mano>, tenant: usize, event: &str, slice: &str, status: &str) {
    let data = json!({ "slice_id": slice, "status": status });
    publish(mano, tenant, event, data);
}

fn publish(mano: &Arc<Mano>, tenant: usize, event: &str, data: Value) {
    let (id, targets) = {
        let mut store = mano.store(tenant);
        let targets: Vec<(String, String)> = store
            .subscriptions
            .iter()
            .filter(|s| s.active && s.events.iter().any(|e| e == event))
            .map(|s| (s.url.clone(), s.secret.clone()))
            .collect();
        if targets.is_empty() {
            return;
        }
        (store.id("evt"), targets)
    };
    let mut body = json!({
        "id": format!("{id}-{}", mano.shared.tenant_name(tenant)),
        "type": event,
        "event": event,
        "timestamp": time::now(),
        "data": data.clone(),
    });
    if let (Some(obj), Some(fields)) = (body.as_object_mut(), data.as_object()) {
        for (k, v) in fields {
            obj.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }
    let body = Bytes::from(body.to_string());
    for (url, secret) in targets {
        let body = body.clone();
        tokio::spawn(async move { deliver(&url, &secret, body).await });
    }
}

/// `sha256=<hex HMAC-SHA256(secret, body)>`.
pub(super) fn signature(secret: &str, body: &[u8]) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac =
        <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes()).unwrap_or_else(|_| unreachable!());
    mac.update(body);
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("sha256={hex}")
}

/// POSTs `body` to `url`, trying again after a failure or a non-2xx answer.
async fn deliver(url: &str, secret: &str, body: Bytes) {
    let signature = signature(secret, &body);
    let mut pause = FIRST_PAUSE;
    for attempt in 1..=ATTEMPTS {
        let sent = tokio::time::timeout(ATTEMPT_TIMEOUT, post(url, &signature, &body)).await;
        if matches!(sent, Ok(Ok(status)) if (200..300).contains(&status)) {
            return;
        }
        if attempt < ATTEMPTS {
            tokio::time::sleep(pause).await;
            pause *= 2;
        }
    }
}

/// One HTTP/1.1 POST over plain TCP (receivers in labs and tests listen on `http://`);
/// returns the answer's status code.
async fn post(url: &str, signature: &str, body: &[u8]) -> std::io::Result<u16> {
    let invalid = || std::io::Error::new(std::io::ErrorKind::InvalidInput, "unsupported URL");
    let rest = url.strip_prefix("http://").ok_or_else(invalid)?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let address = if authority.contains(':') {
        authority.to_owned()
    } else {
        format!("{authority}:80")
    };
    let mut stream = tokio::net::TcpStream::connect(address).await?;
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {authority}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nX-Webhook-Signature: {signature}\r\nUser-Agent: nbi-sim-mano\r\n\
         Connection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body).await?;
    let mut answer = Vec::new();
    let mut buf = [0u8; 1024];
    // The status line is all we need; stop reading once it is in.
    while !answer.windows(2).any(|w| w == b"\r\n") {
        let n = stream.read(&mut buf).await?;
        if n == 0 {
            break;
        }
        answer.extend_from_slice(&buf[..n]);
    }
    let line = String::from_utf8_lossy(&answer);
    line.split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidData, "no status line"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_matches_a_known_vector() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        assert_eq!(
            signature("Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
