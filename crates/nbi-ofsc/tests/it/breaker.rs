//! Breakers are per (service, tenant, URL): one tenant's failing OFSC does not stop another's.

use nbi_core::{BreakerState, ErrorKind};
use nbi_sim::FaultConfig;

use crate::support::lab;

#[tokio::test]
async fn a_failing_tenant_opens_only_its_own_breaker() {
    let lab = lab(
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
    let (one, two) = (lab.basic(), lab.oauth2());
    for _ in 0..2 {
        assert!(one.resources().get("tech-001").send().await.is_err());
    }
    let error = one.resources().get("tech-001").send().await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::CircuitOpen, "{error}");
    assert_eq!(one.transport().breaker_state(), BreakerState::Open);
    for _ in 0..3 {
        two.resources().get("tech-001").send().await.unwrap();
    }
    assert_eq!(two.transport().breaker_state(), BreakerState::Closed);
}
