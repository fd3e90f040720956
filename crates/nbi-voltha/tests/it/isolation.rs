//! One tenant's failing VOLTHA opens only that tenant's breaker.

use nbi_core::BreakerState;
use nbi_sim::FaultConfig;
use nbi_voltha::ErrorKind;

use crate::lab;

#[tokio::test]
async fn a_failing_tenant_opens_only_its_own_breaker() {
    let lab = lab(2, 1, "retry = { max_attempts = 1 }").await;
    let (one, two) = (lab.client("tenant-1"), lab.client("tenant-2"));
    lab.sim.set_faults(
        Some("tenant-1"),
        FaultConfig {
            fail_rate: 1.0,
            ..FaultConfig::default()
        },
    );
    for _ in 0..5 {
        let err = one.devices().list().await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Status);
    }
    assert_eq!(one.transport().breaker_state(), BreakerState::Open);
    let before = lab.sim.stats().requests;
    let err = one.devices().list().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::CircuitOpen);
    assert_eq!(
        lab.sim.stats().requests,
        before,
        "an open breaker sends nothing"
    );

    assert_eq!(two.devices().list().await.unwrap().len(), 3);
    assert_eq!(two.transport().breaker_state(), BreakerState::Closed);
}

#[tokio::test]
async fn tenants_see_only_their_own_devices() {
    let lab = lab(2, 1, crate::FAST_RETRY).await;
    let (one, two) = (lab.client("tenant-1"), lab.client("tenant-2"));
    let created = one
        .devices()
        .preprovision(&nbi_voltha::NewDevice::new("openolt").mac_address("00:0c:e2:00:00:01"))
        .await
        .unwrap();
    assert!(two.devices().get(&created.id).await.is_err());
    assert_eq!(one.devices().list().await.unwrap().len(), 4);
    assert_eq!(two.devices().list().await.unwrap().len(), 3);
}
