//! Rate limits, version headers, breakers per tenant, settings.

use std::time::Duration;

use nbi_core::{BreakerRegistry, BreakerState, RetryConfig};
use nbi_mano::{ManoErrorExt, ManoErrorKind, PlanRequest, QoSIntentRequest, SliceType};
use nbi_sim::FaultConfig;
use serde_json::json;
use tokio::time::Instant;

use crate::support::{builder, client, credentials, sim, sim_settings};

fn plan() -> PlanRequest {
    PlanRequest {
        intents: vec![QoSIntentRequest::new(10.0, 10.0, SliceType::Embb)],
        dry_run: None,
    }
}

fn one_attempt() -> RetryConfig {
    RetryConfig {
        max_attempts: 1,
        ..Default::default()
    }
}

#[tokio::test(start_paused = true)]
async fn a_spent_quota_holds_the_category_until_its_reset() {
    let sim = sim(1).await;
    sim_settings(&sim, "tenant-1", json!({"rate_limits": {"deployment": 2}})).await;
    // The wait for a one-minute window, rounded up to whole seconds, may pass the default
    // 60-second deadline; this call allows for it.
    let patient = RetryConfig {
        deadline_s: 120.0,
        ..Default::default()
    };
    let mano = nbi_mano::Client::builder()
        .transport(builder(&sim, 0).retry(patient).build().unwrap())
        .build()
        .unwrap();
    let o = mano.orchestrator();
    o.plan(&plan()).await.unwrap();
    o.plan(&plan()).await.unwrap();
    // The answer said `X-RateLimit-Remaining: 0`: the next deployment call waits for the
    // reset instead of spending a request on a 429, while standard calls go on.
    let started = Instant::now();
    o.intents().send().await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(1));
    o.plan(&plan()).await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(50),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_429_is_rate_limited_with_retry_after() {
    let sim = sim(1).await;
    sim_settings(&sim, "tenant-1", json!({"rate_limits": {"standard": 1}})).await;
    let first = client(&sim, 0);
    first.orchestrator().intents().send().await.unwrap();
    // A second client has not seen the quota run out: it gets the server's 429.
    let second = nbi_mano::Client::builder()
        .transport(builder(&sim, 0).retry(one_attempt()).build().unwrap())
        .build()
        .unwrap();
    let err = second.orchestrator().intents().send().await.unwrap_err();
    assert_eq!(err.mano_kind(), ManoErrorKind::RateLimited);
    let after = err.retry_after().unwrap();
    assert!(
        after > Duration::ZERO && after <= Duration::from_secs(60),
        "{after:?}"
    );
}

#[tokio::test]
async fn version_headers_are_surfaced() {
    let sim = sim(1).await;
    let mano = client(&sim, 0);
    mano.monitoring().health().await.unwrap();
    let v = mano.api_version().unwrap();
    assert_eq!(v.version.as_deref(), Some("1.0.0"));
    assert!(!v.is_deprecated());
    sim_settings(
        &sim,
        "tenant-1",
        json!({"deprecation_date": "2025-12-31T23:59:59Z", "sunset_date": "2026-06-30T23:59:59Z"}),
    )
    .await;
    mano.orchestrator().intents().send().await.unwrap();
    let v = mano.api_version().unwrap();
    assert_eq!(v.sunset_date.as_deref(), Some("2026-06-30T23:59:59Z"));
    assert!(v.is_deprecated());
    let raw = mano
        .raw(nbi_core::RequestSpec::get(
            nbi_core::Operation::new("list_intents", nbi_core::OperationClass::LIST),
            "/orchestrator/intents",
        ))
        .await
        .unwrap();
    assert_eq!(
        raw.header("api-deprecation-date"),
        Some("2025-12-31T23:59:59Z")
    );
}

#[tokio::test]
async fn one_tenants_open_breaker_leaves_the_other_alone() {
    let sim = sim(2).await;
    let registry = BreakerRegistry::new();
    let make = |t: usize| {
        nbi_mano::Client::builder()
            .transport(
                builder(&sim, t)
                    .retry(one_attempt())
                    .breakers(registry.clone())
                    .build()
                    .unwrap(),
            )
            .build()
            .unwrap()
    };
    let (one, two) = (make(0), make(1));
    // Log both in first, then break tenant-1's service.
    one.orchestrator().intents().send().await.unwrap();
    two.orchestrator().intents().send().await.unwrap();
    sim.set_faults(
        Some("tenant-1"),
        FaultConfig {
            fail_rate: 1.0,
            ..Default::default()
        },
    );
    let mut last = None;
    for _ in 0..10 {
        last = Some(one.orchestrator().intents().send().await.unwrap_err());
    }
    assert_eq!(last.unwrap().kind(), nbi_mano::ErrorKind::CircuitOpen);
    assert_eq!(one.transport().breaker_state(), BreakerState::Open);
    two.orchestrator().intents().send().await.unwrap();
    assert_eq!(two.transport().breaker_state(), BreakerState::Closed);
}

#[tokio::test]
async fn from_transports_reads_jwt_login_settings() {
    let sim = sim(1).await;
    let (username, password) = credentials(&sim, 0);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mano.pw"), &password).unwrap();
    let toml = format!(
        r#"
        [settings]
        allow_insecure_http = true
        [tenants.acme.mano]
        url = "{}"
        auth = {{ scheme = "jwt-login", username = "{username}", password = {{ file = "mano.pw" }} }}
        [tenants.acme.other]
        kind = "netbox"
        url = "{}"
        "#,
        sim.url(nbi_sim::Service::Mano),
        sim.url(nbi_sim::Service::Mano),
    );
    let settings = nbi_core::Settings::from_toml_str(&toml, dir.path()).unwrap();
    let transports = nbi_core::Transports::new(settings);
    let mano = nbi_mano::Client::from_transports(&transports, "acme", "mano").unwrap();
    assert_eq!(
        mano.orchestrator().intents().send().await.unwrap().total,
        Some(3)
    );
    assert_eq!(mano.monitoring().health().await.unwrap().status, "healthy");
    let wrong = nbi_mano::Client::from_transports(&transports, "acme", "other").unwrap_err();
    assert_eq!(wrong.kind(), nbi_mano::ErrorKind::Config);
}
