//! Fixtures, requests and handlers the tests share.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, UNIX_EPOCH};

use async_trait::async_trait;
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use nbi_core::{ManualClock, SecretString};
use nbi_webhooks::{Delivery, Handler, HandlerError};
use serde::Deserialize;
use tokio::sync::Mutex;
use tower_service::Service;

/// One Standard Webhooks vector signed by the reference implementation.
#[derive(Debug, Deserialize)]
pub(crate) struct StandardVector {
    pub(crate) name: String,
    pub(crate) secrets: Vec<String>,
    pub(crate) id: String,
    pub(crate) timestamp: i64,
    pub(crate) now: u64,
    pub(crate) body: String,
    pub(crate) signature: String,
    pub(crate) expect: String,
    pub(crate) reason: Option<String>,
}

/// One MANO vector computed with Python's hmac.
#[derive(Debug, Deserialize)]
pub(crate) struct ManoVector {
    pub(crate) name: String,
    pub(crate) secret: String,
    pub(crate) body: String,
    pub(crate) signature: String,
    pub(crate) body_sha256: String,
}

#[derive(Deserialize)]
struct File<V> {
    vectors: Vec<V>,
}

pub(crate) fn standard_vectors() -> Vec<StandardVector> {
    let text = include_str!("../fixtures/standard.json");
    serde_json::from_str::<File<StandardVector>>(text)
        .unwrap()
        .vectors
}

pub(crate) fn mano_vectors() -> Vec<ManoVector> {
    let text = include_str!("../fixtures/mano.json");
    serde_json::from_str::<File<ManoVector>>(text)
        .unwrap()
        .vectors
}

pub(crate) fn secrets(values: &[String]) -> Vec<SecretString> {
    values
        .iter()
        .map(|s| SecretString::from(s.clone()))
        .collect()
}

pub(crate) fn clock_at(unix_s: u64) -> ManualClock {
    ManualClock::new(UNIX_EPOCH + Duration::from_secs(unix_s))
}

pub(crate) fn standard_request(
    path: &str,
    id: &str,
    timestamp: i64,
    sig: &str,
    body: &str,
) -> Request<Body> {
    Request::post(path)
        .header("content-type", "application/json")
        .header("webhook-id", id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", sig)
        .body(Body::from(body.to_string()))
        .unwrap()
}

pub(crate) fn mano_request(path: &str, sig: &str, body: &str) -> Request<Body> {
    Request::post(path)
        .header("content-type", "application/json")
        .header("x-webhook-signature", sig)
        .body(Body::from(body.to_string()))
        .unwrap()
}

/// Sends one request through a router, no socket; returns the status and the JSON body.
pub(crate) async fn send(
    router: &Router,
    request: Request<Body>,
) -> (StatusCode, serde_json::Value) {
    let mut router = router.clone();
    let response = router.call(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let json = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
    (status, json)
}

/// Records every delivery it is handed; fails the first `failures` attempts.
#[derive(Debug, Default)]
pub(crate) struct Recorder {
    pub(crate) seen: Mutex<Vec<Delivery>>,
    pub(crate) attempts: AtomicU32,
    pub(crate) failures: u32,
    pub(crate) panics: bool,
}

impl Recorder {
    pub(crate) fn failing(failures: u32) -> Arc<Recorder> {
        Arc::new(Recorder {
            failures,
            ..Recorder::default()
        })
    }

    pub(crate) async fn ids(&self) -> Vec<String> {
        self.seen
            .lock()
            .await
            .iter()
            .map(|d| d.id.clone())
            .collect()
    }
}

#[async_trait]
impl Handler for Recorder {
    async fn handle(&self, delivery: &Delivery) -> Result<(), HandlerError> {
        let attempt = self.attempts.fetch_add(1, Ordering::SeqCst) + 1;
        if attempt <= self.failures {
            if self.panics {
                panic!("handler bug on attempt {attempt}");
            }
            return Err(HandlerError::new(format!(
                "downstream unavailable (attempt {attempt})"
            )));
        }
        self.seen.lock().await.push(delivery.clone());
        Ok(())
    }
}
