//! The REST NBI, and breakers isolated per tenant.

use nbi_cms::ErrorKind;
use nbi_core::BreakerState;
use nbi_sim::FaultConfig;

use crate::support::{client, sim};

#[tokio::test]
async fn devices_regions_toplinks_and_profiles() {
    let sim = sim(1, 0, 1).await;
    let client = client(&sim, 0);
    let devices = client
        .rest()
        .devices()
        .device_type("e7")
        .limit(10)
        .send()
        .await
        .unwrap();
    assert_eq!(devices.len(), 2);
    assert_eq!(devices[0].name, "olt-1");
    assert_eq!(devices[0].device_type, "E7");
    assert!(
        devices[0].extra.contains_key("softwareVersion"),
        "unknown fields kept"
    );
    assert_eq!(
        client.rest().devices().limit(1).send().await.unwrap().len(),
        1
    );
    assert_eq!(client.rest().regions().await.unwrap().len(), 2);
    assert_eq!(client.rest().toplinks().await.unwrap().len(), 1);
    let profiles = client.rest().profiles("OntProf").await.unwrap();
    assert_eq!(profiles[4].name, "700GE");
    let e = client.rest().profiles("Nope").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Status);
    let problem = e.problem().unwrap();
    assert_eq!(problem.vendor_code.as_deref(), Some("INVALID_PARAMETER"));
    assert!(problem.title.as_deref().unwrap().contains("profileType"));
}

#[tokio::test]
async fn a_failing_tenant_opens_only_its_own_breaker() {
    let sim = sim(2, 0, 1).await;
    let one = client(&sim, 0);
    let two = client(&sim, 1);
    sim.set_faults(
        Some("tenant-1"),
        FaultConfig {
            fail_rate: 1.0,
            retry_after_s: 0,
            ..FaultConfig::default()
        },
    );
    for _ in 0..10 {
        let _ = one.rest().regions().await;
        if one.rest_transport().unwrap().breaker_state() == BreakerState::Open {
            break;
        }
    }
    assert_eq!(
        one.rest_transport().unwrap().breaker_state(),
        BreakerState::Open
    );
    let e = one.rest().regions().await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::CircuitOpen);
    assert_eq!(two.rest().regions().await.unwrap().len(), 2);
    assert_eq!(
        two.rest_transport().unwrap().breaker_state(),
        BreakerState::Closed
    );
}
