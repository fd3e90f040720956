//! What the router answers: caps, malformed input, replays, restarts, and its own endpoints.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use nbi_core::SecretString;
use nbi_webhooks::{DeliveryStore, ManoVerifier, Scheme, WebhookReceiver, WebhookServer};

use crate::support::*;

const SECRET: &str = "your-webhook-secret";

fn mano(recorder: Arc<Recorder>, store: DeliveryStore) -> WebhookReceiver {
    WebhookReceiver::builder()
        .scheme(Scheme::Mano)
        .secret(SecretString::from(SECRET))
        .path("/hooks/mano")
        .max_body(256)
        .dedupe(store)
        .handler(recorder)
        .build()
        .unwrap()
}

fn signed(body: &str) -> String {
    ManoVerifier::new(&[SecretString::from(SECRET)])
        .unwrap()
        .sign(body.as_bytes())
}

const BODY: &str = r#"{"id":"evt-1","event":"slice.created","slice_id":"s-1"}"#;

#[tokio::test]
async fn a_replayed_delivery_is_acknowledged_but_handled_once() {
    let recorder = Recorder::failing(0);
    let receiver = mano(recorder.clone(), DeliveryStore::in_memory().unwrap());
    let router = receiver.router();
    let first = send(&router, mano_request("/hooks/mano", &signed(BODY), BODY)).await;
    let again = send(&router, mano_request("/hooks/mano", &signed(BODY), BODY)).await;
    assert_eq!(first.0, StatusCode::OK);
    assert_eq!(first.1["status"], "received");
    assert_eq!(again.0, StatusCode::OK);
    assert_eq!(again.1["status"], "duplicate");
    receiver.drain().await;
    assert_eq!(recorder.ids().await, ["evt-1"]);
    assert_eq!(
        receiver.store().state("evt-1").unwrap().as_deref(),
        Some("done")
    );
}

#[tokio::test]
async fn deduplication_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("webhooks.db");
    let first = Recorder::failing(0);
    {
        let receiver = mano(first.clone(), DeliveryStore::open(&path).unwrap());
        let (status, _) = send(
            &receiver.router(),
            mano_request("/hooks/mano", &signed(BODY), BODY),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        receiver.drain().await;
    }
    let second = Recorder::failing(0);
    let receiver = mano(second.clone(), DeliveryStore::open(&path).unwrap());
    let (status, body) = send(
        &receiver.router(),
        mano_request("/hooks/mano", &signed(BODY), BODY),
    )
    .await;
    assert_eq!(
        (status, body["status"].as_str()),
        (StatusCode::OK, Some("duplicate"))
    );
    receiver.drain().await;
    assert_eq!(first.ids().await, ["evt-1"]);
    assert!(second.ids().await.is_empty());
}

