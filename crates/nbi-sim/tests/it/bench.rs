//! Benchmark mode serves the anchors' URL shape.

use std::time::{Duration, Instant};

use nbi_sim::{SimConfig, Stats};
use serde_json::Value;

use crate::support::{config_url, fresh_client};

#[tokio::test]
async fn serves_any_valid_id_with_4_kb_envelopes_and_delay() {
    let sim = nbi_sim::spawn(SimConfig {
        bench: true,
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let client = fresh_client();
    for id in ["0", "19999", "dev00042"] {
        let response = client.get(config_url(&sim, id)).send().await.unwrap();
        assert_eq!(response.status(), 200);
        let body = response.bytes().await.unwrap();
        assert!((3_900..=4_300).contains(&body.len()));
        let doc: Value = serde_json::from_slice(&body).unwrap();
        assert!(
            doc["data"]["running_config"]
                .as_str()
                .unwrap()
                .contains("ntp clock-period")
        );
    }
    let started = Instant::now();
    let delayed = client
        .get(format!("{}?delay_ms=50", config_url(&sim, "1")))
        .send()
        .await
        .unwrap();
    assert_eq!(delayed.status(), 200);
    assert!(started.elapsed() >= Duration::from_millis(50));
    let invalid = client.get(config_url(&sim, "a%20b")).send().await.unwrap();
    assert_eq!(invalid.status(), 404);
    let stats: Stats = sim.stats();
    assert_eq!(stats.by_device["tenant-1/dev00042"], 1);
    assert_eq!(stats.by_route["GET /api/v1/devices/{id}/config"]["200"], 4);
}
