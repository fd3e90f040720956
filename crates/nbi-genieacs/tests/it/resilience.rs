//! Breakers are per tenant: one tenant's failing ACS does not stop another's.

use nbi_core::{BreakerConfig, BreakerState};
use nbi_genieacs::Client;
use nbi_sim::FaultConfig;

use crate::support::{sim, transport};

fn client_with_breaker(sim: &nbi_sim::SimHandle, tenant: usize) -> Client {
    let t = transport(sim, tenant)
        .breaker(BreakerConfig {
            failure_threshold: 3,
            ..BreakerConfig::default()
        })
        .build()
        .unwrap();
    Client::builder().transport(t).build().unwrap()
}

#[tokio::test]
async fn a_failing_tenant_opens_only_its_own_breaker() {
    let sim = sim(3).await;
    sim.set_faults(
        Some("tenant-1"),
        FaultConfig {
            fail_rate: 1.0,
            ..FaultConfig::default()
        },
    );
    let one = client_with_breaker(&sim, 0);
    let two = client_with_breaker(&sim, 1);
    for _ in 0..3 {
        assert!(one.devices().list().count().await.is_err());
    }
    assert_eq!(one.transport().breaker_state(), BreakerState::Open);
    let err = one.devices().list().count().await.unwrap_err();
    assert_eq!(err.kind(), nbi_genieacs::ErrorKind::CircuitOpen);

    assert_eq!(two.devices().list().count().await.unwrap(), 3);
    assert_eq!(two.transport().breaker_state(), BreakerState::Closed);
}
