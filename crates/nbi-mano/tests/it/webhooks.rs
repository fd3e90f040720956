//! The simulator's signed webhook deliveries, checked with an independent HMAC.

use std::sync::Arc;

use axum::body::Bytes;
use axum::http::HeaderMap;
use axum::routing::post;
use hmac::{Hmac, Mac};
use nbi_mano::{PlanRequest, QoSIntentRequest, SliceType, SubscriptionRequest, WebhookEvent};
use serde_json::Value;
use sha2::Sha256;
use tokio::sync::mpsc;

use crate::support::{client, sim, sim_settings};

fn expected(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body);
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("sha256={hex}")
}

#[tokio::test]
async fn deployment_and_slice_events_arrive_signed() {
    let (tx, mut rx) = mpsc::unbounded_channel::<(String, Bytes)>();
    let tx = Arc::new(tx);
    let app = axum::Router::new().route(
        "/hooks",
        post(move |headers: HeaderMap, body: Bytes| {
            let tx = tx.clone();
            async move {
                let signature = headers["x-webhook-signature"].to_str().unwrap().to_owned();
                let _ = tx.send((signature, body));
                "ok"
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hooks", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let sim = sim(1).await;
    sim_settings(&sim, "tenant-1", serde_json::json!({"deploy_s": 1})).await;
    let mano = client(&sim, 0);
    let secret = "whsec-test-secret";
    let events = vec![
        WebhookEvent::DeploymentStarted,
        WebhookEvent::DeploymentCompleted,
        WebhookEvent::SliceCreated,
        WebhookEvent::SliceDeployed,
    ];
    mano.webhooks()
        .subscribe(&SubscriptionRequest::new(&url, events, secret))
        .await
        .unwrap();
    let plan = mano
        .orchestrator()
        .plan(&PlanRequest {
            intents: vec![QoSIntentRequest::new(20.0, 20.0, SliceType::Embb)],
            dry_run: None,
        })
        .await
        .unwrap();
    let deployment = mano
        .orchestrator()
        .deploy(&plan.id, false)
        .await
        .unwrap()
        .deployment_id;
    let mut seen = Vec::new();
    while seen.len() < 4 {
        let (signature, body) = tokio::time::timeout(std::time::Duration::from_secs(5), rx.recv())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(signature, expected(secret, &body));
        assert_ne!(signature, expected("another-secret", &body));
        let event: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(event["type"], event["event"]);
        assert!(event["id"].as_str().is_some());
        assert!(event["timestamp"].as_str().is_some());
        if event["type"].as_str().unwrap().starts_with("deployment.") {
            assert_eq!(event["deployment_id"], deployment.as_str());
            assert_eq!(event["data"]["deployment_id"], deployment.as_str());
        }
        seen.push(event["type"].as_str().unwrap().to_owned());
    }
    seen.sort();
    assert_eq!(
        seen,
        [
            "deployment.completed",
            "deployment.started",
            "slice.created",
            "slice.deployed"
        ]
    );
}
