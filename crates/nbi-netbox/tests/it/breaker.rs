//! Breakers are per (service, tenant, URL): one tenant's failing NetBox does not stop another's.

use nbi_core::{BreakerState, ErrorKind};
use nbi_sim::FaultConfig;

use crate::support::lab;

#[tokio::test]
async fn a_failing_tenant_opens_only_its_own_breaker() {
    let lab = lab(
        1,
        "retry = { max_attempts = 1 }\nbreaker = { failure_threshold = 2, reset_timeout_s = 60 }",
    )
    .await;
    lab.sim.set_faults(
        Some("tenant-1"),
        FaultConfig {
            fail_rate: 1.0,
            ..FaultConfig::default()
        },
    );
    let one = lab.client("tenant-1");
    let two = lab.client("tenant-2");
    for _ in 0..2 {
        let err = one.status().get().await.unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    }
    let err = one.status().get().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::CircuitOpen);
    assert_eq!(one.transport().breaker_state(), BreakerState::Open);

    for _ in 0..3 {
        two.dcim().devices().list().send().await.unwrap();
    }
    assert_eq!(two.transport().breaker_state(), BreakerState::Closed);
}
