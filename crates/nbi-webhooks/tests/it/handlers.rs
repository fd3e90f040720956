//! After the 2xx: retries with backoff, failures kept, pending deliveries resumed.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::http::StatusCode;
use jiff::Timestamp;
use nbi_core::SecretString;
use nbi_webhooks::{
    Delivery, DeliveryStore, HandlerRetry, JsonLinesFile, ManoVerifier, Scheme, WebhookReceiver,
};
use serde_json::json;

use crate::support::*;

const SECRET: &str = "handler-test-secret";
const BODY: &str = r#"{"id":"evt-9","event":"deployment.failed","deployment_id":"dep-9"}"#;

fn signature() -> String {
    ManoVerifier::new(&[SecretString::from(SECRET)])
        .unwrap()
        .sign(BODY.as_bytes())
}

fn receiver(recorder: Arc<Recorder>, clock: nbi_core::ManualClock) -> WebhookReceiver {
    WebhookReceiver::builder()
        .scheme(Scheme::Mano)
        .secret(SecretString::from(SECRET))
        .clock(Arc::new(clock))
        .handler(recorder)
        .build()
        .unwrap()
}

#[tokio::test(start_paused = true)]
async fn a_failing_handler_is_retried_with_backoff_until_it_succeeds() {
    let clock = clock_at(1_750_000_000);
    let recorder = Recorder::failing(2);
    let receiver = receiver(recorder.clone(), clock.clone());
    let (status, _) = send(&receiver.router(), mano_request("/", &signature(), BODY)).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the 2xx does not wait for the handler"
    );
    receiver.drain().await;
    assert_eq!(recorder.attempts.load(Ordering::SeqCst), 3);
    assert_eq!(recorder.ids().await, ["evt-9"]);
    assert_eq!(
        clock.sleeps(),
        [Duration::from_secs(1), Duration::from_secs(2)]
    );
    assert_eq!(
        receiver.store().state("evt-9").unwrap().as_deref(),
        Some("done")
    );
    assert_eq!(receiver.metrics().handled_count("retry"), 2);
}

#[tokio::test(start_paused = true)]
async fn a_handler_failing_every_attempt_leaves_the_event_stored_as_failed() {
    let clock = clock_at(1_750_000_000);
    let recorder = Recorder::failing(u32::MAX);
    let receiver = receiver(recorder.clone(), clock.clone());
    let (_guard, logs) = nbi_core::telemetry::capture_logs();
    send(&receiver.router(), mano_request("/", &signature(), BODY)).await;
    receiver.drain().await;
    assert_eq!(recorder.attempts.load(Ordering::SeqCst), 4);
    let secs: Vec<u64> = clock.sleeps().iter().map(Duration::as_secs).collect();
    assert_eq!(secs, [1, 2, 4]);
    let failed = receiver.store().failed().unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].delivery.id, "evt-9");
    assert_eq!(failed[0].delivery.payload["deployment_id"], "dep-9");
    assert_eq!(failed[0].attempts, 4);
    assert_eq!(failed[0].error, "downstream unavailable (attempt 4)");
    assert_eq!(receiver.metrics().handled_count("failed"), 1);
    assert!(
        logs.contents().contains("stored as failed"),
        "{}",
        logs.contents()
    );
    // The sender retrying changes nothing: the id is known, the event is not lost.
    let (_, body) = send(&receiver.router(), mano_request("/", &signature(), BODY)).await;
    assert_eq!(body["status"], "duplicate");
}

#[tokio::test(start_paused = true)]
async fn a_panicking_handler_is_a_failed_attempt() {
    let clock = clock_at(1_750_000_000);
    let recorder = Arc::new(Recorder {
        failures: 1,
        panics: true,
        ..Recorder::default()
    });
    let receiver = receiver(recorder.clone(), clock);
    send(&receiver.router(), mano_request("/", &signature(), BODY)).await;
    receiver.drain().await;
    assert_eq!(recorder.ids().await, ["evt-9"]);
    assert_eq!(receiver.metrics().handled_count("retry"), 1);
}

#[tokio::test]
async fn retries_can_be_tuned() {
    let clock = clock_at(1_750_000_000);
    let recorder = Recorder::failing(u32::MAX);
    let receiver = WebhookReceiver::builder()
        .scheme(Scheme::Mano)
        .secret(SecretString::from(SECRET))
        .clock(Arc::new(clock.clone()))
        .retry(HandlerRetry {
            attempts: 2,
            base: Duration::from_millis(10),
            max: Duration::from_millis(10),
        })
        .handler(recorder.clone())
        .build()
        .unwrap();
    send(&receiver.router(), mano_request("/", &signature(), BODY)).await;
    receiver.drain().await;
    assert_eq!(recorder.attempts.load(Ordering::SeqCst), 2);
    assert_eq!(clock.sleeps(), [Duration::from_millis(10)]);
}

#[tokio::test]
async fn pending_deliveries_from_an_earlier_run_are_handled_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let store = DeliveryStore::open(dir.path().join("wh.db")).unwrap();
    let delivery = Delivery {
        id: "left-over".into(),
        event_type: "slice.failed".into(),
        received_at: Timestamp::from_second(1_750_000_000).unwrap(),
        payload: json!({"event": "slice.failed", "slice_id": "s-3"}),
    };
    assert!(store.admit(&delivery).unwrap());
    let out = dir.path().join("events.jsonl");
    let receiver = WebhookReceiver::builder()
        .scheme(Scheme::Mano)
        .secret(SecretString::from(SECRET))
        .dedupe(store)
        .handler(JsonLinesFile::open(&out).unwrap())
        .build()
        .unwrap();
    assert_eq!(receiver.redeliver_pending().await.unwrap(), 1);
    receiver.drain().await;
    assert_eq!(receiver.redeliver_pending().await.unwrap(), 0);
    let line: serde_json::Value =
        serde_json::from_str(std::fs::read_to_string(&out).unwrap().trim()).unwrap();
    assert_eq!(
        line,
        json!({"id": "left-over", "type": "slice.failed", "received_at": "2025-06-15T15:06:40Z",
               "payload": {"event": "slice.failed", "slice_id": "s-3"}})
    );
}
