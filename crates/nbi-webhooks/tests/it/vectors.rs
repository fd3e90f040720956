//! Signatures made by independent implementations: the `standardwebhooks` package (PyPI) and
//! Python's `hmac`. See `tests/fixtures/generate.py`.

use std::sync::Arc;

use axum::http::{HeaderMap, StatusCode};
use nbi_core::SecretString;
use nbi_webhooks::{
    Event, ManoVerifier, Rejection, Scheme, StandardVerifier, Verifier, WebhookReceiver,
};

use crate::support::*;

fn standard_headers(v: &StandardVector) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert("webhook-id", v.id.parse().unwrap());
    headers.insert(
        "webhook-timestamp",
        v.timestamp.to_string().parse().unwrap(),
    );
    headers.insert("webhook-signature", v.signature.parse().unwrap());
    headers
}

#[test]
fn every_standard_vector_gets_the_reference_verdict() {
    let vectors = standard_vectors();
    assert!(vectors.len() >= 12);
    for v in &vectors {
        let verifier = StandardVerifier::new(&secrets(&v.secrets))
            .unwrap()
            .clock(Arc::new(clock_at(v.now)));
        let result = verifier.verify(&standard_headers(v), v.body.as_bytes());
        match (v.expect.as_str(), v.reason.as_deref(), &result) {
            ("accept", _, Ok(verified)) => {
                assert_eq!(
                    verified.delivery_id.as_deref(),
                    Some(v.id.as_str()),
                    "{}",
                    v.name
                );
                assert_eq!(verified.timestamp, Some(v.timestamp), "{}", v.name);
            }
            ("reject", Some("signature"), Err(Rejection::BadSignature))
            | ("reject", Some("stale"), Err(Rejection::Stale { .. }))
            | ("reject", Some("future"), Err(Rejection::Future { .. })) => {
                assert_eq!(result.unwrap_err().status(), StatusCode::UNAUTHORIZED);
            }
            other => panic!("{}: unexpected {other:?}", v.name),
        }
    }
}

#[test]
fn our_signatures_equal_the_reference_ones() {
    for v in standard_vectors().iter().filter(|v| v.secrets.len() == 1) {
        if v.expect != "accept" || v.signature.contains(' ') {
            continue;
        }
        let verifier = StandardVerifier::new(&secrets(&v.secrets)).unwrap();
        assert_eq!(
            verifier.sign(&v.id, v.timestamp, v.body.as_bytes()),
            v.signature,
            "{}",
            v.name
        );
    }
    for v in mano_vectors() {
        let verifier = ManoVerifier::new(&[SecretString::from(v.secret.clone())]).unwrap();
        assert_eq!(verifier.sign(v.body.as_bytes()), v.signature, "{}", v.name);
    }
}

#[test]
fn mano_vectors_verify_and_a_tampered_or_foreign_one_does_not() {
    for v in mano_vectors() {
        let verifier: Verifier = ManoVerifier::new(&[
            SecretString::from("another-secret-being-rotated-in"),
            SecretString::from(v.secret.clone()),
        ])
        .unwrap()
        .into();
        let mut headers = HeaderMap::new();
        headers.insert("X-Webhook-Signature", v.signature.parse().unwrap());
        assert!(
            verifier.verify(&headers, v.body.as_bytes()).is_ok(),
            "{}",
            v.name
        );
        let tampered = v
            .body
            .replacen("dep-", "dep-9", 1)
            .replacen("slice", "slise", 1);
        assert_eq!(
            verifier.verify(&headers, tampered.as_bytes()),
            Err(Rejection::BadSignature),
            "{}",
            v.name
        );
        let foreign = ManoVerifier::new(&[SecretString::from("not-the-secret")]).unwrap();
        assert_eq!(
            foreign.verify(&headers, v.body.as_bytes()),
            Err(Rejection::BadSignature)
        );
    }
}

#[tokio::test]
async fn accepted_standard_vectors_pass_the_router_and_come_out_typed() {
    for v in standard_vectors().iter().filter(|v| v.expect == "accept") {
        let recorder = Recorder::failing(0);
        let receiver = WebhookReceiver::builder()
            .scheme(Scheme::Standard)
            .secrets(secrets(&v.secrets))
            .clock(Arc::new(clock_at(v.now)))
            .handler(recorder.clone())
            .build()
            .unwrap();
        let request = standard_request("/", &v.id, v.timestamp, &v.signature, &v.body);
        let (status, body) = send(&receiver.router(), request).await;
        assert_eq!(status, StatusCode::OK, "{}: {body}", v.name);
        assert_eq!(body["status"], "received");
        receiver.drain().await;
        let seen = recorder.seen.lock().await;
        assert_eq!(seen.len(), 1, "{}", v.name);
        assert_eq!(seen[0].id, v.id);
        assert_eq!(
            seen[0].payload,
            serde_json::from_str::<serde_json::Value>(&v.body).unwrap()
        );
        let expected_type = seen[0].payload["type"].as_str().unwrap().to_string();
        assert_eq!(seen[0].event_type, expected_type);
        match seen[0].event() {
            Event::Unknown(raw) => assert_eq!(raw["type"], "vnf.scaled"),
            event => assert_eq!(event.name(), expected_type),
        }
    }
}

#[tokio::test]
async fn rejected_standard_vectors_get_401_and_reach_no_handler() {
    for v in standard_vectors().iter().filter(|v| v.expect == "reject") {
        let recorder = Recorder::failing(0);
        let receiver = WebhookReceiver::builder()
            .scheme(Scheme::Standard)
            .secrets(secrets(&v.secrets))
            .clock(Arc::new(clock_at(v.now)))
            .handler(recorder.clone())
            .build()
            .unwrap();
        let request = standard_request("/", &v.id, v.timestamp, &v.signature, &v.body);
        let (status, body) = send(&receiver.router(), request).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{}: {body}", v.name);
        receiver.drain().await;
        assert!(recorder.seen.lock().await.is_empty(), "{}", v.name);
        assert_eq!(receiver.store().state(&v.id).unwrap(), None, "{}", v.name);
    }
}

#[tokio::test]
async fn mano_ids_come_from_the_payload_else_the_body_hash() {
    for v in mano_vectors() {
        let recorder = Recorder::failing(0);
        let receiver = WebhookReceiver::builder()
            .scheme(Scheme::Mano)
            .secret(SecretString::from(v.secret.clone()))
            .handler(recorder.clone())
            .build()
            .unwrap();
        let (status, body) =
            send(&receiver.router(), mano_request("/", &v.signature, &v.body)).await;
        assert_eq!(status, StatusCode::OK, "{}: {body}", v.name);
        receiver.drain().await;
        let payload: serde_json::Value = serde_json::from_str(&v.body).unwrap();
        let expected = match &payload["id"] {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => v.body_sha256.clone(),
        };
        assert_eq!(
            recorder.ids().await,
            std::slice::from_ref(&expected),
            "{}",
            v.name
        );
        assert_eq!(body["id"], expected.as_str());
        let seen = recorder.seen.lock().await;
        assert_eq!(seen[0].event_type, payload["event"].as_str().unwrap());
    }
}