#[tokio::test]
async fn an_oversize_body_is_413_whether_declared_or_streamed() {
    let receiver = mano(Recorder::failing(0), DeliveryStore::in_memory().unwrap());
    let big = format!(r#"{{"event":"slice.created","pad":"{}"}}"#, "x".repeat(300));
    let declared = Request::post("/hooks/mano")
        .header("content-length", big.len().to_string())
        .header("x-webhook-signature", signed(&big))
        .body(Body::from(big.clone()))
        .unwrap();
    assert_eq!(
        send(&receiver.router(), declared).await.0,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    // No length header: the cap applies while reading.
    let streamed = mano_request("/hooks/mano", &signed(&big), &big);
    assert!(streamed.headers().get("content-length").is_none());
    let (status, body) = send(&receiver.router(), streamed).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["error"], "body larger than 256 bytes");
}

#[tokio::test(start_paused = true)]
async fn a_body_that_stalls_is_408_after_30_s() {
    let receiver = mano(Recorder::failing(0), DeliveryStore::in_memory().unwrap());
    // One piece, then nothing, for ever: the connection of a sender that stalled.
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Vec<u8>, std::io::Error>>(1);
    tx.send(Ok(b"{\"id\":".to_vec())).await.unwrap();
    let stalled = futures::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    let request = Request::post("/hooks/mano")
        .header("x-webhook-signature", signed(BODY))
        .body(Body::from_stream(stalled))
        .unwrap();
    let started = tokio::time::Instant::now();
    let router = receiver.router();
    let answered = tokio::time::timeout(std::time::Duration::from_secs(60), send(&router, request));
    let (status, body) = answered.await.expect("answered within 60 s");
    assert_eq!(status, StatusCode::REQUEST_TIMEOUT);
    assert_eq!(body["error"], "body not received within 30 s");
    assert_eq!(started.elapsed().as_secs(), 30);
    drop(tx);
}

#[tokio::test]
async fn missing_wrong_or_malformed_signatures_and_non_json_bodies_are_refused() {
    let recorder = Recorder::failing(0);
    let receiver = mano(recorder.clone(), DeliveryStore::in_memory().unwrap());
    let router = receiver.router();
    let unsigned = Request::post("/hooks/mano").body(Body::from(BODY)).unwrap();
    let (status, body) = send(&router, unsigned).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"], "missing header x-webhook-signature");

    let wrong = ManoVerifier::new(&[SecretString::from("not-it")])
        .unwrap()
        .sign(BODY.as_bytes());
    assert_eq!(
        send(&router, mano_request("/hooks/mano", &wrong, BODY))
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
    let tampered = BODY.replace("s-1", "s-2");
    assert_eq!(
        send(
            &router,
            mano_request("/hooks/mano", &signed(BODY), &tampered)
        )
        .await
        .0,
        StatusCode::UNAUTHORIZED
    );
    for malformed in ["md5=abc", "sha256=zz", "sha256=", "deadbeef"] {
        let (status, body) = send(&router, mano_request("/hooks/mano", malformed, BODY)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{malformed}");
        assert!(
            body["error"]
                .as_str()
                .unwrap()
                .starts_with("malformed header"),
            "{body}"
        );
    }
    let text = "not json";
    assert_eq!(
        send(&router, mano_request("/hooks/mano", &signed(text), text))
            .await
            .0,
        StatusCode::BAD_REQUEST
    );
    // Another path, another method: not this receiver's.
    assert_eq!(
        send(&router, mano_request("/other", &signed(BODY), BODY))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    receiver.drain().await;
    assert!(recorder.ids().await.is_empty());
    let m = receiver.metrics();
    assert_eq!(m.received_count(Scheme::Mano, "missing_header"), 1);
    assert_eq!(m.received_count(Scheme::Mano, "bad_signature"), 2);
    assert_eq!(m.received_count(Scheme::Mano, "malformed_header"), 4);
    assert_eq!(m.received_count(Scheme::Mano, "not_json"), 1);
}

#[tokio::test]
async fn standard_headers_that_cannot_be_read_are_refused() {
    let v = &standard_vectors()[0];
    let receiver = WebhookReceiver::builder()
        .scheme(Scheme::Standard)
        .secrets(secrets(&v.secrets))
        .clock(Arc::new(clock_at(v.now)))
        .build()
        .unwrap();
    let router = receiver.router();
    let bad_ts = standard_request("/", &v.id, 0, &v.signature, &v.body);
    let mut bad_ts = bad_ts;
    bad_ts
        .headers_mut()
        .insert("webhook-timestamp", "yesterday".parse().unwrap());
    assert_eq!(send(&router, bad_ts).await.0, StatusCode::BAD_REQUEST);
    let mut no_id = standard_request("/", &v.id, v.timestamp, &v.signature, &v.body);
    no_id.headers_mut().remove("webhook-id");
    assert_eq!(send(&router, no_id).await.0, StatusCode::UNAUTHORIZED);
    let long_id = "x".repeat(300);
    let (status, _) = send(
        &router,
        standard_request("/", &long_id, v.timestamp, &v.signature, &v.body),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // A replay of an accepted vector is a duplicate, even with a fresh, valid signature.
    let ok = standard_request("/", &v.id, v.timestamp, &v.signature, &v.body);
    assert_eq!(send(&router, ok).await.1["status"], "received");
    let replay = standard_request("/", &v.id, v.timestamp, &v.signature, &v.body);
    assert_eq!(send(&router, replay).await.1["status"], "duplicate");
}

#[tokio::test]
async fn secrets_stay_out_of_debug_output_and_logs() {
    let (_guard, logs) = nbi_core::telemetry::capture_logs();
    let builder = WebhookReceiver::builder()
        .scheme(Scheme::Mano)
        .secret(SecretString::from(SECRET));
    let shown = format!("{builder:?}");
    let receiver = builder.build().unwrap();
    let shown = format!("{shown} {receiver:?}");
    let wrong = ManoVerifier::new(&[SecretString::from("not-it")])
        .unwrap()
        .sign(BODY.as_bytes());
    send(&receiver.router(), mano_request("/", &wrong, BODY)).await;
    let logged = logs.contents();
    assert!(logged.contains("no signature matches"), "{logged}");
    for text in [&shown, &logged] {
        assert!(!text.contains(SECRET), "{text}");
        assert!(
            !text.contains(&wrong[7..]),
            "a header value was shown: {text}"
        );
    }
}

#[tokio::test]
async fn healthz_and_metrics_report_the_counts() {
    let receiver = mano(Recorder::failing(0), DeliveryStore::in_memory().unwrap());
    let router = receiver.router().merge(receiver.ops_router());
    send(&router, mano_request("/hooks/mano", &signed(BODY), BODY)).await;
    send(&router, mano_request("/hooks/mano", &signed(BODY), BODY)).await;
    send(&router, mano_request("/hooks/mano", "sha256=00", BODY)).await;
    receiver.drain().await;
    let (status, health) = send(
        &router,
        Request::get("/healthz").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(health["status"], "ok");
    assert_eq!(health["scheme"], "mano");
    assert_eq!(health["path"], "/hooks/mano");
    assert_eq!(
        (health["received"].as_u64(), health["duplicates"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(health["rejected"].as_u64(), Some(1));

    let mut router = router.clone();
    let response = tower_service::Service::call(
        &mut router,
        Request::get("/metrics").body(Body::empty()).unwrap(),
    )
    .await
    .unwrap();
    let bytes = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    let page = String::from_utf8(bytes.to_vec()).unwrap();
    assert!(
        page.contains(r#"nbi_webhooks_received_total{scheme="mano",outcome="accepted"} 1"#),
        "{page}"
    );
    assert!(page.contains(r#"nbi_webhooks_received_total{scheme="mano",outcome="duplicate"} 1"#));
    assert!(page.contains(r#"nbi_webhooks_handled_total{outcome="ok"} 1"#));
}

#[tokio::test]
async fn a_real_socket_serves_deliveries_until_shutdown() {
    let recorder = Recorder::failing(0);
    let receiver = mano(recorder.clone(), DeliveryStore::in_memory().unwrap());
    let server = WebhookServer::bind("127.0.0.1:0".parse().unwrap(), "webhooks.listen")
        .await
        .unwrap();
    let url = format!("http://{}", server.local_addr());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(server.serve(
        receiver.router().merge(receiver.ops_router()),
        async move {
            let _ = stopped.await;
        },
    ));
    let client = reqwest::Client::new();
    let response = client
        .post(format!("{url}/hooks/mano"))
        .header("X-Webhook-Signature", signed(BODY))
        .body(BODY)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let health: serde_json::Value = client
        .get(format!("{url}/healthz"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health["received"], 1);
    stop.send(()).unwrap();
    serving.await.unwrap().unwrap();
    receiver.drain().await;
    assert_eq!(recorder.ids().await, ["evt-1"]);

    let taken = WebhookServer::bind("127.0.0.1:0".parse().unwrap(), "x")
        .await
        .unwrap();
    let err = WebhookServer::bind(taken.local_addr(), "webhooks.listen")
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("webhooks.listen: cannot listen on"),
        "{err}"
    );
}

#[tokio::test(start_paused = true)]
async fn a_connection_that_stalls_mid_head_is_closed_after_30_s() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let receiver = mano(Recorder::failing(0), DeliveryStore::in_memory().unwrap());
    let server = WebhookServer::bind("127.0.0.1:0".parse().unwrap(), "webhooks.listen")
        .await
        .unwrap();
    let addr = server.local_addr();
    tokio::spawn(server.serve(receiver.router(), std::future::pending()));
    let mut socket = tokio::net::TcpStream::connect(addr).await.unwrap();
    // Half a request head, then silence.
    socket
        .write_all(b"POST /hooks/mano HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let started = tokio::time::Instant::now();
    let mut rest = Vec::new();
    // Closed (EOF or reset): either way the connection no longer holds the server.
    let closed = tokio::time::timeout(
        std::time::Duration::from_secs(60),
        socket.read_to_end(&mut rest),
    );
    assert!(
        closed.await.is_ok(),
        "the connection is still open after 60 s"
    );
    assert!(started.elapsed() >= std::time::Duration::from_secs(30));
    assert!(started.elapsed() < std::time::Duration::from_secs(31));
}
